// The audit trail of one cell: formula, every input down to the activity rows with file:line and interval,
// the recomputed and published intervals, and the verdict in one sentence.
import { message, named, type MessageArg } from "../findings/message.js";
import { metricById } from "../model/catalogue.js";
import { columnById } from "../model/columns.js";
import { naturalScale, type Recomputed } from "../compute/recompute.js";
import { foldFigure, printInterval, printNumber } from "../model/printedNumber.js";
import { label } from "../schema/common.js";
import { type Finding, intervalScale, publishedText } from "../findings/finding.js";
import type { CheckResult } from "../findings/checkResult.js";
import {
  columnLabel,
  nodeLabel,
  differenceText,
  markerNote,
  metricLabel,
  recomputedText,
  signed,
  t,
  unitLabel,
  type RenderContext,
  causeText,
} from "./labels.js";
import type { Recalculation } from "../compute/recalculate.js";
import type { Factor } from "../model/factors.js";
import type { ActivityValue } from "../model/types.js";
import { factorRef, intervalJson } from "./json.js";
import { paintStatus, type Paint } from "./style.js";
import { sourceText } from "./location.js";
import type { SourceRef } from "../model/types.js";

/** A workbook cell's formula after its location: its cached result is the value read. */
const formulaText = (s: SourceRef): string => (s.formula ? ` ${s.formula}` : "");

export interface ExplainTarget {
  metric: string;
  column: string;
  recomputed: Recomputed | null;
  finding: Finding | null;
  /** Recalculation and boundary findings on the same cell. */
  related: Finding[];
  /** The published cell's text when it exists but produced no finding (a "/" with nothing behind it). */
  publishedText: string | null;
}

const iv = printInterval;

/** A sentence of the catalogue in the report's language. */
const say = (ctx: RenderContext, key: string, args?: Record<string, MessageArg>): string =>
  causeText(ctx, message(key, args));

/** An activity value as the file gives it: one printed figure, or how many rows were summed (first line named). */
const printedText = (a: ActivityValue, ctx: RenderContext): string =>
  a.rows
    ? say(ctx, "phrase.explain.rows-summed", { rows: String(a.rows), figure: a.number.text, unit: a.unit })
    : say(ctx, "phrase.explain.printed", { figure: a.number.text, unit: a.unit });

/** A metric by id in English, by label in Chinese; a column (node) likewise. */
const metricName = (result: CheckResult, id: string): MessageArg =>
  named(id, metricById(result.dataset.catalogue, id)?.labels);
const nodeName = (result: CheckResult, id: string): MessageArg =>
  named(id, result.dataset.tree.nodes.get(columnById(result.dataset, id)?.node ?? id)?.labels);

/** What a status means, in the report's language (STATUS_MEANING in English). */
export const statusMeaning = (ctx: RenderContext, s: Finding["status"]): string =>
  say(ctx, `phrase.status-meaning.${s}`);

/** The status word a sentence starts with: the status itself in English, its word in the report's language. */
const statusWord = (ctx: RenderContext, s: Finding["status"]): string =>
  ctx.lang === "en" ? s : t(ctx, `status.${s}`);

function formula(r: Recomputed): string {
  switch (r.kind) {
    case "input":
      return "input";
    case "sum":
      return `${r.metric}@${r.node} = ${r.inputs.map((x) => `${r.metric}@${x.node}`).join(" + ") || "0"}`;
    case "identity":
      return `${r.metric}@${r.node} = ${r.inputs.map((x, i) => `${r.coefficients?.[i]?.eq(1) ? "" : `${r.coefficients?.[i]?.toFixed()} × `}${x.metric}@${r.node}`).join(" + ")}`;
    case "intensity":
      return `${r.metric} = ${r.inputs[0]?.metric}@${r.node} ÷ ${r.denominator?.id}`;
    case "ratio": {
      const term = (x: Recomputed, i: number) =>
        `${r.coefficients?.[i]?.eq(1) ? "" : `${r.coefficients?.[i]?.toFixed()} × `}${x.metric}@${x.node}`;
      const split = r.numeratorTerms ?? 1;
      const sum = (xs: Recomputed[], from: number) => xs.map((x, i) => term(x, from + i)).join(" + ");
      const num = r.inputs.slice(0, split);
      const den = r.inputs.slice(split);
      const paren = (xs: Recomputed[], text: string) => (xs.length > 1 ? `(${text})` : text);
      const times = r.unitFactor && !r.unitFactor.eq(1) ? ` × ${r.unitFactor.toFixed()}` : "";
      return `${r.metric}@${r.node} = ${paren(num, sum(num, 0))} ÷ ${paren(den, sum(den, split))}${times}`;
    }
    case "change":
      return `(${r.metric}@${r.node} ${r.inputs[0]?.period} − ${r.inputs[1]?.period}) ÷ ${r.inputs[1]?.period} × 100%`;
  }
}

