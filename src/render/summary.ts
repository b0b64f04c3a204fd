// Lines every human-readable format shares: the heading, the denominator, the one-line summary.
import { label } from "../schema/common.js";
import { printNumber } from "../model/printedNumber.js";
import { failsAt, STATUSES, type Status } from "../findings/finding.js";
import type { CheckResult } from "../pipeline.js";
import { t, type RenderContext } from "./labels.js";

export function heading(result: CheckResult, ctx: RenderContext): string {
  const ds = result.dataset;
  return `${label(ds.company, ctx.lang)} — ${label(ds.reportTitle, ctx.lang)} (${ds.period.label}) [${ds.id}]`;
}

export function denominatorLine(result: CheckResult, ctx: RenderContext): string {
  const d = result.denominator;
  const unit = result.dataset.catalogue.units.find((u) => u.id === d.unit);
  const tol = d.interval.hi.minus(d.value);
  const value = printNumber(d.value, d.scale);
  return `${t(ctx, "denominator")}: ${label(d.labels, ctx.lang)} = ${value}${tol.isZero() ? "" : ` ± ${printNumber(tol, tol.decimalPlaces())}`} ${unit ? label(unit.labels, ctx.lang) : d.unit} (${d.id})`;
}

export function verdictOf(result: CheckResult, failOn: Status | "none"): boolean {
  return result.findings.some((f) => failsAt(f.status, failOn));
}

export function summaryLine(result: CheckResult, ctx: RenderContext, failOn: Status | "none"): string {
  const counts = STATUSES.map((s) => `${result.counts[s]} ${t(ctx, `status.${s}`)}`).join(", ");
  const failed = verdictOf(result, failOn);
  return `${result.findings.length} ${t(ctx, "checked")}: ${counts} — ${failed ? t(ctx, "verdictFail") : t(ctx, "verdictPass")} (${t(ctx, "threshold")}: ${failOn})`;
}
