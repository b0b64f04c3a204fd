// Known causes of a difference, as a list of small checks. Each looks at one finding and returns a cause or
// nothing; adding a check means adding a function to CAUSE_CHECKS. When none fits a mismatch we say so plainly.
import { divideIntervals } from "../model/interval.js";
import { printInterval, printNumber } from "../model/printedNumber.js";
import { naturalScale } from "../compute/recompute.js";
import type { Dataset } from "../model/types.js";
import type { Cause, Finding } from "../findings/finding.js";
import { compareNumber } from "./compare.js";

export interface CauseContext {
  dataset: Dataset;
  nonNegative: boolean;
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
    if (d.id === used.id || d.unit !== used.unit) continue;
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

const unexplainedCause: CauseCheck = (f) => {
  if (f.status !== "mismatch" || !f.recomputed || !f.publishedNumber) return null;
  const ratio = f.recomputed.value.isZero() ? null : f.publishedNumber.value.div(f.recomputed.value);
  return {
    code: "unexplained",
    message: `no known cause: the gap is larger than rounding allows${f.kind === "intensity" ? " and no declared denominator reproduces the figure" : ""}${ratio ? `; published ÷ recomputed = ${printNumber(ratio, 4)}` : ""}`,
  };
};

const CAUSE_CHECKS: CauseCheck[] = [roundingCause, denominatorCause];

export function explainCauses(f: Finding, ctx: CauseContext): Finding["causes"] {
  const causes = CAUSE_CHECKS.map((check) => check(f, ctx)).filter((c): c is Cause => c !== null);
  if (causes.length === 0) {
    const none = unexplainedCause(f, ctx);
    if (none) causes.push(none);
  }
  return causes;
}

