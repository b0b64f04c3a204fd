// Turns the catalogue files into the model and checks what a schema cannot: references between entries.
import { kindOf } from "./metricKinds.js";
import { GAS_DIMENSIONS, type AliasesFile, type CatalogueFile, type UnitsFile } from "../schema/catalogue.js";
import type { z } from "zod";
import {
  fail,
  message,
  ok,
  type InputError,
  type InputErrorSay,
  type Message,
  type Result,
} from "../findings/inputError.js";
import { Dec } from "./decimal.js";
import { foldLabel, type RadicalTable } from "./fold.js";
import { REVENUE, type Catalogue, type Labels, type Metric, type Unit } from "./types.js";

export function spellingsOf(
  labels: Labels,
  aliases: readonly string[],
  radicals: RadicalTable,
  keepCase = false,
): string[] {
  const all = [labels.en, labels["zh-Hant"], labels["zh-Hans"], ...aliases].filter((s): s is string => !!s);
  return [...new Set(all.map((s) => foldLabel(s, radicals, { keepCase })))];
}

export function buildCatalogue(
  file: CatalogueFile,
  units: z.infer<typeof UnitsFile>,
  radicals: RadicalTable,
  slips: { factor: string; meaning: string; meanings?: { "zh-Hant": string; "zh-Hans": string } }[] = [],
  /** Where an entry was declared: the built-in file, or a dataset's manifest for the metrics it adds. */
  locate: (kind: "metrics" | "sections", index: number) => Partial<InputError> = () => ({
    file: "data/catalogue/metrics.json",
  }),
  /** More spellings of metrics already declared: the reports' own (data/catalogue/aliases.json) and a dataset's. */
  aliases: readonly { metric: string; text: string; at: Partial<InputError>; dataset?: boolean }[] = [],
  /** Units built elsewhere (the currency units of data/catalogue/currencies.json), after units.json's. */
  extraUnits: readonly Unit[] = [],
): Result<Catalogue> {
  const errors: InputError[] = [];
  let at: Partial<InputError> = { file: "data/catalogue/metrics.json" };
  const err = (text: string, say?: InputErrorSay) =>
    errors.push({ code: "catalogue-invalid", ...at, message: text, ...(say ? { say } : {}) });
  const unitList: Unit[] = [
    ...units.units.map((u) => {
      const [num = "1", den = "1"] = u.toBase.split("/");
      if ((u.dimension === "currency") !== (u.currency !== undefined))
        errors.push({
          code: "catalogue-invalid",
          file: "data/catalogue/units.json",
          message: `unit ${u.id}: a unit has a currency exactly when its dimension is currency (currency units come from data/catalogue/currencies.json)`,
          say: { message: message("error.catalogue.unit-currency", { id: u.id }) },
        });
      return {
        id: u.id,
        dimension: u.dimension,
        toBase: { num: new Dec(num), den: new Dec(den) },
        additive: u.additive !== false,
        labels: u.labels,
        spellings: [
          ...new Set([
            ...spellingsOf(u.labels, u.aliases, radicals, true),
            foldLabel(u.id, radicals, { keepCase: true }),
          ]),
        ],
        ...(u.currency ? { currency: u.currency } : {}),
      };
    }),
    ...extraUnits,
  ];
  const taken = new Map<string, string>();
  for (const u of unitList)
    for (const s of u.spellings) {
      if (taken.has(s) && taken.get(s) !== u.id)
        errors.push({
          code: "catalogue-invalid",
          file: u.currency ? "data/catalogue/currencies.json" : "data/catalogue/units.json",
          message: `spelling "${s}" names both ${taken.get(s)} and ${u.id}`,
          say: { message: message("error.catalogue.spelling", { s, get: String(taken.get(s)), id: u.id }) },
        });
      taken.set(s, u.id);
    }
  const unitIds = new Set(unitList.map((u) => u.id));
  const unitDimension = (id: string): string | undefined => unitList.find((u) => u.id === id)?.dimension;
  const shares = new Set(unitList.filter((u) => !u.additive).map((u) => u.id));
  // A base metric is summed up the reporting tree, a derived one over its terms: neither may be a share.
  const summable = (m: { id: string; unit: string; kind: string }) => {
    if (shares.has(m.unit))
      err(
        `metric ${m.id}: a ${m.kind} metric is summed (${m.kind === "base" ? "up the reporting tree" : "over its terms"}), and ${m.unit} is a share, which cannot be added up (10% + 20% of different totals is not 30%)`,
        {
          message: message(m.kind === "base" ? "error.catalogue.summable.base" : "error.catalogue.summable.derived", {
            id: m.id,
            unit: m.unit,
          }),
        },
      );
  };
  const sectionIds = new Set(file.sections.map((s) => s.id));
  file.sections.forEach((s, i) => {
    at = locate("sections", i);
    if (s.parent && !sectionIds.has(s.parent))
      err(`section ${s.id}: parent ${s.parent} is not a section`, {
        message: message("error.catalogue.section-parent", { id: s.id, parent: s.parent }),
      });
  });

  const seen = new Map<string, Metric>();
  const metrics: Metric[] = [];
  for (const [i, m] of file.metrics.entries()) {
    at = locate("metrics", i);
    if (seen.has(m.id))
      err(`metric ${m.id} is declared twice (the built-in catalogue already has it)`, {
        message: message("error.catalogue.twice", { id: m.id }),
      });
    if (!sectionIds.has(m.section))
      err(`metric ${m.id}: section ${m.section} is not declared`, {
        message: message("error.catalogue.section", { id: m.id, section: m.section }),
      });
    const common = {
      id: m.id,
      references: m.references,
      section: m.section,
      labels: m.labels,
      spellings: spellingsOf(m.labels, m.aliases, radicals),
      nonNegative: m.nonNegative,
      ...(m.description ? { description: m.description } : {}),
      ...(m.withScope3 ? { withScope3: m.withScope3 } : {}),
      ...(m.locationBased ? { locationBased: m.locationBased } : {}),
      ...(m.outsideScopes ? { outsideScopes: true as const } : {}),
    };
    let metric: Metric;
    if (m.kind === "base") {
      if (!unitIds.has(m.unit))
        err(`metric ${m.id}: unit ${m.unit} is not in units.json`, {
          message: message("error.catalogue.unit", { id: m.id, unit: m.unit }),
        });
      summable(m);
      metric = { ...common, kind: "base", unit: m.unit, file: m.file, ...(m.partOf ? { partOf: m.partOf } : {}) };
    } else if (m.kind === "derived") {
      if (!unitIds.has(m.unit))
        err(`metric ${m.id}: unit ${m.unit} is not in units.json`, {
          message: message("error.catalogue.unit", { id: m.id, unit: m.unit }),
        });
      summable(m);
      for (const t of m.terms) {
        const term = seen.get(t.metric);
        // Requiring terms to be declared earlier rules out cycles and gives the evaluation order for free.
        if (!term)
          err(`metric ${m.id}: term ${t.metric} must be a metric declared before it`, {
            message: message("error.catalogue.term-before", { id: m.id, term: t.metric }),
          });
        else if (term.kind === "intensity" || term.kind === "ratio")
          err(`metric ${m.id}: term ${t.metric} is ${kindOf(term).noun}`, {
            message: message(`error.catalogue.term-kind.${term.kind}`, { id: m.id, term: t.metric }),
          });
        else if (term.outsideScopes)
          err(
            `metric ${m.id}: term ${t.metric} is reported outside the scopes (biogenic CO2, ESRS E1 AR 43(c), 45(e), 46(j)): no total adds or subtracts it`,
            { message: message("error.catalogue.term-outside", { id: m.id, term: t.metric }) },
          );
        else if (t.coefficient === "gwp") {
          // a gas in its own mass, into emissions by its GWP
          const gas = unitDimension(term.unit);
          if (!gas || !(GAS_DIMENSIONS as readonly string[]).includes(gas))
            err(
              `metric ${m.id}: term ${t.metric} has coefficient "gwp" but is in ${term.unit}, not a gas in its own mass`,
              { message: message("error.catalogue.term-gwp", { id: m.id, term: t.metric, termUnit: term.unit }) },
            );
          if (unitDimension(m.unit) !== "emissions")
            err(`metric ${m.id}: a sum with GWP terms is in emissions, not ${m.unit}`, {
              message: message("error.catalogue.gwp-sum", { id: m.id, unit: m.unit }),
            });
        } else if (term.unit !== m.unit)
          err(`metric ${m.id}: term ${t.metric} is in ${term.unit}, not ${m.unit}`, {
            message: message("error.catalogue.term-unit", {
              id: m.id,
              term: t.metric,
              termUnit: term.unit,
              unit: m.unit,
            }),
          });
      }
      metric = {
        ...common,
        kind: "derived",
        unit: m.unit,
        terms: m.terms.map((t) =>
          t.coefficient === "gwp"
            ? { metric: t.metric, coefficient: new Dec(NaN), gwp: { gas: "", set: null, bySet: [] } }
            : { metric: t.metric, coefficient: new Dec(t.coefficient) },
        ),
        ...(m.partOf ? { partOf: m.partOf } : {}),
      };
    } else if (m.kind === "ratio") {
      const unit = unitList.find((u) => u.id === m.unit);
      if (!unit)
        err(`metric ${m.id}: unit ${m.unit} is not in units.json`, {
          message: message("error.catalogue.unit", { id: m.id, unit: m.unit }),
        });
      else if (unit.dimension !== "ratio")
        err(`metric ${m.id}: a ratio is printed in a unit of the ratio dimension (percent, fraction), not ${m.unit}`, {
          message: message("error.catalogue.ratio-unit-dimension", { id: m.id, unit: m.unit }),
        });
      const termUnits = new Set<string>();
      for (const t of [...m.numerator, ...m.denominator]) {
        const term = seen.get(t.metric);
        // Terms declared earlier: no cycles, and every term's values exist when the ratio is evaluated.
        if (!term)
          err(`metric ${m.id}: term ${t.metric} must be a metric declared before it`, {
            message: message("error.catalogue.term-before", { id: m.id, term: t.metric }),
          });
        else if (term.kind === "intensity" || term.kind === "ratio")
          err(`metric ${m.id}: term ${t.metric} is ${kindOf(term).noun}: a ratio divides sums of quantities`, {
            message: message(`error.catalogue.ratio-term-kind.${term.kind}`, { id: m.id, term: t.metric }),
          });
        else termUnits.add(term.unit);
      }
      if (termUnits.size > 1)
        err(
          `metric ${m.id}: its terms are in ${[...termUnits].join(" and ")}: a share or rate divides quantities of one unit`,
          {
            message: message("error.catalogue.ratio-terms-units", {
              id: m.id,
              units: { items: [...termUnits], join: "phrase.join.and" },
            }),
          },
        );
      const terms = (ts: typeof m.numerator) =>
        ts.map((t) => ({ metric: t.metric, coefficient: new Dec(t.coefficient ?? "1"), at: t.at ?? "node" }));
      metric = {
        ...common,
        kind: "ratio",
        unit: m.unit,
        numerator: terms(m.numerator),
        denominator: terms(m.denominator),
      };
    } else {
      const num = seen.get(m.numerator) ?? file.metrics.find((x) => x.id === m.numerator);
      if (!num)
        err(`metric ${m.id}: numerator ${m.numerator} is not a metric`, {
          message: message("error.catalogue.numerator", { id: m.id, numerator: m.numerator }),
        });
      else if (num.kind === "intensity" || num.kind === "ratio")
        err(`metric ${m.id}: numerator ${m.numerator} is itself ${num.kind === "ratio" ? "a ratio" : "an intensity"}`, {
          message: message(`error.catalogue.numerator-kind.${num.kind}`, { id: m.id, numerator: m.numerator }),
        });
      metric = { ...common, kind: "intensity", numerator: m.numerator, measure: m.measure ?? REVENUE };
    }
    seen.set(m.id, metric);
    metrics.push(metric);
  }
  const datasetSpellings = new Map<string, string[]>();
  // Spellings added to metrics declared above (never a new metric: a spelling of an unknown one is an error).
  for (const a of aliases) {
    at = a.at;
    const m = seen.get(a.metric);
    const folded = foldLabel(a.text, radicals);
    if (!m)
      err(`alias "${a.text}": ${a.metric} is not a metric`, {
        message: message("error.catalogue.alias-metric", { text: a.text, metric: a.metric }),
      });
    else if (folded === "")
      err(`alias of ${a.metric} is empty after folding`, {
        message: message("error.catalogue.alias-empty", { metric: a.metric }),
      });
    else {
      if (!m.spellings.includes(folded)) m.spellings.push(folded);
      if (a.dataset) datasetSpellings.set(m.id, [...(datasetSpellings.get(m.id) ?? []), folded]);
    }
  }
  // "Includes scope 3" counterparts, once every metric is known: another metric of the same kind.
  for (const [i, m] of metrics.entries()) {
    if (!m.withScope3) continue;
    at = locate("metrics", i);
    const other = seen.get(m.withScope3);
    if (!other)
      err(`metric ${m.id}: withScope3 ${m.withScope3} is not a metric`, {
        message: message("error.catalogue.scope3-metric", { id: m.id, other: m.withScope3 }),
      });
    else if (other.kind !== m.kind || other.id === m.id)
      err(`metric ${m.id}: withScope3 ${m.withScope3} must be another metric of its kind (${m.kind})`, {
        message: message("error.catalogue.scope3-kind", { id: m.id, other: m.withScope3, kind: m.kind }),
      });
  }
  const unitOf = (x: Metric) => (x.kind === "intensity" ? x.measure : x.unit);
  // Location-based counterparts of market-based metrics: another metric of the same kind and unit.
  for (const [i, m] of metrics.entries()) {
    if (!m.locationBased) continue;
    at = locate("metrics", i);
    const other = seen.get(m.locationBased);
    if (!other)
      err(`metric ${m.id}: locationBased ${m.locationBased} is not a metric`, {
        message: message("error.catalogue.location-metric", { id: m.id, other: m.locationBased }),
      });
    else if (other.kind !== m.kind || other.id === m.id || unitOf(other) !== unitOf(m))
      err(`metric ${m.id}: locationBased ${m.locationBased} must be another metric of its kind (${m.kind}) and unit`, {
        message: message("error.catalogue.location-kind", { id: m.id, other: m.locationBased, kind: m.kind }),
      });
  }
  // "Of which" rules, once every metric is known (a whole may be declared after its part).
  for (const [i, m] of metrics.entries()) {
    if (m.kind === "intensity" || m.kind === "ratio" || !m.partOf) continue;
    at = locate("metrics", i);
    const problem = partOfProblem(m, seen.get(m.partOf));
    if (problem)
      err(`metric ${m.id}: partOf ${m.partOf}: ${problem.text}`, {
        message: message("error.catalogue.part-of", { id: m.id, whole: m.partOf, why: problem.say }),
      });
  }
  if (errors.length) return fail(...errors);
  return ok({
    sections: file.sections.map((s) => ({
      id: s.id,
      labels: s.labels,
      ...(s.parent ? { parent: s.parent } : {}),
      spellings: spellingsOf(s.labels, s.aliases, radicals),
    })),
    metrics,
    units: unitList,
    radicals,
    slips: slips.map((s) => ({
      factor: new Dec(s.factor),
      meaning: s.meaning,
      ...(s.meanings ? { meanings: s.meanings } : {}),
    })),
    ...(datasetSpellings.size ? { datasetSpellings } : {}),
  });
}

