// Boundary completeness: a unit that reports activity but not what that activity implies — purchased electricity
// without scope 2, fuel without scope 1, water supplied without wastewater — with an estimate of what is missing
// and its share of the total.
import { allColumns, publishedRow } from "../model/columns.js";
import { combustionFactors, term, total } from "../compute/recalculate.js";
import { lookup, type RecomputedTable } from "../compute/recompute.js";
import { Dec, roundTo, ZERO } from "../model/decimal.js";
import type { FactorPlan, Library } from "../model/factorPlan.js";
import { scaleInterval, type Interval } from "../model/interval.js";
import { printNumber } from "../model/printedNumber.js";
import type { Dataset, SourceRef } from "../model/types.js";
import { leafColumns } from "../model/tree.js";
import { metricToBase } from "../model/units.js";
import { findingPlace, type Finding } from "../findings/finding.js";

interface Estimate {
  value: Dec;
  interval: Interval;
  how: string;
}

export function boundaryFindings(dataset: Dataset, table: RecomputedTable, library: Library, plan: FactorPlan): Finding[] {
  const rules = library.rules;
  const out: Finding[] = [];
  const k = (metric: string) => metricToBase(dataset.catalogue, metric);
  const root = dataset.tree.root;
  const leaves = leafColumns(allColumns(dataset), dataset.tree);
  const has = (facility: string, metric: string) => {
    const r = lookup(table, facility, metric);
    return r !== undefined && !r.value.isZero();
  };

  /** `activity`: the row that shows the unit is active, where the finding points when the table has no cell for it. */
  const push = (facility: string, metric: string, estimate: Estimate | null, activityText: string, shares: string[], activity: SourceRef | undefined) => {
    const row = publishedRow(dataset, metric);
    // A table without the row does not report the metric at all (an energy-only table): nothing is incomplete in it.
    if (!row) return;
    const cell = row.cells.find((c) => c.column === facility);
    if (cell && cell.value.kind === "number") return; // the table has a figure: the arithmetic checks look at it
    const scale = 1;
    out.push({
      metric, column: facility, kind: "boundary", ...findingPlace(dataset, metric, facility, "boundary"), status: "incomplete",
      published: cell?.text ?? "", publishedNumber: null, publishedInterval: null, recomputed: null,
      recomputedExact: estimate?.value ?? null, recomputedInterval: estimate?.interval ?? null,
      recomputedRounded: estimate ? roundTo(estimate.value, scale) : null, displayScale: scale, difference: null,
      source: cell?.source ?? activity ?? row.source,
      causes: [{ code: "boundary", message: `${facility} reports ${activityText} but no ${metric}${estimate ? `: about ${printNumber(estimate.value, scale)} is missing (${estimate.how})` : ": no factor to estimate what is missing (see the notes on recalculation)"}${shares.length ? `; ${shares.join(", ")}` : ""}` }],
    });
  };
  const shareOf = (estimate: Dec, metric: string, label: string): string | null => {
    const total = lookup(table, root, metric);
    return total && !total.value.isZero() ? `${printNumber(estimate.div(total.value).times(100), 1)}% of the ${label} total ${printNumber(total.value, 1)}` : null;
  };

  for (const facility of leaves) {
    // purchased electricity, no scope 2
    const el = lookup(table, facility, rules.electricity.metric);
    const grid = plan.grid.get(facility);
    if (el && !el.value.isZero() && !has(facility, rules.scope2.metric) && !grid) {
      push(facility, rules.scope2.metric, null, `purchased electricity (${printNumber(el.value, 1)})`, [], el.activity?.source);
    } else if (el && !el.value.isZero() && !has(facility, rules.scope2.metric) && grid) {
      const { value, interval } = term(el, k(rules.electricity.metric), [grid], [], new Dec(1).div(k(rules.scope2.metric)));
      const shares = [shareOf(value, rules.scope2.metric, "scope 2"), shareOf(value, rules.scope2.total, "GHG")].filter((s): s is string => s !== null);
      push(facility, rules.scope2.metric, { value, interval, how: `${printNumber(el.value, 1)} MWh × ${grid.value.text} ${grid.unit} (${grid.id})` }, `purchased electricity (${printNumber(el.value, 1)})`, shares, el.activity?.source);
    }

    // fuel burnt, no scope 1
    const fuels = rules.fuels.map((f) => ({ ...f, q: lookup(table, facility, f.metric) })).filter((f) => f.q && !f.q.value.isZero());
    if (fuels.length && !has(facility, rules.scope1.metric)) {
      const back = new Dec(1).div(k(rules.scope1.metric));
      const terms = fuels.flatMap((f) => {
        const recipe = plan.method.fuels.get(f.activity);
        if (!recipe) return [];
        const { factors, constants } = combustionFactors(recipe, plan);
        return [term(f.q!, k(f.metric), factors, constants, back)];
      });
      const { value, interval } = total(terms);
      const ids = terms.flatMap((t) => t.factors.map((x) => x.id));
      const shares = [shareOf(value, rules.scope1.metric, "scope 1"), shareOf(value, rules.scope1.total, "GHG")].filter((s): s is string => s !== null);
      push(facility, rules.scope1.metric, { value, interval, how: `method ${plan.method.id}: ${[...new Set(ids)].join(", ")}` }, `fuel (${fuels.map((f) => f.activity).join(", ")})`, shares, fuels[0]?.q?.activity?.source);
    }

    // water supplied, no wastewater: the other units' own discharge ratio
    const supply = lookup(table, facility, rules.water.supply);
    if (supply && !supply.value.isZero() && !has(facility, rules.water.discharge)) {
      const peers = leaves.filter((l) => l !== facility && has(l, rules.water.supply) && has(l, rules.water.discharge));
      const sum = (m: string) => peers.reduce((s, l) => s.plus(lookup(table, l, m)!.value), ZERO);
      const ratio = peers.length ? sum(rules.water.discharge).div(sum(rules.water.supply)) : new Dec(1);
      const how = peers.length
        ? `${printNumber(supply.value, 1)} supplied × ${printNumber(ratio, 4)}, the discharge ÷ supply ratio of ${peers.join(", ")}`
        : `upper bound: all ${printNumber(supply.value, 1)} supplied`;
      const value = supply.value.times(ratio);
      push(facility, rules.water.discharge, { value, interval: scaleInterval(supply.interval, ratio), how }, `water supplied (${printNumber(supply.value, 1)})`, [shareOf(value, rules.water.discharge, "wastewater")].filter((s): s is string => s !== null), supply.activity?.source);
    }
  }
  return out;
}
