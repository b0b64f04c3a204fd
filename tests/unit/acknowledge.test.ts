// Acknowledged findings held against today's check (src/reconcile/acknowledge.ts), on findings and claims written
// out by hand: what a fingerprint records for each kind of finding, and a table of acknowledgement + today's
// findings in → outcome out (acknowledged / changed with what changed / stale). Every expected text is worked out
// by hand in a comment. The CLI tests (tests/cli/acknowledged.test.ts) cover the file and the report.
import { describe, expect, it } from "vitest";
import type { Recalculation } from "../../src/compute/recalculate.js";
import type { Finding } from "../../src/findings/finding.js";
import type { ClaimResult } from "../../src/findings/results.js";
import type { AckFingerprint } from "../../src/model/acknowledgements.js";
import { Dec } from "../../src/model/decimal.js";
import type { AckEntry, Denominator } from "../../src/model/types.js";
import {
  applyAcknowledgements,
  claimFingerprint,
  findingFingerprint,
  type InForce,
} from "../../src/reconcile/acknowledge.js";

const d = (s: string) => new Dec(s);

/** A finding with what the fingerprint reads; the rest as a reconciled cell has it. */
function finding(over: Partial<Finding> & Pick<Finding, "metric" | "column" | "kind" | "status">): Finding {
  return {
    table: "published",
    unit: "tCO2e",
    key: `${over.metric}/${over.column}/${over.kind}`,
    published: "4.7",
    publishedNumber: null,
    publishedInterval: null,
    recomputed: null,
    recomputedExact: null,
    recomputedInterval: null,
    recomputedRounded: d("4.5"),
    displayScale: 1,
    difference: null,
    source: { file: "published.csv", name: "published.csv", line: 2 },
    causes: [],
    ...over,
  };
}

/** A recalculation whose terms use these factors (id, value, decimals), one list per term. */
const recalculation = (...terms: [string, string, number][][]): Recalculation =>
  ({
    terms: terms.map((fs) => ({
      factors: fs.map(([id, value, scale]) => ({ id, value: { value: d(value), scale } })),
    })),
  }) as unknown as Recalculation;

const denominator = (id: string, value: string, scale: number): Denominator =>
  ({ id, value: d(value), scale }) as unknown as Denominator;

function claim(id: string, verdict: ClaimResult["verdict"], left: string | null, right: string | null): ClaimResult {
  const side = (v: string | null) => (v === null ? null : { value: d(v), interval: { lo: d(v), hi: d(v) } });
  return {
    entry: {
      id,
      text: `claim ${id}`,
      expression: `${id}: ghg.scope1 < ghg.scope1@FY2022`,
      claim: {} as ClaimResult["entry"]["claim"],
      source: { file: "claims.csv", name: "claims.csv", line: 2 },
    },
    verdict,
    left: side(left),
    right: side(right),
    reason: { key: "cause.claim.contradicted" } as unknown as ClaimResult["reason"],
  };
}

const NONE: InForce = { denominator: null, materiality: null };
const BOTH: InForce = { denominator: denominator("revenue-2023", "361", 1), materiality: d("0.05") };

