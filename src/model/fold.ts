// Folding labels copied out of PDFs so that "廢⽔排放總量" (Kangxi radical ⽔), "⼈⺠幣" (⺠ from the CJK Radicals
// Supplement) and "能耗總強度�" (stray U+FFFD) match the catalogue's labels. Footnote markers ("環境指標2",
// "強度¹") are not folded away: a label is matched exactly first, and only then without a marker (matchLabel), so
// that "雲林廠 2015" and "雲林廠 2016", or "範疇1" and "範疇2", stay apart.
import { trailingMarker } from "./footnoteMarker.js";

/** The CJK Radicals Supplement → unified ideograph table (data/text/cjk-radicals-supplement.json). */
export type RadicalTable = Readonly<Record<string, string>>;

/** One pattern per table, matching any character it maps (a 1 MB label must not become a million-element array). */
const patterns = new WeakMap<RadicalTable, RegExp | null>();
function radicalPattern(radicals: RadicalTable): RegExp | null {
  if (!patterns.has(radicals)) {
    const keys = Object.keys(radicals)
      .filter((k) => [...k].length === 1)
      .map((k) => k.replace(/[\\\]^-]/g, "\\$&"));
    patterns.set(radicals, keys.length ? new RegExp(`[${keys.join("")}]`, "gu") : null);
  }
  return patterns.get(radicals)!;
}

export function foldLabel(text: string, radicals: RadicalTable, options: { keepCase?: boolean } = {}): string {
  // NFKC folds Kangxi radicals, full-width forms and sub/superscript digits (m³ → m3); the supplement block needs the table.
  const pattern = radicalPattern(radicals);
  let s = text.normalize("NFKC");
  if (pattern) s = s.replace(pattern, (c) => radicals[c] ?? c);
  s = s.replace(/\ufffd/g, "");
  s = s.replace(/[\s\u200b\ufeff]+/g, "");
  // Units keep their case: mWh is not MWh.
  return options.keepCase ? s : s.toLowerCase();
}

/**
 * The candidates a printed label names: those with a spelling equal to the folded text; failing that, those with a
 * spelling equal to the text without a trailing footnote marker — unless some spelling continues that text with
 * a digit (then digits are part of the names here, as in 範疇1 / 範疇2, and stripping one would be a guess).
 * Several candidates: the caller reports an ambiguity.
 */
export function matchLabel<T>(
  text: string,
  candidates: readonly T[],
  spellings: (c: T) => readonly string[],
  radicals: RadicalTable,
  options: { keepCase?: boolean } = {},
): T[] {
  const folded = foldLabel(text, radicals, options);
  const exact = candidates.filter((c) => spellings(c).includes(folded));
  if (exact.length || folded === "") return exact;
  const marked = trailingMarker(text, "label");
  if (!marked) return [];
  const base = foldLabel(marked.base, radicals, options);
  if (base === "") return [];
  const numbered = candidates.some((c) =>
    spellings(c).some((s) => s.length > base.length && s.startsWith(base) && /\d/.test(s[base.length] ?? "")),
  );
  return numbered ? [] : candidates.filter((c) => spellings(c).includes(base));
}

/** Edit distance over code points, for "did you mean" lists. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(
        (prev[j] ?? 0) + 1,
        (cur[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1),
      );
    }
    prev = cur;
  }
  return prev[y.length] ?? 0;
}

/** Suggestions compare at most this many characters of what was typed: labels are short, and a 1 MB one must not cost minutes. */
export const SUGGESTION_CHARS = 64;

/** The candidates closest to `wanted` (by edit distance on folded text, over its first SUGGESTION_CHARS characters), best first. */
export function closest<T>(wanted: string, candidates: readonly T[], key: (c: T) => string, limit = 3): T[] {
  const head = (s: string) =>
    s.length > SUGGESTION_CHARS * 2 ? [...s.slice(0, SUGGESTION_CHARS * 2)].slice(0, SUGGESTION_CHARS).join("") : s;
  const w = head(wanted);
  return candidates
    .map((c) => ({ c, d: editDistance(w, head(key(c))) }))
    .sort((p, q) => p.d - q.d)
    .slice(0, limit)
    .map((p) => p.c);
}
