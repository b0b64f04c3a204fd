// The implied-factor analysis (src/compute/implied.ts) on its own: a dataset of nine units built from CSV text, a
// factor table of round numbers (some with a range), a plan written by hand, the library's recipes and some made up
// here. Inputs in, implied factors out; every expected figure is worked by hand in a comment (or by exact BigInt
// fractions, Q below), never copied from the tool's output.
//
// Every impliedFactors() call is made inside an `it`, not in `beforeAll`: the mutation tester (stryker.config.json,
// coverage "perTest" with "ignoreStatic") records what a test reaches from its beforeEach on; what a beforeAll
// computes counts as static coverage, and a test whose only contact with a mutant is through its beforeAll is not
// among the tests run against that mutant.
import { describe, expect, it } from "vitest";
import { impliedFactors, type ImpliedFactor } from "../../src/compute/implied.js";
import { formatMessage } from "../../src/findings/message.js";
import { parseCsv } from "../../src/io/csv.js";
import { loadLibrary } from "../../src/io/factors.js";
import { loadCatalogue, loadTexts } from "../../src/io/reference.js";
import { Dec } from "../../src/model/decimal.js";
import type { FactorPlan, Library, Method } from "../../src/model/factorPlan.js";
import { buildFactors, type Factor } from "../../src/model/factors.js";
import { buildRecipes, type FactorSource, type Recipe } from "../../src/model/recipes.js";
import type { Catalogue } from "../../src/model/types.js";
import { memoryDataset } from "./memoryDataset.js";
import { q, mul, sub, div, fixed, P, show, showInterval } from "./exactRational.js";

const catalogue = loadCatalogue();
if (!catalogue.ok) throw new Error(JSON.stringify(catalogue.errors));
const cat = catalogue.value;
const builtIn = loadLibrary(cat);
if (!builtIn.ok) throw new Error(JSON.stringify(builtIn.errors));
const texts = loadTexts();
if (!texts.ok) throw new Error(JSON.stringify(texts.errors));
const en = (i: ImpliedFactor) => (i.reason ? formatMessage(texts.value, "en", i.reason) : null);

// ---------------------------------------------------------------------------------------------------------------
// Exact rationals over BigInt (exactRational.ts): the independent arithmetic the intervals are checked with.

// ---------------------------------------------------------------------------------------------------------------
// Factors in base units. Without a range a factor is its value ± half a unit of its last digit; with one, the range.
// The grid factors are listed out of the order the analysis sorts them in (see "candidates" below).
const FACTORS = `id,kind,activity,value,low,high,unit,region,year,document,issuer,date,attribution,note
ncv-gas,ncv,natural_gas,0.0100,,,MWh/m3,T,,test,,,uncertain,
ncv-diesel,ncv,diesel,10.00,,,MWh/t,T,,test,,,uncertain,
co2-gas,co2_combustion,natural_gas,0.2000,,,tCO2/MWh,T,,test,,,uncertain,
co2-diesel,co2_combustion,diesel,0.2700,,,tCO2/MWh,T,,test,,,uncertain,
co2-diesel-b,co2_combustion,diesel,0.3000,,,tCO2/MWh,T,,test,,,uncertain,
grid-far,grid,electricity,0.9000,,,tCO2/MWh,T,2023,test,,,uncertain,
grid-r,grid,electricity,0.80,0.60,0.85,tCO2/MWh,T,2023,test,,,uncertain,
grid-under,grid,electricity,0.30,0.20,0.45,tCO2/MWh,T,2023,test,,,uncertain,
grid-a,grid,electricity,0.5000,,,tCO2/MWh,T,2023,test,,,uncertain,
grid-near,grid,electricity,0.5600,,,tCO2/MWh,T,2023,test,,,uncertain,
`;
const parsedFactors = parseCsv(FACTORS, "factors.csv");
if (!parsedFactors.ok) throw new Error(JSON.stringify(parsedFactors.errors));
const built = buildFactors([parsedFactors.value], cat);
if (!built.ok) throw new Error(JSON.stringify(built.errors));
const factors = built.value;
const F = (id: string): Factor => factors.find((f) => f.id === id)!;

