// The published table as printed, in the wide layout or the long one: labels matched after folding, units
// checked against the catalogue, every cell kept as its printed text.
import { kindOf } from "./metricKinds.js";
import type { CsvRecord, CsvTable } from "./source.js";
import { message, type InputError, type Message, type MessageArg, type MessageName } from "../findings/inputError.js";
import { label } from "../schema/common.js";
import { metricById, unitBySpelling, unitOf } from "./catalogue.js";
import { closest, editDistance, foldLabel, matchLabel, SUGGESTION_CHARS } from "./fold.js";
import { trailingMarker } from "./footnoteMarker.js";
import { Dec } from "./decimal.js";
import { CANONICAL, parsePublishedFigure } from "./printedNumber.js";
import { AMBIGUOUS_MARKERS, DEFAULT_READING, markerKey, type NumberReading } from "./numberReading.js";
import {
  isRevenueMeasure,
  type Breakdown,
  type BreakdownBlock,
  type BreakdownRow,
  type PublishedCell,
  type Catalogue,
  type CellText,
  type Column,
  type Metric,
  type PrintedUnit,
  type PublishedRow,
  type ReportingTree,
  type Unit,
} from "./types.js";
import { locate, readHeader, sourceAt, splitThousands } from "./csvFields.js";

/** `percent`: a change column, whose figures may carry a "%" sign. A footnote marker after a figure is kept on it. */
/** A cell: a figure, or what the dataset says a marker means; "zero" gets its row's decimals once the row is read. */
type ReadCell =
  CellText | { kind: "zero"; text: string } | { error: string; hint?: string; say?: Message; sayHint?: Message };

function readCell(
  text: string,
  percent: boolean,
  reading: NumberReading,
  nonNegative: boolean,
  canonical: boolean,
  /** A share or rate row (a ratio metric): its figures may carry a "%" sign, as change columns' do. */
  ratioRow = false,
): ReadCell {
  const key = markerKey(text);
  const meaning = reading.markers.get(key);
  if (meaning === "not-applicable") return { kind: "not-applicable" };
  if (meaning === "not-reported") return { kind: "blank" };
  if (meaning === "zero") return { kind: "zero", text };
  if (AMBIGUOUS_MARKERS.some((m) => markerKey(m) === key)) {
    return {
      error: `"${text.trim()}" may mean ${/^[-—]+$/.test(key) ? "zero or not applicable" : "not applicable or not available"}: reports differ`,
      hint: /^[-—]+$/.test(key)
        ? `say which in manifest.json: "numbers": { "markers": { "${text.trim()}": "zero" } } (or "not-applicable", "not-reported")`
        : `say which in manifest.json: "numbers": { "markers": { "${text.trim()}": "not-applicable" } } (or "not-reported", "zero")`,
      say: message(/^[-—]+$/.test(key) ? "error.marker-ambiguous.dash" : "error.marker-ambiguous", {
        text: text.trim(),
      }),
      sayHint: message(/^[-—]+$/.test(key) ? "error.marker-ambiguous.dash.hint" : "error.marker-ambiguous.hint", {
        json: `"numbers": { "markers": { "${text.trim()}": "${/^[-—]+$/.test(key) ? "zero" : "not-applicable"}" } }`,
        others: /^[-—]+$/.test(key) ? '"not-applicable", "not-reported"' : '"not-reported", "zero"',
      }),
    };
  }
  // A change column may always be negative; a metric's figure only where the metric may be.
  const signs = percent || !nonNegative;
  const parsed = parsePublishedFigure(text, percent || ratioRow, {
    format: canonical ? CANONICAL : reading.format,
    signs: true,
    below: !percent,
  });
  if (!parsed.ok)
    return {
      error: parsed.reason,
      ...(parsed.hint ? { hint: parsed.hint } : {}),
      ...(parsed.say ? { say: parsed.say } : {}),
      ...(parsed.sayHint ? { sayHint: parsed.sayHint } : {}),
    };
  if (parsed.number.negativeForm && !signs)
    return {
      error: `"${text.trim()}" is a negative figure (${parsed.number.negativeForm === "(" ? "in parentheses" : `marked ${parsed.number.negativeForm}`}), and this metric cannot be negative`,
      hint: "if the mark is not a sign, type the figure alone (a note goes in the footnotes)",
      say: message(
        parsed.number.negativeForm === "(" ? "error.cell-negative.parentheses" : "error.cell-negative.marked",
        { text: text.trim(), mark: parsed.number.negativeForm },
      ),
      sayHint: message("error.cell-negative.hint"),
    };
  if (parsed.number.below && !nonNegative)
    return {
      error: `"${text.trim()}" is a bound below, and this metric may be negative: it would have no lower end`,
      hint: "type the figure the report gives, or leave the cell blank",
      say: message("error.cell-bound-signed", { text: text.trim() }),
      sayHint: message("error.cell-bound-signed.hint"),
    };
  return { kind: "number", number: parsed.number };
}

/** A dash declared zero: 0 printed with the decimals of the row's figures (a "—" among 12.3 and 4.5 is 0.0). */
function zeroCell(text: string, rowScale: number): CellText {
  return { kind: "number", number: { text, value: new Dec(0), scale: rowScale } };
}

/**
 * A field's text, where it is, and (for the published table's cells) its index in the record; `at`: where the text
 * is in the table as read (record index, field index): the corrected table writes there.
 */
type Field = { text: string; where: ReturnType<typeof locate>; index?: number; at?: { record: number; field: number } };

/** One printed row, whatever the layout it came in: its label, unit, section and one cell per column id. */
interface RowDraft {
  line: number;
  label: Field;
  unit: Field;
  section?: Field;
  cells: Map<string, Field>;
}

