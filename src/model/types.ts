// The typed model every later stage works on. Built from raw files by model/dataset.ts; plain data only.
import type { ActivityFile, Dimension } from "../schema/catalogue.js";
import type { FactorPins } from "../schema/recalculation.js";
import type { ClaimEntry } from "./claims.js";
import type { CsvTable, ScannedActivity } from "./source.js";
import type { Labels, Lang, NumberStyle } from "../schema/common.js";
export type { Labels, Lang };
import type { Dec } from "./decimal.js";
import type { Interval } from "./interval.js";
import type { PrintedNumber } from "./printedNumber.js";
import type { RadicalTable } from "./fold.js";
import type { Message } from "../findings/inputError.js";

export interface SourceRef {
  /** As shown in messages (relative to the working directory). */
  file: string;
  /** Relative to the dataset folder, for machine output. */
  name: string;
  line: number;
  column?: number;
  /** A workbook cell ("C12"; `file` is then "book.xlsx!Sheet" and `line` its row). */
  cell?: string;
  /** The workbook cell's formula ("=SUM(C5:D5)"): its cached result is the value read. */
  formula?: string;
}

export interface Unit {
  id: string;
  dimension: Dimension;
  /** One of this unit is num/den base units of its dimension. */
  toBase: { num: Dec; den: Dec };
  /** May quantities in this unit be added up? (Not shares: percent, fraction.) */
  additive: boolean;
  labels: Labels;
  /** Folded spellings that name this unit. */
  spellings: string[];
  /** Currency units: the ISO 4217 code; units of different currencies are never converted into one another. */
  currency?: string;
}

export interface Section {
  id: string;
  labels: Labels;
  parent?: string;
  spellings: string[];
}

interface MetricBase {
  id: string;
  /** HKEX ESG Reporting Code KPI, GRI disclosure, ESRS datapoint and IFRS S2 paragraph, where the metric has one. */
  references: References;
  section: string;
  labels: Labels;
  spellings: string[];
  nonNegative: boolean;
  description?: string;
  /** What a row under this metric's label means where totals are declared to include scope 3 (ghg.total → ghg.total_incl_scope3). */
  withScope3?: string;
  /** A market-based metric's location-based counterpart (ghg.total.market → ghg.total). */
  locationBased?: string;
  /** Reported outside the scopes (biogenic CO2): no rule adds or subtracts it. */
  outsideScopes?: true;
}
/** Where a metric sits in the frameworks: HKEX KPI, GRI disclosure, ESRS element (and member, paragraph), IFRS S2 paragraph. */
export interface References {
  hkex?: string;
  gri?: string;
  esrs?: string;
  esrsMember?: string;
  esrsParagraph?: string;
  ifrsS2?: string;
}
export interface BaseMetric extends MetricBase {
  kind: "base";
  unit: string;
  file: ActivityFile;
  /** An "of which" row: part of this metric (same unit, both non-negative), so never larger than it. */
  partOf?: string;
}
export interface DerivedMetric extends MetricBase {
  kind: "derived";
  unit: string;
  terms: DerivedTerm[];
  partOf?: string;
}
/**
 * A term of a derived metric: coefficient × the term's value. A GWP term (`gwp`, a gas in its own mass) takes the
 * GWP of its gas in the dataset's set as its coefficient, and keeps every set's for the GWP-set diagnosis: until the
 * set is resolved (model/gwp.ts, when the dataset is opened) its coefficient is NaN.
 */
export interface DerivedTerm {
  metric: string;
  coefficient: Dec;
  gwp?: { gas: string; set: string | null; bySet: { set: string; factor: string | null; coefficient: Dec | null }[] };
}
export interface IntensityMetric extends MetricBase {
  kind: "intensity";
  numerator: string;
  /** What it is per: the measure of its denominator ("revenue"). */
  measure: string;
}
/** Where a ratio's term is read: at the cell's own node, at its parent, or at the tree's root (a site's share of the total). */
export type RatioTermAt = "node" | "parent" | "root";
export interface RatioTerm {
  metric: string;
  coefficient: Dec;
  at: RatioTermAt;
}
/**
 * A share or rate printed as a row: Σ numerator terms ÷ Σ denominator terms, in a unit of the ratio dimension
 * (percent: × 100). Computed at every node from that node's (or its parent's or root's) values; never summed.
 */
