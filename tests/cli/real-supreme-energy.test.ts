// A real table with per-site intensities (issue 14, acceptance): Supreme Electronics' 能源消耗量及能源密集度, 2023,
// total / head office / three offices, each column's energy ÷ the company's revenue 644.27 (NT$ 100 million).
// Every expected figure is worked out here from the printed text in exact rationals over BigInt (tests/cli/rational.ts),
// never copied from the tool's output; fixtures/real-supreme-2023-energy/README.md shows the same by hand.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { asJsonDecimal as trim, editedFixture, findingAt, fixture, runCli, type JsonFinding } from "./runCli.js";
import { Q } from "./rational.js";

interface Report {
  counts: Record<string, number>;
  findings: JsonFinding[];
  denominatorAnalysis: {
    intensities: {
      metric: string;
      node: string;
      impliedDenominator: [string, string] | null;
      consistentWith: string[];
    }[];
  };
}

// The printed leaves (GJ) and note 4's revenue (新台幣億元), as printed.
const leaves = { gasolineHq: "250.37", electricityHq: "1,743.61", electricityOffices: "299.16" };
const revenue = "644.27";
// The printed cells of the other rows, column by column (合計, 總公司, 3個辦事處).
const printed = {
  gasoline: { supreme: "250.37", hq: "250.37" },
  electricity: { supreme: "2,042.77", hq: "1,743.61 ", offices: "299.16" },
  total: { supreme: "2,293.14", hq: "1,993.98", offices: "299.16" },
  intensity: { supreme: "3.56", hq: "3.10", offices: "0.46" },
};

const q = (x: string) => Q.of(x.trim());
const half = Q.of("0.005"); // every printed figure here has two decimals
const energy = {
  supreme: q(leaves.gasolineHq).plus(q(leaves.electricityHq)).plus(q(leaves.electricityOffices)),
  hq: q(leaves.gasolineHq).plus(q(leaves.electricityHq)),
  offices: q(leaves.electricityOffices),
};
/** How many printed leaves a column's energy adds (each ± 0.005). */
const leafCount = { supreme: 3n, hq: 2n, offices: 1n };
type Col = keyof typeof energy;
const cols: Col[] = ["supreme", "hq", "offices"];

const r = runCli(["check", fixture("real-supreme-2023-energy"), "--format", "json"]);
const report = JSON.parse(r.stdout) as Report;
const cell = (metric: string, column: string) => findingAt(report.findings, metric, column);