/**
 * A row's cell in column `c`, read (a column the long layout does not list for the row counts as blank, located at the
 * row's label); a cell that is no figure is an error at its place, and null.
 */
function readRowCell(
  table: CsvTable,
  draft: RowDraft,
  c: Column,
  reading: NumberReading,
  nonNegative: boolean,
  ratioRow: boolean,
  errors: InputError[],
): { f: Field; cell: Exclude<ReadCell, { error: string }> } | null {
  const f = draft.cells.get(c.id) ?? { text: "", where: draft.label.where };
  // A workbook cell that stores a number holds the tool's own text for it (1,234.5), whatever the dataset's format.
  const canonical =
    f.index !== undefined && table.sheet?.numeric?.(draft.cells.has(c.id) ? (f.where.line ?? 0) : 0, f.index) === true;
  const cell = readCell(f.text, c.change !== undefined, reading, nonNegative, canonical, ratioRow);
  if (!("error" in cell)) return { f, cell };
  errors.push({
    code: "cell-invalid",
    ...f.where,
    found: f.text,
    message: `cell "${f.text}" in column ${c.printed}: ${cell.error}`,
    expected: 'a number as printed, "/" (not applicable) or blank',
    ...(cell.hint ? { hint: cell.hint } : {}),
    ...(cell.say
      ? {
          say: {
            message: message("error.cell-invalid", { text: f.text, column: c.printed, why: cell.say }),
            expected: message("error.cell-invalid.expected"),
            ...(cell.sayHint ? { hint: cell.sayHint } : {}),
          },
        }
      : {}),
  });
  return null;
}

/**
 * The published table, in the report's wide layout (section, label, unit, one column per manifest column) or in a
 * long layout (section, label, unit, column, value: one row per cell). Both become the same rows.
 */
/**
 * A unit stated once for rows that print none (manifest "printedUnits"): by the columns the row prints figures in,
 * else by the row's section as printed, else the table's. `conflict`: the row's figures stand in columns stated in
 * different units (a row has one unit).
 */
export type DeclaredUnit = (
  sectionText: string | undefined,
  columnsWithFigures: readonly Column[],
) => string | { conflict: string[] } | undefined;

