// `esg-recalc init` then filling in the templates gives a dataset `validate` and `check` accept; init never writes
// into a folder that has anything in it.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./runCli.js";

describe("esg-recalc init", () => {
  const dir = join(mkdtempSync(join(tmpdir(), "esg-init-")), "my-dataset");
  const init = runCli(["init", dir]);

  it("writes the manifest, a published-table template and the activity headers, and says what to do next", () => {
    expect(init.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(["emissions.csv", "energy.csv", "manifest.json", "published.csv", "waste.csv", "water.csv"]);
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
    expect(c.stderr).toMatch(/my-dataset\/published\.csv:2: error\[table-empty\]: the published table prints no numbers/);
  });

  it("filled in by hand, it is a dataset check accepts, with the figures worked by hand", () => {
    writeFileSync(join(dir, "energy.csv"), "facility,metric,value,unit,source\nsite-a,energy.purchased_electricity,100.0,MWh,meter\nsite-b,energy.purchased_electricity,50.5,MWh,meter\n");
    writeFileSync(join(dir, "emissions.csv"), "facility,metric,value,unit,source\nsite-a,ghg.scope2,58.1,tCO2e,calc\nsite-b,ghg.scope2,29.3,tCO2e,calc\n");
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
    const report = JSON.parse(r.stdout) as { counts: Record<string, number>; findings: { metric: string; column: string; status: string }[] };
    // 5 rows × 3 columns + 2 intensities = 17 numbers, all match; blank cells with no data give no finding
    expect(report.counts.match).toBe(17);
    expect(report.findings.filter((f) => f.status !== "match")).toEqual([]);
  });
});
