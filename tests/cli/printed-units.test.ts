// Real tables entered as printed (issue 13 acceptance) and NIO's table with its energy rows in GJ. Every expected
// figure is worked out here from the printed text with BigInt arithmetic, never copied from the tool's output.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fixture, ROOT, runCli, type JsonFinding } from "./runCli.js";

interface JsonReport {
  counts: Record<string, number>;
  findings: JsonFinding[];
  partOf: {
    rule: string;
    verdict: string;
    part: { metric: string; column: string };
    whole: { metric: string; column: string };
  }[];
}

function check(dir: string, ...flags: string[]): { code: number | null; report: JsonReport } {
  const r = runCli(["check", dir, "--format", "json", ...flags]);
  expect(r.stderr).toBe("");
  return { code: r.code, report: JSON.parse(r.stdout) as JsonReport };
}

/** A printed figure as an integer count of 10^-scale units: "1,210" → 1210n (scale 0), "4,159.42" → 415942n (scale 2). */
function units(text: string, scale: number): bigint {
  const [int, frac = ""] = text.replace(/,/g, "").split(".");
  return BigInt(int! + frac.padEnd(scale, "0").slice(0, scale));
}
const decimals = (text: string) => (text.split(".")[1] ?? "").length;

/**
 * The verdict design.md defines, from printed figures with one precision: the parts' exact sum compared with the
 * printed total — equal: match; within the parts' and the total's half-units: rounding; else mismatch.
 */
function verdictOfSum(parts: string[], total: string): "match" | "rounding" | "mismatch" {
  const scale = decimals(total);
  const sum = parts.reduce((a, p) => a + units(p, scale), 0n);
  const diff = sum > units(total, scale) ? sum - units(total, scale) : units(total, scale) - sum;
  if (diff === 0n) return "match";
  // Each figure is ± half a unit of its last digit: n parts and the total allow (n + 1) half-units, touching excluded.
  return 2n * diff < BigInt(parts.length + 1) ? "rounding" : "mismatch";
}

const statusOf = (report: JsonReport, metric: string, column: string) =>
  report.findings.find(
    (f) => f.metric === metric && f.column === column && f.kind !== "recalculation" && f.kind !== "boundary",
  )?.status;

describe("CLP Holdings 2020, GHG emissions (zh-Hant, 千公噸 inside the labels, footnote markers after them)", () => {
  const { code, report } = check(fixture("real-clp-2020"));
  // As printed: 2020 and 2019 columns.
  const s1 = ["45,105", "50,047"],
    s2 = ["244", "250"],
    s3 = ["16,790", "21,424"],
    total = ["62,138", "71,720"];
  const cats = [
    ["1,210", "1,093"],
    ["685", "1,347"],
    ["12,690", "16,671"],
    ["63", "101"],
    ["1", "8"],
    ["2", "4"],
    ["2,138", "2,200"],
  ];
  const columns = ["clp", "clp@2019"];

  it("scope 3 = the printed categories: 16,789 against 16,790 printed in 2020 (rounding, as footnote 2 warns), 21,424 in 2019 (match)", () => {
    columns.forEach((col, k) => {
      const expected = verdictOfSum(
        cats.map((c) => c[k]!),
        s3[k]!,
      );
      expect(statusOf(report, "clp.scope3", col), col).toBe(expected);
    });
    expect(
      verdictOfSum(
        cats.map((c) => c[0]!),
        s3[0]!,
      ),
    ).toBe("rounding");
    expect(cats.reduce((a, c) => a + units(c[0]!, 0), 0n)).toBe(16789n);
  });

  it("the equity total = scope 1 + 2 + the categories' scope 3: 62,138 in 2020 (match), 71,721 against 71,720 in 2019 (rounding)", () => {
    columns.forEach((col, k) => {
      // Recomputed from the data, not from the printed scope 3: the categories' sum.
      const s3data = cats.reduce((a, c) => a + units(c[k]!, 0), 0n);
      const recomputed = units(s1[k]!, 0) + units(s2[k]!, 0) + s3data;
      const printed = units(total[k]!, 0);
      const parts = 2 + cats.length; // every input figure is ± 0.5
      const expected =
        recomputed === printed
          ? "match"
          : 2n * (recomputed > printed ? recomputed - printed : printed - recomputed) < BigInt(parts + 1)
            ? "rounding"
            : "mismatch";
      expect(statusOf(report, "clp.ghg.total_equity", col), col).toBe(expected);
    });
    expect(statusOf(report, "clp.ghg.total_equity", "clp@2019")).toBe("rounding");
  });

  it("the rows are read in 千公噸 (thousand tonnes of CO2e) and every row was recognised", () => {
    const published =
      readFileSync(`${ROOT}/fixtures/real-clp-2020/published.csv`, "utf8").trim().split("\n").length - 1;
    expect(new Set(report.findings.map((f) => f.metric)).size).toBe(published);
    expect(report.counts).toMatchObject({ match: 20, rounding: 2, mismatch: 0, missing: 0, omitted: 0 });
    expect(code).toBe(0);
  });
});