export function buildPublished(
  tableId: string,
  table: CsvTable,
  columns: Column[],
  brokenHeaders: string[],
  catalogue: Catalogue,
  tree: ReportingTree,
  errors: InputError[],
  declaredUnit: DeclaredUnit = () => undefined,
  reading: NumberReading = DEFAULT_READING,
  /** Header rows of a wide table (manifest "layout.headerRows"): 2 for a two-level header (year × method). */
  headerRows: 1 | 2 = 1,
  /** Printed titles of columns the table prints but the check leaves alone (base year, targets): skipped, never an error. */
  uncheckedHeaders: readonly string[] = [],
  /** Whether a row's totals include scope 3 (manifest scope3InTotals), by the row's section as printed. */
  includesScope3: (section: string | undefined) => boolean = () => false,
  /** The table's breakdowns (manifest "breakdowns"): their blocks' rows are read into `breakdownsOut`, not as rows. */
  breakdowns: readonly BreakdownDecl[] = [],
  breakdownsOut: Breakdown[] = [],
): PublishedRow[] {
  const fold = (s: string) => foldLabel(s, catalogue.radicals);
  const printed = new Map(columns.map((c) => [c, [fold(c.printed)]]));
  // A printed title first (exactly, then without a footnote marker), else a column id.
  const columnOf = (text: string) => {
    const byTitle = matchLabel(text, columns, (c) => printed.get(c)!, catalogue.radicals);
    return byTitle.length === 1 ? byTitle[0] : columns.find((c) => c.id === text.trim());
  };
  const names = table.header.fields.map(fold);
  const long = names.includes("column") && names.includes("value");
  const drafts = long
    ? longDrafts(table, columns, tree, columnOf, brokenHeaders, uncheckedHeaders, fold, catalogue, errors)
    : wideDrafts(table, columns, columnOf, brokenHeaders, uncheckedHeaders, fold, errors, headerRows);
  if (!drafts) return [];
  if (drafts.length === 0) {
    errors.push({
      code: "table-empty",
      file: table.file,
      line: table.header.line,
      excerpt: table.header.text,
      message: "the published table has a header but no rows: there is nothing to check",
      hint: "transcribe the published table, one row per printed row",
      say: { message: message("error.table-empty"), hint: message("error.table-empty.hint") },
    });
    return [];
  }
  const rows: PublishedRow[] = [];
  const seen = new Map<string, PublishedRow>();
  const sectionAndBelow = (id: string) =>
    catalogue.sections.filter((s) => s.id === id || s.parent === id).map((s) => s.id);
  // A heading row inside the table ("Greenhouse gas emissions" on a line of its own, no unit, no figures): the section
  // of the rows below it that have no section of their own, until the next heading row.
  let heading: Field | undefined;
  // Breakdowns (manifest "breakdowns"): the block whose rows are being read, from its heading row to the next heading
  // or the total's row.
  const outs = breakdowns.map((d) => ({
    decl: d,
    out: { id: d.id, table: tableId, total: d.total, blocks: [] } as Breakdown,
  }));
  let open: { decl: BreakdownDecl; block: BreakdownBlock } | undefined;
  const blockHeading = (text: string) => {
    for (const { decl, out } of outs)
      for (const b of decl.blocks) if (fold(b.heading) === fold(text)) return { decl, out, b };
    return undefined;
  };
  for (const draft of drafts) {
    const { label: labelF, unit: unitF } = draft;
    const ownSection = draft.section && draft.section.text.trim() !== "" ? draft.section : undefined;
    if (!ownSection && unitF.text.trim() === "" && [...draft.cells.values()].every((c) => c.text.trim() === "")) {
      const starts = blockHeading(labelF.text);
      if (starts) {
        const block: BreakdownBlock = {
          id: starts.b.id,
          heading: labelF.text,
          of: starts.b.of,
          source: { file: table.file, name: table.name, line: draft.line },
          rows: [],
        };
        if (starts.out.blocks.some((x) => x.id === block.id)) {
          errors.push({
            code: "row-duplicate",
            ...labelF.where,
            message: `the heading "${labelF.text}" of breakdown block ${block.id} is printed twice`,
            say: { message: message("error.breakdown.heading-twice", { heading: labelF.text, id: block.id }) },
          });
          open = undefined;
          continue;
        }
        starts.out.blocks.push(block);
        open = { decl: starts.decl, block };
        continue;
      }
      // (also when the heading is a metric's name too — "Hazardous waste" over its "Total": a row that prints
      // neither a unit nor anything in any column has nothing to check)
      const heads = matchLabel(labelF.text, catalogue.sections, (x) => x.spellings, catalogue.radicals);
      if (heads.length === 1) {
        heading = labelF;
        open = undefined;
        continue;
      }
    }
    const sectionF = ownSection ?? heading ?? draft.section;
    let candidates: Metric[] = matchLabel(labelF.text, catalogue.metrics, (x) => x.spellings, catalogue.radicals);
    if (open) {
      const total = open.decl.total;
      const isTotal =
        (open.decl.totalLabel !== undefined && fold(open.decl.totalLabel) === fold(labelF.text)) ||
        candidates.some((c) => c.id === total);
      if (isTotal) {
        // The total's row ends the block and is read as a row of the total's metric.
        candidates = catalogue.metrics.filter((m) => m.id === total);
        open = undefined;
      } else {
        readBlockRow(
          draft,
          open.decl,
          open.block,
          table,
          columns,
          catalogue,
          tree,
          fold,
          declaredUnit,
          reading,
          errors,
        );
        continue;
      }
    }
    // A unit printed inside the label ("外購電力 (GJ)", "能源消耗量（百萬千瓦時）"): the label without it names the metric.
    let unitText = unitF.text;
    if (candidates.length === 0) {
      const inside = unitInLabel(labelF.text, catalogue);
      if (inside) {
        const named = matchLabel(inside.label, catalogue.metrics, (x) => x.spellings, catalogue.radicals);
        if (named.length) {
          const squeeze = (x: string) => x.normalize("NFKC").replace(/\s/gu, "");
          const columnUnit = unitF.text.trim();
          const agree =
            unitBySpelling(catalogue, columnUnit)?.id === inside.unit || squeeze(columnUnit) === squeeze(inside.text);
          if (columnUnit !== "" && !agree) {
            errors.push({
              code: "unit-mismatch",
              ...unitF.where,
              found: unitF.text,
              message: `the label "${labelF.text}" prints its unit (${inside.text}), and the unit column says "${unitF.text}"`,
              hint: "leave the unit column blank, or make the two agree",
              say: {
                message: message("error.label-unit-conflict", {
                  label: labelF.text,
                  inside: inside.text,
                  unit: unitF.text,
                }),
                hint: message("error.label-unit-conflict.hint"),
              },
            });
            continue;
          }
          candidates = named;
          unitText = inside.text;
        }
      }
    }
    // A row that prints no unit, under a heading (or in a table) that states one once.
    if (unitText.trim() === "") {
      const withFigures = columns.filter((c) => /\d/.test(draft.cells.get(c.id)?.text ?? ""));
      const declared = declaredUnit(sectionF?.text, withFigures);
      if (typeof declared === "object") {
        errors.push({
          code: "unit-mismatch",
          ...unitF.where,
          found: unitF.text,
          message: `the row prints no unit, and its figures stand in columns stated in different units (${declared.conflict.join(", ")}): a row has one unit`,
          hint: "write the row's unit in the unit column, or enter the columns as separate tables",
          say: {
            message: message("error.row-units-conflict", { units: declared.conflict.join(", ") }),
            hint: message("error.row-units-conflict.hint"),
          },
        });
        continue;
      }
      unitText = declared ?? unitText;
    }
    let inSection: ((m: Metric) => boolean) | null = null;
    if (sectionF && sectionF.text.trim() !== "") {
      const sections = matchLabel(sectionF.text, catalogue.sections, (s) => s.spellings, catalogue.radicals);
      const section = sections.length === 1 ? sections[0] : undefined;
      if (!section) {
        const nearest = closest(fold(sectionF.text), catalogue.sections, (s) => s.spellings[0] ?? "");
        const near = nearest.map((s) => `${label(s.labels, "zh-Hant")} (${s.labels.en})`);
        errors.push({
          code: "section-unknown",
          ...sectionF.where,
          found: sectionF.text,
          message: `unknown section "${sectionF.text}"`,
          hint: `closest known sections: ${near.join("; ")}`,
          say: {
            message: message("error.section-unknown", { found: sectionF.text }),
            // In Chinese a section by its label alone (its English label would be the only English word)
            hint: message("error.section-unknown.hint", {
              sections: {
                items: nearest.map((s) => ({ id: `${label(s.labels, "zh-Hant")} (${s.labels.en})`, labels: s.labels })),
                join: "phrase.join.semicolon",
              },
            }),
          },
        });
        continue;
      }
      const within = sectionAndBelow(section.id);
      inSection = (x) =>
        within.includes(x.section) || within.includes(catalogue.sections.find((s) => s.id === x.section)?.parent ?? "");
      candidates = candidates.filter(inSection);
    }
    if (candidates.length === 0) {
      errors.push({
        code: "label-unknown",
        ...labelF.where,
        found: labelF.text,
        message: `unknown row label "${labelF.text}"`,
        hint: `closest known labels: ${suggestLabels(labelF.text, catalogue, inSection)
          .map((x) => `${x.shown} (${x.metric.id})`)
          .join("; ")}`,
        say: {
          message: message("error.label-unknown", { found: labelF.text }),
          hint: message("error.label-unknown.hint", {
            labels: {
              items: suggestLabels(labelF.text, catalogue, inSection).map((x): MessageArg =>
                // the spelling closest to what was typed in English, the metric's label in Chinese; its id in both
                message("error.suggestion", { label: { id: x.shown, labels: x.metric.labels }, id: x.metric.id }),
              ),
              join: "phrase.join.semicolon",
            },
          }),
        },
      });
      continue;
    }
    // Several metrics fit the label: the section decided above, then the unit printed, then the dataset's own spellings.
    if (candidates.length > 1) {
      const byUnit = candidates.filter((c) => readPrintedUnit(catalogue, c, unitText) !== null);
      if (byUnit.length >= 1) candidates = byUnit;
    }
    if (candidates.length > 1 && catalogue.datasetSpellings) {
      const folded = fold(labelF.text);
      const own = candidates.filter((c) => catalogue.datasetSpellings!.get(c.id)?.includes(folded));
      if (own.length === 1) candidates = own;
    }
    if (candidates.length > 1) {
      errors.push({
        code: "label-ambiguous",
        ...labelF.where,
        found: labelF.text,
        message: `row label "${labelF.text}" fits ${candidates.map((c) => c.id).join(", ")}`,
        hint: 'fill in the section column with the heading printed above the row, or add the label to one metric in the manifest\'s "aliases"',
        say: {
          message: message("error.label-ambiguous", {
            found: labelF.text,
            ids: candidates.map((c) => c.id).join(", "),
          }),
          hint: message("error.label-ambiguous.hint"),
        },
      });
      continue;
    }
    // "Total GHG emissions" means scope 1 + 2 + 3 where the dataset (or the row's section) says its totals include scope 3.
    const named = candidates[0]!;
    const metric =
      named.withScope3 && includesScope3(sectionF?.text) ? (metricById(catalogue, named.withScope3) ?? named) : named;
    const printedUnit = readPrintedUnit(catalogue, metric, unitText);
    if (!printedUnit) {
      const known = unitText.split("/").every((part) => unitBySpelling(catalogue, part));
      const expected = kindOf(metric).perDenominator
        ? metric.kind === "intensity" && !isRevenueMeasure(metric.measure)
          ? `${unitOf(catalogue, metric)}/<the unit of ${metric.measure}, e.g. vehicle, t, employee, m2, MWh>`
          : `${unitOf(catalogue, metric)}/<revenue unit: ${catalogue.units
              .filter((u) => u.dimension === "currency")
              .map((u) => u.id)
              .join(", ")}>`
        : unitOf(catalogue, metric);
      const sayExpected = kindOf(metric).perDenominator
        ? metric.kind === "intensity" && !isRevenueMeasure(metric.measure)
          ? message("error.unit-per-measure", { unit: unitOf(catalogue, metric), measure: metric.measure })
          : message("error.unit-per-revenue", {
              unit: unitOf(catalogue, metric),
              units: catalogue.units
                .filter((u) => u.dimension === "currency")
                .map((u) => u.id)
                .join(", "),
            })
        : unitOf(catalogue, metric);
      const undeclared = /^(mt|MT|mT)(co2e?|CO2E?)?$/.test(foldLabel(unitText, catalogue.radicals, { keepCase: true }));
      errors.push({
        code: known ? "unit-mismatch" : "unit-unknown",
        ...unitF.where,
        found: unitText,
        message:
          unitText.trim() === ""
            ? `the unit of ${metric.id} is empty`
            : known
              ? `${metric.id} is measured in ${expected}, not "${unitText}"`
              : `unknown unit "${unitText}"`,
        expected,
        ...(undeclared
          ? {
              hint: `"${unitText}" is metric tonnes in many reports and megatonnes (Mt) in others: the tool does not guess; declare it in the manifest's "units" (e.g. {"id": "MT", "dimension": "mass", "toBase": "1", ...})`,
            }
          : {}),
        say: {
          message:
            unitText.trim() === ""
              ? message("error.unit-empty", { id: metric.id })
              : known
                ? message("error.unit-measured", { id: metric.id, expected: sayExpected, found: unitText })
                : message("error.unit-unknown", { found: unitText }),
          expected: message("error.list", { names: sayExpected }),
          ...(undeclared ? { hint: message("error.unit-mt.hint", { found: unitText }) } : {}),
        },
      });
      continue;
    }
    const first = seen.get(metric.id);
    if (first) {
      errors.push({
        code: "row-duplicate",
        ...labelF.where,
        message: `${metric.id} has two rows; the first is at line ${first.source.line}`,
        say: { message: message("error.row-twice", { id: metric.id, line: String(first.source.line) }) },
      });
      continue;
    }
    const read = columns.map((c) => {
      const x = readRowCell(table, draft, c, reading, metric.nonNegative, metric.kind === "ratio", errors);
      return x && { c, ...x };
    });
    if (read.some((x) => x === null)) continue;
    const rowScale = Math.max(
      0,
      ...read.map((x) => (x!.cell.kind === "number" && !x!.c.change ? x!.cell.number.scale : 0)),
    );
    const cells = read
      .map((x) => x!)
      .map(({ c, f, cell }) => ({
        metric: metric.id,
        column: c.id,
        text: f.text,
        value: cell.kind === "zero" ? zeroCell(cell.text, rowScale) : cell,
        source: sourceAt(table, f.where),
        ...(f.at ? { at: f.at } : {}),
      }));
    const row: PublishedRow = {
      table: tableId,
      metric: metric.id,
      label: labelF.text,
      unit: unitText,
      printedUnit,
      source: { file: table.file, name: table.name, line: draft.line },
      cells,
    };
    seen.set(metric.id, row);
    rows.push(row);
  }
  breakdownsOut.push(...outs.map((o) => o.out));
  return rows;
}

