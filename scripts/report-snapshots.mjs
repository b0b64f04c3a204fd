#!/usr/bin/env node
// Every report the tool writes for every dataset under fixtures/ and data/datasets/: check in each format and
// language, explain and validate. Written to OUT_DIR (one file per run: stdout, then stderr and the exit code), so
// that two builds can be compared with `diff -r` — a refactoring must leave every byte alone, and a change that
// means to alter output shows exactly which reports it alters. Runs the built CLI (dist/) in this process.
//
//   npm run build && node scripts/report-snapshots.mjs /tmp/reports-before
//   … change, build …
//   node scripts/report-snapshots.mjs /tmp/reports-after && diff -r /tmp/reports-before /tmp/reports-after
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const out = process.argv[2];
if (!out) {
  console.error("usage: node scripts/report-snapshots.mjs OUT_DIR");
  process.exit(2);
}
process.chdir(ROOT);
const { main } = await import(join(ROOT, "dist/cli/main.js"));

const FORMATS = ["table", "json", "csv", "markdown", "html", "github", "junit", "sarif"];
const LANGS = ["en", "zh-Hant", "zh-Hans"];
const datasets = [
  ...readdirSync("data/datasets").map((d) => `data/datasets/${d}`),
  ...readdirSync("fixtures", { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => `fixtures/${d.name}`),
].filter((d) => existsSync(join(d, "manifest.json")));

async function run(args) {
  let stdout = "", stderr = "";
  // A fixed environment: no colour, no CI variables, no reader knobs.
  const env = { NO_COLOR: "1" };
  const code = await main(["node", "esg-recalc", ...args], { stdout: { write: (x) => (stdout += x) }, stderr: { write: (x) => (stderr += x) }, env });
  return `${stdout}\n--- stderr ---\n${stderr}\n--- exit ${code} ---\n`;
}

mkdirSync(out, { recursive: true });
let n = 0;
for (const dir of datasets) {
  const name = dir.replaceAll("/", "__");
  const write = async (what, args) => {
    writeFileSync(join(out, `${name}__${what}.txt`), await run(args));
    n++;
  };
  for (const lang of LANGS) {
    for (const format of FORMATS) await write(`check-${format}-${lang}`, ["check", dir, "--format", format, "--lang", lang]);
    await write(`check-problems-${lang}`, ["check", dir, "--problems", "--lang", lang]);
  }
  await write("validate", ["validate", dir]);
  await write("validate-json", ["validate", dir, "--format", "json"]);
  // explain every metric the table prints, in its total column and each of its other columns
  const report = JSON.parse((await run(["check", dir, "--format", "json"])).split("\n--- stderr ---\n")[0] || "{}");
  for (const f of report.findings ?? []) {
    if (f.kind === "recalculation" || f.kind === "boundary") continue;
    await write(`explain-${f.metric}-${f.column.replaceAll("/", "_")}`, ["explain", f.metric, "--column", f.column, "--dataset", dir]);
  }
}
console.log(`${n} reports of ${datasets.length} datasets written to ${out}`);
