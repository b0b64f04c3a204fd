// The factor library: net calorific values, combustion and grid emission factors, each with its source.
// Rows come from data/factors/factors.csv (and a user's --factors file); this module validates them (pure) and
// expresses every factor in base units (MWh, t, m³, tCO2e, tC) as an interval: the range the source gives, or
// the printed value ± half a unit of its last digit.
import type { CsvTable } from "./source.js";
import { failWith, message, ok, type InputError, type Result } from "../findings/inputError.js";
import { unitBySpelling } from "./catalogue.js";
import { Dec } from "./decimal.js";
import { pointInterval, printedInterval, scaleInterval, type Interval } from "./interval.js";
import { parsePrintedNumber, type PrintedNumber } from "./printedNumber.js";
import type { Catalogue, SourceRef, Unit } from "./types.js";
import { GAS_DIMENSIONS, type Dimension } from "../schema/catalogue.js";
import { fieldOf, readHeader } from "./csvFields.js";

export const FACTOR_KINDS = {
  ncv: { per: ["volume", "mass"], of: "energy", title: "net calorific value" },
  co2_combustion: { per: ["energy"], of: "emissions", title: "CO2 emission factor of combustion" },
  carbon_content: { per: ["energy"], of: "carbon", title: "carbon content per unit of energy" },
  oxidation: { per: [], of: "ratio", title: "oxidation rate" },
  grid: { per: ["energy"], of: "emissions", title: "grid emission factor of purchased electricity" },
  // Market-based scope 2 (GHG Protocol Scope 2 Guidance): what the electricity not covered by contractual
  // instruments is multiplied by (a residual mix, or the supplier's own factor), and each instrument's own factor
  // (certificates, green-power purchases, PPAs: usually zero), filed under the instrument's activity.
  residual_mix: { per: ["energy"], of: "emissions", title: "residual-mix emission factor of electricity" },
  supplier: { per: ["energy"], of: "emissions", title: "supplier-specific emission factor of electricity" },
  instrument: { per: ["energy"], of: "emissions", title: "emission factor of a contractual instrument" },
  // A global warming potential: tCO2e per tonne of the gas (IPCC, 100-year), filed under the gas (ch4, n2o, …).
  gwp: { per: GAS_DIMENSIONS, of: "emissions", title: "global warming potential (100-year)" },
} as const satisfies Record<string, { per: readonly Dimension[]; of: Dimension; title: string }>;
export type FactorKind = keyof typeof FACTOR_KINDS;

/** The kinds of factor that apply to purchased electricity (activity "electricity"). */
export const ELECTRICITY_KINDS: ReadonlySet<FactorKind> = new Set(["grid", "residual_mix", "supplier"]);
const ELECTRICITY_NAMES = { grid: "grid factor", residual_mix: "residual-mix factor", supplier: "supplier factor" };

export interface Factor {
  id: string;
  kind: FactorKind;
  activity: string;
  /** As printed in the source, in `unit`. */
  value: PrintedNumber;
  range: { low: PrintedNumber; high: PrintedNumber } | null;
  unit: string;
  of: Unit;
  per: Unit | null;
  /** The factor in base units (of-base per per-base): the range if given, else value ± half its last digit. */
  base: Interval;
  /** The printed value in base units. */
  baseValue: Dec;
  region: string;
  year: number | null;
  document: string;
  issuer: string;
  date: string;
  attribution: "confirmed" | "uncertain";
  note: string;
  source: SourceRef;
}

const COLUMNS = [
  "id",
  "kind",
  "activity",
  "value",
  "low",
  "high",
  "unit",
  "region",
  "year",
  "document",
  "issuer",
  "date",
  "attribution",
  "note",
] as const;
const REQUIRED = ["id", "kind", "activity", "value", "unit", "document", "attribution"] as const;

