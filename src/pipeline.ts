// The whole check as one function a library user can call: load → validate → model → compute → reconcile.
// It returns values (a report or input errors); printing and exit codes belong to the CLI.
import { join } from "node:path";
import { impliedFactors, type ImpliedFactor } from "./compute/implied.js";
import { recalculate } from "./compute/recalculate.js";
import { recomputePeriods, type RecomputedTable } from "./compute/recompute.js";
import { fails, STATUSES, type Finding, type Status } from "./findings/finding.js";
import { evaluateClaims, type ClaimResult } from "./reconcile/claims.js";
import { fail, failWith, ok, type Result } from "./findings/inputError.js";
import { loadDataset, type LoadOptions } from "./io/dataset.js";
import { loadLibrary } from "./io/factors.js";
import { EMBEDDED_DATASET, loadCatalogue } from "./io/reference.js";
import { buildDataset } from "./model/dataset.js";
import type { Dec } from "./model/decimal.js";
import { chooseDenominator, denominatorForTable, denominatorsByPeriod, type DenominatorChoice } from "./model/denominator.js";
import { planFactors, type FactorPlan, type Library } from "./model/factorPlan.js";
import type { Dataset, Denominator } from "./model/types.js";
import { boundaryFindings } from "./reconcile/boundary.js";
import { analyseDenominators, type DenominatorAnalysis } from "./reconcile/denominators.js";
import { reconcile } from "./reconcile/reconcile.js";
import { reconcileRecalculations } from "./reconcile/recalculation.js";
import { attributeViolations, comparePartsWithWholes, partOfFindings, type PartOfComparison } from "./reconcile/partOf.js";

/** Groups of checks beyond the arithmetic ones; each can be switched off. */
export interface CheckGroups {
  recalculation: boolean;
  implied: boolean;
  boundary: boolean;
  denominators: boolean;
}
export const ALL_GROUPS: CheckGroups = { recalculation: true, implied: true, boundary: true, denominators: true };

export interface CheckOptions extends DenominatorChoice {
  groups?: CheckGroups;
  /** Accept a table that prints no numbers (validate, while the table is being filled in). */
  allowBlankTable?: boolean;
  materiality?: Dec;
}

export interface CheckResult {
  dataset: Dataset;
  /** null when the dataset declares none and none was given: intensities are then `missing`. */
  denominator: Denominator | null;
  /** The report period's recomputed table (the one recalculations, claims and analyses work on). */
  table: RecomputedTable;
  /** Every period's recomputed table, by period label (the report's own included). */
  tables: Map<string, RecomputedTable>;
  /** Arithmetic findings (one per published cell) in table order, each followed by its recalculation, boundary and part-of findings. */
  findings: Finding[];
  counts: Record<Status, number>;
  plan: FactorPlan | null;
  library: Library | null;
  implied: ImpliedFactor[];
  denominatorAnalysis: DenominatorAnalysis | null;
  claims: ClaimResult[];
  /** Every printed part compared with its printed whole ("of which" rules and the reporting tree); violations are findings too. */
  partOf: PartOfComparison[];
  groups: CheckGroups;
}

/** The run fails on any finding at or above the threshold, or on a claim the data contradicts. */
export function failed(result: CheckResult, threshold: Status | "none"): boolean {
  return fails(result.findings, threshold) || (threshold !== "none" && result.claims.some((c) => c.verdict === "contradicted"));
}

export interface Opened {
  dataset: Dataset;
  library: Library;
}

export function openDataset(dir: string = EMBEDDED_DATASET, factorFiles: readonly string[] = [], load: LoadOptions = {}): Result<Opened> {
  const raw = loadDataset(dir, load);
  if (!raw.ok) return raw;
  const m = raw.value.manifest;
  const { positions, manifestFile, manifestLines } = raw.value;
  const locate = (kind: "metrics" | "sections", i: number) => {
    const p = positions.get(`${kind}.${i}`);
    return { file: manifestFile, ...(p ? { line: p.line, column: p.column, excerpt: manifestLines[p.line - 1] ?? "" } : {}) };
  };
  const catalogue = loadCatalogue(m.metrics || m.sections ? { ...(m.metrics ? { metrics: m.metrics } : {}), ...(m.sections ? { sections: m.sections } : {}), locate } : undefined);
  if (!catalogue.ok) return catalogue;
  const dataset = buildDataset(raw.value, catalogue.value);
  // The dataset's own factor files come first, a --factors file given on the command line last (it wins).
  const own = raw.value.factorFiles ?? (raw.value.manifest.files.factors ?? []).map((f) => join(dir, f));
  const library = loadLibrary(catalogue.value, factorFiles, { paths: own, encoding: m.encoding, ...(raw.value.factorFilesShown ? { shown: raw.value.factorFilesShown } : {}) });
  if (!dataset.ok || !library.ok) return failWith([...(dataset.errors ?? []), ...(library.errors ?? [])]);
  return ok({ dataset: dataset.value, library: library.value });
}

