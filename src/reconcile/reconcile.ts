// reconcile: one finding per published cell, in the table's order. `/` and blank cells only produce a finding
// when the data has a non-zero value for them (omitted); numbers are compared with rounding semantics.
import { kindOf } from "../model/metricKinds.js";
import { message, type Message } from "../findings/message.js";
import { metricName, nodeName } from "../findings/names.js";
import { change, lookup, naturalScale, type Recomputed, type RecomputedTable } from "../compute/recompute.js";
import { hasRowsIn } from "../model/activitySource.js";
import { denominatorAt } from "../model/denominator.js";
import { REVENUE } from "../model/types.js";
import { metricById } from "../model/catalogue.js";
import { Dec, roundTo } from "../model/decimal.js";
import { printNumber } from "../model/printedNumber.js";
import { columnById, columnFor, nodesWithColumns, printedAt, publishedRow, publishedRows } from "../model/columns.js";
import { scaleInterval } from "../model/interval.js";
import type { Column, Dataset, PublishedCell } from "../model/types.js";
import { findingPlace, type Finding } from "../findings/finding.js";
import { causeChecks, explainCauses } from "./causes.js";
import { compareNumber, publishedIntervalOf } from "./compare.js";

/** Every period's recomputed table, by period label. */
export type PeriodTables = ReadonlyMap<string, RecomputedTable>;

/** What the data gives for a published column: the node's value in its period, or the change between two periods. */
export function recomputedFor(column: Column, metric: string, tables: PeriodTables): Recomputed | undefined {
  if (!column.change) return lookup(tables.get(column.period)!, column.node, metric);
  const later = lookup(tables.get(column.change.to)!, column.node, metric);
  const earlier = lookup(tables.get(column.change.from)!, column.node, metric);
  return later && earlier ? (change(later, earlier) ?? undefined) : undefined;
}

function missingReason(metric: string, column: Column, kind: string, tables: PeriodTables, dataset: Dataset): Message {
  const several = dataset.periods.length > 1;
  const node = nodeName(dataset, column.node);
  const where = several
    ? message("phrase.where.period", { node, period: column.period })
    : message("phrase.where", { node });
  if (column.change) {
    const { from, to } = column.change;
    const has = (p: string) => lookup(tables.get(p)!, column.node, metric);
    const lacking = [to, from].filter((p) => !has(p));
    if (lacking.length)
      return message("cause.no-data.change-lacking", {
        metric: metricName(dataset, metric),
        node,
        periods: { items: lacking, join: "phrase.join.and" },
      });
    return message("cause.no-data.change-from-zero", { metric: metricName(dataset, metric), node, period: from });
  }
  const hasRows = hasRowsIn(dataset.activity, dataset.periods, column.period);
  if (several && !hasRows) return message("cause.no-data.period-empty", { period: column.period });
  if (kind === "intensity") {
    const m = metricById(dataset.catalogue, metric);
    const measure = m?.kind === "intensity" ? m.measure : REVENUE;
    const numerator = m?.kind === "intensity" ? m.numerator : metric;
    const data = lookup(tables.get(column.period)!, column.node, numerator);
    // An intensity is divided by its own node's denominator of its measure in its period (model/denominator.ts).
    const d = denominatorAt(tables.get(column.period)!.denominators, column.node, column.period, measure);
    if (d) return message("cause.no-data.numerator", { metric: metricName(dataset, numerator), where });
    if (column.node === dataset.tree.root && measure === REVENUE) {
      return message("cause.no-data.no-denominator", {
        forPeriod: several ? message("phrase.for-period", { period: column.period }) : "",
        how:
          column.period === dataset.period.label
            ? message("phrase.pass-revenue")
            : message("phrase.with-period", { period: column.period }),
      });
    }
    return message("cause.no-data.node-denominator", {
      where,
      measure,
      nodeId: column.node,
      periodField: column.period === dataset.period.label ? "" : `, "period": "${column.period}"`,
      numerator: data
        ? message("phrase.numerator-has-data", {
            metric: metricName(dataset, numerator),
            node,
            value: printNumber(data.value, naturalScale(data)),
          })
        : message("phrase.numerator-no-data", { metric: metricName(dataset, numerator), node }),
    });
  }
  const m = metricById(dataset.catalogue, metric);
  if (m?.kind === "ratio") {
    const names = (terms: typeof m.numerator) => ({
      items: terms.map((t) => metricName(dataset, t.metric)),
      join: "phrase.join.comma" as const,
    });
    return message("cause.no-data.ratio", { numerator: names(m.numerator), denominator: names(m.denominator), where });
  }
  if (m?.kind === "derived")
    return message("cause.no-data.terms", {
      terms: { items: m.terms.map((t) => metricName(dataset, t.metric)), join: "phrase.join.comma" },
      where,
    });
  return message("cause.no-data.input", { metric: metricName(dataset, metric), where });
}

