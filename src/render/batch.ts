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
import { inLanguage } from "./errors.js";
import { CSV_COLUMNS, findingRow, neutralise, NUMBER_COLUMNS } from "./csv.js";
import { command } from "./github.js";
import { renderGithub } from "./github.js";
import { pageHead, renderHtml } from "./html.js";
import { reportJson } from "./json.js";
import { renderJunit } from "./junit.js";
import { causeText, columnLabel, metricLabel, recomputedText, t, type RenderContext } from "./labels.js";
import { message, type MessageArg } from "../findings/message.js";
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

/**
 * A batch reporter in two steps: `fragment` renders one dataset (a plain, JSON-serialisable value, so that a worker
 * thread can make it), `assemble` puts the fragments together in the batch's order.
 */
export interface BatchReporter<T = unknown> {
  fragment(entry: BatchEntry, index: number, ctx: RenderContext, options: ReportOptions): Fragment<T>;
  assemble(fragments: readonly Fragment<T>[], ctx: RenderContext, options: ReportOptions): string;
}

/** What every fragment carries (the summary and the verdict), and the format's own part. */
export interface Fragment<T = unknown> {
  path: string;
  verdict: BatchVerdict;
  /** Which check groups ran (the summary's status columns). */
  groups: { recalculation: boolean; boundary: boolean };
  company: string;
  period: string;
  cells: number | null;
  counts: Record<Status, number> | null;
  errorLines: string[];
  part: T;
}

/** Renders every dataset and assembles the report, in one thread. */
export function renderBatch<T>(
  reporter: BatchReporter<T>,
  entries: readonly BatchEntry[],
  ctx: RenderContext,
  options: ReportOptions,
): string {
  return reporter.assemble(
    entries.map((e, i) => reporter.fragment(e, i, ctx, options)),
    ctx,
    options,
  );
}

function base(e: BatchEntry, ctx: RenderContext, failOn: Status | "none"): Omit<Fragment, "part"> {
  const r = e.result;
  return {
    path: e.path,
    verdict: verdictOf(e, failOn),
    groups: { recalculation: r?.groups.recalculation ?? false, boundary: r?.groups.boundary ?? false },
    company: r ? label(r.dataset.company, ctx.lang) : "",
    period: r ? r.dataset.period.label : "",
    cells: r ? r.findings.filter(isCellFinding).length : null,
    counts: r ? r.counts : null,
    errorLines: errorLines(e, ctx),
  };
}

/** A reporter whose part is `make`'s value. */
function reporter<T>(
  make: (e: BatchEntry, index: number, ctx: RenderContext, options: ReportOptions) => T,
  assemble: (fragments: readonly Fragment<T>[], ctx: RenderContext, options: ReportOptions) => string,
): BatchReporter<T> {
  return {
    fragment: (e, i, ctx, options) => ({ ...base(e, ctx, options.failOn), part: make(e, i, ctx, options) }),
    assemble,
  };
}

export function verdictOf(e: BatchEntry, failOn: Status | "none"): BatchVerdict {
  if (!e.result) return "error";
  return failed(e.result, failOn) ? "fail" : "pass";
}

/** error if any dataset could not be checked, else fail if any fails, else pass: the exit code 2, 1, 0. */
export function batchVerdict(verdicts: readonly BatchVerdict[]): BatchVerdict {
  return verdicts.includes("error") ? "error" : verdicts.includes("fail") ? "fail" : "pass";
}

/** An input error as the JSON error document writes it: its words in the report's language, code and title not. */
const errorJson = (e: InputError, ctx: RenderContext) => {
  const { excerpt: _excerpt, say: _say, ...rest } = inLanguage(e, ctx);
  return { ...rest, title: INPUT_ERROR_TITLES[e.code] };
};

