// One quantity broken down several ways in one table (manifest "breakdowns"): emissions by gas and by region, each
// block of rows added up and compared with the same printed total. What is compared is the printed figures, as an
// auditor adds up a printed block, with the interval rules of the printed parts and wholes (partOf.ts): a figure
// printed x to u stands for [x − ½u, x + ½u), a block's sum for the sum of its rows' intervals, and a block adds up
// when that sum and the total's interval share a value (exactly: `holds` when the sum rounds to the total, `rounding`
// otherwise). Each row is also compared with what the data give for it, where the data determine it: a node's row with
// the total's metric recomputed at that node (under the column's node), a metric's row with that metric at the
// column's node (a gas in its own mass times its GWP in the dataset's set). A block that does not add up, or a row the
// data contradict, is a finding of kind `breakdown` on the total's cell naming the block, its rows and the total, with
// the cause that is true: the rows the data contradict (with the data's figures the block adds up), the total the
// data contradict (the block adds up to the data's total), the nodes a block of nodes leaves out (with their data the
// block adds up), or none known.
import { lookup } from "../compute/recompute.js";
import { Dec, roundTo } from "../model/decimal.js";
import { addIntervals, intervalsOverlap, pointInterval, scaleInterval, type Interval } from "../model/interval.js";
import { metricById } from "../model/catalogue.js";
import { printNumber, type PrintedNumber } from "../model/printedNumber.js";
import { metricToBase, metricUnit } from "../model/units.js";
import { PUBLISHED_TABLE, publishedRow } from "../model/columns.js";
import type { BreakdownRow, Column, Dataset } from "../model/types.js";
import type { BreakdownCheck, BreakdownRowCheck } from "../findings/results.js";
import type { Finding } from "../findings/finding.js";
import { message, type Message } from "../findings/message.js";
import { nodeName } from "../findings/names.js";
import { compareNumber, publishedIntervalOf } from "./compare.js";
import type { PeriodTables } from "./reconcile.js";

const isUnder = (dataset: Dataset, node: string, ancestor: string): boolean => {
  for (let n: string | null = node; n; n = dataset.tree.nodes.get(n)?.parent ?? null) if (n === ancestor) return true;
  return false;
};

/**
 * How many units of the total's metric one unit of `metric` is: the ratio of their units when both measure the
 * same (tCO2 in tCO2e), else the GWP the dataset's set gives the gas (a term of a derived CO2e metric); null when
 * neither (the data cannot put the row in the total's unit).
 */
export function inTotalsUnit(dataset: Dataset, metric: string, total: string): Dec | null {
  const cat = dataset.catalogue;
  const a = metricUnit(cat, metric);
  const b = metricUnit(cat, total);
  if (!a || !b) return null;
  if (a.dimension === b.dimension) return metricToBase(cat, metric).div(metricToBase(cat, total));
  for (const m of cat.metrics) {
    if (m.kind !== "derived") continue;
    const t = m.terms.find((x) => x.metric === metric && x.gwp);
    const target = metricUnit(cat, m.id);
    if (t && target?.dimension === b.dimension)
      return t.coefficient.times(metricToBase(cat, m.id)).div(metricToBase(cat, total));
  }
  return null;
}

/** What the data give for a block's row in a column, in the row's printed unit; null when they do not determine it. */
function rowData(
  dataset: Dataset,
  tables: PeriodTables,
  total: string,
  row: BreakdownRow,
  column: Column,
): { value: Dec; interval: Interval } | null {
  const table = tables.get(column.period);
  if (!table) return null;
  let k: Dec | null = new Dec(1);
  let r;
  if ("node" in row.target) {
    if (!isUnder(dataset, row.target.node, column.node)) return null;
    r = lookup(table, row.target.node, total);
  } else {
    k = inTotalsUnit(dataset, row.target.metric, total);
    r = lookup(table, column.node, row.target.metric);
  }
  if (!r || !k) return null;
  // Printed in another unit of the total's (ktCO2e for tCO2e): converted exactly.
  const f = row.printedUnit.toMetric ? k.div(row.printedUnit.toMetric) : k;
  return { value: r.value.times(f), interval: scaleInterval(r.interval, f) };
}

/**
 * A block's printed figures added up against the printed total: the sum, the interval the rows' figures allow (each
 * [x − ½u, x + ½u), clamped at zero: block rows cannot be negative) and the total's; `violated` when the two share no
 * value (half-open: the sum's lower end at or above the total's upper end, or the other way round), `holds` when the
 * sum rounds (half-up) to the printed total, else `rounding`.
 */
