// Known causes of a difference, as a list of small checks. Each looks at one finding and returns a cause or
// nothing; adding a check means adding a function to CAUSE_CHECKS. When none fits a mismatch we say so plainly.
import { Dec } from "../model/decimal.js";
import { divideIntervals, intervalsOverlap, printedInterval, scaleInterval, type Interval } from "../model/interval.js";
import { printInterval, printNumber, type PrintedNumber } from "../model/printedNumber.js";
import { change, naturalScale, type Recomputed } from "../compute/recompute.js";
import { allColumns, columnFor, printedAt } from "../model/columns.js";
import type { Column, Dataset } from "../model/types.js";
import { intervalScale, publishedText, type Cause, type Finding } from "../findings/finding.js";
import { compareNumber } from "./compare.js";
import { MAX_SLIPPED_TERMS, searchComponents, type ComponentFit, type ComponentSlip } from "./componentSearch.js";
import { fromPrintedParts, type CellLookup, type FromPrinted } from "./printedParts.js";
import { formulaCause } from "./formulaCause.js";

export interface CauseContext {
  dataset: Dataset;
  nonNegative: boolean;
  /** The published column of the finding (absent for recalculation findings). */
  column?: Column;
  /** The data's cells of the finding's period, for checks that compare other cells with the data. */
  lookup?: CellLookup;
}

export type CauseCheck = (f: Finding, ctx: CauseContext) => Cause | null;

const roundingCause: CauseCheck = (f) => {
  if (f.status !== "rounding" || !f.recomputed || !f.publishedInterval) return null;
  const s = intervalScale(f);
  return {
    code: "rounding",
    message: `the printed inputs allow ${printInterval(f.recomputed.interval, s)} and the published ${publishedText(f)} stands for ${printInterval(f.publishedInterval, s)}: the two overlap, so rounding of the inputs explains the gap`,
  };
};

/** An intensity that follows from another declared denominator (e.g. the report's own rounded revenue). */
const denominatorCause: CauseCheck = (f, ctx) => {
  if (f.kind !== "intensity" || !f.recomputed || !f.publishedNumber || f.status === "match") return null;
  const used = f.recomputed.denominator;
  const numerator = f.recomputed.inputs[0];
  if (!used || !numerator) return null;
  const fits = ctx.dataset.denominators
    .filter((d) => d.id !== used.id && d.unit === used.unit && d.period === used.period)
    .map((d) => ({ d, value: numerator.value.div(d.value), interval: divideIntervals(numerator.interval, d.interval) }))
    .filter((x) => compareNumber(x.value, x.interval, f.publishedNumber!, ctx.nonNegative) === "match");
  const quotient = (x: (typeof fits)[number]) => `${printNumber(numerator.value, naturalScale(numerator))} ÷ ${printNumber(x.d.value, x.d.scale)} = ${printNumber(x.value, f.displayScale + 4)}`;
  const published = publishedText(f);
  if (fits.length === 1) {
    const x = fits[0]!;
    return { code: "denominator", message: `follows from denominator ${x.d.id} (${x.d.printed}) instead: ${quotient(x)}, which rounds to the published ${published}` };
  }
  if (fits.length > 1) {
    return { code: "denominator-ambiguous", message: `follows from ${fits.length} other declared denominators alike, so none can be named: ${fits.map((x) => `${x.d.id} (${x.d.printed}): ${quotient(x)}`).join("; ")} — each rounds to the published ${published}` };
  }
  return null;
};

/** Every known unit or scale factor k (and 1/k) inside the interval of published ÷ recomputed ratios. */
function slipsWithin(ratio: Interval, ctx: CauseContext): { factor: Dec; dir: "×" | "÷"; meaning: string }[] {
  return ctx.dataset.catalogue.slips.flatMap((s) =>
    ([[s.factor, "×"], [new Dec(1).div(s.factor), "÷"]] as const).filter(([k]) => ratio.lo.lte(k) && k.lte(ratio.hi)).map(([, dir]) => ({ factor: s.factor, dir, meaning: s.meaning })),
  );
}

/** One slip: name it; several: say so and list them, naming none. */
function slipCause(fits: ReturnType<typeof slipsWithin>, about: "" | "about "): Cause | null {
  if (fits.length === 0) return null;
  const what = (x: (typeof fits)[number]) => `${x.dir} ${x.factor.toFixed()}: ${x.meaning}`;
  if (fits.length === 1) return { code: "scale-slip", message: `the published figure is ${about}the ${about ? "recalculated" : "recomputed"} one ${what(fits[0]!)}` };
  return { code: "scale-slip-ambiguous", message: `${fits.length} unit or scale slips fit the published figure ÷ the ${about ? "recalculated" : "recomputed"} one, so none can be named: ${fits.map((x) => `${x.dir} ${x.factor.toFixed()} (${x.meaning})`).join("; ")}` };
}

