// Evaluating claims with interval arithmetic over the recomputed table: a claim is supported when every value
// the rounded inputs allow satisfies it, contradicted when none does, and undecidable otherwise.
//
// "Every value the rounded inputs allow" is taken exactly, also when a claim names a figure twice or a part and a
// total that contains it (a site's share of the group's energy): each side is a linear form over independent
// quantities — the cells a claim names, broken down (claimForms) only as far as they share inputs — and a ratio of
// two such forms gets its exact interval from compute/linearRatio.ts. Products of two non-constant sides, and
// intensities, are taken as quantities of their own, which can only widen an interval (never a false verdict).
import { lookup, type Recomputed, type RecomputedTable } from "../compute/recompute.js";
import {
  combineForms,
  constantForm,
  isConstant,
  linearInterval,
  linearValue,
  ratioInterval,
  variableForm,
  type LinearForm,
} from "../compute/linearRatio.js";
import { cellName, claimForms, type Quantities } from "../compute/forms.js";
import { Dec } from "../model/decimal.js";
import { refsOf, type ClaimEntry, type Comparator, type Expr } from "../model/claims.js";
import type { Interval } from "../model/interval.js";
import type { ReportingTree } from "../model/types.js";
import type { ClaimResult, ClaimVerdict } from "../findings/results.js";
import { message, type Message } from "../findings/message.js";

/** A side that could not be evaluated: why, as a message (a linear form has no key). */
const failed = (x: LinearForm | Message): x is Message => "key" in x;

export type { ClaimEntry };
export { claimForms };

/** The cell a reference names: its node (the root when none) in its period (the report's own when none). */
type Resolve = (ref: Extract<Expr, { kind: "ref" }>) => { cell: Recomputed | undefined; name: string };

function evaluate(e: Expr, resolve: Resolve, q: Quantities): LinearForm | Message {
  const fresh = (value: Dec, interval: Interval): LinearForm => {
    const name = `(${q.values.size + 1})`;
    q.values.set(name, value);
    q.box.set(name, interval);
    return variableForm(name);
  };
  switch (e.kind) {
    case "number":
      return constantForm(new Dec(e.text).div(e.percent ? 100 : 1)); // a threshold in the claim is exact
    case "ref": {
      const { cell, name } = resolve(e);
      return cell ? q.cells.get(cellName(cell))! : message("phrase.claim.no-data", { ref: name });
    }
    case "neg": {
      const a = evaluate(e.operand, resolve, q);
      return failed(a) ? a : combineForms(a, new Dec(-1), a, new Dec(0));
    }
    case "binary": {
      const a = evaluate(e.left, resolve, q);
      const b = evaluate(e.right, resolve, q);
      if (failed(a)) return a;
      if (failed(b)) return b;
      switch (e.op) {
        case "+":
          return combineForms(a, new Dec(1), b, new Dec(1));
        case "-":
          return combineForms(a, new Dec(1), b, new Dec(-1));
        case "*": {
          if (isConstant(a)) return combineForms(b, a.constant, b, new Dec(0));
          if (isConstant(b)) return combineForms(a, b.constant, a, new Dec(0));
          const [x, y] = [linearInterval(a, q.box), linearInterval(b, q.box)];
          const c = [x.lo.times(y.lo), x.lo.times(y.hi), x.hi.times(y.lo), x.hi.times(y.hi)];
          return fresh(linearValue(a, q.values).times(linearValue(b, q.values)), {
            lo: Dec.min(...c),
            hi: Dec.max(...c),
          });
        }
        case "/": {
          const r = ratioInterval(a, b, q.box);
          if (!r.ok) return message("phrase.claim.divisor-zero");
          return fresh(linearValue(a, q.values).div(linearValue(b, q.values)), r.interval);
        }
      }
    }
  }
}

/**
 * `left ≈ figure`: does every / no value of left round (half-up, at the figure's printed decimals) to the figure?
 * Half-up rounds x to p when x lies in [p − h, p + h) for p ≥ 0 and in (p − h, p + h] for p < 0 (away from zero),
 * h being half a unit of the figure's last decimal (of a percentage: 97.92% is 0.9792 ± 0.00005).
 */
