// Recalculations as recipes: a target metric = Σ quantity × the factors of the term's kinds × its constants, plus
// figures added as they are. Built once from the library's rules (data/factors/recalculations.json);
// compute/recalculate.ts runs a recipe for a reporting unit, and the recalculation, boundary and implied-factor
// checks are derived from the recipes, so a new recalculation is a new recipe here (and its rules), not new code.
import type { RecalculationsFile } from "../schema/recalculation.js";
import { Dec } from "./decimal.js";
import type { Factor } from "./factors.js";
import type { Interval } from "./interval.js";

/**
 * The kinds of factor a term can be multiplied by, each resolved by the factor plan (model/factorPlan.ts
 * FACTOR_SOURCES): the activity's net calorific value, the method's combustion factors for it, the unit's grid factor,
 * the unit's residual-mix (or supplier) factor for market-based scope 2, an instrument's own factor.
 */
export type FactorSource = "ncv" | "combustion" | "grid" | "residual" | "instrument";

export interface RecipeTerm {
  /** The quantity: an activity metric of the unit (energy.natural_gas). */
  metric: string;
  /** Whose factors it takes: natural_gas, diesel, electricity. */
  activity: string;
  /** The kinds of factor it is multiplied by, in order. */
  factors: FactorSource[];
  /** Constant multipliers after the factors (a GWP given as a number; −1 takes covered electricity out of the rest). */
  constants: Dec[];
}

/** The id of a recipe: "direct-energy", "scope1", "scope2" (location-based), "scope2-market". */
export type RecalculationCheck = string;

export interface Recipe {
  id: RecalculationCheck;
  /** The metric it recalculates. */
  target: string;
  /** The total the target is a share of (ghg.total), named in boundary estimates; null: none. */
  total: string | null;
  terms: RecipeTerm[];
  /** Figures added as they are, in the target's dimension (on-site solar consumed, in direct energy). */
  plus: string[];
  /** Runs by the pinned method of the plan, and by each other method as an alternative. */
  byMethod: boolean;
  /**
   * A unit that reports a term's quantity but not the target is incomplete; these phrases (data/i18n/causes.json)
   * say what it reports ({value}: its first quantity, {fuels}: the activities), how the estimate is made ({value},
   * {factor}, {unit}, {id}: the first factor; {method}, {factors}: all factor ids), and the target and total in a
   * share. Absent: no boundary check.
   */
  boundary?: { activity: string; estimate: string; target: string; total: string };
  /** What it computes, as explain heads it: a template of data/i18n/causes.json ("phrase.recipe.scope2"). */
  title: string;
  /**
   * Its target and quantities in the implied-factor analysis's reasons: phrases of data/i18n/causes.json ("scope 2",
   * "purchased electricity"), and the quantity as the JSON report names an activity standing for all fuels ("fuel").
   */
  words: { target: string; quantity: string; quantityId: string };
}

/** The factors and constants a term is multiplied by, in order. */
export interface FactorChain {
  factors: Factor[];
  constants: Dec[];
}

/** A chain as one factor, in base units: the product of the printed values, and of the lower and upper ends. */
export function chainProduct(chain: FactorChain): { value: Dec; base: Interval } {
  const product = (xs: Dec[]) => [...xs, ...chain.constants].reduce((a, b) => a.times(b), new Dec(1));
  return {
    value: product(chain.factors.map((f) => f.baseValue)),
    base: { lo: product(chain.factors.map((f) => f.base.lo)), hi: product(chain.factors.map((f) => f.base.hi)) },
  };
}

/**
 * The recipes the rules describe. Their order is the order the implied-factor analysis lists a unit's factors in
 * (grid, net calorific value, combustion), as it did before recipes; the other checks sort their findings by cell.
 */
export function buildRecipes(rules: RecalculationsFile): Recipe[] {
  const fuels = (source: FactorSource): RecipeTerm[] =>
    rules.fuels.map((f) => ({ metric: f.metric, activity: f.activity, factors: [source], constants: [] }));
  return [
    {
      id: "scope2",
      target: rules.scope2.metric,
      total: rules.scope2.total,
      plus: [],
      byMethod: false,
      terms: [
        { metric: rules.electricity.metric, activity: rules.electricity.activity, factors: ["grid"], constants: [] },
      ],
      boundary: {
        activity: "phrase.boundary.electricity",
        estimate: "phrase.boundary.grid",
        target: "phrase.total.scope2",
        total: "phrase.total.ghg",
      },
      title: "phrase.recipe.scope2",
      words: { target: "phrase.word.scope2", quantity: "phrase.word.electricity", quantityId: "purchased electricity" },
    },
    {
      id: "direct-energy",
      target: rules.directEnergy.metric,
      total: null,
      plus: rules.directEnergy.plus,
      byMethod: false,
      terms: fuels("ncv"),
      title: "phrase.recipe.direct-energy",
      words: { target: "phrase.word.direct-energy", quantity: "phrase.word.fuel", quantityId: "fuel" },
    },
    {
      id: "scope1",
      target: rules.scope1.metric,
      total: rules.scope1.total,
      plus: [],
      byMethod: true,
      terms: fuels("combustion"),
      boundary: {
        activity: "phrase.boundary.fuel",
        estimate: "phrase.boundary.method",
        target: "phrase.total.scope1",
        total: "phrase.total.ghg",
      },
      title: "phrase.recipe.scope1",
      words: { target: "phrase.word.scope1", quantity: "phrase.word.fuel", quantityId: "fuel" },
    },
    ...(rules.scope2Market ? [marketBasedRecipe(rules, rules.scope2Market)] : []),
  ];
}

/**
 * Market-based scope 2 as a recipe (GHG Protocol Scope 2 Guidance): purchased electricity × the residual factor,
 * and for each instrument its MWh × its own factor and its MWh × the residual factor × −1 — that is, the covered
 * electricity at the instrument's factor and the rest (electricity − instruments) at the residual mix. Several
 * factor kinds in one recipe: no implied-factor analysis; no boundary check (a unit without a market-based figure
 * is not incomplete: only ESRS requires one, reconcile/scope2.ts).
 */
function marketBasedRecipe(rules: RecalculationsFile, mb: NonNullable<RecalculationsFile["scope2Market"]>): Recipe {
  return {
    id: "scope2-market",
    target: mb.metric,
    total: mb.total,
    plus: [],
    byMethod: false,
    terms: [
      { metric: rules.electricity.metric, activity: rules.electricity.activity, factors: ["residual"], constants: [] },
      ...mb.instruments.flatMap((i): RecipeTerm[] => [
        { metric: i.metric, activity: i.activity, factors: ["instrument"], constants: [] },
        { metric: i.metric, activity: rules.electricity.activity, factors: ["residual"], constants: [new Dec(-1)] },
      ]),
    ],
    title: "phrase.recipe.scope2-market",
    words: {
      target: "phrase.word.scope2-market",
      quantity: "phrase.word.electricity",
      quantityId: "purchased electricity",
    },
  };
}
