// The datasets of `esg-recalc check DIR...`: each folder given is a dataset (it holds manifest.json) or a folder of
// datasets (its subfolders that hold one, by name). The order is the arguments', and a folder's datasets sorted by
// name (code point order), so a run's order never depends on the file system.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

export const isDatasetFolder = (dir: string): boolean => existsSync(join(dir, "manifest.json"));

/** The dataset subfolders of `dir` (those holding manifest.json), sorted by name; [] when it is not a folder. */
export function datasetsIn(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && isDatasetFolder(join(dir, d.name)))
    .map((d) => d.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => join(dir, name));
}

/**
 * The datasets the arguments name, in order. A folder that is neither a dataset nor holds any is kept as it is:
 * checking it reports why (not a dataset folder), for that entry alone.
 */
export function expandDatasets(args: readonly string[]): string[] {
  return args.flatMap((a) => {
    if (isDatasetFolder(a)) return [a];
    const inside = datasetsIn(a);
    return inside.length ? inside : [a];
  });
}

/** Is this a batch run? Several folders, or one folder of datasets (not itself a dataset). */
export function isBatch(args: readonly string[]): boolean {
  return args.length > 1 || (args.length === 1 && !isDatasetFolder(args[0]!) && datasetsIn(args[0]!).length > 0);
}
