// Activity rows in other units than the metric's are converted exactly (fixtures/units-converted/README.md).
import { describe, expect, it } from "vitest";
import { fixture, runCli } from "./runCli.js";

interface Finding {
  metric: string;
  column: string;
  status: string;
  recomputedValue: string | null;
  recomputedInterval: [string, string] | null;
}

describe("check fixtures/units-converted", () => {
  const r = runCli([
    "check",
    fixture("units-converted"),
    "--format",
    "json",
    "--no-recalculation",
    "--no-implied",
    "--no-boundary",
    "--no-denominators",
  ]);
  const report = JSON.parse(r.stdout) as { counts: Record<string, number>; findings: Finding[] };
  const cell = (metric: string, column: string) =>
    report.findings.find((f) => f.metric === metric && f.column === column)!;

  it("matches the published table once kWh, GJ and kgCO2e are converted", () => {
    expect(r.code).toBe(0);
    expect(report.counts).toEqual({
      match: 13,
      rounding: 0,
      mismatch: 0,
      missing: 0,
      omitted: 0,
      "within-materiality": 0,
      material: 0,
      incomplete: 0,
    });
  });

  it("converts exactly and carries the printed precision through the conversion", () => {
    // 2,881.08 GJ ÷ 3.6 = 800.3 MWh; printed to 0.01 GJ, so ± 0.005 GJ = ± 0.0013888… MWh:
    // [2,881.075 ÷ 3.6, 2,881.085 ÷ 3.6] = [800.2986111…, 800.3013888…], rounded outward at 7 decimals.
    expect(cell("energy.purchased_electricity", "plant-b").recomputedValue).toBe("800.3");
    expect(cell("energy.purchased_electricity", "plant-b").recomputedInterval).toEqual(["800.2986111", "800.3013889"]);
    // 1,200,500 kWh printed to the kWh: [1,200,499.5, 1,200,500.5] kWh = [1,200.4995, 1,200.5005] MWh
    expect(cell("energy.purchased_electricity", "plant-a").recomputedInterval).toEqual(["1200.4995", "1200.5005"]);
    // 1,684,300 kgCO2e = 1,684.3 tCO2e; the group's scope 2 is 1,684.3 + 456.2 = 2,140.5
    expect(cell("ghg.scope2", "group").recomputedValue).toBe("2140.5");
  });
});