/**
 * Why `whole` cannot be the whole of `part`, or null when it can: both exist, differ, are no intensities, share a
 * unit, and cannot be negative (a part of a quantity that may be negative, such as a net total after removals, can
 * exceed it).
 */
export function partOfProblem(part: Metric, whole: Metric | undefined): { text: string; say: Message } | null {
  if (!whole) return { text: "not a metric", say: message("error.part-of.not-a-metric") };
  if (whole.id === part.id) return { text: "a metric cannot be part of itself", say: message("error.part-of.itself") };
  if (part.kind === "intensity" || whole.kind === "intensity" || part.kind === "ratio" || whole.kind === "ratio")
    return {
      text: "intensities and ratios have no parts: compare the quantities they divide",
      say: message("error.part-of.intensity"),
    };
  if (part.unit !== whole.unit)
    return {
      text: `${part.id} is in ${part.unit}, ${whole.id} in ${whole.unit}: a part is measured like its whole`,
      say: message("error.part-of.unit", {
        part: part.id,
        partUnit: part.unit,
        whole: whole.id,
        wholeUnit: whole.unit,
      }),
    };
  const signed = [part, whole].filter((m) => !m.nonNegative).map((m) => m.id);
  if (signed.length)
    return {
      text: `${signed.join(" and ")} may be negative, and a part of a quantity that may be negative can exceed it`,
      say: message("error.part-of.negative", { metrics: { items: signed, join: "phrase.join.and" } }),
    };
  return null;
}

