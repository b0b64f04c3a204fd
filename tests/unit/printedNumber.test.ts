import { describe, expect, it } from "vitest";
import { parsePrintedNumber, printNumber } from "../../src/model/printedNumber.js";
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
