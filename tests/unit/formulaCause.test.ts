// src/reconcile/formulaCause.ts: which workbook formulas are read as a plain sum of same-sheet cells, and the cells
// they add (the cause itself, on the formula-total workbook, is in the cause tables of tests/unit/causes.test.ts).
import { describe, expect, it } from "vitest";
import { summedCells } from "../../src/reconcile/formulaCause.js";

describe("summedCells", () => {
  const sums: [string, string[]][] = [
    ["=SUM(D4:E4)", ["D4", "E4"]],
    ["=D4+E4", ["D4", "E4"]],
    ["SUM(D4:E4)", ["D4", "E4"]], // without "="
    ["= sum( d4 : e4 ) ", ["D4", "E4"]], // spaces, lower case
    ["=SUM($D$4:$E$5)", ["D4", "E4", "D5", "E5"]], // row by row, "$" ignored
    ["=SUM(D4,E4)+F4", ["D4", "E4", "F4"]],
    ["=SUM(E4:D4)", ["D4", "E4"]], // a range written backwards covers the same cells
    ["=AA10+XFD1", ["AA10", "XFD1"]], // XFD: the last column of a sheet
  ];
  for (const [formula, cells] of sums)
    it(`${formula} adds ${cells.join(" ")}`, () => expect(summedCells(formula)).toEqual(cells));

  const notSums = [
    "=D4-E4",
    "=D4*2",
    "=AVERAGE(D4:E4)",
    "=SUM(Sheet2!D4)",
    "=SUM(D4:E4)/2",
    "=ABCD1",
    "=XFE1",
    "=D4+",
    "",
    "=",
    "=SUM()",
    "=D0",
  ];
  for (const formula of notSums) it(`"${formula}" is not read as a sum`, () => expect(summedCells(formula)).toBeNull());

  it("at most 10,000 cells: a column of 10,000 is read, one of 10,001 is not, across terms too", () => {
    expect(summedCells("=SUM(A1:A10000)")).toHaveLength(10_000);
    expect(summedCells("=SUM(A1:A10001)")).toBeNull();
    expect(summedCells("=SUM(A1:A9999)+B1")).toHaveLength(10_000);
    expect(summedCells("=SUM(A1:A10000)+B1")).toBeNull();
  });
});
