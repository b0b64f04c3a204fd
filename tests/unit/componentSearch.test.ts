// searchComponents sums its terms as integers at one scale; past Dec.precision (50) significant digits it takes the
// total the Decimal sums give, which round, as the search always did. Worked by hand below.
import { describe, expect, it } from "vitest";
import { Dec } from "../../src/model/decimal.js";
import type { PrintedNumber } from "../../src/model/printedNumber.js";
import { places, searchComponents, type SearchTerm } from "../../src/reconcile/componentSearch.js";

const point = (text: string) => ({ value: new Dec(text), interval: { lo: new Dec(text), hi: new Dec(text) } });
const printed = (text: string): PrintedNumber => ({ value: new Dec(text), scale: 0, text });

describe("searchComponents past the working precision", () => {
  it("finds the left-out term and the three-term slip of a total of 1.2e50 (exact either way)", () => {
    // 4e49 + 3e49 + 5e49 = 12e49; 8e49 is 12e49 − 4e49 (term 0 left out) or 12e49 + 4e49 − 3e49 − 5e49 (term 0
    // twice, terms 1 and 2 left out). No other choice of ±4, ±3, ±5 (each term once at most) makes −4.
    const s = searchComponents([point("4e49"), point("3e49"), point("5e49")], printed("8e49"), true);
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
    const s = searchComponents([point("1e50"), point("1")], printed("1e50"), true);
    expect(s.fits).toEqual([]);
    // Below 50 digits the same shape is exact: 1e48 + 1 without the 1 is 1e48.
    const t = searchComponents([point("1e48"), point("1")], printed("1e48"), true);
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
