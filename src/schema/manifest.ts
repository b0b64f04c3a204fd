// manifest.json of a dataset folder. Documented field by field in docs/dataset-format.md.
import { z } from "zod";
import { CELL_MEANINGS, DecimalText, Id, Labels, Lang, NUMBER_STYLES } from "./common.js";
import { FactorPins } from "./recalculation.js";
import { MetricEntry, SectionEntry, UnitEntry } from "./catalogue.js";

const Period = z.strictObject({
  label: z.string().min(1),
  start: z.iso.date(),
  end: z.iso.date(),
  description: z.string().optional(),
});

/** Which sheet of an .xlsx workbook holds a table, and where on it (A1 notation); without a range, the whole sheet. */
const SheetPlace = { sheet: z.string().min(1).optional(), range: z.string().min(1).optional() };

/** Reporting standards a manifest can declare (`standards`). */
export const STANDARDS = ["ESRS", "GRI", "HKEX", "IFRS-S2", "GHG-Protocol"] as const;

/** A published column: the tree node (and period) its figures are for. */
const ColumnEntry = z.strictObject({
  /** Needed only to tell apart two columns for the same node and period (e.g. a figure as first published). */
  id: z.string().regex(/^[a-z0-9][a-z0-9._@-]*$/, "lower-case id: letters, digits, '.', '_', '-' or '@'").optional(),
  printed: z.string().min(1),
  node: Id,
  /** Label of a period from "period" or "periods"; default: the report's period. */
  period: z.string().min(1).optional(),
  /** The document the column's figures come from, when not this report (e.g. "2022 ESG report"). */
  report: z.string().min(1).optional(),
  /** A year-on-year change column: (to − from) ÷ from, printed in percent. */
  change: z.strictObject({ from: z.string().min(1), to: z.string().min(1) }).optional(),
  description: z.string().optional(),
});

/**
 * A unit stated once for rows that print none: for the whole published table ("單位：千公噸"), under a heading
 * (matched with the row's section column as printed) or for a column. A unit a row prints itself (unit column or
 * label) wins; a row keeps one unit, so its figures may not stand in columns stated in different units.
 */
const PrintedUnits = z.strictObject({
  table: z.string().min(1).optional(),
  sections: z.array(z.strictObject({ section: z.string().min(1), unit: z.string().min(1) })).optional(),
  /** By column (its id or printed title): for rows whose figures all stand in columns stated in one unit. */
  columns: z.array(z.strictObject({ column: z.string().min(1), unit: z.string().min(1) })).optional(),
  description: z.string().optional(),
});

/**
 * Issue 14: a table's layout as printed. `headerRows: 2`: a two-level header — headings over several columns (a
 * year, a site) above each column's own sub-heading (a method, a year), read together as the column's title.
 */
const TableLayout = z.strictObject({
  headerRows: z.union([z.literal(1), z.literal(2)]).optional(),
  description: z.string().optional(),
});

/** A table file: a CSV file, or a workbook's sheet (`sheet`, and `range` such as "B3:H40"). */
const TableFile = z.union([z.string().min(1), z.strictObject({ path: z.string().min(1), ...SheetPlace, description: z.string().optional() })]);

/** Columns a table prints for a base year or targets (ESRS E1 AR 48): read past by their printed titles, never checked. */
const UncheckedColumns = z.array(z.strictObject({ printed: z.string().min(1), description: z.string().optional() }));

/**
 * Issue 14: one quantity broken down two ways in one table, each breakdown checked against the same printed total.
 * A block starts at a row printing its `heading` alone (no unit, no figures: "By gas", "By region") and holds the
 * rows below it until the next heading or the total's row; each row is a metric (`"of": "metrics"`: a gas, a scope)
 * at the column's node, or the total's metric at a tree node (`"of": "nodes"`: a region, a site), read by its label.
 */
