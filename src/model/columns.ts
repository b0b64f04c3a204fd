// The one way to reach the published tables: their columns, rows and cells by what they show (a metric, a node in
// a period), and each cell's place for putting findings in the table's order. Nothing else walks Dataset.tables.
import type { PrintedNumber } from "./printedNumber.js";
import type { Column, Dataset, PublishedCell, PublishedRow } from "./types.js";

/** The id of the table files.published holds. */
export const PUBLISHED_TABLE = "published";

/** Every column, table by table. */
export const allColumns = (dataset: Dataset): Column[] => dataset.tables.flatMap((t) => t.columns);

/** Every printed row, table by table. */
export const publishedRows = (dataset: Dataset): PublishedRow[] => dataset.tables.flatMap((t) => t.rows);

export function columnById(dataset: Dataset, id: string): Column | undefined {
  for (const t of dataset.tables) for (const c of t.columns) if (c.id === id) return c;
  return undefined;
}

/** The row that prints a metric, if the table prints it. */
export function publishedRow(dataset: Dataset, metric: string): PublishedRow | undefined {
  for (const t of dataset.tables) for (const r of t.rows) if (r.metric === metric) return r;
  return undefined;
}

/** The cell a metric's row has in a column (a number, "/" or blank), if the table has that row and column. */
export function publishedCell(dataset: Dataset, metric: string, column: string | undefined): PublishedCell | undefined {
  return column === undefined ? undefined : publishedRow(dataset, metric)?.cells.find((c) => c.column === column);
}

/** The value column showing `node` in `period` (the report's own figures, not a first-published one, when both exist). */
export function columnFor(dataset: Dataset, node: string, period: string): Column | undefined {
  let index = columnIndexes.get(dataset);
  if (!index) {
    // Built once per dataset (node → period → column): a region's thousands of sites are each asked for, and have none.
    index = new Map();
    const fallback: Column[] = [];
    for (const c of allColumns(dataset)) {
      if (c.change) continue;
      if (c.report) {
        fallback.push(c);
        continue;
      }
      const byPeriod = index.get(c.node) ?? new Map<string, Column>();
      index.set(c.node, byPeriod);
      if (!byPeriod.has(c.period)) byPeriod.set(c.period, c);
    }
    for (const c of fallback) {
      const byPeriod = index.get(c.node) ?? new Map<string, Column>();
      index.set(c.node, byPeriod);
      if (!byPeriod.has(c.period)) byPeriod.set(c.period, c);
    }
    columnIndexes.set(dataset, index);
  }
  return index.get(node)?.get(period);
}
const columnIndexes = new WeakMap<Dataset, Map<string, Map<string, Column>>>();

/** The number the table prints for a metric in a column, if it prints one there. */
export function printedAt(dataset: Dataset, metric: string, column: string | undefined): PrintedNumber | null {
  const cell = publishedCell(dataset, metric, column);
  return cell?.value.kind === "number" ? cell.value.number : null;
}

/**
 * A cell's place in the published tables, as [table, row, column] indexes (-1 where there is no such row or
 * column), for putting findings in the tables' own order.
 */
export function cellPosition(dataset: Dataset): (metric: string, column: string) => readonly [number, number, number] {
  const rows = new Map<string, [number, number]>();
  const cols = new Map<string, number>();
  dataset.tables.forEach((t, ti) => {
    t.rows.forEach((r, i) => rows.has(r.metric) || rows.set(r.metric, [ti, i]));
    t.columns.forEach((c, i) => cols.has(c.id) || cols.set(c.id, i));
  });
  return (metric, column) => {
    const [table, row] = rows.get(metric) ?? [-1, -1];
    return [table, row, cols.get(column) ?? -1];
  };
}
