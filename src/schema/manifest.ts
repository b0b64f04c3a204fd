// manifest.json of a dataset folder. Documented field by field in docs/dataset-format.md.
import { z } from "zod";
import { DecimalText, Id, Labels, Lang } from "./common.js";
import { FactorPins } from "./recalculation.js";
import { MetricEntry, SectionEntry } from "./catalogue.js";

export const Manifest = z.strictObject({
  $schema: z.string().optional(),
  formatVersion: z.literal(1),
  description: z.string().optional(),
  id: Id,
  company: Labels,
  report: z.strictObject({
    title: Labels,
    language: Lang,
    table: z.string().optional(),
    source: z.string().optional(),
  }),
  period: z.strictObject({
    label: z.string().min(1),
    start: z.iso.date(),
    end: z.iso.date(),
  }),
  currency: z.string().regex(/^[A-Z]{3}$/, "ISO 4217 code, e.g. CNY"),
  encoding: z.enum(["utf-8", "gb18030"]).default("utf-8"),
  tree: z
    .array(
      z.strictObject({
        id: Id,
        parent: Id.optional(),
        labels: Labels,
        description: z.string().optional(),
      }),
    )
    .min(1),
  columns: z.array(z.strictObject({ printed: z.string().min(1), node: Id })).min(1),
  denominators: z
    .array(
      z.strictObject({
        id: Id,
        default: z.boolean().optional(),
        labels: Labels,
        printed: z.string().min(1),
        value: z.string().optional(),
        multiplier: DecimalText.optional(),
        unit: z.string().min(1),
        source: z.strictObject({
          document: z.string().min(1),
          issuer: z.string().optional(),
          date: z.string().optional(),
          quote: z.string().optional(),
          url: z.string().optional(),
        }),
        description: z.string().optional(),
      }),
    )
    .default([]),
  files: z.strictObject({
    published: z.string().min(1),
    activity: z.array(z.string().min(1)).min(1),
    /** The dataset's own factor files (same columns as data/factors/factors.csv), added to the library. */
    factors: z.array(z.string().min(1)).optional(),
    /** Statements the report makes in prose, as comparisons over metrics (docs/dataset-format.md). */
    claims: z.string().min(1).optional(),
  }),
  /** Metrics (and sections) this dataset adds to the built-in catalogue, in the catalogue's own format. */
  sections: z.array(SectionEntry).optional(),
  metrics: z.array(MetricEntry).optional(),
  /** Factors this dataset's report used, pinned by id (data/factors/factors.csv or a --factors file). */
  factors: FactorPins.optional(),
  footnotes: z
    .array(z.strictObject({ marker: z.string(), text: Labels }))
    .default([]),
});
export type Manifest = z.infer<typeof Manifest>;
