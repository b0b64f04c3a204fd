// Recalculations as recipes (src/model/recipes.ts), the one function that runs them (src/compute/recalculate.ts
// runRecipe) and the checks derived from them: recalculate(), the boundary estimates (src/reconcile/boundary.ts) and
// the implied-factor analysis (src/compute/implied.ts). A tiny dataset built from CSV text below and a factor table
// of round numbers; the plan is written by hand. Every expected value is worked by hand in a comment, or computed
// with exact BigInt fractions (Q below), never taken from the tool's output. What a describe block shares is computed
// in beforeEach, not in the describe body or a beforeAll: the mutation tester (stryker.config.json) switches a mutant
// on only after the tests are collected, and it counts code run outside a test or its beforeEach as no test's, so
// it would never run these tests against the mutants they reach. Two recipes the built-in rules do not
// have (total energy; CH4 and N2O with GWPs) run through the same code, which is the point of recipes.
import { beforeEach, describe, expect, it } from "vitest";
import { impliedFactors } from "../../src/compute/implied.js";
import { recalculate, runRecipe, type RecipeInputs } from "../../src/compute/recalculate.js";
import type { Recomputed, RecomputedTable } from "../../src/compute/recompute.js";
import { formatMessage } from "../../src/findings/message.js";
import { parseCsv } from "../../src/io/csv.js";
import { loadLibrary } from "../../src/io/factors.js";
import { loadCatalogue, loadTexts } from "../../src/io/reference.js";
import { Dec } from "../../src/model/decimal.js";
import { FACTOR_SOURCES, termFactors, type FactorPlan, type Library, type Method } from "../../src/model/factorPlan.js";
import { buildFactors, type Factor } from "../../src/model/factors.js";
import { buildRecipes, chainProduct, type Recipe } from "../../src/model/recipes.js";
import { boundaryFindings } from "../../src/reconcile/boundary.js";
import { memoryDataset } from "./memoryDataset.js";
import { q, mul, add, sub, div, fixed, P, show, showInterval } from "./exactRational.js";

const catalogue = loadCatalogue();
if (!catalogue.ok) throw new Error(JSON.stringify(catalogue.errors));
const cat = catalogue.value;
const builtIn = loadLibrary(cat);
if (!builtIn.ok) throw new Error(JSON.stringify(builtIn.errors));
const rules = builtIn.value.rules;
const texts = loadTexts();
if (!texts.ok) throw new Error(JSON.stringify(texts.errors));

// ---------------------------------------------------------------------------------------------------------------
// Exact rationals over BigInt (exactRational.ts): the independent arithmetic the intervals are checked with.
const CO2_PER_C = div(q("44"), q("12"));

// ---------------------------------------------------------------------------------------------------------------
// Factors of round values, each ± half a unit of its last printed digit (no ranges), already in base units.
const FACTORS = `id,kind,activity,value,low,high,unit,region,year,document,issuer,date,attribution,note
ncv-gas,ncv,natural_gas,0.0100,,,MWh/m3,T,,test,,,uncertain,
ncv-gas-alt,ncv,natural_gas,0.0105,,,MWh/m3,T,,test,,,uncertain,
ncv-diesel,ncv,diesel,10.00,,,MWh/t,T,,test,,,uncertain,
carbon-gas,carbon_content,natural_gas,0.0540,,,tC/MWh,T,,test,,,uncertain,
ox-gas,oxidation,natural_gas,0.99,,,fraction,T,,test,,,uncertain,
co2-gas,co2_combustion,natural_gas,0.2000,,,tCO2/MWh,T,,test,,,uncertain,
co2-diesel,co2_combustion,diesel,0.2700,,,tCO2/MWh,T,,test,,,uncertain,
grid-a,grid,electricity,0.5000,,,tCO2/MWh,T,2023,test,,,uncertain,
grid-other,grid,electricity,0.6000,,,tCO2/MWh,T,2023,test,,,uncertain,
`;
const parsedFactors = parseCsv(FACTORS, "factors.csv");
if (!parsedFactors.ok) throw new Error(JSON.stringify(parsedFactors.errors));
const built = buildFactors([parsedFactors.value], cat);
if (!built.ok) throw new Error(JSON.stringify(built.errors));
const factors = built.value;
const F = (id: string): Factor => factors.find((f) => f.id === id)!;

