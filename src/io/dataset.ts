// Reading a dataset folder: manifest.json, then the CSV files it names, in the encoding it declares.
// Nothing is interpreted here beyond JSON/CSV syntax and the manifest schema; model/dataset.ts does the rest.
import { existsSync, realpathSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { fail, failWith, message, ok, type InputError, type Message, type Result } from "../findings/inputError.js";
import { Manifest } from "../schema/manifest.js";
import { isPlainCsv, parseCsv } from "./csv.js";
import { scanActivityFile, type ScanProgress } from "./activityScan.js";
import {
  manifestAt,
  type ActivityReader,
  type CsvTable,
  type ManifestText,
  type PlainCsv,
  type RawDataset,
} from "../model/source.js";
import { validateJson } from "./json.js";
import { checkDecodes, kindOf, kindSaid, readText } from "./text.js";
import { isWorkbookPath, readSheetTable, type SheetRole, type WorkbookCache } from "./xlsx.js";
import { EMBEDDED_DATASET } from "./reference.js";
import { DEFAULT_ACKNOWLEDGED } from "../model/acknowledgements.js";

export interface LoadOptions {
  /** "reference": every activity row through csv-parse (the slow path the fast one is checked against). */
  reader?: "fast" | "reference";
  onProgress?: ScanProgress;
  /** Activity files from this size on are read by two threads (Infinity: always one). */
  twoThreadsFrom?: number;
  /** false: do not read the acknowledged findings (--no-acknowledged). */
  acknowledged?: boolean;
}

/**
 * Where the acknowledged findings of a dataset are (or would be written): files.acknowledged, else acknowledged.csv,
 * inside the folder. `named`: the manifest names it (then it must exist to be read).
 */
export function acknowledgedPath(
  dir: string,
  manifestFiles: { acknowledged?: string | undefined },
): { name: string; full: string; named: boolean } {
  const name = manifestFiles.acknowledged ?? DEFAULT_ACKNOWLEDGED;
  return { name, full: resolve(dir, name), named: manifestFiles.acknowledged !== undefined };
}

/**
 * How a file is named in messages: relative to the working directory when that is shorter, or exactly as the user
 * wrote it (`asGiven`: a path typed absolutely stays absolute, as the user will look for it).
 */
export function displayPath(path: string, asGiven = false): string {
  if (asGiven) return path;
  const rel = relative(process.cwd(), path);
  return rel.startsWith("../..") || rel === "" ? path : rel;
}

/** Is `path` the folder `dir` or inside it? (Both absolute and normalised.) */
export function inside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === "" || (!isAbsolute(rel) && rel.split(sep)[0] !== "..");
}