export function reconcileCell(cell: PublishedCell, tables: PeriodTables, dataset: Dataset): Finding | null {
  const metric = metricById(dataset.catalogue, cell.metric)!;
  const column = columnById(dataset, cell.column)!;
  const table = tables.get(column.period)!;
  const unconverted = recomputedFor(column, cell.metric, tables) ?? null;
  // A row printed in another unit of the metric's dimension (GJ for MWh): the recomputed value, converted exactly.
  const toMetric = column.change ? undefined : publishedRow(dataset, cell.metric, cell.column)?.printedUnit.toMetric;
  const factor = toMetric ? new Dec(1).div(toMetric) : null;
  const r =
    unconverted && factor
      ? {
          ...unconverted,
          value: unconverted.value.times(factor),
          interval: scaleInterval(unconverted.interval, factor),
        }
      : unconverted;
  const conversion =
    unconverted && factor
      ? {
          conversion: {
            from: kindOf(metric).unit(metric, dataset.catalogue),
            to: publishedRow(dataset, cell.metric, cell.column)!.printedUnit.unit,
            factor,
            value: unconverted.value,
          },
        }
      : {};
  const base = {
    metric: cell.metric,
    column: cell.column,
    published: cell.text,
    source: cell.source,
    recomputed: r,
    recomputedExact: r?.value ?? null,
    recomputedInterval: r?.interval ?? null,
  };
  // With nothing recomputed, the kind says how the cell would have been obtained.
  const leaf = (dataset.tree.nodes.get(column.node)?.children.length ?? 0) === 0;
  const kind = r?.kind ?? (column.change ? "change" : kindOf(metric).cellKind(leaf));
  const place = findingPlace(dataset, cell.metric, cell.column, kind);
  // A change may be negative whatever the metric.
  const nonNegative = metric.nonNegative && !column.change;
  let finding: Finding;
  if (cell.value.kind !== "number") {
    // A change the table leaves out loses nothing: the figures it would compare are printed (or checked) elsewhere.
    // Nor does an intensity (a site's, once its revenue is declared for another row): its numerator is checked as a
    // row of its own, its denominator is declared.
    if (!r || r.value.isZero() || column.change || r.kind === "intensity") return null;
    const scale = naturalScale(r);
    finding = {
      ...base,
      ...conversion,
      kind,
      ...place,
      status: "omitted",
      publishedNumber: null,
      publishedInterval: null,
      recomputedRounded: roundTo(r.value, scale),
      displayScale: scale,
      difference: null,
      causes: [],
    };
    finding.causes.push({
      code: "not-published",
      message: message("cause.not-published", {
        value: printNumber(r.value, scale),
        printed: cell.value.kind === "blank" ? message("phrase.nothing") : cell.text.trim() || "/",
      }),
    });
    return finding;
  }
  const n = cell.value.number;
  const publishedInterval = publishedIntervalOf(n, nonNegative);
  // A term absent from the data counts as nothing only where the table itself prints no number for it;
  // a term the table prints but the data lacks leaves the derived cell unknown, not smaller.
  // Likewise a subtotal whose child the table prints but the data lacks.
  const children = dataset.tree.nodes.get(column.node)?.children ?? [];
  // The children some table has a column for (a region's thousands of sites usually have none: then none is asked).
  const shown = nodesWithColumns(dataset);
  const shownChildren = [...shown].some((n) => dataset.tree.nodes.get(n)?.parent === column.node);
  const lacking: Message[] = column.change
    ? []
    : metric.kind === "derived"
      ? metric.terms
          .map((t) => t.metric)
          .filter((t) => !lookup(table, column.node, t) && printedAt(dataset, t, cell.column))
          .map((t) =>
            message("phrase.cell-at", { metric: metricName(dataset, t), column: nodeName(dataset, column.node) }),
          )
      : metric.kind === "ratio"
        ? // A term of the cell's own node the table prints but the data lacks: the ratio would be wrong, not smaller.
          [...new Set([...metric.numerator, ...metric.denominator].filter((t) => t.at === "node").map((t) => t.metric))]
            .filter((t) => !lookup(table, column.node, t) && printedAt(dataset, t, cell.column))
            .map((t) =>
              message("phrase.cell-at", { metric: metricName(dataset, t), column: nodeName(dataset, column.node) }),
            )
        : metric.kind === "base"
          ? // (printed first: a region's thousands of sites have no column, and looking them up would build each one)
            (shownChildren ? children : [])
              .filter(
                (c) =>
                  shown.has(c) &&
                  printedAt(dataset, cell.metric, columnFor(dataset, c, column.period, cell.column)?.id) &&
                  !lookup(table, c, cell.metric),
              )
              .map((c) =>
                message("phrase.cell-at", { metric: metricName(dataset, cell.metric), column: nodeName(dataset, c) }),
              )
          : [];
  if (lacking.length) {
    return {
      ...base,
      kind,
      ...place,
      status: "missing",
      recomputed: null,
      recomputedExact: null,
      recomputedInterval: null,
      publishedNumber: n,
      publishedInterval,
      recomputedRounded: null,
      displayScale: n.scale,
      difference: null,
      causes: [
        {
          code: "no-data",
          message: message("cause.no-data", { cells: { items: lacking, join: "phrase.join.comma" } }),
        },
      ],
    };
  }
  if (!r) {
    return {
      ...base,
      ...conversion,
      kind,
      ...place,
      status: "missing",
      publishedNumber: n,
      publishedInterval,
      recomputedRounded: null,
      displayScale: n.scale,
      difference: null,
      causes: [{ code: "no-data", message: missingReason(cell.metric, column, metric.kind, tables, dataset) }],
    };
  }
  const rounded = roundTo(r.value, n.scale);
  const status = compareNumber(r.value, r.interval, n, nonNegative);
  // "<0.01": nothing to add when the value is below the bound; else how far the rounded value is above it.
  const difference = n.below
    ? status === "match"
      ? roundTo(new Dec(0), n.scale)
      : rounded.minus(n.below)
    : rounded.minus(n.value);
  finding = {
    ...base,
    kind,
    ...place,
    status,
    publishedNumber: n,
    publishedInterval,
    recomputedRounded: rounded,
    displayScale: n.scale,
    difference,
    causes: [],
    ...conversion,
  };
  // Causes compare with other cells and the data in the metric's unit: not said of a converted cell (they would not
  // be true) — except two swapped digits, which compares the printed figure with the recomputed one as converted.
  const ctx = { dataset, nonNegative, column, lookup: (node: string, m: string) => lookup(table, node, m) };
  // (A factor of exactly 1 is another name of the metric's unit, a manifest's "公噸 t" for t or "百分比%" for percent:
  // every cause holds.)
  if (!factor || factor.eq(1)) finding.causes = explainCauses(finding, ctx);
  else {
    // Of the causes, only two swapped digits is looked for in a converted figure: say so when it is not that either.
    const swapped = causeChecks.transposition(finding, ctx);
    finding.causes = swapped
      ? [swapped]
      : status === "mismatch"
        ? [{ code: "unexplained", message: message("cause.unexplained-converted") }]
        : [];
  }
  return finding;
}

/** One arithmetic finding per published cell that has one, in the tables' order. */
export function reconcile(dataset: Dataset, tables: PeriodTables): Finding[] {
  const findings: Finding[] = [];
  for (const row of publishedRows(dataset)) {
    for (const cell of row.cells) {
      const f = reconcileCell(cell, tables, dataset);
      if (f) findings.push(f);
    }
  }
  return findings;
}
