// src/compute/recalculate.ts's two building blocks on their own: term() (quantity × its unit's base ratio × each
// factor × each constant, into the result's unit, with the interval the rounded quantity and factor ranges allow)
// and total(). runRecipe() and recalculate() are tested with the recipes in tests/unit/recipes.test.ts.
// Factors are written by hand here (only their base interval and base value matter); figures worked in comments.
import { describe, expect, it } from "vitest";
import { term, total } from "../../src/compute/recalculate.js";
import type { Recomputed } from "../../src/compute/recompute.js";
import { Dec } from "../../src/model/decimal.js";
import type { Factor } from "../../src/model/factors.js";

const d = (s: string | number) => new Dec(s);
const factor = (id: string, value: string, lo: string, hi: string) =>
  ({ id, baseValue: d(value), base: { lo: d(lo), hi: d(hi) } }) as Factor;
const quantity = (value: string, lo: string, hi: string): Recomputed => ({
  metric: "energy.natural_gas",
  node: "site",
  period: "FY",
  kind: "input",
  value: d(value),
  interval: { lo: d(lo), hi: d(hi) },
  inputs: [],
});
const show = (t: { value: Dec; interval: { lo: Dec; hi: Dec } }) => [
  t.value.toFixed(),
  t.interval.lo.toFixed(),
  t.interval.hi.toFixed(),
];

describe("term", () => {
  it("1,000.0 m³ × NCV 0.0100 MWh/m³ × CO2 0.2000 t/MWh = 2 t; interval from each end", () => {
    // [999.95 × 0.00995 × 0.19995, 1,000.05 × 0.01005 × 0.20005] = [9.9495025 × 0.19995, 10.0505025 × 0.20005]
    // = [1.989403024875, 2.010603025125]
    const t = term(
      quantity("1000", "999.95", "1000.05"),
      d(1),
      [factor("ncv", "0.01", "0.00995", "0.01005"), factor("co2", "0.2", "0.19995", "0.20005")],
      [],
      d(1),
    );
    expect(show(t)).toEqual(["2", "1.989403024875", "2.010603025125"]);
    expect(t.factors.map((f) => f.id)).toEqual(["ncv", "co2"]);
    expect(t.constants).toEqual([]);
  });

  it("the quantity's unit into base first, the result out of base last", () => {
    // q × 1000 into base, × 0.5, then × 0.001 out of base: 2 × 1000 × 0.5 × 0.001 = 1; [1.95, 2.05] × 0.5 = [0.975, 1.025].
    const t = term(quantity("2", "1.95", "2.05"), d(1000), [factor("f", "0.5", "0.5", "0.5")], [], d("0.001"));
    expect(show(t)).toEqual(["1", "0.975", "1.025"]);
  });

  it("constants multiply after the factors (carbon → CO2: 44/12)", () => {
    // 12 × 0.5 × 44/12 = 22; interval [11 × 0.5 × 44/12, 13 × 0.5 × 44/12] = [20.1666…, 23.8333…]
    const t = term(quantity("12", "11", "13"), d(1), [factor("c", "0.5", "0.5", "0.5")], [d(44).div(12)], d(1));
    expect(t.value.toFixed()).toBe("22");
    expect(t.interval.lo.times(6).toDecimalPlaces(20).toFixed()).toBe("121");
    expect(t.interval.hi.times(6).toDecimalPlaces(20).toFixed()).toBe("143");
    expect(t.constants.map((c) => c.times(12).toDecimalPlaces(20).toFixed())).toEqual(["44"]);
  });

  it("no factors and no constants: the quantity itself, in the result's unit", () => {
    expect(show(term(quantity("5", "4.95", "5.05"), d(1), [], [], d(1)))).toEqual(["5", "4.95", "5.05"]);
  });
});

describe("total", () => {
  it("the terms and the figures added as they are, values and intervals summed", () => {
    const a = term(quantity("10", "9", "11"), d(1), [], [], d(1));
    const b = term(quantity("2", "1.5", "2.5"), d(1), [], [], d(1));
    expect(show(total([a, b], [{ value: d(5), interval: { lo: d("4.95"), hi: d("5.05") } }]))).toEqual([
      "17",
      "15.45",
      "18.55",
    ]);
  });
  it("nothing: exactly zero", () => {
    expect(show(total([]))).toEqual(["0", "0", "0"]);
  });
});
