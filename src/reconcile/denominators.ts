// Denominator analysis: for each published intensity — at any node, in any period, per any measure — the interval of
// denominators it implies given its printed precision; per node, period and measure the intersection over its
// intensities, and which declared denominators of that group each one is consistent with.
import { publishedRows } from "../model/columns.js";
import { lookup, type RecomputedTable } from "../compute/recompute.js";
import { divideIntervals, intervalsOverlap, scaleInterval, type Interval } from "../model/interval.js";
import { REVENUE, type Dataset, type Denominator } from "../model/types.js";
import { publishedIntervalOf } from "./compare.js";
import type { DenominatorAnalysis, DenominatorGroup, ImpliedDenominator } from "../findings/results.js";

/**
 * `tables`: every period's recomputed table (or the report period's alone); `declared`: the dataset's denominators,
 * each in the unit its intensity rows are printed per; `used`: the company's revenue the check divides by.
 */
export function analyseDenominators(
  dataset: Dataset,
  tables: ReadonlyMap<string, RecomputedTable> | RecomputedTable,
  declared: readonly Denominator[],
  used: Denominator | null,
): DenominatorAnalysis {
  const tableOf = (period: string): RecomputedTable | undefined =>
    tables instanceof Map
      ? tables.get(period)
      : (tables as RecomputedTable).period === period
        ? (tables as RecomputedTable)
        : undefined;
  const intensities: ImpliedDenominator[] = [];
  for (const row of publishedRows(dataset)) {
    const metric = dataset.catalogue.metrics.find((m) => m.id === row.metric);
    if (metric?.kind !== "intensity") continue;
    for (const cell of row.cells) {
      if (cell.value.kind !== "number") continue;
      const column = dataset.tables.flatMap((t) => t.columns).find((c) => c.id === cell.column);
      // A change is no intensity; a figure from another document was divided into other data than this one.
      if (!column || column.change || column.report) continue;
      const table = tableOf(column.period);
      if (!table) continue;
      const numerator = lookup(table, column.node, metric.numerator);
      // In the numerator's unit: an intensity printed in GJ per revenue unit is converted exactly first.
      const printed = publishedIntervalOf(cell.value.number, true);
      const pub = row.printedUnit.toMetric ? scaleInterval(printed, row.printedUnit.toMetric) : printed;
      const interval = numerator && pub.lo.gt(0) ? divideIntervals(numerator.interval, pub) : null;
      intensities.push({
        metric: row.metric,
        column: column.id,
        node: column.node,
        period: column.period,
        measure: metric.measure,
        published: cell.text,
        interval,
        consistentWith: [],
      });
    }
  }
  const key = (x: { node: string; period: string; measure: string }) => `${x.node}\u0000${x.period}\u0000${x.measure}`;
  const inForce = (period: string): Denominator[] => {
    const t = tableOf(period);
    return t ? [...t.denominators.values()] : [];
  };
  const groups: DenominatorGroup[] = [];
  for (const k of new Set(intensities.map(key))) {
    const mine = intensities.filter((i) => key(i) === k);
    const { node, period, measure } = mine[0]!;
    const main = node === dataset.tree.root && period === dataset.period.label && measure === REVENUE;
    const own = declared.filter((d) => key(d) === k);
    // The one divided by is listed even when it is not declared (a --revenue typed on the command line).
    const extra = (main ? (used ? [used] : []) : inForce(period).filter((d) => key(d) === k)).filter(
      (d) => !own.some((x) => x.id === d.id),
    );
    const candidates = [...own, ...extra];
    for (const i of mine)
      i.consistentWith = i.interval
        ? candidates.filter((d) => intervalsOverlap(d.interval, i.interval!)).map((d) => d.id)
        : [];
    const usable = mine.filter((i) => i.interval);
    let intersection: Interval | null = null;
    if (usable.length) {
      intersection = usable.reduce<Interval | null>((acc, i) => {
        if (!acc) return null;
        const lo = acc.lo.gt(i.interval!.lo) ? acc.lo : i.interval!.lo;
        const hi = acc.hi.lt(i.interval!.hi) ? acc.hi : i.interval!.hi;
        return lo.lte(hi) ? { lo, hi } : null;
      }, usable[0]!.interval);
    }
    groups.push({
      node,
      period,
      measure,
      intersection,
      denominators: candidates.map((d) => ({
        id: d.id,
        printed: d.printed,
        interval: d.interval,
        consistentWith: usable.filter((i) => intervalsOverlap(d.interval, i.interval!)).map((i) => i.metric),
        inconsistentWith: usable.filter((i) => !intervalsOverlap(d.interval, i.interval!)).map((i) => i.metric),
      })),
    });
  }
  const isMain = (g: { node: string; period: string; measure: string }) =>
    g.node === dataset.tree.root && g.period === dataset.period.label && g.measure === REVENUE;
  const main = groups.find(isMain);
  // The company's revenue in the report's period keeps the top level (with no intensity of its own printed: the
  // declared revenues, consistent with nothing); every other node, period and measure is a group of its own.
  const mainDeclared = declared.filter(isMain);
  const mainCandidates =
    used && !mainDeclared.some((d) => d.id === used.id) && isMain(used) ? [...mainDeclared, used] : mainDeclared;
  return {
    intensities,
    intersection: main?.intersection ?? null,
    denominators:
      main?.denominators ??
      mainCandidates.map((d) => ({
        id: d.id,
        printed: d.printed,
        interval: d.interval,
        consistentWith: [],
        inconsistentWith: [],
      })),
    groups: groups.filter((g) => !isMain(g)),
  };
}
