// Acknowledged findings, end to end on a copy of the NIO 2021 dataset: acknowledge → unchanged (pass) → the
// published figure edited (fails, says what changed) → another denominator (fails, says so) → the finding fixed
// (stale, reported). The arithmetic checks only (--no-recalculation --no-boundary: their material and incomplete
// findings are left out, so that the two intensity mismatches are what fails NIO).
import { Ajv } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, runCli } from "./runCli.js";

const dir = mkdtempSync(join(tmpdir(), "esg-ack-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
cpSync(join(ROOT, "data/datasets/nio-2021"), dir, { recursive: true });
const PUBLISHED = join(dir, "published.csv");
const ORIGINAL = readFileSync(PUBLISHED, "utf8");
const ARITHMETIC = ["--no-recalculation", "--no-boundary", "--no-implied", "--no-denominators"];

const validateReport = new Ajv2020({ strict: false }).compile(
  JSON.parse(readFileSync(join(ROOT, "schema/report.schema.json"), "utf8")) as object,
);
const sarifAjv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
const validateSarif = sarifAjv.compile(
  JSON.parse(readFileSync(join(ROOT, "tests/schemas/sarif-2.1.0.json"), "utf8")) as object,
);

interface Report {
  schemaVersion: number;
  verdict: string;
  findings: {
    metric: string;
    column: string;
    kind: string;
    status: string;
    acknowledged?: {
      state: string;
      by: string;
      reason: string;
      changes: { field: string; then: string; now: string }[];
    };
  }[];
  acknowledged: {
    file: string | null;
    count: number;
    changed: number;
    stale: number;
    entries: { key: string; state: string; changes: { field: string; then: string; now: string }[] }[];
  };
}
const check = (...extra: string[]) => {
  const r = runCli(["check", dir, ...ARITHMETIC, "--format", "json", ...extra]);
  return { code: r.code, report: JSON.parse(r.stdout) as Report };
};
const finding = (r: Report, metric: string) => r.findings.find((f) => f.metric === metric && f.column === "total")!;

describe("the acknowledgement lifecycle (NIO copy)", { timeout: 120_000 }, () => {
  it("before: the two intensity mismatches fail the run; no acknowledged file", () => {
    const { code, report } = check();
    expect(code).toBe(1);
    expect(report.schemaVersion).toBe(4);
    expect(report.acknowledged).toEqual({ file: null, count: 0, changed: 0, stale: 0, entries: [] });
    expect(validateReport(report)).toBe(true);
  });

  it("acknowledge writes one row per finding, with what it said; a rounding cell can be acknowledged too, a match cannot", () => {
    const a = runCli([
      "acknowledge",
      "energy.intensity",
      "--dataset",
      dir,
      "--by",
      "A. Auditor",
      "--reason",
      "printed in kWh, not MWh; erratum filed",
    ]);
    expect(a.stderr).toBe("");
    expect(a.stdout).toMatch(
      /^acknowledged energy\.intensity\/total\/intensity \(mismatch\) in .*acknowledged\.csv:2\n$/,
    );
    expect(a.code).toBe(0);
    const b = runCli([
      "acknowledge",
      "water.wastewater.intensity",
      "--column",
      "總計",
      "--dataset",
      dir,
      "--by",
      "A. Auditor",
      "--reason",
      "computed with an earlier revenue figure",
    ]);
    expect(b.code).toBe(0);
    expect(
      runCli(["acknowledge", "water.municipal", "--column", "total", "--dataset", dir, "--by", "x", "--reason", "y"])
        .stderr,
    ).toContain("is a match: there is nothing to acknowledge");
    expect(
      runCli([
        "acknowledge",
        "energy.intensity",
        "--by",
        "x",
        "--reason",
        "y",
        "--dataset",
        join(ROOT, "data/datasets/nio-2021"),
      ]).code,
    ).toBe(2);
    const rows = parse(readFileSync(join(dir, "acknowledged.csv"), "utf8"), { columns: true }) as Record<
      string,
      string
    >[];
    expect(
      rows.map((r) => [r.metric, r.column, r.kind, r.status, r.published, r.recomputed, r.denominator, r.by]),
    ).toEqual([
      // 142,012.9 ÷ 36,136.4 = 3.9299… → 3.93 at the printed two decimals; the denominator in force, as printed.
      [
        "energy.intensity",
        "total",
        "intensity",
        "mismatch",
        "1,424.90",
        "3.93",
        "revenue-annual-results=36136.4",
        "A. Auditor",
      ],
      // 344,102.0 ÷ 36,136.4 = 9.5223… → 9.52
      [
        "water.wastewater.intensity",
        "total",
        "intensity",
        "mismatch",
        "9.53",
        "9.52",
        "revenue-annual-results=36136.4",
        "A. Auditor",
      ],
    ]);
    expect(rows[0]!.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it("unchanged: both shown as acknowledged, the run passes (exit 0), in every format", () => {
    const { code, report } = check();
    expect(code).toBe(0);
    expect(report.verdict).toBe("pass");
    expect(report.acknowledged).toMatchObject({ file: "acknowledged.csv", count: 2, changed: 0, stale: 0 });
    expect(finding(report, "energy.intensity")).toMatchObject({
      status: "mismatch",
      acknowledged: { state: "acknowledged", by: "A. Auditor", changes: [] },
    });
    expect(validateReport(report)).toBe(true);
    const table = runCli(["check", dir, ...ARITHMETIC]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain("✗ mismatch (acknowledged)");
    expect(table.stdout).toMatch(/PASS: nothing at or above --fail-on mismatch; 2 acknowledged\n$/);
    // --no-acknowledged: the file is ignored, the mismatches fail again
    expect(runCli(["check", dir, ...ARITHMETIC, "--no-acknowledged"]).code).toBe(1);
    // SARIF: suppressions, valid against the SARIF 2.1.0 schema
    const sarif = JSON.parse(runCli(["check", dir, ...ARITHMETIC, "--format", "sarif"]).stdout) as {
      runs: { results: { ruleId: string; suppressions?: { kind: string; justification: string }[] }[] }[];
    };
    expect(validateSarif(sarif)).toBe(true);
    const suppressed = sarif.runs[0]!.results.filter((r) => r.suppressions);
    expect(suppressed.map((r) => r.suppressions![0])).toEqual([
      expect.objectContaining({ kind: "external", justification: "computed with an earlier revenue figure" }),
      expect.objectContaining({ kind: "external", justification: "printed in kWh, not MWh; erratum filed" }),
    ]);
    // JUnit: skipped with the reason; GitHub: notices
    const junit = runCli(["check", dir, ...ARITHMETIC, "--format", "junit"]).stdout;
    expect(junit).toContain('<skipped message="acknowledged (by A. Auditor on ');
    expect(junit).toContain('printed in kWh, not MWh; erratum filed"/>');
    expect(junit).toMatch(/<testsuites [^>]*failures="0"[^>]*skipped="2"/);
    const github = runCli(["check", dir, ...ARITHMETIC, "--format", "github"]).stdout;
    expect(github).not.toContain("::error");
    expect(github.split("\n").filter((l) => l.startsWith("::notice file=")).length).toBe(4); // 2 acknowledged + 2 rounding cells
  });

  it("the published figure edited: fails again and says what changed", () => {
    writeFileSync(PUBLISHED, ORIGINAL.replace('"1,424.90"', '"1,424.95"'));
    const { code, report } = check();
    expect(code).toBe(1);
    expect(finding(report, "energy.intensity").acknowledged).toMatchObject({
      state: "changed",
      changes: [{ field: "published", then: "1,424.90", now: "1,424.95" }],
    });
    expect(report.acknowledged).toMatchObject({ count: 1, changed: 1, stale: 0 });
    const table = runCli(["check", dir, ...ARITHMETIC]);
    expect(table.stdout).toContain(
      "✗ changed since acknowledged: energy.intensity/total/intensity (acknowledged.csv:2): what changed: published 1,424.90 → 1,424.95",
    );
    expect(table.stdout).toMatch(
      /FAIL: 1 at or above --fail-on mismatch; 1 acknowledged, 1 acknowledgements no longer hold\n$/,
    );
    writeFileSync(PUBLISHED, ORIGINAL);
    expect(check().code).toBe(0);
  });

  it("an option changed (another denominator): the energy intensity fails, saying the denominator changed; the wastewater one now matches (stale)", () => {
    // With the printed 361億 (36,100 ± 50): 142,012.9 ÷ 36,100 = 3.9339… → 3.93 (same figure, other denominator);
    // 344,102.0 ÷ 36,100 = 9.5319… → 9.53 = the printed 9.53 (a match: its acknowledgement is stale).
    const { code, report } = check("--denominator", "revenue-printed");
    expect(code).toBe(1);
    expect(finding(report, "energy.intensity").acknowledged).toMatchObject({
      state: "changed",
      changes: [{ field: "denominator", then: "revenue-annual-results=36136.4", now: "revenue-printed=36100" }],
    });
    expect(finding(report, "water.wastewater.intensity")).toMatchObject({ status: "match" });
    expect(report.acknowledged.entries.map((e) => [e.key, e.state])).toEqual([
      ["energy.intensity/total/intensity", "changed"],
      ["water.wastewater.intensity/total/intensity", "stale"],
    ]);
  });

  it("the finding fixed: its acknowledgement is reported stale; the run passes", () => {
    writeFileSync(PUBLISHED, ORIGINAL.replace(",9.53\n", ",9.52\n"));
    expect(readFileSync(PUBLISHED, "utf8")).not.toBe(ORIGINAL);
    const { code, report } = check();
    expect(code).toBe(0);
    expect(report.acknowledged).toMatchObject({ count: 1, changed: 0, stale: 1 });
    const table = runCli(["check", dir, ...ARITHMETIC]);
    expect(table.stdout).toContain(
      "! stale: water.wastewater.intensity/total/intensity (acknowledged.csv:3): the finding it acknowledges is gone",
    );
    const github = runCli(["check", dir, ...ARITHMETIC, "--format", "github"]).stdout;
    expect(github).toContain("::warning file=");
    expect(github).toContain("title=esg-recalc stale%3A water.wastewater.intensity/total/intensity");
  });

  it("re-acknowledging replaces the row; a bad acknowledged file is an input error (exit 2)", () => {
    writeFileSync(PUBLISHED, ORIGINAL);
    const again = runCli([
      "acknowledge",
      "energy.intensity",
      "--dataset",
      dir,
      "--by",
      "B. Reviewer",
      "--reason",
      "still an erratum",
    ]);
    expect(again.stdout).toContain("re-acknowledged energy.intensity/total/intensity (mismatch)");
    const rows = parse(readFileSync(join(dir, "acknowledged.csv"), "utf8"), { columns: true }) as Record<
      string,
      string
    >[];
    expect(rows.map((r) => r.by)).toEqual(["B. Reviewer", "A. Auditor"]);
    expect(existsSync(join(dir, "acknowledged.csv"))).toBe(true);
    writeFileSync(
      join(dir, "acknowledged.csv"),
      "metric,column,kind,status,reason,by,at\nenergy.intensity,total,intensity,mismatch,,x,2026-01-01\n",
    );
    const bad = runCli(["check", dir, ...ARITHMETIC]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("acknowledged.csv:2");
    expect(bad.stderr).toContain('an acknowledgement needs "reason"');
  });
});

describe("acknowledging a claim the data contradicts", { timeout: 120_000 }, () => {
  const claimsDir = mkdtempSync(join(tmpdir(), "esg-ack-claim-"));
  afterAll(() => rmSync(claimsDir, { recursive: true, force: true }));
  cpSync(join(ROOT, "data/datasets/nio-2021"), claimsDir, { recursive: true });
  const claims = join(claimsDir, "claims.csv");
  // Hefei: recycled 4,439,959 ÷ (4,439,959 + 383,542) = 92.05%: "> 92%" holds, "> 95%" does not.
  writeFileSync(claims, readFileSync(claims, "utf8").replace("> 92%", "> 95%"));
  const run = (...extra: string[]) => runCli(["check", claimsDir, ...ARITHMETIC, "--format", "json", ...extra]);

  it("contradicted, it fails the run; acknowledged, it passes; the claim changed back to true, the acknowledgement is stale", () => {
    expect(4439959 / (4439959 + 383542)).toBeGreaterThan(0.92);
    expect(4439959 / (4439959 + 383542)).toBeLessThan(0.95);
    // the two intensity mismatches acknowledged first, so that the claim alone decides
    for (const m of ["energy.intensity", "water.wastewater.intensity"])
      expect(runCli(["acknowledge", m, "--dataset", claimsDir, "--by", "x", "--reason", "known"]).code).toBe(0);
    expect(run().code).toBe(1);
    const a = runCli([
      "acknowledge",
      "--claim",
      "hefei-water-reuse",
      "--dataset",
      claimsDir,
      "--by",
      "C. Reviewer",
      "--reason",
      "the report rounds 92.05% up",
    ]);
    expect(a.stdout).toContain("acknowledged claim/hefei-water-reuse (contradicted)");
    const after = run();
    expect(after.code).toBe(0);
    expect((JSON.parse(after.stdout) as Report).acknowledged).toMatchObject({ count: 3, changed: 0, stale: 0 });
    const github = runCli(["check", claimsDir, ...ARITHMETIC, "--format", "github"]).stdout;
    expect(github).not.toContain("::error");
    writeFileSync(claims, readFileSync(claims, "utf8").replace("> 95%", "> 92%"));
    const fixed = JSON.parse(run().stdout) as Report;
    expect(fixed.acknowledged.entries.find((e) => e.key === "claim/hefei-water-reuse")!.state).toBe("stale");
  });
});