// m1: diesel 10 MWh/t × 0.27 tCO2/MWh = 2.7 tCO2/t, gas 0.01 × 0.2 = 0.002 tCO2/m³; m2: diesel 10 × 0.3 = 3.0, gas the same.
const m1: Method = {
  id: "m1",
  labels: { en: "m1" },
  fuels: new Map([
    ["natural_gas", { ncv: F("ncv-gas"), co2: F("co2-gas") }],
    ["diesel", { ncv: F("ncv-diesel"), co2: F("co2-diesel") }],
  ]),
};
const m2: Method = {
  id: "m2",
  labels: { en: "m2" },
  fuels: new Map([
    ["natural_gas", { ncv: F("ncv-gas"), co2: F("co2-gas") }],
    ["diesel", { ncv: F("ncv-diesel"), co2: F("co2-diesel-b") }],
  ]),
};
const plan: FactorPlan = {
  ncv: new Map([
    ["natural_gas", F("ncv-gas")],
    ["diesel", F("ncv-diesel")],
  ]),
  method: m1,
  alternatives: [m2],
  grid: new Map(),
  residual: new Map(),
  instruments: new Map(),
  materiality: new Dec("0.05"),
  co2PerCarbon: new Dec(44).div(12),
  pinned: [],
  notes: [],
};
const rules = builtIn.value.rules;
const recipes = buildRecipes(rules); // scope2, direct-energy, scope1, scope2-market (which implies nothing)
const library: Library = { factors, rules, recipes };

// ---------------------------------------------------------------------------------------------------------------
// Nine units. u-a: every figure; u-b: electricity and gas, no emissions nor direct energy; u-c: scope 2 without
// electricity, scope 1 without fuel, direct energy all solar; u-d: electricity 0.0, scope 1 0.0; u-e: nothing;
// u-f, u-g: electricity and scope 2 (grid 0.6 and 0.5); u-h: gas the dominant fuel; u-i: solar above direct energy.
const ENERGY = `facility,metric,value,unit
u-a,energy.natural_gas,"1,000.0",m3
u-a,energy.diesel,2.0,t
u-a,energy.solar_onsite,5.0,MWh
u-a,energy.direct,35.0,MWh
u-a,energy.purchased_electricity,100.0,MWh
u-b,energy.natural_gas,500.0,m3
u-b,energy.purchased_electricity,40.0,MWh
u-c,energy.direct,12.0,MWh
u-c,energy.solar_onsite,12.0,MWh
u-d,energy.purchased_electricity,0.0,MWh
u-f,energy.purchased_electricity,100.0,MWh
u-g,energy.purchased_electricity,200.0,MWh
u-h,energy.natural_gas,"1,000.0",m3
u-h,energy.diesel,0.5,t
u-i,energy.natural_gas,"1,000.0",m3
u-i,energy.solar_onsite,50.0,MWh
u-i,energy.direct,10.0,MWh
`;
const EMISSIONS = `facility,metric,value,unit
u-a,ghg.scope1,7.4,tCO2e
u-a,ghg.scope2,50.0,tCO2e
u-c,ghg.scope1,3.0,tCO2e
u-c,ghg.scope2,20.0,tCO2e
u-d,ghg.scope1,0.0,tCO2e
u-d,ghg.scope2,10.0,tCO2e
u-f,ghg.scope2,60.0,tCO2e
u-g,ghg.scope2,100.0,tCO2e
u-h,ghg.scope1,2.5,tCO2e
`;
const PUBLISHED = `section,label,unit,Unit A,Unit B,Unit C,Unit D,Unit E,Unit F,Unit G,Unit H,Unit I,Group
Energy use,Natural gas,m3,"1,000.0",500.0,/,/,/,/,/,"1,000.0","1,000.0","3,500.0"
Energy use,Diesel,t,2.0,/,/,/,/,/,/,0.5,/,2.5
Energy use,Purchased electricity,MWh,100.0,40.0,/,0.0,/,100.0,200.0,/,/,440.0
Energy use,On-site solar power consumed,MWh,5.0,/,12.0,/,/,/,/,/,50.0,67.0
Energy consumption,Direct energy,MWh,35.0,/,12.0,/,/,/,/,/,10.0,57.0
Greenhouse gas emissions,Scope 1,tCO2e,7.4,/,3.0,0.0,/,/,/,2.5,/,12.9
Greenhouse gas emissions,Scope 2,tCO2e,50.0,/,20.0,10.0,/,60.0,100.0,/,/,240.0
`;
const UNITS = ["a", "b", "c", "d", "e", "f", "g", "h", "i"].map((x) => ({
  id: `u-${x}`,
  label: `Unit ${x.toUpperCase()}`,
}));
const data = memoryDataset(cat, {
  id: "unit-implied",
  units: UNITS,
  published: PUBLISHED,
  activity: { "energy.csv": ENERGY, "emissions.csv": EMISSIONS },
});
const run = (lib: Library = library) => impliedFactors(data.dataset, data.table, lib, plan);
const find = (out: ImpliedFactor[], facility: string, kind: string) =>
  out.find((i) => i.facility === facility && i.kind === kind)!;

