// The machine-readable report. Shape: schema/report.ts (exported as schema/report.schema.json).
import { allColumns, tableOfColumn } from "../model/columns.js";
import type { Dec } from "../model/decimal.js";
import type { Factor } from "../model/factors.js";
import { roundOutward, type Interval } from "../model/interval.js";
import { label } from "../schema/common.js";
import type { AckJson, FindingJson, ReportJson } from "../schema/report.js";
import { acknowledgementOf } from "../findings/acknowledgement.js";
import type { z } from "zod";
type AckJsonT = z.infer<typeof AckJson>;
import type { Finding, Status } from "../findings/finding.js";
import type { SourceRef } from "../model/types.js";
import { metricById } from "../model/catalogue.js";
import { failed, type CheckResult } from "../findings/checkResult.js";
import type { ReportOptions } from "./options.js";
import { columnLabel, metricLabel, unitLabel, type RenderContext, causeText } from "./labels.js";

/** Interval bounds rounded outward so the printed interval still contains the exact one. */
export function intervalJson(i: Interval, scale: number): [string, string] {
  const r = roundOutward(i, scale);
  return [r.lo.toFixed(), r.hi.toFixed()];
}

/** A workbook cell is named by its cell (the line is its row); its formula, if any, goes with it. */
const sourceJson = (s: SourceRef) => ({
  file: s.name,
  line: s.line,
  ...(s.cell ? { cell: s.cell, ...(s.formula ? { formula: s.formula } : {}) } : s.column ? { column: s.column } : {}),
});

const plain = (d: Dec | null, scale?: number) =>
  d === null ? null : scale === undefined ? d.toFixed() : d.toFixed(scale);

export function findingJson(f: Finding, result: CheckResult, ctx: RenderContext): FindingJson {
  const extra = f.displayScale + 6;
  return {
    metric: f.metric,
    column: f.column,
    table: f.table,
    label: metricLabel(result.dataset, f.metric, ctx.lang),
    unit: f.kind === "change" ? "%" : unitLabel(result.dataset, f.metric, result.denominator?.unit, ctx.lang, f.column),
    references: metricById(result.dataset.catalogue, f.metric)?.references ?? {},
    kind: f.kind,
    status: f.status,
    published: f.published,
    publishedValue: f.publishedNumber ? f.publishedNumber.value.toFixed(f.publishedNumber.scale) : null,
    recomputed: plain(f.recomputedRounded, f.displayScale),
    recomputedValue: f.recomputedExact ? f.recomputedExact.toDecimalPlaces(extra).toFixed() : null,
    difference: plain(f.difference, f.displayScale),
    publishedInterval: f.publishedInterval ? intervalJson(f.publishedInterval, extra) : null,
    recomputedInterval: f.recomputedInterval ? intervalJson(f.recomputedInterval, extra) : null,
    source: sourceJson(f.source),
    ...(f.kind === "recalculation"
      ? {
          relativeDifference: f.relativeDifference ? f.relativeDifference.toDecimalPlaces(6).toFixed() : null,
          method: f.recalculation?.method ?? null,
        }
      : {}),
    ...(f.recalculation
      ? { factors: [...new Set(f.recalculation.terms.flatMap((t) => t.factors.map((x) => x.id)))] }
      : {}),
    ...(f.whole
      ? {
          whole: {
            metric: f.whole.metric,
            column: f.whole.column,
            label: metricLabel(result.dataset, f.whole.metric, ctx.lang),
            published: f.whole.published,
            publishedValue: f.whole.publishedNumber.value.toFixed(f.whole.publishedNumber.scale),
            publishedInterval: intervalJson(f.whole.publishedInterval, f.whole.publishedNumber.scale + 6),
            source: sourceJson(f.whole.source),
            rule: f.whole.rule,
          },
        }
      : {}),
    ...ackJson(result, f.key),
    causes: f.causes.map((c) => ({ code: c.code, message: causeText(ctx, c) })),
  };
}

function ackJson(result: CheckResult, key: string): { acknowledged?: AckJsonT } {
  const o = acknowledgementOf(result.acknowledgements, key);
  return o && o.state !== "stale"
    ? { acknowledged: { state: o.state, by: o.entry.by, at: o.entry.at, reason: o.entry.reason, changes: o.changes } }
    : {};
}

