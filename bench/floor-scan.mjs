#!/usr/bin/env node
// The floor of the benchmark (issue 16): the least a JavaScript program must do to sum meters.csv exactly.
//
//   node floor-scan.mjs <dataset-dir> [--verify]
//
// One thread, one pass over the bytes in 4 MiB chunks: split each line at commas (a quoted value may hold
// thousands separators), intern the facility and the metric by their bytes (a hash table over an arena, no
// string per row), parse the value as a scaled integer (thousandths, or whatever generated.json's maxDecimals
// says) and add it to a Float64Array slot per (facility, metric) — exact while below 2^53, which is checked.
// Nothing else: no UTF-8 validation, no units, no periods, no tree, no report. It prints the number of rows
// and keys and the per-metric totals over all facilities as exact decimal strings; --verify compares those
// with the generator's group cells in expected.json (exit 1 on any difference).
//
// It is a floor, not a competitor: a value it cannot read exactly (more decimals than the scale, a sign, a
// stray quote) stops it with exit 2 rather than being read approximately.

import fs from "node:fs";
import path from "node:path";

const argv = process.argv.slice(2);
const dir = argv.find((a) => !a.startsWith("-"));
const verify = argv.includes("--verify");
if (!dir) {
  process.stderr.write("usage: node floor-scan.mjs <dataset-dir> [--verify]\n");
  process.exit(2);
}
const fail = (message) => {
  process.stderr.write(`floor-scan.mjs: ${message}\n`);
  process.exit(2);
};
const readJson = (name) => {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, name), "utf8"));
  } catch {
    return undefined;
  }
};
const SCALE = readJson("generated.json")?.maxDecimals ?? 3;
const POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i);
const SAFE = 2 ** 53;
const COMMA = 44,
  QUOTE = 34,
  LF = 10,
  CR = 13,
  DOT = 46,
  ZERO = 48,
  NINE = 57;

/** Byte strings → dense indices: open addressing over an arena. */
class Interner {
  constructor(bits) {
    this.table = new Int32Array(1 << bits).fill(-1);
    this.mask = (1 << bits) - 1;
    this.arena = Buffer.alloc(1 << 16);
    this.used = 0;
    this.off = [];
    this.len = [];
  }
  get(buf, s, e) {
    let h = 0x811c9dc5;
    for (let i = s; i < e; i++) h = Math.imul(h ^ buf[i], 0x01000193);
    const n = e - s;
    for (let idx = h & this.mask; ; idx = (idx + 1) & this.mask) {
      const k = this.table[idx];
      if (k === -1) {
        if (this.used + n > this.arena.length) {
          const bigger = Buffer.alloc(Math.max(2 * this.arena.length, this.used + n));
          this.arena.copy(bigger, 0, 0, this.used);
          this.arena = bigger;
        }
        buf.copy(this.arena, this.used, s, e);
        this.off.push(this.used);
        this.len.push(n);
        this.used += n;
        this.table[idx] = this.off.length - 1;
        if (this.off.length * 2 > this.table.length) this.rehash();
        return this.off.length - 1;
      }
      if (this.len[k] === n) {
        const o = this.off[k];
        let i = 0;
        while (i < n && this.arena[o + i] === buf[s + i]) i++;
        if (i === n) return k;
      }
    }
  }
  rehash() {
    const size = this.table.length * 2;
    this.table = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    for (let k = 0; k < this.off.length; k++) {
      let h = 0x811c9dc5;
      for (let i = this.off[k]; i < this.off[k] + this.len[k]; i++) h = Math.imul(h ^ this.arena[i], 0x01000193);
      let idx = h & this.mask;
      while (this.table[idx] !== -1) idx = (idx + 1) & this.mask;
      this.table[idx] = k;
    }
  }
  text(k) {
    return this.arena.toString("utf8", this.off[k], this.off[k] + this.len[k]);
  }
}

const facilities = new Interner(16);
const metrics = new Interner(6);
const MAXM = 64; // metrics per facility (slots are facility × MAXM + metric)
let sums = new Float64Array(1 << 20);

const fd = fs.openSync(path.join(dir, "meters.csv"), "r");
let buffer = Buffer.alloc(1 << 22);
let kept = 0,
  rows = 0,
  header = null;
const starts = new Int32Array(32),
  ends = new Int32Array(32);
