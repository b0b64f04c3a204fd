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
  /** The table, or undefined with its errors collected for the one report of everything wrong. */
  const take = (r: Result<CsvTable>): CsvTable | undefined => (r.ok ? r.value : void errors.push(...r.errors));
  const published = take(readCsv(m.files.published, "published"));
  const entries = m.files.activity.map((e) => (typeof e === "string" ? { path: e, additive: false } : { path: e.path, additive: e.additive === true }));
  const fast = options.reader !== "reference" && m.encoding === "utf-8";
  const activityPath = (i: number) => ["activity", i, ...(typeof m.files.activity[i] === "string" ? [] : ["path"])];
  const activity = fast ? [] : entries.map((e, i) => take(readCsv(e.path, ...activityPath(i))));
  const activityReaders: ActivityReader[] = [];
  if (fast) {
    entries.forEach((e, i) => {
      const full = join(dir, e.path);
      if (!existsSync(full)) return void take(readCsv(e.path, ...activityPath(i))); // reports the missing file
      activityReaders.push({
        file: displayPath(full),
        name: e.path,
        additive: e.additive,
        scan: (plan, tables) => scanActivityFile(full, plan, options.onProgress, tables, options.twoThreadsFrom),
        table: () => readCsv(e.path, ...activityPath(i)),
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
