// Files are named in messages as the user named them: a path given absolutely stays absolute (that is where the
// user will look), a relative one stays relative to the working directory, the embedded dataset is named relative.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "./runCli.js";

describe("paths in messages", () => {
  it("a dataset folder given absolutely: every file of it is named absolutely", () => {
    const abs = join(ROOT, "fixtures/bad-unit-unknown");
    const r = runCli(["check", abs]);
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")[0]).toBe(`${abs}/energy.csv:3:44: error[unit-unknown]: unknown unit "MWj"`);
  });

  it("the same folder given relatively: named relative to the working directory, as before", () => {
    const r = runCli(["check", "fixtures/bad-unit-unknown"]);
    expect(r.stderr.split("\n")[0]).toBe(
      'fixtures/bad-unit-unknown/energy.csv:3:44: error[unit-unknown]: unknown unit "MWj"',
    );
  });

  it("a --factors file given absolutely is named absolutely", () => {
    const abs = join(ROOT, "fixtures/factor-files/bad-unit.csv");
    const r = runCli(["check", "--factors", abs]);
    expect(r.code).toBe(2);
    expect(r.stderr.startsWith(`${abs}:`)).toBe(true);
  });

  it("the embedded dataset (no folder given) is named relative to the working directory", () => {
    const r = runCli(["explain", "ghg.scope2", "--column", "nanjing"]);
    expect(r.stdout).toContain("← data/datasets/nio-2021/energy.csv:4");
  });
});
