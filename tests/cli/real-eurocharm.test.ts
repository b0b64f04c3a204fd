// A real table with revenue in a currency other than RMB (issue 13 acceptance): Eurocharm's 2020 electricity and GHG
// table, intensities per NT$1,000 of revenue, the revenue as the same page prints it (NT$ thousand). Every expected
// figure is worked out here from the printed text with BigInt arithmetic, never copied from the tool's output.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fixture, ROOT, runCli } from "./runCli.js";

interface JsonFinding {
  metric: string;
  column: string;
  kind: string;
  status: string;
  published: string;
}
interface JsonReport {
  counts: Record<string, number>;
  findings: JsonFinding[];
}

function check(dir: string): { code: number | null; report: JsonReport; stderr: string } {
  const r = runCli(["check", dir, "--format", "json"]);
  return { code: r.code, report: JSON.parse(r.stdout) as JsonReport, stderr: r.stderr };
}

/** A printed figure as an integer count of 10^-scale units: "37,821,885" → 37821885n (scale 0), "8.12" → 812n (scale 2). */
function units(text: string, scale: number): bigint {
  const [int, frac = ""] = text.replace(/,/g, "").split(".");
  return BigInt(int! + frac.padEnd(scale, "0").slice(0, scale));
}

/** num ÷ den (both positive) rounded half-up to `scale` decimals, as an integer count of 10^-scale units. */
function roundHalfUp(num: bigint, den: bigint, scale: number): bigint {
  return (2n * num * 10n ** BigInt(scale) + den) / (2n * den);
}

// As printed: the 2020 column and the revenue of the paragraph above the table.
const printed = {
  electricity: "37,821,885",
  secondary: "136,158,786",
  sales: "8.12",
  ghg: "18,608",
  ghgIntensity: "0.0040",
};
const revenueThousands = "4,658,907"; // "the consolidated revenue was NT$4,658,907 thousand"
const dir = fixture("real-eurocharm-2020");
const statusOf = (report: JsonReport, metric: string) =>
  report.findings.find(
    (f) => f.metric === metric && f.column === "eurocharm" && f.kind !== "recalculation" && f.kind !== "boundary",
  )?.status;

describe("Eurocharm 2020, electricity and GHG (en; degree, MJ, Tons CO2e; intensities per NT$1,000 of revenue)", () => {
  const { code, report, stderr } = check(dir);

  it("Secondary Energy = the electricity in MJ: 37,821,885 kWh × 3.6 = 136,158,786 MJ (match)", () => {
    expect(units(printed.electricity, 0) * 36n).toBe(units(printed.secondary, 0) * 10n);
    expect(statusOf(report, "ec.secondary_energy")).toBe("match");
  });

  it("Sales Intensity = 37,821,885 kWh ÷ 4,658,907 NT$1,000 = 8.118… → 8.12 (match)", () => {
    // kWh per NT$1,000: the printed unit's own scale, so the quotient needs no conversion factor.
    const q = roundHalfUp(units(printed.electricity, 0), units(revenueThousands, 0), 2);
    expect(q).toBe(units(printed.sales, 2));
    expect(statusOf(report, "ec.sales_intensity")).toBe("match");
  });

  it("Greenhouse gas emission intensity = 18,608 t ÷ 4,658,907 NT$1,000 = 0.003994… → 0.0040 (match)", () => {
    const q = roundHalfUp(units(printed.ghg, 0), units(revenueThousands, 0), 4);
    expect(q).toBe(units(printed.ghgIntensity, 4));
    expect(statusOf(report, "ec.ghg_intensity")).toBe("match");
  });

  it("every printed row is recognised, by the labels and units the page prints; 5 match, exit 0", () => {
    const rows = readFileSync(`${ROOT}/${dir}/published.csv`, "utf8").trim().split("\n").length - 1;
    expect(report.findings.map((f) => f.metric)).toEqual([
      "energy.purchased_electricity",
      "ec.secondary_energy",
      "ec.sales_intensity",
      "ec.ghg",
      "ec.ghg_intensity",
    ]);
    expect(report.findings.length).toBe(rows);
    expect(report.counts).toMatchObject({ match: 5, rounding: 0, mismatch: 0, missing: 0, omitted: 0 });
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });
});

describe("Eurocharm 2020: the revenue's currency is named, never converted", () => {
  it("the report names the denominator in NT$, as declared (the JSON keeps the unit the intensities are printed per)", () => {
    const r = runCli(["check", dir]);
    expect(r.stdout).toContain(
      "Denominator: 2020 consolidated revenue (NT$ thousand) = 4,658,907 ± 0.5 NT$1,000 Revenue",
    );
    const json = JSON.parse(runCli(["check", dir, "--format", "json"]).stdout) as {
      denominator: { unit: string; value: string };
    };
    expect(json.denominator).toMatchObject({
      unit: "ec.ntd-1000-revenue",
      value: units(revenueThousands, 0).toString(),
    });
  });
});

describe("Eurocharm 2020: the revenue's printed unit is what the intensities are checked against", () => {
  const tmp = mkdtempSync(join(tmpdir(), "esg-eurocharm-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it("the same 4,658,907 declared in NT$ million instead of NT$ thousand makes both intensities mismatches", () => {
    const copy = join(tmp, "million");
    cpSync(`${ROOT}/${dir}`, copy, { recursive: true });
    const manifest = readFileSync(join(copy, "manifest.json"), "utf8");
    expect(manifest).toContain('"unit": "NT$ thousand"');
    writeFileSync(join(copy, "manifest.json"), manifest.replace('"unit": "NT$ thousand"', '"unit": "NT$ million"'));
    const { code, report } = check(copy);
    // 37,821,885 kWh ÷ (4,658,907 × 1,000 NT$1,000) = 0.0081… → 0.01 at two decimals: far from 8.12.
    expect(roundHalfUp(units(printed.electricity, 0), units(revenueThousands, 0) * 1000n, 2)).toBe(1n);
    expect(statusOf(report, "ec.sales_intensity")).toBe("mismatch");
    expect(statusOf(report, "ec.ghg_intensity")).toBe("mismatch");
    expect(statusOf(report, "ec.secondary_energy")).toBe("match");
    expect(code).toBe(1);
  });

  it("the same revenue declared in HK$ is refused: no exchange rate is guessed", () => {
    const copy = join(tmp, "hkd");
    cpSync(`${ROOT}/${dir}`, copy, { recursive: true });
    const manifest = readFileSync(join(copy, "manifest.json"), "utf8");
    writeFileSync(join(copy, "manifest.json"), manifest.replace('"unit": "NT$ thousand"', '"unit": "HK$ thousand"'));
    const r = runCli(["check", copy]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error[unit-mismatch]");
    expect(r.stderr).toContain("HKD and TWD are different currencies: no exchange rate is applied");
  });
});
