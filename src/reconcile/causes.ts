// Known causes of a difference, as a list of small checks. Each looks at one finding and returns a cause or
// nothing; adding a check means adding a function to CAUSE_CHECKS. When none fits a mismatch we say so plainly.
import { Dec } from "../model/decimal.js";
import {
  addIntervals,
  clampAtZero,
  divideIntervals,
  intervalsOverlap,
  pointInterval,
  printedInterval,
  scaleInterval,
  type Interval,
} from "../model/interval.js";
import { metricById } from "../model/catalogue.js";
import { gwpUnder } from "../model/gwp.js";
import { printInterval, printNumber, type PrintedNumber } from "../model/printedNumber.js";
import { change, naturalScale, ratioCell, type Recomputed } from "../compute/recompute.js";
import { allColumns, columnFor, printedAt, tableOfColumn } from "../model/columns.js";
import { isRevenueMeasure, REVENUE, type Column, type Dataset } from "../model/types.js";
import { intervalScale, publishedText, type Cause, type Finding } from "../findings/finding.js";
import { compareNumber } from "./compare.js";
import { andList, message, named, type Message, type MessageArg } from "../findings/message.js";
import { columnById } from "../model/columns.js";
import { metricName, nodeName } from "../findings/names.js";
import { MAX_SLIPPED_TERMS, searchComponents, type ComponentFit, type ComponentSlip } from "./componentSearch.js";
import { fromPrintedParts, type CellLookup, type FromPrinted } from "./printedParts.js";
import { formulaCause } from "./formulaCause.js";
import { denominatorForTable } from "../model/denominator.js";

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
    message: message("cause.rounding", {
      inputs: printInterval(f.recomputed.interval, s),
      published: publishedText(f),
      publishedInterval: printInterval(f.publishedInterval, s),
    }),
  };
};

/** An intensity that follows from another declared denominator (e.g. the report's own rounded revenue). */
const denominatorCause: CauseCheck = (f, ctx) => {
  if (f.kind !== "intensity" || !f.recomputed || !f.publishedNumber || f.status === "match") return null;
  const used = f.recomputed.denominator;
  const numerator = f.recomputed.inputs[0];
  if (!used || !numerator) return null;
  // The other denominators of the same node, period and measure — and, for a site or segment, the company's (a
  // site's intensity divided by the group's revenue) — in the unit the intensity is printed per. A site's revenue is
  // never tried for the company or for another site. An intensity per a part of the revenue (ESRS E1-5's net revenue
  // from high climate impact sectors) also tries the whole revenue: the one a report divides by instead by mistake.
  const root = ctx.dataset.tree.root;
  const sameMeasure = (m: string) =>
    m === used.measure || (isRevenueMeasure(used.measure) && used.measure !== REVENUE && m === REVENUE);
  const fits = ctx.dataset.denominators
    .filter(
      (d) =>
        d.id !== used.id &&
        (d.node === used.node || d.node === root) &&
        d.period === used.period &&
        sameMeasure(d.measure),
    )
    .flatMap((d) => {
      const c = denominatorForTable(ctx.dataset, d);
      return c.ok ? [c.value] : [];
    })
    .map((d) => ({ d, value: numerator.value.div(d.value), interval: divideIntervals(numerator.interval, d.interval) }))
    .filter((x) => compareNumber(x.value, x.interval, f.publishedNumber!, ctx.nonNegative) === "match");
  const quotient = (x: (typeof fits)[number]) =>
    `${printNumber(numerator.value, naturalScale(numerator))} ÷ ${printNumber(x.d.value, x.d.scale)} = ${printNumber(x.value, f.displayScale + 4)}`;
  const published = publishedText(f);
  if (fits.length === 1) {
    const x = fits[0]!;
    return {
      code: "denominator",
      message: message("cause.denominator", { id: x.d.id, printed: x.d.printed, quotient: quotient(x), published }),
    };
  }
  if (fits.length > 1) {
    const listed = fits.map((x) =>
      message("phrase.denominator-fit", { id: x.d.id, printed: x.d.printed, quotient: quotient(x) }),
    );
    return {
      code: "denominator-ambiguous",
      message: message("cause.denominator-ambiguous", {
        count: String(fits.length),
        fits: { items: listed, join: "phrase.join.semicolon" },
        published,
      }),
    };
  }
  return null;
};