/** published ÷ recomputed is a known unit or scale factor (1000, 3.6, 萬 …) or its reciprocal. */
const scaleSlipCause: CauseCheck = (f, ctx) => {
  if (f.status !== "mismatch" || !f.recomputed || !f.publishedInterval || !f.recomputed.interval.lo.gt(0) || !f.publishedInterval.lo.gt(0)) return null;
  // Ratios the rounded figures allow: [pub.lo ÷ rec.hi, pub.hi ÷ rec.lo].
  return slipCause(slipsWithin(divideIntervals(f.publishedInterval, f.recomputed.interval), ctx), "");
};

/** The published figure is the recomputed one with its sign flipped. */
const signSlipCause: CauseCheck = (f) => {
  if (f.status !== "mismatch" || !f.recomputedInterval || !f.publishedInterval) return null;
  const flipped = { lo: f.recomputedInterval.hi.neg(), hi: f.recomputedInterval.lo.neg() };
  if (f.recomputedInterval.hi.isZero() || !intervalsOverlap(flipped, f.publishedInterval)) return null;
  return { code: "sign-slip", message: "the published figure is the recomputed one with the opposite sign" };
};

/** A term of a sum or identity as the cause messages name it: its cell, and its weight when it has one. */
function termText(part: Recomputed, k: Dec): string {
  const s = naturalScale(part);
  const name = `${part.metric} of ${part.node}`;
  return k.eq(1) ? `${name} (${printNumber(part.value, s)})` : `${name} (${k.toFixed()} × ${printNumber(part.value, s)} = ${printNumber(part.value.times(k), s + k.decimalPlaces())})`;
}

function slipText(slip: ComponentSlip, part: Recomputed, k: Dec): string {
  const term = termText(part, k);
  if (slip === "left-out") return `leaves out ${term}`;
  if (slip === "twice") return `counts ${term} twice`;
  return part.value.times(k).lt(0) ? `adds ${term} instead of subtracting it` : `subtracts ${term} instead of adding it`;
}