/** A recipe made up here: target, terms (metric, activity, kinds, constants) and figures added as they are. */
const made = (target: string, terms: [string, string, FactorSource[], number[]?][], plus: string[] = []): Recipe => ({
  id: "made",
  target,
  total: null,
  byMethod: false,
  title: "phrase.recipe.direct-energy",
  words: { target: "phrase.word.direct-energy", quantity: "phrase.word.fuel", quantityId: "fuel" },
  terms: terms.map(([metric, activity, kinds, constants = []]) => ({
    metric,
    activity,
    factors: kinds,
    constants: constants.map((c) => new Dec(c)),
  })),
  plus,
});

// Printed quantities and the intervals they stand for (± half a unit of the last digit).
const GAS = { v: q("1000"), lo: q("999.95"), hi: q("1000.05") };
const DIESEL_A = { v: q("2"), lo: q("1.95"), hi: q("2.05") };
const DIESEL_H = { v: q("0.5"), lo: q("0.45"), hi: q("0.55") };
const NCV_GAS = { lo: q("0.00995"), hi: q("0.01005") };
const NCV_DIESEL = { lo: q("9.995"), hi: q("10.005") };
const CO2_GAS = { lo: q("0.19995"), hi: q("0.20005") };
const CO2_DIESEL = { lo: q("0.26995"), hi: q("0.27005") };

describe("impliedFactors: which units and recipes give an implied factor, and why not", () => {
  it("per unit, the recipes in library order; a unit lacking a figure is named with the reason, one lacking both is left out", () => {
    const out = run();
    expect(out.map((i) => [i.facility, i.kind, i.activity, en(i)])).toEqual([
      ["u-a", "grid", "electricity", null],
      ["u-a", "ncv", "diesel", null],
      ["u-a", "combustion", "diesel", null],
      // electricity without scope 2: named (one-term recipe); gas without direct energy or scope 1: nothing
      ["u-b", "grid", "electricity", "no scope 2 reported"],
      // scope 2 without electricity; scope 1 without fuel (nothing added as it is to explain it). Direct energy
      // without fuel is not named: the solar added as it is can explain it.
      ["u-c", "grid", "electricity", "no purchased electricity reported"],
      ["u-c", "combustion", "fuel", "scope 1 is reported but no fuel quantity (or only zero)"],
      // electricity 0.0 stands for [0, 0.05]: nothing to divide by; scope 1 of 0.0 without fuel needs no explaining
      ["u-d", "grid", "electricity", "purchased electricity is zero"],
      // u-e reports nothing: no entry at all
      ["u-f", "grid", "electricity", null],
      ["u-g", "grid", "electricity", null],
      ["u-h", "combustion", "natural_gas", null],
      // solar 50.0 alone exceeds direct energy 10.0 (at most 10.05 against at least 49.95): no NCV of zero or more gives it
      [
        "u-i",
        "ncv",
        "natural_gas",
        "direct energy is less than the other figures give on their own: no fuel factor of zero or more gives it",
      ],
    ]);
  });

  it("a unit with the quantity but not the target (one term): the whole entry, empty but for the reason", () => {
    expect({ ...find(run(), "u-b", "grid"), reason: null }).toEqual({
      facility: "u-b",
      kind: "grid",
      activity: "electricity",
      value: null,
      interval: null,
      unit: "tCO2e/MWh",
      assumed: [],
      candidates: [],
      differsFrom: [],
      reason: null,
    });
  });

  it("the target but no quantity, or a quantity of zero (one term): the same entry, another reason", () => {
    const out = run();
    for (const u of ["u-c", "u-d"])
      expect({ ...find(out, u, "grid"), reason: null }).toEqual({
        facility: u,
        kind: "grid",
        activity: "electricity",
        value: null,
        interval: null,
        unit: "tCO2e/MWh",
        assumed: [],
        candidates: [],
        differsFrom: [],
        reason: null,
      });
  });

  it("the target but no fuel at all (several terms, nothing added as it is): the activity is the recipe's word for all fuels", () => {
    const c = find(run(), "u-c", "combustion");
    expect({ ...c, reason: null }).toEqual({
      facility: "u-c",
      kind: "combustion",
      activity: "fuel",
      activityWord: "phrase.word.fuel",
      value: null,
      interval: null,
      unit: "",
      assumed: [],
      candidates: [],
      differsFrom: [],
      reason: null,
    });
    expect(formatMessage(texts.value, "zh-Hant", c.reason!)).toBe("報告了範疇一，但沒有燃料用量（或用量全為零）");
  });
});

