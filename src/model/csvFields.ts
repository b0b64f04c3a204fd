// Shared by the readers of the dataset's CSV files: header checking and the location of a field.
import { fieldColumn, type CsvRecord, type CsvTable } from "../io/csv.js";
import type { InputError } from "../findings/inputError.js";
import type { SourceRef } from "./types.js";

/** Maps header names to field indexes; reports unknown, duplicate and missing columns. */
export function readHeader(table: CsvTable, known: readonly string[], required: readonly string[], errors: InputError[]): Map<string, number> | null {
  const index = new Map<string, number>();
  let bad = false;
  table.header.fields.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    const { field: _field, ...where } = locate(table, table.header, i, raw);
    if (!known.includes(name)) {
      bad = true;
      errors.push({ code: "header-unknown", ...where, field: raw, message: `unknown column "${raw}"`, expected: known.join(", ") });
    } else if (index.has(name)) {
      bad = true;
      errors.push({ code: "header-duplicate", ...where, field: raw, message: `column "${raw}" appears twice` });
    } else index.set(name, i);
  });
  for (const r of required) {
    if (!index.has(r)) {
      bad = true;
      errors.push({ code: "header-missing", file: table.file, line: table.header.line, column: 1, excerpt: table.header.text, message: `required column "${r}" is missing`, expected: required.join(",") });
    }
  }
  return bad ? null : index;
}

export function locate(table: CsvTable, rec: CsvRecord, i: number, field: string) {
  const cell = table.sheet?.cell(rec.line, i);
  return { file: table.file, line: rec.line, column: fieldColumn(rec.text, i), ...(cell ? { cell } : {}), field, excerpt: rec.text };
}

/** Where a located field came from, for findings and audit trails; for a sheet with its cell and formula. */
export function sourceAt(table: CsvTable, where: { line: number; column?: number; cell?: string }): SourceRef {
  const formula = where.cell ? table.sheet?.formula(where.cell) : undefined;
  return { file: table.file, name: table.name, line: where.line, ...(where.column ? { column: where.column } : {}), ...(where.cell ? { cell: where.cell } : {}), ...(formula ? { formula } : {}) };
}

/** A named field of a record, by the header index readHeader returned: its text and its location. */
export function fieldOf(table: CsvTable, rec: CsvRecord, header: ReadonlyMap<string, number>, name: string): { text: string; where: ReturnType<typeof locate> } {
  const i = header.get(name);
  return i === undefined ? { text: "", where: locate(table, rec, 0, name) } : { text: rec.fields[i] ?? "", where: locate(table, rec, i, name) };
}
