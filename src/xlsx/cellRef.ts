// A1 cell references: "C12" ⇄ row 12, column 3 (both 1-based), and ranges "B3:H40". Pure.

export interface CellAddress {
  row: number;
  col: number;
}

export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Excel's limits: 1,048,576 rows, 16,384 columns (XFD). */
export const MAX_ROW = 1_048_576;
export const MAX_COL = 16_384;

export function columnName(col: number): string {
  let name = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export const cellName = (row: number, col: number): string => `${columnName(col)}${row}`;

/** "C12" (also "$C$12") → { row: 12, col: 3 }; null when it is not a cell within Excel's limits. */
export function parseCell(ref: string): CellAddress | null {
  const m = /^\$?([A-Za-z]{1,3})\$?([1-9][0-9]{0,6})$/.exec(ref.trim());
  if (!m) return null;
  const col = columnNumber(m[1]!);
  const row = Number(m[2]);
  return col <= MAX_COL && row <= MAX_ROW ? { row, col } : null;
}

/** "B3:H40" (or one cell, "B3") → its corners, normalised so that top ≤ bottom and left ≤ right. */
export function parseRange(ref: string): CellRange | null {
  const [a, b, extra] = ref.trim().split(":");
  if (extra !== undefined || a === undefined) return null;
  const from = parseCell(a);
  const to = b === undefined ? from : parseCell(b);
  if (!from || !to) return null;
  return {
    top: Math.min(from.row, to.row),
    bottom: Math.max(from.row, to.row),
    left: Math.min(from.col, to.col),
    right: Math.max(from.col, to.col),
  };
}

export const rangeName = (r: CellRange): string =>
  r.top === r.bottom && r.left === r.right
    ? cellName(r.top, r.left)
    : `${cellName(r.top, r.left)}:${cellName(r.bottom, r.right)}`;

export const inRange = (r: CellRange, row: number, col: number): boolean =>
  row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;
