// The part-of comparison on its own: half-open printed intervals at their edges, which metrics are sums of
// non-negative figures up the tree, and rules that cannot be rules (refused where they are written).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parsePrintedNumber, type PrintedNumber } from "../../src/model/printedNumber.js";
import type { PublishedCell } from "../../src/model/types.js";
import { check } from "../../src/pipeline.js";
import { publishedIntervalOf } from "../../src/reconcile/compare.js";
import {
  attributeViolations,
  comparePartsWithWholes,
  isNonNegativeSum,
  partOfFindings,
  partOfVerdict,
} from "../../src/reconcile/partOf.js";
import { formatMessage } from "../../src/findings/message.js";
import { loadTexts } from "../../src/io/reference.js";
import { fileURLToPath } from "node:url";
import type { PrintedFigure } from "../../src/findings/results.js";
import { result } from "./renderFixtures.js";

function figure(text: string): PrintedFigure {
  const p = parsePrintedNumber(text);
  if (!p.ok) throw new Error(text);
  const number: PrintedNumber = p.number;
  const cell = { text } as PublishedCell;
  return { metric: "m", column: "c", cell, number, interval: publishedIntervalOf(number, true) };
}

describe("partOfVerdict: a violation only when every value of the part exceeds every value of the whole", () => {
  it("same precision: any printed part above the whole is a violation", () => {
    // 10.5 → [10.45, 10.55), 10.4 → [10.35, 10.45): the part's lowest value 10.45 already prints as 10.5 and is
    // not below any value the whole's figure stands for (all < 10.45).
    expect(partOfVerdict(figure("10.5"), figure("10.4"))).toBe("violated");
    expect(partOfVerdict(figure("10.4"), figure("10.4"))).toBe("holds");
    expect(partOfVerdict(figure("10.3"), figure("10.4"))).toBe("holds");
  });

  it("coarser whole: a part printed above it can be rounding", () => {
    // 10.45 → [10.445, 10.455), 10.4 → [10.35, 10.45): 10.445 < 10.45, e.g. part 10.446 ≤ whole 10.449.
    expect(partOfVerdict(figure("10.45"), figure("10.4"))).toBe("rounding");
    // 10.46 → [10.455, 10.465): 10.455 ≥ 10.45.
    expect(partOfVerdict(figure("10.46"), figure("10.4"))).toBe("violated");
    // 1,200.4 under a whole printed 1,200 → [1,199.5, 1,200.5): rounding; 1,200.5 → [1,200.45, 1,200.55): rounding
    // still (1,200.45 < 1,200.5); 1,200.6 → [1,200.55, …): violated.
    expect(partOfVerdict(figure("1,200.4"), figure("1,200"))).toBe("rounding");
    expect(partOfVerdict(figure("1,200.5"), figure("1,200"))).toBe("rounding");
    expect(partOfVerdict(figure("1,200.6"), figure("1,200"))).toBe("violated");
  });

  it("zero: 0.0 stands for [0, 0.05) for a quantity that cannot be negative", () => {
    expect(partOfVerdict(figure("0.0"), figure("0.0"))).toBe("holds");
    expect(partOfVerdict(figure("0.1"), figure("0.0"))).toBe("violated"); // 0.05 ≥ 0.05
    expect(partOfVerdict(figure("0.04"), figure("0.0"))).toBe("rounding"); // 0.035 < 0.05
  });
});

describe("isNonNegativeSum: which metrics the reporting tree bounds", () => {
  const nio = result();
  const metric = (id: string) => nio.dataset.catalogue.metrics.find((m) => m.id === id);
  it("base metrics that cannot be negative, and identities of them with positive coefficients", () => {
    expect(isNonNegativeSum(nio.dataset.catalogue, metric("waste.non_hazardous.total"))).toBe(true);
    expect(isNonNegativeSum(nio.dataset.catalogue, metric("ghg.total"))).toBe(true); // scope 1 + scope 2
    expect(isNonNegativeSum(nio.dataset.catalogue, metric("energy.total"))).toBe(true); // direct + (indirect = electricity)
  });
  it("not intensities, and not an identity with a negative coefficient (a site may exceed its region's net figure)", () => {
    expect(isNonNegativeSum(nio.dataset.catalogue, metric("energy.intensity"))).toBe(false);
    const custom = result("fixtures/custom-metrics");
    const net = custom.dataset.catalogue.metrics.find((m) => m.id === "energy.net_purchased"); // electricity − 0.5 × heat
    expect(net?.kind).toBe("derived");
    expect(isNonNegativeSum(custom.dataset.catalogue, net)).toBe(false);
    expect(custom.partOf.some((c) => c.part.metric === "energy.net_purchased")).toBe(false);
  });
});

