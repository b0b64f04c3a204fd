// Roll-up, derived metrics and intensities on a hand-made tree, with the expected figures worked by hand.
import { denominatorSet } from "../../src/model/denominator.js";
import { describe, expect, it } from "vitest";
import {
  change,
  deriveAll,
  intensities,
  lookup,
  naturalScale,
  recompute,
  rollUp,
} from "../../src/compute/recompute.js";
import { loadCatalogue } from "../../src/io/reference.js";
import { Dec } from "../../src/model/decimal.js";
import { clampAtZero, printedInterval } from "../../src/model/interval.js";
import { parsePrintedNumber } from "../../src/model/printedNumber.js";
import { buildTree } from "../../src/model/tree.js";
import type { ActivityValue, Denominator } from "../../src/model/types.js";

const catalogue = loadCatalogue();
if (!catalogue.ok) throw new Error(JSON.stringify(catalogue.errors));
const cat = catalogue.value;

const at = { file: "manifest.json" };
const treeResult = buildTree([
  { id: "total", labels: { en: "Total" }, at },
  { id: "plants", parent: "total", labels: { en: "Plants" }, at },
  { id: "a", parent: "plants", labels: { en: "A" }, at },
  { id: "b", parent: "plants", labels: { en: "B" }, at },
  { id: "office", parent: "total", labels: { en: "Office" }, at },
]);
if (!treeResult.ok) throw new Error("tree");
const tree = treeResult.value;

let line = 1;
function row(facility: string, metric: string, text: string): ActivityValue {
  const p = parsePrintedNumber(text);
  if (!p.ok) throw new Error(p.reason);
  return {
    facility,
    period: "FY",
    metric,
    number: p.number,
    value: p.number.value,
    scale: p.number.scale,
    interval: clampAtZero(printedInterval(p.number.value, p.number.scale)),
    unit: "x",
    source: { file: "t.csv", name: "t.csv", line: ++line },
  };
}

const activity = [
  row("a", "ghg.scope1", "0.0"),
  row("a", "ghg.scope2", "6,217.0"),
  row("b", "ghg.scope1", "12,416.0"),
  row("b", "ghg.scope2", "35,214.3"),
  row("office", "energy.purchased_electricity", "14,099.2"),
  row("a", "energy.direct", "1,522.3"),
];

const denominator: Denominator = {
  id: "rev",
  labels: { en: "rev" },
  printed: "36,136.4",
  value: new Dec("36136.4"),
  scale: 1,
  interval: printedInterval(new Dec("36136.4"), 1),
  unit: "RMB-million",
  isDefault: true,
  period: "FY",
  node: "total",
  measure: "revenue",
  source: { document: "test" },
  origin: "test",
};
/** The denominators in force: the company's revenue for FY. */
const denominators = denominatorSet([denominator]);

describe("rollUp", () => {
  it("sums leaves into every ancestor and leaves absent what no leaf reports", () => {
    const cells = rollUp(tree, activity, "FY");
    // 6,217.0 + 35,214.3 = 41,431.3 at plants and at total (office has no scope 2 row)
    expect(cells.get("plants")?.get("ghg.scope2")?.value.toFixed()).toBe("41431.3");
    expect(cells.get("total")?.get("ghg.scope2")?.value.toFixed()).toBe("41431.3");
    expect(cells.get("total")?.get("ghg.scope2")?.kind).toBe("sum");
    expect(cells.get("office")?.has("ghg.scope2")).toBe(false);
    expect(cells.get("plants")?.has("energy.purchased_electricity")).toBe(false);
    // interval: [6216.95 + 35214.25, 6217.05 + 35214.35]
    const i = cells.get("plants")!.get("ghg.scope2")!.interval;
    expect([i.lo.toFixed(), i.hi.toFixed()]).toEqual(["41431.2", "41431.4"]);
  });

  it("a row of a unit the tree does not have is passed over; lookup of such a unit finds nothing", () => {
    const cells = rollUp(tree, [...activity, row("elsewhere", "ghg.scope2", "5.0")], "FY");
    expect(cells.has("elsewhere")).toBe(false);
    expect(cells.get("total")!.get("ghg.scope2")!.value.toFixed()).toBe("41431.3"); // not + 5.0
    const t = recompute(cat, tree, { reader: "reference", values: activity, files: [] }, ["FY"], denominators, "FY");
    expect(lookup(t, "elsewhere", "ghg.scope2")).toBeUndefined();
  });

  it("takes the period's rows only, each an input that keeps its activity row", () => {
    // a row of another period for b: b's scope 2 stays 35,214.3, not 35,214.3 + 999.0
    const cells = rollUp(tree, [...activity, { ...row("b", "ghg.scope2", "999.0"), period: "FY-1" }], "FY");
    const b = cells.get("b")!.get("ghg.scope2")!;
    expect(b.value.toFixed()).toBe("35214.3");
    expect(b.kind).toBe("input");
    expect(b.inputs).toEqual([]);
    expect(b.activity?.number.text).toBe("35,214.3");
    expect(cells.get("total")!.get("ghg.scope2")!.value.toFixed()).toBe("41431.3");
  });
});

