// Activity files (energy.csv, emissions.csv, …): one row per reporting unit and base metric, converted exactly
// to the metric's unit; every problem located at its file, line and column.
import { isRead, kindOf } from "./metricKinds.js";
import type { CsvTable } from "./source.js";
import { message, named, someOf, type InputError } from "../findings/inputError.js";
import { metricById, unitBySpelling } from "./catalogue.js";
import { closest, foldLabel } from "./fold.js";
import { Dec, halfUnit } from "./decimal.js";
import { activityValueOf, type UnitSum } from "./leafSums.js";
import { resolvePeriod, WHOLE_PERIOD, type PeriodRange } from "./periods.js";
import { CANONICAL, foldFigure, parsePrintedNumber, type NumberFormat } from "./printedNumber.js";
import { isLeaf } from "./tree.js";
import type { ActivityValue, Catalogue, ReportingTree, SourceRef, Unit } from "./types.js";
import { conversionFactor, unitById } from "./units.js";
import { fieldOf, readHeader, sourceAt, splitThousands } from "./csvFields.js";

export const ACTIVITY_REQUIRED = ["facility", "metric", "value", "unit"] as const;
export const ACTIVITY_OPTIONAL = ["period", "source", "note"] as const;

/**
 * The reference reader: every row through csv-parse and Decimal. Rows of one facility, period (a month counts
 * towards its period) and metric are summed; a repeated (facility, metric, month) is an error unless the file
 * is additive. `periods`: the report's own first.
 */
