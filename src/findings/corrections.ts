// The corrected table: which published cells the data contradicts, and the figure the data gives in their place.
// Only a cell's own arithmetic finding (input, sum, identity, intensity, change) can correct it: a `mismatch`,
// `missing` or `omitted` cell gets the recomputed figure at the published precision; so does a row of a breakdown
// block the data contradict (findings of kind breakdown: the block's own sum is no figure of the data). A `rounding` cell stays as
// printed (the printed figure is a valid rounding); recalculations from factors and boundary estimates are
// judgements about the data, not figures the data gives, so they are never written into the table.
import { publishedCell } from "../model/columns.js";
import { roundTo, type Dec } from "../model/decimal.js";
import { foldFigure, printNumber } from "../model/printedNumber.js";
import type { PublishedTable } from "../model/types.js";
import type { CheckResult } from "./checkResult.js";
import { isCellFinding, type Finding } from "./finding.js";
import type { Status } from "./status.js";
import type { NumberStyle } from "../schema/common.js";

/** Statuses whose cell the corrected table rewrites. */
export const CORRECTED_STATUSES: readonly Status[] = ["mismatch", "missing", "omitted"];

export interface Correction {
  finding: Finding;
  table: string;
  /** The cell as printed. */
  printed: string;
  /** The cell as the corrected table writes it; null: the data gives no figure (a `missing` cell stays as printed). */
  corrected: string | null;
  /** Where the cell's text is in the table as read; absent when a long table does not list the cell. */
  at?: { record: number; field: number };
}

/** The table's habit for figures of four or more integer digits: grouped by commas, by spaces, or not at all. */
type Grouping = "," | " " | "";

function groupingOf(text: string): Grouping | null {
  const m = /^[+-]?(\d[\d, ]*\d|\d)/.exec(foldFigure(text).trim());
  if (!m) return null;
  const whole = m[1]!;
  if (whole.includes(",")) return ",";
  if (whole.includes(" ")) return " ";
  return whole.length >= 4 ? "" : null;
}

function tableGrouping(table: PublishedTable): Grouping {
  for (const row of table.rows) {
    for (const c of row.cells) {
      const g = c.value.kind === "number" ? groupingOf(c.value.number.text) : null;
      if (g !== null) return g;
    }
  }
  return ",";
}

function figureText(value: Dec, scale: number, grouping: Grouping, style: NumberStyle = "1,234.5"): string {
  const text = printNumber(value, Math.max(scale, 0));
  // A table printed in another notation gets its figures in that notation (it is read back the same way).
  if (style !== "1,234.5") {
    const [thousands, decimal] = STYLE_MARKS[style];
    return text.replace(/[,.]/g, (c) => (c === "," ? thousands : decimal));
  }
  return grouping === "," ? text : text.replace(/,/g, grouping);
}

/** Each declared notation's thousands separator and decimal mark (model/printedNumber.ts reads the same). */
const STYLE_MARKS: Record<Exclude<NumberStyle, "1,234.5">, [string, string]> = {
  "1.234,5": [".", ","],
  "1 234,5": [" ", ","],
  "1 234.5": [" ", "."],
  "1234.5": ["", "."],
};

/**
 * A figure written the way the cell printed its own: the same grouping of thousands, "%" where the cell had one,
 * the footnote marker kept after it with the space the cell had before it.
 */
function rewrite(
  printed: string,
  value: Dec,
  scale: number,
  tableHabit: Grouping,
  marker: string | undefined,
  style: NumberStyle | undefined,
): string {
  const grouping = groupingOf(printed) ?? tableHabit;
  let base = printed;
  let tail = "";
  if (marker) {
    const at = printed.lastIndexOf(marker);
    base = printed.slice(0, at).replace(/\s+$/, "");
    tail = printed.slice(base.length);
  }
  const percent = /[%％]\s*$/.test(base) ? base.trim().slice(-1) : "";
  // A negative figure keeps the way the cell wrote its sign: "(12.3)" in accounting style, "△12.3" or "▲12.3".
  const sign = /^\s*[(（]/.test(base) ? "(" : (/^\s*([△▲])/.exec(base)?.[1] ?? "");
  if (value.isNegative() && !value.isZero() && sign) {
    const digits = figureText(value.abs(), scale, grouping, style);
    return `${sign === "(" ? `(${digits})` : `${sign}${digits}`}${percent}${tail}`;
  }
  return `${figureText(value, scale, grouping, style)}${percent}${tail}`;
}

/** Every cell the corrected table changes (or would, for a `missing` cell the data gives no figure for), in table order. */
export function corrections(result: CheckResult): Correction[] {
  const { dataset } = result;
  const habits = new Map(dataset.tables.map((t) => [t.id, tableGrouping(t)]));
  const out: Correction[] = [];
  for (const f of result.findings) {
    if (!isCellFinding(f) || !CORRECTED_STATUSES.includes(f.status)) continue;
    const cell = publishedCell(dataset, f.metric, f.column);
    const printed = cell?.text ?? f.published;
    const habit = habits.get(f.table) ?? ",";
    const corrected =
      f.recomputedRounded === null
        ? null
        : rewrite(
            f.status === "omitted" ? "" : printed,
            f.recomputedRounded,
            f.displayScale,
            habit,
            f.publishedNumber?.marker,
            dataset.numberStyle,
          );
    out.push({ finding: f, table: f.table, printed, corrected, ...(cell?.at ? { at: cell.at } : {}) });
  }
  // A breakdown's rows the data contradict (a region printed 990.3 where its sites give 909.3): the data's figure, at
  // the row's precision, with the block's finding (its source the row's cell).
  for (const c of result.breakdowns ?? []) {
    const f = result.findings.find(
      (x) =>
        x.kind === "breakdown" && x.column === c.column.id && x.key.endsWith(`/breakdown/${c.breakdown}/${c.block.id}`),
    );
    if (!f) continue;
    for (const r of c.rows) {
      if (r.status !== "mismatch" || !r.data) continue;
      const scale = r.number.declaredScale ?? r.number.scale;
      const corrected = rewrite(
        r.cell.text,
        roundTo(r.data.value, scale),
        scale,
        habits.get(c.table) ?? ",",
        r.number.marker,
        dataset.numberStyle,
      );
      out.push({
        finding: { ...f, source: r.cell.source },
        table: c.table,
        printed: r.cell.text,
        corrected,
        ...(r.cell.at ? { at: r.cell.at } : {}),
      });
    }
  }
  return out;
}

/** A table's fields with the corrections written in (`mark`: also the printed figure after each changed one). */
export function correctedFields(
  table: PublishedTable,
  list: readonly Correction[],
  mark?: (c: Correction & { corrected: string }) => string,
): { header: string[]; records: string[][] } {
  const records = table.layout.records.map((r) => [...r]);
  for (const c of list) {
    if (c.table !== table.id || c.corrected === null || !c.at) continue;
    const record = records[c.at.record];
    if (!record) continue;
    while (record.length <= c.at.field) record.push("");
    record[c.at.field] = mark ? mark(c as Correction & { corrected: string }) : c.corrected;
  }
  return { header: [...table.layout.header], records };
}
