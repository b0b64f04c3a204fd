// validate → model: turns a raw dataset (manifest + CSV records) into the typed Dataset, collecting every
// error with its file, line and column instead of stopping at the first. Pure: no file system here. The
// manifest's tree, columns and denominators are read here; the published table, the activity files and the
// claims file each have a module of their own (published.ts, activity.ts, claimsFile.ts).
import {
  failWith,
  inLanguages,
  message,
  ok,
  someOf,
  someOfSaid,
  type InputError,
  type Result,
} from "../findings/inputError.js";
import { buildActivity } from "./activity.js";
import { closest, foldLabel } from "./fold.js";
import { metricById, partOfProblem, unitBySpelling } from "./catalogue.js";
import { buildClaims } from "./claimsFile.js";
import { buildAcknowledgements, DEFAULT_ACKNOWLEDGED } from "./acknowledgements.js";
import { Dec } from "./decimal.js";
import { printedInterval } from "./interval.js";
import { currencyMillion } from "./units.js";
import { parsePrintedNumber } from "./printedNumber.js";
import { numberReading, type NumberReading } from "./numberReading.js";
import { buildPublished } from "./published.js";
import { buildTree, buildTreeColumns } from "./tree.js";
import {
  REVENUE,
  isRevenueMeasure,
  type ActivitySource,
  type Breakdown,
  type Catalogue,
  type Column,
  type CompactActivity,
  type Dataset,
  type Denominator,
  type PublishedRow,
  type ReportingTree,
} from "./types.js";
import type { Manifest } from "../schema/manifest.js";
import {
  manifestAt,
  type ActivityReader,
  type CsvRecord,
  type CsvTable,
  type PlainCsv,
  type RawDataset,
} from "./source.js";
import { compactActivity, scanPlan } from "./activityPlan.js";
import { PUBLISHED_TABLE } from "./columns.js";
import type { PeriodRange } from "./periods.js";
import { fieldOf, readHeader } from "./csvFields.js";
import type { TreeEntry } from "./tree.js";