export function blockVerdict(
  rows: readonly PrintedNumber[],
  total: PrintedNumber,
  totalNonNegative: boolean,
): { sum: Dec; sumInterval: Interval; interval: Interval; verdict: BreakdownCheck["verdict"] } {
  const sum = rows.reduce((s, n) => s.plus(n.value), new Dec(0));
  const sumInterval = rows.reduce((s, n) => addIntervals(s, publishedIntervalOf(n, true)), pointInterval(new Dec(0)));
  const interval = publishedIntervalOf(total, totalNonNegative);
  const verdict = !intervalsOverlap(sumInterval, interval)
    ? "violated"
    : roundTo(sum, total.declaredScale ?? total.scale).eq(total.value)
      ? "holds"
      : "rounding";
  return { sum, sumInterval, interval, verdict };
}

/** Every block of every breakdown in every column (not a change column) where the total and some row print a figure. */
export function checkBreakdowns(dataset: Dataset, tables: PeriodTables): BreakdownCheck[] {
  const out: BreakdownCheck[] = [];
  for (const b of dataset.breakdowns ?? []) {
    const nonNegative = metricById(dataset.catalogue, b.total)?.nonNegative ?? false;
    const columns = dataset.tables.find((t) => t.id === b.table)?.columns ?? [];
    const totalRow = dataset.tables.find((t) => t.id === b.table)?.rows.find((r) => r.metric === b.total);
    for (const block of b.blocks)
      for (const column of columns) {
        if (column.change) continue;
        const totalCell = totalRow?.cells.find((c) => c.column === column.id);
        if (!totalCell || totalCell.value.kind !== "number") continue;
        const rows: BreakdownRowCheck[] = [];
        for (const row of block.rows) {
          const cell = row.cells.find((c) => c.column === column.id);
          if (!cell || cell.value.kind !== "number") continue;
          const number = cell.value.number;
          const data = rowData(dataset, tables, b.total, row, column);
          rows.push({
            row,
            cell,
            number,
            interval: publishedIntervalOf(number, true),
            data,
            status: data ? compareNumber(data.value, data.interval, number, true) : null,
          });
        }
        if (rows.length === 0) continue;
        const number = totalCell.value.number;
        const { sum, sumInterval, interval, verdict } = blockVerdict(
          rows.map((r) => r.number),
          number,
          nonNegative,
        );
        out.push({
          breakdown: b.id,
          table: b.table,
          block,
          column,
          total: { metric: b.total, cell: totalCell, number, interval },
          rows,
          sum,
          sumInterval,
          verdict,
        });
      }
  }
  return out;
}

/** A row as the cause names it: "South China 990.3". */
const rowText = (r: BreakdownRowCheck): string => `${r.row.label.trim()} ${r.number.text.trim()}`;

/**
 * The nodes under the column's node that no row of a block of nodes covers, each as high up the tree as possible (a
 * region none of whose sites is printed, not its sites); none when the rows cover it all.
 */
function leftOut(dataset: Dataset, c: BreakdownCheck): string[] {
  const covered = new Set(c.rows.flatMap((r) => ("node" in r.row.target ? [r.row.target.node] : [])));
  const out: string[] = [];
  const visit = (node: string) => {
    if (covered.has(node)) return;
    const children = dataset.tree.nodes.get(node)?.children ?? [];
    if ([...covered].some((x) => x !== node && isUnder(dataset, x, node)) && children.length) children.forEach(visit);
    else out.push(node);
  };
  visit(c.column.node);
  // The column's node itself left out means no row is under it: nothing to say.
  return out.includes(c.column.node) ? [] : out;
}

