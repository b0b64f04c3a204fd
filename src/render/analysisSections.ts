// The sections after the main table, as data: each a title, notes, a table (head, alignment, rows of cells that know
// their status and the audit trail they belong to) and sentences after it. The terminal (analysis.ts), Markdown and
// HTML each lay the same sections out in their own way, so every format has the same columns. Pure.
import type { ImpliedFactor } from "../compute/implied.js";
import type { Dec } from "../model/decimal.js";
import { inUnit } from "../model/units.js";
import { REVENUE } from "../model/types.js";
import type { Interval } from "../model/interval.js";
import { foldFigure, printInterval, printNumber } from "../model/printedNumber.js";
import { publishedText, type Status } from "../findings/finding.js";
import { message } from "../findings/message.js";
import type { CheckResult } from "../findings/checkResult.js";
import type { BreakdownCheck, ClaimResult, ClaimVerdict, PartOfComparison } from "../findings/results.js";
import {
  causeText,
  columnLabel,
  metricLabel,
  nodeLabel,
  recomputedText,
  signed,
  t,
  type RenderContext,
} from "./labels.js";
import type { Wrap } from "./fit.js";

export interface AnalysisCell {
  text: string;
  /** A status the cell shows (with its symbol and colour). */
  status?: Status;
  claim?: ClaimVerdict;
  /** Said with a warning colour. */
  warn?: boolean;
  /** A second piece, on a line of its own in the terminal. */
  extra?: { text: string; warn?: boolean };
  /** The cell whose audit trail this row belongs to (a link in HTML, when the report has a trail for it). */
  trail?: { metric: string; column: string };
}

export interface AnalysisTable {
  head: string[];
  align: ("left" | "right")[];
  wrap: Wrap[];
  rows: AnalysisCell[][];
  /** Leading columns that name the row, which a narrow terminal shows on a line of their own (see fit.ts). */
  stack?: number;
}

export type SectionId = "part-of" | "breakdowns" | "recalculation" | "implied" | "boundary" | "claims" | "denominators";

export interface AnalysisSection {
  id: SectionId;
  title: string;
  /** Said before the table (notes on what could not be done). */
  notes: AnalysisCell[];
  /** Said instead of the table when it has no rows. */
  empty: string | null;
  table: AnalysisTable | null;
  /** Sentences after the table. */
  after: string[];
  /** A second table (the denominators declared, each against the intensities). */
  second?: AnalysisTable;
}

export function displayUnit(result: CheckResult, i: ImpliedFactor): string {
  return result.library?.rules.display[`${i.kind}.${i.activity}`] ?? i.unit;
}

/** Enough decimals for about five significant digits. */
export function sigScale(x: Dec): number {
  const e = x.abs().isZero() ? 0 : x.abs().e;
  return Math.max(0, 4 - e);
}

function shown(result: CheckResult, i: ImpliedFactor, base: Dec | null, interval?: Interval | null): string {
  const unit = displayUnit(result, i);
  const cat = result.dataset.catalogue;
  const k = (x: Dec) => inUnit(cat, x, unit) ?? x;
  if (interval) return printInterval({ lo: k(interval.lo), hi: k(interval.hi) }, sigScale(k(interval.hi)));
  return base ? `${printNumber(k(base), sigScale(k(base)))} ${inUnit(cat, base, unit) ? unit : i.unit}` : "";
}

const cell = (text: string, more: Omit<AnalysisCell, "text"> = {}): AnalysisCell => ({ text, ...more });

/** Where a printed figure stands: "Metric · Column". */
const at = (result: CheckResult, ctx: RenderContext, metric: string, column: string) =>
  `${metricLabel(result.dataset, metric, ctx.lang)} · ${columnLabel(result.dataset, column, ctx.lang)}`;

/** A comparison's status as the other sections show statuses: ✗ a violation, ~ allowed only by rounding, ✓ it holds. */
const PART_STATUS: Record<PartOfComparison["verdict"], Status> = {
  violated: "mismatch",
  rounding: "rounding",
  holds: "match",
};