export function buildDataset(raw: RawDataset, catalogue: Catalogue): Result<Dataset> {
  const errors: InputError[] = [];
  const m = raw.manifest;
  const at = (...path: (string | number)[]) => manifestAt(raw.manifestText, path);

  const tree = readTree(raw, errors);
  if (!tree.ok) return tree;

  const periodRanges = [m.period, ...(m.periods ?? [])].map((p) => ({ label: p.label, start: p.start, end: p.end }));
  const periods = periodRanges.map((p) => p.label);
  (m.periods ?? []).forEach((p, i) => {
    if (periods.indexOf(p.label) !== i + 1)
      errors.push({
        code: "period-unknown",
        ...at("periods", i, "label"),
        found: p.label,
        message: `period "${p.label}" is declared twice`,
        say: { message: message("error.period-twice", { found: p.label }) },
      });
  });
  const periodOk = (label: string, path: (string | number)[]) => {
    if (periods.includes(label)) return true;
    errors.push({
      code: "period-unknown",
      ...at(...path),
      found: label,
      message: `unknown period "${label}"`,
      expected: `one of ${periods.join(", ")} (declare other years under "periods")`,
      say: {
        message: message("error.period-unknown", { found: label }),
        expected: message("error.period-unknown.expected", { periods: periods.join(", ") }),
      },
    });
    return false;
  };
  const reading = numberReading(m.numbers);
  // Whether a row's totals include scope 3 (manifest scope3InTotals), by the row's section as printed.
  const includesScope3 = (section: string | undefined) => {
    const fold = (t: string) => foldLabel(t, catalogue.radicals);
    const bySection =
      section === undefined
        ? undefined
        : m.scope3InTotals?.sections?.find((s) => fold(s.section) === fold(section))?.includes;
    return bySection ?? m.scope3InTotals?.table ?? false;
  };
  // Breakdowns (manifest "breakdowns", and each table's): one quantity broken down several ways, each block against
  // the same printed total. A total that names no metric is an error at its place; its blocks are then not read.
  const breakdowns: Breakdown[] = [];
  const checkedBreakdowns = (decls: NonNullable<Manifest["breakdowns"]>, base: (string | number)[]) =>
    decls.filter((d, i) => {
      const known = metricById(catalogue, d.total);
      if (!known)
        errors.push({
          code: "metric-unknown",
          ...at(...base, "breakdowns", i, "total"),
          found: d.total,
          message: `breakdowns[${i}].total: unknown metric "${d.total}"`,
          hint: `did you mean ${closest(d.total, catalogue.metrics, (x) => x.id)
            .map((x) => x.id)
            .join(", ")}?`,
          say: {
            message: message("error.field-metric-unknown", { field: `breakdowns[${i}].total`, found: d.total }),
            hint: message("error.did-you-mean", {
              names: closest(d.total, catalogue.metrics, (x) => x.id)
                .map((x) => x.id)
                .join(", "),
            }),
          },
        });
      return known;
    });
  /** Every declared block must be printed, with rows, and its breakdown's total too: else an error at the manifest. */
  const checkBreakdownsRead = (
    decls: NonNullable<Manifest["breakdowns"]>,
    base: (string | number)[],
    tableId: string,
    rows: readonly PublishedRow[],
    file: string,
  ) =>
    decls.forEach((d, i) => {
      const read = breakdowns.find((b) => b.table === tableId && b.id === d.id);
      if (!read) return;
      if (!rows.some((r) => r.metric === d.total))
        errors.push({
          code: "manifest-invalid",
          ...at(...base, "breakdowns", i, "total"),
          found: d.total,
          message: `breakdown ${d.id}: ${file} prints no row of its total ${d.total}`,
          hint: "print the total's row after the last block (with \"totalLabel\" when its label is not the metric's)",
          say: {
            message: message("error.breakdown.no-total", { id: d.id, file, total: d.total }),
            hint: message("error.breakdown.no-total.hint"),
          },
        });
      d.blocks.forEach((b, j) => {
        const block = read.blocks.find((x) => x.id === b.id);
        if (!block || block.rows.length === 0)
          errors.push({
            code: "manifest-invalid",
            ...at(...base, "breakdowns", i, "blocks", j, "heading"),
            found: b.heading,
            message: block
              ? `breakdown block ${b.id}: no rows under its heading "${b.heading}" in ${file}`
              : `breakdown block ${b.id}: ${file} prints no row "${b.heading}" (a heading with no unit and no figures)`,
            say: {
              message: message(block ? "error.breakdown.no-rows" : "error.breakdown.no-heading", {
                id: b.id,
                heading: b.heading,
                file,
              }),
            },
          });
      });
    });
  /** One published table: its columns as the manifest maps them, its rows as read, with its own printed units. */
  const buildTable = (
    tableId: string,
    entries: Manifest["columns"],
    table: CsvTable,
    printedUnits: Manifest["printedUnits"],
    place: { base: (string | number)[]; prefix: string },
    layout: Manifest["layout"],
    uncheckedColumns: Manifest["uncheckedColumns"],
    breakdownDecls: Manifest["breakdowns"] = [],
  ) => {
    const mapped = buildColumns(entries, tree.value, periods, periodOk, at, errors, place);
    // Titles that fold alike ("雲林廠 2015" and "雲林廠2015") could not be told apart in published.csv: both are refused.
    const alike = new Set<string>();
    const titles = new Map<string, number>();
    entries.forEach((c, i) => {
      const folded = foldLabel(c.printed, catalogue.radicals);
      const j = titles.get(folded);
      if (j === undefined) return void titles.set(folded, i);
      alike.add(c.printed).add(entries[j]!.printed);
      errors.push({
        code: "column-ambiguous",
        ...at(...place.base, "columns", i, "printed"),
        found: c.printed,
        message: `column titles "${entries[j]!.printed}" (columns[${j}]) and "${c.printed}" (columns[${i}]) read alike once case, spaces and character widths are folded: a header of ${place.base.length ? table.name : "published.csv"} could not tell them apart`,
        hint: "give the two columns titles that differ in more than case, spaces or width",
        say: {
          message: message("error.columns-alike", {
            first: entries[j]!.printed,
            j: String(j),
            second: c.printed,
            i: String(i),
            file: place.base.length ? table.name : "published.csv",
          }),
          hint: message("error.columns-alike.hint"),
        },
      });
    });
    const columns = mapped.filter((c) => !alike.has(c.printed));
    // Columns whose mapping is broken are reported once here and skipped in the table, not reported again.
    const brokenHeaders = entries.filter((c) => !columns.some((x) => x.printed === c.printed)).map((c) => c.printed);
    // Columns printed for a base year or targets (ESRS E1 AR 48): read past, never checked.
    const unchecked = uncheckedHeaders(uncheckedColumns, columns, catalogue, (...p) => at(...place.base, ...p), errors);
    const declaredUnit = (
      section: string | undefined,
      withFigures: readonly Column[],
    ): string | { conflict: string[] } | undefined => {
      const fold = (t: string) => foldLabel(t, catalogue.radicals);
      const heading =
        section === undefined
          ? undefined
          : printedUnits?.sections?.find((s) => fold(s.section) === fold(section))?.unit;
      const fallback = heading ?? printedUnits?.table;
      // Each column the row prints a figure in: the column's unit, else the heading's, else the table's.
      const units = withFigures.map(
        (c) =>
          printedUnits?.columns?.find((x) => x.column === c.id || fold(x.column) === fold(c.printed))?.unit ?? fallback,
      );
      const distinct = [
        ...new Set(units.map((u) => (u === undefined ? "(none)" : (unitBySpelling(catalogue, u)?.id ?? u)))),
      ];
      if (distinct.length > 1) return { conflict: distinct };
      return units[0] ?? fallback;
    };
    const rows = () =>
      buildPublished(
        tableId,
        table,
        columns,
        brokenHeaders,
        catalogue,
        tree.value,
        errors,
        declaredUnit,
        reading,
        layout?.headerRows ?? 1,
        unchecked,
        includesScope3,
        checkedBreakdowns(breakdownDecls, place.base),
        breakdowns,
      );
    return { columns, rows };
  };
  const main = buildTable(
    PUBLISHED_TABLE,
    m.columns,
    raw.published,
    m.printedUnits,
    { base: [], prefix: "" },
    m.layout,
    m.uncheckedColumns,
    m.breakdowns,
  );
  const columns = main.columns;
  const denominators = buildDenominators(raw, catalogue, tree.value, at, errors, periodOk, reading);
  const published = main.rows();
  checkBreakdownsRead(m.breakdowns ?? [], [], PUBLISHED_TABLE, published, raw.published.file);
  declarePrecision(m, published, columns, catalogue, at, errors);
  const extraTables = (m.tables ?? []).map((t, i) => {
    const raw1 = raw.tables?.find((x) => x.id === t.id)?.table;
    const built = raw1
      ? buildTable(
          t.id,
          t.columns,
          raw1,
          t.printedUnits,
          { base: ["tables", i], prefix: `${t.id}:` },
          t.layout,
          t.uncheckedColumns,
          t.breakdowns,
        )
      : null;
    const tableRows = built?.rows() ?? [];
    if (raw1) checkBreakdownsRead(t.breakdowns ?? [], ["tables", i], t.id, tableRows, raw1.file);
    return {
      entry: t,
      file: raw1?.file ?? "",
      layout: raw1,
      i,
      columns: built?.columns ?? [],
      rows: tableRows,
    };
  });
  checkTableIds(extraTables, columns, at, errors);
  const activity = readActivity(raw.activityReaders, tree.value, catalogue, periodRanges, errors, reading);
  const claims = raw.claims ? buildClaims(raw.claims, tree.value, catalogue, errors, periods) : [];
  const acknowledged = raw.acknowledged
    ? {
        file: raw.acknowledged.file,
        name: raw.acknowledged.name,
        entries: buildAcknowledgements(raw.acknowledged, errors),
      }
    : null;
  const partOf = (m.partOf ?? [])
    .filter((rule, i) => {
      const part = metricById(catalogue, rule.part);
      const unknown = [
        ["part", rule.part],
        ["whole", rule.whole],
      ].filter(([, id]) => !metricById(catalogue, id!));
      for (const [key, id] of unknown) {
        errors.push({
          code: "metric-unknown",
          ...at("partOf", i, key!),
          found: id!,
          message: `partOf[${i}].${key}: unknown metric "${id}"`,
          hint: `did you mean ${closest(id!, catalogue.metrics, (x) => x.id)
            .map((x) => x.id)
            .join(", ")}?`,
          say: {
            message: message("error.field-metric-unknown", { field: `partOf[${i}].${key}`, found: id! }),
            hint: message("error.did-you-mean", {
              names: closest(id!, catalogue.metrics, (x) => x.id)
                .map((x) => x.id)
                .join(", "),
            }),
          },
        });
      }
      if (unknown.length || !part) return false;
      const problem = partOfProblem(part, metricById(catalogue, rule.whole));
      if (problem)
        errors.push({
          code: "manifest-invalid",
          ...at("partOf", i, "whole"),
          found: rule.whole,
          message: `partOf[${i}]: ${rule.part} cannot be part of ${rule.whole}: ${problem.text}`,
          say: {
            message: message("error.part-of", { i: String(i), part: rule.part, whole: rule.whole, why: problem.say }),
          },
        });
      return !problem;
    })
    .map((r) => ({ part: r.part, whole: r.whole }));
  if (errors.length) return failWith(errors);

  return ok({
    id: m.id,
    ...(m.numbers?.format ? { numberStyle: m.numbers.format } : {}),
    company: m.company,
    reportTitle: m.report.title,
    reportLanguage: m.report.language,
    period: m.period,
    periods,
    periodRanges,
    currency: m.currency,
    tree: tree.value,
    denominators,
    ...(breakdowns.length ? { breakdowns } : {}),
    tables: [
      {
        id: PUBLISHED_TABLE,
        // (manifest report.table: where in the report the table is, "2.4 環境績效, table 1")
        ...(m.report.table ? { title: m.report.table } : {}),
        file: raw.published.file,
        columns,
        rows: published,
        layout: { header: raw.published.header.fields, records: raw.published.records.map((r) => r.fields) },
      },
      ...extraTables.map((t) => ({
        id: t.entry.id,
        ...(t.entry.title ? { title: t.entry.title } : {}),
        file: t.file,
        columns: t.columns,
        rows: t.rows,
        layout: { header: t.layout?.header.fields ?? [], records: t.layout?.records.map((r) => r.fields) ?? [] },
      })),
    ],
    activity,
    footnotes: m.footnotes,
    catalogue,
    claims,
    acknowledged,
    acknowledgedName: m.files.acknowledged ?? DEFAULT_ACKNOWLEDGED,
    partOf,
    factorPins: m.factors ?? null,
    standards: m.standards ?? [],
    pinLocations: Object.fromEntries(
      [...raw.manifestText.positions.keys()]
        .filter((k) => k.startsWith("factors.") && !k.endsWith("#key"))
        .map((k) => [k, at(...k.split("."))]),
    ),
  });
}

