// The reference data shipped with the tool (data/catalogue, data/text) and the embedded dataset's location.
import { TextsFile } from "../schema/texts.js";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  AliasesFile,
  CatalogueFile,
  CurrenciesFile,
  EsrsCalculationsFile,
  RadicalsFile,
  SlipsFile,
  UnitsFile,
} from "../schema/catalogue.js";
import { currencyUnits } from "../model/currencies.js";
import { fail, message, type InputError, type Result } from "../findings/inputError.js";
import { UiFile } from "../schema/ui.js";
import { aliasSourceErrors, buildCatalogue } from "../model/catalogue.js";
import type { Catalogue } from "../model/types.js";
import { validateJson } from "./json.js";
import { readText } from "./text.js";

// src/io and dist/io both sit two levels below the package root.
const DATA = new URL("../../data/", import.meta.url);

export const EMBEDDED_DATASET = fileURLToPath(new URL("datasets/nio-2021/", DATA));

function readJson<S extends Parameters<typeof validateJson>[1]>(rel: string, schema: S) {
  const path = fileURLToPath(new URL(rel, DATA));
  const text = readText(path, "utf-8", `data/${rel}`);
  if (!text.ok) return text;
  return validateJson(text.value, schema, `data/${rel}`, "catalogue-invalid");
}

/**
 * The built-in catalogue, extended by a dataset's own sections and metrics when given (errors in those are
 * reported against the manifest that declares them).
 */
export interface CatalogueExtension {
  sections?: CatalogueFile["sections"];
  metrics?: CatalogueFile["metrics"];
  /** Spellings the dataset adds to metrics (built-in or its own), as its report prints them. */
  aliases?: { metric: string; text: string }[];
  /** Units the dataset adds, in the format of data/catalogue/units.json. */
  units?: import("zod").z.infer<typeof UnitsFile>["units"];
  /** Where the n-th added section or metric stands in the manifest. */
  locate: (kind: "metrics" | "sections" | "aliases" | "units", index: number) => Partial<InputError>;
}

/** The currencies the tool knows (data/catalogue/currencies.json). */
export function loadCurrencies(): Result<CurrenciesFile> {
  const file = readJson("catalogue/currencies.json", CurrenciesFile);
  return file.ok ? { ok: true, value: file.value.value } : file;
}

/** The calculation arcs of the ESRS XBRL taxonomy (data/catalogue/esrs-calculations.json). */
export function loadEsrsCalculations(): Result<EsrsCalculationsFile> {
  const file = readJson("catalogue/esrs-calculations.json", EsrsCalculationsFile);
  return file.ok ? { ok: true, value: file.value.value } : file;
}

/**
 * The built-in catalogue, read and validated once per process and currency: a batch of a thousand datasets would
 * otherwise read and validate the same files a thousand times (about 50 ms each). A dataset that extends the
 * catalogue gets a catalogue of its own.
 */
const builtIn = new Map<string, Result<Catalogue>>();

/** `currency`: the dataset's (ISO 4217): spellings that name no currency ("百萬", "千元") are read as it. */
export function loadCatalogue(extension?: CatalogueExtension, currency = "CNY"): Result<Catalogue> {
  if (extension) return readCatalogue(extension, currency);
  let cached = builtIn.get(currency);
  if (!cached) builtIn.set(currency, (cached = readCatalogue(undefined, currency)));
  return cached;
}

function readCatalogue(extension: CatalogueExtension | undefined, currency: string): Result<Catalogue> {
  const metrics = readJson("catalogue/metrics.json", CatalogueFile);
  const read = readJson("catalogue/units.json", UnitsFile);
  const currencies = loadCurrencies();
  if (!currencies.ok) return currencies;
  const units = read;
  const radicals = readJson("text/cjk-radicals-supplement.json", RadicalsFile);
  const slips = readJson("catalogue/slips.json", SlipsFile);
  const printed = readJson("catalogue/aliases.json", AliasesFile);
  if (!metrics.ok || !units.ok || !radicals.ok || !slips.ok || !printed.ok)
    return fail(
      ...(metrics.errors ?? []),
      ...(units.errors ?? []),
      ...(radicals.errors ?? []),
      ...(slips.errors ?? []),
      ...(printed.errors ?? []),
    );
  const unsourced = aliasSourceErrors(printed.value.value);
  if (unsourced.length) return fail(...unsourced);
  const aliases = [
    ...printed.value.value.aliases.map((a) => ({
      metric: a.metric,
      text: a.text,
      at: { file: "data/catalogue/aliases.json" },
    })),
    ...(extension?.aliases ?? []).map((a, i) => ({
      metric: a.metric,
      text: a.text,
      at: extension!.locate("aliases", i),
      dataset: true,
    })),
    // The labels of the metrics a dataset adds are its own spellings too: they decide a label that also fits a built-in metric.
    ...(extension?.metrics ?? []).flatMap((m, i) =>
      [m.labels.en, m.labels["zh-Hant"], m.labels["zh-Hans"], ...m.aliases]
        .filter((t): t is string => !!t)
        .map((text) => ({ metric: m.id, text, at: extension!.locate("metrics", i), dataset: true })),
    ),
  ];
  const unitFile = extension?.units
    ? { ...units.value.value, units: [...units.value.value.units, ...extension.units] }
    : units.value.value;
  // The built-in sections' other spellings are in aliases.json too, each with its report (after the section's own).
  const sectionAliases = printed.value.value.sections;
  const unknownSection = sectionAliases.find((a) => !metrics.value.value.sections.some((s) => s.id === a.section));
  if (unknownSection)
    return fail({
      code: "catalogue-invalid",
      file: "data/catalogue/aliases.json",
      found: unknownSection.section,
      message: `alias "${unknownSection.text}": ${unknownSection.section} is not a section`,
      say: { message: message("error.alias-section", { text: unknownSection.text, section: unknownSection.section }) },
    });
  const base = {
    ...metrics.value.value,
    sections: metrics.value.value.sections.map((s) => ({
      ...s,
      aliases: [...s.aliases, ...sectionAliases.filter((a) => a.section === s.id).map((a) => a.text)],
    })),
  };
  const merged = extension
    ? {
        ...base,
        sections: [...base.sections, ...(extension.sections ?? [])],
        metrics: [...base.metrics, ...(extension.metrics ?? [])],
      }
    : base;
  const own = { metrics: base.metrics.length, sections: base.sections.length };
  const locate = (kind: "metrics" | "sections", i: number): Partial<InputError> =>
    extension && i >= own[kind] ? extension.locate(kind, i - own[kind]) : { file: "data/catalogue/metrics.json" };
  return buildCatalogue(
    merged,
    unitFile,
    radicals.value.value.map,
    slips.value.value.slips,
    locate,
    aliases,
    currencyUnits(currencies.value, currency, radicals.value.value.map),
  );
}

export function toolVersion(): string {
  return (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string })
    .version;
}

export function loadMessages(): Result<UiFile["messages"]> {
  const ui = readJson("i18n/ui.json", UiFile);
  return ui.ok ? { ok: true, value: ui.value.value.messages } : ui;
}

/** The sentences about findings (data/i18n/causes.json). */
export function loadTexts(): Result<TextsFile> {
  const texts = readJson("i18n/causes.json", TextsFile);
  return texts.ok ? { ok: true, value: texts.value.value } : texts;
}