const BreakdownBlock = z.strictObject({
  id: Id,
  heading: z.string().min(1),
  of: z.enum(["metrics", "nodes"]),
  description: z.string().optional(),
});
const Breakdowns = z.array(
  z.strictObject({
    id: Id,
    /** The metric of the printed total every block is checked against (a row of the same table). */
    total: z.string().min(1),
    /** The total row's label as printed, when it is no label of the metric ("Total" after the last block). */
    totalLabel: z.string().min(1).optional(),
    blocks: z.array(BreakdownBlock).min(1),
    description: z.string().optional(),
  }),
);

/**
 * Issue 14: more published tables besides files.published (an energy table by site, a GHG table by year), each
 * with its own file, columns (periods) and printed units, all checked against the one set of activity data.
 */
const ExtraTable = z.strictObject({
  id: Id,
  /** The table's heading as printed ("Table 3: GHG emissions by year"), shown with its findings. */
  title: z.string().min(1).optional(),
  file: TableFile,
  columns: z.array(ColumnEntry).min(1),
  printedUnits: PrintedUnits.optional(),
  layout: TableLayout.optional(),
  /** As the manifest's `uncheckedColumns`, for this table. */
  uncheckedColumns: UncheckedColumns.optional(),
  /** As the manifest's `breakdowns`, for this table. */
  breakdowns: Breakdowns.optional(),
  description: z.string().optional(),
});