describe("findingFingerprint: what an acknowledgement records of a finding", () => {
  it("a sum: status, the published text, the recomputed figure at the published precision; no options", () => {
    const f = finding({ metric: "ghg.scope2", column: "group", kind: "sum", status: "mismatch" });
    // 4.5 at 1 decimal is "4.5"; a sum depends on neither the denominator nor the materiality in force
    const expected: AckFingerprint = {
      status: "mismatch",
      published: "4.7",
      recomputed: "4.5",
      denominator: "",
      factors: "",
      materiality: "",
    };
    expect(findingFingerprint(f, BOTH)).toEqual(expected);
    expect(findingFingerprint(f, NONE)).toEqual(expected);
  });

  it("the recomputed figure keeps the published decimals (4.50 at 2), none below zero, and is empty when missing", () => {
    const at = (recomputedRounded: Dec | null, displayScale: number) =>
      findingFingerprint(
        finding({
          metric: "ghg.scope2",
          column: "group",
          kind: "sum",
          status: "missing",
          recomputedRounded,
          displayScale,
        }),
        NONE,
      ).recomputed;
    expect(at(d("4.5"), 2)).toBe("4.50");
    expect(at(d("4.5"), 1)).toBe("4.5");
    // a figure printed in thousands has scale -3: shown with 0 decimals, 12000 (not an error, not "1.2e+4")
    expect(at(d("12000"), -3)).toBe("12000");
    expect(at(null, 1)).toBe("");
  });

  it("the published text as people read it: full-width digits folded, trimmed", () => {
    const f = finding({ metric: "ghg.scope2", column: "group", kind: "sum", status: "mismatch", published: " ４.７ " });
    expect(findingFingerprint(f, NONE).published).toBe("4.7");
  });

  it("an intensity records the denominator in force: id=value at its printed decimals, or none", () => {
    const f = finding({ metric: "intensity.ghg", column: "group", kind: "intensity", status: "mismatch" });
    // 361 printed with 1 decimal: "361.0"
    expect(findingFingerprint(f, BOTH).denominator).toBe("revenue-2023=361.0");
    expect(findingFingerprint(f, NONE).denominator).toBe("none");
    // an intensity does not depend on the materiality
    expect(findingFingerprint(f, BOTH).materiality).toBe("");
  });

  it("a recalculation records its factors (each once, sorted, at their decimals) and the materiality in force", () => {
    const f = finding({
      metric: "ghg.scope2",
      column: "group",
      kind: "recalculation",
      status: "material",
      // the first term uses ng, the second grid-east and ng again: "ng=56.1" once, after "grid-east=0.5810"
      recalculation: recalculation(
        [["ng", "56.1", 1]],
        [
          ["grid-east", "0.581", 4],
          ["ng", "56.1", 1],
        ],
      ),
    });
    expect(findingFingerprint(f, BOTH)).toMatchObject({
      factors: "grid-east=0.5810 ng=56.1",
      materiality: "0.05",
      denominator: "",
    });
    expect(findingFingerprint(f, NONE)).toMatchObject({ factors: "grid-east=0.5810 ng=56.1", materiality: "" });
  });

  it("a boundary estimate records the materiality too; a finding without a recalculation has no factors", () => {
    const f = finding({ metric: "ghg.scope1", column: "plant-a", kind: "boundary", status: "material" });
    expect(findingFingerprint(f, BOTH)).toMatchObject({ factors: "", materiality: "0.05" });
    // a part-of finding is no estimate: no materiality
    const p = finding({ metric: "ghg.scope1", column: "plant-a", kind: "part-of", status: "mismatch" });
    expect(findingFingerprint(p, BOTH).materiality).toBe("");
  });
});

describe("claimFingerprint: what an acknowledgement records of a claim", () => {
  it("the verdict, the expression, both sides to 12 significant digits, the denominator in force", () => {
    // 1234.56789012345 to 12 significant digits: 1234.56789012 (the 13th digit, 3, rounds down);
    // 0.000123456789012345: 0.000123456789012 (leading zeros are not significant)
    const c = claim("c1", "contradicted", "1234.56789012345", "0.000123456789012345");
    expect(claimFingerprint(c, BOTH)).toEqual({
      status: "contradicted",
      published: "c1: ghg.scope1 < ghg.scope1@FY2022",
      recomputed: "1234.56789012 | 0.000123456789012",
      denominator: "revenue-2023=361.0",
      factors: "",
      materiality: "",
    });
  });

  it("a side with no data is empty", () => {
    expect(claimFingerprint(claim("c2", "undecidable", null, "5"), NONE)).toMatchObject({
      recomputed: " | 5",
      denominator: "none",
    });
  });
});