describe("NIO 2021: every part within its whole", () => {
  it("76 comparisons, all holding (counted by hand from published.csv)", () => {
    const nio = result();
    // Declared: recycled ⊂ non-hazardous total in all 5 columns; on-site solar ⊂ direct energy in the 4 columns that
    // print both (offices print "/"): 9. The tree: 20 non-intensity rows, each number at Nanjing, Hefei,
    // manufacturing and offices against its parent: 7 rows print all four (non-hazardous, recycled, hazardous,
    // electricity, indirect, total energy, municipal water), 13 print three (offices "/"): 7 × 4 + 13 × 3 = 67.
    expect(nio.partOf).toHaveLength(9 + 67);
    expect(nio.partOf.filter((c) => c.rule === "declared")).toHaveLength(9);
    expect(nio.partOf.every((c) => c.verdict === "holds")).toBe(true);
    // Nanjing's solar 1,522.3 equals its direct energy 1,522.3: a part may be its whole.
    expect(
      nio.partOf.find(
        (c) => c.part.metric === "energy.solar_onsite" && c.part.column === "nanjing" && c.rule === "declared",
      ),
    ).toMatchObject({ whole: { metric: "energy.direct" }, verdict: "holds" });
    expect(nio.findings.some((f) => f.kind === "part-of")).toBe(false);
  });
});

describe("rules that cannot be rules are refused where they are written", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const variant = (edit: (manifest: string) => string) => {
    const dir = mkdtempSync(join(tmpdir(), "esg-partof-"));
    dirs.push(dir);
    cpSync("fixtures/of-which", dir, { recursive: true });
    const file = join(dir, "manifest.json");
    writeFileSync(file, edit(readFileSync(file, "utf8")));
    return dir;
  };

  it("a manifest rule naming an unknown metric: metric-unknown at the name, with suggestions", () => {
    const r = check(
      variant((m) => m.replace('"part": "waste.non_hazardous.composted"', '"part": "waste.non_hazardous.compost"')),
    );
    expect(r.ok).toBe(false);
    const e = r.ok ? undefined : r.errors[0];
    expect(e).toMatchObject({ code: "metric-unknown", found: "waste.non_hazardous.compost" });
    expect(e?.hint).toContain("waste.non_hazardous.composted");
    // fixtures/of-which/manifest.json, line 27: `    { "part": "waste.non_hazardous.composted", …`; the column is the value's.
    expect(e?.line).toBe(27);
    expect(e?.column).toBe('    { "part": '.length + 1);
  });

  it("a part in another unit than its whole, or of a quantity that may be negative", () => {
    const units = check(
      variant((m) => m.replace('"whole": "waste.non_hazardous.total"', '"whole": "energy.purchased_electricity"')),
    );
    expect(units.ok ? [] : units.errors.map((e) => [e.code, e.message])).toEqual([
      [
        "manifest-invalid",
        "partOf[0]: waste.non_hazardous.composted cannot be part of energy.purchased_electricity: waste.non_hazardous.composted is in t, energy.purchased_electricity in MWh: a part is measured like its whole",
      ],
    ]);
    const signed = check(
      variant((m) =>
        m.replace(
          '"aliases": ["Landfilled"], "unit": "t", "kind": "base", "file": "waste", "nonNegative": true',
          '"aliases": ["Landfilled"], "unit": "t", "kind": "base", "file": "waste", "nonNegative": false',
        ),
      ),
    );
    expect(signed.ok ? [] : signed.errors.map((e) => e.code)).toEqual(["catalogue-invalid"]);
    expect(signed.ok ? "" : signed.errors[0]!.message).toBe(
      "metric waste.non_hazardous.landfilled: partOf waste.non_hazardous.total: waste.non_hazardous.landfilled may be negative, and a part of a quantity that may be negative can exceed it",
    );
  });
});