/** `compared`: the decimals the cell was compared at (its published figure's), shown when finer than its inputs'. */
function trailLines(
  r: Recomputed,
  depth: number,
  result: CheckResult,
  ctx: RenderContext,
  compared?: number,
): string[] {
  const pad = "  ".repeat(depth);
  const s = Math.max(naturalScale(r), compared ?? 0);
  const when =
    r.kind === "change"
      ? ` ${r.inputs[1]?.period}→${r.period}`
      : result.dataset.periods.length > 1
        ? ` ${r.period}`
        : "";
  const name = `${metricLabel(result.dataset, r.metric, ctx.lang)} @ ${nodeLabel(result.dataset, r.node, ctx.lang)}${when}`;
  const pct = r.kind === "change" ? "%" : "";
  const head = `${pad}${name} = ${printNumber(r.value, s)}${pct}  ${t(ctx, "interval")} ${iv(r.interval, s + (r.kind === "intensity" ? 4 : 2))}${pct}`;
  if (r.activity)
    return [
      `${head}  ← ${sourceText(r.activity.source, "always")}${formulaText(r.activity.source)} (${printedText(r.activity, ctx)})`,
    ];
  const lines = [`${head}  (${t(ctx, `kind.${r.kind}`)}: ${formulaShown(r, ctx)})`];
  for (const x of r.inputs) lines.push(...trailLines(x, depth + 1, result, ctx));
  if (r.denominator) {
    const d = r.denominator;
    lines.push(
      `${pad}  ${t(ctx, "denominator")} ${d.id} = ${printNumber(d.value, d.scale)}  ${t(ctx, "interval")} ${iv(d.interval, d.scale + 2)}  ← ${label(d.labels, ctx.lang)}; ${[d.source.document, d.source.date].filter(Boolean).join(", ")}${d.source.quote ? `: "${d.source.quote}"` : ""}`,
    );
  }
  return lines;
}

const refsText = (dataset: CheckResult["dataset"], metric: string) => {
  const r = dataset.catalogue.metrics.find((m) => m.id === metric)?.references ?? {};
  return [r.hkex ? `HKEX ${r.hkex}` : "", r.gri ? `GRI ${r.gri}` : ""]
    .filter(Boolean)
    .map((s) => `; ${s}`)
    .join("");
};

/** The ESRS datapoint (element, member, paragraph) and IFRS S2 paragraph, on a line of their own when the metric has them. */
export function standardsText(dataset: CheckResult["dataset"], metric: string): string | null {
  const r = dataset.catalogue.metrics.find((m) => m.id === metric)?.references ?? {};
  const esrs = [r.esrsParagraph, r.esrs, r.esrsMember ? `[${r.esrsMember}]` : ""].filter(Boolean).join(" ");
  const parts = [esrs ? `ESRS ${esrs}` : "", r.ifrsS2 ? `IFRS S2 ${r.ifrsS2}` : ""].filter(Boolean);
  return parts.length ? parts.join("; ") : null;
}

const relText = (f: Finding, ctx: RenderContext) =>
  f.relativeDifference ? `${signed(f.relativeDifference.times(100), 1)}%` : say(ctx, "phrase.word.na");

/** The formula as the trail shows it: "input" in the report's language, else ids (what commands and the JSON name). */
const formulaShown = (r: Recomputed, ctx: RenderContext): string =>
  r.kind === "input" ? t(ctx, "kind.input") : formula(r);

