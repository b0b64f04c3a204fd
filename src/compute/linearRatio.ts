// The exact interval of a ratio of two sums that share terms — a site's share of a total that contains it,
// recycled ÷ (recycled + municipal). Interval arithmetic that treats numerator and denominator as independent
// widens the result (the numerator's upper end is paired with a denominator's lower end that already holds a
// smaller numerator); here both are linear forms over the same independent quantities, and the bounds are the
// true extremes over every combination the rounded quantities allow.
//
// Why the extremes are found exactly: N(x)/D(x) with D > 0 on a box is linear-fractional, hence quasilinear, so its
// extremes over the box lie at vertices, and for fixed t the vertex maximising N(x) − t·D(x) is read off term by
// term (x_i at its upper end when a_i − t·b_i > 0). Dinkelbach's iteration — t ← N(x)/D(x) at that vertex — raises t
// strictly until max N − t·D = 0, which is the maximum; it visits each vertex at most once and needs few steps.
// All of it in scaled BigInt integers: no rounding until the bounds are written as decimals, outward.
import { Dec } from "../model/decimal.js";
import type { Interval } from "../model/interval.js";

/** c + Σ k_v · x_v over named quantities x_v. */
export interface LinearForm {
  constant: Dec;
  coefficients: ReadonlyMap<string, Dec>;
}

/** The interval each quantity may lie in (independent of each other). */
export type Box = ReadonlyMap<string, Interval>;

export type RatioInterval = { ok: true; interval: Interval } | { ok: false; reason: "divisor-may-be-zero" };

/** Decimals the bounds of a ratio are written with (rounded outward, so the written interval contains the exact one). */
export const RATIO_SCALE = 40;

export const constantForm = (c: Dec): LinearForm => ({ constant: c, coefficients: new Map() });
export const variableForm = (name: string): LinearForm => ({
  constant: new Dec(0),
  coefficients: new Map([[name, new Dec(1)]]),
});

/** a·p + b·q, merging shared quantities (a coefficient that cancels to zero is dropped). */
export function combineForms(p: LinearForm, a: Dec, q: LinearForm, b: Dec): LinearForm {
  const coefficients = new Map<string, Dec>();
  const add = (name: string, k: Dec) => {
    const sum = (coefficients.get(name) ?? new Dec(0)).plus(k);
    if (sum.isZero()) coefficients.delete(name);
    else coefficients.set(name, sum);
  };
  for (const [name, k] of p.coefficients) add(name, k.times(a));
  for (const [name, k] of q.coefficients) add(name, k.times(b));
  return { constant: p.constant.times(a).plus(q.constant.times(b)), coefficients };
}

export const isConstant = (f: LinearForm): boolean => f.coefficients.size === 0;

/** The form's value at given values of its quantities. */
export function linearValue(f: LinearForm, values: ReadonlyMap<string, Dec>): Dec {
  let v = f.constant;
  for (const [name, k] of f.coefficients) v = v.plus(k.times(need(values, name)));
  return v;
}

/** The exact interval of a linear form over independent quantities: each term at the end its sign favours. */
export function linearInterval(f: LinearForm, box: Box): Interval {
  let lo = f.constant;
  let hi = f.constant;
  for (const [name, k] of f.coefficients) {
    const i = need(box, name);
    lo = lo.plus(k.times(k.gte(0) ? i.lo : i.hi));
    hi = hi.plus(k.times(k.gte(0) ? i.hi : i.lo));
  }
  return { lo, hi };
}

/**
 * The exact interval of numerator ÷ denominator when both are linear forms over the quantities of `box`, which
 * they may share. The divisor must keep one sign over the whole box (otherwise the ratio is unbounded: not ok).
 * Bounds are exact rationals written with `scale` decimals, lo rounded down and hi up.
 */