/** Every known unit or scale factor k (and 1/k) inside the interval of published ÷ recomputed ratios. */
function slipsWithin(ratio: Interval, ctx: CauseContext): { factor: Dec; dir: "×" | "÷"; meaning: MessageArg }[] {
  return ctx.dataset.catalogue.slips.flatMap((s) =>
    (
      [
        [s.factor, "×"],
        [new Dec(1).div(s.factor), "÷"],
      ] as const
    )
      .filter(([k]) => ratio.lo.lte(k) && k.lte(ratio.hi))
      .map(([, dir]) => ({ factor: s.factor, dir, meaning: named(s.meaning, { en: s.meaning, ...s.meanings }) })),
  );
}

/** One slip: name it; several: say so and list them, naming none. `about`: against a recalculation, within materiality. */
function slipCause(fits: ReturnType<typeof slipsWithin>, about: boolean): Cause | null {
  if (fits.length === 0) return null;
  const variant = about ? ".about" : "";
  const args = (x: (typeof fits)[number]) => ({ direction: x.dir, factor: x.factor.toFixed(), meaning: x.meaning });
  if (fits.length === 1)
    return {
      code: "scale-slip",
      message: message(`cause.scale-slip${variant}`, { slip: message("phrase.slip", args(fits[0]!)) }),
    };
  return {
    code: "scale-slip-ambiguous",
    message: message(`cause.scale-slip-ambiguous${variant}`, {
      count: String(fits.length),
      slips: { items: fits.map((x) => message("phrase.slip-listed", args(x))), join: "phrase.join.semicolon" },
    }),
  };
}

/** published ÷ recomputed is a known unit or scale factor (1000, 3.6, 萬 …) or its reciprocal. */
const scaleSlipCause: CauseCheck = (f, ctx) => {
  if (
    f.status !== "mismatch" ||
    !f.recomputed ||
    !f.publishedInterval ||
    !f.recomputed.interval.lo.gt(0) ||
    !f.publishedInterval.lo.gt(0)
  )
    return null;
  // Ratios the rounded figures allow: [pub.lo ÷ rec.hi, pub.hi ÷ rec.lo].
  return slipCause(slipsWithin(divideIntervals(f.publishedInterval, f.recomputed.interval), ctx), false);
};

/** The published figure is the recomputed one with its sign flipped. */
const signSlipCause: CauseCheck = (f) => {
  if (f.status !== "mismatch" || !f.recomputedInterval || !f.publishedInterval) return null;
  const flipped = { lo: f.recomputedInterval.hi.neg(), hi: f.recomputedInterval.lo.neg() };
  if (f.recomputedInterval.hi.isZero() || !intervalsOverlap(flipped, f.publishedInterval)) return null;
  return { code: "sign-slip", message: message("cause.sign-slip") };
};

/** A term of a sum or identity as the cause messages name it: its cell, and its weight when it has one. */
function termText(part: Recomputed, k: Dec, dataset: Dataset): Message {
  const s = naturalScale(part);
  const name = {
    metric: metricName(dataset, part.metric),
    node: nodeName(dataset, part.node),
    value: printNumber(part.value, s),
  };
  return k.eq(1)
    ? message("phrase.term", name)
    : message("phrase.term.weighted", {
        ...name,
        coefficient: k.toFixed(),
        product: printNumber(part.value.times(k), s + k.decimalPlaces()),
      });
}

function slipText(slip: ComponentSlip, part: Recomputed, k: Dec, dataset: Dataset): Message {
  const term = termText(part, k, dataset);
  if (slip === "left-out") return message("phrase.slip.left-out", { term });
  if (slip === "twice") return message("phrase.slip.twice", { term });
  return message(part.value.times(k).lt(0) ? "phrase.slip.added" : "phrase.slip.subtracted", { term });
}

const ONE = new Dec(1);
/** Figures that multiplying by 1 leaves as they are: no more significant digits than Dec rounds a product to. */
const withinPrecision = (p: Recomputed): boolean => {
  // As integers: no more digits than the precision, so no more significant ones.
  const x = p.scaled;
  if (x) return [x.value, x.lo, x.hi].every((n) => (n < 0n ? -n : n) < PRECISE);
  return p.value.sd() <= Dec.precision && p.interval.lo.sd() <= Dec.precision && p.interval.hi.sd() <= Dec.precision;
};
const PRECISE = 10n ** BigInt(Dec.precision);

