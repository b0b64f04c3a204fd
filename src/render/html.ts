// The HTML audit report: one self-contained file (no scripts, no fonts, no images or styles from elsewhere, and a
// Content-Security-Policy that forbids loading any) that an auditor can attach to a working paper.
// - a summary: dataset, denominator, counts per status, the verdict;
// - the published table in the report's own layout, every cell coloured by its status and marked with the status
//   symbol (readable without colour), the recomputed value beside each problem and on hover for every cell, and a
//   link from each problem cell to its audit trail (the `explain` content);
// - charts as inline SVG (charts.ts); every problem cell's audit trail as nested lists; the parts-and-wholes check and
//   the checks against activity data as tables with the terminal's columns, status symbols and links to the audit
//   trails; a print stylesheet.
// Pure: the check result in, the HTML text out.
import { columnById, publishedRow } from "../model/columns.js";
import { lookup, type Recomputed } from "../compute/recompute.js";
import {
  intervalScale,
  isCellFinding,
  publishedText,
  STATUSES,
  type Finding,
  type Status,
} from "../findings/finding.js";
import { foldFigure, printInterval } from "../model/printedNumber.js";
import { SHOWN_RANK } from "../findings/status.js";
import { failed, type CheckResult } from "../findings/checkResult.js";
import type { ReportOptions } from "./options.js";
import { paint } from "./style.js";
import { analysisSections, type AnalysisCell, type AnalysisSection, type AnalysisTable } from "./analysisSections.js";
import { impliedChart, materialityChart, sharesChart, STATUS_COLOR, toleranceChart, type Chart } from "./charts.js";
import { explainLines, statusMeaning } from "./explain.js";
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
import { STATUS_MARK } from "./style.js";
import { denominatorLine, heading, summaryLine } from "./summary.js";
import { esc } from "./svg.js";
import type { PublishedTable } from "../model/types.js";
import { sourceText } from "./location.js";

export type HtmlOptions = Pick<ReportOptions, "failOn" | "toolVersion" | "datasetArg">;

const cellKey = (metric: string, column: string) => `${metric}\u0000${column}`;

/** The fragment id of a cell's audit trail: readable, and unique because metric and column ids contain no spaces. */
export const trailId = (metric: string, column: string): string =>
  `trail-${metric}-${column}`.replace(/[^A-Za-z0-9._@-]/g, "_");

function recomputedOf(result: CheckResult, metric: string, column: string, finding: Finding | null): Recomputed | null {
  if (finding?.recomputed) return finding.recomputed;
  const c = columnById(result.dataset, column);
  if (!c || c.change) return null;
  const table = result.tables.get(c.period) ?? result.table;
  return lookup(table, c.node, metric) ?? null;
}

function cellTitle(f: Finding, dataset: CheckResult["dataset"], ctx: RenderContext): string {
  const parts = [
    `${STATUS_MARK[f.status]} ${t(ctx, `status.${f.status}`)} (${t(ctx, `kind.${f.kind}`)})`,
    `${t(ctx, "published")} ${publishedText(f) || "—"}`,
    wholeText(f, dataset, ctx) ?? `${t(ctx, "recomputed")} ${recomputedText(f)}`,
  ];
  if (f.difference) parts.push(`${t(ctx, "difference")} ${differenceText(f)}`);
  if (f.recomputedInterval)
    parts.push(`${t(ctx, "interval")} ${printInterval(f.recomputedInterval, intervalScale(f))}`);
  return parts.join(" · ");
}

const statusClass = (s: Status) => `s-${s}`;

function statusChip(s: Status, ctx: RenderContext, n?: number): string {
  return `<span class="chip ${statusClass(s)}" title="${esc(statusMeaning(ctx, s))}"><span class="mark" aria-hidden="true">${esc(STATUS_MARK[s])}</span> ${esc(t(ctx, `status.${s}`))}${n === undefined ? "" : ` <b>${n}</b>`}</span>`;
}

function table(
  result: CheckResult,
  ctx: RenderContext,
  findingsByCell: Map<string, Finding[]>,
  trails: Set<string>,
): string {
  const { dataset } = result;
  // One <table> per published table; with several, each is captioned with its title (or id).
  return dataset.tables
    .map((one) => publishedTable(result, ctx, findingsByCell, trails, one, dataset.tables.length > 1))
    .join("");
}