export function ratioInterval(
  numerator: LinearForm,
  denominator: LinearForm,
  box: Box,
  scale = RATIO_SCALE,
): RatioInterval {
  const names = [...new Set([...numerator.coefficients.keys(), ...denominator.coefficients.keys()])];
  const decimals = Math.max(
    numerator.constant.decimalPlaces(),
    denominator.constant.decimalPlaces(),
    ...names.flatMap((n) => {
      const i = need(box, n);
      return [
        i.lo.decimalPlaces(),
        i.hi.decimalPlaces(),
        (numerator.coefficients.get(n) ?? new Dec(0)).decimalPlaces(),
        (denominator.coefficients.get(n) ?? new Dec(0)).decimalPlaces(),
      ];
    }),
  );
  const int = (d: Dec): bigint => BigInt(d.toFixed(decimals).replace(".", ""));
  const one = 10n ** BigInt(decimals);
  let p: Scaled = {
    constant: int(numerator.constant) * one,
    k: names.map((n) => int(numerator.coefficients.get(n) ?? new Dec(0))),
  };
  let q: Scaled = {
    constant: int(denominator.constant) * one,
    k: names.map((n) => int(denominator.coefficients.get(n) ?? new Dec(0))),
  };
  const lo = names.map((n) => int(need(box, n).lo));
  const hi = names.map((n) => int(need(box, n).hi));
  if (lo.some((l, i) => l > hi[i]!)) throw new RangeError("ratioInterval: an interval with lo > hi");
  // A divisor below zero everywhere: the same ratio with both signs flipped.
  const qMin = extreme(q, lo, hi, -1n);
  const qMax = extreme(q, lo, hi, 1n);
  if (qMin <= 0n && qMax >= 0n) return { ok: false, reason: "divisor-may-be-zero" };
  if (qMax < 0n) [p, q] = [negate(p), negate(q)];
  const max = maximise(p, q, lo, hi);
  const min = maximise(negate(p), q, lo, hi);
  return { ok: true, interval: { lo: divide(-min.n, min.d, scale, "floor"), hi: divide(max.n, max.d, scale, "ceil") } };
}

/** A form as integers at one scale: constant (scale 2s) + Σ k_i·x_i (k_i and x_i at scale s each). */
interface Scaled {
  constant: bigint;
  k: bigint[];
}

const negate = (f: Scaled): Scaled => ({ constant: -f.constant, k: f.k.map((k) => -k) });

const evaluate = (f: Scaled, x: readonly bigint[]): bigint => f.k.reduce((s, k, i) => s + k * x[i]!, f.constant);

/** The form's largest (dir 1) or smallest (dir −1) value over the box. */
function extreme(f: Scaled, lo: readonly bigint[], hi: readonly bigint[], dir: 1n | -1n): bigint {
  return evaluate(
    f,
    f.k.map((k, i) => (k * dir > 0n ? hi[i]! : lo[i]!)),
  );
}

/** max of p(x) ÷ q(x) over the box, q > 0 throughout, as the fraction n ÷ d (d > 0). Dinkelbach's iteration. */
function maximise(p: Scaled, q: Scaled, lo: readonly bigint[], hi: readonly bigint[]): { n: bigint; d: bigint } {
  let x = lo.slice();
  let n = evaluate(p, x);
  let d = evaluate(q, x);
  for (;;) {
    // The vertex maximising p − (n/d)·q: the sign of p_i − (n/d)·q_i is the sign of p_i·d − q_i·n (d > 0);
    // on a tie keep the current end, so that an unchanged vertex ends the loop.
    const next = x.map((xi, i) => {
      const c = p.k[i]! * d - q.k[i]! * n;
      return c > 0n ? hi[i]! : c < 0n ? lo[i]! : xi;
    });
    const n2 = evaluate(p, next);
    const d2 = evaluate(q, next);
    // n2/d2 > n/d ⇔ n2·d − n·d2 > 0: a strictly better vertex, or the maximum has been reached.
    if (n2 * d - n * d2 <= 0n) return { n, d };
    [x, n, d] = [next, n2, d2];
  }
}

/** n ÷ d (d > 0) with `scale` decimals, rounded toward −∞ (floor) or +∞ (ceil). */
function divide(n: bigint, d: bigint, scale: number, mode: "floor" | "ceil"): Dec {
  const m = n * 10n ** BigInt(scale);
  let q = m / d; // truncates toward zero
  const r = m % d;
  if (r !== 0n && mode === "floor" && m < 0n) q -= 1n;
  if (r !== 0n && mode === "ceil" && m > 0n) q += 1n;
  // Written out digit by digit: the constructor keeps every digit, where a division would round to 50.
  const digits = (q < 0n ? -q : q).toString().padStart(scale + 1, "0");
  return new Dec(
    `${q < 0n ? "-" : ""}${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale) || "0"}`,
  );
}

function need<T>(m: ReadonlyMap<string, T>, name: string): T {
  const v = m.get(name);
  if (v === undefined) throw new RangeError(`no interval for ${name}`);
  return v;
}
