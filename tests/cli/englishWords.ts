// The scanner of the report-language test (issue 13 item 5): the English words left in a text the tool printed under
// --lang zh-Hant or zh-Hans once what may stay as it is has been taken out. What may stay, and why:
// - ids, as commands and the JSON name them (ghg.scope1, cn_grid_national_mee2022, ipcc-2006, hefei@2022, file
//   paths): a token joined by . _ @ / - or digits; and a whole `esg-recalc …` command line, options and their values;
// - units as the catalogue spells them (data/catalogue/units.json: MWh, tCO2e, kgce, …): a unit is written alike in
//   every language of the reports the tool reads (a one-word unit anywhere, a longer spelling where printed whole);
// - the texts the dataset supplies and the tool prints back, where they are printed whole (its labels without a
//   Chinese one, column titles, the company and report names, claims as printed, notes): taken out as strings, never
//   as loose words (a claim's "the" must not excuse a sentence of the tool's);
// - the factor library's citations (data/factors/factors.csv: a document's title, issuer and note are quoted as
//   recorded, like a bibliography, not translated), taken out the same way;
// - JSON in ASCII double quotes, which a hint gives to paste into manifest.json ("factors": { "grid": … }), and bytes
//   written in hex;
// - FIXED: format names and abbreviations printed as such in Chinese reports too (GHG, ESG, HKEX, GRI, CSV, JSON,
//   NCV, CO2 …), and the `error[code]` prefix of an input error (a stable marker scripts grep for, like the code).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { readZipDirectory, readZipEntry } from "../../src/xlsx/zip.js";
import { ROOT } from "./runCli.js";

/** Abbreviations and names that Chinese reports print in Latin letters too; each is printed as such by the tool. */
export const FIXED = new Set([
  // reporting frameworks and standards cited by the catalogue (HKEX A1.2; GRI 305-1; ESRS E1, AR 43; IFRS S2 29;
  // GB/T 2589)
  "HKEX",
  "GRI",
  "ESRS",
  "IFRS",
  "AR",
  "GB",
  "ESG",
  "GHG",
  // chemical formulas and pollutant abbreviations, as NIO's own table prints them (VOC, SO2, NOx)
  "CO2",
  "CO2e",
  "VOC",
  "NOx",
  "SO2",
  "NCV",
  "C",
  // currencies as printed (RMB, NT$, HK$, US$)
  "RMB",
  "NT",
  "HK",
  "US",
  // file formats and the manifest file, named where a hint says which file to edit
  "CSV",
  "JSON",
  "manifest",
  "json",
  "csv",
  "xlsx",
  "html",
  "md",
  "txt",
  // programs and file formats a message about a workbook names (ZIP, .xls, Excel, LibreOffice, XML, OOXML, Office)
  "ZIP",
  "xls",
  "Excel",
  "LibreOffice",
  "XML",
  "OOXML",
  "Office",
]);

/** Every unit's id, labels and spellings (data/catalogue/units.json), as strings. */
export function unitStrings(): string[] {
  const units = (
    JSON.parse(readFileSync(join(ROOT, "data/catalogue/units.json"), "utf8")) as { units: Record<string, unknown>[] }
  ).units;
  return units.flatMap((u) => [
    String(u.id),
    ...Object.values((u.labels ?? {}) as Record<string, string>),
    ...((u.spellings ?? []) as string[]),
  ]);
}

/** The factor library's citations (data/factors/factors.csv): document, issuer and note of every factor, as recorded. */
export function libraryStrings(): string[] {
  const text = readFileSync(join(ROOT, "data/factors/factors.csv"), "utf8");
  return csvCells(text);
}

/** The cells of a CSV text (quoted or not), enough for the strings a dataset supplies. */
function csvCells(text: string): string[] {
  const cells: string[] = [];
  for (const m of text.matchAll(/"((?:[^"]|"")*)"|([^,\r\n]+)/g)) cells.push((m[1] ?? m[2] ?? "").replace(/""/g, '"'));
  return cells;
}

/** The text parts of an .xlsx workbook (its XML parts: shared strings, sheet names, inline strings). */
function workbookStrings(bytes: Uint8Array): string[] {
  const dir = readZipDirectory(bytes);
  if (!dir.ok) return [];
  return [...dir.value.values()]
    .filter((e) => e.name.endsWith(".xml"))
    .flatMap((e) => {
      const part = readZipEntry(bytes, e);
      if (!part.ok) return [];
      const xml = new TextDecoder().decode(part.value);
      return [...xml.matchAll(/<t[^>]*>([^<]*)<\/t>|\bname="([^"]*)"/g)].map((m) =>
        (m[1] ?? m[2] ?? "").replace(/&amp;/g, "&"),
      );
    });
}

/** The strings a JSON file holds (keys and values). */
function jsonStrings(text: string): string[] {
  return [...text.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!);
}

