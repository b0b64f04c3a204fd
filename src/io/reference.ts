// The reference data shipped with the tool (data/catalogue, data/text) and the embedded dataset's location.
import { TextsFile } from "../schema/texts.js";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { CatalogueFile, CurrenciesFile, RadicalsFile, SlipsFile, UnitsFile } from "../schema/catalogue.js";
import { currencyUnits } from "../model/currencies.js";
import { fail, type InputError, type Result } from "../findings/inputError.js";
import { UiFile } from "../schema/ui.js";
import { buildCatalogue } from "../model/catalogue.js";
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
  /** Where the n-th added section or metric stands in the manifest. */
  locate: (kind: "metrics" | "sections", index: number) => Partial<InputError>;
}

/** The currencies the tool knows (data/catalogue/currencies.json). */
export function loadCurrencies(): Result<CurrenciesFile> {
  const file = readJson("catalogue/currencies.json", CurrenciesFile);
  return file.ok ? { ok: true, value: file.value.value } : file;
}

/** `currency`: the dataset's (ISO 4217): spellings that name no currency ("百萬", "千元") are read as it. */
export function loadCatalogue(extension?: CatalogueExtension, currency = "CNY"): Result<Catalogue> {
  const metrics = readJson("catalogue/metrics.json", CatalogueFile);
  const read = readJson("catalogue/units.json", UnitsFile);
  const currencies = loadCurrencies();
  if (!currencies.ok) return currencies;
  const units = read;
  const radicals = readJson("text/cjk-radicals-supplement.json", RadicalsFile);
  const slips = readJson("catalogue/slips.json", SlipsFile);
  if (!metrics.ok || !units.ok || !radicals.ok || !slips.ok) return fail(...(metrics.errors ?? []), ...(units.errors ?? []), ...(radicals.errors ?? []), ...(slips.errors ?? []));
  const base = metrics.value.value;
  const merged = extension ? { ...base, sections: [...base.sections, ...(extension.sections ?? [])], metrics: [...base.metrics, ...(extension.metrics ?? [])] } : base;
  const own = { metrics: base.metrics.length, sections: base.sections.length };
  const locate = (kind: "metrics" | "sections", i: number): Partial<InputError> =>
    extension && i >= own[kind] ? extension.locate(kind, i - own[kind]) : { file: "data/catalogue/metrics.json" };
  return buildCatalogue(merged, units.value.value, radicals.value.value.map, slips.value.value.slips, locate, currencyUnits(currencies.value, currency, radicals.value.value.map));
}

export function toolVersion(): string {
  return (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;
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
