// A sheet of an .xlsx workbook read as the table a CSV export of it would be: one record per non-empty row, one field
// per column, each cell's text — for a number, the text Excel displays (published table) or the stored value
// (activity data), computed from the decimal text stored in the file. Every problem is located at its cell
// (book.xlsx!Sheet!C12). The file is read here; the package is parsed by src/xlsx/.
import { readFileSync } from "node:fs";
import { fail, message, ok, type InputError, type InputErrorSay, type Result } from "../findings/inputError.js";
import { Dec } from "../model/decimal.js";
import { cellName, inRange, parseRange, rangeName, type CellRange } from "../xlsx/cellRef.js";
import { displayText, plain, readFormat, shownDecimals } from "../xlsx/numberFormat.js";
import { openWorkbook, type RawCell, type Sheet, type Workbook } from "../xlsx/workbook.js";
import type { CsvRecord, CsvTable } from "../model/source.js";

/** A published cell shows what the report's reader saw; an activity cell is the value stored. */
export type SheetRole = "published" | "activity";

export interface SheetRequest {
  /** The workbook on disk. */
  path: string;
  /** The workbook as named in messages, and relative to the dataset folder. */
  shown: string;
  name: string;
  sheet?: string;
  range?: string;
  role: SheetRole;
}

/** Where the manifest names the sheet or range (the place to fix a wrong one). */
export type ManifestAt = (key: "sheet" | "range" | "path") => Partial<InputError>;

export const isWorkbookPath = (path: string): boolean => /\.xls[xm]$/i.test(path);

/** Workbooks opened during one load, so a workbook holding several tables is read once. */
export type WorkbookCache = Map<string, Result<Workbook>>;

export function readSheetTable(
  req: SheetRequest,
  manifestAt: ManifestAt,
  cache: WorkbookCache = new Map(),
): Result<CsvTable> {
  let book = cache.get(req.path);
  if (!book) {
    book = openBook(req);
    cache.set(req.path, book);
  }
  if (!book.ok) return book;
  const wb = book.value;
  const listed = wb.sheets.map((s) => `"${s.name}"${s.state === "visible" ? "" : ` (${s.state})`}`).join(", ");
  let entry = req.sheet !== undefined ? wb.sheets.find((s) => s.name === req.sheet) : undefined;
  if (req.sheet !== undefined && !entry) {
    // Excel compares sheet names without regard to case; so do we, but only when that picks one sheet.
    const folded = wb.sheets.filter((s) => s.name.toLowerCase() === req.sheet!.toLowerCase());
    entry = folded.length === 1 ? folded[0] : undefined;
    if (!entry)
      return fail({
        code: "read-failed",
        ...manifestAt("sheet"),
        message: `${req.shown} has no sheet "${req.sheet}"`,
        expected: `one of ${listed}`,
        say: {
          message: message("error.xlsx.no-sheet", { shown: req.shown, sheet: req.sheet }),
          expected: message("error.xlsx.no-sheet.expected", { listed }),
        },
      });
  }
  if (!entry) {
    if (wb.sheets.length > 1) {
      return fail({
        code: "read-failed",
        ...manifestAt("path"),
        message: `${req.shown} has ${wb.sheets.length} sheets (${listed}): say which one holds this table`,
        hint: `write the entry as {"path": "${req.name}", "sheet": "${wb.sheets[0]!.name}"}`,
        say: {
          message: message("error.xlsx.sheets", { shown: req.shown, count: String(wb.sheets.length), listed }),
          hint: message("error.xlsx.sheets.hint", { name: req.name, sheet: wb.sheets[0]!.name }),
        },
      });
    }
    entry = wb.sheets[0]!;
  }
  let range: CellRange | undefined;
  if (req.range !== undefined) {
    range = parseRange(req.range) ?? undefined;
    if (!range)
      return fail({
        code: "manifest-invalid",
        ...manifestAt("range"),
        found: req.range,
        message: `"${req.range}" is not a cell range`,
        expected: 'a range in A1 notation, e.g. "B3:H40"',
        say: {
          message: message("error.xlsx.range", { range: req.range }),
          expected: message("error.xlsx.range.expected"),
        },
      });
  }
  const file = `${req.shown}!${entry.name}`;
  const sheet = wb.readSheet(entry);
  if (!sheet.ok)
    return fail(
      ...sheet.problems.map((p): InputError => ({
        code: "workbook-invalid",
        file: p.cell ? file : req.shown,
        ...(p.cell ? { cell: p.cell } : {}),
        message: p.reason,
        ...(p.say ? { say: { message: p.say } } : {}),
      })),
    );
  return sheetTable(sheet.value, {
    file,
    name: `${req.name}!${entry.name}`,
    role: req.role,
    date1904: wb.date1904,
    ...(range ? { range } : {}),
  });
}