// m1: carbon-content route for gas, CO2 factor for diesel; m2: CO2 factors for both; m3: gas only.
const m1: Method = {
  id: "m1",
  labels: { en: "m1" },
  fuels: new Map([
    ["natural_gas", { ncv: F("ncv-gas"), carbon: F("carbon-gas"), oxidation: F("ox-gas") }],
    ["diesel", { ncv: F("ncv-diesel"), co2: F("co2-diesel") }],
  ]),
};
const m2: Method = {
  id: "m2",
  labels: { en: "m2" },
  fuels: new Map([
    ["natural_gas", { ncv: F("ncv-gas"), co2: F("co2-gas") }],
    ["diesel", { ncv: F("ncv-diesel"), co2: F("co2-diesel") }],
  ]),
};
const m3: Method = {
  id: "m3",
  labels: { en: "m3" },
  fuels: new Map([["natural_gas", { ncv: F("ncv-gas"), co2: F("co2-gas") }]]),
};
const plan: FactorPlan = {
  ncv: new Map([
    ["natural_gas", F("ncv-gas")],
    ["diesel", F("ncv-diesel")],
  ]),
  method: m1,
  alternatives: [m2, m3],
  grid: new Map([["site-a", F("grid-a")]]), // site-b has no grid factor
  residual: new Map(),
  instruments: new Map(),
  materiality: new Dec("0.05"),
  co2PerCarbon: new Dec(44).div(12),
  pinned: [],
  notes: [],
};
const recipes = buildRecipes(rules);
const library: Library = { factors, rules, recipes };

// ---------------------------------------------------------------------------------------------------------------
// A tiny dataset (tests/unit/memoryDataset.ts): group ← site-a (gas, diesel, solar, electricity, every figure), site-b (gas and electricity, no
// emissions: incomplete), site-c (scope 1 without any fuel).
const ENERGY = `facility,metric,value,unit
site-a,energy.natural_gas,"1,000.0",m3
site-a,energy.diesel,2.0,t
site-a,energy.solar_onsite,5.0,MWh
site-a,energy.direct,35.0,MWh
site-a,energy.purchased_electricity,100.0,MWh
site-b,energy.natural_gas,500.0,m3
site-b,energy.purchased_electricity,40.0,MWh
`;
const EMISSIONS = `facility,metric,value,unit
site-a,ghg.scope1,7.4,tCO2e
site-a,ghg.scope2,50.0,tCO2e
site-c,ghg.scope1,3.0,tCO2e
`;
const PUBLISHED = `section,label,unit,Site A,Site B,Site C,Group
Energy use,Natural gas,m3,"1,000.0",500.0,/,"1,500.0"
Energy use,Diesel,t,2.0,/,/,2.0
Energy use,Purchased electricity,MWh,100.0,40.0,/,140.0
Energy use,On-site solar power consumed,MWh,5.0,/,/,5.0
Energy consumption,Direct energy,MWh,35.0,/,/,35.0
Greenhouse gas emissions,Scope 1,tCO2e,7.4,/,3.0,10.4
Greenhouse gas emissions,Scope 2,tCO2e,50.0,/,/,50.0
Greenhouse gas emissions,Total GHG emissions,tCO2e,57.4,/,3.0,60.4
`;
const { dataset, table } = memoryDataset(cat, {
  id: "unit-recipes",
  units: [
    { id: "site-a", label: "Site A" },
    { id: "site-b", label: "Site B" },
    { id: "site-c", label: "Site C" },
  ],
  published: PUBLISHED,
  activity: { "energy.csv": ENERGY, "emissions.csv": EMISSIONS },
});
const inputs: RecipeInputs = { catalogue: cat, table, plan };
const recipe = (id: string): Recipe => recipes.find((r) => r.id === id)!;

// Quantities as printed, and the intervals they stand for (± half a unit of the last digit).
const GAS_A = { v: q("1000"), lo: q("999.95"), hi: q("1000.05") };
const DIESEL_A = { v: q("2"), lo: q("1.95"), hi: q("2.05") };
const SOLAR_A = { lo: q("4.95"), hi: q("5.05") };
const GAS_B = { v: q("500"), lo: q("499.95"), hi: q("500.05") };
// Factors: value and ± half a unit.
const NCV_GAS = { v: q("0.01"), lo: q("0.00995"), hi: q("0.01005") };
const NCV_DIESEL = { v: q("10"), lo: q("9.995"), hi: q("10.005") };
const CARBON_GAS = { v: q("0.054"), lo: q("0.05395"), hi: q("0.05405") };
const OX_GAS = { v: q("0.99"), lo: q("0.985"), hi: q("0.995") };
const CO2_DIESEL = { v: q("0.27"), lo: q("0.26995"), hi: q("0.27005") };
const CO2_GAS = { v: q("0.2"), lo: q("0.19995"), hi: q("0.20005") };
/** Natural gas under m1: quantity × NCV × carbon × oxidation × 44/12, at an end ("v", "lo" or "hi"). */
const gasM1 = (gas: typeof GAS_A, end: "v" | "lo" | "hi") =>
  mul(gas[end], NCV_GAS[end], CARBON_GAS[end], OX_GAS[end], CO2_PER_C);