function publishedTable(
  result: CheckResult,
  ctx: RenderContext,
  findingsByCell: Map<string, Finding[]>,
  trails: Set<string>,
  one: PublishedTable,
  captioned: boolean,
): string {
  const { dataset } = result;
  const cols = one.columns;
  const head = `<thead><tr><th scope="col">${esc(t(ctx, "metric"))}</th><th scope="col">${esc(t(ctx, "unit"))}</th>${cols
    .map((c) => {
      const name = columnLabel(dataset, c.id, ctx.lang);
      return `<th scope="col" class="num">${esc(name)}${c.printed && c.printed !== name ? `<small lang="${esc(dataset.reportLanguage)}">${esc(c.printed)}</small>` : ""}</th>`;
    })
    .join("")}</tr></thead>`;
  const rows: string[] = [];
  let section = "";
  for (const row of one.rows) {
    const s = sectionPath(dataset, row.metric, ctx.lang);
    if (s !== section) {
      rows.push(`<tr class="section"><th colspan="${cols.length + 2}" scope="rowgroup">${esc(s)}</th></tr>`);
      section = s;
    }
    const name = metricLabel(dataset, row.metric, ctx.lang);
    const printed = row.label.normalize("NFKC").trim();
    const cells = cols.map((c) => {
      const cell = row.cells.find((x) => x.column === c.id);
      const here = findingsByCell.get(cellKey(row.metric, c.id)) ?? [];
      const main = here.find(isCellFinding) ?? null;
      const extra = here.filter((f) => !isCellFinding(f));
      const text = cell ? foldFigure(cell.text).trim() : ""; // never NFKC: "35.0¹" is not 35.01
      const worst = [...here].sort((a, b) => SHOWN_RANK[b.status] - SHOWN_RANK[a.status])[0];
      const link = trails.has(cellKey(row.metric, c.id)) ? `#${trailId(row.metric, c.id)}` : null;
      const badges = extra
        .map(
          (f) =>
            `<span class="badge ${statusClass(f.status)}" title="${esc(cellTitle(f, dataset, ctx))}">${esc(STATUS_MARK[f.status])} ${f.kind === "recalculation" ? `${esc(t(ctx, "kind.recalculation"))} ${esc(recomputedText(f))}` : f.kind === "part-of" ? esc(t(ctx, "kind.part-of")) : esc(t(ctx, `status.${f.status}`))}</span>`,
        )
        .join("");
      if (!main && extra.length === 0) return `<td class="num na">${esc(text)}</td>`;
      const problem = main !== null && main.status !== "match";
      const inner = [
        `<span class="pub">${esc(main ? publishedText(main) || "—" : text || "—")}</span>`,
        main
          ? `<span class="mark" aria-label="${esc(t(ctx, `status.${main.status}`))}">${esc(STATUS_MARK[main.status])}</span>`
          : "",
        problem && main.recomputedRounded
          ? `<span class="rec">${esc(t(ctx, "recomputed"))} ${esc(recomputedText(main))}</span>`
          : "",
        badges,
      ].join("");
      const cls = [
        "num",
        "cell",
        main ? statusClass(main.status) : "na",
        worst && worst.status !== "match" ? "problem" : "",
      ]
        .filter(Boolean)
        .join(" ");
      return `<td class="${cls}" title="${esc(
        [main, ...extra]
          .filter((f): f is Finding => f !== null)
          .map((f) => cellTitle(f, dataset, ctx))
          .join("\n"),
      )}">${link ? `<a href="${esc(link)}">${inner}</a>` : inner}</td>`;
    });
    rows.push(
      `<tr><th scope="row">${esc(name)}${printed && printed !== name ? `<small lang="${esc(dataset.reportLanguage)}">${esc(printed)}</small>` : ""}</th><td class="unit">${esc(unitLabel(dataset, row.metric, result.denominator?.unit, ctx.lang, row.cells[0]?.column))}</td>${cells.join("")}</tr>`,
    );
  }
  const caption = captioned ? `<caption>${esc(tableTitle(one))}</caption>` : "";
  return `<div class="table-wrap"><table class="published">${caption}${head}<tbody>${rows.join("")}</tbody></table></div>`;
}

function figure(c: Chart): string {
  return `<figure id="${esc(c.id)}" class="chart-figure"><figcaption><h3>${esc(c.title)}</h3><p class="note">${esc(c.note)}</p></figcaption>${c.svg}</figure>`;
}

/**
 * The explain text as HTML: its blocks (separated by blank lines) as lists, nested by the lines' indentation (two
 * spaces a level, as explain.ts writes them: an input under the figure it feeds, a factor under its quantity).
 */
