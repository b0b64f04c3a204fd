// Workbooks in and out, through the real binary: the xlsx fixtures (made by fixtures/make-xlsx-fixtures.js from CSV
// datasets) give the same reports as the CSV datasets they were converted from; the golden fixtures say what they
// must; --format xlsx and init --xlsx write workbooks the tool (and a second library) reads back.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import XLSX from "@e965/xlsx";
import { describe, expect, it } from "vitest";
import { fixture, ROOT, runCli } from "./runCli.js";

const ARITHMETIC = ["--no-recalculation", "--no-implied", "--no-boundary", "--no-denominators"];

/** A JSON report without what names the files (sources), which is all a workbook changes. */
function withoutSources(json: string, keepId = true): unknown {
  const r = JSON.parse(json) as {
    dataset: { id: string };
    findings: { source?: unknown }[];
    tables: { file?: string }[];
  };
  for (const f of r.findings) delete f.source;
  // (the file a table was read from: a workbook instead of a CSV file)
  for (const t of r.tables) delete t.file;
  if (!keepId) r.dataset.id = "";
  return r;
}

describe("xlsx fixtures", () => {
  it("are what fixtures/make-xlsx-fixtures.js writes (reproducible from the CSV datasets)", () => {
    const r = spawnSync(process.execPath, [join(ROOT, "fixtures/make-xlsx-fixtures.js"), "--check"], {
      encoding: "utf8",
    });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });
});

describe("NIO 2021 as one workbook gives the same report as the CSV dataset", () => {
  const csv = runCli(["check", "--format", "json"]);
  const xlsx = runCli(["check", fixture("xlsx-nio"), "--format", "json"]);

  it("same findings, statuses, figures, causes, claims and exit code", () => {
    expect(xlsx.stderr).toBe("");
    expect(xlsx.code).toBe(1);
    expect(csv.code).toBe(1);
    expect(withoutSources(xlsx.stdout)).toEqual(withoutSources(csv.stdout));
    // Not vacuous: 92 published cells, 2 mismatches (wastewater and energy intensity), 2 rounding; 88 arithmetic
    // matches and 1 recalculation match (Nanjing's scope 1: 0 recalculated against a published 0.0).
    const r = JSON.parse(xlsx.stdout) as { counts: Record<string, number>; findings: unknown[] };
    expect(r.counts).toMatchObject({ match: 88 + 1, rounding: 2, mismatch: 2 });
  });

  it("names each published cell by its cell: row 12 (wastewater intensity) is in column H (總計)", () => {
    const r = JSON.parse(xlsx.stdout) as {
      findings: { metric: string; column: string; source: Record<string, unknown> }[];
    };
    const w = r.findings.find((f) => f.metric === "water.wastewater.intensity" && f.column === "total")!;
    // published.csv line 12 holds the wastewater intensity; the total is the 8th column (A section … H 總計).
    expect(
      readFileSync(join(ROOT, "data/datasets/nio-2021/published.csv"), "utf8").split("\n")[11]!.normalize("NFKC"),
    ).toBe("廢水,廢水排放強度,噸/百萬,/,/,/,/,9.53");
    expect(w.source).toEqual({ file: "nio-2021.xlsx!published", line: 12, cell: "H12" });
  });

  it("the same table for people, but for the locations", () => {
    const strip = (s: string) =>
      s
        .replace(/\[[^\]]*\]/g, "[]")
        .replace(/ --dataset [^\s)]+/g, "")
        .replace(/\[nio-2021\]/g, "");
    const a = runCli(["check", "--problems"]);
    const b = runCli(["check", fixture("xlsx-nio"), "--problems"]);
    expect(strip(b.stdout)).toBe(strip(a.stdout));
    expect(b.stdout).toContain("[fixtures/xlsx-nio/nio-2021.xlsx!published!H12]");
  });
});

