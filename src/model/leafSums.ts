// One activity value per facility, period and metric from the rows that feed it, whichever reader summed them:
// per unit, the exact sum of the printed values and of their rounding half-widths; here converted to the
// metric's unit and combined. Both the csv-parse reader (Decimal per row) and the streaming fast path
// (scaled integers) end here, so they give the same values by construction once their sums agree.
import { Dec } from "./decimal.js";
import { addIntervals, pointInterval, scaleInterval, type Interval } from "./interval.js";
import { printNumber, type PrintedNumber } from "./printedNumber.js";
import type { ActivityValue, SourceRef, Unit } from "./types.js";
import { conversionFactor, convertedScale } from "./units.js";

/** The rows of one facility, period, metric and unit, summed exactly. */
export interface UnitSum {
  unit: Unit;
  /** Σ printed values; lo/hi: Σ of each row's interval (clamped at zero for quantities that cannot be negative). */
  value: Dec;
  lo: Dec;
  hi: Dec;
  /** The most decimals any of the rows was printed with. */
  scale: number;
  rows: number;
  /** The first row: its number as printed and where it is. */
  number: PrintedNumber;
  source: SourceRef;
  note?: string;
}

export function activityValueOf(
  facility: string,
  period: string,
  metric: string,
  metricUnit: Unit,
  sums: readonly UnitSum[],
): ActivityValue {
  const first = sums[0]!;
  const converted = sums.map((s) => inMetricUnit(s, metricUnit));
  const rows = sums.reduce((n, s) => n + s.rows, 0);
  const value = converted.length === 1 ? converted[0]!.value : converted.reduce((v, c) => v.plus(c.value), new Dec(0));
  const interval =
    converted.length === 1
      ? converted[0]!.interval
      : converted.reduce((i, c) => addIntervals(i, c.interval), pointInterval(new Dec(0)));
  const scale = Math.max(...converted.map((c) => c.scale));
  // One row: as written. Several rows in one unit: their sum in that unit. Several units: the sum in the metric's.
  // (A sum's text is only ever shown by explain: formatted when asked for, not for each of 100,000 sites.)
  const number: PrintedNumber =
    rows === 1 ? first.number : sums.length === 1 ? summed(first.value, first.scale) : summed(value, scale);
  return {
    facility,
    period,
    metric,
    number,
    unit: sums.length === 1 ? first.unit.id : metricUnit.id,
    value,
    interval,
    scale,
    source: first.source,
    ...(first.note !== undefined && rows === 1 ? { note: first.note } : {}),
    ...(rows > 1 ? { rows } : {}),
  };
}

/** One unit's sum in the metric's unit: its value, interval and decimals (a single unit's is the value's own). */
export function inMetricUnit(
  s: Pick<UnitSum, "unit" | "value" | "lo" | "hi" | "scale">,
  metricUnit: Unit,
): { value: Dec; interval: Interval; scale: number } {
  // Most rows come in the metric's own unit: nothing to multiply.
  if (s.unit.id === metricUnit.id) return { value: s.value, interval: { lo: s.lo, hi: s.hi }, scale: s.scale };
  const k = conversionFactor(s.unit, metricUnit)!;
  return {
    value: s.value.times(k),
    interval: scaleInterval({ lo: s.lo, hi: s.hi }, k),
    scale: convertedScale(s.scale, k),
  };
}

function summed(value: Dec, scale: number): PrintedNumber {
  return {
    value,
    scale,
    get text() {
      return printNumber(value, scale);
    },
  };
}
