// Gases in their own masses (t CH4, kg N2O) into CO2e: the GWP set a dataset pins (factors.gwp, else the library's
// default) gives every "gwp" term of a derived metric its coefficient — the gas's 100-year GWP from the factor
// library — and each term keeps every set's GWP so that a published CO2e can be tested against the other sets
// (reconcile/causes.ts gwpSetCause). Pure: dataset and library in, a dataset with a resolved catalogue out.
import { fail, message, ok, type Message, type Result } from "../findings/inputError.js";
import type { Dec } from "./decimal.js";
import type { Library } from "./factorPlan.js";
import { factorById } from "./factors.js";
import { metricToBase } from "./units.js";
import type { Catalogue, Dataset, DerivedTerm, Metric } from "./types.js";

/** The dataset's GWP set: its pin, else the library's default; null when the library has no GWP sets. */
export function gwpSetOf(dataset: Dataset, library: Library): string | null {
  return dataset.factorPins?.gwp ?? library.rules.gwp?.default ?? null;
}

/**
 * Resolves the GWP terms of the dataset's derived metrics. A pin that names no set is an input error at the pin; a
 * gas the set has no GWP for (SAR: NF3; AR6: methane of unstated origin) leaves its term out of the sum, and
 * `gwpNotes` says so (nothing dropped silently).
 */
export function resolveGwp(dataset: Dataset, library: Library): Result<Dataset> {
  const rules = library.rules.gwp;
  const hasGwp = dataset.catalogue.metrics.some((m) => m.kind === "derived" && m.terms.some((t) => t.gwp));
  if (!rules || !hasGwp) return ok(dataset);
  const chosen = gwpSetOf(dataset, library)!;
  const set = rules.sets.find((s) => s.id === chosen);
  if (!set) {
    const where = dataset.pinLocations["factors.gwp"] ?? { file: "data/factors/recalculations.json" };
    return fail({
      code: "factor-unknown",
      ...where,
      found: chosen,
      message: `unknown GWP set "${chosen}"`,
      expected: rules.sets.map((s) => s.id).join(", "),
      say: {
        message: message("error.gwp-unknown", { chosen }),
        expected: message("error.list", { names: rules.sets.map((s) => s.id).join(", ") }),
      },
    });
  }
  const cat = dataset.catalogue;
  const notes: Message[] = [];
  const coefficientIn = (setFactors: Record<string, string>, gas: string, term: string, target: string) => {
    const id = setFactors[gas];
    const f = id ? factorById(library.factors, id) : undefined;
    if (!f) return { factor: id ?? null, coefficient: null };
    // GWP in base units (tCO2e per t of gas) × the gas metric's unit in base ÷ the target's unit in base
    return { factor: f.id, coefficient: f.baseValue.times(metricToBase(cat, term)).div(metricToBase(cat, target)) };
  };
  const metrics: Metric[] = cat.metrics.map((m) => {
    if (m.kind !== "derived" || !m.terms.some((t) => t.gwp)) return m;
    const terms: DerivedTerm[] = [];
    for (const t of m.terms) {
      if (!t.gwp) {
        terms.push(t);
        continue;
      }
      const gas = rules.gases[t.metric];
      if (!gas) {
        notes.push(message("phrase.note.gwp-no-gas", { metric: m.id, term: t.metric }));
        continue;
      }
      const bySet = rules.sets.map((s) => ({ set: s.id, ...coefficientIn(s.factors, gas, t.metric, m.id) }));
      const mine = bySet.find((b) => b.set === set.id)!;
      if (!mine.coefficient) {
        notes.push(message("phrase.note.gwp-set-missing", { set: set.id, gas, term: t.metric, metric: m.id }));
        continue;
      }
      terms.push({ metric: t.metric, coefficient: mine.coefficient, gwp: { gas, set: set.id, bySet } });
    }
    return { ...m, terms };
  });
  const catalogue: Catalogue = { ...cat, metrics };
  return ok({ ...dataset, catalogue, gwpNotes: notes });
}

/** A term's GWP under a set, or null when the set has none for its gas (or the term is no GWP term). */
export const gwpUnder = (t: DerivedTerm, set: string): Dec | null =>
  t.gwp?.bySet.find((b) => b.set === set)?.coefficient ?? null;
