// The files `esg-recalc init` writes: the manifest example (data/templates/manifest.json) plus a published-table
// template with one row per catalogue metric in the report's layout, and the activity files' headers. Pure.
import { kindOf } from "./metricKinds.js";
import { label } from "../schema/common.js";
import type { Manifest } from "../schema/manifest.js";
import { unitOf } from "./catalogue.js";
import { currencyMillion } from "./units.js";
import type { Catalogue, Lang } from "./types.js";
import { message, type Message } from "../findings/inputError.js";

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
): Message {
  return grid
    ? grid.date
      ? message("phrase.init.year.grid.dated", {
          year: String(year),
          id: grid.id,
          document: grid.document,
          date: grid.date,
        })
      : message("phrase.init.year.grid", { year: String(year), id: grid.id, document: grid.document })
    : message("phrase.init.year.none", { year: String(year), covered: covered.join(", ") });
}

/** What to do next, after init wrote the template (the words in data/i18n/causes.json, init.*). */
export function nextSteps(dir: string, workbook = false, year?: Message): Message {
  return message(
    year
      ? workbook
        ? "phrase.init.next.xlsx.year"
        : "phrase.init.next.year"
      : workbook
        ? "phrase.init.next.xlsx"
        : "phrase.init.next",
    {
      dir,
      ...(year ? { year } : {}),
    },
  );
}
