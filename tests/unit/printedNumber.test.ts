import { describe, expect, it } from "vitest";
import { parsePrintedNumber, parsePublishedFigure, printNumber, UNDECLARED } from "../../src/model/printedNumber.js";
import type { NumberStyle } from "../../src/schema/common.js";
import { Dec } from "../../src/model/decimal.js";

const parse = (s: string) => {
  const r = parsePrintedNumber(s);
  if (!r.ok) throw new Error(r.reason);
  return { value: r.number.value.toFixed(), scale: r.number.scale };
};

describe("parsePrintedNumber", () => {
  it("keeps the printed precision", () => {
    expect(parse("8,871.7")).toEqual({ value: "8871.7", scale: 1 });
    expect(parse("5,811,622.0")).toEqual({ value: "5811622", scale: 1 });
    expect(parse("0.30")).toEqual({ value: "0.3", scale: 2 });
    expect(parse("361")).toEqual({ value: "361", scale: 0 });
  });

  it("reads digits no float can hold exactly", () => {
    expect(parse("12345678901234567890.123456789")).toEqual({ value: "12345678901234567890.123456789", scale: 9 });
    expect(parse("0.1")).toEqual({ value: "0.1", scale: 1 });
  });

  it("folds what PDFs and spreadsheets put around numbers", () => {
    expect(parse("\u00a01,424.90\u00a0")).toEqual({ value: "1424.9", scale: 2 });
    expect(parse("１２３.４")).toEqual({ value: "123.4", scale: 1 });
    expect(parse("１，２３４．５")).toEqual({ value: "1234.5", scale: 1 });
    expect(parse("\u22120.5")).toEqual({ value: "-0.5", scale: 1 });
    expect(parse("1\u202f234.5")).toEqual({ value: "1234.5", scale: 1 });
  });

  it("rejects what is not a well-formed number", () => {
    for (const bad of ["", " ", "/", "12,34", "1,2345", "1.2.3", "1e5", "abc", "1,234,56", ".5", "5.", "--1", "NaN"]) {
      expect(parsePrintedNumber(bad).ok, bad).toBe(false);
    }
  });
});

describe("printNumber", () => {
  it("groups thousands and rounds half-up at the given scale", () => {
    expect(printNumber(new Dec("142012.9"), 1)).toBe("142,012.9");
    expect(printNumber(new Dec("9.525"), 2)).toBe("9.53");
    expect(printNumber(new Dec("-1420.97"), 2)).toBe("-1,420.97");
    expect(printNumber(new Dec("-0.004"), 2)).toBe("0.00");
    expect(printNumber(new Dec("999.95"), 1)).toBe("1,000.0");
  });
});

describe("number formats a dataset declares (issue 13)", () => {
  const read = (text: string, style?: NumberStyle) => {
    const r = parsePrintedNumber(text, { format: style ? { style, declared: true } : UNDECLARED, signs: true });
    return r.ok ? `${r.number.value.toString()}@${r.number.scale}` : `error: ${r.reason}`;
  };
  it("reads each format's separators and decimal mark", () => {
    expect(read("1.234,5", "1.234,5")).toBe("1234.5@1");
    expect(read("1.234", "1.234,5")).toBe("1234@0");
    expect(read("1,5", "1.234,5")).toBe("1.5@1");
    expect(read("1 234,56", "1 234,5")).toBe("1234.56@2");
    expect(read("1 234.56", "1 234.5")).toBe("1234.56@2");
    expect(read("1234.5", "1234.5")).toBe("1234.5@1");
    // Another format's separators are refused, never reinterpreted.
    expect(read("1,234.5", "1.234,5")).toMatch(/^error/);
    expect(read("1,234", "1234.5")).toMatch(/^error/);
  });
  it("refuses 1.234 undeclared, in either reading, and reads it once declared", () => {
    for (const t of ["1.234", "12.345", "-123.456"]) expect(read(t)).toMatch(/ambiguous/);
    // Not ambiguous: a leading zero, other than three decimals, grouped, or four digits before the point.
    expect(read("0.123")).toBe("0.123@3");
    expect(read("1.23")).toBe("1.23@2");
    expect(read("1.2345")).toBe("1.2345@4");
    expect(read("1,234.567")).toBe("1234.567@3");
    expect(read("1234.567")).toBe("1234.567@3");
    expect(read("1.234", "1,234.5")).toBe("1.234@3");
  });
  it("reads (12.3), △12.3 and ▲12.3 as negatives when signs are allowed", () => {
    expect(read("(12.3)")).toBe("-12.3@1");
    expect(read("（1,234.5）")).toBe("-1234.5@1");
    expect(read("△12.3")).toBe("-12.3@1");
    expect(read("▲ 0.5")).toBe("-0.5@1");
    expect(read("(-12.3)")).toMatch(/two signs/);
    expect(parsePrintedNumber("(12.3)").ok).toBe(false); // factor files and options: no such forms
  });
  it("reads <0.01 as [0, 0.01] held at its middle", () => {
    const r = parsePublishedFigure("<0.01", false, { below: true });
    expect(r.ok && [r.number.value.toString(), r.number.scale, r.number.below?.toString()]).toEqual([
      "0.005",
      2,
      "0.01",
    ]);
    expect(parsePublishedFigure("<0.05", false, { below: true }).ok).toBe(false);
    expect(parsePublishedFigure("<0.01", false).ok).toBe(false);
  });
});