describe("Supreme Electronics 2023, 能源消耗量及能源密集度 (zh-Hant; per-site intensities per NT$ 100 million)", () => {
  it("the energy rows add up from the printed leaves, column by column (match)", () => {
    expect(energy.supreme.fixed(2)).toBe(printed.total.supreme.replace(/,/g, ""));
    expect(energy.hq.fixed(2)).toBe(printed.total.hq.replace(/,/g, ""));
    expect(energy.offices.fixed(2)).toBe(printed.total.offices);
    expect(q(leaves.electricityHq).plus(q(leaves.electricityOffices)).fixed(2)).toBe(
      printed.electricity.supreme.replace(/,/g, ""),
    );
    for (const c of cols) expect(cell("energy.total", c).status).toBe("match");
    for (const c of cols) expect(cell("energy.purchased_electricity", c).status).toBe("match");
    expect(cell("energy.direct", "supreme").status).toBe("match");
    expect(cell("energy.direct", "hq").status).toBe("match");
    // The offices print "-" for gasoline and have no data: no finding.
    expect(report.findings.filter((f) => f.metric === "energy.direct" && f.column === "offices")).toEqual([]);
  });

  it("each column's intensity is its energy ÷ 644.27, rounded half-up to two decimals; the head office's 3.10 is not", () => {
    const exact = Object.fromEntries(cols.map((c) => [c, energy[c].div(Q.of(revenue))])) as Record<Col, Q>;
    expect(exact.supreme.fixed(2)).toBe("3.56");
    expect(exact.hq.fixed(2)).toBe("3.09");
    expect(exact.offices.fixed(2)).toBe("0.46");
    for (const c of cols) {
      const f = cell("energy.intensity", c);
      expect(f.kind).toBe("intensity");
      expect(f.published).toBe(printed.intensity[c]);
      expect(f.recomputed).toBe(exact[c].fixed(2));
      expect(f.status).toBe(exact[c].fixed(2) === printed.intensity[c] ? "match" : "mismatch");
    }
    expect(cell("energy.intensity", "hq").status).toBe("mismatch");
  });

  it("the head office's figures cannot give 3.10 by rounding: the highest they allow is below 3.095", () => {
    const spread = new Q(leafCount.hq).times(half);
    const hi = energy.hq.plus(spread).div(Q.of(revenue).minus(half));
    const lo = energy.hq.minus(spread).div(Q.of(revenue).plus(half));
    expect(hi.lt(Q.of("3.095"))).toBe(true);
    const f = cell("energy.intensity", "hq");
    // The tool prints its interval rounded outward to 8 decimals.
    expect(f.recomputedInterval).toEqual([trim(lo.down(8)), trim(hi.up(8))]);
    // No cause is claimed: "no known cause", saying what was (not) looked for.
    expect(f.causes.map((c) => c.code)).toEqual(["unexplained"]);
    expect(f.causes[0]!.message).toMatch(/^no known cause/);
  });

  it("every other cell matches, and the run fails on the one mismatch", () => {
    expect(report.findings.filter((f) => f.status !== "match").map((f) => `${f.metric}@${f.column}`)).toEqual([
      "energy.intensity@hq",
    ]);
    expect(report.counts.match).toBe(10);
    expect(report.counts.mismatch).toBe(1);
    expect(r.code).toBe(1);
  });

  it("the revenue 3.10 implies excludes the printed 644.27; the other two columns' hold it", () => {
    const one = (c: Col) => report.denominatorAnalysis.intensities.find((i) => i.node === c)!;
    for (const c of cols) {
      const spread = new Q(leafCount[c]).times(half);
      const p = Q.of(printed.intensity[c]);
      const lo = energy[c].minus(spread).div(p.plus(half));
      const hi = energy[c].plus(spread).div(p.minus(half));
      expect(one(c).impliedDenominator).toEqual([trim(lo.down(6)), trim(hi.up(6))]);
      // 644.27 stands for [644.265, 644.275]: does it meet [lo, hi]?
      const fits = !hi.lt(Q.of(revenue).minus(half)) && !Q.of(revenue).plus(half).lt(lo);
      expect(one(c).consistentWith.length > 0).toBe(fits);
    }
    expect(one("hq").consistentWith).toEqual([]);
  });
});

describe("a unit per a unit printed inside a label (能源密集度(GJ/新台幣億元))", () => {
  const dir = mkdtempSync(join(tmpdir(), "supreme-energy-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const copy = (name: string, edit: (published: string) => string) =>
    editedFixture(dir, "real-supreme-2023-energy", name, "published.csv", edit);

  it("that does not fit the metric is refused, as in a unit column (exit 2, unit-mismatch)", () => {
    const to = copy("wrong", (t) => t.replace("能源密集度(GJ/新台幣億元)", "能源密集度(tCO2e/新台幣億元)"));
    const run = runCli(["check", to]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("error[unit-mismatch]");
    expect(run.stderr).toContain('not "tCO2e/新台幣億元"');
  });

  it("agrees with the same unit written in the unit column too", () => {
    const to = copy("both", (t) =>
      t.replace("能源密集度(GJ/新台幣億元),,", "能源密集度(GJ/新台幣億元),GJ/新台幣億元,"),
    );
    const run = runCli(["check", to, "--format", "json"]);
    expect(run.code).toBe(1);
    expect((JSON.parse(run.stdout) as Report).counts.mismatch).toBe(1);
  });
});
