// validate → model: turns a raw dataset (manifest + CSV records) into the typed Dataset, collecting every
// error with its file, line and column instead of stopping at the first. Pure: no file system here.
import { fieldColumn, type CsvRecord, type CsvTable } from "../io/csv.js";
import type { RawDataset } from "../io/dataset.js";
import { pathKey } from "../io/jsonSource.js";
import { fail, ok, type InputError, type Result } from "../findings/inputError.js";
import { label } from "../schema/common.js";
import { metricById, unitBySpelling, unitOf } from "./catalogue.js";
import { Dec } from "./decimal.js";
import { closest, foldLabel } from "./fold.js";
import { clampAtZero, printedInterval, scaleInterval } from "./interval.js";
import { conversionFactor, convertedScale, unitById } from "./units.js";
import { parsePrintedNumber } from "./printedNumber.js";
import { buildTree, isLeaf } from "./tree.js";
import { parseClaim, refsOf, type ClaimEntry } from "./claims.js";
import type { ActivityValue, Catalogue, CellText, Column, Dataset, Denominator, Metric, PublishedRow, ReportingTree } from "./types.js";

const ACTIVITY_REQUIRED = ["facility", "metric", "value", "unit"] as const;
const ACTIVITY_OPTIONAL = ["source", "note"] as const;

export function buildDataset(raw: RawDataset, catalogue: Catalogue): Result<Dataset> {
  const errors: InputError[] = [];
  const m = raw.manifest;
  const at = (...path: (string | number)[]) => {
    const p = raw.positions.get(pathKey(path));
    return { file: raw.manifestFile, ...(p ? { line: p.line, column: p.column, excerpt: raw.manifestLines[p.line - 1] ?? "" } : {}) };
  };

  const tree = buildTree(m.tree.map((e, i) => ({ id: e.id, ...(e.parent ? { parent: e.parent } : {}), labels: e.labels, at: at("tree", i) })));
  if (!tree.ok) return tree;

  const columns: Column[] = [];
  // Columns whose mapping is broken are reported once here and skipped in published.csv, not reported again.
  const brokenHeaders: string[] = [];
  m.columns.forEach((c, i) => {
    if (!tree.value.nodes.has(c.node)) {
      errors.push({ code: "column-unmapped", ...at("columns", i, "node"), message: `column "${c.printed}" maps to node "${c.node}", which is not in the tree`, expected: `one of ${[...tree.value.nodes.keys()].join(", ")}` });
      brokenHeaders.push(c.printed);
    } else if (columns.some((x) => x.id === c.node)) {
      errors.push({ code: "column-unmapped", ...at("columns", i, "node"), message: `node "${c.node}" is mapped by two columns` });
      brokenHeaders.push(c.printed);
    } else columns.push({ id: c.node, printed: c.printed });
  });

  const denominators = buildDenominators(raw, catalogue, at, errors);
  const published = buildPublished(raw.published, columns, brokenHeaders, catalogue, errors);
  const activity = buildActivity(raw.activity, tree.value, catalogue, errors);
  const claims = raw.claims ? buildClaims(raw.claims, tree.value, catalogue, errors) : [];
  if (errors.length) return fail(...errors);

  return ok({
    id: m.id,
    company: m.company,
    reportTitle: m.report.title,
    reportLanguage: m.report.language,
    period: m.period,
    currency: m.currency,
    tree: tree.value,
    columns,
    denominators,
    published,
    activity,
    footnotes: m.footnotes,
    catalogue,
    claims,
    factorPins: m.factors ?? null,
    pinLocations: Object.fromEntries(
      [...raw.positions.keys()].filter((k) => k.startsWith("factors.") && !k.endsWith("#key")).map((k) => [k, at(...k.split("."))]),
    ),
  });
}

type At = (...path: (string | number)[]) => { file: string; line?: number; column?: number };

