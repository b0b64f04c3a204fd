// The one way to reach the published tables: their columns, rows and cells by what they show (a metric, a node in
// a period), and each cell's place for putting findings in the table's order. Nothing else walks Dataset.tables.
import type { PrintedNumber } from "./printedNumber.js";
import type { Column, Dataset, PublishedCell, PublishedRow, PublishedTable } from "./types.js";

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

/** The table a column is in (column ids are unique across tables). */
export function tableOfColumn(dataset: Dataset, column: string): PublishedTable | undefined {
  for (const t of dataset.tables) for (const c of t.columns) if (c.id === column) return t;
  return undefined;
}

/**
 * The row that prints a metric: in the table of `column` when given (a metric may be printed by several tables),
 * else the first table that prints it.
 */
export function publishedRow(dataset: Dataset, metric: string, column?: string): PublishedRow | undefined {
  const tables =
    column === undefined ? dataset.tables : [tableOfColumn(dataset, column)].filter((t) => t !== undefined);
  for (const t of tables) for (const r of t.rows) if (r.metric === metric) return r;
  return undefined;
}

/** The cell a metric's row has in a column (a number, "/" or blank), if the table has that row and column. */
export function publishedCell(dataset: Dataset, metric: string, column: string | undefined): PublishedCell | undefined {
  return column === undefined
    ? undefined
    : publishedRow(dataset, metric, column)?.cells.find((c) => c.column === column);
}

/**
 * The value column showing `node` in `period` (the report's own figures, not a first-published one, when both
 * exist): in the table of column `near` when given and that table has one, else in the first table that has one.
 */
export function columnFor(dataset: Dataset, node: string, period: string, near?: string): Column | undefined {
  const table = near === undefined || dataset.tables.length === 1 ? undefined : tableOfColumn(dataset, near);
  if (table) {
    const own = table.columns.filter((c) => !c.change && c.node === node && c.period === period);
    const found = own.find((c) => !c.report) ?? own[0];
    if (found) return found;
  }
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

/**
 * The nodes some table has a value column for (columnFor finds a column only for these): a question asked of each
 * of a region's thousands of sites, which have none, is one set lookup.
 */
export function nodesWithColumns(dataset: Dataset): ReadonlySet<string> {
  let nodes = columnNodes.get(dataset);
  if (!nodes) {
    nodes = new Set(allColumns(dataset).flatMap((c) => (c.change ? [] : [c.node])));
    columnNodes.set(dataset, nodes);
  }
  return nodes;
}
const columnNodes = new WeakMap<Dataset, Set<string>>();

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
  // Rows by table and metric; columns (unique across tables) with their table.
  const rows = new Map<string, number>();
  const first = new Map<string, [number, number]>();
  const cols = new Map<string, [number, number]>();
  dataset.tables.forEach((t, ti) => {
    t.rows.forEach((r, i) => {
      if (!rows.has(`${ti}\u0000${r.metric}`)) rows.set(`${ti}\u0000${r.metric}`, i);
      if (!first.has(r.metric)) first.set(r.metric, [ti, i]);
    });
    t.columns.forEach((c, i) => cols.has(c.id) || cols.set(c.id, [ti, i]));
  });
  return (metric, column) => {
    const col = cols.get(column);
    if (col) {
      const row = rows.get(`${col[0]}\u0000${metric}`);
      if (row !== undefined) return [col[0], row, col[1]];
    }
    const [table, row] = first.get(metric) ?? [-1, -1];
    return [table, row, col && col[0] === table ? col[1] : -1];
  };
}