export function metricById(catalogue: Catalogue, id: string): Metric | undefined {
  return catalogue.metrics.find((m) => m.id === id);
}

/** The unit a metric's values are in; an intensity's is its numerator's (per the denominator's unit). */
export function unitOf(catalogue: Catalogue, metric: Metric): string {
  return kindOf(metric).unit(metric, catalogue);
}

/** Each unit list's spellings, indexed once (currency units alone have thousands of spellings). */
const spellingIndex = new WeakMap<readonly Unit[], Map<string, Unit>>();

export function unitBySpelling(catalogue: Catalogue, text: string): Unit | undefined {
  const folded = foldLabel(text, catalogue.radicals, { keepCase: true });
  let index = spellingIndex.get(catalogue.units);
  if (!index) {
    index = new Map();
    // The first unit that has a spelling wins, as a scan in catalogue order would find it.
    for (const u of catalogue.units) for (const s of u.spellings) if (!index.has(s)) index.set(s, u);
    spellingIndex.set(catalogue.units, index);
  }
  return index.get(folded);
}

/**
 * The aliases of data/catalogue/aliases.json (of metrics and of sections) that do not record the report they were seen
 * in: a source id missing from `sources`, or a source without a document or an address. Every alias must say where it
 * was printed.
 */
export function aliasSourceErrors(
  file: Pick<AliasesFile, "sources" | "aliases"> & { sections?: AliasesFile["sections"] },
  name = "data/catalogue/aliases.json",
): InputError[] {
  const entries = [
    ...file.aliases.map((a) => ({ of: a.metric, text: a.text, source: a.source, section: undefined })),
    ...(file.sections ?? []).map((a) => ({
      of: `section ${a.section}`,
      text: a.text,
      source: a.source,
      section: a.section,
    })),
  ];
  return entries.flatMap((a): InputError[] => {
    const src = Object.hasOwn(file.sources, a.source) ? file.sources[a.source] : undefined;
    if (src && src.document.trim() && src.address.trim()) return [];
    return [
      {
        code: "catalogue-invalid",
        file: name,
        found: a.source,
        message: `alias "${a.text}" of ${a.of}: source "${a.source}" ${src ? "lacks a document or an address" : "is not among the sources"} (every alias records the report it was seen in)`,
        say: {
          message: message(src ? "error.alias-source.incomplete" : "error.alias-source.unknown", {
            text: a.text,
            of: a.section === undefined ? a.of : message("error.alias-source.section", { section: a.section }),
            source: a.source,
          }),
        },
      },
    ];
  });
}

