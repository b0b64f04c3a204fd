// A finding: the verdict on one published cell. Exactly one per checked cell, in the table's own order.
import type { Recomputed, RecomputeKind } from "../compute/recompute.js";
import type { Dec } from "../model/decimal.js";
import type { Interval } from "../model/interval.js";
import type { PrintedNumber } from "../model/printedNumber.js";
import type { SourceRef } from "../model/types.js";

export const STATUSES = ["match", "rounding", "mismatch", "missing", "omitted"] as const;
export type Status = (typeof STATUSES)[number];

/** match < rounding < the three that mean something is wrong. `--fail-on` names a level by one of its statuses. */
export const SEVERITY: Record<Status, number> = { match: 0, rounding: 1, mismatch: 2, missing: 2, omitted: 2 };

export const STATUS_MEANING: Record<Status, string> = {
  match: "the value recomputed from the printed inputs rounds to the published figure",
  rounding: "the figures differ, but by no more than the rounding of the printed inputs allows",
  mismatch: "the figures differ by more than rounding can explain",
  missing: "a number is published but the data cannot produce it",
  omitted: "the data produces a non-zero value where the table prints / or nothing",
};

export interface Cause {
  /** Stable id: rounding | denominator | unexplained | no-data | not-published. */
  code: string;
  message: string;
}

export interface Finding {
  metric: string;
  column: string;
  kind: RecomputeKind;
  status: Status;
  /** The cell's text as printed. */
  published: string;
  publishedNumber: PrintedNumber | null;
  publishedInterval: Interval | null;
  recomputed: Recomputed | null;
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
