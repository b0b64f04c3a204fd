import { z } from "zod";

const KEYS = [
  "metric", "unit", "column", "published", "recomputed", "difference", "status", "denominator", "findings", "summary", "checked", "failing", "passing", "failingClaims",
  "verdictPass", "verdictFail", "noProblems", "status.match", "status.rounding", "status.mismatch", "status.missing", "status.omitted",
  "kind.input", "kind.sum", "kind.identity", "kind.intensity", "kind.ratio", "kind.change", "formula", "inputs", "interval", "verdict", "source", "causes",
  "status.within-materiality", "status.material", "status.incomplete", "kind.recalculation", "kind.boundary",
  "recalculations", "implied", "boundary", "denominators", "facility", "recalculated", "relative", "factors", "consistentWith",
  "impliedValue", "estimate", "share", "intensity", "impliedDenominator", "notApplicable", "moreChecks", "claims",
  "html.title", "html.publishedTable", "html.tableHelp", "html.charts", "html.analysis", "html.auditTrail", "html.backToTable", "html.generated", "chart.shares", "chart.sharesNote", "chart.tolerance", "chart.toleranceNote", "chart.toleranceLine", "chart.materiality", "chart.materialityNote", "chart.materialityBand", "chart.implied", "chart.impliedNote", "chart.impliedGrid", "chart.impliedNcv", "chart.impliedCombustion", "chart.method", "github.more", "github.stepSummary", "progress.reading", "progress.read", "progress.rows", "progress.wrote",
  "analysis.materiality", "analysis.note", "analysis.nothingRecalculated", "analysis.noActivity", "analysis.boundaryComplete", "analysis.implied.grid", "analysis.implied.ncv", "analysis.implied.co2", "analysis.implied.zero", "analysis.implied.closest", "analysis.implied.assumes", "analysis.implied.differs", "claim.supported", "claim.contradicted", "claim.undecidable", "analysis.noDenominator", "analysis.allIntensities", "analysis.noCommon", "analysis.consistentWithNone", "analysis.notWith", "analysis.consistentWith",
  "kind.breakdown", "breakdowns", "breakdowns.block", "breakdowns.sum", "breakdowns.total", "breakdowns.summary", "breakdownChecks",
  "kind.part-of", "partOf", "partOf.part", "partOf.whole", "partOf.rule", "partOf.declared", "partOf.tree", "partOf.summary", "partOfChecks", "partOf.explained", "partOf.explainedCount",
  "ack.title", "ack.acknowledged", "ack.changed", "ack.stale", "ack.staleText", "ack.by", "ack.changes", "ack.summary", "ack.summaryChanged",
  "corrected.changes", "corrected.none", "corrected.printed", "corrected.noFigure", "corrected.notInTable",
  "analysis.finding", "claim.id", "claim.statement", "claim.expression", "claim.values", "analysis.printedAs", "analysis.inconsistentWith",
  "noDenominatorDeclared",
  "factorsTable.id", "factorsTable.kind", "factorsTable.activity", "factorsTable.value", "factorsTable.unit", "factorsTable.region", "factorsTable.year", "factorsTable.source", "factorsTable.attribution", "factorsTable.confirmed", "factorsTable.uncertain", "factorsTable.count.one", "factorsTable.count", "factorsTable.sources",
] as const;
export type MessageKey = (typeof KEYS)[number];

const Messages = z.strictObject(Object.fromEntries(KEYS.map((k) => [k, z.string().min(1)])) as Record<MessageKey, z.ZodString>);
export type Messages = z.infer<typeof Messages>;

export const UiFile = z.strictObject({
  description: z.string().optional(),
  messages: z.strictObject({ en: Messages, "zh-Hant": Messages, "zh-Hans": Messages }),
});
export type UiFile = z.infer<typeof UiFile>;