// The part-exceeds-whole cause as a table (RuleTester style): comparisons that give no finding, and violations
// that give one, with its sentence; the bounds are the printed figures ± half a unit of their last digit.
describe("partOfFindings: the part-exceeds-whole cause", () => {
  const texts = loadTexts();
  if (!texts.ok) throw new Error(JSON.stringify(texts.errors));
  const fixture = (name: string) => result(fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url)));
  const said = (dataset: Parameters<typeof partOfFindings>[0], comparisons: Parameters<typeof partOfFindings>[1]) =>
    partOfFindings(dataset, comparisons).map((f) => ({
      cell: `${f.metric}@${f.column}`,
      status: f.status,
      kind: f.kind,
      causes: f.causes.map((c) => [c.code, formatMessage(texts.value, "en", c.message)]),
    }));

  it("valid: comparisons that hold give nothing (NIO's 76)", () => {
    const nio = result();
    expect(partOfFindings(nio.dataset, nio.partOf)).toEqual([]);
  });

  it("invalid, declared rule: Plant A recycles 125.0 t of its 120.0 t (fixtures/of-which)", () => {
    // 125.0 → at least 124.95; 120.0 → less than 120.05; 124.95 ≥ 120.05.
    const r = fixture("of-which");
    expect(said(r.dataset, comparePartsWithWholes(r.dataset))).toEqual([
      {
        cell: "waste.non_hazardous.recycled@plant-a",
        status: "mismatch",
        kind: "part-of",
        causes: [
          [
            "part-exceeds-whole",
            'waste.non_hazardous.recycled is part of waste.non_hazardous.total (an "of which" row), but at plant-a the printed 125.0 stands for at least 124.95, the printed whole 120.0 for less than 120.05: the part exceeds its whole by more than rounding allows',
          ],
        ],
      },
    ]);
  });

  it("invalid, the tree: a plant's scope 2 above its group's (fixtures/xlsx-formula-total, 1,684.3 and 456.2 against 155.4)", () => {
    const r = fixture("xlsx-formula-total");
    const tree = comparePartsWithWholes(r.dataset).filter((c) => c.verdict === "violated");
    expect(said(r.dataset, tree)).toEqual([
      {
        cell: "ghg.scope2@plant-a",
        status: "mismatch",
        kind: "part-of",
        causes: [
          [
            "part-exceeds-whole",
            "plant-a is part of group in the reporting tree and ghg.scope2 sums figures that cannot be negative, but the printed 1,684.3 stands for at least 1,684.25, the printed whole 155.4 for less than 155.45: the part exceeds its whole by more than rounding allows",
          ],
        ],
      },
      {
        cell: "ghg.scope2@plant-b",
        status: "mismatch",
        kind: "part-of",
        causes: [
          [
            "part-exceeds-whole",
            "plant-b is part of group in the reporting tree and ghg.scope2 sums figures that cannot be negative, but the printed 456.2 stands for at least 456.15, the printed whole 155.4 for less than 155.45: the part exceeds its whole by more than rounding allows",
          ],
        ],
      },
    ]);
  });

  it("valid: a violation whose whole is already an arithmetic mismatch is explained by it, not counted again", () => {
    const r = fixture("xlsx-formula-total");
    const attributed = attributeViolations(comparePartsWithWholes(r.dataset), r.findings);
    expect(attributed.filter((c) => c.verdict === "violated").map((c) => c.explainedBy)).toEqual([
      { metric: "ghg.scope2", column: "group" },
      { metric: "ghg.scope2", column: "group" },
    ]);
    expect(partOfFindings(r.dataset, attributed)).toEqual([]);
  });
});
