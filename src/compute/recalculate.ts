// compute: energy and emissions recalculated from activity data and library factors, per reporting unit:
// direct energy = Σ fuel × NCV + on-site solar; scope 1 = Σ fuel × combustion factor; scope 2 = purchased
// electricity × grid factor. Intervals carry the rounding of the inputs and the ranges of the factors.
import { allColumns } from "../model/columns.js";
import { Dec, ZERO } from "../model/decimal.js";
import type { Factor } from "../model/factors.js";
import type { FactorPlan, FuelRecipe, Library, Method } from "../model/factorPlan.js";
import { addIntervals, multiplyIntervals, pointInterval, scaleInterval, type Interval } from "../model/interval.js";
import { leafColumns } from "../model/tree.js";
import { metricToBase } from "../model/units.js";
import type { Dataset } from "../model/types.js";
import { lookup, type Recomputed, type RecomputedTable } from "./recompute.js";

export type RecalculationCheck = "direct-energy" | "scope1" | "scope2";

export interface RecalcTerm {
  /** The activity row (or rolled-up value) the term starts from. */
  quantity: Recomputed;
  /** Factors it is multiplied by, in order. */
  factors: Factor[];
  /** Constant multipliers besides the factors (44/12). */
  constants: Dec[];
  value: Dec;
  interval: Interval;
}

export interface MethodResult {
  method: string;
  value: Dec;
  interval: Interval;
  terms: RecalcTerm[];
}

export interface Recalculation {
  check: RecalculationCheck;
  metric: string;
  facility: string;
  value: Dec;
  interval: Interval;
  terms: RecalcTerm[];
  /** Figures added as they are (on-site solar in direct energy). */
  plus: Recomputed[];
  method: string | null;
  alternatives: MethodResult[];
}

const toBase = (dataset: Dataset, metric: string): Dec => metricToBase(dataset.catalogue, metric);

/** quantity × its unit's base ratio × each factor × each constant, then into the result's unit, with its interval. */
export function term(quantity: Recomputed, qToBase: Dec, factors: Factor[], constants: Dec[], resultFromBase: Dec): RecalcTerm {
  let value = quantity.value.times(qToBase);
  let interval = scaleInterval(quantity.interval, qToBase);
  for (const f of factors) {
    value = value.times(f.baseValue);
    interval = multiplyIntervals(interval, f.base);
  }
  for (const c of constants) {
    value = value.times(c);
    interval = scaleInterval(interval, c);
  }
  return { quantity, factors, constants, value: value.times(resultFromBase), interval: scaleInterval(interval, resultFromBase) };
}

/** The sum of terms (and of figures added as they are), with its interval. */
export const total = (terms: RecalcTerm[], plus: Recomputed[] = []) => ({
  value: [...terms.map((t) => t.value), ...plus.map((p) => p.value)].reduce((s, v) => s.plus(v), ZERO),
  interval: [...terms.map((t) => t.interval), ...plus.map((p) => p.interval)].reduce(addIntervals, pointInterval(ZERO)),
});

export function combustionFactors(recipe: FuelRecipe, plan: FactorPlan): { factors: Factor[]; constants: Dec[] } {
  if (recipe.co2) return { factors: [recipe.ncv, recipe.co2], constants: [] };
  return { factors: [recipe.ncv, recipe.carbon!, recipe.oxidation!], constants: [plan.co2PerCarbon] };
}

function scope1Terms(dataset: Dataset, table: RecomputedTable, library: Library, plan: FactorPlan, method: Method, facility: string, fromBase: Dec): RecalcTerm[] | null {
  const terms: RecalcTerm[] = [];
  for (const fuel of library.rules.fuels) {
    const q = lookup(table, facility, fuel.metric);
    const recipe = method.fuels.get(fuel.activity);
    if (!q) continue;
    if (!recipe) return null; // the method has no factor for a fuel this unit burns
    const { factors, constants } = combustionFactors(recipe, plan);
    terms.push(term(q, toBase(dataset, fuel.metric), factors, constants, fromBase));
  }
  return terms.length ? terms : null;
}

export function recalculate(dataset: Dataset, table: RecomputedTable, library: Library, plan: FactorPlan): Recalculation[] {
  const rules = library.rules;
  const out: Recalculation[] = [];
  const leaves = leafColumns(allColumns(dataset), dataset.tree);
  for (const facility of leaves) {
    // direct energy: fuels × NCV + on-site generation consumed
    const energyFromBase = new Dec(1).div(toBase(dataset, rules.directEnergy.metric));
    const energyTerms: RecalcTerm[] = [];
    for (const fuel of rules.fuels) {
      const q = lookup(table, facility, fuel.metric);
      const ncv = plan.ncv.get(fuel.activity);
      if (q && ncv) energyTerms.push(term(q, toBase(dataset, fuel.metric), [ncv], [], energyFromBase));
    }
    const plus = rules.directEnergy.plus.map((m) => lookup(table, facility, m)).filter((r): r is Recomputed => r !== undefined);
    if (energyTerms.length || plus.length) {
      out.push({ check: "direct-energy", metric: rules.directEnergy.metric, facility, ...total(energyTerms, plus), terms: energyTerms, plus, method: null, alternatives: [] });
    }

    // scope 1: fuels × combustion factors, by the pinned method and by the others
    const ghgFromBase = new Dec(1).div(toBase(dataset, rules.scope1.metric));
    const primary = scope1Terms(dataset, table, library, plan, plan.method, facility, ghgFromBase);
    if (primary) {
      const alternatives = plan.alternatives.flatMap((m) => {
        const t = scope1Terms(dataset, table, library, plan, m, facility, ghgFromBase);
        return t ? [{ method: m.id, ...total(t), terms: t }] : [];
      });
      out.push({ check: "scope1", metric: rules.scope1.metric, facility, ...total(primary), terms: primary, plus: [], method: plan.method.id, alternatives });
    }

    // scope 2 (location-based): purchased electricity × grid factor
    const electricity = lookup(table, facility, rules.electricity.metric);
    const grid = plan.grid.get(facility);
    if (electricity && grid) {
      const t = term(electricity, toBase(dataset, rules.electricity.metric), [grid], [], new Dec(1).div(toBase(dataset, rules.scope2.metric)));
      out.push({ check: "scope2", metric: rules.scope2.metric, facility, ...total([t]), terms: [t], plus: [], method: null, alternatives: [] });
    }
  }
  return out;
}
