// An ESRS E1-6 shaped table (fixtures/esrs-e1): scope 2 both ways, scope 3 by category, totals with scope 3 and
// intensities for both methods (ESRS E1 AR 47, AR 53), biogenic CO2 and removals on their own lines, two years and a
// base-year column declared not checked. Every expectation is read from the fixture's README.md
// (written from build.py's independent calculation) or computed here with BigInt rationals, never taken from the
// tool's output.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "./runCli.js";
import { readmeTable } from "./readmeTable.js";

const DIR = "fixtures/esrs-e1";
const README = readFileSync(join(ROOT, DIR, "README.md"), "utf8");

const tableUnder = (heading: string) => readmeTable(README, heading);

const planted = tableUnder("Planted errors");
const notErrors = tableUnder("Findings that are not errors");
const follow = tableUnder("Figures that follow (match)");

interface FindingJson {
  metric: string;
  column: string;
  kind: string;
  status: string;
  published: string;
  recomputedValue?: string;
  recomputedInterval?: [string, string] | null;
  causes: { code: string; message: string }[];
}
interface ReportJson {
  findings: FindingJson[];
  counts: Record<string, number>;
  columns: { id: string; printed: string }[];
  factors: { notes: string[]; pinned: string[] };
}
const run = runCli(["check", DIR, "--format", "json"]);
const report = JSON.parse(run.stdout) as ReportJson;
const key = (x: { metric: string; column: string; status: string }) => `${x.metric} @ ${x.column}: ${x.status}`;

// ---- exact rationals: n / d with BigInt, from decimal text ----
type Q = { n: bigint; d: bigint };
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
const q = (n: bigint, d: bigint = 1n): Q => {
  const g = gcd(n, d) || 1n;
  return d < 0n ? { n: -n / g, d: -d / g } : { n: n / g, d: d / g };
};
const dec = (s: string): Q => {
  const [i, f = ""] = s.replace(/,/g, "").split(".");
  return q(BigInt(i! + f), 10n ** BigInt(f.length));
};
const add = (a: Q, b: Q) => q(a.n * b.d + b.n * a.d, a.d * b.d);
const sub = (a: Q, b: Q) => add(a, q(-b.n, b.d));
const mul = (a: Q, b: Q) => q(a.n * b.n, a.d * b.d);
const eq = (a: Q, b: Q) => a.n * b.d === b.n * a.d;
/** A non-negative rational rounded half-up to `places` decimals, as decimal text without separators. */
const roundHalfUp = (x: Q, places: number): string => {
  const scale = 10n ** BigInt(places);
  const n = (x.n * scale * 2n + x.d) / (2n * x.d);
  const whole = (n / scale).toString();
  return places ? `${whole}.${(n % scale).toString().padStart(places, "0")}` : whole;
};
// Numbers as the README prints them (thousands separators), and the calculations quoted in its tables:
// "a + b − c = d", "d = a + b", "a × b = d", "a ÷ b = d" (the quotient rounded to d's decimals).
const NUM = String.raw`\d{1,3}(?:,\d{3})*(?:\.\d+)?`;
const TERMS = String.raw`${NUM}(?: [+−×] ${NUM})+`;
const SUM_EQ = new RegExp(`(?<!\\d)(${TERMS}) = (${NUM})`, "g");
const EQ_SUM = new RegExp(`(${NUM}) = (${TERMS})`, "g");
const QUOTIENT = new RegExp(`(${NUM}) ÷ (${NUM}) = (${NUM})`, "g");
/** a op b op c, left to right, for + − and × (the README never mixes × with + or − in one chain). */
function evalTerms(text: string): Q {
  const parts = text.split(" ");
  let acc = dec(parts[0]!);
  for (let i = 1; i < parts.length; i += 2) {
    const x = dec(parts[i + 1]!);
    acc = parts[i] === "+" ? add(acc, x) : parts[i] === "−" ? sub(acc, x) : mul(acc, x);
  }
  return acc;
}