function partOfSection(result: CheckResult, ctx: RenderContext): AnalysisSection | null {
  const all = result.partOf;
  if (all.length === 0) return null;
  // The table lists what deserves a look; the sentence after it counts every comparison.
  const notable = all.filter((c) => c.verdict !== "holds");
  const count = (v: PartOfComparison["verdict"]) => String(all.filter((c) => c.verdict === v).length);
  return {
    id: "part-of",
    title: t(ctx, "partOf"),
    notes: [],
    empty: null,
    table: notable.length
      ? {
          head: [
            t(ctx, "status"),
            t(ctx, "partOf.part"),
            t(ctx, "published"),
            t(ctx, "partOf.whole"),
            t(ctx, "published"),
            t(ctx, "partOf.rule"),
          ],
          align: ["left", "left", "right", "left", "right", "left"],
          wrap: ["words", "words", "none", "words", "none", "words"],
          rows: notable.map((c) => [
            cell(t(ctx, `status.${PART_STATUS[c.verdict]}`), {
              status: PART_STATUS[c.verdict],
              ...(c.verdict === "violated"
                ? { trail: c.explainedBy ?? { metric: c.part.metric, column: c.part.column } }
                : {}),
            }),
            cell(at(result, ctx, c.part.metric, c.part.column)),
            cell(foldFigure(c.part.cell.text).trim()),
            cell(at(result, ctx, c.whole.metric, c.whole.column)),
            cell(foldFigure(c.whole.cell.text).trim()),
            cell(
              t(ctx, c.rule === "declared" ? "partOf.declared" : "partOf.tree"),
              c.explainedBy
                ? {
                    extra: {
                      text: t(ctx, "partOf.explained").replace(
                        "{cell}",
                        at(result, ctx, c.explainedBy.metric, c.explainedBy.column),
                      ),
                    },
                  }
                : {},
            ),
          ]),
        }
      : null,
    after: [
      t(ctx, "partOf.summary")
        .replace("{n}", String(all.length))
        .replace("{holds}", count("holds"))
        .replace("{rounding}", count("rounding"))
        .replace("{violated}", count("violated")) +
        (all.some((c) => c.explainedBy)
          ? t(ctx, "partOf.explainedCount").replace("{n}", String(all.filter((c) => c.explainedBy).length))
          : ""),
    ],
  };
}

/** Every block of every breakdown against its printed total: the ones that deserve a look, then a count of all. */
function breakdownSection(result: CheckResult, ctx: RenderContext): AnalysisSection | null {
  const all = result.breakdowns ?? [];
  if (all.length === 0) return null;
  const wrongRows = (c: BreakdownCheck) => c.rows.filter((r) => r.status === "mismatch");
  const notable = all.filter((c) => c.verdict !== "holds" || wrongRows(c).length > 0);
  const count = (v: BreakdownCheck["verdict"]) => String(all.filter((c) => c.verdict === v).length);
  const status = (c: BreakdownCheck): Status =>
    c.verdict === "violated" || wrongRows(c).length ? "mismatch" : PART_STATUS[c.verdict];
  return {
    id: "breakdowns",
    title: t(ctx, "breakdowns"),
    notes: [],
    empty: null,
    table: notable.length
      ? {
          head: [
            t(ctx, "status"),
            t(ctx, "breakdowns.block"),
            t(ctx, "breakdowns.sum"),
            t(ctx, "breakdowns.total"),
            t(ctx, "published"),
          ],
          align: ["left", "left", "right", "left", "right"],
          wrap: ["words", "words", "none", "words", "none"],
          rows: notable.map((c) => {
            const scale = Math.max(c.total.number.scale, ...c.rows.map((r) => r.number.scale));
            return [
              cell(t(ctx, `status.${status(c)}`), { status: status(c) }),
              cell(
                `${c.block.heading.trim()}: ${c.rows.map((r) => `${r.row.label.trim()} ${foldFigure(r.number.text).trim()}`).join(" + ")}`,
              ),
              cell(printNumber(c.sum, scale)),
              cell(at(result, ctx, c.total.metric, c.column.id)),
              cell(foldFigure(c.total.cell.text).trim()),
            ];
          }),
        }
      : null,
    after: [
      t(ctx, "breakdowns.summary")
        .replace("{n}", String(all.length))
        .replace("{holds}", count("holds"))
        .replace("{rounding}", count("rounding"))
        .replace("{violated}", count("violated"))
        .replace("{rows}", String(all.reduce((n, c) => n + wrongRows(c).length, 0))),
    ],
  };
}

