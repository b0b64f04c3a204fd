// The machine-readable report. Shape: schema/report.ts (exported as schema/report.schema.json).
import type { Dec } from "../model/decimal.js";
import type { Interval } from "../model/interval.js";
import { label } from "../schema/common.js";
import type { FindingJson, ReportJson } from "../schema/report.js";
import { failsAt, type Finding, type Status } from "../findings/finding.js";
import type { CheckResult } from "../pipeline.js";
import { metricLabel, unitLabel, type RenderContext } from "./labels.js";

/** Interval bounds rounded outward so the printed interval still contains the exact one. */
function intervalJson(i: Interval, scale: number): [string, string] {
  return [i.lo.toDecimalPlaces(scale, 3 /* ROUND_FLOOR */).toFixed(), i.hi.toDecimalPlaces(scale, 2 /* ROUND_CEIL */).toFixed()];
}

const plain = (d: Dec | null, scale?: number) => (d === null ? null : scale === undefined ? d.toFixed() : d.toFixed(scale));

export function findingJson(f: Finding, result: CheckResult, ctx: RenderContext): FindingJson {
  const extra = f.displayScale + 6;
  return {
    metric: f.metric,
    column: f.column,
    label: metricLabel(result.dataset, f.metric, ctx.lang),
    unit: unitLabel(result.dataset, f.metric, result.denominator.unit, ctx.lang),
    kind: f.kind,
    status: f.status,
    published: f.published,
    publishedValue: f.publishedNumber ? f.publishedNumber.value.toFixed(f.publishedNumber.scale) : null,
    recomputed: plain(f.recomputedRounded, f.displayScale),
    recomputedValue: f.recomputed ? f.recomputed.value.toDecimalPlaces(extra).toFixed() : null,
    difference: plain(f.difference, f.displayScale),
    publishedInterval: f.publishedInterval ? intervalJson(f.publishedInterval, extra) : null,
    recomputedInterval: f.recomputed ? intervalJson(f.recomputed.interval, extra) : null,
    source: { file: f.source.name, line: f.source.line, ...(f.source.column ? { column: f.source.column } : {}) },
    causes: f.causes,
  };
}

export function reportJson(result: CheckResult, ctx: RenderContext, failOn: Status | "none"): ReportJson {
  const { dataset, denominator: d } = result;
  return {
    schemaVersion: 1,
    tool: "esg-recalc",
    dataset: { id: dataset.id, company: label(dataset.company, ctx.lang), report: label(dataset.reportTitle, ctx.lang), period: dataset.period.label },
    denominator: {
      id: d.id,
      label: label(d.labels, ctx.lang),
      printed: d.printed,
      value: d.value.toFixed(d.scale),
      interval: [d.interval.lo.toFixed(), d.interval.hi.toFixed()],
      unit: d.unit,
      source: [d.source.document, d.source.issuer, d.source.date].filter(Boolean).join(", "),
    },
    failOn,
    verdict: result.findings.some((f) => failsAt(f.status, failOn)) ? "fail" : "pass",
    counts: result.counts,
    findings: result.findings.map((f) => findingJson(f, result, ctx)),
  };
}

export function renderJson(result: CheckResult, ctx: RenderContext, failOn: Status | "none"): string {
  return JSON.stringify(reportJson(result, ctx, failOn), null, 2) + "\n";
}