/** A breakdown as the manifest declares it (manifest "breakdowns"). */
export interface BreakdownDecl {
  id: string;
  total: string;
  totalLabel?: string;
  blocks: { id: string; heading: string; of: "metrics" | "nodes" }[];
}

/**
 * One row of a breakdown block, read as printed: its label names a metric (a gas, a scope) or a tree node (a region),
 * its unit is one of the total's, its cells are figures. An unknown label, a unit of another dimension or a bad cell is
 * an error at its place.
 */
function readBlockRow(
  draft: RowDraft,
  decl: BreakdownDecl,
  block: BreakdownBlock,
  table: CsvTable,
  columns: Column[],
  catalogue: Catalogue,
  tree: ReportingTree,
  fold: (s: string) => string,
  declaredUnit: DeclaredUnit,
  reading: NumberReading,
  errors: InputError[],
): void {
  const { label: labelF, unit: unitF } = draft;
  const totalMetric = metricById(catalogue, decl.total);
  if (!totalMetric) return; // reported at the manifest's breakdown
  // The one metric or node the label names; none or several is an error at the label, with the closest names.
  const pick = <T extends { id: string }>(
    candidates: readonly T[],
    spell: (x: T) => readonly string[],
    shown: (x: T) => string,
    what: string,
    labels: (x: T) => MessageName["labels"],
  ): T | undefined => {
    const found = matchLabel(labelF.text, candidates, spell, catalogue.radicals);
    if (found.length === 1) return found[0];
    errors.push({
      code: found.length ? "label-ambiguous" : "label-unknown",
      ...labelF.where,
      found: labelF.text,
      message: found.length
        ? `row label "${labelF.text}" in breakdown block ${block.id} fits ${found.map((x) => x.id).join(", ")}`
        : `unknown row label "${labelF.text}" in breakdown block ${block.id} ("${block.heading}"): its rows are ${what}`,
      hint: `closest ${what}: ${closest(fold(labelF.text), candidates, (x) => fold(shown(x)))
        .map((x) => `${shown(x)} (${x.id})`)
        .join("; ")}`,
      say: {
        message: found.length
          ? message("error.breakdown.label-ambiguous", {
              found: labelF.text,
              id: block.id,
              ids: found.map((x) => x.id).join(", "),
            })
          : message(`error.breakdown.label-unknown.${block.of}`, {
              found: labelF.text,
              id: block.id,
              heading: block.heading,
            }),
        hint: message(`error.breakdown.closest.${block.of}`, {
          items: {
            items: closest(fold(labelF.text), candidates, (x) => fold(shown(x))).map((x) =>
              message("error.suggestion", { label: { id: shown(x), labels: labels(x) }, id: x.id }),
            ),
            join: "phrase.join.semicolon",
          },
        }),
      },
    });
    return undefined;
  };
  let target: BreakdownRow["target"] | undefined;
  if (block.of === "nodes") {
    const node = pick(
      [...tree.nodes.values()],
      (n) => [n.id, ...Object.values(n.labels)].map(fold),
      (n) => n.labels.en ?? n.id,
      "nodes of the reporting tree",
      (n) => ({ ...n.labels, en: n.labels.en ?? n.id }),
    );
    if (node) target = { node: node.id };
  } else {
    const metric = pick(
      catalogue.metrics.filter((m) => m.kind === "base" || m.kind === "derived"),
      (m) => m.spellings,
      (m) => m.labels.en,
      "metrics",
      (m) => m.labels,
    );
    if (metric) target = { metric: metric.id };
  }
  if (!target) return;
  let unitText = unitF.text;
  if (unitText.trim() === "") {
    const withFigures = columns.filter((c) => /\d/.test(draft.cells.get(c.id)?.text ?? ""));
    const declared = declaredUnit(undefined, withFigures);
    unitText = typeof declared === "string" ? declared : unitText;
  }
  // Every row of a block is in a unit of the total's: the rows add up to it (a gas in CO2e, not in its own mass).
  const printedUnit = readPrintedUnit(catalogue, totalMetric, unitText);
  if (!printedUnit) {
    errors.push({
      code: "unit-mismatch",
      ...unitF.where,
      found: unitText,
      message: `the rows of breakdown block ${block.id} add up to ${totalMetric.id}, which is measured in ${unitOf(catalogue, totalMetric)}, not "${unitText}"`,
      expected: unitOf(catalogue, totalMetric),
      say: {
        message: message("error.breakdown.unit", {
          id: block.id,
          total: totalMetric.id,
          unit: unitOf(catalogue, totalMetric),
          found: unitText,
        }),
        expected: message("error.list", { names: unitOf(catalogue, totalMetric) }),
      },
    });
    return;
  }
  const cells: PublishedCell[] = [];
  for (const c of columns) {
    const read = readRowCell(table, draft, c, reading, true, false, errors);
    if (!read) return;
    const { f, cell } = read;
    cells.push({
      metric: decl.total,
      column: c.id,
      text: f.text,
      value: cell.kind === "zero" ? zeroCell(cell.text, 0) : cell,
      source: sourceAt(table, f.where),
      ...(f.at ? { at: f.at } : {}),
    });
  }
  block.rows.push({
    label: labelF.text,
    target,
    unit: unitText,
    printedUnit,
    source: { file: table.file, name: table.name, line: draft.line },
    cells,
  });
}