describe("a percentage format: harbourline's change column as 0.0%", () => {
  it("gives the same report as the CSV dataset", () => {
    const csv = runCli(["check", fixture("harbourline"), "--format", "json"]);
    const xlsx = runCli(["check", fixture("xlsx-percentage"), "--format", "json"]);
    expect(xlsx.stderr).toBe("");
    expect(withoutSources(xlsx.stdout)).toEqual(withoutSources(csv.stdout));
    // The change cells are stored as fractions: "4.7%" is 0.047 in the workbook, shown and read as 4.7%.
    const wb = XLSX.read(readFileSync(join(ROOT, "fixtures/xlsx-percentage/harbourline.xlsx")), { cellNF: true });
    const m2 = wb.Sheets.published!.M2!; // M: "Change 2022–2023", the 13th column
    expect([m2.v, m2.z, m2.w]).toEqual([0.047, "0.0%", "4.7%"]);
    const r = JSON.parse(xlsx.stdout) as { findings: { metric: string; column: string; published: string }[] };
    expect(r.findings.find((f) => f.column.includes("..") && f.metric === "energy.natural_gas")?.published).toBe(
      "4.7%",
    );
  });
});

describe("a formula total over the wrong range", () => {
  const r = runCli(["check", fixture("xlsx-formula-total"), ...ARITHMETIC]);
  it("is a mismatch whose cause names the cells the formula adds (golden)", () => {
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(readFileSync(join(ROOT, "fixtures/xlsx-formula-total/expected.stdout"), "utf8"));
    // By hand: F4 (Group scope 2) = SUM(D3:E3) = 120.4 + 35.0 = 155.4 (the scope 1 row); the data give
    // 1,684.3 + 456.2 = 2,140.5; difference +1,985.1.
    expect(r.stdout).toMatch(/Scope 2 · Group: Published 155\.4, Recomputed 2,140\.5 \(\+1,985\.1\)/);
    expect(r.stdout).toContain(
      "=SUM(D3:E3), which adds ghg.scope1 of plant-a (D3) and ghg.scope1 of plant-b (E3); the reporting tree adds ghg.scope2 of plant-a (D4) and ghg.scope2 of plant-b (E4)",
    );
  });

  it("explain shows the formula behind the published cell", () => {
    const e = runCli(["explain", "ghg.scope2", "--column", "group", "--dataset", fixture("xlsx-formula-total")]);
    expect(e.code).toBe(0);
    expect(e.stdout).toContain(
      "Published: 155.4  interval [155.350, 155.450]  ← fixtures/xlsx-formula-total/minimal.xlsx!published!F4 =SUM(D3:E3)",
    );
    expect(e.stdout).toContain('← fixtures/xlsx-formula-total/minimal.xlsx!emissions!C3 (printed "1684.3" tCO2e)');
  });

  it("the JSON report carries the cell and its formula", () => {
    const j = JSON.parse(
      runCli(["check", fixture("xlsx-formula-total"), "--format", "json", ...ARITHMETIC]).stdout,
    ) as { findings: { metric: string; column: string; source: unknown; causes: { code: string }[] }[] };
    const f = j.findings.find((x) => x.metric === "ghg.scope2" && x.column === "group")!;
    expect(f.source).toEqual({ file: "minimal.xlsx!published", line: 4, cell: "F4", formula: "=SUM(D3:E3)" });
    expect(f.causes.map((c) => c.code)).toEqual(["formula"]);
    // The correct formulas (=SUM(D2:E2) …) give no such cause.
    expect(j.findings.filter((x) => x.causes.some((c) => c.code === "formula"))).toHaveLength(1);
  });
});