function entryJson(e: BatchEntry, ctx: RenderContext, options: ReportOptions): BatchEntryJson {
  return {
    path: e.path,
    verdict: verdictOf(e, options.failOn),
    report: e.result ? reportJson(e.result, ctx, options.failOn, options.problemsOnly) : null,
    errors: e.errors.map((x) => errorJson(x, ctx)),
  };
}

export const batchJson = reporter<BatchEntryJson>(
  (e, _i, ctx, options) => entryJson(e, ctx, options),
  (fragments, _ctx, options) =>
    JSON.stringify(
      {
        schemaVersion: 1,
        tool: "esg-recalc",
        kind: "batch",
        failOn: options.failOn,
        verdict: batchVerdict(fragments.map((f) => f.verdict)),
        counts: {
          datasets: fragments.length,
          pass: fragments.filter((f) => f.verdict === "pass").length,
          fail: fragments.filter((f) => f.verdict === "fail").length,
          error: fragments.filter((f) => f.verdict === "error").length,
        },
        datasets: fragments.map((f) => f.part),
      } satisfies BatchJson,
      null,
      2,
    ) + "\n",
);

export const batchJsonl = reporter<string>(
  (e, index, ctx, options) =>
    JSON.stringify({
      schemaVersion: 1,
      tool: "esg-recalc",
      kind: "batch-entry",
      index,
      failOn: options.failOn,
      ...entryJson(e, ctx, options),
    } satisfies BatchLineJson) + "\n",
  (fragments) => fragments.map((f) => f.part).join(""),
);

/** Statuses shown in the summary: those of check groups that ran in at least one dataset. */
function shownStatuses(fragments: readonly Fragment[]): Status[] {
  const ran = fragments.filter((f) => f.counts !== null);
  return STATUSES.filter((s) =>
    s === "within-materiality" || s === "material"
      ? ran.some((f) => f.groups.recalculation)
      : s === "incomplete"
        ? ran.some((f) => f.groups.boundary)
        : true,
  );
}

function summaryCells(f: Fragment, ctx: RenderContext, statuses: Status[]): string[] {
  const verdict =
    f.verdict === "error"
      ? say(ctx, "phrase.batch.input-error", { n: String(f.errorLines.length) })
      : f.verdict === "fail"
        ? t(ctx, "verdictFail")
        : t(ctx, "verdictPass");
  return [
    f.path,
    f.company,
    f.period,
    f.cells === null ? "" : String(f.cells),
    ...statuses.map((s) => (f.counts ? String(f.counts[s]) : "")),
    verdict,
  ];
}

/** A sentence of the catalogue (phrase.batch.*) in the report's language. */
const say = (ctx: RenderContext, key: string, args?: Record<string, MessageArg>) => causeText(ctx, message(key, args));

/** The summary table's head: the dataset, its company, period and cells, a count per status, the verdict. */
const summaryHead = (ctx: RenderContext, statuses: Status[]): string[] => [
  say(ctx, "phrase.batch.dataset"),
  say(ctx, "phrase.batch.company"),
  say(ctx, "phrase.batch.period"),
  say(ctx, "phrase.batch.cells"),
  ...statuses.map((s) => t(ctx, `status.${s}`)),
  say(ctx, "phrase.batch.verdict"),
];

function totalsLine(fragments: readonly Fragment[], ctx: RenderContext): string {
  const n = (x: BatchVerdict) => String(fragments.filter((f) => f.verdict === x).length);
  const errors = fragments.some((f) => f.verdict === "error");
  return say(ctx, "phrase.batch.totals", {
    n: String(fragments.length),
    pass: n("pass"),
    fail: n("fail"),
    error: n("error"),
    exit: errors ? "2" : fragments.some((f) => f.verdict === "fail") ? "1" : "0",
  });
}

/** The input errors of a dataset, one line each: file:line:column: message (in the report's language where it can). */
function errorLines(e: BatchEntry, ctx?: RenderContext): string[] {
  return e.errors.map(
    (x) =>
      `${x.file ?? e.path}${x.line !== undefined ? `:${x.line}` : ""}${x.column !== undefined ? `:${x.column}` : ""}: error[${x.code}]: ${errorText(x, ctx)}`,
  );
}