function openBook(req: SheetRequest): Result<Workbook> {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(req.path);
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === "ENOENT";
    const reason = missing ? "no such file" : (err as Error).message;
    return fail({
      code: "read-failed",
      file: req.shown,
      message: `cannot read ${req.shown}: ${reason}`,
      say: {
        message: message("error.read-failed", {
          file: req.shown,
          reason: missing ? message("error.read-failed.no-such-file") : reason,
        }),
      },
    });
  }
  const wb = openWorkbook(bytes);
  if (!wb.ok)
    return fail(
      ...wb.problems.map((p): InputError => ({
        code: "workbook-invalid",
        file: req.shown,
        message: `${req.shown} cannot be read: ${p.reason}`,
        hint: "open it in Excel (or LibreOffice) and save it again as an .xlsx workbook",
        say: {
          message: message("error.xlsx.unreadable", { shown: req.shown, reason: p.say ?? p.reason }),
          hint: message("error.xlsx.unreadable.hint"),
        },
      })),
    );
  return ok(wb.value);
}

interface TableOptions {
  file: string;
  name: string;
  role: SheetRole;
  date1904: boolean;
  range?: CellRange;
}

const NUMBER_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * The table in a sheet. Without a range: from the first row holding anything, as wide as that (header) row;
 * with one: exactly the range. Empty rows are skipped (as blank CSV lines are). A text value merged down several
 * rows is read in each of them (a section heading merged over its rows labels each); a merge across columns keeps
 * its value in the first (as Excel shows and exports it); a number merged over several cells, or a header cell
 * merged across columns, is an error: it belongs to no single column.
 */
