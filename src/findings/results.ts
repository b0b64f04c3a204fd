// What the checks beyond the per-cell findings produce: claim verdicts, the denominator analysis, parts against wholes. Declared here,
// beside Finding, because the renderers consume them; reconcile/claims.ts and reconcile/denominators.ts fill them in.
import type { ClaimEntry } from "../model/claims.js";
import type { Dec } from "../model/decimal.js";
import type { Interval } from "../model/interval.js";
import type { PrintedNumber } from "../model/printedNumber.js";
import type { PublishedCell } from "../model/types.js";
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
  published: string;
  /** Denominators that would give the printed figure: [numerator.lo ÷ published.hi, numerator.hi ÷ published.lo]. */
  interval: Interval | null;
  consistentWith: string[];
}

export interface DenominatorAnalysis {
  intensities: ImpliedDenominator[];
  /** Denominators every published intensity allows; null when they have none in common. */
  intersection: Interval | null;
  denominators: {
    id: string;
    printed: string;
    interval: Interval;
    consistentWith: string[];
    inconsistentWith: string[];
  }[];
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
