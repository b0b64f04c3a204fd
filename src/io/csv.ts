// CSV with a line number for every record. csv-parse does the parsing; we keep its strictness on
// (no relax_column_count: a short or long row is an error, not a silently padded record).
import { parse } from "csv-parse/sync";
import { fail, message as said, ok, type InputError, type Result } from "../findings/inputError.js";
import { fieldColumn, type CsvRecord, type CsvTable } from "../model/source.js";

interface CsvParseError extends Error {
  code?: string;
  lines?: number;
  record?: string[];
}

/** A line with nothing but spaces, tabs and commas: an empty line, or a spreadsheet's leftover row. Skipped. */
export const isBlankLine = (line: string): boolean => /^[ \t,]*$/.test(line);

/**
 * Parses decoded text (BOM already removed by `decode`, but tolerated here too). Blank lines (isBlankLine) are
 * skipped, in every file, as the streaming reader skips them.
 */
export function parseCsv(text: string, file: string, name = file): Result<CsvTable> {
  // CRLF → LF first, so that line counting is exact and a CR never ends up inside the last field.
  const original = text.replace(/\r\n?/g, "\n");
  const lines = original.split("\n");
  // Without a quote anywhere, CSV is lines and commas: split directly (a 200,000-site tree file would otherwise
  // cost csv-parse's per-record objects). Any row whose field count differs goes to csv-parse for its message.
  if (!original.includes('"')) {
    const plain = plainRecords(lines);
    if (plain) {
      const [header, ...rest] = plain;
      if (!header) return empty(file);
      return ok({ file, name, header, records: rest });
    }
  }
  // Blank lines outside quoted fields become empty ones, which csv-parse skips (line numbers stay).
  const normalised = blankOutsideQuotes(lines).join("\n");
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(normalised, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: false,
    }) as unknown as typeof parsed;
  } catch (err) {
    return fail(csvError(err as CsvParseError, normalised, lines, file));
  }
  const records: CsvRecord[] = parsed.map(({ record, info }) => {
    const newlinesInside = record.reduce((n, f) => n + (f.match(/\n/g)?.length ?? 0), 0);
    const line = info.lines - newlinesInside;
    return { line, fields: record, text: lines[line - 1] ?? "" };
  });
  const [header, ...rest] = records;
  if (!header) return empty(file);
  return ok({ file, name, header, records: rest });
}

/**
 * Would parseCsv read this text the plain way into a header and records? No quote anywhere, a non-blank line, and
 * every non-blank line (isBlankLine; lines end at LF, CRLF or a lone CR; a BOM before the first is dropped) as
 * many fields as the first. Checked without splitting the text.
 */
export function isPlainCsv(text: string): boolean {
  if (text.includes('"')) return false;
  let width = -1,
    fields = 1,
    blank = true;
  const n = text.length;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 10;
    if (c === 10 || c === 13) {
      if (!blank) {
        if (width < 0) width = fields;
        else if (fields !== width) return false;
      }
      if (c === 13 && i + 1 < n && text.charCodeAt(i + 1) === 10) i++;
      fields = 1;
      blank = true;
    } else if (c === 44) fields++;
    else if (c !== 32 && c !== 9) blank = false;
  }
  return width > 0;
}

/** Quote-free text split into records like csv-parse would (empty lines skipped); null when a row's width differs. */
function plainRecords(lines: string[]): CsvRecord[] | null {
  const out: CsvRecord[] = [];
  let width = -1;
  for (let i = 0; i < lines.length; i++) {
    const text = i === 0 ? lines[0]!.replace(/^\ufeff/, "") : lines[i]!;
    if (isBlankLine(text)) continue;
    const fields = text.split(",");
    if (width < 0) width = fields.length;
    else if (fields.length !== width) return null;
    out.push({ line: i + 1, fields, text: lines[i]! });
  }
  return out;
}

