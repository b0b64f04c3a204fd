// The exact interval of a ratio of sums that share terms (src/compute/linearRatio.ts), checked against hand
// arithmetic and against brute force: every vertex of the box, evaluated as exact BigInt fractions. A
// linear-fractional function with a divisor of one sign is quasilinear, so its extremes over a box are at vertices;
// random points inside must fall within the bounds too.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Dec } from "../../src/model/decimal.js";
import {
  combineForms,
  constantForm,
  isConstant,
  linearInterval,
  linearValue,
  ratioInterval,
  RATIO_SCALE,
  variableForm,
  type Box,
  type LinearForm,
} from "../../src/compute/linearRatio.js";

const d = (s: string | number) => new Dec(s);
const form = (constant: string, coefficients: Record<string, string>): LinearForm => ({
  constant: d(constant),
  coefficients: new Map(Object.entries(coefficients).map(([k, v]) => [k, d(v)])),
});
const box = (b: Record<string, [string, string]>): Box =>
  new Map(Object.entries(b).map(([k, [lo, hi]]) => [k, { lo: d(lo), hi: d(hi) }]));
const ratio = (n: LinearForm, den: LinearForm, b: Box) => {
  const r = ratioInterval(n, den, b);
  if (!r.ok) throw new Error(r.reason);
  return [r.interval.lo.toFixed(), r.interval.hi.toFixed()];
};

describe("ratioInterval by hand", () => {
  it("a ÷ (a + b): increasing in a, decreasing in b, so the bounds pair a's ends with b's opposite ends", () => {
    // a ∈ [91.95, 92.05], b ∈ [7.95, 8.05]
    // min = 91.95 ÷ (91.95 + 8.05) = 91.95 ÷ 100.00 = 0.9195; max = 92.05 ÷ (92.05 + 7.95) = 0.9205.
    // (Treated as independent: [91.95 ÷ 100.10, 92.05 ÷ 99.90] = [0.91858…, 0.92142…], twice as wide.)
    const b = box({ a: ["91.95", "92.05"], b: ["7.95", "8.05"] });
    expect(ratio(form("0", { a: "1" }), form("0", { a: "1", b: "1" }), b)).toEqual(["0.9195", "0.9205"]);
  });

  it("shared terms with coefficients and constants: (2a + 1) ÷ (a − b + 10)", () => {
    // a ∈ [1, 2], b ∈ [0, 3]: divisor ∈ [1 − 3 + 10, 2 − 0 + 10] = [8, 12] > 0.
    // ∂/∂b > 0 (b is subtracted below, numerator positive): b = 3 for the max, 0 for the min.
    // At b = 3: (2a + 1) ÷ (a + 7), derivative (14 − 1) ÷ (a + 7)² > 0: a = 2 → 5 ÷ 9 = 0.5555…
    // At b = 0: (2a + 1) ÷ (a + 10), derivative (20 − 1) ÷ … > 0: a = 1 → 3 ÷ 11 = 0.272727…
    const [lo, hi] = ratio(
      form("1", { a: "2" }),
      form("10", { a: "1", b: "-1" }),
      box({ a: ["1", "2"], b: ["0", "3"] }),
    );
    expect(lo).toBe("0." + "27".repeat(RATIO_SCALE / 2)); // 3/11 rounded down
    expect(hi).toBe("0." + "5".repeat(RATIO_SCALE - 1) + "6"); // 5/9 rounded up
  });

  it("a divisor that may be zero has no bounded ratio; one below zero everywhere is fine", () => {
    expect(ratioInterval(form("0", { a: "1" }), form("0", { a: "1" }), box({ a: ["-1", "1"] }))).toEqual({
      ok: false,
      reason: "divisor-may-be-zero",
    });
    // 1 ÷ (−a) for a ∈ [2, 4]: [−0.5, −0.25]
    expect(ratio(form("1", {}), form("0", { a: "-1" }), box({ a: ["2", "4"] }))).toEqual(["-0.5", "-0.25"]);
  });

  it("forms combine and cancel: (a + b) − a is b", () => {
    const a = variableForm("a");
    const ab = combineForms(a, d(1), variableForm("b"), d(1));
    const diff = combineForms(ab, d(1), a, d(-1));
    expect([...diff.coefficients.keys()]).toEqual(["b"]);
    expect(linearInterval(diff, box({ a: ["0", "100"], b: ["1", "2"] }))).toEqual({ lo: d(1), hi: d(2) });
    expect(linearValue(combineForms(constantForm(d(3)), d(2), a, d(-1)), new Map([["a", d("1.5")]])).toFixed()).toBe(
      "4.5",
    );
  });
});

