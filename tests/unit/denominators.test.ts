// src/reconcile/denominators.ts on its own: for each published intensity, the denominators its printed precision
// allows (numerator interval ÷ published interval), their intersection, and which declared denominators fit.
// Worked by hand over fixtures/hostile/cause-denominator-ambiguous (one intensity, three declared revenues) and
// small variations of the used denominator.
import { describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { Dec } from "../../src/model/decimal.js";
import type { Denominator } from "../../src/model/types.js";
import { analyseDenominators } from "../../src/reconcile/denominators.js";
import { result } from "./renderFixtures.js";

const dir = fileURLToPath(new URL("../../fixtures/hostile/cause-denominator-ambiguous", import.meta.url));
const r = () => result(dir, { recalculation: false, implied: false, boundary: false, denominators: true });
const six = (d: Dec) => d.toDecimalPlaces(6, Dec.ROUND_HALF_UP).toFixed(6);

// The group's total GHG: 1,804.7 + 491.2 from four printed inputs of one decimal each (120.4 + 1,684.3 and
// 35.0 + 456.2), so 2,295.9 ± 0.2 = [2,295.7, 2,296.1]. The printed 1.85 stands for [1.845, 1.855]. The implied
// denominators: [2,295.7 ÷ 1.855, 2,296.1 ÷ 1.845] = [1,237.574124, 1,244.498645].
// Declared: revenue 1,236.4 → [1,236.35, 1,236.45] (outside); revenue-rounded 12.4億元 → 1,240 ± 5 = [1,235, 1,245]
// (overlaps); revenue-draft 1,241 → [1,240.5, 1,241.5] (inside).
describe("analyseDenominators", () => {
  it("one intensity: the interval it implies and the declared denominators consistent with it", () => {
    const { dataset, table, denominator } = r();
    const declared = dataset.denominators;
    const a = analyseDenominators(dataset, table, declared, denominator);
    expect(a.intensities).toHaveLength(1);
    const i = a.intensities[0]!;
    expect(i.metric).toBe("ghg.intensity");
    expect(i.published).toBe("1.85");
    expect([six(i.interval!.lo), six(i.interval!.hi)]).toEqual(["1237.574124", "1244.498645"]);
    expect(i.consistentWith).toEqual(["revenue-rounded", "revenue-draft"]);
    // with one intensity the intersection is its interval
    expect([six(a.intersection!.lo), six(a.intersection!.hi)]).toEqual(["1237.574124", "1244.498645"]);
    expect(a.denominators.map((d) => [d.id, d.consistentWith, d.inconsistentWith])).toEqual([
      ["revenue", [], ["ghg.intensity"]],
      ["revenue-rounded", ["ghg.intensity"], []],
      ["revenue-draft", ["ghg.intensity"], []],
    ]);
  });

  it("the denominator in use is listed even when it is not among the declared ones (a --revenue given on the command line)", () => {
    const { dataset, table } = r();
    const typed: Denominator = {
      ...dataset.denominators[0]!,
      id: "cli",
      printed: "1,240",
      value: new Dec(1240),
      interval: { lo: new Dec(1240), hi: new Dec(1240) },
    };
    const a = analyseDenominators(dataset, table, dataset.denominators, typed);
    expect(a.denominators.map((d) => d.id)).toEqual(["revenue", "revenue-rounded", "revenue-draft", "cli"]);
    expect(a.denominators.at(-1)!.consistentWith).toEqual(["ghg.intensity"]);
    // a declared one in use is not listed twice
    expect(
      analyseDenominators(dataset, table, dataset.denominators, dataset.denominators[1]!).denominators,
    ).toHaveLength(3);
    // none in use: the declared ones
    expect(analyseDenominators(dataset, table, dataset.denominators, null).denominators).toHaveLength(3);
  });

  it("no declared denominator: the intensities are still analysed, none is consistent", () => {
    const { dataset, table } = r();
    const a = analyseDenominators(dataset, table, [], null);
    expect(a.denominators).toEqual([]);
    expect(a.intensities[0]!.consistentWith).toEqual([]);
    expect(a.intensities[0]!.interval).not.toBeNull();
  });

  it("a published intensity of zero implies no denominator (the interval would reach infinity)", () => {
    const { dataset, table } = r();
    const rows = dataset.tables[0]!.rows.map((row) =>
      row.metric !== "ghg.intensity"
        ? row
        : {
            ...row,
            cells: row.cells.map((c) =>
              c.column !== "group" || c.value.kind !== "number"
                ? c
                : {
                    ...c,
                    text: "0.00",
                    value: {
                      kind: "number" as const,
                      number: { ...c.value.number, text: "0.00", value: new Dec(0), scale: 2 },
                    },
                  },
            ),
          },
    );
    const zeroed = { ...dataset, tables: [{ ...dataset.tables[0]!, rows }] };
    const a = analyseDenominators(zeroed, table, dataset.denominators, null);
    expect(a.intensities.map((i) => [i.published, i.interval, i.consistentWith])).toEqual([["0.00", null, []]]);
    expect(a.intersection).toBeNull();
    expect(a.denominators.map((d) => [d.consistentWith, d.inconsistentWith])).toEqual([
      [[], []],
      [[], []],
      [[], []],
    ]);
  });

  it('an intensity the group column prints as "/" (or leaves blank) implies nothing: it is not listed', () => {
    const { dataset, table } = r();
    for (const value of [{ kind: "not-applicable" as const }, { kind: "blank" as const }]) {
      const rows = dataset.tables[0]!.rows.map((row) =>
        row.metric !== "ghg.intensity"
          ? row
          : { ...row, cells: row.cells.map((c) => (c.column !== "group" ? c : { ...c, text: "/", value })) },
      );
      const a = analyseDenominators({ ...dataset, tables: [{ ...dataset.tables[0]!, rows }] }, table, [], null);
      expect(a.intensities).toEqual([]);
      expect(a.intersection).toBeNull();
    }
  });
});
