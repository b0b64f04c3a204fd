// compute: the factors a unit's published figures imply, derived from the recipes (model/recipes.ts). A recipe of one
// term: target ÷ its quantity (scope 2 ÷ purchased electricity: the grid factor). Of several: (target − figures
// added as they are − the other terms at the plan's factors) ÷ the dominant term's quantity (direct energy: its NCV;
// scope 1: its combustion factor). Intervals, because the figures are rounded; compared with the library's choices
// for that kind of factor.
import { allColumns } from "../model/columns.js";
import { Dec, ZERO } from "../model/decimal.js";
import { FACTOR_SOURCES, type FactorChoice, type FactorPlan, type Library } from "../model/factorPlan.js";
import { addIntervals, divideIntervals, intervalsOverlap, pointInterval, type Interval } from "../model/interval.js";
import type { FactorSource, Recipe } from "../model/recipes.js";
import type { Dataset } from "../model/types.js";
import { message, type Message } from "../findings/inputError.js";
import { runRecipe } from "./recalculate.js";
import { lookup, type RecomputedTable } from "./recompute.js";
import { leafColumns } from "../model/tree.js";
import { metricToBase, metricUnit } from "../model/units.js";

/** "grid", "ncv", "combustion": the kind of factor implied. */
/** The kinds a recipe of one factor kind implies (a market-based recipe mixes kinds and implies none). */
export type ImpliedKind = Exclude<FactorSource, "residual" | "instrument">;

/** A library factor or a method's combined factor (base: in base units per base unit of activity), against the implied one. */
export interface Candidate extends FactorChoice {
  consistent: boolean;
  /** (candidate − implied) ÷ implied, with the nearest end of the candidate's range if it has one; 0 when consistent. */
  relative: Dec;
}

export interface ImpliedFactor {
  facility: string;
  kind: ImpliedKind;
  /** electricity, natural_gas, diesel */
  activity: string;
  /** null: not applicable (the divisor is zero or absent). */
  value: Dec | null;
  interval: Interval | null;
  /** Unit of value: "tCO2e/MWh", "MWh/m3", "tCO2e/t", … (base units). */
  unit: string;
  /** Other fuels, taken at the library's factors, and which factors. */
  assumed: { activity: string; factors: string[] }[];
  candidates: Candidate[];
  /** Set when the unit's implied factor does not overlap another unit's for the same activity. */
  differsFrom: string[];
  reason?: Message;
  /** The activity as the reason names it when no single fuel is meant ("phrase.word.fuel"). */
  activityWord?: string;
}

const sub = (a: Interval, b: Interval): Interval => ({ lo: a.lo.minus(b.hi), hi: a.hi.minus(b.lo) });
const times = (a: Interval, k: Dec): Interval => ({ lo: a.lo.times(k), hi: a.hi.times(k) });

function candidatesFor(list: FactorChoice[], implied: Interval, value: Dec): Candidate[] {
  return list
    .map((c) => {
      const consistent = intervalsOverlap(c.base, implied);
      // Distance to the nearest end of a range the source gives; to the printed value otherwise.
      const ranged = c.factor?.range !== null && c.factor?.range !== undefined;
      const nearest = consistent
        ? value
        : !ranged
          ? c.baseValue
          : c.base.hi.lt(implied.lo)
            ? c.base.hi
            : c.base.lo.gt(implied.hi)
              ? c.base.lo
              : c.baseValue;
      return { ...c, consistent, relative: value.isZero() ? ZERO : nearest.minus(value).div(value) };
    })
    .sort((a, b) => Number(b.consistent) - Number(a.consistent) || a.relative.abs().comparedTo(b.relative.abs()));
}

/** The kind of factor a recipe implies: the one factor each of its terms is multiplied by; null when they differ. */
function impliedKind(recipe: Recipe): ImpliedKind | null {
  const kind = recipe.terms[0]?.factors[0];
  return kind &&
    kind !== "residual" &&
    kind !== "instrument" &&
    recipe.terms.every((t) => t.factors.length === 1 && t.factors[0] === kind && t.constants.length === 0)
    ? kind
    : null;
}