describe("CI formats point at the workbook, and name the cell in words (a workbook has no lines)", () => {
  it("github and sarif", () => {
    const gh = runCli(["check", fixture("xlsx-formula-total"), "--format", "github", ...ARITHMETIC]).stdout.split(
      "\n",
    )[0]!;
    expect(gh).toMatch(
      /^::error file=fixtures\/xlsx-formula-total\/minimal\.xlsx,title=esg-recalc ✗ mismatch%3A Scope 2 · Group \(published!F4\)::/,
    );
    const sarif = JSON.parse(
      runCli(["check", fixture("xlsx-formula-total"), "--format", "sarif", ...ARITHMETIC]).stdout,
    ) as {
      runs: { results: { locations: { physicalLocation: Record<string, unknown> }[]; message: { text: string } }[] }[];
    };
    const r = sarif.runs[0]!.results[0]!;
    expect(r.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: "fixtures/xlsx-formula-total/minimal.xlsx", uriBaseId: "%SRCROOT%" },
    });
    expect(r.message.text).toContain("Scope 2 · Group (published!F4)");
  });
});

describe("workbooks read as the CSV would be", () => {
  const minimal = runCli(["check", fixture("minimal"), "--format", "json", ...ARITHMETIC]);
  it.each([
    ["xlsx-merged-header", "a title merged above the table (range A3:F8) and the section merged down its rows"],
    [
      "xlsx-hidden-row",
      "plant-b's electricity row and the source column hidden: read, as Excel's CSV export and SUM read them",
    ],
    ["xlsx-number-as-text", 'numbers stored as text ("1,200.5" published, "800.3" activity): parsed like CSV cells'],
  ])("%s (%s): the report of fixtures/minimal", (name) => {
    const r = runCli(["check", fixture(name), "--format", "json", ...ARITHMETIC]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(withoutSources(r.stdout, false)).toEqual(withoutSources(minimal.stdout, false));
  });

  it("the hidden row is really read: without it Group's electricity would be missing plant-b", () => {
    const wb = XLSX.read(readFileSync(join(ROOT, "fixtures/xlsx-hidden-row/minimal.xlsx")), { cellStyles: true });
    expect(wb.Sheets.energy!["!rows"]?.[2]?.hidden).toBe(true); // row 3 (0-based 2)
    expect(wb.Sheets.energy!.C3!.v).toBe(800.3);
    const j = JSON.parse(runCli(["check", fixture("xlsx-hidden-row"), "--format", "json", ...ARITHMETIC]).stdout) as {
      findings: { metric: string; column: string; status: string; recomputed: string }[];
    };
    expect(j.findings.find((f) => f.metric === "energy.purchased_electricity" && f.column === "group")).toMatchObject({
      status: "match",
      recomputed: "2000.8",
    });
  });
});

describe("bad workbook cells: exit 2, located at book.xlsx!Sheet!Cell (golden)", () => {
  it.each([
    // By hand: the table's header is row 8 (range A8:E13), rows 9–13 electricity, scope 1, scope 2, total GHG,
    // intensity; columns A label, B unit, C Plant A: C12 is Plant A's total GHG, the #DIV/0! cell.
    ["xlsx-bad-cell", "minimal.xlsx!published!C12", "the cell shows the error #DIV/0! (formula =C10/(C11-C11))"],
    // The header "Group" (F1) merged with G1.
    ["xlsx-bad-merged-header", "minimal.xlsx!published!F1", "the header cell is merged across F1:G1"],
  ])("%s", (name, at, message) => {
    const r = runCli(["check", fixture(name)]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(readFileSync(join(ROOT, "fixtures", name, "expected.stderr"), "utf8"));
    expect(r.stderr.split("\n")[0]).toBe(
      `fixtures/${name}/${at}: error[cell-unreadable]: ${message}${name === "xlsx-bad-merged-header" ? ": a column title names one column" : ""}`,
    );
    const j = JSON.parse(runCli(["check", fixture(name), "--format", "json"]).stdout) as {
      errors: { cell?: string; file: string; code: string }[];
    };
    expect(j.errors[0]).toMatchObject({
      code: "cell-unreadable",
      file: `fixtures/${name}/${at.replace(/![A-Z]+\d+$/, "")}`,
      cell: at.replace(/^.*!/, ""),
    });
  });

  // Every cell of the bad-cell fixture but C12 is the same as the good one: the one defect is the error value.
  it("xlsx-bad-cell's workbook holds that error value at C12 (read by a second library)", () => {
    const wb = XLSX.read(readFileSync(join(ROOT, "fixtures/xlsx-bad-cell/minimal.xlsx")), { cellFormula: true });
    expect(wb.Sheets.published!.C12).toMatchObject({ t: "e", f: "C10/(C11-C11)" });
  });
});

describe("--format xlsx", () => {
  const dir = mkdtempSync(join(tmpdir(), "esg-xlsx-"));
  it("needs --output (a workbook is binary)", () => {
    const r = runCli(["check", "--format", "xlsx"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("error[usage]: --format xlsx writes a binary workbook: give --output FILE.xlsx");
  });

  it("writes the report with the table's exit code; the workbook reads back in a second library", () => {
    const out = join(dir, "nio.xlsx");
    const r = runCli(["check", "--format", "xlsx", "--output", out]);
    expect(r.code).toBe(1); // NIO's table has mismatches, as with every other format
    expect(r.stdout).toBe("");
    const wb = XLSX.read(readFileSync(out), { cellStyles: true, cellNF: true });
    expect(wb.SheetNames).toEqual(["Summary", "Published table, cell by cell", "Findings"]);
    const table = wb.Sheets["Published table, cell by cell"]!;
    // Row 12 is the wastewater intensity (as in published.csv); H12 its total, 9.53, a mismatch (red).
    expect([String(table.B12!.v).normalize("NFKC"), table.H12!.v, table.H12!.w]).toEqual([
      "廢水排放強度",
      9.53,
      "9.53",
    ]);
    expect(table.H12!.s).toMatchObject({ fgColor: { rgb: "FFC7CE" } });
    // Recomputed by hand: 344,102.0 ÷ 36,136.4 = 9.5222… → 9.52.
    expect(table.H12!.c?.[0]?.t).toContain("Recomputed: 9.52");
    expect(table.H12!.c?.[0]?.t).toMatch(/interval: \[9\.5222\d*, 9\.5223\d*\]/);
    expect(table.H12!.c?.[0]?.t).toContain("revenue-printed (361億元)");
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    const findings = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets.Findings!);
    expect(findings).toHaveLength(100); // 92 cells + 8 recalculation and boundary findings
  });
});

describe("init --xlsx", () => {
  it("writes manifest.json and dataset.xlsx with the CSV template's sheets and headers; validate accepts it", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "esg-init-xlsx-")), "book");
    const r = runCli(["init", dir, "--xlsx"]);
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(["dataset.xlsx", "manifest.json"]);
    const csvDir = join(mkdtempSync(join(tmpdir(), "esg-init-csv-")), "csv");
    expect(runCli(["init", csvDir]).code).toBe(0);
    const wb = XLSX.read(readFileSync(join(dir, "dataset.xlsx")));
    expect(wb.SheetNames).toEqual(["published", "energy", "emissions", "water", "waste"]);
    // Same rows as published.csv, and the same header as each activity CSV.
    expect(XLSX.utils.sheet_to_csv(wb.Sheets.published!, { blankrows: false }).trim()).toBe(
      readFileSync(join(csvDir, "published.csv"), "utf8").trim(),
    );
    for (const s of ["energy", "emissions", "water", "waste"])
      expect(XLSX.utils.sheet_to_csv(wb.Sheets[s]!).trim()).toBe(readFileSync(join(csvDir, `${s}.csv`), "utf8").trim());
    const v = runCli(["validate", dir]);
    expect(v.stderr).toBe("");
    expect(v.code).toBe(0);
    // one template row per metric of the built-in catalogue
    const metrics = (
      JSON.parse(readFileSync(join(ROOT, "data/catalogue/metrics.json"), "utf8")) as { metrics: unknown[] }
    ).metrics.length;
    expect(v.stdout).toContain(`${metrics} published rows, 0 activity rows`);
  });
});