/** Pure once the dataset and the library are in memory. */
export function checkDataset({ dataset, library }: Opened, options: CheckOptions = {}): Result<CheckResult> {
  const groups = options.groups ?? ALL_GROUPS;
  // A table of blanks and "/" (a fresh `init` template) would pass without a single comparison: say so instead.
  if (!options.allowBlankTable && !dataset.published.some((r) => r.cells.some((c) => c.value.kind === "number"))) {
    const first = dataset.published[0]?.source;
    return fail({ code: "table-empty", ...(first ? { file: first.file, line: first.line } : {}), message: "the published table prints no numbers: there is nothing to check", hint: "fill in the figures the report prints (esg-recalc validate accepts a blank table while you do)" });
  }
  const chosen = chooseDenominator(dataset, options);
  if (!chosen.ok) return chosen;
  const denominators = denominatorsByPeriod(dataset, chosen.value);
  if (!denominators.ok) return denominators;
  const denominator: { value: Denominator | null } = { value: denominators.value.get(dataset.period.label) ?? null };
  const tables = recomputePeriods(dataset.catalogue, dataset.tree, dataset.compact ? { compact: dataset.compact, periods: dataset.periods } : dataset.activity, denominators.value);
  const table = tables.get(dataset.period.label)!;
  const arithmetic = reconcile(dataset, tables).findings;
  // Recalculations, implied factors, boundary checks and claims are about the report's own period.
  const current: Dataset = dataset.periods.length > 1 ? { ...dataset, activity: dataset.activity.filter((a) => a.period === dataset.period.label) } : dataset;
  // Pins are validated even when the checks that use them are off: a bad pin is a bad dataset.
  const plan = planFactors(dataset, library, options.materiality ?? null);
  if (!plan.ok) return plan;
  const needsPlan = groups.recalculation || groups.implied || groups.boundary;
  const p = needsPlan ? plan.value : null;

  const recalcs = p && groups.recalculation ? reconcileRecalculations(current, recalculate(current, table, library, p), p.materiality) : [];
  const boundary = p && groups.boundary ? boundaryFindings(current, table, library, p) : [];
  // Keep the table's order: each recalculation or boundary finding goes right after its cell's arithmetic finding.
  const order = (f: Finding) => {
    const row = dataset.published.findIndex((r) => r.metric === f.metric);
    const col = dataset.columns.findIndex((c) => c.id === f.column);
    return row * 1000 + col;
  };
  const partOf = attributeViolations(comparePartsWithWholes(dataset), arithmetic);
  const extra = [...recalcs, ...boundary, ...partOfFindings(dataset, partOf)];
  const findings = [...arithmetic, ...extra].map((f, i) => ({ f, i, o: order(f) })).sort((a, b) => a.o - b.o || a.i - b.i).map((x) => x.f);
  const implied = p && (groups.implied || groups.recalculation) ? impliedFactors(current, table, library, p) : [];
  // A material scope 2 whose own figures fit another library grid factor: say which, and how to pin it.
  for (const f of findings) {
    if (f.kind !== "recalculation" || f.status !== "material" || f.recalculation?.check !== "scope2") continue;
    const used = f.recalculation.terms[0]?.factors[0]?.id;
    const fit = implied.find((i) => i.facility === f.column && i.kind === "grid")?.candidates.find((c) => c.consistent && c.id !== used && c.factor);
    if (fit?.factor) f.causes.push({ code: "pin-hint", message: `the published figure follows from ${fit.id} (${fit.factor.value.text} ${fit.factor.unit}); if the report used it, pin it in the manifest: "factors": { "gridByFacility": { "${f.column}": "${fit.id}" } }` });
  }
  const counts = Object.fromEntries(STATUSES.map((s) => [s, findings.filter((f) => f.status === s).length])) as Record<Status, number>;
  return ok({
    dataset,
    denominator: denominator.value,
    table,
    tables,
    findings,
    counts,
    plan: p,
    library,
    implied: groups.implied ? implied : [],
    denominatorAnalysis: groups.denominators
      ? analyseDenominators(dataset, table, dataset.denominators.filter((d) => d.period === dataset.period.label).flatMap((d) => { const c = denominatorForTable(dataset, d); return c.ok ? [c.value] : []; }), denominator.value)
      : null,
    claims: evaluateClaims(dataset.claims, table, dataset.tree),
    partOf,
    groups,
  });
}

export function check(dir?: string, options: CheckOptions & { factorFiles?: string[]; load?: LoadOptions } = {}): Result<CheckResult> {
  const opened = openDataset(dir, options.factorFiles, options.load);
  return opened.ok ? checkDataset(opened.value, options) : failWith(opened.errors);
}
