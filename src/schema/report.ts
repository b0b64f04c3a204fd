// The JSON report: the contract CI jobs and other programs rely on. Defined once here; schema/report.schema.json
// is generated from it (npm run schema) and the tests validate every JSON report against that file.
import { z } from "zod";
import { STATUSES } from "../findings/status.js";

const DecimalString = z.string().regex(/^-?\d+(\.\d+)?$/).describe("an exact decimal written as a string");
const IntervalJson = z.tuple([DecimalString, DecimalString]).describe("[lo, hi], closed");
const Status = z.enum(STATUSES);

const Source = z.strictObject({
  file: z.string(),
  line: z.number().int().positive(),
  column: z.number().int().positive().optional(),
  cell: z.string().optional().describe("for a workbook sheet (file is \"book.xlsx!Sheet\", line its row): the cell, e.g. \"C12\""),
  formula: z.string().optional().describe("the workbook cell's formula, e.g. \"=SUM(D4:E4)\"; its stored result is the value read"),
});

const PartOfRule = z.enum(["declared", "tree"]).describe("declared: an \"of which\" rule of the catalogue or the manifest (partOf); tree: a reporting unit inside its parent, for a metric summed from non-negative figures");

const AckChangeJson = z.strictObject({ field: z.enum(["published", "recomputed", "status", "denominator", "factors", "materiality"]), then: z.string().describe("as acknowledged"), now: z.string().describe("as the check finds it today") });

export const AckJson = z.strictObject({
  state: z.enum(["acknowledged", "changed"]).describe("acknowledged: unchanged since judged, shown but not failing; changed: something it recorded differs, it fails again"),
  by: z.string(),
  at: z.string(),
  reason: z.string(),
  changes: z.array(AckChangeJson),
});

export const FindingJson = z.strictObject({
  metric: z.string().describe("stable metric id from the catalogue, e.g. ghg.total or energy.intensity"),
  column: z.string().describe("stable column id: the reporting-tree node for the report's own period (nanjing, total), node@period for another year, node@from..to for a change column, or the manifest's id; in a table of the manifest's `tables`, the same prefixed with `<table id>:`; see `columns`"),
  table: z.string().describe("the id of the published table the cell is in (see `tables`): \"published\" for files.published"),
  label: z.string().describe("the metric's label in the requested language"),
  unit: z.string(),
  references: z.strictObject({
    hkex: z.string().optional().describe("HKEX ESG Reporting Code KPI, e.g. A1.2"),
    gri: z.string().optional().describe("GRI disclosure, e.g. 305-1"),
    esrs: z.string().optional().describe("ESRS XBRL taxonomy element (EFRAG, 2023-12-22), e.g. esrs_GrossScope1GreenhouseGasEmissions"),
    esrsMember: z.string().optional().describe("the dimension member that narrows the element, e.g. esrs_Category6BusinessTravelMember for scope 3 category 6"),
    esrsParagraph: z.string().optional().describe("ESRS E1 disclosure requirement and paragraphs (Delegated Regulation (EU) 2023/2772), e.g. E1-6 §44(a)"),
    ifrsS2: z.string().optional().describe("IFRS S2 paragraph, e.g. 29(a)(i)(1)"),
  }).describe("where the metric sits in the frameworks, where it has a datapoint: HKEX KPI, GRI disclosure, ESRS datapoint, IFRS S2 paragraph"),
  kind: z.enum(["input", "sum", "identity", "intensity", "ratio", "change", "recalculation", "boundary", "part-of", "breakdown"]).describe("how the recomputed value was obtained (ratio: a share or rate, a sum of terms ÷ a sum of terms); part-of: a printed part compared with its printed whole (no recomputed value: see `whole`); breakdown: a block of a breakdown (by gas, by region) added up as printed and compared with the printed total (`recomputed`: the block's sum; the cause names the block and its rows)"),
  status: Status,
  published: z.string().describe("the cell's text as printed"),
  publishedValue: DecimalString.nullable().describe("the printed number as a decimal; null for / or blank"),
  recomputed: DecimalString.nullable().describe("the recomputed value rounded half-up to the published precision; null when the data cannot produce it"),
  recomputedValue: DecimalString.nullable().describe("the recomputed value to 6 more decimals than published (exact for sums)"),
  difference: DecimalString.nullable().describe("recomputed − publishedValue"),
  publishedInterval: IntervalJson.nullable(),
  recomputedInterval: IntervalJson.nullable(),
  source: Source.describe("the published cell, relative to the dataset folder"),
  relativeDifference: DecimalString.nullable().optional().describe("recalculation findings: (recalculated − published) ÷ published"),
  factors: z.array(z.string()).optional().describe("recalculation and boundary findings: ids of the library factors used"),
  method: z.string().nullable().optional().describe("recalculation findings of scope 1: the method (cn-guideline, ipcc-2006)"),
  whole: z.strictObject({
    metric: z.string(),
    column: z.string(),
    label: z.string(),
    published: z.string(),
    publishedValue: DecimalString,
    publishedInterval: IntervalJson,
    source: Source,
    rule: PartOfRule,
  }).optional().describe("part-of findings: the printed whole the printed part (this finding's cell) exceeds by more than rounding allows"),
  acknowledged: AckJson.optional().describe("present when the dataset's acknowledged file names this finding"),
  causes: z.array(z.strictObject({ code: z.string(), message: z.string() })).describe("why: rounding, denominator, denominator-ambiguous, scale-slip, scale-slip-ambiguous, sign-slip, one-component, components, component-sign, components-ambiguous, outside-scopes-added, netted-into-gross, other-method, transposition, restated, change-arithmetic, change-from-published, share-of-parent, from-published, formula, unexplained, no-data, not-published, factors, alternative-method, factor-range, pin-hint, nothing-to-recalculate, boundary, part-exceeds-whole, instruments-exceed-consumption, market-based-missing, gwp-set, gwp-set-ambiguous, breakdown-rows, breakdown-total, breakdown-unexplained, breakdown-row-data, breakdown-incomplete"),
});