export interface RatioMetric extends MetricBase {
  kind: "ratio";
  unit: string;
  numerator: RatioTerm[];
  denominator: RatioTerm[];
}
export type Metric = BaseMetric | DerivedMetric | IntensityMetric | RatioMetric;

export interface Catalogue {
  sections: Section[];
  /** In catalogue order; derived metrics come after the metrics they use (checked when loading). */
  metrics: Metric[];
  units: Unit[];
  radicals: RadicalTable;
  /** Unit and scale slips a mismatch is tested against (data/catalogue/slips.json). */
  slips: { factor: Dec; meaning: string; meanings?: { "zh-Hant": string; "zh-Hans": string } }[];
  /** Folded spellings a dataset's manifest adds, by metric: they decide between metrics a label fits in several ways. */
  datasetSpellings?: ReadonlyMap<string, readonly string[]>;
}

export interface TreeNode {
  id: string;
  parent: string | null;
  children: string[];
  labels: Labels;
}

export interface ReportingTree {
  root: string;
  nodes: ReadonlyMap<string, TreeNode>;
  /** Leaves first, then parents: the order roll-ups are computed in. */
  bottomUp: string[];
}

export interface ActivityValue {
  facility: string;
  /** Period label (the report's own period unless the row names another). */
  period: string;
  metric: string;
  /** As written in the file, in `unit`. */
  number: PrintedNumber;
  unit: string;
  /** Converted exactly to the metric's unit. */
  value: Dec;
  interval: Interval;
  /** Decimals the converted value carries (its printed precision, shifted by the conversion). */
  scale: number;
  source: SourceRef;
  note?: string;
  /** How many rows were summed into it (monthly readings, additive files); absent for one row. */
  rows?: number;
}

export type CellText = { kind: "number"; number: PrintedNumber } | { kind: "not-applicable" } | { kind: "blank" };

export interface PublishedCell {
  metric: string;
  column: string;
  text: string;
  value: CellText;
  source: SourceRef;
  /** Where its text is in the table as read (record and field index); absent for a cell a long table does not list. */
  at?: { record: number; field: number };
}

/** A row's unit as printed, read: unit ids of the catalogue ("t", and "RMB-million" for 噸/百萬). */
export interface PrintedUnit {
  unit: string;
  /**
   * Set when the row is printed in another unit of the metric's dimension (GJ for MWh, 千公噸 for tCO2e): a printed
   * figure times this is the figure in the metric's unit (exact, e.g. 1/3.6).
   */
  toMetric?: Dec;
  /** Intensity rows: the denominator's unit printed after the "/". */
  per?: string;
}

export interface PublishedRow {
  /** The id of the table it is printed in. */
  table: string;
  metric: string;
  label: string;
  /** The unit as printed ("噸/百萬", "MWh"). */
  unit: string;
  /** The printed unit read: what the row's figures are in, and, for an intensity, what they are per. */
  printedUnit: PrintedUnit;
  source: SourceRef;
  cells: PublishedCell[];
}

/** A row of a breakdown block as printed: what it is, its unit and its figures (cells keyed by the table's columns). */
export interface BreakdownRow {
  label: string;
  /** A metric at the column's node (a gas, a scope), or the breakdown's total metric at a tree node (a region). */
  target: { metric: string } | { node: string };
  /** As printed (or stated once); read as a unit of the total's metric. */
  unit: string;
  printedUnit: PrintedUnit;
  source: SourceRef;
  /** One per column of the table; `metric` is the breakdown's total. */
  cells: PublishedCell[];
}

