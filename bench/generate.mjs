#!/usr/bin/env node
// Deterministic generator of a large benchmark dataset for esg-recalc (issue 5).
//
//   node generate.mjs <name> --sites N [--seed S] [--out DIR] [--dense]
//
// Writes DIR (default bench/data/<name>/): manifest.json, sites.csv, meters.csv, published.csv,
// planted.json (the errors planted in published.csv), expected.json (the exact, unplanted sums of every
// published cell) and generated.json (parameters, row counts, sizes, the largest number of decimals written).
//
// Same arguments, same bytes: a seeded PRNG (mulberry32) and only +, −, ×, ÷ and rounding on doubles
// (no Math.exp/sin/log, whose last bit may differ between engines) choose the values; every value is
// chosen as a scaled integer and written from that integer, and all sums are exact (integers below 2^53 per
// site, BigInt per published cell). The meters file is written in chunks and never held in memory.
//
// No dependencies; plain Node ≥ 20.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const GENERATOR_VERSION = 1;
const YEAR = 2023;
const REGIONS = 20;
const SCALE = 3; // every value is accumulated in thousandths; no value is written with more decimals

// The eight base metrics, in the order rows are written and the published table prints them.
// decimals: the choices a site's meter may have (fixed per site and metric); printed: the published decimals.
// monthly: the typical monthly value at a site of size 1; share: the fraction of sites that have the metric.
const METRICS = [
  {
    id: "energy.natural_gas",
    unit: "m3",
    section: "Energy use",
    label: "Natural gas",
    printedUnit: "m³",
    decimals: [0, 0, 1],
    printed: 1,
    monthly: 1500,
    share: 1,
    season: "heating",
  },
  {
    id: "energy.diesel",
    unit: "t",
    section: "Energy use",
    label: "Diesel",
    printedUnit: "t",
    decimals: [3],
    printed: 3,
    monthly: 0.8,
    share: 1 / 3,
    season: "flat",
  },
  {
    id: "energy.purchased_electricity",
    unit: "MWh",
    section: "Energy use",
    label: "Purchased electricity",
    printedUnit: "MWh",
    decimals: [3, 3, 3, 2],
    printed: 3,
    monthly: 45,
    share: 1,
    season: "cooling",
  },
  {
    id: "energy.solar_onsite",
    unit: "MWh",
    section: "Energy use",
    label: "On-site solar power consumed",
    printedUnit: "MWh",
    decimals: [3],
    printed: 3,
    monthly: 4,
    share: 0.2,
    season: "sun",
  },
  {
    id: "water.municipal",
    unit: "m3",
    section: "Water",
    label: "Municipal water supply",
    printedUnit: "m³",
    decimals: [0, 0, 1],
    printed: 1,
    monthly: 600,
    share: 1,
    season: "cooling",
  },
  {
    id: "water.recycled",
    unit: "m3",
    section: "Water",
    label: "Recycled water used",
    printedUnit: "m³",
    decimals: [0, 1],
    printed: 1,
    monthly: 120,
    share: 1,
    season: "cooling",
  },
  {
    id: "water.wastewater",
    unit: "t",
    section: "Wastewater",
    label: "Wastewater discharged",
    printedUnit: "t",
    decimals: [0, 1, 1],
    printed: 1,
    monthly: 0,
    share: 1,
    season: "cooling",
  },
  {
    id: "waste.non_hazardous.total",
    unit: "t",
    section: "Non-hazardous waste",
    label: "Non-hazardous waste",
    printedUnit: "t",
    decimals: [2],
    printed: 2,
    monthly: 3.5,
    share: 1,
    season: "flat",
  },
];
const MUNICIPAL = METRICS.findIndex((m) => m.id === "water.municipal");
const WASTEWATER = METRICS.findIndex((m) => m.id === "water.wastewater");

// Monthly multipliers (January … December).
const SEASONS = {
  flat: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
  heating: [1.6, 1.5, 1.2, 0.9, 0.7, 0.6, 0.6, 0.6, 0.7, 0.9, 1.2, 1.5],
  cooling: [0.9, 0.85, 0.9, 0.95, 1.05, 1.2, 1.3, 1.3, 1.15, 1.0, 0.9, 0.95],
  sun: [0.6, 0.7, 0.9, 1.1, 1.25, 1.3, 1.35, 1.3, 1.1, 0.9, 0.7, 0.55],
};
const MONTHS = Array.from({ length: 12 }, (_, i) => `${YEAR}-${String(i + 1).padStart(2, "0")}`);
const QUOTED_SHARE = 0.15; // of values ≥ 1,000: written "12,345.678"

