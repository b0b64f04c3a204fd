// compute: the factors a unit's published figures imply — scope 2 ÷ purchased electricity; for fuels, scope 1
// and (direct energy − on-site solar) over the dominant fuel, with the library's factors assumed for the others.
// Intervals, because the figures are rounded; compared with every library factor of the same kind.
import { allColumns } from "../model/columns.js";
import { Dec, ZERO } from "../model/decimal.js";
import type { Factor } from "../model/factors.js";
import type { FactorPlan, Library } from "../model/factorPlan.js";
import { addIntervals, divideIntervals, intervalsOverlap, pointInterval, type Interval } from "../model/interval.js";
import type { Dataset } from "../model/types.js";
import { combustionFactors } from "./recalculate.js";
import { lookup, type RecomputedTable } from "./recompute.js";
import { leafColumns } from "../model/tree.js";
import { metricToBase, metricUnit } from "../model/units.js";

export type ImpliedKind = "grid" | "ncv" | "combustion";

export interface Candidate {
  /** A library factor, or a scope 1 method's combined factor for the fuel. */
  id: string;
  kind: "factor" | "method";
  factor?: Factor;
  /** In base units per base unit of activity. */
  base: Interval;
  baseValue: Dec;
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
  reason?: string;
}

const sub = (a: Interval, b: Interval): Interval => ({ lo: a.lo.minus(b.hi), hi: a.hi.minus(b.lo) });
const times = (a: Interval, k: Dec): Interval => ({ lo: a.lo.times(k), hi: a.hi.times(k) });

function candidatesFor(list: { id: string; kind: "factor" | "method"; factor?: Factor; base: Interval; baseValue: Dec }[], implied: Interval, value: Dec): Candidate[] {
  return list
    .map((c) => {
      const consistent = intervalsOverlap(c.base, implied);
      // Distance to the nearest end of a range the source gives; to the printed value otherwise.
      const ranged = c.factor?.range !== null && c.factor?.range !== undefined;
      const nearest = consistent ? value : !ranged ? c.baseValue : c.base.hi.lt(implied.lo) ? c.base.hi : c.base.lo.gt(implied.hi) ? c.base.lo : c.baseValue;
      return { ...c, consistent, relative: value.isZero() ? ZERO : nearest.minus(value).div(value) };
    })
    .sort((a, b) => Number(b.consistent) - Number(a.consistent) || a.relative.abs().comparedTo(b.relative.abs()));
}

