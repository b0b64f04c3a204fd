// Which small slips in the terms of a sum or identity reproduce a published figure? A term left out, counted
// twice, or entered with the wrong sign (removals added instead of subtracted), for up to three terms at once,
// each term weighed by its coefficient (21 × CH4, not CH4). The caller names a combination only when it is the
// only one that fits; every fit is returned, so that "several fit" can be said.
//
// The work is bounded: single terms are always tried; pairs and triples only while the number of combinations
// stays within COMBINATION_BUDGET (a region with thousands of sites is searched for single slips only, and the
// result says so). The inner loop runs on scaled BigInt integers; only near-fits are rechecked with Decimal.
import { Dec } from "../model/decimal.js";
import { clampAtZero, type Interval } from "../model/interval.js";
import type { PrintedNumber } from "../model/printedNumber.js";
import { compareNumber, publishedIntervalOf } from "./compare.js";

/** How a term may have been mis-entered, as the change it makes to the term's multiplier (1 when right). */
export const SLIPS = { "left-out": -1, twice: 1, sign: -2 } as const;
export type ComponentSlip = keyof typeof SLIPS;

/** A term as it enters the total: coefficient × input, with its interval. */
export interface SearchTerm {
  value: Dec;
  interval: Interval;
  /** The same as integers at one scale, when the term has them (then `value` and `interval` are not read). */
  readonly scaled?: { value: bigint; lo: bigint; hi: bigint; scale: number } | undefined;
}

export interface ComponentFit {
  slips: { term: number; slip: ComponentSlip }[];
  /** What the total would be with these slips. */
  value: Dec;
}

export interface ComponentSearch {
  fits: ComponentFit[];
  /** Combinations of up to this many terms were all tried (at least 1; less than MAX_SLIPPED_TERMS when the budget ran out). */
  searched: number;
  /** Terms that could slip (those whose value is not zero). */
  terms: number;
}

export const MAX_SLIPPED_TERMS = 3;
export const COMBINATION_BUDGET = 200_000;

/** The number of combinations of k of n terms, each with one of the slips. */
export function combinations(n: number, k: number): number {
  let c = 1;
  for (let i = 0; i < k; i++) c = (c * (n - i)) / (i + 1);
  return c * Object.keys(SLIPS).length ** k;
}

/** The decimals of n × 10^-scale as Dec's decimalPlaces() counts them: trailing zeros are not decimals. */
export function places(n: bigint, scale: number): number {
  if (n === 0n) return 0;
  let p = scale;
  while (p > 0 && n % 10n === 0n) {
    n /= 10n;
    p--;
  }
  return p;
}

