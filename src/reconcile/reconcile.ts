// reconcile: one finding per published cell, in the table's order. `/` and blank cells only produce a finding
// when the data has a non-zero value for them (omitted); numbers are compared with rounding semantics.
import { change, lookup, naturalScale, type Recomputed, type RecomputedTable } from "../compute/recompute.js";
import { hasRowsIn } from "../model/activitySource.js";
import { metricById } from "../model/catalogue.js";
import { roundTo } from "../model/decimal.js";
import { printNumber } from "../model/printedNumber.js";
import { columnById, columnFor, printedAt, publishedRows } from "../model/columns.js";
import type { Column, Dataset, PublishedCell } from "../model/types.js";
import { findingPlace, type Finding } from "../findings/finding.js";
import { explainCauses } from "./causes.js";
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

function missingReason(metric: string, column: Column, kind: string, tables: PeriodTables, dataset: Dataset): string {
  const where = `${column.node}${dataset.periods.length > 1 ? ` in ${column.period}` : ""}`;
  if (column.change) {
    const { from, to } = column.change;
    const has = (p: string) => lookup(tables.get(p)!, column.node, metric);
    const lacking = [to, from].filter((p) => !has(p));
    if (lacking.length) return `the data has no ${metric} at ${column.node} for ${lacking.join(" and ")}`;
    return `${metric} at ${column.node} in ${from} is zero or may be zero: a change from it has no percentage`;
  }
  const hasRows = hasRowsIn(dataset.activity, dataset.periods, column.period);
  if (dataset.periods.length > 1 && !hasRows) return `the activity files have no rows for ${column.period}`;
  if (kind === "intensity") {
    const d = tables.get(column.period)!.denominator;
    if (!d) return `no denominator${dataset.periods.length > 1 ? ` for ${column.period}` : ""}: the dataset declares none; add one to manifest.json${column.period === dataset.period.label ? " or pass --revenue N" : ` with "period": "${column.period}"`}`;
    const m = metricById(dataset.catalogue, metric);
    const numerator = m?.kind === "intensity" ? m.numerator : metric;
    const data = lookup(tables.get(column.period)!, column.node, numerator);
    // Intensities are recomputed for the root only: a site's intensity lacks a denominator of its own, not data.
    if (column.node !== dataset.tree.root) {
      return `no denominator for ${where}: intensities are recomputed for ${dataset.tree.root} only (denominator ${d.id})${data ? `; the numerator ${numerator} has data at ${column.node} (${printNumber(data.value, naturalScale(data))})` : `, and the numerator ${numerator} has no data at ${column.node} either`}`;
    }
    return `the numerator ${numerator} has no data at ${where}`;
  }
  const m = metricById(dataset.catalogue, metric);
  if (m?.kind === "derived") return `none of its terms (${m.terms.map((t) => t.metric).join(", ")}) has data for ${where}`;
  return `no activity row feeds this cell: the data has no ${metric} for ${where}`;
}

export function reconcileCell(cell: PublishedCell, tables: PeriodTables, dataset: Dataset): Finding | null {
  const metric = metricById(dataset.catalogue, cell.metric)!;
  const column = columnById(dataset, cell.column)!;
  const table = tables.get(column.period)!;
  const r = recomputedFor(column, cell.metric, tables) ?? null;
  const base = { metric: cell.metric, column: cell.column, published: cell.text, source: cell.source, recomputed: r, recomputedExact: r?.value ?? null, recomputedInterval: r?.interval ?? null };
  // With nothing recomputed, the kind says how the cell would have been obtained.
  const leaf = (dataset.tree.nodes.get(column.node)?.children.length ?? 0) === 0;
  const kind = r?.kind ?? (column.change ? "change" : metric.kind === "intensity" ? "intensity" : metric.kind === "derived" ? "identity" : leaf ? "input" : "sum");
  const place = findingPlace(dataset, cell.metric, cell.column, kind);
  // A change may be negative whatever the metric.
  const nonNegative = metric.nonNegative && !column.change;
  let finding: Finding;
  if (cell.value.kind !== "number") {
    // A change the table leaves out loses nothing: the figures it would compare are printed (or checked) elsewhere.
    if (!r || r.value.isZero() || column.change) return null;
    const scale = naturalScale(r);
    finding = { ...base, kind, ...place, status: "omitted", publishedNumber: null, publishedInterval: null, recomputedRounded: roundTo(r.value, scale), displayScale: scale, difference: null, causes: [] };
    finding.causes.push({ code: "not-published", message: `the data gives ${printNumber(r.value, scale)} for this cell, but the table prints ${cell.value.kind === "blank" ? "nothing" : "/"}` });
    return finding;
  }
  const n = cell.value.number;
  const publishedInterval = publishedIntervalOf(n, nonNegative);
  // A term absent from the data counts as nothing only where the table itself prints no number for it;
  // a term the table prints but the data lacks leaves the derived cell unknown, not smaller.
  // Likewise a subtotal whose child the table prints but the data lacks.
  const children = dataset.tree.nodes.get(column.node)?.children ?? [];
  const lacking = column.change
    ? []
    : metric.kind === "derived"
      ? metric.terms.map((t) => t.metric).filter((t) => !lookup(table, column.node, t) && printedAt(dataset, t, cell.column)).map((t) => `${t} at ${column.node}`)
      : metric.kind === "base"
        // (printed first: a region's thousands of sites have no column, and looking them up would build each one)
        ? children.filter((c) => printedAt(dataset, cell.metric, columnFor(dataset, c, column.period)?.id) && !lookup(table, c, cell.metric)).map((c) => `${cell.metric} at ${c}`)
        : [];
  if (lacking.length) {
    return {
      ...base, kind, ...place, status: "missing", recomputed: null, recomputedExact: null, recomputedInterval: null, publishedNumber: n, publishedInterval, recomputedRounded: null, displayScale: n.scale, difference: null,
      causes: [{ code: "no-data", message: `needs ${lacking.join(", ")}, which the table prints but the data lacks` }],
    };
  }
  if (!r) {
    return {
      ...base, kind, ...place, status: "missing", publishedNumber: n, publishedInterval, recomputedRounded: null, displayScale: n.scale, difference: null,
      causes: [{ code: "no-data", message: missingReason(cell.metric, column, metric.kind, tables, dataset) }],
    };
  }
  const rounded = roundTo(r.value, n.scale);
  finding = {
    ...base, kind, ...place, status: compareNumber(r.value, r.interval, n, nonNegative), publishedNumber: n, publishedInterval,
    recomputedRounded: rounded, displayScale: n.scale, difference: rounded.minus(n.value), causes: [],
  };
  finding.causes = explainCauses(finding, { dataset, nonNegative, column, lookup: (node, m) => lookup(table, node, m) });
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
