// A real European table with both scope 2 methods (Guardini 2022, entered as printed: the fixture's README has the
// source), read with the built-in market-based metrics. Expected statuses are derived here from the printed
// figures with BigInt rationals, never taken from the tool's output.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "./runCli.js";

const DIR = "fixtures/real-guardini-2022-scope2";

/** Printed decimal text → integer hundredths (every figure of this table has two decimals). */
const cents = (s: string): bigint => {
  const [i, f = ""] = s.replace(/,/g, "").split(".");
  expect(f).toHaveLength(2);
  return BigInt(i! + f);
};

const rows = Object.fromEntries(
  readFileSync(join(ROOT, DIR, "published.csv"), "utf8")
    .trimEnd()
    .split("\n")
    .slice(1)
    .map((l) => l.split(","))
    .map(([label, , ...cells]) => [label!, cells]),
);
const PERIODS = ["2022", "2021", "2020"]; // the printed column order

/**
 * A sum of two figures printed to ±0.005 allows ±0.010; the total printed to ±0.005 stands for [p − 0.005, p + 0.005).
 * Equal: match; intervals sharing a value (|s − p| < 0.015): rounding; else mismatch.
 */
const expected = (a: string, b: string, total: string) => {
  const gap = cents(a) + cents(b) - cents(total);
  const abs = gap < 0n ? -gap : gap;
  return gap === 0n ? "match" : abs * 10n < 15n ? "rounding" : "mismatch";
};

const run = runCli(["check", DIR, "--format", "json"]);
const report = JSON.parse(run.stdout) as {
  findings: { metric: string; column: string; kind: string; status: string; published: string; recomputed: string }[];
  counts: Record<string, number>;
};
const find = (metric: string, period: string) =>
  report.findings.find(
    (f) => f.metric === metric && f.column === (period === "2022" ? "guardini" : `guardini@${period}`),
  )!;

describe("Guardini 2022 (real, as printed): both totals follow from scope 1 and the scope 2 of their method", () => {
  it.each(PERIODS.map((p, i) => [p, i] as const))("%s", (period, i) => {
    const s1 = rows["Scope 1 - Total"]![i]!;
    for (const [metric, s2row, totalRow] of [
      ["ghg.total", "Scope 2 - Location based", "Scope 1 + Scope 2 Location"],
      ["ghg.total.market", "Scope 2 - Market based", "Scope 1 + Scope 2 Market"],
    ] as const) {
      const f = find(metric, period);
      expect(f.published.replace(/,/g, "")).toBe(rows[totalRow]![i]);
      expect(f.status).toBe(expected(s1, rows[s2row]![i]!, rows[totalRow]![i]!));
      // the recomputed figure is the exact sum, in hundredths
      expect(cents(f.recomputed)).toBe(cents(s1) + cents(rows[s2row]![i]!));
    }
  });

  it("2022's two 0.01 gaps are rounding, the rest matches: 25 match, 2 rounding, exit 0", () => {
    expect(expected("265.12", "499.97", "765.10")).toBe("rounding");
    expect(expected("265.12", "474.48", "739.61")).toBe("rounding");
    expect(report.counts.match).toBe(25);
    expect(report.counts.rounding).toBe(2);
    expect(run.code).toBe(0);
  });
});