const listText = (items: string[]) => (items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`);

/**
 * A sum or identity whose published figure is what it gives with up to three terms left out, counted twice or
 * entered with the wrong sign, each term weighed by its coefficient. Named only when one combination fits.
 */
const componentCause: CauseCheck = (f, ctx) => {
  if (f.status !== "mismatch" || !f.recomputed || !f.publishedNumber || (f.kind !== "sum" && f.kind !== "identity")) return null;
  const parts = f.recomputed.inputs;
  const ks = parts.map((_, i) => f.recomputed!.coefficients?.[i] ?? new Dec(1));
  // Wrong signs are sought in identities (removals added instead of subtracted), not among the units a subtotal
  // adds; and a single term with the wrong sign is the whole figure with the wrong sign: sign-slip says that.
  const slips: ComponentSlip[] = f.kind === "identity" && parts.length > 1 ? ["left-out", "twice", "sign"] : ["left-out", "twice"];
  const search = searchComponents(parts.map((p, i) => ({ value: p.value.times(ks[i]!), interval: scaleInterval(p.interval, ks[i]!) })), f.publishedNumber, ctx.nonNegative, slips);
  if (search.fits.length === 0) return null;
  const fitText = (fit: ComponentFit) => listText(fit.slips.map((x) => slipText(x.slip, parts[x.term]!, ks[x.term]!)));
  const kinds = slips.includes("sign") ? "left out, counted twice or with the wrong sign" : "left out or counted twice";
  const complete = search.searched >= Math.min(MAX_SLIPPED_TERMS, search.terms);
  const scope = search.searched === 1 ? `single component ${kinds}` : search.terms <= MAX_SLIPPED_TERMS ? `combination of its ${parts.length} components ${kinds}` : `combination of up to ${search.searched} of its ${parts.length.toLocaleString("en-US")} components ${kinds}`;
  const unsearched = complete ? "" : ` (combinations of ${search.searched + 1} or more of its ${parts.length.toLocaleString("en-US")} components were not searched)`;
  if (search.fits.length === 1) {
    const fit = search.fits[0]!;
    const code = fit.slips.length > 1 ? "components" : fit.slips[0]!.slip === "sign" ? "component-sign" : "one-component";
    return { code, message: `the published figure ${fitText(fit)}: the only ${scope} that fits${unsearched}` };
  }
  const shown = search.fits.slice(0, 3).map(fitText);
  const more = search.fits.length - shown.length;
  return {
    code: "components-ambiguous",
    message: `${search.fits.length} combinations of components ${kinds} fit the published figure, so none can be named: it ${shown.join("; or it ")}${more ? `; and ${more} more` : ""}${unsearched}`,
  };
};

/** Two adjacent digits swapped: the digits are the same, and the difference is a multiple of 9 in the last place. */
const transpositionCause: CauseCheck = (f) => {
  if (f.status !== "mismatch" || !f.recomputedRounded || !f.publishedNumber) return null;
  const a = f.recomputedRounded.abs().toFixed(f.displayScale).replace(".", "");
  const b = f.publishedNumber.value.abs().toFixed(f.displayScale).replace(".", "");
  if (a.length !== b.length) return null;
  const diff = [...a].map((c, i) => (c === b[i] ? -1 : i)).filter((i) => i >= 0);
  if (diff.length !== 2 || diff[1] !== diff[0]! + 1 || a[diff[0]!] !== b[diff[1]!] || a[diff[1]!] !== b[diff[0]!]) return null;
  return { code: "transposition", message: `two adjacent digits are swapped (${printNumber(f.recomputedRounded, f.displayScale)} printed as ${publishedText(f)}): the difference is a multiple of 9 in the last places` };
};

/**
 * The same node and period printed by two reports (a prior-year column and the figure as first published):
 * when they differ, say so on each, and which of the two the data supports.
 */
const restatementCause: CauseCheck = (f, ctx) => {
  const col = ctx.column;
  if (!col || col.change || f.status === "match" || !f.publishedNumber) return null;
  const twins = allColumns(ctx.dataset).filter((c) => c.id !== col.id && !c.change && c.node === col.node && c.period === col.period);
  for (const twin of twins) {
    const other = printedAt(ctx.dataset, f.metric, twin.id);
    if (!other || other.value.eq(f.publishedNumber.value)) continue;
    const fits = f.recomputed ? compareNumber(f.recomputed.value, f.recomputed.interval, other, ctx.nonNegative) : null;
    const verdict = fits === "match" ? "which the data supports" : fits === "rounding" ? "which the data supports within rounding" : fits ? "which the data does not support either" : "";
    const source = (c: Column) => c.report ?? "this report";
    return {
      code: "restated",
      message: `the same ${col.period} figure is printed as ${other.text.trim()} in column "${twin.printed}" (${source(twin)}) and as ${publishedText(f)} here (${source(col)})${verdict ? `, ${verdict}` : ""}: a restatement`,
    };
  }
  return null;
};

/** A change column: does the printed percentage follow from the printed figures it compares? */
const changeCause: CauseCheck = (f, ctx) => {
  const col = ctx.column;
  if (!col?.change || f.status !== "mismatch" || !f.publishedNumber) return null;
  const printed = (period: string) => printedAt(ctx.dataset, f.metric, columnFor(ctx.dataset, col.node, period)?.id);
  const later = printed(col.change.to);
  const earlier = printed(col.change.from);
  if (!later || !earlier) return null;
  // The same change the data's figures get (compute/recompute.ts), here from the printed ones.
  const asInput = (n: PrintedNumber, period: string): Recomputed => ({ metric: f.metric, node: col.node, period, kind: "input", value: n.value, interval: printedInterval(n.value, n.scale), inputs: [] });
  const c = change(asInput(later, col.change.to), asInput(earlier, col.change.from));
  if (!c) return null;
  const value = c.value;
  const status = compareNumber(value, c.interval, f.publishedNumber, false);
  const formula = `(${later.text.trim()} − ${earlier.text.trim()}) ÷ ${earlier.text.trim()} = ${printNumber(value, f.displayScale + 1)}%`;
  return status === "mismatch"
    ? { code: "change-arithmetic", message: `the printed change does not follow from the printed figures either: ${formula}` }
    : { code: "change-from-published", message: `the printed change follows from the printed figures, ${formula}: the figures it compares disagree with the data (see their cells)` };
};

/** How a figure follows from printed parts: "1,200.5 + 800.3 = 2,000.8", "0.5 × 45.5", "38,697.7 ÷ 6.1億元 = …". */
function printedFormula(x: FromPrinted, displayScale: number): string {
  const shown = x.parts.filter((p) => p.number);
  const scale = Math.max(0, ...shown.map((p) => p.number!.scale + (p.coefficient.eq(1) ? 0 : p.coefficient.decimalPlaces())));
  if (x.op === "quotient") return `${shown[0]!.number!.text.trim()} ÷ ${x.divisor!.text} = ${printNumber(x.value, displayScale + 2)}`;
  const terms = shown.map((p, i) => {
    const k = p.coefficient.abs();
    const sign = p.coefficient.lt(0) ? (i === 0 ? "−" : " − ") : i === 0 ? "" : " + ";
    return `${sign}${k.eq(1) ? "" : `${k.toFixed()} × `}${p.number!.text.trim()}`;
  });
  return `${terms.join("")} = ${printNumber(x.value, scale)}`;
}

/**
 * A sum, identity or intensity that follows from the table's own printed figures (its rounded subtotals, its
 * printed numerator, the printed intensities of its terms) although it does not follow from the data.
 */
const fromPublishedCause: CauseCheck = (f, ctx) => {
  if (f.status !== "mismatch" || !f.publishedNumber || !ctx.column) return null;
  const published = f.publishedNumber;
  const routes = fromPrintedParts(f, ctx.dataset, ctx.column, ctx.lookup).filter((x) => compareNumber(x.value, x.interval, published, ctx.nonNegative) === "match");
  if (routes.length === 0) return null;
  const explain = (x: FromPrinted) => {
    const shown = x.parts.filter((p) => p.number);
    const wrong = shown.filter((p) => p.agreesWithData === false).map((p) => `${p.metric} at ${p.column}`);
    const tail = wrong.length
      ? `; the printed ${listText(wrong)} ${wrong.length > 1 ? "disagree" : "disagrees"} with the data (see ${wrong.length > 1 ? "their cells" : "its cell"})`
      : shown.every((p) => p.agreesWithData) ? `; ${shown.length > 1 ? "each of those agrees" : "that figure agrees"} with the data, so this figure was computed from rounded printed figures, not from the data` : "";
    return `${printedFormula(x, f.displayScale)}${tail}`;
  };
  return { code: "from-published", message: `the published ${published.text.trim()} follows from the table's own printed figures, not from the data: ${routes.map(explain).join("; and also ")}` };
};

