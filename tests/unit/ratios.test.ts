// Ratio metrics (shares and rates): a sum of terms ÷ a sum of terms at each node, in percent or as a fraction, with
// the exact interval of a ratio of sums that share terms. Every expected figure is worked out by hand in the comments
// (BigInt cross-products where a bound is compared), never taken from the tool.
import { describe, expect, it } from "vitest";
import { loadCatalogue } from "../../src/io/reference.js";
import { mergeAlike } from "../../src/compute/forms.js";
import { ratioInterval, variableForm, combineForms, type LinearForm } from "../../src/compute/linearRatio.js";
import { ratioCell, recompute, type Recomputed } from "../../src/compute/recompute.js";
import { buildCatalogue } from "../../src/model/catalogue.js";
import { Dec } from "../../src/model/decimal.js";
import type { ActivityValue, Catalogue, RatioMetric, ReportingTree } from "../../src/model/types.js";
import { parseCsv } from "../../src/io/csv.js";
import { buildClaims } from "../../src/model/claimsFile.js";
import type { Expr } from "../../src/model/claims.js";
import type { InputError } from "../../src/findings/inputError.js";

const built = loadCatalogue({
  metrics: [
    {
      id: "x.share",
      section: "energy",
      labels: { en: "Share of group energy" },
      aliases: [],
      references: {},
      nonNegative: true,
      kind: "ratio",
      unit: "percent",
      numerator: [{ metric: "energy.direct" }],
      denominator: [{ metric: "energy.direct", at: "root" }],
    },
    {
      id: "x.of_parent",
      section: "energy",
      labels: { en: "Share of parent energy" },
      aliases: [],
      references: {},
      nonNegative: true,
      kind: "ratio",
      unit: "fraction",
      numerator: [{ metric: "energy.direct" }],
      denominator: [{ metric: "energy.direct", at: "parent" }],
    },
  ],
  locate: () => ({ file: "test" }),
});
if (!built.ok) throw new Error(JSON.stringify(built.errors));
const catalogue: Catalogue = built.value;

// group ← east (a, b), south (c)
const tree: ReportingTree = {
  root: "group",
  bottomUp: ["a", "b", "c", "east", "south", "group"],
  nodes: new Map([
    ["group", { id: "group", parent: null, children: ["east", "south"], labels: { en: "G" } }],
    ["east", { id: "east", parent: "group", children: ["a", "b"], labels: { en: "E" } }],
    ["south", { id: "south", parent: "group", children: ["c"], labels: { en: "S" } }],
    ["a", { id: "a", parent: "east", children: [], labels: { en: "A" } }],
    ["b", { id: "b", parent: "east", children: [], labels: { en: "B" } }],
    ["c", { id: "c", parent: "south", children: [], labels: { en: "C" } }],
  ]),
};

const row = (facility: string, metric: string, text: string): ActivityValue => {
  const decimals = (text.split(".")[1] ?? "").length;
  const half = new Dec(10).pow(-decimals).div(2);
  return {
    facility,
    period: "2023",
    metric,
    number: { text, value: new Dec(text), scale: decimals },
    unit: "MWh",
    value: new Dec(text),
    interval: { lo: new Dec(text).minus(half), hi: new Dec(text).plus(half) },
    scale: decimals,
    source: { file: "energy.csv", name: "energy.csv", line: 2 },
  };
};

// Direct energy: a 827.2, b 100.0, c 72.8 (MWh, ± 0.05 each); east 927.2, group 1,000.0.
// Scope 1/2 (tCO2e): a 20.0 / 80.0.
const table = recompute(
  catalogue,
  tree,
  {
    reader: "reference",
    files: [],
    values: [
      row("a", "energy.direct", "827.2"),
      row("b", "energy.direct", "100.0"),
      row("c", "energy.direct", "72.8"),
      row("a", "ghg.scope1", "20.0"),
      row("a", "ghg.scope2", "80.0"),
    ],
  },
  ["2023"],
  new Map(),
  "2023",
);
const cell = (node: string, metric: string) => table.cells.get(node)?.get(metric);

