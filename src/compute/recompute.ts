// compute: the recomputed table. Base metrics roll up the reporting tree from the activity rows (never from a
// published subtotal); derived metrics are evaluated at every node from that node's recomputed values;
// intensities are the root's value divided by the denominator. Each value keeps its inputs for the audit trail.
import type { CellKind } from "../model/metricKinds.js";
import { denominatorAt, type DenominatorSet } from "../model/denominator.js";
import { Dec, ZERO } from "../model/decimal.js";
import {
  addIntervals,
  clampAtZero,
  divideIntervals,
  pointInterval,
  scaleInterval,
  type Interval,
} from "../model/interval.js";
import type {
  ActivitySource,
  ActivityValue,
  BaseMetric,
  Catalogue,
  CompactActivity,
  Denominator,
  ReportingTree,
  ScaledFigure,
  SlotRef,
} from "../model/types.js";
import { ExactSums } from "../model/exactSum.js";
import { activityValueOf, type UnitSum } from "../model/leafSums.js";
import { unitById } from "../model/units.js";
import { claimForms, mergeAlike, sideForm } from "./forms.js";
import { ratioInterval } from "./linearRatio.js";
import type { RatioMetric } from "../model/types.js";

/** How a cell was obtained (model/metricKinds.ts). */
export type RecomputeKind = CellKind;

export interface Recomputed {
  metric: string;
  node: string;
  /** The period it is for (a change: the later one). */
  period: string;
  kind: RecomputeKind;
  value: Dec;
  interval: Interval;
  /** What it was computed from: child nodes (sum), terms (identity), numerator (intensity), later and earlier value (change); none for an input. */
  inputs: Recomputed[];
  coefficients?: Dec[];
  /** For an input: the activity row it came from. */
  activity?: ActivityValue;
  denominator?: Denominator;
  /** A ratio: how many of `inputs` (and `coefficients`) are its numerator's terms; the rest are its denominator's. */
  numeratorTerms?: number;
  /** A ratio: what the quotient is multiplied by to be in the ratio's unit (100 for percent). */
  unitFactor?: Dec;
  /** Decimals its inputs carry, when known without walking them (a region's total over thousands of sites). */
  scale?: number;
  /** `value` and `interval` as integers at one scale, when known without a Decimal (a site's input to a region). */
  readonly scaled?: ScaledFigure | undefined;
}

export interface RecomputedTable {
  /** node → metric → value; an absent entry means the data has nothing for that cell. */
  cells: Map<string, Map<string, Recomputed>>;
  /** The denominators intensities were divided by (model/denominator.ts denominatorAt). */
  denominators: DenominatorSet;
  period: string;
}

export const lookup = (t: RecomputedTable, node: string, metric: string): Recomputed | undefined =>
  t.cells.get(node)?.get(metric);

/** The period's activity rows summed up the tree; rows of other periods are left alone. */
export function rollUp(
  tree: ReportingTree,
  activity: readonly ActivityValue[],
  period: string,
): Map<string, Map<string, Recomputed>> {
  const cells = new Map<string, Map<string, Recomputed>>();
  for (const id of tree.bottomUp) cells.set(id, new Map());
  for (const a of activity) {
    if (a.period !== period) continue;
    cells.get(a.facility)?.set(a.metric, {
      metric: a.metric,
      node: a.facility,
      period,
      kind: "input",
      value: a.value,
      interval: a.interval,
      inputs: [],
      activity: a,
    });
  }
  for (const id of tree.bottomUp) {
    const node = tree.nodes.get(id)!;
    if (node.children.length === 0) continue;
    const here = cells.get(id)!;
    const metrics = new Set(node.children.flatMap((c) => [...cells.get(c)!.keys()]));
    for (const metric of metrics) {
      // A figure of the node's own (a metric printed for a region or the total only) is what rolls up; the reader
      // refuses one with figures below it (figure-overlap), so there is nothing here to add to it.
      if (here.has(metric)) continue;
      const parts = node.children.map((c) => cells.get(c)!.get(metric)).filter((r): r is Recomputed => r !== undefined);
      here.set(metric, {
        metric,
        node: id,
        period,
        kind: "sum",
        value: parts.reduce((s, p) => s.plus(p.value), ZERO),
        interval: parts.reduce((s, p) => addIntervals(s, p.interval), pointInterval(ZERO)),
        inputs: parts,
      });
    }
  }
  return cells;
}

