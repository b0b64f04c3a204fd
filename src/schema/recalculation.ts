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