/** Lines with blank ones that start outside a quoted field emptied (a blank line inside a quoted field is text). */
function blankOutsideQuotes(lines: string[]): string[] {
  let inQuotes = false;
  return lines.map((line, i) => {
    const out = !inQuotes && isBlankLine(i === 0 ? line.replace(/^\ufeff/, "") : line) ? "" : line;
    for (let i = line.indexOf('"'); i >= 0; i = line.indexOf('"', i + 1)) inQuotes = !inQuotes;
    return out;
  });
}

function csvError(e: CsvParseError, text: string, lines: string[], file: string): InputError {
  const at = (line: number, column?: number): Partial<InputError> => ({
    line,
    ...(column ? { column } : {}),
    excerpt: lines[line - 1] ?? "",
  });
  if (e.code === "CSV_QUOTE_NOT_CLOSED") {
    // csv-parse notices at the end of the file; the user needs the line where the quote was opened.
    const open = unclosedQuote(text);
    return {
      code: "csv-syntax",
      file,
      ...at(open.line, open.column),
      message: "malformed CSV: this quote is never closed",
      hint: 'close the quoted field ("1,234.5"); a quote inside a quoted field is written twice ("")',
      say: { message: said("error.csv.unclosed-quote"), hint: said("error.csv.unclosed-quote.hint") },
    };
  }
  if (e.code === "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH" && e.lines !== undefined && e.record) {
    const got = e.record.length;
    // csv-parse takes the expected count from the first record and says it only in its message.
    const want = Number(/expect (\d+)/.exec(e.message ?? "")?.[1] ?? got);
    const line = e.lines;
    return {
      code: "csv-syntax",
      file,
      ...at(line, got > want ? fieldColumn(lines[line - 1] ?? "", want) : undefined),
      message: `malformed CSV: this row has ${got} field${got === 1 ? "" : "s"}, the header has ${want}`,
      hint:
        got > want
          ? 'quote a value that contains a comma ("5,811,622.0")'
          : "every row needs as many fields as the header; leave a field empty rather than out",
      say: {
        message: said(got === 1 ? "error.csv.fields.one" : "error.csv.fields", {
          got: String(got),
          want: String(want),
        }),
        hint: said(got > want ? "error.csv.fields.more" : "error.csv.fields.fewer"),
      },
    };
  }
  const why = (e.message ?? "").replace(/\s+(on|at) line \d+.*$/, "");
  const closing = e.code === "CSV_INVALID_CLOSING_QUOTE" ? why.match(/^Invalid Closing Quote: got "(.*)"$/) : null;
  return {
    code: "csv-syntax",
    file,
    ...(e.lines !== undefined ? at(e.lines) : {}),
    message: `malformed CSV: ${why}`,
    hint: "a field with a comma or quote must be wrapped in double quotes, and quotes inside it doubled",
    // the parser's own words (csv-parse) stay as it wrote them
    say: {
      message: closing ? said("error.csv.closing-quote", { got: closing[1]! }) : said("error.csv.syntax", { why }),
      hint: said("error.csv.syntax.hint"),
    },
  };
}

/** Where the quote that never closes was opened (quotes inside quoted fields are doubled). */
function unclosedQuote(text: string): { line: number; column: number } {
  let line = 1;
  let column = 0;
  let inQuotes = false;
  let opened = { line: 1, column: 1 };
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    column++;
    if (c === "\n") {
      line++;
      column = 0;
      continue;
    }
    if (c !== '"') continue;
    if (!inQuotes) {
      inQuotes = true;
      opened = { line, column };
    } else if (chars[i + 1] === '"') {
      i++;
      column++;
    } else inQuotes = false;
  }
  return opened;
}

/** A CSV file without even a header row. */
const empty = (file: string): Result<never> =>
  fail({
    code: "csv-syntax",
    file,
    line: 1,
    message: `${file} is empty: it needs a header row`,
    say: { message: said("error.csv.empty", { file }) },
  });
