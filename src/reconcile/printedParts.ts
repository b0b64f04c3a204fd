// A derived cell recomputed from the table's own printed figures instead of the data: a subtotal from the printed
// figures of its children, an identity from its printed terms, an intensity from its printed numerator (or from
// the printed intensities of the numerator's terms: 0.7 + 1.9 = 2.6 where the data give 2.54). When the published
// figure follows from those and not from the data, the table was computed from rounded or wrong printed figures.
import { allColumns, publishedCell, publishedRow, tableOfColumn } from "../model/columns.js";
import { Dec } from "../model/decimal.js";
import {
  addIntervals,
  divideIntervals,
  pointInterval,
  printedInterval,
  scaleInterval,
  type Interval,
} from "../model/interval.js";
import { metricById } from "../model/catalogue.js";
import type { PrintedNumber } from "../model/printedNumber.js";
import type { Column, Dataset } from "../model/types.js";
import type { Recomputed } from "../compute/recompute.js";
import type { Finding } from "../findings/finding.js";
import { compareNumber } from "./compare.js";

/** One printed figure used as a part: where it is printed and what the data give for that cell (if known). */
export interface PrintedPart {
  metric: string;
  column: string;
  /** null: the table prints "/" or nothing there, which counts as nothing. */
  number: PrintedNumber | null;
  coefficient: Dec;
  /** Does the data agree with the printed part (match or rounding)? null when the data has nothing to say. */
  agreesWithData: boolean | null;
}

/** The cell recomputed from printed parts: parts combined by `op`, with the value and interval they allow. */
export interface FromPrinted {
  op: "sum" | "quotient";
  parts: PrintedPart[];
  /** For a quotient: the denominator the part is divided by. */
  divisor?: { text: string; value: Dec; interval: Interval };
  value: Dec;
  interval: Interval;
}

type Printed = { kind: "number"; number: PrintedNumber } | { kind: "nothing" };

/** What the table prints for a metric in a column: a number, "/" or blank (nothing), or undefined when it has no such cell. */
function printedCell(dataset: Dataset, metric: string, column: string | undefined): Printed | undefined {
  if (column === undefined) return undefined;
  const cell = publishedCell(dataset, metric, column);
  if (!cell) return undefined;
  // Printed in another unit than the metric's (GJ for MWh), a figure is not added to others as printed.
  if (publishedRow(dataset, metric, column)?.printedUnit.toMetric) return undefined;
  return cell.value.kind === "number" ? { kind: "number", number: cell.value.number } : { kind: "nothing" };
}

const agrees = (data: Recomputed | undefined, n: PrintedNumber | null, nonNegative: boolean): boolean | null =>
  data && n ? compareNumber(data.value, data.interval, n, nonNegative) !== "mismatch" : null;

/** Σ coefficient × printed part; undefined when a part has no cell or nothing at all is printed. */
function sumOf(parts: (PrintedPart | undefined)[]): FromPrinted | undefined {
  if (parts.some((p) => p === undefined) || parts.every((p) => !p!.number)) return undefined;
  const ps = parts as PrintedPart[];
  let value = new Dec(0);
  let interval = pointInterval(new Dec(0));
  for (const p of ps) {
    if (!p.number) continue;
    value = value.plus(p.number.value.times(p.coefficient));
    interval = addIntervals(
      interval,
      scaleInterval(printedInterval(p.number.value, p.number.declaredScale ?? p.number.scale), p.coefficient),
    );
  }
  return { op: "sum", parts: ps, value, interval };
}

/** The data's cell for a node and metric in the finding's period, when the caller can look it up. */
export type CellLookup = (node: string, metric: string) => Recomputed | undefined;

/** Every way the cell of finding `f` follows from other printed figures of the table (none for a change column). */
export function fromPrintedParts(
  f: Finding,
  dataset: Dataset,
  column: Column,
  data: CellLookup = () => undefined,
): FromPrinted[] {
  if (column.change || !f.recomputed) return [];
  const r = f.recomputed;
  const part = (
    metric: string,
    col: Column | undefined,
    k: Dec,
    cell: Recomputed | undefined,
  ): PrintedPart | undefined => {
    const p = printedCell(dataset, metric, col?.id);
    if (!p || !col) return undefined;
    const number = p.kind === "number" ? p.number : null;
    return {
      metric,
      column: col.id,
      number,
      coefficient: k,
      agreesWithData: agrees(cell, number, metricById(dataset.catalogue, metric)?.nonNegative ?? false),
    };
  };
  const out: FromPrinted[] = [];
  // A subtotal or total — of a base metric, or of a derived one the table prints for every unit — from the printed
  // figures of the node's children.
  const children = dataset.tree.nodes.get(column.node)?.children ?? [];
  if ((f.kind === "sum" || f.kind === "identity") && children.length > 0) {
    // The children as the same report prints them (a column "as first published" is added up from its own report's).
    // (in the finding's own table: another table may print the children in another unit)
    const columns = tableOfColumn(dataset, column.id)?.columns ?? allColumns(dataset);
    const childColumn = (c: string) =>
      columns.find((x) => x.node === c && x.period === column.period && !x.change && x.report === column.report);
    // Only when every child has a column (otherwise there is no sum of printed parts): a region's thousands of
    // sites have none, and looking up the data of each would build every site's cells.
    const childColumns = children.map(childColumn);
    if (childColumns.every((c) => c !== undefined)) {
      const s = sumOf(children.map((c, i) => part(f.metric, childColumns[i], new Dec(1), data(c, f.metric))));
      if (s) out.push(s);
    }
  }
  if (f.kind === "identity") {
    const metric = metricById(dataset.catalogue, f.metric);
    if (metric?.kind === "derived") {
      const byMetric = new Map(r.inputs.map((x) => [x.metric, x]));
      const s = sumOf(metric.terms.map((t) => part(t.metric, column, t.coefficient, byMetric.get(t.metric))));
      if (s) out.push(s);
    }
  } else if (f.kind === "intensity" && r.denominator) {
    const d = r.denominator;
    const metric = metricById(dataset.catalogue, f.metric);
    const numerator = r.inputs[0];
    if (metric?.kind !== "intensity" || !numerator) return out;
    // The printed numerator ÷ the denominator used.
    const n = part(metric.numerator, column, new Dec(1), numerator);
    if (n?.number && d.interval.lo.gt(0)) {
      out.push({
        op: "quotient",
        parts: [n],
        divisor: { text: d.printed, value: d.value, interval: d.interval },
        value: n.number.value.div(d.value),
        interval: divideIntervals(
          printedInterval(n.number.value, n.number.declaredScale ?? n.number.scale),
          d.interval,
        ),
      });
    }
    // The printed intensities of the numerator's terms, added: total intensity = Σ k × (term ÷ revenue).
    const num = metricById(dataset.catalogue, metric.numerator);
    if (num?.kind === "derived") {
      const termData = new Map(numerator.inputs.map((x) => [x.metric, x]));
      const parts = num.terms.map((t) => {
        const own = dataset.catalogue.metrics.find((m) => m.kind === "intensity" && m.numerator === t.metric);
        const data = termData.get(t.metric);
        const asIntensity: Recomputed | undefined =
          data && d.interval.lo.gt(0)
            ? {
                ...data,
                kind: "intensity",
                value: data.value.div(d.value),
                interval: divideIntervals(data.interval, d.interval),
                inputs: [data],
                denominator: d,
              }
            : undefined;
        return own ? part(own.id, column, t.coefficient, asIntensity) : undefined;
      });
      const s = sumOf(parts);
      if (s) out.push(s);
    }
  }
  return out;
}
