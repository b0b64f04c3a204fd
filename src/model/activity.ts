// Activity files (energy.csv, emissions.csv, …): one row per reporting unit and base metric, converted exactly
// to the metric's unit; every problem located at its file, line and column.
import type { CsvTable } from "../io/csv.js";
import type { InputError } from "../findings/inputError.js";
import { metricById, unitBySpelling } from "./catalogue.js";
import { closest, foldLabel } from "./fold.js";
import { clampAtZero, printedInterval, scaleInterval } from "./interval.js";
import { parsePrintedNumber } from "./printedNumber.js";
import { isLeaf } from "./tree.js";
import type { ActivityValue, Catalogue, ReportingTree } from "./types.js";
import { conversionFactor, convertedScale, unitById } from "./units.js";
import { fieldOf, readHeader } from "./csvFields.js";

const ACTIVITY_REQUIRED = ["facility", "metric", "value", "unit"] as const;
const ACTIVITY_OPTIONAL = ["period", "source", "note"] as const;

/** `periods`: the dataset's period labels, the report's own first (a row without a period belongs to it). */
export function buildActivity(tables: CsvTable[], tree: ReportingTree, catalogue: Catalogue, periods: readonly string[], errors: InputError[]): ActivityValue[] {
  const out: ActivityValue[] = [];
  const firstSeen = new Map<string, ActivityValue>();
  const leaves = [...tree.nodes.values()].filter((n) => isLeaf(tree, n.id)).map((n) => n.id);
  for (const table of tables) {
    const header = readHeader(table, [...ACTIVITY_REQUIRED, ...ACTIVITY_OPTIONAL], ACTIVITY_REQUIRED, errors);
    if (!header) continue;
    const kind = table.file.replace(/^.*[\\/]/, "").replace(/\.csv$/i, "").toLowerCase();
    for (const rec of table.records) {
      const get = (name: string) => fieldOf(table, rec, header, name);
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
      const period = periodField?.text.trim() || periods[0]!;
      if (periodField && !periods.includes(period)) {
        bad({ code: "period-unknown", ...periodField.where, found: period, message: `unknown period "${period}"`, expected: `one of ${periods.join(", ")} (blank: ${periods[0]}); other years are declared under "periods" in manifest.json` });
      }

      const facilityId = facility.text.trim();
      if (!tree.nodes.has(facilityId)) {
        bad({ code: "facility-unknown", ...facility.where, found: facilityId, message: `unknown reporting unit "${facilityId}"`, expected: `one of the tree's leaves: ${leaves.join(", ")}` });
      } else if (!isLeaf(tree, facilityId)) {
        bad({ code: "facility-unknown", ...facility.where, found: facilityId, message: `"${facilityId}" is a subtotal of the reporting tree; activity rows belong to its leaves`, expected: `one of ${leaves.join(", ")}`, hint: "subtotals and totals are recomputed from the leaves, never read" });
      }

      const metricId = metricField.text.trim();
      const metric = metricById(catalogue, metricId);
      if (!metric) {
        // Ids that share a word with what was typed ("electricity") first, then the closest by spelling.
        // (the first segment is the domain — "energy" — which every energy metric shares)
        const words = metricId.toLowerCase().split(".").slice(1).join("_").split(/[_-]+/).filter((w) => w.length > 2);
        const base = catalogue.metrics.filter((x) => x.kind === "base");
        const sharing = base.filter((x) => words.some((w) => x.id.includes(w)));
        const near = [...new Set([...closest(metricId, sharing, (x) => x.id), ...closest(metricId, base, (x) => x.id)].map((x) => x.id))].slice(0, 3);
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
        period,
        metric: metricId,
        number: parsed.number,
        unit: unit.id,
        value: parsed.number.value.times(factor),
        interval: scaleInterval(metric.nonNegative ? clampAtZero(printed) : printed, factor),
        scale: convertedScale(parsed.number.scale, factor),
        source: { file: table.file, name: table.name, line: rec.line, column: valueField.where.column },
        ...(header.has("note") && get("note").text ? { note: get("note").text } : {}),
      };
      const key = `${facilityId}\u0000${period}\u0000${metricId}`;
      const first = firstSeen.get(key);
      if (first) {
        errors.push({ code: "row-duplicate", ...facility.where, message: `${facilityId} / ${metricId}${periods.length > 1 ? ` / ${period}` : ""} is given twice; first at ${first.source.file}:${first.source.line}`, hint: "one row per reporting unit and metric: add the figures up before they go in, or fix the facility or metric" });
        continue;
      }
      firstSeen.set(key, value);
      out.push(value);
    }
  }
  return out;
}