export function sheetTable(sheet: Sheet, o: TableOptions): Result<CsvTable> {
  const errors: InputError[] = [];
  const at = (row: number, col: number) => ({ file: o.file, line: row, cell: cellName(row, col) });
  const grid = new Map<number, Map<number, RawCell>>();
  for (const c of sheet.cells) {
    if (c.value === undefined && c.formula === undefined) continue;
    let r = grid.get(c.row);
    if (!r) grid.set(c.row, (r = new Map()));
    r.set(c.col, c);
  }
  const get = (row: number, col: number) => grid.get(row)?.get(col);
  // Empty text (also a formula's "") is an empty cell; a formula with no stored result is not (it is an error).
  const filled = (c: RawCell | undefined) =>
    c !== undefined && (c.value === undefined ? c.formula !== undefined : c.value !== "");

  // Merges: a number over several cells is refused; text merged down a column is read in every row it covers.
  for (const m of sheet.merges) {
    if (
      o.range &&
      !(m.bottom >= o.range.top && m.top <= o.range.bottom && m.right >= o.range.left && m.left <= o.range.right)
    )
      continue;
    const first = get(m.top, m.left);
    if (!filled(first) || (m.top === m.bottom && m.left === m.right)) continue; // a one-cell "merge" merges nothing
    if (first!.type === "n") {
      errors.push({
        code: "cell-unreadable",
        ...at(m.top, m.left),
        message: `a number merged over ${rangeName(m)} belongs to no single row and column`,
        hint: "unmerge the cells and give the figure to the one cell it belongs to",
        say: {
          message: message("error.xlsx.merged-number", { rangeName: rangeName(m) }),
          hint: message("error.xlsx.merged-number.hint"),
        },
      });
      continue;
    }
    if (!["s", "str", "inlineStr", "b"].includes(first!.type) || first!.value === undefined) continue;
    for (let row = m.top + 1; row <= m.bottom; row++) {
      let r = grid.get(row);
      if (!r) grid.set(row, (r = new Map()));
      if (!filled(r.get(m.left))) r.set(m.left, { ...first!, row, col: m.left, formula: undefined } as RawCell);
    }
  }

  // The table's extent.
  const rows = [...grid.keys()]
    .filter((row) =>
      [...grid.get(row)!.entries()].some(([col, c]) => filled(c) && (!o.range || inRange(o.range, row, col))),
    )
    .sort((a, b) => a - b);
  const headerRow = rows[0];
  if (headerRow === undefined) {
    return fail({
      code: "table-empty",
      file: o.file,
      message: `${o.file}${o.range ? ` (range ${rangeName(o.range)})` : ""} is empty: it needs a header row`,
      say: {
        message: o.range
          ? message("error.xlsx.empty.range", { file: o.file, range: rangeName(o.range) })
          : message("error.xlsx.empty", { file: o.file }),
      },
    });
  }
  let left: number;
  let right: number;
  if (o.range) {
    left = o.range.left;
    right = o.range.right;
  } else {
    const cols = [...grid.get(headerRow)!.entries()].filter(([, c]) => filled(c)).map(([col]) => col);
    left = Math.min(...cols);
    right = Math.max(...cols);
  }
  const bottom = o.range ? o.range.bottom : rows[rows.length - 1]!;
  for (const m of sheet.merges) {
    if (m.right > m.left && m.top <= headerRow && m.bottom >= headerRow && m.right >= left && m.left <= right) {
      errors.push({
        code: "cell-unreadable",
        ...at(headerRow, Math.max(m.left, left)),
        message: `the header cell is merged across ${rangeName(m)}: a column title names one column`,
        hint: `unmerge it (Format Cells → Alignment → Center Across Selection keeps the look)${o.range ? "" : '; if it is a title above the table, give the table\'s "range" in the manifest'}`,
        say: {
          message: message("error.header-merged", { range: rangeName(m) }),
          hint: message(o.range ? "error.header-merged.hint" : "error.header-merged.hint.range"),
        },
      });
    }
  }

  const records: CsvRecord[] = [];
  /** "row:index" of the fields that hold a stored number. */
  const numeric = new Set<string>();
  for (const row of rows) {
    if (row > bottom) break;
    const cells = grid.get(row)!;
    if (!o.range) {
      for (const [col, c] of cells) {
        if ((col < left || col > right) && filled(c)) {
          errors.push({
            code: "cell-unreadable",
            ...at(row, col),
            message: `${cellName(row, col)} lies outside the table, whose header spans ${cellName(headerRow, left)}:${cellName(headerRow, right)}`,
            hint: `give the table's "range" in the manifest, or move what is in ${cellName(row, col)} off the sheet`,
            say: {
              message: message("error.xlsx.outside", {
                cellName: cellName(row, col),
                cellName2: cellName(headerRow, left),
                cellName3: cellName(headerRow, right),
              }),
              hint: message("error.xlsx.outside.hint", { cellName: cellName(row, col) }),
            },
          });
        }
      }
    }
    const fields: string[] = [];
    for (let col = left; col <= right; col++) {
      const c = cells.get(col);
      const text = c ? cellText(c, o, errors) : "";
      fields.push(text ?? "");
      if (c && c.type !== "s" && c.type !== "inlineStr" && c.type !== "str" && c.type !== "b" && text)
        numeric.add(`${row}:${col - left}`);
    }
    if (fields.every((f) => f === "")) continue;
    records.push({ line: row, fields, text: csvLine(fields) });
  }
  if (errors.length) return fail(...errors);
  const formulas = new Map<string, string>();
  for (const c of sheet.cells) if (c.formula !== undefined) formulas.set(cellName(c.row, c.col), `=${c.formula}`);
  const [header, ...rest] = records;
  return ok({
    file: o.file,
    name: o.name,
    header: header!,
    records: rest,
    sheet: {
      cell: (line, index) => cellName(line, left + index),
      formula: (cell) => formulas.get(cell),
      numeric: (line, index) => numeric.has(`${line}:${index}`),
    },
  });
}

