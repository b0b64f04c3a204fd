// Writing an .xlsx package from a plain description of its sheets: cells (numbers from decimal text, strings,
// booleans, formulas with their cached results), styles (number format, fill, bold, quote prefix), merges, hidden
// rows and columns, column widths, a frozen header and cell comments (with the VML drawing Excel needs to show
// them). Every part is listed in [Content_Types].xml and every relationship points at a part. Pure: bytes out.
import { cellName, parseCell } from "./cellRef.js";
import { encodeXstring, escapeXml } from "./xml.js";
import { writeZip, type ZipFile } from "./zip.js";

export type CellSpec =
  /** `value`: the decimal text written as the stored value (never through a JS number). */
  | { type: "number"; value: string; style?: number; formula?: string }
  | {
      type: "string";
      value: string;
      style?: number;
      formula?: string;
      inline?: boolean;
      runs?: { text: string; bold?: boolean }[];
    }
  | { type: "boolean"; value: boolean; style?: number; formula?: string }
  | { type: "error"; value: string; style?: number; formula?: string }
  /** A formula whose result is not stored (a program wrote it and nothing calculated it). */
  | { type: "formula"; formula: string; style?: number }
  /** Only a style (a coloured empty cell). */
  | { type: "empty"; style: number };

export interface StyleSpec {
  /** A number format code ("#,##0.0", "0.0%"); default General. */
  numFmt?: string;
  /** Solid fill, RGB hex ("FFC7CE"). */
  fill?: string;
  bold?: boolean;
  /** Text that Excel must keep as text even when edited (its formula-injection guard). */
  quotePrefix?: boolean;
  wrap?: boolean;
}

export interface SheetSpec {
  name: string;
  /** Rows from 1; cells from column A (index 0). A missing cell is empty. */
  rows: (CellSpec | undefined)[][];
  /** Start the grid at another cell than A1 ("B3"). */
  origin?: string;
  merges?: string[];
  hiddenRows?: number[];
  hiddenColumns?: number[];
  /** Column widths in characters, by column number (1 = A). */
  widths?: Record<number, number>;
  /** Freeze the rows above this one (2: the header row stays in view). */
  freezeBelow?: number;
  comments?: { cell: string; text: string }[];
  state?: "visible" | "hidden";
}

export interface WorkbookSpec {
  sheets: SheetSpec[];
  /** Cell styles; cells refer to them by index (0 is the default style, whatever is given here first). */
  styles?: StyleSpec[];
  date1904?: boolean;
  /** Author shown on comments. */
  author?: string;
}

const NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL = (t: string) => `http://schemas.openxmlformats.org/officeDocument/2006/relationships/${t}`;
const CT = (t: string) => `application/vnd.openxmlformats-officedocument.spreadsheetml.${t}+xml`;
const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** Built-in number format ids for the codes that have one (ECMA-376 Part 1, 18.8.30). */
const BUILT_IN_IDS: Record<string, number> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "#,##0": 3,
  "#,##0.00": 4,
  "0%": 9,
  "0.00%": 10,
  "@": 49,
};

/** Characters Excel refuses in a sheet name, and its 31-character limit. */
export function validSheetName(name: string): boolean {
  return name.length >= 1 && name.length <= 31 && !/[\\/?*[\]:]/.test(name) && !/^'|'$/.test(name);
}