/**
 * A sum or identity whose published figure is what it gives with up to three terms left out, counted twice or
 * entered with the wrong sign, each term weighed by its coefficient. Named only when one combination fits.
 */
const componentCause: CauseCheck = (f, ctx) => {
  if (f.status !== "mismatch" || !f.recomputed || !f.publishedNumber || (f.kind !== "sum" && f.kind !== "identity"))
    return null;
  const parts = f.recomputed.inputs;
  const ks = parts.map((_, i) => f.recomputed!.coefficients?.[i] ?? ONE);
  // Wrong signs are sought in identities (removals added instead of subtracted), not among the units a subtotal
  // adds; and a single term with the wrong sign is the whole figure with the wrong sign: sign-slip says that.
  const slips: ComponentSlip[] =
    f.kind === "identity" && parts.length > 1 ? ["left-out", "twice", "sign"] : ["left-out", "twice"];
  const search = searchComponents(
    // A term of weight 1 is the part itself (times 1 changes no figure of up to the working precision's digits):
    // no three Decimals for each of a region's thousands of sites.
    parts.map((p, i) =>
      ks[i] === ONE && withinPrecision(p)
        ? p
        : { value: p.value.times(ks[i]!), interval: scaleInterval(p.interval, ks[i]!) },
    ),
    f.publishedNumber,
    ctx.nonNegative,
    slips,
  );
  if (search.fits.length === 0) return null;
  const fitText = (fit: ComponentFit) =>
    andList(fit.slips.map((x) => slipText(x.slip, parts[x.term]!, ks[x.term]!, ctx.dataset)));
  const kinds = message(slips.includes("sign") ? "phrase.kinds.sign" : "phrase.kinds");
  const complete = search.searched >= Math.min(MAX_SLIPPED_TERMS, search.terms);
  const count = parts.length.toLocaleString("en-US");
  const scope =
    search.searched === 1
      ? message("phrase.scope.single", { kinds })
      : search.terms <= MAX_SLIPPED_TERMS
        ? message("phrase.scope.all", { count: String(parts.length), kinds })
        : message("phrase.scope.up-to", { searched: String(search.searched), count, kinds });
  const unsearched = complete ? "" : message("phrase.unsearched", { next: String(search.searched + 1), count });
  if (search.fits.length === 1) {
    const fit = search.fits[0]!;
    const code =
      fit.slips.length > 1 ? "components" : fit.slips[0]!.slip === "sign" ? "component-sign" : "one-component";
    return { code, message: message(`cause.${code}`, { fit: fitText(fit), scope, unsearched }) };
  }
  const shown = search.fits.slice(0, 3).map(fitText);
  const more = search.fits.length - shown.length;
  return {
    code: "components-ambiguous",
    message: message("cause.components-ambiguous", {
      count: String(search.fits.length),
      kinds,
      fits: { items: shown, join: "phrase.join.or-it" },
      more: more ? message("phrase.more", { count: String(more) }) : "",
      unsearched,
    }),
  };
};

/**
 * The one figure among `candidates`, read at the finding's node, that turns the recomputed value into the published
 * one when added (sign 1) or subtracted (sign −1), with its interval; null when none or several fit.
 */
function oneFigureFits(
  f: Finding,
  ctx: CauseContext,
  candidates: readonly { id: string }[],
  sign: 1 | -1,
): { id: string; cell: Recomputed; result: Dec } | null {
  if (!f.recomputed || !f.publishedNumber || !ctx.lookup) return null;
  const r = f.recomputed;
  const fits = candidates.flatMap(({ id }) => {
    const cell = ctx.lookup!(r.node, id);
    if (!cell || cell.value.isZero()) return [];
    const result = sign === 1 ? r.value.plus(cell.value) : r.value.minus(cell.value);
    const interval =
      sign === 1
        ? { lo: r.interval.lo.plus(cell.interval.lo), hi: r.interval.hi.plus(cell.interval.hi) }
        : { lo: r.interval.lo.minus(cell.interval.hi), hi: r.interval.hi.minus(cell.interval.lo) };
    return compareNumber(result, interval, f.publishedNumber!, ctx.nonNegative) === "mismatch"
      ? []
      : [{ id, cell, result }];
  });
  return fits.length === 1 ? fits[0]! : null;
}

