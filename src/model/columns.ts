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