export function writeWorkbook(spec: WorkbookSpec): Uint8Array {
  const names = new Set<string>();
  for (const s of spec.sheets) {
    if (!validSheetName(s.name)) throw new Error(`invalid sheet name "${s.name}"`);
    if (names.has(s.name.toLowerCase())) throw new Error(`sheet name "${s.name}" twice`);
    names.add(s.name.toLowerCase());
  }
  const shared = new SharedStrings();
  const styles = spec.styles?.length ? spec.styles : [{}];
  const files: ZipFile[] = [];
  const overrides: [string, string][] = [
    ["/xl/workbook.xml", CT("sheet.main")],
    ["/xl/styles.xml", CT("styles")],
  ];
  const text = (name: string, body: string) => files.push({ name, data: new TextEncoder().encode(body) });
  let commentParts = 0;
  spec.sheets.forEach((sheet, i) => {
    const n = i + 1;
    const rels: string[] = [];
    let legacy = "";
    if (sheet.comments?.length) {
      commentParts++;
      const c = commentParts;
      rels.push(
        `<Relationship Id="rId1" Type="${REL("comments")}" Target="../comments${c}.xml"/>`,
        `<Relationship Id="rId2" Type="${REL("vmlDrawing")}" Target="../drawings/vmlDrawing${c}.vml"/>`,
      );
      legacy = '<legacyDrawing r:id="rId2"/>';
      text(`xl/comments${c}.xml`, commentsXml(sheet.comments, spec.author ?? "esg-recalc"));
      text(`xl/drawings/vmlDrawing${c}.vml`, vmlXml(sheet.comments, c));
      overrides.push([`/xl/comments${c}.xml`, CT("comments")]);
    }
    text(`xl/worksheets/sheet${n}.xml`, sheetXml(sheet, shared, legacy));
    overrides.push([`/xl/worksheets/sheet${n}.xml`, CT("worksheet")]);
    if (rels.length)
      text(
        `xl/worksheets/_rels/sheet${n}.xml.rels`,
        `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join("")}</Relationships>`,
      );
  });
  const wbRels = spec.sheets.map(
    (_, i) => `<Relationship Id="rId${i + 1}" Type="${REL("worksheet")}" Target="worksheets/sheet${i + 1}.xml"/>`,
  );
  const k = spec.sheets.length;
  wbRels.push(`<Relationship Id="rId${k + 1}" Type="${REL("styles")}" Target="styles.xml"/>`);
  if (shared.count) {
    wbRels.push(`<Relationship Id="rId${k + 2}" Type="${REL("sharedStrings")}" Target="sharedStrings.xml"/>`);
    text("xl/sharedStrings.xml", shared.xml());
    overrides.push(["/xl/sharedStrings.xml", CT("sharedStrings")]);
  }
  text("xl/styles.xml", stylesXml(styles));
  const firstVisible = Math.max(
    0,
    spec.sheets.findIndex((s) => s.state !== "hidden"),
  );
  text(
    "xl/workbook.xml",
    `${HEAD}<workbook xmlns="${NS}" xmlns:r="${REL_NS}"><workbookPr${spec.date1904 ? ' date1904="1"' : ""}/><bookViews><workbookView activeTab="${firstVisible}"/></bookViews><sheets>${spec.sheets
      .map(
        (s, i) =>
          `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}"${s.state === "hidden" ? ' state="hidden"' : ""} r:id="rId${i + 1}"/>`,
      )
      .join("")}</sheets></workbook>`,
  );
  text(
    "xl/_rels/workbook.xml.rels",
    `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${wbRels.join("")}</Relationships>`,
  );
  text(
    "_rels/.rels",
    `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL("officeDocument")}" Target="xl/workbook.xml"/></Relationships>`,
  );
  const types = `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${commentParts ? '<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>' : ""}${overrides
    .map(([part, type]) => `<Override PartName="${part}" ContentType="${type}"/>`)
    .join("")}</Types>`;
  // [Content_Types].xml first, as Office writes it (some readers look for it there).
  return writeZip([{ name: "[Content_Types].xml", data: new TextEncoder().encode(types) }, ...files]);
}

class SharedStrings {
  private index = new Map<string, number>();
  private items: string[] = [];
  get count(): number {
    return this.items.length;
  }
  add(plain: string, runs?: { text: string; bold?: boolean }[]): number {
    const body = runs
      ? runs
          .map(
            (r) =>
              `<r>${r.bold ? "<rPr><b/></rPr>" : ""}<t xml:space="preserve">${escapeXml(encodeXstring(r.text))}</t></r>`,
          )
          .join("")
      : `<t xml:space="preserve">${escapeXml(encodeXstring(plain))}</t>`;
    const known = this.index.get(body);
    if (known !== undefined) return known;
    this.items.push(body);
    this.index.set(body, this.items.length - 1);
    return this.items.length - 1;
  }
  xml(): string {
    return `${HEAD}<sst xmlns="${NS}" count="${this.items.length}" uniqueCount="${this.items.length}">${this.items.map((b) => `<si>${b}</si>`).join("")}</sst>`;
  }
}