type At = (...path: (string | number)[]) => { file: string; line?: number; column?: number };

/**
 * Several tables (manifest "tables"): each id once and not "published" (files.published's), and every column id
 * once across all tables — findings name a cell by metric and column, so a column id says which table it is in.
 */
function checkTableIds(
  extra: readonly { entry: { id: string; columns: Manifest["columns"] }; i: number; columns: Column[] }[],
  mainColumns: readonly Column[],
  at: At,
  errors: InputError[],
): void {
  const seen = new Set<string>([PUBLISHED_TABLE]);
  const columnIds = new Map<string, string>(mainColumns.map((c) => [c.id, PUBLISHED_TABLE]));
  for (const t of extra) {
    if (seen.has(t.entry.id)) {
      errors.push({
        code: "manifest-invalid",
        ...at("tables", t.i, "id"),
        found: t.entry.id,
        message:
          t.entry.id === PUBLISHED_TABLE
            ? `table id "${PUBLISHED_TABLE}" is files.published's own; give this table another id`
            : `two tables have the id "${t.entry.id}"`,
        say: {
          message:
            t.entry.id === PUBLISHED_TABLE
              ? message("error.table-id-published", { id: PUBLISHED_TABLE })
              : message("error.table-id-twice", { id: t.entry.id }),
        },
      });
    }
    seen.add(t.entry.id);
    for (const c of t.columns) {
      const other = columnIds.get(c.id);
      if (other !== undefined) {
        const j = t.entry.columns.findIndex((x) => x.printed === c.printed);
        errors.push({
          code: "column-unmapped",
          ...at("tables", t.i, "columns", j, "id"),
          found: c.id,
          message: `column id "${c.id}" is also a column of table ${other}: a column id names one column of one table`,
          hint: 'leave out "id" (a table\'s columns are then named <table>:<node>) or choose another',
          say: {
            message: message("error.column-id-other-table", { id: c.id, table: other }),
            hint: message("error.column-id-other-table.hint"),
          },
        });
      } else columnIds.set(c.id, t.entry.id);
    }
  }
}

