// data/factors/recalculations.json and the `factors` block a dataset's manifest may pin.
import { z } from "zod";
import { Ratio } from "./catalogue.js";
import { DecimalText, Id, Labels } from "./common.js";

const FactorId = z.string().min(1);

export const MethodEntry = z.strictObject({
  id: Id,
  labels: Labels,
  note: z.string().optional(),
  fuels: z.record(
    z.string(),
    z.union([
      z.strictObject({ ncv: FactorId, co2: FactorId }),
      z.strictObject({ ncv: FactorId, carbon: FactorId, oxidation: FactorId }),
    ]),
  ),
});
export type MethodEntry = z.infer<typeof MethodEntry>;

/** What a dataset may pin; every field falls back to the library's defaults. */
export const FactorPins = z.strictObject({
  description: z.string().optional(),
  ncv: z.record(z.string(), FactorId).optional(),
  scope1Method: Id.optional(),
  grid: FactorId.optional(),
  gridByFacility: z.record(z.string(), FactorId).optional(),
  materiality: DecimalText.optional(),
  /**
   * Market-based scope 2: the factor for electricity not covered by contractual instruments (a residual mix or the
   * supplier's factor, kind residual_mix or supplier), for every unit or per unit; and each instrument's own factor,
   * by instrument (certificates, green_power, ppa). Without residualMix the rest is taken at the grid factor.
   */
  residualMix: FactorId.optional(),
  residualMixByFacility: z.record(z.string(), FactorId).optional(),
  instruments: z.record(z.string(), FactorId).optional(),
  /** The set of GWPs gases in their own masses are converted to CO2e with (SAR, AR4, AR5, AR6). */
  gwp: z.string().min(1).optional(),
});
export type FactorPins = z.infer<typeof FactorPins>;

export const RecalculationsFile = z.strictObject({
  description: z.string().optional(),
  co2PerCarbon: z.strictObject({ ratio: Ratio, source: z.string().min(1) }),
  fuels: z.array(z.strictObject({ activity: z.string(), metric: Id })).min(1),
  electricity: z.strictObject({ activity: z.string(), metric: Id }),
  directEnergy: z.strictObject({ metric: Id, plus: z.array(Id) }),
  scope1: z.strictObject({ metric: Id, total: Id }),
  scope2: z.strictObject({ metric: Id, total: Id }),
  /**
   * Market-based scope 2 = Σ instrument MWh × its own factor + (purchased electricity − Σ instrument MWh) × the
   * residual-mix (or supplier) factor; `instruments`: the activity metrics of electricity covered by each kind.
   */
  scope2Market: z
    .strictObject({
      metric: Id,
      total: Id,
      instruments: z.array(z.strictObject({ activity: z.string(), metric: Id })).min(1),
      source: z.string().min(1),
    })
    .optional(),
  /** Gases in their own masses: which gas each metric is, the GWP sets (gas → factor id) and the default set. */
  gwp: z
    .strictObject({
      description: z.string().optional(),
      default: z.string().min(1),
      gases: z.record(Id, z.string().regex(/^[a-z][a-z0-9_]*$/)),
      sets: z.array(z.strictObject({ id: z.string().min(1), labels: Labels, factors: z.record(z.string(), FactorId) })).min(1),
    })
    .optional(),
  water: z.strictObject({ supply: Id, discharge: Id }),
  methods: z.array(MethodEntry).min(1),
  /** Units implied factors are shown in, by "<kind>.<activity>" (computed in base units). */
  display: z.record(z.string(), z.string()),
  defaults: z.strictObject({
    ncv: z.record(z.string(), FactorId),
    scope1Method: Id,
    grid: z.record(z.string().regex(/^\d{4}$/), FactorId),
    materiality: DecimalText,
  }),
});
export type RecalculationsFile = z.infer<typeof RecalculationsFile>;