export function buildActivity(
  tables: CsvTable[],
  tree: ReportingTree,
  catalogue: Catalogue,
  periods: readonly PeriodRange[],
  additive: readonly boolean[],
  errors: InputError[],
  format: NumberFormat = CANONICAL,
): ActivityValue[] {
  const leaves = someOf([...tree.nodes.values()].filter((n) => isLeaf(tree, n.id)).map((n) => n.id));
  const groups = new Map<
    string,
    { facility: string; period: string; metric: string; metricUnit: Unit; sums: UnitSum[] }
  >();
  const seen = new Map<string, { source: SourceRef; slot: number }[]>();
  // Where each facility, period and metric was first given (its facility field): a figure on an inner node
  // (a metric printed for a region or the total only) and figures below it would be counted twice.
  const firstAt = new Map<string, InputError>();
  tables.forEach((table, t) => {
    const header = readHeader(table, [...ACTIVITY_REQUIRED, ...ACTIVITY_OPTIONAL], ACTIVITY_REQUIRED, errors);
    if (!header) return;
    // The file's (or, for a workbook, the sheet's) name says which metrics belong in it.
    const kind = (
      table.sheet ? table.file.replace(/^.*!/, "") : table.file.replace(/^.*[\\/]/, "").replace(/\.csv$/i, "")
    ).toLowerCase();
    for (const rec of table.records) {
      const get = (name: string) => fieldOf(table, rec, header, name);
      // A figure split by an unquoted thousands separator shifts the fields after it: one error, not one per field.
      const split = splitThousands(table, rec, header.get("value")!, "value");
      if (split) {
        errors.push(split);
        continue;
      }
      const facility = get("facility");
      const metricField = get("metric");
      const valueField = get("value");
      const unitField = get("unit");
      let rowOk = true;
      const bad = (e: InputError) => {
        errors.push(e);
        rowOk = false;
      };

      const periodField = header.has("period") ? get("period") : null;
      const placed = resolvePeriod(periodField?.text ?? "", periods);
      if (periodField && "error" in placed) {
        bad({
          code: "period-unknown",
          ...periodField.where,
          found: periodField.text.trim(),
          message: `unknown period "${periodField.text.trim()}": ${placed.error}`,
          expected: `one of ${periods.map((p) => p.label).join(", ")} (blank: ${periods[0]!.label}) or a month YYYY-MM inside one`,
          hint: 'other years are declared under "periods" in manifest.json',
          say: {
            message: message("error.period-unknown.why", { found: periodField.text.trim(), why: placed.say }),
            expected: message("error.period-unknown.activity.expected", {
              periods: periods.map((p) => p.label).join(", "),
              first: periods[0]!.label,
            }),
            hint: message("error.period-unknown.activity.hint"),
          },
        });
      }

      const facilityId = facility.text.trim();
      if (!tree.nodes.has(facilityId)) {
        bad({
          code: "facility-unknown",
          ...facility.where,
          found: facilityId,
          message: `unknown reporting unit "${facilityId}"`,
          expected: `one of the tree's leaves (${leaves}), or an inner node for a metric printed for it only`,
          say: {
            message: message("error.facility-unknown", { found: facilityId }),
            expected: message("error.facility-unknown.expected", { leaves }),
          },
        });
      }

      const metricId = metricField.text.trim();
      const metric = metricById(catalogue, metricId);
      if (!metric) {
        // Ids that share a word with what was typed ("electricity") first, then the closest by spelling.
        // (the first segment is the domain — "energy" — which every energy metric shares)
        const words = metricId
          .toLowerCase()
          .split(".")
          .slice(1)
          .join("_")
          .split(/[_-]+/)
          .filter((w) => w.length > 2);
        const base = catalogue.metrics.filter(isRead);
        const sharing = base.filter((x) => words.some((w) => x.id.includes(w)));
        const near = [
          ...new Set(
            [...closest(metricId, sharing, (x) => x.id), ...closest(metricId, base, (x) => x.id)].map((x) => x.id),
          ),
        ].slice(0, 3);
        bad({
          code: "metric-unknown",
          ...metricField.where,
          found: metricId,
          message: `unknown metric "${metricId}"`,
          hint: `did you mean ${near.join(", ")}?`,
          say: {
            message: message("error.metric-unknown", { found: metricId }),
            hint: message("error.did-you-mean", { names: near.join(", ") }),
          },
        });
      } else if (!isRead(metric)) {
        bad({
          code: "metric-not-input",
          ...metricField.where,
          found: metricId,
          message: `"${metricId}" is ${kindOf(metric).noun}: it is computed, never read`,
          hint:
            metric.kind === "derived"
              ? `give its terms instead: ${kindOf(metric).inputs(metric).join(", ")}`
              : "intensities are computed from the total and the denominator",
          say: {
            message: message(
              `error.metric-not-input.${metric.kind === "derived" ? "derived" : metric.kind === "ratio" ? "ratio" : "intensity"}`,
              { found: metricId },
            ),
            hint:
              metric.kind === "derived"
                ? message("error.metric-not-input.derived.hint", { terms: kindOf(metric).inputs(metric).join(", ") })
                : message("error.metric-not-input.intensity.hint"),
          },
        });
      } else if (["energy", "emissions", "water", "waste"].includes(kind) && metric.file !== kind) {
        bad({
          code: "metric-wrong-file",
          ...metricField.where,
          found: metricId,
          message: table.sheet
            ? `"${metricId}" belongs in the ${metric.file} sheet, not ${kind}`
            : `"${metricId}" belongs in ${metric.file}.csv, not ${kind}.csv`,
          say: {
            message: table.sheet
              ? message("error.metric-wrong-file.sheet", { found: metricId, sheet: metric.file, other: kind })
              : message("error.metric-wrong-file", {
                  found: metricId,
                  file: `${metric.file}.csv`,
                  other: `${kind}.csv`,
                }),
          },
        });
      }

      // A workbook cell that stores a number holds the tool's own text for it (1234.5), whatever the dataset's format.
      const stored = table.sheet?.numeric?.(rec.line, header.get("value")!) === true;
      const parsed = parsePrintedNumber(valueField.text, { format: stored ? CANONICAL : format, signs: true });
      if (!parsed.ok) {
        const notApplicable = foldFigure(valueField.text).trim() === "/";
        const bound = /^[<＜]/.test(foldFigure(valueField.text).trim());
        bad({
          code: valueField.text.trim() === "" ? "value-empty" : "value-not-a-number",
          ...valueField.where,
          found: valueField.text,
          message: notApplicable ? `"/" (not applicable) is not a value` : parsed.reason,
          expected: 'a number as printed, e.g. 8917.2 or "8,917.2"',
          ...(notApplicable
            ? {
                say: {
                  message: message("error.value-slash"),
                  expected: message("error.value.expected"),
                  hint: message("error.value-slash.hint"),
                },
              }
            : parsed.say
              ? {
                  say: {
                    message: parsed.say,
                    expected: message("error.value.expected"),
                    ...(bound
                      ? { hint: message("error.value-bound.hint") }
                      : parsed.sayHint
                        ? { hint: parsed.sayHint }
                        : {}),
                  },
                }
              : {}),
          ...(notApplicable
            ? { hint: "leave the row out: a unit with nothing to report has no activity row" }
            : bound
              ? {
                  hint: "an activity value is a measurement: write the figure (a bound such as <0.01 is read in the published table only)",
                }
              : parsed.hint
                ? { hint: parsed.hint }
                : {}),
        });
      } else if (metric && metric.nonNegative && parsed.number.value.lt(0)) {
        bad({
          code: "value-negative",
          ...valueField.where,
          found: valueField.text,
          message: `${metricId} cannot be negative (found ${valueField.text})`,
          expected: "a value ≥ 0",
          say: {
            message: message("error.value-negative", {
              metric: named(metricId, metric.labels),
              found: valueField.text,
            }),
            expected: message("error.value-negative.expected"),
          },
        });
      }

      const unitText = unitField.text.trim();
      const unit = unitBySpelling(catalogue, unitText);
      const metricUnit = metric && isRead(metric) ? unitById(catalogue, metric.unit) : undefined;
      const sameDimension = (u: { dimension: string }) => !metricUnit || u.dimension === metricUnit.dimension;
      if (!unit) {
        const fits = catalogue.units.filter(sameDimension).map((u) => u.id);
        const near = closest(
          foldLabel(unitText, catalogue.radicals, { keepCase: true }),
          catalogue.units.filter(sameDimension).flatMap((u) => u.spellings.map((sp) => ({ u, sp }))),
          (x) => x.sp,
          1,
        )[0];
        bad({
          code: "unit-unknown",
          ...unitField.where,
          found: unitText,
          message: `unknown unit "${unitText}"`,
          expected: metricUnit ? `a unit of ${metricUnit.dimension}: ${fits.join(", ")}` : `one of ${fits.join(", ")}`,
          ...(near ? { hint: `did you mean ${near.u.id}?` } : {}),
          say: {
            message: message("error.unit-unknown", { found: unitText }),
            expected: metricUnit
              ? message("error.unit-of", {
                  dimension: message(`phrase.dimension.${metricUnit.dimension}`),
                  units: fits.join(", "),
                })
              : message("error.one-of", { names: fits.join(", ") }),
            ...(near ? { hint: message("error.did-you-mean", { names: near.u.id }) } : {}),
          },
        });
      }
      const factor = unit && metricUnit ? conversionFactor(unit, metricUnit) : null;
      if (unit && metricUnit && !factor) {
        const fits = catalogue.units.filter((u) => u.dimension === metricUnit.dimension).map((u) => u.id);
        bad({
          code: "unit-mismatch",
          ...unitField.where,
          found: unitText,
          message: `${metricId} is ${metricUnit.dimension} (${metricUnit.id}); "${unitText}" is ${unit.dimension}`,
          expected: `a unit of ${metricUnit.dimension}: ${fits.join(", ")}`,
          say: {
            message: message("error.unit-mismatch", {
              metric: named(metricId, metric?.labels),
              dimension: message(`phrase.dimension.${metricUnit.dimension}`),
              unit: metricUnit.id,
              found: unitText,
              foundDimension: message(`phrase.dimension.${unit.dimension}`),
            }),
            expected: message("error.unit-of", {
              dimension: message(`phrase.dimension.${metricUnit.dimension}`),
              units: fits.join(", "),
            }),
          },
        });
      }

      if (!rowOk || !metric || !isRead(metric) || !parsed.ok || !unit || !factor || "error" in placed) continue;
      const period = periods[placed.period]!.label;
      const source: SourceRef = sourceAt(table, valueField.where);
      const key = `${facilityId}\u0000${period}\u0000${metricId}`;
      const earlier = seen.get(key) ?? [];
      const clash = additive[t]
        ? undefined
        : earlier.find((e) => e.slot === placed.slot || e.slot === WHOLE_PERIOD || placed.slot === WHOLE_PERIOD);
      if (clash) {
        const what =
          clash.slot === placed.slot
            ? `${facilityId} / ${metricId}${periods.length > 1 || placed.slot !== WHOLE_PERIOD ? ` / ${periodField?.text.trim() || period}` : ""} is given twice`
            : `${facilityId} / ${metricId} has both a row for the whole of ${period} and monthly rows`;
        errors.push({
          code: "row-duplicate",
          ...facility.where,
          message: `${what}; first at ${clash.source.file}:${clash.source.line}`,
          hint: "one row per reporting unit, metric and month: add the figures up before they go in, fix the facility, metric or month, or mark the file additive in the manifest",
          say: {
            message:
              clash.slot === placed.slot
                ? message("error.row-duplicate", {
                    row: `${facilityId} / ${metricId}${periods.length > 1 || placed.slot !== WHOLE_PERIOD ? ` / ${periodField?.text.trim() || period}` : ""}`,
                    first: `${clash.source.file}:${clash.source.line}`,
                  })
                : message("error.row-duplicate.whole-and-months", {
                    row: `${facilityId} / ${metricId}`,
                    period,
                    first: `${clash.source.file}:${clash.source.line}`,
                  }),
            hint: message("error.row-duplicate.hint"),
          },
        });
        continue;
      }
      earlier.push({ source, slot: placed.slot });
      seen.set(key, earlier);
      if (!firstAt.has(key)) firstAt.set(key, { ...facility.where } as InputError);

      const v = parsed.number.value;
      const h = halfUnit(parsed.number.scale);
      const lo = metric.nonNegative ? Dec.max(v.minus(h), 0) : v.minus(h);
      let group = groups.get(key);
      if (!group)
        groups.set(
          key,
          (group = { facility: facilityId, period, metric: metricId, metricUnit: metricUnit!, sums: [] }),
        );
      const sum = group.sums.find((x) => x.unit.id === unit.id);
      if (!sum) {
        group.sums.push({
          unit,
          value: v,
          lo,
          hi: v.plus(h),
          scale: parsed.number.scale,
          rows: 1,
          number: parsed.number,
          source,
          ...(header.has("note") && get("note").text ? { note: get("note").text } : {}),
        });
      } else {
        sum.value = sum.value.plus(v);
        sum.lo = sum.lo.plus(lo);
        sum.hi = sum.hi.plus(v.plus(h));
        sum.scale = Math.max(sum.scale, parsed.number.scale);
        sum.rows++;
      }
    }
  });
  figuresAboveFigures(groups.values(), tree, firstAt, errors);
  return [...groups.values()].map((g) => activityValueOf(g.facility, g.period, g.metric, g.metricUnit, g.sums));
}

