// GitHub Actions workflow commands: an annotation per problem cell (at most a handful), pointing at the dataset file
// and line of the published cell, and a summary line. The full list goes to the step summary as Markdown
// (renderMarkdown), written by the CLI to $GITHUB_STEP_SUMMARY.
//
// Syntax (GitHub's "Workflow commands for GitHub Actions"): `::error file={name},line={line},col={col},title={title}::{message}`;
// in the message % → %25, CR → %0D, LF → %0A; in property values also : → %3A and , → %2C (as @actions/core does).
import { failsAt, publishedText, SEVERITY, type Finding, type Status } from "../findings/finding.js";
import type { CheckResult } from "../findings/checkResult.js";
import type { ReportOptions } from "./options.js";
import {
  causeText,
  columnLabel,
  differenceText,
  metricLabel,
  recomputedText,
  t,
  wholeText,
  type RenderContext,
} from "./labels.js";
import { STATUS_MARK } from "./style.js";
import { summaryLine } from "./summary.js";
import { sheetCell, sourceFile } from "./location.js";
import { acknowledgementOf, claimKey } from "../findings/acknowledgement.js";
import { ackSentence } from "./acknowledged.js";

/** At most this many annotations: GitHub shows 10 per step and kind, and a wall of them helps nobody. */
export const MAX_ANNOTATIONS = 10;

export const escapeData = (s: string): string => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
export const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

export type AnnotationLevel = "error" | "warning" | "notice";

export function command(
  level: AnnotationLevel,
  properties: Record<string, string | number | undefined>,
  message: string,
): string {
  const props = Object.entries(properties)
    .filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== "")
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(",");
  return `::${level}${props ? ` ${props}` : ""}::${escapeData(message)}`;
}

export type GithubOptions = Pick<ReportOptions, "failOn" | "pathOf" | "summaryFile">;

/** error: at or above --fail-on; warning: something is wrong but below the threshold; notice: rounding-level. */
export function levelOf(status: Status, failOn: Status | "none"): AnnotationLevel {
  if (failsAt(status, failOn)) return "error";
  return SEVERITY[status] >= 2 ? "warning" : "notice";
}

const RANK: Record<AnnotationLevel, number> = { error: 0, warning: 1, notice: 2 };

/** Non-match findings that deserve an annotation, the ones that fail the run first, then in table order. */
export function annotated(result: CheckResult, failOn: Status | "none"): Finding[] {
  return result.findings
    .map((f, i) => ({ f, i }))
    .filter(({ f }) => f.status !== "match")
    .sort((a, b) => RANK[levelOf(a.f.status, failOn)] - RANK[levelOf(b.f.status, failOn)] || a.i - b.i)
    .map(({ f }) => f);
}

export function renderGithub(result: CheckResult, ctx: RenderContext, options: GithubOptions): string {
  const { dataset } = result;
  const entries: { level: AnnotationLevel; line: string }[] = annotated(result, options.failOn).map((f) => {
    const cell = sheetCell(f.source);
    const where = `${metricLabel(dataset, f.metric, ctx.lang)} · ${columnLabel(dataset, f.column, ctx.lang)}${cell ? ` (${cell})` : ""}`;
    const numbers = `${t(ctx, "published")} ${publishedText(f) || "—"}, ${wholeText(f, dataset, ctx) ?? `${t(ctx, "recomputed")} ${recomputedText(f)}${f.difference ? ` (${differenceText(f)})` : ""}`}`;
    const ack = acknowledgementOf(result.acknowledgements, f.key);
    // Acknowledged and unchanged: a notice (seen, not failing); changed since: an error, saying what changed.
    const level: AnnotationLevel =
      ack?.state === "acknowledged"
        ? "notice"
        : ack?.state === "changed" && options.failOn !== "none"
          ? "error"
          : levelOf(f.status, options.failOn);
    return {
      level,
      line: command(
        level,
        {
          file: options.pathOf(sourceFile(f.source).file),
          line: sourceFile(f.source).line,
          col: sourceFile(f.source).column,
          title: `esg-recalc ${STATUS_MARK[f.status]} ${t(ctx, `status.${f.status}`)}: ${where}`,
        },
        [
          `${where}: ${numbers}`,
          ...f.causes.map((c) => causeText(ctx, c)),
          ...(ack ? [ackSentence(ack, ctx)] : []),
        ].join("\n"),
      ),
    };
  });
  // A claim the data contradicts fails the run like a mismatch does.
  for (const c of result.claims.filter((x) => x.verdict === "contradicted")) {
    const ack = acknowledgementOf(result.acknowledgements, claimKey(c.entry.id));
    const level: AnnotationLevel =
      ack?.state === "acknowledged" ? "notice" : options.failOn === "none" ? "warning" : "error";
    entries.push({
      level,
      line: command(
        level,
        {
          file: options.pathOf(c.entry.source.file),
          line: c.entry.source.line,
          title: `esg-recalc ✗ ${t(ctx, "claims")}: ${c.entry.id}`,
        },
        `“${c.entry.text}”: ${causeText(ctx, c.reason)}`,
      ),
    });
  }
  for (const o of result.acknowledgements.outcomes.filter((x) => x.state === "stale")) {
    entries.push({
      level: "warning",
      line: command(
        "warning",
        {
          file: options.pathOf(o.entry.source.file),
          line: o.entry.source.line,
          title: `esg-recalc ${t(ctx, "ack.stale")}: ${o.entry.key}`,
        },
        ackSentence(o, ctx),
      ),
    });
  }
  const ordered = entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => RANK[a.e.level] - RANK[b.e.level] || a.i - b.i)
    .map((x) => x.e);
  const lines = ordered.slice(0, MAX_ANNOTATIONS).map((e) => e.line);
  const more = ordered.length - lines.length;
  const tail = [
    more > 0 ? t(ctx, "github.more").replace("{n}", String(more)) : "",
    options.summaryFile ? t(ctx, "github.stepSummary") : "",
  ]
    .filter(Boolean)
    .join("; ");
  lines.push(
    command(
      "notice",
      { title: `esg-recalc ${dataset.id}` },
      `${summaryLine(result, ctx, options.failOn)}${tail ? ` (${tail})` : ""}`,
    ),
  );
  return lines.join("\n") + "\n";
}
