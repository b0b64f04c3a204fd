// A sheet read as the table a CSV export would be (io/xlsx.ts): numbers from their stored text, formats, text,
// merges, extent, refusals located at their cell; and workbooks written by another library read exactly.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import XLSX from "@e965/xlsx";
import { describe, expect, it } from "vitest";
import type { InputError, Result } from "../../src/findings/inputError.js";
import type { CsvTable } from "../../src/model/source.js";
import { excelDate, readSheetTable, sheetTable, type SheetRole } from "../../src/io/xlsx.js";
import { Dec } from "../../src/model/decimal.js";
import { parseRange } from "../../src/xlsx/cellRef.js";
import { openWorkbook } from "../../src/xlsx/workbook.js";
import { writeWorkbook, type CellSpec, type SheetSpec, type StyleSpec } from "../../src/xlsx/write.js";

const s = (value: string): CellSpec => ({ type: "string", value });

function read(
  rows: (CellSpec | undefined)[][],
  o: { role?: SheetRole; range?: string; styles?: StyleSpec[]; date1904?: boolean } & Partial<SheetSpec> = {},
): Result<CsvTable> {
  const { role = "published", range, styles, date1904, ...sheet } = o;
  const bytes = writeWorkbook({
    sheets: [{ name: "S", rows, ...sheet }],
    ...(styles ? { styles } : {}),
    ...(date1904 ? { date1904 } : {}),
  });
  const wb = openWorkbook(bytes);
  if (!wb.ok) throw new Error(JSON.stringify(wb.problems));
  const sh = wb.value.readSheet(wb.value.sheets[0]!);
  if (!sh.ok) throw new Error(JSON.stringify(sh.problems));
  return sheetTable(sh.value, {
    file: "book.xlsx!S",
    name: "book.xlsx!S",
    role,
    date1904: wb.value.date1904,
    ...(range ? { range: parseRange(range)! } : {}),
  });
}
const fields = (r: Result<CsvTable>) => {
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return [r.value.header.fields, ...r.value.records.map((x) => x.fields)];
};
const errors = (r: Result<CsvTable>): Partial<InputError>[] =>
  r.ok ? [] : r.errors.map(({ cell, message, code }) => ({ cell, message, code }));

const STYLES: StyleSpec[] = [
  {},
  { numFmt: "#,##0.0" },
  { numFmt: "0.0%" },
  { numFmt: "0.00E+00" },
  { numFmt: "yyyy-mm-dd" },
  { numFmt: "0.00" },
  { numFmt: "#,##0," },
];
const n = (value: string, style = 0, formula?: string): CellSpec => ({
  type: "number",
  value,
  style,
  ...(formula ? { formula } : {}),
});

describe("numbers: the stored text, shown as the format shows it (published) or as stored (activity)", () => {
  const rows = [
    [s("h1"), s("h2"), s("h3"), s("h4")],
    [n("8871.65", 1), n("12345678901234567", 1), n("0.1234", 2), n("1522.3", 5)],
  ];
  it("published: what the report's reader saw", () => {
    // 8871.65 → one decimal half-up 8,871.7; 12345678901234567 → 15 significant digits 12,345,678,901,234,600.0;
    // 0.1234 in 0.0% → 12.3%; 1522.3 in 0.00 → 1522.30.
    expect(fields(read(rows, { styles: STYLES }))[1]).toEqual([
      "8,871.7",
      "12,345,678,901,234,600.0",
      "12.3%",
      "1522.30",
    ]);
  });
  it("activity: the stored value exactly, at least the decimals the format shows", () => {
    // A JS number would make the second 12345678901234568 (#,##0.0 shows one decimal: ".0"); the percentage is the
    // stored 0.1234 (0.0% shows 3 places of it, it has 4).
    expect(fields(read(rows, { styles: STYLES, role: "activity" }))[1]).toEqual([
      "8871.65",
      "12345678901234567.0",
      "0.1234",
      "1522.30",
    ]);
  });
  it("scientific notation in the stored text is expanded exactly", () => {
    expect(fields(read([[s("h")], [n("1.5E-7")]], { role: "activity" }))[1]).toEqual(["0.00000015"]);
  });
  it("a format the tool cannot read as printed is refused for a published figure, not for activity data", () => {
    const r = read(
      [
        [s("a"), s("b")],
        [n("1234", 3), n("1234567", 6)],
      ],
      { styles: STYLES },
    );
    expect(errors(r)).toEqual([
      {
        code: "cell-unreadable",
        cell: "A2",
        message: 'the number format "0.00E+00" is scientific (E+): the tool cannot tell what the report\'s reader saw',
      },
      {
        code: "cell-unreadable",
        cell: "B2",
        message:
          'the number format "#,##0," divides the figure by 1,000 (a comma after the last digit): the tool cannot tell what the report\'s reader saw',
      },
    ]);
    expect(
      fields(
        read(
          [
            [s("a"), s("b")],
            [n("1234", 3), n("1234567", 6)],
          ],
          { styles: STYLES, role: "activity" },
        ),
      )[1],
    ).toEqual(["1234", "1234567"]);
  });
});