describe("fixtures/esrs-e1 (README.md lists the expected findings)", () => {
  it("the README's tables are there: 9 planted errors, 7 other findings, 9 figures that follow", () => {
    expect(planted).toHaveLength(9);
    expect(notErrors).toHaveLength(7);
    expect(follow).toHaveLength(9);
  });

  it("every sum, difference, product and quotient the README's tables quote is right (BigInt, half-up)", () => {
    const texts = [
      ...planted.map((r) => r["what was planted"]!),
      ...notErrors.map((r) => r.why!),
      ...follow.map((r) => r.figure!),
    ];
    let checked = 0;
    for (const t of texts) {
      for (const [, lhs, rhs] of t.matchAll(SUM_EQ)) {
        expect(eq(evalTerms(lhs!), dec(rhs!)), `${lhs} = ${rhs}`).toBe(true);
        checked++;
      }
      for (const [, rhs, lhs] of t.matchAll(EQ_SUM)) {
        expect(eq(evalTerms(lhs!), dec(rhs!)), `${rhs} = ${lhs}`).toBe(true);
        checked++;
      }
      for (const [, a, b, c] of t.matchAll(QUOTIENT)) {
        const places = c!.split(".")[1]?.length ?? 0;
        expect(roundHalfUp(q(dec(a!).n * dec(b!).d, dec(a!).d * dec(b!).n), places), `${a} ÷ ${b} = ${c}`).toBe(
          c!.replace(/,/g, ""),
        );
        checked++;
      }
    }
    // 9 planted rows, 7 others and 9 that follow quote at least one calculation each (Plant A's MB is worked above)
    expect(checked).toBeGreaterThanOrEqual(24);
  });

  it("flags exactly the planted cells and the expected non-errors, and nothing else", () => {
    const flagged = report.findings
      .filter((f) => f.status !== "match")
      .map(key)
      .sort();
    expect(flagged).toEqual(
      [...planted, ...notErrors].map((r) => key({ metric: r.metric!, column: r.column!, status: r.status! })).sort(),
    );
  });

  it.each(planted.map((r) => [`${r.metric} @ ${r.column}`, r] as const))("%s carries the planted cause", (_, row) => {
    const f = report.findings.find(
      (x) => x.metric === row.metric && x.column === row.column && x.status === row.status,
    )!;
    expect(f.causes.map((c) => c.code)).toContain(row.cause);
    expect(row["what was planted"]).toContain(f.published === "/" ? "`/`" : f.published);
  });

  it.each(notErrors.map((r) => [`${r.metric} @ ${r.column}`, r] as const))("%s: %s", (_, row) => {
    const f = report.findings.find(
      (x) => x.metric === row.metric && x.column === row.column && x.status === row.status,
    )!;
    expect(f.causes.map((c) => c.code)).toContain(row.cause);
  });

  it.each(follow.map((r) => [`${r.metric} @ ${r.column}`, r] as const))("%s matches", (_, row) => {
    const f = report.findings.find(
      (x) => x.metric === row.metric && x.column === row.column && x.kind !== "recalculation",
    )!;
    expect(f.status).toBe("match");
    // the README's printed figure (after "printed", else the result of the sum) is the published one
    const printed = /printed ([\d.,]+)/.exec(row.figure!)?.[1] ?? /= ([\d.,]+)$/.exec(row.figure!)![1]!;
    expect(f.published).toBe(printed);
  });

  it("fails the run (exit 1) on the planted errors, not on the rest", () => {
    expect(run.code).toBe(1);
    const failing = ["mismatch", "missing", "omitted", "material", "incomplete"].reduce(
      (s, k) => s + report.counts[k]!,
      0,
    );
    expect(failing).toBe(planted.length);
  });

  it("the base-year column is read past: not among the report's columns, no finding in it", () => {
    expect(report.columns.map((c) => c.printed)).not.toContain("Base year 2019");
    expect(report.findings.filter((f) => f.column.includes("2019"))).toEqual([]);
    // it is in published.csv, with a total that would be a mismatch if it were checked: 3,910.2 + 12,804.6 ≠ 16,000.0
    const csv = readFileSync(join(ROOT, DIR, "published.csv"), "utf8");
    expect(csv.split("\n")[0]).toContain("Base year 2019");
    expect(eq(add(dec("3910.2"), dec("12804.6")), dec("16000.0"))).toBe(false);
  });

  it("market-based equal to location-based (Plant B) is a note, not a failure", () => {
    expect(report.factors.notes.some((n) => n.includes("plant-b") && n.includes("5,692.5"))).toBe(true);
    const b = report.findings.filter((f) => f.column === "plant-b");
    expect(b.every((f) => f.status === "match" || f.status === "within-materiality")).toBe(true);
  });
});

