// `esg-recalc init` then filling in the templates gives a dataset `validate` and `check` accept; init never writes
// into a folder that has anything in it.
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "./runCli.js";

/** The clock init reads its default year from: 2024-06-01T00:00:00Z, fixed so the test does not age. */
const IN_2024 = { SOURCE_DATE_EPOCH: String(Date.UTC(2024, 5, 1) / 1000) };

describe("esg-recalc init", () => {
  const dir = join(mkdtempSync(join(tmpdir(), "esg-init-")), "my-dataset");
  const init = runCli(["init", dir], { env: IN_2024 });

  it("writes the manifest, a published-table template and the activity headers, and says what to do next", () => {
    expect(init.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([
      "emissions.csv",
      "energy.csv",
      "manifest.json",
      "published.csv",
      "waste.csv",
      "water.csv",
    ]);
    expect(init.stdout).toContain(`esg-recalc validate ${dir}`);
    const published = readFileSync(join(dir, "published.csv"), "utf8").split("\n");
    expect(published[0]).toBe("section,label,unit,Site A,Site B,Total");
    // one row per catalogue metric, intensities marked "/" outside the total column
    expect(published).toContain("Greenhouse gas emissions,GHG emissions intensity,tCO2e/RMB million,/,/,");
    expect(readFileSync(join(dir, "energy.csv"), "utf8")).toBe("facility,metric,value,unit,source\n");
  });

  it("refuses a folder that is not empty and leaves it as it was", () => {
    const before = readFileSync(join(dir, "manifest.json"), "utf8");
    const again = runCli(["init", dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("is not empty");
    expect(readFileSync(join(dir, "manifest.json"), "utf8")).toBe(before);
  });

  it("the untouched template validates", () => {
    const v = runCli(["validate", dir]);
    expect(v.code).toBe(0);
    expect(v.stdout).toContain("example-2024: valid");
  });

  it("check refuses the untouched template: a table with no numbers must not pass in CI", () => {
    const c = runCli(["check", dir]);
    expect(c.code).toBe(2);
    expect(c.stdout).toBe("");
    // the first template row is line 2 of published.csv
    // (the path is shown relative to the working directory when that is shorter, so only its end is fixed)
    expect(c.stderr).toMatch(
      /my-dataset\/published\.csv:2: error\[table-empty\]: the published table prints no numbers/,
    );
  });

  it("filled in by hand, it is a dataset check accepts, with the figures worked by hand", () => {
    writeFileSync(
      join(dir, "energy.csv"),
      "facility,metric,value,unit,source\nsite-a,energy.purchased_electricity,100.0,MWh,meter\nsite-b,energy.purchased_electricity,50.5,MWh,meter\n",
    );
    writeFileSync(
      join(dir, "emissions.csv"),
      "facility,metric,value,unit,source\nsite-a,ghg.scope2,58.1,tCO2e,calc\nsite-b,ghg.scope2,29.3,tCO2e,calc\n",
    );
    // Totals by hand: electricity 100.0 + 50.5 = 150.5; scope 2 58.1 + 29.3 = 87.4 = GHG total (no scope 1);
    // GHG intensity 87.4 ÷ 1,000.0 (the template's revenue) = 0.0874 → 0.09 at two decimals.
    const fill: Record<string, string[]> = {
      "Purchased electricity": ["100.0", "50.5", "150.5"],
      "Indirect energy": ["100.0", "50.5", "150.5"],
      "Total energy": ["100.0", "50.5", "150.5"],
      "Scope 2": ["58.1", "29.3", "87.4"],
      "Total GHG emissions": ["58.1", "29.3", "87.4"],
      "GHG emissions intensity": ["/", "/", "0.09"],
      // 150.5 ÷ 1,000.0 = 0.1505 → 0.15 (left blank, the tool rightly calls this cell omitted: the data has it)
      "Energy intensity": ["/", "/", "0.15"],
      // Scope 2 ÷ GHG total with no scope 1: 58.1 ÷ 58.1, 29.3 ÷ 29.3, 87.4 ÷ 87.4 = 100.0 % (exactly: one sum over itself)
      "Scope 2 share of GHG emissions": ["100.0", "100.0", "100.0"],
      // Rows the data determines as well since issue 15: with no scope 3, removals or credits they repeat the total.
      "Total GHG emissions including scope 3": ["58.1", "29.3", "87.4"],
      "Net GHG emissions": ["58.1", "29.3", "87.4"],
      "Net GHG emissions including scope 3": ["58.1", "29.3", "87.4"],
      "GHG emissions intensity including scope 3": ["/", "/", "0.09"],
    };
    const lines = readFileSync(join(dir, "published.csv"), "utf8").trimEnd().split("\n");
    const filled = lines.map((line) => {
      const label = line.split(",")[1]!;
      return fill[label] ? `${line.split(",").slice(0, 3).join(",")},${fill[label]!.join(",")}` : line;
    });
    writeFileSync(join(dir, "published.csv"), filled.join("\n") + "\n");
    const r = runCli(["check", dir, "--format", "json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as {
      counts: Record<string, number>;
      findings: { metric: string; column: string; status: string }[];
    };
    // 9 rows × 3 columns + 3 intensities = 30 numbers, all match; blank cells with no data give no finding
    expect(report.counts.match).toBe(30);
    expect(report.findings.filter((f) => f.status !== "match")).toEqual([]);
  });
});

describe("esg-recalc init --year", () => {
  const root = mkdtempSync(join(tmpdir(), "esg-init-year-"));
  const manifestOf = (d: string) =>
    JSON.parse(readFileSync(join(d, "manifest.json"), "utf8")) as {
      id: string;
      period: { label: string; start: string; end: string };
      denominators: { labels: { en: string } }[];
      numbers: unknown;
    };

  it("writes the template for the year asked, and names the library's grid factor for it", () => {
    const r = runCli(["init", join(root, "y2023"), "--year", "2023"], { env: IN_2024 });
    expect(r.code).toBe(0);
    const m = manifestOf(join(root, "y2023"));
    expect(m.id).toBe("example-2023");
    expect(m.period).toEqual({ label: "FY2023", start: "2023-01-01", end: "2023-12-31" });
    expect(m.denominators[0]!.labels.en).toBe("FY2023 revenue");
    // data/factors/recalculations.json defaults.grid["2023"] and its row in factors.csv
    expect(r.stdout).toContain("For 2023 emissions the library's grid factor is cn_grid_national_2023_mee_nbs");
    expect(r.stdout).toContain("published 2025-12-31");
    // The template shows the number fields (docs/dataset-format.md "Numbers as printed").
    expect(m.numbers).toMatchObject({ format: "1,234.5", markers: { "-": "not-applicable" } });
  });

  it("takes the current year from the clock by default, and says when the library has no grid factor for it", () => {
    const r = runCli(["init", join(root, "now")], { env: { SOURCE_DATE_EPOCH: String(Date.UTC(2027, 0, 15) / 1000) } });
    expect(r.code).toBe(0);
    expect(manifestOf(join(root, "now")).period.label).toBe("FY2027");
    expect(r.stdout).toContain(
      "The library has no grid factor for 2027 emissions (it has 2021, 2022, 2023): scope 2 is not recalculated",
    );
  });

  it("check says which recalculation a year without a grid factor cannot run", () => {
    // fixtures/minimal moved to 2027: electricity is read, but no library grid factor exists for 2027.
    const d = join(root, "minimal-2027");
    cpSync(join(ROOT, "fixtures/minimal"), d, { recursive: true });
    writeFileSync(join(d, "manifest.json"), readFileSync(join(d, "manifest.json"), "utf8").replaceAll("2023", "2027"));
    const c = runCli(["check", d, "--format", "json"]);
    const notes = (JSON.parse(c.stdout) as { factors: { notes: string[] } }).factors.notes;
    expect(notes).toContain(
      'no grid factor for 2027 in the library (it has defaults for 2021, 2022, 2023 emissions): scope 2 is not recalculated and missing scope 2 is not estimated (pin one with "factors": { "grid": … })',
    );
  });

  it("refuses a year that is not four digits", () => {
    const r = runCli(["init", join(root, "bad"), "--year", "99"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--year takes a four-digit year");
  });
});