describe("cells that are not numbers", () => {
  it("text is text (a number stored as text is left for the CSV parser), booleans read TRUE/FALSE", () => {
    expect(
      fields(
        read([
          [s("a"), s("b"), s("c")],
          [s("1,200.5"), { type: "boolean", value: true }, { type: "string", value: " x ", inline: true }],
        ]),
      )[1],
    ).toEqual(["1,200.5", "TRUE", " x "]);
  });
  it("an error value, a date, a formula never calculated: refused at their cells", () => {
    const r = read(
      [
        [s("a"), s("b"), s("c")],
        [
          { type: "error", value: "#N/A", formula: "VLOOKUP(A1,B:C,2,0)" },
          n("44256", 4),
          { type: "formula", formula: "A2*2" },
        ],
      ],
      { styles: STYLES },
    );
    expect(errors(r)).toEqual([
      { code: "cell-unreadable", cell: "A2", message: "the cell shows the error #N/A (formula =VLOOKUP(A1,B:C,2,0))" },
      // 44256 in the 1900 system: 1899-12-30 + 44256 days = 2021-03-01
      {
        code: "cell-unreadable",
        cell: "B2",
        message: 'the cell holds a date or time (number format "yyyy-mm-dd": 2021-03-01)',
      },
      { code: "cell-unreadable", cell: "C2", message: "the formula =A2*2 has no calculated result stored in the file" },
    ]);
  });
  it("dates: the 1900 system (with its 29 February 1900) and the 1904 system", () => {
    expect(excelDate(new Dec(1), false)).toBe("1900-01-01");
    expect(excelDate(new Dec(59), false)).toBe("1900-02-28");
    expect(excelDate(new Dec(60), false)).toBe("1900-02-29");
    expect(excelDate(new Dec(61), false)).toBe("1900-03-01");
    expect(excelDate(new Dec("44256.75"), false)).toBe("2021-03-01");
    expect(excelDate(new Dec(42794), true)).toBe("2021-03-01"); // 1,462 days fewer
    const r = read([[s("a")], [n("42794", 4)]], { styles: STYLES, date1904: true });
    expect(errors(r)[0]!.message).toContain("2021-03-01");
  });
  it("a formula's cached result is read; the formula is kept for the cell", () => {
    const r = read(
      [
        [s("a"), s("b")],
        [n("2", 0), n("4", 0, "A2*2")],
      ],
      { role: "activity" },
    );
    expect(fields(r)[1]).toEqual(["2", "4"]);
    expect(r.ok && r.value.sheet!.formula("B2")).toBe("=A2*2");
    expect(r.ok && r.value.sheet!.cell(2, 1)).toBe("B2");
  });
});

describe("the table's extent", () => {
  it("starts at the first row holding anything, skips empty rows in it and after it", () => {
    const r = read([[], [undefined, s("a"), s("b")], [], [undefined, s("1"), s("2")], [undefined, s("")], []]);
    expect(fields(r)).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(r.ok && r.value.records[0]!.line).toBe(4);
    expect(r.ok && r.value.sheet!.cell(4, 0)).toBe("B4");
  });
  it("a cell outside the header's columns is an error naming both", () => {
    const r = read([
      [s("a"), s("b")],
      [s("1"), s("2"), s("stray note")],
    ]);
    expect(errors(r)).toEqual([
      { code: "cell-unreadable", cell: "C2", message: "C2 lies outside the table, whose header spans A1:B1" },
    ]);
  });
  it("with a range, exactly the range (a title above it and a note beside it are not read)", () => {
    const r = read([[s("Title")], [], [s("a"), s("b"), s("note")], [s("1"), s("2"), s("x")]], { range: "A3:B4" });
    expect(fields(r)).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });
  it("an empty sheet is an empty table", () => {
    expect(errors(read([[]]))[0]).toMatchObject({ code: "table-empty" });
  });
});

describe("merged cells", () => {
  it("text merged down a column is read in each row; across columns only in the first", () => {
    const r = read(
      [
        [s("section"), s("label"), s("unit")],
        [s("GHG"), s("Scope 1"), s("t")],
        [undefined, s("Scope 2"), s("t")],
        [s("wide"), undefined, s("x")],
      ],
      { merges: ["A2:A3", "A4:B4"] },
    );
    expect(fields(r)).toEqual([
      ["section", "label", "unit"],
      ["GHG", "Scope 1", "t"],
      ["GHG", "Scope 2", "t"],
      ["wide", "", "x"],
    ]);
  });
  it("a number merged over several cells belongs to no single cell: refused", () => {
    const r = read(
      [
        [s("a"), s("b")],
        [n("5"), undefined],
      ],
      { merges: ["A2:B2"] },
    );
    expect(errors(r)).toEqual([
      {
        code: "cell-unreadable",
        cell: "A2",
        message: "a number merged over A2:B2 belongs to no single row and column",
      },
    ]);
  });
  it("a one-cell merge merges nothing", () => {
    expect(fields(read([[s("a")], [n("5")]], { merges: ["A2:A2"] }))[1]).toEqual(["5"]);
  });
  it("a header cell merged across columns is refused (its columns would have no title)", () => {
    expect(
      errors(
        read(
          [
            [s("a"), s("b"), undefined],
            [s("1"), s("2"), s("3")],
          ],
          { merges: ["B1:C1"] },
        ),
      )[0],
    ).toMatchObject({ cell: "B1", message: "the header cell is merged across B1:C1: a column title names one column" });
  });
});

