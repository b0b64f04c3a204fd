// src/reconcile/componentSearch.ts on its own: which slips (a term left out, counted twice, with the wrong sign)
// reproduce a printed figure, on terms small enough that every combination is listed by hand in a comment.
import { describe, expect, it } from "vitest";
import { Dec } from "../../src/model/decimal.js";
import { parsePrintedNumber, type PrintedNumber } from "../../src/model/printedNumber.js";
import {
  COMBINATION_BUDGET,
  combinations,
  places,
  searchComponents,
  type ComponentSlip,
  type SearchTerm,
} from "../../src/reconcile/componentSearch.js";

const printed = (text: string): PrintedNumber => {
  const p = parsePrintedNumber(text);
  if (!p.ok) throw new Error(text);
  return p.number;
};
/** An exact term: its interval is the point itself. */
const exact = (v: string): SearchTerm => ({ value: new Dec(v), interval: { lo: new Dec(v), hi: new Dec(v) } });
/** A term known to ± `half`. */
const around = (v: string, half: string): SearchTerm => ({
  value: new Dec(v),
  interval: { lo: new Dec(v).minus(half), hi: new Dec(v).plus(half) },
});
const ALL: ComponentSlip[] = ["left-out", "twice", "sign"];

/** The fits as "term:slip+term:slip=value", in the order found. */
function fits(terms: SearchTerm[], text: string, nonNegative: boolean, slips: ComponentSlip[] = ALL): string[] {
  return searchComponents(terms, printed(text), nonNegative, slips).fits.map(
    (f) => `${f.slips.map((s) => `${s.term}:${s.slip}`).join("+")}=${f.value.toFixed()}`,
  );
}

describe("combinations", () => {
  it("C(n, k) × 3^k", () => {
    expect(combinations(5, 1)).toBe(15); // 5 × 3
    expect(combinations(5, 2)).toBe(90); // 10 × 9
    expect(combinations(4, 3)).toBe(108); // 4 × 27
    expect(combinations(701, 2)).toBe(2_208_150); // 701 × 700 ÷ 2 = 245,350, × 9
    expect(combinations(3, 0)).toBe(1);
  });
});

