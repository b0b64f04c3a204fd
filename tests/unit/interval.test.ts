import { describe, expect, it } from "vitest";
import { Dec, halfUnit, roundTo } from "../../src/model/decimal.js";
import {
  addIntervals,
  clampAtZero,
  divideIntervals,
  intervalsOverlap,
  printedInterval,
  scaleInterval,
} from "../../src/model/interval.js";

const d = (s: string) => new Dec(s);
const show = (i: { lo: Dec; hi: Dec }) => [i.lo.toFixed(), i.hi.toFixed()];

describe("intervals", () => {
  it("a printed figure stands for ± half a unit of its last digit", () => {
    expect(show(printedInterval(d("8871.7"), 1))).toEqual(["8871.65", "8871.75"]);
    expect(show(printedInterval(d("0.30"), 2))).toEqual(["0.295", "0.305"]);
    // 361億: 361 × 100 RMB million, ± 0.5 × 100
    expect(show(printedInterval(d("361"), 0, d("100")))).toEqual(["36050", "36150"]);
    expect(halfUnit(0).toFixed()).toBe("0.5");
  });

  it("non-negative quantities clamp at zero: 0.0 means [0, 0.05]", () => {
    expect(show(clampAtZero(printedInterval(d("0.0"), 1)))).toEqual(["0", "0.05"]);
  });

  it("sums add bounds; negative coefficients swap them", () => {
    const a = printedInterval(d("1522.3"), 1);
    const b = printedInterval(d("4801.1"), 1);
    expect(show(addIntervals(a, b))).toEqual(["6323.3", "6323.5"]);
    expect(show(scaleInterval(a, d("-1")))).toEqual(["-1522.35", "-1522.25"]);
  });

  it("a quotient of positives takes the extreme ratios [lo/hi', hi/lo']", () => {
    const q = divideIntervals({ lo: d("10"), hi: d("12") }, { lo: d("2"), hi: d("4") });
    expect(show(q)).toEqual(["2.5", "6"]);
    expect(() => divideIntervals({ lo: d("1"), hi: d("2") }, { lo: d("0"), hi: d("1") })).toThrow();
  });

  it("overlap is half-open: printed figures that only touch at an end are different quantities", () => {
    expect(intervalsOverlap({ lo: d("6323.3"), hi: d("6323.5") }, { lo: d("6323.25"), hi: d("6323.35") })).toBe(true);
    // 1,200.5 stands for [1,200.45, 1,200.55) and 1,200.6 for [1,200.55, 1,200.65): half-up prints 1,200.55 as 1,200.6
    expect(intervalsOverlap({ lo: d("1200.45"), hi: d("1200.55") }, { lo: d("1200.55"), hi: d("1200.65") })).toBe(
      false,
    );
    expect(intervalsOverlap({ lo: d("1"), hi: d("2") }, { lo: d("2.0001"), hi: d("3") })).toBe(false);
    // an exact value (a point) at the lower end belongs to the interval, at the upper end it does not
    expect(intervalsOverlap({ lo: d("2"), hi: d("2") }, { lo: d("2"), hi: d("3") })).toBe(true);
    expect(intervalsOverlap({ lo: d("3"), hi: d("3") }, { lo: d("2"), hi: d("3") })).toBe(false);
    expect(intervalsOverlap({ lo: d("2"), hi: d("2") }, { lo: d("2"), hi: d("2") })).toBe(true);
  });

  it("rounds half-up, including to tens", () => {
    expect(roundTo(d("9.525"), 2).toFixed()).toBe("9.53");
    expect(roundTo(d("9.5249999"), 2).toFixed()).toBe("9.52");
    expect(roundTo(d("-2.5"), 0).toFixed()).toBe("-3");
    expect(roundTo(d("36149"), -2).toFixed()).toBe("36100");
  });
});
