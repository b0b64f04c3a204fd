// What a cell's number format shows: how many decimals, thousands separators, a percentage — or that it shows a
// date, a fraction, a scaled or scientific figure, which the tool does not read as a printed number. And the text
// Excel displays for a stored value under such a format, computed on the decimal text (never a JS number). Pure.
import { message, type Message } from "../findings/inputError.js";
import { Dec } from "../model/decimal.js";

/** A format the tool refuses: why, in English and as a template of data/i18n/causes.json. */
const unsupported = (reason: string, key: string, args: Record<string, string>): FormatReading => ({
  kind: "unsupported",
  reason,
  say: message(`error.numfmt.${key}`, args),
});

export type FormatReading =
  | { kind: "general" }
  /** `decimals`: digits after the point at most; `required`: at least (a "#" place drops a trailing zero). */
  | { kind: "number"; decimals: number; required: number; grouping: boolean; percent: boolean }
  | { kind: "date" }
  | { kind: "unsupported"; reason: string; say: Message };

/**
 * The built-in formats (ECMA-376 Part 1, 18.8.30) whose meaning does not depend on the locale, plus the currency and
 * accounting ones (5–8, 41–44), whose symbol does but whose decimals do not. 27–36 and 50–58 are dates in the
 * Chinese, Japanese and Korean locales; other ids are left unknown.
 */
