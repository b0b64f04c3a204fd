// The streaming fast path for activity files: reads the bytes in large chunks, splits plain CSV lines itself,
// interns the texts it meets (a site named 20,000 times is decoded once), and sums values exactly into scaled
// integers (model/exactSum.ts). Memory grows with facilities × metrics, not with rows. It reads only what it
// can read exactly like the csv-parse reader; on anything else — a quote spanning lines, a doubled quote, an
// unknown name, a value outside the plain grammar, a duplicate — it returns null and the caller reads the
// file the reference way, which reports the problem with its line and column.
import { isUtf8 } from "node:buffer";
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import { ExactSums, type ExactSumsState } from "../model/exactSum.js";
import type { ScanColumns, ScanPlan, ScannedActivity, ScanTables } from "../model/source.js";

const CHUNK = 1 << 22;
const COMMA = 44,
  QUOTE = 34,
  LF = 10,
  CR = 13,
  SPACE = 32,
  TAB = 9,
  MINUS = 45,
  DOT = 46,
  ZERO = 48,
  NINE = 57;
const WHOLE_BIT = 1 << 31;

/** Texts seen in one column, by their bytes: decoded and resolved once each. */
class Interner {
  private table: Int32Array;
  private mask: number;
  private arena = Buffer.alloc(1 << 16);
  private used = 0;
  private off: number[] = [];
  private len: number[] = [];
  private val: number[] = [];

  constructor(
    private resolve: (text: string) => number,
    bits = 12,
  ) {
    this.table = new Int32Array(1 << bits).fill(-1);
    this.mask = (1 << bits) - 1;
  }

  /** The entry met last, and for each entry the one that followed it last time: files repeat their patterns. */
  private last = -1;
  private follows: number[] = [];

  get(buf: Buffer, start: number, end: number): number {
    const guess = this.last >= 0 ? this.follows[this.last]! : -1;
    const n0 = end - start;
    if (guess >= 0 && this.len[guess] === n0 && this.same(buf, start, n0, this.off[guess]!)) {
      this.last = guess;
      return this.val[guess]!;
    }
    const e = this.lookup(buf, start, end);
    if (this.last >= 0) this.follows[this.last] = e;
    this.last = e;
    return this.val[e]!;
  }

  /** The entry for these bytes, added (and resolved) if new. */
  private lookup(buf: Buffer, start: number, end: number): number {
    const e = this.probe(buf, start, end - start);
    return e >= 0 ? e : this.enter(buf, start, end - start, this.resolve(buf.toString("utf8", start, end)));
  }

  /** Where `probe` stopped: the place of the entry it found, or where a new one goes. */
  private at = 0;

  /** The entry for these bytes, or -1. */
  private probe(buf: Buffer, start: number, n: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < start + n; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
    let idx = h & this.mask;
    for (;;) {
      const e = this.table[idx]!;
      if (e === -1 || (this.len[e] === n && this.same(buf, start, n, this.off[e]!))) {
        this.at = idx;
        return e;
      }
      idx = (idx + 1) & this.mask;
    }
  }

  /** A new entry for these bytes at the place `probe` found for them. */
  private enter(buf: Buffer, start: number, n: number, value: number): number {
    if (this.used + n > this.arena.length) {
      const bigger = Buffer.alloc(Math.max(this.arena.length * 2, this.used + n));
      this.arena.copy(bigger, 0, 0, this.used);
      this.arena = bigger;
    }
    buf.copy(this.arena, this.used, start, start + n);
    const e = this.off.length;
    this.off.push(this.used);
    this.len.push(n);
    this.val.push(value);
    this.follows.push(-1);
    this.used += n;
    this.table[this.at] = e;
    if (this.off.length * 2 > this.table.length) this.rehash();
    return e;
  }

