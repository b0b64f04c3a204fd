// The one place decimal.js is configured. Everything that touches a reported number imports `Dec` from here.
// 50 significant digits: figures have at most 30 (printedNumber.ts), so sums of up to 10^20 of them stay exact,
// and ratios are carried far beyond any decimal we print;
// half-up is how reports round ("8,871.65" prints as "8,871.7").
import { Decimal } from "decimal.js";

export const Dec = Decimal.clone({
  precision: 50,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -30,
  toExpPos: 40,
});
export type Dec = Decimal;

export const ZERO = new Dec(0);

/** Half a unit in the last printed place: the tolerance a printed figure with `scale` decimals carries. */
export function halfUnit(scale: number): Dec {
  return new Dec(5).times(new Dec(10).pow(-(scale + 1)));
}

/** Round half-up to `scale` decimals (negative scale rounds to tens, hundreds, …). */
export function roundTo(value: Dec, scale: number): Dec {
  if (scale >= 0) return value.toDecimalPlaces(scale, Dec.ROUND_HALF_UP);
  const unit = new Dec(10).pow(-scale);
  return value.div(unit).toDecimalPlaces(0, Dec.ROUND_HALF_UP).times(unit);
}