/** Wide layout: section (optional), label, unit, then one column per manifest column, by printed title or node id. */
/**
 * The title of every column of a wide table, with the header record it stands in (for locations). One header row:
 * its fields. Two (manifest "layout.headerRows"): a heading above several columns (a merged cell, exported with
 * blanks to its right: `,2023,,2022,`) over each column's own sub-heading (`Location-based`, `Market-based`), read
 * "2023 Location-based"; a field blank in both rows is a column without a title. A sub-heading missing under a
 * heading that spans several columns, or a table without its second header row, is an error at that place.
 */
function headerTitles(
  table: CsvTable,
  fixed: readonly string[],
  fold: (s: string) => string,
  headerRows: 1 | 2,
  errors: InputError[],
): { titles: { text: string; rec: CsvRecord }[]; records: CsvRecord[]; first: number } | null {
  const upper = table.header;
  if (headerRows === 1)
    return { titles: upper.fields.map((text) => ({ text, rec: upper })), records: table.records, first: 0 };
  const lower = table.records[0];
  if (!lower) {
    errors.push({
      code: "header-invalid",
      file: table.file,
      line: upper.line,
      column: 1,
      excerpt: upper.text,
      message: "the manifest declares a two-level header (layout.headerRows: 2), but the table has only one header row",
      hint: "add the row of sub-headings under the headings, or declare one header row",
      say: { message: message("error.header-rows"), hint: message("error.header-rows.hint") },
    });
    return null;
  }
  let spanning: { text: string; at: number } | null = null;
  let ok = true;
  const titles = upper.fields.map((top, i) => {
    const sub = (lower.fields[i] ?? "").trim();
    const own = top.trim();
    if (own) spanning = fixed.includes(fold(own)) ? null : { text: own, at: i };
    const heading = own || (spanning ? spanning.text : "");
    if (!own && spanning && !sub) {
      ok = false;
      errors.push({
        code: "header-invalid",
        ...locate(table, lower, i, ""),
        message: `column ${i + 1} stands under the heading "${spanning.text}" (column ${spanning.at + 1}) but has no sub-heading of its own`,
        expected: "a sub-heading under every column a heading spans (Location-based, Market-based)",
        hint: "a column with only a heading of its own needs the next heading to start above it",
        say: {
          message: message("error.header-sub", {
            i: String(i + 1),
            heading: spanning.text,
            at: String(spanning.at + 1),
          }),
          expected: message("error.header-sub.expected"),
          hint: message("error.header-sub.hint"),
        },
      });
    }
    return { text: [heading, sub].filter(Boolean).join(" "), rec: sub ? lower : upper };
  });
  return ok ? { titles, records: table.records.slice(1), first: 1 } : null;
}

