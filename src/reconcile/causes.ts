// Known causes of a difference, as a list of small checks. Each looks at one finding and returns a cause or
// nothing; adding a check means adding a function to CAUSE_CHECKS. When none fits a mismatch we say so plainly.
import { Dec } from "../model/decimal.js";
import { divideIntervals, intervalsOverlap, printedInterval } from "../model/interval.js";
import { printInterval, printNumber, type PrintedNumber } from "../model/printedNumber.js";
import { change, naturalScale, type Recomputed } from "../compute/recompute.js";
import { columnFor, printedAt } from "../model/columns.js";
import type { Column, Dataset } from "../model/types.js";
import type { Cause, Finding } from "../findings/finding.js";
import { compareNumber } from "./compare.js";
import { formulaCause } from "./formulaCause.js";

export interface CauseContext {
  dataset: Dataset;
  nonNegative: boolean;
  /** The published column of the finding (absent for recalculation findings). */
  column?: Column;
}

type CauseCheck = (f: Finding, ctx: CauseContext) => Cause | null;

const roundingCause: CauseCheck = (f) => {
  if (f.status !== "rounding" || !f.recomputed || !f.publishedInterval) return null;
  const s = f.displayScale + (f.kind === "intensity" ? 4 : 2);
  return {
    code: "rounding",
    message: `the printed inputs allow ${printInterval(f.recomputed.interval, s)} and the published ${f.published.normalize("NFKC").trim()} stands for ${printInterval(f.publishedInterval, s)}: the two overlap, so rounding of the inputs explains the gap`,
  };
};

/** An intensity that follows from another declared denominator (e.g. the report's own rounded revenue). */
const denominatorCause: CauseCheck = (f, ctx) => {
  if (f.kind !== "intensity" || !f.recomputed || !f.publishedNumber || f.status === "match") return null;
  const used = f.recomputed.denominator;
  const numerator = f.recomputed.inputs[0];
  if (!used || !numerator) return null;
  for (const d of ctx.dataset.denominators) {
    if (d.id === used.id || d.unit !== used.unit || d.period !== used.period) continue;
    const value = numerator.value.div(d.value);
    const status = compareNumber(value, divideIntervals(numerator.interval, d.interval), f.publishedNumber, ctx.nonNegative);
    if (status === "match") {
      return {
        code: "denominator",
        message: `follows from denominator ${d.id} (${d.printed}) instead: ${printNumber(numerator.value, naturalScale(numerator))} ÷ ${printNumber(d.value, d.scale)} = ${printNumber(value, f.displayScale + 4)}, which rounds to the published ${f.published.normalize("NFKC").trim()}`,
      };
    }
  }
  return null;
};

/** published ÷ recomputed is a known unit or scale factor (1000, 3.6, 萬 …) or its reciprocal. */
const scaleSlipCause: CauseCheck = (f, ctx) => {
  if (f.status !== "mismatch" || !f.recomputed || !f.publishedInterval || !f.recomputed.interval.lo.gt(0) || !f.publishedInterval.lo.gt(0)) return null;
  // Ratios the rounded figures allow: [pub.lo ÷ rec.hi, pub.hi ÷ rec.lo].
  const ratio = divideIntervals(f.publishedInterval, f.recomputed.interval);
  for (const s of ctx.dataset.catalogue.slips) {
    for (const [k, dir] of [[s.factor, "×"], [new Dec(1).div(s.factor), "÷"]] as const) {
      if (ratio.lo.lte(k) && k.lte(ratio.hi)) {
        return { code: "scale-slip", message: `the published figure is the recomputed one ${dir} ${s.factor.toFixed()}: ${s.meaning}` };
      }
    }
  }
  return null;
};

/** The published figure is the recomputed one with its sign flipped. */
const signSlipCause: CauseCheck = (f) => {
  if (f.status !== "mismatch" || !f.recomputedInterval || !f.publishedInterval) return null;
  const flipped = { lo: f.recomputedInterval.hi.neg(), hi: f.recomputedInterval.lo.neg() };
  if (f.recomputedInterval.hi.isZero() || !intervalsOverlap(flipped, f.publishedInterval)) return null;
  return { code: "sign-slip", message: "the published figure is the recomputed one with the opposite sign" };
};

/** A sum or identity that leaves out (or counts twice) exactly one of its components. */
const oneComponentCause: CauseCheck = (f) => {
  if (f.status !== "mismatch" || !f.recomputed || !f.publishedInterval || (f.kind !== "sum" && f.kind !== "identity")) return null;
  for (const part of f.recomputed.inputs) {
    for (const [sign, what] of [[-1, "leaves out"], [1, "counts twice"]] as const) {
      const lo = sign < 0 ? f.recomputed.interval.lo.minus(part.interval.hi) : f.recomputed.interval.lo.plus(part.interval.lo);
      const hi = sign < 0 ? f.recomputed.interval.hi.minus(part.interval.lo) : f.recomputed.interval.hi.plus(part.interval.hi);
      if (lo.lte(f.publishedInterval.hi) && f.publishedInterval.lo.lte(hi)) {
        return { code: "one-component", message: `the published figure ${what} one component: ${part.metric} of ${part.node} (${printNumber(part.value, naturalScale(part))})` };
      }
    }
  }
  return null;
};

