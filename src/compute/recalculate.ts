// compute: recalculations run from their recipes (model/recipes.ts), per reporting unit: each term's quantity ×
// the factors the plan gives its kinds × its constants, plus the figures added as they are — direct energy =
// Σ fuel × NCV + on-site solar; scope 1 = Σ fuel × combustion factors, by method; scope 2 = purchased electricity
// × grid factor. Intervals carry the rounding of the inputs and the ranges of the factors.
import { allColumns } from "../model/columns.js";
import { Dec, ZERO } from "../model/decimal.js";
import type { Factor } from "../model/factors.js";
import { termFactors, type FactorPlan, type Library, type Method } from "../model/factorPlan.js";
import { addIntervals, multiplyIntervals, pointInterval, scaleInterval, type Interval } from "../model/interval.js";
import type { Recipe, RecipeTerm } from "../model/recipes.js";
import { leafColumns } from "../model/tree.js";
import { metricToBase } from "../model/units.js";
import type { Catalogue, Dataset } from "../model/types.js";
import { lookup, type Recomputed, type RecomputedTable } from "./recompute.js";

export type { RecalculationCheck } from "../model/recipes.js";

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
  /** The recipe's id. */
  check: string;
  /** The recipe's title (a template key). */
  title: string;
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

/** quantity × its unit's base ratio × each factor × each constant, then into the result's unit, with its interval. */
export function term(
  quantity: Recomputed,
  qToBase: Dec,
  factors: Factor[],
  constants: Dec[],
  resultFromBase: Dec,
): RecalcTerm {
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
  return {
    quantity,
    factors,
    constants,
    value: value.times(resultFromBase),
    interval: scaleInterval(interval, resultFromBase),
  };
}

/** The sum of terms (and of figures added as they are), with its interval. */
export const total = (terms: RecalcTerm[], plus: { value: Dec; interval: Interval }[] = []) => ({
  value: [...terms.map((t) => t.value), ...plus.map((p) => p.value)].reduce((s, v) => s.plus(v), ZERO),
  interval: [...terms.map((t) => t.interval), ...plus.map((p) => p.interval)].reduce(addIntervals, pointInterval(ZERO)),
});

/** What a recipe runs on: the catalogue (units), a period's recomputed table, the factors in force. */
export interface RecipeInputs {
  catalogue: Catalogue;
  table: RecomputedTable;
  plan: FactorPlan;
}

export interface RecipeRun {
  /** A term for each of the recipe's quantities the unit reports and the plan has factors for. */
  terms: RecalcTerm[];
  /** The figures added as they are that the unit reports. */
  plus: Recomputed[];
  /** Terms whose quantity the unit reports but whose factors the plan lacks (the method has none for the fuel). */
  unresolved: RecipeTerm[];
  /** The sum of the terms and figures, in the target's unit (base units with `inBase`). */
  value: Dec;
  interval: Interval;
}

/**
 * The one way a recipe is run for a unit: under the plan's pinned method unless `method` says another; in the
 * target's unit, or in base units (`inBase`) for analyses that compare with factors.
 */
export function runRecipe(
  recipe: Recipe,
  facility: string,
  inputs: RecipeInputs,
  options: { method?: Method; inBase?: boolean } = {},
): RecipeRun {
  const { catalogue, table, plan } = inputs;
  const method = options.method ?? plan.method;
  const fromBase = options.inBase ? new Dec(1) : new Dec(1).div(metricToBase(catalogue, recipe.target));
  const terms: RecalcTerm[] = [];
  const unresolved: RecipeTerm[] = [];
  for (const t of recipe.terms) {
    const q = lookup(table, facility, t.metric);
    if (!q) continue;
    const chain = termFactors(plan, t, method, facility);
    if (chain) terms.push(term(q, metricToBase(catalogue, t.metric), chain.factors, chain.constants, fromBase));
    else unresolved.push(t);
  }
  const plus = recipe.plus.map((m) => lookup(table, facility, m)).filter((r): r is Recomputed => r !== undefined);
  // Added as they are, but in the result's unit (MWh of solar into MWh of direct energy: × 1).
  const added = plus.map((p) => {
    const k = metricToBase(catalogue, p.metric).times(fromBase);
    return { value: p.value.times(k), interval: scaleInterval(p.interval, k) };
  });
  return { terms, plus, unresolved, ...total(terms, added) };
}

/** Every recipe for every reporting unit with something to run it on; a unit whose factors are incomplete is left out. */
export function recalculate(
  dataset: Dataset,
  table: RecomputedTable,
  library: Library,
  plan: FactorPlan,
): Recalculation[] {
  const inputs: RecipeInputs = { catalogue: dataset.catalogue, table, plan };
  const complete = (run: RecipeRun) => run.unresolved.length === 0 && (run.terms.length > 0 || run.plus.length > 0);
  const out: Recalculation[] = [];
  for (const facility of leafColumns(allColumns(dataset), dataset.tree)) {
    for (const recipe of library.recipes) {
      const run = runRecipe(recipe, facility, inputs);
      if (!complete(run)) continue;
      const alternatives = !recipe.byMethod
        ? []
        : plan.alternatives.flatMap((m): MethodResult[] => {
            const alt = runRecipe(recipe, facility, inputs, { method: m });
            return complete(alt) ? [{ method: m.id, value: alt.value, interval: alt.interval, terms: alt.terms }] : [];
          });
      out.push({
        check: recipe.id,
        title: recipe.title,
        metric: recipe.target,
        facility,
        value: run.value,
        interval: run.interval,
        terms: run.terms,
        plus: run.plus,
        method: recipe.byMethod ? plan.method.id : null,
        alternatives,
      });
    }
  }
  return out;
}
