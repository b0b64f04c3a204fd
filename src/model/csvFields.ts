// Shared by the readers of the dataset's CSV files: header checking and the location of a field.
import { fieldColumn, type CsvRecord, type CsvTable } from "./source.js";
import { message, type InputError } from "../findings/inputError.js";
import type { SourceRef } from "./types.js";

/** Maps header names to field indexes; reports unknown, duplicate and missing columns. */
export function readHeader(
  table: CsvTable,
  known: readonly string[],
  required: readonly string[],
  errors: InputError[],
): Map<string, number> | null {
  const index = new Map<string, number>();
  let bad = false;
  table.header.fields.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    const { field: _field, ...where } = locate(table, table.header, i, raw);
    if (!known.includes(name)) {
      bad = true;
      errors.push({
        code: "header-unknown",
        ...where,
        field: raw,
        message: `unknown column "${raw}"`,
        expected: known.join(", "),
        say: {
          message: message("error.header-unknown", { found: raw }),
          expected: message("error.list", { names: known.join(", ") }),
        },
      });
    } else if (index.has(name)) {
      bad = true;
      errors.push({
        code: "header-duplicate",
        ...where,
        field: raw,
        message: `column "${raw}" appears twice`,
        say: { message: message("error.header-duplicate", { found: raw }) },
      });
    } else index.set(name, i);
  });
  for (const r of required) {
    if (!index.has(r)) {
      bad = true;
      errors.push({
        code: "header-missing",
        file: table.file,
        line: table.header.line,
        column: 1,
        excerpt: table.header.text,
        message: `required column "${r}" is missing`,
        expected: required.join(","),
        say: {
          message: message("error.header-missing", { name: r }),
          expected: message("error.list", { names: required.join(",") }),
        },
      });
    }
  }
  return bad ? null : index;
}

export function locate(table: CsvTable, rec: CsvRecord, i: number, field: string) {
  const cell = table.sheet?.cell(rec.line, i);
  return {
    file: table.file,
    line: rec.line,
    column: fieldColumn(rec.text, i),
    ...(cell ? { cell } : {}),
    field,
    excerpt: rec.text,
  };
}

/** Where a located field came from, for findings and audit trails; for a sheet with its cell and formula. */
export function sourceAt(table: CsvTable, where: { line: number; column?: number; cell?: string }): SourceRef {
  const formula = where.cell ? table.sheet?.formula(where.cell) : undefined;
  return {
    file: table.file,
    name: table.name,
    line: where.line,
    ...(where.column ? { column: where.column } : {}),
    ...(where.cell ? { cell: where.cell } : {}),
    ...(formula ? { formula } : {}),
  };
}

/** A named field of a record, by the header index readHeader returned: its text and its location. */
export function fieldOf(
  table: CsvTable,
  rec: CsvRecord,
  header: ReadonlyMap<string, number>,
  name: string,
): { text: string; where: ReturnType<typeof locate> } {
  const i = header.get(name);
  return i === undefined
    ? { text: "", where: locate(table, rec, 0, name) }
    : { text: rec.fields[i] ?? "", where: locate(table, rec, i, name) };
}

/** Was field `i` written in quotes? (Looked up on the record's first line, where single-line records have every field.) */
function quoted(rec: CsvRecord, i: number): boolean {
  return [...rec.text][fieldColumn(rec.text, i) - 1] === '"';
}

/**
 * `…,MWh,1,200.5,…`: an unquoted thousands separator splits one figure into a value of one to three digits and a
 * next field that is a group of three (maybe with decimals). When that next field is free text, the row still has
 * the header's width and would be read as 1 — so the pattern is refused, located at the value. A next field that
 * really is a three-digit text is written in quotes.
 */
export function splitThousands(table: CsvTable, rec: CsvRecord, i: number, field: string): InputError | null {
  const value = rec.fields[i];
  const next = rec.fields[i + 1];
  if (
    value === undefined ||
    next === undefined ||
    !/^-?\d{1,3}$/.test(value) ||
    !/^\d{3}(\.\d+)?$/.test(next) ||
    quoted(rec, i) ||
    quoted(rec, i + 1)
  )
    return null;
  return {
    code: "value-not-a-number",
    ...locate(table, rec, i, field),
    found: `${value},${next}`,
    message: `${value},${next} looks like one figure split by an unquoted thousands separator: the value would be read as ${value}`,
    expected: 'a figure with thousands separators in quotes, e.g. "1,200.5"',
    hint: `quote the figure: "${value},${next}" (if ${next} really is the next field's text, quote that field)`,
    say: {
      message: message("error.unquoted-thousands", { figure: `${value},${next}`, value }),
      expected: message("error.unquoted-thousands.expected"),
      hint: message("error.unquoted-thousands.hint", { figure: `${value},${next}`, next }),
    },
  };
}
