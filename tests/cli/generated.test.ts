// A generated monthly dataset (bench/generate.mjs, seeded: 300 sites × 12 months × 8 metrics, quoted thousands
// separators, three-level tree from sites.csv): the streaming reader and the reference reader (csv-parse and a
// Decimal per row) give the same report byte for byte, and exactly the generator's planted cells are flagged.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "./runCli.js";

const dir = join(mkdtempSync(join(tmpdir(), "esg-generated-")), "bench-suite");
const gen = spawnSync(
  process.execPath,
  [join(ROOT, "bench/generate.mjs"), "suite", "--sites", "300", "--seed", "11", "--out", dir],
  { encoding: "utf8" },
);
const planted = (
  JSON.parse(readFileSync(join(dir, "planted.json"), "utf8")) as { planted: { metric: string; column: string }[] }
).planted;
const fast = runCli(["check", dir, "--format", "json"]);
const reference = runCli(["check", dir, "--format", "json"], { env: { ESG_RECALC_READER: "reference" } });

describe("a generated dataset of monthly readings", () => {
  it("is generated", () => {
    expect(gen.status, gen.stderr).toBe(0);
    expect(readFileSync(join(dir, "meters.csv"), "utf8").split("\n").length).toBeGreaterThan(20_000);
  });

  it("is read by the streaming reader (it did not hand the file to the reference reader)", () => {
    const v = runCli(["validate", dir, "--format", "json"]);
    expect(JSON.parse(v.stdout).reader).toBe("streaming");
    const r = runCli(["validate", dir, "--format", "json"], { env: { ESG_RECALC_READER: "reference" } });
    expect(JSON.parse(r.stdout).reader).toBe("reference");
  });

  it("reads the same through the streaming and the reference reader, byte for byte", () => {
    expect(fast.stderr).toBe("");
    expect(fast.stdout).toBe(reference.stdout);
    expect(fast.code).toBe(reference.code);
  });

  it("flags exactly the cells the generator planted errors in", () => {
    const report = JSON.parse(fast.stdout) as { findings: { metric: string; column: string; status: string }[] };
    const flagged = report.findings
      .filter((f) => f.status !== "match")
      .map((f) => `${f.metric} @ ${f.column}`)
      .sort();
    expect(flagged).toEqual(planted.map((p) => `${p.metric} @ ${p.column}`).sort());
    expect(fast.code).toBe(1);
  });
});

// Two threads (each over half of a file's bytes, merged) are used for files above 256 MB; forcing them on small
// files checks the split and the merge: the same report as the reference reader, and duplicates across the
// halves still caught (monthly-bad-duplicate's two May rows sit on lines 11 and 12, around the middle).
describe("the two-thread scan", () => {
  const TWO = { ESG_RECALC_PARALLEL_MIN_BYTES: "1" };
  it.each([
    dir,
    "fixtures/monthly",
    "fixtures/harbourline",
    "fixtures/bom-crlf",
    "fixtures/monthly-bad-duplicate",
    "fixtures/monthly-bad-whole",
    "fixtures/bad-negative",
  ])("%s: same report and errors as the reference reader", (d) => {
    const two = runCli(["check", d, "--format", "json"], { env: TWO });
    const ref = runCli(["check", d, "--format", "json"], { env: { ESG_RECALC_READER: "reference" } });
    expect(two.stdout).toBe(ref.stdout);
    expect(two.stderr).toBe(ref.stderr);
    expect(two.code).toBe(ref.code);
  });
  // The generated rows in two files, each read by two threads: four lists of slots, compared by file for keys
  // in both files. Split at a site's first row, the files share no key; a row of the first file repeated at the
  // end of the second is a key in both (the reference reader reports it).
  const twoFiles = (name: string, repeat: boolean): string => {
    const to = join(dirname(dir), name);
    cpSync(dir, to, { recursive: true });
    const lines = readFileSync(join(dir, "meters.csv"), "utf8").replace(/\n$/, "").split("\n");
    const [header, ...rows] = lines;
    let cut = Math.floor(rows.length / 2);
    while (rows[cut]!.split(",")[0] === rows[cut - 1]!.split(",")[0]) cut++;
    const second = repeat ? [...rows.slice(cut), rows[0]!] : rows.slice(cut);
    writeFileSync(join(to, "meters-a.csv"), [header, ...rows.slice(0, cut)].join("\n") + "\n");
    writeFileSync(join(to, "meters-b.csv"), [header, ...second].join("\n") + "\n");
    const manifest = JSON.parse(readFileSync(join(to, "manifest.json"), "utf8")) as { files: { activity: string[] } };
    manifest.files.activity = ["meters-a.csv", "meters-b.csv"];
    writeFileSync(join(to, "manifest.json"), JSON.stringify(manifest, null, 2));
    rmSync(join(to, "meters.csv"));
    return to;
  };
  it("two files, each in two ranges: read by the streaming reader, the reference reader's report", () => {
    const d = twoFiles("two-files", false);
    const two = runCli(["check", d, "--format", "json"], { env: TWO });
    const ref = runCli(["check", d, "--format", "json"], { env: { ESG_RECALC_READER: "reference" } });
    expect(two.code).toBe(1);
    expect(two.stdout).toBe(ref.stdout);
    expect(two.stderr).toBe(ref.stderr);
    expect(JSON.parse(runCli(["validate", d, "--format", "json"], { env: TWO }).stdout).reader).toBe("streaming");
  }, 120_000); // three runs of the CLI over 300 sites: slow on a busy machine
  it("two files with a key in both, each in two ranges: the reference reader's error", () => {
    const d = twoFiles("two-files-repeat", true);
    const two = runCli(["check", d, "--format", "json"], { env: TWO });
    const ref = runCli(["check", d, "--format", "json"], { env: { ESG_RECALC_READER: "reference" } });
    expect(two.code).toBe(2);
    expect(two.stderr).toContain("meters-b.csv");
    expect(two.stderr).toBe(ref.stderr);
    expect(two.stdout).toBe(ref.stdout);
  }, 120_000);
  it("reads the generated file with both threads (the streaming reader did not give up)", () => {
    const v = runCli(["validate", dir, "--format", "json"], { env: TWO });
    expect(JSON.parse(v.stdout).reader).toBe("streaming");
  });
});