function buildDenominators(raw: RawDataset, catalogue: Catalogue, at: At, errors: InputError[]): Denominator[] {
  const out: Denominator[] = [];
  const defaults = raw.manifest.denominators.filter((d) => d.default).length;
  if (defaults > 1) errors.push({ code: "denominator-invalid", ...at("denominators"), message: `${defaults} denominators say "default": true; at most one may` });
  raw.manifest.denominators.forEach((d, i) => {
    const text = d.value ?? d.printed;
    const parsed = parsePrintedNumber(text);
    const unit = unitBySpelling(catalogue, d.unit);
    if (!parsed.ok) {
      errors.push({ code: "denominator-invalid", ...at("denominators", i, d.value ? "value" : "printed"), message: `denominator ${d.id}: ${parsed.reason}`, hint: 'when "printed" is not a plain number (e.g. "361億元"), give "value": "361" and "multiplier": "100"' });
      return;
    }
    if (!unit) {
      errors.push({ code: "unit-unknown", ...at("denominators", i, "unit"), message: `denominator ${d.id}: unknown unit "${d.unit}"`, expected: catalogue.units.map((u) => u.id).join(", ") });
      return;
    }
    const multiplier = new Dec(d.multiplier ?? "1");
    const interval = printedInterval(parsed.number.value, parsed.number.scale, multiplier);
    if (interval.lo.lte(0)) {
      errors.push({ code: "denominator-invalid", ...at("denominators", i), message: `denominator ${d.id} must be above zero (it divides every intensity)` });
      return;
    }
    out.push({
      id: d.id,
      labels: d.labels,
      printed: d.printed,
      value: parsed.number.value.times(multiplier),
      scale: Math.max(0, parsed.number.scale - multiplier.e),
      interval,
      unit: unit.id,
      isDefault: d.default === true || (defaults === 0 && i === 0),
      source: d.source,
      ...(d.description ? { description: d.description } : {}),
      origin: raw.manifestFile,
    });
  });
  return out;
}

/** Maps header names to field indexes; reports unknown, duplicate and missing columns. */
function readHeader(table: CsvTable, known: readonly string[], required: readonly string[], errors: InputError[]): Map<string, number> | null {
  const index = new Map<string, number>();
  let bad = false;
  table.header.fields.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    const where = { file: table.file, line: table.header.line, column: fieldColumn(table.header.text, i), excerpt: table.header.text };
    if (!known.includes(name)) {
      bad = true;
      errors.push({ code: "header-unknown", ...where, field: raw, message: `unknown column "${raw}"`, expected: known.join(", ") });
    } else if (index.has(name)) {
      bad = true;
      errors.push({ code: "header-duplicate", ...where, field: raw, message: `column "${raw}" appears twice` });
    } else index.set(name, i);
  });
  for (const r of required) {
    if (!index.has(r)) {
      bad = true;
      errors.push({ code: "header-missing", file: table.file, line: table.header.line, column: 1, excerpt: table.header.text, message: `required column "${r}" is missing`, expected: required.join(",") });
    }
  }
  return bad ? null : index;
}

function locate(table: CsvTable, rec: CsvRecord, i: number, field: string) {
  return { file: table.file, line: rec.line, column: fieldColumn(rec.text, i), field, excerpt: rec.text };
}

