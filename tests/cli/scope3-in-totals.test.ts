// A dataset declares whether its "Total GHG emissions" includes scope 3 (manifest scope3InTotals), for the table or a
// heading as printed. The figures below are the README's hand sums of fixtures/scope3-in-totals.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "./runCli.js";

interface Report {
  findings: { metric: string; column: string; status: string; published: string; recomputed: string | null }[];
}
const check = (dir: string) => JSON.parse(runCli(["check", dir, "--format", "json"]).stdout) as Report;

/** A copy of the fixture whose manifest declares `scope3InTotals` as given (absent: undefined). */
function variant(scope3InTotals: object | undefined): string {
  const dir = mkdtempSync(join(tmpdir(), "scope3-"));
  cpSync(join(ROOT, "fixtures/scope3-in-totals"), dir, { recursive: true });
  const path = join(dir, "manifest.json");
  const m = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  if (scope3InTotals === undefined) delete m.scope3InTotals;
  else m.scope3InTotals = scope3InTotals;
  writeFileSync(path, JSON.stringify(m, null, 2));
  return dir;
}

const totals = (r: Report) =>
  r.findings
    .filter((f) => /^ghg\.(total|intensity)/.test(f.metric))
    .map((f) => `${f.metric}@${f.column} ${f.published}→${f.recomputed} ${f.status}`);

describe("scope3InTotals", () => {
  it("as declared for the table, 溫室氣體排放總量 is scope 1 + 2 + 3 and every cell matches", () => {
    const r = check("fixtures/scope3-in-totals");
    expect(r.findings.every((f) => f.status === "match")).toBe(true);
    expect(totals(r)).toEqual([
      "ghg.total_incl_scope3@stores 7,284.2→7284.2 match",
      "ghg.total_incl_scope3@warehouse 712.9→712.9 match",
      "ghg.total_incl_scope3@total 7,997.1→7997.1 match",
      "ghg.intensity_incl_scope3@total 3.26→3.26 match",
    ]);
  });

  const without = [
    "ghg.total@stores 7,284.2→1965.8 mismatch",
    "ghg.total@warehouse 712.9→712.9 match",
    "ghg.total@total 7,997.1→2678.7 mismatch",
    "ghg.intensity@total 3.26→1.09 mismatch",
  ];
  it("undeclared, the same row is scope 1 + 2: the totals with scope 3 in them mismatch", () => {
    expect(totals(check(variant(undefined)))).toEqual(without);
  });

  it("a heading as printed can declare it, and wins over the table", () => {
    const heading = { section: "溫室氣體排放", includes: true };
    expect(totals(check(variant({ sections: [heading] })))).toEqual(totals(check("fixtures/scope3-in-totals")));
    expect(totals(check(variant({ table: true, sections: [{ ...heading, includes: false }] })))).toEqual(without);
  });
});
