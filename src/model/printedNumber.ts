// A number as printed in a report: its exact decimal value and how many decimals it was printed with.
// "8,871.7" → 8871.7 with scale 1, i.e. a statement that the true value lies in [8,871.65, 8,871.75].
import { Dec } from "./decimal.js";
import { trailingMarker } from "./footnoteMarker.js";
import { roundOutward, type Interval } from "./interval.js";

export interface PrintedNumber {
  /** The text as it appeared, untouched (a footnote marker included). */
  text: string;
  value: Dec;
  /** Decimals printed ("8,871.7" → 1, "361" → 0). */
  scale: number;
  /** Decimals the dataset declares the figure is rounded to (manifest "precision"; -3: to the thousand), when not its printed digits. */
  declaredScale?: number;
  /** A footnote marker printed after the figure ("35.0¹" → "¹", "1,345.6 (註4)" → "(註4)"): kept, never part of the value. */
  marker?: string;
}

export type ParsedNumber = { ok: true; number: PrintedNumber } | { ok: false; reason: string; hint?: string };

/** Integer plus decimal digits of one figure: 30, far above any meter, with room to add millions of them exactly. */
export const MAX_DIGITS = 30;

/** Longer text is not a figure; refusing it early keeps a 1 MB cell from costing regex time. */
const MAX_LENGTH = 100;

// Groups of three separated by a comma or a (thin/narrow no-break) space, or plain digits.
const NUMBER = /^([+-])?(\d{1,3}(?:,\d{3})+|\d{1,3}(?: \d{3})+|\d+)(?:\.(\d+))?$/;

/**
 * The compatibility forms a printed figure may use, folded to ASCII: full-width digits, comma, full stop, signs
 * and percent; no-break, thin, figure and ideographic spaces; U+2212 MINUS and dashes. An allow-list, not NFKC:
 * superscript and circled digits (footnote markers) and vulgar fractions never become digits.
 */
export function foldFigure(text: string): string {
  let out = "";
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c >= 0xff10 && c <= 0xff19) out += String.fromCharCode(c - 0xff10 + 0x30);
    else if (c === 0xff0c) out += ",";
    else if (c === 0xff0e) out += ".";
    else if (c === 0xff0b) out += "+";
    else if (c === 0xff0d || c === 0x2212 || c === 0x2012 || c === 0x2013 || c === 0xfe63) out += "-";
    else if (c === 0xff05) out += "%";
    else if (c === 0xff0f) out += "/";
    else if (c === 0x00a0 || c === 0x202f || c === 0x2009 || c === 0x2007 || c === 0x3000) out += " ";
    else out += ch;
  }
  return out;
}

/**
 * Parses printed text: the forms foldFigure allows, then thousands separators that group by three. Never goes
 * through a JavaScript number. A trailing footnote marker is refused, with a hint (see parsePublishedFigure).
 */
export function parsePrintedNumber(text: string): ParsedNumber {
  if (text.length > MAX_LENGTH) return { ok: false, reason: `the value is ${text.length.toLocaleString("en-US")} characters long: not a number` };
  const folded = foldFigure(text).trim();
  if (folded === "") return { ok: false, reason: "the value is empty" };
  const m = NUMBER.exec(folded);
  if (!m) {
    const marked = trailingMarker(text, "figure");
    if (marked && parsePrintedNumber(marked.base).ok) return { ok: false, reason: `"${text}" ends in a footnote marker: ${marked.marker}`, hint: `write the figure alone (${marked.base.trim()}); a note goes in the note column` };
    if (/^[+-]?\.\d+$/.test(folded)) return { ok: false, reason: `"${text}" has no digit before its decimal point`, hint: `write it with a leading zero: ${folded.replace(".", "0.")}` };
    if (/^[+-]?[\d.,\s]+$/.test(folded)) return { ok: false, reason: `"${text}" is not a well-formed number (thousands separators group by three, one decimal point)` };
    return { ok: false, reason: `"${text}" is not a number` };
  }
  const [, sign = "", whole = "", decimals = ""] = m;
  // "0,123" is no thousands grouping: a group of three cannot follow a leading 0 (it is a decimal comma, or a typo).
  if (/[ ,]/.test(whole) && whole.startsWith("0")) {
    const decimalComma = /^0[ ,]\d{3}$/.test(whole) && decimals === "";
    return { ok: false, reason: `"${text}" is not a well-formed number: a thousands group cannot follow a leading 0`, ...(decimalComma ? { hint: `if the comma is a decimal comma, write ${sign === "-" ? "-" : ""}0.${whole.slice(2)}` } : {}) };
  }
  // Sums of many figures stay exact at the Decimal module's precision only if each figure has a bounded width.
  const width = whole.replace(/[ ,]/g, "").replace(/^0+(?=\d)/, "").length + decimals.length;
  if (width > MAX_DIGITS) return { ok: false, reason: `"${text}" has ${width} digits; at most ${MAX_DIGITS} are computed exactly` };
  const digits = `${sign === "-" ? "-" : ""}${whole.replace(/[ ,]/g, "")}${decimals ? "." + decimals : ""}`;
  return { ok: true, number: { text, value: new Dec(digits), scale: decimals.length } };
}

/**
 * A figure of the published table: a trailing footnote marker ("35.0¹", "1,345.6 (註4)", "6,217.0*") is
 * recognised as such — kept on the number, not part of its value. `percent`: a change column's "%" may follow the
 * figure (before the marker).
 */
export function parsePublishedFigure(text: string, percent = false): ParsedNumber {
  const marked = trailingMarker(text, "figure");
  const figure = marked ? marked.base : text;
  const bare = percent ? figure.replace(/[%％]\s*$/, "") : figure;
  const parsed = parsePrintedNumber(bare);
  if (!parsed.ok) return parsed;
  return { ok: true, number: { ...parsed.number, text, ...(marked ? { marker: marked.marker } : {}) } };
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
