// A number as printed in a report: its exact decimal value and how many decimals it was printed with.
// "8,871.7" → 8871.7 with scale 1, i.e. a statement that the true value lies in [8,871.65, 8,871.75].
import { Dec } from "./decimal.js";
import { message, type Message } from "../findings/inputError.js";
import { trailingMarker } from "./footnoteMarker.js";
import { roundOutward, type Interval } from "./interval.js";
import type { NumberStyle } from "../schema/common.js";

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
  /** A negative figure printed "(12.3)", "△12.3" or "▲12.3": the form's first character. */
  negativeForm?: string;
  /**
   * A bound printed "<0.01": the figure is somewhere in [0, 0.01). Held as the middle (0.005) at the bound's
   * decimals (2), whose printed interval is exactly [0, 0.01]; it matches what lies below the bound.
   */
  below?: Dec;
}

/** A failure says why in English (`reason`, `hint`) and, where the catalogue has it, as templates (`say`, `sayHint`). */
export type ParsedNumber =
  { ok: true; number: PrintedNumber } | { ok: false; reason: string; hint?: string; say?: Message; sayHint?: Message };

/** Integer plus decimal digits of one figure: 30, far above any meter, with room to add millions of them exactly. */
export const MAX_DIGITS = 30;

/** Longer text is not a figure; refusing it early keeps a 1 MB cell from costing regex time. */
const MAX_LENGTH = 100;

/**
 * How a dataset prints its numbers (manifest.json "numbers.format"): the thousands separators and the decimal mark.
 * Undeclared, numbers are read as 1,234.5 — except a figure such as "1.234" (one to three digits, a point, three
 * digits), which is 1,234 in 1.234,5 notation: that is an error until the dataset declares its format.
 */
export interface NumberFormat {
  style: NumberStyle;
  /** Declared by the dataset: no figure is ambiguous. */
  declared: boolean;
}
/** The tool's own notation (factor files, command-line options, workbook cells that store numbers). */
export const CANONICAL: NumberFormat = { style: "1,234.5", declared: true };
/** A dataset that declares no format. */
export const UNDECLARED: NumberFormat = { style: "1,234.5", declared: false };

/** Per style: the figure's pattern (sign, integer part with its separators, decimals). */
const PATTERNS: Record<NumberStyle, { re: RegExp; separators: RegExp; decimal: string }> = {
  // Groups of three separated by a comma or a (thin/narrow no-break) space, or plain digits.
  "1,234.5": {
    re: /^([+-])?(\d{1,3}(?:,\d{3})+|\d{1,3}(?: \d{3})+|\d+)(?:\.(\d+))?$/,
    separators: /[ ,]/g,
    decimal: ".",
  },
  "1.234,5": {
    re: /^([+-])?(\d{1,3}(?:\.\d{3})+|\d{1,3}(?: \d{3})+|\d+)(?:,(\d+))?$/,
    separators: /[ .]/g,
    decimal: ",",
  },
  "1 234,5": { re: /^([+-])?(\d{1,3}(?: \d{3})+|\d+)(?:,(\d+))?$/, separators: / /g, decimal: "," },
  "1 234.5": { re: /^([+-])?(\d{1,3}(?: \d{3})+|\d+)(?:\.(\d+))?$/, separators: / /g, decimal: "." },
  "1234.5": { re: /^([+-])?(\d+)(?:\.(\d+))?$/, separators: /(?!)/g, decimal: "." },
};

/** Negative figures as reports print them besides a minus: "(12.3)" (accounting), "△12.3" and "▲12.3" (Taiwan, Japan). */
const NEGATIVE_FORMS = /^(?:[(（]\s*([^()（）]+?)\s*[)）]|[△▲]\s*(.+))$/;

