// The pure reconcile core on in-memory data: compareNumber / publishedIntervalOf (src/reconcile/compare.ts) and
// reconcile / reconcileCell (src/reconcile/reconcile.ts). The only file read is the catalogue; the dataset is
// built from CSV text below through parseCsv and buildDataset (tests/unit/memoryDataset.ts). Every expected value
// is worked by hand in a comment.
import { causeText } from "../../src/render/labels.js";
import { ctx } from "./renderFixtures.js";
import { countStatuses } from "../../src/findings/checkResult.js";
import { columnById, publishedCell } from "../../src/model/columns.js";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { PeriodTables } from "../../src/reconcile/reconcile.js";
import type { Finding } from "../../src/findings/finding.js";
import { loadCatalogue } from "../../src/io/reference.js";
import { Dec } from "../../src/model/decimal.js";
import type { Interval } from "../../src/model/interval.js";
import { parsePrintedNumber, parsePublishedFigure, type PrintedNumber } from "../../src/model/printedNumber.js";
import type { Dataset, PublishedCell } from "../../src/model/types.js";
import { compareNumber, publishedIntervalOf } from "../../src/reconcile/compare.js";
import { reconcile, reconcileCell } from "../../src/reconcile/reconcile.js";
import { memoryDataset } from "./memoryDataset.js";
import { ARITHMETIC_ONLY, result } from "./renderFixtures.js";
import { fileURLToPath } from "node:url";
import type { Recomputed, RecomputedTable as RecomputedTableOf } from "../../src/compute/recompute.js";

const catalogue = loadCatalogue();
if (!catalogue.ok) throw new Error(JSON.stringify(catalogue.errors));
const cat = catalogue.value;

const d = (s: string) => new Dec(s);
const iv = (lo: string, hi: string): Interval => ({ lo: d(lo), hi: d(hi) });
const show = (i: Interval | null) => (i ? [i.lo.toFixed(), i.hi.toFixed()] : null);
function printed(text: string): PrintedNumber {
  const p = parsePrintedNumber(text);
  if (!p.ok) throw new Error(p.reason);
  return p.number;
}

describe("publishedIntervalOf", () => {
  it("a printed figure stands for ± half a unit of its last digit", () => {
    expect(show(publishedIntervalOf(printed("1,200.5"), true))).toEqual(["1200.45", "1200.55"]);
    expect(show(publishedIntervalOf(printed("1.84"), true))).toEqual(["1.835", "1.845"]);
    expect(show(publishedIntervalOf(printed("361"), true))).toEqual(["360.5", "361.5"]);
  });

  it("clamps 0.0 at zero for a quantity that cannot be negative: [0, 0.05], not [-0.05, 0.05]", () => {
    expect(show(publishedIntervalOf(printed("0.0"), true))).toEqual(["0", "0.05"]);
    expect(show(publishedIntervalOf(printed("0.0"), false))).toEqual(["-0.05", "0.05"]);
    // 0.04 ± 0.005 lies above zero already: clamping changes nothing
    expect(show(publishedIntervalOf(printed("0.04"), true))).toEqual(["0.035", "0.045"]);
  });

  it("leaves a printed negative figure unclamped, even for a quantity that cannot be negative", () => {
    // -35.0 ± 0.05 = [-35.05, -34.95]; clamped it would have been [0, 0]
    expect(show(publishedIntervalOf(printed("-35.0"), true))).toEqual(["-35.05", "-34.95"]);
    expect(show(publishedIntervalOf(printed("-0.1"), true))).toEqual(["-0.15", "-0.05"]);
  });
});

