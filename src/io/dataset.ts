// Reading a dataset folder: manifest.json, then the CSV files it names, in the encoding it declares.
// Nothing is interpreted here beyond JSON/CSV syntax and the manifest schema; model/dataset.ts does the rest.
import { existsSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fail, ok, type InputError, type Result } from "../findings/inputError.js";
import { Manifest } from "../schema/manifest.js";
import { parseCsv, type CsvTable } from "./csv.js";
import { scanActivityFile, type ScanProgress } from "./activityScan.js";
import type { ScanPlan, ScannedActivity, ScanTables } from "../model/activityPlan.js";
import { validateJson } from "./json.js";
import { pathKey, type Position } from "./jsonSource.js";
import { readText } from "./text.js";
import { isWorkbookPath, readSheetTable, type SheetRole, type WorkbookCache } from "./xlsx.js";

export interface ActivityReader {
  file: string;
  name: string;
  additive: boolean;
  scan(plan: ScanPlan, tables?: ScanTables): ScannedActivity | null;
  table(): Result<CsvTable>;
}

export interface LoadOptions {
  /** "reference": every activity row through csv-parse (the slow path the fast one is checked against). */
  reader?: "fast" | "reference";
  onProgress?: ScanProgress;
  /** Activity files from this size on are read by two threads (Infinity: always one). */
  twoThreadsFrom?: number;
}

export interface RawDataset {
  dir: string;
  manifest: Manifest;
  manifestFile: string;
  positions: Map<string, Position>;
  /** The manifest's lines, for error excerpts. */
  manifestLines: string[];
  published: CsvTable;
  activity: CsvTable[];
  /** Per activity file: may rows for the same facility, metric and month add up (several meters)? */
  additive?: boolean[];
  /**
   * Instead of `activity`: the files, to be read by the streaming reader (scan) or, when it declines, the
   * reference way (table). The model calls them; only this module touches the files.
   */
  activityReaders?: ActivityReader[];
  /** files.tree: more tree nodes (id,parent,label), for trees too big for the manifest. */
  tree?: CsvTable | null;
  claims: CsvTable | null;
}

/** How a file is named in messages: relative to the working directory when that is shorter. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith("../..") || rel === "" ? path : rel;
}

export function loadDataset(dir: string, options: LoadOptions = {}): Result<RawDataset> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    return fail({ code: "read-failed", file: displayPath(dir), message: `${displayPath(dir)} is not a dataset folder`, hint: "give the folder that holds manifest.json, or no argument for the embedded NIO 2021 dataset" });
  }
  const manifestPath = join(dir, "manifest.json");
  const manifestFile = displayPath(manifestPath);
  const text = readText(manifestPath, "utf-8", manifestFile);
  if (!text.ok) return text;
  const manifest = validateJson(text.value, Manifest, manifestFile, "manifest-invalid");
  if (!manifest.ok) return manifest;
  const m = manifest.value.value;

  const errors: InputError[] = [];
  const manifestLines = text.value.replace(/^\ufeff/, "").split(/\r?\n/);
  const readCsv = (name: string, ...path: (string | number)[]): Result<CsvTable> => {
    const full = join(dir, name);
    const shown = displayPath(full);
    if (!existsSync(full)) {
      // Point at the manifest entry that names the file: that is where the fix goes.
      const p = manifest.value.positions.get(pathKey(["files", ...path]));
      return fail({ code: "read-failed", file: manifestFile, ...(p ? { line: p.line, column: p.column, excerpt: manifestLines[p.line - 1] ?? "" } : {}), message: `files.${path.map((x) => (typeof x === "number" ? `[${x}]` : x)).join("").replace(".[", "[")} names "${name}", which does not exist (looked for ${shown})`, hint: "fix the name in the manifest or add the file" });
    }
    const decoded = readText(full, m.encoding, shown);
    return decoded.ok ? parseCsv(decoded.value, shown, name) : decoded;
  };
  const workbooks: WorkbookCache = new Map();
  /** A table named by a `files` entry: a CSV file, or a sheet of an .xlsx workbook ({path, sheet, range}). */
  const readTable = (entry: string | { path: string; sheet?: string | undefined; range?: string | undefined }, role: SheetRole, ...path: (string | number)[]): Result<CsvTable> => {
    const name = typeof entry === "string" ? entry : entry.path;
    const at = typeof entry === "string" ? path : [...path, "path"];
    const manifestAt = (key: string) => {
      const p = manifest.value.positions.get(pathKey(["files", ...path, ...(typeof entry === "string" ? [] : [key])]));
      return { file: manifestFile, ...(p ? { line: p.line, column: p.column, excerpt: manifestLines[p.line - 1] ?? "" } : {}) };
    };
    const place = typeof entry === "string" ? {} : { ...(entry.sheet !== undefined ? { sheet: entry.sheet } : {}), ...(entry.range !== undefined ? { range: entry.range } : {}) };
    if (!isWorkbookPath(name)) {
      if (Object.keys(place).length) return fail({ code: "manifest-invalid", ...manifestAt(place.sheet !== undefined ? "sheet" : "range"), message: `"sheet" and "range" apply to an .xlsx workbook; ${name} is not one` });
      return readCsv(name, ...at);
    }
    const full = join(dir, name);
    if (!existsSync(full)) return readCsv(name, ...at); // reports the missing file at its manifest entry
    return readSheetTable({ path: full, shown: displayPath(full), name, ...place, role }, manifestAt, workbooks);
  };
  /** The table, or undefined with its errors collected for the one report of everything wrong. */
  const take = (r: Result<CsvTable>): CsvTable | undefined => (r.ok ? r.value : void errors.push(...r.errors));
  const published = take(readTable(m.files.published, "published", "published"));
  const entries = m.files.activity.map((e) => (typeof e === "string" ? { path: e, additive: false, entry: e } : { path: e.path, additive: e.additive === true, entry: e }));
  const fast = options.reader !== "reference" && m.encoding === "utf-8";
  const activity = fast ? [] : entries.map((e, i) => take(readTable(e.entry, "activity", "activity", i)));
  const activityReaders: ActivityReader[] = [];
  if (fast) {
    entries.forEach((e, i) => {
      const full = join(dir, e.path);
      if (!existsSync(full)) return void take(readTable(e.entry, "activity", "activity", i)); // reports the missing file
      const workbook = isWorkbookPath(e.path);
      activityReaders.push({
        file: displayPath(full),
        name: e.path,
        additive: e.additive,
        // A workbook's sheet is read whole (the streaming reader is for CSV): declining makes every file read that way.
        scan: workbook ? () => null : (plan, tables) => scanActivityFile(full, plan, options.onProgress, tables, options.twoThreadsFrom),
        table: () => readTable(e.entry, "activity", "activity", i),
      });
    });
  }
  const tree = m.files.tree ? take(readCsv(m.files.tree, "tree")) : null;
  const claims = m.files.claims ? take(readCsv(m.files.claims, "claims")) : null;
  if (errors.length || !published) return fail(...errors);
  return ok({
    dir,
    manifest: m,
    manifestFile,
    positions: manifest.value.positions,
    manifestLines,
    published,
    activity: activity.filter((t): t is CsvTable => t !== undefined),
    additive: entries.map((e) => e.additive),
    ...(fast ? { activityReaders } : {}),
    tree: tree ?? null,
    claims: claims ?? null,
  });
}
