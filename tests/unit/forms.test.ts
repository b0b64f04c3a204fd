// src/compute/forms.ts on its own: which cells claimForms breaks down into their inputs (only as far as two of the
// remaining quantities share an input: identities first, then the sum higher up the tree; a figure reported as it is
// and an opaque cell such as an intensity stay whole), the names it gives them, and mergeAlike's groups. The
// reporting trees and cells are written by hand below; each expected set of quantities is worked out in a comment
// from the rule in claimForms's doc comment, never taken from the tool's output. Everything is computed inside the
// `it` (not in a describe body or beforeAll), so that the mutation tester attributes it to the test.
import { describe, expect, it } from "vitest";
import { cellName, claimForms, mergeAlike, type FormCell } from "../../src/compute/forms.js";
import { ratioInterval, variableForm, type LinearForm } from "../../src/compute/linearRatio.js";
import { Dec } from "../../src/model/decimal.js";
import type { Interval } from "../../src/model/interval.js";
import type { ReportingTree, TreeNode } from "../../src/model/types.js";

const d = (s: string | number) => new Dec(s);

/** A tree from child → parent (the root's parent null); children lists follow. */
function tree(parents: Record<string, string | null>): ReportingTree {
  const nodes = new Map<string, TreeNode>(
    Object.entries(parents).map(([id, parent]) => [id, { id, parent, children: [], labels: { en: id } }]),
  );
  for (const [id, parent] of Object.entries(parents)) if (parent !== null) nodes.get(parent)?.children.push(id);
  const root = Object.keys(parents).find((id) => parents[id] === null) ?? "";
  return { root, nodes, bottomUp: [] };
}

// Cells of period 2023 unless said; a reported figure is ± 0.5 around its value, a cell made of others carries the
// sum of their intervals (only the names and the forms are asserted; values and intervals are carried along).
const around = (v: number): Interval => ({ lo: d(v).minus("0.5"), hi: d(v).plus("0.5") });
/** A reported figure; period null: a cell without one. */
const input = (metric: string, node: string, v: number, period: string | null = "2023"): FormCell => ({
  metric,
  node,
  period: period ?? undefined,
  kind: "input",
  value: d(v),
  interval: around(v),
  inputs: [],
});
const madeOf = (kind: string, metric: string, node: string, inputs: FormCell[], coefficients?: Dec[]): FormCell => ({
  metric,
  node,
  period: inputs[0]?.period,
  kind,
  value: inputs.reduce((s, x) => s.plus(x.value), d(0)),
  interval: inputs.reduce((s, x) => ({ lo: s.lo.plus(x.interval.lo), hi: s.hi.plus(x.interval.hi) }), around(0)),
  inputs,
  ...(coefficients ? { coefficients } : {}),
});
const sum = (metric: string, node: string, inputs: FormCell[]) => madeOf("sum", metric, node, inputs);

/** A form as text: its terms by name (a coefficient other than 1 written before the name), sorted, then the constant. */
const show = (f: LinearForm) =>
  [
    ...[...f.coefficients].map(([n, k]) => (k.eq(1) ? n : `${k.toFixed()}·${n}`)).sort(),
    ...(f.constant.isZero() ? [] : [f.constant.toFixed()]),
  ].join(" + ") || "0";
/** The independent quantities claimForms settled on (sorted), and each named cell's form. */
function broken(cells: FormCell[], t: ReportingTree) {
  const q = claimForms(cells, t);
  return {
    quantities: [...q.values.keys()].sort(),
    forms: Object.fromEntries([...q.cells].map(([k, f]) => [k, show(f)])),
  };
}

describe("cellName", () => {
  it("metric@node, then @period when the cell has one", () => {
    expect(cellName(input("energy", "a", 1))).toBe("energy@a@2023");
    expect(cellName(input("energy", "a", 1, null))).toBe("energy@a");
  });
});