function acknowledgedJson(result: CheckResult): ReportJson["acknowledged"] {
  const { name, outcomes } = result.acknowledgements;
  return {
    file: name,
    count: outcomes.filter((o) => o.state === "acknowledged").length,
    changed: outcomes.filter((o) => o.state === "changed").length,
    stale: outcomes.filter((o) => o.state === "stale").length,
    entries: outcomes.map((o) => ({
      key: o.entry.key,
      metric: o.entry.metric || null,
      column: o.entry.column || null,
      claim: o.entry.claim || null,
      kind: o.entry.kind,
      state: o.state,
      status: o.entry.status,
      by: o.entry.by,
      at: o.entry.at,
      reason: o.entry.reason,
      changes: o.changes,
      source: { file: o.entry.source.name, line: o.entry.source.line },
    })),
  };
}

/**
 * `problemsOnly` (--problems): the findings whose status is match are left out, and the part-of comparisons that
 * simply hold; counts and the verdict still describe the whole check.
 */
export function reportJson(
  result: CheckResult,
  ctx: RenderContext,
  failOn: Status | "none",
  problemsOnly = false,
): ReportJson {
  const { dataset, denominator: d } = result;
  return {
    schemaVersion: 4,
    tool: "esg-recalc",
    dataset: {
      id: dataset.id,
      company: label(dataset.company, ctx.lang),
      report: label(dataset.reportTitle, ctx.lang),
      period: dataset.period.label,
      periods: dataset.periods,
    },
    tables: dataset.tables.map((t) => ({
      id: t.id,
      ...(t.title ? { title: t.title } : {}),
      file: t.rows[0]?.source.name ?? t.file,
    })),
    columns: allColumns(dataset).map((c) => ({
      id: c.id,
      table: tableOfColumn(dataset, c.id)!.id,
      printed: c.printed,
      label: columnLabel(dataset, c.id, ctx.lang),
      node: c.node,
      period: c.period,
      ...(c.report ? { report: c.report } : {}),
      ...(c.change ? { change: c.change } : {}),
    })),
    denominator: d && {
      id: d.id,
      label: label(d.labels, ctx.lang),
      printed: d.printed,
      value: d.value.toFixed(d.scale),
      interval: intervalJson(d.interval, d.scale + 6),
      unit: d.unit,
      source: [d.source.document, d.source.issuer, d.source.date].filter(Boolean).join(", "),
    },
    failOn,
    verdict: failed(result, failOn) ? "fail" : "pass",
    counts: result.counts,
    findings: (problemsOnly ? result.findings.filter((f) => f.status !== "match") : result.findings).map((f) =>
      findingJson(f, result, ctx),
    ),
    ...(problemsOnly ? { problemsOnly: true as const } : {}),
    factors: result.plan
      ? {
          materiality: result.plan.materiality.toFixed(),
          scope1Method: result.plan.method.id,
          pinned: result.plan.pinned,
          notes: result.plan.notes.map((n) => causeText(ctx, n)),
          used: usedFactors(result).map(factorRef),
        }
      : null,
    impliedFactors: result.implied.map((i) => ({
      facility: i.facility,
      kind: i.kind,
      activity: i.activity,
      unit: i.unit,
      value: i.value ? i.value.toSignificantDigits(12).toFixed() : null,
      interval: i.interval ? intervalJson(i.interval, 12) : null,
      ...(i.reason ? { reason: causeText(ctx, i.reason) } : {}),
      assumed: i.assumed,
      consistentWith: i.candidates.filter((c) => c.consistent).map((c) => c.id),
      closest:
        i.candidates[0] && !i.candidates[0].consistent && i.value && !i.value.isZero()
          ? { id: i.candidates[0].id, relative: i.candidates[0].relative.toDecimalPlaces(6).toFixed() }
          : null,
      differsFrom: i.differsFrom,
    })),
    claims: result.claims.map((c) => ({
      id: c.entry.id,
      text: c.entry.text,
      expression: c.entry.expression,
      ...(c.entry.reference ? { reference: c.entry.reference } : {}),
      verdict: c.verdict,
      left: c.left
        ? { value: c.left.value.toSignificantDigits(12).toFixed(), interval: intervalJson(c.left.interval, 12) }
        : null,
      right: c.right
        ? { value: c.right.value.toSignificantDigits(12).toFixed(), interval: intervalJson(c.right.interval, 12) }
        : null,
      reason: causeText(ctx, c.reason),
    })),
    denominatorAnalysis: result.denominatorAnalysis
      ? {
          intensities: result.denominatorAnalysis.intensities.map((i) => ({
            metric: i.metric,
            column: i.column,
            node: i.node,
            period: i.period,
            measure: i.measure,
            published: i.published,
            impliedDenominator: i.interval ? intervalJson(i.interval, 6) : null,
            consistentWith: i.consistentWith,
          })),
          intersection: result.denominatorAnalysis.intersection
            ? intervalJson(result.denominatorAnalysis.intersection, 6)
            : null,
          denominators: result.denominatorAnalysis.denominators.map((d) => ({
            id: d.id,
            printed: d.printed,
            interval: intervalJson(d.interval, 6),
            consistentWith: d.consistentWith,
            inconsistentWith: d.inconsistentWith,
          })),
          groups: result.denominatorAnalysis.groups.map((g) => ({
            node: g.node,
            period: g.period,
            measure: g.measure,
            intersection: g.intersection ? intervalJson(g.intersection, 6) : null,
            denominators: g.denominators.map((d) => ({
              id: d.id,
              printed: d.printed,
              interval: intervalJson(d.interval, 6),
              consistentWith: d.consistentWith,
              inconsistentWith: d.inconsistentWith,
            })),
          })),
        }
      : null,
    acknowledged: acknowledgedJson(result),
    partOf: result.partOf
      .filter((c) => !problemsOnly || c.verdict !== "holds")
      .map((c) => ({
        rule: c.rule,
        verdict: c.verdict,
        part: { metric: c.part.metric, column: c.part.column, published: c.part.cell.text },
        whole: { metric: c.whole.metric, column: c.whole.column, published: c.whole.cell.text },
        explainedBy: c.explainedBy ?? null,
      })),
  };
}