/**
 * A metric may be given on an inner node (printed for a region or the total only) — but then not also on a node
 * below it in the same period: the roll-up would count it twice, and neither figure says which one is right.
 * One error per such inner node, at its row, naming the first figure below it.
 */
function figuresAboveFigures(
  groups: Iterable<{ facility: string; period: string; metric: string }>,
  tree: ReportingTree,
  firstAt: ReadonlyMap<string, InputError>,
  errors: InputError[],
): void {
  const below = new Map<string, string[]>();
  for (const g of groups) {
    for (let n = tree.nodes.get(g.facility)?.parent ?? null; n; n = tree.nodes.get(n)?.parent ?? null) {
      const key = `${n}\u0000${g.period}\u0000${g.metric}`;
      if (!firstAt.has(key)) continue;
      const list = below.get(key) ?? [];
      below.set(key, list);
      list.push(`${g.facility}\u0000${g.period}\u0000${g.metric}`);
    }
  }
  for (const [key, list] of below) {
    const at = firstAt.get(key)!;
    const [node, period, metric] = key.split("\u0000") as [string, string, string];
    // The groups are in reading order: the first row below it that the reader met.
    const first = firstAt.get(list[0]!)!;
    const where = first.cell ? `${first.file}!${first.cell}` : `${first.file}:${first.line}:${first.column}`;
    const more = list.length > 1 ? ` (and ${list.length - 1} more below it)` : "";
    errors.push({
      ...at,
      code: "figure-overlap",
      found: node,
      message: `${node} / ${metric} / ${period} has a figure of its own and ${list[0]!.split("\u0000")[0]} below it has one too, at ${where}${more}`,
      expected: `a figure for ${node} or for the nodes below it, not both`,
      hint: `a metric printed for ${node} only is given on ${node} alone; one split by site is given on the sites, and ${node} is summed from them`,
      say: {
        message: message(list.length > 1 ? "error.figure-overlap.more" : "error.figure-overlap", {
          node,
          metric,
          period,
          below: list[0]!.split("\u0000")[0]!,
          where,
          n: String(list.length - 1),
        }),
        expected: message("error.figure-overlap.expected", { node }),
        hint: message("error.figure-overlap.hint", { node }),
      },
    });
  }
}