export function explainHtml(lines: readonly string[]): string {
  const blocks: { depth: number; text: string }[][] = [[]];
  for (const line of lines) {
    if (line.trim() === "") blocks.push([]);
    else blocks[blocks.length - 1]!.push({ depth: Math.floor(/^ */.exec(line)![0].length / 2), text: line.trim() });
  }
  return blocks
    .filter((b) => b.length)
    .map((block) => {
      let out = "";
      let level = -1;
      for (const { depth, text } of block) {
        if (depth > level) for (let k = level + 1; k <= depth; k++) out += k < depth ? "<ul><li>" : "<ul>";
        else {
          out += "</li>";
          for (let k = level; k > depth; k--) out += "</ul></li>";
        }
        out += `<li>${esc(text)}`;
        level = depth;
      }
      out += "</li>";
      for (let k = level; k > 0; k--) out += "</ul></li>";
      return out + "</ul>";
    })
    .join("\n");
}

function trailsSection(
  result: CheckResult,
  ctx: RenderContext,
  cells: string[][],
  findingsByCell: Map<string, Finding[]>,
  datasetArg?: string,
): string {
  const { dataset } = result;
  const plain = paint(0);
  const out: string[] = [];
  for (const [metric, column] of cells as [string, string][]) {
    const here = findingsByCell.get(cellKey(metric, column)) ?? [];
    const finding = here.find(isCellFinding) ?? null;
    const related = here.filter((f) => !isCellFinding(f));
    const row = publishedRow(dataset, metric);
    const cell = row?.cells.find((c) => c.column === column);
    const lines = explainLines(
      {
        metric,
        column,
        recomputed: recomputedOf(result, metric, column, finding),
        finding,
        related,
        publishedText: cell ? cell.text : null,
      },
      result,
      ctx,
      plain,
    );
    const statuses = here.filter((f) => f.status !== "match");
    const causes = statuses.flatMap((f) => f.causes.map((c) => causeText(ctx, c)));
    out.push(`<article class="trail" id="${esc(trailId(metric, column))}">
<h3>${statuses.map((f) => statusChip(f.status, ctx)).join(" ")} ${esc(metricLabel(dataset, metric, ctx.lang))} · ${esc(columnLabel(dataset, column, ctx.lang))}</h3>
${statuses.map((f) => `<p class="numbers">${esc(t(ctx, `kind.${f.kind}`))}: ${esc(t(ctx, "published"))} <b>${esc(publishedText(f) || "—")}</b>, ${f.whole ? esc(wholeText(f, dataset, ctx)!) : `${esc(t(ctx, "recomputed"))} <b>${esc(recomputedText(f))}</b>${f.difference ? ` (${esc(differenceText(f))})` : ""}`} — <code>${esc(sourceText(f.source))}</code></p>`).join("\n")}
${causes.length ? `<ul class="causes">${causes.map((c) => `<li>${esc(c)}</li>`).join("")}</ul>` : ""}
<details open><summary>${esc(t(ctx, "html.auditTrail"))} <code>esg-recalc explain ${esc(metric)} --column ${esc(column)}${datasetArg ? ` --dataset ${esc(datasetArg)}` : ""}</code></summary><div class="explain">${explainHtml(lines)}</div></details>
<p class="back"><a href="#published">↑ ${esc(t(ctx, "html.backToTable"))}</a></p>
</article>`);
  }
  return out.join("\n");
}

const CLAIM_CLASS = { supported: "s-match", contradicted: "s-mismatch", undecidable: "s-rounding" } as const;
const CLAIM_MARK = { supported: "✓", contradicted: "✗", undecidable: "?" } as const;

/** A cell of an analysis table: its status symbol, a link to the audit trail of the finding it belongs to. */
function analysisCell(c: AnalysisCell, align: "left" | "right", trails: Set<string>): string {
  const cls = [
    align === "right" ? "num" : "",
    c.status ? `status ${statusClass(c.status)}` : c.claim ? `status ${CLAIM_CLASS[c.claim]}` : "",
    c.warn ? "warn" : "",
  ]
    .filter(Boolean)
    .join(" ");
  const mark = c.status ? STATUS_MARK[c.status] : c.claim ? CLAIM_MARK[c.claim] : null;
  let inner = `${mark ? `<span class="mark">${esc(mark)}</span> ` : ""}${esc(c.text)}`;
  if (c.trail && trails.has(cellKey(c.trail.metric, c.trail.column)))
    inner = `<a class="trail-link" href="#${esc(trailId(c.trail.metric, c.trail.column))}">${inner}</a>`;
  if (c.extra) inner += `<br><span${c.extra.warn ? ' class="warn"' : ""}>${esc(c.extra.text)}</span>`;
  return `<td${cls ? ` class="${cls}"` : ""}>${inner}</td>`;
}

