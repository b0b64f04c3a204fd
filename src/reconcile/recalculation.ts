// reconcile: recalculated energy and emissions against the published facility cells, with a relative
// materiality threshold (factors are uncertain, so rounding semantics alone would be too strict).
import type { Recalculation } from "../compute/recalculate.js";
import { roundTo, type Dec } from "../model/decimal.js";
import { intervalsOverlap, type Interval } from "../model/interval.js";
import { printInterval, printNumber, type PrintedNumber } from "../model/printedNumber.js";
import { recalculationSlip } from "./causes.js";
import type { Dataset, SourceRef } from "../model/types.js";
import type { Cause, Finding } from "../findings/finding.js";
import { publishedIntervalOf } from "./compare.js";

export function relativeDifference(value: Dec, published: Dec): Dec | null {
  return published.isZero() ? (value.isZero() ? value : null) : value.minus(published).div(published);
}

const pct = (d: Dec) => `${d.gt(0) ? "+" : ""}${printNumber(d.times(100), 1)}%`;

export function factorNames(r: Recalculation): string {
  const used = r.terms.filter((t) => !t.quantity.value.isZero());
  const ids = [...new Set((used.length ? used : r.terms).flatMap((t) => t.factors.map((f) => f.id)))];
  return ids.join(", ");
}

/**
 * Nothing to recalculate from (no fuel, no electricity) and nothing published: the recalculation gives exactly the
 * published zero, a match. A relative difference of zero from zero means nothing, so there is no materiality
 * judgement to make, and the finding says so.
 */
function zeroMatch(r: Recalculation, published: string, n: PrintedNumber, publishedInterval: Interval, source: SourceRef): Finding {
  const zero = roundTo(r.value, n.scale);
  return {
    metric: r.metric, column: r.facility, kind: "recalculation", status: "match",
    published, publishedNumber: n, publishedInterval, recomputed: null, recalculation: r,
    recomputedExact: r.value, recomputedInterval: r.interval, relativeDifference: null,
    recomputedRounded: zero, displayScale: n.scale, difference: zero.minus(n.value), source,
    causes: [{ code: "nothing-to-recalculate", message: `the activity data gives nothing to recalculate from (every activity figure it uses is printed as zero): recalculated 0 against the published ${n.text}, a match; no materiality judgement (a share of zero means nothing)` }],
  };
}

export function reconcileRecalculations(dataset: Dataset, recalcs: Recalculation[], materiality: Dec): Finding[] {
  const out: Finding[] = [];
  for (const r of recalcs) {
    const row = dataset.published.find((x) => x.metric === r.metric);
    const cell = row?.cells.find((c) => c.column === r.facility);
    if (!cell || cell.value.kind !== "number") continue; // nothing published to compare with (see boundary checks)
    const n = cell.value.number;
    if (r.value.isZero() && n.value.isZero()) {
      out.push(zeroMatch(r, cell.text, n, publishedIntervalOf(n, true), cell.source));
      continue;
    }
    const rel = relativeDifference(r.value, n.value);
    const publishedInterval = publishedIntervalOf(n, true);
    const byRatio = rel !== null && rel.abs().lte(materiality);
    const byRange = !byRatio && intervalsOverlap(r.interval, publishedInterval);
    const within = byRatio || byRange;
    const causes: Cause[] = [{
      code: "factors",
      message: `${r.check === "scope1" ? `method ${r.method}, ` : ""}factors ${factorNames(r)}${rel ? `: ${pct(rel)} against the published figure (materiality ${printNumber(materiality.times(100), 1)}%)` : ""}`,
    }];
    if (byRange) {
      // Say why a difference beyond the threshold still counts as within: the factors' ranges reach the figure.
      causes.push({ code: "factor-range", message: `beyond ${printNumber(materiality.times(100), 1)}% at the factors' printed values, but the range the factors allow, ${printInterval(r.interval, n.scale)}, includes the published ${n.text}` });
    }
    for (const alt of r.alternatives) {
      const altRel = relativeDifference(alt.value, n.value);
      causes.push({ code: "alternative-method", message: `with method ${alt.method}: ${printNumber(alt.value, n.scale)}${altRel ? ` (${pct(altRel)})` : ""}` });
    }
    const finding: Finding = {
      metric: r.metric, column: r.facility, kind: "recalculation", status: within ? "within-materiality" : "material",
      published: cell.text, publishedNumber: n, publishedInterval, recomputed: null, recalculation: r,
      recomputedExact: r.value, recomputedInterval: r.interval, relativeDifference: rel,
      recomputedRounded: roundTo(r.value, n.scale), displayScale: n.scale, difference: roundTo(r.value, n.scale).minus(n.value),
      source: cell.source, causes,
    };
    const slip = recalculationSlip(finding, { dataset, nonNegative: true }, materiality);
    if (slip) finding.causes.push(slip);
    out.push(finding);
  }
  return out;
}