describe("ratio metrics at every node", () => {
  it("a site's share of the group: 827.2 ÷ 1,000.0 × 100 = 82.72 %, with the exact interval of a part over a whole that contains it", () => {
    const r = cell("a", "x.share")!;
    expect(r.kind).toBe("ratio");
    expect(r.value.toFixed()).toBe("82.72");
    // Exact: the lowest share puts a low and b, c high: 827.15 ÷ (827.15 + 100.05 + 72.85) = 827.15 ÷ 1,000.05;
    // the highest 827.25 ÷ (827.25 + 99.95 + 72.75) = 827.25 ÷ 999.95.
    // In percent: lo = 82,715 ÷ 1,000.05 = 8,271,500 ÷ 100,005 and hi = 8,272,500 ÷ 99,995, written with 40
    // decimals rounded outward (then × 100): as BigInt cross-products, lo × 100,005 ≤ 8,271,500 within 10^-38.
    const [lo, hi] = [r.interval.lo, r.interval.hi];
    const scaled = (d: Dec) => BigInt(d.times(new Dec(10).pow(40)).toFixed(0));
    const ten40 = 10n ** 40n;
    expect(scaled(lo) * 100005n <= 8271500n * ten40).toBe(true);
    expect((scaled(lo) + 100n) * 100005n > 8271500n * ten40).toBe(true);
    expect(scaled(hi) * 99995n >= 8272500n * ten40).toBe(true);
    expect((scaled(hi) - 100n) * 99995n < 8272500n * ten40).toBe(true);
    // Treated as independent intervals, the lower end would be 827.15 ÷ 1,000.15 = 82.7026 %: lower than the exact one.
    expect(lo.gt(new Dec("82.710"))).toBe(true);
  });

  it("the root's share of itself is exactly 100 % (numerator and denominator are one sum)", () => {
    const r = cell("group", "x.share")!;
    expect(r.interval.lo.eq(100) && r.interval.hi.eq(100)).toBe(true);
  });

  it("is never summed up the tree: a region's share is its own quotient, not its sites' shares added", () => {
    // east = 927.2 ÷ 1,000.0 = 92.72 %; the sites' shares 82.72 + 10.00 also give 92.72 here, so compare c's region:
    // south = 72.8 ÷ 1,000.0 = 7.28 %, and the region's cell is a ratio, not a sum of its children.
    expect(cell("east", "x.share")!.value.toFixed()).toBe("92.72");
    expect(cell("east", "x.share")!.kind).toBe("ratio");
    // A share of the parent: a ÷ east = 827.2 ÷ 927.2 = 0.89214…; the region's own is east ÷ group = 0.9272,
    // where the sites' would add up to (827.2 + 100.0) ÷ 927.2 = 1.
    expect(cell("a", "x.of_parent")!.value.toFixed(5)).toBe("0.89215");
    expect(cell("east", "x.of_parent")!.value.toFixed()).toBe("0.9272");
    // The root has no parent: no share of it.
    expect(cell("group", "x.of_parent")).toBeUndefined();
  });

  it("the built-in scope 2 share: 80.0 ÷ (20.0 + 80.0) = 80 %, at the site and at every node above it", () => {
    expect(cell("a", "ghg.scope2.share")!.value.toFixed()).toBe("80");
    expect(cell("group", "ghg.scope2.share")!.value.toFixed()).toBe("80");
    // b has no GHG rows: no share (the table's "/" there gives no finding).
    expect(cell("b", "ghg.scope2.share")).toBeUndefined();
    // Exact: scope 2 ÷ (scope 1 + scope 2) ≥ 79.95 ÷ (20.05 + 79.95) = 79.95 %, ≤ 80.05 ÷ 100.0 = 80.05 %.
    const i = cell("a", "ghg.scope2.share")!.interval;
    expect([i.lo.toFixed(), i.hi.toFixed()]).toEqual(["79.95", "80.05"]);
  });

  it("lists its terms as inputs, numerator first, for the audit trail", () => {
    const r = cell("a", "x.share")!;
    expect(r.inputs.map((x: Recomputed) => `${x.metric}@${x.node}`)).toEqual([
      "energy.direct@a",
      "energy.direct@group",
    ]);
    expect(r.numeratorTerms).toBe(1);
    expect(r.unitFactor?.toFixed()).toBe("100");
  });

  it("is absent when a side has no data or the denominator is zero", () => {
    const metric = catalogue.metrics.find((m) => m.id === "x.share") as RatioMetric;
    const zero: Recomputed = {
      metric: "energy.direct",
      node: "group",
      period: "2023",
      kind: "input",
      value: new Dec(0),
      interval: { lo: new Dec(0), hi: new Dec(0) },
      inputs: [],
    };
    expect(ratioCell(catalogue, tree, metric, "group", () => zero, "2023")).toBeUndefined();
    expect(ratioCell(catalogue, tree, metric, "a", () => undefined, "2023")).toBeUndefined();
  });
});

describe("mergeAlike", () => {
  it("gives the same exact interval with quantities that enter alike merged", () => {
    // n = x1, d = x1 + x2 + x3 + x4; x2..x4 enter alike (0 in n, 1 in d): merged into one of interval their sum.
    const names = ["x1", "x2", "x3", "x4"];
    const box = new Map(
      names.map((n, i) => [n, { lo: new Dec(10 * (i + 1)).minus("0.5"), hi: new Dec(10 * (i + 1)).plus("0.5") }]),
    );
    const sum = names.reduce<LinearForm>((s, n) => combineForms(s, new Dec(1), variableForm(n), new Dec(1)), {
      constant: new Dec(0),
      coefficients: new Map(),
    });
    const whole = ratioInterval(variableForm("x1"), sum, box);
    const m = mergeAlike(variableForm("x1"), sum, box);
    expect(m.box.size).toBe(2);
    const merged = ratioInterval(m.numerator, m.denominator, m.box);
    expect(whole.ok && merged.ok).toBe(true);
    if (whole.ok && merged.ok) {
      // 9.5 ÷ (9.5 + 20.5 + 30.5 + 40.5) = 9.5 ÷ 101 and 10.5 ÷ (10.5 + 19.5 + 29.5 + 39.5) = 10.5 ÷ 99
      expect(merged.interval.lo.eq(whole.interval.lo) && merged.interval.hi.eq(whole.interval.hi)).toBe(true);
      expect(whole.interval.lo.times(101).minus("9.5").abs().lt(new Dec(10).pow(-37))).toBe(true);
      expect(whole.interval.hi.times(99).minus("10.5").abs().lt(new Dec(10).pow(-37))).toBe(true);
    }
  });
});

