// The reference case: NIO's 2021 table, checked end to end through the real binary. Every expected verdict is
// established here without the tool: by a second calculation in exact integer arithmetic (BigInt over scaled
// decimals, no decimal.js, no csv-parse), and for the cells that are not a match, by hand in the comments.
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Ajv2020 } from "ajv/dist/2020.js";
import { ROOT, runCli } from "./runCli.js";

const DATASET = `${ROOT}data/datasets/nio-2021/`;
const SEED = `${ROOT}../shared/seeds/000_94f800e60bc86102.txt`;

// ---- an independent reading of published.csv: a quote-aware split, numbers as BigInt scaled to 10^SCALE ----
const SCALE = 4;
const ONE = 10n ** BigInt(SCALE);

function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let q = false;
  for (const c of line) {
    if (c === '"') q = !q;
    else if (c === "," && !q) {
      out.push(cur);
      cur = "";
    } else cur += c;
  }
  out.push(cur);
  return out;
}

interface Num {
  scaled: bigint;
  decimals: number;
}
function num(text: string): Num | null {
  if (text === "/" || text === "") return null;
  const [whole, frac = ""] = text.replace(/,/g, "").split(".");
  return { scaled: BigInt(whole + frac.padEnd(SCALE, "0")), decimals: frac.length };
}

const COLUMNS = ["nanjing", "hefei", "manufacturing", "offices", "total"] as const;
type Col = (typeof COLUMNS)[number];
const LEAVES: Col[] = ["nanjing", "hefei", "offices"];
const CHILDREN: Partial<Record<Col, Col[]>> = {
  manufacturing: ["nanjing", "hefei"],
  total: ["manufacturing", "offices"],
};

// Row order of the printed table, and what each row is (written from the report, not from the catalogue).
const ROWS: { id: string; rule: "base" | { terms: string[] } | { intensityOf: string } }[] = [
  { id: "waste.non_hazardous.total", rule: "base" },
  { id: "waste.non_hazardous.intensity", rule: { intensityOf: "waste.non_hazardous.total" } },
  { id: "waste.non_hazardous.recycled", rule: "base" },
  { id: "waste.hazardous.total", rule: "base" },
  { id: "waste.hazardous.intensity", rule: { intensityOf: "waste.hazardous.total" } },
  { id: "air.so2", rule: "base" },
  { id: "air.nox", rule: "base" },
  { id: "air.voc", rule: "base" },
  { id: "air.particulates", rule: "base" },
  { id: "water.wastewater", rule: "base" },
  { id: "water.wastewater.intensity", rule: { intensityOf: "water.wastewater" } },
  { id: "ghg.scope1", rule: "base" },
  { id: "ghg.scope2", rule: "base" },
  { id: "ghg.total", rule: { terms: ["ghg.scope1", "ghg.scope2"] } },
  { id: "ghg.intensity", rule: { intensityOf: "ghg.total" } },
  { id: "energy.natural_gas", rule: "base" },
  { id: "energy.diesel", rule: "base" },
  { id: "energy.purchased_electricity", rule: "base" },
  { id: "energy.solar_onsite", rule: "base" },
  { id: "energy.direct", rule: "base" },
  { id: "energy.indirect", rule: { terms: ["energy.purchased_electricity"] } },
  { id: "energy.total", rule: { terms: ["energy.direct", "energy.indirect"] } },
  { id: "energy.intensity", rule: { intensityOf: "energy.total" } },
  { id: "water.municipal", rule: "base" },
  { id: "water.recycled", rule: "base" },
];

const publishedLines = readFileSync(`${DATASET}published.csv`, "utf8").trim().split("\n").slice(1).map(splitCsvLine);
const published = new Map(
  ROWS.map((r, i) => [
    r.id,
    Object.fromEntries(COLUMNS.map((c, j) => [c, publishedLines[i]![3 + j]!])) as Record<Col, string>,
  ]),
);