// ---------------------------------------------------------------------------------------------------------

function usage(message) {
  if (message) process.stderr.write(`generate.mjs: ${message}\n`);
  process.stderr.write("usage: node generate.mjs <name> --sites N [--seed S] [--out DIR] [--dense]\n");
  process.exit(2);
}

function parseArgs(argv) {
  const args = { name: undefined, sites: undefined, seed: 20230101, out: undefined, dense: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) usage(`${a} needs a value`);
      return v;
    };
    if (a === "--sites") args.sites = Number(value());
    else if (a === "--seed") args.seed = Number(value());
    else if (a === "--out") args.out = value();
    else if (a === "--dense") args.dense = true;
    else if (a === "-h" || a === "--help") usage();
    else if (a.startsWith("-")) usage(`unknown option ${a}`);
    else if (args.name === undefined) args.name = a;
    else usage(`unexpected argument ${a}`);
  }
  if (!args.name || !/^[a-z0-9][a-z0-9._-]*$/.test(args.name))
    usage("a dataset name (lower case, digits, . _ -) is required");
  if (!Number.isInteger(args.sites) || args.sites < REGIONS || args.sites > 999_999)
    usage(`--sites must be an integer from ${REGIONS} to 999999`);
  if (!Number.isInteger(args.seed) || args.seed < 0 || args.seed > 0xffffffff)
    usage("--seed must be an integer from 0 to 4294967295");
  args.out ??= path.join(HERE, "data", args.name);
  return args;
}

/** mulberry32: a small, fast, well-mixed 32-bit PRNG; returns doubles in [0, 1) that are exact multiples of 2^-32. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const POW10 = [1, 10, 100, 1000];
const POW10N = [1n, 10n, 100n, 1000n];

/** Thousands separators on a string of digits. */
function group3(digits) {
  let out = "";
  const n = digits.length;
  for (let i = 0; i < n; i++) {
    if (i > 0 && (n - i) % 3 === 0) out += ",";
    out += digits[i];
  }
  return out;
}

/** A non-negative scaled integer (value × 10^decimals) as decimal text, optionally with separators. */
function formatScaled(int, decimals, separators) {
  let s = typeof int === "bigint" ? int.toString() : String(int);
  if (s.startsWith("-")) throw new Error("negative value");
  if (decimals > 0) s = s.padStart(decimals + 1, "0");
  const intPart = decimals > 0 ? s.slice(0, s.length - decimals) : s;
  const frac = decimals > 0 ? "." + s.slice(s.length - decimals) : "";
  return (separators ? group3(intPart) : intPart) + frac;
}

