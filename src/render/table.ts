// The default output: one aligned table grouped by section, then the problems with their causes, then a summary.
import Table from "cli-table3";
import { type CheckResult, isCellFinding } from "../findings/checkResult.js";
import type { ReportOptions } from "./options.js";
import { type Finding, publishedText } from "../findings/finding.js";
import { columnLabel, differenceText, metricLabel, recomputedText, sectionPath, t, unitLabel, type RenderContext, causeText } from "./labels.js";
import { renderAnalysis } from "./analysis.js";
import { paintStatus, type Paint } from "./style.js";
import { denominatorLine, heading, summaryLine } from "./summary.js";
import { sourceText } from "./location.js";

export type TableOptions = Pick<ReportOptions, "paint" | "failOn" | "problemsOnly" | "datasetArg">;

export function renderTable(result: CheckResult, ctx: RenderContext, opts: TableOptions): string {
  const { dataset } = result;
  const p = opts.paint;
  const out: string[] = [p.bold(heading(result, ctx)), denominatorLine(result, ctx), ""];
  // The main table holds the arithmetic checks; recalculation and boundary findings have their own sections.
  const arithmetic = result.findings.filter(isCellFinding);
  const shown = opts.problemsOnly ? arithmetic.filter((f) => f.status !== "match") : arithmetic;

  if (shown.length > 0) {
    const table = new Table({
      head: ["metric", "unit", "column", "published", "recomputed", "difference", "status"].map((k) => p.bold(t(ctx, k as "metric"))),
      colAligns: ["left", "left", "left", "right", "right", "right", "left"],
      style: { head: [], border: [], compact: true },
    });
    let section = "";
    let metric = "";
    for (const f of shown) {
      const s = sectionPath(dataset, f.metric, ctx.lang);
      if (s !== section) {
        table.push([{ colSpan: 7, content: p.cyan.bold(s) }]);
        section = s;
        metric = "";
      }
      const problem = f.status !== "match";
      const cell = (text: string) => (problem ? p.bold(text) : text);
      table.push([
        f.metric === metric ? "" : metricLabel(dataset, f.metric, ctx.lang),
        f.metric === metric ? "" : unitLabel(dataset, f.metric, result.denominator?.unit, ctx.lang),
        columnLabel(dataset, f.column, ctx.lang),
        cell(publishedText(f)),
        cell(recomputedText(f)),
        cell(differenceText(f)),
        paintStatus(p, f.status, t(ctx, `status.${f.status}`)),
      ]);
      metric = f.metric;
    }
    out.push(table.toString(), "");
  }

  out.push(...renderAnalysis(result, ctx, p));
  const problems = result.findings.filter((f) => f.status !== "match" && f.status !== "within-materiality");
  out.push(p.bold(t(ctx, "findings")));
  if (problems.length === 0) out.push(`  ${t(ctx, "noProblems")}`);
  for (const f of problems) out.push(...problemLines(f, result, ctx, p, opts.datasetArg));
  out.push("", summaryLine(result, ctx, opts.failOn));
  return out.join("\n") + "\n";
}

export function problemLines(f: Finding, result: CheckResult, ctx: RenderContext, p: Paint, datasetArg?: string): string[] {
  const where = `${metricLabel(result.dataset, f.metric, ctx.lang)} · ${columnLabel(result.dataset, f.column, ctx.lang)}`;
  const numbers = `${t(ctx, "published")} ${publishedText(f) || "(blank)"}, ${t(ctx, "recomputed")} ${recomputedText(f)}${f.difference ? ` (${differenceText(f)})` : ""}`;
  return [
    `  ${paintStatus(p, f.status, t(ctx, `status.${f.status}`))}  ${p.bold(where)}: ${numbers}  [${sourceText(f.source)}]  (esg-recalc explain ${f.metric} --column ${f.column}${datasetArg ? ` --dataset ${datasetArg}` : ""})`,
    ...f.causes.map((c) => `      ${causeText(ctx, c)}`),
  ];
}
