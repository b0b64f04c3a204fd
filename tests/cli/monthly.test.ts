// Monthly readings summed to their period (fixtures/monthly): every figure worked by hand from the CSV rows.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "./runCli.js";

const ARITHMETIC_ONLY = ["--no-recalculation", "--no-implied", "--no-boundary", "--no-denominators"];

describe("fixtures/monthly", () => {
  const run = runCli(["check", "fixtures/monthly", "--format", "json", ...ARITHMETIC_ONLY]);
  const report = JSON.parse(run.stdout) as {
    findings: {
      metric: string;
      column: string;
      status: string;
      recomputedValue: string;
      recomputedInterval: [string, string];
    }[];
  };
  const at = (metric: string, column: string) =>
    report.findings.find((f) => f.metric === metric && f.column === column)!;

  it("sums twelve kWh months into MWh: 120,500 + 118,250 + … + 129,750 kWh = 1,573,000 kWh = 1,573.0 MWh", () => {
    const f = at("energy.purchased_electricity", "plant-a");
    expect(f.status).toBe("match");
    expect(f.recomputedValue).toBe("1573");
    // twelve integers, each ± 0.5 kWh: ± 6 kWh = ± 0.006 MWh
    expect(f.recomputedInterval).toEqual(["1572.994", "1573.006"]);
  });

  it("sums twelve MWh months: 80.5 + 79.2 + … + 86.9 = 1,054.7, ± 12 × 0.05", () => {
    const f = at("energy.purchased_electricity", "plant-b");
    expect([f.status, f.recomputedValue, ...f.recomputedInterval]).toEqual(["match", "1054.7", "1054.1", "1055.3"]);
    expect(at("energy.purchased_electricity", "group").recomputedValue).toBe("2627.7");
  });

  it("adds two meters' rows for the same month in an additive file: 1,250 + 310 + 1,180 + 295 = 3,035 m³", () => {
    expect(at("energy.natural_gas", "plant-b").recomputedValue).toBe("3035");
  });

  it("reads a row for the whole year next to monthly rows of other metrics (diesel 4.2 t)", () => {
    expect(at("energy.diesel", "plant-a").recomputedValue).toBe("4.2");
    expect(run.code).toBe(0);
  });

  it("with every check on, an energy-only table is not 'incomplete' for lacking emissions it never reports", () => {
    const all = runCli(["check", "fixtures/monthly", "--format", "json"]);
    expect(JSON.parse(all.stdout).counts.incomplete).toBe(0);
    expect(all.code).toBe(0);
  });

  it("explain names how many rows were summed", () => {
    const r = runCli([
      "explain",
      "energy.purchased_electricity",
      "--column",
      "plant-a",
      "--dataset",
      "fixtures/monthly",
    ]);
    expect(r.stdout).toContain("fixtures/monthly/meters.csv:2:46 (12 rows summed to 1,573,000 kWh, the first here)");
  });
});

// Each monthly-bad-* folder is fixtures/monthly with one defect; the location below is checked by hand.
const BAD = [
  {
    name: "monthly-bad-duplicate",
    code: "row-duplicate",
    line: 12,
    column: 1,
    token: "plant-b,2023-05,",
    why: "plant-b's May reading twice in a file that is not additive",
  },
  {
    name: "monthly-bad-outside",
    code: "period-unknown",
    line: 25,
    column: 9,
    token: "2024-01,",
    why: "a January 2024 reading in a 2023 dataset",
  },
  {
    name: "monthly-bad-whole",
    code: "row-duplicate",
    line: 27,
    column: 1,
    token: "plant-a,2023,energy.purchased_electricity",
    why: "a whole-year electricity row next to plant-a's monthly rows",
  },
];

describe.each(BAD)("fixtures/$name ($why)", ({ name, code, line, column, token }) => {
  const r = runCli(["check", `fixtures/${name}`]);
  it("exits 2 with exactly the golden stderr", () => {
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(readFileSync(join(ROOT, "fixtures", name, "expected.stderr"), "utf8"));
  });
  it("points at the hand-checked line and column", () => {
    expect(r.stderr.startsWith(`fixtures/${name}/meters.csv:${line}:${column}: error[${code}]`)).toBe(true);
    const text = readFileSync(join(ROOT, "fixtures", name, "meters.csv"), "utf8").split("\n")[line - 1]!;
    expect(text.slice(column - 1).startsWith(token)).toBe(true);
  });
});