function cellXml(c: CellSpec, ref: string, shared: SharedStrings): string {
  const s = c.style ? ` s="${c.style}"` : "";
  const f = "formula" in c && c.formula !== undefined ? `<f>${escapeXml(c.formula.replace(/^=/, ""))}</f>` : "";
  switch (c.type) {
    case "empty":
      return `<c r="${ref}"${s}/>`;
    case "formula":
      return `<c r="${ref}"${s}>${f}</c>`;
    case "number":
      if (!/^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(c.value))
        throw new Error(`cell ${ref}: "${c.value}" is not a number`);
      return `<c r="${ref}"${s}>${f}<v>${c.value}</v></c>`;
    case "boolean":
      return `<c r="${ref}"${s} t="b">${f}<v>${c.value ? 1 : 0}</v></c>`;
    case "error":
      return `<c r="${ref}"${s} t="e">${f}<v>${escapeXml(c.value)}</v></c>`;
    case "string":
      if (f) return `<c r="${ref}"${s} t="str">${f}<v>${escapeXml(encodeXstring(c.value))}</v></c>`;
      if (c.inline)
        return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeXml(encodeXstring(c.value))}</t></is></c>`;
      return `<c r="${ref}"${s} t="s"><v>${shared.add(c.value, c.runs)}</v></c>`;
  }
}

function sheetXml(sheet: SheetSpec, shared: SharedStrings, legacy: string): string {
  const origin = parseCell(sheet.origin ?? "A1") ?? { row: 1, col: 1 };
  const hidden = new Set(sheet.hiddenRows ?? []);
  const rowsOut: string[] = [];
  const lastRow = Math.max(sheet.rows.length + origin.row - 1, ...hidden);
  let right = origin.col;
  for (let r = origin.row; r <= lastRow; r++) {
    const cells = sheet.rows[r - origin.row] ?? [];
    const xml = cells.map((c, i) => (c ? cellXml(c, cellName(r, origin.col + i), shared) : "")).join("");
    if (cells.length) right = Math.max(right, origin.col + cells.length - 1);
    if (xml || hidden.has(r)) rowsOut.push(`<row r="${r}"${hidden.has(r) ? ' hidden="1"' : ""}>${xml}</row>`);
  }
  const widths = new Map(Object.entries(sheet.widths ?? {}).map(([k, v]) => [Number(k), v]));
  const hiddenCols = new Set(sheet.hiddenColumns ?? []);
  const colNumbers = [...new Set([...widths.keys(), ...hiddenCols])].sort((a, b) => a - b);
  const cols = colNumbers.length
    ? `<cols>${colNumbers.map((c) => `<col min="${c}" max="${c}" width="${widths.get(c) ?? 9.140625}"${widths.has(c) ? ' customWidth="1"' : ""}${hiddenCols.has(c) ? ' hidden="1"' : ""}/>`).join("")}</cols>`
    : "";
  const freeze =
    sheet.freezeBelow && sheet.freezeBelow > 1
      ? `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${sheet.freezeBelow - 1}" topLeftCell="A${sheet.freezeBelow}" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>`
      : '<sheetViews><sheetView workbookViewId="0"/></sheetViews>';
  const dimension = rowsOut.length
    ? `${cellName(origin.row, origin.col)}:${cellName(Math.max(lastRow, origin.row), right)}`
    : "A1";
  const merges = sheet.merges?.length
    ? `<mergeCells count="${sheet.merges.length}">${sheet.merges.map((m) => `<mergeCell ref="${m}"/>`).join("")}</mergeCells>`
    : "";
  // Element order is the schema's (CT_Worksheet): Excel repairs a sheet whose elements come in another order.
  return `${HEAD}<worksheet xmlns="${NS}" xmlns:r="${REL_NS}"><dimension ref="${dimension}"/>${freeze}<sheetFormatPr defaultRowHeight="15"/>${cols}<sheetData>${rowsOut.join("")}</sheetData>${merges}<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>${legacy}</worksheet>`;
}