const unexplainedCause: CauseCheck = (f, ctx) => {
  if (f.status !== "mismatch" || !f.recomputed || !f.publishedNumber) return null;
  const ratio = f.recomputed.value.isZero() ? null : f.publishedNumber.value.div(f.recomputed.value);
  // Say only what was tried: components for sums and identities, printed parts where the table prints them.
  const components = f.kind === "sum" || f.kind === "identity";
  const printed = ctx.column && !ctx.column.change && fromPrintedParts(f, ctx.dataset, ctx.column).length > 0;
  return {
    code: "unexplained",
    message: `no known cause: the gap is larger than rounding allows${f.kind === "intensity" ? ", no declared denominator reproduces the figure" : ""}${printed ? ", it does not follow from the table's own printed figures either" : ""}, and it is no known unit, scale or sign slip${components ? ", digit swap, or combination of components left out, counted twice or with the wrong sign" : " or digit swap"}${ratio ? `; published ÷ recomputed = ${printNumber(ratio, 4)}` : ""}`,
  };
};

/** Every check by name (the unit tests call them one at a time); CAUSE_CHECKS runs them in this order. */
export const causeChecks = {
  rounding: roundingCause,
  denominator: denominatorCause,
  scaleSlip: scaleSlipCause,
  signSlip: signSlipCause,
  components: componentCause,
  transposition: transpositionCause,
  restated: restatementCause,
  change: changeCause,
  fromPublished: fromPublishedCause,
  formula: formulaCause,
} as const satisfies Record<string, CauseCheck>;

const CAUSE_CHECKS: CauseCheck[] = Object.values(causeChecks);

/**
 * For a material recalculation: is published ÷ recalculated a known unit or scale slip, within materiality?
 * (A GJ figure printed as MWh is 3.6 × the right one.)
 */
export function recalculationSlip(f: Finding, ctx: CauseContext, materiality: Dec): Cause | null {
  if (f.status !== "material" || !f.recomputedInterval || !f.publishedInterval || !f.recomputedInterval.lo.gt(0) || !f.publishedInterval.lo.gt(0)) return null;
  const r = divideIntervals(f.publishedInterval, f.recomputedInterval);
  return slipCause(slipsWithin({ lo: r.lo.times(new Dec(1).minus(materiality)), hi: r.hi.times(new Dec(1).plus(materiality)) }, ctx), "about ");
}

export function explainCauses(f: Finding, ctx: CauseContext): Finding["causes"] {
  const causes = CAUSE_CHECKS.map((check) => check(f, ctx)).filter((c): c is Cause => c !== null);
  if (causes.length === 0) {
    const none = unexplainedCause(f, ctx);
    if (none) causes.push(none);
  }
  return causes;
}