function recalculationSection(result: CheckResult, ctx: RenderContext): AnalysisSection | null {
  const { dataset, plan } = result;
  if (!result.groups.recalculation || !plan) return null;
  const recalcs = result.findings.filter((f) => f.kind === "recalculation");
  return {
    id: "recalculation",
    title: `${t(ctx, "recalculations")} (${t(ctx, "analysis.materiality")} ${printNumber(plan.materiality.times(100), 1)}%)`,
    notes: plan.notes.map((n) => cell(`${t(ctx, "analysis.note")}: ${causeText(ctx, n)}`, { warn: true })),
    empty: plan.notes.length ? t(ctx, "analysis.nothingRecalculated") : t(ctx, "analysis.noActivity"),
    table: recalcs.length
      ? {
          head: [
            t(ctx, "facility"),
            t(ctx, "metric"),
            t(ctx, "published"),
            t(ctx, "recalculated"),
            t(ctx, "relative"),
            t(ctx, "status"),
            t(ctx, "factors"),
          ],
          align: ["left", "left", "right", "right", "right", "left", "left"],
          wrap: ["words", "words", "none", "none", "none", "words", "list"],
          stack: 2,
          rows: recalcs.map((f) => {
            const r = f.recalculation!;
            const used = r.terms.filter((x) => !x.quantity.value.isZero());
            const factors = [...new Set((used.length ? used : r.terms).flatMap((x) => x.factors.map((fa) => fa.id)))];
            return [
              cell(columnLabel(dataset, f.column, ctx.lang), { trail: { metric: f.metric, column: f.column } }),
              cell(metricLabel(dataset, f.metric, ctx.lang)),
              cell(publishedText(f)),
              cell(recomputedText(f)),
              cell(
                f.relativeDifference
                  ? `${signed(f.relativeDifference.times(100), 1)}%`
                  : causeText(ctx, message("phrase.word.na")),
              ),
              cell(t(ctx, `status.${f.status}`), { status: f.status }),
              cell(
                `${r.method ? `${r.method}: ` : ""}${factors.join(", ") || "—"}${r.plus.length ? ` + ${r.plus.map((x) => (ctx.lang === "en" ? x.metric : metricLabel(dataset, x.metric, ctx.lang))).join(", ")}` : ""}`,
              ),
            ];
          }),
        }
      : null,
    after: recalcs.flatMap((f) =>
      f.causes
        .filter((c) => c.code === "alternative-method" || c.code === "nothing-to-recalculate")
        .map(
          (c) =>
            `${columnLabel(dataset, f.column, ctx.lang)} · ${metricLabel(dataset, f.metric, ctx.lang)}: ${causeText(ctx, c)}`,
        ),
    ),
  };
}

/** A fuel by its metric's label in Chinese ("天然氣"), by its activity id in English (as explain and the library name it). */
function fuelName(result: CheckResult, ctx: RenderContext, activity: string): string {
  const fuel = result.library?.rules.fuels.find((x) => x.activity === activity);
  return ctx.lang !== "en" && fuel ? metricLabel(result.dataset, fuel.metric, ctx.lang) : activity;
}