describe("compareNumber", () => {
  it("match: the recomputed value rounds half-up to the printed figure", () => {
    // 3.5 to 1 decimal is 3.5
    expect(compareNumber(d("3.5"), iv("3.4", "3.6"), printed("3.5"), true)).toBe("match");
    // 3.55 half-up to 1 decimal is 3.6 (not 3.5: no banker's rounding)
    expect(compareNumber(d("3.55"), iv("3.45", "3.65"), printed("3.6"), true)).toBe("match");
    // 2,295.9 ÷ 1,250.0 = 1.83672 → 1.84
    expect(compareNumber(d("1.83672"), iv("1.8366", "1.8368"), printed("1.84"), true)).toBe("match");
  });

  it("rounding: not a match, but the two intervals share values", () => {
    // 1.2 + 2.3 = 3.5, allowed [1.15 + 2.25, 1.25 + 2.35] = [3.4, 3.6]; printed 3.6 = [3.55, 3.65): share [3.55, 3.6]
    expect(compareNumber(d("3.5"), iv("3.4", "3.6"), printed("3.6"), true)).toBe("rounding");
    // the same the other way: printed 3.4 = [3.35, 3.45) shares [3.4, 3.45) with [3.4, 3.6]
    expect(compareNumber(d("3.5"), iv("3.4", "3.6"), printed("3.4"), true)).toBe("rounding");
  });

  it("mismatch: the intervals are disjoint", () => {
    // printed 3.7 = [3.65, 3.75) lies wholly above [3.4, 3.6]
    expect(compareNumber(d("3.5"), iv("3.4", "3.6"), printed("3.7"), true)).toBe("mismatch");
    // 35.0 = [34.95, 35.05] against a printed -35.0 = [-35.05, -34.95] (not clamped)
    expect(compareNumber(d("35.0"), iv("34.95", "35.05"), printed("-35.0"), true)).toBe("mismatch");
  });

  it("the half-open edge: intervals that only touch at an end are a mismatch", () => {
    // an input printed 1,200.5 = [1,200.45, 1,200.55); a cell printed 1,200.6 = [1,200.55, 1,200.65): they touch at 1,200.55
    expect(compareNumber(d("1200.5"), iv("1200.45", "1200.55"), printed("1,200.6"), true)).toBe("mismatch");
    // and below: printed 1,200.4 = [1,200.35, 1,200.45) touches [1,200.45, 1,200.55] at 1,200.45
    expect(compareNumber(d("1200.5"), iv("1200.45", "1200.55"), printed("1,200.4"), true)).toBe("mismatch");
    // an exact 1,200.55 (a single point) prints as 1,200.6 under half-up: a match there, and outside [1,200.45, 1,200.55)
    expect(compareNumber(d("1200.55"), iv("1200.55", "1200.55"), printed("1,200.6"), true)).toBe("match");
    expect(compareNumber(d("1200.55"), iv("1200.55", "1200.55"), printed("1,200.5"), true)).toBe("mismatch");
    // an exact 1,200.45 lies inside [1,200.45, 1,200.55) (its closed lower end) but rounds to 1,200.5 anyway: match
    expect(compareNumber(d("1200.45"), iv("1200.45", "1200.45"), printed("1,200.5"), true)).toBe("match");
  });

  it("clamping 0.0 at zero decides between rounding and mismatch when the recomputed interval reaches below zero", () => {
    // recomputed -0.06, allowed [-0.08, -0.04]; it rounds to -0.1, not 0.0.
    // may be negative: 0.0 = [-0.05, 0.05) shares [-0.05, -0.04] → rounding
    expect(compareNumber(d("-0.06"), iv("-0.08", "-0.04"), printed("0.0"), false)).toBe("rounding");
    // cannot be negative: 0.0 = [0, 0.05) cannot reach -0.04 → mismatch
    expect(compareNumber(d("-0.06"), iv("-0.08", "-0.04"), printed("0.0"), true)).toBe("mismatch");
  });

  it("a printed negative figure is not clamped into a rounding difference", () => {
    // recomputed 0.0 from an input printed 0.0, allowed [0, 0.05] (clamped). Printed -0.1 = [-0.15, -0.05]: disjoint → mismatch.
    // (Clamped to [0, 0], it would have been the point 0, inside [0, 0.05]: a "rounding".)
    expect(compareNumber(d("0.0"), iv("0", "0.05"), printed("-0.1"), true)).toBe("mismatch");
  });

  it('a bound "<0.01": what lies in [0, 0.01) matches; beyond, the intervals decide', () => {
    const below = parsePublishedFigure("<0.01", false, { below: true });
    if (!below.ok) throw new Error(below.reason);
    const lt = below.number; // held as 0.005 at 2 decimals, printed interval [0, 0.01]
    // 0.004 and 0 lie in [0, 0.01): a match (0.004 rounds to 0.00, not to the 0.005 held, so only the bound says so)
    expect(compareNumber(d("0.004"), iv("0.0035", "0.0045"), lt, true)).toBe("match");
    expect(compareNumber(d("0"), iv("0", "0"), lt, true)).toBe("match");
    // 0.01 is not below 0.01; [0.0095, 0.0105] shares [0.0095, 0.01] with [0, 0.01]: rounding
    expect(compareNumber(d("0.01"), iv("0.0095", "0.0105"), lt, true)).toBe("rounding");
    // 0.02, [0.015, 0.025], lies wholly above [0, 0.01]: mismatch (at or above the bound is not "below" it)
    expect(compareNumber(d("0.02"), iv("0.015", "0.025"), lt, true)).toBe("mismatch");
    // −0.001 is below the bound but not in [0, 0.01); [−0.002, 0.001] shares [0, 0.001] with it: rounding
    expect(compareNumber(d("-0.001"), iv("-0.002", "0.001"), lt, false)).toBe("rounding");
  });
});

// ---------------------------------------------------------------------------------------------------------------
// A tiny dataset: group ← plant-a, plant-b; no denominator (no intensity row).

const ENERGY = `facility,metric,value,unit
plant-a,energy.purchased_electricity,10.0,MWh
plant-b,energy.purchased_electricity,0.0,MWh
`;
const EMISSIONS = `facility,metric,value,unit
plant-a,ghg.scope1,1.2,tCO2e
plant-a,ghg.scope2,4.0,tCO2e
plant-b,ghg.scope1,2.3,tCO2e
plant-b,ghg.scope2,0.5,tCO2e
`;
const PUBLISHED = `section,label,unit,Plant A,Plant B,Group
Energy use,Purchased electricity,MWh,10.0,/,10.0
Greenhouse gas emissions,Scope 1,tCO2e,1.2,2.3,3.6
Greenhouse gas emissions,Scope 2,tCO2e,4.0,/,4.7
Greenhouse gas emissions,Total GHG emissions,tCO2e,5.2,2.8,8.0
Water,Municipal water supply,m3,/,/,12.0
`;

/** text with `old` (which must occur) replaced by `new`: a variant of the CSV above that cannot silently stay the same. */
function swap(text: string, old: string, replacement: string): string {
  if (!text.includes(old)) throw new Error(`not found: ${old}`);
  return text.replace(old, replacement);
}