export function impliedFactors(dataset: Dataset, table: RecomputedTable, library: Library, plan: FactorPlan): ImpliedFactor[] {
  const rules = library.rules;
  const out: ImpliedFactor[] = [];
  const base = (metric: string) => ({ k: metricToBase(dataset.catalogue, metric), unit: metricUnit(dataset.catalogue, metric)?.id ?? "?" });
  const leaves = leafColumns(allColumns(dataset), dataset.tree);
  const gridFactors = library.factors.filter((f) => f.kind === "grid");

  for (const facility of leaves) {
    // grid: scope 2 ÷ purchased electricity
    const s2 = lookup(table, facility, rules.scope2.metric);
    const el = lookup(table, facility, rules.electricity.metric);
    if (s2 || el) {
      const item: ImpliedFactor = { facility, kind: "grid", activity: rules.electricity.activity, value: null, interval: null, unit: "tCO2e/MWh", assumed: [], candidates: [], differsFrom: [] };
      if (!s2 || !el || el.interval.lo.lte(0)) item.reason = !s2 ? "no scope 2 reported" : !el ? "no purchased electricity reported" : "purchased electricity is zero";
      else {
        const num = times(s2.interval, base(rules.scope2.metric).k);
        const den = times(el.interval, base(rules.electricity.metric).k);
        item.value = s2.value.times(base(rules.scope2.metric).k).div(el.value.times(base(rules.electricity.metric).k));
        item.interval = divideIntervals(num, den);
        item.candidates = candidatesFor(gridFactors.map((f) => ({ id: f.id, kind: "factor" as const, factor: f, base: f.base, baseValue: f.baseValue })), item.interval, item.value);
      }
      out.push(item);
    }

    // fuels: the dominant one (by energy at the library NCVs), the others assumed at library factors
    const fuels = rules.fuels
      .map((f) => ({ ...f, q: lookup(table, facility, f.metric), ncv: plan.ncv.get(f.activity) }))
      .filter((f) => f.q && !f.q.value.isZero());
    if (fuels.length === 0) {
      // Emissions or fuel energy with no fuel to divide by: say so rather than stay silent.
      const s1 = lookup(table, facility, rules.scope1.metric);
      if (s1 && !s1.value.isZero()) out.push({ facility, kind: "combustion", activity: "fuel", value: null, interval: null, unit: "", assumed: [], candidates: [], differsFrom: [], reason: "scope 1 is reported but no fuel quantity (or only zero)" });
      continue;
    }
    const energyOf = (f: (typeof fuels)[number]) => (f.ncv ? f.q!.value.times(base(f.metric).k).times(f.ncv.baseValue) : ZERO);
    const dominant = fuels.reduce((a, b) => (energyOf(b).gt(energyOf(a)) ? b : a));
    const others = fuels.filter((f) => f !== dominant);
    const qBase = times(dominant.q!.interval, base(dominant.metric).k);
    const qValue = dominant.q!.value.times(base(dominant.metric).k);

    // NCV: (direct energy − on-site generation − other fuels × NCV) ÷ dominant fuel
    const direct = lookup(table, facility, rules.directEnergy.metric);
    if (direct && dominant.ncv) {
      const plus = rules.directEnergy.plus.map((m) => lookup(table, facility, m)).filter((r) => r !== undefined);
      let rest = plus.reduce((s, p) => addIntervals(s, times(p.interval, base(p.metric).k)), pointInterval(ZERO));
      let restValue = plus.reduce((s, p) => s.plus(p.value.times(base(p.metric).k)), ZERO);
      const assumed: ImpliedFactor["assumed"] = [];
      for (const o of others) {
        if (!o.ncv) continue;
        rest = addIntervals(rest, { lo: o.q!.interval.lo.times(base(o.metric).k).times(o.ncv.base.lo), hi: o.q!.interval.hi.times(base(o.metric).k).times(o.ncv.base.hi) });
        restValue = restValue.plus(o.q!.value.times(base(o.metric).k).times(o.ncv.baseValue));
        assumed.push({ activity: o.activity, factors: [o.ncv.id] });
      }
      const energy = sub(times(direct.interval, base(rules.directEnergy.metric).k), rest);
      const value = direct.value.times(base(rules.directEnergy.metric).k).minus(restValue).div(qValue);
      const interval = energy.lo.lt(0) ? { lo: ZERO, hi: energy.hi.div(qBase.lo) } : divideIntervals(energy, qBase);
      const dim = metricUnit(dataset.catalogue, dominant.metric)?.dimension;
      const ncvs = library.factors.filter((f) => f.kind === "ncv" && f.activity === dominant.activity && f.per?.dimension === dim);
      out.push({
        facility, kind: "ncv", activity: dominant.activity, value, interval, unit: `MWh/${base(dominant.metric).unit}`, assumed, differsFrom: [],
        candidates: candidatesFor(ncvs.map((f) => ({ id: f.id, kind: "factor" as const, factor: f, base: f.base, baseValue: f.baseValue })), interval, value),
      });
    }

    // combustion: (scope 1 − other fuels × method factors) ÷ dominant fuel
    const s1 = lookup(table, facility, rules.scope1.metric);
    if (s1) {
      const ghgK = base(rules.scope1.metric).k;
      const combined = (recipe: ReturnType<typeof plan.method.fuels.get>) => {
        if (!recipe) return null;
        const { factors, constants } = combustionFactors(recipe, plan);
        const value = [...factors.map((f) => f.baseValue), ...constants].reduce((a, b) => a.times(b), new Dec(1));
        const lo = [...factors.map((f) => f.base.lo), ...constants].reduce((a, b) => a.times(b), new Dec(1));
        const hi = [...factors.map((f) => f.base.hi), ...constants].reduce((a, b) => a.times(b), new Dec(1));
        return { value, base: { lo, hi }, ids: factors.map((f) => f.id) };
      };
      let rest = pointInterval(ZERO);
      let restValue = ZERO;
      const assumed: ImpliedFactor["assumed"] = [];
      for (const o of others) {
        const c = combined(plan.method.fuels.get(o.activity));
        if (!c) continue;
        const q = times(o.q!.interval, base(o.metric).k);
        rest = addIntervals(rest, { lo: q.lo.times(c.base.lo), hi: q.hi.times(c.base.hi) });
        restValue = restValue.plus(o.q!.value.times(base(o.metric).k).times(c.value));
        assumed.push({ activity: o.activity, factors: [`${plan.method.id}: ${c.ids.join(" × ")}`] });
      }
      const emissions = sub(times(s1.interval, ghgK), rest);
      const value = s1.value.times(ghgK).minus(restValue).div(qValue);
      const interval = emissions.lo.lt(0) ? { lo: ZERO, hi: emissions.hi.div(qBase.lo) } : divideIntervals(emissions, qBase);
      const methods = [plan.method, ...plan.alternatives].flatMap((m) => {
        const c = combined(m.fuels.get(dominant.activity));
        return c ? [{ id: m.id, kind: "method" as const, base: c.base, baseValue: c.value }] : [];
      });
      out.push({ facility, kind: "combustion", activity: dominant.activity, value, interval, unit: `tCO2e/${base(dominant.metric).unit}`, assumed, differsFrom: [], candidates: candidatesFor(methods, interval, value) });
    }
  }

  // Units whose implied factors for the same activity cannot be the same factor.
  for (const a of out) {
    if (!a.interval) continue;
    a.differsFrom = out.filter((b) => b !== a && b.kind === a.kind && b.activity === a.activity && b.interval && !intervalsOverlap(a.interval!, b.interval)).map((b) => b.facility);
  }
  return out;
}
