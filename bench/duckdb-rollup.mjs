#!/usr/bin/env node
// The DuckDB reference for the benchmark (issue 5): the same roll-up esg-recalc does, on the same files.
//
//   node duckdb-rollup.mjs <dataset-dir> [--threads 2] [--verify] [--check-decimals]
//
// Reads <dir>/meters.csv (facility,period,metric,value,unit) and <dir>/sites.csv (id,parent,label) with
// DuckDB, parses every value to an exact DECIMAL (thousands separators stripped), sums per (facility,
// metric) over the months of the report's year, joins the sites to their regions, rolls up to the regions
// and the group and prints only those cells — 20 regions + group, × 8 metrics — as JSON on stdout:
//   {"duckdb":"v1.5.6","threads":2,"cast":"DECIMAL(18, 3)","scale":3,"cells":[{"metric":…,"node":…,"sum":"1234.567"},…]}
//
// Exactness: DuckDB's CAST(… AS DECIMAL(p,s)) silently ROUNDS an input with more than s decimals. The scale
// is therefore taken from the generator's generated.json (the largest number of decimals it wrote), or
// measured with a query when that file is missing or --check-decimals is given; --verify does both and
// checks they agree, then compares every sum with the generator's exact expected.json (the sums before the
// planted errors) and exits 1 on any difference.
// Each value is cast to DECIMAL(18, s) (a 64-bit integer): a value too large for it is a conversion error,
// never a silent change, and then the query is run again with DECIMAL(38, s). sum() of a DECIMAL(18, s) is a
// DECIMAL(38, s) (128-bit), so the sums cannot overflow. Casting the text straight to DECIMAL(38, s) gives
// the same sums but parses ~25× slower (3.4 s instead of 0.13 s on 1.6 M rows), so it is not used.

import fs from "node:fs";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";

function usage(message) {
  if (message) process.stderr.write(`duckdb-rollup.mjs: ${message}\n`);
  process.stderr.write("usage: node duckdb-rollup.mjs <dataset-dir> [--threads N] [--verify] [--check-decimals]\n");
  process.exit(2);
}

const args = { dir: undefined, threads: 2, verify: false, checkDecimals: false };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === "--threads") args.threads = Number(argv[++i]);
  else if (a === "--verify") args.verify = true;
  else if (a === "--check-decimals") args.checkDecimals = true;
  else if (a === "-h" || a === "--help") usage();
  else if (a.startsWith("-")) usage(`unknown option ${a}`);
  else if (args.dir === undefined) args.dir = a;
  else usage(`unexpected argument ${a}`);
}
if (!args.dir) usage("a dataset directory is required");
if (!Number.isInteger(args.threads) || args.threads < 1) usage("--threads must be a positive integer");

const meters = path.join(args.dir, "meters.csv");
const sites = path.join(args.dir, "sites.csv");
for (const f of [meters, sites]) if (!fs.existsSync(f)) usage(`${f} does not exist`);
const readJson = (name) => {
  const f = path.join(args.dir, name);
  if (!fs.existsSync(f)) return undefined;
  try {
    return JSON.parse(fs.readFileSync(f, "utf8"));
  } catch (err) {
    process.stderr.write(`duckdb-rollup.mjs: ${f}: ${err.message}\n`);
    process.exit(2);
  }
};
const generated = readJson("generated.json");
const manifest = readJson("manifest.json");
const year = manifest?.period?.label ?? "2023";

const sqlString = (s) => `'${String(s).replaceAll("'", "''")}'`;
const METERS = `read_csv(${sqlString(meters)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
    columns = {'facility': 'VARCHAR', 'period': 'VARCHAR', 'metric': 'VARCHAR', 'value': 'VARCHAR', 'unit': 'VARCHAR'})`;
const SITES = `read_csv(${sqlString(sites)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
    columns = {'id': 'VARCHAR', 'parent': 'VARCHAR', 'label': 'VARCHAR'})`;

// The number of decimals of the longest fraction in the file (after removing thousands separators).
const DECIMALS_SQL = `SELECT coalesce(max(CASE WHEN strpos(value, '.') > 0 THEN length(value) - strpos(value, '.') ELSE 0 END), 0) AS d
  FROM ${METERS}`;

const rollupSql = (precision, scale) => `
WITH per_key AS (
  SELECT facility, metric, sum(CAST(replace(value, ',', '') AS DECIMAL(${precision}, ${scale}))) AS total
  FROM ${METERS}
  WHERE period = ${sqlString(year)} OR period LIKE ${sqlString(year + "-%")}
  GROUP BY facility, metric
),
per_region AS MATERIALIZED (
  SELECT coalesce(s.parent, '?unknown facility') AS node, k.metric, sum(k.total) AS total
  FROM per_key k LEFT JOIN ${SITES} s ON s.id = k.facility
  GROUP BY ALL
)
SELECT metric, node, CAST(total AS VARCHAR) AS sum FROM per_region
UNION ALL
SELECT metric, 'group' AS node, CAST(sum(total) AS VARCHAR) AS sum FROM per_region GROUP BY metric
ORDER BY metric, node`;