describe("recipes built from the library's rules", () => {
  it("four recipes, in the order the implied-factor analysis lists them", () => {
    expect(
      recipes.map((r) => [
        r.id,
        r.target,
        r.total,
        r.byMethod,
        r.terms.map((t) => `${t.metric}×${t.factors.join("×")}`),
        r.plus,
      ]),
    ).toEqual([
      ["scope2", "ghg.scope2", "ghg.total", false, ["energy.purchased_electricity×grid"], []],
      [
        "direct-energy",
        "energy.direct",
        null,
        false,
        ["energy.natural_gas×ncv", "energy.diesel×ncv"],
        ["energy.solar_onsite"],
      ],
      ["scope1", "ghg.scope1", "ghg.total", true, ["energy.natural_gas×combustion", "energy.diesel×combustion"], []],
      // market-based: electricity at the residual factor; each instrument at its own factor, and out of the rest
      [
        "scope2-market",
        "ghg.scope2.market",
        "ghg.total.market",
        false,
        [
          "energy.purchased_electricity×residual",
          "energy.electricity.certificates×instrument",
          "energy.electricity.certificates×residual",
          "energy.electricity.green_power×instrument",
          "energy.electricity.green_power×residual",
          "energy.electricity.ppa×instrument",
          "energy.electricity.ppa×residual",
        ],
        [],
      ],
    ]);
    // the "out of the rest" terms carry −1, the others nothing
    expect(recipes[3]!.terms.map((t) => t.constants.map((c) => c.toFixed()).join())).toEqual([
      "",
      "",
      "-1",
      "",
      "-1",
      "",
      "-1",
    ]);
  });

  it("the library loaded from data/ carries the same recipes", () => {
    expect(builtIn.value.recipes).toEqual(recipes);
  });
});

describe("the kinds of factor a term names, resolved by the plan", () => {
  it("combustion by the carbon-content route is NCV × carbon × oxidation, then 44/12; by the CO2 route NCV × CO2", () => {
    const gas = termFactors(
      plan,
      { metric: "energy.natural_gas", activity: "natural_gas", factors: ["combustion"], constants: [] },
      m1,
      "site-a",
    )!;
    expect(gas.factors.map((f) => f.id)).toEqual(["ncv-gas", "carbon-gas", "ox-gas"]);
    expect(gas.constants.map((c) => c.toSignificantDigits(6).toFixed())).toEqual(["3.66667"]);
    const diesel = termFactors(
      plan,
      { metric: "energy.diesel", activity: "diesel", factors: ["combustion"], constants: [] },
      m1,
      "site-a",
    )!;
    expect(diesel.factors.map((f) => f.id)).toEqual(["ncv-diesel", "co2-diesel"]);
    expect(diesel.constants).toEqual([]);
  });

  it("several kinds chain in order, the term's own constants last; a kind the plan lacks leaves the term unresolved", () => {
    const t = {
      metric: "energy.natural_gas",
      activity: "natural_gas",
      factors: ["ncv" as const, "combustion" as const],
      constants: [new Dec(2)],
    };
    const chain = termFactors(plan, t, m1, "site-a")!;
    expect(chain.factors.map((f) => f.id)).toEqual(["ncv-gas", "ncv-gas", "carbon-gas", "ox-gas"]);
    expect(chain.constants.map((c) => c.toSignificantDigits(6).toFixed())).toEqual(["3.66667", "2"]);
    expect(
      termFactors(
        plan,
        { metric: "energy.diesel", activity: "diesel", factors: ["combustion"], constants: [] },
        m3,
        "site-a",
      ),
    ).toBeNull();
    expect(
      termFactors(
        plan,
        { metric: "energy.purchased_electricity", activity: "electricity", factors: ["grid"], constants: [] },
        m1,
        "site-b",
      ),
    ).toBeNull();
  });

  it("a chain as one factor: m1's gas factor is 0.01 × 0.054 × 0.99 × 44/12 = 0.0019602", () => {
    const c = chainProduct(
      termFactors(
        plan,
        { metric: "energy.natural_gas", activity: "natural_gas", factors: ["combustion"], constants: [] },
        m1,
        "site-a",
      )!,
    );
    expect(show(c.value)).toBe(fixed(mul(NCV_GAS.v, CARBON_GAS.v, OX_GAS.v, CO2_PER_C), P));
    expect(show(c.value)).toBe("0.00196020000000000000");
    expect(showInterval(c.base)).toEqual([
      fixed(mul(NCV_GAS.lo, CARBON_GAS.lo, OX_GAS.lo, CO2_PER_C), P),
      fixed(mul(NCV_GAS.hi, CARBON_GAS.hi, OX_GAS.hi, CO2_PER_C), P),
    ]);
  });

  it("the library's choices: NCVs of the activity per its dimension, each method's combined factor, every grid factor", () => {
    expect(FACTOR_SOURCES.ncv.choices(library, plan, "natural_gas", "volume").map((c) => c.id)).toEqual([
      "ncv-gas",
      "ncv-gas-alt",
    ]);
    expect(FACTOR_SOURCES.ncv.choices(library, plan, "natural_gas", "mass")).toEqual([]);
    // diesel: m1 and m2 both 10 × 0.27 = 2.7 tCO2e/t; m3 has no diesel factor
    expect(
      FACTOR_SOURCES.combustion.choices(library, plan, "diesel", "mass").map((c) => [c.id, c.kind, show(c.baseValue)]),
    ).toEqual([
      ["m1", "method", "2.70000000000000000000"],
      ["m2", "method", "2.70000000000000000000"],
    ]);
    expect(FACTOR_SOURCES.grid.choices(library, plan, "electricity", "energy").map((c) => c.id)).toEqual([
      "grid-a",
      "grid-other",
    ]);
  });
});

