// A finding: the verdict on one published cell. Exactly one per checked cell, in the table's own order.
import type { Recalculation } from "../compute/recalculate.js";
import type { Message } from "./message.js";
import type { Recomputed, RecomputeKind } from "../compute/recompute.js";
import type { Dec } from "../model/decimal.js";
import type { Interval } from "../model/interval.js";
import { foldFigure, type PrintedNumber } from "../model/printedNumber.js";
import { PUBLISHED_TABLE, publishedRow } from "../model/columns.js";
import type { Dataset, SourceRef } from "../model/types.js";

export { SEVERITY, STATUSES, STATUS_MEANING, failsAt, type Status } from "./status.js";
import type { Status } from "./status.js";

export type FindingKind = RecomputeKind | "recalculation" | "boundary" | "part-of" | "breakdown";

/**
 * The one finding every published cell gets (kinds input, sum, identity, intensity, change); recalculation, boundary,
 * part-of and breakdown findings are further checks placed after it.
 */
export const isCellFinding = (f: { kind: FindingKind }): boolean =>
  f.kind !== "recalculation" && f.kind !== "boundary" && f.kind !== "part-of" && f.kind !== "breakdown";

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
  /** Stable id: a key of data/i18n/causes.json's "causes" (README "Cause codes" lists them all). */
  code: string;
  /** What to say, as a template key and its values: put into words in the report's language by the renderer. */
  message: Message;
}

export interface Finding {
  metric: string;
  column: string;
  kind: FindingKind;
  /** The published table the cell is in (PUBLISHED_TABLE for files.published). */
  table: string;
  /** The unit the row is printed in, as printed ("" when the table has no row for the metric). */
  unit: string;
  /** Stable across runs and versions: metric/column/kind, prefixed with the table for tables other than files.published. */
  key: string;
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
  /**
   * The row is printed in another unit of the metric's dimension: the recomputed value (in the metric's unit, `from`)
   * was converted exactly into the printed one (`to`) by multiplying with `factor`; everything above is in `to`.
   */
  conversion?: { from: string; to: string; factor: Dec; value: Dec };
}

/** Where a finding about `metric` in `column` belongs: its table, the row's printed unit and its stable key. */
export function findingPlace(
  dataset: Dataset,
  metric: string,
  column: string,
  kind: FindingKind,
): Pick<Finding, "table" | "unit" | "key"> {
  const row = publishedRow(dataset, metric, column) ?? publishedRow(dataset, metric);
  const table = row?.table ?? PUBLISHED_TABLE;
  // The key of a cell in files.published is the one SARIF has published as a fingerprint since it had one.
  return {
    table,
    unit: row?.unit ?? "",
    key: `${table === PUBLISHED_TABLE ? "" : `${table}/`}${metric}/${column}/${kind}`,
  };
}

/** Decimals a finding's intervals are shown with: 2 more than the figure's, 4 for an intensity (a quotient runs on). */
export const intervalScale = (f: Pick<Finding, "displayScale" | "kind">): number =>
  f.displayScale + (f.kind === "intensity" ? 4 : 2);

/** The published cell as people read it: as printed, with full-width digits and odd spaces folded, trimmed. */
export const publishedText = (f: Pick<Finding, "published">): string => foldFigure(f.published).trim();