function analysisTable(table: AnalysisTable, id: string, trails: Set<string>): string {
  const head = table.head
    .map((h, i) => `<th scope="col"${table.align[i] === "right" ? ' class="num"' : ""}>${esc(h)}</th>`)
    .join("");
  const rows = table.rows
    .map((r) => `<tr>${r.map((c, i) => analysisCell(c, table.align[i] ?? "left", trails)).join("")}</tr>`)
    .join("\n");
  return `<div class="table-wrap"><table class="analysis" id="${esc(id)}"><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table></div>`;
}

/** One section: its title, notes, table (or what is said when it has no rows), the sentences after it. */
function sectionHtml(s: AnalysisSection, trails: Set<string>, heading: "h2" | "h3"): string {
  const out = [`<${heading} id="section-${esc(s.id)}">${esc(s.title)}</${heading}>`];
  for (const n of s.notes) out.push(`<p class="note${n.warn ? " warn" : ""}">${esc(n.text)}</p>`);
  if (s.table && s.table.rows.length) out.push(analysisTable(s.table, `table-${s.id}`, trails));
  else if (s.empty) out.push(`<p>${esc(s.empty)}</p>`);
  if (s.after.length) out.push(`<ul class="after">${s.after.map((a) => `<li>${esc(a)}</li>`).join("")}</ul>`);
  if (s.second && s.second.rows.length) out.push(analysisTable(s.second, `table-${s.id}-declared`, trails));
  return out.join("\n");
}

