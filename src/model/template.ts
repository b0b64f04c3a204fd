// The files `esg-recalc init` writes: the manifest example (data/templates/manifest.json) plus a published-table
// template with one row per catalogue metric in the report's layout, and the activity files' headers. Pure.
import { kindOf } from "./metricKinds.js";
import { label } from "../schema/common.js";
import type { Manifest } from "../schema/manifest.js";
import { unitOf } from "./catalogue.js";
import { currencyMillion } from "./units.js";
import type { Catalogue, Lang } from "./types.js";

const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The template's tables as rows of fields: the published table (header first) and the activity files' header. */
export interface TemplateTables {
  published: string[][];
  activityHeader: string[];
  activityFiles: readonly string[];
}

export const ACTIVITY_FILES = ["energy", "emissions", "water", "waste"] as const;

export function templateTables(catalogue: Catalogue, manifest: Manifest, lang: Lang): TemplateTables {
  const columns = manifest.columns.map((c) => c.printed);
  const sectionOf = (id: string) => catalogue.sections.find((s) => s.id === id);
  const unitName = (id: string) => {
    const u = catalogue.units.find((x) => x.id === id);
    return u ? label(u.labels, lang) : id;
  };
  const denominatorUnit =
    manifest.denominators[0]?.unit ??
    currencyMillion(catalogue, manifest.currency)?.id ??
    `${manifest.currency}-million`;
  const rows = catalogue.metrics.map((m) => {
    const unit = kindOf(m).perDenominator
      ? `${unitName(unitOf(catalogue, m))}/${unitName(denominatorUnit)}`
      : unitName(unitOf(catalogue, m));
    // Intensities are printed in the total column only; the template marks the others "/".
    const cells = columns.map((_, i) => (kindOf(m).perDenominator && i < columns.length - 1 ? "/" : ""));
    return [label(sectionOf(m.section)?.labels ?? { en: "" }, lang), label(m.labels, lang), unit, ...cells];
  });
  return {
    published: [["section", "label", "unit", ...columns], ...rows],
    activityHeader: ["facility", "metric", "value", "unit", "source"],
    activityFiles: ACTIVITY_FILES,
  };
}

export function datasetTemplate(
  catalogue: Catalogue,
  manifestText: string,
  manifest: Manifest,
  lang: Lang,
): Record<string, string> {
  const tables = templateTables(catalogue, manifest, lang);
  const csv = (rows: string[][]) => rows.map((r) => r.map(quote).join(",")).join("\n") + "\n";
  return {
    "manifest.json": manifestText,
    "published.csv": csv(tables.published),
    ...Object.fromEntries(tables.activityFiles.map((f) => [`${f}.csv`, csv([tables.activityHeader])])),
  };
}

/** The template manifest for a reporting year: every "{{year}}" of data/templates/manifest.json replaced. */
export const templateForYear = (text: string, year: number): string => text.replaceAll("{{year}}", String(year));

/** What `init` says about the factor library for the year: the default grid factor, or that there is none. */
export function yearNote(
  year: number,
  grid: { id: string; document: string; date?: string } | null,
  covered: readonly string[],
): string {
  return grid
    ? `     For ${year} emissions the library's grid factor is ${grid.id} (${grid.document}${grid.date ? `, published ${grid.date}` : ""}).`
    : `     The library has no grid factor for ${year} emissions (it has ${covered.join(", ")}): scope 2 is not recalculated\n     until you pin one ("factors": { "grid": … }); energy and scope 1 are.`;
}

export function nextSteps(dir: string, workbook = false, year?: string): string {
  if (workbook) {
    return (
      [
        `Wrote a dataset template to ${dir}: manifest.json and dataset.xlsx (sheets published, energy, emissions, water, waste). Next:`,
        `  1. manifest.json: your company, report, period, reporting tree (one node per site, subtotals as parents),`,
        `     the published columns and the denominator (docs/dataset-format.md explains every field).`,
        `  2. the "published" sheet: type every number of the report's table as printed, with the number format that`,
        `     shows its printed decimals (Excel sets one when you type 8,871.70; or format the cells as Text); "/" for`,
        `     not applicable; delete the rows your report does not print; rename the column titles to those in the manifest.`,
        `  3. the activity sheets: one row per site and base metric (facility,metric,value,unit);`,
        `     esg-recalc validate ${dir} lists the metric ids if one is unknown.`,
        `  4. esg-recalc validate ${dir}   then   esg-recalc check ${dir}`,
        `  5. check also recalculates energy and emissions with library factors for your year; if the report used`,
        `     other factors, pin them in manifest.json ("factors", docs/dataset-format.md; esg-recalc factors lists them).`,
        ...(year ? [year] : []),
      ].join("\n") + "\n"
    );
  }
  return (
    [
      `Wrote a dataset template to ${dir}. Next:`,
      `  1. manifest.json: your company, report, period, reporting tree (one node per site, subtotals as parents),`,
      `     the published columns and the denominator (docs/dataset-format.md explains every field).`,
      `  2. published.csv: copy every number of the report's table as printed ("8,871.7", "/" for not applicable);`,
      `     delete the rows your report does not print; rename the column titles to those in the manifest.`,
      `  3. energy.csv, emissions.csv, water.csv, waste.csv: one row per site and base metric (facility,metric,value,unit);`,
      `     esg-recalc validate ${dir} lists the metric ids if one is unknown.`,
      `  4. esg-recalc validate ${dir}   then   esg-recalc check ${dir}`,
      `  5. check also recalculates energy and emissions with library factors for your year; if the report used`,
      `     other factors, pin them in manifest.json ("factors", docs/dataset-format.md; esg-recalc factors lists them).`,
      ...(year ? [year] : []),
    ].join("\n") + "\n"
  );
}