describe("rollUp with a figure on an inner node (printed for a subtotal only)", () => {
  it("keeps the inner node's own figure as an input and adds it, not its children, into the total", () => {
    const rows = [row("plants", "air.voc", "12.84"), row("office", "air.voc", "0.37")];
    const cells = rollUp(tree, rows, "FY");
    const plants = cells.get("plants")!.get("air.voc")!;
    expect([plants.kind, plants.value.toFixed()]).toEqual(["input", "12.84"]);
    expect(cells.get("a")?.has("air.voc")).toBe(false);
    // 12.84 + 0.37 = 13.21, interval [12.835 + 0.365, 12.845 + 0.375] = [13.2, 13.22]
    const total = cells.get("total")!.get("air.voc")!;
    expect([total.kind, total.value.toFixed(), total.interval.lo.toFixed(), total.interval.hi.toFixed()]).toEqual([
      "sum",
      "13.21",
      "13.2",
      "13.22",
    ]);
    expect(total.inputs.map((i) => i.node)).toEqual(["plants", "office"]);
  });
});

describe("deriveAll", () => {
  it("evaluates identities at every node from that node's values, chained in catalogue order", () => {
    const cells = rollUp(tree, activity, "FY");
    deriveAll(cat, cells, "FY");
    // b: 12,416.0 + 35,214.3 = 47,630.3
    expect(cells.get("b")?.get("ghg.total")?.value.toFixed()).toBe("47630.3");
    expect(cells.get("b")?.get("ghg.total")?.kind).toBe("identity");
    // scope1 of a is 0.0 → [0, 0.05]; scope2 [6216.95, 6217.05] → total [6216.95, 6217.1]
    const i = cells.get("a")!.get("ghg.total")!.interval;
    expect([i.lo.toFixed(), i.hi.toFixed()]).toEqual(["6216.95", "6217.1"]);
    // office: indirect = purchased electricity; total = (no direct) + indirect = 14,099.2
    expect(cells.get("office")?.get("energy.indirect")?.value.toFixed()).toBe("14099.2");
    expect(cells.get("office")?.get("energy.total")?.value.toFixed()).toBe("14099.2");
    // total: direct 1,522.3 + indirect 14,099.2 = 15,621.5
    expect(cells.get("total")?.get("energy.total")?.value.toFixed()).toBe("15621.5");
  });

  it("leaves a derived cell absent where none of its terms has a value (office reports no emissions)", () => {
    const cells = rollUp(tree, activity, "FY");
    deriveAll(cat, cells, "FY");
    expect(cells.get("office")!.has("ghg.total")).toBe(false);
    expect(cells.get("a")!.has("ghg.total")).toBe(true);
  });
});

