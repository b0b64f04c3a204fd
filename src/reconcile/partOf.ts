// "Of which" rules: a printed part is never larger than its printed whole. Two kinds of rule:
// - declared: a metric that is part of another (`partOf` in the catalogue or a dataset's metrics, or the manifest's
//   `partOf` list): recycled waste of the waste total, on-site solar of direct energy — in every column printing both;
// - tree: a reporting unit inside its parent, for every metric that is a sum of non-negative figures over the tree
//   (a site's figure never exceeds its region's) — against the nearest ancestor whose column prints the metric.
// What is compared is the two printed figures, as an auditor reads the table (an "of which" row printed above its
// total), with their rounding: a part printed as 1,200.3 under a whole printed as 1,200 is allowed, since 1,200 stands
// for [1,199.5, 1,200.5). A rule is violated only when every value the part's figure stands for lies above every value
// the whole's stands for: printed intervals are half-open, so when the part's lower bound is at or above the whole's
// upper bound. Whether the figures follow from the data is each cell's own arithmetic finding: when the part's or the
// whole's figure is itself a mismatch, that finding already reports the error (a subtotal printed too low is smaller
// than its sites), and the violation is shown with it rather than counted a second time. A violation between two
// figures that both follow from the data (the data itself has more recycled than waste) or that cannot be checked
// (no data) is a finding of its own: kind part-of, status mismatch, on the part's cell.
import type { Dec } from "../model/decimal.js";
import type { Interval } from "../model/interval.js";
import { printNumber, type PrintedNumber } from "../model/printedNumber.js";
import type { Catalogue, Column, Dataset, Metric, PublishedCell, PublishedRow } from "../model/types.js";
import { isArithmetic, type Finding, type Whole } from "../findings/finding.js";
import { publishedIntervalOf } from "./compare.js";

export type PartOfVerdict = "holds" | "rounding" | "violated";

export interface PrintedFigure {
  metric: string;
  column: string;
  cell: PublishedCell;
  number: PrintedNumber;
  interval: Interval;
}

export interface PartOfComparison {
  rule: Whole["rule"];
  part: PrintedFigure;
  whole: PrintedFigure;
  /** holds; rounding: the part prints above the whole, but the figures' rounding allows it; violated: it cannot. */
  verdict: PartOfVerdict;
  /** A violation whose part or whole is itself a mismatch: that cell's finding reports it (see partOfFindings). */
  explainedBy?: { metric: string; column: string };
}

/** A metric summed over the reporting tree from figures that cannot be negative: a node never exceeds its parent. */
export function isNonNegativeSum(catalogue: Catalogue, metric: Metric | undefined): boolean {
  if (!metric || !metric.nonNegative) return false;
  if (metric.kind === "base") return true;
  if (metric.kind === "intensity") return false;
  return metric.terms.every((t) => t.coefficient.gt(0) && isNonNegativeSum(catalogue, catalogue.metrics.find((m) => m.id === t.metric)));
}

function figure(row: PublishedRow | undefined, column: string): PrintedFigure | null {
  const cell = row?.cells.find((c) => c.column === column);
  if (!row || !cell || cell.value.kind !== "number") return null;
  const number = cell.value.number;
  // Both metrics of a rule are non-negative (checked when the rule is loaded).
  return { metric: row.metric, column, cell, number, interval: publishedIntervalOf(number, true) };
}

export function partOfVerdict(part: PrintedFigure, whole: PrintedFigure): PartOfVerdict {
  // Half-open [lo, hi): some part value ≤ some whole value exactly when part.lo < whole.hi.
  if (part.interval.lo.gte(whole.interval.hi)) return "violated";
  return part.number.value.gt(whole.number.value) ? "rounding" : "holds";
}

/** The declared rules, the catalogue's first, each pair once. */
export function partOfRules(dataset: Dataset): { part: string; whole: string }[] {
  const declared = dataset.catalogue.metrics.flatMap((m) => (m.kind !== "intensity" && m.partOf ? [{ part: m.id, whole: m.partOf }] : []));
  const seen = new Set<string>();
  return [...declared, ...dataset.partOf].filter((r) => {
    const key = `${r.part}\u0000${r.whole}`;
    return !seen.has(key) && seen.add(key);
  });
}

