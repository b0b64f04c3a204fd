// Choosing the denominator for intensities: the manifest's default, one it declares by id, or a revenue typed
// on the command line (exact unless written with ±, e.g. "36100±50").
import { publishedRows } from "./columns.js";
import { fail, message, ok, type Result } from "../findings/inputError.js";
import { Dec } from "./decimal.js";
import { pointInterval, scaleInterval } from "./interval.js";
import { conversionFactor, convertedScale, currencyMillion } from "./units.js";
import { parsePrintedNumber } from "./printedNumber.js";
import { isRevenueMeasure, REVENUE, type Dataset, type Denominator } from "./types.js";

export interface DenominatorChoice {
  id?: string;
  revenue?: string;
}

/** null: the dataset declares no denominator and none was given, so intensities cannot be recomputed. */
export function chooseDenominator(dataset: Dataset, choice: DenominatorChoice): Result<Denominator | null> {
  if (choice.id !== undefined && choice.revenue !== undefined) {
    return fail({
      code: "usage",
      message: "give --denominator or --revenue, not both",
      say: { message: message("error.revenue.both") },
    });
  }
  // The choice is about the report's own period; other periods use their own default. Without a choice, the
  // company's revenue (the root's): a site's revenue or a count of vehicles is the default of its own group only.
  const own = dataset.denominators.filter((x) => x.period === dataset.period.label);
  const revenues = own.filter((x) => x.node === dataset.tree.root && x.measure === REVENUE);
  const declared = revenues.find((x) => x.isDefault) ?? revenues[0];
  // Without a declared denominator, a typed revenue is in millions of the dataset's currency.
  if (choice.revenue !== undefined)
    return revenueDenominator(
      choice.revenue,
      declared?.unit ?? currencyMillion(dataset.catalogue, dataset.currency)?.id ?? `${dataset.currency}-million`,
      dataset.period.label,
      dataset.tree.root,
    );
  if (choice.id !== undefined) {
    const d = own.find((x) => x.id === choice.id);
    if (!d)
      return fail({
        code: "usage",
        message: `unknown denominator "${choice.id}"${dataset.denominators.some((x) => x.id === choice.id) ? ` for ${dataset.period.label}: it is another period's` : ""}`,
        expected: own.map((x) => x.id).join(", ") || "(the manifest declares none)",
        say: {
          message: dataset.denominators.some((x) => x.id === choice.id)
            ? message("error.denominator-unknown.period", { id: choice.id, period: dataset.period.label })
            : message("error.denominator-unknown", { id: choice.id }),
          expected: own.length
            ? message("error.list", { names: own.map((x) => x.id).join(", ") })
            : message("error.denominator-unknown.none"),
        },
      });
    return ok(d);
  }
  return ok(declared ?? null);
}

/** Denominators by what they divide: a node's measure (its revenue, …) in a period. */
export type DenominatorSet = ReadonlyMap<string, Denominator>;

const keyOf = (node: string, period: string, measure: string): string => `${node}\u0000${period}\u0000${measure}`;

/** A set of denominators, each under its node, period and measure. */
export const denominatorSet = (list: readonly Denominator[]): DenominatorSet =>
  new Map(list.map((d) => [keyOf(d.node, d.period, d.measure), d]));

/** The denominator of `node`'s `measure` in `period`, if one is in force. */
export function denominatorAt(set: DenominatorSet, node: string, period: string, measure: string): Denominator | null {
  return set.get(keyOf(node, period, measure)) ?? null;
}

/**
 * The denominators intensities are divided by, each converted to the unit its intensity rows are printed per: one
 * per node, period and measure (the company's revenue, a site's revenue, vehicles produced, …) — the default of its
 * group, or the chosen one in the group it belongs to (the company's revenue of the report's period for --revenue).
 */
export function denominatorsInForce(dataset: Dataset, chosen: Denominator | null): Result<DenominatorSet> {
  const out: Denominator[] = [];
  const groups = new Map<string, Denominator[]>();
  for (const d of dataset.denominators) {
    const k = keyOf(d.node, d.period, d.measure);
    groups.set(k, [...(groups.get(k) ?? []), d]);
  }
  const chosenKey = chosen ? keyOf(chosen.node, chosen.period, chosen.measure) : null;
  if (chosenKey && !groups.has(chosenKey)) groups.set(chosenKey, []);
  for (const [k, list] of groups) {
    const d = k === chosenKey ? chosen : (list.find((x) => x.isDefault) ?? list[0] ?? null);
    if (!d) continue;
    const converted = denominatorForTable(dataset, d);
    if (!converted.ok) return converted;
    out.push(converted.value);
  }
  return ok(denominatorSet(out));
}

/**
 * The denominator in the unit the table's intensity rows of its measure are printed per (噸/百萬 → RMB million,
 * 噸/千元 → RMB thousand, kWh/千輛 → thousand vehicles), converted exactly with its interval; an error when those rows
 * disagree on that unit, or when the denominator cannot be converted to it.
 */