/** A CSV field: quoted when it holds a comma, a quote or a line break. */
function csvField(text) {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function regionId(r) {
  return `region-${String(r + 1).padStart(2, "0")}`;
}
function regionLabel(r) {
  return `Region ${String(r + 1).padStart(2, "0")}`;
}
function siteId(i) {
  return `site-${String(i + 1).padStart(6, "0")}`;
}
function siteLabel(i) {
  return `Site ${String(i + 1).padStart(6, "0")}`;
}

/** Writes text through a 1 MiB buffer with writeSync: bounded memory, no back-pressure to manage. */
class ChunkWriter {
  constructor(file) {
    this.fd = fs.openSync(file, "w");
    this.parts = [];
    this.length = 0;
    this.bytes = 0;
  }
  write(text) {
    this.parts.push(text);
    this.length += text.length;
    if (this.length >= 1 << 20) this.flush();
  }
  flush() {
    if (this.parts.length === 0) return;
    const buf = Buffer.from(this.parts.join(""), "utf8");
    let off = 0;
    while (off < buf.length) off += fs.writeSync(this.fd, buf, off, buf.length - off);
    this.bytes += buf.length;
    this.parts = [];
    this.length = 0;
  }
  close() {
    this.flush();
    fs.closeSync(this.fd);
  }
}

// ---------------------------------------------------------------------------------------------------------

function generate(args) {
  const { name, sites: N, seed, out, dense } = args;
  fs.mkdirSync(out, { recursive: true });
  const started = Date.now();

  // Independent streams, so that e.g. the number of rows does not shift the region sizes.
  const rngRegions = mulberry32(seed ^ 0x5eed0001);
  const rngSites = mulberry32(seed ^ 0x5eed0002);
  const rngValues = mulberry32(seed ^ 0x5eed0003);
  const rngFormat = mulberry32(seed ^ 0x5eed0004);
  const rngMisc = mulberry32(seed ^ 0x5eed0005);

  // Uneven region sizes: weights from 0.4 to 2.0; every region gets at least one site.
  const weights = Array.from({ length: REGIONS }, () => 0.4 + 1.6 * rngRegions());
  const cumulative = [];
  let total = 0;
  for (const w of weights) cumulative.push((total += w));

  const M = METRICS.length;
  // Exact per-cell sums in thousandths (BigInt), row counts, and the sum of each row's half-ulp in
  // 1/2000ths (the width of the interval the tool will recompute: Σ 0.5 × 10^-decimals).
  const sums = METRICS.map(() => Array.from({ length: REGIONS }, () => 0n));
  const halfUlps = METRICS.map(() => new Array(REGIONS).fill(0)); // in units of 0.5 × 10^-3
  const rowsPerMetric = new Array(M).fill(0);
  const sitesPerMetric = new Array(M).fill(0);
  // The largest site of each region and metric (for the "site left out" error).
  const largest = METRICS.map(() => Array.from({ length: REGIONS }, () => ({ site: -1, sum: 0 })));
  const regionSites = new Array(REGIONS).fill(0);
  const regionRows = METRICS.map(() => new Array(REGIONS).fill(0)); // a region without rows prints "/"

  const sitesOut = new ChunkWriter(path.join(out, "sites.csv"));
  sitesOut.write("id,parent,label\n");
  const meters = new ChunkWriter(path.join(out, "meters.csv"));
  meters.write("facility,period,metric,value,unit\n");

  let rows = 0;
  let quoted = 0;
  let maxDecimals = 0;
  const present = new Array(M);
  const decimals = new Array(M);
  const siteSum = new Array(M); // this site's annual sum per metric, in thousandths (a safe integer)
  const monthly = new Array(M); // this month's value per metric as a double, before rounding (for wastewater)
  const metricPrefix = METRICS.map((m) => `,${m.id},`);
  const unitSuffix = METRICS.map((m) => `,${m.unit}\n`);

  for (let i = 0; i < N; i++) {
    // Region: the first REGIONS sites go one to each region, the rest by weight.
    let r;
    if (i < REGIONS)
      r = (i * 7) % REGIONS; // a fixed permutation of 0…19
    else {
      const x = rngSites() * total;
      r = 0;
      while (cumulative[r] <= x && r < REGIONS - 1) r++;
    }
    regionSites[r]++;
    const id = siteId(i);
    sitesOut.write(`${id},${regionId(r)},${siteLabel(i)}\n`);

    // Site profile: size skewed towards small stores (0.3 … 3.0), which metrics it has, its meters' decimals.
    const u = rngSites();
    const size = 0.3 + 2.7 * u * u;
    for (let k = 0; k < M; k++) {
      const m = METRICS[k];
      const draw = rngSites();
      present[k] = dense || m.share >= 1 || draw < m.share;
      decimals[k] = m.decimals[Math.floor(rngSites() * m.decimals.length)];
      siteSum[k] = 0;
    }
    // Wastewater only where there is municipal water (always, as municipal water has share 1).
    if (!present[MUNICIPAL]) present[WASTEWATER] = false;
    for (let k = 0; k < M; k++) if (present[k]) sitesPerMetric[k]++;
    const prefix = id + ",";

    for (let mo = 0; mo < 12; mo++) {
      const periodPart = prefix + MONTHS[mo];
      for (let k = 0; k < M; k++) {
        if (!present[k]) continue;
        const m = METRICS[k];
        let v;
        if (k === WASTEWATER) v = monthly[MUNICIPAL] * (0.7 + 0.2 * rngValues());
        else v = m.monthly * size * SEASONS[m.season][mo] * (0.85 + 0.3 * rngValues());
        monthly[k] = v;
        const d = decimals[k];
        const int = Math.round(v * POW10[d]); // the value written, as a scaled integer
        const separators = int >= 1000 * POW10[d] && rngFormat() < QUOTED_SHARE;
        let text = formatScaled(int, d, separators);
        if (separators) {
          text = `"${text}"`;
          quoted++;
        }
        meters.write(periodPart + metricPrefix[k] + text + unitSuffix[k]);
        siteSum[k] += int * POW10[SCALE - d];
        halfUlps[k][r] += POW10[SCALE - d];
        regionRows[k][r]++;
        if (d > maxDecimals) maxDecimals = d;
        rowsPerMetric[k]++;
        rows++;
      }
    }
    for (let k = 0; k < M; k++) {
      if (!present[k]) continue;
      if (!Number.isSafeInteger(siteSum[k])) throw new Error(`site sum not exact: ${id} ${METRICS[k].id}`);
      sums[k][r] += BigInt(siteSum[k]);
      if (siteSum[k] > largest[k][r].sum) largest[k][r] = { site: i, sum: siteSum[k] };
    }
  }
  sitesOut.close();
  meters.close();
  for (let r = 0; r < REGIONS; r++) if (regionSites[r] === 0) throw new Error(`${regionId(r)} has no sites`);

  // ---- The published table: exact sums, printed with the metric's decimals and thousands separators ----
  const nodes = [...Array.from({ length: REGIONS }, (_, r) => regionId(r)), "group"];
  const correct = METRICS.map((m, k) => {
    const cells = {};
    let group = 0n;
    for (let r = 0; r < REGIONS; r++) {
      cells[regionId(r)] = sums[k][r];
      group += sums[k][r];
    }
    cells.group = group;
    return cells;
  });
  const tolerance = METRICS.map((m, k) => {
    const cells = {};
    let group = 0;
    for (let r = 0; r < REGIONS; r++) {
      cells[regionId(r)] = halfUlps[k][r];
      group += halfUlps[k][r];
    }
    cells.group = group;
    return cells; // in units of 0.5 × 10^-3
  });
  const toPrinted = (k, sum3) => {
    const d = METRICS[k].printed;
    const div = POW10N[SCALE - d];
    if (sum3 % div !== 0n) throw new Error(`${METRICS[k].id}: a sum has more than ${d} decimals`);
    return sum3 / div;
  };
  const printed = METRICS.map((m, k) => {
    const cells = {};
    for (const node of nodes) {
      const r = node === "group" ? -1 : Number(node.slice("region-".length)) - 1;
      const empty = r >= 0 ? regionRows[k][r] === 0 : rowsPerMetric[k] === 0;
      cells[node] = empty ? "/" : formatScaled(toPrinted(k, correct[k][node]), m.printed, true);
    }
    return cells;
  });
  const correctPrinted = printed.map((cells) => ({ ...cells }));
  const plain = (k, sum3) => {
    const sign = sum3 < 0n ? "-" : "";
    return sign + formatScaled(sum3 < 0n ? -sum3 : sum3, SCALE, false).replace(/\.0+$|(\.\d*?)0+$/, "$1");
  };

  // ---- Planted errors ----
  const planted = [];
  const metricIndex = (id) => METRICS.findIndex((m) => m.id === id);
  // A planted error must be far outside what rounding allows: the recomputed interval is ± Σ half-ulps of
  // the inputs, the published one ± half an ulp of the printed figure. Require the difference to exceed 1.5×
  // (Σ input half-ulps + 5 printed half-ulps), everything counted in units of 0.5 × 10^-3.
  const clearlyWrong = (k, node, wrong3) => {
    const diff = wrong3 > correct[k][node] ? wrong3 - correct[k][node] : correct[k][node] - wrong3;
    const allowed = BigInt(tolerance[k][node]) + 5n * POW10N[SCALE - METRICS[k].printed]; // in 0.5 × 10^-3
    return diff * 2n > 3n * allowed;
  };
  const regionOrder = (start) => Array.from({ length: REGIONS }, (_, j) => regionId((start + j) % REGIONS));
  const plant = (kind, metricId, startRegion, make, description) => {
    const k = metricIndex(metricId);
    const candidates = startRegion === "group" ? ["group"] : regionOrder(startRegion);
    for (const node of candidates) {
      if (planted.some((p) => p.metric === metricId && p.column === node)) continue;
      if (correct[k][node] === 0n || printed[k][node] === "/") continue;
      const made = make(k, node);
      if (!made) continue;
      if (made.wrong3 !== null && !clearlyWrong(k, node, made.wrong3)) continue;
      const entry = {
        kind,
        metric: metricId,
        column: node,
        label: METRICS[k].label,
        printed: made.printed,
        correct: printed[k][node],
        correctValue: plain(k, correct[k][node]),
        ...(made.wrong3 !== null
          ? { difference: plain(k, made.wrong3 - correct[k][node]).replace(/^(?!-)/, "+") }
          : {}),
        description: description(made),
      };
      printed[k][node] = made.printed;
      planted.push(entry);
      return;
    }
    throw new Error(`could not plant a ${kind} error in ${metricId}: too few sites?`);
  };

  // 1. Two adjacent digits transposed in a region's cell.
  plant(
    "transposed-digits",
    "water.municipal",
    6,
    (k, node) => {
      const d = METRICS[k].printed;
      const digits = toPrinted(k, correct[k][node]).toString();
      const intLen = digits.length - d;
      for (let p = 1; p + 1 < intLen; p++) {
        if (digits[p] === digits[p + 1]) continue;
        const swapped = digits.slice(0, p) + digits[p + 1] + digits[p] + digits.slice(p + 2);
        const wrong3 = BigInt(swapped) * POW10N[SCALE - d];
        if (!clearlyWrong(k, node, wrong3)) continue;
        return { printed: formatScaled(BigInt(swapped), d, true), wrong3, position: p };
      }
      return null;
    },
    (made) => `digits ${made.position + 1} and ${made.position + 2} of the figure swapped`,
  );

  // 2. A ×1000 slip (kilograms printed as tonnes) in a region's cell.
  plant(
    "times-1000",
    "waste.non_hazardous.total",
    11,
    (k, node) => {
      const wrong3 = correct[k][node] * 1000n;
      return { printed: formatScaled(toPrinted(k, wrong3), METRICS[k].printed, true), wrong3 };
    },
    () => "the region's figure multiplied by 1,000 (kg printed as t)",
  );

  // 3. The group total off by an arbitrary amount (about +0.37 % and some odd digits).
  plant(
    "group-total-off",
    "energy.natural_gas",
    "group",
    (k, node) => {
      const unit = POW10N[SCALE - METRICS[k].printed];
      const delta = ((correct[k][node] * 37n) / 10000n / unit) * unit + 4173n * unit;
      const wrong3 = correct[k][node] + delta;
      return { printed: formatScaled(toPrinted(k, wrong3), METRICS[k].printed, true), wrong3 };
    },
    () => "the group total off by an arbitrary amount (about +0.37 %)",
  );

  // 4. A region's cell left out (printed blank although its sites have data).
  plant(
    "cell-left-blank",
    "energy.solar_onsite",
    2,
    () => ({ printed: "", wrong3: null }),
    () => "the region's cell left blank although its sites report the metric",
  );

  // 5. One site left out of a region's sum (its largest site for the metric).
  plant(
    "site-left-out",
    "energy.purchased_electricity",
    14,
    (k, node) => {
      const r = Number(node.slice("region-".length)) - 1;
      const big = largest[k][r];
      if (big.site < 0) return null;
      const wrong3 = correct[k][node] - BigInt(big.sum);
      return { printed: formatScaled(toPrinted(k, wrong3), METRICS[k].printed, true), wrong3, site: siteId(big.site) };
    },
    (made) => `the region's sum without ${made.site}, its largest site for the metric`,
  );

  // ---- Write the small files ----
  const header = [
    "section",
    "label",
    "unit",
    ...nodes.map((n) => (n === "group" ? "Group" : regionLabel(Number(n.slice(7)) - 1))),
  ];
  let published = header.map(csvField).join(",") + "\n";
  METRICS.forEach((m, k) => {
    published += [m.section, m.label, m.printedUnit, ...nodes.map((n) => printed[k][n])].map(csvField).join(",") + "\n";
  });
  fs.writeFileSync(path.join(out, "published.csv"), published);

  // A revenue denominator (no intensity is printed; the manifest declares one as a real dataset would).
  const revenueTenths = 400_000_000 + Math.floor(rngMisc() * 200_000_000);
  const manifest = {
    formatVersion: 1,
    description: `Generated by bench/generate.mjs (version ${GENERATOR_VERSION}) with --sites ${N} --seed ${seed}${dense ? " --dense" : ""}: monthly meter readings of ${N} retail sites in ${REGIONS} regions. The published table is the exact roll-up except for the errors listed in planted.json.`,
    id: `bench-${name}`,
    company: { en: "Bench Retail Co. (generated)" },
    report: { title: { en: `Bench Retail Co. ${YEAR} ESG report (generated)` }, language: "en" },
    period: { label: String(YEAR), start: `${YEAR}-01-01`, end: `${YEAR}-12-31` },
    currency: "CNY",
    encoding: "utf-8",
    // Figures print three decimals ("37.953"): said, so that none is taken for 37,953 (manifest "numbers", issue 13).
    numbers: { format: "1,234.5" },
    tree: [
      { id: "group", labels: { en: "Group" } },
      ...Array.from({ length: REGIONS }, (_, r) => ({
        id: regionId(r),
        parent: "group",
        labels: { en: regionLabel(r) },
      })),
    ],
    columns: [
      ...Array.from({ length: REGIONS }, (_, r) => ({ printed: regionLabel(r), node: regionId(r) })),
      { printed: "Group", node: "group" },
    ],
    denominators: [
      {
        id: "revenue",
        default: true,
        labels: { en: `${YEAR} revenue` },
        printed: formatScaled(revenueTenths, 1, true),
        unit: "RMB-thousand",
        source: { document: "generated" },
      },
    ],
    files: { published: "published.csv", tree: "sites.csv", activity: ["meters.csv"] },
  };
  fs.writeFileSync(path.join(out, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");

  const expected = {
    description:
      "The exact sums of every published cell before the errors were planted, per metric and node, in the metric's unit; and the sum of the inputs' half-ulps (the half-width of the interval a recomputation from the printed inputs allows).",
    cells: [],
  };
  METRICS.forEach((m, k) => {
    for (const node of nodes) {
      expected.cells.push({
        metric: m.id,
        node,
        sum: formatScaled(correct[k][node], SCALE, false),
        printed: correctPrinted[k][node],
        inputHalfWidth: formatScaled(BigInt(tolerance[k][node]) * 5n, SCALE + 1, false),
      });
    }
  });
  fs.writeFileSync(path.join(out, "expected.json"), JSON.stringify(expected, null, 1) + "\n");
  fs.writeFileSync(
    path.join(out, "planted.json"),
    JSON.stringify(
      {
        description: "Errors planted in published.csv; every other published cell is the exact roll-up of meters.csv.",
        planted,
      },
      null,
      2,
    ) + "\n",
  );

  const metersBytes = fs.statSync(path.join(out, "meters.csv")).size;
  const info = {
    generator: "bench/generate.mjs",
    generatorVersion: GENERATOR_VERSION,
    name,
    sites: N,
    seed,
    dense,
    regions: REGIONS,
    months: 12,
    metrics: METRICS.map((m, k) => ({
      id: m.id,
      unit: m.unit,
      decimals: [...new Set(m.decimals)].sort(),
      printedDecimals: m.printed,
      sites: sitesPerMetric[k],
      rows: rowsPerMetric[k],
    })),
    rows,
    quotedValues: quoted,
    maxDecimals,
    files: { "meters.csv": metersBytes, "sites.csv": fs.statSync(path.join(out, "sites.csv")).size },
    regionSites: Object.fromEntries(regionSites.map((n, r) => [regionId(r), n])),
    seconds: (Date.now() - started) / 1000,
  };
  // generated.json last: its presence means the dataset is complete (run.mjs relies on this).
  fs.writeFileSync(path.join(out, "generated.json"), JSON.stringify(info, null, 2) + "\n");
  return info;
}

const args = parseArgs(process.argv.slice(2));
try {
  fs.rmSync(path.join(args.out, "generated.json"), { force: true });
  const info = generate(args);
  process.stderr.write(
    `generated ${args.out}: ${info.sites} sites, ${info.rows} rows, ${(info.files["meters.csv"] / 1e6).toFixed(1)} MB meters.csv, ` +
      `${info.quotedValues} quoted values, max ${info.maxDecimals} decimals, in ${info.seconds.toFixed(1)} s\n`,
  );
} catch (err) {
  process.stderr.write(`generate.mjs: ${err.stack ?? err}\n`);
  process.exit(1);
}