/** A decimal string as a BigInt scaled to `scale` decimals (exact; throws if it has more). */
function scaled(text, scale) {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new Error(`not a decimal: ${text}`);
  const frac = m[3] ?? "";
  if (frac.length > scale && /[1-9]/.test(frac.slice(scale)))
    throw new Error(`${text} has more than ${scale} decimals`);
  const v = BigInt(m[2] + frac.slice(0, scale).padEnd(scale, "0"));
  return m[1] ? -v : v;
}

async function main() {
  const instance = await DuckDBInstance.create(":memory:", { threads: String(args.threads) });
  const con = await instance.connect();
  const rows = async (sql) => (await con.runAndReadAll(sql)).getRowObjectsJson();
  const version = (await rows("SELECT version() AS v"))[0].v;

  let scale;
  let measured;
  if (generated && Number.isInteger(generated.maxDecimals)) scale = generated.maxDecimals;
  if (scale === undefined || args.checkDecimals || args.verify) {
    measured = Number((await rows(DECIMALS_SQL))[0].d);
    if (scale !== undefined && measured > scale) {
      throw new Error(
        `generated.json says at most ${scale} decimals but meters.csv has values with ${measured}: refusing to round`,
      );
    }
    scale ??= measured;
  }
  if (scale > 37) throw new Error(`values with ${scale} decimals do not fit a DECIMAL(38, s)`);
  // Never cast with a scale below the data's: DuckDB would round silently.

  const t0 = process.hrtime.bigint();
  let precision = scale <= 17 ? 18 : 38;
  let cells;
  try {
    cells = await rows(rollupSql(precision, scale));
  } catch (err) {
    if (precision === 38 || !/Conversion Error/.test(String(err.message))) throw err;
    process.stderr.write(`a value does not fit DECIMAL(18, ${scale}); running again with DECIMAL(38, ${scale})\n`);
    precision = 38;
    cells = await rows(rollupSql(precision, scale));
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const unknown = cells.filter((c) => c.node === "?unknown facility");
  if (unknown.length > 0)
    throw new Error(
      `meters.csv has rows for facilities that sites.csv does not list (metrics: ${unknown.map((c) => c.metric).join(", ")})`,
    );

  process.stdout.write(
    JSON.stringify({
      duckdb: version,
      threads: args.threads,
      cast: `DECIMAL(${precision}, ${scale})`,
      scale,
      cells: cells.map(({ metric, node, sum }) => ({ metric, node, sum })),
    }) + "\n",
  );
  process.stderr.write(
    `duckdb ${version}, ${args.threads} threads, CAST AS DECIMAL(${precision}, ${scale}): ${cells.length} cells in ${seconds.toFixed(3)} s (query)\n`,
  );

  if (args.verify) {
    const expected = readJson("expected.json");
    if (!expected) throw new Error(`--verify needs ${path.join(args.dir, "expected.json")} (written by generate.mjs)`);
    if (measured !== generated?.maxDecimals)
      throw new Error(`decimals: generated.json says ${generated?.maxDecimals}, the file has ${measured}`);
    const got = new Map(cells.map((c) => [`${c.metric}\t${c.node}`, c.sum]));
    const cmpScale = Math.max(scale, 3);
    const problems = [];
    for (const e of expected.cells) {
      const key = `${e.metric}\t${e.node}`;
      const actual = got.get(key) ?? "0"; // a region without rows for a metric has no DuckDB row
      if (scaled(actual, cmpScale) !== scaled(e.sum, cmpScale))
        problems.push(`${e.metric} @ ${e.node}: duckdb ${actual}, generator ${e.sum}`);
      got.delete(key);
    }
    for (const [key, sum] of got)
      problems.push(`${key.replace("\t", " @ ")}: duckdb ${sum}, not expected by the generator`);
    if (problems.length > 0) {
      process.stderr.write(
        `verify: ${problems.length} of ${expected.cells.length} cells differ:\n  ${problems.join("\n  ")}\n`,
      );
      process.exitCode = 1;
    } else {
      process.stderr.write(
        `verify: all ${expected.cells.length} cells equal the generator's exact sums; largest number of decimals in the file: ${measured} (cast scale ${scale})\n`,
      );
    }
  }
  con.closeSync?.();
  instance.closeSync?.();
}

main().catch((err) => {
  process.stderr.write(`duckdb-rollup.mjs: ${err.message ?? err}\n`);
  process.exit(2);
});
