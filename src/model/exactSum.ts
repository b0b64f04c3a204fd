// Exact sums of printed decimals without a Decimal object per row: per slot, the integer mantissa at the slot's
// scale (the most decimals seen), held in a float while it is an exact integer (below 2^53) and spilled to a
// BigInt before it could stop being one; likewise the rounding half-widths, counted in half-units of the
// slot's last decimal. Converted to Decimal once per slot. Pure; the streaming reader fills it.
import { Dec } from "./decimal.js";

const SAFE = 2 ** 53;
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i); // exact as doubles up to 10^22

export interface SlotTotal {
  value: Dec;
  lo: Dec;
  hi: Dec;
  scale: number;
  rows: number;
}

export interface ExactSumsState {
  size: number;
  sum: Float64Array;
  hwHi: Float64Array;
  hwLo: Float64Array;
  scale: Int8Array;
  count: Int32Array;
  big: Map<number, [bigint, bigint, bigint]>;
}

export class ExactSums {
  private sum: Float64Array;
  private hwHi: Float64Array;
  private hwLo: Float64Array;
  private scale: Int8Array;
  private count: Int32Array;
  /** Spilled parts: slot → [sum, hwHi, hwLo] as BigInts at the slot's scale. */
  private big = new Map<number, [bigint, bigint, bigint]>();
  size = 0;

  constructor(capacity = 1024) {
    this.sum = new Float64Array(capacity);
    this.hwHi = new Float64Array(capacity);
    this.hwLo = new Float64Array(capacity);
    this.scale = new Int8Array(capacity);
    this.count = new Int32Array(capacity);
  }

  /** A new empty slot; its index. */
  open(): number {
    if (this.size === this.sum.length) this.grow();
    return this.size++;
  }

  /** Room for `n` slots in all, made once (merging a known number of slots). */
  reserve(n: number): void {
    if (n > this.sum.length) this.grow(n);
  }

  private grow(to?: number): void {
    const n = to ?? Math.max(16, this.sum.length * 2);
    const copy = <T extends Float64Array | Int8Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.sum = copy(this.sum, (k) => new Float64Array(k));
    this.hwHi = copy(this.hwHi, (k) => new Float64Array(k));
    this.hwLo = copy(this.hwLo, (k) => new Float64Array(k));
    this.scale = copy(this.scale, (k) => new Int8Array(k));
    this.count = copy(this.count, (k) => new Int32Array(k));
  }

  private spill(slot: number): void {
    const b = this.big.get(slot) ?? [0n, 0n, 0n];
    this.big.set(slot, [
      b[0] + BigInt(this.sum[slot]!),
      b[1] + BigInt(this.hwHi[slot]!),
      b[2] + BigInt(this.hwLo[slot]!),
    ]);
    this.sum[slot] = 0;
    this.hwHi[slot] = 0;
    this.hwLo[slot] = 0;
  }

  /** Raise a slot's scale to `s` (the parts already summed are multiplied by the power of ten). */
  private rescale(slot: number, s: number): void {
    const k = s - this.scale[slot]!;
    const f = 10n ** BigInt(k);
    this.spill(slot);
    const b = this.big.get(slot)!;
    this.big.set(slot, [b[0] * f, b[1] * f, b[2] * f]);
    this.scale[slot] = s;
  }

  /**
   * Adds one printed value: `mantissa` × 10^-`scale` (an integer below 2^53 in magnitude: at most 15 digits).
   * `clampedLow`: the row's interval stops at zero (a zero value of a quantity that cannot be negative).
   */
  add(slot: number, mantissa: number, scale: number, clampedLow: boolean): void {
    if (scale > this.scale[slot]!) {
      if (this.count[slot] === 0) this.scale[slot] = scale;
      else this.rescale(slot, scale);
    }
    const k = this.scale[slot]! - scale;
    if (k > 22) return this.addBig(slot, BigInt(mantissa), scale, clampedLow);
    const m = mantissa * POW10[k]!;
    const h = POW10[k]!;
    if (Math.abs(m) >= SAFE || Math.abs(this.sum[slot]!) + Math.abs(m) >= SAFE || this.hwHi[slot]! + h >= SAFE) {
      if (Math.abs(m) >= SAFE) return this.addBig(slot, BigInt(mantissa), scale, clampedLow);
      this.spill(slot);
    }
    this.sum[slot] = this.sum[slot]! + m;
    this.hwHi[slot] = this.hwHi[slot]! + h;
    if (!clampedLow) this.hwLo[slot] = this.hwLo[slot]! + h;
    this.count[slot] = this.count[slot]! + 1;
  }

  /** Adds a value whose mantissa does not fit a float exactly (more than 15 digits). */
  addBig(slot: number, mantissa: bigint, scale: number, clampedLow: boolean): void {
    if (scale > this.scale[slot]!) {
      if (this.count[slot] === 0) this.scale[slot] = scale;
      else this.rescale(slot, scale);
    }
    const f = 10n ** BigInt(this.scale[slot]! - scale);
    const b = this.big.get(slot) ?? [0n, 0n, 0n];
    this.big.set(slot, [b[0] + mantissa * f, b[1] + f, clampedLow ? b[2] : b[2] + f]);
    this.count[slot] = this.count[slot]! + 1;
  }

