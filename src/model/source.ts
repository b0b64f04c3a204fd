// What the load layer (src/io) hands to the model: tables of text with their locations, the manifest with the
// position of every value, and readers for the activity files. Declared here, where it is consumed, so that io
// depends on the model and never the other way round.
import type { Result } from "../findings/inputError.js";
import type { Manifest } from "../schema/manifest.js";
import type { ExactSums } from "./exactSum.js";
import type { PeriodRange } from "./periods.js";

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
  /** Set when the table is a workbook sheet (io/xlsx.ts): record lines are its row numbers. */
  sheet?: SheetOrigin;
}

/** Where each field of a sheet's table is, and the formula behind it. */
export interface SheetOrigin {
  /** The A1 reference of field `index` of the record at `line`. */
  cell(line: number, index: number): string;
  /** The formula of a cell ("C12") of the table, "=SUM(C5:D5)", when it has one. */
  formula(cell: string): string | undefined;
  /** Does field `index` of the record at `line` hold a stored number (its text the tool's own, 1,234.5)? */
  numeric?(line: number, index: number): boolean;
}

/** 1-based character column where field `index` starts in a record's first line (quotes respected). */
export function fieldColumn(text: string, index: number): number {
  let field = 0;
  let inQuotes = false;
  let column = 1;
  // Code points, counted without spreading the line into an array (a line may be a megabyte long).
  for (const c of text) {
    if (field === index) return column;
    if (c === '"') inQuotes = !inQuotes;
    else if (c === "," && !inQuotes) field++;
    column++;
  }
  return column;
}

export interface Position {
  line: number;
  column: number;
}

/** Path key as zod reports it: ["tree", 2, "parent"] → "tree.2.parent". */
export const pathKey = (path: readonly PropertyKey[]): string => path.map(String).join(".");

/** The manifest as read: the file's name in messages, where each value stands, and its lines for excerpts. */
export interface ManifestText {
  file: string;
  positions: ReadonlyMap<string, Position>;
  lines: readonly string[];
}

/** Where the manifest value at `path` stands, for an error that points at it (the file alone if it has no position). */
export function manifestAt(
  text: ManifestText,
  path: readonly (string | number)[],
): { file: string; line?: number; column?: number; excerpt?: string } {
  const p = text.positions.get(pathKey(path));
  return { file: text.file, ...(p ? { line: p.line, column: p.column, excerpt: text.lines[p.line - 1] ?? "" } : {}) };
}

// --- the streaming reader's contract -------------------------------------------------------------------------

export interface ScanColumns {
  facility: number;
  /** -1: no period column (every row is for the report's own period). */
  period: number;
  metric: number;
  value: number;
  unit: number;
  count: number;
}

/** The name rules the streaming reader applies (model/activityPlan.ts builds them, io/activityScan.ts calls them). */
export interface ScanPlan {
  leaves: number;
  /** The leaves' ids, by index: `facility` gives index i for exactly leafIds[i]. */
  leafIds: readonly string[];
  periods: number;
  metrics: number;
  additive: boolean;
  /** The dataset's number format for this reader (numberReading.ts scanNumbers): 0 1,234.5, 1 undeclared, 2 another. */
  numbers: 0 | 1 | 2;
  /** Per metric index: may its values be negative? */
  nonNegative: Uint8Array;
  columns(header: string[]): ScanColumns | null;
  facility(text: string): number;
  /** period × 32 + slot (a month, or WHOLE_PERIOD), or -1. */
  period(text: string): number;
  metric(text: string): number;
  unit(text: string, metric: number): number;
}

/** What the streaming reader found: one slot per facility, period, metric (and the unit its rows use). */
export interface ScannedActivity {
  sums: ExactSums;
  slots: number;
  leaf: Int32Array;
  /** Indexes into the plan's periods, the catalogue's metrics and its units (16 bits: the scan declines more). */
  period: Uint16Array;
  metric: Uint16Array;
  unit: Uint16Array;
  /** The first row of each slot: line, column of its value, and whether the value was written with separators. */
  line: Int32Array;
  column: Int32Array;
  grouped: Uint8Array;
  /** Months seen per slot (bit 31: a whole-period row). */
  seen: Int32Array;
  rows: number;
  /** Lines read, empty ones included (for numbering the lines of a following byte range). */
  lines: number;
}

/**
 * Everything the name rules need, as plain data (so that a second thread can apply them too): the leaves, the
 * periods, which metric ids this file may hold, each unit's spellings and which units convert to each metric's.
 */
export interface ScanTables {
  leafIds: string[];
  periods: PeriodRange[];
  metricIds: string[];
  /** Per metric index: a base metric this file may hold. */
  allowed: boolean[];
  nonNegative: number[];
  unitSpellings: string[][];
  /** convertible[metric][unit]: a row of the metric may be written in the unit. */
  convertible: boolean[][];
  radicals: Record<string, string>;
  additive: boolean;
  /** As ScanPlan.numbers. */
  numbers: 0 | 1 | 2;
}

/** One activity file: read by the streaming reader (scan) or, when that declines, the reference way (table). */
export interface ActivityReader {
  file: string;
  name: string;
  /** The full path, checked to be a regular file inside the dataset folder. */
  path: string;
  additive: boolean;
  /** An .xlsx sheet: always read whole, never streamed. */
  workbook?: boolean;
  /** The file's slots: one list, or one per byte range read by a thread of its own (no key in two); null: declined. */
  scan(plan: ScanPlan, tables?: ScanTables): ScannedActivity[] | null;
  table(): Result<CsvTable>;
}

/**
 * A CSV file without a quote whose non-blank rows all have the header's width, kept as its decoded text: a tree
 * of 200,000 sites is then read without a record per row. `table()` gives the records parseCsv gives (the same
 * text parsed; it cannot fail), for the messages of a file with a mistake in it.
 */
export interface PlainCsv {
  file: string;
  name: string;
  text: string;
  table(): CsvTable;
}

/** A dataset folder as read: the manifest and every file it names, uninterpreted beyond CSV and JSON syntax. */
export interface RawDataset {
  dir: string;
  manifest: Manifest;
  manifestText: ManifestText;
  published: CsvTable;
  /** More published tables (manifest "tables", issue 14), by id, in the manifest's order. */
  tables?: { id: string; table: CsvTable }[];
  /** The activity files, read when the model asks (it knows the names the streaming reader must resolve). */
  activityReaders: ActivityReader[];
  /**
   * files.tree: more tree nodes (id,parent,label), for trees too big for the manifest; a plain file is kept as its
   * text (PlainCsv). buildDataset sets it to null once read.
   */
  tree: CsvTable | PlainCsv | null;
  claims: CsvTable | null;
  /** files.acknowledged (or acknowledged.csv when present); null: none, or not asked for. */
  acknowledged: CsvTable | null;
  /** files.factors, as full paths checked like every file the manifest names. */
  factorFiles: string[];
  /** The same files as messages name them. */
  factorFilesShown?: string[];
}