describe("runRecipe: one recipe, one unit", () => {
  it("direct energy at site A: 1,000 m³ × 0.01 + 2 t × 10 + 5 MWh of solar = 35 MWh", () => {
    const run = runRecipe(recipe("direct-energy"), "site-a", inputs);
    expect(run.terms.map((t) => [t.quantity.metric, show(t.value)])).toEqual([
      ["energy.natural_gas", fixed(mul(GAS_A.v, NCV_GAS.v), P)], // 10
      ["energy.diesel", fixed(mul(DIESEL_A.v, NCV_DIESEL.v), P)], // 20
    ]);
    expect(run.plus.map((p) => p.metric)).toEqual(["energy.solar_onsite"]);
    expect(run.unresolved).toEqual([]);
    expect(show(run.value)).toBe("35.00000000000000000000");
    // [999.95 × 0.00995 + 1.95 × 9.995 + 4.95, 1000.05 × 0.01005 + 2.05 × 10.005 + 5.05]
    //   = [9.9495025 + 19.49025 + 4.95, 10.0505025 + 20.51025 + 5.05] = [34.3897525, 35.6107525]
    expect(showInterval(run.interval)).toEqual([
      fixed(add(mul(GAS_A.lo, NCV_GAS.lo), mul(DIESEL_A.lo, NCV_DIESEL.lo), SOLAR_A.lo), P),
      fixed(add(mul(GAS_A.hi, NCV_GAS.hi), mul(DIESEL_A.hi, NCV_DIESEL.hi), SOLAR_A.hi), P),
    ]);
    expect(show(run.interval.lo)).toBe("34.38975250000000000000");
  });

  it("scope 1 at site A by m1: gas 10 MWh × 0.054 × 0.99 × 44/12 = 1.9602, diesel 20 MWh × 0.27 = 5.4; by m2: 2 + 5.4", () => {
    const run = runRecipe(recipe("scope1"), "site-a", inputs);
    expect(show(run.value)).toBe(fixed(add(gasM1(GAS_A, "v"), mul(DIESEL_A.v, NCV_DIESEL.v, CO2_DIESEL.v)), P));
    expect(show(run.value)).toBe("7.36020000000000000000");
    expect(showInterval(run.interval)).toEqual([
      fixed(add(gasM1(GAS_A, "lo"), mul(DIESEL_A.lo, NCV_DIESEL.lo, CO2_DIESEL.lo)), P),
      fixed(add(gasM1(GAS_A, "hi"), mul(DIESEL_A.hi, NCV_DIESEL.hi, CO2_DIESEL.hi)), P),
    ]);
    const alt = runRecipe(recipe("scope1"), "site-a", inputs, { method: m2 });
    expect(show(alt.value)).toBe("7.40000000000000000000"); // 1000 × 0.01 × 0.2 + 2 × 10 × 0.27
  });

  it("a method without a factor for a fuel the unit burns leaves that term unresolved", () => {
    const run = runRecipe(recipe("scope1"), "site-a", inputs, { method: m3 });
    expect(run.unresolved.map((t) => t.activity)).toEqual(["diesel"]);
    expect(run.terms.map((t) => t.quantity.metric)).toEqual(["energy.natural_gas"]);
  });

  it("scope 2 at site A: 100 MWh × 0.5 = 50; site B has no grid factor; site C no electricity", () => {
    const run = runRecipe(recipe("scope2"), "site-a", inputs);
    expect(show(run.value)).toBe("50.00000000000000000000");
    // [99.95 × 0.49995, 100.05 × 0.50005] = [49.9700025, 50.0300025]
    expect(showInterval(run.interval)).toEqual(["49.97000250000000000000", "50.03000250000000000000"]);
    expect(runRecipe(recipe("scope2"), "site-b", inputs).unresolved.map((t) => t.metric)).toEqual([
      "energy.purchased_electricity",
    ]);
    expect(runRecipe(recipe("scope2"), "site-c", inputs)).toMatchObject({ terms: [], plus: [], unresolved: [] });
  });

  it("in base units (inBase) a term keeps its value: the target's unit is already the base here", () => {
    expect(show(runRecipe(recipe("scope1"), "site-a", inputs, { inBase: true }).value)).toBe("7.36020000000000000000");
  });

  it("a recipe the rules do not have runs the same way: CH4 × 28 + N2O × 265 (GWPs as constants, no factor)", () => {
    // Metrics outside the catalogue count in their own unit (base ratio 1): a table made by hand for them.
    const cell = (metric: string, value: string, lo: string, hi: string): Recomputed => ({
      metric,
      node: "x",
      period: "FY2023",
      kind: "input",
      value: new Dec(value),
      interval: { lo: new Dec(lo), hi: new Dec(hi) },
      inputs: [],
    });
    const gases: RecomputedTable = {
      cells: new Map([
        [
          "x",
          new Map([
            ["ghg.ch4", cell("ghg.ch4", "1.50", "1.495", "1.505")],
            ["ghg.n2o", cell("ghg.n2o", "0.010", "0.0095", "0.0105")],
          ]),
        ],
      ]),
      denominators: new Map(),
      period: "FY2023",
    };
    const gwp: Recipe = {
      id: "scope1-gases",
      target: "ghg.scope1",
      total: "ghg.total",
      plus: [],
      byMethod: false,
      title: "phrase.recipe.scope1",
      words: { target: "phrase.word.scope1", quantity: "phrase.word.fuel", quantityId: "gas" },
      terms: [
        { metric: "ghg.ch4", activity: "ch4", factors: [], constants: [new Dec(28)] },
        { metric: "ghg.n2o", activity: "n2o", factors: [], constants: [new Dec(265)] },
      ],
    };
    const run = runRecipe(gwp, "x", { catalogue: cat, table: gases, plan });
    // 1.50 × 28 + 0.010 × 265 = 42 + 2.65 = 44.65; [1.495 × 28 + 0.0095 × 265, 1.505 × 28 + 0.0105 × 265] = [41.86 + 2.5175, 42.14 + 2.7825]
    expect(show(run.value)).toBe("44.65000000000000000000");
    expect(showInterval(run.interval)).toEqual(["44.37750000000000000000", "44.92250000000000000000"]);
  });
});

