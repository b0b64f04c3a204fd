// Scope 2 both ways: the factor kinds the market-based recalculation adds (src/model/factors.ts), the pins that
// choose them (src/model/factorPlan.ts), what a unit gets when the dataset pins no residual mix, and the checks of
// src/reconcile/scope2.ts (instruments above a unit's electricity, a missing market-based figure under ESRS).
// Every dataset the checks read is built (and recomputed) inside its `it`, so that the mutation run sees which test
// reaches which line of scope2.ts.
import { describe, expect, it } from "vitest";
import type { Recalculation } from "../../src/compute/recalculate.js";
import type { Finding } from "../../src/findings/finding.js";
import { parseCsv } from "../../src/io/csv.js";
import { loadLibrary } from "../../src/io/factors.js";
import { loadCatalogue } from "../../src/io/reference.js";
import { publishedCell } from "../../src/model/columns.js";
import { Dec } from "../../src/model/decimal.js";
import { FACTOR_SOURCES, planFactors, type Library } from "../../src/model/factorPlan.js";
import { buildFactors } from "../../src/model/factors.js";
import {
  instrumentExcesses,
  instrumentExcessFindings,
  marketBasedMissing,
  withoutExcesses,
  type InstrumentExcess,
} from "../../src/reconcile/scope2.js";
import { memoryDataset } from "./memoryDataset.js";

const catalogue = loadCatalogue();
if (!catalogue.ok) throw new Error(JSON.stringify(catalogue.errors));
const cat = catalogue.value;
const builtIn = loadLibrary(cat);
if (!builtIn.ok) throw new Error(JSON.stringify(builtIn.errors));

const HEADER = "id,kind,activity,value,low,high,unit,region,year,document,issuer,date,attribution,note";
const factors = (rows: string[]) => {
  const t = parseCsv([HEADER, ...rows].join("\n") + "\n", "f.csv");
  if (!t.ok) throw new Error(JSON.stringify(t.errors));
  return buildFactors([t.value], cat);
};
const errorsOf = (rows: string[]) => {
  const r = factors(rows);
  return r.ok ? [] : r.errors.map((e) => `${e.code}: ${e.message}`);
};

describe("factor kinds of market-based scope 2", () => {
  it("an instrument's factor may be 0, and a zero is exactly zero (not ± half a digit)", () => {
    const r = factors(["go,instrument,certificates,0,,,tCO2/MWh,EU,2024,a certificate,,,uncertain,"]);
    expect(r.ok).toBe(true);
    const f = r.ok ? r.value[0]! : null;
    expect([f!.base.lo.toFixed(), f!.base.hi.toFixed()]).toEqual(["0", "0"]);
  });

  it("a residual mix and a supplier factor are for electricity, above zero", () => {
    expect(
      errorsOf([
        "rm,residual_mix,electricity,0.620,,,tCO2/MWh,DE,2024,a residual mix,,,uncertain,",
        "sup,supplier,electricity,0.250,,,kgCO2/kWh,DE,2024,a supplier label,,,uncertain,",
      ]),
    ).toEqual([]);
    expect(errorsOf(["rm,residual_mix,diesel,0.620,,,tCO2/MWh,DE,2024,x,,,uncertain,"])).toEqual([
      "factor-invalid: a residual-mix factor is for electricity, not diesel",
    ]);
    expect(errorsOf(["rm,residual_mix,electricity,0,,,tCO2/MWh,DE,2024,x,,,uncertain,"])).toEqual([
      "factor-invalid: a residual-mix emission factor of electricity must be above zero",
    ]);
    expect(errorsOf(["g,grid,electricity,0,,,tCO2/MWh,DE,2024,x,,,uncertain,"])).toEqual([
      "factor-invalid: a grid emission factor of purchased electricity must be above zero",
    ]);
  });

  it("an instrument's factor is filed under the instrument, in emissions per energy", () => {
    expect(errorsOf(["i,instrument,electricity,0,,,tCO2/MWh,EU,2024,x,,,uncertain,"])).toEqual([
      "factor-invalid: an instrument's factor is filed under the instrument (certificates, green_power, ppa), not electricity",
    ]);
    expect(errorsOf(["i,instrument,ppa,0.1,,,MWh/t,EU,2024,x,,,uncertain,"])[0]).toMatch(/^unit-mismatch:/);
  });
});

