// A finding: the verdict on one published cell. Exactly one per checked cell, in the table's own order.
import type { Recalculation } from "../compute/recalculate.js";
import type { Recomputed, RecomputeKind } from "../compute/recompute.js";
import type { Dec } from "../model/decimal.js";
import type { Interval } from "../model/interval.js";
import type { PrintedNumber } from "../model/printedNumber.js";
import type { SourceRef } from "../model/types.js";

export { SEVERITY, STATUSES, STATUS_MEANING, failsAt, type Status } from "./status.js";
import type { Status } from "./status.js";

export type FindingKind = RecomputeKind | "recalculation" | "boundary";

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
