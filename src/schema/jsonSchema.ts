// JSON Schema (draft 2020-12) of the report, generated from the zod definition so the two cannot disagree.
import { z } from "zod";
import { ReportJson } from "./report.js";

export function reportJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(ReportJson),
    title: "esg-recalc check --format json",
    description: "Report of esg-recalc check. Decimals are strings (never floats); findings are in the published table's order.",
  };
}
