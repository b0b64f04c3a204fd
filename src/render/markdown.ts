// Markdown for working papers, pull-request comments and CI step summaries.
import { publishedText } from "../findings/finding.js";
import { type CheckResult, isCellFinding } from "../findings/checkResult.js";
import type { ReportOptions } from "./options.js";
import { columnLabel, differenceText, metricLabel, recomputedText, sectionPath, t, unitLabel, type RenderContext, causeText } from "./labels.js";
import { renderAnalysis } from "./analysis.js";
import { paint, STATUS_MARK } from "./style.js";
import { denominatorLine, heading, summaryLine } from "./summary.js";
import { sourceText } from "./location.js";

const esc = (s: string) => s.replace(/\|/g, "\\|");

export function renderMarkdown(result: CheckResult, ctx: RenderContext, options: Pick<ReportOptions, "failOn" | "problemsOnly">): string {
  const { failOn, problemsOnly } = options;
  const { dataset } = result;
  const out = [`# ${esc(heading(result, ctx))}`, "", esc(denominatorLine(result, ctx)), ""];
  let section = "";
  const arithmetic = result.findings.filter(isCellFinding);
  for (const f of problemsOnly ? arithmetic.filter((x) => x.status !== "match") : arithmetic) {
    const s = sectionPath(dataset, f.metric, ctx.lang);
    if (s !== section) {
      out.push("", `## ${esc(s)}`, "", `| ${["metric", "unit", "column", "published", "recomputed", "difference", "status"].map((k) => t(ctx, k as "metric")).join(" | ")} |`, "|---|---|---|--:|--:|--:|---|");
      section = s;
    }
    const status = `${STATUS_MARK[f.status]} ${t(ctx, `status.${f.status}`)}`;
    const bold = (x: string) => (f.status === "match" || x === "" ? x : `**${x}**`);
    out.push(`| ${[metricLabel(dataset, f.metric, ctx.lang), f.kind === "change" ? "%" : unitLabel(dataset, f.metric, result.denominator?.unit, ctx.lang), columnLabel(dataset, f.column, ctx.lang), publishedText(f), recomputedText(f), differenceText(f), f.status === "match" ? status : `**${status}**`].map((x, i) => esc(i >= 3 && i <= 5 ? bold(x) : x)).join(" | ")} |`);
  }
  const analysis = renderAnalysis(result, ctx, paint(0));
  if (analysis.length) out.push("", "```text", ...analysis.filter((l, i, a) => !(l === "" && i === a.length - 1)), "```");
  const problems = result.findings.filter((f) => f.status !== "match" && f.status !== "within-materiality");
  out.push("", `## ${t(ctx, "findings")}`, "");
  if (problems.length === 0) out.push(t(ctx, "noProblems"));
  for (const f of problems) {
    out.push(`- **${t(ctx, `status.${f.status}`)}** — ${esc(metricLabel(dataset, f.metric, ctx.lang))} · ${esc(columnLabel(dataset, f.column, ctx.lang))}: ${t(ctx, "published")} ${publishedText(f)}, ${t(ctx, "recomputed")} ${recomputedText(f)} (\`${sourceText(f.source, "none", f.source.name)}\`)`);
    for (const c of f.causes) out.push(`  - ${esc(causeText(ctx, c))}`);
  }
  out.push("", `**${t(ctx, "summary")}:** ${esc(summaryLine(result, ctx, failOn))}`);
  return out.join("\n") + "\n";
}
