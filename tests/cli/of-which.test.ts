// "Of which" rules (a printed part never exceeds its printed whole) on the two fixtures made for them, with every
// expected figure worked out by hand in the fixtures' README.md; golden reports in table, JSON and HTML.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { toolVersion } from "../../src/io/reference.js";
import { fixture, ROOT, runCli, type CliRun } from "./runCli.js";

/** The goldens hold the arithmetic checks only: the part-of check is one of them, and the factor library stays out. */
const ARITHMETIC = ["--no-recalculation", "--no-implied", "--no-boundary", "--no-denominators"];

const validate = new Ajv2020({ strict: false }).compile(
  JSON.parse(readFileSync(join(ROOT, "schema/report.schema.json"), "utf8")) as object,
);

/**
 * The HTML names the tool's version twice (generator, footer), and carries the report's stylesheet: a golden file must
 * change with neither a release nor a colour. The stylesheet is tested with the report (tests/unit/html.test.ts, the
 * browser test).
 */
const normalised = (html: string) =>
  html
    .replaceAll(`esg-recalc ${toolVersion()}`, "esg-recalc VERSION")
    .replace(/<style>[\s\S]*?<\/style>/, "<style>/* the stylesheet of src/render/html.ts */</style>");

/** Compares with the golden file; UPDATE_GOLDEN=1 writes it instead (read it before committing it). */
function golden(name: string, actual: string): void {
  const file = join(ROOT, "fixtures", name);
  if (process.env.UPDATE_GOLDEN === "1") writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, "utf8"));
}

interface Report {
  counts: Record<string, number>;
  verdict: string;
  findings: {
    metric: string;
    column: string;
    kind: string;
    status: string;
    published: string;
    recomputed: string | null;
    whole?: {
      metric: string;
      column: string;
      published: string;
      publishedValue: string;
      publishedInterval: [string, string];
      rule: string;
    };
    causes: { code: string; message: string }[];
  }[];
  partOf: {
    rule: string;
    verdict: string;
    part: { metric: string; column: string; published: string };
    whole: { metric: string; column: string; published: string };
    explainedBy: unknown;
  }[];
}

/** The fixture checked in the three golden formats. */
function reports(name: string) {
  const [table, json, html] = ["table", "json", "html"].map((format) =>
    runCli(["check", fixture(name), "--format", format, ...ARITHMETIC]),
  ) as [CliRun, CliRun, CliRun];
  return { table, json, html, report: JSON.parse(json.stdout) as Report };
}