function buildActivity(tables: CsvTable[], tree: ReportingTree, catalogue: Catalogue, errors: InputError[]): ActivityValue[] {
  const out: ActivityValue[] = [];
  const firstSeen = new Map<string, ActivityValue>();
  const leaves = [...tree.nodes.values()].filter((n) => isLeaf(tree, n.id)).map((n) => n.id);
  for (const table of tables) {
    const header = readHeader(table, [...ACTIVITY_REQUIRED, ...ACTIVITY_OPTIONAL], ACTIVITY_REQUIRED, errors);
    if (!header) continue;
    const kind = table.file.replace(/^.*[\\/]/, "").replace(/\.csv$/i, "").toLowerCase();
    for (const rec of table.records) {
      const get = (name: string) => {
        const i = header.get(name);
        return i === undefined ? { text: "", where: locate(table, rec, 0, name) } : { text: rec.fields[i] ?? "", where: locate(table, rec, i, name) };
      };
      const facility = get("facility");
      const metricField = get("metric");
      const valueField = get("value");
      const unitField = get("unit");
      let rowOk = true;
      const bad = (e: InputError) => {
        errors.push(e);
        rowOk = false;
      };

      const facilityId = facility.text.trim();
      if (!tree.nodes.has(facilityId)) {
        bad({ code: "facility-unknown", ...facility.where, found: facilityId, message: `unknown reporting unit "${facilityId}"`, expected: `one of the tree's leaves: ${leaves.join(", ")}` });
      } else if (!isLeaf(tree, facilityId)) {
        bad({ code: "facility-unknown", ...facility.where, found: facilityId, message: `"${facilityId}" is a subtotal of the reporting tree; activity rows belong to its leaves`, expected: `one of ${leaves.join(", ")}`, hint: "subtotals and totals are recomputed from the leaves, never read" });
      }

      const metricId = metricField.text.trim();
      const metric = metricById(catalogue, metricId);
      if (!metric) {
        const near = closest(metricId, catalogue.metrics.filter((x) => x.kind === "base"), (x) => x.id).map((x) => x.id);
        bad({ code: "metric-unknown", ...metricField.where, found: metricId, message: `unknown metric "${metricId}"`, hint: `did you mean ${near.join(", ")}?` });
      } else if (metric.kind !== "base") {
        bad({ code: "metric-not-input", ...metricField.where, found: metricId, message: `"${metricId}" is ${metric.kind === "derived" ? "derived" : "an intensity"}: it is computed, never read`, hint: metric.kind === "derived" ? `give its terms instead: ${metric.terms.map((t) => t.metric).join(", ")}` : "intensities are computed from the total and the denominator" });
      } else if (["energy", "emissions", "water", "waste"].includes(kind) && metric.file !== kind) {
        bad({ code: "metric-wrong-file", ...metricField.where, found: metricId, message: `"${metricId}" belongs in ${metric.file}.csv, not ${kind}.csv` });
      }

      const parsed = parsePrintedNumber(valueField.text);
      if (!parsed.ok) {
        const notApplicable = valueField.text.normalize("NFKC").trim() === "/";
        bad({
          code: valueField.text.trim() === "" ? "value-empty" : "value-not-a-number",
          ...valueField.where,
          found: valueField.text,
          message: notApplicable ? `"/" (not applicable) is not a value` : parsed.reason,
          expected: "a number as printed, e.g. 8917.2 or \"8,917.2\"",
          ...(notApplicable ? { hint: "leave the row out: a unit with nothing to report has no activity row" } : {}),
        });
      } else if (metric && metric.nonNegative && parsed.number.value.lt(0)) {
        bad({ code: "value-negative", ...valueField.where, found: valueField.text, message: `${metricId} cannot be negative (found ${valueField.text})`, expected: "a value ≥ 0" });
      }

      const unitText = unitField.text.trim();
      const unit = unitBySpelling(catalogue, unitText);
      const metricUnit = metric && metric.kind === "base" ? unitById(catalogue, metric.unit) : undefined;
      const sameDimension = (u: { dimension: string }) => !metricUnit || u.dimension === metricUnit.dimension;
      if (!unit) {
        const fits = catalogue.units.filter(sameDimension).map((u) => u.id);
        const near = closest(foldLabel(unitText, catalogue.radicals, { keepCase: true }), catalogue.units.filter(sameDimension).flatMap((u) => u.spellings.map((sp) => ({ u, sp }))), (x) => x.sp, 1)[0];
        bad({ code: "unit-unknown", ...unitField.where, found: unitText, message: `unknown unit "${unitText}"`, expected: metricUnit ? `a unit of ${metricUnit.dimension}: ${fits.join(", ")}` : `one of ${fits.join(", ")}`, ...(near ? { hint: `did you mean ${near.u.id}?` } : {}) });
      }
      const factor = unit && metricUnit ? conversionFactor(unit, metricUnit) : null;
      if (unit && metricUnit && !factor) {
        const fits = catalogue.units.filter((u) => u.dimension === metricUnit.dimension).map((u) => u.id);
        bad({ code: "unit-mismatch", ...unitField.where, found: unitText, message: `${metricId} is ${metricUnit.dimension} (${metric!.kind === "base" ? metricUnit.id : ""}); "${unitText}" is ${unit.dimension}`, expected: `a unit of ${metricUnit.dimension}: ${fits.join(", ")}` });
      }

      if (!rowOk || !metric || !parsed.ok || !unit || !factor) continue;
      const printed = printedInterval(parsed.number.value, parsed.number.scale);
      const value: ActivityValue = {
        facility: facilityId,
        metric: metricId,
        number: parsed.number,
        unit: unit.id,
        value: parsed.number.value.times(factor),
        interval: scaleInterval(metric.nonNegative ? clampAtZero(printed) : printed, factor),
        scale: convertedScale(parsed.number.scale, factor),
        source: { file: table.file, name: table.name, line: rec.line, column: valueField.where.column },
        ...(header.has("note") && get("note").text ? { note: get("note").text } : {}),
      };
      const key = `${facilityId}\u0000${metricId}`;
      const first = firstSeen.get(key);
      if (first) {
        errors.push({ code: "row-duplicate", ...facility.where, message: `${facilityId} / ${metricId} is given twice; first at ${first.source.file}:${first.source.line}`, hint: "one row per reporting unit and metric: add the figures up before they go in, or fix the facility or metric" });
        continue;
      }
      firstSeen.set(key, value);
      out.push(value);
    }
  }
  return out;
}