/** An input error's message in the report's language (English as written). */
const errorText = (x: BatchEntry["errors"][number], ctx?: RenderContext): string =>
  ctx && ctx.lang !== "en" && x.say ? causeText(ctx, x.say.message) : x.message;

export const batchTable = reporter<null>(
  () => null,
  (fragments, ctx, options) => {
    const statuses = shownStatuses(fragments);
    const rows: GridRow[] = fragments.map((f) =>
      summaryCells(f, ctx, statuses).map((c, i, all) =>
        gridCell(c, i === all.length - 1 && f.verdict !== "pass" ? options.paint.bold : undefined),
      ),
    );
    const out = [
      renderGrid(
        {
          head: summaryHead(ctx, statuses),
          align: ["left", "left", "left", "right", ...statuses.map(() => "right" as const), "left"],
          wrap: ["words", "words", "none", "none", ...statuses.map(() => "none" as const), "words"],
          rows,
        },
        options.paint,
        options.width,
      ),
    ];
    for (const f of fragments.filter((x) => x.verdict === "error"))
      out.push("", `${f.path}: ${say(ctx, "phrase.batch.not-checked")}`, ...f.errorLines.map((l) => `  ${l}`));
    out.push("", totalsLine(fragments, ctx));
    return out.join("\n") + "\n";
  },
);

const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The CSV report with a dataset column first; a dataset that could not be checked gets one row per input error. */
export const batchCsv = reporter<string[]>(
  (e, _i, ctx, options) => {
    const lines: string[] = [];
    if (!e.result) {
      for (const x of e.errors) {
        const row = Object.fromEntries(CSV_COLUMNS.map((c) => [c, ""])) as Record<(typeof CSV_COLUMNS)[number], string>;
        row.status = "error";
        row.kind = "input-error";
        row.source = `${x.file ?? ""}${x.line !== undefined ? `:${x.line}` : ""}${x.column !== undefined ? `:${x.column}` : ""}`;
        row.causes = `${x.code}: ${errorText(x, ctx)}`;
        lines.push([quote(neutralise(e.path)), ...CSV_COLUMNS.map((c) => quote(neutralise(row[c])))].join(","));
      }
      return lines;
    }
    const result = e.result;
    for (const f of options.problemsOnly ? result.findings.filter((x) => x.status !== "match") : result.findings) {
      const row = findingRow(f, result, ctx);
      lines.push(
        [
          quote(neutralise(e.path)),
          ...CSV_COLUMNS.map((c) =>
            quote(
              NUMBER_COLUMNS.has(c) || (c === "published" && f.publishedNumber !== null) ? row[c] : neutralise(row[c]),
            ),
          ),
        ].join(","),
      );
    }
    return lines;
  },
  (fragments, _ctx, options) =>
    (options.bom ? "\ufeff" : "") +
    [["dataset", ...CSV_COLUMNS].join(","), ...fragments.flatMap((f) => f.part)].join("\n") +
    "\n",
);

const mdEsc = (s: string) => s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

