// The default output: one aligned table grouped by section, then the problems with their causes, then a summary.
import type { CheckResult } from "../findings/checkResult.js";
import type { ReportOptions } from "./options.js";
import { isCellFinding, publishedText, type Finding } from "../findings/finding.js";
import {
  causeText,
  columnLabel,
  differenceText,
  metricLabel,
  recomputedText,
  sectionPath,
  t,
  tableTitle,
  unitLabel,
  wholeText,
  type RenderContext,
} from "./labels.js";
import { renderAnalysis } from "./analysis.js";
import { gridCell, renderGrid, wrapLine, wrapLines, type GridRow } from "./fit.js";
import { paintStatus, statusPaint, STATUS_MARK, type Paint } from "./style.js";
import { denominatorLine, heading, summaryLine } from "./summary.js";
import { sourceText } from "./location.js";
import { ackLines, ackSuffix } from "./acknowledged.js";

export type TableOptions = Pick<ReportOptions, "paint" | "failOn" | "problemsOnly" | "datasetArg" | "width">;

export function renderTable(result: CheckResult, ctx: RenderContext, opts: TableOptions): string {
  const { dataset } = result;
  const p = opts.paint;
  const width = opts.width;
  const out: string[] = [...wrapLines([p.bold(heading(result, ctx)), denominatorLine(result, ctx)], width), ""];
  // The main table holds the arithmetic checks; recalculation, boundary and part-of findings have their own sections.
  const arithmetic = result.findings.filter(isCellFinding);
  const shown = opts.problemsOnly ? arithmetic.filter((f) => f.status !== "match") : arithmetic;

  if (shown.length > 0) {
    const rows: GridRow[] = [];
    let section = "";
    let metric = "";
    let table = dataset.tables[0]?.id;
    for (const f of shown) {
      // Several tables: each after a line with its title (files.published's first, untitled).
      if (f.table !== table) {
        const one = dataset.tables.find((x) => x.id === f.table);
        rows.push({ span: gridCell(one ? tableTitle(one) : f.table, p.bold) });
        table = f.table;
        section = "";
      }
      const s = sectionPath(dataset, f.metric, ctx.lang);
      if (s !== section) {
        rows.push({ span: gridCell(s, p.cyan.bold) });
        section = s;
        metric = "";
      }
      const bold = f.status !== "match" ? p.bold : undefined;
      rows.push([
        gridCell(f.metric === metric ? "" : metricLabel(dataset, f.metric, ctx.lang)),
        gridCell(f.metric === metric ? "" : unitLabel(dataset, f.metric, result.denominator?.unit, ctx.lang, f.column)),
        gridCell(columnLabel(dataset, f.column, ctx.lang)),
        gridCell(publishedText(f), bold),
        gridCell(recomputedText(f), bold),
        gridCell(differenceText(f), bold),
        gridCell(
          `${STATUS_MARK[f.status]} ${t(ctx, `status.${f.status}`)}${ackSuffix(result, f, ctx)}`,
          statusPaint(p, f.status),
        ),
      ]);
      metric = f.metric;
    }
    out.push(
      renderGrid(
        {
          head: ["metric", "unit", "column", "published", "recomputed", "difference", "status"].map((k) =>
            t(ctx, k as "metric"),
          ),
          align: ["left", "left", "left", "right", "right", "right", "left"],
          wrap: ["words", "words", "words", "none", "none", "none", "words"],
          rows,
          stack: 2,
        },
        p,
        width,
      ),
      "",
    );
  }

  out.push(...renderAnalysis(result, ctx, p, width));
  const problems = result.findings.filter((f) => f.status !== "match" && f.status !== "within-materiality");
  out.push(p.bold(t(ctx, "findings")));
  if (problems.length === 0) out.push(...wrapLines([`  ${t(ctx, "noProblems")}`], width));
  for (const f of problems) out.push(...problemLines(f, result, ctx, p, opts.datasetArg, width));
  if (result.acknowledgements.outcomes.length)
    out.push(
      "",
      p.bold(`${t(ctx, "ack.title")} (${result.acknowledgements.file})`),
      ...wrapLines(
        ackLines(result, ctx).map((l) => `  ${l}`),
        width,
        4,
      ),
    );
  out.push("", ...wrapLines([summaryLine(result, ctx, opts.failOn)], width));
  return out.join("\n") + "\n";
}

export function problemLines(
  f: Finding,
  result: CheckResult,
  ctx: RenderContext,
  p: Paint,
  datasetArg?: string,
  width?: number,
): string[] {
  const where = `${metricLabel(result.dataset, f.metric, ctx.lang)} · ${columnLabel(result.dataset, f.column, ctx.lang)}`;
  const numbers = `${t(ctx, "published")} ${publishedText(f) || "(blank)"}, ${wholeText(f, result.dataset, ctx) ?? `${t(ctx, "recomputed")} ${recomputedText(f)}${f.difference ? ` (${differenceText(f)})` : ""}`}`;
  // The explain command is kept on one line (moved to a line of its own when the line wraps), so it can be copied.
  const hint = `(esg-recalc explain ${f.metric} --column ${f.column}${datasetArg ? ` --dataset ${datasetArg}` : ""})`;
  return [
    ...wrapLine(
      `  ${paintStatus(p, f.status, t(ctx, `status.${f.status}`))}${ackSuffix(result, f, ctx)}  ${p.bold(where)}: ${numbers}  [${sourceText(f.source)}]  ${hint}`,
      width,
      4,
      [hint],
    ),
    ...wrapLines(
      f.causes.map((c) => `      ${causeText(ctx, c)}`),
      width,
      2,
    ),
  ];
}
