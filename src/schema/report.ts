// The JSON report: the contract CI jobs and other programs rely on. Defined once here; schema/report.schema.json
// is generated from it (npm run schema) and the tests validate every JSON report against that file.
import { z } from "zod";
import { STATUSES } from "../findings/finding.js";

const DecimalString = z.string().regex(/^-?\d+(\.\d+)?$/).describe("an exact decimal written as a string");
const IntervalJson = z.tuple([DecimalString, DecimalString]).describe("[lo, hi], closed");
const Status = z.enum(STATUSES);

export const FindingJson = z.strictObject({
  metric: z.string().describe("stable metric id from the catalogue, e.g. ghg.total or energy.intensity"),
  column: z.string().describe("stable column id = reporting-tree node, e.g. nanjing, manufacturing, total"),
  label: z.string().describe("the metric's label in the requested language"),
  unit: z.string(),
  kind: z.enum(["input", "sum", "identity", "intensity"]).describe("how the recomputed value was obtained"),
  status: Status,
  published: z.string().describe("the cell's text as printed"),
  publishedValue: DecimalString.nullable().describe("the printed number as a decimal; null for / or blank"),
  recomputed: DecimalString.nullable().describe("the recomputed value rounded half-up to the published precision; null when the data cannot produce it"),
  recomputedValue: DecimalString.nullable().describe("the recomputed value to 6 more decimals than published (exact for sums)"),
  difference: DecimalString.nullable().describe("recomputed − publishedValue"),
  publishedInterval: IntervalJson.nullable(),
  recomputedInterval: IntervalJson.nullable(),
  source: z.strictObject({ file: z.string(), line: z.number().int().positive(), column: z.number().int().positive().optional() }).describe("the published cell, relative to the dataset folder"),
  causes: z.array(z.strictObject({ code: z.string(), message: z.string() })),
});

export const ReportJson = z.strictObject({
  schemaVersion: z.literal(1),
  tool: z.literal("esg-recalc"),
  dataset: z.strictObject({ id: z.string(), company: z.string(), report: z.string(), period: z.string() }),
  denominator: z.strictObject({
    id: z.string(),
    label: z.string(),
    printed: z.string(),
    value: DecimalString,
    interval: IntervalJson,
    unit: z.string(),
    source: z.string(),
  }),
  failOn: z.union([Status, z.literal("none")]),
  verdict: z.enum(["pass", "fail"]),
  counts: z.strictObject(Object.fromEntries(STATUSES.map((s) => [s, z.number().int().nonnegative()])) as Record<(typeof STATUSES)[number], z.ZodNumber>),
  findings: z.array(FindingJson),
});
export type ReportJson = z.infer<typeof ReportJson>;
export type FindingJson = z.infer<typeof FindingJson>;
