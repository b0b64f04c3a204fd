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
import { printNumber, type PrintedNumber } from "../model/printedNumber.js";
import type { Catalogue, Column, Dataset, Metric, PublishedRow } from "../model/types.js";
import { allColumns, columnById, publishedRow, publishedRows } from "../model/columns.js";
import { findingPlace, isCellFinding, type Finding, type Whole } from "../findings/finding.js";
import { message, type Message } from "../findings/message.js";
import { metricName, nodeName } from "../findings/names.js";
import type { PartOfComparison, PartOfVerdict, PrintedFigure } from "../findings/results.js";
import { publishedIntervalOf } from "./compare.js";

/** A metric summed over the reporting tree from figures that cannot be negative: a node never exceeds its parent. */
export function isNonNegativeSum(catalogue: Catalogue, metric: Metric | undefined): boolean {
  if (!metric || !metric.nonNegative) return false;
  if (metric.kind === "base") return true;
  if (metric.kind === "intensity" || metric.kind === "ratio") return false;
  return metric.terms.every(
    (t) =>
      t.coefficient.gt(0) &&
      isNonNegativeSum(
        catalogue,
        catalogue.metrics.find((m) => m.id === t.metric),
      ),
  );
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
  const declared = dataset.catalogue.metrics.flatMap((m) =>
    m.kind !== "intensity" && m.kind !== "ratio" && m.partOf ? [{ part: m.id, whole: m.partOf }] : [],
  );
  const seen = new Set<string>();
  return [...declared, ...dataset.partOf].filter((r) => {
    const key = `${r.part}\u0000${r.whole}`;
    return !seen.has(key) && seen.add(key);
  });
}

/** Every comparison of a printed part with its printed whole, in the published table's order. */
export function comparePartsWithWholes(dataset: Dataset): PartOfComparison[] {
  const values = (c: Column) => !c.change;
  const out: PartOfComparison[] = [];
  const compare = (rule: Whole["rule"], part: PrintedFigure, whole: PrintedFigure) =>
    out.push({ rule, part, whole, verdict: partOfVerdict(part, whole) });

  const rules = partOfRules(dataset);
  for (const row of publishedRows(dataset)) {
    // A row's cells are in its own table's columns; so are the wholes it is compared with.
    const columns = dataset.tables.find((t) => t.id === row.table)?.columns ?? allColumns(dataset);
    for (const rule of rules.filter((r) => r.part === row.metric)) {
      for (const column of columns.filter(values)) {
        const part = figure(row, column.id);
        // Printed in different units (a part in GJ, its whole in MWh), the printed figures are not compared as printed.
        const wholeRow = publishedRow(dataset, rule.whole, column.id);
        if (wholeRow && wholeRow.printedUnit.unit !== row.printedUnit.unit) continue;
        const whole = part && figure(wholeRow, column.id);
        if (part && whole) compare("declared", part, whole);
      }
    }
    if (
      !isNonNegativeSum(
        dataset.catalogue,
        dataset.catalogue.metrics.find((m) => m.id === row.metric),
      )
    )
      continue;
    for (const column of columns.filter(values)) {
      const part = figure(row, column.id);
      if (!part) continue;
      // The nearest ancestor whose column (same period, same source document) prints a number for the metric.
      for (
        let node = dataset.tree.nodes.get(column.node)?.parent;
        node;
        node = dataset.tree.nodes.get(node)?.parent ?? null
      ) {
        const up = columns.find(
          (c) => c.node === node && c.period === column.period && c.report === column.report && !c.change,
        );
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

function causeMessage(c: PartOfComparison, dataset: Dataset): Message {
  const { part, whole } = c;
  const nodeOf = (column: string) => nodeName(dataset, columnById(dataset, column)?.node ?? column);
  const numbers = message("phrase.part-of.numbers", {
    part: part.number.text,
    partLow: bound(part.interval.lo, part.number),
    whole: whole.number.text,
    wholeHigh: bound(whole.interval.hi, whole.number),
  });
  if (c.rule === "declared")
    return message("cause.part-exceeds-whole", {
      part: metricName(dataset, part.metric),
      whole: metricName(dataset, whole.metric),
      node: nodeOf(part.column),
      numbers,
    });
  return message("cause.part-exceeds-whole.tree", {
    node: nodeOf(part.column),
    parent: nodeOf(whole.column),
    metric: metricName(dataset, part.metric),
    numbers,
  });
}

/** Each violation whose part or whole is already a mismatch of the arithmetic checks gets that cell as `explainedBy`. */
export function attributeViolations(
  comparisons: readonly PartOfComparison[],
  arithmetic: readonly Finding[],
): PartOfComparison[] {
  const mismatched = new Set(
    arithmetic.filter((f) => isCellFinding(f) && f.status === "mismatch").map((f) => `${f.metric}\u0000${f.column}`),
  );
  return comparisons.map((c) => {
    if (c.verdict !== "violated") return c;
    const by = [c.whole, c.part].find((x) => mismatched.has(`${x.metric}\u0000${x.column}`));
    return by ? { ...c, explainedBy: { metric: by.metric, column: by.column } } : c;
  });
}

/** One finding (kind part-of, status mismatch) on the part's cell for each violation no arithmetic mismatch explains. */
export function partOfFindings(dataset: Dataset, comparisons: readonly PartOfComparison[]): Finding[] {
  return comparisons
    .filter((c) => c.verdict === "violated" && !c.explainedBy)
    .map((c) => ({
      metric: c.part.metric,
      column: c.part.column,
      kind: "part-of",
      ...findingPlace(dataset, c.part.metric, c.part.column, "part-of"),
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
      whole: {
        metric: c.whole.metric,
        column: c.whole.column,
        published: c.whole.cell.text,
        publishedNumber: c.whole.number,
        publishedInterval: c.whole.interval,
        source: c.whole.cell.source,
        rule: c.rule,
      },
      causes: [{ code: "part-exceeds-whole", message: causeMessage(c, dataset) }],
    }));
}