/**
 * A total that added a figure reported outside the scopes (biogenic CO2, ESRS E1 AR 43(c), 45(e), 46(j)): the
 * published figure is the recomputed one plus that figure, at the same node. Named only when one such figure fits.
 */
const outsideScopesCause: CauseCheck = (f, ctx) => {
  if (f.status !== "mismatch" || !f.recomputed || (f.kind !== "identity" && f.kind !== "sum")) return null;
  const unit = unitOfCell(ctx, f.metric);
  const candidates = ctx.dataset.catalogue.metrics.filter(
    (m) => m.outsideScopes && m.kind !== "intensity" && m.unit === unit,
  );
  const fit = oneFigureFits(f, ctx, candidates, 1);
  if (!fit) return null;
  return {
    code: "outside-scopes-added",
    message: message("cause.outside-scopes-added", {
      metric: metricName(ctx.dataset, fit.id),
      value: printNumber(fit.cell.value, naturalScale(fit.cell)),
      recomputed: printNumber(f.recomputed.value, f.displayScale),
      sum: printNumber(fit.result, f.displayScale),
      published: publishedText(f),
    }),
  };
};

/**
 * A gross total that subtracted a figure only a net total may subtract (removals or carbon credits, ESRS E1-7: own
 * lines, never netted into the gross totals): the published figure is the recomputed one minus that figure, at the
 * same node. The candidates are the figures another rule of the catalogue subtracts (coefficient < 0) and this
 * total's rule does not name. Named only when one such figure fits.
 */
const nettedIntoGrossCause: CauseCheck = (f, ctx) => {
  if (f.status !== "mismatch" || !f.recomputed || f.kind !== "identity") return null;
  const own = metricById(ctx.dataset.catalogue, f.metric);
  if (own?.kind !== "derived") return null;
  const unit = unitOfCell(ctx, f.metric);
  const subtracted = new Set(
    ctx.dataset.catalogue.metrics.flatMap((m) =>
      m.kind === "derived" ? m.terms.filter((t) => !t.gwp && t.coefficient.lt(0)).map((t) => t.metric) : [],
    ),
  );
  const candidates = ctx.dataset.catalogue.metrics.filter(
    (m) =>
      subtracted.has(m.id) &&
      (m.kind === "base" || m.kind === "derived") &&
      m.unit === unit &&
      !own.terms.some((t) => t.metric === m.id),
  );
  const fit = oneFigureFits(f, ctx, candidates, -1);
  if (!fit) return null;
  return {
    code: "netted-into-gross",
    message: message("cause.netted-into-gross", {
      metric: metricName(ctx.dataset, fit.id),
      value: printNumber(fit.cell.value, naturalScale(fit.cell)),
      recomputed: printNumber(f.recomputed.value, f.displayScale),
      difference: printNumber(fit.result, f.displayScale),
      published: publishedText(f),
    }),
  };
};

/**
 * A figure of one scope 2 method printed in place of the other's (ESRS E1-6 §49, AR 47): the published figure is the
 * recomputed counterpart of the same node and period — a market-based metric's `locationBased` metric, or the
 * market-based metric that names this one.
 */
const otherMethodCause: CauseCheck = (f, ctx) => {
  if (f.status !== "mismatch" || !f.recomputed || !f.publishedNumber || !ctx.lookup) return null;
  const own = metricById(ctx.dataset.catalogue, f.metric);
  if (!own) return null;
  const market = ctx.dataset.catalogue.metrics.find((m) => m.locationBased === own.id);
  const other = own.locationBased ?? market?.id;
  if (!other) return null;
  const cell = ctx.lookup(f.recomputed.node, other);
  if (!cell || compareNumber(cell.value, cell.interval, f.publishedNumber, ctx.nonNegative) === "mismatch") return null;
  return {
    code: "other-method",
    message: message("cause.other-method", {
      published: publishedText(f),
      other: metricName(ctx.dataset, other),
      value: printNumber(cell.value, f.displayScale),
      from: own.locationBased ? message("phrase.method.location") : message("phrase.method.market"),
      to: own.locationBased ? message("phrase.method.market") : message("phrase.method.location"),
    }),
  };
};

const unitOfCell = (ctx: CauseContext, metric: string): string | undefined => {
  const m = ctx.dataset.catalogue.metrics.find((x) => x.id === metric);
  return m && m.kind !== "intensity" ? m.unit : undefined;
};