/** How one calculation arc of the ESRS taxonomy stands against the catalogue's rules. */
export interface EsrsArcCheck {
  linkbase: string;
  from: string;
  to: string;
  weight: string;
  /** checked: both elements name metrics and the rule has the term; unmapped: an element names no metric (why). */
  status: "checked" | "unmapped" | "broken";
  note: string;
}

/**
 * Each arc `from` = Σ weight × `to` of the ESRS calculation linkbases against the catalogue (elements named by the
 * metrics' references.esrs, without a dimension member): where both ends name metrics, `from` must be a derived
 * metric whose terms are exactly its arcs' `to`, with the arcs' weights as coefficients.
 */
export function checkEsrsArcs(
  catalogue: Catalogue,
  linkbases: readonly { file: string; arcs: readonly { from: string; to: string; weight: string }[] }[],
): EsrsArcCheck[] {
  const byElement = new Map<string, Metric>();
  for (const m of catalogue.metrics)
    if (m.references.esrs && !m.references.esrsMember) byElement.set(m.references.esrs, m);
  return linkbases.flatMap((lb) =>
    lb.arcs.map((arc): EsrsArcCheck => {
      const base = { linkbase: lb.file, from: arc.from, to: arc.to, weight: arc.weight };
      const from = byElement.get(arc.from);
      const to = byElement.get(arc.to);
      const missing = [arc.from, arc.to].filter((e) => !byElement.has(e));
      if (!from || !to) return { ...base, status: "unmapped", note: `no metric carries ${missing.join(" or ")}` };
      if (from.kind !== "derived")
        return { ...base, status: "broken", note: `${from.id} is ${from.kind}, not derived` };
      const own = lb.arcs.filter((a) => a.from === arc.from).map((a) => byElement.get(a.to)?.id);
      const terms = from.terms.map((t) => t.metric);
      const term = from.terms.find((t) => t.metric === to.id);
      if (!term) return { ...base, status: "broken", note: `${from.id} has no term ${to.id}` };
      if (!term.coefficient.eq(new Dec(arc.weight)))
        return {
          ...base,
          status: "broken",
          note: `${from.id} weighs ${to.id} by ${term.coefficient.toFixed()}, not ${arc.weight}`,
        };
      const extra = terms.filter((t) => !own.includes(t));
      if (extra.length)
        return { ...base, status: "broken", note: `${from.id} also adds ${extra.join(", ")}, which no arc names` };
      return { ...base, status: "checked", note: `${from.id} = … + ${term.coefficient.toFixed()} × ${to.id}` };
    }),
  );
}