function build(files: { published?: string; energy?: string; emissions?: string; water?: string } = {}): {
  dataset: Dataset;
  table: PeriodTables;
} {
  const { dataset, table } = memoryDataset(cat, {
    id: "unit-reconcile",
    units: [
      { id: "plant-a", label: "Plant A" },
      { id: "plant-b", label: "Plant B" },
    ],
    published: files.published ?? PUBLISHED,
    activity: {
      "energy.csv": files.energy ?? ENERGY,
      "emissions.csv": files.emissions ?? EMISSIONS,
      ...(files.water ? { "water.csv": files.water } : {}),
    },
  });
  return { dataset, table: new Map([[table.period, table]]) };
}

const cellOf = (dataset: Dataset, metric: string, column: string): PublishedCell => {
  const c = publishedCell(dataset, metric, column);
  if (!c) throw new Error(`${metric}/${column}`);
  return c;
};
const findingOf = (findings: Finding[], metric: string, column: string): Finding => {
  const found = findings.filter((f) => f.metric === metric && f.column === column);
  expect(found, `${metric}/${column}`).toHaveLength(1);
  return found[0]!;
};

describe("reconcileCell", () => {
  const { dataset, table: t } = build();
  const at = (metric: string, column: string) => reconcileCell(cellOf(dataset, metric, column), t, dataset);

  it("match: plant-a electricity 10.0 printed 10.0", () => {
    const f = at("energy.purchased_electricity", "plant-a")!;
    expect(f).toMatchObject({ kind: "input", status: "match", published: "10.0", displayScale: 1, causes: [] });
    expect(f.recomputedExact!.toFixed()).toBe("10");
    expect(f.difference!.toFixed(1)).toBe("0.0");
    expect(show(f.recomputedInterval)).toEqual(["9.95", "10.05"]);
  });

  it("match: a sum with a zero input — group electricity 10.0 + 0.0 = 10.0", () => {
    const f = at("energy.purchased_electricity", "group")!;
    expect(f).toMatchObject({ kind: "sum", status: "match" });
    // [9.95 + 0, 10.05 + 0.05]: plant-b's 0.0 is clamped to [0, 0.05]
    expect(show(f.recomputedInterval)).toEqual(["9.95", "10.1"]);
  });

  it("rounding: group scope 1, 1.2 + 2.3 = 3.5 printed 3.6", () => {
    const f = at("ghg.scope1", "group")!;
    expect(f).toMatchObject({ kind: "sum", status: "rounding" });
    // [1.15 + 2.25, 1.25 + 2.35] = [3.4, 3.6]; 3.6 stands for [3.55, 3.65]: they share [3.55, 3.6]
    expect(show(f.recomputedInterval)).toEqual(["3.4", "3.6"]);
    expect(show(f.publishedInterval)).toEqual(["3.55", "3.65"]);
    expect(f.recomputedRounded!.toFixed(1)).toBe("3.5");
    expect(f.difference!.toFixed(1)).toBe("-0.1"); // 3.5 − 3.6
    expect(f.causes.map((c) => c.code)).toEqual(["rounding"]);
  });

  it("mismatch: group scope 2, 4.0 + 0.5 = 4.5 printed 4.7", () => {
    const f = at("ghg.scope2", "group")!;
    expect(f).toMatchObject({ kind: "sum", status: "mismatch" });
    // [3.95 + 0.45, 4.05 + 0.55] = [4.4, 4.6] against [4.65, 4.75]: disjoint
    expect(show(f.recomputedInterval)).toEqual(["4.4", "4.6"]);
    expect(show(f.publishedInterval)).toEqual(["4.65", "4.75"]);
    expect(f.difference!.toFixed(1)).toBe("-0.2"); // 4.5 − 4.7
  });

  it("omitted: plant-b scope 2 printed / while the data gives 0.5", () => {
    const f = at("ghg.scope2", "plant-b")!;
    expect(f).toMatchObject({
      kind: "input",
      status: "omitted",
      published: "/",
      publishedNumber: null,
      publishedInterval: null,
      difference: null,
      displayScale: 1,
    });
    expect(f.recomputedRounded!.toFixed(1)).toBe("0.5");
    expect(f.causes.map((c) => c.code)).toEqual(["not-published"]);
  });

  it("missing: group municipal water printed 12.0 with no water data at all", () => {
    const f = at("water.municipal", "group")!;
    expect(f).toMatchObject({
      kind: "sum",
      status: "missing",
      recomputed: null,
      recomputedExact: null,
      recomputedInterval: null,
      difference: null,
    });
    expect(f.publishedNumber!.value.toFixed(1)).toBe("12.0");
    expect(f.causes.map((c) => c.code)).toEqual(["no-data"]);
  });

  it("no finding for a / cell with nothing behind it, nor for a / cell whose data is zero", () => {
    expect(at("water.municipal", "plant-a")).toBeNull(); // no water row at all
    expect(at("water.municipal", "plant-b")).toBeNull();
    expect(at("energy.purchased_electricity", "plant-b")).toBeNull(); // the data says 0.0
  });

  it("a derived cell from its terms: plant-b total 2.3 + 0.5 = 2.8, even though the table prints / for scope 2", () => {
    const f = at("ghg.total", "plant-b")!;
    expect(f).toMatchObject({ kind: "identity", status: "match" });
    expect(f.recomputedExact!.toFixed(1)).toBe("2.8");
  });
});