export interface BreakdownBlock {
  id: string;
  /** The heading as printed. */
  heading: string;
  of: "metrics" | "nodes";
  source: SourceRef;
  rows: BreakdownRow[];
}

/** One quantity broken down several ways in one table (manifest `breakdowns`): each block against the same total. */
export interface Breakdown {
  id: string;
  table: string;
  /** The metric of the printed total. */
  total: string;
  blocks: BreakdownBlock[];
}

export interface Column {
  /**
   * The node's id for the report's own period (so facility columns are named like their facility);
   * "node@period" for another period, or the id the manifest gives.
   */
  id: string;
  printed: string;
  node: string;
  /** The period its figures are for (a change column: the later one). */
  period: string;
  /** The document its figures come from, when not this report. */
  report?: string;
  /** A year-on-year change column, in percent. */
  change?: { from: string; to: string };
}

/** One printed table: its columns (each a node in a period) and its rows (each a metric), cells as printed. */
export interface PublishedTable {
  /** Stable id, used in findings and JSON ("published" for files.published). */
  id: string;
  /** Its heading as printed (manifest "tables[].title"; for files.published, "report.table"). */
  title?: string;
  /** The file it was read from, as named in messages. */
  file: string;
  columns: Column[];
  rows: PublishedRow[];
  /** The table's fields as read (header and records, every field as printed): the corrected table is written in it. */
  layout: { header: string[]; records: string[][] };
}

/** The measure of a revenue denominator (intensities per revenue); others (units produced, employees) are named by datasets. */
export const REVENUE = "revenue";

/**
 * Whether a measure is money: the revenue, or a part of it named "revenue-…" (ESRS E1-5 AR 36's net revenue from
 * activities in high climate impact sectors, "revenue-high-climate-impact"). Its denominators are in a currency.
 */
export const isRevenueMeasure = (measure: string): boolean => measure === REVENUE || measure.startsWith("revenue-");

export interface Denominator {
  id: string;
  labels: Labels;
  printed: string;
  value: Dec;
  /** Decimals to show the value with: its printed precision ("36,136.4" → 1; "361億" as RMB million → 0). */
  scale: number;
  interval: Interval;
  unit: string;
  isDefault: boolean;
  /** The period it is the revenue of. */
  period: string;
  /** The node it belongs to (the tree's root: the company's revenue) and what it measures ("revenue"). */
  node: string;
  measure: string;
  source: { document: string; issuer?: string; date?: string; quote?: string; url?: string };
  description?: string;
  /** Where it was declared (manifest or command line). */
  origin: string;
  /** Its unit's place in the manifest, for errors about the unit (absent for --revenue). */
  unitAt?: { file: string; line?: number; column?: number; excerpt?: string };
}

/** A slot of the streaming reader's results (CompactActivity.slotOf). */
export interface SlotRef {
  readonly scan: ScannedActivity;
  readonly s: number;
  readonly file: Pick<CsvTable, "file" | "name">;
}

/** A figure and its interval as integers at one scale: each is the integer × 10^-scale. */
export interface ScaledFigure {
  value: bigint;
  lo: bigint;
  hi: bigint;
  scale: number;
}

/**
 * The streaming reader's result kept compact: typed arrays per slot, no Decimal per site. Roll-ups read the
 * slots directly (compute/recompute.ts); a site's own values are built only when something asks for them.
 */
