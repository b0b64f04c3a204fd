// The statuses a finding can have, how severe each is, and the one rule for "at or above the --fail-on threshold".
// A vocabulary with no dependencies: the JSON report schema (schema/report.ts) names them too.

export const STATUSES = [
  "match",
  "rounding",
  "mismatch",
  "missing",
  "omitted",
  "within-materiality",
  "material",
  "incomplete",
] as const;
export type Status = (typeof STATUSES)[number];

/**
 * match < rounding, within-materiality < the ones that mean something is wrong. `--fail-on` names a level by
 * one of its statuses.
 */
export const SEVERITY: Record<Status, number> = {
  match: 0,
  rounding: 1,
  "within-materiality": 1,
  mismatch: 2,
  missing: 2,
  omitted: 2,
  material: 2,
  incomplete: 2,
};

/**
 * Worst first: the status a cell shows when it has several findings (its arithmetic one and a recalculation), in
 * the HTML report and the workbook. Finer than SEVERITY: a mismatch or material gap outranks missing and omitted.
 */
export const SHOWN_RANK: Record<Status, number> = {
  match: 0,
  rounding: 1,
  "within-materiality": 1,
  mismatch: 3,
  material: 3,
  missing: 2,
  omitted: 2,
  incomplete: 2,
};

export const STATUS_MEANING: Record<Status, string> = {
  match: "the value recomputed from the printed inputs rounds to the published figure",
  rounding: "the figures differ, but by no more than the rounding of the printed inputs allows",
  mismatch: "the figures differ by more than rounding can explain",
  missing: "a number is published but the data cannot produce it",
  omitted: "the data produces a non-zero value where the table prints / or nothing",
  "within-materiality":
    "recalculated from activity data and library factors, the figure is within the materiality threshold",
  material:
    "recalculated from activity data and library factors, the figure differs by more than the materiality threshold",
  incomplete: "the unit reports activity but not the emissions or discharge that activity implies",
};

export function failsAt(status: Status, threshold: Status | "none"): boolean {
  return threshold !== "none" && SEVERITY[status] >= SEVERITY[threshold];
}