describe("ratioInterval at its edges", () => {
  it("a divisor that reaches zero at an end of its range, from above or from below, has no bounded ratio", () => {
    // a ÷ a with a ∈ [0, 1]: the divisor's least value is exactly 0 (the ratio is undefined there).
    // 1 ÷ (−a) with a ∈ [0, 1]: the divisor lies in [−1, 0], its greatest value exactly 0.
    // 1 ÷ (a − 1) with a ∈ [1, 1]: a divisor that is 0 throughout.
    const notOk = { ok: false, reason: "divisor-may-be-zero" };
    expect(ratioInterval(form("0", { a: "1" }), form("0", { a: "1" }), box({ a: ["0", "1"] }))).toEqual(notOk);
    expect(ratioInterval(form("1", {}), form("0", { a: "-1" }), box({ a: ["0", "1"] }))).toEqual(notOk);
    expect(ratioInterval(form("1", {}), form("-1", { a: "1" }), box({ a: ["1", "1"] }))).toEqual(notOk);
  });

  it("a bound that is exactly 0 is written 0, not −0", () => {
    // a ÷ (a + b), a ∈ [0, 1], b ∈ [1, 2]: the least value 0 at a = 0; the greatest 1 ÷ (1 + 1) = 0.5 at a = 1, b = 1.
    // decimal.js keeps the sign of a zero (−0 prints as "0" but is negative and serialises as "-0").
    const r = ratioInterval(
      form("0", { a: "1" }),
      form("0", { a: "1", b: "1" }),
      box({ a: ["0", "1"], b: ["1", "2"] }),
    );
    if (!r.ok) throw new Error(r.reason);
    expect([r.interval.lo.isNegative(), JSON.stringify(r.interval.lo), r.interval.hi.toFixed()]).toEqual([
      false,
      '"0"',
      "0.5",
    ]);
    // (a − 1) ÷ 2 with a ∈ [0, 1]: from −0.5 up to exactly 0 (the upper bound, rounded up).
    const up = ratioInterval(form("-1", { a: "1" }), form("2", {}), box({ a: ["0", "1"] }));
    if (!up.ok) throw new Error(up.reason);
    expect([up.interval.lo.toFixed(), up.interval.hi.isNegative(), JSON.stringify(up.interval.hi)]).toEqual([
      "-0.5",
      false,
      '"0"',
    ]);
  });

  it("bounds are rounded outward at the scale asked for: 1 ÷ 3 and −1 ÷ 3", () => {
    // 1 ÷ 3 = 0.333…: with 2 decimals [0.33, 0.34], with none [0, 1]; −1 ÷ 3: [−0.34, −0.33] and [−1, 0].
    const one = (c: string, scale: number) => {
      const r = ratioInterval(form(c, {}), form("3", {}), box({}), scale);
      if (!r.ok) throw new Error(r.reason);
      return [r.interval.lo.toFixed(), r.interval.hi.toFixed()];
    };
    expect([one("1", 2), one("1", 0), one("-1", 2), one("-1", 0)]).toEqual([
      ["0.33", "0.34"],
      ["0", "1"],
      ["-0.34", "-0.33"],
      ["-1", "0"],
    ]);
  });

  it("refuses an interval whose lower end lies above its upper end, whichever quantity it is", () => {
    // a is fine, b is written [3, 2.9]: a ratio over such a box means nothing.
    const b = box({ a: ["1", "2"], b: ["3", "2.9"] });
    expect(() => ratioInterval(form("0", { a: "1" }), form("10", { a: "1", b: "1" }), b)).toThrow(
      new RangeError("ratioInterval: an interval with lo > hi"),
    );
  });

  it("a quantity the box or the values lack is refused, by name", () => {
    const f = form("1", { a: "1", z: "2" });
    const b = box({ a: ["1", "2"] });
    expect(() => linearValue(f, new Map([["a", d(1)]]))).toThrow(new RangeError("no interval for z"));
    expect(() => linearInterval(f, b)).toThrow(new RangeError("no interval for z"));
    expect(() => ratioInterval(form("0", { a: "1" }), f, b)).toThrow(new RangeError("no interval for z"));
  });

  it("isConstant: a form with no quantity left, including one whose terms cancelled", () => {
    const a = variableForm("a");
    const cases: [string, LinearForm, boolean][] = [
      ["3", constantForm(d(3)), true],
      ["a", a, false],
      ["a − a (cancelled, so dropped)", combineForms(a, d(1), a, d(-1)), true],
      ["2 + 0·a", combineForms(constantForm(d(2)), d(1), a, d(0)), true],
      [
        "(a + 1) − 1",
        combineForms(combineForms(a, d(1), constantForm(d(1)), d(1)), d(1), constantForm(d(1)), d(-1)),
        false,
      ],
    ];
    for (const [name, f, constant] of cases) expect([name, isConstant(f)]).toEqual([name, constant]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Brute force: exact fractions at every vertex.

type Frac = { n: bigint; d: bigint }; // d > 0
const SCALE = 2; // the generated figures have at most 2 decimals, coefficients at most 1
const big = (x: Dec, s: number) => BigInt(x.toFixed(s).replace(".", ""));
const less = (a: Frac, b: Frac) => a.n * b.d < b.n * a.d;
/** Exact value of the form at a point (integers at scale 3 for a coefficient × a figure). */
const at = (f: LinearForm, x: Map<string, Dec>): bigint =>
  [...f.coefficients].reduce((s, [k, c]) => s + big(c, 1) * big(x.get(k)!, SCALE), big(f.constant, 3));

const figure = fc.integer({ min: -5000, max: 5000 }).map((n) => new Dec(n).div(100));
const coefficient = fc.integer({ min: -30, max: 30 }).map((n) => new Dec(n).div(10));
const names = ["p", "q", "r", "s", "t"];

describe("ratioInterval against every vertex", () => {
  it("the bounds are the least and greatest vertex ratios, within the last written decimal", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.tuple(figure, figure), { minLength: 5, maxLength: 5 }),
        fc.array(coefficient, { minLength: 12, maxLength: 12 }),
        (n, ends, ks) => {
          const vars = names.slice(0, n);
          const b: Box = new Map(vars.map((v, i) => [v, { lo: Dec.min(...ends[i]!), hi: Dec.max(...ends[i]!) }]));
          const num: LinearForm = { constant: ks[10]!, coefficients: new Map(vars.map((v, i) => [v, ks[i]!])) };
          // The divisor shares some quantities with the numerator (every other one).
          const den: LinearForm = {
            constant: ks[11]!.times(100),
            coefficients: new Map(
              vars.filter((_, i) => i % 2 === 0 || ks[5 + i]!.gt(0)).map((v, i) => [v, ks[5 + i]!]),
            ),
          };
          const vertices: Map<string, Dec>[] = [];
          for (let mask = 0; mask < 1 << n; mask++)
            vertices.push(new Map(vars.map((v, i) => [v, mask & (1 << i) ? b.get(v)!.hi : b.get(v)!.lo])));
          const dens = vertices.map((x) => at(den, x));
          const r = ratioInterval(num, den, b);
          const dRange = linearInterval(den, b);
          if (dRange.lo.lte(0) && dRange.hi.gte(0)) {
            expect(r.ok).toBe(false);
            return;
          }
          if (!r.ok) throw new Error("a divisor above or below zero throughout must give bounds");
          const fracs = vertices.map((x, i) =>
            dens[i]! < 0n ? { n: -at(num, x), d: -dens[i]! } : { n: at(num, x), d: dens[i]! },
          );
          const min = fracs.reduce((m, f) => (less(f, m) ? f : m));
          const max = fracs.reduce((m, f) => (less(m, f) ? f : m));
          // lo ≤ min < lo + 10^-40 and hi − 10^-40 < max ≤ hi, compared exactly.
          const unit = new Dec(10).pow(-RATIO_SCALE);
          const asFrac = (x: Dec): Frac => ({ n: big(x, RATIO_SCALE), d: 10n ** BigInt(RATIO_SCALE) });
          expect(less(min, asFrac(r.interval.lo))).toBe(false);
          expect(less(min, asFrac(r.interval.lo.plus(unit)))).toBe(true);
          expect(less(asFrac(r.interval.hi), max)).toBe(false);
          expect(less(asFrac(r.interval.hi.minus(unit)), max)).toBe(true);
        },
      ),
      { seed: 20261127, numRuns: 400 },
    );
  });

  it("points inside the box stay inside the bounds", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(figure, figure, fc.integer({ min: 0, max: 100 })), { minLength: 3, maxLength: 3 }),
        (xs) => {
          const b: Box = new Map(
            xs.map(([x, y], i) => [
              names[i]!,
              { lo: Dec.min(x.abs(), y.abs()), hi: Dec.max(x.abs(), y.abs()).plus(1) },
            ]),
          );
          // share = p ÷ (p + q + r), all non-negative: a site's share of a total that contains it.
          const num = variableForm("p");
          const den: LinearForm = {
            constant: d(0),
            coefficients: new Map([
              ["p", d(1)],
              ["q", d(1)],
              ["r", d(1)],
            ]),
          };
          const r = ratioInterval(num, den, b);
          if (!r.ok) return;
          const point = new Map(
            xs.map(([, , t], i) => {
              const iv = b.get(names[i]!)!;
              return [names[i]!, iv.lo.plus(iv.hi.minus(iv.lo).times(t).div(100))];
            }),
          );
          const v = linearValue(num, point).div(linearValue(den, point));
          expect(v.gte(r.interval.lo) && v.lte(r.interval.hi)).toBe(true);
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });
});
