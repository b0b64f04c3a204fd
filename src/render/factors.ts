// `esg-recalc factors`: the factor library as a table, CSV or JSON, filtered.
import Table from "cli-table3";
import type { Factor } from "../model/factors.js";
import type { Paint } from "./style.js";
import { factorRef } from "./json.js";

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

export function renderFactorsTable(factors: readonly Factor[], p: Paint): string {
  const t = new Table({
    head: ["id", "kind", "activity", "value", "unit", "region", "year", "source", "attribution"].map((h) => p.bold(h)),
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
      f.attribution === "confirmed" ? p.green(f.attribution) : p.yellow(f.attribution),
    ]);
  }
  return `${t.toString()}\n${factors.length} factor${factors.length === 1 ? "" : "s"}; sources and what "uncertain" means: data/factors/README.md\n`;
}

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
