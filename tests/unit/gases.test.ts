// Does the scope 1 recalculation include CH4 and N2O from combustion? No: the built-in scope 1 recipe is
// Σ fuel × combustion factor, and both methods' combustion factors are CO2 only (carbon content × oxidation × 44/12,
// or a CO2 factor per energy); methane and nitrous oxide enter a total only as gases in their own masses, through
// the GWP set (ghg.gases.co2e). This file shows both, with an expected figure worked out by BigInt.
import { describe, expect, it } from "vitest";
import { recalculate } from "../../src/compute/recalculate.js";
import { loadLibrary } from "../../src/io/factors.js";
import { loadCatalogue } from "../../src/io/reference.js";
import { planFactors } from "../../src/model/factorPlan.js";
import { memoryDataset } from "./memoryDataset.js";

const catalogue = loadCatalogue();
if (!catalogue.ok) throw new Error(JSON.stringify(catalogue.errors));
const cat = catalogue.value;
const library = loadLibrary(cat);
if (!library.ok) throw new Error(JSON.stringify(library.errors));

describe("scope 1 recalculation counts CO2 from combustion only", () => {
  it("its recipe multiplies fuels by combustion factors, and every method's combustion factors are CO2 factors", () => {
    const scope1 = library.value.recipes.find((r) => r.id === "scope1")!;
    expect(scope1.terms.map((t) => t.metric)).toEqual(["energy.natural_gas", "energy.diesel"]);
    expect(scope1.terms.every((t) => t.factors.join() === "combustion")).toBe(true);
    for (const m of library.value.rules.methods)
      for (const fuel of Object.values(m.fuels)) {
        const ids = "co2" in fuel ? [fuel.co2] : [fuel.carbon, fuel.oxidation];
        const kinds = ids.map((id) => library.value.factors.find((f) => f.id === id)!.kind);
        expect(kinds.every((k) => k === "co2_combustion" || k === "carbon_content" || k === "oxidation")).toBe(true);
      }
  });

  const site = (emissions: string) =>
    memoryDataset(cat, {
      id: "gases",
      units: [{ id: "a", label: "A" }],
      published: "label,unit,A,Group\nScope 1,tCO2e,2.2,2.2\n",
      activity: {
        "energy.csv": "facility,metric,value,unit\na,energy.natural_gas,1000,m3\n",
        "emissions.csv": `facility,metric,value,unit\na,ghg.scope1,2.2,tCO2e\n${emissions}`,
      },
    });
  const scope1Of = (emissions: string) => {
    const { dataset, table } = site(emissions);
    const plan = planFactors(dataset, library.value, null);
    if (!plan.ok) throw new Error(JSON.stringify(plan.errors));
    return recalculate(dataset, table, library.value, plan.value).find((r) => r.check === "scope1")!.value;
  };

  it("1,000 m³ of natural gas: 1000 × 0.038931 GJ × 0.0153 tC/GJ × 0.99 × 44/12 tCO2, with or without CH4 and N2O reported", () => {
    // cn-guideline (the default method): NCV 389.31 GJ/10^4 m³, carbon 0.0153 tC/GJ, oxidation 0.99, 44/12
    const n = 1000n * 38931n * 153n * 99n * 44n; // ÷ (10^6 · 10^4 · 10^2 · 12)
    const d = 1_000_000n * 10_000n * 100n * 12n;
    const without = scope1Of("");
    const withGases = scope1Of("a,ghg.gas.ch4,0.500,t CH4\na,ghg.gas.n2o,0.020,t N2O\n");
    // 44/12 does not end: compare to 15 decimals, the rational rounded half-up by hand
    const places = 15n;
    const scaled = (n * 10n ** places * 2n + d) / (2n * d);
    const expected = `${scaled / 10n ** places}.${(scaled % 10n ** places).toString().padStart(15, "0")}`;
    expect(expected).toBe("2.162188809000000");
    for (const v of [without, withGases]) expect(v.toFixed(15)).toBe(expected);
    expect(withGases.eq(without)).toBe(true);
  });
});
