// The sections after the main table: recalculation from activity data, implied factors, boundary completeness,
// denominator analysis. Pure: the check result in, text out.
import { publishedText } from "../findings/finding.js";
import Table from "cli-table3";
import type { ImpliedFactor } from "../compute/implied.js";
import type { Dec } from "../model/decimal.js";
import { inUnit } from "../model/units.js";
import type { Interval } from "../model/interval.js";
import { printInterval, printNumber } from "../model/printedNumber.js";
import type { CheckResult } from "../findings/checkResult.js";
import type { ClaimResult } from "../findings/results.js";
import { columnLabel, metricLabel, recomputedText, signed, t, type RenderContext, causeText } from "./labels.js";
import { paintStatus, type Paint } from "./style.js";

/** Long lists (factor ids, consistent factors) broken after ", " or "; " into lines of about `width` characters; never cut. */
export function wrapList(text: string, width = 60): string {
  const lines: string[] = [];
  for (const token of text.split(/(?<=[,;]) /)) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + token.length <= width) lines[lines.length - 1] = `${last} ${token}`;
    else lines.push(token);
  }
  return lines.join("\n");
}

const table = (head: string[], p: Paint, aligns: ("left" | "right")[]) =>
  new Table({ head: head.map((h) => p.bold(h)), colAligns: aligns, style: { head: [], border: [], compact: true } });

export function displayUnit(result: CheckResult, i: ImpliedFactor): string {
  return result.library?.rules.display[`${i.kind}.${i.activity}`] ?? i.unit;
}

function shown(result: CheckResult, i: ImpliedFactor, base: Dec | null, interval?: Interval | null): string {
  const unit = displayUnit(result, i);
  const cat = result.dataset.catalogue;
  const k = (x: Dec) => inUnit(cat, x, unit) ?? x;
  if (interval) return printInterval({ lo: k(interval.lo), hi: k(interval.hi) }, sigScale(k(interval.hi)));
  return base ? `${printNumber(k(base), sigScale(k(base)))} ${inUnit(cat, base, unit) ? unit : i.unit}` : "";
}

/** Enough decimals for about five significant digits. */
function sigScale(x: Dec): number {
  const e = x.abs().isZero() ? 0 : x.abs().e;
  return Math.max(0, 4 - e);
}

