// reconcile: one finding per published cell, in the table's order. `/` and blank cells only produce a finding
// when the data has a non-zero value for them (omitted); numbers are compared with rounding semantics.
import { lookup, naturalScale, type RecomputedTable } from "../compute/recompute.js";
import { metricById } from "../model/catalogue.js";
import { roundTo } from "../model/decimal.js";
import { printNumber } from "../model/printedNumber.js";
import type { Dataset, PublishedCell } from "../model/types.js";
import { STATUSES, type Finding, type Status } from "../findings/finding.js";
import { explainCauses } from "./causes.js";
import { compareNumber, publishedIntervalOf } from "./compare.js";

export interface Reconciliation {
  findings: Finding[];
  counts: Record<Status, number>;
}

function publishedNumberAt(dataset: Dataset, metric: string, column: string): boolean {
  return dataset.published.find((r) => r.metric === metric)?.cells.find((c) => c.column === column)?.value.kind === "number";
}

function missingReason(metric: string, column: string, kind: string, table: RecomputedTable, dataset: Dataset): string {
  if (kind === "intensity") {
    return table.denominator ? `the numerator has no data at ${column}` : "no denominator: the dataset declares none; add one to manifest.json or pass --revenue N";
  }
  const m = metricById(dataset.catalogue, metric);
  if (m?.kind === "derived") return `none of its terms (${m.terms.map((t) => t.metric).join(", ")}) has data for ${column}`;
  return `no activity row feeds this cell: the data has no ${metric} for ${column}`;
}

export function reconcileCell(cell: PublishedCell, table: RecomputedTable, dataset: Dataset): Finding | null {
  const metric = metricById(dataset.catalogue, cell.metric)!;
  const r = lookup(table, cell.column, cell.metric) ?? null;
  const base = { metric: cell.metric, column: cell.column, published: cell.text, source: cell.source, recomputed: r, recomputedExact: r?.value ?? null, recomputedInterval: r?.interval ?? null };
  // With nothing recomputed, the kind says how the cell would have been obtained.
  const leaf = (dataset.tree.nodes.get(cell.column)?.children.length ?? 0) === 0;
  const kind = r?.kind ?? (metric.kind === "intensity" ? "intensity" : metric.kind === "derived" ? "identity" : leaf ? "input" : "sum");
  let finding: Finding;
  if (cell.value.kind !== "number") {
    if (!r || r.value.isZero()) return null;
    const scale = naturalScale(r);
    finding = { ...base, kind, status: "omitted", publishedNumber: null, publishedInterval: null, recomputedRounded: roundTo(r.value, scale), displayScale: scale, difference: null, causes: [] };
    finding.causes.push({ code: "not-published", message: `the data gives ${printNumber(r.value, scale)} for this cell, but the table prints ${cell.value.kind === "blank" ? "nothing" : "/"}` });
    return finding;
  }
  const n = cell.value.number;
  const publishedInterval = publishedIntervalOf(n, metric.nonNegative);
  // A term absent from the data counts as nothing only where the table itself prints no number for it;
  // a term the table prints but the data lacks leaves the derived cell unknown, not smaller.
  // Likewise a subtotal whose child the table prints but the data lacks.
  const children = dataset.tree.nodes.get(cell.column)?.children ?? [];
  const lacking =
    metric.kind === "derived"
      ? metric.terms.map((t) => t.metric).filter((t) => !lookup(table, cell.column, t) && publishedNumberAt(dataset, t, cell.column)).map((t) => `${t} at ${cell.column}`)
      : metric.kind === "base"
        ? children.filter((c) => !lookup(table, c, cell.metric) && publishedNumberAt(dataset, cell.metric, c)).map((c) => `${cell.metric} at ${c}`)
        : [];
  if (lacking.length) {
    return {
      ...base, kind, status: "missing", recomputed: null, recomputedExact: null, recomputedInterval: null, publishedNumber: n, publishedInterval, recomputedRounded: null, displayScale: n.scale, difference: null,
      causes: [{ code: "no-data", message: `needs ${lacking.join(", ")}, which the table prints but the data lacks` }],
    };
  }
  if (!r) {
    return {
      ...base, kind, status: "missing", publishedNumber: n, publishedInterval, recomputedRounded: null, displayScale: n.scale, difference: null,
      causes: [{ code: "no-data", message: missingReason(cell.metric, cell.column, metric.kind, table, dataset) }],
    };
  }
  const rounded = roundTo(r.value, n.scale);
  finding = {
    ...base, kind, status: compareNumber(r.value, r.interval, n, metric.nonNegative), publishedNumber: n, publishedInterval,
    recomputedRounded: rounded, displayScale: n.scale, difference: rounded.minus(n.value), causes: [],
  };
  finding.causes = explainCauses(finding, { dataset, nonNegative: metric.nonNegative });
  return finding;
}

export function reconcile(dataset: Dataset, table: RecomputedTable): Reconciliation {
  const findings: Finding[] = [];
  for (const row of dataset.published) {
    for (const cell of row.cells) {
      const f = reconcileCell(cell, table, dataset);
      if (f) findings.push(f);
    }
  }
  const counts = Object.fromEntries(STATUSES.map((s) => [s, findings.filter((f) => f.status === s).length])) as Record<Status, number>;
  return { findings, counts };
}
