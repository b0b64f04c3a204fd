// The report as an Excel workbook (--format xlsx): a summary sheet; the published table in its own layout, each
// printed cell filled in its status's colour with a comment holding the recomputed value, its interval and the
// causes; and one row per finding, as the CSV output has them. Numbers are written from their decimal text; text
// that a spreadsheet would take for a formula keeps Excel's quote prefix. Pure: returns the workbook's bytes.
import { allColumns, PUBLISHED_TABLE, publishedRows, tableOfColumn } from "../model/columns.js";
import type { Column } from "../model/types.js";
import { intervalScale, isCellFinding, publishedText, type Finding, type Status } from "../findings/finding.js";
import { SHOWN_RANK } from "../findings/status.js";
import { foldFigure, printInterval } from "../model/printedNumber.js";
import type { CheckResult } from "../findings/checkResult.js";
import type { ReportOptions } from "./options.js";
import { cellName } from "../xlsx/cellRef.js";
import { writeWorkbook, type CellSpec, type SheetSpec, type StyleSpec } from "../xlsx/write.js";
import { CSV_COLUMNS, findingRow, NUMBER_COLUMNS } from "./csv.js";
import { causeText, differenceText, recomputedText, sectionPath, t, wholeText, type RenderContext } from "./labels.js";
import { STATUS_MARK } from "./style.js";
import { denominatorLine, heading, summaryLine } from "./summary.js";

export type XlsxOptions = Pick<ReportOptions, "failOn" | "toolVersion">;

/** Fill colours by status (Excel's own "good / neutral / bad" palette, and three more for the other statuses). */
export const STATUS_FILL: Record<Status, string> = {
  match: "C6EFCE",
  rounding: "FFEB9C",
  "within-materiality": "FFF2CC",
  mismatch: "FFC7CE",
  material: "FFC7CE",
  missing: "F8CBAD",
  omitted: "BDD7EE",
  incomplete: "D9D2E9",
};

/** What makes Excel, LibreOffice and Google Sheets read typed text as a formula (as render/csv.ts neutralises). */
const FORMULA_START = /^[=+\-@\t\r]/;

class Styles {
  readonly list: StyleSpec[] = [{}];
  private index = new Map<string, number>([[JSON.stringify({}), 0]]);
  of(spec: StyleSpec): number {
    const key = JSON.stringify(spec);
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(spec);
      this.index.set(key, i);
    }
    return i;
  }
}

/** A decimal text as a number cell, shown with its own decimals (and thousands separators unless told otherwise). */
function numberCell(
  styles: Styles,
  text: string,
  extra: StyleSpec = {},
  how: { percent?: boolean; grouped?: boolean } = {},
): CellSpec {
  const decimals = text.includes(".") ? text.length - text.indexOf(".") - 1 : 0;
  const value = how.percent ? shift(text, -2) : text;
  const numFmt = `${how.grouped === false ? "0" : "#,##0"}${decimals ? "." + "0".repeat(decimals) : ""}${how.percent ? "%" : ""}`;
  return { type: "number", value, style: styles.of({ numFmt, ...extra }) };
}

/** A decimal text moved by `places` powers of ten, on the digits ("4.7", -2 → "0.047"). */
function shift(text: string, places: number): string {
  const sign = text.startsWith("-") ? "-" : "";
  const [whole = "", frac = ""] = text.replace(/^[-+]/, "").split(".");
  const digits = whole + frac;
  let point = whole.length + places;
  let padded = digits;
  if (point <= 0) {
    padded = "0".repeat(1 - point) + digits;
    point = 1;
  } else if (point > digits.length) padded = digits + "0".repeat(point - digits.length);
  const int = padded.slice(0, point).replace(/^0+(?=\d)/, "");
  const rest = padded.slice(point);
  return `${sign}${int}${rest ? "." + rest : ""}`;
}

/** Text, with Excel's quote prefix when it starts like a formula. */
function textCell(styles: Styles, text: string, extra: StyleSpec = {}): CellSpec | undefined {
  if (text === "") return Object.keys(extra).length ? { type: "empty", style: styles.of(extra) } : undefined;
  const spec = FORMULA_START.test(text) ? { ...extra, quotePrefix: true } : extra;
  const style = styles.of(spec);
  return { type: "string", value: text, ...(style ? { style } : {}) };
}

function commentFor(findings: Finding[], dataset: CheckResult["dataset"], ctx: RenderContext): string {
  return findings
    .map((f) => {
      const lines = [
        `${STATUS_MARK[f.status]} ${t(ctx, `status.${f.status}`)} (${t(ctx, `kind.${f.kind}`)})`,
        `${t(ctx, "published")}: ${publishedText(f) || "—"}`,
        wholeText(f, dataset, ctx) ?? `${t(ctx, "recomputed")}: ${recomputedText(f)}`,
      ];
      if (f.difference) lines.push(`${t(ctx, "difference")}: ${differenceText(f)}`);
      const s = intervalScale(f);
      if (f.recomputedInterval) lines.push(`${t(ctx, "interval")}: ${printInterval(f.recomputedInterval, s)}`);
      for (const c of f.causes) lines.push(`${t(ctx, "causes")}: ${causeText(ctx, c)}`);
      return lines.join("\n");
    })
    .join("\n\n");
}