export function renderAnalysis(result: CheckResult, ctx: RenderContext, p: Paint): string[] {
  const out: string[] = [];
  const { dataset } = result;

  const recalcs = result.findings.filter((f) => f.kind === "recalculation");
  if (result.groups.recalculation && result.plan) {
    out.push(p.bold(`${t(ctx, "recalculations")} (${t(ctx, "analysis.materiality")} ${printNumber(result.plan.materiality.times(100), 1)}%)`));
    for (const n of result.plan.notes) out.push(p.yellow(`  ${t(ctx, "analysis.note")}: ${n}`));
    if (recalcs.length === 0) out.push(`  ${result.plan.notes.length ? t(ctx, "analysis.nothingRecalculated") : t(ctx, "analysis.noActivity")}`);
    else {
      const tb = table([t(ctx, "facility"), t(ctx, "metric"), t(ctx, "published"), t(ctx, "recalculated"), t(ctx, "relative"), t(ctx, "status"), t(ctx, "factors")], p, ["left", "left", "right", "right", "right", "left", "left"]);
      for (const f of recalcs) {
        const r = f.recalculation!;
        const used = r.terms.filter((x) => !x.quantity.value.isZero());
        const factors = [...new Set((used.length ? used : r.terms).flatMap((x) => x.factors.map((fa) => fa.id)))];
        tb.push([columnLabel(dataset, f.column, ctx.lang), metricLabel(dataset, f.metric, ctx.lang), publishedText(f), recomputedText(f),
          f.relativeDifference ? `${signed(f.relativeDifference.times(100), 1)}%` : "n/a", paintStatus(p, f.status, t(ctx, `status.${f.status}`)),
          wrapList(`${r.method ? `${r.method}: ` : ""}${factors.join(", ") || "—"}${r.plus.length ? ` + ${r.plus.map((x) => x.metric).join(", ")}` : ""}`)]);
      }
      out.push(tb.toString());
      for (const f of recalcs) for (const c of f.causes.filter((c) => c.code === "alternative-method")) out.push(`  ${columnLabel(dataset, f.column, ctx.lang)} · ${metricLabel(dataset, f.metric, ctx.lang)}: ${causeText(ctx, c)}`);
    }
    out.push("");
  }

  if (result.groups.implied && result.implied.length) {
    out.push(p.bold(t(ctx, "implied")));
    const tb = table([t(ctx, "facility"), t(ctx, "metric"), t(ctx, "impliedValue"), t(ctx, "interval"), t(ctx, "consistentWith")], p, ["left", "left", "right", "right", "left"]);
    for (const i of result.implied) {
      const what = t(ctx, i.kind === "grid" ? "analysis.implied.grid" : i.kind === "ncv" ? "analysis.implied.ncv" : "analysis.implied.co2").replace("{x}", i.activity);
      let verdict: string;
      if (!i.value) verdict = wrapList(`${t(ctx, "notApplicable")}: ${i.reason ?? ""}`);
      else {
        const ok = i.candidates.filter((c) => c.consistent).map((c) => c.id);
        const near = i.candidates.find((c) => !c.consistent);
        const printed = (c: NonNullable<typeof near>) => (c.factor ? (c.factor.range ? `${c.factor.range.low.text}–${c.factor.range.high.text} ${c.factor.unit}` : `${c.factor.value.text} ${c.factor.unit}`) : c.kind === "method" ? "method" : "");
        verdict = ok.length ? ok.join(", ") : i.value.isZero() ? t(ctx, "analysis.implied.zero") : `${t(ctx, "analysis.implied.closest")} ${near ? `${near.id} (${printed(near)}, ${signed(near.relative.times(100), 2)}%)` : "—"}`;
        if (i.assumed.length) verdict += `; ${t(ctx, "analysis.implied.assumes")} ${i.assumed.map((a) => `${a.activity}: ${a.factors.join(", ")}`).join("; ")}`;
        verdict = wrapList(verdict);
        // Coloured line by line, so that a wrapped cell keeps its colour on every line.
        if (i.differsFrom.length) verdict += "\n" + wrapList(`${t(ctx, "analysis.implied.differs")} ${i.differsFrom.join(", ")}`).split("\n").map((l) => p.yellow(l)).join("\n");
      }
      tb.push([columnLabel(dataset, i.facility, ctx.lang), what, shown(result, i, i.value), i.interval ? shown(result, i, null, i.interval) : "", verdict]);
    }
    out.push(tb.toString(), "");
  }

  if (result.groups.boundary && result.plan) {
    const b = result.findings.filter((f) => f.kind === "boundary");
    out.push(p.bold(t(ctx, "boundary")));
    if (b.length === 0) out.push(`  ${t(ctx, "analysis.boundaryComplete")}`);
    for (const f of b) out.push(`  ${paintStatus(p, f.status, t(ctx, `status.${f.status}`))}  ${columnLabel(dataset, f.column, ctx.lang)} · ${metricLabel(dataset, f.metric, ctx.lang)}: ${f.causes[0] ? causeText(ctx, f.causes[0]) : ""}`);
    out.push("");
  }

  if (result.claims.length) {
    out.push(p.bold(t(ctx, "claims")));
    for (const c of result.claims) {
      const mark = c.verdict === "supported" ? p.green(`✓ ${t(ctx, "claim.supported")}`) : c.verdict === "contradicted" ? p.red.bold(`✗ ${t(ctx, "claim.contradicted")}`) : p.yellow(`? ${t(ctx, "claim.undecidable")}`);
      const side = (v: ClaimResult["left"]) => (v ? `${printNumber(v.value, sigScale(v.value) + 2)} ${printInterval(v.interval, sigScale(v.value) + 2)}` : "—");
      out.push(`  ${mark}  ${c.entry.id}: “${c.entry.text}”${c.entry.reference ? ` (${c.entry.reference})` : ""}`);
      out.push(`      ${c.entry.expression}: ${side(c.left)} ${c.entry.claim.op} ${side(c.right)} — ${c.reason}`);
    }
    out.push("");
  }

  const da = result.denominatorAnalysis;
  if (result.groups.denominators && da && da.intensities.length) {
    out.push(p.bold(t(ctx, "denominators")));
    const tb = table([t(ctx, "intensity"), t(ctx, "published"), t(ctx, "impliedDenominator"), t(ctx, "consistentWith")], p, ["left", "right", "right", "left"]);
    for (const i of da.intensities) {
      tb.push([metricLabel(dataset, i.metric, ctx.lang), i.published, i.interval ? printInterval(i.interval, 1) : "—", i.consistentWith.join(", ") || p.yellow(t(ctx, "analysis.noDenominator"))]);
    }
    out.push(tb.toString());
    out.push(`  ${t(ctx, "analysis.allIntensities")}: ${da.intersection ? printInterval(da.intersection, 1) : t(ctx, "analysis.noCommon")}`);
    for (const d of da.denominators) {
      out.push(`  ${d.id} (${d.printed} = ${printInterval(d.interval, 2)}): ${d.consistentWith.length ? `${t(ctx, "analysis.consistentWith")} ${d.consistentWith.join(", ")}` : t(ctx, "analysis.consistentWithNone")}${d.inconsistentWith.length ? `; ${t(ctx, "analysis.notWith")} ${d.inconsistentWith.join(", ")}` : ""}`);
    }
    out.push("");
  }
  return out;
}