function readCell(text: string): CellText | { error: string } {
  const t = text.normalize("NFKC").trim();
  if (t === "") return { kind: "blank" };
  if (t === "/") return { kind: "not-applicable" };
  const parsed = parsePrintedNumber(text);
  return parsed.ok ? { kind: "number", number: parsed.number } : { error: parsed.reason };
}

type Field = { text: string; where: ReturnType<typeof locate> };

/** One printed row, whatever the layout it came in: its label, unit, section and one cell per column id. */
interface RowDraft {
  line: number;
  label: Field;
  unit: Field;
  section?: Field;
  cells: Map<string, Field>;
}

/**
 * The published table, in the report's wide layout (section, label, unit, one column per manifest column) or in a
 * long layout (section, label, unit, column, value: one row per cell). Both become the same rows.
 */
function buildPublished(table: CsvTable, columns: Column[], brokenHeaders: string[], catalogue: Catalogue, errors: InputError[]): PublishedRow[] {
  const fold = (s: string) => foldLabel(s, catalogue.radicals);
  const columnOf = (text: string) => columns.find((c) => fold(c.printed) === fold(text) || c.id === text.trim());
  const names = table.header.fields.map(fold);
  const long = names.includes("column") && names.includes("value");
  const drafts = long ? longDrafts(table, columnOf, brokenHeaders, fold, errors) : wideDrafts(table, columns, columnOf, brokenHeaders, fold, errors);
  if (!drafts) return [];
  if (drafts.length === 0) {
    errors.push({ code: "table-empty", file: table.file, line: table.header.line, excerpt: table.header.text, message: "the published table has a header but no rows: there is nothing to check", hint: "transcribe the published table, one row per printed row" });
    return [];
  }
  const rows: PublishedRow[] = [];
  const seen = new Map<string, PublishedRow>();
  const sectionAndBelow = (id: string) => catalogue.sections.filter((s) => s.id === id || s.parent === id).map((s) => s.id);
  for (const draft of drafts) {
    const { label: labelF, unit: unitF, section: sectionF } = draft;
    let candidates: Metric[] = catalogue.metrics.filter((x) => x.spellings.includes(fold(labelF.text)));
    let inSection: ((m: Metric) => boolean) | null = null;
    if (sectionF && sectionF.text.trim() !== "") {
      const section = catalogue.sections.find((s) => s.spellings.includes(fold(sectionF.text)));
      if (!section) {
        const near = closest(fold(sectionF.text), catalogue.sections, (s) => s.spellings[0] ?? "").map((s) => `${label(s.labels, "zh-Hant")} (${s.labels.en})`);
        errors.push({ code: "section-unknown", ...sectionF.where, found: sectionF.text, message: `unknown section "${sectionF.text}"`, hint: `closest known sections: ${near.join("; ")}` });
        continue;
      }
      const within = sectionAndBelow(section.id);
      inSection = (x) => within.includes(x.section) || within.includes(catalogue.sections.find((s) => s.id === x.section)?.parent ?? "");
      candidates = candidates.filter(inSection);
    }
    if (candidates.length === 0) {
      // Suggest in the language the user wrote: each metric's label whose folded form came closest.
      const pool = catalogue.metrics.flatMap((x) => [x.labels.en, x.labels["zh-Hant"], x.labels["zh-Hans"]].filter((l): l is string => !!l).map((l) => ({ x, l, s: fold(l) })));
      // Labels of the row's own section first, then the rest.
      const ranked = closest(fold(labelF.text), pool, (p) => p.s, pool.length).sort((a, b) => Number(inSection ? !inSection(a.x) : 0) - Number(inSection ? !inSection(b.x) : 0));
      const near: string[] = [];
      const seenIds = new Set<string>();
      for (const p of ranked) if (!seenIds.has(p.x.id) && near.length < 3) { seenIds.add(p.x.id); near.push(`${p.l} (${p.x.id})`); }
      errors.push({ code: "label-unknown", ...labelF.where, found: labelF.text, message: `unknown row label "${labelF.text}"`, hint: `closest known labels: ${near.join("; ")}` });
      continue;
    }
    if (candidates.length > 1) {
      errors.push({ code: "label-ambiguous", ...labelF.where, found: labelF.text, message: `row label "${labelF.text}" fits ${candidates.map((c) => c.id).join(", ")}`, hint: "fill in the section column with the heading printed above the row" });
      continue;
    }
    const metric = candidates[0]!;
    if (!unitFits(catalogue, metric, unitF.text)) {
      const known = unitF.text.split("/").every((part) => unitBySpelling(catalogue, part));
      const expected = metric.kind === "intensity" ? `${unitOf(catalogue, metric)}/<revenue unit: ${catalogue.units.filter((u) => u.dimension === "currency").map((u) => u.id).join(", ")}>` : unitOf(catalogue, metric);
      errors.push({ code: known ? "unit-mismatch" : "unit-unknown", ...unitF.where, found: unitF.text, message: known ? `${metric.id} is measured in ${expected}, not "${unitF.text}"` : `unknown unit "${unitF.text}"`, expected });
      continue;
    }
    const first = seen.get(metric.id);
    if (first) {
      errors.push({ code: "row-duplicate", ...labelF.where, message: `${metric.id} has two rows; the first is at line ${first.source.line}` });
      continue;
    }
    const cells = columns.map((c) => {
      // A column the long layout does not list for this row counts as blank, located at the row's first line.
      const f = draft.cells.get(c.id) ?? { text: "", where: labelF.where };
      const cell = readCell(f.text);
      if ("error" in cell) {
        errors.push({ code: "cell-invalid", ...f.where, found: f.text, message: `cell "${f.text}" in column ${c.printed}: ${cell.error}`, expected: "a number as printed, \"/\" (not applicable) or blank" });
        return null;
      }
      return { metric: metric.id, column: c.id, text: f.text, value: cell, source: { file: table.file, name: table.name, line: f.where.line, column: f.where.column } };
    });
    if (cells.some((c) => c === null)) continue;
    const perUnit = metric.kind === "intensity" ? perUnitOf(catalogue, unitF.text) : undefined;
    const row: PublishedRow = { metric: metric.id, label: labelF.text, unit: unitF.text, ...(perUnit ? { perUnit } : {}), source: { file: table.file, name: table.name, line: draft.line }, cells: cells.filter((c) => c !== null) };
    seen.set(metric.id, row);
    rows.push(row);
  }
  return rows;
}