export interface ParseOptions {
  format?: NumberFormat;
  /** Accept "(12.3)", "△12.3", "▲12.3" as negative figures (the dataset's readers; the caller refuses them where a metric cannot be negative). */
  signs?: boolean;
}

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
export function parsePrintedNumber(text: string, options: ParseOptions = {}): ParsedNumber {
  if (text.length > MAX_LENGTH)
    return {
      ok: false,
      reason: `the value is ${text.length.toLocaleString("en-US")} characters long: not a number`,
      say: message("error.number.too-long", { n: text.length.toLocaleString("en-US") }),
    };
  const format = options.format ?? CANONICAL;
  const folded = foldFigure(text).trim();
  if (folded === "") return { ok: false, reason: "the value is empty", say: message("error.value-empty") };
  const negative = options.signs ? NEGATIVE_FORMS.exec(folded) : null;
  if (negative) {
    const inner = (negative[1] ?? negative[2] ?? "").trim();
    if (/^[+-]/.test(inner))
      return { ok: false, reason: `"${text}" has two signs`, say: message("error.number.two-signs", { text }) };
    const parsed = parsePrintedNumber(inner, { format });
    if (!parsed.ok) return parsed;
    const value = parsed.number.value.negated();
    return {
      ok: true,
      number: {
        text,
        value: value.isZero() ? parsed.number.value : value,
        scale: parsed.number.scale,
        negativeForm: folded.slice(0, 1),
      },
    };
  }
  const pattern = PATTERNS[format.style];
  const m = pattern.re.exec(folded);
  if (!m) {
    const marked = trailingMarker(text, "figure");
    if (marked && parsePrintedNumber(marked.base, { format: { ...format, declared: true } }).ok)
      return {
        ok: false,
        reason: `"${text}" ends in a footnote marker: ${marked.marker}`,
        hint: `write the figure alone (${marked.base.trim()}); a note goes in the note column`,
        say: message("error.number.marker", { text, marker: marked.marker }),
        sayHint: message("error.number.marker.hint", { figure: marked.base.trim() }),
      };
    if (/^[+-]?\.\d+$/.test(folded))
      return {
        ok: false,
        reason: `"${text}" has no digit before its decimal point`,
        hint: `write it with a leading zero: ${folded.replace(".", "0.")}`,
        say: message("error.number.leading-dot", { text }),
        sayHint: message("error.number.leading-dot.hint", { figure: folded.replace(".", "0.") }),
      };
    if (/^[+-]?[\d.,\s]+$/.test(folded))
      return {
        ok: false,
        reason: `"${text}" is not a well-formed number (thousands separators group by three, one decimal point)`,
        say: message("error.number.grouping", { text }),
      };
    return { ok: false, reason: `"${text}" is not a number`, say: message("error.number.not-a-number", { text }) };
  }
  const [, sign = "", whole = "", decimals = ""] = m;
  const bare = whole.replace(pattern.separators, "");
  // "0,123" is no thousands grouping: a group of three cannot follow a leading 0 (it is a decimal comma, or a typo).
  if (bare !== whole && whole.startsWith("0")) {
    const decimalComma = format.style === "1,234.5" && /^0[ ,]\d{3}$/.test(whole) && decimals === "";
    return {
      ok: false,
      reason: `"${text}" is not a well-formed number: a thousands group cannot follow a leading 0`,
      say: message("error.number.leading-zero-group", { text }),
      ...(decimalComma
        ? {
            hint: `if the comma is a decimal comma, write ${sign === "-" ? "-" : ""}0.${whole.slice(2)}, or declare the dataset's number format ("numbers": { "format": "1.234,5" } in manifest.json)`,
            sayHint: message("error.number.decimal-comma.hint", {
              figure: `${sign === "-" ? "-" : ""}0.${whole.slice(2)}`,
            }),
          }
        : {}),
    };
  }
  // "1.234": 1.234 in 1,234.5 notation, 1234 in 1.234,5 notation. Never guessed.
  if (!format.declared && /^[1-9]\d{0,2}$/.test(whole) && decimals.length === 3) {
    return {
      ok: false,
      reason: `"${text}" is ambiguous: ${sign === "-" ? "-" : ""}${whole}.${decimals} with a decimal point, ${sign === "-" ? "-" : ""}${whole}${decimals} with a thousands point (1.234,5)`,
      hint: 'declare how the dataset prints numbers in manifest.json: "numbers": { "format": "1,234.5" } or { "format": "1.234,5" }',
      say: message("error.number.ambiguous", {
        text,
        point: `${sign === "-" ? "-" : ""}${whole}.${decimals}`,
        thousands: `${sign === "-" ? "-" : ""}${whole}${decimals}`,
      }),
      sayHint: message("error.number.ambiguous.hint"),
    };
  }
  // Sums of many figures stay exact at the Decimal module's precision only if each figure has a bounded width.
  const width = bare.replace(/^0+(?=\d)/, "").length + decimals.length;
  if (width > MAX_DIGITS)
    return {
      ok: false,
      reason: `"${text}" has ${width} digits; at most ${MAX_DIGITS} are computed exactly`,
      say: message("error.number.too-many-digits", { text, n: String(width), max: String(MAX_DIGITS) }),
    };
  const digits = `${sign === "-" ? "-" : ""}${bare}${decimals ? "." + decimals : ""}`;
  return { ok: true, number: { text, value: new Dec(digits), scale: decimals.length } };
}

/**
 * A figure of the published table: a trailing footnote marker ("35.0¹", "1,345.6 (註4)", "6,217.0*") is
 * recognised as such — kept on the number, not part of its value. `percent`: a change column's "%" may follow the
 * figure (before the marker).
 */
export function parsePublishedFigure(
  text: string,
  percent = false,
  options: ParseOptions & { below?: boolean } = {},
): ParsedNumber {
  const parseOptions = {
    ...(options.format ? { format: options.format } : {}),
    ...(options.signs ? { signs: true } : {}),
  };
  const noPercent = (t: string) => (percent ? t.replace(/[%％](\s*[)）]?)\s*$/, "$1") : t);
  // "(12.3)" is a negative figure, not a footnote marker in parentheses: the whole cell first.
  if (options.signs && NEGATIVE_FORMS.test(foldFigure(noPercent(text)).trim())) {
    const whole = parsePrintedNumber(noPercent(text), parseOptions);
    if (whole.ok) return { ok: true, number: { ...whole.number, text } };
  }
  const marked = trailingMarker(text, "figure");
  const figure = marked ? marked.base : text;
  const bare = noPercent(figure);
  const bound = options.below && !percent ? /^[<＜]\s*(.+)$/.exec(foldFigure(bare).trim()) : null;
  if (bound) {
    // "<0.01": below one unit of its last decimal — [0, 0.01), held as 0.005 at 2 decimals ([0, 0.01] printed).
    const limit = parsePrintedNumber(bound[1]!, parseOptions);
    if (!limit.ok) return limit;
    const { value, scale } = limit.number;
    if (!value.eq(new Dec(10).pow(-scale)))
      return {
        ok: false,
        reason: `"${text}": a bound is read as one unit of its last printed decimal (<1, <0.1, <0.01), not ${bound[1]}`,
        say: message("error.number.bound", { text, bound: bound[1]! }),
      };
    return {
      ok: true,
      number: { text, value: value.div(2), scale, below: value, ...(marked ? { marker: marked.marker } : {}) },
    };
  }
  const parsed = parsePrintedNumber(bare, parseOptions);
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