/**
 * Activity files through the streaming reader; if it declines any file (something unusual or wrong in it), or
 * two files hold the same facility, period and metric, all of them are read the reference way, which says what
 * is wrong where.
 */
function readActivity(
  readers: ActivityReader[],
  tree: ReportingTree,
  catalogue: Catalogue,
  periods: PeriodRange[],
  errors: InputError[],
  reading: NumberReading,
): ActivitySource {
  const files = readers.map((r) => r.file);
  const scans: CompactActivity["scans"] = [];
  let leafIds: string[] = [];
  let read = 0;
  for (const r of readers) {
    const planned = scanPlan(tree, catalogue, periods, r.file, r.additive, reading.format);
    leafIds = planned.leafIds;
    const scanned = r.scan(planned.plan, planned.tables);
    if (!scanned) break;
    for (const scan of scanned) scans.push({ scan, file: r });
    read++;
  }
  if (read === readers.length && !overlapping(scans, leafIds.length, catalogue.metrics.length, periods.length)) {
    return { reader: "streaming", compact: compactActivity(scans, leafIds, catalogue, periods), files };
  }
  const tables: CsvTable[] = [];
  for (const r of readers) {
    const t = r.table();
    if (t.ok) tables.push(t.value);
    else for (const e of t.errors) errors.push(e);
  }
  return {
    reader: "reference",
    values: buildActivity(
      tables,
      tree,
      catalogue,
      periods,
      readers.map((r) => r.additive),
      errors,
      reading.format,
    ),
    files,
  };
}

/**
 * Does any facility, period and metric appear in two files? (The reference reader then says where.) A file read
 * in two byte ranges has two lists of slots with no key in both: only keys of different files are compared.
 */
function overlapping(scans: CompactActivity["scans"], leaves: number, metrics: number, periods: number): boolean {
  if (new Set(scans.map((s) => s.file)).size < 2) return false;
  const seen = new Uint8Array(leaves * periods * metrics);
  let mine: number[] = [];
  for (let i = 0; i < scans.length; i++) {
    const { scan, file } = scans[i]!;
    for (let s = 0; s < scan.slots; s++) {
      const key = (scan.leaf[s]! * periods + scan.period[s]!) * metrics + scan.metric[s]!;
      if (seen[key]) return true;
      mine.push(key);
    }
    // A file's keys are marked once all its ranges are read (its ranges share none).
    if (scans[i + 1]?.file !== file) {
      for (const k of mine) seen[k] = 1;
      mine = [];
    }
  }
  return false;
}

/**
 * The manifest's tree nodes and the tree file's. The file's table is let go once its rows are read (RawDataset.tree
 * becomes null): for 200,000 sites it is tens of MB of records the activity scan would otherwise hold.
 */