describe("searchComponents: every combination, by hand", () => {
  it("the value of each fit: a term left out, or another with the wrong sign, gives 1.25 → 1.3", () => {
    // a = 1.25, b = 2.50 (exact), 3.75 in all, printed 1.3 = [1.25, 1.35). Singles: a out 2.5, a twice 5, a sign
    // −1.25 + 2.5 = 1.25 (fits), b out 1.25 (fits), b twice 6.25, b sign −1.25. Pairs: a out and b out 0, out/twice
    // 5, out/sign −2.5, twice/out 2.5, twice/twice 7.5, twice/sign 0, sign/out −1.25, sign/twice 3.75, sign/sign −3.75.
    expect(fits([exact("1.25"), exact("2.50")], "1.3", false)).toEqual(["0:sign=1.25", "1:left-out=1.25"]);
  });

  it("a term whose value is zero cannot slip: it is not counted among the terms", () => {
    // 0 + 1.0 + 2.0 = 3, left out only, printed 2: 1.0 left out (2) is the one fit (2.0 out 1, both 0); with 0 as
    // a term, "0 and 1.0 left out" would be one too.
    const search = searchComponents([exact("0"), exact("1.0"), exact("2.0")], printed("2"), true, ["left-out"]);
    expect(search.terms).toBe(2);
    expect(search.fits.map((f) => f.slips)).toEqual([[{ term: 1, slip: "left-out" }]]);
  });

  it("a wrong sign swaps the ends of the term's interval: −10 ± 0.5 + 3 = [−7.5, −6.5] reaches −6.6", () => {
    // a = 10 ± 0.5, b = 3. a sign: −7 within [−7.5, −6.5], printed −6.6 = (−6.65, −6.55]: rounding, a fit. Every
    // other single or pair: 3, 23, 10, 16, 4 [3.5, 4.5]; 0, 6, −3, 20, 26, 17, −10 [−10.5, −9.5], −4 [−4.5, −3.5], −13.
    expect(fits([around("10", "0.5"), exact("3")], "-6.6", false)).toEqual(["0:sign=-7"]);
  });

  it("a term counted twice widens the total by its own width once more: 23 within [22, 24] reaches 22.6", () => {
    // a = 10 ± 0.5, b = 3, left out or twice: a twice 23 in [12.5 + 9.5, 13.5 + 10.5] = [22, 24] overlaps printed
    // 22.6 = [22.55, 22.65) (rounding). Others: 3, 10 ± 0.5, 16 ± 0.5; 0, 6, 20 ± 1, 26 ± 1: none reaches 22.6.
    expect(fits([around("10", "0.5"), exact("3")], "22.6", true, ["left-out", "twice"])).toEqual(["0:twice=23"]);
  });

  it("a quantity that cannot be negative: a negative total is clamped to 0 and so reaches a printed 0", () => {
    // a = 1.0, b = 1.2, printed 0 = [0, 0.5) (clamped). Singles: a out 1.2, a twice 3.2, a sign 0.2 (rounds to 0),
    // b out 1, b twice 3.4, b sign −0.2 (clamped [0, 0]). Pairs in search order (a's slip, then b's): out/out 0,
    // out/twice 2.4, out/sign −1.2 (clamped), twice/out 2, twice/twice 5.4, twice/sign 0.8 (rounds to 1),
    // sign/out −1 (clamped), sign/twice 1.4, sign/sign −2.2 (clamped).
    expect(fits([exact("1.0"), exact("1.2")], "0", true)).toEqual([
      "0:sign=0.2",
      "1:sign=-0.2",
      "0:left-out+1:left-out=0",
      "0:left-out+1:sign=-1.2",
      "0:sign+1:left-out=-1",
      "0:sign+1:sign=-2.2",
    ]);
  });

  it("the printed interval's ends: 4.5 rounds to 5, 5.5 does not", () => {
    // 0.5 + 4.0 + 3.0 = 7.5, left out only, printed 5 = [4.5, 5.5): 3.0 out gives 4.5 (rounds half up to 5); the rest
    // 7, 3.5, 3, 4, 0.5 (→ 1), 0 do not.
    expect(fits([exact("0.5"), exact("4.0"), exact("3.0")], "5", false, ["left-out"])).toEqual(["2:left-out=4.5"]);
    // 0.5 + 5.0 + 2.0 = 7.5: 2.0 out gives 5.5, the printed interval's open end (rounds to 6): no fit; 0.5 and 2.0 out
    // give 5. The rest: 7, 2.5 (→ 3), 2, 0.5 (→ 1), 0.
    expect(fits([exact("0.5"), exact("5.0"), exact("2.0")], "5", false, ["left-out"])).toEqual([
      "0:left-out+2:left-out=5",
    ]);
    // Negative: printed −5 = (−5.5, −4.5]; −0.5 − 4.0 − 3.0 with −3.0 left out gives −4.5, which rounds half away
    // from zero to −5.
    expect(fits([exact("-0.5"), exact("-4.0"), exact("-3.0")], "-5", false, ["left-out"])).toEqual(["2:left-out=-4.5"]);
  });
});

describe("searchComponents: terms with more decimals than the printed figure", () => {
  it("the integers carry the terms' decimals, not the printed figure's: 4.75 stays 4.75", () => {
    // 0.25 + 4.75 + 2.0, left out only, printed 5 = [4.5, 5.5): 2.0 out gives 5 and 0.25 with 2.0 out gives 4.75
    // (rounds to 5); the rest 6.75, 2.25, 2, 0.25, 0 do not.
    expect(fits([exact("0.25"), exact("4.75"), exact("2.0")], "5", false, ["left-out"])).toEqual([
      "2:left-out=5",
      "0:left-out+2:left-out=4.75",
    ]);
  });
});

describe("searchComponents: the budget", () => {
  it("40 terms, left out or twice: pairs and triples within the budget", () => {
    // Σ_k C(40, k) × 2^k = 40 × 2 + 780 × 4 + 9,880 × 8 = 80 + 3,120 + 79,040 = 82,240 ≤ 200,000: all three
    // sizes searched. (Counted with all three slips it would be 120 + 7,020 + 266,760: over at triples.)
    const terms = Array.from({ length: 40 }, () => exact("1.0"));
    const s = searchComponents(terms, printed("1000"), true, ["left-out", "twice"]);
    expect(s).toMatchObject({ fits: [], searched: 3, terms: 40 });
    const all = searchComponents(terms, printed("1000"), true, ALL);
    expect(all).toMatchObject({ fits: [], searched: 2, terms: 40 });
    expect(40 * 3 + 780 * 9 + 9880 * 27).toBeGreaterThan(COMBINATION_BUDGET);
  });
});

