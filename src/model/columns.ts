// Finding the published table's columns and cells by what they show: a node in a period.
import type { PrintedNumber } from "./printedNumber.js";
import type { Column, Dataset } from "./types.js";

/** The value column showing `node` in `period` (the report's own figures, not a first-published one, when both exist). */
export function columnFor(dataset: Dataset, node: string, period: string): Column | undefined {
  const here = dataset.columns.filter((c) => c.node === node && c.period === period && !c.change);
  return here.find((c) => !c.report) ?? here[0];
}

/** The number the table prints for a metric in a column, if it prints one there. */
export function printedAt(dataset: Dataset, metric: string, column: string | undefined): PrintedNumber | null {
  if (column === undefined) return null;
  const cell = dataset.published.find((r) => r.metric === metric)?.cells.find((c) => c.column === column);
  return cell?.value.kind === "number" ? cell.value.number : null;
}

/**
 * A cell's place in the published table, as [row, column] indexes (-1 where the table has no such row or column),
 * for putting findings in the table's own order.
 */
export function cellPosition(dataset: Dataset): (metric: string, column: string) => readonly [number, number] {
  const rows = new Map<string, number>();
  dataset.published.forEach((r, i) => rows.has(r.metric) || rows.set(r.metric, i));
  const cols = new Map<string, number>();
  dataset.columns.forEach((c, i) => cols.has(c.id) || cols.set(c.id, i));
  return (metric, column) => [rows.get(metric) ?? -1, cols.get(column) ?? -1];
}