/** Evaluates derived metrics at every node, in catalogue order (terms are declared before their users). */
export function deriveAll(catalogue: Catalogue, cells: Map<string, Map<string, Recomputed>>, period: string): void {
  for (const metric of catalogue.metrics) {
    if (metric.kind !== "derived") continue;
    for (const [node, here] of cells) {
      const parts = metric.terms
        .map((t) => ({ r: here.get(t.metric), k: t.coefficient }))
        .filter((p): p is { r: Recomputed; k: Dec } => p.r !== undefined);
      if (parts.length === 0) continue; // nothing to derive from: the cell stays absent, like a "/" input
      let interval = parts.reduce((s, p) => addIntervals(s, scaleInterval(p.r.interval, p.k)), pointInterval(ZERO));
      if (metric.nonNegative) interval = clampAtZero(interval);
      here.set(metric.id, {
        metric: metric.id,
        node,
        period,
        kind: "identity",
        value: parts.reduce((s, p) => s.plus(p.r.value.times(p.k)), ZERO),
        interval,
        inputs: parts.map((p) => p.r),
        coefficients: parts.map((p) => p.k),
      });
    }
  }
}

/** Intensities at every node that has a denominator of the intensity's measure (today: the root's revenue). */
export function intensities(
  catalogue: Catalogue,
  tree: ReportingTree,
  cells: Map<string, Map<string, Recomputed>>,
  denominators: DenominatorSet,
  period: string,
): void {
  // Only the nodes that have a denominator in this period (the root's revenue, not each of thousands of sites).
  const withDenominator = new Set<string>();
  for (const d of denominators.values()) if (d.period === period) withDenominator.add(d.node);
  const nodes = tree.bottomUp.filter((node) => withDenominator.has(node));
  for (const metric of catalogue.metrics) {
    if (metric.kind !== "intensity") continue;
    for (const node of nodes) {
      const denominator = denominatorAt(denominators, node, period, metric.measure);
      const here = denominator ? cells.get(node) : undefined;
      const numerator = here?.get(metric.numerator);
      if (!denominator || !here || !numerator) continue;
      here.set(metric.id, {
        metric: metric.id,
        node,
        period,
        kind: "intensity",
        value: numerator.value.div(denominator.value),
        interval: divideIntervals(numerator.interval, denominator.interval),
        inputs: [numerator],
        denominator,
      });
    }
  }
}

/**
 * Shares and rates at every node the table has cells for (a site of the streaming reader gets its own when it is
 * first looked up). Evaluated from each node's values, never added up the tree: a region's share is its own
 * quotient, not the sum of its sites'.
 */
export function ratios(
  catalogue: Catalogue,
  tree: ReportingTree,
  cells: Map<string, Map<string, Recomputed>>,
  period: string,
): void {
  if (!catalogue.metrics.some((m) => m.kind === "ratio")) return;
  for (const node of [...cells.keys()]) ratiosAt(catalogue, tree, node, cells.get(node)!, (n) => cells.get(n), period);
}

function ratiosAt(
  catalogue: Catalogue,
  tree: ReportingTree,
  node: string,
  here: Map<string, Recomputed>,
  cellsOf: (node: string) => Map<string, Recomputed> | undefined,
  period: string,
): void {
  const get = (n: string, m: string) => (n === node ? here : cellsOf(n))?.get(m);
  for (const metric of catalogue.metrics) {
    if (metric.kind !== "ratio") continue;
    const r = ratioCell(catalogue, tree, metric, node, get, period);
    if (r) here.set(metric.id, r);
  }
}

/**
 * One ratio at one node: Σ numerator terms ÷ Σ denominator terms (terms the data lacks count as nothing, like a
 * derived metric's), in the ratio's unit (percent: × 100). Absent when either side has no data, when a term is at
 * the parent of the root, or when the denominator is or may be zero. Its interval is the exact one of a ratio of
 * sums that share terms (a site's energy over the group's, which contains it): compute/linearRatio.ts.
 */
