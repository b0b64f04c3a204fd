// Golden tests for bad input (hledger style): each fixtures/bad-<what>/ is fixtures/minimal/ with ONE defect
// (made by fixtures/make-bad-fixtures.py). The CLI must exit 2, print nothing on stdout (table format) and print
// exactly fixtures/bad-<what>/expected.stderr. Each expected.stderr was read by hand and its file:line:column
// checked against the defect; the `at` entries below repeat that hand check independently of the golden file
// (the token that must sit at that line and column of the fixture file), so a golden file regenerated blindly
// cannot move the location without a test failing.
//
import { describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { errorBlocks } from "./errorBlocks.js";
import { fixture, ROOT, runCli, type CliRun } from "./runCli.js";

// One spawn per distinct command line: several tests look at the same run.
const runs = new Map<string, CliRun>();
const check = (name: string, ...extra: string[]): CliRun => {
  const args = ["check", fixture(name), ...extra];
  const key = args.join("\u0000");
  let r = runs.get(key);
  if (!r) runs.set(key, (r = runCli(args)));
  return r;
};

interface Location {
  /** File inside the fixture folder. */
  file: string;
  line: number;
  column?: number;
  /** Text that must start at that line and column in the fixture file (checked by hand, re-checked here). */
  token: string;
}

interface Golden {
  name: string;
  code: string;
  /** What the defect is, in words. */
  defect: string;
  /** Location of the first error, checked by hand. */
  at: Location;
  /** How many errors the one defect produces. */
  errors: number;
  /**
   * A known bug in src/ that makes the golden run fail: the stderr and count tests are then marked it.fails
   * (they start passing, and so fail here, once the bug is fixed; remove this field then).
   */
  bug?: string;
}

const GOLDEN: Golden[] = [
  // The caret goes to the first field past the header's five: the 6th field starts at column 50.
  {
    name: "bad-csv-too-many-fields",
    code: "csv-syntax",
    errors: 1,
    defect: "unquoted thousands separator: 1,200.5 splits into two fields (6 instead of 5)",
    at: { file: "energy.csv", line: 2, column: 50, token: "fixture: invented figures" },
  },
  {
    name: "bad-encoding",
    code: "encoding",
    errors: 1,
    defect: "label 范畴一 in GBK bytes (B7 B6 B3 EB D2 BB) in a file declared UTF-8",
    at: { file: "published.csv", line: 3, column: 26, token: "\ufffd" },
  },
  {
    name: "bad-unit-unknown",
    code: "unit-unknown",
    errors: 1,
    defect: "unit MWj (typo for MWh)",
    at: { file: "energy.csv", line: 3, column: 44, token: "MWj," },
  },
  {
    name: "bad-unit-mismatch",
    code: "unit-mismatch",
    errors: 1,
    defect: "purchased electricity in m3",
    at: { file: "energy.csv", line: 3, column: 44, token: "m3," },
  },
  {
    name: "bad-duplicate-row",
    code: "row-duplicate",
    errors: 1,
    defect: "plant-a / ghg.scope1 on lines 2 and 4 (line 4 was plant-b's)",
    at: { file: "emissions.csv", line: 4, column: 1, token: "plant-a,ghg.scope1," },
  },
  {
    name: "bad-negative",
    code: "value-negative",
    errors: 1,
    defect: "scope 1 of plant-b is -35.0",
    at: { file: "emissions.csv", line: 4, column: 20, token: "-35.0," },
  },
  {
    name: "bad-activity-header",
    code: "header-unknown",
    errors: 1,
    defect: "activity column named remarks instead of source",
    at: { file: "energy.csv", line: 1, column: 28, token: "remarks" },
  },
  {
    name: "bad-published-header",
    code: "header-unknown",
    errors: 2,
    defect: "published column title Plant C instead of Plant B (unknown Plant C, missing Plant B)",
    at: { file: "published.csv", line: 1, column: 28, token: "Plant C," },
  },
  {
    name: "bad-label-unknown",
    code: "label-unknown",
    errors: 1,
    defect: "row label Scope 2 (market-based)",
    at: { file: "published.csv", line: 4, column: 26, token: "Scope 2 (market-based)," },
  },
  {
    name: "bad-facility-unknown",
    code: "facility-unknown",
    errors: 1,
    defect: "facility plant-c",
    at: { file: "energy.csv", line: 3, column: 1, token: "plant-c," },
  },
  {
    name: "bad-figure-overlap",
    code: "figure-overlap",
    errors: 1,
    defect: "electricity for the root group (a total-only figure) while plant-a at line 2 has its own",
    at: { file: "energy.csv", line: 3, column: 1, token: "group," },
  },
  {
    name: "bad-metric-unknown",
    code: "metric-unknown",
    errors: 1,
    defect: "metric energy.purchased_electricty (typo)",
    at: { file: "energy.csv", line: 3, column: 9, token: "energy.purchased_electricty," },
  },
  {
    name: "bad-metric-derived",
    code: "metric-not-input",
    errors: 1,
    defect: "extra row plant-a ghg.total (derived)",
    at: { file: "emissions.csv", line: 6, column: 9, token: "ghg.total," },
  },
  {
    name: "bad-value-not-number",
    code: "value-not-a-number",
    errors: 1,
    defect: 'decimal comma "800,3"',
    at: { file: "energy.csv", line: 3, column: 38, token: '"800,3",' },
  },
  {
    name: "bad-value-slash",
    code: "value-not-a-number",
    errors: 1,
    defect: "/ as an activity value",
    at: { file: "energy.csv", line: 3, column: 38, token: "/," },
  },
  {
    name: "bad-cell-invalid",
    code: "cell-invalid",
    errors: 1,
    defect: "published cell n/a",
    at: { file: "published.csv", line: 3, column: 46, token: "n/a," },
  },
  {
    name: "bad-manifest-json",
    code: "manifest-invalid",
    errors: 1,
    defect: "trailing comma after the last column (line 17); the parser stops at the ] on line 18",
    at: { file: "manifest.json", line: 18, column: 3, token: "]," },
  },
  {
    name: "bad-manifest-wrong-type",
    code: "manifest-invalid",
    errors: 1,
    defect: "files.activity is a string, not an array",
    at: { file: "manifest.json", line: 28, column: 56, token: '"energy.csv, emissions.csv"' },
  },
  {
    name: "bad-tree-cycle",
    code: "tree-invalid",
    errors: 1,
    defect: "plant-a's parent is plant-b and plant-b's is plant-a",
    at: { file: "manifest.json", line: 11, column: 5, token: '{ "id": "plant-a", "parent": "plant-b"' },
  },
  // The quote opens on energy.csv line 2 column 38 and never closes; csv-parse notices only at the end of the file.
  {
    name: "bad-csv-unclosed-quote",
    code: "csv-syntax",
    errors: 1,
    defect: "the quote before 1,200.5 is never closed",
    at: { file: "energy.csv", line: 2, column: 38, token: '"1,200.5,MWh,' },
  },
  {
    name: "bad-manifest-unknown-key",
    code: "manifest-invalid",
    errors: 1,
    defect: 'key "denominator" (typo for "denominators")',
    at: { file: "manifest.json", line: 19, column: 3, token: '"denominator": [' },
  },
  // group (line 10) is the first root; plant-b (line 12) is the one without its parent.
  {
    name: "bad-tree-two-roots",
    code: "tree-invalid",
    errors: 1,
    defect: "plant-b has no parent",
    at: { file: "manifest.json", line: 12, column: 5, token: '{ "id": "plant-b", "labels"' },
  },
  {
    name: "bad-tree-unknown-parent",
    code: "tree-invalid",
    errors: 1,
    defect: 'plant-b names parent "grop", a typo for group',
    at: { file: "manifest.json", line: 12, column: 5, token: '{ "id": "plant-b", "parent": "grop"' },
  },
  {
    name: "bad-tree-duplicate-node",
    code: "tree-invalid",
    errors: 1,
    defect: "the id plant-a is used for two tree nodes",
    at: {
      file: "manifest.json",
      line: 12,
      column: 5,
      token: '{ "id": "plant-a", "parent": "group", "labels": { "en": "Plant B"',
    },
  },
  {
    name: "bad-column-twice",
    code: "column-unmapped",
    errors: 1,
    defect: "columns Plant A and Plant B both map to node plant-a",
    at: { file: "manifest.json", line: 16, column: 37, token: '"plant-a" }' },
  },
  // '    { "printed": "Group", "node": "group", "period": ' is 53 characters: the value's quote is column 54.
  {
    name: "bad-period-unknown",
    code: "period-unknown",
    errors: 1,
    defect: "the Group column is for FY2022, a period the manifest does not declare",
    at: { file: "manifest.json", line: 17, column: 54, token: '"FY2022" }' },
  },
  // "plant-b," is 8 characters: the period field starts at column 9.
  {
    name: "bad-activity-period",
    code: "period-unknown",
    errors: 1,
    defect: "an activity row for period FY2022, which the manifest does not declare",
    at: { file: "energy.csv", line: 3, column: 9, token: "FY2022," },
  },
  // One defect, one error: published.csv's "Plant B" header is not reported again.
  {
    name: "bad-column-node",
    code: "column-unmapped",
    errors: 1,
    defect: 'column "Plant B" mapped to node plant-c, which does not exist',
    at: { file: "manifest.json", line: 16, column: 37, token: '"plant-c" }' },
  },
  {
    name: "bad-missing-file",
    code: "read-failed",
    errors: 1,
    defect: "water.csv is named in files.activity but does not exist",
    at: { file: "manifest.json", line: 28, column: 88, token: '"water.csv"' },
  },
  // The second "unit" (the fifth header field): "facility,metric,value,unit," is 8+1+6+1+5+1+4+1 = 27 characters.
  {
    name: "bad-header-duplicate",
    code: "header-duplicate",
    errors: 1,
    defect: "energy.csv header names unit twice (the fifth column was source)",
    at: { file: "energy.csv", line: 1, column: 28, token: "unit" },
  },
  // "plant-b," (8) + "energy.purchased_electricity," (29) = 37: the empty field is column 38, just before ",MWh".
  {
    name: "bad-value-empty",
    code: "value-empty",
    errors: 1,
    defect: "plant-b's electricity value is empty",
    at: { file: "energy.csv", line: 3, column: 38, token: ",MWh," },
  },
  // An extra line 4 in energy.csv; it repeats emissions.csv:4, but the wrong file is the only error (no row-duplicate).
  {
    name: "bad-metric-wrong-file",
    code: "metric-wrong-file",
    errors: 1,
    defect: "a plant-b ghg.scope1 row in energy.csv",
    at: { file: "energy.csv", line: 4, column: 9, token: "ghg.scope1," },
  },
  {
    name: "bad-section-unknown",
    code: "section-unknown",
    errors: 1,
    defect: "section heading Energy usage (the catalogue knows Energy use)",
    at: { file: "published.csv", line: 2, column: 1, token: "Energy usage," },
  },
  // 6 spaces + '"printed": ' (11) = 17: the value's opening quote is column 18.
  {
    name: "bad-denominator-invalid",
    code: "denominator-invalid",
    errors: 1,
    defect: 'denominator printed "1,25.0" (a thousands group of two digits)',
    at: { file: "manifest.json", line: 23, column: 18, token: '"1,25.0",' },
  },
  // The header is the file's only line; the error names the line but no column.
  {
    name: "bad-published-empty",
    code: "table-empty",
    errors: 1,
    defect: "published.csv has its header and no rows: nothing to check",
    at: { file: "published.csv", line: 1, token: "section,label,unit,Plant A,Plant B,Group" },
  },
  // The pin is a new line 28: 2 spaces + '"factors": ' (11) + '{ ' (2) + '"grid": ' (8) = 23, so its value is column 24.
  // expected.stderr was written by hand with ONE error: the defect is one pin.
  {
    name: "bad-factor-pin",
    code: "factor-unknown",
    errors: 1,
    defect: 'factors.grid pins "no_such_factor", which the factor library does not have',
    at: { file: "manifest.json", line: 28, column: 24, token: '"no_such_factor" }' },
  },
];

const fixtureDir = (name: string) => join(ROOT, "fixtures", name);
const fixtureLine = (name: string, file: string, line: number): string =>
  new TextDecoder("utf-8")
    .decode(readFileSync(join(fixtureDir(name), file)))
    .replace(/^\ufeff/, "")
    .split(/\r?\n/)[line - 1] ?? "";
const firstLine = (s: string) => s.split("\n")[0] ?? "";

describe("bad input fixtures", () => {
  it("every fixtures/bad-* folder is covered here and has its expected.stderr", () => {
    const dirs = readdirSync(join(ROOT, "fixtures"))
      .filter((d) => d.startsWith("bad-"))
      .sort();
    expect(dirs).toEqual(GOLDEN.map((g) => g.name).sort());
    for (const g of GOLDEN) expect(existsSync(join(fixtureDir(g.name), "expected.stderr")), g.name).toBe(true);
  });

  it.each(GOLDEN.map((g) => g.name))("%s differs from fixtures/minimal in exactly one file", (name) => {
    const files = ["manifest.json", "published.csv", "energy.csv", "emissions.csv"];
    const differing = files.filter(
      (f) => !readFileSync(join(fixtureDir(name), f)).equals(readFileSync(join(fixtureDir("minimal"), f))),
    );
    expect(differing).toHaveLength(1);
  });

  it.each(GOLDEN)("the hand-checked location of $name holds the defect", ({ name, at }) => {
    const text = fixtureLine(name, at.file, at.line);
    expect(
      [...text]
        .slice((at.column ?? 1) - 1)
        .join("")
        .startsWith(at.token),
      `${name}/${at.file}:${at.line}: ${text}`,
    ).toBe(true);
  });
});

describe.each(GOLDEN)("check fixtures/$name ($defect)", ({ name, code, at, errors, bug }) => {
  const run = () => check(name);
  // A known bug (see Golden.bug) turns the tests that see the extra errors into expected failures.
  const itBug = bug ? it.fails : it;

  itBug("exits 2 with empty stdout and exactly the golden stderr", () => {
    const r = run();
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(readFileSync(join(fixtureDir(name), "expected.stderr"), "utf8"));
  });

  if (bug) {
    it("despite the known bug: exits 2 with empty stdout and the golden stderr's first error block first", () => {
      const r = run();
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      const golden = readFileSync(join(fixtureDir(name), "expected.stderr"), "utf8");
      const firstBlock = golden.slice(0, golden.lastIndexOf("\n", golden.length - 2) + 1); // all but the count line
      expect(r.stderr.startsWith(firstBlock)).toBe(true);
    });
  }

  itBug("names the hand-checked file:line:column and code first, and counts its errors", () => {
    const r = run();
    const loc = `${fixture(name)}/${at.file}:${at.line}${at.column !== undefined ? `:${at.column}` : ""}`;
    expect(firstLine(r.stderr)).toMatch(
      new RegExp(`^${loc.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: error\\[${code}\\]: `),
    );
    expect(r.stderr.match(/error\[/g)).toHaveLength(errors);
    expect(r.stderr.endsWith(`${errors} error${errors === 1 ? "" : "s"}; nothing was checked (exit 2)\n`)).toBe(true);
  });

  it("quotes the real source line under each location and puts the caret at the named column", () => {
    const r = run();
    const located = errorBlocks(r.stderr).filter((b) => b.line !== undefined);
    expect(located.length).toBeGreaterThan(0);
    for (const b of located) {
      if (b.excerpt === undefined) continue;
      const rel = b.file.replace(`${fixture(name)}/`, "");
      expect(b.excerpt).toBe(fixtureLine(name, rel, b.line!));
      if (b.column !== undefined) expect(b.caret).toBe(b.column);
    }
  });
});

describe("--format json on bad input", () => {
  interface ErrorsJson {
    schemaVersion: number;
    tool: string;
    errors: {
      code: string;
      title: string;
      message: string;
      file?: string;
      line?: number;
      column?: number;
      found?: string;
      field?: string;
    }[];
  }

  it("prints {schemaVersion: 1, errors: [{code, …}]} on stdout and exits 2", () => {
    const r = check("bad-unit-unknown", "--format", "json");
    expect(r.code).toBe(2);
    const j = JSON.parse(r.stdout) as ErrorsJson;
    expect(j.schemaVersion).toBe(1);
    expect(j.errors).toHaveLength(1);
    expect(j.errors[0]).toMatchObject({
      code: "unit-unknown",
      title: "unknown unit",
      file: "fixtures/bad-unit-unknown/energy.csv",
      line: 3,
      column: 44,
      field: "unit",
      found: "MWj",
    });
    // the human-readable message still goes to stderr
    expect(firstLine(r.stderr)).toBe(
      'fixtures/bad-unit-unknown/energy.csv:3:44: error[unit-unknown]: unknown unit "MWj"',
    );
  });

  it("lists every error of a fixture, in order, each with its code", () => {
    const r = check("bad-published-header", "--format", "json");
    expect(r.code).toBe(2);
    const j = JSON.parse(r.stdout) as ErrorsJson;
    expect(j.errors.map((e) => [e.code, e.line, e.column])).toEqual([
      ["header-unknown", 1, 28],
      ["header-missing", 1, 1],
    ]);
  });

  it("reports a manifest syntax error with its line and column", () => {
    const r = check("bad-manifest-json", "--format", "json");
    expect(r.code).toBe(2);
    const j = JSON.parse(r.stdout) as ErrorsJson;
    expect(j.errors).toHaveLength(1);
    expect(j.errors[0]).toMatchObject({
      code: "manifest-invalid",
      file: "fixtures/bad-manifest-json/manifest.json",
      line: 18,
      column: 3,
    });
  });
});