/** Markdown: the summary table, then every problem of every dataset in one table with a dataset column. */
export const batchMarkdown = reporter<string[]>(
  (e, _i, ctx) => {
    if (!e.result)
      return errorLines(e, ctx).map(
        (l) => `| ${mdEsc(e.path)} | | | | | ${mdEsc(`${say(ctx, "phrase.batch.input-error-line")}: ${l}`)} |`,
      );
    const r = e.result;
    return r.findings
      .filter((x) => x.status !== "match")
      .map(
        (f) =>
          `| ${[e.path, metricLabel(r.dataset, f.metric, ctx.lang), columnLabel(r.dataset, f.column, ctx.lang), publishedText(f), recomputedText(f), `${STATUS_MARK[f.status]} ${t(ctx, `status.${f.status}`)}`].map(mdEsc).join(" | ")} |`,
      );
  },
  (fragments, ctx) => {
    const statuses = shownStatuses(fragments);
    const out = [
      "# esg-recalc",
      "",
      `| ${summaryHead(ctx, statuses).join(" | ")} |`,
      `|---|---|---|--:|${statuses.map(() => "--:").join("|")}|---|`,
    ];
    for (const f of fragments) out.push(`| ${summaryCells(f, ctx, statuses).map(mdEsc).join(" | ")} |`);
    out.push(
      "",
      `## ${t(ctx, "findings")}`,
      "",
      `| ${say(ctx, "phrase.batch.dataset")} | ${["metric", "column", "published", "recomputed", "status"].map((k) => t(ctx, k as "metric")).join(" | ")} |`,
      "|---|---|---|--:|--:|---|",
    );
    for (const f of fragments) out.push(...f.part);
    out.push("", `**${t(ctx, "summary")}:** ${totalsLine(fragments, ctx)}`);
    return out.join("\n") + "\n";
  },
);