describe("impliedFactors: the figures", () => {
  it("grid (one term): scope 2 ÷ electricity, 50.0 ÷ 100.0 = 0.5 tCO2e/MWh, nothing assumed", () => {
    const g = find(run(), "u-a", "grid");
    expect(show(g.value!)).toBe("0.50000000000000000000");
    // [49.95 ÷ 100.05, 50.05 ÷ 99.95]
    expect(showInterval(g.interval!)).toEqual([
      fixed(div(q("49.95"), q("100.05")), P),
      fixed(div(q("50.05"), q("99.95")), P),
    ]);
    expect(g.unit).toBe("tCO2e/MWh");
    expect(g.assumed).toEqual([]);
    expect(g.reason).toBeUndefined();
  });

  it("NCV (several terms, a figure added as it is): (35 − 5 solar − 1,000 m³ × 0.01) ÷ 2 t of diesel = 10 MWh/t", () => {
    const n = find(run(), "u-a", "ncv");
    // diesel is the dominant fuel by energy: 2 t × 10 = 20 MWh against gas 1,000 × 0.01 = 10 MWh
    expect(n.activity).toBe("diesel");
    expect(show(n.value!)).toBe("10.00000000000000000000");
    // left = [34.95 − 5.05 − 1,000.05 × 0.01005, 35.05 − 4.95 − 999.95 × 0.00995] = [19.8494975, 20.1504975]
    const left = {
      lo: sub(sub(q("34.95"), q("5.05")), mul(GAS.hi, NCV_GAS.hi)),
      hi: sub(sub(q("35.05"), q("4.95")), mul(GAS.lo, NCV_GAS.lo)),
    };
    expect([fixed(left.lo, 7), fixed(left.hi, 7)]).toEqual(["19.8494975", "20.1504975"]);
    expect(showInterval(n.interval!)).toEqual([
      fixed(div(left.lo, DIESEL_A.hi), P),
      fixed(div(left.hi, DIESEL_A.lo), P),
    ]);
    expect(n.unit).toBe("MWh/t");
    expect(n.assumed).toEqual([{ activity: "natural_gas", factors: ["ncv-gas"] }]);
    // ncv-diesel [9.995, 10.005] lies inside [9.68, 10.33]
    expect(n.candidates.map((c) => [c.id, c.consistent, c.relative.toFixed()])).toEqual([["ncv-diesel", true, "0"]]);
  });

  it("combustion by method: (7.4 − gas 1,000 × 0.01 × 0.2 = 2.0) ÷ 2 t of diesel = 2.7; the other fuel named with m1's factors", () => {
    const c = find(run(), "u-a", "combustion");
    expect(c.activity).toBe("diesel");
    expect(show(c.value!)).toBe("2.70000000000000000000");
    // gas at m1 in [999.95 × 0.00995 × 0.19995, 1,000.05 × 0.01005 × 0.20005]; left = [7.35 − hi, 7.45 − lo]
    const gasLo = mul(GAS.lo, NCV_GAS.lo, CO2_GAS.lo);
    const gasHi = mul(GAS.hi, NCV_GAS.hi, CO2_GAS.hi);
    expect(showInterval(c.interval!)).toEqual([
      fixed(div(sub(q("7.35"), gasHi), DIESEL_A.hi), P),
      fixed(div(sub(q("7.45"), gasLo), DIESEL_A.lo), P),
    ]);
    expect(c.unit).toBe("tCO2e/t");
    expect(c.assumed).toEqual([{ activity: "natural_gas", factors: ["m1: ncv-gas × co2-gas"] }]);
    // m1 diesel 2.7 lies inside [2.6046, 2.8003]; m2 diesel 10 × 0.3 = 3.0 ([2.99800025, 3.00200025]) does not. m2 is
    // a method, with no range of its own: its distance is from its value, (3.0 − 2.7) ÷ 2.7 = 1/9
    expect(c.candidates.map((x) => [x.id, x.consistent, x.relative.toDecimalPlaces(12).toFixed()])).toEqual([
      ["m1", true, "0"],
      ["m2", false, "0.111111111111"],
    ]);
    expect(showInterval(c.candidates[0]!.base)).toEqual([
      fixed(mul(NCV_DIESEL.lo, CO2_DIESEL.lo), P),
      fixed(mul(NCV_DIESEL.hi, CO2_DIESEL.hi), P),
    ]);
  });

  it("the fuel assumed is the one that is not dominant, whichever term of the recipe it is: u-h's diesel", () => {
    const h = find(run(), "u-h", "combustion");
    // gas 1,000 m³ × 0.01 = 10 MWh against diesel 0.5 t × 10 = 5 MWh: gas dominates, diesel (the second term) is assumed
    expect(h.activity).toBe("natural_gas");
    expect(h.assumed).toEqual([{ activity: "diesel", factors: ["m1: ncv-diesel × co2-diesel"] }]);
    // (2.5 − 0.5 × 10 × 0.27) ÷ 1,000 = (2.5 − 1.35) ÷ 1,000 = 0.00115 tCO2e/m³
    expect(show(h.value!)).toBe("0.00115000000000000000");
    const dLo = mul(DIESEL_H.lo, NCV_DIESEL.lo, CO2_DIESEL.lo);
    const dHi = mul(DIESEL_H.hi, NCV_DIESEL.hi, CO2_DIESEL.hi);
    expect(showInterval(h.interval!)).toEqual([
      fixed(div(sub(q("2.45"), dHi), GAS.hi), P),
      fixed(div(sub(q("2.55"), dLo), GAS.lo), P),
    ]);
    expect(h.unit).toBe("tCO2e/m3");
  });

  it("solar above direct energy: no implied NCV at all, and the reason, not (10 − 50) ÷ 1,000 = −0.04", () => {
    const i = find(run(), "u-i", "ncv");
    // direct energy 10.0 is at most 10.05; solar 50.0, added as it is, at least 49.95: 10.05 − 49.95 = −39.9 < 0, so
    // any NCV of zero or more gives at least 49.95. (Before: value −0.04 and an interval whose hi, −39.9 ÷ 999.95,
    // lay below its lo, 0.)
    expect(i.value).toBeNull();
    expect(i.interval).toBeNull();
    expect(i.candidates).toEqual([]);
    expect(i.activity).toBe("natural_gas");
    expect(i.unit).toBe("MWh/m3");
    expect(i.assumed).toEqual([]);
    expect(formatMessage(texts.value!, "en", i.reason!)).toBe(
      "direct energy is less than the other figures give on their own: no fuel factor of zero or more gives it",
    );
    expect(formatMessage(texts.value!, "zh-Hant", i.reason!)).toBe(
      "直接能耗小於其他數字本身已得出的數值：任何不小於零的燃料係數都無法得出",
    );
  });
});