export function ratioCell(
  catalogue: Catalogue,
  tree: ReportingTree,
  metric: RatioMetric,
  node: string,
  /** A cell of the same period: (node, metric) → value. */
  get: (node: string, metric: string) => Recomputed | undefined,
  period: string,
): Recomputed | undefined {
  const nodeOf = (at: string): string | null =>
    at === "node" ? node : at === "root" ? tree.root : (tree.nodes.get(node)?.parent ?? null);
  if ([...metric.numerator, ...metric.denominator].some((t) => nodeOf(t.at) === null)) return undefined;
  const side = (terms: RatioMetric["numerator"]) =>
    terms.flatMap((t) => {
      const r = get(nodeOf(t.at)!, t.metric);
      return r ? [{ r, k: t.coefficient }] : [];
    });
  const num = side(metric.numerator);
  const den = side(metric.denominator);
  if (!num.length || !den.length) return undefined;
  const numValue = num.reduce((s, t) => s.plus(t.r.value.times(t.k)), ZERO);
  const denValue = den.reduce((s, t) => s.plus(t.r.value.times(t.k)), ZERO);
  if (denValue.isZero()) return undefined;
  const q = claimForms(
    [...num, ...den].map((t) => t.r),
    tree,
  );
  const merged = mergeAlike(sideForm(q, num), sideForm(q, den), q.box);
  const exact = ratioInterval(merged.numerator, merged.denominator, merged.box);
  if (!exact.ok) return undefined;
  // In the ratio's unit: a quotient of 0.25 is 25 percent (toBase 1/100).
  const unit = unitById(catalogue, metric.unit)!;
  const scale = unit.toBase.den.div(unit.toBase.num);
  return {
    metric: metric.id,
    node,
    period,
    kind: "ratio",
    value: numValue.div(denValue).times(scale),
    interval: scaleInterval(exact.interval, scale),
    inputs: [...num, ...den].map((t) => t.r),
    coefficients: [...num, ...den].map((t) => t.k),
    numeratorTerms: num.length,
    unitFactor: scale,
  };
}

/**
 * The roll-up straight from the streaming reader's slots: each site's exact sums are merged into its ancestors'
 * (per unit), converted once per node. Sites get their cells only when something looks them up. Gives the
 * values rollUp gives from the same rows; it only avoids a Decimal per site.
 */
