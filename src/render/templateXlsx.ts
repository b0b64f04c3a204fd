// `esg-recalc init --xlsx`: the same template as the CSV files, as one workbook — a "published" sheet in the report's
// layout and one sheet per activity file with its header — and the manifest pointing at those sheets. Pure.
import type { TemplateTables } from "../model/template.js";
import { writeWorkbook, type CellSpec } from "../xlsx/write.js";

export const TEMPLATE_WORKBOOK = "dataset.xlsx";

/** The template manifest's `files` block, as data/templates/manifest.json writes it. */
const CSV_FILES =
  /"files": \{\s*"published": "published\.csv",\s*"activity": \["energy\.csv", "emissions\.csv", "water\.csv", "waste\.csv"\]\s*\}/;

export function workbookTemplate(tables: TemplateTables, manifestText: string): Record<string, string | Uint8Array> {
  if (!CSV_FILES.test(manifestText))
    throw new Error("data/templates/manifest.json: its files block changed; update render/templateXlsx.ts");
  const sheet = (name: string) => `{ "path": "${TEMPLATE_WORKBOOK}", "sheet": "${name}" }`;
  const files = `"files": {\n    "published": ${sheet("published")},\n    "activity": [\n      ${tables.activityFiles.map(sheet).join(",\n      ")}\n    ]\n  }`;
  const text = (v: string, header: boolean): CellSpec | undefined =>
    v === "" ? undefined : { type: "string", value: v, ...(header ? { style: 1 } : {}) };
  const rows = (table: string[][]) => table.map((r, i) => r.map((v) => text(v, i === 0)));
  const width = (n: number, first: number[]) =>
    Object.fromEntries([...Array(n)].map((_, i) => [i + 1, first[i] ?? 16]));
  const bytes = writeWorkbook({
    styles: [{}, { bold: true }],
    sheets: [
      {
        name: "published",
        rows: rows(tables.published),
        freezeBelow: 2,
        widths: width(tables.published[0]!.length, [24, 34, 18]),
      },
      ...tables.activityFiles.map((f) => ({
        name: f,
        rows: rows([tables.activityHeader]),
        freezeBelow: 2,
        widths: width(tables.activityHeader.length, [16, 34, 14, 10, 40]),
      })),
    ],
  });
  return { "manifest.json": manifestText.replace(CSV_FILES, files), [TEMPLATE_WORKBOOK]: bytes };
}