describe("impliedFactors: the library's factors against the implied one", () => {
  it("consistent first, then by distance; a range is measured from its nearest end, a single value from itself", () => {
    const g = find(run(), "u-a", "grid");
    // implied [0.49925, 0.50075], value 0.5. grid-a [0.49995, 0.50005] overlaps: 0.
    // grid-under, range [0.20, 0.45], below: (0.45 − 0.5) ÷ 0.5 = −0.1 (its value 0.30 would give −0.4)
    // grid-near 0.5600, no range: (0.56 − 0.5) ÷ 0.5 = 0.12 (not from its end 0.55995)
    // grid-r, range [0.60, 0.85], above: (0.60 − 0.5) ÷ 0.5 = 0.2 (its value 0.80 would give 0.6)
    // grid-far 0.9000, no range: (0.9 − 0.5) ÷ 0.5 = 0.8
    expect(g.candidates.map((c) => [c.id, c.consistent, c.relative.toFixed()])).toEqual([
      ["grid-a", true, "0"],
      ["grid-under", false, "-0.1"],
      ["grid-near", false, "0.12"],
      ["grid-r", false, "0.2"],
      ["grid-far", false, "0.8"],
    ]);
    // a candidate keeps the factor it stands for
    expect(g.candidates.map((c) => c.factor?.id)).toEqual(["grid-a", "grid-under", "grid-near", "grid-r", "grid-far"]);
  });

  it("u-f's 0.6: grid-r's range [0.60, 0.85] reaches it; the others are sorted by distance", () => {
    const f = find(run(), "u-f", "grid");
    // implied [59.95 ÷ 100.05, 60.05 ÷ 99.95] = [0.59920, 0.60080], value 0.6
    // grid-near 0.56: (0.56 − 0.6) ÷ 0.6 = −1/15; grid-a 0.5: −1/6; grid-under (0.45 − 0.6) ÷ 0.6 = −0.25;
    // grid-far 0.9: 0.5
    expect(f.candidates.map((c) => [c.id, c.consistent, c.relative.toDecimalPlaces(6).toFixed()])).toEqual([
      ["grid-r", true, "0"],
      ["grid-near", false, "-0.066667"],
      ["grid-a", false, "-0.166667"],
      ["grid-under", false, "-0.25"],
      ["grid-far", false, "0.5"],
    ]);
  });
});