export function impliedFactors(
  dataset: Dataset,
  table: RecomputedTable,
  library: Library,
  plan: FactorPlan,
): ImpliedFactor[] {
  const out: ImpliedFactor[] = [];
  const k = (metric: string) => metricToBase(dataset.catalogue, metric);
  const unitOf = (metric: string) => metricUnit(dataset.catalogue, metric)?.id ?? "?";
  const candidates = (kind: ImpliedKind, activity: string, metric: string, implied: Interval, value: Dec) =>
    candidatesFor(
      FACTOR_SOURCES[kind].choices(library, plan, activity, metricUnit(dataset.catalogue, metric)?.dimension),
      implied,
      value,
    );
  const inputs = { catalogue: dataset.catalogue, table, plan };
  const leaves = leafColumns(allColumns(dataset), dataset.tree);

  for (const facility of leaves) {
    for (const recipe of library.recipes) {
      const kind = impliedKind(recipe);
      if (!kind) continue;
      const target = lookup(table, facility, recipe.target);

      if (recipe.terms.length === 1 && recipe.plus.length === 0) {
        // one term (grid): target ÷ its quantity
        const only = recipe.terms[0]!;
        const q = lookup(table, facility, only.metric);
        if (!target && !q) continue;
        const item: ImpliedFactor = {
          facility,
          kind,
          activity: only.activity,
          value: null,
          interval: null,
          unit: `${unitOf(recipe.target)}/${unitOf(only.metric)}`,
          assumed: [],
          candidates: [],
          differsFrom: [],
        };
        if (!target || !q || q.interval.lo.lte(0))
          item.reason = !target
            ? message("phrase.implied.none-reported", { what: message(recipe.words.target) })
            : !q
              ? message("phrase.implied.none-reported", { what: message(recipe.words.quantity) })
              : message("phrase.implied.zero", { what: message(recipe.words.quantity) });
        else {
          item.value = target.value.times(k(recipe.target)).div(q.value.times(k(only.metric)));
          item.interval = divideIntervals(times(target.interval, k(recipe.target)), times(q.interval, k(only.metric)));
          item.candidates = candidates(kind, only.activity, only.metric, item.interval, item.value);
        }
        out.push(item);
        continue;
      }

      // several terms (fuels): the dominant one by energy at the library NCVs, the others assumed at the plan's factors
      const present = recipe.terms.flatMap((t) => {
        const q = lookup(table, facility, t.metric);
        return q && !q.value.isZero() ? [{ t, q }] : [];
      });
      if (present.length === 0) {
        // A target with nothing to divide by, and nothing added as it is to explain it: say so rather than stay silent.
        if (recipe.plus.length === 0 && target && !target.value.isZero()) {
          out.push({
            facility,
            kind,
            activity: recipe.words.quantityId,
            activityWord: recipe.words.quantity,
            value: null,
            interval: null,
            unit: "",
            assumed: [],
            candidates: [],
            differsFrom: [],
            reason: message("phrase.implied.no-quantity", {
              target: message(recipe.words.target),
              quantity: message(recipe.words.quantity),
            }),
          });
        }
        continue;
      }
      const energyOf = (x: (typeof present)[number]) => {
        const ncv = plan.ncv.get(x.t.activity);
        return ncv ? x.q.value.times(k(x.t.metric)).times(ncv.baseValue) : ZERO;
      };
      const dominant = present.reduce((a, b) => (energyOf(b).gt(energyOf(a)) ? b : a));
      if (!target) continue;

      // (target − figures added as they are − the other terms at the plan's factors) ÷ the dominant quantity
      const rest = runRecipe(
        { ...recipe, terms: present.filter((x) => x !== dominant).map((x) => x.t) },
        facility,
        inputs,
        { inBase: true },
      );
      const parts = [
        ...rest.plus.map((p) => ({ value: p.value.times(k(p.metric)), interval: times(p.interval, k(p.metric)) })),
        ...rest.terms,
      ];
      const restInterval = parts.reduce((s, p) => addIntervals(s, p.interval), pointInterval(ZERO));
      const restValue = parts.reduce((s, p) => s.plus(p.value), ZERO);
      const assumed = rest.terms.map((t) => {
        const ids = t.factors.map((f) => f.id);
        return {
          activity: recipe.terms.find((r) => r.metric === t.quantity.metric)!.activity,
          factors: recipe.byMethod ? [`${plan.method.id}: ${ids.join(" × ")}`] : ids,
        };
      });
      const qBase = times(dominant.q.interval, k(dominant.t.metric));
      const left = sub(times(target.interval, k(recipe.target)), restInterval);
      if (left.hi.lt(0)) {
        // What is added as it is and the other terms already exceed the target even at its largest: no factor of zero
        // or more gives it. Say so; an interval here would have its upper end below its lower one.
        out.push({
          facility,
          kind,
          activity: dominant.t.activity,
          value: null,
          interval: null,
          unit: `${unitOf(recipe.target)}/${unitOf(dominant.t.metric)}`,
          assumed,
          differsFrom: [],
          candidates: [],
          reason: message("phrase.implied.below-rest", {
            target: message(recipe.words.target),
            quantity: message(recipe.words.quantity),
          }),
        });
        continue;
      }
      const value = target.value
        .times(k(recipe.target))
        .minus(restValue)
        .div(dominant.q.value.times(k(dominant.t.metric)));
      const interval = left.lo.lt(0) ? { lo: ZERO, hi: left.hi.div(qBase.lo) } : divideIntervals(left, qBase);
      out.push({
        facility,
        kind,
        activity: dominant.t.activity,
        value,
        interval,
        unit: `${unitOf(recipe.target)}/${unitOf(dominant.t.metric)}`,
        assumed,
        differsFrom: [],
        candidates: candidates(kind, dominant.t.activity, dominant.t.metric, interval, value),
      });
    }
  }

  // Units whose implied factors for the same activity cannot be the same factor.
  for (const a of out) {
    if (!a.interval) continue;
    a.differsFrom = out
      .filter(
        (b) =>
          b !== a &&
          b.kind === a.kind &&
          b.activity === a.activity &&
          b.interval &&
          !intervalsOverlap(a.interval!, b.interval),
      )
      .map((b) => b.facility);
  }
  return out;
}