describe("hidden rows and columns are read (as Excel's CSV export and its SUM read them)", () => {
  it("reads them", () => {
    expect(
      fields(
        read(
          [
            [s("a"), s("b")],
            [s("1"), s("2")],
            [s("3"), s("4")],
          ],
          { hiddenRows: [2], hiddenColumns: [2] },
        ),
      ),
    ).toEqual([
      ["a", "b"],
      ["1", "2"],
      ["3", "4"],
    ]);
  });
});

describe("the workbook file and its sheets", () => {
  const dir = mkdtempSync(join(tmpdir(), "esg-xlsx-sheets-"));
  const path = join(dir, "two.xlsx");
  writeFileSync(
    path,
    writeWorkbook({
      sheets: [
        { name: "Energy", rows: [[s("a")], [s("1")]] },
        { name: "Waste", rows: [[s("b")], [s("2")]] },
      ],
    }),
  );
  const at = () => ({ file: "manifest.json", line: 9 });
  const req = (sheet?: string) => ({
    path,
    shown: "two.xlsx",
    name: "two.xlsx",
    role: "activity" as const,
    ...(sheet ? { sheet } : {}),
  });
  it("several sheets and none named: an error listing them", () => {
    const r = readSheetTable(req(), at);
    expect(!r.ok && r.errors[0]!.message).toBe(
      'two.xlsx has 2 sheets ("Energy", "Waste"): say which one holds this table',
    );
  });
  it("an unknown sheet: an error at the manifest listing the sheets", () => {
    const r = readSheetTable(req("Water"), at);
    expect(!r.ok && r.errors[0]).toMatchObject({
      file: "manifest.json",
      line: 9,
      message: 'two.xlsx has no sheet "Water"',
      expected: 'one of "Energy", "Waste"',
    });
  });
  it("a sheet named with another case, as Excel compares names", () => {
    const r = readSheetTable(req("waste"), at);
    expect(r.ok && r.value.file).toBe("two.xlsx!Waste");
  });
  it("a file that is no workbook", () => {
    const bad = join(dir, "bad.xlsx");
    writeFileSync(bad, "facility,metric,value,unit\nplant-a,energy.diesel,1.0,t\n");
    const r = readSheetTable({ ...req(), path: bad, shown: "bad.xlsx" }, at);
    expect(!r.ok && r.errors[0]).toMatchObject({
      code: "workbook-invalid",
      file: "bad.xlsx",
      message: "bad.xlsx cannot be read: this is not a ZIP archive, so not an .xlsx workbook",
    });
  });
});

describe("a workbook written by another library (SheetJS) is read exactly", () => {
  it("reads the decimal text SheetJS stores, shared and inline strings, formulas and its styles", () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ["facility", "metric", "value", "unit"],
      ["a", "energy.diesel", 0.1, "t"],
      ["b", "energy.diesel", 1234.5678, "t"],
      ["c", "x", 7, "t"],
    ]);
    ws.C4 = { t: "n", v: 7, f: "C2*70" };
    ws.C3!.z = "#,##0.00";
    const bytes = XLSX.write(
      { SheetNames: ["energy"], Sheets: { energy: ws } },
      { type: "buffer", bookType: "xlsx" },
    ) as Buffer;
    const wb = openWorkbook(new Uint8Array(bytes));
    if (!wb.ok) throw new Error(JSON.stringify(wb.problems));
    const sheet = wb.value.readSheet(wb.value.sheets[0]!);
    if (!sheet.ok) throw new Error(JSON.stringify(sheet.problems));
    const pub = sheetTable(sheet.value, { file: "f!energy", name: "f!energy", role: "published", date1904: false });
    const act = sheetTable(sheet.value, { file: "f!energy", name: "f!energy", role: "activity", date1904: false });
    // SheetJS writes the shortest text of each double: "0.1", "1234.5678"; #,##0.00 shows 1,234.57.
    expect(fields(pub).map((r) => r[2])).toEqual(["value", "0.1", "1,234.57", "7"]);
    expect(fields(act).map((r) => r[2])).toEqual(["value", "0.1", "1234.5678", "7"]);
    expect(act.ok && act.value.sheet!.formula("C4")).toBe("=C2*70");
  });
});