describe("pins of market-based scope 2", () => {
  const { dataset } = memoryDataset(cat, {
    id: "pins",
    units: [
      { id: "a", label: "A" },
      { id: "b", label: "B" },
    ],
    published: "label,unit,A,B,Group\nPurchased electricity,MWh,100.0,50.0,150.0\n",
    activity: {
      "energy.csv":
        "facility,metric,value,unit\na,energy.purchased_electricity,100.0,MWh\nb,energy.purchased_electricity,50.0,MWh\n",
    },
  });
  const extra = factors([
    "rm,residual_mix,electricity,0.620,,,tCO2/MWh,DE,2023,x,,,uncertain,",
    "go,instrument,certificates,0,,,tCO2/MWh,EU,2023,x,,,uncertain,",
  ]);
  if (!extra.ok) throw new Error("factors");
  const library = { ...builtIn.value, factors: [...builtIn.value.factors, ...extra.value] };
  const plan = (pins: Record<string, unknown>) => planFactors({ ...dataset, factorPins: pins as never }, library, null);
  const codes = (pins: Record<string, unknown>) => {
    const p = plan(pins);
    return p.ok ? [] : p.errors.map((e) => `${e.code}: ${e.message}`);
  };

  it("residualMixByFacility and instruments resolve; an unpinned unit takes its grid factor for the rest", () => {
    const p = plan({ residualMixByFacility: { a: "rm" }, instruments: { certificates: "go" } });
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    expect(p.value.residual.get("a")?.id).toBe("rm");
    expect(p.value.residual.has("b")).toBe(false);
    expect(p.value.instruments.get("certificates")?.id).toBe("go");
    expect(p.value.pinned).toEqual(["residualMix.a", "instruments.certificates"]);
    const rest = (unit: string) =>
      FACTOR_SOURCES.residual.chain(p.value, p.value.method, "electricity", unit)!.factors[0]!.id;
    expect(rest("a")).toBe("rm");
    // FY2023: the library's default grid factor for 2023
    expect(rest("b")).toBe(builtIn.value.rules.defaults.grid["2023"]);
  });

  it("refuses a residual pin of another kind, an unknown instrument, an instrument pin of another kind, an unknown unit", () => {
    expect(codes({ residualMix: "go" })).toEqual([
      'factor-unknown: factors.residualMix: factor "go" is of kind instrument, not residual_mix, supplier or grid',
    ]);
    expect(codes({ instruments: { rec: "go" } })).toEqual([
      'factor-unknown: factors.instruments names "rec", which is not a contractual instrument the recalculation knows',
    ]);
    expect(codes({ instruments: { ppa: "rm" } })).toEqual([
      'factor-unknown: factors.instruments.ppa: factor "rm" is a residual_mix factor, not instrument',
    ]);
    expect(codes({ residualMixByFacility: { c: "rm" } })).toEqual([
      'facility-unknown: factors.residualMixByFacility names "c", which is not a reporting unit',
    ]);
  });
});

