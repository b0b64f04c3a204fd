// Reports of `esg-recalc check DIR...`: many datasets, one report. Each format is the single-dataset one per
// dataset, put together the way its readers expect: a summary table (company, period, cells, counts per status,
// verdict); one JSON document or one JSON line per dataset; CSV and Markdown with a dataset column; an HTML page
// with a section per dataset; one SARIF run, one JUnit suite, one group of GitHub annotations per dataset. A
// dataset that could not be checked is reported with its input errors, and the others still are.
import { failed, type CheckResult } from "../findings/checkResult.js";
import { isCellFinding, publishedText } from "../findings/finding.js";
import { INPUT_ERROR_TITLES, type InputError } from "../findings/inputError.js";
import { STATUSES, type Status } from "../findings/status.js";
import { label } from "../schema/common.js";
import type { BatchEntryJson, BatchJson, BatchLineJson } from "../schema/batch.js";
import { CSV_COLUMNS, findingRow, neutralise, NUMBER_COLUMNS } from "./csv.js";
import { command } from "./github.js";
import { renderGithub } from "./github.js";
import { renderHtml } from "./html.js";
import { reportJson } from "./json.js";
import { renderJunit } from "./junit.js";
import { columnLabel, metricLabel, recomputedText, t, type RenderContext } from "./labels.js";
import type { ReportOptions } from "./options.js";
import { renderSarif, SARIF_SCHEMA } from "./sarif.js";
import { xmlAttr, xmlText } from "./junit.js";
import { renderGrid, gridCell, type GridRow } from "./fit.js";
import { STATUS_MARK } from "./style.js";

/** One dataset of a batch: checked (result) or not (its input errors). */
export interface BatchEntry {
  /** The folder as given, or as found inside a folder given. */
  path: string;
  result: CheckResult | null;
  errors: InputError[];
}

export type BatchVerdict = "pass" | "fail" | "error";

export type BatchReporter = (entries: readonly BatchEntry[], ctx: RenderContext, options: ReportOptions) => string;

export function verdictOf(e: BatchEntry, failOn: Status | "none"): BatchVerdict {
  if (!e.result) return "error";
  return failed(e.result, failOn) ? "fail" : "pass";
}

/** error if any dataset could not be checked, else fail if any fails, else pass: the exit code 2, 1, 0. */
export function batchVerdict(entries: readonly BatchEntry[], failOn: Status | "none"): BatchVerdict {
  const v = entries.map((e) => verdictOf(e, failOn));
  return v.includes("error") ? "error" : v.includes("fail") ? "fail" : "pass";
}

const errorJson = (e: InputError) => {
  const { excerpt: _excerpt, ...rest } = e;
  return { ...rest, title: INPUT_ERROR_TITLES[e.code] };
};

function entryJson(e: BatchEntry, ctx: RenderContext, options: ReportOptions): BatchEntryJson {
  return { path: e.path, verdict: verdictOf(e, options.failOn), report: e.result ? reportJson(e.result, ctx, options.failOn, options.problemsOnly) : null, errors: e.errors.map(errorJson) };
}

export function batchJson(entries: readonly BatchEntry[], ctx: RenderContext, options: ReportOptions): BatchJson {
  const verdicts = entries.map((e) => verdictOf(e, options.failOn));
  return {
    schemaVersion: 1,
    tool: "esg-recalc",
    kind: "batch",
    failOn: options.failOn,
    verdict: batchVerdict(entries, options.failOn),
    counts: { datasets: entries.length, pass: verdicts.filter((v) => v === "pass").length, fail: verdicts.filter((v) => v === "fail").length, error: verdicts.filter((v) => v === "error").length },
    datasets: entries.map((e) => entryJson(e, ctx, options)),
  };
}

export const renderBatchJson: BatchReporter = (entries, ctx, options) => JSON.stringify(batchJson(entries, ctx, options), null, 2) + "\n";

export const renderBatchJsonl: BatchReporter = (entries, ctx, options) =>
  entries.map((e, index) => JSON.stringify({ schemaVersion: 1, tool: "esg-recalc", kind: "batch-entry", index, failOn: options.failOn, ...entryJson(e, ctx, options) } satisfies BatchLineJson) + "\n").join("");

