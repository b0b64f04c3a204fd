// reconcile: recalculated energy and emissions against the published facility cells, with a relative
// materiality threshold (factors are uncertain, so rounding semantics alone would be too strict).
import type { Recalculation } from "../compute/recalculate.js";
import { roundTo, type Dec } from "../model/decimal.js";
import { intervalsOverlap } from "../model/interval.js";
import { printNumber } from "../model/printedNumber.js";
import type { Dataset } from "../model/types.js";
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

export function reconcileRecalculations(dataset: Dataset, recalcs: Recalculation[], materiality: Dec): Finding[] {
  const out: Finding[] = [];
  for (const r of recalcs) {
    const row = dataset.published.find((x) => x.metric === r.metric);
    const cell = row?.cells.find((c) => c.column === r.facility);
    if (!cell || cell.value.kind !== "number") continue; // nothing published to compare with (see boundary checks)
    const n = cell.value.number;
    const rel = relativeDifference(r.value, n.value);
    const publishedInterval = publishedIntervalOf(n, true);
    const within = (rel !== null && rel.abs().lte(materiality)) || intervalsOverlap(r.interval, publishedInterval);
    const causes: Cause[] = [{
      code: "factors",
      message: `${r.check === "scope1" ? `method ${r.method}, ` : ""}factors ${factorNames(r)}${rel ? `: ${pct(rel)} against the published figure (materiality ${printNumber(materiality.times(100), 1)}%)` : ""}`,
    }];
    for (const alt of r.alternatives) {
      const altRel = relativeDifference(alt.value, n.value);
      causes.push({ code: "alternative-method", message: `with method ${alt.method}: ${printNumber(alt.value, n.scale)}${altRel ? ` (${pct(altRel)})` : ""}` });
    }
    out.push({
      metric: r.metric, column: r.facility, kind: "recalculation", status: within ? "within-materiality" : "material",
      published: cell.text, publishedNumber: n, publishedInterval, recomputed: null, recalculation: r,
      recomputedExact: r.value, recomputedInterval: r.interval, relativeDifference: rel,
      recomputedRounded: roundTo(r.value, n.scale), displayScale: n.scale, difference: roundTo(r.value, n.scale).minus(n.value),
      source: cell.source, causes,
    });
  }
  return out;
}