/** Interval of a value, scaled by ONE: [lo, hi]. Value ± half a unit of its last printed digit, floored at 0. */
type Iv = { v: bigint; lo: bigint; hi: bigint; decimals: number };
const half = (decimals: number) => ONE / 10n ** BigInt(decimals) / 2n;
const ivOf = (n: Num): Iv => ({
  v: n.scaled,
  lo: n.scaled - half(n.decimals) < 0n ? 0n : n.scaled - half(n.decimals),
  hi: n.scaled + half(n.decimals),
  decimals: n.decimals,
});
const add = (a: Iv | null, b: Iv | null): Iv | null =>
  !a ? b : !b ? a : { v: a.v + b.v, lo: a.lo + b.lo, hi: a.hi + b.hi, decimals: Math.max(a.decimals, b.decimals) };

function value(metric: string, col: Col): Iv | null {
  const row = ROWS.find((r) => r.id === metric)!;
  if (row.rule === "base") {
    if (LEAVES.includes(col)) {
      const n = num(published.get(metric)![col]);
      return n ? ivOf(n) : null;
    }
    return CHILDREN[col]!.map((c) => value(metric, c)).reduce(add, null);
  }
  if ("terms" in row.rule) return row.rule.terms.map((t) => value(t, col)).reduce(add, null);
  return null;
}

/** Status of a sum/identity cell: exact equality at the printed precision, else interval overlap. */
function sumStatus(rec: Iv, pub: Num): string {
  const unit = ONE / 10n ** BigInt(pub.decimals);
  const rounded = ((rec.v * 2n + unit) / (2n * unit)) * unit; // half-up for non-negative values
  if (rounded === pub.scaled) return "match";
  const p = ivOf(pub);
  return rec.lo <= p.hi && p.lo <= rec.hi ? "rounding" : "mismatch";
}

/** Status of an intensity N / R against a published figure, all in cross-multiplied integers. */
function intensityStatus(n: Iv, r: { v: bigint; lo: bigint; hi: bigint }, pub: Num): string {
  // round(N/R, d) == p  ⇔  p − ½u ≤ N/R < p + ½u, u = 10^-d  ⇔  (2p − u)·R ≤ 2N < (2p + u)·R   (R > 0)
  const u = ONE / 10n ** BigInt(pub.decimals);
  if ((2n * pub.scaled - u) * r.v <= 2n * n.v * ONE && 2n * n.v * ONE < (2n * pub.scaled + u) * r.v) return "match";
  // overlap of [n.lo/r.hi, n.hi/r.lo] with [p − ½u, p + ½u]
  const lowOk = 2n * n.lo * ONE <= (2n * pub.scaled + u) * r.hi;
  const highOk = (2n * pub.scaled - u) * r.lo <= 2n * n.hi * ONE;
  return lowOk && highOk ? "rounding" : "mismatch";
}

function expectedStatuses(revenue: { v: bigint; lo: bigint; hi: bigint }): Map<string, string> {
  const out = new Map<string, string>();
  for (const row of ROWS) {
    for (const col of COLUMNS) {
      const pub = num(published.get(row.id)![col]);
      if (typeof row.rule === "object" && "intensityOf" in row.rule) {
        if (col === "total" && pub)
          out.set(`${row.id}@${col}`, intensityStatus(value(row.rule.intensityOf, "total")!, revenue, pub));
        continue;
      }
      const rec = value(row.id, col);
      if (!pub) {
        if (rec && rec.v !== 0n) out.set(`${row.id}@${col}`, "omitted");
        continue;
      }
      out.set(`${row.id}@${col}`, rec ? sumStatus(rec, pub) : "missing");
    }
  }
  return out;
}

