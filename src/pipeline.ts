// The whole check as one function a library user can call: load → validate → model → compute → reconcile.
// It returns values (a report or input errors); printing and exit codes belong to the CLI.
import { recomputePeriods } from "./compute/recompute.js";
import { ALL_GROUPS, countStatuses, type CheckGroups, type CheckResult } from "./findings/checkResult.js";
import { fail, failWith, message, ok, type Result } from "./findings/inputError.js";
import { loadDataset, type LoadOptions } from "./io/dataset.js";
import { loadLibrary } from "./io/factors.js";
import { EMBEDDED_DATASET, loadCatalogue, loadCurrencies } from "./io/reference.js";
import { currencyCodes } from "./model/currencies.js";
import { cellPosition, publishedRows } from "./model/columns.js";
import { buildDataset } from "./model/dataset.js";
import type { Dec } from "./model/decimal.js";
import { chooseDenominator, denominatorAt, denominatorsInForce, type DenominatorChoice } from "./model/denominator.js";
import { planFactors, type Library } from "./model/factorPlan.js";
import { resolveGwp } from "./model/gwp.js";
import { manifestAt } from "./model/source.js";
import { REVENUE, type Dataset } from "./model/types.js";
import { impliedOnce, runChecks } from "./reconcile/checks.js";
import { applyAcknowledgements } from "./reconcile/acknowledge.js";
import { NO_ACKNOWLEDGEMENTS } from "./findings/acknowledgement.js";

export { ALL_GROUPS, failed, type CheckGroups, type CheckResult } from "./findings/checkResult.js";

export interface CheckOptions extends DenominatorChoice {
  groups?: CheckGroups;
  /** Accept a table that prints no numbers (validate, while the table is being filled in). */
  allowBlankTable?: boolean;
  materiality?: Dec;
  /** false: ignore the dataset's acknowledged findings (--no-acknowledged). */
  acknowledged?: boolean;
}

export interface Opened {
  dataset: Dataset;
  library: Library;
}

export function openDataset(
  dir: string = EMBEDDED_DATASET,
  factorFiles: readonly string[] = [],
  load: LoadOptions = {},
): Result<Opened> {
  const raw = loadDataset(dir, load);
  if (!raw.ok) return raw;
  const m = raw.value.manifest;
  const locate = (kind: "metrics" | "sections" | "aliases" | "units", i: number) =>
    manifestAt(raw.value.manifestText, [kind, i]);
  const extended = m.metrics || m.sections || m.aliases || m.units;
  const currencies = loadCurrencies();
  if (!currencies.ok) return currencies;
  if (!currencyCodes(currencies.value).includes(m.currency)) {
    return fail({
      code: "currency-unknown",
      ...manifestAt(raw.value.manifestText, ["currency"]),
      found: m.currency,
      message: `unknown currency "${m.currency}"`,
      expected: currencyCodes(currencies.value).join(", "),
      hint: "an ISO 4217 code of data/catalogue/currencies.json; a currency it lacks can be added there, with its source",
      say: {
        message: message("error.currency-unknown", { currency: m.currency }),
        hint: message("error.currency-unknown.hint"),
        expected: message("error.list", { names: currencyCodes(currencies.value).join(", ") }),
      },
    });
  }
  const catalogue = loadCatalogue(
    extended
      ? {
          ...(m.metrics ? { metrics: m.metrics } : {}),
          ...(m.sections ? { sections: m.sections } : {}),
          ...(m.aliases ? { aliases: m.aliases } : {}),
          ...(m.units ? { units: m.units } : {}),
          locate,
        }
      : undefined,
    m.currency,
  );
  if (!catalogue.ok) return catalogue;
  const dataset = buildDataset(raw.value, catalogue.value);
  // The dataset's own factor files come first, a --factors file given on the command line last (it wins).
  const own = raw.value.factorFiles;
  const library = loadLibrary(catalogue.value, factorFiles, {
    paths: own,
    encoding: m.encoding,
    ...(raw.value.factorFilesShown ? { shown: raw.value.factorFilesShown } : {}),
  });
  if (!dataset.ok || !library.ok) return failWith([...(dataset.errors ?? []), ...(library.errors ?? [])]);
  // Gases in their own masses take their GWPs from the library, in the set the dataset pins.
  const resolved = resolveGwp(dataset.value, library.value);
  if (!resolved.ok) return resolved;
  return ok({ dataset: resolved.value, library: library.value });
}