describe("claimForms: which cells are broken down", () => {
  it("a sum that shares nothing with the other cells stays whole (it is not compared with itself)", () => {
    // g ← a, b. energy@g = energy@a + energy@b is the only cell: nothing else shares its input, so it is one quantity.
    const t = tree({ g: null, a: "g", b: "g" });
    const g = sum("energy", "g", [input("energy", "a", 10), input("energy", "b", 20)]);
    expect(broken([g], t)).toEqual({ quantities: ["energy@g@2023"], forms: { "energy@g@2023": "energy@g@2023" } });
    // And two sums of different metrics at one node share nothing either.
    const w = sum("water", "g", [input("water", "a", 1), input("water", "b", 2)]);
    expect(broken([g, w], t).quantities).toEqual(["energy@g@2023", "water@g@2023"]);
  });

  it("a site and its group: the group's sum is opened, so the site is one of its terms", () => {
    // g ← a, b. energy@g shares energy@a: opened into energy@a and energy@b (the sum higher up is the one opened).
    const t = tree({ g: null, a: "g", b: "g" });
    const a = input("energy", "a", 10);
    const g = sum("energy", "g", [a, input("energy", "b", 20)]);
    const expected = {
      quantities: ["energy@a@2023", "energy@b@2023"],
      forms: { "energy@g@2023": "energy@a@2023 + energy@b@2023", "energy@a@2023": "energy@a@2023" },
    };
    expect(broken([g, a], t)).toEqual(expected);
  });

  it("cells of different periods are different quantities: last year's group total is not opened for this year's site", () => {
    // g ← a, b. energy@g@2022 (a sum of 2022 figures) and energy@a@2023 share no input: both stay whole.
    const t = tree({ g: null, a: "g", b: "g" });
    const g22 = sum("energy", "g", [input("energy", "a", 9, "2022"), input("energy", "b", 19, "2022")]);
    const a23 = input("energy", "a", 10);
    expect(broken([g22, a23], t).quantities).toEqual(["energy@a@2023", "energy@g@2022"]);
    // A cell without a period is named without one, and is not this year's cell either.
    const a = input("energy", "a", 10, null);
    expect(broken([a, a23], t)).toEqual({
      quantities: ["energy@a", "energy@a@2023"],
      forms: { "energy@a": "energy@a", "energy@a@2023": "energy@a@2023" },
    });
  });

  it("three levels: a site and the group two levels up share the site; the group and then the region are opened", () => {
    // g ← r ← a1, a2; g ← s. energy@g = energy@r + energy@s, energy@r = energy@a1 + energy@a2. With energy@a1 named,
    // energy@g is opened (into energy@r, energy@s), then energy@r (it contains energy@a1): a1, a2 and s remain.
    const t = tree({ g: null, r: "g", a1: "r", a2: "r", s: "g" });
    const a1 = input("energy", "a1", 1);
    const r = sum("energy", "r", [a1, input("energy", "a2", 2)]);
    const g = sum("energy", "g", [r, input("energy", "s", 3)]);
    expect(broken([g, a1], t)).toEqual({
      quantities: ["energy@a1@2023", "energy@a2@2023", "energy@s@2023"],
      forms: {
        "energy@g@2023": "energy@a1@2023 + energy@a2@2023 + energy@s@2023",
        "energy@a1@2023": "energy@a1@2023",
      },
    });
  });

  it("a region and its group, whichever is looked at first: only the group (higher up) is opened", () => {
    // g ← r ← a1, a2; g ← s. energy@g contains energy@r: the group is opened into energy@r and energy@s, and the
    // region stays whole (nothing else shares its sites). The cells are taken from the end of the list first, so
    // both orders are tried: the group found from the region, and the region found from the group.
    const t = tree({ g: null, r: "g", a1: "r", a2: "r", s: "g" });
    const r = sum("energy", "r", [input("energy", "a1", 1), input("energy", "a2", 2)]);
    const g = sum("energy", "g", [r, input("energy", "s", 3)]);
    const expected = {
      quantities: ["energy@r@2023", "energy@s@2023"],
      forms: { "energy@g@2023": "energy@r@2023 + energy@s@2023", "energy@r@2023": "energy@r@2023" },
    };
    expect(broken([g, r], t)).toEqual(expected);
    expect(broken([r, g], t)).toEqual(expected);
  });

  it("an identity and one of its terms at the same node: the identity is opened, not the term's sum", () => {
    // g ← r ← a1, a2. total@r = energy@r + water@r (an identity); energy@r is itself a sum of the sites. The two share
    // energy@r: the identity is opened first (its terms sit at its node), after which nothing overlaps, so energy@r
    // stays whole. Both orders again (the identity looked at first, or the sum).
    const t = tree({ g: null, r: "g", a1: "r", a2: "r" });
    const e = sum("energy", "r", [input("energy", "a1", 1), input("energy", "a2", 2)]);
    const w = sum("water", "r", [input("water", "a1", 4), input("water", "a2", 5)]);
    const total = madeOf("identity", "total", "r", [e, w], [d(1), d(1)]);
    const expected = {
      quantities: ["energy@r@2023", "water@r@2023"],
      forms: { "total@r@2023": "energy@r@2023 + water@r@2023", "energy@r@2023": "energy@r@2023" },
    };
    expect(broken([e, total], t)).toEqual(expected);
    expect(broken([total, e], t)).toEqual(expected);
  });

  it("an identity's coefficients carry into the form: net = gross − 1·exported", () => {
    // At one node: net@a = gross@a − exported@a, named with gross@a. Opened: net's form is gross − exported.
    const t = tree({ a: null });
    const gross = input("gross", "a", 10);
    const exported = input("exported", "a", 3);
    const net = madeOf("identity", "net", "a", [gross, exported], [d(1), d(-1)]);
    expect(broken([net, gross], t)).toEqual({
      quantities: ["exported@a@2023", "gross@a@2023"],
      forms: { "net@a@2023": "-1·exported@a@2023 + gross@a@2023", "gross@a@2023": "gross@a@2023" },
    });
  });

  it("a cell named twice (a share names its part on both sides) is one quantity: the breakdown is that of naming it once", () => {
    // One node s. total = direct + indirect, net = total − exported (identities). Named [total, net]: net is looked
    // at first and shares total's inputs; net is opened (into total and exported), after which nothing overlaps:
    // quantities total and exported, net = total − exported. Naming total a second time adds nothing to look at.
    const t = tree({ s: null });
    const total = madeOf("identity", "total", "s", [input("direct", "s", 6), input("indirect", "s", 4)], [d(1), d(1)]);
    const net = madeOf("identity", "net", "s", [total, input("exported", "s", 3)], [d(1), d(-1)]);
    const expected = {
      quantities: ["exported@s@2023", "total@s@2023"],
      forms: { "total@s@2023": "total@s@2023", "net@s@2023": "-1·exported@s@2023 + total@s@2023" },
    };
    expect(broken([total, net], t)).toEqual(expected);
    expect(broken([total, net, total], t)).toEqual(expected);
  });

  it("a group figure reported as it is (not a sum) cannot be opened: it and the site stay two quantities", () => {
    // g ← a, b. energy@g is an input (the group's own row), energy@a too: they overlap but there is nothing to open,
    // so both are taken as independent (a wider interval, still true) — and neither becomes 0.
    const t = tree({ g: null, a: "g", b: "g" });
    const g = input("energy", "g", 30);
    const a = input("energy", "a", 10);
    for (const cells of [
      [g, a],
      [a, g],
    ])
      expect(broken(cells, t)).toEqual({
        quantities: ["energy@a@2023", "energy@g@2023"],
        forms: { "energy@g@2023": "energy@g@2023", "energy@a@2023": "energy@a@2023" },
      });
  });

  it("an intensity is opaque: a group total beside a site's intensity is not opened", () => {
    // g ← a, b. intensity@a = energy@a ÷ output@a is made of energy@a, but it is not linear in it: it has no base
    // metrics, shares nothing, and energy@g stays whole.
    const t = tree({ g: null, a: "g", b: "g" });
    const ea = input("energy", "a", 10);
    const intensity = madeOf("intensity", "intensity", "a", [ea, input("output", "a", 5)]);
    const g = sum("energy", "g", [ea, input("energy", "b", 20)]);
    for (const cells of [
      [intensity, g],
      [g, intensity],
    ])
      expect(broken(cells, t)).toEqual({
        quantities: ["energy@g@2023", "intensity@a@2023"],
        forms: { "energy@g@2023": "energy@g@2023", "intensity@a@2023": "intensity@a@2023" },
      });
  });

  it("a node the tree does not hold, or whose parent it does not hold, has no ancestors beyond those it holds", () => {
    // The node x is not in the tree: a cell there is one quantity. The tree below holds a (parent g) but not g
    // itself: a's ancestors are [g], g's own parent is unknown, so the walk stops there. Nothing throws.
    expect(broken([input("energy", "x", 1)], tree({ g: null })).quantities).toEqual(["energy@x@2023"]);
    const partial: ReportingTree = {
      root: "g",
      nodes: new Map([["a", { id: "a", parent: "g", children: [], labels: { en: "a" } }]]),
      bottomUp: [],
    };
    expect(broken([input("energy", "a", 1), input("water", "a", 2)], partial).quantities).toEqual([
      "energy@a@2023",
      "water@a@2023",
    ]);
  });
});

