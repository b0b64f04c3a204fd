// The streaming reader's accumulator against decimal.js: for any rows — many decimals, huge values, negative
// corrections, zeros of quantities that cannot be negative — the slot's total and interval are exactly what
// adding each row as a Decimal gives. Seeded, so a failure reproduces.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Dec, halfUnit } from "../../src/model/decimal.js";
import { ExactSums } from "../../src/model/exactSum.js";

/** A printed value: digits and a scale; `big` allows up to 30 digits (beyond what a float holds exactly). */
const printed = (big: boolean) =>
  fc.record({
    digits: big
      ? fc.bigInt({ min: -(10n ** 30n) + 1n, max: 10n ** 30n - 1n })
      : fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }).map(BigInt),
    scale: fc.integer({ min: 0, max: big ? 12 : 6 }),
  });

function reference(rows: { digits: bigint; scale: number }[], nonNegative: boolean) {
  let value = new Dec(0),
    lo = new Dec(0),
    hi = new Dec(0);
  for (const r of rows) {
    const v = new Dec(r.digits.toString()).div(new Dec(10).pow(r.scale));
    const h = halfUnit(r.scale);
    value = value.plus(v);
    hi = hi.plus(v.plus(h));
    lo = lo.plus(nonNegative ? Dec.max(v.minus(h), 0) : v.minus(h));
  }
  return { value, lo, hi, scale: Math.max(0, ...rows.map((r) => r.scale)) };
}

/** Adds rows to a slot the way the streaming reader does: a float mantissa when it is exact, else a BigInt. */
function fill(sums: ExactSums, slot: number, rows: { digits: bigint; scale: number }[], nonNegative: boolean): void {
  for (const r of rows) {
    const clamped = nonNegative && r.digits === 0n;
    const abs = r.digits < 0n ? -r.digits : r.digits;
    if (abs < 2n ** 53n) sums.add(slot, Number(r.digits), r.scale, clamped);
    else sums.addBig(slot, r.digits, r.scale, clamped);
  }
}

function accumulate(rows: { digits: bigint; scale: number }[], nonNegative: boolean) {
  const sums = new ExactSums(2);
  const slot = sums.open();
  fill(sums, slot, rows, nonNegative);
  return sums.total(slot);
}

const same = (a: { value: Dec; lo: Dec; hi: Dec; scale: number }, b: { value: Dec; lo: Dec; hi: Dec; scale: number }) =>
  a.value.eq(b.value) && a.lo.eq(b.lo) && a.hi.eq(b.hi) && a.scale === b.scale;

