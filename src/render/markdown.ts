// Markdown for working papers, pull-request comments and CI step summaries: the published table by section, each
// analysis section as a table with the terminal's columns, the problems with their causes, the summary.
import type { CheckResult } from "../findings/checkResult.js";
import { isCellFinding, publishedText } from "../findings/finding.js";
import type { ReportOptions } from "./options.js";
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
import { analysisSections, type AnalysisCell, type AnalysisTable } from "./analysisSections.js";
import { STATUS_MARK } from "./style.js";
import { denominatorLine, heading, summaryLine } from "./summary.js";
import { sourceText } from "./location.js";
import { ackLines } from "./acknowledged.js";

/** Text inside a table cell or a line: pipes escaped, line breaks as spaces (a cell is one line). */
const esc = (s: string) => s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

const CLAIM_MARK = { supported: "✓", contradicted: "✗", undecidable: "?" } as const;

function cellText(c: AnalysisCell): string {
  const mark = c.status ? `${STATUS_MARK[c.status]} ` : c.claim ? `${CLAIM_MARK[c.claim]} ` : "";
  return esc(`${mark}${c.text}${c.extra ? ` — ${c.extra.text}` : ""}`);
}

export function markdownTable(table: AnalysisTable): string[] {
  return [
    `| ${table.head.map(esc).join(" | ")} |`,
    `|${table.align.map((a) => (a === "right" ? "--:" : "---")).join("|")}|`,
    ...table.rows.map((r) => `| ${r.map(cellText).join(" | ")} |`),
  ];
}

export function renderMarkdown(
  result: CheckResult,
  ctx: RenderContext,
  options: Pick<ReportOptions, "failOn" | "problemsOnly">,
): string {
  const { failOn, problemsOnly } = options;
  const { dataset } = result;
  const out = [`# ${esc(heading(result, ctx))}`, "", esc(denominatorLine(result, ctx)), ""];
  let section = "";
  let table = dataset.tables[0]?.id;
  const arithmetic = result.findings.filter(isCellFinding);
  for (const f of problemsOnly ? arithmetic.filter((x) => x.status !== "match") : arithmetic) {
    // Several tables: each after a heading with its title (files.published's first, untitled).
    if (f.table !== table) {
      const one = dataset.tables.find((x) => x.id === f.table);
      out.push("", `# ${esc(one ? tableTitle(one) : f.table)}`);
      table = f.table;
      section = "";
    }
    const s = sectionPath(dataset, f.metric, ctx.lang);
    if (s !== section) {
      out.push(
        "",
        `## ${esc(s)}`,
        "",
        `| ${["metric", "unit", "column", "published", "recomputed", "difference", "status"].map((k) => t(ctx, k as "metric")).join(" | ")} |`,
        "|---|---|---|--:|--:|--:|---|",
      );
      section = s;
    }
    const status = `${STATUS_MARK[f.status]} ${t(ctx, `status.${f.status}`)}`;
    const bold = (x: string) => (f.status === "match" || x === "" ? x : `**${x}**`);
    out.push(
      `| ${[metricLabel(dataset, f.metric, ctx.lang), f.kind === "change" ? "%" : unitLabel(dataset, f.metric, result.denominator?.unit, ctx.lang, f.column), columnLabel(dataset, f.column, ctx.lang), publishedText(f), recomputedText(f), differenceText(f), f.status === "match" ? status : `**${status}**`].map((x, i) => esc(i >= 3 && i <= 5 ? bold(x) : x)).join(" | ")} |`,
    );
  }
  for (const s of analysisSections(result, ctx)) {
    out.push("", `## ${esc(s.title)}`, "");
    for (const n of s.notes) out.push(esc(n.text), "");
    if (s.table && s.table.rows.length) out.push(...markdownTable(s.table), "");
    else if (s.empty) out.push(esc(s.empty), "");
    for (const a of s.after) out.push(`- ${esc(a)}`);
    if (s.after.length) out.push("");
    if (s.second && s.second.rows.length) out.push(...markdownTable(s.second), "");
    while (out[out.length - 1] === "") out.pop();
  }
  const problems = result.findings.filter((f) => f.status !== "match" && f.status !== "within-materiality");
  out.push("", `## ${t(ctx, "findings")}`, "");
  if (problems.length === 0) out.push(t(ctx, "noProblems"));
  for (const f of problems) {
    const numbers = wholeText(f, dataset, ctx) ?? `${t(ctx, "recomputed")} ${recomputedText(f)}`;
    out.push(
      `- **${t(ctx, `status.${f.status}`)}** — ${esc(metricLabel(dataset, f.metric, ctx.lang))} · ${esc(columnLabel(dataset, f.column, ctx.lang))}: ${t(ctx, "published")} ${publishedText(f)}, ${esc(numbers)} (\`${sourceText(f.source, "none", f.source.name)}\`)`,
    );
    for (const c of f.causes) out.push(`  - ${esc(causeText(ctx, c))}`);
  }
  if (result.acknowledgements.outcomes.length)
    out.push("", `## ${t(ctx, "ack.title")}`, "", ...ackLines(result, ctx).map((l) => `- ${esc(l)}`));
  out.push("", `**${t(ctx, "summary")}:** ${esc(summaryLine(result, ctx, failOn))}`);
  return out.join("\n") + "\n";
}