describe("intensities", () => {
  it("divides the root total by the denominator, at the root only", () => {
    const t = recompute(cat, tree, { reader: "reference", values: activity, files: [] }, ["FY"], denominators, "FY");
    const ghg = lookup(t, "total", "ghg.intensity")!;
    // (0.0 + 6,217.0 + 12,416.0 + 35,214.3) / 36,136.4 = 53,847.3 / 36,136.4 = 1.490112...
    expect(ghg.value.toDecimalPlaces(6).toFixed()).toBe("1.490112");
    expect(lookup(t, "plants", "ghg.intensity")).toBeUndefined();
    // numerator interval: a's scope 1 "0.0" is [0, 0.05] (clamped), so [53,847.15, 53,847.5];
    // [53847.15 / 36136.45, 53847.5 / 36136.35] = [1.4901062…, 1.4901200…] (Python's decimal module, 30 digits)
    expect(ghg.interval.lo.toDecimalPlaces(7, Dec.ROUND_FLOOR).toFixed()).toBe("1.4901062");
    expect(ghg.interval.hi.toDecimalPlaces(7, Dec.ROUND_FLOOR).toFixed()).toBe("1.49012");
  });

  it("a denominator of another period divides nothing", () => {
    const cells = rollUp(tree, activity, "FY");
    deriveAll(cat, cells, "FY");
    intensities(cat, tree, cells, denominatorSet([{ ...denominator, period: "FY-1" }]), "FY");
    expect(cells.get("total")!.has("ghg.intensity")).toBe(false);
  });

  it("a denominator of another measure (employees) divides no intensity per revenue", () => {
    const cells = rollUp(tree, activity, "FY");
    deriveAll(cat, cells, "FY");
    intensities(cat, tree, cells, denominatorSet([{ ...denominator, measure: "employees" }]), "FY");
    expect(cells.get("total")!.has("ghg.intensity")).toBe(false);
  });

  it("leaves an intensity absent when its numerator is", () => {
    const cells = rollUp(tree, [row("a", "ghg.scope2", "1.0")], "FY");
    intensities(cat, tree, cells, denominators, "FY");
    expect(cells.get("total")?.has("water.wastewater.intensity")).toBe(false);
  });
});

describe("change", () => {
  const at = (v: string, lo: string, hi: string, period: string) => ({
    metric: "m",
    node: "n",
    period,
    kind: "input" as const,
    value: new Dec(v),
    interval: { lo: new Dec(lo), hi: new Dec(hi) },
    inputs: [],
  });
  it("is (later − earlier) ÷ earlier × 100, with the interval of the extreme ratios", () => {
    const c = change(at("110.0", "109.95", "110.05", "2023"), at("100.0", "99.95", "100.05", "2022"))!;
    expect(c.value.toFixed()).toBe("10");
    expect(c.kind).toBe("change");
    expect(c.period).toBe("2023");
    expect(c.inputs.map((i) => i.period)).toEqual(["2023", "2022"]); // what it was computed from: later, earlier
    // lo: 109.95 / 100.05 − 1 = 0.098950524… → 9.8950524…%; hi: 110.05 / 99.95 − 1 = 0.101050525… → 10.1050525…%
    expect(c.interval.lo.toDecimalPlaces(6, Dec.ROUND_FLOOR).toFixed()).toBe("9.895052");
    expect(c.interval.hi.toDecimalPlaces(6, Dec.ROUND_FLOOR).toFixed()).toBe("10.105052");
  });
  it("has no percentage when the earlier figure is or may be zero", () => {
    expect(change(at("5", "5", "5", "2023"), at("0.0", "0", "0.05", "2022"))).toBeNull();
  });
});

describe("naturalScale: the decimals a recomputed value naturally has", () => {
  it("an input: its printed figure's; a sum: the most of its inputs'; an intensity: 2 more; a change: 1", () => {
    const t = recompute(cat, tree, { reader: "reference", values: activity, files: [] }, ["FY"], denominators, "FY");
    const a1 = rollUp(tree, [row("a", "ghg.scope2", "1.25")], "FY")
      .get("a")!
      .get("ghg.scope2")!;
    expect(naturalScale(a1)).toBe(2); // "1.25"
    expect(naturalScale(lookup(t, "plants", "ghg.scope2")!)).toBe(1); // 6,217.0 + 35,214.3
    expect(naturalScale(lookup(t, "total", "ghg.intensity")!)).toBe(3); // numerator 1 decimal, + 2
    // a value that says its scale (a region's total from the streaming reader) keeps it
    expect(naturalScale({ ...lookup(t, "plants", "ghg.scope2")!, scale: 4 })).toBe(4);
    const c = change(lookup(t, "plants", "ghg.scope2")!, { ...lookup(t, "plants", "ghg.scope2")!, period: "FY-1" })!;
    expect(naturalScale(c)).toBe(1); // inputs with 1 decimal, but a change in percent has 1 because it is one
    const c3 = change(a1, { ...a1, period: "FY-1", activity: undefined, inputs: [a1, a1] })!;
    expect(naturalScale(c3)).toBe(1); // inputs with 2 decimals: still 1
  });
});
