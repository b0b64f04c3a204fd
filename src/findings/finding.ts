// A finding: the verdict on one published cell. Exactly one per checked cell, in the table's own order.
import type { Recalculation } from "../compute/recalculate.js";
import type { Recomputed, RecomputeKind } from "../compute/recompute.js";
import type { Dec } from "../model/decimal.js";
import type { Interval } from "../model/interval.js";
import type { PrintedNumber } from "../model/printedNumber.js";
import type { SourceRef } from "../model/types.js";

export const STATUSES = ["match", "rounding", "mismatch", "missing", "omitted", "within-materiality", "material", "incomplete"] as const;
export type Status = (typeof STATUSES)[number];

/**
 * match < rounding, within-materiality < the ones that mean something is wrong. `--fail-on` names a level by
 * one of its statuses.
 */
export const SEVERITY: Record<Status, number> = { match: 0, rounding: 1, "within-materiality": 1, mismatch: 2, missing: 2, omitted: 2, material: 2, incomplete: 2 };

export const STATUS_MEANING: Record<Status, string> = {
  match: "the value recomputed from the printed inputs rounds to the published figure",
  rounding: "the figures differ, but by no more than the rounding of the printed inputs allows",
  mismatch: "the figures differ by more than rounding can explain",
  missing: "a number is published but the data cannot produce it",
  omitted: "the data produces a non-zero value where the table prints / or nothing",
  "within-materiality": "recalculated from activity data and library factors, the figure is within the materiality threshold",
  material: "recalculated from activity data and library factors, the figure differs by more than the materiality threshold",
  incomplete: "the unit reports activity but not the emissions or discharge that activity implies",
};

export type FindingKind = RecomputeKind | "recalculation" | "boundary" | "part-of";

/**
 * The one finding every published cell gets (kinds input, sum, identity, intensity, change); recalculation, boundary
 * and part-of findings are further checks placed after it.
 */
export const isArithmetic = (f: { kind: FindingKind }): boolean => f.kind !== "recalculation" && f.kind !== "boundary" && f.kind !== "part-of";

/** The printed whole a part-of finding compares its part with. */
export interface Whole {
  metric: string;
  column: string;
  /** As printed. */
  published: string;
  publishedNumber: PrintedNumber;
  publishedInterval: Interval;
  source: SourceRef;
  /** "declared": an "of which" rule (catalogue or manifest); "tree": a reporting unit inside its parent. */
  rule: "declared" | "tree";
}

export interface Cause {
  /** Stable id: rounding, denominator, one-component, unexplained, no-data … (README "Cause codes" lists them all). */
  code: string;
  message: string;
}

export interface Finding {
  metric: string;
  column: string;
  kind: FindingKind;
  status: Status;
  /** The cell's text as printed. */
  published: string;
  publishedNumber: PrintedNumber | null;
  publishedInterval: Interval | null;
  /** For arithmetic findings: the recomputed cell with its audit trail. */
  recomputed: Recomputed | null;
  /** For recalculation and boundary findings: the recalculation behind the figure. */
  recalculation?: Recalculation;
  /** For part-of findings: the whole the published part exceeds. */
  whole?: Whole;
  /** The recomputed (or recalculated, or estimated) value, exact, and its interval. */
  recomputedExact: Dec | null;
  recomputedInterval: Interval | null;
  /** (recalculated − published) ÷ published, for recalculation findings. */
  relativeDifference?: Dec | null;
  /** The recomputed value rounded to the published precision (or to its inputs' precision when nothing is published). */
  recomputedRounded: Dec | null;
  displayScale: number;
  /** recomputedRounded − published value. */
  difference: Dec | null;
  source: SourceRef;
  causes: Cause[];
}

export function failsAt(status: Status, threshold: Status | "none"): boolean {
  return threshold !== "none" && SEVERITY[status] >= SEVERITY[threshold];
}

/** The run fails when any finding is at or above the threshold. The one place this is decided. */
export function fails(findings: readonly Finding[], threshold: Status | "none"): boolean {
  return findings.some((f) => failsAt(f.status, threshold));
}
