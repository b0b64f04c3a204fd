// Reading a dataset folder: manifest.json, then the CSV files it names, in the encoding it declares.
// Nothing is interpreted here beyond JSON/CSV syntax and the manifest schema; model/dataset.ts does the rest.
import { existsSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fail, ok, type InputError, type Result } from "../findings/inputError.js";
import { Manifest } from "../schema/manifest.js";
import { parseCsv, type CsvTable } from "./csv.js";
import { validateJson } from "./json.js";
import { pathKey, type Position } from "./jsonSource.js";
import { readText } from "./text.js";

export interface RawDataset {
  dir: string;
  manifest: Manifest;
  manifestFile: string;
  positions: Map<string, Position>;
  /** The manifest's lines, for error excerpts. */
  manifestLines: string[];
  published: CsvTable;
  activity: CsvTable[];
  claims: CsvTable | null;
}

/** How a file is named in messages: relative to the working directory when that is shorter. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith("../..") || rel === "" ? path : rel;
}

export function loadDataset(dir: string): Result<RawDataset> {
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
  const readCsv = (name: string, ...path: (string | number)[]): CsvTable | undefined => {
    const full = join(dir, name);
    const shown = displayPath(full);
    if (!existsSync(full)) {
      // Point at the manifest entry that names the file: that is where the fix goes.
      const p = manifest.value.positions.get(pathKey(["files", ...path]));
      return void errors.push({ code: "read-failed", file: manifestFile, ...(p ? { line: p.line, column: p.column, excerpt: manifestLines[p.line - 1] ?? "" } : {}), message: `files.${path.map((x) => (typeof x === "number" ? `[${x}]` : x)).join("").replace(".[", "[")} names "${name}", which does not exist (looked for ${shown})`, hint: "fix the name in the manifest or add the file" });
    }
    const decoded = readText(full, m.encoding, shown);
    if (!decoded.ok) return void errors.push(...decoded.errors);
    const table = parseCsv(decoded.value, shown, name);
    if (!table.ok) return void errors.push(...table.errors);
    return table.value;
  };
  const published = readCsv(m.files.published, "published");
  const activity = m.files.activity.map((name, i) => readCsv(name, "activity", i));
  const claims = m.files.claims ? readCsv(m.files.claims, "claims") : null;
  if (errors.length || !published) return fail(...errors);
  return ok({
    dir,
    manifest: m,
    manifestFile,
    positions: manifest.value.positions,
    manifestLines,
    published,
    activity: activity.filter((t): t is CsvTable => t !== undefined),
    claims: claims ?? null,
  });
}