export function rollUpCompact(
  tree: ReportingTree,
  catalogue: Catalogue,
  compact: CompactActivity,
  periods: readonly string[],
  period: string,
): Map<string, Map<string, Recomputed>> {
  const p = periods.indexOf(period);
  const inner = tree.bottomUp.filter((id) => tree.nodes.get(id)!.children.length > 0);
  const innerIndex = new Map(inner.map((id, i) => [id, i]));
  // Each inner node's chain up to the root (itself first); a site's ancestors are its parent's chain (one array
  // per inner node, not one per site: 200,000 sites share 21 chains).
  const chains = inner.map((id) => {
    const out: number[] = [];
    for (let n: string | null = id; n; n = tree.nodes.get(n)?.parent ?? null) out.push(innerIndex.get(n)!);
    return out;
  });
  const none: number[] = [];
  const ancestors = compact.leafIds.map((leaf) => {
    const parent = tree.nodes.get(leaf)?.parent;
    return parent ? chains[innerIndex.get(parent)!]! : none;
  });
  const M = catalogue.metrics.length,
    U = catalogue.units.length;
  const acc = new ExactSums(256);
  // (node, metric, unit) → its slot in `acc`: an array over every key when there are not too many (a few inner
  // nodes: 2.6 M look-ups on the large bench file), else a Map; keyOf lists the keys in the order they were opened.
  const keys = inner.length * M * U;
  const dense = keys <= 1 << 20 ? new Int32Array(keys).fill(-1) : null;
  const sparse = dense ? null : new Map<number, number>();
  const keyOf: number[] = [];
  for (const { scan } of compact.scans) {
    for (let s = 0; s < scan.slots; s++) {
      if (scan.period[s] !== p) continue;
      const metric = scan.metric[s]!,
        unit = scan.unit[s]!;
      for (const a of ancestors[scan.leaf[s]!]!) {
        const key = (a * M + metric) * U + unit;
        let slot = dense ? dense[key]! : (sparse!.get(key) ?? -1);
        if (slot < 0) {
          slot = acc.open();
          keyOf.push(key);
          if (dense) dense[key] = slot;
          else sparse!.set(key, slot);
        }
        acc.merge(slot, scan.sums, s);
      }
    }
  }
  // A site's ratios are evaluated when it is first looked up (its share of the group's total reads the group's cells).
  const cells: LazyCells = new LazyCells((leaf) => {
    const own = leafCells(catalogue, compact, leaf, period);
    if (own && catalogue.metrics.some((m) => m.kind === "ratio"))
      ratiosAt(catalogue, tree, leaf, own, (n) => cells.get(n), period);
    return own;
  });
  const byNode = new Map<number, Map<number, UnitSum[]>>();
  for (let slot = 0; slot < keyOf.length; slot++) {
    const key = keyOf[slot]!;
    const unit = key % U,
      metric = Math.floor(key / U) % M,
      node = Math.floor(key / U / M);
    const t = acc.total(slot);
    const metrics = byNode.get(node) ?? new Map<number, UnitSum[]>();
    byNode.set(node, metrics);
    const list = metrics.get(metric) ?? [];
    metrics.set(metric, list);
    list.push({
      unit: catalogue.units[unit]!,
      value: t.value,
      lo: t.lo,
      hi: t.hi,
      scale: t.scale,
      rows: t.rows,
      number: { text: "", value: t.value, scale: t.scale },
      source: { file: "", name: "", line: 0 },
    });
  }
  for (const id of inner) {
    const here = new Map<string, Recomputed>();
    cells.set(id, here);
    const node = tree.nodes.get(id)!;
    for (const [m, sums] of byNode.get(innerIndex.get(id)!) ?? []) {
      const metric = catalogue.metrics[m] as BaseMetric;
      // Units in catalogue order, as a site's own rows would be combined.
      sums.sort((a, b) => catalogue.units.indexOf(a.unit) - catalogue.units.indexOf(b.unit));
      const v = activityValueOf(id, period, metric.id, unitById(catalogue, metric.unit)!, sums);
      const r: Recomputed = {
        metric: metric.id,
        node: id,
        period,
        kind: "sum",
        value: v.value,
        interval: v.interval,
        scale: v.scale,
        inputs: [],
      };
      // The children, looked up when asked for (explain, a cause check): a region may have thousands of sites.
      // A site already built is reused; otherwise only its value for this metric is read (a cause check may ask
      // for all of a region's thousands of sites).
      const child = (c: string): Recomputed | undefined => {
        if (tree.nodes.get(c)!.children.length > 0 || cells.has(c)) return cells.get(c)?.get(metric.id);
        const slot = compact.slotOf(c, period, metric.id);
        return slot && new SiteInput(metric.id, c, period, slot, compact);
      };
      let inputs: Recomputed[] | null = null;
      Object.defineProperty(r, "inputs", {
        enumerable: true,
        get: () => (inputs ??= node.children.map(child).filter((x): x is Recomputed => x !== undefined)),
      });
      here.set(metric.id, r);
    }
  }
  return cells;
}

/**
 * A site's value as an input of its region's sum, read from its slot when asked for: the figure as integers
 * (`scaled`, what a cause search over a region's thousands of sites adds up), the figure and interval as Decimals,
 * and the whole activity value (rows, source, text as written), each built the first time it is read.
 */
class SiteInput implements Recomputed {
  metric: string;
  node: string;
  period: string;
  kind: RecomputeKind;
  inputs: Recomputed[];
  readonly #slot: SlotRef;
  readonly #compact: CompactActivity;
  #figure: { value: Dec; interval: Interval } | undefined;
  #scaled: ScaledFigure | undefined | null = null;
  #activity: ActivityValue | undefined;

  constructor(metric: string, node: string, period: string, slot: SlotRef, compact: CompactActivity) {
    this.metric = metric;
    this.node = node;
    this.period = period;
    this.kind = "input";
    this.inputs = [];
    this.#slot = slot;
    this.#compact = compact;
  }