function wideDrafts(
  table: CsvTable,
  columns: Column[],
  columnOf: (t: string) => Column | undefined,
  brokenHeaders: string[],
  uncheckedHeaders: readonly string[],
  fold: (s: string) => string,
  errors: InputError[],
  headerRows: 1 | 2 = 1,
): RowDraft[] | null {
  const fixed = ["section", "label", "unit"];
  const colIndex = new Map<string, number>();
  const fixedIndex = new Map<string, number>();
  const head = headerTitles(table, fixed, fold, headerRows, errors);
  if (!head) return null;
  const { titles, records, first } = head;
  // Columns without a title hold markers printed beside the figures (a footnote or assurance mark): never a figure.
  const untitled: number[] = [];
  let headerOk = true;
  titles.forEach(({ text: raw, rec: headerRec }, i) => {
    const where = locate(table, headerRec, i, raw);
    const f = fold(raw);
    if (f === "") {
      untitled.push(i);
      return;
    }
    const col = columnOf(raw);
    const name = fixed.find((x) => x === f);
    const key = col?.id ?? name;
    if (!key && uncheckedHeaders.some((h) => fold(h) === f)) return; // a base-year or target column: printed, not checked
    if (!key && brokenHeaders.some((h) => fold(h) === f)) {
      headerOk = false; // already reported at the manifest's column entry
    } else if (!key) {
      headerOk = false;
      errors.push({
        code: "header-unknown",
        ...where,
        message: `unknown column "${raw}": it is neither section/label/unit nor a column the manifest maps`,
        expected: ["section", "label", "unit", ...columns.map((c) => c.printed)].join(", "),
        say: {
          message: message("error.header-unknown.published", { found: raw }),
          expected: message("error.list", {
            names: ["section", "label", "unit", ...columns.map((c) => c.printed)].join(", "),
          }),
        },
      });
    } else if (colIndex.has(key) || fixedIndex.has(key)) {
      headerOk = false;
      errors.push({
        code: "header-duplicate",
        ...where,
        message: `column "${raw}" appears twice`,
        say: { message: message("error.header-duplicate", { found: raw }) },
      });
    } else (col ? colIndex : fixedIndex).set(key, i);
  });
  for (const r of ["label", "unit"])
    if (!fixedIndex.has(r)) {
      headerOk = false;
      errors.push({
        code: "header-missing",
        file: table.file,
        line: table.header.line,
        column: 1,
        excerpt: table.header.text,
        message: `required column "${r}" is missing`,
        say: { message: message("error.header-missing", { name: r }) },
      });
    }
  for (const c of columns)
    if (!colIndex.has(c.id)) {
      headerOk = false;
      errors.push({
        code: "header-missing",
        file: table.file,
        line: table.header.line,
        column: 1,
        excerpt: table.header.text,
        message: `column "${c.printed}" (node ${c.id}) is declared in the manifest but missing from the table`,
        say: { message: message("error.header-missing.column", { column: c.printed, node: c.id }) },
      });
    }
  for (const rec of records)
    for (const i of untitled) {
      const text = rec.fields[i] ?? "";
      // A figure (digits, separators, a sign, a percent) is refused; a footnote number in a note ("註4") is a marker.
      if (/^\s*[-+(−]?[\d,.\s]*\d[\d,.\s]*\)?%?\s*$/.test(text)) {
        headerOk = false;
        errors.push({
          code: "header-unknown",
          ...locate(table, rec, i, ""),
          found: text,
          message: `"${text}" stands in a column without a title: such a column holds markers beside the figures (¹, *, △), never a figure`,
          hint: "give the column its title as printed and map it in the manifest's columns",
          say: { message: message("error.untitled-column", { text }), hint: message("error.untitled-column.hint") },
        });
      }
    }
  if (!headerOk) return null;
  return records.map((rec, k) => {
    const r = k + first;
    const field = (i: number, name: string): Field => ({
      text: rec.fields[i] ?? "",
      where: locate(table, rec, i, name),
      index: i,
      at: { record: r, field: i },
    });
    const s = fixedIndex.get("section");
    return {
      line: rec.line,
      label: field(fixedIndex.get("label")!, "label"),
      unit: field(fixedIndex.get("unit")!, "unit"),
      ...(s !== undefined ? { section: field(s, "section") } : {}),
      cells: new Map(columns.map((c) => [c.id, field(colIndex.get(c.id)!, c.printed)])),
    };
  });
}

