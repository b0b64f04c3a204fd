// How the source of a figure is named: a text file by line (and column), a workbook cell as Excel names it,
// book.xlsx!Sheet!C12. One place, so every format names a cell the same way.
import type { SourceRef } from "../model/types.js";

type Located = Pick<SourceRef, "file" | "line" | "column" | "cell">;

/** `column`: "optional" prints it when known, "always" prints 1 when unknown, "none" never. */
export function sourceText(
  s: Located,
  column: "optional" | "always" | "none" = "optional",
  file: string = s.file,
): string {
  if (s.cell) return `${file}!${s.cell}`;
  const col = column === "none" ? "" : column === "always" ? `:${s.column ?? 1}` : s.column ? `:${s.column}` : "";
  return `${file}:${s.line}${col}`;
}

/** For a workbook cell, its sheet and cell ("published!F4"): what an annotation on the whole workbook must say. */
export function sheetCell(s: Located): string | null {
  return s.cell ? `${s.file.replace(/^.*?\.xls[xm]!/is, "")}!${s.cell}` : null;
}

/** The file a source lies in, with its line and column, for CI annotations: for a workbook cell the workbook, with neither. */
export function sourceFile(s: Located): { file: string; line?: number; column?: number } {
  if (!s.cell) return { file: s.file, line: s.line, ...(s.column ? { column: s.column } : {}) };
  return { file: s.file.replace(/^(.*?\.xls[xm])!.*$/is, "$1") };
}