/** The verdict in one sentence, in the report's language (templates phrase.verdict.* of data/i18n/causes.json). */
export function verdictSentence(f: Finding, ctx: RenderContext, result?: CheckResult): string {
  const pub = publishedText(f);
  const nothing = (text: string) => text || say(ctx, "phrase.word.nothing");
  if (f.whole)
    return say(ctx, "phrase.verdict.part-of", {
      status: statusWord(ctx, f.status),
      pub,
      whole: message("phrase.cell-at", {
        metric: result ? metricName(result, f.whole.metric) : f.whole.metric,
        column: result ? nodeName(result, f.whole.column) : f.whole.column,
      }),
      wholePub: foldFigure(f.whole.published).trim(),
    });
  const rec = f.recomputedRounded
    ? printNumber(f.recomputedRounded, f.displayScale) + (f.kind === "change" ? "%" : "")
    : "";
  switch (f.status) {
    case "match":
      return say(ctx, "phrase.verdict.match", { rec, pub });
    case "rounding":
      return say(ctx, "phrase.verdict.rounding", { rec, pub, diff: differenceText(f) });
    case "mismatch":
      return say(ctx, "phrase.verdict.mismatch", { rec, pub, diff: differenceText(f) });
    case "missing":
      return say(ctx, "phrase.verdict.missing", { pub });
    case "omitted":
      return say(ctx, "phrase.verdict.omitted", { rec, pub: nothing(pub) });
    case "within-materiality":
      return say(
        ctx,
        f.causes.some((c) => c.code === "factor-range")
          ? "phrase.verdict.within-materiality.range"
          : "phrase.verdict.within-materiality",
        { rec, pub, rel: relText(f, ctx) },
      );
    case "material":
      return say(ctx, "phrase.verdict.material", { rec, pub, rel: relText(f, ctx) });
    case "incomplete":
      return rec
        ? say(ctx, "phrase.verdict.incomplete", { rec, pub: nothing(pub) })
        : say(ctx, "phrase.verdict.incomplete.no-factor", { pub: nothing(pub) });
  }
}

export function renderExplain(target: ExplainTarget, result: CheckResult, ctx: RenderContext, p: Paint): string {
  return explainLines(target, result, ctx, p).join("\n") + "\n";
}

/**
 * The audit trail as lines, each indented two spaces per level of the trail (an input under the figure it feeds, a
 * factor under its activity figure): the HTML report nests them as lists by that indentation.
 */
export function explainLines(target: ExplainTarget, result: CheckResult, ctx: RenderContext, p: Paint): string[] {
  const { dataset } = result;
  const f = target.finding;
  const out = [
    p.bold(`${metricLabel(dataset, target.metric, ctx.lang)} · ${columnLabel(dataset, target.column, ctx.lang)}`) +
      `  (${target.metric} --column ${target.column}; ${columnById(dataset, target.column)?.change ? say(ctx, "phrase.explain.percent-change") : unitLabel(dataset, target.metric, result.denominator?.unit, ctx.lang, target.column)}${refsText(dataset, target.metric)})`,
    ...[standardsText(dataset, target.metric)].filter((x): x is string => x !== null).map((x) => `  ${x}`),
    "",
  ];
  const r = target.recomputed;
  if (r) {
    out.push(
      `${t(ctx, "formula")}: ${formulaShown(r, ctx)}`,
      `${t(ctx, "inputs")}:`,
      ...trailLines(r, 1, result, ctx, f?.displayScale),
      "",
    );
  } else {
    out.push(
      `${t(ctx, "recomputed")}: — (${say(ctx, "phrase.explain.no-activity", {
        cell: message("phrase.cell-at", {
          metric: metricName(result, target.metric),
          column: nodeName(result, target.column),
        }),
      })})`,
      "",
    );
  }
  if (f) {
    const scale = intervalScale(f);
    if (r && f.conversion && f.recomputedExact && f.recomputedInterval) {
      // The row prints another unit of the metric's dimension: the conversion, exact, then the comparison in the printed unit.
      const c = f.conversion;
      // The metric's unit in the report's language, the printed one as the row prints it (千公噸, GJ).
      // An intensity keeps its denominator unit on both sides: MWh/百萬 → GJ/百萬.
      const slash = f.unit.lastIndexOf("/");
      const per = slash >= 0 ? f.unit.slice(slash) : "";
      const from = unitName(result.dataset, c.from, ctx.lang) + per;
      const to = f.unit.trim() || unitName(result.dataset, c.to, ctx.lang);
      out.push(
        `${t(ctx, "recomputed")}: ${printNumber(c.value, f.displayScale + 4)} ${from} × ${printNumber(c.factor, Math.min(12, Math.max(0, c.factor.decimalPlaces())))} (${from} → ${to}) = ${printNumber(f.recomputedExact, f.displayScale + 4)} ${to} → ${recomputedText(f)}  ${t(ctx, "interval")} ${iv(f.recomputedInterval, scale)}`,
      );
    } else if (r)
      out.push(
        `${t(ctx, "recomputed")}: ${printNumber(r.value, f.displayScale + 4)} → ${recomputedText(f)}  ${t(ctx, "interval")} ${iv(r.interval, scale)}`,
      );
    if (f.publishedInterval)
      out.push(
        `${t(ctx, "published")}: ${f.published}${markerNote(f, ctx)}  ${t(ctx, "interval")} ${iv(f.publishedInterval, scale)}  ← ${sourceText(f.source, "always")}${formulaText(f.source)}`,
      );
    else
      out.push(
        `${t(ctx, "published")}: ${publishedText(f) || say(ctx, "phrase.explain.blank")}  ← ${sourceText(f.source, "none")}`,
      );
    out.push(
      "",
      `${t(ctx, "verdict")}: ${paintStatus(p, f.status, verdictSentence(f, ctx, result))}`,
      `  (${statusWord(ctx, f.status)}: ${statusMeaning(ctx, f.status)})`,
    );
    for (const c of f.causes) out.push(`  ${t(ctx, "causes")}: ${causeText(ctx, c)}`);
  } else {
    out.push(
      `${t(ctx, "published")}: ${target.publishedText === null ? say(ctx, "phrase.explain.not-in-table") : target.publishedText || say(ctx, "phrase.explain.blank")}`,
      `${t(ctx, "verdict")}: ${say(ctx, target.publishedText === "/" ? "phrase.explain.no-finding.slash" : "phrase.explain.no-finding")}`,
    );
  }
  for (const f of target.related) out.push("", ...relatedLines(f, result, ctx, p));
  return out;
}

