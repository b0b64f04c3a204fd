// The sections after the main table, for the terminal: the tables drawn by cli-table3 (fitted to the terminal's
// width when one is given), the boundary findings and claims as lines. Pure: the check result in, lines out.
import type { CheckResult } from "../findings/checkResult.js";
import { analysisSections, type AnalysisCell, type AnalysisSection, type AnalysisTable } from "./analysisSections.js";
import { gridCell, renderGrid, wrapLine, wrapLines, type GridCell } from "./fit.js";
import { t, type RenderContext } from "./labels.js";
import { paintStatus, statusPaint, STATUS_MARK, type Paint } from "./style.js";

export { wrapList } from "./fit.js";
export { displayUnit } from "./analysisSections.js";

function claimMark(p: Paint, c: AnalysisCell): string {
  return c.claim === "supported"
    ? p.green(`✓ ${c.text}`)
    : c.claim === "contradicted"
      ? p.red.bold(`✗ ${c.text}`)
      : p.yellow(`? ${c.text}`);
}

function gridOf(table: AnalysisTable, p: Paint): GridCell[][] {
  return table.rows.map((row) =>
    row.map((c) => {
      const main = c.status
        ? gridCell(`${STATUS_MARK[c.status]} ${c.text}`, statusPaint(p, c.status))
        : gridCell(c.text, c.warn ? p.yellow : undefined);
      if (c.extra) main.parts.push({ text: c.extra.text, ...(c.extra.warn ? { paint: p.yellow } : {}) });
      return main;
    }),
  );
}

function drawn(table: AnalysisTable, p: Paint, width?: number): string {
  return renderGrid(
    {
      head: table.head,
      align: table.align,
      wrap: table.wrap,
      rows: gridOf(table, p),
      ...(table.stack ? { stack: table.stack } : {}),
    },
    p,
    width,
  );
}

/** One section's lines; the rows of the boundary and claims sections as sentences, the others as a table. */
function sectionLines(s: AnalysisSection, ctx: RenderContext, p: Paint, width?: number): string[] {
  const out = [p.bold(s.title)];
  const prose = (lines: string[]) => out.push(...wrapLines(lines, width));
  for (const n of s.notes) prose([n.warn ? p.yellow(`  ${n.text}`) : `  ${n.text}`]);
  const rows = s.table?.rows ?? [];
  if (rows.length === 0 && s.empty) prose([`  ${s.empty}`]);
  if (s.id === "boundary") {
    for (const [status, unit, metric, message] of rows)
      prose([`  ${paintStatus(p, status!.status!, status!.text)}  ${unit!.text} · ${metric!.text}: ${message!.text}`]);
  } else if (s.id === "claims") {
    for (const [verdict, id, statement, expression, values, reason] of rows) {
      prose([`  ${claimMark(p, verdict!)}  ${id!.text}: ${statement!.text}`]);
      out.push(...wrapLine(`      ${expression!.text}: ${values!.text} — ${reason!.text}`, width));
    }
  } else if (s.table && rows.length) out.push(drawn(s.table, p, width));
  prose(s.after.map((l) => `  ${l}`));
  if (s.second) {
    for (const [id, printed, interval, consistent, inconsistent] of s.second.rows) {
      prose([
        `  ${id!.text} (${printed!.text} = ${interval!.text}): ${consistent!.text ? `${t(ctx, "analysis.consistentWith")} ${consistent!.text}` : t(ctx, "analysis.consistentWithNone")}${inconsistent!.text ? `; ${t(ctx, "analysis.notWith")} ${inconsistent!.text}` : ""}`,
      ]);
    }
  }
  out.push("");
  return out;
}

/** `width`: the terminal's, when the report goes to one; the tables and sentences are then fitted to it. */
export function renderAnalysis(result: CheckResult, ctx: RenderContext, p: Paint, width?: number): string[] {
  return analysisSections(result, ctx).flatMap((s) => sectionLines(s, ctx, p, width));
}
