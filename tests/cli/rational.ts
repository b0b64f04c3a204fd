// Exact rationals over BigInt for the tests' second calculations: none of the tool's code, no decimal.js.

/** Exact rationals: enough arithmetic for a second calculation. */
export class Q {
  constructor(
    readonly n: bigint,
    readonly d: bigint = 1n,
  ) {
    if (d === 0n) throw new Error("division by zero");
  }
  static of(text: string): Q {
    const [w, f = ""] = text.replace(/,/g, "").split(".");
    return new Q(BigInt(w + f), 10n ** BigInt(f.length));
  }
  plus(o: Q) {
    return new Q(this.n * o.d + o.n * this.d, this.d * o.d);
  }
  minus(o: Q) {
    return new Q(this.n * o.d - o.n * this.d, this.d * o.d);
  }
  times(o: Q) {
    return new Q(this.n * o.n, this.d * o.d);
  }
  div(o: Q) {
    return new Q(this.n * o.d * (o.n < 0n ? -1n : 1n), this.d * (o.n < 0n ? -o.n : o.n));
  }
  lt(o: Q) {
    return this.n * o.d < o.n * this.d;
  }
  /** Rounded down / up (non-negative values) to `places` decimals, as text: the tool rounds intervals outward. */
  down(places: number): string {
    return new Q((this.n * 10n ** BigInt(places)) / this.d, 10n ** BigInt(places)).fixed(places);
  }
  up(places: number): string {
    return new Q((this.n * 10n ** BigInt(places) + this.d - 1n) / this.d, 10n ** BigInt(places)).fixed(places);
  }
  /** Rounded half-up (non-negative values) to `places` decimals, as text. */
  fixed(places: number): string {
    const neg = this.n < 0n;
    const n = neg ? -this.n : this.n;
    const scaled = (n * 10n ** BigInt(places) * 2n + this.d) / (2n * this.d);
    const s = scaled.toString().padStart(places + 1, "0");
    return `${neg ? "-" : ""}${places ? `${s.slice(0, -places)}.${s.slice(-places)}` : s}`;
  }
}