const REVENUE_ANNUAL = { v: (361364n * ONE) / 10n, lo: (3613635n * ONE) / 100n, hi: (3613645n * ONE) / 100n }; // 36,136.4 ± 0.05
const REVENUE_PRINTED = { v: 36100n * ONE, lo: 36050n * ONE, hi: 36150n * ONE }; // 361億 = 36,100 ± 50
const REVENUE_EXACT_36100 = { v: 36100n * ONE, lo: 36100n * ONE, hi: 36100n * ONE };

interface Report {
  counts: Record<string, number>;
  findings: {
    metric: string;
    column: string;
    status: string;
    kind: string;
    published: string;
    recomputed: string | null;
    difference: string | null;
    causes: { code: string; message: string }[];
  }[];
  denominator: { id: string };
}
function runJson(...args: string[]): { report: Report; code: number | null } {
  const r = runCli(["check", "--format", "json", ...args]);
  expect(r.stderr).toBe("");
  return { report: JSON.parse(r.stdout) as Report, code: r.code };
}
const ARITHMETIC = ["input", "sum", "identity", "intensity"];
const arithmetic = (rep: Report) => rep.findings.filter((f) => ARITHMETIC.includes(f.kind));
const statusMap = (rep: Report) => new Map(arithmetic(rep).map((f) => [`${f.metric}@${f.column}`, f.status]));
const arithmeticCounts = (rep: Report) => {
  const c: Record<string, number> = { match: 0, rounding: 0, mismatch: 0, missing: 0, omitted: 0 };
  for (const f of arithmetic(rep)) c[f.status] = (c[f.status] ?? 0) + 1;
  return c;
};

describe("NIO 2021, annual-results revenue (the default)", () => {
  const { report, code } = runJson();

  it("gives every published cell the verdict the independent calculation gives", () => {
    const expected = expectedStatuses(REVENUE_ANNUAL);
    expect(expected.size).toBe(92); // 87 numeric cells in unit/subtotal/total columns + 5 intensities
    expect(statusMap(report)).toEqual(expected);
  });

  it("flags exactly these four cells, with the arithmetic worked by hand", () => {
    const problems = arithmetic(report)
      .filter((f) => f.status !== "match")
      .map((f) => [f.metric, f.column, f.status, f.published, f.recomputed, f.difference]);
    expect(problems).toEqual([
      // 344,102.0 ÷ 36,136.4 = 9.52226… → 9.52 ≠ 9.53. Interval [344,101.95 ÷ 36,136.45, 344,102.05 ÷ 36,136.35]
      // = [9.52225…, 9.52229…] lies below 9.525, the bottom of what 9.53 stands for → mismatch.
      ["water.wastewater.intensity", "total", "mismatch", "9.53", "9.52", "-0.01"],
      // 1,522.3 + 4,801.1 = 6,323.4 ≠ 6,323.3; inputs allow [6,323.30, 6,323.50], 6,323.3 stands for
      // [6,323.25, 6,323.35]: they overlap → rounding, in the subtotal and again in the total (offices print "/").
      ["energy.solar_onsite", "manufacturing", "rounding", "6,323.3", "6323.4", "0.1"],
      ["energy.solar_onsite", "total", "rounding", "6,323.3", "6323.4", "0.1"],
      // 142,012.9 ÷ 36,136.4 = 3.92991… → 3.93, printed 1,424.90: 362.6 times too large, no denominator explains it.
      ["energy.intensity", "total", "mismatch", "1,424.90", "3.93", "-1420.97"],
    ]);
    expect(arithmeticCounts(report)).toEqual({ match: 88, rounding: 2, mismatch: 2, missing: 0, omitted: 0 });
    expect(code).toBe(1);
  });

  it("explains each problem: the other revenue for wastewater, nothing known for energy", () => {
    const byCell = (m: string, c: string) => report.findings.find((f) => f.metric === m && f.column === c)!;
    const ww = byCell("water.wastewater.intensity", "total");
    expect(ww.causes.map((c) => c.code)).toEqual(["denominator"]);
    // 344,102.0 ÷ 36,100 = 9.53191… → 9.53
    expect(ww.causes[0]!.message).toContain("revenue-printed");
    expect(ww.causes[0]!.message).toContain("9.531911");
    const en = byCell("energy.intensity", "total");
    expect(en.causes.map((c) => c.code)).toEqual(["unexplained"]);
    // 1,424.90 ÷ 3.9299125… = 362.578…
    expect(en.causes[0]!.message).toMatch(/no known cause.*362\.578/);
    expect(byCell("energy.solar_onsite", "total").causes.map((c) => c.code)).toEqual(["rounding"]);
  });

  it("validates against the committed JSON Schema", () => {
    const ajv = new Ajv2020({ strict: false });
    const validate = ajv.compile(JSON.parse(readFileSync(`${ROOT}schema/report.schema.json`, "utf8")) as object);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...report, counts: { match: 1 } })).toBe(false);
  });
});

