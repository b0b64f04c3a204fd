// The built-in catalogue: references to the disclosure frameworks, and the consistency checks buildCatalogue makes.
import { describe, expect, it } from "vitest";
import { loadCatalogue } from "../../src/io/reference.js";
import { buildCatalogue } from "../../src/model/catalogue.js";

const catalogue = loadCatalogue();
if (!catalogue.ok) throw new Error(JSON.stringify(catalogue.errors));
const metrics = catalogue.value.metrics;

describe("framework references", () => {
  it("map the metrics to their HKEX KPI and GRI disclosure (GRI 305-1/305-2 for scopes 1/2, HKEX A1.2 for GHG …)", () => {
    const ref = (id: string) => metrics.find((m) => m.id === id)?.references;
    expect(ref("ghg.scope1")).toEqual({
      hkex: "A1.2",
      gri: "305-1",
      esrs: "esrs_GrossScope1GreenhouseGasEmissions",
      esrsParagraph: "E1-6 §44(a)",
      ifrsS2: "29(a)(i)(1)",
    });
    expect(ref("ghg.scope2")).toEqual({
      hkex: "A1.2",
      gri: "305-2",
      esrs: "esrs_GrossLocationBasedScope2GreenhouseGasEmissions",
      esrsParagraph: "E1-6 §44(b), §49(a)",
      ifrsS2: "29(a)(v)",
    });
    expect(ref("ghg.scope3.c06")).toEqual({
      gri: "305-3",
      esrs: "esrs_GrossScope3GreenhouseGasEmissions",
      esrsMember: "esrs_Category6BusinessTravelMember",
      esrsParagraph: "E1-6 §51, AR 46",
      ifrsS2: "29(a)(vi)",
    });
    expect(ref("ghg.intensity")).toEqual({ hkex: "A1.2", gri: "305-4" });
    expect(ref("energy.total")).toEqual({ hkex: "A2.1", gri: "302-1" });
    expect(ref("energy.intensity")).toEqual({ hkex: "A2.1", gri: "302-3" });
    expect(ref("waste.hazardous.total")).toEqual({ hkex: "A1.3", gri: "306-3" });
    expect(ref("air.nox")).toEqual({ hkex: "A1.1", gri: "305-7" });
    expect(ref("water.municipal")).toEqual({ hkex: "A2.2", gri: "303-3" });
  });

  it("every emission, energy and waste metric has an HKEX KPI, except what KPIs A1.2 and A2.1 do not name", () => {
    // A1.2 names scope 1 and 2 (and their intensity) only; energy sold is no consumption (A2.1).
    const outsideHkex =
      /^ghg\.(scope3|total_incl_scope3|intensity_incl_scope3|removals|credits|net|biogenic_co2)|^energy\.sold$/;
    const checked = metrics.filter(
      (x) =>
        /^(ghg|energy|air|waste\.(hazardous|non_hazardous)\.(total|intensity))/.test(x.id) && !outsideHkex.test(x.id),
    );
    expect(checked.length).toBeGreaterThan(20);
    for (const m of checked) expect(m.references.hkex, m.id).toMatch(/^A[12]\.\d$/);
    for (const m of metrics.filter((x) => outsideHkex.test(x.id))) expect(m.references.hkex, m.id).toBeUndefined();
  });

  it("every GHG and energy-mix metric added for ESRS E1 carries its ESRS paragraph, and an element where the taxonomy has one", () => {
    // (shares are ratios of these, with no datapoint of their own)
    const esrs = metrics.filter(
      (x) =>
        x.kind !== "ratio" &&
        /^ghg\.(scope[123]|total_incl|intensity_incl|removals|credits|biogenic)|^energy\.(fossil|nuclear|renewable|own_operations)/.test(
          x.id,
        ),
    );
    // … + 1: market-based scope 2 (E1-6 §49(b)); + 2: the market-based total including scope 3 and its intensity
    // (E1-6 §52(b), AR 47, AR 53)
    expect(esrs.length).toBe(15 + 3 + 2 + 2 + 3 + 6 + 1 + 4 + 1 + 1 + 2);
    expect(esrs.map((m) => m.id)).toEqual(
      expect.arrayContaining(["ghg.total_incl_scope3.market", "ghg.intensity_incl_scope3.market"]),
    );
    for (const m of esrs) {
      expect(m.references.esrsParagraph, m.id).toMatch(/^E1-[5-7] /);
      expect(m.references.esrs, m.id).toMatch(/^esrs_[A-Z]/);
    }
  });
});