/** Two adjacent digits swapped: the digits are the same, and the difference is a multiple of 9 in the last place. */
const transpositionCause: CauseCheck = (f) => {
  if (f.status !== "mismatch" || !f.recomputedRounded || !f.publishedNumber) return null;
  const a = f.recomputedRounded.abs().toFixed(f.displayScale).replace(".", "");
  const b = f.publishedNumber.value.abs().toFixed(f.displayScale).replace(".", "");
  if (a.length !== b.length) return null;
  const diff = [...a].map((c, i) => (c === b[i] ? -1 : i)).filter((i) => i >= 0);
  if (diff.length !== 2 || diff[1] !== diff[0]! + 1 || a[diff[0]!] !== b[diff[1]!] || a[diff[1]!] !== b[diff[0]!])
    return null;
  return {
    code: "transposition",
    message: message("cause.transposition", {
      recomputed: printNumber(f.recomputedRounded, f.displayScale),
      published: publishedText(f),
    }),
  };
};

/**
 * The same node and period printed by two reports (a prior-year column and the figure as first published):
 * when they differ, say so on each, and which of the two the data supports.
 */
const restatementCause: CauseCheck = (f, ctx) => {
  const col = ctx.column;
  if (!col || col.change || f.status === "match" || !f.publishedNumber) return null;
  // Within one table: another table may print the same figure in another unit (kt for t), and says nothing of a restatement.
  const twins = (tableOfColumn(ctx.dataset, col.id)?.columns ?? allColumns(ctx.dataset)).filter(
    (c) => c.id !== col.id && !c.change && c.node === col.node && c.period === col.period,
  );
  for (const twin of twins) {
    const other = printedAt(ctx.dataset, f.metric, twin.id);
    if (!other || other.value.eq(f.publishedNumber.value)) continue;
    const fits = f.recomputed ? compareNumber(f.recomputed.value, f.recomputed.interval, other, ctx.nonNegative) : null;
    const verdict =
      fits === "match"
        ? message("phrase.restated.supported")
        : fits === "rounding"
          ? message("phrase.restated.rounding")
          : fits
            ? message("phrase.restated.neither")
            : "";
    const source = (c: Column) => c.report ?? message("phrase.this-report");
    return {
      code: "restated",
      message: message("cause.restated", {
        period: col.period,
        other: other.text.trim(),
        twin: twin.printed,
        twinSource: source(twin),
        published: publishedText(f),
        source: source(col),
        verdict,
      }),
    };
  }
  return null;
};

/** A change column: does the printed percentage follow from the printed figures it compares? */
const changeCause: CauseCheck = (f, ctx) => {
  const col = ctx.column;
  if (!col?.change || f.status !== "mismatch" || !f.publishedNumber) return null;
  const printed = (period: string) =>
    printedAt(ctx.dataset, f.metric, columnFor(ctx.dataset, col.node, period, f.column)?.id);
  const later = printed(col.change.to);
  const earlier = printed(col.change.from);
  if (!later || !earlier) return null;
  // The same change the data's figures get (compute/recompute.ts), here from the printed ones.
  const asInput = (n: PrintedNumber, period: string): Recomputed => ({
    metric: f.metric,
    node: col.node,
    period,
    kind: "input",
    value: n.value,
    interval: printedInterval(n.value, n.declaredScale ?? n.scale),
    inputs: [],
  });
  const c = change(asInput(later, col.change.to), asInput(earlier, col.change.from));
  if (!c) return null;
  const value = c.value;
  const status = compareNumber(value, c.interval, f.publishedNumber, false);
  const formula = `(${later.text.trim()} − ${earlier.text.trim()}) ÷ ${earlier.text.trim()} = ${printNumber(value, f.displayScale + 1)}%`;
  const code = status === "mismatch" ? "change-arithmetic" : "change-from-published";
  return { code, message: message(`cause.${code}`, { formula }) };
};