  /** Adds everything in another accumulator's slot (a site's total into its region's). */
  merge(slot: number, from: ExactSums, fromSlot: number): void {
    const fs = from.scale[fromSlot]!;
    if (fs > this.scale[slot]!) {
      if (this.count[slot] === 0 && !this.big.has(slot)) this.scale[slot] = fs;
      else this.rescale(slot, fs);
    }
    const k = this.scale[slot]! - fs;
    const fb = from.big.get(fromSlot);
    const m = from.sum[fromSlot]!,
      h = from.hwHi[fromSlot]!,
      l = from.hwLo[fromSlot]!;
    const p = k <= 15 ? POW10[k]! : 0;
    const fits = !fb && p !== 0 && Math.abs(m * p) < SAFE && h * p < SAFE;
    if (fits) {
      if (Math.abs(this.sum[slot]!) + Math.abs(m * p) >= SAFE || this.hwHi[slot]! + h * p >= SAFE) this.spill(slot);
      this.sum[slot] = this.sum[slot]! + m * p;
      this.hwHi[slot] = this.hwHi[slot]! + h * p;
      this.hwLo[slot] = this.hwLo[slot]! + l * p;
    } else {
      const f = 10n ** BigInt(k);
      const b = this.big.get(slot) ?? [0n, 0n, 0n];
      this.big.set(slot, [
        b[0] + ((fb?.[0] ?? 0n) + BigInt(m)) * f,
        b[1] + ((fb?.[1] ?? 0n) + BigInt(h)) * f,
        b[2] + ((fb?.[2] ?? 0n) + BigInt(l)) * f,
      ]);
    }
    this.count[slot] = this.count[slot]! + from.count[fromSlot]!;
  }

  /**
   * Its arrays as they are (room past `size` included), for handing to another thread: transferred, not copied
   * (the BigInt parts travel by structured clone). The accumulator must not be used afterwards.
   */
  exportState(): ExactSumsState {
    return {
      size: this.size,
      sum: this.sum,
      hwHi: this.hwHi,
      hwLo: this.hwLo,
      scale: this.scale,
      count: this.count,
      big: this.big,
    };
  }

  /** An accumulator over a state's arrays, taken as they are. */
  static fromState(state: ExactSumsState): ExactSums {
    const s = new ExactSums(0);
    s.sum = state.sum;
    s.hwHi = state.hwHi;
    s.hwLo = state.hwLo;
    s.scale = state.scale;
    s.count = state.count;
    s.big = state.big;
    s.size = state.size;
    return s;
  }

  /** Slot `from`'s sums moved to slot `to` (an earlier one, whose own were merged elsewhere); `from` is left as it was. */
  move(from: number, to: number): void {
    this.sum[to] = this.sum[from]!;
    this.hwHi[to] = this.hwHi[from]!;
    this.hwLo[to] = this.hwLo[from]!;
    this.scale[to] = this.scale[from]!;
    this.count[to] = this.count[from]!;
    const b = this.big.get(from);
    if (b) this.big.set(to, b);
    else this.big.delete(to);
  }

  /** Only the first `n` slots kept: the slots dropped are emptied, as new ones are. */
  truncate(n: number): void {
    if (n >= this.size) return;
    for (const slot of this.big.keys()) if (slot >= n) this.big.delete(slot);
    for (const a of [this.sum, this.hwHi, this.hwLo, this.scale, this.count]) a.fill(0, n, this.size);
    this.size = n;
  }

  /**
   * The same total and interval as integers at one more decimal than the slot's (total's `value`, `lo` and `hi`,
   * each × 10^-scale), without a Decimal.
   */
  scaled(slot: number): { value: bigint; lo: bigint; hi: bigint; scale: number } {
    const b = this.big.get(slot);
    const sum = (b ? b[0] + BigInt(this.sum[slot]!) : BigInt(this.sum[slot]!)) * 10n;
    const hi = b ? b[1] + BigInt(this.hwHi[slot]!) : BigInt(this.hwHi[slot]!);
    const lo = b ? b[2] + BigInt(this.hwLo[slot]!) : BigInt(this.hwLo[slot]!);
    return { value: sum, lo: sum - lo * 5n, hi: sum + hi * 5n, scale: this.scale[slot]! + 1 };
  }

  /** The slot's exact total and interval: Σ values, Σ (value ± half a unit of its last printed decimal). */
  total(slot: number): SlotTotal {
    const s = this.scale[slot]!;
    const b = this.big.get(slot);
    const sum = b ? b[0] + BigInt(this.sum[slot]!) : BigInt(this.sum[slot]!);
    const hi = b ? b[1] + BigInt(this.hwHi[slot]!) : BigInt(this.hwHi[slot]!);
    const lo = b ? b[2] + BigInt(this.hwLo[slot]!) : BigInt(this.hwLo[slot]!);
    // Built from digit strings: one parse per figure, no division (a half-unit is 5 at one more decimal).
    return {
      value: new Dec(scaled(sum, s)),
      hi: new Dec(scaled(sum * 10n + hi * 5n, s + 1)),
      lo: new Dec(scaled(sum * 10n - lo * 5n, s + 1)),
      scale: s,
      rows: this.count[slot]!,
    };
  }
}

/** The decimal text of `n` × 10^-`scale`. */
function scaled(n: bigint, scale: number): string {
  if (scale === 0) return n.toString();
  const negative = n < 0n;
  const digits = (negative ? -n : n).toString().padStart(scale + 1, "0");
  return `${negative ? "-" : ""}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}
