// The workbooks the tool writes, checked as a package (what Excel checks before it offers to "repair" a file):
// every part well-formed (by the tests' own XML reader, not the one under test), every XML part given its content
// type, every relationship pointing at a part, worksheet elements in the schema's order, style indexes in range,
// one VML shape per comment. Then read back: by our reader and by SheetJS — cells, fills, comments, the formula
// guard on text.
import XLSX from "@e965/xlsx";
import { describe, expect, it } from "vitest";
import { renderXlsx } from "../../src/render/xlsx.js";
import { openWorkbook } from "../../src/xlsx/workbook.js";
import { writeWorkbook } from "../../src/xlsx/write.js";
import { readZipDirectory, readZipEntry } from "../../src/xlsx/zip.js";
import { ARITHMETIC_ONLY, ctx, result } from "./renderFixtures.js";
import { parseXml, type XmlElement } from "./xml.js";

function parts(bytes: Uint8Array): Map<string, string> {
  const dir = readZipDirectory(bytes);
  if (!dir.ok) throw new Error(dir.reason);
  const out = new Map<string, string>();
  for (const e of dir.value.values()) {
    const data = readZipEntry(bytes, e);
    if (!data.ok) throw new Error(data.reason);
    out.set(e.name, new TextDecoder("utf-8", { fatal: true }).decode(data.value));
  }
  return out;
}

const kids = (el: XmlElement, name: string) => el.children.filter((c) => c.name === name);

