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

export function reconcileCell(cell: PublishedCell, table: RecomputedTable, dataset: Dataset): Finding | null {
  const metric = metricById(dataset.catalogue, cell.metric)!;
  const r = lookup(table, cell.column, cell.metric) ?? null;
  const base = { metric: cell.metric, column: cell.column, published: cell.text, source: cell.source, recomputed: r };
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
  if (!r) {
    return {
      ...base, kind, status: "missing", publishedNumber: n, publishedInterval, recomputedRounded: null, displayScale: n.scale, difference: null,
      causes: [{ code: "no-data", message: `no activity row feeds this cell: the data has no ${cell.metric} for ${cell.column}` }],
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
