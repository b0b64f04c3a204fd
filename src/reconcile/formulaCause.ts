// A published total that the workbook computes with a formula: when the formula is a plain sum of cells of the same
// sheet (=SUM(D4:E4), =D4+E4) and the cells it adds are not the components the tree or the catalogue defines, say
// which cells it adds and which it should. A fact about the workbook, stated only when the formula can be read so.
import { andList, message } from "../findings/message.js";
import { metricName, nodeName } from "../findings/names.js";
import { columnById, columnFor, publishedRows } from "../model/columns.js";
import { cellName, parseRange } from "../xlsx/cellRef.js";
import type { Cause, Finding } from "../findings/finding.js";
import type { Dataset } from "../model/types.js";

/** At most this many cells are expanded from a formula's ranges (a whole-column SUM is not a table's total). */
const MAX_CELLS = 10_000;

/** The cells a formula adds when it is a plain sum of same-sheet cells and ranges; null for anything else. */
export function summedCells(formula: string): string[] | null {
  const body = formula.replace(/^=/, "").replace(/\s+/g, "");
  const terms = body.split("+");
  const cells: string[] = [];
  for (const term of terms) {
    const sum = /^SUM\((.+)\)$/i.exec(term);
    const refs = sum ? sum[1]!.split(",") : [term];
    for (const ref of refs) {
      if (!/^\$?[A-Za-z]{1,3}\$?\d+(:\$?[A-Za-z]{1,3}\$?\d+)?$/.test(ref)) return null;
      const range = parseRange(ref.replace(/\$/g, ""));
      if (!range || (range.bottom - range.top + 1) * (range.right - range.left + 1) + cells.length > MAX_CELLS)
        return null;
      for (let r = range.top; r <= range.bottom; r++)
        for (let c = range.left; c <= range.right; c++) cells.push(cellName(r, c));
    }
  }
  return cells.length ? cells : null;
}

export function formulaCause(f: Finding, ctx: { dataset: Dataset }): Cause | null {
  const { formula, cell, file } = f.source;
  if (!formula || !cell || f.status === "match" || !f.recomputed || (f.kind !== "sum" && f.kind !== "identity"))
    return null;
  if (f.recomputed.coefficients?.some((k) => !k.eq(1))) return null; // only plain sums are compared
  const summed = summedCells(formula);
  if (!summed) return null;
  // The published cells of this sheet, by cell, and the cell of a (metric, node) in this period.
  const onSheet = new Map<string, { metric: string; column: string }>();
  for (const row of publishedRows(ctx.dataset))
    for (const c of row.cells)
      if (c.source.file === file && c.source.cell) onSheet.set(c.source.cell, { metric: c.metric, column: c.column });
  const cellOf = (metric: string, node: string) => {
    const col = columnFor(ctx.dataset, node, f.recomputed!.period, f.column);
    for (const row of publishedRows(ctx.dataset))
      for (const c of row.cells)
        if (c.metric === metric && c.column === col?.id && c.source.file === file) return c.source.cell;
    return undefined;
  };
  const expected = f.recomputed.inputs.map((p) => ({ metric: p.metric, node: p.node, cell: cellOf(p.metric, p.node) }));
  const want = new Set(expected.map((e) => e.cell));
  if (expected.every((e) => e.cell) && summed.length === want.size && summed.every((c) => want.has(c))) return null; // the formula is right
  const added = summed.map((c) => {
    const p = onSheet.get(c);
    const col = p ? columnById(ctx.dataset, p.column) : undefined;
    return p && col
      ? message("phrase.formula.cell", {
          metric: metricName(ctx.dataset, p.metric),
          node: nodeName(ctx.dataset, col.node),
          cell: c,
        })
      : message("phrase.formula.stray", { cell: c });
  });
  const should = expected.map((e) =>
    e.cell
      ? message("phrase.formula.cell", {
          metric: metricName(ctx.dataset, e.metric),
          node: nodeName(ctx.dataset, e.node),
          cell: e.cell,
        })
      : message("phrase.formula.term", {
          metric: metricName(ctx.dataset, e.metric),
          node: nodeName(ctx.dataset, e.node),
        }),
  );
  return {
    code: "formula",
    message: message("cause.formula", {
      formula,
      added: andList(added),
      rule: message(f.kind === "sum" ? "phrase.formula.tree" : "phrase.formula.rule"),
      expected: andList(should),
    }),
  };
}