/** Long layout: one row per printed cell — section (optional), label, unit, column, period (optional), value. */
function longDrafts(
  table: CsvTable,
  columns: Column[],
  tree: ReportingTree,
  columnOf: (t: string) => Column | undefined,
  brokenHeaders: string[],
  uncheckedHeaders: readonly string[],
  fold: (s: string) => string,
  catalogue: Catalogue,
  errors: InputError[],
): RowDraft[] | null {
  const known = ["section", "label", "unit", "column", "period", "value"];
  const index = readHeader(table, known, ["label", "unit", "column", "value"], errors);
  if (!index) return null;
  const drafts = new Map<string, RowDraft>();
  for (const [r, rec] of table.records.entries()) {
    const field = (name: string): Field | undefined => {
      const i = index.get(name);
      return i === undefined
        ? undefined
        : { text: rec.fields[i] ?? "", where: locate(table, rec, i, name), index: i, at: { record: r, field: i } };
    };
    // "…,1,200.5" unquoted shifts the fields after the value: one error, at the value, not a wrong column or period.
    const split = splitThousands(table, rec, index.get("value")!, "value");
    if (split) {
      errors.push({ ...split, code: "cell-invalid" });
      continue;
    }
    const labelF = field("label")!;
    const unitF = field("unit")!;
    const sectionF = field("section");
    const columnF = field("column")!;
    const periodF = field("period");
    const period = periodF?.text.trim() ?? "";
    // With a period field, "column" may name just the node (or its printed title) and the period picks the year.
    const col = period
      ? (columns.find((c) => c.id === columnF.text.trim()) ?? inPeriod(columns, tree, columnF.text, period, catalogue))
      : columnOf(columnF.text);
    if (!col) {
      if (uncheckedHeaders.some((h) => fold(h) === fold(columnF.text))) continue; // a base-year or target column
      if (!brokenHeaders.some((h) => fold(h) === fold(columnF.text)))
        errors.push({
          code: "column-unmapped",
          ...columnF.where,
          found: columnF.text,
          message: `column "${columnF.text}"${period ? ` for period ${period}` : ""} is not a column the manifest maps`,
          say: {
            message: period
              ? message("error.column-unmapped.period", { column: columnF.text, period })
              : message("error.column-unmapped", { column: columnF.text }),
          },
        });
      continue;
    }
    const key = [sectionF?.text ?? "", labelF.text, unitF.text].map(fold).join("\u0000");
    let draft = drafts.get(key);
    if (!draft) {
      draft = {
        line: rec.line,
        label: labelF,
        unit: unitF,
        ...(sectionF ? { section: sectionF } : {}),
        cells: new Map(),
      };
      drafts.set(key, draft);
    }
    if (draft.cells.has(col.id)) {
      errors.push({
        code: "row-duplicate",
        ...columnF.where,
        message: `"${labelF.text}" in column ${col.printed} is given twice; first at line ${draft.cells.get(col.id)!.where.line}`,
        say: {
          message: message("error.cell-twice", {
            label: labelF.text,
            column: col.printed,
            line: String(draft.cells.get(col.id)!.where.line),
          }),
        },
      });
      continue;
    }
    draft.cells.set(col.id, field("value")!);
  }
  return [...drafts.values()];
}

/** The value column for a node (by id, label or printed title) in a period: the report's own figures before a first-published one. */
function inPeriod(
  columns: Column[],
  tree: ReportingTree,
  text: string,
  period: string,
  catalogue: Catalogue,
): Column | undefined {
  const names = (c: Column) =>
    [c.node, c.printed, ...Object.values(tree.nodes.get(c.node)?.labels ?? {})].map((s) =>
      foldLabel(s, catalogue.radicals),
    );
  const here = matchLabel(
    text,
    columns.filter((c) => !c.change && c.period === period),
    names,
    catalogue.radicals,
  );
  return here.find((c) => !c.report) ?? here[0];
}

