// Tables laid out as printed (issue 14): golden errors for a two-level header that does not parse, each location
// checked by hand and re-checked here against the fixture file itself. (The two-level header and the marker column
// that do parse are in fixtures/harbourline's second table, tests/cli/harbourline.test.ts.)
import { readFileSync } from "node:fs";
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