const BUILT_IN: Record<number, string> = {
  0: "General",
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  5: '"$"#,##0_);("$"#,##0)',
  6: '"$"#,##0_);[Red]("$"#,##0)',
  7: '"$"#,##0.00_);("$"#,##0.00)',
  8: '"$"#,##0.00_);[Red]("$"#,##0.00)',
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  14: "mm-dd-yy",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: "m/d/yy h:mm",
  37: "#,##0 ;(#,##0)",
  38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00;(#,##0.00)",
  40: "#,##0.00;[Red](#,##0.00)",
  41: '_(* #,##0_);_(* \\(#,##0\\);_(* "-"_);_(@_)',
  42: '_("$"* #,##0_);_("$"* \\(#,##0\\);_("$"* "-"_);_(@_)',
  43: '_(* #,##0.00_);_(* \\(#,##0.00\\);_(* "-"??_);_(@_)',
  44: '_("$"* #,##0.00_);_("$"* \\(#,##0.00\\);_("$"* "-"??_);_(@_)',
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mmss.0",
  48: "##0.0E+0",
  49: "@",
};
for (const id of [27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58])
  BUILT_IN[id] = "yyyy/m/d";

export function builtInFormat(id: number): string | undefined {
  return BUILT_IN[id];
}

/** Splits a format code into its sections at ";" outside quotes, brackets and escapes. */
function sections(code: string): string[] {
  const out: string[] = [];
  let cur = "";
  for (let i = 0; i < code.length; i++) {
    const c = code[i]!;
    if (c === '"') {
      const end = code.indexOf('"', i + 1);
      const stop = end < 0 ? code.length - 1 : end;
      cur += code.slice(i, stop + 1);
      i = stop;
    } else if (c === "\\" || c === "_" || c === "*") {
      cur += code.slice(i, i + 2);
      i++;
    } else if (c === "[") {
      const end = code.indexOf("]", i);
      const stop = end < 0 ? code.length - 1 : end;
      cur += code.slice(i, stop + 1);
      i = stop;
    } else if (c === ";") {
      out.push(cur);
      cur = "";
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** The section Excel uses for a value of this sign: positive (and zero) the first; negative the second; zero the third. */
function sectionFor(all: string[], sign: number): string {
  if (sign < 0 && all.length >= 2) return all[1]!;
  if (sign === 0 && all.length >= 3) return all[2]!;
  return all[0]!;
}

/** Reads one format code for a value of the given sign (-1, 0, 1). */
export function readFormat(code: string, sign: number): FormatReading {
  const all = sections(code);
  if (all.some((s) => /\[(?:<|>|=)/.test(s)))
    return unsupported(`the number format "${code}" is conditional`, "conditional", { code });
  const s = sectionFor(all, sign);
  let decimals = 0;
  let required = 0;
  let afterPoint = false;
  let placeholders = 0;
  let grouping = false;
  let trailingComma = false;
  let percent = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '"') {
      const end = s.indexOf('"', i + 1);
      const literal = s.slice(i + 1, end < 0 ? s.length : end);
      if (/[0-9]/.test(literal))
        return unsupported(`the number format "${code}" prints digits of its own ("${literal}")`, "digits", {
          code,
          literal,
        });
      if (literal.includes("%"))
        return unsupported(
          `the number format "${code}" prints a "%" without making the figure a percentage`,
          "percent-literal",
          {
            code,
          },
        );
      i = end < 0 ? s.length : end;
      continue;
    }
    if (c === "\\") {
      if (/[0-9%]/.test(s[i + 1] ?? ""))
        return unsupported(`the number format "${code}" prints "${s[i + 1]}" of its own`, "escaped", {
          code,
          char: s[i + 1]!,
        });
      i++;
      continue;
    }
    if (c === "_" || c === "*") {
      i++;
      continue;
    }
    if (c === "[") {
      const end = s.indexOf("]", i);
      const inner = s.slice(i + 1, end < 0 ? s.length : end);
      if (/^(h+|m+|s+)$/i.test(inner)) return { kind: "date" };
      i = end < 0 ? s.length : end;
      continue;
    }
    if (/^general/i.test(s.slice(i))) {
      if (placeholders === 0) return { kind: "general" };
      i += 6;
      continue;
    }
    if ((c === "E" || c === "e") && (s[i + 1] === "+" || s[i + 1] === "-"))
      return unsupported(`the number format "${code}" is scientific (${s.slice(i, i + 2)})`, "scientific", {
        code,
        e: s.slice(i, i + 2),
      });
    if (/[ymdhsgeb]/i.test(c) || /^(AM\/PM|A\/P)/i.test(s.slice(i))) return { kind: "date" };
    if (c === "0" || c === "#" || c === "?") {
      if (trailingComma) grouping = true; // "#,##0": a comma between placeholders groups thousands
      trailingComma = false;
      placeholders++;
      if (afterPoint) {
        decimals++;
        if (c === "0") required = decimals;
      }
      continue;
    }
    if (c === "." && !afterPoint) {
      if (trailingComma)
        return unsupported(
          `the number format "${code}" divides the figure by 1,000 (a comma before the point)`,
          "comma-point",
          {
            code,
          },
        );
      afterPoint = true;
      continue;
    }
    if (c === "," && placeholders > 0 && !afterPoint) {
      trailingComma = true;
      continue;
    }
    if (c === "/" && placeholders > 0)
      return unsupported(`the number format "${code}" shows a fraction`, "fraction", { code });
    if (c === "%") percent++;
    if (c === "@" && placeholders === 0) return { kind: "general" }; // text format: a number in it shows as General
  }
  if (trailingComma)
    return unsupported(
      `the number format "${code}" divides the figure by 1,000 (a comma after the last digit)`,
      "comma-end",
      {
        code,
      },
    );
  if (percent > 1)
    return unsupported(`the number format "${code}" multiplies by 100 more than once`, "percent-twice", { code });
  if (placeholders === 0) return unsupported(`the number format "${code}" shows no digits`, "no-digits", { code });
  return { kind: "number", decimals, required, grouping, percent: percent === 1 };
}

/** Excel keeps 15 significant digits of a value; every format shows the value rounded to those first. */
export const EXCEL_DIGITS = 15;

/**
 * The text Excel displays for a stored value (exact decimal) under a format reading: 15 significant digits, then the
 * format's decimals (half away from zero), thousands separators, a trailing "%". General shows the 15-digit value as
 * it is (not the column-width abbreviation Excel makes in a narrow column).
 */
export function displayText(stored: Dec, reading: Extract<FormatReading, { kind: "general" | "number" }>): string {
  let v = reading.kind === "number" && reading.percent ? stored.times(100) : stored;
  if (!v.isZero()) v = v.toSignificantDigits(EXCEL_DIGITS, Dec.ROUND_HALF_UP);
  if (reading.kind === "general") return plain(v);
  let text = v.toDecimalPlaces(reading.decimals, Dec.ROUND_HALF_UP).toFixed(reading.decimals);
  if (reading.decimals > reading.required) {
    // "#" places after the last "0" drop trailing zeros ("0.0#" shows 1.5 as "1.5", 1.25 as "1.25").
    const [whole, frac = ""] = text.split(".");
    let keep = frac.length;
    while (keep > reading.required && frac[keep - 1] === "0") keep--;
    text = keep > 0 ? `${whole}.${frac.slice(0, keep)}` : whole!;
  }
  if (/^-0(\.0*)?$/.test(text)) text = text.slice(1);
  if (reading.grouping) {
    const [whole = "", frac] = text.split(".");
    const sign = whole.startsWith("-") ? "-" : "";
    text = `${sign}${whole.replace(/^-/, "").replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${frac !== undefined ? "." + frac : ""}`;
  }
  return reading.percent ? `${text}%` : text;
}

/** A decimal as plain digits (no exponent, no trailing zeros after the point). */
export function plain(v: Dec): string {
  const fixed = v.toFixed();
  return fixed.includes(".") ? fixed.replace(/0+$/, "").replace(/\.$/, "") : fixed;
}

/** The digits after the point that a format shows at most (0 for General: its value carries its own). */
export function shownDecimals(reading: FormatReading): number {
  return reading.kind === "number" ? reading.decimals + (reading.percent ? 2 : 0) : 0;
}
