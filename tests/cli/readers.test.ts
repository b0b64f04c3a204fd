// The streaming reader against the reference one (csv-parse and Decimal per row): on every fixture — good data,
// every kind of bad input, odd encodings and layouts — both give byte-for-byte the same report, the same errors
// and the same exit code. (The streaming reader declines what it cannot read exactly; this proves that it then
// changes nothing, and that where it does read, it reads the same.)
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "./runCli.js";

const datasets = [
  "data/datasets/nio-2021",
  ...readdirSync(join(ROOT, "fixtures"), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(ROOT, "fixtures", d.name, "manifest.json")))
    .map((d) => `fixtures/${d.name}`),
];

describe("streaming reader = reference reader", () => {
  it("covers the embedded dataset and every fixture folder", () => {
    expect(datasets.length).toBeGreaterThan(50);
  });

  it.each(datasets)("%s: same JSON, same errors, same exit code", (dir) => {
    const fast = runCli(["check", dir, "--format", "json"]);
    const reference = runCli(["check", dir, "--format", "json"], { env: { ESG_RECALC_READER: "reference" } });
    expect(fast.stdout).toBe(reference.stdout);
    expect(fast.stderr).toBe(reference.stderr);
    expect(fast.code).toBe(reference.code);
  });
});