/** Every comparison of a printed part with its printed whole, in the published table's order. */
export function comparePartsWithWholes(dataset: Dataset): PartOfComparison[] {
  const rows = new Map(dataset.published.map((r) => [r.metric, r]));
  const values = (c: Column) => !c.change;
  const out: PartOfComparison[] = [];
  const compare = (rule: Whole["rule"], part: PrintedFigure, whole: PrintedFigure) => out.push({ rule, part, whole, verdict: partOfVerdict(part, whole) });

  const rules = partOfRules(dataset);
  for (const row of dataset.published) {
    for (const rule of rules.filter((r) => r.part === row.metric)) {
      for (const column of dataset.columns.filter(values)) {
        const part = figure(row, column.id);
        const whole = part && figure(rows.get(rule.whole), column.id);
        if (part && whole) compare("declared", part, whole);
      }
    }
    if (!isNonNegativeSum(dataset.catalogue, dataset.catalogue.metrics.find((m) => m.id === row.metric))) continue;
    for (const column of dataset.columns.filter(values)) {
      const part = figure(row, column.id);
      if (!part) continue;
      // The nearest ancestor whose column (same period, same source document) prints a number for the metric.
      for (let node = dataset.tree.nodes.get(column.node)?.parent; node; node = dataset.tree.nodes.get(node)?.parent ?? null) {
        const up = dataset.columns.find((c) => c.node === node && c.period === column.period && c.report === column.report && !c.change);
        const whole = up && figure(row, up.id);
        if (whole) {
          compare("tree", part, whole);
          break;
        }
      }
    }
  }
  return out;
}

const bound = (x: Dec, n: PrintedNumber) => printNumber(x, n.scale + 1);

function causeMessage(c: PartOfComparison, dataset: Dataset): string {
  const { part, whole } = c;
  const nodeOf = (column: string) => dataset.columns.find((x) => x.id === column)?.node ?? column;
  const numbers = `the printed ${part.number.text} stands for at least ${bound(part.interval.lo, part.number)}, the printed whole ${whole.number.text} for less than ${bound(whole.interval.hi, whole.number)}: the part exceeds its whole by more than rounding allows`;
  if (c.rule === "declared") return `${part.metric} is part of ${whole.metric} (an "of which" row), but at ${nodeOf(part.column)} ${numbers}`;
  return `${nodeOf(part.column)} is part of ${nodeOf(whole.column)} in the reporting tree and ${part.metric} sums figures that cannot be negative, but ${numbers}`;
}

/** Each violation whose part or whole is already a mismatch of the arithmetic checks gets that cell as `explainedBy`. */
export function attributeViolations(comparisons: readonly PartOfComparison[], arithmetic: readonly Finding[]): PartOfComparison[] {
  const mismatched = new Set(arithmetic.filter((f) => isArithmetic(f) && f.status === "mismatch").map((f) => `${f.metric}\u0000${f.column}`));
  return comparisons.map((c) => {
    if (c.verdict !== "violated") return c;
    const by = [c.whole, c.part].find((x) => mismatched.has(`${x.metric}\u0000${x.column}`));
    return by ? { ...c, explainedBy: { metric: by.metric, column: by.column } } : c;
  });
}

/** One finding (kind part-of, status mismatch) on the part's cell for each violation no arithmetic mismatch explains. */
export function partOfFindings(dataset: Dataset, comparisons: readonly PartOfComparison[]): Finding[] {
  return comparisons.filter((c) => c.verdict === "violated" && !c.explainedBy).map((c) => ({
    metric: c.part.metric,
    column: c.part.column,
    kind: "part-of",
    status: "mismatch",
    published: c.part.cell.text,
    publishedNumber: c.part.number,
    publishedInterval: c.part.interval,
    recomputed: null,
    recomputedExact: null,
    recomputedInterval: null,
    recomputedRounded: null,
    displayScale: c.part.number.scale,
    difference: null,
    source: c.part.cell.source,
    whole: { metric: c.whole.metric, column: c.whole.column, published: c.whole.cell.text, publishedNumber: c.whole.number, publishedInterval: c.whole.interval, source: c.whole.cell.source, rule: c.rule },
    causes: [{ code: "part-exceeds-whole", message: causeMessage(c, dataset) }],
  }));
}