/** The true cause of a block's finding (see the file's head). */
function causeOf(dataset: Dataset, tables: PeriodTables, c: BreakdownCheck): { code: string; message: Message } {
  const scale = Math.max(c.total.number.scale, ...c.rows.map((r) => r.number.scale));
  const wrong = c.rows.filter((r) => r.status === "mismatch");
  const block = message("phrase.breakdown.block", {
    heading: c.block.heading.trim(),
    rows: c.rows.map(rowText).join(" + "),
    sum: printNumber(c.sum, scale),
    total: c.total.number.text.trim(),
  });
  const dataOf = (r: BreakdownRowCheck) =>
    message("phrase.breakdown.row-data", {
      row: r.row.label.trim(),
      printed: r.number.text.trim(),
      data: printNumber(r.data!.value, r.number.scale),
    });
  const rowsList = () => ({ items: wrong.map(dataOf), join: "phrase.join.semicolon" });
  if (c.verdict !== "violated")
    return { code: "breakdown-row-data", message: message("cause.breakdown-row-data", { block, rows: rowsList() }) };
  // With the data's figures in place of the rows the data contradict, does the block add up?
  if (wrong.length) {
    const fixed = c.rows.reduce(
      (s, r) => addIntervals(s, r.status === "mismatch" ? r.data!.interval : r.interval),
      pointInterval(new Dec(0)),
    );
    if (intervalsOverlap(fixed, c.total.interval))
      return { code: "breakdown-rows", message: message("cause.breakdown-rows", { block, rows: rowsList() }) };
  }
  // A block of nodes that leaves out part of the column's node (a region not printed): with the data's figures of the
  // nodes left out, does it add up?
  const left = c.block.of === "nodes" ? leftOut(dataset, c) : [];
  if (left.length) {
    const table = tables.get(c.column.period);
    const toMetric = c.rows[0]!.row.printedUnit.toMetric;
    const f = toMetric ? new Dec(1).div(toMetric) : new Dec(1);
    const data = left.map((node) => ({ node, r: table ? lookup(table, node, c.total.metric) : undefined }));
    if (data.every((x) => x.r)) {
      const withLeft = data.reduce((i, x) => addIntervals(i, scaleInterval(x.r!.interval, f)), c.sumInterval);
      if (intervalsOverlap(withLeft, c.total.interval))
        return {
          code: "breakdown-incomplete",
          message: message("cause.breakdown-incomplete", {
            block,
            nodes: {
              items: data.map((x) =>
                message("phrase.breakdown.node-data", {
                  node: nodeName(dataset, x.node),
                  data: printNumber(x.r!.value.times(f), scale),
                }),
              ),
              join: "phrase.join.semicolon",
            },
          }),
        };
    }
  }
  // Does the block add up to the data's total, which the printed total does not follow from?
  const table = tables.get(c.column.period);
  const t = table ? lookup(table, c.column.node, c.total.metric) : undefined;
  const toMetric = publishedRow(dataset, c.total.metric, c.column.id)?.printedUnit.toMetric;
  if (t) {
    const f = toMetric ? new Dec(1).div(toMetric) : new Dec(1);
    const data = { value: t.value.times(f), interval: scaleInterval(t.interval, f) };
    const nonNegative = metricById(dataset.catalogue, c.total.metric)?.nonNegative ?? false;
    if (
      compareNumber(data.value, data.interval, c.total.number, nonNegative) === "mismatch" &&
      intervalsOverlap(c.sumInterval, data.interval)
    )
      return {
        code: "breakdown-total",
        message: message("cause.breakdown-total", {
          block,
          total: c.total.number.text.trim(),
          data: printNumber(data.value, c.total.number.scale),
        }),
      };
  }
  return { code: "breakdown-unexplained", message: message("cause.breakdown-unexplained", { block }) };
}

/** A finding (kind breakdown, status mismatch) for each block that does not add up or has a row the data contradict. */
export function breakdownFindings(
  dataset: Dataset,
  tables: PeriodTables,
  checks: readonly BreakdownCheck[],
): Finding[] {
  return checks
    .filter((c) => c.verdict === "violated" || c.rows.some((r) => r.status === "mismatch"))
    .map((c) => {
      const n = c.total.number;
      const scale = n.declaredScale ?? n.scale;
      const rounded = roundTo(c.sum, scale);
      const row = publishedRow(dataset, c.total.metric, c.column.id);
      return {
        metric: c.total.metric,
        column: c.column.id,
        kind: "breakdown" as const,
        table: c.table,
        unit: row?.unit ?? "",
        key: `${c.table === PUBLISHED_TABLE ? "" : `${c.table}/`}${c.total.metric}/${c.column.id}/breakdown/${c.breakdown}/${c.block.id}`,
        status: "mismatch" as const,
        published: c.total.cell.text,
        publishedNumber: n,
        publishedInterval: c.total.interval,
        recomputed: null,
        recomputedExact: c.sum,
        recomputedInterval: c.sumInterval,
        recomputedRounded: rounded,
        displayScale: scale,
        difference: rounded.minus(n.value),
        source: c.block.source,
        causes: [causeOf(dataset, tables, c)],
      };
    });
}