export function denominatorForTable(dataset: Dataset, d: Denominator): Result<Denominator> {
  const rows = publishedRows(dataset).filter((r) => {
    if (!r.printedUnit.per) return false;
    const m = dataset.catalogue.metrics.find((x) => x.id === r.metric);
    return m?.kind === "intensity" && m.measure === d.measure;
  });
  const units = [...new Set(rows.map((r) => r.printedUnit.per!))];
  if (units.length > 1) {
    const second = rows.find((r) => r.printedUnit.per === units[1])!;
    return fail({
      code: "unit-mismatch",
      file: second.source.file,
      line: second.source.line,
      message:
        d.measure === REVENUE
          ? `intensity rows are printed per ${units.join(" and per ")}; one table needs one revenue unit`
          : `intensity rows per ${d.measure} are printed per ${units.join(" and per ")}; one table needs one unit of ${d.measure}`,
      say: {
        message:
          d.measure === REVENUE
            ? message("error.denominator-units", { units: { items: units, join: "phrase.join.and-per" } })
            : message("error.denominator-units.measure", {
                measure: d.measure,
                units: { items: units, join: "phrase.join.and-per" },
              }),
      },
    });
  }
  const target = units[0];
  if (!target || target === d.unit) return ok(d);
  const from = dataset.catalogue.units.find((u) => u.id === d.unit);
  const to = dataset.catalogue.units.find((u) => u.id === target);
  const k = from && to ? conversionFactor(from, to) : null;
  if (!k) {
    // Located at the denominator's unit in the manifest; a --revenue has none, so at the intensity row that asks for the unit.
    const row = rows.find((r) => r.printedUnit.per === target)!;
    const where = d.unitAt ?? { file: row.source.file, line: row.source.line };
    const currencies = from?.currency && to?.currency && from.currency !== to.currency;
    return fail({
      code: "unit-mismatch",
      ...where,
      found: d.unit,
      message: `denominator ${d.id} is in ${d.unit}, but the intensity rows are printed per ${target} (${row.source.file}:${row.source.line}), and ${d.unit} cannot be converted to ${target}${currencies ? ` (${from.currency} and ${to.currency} are different currencies: no exchange rate is applied)` : ""}`,
      expected: currencies
        ? `a denominator in ${to.currency}`
        : `a denominator in a unit of ${to?.dimension ?? (isRevenueMeasure(d.measure) ? "currency" : d.measure)}`,
      say: {
        message: message("error.denominator-convert", {
          id: d.id,
          unit: d.unit,
          target,
          at: `${row.source.file}:${row.source.line}`,
          currencies: currencies
            ? message("error.denominator-convert.currencies", { from: from.currency!, to: to.currency! })
            : "",
        }),
        expected: currencies
          ? message("error.denominator-convert.currency", { currency: to.currency! })
          : message("error.denominator-convert.dimension", {
              dimension: to?.dimension
                ? message(`phrase.dimension.${to.dimension}`)
                : isRevenueMeasure(d.measure)
                  ? message("phrase.dimension.currency")
                  : d.measure,
            }),
      },
    });
  }
  return ok({
    ...d,
    value: d.value.times(k),
    interval: scaleInterval(d.interval, k),
    scale: convertedScale(d.scale, k),
    unit: target,
  });
}

/** A revenue typed on the command line: the company's (`node`: the tree's root). */
export function revenueDenominator(text: string, unit: string, period: string, node: string): Result<Denominator> {
  const [valueText = "", tolText, ...extra] = text.split(/±|\+-|\+\/-/);
  if (extra.length)
    return fail({
      code: "usage",
      message: `--revenue: "${text}" has more than one ±`,
      say: { message: message("error.revenue.two-tolerances", { text }) },
    });
  const value = parsePrintedNumber(valueText);
  const tolerance = tolText === undefined ? null : parsePrintedNumber(tolText);
  if (!value.ok)
    return fail({
      code: "usage",
      message: `--revenue: ${value.reason}`,
      expected: 'a number in the denominator\'s unit, e.g. 36100 or "36100±50"',
      ...(value.say
        ? {
            say: {
              message: message("error.revenue.number", { why: value.say }),
              expected: message("error.revenue.number.expected"),
            },
          }
        : {}),
    });
  if (tolerance && !tolerance.ok)
    return fail({
      code: "usage",
      message: `--revenue: the tolerance after ± is missing or not a number ("${text}")`,
      expected: 'e.g. "36100±50"',
      say: {
        message: message("error.revenue.tolerance", { text }),
        expected: message("error.revenue.tolerance.expected"),
      },
    });
  if (tolerance?.ok && tolerance.number.value.lt(0))
    return fail({
      code: "usage",
      message: `--revenue: a tolerance cannot be negative ("${text}")`,
      say: { message: message("error.revenue.negative", { text }) },
    });
  const v = value.number.value;
  const t = tolerance?.ok ? tolerance.number.value : new Dec(0);
  const interval = tolerance ? { lo: v.minus(t), hi: v.plus(t) } : pointInterval(v);
  if (interval.lo.lte(0))
    return fail({
      code: "usage",
      message: "--revenue must be above zero (and above its tolerance)",
      say: { message: message("error.revenue.zero") },
    });
  return ok({
    id: "revenue-option",
    labels: {
      en: "revenue given with --revenue",
      "zh-Hant": "以 --revenue 指定的營收",
      "zh-Hans": "以 --revenue 指定的营收",
    },
    printed: text,
    value: v,
    scale: value.number.scale,
    interval,
    unit,
    isDefault: false,
    period,
    node,
    measure: REVENUE,
    source: { document: "command line" },
    origin: "command line",
  });
}
