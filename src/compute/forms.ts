// The cells a statement names (a claim, a ratio row) as linear forms over independent quantities: a part and a whole
// that contains it (a site's energy and the group's) share inputs, so they are broken down (claimForms) only as far
// as they share them; compute/linearRatio.ts then gives a ratio of two such forms its exact interval.
import { combineForms, constantForm, variableForm, type LinearForm } from "./linearRatio.js";
import { Dec } from "../model/decimal.js";
import type { Interval } from "../model/interval.js";
import type { ReportingTree } from "../model/types.js";

/** What claimForms needs of a recomputed cell (compute/recompute.ts Recomputed has it). */
export interface FormCell {
  metric: string;
  node: string;
  /** Cells of different periods are different quantities (a claim may compare this year with last). */
  period?: string;
  kind: string;
  value: Dec;
  interval: Interval;
  inputs: readonly FormCell[];
  coefficients?: Dec[];
}

/** The independent quantities a claim's sides are forms over: each with its value and interval. */
export interface Quantities {
  values: Map<string, Dec>;
  box: Map<string, Interval>;
  /** Forms of the cells the claim names. */
  cells: Map<string, LinearForm>;
}

export const cellName = (r: FormCell) => `${r.metric}@${r.node}${r.period === undefined ? "" : `@${r.period}`}`;

/** The base metrics a cell is made of (at its own node and below); none for an intensity or a change: opaque. */
function baseMetrics(r: FormCell): Set<string> {
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
export function claimForms(cells: readonly FormCell[], tree: ReportingTree): Quantities {
  const atoms = new Map<string, { r: FormCell; metrics: Set<string> }>();
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
  const addAtom = (r: FormCell) => {
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
    return near.find(
      (k) =>
        k !== key && atoms.get(k)!.r.period === x.r.period && [...atoms.get(k)!.metrics].some((m) => x.metrics.has(m)),
    );
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
  const formOf = (r: FormCell): LinearForm => {
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

/**
 * numerator ÷ denominator over the same quantities with every group of quantities that enter both alike (the same
 * coefficient in each) merged into one: the forms depend on such a group only through its sum, whose interval is the
 * sum of theirs, so the ratio's exact interval is unchanged — and a site's share of a total over thousands of sites
 * is a ratio over a handful of quantities.
 */
export function mergeAlike(
  numerator: LinearForm,
  denominator: LinearForm,
  box: ReadonlyMap<string, Interval>,
): { numerator: LinearForm; denominator: LinearForm; box: Map<string, Interval> } {
  const zero = new Dec(0);
  const groups = new Map<string, { a: Dec; b: Dec; interval: Interval }>();
  for (const name of new Set([...numerator.coefficients.keys(), ...denominator.coefficients.keys()])) {
    const a = numerator.coefficients.get(name) ?? zero;
    const b = denominator.coefficients.get(name) ?? zero;
    const key = `${a.toString()}|${b.toString()}`;
    const i = box.get(name);
    if (!i) throw new RangeError(`no interval for ${name}`);
    const g = groups.get(key);
    if (g) g.interval = { lo: g.interval.lo.plus(i.lo), hi: g.interval.hi.plus(i.hi) };
    else groups.set(key, { a, b, interval: i });
  }
  const merged = {
    numerator: new Map<string, Dec>(),
    denominator: new Map<string, Dec>(),
    box: new Map<string, Interval>(),
  };
  for (const [key, g] of groups) {
    if (!g.a.isZero()) merged.numerator.set(key, g.a);
    if (!g.b.isZero()) merged.denominator.set(key, g.b);
    merged.box.set(key, g.interval);
  }
  return {
    numerator: { constant: numerator.constant, coefficients: merged.numerator },
    denominator: { constant: denominator.constant, coefficients: merged.denominator },
    box: merged.box,
  };
}

/** Σ k · form(cell) over the cells of one side of a ratio. */
export function sideForm(q: Quantities, terms: readonly { r: FormCell; k: Dec }[]): LinearForm {
  return terms.reduce(
    (s, t) => combineForms(s, new Dec(1), q.cells.get(cellName(t.r))!, t.k),
    constantForm(new Dec(0)),
  );
}
