// The streaming reader against the reference one (csv-parse and Decimal per row): on every fixture — good data,
// every kind of bad input, odd encodings and layouts — both give byte-for-byte the same report, the same errors
// and the same exit code. (The streaming reader declines what it cannot read exactly; this proves that it then
// changes nothing, and that where it does read, it reads the same.)
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { ROOT } from "./runCli.js";

/** The CLI in this process (spawning it twice for each of 55 datasets would double the suite's time). */
async function run(args: string[], reader: "fast" | "reference") {
  let stdout = "",
    stderr = "";
  const env = { NO_COLOR: "1", ...(reader === "reference" ? { ESG_RECALC_READER: "reference" } : {}) };
  const code = await main(["node", "esg-recalc", ...args], {
    stdout: { write: (x: string) => (stdout += x) },
    stderr: { write: (x: string) => (stderr += x) },
    env,
  });
  return { stdout, stderr, code };
}

const datasets = [
  "data/datasets/nio-2021",
  ...readdirSync(join(ROOT, "fixtures"), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(ROOT, "fixtures", d.name, "manifest.json")))
    .map((d) => `fixtures/${d.name}`),
];

describe("streaming reader = reference reader", () => {
  it("really switches readers (else the comparison below would compare a reader with itself)", async () => {
    const readerOf = async (r: "fast" | "reference") =>
      JSON.parse((await run(["validate", "fixtures/monthly", "--format", "json"], r)).stdout).reader;
    expect([await readerOf("fast"), await readerOf("reference")]).toEqual(["streaming", "reference"]);
  });

  it("covers the embedded dataset and every fixture folder", () => {
    expect(datasets.length).toBeGreaterThan(50);
  });

  it.each(datasets)("%s: same JSON, same errors, same exit code", async (dir) => {
    expect(process.cwd()).toBe(ROOT.replace(/\/$/, ""));
    const fast = await run(["check", dir, "--format", "json"], "fast");
    const reference = await run(["check", dir, "--format", "json"], "reference");
    expect(fast.stdout).toBe(reference.stdout);
    expect(fast.stderr).toBe(reference.stderr);
    expect(fast.code).toBe(reference.code);
  });
});