const htmlEsc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** HTML: a summary page, then each dataset's own report as a section (its ids prefixed, so links stay inside it). */
export const batchHtml = reporter<{ section: string }>(
  (e, i, ctx, options) => {
    const id = `dataset-${i + 1}`;
    if (!e.result)
      return {
        section: `<section id="${id}"><h2>${htmlEsc(e.path)}: ${htmlEsc(say(ctx, "phrase.batch.not-checked"))}</h2><ul>${errorLines(
          e,
          ctx,
        )
          .map((l) => `<li>${htmlEsc(l)}</li>`)
          .join("")}</ul></section>`,
      };
    const page = renderHtml(e.result, ctx, options);
    const body = (/<body[^>]*>([\s\S]*)<\/body>/.exec(page)?.[1] ?? "")
      .replace(/ id="/g, ` id="${id}-`)
      .replace(/ href="#/g, ` href="#${id}-`);
    return { section: `<section id="${id}"><h2>${htmlEsc(e.path)}</h2>${body}</section>` };
  },
  (fragments, ctx, options) => {
    const statuses = shownStatuses(fragments);
    const rows = fragments.map((f, i) => {
      const [path, ...rest] = summaryCells(f, ctx, statuses);
      return `<tr><td><a href="#dataset-${i + 1}">${htmlEsc(path!)}</a></td>${rest.map((c, j) => `<td${j >= 2 && j < rest.length - 1 ? ' class="num"' : ""}>${htmlEsc(c)}</td>`).join("")}</tr>`;
    });
    const title = `esg-recalc — ${say(ctx, "phrase.batch.datasets", { n: String(fragments.length) })}`;
    return `${pageHead(ctx.lang, title, options.toolVersion)}
<body>
<h1>${htmlEsc(title)}</h1>
<p>${htmlEsc(totalsLine(fragments, ctx))}</p>
<table><thead><tr>${summaryHead(ctx, statuses)
      .map((h) => `<th>${htmlEsc(h)}</th>`)
      .join("")}</tr></thead>
<tbody>${rows.join("\n")}</tbody></table>
${fragments.map((f) => f.part.section).join("\n")}
</body>
</html>
`;
  },
);

/** SARIF: one run per dataset; a dataset that could not be checked is a run whose invocation failed, with its errors. */
export const batchSarif = reporter<unknown>(
  (e, _i, ctx, options) => {
    if (e.result) return (JSON.parse(renderSarif(e.result, ctx, options)) as { runs: unknown[] }).runs[0];
    return {
      tool: { driver: { name: "esg-recalc", semanticVersion: options.toolVersion, version: options.toolVersion } },
      automationDetails: { id: `esg-recalc/${e.path.split(/[\\/]/).filter(Boolean).pop() ?? e.path}/` },
      results: [],
      invocations: [
        {
          executionSuccessful: false,
          toolExecutionNotifications: e.errors.map((x) => ({
            level: "error",
            message: { text: `${x.code}: ${errorText(x, ctx)}` },
            ...(x.file
              ? {
                  locations: [
                    {
                      physicalLocation: {
                        artifactLocation: { uri: options.pathOf(x.file).split("/").map(encodeURIComponent).join("/") },
                        ...(x.line !== undefined
                          ? { region: { startLine: x.line, ...(x.column ? { startColumn: x.column } : {}) } }
                          : {}),
                      },
                    },
                  ],
                }
              : {}),
          })),
        },
      ],
      properties: { path: e.path, verdict: "error" },
    };
  },
  (fragments) =>
    JSON.stringify({ $schema: SARIF_SCHEMA, version: "2.1.0", runs: fragments.map((f) => f.part) }, null, 2) + "\n",
);

/** JUnit: one suite per dataset (every case of its report); a dataset that could not be checked is a suite with an error. */
export const batchJunit = reporter<{ suite: string; tests: number; failures: number; errors: number; skipped: number }>(
  (e, id, ctx, options) => {
    if (!e.result) {
      const detail = errorLines(e, ctx).join("\n");
      const first = e.errors[0] ? errorText(e.errors[0], ctx) : "";
      const notChecked =
        ctx.lang === "en" ? `could not be checked: ${first}` : `${say(ctx, "phrase.batch.not-checked")}：${first}`;
      return {
        tests: 1,
        failures: 0,
        errors: 1,
        skipped: 0,
        suite: `  <testsuite name="${xmlAttr(e.path)}" id="${id}" tests="1" failures="0" errors="1" skipped="0" time="0">\n    <testcase name="${xmlAttr(`${e.path}: input`)}" classname="${xmlAttr(e.path)}" time="0">\n      <error message="${xmlAttr(notChecked)}" type="input-error">${xmlText(detail)}</error>\n    </testcase>\n  </testsuite>`,
      };
    }
    const one = renderJunit(e.result, ctx, options);
    const cases = [...one.matchAll(/ {4}<testcase[\s\S]*?(?:\/>|<\/testcase>)/g)].map((m) => m[0]);
    const n = (re: RegExp) => cases.filter((c) => re.test(c)).length;
    const failures = n(/<failure /),
      skipped = n(/<skipped /);
    return {
      tests: cases.length,
      failures,
      errors: 0,
      skipped,
      suite: `  <testsuite name="${xmlAttr(`${e.path} (${e.result.dataset.id})`)}" id="${id}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}" time="0">\n${cases.join("\n")}\n  </testsuite>`,
    };
  },
  (fragments) => {
    const sum = (k: "tests" | "failures" | "errors" | "skipped") => fragments.reduce((a, f) => a + f.part[k], 0);
    return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="esg-recalc" tests="${sum("tests")}" failures="${sum("failures")}" errors="${sum("errors")}" skipped="${sum("skipped")}" time="0">\n${fragments.map((f) => f.part.suite).join("\n")}\n</testsuites>\n`;
  },
);

/** GitHub: each dataset's annotations in turn (its summary notice names it); an input error as an ::error at its file. */
export const batchGithub = reporter<string>(
  (e, _i, ctx, options) => {
    if (e.result) return renderGithub(e.result, ctx, options);
    return (
      e.errors
        .map((x) =>
          command(
            "error",
            {
              file: x.file ? options.pathOf(x.file) : undefined,
              line: x.line,
              col: x.column,
              title: `esg-recalc ${e.path}: ${x.code}`,
            },
            errorText(x, ctx),
          ),
        )
        .join("\n") + "\n"
    );
  },
  (fragments, ctx) =>
    fragments.map((f) => f.part).join("") +
    command("notice", { title: "esg-recalc" }, totalsLine(fragments, ctx)) +
    "\n",
);