describe("market-based scope 2 recalculated from contractual instruments (Plant A, by hand)", () => {
  const f = report.findings.find(
    (x) => x.metric === "ghg.scope2.market" && x.column === "plant-a" && x.kind === "recalculation",
  )!;

  it("3,000.0 MWh certificates × 0 + 4,000.0 MWh PPA × 0.120 + (12,400.0 − 7,000.0) MWh × 0.620 = 3,828", () => {
    const e = dec("12400.0"),
      certificates = dec("3000.0"),
      ppa = dec("4000.0");
    const rest = sub(sub(e, certificates), ppa);
    const mb = add(add(mul(certificates, dec("0")), mul(ppa, dec("0.120"))), mul(rest, dec("0.620")));
    expect(eq(mb, dec("3828"))).toBe(true);
    expect(eq(dec(f.recomputedValue!), mb)).toBe(true);
    expect(f.status).toBe("within-materiality");
  });

  it("its interval takes every input at its rounding bounds (a zero factor is exactly zero)", () => {
    // E × r − C × r − P × r + P × p (+ C × 0): lower bound with E, p low and C, P, r where they lower the sum
    const half = dec("0.05"),
      fHalf = dec("0.0005");
    const lo = (x: string) => sub(dec(x), half);
    const hi = (x: string) => add(dec(x), half);
    const rLo = sub(dec("0.620"), fHalf),
      rHi = add(dec("0.620"), fHalf);
    const pLo = sub(dec("0.120"), fHalf),
      pHi = add(dec("0.120"), fHalf);
    const lower = add(
      sub(sub(mul(lo("12400.0"), rLo), mul(hi("3000.0"), rHi)), mul(hi("4000.0"), rHi)),
      mul(lo("4000.0"), pLo),
    );
    const upper = add(
      sub(sub(mul(hi("12400.0"), rHi), mul(lo("3000.0"), rLo)), mul(lo("4000.0"), rLo)),
      mul(hi("4000.0"), pHi),
    );
    expect(eq(dec(f.recomputedInterval![0]), lower)).toBe(true);
    expect(eq(dec(f.recomputedInterval![1]), upper)).toBe(true);
    // README: [3,816.201, 3,839.799]
    expect(README).toContain("[3,816.201, 3,839.799]");
    expect(eq(lower, dec("3816.201")) && eq(upper, dec("3839.799"))).toBe(true);
  });

  it("the warehouse's certificates cover all its electricity: 2,100.0 × 0.620 − 2,100.0 × 0.620 = 0", () => {
    const w = report.findings.find(
      (x) => x.metric === "ghg.scope2.market" && x.column === "warehouse" && x.kind === "recalculation",
    )!;
    expect(eq(dec(w.recomputedValue!), q(0n))).toBe(true);
  });

  it("instruments above consumption (office: 500.0 > 320.0 MWh) give no market-based figure, only the finding", () => {
    const o = report.findings.find(
      (x) => x.metric === "ghg.scope2.market" && x.column === "office" && x.kind === "recalculation",
    )!;
    expect(o.recomputedValue ?? null).toBeNull();
    expect(o.causes[0]!.message).toContain("500.0 MWh");
    expect(o.causes[0]!.message).toContain("320.0 MWh");
  });
});

describe("a missing market-based figure is flagged only when the dataset declares ESRS", () => {
  it('without "standards" the Lab\'s `/` is no finding, and every other verdict stays', () => {
    const dir = mkdtempSync(join(tmpdir(), "esrs-e1-"));
    cpSync(join(ROOT, DIR), dir, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as Record<string, unknown>;
    delete manifest.standards;
    writeFileSync(join(dir, "manifest.json"), JSON.stringify(manifest, null, 2));
    const other = JSON.parse(runCli(["check", dir, "--format", "json"]).stdout) as ReportJson;
    const verdicts = (r: ReportJson) => r.findings.map((f) => `${key(f)} ${f.kind}`).sort();
    const lab = "ghg.scope2.market @ lab: incomplete boundary";
    expect(verdicts(report)).toContain(lab);
    expect(verdicts(other)).toEqual(verdicts(report).filter((v) => v !== lab));
  });
});

describe('a table whose "Total GHG emissions" rows include scope 3 says so once (scope3InTotals), for both methods', () => {
  it("the AR 48 rows named as the scope 1 + 2 metrics are read as their with-scope-3 counterparts, same verdicts", () => {
    const dir = mkdtempSync(join(tmpdir(), "esrs-e1-s3-"));
    cpSync(join(ROOT, DIR), dir, { recursive: true });
    // drop the scope 1 and 2 totals, so the AR 48 total rows are the only totals of the table
    const csv = readFileSync(join(dir, "published.csv"), "utf8").split("\n");
    writeFileSync(join(dir, "published.csv"), csv.filter((l) => !l.includes("Total scope 1 and 2")).join("\n"));
    const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as {
      aliases: { metric: string; text: string }[];
      scope3InTotals?: object;
    };
    const renamed: Record<string, string> = {
      "ghg.total_incl_scope3": "ghg.total",
      "ghg.total_incl_scope3.market": "ghg.total.market",
      "ghg.intensity_incl_scope3": "ghg.intensity",
      "ghg.intensity_incl_scope3.market": "ghg.intensity.market",
    };
    manifest.aliases = manifest.aliases
      .filter((a) => !a.metric.startsWith("ghg.total"))
      .concat(manifest.aliases.filter((a) => a.text.startsWith("Total GHG emissions")))
      .map((a) => ({ ...a, metric: renamed[a.metric] ?? a.metric }));
    manifest.scope3InTotals = { table: true, description: "ESRS E1 AR 47: the totals include scope 3." };
    writeFileSync(join(dir, "manifest.json"), JSON.stringify(manifest, null, 2));
    const other = JSON.parse(runCli(["check", dir, "--format", "json"]).stdout) as ReportJson;
    const withS3 = (r: ReportJson) =>
      r.findings
        .filter((f) => /_incl_scope3/.test(f.metric))
        .map((f) => `${key(f)} ${f.published}`)
        .sort();
    expect(withS3(other)).toEqual(withS3(report));
    // both methods: 7 + 6 totals (the Lab prints no market-based total) and 2 + 2 intensities
    expect(withS3(report)).toHaveLength(17);
    expect(withS3(other).filter((v) => v.startsWith("ghg.total_incl_scope3.market "))).toHaveLength(6);
  });
});