/** The checks a consumer makes of an OOXML package before reading a cell; throws on the first problem. */
function validatePackage(bytes: Uint8Array): Map<string, XmlElement> {
  const files = parts(bytes);
  const xml = new Map<string, XmlElement>();
  for (const [name, text] of files) {
    // VML parts carry no XML declaration (as Excel writes them); the tests' reader wants one.
    xml.set(name, parseXml(name.endsWith(".vml") ? `<?xml version="1.0" encoding="UTF-8"?>${text}` : text));
  }
  const types = xml.get("[Content_Types].xml")!;
  const defaults = new Map(kids(types, "Default").map((d) => [d.attrs.Extension!, d.attrs.ContentType!]));
  const overrides = new Map(kids(types, "Override").map((o) => [o.attrs.PartName!, o.attrs.ContentType!]));
  expect(defaults.get("rels")).toBe("application/vnd.openxmlformats-package.relationships+xml");
  for (const name of files.keys()) {
    if (name === "[Content_Types].xml") continue;
    const ext = name.slice(name.lastIndexOf(".") + 1);
    if (ext === "rels" || ext === "vml") expect(defaults.has(ext), name).toBe(true);
    // Every OOXML XML part needs its own content type: "application/xml" would make Excel ignore (or repair) it.
    else
      expect(overrides.get(`/${name}`), `Override for /${name}`).toMatch(
        /^application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.[a-zA-Z.]+\+xml$/,
      );
  }
  for (const part of overrides.keys()) expect(files.has(part.slice(1)), `Override ${part} names a part`).toBe(true);
  // Relationships: unique ids, targets that exist.
  for (const [name, el] of xml) {
    if (!name.endsWith(".rels")) continue;
    const base = name.replace(/_rels\/[^/]*\.rels$/, "");
    const ids = kids(el, "Relationship").map((r) => r.attrs.Id);
    expect(new Set(ids).size, name).toBe(ids.length);
    for (const r of kids(el, "Relationship")) {
      const target = r.attrs.Target!.startsWith("/")
        ? r.attrs.Target!.slice(1)
        : new URL(r.attrs.Target!, `http://x/${base}`).pathname.slice(1);
      expect(files.has(target), `${name} → ${r.attrs.Target}`).toBe(true);
    }
  }
  // The workbook: valid, unique sheet names and ids, each sheet's relationship present.
  const wb = xml.get("xl/workbook.xml")!;
  const sheets = kids(kids(wb, "sheets")[0]!, "sheet");
  const wbRels = new Map(
    kids(xml.get("xl/_rels/workbook.xml.rels")!, "Relationship").map((r) => [r.attrs.Id!, r.attrs.Target!]),
  );
  expect(new Set(sheets.map((s) => s.attrs.name!.toLowerCase())).size).toBe(sheets.length);
  expect(new Set(sheets.map((s) => s.attrs.sheetId)).size).toBe(sheets.length);
  for (const s of sheets) {
    expect(s.attrs.name!.length).toBeLessThanOrEqual(31);
    expect(s.attrs.name).not.toMatch(/[\\/?*[\]:]/);
    expect(wbRels.has(s.attrs["r:id"]!)).toBe(true);
  }
  // Styles: the two reserved fills first, counts that match, indexes in range.
  const styles = xml.get("xl/styles.xml")!;
  const fills = kids(kids(styles, "fills")[0]!, "fill");
  expect(kids(fills[0]!, "patternFill")[0]!.attrs.patternType).toBe("none");
  expect(kids(fills[1]!, "patternFill")[0]!.attrs.patternType).toBe("gray125");
  for (const group of ["fonts", "fills", "borders", "cellXfs", "cellStyleXfs", "numFmts"]) {
    const g = kids(styles, group)[0];
    if (g) expect(Number(g.attrs.count), group).toBe(g.children.length);
  }
  const xfs = kids(kids(styles, "cellXfs")[0]!, "xf");
  const customFormats = new Set(
    kids(kids(styles, "numFmts")[0] ?? ({ children: [] } as unknown as XmlElement), "numFmt").map(
      (f) => f.attrs.numFmtId,
    ),
  );
  for (const xf of xfs) {
    expect(Number(xf.attrs.fillId)).toBeLessThan(fills.length);
    expect(Number(xf.attrs.fontId)).toBeLessThan(kids(kids(styles, "fonts")[0]!, "font").length);
    const id = Number(xf.attrs.numFmtId);
    expect(id < 164 || customFormats.has(String(id)), `numFmtId ${id}`).toBe(true);
  }
  // Worksheets: elements in CT_Worksheet order, cells within styles and shared strings, comments with their VML.
  const ORDER = [
    "sheetPr",
    "dimension",
    "sheetViews",
    "sheetFormatPr",
    "cols",
    "sheetData",
    "sheetCalcPr",
    "sheetProtection",
    "protectedRanges",
    "scenarios",
    "autoFilter",
    "sortState",
    "dataConsolidate",
    "customSheetViews",
    "mergeCells",
    "phoneticPr",
    "conditionalFormatting",
    "dataValidations",
    "hyperlinks",
    "printOptions",
    "pageMargins",
    "pageSetup",
    "headerFooter",
    "rowBreaks",
    "colBreaks",
    "customProperties",
    "cellWatches",
    "ignoredErrors",
    "smartTags",
    "drawing",
    "legacyDrawing",
  ];
  const sst = xml.get("xl/sharedStrings.xml");
  const strings = sst ? kids(sst, "si").length : 0;
  if (sst) expect(Number(sst.attrs.uniqueCount)).toBe(strings);
  for (const [name, el] of xml) {
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) continue;
    const order = el.children.map((c) => ORDER.indexOf(c.name));
    expect(
      order.every((i) => i >= 0),
      `${name}: unknown element`,
    ).toBe(true);
    expect(
      [...order].sort((a, b) => a - b),
      `${name}: element order`,
    ).toEqual(order);
    let lastRow = 0;
    for (const row of kids(kids(el, "sheetData")[0]!, "row")) {
      expect(Number(row.attrs.r)).toBeGreaterThan(lastRow);
      lastRow = Number(row.attrs.r);
      for (const c of kids(row, "c")) {
        expect(Number(c.attrs.s ?? 0)).toBeLessThan(xfs.length);
        if (c.attrs.t === "s") expect(Number(kids(c, "v")[0]!.text)).toBeLessThan(strings);
        if (!c.attrs.t || c.attrs.t === "n") for (const v of kids(c, "v")) expect(v.text).toMatch(/^-?\d+(\.\d+)?$/);
      }
    }
    const legacy = kids(el, "legacyDrawing")[0];
    const relsName = name.replace(/sheet(\d+)\.xml$/, "_rels/sheet$1.xml.rels");
    if (legacy) {
      const rels = kids(xml.get(relsName)!, "Relationship");
      const vmlTarget = rels.find((r) => r.attrs.Id === legacy.attrs["r:id"])!.attrs.Target!;
      const commentsTarget = rels.find((r) => r.attrs.Type!.endsWith("/comments"))!.attrs.Target!;
      const vml = xml.get(`xl/${vmlTarget.replace(/^\.\.\//, "")}`)!;
      const comments = kids(
        kids(xml.get(`xl/${commentsTarget.replace(/^\.\.\//, "")}`)!, "commentList")[0]!,
        "comment",
      );
      const shapes = kids(vml, "v:shape").map((s) => kids(s, "x:ClientData")[0]!);
      expect(shapes).toHaveLength(comments.length);
      // Each note's shape sits on its comment's cell (VML counts rows and columns from 0).
      comments.forEach((c, i) => {
        const m = /^([A-Z]+)(\d+)$/.exec(c.attrs.ref!)!;
        const col = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
        expect([kids(shapes[i]!, "x:Row")[0]!.text, kids(shapes[i]!, "x:Column")[0]!.text]).toEqual([
          String(Number(m[2]) - 1),
          String(col - 1),
        ]);
      });
    }
  }
  return xml;
}

