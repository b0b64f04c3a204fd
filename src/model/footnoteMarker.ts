// Footnote markers glued to the end of a printed label or figure: "環境指標2", "溫室氣體排放強度¹", "35.0¹",
// "800.3②", "1,345.6 (註4)", "6,217.0*". A marker is recognised by its form only, scanning from the end (no
// backtracking regex: a 1 MB label costs one pass). It is never folded into the text it follows.

const SUPERSCRIPT_DIGITS = new Set([..."⁰¹²³⁴⁵⁶⁷⁸⁹"]);
const SYMBOLS = new Set(["*", "＊", "†", "‡"]);
const COMMAS = new Set([",", "，", "、"]);

/** ①–⑳, ⑴–⒇, ⓫–⓴, ⓵–⓾, ❶–❿, ➀–➓, ㉑–㉟, ㊱–㊿: digits that are drawn as markers, never read as digits. */
function isCircledDigit(c: number): boolean {
  return (
    (c >= 0x2460 && c <= 0x2487) ||
    (c >= 0x24eb && c <= 0x24fe) ||
    (c >= 0x2776 && c <= 0x2793) ||
    (c >= 0x3251 && c <= 0x325f) ||
    (c >= 0x32b1 && c <= 0x32bf)
  );
}

const isDigit = (ch: string): boolean => (ch >= "0" && ch <= "9") || (ch >= "０" && ch <= "９");
const isSpace = (ch: string): boolean =>
  ch === " " || ch === "\t" || ch === "\u00a0" || ch === "\u3000" || ch === "\u202f" || ch === "\u2009";
const CJK = /^(?:[\u3400-\u9fff\uf900-\ufaff\u2e80-\u2fdf]|[\u{20000}-\u{3134f}])$/u;

export interface TrailingMarker {
  /** The text before the marker, trailing white space removed. */
  base: string;
  /** The marker as printed ("¹", "(註4)", "*"). */
  marker: string;
}

/** A note in parentheses: (註4), （注4）, (Note 4), (note 1,2). */
const NOTE = /^[(（]\s*(?:註|注|note|Note|NOTE)\s*[0-9０-９]{1,2}(?:\s*[,，、]\s*[0-9０-９]{1,2})*\s*[)）]$/;

/**
 * The footnote marker a text ends with, or null. `label`: also one or two plain digits glued to a CJK character or a
 * closing bracket ("環境指標2", "能耗總強度1,2", "(千公噸)2,3"), which in a figure would be digits of the number.
 */
export function trailingMarker(text: string, kind: "label" | "figure"): TrailingMarker | null {
  const chars = [...text.slice(Math.max(0, text.length - 64))]; // every marker form is short
  let end = chars.length;
  while (end > 0 && isSpace(chars[end - 1]!)) end--;
  const cut = (start: number): TrailingMarker | null => {
    if (start <= 0) return null; // a marker alone is not a marked text
    let b = start;
    while (b > 0 && isSpace(chars[b - 1]!)) b--;
    if (b === 0) return null;
    return {
      base: text.slice(0, text.length - chars.slice(b).join("").length),
      marker: chars.slice(start, end).join(""),
    };
  };
  const last = chars[end - 1];
  if (last === undefined) return null;
  // Superscript digits, maybe a list: ¹, ¹²  ¹,²
  if (SUPERSCRIPT_DIGITS.has(last)) {
    let i = end;
    while (
      i > 0 &&
      (SUPERSCRIPT_DIGITS.has(chars[i - 1]!) ||
        (COMMAS.has(chars[i - 1]!) && SUPERSCRIPT_DIGITS.has(chars[i - 2] ?? "")))
    )
      i--;
    return end - i <= 8 ? cut(i) : null;
  }
  if (isCircledDigit(last.codePointAt(0)!)) {
    let i = end;
    while (i > 0 && end - i < 3 && isCircledDigit(chars[i - 1]!.codePointAt(0)!)) i--;
    return cut(i);
  }
  if (SYMBOLS.has(last)) {
    let i = end;
    while (i > 0 && end - i < 3 && SYMBOLS.has(chars[i - 1]!)) i--;
    return cut(i);
  }
  if (last === ")" || last === "）") {
    for (let i = end - 2; i >= 0 && end - i <= 16; i--) {
      if (chars[i] !== "(" && chars[i] !== "（") continue;
      return NOTE.test(chars.slice(i, end).join("")) ? cut(i) : null;
    }
    return null;
  }
  if (kind === "label" && isDigit(last)) {
    // One or two digits, maybe a list, glued (no space) to a CJK character.
    let i = end;
    for (;;) {
      let d = i;
      while (d > 0 && i - d < 3 && isDigit(chars[d - 1]!)) d--;
      if (i - d === 0 || i - d > 2 || (d > 0 && isDigit(chars[d - 1]!))) return null;
      i = d;
      if (i > 1 && COMMAS.has(chars[i - 1]!) && isDigit(chars[i - 2]!)) {
        i--;
        continue;
      }
      break;
    }
    // …or to a closing bracket: "排放量(範疇一)(千公噸)4", "排放總量—按權益計算(千公噸)2,3".
    return i > 0 && (CJK.test(chars[i - 1]!) || chars[i - 1] === ")" || chars[i - 1] === "）") ? cut(i) : null;
  }
  return null;
}