function stylesXml(styles: StyleSpec[]): string {
  const fmtIds = new Map<string, number>();
  const custom: string[] = [];
  for (const s of styles) {
    const code = s.numFmt ?? "General";
    if (fmtIds.has(code)) continue;
    const builtIn = BUILT_IN_IDS[code];
    if (builtIn !== undefined) fmtIds.set(code, builtIn);
    else {
      fmtIds.set(code, 164 + custom.length);
      custom.push(`<numFmt numFmtId="${164 + custom.length}" formatCode="${escapeXml(code)}"/>`);
    }
  }
  const fills = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>']; // 0 and 1 are reserved
  const fillIds = new Map<string, number>();
  for (const s of styles) {
    if (s.fill && !fillIds.has(s.fill)) {
      fillIds.set(s.fill, fills.length);
      fills.push(
        `<fill><patternFill patternType="solid"><fgColor rgb="FF${s.fill.toUpperCase()}"/><bgColor indexed="64"/></patternFill></fill>`,
      );
    }
  }
  const fonts = [
    '<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>',
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>',
  ];
  const xfs = styles.map((s) => {
    const numFmtId = fmtIds.get(s.numFmt ?? "General")!;
    const fillId = s.fill ? fillIds.get(s.fill)! : 0;
    const attrs = [
      `numFmtId="${numFmtId}"`,
      `fontId="${s.bold ? 1 : 0}"`,
      `fillId="${fillId}"`,
      'borderId="0"',
      'xfId="0"',
    ];
    if (numFmtId) attrs.push('applyNumberFormat="1"');
    if (s.bold) attrs.push('applyFont="1"');
    if (fillId) attrs.push('applyFill="1"');
    if (s.quotePrefix) attrs.push('quotePrefix="1"');
    if (s.wrap) attrs.push('applyAlignment="1"');
    return s.wrap ? `<xf ${attrs.join(" ")}><alignment wrapText="1" vertical="top"/></xf>` : `<xf ${attrs.join(" ")}/>`;
  });
  return `${HEAD}<styleSheet xmlns="${NS}">${custom.length ? `<numFmts count="${custom.length}">${custom.join("")}</numFmts>` : ""}<fonts count="${fonts.length}">${fonts.join("")}</fonts><fills count="${fills.length}">${fills.join("")}</fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${xfs.length}">${xfs.join("")}</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;
}

function commentsXml(comments: { cell: string; text: string }[], author: string): string {
  return `${HEAD}<comments xmlns="${NS}"><authors><author>${escapeXml(author)}</author></authors><commentList>${comments
    .map(
      (c) =>
        `<comment ref="${c.cell}" authorId="0"><text><t xml:space="preserve">${escapeXml(encodeXstring(c.text))}</t></text></comment>`,
    )
    .join("")}</commentList></comments>`;
}

/** The legacy drawing that makes Excel show a note's red corner and its box on hover: one hidden shape per comment. */
function vmlXml(comments: { cell: string; text: string }[], part: number): string {
  const shapes = comments.map((c, i) => {
    const at = parseCell(c.cell)!;
    const lines = Math.min(12, Math.max(3, c.text.split("\n").length + 1));
    return `<v:shape id="_x0000_s${part * 1024 + i + 1}" type="#_x0000_t202" style="position:absolute;margin-left:80pt;margin-top:2pt;width:260pt;height:${lines * 13}pt;z-index:${i + 1};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${at.col}, 15, ${Math.max(0, at.row - 2)}, 10, ${at.col + 4}, 15, ${at.row + lines}, 4</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>${at.row - 1}</x:Row><x:Column>${at.col - 1}</x:Column></x:ClientData></v:shape>`;
  });
  return `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${part}"/></o:shapelayout><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>${shapes.join("")}</xml>`;
}