const STYLE = `
:root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg-soft: #f6f8fa;
  --match: ${STATUS_COLOR.match}; --warn: ${STATUS_COLOR.rounding}; --bad: ${STATUS_COLOR.mismatch}; --gap: ${STATUS_COLOR.missing}; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1280px; padding: 24px; color: var(--fg); background: #fff;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK TC", "Noto Sans CJK SC", "PingFang TC", "PingFang SC", "Microsoft JhengHei", "Microsoft YaHei", sans-serif; }
h1 { font-size: 22px; margin: 0 0 6px; } h2 { font-size: 18px; margin: 32px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 16px 0 6px; }
small { display: block; color: var(--muted); font-size: 11px; font-weight: normal; }
code { font: 12px/1.4 ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", "Noto Sans Mono CJK TC", monospace; }
a { color: inherit; }
nav ul { list-style: none; padding: 0; margin: 12px 0; display: flex; flex-wrap: wrap; gap: 4px 16px; } nav a { color: #0969da; }
.summary { border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px; background: var(--bg-soft); }
.verdict { display: inline-block; font-weight: 700; font-size: 16px; padding: 2px 10px; border-radius: 4px; color: #fff; }
.verdict.fail { background: var(--bad); } .verdict.pass { background: var(--match); }
.chips { display: flex; flex-wrap: wrap; gap: 6px; margin: 10px 0; }
.chip, .badge { display: inline-block; border: 1px solid currentColor; border-radius: 12px; padding: 1px 8px; font-size: 12px; white-space: nowrap; background: #fff; }
.badge { border-radius: 3px; padding: 0 4px; font-size: 11px; margin-left: 4px; }
.s-match { color: var(--match); } .s-rounding, .s-within-materiality { color: var(--warn); }
.s-mismatch, .s-material { color: var(--bad); } .s-missing, .s-omitted, .s-incomplete { color: var(--gap); }
table.published, table.analysis { border-collapse: collapse; width: 100%; font-size: 13px; }
table.published th, table.published td, table.analysis th, table.analysis td { border: 1px solid var(--line); padding: 3px 6px; vertical-align: top; }
table.published thead th, table.analysis thead th { background: #eef1f4; text-align: left; }
table.analysis { margin: 6px 0 10px; } table.analysis td { font-variant-numeric: tabular-nums; }
table.analysis td.status { white-space: nowrap; font-weight: 600; } table.analysis td .mark { font-weight: 700; }
table.analysis a.trail-link { color: inherit; } table.analysis a.trail-link:hover { text-decoration: underline; }
.warn { color: var(--warn); } ul.after { margin: 4px 0 12px; padding-left: 20px; }
.explain { font-size: 13px; } .explain ul { list-style: none; margin: 0; padding-left: 1.4em; } .explain > ul { padding-left: 0; margin: 6px 0; }
.explain li { font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
table.published th[scope=row] { text-align: left; font-weight: 600; min-width: 13em; }
tr.section th { background: var(--bg-soft); text-align: left; color: #0550ae; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.unit { color: var(--muted); white-space: nowrap; }
td.na { color: var(--muted); }
td.cell .pub { color: var(--fg); }
td.cell .mark { margin-left: 4px; font-weight: 700; }
td.cell .rec { display: block; font-size: 11px; }
td.cell a { text-decoration: none; display: block; }
td.cell a:hover .pub, td.cell a:focus .pub { text-decoration: underline; }
td.s-match { background: #eaf6ec; } td.s-rounding, td.s-within-materiality { background: #fff5d6; }
td.s-mismatch, td.s-material { background: #ffe4e2; font-weight: 600; } td.s-missing, td.s-omitted, td.s-incomplete { background: #f3eaff; font-weight: 600; }
td.na .badge, td.s-match .badge { font-weight: 600; }
td .badge { display: block; width: fit-content; margin: 2px 0 0 auto; }
.table-wrap { overflow-x: auto; }
.legend-line { margin: 8px 0; color: var(--muted); }
figure { margin: 16px 0 28px; } figcaption h3 { margin: 0; } .note { margin: 2px 0 8px; color: var(--muted); max-width: 900px; }
svg.chart { max-width: 100%; height: auto; display: block; font-size: 12px; font-family: inherit; }
svg.chart text { fill: var(--fg); } svg.chart .tick { fill: var(--muted); font-size: 11px; }
svg.chart .segment text { font-size: 11px; }
svg.chart .grid { stroke: #e5e9ed; } svg.chart .axis { stroke: #8c959f; }
svg.chart .threshold { stroke: var(--fg); stroke-width: 1.5; stroke-dasharray: 4 3; } svg.chart .threshold-label { font-size: 11px; fill: var(--fg); }
svg.chart .band { fill: #1a7f3722; stroke: none; }
svg.chart .segment rect { stroke: #fff; stroke-width: 1; }
svg.chart .library { stroke: #57606a; stroke-width: 1.5; stroke-dasharray: 5 3; } svg.chart .library-range { fill: #57606a22; }
svg.chart .library-label { font-size: 11px; font-weight: 700; }
svg.chart .implied rect { fill: #0072B2aa; } svg.chart .implied circle { fill: #0072B2; stroke: #fff; }
svg.chart .implied.inconsistent rect { fill: #D55E00aa; } svg.chart .implied.inconsistent circle { fill: #D55E00; }
svg.chart .panel-title { font-weight: 600; }
.panel { margin-bottom: 14px; } .library-legend { list-style: none; padding: 0; margin: 4px 0 0; font-size: 12px; color: var(--muted); }
.trail { border-top: 1px solid var(--line); padding-top: 4px; } .trail h3 .chip { font-size: 11px; }
.trail .numbers { margin: 4px 0; } .causes { margin: 4px 0; padding-left: 20px; }
details summary { cursor: pointer; color: #0969da; } .back { font-size: 12px; margin: 4px 0 12px; }
.trail:target { background: #fff8c5; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); padding-top: 8px; }
@media print {
  @page { margin: 12mm; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav, .back { display: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { text-decoration: none; }
  table.published, table.analysis { font-size: 9pt; } table.published thead, table.analysis thead { display: table-header-group; } .table-wrap { overflow: visible; }
  tr, figure, .panel, .trail h3, .explain li { break-inside: avoid; page-break-inside: avoid; }
  h2 { break-after: avoid; page-break-after: avoid; }
  details > summary { display: none; }
  .explain { font-size: 8pt; }
  svg.chart { max-width: 100%; }
}
`;

/** The document's start up to </head>: no scripts, nothing loaded from elsewhere (the CSP forbids it), our styles. */
export function pageHead(lang: string, title: string, toolVersion: string): string {
  return `<!DOCTYPE html>
<html lang="${esc(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="esg-recalc ${esc(toolVersion)}">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>`;
}