describe("impliedFactors: units whose implied factors cannot be the same factor", () => {
  it("same kind and activity, intervals apart: grid 0.5 (u-a, u-g) against 0.6 (u-f); nothing else differs", () => {
    const out = run();
    // u-a [0.49925, 0.50075] and u-g [99.95 ÷ 200.05, 100.05 ÷ 199.95] = [0.49963, 0.50038] overlap; u-f is
    // [0.59920, 0.60080]. u-a's NCV (diesel, 10) and its combustion factor (diesel, 2.7) share the activity but not the
    // kind; u-a's combustion (diesel) and u-h's (gas, 0.00115) share the kind but not the activity; entries without
    // an interval are compared with nothing (u-i's NCV among them: its figures admit no NCV of zero or more).
    expect(out.map((i) => `${i.facility}:${i.kind}:${i.differsFrom.join(",")}`)).toEqual([
      "u-a:grid:u-f",
      "u-a:ncv:",
      "u-a:combustion:",
      "u-b:grid:",
      "u-c:grid:",
      "u-c:combustion:",
      "u-d:grid:",
      "u-f:grid:u-a,u-g",
      "u-g:grid:u-f",
      "u-h:combustion:",
      "u-i:ncv:",
    ]);
  });
});

describe("impliedFactors: which recipes imply a factor (one kind of factor, one factor a term, no constants)", () => {
  const table: { name: string; recipe: Recipe; only?: string; expected: string[] }[] = [
    { name: "no terms", recipe: made("energy.direct", []), expected: [] },
    {
      name: "a residual mix (market-based) term",
      recipe: made("ghg.scope2.market", [["energy.purchased_electricity", "electricity", ["residual"]]]),
      expected: [],
    },
    {
      name: "an instrument term",
      recipe: made("ghg.scope2.market", [["energy.purchased_electricity", "electricity", ["instrument"]]]),
      expected: [],
    },
    {
      name: "terms of two kinds",
      recipe: made("energy.direct", [
        ["energy.natural_gas", "natural_gas", ["ncv"]],
        ["energy.diesel", "diesel", ["combustion"]],
      ]),
      expected: [],
    },
    {
      name: "a term of two factors",
      recipe: made("energy.direct", [["energy.natural_gas", "natural_gas", ["ncv", "combustion"]]]),
      expected: [],
    },
    {
      name: "a term with a constant",
      recipe: made("energy.direct", [["energy.natural_gas", "natural_gas", ["ncv"], [2]]]),
      expected: [],
    },
    {
      // one term, nothing added: the one-term way. u-a: 35.0 ÷ 1,000.0 = 0.035; u-i: 10.0 ÷ 1,000.0 = 0.01;
      // u-b and u-h: gas, no direct energy; u-c: direct energy, no gas; the others report neither
      name: "one NCV term: direct energy ÷ gas",
      recipe: made("energy.direct", [["energy.natural_gas", "natural_gas", ["ncv"]]]),
      expected: [
        "u-a:ncv:natural_gas=0.035 MWh/m3",
        "u-b:ncv:natural_gas (no direct energy reported)",
        "u-c:ncv:natural_gas (no fuel reported)",
        "u-h:ncv:natural_gas (no direct energy reported)",
        "u-i:ncv:natural_gas=0.01 MWh/m3",
      ],
    },
    {
      // one term and a figure added as it is: the several-term way. u-a (35.0 − 5.0) ÷ 1,000.0 = 0.03;
      // u-i: 10 − 50 < 0, no factor of zero or more (the reason); u-b, u-h: gas without the target; u-c: no gas, and its 12.0 of solar may explain
      name: "one NCV term and solar added as it is",
      recipe: made("energy.direct", [["energy.natural_gas", "natural_gas", ["ncv"]]], ["energy.solar_onsite"]),
      expected: [
        "u-a:ncv:natural_gas=0.03 MWh/m3",
        "u-i:ncv:natural_gas (direct energy is less than the other figures give on their own: no fuel factor of zero or more gives it)",
      ],
    },
    {
      // a quantity with no unit of its own (a ratio in percent, taken as it is): u-a's scope 2 share is
      // 50 ÷ (7.4 + 50) × 100 = 87.108…%, so 50 ÷ 87.108… = 57.4 ÷ 100 = 0.574, and the unit is named "?"
      name: "a quantity without a unit (u-a)",
      recipe: made("ghg.scope2", [["ghg.scope2.share", "electricity", ["grid"]]]),
      only: "u-a",
      expected: ["u-a:grid:electricity=0.574 tCO2e/?"],
    },
  ];
  const line = (i: ImpliedFactor) =>
    `${i.facility}:${i.kind}:${i.activity}${i.value ? `=${i.value.toDecimalPlaces(12).toFixed()} ${i.unit}` : ""}${
      i.reason ? ` (${en(i)})` : ""
    }`;
  for (const row of table)
    it(row.name, () => {
      const out = run({ ...library, recipes: [row.recipe] });
      expect(out.filter((i) => !row.only || i.facility === row.only).map(line)).toEqual(row.expected);
    });
});

