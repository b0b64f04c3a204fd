// fixtures/esrs-e1-scope3: an ESRS E1-style table with one planted error of each kind issue 15 adds. Every expectation is
// read from the fixture's README (written from build.py's independent calculation), never from the tool's output.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "./runCli.js";
import { readmeTable } from "./readmeTable.js";

const README = readFileSync(join(ROOT, "fixtures/esrs-e1-scope3/README.md"), "utf8");

const tableUnder = (heading: string) => readmeTable(README, heading);

const planted = tableUnder("Planted errors");

interface FindingJson {
  metric: string;
  column: string;
  status: string;
  published: string;
  references: Record<string, string>;
  causes: { code: string; message: string }[];
}
const run = runCli(["check", "fixtures/esrs-e1-scope3", "--format", "json"]);
const report = JSON.parse(run.stdout) as { schemaVersion: number; findings: FindingJson[] };
const key = (x: { metric: string; column: string; status: string }) => `${x.metric} @ ${x.column}: ${x.status}`;

/** The README's figures: "a = b" pairs and the printed figure, as decimals (thousands separators dropped). */
const figures = (text: string) => [...text.matchAll(/-?\d[\d,]*\.\d+/g)].map((m) => m[0]);

describe("fixtures/esrs-e1-scope3 (README.md lists the expected findings)", () => {
  it("the README names one planted error of each of the 7 new kinds", () => {
    expect(planted).toHaveLength(7);
    expect(new Set(planted.map((r) => r.metric)).size).toBe(7);
  });

  it("exits 1 and flags exactly the planted cells, nothing else (the unchecked columns included)", () => {
    expect(run.code).toBe(1);
    const flagged = report.findings
      .filter((f) => f.status !== "match")
      .map(key)
      .sort();
    expect(flagged).toEqual(
      planted.map((r) => key({ metric: r.metric!, column: r.column!, status: r.status! })).sort(),
    );
    expect(report.findings.filter((f) => !["plant-a", "plant-b", "group"].includes(f.column))).toEqual([]);
  });

  it.each(planted.map((r) => [`${r.metric} @ ${r.column}`, r] as const))("%s carries the planted cause", (_, row) => {
    const f = report.findings.find((x) => x.metric === row.metric && x.column === row.column)!;
    expect(f.causes.map((c) => c.code)).toContain(row.cause);
    // The README's printed figure is the one the finding reports.
    expect(row["what was planted"]).toContain(f.published);
  });

  it("the README's sums and differences are right (checked here in integer tenths)", () => {
    const tenths = (s: string) => BigInt(s.replace(/,/g, "").replace(".", ""));
    const row = (metric: string) => planted.find((r) => r.metric === metric)!["what was planted"]!;
    const [c1, c3, c4, c6, c7, s3, c6again, printed] = figures(row("ghg.scope3")).map(tenths);
    expect(c1! + c3! + c4! + c6! + c7!).toBe(s3);
    expect(c6again).toBe(c6);
    expect(s3! - c6!).toBe(printed);
    const [gross, removals, credits, net, wrong] = figures(row("ghg.net_incl_scope3")).map(tenths);
    expect(gross! - removals! - credits!).toBe(net);
    expect(gross! + removals! - credits!).toBe(wrong);
    const [own, sold, gri, griWrong] = figures(row("energy.gri_total")).map(tenths);
    expect(own! - sold!).toBe(gri);
    expect(own! + sold!).toBe(griWrong);
  });

  it("the JSON report (schemaVersion 3 and later) carries each metric's ESRS datapoint and IFRS S2 paragraph", () => {
    expect(report.schemaVersion).toBe(4);
    const refs = (metric: string) => report.findings.find((f) => f.metric === metric)!.references;
    expect(refs("ghg.scope3.c01")).toEqual({
      gri: "305-3",
      esrs: "esrs_GrossScope3GreenhouseGasEmissions",
      esrsMember: "esrs_Category1PurchasedGoodsAndServicesMember",
      esrsParagraph: "E1-6 §51, AR 46",
      ifrsS2: "29(a)(vi)",
    });
    expect(refs("energy.fossil.coal").esrs).toBe("esrs_FuelConsumptionFromCoalAndCoalProducts");
    expect(refs("ghg.biogenic_co2.scope1").esrsParagraph).toBe("E1-6 AR 43(c)");
  });

  it("explain shows the datapoint on the cell's head", () => {
    const r = runCli(["explain", "ghg.removals", "--column", "group", "--dataset", "fixtures/esrs-e1-scope3"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("ESRS E1-7 §56(a) esrs_GHGRemovalsAndStorage");
  });
});
