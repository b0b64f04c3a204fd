// The .xlsx package layer on its own: ZIP (bounds, CRC), XML (entities, refusals), number formats, formulas.
import { deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { Dec } from "../../src/model/decimal.js";
import { cellName, columnName, columnNumber, parseCell, parseRange } from "../../src/xlsx/cellRef.js";
import { displayText, readFormat, type FormatReading } from "../../src/xlsx/numberFormat.js";
import { openWorkbook, shiftFormula } from "../../src/xlsx/workbook.js";
import { decodeXstring, encodeXstring, parseXmlTree, scanXml } from "../../src/xlsx/xml.js";
import { readZipDirectory, readZipEntry, writeZip } from "../../src/xlsx/zip.js";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("zip", () => {
  it("round-trips parts, deflated or stored", () => {
    const big = "x".repeat(10_000);
    const zip = writeZip([
      { name: "a.xml", data: bytes(big) },
      { name: "中/b.bin", data: new Uint8Array([1, 2, 3]) },
    ]);
    const dir = readZipDirectory(zip);
    expect(dir.ok).toBe(true);
    if (!dir.ok) return;
    const a = dir.value.get("a.xml")!;
    expect(a.method).toBe(8); // 10,000 x deflate to a few bytes
    expect(a.compressedSize).toBeLessThan(100);
    const back = readZipEntry(zip, a);
    expect(back.ok && new TextDecoder().decode(back.value)).toBe(big);
    const b = readZipEntry(zip, dir.value.get("中/b.bin")!);
    expect(b.ok && [...b.value]).toEqual([1, 2, 3]);
  });

  it("is deterministic: the same files give the same bytes", () => {
    const files = [{ name: "p.xml", data: bytes("<a/>") }];
    expect(Buffer.from(writeZip(files)).equals(Buffer.from(writeZip(files)))).toBe(true);
  });

  it("refuses a part that inflates beyond its declared size without inflating it all", () => {
    // A 50 MB run of zeros deflates to ~50 KB; declare it as 100 bytes (a hostile or damaged archive).
    const zip = writeZip([{ name: "bomb.xml", data: new Uint8Array(50 * 1024 * 1024) }]);
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    const dir = readZipDirectory(zip);
    if (!dir.ok) throw new Error(dir.reason);
    const entry = { ...dir.value.get("bomb.xml")!, size: 100 };
    const r = readZipEntry(zip, entry);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/inflates to more than its declared 100 bytes/);
    // And a declared size above the limit is refused before inflating.
    const capped = readZipEntry(zip, dir.value.get("bomb.xml")!, { maxPartBytes: 1024 * 1024, maxEntries: 10 });
    expect(!capped.ok && capped.reason).toMatch(/52428800 bytes uncompressed; at most 1048576/);
    expect(view.getUint32(0, true)).toBe(0x04034b50);
  });

  it("checks the CRC-32", () => {
    const zip = writeZip([{ name: "a.xml", data: bytes("<root>hello</root>".repeat(20)) }]);
    const dir = readZipDirectory(zip);
    if (!dir.ok) throw new Error(dir.reason);
    const entry = { ...dir.value.get("a.xml")!, crc: 12345 };
    const r = readZipEntry(zip, entry);
    expect(!r.ok && r.reason).toMatch(/CRC-32/);
  });

  it("says what a file is when it is not a ZIP archive", () => {
    const xls = new Uint8Array(600);
    xls.set([0xd0, 0xcf, 0x11, 0xe0]);
    const r = readZipDirectory(xls);
    expect(!r.ok && r.reason).toMatch(/old binary \.xls/);
    expect(readZipDirectory(bytes("a,b,c\n1,2,3\n".repeat(5))).ok).toBe(false);
  });

  it("refuses encrypted entries and unknown methods", () => {
    const zip = writeZip([{ name: "a.xml", data: bytes("<a/>") }]);
    const dir = readZipDirectory(zip);
    if (!dir.ok) throw new Error(dir.reason);
    const e = dir.value.get("a.xml")!;
    expect(readZipEntry(zip, { ...e, flags: e.flags | 1 }).ok).toBe(false);
    expect(readZipEntry(zip, { ...e, method: 12 }).ok).toBe(false);
  });
});