function readTree(raw: RawDataset, errors: InputError[]): Result<ReportingTree> {
  const source = raw.tree;
  raw.tree = null;
  const fromManifest: TreeEntry[] = raw.manifest.tree.map((e, i) => ({
    id: e.id,
    ...(e.parent ? { parent: e.parent } : {}),
    labels: e.labels,
    at: manifestAt(raw.manifestText, ["tree", i]),
  }));
  // A plain tree file straight from its text into nodes, when nothing in it needs a message.
  if (source && "text" in source && !errors.length) {
    const tree = plainTree(source, fromManifest);
    if (tree) return ok(tree);
  }
  const table = source && "text" in source ? source.table() : source;
  const fromFile = table ? treeRows(table, errors) : [];
  if (errors.length) return failWith(errors);
  return buildTree([...fromManifest, ...fromFile]);
}

/**
 * The tree of a plain tree file (PlainCsv) and the manifest's nodes, read from the text line by line: no record,
 * entry or closure per row. Null when anything would need a message (a header, a node id, or the tree itself):
 * treeRows and buildTree then read the file's records and say what is wrong where.
 */
function plainTree(source: PlainCsv, fromManifest: readonly TreeEntry[]): ReportingTree | null {
  const ids = fromManifest.map((e) => e.id);
  const parents = fromManifest.map((e) => e.parent);
  const labels = fromManifest.map((e) => e.labels);
  // Lines as parseCsv splits them (LF, CRLF or a lone CR; a BOM before the first), blank ones skipped.
  const text = source.text.replace(/\r\n?/g, "\n");
  let header: Map<string, number> | null = null;
  let idAt = 0;
  let parentAt: number | undefined, labelAt: number | undefined, hantAt: number | undefined, hansAt: number | undefined;
  for (let start = 0, line = 1; start <= text.length; line++) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    let row = text.slice(start, end);
    start = end + 1;
    if (line === 1) row = row.replace(/^\ufeff/, "");
    if (/^[ \t,]*$/.test(row)) continue;
    const fields = row.split(",");
    if (!header) {
      const errors: InputError[] = [];
      const table: CsvTable = {
        file: source.file,
        name: source.name,
        header: { line, fields, text: row },
        records: [],
      };
      header = readHeader(table, TREE_COLUMNS, TREE_REQUIRED, errors);
      if (!header || errors.length) return null;
      idAt = header.get("id")!;
      [parentAt, labelAt, hantAt, hansAt] = ["parent", "label", "label_zh-hant", "label_zh-hans"].map((c) =>
        header!.get(c),
      );
      continue;
    }
    const id = fields[idAt] ?? "";
    if (!isNodeId(id)) return null;
    const parent = parentAt === undefined ? "" : (fields[parentAt] ?? "").trim();
    const label = labelAt === undefined ? "" : (fields[labelAt] ?? "");
    const hant = hantAt === undefined ? "" : (fields[hantAt] ?? "");
    const hans = hansAt === undefined ? "" : (fields[hansAt] ?? "");
    ids.push(id);
    parents.push(parent ? parent : undefined);
    labels.push(
      hant || hans
        ? { en: label || id, ...(hant ? { "zh-Hant": hant } : {}), ...(hans ? { "zh-Hans": hans } : {}) }
        : { en: label || id },
    );
  }
  return header ? buildTreeColumns({ ids, parents, labels }) : null;
}

const TREE_COLUMNS = ["id", "parent", "label", "label_zh-hant", "label_zh-hans"];
const TREE_REQUIRED = ["id", "parent", "label"];

/** files.tree: one node per row — id, parent, label (English), optional label_zh-hant, label_zh-hans. */
function treeRows(table: CsvTable, errors: InputError[]): TreeEntry[] {
  const header = readHeader(table, TREE_COLUMNS, TREE_REQUIRED, errors);
  if (!header) return [];
  const out: TreeEntry[] = [];
  // Only the id's place is worked out, and only when a message needs it (it is the node's place in messages);
  // the fields are read as text, which matters for a tree of 200,000 sites.
  const at = (name: string) => header.get(name);
  const [parentAt, labelAt, hantAt, hansAt] = [at("parent"), at("label"), at("label_zh-hant"), at("label_zh-hans")];
  const text = (rec: CsvRecord, i: number | undefined) => (i === undefined ? "" : (rec.fields[i] ?? ""));
  const idAt = header.get("id")!;
  for (const rec of table.records) {
    const idText = rec.fields[idAt] ?? "";
    if (!isNodeId(idText)) {
      const id = fieldOf(table, rec, header, "id");
      errors.push({
        code: "tree-invalid",
        ...id.where,
        found: id.text,
        message: `node id "${id.text}" is not a lower-case id (letters, digits, '.', '_', '-')`,
        say: { message: message("error.node-id", { found: id.text }) },
      });
      continue;
    }
    const parent = text(rec, parentAt).trim();
    const hant = text(rec, hantAt);
    const hans = text(rec, hansAt);
    out.push({
      id: idText,
      ...(parent ? { parent } : {}),
      labels: {
        en: text(rec, labelAt) || idText,
        ...(hant ? { "zh-Hant": hant } : {}),
        ...(hans ? { "zh-Hans": hans } : {}),
      },
      // Worked out only for a node a message names (the column of the id, found by walking its line).
      at: () => ({ ...fieldOf(table, rec, header, "id").where }),
    });
  }
  return out;
}