describe("reconcile", () => {
  const { dataset, table: t } = build();
  // (in beforeEach, not the describe body or a beforeAll: the mutation run switches a mutant on only after the files
  // are collected, and counts code run outside a test or its beforeEach as no test's, so it would not run these tests)
  const r = { findings: [] as Finding[] };
  beforeEach(() => {
    r.findings = reconcile(dataset, t);
  });

  it("gives one finding per checked cell, in the table's order, and counts them", () => {
    // electricity: A match, B (/, zero) none, G match
    // scope 1: A match, B match, G rounding
    // scope 2: A match, B omitted, G mismatch
    // total: A 1.2 + 4.0 = 5.2 match, B 2.3 + 0.5 = 2.8 match, G 3.5 + 4.5 = 8.0 match
    // water: A, B (/, nothing) none, G missing
    expect(r.findings.map((f) => [f.metric, f.column, f.status])).toEqual([
      ["energy.purchased_electricity", "plant-a", "match"],
      ["energy.purchased_electricity", "group", "match"],
      ["ghg.scope1", "plant-a", "match"],
      ["ghg.scope1", "plant-b", "match"],
      ["ghg.scope1", "group", "rounding"],
      ["ghg.scope2", "plant-a", "match"],
      ["ghg.scope2", "plant-b", "omitted"],
      ["ghg.scope2", "group", "mismatch"],
      ["ghg.total", "plant-a", "match"],
      ["ghg.total", "plant-b", "match"],
      ["ghg.total", "group", "match"],
      ["water.municipal", "group", "missing"],
    ]);
    expect(countStatuses(r.findings)).toEqual({
      match: 8,
      rounding: 1,
      mismatch: 1,
      missing: 1,
      omitted: 1,
      "within-materiality": 0,
      material: 0,
      incomplete: 0,
    });
  });

  it("agrees with reconcileCell cell by cell", () => {
    for (const f of r.findings) expect(f).toEqual(reconcileCell(cellOf(dataset, f.metric, f.column), t, dataset));
  });

  it("compares the group total with the data, not with the printed subtotals: 3.5 + 4.5 = 8.0", () => {
    // the printed subtotals 3.6 + 4.7 = 8.3 would not give 8.0; the data's 3.5 + 4.5 does
    const f = findingOf(r.findings, "ghg.total", "group");
    expect(f.recomputedExact!.toFixed(1)).toBe("8.0");
    // [3.4 + 4.4, 3.6 + 4.6] = [7.8, 8.2]
    expect(show(f.recomputedInterval)).toEqual(["7.8", "8.2"]);
  });

  it("after changing a published cell in memory, that cell's status follows", () => {
    const { dataset: ds, table: tt } = build();
    const c = cellOf(ds, "ghg.scope1", "group");
    // 3.5 printed 3.5 is a match; printed 3.8 = [3.75, 3.85) is beyond [3.4, 3.6]: mismatch
    c.value = { kind: "number", number: printed("3.5") };
    expect(reconcileCell(c, tt, ds)!.status).toBe("match");
    c.value = { kind: "number", number: printed("3.8") };
    expect(reconcileCell(c, tt, ds)!.status).toBe("mismatch");
    // a blank cell over the non-zero 3.5 is omitted, like "/"
    c.value = { kind: "blank" };
    c.text = "";
    expect(reconcileCell(c, tt, ds)).toMatchObject({ status: "omitted", published: "" });
  });
});

describe("the derived-metric rule", () => {
  // plant-b has no scope 2 row in the data.
  const NO_B_SCOPE2 = swap(EMISSIONS, "plant-b,ghg.scope2,0.5,tCO2e\n", "");

  it("a derived cell whose term the table prints but the data lacks is missing, not a smaller sum", () => {
    // the table prints 0.5 for plant-b's scope 2 (4.0 + 0.5 = 4.5 for the group); the data has none. Total plant-b printed 2.8.
    const published = swap(
      PUBLISHED,
      "Greenhouse gas emissions,Scope 2,tCO2e,4.0,/,4.7",
      "Greenhouse gas emissions,Scope 2,tCO2e,4.0,0.5,4.5",
    );
    const { dataset, table: t } = build({ emissions: NO_B_SCOPE2, published });
    const r = { findings: reconcile(dataset, t) };
    expect(findingOf(r.findings, "ghg.scope2", "plant-b")).toMatchObject({ status: "missing" });
    // Without the rule the total would be scope 1 alone, 2.3, against the printed 2.8: a false mismatch.
    const total = findingOf(r.findings, "ghg.total", "plant-b");
    expect(total).toMatchObject({
      kind: "identity",
      status: "missing",
      recomputed: null,
      recomputedExact: null,
      recomputedInterval: null,
      difference: null,
    });
    expect(total.causes.map((c) => ({ code: c.code, message: causeText(ctx(), c) }))).toEqual([
      { code: "no-data", message: "needs ghg.scope2 at plant-b, which the table prints but the data lacks" },
    ]);
    // plant-a has both terms: 1.2 + 4.0 = 5.2, still a match
    expect(findingOf(r.findings, "ghg.total", "plant-a").status).toBe("match");
  });

  it("a term the table prints as / counts as nothing: total plant-b is scope 1 alone, 2.3", () => {
    const published = swap(
      swap(
        PUBLISHED,
        "Greenhouse gas emissions,Scope 2,tCO2e,4.0,/,4.7",
        "Greenhouse gas emissions,Scope 2,tCO2e,4.0,/,4.0",
      ),
      "Total GHG emissions,tCO2e,5.2,2.8,8.0",
      "Total GHG emissions,tCO2e,5.2,2.3,7.5",
    );
    const { dataset, table: t } = build({ emissions: NO_B_SCOPE2, published });
    const r = { findings: reconcile(dataset, t) };
    // scope 2 plant-b: / over nothing → no finding
    expect(r.findings.some((f) => f.metric === "ghg.scope2" && f.column === "plant-b")).toBe(false);
    // 2.3 + (nothing) = 2.3; group: scope 1 3.5 + scope 2 4.0 = 7.5
    expect(findingOf(r.findings, "ghg.total", "plant-b")).toMatchObject({ status: "match" });
    expect(findingOf(r.findings, "ghg.total", "plant-b").recomputedExact!.toFixed(1)).toBe("2.3");
    expect(findingOf(r.findings, "ghg.total", "group")).toMatchObject({ status: "match" });
    expect(findingOf(r.findings, "ghg.scope2", "group")).toMatchObject({ status: "match" }); // 4.0 (plant-a only)
  });

  it("a derived cell with none of its terms in the data is missing", () => {
    // no emissions rows at all; the table prints every GHG figure
    const { dataset, table: t } = build({ emissions: "facility,metric,value,unit\n" });
    const f = findingOf(reconcile(dataset, t), "ghg.total", "plant-a");
    expect(f).toMatchObject({ status: "missing", recomputed: null });
  });
});