describe("Perfect Medical 2024, energy (zh-Hant, GJ; 天然氣 and 柴油 decided by their unit)", () => {
  const { code, report } = check(fixture("real-perfectmedical-2024"));
  it("purchased electricity: 1,155,394 度 × 0.0036 GJ/度 = 4,159.4184 GJ, printed 4,159.42 (match)", () => {
    const gj = 1155394n * 36n; // in 10^-4 GJ
    expect(gj).toBe(41594184n);
    // rounded half-up to 2 decimals: 4,159.42
    expect((gj + 50n) / 100n).toBe(units("4,159.42", 2));
    expect(statusOf(report, "energy.purchased_electricity", "pm")).toBe("match");
  });
  it("合計 = electricity + natural gas + diesel + gasoline = 4,567.6084 GJ, printed 4,567.61 (match)", () => {
    const sum = 41594184n + 0n + units("19.08", 4) + units("389.11", 4);
    expect(sum).toBe(45676084n);
    expect((sum + 50n) / 100n).toBe(units("4,567.61", 2));
    expect(statusOf(report, "pm.energy_total", "pm")).toBe("match");
  });
  it("天然氣 and 柴油 are the dataset's energy rows (GJ), not the built-in volume and mass rows", () => {
    expect(report.findings.map((f) => f.metric)).toEqual([
      "energy.purchased_electricity",
      "pm.natural_gas_energy",
      "pm.diesel_energy",
      "pm.gasoline_energy",
      "pm.energy_total",
    ]);
    expect(code).toBe(0);
  });
});

describe("Guardini 2022, CO2 emissions (en, tCO2e, three years)", () => {
  const { code, report } = check(fixture("real-guardini-2022"));
  const rows = {
    stationary: ["243.56", "280.34", "259.20"],
    mobile: ["21.56", "20.41", "12.55"],
    ac: ["0.00", "0.00", "0.00"],
    other: ["0.00", "0.00", "0.00"],
    s1: ["265.12", "300.75", "271.75"],
    s2loc: ["499.97", "794.38", "461.08"],
    s2mkt: ["474.48", "753.88", "430.04"],
    totLoc: ["765.10", "1095.13", "732.83"],
    totMkt: ["739.61", "1054.63", "701.79"],
  };
  const columns = ["guardini", "guardini@2021", "guardini@2020"];
  it("scope 1 - Total = its four sources, every year", () => {
    columns.forEach((col, k) =>
      expect(statusOf(report, "gd.scope1", col), col).toBe(
        verdictOfSum([rows.stationary[k]!, rows.mobile[k]!, rows.ac[k]!, rows.other[k]!], rows.s1[k]!),
      ),
    );
    expect(statusOf(report, "gd.scope1", "guardini")).toBe("match");
  });
  it("scope 1 + 2: 765.09 and 739.60 recomputed against 765.10 and 739.61 printed in 2022 (rounding); 2021 and 2020 match", () => {
    columns.forEach((col, k) => {
      const parts = [rows.stationary[k]!, rows.mobile[k]!, rows.ac[k]!, rows.other[k]!];
      expect(statusOf(report, "gd.total_location", col), col).toBe(
        verdictOfSum([...parts, rows.s2loc[k]!], rows.totLoc[k]!),
      );
      expect(statusOf(report, "gd.total_market", col), col).toBe(
        verdictOfSum([...parts, rows.s2mkt[k]!], rows.totMkt[k]!),
      );
    });
    expect(units("265.12", 2) + units("499.97", 2)).toBe(76509n);
    expect(statusOf(report, "gd.total_location", "guardini")).toBe("rounding");
    expect(statusOf(report, "gd.total_market", "guardini")).toBe("rounding");
    expect(report.counts).toMatchObject({ match: 25, rounding: 2, mismatch: 0 });
    expect(code).toBe(0);
  });
  it("'Scope 1 - Total' fits the built-in scope 1 (an alias seen in this report) and the dataset's own metric: the dataset decides", () => {
    expect(report.findings.some((f) => f.metric === "ghg.scope1")).toBe(false);
    expect(statusOf(report, "ghg.scope2", "guardini@2021")).toBe("match"); // "Scope 2 - Location based", the manifest's alias
  });
});

describe("NIO 2021 with the energy rows retyped in GJ", () => {
  const mwh = check("data/datasets/nio-2021");
  const gj = check(fixture("nio-2021-gj"));
  it("gives the same verdicts, finding for finding, and the same part-of verdicts", () => {
    const key = (f: JsonFinding) => [f.metric, f.column, f.kind, f.status].join(" ");
    expect(gj.report.findings.map(key)).toEqual(mwh.report.findings.map(key));
    expect(gj.report.counts).toEqual(mwh.report.counts);
    const pkey = (p: JsonReport["partOf"][number]) =>
      [p.rule, p.verdict, p.part.metric, p.part.column, p.whole.metric, p.whole.column].join(" ");
    expect(gj.report.partOf.map(pkey)).toEqual(mwh.report.partOf.map(pkey));
    expect(gj.code).toBe(mwh.code);
  });
  it("shows the energy figures in GJ: the total's 142,012.9 MWh recomputed is 511,246.44 GJ (× 3.6)", () => {
    expect(units("142,012.9", 1) * 36n).toBe(units("511,246.44", 2)); // tenths × tenths = hundredths
    const total = gj.report.findings.find(
      (f) => f.metric === "energy.total" && f.column === "total" && f.kind === "identity",
    );
    expect(total?.published).toBe("511,246.44");
    expect(total?.status).toBe("match");
  });
  it("explain shows the conversion", () => {
    const r = runCli(["explain", "energy.total", "--column", "total", "--dataset", fixture("nio-2021-gj")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("142,012.900000 MWh × 3.6 (MWh → GJ) = 511,246.440000 GJ");
    expect(r.stdout).toContain("energy.total --column total; GJ;");
  });
});

describe("init's template", () => {
  it("shows the new manifest fields (aliases, units, printedUnits, precision), and still validates (tests/cli/init.test.ts)", async () => {
    const t = JSON.parse(readFileSync(`${ROOT}/data/templates/manifest.json`, "utf8")) as Record<string, unknown>;
    for (const k of ["aliases", "units", "printedUnits", "precision"]) expect(Object.keys(t), k).toContain(k);
    expect(t.units).toEqual([expect.objectContaining({ id: "MT", toBase: "1", dimension: "mass" })]);
  });
});
