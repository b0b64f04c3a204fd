// Folding labels copied out of PDFs so that "廢⽔排放總量" (Kangxi radical ⽔), "⼈⺠幣" (⺠ from the CJK Radicals
// Supplement), "能耗總強度�" (stray U+FFFD) and "環境指標2" (footnote marker) all match the catalogue's labels.

/** The CJK Radicals Supplement → unified ideograph table (data/text/cjk-radicals-supplement.json). */
export type RadicalTable = Readonly<Record<string, string>>;

const CJK = /[\u3400-\u9fff\uf900-\ufaff]|[\u{20000}-\u{3134f}]/u;

export function foldLabel(text: string, radicals: RadicalTable, options: { keepCase?: boolean } = {}): string {
  // NFKC folds Kangxi radicals, full-width forms and superscript digits; the supplement block needs the table.
  let s = [...text.normalize("NFKC")].map((c) => radicals[c] ?? c).join("");
  s = s.replace(/\ufffd/g, "");
  s = s.replace(/[\s\u200b\ufeff]+/g, "");
  // A footnote marker is a digit run glued to the end of a CJK label ("環境指標2", "能耗總強度1,2"); "PM2.5" keeps its digits.
  const marker = /^(.*?)(\d+(?:,\d+)*)$/u.exec(s);
  if (marker && marker[1] && CJK.test([...marker[1]].at(-1) ?? "")) s = marker[1];
  // Units keep their case: mWh is not MWh.
  return options.keepCase ? s : s.toLowerCase();
}

/** Edit distance over code points, for "did you mean" lists. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length] ?? 0;
}

/** The candidates closest to `wanted` (by edit distance on folded text), best first. */
export function closest<T>(wanted: string, candidates: readonly T[], key: (c: T) => string, limit = 3): T[] {
  return candidates
    .map((c) => ({ c, d: editDistance(wanted, key(c)) }))
    .sort((p, q) => p.d - q.d)
    .slice(0, limit)
    .map((p) => p.c);
}