/** Wide layout: section (optional), label, unit, then one column per manifest column, by printed title or node id. */
function wideDrafts(table: CsvTable, columns: Column[], columnOf: (t: string) => Column | undefined, brokenHeaders: string[], fold: (s: string) => string, errors: InputError[]): RowDraft[] | null {
  const fixed = ["section", "label", "unit"];
  const colIndex = new Map<string, number>();
  const fixedIndex = new Map<string, number>();
  let headerOk = true;
  table.header.fields.forEach((raw, i) => {
    const where = { file: table.file, line: table.header.line, column: fieldColumn(table.header.text, i), excerpt: table.header.text, field: raw };
    const f = fold(raw);
    const col = columnOf(raw);
    const name = fixed.find((x) => x === f);
    const key = col?.id ?? name;
    if (!key && brokenHeaders.some((h) => fold(h) === f)) {
      headerOk = false; // already reported at the manifest's column entry
    } else if (!key) {
      headerOk = false;
      errors.push({ code: "header-unknown", ...where, message: `unknown column "${raw}": it is neither section/label/unit nor a column the manifest maps`, expected: ["section", "label", "unit", ...columns.map((c) => c.printed)].join(", ") });
    } else if (colIndex.has(key) || fixedIndex.has(key)) {
      headerOk = false;
      errors.push({ code: "header-duplicate", ...where, message: `column "${raw}" appears twice` });
    } else (col ? colIndex : fixedIndex).set(key, i);
  });
  for (const r of ["label", "unit"]) if (!fixedIndex.has(r)) { headerOk = false; errors.push({ code: "header-missing", file: table.file, line: table.header.line, column: 1, excerpt: table.header.text, message: `required column "${r}" is missing` }); }
  for (const c of columns) if (!colIndex.has(c.id)) { headerOk = false; errors.push({ code: "header-missing", file: table.file, line: table.header.line, column: 1, excerpt: table.header.text, message: `column "${c.printed}" (node ${c.id}) is declared in the manifest but missing from the table` }); }
  if (!headerOk) return null;
  return table.records.map((rec) => {
    const field = (i: number, name: string): Field => ({ text: rec.fields[i] ?? "", where: locate(table, rec, i, name) });
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

/** Long layout: one row per printed cell — section (optional), label, unit, column, value. */
function longDrafts(table: CsvTable, columnOf: (t: string) => Column | undefined, brokenHeaders: string[], fold: (s: string) => string, errors: InputError[]): RowDraft[] | null {
  const known = ["section", "label", "unit", "column", "value"];
  const index = readHeader(table, known, ["label", "unit", "column", "value"], errors);
  if (!index) return null;
  const drafts = new Map<string, RowDraft>();
  for (const rec of table.records) {
    const field = (name: string): Field | undefined => {
      const i = index.get(name);
      return i === undefined ? undefined : { text: rec.fields[i] ?? "", where: locate(table, rec, i, name) };
    };
    const labelF = field("label")!;
    const unitF = field("unit")!;
    const sectionF = field("section");
    const columnF = field("column")!;
    const col = columnOf(columnF.text);
    if (!col) {
      if (!brokenHeaders.some((h) => fold(h) === fold(columnF.text))) errors.push({ code: "column-unmapped", ...columnF.where, found: columnF.text, message: `column "${columnF.text}" is not a column the manifest maps` });
      continue;
    }
    const key = [sectionF?.text ?? "", labelF.text, unitF.text].map(fold).join("\u0000");
    let draft = drafts.get(key);
    if (!draft) {
      draft = { line: rec.line, label: labelF, unit: unitF, ...(sectionF ? { section: sectionF } : {}), cells: new Map() };
      drafts.set(key, draft);
    }
    if (draft.cells.has(col.id)) {
      errors.push({ code: "row-duplicate", ...columnF.where, message: `"${labelF.text}" in column ${col.printed} is given twice; first at line ${draft.cells.get(col.id)!.where.line}` });
      continue;
    }
    draft.cells.set(col.id, field("value")!);
  }
  return [...drafts.values()];
}

function buildClaims(table: CsvTable, tree: ReportingTree, catalogue: Catalogue, errors: InputError[]): ClaimEntry[] {
  const header = readHeader(table, ["id", "text", "expression", "reference"], ["id", "text", "expression"], errors);
  if (!header) return [];
  const out: ClaimEntry[] = [];
  for (const rec of table.records) {
    const field = (name: string) => {
      const i = header.get(name);
      return i === undefined ? { text: "", where: locate(table, rec, 0, name) } : { text: rec.fields[i] ?? "", where: locate(table, rec, i, name) };
    };
    const id = field("id");
    const expr = field("expression");
    if (out.some((c) => c.id === id.text.trim())) { errors.push({ code: "row-duplicate", ...id.where, message: `claim ${id.text} appears twice` }); continue; }
    const parsed = parseClaim(expr.text);
    // Columns inside the expression: the field's column plus the offset (quotes of a quoted field counted).
    const offset = (at: number) => (expr.where.column ?? 1) + at + (rec.text.slice((expr.where.column ?? 1) - 1).startsWith('"') ? 1 : 0);
    if (!parsed.ok) {
      errors.push({ code: "claim-invalid", ...expr.where, column: offset(parsed.at), found: expr.text, message: `claim ${id.text}: ${parsed.message}`, expected: "metric@column and numbers joined by + - * / ( ), one comparison: > >= < <= =, e.g. water.recycled@hefei / (water.recycled@hefei + water.municipal@hefei) > 92%" });
      continue;
    }
    let bad = false;
    for (const r of refsOf(parsed.claim.left).concat(refsOf(parsed.claim.right))) {
      const metric = metricById(catalogue, r.metric);
      if (!metric) {
        const near = closest(r.metric, catalogue.metrics, (m) => m.id).map((m) => m.id);
        errors.push({ code: "metric-unknown", ...expr.where, column: offset(r.at), found: r.metric, message: `claim ${id.text}: unknown metric "${r.metric}"`, hint: `did you mean ${near.join(", ")}?` });
        bad = true;
      } else if (r.column !== null && !tree.nodes.has(r.column)) {
        errors.push({ code: "facility-unknown", ...expr.where, column: offset(r.at + r.metric.length + 1), found: r.column, message: `claim ${id.text}: "${r.column}" is not a node of the reporting tree`, expected: [...tree.nodes.keys()].join(", ") });
        bad = true;
      }
    }
    if (bad) continue;
    const reference = field("reference").text;
    out.push({ id: id.text.trim(), text: field("text").text, expression: expr.text, claim: parsed.claim, source: { file: table.file, name: table.name, line: rec.line }, ...(reference ? { reference } : {}) });
  }
  return out;
}

/** A printed unit fits when it names the metric's unit; an intensity's as "<numerator unit>/<any known denominator unit>". */
function unitFits(catalogue: Catalogue, metric: Metric, printed: string): boolean {
  if (metric.kind !== "intensity") return unitBySpelling(catalogue, printed)?.id === metric.unit;
  const slash = printed.normalize("NFKC").lastIndexOf("/");
  if (slash < 0) return false;
  const norm = printed.normalize("NFKC");
  // The part after "/" must be a revenue unit: "噸/兆瓦時" is not an intensity per revenue.
  return unitBySpelling(catalogue, norm.slice(0, slash))?.id === unitOf(catalogue, metric) && unitBySpelling(catalogue, norm.slice(slash + 1))?.dimension === "currency";
}

function perUnitOf(catalogue: Catalogue, printed: string): string | undefined {
  const norm = printed.normalize("NFKC");
  return unitBySpelling(catalogue, norm.slice(norm.lastIndexOf("/") + 1))?.id;
}
