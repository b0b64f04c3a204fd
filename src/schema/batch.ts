// The batch reports of `esg-recalc check DIR...`: --format json (one document) and --format jsonl (one line per
// dataset). Each dataset's report is the single-dataset report (report.ts); a dataset that could not be checked
// carries its input errors instead.
import { z } from "zod";
import { STATUSES } from "../findings/status.js";
import { ReportJson } from "./report.js";

export const ErrorJson = z.strictObject({
  code: z.string(),
  title: z.string(),
  message: z.string(),
  file: z.string().optional(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
  cell: z.string().optional(),
  field: z.string().optional(),
  found: z.string().optional(),
  expected: z.string().optional(),
  hint: z.string().optional(),
});

export const BatchEntryJson = z.strictObject({
  path: z.string().describe("the dataset folder as given (or found inside a folder given)"),
  verdict: z.enum(["pass", "fail", "error"]).describe("error: the dataset could not be checked (its input errors are listed)"),
  report: ReportJson.nullable().describe("the dataset's report, as --format json gives it for that dataset alone; null on error"),
  errors: z.array(ErrorJson).describe("the input errors that stopped the dataset (empty when it was checked)"),
});

const Status = z.enum(STATUSES as unknown as [string, ...string[]]);

export const BatchJson = z.strictObject({
  schemaVersion: z.literal(1),
  tool: z.literal("esg-recalc"),
  kind: z.literal("batch"),
  failOn: z.union([Status, z.literal("none")]),
  verdict: z.enum(["pass", "fail", "error"]).describe("error if any dataset could not be checked, else fail if any fails, else pass (the exit code: 2, 1, 0)"),
  counts: z.strictObject({ datasets: z.number().int().nonnegative(), pass: z.number().int().nonnegative(), fail: z.number().int().nonnegative(), error: z.number().int().nonnegative() }),
  datasets: z.array(BatchEntryJson).describe("in the order the datasets were checked: the arguments' order, a folder's datasets by name"),
});

/** One line of --format jsonl: a dataset's entry, with the batch-wide fields a streaming reader needs. */
export const BatchLineJson = z.strictObject({
  schemaVersion: z.literal(1),
  tool: z.literal("esg-recalc"),
  kind: z.literal("batch-entry"),
  index: z.number().int().nonnegative().describe("0-based position in the batch"),
  failOn: z.union([Status, z.literal("none")]),
  ...BatchEntryJson.shape,
});

export type BatchJson = z.infer<typeof BatchJson>;
export type BatchEntryJson = z.infer<typeof BatchEntryJson>;
export type BatchLineJson = z.infer<typeof BatchLineJson>;
