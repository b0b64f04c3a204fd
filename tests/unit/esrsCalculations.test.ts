// The calculation arcs of EFRAG's ESRS XBRL taxonomy (cal_esrs_301050, cal_esrs_301060, 2023-12-22) against the
// catalogue's rules. The expected arcs are written out here from the two linkbase files as published, independently
// of data/catalogue/esrs-calculations.json, so a typo in either is caught.
import { describe, expect, it } from "vitest";
import { loadCatalogue, loadEsrsCalculations } from "../../src/io/reference.js";
import { checkEsrsArcs } from "../../src/model/catalogue.js";

const catalogue = loadCatalogue();
if (!catalogue.ok) throw new Error(JSON.stringify(catalogue.errors));
const file = loadEsrsCalculations();
if (!file.ok) throw new Error(JSON.stringify(file.errors));

// from → [to, order] as cal_esrs_301050.xml and cal_esrs_301060.xml print them (every weight is 1.0).
const LINKBASES: Record<string, [string, string, number][]> = {
  "cal_esrs_301050.xml": [
    ["EnergyConsumptionRelatedToOwnOperations", "EnergyConsumptionFromFossilSources", 1],
    ["EnergyConsumptionFromFossilSources", "FuelConsumptionFromCoalAndCoalProducts", 1],
    ["EnergyConsumptionFromFossilSources", "FuelConsumptionFromCrudeOilAndPetroleumProducts", 2],
    ["EnergyConsumptionFromFossilSources", "FuelConsumptionFromNaturalGas", 3],
    ["EnergyConsumptionFromFossilSources", "FuelConsumptionFromOtherFossilSources", 4],
    [
      "EnergyConsumptionFromFossilSources",
      "ConsumptionOfPurchasedOrAcquiredElectricityHeatSteamOrCoolingFromFossilSources",
      5,
    ],
    ["EnergyConsumptionRelatedToOwnOperations", "EnergyConsumptionFromNuclearSources", 3],
    ["EnergyConsumptionRelatedToOwnOperations", "EnergyConsumptionFromRenewableSources", 5],
    ["EnergyConsumptionFromRenewableSources", "FuelConsumptionFromRenewableSources", 1],
    [
      "EnergyConsumptionFromRenewableSources",
      "ConsumptionOfPurchasedOrAcquiredElectricityHeatSteamAndCoolingFromRenewableSources",
      2,
    ],
    ["EnergyConsumptionFromRenewableSources", "ConsumptionOfSelfgeneratedNonfuelRenewableEnergy", 3],
    ["Revenue", "RevenueFromActivitiesInHighClimateImpactSectors", 1],
    ["Revenue", "RevenueFromActivitiesOtherThanInHighClimateImpactSectors", 2],
  ],
  "cal_esrs_301060.xml": [
    ["MarketBasedGreenhouseGasEmissions", "GrossScope1GreenhouseGasEmissions", 1],
    ["MarketBasedGreenhouseGasEmissions", "GrossMarketBasedScope2GreenhouseGasEmissions", 2],
    ["MarketBasedGreenhouseGasEmissions", "GrossScope3GreenhouseGasEmissions", 3],
    ["LocationBasedGreenhouseGasEmissions", "GrossScope1GreenhouseGasEmissions", 1],
    ["LocationBasedGreenhouseGasEmissions", "GrossLocationBasedScope2GreenhouseGasEmissions", 2],
    ["LocationBasedGreenhouseGasEmissions", "GrossScope3GreenhouseGasEmissions", 3],
  ],
};

