// The report's language throughout (issue 13): every sentence about a finding — its causes — and the summary lines
// of every fixture, under --lang zh-Hant and zh-Hans, hold no English word outside an allow-list: ids (of metrics,
// units, factors, methods, denominators, columns, as commands and the JSON name them), units, file names, options,
// manifest fields in quotes, and the words the dataset itself supplies (labels without a Chinese one, column titles).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { ROOT } from "./runCli.js";

async function run(args: string[]) {
  let stdout = "",
    stderr = "";
  const code = await main(["node", "esg-recalc", ...args], {
    stdout: { write: (x: string) => (stdout += x) },
    stderr: { write: (x: string) => (stderr += x) },
    env: { NO_COLOR: "1" },
  });
  return { stdout, stderr, code };
}

const DATASETS = [
  "data/datasets/nio-2021",
  ...readdirSync(join(ROOT, "fixtures"), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => `fixtures/${d.name}`),
].filter((d) => existsSync(join(ROOT, d, "manifest.json")));

/** Units and symbols the tool prints as they are in every language. */
const UNITS = new Set([
  "MWh",
  "kWh",
  "GWh",
  "GJ",
  "MJ",
  "TJ",
  "kJ",
  "tCO2",
  "tCO2e",
  "kgCO2",
  "kgCO2e",
  "CO2",
  "kgce",
  "tce",
  "kg",
  "t",
  "m3",
  "Nm3",
  "tC",
  "GB",
  "ESG",
  "RMB",
  "NT",
  "HK",
  "US",
  "EUR",
  "GBP",
  "JPY",
  "VOC",
  "NOx",
  "SO2",
]);
/** Words of the text around ids that stay as they are: the manifest file and its fields named in hints. */
const ALLOWED = new Set(["manifest", "json", "csv", "xlsx"]);

/** The English words left in a line once ids, quotes, options and the dataset's own words are taken out. */
function englishWords(text: string, datasetWords: ReadonlySet<string>): string[] {
  const stripped = text
    .replace(/"[^"]*"/g, " ") // manifest fields and values in quotes
    .replace(/“[^”]*”/g, " ") // a claim as printed
    .replace(/--[a-z-]+(?: [A-Za-z-]+\b)?/g, " ") // options and their values: --fail-on mismatch, --revenue N
    .replace(/=[A-Z]+\([^)]*\)/g, " ") // workbook formulas: =SUM(D3:E3)
    .replace(/[A-Za-z0-9_]+(?:[._@/-][A-Za-z0-9_]+)+/g, " ") // ids: ghg.scope1, cn_grid_national_mee2022, ipcc-2006, hefei@2022, file paths
    .replace(/\b[A-Z]\d+\b/g, " ") // workbook cells: D4
    .replace(/(?<=[\d)])(?:\([a-z]{1,4}\))+/g, " "); // a standard's paragraph as cited: 43(c), 29(a)(v)
  return (stripped.match(/[A-Za-z][A-Za-z0-9]*/g) ?? []).filter(
    (w) => !UNITS.has(w) && !ALLOWED.has(w.toLowerCase()) && !datasetWords.has(w.toLowerCase()),
  );
}

describe("zh-Hant and zh-Hans reports hold no English sentence", () => {
  for (const dataset of DATASETS) {
    // Everything the dataset supplies may be printed back: its labels, titles, column headers, notes, claims.
    const supplied = readdirSync(join(ROOT, dataset))
      .filter((f) => /\.(json|csv)$/.test(f))
      .map((f) => readFileSync(join(ROOT, dataset, f), "utf8"))
      .join("\n");
    const datasetWords = new Set((supplied.match(/[A-Za-z][A-Za-z0-9]*/g) ?? []).map((w) => w.toLowerCase()));
    for (const lang of ["zh-Hant", "zh-Hans"]) {
      it(`${dataset} --lang ${lang}`, async () => {
        const r = await run(["check", join(ROOT, dataset), "--format", "json", "--lang", lang]);
        if (r.code === 2) return; // an input error: the error messages are the tool's diagnostics, in English
        const report = JSON.parse(r.stdout) as { findings: { causes: { message: string }[] }[] };
        const sentences = report.findings.flatMap((f) => f.causes.map((c) => c.message));
        const table = await run(["check", join(ROOT, dataset), "--lang", lang]);
        // The heading names the dataset; the denominator line, the summary and each finding's cause lines are the tool's.
        const lines = table.stdout.split("\n").filter((l) => /^(分母|\d+ 個|\d+ 个)/.test(l));
        for (const text of [...sentences, ...lines]) expect(englishWords(text, datasetWords), text).toEqual([]);
      });
    }
  }
});