/** A factor with its source: the document, issuer, date and note as the library records them (a citation). */
function factorLine(f: Factor, ctx: RenderContext): string {
  const value = f.range
    ? `${f.value.text} (${say(ctx, "phrase.explain.range", { low: f.range.low.text, high: f.range.high.text })})`
    : f.value.text;
  return `${f.id} = ${value} ${f.unit} — ${[f.document, f.issuer, f.date].filter(Boolean).join(", ")} [${say(ctx, `phrase.attribution.${f.attribution}`)}${f.note ? `: ${f.note}` : ""}] ← ${f.source.file}:${f.source.line}`;
}

/** The recalculation (or boundary estimate) of a cell: each activity figure, each factor with its source. */
export function relatedLines(f: Finding, result: CheckResult, ctx: RenderContext, p: Paint): string[] {
  const { dataset } = result;
  const r = f.recalculation;
  const out = [
    p.bold(
      `${t(ctx, `kind.${f.kind}`)}: ${r ? causeText(ctx, message(r.title)) : f.causes[0] ? causeText(ctx, f.causes[0]) : ""}`,
    ),
  ];
  if (r) {
    if (r.method) out.push(`  ${say(ctx, "phrase.explain.method", { method: r.method })}`);
    for (const term of r.terms) {
      const q = term.quantity;
      const where = q.activity ? ` ← ${sourceText(q.activity.source, "none")} (${printedText(q.activity, ctx)})` : "";
      out.push(`  ${metricLabel(dataset, q.metric, ctx.lang)} = ${printNumber(q.value, naturalScale(q))}${where}`);
      for (const fa of term.factors) out.push(`    × ${factorLine(fa, ctx)}`);
      for (const c of term.constants)
        out.push(
          `    × ${printNumber(c, 6)} (${say(ctx, c.eq(-1) ? "phrase.explain.instrument-covered" : "phrase.explain.co2-per-c")})`,
        );
      out.push(
        `    = ${printNumber(term.value, f.displayScale + 1)}  ${t(ctx, "interval")} ${printInterval(term.interval, f.displayScale + 1)}`,
      );
    }
    for (const plus of r.plus)
      out.push(
        `  + ${metricLabel(dataset, plus.metric, ctx.lang)} = ${printNumber(plus.value, naturalScale(plus))}${plus.activity ? ` ← ${sourceText(plus.activity.source, "none")}` : ""}`,
      );
    out.push(
      `  ${t(ctx, "recalculated")}: ${printNumber(r.value, f.displayScale + 2)} → ${recomputedText(f)}  ${t(ctx, "interval")} ${printInterval(r.interval, f.displayScale + 1)}`,
    );
    for (const alt of r.alternatives)
      out.push(
        `  ${say(ctx, "phrase.explain.with-method", { method: alt.method })}: ${printNumber(alt.value, f.displayScale)}  ${t(ctx, "interval")} ${printInterval(alt.interval, f.displayScale)}`,
      );
  }
  const w = f.whole;
  if (w && f.publishedInterval) {
    const scale = Math.max(f.displayScale, w.publishedNumber.scale) + 2;
    out.push(
      `  ${t(ctx, "partOf.part")}: ${metricLabel(dataset, f.metric, ctx.lang)} · ${columnLabel(dataset, f.column, ctx.lang)} = ${publishedText(f)}  ${t(ctx, "interval")} ${printInterval(f.publishedInterval, scale)}  ← ${sourceText(f.source, "always")}`,
    );
    out.push(
      `  ${t(ctx, "partOf.whole")}: ${metricLabel(dataset, w.metric, ctx.lang)} · ${columnLabel(dataset, w.column, ctx.lang)} = ${foldFigure(w.published).trim()}  ${t(ctx, "interval")} ${printInterval(w.publishedInterval, scale)}  ← ${sourceText(w.source, "always")}`,
    );
  }
  out.push(`  ${t(ctx, "verdict")}: ${paintStatus(p, f.status, verdictSentence(f, ctx, result))}`);
  if (r && result.plan)
    out.push(
      `  (${t(ctx, "analysis.materiality")} ${printNumber(result.plan.materiality.times(100), 1)}%; ${statusMeaning(ctx, f.status)})`,
    );
  return out;
}