  /**
   * Enters each text with its index as value, before any row is read (the leaf ids: 200,000 sites then cost no
   * string and no map lookup each). Only texts the resolver would give the same index: those without surrounding
   * spaces, which it trims.
   */
  seed(texts: readonly string[]): void {
    let bits = 12;
    while (1 << bits < texts.length * 4) bits++;
    if (1 << bits > this.table.length) this.resize(1 << bits);
    for (let v = 0; v < texts.length; v++) {
      const text = texts[v]!;
      if (text.trim() !== text) continue;
      // Written past the used part of the arena, looked up there, and entered in place.
      if (this.used + text.length * 3 > this.arena.length) {
        const bigger = Buffer.alloc(Math.max(this.arena.length * 2, this.used + text.length * 3));
        this.arena.copy(bigger, 0, 0, this.used);
        this.arena = bigger;
      }
      const n = this.arena.write(text, this.used, "utf8");
      const e = this.probe(this.arena, this.used, n);
      if (e >= 0)
        this.val[e] = v; // a text twice: the later index, as a Map built from the list gives
      else this.enter(this.arena, this.used, n, v);
    }
  }

  private place(e: number): void {
    let h = 0x811c9dc5;
    for (let i = this.off[e]!; i < this.off[e]! + this.len[e]!; i++) h = Math.imul(h ^ this.arena[i]!, 0x01000193);
    let idx = h & this.mask;
    while (this.table[idx] !== -1) idx = (idx + 1) & this.mask;
    this.table[idx] = e;
  }

  private same(buf: Buffer, start: number, n: number, off: number): boolean {
    const arena = this.arena;
    for (let i = 0; i < n; i++) if (buf[start + i] !== arena[off + i]) return false;
    return true;
  }

  private rehash(): void {
    this.resize(this.table.length * 2);
  }

  private resize(size: number): void {
    this.table = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    for (let e = 0; e < this.off.length; e++) this.place(e);
  }
}

function sameBytes(buf: Buffer, a: number, b: number, n: number): boolean {
  for (let i = 0; i < n; i++) if (buf[a + i] !== buf[b + i]) return false;
  return true;
}

/** Bytes that are an unquoted group of three digits, maybe with decimals ("200", "200.5"). */
function splitGroup(buf: Buffer, s: number, e: number): boolean {
  if (buf[s - 1] === QUOTE || e - s < 3) return false;
  for (let k = s; k < s + 3; k++) if (buf[k]! < ZERO || buf[k]! > NINE) return false;
  if (e === s + 3) return true;
  if (buf[s + 3] !== DOT || e === s + 4) return false;
  for (let k = s + 4; k < e; k++) if (buf[k]! < ZERO || buf[k]! > NINE) return false;
  return true;
}

export interface ScanProgress {
  (bytesRead: number, totalBytes: number, rows: number): void;
}

/** Files below this size are read on one thread: a worker's start-up would cost more than it saves. */
export const PARALLEL_MIN_BYTES = 256 * 1024 * 1024;

const listed = (s: ScannedActivity | null): ScannedActivity[] | null => s && [s];

/**
 * Reads `path` (UTF-8) the fast way, or returns null: the file needs the reference reader. With `tables` (the
 * plan as plain data) a large file is read by two threads, each over half of its bytes: then two lists of slots,
 * one per range, with no key in both.
 */
export function scanActivityFile(
  path: string,
  plan: ScanPlan,
  onProgress?: ScanProgress,
  tables?: ScanTables,
  twoThreadsFrom = PARALLEL_MIN_BYTES,
): ScannedActivity[] | null {
  // Figures in another format than 1,234.5 (a decimal comma): the reference reader, which knows every format.
  if (plan.numbers === 2) return null;
  // Non-blocking, so that a named pipe cannot hang the open; anything but a regular file is the reference reader's to refuse.
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return null;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return null;
    const size = stat.size;
    const split = tables && size >= twoThreadsFrom ? splitPoint(fd, size, plan) : null;
    if (!split || !tables) return listed(scan(fd, plan, onProgress));
    return scanInTwo(fd, path, plan, tables, split, onProgress);
  } finally {
    closeSync(fd);
  }
}

