// What each kind of metric is, in one table: whether activity data holds it, whether its values are added up, what
// it is computed from, its unit, and how a published cell of it is obtained. A new kind (a ratio row, a gas in its
// own mass) is a new entry here and in compute/recompute.ts's evaluators, not a `kind ===` test in a dozen files.
import type { BaseMetric, Catalogue, DerivedMetric, IntensityMetric, Metric, RatioMetric } from "./types.js";

/**
 * How a published cell's value is obtained: read (input), rolled up (sum), by a rule (identity), divided by a
 * denominator (intensity), a share or rate of sums (ratio), compared across years (change).
 */
export type CellKind = "input" | "sum" | "identity" | "intensity" | "ratio" | "change";

export interface KindRules<M extends Metric> {
  /** Activity rows hold it (it is read, never computed). */
  read: boolean;
  /** Its values are added — up the reporting tree or over a rule's terms — so a share (%) cannot be one. */
  summed: boolean;
  /** Its values are per a denominator (printed "t/RMB million"), and exist only where a denominator does. */
  perDenominator: boolean;
  /** In "… is {noun}: it is computed, never read". */
  noun: string;
  /** The metrics it is computed from, in order. */
  inputs(m: M): string[];
  /** The unit of its values; an intensity's is its numerator's (per its denominator's unit). */
  unit(m: M, catalogue: Catalogue): string;
  /** How a cell at a node is obtained (`leaf`: a reporting unit). */
  cellKind(leaf: boolean): CellKind;
}

type Rules = { [K in Metric["kind"]]: KindRules<Extract<Metric, { kind: K }>> };

export const METRIC_KINDS: Rules = {
  base: {
    read: true,
    summed: true,
    perDenominator: false,
    noun: "read",
    inputs: () => [],
    unit: (m: BaseMetric) => m.unit,
    cellKind: (leaf) => (leaf ? "input" : "sum"),
  },
  derived: {
    read: false,
    summed: true,
    perDenominator: false,
    noun: "derived",
    inputs: (m: DerivedMetric) => m.terms.map((t) => t.metric),
    unit: (m: DerivedMetric) => m.unit,
    cellKind: () => "identity",
  },
  intensity: {
    read: false,
    summed: false,
    perDenominator: true,
    noun: "an intensity",
    inputs: (m: IntensityMetric) => [m.numerator],
    unit: (m: IntensityMetric, catalogue) => {
      const num = catalogue.metrics.find((x) => x.id === m.numerator);
      return num && num.kind !== "intensity" ? num.unit : "?";
    },
    cellKind: () => "intensity",
  },
  ratio: {
    read: false,
    summed: false,
    perDenominator: false,
    noun: "a ratio",
    inputs: (m: RatioMetric) => [...new Set([...m.numerator, ...m.denominator].map((t) => t.metric))],
    unit: (m: RatioMetric) => m.unit,
    cellKind: () => "ratio",
  },
};

/** Is it held by activity rows? (Today that is exactly the base metrics: the guard lets the type checker know.) */
export const isRead = (m: Metric): m is BaseMetric => METRIC_KINDS[m.kind].read;

/** The rules of a metric's kind. */
export const kindOf = (m: Metric): KindRules<Metric> => METRIC_KINDS[m.kind] as KindRules<Metric>;