describe("buildCatalogue: ratio metrics", () => {
  const base = { sections: [{ id: "s", labels: { en: "S" }, aliases: [] }] };
  const units = {
    units: [
      { id: "t", dimension: "mass" as const, toBase: "1", labels: { en: "t" }, aliases: [] },
      { id: "m3", dimension: "volume" as const, toBase: "1", labels: { en: "m3" }, aliases: [] },
      { id: "percent", dimension: "ratio" as const, toBase: "0.01", additive: false, labels: { en: "%" }, aliases: [] },
    ],
  };
  const metric = (id: string, extra: object) => ({
    id,
    section: "s",
    labels: { en: id },
    aliases: [],
    nonNegative: true,
    references: {},
    ...extra,
  });
  const build = (metrics: object[]) => buildCatalogue({ ...base, metrics } as never, units, {});

  it("refuses a unit outside the ratio dimension, a later term, terms of two units and a term that is an intensity", () => {
    const r = build([
      metric("a", { kind: "base", unit: "t", file: "waste" }),
      metric("w", { kind: "base", unit: "m3", file: "water" }),
      metric("i", { kind: "intensity", numerator: "a" }),
      metric("r1", { kind: "ratio", unit: "t", numerator: [{ metric: "a" }], denominator: [{ metric: "a" }] }),
      metric("r2", { kind: "ratio", unit: "percent", numerator: [{ metric: "a" }], denominator: [{ metric: "z" }] }),
      metric("r3", { kind: "ratio", unit: "percent", numerator: [{ metric: "a" }], denominator: [{ metric: "w" }] }),
      metric("r4", { kind: "ratio", unit: "percent", numerator: [{ metric: "i" }], denominator: [{ metric: "a" }] }),
    ]);
    expect(r.errors?.map((e) => e.message)).toEqual([
      "metric r1: a ratio is printed in a unit of the ratio dimension (percent, fraction), not t",
      "metric r2: term z must be a metric declared before it",
      "metric r3: its terms are in t and m3: a share or rate divides quantities of one unit",
      "metric r4: term i is an intensity: a ratio divides sums of quantities",
    ]);
  });

  it("refuses a ratio as a derived metric's term (a share cannot be added)", () => {
    const r = build([
      metric("a", { kind: "base", unit: "t", file: "waste" }),
      metric("r", { kind: "ratio", unit: "percent", numerator: [{ metric: "a" }], denominator: [{ metric: "a" }] }),
      metric("d", { kind: "derived", unit: "t", terms: [{ metric: "r", coefficient: "1" }] }),
    ]);
    expect(r.errors?.map((e) => e.message)).toEqual(["metric d: term r is a ratio"]);
  });
});

describe("claims file: metric@period and metric@node@period", () => {
  const claimsOf = (expression: string) => {
    const csv = parseCsv(`id,text,expression\nc,"t","${expression}"\n`, "claims.csv");
    if (!csv.ok) throw new Error("csv");
    const errors: InputError[] = [];
    const out = buildClaims(csv.value, tree, catalogue, errors, ["2023", "2022"]);
    return { out, errors };
  };
  const refs = (e: Expr): string[] =>
    e.kind === "ref"
      ? [`${e.metric}|${e.column}|${e.period}`]
      : e.kind === "number"
        ? []
        : e.kind === "neg"
          ? refs(e.operand)
          : [...refs(e.left), ...refs(e.right)];

  it("metric@2022 names the root in 2022; metric@east@2022 a node in 2022; metric@east the node this year", () => {
    const { out, errors } = claimsOf("energy.direct@2022 + energy.direct@east@2022 + energy.direct@east > 0");
    expect(errors).toEqual([]);
    expect(refs(out[0]!.claim.left)).toEqual([
      "energy.direct|null|2022",
      "energy.direct|east|2022",
      "energy.direct|east|null",
    ]);
  });

  it("an unknown period or node is an error at its character", () => {
    // "energy.direct@east@2021 > 0" in the third field, which starts at column 7 after its opening quote:
    // the period begins at character 19 of the expression, column 7 + 1 + 19 = 27.
    const { out, errors } = claimsOf("energy.direct@east@2021 > 0");
    expect(out).toEqual([]);
    expect(errors.map((e) => [e.code, e.line, e.column, e.found])).toEqual([["period-unknown", 2, 27, "2021"]]);
    const node = claimsOf("energy.direct@west > 0").errors;
    expect(node.map((e) => [e.code, e.message])).toEqual([
      ["facility-unknown", 'claim c: "west" is not a node of the reporting tree nor a period'],
    ]);
  });
});
