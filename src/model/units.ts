// Exact unit conversion: every unit is a decimal ratio (a/b) of its dimension's base unit (data/catalogue/units.json).
// Ratios such as 1/3.6 (GJ → MWh) do not terminate in decimal; they are carried at the Decimal module's 40 digits.
import { kindOf } from "./metricKinds.js";
import { Dec } from "./decimal.js";
import { scaleInterval, type Interval } from "./interval.js";
import type { Catalogue, Unit } from "./types.js";
import { unitBySpelling } from "./catalogue.js";

export function unitById(catalogue: Catalogue, id: string): Unit | undefined {
  return catalogue.units.find((u) => u.id === id);
}

/** The unit a metric that is summed (base or derived) is measured in. */
export function metricUnit(catalogue: Catalogue, metricId: string): Unit | undefined {
  const m = catalogue.metrics.find((x) => x.id === metricId);
  return m && kindOf(m).summed ? unitById(catalogue, kindOf(m).unit(m, catalogue)) : undefined;
}

/** How many base units (m³, t, MWh, tCO2e) one unit of the metric is. */
export function metricToBase(catalogue: Catalogue, metricId: string): Dec {
  const u = metricUnit(catalogue, metricId);
  return u ? u.toBase.num.div(u.toBase.den) : new Dec(1);
}

/** The factor that turns a quantity in `from` into one in `to`; null when the dimensions differ. */
export function conversionFactor(from: Unit, to: Unit): Dec | null {
  if (from.dimension !== to.dimension) return null;
  // No exchange rate is ever guessed: NT$ and RMB are both currencies, and neither converts into the other.
  if (from.currency !== to.currency) return null;
  if (from.id === to.id) return new Dec(1);
  return from.toBase.num.times(to.toBase.den).div(from.toBase.den.times(to.toBase.num));
}

export function convertInterval(i: Interval, factor: Dec): Interval {
  return scaleInterval(i, factor);
}

/** Decimals to show a converted figure with: the printed decimals shifted by the factor's order of magnitude. */
export function convertedScale(scale: number, factor: Dec): number {
  return Math.max(0, scale - factor.e);
}

/** A value in base units (e.g. MWh per m³) expressed in a display unit such as "kJ/m3". */
export function inUnit(catalogue: Catalogue, base: Dec, unit: string): Dec | null {
  const [ofText = "", perText] = unit.split("/");
  const of = unitBySpelling(catalogue, ofText);
  const per = perText === undefined ? null : unitBySpelling(catalogue, perText);
  if (!of || (perText !== undefined && !per)) return null;
  const perK = per ? per.toBase.num.div(per.toBase.den) : 1;
  return base.times(perK).div(of.toBase.num.div(of.toBase.den));
}

/** A currency's unit of a million (its base: RMB-million, TWD-million), the unit a revenue is in unless declared. */
export function currencyMillion(catalogue: Catalogue, currency: string): Unit | undefined {
  return catalogue.units.find((u) => u.currency === currency && u.toBase.num.eq(u.toBase.den));
}
