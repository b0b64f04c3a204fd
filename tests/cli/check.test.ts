// `check` on the good fixtures, with the statuses and values worked out by hand in each fixture's README.md
// (never copied from the tool's output), plus the CLI's formats, languages, colour and usage errors.
import { describe, expect, it } from "vitest";
import { fixture, runCli, type CliRun } from "./runCli.js";

interface FindingJson {
  metric: string;
  column: string;
  kind: string;
  status: string;
  published: string;
  publishedValue: string | null;
  recomputed: string | null;
  recomputedValue: string | null;
  difference: string | null;
  publishedInterval: [string, string] | null;
  recomputedInterval: [string, string] | null;
  source: { file: string; line: number; column?: number };
}
interface ReportJson {
  schemaVersion: number;
  dataset: { id: string };
  denominator: { id: string; printed: string; interval: [string, string] };
  failOn: string;
  verdict: string;
  counts: Record<string, number>;
  findings: FindingJson[];
}

// These fixtures test the arithmetic checks; their invented figures are not meant to follow from real emission
// factors, so the checks against activity data and factors are switched off (tests/cli/recalculation.test.ts
// covers those).
const ARITHMETIC_ONLY = ["--no-recalculation", "--no-implied", "--no-boundary", "--no-denominators"];

// One spawn per distinct command line.
const runs = new Map<string, CliRun>();
const run = (rawArgs: string[], env?: Record<string, string | undefined>): CliRun => {
  const args = rawArgs[0] === "check" ? [...rawArgs, ...ARITHMETIC_ONLY] : rawArgs;
  const key = JSON.stringify([args, env ?? null]);
  let r = runs.get(key);
  if (!r) runs.set(key, (r = runCli(args, env ? { env } : {})));
  return r;
};
const json = (name: string, ...extra: string[]): { r: CliRun; report: ReportJson } => {
  const r = run(["check", fixture(name), "--format", "json", ...extra]);
  return { r, report: JSON.parse(r.stdout) as ReportJson };
};
const cell = (report: ReportJson, metric: string, column: string): FindingJson => {
  const found = report.findings.filter((f) => f.metric === metric && f.column === column);
  expect(found, `${metric} / ${column}`).toHaveLength(1);
  return found[0]!;
};
const counts = (c: Partial<Record<"match" | "rounding" | "mismatch" | "missing" | "omitted", number>>) => ({
  match: 0,
  rounding: 0,
  mismatch: 0,
  missing: 0,
  omitted: 0,
  "within-materiality": 0,
  material: 0,
  incomplete: 0,
  ...c,
});
const ANSI = /\u001b\[/;

// fixtures/minimal/README.md: 4 rows × 3 columns + the intensity, all match.
const MINIMAL_CELLS: [metric: string, column: string, kind: string, recomputed: string][] = [
  ["energy.purchased_electricity", "plant-a", "input", "1200.5"],
  ["energy.purchased_electricity", "plant-b", "input", "800.3"],
  ["energy.purchased_electricity", "group", "sum", "2000.8"],
  ["ghg.scope1", "plant-a", "input", "120.4"],
  ["ghg.scope1", "plant-b", "input", "35.0"],
  ["ghg.scope1", "group", "sum", "155.4"],
  ["ghg.scope2", "plant-a", "input", "1684.3"],
  ["ghg.scope2", "plant-b", "input", "456.2"],
  ["ghg.scope2", "group", "sum", "2140.5"],
  ["ghg.total", "plant-a", "identity", "1804.7"],
  ["ghg.total", "plant-b", "identity", "491.2"],
  ["ghg.total", "group", "identity", "2295.9"],
  ["ghg.intensity", "group", "intensity", "1.84"],
];

/** The minimal figures, whatever the encoding or layout of the files that carry them. */
function expectMinimalFigures(report: ReportJson) {
  expect(report.counts).toEqual(counts({ match: 13 }));
  expect(report.findings.map((f) => [f.metric, f.column, f.kind, f.recomputed])).toEqual(MINIMAL_CELLS);
  for (const f of report.findings) {
    expect(f.status, `${f.metric}/${f.column}`).toBe("match");
    expect(f.publishedValue).toBe(f.recomputed);
  }
}

describe("fixtures/minimal", () => {
  it("exits 0 and prints every cell as a match in the table", () => {
    const r = run(["check", fixture("minimal")]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("13 cells checked: 13 match, 0 rounding, 0 mismatch, 0 missing, 0 omitted — PASS");
  });

  it("recomputes the hand-calculated values, in the table's order", () => {
    const { r, report } = json("minimal");
    expect(r.code).toBe(0);
    expect(report.schemaVersion).toBe(4);
    expect(report.dataset.id).toBe("fixture-minimal");
    expect(report.verdict).toBe("pass");
    expectMinimalFigures(report);
  });

  it("divides the GHG total by the printed revenue 1,250.0 (±0.05)", () => {
    const { report } = json("minimal");
    expect(report.denominator).toMatchObject({ id: "revenue", printed: "1,250.0", interval: ["1249.95", "1250.05"] });
    const i = cell(report, "ghg.intensity", "group");
    expect(i.recomputedValue).toBe("1.83672"); // 2,295.9 ÷ 1,250.0
    expect(i.published).toBe("1.84");
    expect(i.difference).toBe("0.00");
  });

  it("sums the intervals of printed inputs (group electricity: [1,200.45 + 800.25, 1,200.55 + 800.35])", () => {
    const e = cell(json("minimal").report, "energy.purchased_electricity", "group");
    expect(e.recomputedInterval).toEqual(["2000.7", "2000.9"]);
    expect(e.publishedInterval).toEqual(["2000.75", "2000.85"]);
    expect(e.source).toEqual({ file: "published.csv", line: 2, column: 54 });
  });
});

describe("fixtures/statuses", () => {
  // fixtures/statuses/README.md: every non-match cell, with its status and hand-computed figures.
  const PLANTED = [
    {
      metric: "energy.natural_gas",
      column: "plant-b",
      status: "omitted",
      published: "/",
      publishedValue: null,
      recomputed: "250.0",
      difference: null,
    },
    {
      metric: "ghg.scope1",
      column: "group",
      status: "rounding",
      published: "30.9",
      publishedValue: "30.9",
      recomputed: "30.8",
      difference: "-0.1",
    },
    {
      metric: "ghg.scope2",
      column: "group",
      status: "mismatch",
      published: "1,410.5",
      publishedValue: "1410.5",
      recomputed: "2140.5",
      difference: "730.0",
    },
    {
      metric: "water.municipal",
      column: "group",
      status: "missing",
      published: "500.0",
      publishedValue: "500.0",
      recomputed: null,
      difference: null,
    },
  ];

  it("exits 1 (a mismatch, a missing and an omitted cell are at or above the default threshold)", () => {
    const r = run(["check", fixture("statuses")]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      "13 cells checked: 9 match, 1 rounding, 1 mismatch, 1 missing, 1 omitted — FAIL: 3 at or above --fail-on mismatch",
    );
  });

  it("has exactly the planted statuses on exactly the planted cells", () => {
    const { r, report } = json("statuses");
    expect(r.code).toBe(1);
    expect(report.verdict).toBe("fail");
    expect(report.counts).toEqual(counts({ match: 9, rounding: 1, mismatch: 1, missing: 1, omitted: 1 }));
    expect(report.findings.filter((f) => f.status !== "match").map((f) => [f.metric, f.column, f.status])).toEqual(
      PLANTED.map((p) => [p.metric, p.column, p.status]),
    );
    for (const p of PLANTED) expect(cell(report, p.metric, p.column)).toMatchObject(p);
  });

  it("checks every other printed number as a match, and gives no finding for / cells without data", () => {
    const { report } = json("statuses");
    const matches = report.findings.filter((f) => f.status === "match").map((f) => `${f.metric}/${f.column}`);
    expect(matches).toEqual([
      "energy.purchased_electricity/plant-a",
      "energy.purchased_electricity/plant-b",
      "energy.purchased_electricity/group",
      "energy.natural_gas/plant-a",
      "energy.natural_gas/group",
      "ghg.scope1/plant-a",
      "ghg.scope1/plant-b",
      "ghg.scope2/plant-a",
      "ghg.scope2/plant-b",
    ]);
    expect(report.findings.some((f) => f.metric === "water.municipal" && f.column !== "group")).toBe(false);
  });

  it("explains the rounding by overlapping intervals and the mismatch by disjoint ones", () => {
    const { report } = json("statuses");
    const rounding = cell(report, "ghg.scope1", "group");
    expect(rounding.recomputedInterval).toEqual(["30.7", "30.9"]); // [10.35 + 20.35, 10.45 + 20.45]
    expect(rounding.publishedInterval).toEqual(["30.85", "30.95"]);
    const mismatch = cell(report, "ghg.scope2", "group");
    expect(mismatch.recomputedInterval).toEqual(["2140.4", "2140.6"]); // [1,684.25 + 456.15, 1,684.35 + 456.25]
    expect(mismatch.publishedInterval).toEqual(["1410.45", "1410.55"]);
  });

  it("--fail-on none exits 0 and reports a pass", () => {
    expect(run(["check", fixture("statuses"), "--fail-on", "none"]).code).toBe(0);
    const { r, report } = json("statuses", "--fail-on", "none");
    expect(r.code).toBe(0);
    expect(report).toMatchObject({ failOn: "none", verdict: "pass" });
  });

  it("--fail-on omitted still exits 1 (omitted, missing and mismatch share one level)", () => {
    expect(run(["check", fixture("statuses"), "--fail-on", "omitted"]).code).toBe(1);
  });
});

describe("fixtures/rounding-only", () => {
  it("exits 0 by default: rounding is below the default threshold", () => {
    const { r, report } = json("rounding-only");
    expect(r.code).toBe(0);
    expect(report.counts).toEqual(counts({ match: 12, rounding: 1 }));
    expect(cell(report, "ghg.scope1", "group")).toMatchObject({
      status: "rounding",
      published: "155.5",
      recomputed: "155.4",
      difference: "-0.1",
      recomputedInterval: ["155.3", "155.5"],
    });
    expect(run(["check", fixture("rounding-only")]).code).toBe(0);
  });

  it("--fail-on rounding exits 1", () => {
    const r = run(["check", fixture("rounding-only"), "--fail-on", "rounding"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      "12 match, 1 rounding, 0 mismatch, 0 missing, 0 omitted — FAIL: 1 at or above --fail-on rounding",
    );
  });
});

// Printed figures stand for half-open intervals [x − ½u, x + ½u); a negative figure for a quantity that cannot be
// negative is taken as printed. Both fixtures' READMEs work the figures out by hand.
describe("published values that are not rounding", () => {
  const onlyMismatch = (report: ReportJson) =>
    report.findings.filter((f) => f.status !== "match").map((f) => [f.metric, f.column, f.status]);

  it("typo-last-digit: Plant A electricity printed 1,200.6 for the data's 1,200.5 is a mismatch, not rounding", () => {
    const { r, report } = json("typo-last-digit");
    expect(r.code).toBe(1);
    expect(report.counts).toEqual(counts({ match: 12, mismatch: 1 }));
    expect(onlyMismatch(report)).toEqual([["energy.purchased_electricity", "plant-a", "mismatch"]]);
    // [1,200.45, 1,200.55) and [1,200.55, 1,200.65) only touch at 1,200.55: no quantity prints as both
    expect(cell(report, "energy.purchased_electricity", "plant-a")).toMatchObject({
      kind: "input",
      status: "mismatch",
      published: "1,200.6",
      publishedValue: "1200.6",
      recomputed: "1200.5",
      difference: "-0.1",
      recomputedInterval: ["1200.45", "1200.55"],
      publishedInterval: ["1200.55", "1200.65"],
      source: { file: "published.csv", line: 2, column: 38 },
    });
    // the group is recomputed from the activity rows, not from the mistyped cell: 1,200.5 + 800.3 = 2,000.8
    expect(cell(report, "energy.purchased_electricity", "group")).toMatchObject({
      status: "match",
      published: "2,000.8",
      recomputed: "2000.8",
      difference: "0.0",
    });
    expect(r.stderr).toBe("");
  });

  it("typo-last-digit: the table and the exit code say FAIL at mismatch", () => {
    const r = run(["check", fixture("typo-last-digit")]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      "13 cells checked: 12 match, 0 rounding, 1 mismatch, 0 missing, 0 omitted — FAIL: 1 at or above --fail-on mismatch",
    );
  });

  it("negative-published: Plant B scope 1 printed -35.0 is a mismatch, its interval left unclamped", () => {
    const { r, report } = json("negative-published");
    expect(r.code).toBe(1);
    expect(report.counts).toEqual(counts({ match: 12, mismatch: 1 }));
    expect(onlyMismatch(report)).toEqual([["ghg.scope1", "plant-b", "mismatch"]]);
    // -35.0 stands for [-35.05, -34.95] (clamping would have made it [0, 0]); 35.0 for [34.95, 35.05]; 35.0 - (-35.0) = 70.0
    expect(cell(report, "ghg.scope1", "plant-b")).toMatchObject({
      kind: "input",
      status: "mismatch",
      published: "-35.0",
      publishedValue: "-35.0",
      recomputed: "35.0",
      difference: "70.0",
      recomputedInterval: ["34.95", "35.05"],
      publishedInterval: ["-35.05", "-34.95"],
      source: { file: "published.csv", line: 3, column: 46 },
    });
    // recomputed from the activity rows: 120.4 + 35.0 = 155.4 and 35.0 + 456.2 = 491.2
    expect(cell(report, "ghg.scope1", "group")).toMatchObject({
      status: "match",
      published: "155.4",
      recomputed: "155.4",
    });
    expect(cell(report, "ghg.total", "plant-b")).toMatchObject({
      status: "match",
      published: "491.2",
      recomputed: "491.2",
    });
    expect(r.stderr).toBe("");
  });
});

describe("real-file quirks", () => {
  it("bom-crlf: BOM, CRLF and quoted thousands separators read like minimal", () => {
    const { r, report } = json("bom-crlf");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expectMinimalFigures(report);
    // the last field of a CRLF line carries no \r; the first header is not "\ufeffsection"
    expect(cell(report, "ghg.total", "group").published).toBe("2,295.9");
    for (const f of report.findings) expect(f.published).not.toMatch(/[\r\ufeff]/);
    expect(cell(report, "energy.purchased_electricity", "plant-a")).toMatchObject({
      published: "1,200.5",
      publishedValue: "1200.5",
      source: { file: "published.csv", line: 2, column: 38 },
    });
  });

  it("gb18030: GB18030 files with Chinese headings, titles and labels read like minimal", () => {
    const { r, report } = json("gb18030");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expectMinimalFigures(report);
  });

  it("gb18030: --lang zh-Hans shows the manifest's Chinese column titles and the catalogue's labels", () => {
    const r = run(["check", fixture("gb18030"), "--lang", "zh-Hans"]);
    expect(r.code).toBe(0);
    for (const text of ["外购电力", "范畴一", "温室气体排放总量", "集团合计", "甲厂", "相符"])
      expect(r.stdout).toContain(text);
    expect(r.stdout).not.toContain("Purchased electricity");
  });

  it("pdf-labels: Kangxi radicals, ⺠, U+FFFD, a glued footnote marker, NBSPs and full-width digits all read", () => {
    const { r, report } = json("pdf-labels");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(report.counts).toEqual(counts({ match: 15 }));
    expect([...new Set(report.findings.map((f) => f.metric))]).toEqual([
      "energy.purchased_electricity",
      "ghg.scope1",
      "ghg.scope2",
      "ghg.total",
      "ghg.intensity",
      "water.municipal",
    ]);
    expect(cell(report, "water.municipal", "plant-a")).toMatchObject({
      status: "match",
      published: "１２３.４",
      publishedValue: "123.4",
      recomputed: "123.4",
    });
    expect(cell(report, "water.municipal", "group")).toMatchObject({
      status: "match",
      published: "123.4",
      recomputed: "123.4",
    });
    expect(cell(report, "ghg.intensity", "group")).toMatchObject({
      status: "match",
      published: "\u00a01.84\u00a0",
      publishedValue: "1.84",
      recomputed: "1.84",
    });
    expect(report.findings.some((f) => f.metric === "water.municipal" && f.column === "plant-b")).toBe(false);
  });
});

describe("output formats", () => {
  it("--format csv: the documented header and one row per finding", () => {
    const r = run(["check", fixture("statuses"), "--format", "csv"]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe(
      "metric,label,unit,column,column_label,kind,status,published,published_value,recomputed,difference,recomputed_lo,recomputed_hi,published_lo,published_hi,relative_difference,method,factors,source,causes",
    );
    expect(lines).toHaveLength(1 + 13);
    expect(lines.find((l) => l.startsWith("ghg.scope1,") && l.includes(",group,"))).toMatch(
      /^ghg\.scope1,Scope 1,tCO2e,group,Group,sum,rounding,30\.9,30\.9,30\.8,-0\.1,30\.7,30\.9,30\.85,30\.95,,,,published\.csv:4:50,/,
    );
    expect(lines.find((l) => l.startsWith("energy.natural_gas,") && l.includes(",plant-b,"))).toMatch(
      /^energy\.natural_gas,Natural gas,m³,plant-b,Plant B,input,omitted,\/,,250\.0,/,
    );
  });

  it("--problems with --format json: only the findings that are not a match, counts of the whole check, and says so", () => {
    const all = json("statuses").report;
    const { r, report } = json("statuses", "--problems");
    expect(r.code).toBe(1);
    // fixtures/statuses (README): 9 match, 1 rounding, 1 mismatch, 1 missing, 1 omitted.
    expect(report.counts).toEqual(all.counts);
    expect(report.counts).toEqual(counts({ match: 9, rounding: 1, mismatch: 1, missing: 1, omitted: 1 }));
    expect(report.findings.map((f) => f.status).sort()).toEqual(["mismatch", "missing", "omitted", "rounding"]);
    expect((report as unknown as { problemsOnly?: boolean }).problemsOnly).toBe(true);
    expect((all as unknown as { problemsOnly?: boolean }).problemsOnly).toBeUndefined();
    expect(report.verdict).toBe(all.verdict);
  });

  it("--problems with --format csv: the header and one row per finding that is not a match", () => {
    const r = run(["check", fixture("statuses"), "--format", "csv", "--problems"]);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe(run(["check", fixture("statuses"), "--format", "csv"]).stdout.split("\n")[0]);
    expect(
      lines
        .slice(1)
        .map((l) => l.split(",")[6])
        .sort(),
    ).toEqual(["mismatch", "missing", "omitted", "rounding"]);
  });

  it("--format markdown: a table row for a known cell", () => {
    const r = run(["check", fixture("statuses"), "--format", "markdown"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("| Metric | Unit | Column | Published | Recomputed | Difference | Status |");
    expect(r.stdout).toContain("| Scope 2 | tCO2e | Group | **1,410.5** | **2,140.5** | **+730.0** | **✗ mismatch** |");
    expect(r.stdout).toContain("| Purchased electricity | MWh | Group | 2,000.8 | 2,000.8 | 0.0 | ✓ match |");
  });

  it("--lang zh-Hant: Chinese metric, column and status labels", () => {
    const r = run(["check", fixture("minimal"), "--lang", "zh-Hant"]);
    expect(r.code).toBe(0);
    for (const text of [
      "外購電力",
      "溫室氣體排放總量",
      "溫室氣體排放強度",
      "集團合計",
      "甲廠",
      "乙廠",
      "相符",
      "披露值",
    ])
      expect(r.stdout).toContain(text);
    expect(r.stdout).not.toContain("Total GHG emissions");
    expect(r.stdout).not.toContain("Plant A");
  });
});

describe("colour", () => {
  it("no ANSI escapes when NO_COLOR is unset but stdout is not a terminal", () => {
    const r = run(["check", fixture("statuses")], { NO_COLOR: undefined, TERM: "xterm-256color" });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("✗ mismatch");
    expect(r.stdout).not.toMatch(ANSI);
    const bad = run(["check", fixture("bad-unit-unknown")], { NO_COLOR: undefined, TERM: "xterm-256color" });
    expect(bad.stderr).toContain("error[unit-unknown]");
    expect(bad.stderr).not.toMatch(ANSI);
  });

  it("--color forces ANSI escapes on stdout and stderr", () => {
    const r = run(["check", fixture("statuses"), "--color"], { NO_COLOR: undefined, TERM: "xterm-256color" });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(ANSI);
    const bad = run(["check", fixture("bad-unit-unknown"), "--color"], { NO_COLOR: undefined, TERM: "xterm-256color" });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(ANSI);
  });

  it("--format json never carries ANSI escapes, even with --color", () => {
    const r = run(["check", fixture("statuses"), "--format", "json", "--color"], { NO_COLOR: undefined });
    expect(r.stdout).not.toMatch(ANSI);
    expect(() => JSON.parse(r.stdout)).not.toThrow();
  });
});

describe("usage", () => {
  it("an unknown option exits 2 and says which", () => {
    const r = run(["check", fixture("minimal"), "--bogus"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    // in the tool's own error format, like every other usage error
    expect(r.stderr.startsWith("error[usage]: unknown option '--bogus'")).toBe(true);
  });

  it("a bad --format value exits 2 and lists the formats", () => {
    const r = run(["check", fixture("minimal"), "--format", "xml"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("'xml' is invalid");
    expect(r.stderr).toContain("table, json, csv, markdown");
  });

  it("a bad --fail-on value exits 2", () => {
    const r = run(["check", fixture("minimal"), "--fail-on", "everything"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--fail-on");
  });

  it("a folder that is not a dataset exits 2", () => {
    const r = run(["check", fixture("no-such-fixture")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("fixtures/no-such-fixture is not a dataset folder");
  });

  it("--help exits 0 and prints usage on stdout", () => {
    const r = run(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage: esg-recalc");
    expect(r.stdout).toContain("check");
    const c = run(["check", "--help"]);
    expect(c.code).toBe(0);
    expect(c.stdout).toContain("--fail-on");
    expect(c.stdout).toContain("--format");
  });
});