/** Every string a dataset folder supplies (its files, and those of dataset folders inside it). */
export function datasetStrings(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith(".json")) out.push(...jsonStrings(readFileSync(full, "utf8")));
      else if (name.endsWith(".csv")) out.push(...csvCells(readFileSync(full, "utf8")));
      else if (name.endsWith(".xlsx")) out.push(...workbookStrings(readFileSync(full)));
    }
  };
  walk(dir);
  return out;
}

/** What may stay English in a report on one dataset. */
export interface Allowed {
  /** Words allowed anywhere, compared as printed. */
  words: ReadonlySet<string>;
  /** Texts taken out where they are printed whole (the dataset's own strings, the library's citations), longest first. */
  strings: readonly string[];
}

/** The units a dataset's manifest declares: their labels and aliases (a unit of its own, "Tons CO2e"). */
function datasetUnits(dir: string): string[] {
  try {
    const m = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as {
      units?: { labels?: Record<string, string>; aliases?: string[] }[];
    };
    return (m.units ?? []).flatMap((u) => [...Object.values(u.labels ?? {}), ...(u.aliases ?? [])]);
  } catch {
    return [];
  }
}

export function allowedFor(dir: string): Allowed {
  const units = unitStrings();
  // a unit the dataset declares is printed beside another ("Tons CO2e/NT$1,000 Revenue"): its words are allowed anywhere
  const ownUnitWords = datasetUnits(dir).flatMap((u) => u.match(/[A-Za-z][A-Za-z0-9]*/g) ?? []);
  const strings = [
    ...new Set([...datasetStrings(dir), ...libraryStrings(), ...units].map((x) => withoutMachineText(x).trim())),
  ]
    .filter((x) => x.length >= 2 && /[A-Za-z]/.test(x))
    .sort((a, b) => b.length - a.length);
  // a unit written as one word (t, kg, MWh) is allowed wherever it stands
  return {
    words: new Set([...FIXED, ...units.filter((u) => /^[A-Za-z][A-Za-z0-9]*$/.test(u)), ...ownUnitWords]),
    strings,
  };
}

/** The text of an HTML report a reader sees: element text and title attributes (tooltips), entities decoded. */
export function htmlText(html: string): string {
  const titles = [...html.matchAll(/\btitle="([^"]*)"/g)].map((m) => m[1]);
  const body = html
    .replace(/<style[\s\S]*?<\/style>/g, " ")
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/<[^>]+>/g, " ");
  return [body, ...titles]
    .join("\n")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

const escape = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The English words left in a text once ids, commands, options and allowed words are taken out. */
/** A text without its ids, commands, options and the other machine texts. */
function withoutMachineText(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/esg-recalc (?:explain|check|acknowledge|validate|factors|init)[^)\n]*/g, " ") // a command to run, with its ids and options
    .replace(/--[a-z-]+(?:[ =][A-Za-z0-9_.@/-]+)?/g, " ") // options and their values: --fail-on mismatch, --revenue N
    .replace(/\berror\[[a-z-]+\]/g, " ") // the stable prefix of an input error
    .replace(/"[^"\n]*"/g, " ") // JSON to put into manifest.json, in a hint: "factors": { "grid": … }
    .replace(/\b(?:[0-9a-f]{2} ){1,3}[0-9a-f]{2}\b/g, " ") // bytes in hex: "starting with b7 b6 b3 eb"
    .replace(/=[A-Z]+\([^)]*\)/g, " ") // workbook formulas: =SUM(D3:E3)
    .replace(/[A-Za-z0-9_]+(?:[._@/:'$-][A-Za-z0-9_]+)+/g, " ") // ids, file paths, file:line
    .replace(/\b[A-Z]{1,3}\d+\b/g, " ") // workbook cells: D4, AB12
    .replace(/(?<=[\d)])(?:\([a-z]{1,4}\))+/g, " ") // a standard's paragraph as cited: §44(b), 29(a)(v), AR 43(c)
    .replace(/[ \t]+/g, " "); // a label wrapped over two lines of a chart reads as one
}

export function englishWords(text: string, allowed: Allowed): string[] {
  // ids, commands and the other machine texts first (a dataset string such as "energy" must not break up an id)
  let rest = withoutMachineText(text);
  // then the dataset's and the library's strings, only where they stand whole ("percent" stays in "percentage")
  for (const x of allowed.strings)
    if (rest.includes(x)) rest = rest.replace(new RegExp(`(?<![A-Za-z])${escape(x)}(?![A-Za-z])`, "g"), " ");
  const stripped = rest;
  // A word may carry a footnote marker typed as a digit ("electricity1"): the word without it is checked too.
  const ok = (w: string) => allowed.words.has(w);
  return (stripped.match(/[A-Za-z][A-Za-z0-9]*/g) ?? []).filter((w) => !ok(w) && !ok(w.replace(/\d+$/, "")));
}