/** Statuses shown in the summary: those of check groups that ran in at least one dataset. */
function shownStatuses(entries: readonly BatchEntry[]): Status[] {
  const results = entries.map((e) => e.result).filter((r): r is CheckResult => r !== null);
  return STATUSES.filter((s) => (s === "within-materiality" || s === "material" ? results.some((r) => r.groups.recalculation) : s === "incomplete" ? results.some((r) => r.groups.boundary) : true));
}

interface SummaryRow {
  path: string;
  company: string;
  period: string;
  cells: string;
  counts: string[];
  verdict: string;
}

function summaryRows(entries: readonly BatchEntry[], ctx: RenderContext, failOn: Status | "none", statuses: Status[]): SummaryRow[] {
  return entries.map((e) => {
    const r = e.result;
    const v = verdictOf(e, failOn);
    return {
      path: e.path,
      company: r ? label(r.dataset.company, ctx.lang) : "",
      period: r ? r.dataset.period.label : "",
      cells: r ? String(r.findings.filter(isCellFinding).length) : "",
      counts: statuses.map((s) => (r ? String(r.counts[s]) : "")),
      verdict: v === "error" ? `input error (${e.errors.length})` : v === "fail" ? t(ctx, "verdictFail") : t(ctx, "verdictPass"),
    };
  });
}

function totalsLine(entries: readonly BatchEntry[], failOn: Status | "none"): string {
  const v = entries.map((e) => verdictOf(e, failOn));
  const n = (x: BatchVerdict) => v.filter((y) => y === x).length;
  return `${entries.length} datasets: ${n("pass")} pass, ${n("fail")} fail, ${n("error")} could not be checked — exit ${n("error") ? 2 : n("fail") ? 1 : 0}`;
}

/** The input errors of a dataset, one line each: file:line:column: message. */
function errorLines(e: BatchEntry): string[] {
  return e.errors.map((x) => `${x.file ?? e.path}${x.line !== undefined ? `:${x.line}` : ""}${x.column !== undefined ? `:${x.column}` : ""}: error[${x.code}]: ${x.message}`);
}

export const renderBatchTable: BatchReporter = (entries, ctx, options) => {
  const statuses = shownStatuses(entries);
  const rows: GridRow[] = summaryRows(entries, ctx, options.failOn, statuses).map((r) => [
    gridCell(r.path), gridCell(r.company), gridCell(r.period), gridCell(r.cells), ...r.counts.map((c) => gridCell(c)), gridCell(r.verdict, r.verdict === t(ctx, "verdictPass") ? undefined : options.paint.bold),
  ]);
  const out = [renderGrid({
    head: ["Dataset", "Company", "Period", "Cells", ...statuses.map((s) => t(ctx, `status.${s}`)), "Verdict"],
    align: ["left", "left", "left", "right", ...statuses.map(() => "right" as const), "left"],
    wrap: ["words", "words", "none", "none", ...statuses.map(() => "none" as const), "words"],
    rows,
  }, options.paint, options.width)];
  for (const e of entries.filter((x) => !x.result)) out.push("", `${e.path}: could not be checked`, ...errorLines(e).map((l) => `  ${l}`));
  out.push("", totalsLine(entries, options.failOn));
  return out.join("\n") + "\n";
};

const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The CSV report with a dataset column first; a dataset that could not be checked gets one row per input error. */
export const renderBatchCsv: BatchReporter = (entries, ctx, options) => {
  const lines = [["dataset", ...CSV_COLUMNS].join(",")];
  for (const e of entries) {
    if (!e.result) {
      for (const x of e.errors) {
        const row = Object.fromEntries(CSV_COLUMNS.map((c) => [c, ""])) as Record<(typeof CSV_COLUMNS)[number], string>;
        row.status = "error";
        row.kind = "input-error";
        row.source = `${x.file ?? ""}${x.line !== undefined ? `:${x.line}` : ""}${x.column !== undefined ? `:${x.column}` : ""}`;
        row.causes = `${x.code}: ${x.message}`;
        lines.push([quote(neutralise(e.path)), ...CSV_COLUMNS.map((c) => quote(neutralise(row[c])))].join(","));
      }
      continue;
    }
    const result = e.result;
    for (const f of options.problemsOnly ? result.findings.filter((x) => x.status !== "match") : result.findings) {
      const row = findingRow(f, result, ctx);
      lines.push([quote(neutralise(e.path)), ...CSV_COLUMNS.map((c) => quote(NUMBER_COLUMNS.has(c) || (c === "published" && f.publishedNumber !== null) ? row[c] : neutralise(row[c])))].join(","));
    }
  }
  return (options.bom ? "\ufeff" : "") + lines.join("\n") + "\n";
};