describe("xml", () => {
  it("decodes the predefined entities and character references, and CDATA", () => {
    const t = parseXmlTree(
      '<?xml version="1.0"?><a k="x &amp; &quot;y&quot;&#10;"><b>&lt;&#x6C34;&#27700;&gt;</b><![CDATA[<raw & text>]]></a>',
    );
    expect(t.attrs.k).toBe('x & "y"\n');
    expect(t.children[0]!.text).toBe("<水水>");
    expect(t.text).toBe("<raw & text>");
  });

  it("normalises white space in attribute values as XML does", () => {
    expect(parseXmlTree('<a k="1\n2\t3"/>').attrs.k).toBe("1 2 3");
  });

  it.each([
    ['<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', /DOCTYPE/],
    ["<a>&nbsp;</a>", /known entity/],
    ["<a><b></a></b>", /closes <b>/],
    ["<a>", /never closed/],
    ["<a/><b/>", /second root/],
    ["<a>&#0;</a>", /no character/],
    ['<a x="1" x="2"/>', /given twice/],
    ["text<a/>", /outside the root/],
  ])("refuses %s", (xml, why) => {
    expect(() => scanXml(xml, { open() {}, close() {}, text() {} })).toThrow(why);
  });

  it("names elements and attributes by local name", () => {
    const t = parseXmlTree('<x:worksheet xmlns:x="urn:x" xmlns:r="urn:r"><x:sheet r:id="rId1"/></x:worksheet>');
    expect(t.name).toBe("worksheet");
    expect(t.children[0]!.attrs).toEqual({ id: "rId1" });
  });

  it("decodes and encodes OOXML's _xHHHH_ escapes", () => {
    expect(decodeXstring("a_x000D_b_x005F_x0041_")).toBe("a\rb_x0041_");
    const s = "tab\u0001 and _x0041_";
    expect(encodeXstring(s)).toBe("tab_x0001_ and _x005F_x0041_");
    expect(decodeXstring(encodeXstring(s))).toBe(s);
  });
});

describe("cell references", () => {
  it("converts column letters both ways", () => {
    for (const [n, s] of [
      [1, "A"],
      [26, "Z"],
      [27, "AA"],
      [52, "AZ"],
      [53, "BA"],
      [702, "ZZ"],
      [703, "AAA"],
      [16384, "XFD"],
    ] as const) {
      expect(columnName(n)).toBe(s);
      expect(columnNumber(s)).toBe(n);
    }
    expect(cellName(12, 3)).toBe("C12");
    expect(parseCell("$C$12")).toEqual({ row: 12, col: 3 });
    expect(parseCell("XFE1")).toBeNull();
    expect(parseRange("H40:B3")).toEqual({ top: 3, left: 2, bottom: 40, right: 8 });
    expect(parseRange("B3:H40:J9")).toBeNull();
  });
});

describe("number formats", () => {
  const num = (code: string, sign = 1) => readFormat(code, sign);
  it.each([
    ["General", { kind: "general" }],
    ["0", { kind: "number", decimals: 0, required: 0, grouping: false, percent: false }],
    ["#,##0.0", { kind: "number", decimals: 1, required: 1, grouping: true, percent: false }],
    ["0.0#", { kind: "number", decimals: 2, required: 1, grouping: false, percent: false }],
    ["0%", { kind: "number", decimals: 0, required: 0, grouping: false, percent: true }],
    ["0.00%", { kind: "number", decimals: 2, required: 2, grouping: false, percent: true }],
    ["#,##0.00_);[Red](#,##0.00)", { kind: "number", decimals: 2, required: 2, grouping: true, percent: false }],
    ['[$NT$-404]#,##0.0" 噸"', { kind: "number", decimals: 1, required: 1, grouping: true, percent: false }],
    ["yyyy-mm-dd", { kind: "date" }],
    ["[$-404]e/m/d", { kind: "date" }],
    ["[h]:mm:ss", { kind: "date" }],
    ["@", { kind: "general" }],
  ] as [string, FormatReading][])("%s", (code, want) => {
    expect(num(code)).toEqual(want);
  });

  it.each([
    ["0.00E+00", /scientific/],
    ["# ?/?", /fraction/],
    ["#,##0,", /divides the figure by 1,000/],
    ['0"0"', /digits of its own/],
    ["[>100]0.0;0.00", /conditional/],
    ["0%%", /more than once/],
  ])("refuses %s for a published figure", (code, why) => {
    const r = num(code);
    expect(r.kind).toBe("unsupported");
    expect(r.kind === "unsupported" && r.reason).toMatch(why);
  });

  it("picks the section by sign", () => {
    expect(num("0.0;(0.00);0", -1)).toMatchObject({ decimals: 2 });
    expect(num("0.0;(0.00);0", 0)).toMatchObject({ decimals: 0 });
    expect(num("0.0;(0.00)", 0)).toMatchObject({ decimals: 1 });
  });

  const show = (stored: string, code: string) => {
    const d = new Dec(stored);
    const r = readFormat(code, d.isZero() ? 0 : d.isNegative() ? -1 : 1);
    if (r.kind !== "general" && r.kind !== "number") throw new Error(r.kind);
    return displayText(d, r);
  };
  it.each([
    // stored, format, what Excel shows (worked out by hand)
    ["8871.7", "#,##0.0", "8,871.7"],
    ["8871.65", "#,##0.0", "8,871.7"], // half away from zero
    ["-8871.65", "#,##0.0", "-8,871.7"],
    ["12345678901234567", "#,##0.0", "12,345,678,901,234,600.0"], // 15 significant digits, then the format
    ["2.6749999999999998", "0.00", "2.68"], // 15 digits: 2.67500000000000, then half-up
    ["0.30000000000000004", "General", "0.3"],
    ["1.0E-3", "General", "0.001"],
    ["0.1234", "0.0%", "12.3%"],
    ["0.12345", "0.00%", "12.35%"],
    ["1.5", "0.0#", "1.5"],
    ["1.25", "0.0#", "1.25"],
    ["1234567", "0", "1234567"],
  ])("%s as %s shows %s", (stored, code, want) => {
    expect(show(stored, code)).toBe(want);
  });
});

