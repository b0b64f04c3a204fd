// A number as printed in a report: its exact decimal value and how many decimals it was printed with.
// "8,871.7" → 8871.7 with scale 1, i.e. a statement that the true value lies in [8,871.65, 8,871.75].
import { Dec } from "./decimal.js";
import { roundOutward, type Interval } from "./interval.js";

export interface PrintedNumber {
  /** The text as it appeared, untouched. */
  text: string;
  value: Dec;
  /** Decimals printed ("8,871.7" → 1, "361" → 0). */
  scale: number;
}

export type ParsedNumber = { ok: true; number: PrintedNumber } | { ok: false; reason: string };

/** Integer plus decimal digits of one figure: 30, far above any meter, with room to add millions of them exactly. */
export const MAX_DIGITS = 30;

// Groups of three separated by a comma or a (thin/narrow no-break) space, or plain digits.
const NUMBER = /^([+-])?(\d{1,3}(?:,\d{3})+|\d{1,3}(?: \d{3})+|\d+)(?:\.(\d+))?$/;

/**
 * Parses printed text: full-width digits and punctuation, non-breaking spaces and U+2212 MINUS are folded
 * first (NFKC); thousands separators must group by three. Never goes through a JavaScript number.
 */
export function parsePrintedNumber(text: string): ParsedNumber {
  const folded = text.normalize("NFKC").replace(/[\u2212\u2012\u2013]/g, "-").replace(/[\u202f\u2009]/g, " ").trim();
  if (folded === "") return { ok: false, reason: "the value is empty" };
  const m = NUMBER.exec(folded);
  if (!m) {
    if (/^[+-]?[\d.,\s]+$/.test(folded)) return { ok: false, reason: `"${text}" is not a well-formed number (thousands separators group by three, one decimal point)` };
    return { ok: false, reason: `"${text}" is not a number` };
  }
  const [, sign = "", whole = "", decimals = ""] = m;
  // Sums of many figures stay exact at the Decimal module's precision only if each figure has a bounded width.
  const width = whole.replace(/[ ,]/g, "").replace(/^0+(?=\d)/, "").length + decimals.length;
  if (width > MAX_DIGITS) return { ok: false, reason: `"${text}" has ${width} digits; at most ${MAX_DIGITS} are computed exactly` };
  const digits = `${sign === "-" ? "-" : ""}${whole.replace(/[ ,]/g, "")}${decimals ? "." + decimals : ""}`;
  return { ok: true, number: { text, value: new Dec(digits), scale: decimals.length } };
}

/** Prints a decimal the way reports do: thousands separators, `scale` decimals, half-up. */
export function printNumber(value: Dec, scale: number): string {
  const fixed = value.toDecimalPlaces(Math.max(scale, 0), Dec.ROUND_HALF_UP).toFixed(Math.max(scale, 0));
  const [whole = "", decimals] = fixed.replace(/^-/, "").split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const sign = fixed.startsWith("-") && !/^-0(\.0*)?$/.test(fixed) ? "-" : "";
  return `${sign}${grouped}${decimals !== undefined ? "." + decimals : ""}`;
}

/** "[lo, hi]" with bounds rounded outward, so the printed interval still contains the exact one. */
export function printInterval(i: Interval, scale: number): string {
  const r = roundOutward(i, scale);
  return `[${printNumber(r.lo, scale)}, ${printNumber(r.hi, scale)}]`;
}
