// Tables laid out as printed (issue 14): golden errors for a two-level header that does not parse, each location
// checked by hand and re-checked here against the fixture file itself. (The two-level header and the marker column
// that do parse are in fixtures/harbourline's second table, tests/cli/harbourline.test.ts.)
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "./runCli.js";

describe("fixtures/layout-bad-header (a two-level header: 'Plants' over A and a column with no sub-heading)", () => {
  const r = runCli(["check", "fixtures/layout-bad-header"]);
  it("exits 2 with exactly the golden stderr", () => {
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(readFileSync(join(ROOT, "fixtures/layout-bad-header/expected.stderr"), "utf8"));
  });
  it("points at the fifth field of the sub-heading row (line 2), under the heading of the fourth", () => {
    expect(r.stderr.startsWith("fixtures/layout-bad-header/published.csv:2:6: error[header-invalid]")).toBe(true);
    const [upper, lower] = readFileSync(join(ROOT, "fixtures/layout-bad-header/published.csv"), "utf8").split("\n");
    // Four fields (and their commas) come before character 6 of line 2; the fifth is empty, as is its heading.
    expect(lower!.slice(0, 5).split(",")).toHaveLength(5);
    expect(lower!.split(",")[4]).toBe("");
    expect(upper!.split(",").slice(3, 5)).toEqual(["Plants", ""]);
  });
});

describe("several tables: what the manifest's tables may not do (exit 2, located in the manifest)", () => {
  const withManifest = (edit: (m: { tables: Record<string, unknown>[] }) => void) => {
    const dir = mkdtempSync(join(tmpdir(), "tables-"));
    cpSync(join(ROOT, "fixtures/harbourline"), dir, { recursive: true });
    const m = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as { tables: Record<string, unknown>[] };
    edit(m);
    writeFileSync(join(dir, "manifest.json"), JSON.stringify(m, null, 2));
    return { dir, run: runCli(["check", dir]) };
  };

  it('refuses the id "published" (files.published\'s own)', () => {
    const { dir, run } = withManifest((m) => (m.tables[0]!.id = "published"));
    expect(run.code).toBe(2);
    // JSON.stringify(…, null, 2): "tables" is a top-level key, its first entry's "id" on the line after "tables": [ {
    const lines = readFileSync(join(dir, "manifest.json"), "utf8").split("\n");
    const line = lines.findIndex((l) => l.trim() === '"id": "published",') + 1;
    expect(run.stderr).toContain(`manifest.json:${line}:`);
    expect(run.stderr).toContain('error[manifest-invalid]: table id "published" is files.published\'s own');
  });

  it("refuses a column id that another table already has", () => {
    const { run } = withManifest((m) => {
      (m.tables[0]!.columns as { id?: string }[])[2]!.id = "group@2022-as-published";
      (m.tables[0]!.columns as { report?: string }[])[2]!.report = "x";
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'error[column-unmapped]: column id "group@2022-as-published" is also a column of table published',
    );
  });

  it("names a missing table file at its manifest entry", () => {
    const { run } = withManifest((m) => (m.tables[0]!.file = "nowhere.csv"));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /manifest\.json:\d+:\d+: error\[read-failed\]: tables\[0\]\.file names "nowhere\.csv", which does not exist/,
    );
  });
});

describe("breakdowns (fixtures/breakdown): a block's row label that names nothing of its kind", () => {
  it("is an error at its file:line:column with the closest nodes, exit 2, and nothing is checked", () => {
    const dir = mkdtempSync(join(tmpdir(), "esg-breakdown-cli-"));
    cpSync(join(ROOT, "fixtures/breakdown"), dir, { recursive: true });
    const file = join(dir, "published.csv");
    const text = readFileSync(file, "utf8").replace("South China,", "Central China,");
    writeFileSync(file, text);
    const run = runCli(["check", dir]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    // the row is the file's 8th line; its label starts the line
    const line = text.split("\n").indexOf("Central China,tCO2e,473.5") + 1;
    expect(line).toBe(8);
    expect(run.stderr).toContain(
      `published.csv:${line}:1: error[label-unknown]: unknown row label "Central China" in breakdown block by-region`,
    );
    expect(run.stderr).toContain("South China (south)");
  });
});