/** /^[a-z0-9][a-z0-9._-]*$/, by its characters (a regular expression per row costs more on 200,000 rows). */
function isNodeId(id: string): boolean {
  if (id.length === 0) return false;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    const ok = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (i > 0 && (c === 46 || c === 95 || c === 45)); // a-z 0-9 . _ -
    if (!ok) return false;
  }
  return true;
}

/** The printed titles of the base-year and target columns (not checked); one that is also a checked column is an error. */
function uncheckedHeaders(
  entries: Manifest["uncheckedColumns"],
  columns: readonly Column[],
  catalogue: Catalogue,
  at: (...path: (string | number)[]) => Partial<InputError>,
  errors: InputError[],
): string[] {
  const fold = (t: string) => foldLabel(t, catalogue.radicals);
  return (entries ?? []).flatMap((u, i) => {
    if (!columns.some((c) => fold(c.printed) === fold(u.printed))) return [u.printed];
    errors.push({
      code: "column-ambiguous",
      ...at("uncheckedColumns", i, "printed"),
      found: u.printed,
      message: `"${u.printed}" is both a checked column (columns) and an unchecked one (uncheckedColumns)`,
      hint: "a column is either checked against the data or left alone: remove it from one of the two lists",
      say: {
        message: message("error.column-checked-and-unchecked", { found: u.printed }),
        hint: message("error.column-checked-and-unchecked.hint"),
      },
    });
    return [];
  });
}

/**
 * The published columns: each names a tree node and a period (or a change between two periods). Ids are the node's
 * for the report's own period, "node@period" otherwise, unless the manifest gives one.
 */

function buildColumns(
  entries: Manifest["columns"],
  tree: ReportingTree,
  periods: string[],
  periodOk: (label: string, path: (string | number)[]) => boolean,
  at0: At,
  errors: InputError[],
  /** Where the columns are in the manifest (["tables", 0] for a table of "tables") and the prefix of their natural ids. */
  place: { base: (string | number)[]; prefix: string } = { base: [], prefix: "" },
): Column[] {
  const at: At = (...path) => at0(...place.base, ...path);
  const periodOkAt = periodOk;
  periodOk = (label, path) => periodOkAt(label, [...place.base, ...path]);
  const columns: Column[] = [];
  const reportPeriod = periods[0]!;
  entries.forEach((c, i) => {
    if (!tree.nodes.has(c.node)) {
      errors.push({
        code: "column-unmapped",
        ...at("columns", i, "node"),
        message: `column "${c.printed}" maps to node "${c.node}", which is not in the tree`,
        say: {
          message: message("error.column-node", { column: c.printed, node: c.node }),
          expected: message("error.one-of", { names: someOfSaid([...tree.nodes.keys()]) }),
        },
        expected: `one of ${someOf([...tree.nodes.keys()])}`,
      });
      return;
    }
    if (c.change && c.period !== undefined) {
      errors.push({
        code: "period-unknown",
        ...at("columns", i, "period"),
        message: `column "${c.printed}" is a change column: its periods are "change.from" and "change.to", not "period"`,
        say: { message: message("error.column-change-period", { column: c.printed }) },
      });
      return;
    }
    if (
      c.change &&
      (!periodOk(c.change.from, ["columns", i, "change", "from"]) ||
        !periodOk(c.change.to, ["columns", i, "change", "to"]))
    )
      return;
    if (c.change && c.change.from === c.change.to) {
      errors.push({
        code: "period-unknown",
        ...at("columns", i, "change"),
        message: `column "${c.printed}": a change from ${c.change.from} to itself is always 0`,
        say: { message: message("error.column-change-same", { column: c.printed, period: c.change.from }) },
      });
      return;
    }
    const period = c.change?.to ?? c.period ?? reportPeriod;
    if (!periodOk(period, ["columns", i, "period"])) return;
    const natural = c.change
      ? `${c.node}@${c.change.from}..${c.change.to}`
      : period === reportPeriod && !c.report
        ? c.node
        : `${c.node}@${period}`;
    const id = c.id ?? `${place.prefix}${natural}`;
    // Ids that name a tree node mean "this node in the report's period": the checks by facility rely on that.
    if (c.id !== undefined && tree.nodes.has(c.id) && (c.id !== c.node || natural !== c.node)) {
      errors.push({
        code: "column-unmapped",
        ...at("columns", i, "id"),
        found: c.id,
        message: `column id "${c.id}" is a node of the tree; only the report-period column of node ${c.id} may have it`,
        say: { message: message("error.column-id-node", { id: c.id }) },
      });
      return;
    }
    const twin = columns.find((x) => x.id === id);
    if (twin) {
      const same = twin.node === c.node && twin.period === period && !twin.change === !c.change;
      errors.push({
        code: "column-unmapped",
        ...at("columns", i, c.id ? "id" : "node"),
        message: same ? `node "${c.node}" is mapped by two columns for ${period}` : `two columns have the id "${id}"`,
        ...(same
          ? {
              hint: `a second column for the same node and period (e.g. the figure as first published) needs "report" and its own "id"`,
            }
          : {}),
        say: same
          ? {
              message: message("error.column-twice", { node: c.node, period }),
              hint: message("error.column-twice.hint"),
            }
          : { message: message("error.column-id-twice", { id }) },
      });
      return;
    }
    columns.push({
      id,
      printed: c.printed,
      node: c.node,
      period,
      ...(c.report ? { report: c.report } : {}),
      ...(c.change ? { change: c.change } : {}),
    });
  });
  return columns;
}

