// The corrected table: the published table in its own layout (its header, labels, printed units, markers), with the
// figure the data gives written into each mismatch, missing and omitted cell (findings/corrections.ts says which).
// CSV stays clean for pasting: the list of what changed is a separate text (the CLI writes it to stderr), unless
// --marks asks for each changed cell to say what was printed. Markdown carries the list under the table.
import type { CheckResult } from "../findings/checkResult.js";
import type { NumberStyle } from "../schema/common.js";
import { correctedFields, corrections, type Correction } from "../findings/corrections.js";
import { parsePublishedFigure } from "../model/printedNumber.js";
import { neutralise } from "./csv.js";
import { columnLabel, metricLabel, t, type RenderContext } from "./labels.js";
import { sourceText } from "./location.js";
import type { ReportOptions } from "./options.js";

const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const mdEsc = (s: string) => s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

type MarkOption = Partial<Pick<ReportOptions, "marks">>;

function markWith(ctx: RenderContext, on: boolean | undefined, bold = false) {
  if (!on) return undefined;
  return (c: Correction & { corrected: string }) =>
    `${bold ? `**${c.corrected}**` : c.corrected} (${t(ctx, "corrected.printed")}: ${c.printed.trim() === "" ? "—" : c.printed})`;
}

/**
 * A field of the table: a figure stays as it is ("-35.0"), and so does a lone dash (a marker such as "-" for nil,
 * which no spreadsheet runs as a formula); other text a spreadsheet would run is neutralised.
 */
const csvField =
  (style: NumberStyle | undefined) =>
  (v: string): string => {
    const format = style ? { format: { style, declared: true }, signs: true } : { signs: true };
    return quote(parsePublishedFigure(v, true, format).ok || /^\s*[-—–]\s*$/.test(v) ? v : neutralise(v));
  };

export function renderCorrectedCsv(
  result: CheckResult,
  ctx: RenderContext,
  options: Partial<Pick<ReportOptions, "bom">> & MarkOption = {},
): string {
  const list = corrections(result);
  const parts = result.dataset.tables.map((table) => {
    const { header, records } = correctedFields(table, list, markWith(ctx, options.marks));
    return [header, ...records].map((r) => r.map(csvField(result.dataset.numberStyle)).join(",")).join("\n") + "\n";
  });
  return (options.bom ? "\ufeff" : "") + parts.join("\n");
}

/** One line per corrected cell: where, printed → corrected, and why. */
export function correctionLines(result: CheckResult, ctx: RenderContext): string[] {
  const { dataset } = result;
  return corrections(result).map((c) => {
    const f = c.finding;
    const where = `${metricLabel(dataset, f.metric, ctx.lang)} · ${columnLabel(dataset, f.column, ctx.lang)} (${sourceText(f.source, "optional", f.source.name)})`;
    const printed = c.printed.trim() === "" ? "—" : c.printed;
    const change =
      c.corrected === null
        ? `${printed}: ${t(ctx, "corrected.noFigure")}`
        : !c.at
          ? `${printed} → ${c.corrected}: ${t(ctx, "corrected.notInTable")}`
          : `${printed} → ${c.corrected}`;
    return `${where}: ${change} (${t(ctx, `status.${f.status}`)})`;
  });
}

/** The list of what changed, as plain text (the CLI writes it to stderr beside a CSV). */
export function renderCorrectionList(result: CheckResult, ctx: RenderContext): string {
  const lines = correctionLines(result, ctx);
  return lines.length === 0
    ? `${t(ctx, "corrected.none")}\n`
    : `${t(ctx, "corrected.changes")}:\n${lines.map((l) => `  ${l}`).join("\n")}\n`;
}

export function renderCorrectedMarkdown(result: CheckResult, ctx: RenderContext, options: MarkOption = {}): string {
  const list = corrections(result);
  const out: string[] = [];
  for (const table of result.dataset.tables) {
    const { header, records } = correctedFields(table, list, markWith(ctx, options.marks, true));
    if (out.length) out.push("");
    out.push(
      `| ${header.map(mdEsc).join(" | ")} |`,
      `|${header.map(() => "---").join("|")}|`,
      ...records.map((r) => `| ${header.map((_, i) => mdEsc(r[i] ?? "")).join(" | ")} |`),
    );
  }
  const lines = correctionLines(result, ctx);
  out.push("", `## ${t(ctx, "corrected.changes")}`, "");
  if (lines.length === 0) out.push(t(ctx, "corrected.none"));
  for (const l of lines) out.push(`- ${mdEsc(l)}`);
  return out.join("\n") + "\n";
}
