// A finished check: the dataset, what was recomputed, every finding in the table's order, the analyses and the claim
// verdicts. What every renderer receives, and the one rule for whether a run fails.
import type { ImpliedFactor } from "../compute/implied.js";
import type { RecomputedTable } from "../compute/recompute.js";
import type { FactorPlan, Library } from "../model/factorPlan.js";
import type { Dataset, Denominator } from "../model/types.js";
import type { Finding } from "./finding.js";
import { claimKey, isAcknowledged, type Acknowledgements } from "./acknowledgement.js";
import type { BreakdownCheck, ClaimResult, DenominatorAnalysis, PartOfComparison } from "./results.js";
import { failsAt, STATUSES, type Status } from "./status.js";

/** Groups of checks beyond the arithmetic ones; each can be switched off. */
export interface CheckGroups {
  recalculation: boolean;
  implied: boolean;
  boundary: boolean;
  denominators: boolean;
}
export const ALL_GROUPS: CheckGroups = { recalculation: true, implied: true, boundary: true, denominators: true };

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
  /** Every block of every breakdown compared with its printed total (none: the dataset declares no breakdowns). */
  breakdowns?: BreakdownCheck[];
  groups: CheckGroups;
  /** The dataset's acknowledged findings, each held against today's check (none: no file, or --no-acknowledged). */
  acknowledgements: Acknowledgements;
}

export { isCellFinding } from "./finding.js";

/** How many findings have each status (every status listed, zeros included). */
export function countStatuses(findings: readonly Finding[]): Record<Status, number> {
  return Object.fromEntries(STATUSES.map((s) => [s, findings.filter((f) => f.status === s).length])) as Record<
    Status,
    number
  >;
}

/** The run fails when any finding is at or above the threshold. The one place this is decided. */
export function fails(findings: readonly Finding[], threshold: Status | "none"): boolean {
  return findings.some((f) => failsAt(f.status, threshold));
}

/** The run fails on any finding at or above the threshold, or on a claim the data contradicts. */
export function failed(result: CheckResult, threshold: Status | "none"): boolean {
  return (
    fails(failingFindings(result), threshold) ||
    failingClaims(result, threshold).length > 0 ||
    (threshold !== "none" && result.acknowledgements.outcomes.some((o) => o.state === "changed"))
  );
}

/** The findings that can fail the run: all but those acknowledged and unchanged. */
export function failingFindings(result: CheckResult): Finding[] {
  return result.findings.filter((f) => !isAcknowledged(result.acknowledgements, f.key));
}

/** Claims the data contradicts and nobody has acknowledged (none with --fail-on none). */
export function failingClaims(result: CheckResult, threshold: Status | "none"): CheckResult["claims"] {
  return threshold === "none"
    ? []
    : result.claims.filter(
        (c) => c.verdict === "contradicted" && !isAcknowledged(result.acknowledgements, claimKey(c.entry.id)),
      );
}
