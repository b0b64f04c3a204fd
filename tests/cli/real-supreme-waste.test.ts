// A real table with a percentage row (issue 14, acceptance): Supreme Electronics' waste table, 2022 and 2023, with
// 廢棄物回收利用百分比 = the class R weight ÷ the total weight (note 6), printed 76.88% and 22.72% under the unit 百分比%.
// Every expected figure is worked out here from the printed text in exact rationals over BigInt (tests/cli/rational.ts),
// never copied from the tool's output; fixtures/real-supreme-2023-waste/README.md shows the same by hand.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { asJsonDecimal as trim, editedFixture, findingAt, fixture, runCli, type JsonFinding } from "./runCli.js";
import { Q } from "./rational.js";

interface Report {
  counts: Record<string, number>;
  findings: JsonFinding[];
}

// As printed; null: "-" (no data). The 2023 column's footnote markers are part of the printed cell.
const printed = {
  "2022": {
    column: "taipei-hq@2022",
    H: "0.812",
    R: "2.7",
    E: null,
    total: "3.512",
    diverted: "2.7",
    directed: "0.812",
    pct: "76.88%",
  },
  "2023": {
    column: "taipei-hq",
    H: "1.345 (註4)",
    R: "0.412 (註3)",
    E: "0.056 (註2)",
    total: "1.813",
    diverted: "0.412 (註3)",
    directed: "1.401 (註4)",
    pct: "22.72%",
  },
} as const;
type Year = keyof typeof printed;
const years: Year[] = ["2022", "2023"];

/** The number in a printed cell (a footnote marker and a % sign dropped). */
const num = (text: string) => Q.of(text.replace(/\s*\(註\d\)$/u, "").replace(/%$/, ""));
const places = (text: string) =>
  (
    text
      .replace(/\s*\(註\d\)$/u, "")
      .replace(/%$/, "")
      .split(".")[1] ?? ""
  ).length;
/** ± half a unit of the last printed place. */
const halfOf = (text: string) => new Q(5n, 10n ** BigInt(places(text) + 1));
const zero = Q.of("0");

const r = runCli(["check", fixture("real-supreme-2023-waste"), "--format", "json"]);
const report = JSON.parse(r.stdout) as Report;
const cell = (metric: string, column: string) => findingAt(report.findings, metric, column);

describe("Supreme Electronics 2022–2023 waste table (zh-Hant; a percentage row as printed)", () => {
  for (const y of years) {
    const p = printed[y];
    const H = num(p.H);
    const R = num(p.R);
    const E = p.E ? num(p.E) : zero;

    it(`${y}: the total, the diverted and the directed weights follow from H, R and E (match)`, () => {
      const total = H.plus(R).plus(E);
      expect(total.fixed(3)).toBe(num(p.total).fixed(3));
      expect(R.fixed(3)).toBe(num(p.diverted).fixed(3));
      expect(H.plus(E).fixed(3)).toBe(num(p.directed).fixed(3));
      for (const m of ["general", "recyclable", "total", "diverted", "directed"])
        expect(cell(`sp.waste.${m}`, p.column).status).toBe("match");
      if (p.E) expect(cell("sp.waste.metal_scrap", p.column).status).toBe("match");
      else
        expect(report.findings.filter((f) => f.metric === "sp.waste.metal_scrap" && f.column === p.column)).toEqual([]);
    });

    it(`${y}: 廢棄物回收利用百分比 = R ÷ (H + R + E) × 100, to two decimals, as printed ${p.pct} (match)`, () => {
      const hundred = Q.of("100");
      const exact = R.div(H.plus(R).plus(E)).times(hundred);
      expect(`${exact.fixed(2)}%`).toBe(p.pct);
      const f = cell("sp.waste.recycling_pct", p.column);
      expect(f.kind).toBe("ratio");
      expect(f.published).toBe(p.pct);
      expect(f.recomputed).toBe(exact.fixed(2));
      expect(f.status).toBe("match");
      // A part over a whole that contains it: the part at the same end on both sides, the other terms at the far end.
      const h = halfOf(p.H);
      const rr = halfOf(p.R);
      const e = p.E ? halfOf(p.E) : zero;
      const lo = R.minus(rr)
        .div(R.minus(rr).plus(H.plus(h)).plus(E.plus(e)))
        .times(hundred);
      const hi = R.plus(rr)
        .div(R.plus(rr).plus(H.minus(h)).plus(E.minus(e)))
        .times(hundred);
      expect(f.recomputedInterval).toEqual([trim(lo.down(8)), trim(hi.up(8))]);
    });
  }

  it("all 13 cells match; exit 0", () => {
    expect(report.findings.filter((f) => f.status !== "match")).toEqual([]);
    expect(report.counts.match).toBe(13);
    expect(r.code).toBe(0);
  });
});

describe("the unit 百分比% a manifest declares for a percentage row", () => {
  const dir = mkdtempSync(join(tmpdir(), "supreme-waste-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const copy = (name: string, file: string, edit: (text: string) => string) =>
    editedFixture(dir, "real-supreme-2023-waste", name, file, edit);

  it("as a fraction (toBase 1) does not fit a percent row: refused, not converted (exit 2, unit-mismatch)", () => {
    const to = copy("fraction", "manifest.json", (t) =>
      t.replace(
        '"toBase": "0.01", "labels": { "zh-Hant": "百分比%"',
        '"toBase": "1", "labels": { "zh-Hant": "百分比%"',
      ),
    );
    const run = runCli(["check", to]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("error[unit-mismatch]");
    expect(run.stderr).toContain('sp.waste.recycling_pct is measured in percent, not "百分比%"');
  });

  it("another name of percent: a wrong percentage gets every cause looked for (no known one here)", () => {
    // 22.82% for 22.72%: 0.412 ÷ 1.813 = 22.72…%, and 22.82 is no digit swap, scale or sign slip of it.
    const to = copy("wrong", "published.csv", (t) => t.replace("22.72%", "22.82%"));
    const run = runCli(["check", to, "--format", "json"]);
    expect(run.code).toBe(1);
    const f = findingAt((JSON.parse(run.stdout) as Report).findings, "sp.waste.recycling_pct", "taipei-hq");
    expect(f.status).toBe("mismatch");
    expect(f.causes.map((c) => c.code)).toEqual(["unexplained"]);
    // The full "no known cause", which names the slips it looked for (not the converted figure's short one).
    expect(f.causes[0]!.message).toContain("scale or sign slip");
  });

  it("two swapped digits in a weight under the unit 公噸 t are named (1.813 printed 1.831)", () => {
    const to = copy("swapped", "published.csv", (t) => t.replace("廢棄物總重,,3.512,1.813", "廢棄物總重,,3.512,1.831"));
    const run = runCli(["check", to, "--format", "json"]);
    const f = findingAt((JSON.parse(run.stdout) as Report).findings, "sp.waste.total", "taipei-hq");
    expect(f.status).toBe("mismatch");
    expect(f.causes.map((c) => c.code)).toEqual(["transposition"]);
  });
});