describe("why the data cannot give a printed figure (the no-data cause of a missing cell)", () => {
  const why = (f: Finding | null) => f!.causes.map((c) => [c.code, causeText(ctx(), c)]);
  // The tiny dataset's table with two rows more: the group's GHG intensity (a quotient by the company's revenue,
  // of which the dataset declares none) and the scope 2 share (a ratio of scope 2 to the total at the same node).
  const published =
    PUBLISHED +
    "Greenhouse gas emissions,GHG emissions intensity,tCO2e/RMB million,1.0,/,2.0\n" +
    "Greenhouse gas emissions,Scope 2 share of GHG emissions,%,/,/,50.0\n";

  it("an intensity at the root with no denominator declared: add one, or pass --revenue", () => {
    const { dataset, table: t } = build({ published });
    expect(why(reconcileCell(cellOf(dataset, "ghg.intensity", "group"), t, dataset))).toEqual([
      ["no-data", "no denominator: the dataset declares none; add one to manifest.json or pass --revenue N"],
    ]);
  });

  it("an intensity of a unit with no denominator of its own: which to declare, and what its numerator has", () => {
    const { dataset, table: t } = build({ published });
    const f = reconcileCell(cellOf(dataset, "ghg.intensity", "plant-a"), t, dataset);
    expect(f).toMatchObject({ kind: "intensity", status: "missing" });
    // plant-a's total GHG is 1.2 + 4.0 = 5.2 (one decimal, as its inputs)
    expect(why(f)).toEqual([
      [
        "no-data",
        'no denominator of revenue for plant-a: an intensity is recomputed where manifest.json declares one (a denominator with "node": "plant-a", "measure": "revenue"); the numerator ghg.total has data at plant-a (5.2)',
      ],
    ]);
    // with no emissions at all, the numerator has nothing either
    const none = build({ published, emissions: "facility,metric,value,unit\n" });
    expect(why(reconcileCell(cellOf(none.dataset, "ghg.intensity", "plant-a"), none.table, none.dataset))).toEqual([
      [
        "no-data",
        'no denominator of revenue for plant-a: an intensity is recomputed where manifest.json declares one (a denominator with "node": "plant-a", "measure": "revenue"), and the numerator ghg.total has no data at plant-a either',
      ],
    ]);
  });

  it("a ratio with neither side in the data (and neither printed at the cell): both sides named", () => {
    // no emissions rows; the table prints / for plant-a's scope 2 share, so the group's cell is the one to explain,
    // and the GHG rows are taken out so that no printed term makes the cell missing for another reason
    const onlyShare = [PUBLISHED.split("\n")[0], PUBLISHED.split("\n")[1], published.trim().split("\n").at(-1)].join(
      "\n",
    );
    const { dataset, table: t } = build({ published: `${onlyShare}\n`, emissions: "facility,metric,value,unit\n" });
    const f = reconcileCell(cellOf(dataset, "ghg.scope2.share", "group"), t, dataset);
    expect(f).toMatchObject({ status: "missing", recomputed: null });
    expect(why(f)).toEqual([
      [
        "no-data",
        "a ratio needs data on both sides: its numerator (ghg.scope2) and its denominator (ghg.total) for group, and a denominator that cannot be zero",
      ],
    ]);
  });

  it("a ratio whose term the table prints at the cell but the data lacks is missing for that term", () => {
    // plant-a: the table prints scope 2 (4.0) and the share; the data has scope 1 only for plant-a
    const emissions = swap(EMISSIONS, "plant-a,ghg.scope2,4.0,tCO2e\n", "");
    const share = swap(
      published,
      "Scope 2 share of GHG emissions,%,/,/,50.0",
      "Scope 2 share of GHG emissions,%,76.9,/,50.0",
    );
    const { dataset, table: t } = build({ published: share, emissions });
    const f = reconcileCell(cellOf(dataset, "ghg.scope2.share", "plant-a"), t, dataset);
    expect(f).toMatchObject({ status: "missing", recomputed: null });
    // scope 2 is the term printed and lacking; the total (printed 5.2) the data has as scope 1 alone
    expect(why(f)).toEqual([["no-data", "needs ghg.scope2 at plant-a, which the table prints but the data lacks"]]);
  });

  it("a derived cell with none of its terms: the terms named; an input cell: the metric named", () => {
    const { dataset, table: t } = build({ emissions: "facility,metric,value,unit\n" });
    // the group's total: its terms scope 1 and scope 2 are printed at the group, so the no-data cause names them
    expect(why(reconcileCell(cellOf(dataset, "ghg.total", "group"), t, dataset))).toEqual([
      ["no-data", "needs ghg.scope1 at group, ghg.scope2 at group, which the table prints but the data lacks"],
    ]);
    const plain = build({
      emissions: "facility,metric,value,unit\n",
      published: swap(
        swap(PUBLISHED, "Scope 1,tCO2e,1.2,2.3,3.6", "Scope 1,tCO2e,/,/,/"),
        "Scope 2,tCO2e,4.0,/,4.7",
        "Scope 2,tCO2e,/,/,/",
      ),
    });
    expect(why(reconcileCell(cellOf(plain.dataset, "ghg.total", "plant-a"), plain.table, plain.dataset))).toEqual([
      ["no-data", "none of its terms (ghg.scope1, ghg.scope2) has data for plant-a"],
    ]);
    expect(why(reconcileCell(cellOf(dataset, "water.municipal", "group"), t, dataset))).toEqual([
      ["no-data", "no activity row feeds this cell: the data has no water.municipal for group"],
    ]);
  });
});

