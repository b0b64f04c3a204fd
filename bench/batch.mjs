#!/usr/bin/env node
// Times `esg-recalc check DIR` over many small generated datasets in one thread and in worker threads (issue 17),
// to decide from how many datasets a batch is worth spreading over threads (BATCH_PARALLEL_FROM in src/cli/main.ts).
//
//   node bench/batch.mjs                      # 1,000 datasets, 1 and 2 threads, 3 runs each (median)
//   node bench/batch.mjs --sizes 10,50,100,1000 --threads 1,2 --runs 3
//
// Each dataset is a copy of fixtures/minimal with its own id and one figure varied (so every tenth fails); they are
// written once to bench/data/batch-N/ (gitignored). Needs `npm run build` first. Every run's report is compared
// with the one-thread run's: the threads must not change a byte.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const sizes = arg("sizes", "1000").split(",").map(Number);
const threads = arg("threads", "1,2").split(",").map(Number);
const runs = Number(arg("runs", "3"));

function generate(n) {
  const dir = join(ROOT, "bench", "data", `batch-${n}`);
  if (existsSync(join(dir, "done"))) return dir;
  const src = join(ROOT, "fixtures", "minimal");
  for (let i = 0; i < n; i++) {
    const d = join(dir, `ds-${String(i).padStart(5, "0")}`);
    mkdirSync(d, { recursive: true });
    cpSync(src, d, { recursive: true });
    const m = join(d, "manifest.json");
    writeFileSync(m, readFileSync(m, "utf8").replace('"id": "fixture-minimal"', `"id": "bench-${i}"`));
    if (i % 10 === 9) {
      // every tenth: a mismatch (the group's electricity printed 1.0 MWh too high)
      const p = join(d, "published.csv");
      writeFileSync(p, readFileSync(p, "utf8").replace('"2,000.8"', '"2,001.8"'));
    }
  }
  writeFileSync(join(dir, "done"), "");
  return dir;
}

function time(dir, t) {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [join(ROOT, "bin", "esg-recalc.js"), "check", dir, "--format", "json"], {
    env: { ...process.env, NO_COLOR: "1", ESG_RECALC_BATCH_THREADS: String(t) },
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 1) throw new Error(`exit ${r.status}: ${r.stderr.slice(0, 500)}`);
  return { seconds, stdout: r.stdout };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
for (const n of sizes) {
  const dir = generate(n);
  let reference = null;
  const line = [n];
  const medians = [];
  for (const t of threads) {
    const seconds = [];
    for (let i = 0; i < runs; i++) {
      const r = time(dir, t);
      if (reference === null) reference = r.stdout;
      else if (r.stdout !== reference)
        throw new Error(`${n} datasets, ${t} threads: the report differs from the first run's`);
      seconds.push(r.seconds);
    }
    medians.push(median(seconds));
    line.push(`${median(seconds).toFixed(2)} s`);
  }
  line.push(...medians.slice(1).map((m) => `${(medians[0] / m).toFixed(2)}×`));
  rows.push(line);
}
console.log(
  `| datasets | ${threads.map((t) => `${t} thread${t > 1 ? "s" : ""}`).join(" | ")} | ${threads
    .slice(1)
    .map((t) => `speed-up ${t}`)
    .join(" | ")} |`,
);
console.log(
  `|--:|${threads.map(() => "--:").join("|")}|${threads
    .slice(1)
    .map(() => "--:")
    .join("|")}|`,
);
for (const r of rows) console.log(`| ${r.join(" | ")} |`);
console.log(
  `\n(median of ${runs} runs each; wall clock of the whole command, Node start included; ${process.platform}, ${(await import("node:os")).availableParallelism()} CPUs, Node ${process.version})`,
);