export const Manifest = z.strictObject({
  $schema: z.string().optional(),
  formatVersion: z.literal(1),
  description: z.string().optional(),
  id: Id,
  company: Labels,
  report: z.strictObject({
    title: Labels,
    language: Lang,
    table: z.string().optional(),
    source: z.string().optional(),
  }),
  /** The report's own period: activity rows and columns without a period belong to it. */
  period: Period,
  /** Other periods the dataset holds data or published figures for (prior years), by label. */
  periods: z.array(Period).optional(),
  currency: z.string().regex(/^[A-Z]{3}$/, "ISO 4217 code, e.g. CNY"),
  encoding: z.enum(["utf-8", "gb18030"]).default("utf-8"),
  /**
   * How the dataset prints numbers: "format" (thousands separator and decimal mark; undeclared, 1,234.5 with an
   * ambiguous 1.234 refused) and what the published table's non-numeric cells mean ("markers": "-", "—", "N/A",
   * "不適用", "" for blank → not-applicable, zero or not-reported).
   */
  numbers: z
    .strictObject({
      description: z.string().optional(),
      format: z.enum(NUMBER_STYLES).optional(),
      markers: z.record(z.string(), z.enum(CELL_MEANINGS)).optional(),
    })
    .optional(),
  tree: z
    .array(
      z.strictObject({
        id: Id,
        parent: Id.optional(),
        labels: Labels,
        description: z.string().optional(),
      }),
    )
    .min(1),
  columns: z.array(ColumnEntry).min(1),
  denominators: z
    .array(
      z.strictObject({
        id: Id,
        default: z.boolean().optional(),
        /** Label of the period it is the revenue (or other measure) of; default: the report's period. */
        period: z.string().min(1).optional(),
        /** The tree node it belongs to (a site's own revenue or output); default: the tree's root (the company). */
        node: Id.optional(),
        /**
         * What it measures; intensity metrics of the same "measure" are divided by it. Default "revenue" (a currency
         * unit); any other id names a measure such as "vehicles-produced", "product-tonnes", "employees", "floor-area",
         * "revenue-high-climate-impact" (net revenue from activities in high climate impact sectors, ESRS E1-5 AR 36).
         */
        measure: Id.optional(),
        labels: Labels,
        printed: z.string().min(1),
        value: z.string().optional(),
        multiplier: DecimalText.optional(),
        unit: z.string().min(1),
        source: z.strictObject({
          document: z.string().min(1),
          issuer: z.string().optional(),
          date: z.string().optional(),
          quote: z.string().optional(),
          url: z.string().optional(),
        }),
        description: z.string().optional(),
      }),
    )
    .default([]),
  files: z.strictObject({
    /** The published table: a CSV file, or a workbook's sheet (`sheet`, and `range` such as "B3:H40"). */
    published: TableFile,
    /** Activity files; `additive`: several rows for one facility, metric and month are summed (several meters), not an error. */
    activity: z.array(z.union([z.string().min(1), z.strictObject({ path: z.string().min(1), additive: z.boolean().optional(), ...SheetPlace, description: z.string().optional() })])).min(1),
    /** More tree nodes, one per row (id,parent,label): for trees of thousands of sites. */
    tree: z.string().min(1).optional(),
    /** The dataset's own factor files (same columns as data/factors/factors.csv), added to the library. */
    factors: z.array(z.string().min(1)).optional(),
    /** Statements the report makes in prose, as comparisons over metrics (docs/dataset-format.md). */
    claims: z.string().min(1).optional(),
    /** Findings a reviewer has judged (default: acknowledged.csv, when the dataset folder has one). */
    acknowledged: z.string().min(1).optional(),
  }),
  /**
   * The reporting standards the report follows: what they require is checked (ESRS: market-based scope 2 beside
   * location-based, E1-6 §49). Absent: none declared, nothing a particular standard alone requires is asked for.
   */
  standards: z.array(z.enum(STANDARDS)).optional(),
  /** Metrics (and sections) this dataset adds to the built-in catalogue, in the catalogue's own format. */
  sections: z.array(SectionEntry).optional(),
  metrics: z.array(MetricEntry).optional(),
  /** Spellings this dataset's report prints for metrics the catalogue (or `metrics` above) has: more names, not new metrics. */
  aliases: z.array(z.strictObject({ metric: Id, text: z.string().min(1), description: z.string().optional() })).optional(),
  /** Units this dataset's report prints that the tool does not know, each with its exact ratio to its dimension's base unit. */
  units: z.array(UnitEntry).optional(),
  /**
   * A unit stated once for rows that print none: for the whole published table ("單位：千公噸"), under a heading
   * (matched with the row's section column as printed) or for a column. A unit a row prints itself (unit column or
   * label) wins; a row keeps one unit, so its figures may not stand in columns stated in different units.
   */
  printedUnits: PrintedUnits.optional(),
  /** More published tables (issue 14): see ExtraTable. */
  tables: z.array(ExtraTable).optional(),
  /** The layout of files.published as printed (a two-level header): see TableLayout. */
  layout: TableLayout.optional(),
  /** One quantity broken down two ways in files.published (by gas and by region), each block against the same total. */
  breakdowns: Breakdowns.optional(),
  /**
   * Precision a footnote declares ("values are rounded to the nearest thousand"), coarser or finer than the digits
   * show: for the table (no metric, no column), a row (metric) or a cell (metric and column). `roundedTo` is a power
   * of ten ("1000", "1", "0.01"); the printed figure's interval is ± half of it.
   */
  precision: z.array(z.strictObject({
    metric: Id.optional(),
    column: z.string().min(1).optional(),
    roundedTo: z.string().regex(/^(1(0)*|0\.(0)*1)$/, 'a power of ten such as "1000", "1" or "0.01"'),
    description: z.string().optional(),
  })).optional(),
  /**
   * Whether the table's "Total GHG emissions" (and its net total and intensity) include scope 3: for the whole table
   * (`table`) or for rows under a heading as printed (`sections`, which win). Undeclared: they do not (scope 1 + 2).
   */
  scope3InTotals: z.strictObject({
    table: z.boolean().optional(),
    sections: z.array(z.strictObject({ section: z.string().min(1), includes: z.boolean(), description: z.string().optional() })).optional(),
    description: z.string().optional(),
  }).optional(),
  /**
   * Columns the published table prints that are not checked: a base year, targets and milestones (ESRS E1 AR 48:
   * 2025, 2030, 2050). Their figures are read as text and left alone.
   */
  uncheckedColumns: UncheckedColumns.optional(),
  /** "Of which" rules between metrics the catalogue (or `metrics` above) already has: a printed part never exceeds its whole. */
  partOf: z.array(z.strictObject({ part: Id, whole: Id, description: z.string().optional() })).optional(),
  /** Factors this dataset's report used, pinned by id (data/factors/factors.csv or a --factors file). */
  factors: FactorPins.optional(),
  footnotes: z
    .array(z.strictObject({ marker: z.string(), text: Labels }))
    .default([]),
});
export type Manifest = z.infer<typeof Manifest>;
