// Closed intervals of exact decimals: what a rounded figure, or a value computed from rounded figures, allows.
// Sums add bounds; quotients by a positive interval take the extreme ratios (XBRL Calculations 1.1 semantics).
import { Dec, halfUnit, ZERO } from "./decimal.js";

export interface Interval {
  lo: Dec;
  hi: Dec;
}

export const pointInterval = (v: Dec): Interval => ({ lo: v, hi: v });

/** The interval a printed figure stands for: value ± half a unit of its last printed digit (× multiplier, e.g. 億). */
export function printedInterval(value: Dec, scale: number, multiplier: Dec = new Dec(1)): Interval {
  const half = halfUnit(scale).times(multiplier);
  const v = value.times(multiplier);
  return { lo: v.minus(half), hi: v.plus(half) };
}

/** Quantities that cannot be negative: "0.0" means [0, 0.05], not [-0.05, 0.05]. */
export function clampAtZero(i: Interval): Interval {
  return { lo: Dec.max(i.lo, ZERO), hi: Dec.max(i.hi, ZERO) };
}

export function addIntervals(a: Interval, b: Interval): Interval {
  return { lo: a.lo.plus(b.lo), hi: a.hi.plus(b.hi) };
}

export function scaleInterval(i: Interval, k: Dec): Interval {
  return k.lt(0) ? { lo: i.hi.times(k), hi: i.lo.times(k) } : { lo: i.lo.times(k), hi: i.hi.times(k) };
}

/** a ÷ b for a divisor interval that lies strictly above zero. */
export function divideIntervals(a: Interval, b: Interval): Interval {
  if (b.lo.lte(0)) throw new RangeError("divisor interval must lie above zero");
  return {
    lo: a.lo.lt(0) ? a.lo.div(b.lo) : a.lo.div(b.hi),
    hi: a.hi.lt(0) ? a.hi.div(b.hi) : a.hi.div(b.lo),
  };
}

/** a × b for intervals of non-negative numbers (quantities and factors). */
export function multiplyIntervals(a: Interval, b: Interval): Interval {
  if (a.lo.lt(0) || b.lo.lt(0)) throw new RangeError("multiplyIntervals takes non-negative intervals");
  return { lo: a.lo.times(b.lo), hi: a.hi.times(b.hi) };
}

/**
 * Do two intervals share a value? A printed figure stands for [x − ½u, x + ½u): under half-up rounding the upper
 * end prints as the next figure. So intervals that only touch at an end do not overlap — 1,200.5 and 1,200.6
 * cannot be the same quantity — unless one of them is a single exact value lying inside the other.
 */
export function intervalsOverlap(a: Interval, b: Interval): boolean {
  const lo = Dec.max(a.lo, b.lo);
  const hi = Dec.min(a.hi, b.hi);
  if (lo.lt(hi)) return true;
  if (!lo.eq(hi)) return false;
  const point = (i: Interval) => i.lo.eq(i.hi);
  return (
    (point(a) && b.lo.lte(a.lo) && a.lo.lt(b.hi)) ||
    (point(b) && a.lo.lte(b.lo) && b.lo.lt(a.hi)) ||
    (point(a) && point(b))
  );
}

/** Bounds rounded outward to `scale` decimals, so the rounded interval still contains the exact one. */
export function roundOutward(i: Interval, scale: number): Interval {
  return { lo: i.lo.toDecimalPlaces(scale, Dec.ROUND_FLOOR), hi: i.hi.toDecimalPlaces(scale, Dec.ROUND_CEIL) };
}
