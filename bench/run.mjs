#!/usr/bin/env node
// The side-by-side benchmark of issues 5 and 16: esg-recalc check against DuckDB and a floor on the same files.
//
//   node run.mjs [--sizes small,large] [--rounds 7] [--only tool,duckdb,floor,cat,node] [--threads 2] [--dense]
//                [--baseline DIR]
//
// For each size: generates bench/data/<size>/ if missing (generate.mjs), checks once that DuckDB's sums and the
// floor's totals equal the generator's exact ones and that the tool flags exactly the planted errors, then times
// every command as a whole process with /usr/bin/time (wall seconds, peak RSS), in `--rounds` interleaved
// rounds: each round runs every command once, in an order rotated from round to round, so a burst of load hits
// all alike and no command always runs right after the same neighbour. Each command's ratio to DuckDB is taken
// per round (both ran within seconds of each other) and summarised as min–median–max. Prints a Markdown table,
// the date, the machine and the load average before and after, and writes every sample to
// bench/data/last-run.json. Every command runs from the repository root, as written in the table.
// `--baseline DIR`: also time another build of the tool (DIR is a checkout with dist/ built), interleaved in the
// same rounds — how a change is compared with what it changes.
//
// The page cache is warmed before timing: all numbers are warm-cache numbers.

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "..");
const TIME = "/usr/bin/time";
// huge: generated only when asked for (--sizes huge); about 7.6 GB of meters.csv, never in CI.
const SIZES = { small: 20_000, large: 200_000, huge: 2_000_000 };
const SEED = 20230101;
const FLAG_STATUSES = new Set(["mismatch", "missing", "omitted"]);
const ROWS = ["tool", "baseline", "duckdb", "floor", "cat", "node"];

function usage(message) {
  if (message) process.stderr.write(`run.mjs: ${message}\n`);
  process.stderr.write(
    "usage: node run.mjs [--sizes small,large] [--rounds 7] [--only tool,duckdb,floor,cat,node] [--threads 2] [--dense] [--baseline DIR]\n" +
      `  sizes: ${Object.entries(SIZES)
        .map(([k, v]) => `${k} = ${v} sites`)
        .join(", ")}, or N for N sites\n`,
  );
  process.exit(2);
}

const opts = {
  sizes: ["small", "large"],
  rounds: 7,
  only: ["tool", "duckdb", "floor", "cat", "node"],
  threads: 2,
  dense: false,
  baseline: undefined,
};
{
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => argv[++i] ?? usage(`${a} needs a value`);
    if (a === "--sizes") opts.sizes = value().split(",").filter(Boolean);
    else if (a === "--rounds" || a === "--runs") opts.rounds = Number(value());
    else if (a === "--only") opts.only = value().split(",").filter(Boolean);
    else if (a === "--threads") opts.threads = Number(value());
    else if (a === "--dense") opts.dense = true;
    else if (a === "--baseline") opts.baseline = path.resolve(value());
    else if (a === "-h" || a === "--help") usage();
    else usage(`unknown argument ${a}`);
  }
  if (!Number.isInteger(opts.rounds) || opts.rounds < 1) usage("--rounds must be a positive integer");
  if (!Number.isInteger(opts.threads) || opts.threads < 1) usage("--threads must be a positive integer");
  for (const s of opts.sizes) if (!(s in SIZES) && !/^\d+$/.test(s)) usage(`unknown size ${s}`);
  for (const o of opts.only) if (!ROWS.includes(o) || o === "baseline") usage(`unknown row ${o}`);
  if (opts.baseline) {
    if (!fs.existsSync(path.join(opts.baseline, "dist", "cli", "main.js")))
      usage(`--baseline ${opts.baseline}: no dist/cli/main.js there (build it first)`);
    opts.only.splice(opts.only.indexOf("tool") + 1, 0, "baseline");
  }
}

const log = (msg) => process.stderr.write(`${msg}\n`);

if (!fs.existsSync(TIME)) {
  log(`run.mjs: ${TIME} is missing; it measures wall time and peak RSS from outside the process.`);
  log("Install it (Debian/Ubuntu): apt-get install -y time   (Fedora: dnf install time; Alpine: apk add time)");
  process.exit(2);
}
const duckdbInstalled = fs.existsSync(path.join(HERE, "node_modules", "@duckdb", "node-api"));
if (opts.only.includes("duckdb") && !duckdbInstalled) {
  log(
    "run.mjs: @duckdb/node-api is not installed: run `npm ci` in bench/ first (it never touches the tool's own install).",
  );
  process.exit(2);
}
const toolBuilt = fs.existsSync(path.join(ROOT, "dist", "cli", "main.js"));