/** The header's columns and a line start near the middle of the file; null when the file is not plain enough. */
function splitPoint(fd: number, size: number, plan: ScanPlan): { at: number; cols: ScanColumns } | null {
  const head = Buffer.alloc(Math.min(size, 1 << 16));
  readSync(fd, head, 0, head.length, 0);
  const eol = head.indexOf(LF);
  if (eol < 0) return null;
  let text = head.toString("utf8", 0, eol).replace(/\r$/, "");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('"')) return null;
  const cols = plan.columns(text.split(","));
  if (!cols) return null;
  const mid = Math.floor(size / 2);
  const probe = Buffer.alloc(Math.min(1 << 16, size - mid));
  readSync(fd, probe, 0, probe.length, mid);
  const next = probe.indexOf(LF);
  if (next < 0 || mid + next + 1 >= size) return null;
  return { at: mid + next + 1, cols };
}

export type TransferredScan = Omit<ScannedActivity, "sums"> & { sums: ExactSumsState };

/**
 * Two threads, two byte ranges: a worker (scanWorker.ts) reads the second half while this thread reads the
 * first; then the second half's slots of keys the first half also has are added to the first's (foldSecond):
 * exact sums add, and a month seen in both halves is a duplicate, as on one thread. The wait is synchronous
 * (Atomics.wait, then the message taken off the port), so the pipeline stays synchronous.
 */
function scanInTwo(
  fd: number,
  path: string,
  plan: ScanPlan,
  tables: ScanTables,
  split: { at: number; cols: ScanColumns },
  onProgress?: ScanProgress,
): ScannedActivity[] | null {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  let worker: Worker;
  try {
    worker = new Worker(new URL("./scanWorker.js", import.meta.url), {
      workerData: { tables, path, start: split.at, cols: split.cols, port: port2, flag },
      transferList: [port2],
    });
  } catch {
    port1.close();
    return listed(scan(fd, plan, onProgress)); // no second thread to be had: one thread reads it all
  }
  try {
    const first = scan(fd, plan, onProgress, { start: 0, end: split.at });
    Atomics.wait(flag, 0, 0);
    const message = receiveMessageOnPort(port1)?.message as
      { ok: true; result: TransferredScan | null } | { ok: false; error: string } | undefined;
    // The worker's heap (its copy of the name tables) is let go: its slots are in the message.
    void worker.terminate();
    if (!first || !message || !message.ok || !message.result) return null;
    const second = foldSecond(first, { ...message.result, sums: ExactSums.fromState(message.result.sums) }, plan);
    return second && (second.slots > 0 ? [first, second] : [first]);
  } finally {
    void worker.terminate();
    port1.close();
  }
}

/**
 * The second range's slots, less those of keys the first range also has: these are added to the first's slots
 * (usually only the site cut in two by the split point), and the rest moved down in place, so that the two ranges
 * are read as two lists of slots, as if from two files, without copying either. Null when a key's unit or months
 * clash (the reference reader says why).
 */