/** Two adjacent digits swapped: the digits are the same, and the difference is a multiple of 9 in the last place. */
const transpositionCause: CauseCheck = (f) => {
  if (f.status !== "mismatch" || !f.recomputedRounded || !f.publishedNumber) return null;
  const a = f.recomputedRounded.abs().toFixed(f.displayScale).replace(".", "");
  const b = f.publishedNumber.value.abs().toFixed(f.displayScale).replace(".", "");
  if (a.length !== b.length) return null;
  const diff = [...a].map((c, i) => (c === b[i] ? -1 : i)).filter((i) => i >= 0);
  if (diff.length !== 2 || diff[1] !== diff[0]! + 1 || a[diff[0]!] !== b[diff[1]!] || a[diff[1]!] !== b[diff[0]!]) return null;
  return { code: "transposition", message: `two adjacent digits are swapped (${printNumber(f.recomputedRounded, f.displayScale)} printed as ${f.published.normalize("NFKC").trim()}): the difference is a multiple of 9 in the last places` };
};

/**
 * The same node and period printed by two reports (a prior-year column and the figure as first published):
 * when they differ, say so on each, and which of the two the data supports.
 */
const restatementCause: CauseCheck = (f, ctx) => {
  const col = ctx.column;
  if (!col || col.change || f.status === "match" || !f.publishedNumber) return null;
  const twins = ctx.dataset.columns.filter((c) => c.id !== col.id && !c.change && c.node === col.node && c.period === col.period);
  for (const twin of twins) {
    const other = printedAt(ctx.dataset, f.metric, twin.id);
    if (!other || other.value.eq(f.publishedNumber.value)) continue;
    const fits = f.recomputed ? compareNumber(f.recomputed.value, f.recomputed.interval, other, ctx.nonNegative) : null;
    const verdict = fits === "match" ? "which the data supports" : fits === "rounding" ? "which the data supports within rounding" : fits ? "which the data does not support either" : "";
    const source = (c: Column) => c.report ?? "this report";
    return {
      code: "restated",
      message: `the same ${col.period} figure is printed as ${other.text.trim()} in column "${twin.printed}" (${source(twin)}) and as ${f.published.normalize("NFKC").trim()} here (${source(col)})${verdict ? `, ${verdict}` : ""}: a restatement`,
    };
  }
  return null;
};

/** A change column: does the printed percentage follow from the printed figures it compares? */
const changeCause: CauseCheck = (f, ctx) => {
  const col = ctx.column;
  if (!col?.change || f.status !== "mismatch" || !f.publishedNumber) return null;
  const printed = (period: string) => printedAt(ctx.dataset, f.metric, columnFor(ctx.dataset, col.node, period)?.id);
  const later = printed(col.change.to);
  const earlier = printed(col.change.from);
  if (!later || !earlier) return null;
  // The same change the data's figures get (compute/recompute.ts), here from the printed ones.
  const asInput = (n: PrintedNumber, period: string): Recomputed => ({ metric: f.metric, node: col.node, period, kind: "input", value: n.value, interval: printedInterval(n.value, n.scale), inputs: [] });
  const c = change(asInput(later, col.change.to), asInput(earlier, col.change.from));
  if (!c) return null;
  const value = c.value;
  const status = compareNumber(value, c.interval, f.publishedNumber, false);
  const formula = `(${later.text.trim()} − ${earlier.text.trim()}) ÷ ${earlier.text.trim()} = ${printNumber(value, f.displayScale + 1)}%`;
  return status === "mismatch"
    ? { code: "change-arithmetic", message: `the printed change does not follow from the printed figures either: ${formula}` }
    : { code: "change-from-published", message: `the printed change follows from the printed figures, ${formula}: the figures it compares disagree with the data (see their cells)` };
};

const unexplainedCause: CauseCheck = (f) => {
  if (f.status !== "mismatch" || !f.recomputed || !f.publishedNumber) return null;
  const ratio = f.recomputed.value.isZero() ? null : f.publishedNumber.value.div(f.recomputed.value);
  return {
    code: "unexplained",
    message: `no known cause: the gap is larger than rounding allows${f.kind === "intensity" ? ", no declared denominator reproduces the figure" : ""}, and it is no known unit, scale or sign slip, missing component or digit swap${ratio ? `; published ÷ recomputed = ${printNumber(ratio, 4)}` : ""}`,
  };
};

const CAUSE_CHECKS: CauseCheck[] = [roundingCause, denominatorCause, scaleSlipCause, signSlipCause, oneComponentCause, transpositionCause, restatementCause, changeCause, formulaCause];

/**
 * For a material recalculation: is published ÷ recalculated a known unit or scale slip, within materiality?
 * (A GJ figure printed as MWh is 3.6 × the right one.)
 */
export function recalculationSlip(f: Finding, ctx: CauseContext, materiality: Dec): Cause | null {
  if (f.status !== "material" || !f.recomputedInterval || !f.publishedInterval || !f.recomputedInterval.lo.gt(0) || !f.publishedInterval.lo.gt(0)) return null;
  const r = divideIntervals(f.publishedInterval, f.recomputedInterval);
  const ratio = { lo: r.lo.times(new Dec(1).minus(materiality)), hi: r.hi.times(new Dec(1).plus(materiality)) };
  for (const s of ctx.dataset.catalogue.slips) {
    for (const [k, dir] of [[s.factor, "×"], [new Dec(1).div(s.factor), "÷"]] as const) {
      if (ratio.lo.lte(k) && k.lte(ratio.hi)) return { code: "scale-slip", message: `the published figure is about the recalculated one ${dir} ${s.factor.toFixed()}: ${s.meaning}` };
    }
  }
  return null;
}

export function explainCauses(f: Finding, ctx: CauseContext): Finding["causes"] {
  const causes = CAUSE_CHECKS.map((check) => check(f, ctx)).filter((c): c is Cause => c !== null);
  if (causes.length === 0) {
    const none = unexplainedCause(f, ctx);
    if (none) causes.push(none);
  }
  return causes;
}