describe("China's factor excluding market-traded non-fossil electricity (library)", () => {
  it("is a residual_mix row of 0.5856 kgCO2/kWh for 2022, uncertain (read in secondary reports only), never a default", () => {
    const f = builtIn.value.factors.find((x) => x.id === "cn_residual_national_2022_mee_nbs")!;
    expect([f.kind, f.activity, f.value.text, f.unit, f.year, f.attribution]).toEqual([
      "residual_mix",
      "electricity",
      "0.5856",
      "kgCO2/kWh",
      2022,
      "uncertain",
    ]);
    // the announcement's annex table was not read: the note says so, and names the secondary reports it rests on
    expect(f.note).toContain("annex table");
    expect(f.note).toContain("secondary reports only");
    expect(f.note).toContain("daydaynews.cc/zh-hant/finance/3899452.html");
    expect(f.document).toContain("公告2024年第33号");
    expect(f.issuer).toBe("生态环境部、国家统计局");
    // 0.5856 kgCO2/kWh = 0.5856 tCO2/MWh (× 1000 / 1000), ± half its last digit
    expect([f.base.lo.toFixed(), f.base.hi.toFixed()]).toEqual(["0.58555", "0.58565"]);
    // beside the national average of the same announcement, which stays the 2022 default
    expect(builtIn.value.factors.find((x) => x.id === "cn_grid_national_2022_mee_nbs")!.value.text).toBe("0.5366");
    expect(Object.values(builtIn.value.rules.defaults.grid)).not.toContain(f.id);
  });
});

// The built-in rules (data/factors/recalculations.json, scope2Market): instruments certificates, green_power and ppa,
// filed as energy.electricity.certificates, .green_power and .ppa; purchased electricity is
// energy.purchased_electricity; the market-based figure is ghg.scope2.market.
const withoutMarketBased = (): Library => ({
  ...builtIn.value,
  rules: { ...builtIn.value.rules, scope2Market: undefined },
});
const units = (ids: string) => ids.split("").map((id) => ({ id, label: id.toUpperCase() }));
const energyCsv = (rows: string[]) => ["facility,metric,value,unit", ...rows].join("\n") + "\n";
const excessText = (x: InstrumentExcess) =>
  `${x.facility}: ${x.instruments.toFixed()} > ${x.electricity.toFixed()} (${x.kinds.join(" ")})`;

describe("instrumentExcesses: units whose instruments exceed their purchased electricity beyond rounding", () => {
  it("compares Σ instruments' lower bound with electricity's upper bound, unit by unit (leaves only)", () => {
    // Each figure with one decimal stands for ± 0.05. Per unit, by hand:
    //   a: certificates 500.0 against 320.0: 499.95 > 320.05                       → excess 500 > 320
    //   b: certificates 200.0 + ppa 150.0 = 350.0 against 320.0: 349.90 > 320.05   → excess 350 > 320, both named
    //   c: certificates 320.1 against 320.0: 320.05 is not above 320.05            → within rounding, none
    //   d: green_power 320.2 against 320.0: 320.15 > 320.05                        → excess 320.2 > 320
    //   e: ppa 20.0 and no purchased electricity (taken as 0): 19.95 > 0           → excess 20 > 0
    //   f: electricity 320.0 and no instrument                                     → nothing to compare
    //   g: certificates 100.0 against 320.0                                        → none
    // The group column sums them (it is not a unit that buys electricity) and is not looked at.
    const { dataset, table } = memoryDataset(cat, {
      id: "excess",
      units: units("abcdefg"),
      published:
        "label,unit,A,B,C,D,E,F,G,Group\nPurchased electricity,MWh,320.0,320.0,320.0,320.0,/,320.0,320.0,1920.0\n",
      activity: {
        "energy.csv": energyCsv([
          "a,energy.purchased_electricity,320.0,MWh",
          "a,energy.electricity.certificates,500.0,MWh",
          "b,energy.purchased_electricity,320.0,MWh",
          "b,energy.electricity.certificates,200.0,MWh",
          "b,energy.electricity.ppa,150.0,MWh",
          "c,energy.purchased_electricity,320.0,MWh",
          "c,energy.electricity.certificates,320.1,MWh",
          "d,energy.purchased_electricity,320.0,MWh",
          "d,energy.electricity.green_power,320.2,MWh",
          "e,energy.electricity.ppa,20.0,MWh",
          "f,energy.purchased_electricity,320.0,MWh",
          "g,energy.purchased_electricity,320.0,MWh",
          "g,energy.electricity.certificates,100.0,MWh",
        ]),
      },
    });
    expect(instrumentExcesses(dataset, table, builtIn.value).map(excessText)).toEqual([
      "a: 500 > 320 (certificates)",
      "b: 350 > 320 (certificates ppa)",
      "d: 320.2 > 320 (green_power)",
      "e: 20 > 0 (ppa)",
    ]);
    // rules without market-based scope 2 know no instruments: nothing
    expect(instrumentExcesses(dataset, table, withoutMarketBased())).toEqual([]);
  });
});