for (;;) {
  const n = fs.readSync(fd, buffer, kept, buffer.length - kept, null);
  const buf = buffer.subarray(0, kept + n);
  const last = n === 0;
  let pos = 0;
  for (;;) {
    let eol = buf.indexOf(LF, pos);
    if (eol < 0) {
      if (!last || pos >= buf.length) break;
      eol = buf.length;
    }
    let end = eol;
    if (end > pos && buf[end - 1] === CR) end--;
    let f = 0,
      i = pos;
    pos = eol + 1;
    if (i === end) continue;
    for (;;) {
      if (f >= 32) fail("more than 32 fields in a line");
      if (buf[i] === QUOTE) {
        const close = buf.indexOf(QUOTE, i + 1);
        if (close < 0 || close >= end) fail("a quote that does not close on its line");
        starts[f] = i + 1;
        ends[f] = close;
        f++;
        if (close + 1 >= end) break;
        i = close + 2;
      } else {
        let j = i;
        while (j < end && buf[j] !== COMMA) j++;
        starts[f] = i;
        ends[f] = j;
        f++;
        i = j + 1;
        if (j >= end) break;
      }
    }
    if (!header) {
      const names = [];
      for (let k = 0; k < f; k++) names.push(buf.toString("utf8", starts[k], ends[k]));
      header = { facility: names.indexOf("facility"), metric: names.indexOf("metric"), value: names.indexOf("value") };
      if (header.facility < 0 || header.metric < 0 || header.value < 0)
        fail("meters.csv lacks facility, metric or value");
      continue;
    }
    const fac = facilities.get(buf, starts[header.facility], ends[header.facility]);
    const met = metrics.get(buf, starts[header.metric], ends[header.metric]);
    if (met >= MAXM) fail(`more than ${MAXM} metrics`);
    let mantissa = 0,
      scale = -1;
    for (let k = starts[header.value], e = ends[header.value]; k < e; k++) {
      const c = buf[k];
      if (c >= ZERO && c <= NINE) {
        mantissa = mantissa * 10 + (c - ZERO);
        if (scale >= 0) scale++;
      } else if (c === DOT && scale < 0) scale = 0;
      else if (c !== COMMA) fail(`line ${rows + 2}: not a plain non-negative decimal`);
    }
    if (scale < 0) scale = 0;
    if (scale > SCALE) fail(`line ${rows + 2}: more than ${SCALE} decimals`);
    const slot = fac * MAXM + met;
    if (slot >= sums.length) {
      const bigger = new Float64Array(Math.max(2 * sums.length, slot + 1));
      bigger.set(sums);
      sums = bigger;
    }
    const v = sums[slot] + mantissa * POW10[SCALE - scale];
    if (v >= SAFE) fail("a sum reached 2^53: not exact in a double");
    sums[slot] = v;
    rows++;
  }
  kept = last ? 0 : buf.length - pos;
  if (kept) buf.copy(buffer, 0, pos, buf.length);
  if (kept === buffer.length) {
    const bigger = Buffer.alloc(2 * buffer.length);
    buffer.copy(bigger, 0, 0, kept);
    buffer = bigger;
  }
  if (last) break;
}
fs.closeSync(fd);

// Per metric, the total over all facilities, as an exact decimal (BigInt over the exact per-key sums).
const totals = [];
for (let m = 0; m < metrics.off.length; m++) {
  let t = 0n;
  for (let f = 0; f < facilities.off.length; f++) t += BigInt(sums[f * MAXM + m]);
  const digits = t.toString().padStart(SCALE + 1, "0");
  totals.push({ metric: metrics.text(m), sum: SCALE ? `${digits.slice(0, -SCALE)}.${digits.slice(-SCALE)}` : digits });
}
process.stdout.write(
  JSON.stringify({ rows, facilities: facilities.off.length, metrics: metrics.off.length, scale: SCALE, totals }) + "\n",
);

if (verify) {
  const expected = readJson("expected.json");
  if (!expected) fail(`--verify needs ${path.join(dir, "expected.json")}`);
  const toScaled = (s) => {
    const [i, fr = ""] = s.split(".");
    return BigInt(i + fr.padEnd(SCALE, "0").slice(0, SCALE));
  };
  const problems = [];
  for (const e of expected.cells.filter((c) => c.node === "group")) {
    const got = totals.find((t) => t.metric === e.metric)?.sum ?? "0";
    if (toScaled(got) !== toScaled(e.sum)) problems.push(`${e.metric}: floor ${got}, generator ${e.sum}`);
  }
  if (problems.length) {
    process.stderr.write(`verify: ${problems.join("; ")}\n`);
    process.exit(1);
  }
  process.stderr.write(
    `verify: the ${totals.length} group totals equal the generator's exact sums (${rows} rows, ${facilities.off.length} facilities)\n`,
  );
}
