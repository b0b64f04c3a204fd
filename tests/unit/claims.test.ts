// The claims parser (a recursive-descent parser, never eval) and interval verdicts.
import { describe, expect, it } from "vitest";
import { parseClaim, type Expr } from "../../src/model/claims.js";
import { evaluateClaims } from "../../src/reconcile/claims.js";
import { Dec } from "../../src/model/decimal.js";
import type { Recomputed, RecomputedTable } from "../../src/compute/recompute.js";
import type { ReportingTree } from "../../src/model/types.js";

const show = (e: Expr): string =>
  e.kind === "number"
    ? `${e.text}${e.percent ? "%" : ""}`
    : e.kind === "ref"
      ? `${e.metric}@${e.column ?? "root"}${e.period === null ? "" : `@${e.period}`}`
      : e.kind === "neg"
        ? `(-${show(e.operand)})`
        : `(${show(e.left)} ${e.op} ${show(e.right)})`;

describe("parseClaim", () => {
  it("respects precedence and parentheses", () => {
    const r = parseClaim("a.x@s / (a.x@s + b.y@s) > 92%");
    expect(r.ok && `${show(r.claim.left)} ${r.claim.op} ${show(r.claim.right)}`).toBe(
      "(a.x@s / (a.x@s + b.y@s)) > 92%",
    );
    const s = parseClaim("1 + 2 × 3 − 4 ÷ 2 ≥ -1");
    expect(s.ok && `${show(s.claim.left)} ${s.claim.op} ${show(s.claim.right)}`).toBe(
      "((1 + (2 * 3)) - (4 / 2)) >= (-1)",
    );
  });

  it("a reference without @column means the total", () => {
    const r = parseClaim("ghg.total <= 60000");
    expect(r.ok && show(r.claim.left)).toBe("ghg.total@root");
  });

  it("reads ≈ (rounds to the printed figure) and references to another period", () => {
    const r = parseClaim("energy.total@group@2022 ≈ 97.92%");
    expect(r.ok && `${show(r.claim.left)} ${r.claim.op} ${show(r.claim.right)}`).toBe(
      "energy.total@group@2022 ≈ 97.92%",
    );
    // metric@x: a node or a period, which the claims file decides (claimsFile.ts) against the tree and the periods.
    const s = parseClaim("energy.total@FY2022 > 0");
    expect(s.ok && show(s.claim.left)).toBe("energy.total@FY2022");
    // ≈ compares with a figure as printed, never with an expression.
    expect(parseClaim("a ≈ b + 1")).toMatchObject({
      ok: false,
      message: '"≈" compares with a figure as printed, such as 97.92%: found an expression',
      at: 4,
    });
  });

  it("names the position of a syntax error", () => {
    expect(parseClaim("a / (b + c > 1")).toMatchObject({ ok: false, message: 'expected ")" but found ">"', at: 11 }); // 0-based: the > is the 12th character
    expect(parseClaim("a + b")).toMatchObject({
      ok: false,
      message: "expected a comparison (>, >=, <, <=, =, ≈) but found the end of the claim",
      at: 5,
    });
    expect(parseClaim("a > 1 > 2")).toMatchObject({ ok: false, message: 'unexpected ">" after the comparison', at: 6 });
    expect(parseClaim("a > $1")).toMatchObject({ ok: false, message: 'unexpected "$"', at: 4 });
    // and says it as a message of the catalogue too (a report in Chinese prints its template)
    expect(parseClaim("a > $1")).toMatchObject({ say: { key: "error.claim.unexpected", args: { found: "$" } } });
    expect(parseClaim("a + b")).toMatchObject({
      say: { key: "error.claim.expected-comparison", args: { found: { key: "error.claim.end" } } },
    });
    expect(parseClaim("process.exit(1) > 0").ok).toBe(false);
  });
});

const tree = (root: string): ReportingTree => ({
  root,
  bottomUp: [root],
  nodes: new Map([[root, { id: root, parent: null, children: [], labels: { en: root } }]]),
});

