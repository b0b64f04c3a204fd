// One CSV row per finding, for spreadsheets. Numbers are plain decimals (no thousands separators).
import type { CheckResult } from "../pipeline.js";
import { columnLabel, type RenderContext } from "./labels.js";
import { findingJson } from "./json.js";

const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export const CSV_COLUMNS = [
  "metric", "label", "unit", "column", "column_label", "kind", "status", "published", "published_value", "recomputed", "difference",
  "recomputed_lo", "recomputed_hi", "published_lo", "published_hi", "relative_difference", "method", "factors", "source", "causes",
] as const;

export function renderCsv(result: CheckResult, ctx: RenderContext): string {
  const lines = [CSV_COLUMNS.join(",")];
  for (const f of result.findings) {
    const j = findingJson(f, result, ctx);
    lines.push([
      j.metric, j.label, j.unit, j.column, columnLabel(result.dataset, j.column, ctx.lang), j.kind, j.status, j.published, j.publishedValue ?? "",
      j.recomputed ?? "", j.difference ?? "", j.recomputedInterval?.[0] ?? "", j.recomputedInterval?.[1] ?? "", j.publishedInterval?.[0] ?? "",
      j.publishedInterval?.[1] ?? "", j.relativeDifference ?? "", j.method ?? "", (j.factors ?? []).join(" "), `${j.source.file}:${j.source.line}${j.source.column ? `:${j.source.column}` : ""}`, j.causes.map((c) => c.message).join(" | "),
    ].map(quote).join(","));
  }
  return lines.join("\n") + "\n";
}