describe("a subtotal whose unit the table prints but the data lacks", () => {
  // water: the data has plant-b's 7.0 m3 only; the table prints 5.0 for plant-a and 12.0 for the group
  const water = "facility,metric,value,unit\nplant-b,water.municipal,7.0,m3\n";
  const published = swap(PUBLISHED, "Municipal water supply,m3,/,/,12.0", "Municipal water supply,m3,5.0,7.0,12.0");

  it("the unit's own cell is a missing input; the group's is missing for it, not the smaller 7.0", () => {
    const { dataset, table: t } = build({ published, water });
    const a = reconcileCell(cellOf(dataset, "water.municipal", "plant-a"), t, dataset);
    // plant-a is a leaf: its cell would have been an input
    expect(a).toMatchObject({ kind: "input", status: "missing" });
    const g = reconcileCell(cellOf(dataset, "water.municipal", "group"), t, dataset);
    expect(g).toMatchObject({ kind: "sum", status: "missing", recomputed: null, difference: null });
    expect(g!.causes.map((c) => [c.code, causeText(ctx(), c)])).toEqual([
      ["no-data", "needs water.municipal at plant-a, which the table prints but the data lacks"],
    ]);
    // plant-b's own cell: 7.0 printed 7.0
    expect(reconcileCell(cellOf(dataset, "water.municipal", "plant-b"), t, dataset)!.status).toBe("match");
  });
});

describe("a row printed in another unit of the metric's dimension (electricity in GJ)", () => {
  // 10.0 MWh × 3.6 = 36.0 GJ; plant-b's 0.0 MWh is 0.0 GJ
  const inGJ = (a: string) =>
    build({
      published: swap(PUBLISHED, "Purchased electricity,MWh,10.0,/,10.0", `Purchased electricity,GJ,${a},/,36.0`),
    });

  it("converts the recomputed value exactly and says so", () => {
    const { dataset, table: t } = inGJ("36.0");
    const f = reconcileCell(cellOf(dataset, "energy.purchased_electricity", "plant-a"), t, dataset)!;
    expect(f).toMatchObject({ status: "match", causes: [] });
    expect(f.recomputedExact!.toFixed(1)).toBe("36.0");
    expect(f.conversion!.from).toBe("MWh");
    expect(f.conversion!.to).toBe("GJ");
    // 1 MWh = 3.6 GJ
    expect(f.conversion!.factor.toFixed()).toBe("3.6");
    expect(f.conversion!.value.toFixed(1)).toBe("10.0");
  });

  it("a converted mismatch that is not two swapped digits: no cause is looked for but that one", () => {
    // printed 40.0 against 36.0: 4.0 apart, beyond rounding; 40.0 is no swap of 36.0
    const { dataset, table: t } = inGJ("40.0");
    const f = reconcileCell(cellOf(dataset, "energy.purchased_electricity", "plant-a"), t, dataset)!;
    expect(f.status).toBe("mismatch");
    expect(f.causes.map((c) => [c.code, causeText(ctx(), c)])).toEqual([
      [
        "unexplained",
        "no known cause: the gap is larger than rounding allows and it is not two swapped digits; the row is printed in another unit than the metric's, and other causes are not looked for in a converted figure",
      ],
    ]);
  });

  it("a converted figure with two digits swapped: that cause alone; a rounding difference: none", () => {
    // printed 63.0 for 36.0: the 3 and the 6 swapped
    const swapped = inGJ("63.0");
    const f = reconcileCell(
      cellOf(swapped.dataset, "energy.purchased_electricity", "plant-a"),
      swapped.table,
      swapped.dataset,
    )!;
    expect(f.status).toBe("mismatch");
    expect(f.causes.map((c) => c.code)).toEqual(["transposition"]);
    // 36.0 GJ stands for [9.95, 10.05] × 3.6 = [35.82, 36.18]; printed 36.1 = [36.05, 36.15] overlaps: rounding
    const near = inGJ("36.1");
    const g = reconcileCell(cellOf(near.dataset, "energy.purchased_electricity", "plant-a"), near.table, near.dataset)!;
    expect(g.status).toBe("rounding");
    expect(g.causes).toEqual([]);
  });
});

