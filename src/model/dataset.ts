// validate → model: turns a raw dataset (manifest + CSV records) into the typed Dataset, collecting every
// error with its file, line and column instead of stopping at the first. Pure: no file system here. The
// manifest's tree, columns and denominators are read here; the published table, the activity files and the
// claims file each have a module of their own (published.ts, activity.ts, claimsFile.ts).
import type { RawDataset } from "../io/dataset.js";
import { pathKey } from "../io/jsonSource.js";
import { fail, ok, type InputError, type Result } from "../findings/inputError.js";
import { buildActivity } from "./activity.js";
import { unitBySpelling } from "./catalogue.js";
import { buildClaims } from "./claimsFile.js";
import { Dec } from "./decimal.js";
import { printedInterval } from "./interval.js";
import { parsePrintedNumber } from "./printedNumber.js";
import { buildPublished } from "./published.js";
import { buildTree } from "./tree.js";
import type { Catalogue, Column, Dataset, Denominator, ReportingTree } from "./types.js";
import type { Manifest } from "../schema/manifest.js";

export function buildDataset(raw: RawDataset, catalogue: Catalogue): Result<Dataset> {
  const errors: InputError[] = [];
  const m = raw.manifest;
  const at = (...path: (string | number)[]) => {
    const p = raw.positions.get(pathKey(path));
    return { file: raw.manifestFile, ...(p ? { line: p.line, column: p.column, excerpt: raw.manifestLines[p.line - 1] ?? "" } : {}) };
  };

  const tree = buildTree(m.tree.map((e, i) => ({ id: e.id, ...(e.parent ? { parent: e.parent } : {}), labels: e.labels, at: at("tree", i) })));
  if (!tree.ok) return tree;

  const periods = [m.period, ...(m.periods ?? [])].map((p) => p.label);
  (m.periods ?? []).forEach((p, i) => {
    if (periods.indexOf(p.label) !== i + 1) errors.push({ code: "period-unknown", ...at("periods", i, "label"), found: p.label, message: `period "${p.label}" is declared twice` });
  });
  const periodOk = (label: string, path: (string | number)[]) => {
    if (periods.includes(label)) return true;
    errors.push({ code: "period-unknown", ...at(...path), found: label, message: `unknown period "${label}"`, expected: `one of ${periods.join(", ")} (declare other years under "periods")` });
    return false;
  };
  const columns = buildColumns(m.columns, tree.value, periods, periodOk, at, errors);
  // Columns whose mapping is broken are reported once here and skipped in published.csv, not reported again.
  const brokenHeaders = m.columns.filter((c) => !columns.some((x) => x.printed === c.printed)).map((c) => c.printed);

  const denominators = buildDenominators(raw, catalogue, at, errors, periodOk);
  const published = buildPublished(raw.published, columns, brokenHeaders, catalogue, tree.value, errors);
  const activity = buildActivity(raw.activity, tree.value, catalogue, periods, errors);
  const claims = raw.claims ? buildClaims(raw.claims, tree.value, catalogue, errors) : [];
  if (errors.length) return fail(...errors);

  return ok({
    id: m.id,
    company: m.company,
    reportTitle: m.report.title,
    reportLanguage: m.report.language,
    period: m.period,
    periods,
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

/**
 * The published columns: each names a tree node and a period (or a change between two periods). Ids are the node's
 * for the report's own period, "node@period" otherwise, unless the manifest gives one.
 */
function buildColumns(entries: Manifest["columns"], tree: ReportingTree, periods: string[], periodOk: (label: string, path: (string | number)[]) => boolean, at: At, errors: InputError[]): Column[] {
  const columns: Column[] = [];
  const reportPeriod = periods[0]!;
  entries.forEach((c, i) => {
    if (!tree.nodes.has(c.node)) {
      errors.push({ code: "column-unmapped", ...at("columns", i, "node"), message: `column "${c.printed}" maps to node "${c.node}", which is not in the tree`, expected: `one of ${[...tree.nodes.keys()].join(", ")}` });
      return;
    }
    if (c.change && c.period !== undefined) {
      errors.push({ code: "period-unknown", ...at("columns", i, "period"), message: `column "${c.printed}" is a change column: its periods are "change.from" and "change.to", not "period"` });
      return;
    }
    if (c.change && (!periodOk(c.change.from, ["columns", i, "change", "from"]) || !periodOk(c.change.to, ["columns", i, "change", "to"]))) return;
    if (c.change && c.change.from === c.change.to) {
      errors.push({ code: "period-unknown", ...at("columns", i, "change"), message: `column "${c.printed}": a change from ${c.change.from} to itself is always 0` });
      return;
    }
    const period = c.change?.to ?? c.period ?? reportPeriod;
    if (!periodOk(period, ["columns", i, "period"])) return;
    const natural = c.change ? `${c.node}@${c.change.from}..${c.change.to}` : period === reportPeriod && !c.report ? c.node : `${c.node}@${period}`;
    const id = c.id ?? natural;
    // Ids that name a tree node mean "this node in the report's period": the checks by facility rely on that.
    if (c.id !== undefined && tree.nodes.has(c.id) && (c.id !== c.node || natural !== c.node)) {
      errors.push({ code: "column-unmapped", ...at("columns", i, "id"), found: c.id, message: `column id "${c.id}" is a node of the tree; only the report-period column of node ${c.id} may have it` });
      return;
    }
    const twin = columns.find((x) => x.id === id);
    if (twin) {
      const same = twin.node === c.node && twin.period === period && !twin.change === !c.change;
      errors.push({ code: "column-unmapped", ...at("columns", i, c.id ? "id" : "node"), message: same ? `node "${c.node}" is mapped by two columns for ${period}` : `two columns have the id "${id}"`, ...(same ? { hint: `a second column for the same node and period (e.g. the figure as first published) needs "report" and its own "id"` } : {}) });
      return;
    }
    columns.push({ id, printed: c.printed, node: c.node, period, ...(c.report ? { report: c.report } : {}), ...(c.change ? { change: c.change } : {}) });
  });
  return columns;
}

function buildDenominators(raw: RawDataset, catalogue: Catalogue, at: At, errors: InputError[], periodOk: (label: string, path: (string | number)[]) => boolean): Denominator[] {
  const out: Denominator[] = [];
  const reportPeriod = raw.manifest.period.label;
  const all = raw.manifest.denominators;
  const periodOf = (d: (typeof all)[number]) => d.period ?? reportPeriod;
  const defaultsOf = (p: string) => all.filter((d) => d.default && periodOf(d) === p).length;
  for (const p of new Set(all.map(periodOf))) {
    if (defaultsOf(p) > 1) errors.push({ code: "denominator-invalid", ...at("denominators"), message: `${defaultsOf(p)} denominators of ${p} say "default": true; at most one per period may` });
  }
  raw.manifest.denominators.forEach((d, i) => {
    const period = d.period ?? reportPeriod;
    if (!periodOk(period, ["denominators", i, "period"])) return;
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
      isDefault: d.default === true || (defaultsOf(period) === 0 && all.findIndex((x) => periodOf(x) === period) === i),
      period,
      source: d.source,
      ...(d.description ? { description: d.description } : {}),
      origin: raw.manifestFile,
    });
  });
  return out;
}

/** Maps header names to field indexes; reports unknown, duplicate and missing columns. */
