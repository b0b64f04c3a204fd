// A real table with intensities per floor area (issue 14 item 1): Hibernia REIT's EPRA sustainability summary for
// FY2016, the floor area printed in the table itself and declared as a denominator of the measure "floor-area".
// Every expected figure is worked out here from the printed text in exact rationals over BigInt (tests/cli/rational.ts),
// never copied from the tool's output.
import { describe, expect, it } from "vitest";
import { fixture, runCli, type JsonFinding } from "./runCli.js";
import { Q } from "./rational.js";

interface Report {
  counts: Record<string, number>;
  findings: JsonFinding[];
  denominator: unknown;
  denominatorAnalysis: {
    intensities: {
      metric: string;
      node: string;
      period: string;
      measure: string;
      impliedDenominator: [string, string] | null;
      consistentWith: string[];
    }[];
    groups: {
      node: string;
      period: string;
      measure: string;
      intersection: [string, string] | null;
      denominators: { id: string; consistentWith: string[]; inconsistentWith: string[] }[];
    }[];
  };
}

// As printed ("Total for assessed buildings" column) and the floor area of the table's first row.
const printed = {
  electricity: "4,475,000", // kWh/ann
  fuel: "5,753,000", // kWh/ann
  energyIntensity: "261", // kWh/m2.ann
  scope1: "1,151", // T CO2/ann
  scope2: "2,059", // T CO2/ann
  ghgIntensity: "82", // kgCO2/m2.ann
  water: "16,751", // m3/ann
  waterIntensity: "0.55", // m3/ m2.ann
};
const area = Q.of("39,260"); // m2

const r = runCli(["check", fixture("real-hibernia-2016"), "--format", "json"]);
const report = JSON.parse(r.stdout) as Report;
const cell = (metric: string) =>
  report.findings.find((f) => f.metric === metric && f.column === "assessed" && f.kind === "intensity")!;
// JSON decimals carry no trailing zeros.
const trim = (x: string) => x.replace(/\.?0+$/, "");
/** [numerator.lo ÷ printed.hi, numerator.hi ÷ printed.lo], rounded outward to 6 decimals. */
const implied = (lo: Q, hi: Q, p: string, half: string) => [
  trim(lo.div(Q.of(p).plus(Q.of(half))).down(6)),
  trim(hi.div(Q.of(p).minus(Q.of(half))).up(6)),
];

describe("Hibernia REIT FY2016, EPRA sustainability summary (en; intensities per m² of floor area)", () => {
  it("Building energy intensity: (4,475,000 + 5,753,000) kWh ÷ 39,260 m² = 260.52 → 261, as printed (match)", () => {
    const exact = Q.of(printed.electricity).plus(Q.of(printed.fuel)).div(area);
    expect(exact.fixed(0)).toBe(printed.energyIntensity);
    expect(cell("hib.energy_intensity").status).toBe("match");
  });

  it("GHG intensity: (1,151 + 2,059) t × 1,000 kg/t ÷ 39,260 m² = 81.76 kg → 82, as printed (match)", () => {
    const exact = Q.of(printed.scope1).plus(Q.of(printed.scope2)).times(Q.of("1000")).div(area);
    expect(exact.fixed(0)).toBe(printed.ghgIntensity);
    expect(cell("hib.ghg_intensity").status).toBe("match");
  });

  it("Building water intensity: 16,751 m³ ÷ 39,260 m² = 0.4267 → 0.43, printed 0.55 (mismatch)", () => {
    const exact = Q.of(printed.water).div(area);
    expect(exact.fixed(2)).toBe("0.43");
    const f = cell("hib.water_intensity");
    expect(f.status).toBe("mismatch");
    expect(f.published).toBe(printed.waterIntensity);
  });

  it("flags that cell alone and fails the run; no revenue is declared, so the report's denominator is null", () => {
    expect(report.findings.filter((f) => f.status !== "match").map((f) => f.metric)).toEqual(["hib.water_intensity"]);
    expect(report.counts.match).toBe(7);
    expect(r.code).toBe(1);
    expect(report.denominator).toBeNull();
  });

  it("the floor areas each intensity implies: energy and GHG hold 39,260, water does not, none in common", () => {
    const a = report.denominatorAnalysis;
    const one = Q.of("1"); // each absolute figure is printed to the unit: ± 0.5, two of them ± 1
    const energy = Q.of(printed.electricity).plus(Q.of(printed.fuel));
    const ghgT = Q.of(printed.scope1).plus(Q.of(printed.scope2));
    const water = Q.of(printed.water);
    const byMetric = (m: string) => a.intensities.find((i) => i.metric === m)!;
    expect(byMetric("hib.energy_intensity").impliedDenominator).toEqual(
      implied(energy.minus(one), energy.plus(one), printed.energyIntensity, "0.5"),
    );
    // GHG in tonnes against the printed kilograms in tonnes: 82 kg → [0.0815, 0.0825] t
    expect(byMetric("hib.ghg_intensity").impliedDenominator).toEqual(
      implied(ghgT.minus(one), ghgT.plus(one), "0.082", "0.0005"),
    );
    const half = Q.of("0.5");
    expect(byMetric("hib.water_intensity").impliedDenominator).toEqual(
      implied(water.minus(half), water.plus(half), printed.waterIntensity, "0.005"),
    );
    expect(a.intensities.map((i) => [i.measure, i.consistentWith])).toEqual([
      ["floor-area", ["floor-area"]],
      ["floor-area", ["floor-area"]],
      ["floor-area", []],
    ]);
    expect(a.groups).toHaveLength(1);
    const g = a.groups[0]!;
    expect([g.node, g.period, g.measure, g.intersection]).toEqual(["assessed", "FY2016", "floor-area", null]);
    expect(g.denominators).toEqual([
      {
        id: "floor-area",
        printed: "39,260",
        interval: ["39259.5", "39260.5"],
        consistentWith: ["hib.energy_intensity", "hib.ghg_intensity"],
        inconsistentWith: ["hib.water_intensity"],
      },
    ]);
  });
});