// ---------------------------------------------------------------------------------------------------------

const rel = (p) => path.relative(ROOT, p) || ".";

function datasetFor(size) {
  const sites = SIZES[size] ?? Number(size);
  const name = (size in SIZES ? size : `sites-${sites}`) + (opts.dense ? "-dense" : "");
  return { size, sites, name, dir: path.join(HERE, "data", name) };
}

function ensureDataset(ds) {
  const info = readJson(path.join(ds.dir, "generated.json"));
  const generatorVersion = Number(
    /GENERATOR_VERSION = (\d+)/.exec(fs.readFileSync(path.join(HERE, "generate.mjs"), "utf8"))?.[1],
  );
  if (
    info &&
    info.sites === ds.sites &&
    info.seed === SEED &&
    info.dense === opts.dense &&
    info.generatorVersion === generatorVersion
  )
    return info;
  // About 3.8 kB of files per site (meters.csv ≈ 3,790 bytes, sites.csv 34): refuse to start what cannot finish.
  const need = ds.sites * 3_900 * (opts.dense ? 1.25 : 1);
  fs.mkdirSync(path.dirname(ds.dir), { recursive: true });
  const st = fs.statfsSync(path.dirname(ds.dir));
  const free = st.bavail * st.bsize;
  if (free < need * 1.05)
    throw new Error(
      `${rel(ds.dir)} needs about ${(need / 1e9).toFixed(1)} GB of disk, ${(free / 1e9).toFixed(1)} GB are free`,
    );
  log(
    `generating ${rel(ds.dir)} (${ds.sites} sites${opts.dense ? ", dense" : ""}, about ${(need / 1e9).toFixed(2)} GB) …`,
  );
  const args = [
    path.join(HERE, "generate.mjs"),
    ds.name,
    "--sites",
    String(ds.sites),
    "--seed",
    String(SEED),
    ...(opts.dense ? ["--dense"] : []),
  ];
  const r = spawnSync(process.execPath, args, { stdio: ["ignore", "inherit", "inherit"] });
  if (r.status !== 0) throw new Error(`generate.mjs failed (exit ${r.status})`);
  return readJson(path.join(ds.dir, "generated.json"));
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

/** Runs argv (from the repository root) under /usr/bin/time; stdout goes to /dev/null. */
function timed(argv) {
  const timeFile = path.join(os.tmpdir(), `esg-bench-time-${process.pid}.txt`);
  const devnull = fs.openSync("/dev/null", "w");
  try {
    const r = spawnSync(TIME, ["-f", "%e %M %U %S", "-o", timeFile, ...argv], {
      cwd: ROOT,
      stdio: ["ignore", devnull, "pipe"],
      maxBuffer: 64 * 1024 * 1024,
    });
    const [wall, rssKb, user, sys] = fs.readFileSync(timeFile, "utf8").trim().split(/\s+/).slice(-4).map(Number);
    return { status: r.status, wall, rssKb, cpu: user + sys, stderr: r.stderr.toString("utf8") };
  } finally {
    fs.closeSync(devnull);
    fs.rmSync(timeFile, { force: true });
  }
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function firstLines(text, n = 6) {
  const lines = text.trim().split("\n");
  return lines.slice(0, n).join("\n") + (lines.length > n ? `\n… (${lines.length - n} more lines)` : "");
}

// ---------------------------------------------------------------------------------------------------------
// One-off correctness checks (not timed)

function verifyDuckdb(ds) {
  const r = spawnSync(
    process.execPath,
    [path.join(HERE, "duckdb-rollup.mjs"), ds.dir, "--threads", String(opts.threads), "--verify"],
    {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const out = readJsonText(r.stdout.toString("utf8"));
  const stderr = r.stderr.toString("utf8");
  return { ok: r.status === 0, version: out?.duckdb, cast: out?.cast, message: firstLines(stderr) };
}

function verifyFloor(ds) {
  const r = spawnSync(process.execPath, [path.join(HERE, "floor-scan.mjs"), ds.dir, "--verify"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  return { ok: r.status === 0, message: firstLines(r.stderr.toString("utf8")) };
}

function readJsonText(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Runs the tool once and compares what it flags with planted.json. */
function verifyTool(ds) {
  if (!toolBuilt)
    return {
      ok: false,
      readable: false,
      message: "the tool is not built: run `npm ci` (or `npm run build`) in the repository root",
    };
  const r = spawnSync(process.execPath, ["bin/esg-recalc.js", "check", rel(ds.dir), "--format", "json"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 1024 * 1024 * 1024,
  });
  const stderr = r.stderr.toString("utf8");
  if (r.status === 2)
    return { ok: false, readable: false, message: `tool failed to read the dataset (exit 2):\n${firstLines(stderr)}` };
  const report = readJsonText(r.stdout.toString("utf8"));
  if (!report || !Array.isArray(report.findings)) {
    return {
      ok: false,
      readable: false,
      message: `tool exited ${r.status ?? r.signal} without a JSON report:\n${firstLines(stderr)}`,
    };
  }
  const planted = readJson(path.join(ds.dir, "planted.json")).planted;
  const key = (metric, column) => `${metric} @ ${column}`;
  const expected = new Map(
    planted.map((p) => [key(p.metric, p.column), p.kind === "cell-left-blank" ? "omitted" : "mismatch"]),
  );
  const flagged = new Map(
    report.findings.filter((f) => FLAG_STATUSES.has(f.status)).map((f) => [key(f.metric, f.column), f.status]),
  );
  const problems = [];
  for (const [k, status] of expected) {
    if (!flagged.has(k)) problems.push(`planted error not flagged: ${k}`);
    else if (flagged.get(k) !== status) problems.push(`${k}: flagged ${flagged.get(k)}, expected ${status}`);
  }
  for (const [k, status] of flagged) if (!expected.has(k)) problems.push(`flagged but not planted: ${k} (${status})`);
  const counts = report.counts
    ? Object.entries(report.counts)
        .map(([s, n]) => `${n} ${s}`)
        .join(", ")
    : "";
  if (r.status !== 1) problems.push(`exit code ${r.status}, expected 1 (the table has planted errors)`);
  return {
    ok: problems.length === 0,
    readable: true,
    message:
      problems.length === 0
        ? `the tool flags exactly the ${planted.length} planted cells (${counts})`
        : `the tool's findings differ from planted.json (${counts}):\n  ${problems.slice(0, 20).join("\n  ")}`,
  };
}

// ---------------------------------------------------------------------------------------------------------

function machine() {
  const cpuinfo = fs.existsSync("/proc/cpuinfo") ? fs.readFileSync("/proc/cpuinfo", "utf8") : "";
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? "unknown";
  const nproc = spawnSync("nproc", { encoding: "utf8" }).stdout?.trim() || String(os.availableParallelism());
  return {
    nproc,
    cpu: model,
    memGiB: (os.totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
  };
}

const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");
const fmt = (x, digits = 2) => (x === undefined || Number.isNaN(x) ? "–" : x.toFixed(digits));

async function main() {
  const m = machine();
  const date = new Date();
  m.loadBefore = load();
  const results = [];
  const notes = [];
  let duckdbVersion;

  for (const size of opts.sizes) {
    const ds = datasetFor(size);
    const info = ensureDataset(ds);
    const meters = path.join(ds.dir, "meters.csv");
    const label = `${ds.name}: ${info.sites.toLocaleString("en")} sites, ${info.rows.toLocaleString("en")} rows, ${(info.files["meters.csv"] / 1e6).toFixed(0)} MB`;
    log(`\n== ${label}`);
    // Warm the page cache so that every run reads from memory.
    timed(["cat", rel(meters)]);

    const commands = [];
    const check = (root) => [
      "node",
      path.join(path.relative(ROOT, root) || ".", "bin/esg-recalc.js"),
      "check",
      rel(ds.dir),
      "--format",
      "json",
    ];
    if (opts.only.includes("tool")) {
      log("checking the tool's findings against planted.json …");
      const v = verifyTool(ds);
      log(v.message);
      notes.push(`${ds.name}: ${v.message}`);
      if (v.readable) commands.push({ row: "tool", argv: check(ROOT), okStatus: [1] });
      else
        results.push({
          size: ds.name,
          label,
          row: "tool",
          display: check(ROOT).join(" "),
          failed: v.message.split("\n")[0],
        });
    }
    if (opts.only.includes("baseline")) commands.push({ row: "baseline", argv: check(opts.baseline), okStatus: [1] });
    if (opts.only.includes("duckdb")) {
      log("checking DuckDB's sums against the generator's …");
      const v = verifyDuckdb(ds);
      log(v.message);
      duckdbVersion = v.version ?? duckdbVersion;
      if (!v.ok)
        throw new Error(
          `the DuckDB reference failed or does not match the generator on ${ds.name} (see above); not timing against a wrong reference`,
        );
      commands.push({
        row: "duckdb",
        argv: ["node", "bench/duckdb-rollup.mjs", rel(ds.dir), "--threads", String(opts.threads)],
        okStatus: [0],
        cast: v.cast,
      });
    }
    if (opts.only.includes("floor")) {
      log("checking the floor's totals against the generator's …");
      const v = verifyFloor(ds);
      log(v.message);
      if (!v.ok) throw new Error(`the floor scan failed or does not match the generator on ${ds.name} (see above)`);
      commands.push({ row: "floor", argv: ["node", "bench/floor-scan.mjs", rel(ds.dir)], okStatus: [0] });
    }
    if (opts.only.includes("cat")) commands.push({ row: "cat", argv: ["cat", rel(meters)], okStatus: [0] });
    if (opts.only.includes("node")) commands.push({ row: "node", argv: ["node", "-e", ""], okStatus: [0] });

    const loadBefore = load();
    // samples[row][round]: one timing per round, undefined when that run failed.
    const samples = new Map(commands.map((c) => [c.row, []]));
    for (let round = 0; round < opts.rounds; round++) {
      // Interleaved, and rotated: round r starts with command r (mod the number of commands).
      for (let k = 0; k < commands.length; k++) {
        const c = commands[(round + k) % commands.length];
        const t = timed(c.argv);
        if (!c.okStatus.includes(t.status)) {
          c.error = `exit ${t.status}: ${firstLines(t.stderr, 3)}`;
          continue;
        }
        samples.get(c.row)[round] = t;
      }
      log(
        `round ${round + 1}/${opts.rounds} (load ${load()}): ${commands.map((c) => `${c.row} ${samples.get(c.row)[round]?.wall ?? "✗"} s`).join(", ")}`,
      );
    }
    const loadAfter = load();
    notes.push(`${ds.name}: load average ${loadBefore} before its rounds, ${loadAfter} after`);
    const duck = samples.get("duckdb");
    for (const c of commands) {
      const all = samples.get(c.row);
      const s = all.filter(Boolean);
      const display = c.argv.join(" ").replace(/ -e $/, ' -e ""') + (c.row === "node" ? "" : " > /dev/null");
      if (s.length === 0) {
        results.push({ size: ds.name, label, row: c.row, display, failed: c.error });
        continue;
      }
      const walls = s.map((x) => x.wall);
      // The ratio to DuckDB within each round where both ran.
      const ratios = duck
        ? all.map((x, r) => (x && duck[r] ? x.wall / duck[r].wall : undefined)).filter((x) => x !== undefined)
        : [];
      const wallMedian = median(walls);
      const rssMax = Math.max(...s.map((x) => x.rssKb)) * 1024;
      results.push({
        size: ds.name,
        label,
        sites: info.sites,
        rows: info.rows,
        row: c.row,
        display,
        cast: c.cast,
        runs: s.length,
        wallMedian,
        wallMin: Math.min(...walls),
        wallMax: Math.max(...walls),
        rssMiB: rssMax / 2 ** 20,
        cpuMedian: median(s.map((x) => x.cpu)),
        ratio: ratios.length
          ? { min: Math.min(...ratios), median: median(ratios), max: Math.max(...ratios) }
          : undefined,
        rowsPerSecond: info.rows / wallMedian,
        bytesPerSite: rssMax / info.sites,
        walls,
        rssKb: s.map((x) => x.rssKb),
        ratios,
        ...(c.error ? { failedRuns: c.error } : {}),
      });
    }
  }
  m.loadAfter = load();

  // ---- The table ----
  const names = {
    tool: "esg-recalc check",
    baseline: "esg-recalc check, baseline build",
    duckdb: `DuckDB ${duckdbVersion ?? ""}, ${opts.threads} threads, exact DECIMAL GROUP BY`,
    floor: "floor: exact scan, sums per facility × metric",
    cat: "floor: cat meters.csv",
    node: "floor: Node start-up",
  };
  const lines = [];
  lines.push(
    `| dataset | what | command (from the repository root) | wall median (s) | min–max (s) | × DuckDB, per round: min–median–max | CPU median (s) | peak RSS (MiB) | M rows/s | peak RSS per site (bytes) |`,
  );
  lines.push(`|---|---|---|---:|---:|---:|---:|---:|---:|---:|`);
  for (const size of [...new Set(results.map((r) => r.size))]) {
    for (const r of results.filter((x) => x.size === size)) {
      const what = names[r.row];
      if (r.failed) {
        lines.push(
          `| ${r.label} | ${what} | \`${r.display}\` | ✗ | | ${r.failed.replaceAll("|", "\\|").replaceAll("\n", " ")} | | | | |`,
        );
        continue;
      }
      const ratio = r.ratio ? `${fmt(r.ratio.min)}–**${fmt(r.ratio.median)}**–${fmt(r.ratio.max)}` : "–";
      const perRow = r.row === "node" ? "–" : fmt(r.rowsPerSecond / 1e6, 1);
      const perSite = r.row === "node" || r.row === "cat" ? "–" : Math.round(r.bytesPerSite).toLocaleString("en");
      lines.push(
        `| ${r.label} | ${what} | \`${r.display}\` | ${fmt(r.wallMedian)} | ${fmt(r.wallMin)}–${fmt(r.wallMax)} | ${ratio} | ${fmt(r.cpuMedian)} | ${fmt(r.rssMiB, 0)} | ${perRow} | ${perSite} |`,
      );
    }
  }
  const out = [];
  out.push(
    `${date.toISOString().slice(0, 16).replace("T", " ")} UTC: ${opts.rounds} interleaved rounds (each round runs every command once, order rotated), whole processes, warm page cache; wall, peak RSS and CPU (user + system) from \`${TIME} -f "%e %M %U %S"\`; × DuckDB is each round's ratio to that round's DuckDB run.`,
  );
  out.push("");
  out.push(...lines);
  out.push("");
  out.push(
    `Machine: ${m.nproc} CPUs (nproc), ${m.cpu}, ${m.memGiB} GiB RAM, ${m.os}, Node ${m.node}; load average (1, 5, 15 min) ${m.loadBefore} before, ${m.loadAfter} after.`,
  );
  out.push(
    "Target (issues 5 and 16): median esg-recalc ÷ DuckDB ≤ 1.0 on both sizes; peak RSS under 256 MiB on the large one.",
  );
  const status = [];
  for (const size of [...new Set(results.map((r) => r.size))]) {
    const t = results.find((r) => r.size === size && r.row === "tool" && !r.failed);
    if (!t) continue;
    const parts = [];
    if (t.ratio) parts.push(`median ratio ${fmt(t.ratio.median)} (${t.ratio.median <= 1 ? "met" : "not met"})`);
    parts.push(
      `peak RSS ${fmt(t.rssMiB, 0)} MiB${size.startsWith("large") ? ` (${t.rssMiB < 256 ? "met" : "not met"})` : ""}`,
    );
    status.push(`${size}: ${parts.join(", ")}`);
  }
  if (status.length) out.push(`Status: ${status.join("; ")}.`);
  if (notes.length) {
    out.push("");
    for (const n of notes) out.push(`- ${n.replaceAll("\n", "\n  ")}`);
  }
  process.stdout.write(out.join("\n") + "\n");

  fs.mkdirSync(path.join(HERE, "data"), { recursive: true });
  fs.writeFileSync(
    path.join(HERE, "data", "last-run.json"),
    JSON.stringify(
      { date: date.toISOString(), options: opts, machine: m, duckdb: duckdbVersion, results, notes },
      null,
      2,
    ) + "\n",
  );
  log(`\n(numbers written to ${rel(path.join(HERE, "data", "last-run.json"))})`);
  if (Number(m.loadBefore.split(" ")[0]) > 0.5 || Number(m.loadAfter.split(" ")[0]) > Number(m.nproc) * 0.75) {
    log("warning: the machine was not idle (see the load average): the numbers may be noisy.");
  }
}

main().catch((err) => {
  log(`run.mjs: ${err.message ?? err}`);
  process.exit(1);
});