/** The factor from a printed unit to the metric's: same dimension, or a mass printed on an emissions row (tonnes of CO2e). */
function toMetricFactor(printed: Unit, metricUnit: Unit | undefined): Dec | null {
  if (!metricUnit) return null;
  if (printed.id === metricUnit.id) return new Dec(1);
  const massOfEmissions = printed.dimension === "mass" && metricUnit.dimension === "emissions";
  if (printed.dimension !== metricUnit.dimension && !massOfEmissions) return null;
  // A share is never converted (a fraction printed under a percent row is a slip, not a unit): only another name of
  // the same unit fits — a manifest's "百分比%" of toBase 0.01 for percent.
  if (printed.dimension === "ratio") {
    const same = printed.toBase.num.times(metricUnit.toBase.den).eq(metricUnit.toBase.num.times(printed.toBase.den));
    return same && metricUnit.dimension === "ratio" ? new Dec(1) : null;
  }
  if (printed.dimension === "currency") return null;
  return printed.toBase.num.times(metricUnit.toBase.den).div(printed.toBase.den.times(metricUnit.toBase.num));
}

/**
 * A row's printed unit, read, when it fits the metric: the metric's unit or another of its dimension (converted
 * exactly); an intensity's "<numerator unit>/<a denominator unit>" (after the "/" a revenue unit: "噸/兆瓦時" is not an
 * intensity per revenue). null: it does not.
 */
function readPrintedUnit(catalogue: Catalogue, metric: Metric, printed: string): PrintedUnit | null {
  const fits = (text: string, unitId: string): PrintedUnit | null => {
    const u = unitBySpelling(catalogue, text);
    const factor = u
      ? toMetricFactor(
          u,
          catalogue.units.find((x) => x.id === unitId),
        )
      : null;
    if (!u || !factor) return null;
    return u.id === unitId ? { unit: unitId } : { unit: u.id, toMetric: factor };
  };
  if (metric.kind !== "intensity") return fits(printed, metric.unit);
  const norm = printed.normalize("NFKC");
  const slash = norm.lastIndexOf("/");
  if (slash < 0) return null;
  const per = unitBySpelling(catalogue, norm.slice(slash + 1));
  const of = fits(norm.slice(0, slash), unitOf(catalogue, metric));
  // Per revenue: a currency; per anything else (vehicle, t of product, employee, m², MWh): not money, not a share.
  const perFits =
    per &&
    (isRevenueMeasure(metric.measure) ? per.dimension === "currency" : per.additive && per.dimension !== "currency");
  return of && perFits ? { ...of, per: per.id } : null;
}

/** A unit printed at the end of a label, in brackets ("外購電力 (GJ)", "範疇一（千公噸）", "… (tonnes CO2e)2,3"). */
export function unitInLabel(text: string, catalogue: Catalogue): { label: string; unit: string; text: string } | null {
  const marked = trailingMarker(text, "label");
  const t = (marked ? marked.base : text).normalize("NFKC").trimEnd();
  if (!t.endsWith(")")) return null;
  const open = t.lastIndexOf("(");
  if (open <= 0) return null;
  const inner = t.slice(open + 1, -1).trim();
  const label = t.slice(0, open).trim();
  const u = unitBySpelling(catalogue, inner);
  if (u) return { label, unit: u.id, text: inner };
  // An intensity's unit, "<unit>/<unit>" ("能源密集度(GJ/新台幣億元)"): both sides units; whether it fits the row's
  // metric is read later, as a unit column's is. `unit` is then the text itself.
  const slash = inner.lastIndexOf("/");
  const per =
    slash > 0 &&
    unitBySpelling(catalogue, inner.slice(0, slash).trim()) &&
    unitBySpelling(catalogue, inner.slice(slash + 1).trim());
  return per ? { label, unit: inner, text: inner } : null;
}

const OTHER_SECTION = 0.25;

/** "Did you mean": every metric's labels and aliases in every language, nearest first; the row's section breaks ties. */
function suggestLabels(
  text: string,
  catalogue: Catalogue,
  inSection: ((m: Metric) => boolean) | null,
): { shown: string; metric: Metric }[] {
  const fold = (s: string) => foldLabel(s, catalogue.radicals);
  const cjk = /[\u3400-\u9fff]/u;
  const pool = catalogue.metrics.flatMap((x) => {
    const labels = [x.labels.en, x.labels["zh-Hant"], x.labels["zh-Hans"]].filter((l): l is string => !!l);
    // An alias is shown by the metric's label in the alias's script (aliases are stored folded).
    const shown = (s: string) =>
      labels.find((l) => fold(l) === s) ?? (cjk.test(s) ? (x.labels["zh-Hant"] ?? x.labels.en) : x.labels.en);
    return x.spellings.map((s) => ({ x, l: shown(s), s }));
  });
  const wanted = fold(text);
  // Edits per character (labels differ in length), and another section costs a quarter: the row's own section first
  // when the labels are about as close, a much closer one elsewhere still first ("能源強度" under 能源使用 suggests the
  // energy intensity of section 能耗). A ranking only: no figure depends on it.
  const w = wanted.slice(0, SUGGESTION_CHARS);
  const scored = pool.map((p) => {
    const s = p.s.slice(0, SUGGESTION_CHARS);
    return {
      p,
      d:
        editDistance(w, s) / Math.max(1, [...w].length, [...s].length) +
        (inSection && !inSection(p.x) ? OTHER_SECTION : 0),
    };
  });
  scored.sort((a, b) => a.d - b.d);
  const near: { shown: string; metric: Metric }[] = [];
  const seenIds = new Set<string>();
  for (const { p } of scored)
    if (!seenIds.has(p.x.id) && near.length < 3) {
      seenIds.add(p.x.id);
      near.push({ shown: p.l, metric: p.x });
    }
  return near;
}
