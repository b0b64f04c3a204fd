// A generated monthly dataset (bench/generate.mjs, seeded: 300 sites × 12 months × 8 metrics, quoted thousands
// separators, three-level tree from sites.csv): the streaming reader and the reference reader (csv-parse and a
// Decimal per row) give the same report byte for byte, and exactly the generator's planted cells are flagged.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
  it("reads the generated file with both threads (the streaming reader did not give up)", () => {
    const v = runCli(["validate", dir, "--format", "json"], { env: TWO });
    expect(JSON.parse(v.stdout).reader).toBe("streaming");
  });
});