function buildDenominators(
  raw: RawDataset,
  catalogue: Catalogue,
  tree: ReportingTree,
  at: At,
  errors: InputError[],
  periodOk: (label: string, path: (string | number)[]) => boolean,
  reading: NumberReading,
): Denominator[] {
  const out: Denominator[] = [];
  const reportPeriod = raw.manifest.period.label;
  const all = raw.manifest.denominators;
  // A denominator is of a node's measure in a period: at most one of each such group is the default.
  const groupOf = (d: (typeof all)[number]) =>
    `${d.node ?? tree.root}\u0000${d.period ?? reportPeriod}\u0000${d.measure ?? REVENUE}`;
  const defaultsOf = (g: string) => all.filter((d) => d.default && groupOf(d) === g).length;
  for (const g of new Set(all.map(groupOf))) {
    if (defaultsOf(g) > 1) {
      const [node, p, measure] = g.split("\u0000");
      const whose = node === tree.root && measure === REVENUE ? "" : ` (${measure} of ${node})`;
      errors.push({
        code: "denominator-invalid",
        ...at("denominators"),
        message: `${defaultsOf(g)} denominators of ${p}${whose} say "default": true; at most one per period${whose ? ", node and measure" : ""} may`,
        say: {
          message: whose
            ? message("error.denominator-defaults.of", {
                n: String(defaultsOf(g)),
                period: p!,
                measure: measure!,
                node: node!,
              })
            : message("error.denominator-defaults", { n: String(defaultsOf(g)), period: p! }),
        },
      });
    }
  }
  raw.manifest.denominators.forEach((d, i) => {
    const period = d.period ?? reportPeriod;
    if (!periodOk(period, ["denominators", i, "period"])) return;
    const node = d.node ?? tree.root;
    if (!tree.nodes.has(node)) {
      errors.push({
        code: "denominator-invalid",
        ...at("denominators", i, "node"),
        found: node,
        message: `denominator ${d.id}: node "${node}" is not in the tree`,
        say: {
          message: message("error.denominator-node", { id: d.id, node }),
          expected: message("error.one-of", { names: someOfSaid([...tree.nodes.keys()]) }),
        },
        expected: `one of ${someOf([...tree.nodes.keys()])}`,
      });
      return;
    }
    const measure = d.measure ?? REVENUE;
    const text = d.value ?? d.printed;
    const parsed = parsePrintedNumber(text, { format: reading.format });
    const unit = unitBySpelling(catalogue, d.unit);
    if (!parsed.ok) {
      errors.push({
        code: "denominator-invalid",
        ...at("denominators", i, d.value ? "value" : "printed"),
        message: `denominator ${d.id}: ${parsed.reason}`,
        hint: 'when "printed" is not a plain number (e.g. "361億元"), give "value": "361" and "multiplier": "100"',
        say: {
          message: message("error.denominator-number", {
            id: d.id,
            why: parsed.say ?? inLanguages(parsed.reason, parsed.reason, parsed.reason),
          }),
          hint: message("error.denominator-number.hint"),
        },
      });
      return;
    }
    if (!unit) {
      errors.push({
        code: "unit-unknown",
        ...at("denominators", i, "unit"),
        message: `denominator ${d.id}: unknown unit "${d.unit}"`,
        say: {
          message: message("error.denominator-unit-unknown", { id: d.id, found: d.unit }),
          expected: message("error.list", {
            names: (isRevenueMeasure(measure)
              ? catalogue.units.filter((u) => u.currency === raw.manifest.currency)
              : catalogue.units.filter((u) => u.dimension !== "currency")
            )
              .map((u) => u.id)
              .join(", "),
          }),
        },
        expected: isRevenueMeasure(measure)
          ? catalogue.units
              .filter((u) => u.currency === raw.manifest.currency)
              .map((u) => u.id)
              .join(", ")
          : catalogue.units
              .filter((u) => u.dimension !== "currency")
              .map((u) => u.id)
              .join(", "),
      });
      return;
    }
    // A revenue is money; anything else (vehicles, tonnes of product, employees, m², MWh generated) is not.
    if (isRevenueMeasure(measure) !== (unit.dimension === "currency")) {
      errors.push({
        code: "unit-mismatch",
        ...at("denominators", i, "unit"),
        found: d.unit,
        message: isRevenueMeasure(measure)
          ? measure === REVENUE
            ? `denominator ${d.id} names no "measure", so it is a revenue, but "${d.unit}" is ${unit.dimension}, not a currency`
            : `denominator ${d.id} measures ${measure}, a revenue, but "${d.unit}" is ${unit.dimension}, not a currency`
          : `denominator ${d.id} measures ${measure}, but "${d.unit}" is a currency: a revenue's measure is "revenue" or "revenue-…"`,
        say: {
          message: isRevenueMeasure(measure)
            ? measure === REVENUE
              ? message("error.denominator-not-money", {
                  id: d.id,
                  unit: d.unit,
                  dimension: message(`phrase.dimension.${unit.dimension}`),
                })
              : message("error.denominator-not-money.measure", {
                  id: d.id,
                  measure,
                  unit: d.unit,
                  dimension: message(`phrase.dimension.${unit.dimension}`),
                })
            : message("error.denominator-money", { id: d.id, measure, unit: d.unit }),
          expected: isRevenueMeasure(measure)
            ? message("error.denominator-money.expected", {
                unit: currencyMillion(catalogue, raw.manifest.currency)?.id ?? "RMB-million",
              })
            : message("error.denominator-not-money.expected", { measure }),
          ...(isRevenueMeasure(measure) ? { hint: message("error.denominator-measure.hint") } : {}),
        },
        expected: isRevenueMeasure(measure)
          ? `a denominator in a unit of currency (${currencyMillion(catalogue, raw.manifest.currency)?.id ?? "RMB-million"}, …)`
          : `a unit of ${measure} that is not money (vehicle, t, employee, m2, MWh, …)`,
        ...(isRevenueMeasure(measure)
          ? {
              hint: `a denominator of another kind names what it measures: "measure": "vehicles-produced", "employees", …`,
            }
          : {}),
      });
      return;
    }
    const multiplier = new Dec(d.multiplier ?? "1");
    const interval = printedInterval(parsed.number.value, parsed.number.scale, multiplier);
    if (interval.lo.lte(0)) {
      errors.push({
        code: "denominator-invalid",
        ...at("denominators", i),
        message: `denominator ${d.id} must be above zero (it divides every intensity)`,
        say: { message: message("error.denominator-zero", { id: d.id }) },
      });
      return;
    }
    const g = groupOf(d);
    out.push({
      id: d.id,
      labels: d.labels,
      printed: d.printed,
      value: parsed.number.value.times(multiplier),
      scale: Math.max(0, parsed.number.scale - multiplier.e),
      interval,
      unit: unit.id,
      isDefault: d.default === true || (defaultsOf(g) === 0 && all.findIndex((x) => groupOf(x) === g) === i),
      period,
      node,
      measure,
      source: d.source,
      ...(d.description ? { description: d.description } : {}),
      origin: raw.manifestText.file,
      unitAt: at("denominators", i, "unit"),
    });
  });
  const seen = new Map<string, number>();
  raw.manifest.denominators.forEach((d, i) => {
    const j = seen.get(d.id);
    if (j === undefined) return void seen.set(d.id, i);
    errors.push({
      code: "denominator-invalid",
      ...at("denominators", i, "id"),
      found: d.id,
      message: `two denominators have the id "${d.id}" (denominators[${j}] and denominators[${i}])`,
      say: { message: message("error.denominator-twice", { id: d.id, j: String(j), i: String(i) }) },
    });
  });
  return out;
}

