// `esg-recalc factors`: the factor library as a table, CSV or JSON, filtered.
import Table from "cli-table3";
import type { Factor } from "../model/factors.js";
import type { Paint } from "./style.js";
import { factorRef } from "./json.js";
import { t, type RenderContext } from "./labels.js";
import type { MessageKey } from "../schema/ui.js";

export interface FactorFilter {
  kind?: string;
  activity?: string;
  region?: string;
  year?: string;
  attribution?: string;
}

export function filterFactors(factors: readonly Factor[], f: FactorFilter): Factor[] {
  return factors.filter(
    (x) =>
      (!f.kind || x.kind === f.kind) &&
      (!f.activity || x.activity === f.activity) &&
      (!f.region || x.region.toLowerCase() === f.region.toLowerCase()) &&
      (!f.year || String(x.year ?? "") === f.year) &&
      (!f.attribution || x.attribution === f.attribution),
  );
}

const COLUMNS = ["id", "kind", "activity", "value", "unit", "region", "year", "source", "attribution"] as const;

/**
 * The library as a table, its headers and words in the report's language (data/i18n/ui.json); ids, kinds and
 * activities stay as --kind and --activity take them, and the sources as they are cited.
 */
export function renderFactorsTable(factors: readonly Factor[], p: Paint, ctx: RenderContext): string {
  const t = new Table({
    head: COLUMNS.map((h) => p.bold(word(ctx, `factorsTable.${h}`))),
    colAligns: ["left", "left", "left", "right", "left", "left", "left", "left", "left"],
    style: { head: [], border: [], compact: true },
    wordWrap: true,
    colWidths: [null, null, null, null, null, null, null, 60, null],
  });
  for (const f of factors) {
    t.push([
      f.id,
      f.kind,
      f.activity,
      f.range ? `${f.value.text} (${f.range.low.text}–${f.range.high.text})` : f.value.text,
      f.unit,
      f.region,
      f.year ?? "",
      [f.document, f.issuer, f.date].filter(Boolean).join(", "),
      f.attribution === "confirmed"
        ? p.green(word(ctx, "factorsTable.confirmed"))
        : p.yellow(word(ctx, "factorsTable.uncertain")),
    ]);
  }
  const count =
    factors.length === 1
      ? word(ctx, "factorsTable.count.one")
      : word(ctx, "factorsTable.count").replace("{n}", String(factors.length));
  return `${t.toString()}\n${count}${word(ctx, "factorsTable.sources")}\n`;
}

const word = (ctx: RenderContext, key: `factorsTable.${string}`): string => t(ctx, key as MessageKey);

export function renderFactorsJson(factors: readonly Factor[]): string {
  return (
    JSON.stringify(
      {
        schemaVersion: 1,
        tool: "esg-recalc",
        factors: factors.map((f) => ({
          ...factorRef(f),
          kind: f.kind,
          activity: f.activity,
          region: f.region,
          year: f.year,
          issuer: f.issuer,
          date: f.date,
          note: f.note,
        })),
      },
      null,
      2,
    ) + "\n"
  );
}