describe("applyAcknowledgements: acknowledgement + today's findings in → outcome out", () => {
  // today's check
  const mismatch = finding({ metric: "ghg.scope2", column: "group", kind: "sum", status: "mismatch" }); // 4.7 vs 4.5
  const rounding = finding({
    metric: "ghg.scope1",
    column: "group",
    kind: "sum",
    status: "rounding",
    published: "3.6",
    recomputedRounded: d("3.5"),
  });
  const match = finding({ metric: "energy.total", column: "group", kind: "sum", status: "match", published: "10.0" });
  // scope 2 recalculated with the grid factor 0.5810: within materiality at plant-a, material at plant-b
  const recalcAt = (column: string, status: Finding["status"]) =>
    finding({
      metric: "ghg.scope2",
      column,
      kind: "recalculation",
      status,
      recalculation: recalculation([["grid-east", "0.581", 4]]),
    });
  const within = recalcAt("plant-a", "within-materiality");
  const intensity = finding({ metric: "intensity.ghg", column: "group", kind: "intensity", status: "mismatch" });
  const recalc = recalcAt("plant-b", "material");
  const findings = [mismatch, rounding, match, within, intensity, recalc];
  const contradicted = claim("c1", "contradicted", "3.5", "3.0");
  const supported = claim("c2", "supported", "3.5", "4.0");
  const claims = [contradicted, supported];

  let line = 1;
  /** An acknowledgement of `key` that recorded `fp` (with `then` in place of some of it). */
  function ack(key: string, fp: AckFingerprint, then: Partial<AckFingerprint> = {}): AckEntry {
    line += 1;
    const [metric = "", column = "", kind = ""] = key.startsWith("claim/") ? [] : key.split("/");
    return {
      metric,
      column,
      claim: key.startsWith("claim/") ? key.slice(6) : "",
      kind: key.startsWith("claim/") ? "claim" : kind,
      ...fp,
      ...then,
      reason: "judged",
      by: "reviewer",
      at: "2026-12-01T00:00:00Z",
      key,
      source: { file: "acknowledged.csv", name: "acknowledged.csv", line },
    };
  }
  const fp = (f: Finding) => findingFingerprint(f, BOTH);

  it("the table", () => {
    const rows: [string, AckEntry, { state: string; changes: [string, string, string][] }][] = [
      [
        "a mismatch that still holds, unchanged",
        ack(mismatch.key, fp(mismatch)),
        { state: "acknowledged", changes: [] },
      ],
      [
        // acknowledged as a mismatch, 3.7 against 3.4; today a rounding difference, 3.6 against 3.5
        "a finding whose figures and status changed: every changed field, in the file's column order",
        ack(rounding.key, fp(rounding), { published: "3.7", recomputed: "3.4", status: "mismatch" }),
        {
          state: "changed",
          changes: [
            ["published", "3.7", "3.6"],
            ["recomputed", "3.4", "3.5"],
            ["status", "mismatch", "rounding"],
          ],
        },
      ],
      ["a cell that matches today: stale", ack(match.key, fp(match)), { state: "stale", changes: [] }],
      [
        "an estimate within materiality today: stale",
        ack(within.key, fp(within), { status: "material" }),
        { state: "stale", changes: [] },
      ],
      [
        "a finding that no longer exists: stale",
        ack("ghg.scope3/group/sum", fp(mismatch)),
        { state: "stale", changes: [] },
      ],
      [
        "an intensity acknowledged under another denominator",
        ack(intensity.key, fp(intensity), { denominator: "revenue-2023=350.0" }),
        { state: "changed", changes: [["denominator", "revenue-2023=350.0", "revenue-2023=361.0"]] },
      ],
      [
        "a recalculation acknowledged with another factor and materiality",
        ack(recalc.key, fp(recalc), { factors: "grid-east=0.5703", materiality: "0.1" }),
        {
          state: "changed",
          changes: [
            ["factors", "grid-east=0.5703", "grid-east=0.5810"],
            ["materiality", "0.1", "0.05"],
          ],
        },
      ],
      [
        "a contradicted claim, unchanged",
        ack("claim/c1", claimFingerprint(contradicted, BOTH)),
        { state: "acknowledged", changes: [] },
      ],
      [
        "a claim acknowledged when its left side was 3.6",
        ack("claim/c1", claimFingerprint(contradicted, BOTH), { recomputed: "3.6 | 3" }),
        { state: "changed", changes: [["recomputed", "3.6 | 3", "3.5 | 3"]] },
      ],
      [
        "a claim the data supports today: stale",
        ack("claim/c2", claimFingerprint(supported, BOTH), { status: "contradicted" }),
        { state: "stale", changes: [] },
      ],
    ];
    const entries = rows.map((r) => r[1]);
    const out = applyAcknowledgements(entries, findings, claims, BOTH);
    // one outcome per acknowledgement, in the file's order, each carrying its own entry
    expect(out).toHaveLength(rows.length);
    out.forEach((o, i) => expect(o.entry).toBe(entries[i]));
    expect(
      out.map((o, i) => [rows[i]![0], { state: o.state, changes: o.changes.map((c) => [c.field, c.then, c.now]) }]),
    ).toEqual(rows.map((r) => [r[0], r[2]]));
  });

  it("a claim today's check leaves undecidable is still acknowledgeable; a finding with no claims list is stale", () => {
    const undecidable = claim("c3", "undecidable", null, "3.0");
    const e = ack("claim/c3", claimFingerprint(undecidable, NONE));
    expect(applyAcknowledgements([e], [], [undecidable], NONE).map((o) => o.state)).toEqual(["acknowledged"]);
    expect(applyAcknowledgements([e], findings, [], NONE).map((o) => o.state)).toEqual(["stale"]);
  });

  it("nothing acknowledged, nothing out", () => {
    expect(applyAcknowledgements([], findings, claims, BOTH)).toEqual([]);
  });
});
