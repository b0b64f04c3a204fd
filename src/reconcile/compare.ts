// Published vs recomputed for one number, with the rounding semantics of design.md.
import { roundTo, type Dec } from "../model/decimal.js";
import { clampAtZero, intervalsOverlap, printedInterval, type Interval } from "../model/interval.js";
import type { PrintedNumber } from "../model/printedNumber.js";
import type { Status } from "../findings/finding.js";

export function publishedIntervalOf(n: PrintedNumber, nonNegative: boolean): Interval {
  const i = printedInterval(n.value, n.declaredScale ?? n.scale);
  // A negative figure for a quantity that cannot be negative is what was printed: left unclamped, it mismatches.
  return nonNegative && !n.value.lt(0) ? clampAtZero(i) : i;
}

/** match: rounds to the printed figure; rounding: intervals overlap; mismatch: they do not. */
export function compareNumber(
  value: Dec,
  interval: Interval,
  published: PrintedNumber,
  nonNegative: boolean,
): Exclude<Status, "missing" | "omitted"> {
  // "<0.01": what lies in [0, 0.01) is what was printed.
  if (published.below)
    return value.gte(0) && value.lt(published.below)
      ? "match"
      : intervalsOverlap(interval, publishedIntervalOf(published, nonNegative))
        ? "rounding"
        : "mismatch";
  if (roundTo(value, published.declaredScale ?? published.scale).eq(published.value)) return "match";
  return intervalsOverlap(interval, publishedIntervalOf(published, nonNegative)) ? "rounding" : "mismatch";
}