describe("the report workbook (--format xlsx)", () => {
  const nio = renderXlsx(result(), ctx(), { failOn: "mismatch", toolVersion: "test" });

  it("is a valid package", () => {
    validatePackage(nio);
  });

  it("is deterministic", () => {
    expect(
      Buffer.from(renderXlsx(result(), ctx(), { failOn: "mismatch", toolVersion: "test" })).equals(Buffer.from(nio)),
    ).toBe(true);
  });

  it("writes published figures from their decimal text, in the printed format", () => {
    const xml = parts(nio).get("xl/worksheets/sheet2.xml")!;
    // Hefei's natural gas, printed "5,811,622.0" (published.csv line 17): stored as written, shown with one decimal.
    expect(xml).toContain('<c r="E17" s="');
    const cell = /<c r="E17" s="(\d+)"><v>([^<]*)<\/v>/.exec(xml)!;
    expect(cell[2]).toBe("5811622.0");
    const wb = XLSX.read(nio, { cellNF: true });
    expect(wb.Sheets["Published table, cell by cell"]!.E17!.w).toBe("5,811,622.0");
  });

  it("reads back in our own reader: the sheet is the published table (header, labels, printed figures)", () => {
    const wb = openWorkbook(nio);
    if (!wb.ok) throw new Error(JSON.stringify(wb.problems));
    const sheet = wb.value.readSheet(wb.value.sheets[1]!);
    if (!sheet.ok) throw new Error(JSON.stringify(sheet.problems));
    const h12 = sheet.value.cells.find((c) => c.row === 12 && c.col === 8)!;
    expect([h12.value, h12.format]).toEqual(["9.53", "0.00"]);
    const header = sheet.value.cells.filter((c) => c.row === 1).map((c) => c.value);
    expect(header).toEqual([
      "section",
      "label",
      "unit",
      "南京電驅動系統製造基地",
      "江淮蔚來合肥先進製造基地",
      "製造基地合計",
      "辦公區合計",
      "總計",
    ]);
  });

  it("fills each cell in its status's colour and comments it (read by SheetJS)", () => {
    const wb = XLSX.read(nio, { cellStyles: true });
    const t = wb.Sheets["Published table, cell by cell"]!;
    // Solar, manufacturing subtotal (F20): rounding, yellow; 1,522.3 + 4,801.1 = 6,323.4 against 6,323.3.
    expect(t.F20!.s).toMatchObject({ fgColor: { rgb: "FFEB9C" } });
    expect(t.F20!.c![0]!.t).toContain("~ rounding (sum)\nPublished: 6,323.3\nRecomputed: 6,323.4\nDifference: +0.1");
    // A match (D2: Nanjing's non-hazardous waste 950.4) is green; a "/" cell with no finding has no fill and no comment.
    expect(t.D2!.s).toMatchObject({ fgColor: { rgb: "C6EFCE" } });
    expect(t.D3!.v).toBe("/");
    expect(t.D3!.c).toBeUndefined();
    // Offices' scope 2 (G14) prints "/" yet the offices bought electricity: incomplete (lavender).
    expect([t.G14!.v, t.G14!.s?.fgColor?.rgb]).toEqual(["/", "D9D2E9"]);
  });
});