describe("withoutExcesses: the market-based recalculations of those units are not made", () => {
  it("drops scope2-market at an over-covered unit only; other recipes there, and other units, stay", () => {
    const recalc = (check: string, facility: string) => ({ check, facility }) as Recalculation;
    const excess = (facility: string): InstrumentExcess => ({
      facility,
      instruments: new Dec(500),
      electricity: new Dec(320),
      kinds: ["certificates"],
    });
    const recalcs = [
      recalc("scope2", "a"),
      recalc("scope2-market", "a"),
      recalc("scope2-market", "b"),
      recalc("scope1", "b"),
      recalc("scope2-market", "c"),
    ];
    const kept = (excesses: InstrumentExcess[]) =>
      withoutExcesses(recalcs, excesses).map((r) => `${r.check}@${r.facility}`);
    expect(kept([excess("a"), excess("c")])).toEqual(["scope2@a", "scope2-market@b", "scope1@b"]);
    expect(kept([])).toEqual(["scope2@a", "scope2-market@a", "scope2-market@b", "scope1@b", "scope2-market@c"]);
  });
});

describe("instrumentExcessFindings: a material finding at the unit's market-based cell instead of a figure", () => {
  // Hand-made excesses (instrumentExcesses is tested above): what the findings say is all that is looked at here.
  const excesses: InstrumentExcess[] = [
    { facility: "a", instruments: new Dec("1234.5"), electricity: new Dec("320"), kinds: ["certificates", "ppa"] },
    { facility: "b", instruments: new Dec("20"), electricity: new Dec("0"), kinds: ["green_power"] },
  ];
  const catalogueName = (id: string, metric: string) => {
    const m = cat.metrics.find((x) => x.id === metric)!;
    return { id, labels: m.labels };
  };
  const build = (published: string) =>
    memoryDataset(cat, {
      id: "excess-findings",
      units: units("ab"),
      published,
      activity: { "energy.csv": energyCsv(["a,energy.purchased_electricity,320.0,MWh"]) },
    }).dataset;

  it("at a printed market-based cell: its text, number, decimals and place; the cause names unit, figures and instruments", () => {
    const dataset = build(
      "label,unit,A,B,Group\nScope 2,tCO2e,198.40,0.0,198.40\nMarket-based scope 2,tCO2e,0.00,/,0.00\n",
    );
    const [a, b, ...rest] = instrumentExcessFindings(dataset, builtIn.value, excesses);
    expect(rest).toEqual([]);
    const cellA = publishedCell(dataset, "ghg.scope2.market", "a")!;
    const cellB = publishedCell(dataset, "ghg.scope2.market", "b")!;
    // the market-based row is the table's second row: line 3 of published.csv
    expect([cellA.source.line, cellB.source.line, cellA.text, cellB.text]).toEqual([3, 3, "0.00", "/"]);
    const numberA = cellA.value.kind === "number" ? cellA.value.number : null;
    expect(numberA?.text).toBe("0.00");
    expect(a).toEqual({
      metric: "ghg.scope2.market",
      column: "a",
      kind: "recalculation",
      table: "published",
      unit: "tCO2e",
      key: "ghg.scope2.market/a/recalculation",
      status: "material",
      published: "0.00",
      publishedNumber: numberA,
      publishedInterval: null,
      recomputed: null,
      recomputedExact: null,
      recomputedInterval: null,
      relativeDifference: null,
      recomputedRounded: null,
      displayScale: 2, // "0.00": two decimals
      difference: null,
      source: cellA.source,
      recalculation: {
        check: "scope2-market",
        title: "phrase.recipe.scope2-market",
        metric: "ghg.scope2.market",
        facility: "a",
        value: new Dec(0),
        interval: { lo: new Dec(0), hi: new Dec(0) },
        terms: [],
        plus: [],
        method: null,
        alternatives: [],
      },
      causes: [
        {
          code: "instruments-exceed-consumption",
          message: {
            key: "cause.instruments-exceed-consumption",
            args: {
              facility: { id: "a", labels: { en: "A" } },
              // with one decimal and thousands grouped (MWh are printed so in the sentence)
              instruments: "1,234.5",
              electricity: "320.0",
              list: {
                items: [
                  catalogueName("certificates", "energy.electricity.certificates"),
                  catalogueName("ppa", "energy.electricity.ppa"),
                ],
                join: "phrase.join.comma",
              },
            },
          },
        },
      ],
    } satisfies Finding);
    expect(a!.publishedNumber?.scale).toBe(2);
    // "/" is not a number: nothing published as a figure, shown at one decimal (the default)
    expect(b).toMatchObject({
      column: "b",
      key: "ghg.scope2.market/b/recalculation",
      published: "/",
      publishedNumber: null,
      displayScale: 1,
      source: cellB.source,
    });
    expect(b!.causes[0]!.message).toMatchObject({
      args: {
        facility: { id: "b", labels: { en: "B" } },
        instruments: "20.0",
        electricity: "0.0",
        list: { items: [catalogueName("green_power", "energy.electricity.green_power")] },
      },
    });
  });

  it("without a market-based row: nothing published, placed at the start of the published table", () => {
    const dataset = build("label,unit,A,B,Group\nScope 2,tCO2e,198.40,0.0,198.40\n");
    const [a] = instrumentExcessFindings(dataset, builtIn.value, excesses);
    expect(a).toMatchObject({
      column: "a",
      table: "published",
      unit: "", // no row, no printed unit
      key: "ghg.scope2.market/a/recalculation",
      published: "",
      publishedNumber: null,
      displayScale: 1,
      source: { file: "published.csv", name: "published.csv", line: 1 },
    });
    expect(a!.source.column).toBeUndefined();
  });

  it("an instrument whose metric the catalogue lacks is named by its activity id alone", () => {
    // Only rules made up for the test can do this: the built-in ones name catalogue metrics.
    const dataset = build("label,unit,A,B,Group\nMarket-based scope 2,tCO2e,0.00,/,0.00\n");
    const rules = builtIn.value.rules;
    const made = {
      ...builtIn.value,
      rules: {
        ...rules,
        scope2Market: { ...rules.scope2Market!, instruments: [{ activity: "rec", metric: "energy.electricity.rec" }] },
      },
    };
    const [a] = instrumentExcessFindings(dataset, made, [{ ...excesses[0]!, kinds: ["rec"] }]);
    expect(a!.causes[0]!.message).toMatchObject({ args: { list: { items: ["rec"] } } });
  });

  it("rules without market-based scope 2: no finding, whatever is passed", () => {
    const dataset = build("label,unit,A,B,Group\nMarket-based scope 2,tCO2e,0.00,/,0.00\n");
    expect(instrumentExcessFindings(dataset, withoutMarketBased(), excesses)).toEqual([]);
    expect(instrumentExcessFindings(dataset, builtIn.value, [])).toEqual([]);
  });
});