describe("impliedFactors: quantities in units other than the base unit", () => {
  it("direct energy printed in GJ: 126.0 GJ = 35 MWh, and the other fuel is taken in MWh too: (35 − 5 − 10) ÷ 2 = 10", () => {
    const gj: Catalogue = {
      ...cat,
      metrics: cat.metrics.map((m) => (m.id === "energy.direct" && m.kind === "base" ? { ...m, unit: "GJ" } : m)),
    };
    const d = memoryDataset(gj, {
      id: "unit-implied-gj",
      units: [{ id: "u-a", label: "Unit A" }],
      published: `section,label,unit,Unit A,Group
Energy use,Natural gas,m3,"1,000.0","1,000.0"
Energy use,Diesel,t,2.0,2.0
Energy use,On-site solar power consumed,MWh,5.0,5.0
Energy consumption,Direct energy,GJ,126.0,126.0
`,
      activity: {
        "energy.csv": `facility,metric,value,unit
u-a,energy.natural_gas,"1,000.0",m3
u-a,energy.diesel,2.0,t
u-a,energy.solar_onsite,5.0,MWh
u-a,energy.direct,126.0,GJ
`,
      },
    });
    const n = find(impliedFactors(d.dataset, d.table, library, plan), "u-a", "ncv");
    // 126 GJ ÷ 3.6 = 35 MWh; the gas at its NCV, 1,000 × 0.01 = 10 MWh (36 GJ, were it taken in the target's unit)
    expect(n.value!.toDecimalPlaces(12).toFixed()).toBe("10");
    expect(n.assumed).toEqual([{ activity: "natural_gas", factors: ["ncv-gas"] }]);
  });
});