export function searchComponents(
  terms: readonly SearchTerm[],
  published: PrintedNumber,
  nonNegative: boolean,
  slips: readonly ComponentSlip[] = Object.keys(SLIPS) as ComponentSlip[],
): ComponentSearch {
  // A term whose value is zero changes nothing when it slips: leaving it out cannot be told from keeping it.
  const target = publishedIntervalOf(published, nonNegative);
  // The scale: the most decimals of the published interval and of any term (as Dec's decimalPlaces counts them).
  let scale = Math.max(target.lo.decimalPlaces(), target.hi.decimalPlaces());
  for (const t of terms) {
    const x = t.scaled;
    scale = x
      ? Math.max(scale, places(x.value, x.scale), places(x.lo, x.scale), places(x.hi, x.scale))
      : Math.max(scale, t.value.decimalPlaces(), t.interval.lo.decimalPlaces(), t.interval.hi.decimalPlaces());
  }
  const int = (d: Dec) => BigInt(d.toFixed(scale).replace(".", ""));
  const dec = (b: bigint) => new Dec(`${b}e-${scale}`); // exact: no division
  // Every term as integers at that scale (exact: no term has more decimals), and the total's value and bounds.
  const ints = terms.map((t) => {
    const x = t.scaled;
    if (!x) return { value: int(t.value), lo: int(t.interval.lo), hi: int(t.interval.hi) };
    const at = (n: bigint) =>
      scale >= x.scale ? n * 10n ** BigInt(scale - x.scale) : n / 10n ** BigInt(x.scale - scale);
    return { value: at(x.value), lo: at(x.lo), hi: at(x.hi) };
  });
  const base = { value: 0n, lo: 0n, hi: 0n };
  let magnitude = 0n;
  for (const x of ints) {
    base.value += x.value;
    base.lo += x.lo;
    base.hi += x.hi;
    magnitude += (x.value < 0n ? -x.value : x.value) + (x.lo < 0n ? -x.lo : x.lo) + (x.hi < 0n ? -x.hi : x.hi);
  }
  // The total as Decimal sums gives it, which round a sum past Dec.precision significant digits: the same integers
  // while every partial sum has fewer digits (each is at most the sum of the magnitudes), else those sums.
  if (magnitude >= 10n ** BigInt(Dec.precision)) {
    base.value = int(terms.reduce((s, t) => s.plus(t.value), new Dec(0)));
    base.lo = int(terms.reduce((s, t) => s.plus(t.interval.lo), new Dec(0)));
    base.hi = int(terms.reduce((s, t) => s.plus(t.interval.hi), new Dec(0)));
  }
  const [pLo, pHi] = [int(target.lo), int(target.hi)];
  // Each (term, slip) as the change it makes to the total's value and bounds. The term's interval is taken out of
  // the total's and put back m times (m = 1 + δ: 0, 2 or −1; ends swap for m < 0), so that a term counted twice
  // widens the total by its own width once more, and a term left out takes its width with it.
  const live = terms.flatMap((t, i) => ((t.scaled ? t.scaled.value === 0n : t.value.isZero()) ? [] : [i]));
  const moves = live.map((i) =>
    slips.map((slip) => {
      const m = BigInt(1 + SLIPS[slip]);
      const { value, lo, hi } = ints[i]!;
      return {
        term: i,
        slip,
        value: value * (m - 1n),
        lo: (m < 0n ? hi : lo) * m - lo,
        hi: (m < 0n ? lo : hi) * m - hi,
      };
    }),
  );
  const fits: ComponentFit[] = [];
  let searched = 0;
  const chosen: (typeof moves)[number][number][] = [];
  const visit = (from: number, left: number, sum: { value: bigint; lo: bigint; hi: bigint }) => {
    if (left === 0) {
      let [lo, hi] = [sum.lo, sum.hi];
      if (nonNegative) [lo, hi] = [lo < 0n ? 0n : lo, hi < 0n ? 0n : hi];
      // Closed overlap is necessary for both "match" and "rounding"; the exact rule decides.
      if (lo > pHi || hi < pLo) return;
      const interval = nonNegative
        ? clampAtZero({ lo: dec(sum.lo), hi: dec(sum.hi) })
        : { lo: dec(sum.lo), hi: dec(sum.hi) };
      if (compareNumber(dec(sum.value), interval, published, nonNegative) !== "mismatch") {
        fits.push({ slips: chosen.map((m) => ({ term: m.term, slip: m.slip })), value: dec(sum.value) });
      }
      return;
    }
    for (let j = from; j < moves.length; j++) {
      for (const m of moves[j]!) {
        chosen.push(m);
        visit(j + 1, left - 1, { value: sum.value + m.value, lo: sum.lo + m.lo, hi: sum.hi + m.hi });
        chosen.pop();
      }
    }
  };
  let spent = 0;
  for (let k = 1; k <= Math.min(MAX_SLIPPED_TERMS, live.length); k++) {
    spent += combinations(live.length, k) * (slips.length / Object.keys(SLIPS).length) ** k;
    if (k > 1 && spent > COMBINATION_BUDGET) break;
    visit(0, k, base);
    searched = k;
  }
  return { fits, searched: Math.max(searched, 1), terms: live.length };
}
