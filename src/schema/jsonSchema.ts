// JSON Schema (draft 2020-12) of the report, generated from the zod definition so the two cannot disagree.
import { z } from "zod";
import { ReportJson } from "./report.js";
import { BatchJson, BatchLineJson } from "./batch.js";

export function reportJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(ReportJson),
    title: "esg-recalc check --format json",
    description: "Report of esg-recalc check. Decimals are strings (never floats); findings are in the published table's order.",
  };
}

export function batchJsonSchema(): Record<string, unknown> {
  return { ...z.toJSONSchema(BatchJson), title: "esg-recalc check DIR... --format json", description: "Report of esg-recalc check over several datasets: one document, each dataset's report as --format json gives it." };
}

export function batchLineJsonSchema(): Record<string, unknown> {
  return { ...z.toJSONSchema(BatchLineJson), title: "esg-recalc check DIR... --format jsonl (one line)", description: "One line of the JSON Lines batch report: one dataset's report, or its input errors." };
}
