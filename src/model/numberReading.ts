// How a dataset's numbers are read (manifest.json "numbers"): its number format, and what a published cell that
// prints no figure means. Undeclared: 1,234.5 with an ambiguous "1.234" refused; "/" and "不適用" not applicable, a
// blank not reported; a dash ("-", "—") or "N/A" refused until the manifest says what it means (reports differ: a
// financial table's dash is nil, an ESG table's often "no data"; N/A is "not applicable" or "not available").
import type { CellMeaning } from "../schema/common.js";
import type { Manifest } from "../schema/manifest.js";
import { foldFigure, UNDECLARED, type NumberFormat } from "./printedNumber.js";

export interface NumberReading {
  format: NumberFormat;
  /** By markerKey: what a cell that prints this instead of a figure means. */
  markers: ReadonlyMap<string, CellMeaning>;
}

/** A cell's marker text compared without case, width or spacing; the dashes of a typeface are one dash each. */
export const markerKey = (text: string): string =>
  foldFigure(text)
    .normalize("NFKC")
    .trim()
    .replace(/\s+/g, "")
    .toLowerCase()
    .replace(/[\u2014\u2015\u2500]/g, "—");

/** What the tool reads without a declaration: only what cannot mean a number. */
export const DEFAULT_MARKERS: readonly (readonly [string, CellMeaning])[] = [
  ["", "not-reported"],
  ["/", "not-applicable"],
  ["不適用", "not-applicable"],
  ["不适用", "not-applicable"],
];

/** Marks that mean zero in some reports and "not applicable" or "no data" in others: refused until declared. */
export const AMBIGUOUS_MARKERS: readonly string[] = ["-", "—", "--", "N/A", "NA", "n.a."];

export function numberReading(numbers: Manifest["numbers"]): NumberReading {
  const markers = new Map<string, CellMeaning>(DEFAULT_MARKERS.map(([k, v]) => [markerKey(k), v]));
  for (const [k, v] of Object.entries(numbers?.markers ?? {})) markers.set(markerKey(k), v);
  return { format: numbers?.format ? { style: numbers.format, declared: true } : UNDECLARED, markers };
}

export const DEFAULT_READING: NumberReading = numberReading(undefined);

/** The streaming reader reads 1,234.5 only: 0 declared so, 1 undeclared (an ambiguous "1.234" is left to the reference reader), 2 another format (it reads nothing). */
export const scanNumbers = (format: NumberFormat): 0 | 1 | 2 =>
  format.style !== "1,234.5" ? 2 : format.declared ? 0 : 1;