describe("mergeAlike", () => {
  it("groups quantities by their pair of coefficients; a group is in a form only where its coefficient is not 0", () => {
    // n = x1 + x5, d = x1 + x2 + x3. Pairs (numerator, denominator): x1 (1, 1), x5 (1, 0), x2 and x3 (0, 1).
    // Groups: "1|1" = x1 ∈ [9.5, 10.5]; "1|0" = x5 ∈ [49.5, 50.5]; "0|1" = x2 + x3 ∈ [19.5 + 29.5, 20.5 + 30.5] = [49, 51].
    // The numerator holds "1|1" and "1|0" (not "0|1" with 0), the denominator "1|1" and "0|1" (not "1|0").
    const box = new Map(
      [1, 2, 3, 5].map((i) => [`x${i}`, { lo: d(10 * i).minus("0.5"), hi: d(10 * i).plus("0.5") }] as const),
    );
    const form = (...names: string[]): LinearForm => ({
      constant: d(0),
      coefficients: new Map(names.map((n) => [n, d(1)])),
    });
    const m = mergeAlike(form("x1", "x5"), form("x1", "x2", "x3"), box);
    const entries = (f: LinearForm) => [...f.coefficients].map(([k, v]) => `${k}:${v.toFixed()}`).sort();
    expect(entries(m.numerator)).toEqual(["1|0:1", "1|1:1"]);
    expect(entries(m.denominator)).toEqual(["0|1:1", "1|1:1"]);
    expect([...m.box].map(([k, i]) => `${k}=[${i.lo.toFixed()}, ${i.hi.toFixed()}]`).sort()).toEqual([
      "0|1=[49, 51]",
      "1|0=[49.5, 50.5]",
      "1|1=[9.5, 10.5]",
    ]);
    // The ratio over the merged groups, (x1 + x5) ÷ (x1 + g): increasing in x5, decreasing in g (both sides positive).
    // Max at x5 = 50.5, g = 49: (x1 + 50.5) ÷ (x1 + 49) falls as x1 rises, so x1 = 9.5 → 60 ÷ 58.5.
    // Min at x5 = 49.5, g = 51: (x1 + 49.5) ÷ (x1 + 51) rises with x1, so x1 = 9.5 → 59 ÷ 60.5.
    // Bounds are written with 40 decimals, lo down and hi up: lo·60.5 ≤ 59 < (lo + 10⁻⁴⁰)·60.5, and likewise for hi
    // (products exact at 50 digits).
    const r = ratioInterval(m.numerator, m.denominator, m.box);
    if (!r.ok) throw new Error(r.reason);
    const unit = d("1e-40");
    expect(r.interval.lo.times("60.5").lte(59) && r.interval.lo.plus(unit).times("60.5").gt(59)).toBe(true);
    expect(r.interval.hi.times("58.5").gte(60) && r.interval.hi.minus(unit).times("58.5").lt(60)).toBe(true);
  });

  it("a quantity without an interval is refused, by name", () => {
    const box = new Map([["x", { lo: d(1), hi: d(2) }]]);
    expect(() => mergeAlike(variableForm("x"), variableForm("y"), box)).toThrow(new RangeError("no interval for y"));
  });
});