function impliedSection(result: CheckResult, ctx: RenderContext): AnalysisSection | null {
  if (!result.groups.implied || !result.implied.length) return null;
  const rows = result.implied.map((i) => {
    // A fuel by its metric's label in Chinese ("天然氣的低位發熱量"), by its id in English (as explain and the library name it).
    const fuel = result.library?.rules.fuels.find((x) => x.activity === i.activity);
    const x = !fuel && i.activityWord ? causeText(ctx, message(i.activityWord)) : fuelName(result, ctx, i.activity);
    const what = t(
      ctx,
      i.kind === "grid" ? "analysis.implied.grid" : i.kind === "ncv" ? "analysis.implied.ncv" : "analysis.implied.co2",
    ).replace("{x}", x);
    let verdict: AnalysisCell;
    if (!i.value) verdict = cell(`${t(ctx, "notApplicable")}: ${i.reason ? causeText(ctx, i.reason) : ""}`);
    else {
      const ok = i.candidates.filter((c) => c.consistent).map((c) => c.id);
      const near = i.candidates.find((c) => !c.consistent);
      const printed = (c: NonNullable<typeof near>) =>
        c.factor
          ? c.factor.range
            ? `${c.factor.range.low.text}–${c.factor.range.high.text} ${c.factor.unit}`
            : `${c.factor.value.text} ${c.factor.unit}`
          : c.kind === "method"
            ? causeText(ctx, message("phrase.word.method"))
            : "";
      let text = ok.length
        ? ok.join(", ")
        : i.value.isZero()
          ? t(ctx, "analysis.implied.zero")
          : `${t(ctx, "analysis.implied.closest")} ${near ? `${near.id} (${printed(near)}, ${signed(near.relative.times(100), 2)}%)` : "—"}`;
      if (i.assumed.length)
        text += `; ${t(ctx, "analysis.implied.assumes")} ${i.assumed.map((a) => `${fuelName(result, ctx, a.activity)}: ${a.factors.join(", ")}`).join("; ")}`;
      verdict = cell(
        text,
        i.differsFrom.length
          ? {
              extra: {
                text: `${t(ctx, "analysis.implied.differs")} ${i.differsFrom.map((n) => (ctx.lang === "en" ? n : nodeLabel(result.dataset, n, ctx.lang))).join(", ")}`,
                warn: true,
              },
            }
          : {},
      );
    }
    return [
      cell(columnLabel(result.dataset, i.facility, ctx.lang)),
      cell(what),
      cell(shown(result, i, i.value)),
      cell(i.interval ? shown(result, i, null, i.interval) : ""),
      verdict,
    ];
  });
  return {
    id: "implied",
    title: t(ctx, "implied"),
    notes: [],
    empty: null,
    table: {
      head: [
        t(ctx, "facility"),
        t(ctx, "metric"),
        t(ctx, "impliedValue"),
        t(ctx, "interval"),
        t(ctx, "consistentWith"),
      ],
      align: ["left", "left", "right", "right", "left"],
      wrap: ["words", "words", "none", "none", "list"],
      stack: 2,
      rows,
    },
    after: [],
  };
}

function boundarySection(result: CheckResult, ctx: RenderContext): AnalysisSection | null {
  if (!result.groups.boundary || !result.plan) return null;
  const b = result.findings.filter((f) => f.kind === "boundary");
  return {
    id: "boundary",
    title: t(ctx, "boundary"),
    notes: [],
    empty: t(ctx, "analysis.boundaryComplete"),
    table: b.length
      ? {
          head: [t(ctx, "status"), t(ctx, "facility"), t(ctx, "metric"), t(ctx, "analysis.finding")],
          align: ["left", "left", "left", "left"],
          wrap: ["words", "words", "words", "words"],
          rows: b.map((f) => [
            cell(t(ctx, `status.${f.status}`), { status: f.status, trail: { metric: f.metric, column: f.column } }),
            cell(columnLabel(result.dataset, f.column, ctx.lang)),
            cell(metricLabel(result.dataset, f.metric, ctx.lang)),
            cell(f.causes[0] ? causeText(ctx, f.causes[0]) : ""),
          ]),
        }
      : null,
    after: [],
  };
}

/** A side of a claim: its value and the interval the rounded figures allow. */
export function claimSide(v: ClaimResult["left"]): string {
  return v ? `${printNumber(v.value, sigScale(v.value) + 2)} ${printInterval(v.interval, sigScale(v.value) + 2)}` : "—";
}

function claimsSection(result: CheckResult, ctx: RenderContext): AnalysisSection | null {
  if (!result.claims.length) return null;
  return {
    id: "claims",
    title: t(ctx, "claims"),
    notes: [],
    empty: null,
    table: {
      head: [
        t(ctx, "verdict"),
        t(ctx, "claim.id"),
        t(ctx, "claim.statement"),
        t(ctx, "claim.expression"),
        t(ctx, "claim.values"),
        t(ctx, "causes"),
      ],
      align: ["left", "left", "left", "left", "left", "left"],
      wrap: ["words", "words", "words", "words", "words", "words"],
      rows: result.claims.map((c) => [
        cell(t(ctx, `claim.${c.verdict}`), { claim: c.verdict }),
        cell(c.entry.id),
        cell(`“${c.entry.text}”${c.entry.reference ? ` (${c.entry.reference})` : ""}`),
        cell(c.entry.expression),
        cell(`${claimSide(c.left)} ${c.entry.claim.op} ${claimSide(c.right)}`),
        cell(causeText(ctx, c.reason)),
      ]),
    },
    after: [],
  };
}

