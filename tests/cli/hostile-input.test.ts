// Golden tests for hostile input (issue 11): fixtures/hostile/<case>/, one per class of silent misread, crash, hang,
// unbounded work and read outside the dataset folder. Each case is read through both activity readers (in this
// process, as tests/cli/readers.test.ts does), which must agree byte for byte; then it must give the correct
// reading (checked against the figures its README works out by hand) or the located error — file:line:column
// checked against the fixture file itself, independently of expected.stderr — and its exit code. Cases that need a
// folder, a named pipe or a symbolic link make them at run time in a copy in a temporary folder.
import { execFileSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { renderErrors } from "../../src/render/errors.js";
import { paint } from "../../src/render/style.js";
import { errorBlocks } from "./errorBlocks.js";
import { ROOT } from "./runCli.js";

interface Run {
  stdout: string;
  stderr: string;
  code: number;
}

async function run(
  args: string[],
  options: { reader?: "fast" | "reference"; env?: NodeJS.ProcessEnv; stderrTTY?: boolean } = {},
): Promise<Run> {
  let stdout = "",
    stderr = "";
  const env = options.env ?? {
    NO_COLOR: "1",
    ...(options.reader === "reference" ? { ESG_RECALC_READER: "reference" } : {}),
  };
  const code = await main(["node", "esg-recalc", ...args], {
    stdout: { write: (x: string) => (stdout += x) },
    stderr: { write: (x: string) => (stderr += x), ...(options.stderrTTY ? { isTTY: true } : {}) },
    env,
  });
  return { stdout, stderr, code };
}

/** Both readers; they must agree on everything. */
async function both(args: string[]): Promise<Run> {
  const fast = await run(args, { reader: "fast" });
  const reference = await run(args, { reader: "reference" });
  expect(fast.stderr).toBe(reference.stderr);
  expect(fast.stdout).toBe(reference.stdout);
  expect(fast.code).toBe(reference.code);
  return fast;
}

const ARITHMETIC_ONLY = ["--no-recalculation", "--no-implied", "--no-boundary", "--no-denominators"];
const dir = (name: string) => `fixtures/hostile/${name}`;
const firstLine = (s: string) => s.split("\n")[0] ?? "";
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A fixture file's line as the tool quotes it: decoded as UTF-8, undecodable bytes as U+FFFD. */
const fixtureLine = (path: string, line: number): string =>
  new TextDecoder("utf-8")
    .decode(readFileSync(join(ROOT, path)))
    .replace(/^\ufeff/, "")
    .split(/\r\n?|\n/)[line - 1] ?? "";

/**
 * Display width by an independent rule, enough for the fixtures' characters: CJK ideographs and full-width forms 2,
 * combining marks and zero-width characters 0, everything else 1 (the tool uses its generated Unicode table).
 */
const width = (s: string): number =>
  [...s].reduce(
    (n, ch) =>
      n +
      (/[\u4e00-\u9fff\u3000-\u303f\uff01-\uff60]/.test(ch)
        ? 2
        : /[\u0300-\u036f\u200b\u200c\u200d\ufeff]/.test(ch)
          ? 0
          : 1),
    0,
  );

interface Location {
  file: string;
  line: number;
  column?: number;
  /** Text that must start at that line and column of the fixture file (checked by hand, re-checked here). */
  token: string;
}

interface ErrorCase {
  name: string;
  /** Code of the first error, its hand-checked location, and how many errors the case gives. */
  code: string;
  at: Location;
  errors: number;
  /** Further errors, in order: code and location. */
  then?: { code: string; at: Location }[];
}

// Each location was counted by hand from the fixture (see each README.md); the token test below re-checks it.
const ERROR_CASES: ErrorCase[] = [
  {
    name: "activity-markers",
    code: "value-not-a-number",
    errors: 4,
    at: { file: "energy.csv", line: 3, column: 38, token: "800.3②," },
    then: [
      { code: "value-not-a-number", at: { file: "emissions.csv", line: 2, column: 20, token: "120.4*," } },
      { code: "value-not-a-number", at: { file: "emissions.csv", line: 3, column: 20, token: '"1,684.3 (註4)",' } },
      { code: "value-not-a-number", at: { file: "emissions.csv", line: 4, column: 20, token: "35²," } },
    ],
  },
  {
    name: "vulgar-fraction",
    code: "cell-invalid",
    errors: 2,
    at: { file: "published.csv", line: 3, column: 46, token: "35½," },
    then: [{ code: "value-not-a-number", at: { file: "energy.csv", line: 3, column: 38, token: "800⅓," } }],
  },
  // "Greenhouse gas emissions,GHG emissions intensity,tCO2e/RMB million,/,/," is 71 characters.
  {
    name: "zero-comma",
    code: "cell-invalid",
    errors: 2,
    at: { file: "published.csv", line: 6, column: 72, token: '"0,184"' },
    then: [{ code: "value-not-a-number", at: { file: "energy.csv", line: 3, column: 38, token: '"0,123",' } }],
  },
  // "plant-a,energy.purchased_electricity,MWh," is 41 characters.
  {
    name: "unquoted-thousands",
    code: "value-not-a-number",
    errors: 1,
    at: { file: "energy.csv", line: 2, column: 42, token: "1,200.5" },
  },
  // "Energy use,Purchased electricity,MWh,Group," is 43 characters.
  {
    name: "unquoted-thousands-long",
    code: "cell-invalid",
    errors: 1,
    at: { file: "published.csv", line: 4, column: 44, token: "2,000.8" },
  },
  {
    name: "leading-dot",
    code: "cell-invalid",
    errors: 2,
    at: { file: "published.csv", line: 3, column: 46, token: ".5," },
    then: [{ code: "value-not-a-number", at: { file: "energy.csv", line: 3, column: 38, token: ".5," } }],
  },
  // "plant-b,ghg.scope1,35.0,tCO2e,fixture" is 37 characters; the 0xFF byte decodes to U+FFFD in the excerpt.
  {
    name: "invalid-utf8-source",
    code: "encoding",
    errors: 1,
    at: { file: "emissions.csv", line: 4, column: 38, token: "\ufffd: invented" },
  },
  // 'plant-a,energy.purchased_electricity,"1,200.5",MWh,' is 51 characters.
  {
    name: "gb18030-source",
    code: "encoding",
    errors: 1,
    at: { file: "energy.csv", line: 2, column: 52, token: "\ufffd" },
  },
  {
    name: "undeclared-encoding",
    code: "encoding",
    errors: 3,
    at: { file: "published.csv", line: 2, column: 1, token: "\ufffd" },
    then: [
      { code: "encoding", at: { file: "energy.csv", line: 2, column: 52, token: "\ufffd" } },
      { code: "encoding", at: { file: "emissions.csv", line: 2, column: 32, token: "\ufffd" } },
    ],
  },
  // The lone CR ends line 4 for the reference reader (and csv-parse): ": invented figures" is line 5, one field.
  {
    name: "lone-cr",
    code: "csv-syntax",
    errors: 1,
    at: { file: "emissions.csv", line: 5, token: ": invented figures" },
  },
  {
    name: "percent-base-metric",
    code: "catalogue-invalid",
    errors: 1,
    at: { file: "manifest.json", line: 29, column: 5, token: '{ "id": "energy.renewable_share"' },
  },
  {
    name: "manifest-duplicate-key",
    code: "manifest-invalid",
    errors: 1,
    at: { file: "manifest.json", line: 8, column: 3, token: '"currency": "USD"' },
  },
  // 6 spaces + '"unit": ' (8) = 14: the value is column 15.
  {
    name: "denominator-unit",
    code: "unit-mismatch",
    errors: 1,
    at: { file: "manifest.json", line: 24, column: 15, token: '"t",' },
  },
  {
    name: "claims-deep",
    code: "claim-invalid",
    errors: 2,
    at: { file: "claims.csv", line: 2, column: 75, token: "((((" },
    then: [{ code: "claim-invalid", at: { file: "claims.csv", line: 3, column: 2211, token: "ghg.scope1+" } }],
  },
  {
    name: "columns-fold-alike",
    code: "column-ambiguous",
    errors: 1,
    at: { file: "manifest.json", line: 17, column: 18, token: '"PLANT  B"' },
  },
  {
    name: "path-dotdot",
    code: "path-outside-dataset",
    errors: 1,
    at: { file: "manifest.json", line: 28, column: 57, token: '"../../minimal/energy.csv"' },
  },
  {
    name: "path-absolute",
    code: "path-outside-dataset",
    errors: 1,
    at: { file: "manifest.json", line: 28, column: 57, token: '"/etc/passwd"' },
  },
  {
    name: "caret-wide",
    code: "cell-invalid",
    errors: 2,
    at: { file: "published.csv", line: 3, column: 26, token: "n/a," },
    then: [{ code: "cell-invalid", at: { file: "published.csv", line: 4, column: 37, token: "#N/A" } }],
  },
];

describe("fixtures/hostile: every case is covered here and documented", () => {
  const all = readFileSync(join(ROOT, "fixtures/hostile/make-hostile-fixtures.py"), "utf8")
    .match(/^case\("([a-z0-9-]+)"/gm)!
    .map((m) => m.slice(6, -1));
  it("has a README for each case the generator makes", () => {
    expect(all.length).toBeGreaterThan(25);
    for (const name of all) expect(existsSync(join(ROOT, dir(name), "README.md")), name).toBe(true);
  });
  it("tests each case below", () => {
    const tested = [...ERROR_CASES.map((c) => c.name), ...GOOD_CASES.map((c) => c.name), ...RUNTIME_CASES];
    expect([...all].sort()).toEqual([...tested].sort());
  });
});

describe.each(ERROR_CASES)("check fixtures/hostile/$name", ({ name, code, at, errors, then = [] }) => {
  const result = both(["check", dir(name)]);

  it("the hand-checked locations hold the defect", () => {
    for (const l of [at, ...then.map((t) => t.at)]) {
      const text = fixtureLine(`${dir(name)}/${l.file}`, l.line);
      expect(
        [...text]
          .slice((l.column ?? 1) - 1)
          .join("")
          .startsWith(l.token),
        `${l.file}:${l.line}: ${text.slice(0, 200)}`,
      ).toBe(true);
    }
  });

  it("both readers agree; exit 2, nothing on stdout, exactly the golden stderr", async () => {
    const r = await result;
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(readFileSync(join(ROOT, dir(name), "expected.stderr"), "utf8"));
  });

  it("names the hand-checked file:line:column and code of each error, in order", async () => {
    const r = await result;
    const found = errorBlocks(r.stderr);
    expect(found).toHaveLength(errors);
    const want = [{ code, at }, ...then];
    want.forEach((w, i) => {
      expect(found[i], `error ${i + 1}`).toMatchObject({
        file: `${dir(name)}/${w.at.file}`,
        line: w.at.line,
        code: w.code,
        ...(w.at.column !== undefined ? { column: w.at.column } : {}),
      });
    });
    expect(r.stderr.endsWith(`${errors} error${errors === 1 ? "" : "s"}; nothing was checked (exit 2)\n`)).toBe(true);
  });

  it("quotes the source line (or a marked window of it) and puts the caret under the column by display width", async () => {
    const r = await result;
    for (const b of errorBlocks(r.stderr)) {
      if (b.excerpt === undefined || b.line === undefined) continue;
      const line = fixtureLine(b.file, b.line);
      const cut = b.excerpt.startsWith("…");
      if (!cut && !b.excerpt.endsWith("…")) expect(b.excerpt).toBe(line);
      if (b.column === undefined || cut) continue;
      expect(b.indent, `${b.file}:${b.line}`).toBe(" ".repeat(width([...line].slice(0, b.column - 1).join(""))));
    }
  });

  it("--format json prints the error document, each error located", async () => {
    const r = await run(["check", dir(name), "--format", "json"]);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout) as {
      schemaVersion: number;
      errors: { code: string; file?: string; line?: number; title: string }[];
    };
    expect(doc.schemaVersion).toBe(1);
    expect(doc.errors.map((e) => e.code)).toEqual([code, ...then.map((t) => t.code)]);
    for (const e of doc.errors) {
      expect(e.file, e.code).toBeDefined();
      expect(e.line, e.code).toBeDefined();
      expect(e.title.length).toBeGreaterThan(0);
    }
  });
});

interface FindingJson {
  metric: string;
  column: string;
  status: string;
  published: string;
  publishedValue: string | null;
  recomputed: string | null;
  publishedInterval: [string, string] | null;
  source: { file: string; line: number; column?: number };
}
interface ReportJson {
  counts: Record<string, number>;
  findings: FindingJson[];
}

interface GoodCase {
  name: string;
  match: number;
  /** Cells whose figures the README works out by hand: the published value (as printed, separators dropped) and the recomputed one. */
  cells: {
    metric: string;
    column: string;
    published?: string;
    publishedValue: string;
    recomputed: string;
    line?: number;
  }[];
}

const GOOD_CASES: GoodCase[] = [
  // 1,000.0 + 500.0 = 1,500.0 (2015); 1,100.0 + 550.0 = 1,650.0 (2016); scope 1: 100.0 + 50.0 = 150.0, 90.0 + 45.0 = 135.0.
  ...["label-year-columns", "label-year-columns-long"].map((name) => ({
    name,
    match: 12,
    cells: [
      { metric: "energy.purchased_electricity", column: "yunlin@2015", publishedValue: "1000.0", recomputed: "1000.0" },
      { metric: "energy.purchased_electricity", column: "yunlin", publishedValue: "1100.0", recomputed: "1100.0" },
      { metric: "energy.purchased_electricity", column: "group@2015", publishedValue: "1500.0", recomputed: "1500.0" },
      { metric: "energy.purchased_electricity", column: "group", publishedValue: "1650.0", recomputed: "1650.0" },
      { metric: "ghg.scope1", column: "taichung@2015", publishedValue: "50.0", recomputed: "50.0" },
      { metric: "ghg.scope1", column: "taichung", publishedValue: "45.0", recomputed: "45.0" },
    ],
  })),
  // 10.0 + 20.0 = 30.0; 1.5 + 2.5 = 4.0; 300.0 + 400.0 = 700.0.
  {
    name: "scope-number-labels",
    match: 22,
    cells: [
      { metric: "ghg.scope3.cat1", column: "group", publishedValue: "30.0", recomputed: "30.0", line: 7 },
      { metric: "ghg.scope3.cat2", column: "group", publishedValue: "4.0", recomputed: "4.0", line: 8 },
      { metric: "ghg.scope3.cat3", column: "plant-b", publishedValue: "400.0", recomputed: "400.0", line: 9 },
    ],
  },
  {
    name: "label-footnote-markers",
    match: 13,
    cells: [
      {
        metric: "energy.purchased_electricity",
        column: "group",
        publishedValue: "2000.8",
        recomputed: "2000.8",
        line: 2,
      },
      { metric: "ghg.scope1", column: "group", publishedValue: "155.4", recomputed: "155.4", line: 3 },
      { metric: "ghg.scope2", column: "group", publishedValue: "2140.5", recomputed: "2140.5", line: 4 },
      { metric: "ghg.total", column: "group", publishedValue: "2295.9", recomputed: "2295.9", line: 5 },
      // 2,295.9 ÷ 1,250.0 = 1.83672 → 1.84
      { metric: "ghg.intensity", column: "group", publishedValue: "1.84", recomputed: "1.84", line: 6 },
    ],
  },
  {
    name: "published-markers",
    match: 13,
    cells: [
      {
        metric: "energy.purchased_electricity",
        column: "plant-a",
        published: "1,200.5¹",
        publishedValue: "1200.5",
        recomputed: "1200.5",
      },
      {
        metric: "energy.purchased_electricity",
        column: "plant-b",
        published: "800.3②",
        publishedValue: "800.3",
        recomputed: "800.3",
      },
      // 35² is 35 printed without decimals: 35.0 rounds to 35.
      { metric: "ghg.scope1", column: "plant-b", published: "35²", publishedValue: "35", recomputed: "35" },
      { metric: "ghg.scope1", column: "group", published: "155.4*", publishedValue: "155.4", recomputed: "155.4" },
      {
        metric: "ghg.scope2",
        column: "group",
        published: "2,140.5 (註4)",
        publishedValue: "2140.5",
        recomputed: "2140.5",
      },
    ],
  },
  {
    name: "number-forms",
    match: 13,
    cells: [
      {
        metric: "energy.purchased_electricity",
        column: "plant-a",
        published: "１，２００．５",
        publishedValue: "1200.5",
        recomputed: "1200.5",
      },
      {
        metric: "energy.purchased_electricity",
        column: "group",
        published: "2\u00a0000.8",
        publishedValue: "2000.8",
        recomputed: "2000.8",
      },
      {
        metric: "ghg.scope2",
        column: "group",
        published: "2\u202f140.5",
        publishedValue: "2140.5",
        recomputed: "2140.5",
      },
      // the activity value "1 684.3" (space-grouped) is read as 1,684.3
      { metric: "ghg.scope2", column: "plant-a", publishedValue: "1684.3", recomputed: "1684.3" },
    ],
  },
  // Line numbers are those of the file: the blank lines count (a comma row before the header, spaces after it).
  {
    name: "blank-rows",
    match: 13,
    cells: [
      {
        metric: "energy.purchased_electricity",
        column: "group",
        publishedValue: "2000.8",
        recomputed: "2000.8",
        line: 4,
      },
      { metric: "ghg.total", column: "group", publishedValue: "2295.9", recomputed: "2295.9", line: 8 },
      { metric: "ghg.intensity", column: "group", publishedValue: "1.84", recomputed: "1.84", line: 9 },
    ],
  },
];

describe.each(GOOD_CASES)("check fixtures/hostile/$name (read correctly)", ({ name, match, cells }) => {
  it("both readers agree; every cell as worked out in its README; exit 0", async () => {
    const r = await both(["check", dir(name), "--format", "json", ...ARITHMETIC_ONLY]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as ReportJson;
    expect(report.counts).toMatchObject({ match, rounding: 0, mismatch: 0, missing: 0, omitted: 0 });
    for (const c of cells) {
      const found = report.findings.filter((f) => f.metric === c.metric && f.column === c.column);
      expect(found, `${c.metric} / ${c.column}`).toHaveLength(1);
      expect(found[0]).toMatchObject({
        status: "match",
        publishedValue: c.publishedValue,
        recomputed: c.recomputed,
        ...(c.published ? { published: c.published } : {}),
      });
      if (c.line) expect(found[0]!.source.line).toBe(c.line);
    }
  });
});

describe("fixtures/hostile/published-markers: explain shows the marker", () => {
  it("prints the cell as printed and says that the marker is no part of the value", async () => {
    const r = await run(["explain", "ghg.scope1", "--column", "plant-b", "--dataset", dir("published-markers")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Published: 35² (footnote marker ², not part of the value)  interval [34.50, 35.50]");
  });
});

// ---------------------------------------------------------------- cases made at run time

const RUNTIME_CASES = [
  "activity-folder",
  "activity-fifo",
  "link-to-dev-zero",
  "path-symlink",
  "long-label",
  "many-errors",
  "internal-error",
  "term-dumb",
];
const work = mkdtempSync(join(tmpdir(), "esg-hostile-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let copies = 0;
/** A copy of fixtures/minimal in the temporary folder. */
const minimalCopy = (): string => {
  const d = join(work, `case-${copies++}`);
  cpSync(join(ROOT, "fixtures/minimal"), d, { recursive: true });
  return d;
};
// manifest.json:28: '  "files": { "published": "published.csv", "activity": [' is 56 characters: energy.csv is column 57.
const ENERGY_ENTRY = { line: 28, column: 57 };

describe("activity-folder: an activity file that is a folder", () => {
  it("is refused at the manifest entry, before reading, in text and as the JSON error document", async () => {
    const d = minimalCopy();
    rmSync(join(d, "energy.csv"));
    mkdirSync(join(d, "energy.csv"));
    const text = await both(["check", d]);
    expect(text.code).toBe(2);
    expect(firstLine(text.stderr)).toMatch(
      new RegExp(
        `^${escape(d)}/manifest\\.json:28:57: error\\[read-failed\\]: files\\.activity\\[0\\] names "energy\\.csv", which is a folder, not a regular file$`,
      ),
    );
    expect(text.stderr).not.toContain("internal error");
    const json = await both(["check", d, "--format", "json"]);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).errors).toMatchObject([{ code: "read-failed", ...ENERGY_ENTRY }]);
  });
});

describe("activity-fifo: named pipes are never opened for reading", () => {
  it("refuses an activity file that is a FIFO (it used to hang)", async () => {
    const d = minimalCopy();
    rmSync(join(d, "energy.csv"));
    execFileSync("mkfifo", [join(d, "energy.csv")]);
    const r = await both(["check", d, "--format", "json"]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).errors).toMatchObject([
      {
        code: "read-failed",
        ...ENERGY_ENTRY,
        message: 'files.activity[0] names "energy.csv", which is a named pipe, not a regular file',
      },
    ]);
  });

  it("refuses a --factors file that is a FIFO", async () => {
    const fifo = join(work, "factors-fifo.csv");
    execFileSync("mkfifo", [fifo]);
    const r = await run(["check", "fixtures/minimal", "--factors", fifo]);
    expect(r.code).toBe(2);
    expect(firstLine(r.stderr)).toContain("error[read-failed]: cannot read");
    expect(firstLine(r.stderr)).toContain("it is a named pipe, not a regular file");
  });
});

describe("link-to-dev-zero: links to devices", () => {
  it("refuses an activity file linked to /dev/zero: it leads outside the dataset folder", async () => {
    const d = minimalCopy();
    rmSync(join(d, "energy.csv"));
    symlinkSync("/dev/zero", join(d, "energy.csv"));
    const r = await both(["check", d, "--format", "json"]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).errors).toMatchObject([
      {
        code: "path-outside-dataset",
        ...ENERGY_ENTRY,
        message:
          'files.activity[0] names "energy.csv", which leads through a symbolic link to /dev/zero, outside the dataset folder: files named in the manifest are read only from inside the dataset folder',
      },
    ]);
  });

  it("refuses a --factors file linked to /dev/zero as a device", async () => {
    const link = join(work, "factors-zero.csv");
    symlinkSync("/dev/zero", link);
    const r = await run(["check", "fixtures/minimal", "--factors", link]);
    expect(r.code).toBe(2);
    expect(firstLine(r.stderr)).toContain("it is a device, not a regular file");
  });
});

describe("path-symlink: files are checked by real path", () => {
  it("refuses a link to a file outside the dataset folder", async () => {
    const d = minimalCopy();
    rmSync(join(d, "energy.csv"));
    symlinkSync(join(ROOT, "fixtures/minimal/energy.csv"), join(d, "energy.csv"));
    const r = await both(["check", d, "--format", "json"]);
    expect(r.code).toBe(2);
    const [e] = JSON.parse(r.stdout).errors as { code: string; message: string }[];
    expect(e).toMatchObject({ code: "path-outside-dataset", ...ENERGY_ENTRY });
    expect(e!.message).toContain(
      `through a symbolic link to ${join(ROOT, "fixtures/minimal/energy.csv")}, outside the dataset folder`,
    );
    // Nothing of the outside file is echoed.
    expect(r.stderr).not.toContain("plant-a,energy.purchased_electricity");
  });

  it("reads a link to a file inside the folder as usual", async () => {
    const d = minimalCopy();
    mkdirSync(join(d, "data"));
    renameSync(join(d, "energy.csv"), join(d, "data", "energy.csv"));
    symlinkSync("data/energy.csv", join(d, "energy.csv"));
    const r = await both(["check", d, "--format", "json", ...ARITHMETIC_ONLY]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as ReportJson).counts.match).toBe(13);
  });
});

describe("long-label: output and work stay bounded", () => {
  it.each([100_000, 1_000_000])("a %i-character label: a cut excerpt and message, saying so", async (n) => {
    const d = minimalCopy();
    const published = readFileSync(join(d, "published.csv"), "utf8").replace(
      "Energy use,Purchased electricity,",
      `Energy use,${"電".repeat(n)},`,
    );
    writeFileSync(join(d, "published.csv"), published);
    const r = await both(["check", d]);
    expect(r.code).toBe(2);
    // "Energy use," is 11 characters: the label starts at column 12. The message, 'unknown row label "' (19) + the
    // label + '"', is n + 20 characters; 240 are kept, so n − 220 are cut.
    expect(firstLine(r.stderr)).toMatch(
      new RegExp(
        `^${escape(d)}/published\\.csv:2:12: error\\[label-unknown\\]: unknown row label "電+…\\[${(n - 220).toLocaleString("en-US")} characters cut\\]…電+"$`,
      ),
    );
    // The line is 11 + n + 30 (',MWh,"1,200.5",800.3,"2,000.8"') characters; the 240-column window holds the 11
    // before the caret and (240 − 11) ÷ 2 = 114 wide characters after it: characters 1–125.
    expect(r.stderr).toContain(`(line cut: characters 1–125 of ${(n + 41).toLocaleString("en-US")} shown)`);
    expect(r.stderr.length).toBeLessThan(2_000);
    const json = await run(["check", d, "--format", "json"]);
    expect(json.stdout.length).toBeLessThan(2_000);
  });
});

describe("many-errors: 200,000 bad rows", () => {
  it("are all counted, the first 100 shown, and listed in JSON, without overflowing anything", async () => {
    const d = minimalCopy();
    const rows = Array.from(
      { length: 200_000 },
      (_, i) => `plant-${i + 3},energy.purchased_electricity,1.0,MWh,generated`,
    );
    writeFileSync(join(d, "energy.csv"), `facility,metric,value,unit,source\n${rows.join("\n")}\n`);
    const r = await run(["check", d]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain("internal error");
    expect(firstLine(r.stderr)).toBe(`${d}/energy.csv:2:1: error[facility-unknown]: unknown reporting unit "plant-3"`);
    expect(r.stderr.match(/error\[facility-unknown\]/g)).toHaveLength(100);
    expect(
      r.stderr.endsWith(
        "… 199,900 more errors not shown (--format json lists every one)\n200,000 errors; nothing was checked (exit 2)\n",
      ),
    ).toBe(true);
    const json = await run(["check", d, "--format", "json"]);
    const errors = (JSON.parse(json.stdout) as { errors: { code: string; line: number }[] }).errors;
    expect(errors).toHaveLength(200_000);
    expect(errors.at(-1)).toMatchObject({ code: "facility-unknown", line: 200_001 });
    // Two runs that each format 200,000 errors: about 10 s on an idle 2-CPU machine, 40 s at load 17. The limit
    // guards against a hang, it does not measure speed.
  }, 120_000);
});

describe("internal-error: a bug still gives the documented JSON error document", () => {
  it("prints {schemaVersion, errors: [internal-error]} on stdout and exits 2", async () => {
    // An environment whose reader knob throws when read stands for any bug inside the pipeline.
    const env = new Proxy({ NO_COLOR: "1" } as NodeJS.ProcessEnv, {
      get: (target, key) => {
        if (key === "ESG_RECALC_THREADS") throw new Error("injected fault");
        return target[key as string];
      },
    });
    const r = await run(["check", "fixtures/minimal", "--format", "json"], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("esg-recalc: internal error: Error: injected fault");
    expect(JSON.parse(r.stdout)).toMatchObject({
      schemaVersion: 1,
      tool: "esg-recalc",
      errors: [{ code: "internal-error", title: "a bug in esg-recalc", message: "internal error: injected fault" }],
    });
  });
});

describe("term-dumb: no line-clearing escape on a dumb terminal", () => {
  const check = (term: string, ...extra: string[]) =>
    run(["check", "fixtures/minimal", ...extra], { env: { NO_COLOR: "1", TERM: term }, stderrTTY: true });

  it("a capable terminal gets the progress line, cleared with \\e[K (so the test below can fail)", async () => {
    expect((await check("xterm")).stderr).toContain("\r\u001b[K");
  });

  it("TERM=dumb: no progress line, no \\e[K, no carriage return", async () => {
    const r = await check("dumb");
    expect(r.stderr).toBe("");
  });

  it("TERM=dumb with --output: only the final line, ended by a newline", async () => {
    const out = join(work, "dumb-report.json");
    const r = await check("dumb", "--format", "json", "--output", out);
    expect(r.stderr).not.toMatch(/[\r\u001b]/);
    expect(r.stderr).toMatch(/^esg-recalc: .*\n$/);
    expect(r.stderr).toContain(out);
  });
});

describe("error carets and control characters (render/errors.ts)", () => {
  const render = (excerpt: string, column: number) =>
    renderErrors([{ code: "cell-invalid", file: "f.csv", line: 1, column, message: "m", excerpt }], paint(0)).split(
      "\n",
    );

  it("combining marks take no column: e + U+0301 twice, then the caret under x (code point 5) at indent 2", () => {
    expect(render("e\u0301e\u0301x", 5)[2]).toBe("    | " + "  " + "^");
  });

  it("wide characters take two columns: the caret under x after 雲林廠 is indented 6", () => {
    expect(render("雲林廠x", 4)[2]).toBe("    | " + " ".repeat(6) + "^");
  });

  it("a tab is repeated as a tab, so that tab stops agree", () => {
    expect(render("a\tb", 3)[2]).toBe("    | " + " \t" + "^");
  });

  it("shows the first 100 errors of many, says how many more there are, and counts them all", () => {
    const many = Array.from({ length: 150 }, (_, i) => ({
      code: "cell-invalid" as const,
      file: "f.csv",
      line: i + 1,
      message: `bad ${i + 1}`,
    }));
    const text = renderErrors(many, paint(0));
    expect(text.match(/error\[cell-invalid\]/g)).toHaveLength(100);
    expect(text).toContain("f.csv:100: error[cell-invalid]: bad 100\n");
    expect(text).not.toContain("bad 101");
    expect(
      text.endsWith(
        "… 50 more errors not shown (--format json lists every one)\n150 errors; nothing was checked (exit 2)\n",
      ),
    ).toBe(true);
  });

  it("control characters of a hostile file are shown as symbols, never written raw", () => {
    const lines = render("x\u001b[31my", 2);
    expect(lines[1]).toBe("  1 | x\u241b[31my");
    expect(lines.join("\n")).not.toContain("\u001b");
  });
});