describe("buildCatalogue", () => {
  const base = { sections: [{ id: "s", labels: { en: "S" }, aliases: [] }] };
  const units = { units: [{ id: "t", dimension: "mass" as const, toBase: "1", labels: { en: "t" }, aliases: [] }] };
  const metric = (id: string, extra: object) => ({
    id,
    section: "s",
    labels: { en: id },
    aliases: [],
    nonNegative: true,
    references: {},
    ...extra,
  });

  it("refuses a rule that adds or subtracts a figure reported outside the scopes (biogenic CO2)", () => {
    for (const coefficient of ["1", "-1"]) {
      const r = buildCatalogue(
        {
          ...base,
          metrics: [
            metric("bio", { kind: "base", unit: "t", file: "emissions", outsideScopes: true }),
            metric("s1", { kind: "base", unit: "t", file: "emissions" }),
            metric("tot", {
              kind: "derived",
              unit: "t",
              terms: [
                { metric: "s1", coefficient: "1" },
                { metric: "bio", coefficient },
              ],
            }),
          ],
        } as never,
        units,
        {},
      );
      expect(r.ok).toBe(false);
      expect(r.errors?.[0]?.message).toContain("term bio is reported outside the scopes");
    }
  });

  it("refuses a withScope3 counterpart that is no metric, or of another kind", () => {
    const withTarget = (target: string) =>
      buildCatalogue(
        {
          ...base,
          metrics: [
            metric("s1", { kind: "base", unit: "t", file: "emissions" }),
            metric("tot", {
              kind: "derived",
              unit: "t",
              terms: [{ metric: "s1", coefficient: "1" }],
              withScope3: target,
            }),
          ],
        } as never,
        units,
        {},
      );
    expect(withTarget("nope").errors?.[0]?.message).toBe("metric tot: withScope3 nope is not a metric");
    expect(withTarget("s1").errors?.[0]?.message).toBe(
      "metric tot: withScope3 s1 must be another metric of its kind (derived)",
    );
    expect(withTarget("tot").ok).toBe(false);
  });

  it("refuses a locationBased counterpart that is no metric, or of another kind or unit", () => {
    const withTarget = (target: string, unit = "t") =>
      buildCatalogue(
        {
          ...base,
          metrics: [
            metric("lb", { kind: "base", unit, file: "emissions" }),
            metric("s1", { kind: "base", unit: "t", file: "emissions" }),
            metric("tot", { kind: "derived", unit: "t", terms: [{ metric: "s1", coefficient: "1" }] }),
            metric("mb", { kind: "base", unit: "t", file: "emissions", locationBased: target }),
          ],
        } as never,
        {
          units: [
            ...units.units,
            { id: "kg", dimension: "mass" as const, toBase: "0.001", labels: { en: "kg" }, aliases: [] },
          ],
        },
        {},
      );
    expect(withTarget("lb").ok).toBe(true);
    expect(withTarget("nope").errors?.[0]?.message).toBe("metric mb: locationBased nope is not a metric");
    const wrong = "must be another metric of its kind (base) and unit";
    expect(withTarget("tot").errors?.[0]?.message).toBe(`metric mb: locationBased tot ${wrong}`);
    expect(withTarget("mb").errors?.[0]?.message).toBe(`metric mb: locationBased mb ${wrong}`);
    expect(withTarget("lb", "kg").errors?.[0]?.message).toBe(`metric mb: locationBased lb ${wrong}`);
  });

  it("pairs every market-based GHG metric with its location-based counterpart (ESRS E1-6 §49, AR 47, AR 53)", () => {
    const pairs = metrics.filter((m) => m.locationBased).map((m) => `${m.id} → ${m.locationBased}`);
    expect(pairs).toEqual([
      "ghg.scope2.market → ghg.scope2",
      "ghg.total.market → ghg.total",
      "ghg.intensity.market → ghg.intensity",
      "ghg.total_incl_scope3.market → ghg.total_incl_scope3",
      "ghg.intensity_incl_scope3.market → ghg.intensity_incl_scope3",
    ]);
  });

  it("keeps an intensity's measure (default revenue)", () => {
    const r = buildCatalogue(
      {
        ...base,
        metrics: [
          metric("e", { kind: "base", unit: "t", file: "energy" }),
          metric("i", { kind: "intensity", numerator: "e" }),
          metric("j", { kind: "intensity", numerator: "e", measure: "revenue-high-climate-impact" }),
        ],
      } as never,
      units,
      {},
    );
    expect(r.value?.metrics.map((m) => (m.kind === "intensity" ? m.measure : null))).toEqual([
      null,
      "revenue",
      "revenue-high-climate-impact",
    ]);
  });

  it("refuses a derived metric whose term comes after it (that is how cycles are ruled out)", () => {
    const r = buildCatalogue(
      {
        ...base,
        metrics: [
          metric("a", { kind: "derived", unit: "t", terms: [{ metric: "b", coefficient: "1" }] }),
          metric("b", { kind: "base", unit: "t", file: "waste" }),
        ],
      } as never,
      units,
      {},
    );
    expect(r.ok).toBe(false);
    expect(r.errors?.[0]?.message).toContain("term b must be a metric declared before it");
  });

  it("refuses an intensity of an intensity and an unknown unit", () => {
    const r = buildCatalogue(
      {
        ...base,
        metrics: [
          metric("a", { kind: "base", unit: "kg", file: "waste" }),
          metric("i", { kind: "intensity", numerator: "a" }),
          metric("j", { kind: "intensity", numerator: "i" }),
        ],
      } as never,
      units,
      {},
    );
    expect(r.errors?.map((e) => e.message)).toEqual([
      "metric a: unit kg is not in units.json",
      "metric j: numerator i is itself an intensity",
    ]);
  });
});