/** Pure once the dataset and the library are in memory. */
export function checkDataset({ dataset, library }: Opened, options: CheckOptions = {}): Result<CheckResult> {
  const groups = options.groups ?? ALL_GROUPS;
  // A table of blanks and "/" (a fresh `init` template) would pass without a single comparison: say so instead.
  if (!options.allowBlankTable && !publishedRows(dataset).some((r) => r.cells.some((c) => c.value.kind === "number"))) {
    const first = publishedRows(dataset)[0]?.source;
    return fail({
      code: "table-empty",
      ...(first ? { file: first.file, line: first.line } : {}),
      message: "the published table prints no numbers: there is nothing to check",
      hint: "fill in the figures the report prints (esg-recalc validate accepts a blank table while you do)",
      say: { message: message("error.table-no-numbers"), hint: message("error.table-no-numbers.hint") },
    });
  }
  const chosen = chooseDenominator(dataset, options);
  if (!chosen.ok) return chosen;
  const denominators = denominatorsInForce(dataset, chosen.value);
  if (!denominators.ok) return denominators;
  const denominator = denominatorAt(denominators.value, dataset.tree.root, dataset.period.label, REVENUE);
  // Pins are validated even when the checks that use them are off: a bad pin is a bad dataset.
  const plan = planFactors(dataset, library, options.materiality ?? null);
  if (!plan.ok) return plan;

  // recompute
  const tables = recomputePeriods(
    dataset.catalogue,
    dataset.tree,
    dataset.activity,
    dataset.periods,
    denominators.value,
  );
  const table = tables.get(dataset.period.label)!;

  // check
  const p = groups.recalculation || groups.implied || groups.boundary ? plan.value : null;
  const found = runChecks(
    { dataset, tables, table, denominator, library, plan: p, implied: impliedOnce(dataset, table, library, p) },
    groups,
  );

  // order: the table's, each recalculation or boundary finding right after its cell's arithmetic finding
  const position = cellPosition(dataset);
  const findings = found.findings
    .map((f, i) => ({ f, i, at: position(f.metric, f.column) }))
    .sort((a, b) => a.at[0] - b.at[0] || a.at[1] - b.at[1] || a.at[2] - b.at[2] || a.i - b.i)
    .map((x) => x.f);
  // acknowledged findings, held against what the check finds today
  const ack = options.acknowledged === false ? null : dataset.acknowledged;
  const acknowledgements = ack
    ? {
        file: ack.file,
        name: ack.name,
        outcomes: applyAcknowledgements(ack.entries, findings, found.claims, {
          denominator,
          materiality: plan.value.materiality,
        }),
      }
    : NO_ACKNOWLEDGEMENTS;
  return ok({
    dataset,
    denominator,
    table,
    tables,
    findings,
    counts: countStatuses(findings),
    plan: p,
    library,
    implied: found.implied,
    denominatorAnalysis: found.denominatorAnalysis,
    claims: found.claims,
    partOf: found.partOf,
    ...(found.breakdowns.length ? { breakdowns: found.breakdowns } : {}),
    groups,
    acknowledgements,
  });
}

export function check(
  dir?: string,
  options: CheckOptions & { factorFiles?: string[]; load?: LoadOptions } = {},
): Result<CheckResult> {
  const opened = openDataset(dir, options.factorFiles, options.load);
  return opened.ok ? checkDataset(opened.value, options) : failWith(opened.errors);
}
