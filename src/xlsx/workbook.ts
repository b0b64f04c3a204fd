// Reading an .xlsx package: its relationships, the workbook's sheet list and date system, the shared strings, the
// cell styles' number formats, and one worksheet's cells, merges and hidden rows and columns. Cell values are kept
// as the text stored in the file (`<v>`): nothing here goes through a JavaScript number. Pure: bytes in.
import { message, type Message, type MessageArg } from "../findings/inputError.js";
import { cellName, columnName, parseCell, parseRange, type CellRange } from "./cellRef.js";
import { builtInFormat } from "./numberFormat.js";
import {
  childNamed,
  childrenNamed,
  decodeXmlBytes,
  decodeXstring,
  parseXmlTree,
  scanXml,
  XmlError,
  type XmlElement,
} from "./xml.js";
import { DEFAULT_LIMITS, partKey, readZipDirectory, readZipEntry, type ZipEntry, type ZipLimits } from "./zip.js";

export interface SheetEntry {
  name: string;
  state: "visible" | "hidden" | "veryHidden";
  /** The worksheet part, or null for a chart or dialog sheet. */
  part: string | null;
}

/** A problem, with the cell when it concerns one. */
export interface WorkbookProblem {
  reason: string;
  /** The reason as a template of data/i18n/causes.json, for a report in another language. */
  say?: Message;
  cell?: string;
}

export type WorkbookResult<T> = { ok: true; value: T } | { ok: false; problems: WorkbookProblem[] };

export type CellType = "n" | "s" | "str" | "inlineStr" | "b" | "e" | "d";

export interface RawCell {
  row: number;
  col: number;
  /** As stored: `t` (absent means a number). */
  type: CellType;
  /** The stored value: a number's `<v>` text, a string's text (shared strings resolved), "1"/"0", an error code; undefined: none stored. */
  value: string | undefined;
  /** The formula as written in the cell (without "="), a shared formula shifted to this cell. */
  formula?: string;
  /** The number format code of the cell's style, or why it is not known (said only if the cell is read). */
  format: string | { unknown: string; say: Message };
}

export interface Sheet {
  name: string;
  /** Cells with a value or a formula, by row then column. */
  cells: RawCell[];
  merges: CellRange[];
  hiddenRows: Set<number>;
  hiddenColumns: Set<number>;
}

export interface Workbook {
  sheets: SheetEntry[];
  date1904: boolean;
  readSheet(entry: SheetEntry): WorkbookResult<Sheet>;
}

const problem = <T>(reason: string, say: Message): WorkbookResult<T> => ({
  ok: false,
  problems: [{ reason, say }],
});
const said = (key: string, args?: Record<string, MessageArg>): Message => message(`error.workbook.${key}`, args);

