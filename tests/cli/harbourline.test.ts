// The second, independent dataset: a fictional company with one planted error of each kind. Every expectation
// here is read from fixtures/harbourline/README.md (written from build.py's independent calculation), never from
// the tool's own output: the tool must flag exactly the README's cells, with the README's statuses and causes.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "./runCli.js";
import { readmeTable } from "./readmeTable.js";
import { Q } from "./rational.js";

const README = readFileSync(join(ROOT, "fixtures/harbourline/README.md"), "utf8");

const tableUnder = (heading: string) => readmeTable(README, heading);

const planted = tableUnder("Planted errors");
const notErrors = tableUnder("Findings that are not errors");
const claims = tableUnder("Claims");

interface FindingJson {
  metric: string;
  column: string;
  status: string;
  published: string;
  causes: { code: string }[];
}
const run = runCli(["check", "fixtures/harbourline", "--format", "json"]);
const report = JSON.parse(run.stdout) as {
  findings: FindingJson[];
  claims: { id: string; verdict: string; left: { value: string } | null }[];
  counts: Record<string, number>;
  columns: { id: string; printed: string; node: string; period: string }[];
};
const key = (x: { metric: string; column: string; status: string }) => `${x.metric} @ ${x.column}: ${x.status}`;

describe("fixtures/harbourline (README.md lists the expected findings)", () => {
  it("the README's tables are there and name 20 planted errors, 9 other findings and 5 claims", () => {
    expect(planted).toHaveLength(20);
    expect(notErrors).toHaveLength(9);
    expect(claims).toHaveLength(5);
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
    // The printed figure the README quotes is the one the finding reports (a "/" cell: the README says so).
    expect(row["what was planted"]).toContain(f.published === "/" ? "`/`" : f.published);
  });

  it.each(notErrors.filter((r) => r.cause).map((r) => [`${r.metric} @ ${r.column}`, r] as const))(
    "%s is explained by its cause",
    (_, row) => {
      const f = report.findings.find(
        (x) => x.metric === row.metric && x.column === row.column && x.status === row.status,
      )!;
      expect(f.causes.map((c) => c.code)).toContain(row.cause);
    },
  );

  it("fails the run (exit 1) on the planted errors, not on the rest", () => {
    expect(run.code).toBe(1);
    const failing =
      report.counts.mismatch! +
      report.counts.missing! +
      report.counts.omitted! +
      report.counts.material! +
      report.counts.incomplete!;
    expect(failing).toBe(planted.length);
  });

  it.each(claims.map((r) => [r.claim!, r] as const))("claim %s: the README's verdict", (id, row) => {
    expect(report.claims.find((c) => c.id === id)?.verdict).toBe(row.verdict);
  });

  it("claim suzhou-water-reuse: 98,650 ÷ (98,650 + 286,400) = 25.62 %, computed by hand", () => {
    const c = report.claims.find((x) => x.id === "suzhou-water-reuse")!;
    // 98650 / 385050 = 0.2562005 (long division); the README rounds it to 25.62 %
    expect(c.left!.value.slice(0, 8)).toBe("0.256200");
    expect(claims.find((r) => r.claim === "suzhou-water-reuse")!.value).toContain("25.62 %");
  });

  it("VOC, given for the regions only: the regions' own figures roll up to the group, the sites' '/' is no finding", () => {
    const voc = report.findings.filter((f) => f.metric === "air.voc") as (FindingJson & {
      kind: string;
      recomputed: string;
    })[];
    // The sites print "/" and have no data: no finding at all (neither omitted nor anything else).
    expect(
      voc.map((f) => f.column).filter((c) => ["suzhou", "ningbo", "dongguan", "shenzhen-office"].includes(c)),
    ).toEqual([]);
    expect(
      voc.filter((f) => f.column === "east" || f.column === "south").map((f) => `${f.column} ${f.kind} ${f.status}`),
    ).toEqual(["east input match", "south input match"]);
    // The README's 12.84 + 5.37, added here in hundredths: 1284 + 537 = 1821.
    const [east, south] = planted.find((r) => r.metric === "air.voc")!["what was planted"]!.match(/\d+\.\d\d/g)!;
    const sum = (Number(east!.replace(".", "")) + Number(south!.replace(".", ""))).toString();
    expect(voc.find((f) => f.column === "group")!.recomputed).toBe(`${sum.slice(0, -2)}.${sum.slice(-2)}`);
  });

  it("the second table: its findings name it, in its own unit, and every one of its 18 cells is checked", () => {
    const full = report as unknown as {
      tables: { id: string; title?: string; file: string }[];
      findings: (FindingJson & { table: string; unit: string })[];
    };
    expect(full.tables.map((t) => `${t.id} ${t.file}`)).toEqual([
      "published published.csv",
      "ghg-by-year ghg-by-year.csv",
      "ghg-breakdown ghg-breakdown.csv",
    ]);
    const second = full.findings.filter((f) => f.table === "ghg-by-year");
    // 3 rows (scope 1, scope 2, total) × 6 columns (east, south, group × 2023, 2022), all printed
    expect(second).toHaveLength(18);
    expect(second.every((f) => f.column.startsWith("ghg-by-year:") && f.unit === "ktCO2e")).toBe(true);
    expect(full.findings.filter((f) => f.table === "published").every((f) => !f.column.includes(":"))).toBe(true);
    // The README's figures, by hand in tenths of a tonne: 17,215.9 × 0.5366 = 9,238.05194 t → 9,238.1 t → 9.2381 kt → 9.24
    expect((172159n * 5366n).toString()).toBe("923805194");
    const f = second.find((x) => x.metric === "ghg.scope2" && x.column === "ghg-by-year:south@2022")!;
    expect([f.published, (f as unknown as { recomputed: string }).recomputed]).toEqual(["9.42", "9.24"]);
  });

  it("the third table's breakdowns: the gases and the regions each against the one total, figures added here in tenths", () => {
    const full = report as unknown as {
      findings: (FindingJson & { table: string; kind: string; recomputed: string | null; difference: string | null })[];
    };
    const third = full.findings.filter((f) => f.table === "ghg-breakdown");
    // The total's own cell (5,422.5 = East 4,513.2 + South 909.3 by the data) and one breakdown finding, for the regions.
    expect(third.map((f) => `${f.kind} ${f.status}`)).toEqual(["sum match", "breakdown mismatch"]);
    const csv = readFileSync(join(ROOT, "fixtures/harbourline/ghg-breakdown.csv"), "utf8").trim().split("\n");
    const tenths = (label: string) => {
      const line = csv.find((l) => l.startsWith(`${label},`))!;
      return BigInt(line.slice(line.indexOf("tCO2e,") + 6).replace(/[",.]/g, ""));
    };
    // By gas as printed: 5,403.2 + 11.5 + 7.8 = 5,422.5 = the total; CH4 0.412 × 28 = 11.536, N2O 0.0296 × 265 = 7.844.
    expect(tenths("CO2") + tenths("CH4") + tenths("N2O")).toBe(tenths("Total"));
    expect([412n * 28n, 296n * 265n]).toEqual([11536n, 78440n]);
    // By region as printed: 4,513.2 + 990.3 = 5,503.5, 81.0 above the total; Dongguan's 909.3 would make it add up.
    const regions = tenths("East China") + tenths("South China");
    expect(regions).toBe(55035n);
    expect(regions - tenths("Total")).toBe(810n);
    expect(tenths("East China") + 9093n).toBe(tenths("Total"));
    const f = third.find((x) => x.kind === "breakdown")!;
    expect([f.published, f.recomputed, f.difference]).toEqual(["5,422.5", "5503.5", "81.0"]);
    const text = JSON.stringify(f.causes);
    for (const piece of ["By region", "East China 4,513.2", "South China 990.3", "5,503.5", "5,422.5", "909.3"])
      expect(text).toContain(piece);
  });

  it("the second table's two-level header: region over year, read as the manifest's titles; the untitled marker column is no figure", () => {
    const [upper, lower, ...body] = parse(readFileSync(join(ROOT, "fixtures/harbourline/ghg-by-year.csv"), "utf8"));
    // Each region heading spans the year columns to its right (a merged cell, exported with blanks after it).
    const titles: string[] = [];
    let heading = "";
    upper!.forEach((top, i) => {
      if (i < 3) return;
      heading = top || heading;
      titles.push(`${heading} ${lower![i]}`);
    });
    const manifest = JSON.parse(readFileSync(join(ROOT, "fixtures/harbourline/manifest.json"), "utf8")) as {
      tables: { columns: { printed: string }[] }[];
    };
    expect([...titles].sort()).toEqual(manifest.tables[0]!.columns.map((c) => c.printed).sort());
    // The column without a title holds only marks; each row's figures are still read from the titled columns.
    expect(upper![1]).toBe("");
    expect(body.map((r) => r[1])).toEqual(["△", "△", ""]);
    const second = (report as unknown as { findings: (FindingJson & { table: string })[] }).findings.filter(
      (f) => f.table === "ghg-by-year",
    );
    expect(second.some((f) => f.published.includes("△"))).toBe(false);
  });

  it("the second table in every format: the text, Markdown and CSV reports name it", () => {
    const text = runCli(["check", "fixtures/harbourline", "--problems"], { env: { NO_COLOR: "1" } }).stdout;
    expect(text).toContain("Table 4: GHG emissions by region, 2023 and 2022 (thousand tonnes CO2e)");
    expect(text).toMatch(/Scope 2 · South China 2022 \[ghg-by-year\]: Published 9\.42/);
    const md = runCli(["check", "fixtures/harbourline", "--format", "markdown", "--problems"]).stdout;
    expect(md).toContain("# Table 4: GHG emissions by region");
    const csv = runCli(["check", "fixtures/harbourline", "--format", "csv"]).stdout;
    expect(csv).toMatch(/ghg-by-year:south@2022/);
  });

  it("the share rows: each node's own quotient (never a sum of its sites'), Ningbo's planted figure its share of East China", () => {
    // Exact rationals from the data's printed figures (energy.csv: direct + purchased electricity, MWh, 1 decimal),
    // rounded half-up to the printed decimal: BigInt tenths, nothing from the tool.
    const tenths: Record<string, [bigint, bigint]> = {
      suzhou: [130257n, 213864n],
      ningbo: [94795n, 159047n],
      dongguan: [45029n, 184526n],
      "shenzhen-office": [0n, 12865n],
    };
    const energy = (sites: string[]) => sites.reduce((s, x) => s + tenths[x]![0] + tenths[x]![1], 0n);
    const group = energy(Object.keys(tenths));
    /** n ÷ d × 100 to one decimal, half-up (n, d > 0). */
    const percent1 = (n: bigint, d: bigint) => {
      const q = (n * 2000n + d) / (2n * d); // round(n × 1000 ÷ d)
      return `${q / 10n}.${q % 10n}`;
    };
    const share = (node: string) =>
      report.findings.find((f) => f.metric === "hl.energy_share" && f.column === node) as FindingJson & {
        recomputed: string;
        kind: string;
      };
    expect(percent1(energy(["ningbo"]), group)).toBe("30.2");
    expect(share("ningbo")).toMatchObject({ kind: "ratio", status: "mismatch", published: "42.5", recomputed: "30.2" });
    // What was printed: Ningbo ÷ East China.
    expect(percent1(energy(["ningbo"]), energy(["suzhou", "ningbo"]))).toBe("42.5");
    // A region's share is its own quotient: 71.2, where its sites' rounded shares 40.9 + 30.2 add up to 71.1.
    expect(percent1(energy(["suzhou", "ningbo"]), group)).toBe("71.2");
    expect(percent1(energy(["suzhou"]), group)).toBe("40.9");
    expect(share("east")).toMatchObject({ status: "match", published: "71.2", recomputed: "71.2" });
    expect(share("suzhou")).toMatchObject({ status: "match", published: "40.9" });
    // The group's share of itself is exactly 100: numerator and denominator are the same sum, not two intervals.
    expect(share("group")).toMatchObject({ status: "match", recomputedInterval: ["100", "100"] });
  });

  it("claims ≈ and @2022: the README's values, computed by hand", () => {
    const suzhou = report.claims.find(
      (x) => x.id === "suzhou-water-reuse-printed",
    )! as (typeof report.claims)[number] & {
      left: { value: string; interval: [string, string] };
    };
    // 98,650 ÷ 385,050 and its exact ends 98,649.5 ÷ 385,050, 98,650.5 ÷ 385,050: compared as BigInt cross-products.
    const within = (v: string, n: bigint, d: bigint, dir: "ge" | "le") => {
      const [i = "0", f = ""] = v.split(".");
      const num = BigInt(i + f),
        den = 10n ** BigInt(f.length);
      return dir === "ge" ? num * d >= n * den : num * d <= n * den;
    };
    expect(within(suzhou.left.interval[1], 986505n, 3850500n, "ge")).toBe(true);
    expect(within(suzhou.left.interval[0], 986495n, 3850500n, "le")).toBe(true);
    // Both ends round to 25.62 %: 0.25615 ≤ 986,495 ÷ 3,850,500 and 986,505 ÷ 3,850,500 < 0.25625.
    expect(986495n * 100000n >= 25615n * 3850500n && 986505n * 100000n < 25625n * 3850500n).toBe(true);
    expect(suzhou.verdict).toBe("supported");
    // (84,038.3 − 79,130.9) ÷ 79,130.9 = 49,074 ÷ 791,309 = 0.0620162… → 6.2 %
    const growth = report.claims.find((x) => x.id === "energy-growth")!;
    expect(growth.left!.value.slice(0, 7)).toBe("0.06201");
    expect(49074n * 10000n >= 615n * 791309n && 49074n * 10000n < 625n * 791309n).toBe(true);
    expect(growth.verdict).toBe("supported");
  });

  it("reports the columns with their periods: the prior year, the first-published figure and the change", () => {
    expect(report.columns.map((c) => `${c.id} ${c.period}`)).toEqual([
      "suzhou 2023",
      "ningbo 2023",
      "dongguan 2023",
      "shenzhen-office 2023",
      "east 2023",
      "south 2023",
      "group 2023",
      "group@2022 2022",
      "group@2022-as-published 2022",
      "group@2022..2023 2023",
      // the second table's (manifest "tables"), named after it
      "ghg-by-year:east 2023",
      "ghg-by-year:south 2023",
      "ghg-by-year:group 2023",
      "ghg-by-year:east@2022 2022",
      "ghg-by-year:south@2022 2022",
      "ghg-by-year:group@2022 2022",
      // the third table's (the breakdowns)
      "ghg-breakdown:group 2023",
    ]);
  });
});

describe("fixtures/harbourline in the long layout, with a period field", () => {
  it("gives the same verdict on every cell as the wide table", () => {
    // published.csv rewritten as one row per cell: column = the node's printed title, period = the year,
    // the first-published and change columns by their ids (the only way to tell them from the comparative).
    const dir = mkdtempSync(join(tmpdir(), "harbourline-long-"));
    cpSync(join(ROOT, "fixtures/harbourline"), dir, { recursive: true });
    const wide = parse(readFileSync(join(dir, "published.csv"), "utf8"));
    const [header, ...rows] = wide;
    const columns = report.columns as { id: string; printed: string; node: string; period: string }[];
    const out = [["section", "label", "unit", "column", "period", "value"]];
    for (const row of rows) {
      header!.slice(3).forEach((title, i) => {
        const c = columns.find((x) => x.printed === title)!;
        const byId = c.id.includes("-as-published") || c.id.includes("..");
        out.push([row[0]!, row[1]!, row[2]!, byId ? c.id : title.replace(/ 2022$/, ""), c.period, row[i + 3]!]);
      });
    }
    writeFileSync(
      join(dir, "published.csv"),
      out.map((r) => r.map((f) => (/[",]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(",")).join("\n") + "\n",
    );
    const long = runCli(["check", dir, "--format", "json"]);
    const verdicts = (r: { findings: FindingJson[] }) => r.findings.map((f) => `${key(f)} ${f.published}`).sort();
    expect(verdicts(JSON.parse(long.stdout))).toEqual(verdicts(report));
    expect(long.code).toBe(1);
  });
});

/** A small CSV reader for the test's own rewrite (quoted fields, no line breaks inside quotes). */
function parse(text: string): string[][] {
  return text
    .trimEnd()
    .split("\n")
    .map((line) => {
      const fields: string[] = [];
      let field = "",
        quoted = false;
      for (let i = 0; i < line.length; i++) {
        const ch = line[i]!;
        if (quoted && ch === '"' && line[i + 1] === '"') {
          field += '"';
          i++;
        } else if (ch === '"') quoted = !quoted;
        else if (ch === "," && !quoted) {
          fields.push(field);
          field = "";
        } else field += ch;
      }
      fields.push(field);
      return fields;
    });
}

describe("fixtures/harbourline: intensities at the plants and per tonne of product, in the denominator analysis", () => {
  // Second calculation in exact rationals (tests/cli/rational.ts) from the figures the README quotes: a plant's
  // total energy is its direct energy plus its purchased electricity, two figures printed to 0.1 (± 0.05 each); a
  // printed intensity to 4 (or 3) decimals stands for ± half its last digit. The implied denominator is
  // [energy.lo ÷ printed.hi, energy.hi ÷ printed.lo], rounded outward to 6 decimals.
  const da = (
    report as unknown as {
      denominatorAnalysis: {
        intensities: {
          metric: string;
          column: string;
          node: string;
          period: string;
          measure: string;
          published: string;
          impliedDenominator: [string, string] | null;
          consistentWith: string[];
        }[];
        groups: { node: string; period: string; measure: string; denominators: { id: string }[] }[];
      };
    }
  ).denominatorAnalysis;
  const implied = (parts: string[], printed: string) => {
    const half = Q.of(`0.${"0".repeat(printed.split(".")[1]!.length)}5`);
    const sum = parts.reduce((s, p) => s.plus(Q.of(p)), Q.of("0"));
    const slack = Q.of("0.05").times(Q.of(String(parts.length)));
    const p = Q.of(printed);
    // (the JSON writes decimals without trailing zeros)
    const trim = (x: string) => x.replace(/\.?0+$/, "");
    return [trim(sum.minus(slack).div(p.plus(half)).down(6)), trim(sum.plus(slack).div(p.minus(half)).up(6))];
  };
  const at = (metric: string, column: string) =>
    da.intensities.find((i) => i.metric === metric && i.column === column)!;

  it("Suzhou's 0.1387 implies 248,014.4–248,194.8: its own revenue 248,160 fits", () => {
    const i = at("energy.intensity", "suzhou");
    expect([i.node, i.period, i.measure]).toEqual(["suzhou", "2023", "revenue"]);
    expect(i.impliedDenominator).toEqual(implied(["13,025.7", "21,386.4"], "0.1387"));
    expect(i.consistentWith).toEqual(["revenue-suzhou"]);
  });

  it("Ningbo's 0.0414 implies about 612,403–613,889: not its own 171,530 (the group's 612,480 lies inside)", () => {
    const i = at("energy.intensity", "ningbo");
    const [lo, hi] = implied(["9,479.5", "15,904.7"], "0.0414");
    expect(i.impliedDenominator).toEqual([lo, hi]);
    expect(i.consistentWith).toEqual([]);
    expect(Q.of(lo!).lt(Q.of("612480")) && Q.of("612480").lt(Q.of(hi!))).toBe(true);
  });

  it("per tonne of product, one group per period: 2022's 0.567 fits 139,480 t, 2023's transposed 0.556 fits nothing", () => {
    const energy2023 = ["13,025.7", "9,479.5", "4,502.9", "21,386.4", "15,904.7", "18,452.6", "1,286.5"];
    const i = at("hl.energy.intensity.product", "group");
    expect([i.period, i.measure]).toEqual(["2023", "product-tonnes"]);
    expect(i.impliedDenominator).toEqual(implied(energy2023, "0.556"));
    expect(i.consistentWith).toEqual([]);
    expect(at("hl.energy.intensity.product", "group@2022").consistentWith).toEqual(["product-2022"]);
    const groups = da.groups.map(
      (g) => `${g.node} ${g.period} ${g.measure}: ${g.denominators.map((d) => d.id).join(",")}`,
    );
    expect(groups).toContain("group 2023 product-tonnes: product-2023");
    expect(groups).toContain("group 2022 product-tonnes: product-2022");
    // The first-published 2022 column was divided into other data: it is left out of the analysis.
    expect(da.intensities.some((x) => x.column === "group@2022-as-published")).toBe(false);
  });
});
