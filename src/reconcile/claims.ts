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
import { Dec } from "../model/decimal.js";
import { refsOf, type ClaimEntry, type Comparator, type Expr } from "../model/claims.js";
import type { Interval } from "../model/interval.js";
import type { ReportingTree } from "../model/types.js";
import type { ClaimResult, ClaimVerdict } from "../findings/results.js";
import { message, type Message } from "../findings/message.js";

/** A side that could not be evaluated: why, as a message (a linear form has no key). */
const failed = (x: LinearForm | Message): x is Message => "key" in x;

export type { ClaimEntry };

/** The independent quantities a claim's sides are forms over: each with its value and interval. */
interface Quantities {
  values: Map<string, Dec>;
  box: Map<string, Interval>;
  /** Forms of the cells the claim names. */
  cells: Map<string, LinearForm>;
}

const cellName = (r: Recomputed) => `${r.metric}@${r.node}`;

/** The base metrics a cell is made of (at its own node and below); none for an intensity or a change: opaque. */
function baseMetrics(r: Recomputed): Set<string> {
  if (r.kind === "input" || r.kind === "sum") return new Set([r.metric]);
  if (r.kind === "identity") return new Set(r.inputs.flatMap((x) => [...baseMetrics(x)]));
  return new Set();
}

/**
 * Breaks the cells a claim names down until no two of the remaining quantities share an input: a cell made of
 * the same base metric at a node and at one of its descendants is replaced by its inputs (identities first, then
 * the sum higher up the tree). Cells that share nothing stay whole, so a total over thousands of sites is only
 * opened when the claim also names one of them.
 */
export function claimForms(cells: readonly Recomputed[], tree: ReportingTree): Quantities {
  const atoms = new Map<string, { r: Recomputed; metrics: Set<string> }>();
  const at = new Map<string, Set<string>>(); // node → atoms there
  const below = new Map<string, Set<string>>(); // node → atoms strictly below it
  const ancestors = (node: string): string[] => {
    const out: string[] = [];
    for (let n = tree.nodes.get(node)?.parent ?? null; n; n = tree.nodes.get(n)?.parent ?? null) out.push(n);
    return out;
  };
  const index = (key: string, node: string, add: boolean) => {
    const touch = (m: Map<string, Set<string>>, n: string) => {
      const s = m.get(n) ?? new Set<string>();
      m.set(n, s);
      if (add) s.add(key);
      else s.delete(key);
    };
    touch(at, node);
    for (const a of ancestors(node)) touch(below, a);
  };
  const queue: string[] = [];
  const addAtom = (r: Recomputed) => {
    const key = cellName(r);
    if (atoms.has(key)) return;
    atoms.set(key, { r, metrics: baseMetrics(r) });
    index(key, r.node, true);
    queue.push(key);
  };
  const overlapping = (key: string): string | undefined => {
    const x = atoms.get(key)!;
    if (x.metrics.size === 0) return undefined;
    const near = [
      ...(below.get(x.r.node) ?? []),
      ...[x.r.node, ...ancestors(x.r.node)].flatMap((n) => [...(at.get(n) ?? [])]),
    ];
    return near.find((k) => k !== key && [...atoms.get(k)!.metrics].some((m) => x.metrics.has(m)));
  };
  for (const r of cells) addAtom(r);
  while (queue.length) {
    const key = queue.pop()!;
    if (!atoms.has(key)) continue;
    const other = overlapping(key);
    if (other === undefined) continue;
    const [a, b] = [atoms.get(key)!.r, atoms.get(other)!.r];
    // Open an identity first (its terms sit at the same node); otherwise the sum higher up the tree.
    const open = a.kind === "identity" ? a : b.kind === "identity" ? b : ancestors(b.node).includes(a.node) ? a : b;
    if (open.kind !== "identity" && open.kind !== "sum") continue; // nothing to open: taken as independent (wider, still true)
    atoms.delete(cellName(open));
    index(cellName(open), open.node, false);
    for (const input of open.inputs) addAtom(input);
    queue.push(key, other);
  }
  const values = new Map([...atoms].map(([k, a]) => [k, a.r.value]));
  const box = new Map([...atoms].map(([k, a]) => [k, a.r.interval]));
  const memo = new Map<string, LinearForm>();
  const formOf = (r: Recomputed): LinearForm => {
    const key = cellName(r);
    const known = memo.get(key);
    if (known) return known;
    const f = atoms.has(key)
      ? variableForm(key)
      : r.inputs.reduce(
          (s, x, i) => combineForms(s, new Dec(1), formOf(x), r.coefficients?.[i] ?? new Dec(1)),
          constantForm(new Dec(0)),
        );
    memo.set(key, f);
    return f;
  };
  return { values, box, cells: new Map(cells.map((r) => [cellName(r), formOf(r)])) };
}

function evaluate(e: Expr, table: RecomputedTable, root: string, q: Quantities): LinearForm | Message {
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
      const r = lookup(table, e.column ?? root, e.metric);
      return r
        ? q.cells.get(cellName(r))!
        : message("phrase.claim.no-data", { ref: `${e.metric}@${e.column ?? root}` });
    }
    case "neg": {
      const a = evaluate(e.operand, table, root, q);
      return failed(a) ? a : combineForms(a, new Dec(-1), a, new Dec(0));
    }
    case "binary": {
      const a = evaluate(e.left, table, root, q);
      const b = evaluate(e.right, table, root, q);
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

/** Does every / no value of left − right satisfy `· op 0`? */
function decide(d: Interval, op: Comparator): ClaimVerdict {
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
): ClaimResult[] {
  return entries.map((entry) => {
    const { left: l, right: r, op } = entry.claim;
    const cells = [...refsOf(l), ...refsOf(r)]
      .map((ref) => lookup(table, ref.column ?? tree.root, ref.metric))
      .filter((c): c is Recomputed => c !== undefined);
    const q = claimForms(cells, tree);
    const left = evaluate(l, table, tree.root, q);
    const right = evaluate(r, table, tree.root, q);
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
    const verdict = decide(linearInterval(combineForms(left, new Dec(1), right, new Dec(-1)), q.box), op);
    return {
      entry,
      verdict,
      left: side(left),
      right: side(right),
      reason: message(`phrase.claim.${verdict}`),
    };
  });
}