describe("recalculate(): every recipe for every unit", () => {
  let recalcs: ReturnType<typeof recalculate> = [];
  beforeEach(() => {
    recalcs = recalculate(dataset, table, library, plan);
  });
  const at = (check: string, facility: string) => recalcs.find((r) => r.check === check && r.facility === facility);
  const listed = (rs: ReturnType<typeof recalculate>) =>
    rs.map((r) => `${r.check}@${r.facility}=${r.value.toDecimalPlaces(6).toFixed()}`);
  const atIn = (rs: ReturnType<typeof recalculate>, check: string, facility: string) =>
    rs.find((r) => r.check === check && r.facility === facility);

  it("recalculates what each unit has quantities and factors for, and leaves the rest out", () => {
    expect(recalcs.map((r) => `${r.check}@${r.facility}=${r.value.toDecimalPlaces(6).toFixed()}`)).toEqual([
      "scope2@site-a=50",
      "direct-energy@site-a=35",
      "scope1@site-a=7.3602",
      // no instruments, no residual mix pinned: market-based falls back to the grid factor, 100 MWh × 0.5 = 50
      "scope2-market@site-a=50",
      // site B: no grid factor, so no scope 2; gas 500 m³ × 0.01 = 5 MWh; 5 MWh × 0.054 × 0.99 × 44/12 = 0.9801
      "direct-energy@site-b=5",
      "scope1@site-b=0.9801",
      // site C burns nothing and buys no electricity: nothing to recalculate
    ]);
  });

  it("scope 1 runs by the pinned method, the others alongside; a method lacking a fuel the unit burns is left out", () => {
    const a = at("scope1", "site-a")!;
    expect(a.method).toBe("m1");
    expect(a.alternatives.map((m) => [m.method, show(m.value)])).toEqual([["m2", "7.40000000000000000000"]]); // m3: no diesel
    const b = at("scope1", "site-b")!; // gas only: 500 × 0.01 × 0.2 = 1 under m2 and m3
    expect(b.alternatives.map((m) => [m.method, show(m.value)])).toEqual([
      ["m2", "1.00000000000000000000"],
      ["m3", "1.00000000000000000000"],
    ]);
    expect(at("direct-energy", "site-a")!.method).toBeNull();
    expect(at("direct-energy", "site-a")!.alternatives).toEqual([]); // not by method: no alternatives
    expect(at("direct-energy", "site-a")!.plus.map((p) => p.metric)).toEqual(["energy.solar_onsite"]);
  });

  it("pinned to a method that lacks a fuel a unit burns: that unit's scope 1 is left out; each alternative runs by its own factors", () => {
    // Pinned m3 (gas only), alternatives m1 and m2. Site A burns diesel, which m3 lacks: no scope 1 for it (not one
    // from its gas alone, 1,000 m³ × 0.01 × 0.2 = 2). Site B burns gas only: 500 m³ × 0.01 MWh/m³ = 5 MWh; by m3
    // (and m2) 5 × 0.2 = 1; by m1 5 × 0.054 × 0.99 × 44/12 = 0.26730 × 44/12 = 0.9801. The other recipes do not
    // depend on the method: the same as pinned m1.
    const recalcs = recalculate(dataset, table, library, { ...plan, method: m3, alternatives: [m1, m2] });
    expect(listed(recalcs)).toEqual([
      "scope2@site-a=50",
      "direct-energy@site-a=35",
      "scope2-market@site-a=50",
      "direct-energy@site-b=5",
      "scope1@site-b=1",
    ]);
    const b = atIn(recalcs, "scope1", "site-b")!;
    expect([b.method, ...b.alternatives.map((m) => `${m.method}=${show(m.value)}`)]).toEqual([
      "m3",
      "m1=0.98010000000000000000",
      "m2=1.00000000000000000000",
    ]);
    // Each alternative carries its own terms: m1's gas term is NCV × carbon × oxidation, then 44/12.
    expect(b.alternatives[0]!.terms.map((t) => t.factors.map((f) => f.id))).toEqual([
      ["ncv-gas", "carbon-gas", "ox-gas"],
    ]);
  });

  it("a unit with only figures added as they are (no term) is recalculated from them", () => {
    // Diesel × NCV + purchased electricity: site A 2 t × 10 MWh/t + 100 MWh = 120 MWh; site B burns no diesel, and
    // its 40 MWh of electricity alone are its figure; site C has neither: left out.
    const dieselAndElectricity: Recipe = {
      id: "diesel-and-electricity",
      target: "energy.total",
      total: null,
      byMethod: false,
      title: "phrase.recipe.direct-energy",
      words: { target: "phrase.word.direct-energy", quantity: "phrase.word.fuel", quantityId: "fuel" },
      terms: rules.fuels
        .filter((f) => f.activity === "diesel")
        .map((f) => ({ metric: f.metric, activity: f.activity, factors: ["ncv"], constants: [] })),
      plus: ["energy.purchased_electricity"],
    };
    const recalcs = recalculate(dataset, table, { ...library, recipes: [dieselAndElectricity] }, plan);
    expect(listed(recalcs)).toEqual(["diesel-and-electricity@site-a=120", "diesel-and-electricity@site-b=40"]);
    expect(atIn(recalcs, "diesel-and-electricity", "site-b")!.terms).toEqual([]);
  });

  it("a recipe added to the library is recalculated with no new code: total energy = Σ fuel × NCV + electricity + solar", () => {
    const totalEnergy: Recipe = {
      id: "total-energy",
      target: "energy.total",
      total: null,
      byMethod: false,
      title: "phrase.recipe.direct-energy",
      words: { target: "phrase.word.direct-energy", quantity: "phrase.word.fuel", quantityId: "fuel" },
      terms: rules.fuels.map((f) => ({ metric: f.metric, activity: f.activity, factors: ["ncv"], constants: [] })),
      plus: ["energy.purchased_electricity", "energy.solar_onsite"],
    };
    const more = recalculate(dataset, table, { ...library, recipes: [totalEnergy] }, plan);
    // site A: 10 + 20 + 100 + 5 = 135 MWh; site B: 5 + 40 = 45 MWh
    expect(listed(more)).toEqual(["total-energy@site-a=135", "total-energy@site-b=45"]);
    // and the implied-factor analysis derives its NCV: site A (135 − 100 − 5 − 10) ÷ 2 t of diesel (the dominant fuel)
    // = 10; site B, whose total energy is its 40 MWh of electricity alone (no direct energy reported): (40 − 40) ÷ 500 = 0
    const implied = impliedFactors(dataset, table, { ...library, recipes: [totalEnergy] }, plan);
    expect(
      implied.map((i) => [i.facility, i.kind, i.activity, i.value?.toDecimalPlaces(6).toFixed() ?? null, i.unit]),
    ).toEqual([
      ["site-a", "ncv", "diesel", "10", "MWh/t"],
      ["site-b", "ncv", "natural_gas", "0", "MWh/m3"],
    ]);
  });
});

