// Schemas of the reference data shipped under data/catalogue/.
import { z } from "zod";
import { DecimalText, Id, Labels } from "./common.js";

export const ActivityFile = z.enum(["energy", "emissions", "water", "waste"]);
export type ActivityFile = z.infer<typeof ActivityFile>;

/**
 * Gases in their own masses (t CH4, kg N2O): one dimension each, so a tonne of methane is never added to a tonne of
 * nitrous oxide; CO2 is the emissions dimension itself (tCO2 = tCO2e). A GWP converts a gas into emissions.
 */
export const GAS_DIMENSIONS = ["ch4", "n2o", "sf6", "nf3", "hfc-134a", "hfc-32", "pfc-14"] as const;
/** What a unit measures; units convert only within one. area, vehicles, people, items: what intensities are per. */
export const Dimension = z.enum([
  "energy",
  "mass",
  "volume",
  "emissions",
  "carbon",
  "ratio",
  "currency",
  "area",
  "vehicles",
  "people",
  "items",
  ...GAS_DIMENSIONS,
]);
export type Dimension = z.infer<typeof Dimension>;

/** "a" or "a/b" with decimal a, b: how many base units of the dimension one unit is. */
export const Ratio = z.string().regex(/^\d+(\.\d+)?(\/\d+(\.\d+)?)?$/, 'a decimal ratio such as "0.001" or "1/3.6"');

export const UnitEntry = z.strictObject({
  id: z.string().min(1),
  dimension: Dimension,
  toBase: Ratio,
  /** false for shares (percent, fraction): 10% + 20% of different bases is no 30%, so nothing in them is summed. */
  additive: z.boolean().optional(),
  labels: Labels,
  aliases: z.array(z.string()),
  /** Currency units: the ISO 4217 code (units of different currencies are never converted). */
  currency: z.string().regex(/^[A-Z]{3}$/).optional(),
  description: z.string().optional(),
});
export type UnitEntry = z.infer<typeof UnitEntry>;

export const UnitsFile = z.strictObject({
  description: z.string().optional(),
  sources: z.record(z.string(), z.string()).optional(),
  units: z.array(UnitEntry).min(1),
});

export const SectionEntry = z.strictObject({
  id: Id,
  labels: Labels,
  parent: Id.optional(),
  aliases: z.array(z.string()),
});

/** Where a metric sits in the disclosure frameworks reports follow. */
export const References = z.strictObject({
  hkex: z.string().regex(/^A[12]\.\d$/, "an HKEX ESG Reporting Code KPI such as A1.2").optional(),
  gri: z.string().regex(/^\d{3}-\d{1,2}$/, "a GRI disclosure such as 305-1").optional(),
  /** The ESRS XBRL taxonomy's element (2023-12-22), by name: esrs_GrossScope3GreenhouseGasEmissions. */
  esrs: z.string().regex(/^esrs_[A-Za-z0-9]+$/, "an ESRS taxonomy element name such as esrs_GrossScope1GreenhouseGasEmissions").optional(),
  /** The dimension member that narrows the element (a scope 3 category: esrs_Category1PurchasedGoodsAndServicesMember). */
  esrsMember: z.string().regex(/^esrs_[A-Za-z0-9]+Member$/, "an ESRS taxonomy member name ending in Member").optional(),
  /** The paragraphs of ESRS E1 (Delegated Regulation (EU) 2023/2772) that ask for it: "E1-6 §44(c), §51". */
  esrsParagraph: z.string().regex(/^E1-\d/, 'an ESRS E1 disclosure requirement and paragraph such as "E1-6 §44(a)"').optional(),
  /** The IFRS S2 paragraph that asks for it: "29(a)(i)(3)". */
  ifrsS2: z.string().regex(/^\d{1,2}(\([a-z]+\))*(\(\d\))?$/, 'an IFRS S2 paragraph such as "29(a)(i)(1)"').optional(),
}).refine((r) => !r.esrsMember || r.esrs, { message: "esrsMember narrows an element: give esrs too" });

const MetricCommon = {
  id: Id,
  references: References.default({}),
  section: Id,
  labels: Labels,
  aliases: z.array(z.string()),
  nonNegative: z.boolean(),
  description: z.string().optional(),
  /**
   * The metric a row printed under this metric's label means when the dataset (or the row's section) declares that
   * its totals include scope 3 (manifest `scope3InTotals`): ghg.total → ghg.total_incl_scope3.
   */
  withScope3: Id.optional(),
  /**
   * A market-based metric's location-based counterpart (ghg.scope2.market → ghg.scope2): the same figure by the other
   * scope 2 method (ESRS E1-6 §49, AR 47), which a report may print in its place.
   */
  locationBased: Id.optional(),
  /** Reported outside the scopes (biogenic CO2, ESRS E1 AR 43(c), 45(e), 46(j)): no total may add or subtract it. */
  outsideScopes: z.literal(true).optional(),
};

/** An "of which" row: the metric is part of another (same unit, both non-negative), so never larger than it. */
const PartOf = { partOf: Id.optional() };

/**
 * A term of a ratio: a metric (times `coefficient`, default 1) read at the cell's own node, its parent or the tree's
 * root ("at": a site's share of the group's total is { metric: m } ÷ { metric: m, at: "root" }).
 */
const RatioTermEntry = z.strictObject({
  metric: Id,
  coefficient: DecimalText.optional(),
  at: z.enum(["node", "parent", "root"]).optional(),
});