export function loadDataset(dir: string, options: LoadOptions = {}): Result<RawDataset> {
  // A folder the user named by an absolute path keeps it in every message; the embedded one is named relative.
  const show = (path: string) => displayPath(path, isAbsolute(dir) && dir !== EMBEDDED_DATASET);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    return fail({
      code: "read-failed",
      file: show(dir),
      message: `${show(dir)} is not a dataset folder`,
      hint: "give the folder that holds manifest.json, or no argument for the embedded NIO 2021 dataset",
      say: {
        message: message("error.not-a-dataset", { dir: show(dir) }),
        hint: message("error.not-a-dataset.hint"),
      },
    });
  }
  const manifestPath = join(dir, "manifest.json");
  const manifestFile = show(manifestPath);
  const text = readText(manifestPath, "utf-8", manifestFile);
  if (!text.ok) return text;
  const manifest = validateJson(text.value, Manifest, manifestFile, "manifest-invalid");
  if (!manifest.ok) return manifest;
  const m = manifest.value.value;
  const manifestText: ManifestText = {
    file: manifestFile,
    positions: manifest.value.positions,
    lines: text.value.replace(/^\ufeff/, "").split(/\r?\n/),
  };
  const realDir = realpathSync(dir);
  // Paths of manifest entries are under "files", except the files of more published tables ("tables[i].file").
  const fullPath = (path: (string | number)[]): (string | number)[] =>
    path[0] === "tables" ? path : ["files", ...path];

  /**
   * The full path of a file the manifest names, checked before anything is read: inside the dataset folder (also
   * after following symbolic links), present, and a regular file. Errors point at the manifest entry.
   */
  const locateFile = (name: string, ...path: (string | number)[]): Result<string> => {
    const at = manifestAt(manifestText, fullPath(path));
    const entry = fullPath(path)
      .map((x, i) => (typeof x === "number" ? `[${x}]` : i === 0 ? x : `.${x}`))
      .join("");
    const outside = (how: string, howSaid: Message) =>
      fail<string>({
        code: "path-outside-dataset",
        ...at,
        found: name,
        message: `${entry} names "${name}", ${how}: files named in the manifest are read only from inside the dataset folder`,
        hint: "copy the file into the dataset folder and name it relative to it; a factor file shared by several datasets can be given with --factors FILE",
        say: {
          message: message("error.path-outside", { entry, name, how: howSaid }),
          hint: message("error.path-outside.hint"),
        },
      });
    if (isAbsolute(name)) return outside("an absolute path", message("error.path-outside.absolute"));
    const full = resolve(dir, name);
    if (!inside(resolve(dir), full))
      return outside("a path that leads out of the dataset folder", message("error.path-outside.dotdot"));
    if (!existsSync(full)) {
      return fail({
        code: "read-failed",
        ...at,
        message: `${entry} names "${name}", which does not exist (looked for ${show(full)})`,
        hint: "fix the name in the manifest or add the file",
        say: {
          message: message("error.file-missing", { entry, name, path: show(full) }),
          hint: message("error.file-missing.hint"),
        },
      });
    }
    const real = realpathSync(full);
    if (!inside(realDir, real))
      return outside(
        `which leads through a symbolic link to ${real}, outside the dataset folder`,
        message("error.path-outside.symlink", { target: real }),
      );
    const stat = statSync(real);
    const kind = stat.isFile() ? null : kindOf(stat);
    if (kind)
      return fail({
        code: "read-failed",
        ...at,
        message: `${entry} names "${name}", which is ${kind}, not a regular file`,
        hint: "name a regular file (a folder, a named pipe or a device is never read)",
        say: {
          message: message("error.file-not-regular", { entry, name, kind: kindSaid(stat) }),
          hint: message("error.not-regular.hint"),
        },
      });
    return ok(full);
  };
  const readCsv = (full: string, name: string): Result<CsvTable> => {
    const shown = show(full);
    const decoded = readText(full, m.encoding, shown);
    return decoded.ok ? parseCsv(decoded.value, shown, name) : decoded;
  };
  const readNamed = (name: string, ...path: (string | number)[]): Result<CsvTable> => {
    const full = locateFile(name, ...path);
    return full.ok ? readCsv(full.value, name) : full;
  };
  const workbooks: WorkbookCache = new Map();
  type Entry = string | { path: string; sheet?: string | undefined; range?: string | undefined };
  /** A sheet's place in its workbook ({path, sheet, range}); a CSV entry has none. */
  const placeOf = (entry: Entry) =>
    typeof entry === "string"
      ? {}
      : {
          ...(entry.sheet !== undefined ? { sheet: entry.sheet } : {}),
          ...(entry.range !== undefined ? { range: entry.range } : {}),
        };
  /** A table named by a `files` entry (already located): a CSV file, or a sheet of an .xlsx workbook. */
  const readLocated = (full: string, entry: Entry, role: SheetRole, ...path: (string | number)[]): Result<CsvTable> => {
    const name = typeof entry === "string" ? entry : entry.path;
    const entryAt = (key: string) =>
      manifestAt(manifestText, [...fullPath(path), ...(typeof entry === "string" ? [] : [key])]);
    const place = placeOf(entry);
    if (!isWorkbookPath(name)) {
      if (Object.keys(place).length)
        return fail({
          code: "manifest-invalid",
          ...entryAt(place.sheet !== undefined ? "sheet" : "range"),
          message: `"sheet" and "range" apply to an .xlsx workbook; ${name} is not one`,
          say: { message: message("error.sheet-not-workbook", { name }) },
        });
      return readCsv(full, name);
    }
    return readSheetTable({ path: full, shown: show(full), name, ...place, role }, entryAt, workbooks);
  };
  const readTable = (entry: Entry, role: SheetRole, ...path: (string | number)[]): Result<CsvTable> => {
    const full = locateFile(
      typeof entry === "string" ? entry : entry.path,
      ...(typeof entry === "string" ? path : [...path, "path"]),
    );
    return full.ok ? readLocated(full.value, entry, role, ...path) : full;
  };

  // Errors in the order of the manifest's files: published, activity, tree, claims, factors.
  const errors = { published: [] as InputError[], activity: [] as InputError[], rest: [] as InputError[] };
  const take = <T>(r: Result<T>, into: InputError[]): T | undefined => (r.ok ? r.value : void into.push(...r.errors));
  const published = take(readTable(m.files.published, "published", "published"), errors.published);
  const extraTables = (m.tables ?? []).map((t, i) => ({
    id: t.id,
    table: take(readTable(t.file, "published", "tables", i, "file"), errors.published),
  }));
  const entries = m.files.activity.map((e) =>
    typeof e === "string"
      ? { path: e, additive: false, entry: e }
      : { path: e.path, additive: e.additive === true, entry: e },
  );
  const activityPath = (i: number) => ["activity", i, ...(typeof m.files.activity[i] === "string" ? [] : ["path"])];
  // Both readers see the activity files the same way: named and checked here, read when the model asks (the
  // streaming reader first unless the reference one is asked for or the encoding is not UTF-8).
  const fast = options.reader !== "reference" && m.encoding === "utf-8";
  const activityReaders: ActivityReader[] = [];
  entries.forEach((e, i) => {
    const full = locateFile(e.path, ...activityPath(i));
    if (!full.ok) return void errors.activity.push(...full.errors);
    // A workbook's sheet is read whole (the streaming reader is for CSV): declining makes every file read that way.
    const workbook = isWorkbookPath(e.path);
    activityReaders.push({
      file: show(full.value),
      name: e.path,
      additive: e.additive,
      scan:
        fast && !workbook
          ? (plan, tables) => scanActivityFile(full.value, plan, options.onProgress, tables, options.twoThreadsFrom)
          : () => null,
      table: () => readLocated(full.value, e.entry, "activity", "activity", i),
      path: full.value,
      workbook,
    });
  });
  // The tree file: kept as its text when plain (the model reads its rows without a record each).
  const readTreeFile = (name: string): Result<CsvTable | PlainCsv> => {
    const full = locateFile(name, "tree");
    if (!full.ok) return full;
    const shown = show(full.value);
    const decoded = readText(full.value, m.encoding, shown);
    if (!decoded.ok) return decoded;
    const text = decoded.value;
    if (!isPlainCsv(text)) return parseCsv(text, shown, name);
    const table = (): CsvTable => {
      const parsed = parseCsv(text, shown, name);
      if (!parsed.ok) throw new Error(`${shown}: a plain CSV text did not parse`); // isPlainCsv rules this out
      return parsed.value;
    };
    return ok({ file: shown, name, text, table });
  };
  const tree = m.files.tree ? take(readTreeFile(m.files.tree), errors.rest) : null;
  const claims = m.files.claims ? take(readNamed(m.files.claims, "claims"), errors.rest) : null;
  // Acknowledged findings: the file the manifest names (it must exist), else acknowledged.csv if there is one.
  const ack = acknowledgedPath(dir, m.files);
  const acknowledged =
    options.acknowledged === false
      ? null
      : ack.named || existsSync(ack.full)
        ? take(readNamed(ack.name, "acknowledged"), errors.rest)
        : null;
  const factorFiles: string[] = [];
  (m.files.factors ?? []).forEach((f, i) => {
    const full = locateFile(f, "factors", i);
    if (full.ok) factorFiles.push(full.value);
    else errors.rest.push(...full.errors);
  });
  if (
    errors.published.length ||
    errors.activity.length ||
    errors.rest.length ||
    !published ||
    extraTables.some((t) => !t.table)
  ) {
    // Loading stops here; still say which activity files do not decode (every file's, as far as it can be told
    // without the model), so that a whole dataset in an undeclared encoding is reported at once.
    for (const r of activityReaders) {
      if (r.workbook) continue; // a workbook's text is checked when its sheet is read
      const decodes = checkDecodes(r.path, m.encoding, r.file);
      if (!decodes.ok) errors.activity.push(...decodes.errors);
    }
    return failWith([...errors.published, ...errors.activity, ...errors.rest]);
  }
  return ok({
    dir,
    manifest: m,
    manifestText,
    published,
    tables: extraTables.map((t) => ({ id: t.id, table: t.table! })),
    activityReaders,
    tree: tree ?? null,
    claims: claims ?? null,
    acknowledged: acknowledged ?? null,
    factorFiles,
    factorFilesShown: factorFiles.map(show),
  });
}