function decideRounds(x: Interval, printed: Expr): ClaimVerdict {
  const number = printed.kind === "neg" ? printed.operand : printed;
  if (number.kind !== "number") return "undecidable"; // the parser allows only a figure here
  const decimals = (number.text.split(".")[1] ?? "").length + (number.percent ? 2 : 0);
  const p = new Dec(number.text).div(number.percent ? 100 : 1).times(printed.kind === "neg" ? -1 : 1);
  const h = new Dec(10).pow(-decimals).div(2);
  const [lo, hi] = [p.minus(h), p.plus(h)];
  const negative = p.lt(0);
  const rounds = (v: Dec) => (negative ? v.gt(lo) && v.lte(hi) : v.gte(lo) && v.lt(hi));
  // The values that round to p form an interval: both ends inside, all inside.
  if (rounds(x.lo) && rounds(x.hi)) return "supported";
  const below = negative ? x.hi.lte(lo) : x.hi.lt(lo);
  const above = negative ? x.lo.gt(hi) : x.lo.gte(hi);
  return below || above ? "contradicted" : "undecidable";
}

/** Does every / no value of left − right satisfy `· op 0`? */
function decide(d: Interval, op: Exclude<Comparator, "≈">): ClaimVerdict {
  const always = {
    ">": d.lo.gt(0),
    ">=": d.lo.gte(0),
    "<": d.hi.lt(0),
    "<=": d.hi.lte(0),
    "=": d.lo.isZero() && d.hi.isZero(),
  }[op];
  const never = {
    ">": d.hi.lte(0),
    ">=": d.hi.lt(0),
    "<": d.lo.gte(0),
    "<=": d.lo.gt(0),
    "=": d.hi.lt(0) || d.lo.gt(0),
  }[op];
  return always ? "supported" : never ? "contradicted" : "undecidable";
}

export function evaluateClaims(
  entries: readonly ClaimEntry[],
  table: RecomputedTable,
  tree: ReportingTree,
  /** Every period's table, for references to other periods (metric@node@2022); absent: the report's only. */
  periods: ReadonlyMap<string, RecomputedTable> = new Map([[table.period, table]]),
): ClaimResult[] {
  const resolve: Resolve = (ref) => {
    const node = ref.column ?? tree.root;
    const t = ref.period === null ? table : periods.get(ref.period);
    return {
      cell: t ? lookup(t, node, ref.metric) : undefined,
      name: `${ref.metric}@${node}${ref.period === null ? "" : `@${ref.period}`}`,
    };
  };
  return entries.map((entry) => {
    const { left: l, right: r, op } = entry.claim;
    const cells = [...refsOf(l), ...refsOf(r)]
      .map((ref) => resolve(ref).cell)
      .filter((c): c is Recomputed => c !== undefined);
    const q = claimForms(cells, tree);
    const left = evaluate(l, resolve, q);
    const right = evaluate(r, resolve, q);
    const side = (f: LinearForm) => ({ value: linearValue(f, q.values), interval: linearInterval(f, q.box) });
    if (failed(left) || failed(right)) {
      return {
        entry,
        verdict: "undecidable",
        left: failed(left) ? null : side(left),
        right: failed(right) ? null : side(right),
        reason: failed(left) ? left : (right as Message),
      };
    }
    const rounds = op === "≈";
    const verdict = rounds
      ? decideRounds(linearInterval(left, q.box), r)
      : decide(linearInterval(combineForms(left, new Dec(1), right, new Dec(-1)), q.box), op);
    // "≈" asks whether the figure rounds to the printed one; the other comparators, whether it satisfies them.
    const reason = message(rounds ? `phrase.claim.rounds.${verdict}` : `phrase.claim.${verdict}`);
    return { entry, verdict, left: side(left), right: side(right), reason };
  });
}
