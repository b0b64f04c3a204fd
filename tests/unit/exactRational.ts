// Exact rationals over BigInt: the independent arithmetic that unit tests check the tool's Decimal intervals with
// (shared by recipes.test.ts and implied.test.ts). Not a test file itself.
import { Dec } from "../../src/model/decimal.js";
import type { Interval } from "../../src/model/interval.js";

export type Q = { n: bigint; d: bigint };
/** A decimal text, e.g. "-0.05", as an exact rational. */
export const q = (text: string): Q => {
  const neg = text.startsWith("-");
  const [i = "", f = ""] = text.replace("-", "").split(".");
  return { n: (neg ? -1n : 1n) * BigInt(i + f), d: 10n ** BigInt(f.length) };
};
export const mul = (...xs: Q[]): Q => xs.reduce((a, b) => ({ n: a.n * b.n, d: a.d * b.d }));
export const add = (...xs: Q[]): Q => xs.reduce((a, b) => ({ n: a.n * b.d + b.n * a.d, d: a.d * b.d }));
export const sub = (a: Q, b: Q): Q => ({ n: a.n * b.d - b.n * a.d, d: a.d * b.d });
export const div = (a: Q, b: Q): Q => ({ n: a.n * b.d, d: a.d * b.n });
/** Half-up to `places` decimals, for a non-negative rational. */
export function fixed(x: Q, places: number): string {
  if (x.n < 0n || x.d <= 0n) throw new Error("fixed() takes non-negative rationals");
  const r = (x.n * 10n ** BigInt(places) * 2n + x.d) / (2n * x.d);
  const s = r.toString().padStart(places + 1, "0");
  return `${s.slice(0, -places)}.${s.slice(-places)}`;
}
/** The decimals both sides are compared at. */
export const P = 20;
export const show = (d: Dec) => d.toDecimalPlaces(P, Dec.ROUND_HALF_UP).toFixed(P);
export const showInterval = (i: Interval) => [show(i.lo), show(i.hi)];