/** How a figure follows from printed parts: "1,200.5 + 800.3 = 2,000.8", "0.5 × 45.5", "38,697.7 ÷ 6.1億元 = …". */
function printedFormula(x: FromPrinted, displayScale: number): string {
  const shown = x.parts.filter((p) => p.number);
  const scale = Math.max(
    0,
    ...shown.map((p) => p.number!.scale + (p.coefficient.eq(1) ? 0 : p.coefficient.decimalPlaces())),
  );
  if (x.op === "quotient")
    return `${shown[0]!.number!.text.trim()} ÷ ${x.divisor!.text} = ${printNumber(x.value, displayScale + 2)}`;
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
  const routes = fromPrintedParts(f, ctx.dataset, ctx.column, ctx.lookup).filter(
    (x) => compareNumber(x.value, x.interval, published, ctx.nonNegative) === "match",
  );
  if (routes.length === 0) return null;
  const explain = (x: FromPrinted): Message => {
    const shown = x.parts.filter((p) => p.number);
    const wrong = shown
      .filter((p) => p.agreesWithData === false)
      .map((p) =>
        message("phrase.cell-at", {
          metric: metricName(ctx.dataset, p.metric),
          column: named(
            p.column,
            ctx.dataset.tree.nodes.get(columnById(ctx.dataset, p.column)?.node ?? p.column)?.labels,
          ),
        }),
      );
    const tail = wrong.length
      ? message(wrong.length > 1 ? "phrase.route.disagree" : "phrase.route.disagrees", { cells: andList(wrong) })
      : shown.every((p) => p.agreesWithData)
        ? message(shown.length > 1 ? "phrase.route.agree" : "phrase.route.agrees")
        : "";
    return message("phrase.route", { formula: printedFormula(x, f.displayScale), tail });
  };
  return {
    code: "from-published",
    message: message("cause.from-published", {
      published: published.text.trim(),
      routes: { items: routes.map(explain), join: "phrase.join.and-also" },
    }),
  };
};

const unexplainedCause: CauseCheck = (f, ctx) => {
  if (f.status !== "mismatch" || !f.recomputed || !f.publishedNumber) return null;
  const ratio = f.recomputed.value.isZero() ? null : f.publishedNumber.value.div(f.recomputed.value);
  // Say only what was tried: components for sums and identities, printed parts where the table prints them.
  const components = f.kind === "sum" || f.kind === "identity";
  const printed = ctx.column && !ctx.column.change && fromPrintedParts(f, ctx.dataset, ctx.column).length > 0;
  return {
    code: "unexplained",
    message: message("cause.unexplained", {
      denominator: f.kind === "intensity" ? message("phrase.unexplained.denominator") : "",
      printed: printed ? message("phrase.unexplained.printed") : "",
      components: message(components ? "phrase.unexplained.components" : "phrase.unexplained.digits"),
      ratio: ratio ? message("phrase.unexplained.ratio", { ratio: printNumber(ratio, 4) }) : "",
    }),
  };
};

/**
 * A node's share of the total (a ratio with terms at the root) that the table prints as its share of its parent: the
 * same ratio with those terms read at the parent instead reproduces the printed figure (Ningbo's share of East China
 * printed where its share of the group belongs).
 */
const shareOfParentCause: CauseCheck = (f, ctx) => {
  if (f.kind !== "ratio" || f.status !== "mismatch" || !f.recomputed || !f.publishedNumber || !ctx.lookup) return null;
  const metric = metricById(ctx.dataset.catalogue, f.metric);
  if (metric?.kind !== "ratio") return null;
  const terms = [...metric.numerator, ...metric.denominator];
  if (!terms.some((t) => t.at === "root")) return null;
  const tree = ctx.dataset.tree;
  const node = f.recomputed.node;
  const parent = tree.nodes.get(node)?.parent;
  if (!parent || parent === tree.root) return null;
  const atParent = (ts: typeof terms) => ts.map((t) => (t.at === "root" ? { ...t, at: "parent" as const } : t));
  const ofParent = { ...metric, numerator: atParent(metric.numerator), denominator: atParent(metric.denominator) };
  const r = ratioCell(ctx.dataset.catalogue, tree, ofParent, node, ctx.lookup, f.recomputed.period);
  if (!r || compareNumber(r.value, r.interval, f.publishedNumber, ctx.nonNegative) !== "match") return null;
  return {
    code: "share-of-parent",
    message: message("cause.share-of-parent", {
      published: publishedText(f),
      node: nodeName(ctx.dataset, node),
      metric: metricName(ctx.dataset, f.metric),
      parent: nodeName(ctx.dataset, parent),
      root: nodeName(ctx.dataset, tree.root),
      value: printNumber(r.value, f.displayScale + 2),
    }),
  };
};