function denominatorSection(result: CheckResult, ctx: RenderContext): AnalysisSection | null {
  const da = result.denominatorAnalysis;
  if (!result.groups.denominators || !da || !da.intensities.length) return null;
  const dataset = result.dataset;
  const root = dataset.tree.root;
  const isMain = (i: { node: string; period: string; measure: string }) =>
    i.node === root && i.period === dataset.period.label && i.measure === REVENUE;
  // An intensity by its id in English (as explain takes it), by its label in Chinese.
  const named = (metric: string) => (ctx.lang === "en" ? metric : metricLabel(dataset, metric, ctx.lang));
  // A group other than the company's revenue of the report's period: its node, period and measure as shown.
  const groupName = (g: { node: string; period: string; measure: string }) => {
    const parts = [nodeLabel(dataset, g.node, ctx.lang)];
    if (g.period !== dataset.period.label) parts.push(g.period);
    if (g.measure !== REVENUE) parts.push(g.measure);
    return parts.join(", ");
  };
  const mainHas = da.intensities.some(isMain);
  const fits = [...da.denominators, ...da.groups.flatMap((g) => g.denominators)];
  return {
    id: "denominators",
    title: t(ctx, "denominators"),
    notes: [],
    empty: null,
    table: {
      head: [t(ctx, "intensity"), t(ctx, "published"), t(ctx, "impliedDenominator"), t(ctx, "consistentWith")],
      align: ["left", "right", "right", "left"],
      wrap: ["words", "none", "none", "words"],
      stack: 1,
      rows: da.intensities.map((i) => [
        cell(
          isMain(i)
            ? metricLabel(dataset, i.metric, ctx.lang)
            : `${metricLabel(dataset, i.metric, ctx.lang)} (${groupName(i)})`,
          { trail: { metric: i.metric, column: i.column } },
        ),
        cell(i.published),
        cell(i.interval ? printInterval(i.interval, 1) : "—"),
        i.consistentWith.length
          ? cell(i.consistentWith.join(", "))
          : cell(t(ctx, "analysis.noDenominator"), { warn: true }),
      ]),
    },
    after: [
      ...(mainHas
        ? [
            `${t(ctx, "analysis.allIntensities")}: ${da.intersection ? printInterval(da.intersection, 1) : t(ctx, "analysis.noCommon")}`,
          ]
        : []),
      ...da.groups.map(
        (g) =>
          `${t(ctx, "analysis.allIntensities")} (${groupName(g)}): ${g.intersection ? printInterval(g.intersection, 1) : t(ctx, "analysis.noCommon")}`,
      ),
    ],
    second: {
      head: [
        t(ctx, "denominator"),
        t(ctx, "analysis.printedAs"),
        t(ctx, "interval"),
        t(ctx, "consistentWith"),
        t(ctx, "analysis.inconsistentWith"),
      ],
      align: ["left", "right", "right", "left", "left"],
      wrap: ["words", "none", "none", "list", "list"],
      rows: fits.map((d) => [
        cell(d.id),
        cell(d.printed),
        cell(printInterval(d.interval, 2)),
        cell(d.consistentWith.map(named).join(", ")),
        cell(d.inconsistentWith.map(named).join(", ")),
      ]),
    },
  };
}

/** The sections in the order every format shows them; a section with nothing to say is left out. */
export function analysisSections(result: CheckResult, ctx: RenderContext): AnalysisSection[] {
  return [
    partOfSection,
    breakdownSection,
    recalculationSection,
    impliedSection,
    boundarySection,
    claimsSection,
    denominatorSection,
  ]
    .map((make) => make(result, ctx))
    .filter((s): s is AnalysisSection => s !== null);
}
