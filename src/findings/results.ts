// What the checks beyond the per-cell findings produce: claim verdicts, the denominator analysis, parts against wholes. Declared here,
// beside Finding, because the renderers consume them; reconcile/claims.ts and reconcile/denominators.ts fill them in.
import type { ClaimEntry } from "../model/claims.js";
import type { Dec } from "../model/decimal.js";
import type { Interval } from "../model/interval.js";
import type { PrintedNumber } from "../model/printedNumber.js";
import type { BreakdownBlock, BreakdownRow, Column, PublishedCell } from "../model/types.js";
import type { Status } from "./status.js";
import type { Whole } from "./finding.js";
import type { Message } from "./inputError.js";

export type ClaimVerdict = "supported" | "contradicted" | "undecidable";

export interface ClaimResult {
  entry: ClaimEntry;
  verdict: ClaimVerdict;
  /** Each side's value and the exact interval the rounded figures allow it (null when a term has no data). */
  left: { value: Dec; interval: Interval } | null;
  right: { value: Dec; interval: Interval } | null;
  /** Why the verdict: a message of data/i18n/causes.json. */
  reason: Message;
}

export interface ImpliedDenominator {
  metric: string;
  /** The published column (a node in a period) the intensity is printed in. */
  column: string;
  node: string;
  period: string;
  /** What the intensity is per ("revenue", "vehicles-produced", …). */
  measure: string;
  published: string;
  /** Denominators that would give the printed figure: [numerator.lo ÷ published.hi, numerator.hi ÷ published.lo]. */
  interval: Interval | null;
  /** The declared denominators of its node, period and measure that fit. */
  consistentWith: string[];
}

export interface DenominatorFit {
  id: string;
  printed: string;
  interval: Interval;
  consistentWith: string[];
  inconsistentWith: string[];
}

/** The denominators of one node's measure in one period, against the intensities printed for them. */
export interface DenominatorGroup {
  node: string;
  period: string;
  measure: string;
  /** Denominators every one of the group's intensities allows; null when they have none in common. */
  intersection: Interval | null;
  denominators: DenominatorFit[];
}

export interface DenominatorAnalysis {
  intensities: ImpliedDenominator[];
  /** The company's revenue in the report's period: what its intensities allow in common; null when nothing. */
  intersection: Interval | null;
  denominators: DenominatorFit[];
  /** Every other node, period and measure that has a printed intensity (a site's revenue, vehicles, 2022). */
  groups: DenominatorGroup[];
}

export type PartOfVerdict = "holds" | "rounding" | "violated";

export interface PrintedFigure {
  metric: string;
  column: string;
  cell: PublishedCell;
  number: PrintedNumber;
  interval: Interval;
}

export interface PartOfComparison {
  rule: Whole["rule"];
  part: PrintedFigure;
  whole: PrintedFigure;
  /** holds; rounding: the part prints above the whole, but the figures' rounding allows it; violated: it cannot. */
  verdict: PartOfVerdict;
  /** A violation whose part or whole is itself a mismatch: that cell's finding reports it (see partOfFindings). */
  explainedBy?: { metric: string; column: string };
}

/** One row of a block in one column: its printed figure and what the data give for it (null: not determined). */
export interface BreakdownRowCheck {
  row: BreakdownRow;
  cell: PublishedCell;
  number: PrintedNumber;
  interval: Interval;
  data: { value: Dec; interval: Interval } | null;
  status: Exclude<Status, "missing" | "omitted"> | null;
}

/** One block in one column against the printed total. */
export interface BreakdownCheck {
  breakdown: string;
  table: string;
  block: BreakdownBlock;
  column: Column;
  total: { metric: string; cell: PublishedCell; number: PrintedNumber; interval: Interval };
  rows: BreakdownRowCheck[];
  sum: Dec;
  sumInterval: Interval;
  verdict: "holds" | "rounding" | "violated";
}