function foldSecond(a: ScannedActivity, b: ScannedActivity, plan: ScanPlan): ScannedActivity | null {
  const P = plan.periods,
    M = plan.metrics;
  // The first range's slots of the leaves the second range also has, by key: an index over every leaf × period ×
  // metric would cost more than both ranges' slots.
  const inB = new Uint8Array(plan.leaves);
  for (let s = 0; s < b.slots; s++) inB[b.leaf[s]!] = 1;
  const index = new Map<number, number>();
  for (let s = 0; s < a.slots; s++)
    if (inB[a.leaf[s]!]) index.set((a.leaf[s]! * P + a.period[s]!) * M + a.metric[s]!, s);
  let kept = 0;
  for (let s = 0; s < b.slots; s++) {
    const i = index.get((b.leaf[s]! * P + b.period[s]!) * M + b.metric[s]!) ?? -1;
    if (i < 0) {
      if (kept !== s) {
        b.sums.move(s, kept);
        b.leaf[kept] = b.leaf[s]!;
        b.period[kept] = b.period[s]!;
        b.metric[kept] = b.metric[s]!;
        b.unit[kept] = b.unit[s]!;
        b.line[kept] = b.line[s]!;
        b.column[kept] = b.column[s]!;
        b.grouped[kept] = b.grouped[s]!;
        b.seen[kept] = b.seen[s]!;
      }
      b.line[kept] = b.line[kept]! + a.lines; // numbered from the file's start
      kept++;
      continue;
    }
    if (a.unit[i] !== b.unit[s]) return null;
    const x = a.seen[i]!,
      y = b.seen[s]!;
    if (!plan.additive && ((x & y) !== 0 || (x & WHOLE_BIT) !== 0 || (y & WHOLE_BIT) !== 0)) return null;
    a.seen[i] = x | y;
    a.sums.merge(i, b.sums, s);
  }
  b.sums.truncate(kept);
  return {
    sums: b.sums,
    slots: kept,
    rows: b.rows,
    lines: b.lines,
    leaf: b.leaf.subarray(0, kept),
    period: b.period.subarray(0, kept),
    metric: b.metric.subarray(0, kept),
    unit: b.unit.subarray(0, kept),
    line: b.line.subarray(0, kept),
    column: b.column.subarray(0, kept),
    grouped: b.grouped.subarray(0, kept),
    seen: b.seen.subarray(0, kept),
  };
}

/** The interner of a metric's unit texts (a function of its own, so that no closure of the scan captures a row's metric). */
function unitInterner(plan: ScanPlan, metric: number): Interner {
  return new Interner((text) => plan.unit(text, metric));
}