/** A cell's text as a CSV export would hold it, or undefined with an error at the cell. */
function cellText(c: RawCell, o: TableOptions, errors: InputError[]): string | undefined {
  const where = { file: o.file, line: c.row, cell: cellName(c.row, c.col) };
  const formula = c.formula !== undefined ? ` (formula =${c.formula})` : "";
  const refuse = (text: string, hint?: string, say?: InputErrorSay) =>
    void errors.push({
      code: "cell-unreadable",
      ...where,
      message: text,
      ...(hint ? { hint } : {}),
      ...(say ? { say } : {}),
    });
  const sayFormula = c.formula !== undefined ? message("error.cell.formula", { formula: c.formula }) : "";
  if (c.value === undefined) {
    return refuse(
      `the formula =${c.formula} has no calculated result stored in the file`,
      "open the workbook in Excel (or LibreOffice), let it calculate, and save it; a workbook written by a program may need its formulas replaced by values",
      {
        message: message("error.cell.uncalculated", { formula: c.formula ?? "" }),
        hint: message("error.cell.uncalculated.hint"),
      },
    );
  }
  switch (c.type) {
    case "s":
    case "inlineStr":
    case "str":
      return c.value;
    case "b":
      return c.value === "1" || c.value === "true" ? "TRUE" : "FALSE";
    case "e":
      return refuse(
        `the cell shows the error ${c.value}${formula}`,
        "fix what the formula refers to, or type the figure",
        {
          message: message("error.cell.error", { value: c.value, formula: sayFormula }),
          hint: message("error.cell.error.hint"),
        },
      );
    case "d":
      return refuse(
        `the cell holds a date (${c.value})`,
        "a figure is a number; a period is text such as 2021-03: format the cell as Text and type it",
        { message: message("error.cell.date", { value: c.value }), hint: message("error.cell.date.hint") },
      );
  }
  const stored = c.value.trim();
  if (!NUMBER_TEXT.test(stored))
    return refuse(`the stored value "${c.value}" is not a number${formula}`, undefined, {
      message: message("error.cell.not-a-number", { value: c.value, formula: sayFormula }),
    });
  const value = new Dec(stored);
  if (typeof c.format !== "string") return refuse(c.format.unknown, undefined, { message: c.format.say });
  const reading = readFormat(c.format, value.isZero() ? 0 : value.isNegative() ? -1 : 1);
  if (reading.kind === "date") {
    return refuse(
      `the cell holds a date or time (number format "${c.format}": ${excelDate(value, o.date1904)})${formula}`,
      "a figure is a number; a period is text such as 2021-03: format the cell as Text (Format Cells → Text) and type it",
      {
        message: message("error.cell.date-format", {
          format: c.format,
          date: excelDate(value, o.date1904),
          formula: sayFormula,
        }),
        hint: message("error.cell.date-format.hint"),
      },
    );
  }
  if (o.role === "activity") {
    // The value as stored, with at least the decimals the format shows ("0.00" on a stored 1522.3: 1522.30).
    const text = plain(value);
    const decimals = text.includes(".") ? text.length - text.indexOf(".") - 1 : 0;
    const shown = shownDecimals(reading);
    return shown > decimals ? value.toFixed(shown) : text;
  }
  if (reading.kind === "unsupported")
    return refuse(
      `${reading.reason}: the tool cannot tell what the report's reader saw${formula}`,
      "give the cell a plain number format, such as #,##0.0 or 0.00%",
      {
        message: message("error.cell.format-unsupported", { reason: reading.say, formula: sayFormula }),
        hint: message("error.cell.format-unsupported.hint"),
      },
    );
  return displayText(value, reading);
}

/** A serial date as the calendar date it stands for (1900 system with Excel's 29 February 1900, or 1904). */
export function excelDate(serial: Dec, date1904: boolean): string {
  const days = serial.floor().toNumber(); // a day count, never a reported figure
  if (!date1904 && days === 60) return "1900-02-29";
  const base = date1904 ? Date.UTC(1904, 0, 1) : days > 60 ? Date.UTC(1899, 11, 30) : Date.UTC(1899, 11, 31);
  return new Date(base + days * 86_400_000).toISOString().slice(0, 10);
}

/** A record as CSV text, for error excerpts (the marker under a field lands where the field is). */
function csvLine(fields: string[]): string {
  return fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""').replace(/\r?\n/g, " ")}"` : f)).join(",");
}