export const MetricEntry = z.discriminatedUnion("kind", [
  z.strictObject({ ...MetricCommon, ...PartOf, kind: z.literal("base"), unit: z.string(), file: ActivityFile }),
  z.strictObject({
    ...MetricCommon,
    ...PartOf,
    kind: z.literal("derived"),
    unit: z.string(),
    /** "gwp": the term is a gas in its own mass, × its GWP in the dataset's set (data/factors/recalculations.json gwp). */
    terms: z.array(z.strictObject({ metric: Id, coefficient: z.union([DecimalText, z.literal("gwp")]) })).min(1),
  }),
  z.strictObject({
    ...MetricCommon,
    kind: z.literal("intensity"),
    numerator: Id,
    /** What it is per: the measure of its denominators ("revenue", the default; "vehicles-produced", "employees", …). */
    measure: Id.optional(),
  }),
  z.strictObject({
    ...MetricCommon,
    kind: z.literal("ratio"),
    /** A unit of the ratio dimension: "percent" (the quotient × 100) or "fraction". */
    unit: z.string(),
    numerator: z.array(RatioTermEntry).min(1),
    denominator: z.array(RatioTermEntry).min(1),
  }),
]);
export type MetricEntry = z.infer<typeof MetricEntry>;

export const CatalogueFile = z.strictObject({
  description: z.string().optional(),
  source: z.string().optional(),
  referencesSource: z.string().optional(),
  sections: z.array(SectionEntry).min(1),
  metrics: z.array(MetricEntry).min(1),
});
export type CatalogueFile = z.infer<typeof CatalogueFile>;

export const SlipsFile = z.strictObject({
  description: z.string().optional(),
  slips: z.array(z.strictObject({ factor: DecimalText, meaning: z.string().min(1), meanings: z.strictObject({ "zh-Hant": z.string().min(1), "zh-Hans": z.string().min(1) }).optional() })),
});

export const RadicalsFile = z.strictObject({
  source: z.strictObject({ document: z.string(), version: z.string(), retrieved_from: z.string(), note: z.string() }),
  map: z.record(z.string(), z.string()),
});

/** A currency's labels: templates with "{m}" for the magnitude's label ("RMB {m}" → "RMB million"). */
const CurrencyLabels = z.strictObject({ en: z.string().min(1), "zh-Hant": z.string().min(1), "zh-Hans": z.string().min(1) });

export const CurrenciesFile = z.strictObject({
  description: z.string().optional(),
  sources: z.record(z.string(), z.string()),
  currencies: z.array(z.strictObject({
    /** ISO 4217, as manifest.json's "currency" names it. */
    code: z.string().regex(/^[A-Z]{3}$/, "an ISO 4217 code"),
    /** The first part of its units' ids ("RMB" for CNY: RMB-million). */
    id: z.string().regex(/^[A-Z]{3}$/),
    labels: CurrencyLabels,
    /** Spellings that name this currency and no other. */
    spellings: z.array(z.string().min(1)).min(1),
    /** Spellings several currencies share ("$", "¥", "元"): read only as the dataset's own currency. */
    local: z.array(z.string().min(1)),
  })).min(1),
  magnitudes: z.array(z.strictObject({
    id: z.string().regex(/^[a-z0-9-]+$/),
    /** How many of the currency one unit is: a power of ten. */
    factor: z.string().regex(/^10*$/, "a power of ten"),
    labels: z.strictObject({ en: z.string(), "zh-Hant": z.string(), "zh-Hans": z.string() }),
    /** Spellings written with a currency's ("RMB million", "NT$仟元", "百萬美元"). */
    spellings: z.array(z.string()).min(1),
    /** Spellings that also stand alone for the dataset's currency ("百萬", "千元"). */
    bare: z.array(z.string().min(1)),
  })).min(1),
});
export type CurrenciesFile = z.infer<typeof CurrenciesFile>;
/** Where a spelling was seen: the report (document) and where it can be read (address). */
export const AliasSource = z.strictObject({ document: z.string().min(1), address: z.string().min(1), page: z.string().optional() });

/**
 * `printed`: the row or heading the source prints, when the alias is another spelling of it (its English, the other
 * script, a common variant) rather than the source's own words.
 */
const AliasSeen = { text: z.string().min(1), source: Id, printed: z.string().min(1).optional() };

/**
 * Spellings of built-in metrics and sections as reports print them (data/catalogue/aliases.json), each with the report
 * it was seen in. Every alias of the built-in catalogue is here (metrics.json declares labels only).
 */
export const AliasesFile = z.strictObject({
  description: z.string().optional(),
  sources: z.record(Id, AliasSource),
  aliases: z.array(z.strictObject({ metric: Id, ...AliasSeen })),
  sections: z.array(z.strictObject({ section: Id, ...AliasSeen })).default([]),
});
export type AliasesFile = z.infer<typeof AliasesFile>;

/** Calculation arcs of the ESRS XBRL taxonomy (data/catalogue/esrs-calculations.json), as published, with their source. */
const EsrsElement = z.string().regex(/^esrs_[A-Za-z0-9]+$/);
export const EsrsCalculationsFile = z.strictObject({
  description: z.string().optional(),
  source: z.strictObject({
    document: z.string().min(1),
    issuer: z.string().min(1),
    url: z.string().min(1),
    files: z.string().min(1),
    readFrom: z.string().min(1),
    arcrole: z.literal("https://xbrl.org/2023/arcrole/summation-item"),
  }),
  linkbases: z.array(z.strictObject({
    file: z.string().regex(/^cal_esrs_\d+\.xml$/),
    role: z.string().min(1),
    about: z.string().min(1),
    arcs: z.array(z.strictObject({ from: EsrsElement, to: EsrsElement, order: DecimalText, weight: DecimalText })).min(1),
  })).min(1),
});
export type EsrsCalculationsFile = z.infer<typeof EsrsCalculationsFile>;