/** Every library factor the recalculation, implied-factor and boundary checks used, in a stable order. */
export function usedFactors(result: CheckResult): Factor[] {
  const plan = result.plan;
  if (!plan) return [];
  const recipes = [plan.method, ...plan.alternatives].flatMap((m) => [...m.fuels.values()]);
  // By id, in the order of first use, the last factor of each id (as a Map built from the whole list): walked, not
  // listed, since the grid and residual factors have an entry per reporting unit (200,000 sites).
  const byId = new Map<string, Factor>();
  const add = (f: Factor | undefined) => void (f !== undefined && byId.set(f.id, f));
  for (const f of plan.ncv.values()) add(f);
  for (const r of recipes) [r.ncv, r.co2, r.carbon, r.oxidation].forEach(add);
  for (const f of plan.grid.values()) add(f);
  for (const f of plan.residual.values()) add(f);
  for (const f of plan.instruments.values()) add(f);
  return [...byId.values()];
}

export const factorRef = (f: Factor) => ({
  id: f.id,
  value: f.value.value.toFixed(f.value.scale),
  unit: f.unit,
  low: f.range ? f.range.low.value.toFixed(f.range.low.scale) : null,
  high: f.range ? f.range.high.value.toFixed(f.range.high.scale) : null,
  document: f.document,
  attribution: f.attribution,
});

export function renderJson(
  result: CheckResult,
  ctx: RenderContext,
  options: Pick<ReportOptions, "failOn" | "problemsOnly">,
): string {
  return JSON.stringify(reportJson(result, ctx, options.failOn, options.problemsOnly), null, 2) + "\n";
}

/** One report on one line (JSON Lines): for a single dataset, what each line of a batch's --format jsonl holds under "report". */
export function renderJsonl(
  result: CheckResult,
  ctx: RenderContext,
  options: Pick<ReportOptions, "failOn" | "problemsOnly">,
): string {
  return JSON.stringify(reportJson(result, ctx, options.failOn, options.problemsOnly)) + "\n";
}