/** Opens a package and reads its workbook part, shared strings and styles; sheets are read when asked for. */
export function openWorkbook(bytes: Uint8Array, limits: ZipLimits = DEFAULT_LIMITS): WorkbookResult<Workbook> {
  const dir = readZipDirectory(bytes, limits);
  if (!dir.ok) return problem(dir.reason, dir.say);
  const entries = dir.value;
  const part = (name: string): WorkbookResult<string> => {
    const entry: ZipEntry | undefined = entries.get(partKey(name));
    if (!entry) return problem(`the package has no part ${name}`, said("no-part", { name }));
    const data = readZipEntry(bytes, entry, limits);
    if (!data.ok) return problem(data.reason, data.say);
    try {
      return { ok: true, value: decodeXmlBytes(data.value) };
    } catch (err) {
      return problem(`part ${name}: ${(err as Error).message}`, said("part", { name, why: (err as Error).message }));
    }
  };
  const tree = (name: string): WorkbookResult<XmlElement> => {
    const text = part(name);
    if (!text.ok) return text;
    try {
      return { ok: true, value: parseXmlTree(text.value) };
    } catch (err) {
      return problem(
        `part ${name} is not well-formed XML: ${(err as Error).message}`,
        said("part-xml", { name, why: (err as Error).message }),
      );
    }
  };
  const rels = (of: string): WorkbookResult<Relationship[]> => {
    const name = relsPartOf(of);
    if (!entries.has(partKey(name))) return { ok: true, value: [] };
    const t = tree(name);
    if (!t.ok) return t;
    return {
      ok: true,
      value: childrenNamed(t.value, "Relationship").map((r) => ({
        id: r.attrs.Id ?? "",
        type: r.attrs.Type ?? "",
        target: r.attrs.TargetMode === "External" ? null : resolveTarget(of, r.attrs.Target ?? ""),
      })),
    };
  };

  const root = rels("");
  if (!root.ok) return root;
  const workbookPart = root.value.find((r) => r.type.endsWith("/officeDocument"))?.target;
  if (!workbookPart)
    return entries.has(partKey("[Content_Types].xml"))
      ? problem("the package is not a spreadsheet (no workbook part)", said("no-workbook"))
      : problem("this ZIP archive is not an Office document (no [Content_Types].xml)", said("not-office"));
  const wb = tree(workbookPart);
  if (!wb.ok) return wb;
  const wbRels = rels(workbookPart);
  if (!wbRels.ok) return wbRels;
  const relTarget = (id: string) => wbRels.value.find((r) => r.id === id);
  const pr = childNamed(wb.value, "workbookPr");
  const date1904 = pr?.attrs.date1904 === "1" || pr?.attrs.date1904 === "true";
  const sheets: SheetEntry[] = childrenNamed(childNamed(wb.value, "sheets"), "sheet").map((s) => {
    const rel = relTarget(s.attrs.id ?? "");
    const state = s.attrs.state === "hidden" || s.attrs.state === "veryHidden" ? s.attrs.state : "visible";
    return { name: s.attrs.name ?? "", state, part: rel && rel.type.endsWith("/worksheet") ? rel.target : null };
  });
  if (!sheets.length) return problem("the workbook lists no sheets", said("no-sheets"));

  const sstPart = wbRels.value.find((r) => r.type.endsWith("/sharedStrings"))?.target;
  let shared: string[] = [];
  if (sstPart) {
    const text = part(sstPart);
    if (!text.ok) return text;
    try {
      shared = sharedStrings(text.value);
    } catch (err) {
      return problem(
        `part ${sstPart} is not well-formed XML: ${(err as Error).message}`,
        said("part-xml", { name: sstPart, why: (err as Error).message }),
      );
    }
  }
  const stylesPart = wbRels.value.find((r) => r.type.endsWith("/styles"))?.target;
  let formats: (string | null)[] = [];
  if (stylesPart) {
    const st = tree(stylesPart);
    if (!st.ok) return st;
    formats = cellFormats(st.value);
  }
  return {
    ok: true,
    value: {
      sheets,
      date1904,
      readSheet(entry) {
        if (!entry.part)
          return problem(
            `sheet "${entry.name}" is a chart or dialog sheet, not a worksheet`,
            said("chart-sheet", { name: entry.name }),
          );
        const text = part(entry.part);
        if (!text.ok) return text;
        return readWorksheet(entry.name, text.value, shared, formats);
      },
    },
  };
}

interface Relationship {
  id: string;
  type: string;
  target: string | null;
}

/** "xl/workbook.xml" → "xl/_rels/workbook.xml.rels"; the package's own: "_rels/.rels". */
function relsPartOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** A relationship target, relative to its source part's folder unless it starts with "/". */
function resolveTarget(source: string, target: string): string {
  const base = target.startsWith("/") ? [] : source.split("/").slice(0, -1);
  for (const seg of target.replace(/^\/+/, "").split("/")) {
    if (seg === "..") base.pop();
    else if (seg !== "." && seg !== "") base.push(seg);
  }
  return base.join("/");
}

/** The shared string table: each `<si>`'s text — plain or rich-text runs — without phonetic guides (`<rPh>`). */
function sharedStrings(xml: string): string[] {
  const out: string[] = [];
  let current: string | null = null;
  let inT = false;
  let phonetic = 0;
  scanXml(xml, {
    open(name) {
      if (name === "si") current = "";
      else if (name === "rPh") phonetic++;
      else if (name === "t" && current !== null && !phonetic) inT = true;
    },
    close(name) {
      if (name === "si") {
        out.push(decodeXstring(current ?? ""));
        current = null;
      } else if (name === "rPh") phonetic--;
      else if (name === "t") inT = false;
    },
    text(t) {
      if (inT && current !== null) current += t;
    },
  });
  return out;
}