describe("fixtures/of-which: Plant A prints 125.0 t recycled out of 120.0 t of non-hazardous waste", () => {
  const { table, json, html, report } = reports("of-which");

  it("exits 1: the violated rule is a mismatch, the only failing finding", () => {
    expect([table.code, json.code, html.code]).toEqual([1, 1, 1]);
    // 12 published numbers, all following from the data (README); the part-of finding is the 13th finding.
    expect(report.counts).toEqual({
      match: 12,
      rounding: 0,
      mismatch: 1,
      missing: 0,
      omitted: 0,
      "within-materiality": 0,
      material: 0,
      incomplete: 0,
    });
    expect(report.verdict).toBe("fail");
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  });

  it("the finding: kind part-of on the part's cell, the whole beside it, with its own cause", () => {
    const f = report.findings.filter((x) => x.kind === "part-of");
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({
      metric: "waste.non_hazardous.recycled",
      column: "plant-a",
      status: "mismatch",
      published: "125.0",
      recomputed: null,
    });
    // 120.0 stands for [119.95, 120.05); 125.0 for [124.95, 125.05): 124.95 ≥ 120.05, so no rounding reconciles them.
    expect(f[0]!.whole).toMatchObject({
      metric: "waste.non_hazardous.total",
      column: "plant-a",
      published: "120.0",
      publishedValue: "120.0",
      rule: "declared",
    });
    expect(f[0]!.whole!.publishedInterval.map(Number)).toEqual([119.95, 120.05]);
    expect(f[0]!.causes.map((c) => c.code)).toEqual(["part-exceeds-whole"]);
    expect(f[0]!.causes[0]!.message).toContain(
      "stands for at least 124.95, the printed whole 120.0 for less than 120.05",
    );
    // Placed right after the cell's own (match) finding.
    const i = report.findings.findIndex((x) => x.kind === "part-of");
    expect(report.findings[i - 1]).toMatchObject({
      metric: "waste.non_hazardous.recycled",
      column: "plant-a",
      kind: "input",
      status: "match",
    });
  });

  it("17 comparisons (README): 9 by the three rules — catalogue, dataset metric, manifest — and 8 up the tree", () => {
    expect(report.partOf).toHaveLength(17);
    const by = (rule: string, verdict: string) =>
      report.partOf.filter((c) => c.rule === rule && c.verdict === verdict).length;
    expect([by("declared", "holds"), by("declared", "violated"), by("tree", "holds")]).toEqual([8, 1, 8]);
    const parts = new Set(report.partOf.filter((c) => c.rule === "declared").map((c) => c.part.metric));
    expect([...parts]).toEqual([
      "waste.non_hazardous.recycled",
      "waste.non_hazardous.landfilled",
      "waste.non_hazardous.composted",
    ]);
    expect(report.partOf.every((c) => c.explainedBy === null)).toBe(true);
  });

  it("golden: table", () => golden("of-which/expected.table.txt", table.stdout));
  it("golden: json", () => golden("of-which/expected.json", json.stdout));
  it("golden: html", () => golden("of-which/expected.html", normalised(html.stdout)));

  it("every format carries the finding", () => {
    const formats = ["csv", "markdown", "github", "junit", "sarif"].map((f) =>
      runCli(["check", fixture("of-which"), "--format", f]),
    );
    const [csv, md, gh, junit, sarif] = formats.map((r) => r.stdout) as [string, string, string, string, string];
    expect(csv).toMatch(/^waste\.non_hazardous\.recycled,.*,plant-a,.*,part-of,mismatch,125\.0,/m);
    expect(md).toContain(
      "| ✗ mismatch | Non-hazardous waste recycled · Plant A | 125.0 | Non-hazardous waste · Plant A | 120.0 | of which |",
    );
    expect(gh).toContain("::error file=fixtures/of-which/published.csv,line=3,col=32,");
    expect(junit).toContain('<testcase name="Non-hazardous waste recycled · Plant A (of which)"');
    const s = JSON.parse(sarif) as { runs: { results: { ruleId: string; properties: { kind: string } }[] }[] };
    expect(s.runs[0]!.results.map((r) => [r.ruleId, r.properties.kind])).toEqual([["part-exceeds-whole", "part-of"]]);
  });

  it("explain shows the part and the whole with their intervals and where each is printed", () => {
    const e = runCli([
      "explain",
      "waste.non_hazardous.recycled",
      "--column",
      "plant-a",
      "--dataset",
      fixture("of-which"),
    ]);
    expect(e.code).toBe(0);
    expect(e.stdout).toContain(
      "Part: Non-hazardous waste recycled · Plant A = 125.0  interval [124.950, 125.050]  ← fixtures/of-which/published.csv:3:32",
    );
    expect(e.stdout).toContain(
      "Whole: Non-hazardous waste · Plant A = 120.0  interval [119.950, 120.050]  ← fixtures/of-which/published.csv:2:43",
    );
  });
});

describe("fixtures/of-which-rounding: 120.3 t recycled under a total printed as 120 t is only rounding", () => {
  const { table, json, html, report } = reports("of-which-rounding");

  it("no finding, exit 0: 120 stands for [119.5, 120.5), which holds 120.3", () => {
    expect([table.code, json.code, html.code]).toEqual([0, 0, 0]);
    expect(report.findings.some((f) => f.kind === "part-of")).toBe(false);
    expect(report.counts).toMatchObject({ match: 6, mismatch: 0 });
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  });

  it("the comparison is listed as holding within rounding, the other six as holding", () => {
    expect(report.partOf.filter((c) => c.verdict === "rounding")).toEqual([
      {
        rule: "declared",
        verdict: "rounding",
        part: { metric: "waste.non_hazardous.recycled", column: "plant-a", published: "120.3" },
        whole: { metric: "waste.non_hazardous.total", column: "plant-a", published: "120" },
        explainedBy: null,
      },
    ]);
    expect(report.partOf.filter((c) => c.verdict === "holds")).toHaveLength(6);
  });

  it("golden: table", () => golden("of-which-rounding/expected.table.txt", table.stdout));
  it("golden: json", () => golden("of-which-rounding/expected.json", json.stdout));
  it("golden: html", () => golden("of-which-rounding/expected.html", normalised(html.stdout)));
});

describe("a violation another finding already reports is not counted twice", () => {
  it("fixtures/statuses: Group's scope 2 is printed 1,410.5 (a mismatch): Plant A's 1,684.3 exceeds it, shown, not a finding", () => {
    const r = JSON.parse(
      runCli(["check", fixture("statuses"), "--format", "json", "--no-recalculation"]).stdout,
    ) as Report;
    expect(r.findings.some((f) => f.kind === "part-of")).toBe(false);
    const v = r.partOf.filter((c) => c.verdict === "violated");
    expect(v).toEqual([
      {
        rule: "tree",
        verdict: "violated",
        part: { metric: "ghg.scope2", column: "plant-a", published: "1,684.3" },
        whole: { metric: "ghg.scope2", column: "group", published: "1,410.5" },
        explainedBy: { metric: "ghg.scope2", column: "group" },
      },
    ]);
  });
});