export interface CompactActivity {
  scans: { scan: ScannedActivity; file: Pick<CsvTable, "file" | "name"> }[];
  leafIds: readonly string[];
  leafIndex: ReadonlyMap<string, number>;
  /** Slots in all files. */
  count: number;
  /** Rows read. */
  rows: number;
  /** Periods (indexes into the dataset's) that have at least one slot. */
  periodsWithData: ReadonlySet<number>;
  valuesOf(leaf: string): ActivityValue[];
  /** One site's value for one period and metric, without building the rest of the site. */
  valueOf(leaf: string, period: string, metric: string): ActivityValue | undefined;
  /** Where a site's value for a period and metric is summed (for figureAt and scaledAt), or undefined: none. */
  slotOf(leaf: string, period: string, metric: string): SlotRef | undefined;
  /** That value's figure and interval alone (valueOf's `value` and `interval`, without the rest). */
  figureAt(slot: SlotRef): { value: Dec; interval: Interval };
  /** The same as integers at one scale; undefined when the rows are in another unit than the metric's. */
  scaledAt(slot: SlotRef): ScaledFigure | undefined;
}

/**
 * The activity data as whichever reader read it: the reference reader's one value per facility, period and metric,
 * or the streaming reader's slots (sites built on demand). model/activitySource.ts answers the questions both get.
 */
export type ActivitySource =
  | { reader: "reference"; values: ActivityValue[]; files: string[] }
  | { reader: "streaming"; compact: CompactActivity; files: string[] };

/** A printed part is never larger than its printed whole, in every column that prints both. */
export interface PartOfRule {
  part: string;
  whole: string;
}

export interface Dataset {
  id: string;
  /** How the published table prints its figures (manifest "numbers.format"); absent: 1,234.5. */
  numberStyle?: NumberStyle;
  company: Labels;
  reportTitle: Labels;
  reportLanguage: Lang;
  period: { label: string; start: string; end: string };
  /** Every period's label, the report's own first. */
  periods: string[];
  /** The same periods with their dates (monthly activity rows are placed by them). */
  periodRanges: { label: string; start: string; end: string }[];
  currency: string;
  tree: ReportingTree;
  denominators: Denominator[];
  /** The published tables as printed: files.published, then the manifest's "tables". Reach a cell through model/columns.ts. */
  tables: PublishedTable[];
  /** Breakdowns the tables print (manifest `breakdowns`); absent: none. */
  breakdowns?: Breakdown[];
  activity: ActivitySource;
  footnotes: { marker: string; text: Labels }[];
  catalogue: Catalogue;
  /** Statements the report makes in prose, parsed (files.claims). */
  claims: ClaimEntry[];
  /** Findings a reviewer has judged (files.acknowledged); null: no such file, or not read (--no-acknowledged). */
  acknowledged: { file: string; name: string; entries: AckEntry[] } | null;
  /** files.acknowledged, or acknowledged.csv: where `acknowledge` writes (relative to the dataset folder). */
  acknowledgedName: string;
  /** "Of which" rules the manifest adds (`partOf`) to those its catalogue's metrics declare. */
  partOf: PartOfRule[];
  /** Factors the manifest pins (null: the library's defaults), and where each pin is written. */
  factorPins: FactorPins | null;
  /**
   * The reporting standards the dataset declares it follows (manifest "standards": "ESRS", "GRI", "HKEX", "IFRS-S2",
   * "GHG-Protocol"); empty when it declares none. Decides what a standard requires, e.g. market-based scope 2 (ESRS).
   */
  standards?: readonly string[];
  /** What resolving the GWP set left out (a gas the set has no value for): said in the report, never silent. */
  gwpNotes?: readonly Message[];
  pinLocations: Record<string, { file: string; line?: number; column?: number; excerpt?: string }>;
}

/** The columns of an acknowledged findings file (model/acknowledgements.ts reads it). */
export type AckColumn =
  | "metric"
  | "column"
  | "claim"
  | "kind"
  | "status"
  | "published"
  | "recomputed"
  | "denominator"
  | "factors"
  | "materiality"
  | "reason"
  | "by"
  | "at";

/** One judged finding: what it said when judged, who judged it, when and why. */
export interface AckEntry extends Record<AckColumn, string> {
  /** metric/column/kind, or claim/ID: the finding it judges (a finding's stable key). */
  key: string;
  source: SourceRef;
}
