// check DIR...: fixtures/batch (README there) holds a failing, a passing and a bad dataset. Goldens for the table,
// JSON and JSONL reports and the exit code; the JSON checked against its JSON Schema; the counts of each dataset
// checked against the figures its README works out by hand (not taken from the tool).
import { Ajv2020 } from "ajv/dist/2020.js";
import { Ajv } from "ajv";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "./runCli.js";
import { batchJsonSchema, batchLineJsonSchema } from "../../src/schema/jsonSchema.js";

const B = "fixtures/batch";
const golden = (name: string) => readFileSync(join(ROOT, B, name), "utf8");
const ajv = new Ajv2020({ strict: false });
const batchSchema = JSON.parse(readFileSync(join(ROOT, "schema/batch.schema.json"), "utf8")) as object;
const lineSchema = JSON.parse(readFileSync(join(ROOT, "schema/batch-line.schema.json"), "utf8")) as object;
const validateBatch = ajv.compile(batchSchema);
const validateLine = ajv.compile(lineSchema);

interface Entry {
  path: string;
  verdict: string;
  report: { dataset: { id: string; company: string }; counts: Record<string, number>; verdict: string } | null;
  errors: { code: string; file?: string; line?: number; column?: number }[];
}

describe("check fixtures/batch (a folder of three datasets)", { timeout: 120_000 }, () => {
  const table = runCli(["check", B]);
  const json = runCli(["check", B, "--format", "json"]);
  const jsonl = runCli(["check", B, "--format", "jsonl"]);

  it("exits 2 (one dataset could not be checked) and still reports the other two", () => {
    expect([table.code, json.code, jsonl.code]).toEqual([2, 2, 2]);
    expect(table.stdout).toBe(golden("expected.table.txt"));
    expect(table.stderr).toBe(golden("expected.stderr"));
  });

  it("JSON: the golden, valid against schema/batch.schema.json; datasets in name order, each as its README says", () => {
    expect(json.stdout).toBe(golden("expected.json"));
    const doc = JSON.parse(json.stdout) as { verdict: string; counts: Record<string, number>; datasets: Entry[] };
    expect(validateBatch(doc), JSON.stringify(validateBatch.errors)).toBe(true);
    expect(validateBatch({ ...doc, verdict: "maybe" })).toBe(false);
    expect(doc.verdict).toBe("error");
    expect(doc.counts).toEqual({ datasets: 3, pass: 1, fail: 1, error: 1 });
    expect(doc.datasets.map((d) => [d.path, d.verdict])).toEqual([
      [`${B}/acme-failing`, "fail"],
      [`${B}/beta-passing`, "pass"],
      [`${B}/gamma-bad-input`, "error"],
    ]);
    const [acme, beta, gamma] = doc.datasets as [Entry, Entry, Entry];
    // fixtures/statuses README: 9 match, 1 each of rounding, mismatch, missing, omitted
    expect(acme.report!.counts).toMatchObject({ match: 9, rounding: 1, mismatch: 1, missing: 1, omitted: 1 });
    // fixtures/pinned-factors README: 13 match, 2 within materiality
    expect(beta.report!.counts).toMatchObject({
      match: 13,
      rounding: 0,
      mismatch: 0,
      missing: 0,
      omitted: 0,
      "within-materiality": 2,
      material: 0,
    });
    expect(gamma.report).toBeNull();
    // published.csv line 3: "Greenhouse gas emissions,Scope 1,tCO2e,120.4,n/a,155.4": n/a starts at column 46
    const line3 = readFileSync(join(ROOT, B, "gamma-bad-input/published.csv"), "utf8").split("\n")[2]!;
    expect(gamma.errors).toMatchObject([
      { code: "cell-invalid", file: `${B}/gamma-bad-input/published.csv`, line: 3, column: line3.indexOf("n/a") + 1 },
    ]);
  });

  it("JSONL: the golden, one line per dataset, each valid against schema/batch-line.schema.json, the same entries as the JSON", () => {
    expect(jsonl.stdout).toBe(golden("expected.jsonl"));
    const lines = jsonl.stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as Entry & { index: number });
    expect(lines).toHaveLength(3);
    for (const l of lines) expect(validateLine(l), JSON.stringify(validateLine.errors)).toBe(true);
    const doc = JSON.parse(json.stdout) as { datasets: Entry[] };
    expect(lines.map(({ index, path, verdict, report, errors }) => ({ index, path, verdict, report, errors }))).toEqual(
      doc.datasets.map((d, index) => ({ index, ...d })),
    );
  });

  it("each dataset's report in the batch is the one `check DIR --format json` gives for it alone", () => {
    const doc = JSON.parse(json.stdout) as { datasets: Entry[] };
    for (const d of doc.datasets.filter((x) => x.report))
      expect(d.report).toEqual(JSON.parse(runCli(["check", d.path, "--format", "json"]).stdout));
  });

  it("worker threads (ESG_RECALC_BATCH_THREADS=2) give the same reports, byte for byte, and the same exit code", () => {
    for (const format of ["json", "table"]) {
      const threaded = runCli(["check", B, "--format", format], { env: { ESG_RECALC_BATCH_THREADS: "2" } });
      expect(threaded.code).toBe(2);
      expect(threaded.stdout).toBe(golden(format === "table" ? "expected.table.txt" : `expected.${format}`));
      expect(threaded.stderr).toBe(golden("expected.stderr"));
    }
  }, 120_000);

  it("the committed schemas are the zod definitions' (npm run schema)", () => {
    expect(batchSchema).toEqual(JSON.parse(JSON.stringify(batchJsonSchema())));
    expect(lineSchema).toEqual(JSON.parse(JSON.stringify(batchLineJsonSchema())));
  });

  it("several folders given: in the arguments' order; exit 1 when one fails, 0 when all pass", () => {
    const two = runCli(["check", `${B}/beta-passing`, `${B}/acme-failing`, "--format", "json"]);
    expect(two.code).toBe(1);
    expect((JSON.parse(two.stdout) as { datasets: Entry[] }).datasets.map((d) => d.path)).toEqual([
      `${B}/beta-passing`,
      `${B}/acme-failing`,
    ]);
    expect(runCli(["check", `${B}/beta-passing`, "fixtures/monthly"]).code).toBe(0);
    // one dataset folder alone is the single-dataset report, as before
    expect(runCli(["check", `${B}/beta-passing`, "--format", "json"]).stdout).not.toContain('"kind": "batch"');
  });

  it("CSV and Markdown carry a dataset column; HTML a section per dataset", () => {
    const csv = parse(runCli(["check", B, "--format", "csv"]).stdout, { columns: true }) as Record<string, string>[];
    expect([...new Set(csv.map((r) => r.dataset))]).toEqual([
      `${B}/acme-failing`,
      `${B}/beta-passing`,
      `${B}/gamma-bad-input`,
    ]);
    expect(
      csv
        .filter((r) => r.dataset === `${B}/acme-failing` && r.status === "mismatch")
        .map((r) => [r.metric, r.column, r.published, r.recomputed]),
    ).toEqual([["ghg.scope2", "group", "1,410.5", "2140.5"]]);
    expect(csv.filter((r) => r.dataset === `${B}/gamma-bad-input`).map((r) => [r.status, r.kind])).toEqual([
      ["error", "input-error"],
    ]);
    const md = runCli(["check", B, "--format", "markdown"]).stdout;
    expect(md).toContain(
      "| fixtures/batch/acme-failing | Acme Metals | FY2023 | 13 | 9 | 1 | 1 | 1 | 1 | 0 | 4 | 0 | FAIL |",
    );
    expect(md).toContain("| fixtures/batch/acme-failing | Scope 2 | Group | 1,410.5 | 2,140.5 | ✗ mismatch |");
    const html = runCli(["check", B, "--format", "html"]).stdout;
    expect(html.match(/<section id="dataset-\d">/g)).toEqual([
      '<section id="dataset-1">',
      '<section id="dataset-2">',
      '<section id="dataset-3">',
    ]);
    expect(html).not.toMatch(/<script/);
  });

  it("SARIF one run per dataset (valid SARIF 2.1.0); JUnit one suite per dataset; GitHub annotations per dataset", () => {
    const sarif = JSON.parse(runCli(["check", B, "--format", "sarif"]).stdout) as {
      runs: { invocations: { executionSuccessful: boolean }[]; properties: Record<string, unknown> }[];
    };
    const validateSarif = new Ajv({ strict: false, validateFormats: false }).compile(
      JSON.parse(readFileSync(join(ROOT, "tests/schemas/sarif-2.1.0.json"), "utf8")) as object,
    );
    expect(validateSarif(sarif), JSON.stringify(validateSarif.errors)).toBe(true);
    expect(sarif.runs.map((r) => r.invocations[0]!.executionSuccessful)).toEqual([true, true, false]);
    const junit = runCli(["check", B, "--format", "junit"]).stdout;
    expect(junit.match(/<testsuite name="[^"]*"/g)).toEqual([
      '<testsuite name="fixtures/batch/acme-failing (batch-acme)"',
      '<testsuite name="fixtures/batch/beta-passing (batch-beta)"',
      '<testsuite name="fixtures/batch/gamma-bad-input"',
    ]);
    expect(junit).toMatch(/<testsuites name="esg-recalc" tests="\d+" failures="\d+" errors="1"/);
    const github = runCli(["check", B, "--format", "github"]).stdout;
    expect(github).toContain("::notice title=esg-recalc batch-acme::");
    expect(github).toContain("::notice title=esg-recalc batch-beta::");
    expect(github).toContain(
      "::error file=fixtures/batch/gamma-bad-input/published.csv,line=3,col=46,title=esg-recalc fixtures/batch/gamma-bad-input%3A cell-invalid::",
    );
  });

  it("a format for one dataset only is refused over several (exit 2)", () => {
    const r = runCli(["check", B, "--format", "corrected"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--format corrected reports one dataset");
  });
});