describe("shared formulas", () => {
  it("moves relative references and keeps absolute ones, strings and function names", () => {
    expect(shiftFormula("SUM(C5:E5)", 1, 0)).toBe("SUM(C6:E6)");
    expect(shiftFormula("$C5+C$5+$C$5+LOG10(C5)", 2, 1)).toBe("$C7+D$5+$C$5+LOG10(D7)");
    expect(shiftFormula("IF(A1=\"B2\",Sheet1!A1,'My B2'!A1)", 1, 1)).toBe("IF(B2=\"B2\",Sheet1!B2,'My B2'!B2)");
    expect(shiftFormula("A1", -1, 0)).toBe("#REF!");
  });
});

describe("workbook parts", () => {
  const pkg = (parts: Record<string, string>) =>
    writeZip(Object.entries(parts).map(([name, text]) => ({ name, data: bytes(text) })));
  const base = {
    "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    "_rels/.rels":
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml":
      '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="1"/><sheets><sheet name="S" sheetId="1" r:id="rId1"/><sheet name="H" sheetId="2" state="hidden" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels":
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    "xl/sharedStrings.xml":
      '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><r><t>範疇</t></r><r><rPr><b/></rPr><t xml:space="preserve">一 </t></r><rPh sb="0" eb="1"><t>はん</t></rPh></si><si><t>a_x000D_b</t></si></sst>',
  };
  it("reads rich text without phonetic guides, inline strings, booleans, cells without r, the 1904 flag", () => {
    const zip = pkg({
      ...base,
      "xl/worksheets/sheet1.xml":
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row><c t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="inlineStr"><is><r><t>in</t></r><r><t>line</t></r></is></c><c t="b"><v>1</v></c><c><v>0.1</v></c></row><row r="3" hidden="1"><c r="B3"><f>A1</f></c></row></sheetData></worksheet>',
    });
    const wb = openWorkbook(zip);
    if (!wb.ok) throw new Error(JSON.stringify(wb.problems));
    expect(wb.value.date1904).toBe(true);
    expect(wb.value.sheets.map((s) => [s.name, s.state])).toEqual([
      ["S", "visible"],
      ["H", "hidden"],
    ]);
    const s = wb.value.readSheet(wb.value.sheets[0]!);
    if (!s.ok) throw new Error(JSON.stringify(s.problems));
    expect(s.value.cells.map((c) => [cellName(c.row, c.col), c.type, c.value, c.formula])).toEqual([
      ["A1", "s", "範疇一 ", undefined],
      ["B1", "s", "a\rb", undefined],
      ["C1", "inlineStr", "inline", undefined],
      ["D1", "b", "1", undefined],
      ["E1", "n", "0.1", undefined],
      ["B3", "n", undefined, "A1"],
    ]);
    expect([...s.value.hiddenRows]).toEqual([3]);
  });

  it("locates a shared string index that does not exist", () => {
    const zip = pkg({
      ...base,
      "xl/worksheets/sheet1.xml":
        '<worksheet><sheetData><row r="2"><c r="C2" t="s"><v>7</v></c></row></sheetData></worksheet>',
    });
    const wb = openWorkbook(zip);
    if (!wb.ok) throw new Error("open");
    const s = wb.value.readSheet(wb.value.sheets[0]!);
    expect(s.ok).toBe(false);
    expect(!s.ok && s.problems).toEqual([
      {
        reason: "shared string 7 does not exist (the workbook has 2)",
        cell: "C2",
        // the same reason as a template, for a report in Chinese
        say: { key: "error.workbook.shared-string", args: { value: "7", count: "2" } },
      },
    ]);
  });

  it("says when a ZIP archive is not an Office document", () => {
    const wb = openWorkbook(pkg({ "readme.txt": "hi" }));
    expect(!wb.ok && wb.problems[0]!.reason).toMatch(/not an Office document/);
  });

  it("refuses a sheet with a DOCTYPE (entity expansion)", () => {
    const zip = pkg({
      ...base,
      "xl/worksheets/sheet1.xml": '<!DOCTYPE w [<!ENTITY a "aaaa">]><worksheet><sheetData/></worksheet>',
    });
    const wb = openWorkbook(zip);
    if (!wb.ok) throw new Error("open");
    const s = wb.value.readSheet(wb.value.sheets[0]!);
    expect(!s.ok && s.problems[0]!.reason).toMatch(/DOCTYPE/);
  });

  it("reads a deflated part through its bound (sanity: the deflate is real)", () => {
    expect(deflateRawSync(bytes("a".repeat(1000))).length).toBeLessThan(50);
  });
});