describe("boundary estimates derived from the recipes", () => {
  let findings: ReturnType<typeof boundaryFindings> = [];
  beforeEach(() => {
    findings = boundaryFindings(dataset, table, library, plan);
  });
  const sentence = (metric: string, column: string) =>
    formatMessage(
      texts.value,
      "en",
      findings.find((f) => f.metric === metric && f.column === column)!.causes[0]!.message,
    );

  it("only site B reports activity without what it implies", () => {
    expect(findings.map((f) => `${f.metric}@${f.column}:${f.status}`)).toEqual([
      "ghg.scope2@site-b:incomplete",
      "ghg.scope1@site-b:incomplete",
    ]);
  });

  it("fuel without scope 1: the scope 1 recipe over the fuel reported, by the pinned method", () => {
    const f = findings.find((x) => x.metric === "ghg.scope1")!;
    // 500 m³ × 0.01 × 0.054 × 0.99 × 44/12 = 0.9801, printed 1.0
    expect(show(f.recomputedExact!)).toBe(fixed(gasM1(GAS_B, "v"), P));
    expect(showInterval(f.recomputedInterval!)).toEqual([fixed(gasM1(GAS_B, "lo"), P), fixed(gasM1(GAS_B, "hi"), P)]);
    expect(f.recomputedRounded!.toFixed(1)).toBe("1.0");
    // shares: 0.9801 ÷ 10.4 (scope 1 at the group: 7.4 + 3.0) = 9.42%; 0.9801 ÷ 60.4 (+ scope 2 50.0) = 1.62%
    expect(sentence("ghg.scope1", "site-b")).toBe(
      "site-b reports fuel (natural_gas) but no ghg.scope1: about 1.0 is missing (method m1: ncv-gas, carbon-gas, ox-gas); 9.4% of the scope 1 total 10.4, 1.6% of the GHG total 60.4",
    );
  });

  it("electricity without scope 2 and no grid factor for the unit: said, not estimated", () => {
    const f = findings.find((x) => x.metric === "ghg.scope2")!;
    expect(f.recomputedExact).toBeNull();
    expect(sentence("ghg.scope2", "site-b")).toBe(
      "site-b reports purchased electricity (40.0) but no ghg.scope2: no factor to estimate what is missing (see the notes on recalculation)",
    );
  });

  it("with a grid factor for site B: 40 MWh × 0.5 = 20, 40% of scope 2 (50.0), 33.1% of GHG (60.4)", () => {
    const withGrid: FactorPlan = { ...plan, grid: new Map([...plan.grid, ["site-b", F("grid-a")]]) };
    const f = boundaryFindings(dataset, table, library, withGrid).find((x) => x.metric === "ghg.scope2")!;
    expect(f.recomputedExact!.toFixed()).toBe("20");
    // [39.95 × 0.49995, 40.05 × 0.50005] = [19.9730025, 20.0270025]
    expect(showInterval(f.recomputedInterval!)).toEqual(["19.97300250000000000000", "20.02700250000000000000"]);
    // 20 ÷ 60.4 = 0.33112…
    expect(formatMessage(texts.value, "en", f.causes[0]!.message)).toBe(
      "site-b reports purchased electricity (40.0) but no ghg.scope2: about 20.0 is missing (40.0 MWh × 0.5000 tCO2/MWh (grid-a)); 40.0% of the scope 2 total 50.0, 33.1% of the GHG total 60.4",
    );
  });
});