export function renderHtml(result: CheckResult, ctx: RenderContext, options: HtmlOptions): string {
  const { dataset } = result;
  const findingsByCell = new Map<string, Finding[]>();
  for (const f of result.findings)
    findingsByCell.set(cellKey(f.metric, f.column), [...(findingsByCell.get(cellKey(f.metric, f.column)) ?? []), f]);
  // Cells with a problem (any finding that is not a match), in table order: each gets an audit trail.
  const problemCells: string[][] = [];
  const trails = new Set<string>();
  for (const f of result.findings) {
    const key = cellKey(f.metric, f.column);
    if (f.status === "match" || trails.has(key)) continue;
    trails.add(key);
    problemCells.push([f.metric, f.column]);
  }
  const anchor = (f: Finding) => trailId(f.metric, f.column);
  const charts = [
    sharesChart(result, ctx),
    toleranceChart(result, ctx, anchor),
    materialityChart(result, ctx, anchor),
    impliedChart(result, ctx),
  ].filter((c): c is Chart => c !== null);
  const didFail = failed(result, options.failOn);
  const shownStatuses = STATUSES.filter((s) =>
    s === "within-materiality" || s === "material"
      ? result.groups.recalculation
      : s === "incomplete"
        ? result.groups.boundary
        : true,
  );
  const sections = analysisSections(result, ctx);
  const parts = sections.find((s) => s.id === "part-of");
  const analysis = sections.filter((s) => s.id !== "part-of");
  const title = `${t(ctx, "html.title")} — ${heading(result, ctx)}`;

  return `${pageHead(ctx.lang, title, options.toolVersion)}
<body>
<header>
<h1>${esc(heading(result, ctx))}</h1>
<div class="summary" id="summary">
<p><span class="verdict ${didFail ? "fail" : "pass"}">${esc(didFail ? t(ctx, "verdictFail") : t(ctx, "verdictPass"))}</span> ${esc(summaryLine(result, ctx, options.failOn))}</p>
<p>${esc(denominatorLine(result, ctx))}</p>
<div class="chips">${shownStatuses.map((s) => statusChip(s, ctx, result.counts[s])).join("")}</div>
${result.claims.length ? `<p>${esc(t(ctx, "claims"))}: ${result.claims.map((c) => `<span class="chip ${c.verdict === "supported" ? "s-match" : c.verdict === "contradicted" ? "s-mismatch" : "s-rounding"}" title="${esc(`“${c.entry.text}” ${c.entry.expression}: ${causeText(ctx, c.reason)}`)}">${esc(c.verdict === "supported" ? "✓" : c.verdict === "contradicted" ? "✗" : "?")} ${esc(c.entry.id)}</span>`).join(" ")}</p>` : ""}
</div>
<nav><ul><li><a href="#published">${esc(t(ctx, "html.publishedTable"))}</a></li>${charts.length ? `<li><a href="#charts">${esc(t(ctx, "html.charts"))}</a></li>` : ""}<li><a href="#problems">${esc(t(ctx, "findings"))} (${problemCells.length})</a></li>${parts ? `<li><a href="#parts">${esc(parts.title)}</a></li>` : ""}${analysis.length ? `<li><a href="#analysis">${esc(t(ctx, "html.analysis"))}</a></li>` : ""}</ul></nav>
</header>
<main>
<section id="published">
<h2>${esc(t(ctx, "html.publishedTable"))}</h2>
<p class="legend-line">${esc(t(ctx, "html.tableHelp"))}</p>
<div class="chips">${shownStatuses.map((s) => statusChip(s, ctx)).join("")}</div>
${table(result, ctx, findingsByCell, trails)}
</section>
${charts.length ? `<section id="charts">\n<h2>${esc(t(ctx, "html.charts"))}</h2>\n${charts.map(figure).join("\n")}\n</section>` : ""}
<section id="problems">
<h2>${esc(t(ctx, "findings"))}</h2>
${problemCells.length ? trailsSection(result, ctx, problemCells, findingsByCell, options.datasetArg) : `<p>${esc(t(ctx, "noProblems"))}</p>`}
</section>
${parts ? `<section id="parts">\n${sectionHtml(parts, trails, "h2")}\n</section>` : ""}
${analysis.length ? `<section id="analysis">\n<h2>${esc(t(ctx, "html.analysis"))}</h2>\n${analysis.map((s) => sectionHtml(s, trails, "h3")).join("\n")}\n</section>` : ""}
</main>
<footer>${esc(t(ctx, "html.generated").replace("{tool}", `esg-recalc ${options.toolVersion}`).replace("{dataset}", dataset.id))}</footer>
</body>
</html>
`;
}