/** Maps header names to field indexes; reports unknown, duplicate and missing columns. */

/**
 * Precision a footnote declares (manifest "precision"): for the table, a row or a cell, the interval of each printed
 * figure there follows the declaration, not its digits. A later, narrower entry (cell over row over table) wins.
 */
function declarePrecision(
  m: Manifest,
  rows: PublishedRow[],
  columns: Column[],
  catalogue: Catalogue,
  at: (...path: (string | number)[]) => Partial<InputError>,
  errors: InputError[],
): void {
  const entries = (m.precision ?? []).map((p, i) => ({ p, i, rank: (p.metric ? 1 : 0) + (p.column ? 2 : 0) }));
  for (const { p, i } of entries) {
    if (p.metric && !metricById(catalogue, p.metric))
      errors.push({
        code: "metric-unknown",
        ...at("precision", i, "metric"),
        found: p.metric,
        message: `precision[${i}].metric: unknown metric "${p.metric}"`,
        say: { message: message("error.field-metric-unknown", { field: `precision[${i}].metric`, found: p.metric }) },
      });
    if (p.column && !columns.some((c) => c.id === p.column || c.printed === p.column))
      errors.push({
        code: "column-unmapped",
        ...at("precision", i, "column"),
        found: p.column,
        message: `precision[${i}].column: "${p.column}" is not a column the manifest maps`,
        say: { message: message("error.precision-column", { i: String(i), found: p.column }) },
      });
  }
  entries.sort((a, b) => a.rank - b.rank || a.i - b.i);
  for (const row of rows) {
    for (const cell of row.cells) {
      if (cell.value.kind !== "number") continue;
      const column = columns.find((c) => c.id === cell.column);
      for (const { p } of entries) {
        if (p.metric && p.metric !== row.metric) continue;
        if (p.column && p.column !== column?.id && p.column !== column?.printed) continue;
        // "1000" → -3, "1" → 0, "0.01" → 2: the decimals the figure is rounded to.
        const declaredScale = p.roundedTo.includes(".") ? p.roundedTo.split(".")[1]!.length : 1 - p.roundedTo.length;
        cell.value = { kind: "number", number: { ...cell.value.number, declaredScale } };
      }
    }
  }
}
