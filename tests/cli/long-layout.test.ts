// The published table in the long layout (one row per cell) reads like the wide one (fixtures/long-layout/README.md).
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "./runCli.js";

const ARITHMETIC_ONLY = ["--no-recalculation", "--no-implied", "--no-boundary", "--no-denominators"];

describe("fixtures/long-layout", () => {
  const r = runCli(["check", "fixtures/long-layout", "--format", "json", ...ARITHMETIC_ONLY]);
  const report = JSON.parse(r.stdout) as {
    counts: Record<string, number>;
    findings: { metric: string; column: string; status: string; source: { line: number } }[];
  };

  it("gives the same 13 matches as the wide minimal", () => {
    expect(r.code).toBe(0);
    expect(report.counts.match).toBe(13);
    const wide = JSON.parse(
      runCli(["check", "fixtures/minimal", "--format", "json", ...ARITHMETIC_ONLY]).stdout,
    ) as typeof report;
    expect(report.findings.map((f) => [f.metric, f.column, f.status])).toEqual(
      wide.findings.map((f) => [f.metric, f.column, f.status]),
    );
  });

  it("points each finding at the long row of its cell", () => {
    // header = line 1; Plant A's five rows = 2–6; Plant B's = 7–11; Group's electricity, scope 1, scope 2 = 12, 13, 14
    expect(report.findings.find((f) => f.metric === "ghg.scope2" && f.column === "group")!.source.line).toBe(14);
    expect(report.findings.find((f) => f.metric === "ghg.scope1" && f.column === "plant-b")!.source.line).toBe(8);
  });

  it("a cell given twice, or a column the manifest does not map, is an error at its line", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "esg-long-")), "ds");
    cpSync(join(ROOT, "fixtures/long-layout"), dir, { recursive: true });
    const text = readFileSync(join(dir, "published.csv"), "utf8");
    writeFileSync(
      join(dir, "published.csv"),
      `${text}Energy use,Purchased electricity,MWh,Plant A,"1,200.5"\nEnergy use,Purchased electricity,MWh,Plant Z,1.0\n`,
    );
    const bad = runCli(["check", dir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /published\.csv:17:\d+: error\[row-duplicate\]: "Purchased electricity" in column Plant A is given twice; first at line 2/,
    );
    expect(bad.stderr).toMatch(
      /published\.csv:18:\d+: error\[column-unmapped\]: column "Plant Z" is not a column the manifest maps/,
    );
  });
});
