// Labels and number text shared by the renderers.
import { kindOf } from "../model/metricKinds.js";
import { formatMessage, type MessageArg, type Texts } from "../findings/message.js";
import type { Cause } from "../findings/finding.js";
import { columnById, PUBLISHED_TABLE, publishedRow, tableOfColumn } from "../model/columns.js";
import type { Messages, MessageKey } from "../schema/ui.js";
import { label } from "../schema/common.js";
import { metricById, unitOf } from "../model/catalogue.js";
import type { Dec } from "../model/decimal.js";
import { trailingMarker } from "../model/footnoteMarker.js";
import { foldFigure, printNumber } from "../model/printedNumber.js";
import { REVENUE, type Dataset, type Lang, type PublishedTable } from "../model/types.js";
import type { Finding } from "../findings/finding.js";

export interface RenderContext {
  lang: Lang;
  messages: Messages;
  /** The sentences about findings (causes), by template. */
  texts: Texts;
}

export const t = (ctx: RenderContext, key: MessageKey): string => ctx.messages[key];

/** A cause (or any message of the catalogue) in the report's language. */
export const causeText = (ctx: RenderContext, m: Cause | MessageArg): string =>
  formatMessage(ctx.texts, ctx.lang, typeof m === "object" && "code" in m ? m.message : m);

export function metricLabel(dataset: Dataset, id: string, lang: Lang): string {
  const m = metricById(dataset.catalogue, id);
  return m ? label(m.labels, lang) : id;
}

const t0 = (lang: Lang) => (lang === "en" ? "denominator" : "分母");

export function nodeLabel(dataset: Dataset, node: string, lang: Lang): string {
  const n = dataset.tree.nodes.get(node);
  return n ? label(n.labels, lang) : node;
}

/** A column by the node it shows; with several periods also its period (or the change it prints) and its report. */
export function columnLabel(dataset: Dataset, id: string, lang: Lang): string {
  const column = columnById(dataset, id);
  const name = nodeLabel(dataset, column?.node ?? id, lang);
  // A column of a table other than files.published names its table: every format shows which table a cell is in.
  const table = column && dataset.tables.length > 1 ? tableOfColumn(dataset, id) : undefined;
  const of = table && table.id !== PUBLISHED_TABLE ? ` [${table.id}]` : "";
  if (!column || dataset.periods.length === 1) return `${name}${of}`;
  const when = column.change ? `${column.change.from}→${column.change.to} %` : column.period;
  return `${name} ${when}${column.report ? ` (${column.report})` : ""}${of}`;
}

/** A published table as shown above its cells: its printed title, else its id. */
export const tableTitle = (table: PublishedTable): string => table.title ?? table.id;

export function unitLabel(
  dataset: Dataset,
  metricId: string,
  denominatorUnit: string | undefined,
  lang: Lang,
  /** The column of the cell: a metric printed by several tables is shown in its table's unit. */
  column?: string,
): string {
  const m = metricById(dataset.catalogue, metricId);
  if (!m) return "";
  const name = (id: string) => {
    const u = dataset.catalogue.units.find((x) => x.id === id);
    return u ? label(u.labels, lang) : id;
  };
  // A row printed in another unit of the metric's dimension (GJ for MWh) is shown in the unit it is printed in.
  const row = publishedRow(dataset, metricId, column) ?? publishedRow(dataset, metricId);
  const of = row?.printedUnit.toMetric ? row.printedUnit.unit : unitOf(dataset.catalogue, m);
  // Per the unit its row is printed per (its denominators are converted to it); unprinted, per the revenue's unit.
  const per =
    m.kind === "intensity"
      ? (row?.printedUnit.per ?? (m.measure === REVENUE ? denominatorUnit : undefined))
      : denominatorUnit;
  return kindOf(m).perDenominator ? `${name(of)}/${per ? name(per) : t0(lang)}` : name(of);
}

/** Section path of a metric: "Waste › Non-hazardous waste". */
export function sectionPath(dataset: Dataset, metricId: string, lang: Lang): string {
  const m = metricById(dataset.catalogue, metricId);
  const parts: string[] = [];
  let s = dataset.catalogue.sections.find((x) => x.id === m?.section);
  while (s) {
    parts.unshift(label(s.labels, lang));
    const parent = s.parent;
    s = parent ? dataset.catalogue.sections.find((x) => x.id === parent) : undefined;
  }
  return parts.join(" › ");
}

export function signed(value: Dec, scale: number): string {
  const text = printNumber(value, scale);
  return value.gt(0) ? `+${text}` : text;
}

/**
 * The published cell for people: as printed, with the compatibility forms a figure may use folded (full-width digits,
 * no-break spaces; never NFKC, which would turn a footnote marker "35.0¹" into 35.01) and trimmed.
 */
/** " (footnote marker ¹, not part of the value)" when the published figure carries one, else "". */
export const markerNote = (f: Finding, ctx: RenderContext): string => {
  const m = f.publishedInterval ? trailingMarker(f.published, "figure") : null;
  return m ? ` (${causeText(ctx, { key: "phrase.explain.marker", args: { marker: m.marker } })})` : "";
};
export const recomputedText = (f: Finding): string =>
  f.recomputedRounded ? printNumber(f.recomputedRounded, f.displayScale) + (f.kind === "change" ? "%" : "") : "—";
export const differenceText = (f: Finding): string => (f.difference ? signed(f.difference, f.displayScale) : "");

/** For a part-of finding, the whole it is compared with: "Whole: Non-hazardous waste · Plant A 120.0"; else null. */
export function wholeText(f: Finding, dataset: Dataset, ctx: RenderContext): string | null {
  const w = f.whole;
  return w
    ? `${t(ctx, "partOf.whole")}: ${metricLabel(dataset, w.metric, ctx.lang)} · ${columnLabel(dataset, w.column, ctx.lang)} ${foldFigure(w.published).trim()}`
    : null;
}