const mdEsc = (s: string) => s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

/** Markdown: the summary table, then every problem of every dataset in one table with a dataset column. */
export const renderBatchMarkdown: BatchReporter = (entries, ctx, options) => {
  const statuses = shownStatuses(entries);
  const out = ["# esg-recalc", "", `| Dataset | Company | Period | Cells | ${statuses.map((s) => t(ctx, `status.${s}`)).join(" | ")} | Verdict |`, `|---|---|---|--:|${statuses.map(() => "--:").join("|")}|---|`];
  for (const r of summaryRows(entries, ctx, options.failOn, statuses)) out.push(`| ${[r.path, r.company, r.period, r.cells, ...r.counts, r.verdict].map(mdEsc).join(" | ")} |`);
  out.push("", `## ${t(ctx, "findings")}`, "", `| Dataset | ${["metric", "column", "published", "recomputed", "status"].map((k) => t(ctx, k as "metric")).join(" | ")} |`, "|---|---|---|--:|--:|---|");
  for (const e of entries) {
    if (!e.result) {
      for (const l of errorLines(e)) out.push(`| ${mdEsc(e.path)} | | | | | ${mdEsc(`input error: ${l}`)} |`);
      continue;
    }
    const r = e.result;
    for (const f of r.findings.filter((x) => x.status !== "match")) {
      out.push(`| ${[e.path, metricLabel(r.dataset, f.metric, ctx.lang), columnLabel(r.dataset, f.column, ctx.lang), publishedText(f), recomputedText(f), `${STATUS_MARK[f.status]} ${t(ctx, `status.${f.status}`)}`].map(mdEsc).join(" | ")} |`);
    }
  }
  out.push("", `**${t(ctx, "summary")}:** ${totalsLine(entries, options.failOn)}`);
  return out.join("\n") + "\n";
};