/** Builds factors from CSV tables (library first, then user files whose rows replace library rows by id). */
export function buildFactors(tables: CsvTable[], catalogue: Catalogue): Result<Factor[]> {
  const errors: InputError[] = [];
  const byId = new Map<string, Factor>();
  for (const table of tables) {
    const index = readHeader(table, COLUMNS, REQUIRED, errors);
    if (!index) continue;
    const seenHere = new Set<string>();
    for (const rec of table.records) {
      const get = (name: string) => {
        const f = fieldOf(table, rec, index, name);
        return { text: f.text.trim(), where: f.where };
      };
      const rowErrors: InputError[] = [];
      const bad = (e: InputError) => rowErrors.push(e);
      const id = get("id");
      if (!/^[a-z0-9][a-z0-9._-]*$/.test(id.text))
        bad({
          code: "factor-invalid",
          ...id.where,
          found: id.text,
          message: `factor id "${id.text}" is not a lower-case id`,
          expected: "letters, digits, '.', '_' or '-'",
          say: {
            message: message("error.factor.id", { text: id.text }),
            expected: message("error.factor.id.expected"),
          },
        });
      if (seenHere.has(id.text))
        bad({
          code: "row-duplicate",
          ...id.where,
          message: `factor ${id.text} appears twice in this file`,
          say: { message: message("error.factor.twice", { text: id.text }) },
        });
      seenHere.add(id.text);
      const kindF = get("kind");
      const kind = kindF.text as FactorKind;
      if (!(kind in FACTOR_KINDS))
        bad({
          code: "factor-invalid",
          ...kindF.where,
          found: kindF.text,
          message: `unknown factor kind "${kindF.text}"`,
          expected: Object.keys(FACTOR_KINDS).join(", "),
          say: {
            message: message("error.factor.kind-unknown", { text: kindF.text }),
            expected: message("error.list", { names: Object.keys(FACTOR_KINDS).join(", ") }),
          },
        });
      const activity = get("activity");
      if (!/^[a-z][a-z0-9_]*$/.test(activity.text))
        bad({
          code: "factor-invalid",
          ...activity.where,
          found: activity.text,
          message: `activity "${activity.text}" is not an id such as natural_gas, diesel, electricity`,
          say: { message: message("error.factor.activity", { text: activity.text }) },
        });

      const num = (name: "value" | "low" | "high", required: boolean): PrintedNumber | null => {
        const f = get(name);
        if (f.text === "" && !required) return null;
        const p = parsePrintedNumber(f.text);
        if (!p.ok) {
          bad({
            code: f.text === "" ? "value-empty" : "value-not-a-number",
            ...f.where,
            found: f.text,
            message: `${name}: ${p.reason}`,
            ...(p.say ? { say: { message: message("error.factor.number", { name, why: p.say }) } } : {}),
          });
          return null;
        }
        if (p.number.value.lt(0)) {
          bad({
            code: "value-negative",
            ...f.where,
            found: f.text,
            message: `${name} of a factor cannot be negative`,
            say: { message: message("error.factor.negative", { name }) },
          });
          return null;
        }
        return p.number;
      };
      const value = num("value", true);
      const low = num("low", false);
      const high = num("high", false);
      if ((low === null) !== (high === null) && rowErrors.length === 0)
        bad({
          code: "factor-invalid",
          ...get(low ? "high" : "low").where,
          message: "a range needs both low and high",
          say: { message: message("error.factor.range-half") },
        });
      if (value && low && high && !(low.value.lte(value.value) && value.value.lte(high.value)))
        bad({
          code: "factor-invalid",
          ...get("value").where,
          message: `value ${value.text} lies outside its range [${low.text}, ${high.text}]`,
          say: {
            message: message("error.factor.outside-range", { text: value.text, text2: low.text, text3: high.text }),
          },
        });

      const unitF = get("unit");
      const [ofText = "", perText, ...extra] = unitF.text.split("/");
      if (extra.length)
        bad({
          code: "unit-unknown",
          ...unitF.where,
          found: unitF.text,
          message: `unit "${unitF.text}" has more than one "/"`,
          say: { message: message("error.factor.unit-slashes", { text: unitF.text }) },
        });
      const of = unitBySpelling(catalogue, ofText);
      const per = perText === undefined ? null : unitBySpelling(catalogue, perText);
      const spec = FACTOR_KINDS[kind];
      if (!of || (perText !== undefined && !per)) {
        bad({
          code: "unit-unknown",
          ...unitF.where,
          found: unitF.text,
          message: `unknown unit "${!of ? ofText : perText}" in "${unitF.text}"`,
          say: {
            message: message("error.factor.unit-unknown", {
              unit: String(!of ? ofText : perText),
              text: unitF.text,
            }),
          },
        });
      } else if (
        spec &&
        (of.dimension !== spec.of ||
          (spec.per.length ? !per || !(spec.per as readonly string[]).includes(per.dimension) : per !== null))
      ) {
        bad({
          code: "unit-mismatch",
          ...unitF.where,
          found: unitF.text,
          message: `a ${spec.title} is ${spec.of}${spec.per.length ? ` per ${spec.per.join(" or ")}` : ""}; "${unitF.text}" is ${of.dimension}${per ? ` per ${per.dimension}` : ""}`,
          say: {
            message: message("error.factor.unit-dimension", {
              title: message(`phrase.factor-kind.${kind.replace(/_/g, "-")}`),
              of: message(`phrase.dimension.${spec.of}`),
              per: spec.per.length
                ? message("phrase.factor.per", {
                    dimensions: {
                      items: spec.per.map((d) => message(`phrase.dimension.${d}`)),
                      join: "phrase.join.or",
                    },
                  })
                : "",
              unit: unitF.text,
              dimension: message(`phrase.dimension.${of.dimension}`),
              unitPer: per
                ? message("phrase.factor.per", { dimensions: message(`phrase.dimension.${per.dimension}`) })
                : "",
            }),
          },
        });
      }
      // A grid, residual-mix or supplier factor is for electricity; the fuel factors are not; an instrument's factor
      // is filed under the instrument (certificates, green_power, ppa), not under electricity itself.
      const forElectricity = ELECTRICITY_KINDS.has(kind);
      if (spec && kind !== "instrument" && forElectricity !== (activity.text === "electricity"))
        bad({
          code: "factor-invalid",
          ...activity.where,
          found: activity.text,
          message: forElectricity
            ? `a ${ELECTRICITY_NAMES[kind as keyof typeof ELECTRICITY_NAMES]} is for electricity, not ${activity.text}`
            : `a ${spec.title} is for a fuel, not electricity`,
          say: {
            message: forElectricity
              ? message("error.factor.for-electricity", {
                  name: message(`phrase.electricity-factor.${kind.replace(/_/g, "-")}`),
                  activity: activity.text,
                })
              : message("error.factor.for-fuel", { title: message(`phrase.factor-kind.${kind.replace(/_/g, "-")}`) }),
          },
        });
      if (spec && kind === "instrument" && activity.text === "electricity")
        bad({
          code: "factor-invalid",
          ...activity.where,
          found: activity.text,
          message:
            "an instrument's factor is filed under the instrument (certificates, green_power, ppa), not electricity",
          say: { message: message("error.factor.instrument-electricity") },
        });
      if (value && spec) {
        if (kind === "oxidation" && (value.value.lte(0) || value.value.gt(1)))
          bad({
            code: "factor-invalid",
            ...get("value").where,
            found: value.text,
            message: "an oxidation rate is a fraction above 0 and at most 1",
            say: { message: message("error.factor.oxidation") },
          });
        else if (kind !== "oxidation" && kind !== "instrument" && value.value.lte(0))
          bad({
            code: "factor-invalid",
            ...get("value").where,
            found: value.text,
            message: `a ${spec.title} must be above zero`,
            say: {
              message: message("error.factor.zero", {
                title: message(`phrase.factor-kind.${kind.replace(/_/g, "-")}`),
              }),
            },
          });
      }
      const yearF = get("year");
      if (yearF.text && !/^\d{4}$/.test(yearF.text))
        bad({
          code: "factor-invalid",
          ...yearF.where,
          found: yearF.text,
          message: `year "${yearF.text}" is not a four-digit year`,
          say: { message: message("error.factor.year", { text: yearF.text }) },
        });
      const doc = get("document");
      if (doc.text === "")
        bad({
          code: "factor-source-missing",
          ...doc.where,
          message: `factor ${id.text} cites no document`,
          hint: "every factor names the document it comes from; when the citation cannot be established, name what you have and set attribution to uncertain",
          say: {
            message: message("error.factor.no-document", { text: id.text }),
            hint: message("error.factor.no-document.hint"),
          },
        });
      const attribution = get("attribution");
      if (attribution.text !== "confirmed" && attribution.text !== "uncertain")
        bad({
          code: "factor-invalid",
          ...attribution.where,
          found: attribution.text,
          message: `attribution must be "confirmed" or "uncertain"`,
          say: { message: message("error.factor.attribution") },
        });

      if (rowErrors.length || !value || !of || !spec) {
        errors.push(...rowErrors);
        continue;
      }
      const toBase = of.toBase.num.times(per ? per.toBase.den : 1).div(of.toBase.den.times(per ? per.toBase.num : 1));
      // A zero factor (an instrument conveying zero-emission generation) is exactly zero, not ± half a digit.
      const printed =
        low && high
          ? { lo: low.value, hi: high.value }
          : value.value.isZero()
            ? pointInterval(value.value)
            : printedInterval(value.value, value.scale);
      byId.set(id.text, {
        id: id.text,
        kind,
        activity: activity.text,
        value,
        range: low && high ? { low, high } : null,
        unit: unitF.text,
        of,
        per: per ?? null,
        base: scaleInterval(printed, toBase),
        baseValue: value.value.times(toBase),
        region: get("region").text,
        year: yearF.text ? Number.parseInt(yearF.text, 10) : null,
        document: doc.text,
        issuer: get("issuer").text,
        date: get("date").text,
        attribution: attribution.text as "confirmed" | "uncertain",
        note: get("note").text,
        source: { file: table.file, name: table.name, line: rec.line },
      });
    }
  }
  return errors.length ? failWith(errors) : ok([...byId.values()]);
}

export const factorById = (factors: readonly Factor[], id: string): Factor | undefined =>
  factors.find((f) => f.id === id);
