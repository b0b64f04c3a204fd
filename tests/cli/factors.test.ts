// The factor library from the command line: --factors files (golden errors for bad ones), a dataset that ships and
// pins its own factors (fixtures/pinned-factors/README.md), and `esg-recalc factors`.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "./runCli.js";

// Each bad file: the defect's location counted by hand in the file (see fixtures/factor-files/README.md).
const BAD: { file: string; code: string; line: number; column: number; token: string }[] = [
  { file: "no-source.csv", code: "factor-source-missing", line: 2, column: 57, token: ",,,uncertain" },
  { file: "bad-unit.csv", code: "unit-mismatch", line: 2, column: 35, token: "m3/MWh," },
  { file: "out-of-range.csv", code: "factor-invalid", line: 2, column: 24, token: "40000,32000,39000," },
  { file: "bad-attribution.csv", code: "factor-invalid", line: 2, column: 84, token: "maybe," },
];

describe.each(BAD)("check --factors fixtures/factor-files/$file", ({ file, code, line, column, token }) => {
  const path = `fixtures/factor-files/${file}`;
  const r = runCli(["check", "--factors", path]);

  it("exits 2 with exactly the golden stderr and nothing on stdout", () => {
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      readFileSync(`${ROOT}fixtures/factor-files/${file.replace(/\.csv$/, "")}.expected.stderr`, "utf8"),
    );
  });

  it("names the hand-checked line and column, where the defect really is", () => {
    expect(r.stderr.split("\n")[0]).toMatch(
      new RegExp(`^${path.replace(/[.]/g, "\\.")}:${line}:${column}: error\\[${code}\\]: `),
    );
    const text = readFileSync(`${ROOT}${path}`, "utf8").split("\n")[line - 1]!;
    // no-source: the document field is empty, so the column holds the comma that ends it
    expect(text.slice(column - 1).startsWith(token)).toBe(true);
  });
});

describe("a dataset that ships and pins its own factors (fixtures/pinned-factors)", () => {
  const r = runCli(["check", "fixtures/pinned-factors", "--format", "json"]);
  const report = JSON.parse(r.stdout) as {
    counts: Record<string, number>;
    factors: { pinned: string[]; materiality: string; used: { id: string }[] };
    findings: {
      metric: string;
      column: string;
      kind: string;
      status: string;
      recomputedValue: string | null;
      relativeDifference?: string | null;
    }[];
  };
  const recalc = (column: string) => report.findings.find((f) => f.kind === "recalculation" && f.column === column)!;

  it("uses the pinned factor per plant, converting kgCO2/MWh, at the pinned materiality", () => {
    expect(r.code).toBe(0);
    expect(report.factors.pinned).toEqual(["grid", "grid.plant-a"]);
    expect(report.factors.materiality).toBe("0.01");
    // 1,200.5 × 1.4030 = 1,684.30150; 800.3 × 570.0 kg ÷ 1,000 = 456.171
    expect(recalc("plant-a").recomputedValue).toBe("1684.3015");
    expect(recalc("plant-b").recomputedValue).toBe("456.171");
    // (1,684.3015 − 1,684.3) ÷ 1,684.3 = 0.00000089 → 0.000001; (456.171 − 456.2) ÷ 456.2 = −0.0000636 → −0.000064
    expect(recalc("plant-a").relativeDifference).toBe("0.000001");
    expect(recalc("plant-b").relativeDifference).toBe("-0.000064");
    expect(report.counts).toMatchObject({ match: 13, "within-materiality": 2, material: 0, incomplete: 0 });
  });
});

describe("esg-recalc factors", () => {
  it("filters by kind and year and shows the source of each row", () => {
    const r = runCli(["factors", "--kind", "grid", "--year", "2021"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("cn_grid_national_mee2022");
    expect(r.stdout).toContain("生态环境部办公厅");
    expect(r.stdout).not.toContain("gbt2589");
    expect(r.stdout).toMatch(/^3 factors;/m);
  });

  it("--format json lists every row with its document and attribution", () => {
    const r = runCli(["factors", "--format", "json", "--activity", "natural_gas", "--kind", "ncv"]);
    const ids = (JSON.parse(r.stdout) as { factors: { id: string }[] }).factors.map((f) => f.id);
    expect(ids).toEqual([
      "gbt2589_natural_gas_ncv",
      "gbt2589_natural_gas_kgce",
      "cn_ent_natural_gas_ncv",
      "ipcc_natural_gas_ncv",
    ]);
  });
});