describe("a cell printed as a bound or as a marker", () => {
  it('"<0.1" over a value below it: a match with nothing to add (difference 0.0)', () => {
    // plant-b's electricity is 0.0, inside [0, 0.1)
    const { dataset, table: t } = build({
      published: swap(PUBLISHED, "Purchased electricity,MWh,10.0,/,10.0", "Purchased electricity,MWh,10.0,<0.1,10.0"),
    });
    const f = reconcileCell(cellOf(dataset, "energy.purchased_electricity", "plant-b"), t, dataset)!;
    expect(f.status).toBe("match");
    expect(f.difference!.toFixed()).toBe("0");
    expect(f.difference!.toFixed(1)).toBe("0.0");
  });

  it('"<0.1" over 2.3: how far the rounded value lies above the bound, 2.3 − 0.1 = 2.2', () => {
    const { dataset, table: t } = build({
      published: swap(PUBLISHED, "Scope 1,tCO2e,1.2,2.3,3.6", "Scope 1,tCO2e,1.2,<0.1,3.6"),
    });
    const f = reconcileCell(cellOf(dataset, "ghg.scope1", "plant-b"), t, dataset)!;
    expect(f.status).toBe("mismatch");
    expect(f.difference!.toFixed(1)).toBe("2.2");
  });

  it("omitted: the cause quotes the cell as printed and trimmed (a marker), or says nothing was printed (a blank)", () => {
    const { dataset, table: t } = build();
    const c = cellOf(dataset, "ghg.scope2", "plant-b");
    // a not-applicable marker as a manifest may declare one, with the spaces around it as read
    c.text = " n.a. ";
    const f = reconcileCell(c, t, dataset)!;
    expect(f.causes.map((x) => [x.code, causeText(ctx(), x)])).toEqual([
      ["not-published", "the data gives 0.5 for this cell, but the table prints n.a."],
    ]);
    c.value = { kind: "blank" };
    c.text = "";
    const g = reconcileCell(c, t, dataset)!;
    expect(g.causes.map((x) => causeText(ctx(), x))).toEqual([
      "the data gives 0.5 for this cell, but the table prints nothing",
    ]);
  });
});