/** One byte range (default: the whole file). A range after the first starts at a line and knows the columns. */
export function scan(
  fd: number,
  plan: ScanPlan,
  onProgress?: ScanProgress,
  range?: { start: number; end: number; cols?: ScanColumns },
): ScannedActivity | null {
  const total = fstatSync(fd).size;
  const startAt = range?.start ?? 0;
  const endAt = range?.end ?? total;
  let position = startAt;
  const facilities = new Interner(plan.facility, 16);
  facilities.seed(plan.leafIds);
  const periods = new Interner(plan.period);
  const metrics = new Interner(plan.metric);
  // One interner of unit texts per metric, made where a metric is first met (a closure made per row, or one that
  // captured the row's metric, would allocate a context per row: 40 bytes × 15 M rows of garbage).
  const units: (Interner | undefined)[] = new Array<Interner | undefined>(plan.metrics).fill(undefined);

  const P = plan.periods,
    M = plan.metrics;
  if (P > 0xffff || M > 0xffff) return null; // period and metric indexes are kept in 16 bits
  // (leaf, period, metric) → slot, over the metrics this file has met so far (numbered in order of appearance):
  // a file holds a few of the catalogue's metrics, and this index has an entry per leaf × period × such metric.
  const metricRank = new Int32Array(M).fill(-1);
  let ranked = 0,
    width = Math.min(M, 8);
  let slotOf = new Int32Array(plan.leaves * P * width).fill(-1);
  const rankOf = (metric: number): number => {
    if (metricRank[metric]! >= 0) return metricRank[metric]!;
    if (ranked === width) {
      // A wider index, refilled from the slots opened so far.
      width = Math.min(M, width * 2);
      slotOf = new Int32Array(plan.leaves * P * width).fill(-1);
      for (let s = 0; s < sums.size; s++)
        slotOf[(leafOf[s]! * P + periodOf[s]!) * width + metricRank[metricOf[s]!]!] = s;
    }
    metricRank[metric] = ranked;
    return ranked++;
  };
  const sums = new ExactSums(1 << 14);
  // Per slot, one array each: leaf, period, metric, unit, first line, first column, months seen, written grouped
  // (period, metric and unit as 16-bit indexes). Handed out as views of their first `slots` entries, no trimming
  // copy. Sized once from the bytes read so far when the first 2^14 slots are full (a file's slots come at a
  // steady rate per byte: the large bench file's 1.3 M slots fill an estimate of 1.4 M, where doubling reached
  // 2.1 M and copied every array five times on the way); past the estimate, by half again.
  let cap = 1 << 14;
  let leafOf = new Int32Array(cap),
    periodOf = new Uint16Array(cap),
    metricOf = new Uint16Array(cap),
    unitOf = new Uint16Array(cap);
  let lineOf = new Int32Array(cap),
    columnOf = new Int32Array(cap),
    seenOf = new Int32Array(cap),
    groupedOf = new Uint8Array(cap);
  let estimated = false;
  const grow = (consumed: number) => {
    let next = Math.ceil(cap * 1.5);
    if (!estimated && consumed > 0) {
      estimated = true;
      // Slots per byte so far × the range's bytes, with 5 % to spare; never more than every leaf × period × metric
      // met so far could open (a file ordered by month opens a slot per row at first).
      const guess = Math.ceil(((cap * (endAt - startAt)) / consumed) * 1.05);
      next = Math.max(next, Math.min(guess, plan.leaves * P * Math.max(ranked, 1)));
    }
    cap = next;
    const wider = <T extends Int32Array | Uint16Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(cap);
      b.set(a);
      return b;
    };
    leafOf = wider(leafOf);
    periodOf = wider(periodOf);
    metricOf = wider(metricOf);
    unitOf = wider(unitOf);
    lineOf = wider(lineOf);
    columnOf = wider(columnOf);
    seenOf = wider(seenOf);
    groupedOf = wider(groupedOf);
    sums.reserve(cap);
  };

  let cols: ScanColumns | null = range?.cols ?? null;
  const starts = new Int32Array(64),
    ends = new Int32Array(64);
  let line = 0,
    rows = 0,
    read = 0,
    first = true;
  // No bigger than the range read (+1, so a whole small file is read at once): a batch reads thousands of small files.
  let buffer = Buffer.alloc(Math.min(CHUNK, Math.max(endAt - startAt, 0) + 1));
  let kept = 0; // bytes of an unfinished line kept at the front of the buffer

  // The previous row's facility bytes: rows usually come grouped by site, so most rows skip the lookup.
  let lastFacStart = -1,
    lastFacLen = 0,
    lastLeaf = -1;
  let lastPerStart = -1,
    lastPerLen = 0,
    lastPslot = -1;

  for (;;) {
    if (kept === buffer.length) {
      const bigger = Buffer.alloc(buffer.length * 2);
      buffer.copy(bigger, 0, 0, kept);
      buffer = bigger;
    }
    const n = readSync(fd, buffer, kept, Math.min(buffer.length - kept, endAt - position), position);
    position += n;
    read += n;
    const buf = buffer.subarray(0, kept + n);
    lastFacStart = -1;
    lastPerStart = -1;
    let pos = 0;
    if (first && startAt === 0 && buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) pos = 3;
    first = false;
    const last = n === 0;
    // Bytes the reference reader would refuse (not UTF-8, also in a free-text column) or split differently (a CR
    // that does not end a line is a line end to it): checked on whole lines, since 0x0A occurs in no UTF-8 sequence.
    const whole = last ? buf.length : buf.lastIndexOf(LF) + 1;
    if (!isUtf8(buf.subarray(0, whole))) return null;
    for (let r = buf.indexOf(CR); r >= 0 && r < whole; r = buf.indexOf(CR, r + 1))
      if (r + 1 < buf.length && buf[r + 1] !== LF) return null;
    for (;;) {
      let eol = buf.indexOf(LF, pos);
      if (eol < 0) {
        if (!last) break;
        if (pos >= buf.length) break;
        eol = buf.length; // a last line without a line end
      }
      line++;
      let end = eol;
      if (end > pos && buf[end - 1] === CR) end--;
      const start = pos;
      pos = eol + 1;
      // Blank lines — empty, spaces and tabs, or only commas (a spreadsheet's leftover row) — are skipped, as parseCsv does.
      let blank = start;
      while (blank < end && (buf[blank] === COMMA || buf[blank] === SPACE || buf[blank] === TAB)) blank++;
      if (blank === end) continue;

      // Split into fields; a quoted field may hold commas ("1,234.5") but no quote and no line end.
      let f = 0,
        i = start;
      for (;;) {
        if (f >= 64) return null;
        if (buf[i] === QUOTE) {
          const close = buf.indexOf(QUOTE, i + 1);
          if (close < 0 || close >= end) return null; // a quote that does not close on this line
          const after = close + 1;
          if (after < end && buf[after] !== COMMA) return null; // a doubled quote, or text after the quote
          starts[f] = i + 1;
          ends[f] = close;
          f++;
          if (after >= end) break;
          i = after + 1;
        } else {
          let j = i;
          while (j < end && buf[j] !== COMMA) {
            if (buf[j] === QUOTE) return null;
            j++;
          }
          starts[f] = i;
          ends[f] = j;
          f++;
          if (j >= end) break;
          i = j + 1;
        }
      }

      if (!cols) {
        const names: string[] = [];
        for (let k = 0; k < f; k++) names.push(buf.toString("utf8", starts[k]!, ends[k]!));
        cols = plan.columns(names);
        if (!cols) return null;
        continue;
      }
      if (f !== cols.count) return null;

      const fs = starts[cols.facility]!,
        fl = ends[cols.facility]! - fs;
      let leaf: number;
      if (lastFacStart >= 0 && fl === lastFacLen && sameBytes(buf, fs, lastFacStart, fl)) leaf = lastLeaf;
      else {
        leaf = facilities.get(buf, fs, fs + fl);
        if (leaf < 0) return null;
        lastFacStart = fs;
        lastFacLen = fl;
        lastLeaf = leaf;
      }
      // The period as the previous row's when its bytes are the same (a site's months come in runs of its metrics).
      let pslot: number;
      if (cols.period < 0) pslot = 31;
      else {
        const ps = starts[cols.period]!,
          pl = ends[cols.period]! - ps;
        if (lastPerStart >= 0 && pl === lastPerLen && sameBytes(buf, ps, lastPerStart, pl)) pslot = lastPslot;
        else {
          pslot = periods.get(buf, ps, ps + pl);
          if (pslot < 0) return null;
          lastPerStart = ps;
          lastPerLen = pl;
          lastPslot = pslot;
        }
      }
      const metric = metrics.get(buf, starts[cols.metric]!, ends[cols.metric]!);
      if (metric < 0) return null;
      const unit = (units[metric] ?? (units[metric] = unitInterner(plan, metric))).get(
        buf,
        starts[cols.unit]!,
        ends[cols.unit]!,
      );
      if (unit < 0) return null;

      // The value: -?digits[.digits], or in quotes with thousands separators grouped by three.
      let v = starts[cols.value]!;
      const ve = ends[cols.value]!;
      let negative = false;
      if (v < ve && buf[v] === MINUS) {
        negative = true;
        v++;
      }
      let mantissa = 0,
        digits = 0,
        scale = 0,
        group = -1,
        sawDot = false,
        hasSep = false,
        lead = v;
      if (v >= ve) return null;
      for (let k = v; k < ve; k++) {
        const c = buf[k]!;
        if (c >= ZERO && c <= NINE) {
          mantissa = mantissa * 10 + (c - ZERO);
          digits++;
          if (sawDot) scale++;
          else if (group >= 0) group++;
        } else if (c === COMMA && !sawDot) {
          if (group === -1 ? k - v < 1 || k - v > 3 : group !== 3) return null;
          group = 0;
          hasSep = true;
        } else if (c === DOT && !sawDot) {
          if (group !== -1 && group !== 3) return null;
          sawDot = true;
          lead = k;
        } else return null;
      }
      if (group !== -1 && !sawDot && group !== 3) return null;
      if (sawDot && scale === 0) return null;
      const intLen = (sawDot ? lead : ve) - v;
      if (intLen === 0) return null; // ".5": refused by the reference reader
      // An unquoted 1–3 digit value followed by an unquoted three-digit group: a split "1,200.5", refused there too.
      if (
        !hasSep &&
        !sawDot &&
        intLen <= 3 &&
        cols.value + 1 < f &&
        buf[starts[cols.value]! - 1] !== QUOTE &&
        splitGroup(buf, starts[cols.value + 1]!, ends[cols.value + 1]!)
      )
        return null;
      if (buf[v] === ZERO && intLen > 1) return null; // leading zeros: left to the reference reader
      if (digits > 15) return null; // beyond a float's exact integers: the reference reader sums these
      if (negative && (mantissa === 0 || plan.nonNegative[metric])) return null;
      // "1.234" in a dataset that declares no number format is ambiguous (1234 in 1.234,5): the reference reader refuses it.
      if (plan.numbers === 1 && !hasSep && sawDot && scale === 3 && intLen <= 3 && buf[v] !== ZERO) return null;

      const period = pslot >> 5;
      const sub = pslot & 31;
      const rank = rankOf(metric); // first: it may widen the index
      const key = (leaf * P + period) * width + rank;
      let slot = slotOf[key]!;
      const bit = sub === 31 ? WHOLE_BIT : 1 << sub;
      if (slot < 0) {
        if (sums.size >= cap) grow(read - buf.length + start);
        slot = sums.open();
        slotOf[key] = slot;
        if (unit > 0xffff) return null; // (a catalogue of more than 65,535 units: the reference reader)
        leafOf[slot] = leaf;
        periodOf[slot] = period;
        metricOf[slot] = metric;
        unitOf[slot] = unit;
        lineOf[slot] = line;
        // Column in characters, as the reference reader counts it: bytes that start a UTF-8 sequence.
        let chars = 1;
        const fieldStart = buf[starts[cols.value]! - 1] === QUOTE ? starts[cols.value]! - 1 : starts[cols.value]!;
        for (let k = start; k < fieldStart; k++) if ((buf[k]! & 0xc0) !== 0x80) chars++;
        columnOf[slot] = chars;
        seenOf[slot] = bit;
        groupedOf[slot] = hasSep ? 1 : 0;
      } else {
        if (unitOf[slot] !== unit) return null; // several units for one key: the reference reader combines them
        const had = seenOf[slot]!;
        if (!plan.additive && ((had & bit) !== 0 || bit === WHOLE_BIT || (had & WHOLE_BIT) !== 0)) return null;
        seenOf[slot] = had | bit;
      }
      sums.add(slot, negative ? -mantissa : mantissa, scale, plan.nonNegative[metric] === 1 && mantissa === 0);
      rows++;
    }
    kept = last ? 0 : buf.length - pos;
    if (kept) buffer.copy(buffer, 0, pos, buf.length);
    if (onProgress) onProgress(read, endAt - startAt, rows);
    if (last) break;
  }
  if (!cols) return null;
  const n = sums.size;
  return {
    sums,
    slots: n,
    leaf: leafOf.subarray(0, n),
    period: periodOf.subarray(0, n),
    metric: metricOf.subarray(0, n),
    unit: unitOf.subarray(0, n),
    line: lineOf.subarray(0, n),
    column: columnOf.subarray(0, n),
    grouped: groupedOf.subarray(0, n),
    seen: seenOf.subarray(0, n),
    rows,
    lines: line,
  };
}