describe("ExactSums", () => {
  it("equals Decimal addition for values a float holds exactly, with negative corrections", () => {
    fc.assert(
      fc.property(fc.array(printed(false), { minLength: 1, maxLength: 200 }), (rows) =>
        same(accumulate(rows, false), reference(rows, false)),
      ),
      { seed: 20261126, numRuns: 300 },
    );
  });

  it("equals Decimal addition for up to 30 digits and 12 decimals (spilled to BigInt)", () => {
    fc.assert(
      fc.property(fc.array(printed(true), { minLength: 1, maxLength: 60 }), (rows) =>
        same(accumulate(rows, false), reference(rows, false)),
      ),
      { seed: 7, numRuns: 300 },
    );
  });

  it("clamps zeros of quantities that cannot be negative at zero, like the per-row interval", () => {
    const nonNeg = fc.array(
      fc.record({
        digits: fc.oneof(fc.constant(0n), fc.bigInt({ min: 1n, max: 10n ** 14n })),
        scale: fc.integer({ min: 0, max: 4 }),
      }),
      { minLength: 1, maxLength: 100 },
    );
    fc.assert(
      fc.property(nonNeg, (rows) => same(accumulate(rows, true), reference(rows, true))),
      { seed: 42, numRuns: 300 },
    );
  });

  it("stays exact past 2^53 in the running sum: a million rows of 9,007,199,254.740991", () => {
    const sums = new ExactSums();
    const slot = sums.open();
    for (let i = 0; i < 1_000_000; i++) sums.add(slot, 9007199254740991, 6, false);
    // 9007199254740991 × 10^6 = 9007199254740991000000, at scale 6
    expect(sums.total(slot).value.toFixed()).toBe("9007199254740991");
    expect(sums.total(slot).rows).toBe(1_000_000);
    // half-width: 10^6 rows × 0.0000005 = 0.5
    expect(sums.total(slot).hi.minus(sums.total(slot).value).toFixed()).toBe("0.5");
  });

  it("merging slots (sites into their region) equals adding all their rows as Decimals", () => {
    const groups = fc.array(fc.array(printed(true), { minLength: 1, maxLength: 20 }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(groups, fc.boolean(), (sites, nonNegative) => {
        const rowsOf = sites.map((rows) =>
          nonNegative ? rows.map((r) => ({ ...r, digits: r.digits < 0n ? -r.digits : r.digits })) : rows,
        );
        const each = new ExactSums(2);
        const region = new ExactSums(2);
        const target = region.open();
        for (const rows of rowsOf) {
          const slot = each.open();
          fill(each, slot, rows, nonNegative);
          region.merge(target, each, slot);
        }
        return same(region.total(target), reference(rowsOf.flat(), nonNegative));
      }),
      { seed: 99, numRuns: 200 },
    );
  });

  it("moving slots down and truncating (a second byte range's slots, folded) keeps each slot's rows, BigInt parts included", () => {
    const sites = fc.array(fc.array(printed(true), { minLength: 1, maxLength: 12 }), { minLength: 2, maxLength: 10 });
    fc.assert(
      fc.property(sites, fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }), (rowsOf, drop) => {
        const sums = new ExactSums(2);
        for (const rows of rowsOf) fill(sums, sums.open(), rows, false);
        // Slots marked to drop are skipped and the others moved down in order, as foldSecond does.
        const kept: number[] = [];
        rowsOf.forEach((_, s) => {
          if (drop[s]) return;
          if (kept.length !== s) sums.move(s, kept.length);
          kept.push(s);
        });
        sums.truncate(kept.length);
        return (
          sums.size === kept.length &&
          kept.every((from, to) => same(sums.total(to), reference(rowsOf[from]!, false))) &&
          // A slot past the kept ones, opened again, starts empty (no BigInt part left behind).
          (() => {
            const again = sums.open();
            sums.add(again, 1, 0, false);
            return sums.total(again).value.eq(1);
          })()
        );
      }),
      { seed: 1203, numRuns: 200 },
    );
  });

  it("scaled() is total() as integers at one more decimal", () => {
    fc.assert(
      fc.property(fc.array(printed(true), { minLength: 1, maxLength: 40 }), fc.boolean(), (rows, nonNegative) => {
        const sums = new ExactSums(2);
        const slot = sums.open();
        fill(sums, slot, rows, nonNegative);
        const t = sums.total(slot);
        const x = sums.scaled(slot);
        const at = (n: bigint) => new Dec(`${n}e-${x.scale}`);
        return x.scale === t.scale + 1 && at(x.value).eq(t.value) && at(x.lo).eq(t.lo) && at(x.hi).eq(t.hi);
      }),
      { seed: 4242, numRuns: 300 },
    );
  });

  it("raises a slot's scale when a row has more decimals than the rows before it", () => {
    const sums = new ExactSums();
    const slot = sums.open();
    sums.add(slot, 12, 0, false); // 12
    sums.add(slot, 3456, 3, false); // 3.456
    const t = sums.total(slot);
    expect([t.value.toFixed(), t.scale, t.lo.toFixed(), t.hi.toFixed()]).toEqual(["15.456", 3, "14.9555", "15.9565"]);
  });
});