/**
 * A CO2e of gases in their own masses that another GWP set reproduces (a figure computed with AR4 in a dataset that
 * pins AR5): the set is named only when it is the one other set that fits; when several fit, they are listed and
 * none is named. A set lacking a GWP for a gas the cell has cannot have produced it.
 */
const gwpSetCause: CauseCheck = (f, ctx) => {
  if (f.status !== "mismatch" || !f.recomputed || !f.publishedNumber || f.kind !== "identity") return null;
  const metric = metricById(ctx.dataset.catalogue, f.metric);
  if (metric?.kind !== "derived") return null;
  const gwpTerms = metric.terms.filter((t) => t.gwp);
  const current = gwpTerms[0]?.gwp?.set;
  if (!current) return null;
  const termOf = (id: string) => metric.terms.find((t) => t.metric === id);
  const inputs = f.recomputed.inputs;
  // Only gases that are there (a zero or absent gas cannot tell the sets apart)
  if (!inputs.some((r) => termOf(r.metric)?.gwp && !r.value.isZero())) return null;
  const fits: string[] = [];
  for (const { set } of gwpTerms[0]!.gwp!.bySet) {
    if (set === current) continue;
    const ks = inputs.map((r) => {
      const t = termOf(r.metric);
      return t?.gwp ? gwpUnder(t, set) : (t?.coefficient ?? null);
    });
    if (ks.some((k) => k === null)) continue;
    const value = inputs.reduce((sum, r, i) => sum.plus(r.value.times(ks[i]!)), new Dec(0));
    const interval = inputs.reduce(
      (sum, r, i) => addIntervals(sum, scaleInterval(r.interval, ks[i]!)),
      pointInterval(new Dec(0)),
    );
    const status = compareNumber(
      value,
      ctx.nonNegative ? clampAtZero(interval) : interval,
      f.publishedNumber,
      ctx.nonNegative,
    );
    if (status === "match" || status === "rounding") fits.push(set);
  }
  if (fits.length === 0) return null;
  if (fits.length === 1)
    return {
      code: "gwp-set",
      message: message("cause.gwp-set", { set: fits[0]!, pinned: current, published: publishedText(f) }),
    };
  return {
    code: "gwp-set-ambiguous",
    message: message("cause.gwp-set-ambiguous", { sets: { items: fits, join: "phrase.join.comma" }, pinned: current }),
  };
};

/** Every check by name (the unit tests call them one at a time); CAUSE_CHECKS runs them in this order. */
export const causeChecks = {
  rounding: roundingCause,
  denominator: denominatorCause,
  scaleSlip: scaleSlipCause,
  signSlip: signSlipCause,
  components: componentCause,
  outsideScopes: outsideScopesCause,
  nettedIntoGross: nettedIntoGrossCause,
  otherMethod: otherMethodCause,
  transposition: transpositionCause,
  restated: restatementCause,
  change: changeCause,
  shareOfParent: shareOfParentCause,
  fromPublished: fromPublishedCause,
  formula: formulaCause,
  gwpSet: gwpSetCause,
} as const satisfies Record<string, CauseCheck>;

const CAUSE_CHECKS: CauseCheck[] = Object.values(causeChecks);

/**
 * For a material recalculation: is published ÷ recalculated a known unit or scale slip, within materiality?
 * (A GJ figure printed as MWh is 3.6 × the right one.)
 */
export function recalculationSlip(f: Finding, ctx: CauseContext, materiality: Dec): Cause | null {
  if (
    f.status !== "material" ||
    !f.recomputedInterval ||
    !f.publishedInterval ||
    !f.recomputedInterval.lo.gt(0) ||
    !f.publishedInterval.lo.gt(0)
  )
    return null;
  const r = divideIntervals(f.publishedInterval, f.recomputedInterval);
  return slipCause(
    slipsWithin({ lo: r.lo.times(new Dec(1).minus(materiality)), hi: r.hi.times(new Dec(1).plus(materiality)) }, ctx),
    true,
  );
}

export function explainCauses(f: Finding, ctx: CauseContext): Finding["causes"] {
  const causes = CAUSE_CHECKS.map((check) => check(f, ctx)).filter((c): c is Cause => c !== null);
  if (causes.length === 0) {
    const none = unexplainedCause(f, ctx);
    if (none) causes.push(none);
  }
  return causes;
}