function summarySheet(result: CheckResult, ctx: RenderContext, o: XlsxOptions, styles: Styles): SheetSpec {
  const rows: (CellSpec | undefined)[][] = [
    [textCell(styles, heading(result, ctx).trim(), { bold: true })],
    [textCell(styles, denominatorLine(result, ctx).trim())],
    [textCell(styles, summaryLine(result, ctx, o.failOn))],
    [],
    [textCell(styles, t(ctx, "status"), { bold: true }), textCell(styles, t(ctx, "findings"), { bold: true })],
    ...(Object.entries(result.counts) as [Status, number][]).map(([s, n]) => [
      textCell(styles, `${STATUS_MARK[s]} ${t(ctx, `status.${s}`)}`, { fill: STATUS_FILL[s] }),
      { type: "number", value: String(n) } as CellSpec,
    ]),
    [],
    [textCell(styles, `esg-recalc ${o.toolVersion}`)],
  ];
  return { name: t(ctx, "summary").slice(0, 31), rows, widths: { 1: 28, 2: 12 } };
}

function tableSheet(result: CheckResult, ctx: RenderContext, styles: Styles): SheetSpec {
  const { dataset } = result;
  const byCell = new Map<string, Finding[]>();
  for (const f of result.findings) {
    const key = `${f.metric}\u0000${f.column}`;
    byCell.set(key, [...(byCell.get(key) ?? []), f]);
  }
  // Several tables share the sheet's grid: a further table's column titles name their table.
  const title = (c: Column) => {
    const table = dataset.tables.length > 1 ? tableOfColumn(dataset, c.id) : undefined;
    return table && table.id !== PUBLISHED_TABLE ? `${c.printed} [${table.id}]` : c.printed;
  };
  const head = ["section", "label", "unit", ...allColumns(dataset).map(title)].map((h) =>
    textCell(styles, h, { bold: true }),
  );
  const rows: (CellSpec | undefined)[][] = [head];
  const comments: { cell: string; text: string }[] = [];
  publishedRows(dataset).forEach((row, r) => {
    const cells: (CellSpec | undefined)[] = [
      textCell(styles, sectionPath(dataset, row.metric, ctx.lang)),
      textCell(styles, row.label),
      textCell(styles, row.unit),
    ];
    allColumns(dataset).forEach((col, i) => {
      const here = byCell.get(`${row.metric}\u0000${col.id}`) ?? [];
      const main = here.find(isCellFinding);
      const worst = main ?? [...here].sort((a, b) => SHOWN_RANK[b.status] - SHOWN_RANK[a.status])[0];
      const fill = worst ? { fill: STATUS_FILL[worst.status] } : {};
      const cell = row.cells.find((c) => c.column === col.id);
      const v = cell?.value;
      if (v?.kind === "number") {
        // As printed: its decimals, its thousands separators or none, a "%" when it had one.
        const printed = foldFigure(v.number.text).trim();
        const grouped = /\d[, \u00a0\u202f]\d{3}/.test(printed);
        cells.push(
          numberCell(styles, v.number.value.toFixed(v.number.scale), fill, { grouped, percent: printed.endsWith("%") }),
        );
      } else cells.push(textCell(styles, cell ? cell.text.trim() : "", fill));
      if (here.length) comments.push({ cell: cellName(r + 2, 4 + i), text: commentFor(here, dataset, ctx) });
    });
    rows.push(cells);
  });
  // A legend under the table: what each fill means.
  rows.push([]);
  for (const s of Object.keys(STATUS_FILL) as Status[])
    rows.push([undefined, textCell(styles, `${STATUS_MARK[s]} ${t(ctx, `status.${s}`)}`, { fill: STATUS_FILL[s] })]);
  const widths: Record<number, number> = { 1: 22, 2: 30, 3: 14 };
  allColumns(dataset).forEach((_, i) => (widths[4 + i] = 16));
  return {
    name: t(ctx, "html.publishedTable")
      .replace(/[\\/?*[\]:]/g, " ")
      .slice(0, 31)
      .trim(),
    rows,
    comments,
    widths,
    freezeBelow: 2,
  };
}

function findingsSheet(result: CheckResult, ctx: RenderContext, styles: Styles): SheetSpec {
  const rows: (CellSpec | undefined)[][] = [CSV_COLUMNS.map((c) => textCell(styles, c, { bold: true }))];
  for (const f of result.findings) {
    const values = findingRow(f, result, ctx);
    rows.push(
      CSV_COLUMNS.map((c) => {
        const v = values[c];
        if (c === "status") return textCell(styles, v, { fill: STATUS_FILL[f.status] });
        return NUMBER_COLUMNS.has(c) && v !== "" ? numberCell(styles, v) : textCell(styles, v);
      }),
    );
  }
  return { name: t(ctx, "findings").slice(0, 31), rows, freezeBelow: 2, widths: { 1: 30, 2: 28, 8: 12, 20: 80 } };
}

export function renderXlsx(result: CheckResult, ctx: RenderContext, options: XlsxOptions): Uint8Array {
  const styles = new Styles();
  const sheets: SheetSpec[] = [
    summarySheet(result, ctx, options, styles),
    tableSheet(result, ctx, styles),
    findingsSheet(result, ctx, styles),
    // The corrected table (the many-reports issue's `corrected` format) goes here as a fourth sheet once it exists:
    // the published layout with each cell's corrected figure, built from the same findings.
  ];
  return writeWorkbook({ sheets, styles: styles.list, author: "esg-recalc" });
}
