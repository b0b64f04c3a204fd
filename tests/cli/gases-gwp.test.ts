// Gases in their own masses and the GWP-set diagnosis (fixtures/gases-gwp). Expectations come from the fixture's
// README tables; every CO2e is recomputed here from the printed masses and the GWPs with BigInt rationals, and the
// set the diagnosis may name is derived here independently (a set fits when its CO2e, with each mass at its rounding
// bounds, reaches the published figure's interval), never taken from the tool's output.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "./runCli.js";
import { readmeTable } from "./readmeTable.js";

const DIR = "fixtures/gases-gwp";
const README = readFileSync(join(ROOT, DIR, "README.md"), "utf8");

const tableUnder = (heading: string) => readmeTable(README, heading);

// ---- exact rationals ----
type Q = { n: bigint; d: bigint };
const dec = (s: string): Q => {
  const [i, f = ""] = s.replace(/,/g, "").split(".");
  return { n: BigInt(i! + f), d: 10n ** BigInt(f.length) };
};
const add = (a: Q, b: Q): Q => ({ n: a.n * b.d + b.n * a.d, d: a.d * b.d });
const mul = (a: Q, b: Q): Q => ({ n: a.n * b.n, d: a.d * b.d });
const lt = (a: Q, b: Q) => a.n * b.d < b.n * a.d;
const half = (s: string): Q => {
  const f = s.replace(/,/g, "").split(".")[1] ?? "";
  return { n: 5n, d: 10n ** BigInt(f.length + 1) };
};

// The GWPs as data/factors/factors.csv holds them (checked against the rows there below), by set and gas.
const GWP: Record<string, Record<string, string>> = {
  SAR: { ch4: "21", n2o: "310", hfc_134a: "1300" },
  AR4: { ch4: "25", n2o: "298", hfc_134a: "1430" },
  AR5: { ch4: "28", n2o: "265", hfc_134a: "1300" },
  AR6: { n2o: "273", hfc_134a: "1530" }, // no CH4 of unstated origin in AR6
};

// The printed masses (published.csv), by column.
const published = readFileSync(join(ROOT, DIR, "published.csv"), "utf8")
  .trimEnd()
  .split("\n")
  .slice(1);
const parseLine = (l: string) =>
  (l.match(/("[^"]*"|[^,]*)(,|$)/g) ?? []).map((c) => c.replace(/,$/, "").replace(/"/g, ""));
const rows = Object.fromEntries(published.map(parseLine).map(([, label, , ...cells]) => [label!, cells]));
const COLUMNS = ["site-a", "site-b", "site-c", "group"];
const at = (label: string, column: string) => {
  const v = rows[label]![COLUMNS.indexOf(column)]!;
  return v === "/" ? null : v;
};

/** The sets whose CO2e, with every mass at its rounding bounds, reaches the published figure's [p − ½u, p + ½u). */
function fittingSets(column: string): string[] {
  const p = dec(at("Total GHG emissions (CO2e)", column)!);
  const u = half(at("Total GHG emissions (CO2e)", column)!);
  const pLo = add(p, { n: -u.n, d: u.d }),
    pHi = add(p, u);
  return Object.keys(GWP).filter((set) => {
    let lo: Q = { n: 0n, d: 1n },
      hi: Q = { n: 0n, d: 1n };
    const gases: [string, string | null][] = [
      ["CO2", "1"],
      ["CH4", GWP[set]!.ch4 ?? null],
      ["N2O", GWP[set]!.n2o ?? null],
      ["HFC-134a", GWP[set]!.hfc_134a ?? null],
    ];
    for (const [label, k] of gases) {
      const m = at(label, column);
      if (m === null) continue;
      if (k === null) return false; // the set has no GWP for a gas the column has
      const e = half(m);
      lo = add(lo, mul(add(dec(m), { n: -e.n, d: e.d }), dec(k)));
      hi = add(hi, mul(add(dec(m), e), dec(k)));
    }
    return lt(lo, pHi) && lt(pLo, hi);
  });
}