describe("evaluateClaims", () => {
  const cell = (metric: string, v: string, lo: string, hi: string) => ({
    metric,
    node: "s",
    period: "FY",
    kind: "input" as const,
    value: new Dec(v),
    interval: { lo: new Dec(lo), hi: new Dec(hi) },
    inputs: [],
  });
  const table: RecomputedTable = {
    cells: new Map([
      [
        "s",
        new Map([
          ["a", cell("a", "92.0", "91.95", "92.05")],
          ["b", cell("b", "8.0", "7.95", "8.05")],
        ]),
      ],
    ]),
    denominators: new Map(),
    period: "FY",
  };
  const claim = (expression: string, t: RecomputedTable = table, tr: ReportingTree = tree("s")) => {
    const p = parseClaim(expression);
    if (!p.ok) throw new Error(p.message);
    return evaluateClaims(
      [{ id: "c", text: expression, expression, claim: p.claim, source: { file: "f", name: "f", line: 2 } }],
      t,
      tr,
    )[0]!;
  };

  it("supported, contradicted or undecidable by the interval the rounded figures allow", () => {
    // a ÷ (a + b) = 92.0 ÷ 100.0 = 0.92; interval [91.95 ÷ 100.05, 92.05 ÷ 99.95] = [0.91904…, 0.92096…]
    expect(claim("a@s / (a@s + b@s) > 91%").verdict).toBe("supported");
    expect(claim("a@s / (a@s + b@s) > 93%").verdict).toBe("contradicted");
    expect(claim("a@s / (a@s + b@s) > 92%").verdict).toBe("undecidable");
    expect(claim("a@s / (a@s + b@s) = 92%").verdict).toBe("undecidable");
    expect(claim("a@s - b@s >= 84").verdict).toBe("undecidable"); // [83.9, 84.1]
    expect(claim("a@s - b@s >= 83.8").verdict).toBe("supported");
  });

  it("a share is taken exactly: a ÷ (a + b) lies in [91.95 ÷ 100.00, 92.05 ÷ 100.00] = [0.9195, 0.9205]", () => {
    // Independent intervals would give [91.95 ÷ 100.10, …] = [0.918581…, …], which straddles 91.9%.
    const r = claim("a@s / (a@s + b@s) > 91.9%");
    expect(r.verdict).toBe("supported");
    expect(r.left?.interval.lo.toFixed()).toBe("0.9195");
    expect(r.left?.interval.hi.toFixed()).toBe("0.9205");
    expect(claim("a@s / (a@s + b@s) < 92.06%").verdict).toBe("supported");
    // A figure minus itself is exactly zero, whatever its rounding.
    expect(claim("a@s - a@s = 0").verdict).toBe("supported");
    expect(claim("(a@s + b@s) - b@s >= 91.95").verdict).toBe("supported");
  });

  it("a part against a total that contains it, through the tree and an identity", () => {
    // group ← x, y; m is summed, t = m + 2 × n is an identity at every node.
    // m@x = 827.2 [827.15, 827.25], m@y = 172.8 [172.75, 172.85]; m@group = 1,000.0 [999.90, 1,000.10].
    // Exact: m@x ÷ m@group ≥ 827.15 ÷ (827.15 + 172.85) = 0.82715 > 82.71%.
    // Independent: 827.15 ÷ 1,000.10 = 0.8270673 < 82.71%: undecidable.
    const input = (metric: string, node: string, v: string, lo: string, hi: string): Recomputed => ({
      metric,
      node,
      period: "FY",
      kind: "input",
      value: new Dec(v),
      interval: { lo: new Dec(lo), hi: new Dec(hi) },
      inputs: [],
    });
    const mx = input("m", "x", "827.2", "827.15", "827.25");
    const my = input("m", "y", "172.8", "172.75", "172.85");
    const nx = input("n", "x", "10.0", "9.95", "10.05");
    const sum = (metric: string, parts: Recomputed[]): Recomputed => ({
      metric,
      node: "group",
      period: "FY",
      kind: "sum",
      value: parts.reduce((s, p) => s.plus(p.value), new Dec(0)),
      interval: {
        lo: parts.reduce((s, p) => s.plus(p.interval.lo), new Dec(0)),
        hi: parts.reduce((s, p) => s.plus(p.interval.hi), new Dec(0)),
      },
      inputs: parts,
    });
    const mg = sum("m", [mx, my]);
    const ng = sum("n", [nx]);
    // t@group = m@group + 2 × n@group = 1,000.0 + 20.0 = 1,020.0, [999.90 + 19.90, 1,000.10 + 20.10] = [1,019.80, 1,020.20]
    const tg: Recomputed = {
      metric: "t",
      node: "group",
      period: "FY",
      kind: "identity",
      value: new Dec("1020.0"),
      interval: { lo: new Dec("1019.80"), hi: new Dec("1020.20") },
      inputs: [mg, ng],
      coefficients: [new Dec(1), new Dec(2)],
    };
    const t: RecomputedTable = {
      cells: new Map([
        [
          "x",
          new Map([
            ["m", mx],
            ["n", nx],
          ]),
        ],
        ["y", new Map([["m", my]])],
        [
          "group",
          new Map([
            ["m", mg],
            ["n", ng],
            ["t", tg],
          ]),
        ],
      ]),
      denominators: new Map(),
      period: "FY",
    };
    const tr: ReportingTree = {
      root: "group",
      bottomUp: ["x", "y", "group"],
      nodes: new Map([
        ["group", { id: "group", parent: null, children: ["x", "y"], labels: { en: "G" } }],
        ["x", { id: "x", parent: "group", children: [], labels: { en: "X" } }],
        ["y", { id: "y", parent: "group", children: [], labels: { en: "Y" } }],
      ]),
    };
    const share = claim("m@x / m > 82.71%", t, tr);
    expect(share.verdict).toBe("supported");
    expect(share.left?.interval.lo.toFixed()).toBe("0.82715");
    // Through the identity: m@x ÷ t@group ≥ 827.15 ÷ (827.15 + 172.85 + 2 × 10.05) = 827.15 ÷ 1,020.10 = 0.810851…
    // (independent: 827.15 ÷ 1,020.20 = 0.810772…), so 81.08% is supported only when the shared m@x is seen.
    const viaIdentity = claim("m@x / t > 81.08%", t, tr);
    expect(viaIdentity.verdict).toBe("supported");
    expect(viaIdentity.left?.interval.lo.toFixed(7)).toBe("0.8108519"); // 827.15 ÷ 1,020.10, rounded down
  });

  it("≈: supported when every value the rounded figures allow rounds to the figure, contradicted when none does", () => {
    // a ÷ (a + b) lies in [0.9195, 0.9205] (the test above). Half-up at the figure's decimals:
    // 92% stands for [91.5 %, 92.5 %): all of [91.95 %, 92.05 %] rounds to it.
    expect(claim("a@s / (a@s + b@s) ≈ 92%").verdict).toBe("supported");
    // 92.0% stands for [91.95 %, 92.05 %): 92.05 % itself rounds to 92.1 %, so the top end does not round to it.
    expect(claim("a@s / (a@s + b@s) ≈ 92.0%").verdict).toBe("undecidable");
    // 92.00% stands for [91.995 %, 92.005 %): some values do, others do not.
    expect(claim("a@s / (a@s + b@s) ≈ 92.00%").verdict).toBe("undecidable");
    // 93% stands for [92.5 %, 93.5 %): no value in [91.95 %, 92.05 %] rounds to it.
    expect(claim("a@s / (a@s + b@s) ≈ 93%").verdict).toBe("contradicted");
    // 91.9% stands for [91.85 %, 91.95 %): the lowest value, 91.95 %, rounds up to 92.0 %: contradicted.
    expect(claim("a@s / (a@s + b@s) ≈ 91.9%").verdict).toBe("contradicted");
    // A figure without %: a − b = 84.0 ∈ [83.9, 84.1]; "84" stands for [83.5, 84.5).
    expect(claim("a@s - b@s ≈ 84").verdict).toBe("supported");
    // the reason is a message (data/i18n/causes.json): "every value the rounded figures allow rounds to the printed figure"
    expect(claim("a@s - b@s ≈ 84").reason).toEqual({ key: "phrase.claim.rounds.supported" });
  });

  it("@period: a reference to another period's table; each period's cell is its own quantity", () => {
    const prior: RecomputedTable = {
      cells: new Map([["s", new Map([["a", { ...cell("a", "80.0", "79.95", "80.05"), period: "PY" }]])]]),
      denominators: new Map(),
      period: "PY",
    };
    const p = parseClaim("(a@s - a@s@PY) / a@s@PY ≈ 15%");
    if (!p.ok) throw new Error(p.message);
    const [r] = evaluateClaims(
      [{ id: "c", text: "", expression: "", claim: p.claim, source: { file: "f", name: "f", line: 2 } }],
      table,
      tree("s"),
      new Map([
        ["FY", table],
        ["PY", prior],
      ]),
    );
    // (92.0 − 80.0) ÷ 80.0 = 15 %; the ends (91.95 − 80.05) ÷ 80.05 = 14.866 % and (92.05 − 79.95) ÷ 79.95 = 15.134 %
    // both round to 15 %.
    expect(r!.left!.value.toFixed()).toBe("0.15");
    expect(r!.verdict).toBe("supported");
    const missing = parseClaim("a@s@XX > 0");
    if (!missing.ok) throw new Error(missing.message);
    expect(
      evaluateClaims(
        [{ id: "c", text: "", expression: "", claim: missing.claim, source: { file: "f", name: "f", line: 2 } }],
        table,
        tree("s"),
      )[0],
    ).toMatchObject({ verdict: "undecidable", reason: { key: "phrase.claim.no-data", args: { ref: "a@s@XX" } } });
  });

  it("a reference with no data is undecidable and says why", () => {
    const r = claim("a@s > c@s");
    expect(r).toMatchObject({ verdict: "undecidable", reason: { key: "phrase.claim.no-data", args: { ref: "c@s" } } });
  });

  it("a reference with no data inside a sum is undecidable too, whichever side of the operator it is on", () => {
    const noC = { verdict: "undecidable", left: null, reason: { key: "phrase.claim.no-data", args: { ref: "c@s" } } };
    expect(claim("c@s + a@s > 0")).toMatchObject(noC);
    expect(claim("a@s + c@s > 0")).toMatchObject(noC);
    expect(claim("a@s * c@s > 0")).toMatchObject(noC);
    // the other side is still shown: 0 exactly
    expect(claim("a@s + c@s > 0").right?.interval.hi.toFixed()).toBe("0");
  });

  it("unary minus: −a lies in [−92.05, −91.95], and −a + a is exactly 0", () => {
    expect(claim("-a@s < -91.9").verdict).toBe("supported"); // −91.95 < −91.9
    expect(claim("-a@s > -92.1").verdict).toBe("supported"); // −92.05 > −92.1
    const r = claim("-a@s + a@s = 0");
    expect(r.verdict).toBe("supported");
    expect([r.left?.value.toFixed(), r.left?.interval.lo.toFixed(), r.left?.interval.hi.toFixed()]).toEqual([
      "0",
      "0",
      "0",
    ]);
  });

  it("products: by a constant, a linear form; of two figures, a quantity of its own with the product of the ends", () => {
    // a × b = 92.0 × 8.0 = 736; ends 91.95 × 7.95 = 731.0025 and 92.05 × 8.05 = 741.0025 (all ends positive)
    const ab = claim("a@s * b@s > 731");
    expect(ab.verdict).toBe("supported");
    expect([ab.left?.value.toFixed(), ab.left?.interval.lo.toFixed(), ab.left?.interval.hi.toFixed()]).toEqual([
      "736",
      "731.0025",
      "741.0025",
    ]);
    expect(claim("a@s * b@s < 741").verdict).toBe("undecidable");
    // 2 × a and a × 2 stay linear in a: minus a twice is exactly 0 (a product of its own would give [−0.1, 0.1])
    expect(claim("2 * a@s - a@s - a@s = 0").verdict).toBe("supported");
    expect(claim("a@s * 2 - a@s - a@s = 0").verdict).toBe("supported");
    const twice = claim("a@s * 2 >= 183.9"); // [183.9, 184.1]
    expect([twice.verdict, twice.left?.interval.lo.toFixed(), twice.left?.interval.hi.toFixed()]).toEqual([
      "supported",
      "183.9",
      "184.1",
    ]);
    expect(claim("2 * 3 = 6").verdict).toBe("supported");
    // a product with a negative factor: −a × b, ends −92.05 × 8.05 = −741.0025 and −91.95 × 7.95 = −731.0025
    const neg = claim("(0 - a@s) * b@s < -731");
    expect([neg.verdict, neg.left?.interval.lo.toFixed(), neg.left?.interval.hi.toFixed()]).toEqual([
      "supported",
      "-741.0025",
      "-731.0025",
    ]);
  });

  it("each product or quotient in a claim is its own quantity: two of them do not share a name", () => {
    // a × b + a ÷ b ∈ [731.0025 + 91.95 ÷ 8.05, …] = [731.0025 + 11.42236…, …] = [742.42…, …]: above 740.
    // (Were both one quantity, the sum would be 2 × a ÷ b ≈ 23: contradicted.)
    const r = claim("a@s * b@s + a@s / b@s > 740");
    expect(r.verdict).toBe("supported");
    expect(r.left?.value.toFixed()).toBe("747.5"); // 736 + 11.5
    // a × b − a × b: two quantities, each in [731.0025, 741.0025], so the difference lies in [−10, 10]
    const d = claim("a@s * b@s - a@s * b@s = 0");
    expect(d.verdict).toBe("undecidable");
    expect([d.left?.interval.lo.toFixed(), d.left?.interval.hi.toFixed()]).toEqual(["-10", "10"]);
  });

  it("a divisor that can be zero: undecidable, and says so", () => {
    expect(claim("a@s / (b@s - b@s) > 0")).toMatchObject({
      verdict: "undecidable",
      left: null,
      reason: { key: "phrase.claim.divisor-zero" },
    });
  });

  it("=: supported only when the difference is exactly 0, contradicted when it cannot be 0", () => {
    // a − 91.95 ∈ [0, 0.1]: one end 0 is not enough either way
    expect(claim("a@s - 91.95 = 0").verdict).toBe("undecidable");
    expect(claim("a@s = 100")).toMatchObject({ verdict: "contradicted", reason: { key: "phrase.claim.contradicted" } }); // [−8.05, −7.95]
    expect(claim("a@s = 80").verdict).toBe("contradicted"); // [11.95, 12.05]
    expect(claim("a@s - a@s = 0").reason).toEqual({ key: "phrase.claim.supported" });
    expect(claim("a@s = 92").reason).toEqual({ key: "phrase.claim.undecidable" });
  });

  it("≈ a negative figure: half-up rounds away from zero, so −1.25 rounds to −1.3 and −1.35 to −1.4", () => {
    // −1.3 stands for (−1.35, −1.25]; 1.3 for [1.25, 1.35)
    expect(claim("-1.25 ≈ -1.3").verdict).toBe("supported");
    expect(claim("1.25 ≈ 1.3").verdict).toBe("supported");
    expect(claim("-1.35 ≈ -1.3").verdict).toBe("contradicted");
    expect(claim("-1.2 ≈ -1.3").verdict).toBe("contradicted");
    expect(claim("-1.3 ≈ -1.3").verdict).toBe("supported");
    // −a ∈ [−92.05, −91.95]: all of it rounds to −92; −92.0 stands for (−92.05, −91.95]: −92.05 itself rounds to −92.1
    expect(claim("-a@s ≈ -92").verdict).toBe("supported");
    expect(claim("-a@s ≈ -92.0").verdict).toBe("undecidable");
    expect(claim("-a@s ≈ 92").verdict).toBe("contradicted");
  });

  it("≈ with something other than a figure on its right (the parser never makes one) is undecidable", () => {
    const p = parseClaim("a@s > b@s");
    if (!p.ok) throw new Error(p.message);
    const [r] = evaluateClaims(
      [
        {
          id: "c",
          text: "",
          expression: "",
          claim: { ...p.claim, op: "≈" },
          source: { file: "f", name: "f", line: 2 },
        },
      ],
      table,
      tree("s"),
    );
    expect(r).toMatchObject({ verdict: "undecidable", reason: { key: "phrase.claim.rounds.undecidable" } });
  });

  it("a reference naming the report's own period resolves without a map of periods", () => {
    expect(claim("a@s@FY > 91.9").verdict).toBe("supported");
    expect(claim("a@s@FY - a@s = 0").verdict).toBe("supported"); // the same cell
  });
});
