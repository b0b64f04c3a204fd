// The whole check as one function a library user can call: load → validate → model → compute → reconcile.
// It returns values (a report or input errors); printing and exit codes belong to the CLI.
import { recompute, type RecomputedTable } from "./compute/recompute.js";
import { fail, ok, type Result } from "./findings/inputError.js";
import { loadDataset } from "./io/dataset.js";
import { EMBEDDED_DATASET, loadCatalogue } from "./io/reference.js";
import { buildDataset } from "./model/dataset.js";
import { chooseDenominator, type DenominatorChoice } from "./model/denominator.js";
import type { Dataset, Denominator } from "./model/types.js";
import { reconcile, type Reconciliation } from "./reconcile/reconcile.js";

export interface CheckResult extends Reconciliation {
  dataset: Dataset;
  denominator: Denominator;
  table: RecomputedTable;
}

export function openDataset(dir: string = EMBEDDED_DATASET): Result<Dataset> {
  const catalogue = loadCatalogue();
  if (!catalogue.ok) return catalogue;
  const raw = loadDataset(dir);
  if (!raw.ok) return raw;
  return buildDataset(raw.value, catalogue.value);
}

/** Pure once the dataset is in memory. */
export function checkDataset(dataset: Dataset, choice: DenominatorChoice = {}): Result<CheckResult> {
  const denominator = chooseDenominator(dataset, choice);
  if (!denominator.ok) return denominator;
  const table = recompute(dataset.catalogue, dataset.tree, dataset.activity, denominator.value);
  return ok({ dataset, denominator: denominator.value, table, ...reconcile(dataset, table) });
}

export function check(dir?: string, choice: DenominatorChoice = {}): Result<CheckResult> {
  const dataset = openDataset(dir);
  return dataset.ok ? checkDataset(dataset.value, choice) : fail(...dataset.errors);
}
