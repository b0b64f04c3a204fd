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
import type { Catalogue, Column, Dataset, Denominator } from "./types.js";

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