const FactorRef = z.strictObject({ id: z.string(), value: z.string(), unit: z.string(), low: z.string().nullable(), high: z.string().nullable(), document: z.string(), attribution: z.enum(["confirmed", "uncertain"]) });

export const ImpliedJson = z.strictObject({
  facility: z.string(),
  kind: z.enum(["grid", "ncv", "combustion"]),
  activity: z.string(),
  unit: z.string().describe("unit of value and interval, in base units (e.g. tCO2e/MWh, MWh/m3)"),
  value: DecimalString.nullable().describe("null: not applicable"),
  interval: IntervalJson.nullable(),
  reason: z.string().optional(),
  assumed: z.array(z.strictObject({ activity: z.string(), factors: z.array(z.string()) })),
  consistentWith: z.array(z.string()),
  closest: z.strictObject({ id: z.string(), relative: DecimalString }).nullable(),
  differsFrom: z.array(z.string()),
});

const DenominatorFitJson = z.strictObject({ id: z.string(), printed: z.string(), interval: IntervalJson, consistentWith: z.array(z.string()), inconsistentWith: z.array(z.string()) });
export const DenominatorAnalysisJson = z.strictObject({
  intensities: z.array(z.strictObject({
    metric: z.string(),
    column: z.string().describe("the published column the intensity is printed in"),
    node: z.string(),
    period: z.string(),
    measure: z.string().describe("what it is per: \"revenue\", or a measure the dataset names (\"vehicles-produced\", …)"),
    published: z.string(),
    impliedDenominator: IntervalJson.nullable(),
    consistentWith: z.array(z.string()).describe("declared denominators of its node, period and measure that fit"),
  })),
  intersection: IntervalJson.nullable().describe("the company's revenue in the report's period: what all its intensities allow"),
  denominators: z.array(DenominatorFitJson).describe("the company's revenues of the report's period"),
  groups: z.array(z.strictObject({
    node: z.string(),
    period: z.string(),
    measure: z.string(),
    intersection: IntervalJson.nullable(),
    denominators: z.array(DenominatorFitJson),
  })).describe("every other node, period and measure with a printed intensity (a site's revenue, vehicles produced, a prior year)"),
});

