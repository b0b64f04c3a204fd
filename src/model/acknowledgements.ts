// The acknowledged findings of a dataset (files.acknowledged, default acknowledged.csv): one row per finding a
// reviewer has judged, with what the finding said when it was judged. The comparison with today's findings is
// reconcile/acknowledge.ts; writing a new row is io/acknowledged.ts.
import { message, type InputError } from "../findings/inputError.js";
import { fieldOf, readHeader } from "./csvFields.js";
import type { CsvTable } from "./source.js";
import type { AckColumn, AckEntry, SourceRef } from "./types.js";

/** The acknowledged findings' file when the manifest names none. */
export const DEFAULT_ACKNOWLEDGED = "acknowledged.csv";

/** The file's columns, in the order `esg-recalc acknowledge` writes them. */
export const ACK_COLUMNS = [
  "metric",
  "column",
  "claim",
  "kind",
  "status",
  "published",
  "recomputed",
  "denominator",
  "factors",
  "materiality",
  "reason",
  "by",
  "at",
] as const satisfies readonly AckColumn[];
export type { AckColumn, AckEntry };

/** What a finding said, in the fields an acknowledgement records and compares (all text, as written). */
export type AckFingerprint = Pick<
  Record<AckColumn, string>,
  "status" | "published" | "recomputed" | "denominator" | "factors" | "materiality"
>;

export const ackKey = (e: Pick<AckEntry, "metric" | "column" | "claim" | "kind">): string =>
  e.claim ? `claim/${e.claim}` : `${e.metric}/${e.column}/${e.kind}`;

export function buildAcknowledgements(table: CsvTable, errors: InputError[]): AckEntry[] {
  const header = readHeader(table, ACK_COLUMNS, ["kind", "status", "reason", "by", "at"], errors);
  if (!header) return [];
  const out: AckEntry[] = [];
  for (const rec of table.records) {
    const field = (name: AckColumn) => fieldOf(table, rec, header, name);
    const values = Object.fromEntries(ACK_COLUMNS.map((c) => [c, field(c).text.trim()])) as Record<AckColumn, string>;
    const where = field("metric").where;
    const source: SourceRef = { file: table.file, name: table.name, line: rec.line };
    if (!values.claim && (!values.metric || !values.column)) {
      errors.push({
        code: "acknowledgement-invalid",
        ...where,
        message: "an acknowledgement names a metric and a column, or a claim",
        hint: 'write it with esg-recalc acknowledge METRIC --column C --by NAME --reason "…"',
        say: { message: message("error.ack.incomplete"), hint: message("error.ack.incomplete.hint") },
      });
      continue;
    }
    for (const required of ["reason", "by"] as const) {
      if (!values[required])
        errors.push({
          code: "acknowledgement-invalid",
          ...field(required).where,
          message: `an acknowledgement needs "${required}"`,
          hint: "every judgement says who made it and why",
          say: {
            message: message("error.ack.needs", { field: required }),
            hint: message("error.ack.needs.hint"),
          },
        });
    }
    if (!values.reason || !values.by) continue;
    const key = ackKey(values);
    const first = out.find((e) => e.key === key);
    if (first) {
      errors.push({
        code: "row-duplicate",
        ...where,
        message: `${key} is acknowledged twice; the first is at line ${first.source.line}`,
        say: { message: message("error.ack.twice", { key, line: String(first.source.line) }) },
      });
      continue;
    }
    out.push({ ...values, key, source });
  }
  return out;
}