describe("ESRS calculation arcs (data/catalogue/esrs-calculations.json)", () => {
  it("hold every arc of cal_esrs_301050 and cal_esrs_301060, and nothing else", () => {
    const got = file.value.linkbases.map((lb) => [lb.file, lb.arcs.map((a) => [a.from, a.to, a.order, a.weight])]);
    const want = Object.entries(LINKBASES).map(([f, arcs]) => [
      f,
      arcs.map(([from, to, order]) => [`esrs_${from}`, `esrs_${to}`, `${order}.0`, "1.0"]),
    ]);
    expect(got).toEqual(want);
  });

  it("agree with the catalogue's rules wherever both elements name metrics", () => {
    const checks = checkEsrsArcs(catalogue.value, file.value.linkbases);
    expect(checks.filter((c) => c.status === "broken")).toEqual([]);
    // 11 energy-mix arcs and the 3 of each total (ghg.total_incl_scope3 location-based, ghg.total_incl_scope3.market
    // market-based: S1 + S2 of that method + S3, ESRS E1 AR 47) are rules of the catalogue.
    expect(checks.filter((c) => c.status === "checked").length).toBe(11 + 3 + 3);
    expect(
      checks
        .filter((c) => c.status === "checked" && c.from === "esrs_MarketBasedGreenhouseGasEmissions")
        .map((c) => c.note),
    ).toEqual([
      "ghg.total_incl_scope3.market = … + 1 × ghg.scope1",
      "ghg.total_incl_scope3.market = … + 1 × ghg.scope2.market",
      "ghg.total_incl_scope3.market = … + 1 × ghg.scope3",
    ]);
    // Not metrics here: the revenue split (denominators, declared by datasets).
    expect(checks.filter((c) => c.status === "unmapped").map((c) => `${c.from} → ${c.to}`)).toEqual([
      "esrs_Revenue → esrs_RevenueFromActivitiesInHighClimateImpactSectors",
      "esrs_Revenue → esrs_RevenueFromActivitiesOtherThanInHighClimateImpactSectors",
    ]);
  });

  it("would catch a rule that drifts from its arcs: a term left out, a wrong weight, an extra term", () => {
    const lb = [
      {
        file: "x.xml",
        arcs: [
          { from: "esrs_A", to: "esrs_B", weight: "1.0" },
          { from: "esrs_A", to: "esrs_C", weight: "1.0" },
        ],
      },
    ];
    const metric = (id: string, esrs: string, extra: object) =>
      ({
        id,
        references: { esrs },
        section: "s",
        labels: { en: id },
        spellings: [],
        nonNegative: true,
        ...extra,
      }) as never;
    const Dec1 = catalogue.value.metrics.find((m) => m.kind === "derived" && m.id === "ghg.total");
    if (Dec1?.kind !== "derived") throw new Error("ghg.total is derived");
    const one = Dec1.terms[0]!.coefficient; // a Dec of 1
    const cat = (terms: { metric: string; coefficient: typeof one }[]) => ({
      ...catalogue.value,
      metrics: [
        metric("b", "esrs_B", { kind: "base", unit: "t", file: "waste" }),
        metric("c", "esrs_C", { kind: "base", unit: "t", file: "waste" }),
        metric("d", "esrs_D", { kind: "base", unit: "t", file: "waste" }),
        metric("a", "esrs_A", { kind: "derived", unit: "t", terms }),
      ],
    });
    const status = (terms: { metric: string; coefficient: typeof one }[]) =>
      checkEsrsArcs(cat(terms), lb).map((c) => `${c.status}: ${c.note}`);
    expect(
      status([
        { metric: "b", coefficient: one },
        { metric: "c", coefficient: one },
      ]),
    ).toEqual(["checked: a = … + 1 × b", "checked: a = … + 1 × c"]);
    expect(status([{ metric: "b", coefficient: one }])[1]).toBe("broken: a has no term c");
    expect(
      status([
        { metric: "b", coefficient: one },
        { metric: "c", coefficient: one.neg() },
      ])[1],
    ).toBe("broken: a weighs c by -1, not 1.0");
    expect(
      status([
        { metric: "b", coefficient: one },
        { metric: "c", coefficient: one },
        { metric: "d", coefficient: one },
      ])[0],
    ).toBe("broken: a also adds d, which no arc names");
  });
});