/** Each cell style's number format code (null: an id with no definition the tool knows). */
function cellFormats(styles: XmlElement): (string | null)[] {
  const custom = new Map(
    childrenNamed(childNamed(styles, "numFmts"), "numFmt").map((f) => [
      Number(f.attrs.numFmtId),
      f.attrs.formatCode ?? "",
    ]),
  );
  return childrenNamed(childNamed(styles, "cellXfs"), "xf").map((xf) => {
    const id = Number(xf.attrs.numFmtId ?? "0");
    return custom.get(id) ?? builtInFormat(id) ?? null;
  });
}

function readWorksheet(name: string, xml: string, shared: string[], formats: (string | null)[]): WorkbookResult<Sheet> {
  const cells: RawCell[] = [];
  const merges: CellRange[] = [];
  const hiddenRows = new Set<number>();
  const hiddenColumns = new Set<number>();
  const problems: WorkbookProblem[] = [];
  const masters = new Map<string, { formula: string; row: number; col: number }>();
  let row = 0;
  let col = 0;
  let cell: (RawCell & { style: number; shared?: string; isMaster?: boolean }) | null = null;
  let into: "v" | "f" | "t" | null = null;
  let inInline = false;
  let phonetic = 0;
  let inSheetData = false;
  let text = "";
  try {
    scanXml(xml, {
      open(el, a) {
        if (el === "sheetData") inSheetData = true;
        else if (el === "row" && inSheetData) {
          row = a.r !== undefined ? Number(a.r) : row + 1;
          col = 0;
          if (a.hidden === "1" || a.hidden === "true") hiddenRows.add(row);
        } else if (el === "c" && inSheetData) {
          const at = a.r !== undefined ? parseCell(a.r) : { row, col: col + 1 };
          if (!at || at.row !== row) {
            problems.push({
              reason: `a cell reference "${a.r}" that is not a cell of row ${row}`,
              say: said("cell-ref", { ref: a.r ?? "", row: String(row) }),
            });
            cell = null;
            return;
          }
          col = at.col;
          const type = (a.t ?? "n") as CellType;
          if (!["n", "s", "str", "inlineStr", "b", "e", "d"].includes(type))
            problems.push({
              reason: `cell type t="${a.t}" is not one of OOXML's`,
              say: said("cell-type", { type: a.t ?? "" }),
              cell: cellName(row, col),
            });
          cell = { row, col, type, value: undefined, format: "General", style: Number(a.s ?? "0") };
        } else if (cell && el === "v") {
          into = "v";
          text = "";
        } else if (cell && el === "f") {
          into = "f";
          text = "";
          if (a.t === "shared" && a.si !== undefined) {
            cell.shared = a.si;
            cell.isMaster = a.ref !== undefined;
          }
        } else if (cell && el === "is") inInline = true;
        else if (cell && inInline && el === "rPh") phonetic++;
        else if (cell && inInline && el === "t" && !phonetic) {
          into = "t";
          if (cell.value === undefined) cell.value = "";
          text = "";
        } else if (el === "mergeCell") {
          const r = parseRange(a.ref ?? "");
          if (r) merges.push(r);
          else
            problems.push({
              reason: `a merged range "${a.ref}" that is not a range`,
              say: said("merge", { ref: a.ref ?? "" }),
            });
        } else if (el === "col" && (a.hidden === "1" || a.hidden === "true")) {
          for (let c = Number(a.min); c <= Number(a.max) && c <= 16384; c++) hiddenColumns.add(c);
        }
      },
      close(el) {
        if (el === "sheetData") inSheetData = false;
        else if (cell && el === "v" && into === "v") {
          cell.value = text;
          into = null;
        } else if (cell && el === "f" && into === "f") {
          if (text !== "") cell.formula = text;
          into = null;
        } else if (cell && el === "t" && into === "t") {
          cell.value += text;
          into = null;
        } else if (cell && el === "rPh") phonetic--;
        else if (cell && el === "is") inInline = false;
        else if (el === "c" && cell) {
          finishCell(cell);
          cell = null;
        }
      },
      text(t) {
        if (into) text += t;
      },
    });
  } catch (err) {
    if (err instanceof XmlError)
      return problem(
        `sheet "${name}" is not well-formed XML: ${err.message}`,
        said("sheet-xml", { name, why: err.message }),
      );
    throw err;
  }

  function finishCell(c: RawCell & { style: number; shared?: string; isMaster?: boolean }): void {
    const ref = cellName(c.row, c.col);
    const fmt = formats.length === 0 && c.style === 0 ? "General" : formats[c.style];
    if (fmt === undefined)
      c.format = {
        unknown: `the cell's style ${c.style} is not in the workbook's styles (damaged file)`,
        say: said("style", { style: String(c.style) }),
      };
    else if (fmt === null)
      c.format = {
        unknown:
          "the cell's number format is a built-in one whose meaning depends on Excel's language; give the cell an explicit format (Format Cells → Number)",
        say: said("format-locale"),
      };
    else c.format = fmt;
    if (c.shared !== undefined) {
      if (c.isMaster && c.formula !== undefined) masters.set(c.shared, { formula: c.formula, row: c.row, col: c.col });
      else if (c.formula === undefined) {
        const m = masters.get(c.shared);
        c.formula = m
          ? shiftFormula(m.formula, c.row - m.row, c.col - m.col)
          : "(a shared formula whose first cell was not found)";
      }
    }
    if (c.type === "s" && c.value !== undefined) {
      const i = /^\d+$/.test(c.value.trim()) ? Number(c.value.trim()) : NaN;
      if (!(i < shared.length)) {
        problems.push({
          reason: `shared string ${c.value} does not exist (the workbook has ${shared.length})`,
          say: said("shared-string", { value: c.value, count: String(shared.length) }),
          cell: ref,
        });
        return;
      }
      c.value = shared[i];
    } else if ((c.type === "inlineStr" || c.type === "str") && c.value !== undefined) {
      c.value = decodeXstring(c.value);
    }
    if (c.value === undefined && c.formula === undefined) return; // an empty, only formatted cell
    const { style: _style, shared: _shared, isMaster: _isMaster, ...plain } = c;
    cells.push(plain);
  }

  if (problems.length)
    return {
      ok: false,
      problems: problems.map((p) =>
        p.cell
          ? p
          : {
              ...p,
              reason: `sheet "${name}": ${p.reason}`,
              ...(p.say ? { say: said("in-sheet", { name, reason: p.say }) } : {}),
            },
      ),
    };
  cells.sort((a, b) => a.row - b.row || a.col - b.col);
  return { ok: true, value: { name, cells, merges, hiddenRows, hiddenColumns } };
}

/**
 * A formula moved by (rows, cols), as Excel fills a shared formula: relative references move, "$" parts stay.
 * String literals and quoted sheet names are left alone; whole-row or whole-column references are not moved.
 */
export function shiftFormula(formula: string, rows: number, cols: number): string {
  if (rows === 0 && cols === 0) return formula;
  let out = "";
  const token =
    /"(?:[^"]|"")*"|'(?:[^']|'')*'|(?<![A-Za-z0-9_.])(\$?)([A-Za-z]{1,3})(\$?)([0-9]{1,7})(?![A-Za-z0-9_(])|[^"']/gy;
  for (const m of formula.matchAll(token)) {
    const [whole, colAbs, letters, rowAbs, digits] = m;
    if (letters === undefined) {
      out += whole;
      continue;
    }
    const at = parseCell(`${letters}${digits}`);
    if (!at) {
      out += whole;
      continue;
    }
    const row = rowAbs ? at.row : at.row + rows;
    const col = colAbs ? at.col : at.col + cols;
    out += row >= 1 && col >= 1 ? `${colAbs}${columnName(col)}${rowAbs}${row}` : "#REF!";
  }
  return out;
}
