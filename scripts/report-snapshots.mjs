#!/usr/bin/env node
// Every report the tool writes for every dataset under fixtures/ and data/datasets/: check in each format and
// language, explain and validate. Runs the built CLI (dist/) in this process, with a fixed environment.
//
//   node scripts/report-snapshots.mjs OUT_DIR                 one file per run (stdout, stderr, exit code), to diff -r
//   node scripts/report-snapshots.mjs --digests FILE [--set S] one line per run: its name and the sha256 of its output
//   node scripts/report-snapshots.mjs --check FILE [--set S]   compare with such a file: exit 1 and name every report
//                                                              that changed, appeared or went
//   … --only fixtures/minimal                                  one dataset only
//
// A refactoring must leave every output byte alone, and a change that means to alter output should show exactly
// which reports it alters: write OUT_DIR before and after and diff them, then update the digests
// (tests/report-digests.txt, checked by tests/cli/report-stability.test.ts) with --digests.
// --set full (default): every format and language, explain for every cell of every dataset (~2,600 runs).
// --set test: every format in English for every dataset, every format and language for NIO and Harbourline,
//             explain for every NIO cell (~850 runs): what the test suite checks.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const digestsTo = flag("--digests");
const checkAgainst = flag("--check");
const set = flag("--set") ?? "full";
/** Only the dataset folder given (for a quick check of the checker itself); reports of others are not compared. */
const only = flag("--only");
const outDir = !digestsTo && !checkAgainst ? args[0] : undefined;
if ((!outDir && !digestsTo && !checkAgainst) || !["full", "test"].includes(set)) {
  console.error("usage: node scripts/report-snapshots.mjs OUT_DIR | --digests FILE | --check FILE  [--set full|test]");
  process.exit(2);
}
process.chdir(ROOT);
const { main } = await import(join(ROOT, "dist/cli/main.js"));

const FORMATS = [
  "table",
  "json",
  "jsonl",
  "csv",
  "markdown",
  "html",
  "github",
  "junit",
  "sarif",
  "corrected",
  "corrected-markdown",
];
const LANGS = ["en", "zh-Hant", "zh-Hans"];
const EVERYTHING = new Set(["data/datasets/nio-2021", "fixtures/harbourline"]);
const datasets = [
  ...readdirSync("data/datasets").map((d) => `data/datasets/${d}`),
  ...readdirSync("fixtures", { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => `fixtures/${d.name}`),
].filter((d) => existsSync(join(d, "manifest.json")) && (only === undefined || d === only));

async function run(argv) {
  let stdout = "",
    stderr = "";
  // A fixed environment: no colour, no CI variables, no reader knobs.
  const env = { NO_COLOR: "1" };
  const code = await main(["node", "esg-recalc", ...argv], {
    stdout: { write: (x) => (stdout += x) },
    stderr: { write: (x) => (stderr += x) },
    env,
  });
  return `${stdout}\n--- stderr ---\n${stderr}\n--- exit ${code} ---\n`;
}

const digests = new Map();
if (outDir) mkdirSync(outDir, { recursive: true });
for (const dir of datasets) {
  const name = dir.replaceAll("/", "__");
  const write = async (what, argv) => {
    const text = await run(argv);
    const file = `${name}__${what}.txt`;
    if (outDir) writeFileSync(join(outDir, file), text);
    else digests.set(file, createHash("sha256").update(text).digest("hex"));
  };
  const all = set === "full" || EVERYTHING.has(dir);
  for (const lang of all ? LANGS : ["en"]) {
    for (const format of FORMATS)
      await write(`check-${format}-${lang}`, ["check", dir, "--format", format, "--lang", lang]);
    await write(`check-problems-${lang}`, ["check", dir, "--problems", "--lang", lang]);
  }
  await write("validate", ["validate", dir]);
  await write("validate-json", ["validate", dir, "--format", "json"]);
  if (set === "test" && dir !== "data/datasets/nio-2021") continue;
  // explain every metric the table prints, in each of its columns
  const report = JSON.parse((await run(["check", dir, "--format", "json"])).split("\n--- stderr ---\n")[0] || "{}");
  for (const f of report.findings ?? []) {
    if (f.kind === "recalculation" || f.kind === "boundary") continue;
    await write(`explain-${f.metric}-${f.column.replaceAll("/", "_")}`, [
      "explain",
      f.metric,
      "--column",
      f.column,
      "--dataset",
      dir,
    ]);
  }
}

const lines = [...digests].sort(([a], [b]) => (a < b ? -1 : 1)).map(([file, hash]) => `${hash}  ${file}`);
if (outDir) console.log(`reports of ${datasets.length} datasets written to ${outDir}`);
if (digestsTo) {
  writeFileSync(
    digestsTo,
    `# sha256 of each report (scripts/report-snapshots.mjs --digests ${digestsTo} --set ${set})\n${lines.join("\n")}\n`,
  );
  console.log(`${lines.length} digests written to ${digestsTo}`);
}
if (checkAgainst) {
  const before = new Map(
    readFileSync(checkAgainst, "utf8")
      .split("\n")
      .filter((l) => l && !l.startsWith("#"))
      .map((l) => l.split("  ").reverse()),
  );
  const changed = [...digests].filter(([f, h]) => before.has(f) && before.get(f) !== h).map(([f]) => `changed: ${f}`);
  const added = [...digests.keys()].filter((f) => !before.has(f)).map((f) => `new: ${f}`);
  const inRun = (f) => only === undefined || f.startsWith(`${only.replaceAll("/", "__")}__`);
  const gone = [...before.keys()].filter((f) => inRun(f) && !digests.has(f)).map((f) => `gone: ${f}`);
  const all = [...changed, ...added, ...gone];
  console.log(all.length ? all.join("\n") : `${digests.size} reports as recorded`);
  process.exit(all.length ? 1 : 0);
}
