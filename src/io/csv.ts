// CSV with a line number for every record. csv-parse does the parsing; we keep its strictness on
// (no relax_column_count: a short or long row is an error, not a silently padded record).
import { parse } from "csv-parse/sync";
import { fail, ok, type InputError, type Result } from "../findings/inputError.js";

export interface CsvRecord {
  /** 1-based line where the record starts. */
  line: number;
  fields: string[];
  /** The record's first source line, for error excerpts. */
  text: string;
}

export interface CsvTable {
  /** The file as named in messages (relative to the working directory). */
  file: string;
  /** The file relative to its dataset folder: stable across machines, used in JSON output. */
  name: string;
  header: CsvRecord;
  records: CsvRecord[];
}

interface CsvParseError extends Error {
  code?: string;
  lines?: number;
  column?: number;
}

/** Parses decoded text (BOM already removed by `decode`, but tolerated here too). Empty lines are skipped. */
export function parseCsv(text: string, file: string, name = file): Result<CsvTable> {
  // CRLF → LF first, so that line counting is exact and a CR never ends up inside the last field.
  const normalised = text.replace(/\r\n?/g, "\n");
  const lines = normalised.split("\n");
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(normalised, { bom: true, info: true, skip_empty_lines: true, relax_column_count: false }) as unknown as typeof parsed;
  } catch (err) {
    const e = err as CsvParseError;
    const line = e.lines ?? undefined;
    const error: InputError = {
      code: "csv-syntax",
      file,
      message: csvMessage(e),
      hint: e.code === "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH"
        ? "every row needs as many fields as the header; quote a value that contains a comma (\"5,811,622.0\")"
        : "check the quotes on this line: a field with a comma or quote must be wrapped in double quotes, and quotes inside doubled",
    };
    if (line !== undefined) {
      error.line = line;
      error.excerpt = lines[line - 1] ?? "";
    }
    return fail(error);
  }
  const records: CsvRecord[] = parsed.map(({ record, info }) => {
    const newlinesInside = record.reduce((n, f) => n + (f.match(/\n/g)?.length ?? 0), 0);
    const line = info.lines - newlinesInside;
    return { line, fields: record, text: lines[line - 1] ?? "" };
  });
  const [header, ...rest] = records;
  if (!header) return fail({ code: "csv-syntax", file, line: 1, message: `${file} is empty: it needs a header row` });
  return ok({ file, name, header, records: rest });
}

function csvMessage(e: CsvParseError): string {
  // csv-parse messages end with "on line N"/"at line N"; the location is printed separately, so trim it.
  const text = (e.message ?? "malformed CSV").replace(/\s+(on|at) line \d+.*$/, "");
  return `malformed CSV: ${text}`;
}

/** 1-based character column where field `index` starts in a record's first line (quotes respected). */
export function fieldColumn(text: string, index: number): number {
  let field = 0;
  let inQuotes = false;
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    if (field === index) return i + 1;
    const c = chars[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (c === "," && !inQuotes) field++;
  }
  return chars.length + 1;
}
