// Reading the factor library (data/factors/) and a user's --factors files.
import { isAbsolute } from "node:path";
import { fileURLToPath } from "node:url";
import { failWith, ok, type InputError, type Result } from "../findings/inputError.js";
import { buildFactors } from "../model/factors.js";
import type { Library } from "../model/factorPlan.js";
import { buildRecipes } from "../model/recipes.js";
import type { Catalogue } from "../model/types.js";
import { RecalculationsFile } from "../schema/recalculation.js";
import { parseCsv } from "./csv.js";
import type { CsvTable } from "../model/source.js";
import { displayPath } from "./dataset.js";
import { validateJson } from "./json.js";
import { readText, type Encoding } from "./text.js";

const FACTORS = new URL("../../data/factors/", import.meta.url);

function readCsvFile(
  path: string,
  shown: string,
  errors: InputError[],
  encoding: Encoding = "utf-8",
): CsvTable | undefined {
  const text = readText(path, encoding, shown);
  if (!text.ok) return void errors.push(...text.errors);
  const table = parseCsv(text.value, shown);
  if (!table.ok) return void errors.push(...table.errors);
  return table.value;
}

/** The library's factors, then each user file's rows (which replace library rows of the same id). */
/** `datasetFiles.shown`: how messages name the dataset's files (as the dataset's folder was given); `userFiles` are named as given. */
export function loadLibrary(
  catalogue: Catalogue,
  userFiles: readonly string[] = [],
  datasetFiles: { paths: readonly string[]; shown?: readonly string[]; encoding: Encoding } = {
    paths: [],
    encoding: "utf-8",
  },
): Result<Library> {
  // A dataset without factor files of its own gets the library (and the run's --factors files) read once per
  // process and catalogue: a batch checks many datasets against the same library.
  if (datasetFiles.paths.length > 0) return readLibrary(catalogue, userFiles, datasetFiles);
  const key = userFiles.join("\u0000");
  let byFiles = libraries.get(catalogue);
  if (!byFiles) libraries.set(catalogue, (byFiles = new Map()));
  let library = byFiles.get(key);
  if (!library) byFiles.set(key, (library = readLibrary(catalogue, userFiles, datasetFiles)));
  return library;
}

const libraries = new WeakMap<Catalogue, Map<string, Result<Library>>>();

function readLibrary(
  catalogue: Catalogue,
  userFiles: readonly string[],
  datasetFiles: { paths: readonly string[]; shown?: readonly string[]; encoding: Encoding },
): Result<Library> {
  const errors: InputError[] = [];
  const tables = [
    readCsvFile(fileURLToPath(new URL("factors.csv", FACTORS)), "data/factors/factors.csv", errors),
    // The dataset's own files are in the dataset's encoding; --factors files are UTF-8.
    ...datasetFiles.paths.map((f, i) =>
      readCsvFile(f, datasetFiles.shown?.[i] ?? displayPath(f), errors, datasetFiles.encoding),
    ),
    ...userFiles.map((f) => readCsvFile(f, displayPath(f, isAbsolute(f)), errors)),
  ].filter((t): t is CsvTable => t !== undefined);
  const rulesText = readText(
    fileURLToPath(new URL("recalculations.json", FACTORS)),
    "utf-8",
    "data/factors/recalculations.json",
  );
  if (!rulesText.ok) errors.push(...rulesText.errors);
  const rules = rulesText.ok
    ? validateJson(rulesText.value, RecalculationsFile, "data/factors/recalculations.json", "catalogue-invalid")
    : null;
  if (rules && !rules.ok) errors.push(...rules.errors);
  if (errors.length || !rules?.ok) return failWith(errors);
  const factors = buildFactors(tables, catalogue);
  if (!factors.ok) return factors;
  return ok({ factors: factors.value, rules: rules.value.value, recipes: buildRecipes(rules.value.value) });
}
