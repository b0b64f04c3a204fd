// A dataset that adds sections and metrics (base and derived, with coefficients) to the built-in catalogue.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "./runCli.js";

const ARITHMETIC_ONLY = ["--no-recalculation", "--no-implied", "--no-boundary", "--no-denominators"];

describe("fixtures/custom-metrics (figures by hand in its README.md)", () => {
  const r = runCli(["check", "fixtures/custom-metrics", "--format", "json", ...ARITHMETIC_ONLY]);
  const report = JSON.parse(r.stdout) as {
    counts: Record<string, number>;
    findings: { metric: string; column: string; kind: string; recomputedValue: string | null; status: string }[];
  };
  const cell = (m: string, c: string) => report.findings.find((f) => f.metric === m && f.column === c)!;

  it("reads the new base metric, derives the new ones with their coefficients, and matches every cell", () => {
    expect(r.code).toBe(0);
    expect(report.counts.match).toBe(22);
    expect(cell("energy.purchased_heat", "group")).toMatchObject({ kind: "sum", recomputedValue: "345.5" });
    // 1,500.5 − 0.5 × 300.0 = 1,350.5; 845.8 − 0.5 × 45.5 = 823.05; 2,346.3 − 0.5 × 345.5 = 2,173.55
    expect(cell("energy.net_purchased", "plant-a")).toMatchObject({ kind: "identity", recomputedValue: "1350.5" });
    expect(cell("energy.net_purchased", "plant-b").recomputedValue).toBe("823.05");
    expect(cell("energy.net_purchased", "group").recomputedValue).toBe("2173.55");
  });
});

describe("fixtures/custom-metrics-invalid", () => {
  it("a dataset metric with a built-in id is an error at its place in the manifest", () => {
    const r = runCli(["check", "fixtures/custom-metrics-invalid"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(readFileSync(`${ROOT}fixtures/custom-metrics-invalid/expected.stderr`, "utf8"));
    const lines = readFileSync(`${ROOT}fixtures/custom-metrics-invalid/manifest.json`, "utf8").split("\n");
    expect(lines[94]).toBe("    {");
    expect(lines[95]).toContain('"id": "energy.purchased_electricity"');
  });
});
