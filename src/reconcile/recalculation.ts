// reconcile: recalculated energy and emissions against the published facility cells, with a relative
// materiality threshold (factors are uncertain, so rounding semantics alone would be too strict).
import { message } from "../findings/message.js";
import { publishedRow } from "../model/columns.js";
import type { ImpliedFactor } from "../compute/implied.js";
import type { Recalculation } from "../compute/recalculate.js";
import { Dec, roundTo } from "../model/decimal.js";
import { metricUnit } from "../model/units.js";
import { intervalsOverlap, scaleInterval, type Interval } from "../model/interval.js";
import { printInterval, printNumber, type PrintedNumber } from "../model/printedNumber.js";
import { recalculationSlip } from "./causes.js";
import type { Dataset, SourceRef } from "../model/types.js";
import { findingPlace, type Cause, type Finding } from "../findings/finding.js";
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
function zeroMatch(
  dataset: Dataset,
  r: Recalculation,
  published: string,
  n: PrintedNumber,
  publishedInterval: Interval,
  source: SourceRef,
): Finding {
  const zero = roundTo(r.value, n.scale);
  return {
    metric: r.metric,
    column: r.facility,
    kind: "recalculation",
    ...findingPlace(dataset, r.metric, r.facility, "recalculation"),
    status: "match",
    published,
    publishedNumber: n,
    publishedInterval,
    recomputed: null,
    recalculation: r,
    recomputedExact: r.value,
    recomputedInterval: r.interval,
    relativeDifference: null,
    recomputedRounded: zero,
    displayScale: n.scale,
    difference: zero.minus(n.value),
    source,
    causes: [
      { code: "nothing-to-recalculate", message: message("cause.nothing-to-recalculate", { published: n.text }) },
    ],
  };
}

/**
 * A material scope 2 whose own figures fit another library grid factor: say which, and how to pin it. `implied`
 * gives the implied-factor analysis (computed only when a finding asks).
 */
export function pinHintCause(f: Finding, implied: () => readonly ImpliedFactor[]): Cause | null {
  if (f.kind !== "recalculation" || f.status !== "material" || f.recalculation?.check !== "scope2") return null;
  const used = f.recalculation.terms[0]?.factors[0]?.id;
  const fit = implied()
    .find((i) => i.facility === f.column && i.kind === "grid")
    ?.candidates.find((c) => c.consistent && c.id !== used && c.factor);
  if (!fit?.factor) return null;
  return {
    code: "pin-hint",
    message: message("cause.pin-hint", {
      factor: fit.id,
      value: fit.factor.value.text,
      unit: fit.factor.unit,
      column: f.column,
    }),
  };
}

export function reconcileRecalculations(
  dataset: Dataset,
  recalcs: Recalculation[],
  materiality: Dec,
  implied: () => readonly ImpliedFactor[],
): Finding[] {
  const out: Finding[] = [];
  for (let r of recalcs) {
    const row = publishedRow(dataset, r.metric);
    const cell = row?.cells.find((c) => c.column === r.facility);
    if (!cell || cell.value.kind !== "number") continue; // nothing published to compare with (see boundary checks)
    const n = cell.value.number;
    // A row printed in another unit of the metric's dimension: the recalculation, converted exactly into it.
    const k = row?.printedUnit.toMetric ? new Dec(1).div(row.printedUnit.toMetric) : null;
    const conversion = k
      ? {
          conversion: {
            from: metricUnit(dataset.catalogue, r.metric)?.id ?? "",
            to: row!.printedUnit.unit,
            factor: k,
            value: r.value,
          },
        }
      : {};
    if (k)
      r = {
        ...r,
        value: r.value.times(k),
        interval: scaleInterval(r.interval, k),
        alternatives: r.alternatives.map((a) => ({ ...a, value: a.value.times(k) })),
      };
    if (r.value.isZero() && n.value.isZero()) {
      out.push(zeroMatch(dataset, r, cell.text, n, publishedIntervalOf(n, true), cell.source));
      continue;
    }
    const rel = relativeDifference(r.value, n.value);
    const publishedInterval = publishedIntervalOf(n, true);
    const byRatio = rel !== null && rel.abs().lte(materiality);
    const byRange = !byRatio && intervalsOverlap(r.interval, publishedInterval);
    const within = byRatio || byRange;
    const materialityText = printNumber(materiality.times(100), 1);
    const causes: Cause[] = [
      {
        code: "factors",
        message: message("cause.factors", {
          method: r.method !== null ? message("phrase.factors.method", { method: r.method }) : "",
          factors: factorNames(r),
          relative: rel ? message("phrase.factors.relative", { relative: pct(rel), materiality: materialityText }) : "",
        }),
      },
    ];
    if (byRange) {
      // Say why a difference beyond the threshold still counts as within: the factors' ranges reach the figure.
      causes.push({
        code: "factor-range",
        message: message("cause.factor-range", {
          materiality: materialityText,
          range: printInterval(r.interval, n.scale),
          published: n.text,
        }),
      });
    }
    for (const alt of r.alternatives) {
      const altRel = relativeDifference(alt.value, n.value);
      causes.push({
        code: "alternative-method",
        message: message("cause.alternative-method", {
          method: alt.method,
          value: printNumber(alt.value, n.scale),
          relative: altRel ? message("phrase.parenthesised", { text: pct(altRel) }) : "",
        }),
      });
    }
    const finding: Finding = {
      metric: r.metric,
      column: r.facility,
      kind: "recalculation",
      ...findingPlace(dataset, r.metric, r.facility, "recalculation"),
      status: within ? "within-materiality" : "material",
      published: cell.text,
      publishedNumber: n,
      publishedInterval,
      recomputed: null,
      recalculation: r,
      recomputedExact: r.value,
      recomputedInterval: r.interval,
      relativeDifference: rel,
      recomputedRounded: roundTo(r.value, n.scale),
      displayScale: n.scale,
      difference: roundTo(r.value, n.scale).minus(n.value),
      source: cell.source,
      causes,
      ...conversion,
    };
    const slip = k ? null : recalculationSlip(finding, { dataset, nonNegative: true }, materiality);
    if (slip) finding.causes.push(slip);
    const pin = pinHintCause(finding, implied);
    if (pin) finding.causes.push(pin);
    out.push(finding);
  }
  return out;
}
