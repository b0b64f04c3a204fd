// One CSV row per finding, for spreadsheets. Numbers are plain decimals (no thousands separators).
// Excel-friendly: an optional UTF-8 byte-order mark (so Excel reads Chinese labels as UTF-8), and text cells that a
// spreadsheet would take for a formula (=, +, -, @, tab, carriage return first) are neutralised with a leading
// single quote, as OWASP recommends against CSV injection. Number cells (-0.1) are left as they are.
import type { Finding } from "../findings/finding.js";
import type { CheckResult } from "../findings/checkResult.js";
import type { ReportOptions } from "./options.js";
import { columnLabel, type RenderContext } from "./labels.js";
import { findingJson } from "./json.js";
import { sourceText } from "./location.js";

const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** Characters that make Excel, LibreOffice and Google Sheets read a cell as a formula (OWASP, CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell, neutralised when a spreadsheet would evaluate it. */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export const CSV_COLUMNS = [
  "metric",
  "label",
  "unit",
  "column",
  "column_label",
  "kind",
  "status",
  "published",
  "published_value",
  "recomputed",
  "difference",
  "recomputed_lo",
  "recomputed_hi",
  "published_lo",
  "published_hi",
  "relative_difference",
  "method",
  "factors",
  "source",
  "causes",
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** Columns that only ever hold a decimal the tool wrote itself (or nothing): never neutralised, so "-0.1" stays a number. */
export const NUMBER_COLUMNS: ReadonlySet<CsvColumn> = new Set([
  "published_value",
  "recomputed",
  "difference",
  "recomputed_lo",
  "recomputed_hi",
  "published_lo",
  "published_hi",
  "relative_difference",
]);

export type CsvOptions = Partial<Pick<ReportOptions, "bom" | "problemsOnly">>;

/** One finding's fields, by column (the workbook's findings sheet has the same). */
export function findingRow(f: Finding, result: CheckResult, ctx: RenderContext): Record<CsvColumn, string> {
  const j = findingJson(f, result, ctx);
  return {
    metric: j.metric,
    label: j.label,
    unit: j.unit,
    column: j.column,
    column_label: columnLabel(result.dataset, j.column, ctx.lang),
    kind: j.kind,
    status: j.status,
    published: j.published,
    published_value: j.publishedValue ?? "",
    recomputed: j.recomputed ?? "",
    difference: j.difference ?? "",
    recomputed_lo: j.recomputedInterval?.[0] ?? "",
    recomputed_hi: j.recomputedInterval?.[1] ?? "",
    published_lo: j.publishedInterval?.[0] ?? "",
    published_hi: j.publishedInterval?.[1] ?? "",
    relative_difference: j.relativeDifference ?? "",
    method: j.method ?? "",
    factors: (j.factors ?? []).join(" "),
    source: sourceText(j.source),
    causes: j.causes.map((c) => c.message).join(" | "),
  };
}

export function renderCsv(result: CheckResult, ctx: RenderContext, options: CsvOptions = {}): string {
  const lines = [CSV_COLUMNS.join(",")];
  for (const f of options.problemsOnly ? result.findings.filter((x) => x.status !== "match") : result.findings) {
    const row = findingRow(f, result, ctx);
    lines.push(
      CSV_COLUMNS.map((c) => {
        const v = row[c];
        // The published text is kept as printed when it is a number ("-35.0"); any other text is neutralised.
        const isNumber = NUMBER_COLUMNS.has(c) || (c === "published" && f.publishedNumber !== null);
        return quote(isNumber ? v : neutralise(v));
      }).join(","),
    );
  }
  return (options.bom ? "\ufeff" : "") + lines.join("\n") + "\n";
}
