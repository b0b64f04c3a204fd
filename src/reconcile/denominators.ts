// Denominator analysis: for each published intensity, the interval of denominators it implies given its printed
// precision; the intersection over all intensities; which declared denominators each one is consistent with.
import { publishedRows } from "../model/columns.js";
import { lookup, type RecomputedTable } from "../compute/recompute.js";
import { divideIntervals, intervalsOverlap, scaleInterval, type Interval } from "../model/interval.js";
import { REVENUE, type Dataset, type Denominator } from "../model/types.js";
import { publishedIntervalOf } from "./compare.js";
import type { DenominatorAnalysis, ImpliedDenominator } from "../findings/results.js";

/** `declared`: the dataset's denominators in the table's revenue unit; `used`: the one the check divides by. */
export function analyseDenominators(
  dataset: Dataset,
  table: RecomputedTable,
  declared: readonly Denominator[],
  used: Denominator | null,
): DenominatorAnalysis {
  // The company's revenue only: a denominator of another measure (net revenue from high climate impact sectors)
  // divides only its own intensities.
  const revenue = declared.filter((d) => d.measure === REVENUE);
  const candidates = !used || revenue.some((d) => d.id === used.id) ? revenue : [...revenue, used];
  const intensities: ImpliedDenominator[] = [];
  for (const row of publishedRows(dataset)) {
    const metric = dataset.catalogue.metrics.find((m) => m.id === row.metric);
    if (metric?.kind !== "intensity" || metric.measure !== REVENUE) continue;
    const cell = row.cells.find((c) => c.column === dataset.tree.root);
    if (!cell || cell.value.kind !== "number") continue;
    const numerator = lookup(table, dataset.tree.root, metric.numerator);
    // In the numerator's unit: an intensity printed in GJ per revenue unit is converted exactly first.
    const printed = publishedIntervalOf(cell.value.number, true);
    const pub = row.printedUnit.toMetric ? scaleInterval(printed, row.printedUnit.toMetric) : printed;
    const interval = numerator && pub.lo.gt(0) ? divideIntervals(numerator.interval, pub) : null;
    intensities.push({
      metric: row.metric,
      published: cell.text,
      interval,
      consistentWith: interval ? candidates.filter((d) => intervalsOverlap(d.interval, interval)).map((d) => d.id) : [],
    });
  }
  let intersection: Interval | null = null;
  const usable = intensities.filter((i) => i.interval);
  if (usable.length) {
    intersection = usable.reduce<Interval | null>((acc, i) => {
      if (!acc) return null;
      const lo = acc.lo.gt(i.interval!.lo) ? acc.lo : i.interval!.lo;
      const hi = acc.hi.lt(i.interval!.hi) ? acc.hi : i.interval!.hi;
      return lo.lte(hi) ? { lo, hi } : null;
    }, usable[0]!.interval);
  }
  return {
    intensities,
    intersection,
    denominators: candidates.map((d) => ({
      id: d.id,
      printed: d.printed,
      interval: d.interval,
      consistentWith: usable.filter((i) => intervalsOverlap(d.interval, i.interval!)).map((i) => i.metric),
      inconsistentWith: usable.filter((i) => !intervalsOverlap(d.interval, i.interval!)).map((i) => i.metric),
    })),
  };
}
