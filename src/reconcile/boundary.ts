// Boundary completeness: a unit that reports activity but not what that activity implies — purchased electricity
// without scope 2, fuel without scope 1, water supplied without wastewater — with an estimate of what is missing
// and its share of the total.
import { message, type Message } from "../findings/message.js";
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
  how: Message;
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
  const push = (facility: string, metric: string, estimate: Estimate | null, activityText: Message, shares: Message[], activity: SourceRef | undefined) => {
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
      causes: [{
        code: "boundary",
        message: message("cause.boundary", {
          facility, activity: activityText, metric,
          estimate: estimate ? message("phrase.boundary.estimate", { value: printNumber(estimate.value, scale), how: estimate.how }) : message("phrase.boundary.no-factor"),
          shares: shares.length ? message("phrase.boundary.shares", { shares: { items: shares, join: "phrase.join.comma" } }) : "",
        }),
      }],
    });
  };
  /** `label`: the phrase naming the total ("phrase.total.scope2", …). */
  const shareOf = (estimate: Dec, metric: string, label: string): Message | null => {
    const total = lookup(table, root, metric);
    return total && !total.value.isZero() ? message("phrase.boundary.share", { percent: printNumber(estimate.div(total.value).times(100), 1), total: message(label), value: printNumber(total.value, 1) }) : null;
  };

  for (const facility of leaves) {
    // purchased electricity, no scope 2
    const el = lookup(table, facility, rules.electricity.metric);
    const grid = plan.grid.get(facility);
    if (el && !el.value.isZero() && !has(facility, rules.scope2.metric) && !grid) {
      push(facility, rules.scope2.metric, null, message("phrase.boundary.electricity", { value: printNumber(el.value, 1) }), [], el.activity?.source);
    } else if (el && !el.value.isZero() && !has(facility, rules.scope2.metric) && grid) {
      const { value, interval } = term(el, k(rules.electricity.metric), [grid], [], new Dec(1).div(k(rules.scope2.metric)));
      const shares = [shareOf(value, rules.scope2.metric, "phrase.total.scope2"), shareOf(value, rules.scope2.total, "phrase.total.ghg")].filter((s) => s !== null);
      push(facility, rules.scope2.metric, { value, interval, how: message("phrase.boundary.grid", { value: printNumber(el.value, 1), factor: grid.value.text, unit: grid.unit, id: grid.id }) }, message("phrase.boundary.electricity", { value: printNumber(el.value, 1) }), shares, el.activity?.source);
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
      const shares = [shareOf(value, rules.scope1.metric, "phrase.total.scope1"), shareOf(value, rules.scope1.total, "phrase.total.ghg")].filter((s) => s !== null);
      push(facility, rules.scope1.metric, { value, interval, how: message("phrase.boundary.method", { method: plan.method.id, factors: { items: [...new Set(ids)], join: "phrase.join.comma" } }) }, message("phrase.boundary.fuel", { fuels: { items: fuels.map((f) => f.activity), join: "phrase.join.comma" } }), shares, fuels[0]?.q?.activity?.source);
    }

    // water supplied, no wastewater: the other units' own discharge ratio
    const supply = lookup(table, facility, rules.water.supply);
    if (supply && !supply.value.isZero() && !has(facility, rules.water.discharge)) {
      const peers = leaves.filter((l) => l !== facility && has(l, rules.water.supply) && has(l, rules.water.discharge));
      const sum = (m: string) => peers.reduce((s, l) => s.plus(lookup(table, l, m)!.value), ZERO);
      const ratio = peers.length ? sum(rules.water.discharge).div(sum(rules.water.supply)) : new Dec(1);
      const how = peers.length
        ? message("phrase.boundary.ratio", { value: printNumber(supply.value, 1), ratio: printNumber(ratio, 4), peers: { items: peers, join: "phrase.join.comma" } })
        : message("phrase.boundary.upper-bound", { value: printNumber(supply.value, 1) });
      const value = supply.value.times(ratio);
      push(facility, rules.water.discharge, { value, interval: scaleInterval(supply.interval, ratio), how }, message("phrase.boundary.water", { value: printNumber(supply.value, 1) }), [shareOf(value, rules.water.discharge, "phrase.total.wastewater")].filter((s) => s !== null), supply.activity?.source);
    }
  }
  return out;
}