describe("the implied-factor analysis derived from the recipes", () => {
  let implied: ReturnType<typeof impliedFactors> = [];
  beforeEach(() => {
    implied = impliedFactors(dataset, table, library, plan);
  });
  const find = (facility: string, kind: string) => implied.find((i) => i.facility === facility && i.kind === kind)!;

  it("lists, per unit, grid, NCV and combustion as the recipes come", () => {
    const reason = (i: (typeof implied)[number]) =>
      i.reason ? ` (${formatMessage(texts.value!, "en", i.reason)})` : "";
    expect(implied.map((i) => `${i.facility}:${i.kind}:${i.activity}${reason(i)}`)).toEqual([
      "site-a:grid:electricity",
      "site-a:ncv:diesel",
      "site-a:combustion:diesel",
      "site-b:grid:electricity (no scope 2 reported)",
      // site B reports no direct energy nor scope 1: nothing to divide
      "site-c:combustion:fuel (scope 1 is reported but no fuel quantity (or only zero))",
    ]);
    // the same reasons in the report's language, with the words of the catalogue ("範疇二", "燃料")
    expect(formatMessage(texts.value!, "zh-Hant", find("site-b", "grid").reason!)).toBe("未報告範疇二");
    expect(formatMessage(texts.value!, "zh-Hans", find("site-c", "combustion").reason!)).toBe(
      "报告了范畴一，但没有燃料用量（或用量全为零）",
    );
  });

  it("grid: scope 2 ÷ the one term's quantity, 50.0 ÷ 100.0", () => {
    const g = find("site-a", "grid");
    expect(show(g.value!)).toBe("0.50000000000000000000");
    // [49.95 ÷ 100.05, 50.05 ÷ 99.95]
    expect(showInterval(g.interval!)).toEqual([
      fixed(div(q("49.95"), q("100.05")), P),
      fixed(div(q("50.05"), q("99.95")), P),
    ]);
    expect(g.unit).toBe("tCO2e/MWh");
    // grid-a [0.49995, 0.50005] overlaps; grid-other 0.6 does not: (0.6 − 0.5) ÷ 0.5 = 0.2
    expect(g.candidates.map((c) => [c.id, c.consistent, c.relative.toFixed()])).toEqual([
      ["grid-a", true, "0"],
      ["grid-other", false, "0.2"],
    ]);
  });

  it("NCV: (direct energy − solar − gas at its NCV) ÷ diesel, the dominant fuel by energy (20 MWh against 10)", () => {
    const n = find("site-a", "ncv");
    // (35 − 5 − 10) ÷ 2 = 10
    expect(show(n.value!)).toBe("10.00000000000000000000");
    // left = [34.95 − 5.05 − 1000.05 × 0.01005, 35.05 − 4.95 − 999.95 × 0.00995] = [19.8494975, 20.1504975]; ÷ [1.95, 2.05]
    const left = {
      lo: sub(sub(q("34.95"), SOLAR_A.hi), mul(GAS_A.hi, NCV_GAS.hi)),
      hi: sub(sub(q("35.05"), SOLAR_A.lo), mul(GAS_A.lo, NCV_GAS.lo)),
    };
    expect(fixed(left.lo, 7)).toBe("19.8494975");
    expect(showInterval(n.interval!)).toEqual([
      fixed(div(left.lo, DIESEL_A.hi), P),
      fixed(div(left.hi, DIESEL_A.lo), P),
    ]);
    expect(n.assumed).toEqual([{ activity: "natural_gas", factors: ["ncv-gas"] }]);
    expect(n.unit).toBe("MWh/t");
    expect(n.candidates.map((c) => [c.id, c.consistent])).toEqual([["ncv-diesel", true]]);
  });

  it("combustion: (scope 1 − gas at m1's factors) ÷ diesel, compared with each method's diesel factor", () => {
    const c = find("site-a", "combustion");
    // (7.4 − 1.9602) ÷ 2 = 2.7199
    expect(show(c.value!)).toBe(fixed(div(sub(q("7.4"), gasM1(GAS_A, "v")), DIESEL_A.v), P));
    expect(show(c.value!)).toBe("2.71990000000000000000");
    expect(showInterval(c.interval!)).toEqual([
      fixed(div(sub(q("7.35"), gasM1(GAS_A, "hi")), DIESEL_A.hi), P),
      fixed(div(sub(q("7.45"), gasM1(GAS_A, "lo")), DIESEL_A.lo), P),
    ]);
    expect(c.assumed).toEqual([{ activity: "natural_gas", factors: ["m1: ncv-gas × carbon-gas × ox-gas"] }]);
    expect(c.unit).toBe("tCO2e/t");
    // m1 and m2 both give diesel 10 × 0.27 = 2.7, range [9.995 × 0.26995, 10.005 × 0.27005] = [2.69815025, 2.70185025]
    expect(c.candidates.map((x) => [x.id, x.consistent, showInterval(x.base)])).toEqual([
      ["m1", true, [fixed(mul(NCV_DIESEL.lo, CO2_DIESEL.lo), P), fixed(mul(NCV_DIESEL.hi, CO2_DIESEL.hi), P)]],
      ["m2", true, ["2.69815025000000000000", "2.70185025000000000000"]],
    ]);
  });

  it("gas would be implied under m2 with the CO2 route: the candidate is its product 0.01 × 0.2 = 0.002", () => {
    expect(
      FACTOR_SOURCES.combustion.choices(library, plan, "natural_gas", "volume").map((c) => [c.id, show(c.baseValue)]),
    ).toEqual([
      ["m1", fixed(mul(NCV_GAS.v, CARBON_GAS.v, OX_GAS.v, CO2_PER_C), P)],
      ["m2", fixed(mul(NCV_GAS.v, CO2_GAS.v), P)],
      ["m3", "0.00200000000000000000"],
    ]);
  });
});