export const ReportJson = z.strictObject({
  schemaVersion: z.literal(4).describe("2: findings' `acknowledged`, the report's `acknowledged`; 3: `tables`, and the `table` of every column and finding; the denominator analysis at every node, period and measure (`intensities[].column/node/period/measure`, `groups`); findings of kind `ratio` (shares and rates); findings' `references` with the ESRS datapoint (`esrs`, `esrsMember`, `esrsParagraph`) and the IFRS S2 paragraph (`ifrsS2`); 4: findings of kind `breakdown` (a block of rows that does not add up to the table's printed total, or a row of it the data contradict)"),
  tool: z.literal("esg-recalc"),
  dataset: z.strictObject({ id: z.string(), company: z.string(), report: z.string(), period: z.string(), periods: z.array(z.string()).describe("every period the dataset holds, the report's own first") }),
  tables: z.array(z.strictObject({
    id: z.string().describe("\"published\" for files.published, else the manifest's tables[].id"),
    title: z.string().optional().describe("the table's heading as printed (manifest tables[].title; for files.published, report.table)"),
    file: z.string().describe("the file it was read from, relative to the dataset folder"),
  })).describe("the published tables, in the manifest's order: files.published first"),
  columns: z.array(z.strictObject({
    id: z.string().describe("what findings' `column` refers to"),
    table: z.string().describe("the id of the table the column is in"),
    printed: z.string(),
    label: z.string(),
    node: z.string(),
    period: z.string().describe("a change column: the later period"),
    report: z.string().optional().describe("the document its figures come from, when not this report"),
    change: z.strictObject({ from: z.string(), to: z.string() }).optional().describe("a year-on-year change column, in percent"),
  })).describe("the published tables' columns, table by table, each in its table's order"),
  denominator: z.strictObject({
    id: z.string(),
    label: z.string(),
    printed: z.string(),
    value: DecimalString,
    interval: IntervalJson,
    unit: z.string(),
    source: z.string(),
  }).nullable().describe("null when the dataset declares no denominator and none was given"),
  failOn: z.union([Status, z.literal("none")]),
  verdict: z.enum(["pass", "fail"]),
  counts: z.strictObject(Object.fromEntries(STATUSES.map((s) => [s, z.number().int().nonnegative()])) as Record<(typeof STATUSES)[number], z.ZodNumber>),
  findings: z.array(FindingJson).describe("in the published table's order; with --problems only those whose status is not match (counts still count every finding)"),
  problemsOnly: z.literal(true).optional().describe("present when --problems left out the findings whose status is match"),
  factors: z.strictObject({
    materiality: DecimalString,
    scope1Method: z.string(),
    pinned: z.array(z.string()).describe("which choices the dataset pins; the others are the library's defaults"),
    notes: z.array(z.string()).describe("what could not be recalculated and why"),
    used: z.array(FactorRef),
  }).nullable().describe("null when the recalculation, implied-factor and boundary checks are all switched off"),
  impliedFactors: z.array(ImpliedJson),
  claims: z.array(z.strictObject({
    id: z.string(),
    text: z.string().describe("the statement as the report prints it"),
    expression: z.string(),
    reference: z.string().optional(),
    verdict: z.enum(["supported", "contradicted", "undecidable"]),
    left: z.strictObject({ value: DecimalString, interval: IntervalJson }).nullable(),
    right: z.strictObject({ value: DecimalString, interval: IntervalJson }).nullable(),
    reason: z.string(),
  })).describe("the dataset's claims file; a contradicted claim fails the run like a mismatch"),
  denominatorAnalysis: DenominatorAnalysisJson.nullable(),
  acknowledged: z.strictObject({
    file: z.string().nullable().describe("the acknowledged file relative to the dataset folder; null: none read (no file, or --no-acknowledged)"),
    count: z.number().int().nonnegative().describe("acknowledgements that hold: their findings are shown but do not fail the run"),
    changed: z.number().int().nonnegative().describe("acknowledgements whose finding has changed since: they fail the run"),
    stale: z.number().int().nonnegative().describe("acknowledgements whose finding is gone"),
    entries: z.array(z.strictObject({
      key: z.string().describe("metric/column/kind, or claim/ID"),
      metric: z.string().nullable(),
      column: z.string().nullable(),
      claim: z.string().nullable(),
      kind: z.string(),
      state: z.enum(["acknowledged", "changed", "stale"]),
      status: z.string().describe("the status as acknowledged"),
      by: z.string(),
      at: z.string(),
      reason: z.string(),
      changes: z.array(AckChangeJson),
      source: z.strictObject({ file: z.string(), line: z.number().int() }),
    })).describe("every row of the acknowledged file, in its order"),
  }),
  partOf: z.array(z.strictObject({
    rule: PartOfRule,
    verdict: z.enum(["holds", "rounding", "violated"]).describe("rounding: the part prints above its whole, but the figures' rounding allows it; violated: every value the part's figure stands for exceeds every value the whole's does (a part-of finding)"),
    part: z.strictObject({ metric: z.string(), column: z.string(), published: z.string() }),
    whole: z.strictObject({ metric: z.string(), column: z.string(), published: z.string() }),
    explainedBy: z.strictObject({ metric: z.string(), column: z.string() }).nullable().describe("a violation whose part or whole is itself a mismatch of the arithmetic checks: that cell's finding reports the error, and the violation is no finding of its own"),
  })).describe("every printed part compared with its printed whole, in the table's order; with --problems only those that do not simply hold"),
});
export type ReportJson = z.infer<typeof ReportJson>;
export type FindingJson = z.infer<typeof FindingJson>;