interface FindingJson {
  metric: string;
  column: string;
  status: string;
  published: string;
  recomputedValue?: string;
  causes: { code: string; message: string }[];
}
const check = (dir: string) => {
  const r = runCli(["check", dir, "--format", "json"]);
  return { code: r.code, report: JSON.parse(r.stdout) as { findings: FindingJson[] } };
};
const flagged = (r: { findings: FindingJson[] }) =>
  r.findings
    .filter((f) => f.status !== "match")
    .map((f) => `${f.metric} @ ${f.column}: ${f.status}`)
    .sort();
const key = (r: Record<string, string>) => `${r.metric} @ ${r.column}: ${r.status}`;

describe("the GWP rows the test uses are the library's", () => {
  it.each(
    Object.entries(GWP).flatMap(([set, gases]) => Object.entries(gases).map(([gas, v]) => [set, gas, v] as const)),
  )("%s %s = %s", (set, gas, v) => {
    const csv = readFileSync(join(ROOT, "data/factors/factors.csv"), "utf8");
    expect(csv).toContain(`ipcc_${set.toLowerCase()}_gwp100_${gas},gwp,${gas},${v},`);
  });
});

describe("fixtures/gases-gwp pinned to AR5 (README: a CO2e computed with AR4)", () => {
  const planted = tableUnder("Planted errors (pinned AR5)");
  const { code, report } = check(DIR);

  it("flags exactly the planted cell, with its cause", () => {
    expect(flagged(report)).toEqual(planted.map(key).sort());
    for (const row of planted) {
      const f = report.findings.find((x) => x.metric === row.metric && x.column === row.column)!;
      expect(f.causes.map((c) => c.code)).toContain(row.cause);
    }
    expect(code).toBe(1);
  });

  it("Site A: 1,250.0 + 2.400 × 28 + 0.150 × 265 = 1,356.95 with AR5; only AR4 reproduces the printed 1,354.7, and is named", () => {
    const f = report.findings.find((x) => x.metric === "ghg.gases.co2e" && x.column === "site-a")!;
    const ar5 = add(add(dec("1250.0"), mul(dec("2.400"), dec("28"))), mul(dec("0.150"), dec("265")));
    expect((ar5.n * 100n) / ar5.d).toBe(135695n); // 1,356.95
    expect(dec(f.recomputedValue!).n * ar5.d).toBe(ar5.n * dec(f.recomputedValue!).d);
    expect(fittingSets("site-a")).toEqual(["AR4"]);
    expect(f.causes.find((c) => c.code === "gwp-set")!.message).toContain("AR4");
  });

  it("the other cells follow with AR5 (AR5 is among the sets that fit them)", () => {
    for (const c of ["site-b", "site-c", "group"]) expect(fittingSets(c)).toContain("AR5");
  });
});

describe("the same table pinned to AR4: one set named where it is the only fit, none where two fit", () => {
  const dir = mkdtempSync(join(tmpdir(), "gases-gwp-"));
  cpSync(join(ROOT, DIR), dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as { factors: { gwp: string } };
  manifest.factors.gwp = "AR4";
  writeFileSync(join(dir, "manifest.json"), JSON.stringify(manifest, null, 2));
  const expected = tableUnder("The same table pinned to AR4");
  const { report } = check(dir);

  it("flags exactly the README's cells", () => {
    expect(flagged(report)).toEqual(expected.map(key).sort());
  });

  it.each(expected.map((r) => [r.column!, r] as const))("%s: the cause the fitting sets call for", (column, row) => {
    const f = report.findings.find((x) => x.metric === row.metric && x.column === column)!;
    const others = fittingSets(column).filter((s) => s !== "AR4");
    const codes = f.causes.map((c) => c.code);
    expect(codes).toContain(row.cause);
    if (others.length === 1) {
      expect(row.cause).toBe("gwp-set");
      expect(f.causes.find((c) => c.code === "gwp-set")!.message).toContain(others[0]!);
    } else {
      // two sets fit: both listed, neither named as the one the report used
      expect(others).toEqual(["SAR", "AR5"]);
      expect(codes).not.toContain("gwp-set");
      const m = f.causes.find((c) => c.code === "gwp-set-ambiguous")!.message;
      expect(m).toContain("SAR");
      expect(m).toContain("AR5");
      expect(m).not.toMatch(/pin it/);
    }
  });
});