describe("marketBasedMissing: under ESRS, location-based scope 2 needs a market-based figure beside it", () => {
  const build = (published: string, standards?: string[]) => {
    const { dataset } = memoryDataset(cat, {
      id: "missing",
      units: units("ab"),
      published,
      activity: { "energy.csv": energyCsv(["a,energy.purchased_electricity,320.0,MWh"]) },
    });
    return standards ? { ...dataset, standards } : dataset;
  };
  const show = (f: Finding) => {
    const args = (f.causes[0]!.message as { args: Record<string, unknown> }).args;
    return `${f.column} ${f.kind} ${f.status} "${f.published}" ${f.displayScale} ${f.causes[0]!.code} ${args.column}:${args.published}`;
  };

  it("one finding per column printing a location-based number where the market-based one is not a number", () => {
    // A prints " 121.60 " (spaces kept in the cell's text; two decimals) and "/" beside it; B prints 0.0 beside
    // 10.0: nothing to say; Group prints 131.6 and a blank beside it.
    const published = "label,unit,A,B,Group\nScope 2,tCO2e, 121.60 ,10.0,131.6\nMarket-based scope 2,tCO2e,/,0.0,\n";
    const dataset = build(published, ["ESRS"]);
    const found = marketBasedMissing(dataset, builtIn.value);
    expect(found.map(show)).toEqual([
      'a boundary incomplete "/" 2 market-based-missing a:121.60',
      'group boundary incomplete "" 1 market-based-missing group:131.6',
    ]);
    // at the market-based cell (key and source), in the market-based row's table and unit
    expect(found.map((f) => [f.metric, f.key, f.table, f.unit])).toEqual([
      ["ghg.scope2.market", "ghg.scope2.market/a/boundary", "published", "tCO2e"],
      ["ghg.scope2.market", "ghg.scope2.market/group/boundary", "published", "tCO2e"],
    ]);
    expect(found.map((f) => f.source)).toEqual([
      publishedCell(dataset, "ghg.scope2.market", "a")!.source,
      publishedCell(dataset, "ghg.scope2.market", "group")!.source,
    ]);
    expect(found[0]!.source.line).toBe(3);
    expect(found[0]!.causes[0]!.message.key).toBe("cause.market-based-missing");
    expect(found[0]).toMatchObject({
      publishedNumber: null,
      publishedInterval: null,
      recomputed: null,
      difference: null,
    });
  });

  it("without a market-based row: every column printing a number, at the location-based cell", () => {
    // B prints "/" for location-based too: nothing is missing there
    const dataset = build("label,unit,A,B,Group\nScope 2,tCO2e,121.6,/,121.6\n", ["ESRS"]);
    const found = marketBasedMissing(dataset, builtIn.value);
    expect(found.map(show)).toEqual([
      'a boundary incomplete "" 1 market-based-missing a:121.6',
      'group boundary incomplete "" 1 market-based-missing group:121.6',
    ]);
    expect(found.map((f) => f.source)).toEqual([
      publishedCell(dataset, "ghg.scope2", "a")!.source,
      publishedCell(dataset, "ghg.scope2", "group")!.source,
    ]);
    expect(found[0]!.source.line).toBe(2);
  });

  it("nothing without the declaration, without a location-based row, or without market-based rules", () => {
    const both = "label,unit,A,B,Group\nScope 2,tCO2e,121.6,10.0,131.6\n";
    expect(marketBasedMissing(build(both), builtIn.value)).toEqual([]);
    expect(marketBasedMissing(build(both, ["IFRS-S2", "HKEX"]), builtIn.value)).toEqual([]);
    expect(marketBasedMissing(build(both, ["ESRS"]), withoutMarketBased())).toEqual([]);
    // a market-based row alone: there is no location-based figure that would need one
    const marketOnly = "label,unit,A,B,Group\nMarket-based scope 2,tCO2e,/,0.0,\n";
    expect(marketBasedMissing(build(marketOnly, ["ESRS"]), builtIn.value)).toEqual([]);
  });
});
