import { describe, expect, it } from "vitest";
import { decode } from "../../src/io/text.js";
import { parseCsv } from "../../src/io/csv.js";
import { fieldColumn } from "../../src/model/source.js";
import { parseJsonWithPositions } from "../../src/io/jsonSource.js";

const utf8 = (s: string) => new TextEncoder().encode(s);

describe("decode", () => {
  it("strips a UTF-8 BOM", () => {
    const r = decode(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("a,b\n")]), "utf-8", "f.csv");
    expect(r.ok && r.value).toBe("a,b\n");
  });

  it("reads GB18030 when declared", () => {
    // 天然氣 in GB18030: CCEC C8BB9A E2 — bytes taken from the GB18030 code table (天 CCEC, 然 C8BB, 氣 9A E2)
    const r = decode(new Uint8Array([0xcc, 0xec, 0xc8, 0xbb, 0x9a, 0xe2]), "gb18030", "f.csv");
    expect(r.ok && r.value).toBe("天然氣");
  });

  it("names line and column of bytes that do not decode, never substituting U+FFFD", () => {
    // line 2: "ab" then a lone GBK lead byte pair (C4 E3 = 你 in GBK) which is invalid UTF-8
    const bytes = new Uint8Array([...utf8("x,y\nab"), 0xc4, 0xe3, ...utf8(",1\n")]);
    const r = decode(bytes, "utf-8", "f.csv");
    expect(r.ok).toBe(false);
    expect(r.errors?.[0]).toMatchObject({ code: "encoding", file: "f.csv", line: 2, column: 3 });
    expect(r.errors?.[0]?.message).toContain("c4 e3");
  });

  it("reports a truncated sequence at the end of the file", () => {
    const r = decode(new Uint8Array([...utf8("a\n€"), 0xe2, 0x82]), "utf-8", "f.csv");
    expect(r.errors?.[0]).toMatchObject({ line: 2, column: 2 });
  });
});

describe("parseCsv", () => {
  it("gives each record the line it starts on, across CRLF, blank lines and quoted newlines", () => {
    const r = parseCsv('h1,h2\r\n\r\na,"x\r\ny"\r\nb,"5,811,622.0"\r\n', "f.csv");
    expect(r.ok).toBe(true);
    expect(r.value?.records.map((x) => [x.line, x.fields])).toEqual([
      [3, ["a", "x\ny"]],
      [5, ["b", "5,811,622.0"]],
    ]);
  });

  it("strips a BOM left in the text", () => {
    expect(parseCsv("\ufeffmetric,value\nx,1\n", "f.csv").value?.header.fields[0]).toBe("metric");
  });

  it("refuses short and long rows instead of padding them", () => {
    const r = parseCsv("a,b\n1,2\n1,2,3\n", "f.csv");
    expect(r.errors?.[0]).toMatchObject({ code: "csv-syntax", line: 3 });
  });

  it("reports an unclosed quote", () => {
    const r = parseCsv('a,b\n1,"2\n', "f.csv");
    expect(r.errors?.[0]?.code).toBe("csv-syntax");
    expect(r.errors?.[0]?.message).toMatch(/quote/i);
  });

  it("finds the character column of a field, quotes respected", () => {
    expect(fieldColumn('a,"1,234",xyz', 2)).toBe(11);
    expect(fieldColumn("南京,1", 1)).toBe(4);
  });
});

describe("parseJsonWithPositions", () => {
  it("records where each value is", () => {
    const r = parseJsonWithPositions('{\n  "a": [1,\n    {"b": "x"}]\n}');
    expect(r.ok && r.positions.get("a.1.b")).toEqual({ line: 3, column: 11 });
  });
  it("locates a syntax error", () => {
    const r = parseJsonWithPositions('{\n  "a": 1,\n}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.position).toEqual({ line: 3, column: 1 });
  });
});
