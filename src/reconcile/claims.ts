// Evaluating claims with interval arithmetic over the recomputed table: a claim is supported when every value
// the rounded inputs allow satisfies it, contradicted when none does, and undecidable otherwise.
import { lookup, type RecomputedTable } from "../compute/recompute.js";
import { Dec } from "../model/decimal.js";
import type { ClaimEntry, Comparator, Expr } from "../model/claims.js";
import { pointInterval, type Interval } from "../model/interval.js";

export type { ClaimEntry };

export type ClaimVerdict = "supported" | "contradicted" | "undecidable";

export interface ClaimResult {
  entry: ClaimEntry;
  verdict: ClaimVerdict;
  /** left − right, as a value and an interval (null when a term has no data). */
  left: { value: Dec; interval: Interval } | null;
  right: { value: Dec; interval: Interval } | null;
  reason: string;
}

type Val = { value: Dec; interval: Interval };

function evaluate(e: Expr, table: RecomputedTable, root: string): Val | string {
  switch (e.kind) {
    case "number": {
      const v = new Dec(e.text).div(e.percent ? 100 : 1);
      return { value: v, interval: pointInterval(v) }; // a threshold in the claim is exact
    }
    case "ref": {
      const r = lookup(table, e.column ?? root, e.metric);
      return r ? { value: r.value, interval: r.interval } : `no data for ${e.metric}@${e.column ?? root}`;
    }
    case "neg": {
      const a = evaluate(e.operand, table, root);
      return typeof a === "string" ? a : { value: a.value.neg(), interval: { lo: a.interval.hi.neg(), hi: a.interval.lo.neg() } };
    }
    case "binary": {
      const a = evaluate(e.left, table, root);
      const b = evaluate(e.right, table, root);
      if (typeof a === "string") return a;
      if (typeof b === "string") return b;
      const [x, y] = [a.interval, b.interval];
      switch (e.op) {
        case "+": return { value: a.value.plus(b.value), interval: { lo: x.lo.plus(y.lo), hi: x.hi.plus(y.hi) } };
        case "-": return { value: a.value.minus(b.value), interval: { lo: x.lo.minus(y.hi), hi: x.hi.minus(y.lo) } };
        case "*": {
          const c = [x.lo.times(y.lo), x.lo.times(y.hi), x.hi.times(y.lo), x.hi.times(y.hi)];
          return { value: a.value.times(b.value), interval: { lo: Dec.min(...c), hi: Dec.max(...c) } };
        }
        case "/": {
          if (y.lo.lte(0) && y.hi.gte(0)) return "a divisor that may be zero";
          const c = [x.lo.div(y.lo), x.lo.div(y.hi), x.hi.div(y.lo), x.hi.div(y.hi)];
          return { value: a.value.div(b.value), interval: { lo: Dec.min(...c), hi: Dec.max(...c) } };
        }
      }
    }
  }
}

/** Does every / no value of a satisfy `a op b`? */
function decide(a: Interval, op: Comparator, b: Interval): ClaimVerdict {
  const always = { ">": a.lo.gt(b.hi), ">=": a.lo.gte(b.hi), "<": a.hi.lt(b.lo), "<=": a.hi.lte(b.lo), "=": a.lo.eq(a.hi) && b.lo.eq(b.hi) && a.lo.eq(b.lo) }[op];
  const never = { ">": a.hi.lte(b.lo), ">=": a.hi.lt(b.lo), "<": a.lo.gte(b.hi), "<=": a.lo.gt(b.hi), "=": a.hi.lt(b.lo) || b.hi.lt(a.lo) }[op];
  return always ? "supported" : never ? "contradicted" : "undecidable";
}

export function evaluateClaims(entries: readonly ClaimEntry[], table: RecomputedTable, root: string): ClaimResult[] {
  return entries.map((entry) => {
    const left = evaluate(entry.claim.left, table, root);
    const right = evaluate(entry.claim.right, table, root);
    if (typeof left === "string" || typeof right === "string") {
      return { entry, verdict: "undecidable", left: typeof left === "string" ? null : left, right: typeof right === "string" ? null : right, reason: typeof left === "string" ? left : (right as string) };
    }
    const verdict = decide(left.interval, entry.claim.op, right.interval);
    return {
      entry, verdict, left, right,
      reason: verdict === "undecidable" ? "the interval the rounded figures allow straddles the threshold" : verdict === "supported" ? "every value the rounded figures allow satisfies it" : "no value the rounded figures allow satisfies it",
    };
  });
}
