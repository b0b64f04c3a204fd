// The claims file of a dataset: each statement parsed, its metrics and nodes checked against the catalogue and tree.
import type { CsvTable } from "./source.js";
import { message, someOf, someOfSaid, type InputError } from "../findings/inputError.js";
import { metricById } from "./catalogue.js";
import { parseClaim, refsOf, type ClaimEntry } from "./claims.js";
import { closest } from "./fold.js";
import type { Catalogue, ReportingTree } from "./types.js";
import { fieldOf, readHeader } from "./csvFields.js";

export function buildClaims(
  table: CsvTable,
  tree: ReportingTree,
  catalogue: Catalogue,
  errors: InputError[],
  /** The dataset's period labels: metric@2022 names the root in 2022, metric@node@2022 a node. */
  periods: readonly string[] = [],
): ClaimEntry[] {
  const header = readHeader(table, ["id", "text", "expression", "reference"], ["id", "text", "expression"], errors);
  if (!header) return [];
  const out: ClaimEntry[] = [];
  for (const rec of table.records) {
    const field = (name: string) => fieldOf(table, rec, header, name);
    const id = field("id");
    const expr = field("expression");
    if (out.some((c) => c.id === id.text.trim())) {
      errors.push({
        code: "row-duplicate",
        ...id.where,
        message: `claim ${id.text} appears twice`,
        say: { message: message("error.claim.twice", { id: id.text }) },
      });
      continue;
    }
    const parsed = parseClaim(expr.text);
    // Columns inside the expression: the field's column plus the offset (quotes of a quoted field counted).
    const offset = (at: number) =>
      (expr.where.column ?? 1) + at + (rec.text.slice((expr.where.column ?? 1) - 1).startsWith('"') ? 1 : 0);
    if (!parsed.ok) {
      errors.push({
        code: "claim-invalid",
        ...expr.where,
        column: offset(parsed.at),
        found: expr.text,
        message: `claim ${id.text}: ${parsed.message}`,
        expected:
          "metric@node (or metric@node@period) and numbers joined by + - * / ( ), one comparison: > >= < <= = or ≈ (rounds to the figure printed on its right), e.g. water.recycled@hefei / (water.recycled@hefei + water.municipal@hefei) > 92%",
        say: {
          message: message("error.claim", { id: id.text, why: parsed.say }),
          expected: message("error.claim.expected"),
        },
      });
      continue;
    }
    let bad = false;
    for (const r of refsOf(parsed.claim.left).concat(refsOf(parsed.claim.right))) {
      const metric = metricById(catalogue, r.metric);
      if (!metric) {
        const near = closest(r.metric, catalogue.metrics, (m) => m.id).map((m) => m.id);
        errors.push({
          code: "metric-unknown",
          ...expr.where,
          column: offset(r.at),
          found: r.metric,
          message: `claim ${id.text}: unknown metric "${r.metric}"`,
          hint: `did you mean ${near.join(", ")}?`,
          say: {
            message: message("error.claim.metric-unknown", { id: id.text, found: r.metric }),
            hint: message("error.did-you-mean", { names: near.join(", ") }),
          },
        });
        bad = true;
      } else if (r.column !== null && r.period === null && !tree.nodes.has(r.column) && periods.includes(r.column)) {
        // metric@2022: the root in another period.
        r.period = r.column;
        r.column = null;
      } else if (r.column !== null && r.period === null && tree.nodes.has(r.column) && periods.includes(r.column)) {
        errors.push({
          code: "claim-invalid",
          ...expr.where,
          column: offset(r.at + r.metric.length + 1),
          found: r.column,
          message: `claim ${id.text}: "${r.column}" is both a node and a period`,
          hint: `write ${r.metric}@${r.column}@<period> for the node, or ${r.metric}@${tree.root}@${r.column} for the period`,
          say: {
            message: message("error.claim.node-and-period", { id: id.text, found: r.column }),
            hint: message("error.claim.node-and-period.hint", {
              node: `${r.metric}@${r.column}@<period>`,
              period: `${r.metric}@${tree.root}@${r.column}`,
            }),
          },
        });
        bad = true;
      } else if (r.period !== null && !periods.includes(r.period)) {
        errors.push({
          code: "period-unknown",
          ...expr.where,
          column: offset(r.at + r.metric.length + 1 + (r.column?.length ?? 0) + 1),
          found: r.period,
          message: `claim ${id.text}: "${r.period}" is not a period of the dataset`,
          expected: someOf([...periods]),
          say: {
            message: message("error.claim.period", { id: id.text, found: r.period }),
            expected: message("error.list", { names: someOfSaid([...periods]) }),
          },
        });
        bad = true;
      } else if (r.column !== null && !tree.nodes.has(r.column)) {
        errors.push({
          code: "facility-unknown",
          ...expr.where,
          column: offset(r.at + r.metric.length + 1),
          found: r.column,
          message: `claim ${id.text}: "${r.column}" is not a node of the reporting tree${periods.length > 1 ? " nor a period" : ""}`,
          expected: someOf([...tree.nodes.keys()]),
          say: {
            message: message(periods.length > 1 ? "error.claim.node.or-period" : "error.claim.node", {
              id: id.text,
              found: r.column,
            }),
            expected: message("error.list", { names: someOfSaid([...tree.nodes.keys()]) }),
          },
        });
        bad = true;
      }
    }
    if (bad) continue;
    const reference = field("reference").text;
    out.push({
      id: id.text.trim(),
      text: field("text").text,
      expression: expr.text,
      claim: parsed.claim,
      source: { file: table.file, name: table.name, line: rec.line },
      ...(reference ? { reference } : {}),
    });
  }
  return out;
}