describe("NIO 2021, the report's own printed revenue (361億元)", () => {
  it("--denominator revenue-printed: the wastewater intensity follows, the energy intensity still does not", () => {
    const { report, code } = runJson("--denominator", "revenue-printed");
    expect(report.denominator.id).toBe("revenue-printed");
    expect(statusMap(report)).toEqual(expectedStatuses(REVENUE_PRINTED));
    // 344,102.0 ÷ 36,100 = 9.5319 → 9.53 match; 142,012.9 ÷ 36,100 = 3.9339 → 3.93, still ≠ 1,424.90
    expect(statusMap(report).get("water.wastewater.intensity@total")).toBe("match");
    expect(statusMap(report).get("energy.intensity@total")).toBe("mismatch");
    expect(arithmeticCounts(report)).toEqual({ match: 89, rounding: 2, mismatch: 1, missing: 0, omitted: 0 });
    expect(code).toBe(1);
  });

  it("--revenue 36100 (exact) gives the same verdicts", () => {
    const { report } = runJson("--revenue", "36100");
    expect(statusMap(report)).toEqual(expectedStatuses(REVENUE_EXACT_36100));
    expect(arithmeticCounts(report)).toEqual({ match: 89, rounding: 2, mismatch: 1, missing: 0, omitted: 0 });
  });
});

describe("NIO 2021 exit codes", () => {
  it("--fail-on none always exits 0; --fail-on rounding still exits 1", () => {
    expect(runCli(["check", "--fail-on", "rounding", "--format", "json"]).code).toBe(1);
    expect(runCli(["check", "--fail-on", "none"]).code).toBe(0);
  });
});

describe("the embedded dataset", () => {
  it("holds, for each reporting unit, exactly the printed base-metric cells of that unit", () => {
    const rows = ["energy", "emissions", "water", "waste"].flatMap((f) =>
      readFileSync(`${DATASET}${f}.csv`, "utf8").trim().split("\n").slice(1).map(splitCsvLine),
    );
    const fromActivity = new Map(rows.map(([fac, metric, val]) => [`${metric}@${fac}`, val]));
    const fromTable = new Map<string, string>();
    for (const row of ROWS.filter((r) => r.rule === "base")) {
      for (const col of LEAVES) {
        const text = published.get(row.id)![col];
        if (text !== "/") fromTable.set(`${row.id}@${col}`, text);
      }
    }
    expect(fromActivity).toEqual(fromTable);
  });

  it.skipIf(!existsSync(SEED))("published.csv is the seed's table, row for row and cell for cell", () => {
    const seed = readFileSync(SEED, "utf8").split("\n");
    for (const cells of publishedLines) {
      const [, label, unit, ...values] = cells;
      // Intensity rows print one merged "/" and the total; the others print five cells.
      const printed = values.slice(0, 4).every((v) => v === "/") ? [values[0], values[4]] : values;
      const line = [label, unit, ...printed].join(" ");
      expect(seed, line).toContain(line);
    }
    expect(publishedLines).toHaveLength(25);
  });
});