// Also: searchComponents sums its terms as integers at one scale; past Dec.precision (50) significant digits it takes
// the total the Decimal sums give, which round, as the search always did (the last describes, worked by hand).
const point = (text: string) => ({ value: new Dec(text), interval: { lo: new Dec(text), hi: new Dec(text) } });
/** A figure printed with no decimals, built directly (these are written in exponent notation). */
const printedWhole = (text: string): PrintedNumber => ({ value: new Dec(text), scale: 0, text });

describe("searchComponents past the working precision", () => {
  it("finds the left-out term and the three-term slip of a total of 1.2e50 (exact either way)", () => {
    // 4e49 + 3e49 + 5e49 = 12e49; 8e49 is 12e49 − 4e49 (term 0 left out) or 12e49 + 4e49 − 3e49 − 5e49 (term 0
    // twice, terms 1 and 2 left out). No other choice of ±4, ±3, ±5 (each term once at most) makes −4.
    const s = searchComponents([point("4e49"), point("3e49"), point("5e49")], printedWhole("8e49"), true);
    expect(s.searched).toBe(3);
    expect(s.fits.map((f) => f.slips)).toEqual([
      [{ term: 0, slip: "left-out" }],
      [
        { term: 0, slip: "twice" },
        { term: 1, slip: "left-out" },
        { term: 2, slip: "left-out" },
      ],
    ]);
  });

  it("takes the total as Decimal sums round it: 1e50 + 1 has 51 digits and is 1e50", () => {
    // Exactly, leaving out the 1 would give 1e50, the printed figure; the Decimal total is 1e50 already, so leaving
    // out the 1 gives 1e50 − 1 and counting it twice 1e50 + 1, both outside [1e50 − 0.5, 1e50 + 0.5]; leaving out
    // 1e50 gives 0 (or 1), counting it twice 2e50: nothing fits.
    const s = searchComponents([point("1e50"), point("1")], printedWhole("1e50"), true);
    expect(s.fits).toEqual([]);
    // Below 50 digits the same shape is exact: 1e48 + 1 without the 1 is 1e48.
    const t = searchComponents([point("1e48"), point("1")], printedWhole("1e48"), true);
    expect(t.fits.map((f) => f.slips)).toEqual([[{ term: 1, slip: "left-out" }]]);
  });
});

describe("searchComponents over terms given as integers (a region's sites)", () => {
  // 1.25 + 2.5 + 0.75 = 4.5; printed 3.25 is 4.5 − 1.25 (term 0 left out) or 4.5 + 1.25 − 2.5 (term 0 twice,
  // term 1 left out); no choice of three gives −1.25 (±1.25 ± 2.5 ± 0.75 is ±0.5, ±2, ±3 or ±4.5).
  const expected = [
    [{ term: 0, slip: "left-out" }],
    [
      { term: 0, slip: "twice" },
      { term: 1, slip: "left-out" },
    ],
  ];
  /** A term known only as integers: its Decimals throw if read. */
  const scaledOnly = (value: bigint, scale: number): SearchTerm => ({
    get value(): Dec {
      throw new Error("value read");
    },
    get interval(): { lo: Dec; hi: Dec } {
      throw new Error("interval read");
    },
    scaled: { value, lo: value, hi: value, scale },
  });

  it("finds the same fits as from Decimals, without reading the Decimals", () => {
    const fromDecimals = searchComponents([point("1.25"), point("2.5"), point("0.75")], printed2("3.25"), true);
    const fromIntegers = searchComponents(
      [scaledOnly(12500n, 4), scaledOnly(25n, 1), scaledOnly(750n, 3)],
      printed2("3.25"),
      true,
    );
    expect(fromDecimals.fits.map((f) => f.slips)).toEqual(expected);
    expect(fromIntegers.fits.map((f) => f.slips)).toEqual(expected);
    expect(fromIntegers.fits.map((f) => f.value.toFixed())).toEqual(["3.25", "3.25"]);
  });

  it("counts decimals as a Decimal does: trailing zeros are not decimals", () => {
    expect([
      places(12500n, 4),
      places(25n, 1),
      places(750n, 3),
      places(0n, 5),
      places(-1200n, 2),
      places(7n, 0),
    ]).toEqual([2, 1, 2, 0, 0, 0]);
  });
});

function printed2(text: string): PrintedNumber {
  return { value: new Dec(text), scale: 2, text };
}