  get value(): Dec {
    return (this.#figure ??= this.#compact.figureAt(this.#slot)).value;
  }

  get interval(): Interval {
    return (this.#figure ??= this.#compact.figureAt(this.#slot)).interval;
  }

  get scaled(): ScaledFigure | undefined {
    if (this.#scaled === null) this.#scaled = this.#compact.scaledAt(this.#slot);
    return this.#scaled;
  }

  get activity(): ActivityValue {
    return (this.#activity ??= this.#compact.valueOf(this.node, this.period, this.metric)!);
  }
}

/** A site's own cells from the compact activity: its inputs and the metrics derived from them. */
function leafCells(
  catalogue: Catalogue,
  compact: CompactActivity,
  leaf: string,
  period: string,
): Map<string, Recomputed> | undefined {
  if (!compact.leafIndex.has(leaf)) return undefined;
  const cells = new Map<string, Map<string, Recomputed>>([[leaf, new Map()]]);
  for (const a of compact.valuesOf(leaf)) {
    if (a.period === period)
      cells.get(leaf)!.set(a.metric, {
        metric: a.metric,
        node: leaf,
        period,
        kind: "input",
        value: a.value,
        interval: a.interval,
        inputs: [],
        activity: a,
      });
  }
  deriveAll(catalogue, cells, period);
  return cells.get(leaf)!;
}

/** Node → metric → value, where a site's entry is built the first time it is looked up. */
class LazyCells extends Map<string, Map<string, Recomputed>> {
  constructor(private load: (node: string) => Map<string, Recomputed> | undefined) {
    super();
  }
  override get(node: string): Map<string, Recomputed> | undefined {
    const have = super.get(node);
    if (have !== undefined) return have;
    const loaded = this.load(node);
    if (loaded) super.set(node, loaded);
    return loaded;
  }
}

/** One period's table. `periods`: the dataset's period labels, in the order the streaming reader numbers them. */
export function recompute(
  catalogue: Catalogue,
  tree: ReportingTree,
  activity: ActivitySource,
  periods: readonly string[],
  denominators: DenominatorSet,
  period: string,
): RecomputedTable {
  const cells =
    activity.reader === "streaming"
      ? rollUpCompact(tree, catalogue, activity.compact, periods, period)
      : rollUp(tree, activity.values, period);
  deriveAll(catalogue, cells, period);
  intensities(catalogue, tree, cells, denominators, period);
  ratios(catalogue, tree, cells, period);
  return { cells, denominators, period };
}

/** Every period's table. */
export function recomputePeriods(
  catalogue: Catalogue,
  tree: ReportingTree,
  activity: ActivitySource,
  periods: readonly string[],
  denominators: DenominatorSet,
): Map<string, RecomputedTable> {
  return new Map(
    periods.map((period) => [period, recompute(catalogue, tree, activity, periods, denominators, period)]),
  );
}

/**
 * Year-on-year change in percent, (later − earlier) ÷ earlier × 100. Null when the earlier figure is or may be
 * zero or negative: a change from nothing has no percentage.
 */
export function change(later: Recomputed, earlier: Recomputed): Recomputed | null {
  if (!earlier.interval.lo.gt(0) || later.interval.lo.lt(0)) return null;
  const ratio = divideIntervals(later.interval, earlier.interval);
  return {
    metric: later.metric,
    node: later.node,
    period: later.period,
    kind: "change",
    value: later.value.minus(earlier.value).div(earlier.value).times(100),
    interval: { lo: ratio.lo.minus(1).times(100), hi: ratio.hi.minus(1).times(100) },
    inputs: [later, earlier],
  };
}

/** The decimals a recomputed value naturally has: the most its printed inputs carry (intensities, ratios: 2 more; changes: 1). */
export function naturalScale(r: Recomputed): number {
  if (r.activity) return r.activity.scale;
  if (r.scale !== undefined) return r.scale;
  if (r.kind === "change") return 1;
  const inner = Math.max(0, ...r.inputs.map(naturalScale));
  return r.kind === "intensity" || r.kind === "ratio" ? inner + 2 : inner;
}