describe("two periods and a change column (fixtures/harbourline: 2022 and 2023, Change 2022–2023 at the group)", () => {
  const dir = fileURLToPath(new URL("../../fixtures/harbourline", import.meta.url));
  const CHANGE = "group@2022..2023";
  let dataset: Dataset;
  let tables: PeriodTables;
  beforeAll(() => {
    const r = result(dir, ARITHMETIC_ONLY);
    dataset = r.dataset;
    tables = r.tables;
  });
  /** A cell the table does not print, for a metric and column of our choosing, printed as `text` (a number). */
  const cell = (metric: string, column: string, text: string): PublishedCell => {
    const p = parsePublishedFigure(text, text.endsWith("%"));
    if (!p.ok) throw new Error(`${text}: ${p.reason}`);
    return {
      metric,
      column,
      text,
      value: { kind: "number", number: p.number },
      source: { file: "published.csv", name: "published.csv", line: 99 },
    };
  };
  const why = (f: Finding | null) => f!.causes.map((c) => [c.code, causeText(ctx(), c)]);

  it("a change cell is (later − earlier) ÷ earlier × 100 of the group's figures, not the later figure", () => {
    // scope 2 at the group: 2023 and 2022 from the activity files; printed 19.1%
    const later = tables.get("2023")!.cells.get("group")!.get("ghg.scope2")!.value;
    const earlier = tables.get("2022")!.cells.get("group")!.get("ghg.scope2")!.value;
    const f = reconcileCell(cellOf(dataset, "ghg.scope2", CHANGE), tables, dataset)!;
    expect(f).toMatchObject({ kind: "change", status: "match", published: "19.1%" });
    expect(f.recomputedExact!.toFixed()).toBe(later.minus(earlier).div(earlier).times(100).toFixed());
    expect(f.recomputedRounded!.toFixed(1)).toBe("19.1");
  });

  it("a change may be negative (diesel −12.2%), and a / over a recomputed change gives no finding", () => {
    const f = reconcileCell(cellOf(dataset, "energy.diesel", CHANGE), tables, dataset)!;
    expect(f).toMatchObject({ kind: "change", status: "match" });
    const slash = {
      ...cellOf(dataset, "energy.diesel", CHANGE),
      text: "/",
      value: { kind: "not-applicable" as const },
    };
    expect(reconcileCell(slash, tables, dataset)).toBeNull();
  });

  it("a change whose later period alone has data: missing, naming the period that lacks it", () => {
    // ghg.gas.ch4 has a 2023 row only (emissions.csv)
    const f = reconcileCell(cell("ghg.gas.ch4", CHANGE, "5.0%"), tables, dataset);
    expect(f).toMatchObject({ kind: "change", status: "missing", recomputed: null });
    expect(why(f)).toEqual([["no-data", "the data has no ghg.gas.ch4 at group for 2022"]]);
  });

  it("a change with neither period in the data names both, the later first", () => {
    const f = reconcileCell(cell("ghg.scope3", CHANGE, "5.0%"), tables, dataset);
    expect(f).toMatchObject({ kind: "change", status: "missing" });
    expect(why(f)).toEqual([["no-data", "the data has no ghg.scope3 at group for 2023 and 2022"]]);
  });

  it("a change from a figure that may be zero has no percentage", () => {
    // the same tables, with the group's 2022 scope 1 made 0.0 (interval [0, 0.05]): no change can be computed
    const t2022 = tables.get("2022")!;
    const group = new Map(t2022.cells.get("group")!);
    const was = group.get("ghg.scope1")!;
    const zero: Recomputed = { ...was, value: d("0"), interval: iv("0", "0.05") };
    group.set("ghg.scope1", zero);
    const zeroed = new Map(tables);
    zeroed.set("2022", { ...t2022, cells: new Map([...t2022.cells, ["group", group]]) });
    const f = reconcileCell(cellOf(dataset, "ghg.scope1", CHANGE), zeroed, dataset);
    expect(f).toMatchObject({ kind: "change", status: "missing" });
    expect(why(f)).toEqual([
      ["no-data", "ghg.scope1 at group in 2022 is zero or may be zero: a change from it has no percentage"],
    ]);
  });

  it("a change may be negative: printed 0.0% for a fall of 0.06% is a rounding difference, not clamped at zero", () => {
    // group scope 1: 2022 1,000.0 in [999.9, 1,000.1]; 2023 999.4 in [999.2, 999.6]. Change (999.4 − 1,000) ÷ 1,000
    // = −0.06 %, rounded −0.1, not 0.0; its interval [999.2 ÷ 1,000.1 − 1, 999.6 ÷ 999.9 − 1] × 100
    // = [−0.08999 %, −0.03000 %] overlaps 0.0 % = [−0.05, 0.05]: rounding. Clamped at zero, as for a quantity that
    // cannot be negative, 0.0 % would be [0, 0.05] and the two disjoint: a false mismatch.
    const set = (period: string, value: string, lo: string, hi: string, into: Map<string, RecomputedTableOf>) => {
      const t = tables.get(period)!;
      const group = new Map(t.cells.get("group")!);
      group.set("ghg.scope1", { ...group.get("ghg.scope1")!, value: d(value), interval: iv(lo, hi) });
      into.set(period, { ...t, cells: new Map([...t.cells, ["group", group]]) });
    };
    const changed = new Map(tables);
    set("2022", "1000.0", "999.9", "1000.1", changed);
    set("2023", "999.4", "999.2", "999.6", changed);
    const c = { ...cellOf(dataset, "ghg.scope1", CHANGE), text: "0.0%" };
    const p = parsePublishedFigure("0.0%", true);
    if (!p.ok) throw new Error(p.reason);
    c.value = { kind: "number", number: p.number };
    const f = reconcileCell(c, changed, dataset)!;
    expect(f.recomputedExact!.toFixed()).toBe("-0.06");
    expect(f.status).toBe("rounding");
    expect(show(f.publishedInterval)).toEqual(["-0.05", "0.05"]);
  });

  it("with several periods, a cell's place names its period too", () => {
    // no activity row of scope 3 category 1 anywhere: a cell the table does not print, in the 2023 group column
    const f = reconcileCell(cell("ghg.scope3.c01", "group", "5.0"), tables, dataset);
    expect(f).toMatchObject({ status: "missing" });
    expect(why(f)).toEqual([
      ["no-data", "no activity row feeds this cell: the data has no ghg.scope3.c01 for group in 2023"],
    ]);
  });

  it("a column of a period the activity files have no rows for: that is the cause", () => {
    // Harbourline with a column for 2021 added (a copy of Group 2022's, for 2021) and 2021 among its periods;
    // no activity row is for 2021, so its recomputed table is empty
    const group2022 = columnById(dataset, "group@2022")!;
    expect([group2022.node, group2022.period]).toEqual(["group", "2022"]);
    const column = { ...group2022, id: "group@2021", period: "2021" };
    const tablesOf = dataset.tables.map((t, i) => (i === 0 ? { ...t, columns: [...t.columns, column] } : t));
    const with2021 = { ...dataset, tables: tablesOf, periods: [...dataset.periods, "2021"] };
    const t = new Map(tables);
    t.set("2021", { cells: new Map(), denominators: new Map(), period: "2021" });
    const f = reconcileCell(cell("ghg.scope1", "group@2021", "5.0"), t, with2021);
    expect(f).toMatchObject({ status: "missing" });
    expect(why(f)).toEqual([["no-data", "the activity files have no rows for 2021"]]);
  });

  it("an intensity printed / where its data and its denominator are both there gives no finding", () => {
    // Suzhou declares a revenue (its energy intensity is printed, 0.1387); its GHG intensity is printed /
    expect(lookupIn(tables, "2023", "suzhou", "ghg.intensity")).toBeDefined();
    expect(reconcileCell(cellOf(dataset, "ghg.intensity", "suzhou"), tables, dataset)).toBeNull();
  });
});

const lookupIn = (tables: PeriodTables, period: string, node: string, metric: string) =>
  tables.get(period)!.cells.get(node)?.get(metric);