const htmlEsc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** HTML: a summary page, then each dataset's own report as a section (its ids prefixed, so links stay inside it). */
export const renderBatchHtml: BatchReporter = (entries, ctx, options) => {
  const statuses = shownStatuses(entries);
  let style = "";
  const sections = entries.map((e, i) => {
    const id = `dataset-${i + 1}`;
    if (!e.result) return `<section id="${id}"><h2>${htmlEsc(e.path)}: could not be checked</h2><ul>${errorLines(e).map((l) => `<li>${htmlEsc(l)}</li>`).join("")}</ul></section>`;
    const page = renderHtml(e.result, ctx, options);
    style ||= /<style>([\s\S]*?)<\/style>/.exec(page)?.[1] ?? "";
    const body = (/<body[^>]*>([\s\S]*)<\/body>/.exec(page)?.[1] ?? "").replace(/ id="/g, ` id="${id}-`).replace(/ href="#/g, ` href="#${id}-`);
    return `<section id="${id}"><h2>${htmlEsc(e.path)}</h2>${body}</section>`;
  });
  const rows = summaryRows(entries, ctx, options.failOn, statuses).map((r, i) => `<tr><td><a href="#dataset-${i + 1}">${htmlEsc(r.path)}</a></td><td>${htmlEsc(r.company)}</td><td>${htmlEsc(r.period)}</td><td class="num">${r.cells}</td>${r.counts.map((c) => `<td class="num">${c}</td>`).join("")}<td>${htmlEsc(r.verdict)}</td></tr>`);
  return `<!DOCTYPE html>
<html lang="${htmlEsc(ctx.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="esg-recalc ${htmlEsc(options.toolVersion)}">
<title>esg-recalc — ${entries.length} datasets</title>
<style>${style}</style>
</head>
<body>
<h1>esg-recalc — ${entries.length} datasets</h1>
<p>${htmlEsc(totalsLine(entries, options.failOn))}</p>
<table><thead><tr><th>Dataset</th><th>Company</th><th>Period</th><th>Cells</th>${statuses.map((s) => `<th>${htmlEsc(t(ctx, `status.${s}`))}</th>`).join("")}<th>Verdict</th></tr></thead>
<tbody>${rows.join("\n")}</tbody></table>
${sections.join("\n")}
</body>
</html>
`;
};

/** SARIF: one run per dataset; a dataset that could not be checked is a run whose invocation failed, with its errors. */
export const renderBatchSarif: BatchReporter = (entries, ctx, options) => {
  const runs = entries.map((e) => {
    if (e.result) return (JSON.parse(renderSarif(e.result, ctx, options)) as { runs: unknown[] }).runs[0];
    return {
      tool: { driver: { name: "esg-recalc", semanticVersion: options.toolVersion, version: options.toolVersion } },
      automationDetails: { id: `esg-recalc/${e.path.split(/[\\/]/).filter(Boolean).pop() ?? e.path}/` },
      results: [],
      invocations: [{
        executionSuccessful: false,
        toolExecutionNotifications: e.errors.map((x) => ({
          level: "error", message: { text: `${x.code}: ${x.message}` },
          ...(x.file ? { locations: [{ physicalLocation: { artifactLocation: { uri: options.pathOf(x.file).split("/").map(encodeURIComponent).join("/") }, ...(x.line !== undefined ? { region: { startLine: x.line, ...(x.column ? { startColumn: x.column } : {}) } } : {}) } }] } : {}),
        })),
      }],
      properties: { path: e.path, verdict: "error" },
    };
  });
  return JSON.stringify({ $schema: SARIF_SCHEMA, version: "2.1.0", runs }, null, 2) + "\n";
};

/** JUnit: one suite per dataset (every case of its report); a dataset that could not be checked is a suite with an error. */
export const renderBatchJunit: BatchReporter = (entries, ctx, options) => {
  let tests = 0, failures = 0, errors = 0, skipped = 0;
  const suites = entries.map((e, id) => {
    if (!e.result) {
      tests += 1;
      errors += 1;
      const detail = errorLines(e).join("\n");
      return `  <testsuite name="${xmlAttr(e.path)}" id="${id}" tests="1" failures="0" errors="1" skipped="0" time="0">\n    <testcase name="${xmlAttr(`${e.path}: input`)}" classname="${xmlAttr(e.path)}" time="0">\n      <error message="${xmlAttr(`could not be checked: ${e.errors[0]?.message ?? ""}`)}" type="input-error">${xmlText(detail)}</error>\n    </testcase>\n  </testsuite>`;
    }
    const one = renderJunit(e.result, ctx, options);
    const cases = [...one.matchAll(/ {4}<testcase[\s\S]*?(?:\/>|<\/testcase>)/g)].map((m) => m[0]);
    const n = (re: RegExp) => cases.filter((c) => re.test(c)).length;
    const f = n(/<failure /), s = n(/<skipped /);
    tests += cases.length;
    failures += f;
    skipped += s;
    return `  <testsuite name="${xmlAttr(`${e.path} (${e.result.dataset.id})`)}" id="${id}" tests="${cases.length}" failures="${f}" errors="0" skipped="${s}" time="0">\n${cases.join("\n")}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="esg-recalc" tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="0">\n${suites.join("\n")}\n</testsuites>\n`;
};

/** GitHub: each dataset's annotations in turn (its summary notice names it); an input error as an ::error at its file. */
export const renderBatchGithub: BatchReporter = (entries, ctx, options) =>
  entries.map((e) => {
    if (e.result) return renderGithub(e.result, ctx, options);
    return e.errors.map((x) => command("error", { file: x.file ? options.pathOf(x.file) : undefined, line: x.line, col: x.column, title: `esg-recalc ${e.path}: ${x.code}` }, x.message)).join("\n") + "\n";
  }).join("") + command("notice", { title: "esg-recalc" }, totalsLine(entries, options.failOn)) + "\n";