describe("text a spreadsheet would read as a formula", () => {
  const bytes = renderXlsx(result("fixtures/formula-labels", ARITHMETIC_ONLY), ctx(), {
    failOn: "mismatch",
    toolVersion: "test",
  });
  it("keeps Excel's quote prefix; numbers such as -0.1 stay numbers", () => {
    const xml = validatePackage(bytes);
    const xfs = kids(kids(xml.get("xl/styles.xml")!, "cellXfs")[0]!, "xf");
    const wb = XLSX.read(bytes);
    const t = wb.Sheets["Published table, cell by cell"]!;
    expect(t.B3!.v).toBe("=Purchased heat");
    expect(t.B3!.t).toBe("s");
    const style = Number(/<c r="B3" s="(\d+)"/.exec(parts(bytes).get("xl/worksheets/sheet2.xml")!)![1]);
    expect(xfs[style]!.attrs.quotePrefix).toBe("1");
    // The Findings sheet: the group's heat is 345.6 printed against 300.0 + 45.5 = 345.5, difference -0.1 — a number.
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets.Findings!);
    const heat = rows.find((r) => r.column === "group" && String(r.label).includes("Purchased heat"))!;
    expect(heat.difference).toBe(-0.1);
    expect(heat.label).toBe("=Purchased heat");
  });
});

describe("the writer", () => {
  it("writes formulas with and without results, merges, hidden rows and columns, rich text, escapes", () => {
    const bytes = writeWorkbook({
      styles: [{}, { numFmt: "0.0" }],
      sheets: [
        {
          name: "A & B <1>",
          rows: [
            [
              { type: "string", value: "x\u0001_x0041_" },
              { type: "number", value: "2.50", style: 1, formula: "SUM(B2:B3)" },
              { type: "formula", formula: 'A1&"<"' },
            ],
            [{ type: "string", value: "rich", runs: [{ text: "ri", bold: true }, { text: "ch" }] }],
          ],
          merges: ["A3:B3"],
          hiddenRows: [5],
          hiddenColumns: [3],
          comments: [{ cell: "B1", text: "a & <b>\nline 2" }],
        },
      ],
    });
    validatePackage(bytes);
    const wb = openWorkbook(bytes);
    if (!wb.ok) throw new Error(JSON.stringify(wb.problems));
    const sheet = wb.value.readSheet(wb.value.sheets[0]!);
    if (!sheet.ok) throw new Error(JSON.stringify(sheet.problems));
    expect(wb.value.sheets[0]!.name).toBe("A & B <1>");
    expect(sheet.value.cells.map((c) => [c.row, c.col, c.value, c.formula])).toEqual([
      [1, 1, "x\u0001_x0041_", undefined],
      [1, 2, "2.50", "SUM(B2:B3)"],
      [1, 3, undefined, 'A1&"<"'],
      [2, 1, "rich", undefined],
    ]);
    expect([...sheet.value.hiddenRows, ...sheet.value.hiddenColumns]).toEqual([5, 3]);
    const x = XLSX.read(bytes, { cellFormula: true });
    expect(x.Sheets["A & B <1>"]!.B1!.c![0]!.t).toBe("a & <b>\nline 2");
  });

  it("refuses sheet names Excel refuses and a number that is not decimal text", () => {
    expect(() => writeWorkbook({ sheets: [{ name: "a/b", rows: [] }] })).toThrow(/invalid sheet name/);
    expect(() => writeWorkbook({ sheets: [{ name: "x".repeat(32), rows: [] }] })).toThrow(/invalid sheet name/);
    expect(() =>
      writeWorkbook({
        sheets: [
          { name: "a", rows: [] },
          { name: "A", rows: [] },
        ],
      }),
    ).toThrow(/twice/);
    expect(() => writeWorkbook({ sheets: [{ name: "a", rows: [[{ type: "number", value: "1,5" }]] }] })).toThrow(
      /not a number/,
    );
  });
});