export function recalculationJson(r: Recalculation) {
  return {
    check: r.check,
    method: r.method,
    value: r.value.toSignificantDigits(15).toFixed(),
    interval: intervalJson(r.interval, 6),
    terms: r.terms.map((term) => ({
      metric: term.quantity.metric,
      quantity: term.quantity.value.toFixed(),
      source: term.quantity.activity
        ? { file: term.quantity.activity.source.name, line: term.quantity.activity.source.line }
        : null,
      factors: term.factors.map(factorRef),
      constants: term.constants.map((c) => c.toSignificantDigits(15).toFixed()),
      value: term.value.toSignificantDigits(15).toFixed(),
    })),
    plus: r.plus.map((x) => ({ metric: x.metric, value: x.value.toFixed() })),
    alternatives: r.alternatives.map((a) => ({
      method: a.method,
      value: a.value.toSignificantDigits(15).toFixed(),
      interval: intervalJson(a.interval, 6),
    })),
  };
}

export interface TrailJson {
  metric: string;
  /** The tree node (the published column's id can differ: see the finding). */
  column: string;
  period: string;
  kind: string;
  value: string;
  interval: [string, string];
  formula: string;
  source?: { file: string; line: number; column?: number; printed: string; unit: string; rows?: number };
  denominator?: { id: string; value: string; interval: [string, string]; source: string };
  inputs: TrailJson[];
}

export function trailJson(r: Recomputed): TrailJson {
  const s = naturalScale(r) + 6;
  return {
    metric: r.metric,
    column: r.node,
    period: r.period,
    kind: r.kind,
    value: r.value.toDecimalPlaces(s).toFixed(),
    interval: intervalJson(r.interval, s),
    formula: formula(r),
    ...(r.activity
      ? {
          source: {
            file: r.activity.source.name,
            line: r.activity.source.line,
            ...(r.activity.source.column ? { column: r.activity.source.column } : {}),
            printed: r.activity.number.text,
            unit: r.activity.unit,
            ...(r.activity.rows ? { rows: r.activity.rows } : {}),
          },
        }
      : {}),
    ...(r.denominator
      ? {
          denominator: {
            id: r.denominator.id,
            value: r.denominator.value.toFixed(r.denominator.scale),
            interval: intervalJson(r.denominator.interval, r.denominator.scale + 6),
            source: r.denominator.source.document,
          },
        }
      : {}),
    inputs: r.inputs.map(trailJson),
  };
}

/** A unit's label in a language (its id when the catalogue has no such unit). */
function unitName(dataset: CheckResult["dataset"], id: string, lang: RenderContext["lang"]): string {
  const u = dataset.catalogue.units.find((x) => x.id === id);
  return u ? label(u.labels, lang) : id;
}
