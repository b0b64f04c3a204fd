// Breakdowns (issue 14 item 5): one quantity broken down two ways in one table, each block added up as printed and
// compared with the same printed total (the half-open intervals of printed parts and wholes), each row against the
// data. Expected figures are added here in integer tenths (BigInt), never taken from the tool.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parsePrintedNumber, type PrintedNumber } from "../../src/model/printedNumber.js";
import type { Breakdown, BreakdownRow, Column, Dataset, PublishedCell, PublishedTable } from "../../src/model/types.js";
import type { BreakdownCheck } from "../../src/findings/results.js";
import type { PeriodTables } from "../../src/reconcile/reconcile.js";
import { check } from "../../src/pipeline.js";
import { blockVerdict, breakdownFindings, checkBreakdowns, inTotalsUnit } from "../../src/reconcile/breakdowns.js";
import { partOfVerdict } from "../../src/reconcile/partOf.js";
import { publishedIntervalOf } from "../../src/reconcile/compare.js";
import { formatMessage } from "../../src/findings/message.js";
import { loadTexts } from "../../src/io/reference.js";
import { openDataset } from "../../src/pipeline.js";
import { Dec } from "../../src/model/decimal.js";
import { corrections } from "../../src/findings/corrections.js";

const n = (text: string): PrintedNumber => {
  const p = parsePrintedNumber(text);
  if (!p.ok) throw new Error(text);
  return p.number;
};
const verdict = (rows: string[], total: string) => blockVerdict(rows.map(n), n(total), true).verdict;

describe("blockVerdict: a block's printed rows against the printed total", () => {
  it("adds up exactly: 1,228.4 + 14.0 + 7.6 = 1,250.0 (12,284 + 140 + 76 = 12,500 tenths)", () => {
    expect(12284n + 140n + 76n).toBe(12500n);
    const v = blockVerdict(["1,228.4", "14.0", "7.6"].map(n), n("1,250.0"), true);
    expect(v.verdict).toBe("holds");
    expect(v.sum.toString()).toBe("1250");
    // three rows, each ± 0.05: [1,249.85, 1,250.15)
    expect([v.sumInterval.lo.toString(), v.sumInterval.hi.toString()]).toEqual(["1249.85", "1250.15"]);
  });

  it("within rounding: 33.3 × 3 = 99.9 against 100.0 ([99.75, 100.05) and [99.95, 100.05) share values)", () => {
    expect(verdict(["33.3", "33.3", "33.3"], "100.0")).toBe("rounding");
    // a sum that rounds to the total at its coarser precision holds: 4,513.2 + 909.3 = 5,422.5 → 5,423 (half-up)
    expect(verdict(["4,513.2", "909.3"], "5,423")).toBe("holds");
  });

  it("does not add up: 812.5 + 473.5 = 1,286.0 against 1,250.0", () => {
    expect(8125n + 4735n - 12500n).toBe(360n);
    expect(verdict(["812.5", "473.5"], "1,250.0")).toBe("violated");
  });

  it("half-open at the edge, as a printed part against its whole: 1.00 stands for [0.995, 1.005), 1.01 for [1.005, 1.015)", () => {
    expect(verdict(["1.00"], "1.01")).toBe("violated");
    expect(verdict(["1.01"], "1.00")).toBe("violated");
    expect(verdict(["1.00"], "1.00")).toBe("holds");
    // the same rule partOf.ts applies to one part and its whole
    const fig = (t: string) => ({
      metric: "m",
      column: "c",
      cell: { text: t } as PublishedCell,
      number: n(t),
      interval: publishedIntervalOf(n(t), true),
    });
    expect(partOfVerdict(fig("1.01"), fig("1.00"))).toBe("violated");
    // two rows: [0.495, 0.505) twice = [0.99, 1.01); 1.01 stands for [1.005, 1.015): they share [1.005, 1.01)
    expect(verdict(["0.50", "0.50"], "1.01")).toBe("rounding");
    // 1.02 stands for [1.015, 1.025): nothing in common
    expect(verdict(["0.50", "0.50"], "1.02")).toBe("violated");
  });

  it("rows are clamped at zero (a row cannot be negative): 0.0 + 1.0 stands for [0, 0.05) + [0.95, 1.05) = [0.95, 1.1)", () => {
    const v = blockVerdict(["0.0", "1.0"].map(n), n("1.0"), true);
    expect([v.sumInterval.lo.toString(), v.sumInterval.hi.toString()]).toEqual(["0.95", "1.1"]);
  });
});

describe("inTotalsUnit: a gas row in the total's unit", () => {
  it("CO2 counts 1, CH4 its AR5 GWP 28, N2O 265 (the fixture pins AR5); scope 2 is in tCO2e already", () => {
    const d = openDataset("fixtures/breakdown");
    if (!d.ok) throw new Error(JSON.stringify(d.errors));
    const ds = d.value.dataset;
    expect(inTotalsUnit(ds, "ghg.gas.co2", "ghg.scope1")?.toString()).toBe("1");
    expect(inTotalsUnit(ds, "ghg.gas.ch4", "ghg.scope1")?.toString()).toBe("28");
    expect(inTotalsUnit(ds, "ghg.gas.n2o", "ghg.scope1")?.toString()).toBe("265");
    expect(inTotalsUnit(ds, "ghg.scope2", "ghg.scope1")?.toString()).toBe("1");
    // energy is no part of a GHG total
    expect(inTotalsUnit(ds, "energy.total", "ghg.scope1")).toBeNull();
    expect(new Dec("0.500").times(28).toString()).toBe("14");
  });

  it("null for a metric the catalogue lacks (either side), and for a gas in a total of another dimension", () => {
    const d = openDataset("fixtures/breakdown");
    if (!d.ok) throw new Error(JSON.stringify(d.errors));
    const ds = d.value.dataset;
    expect(inTotalsUnit(ds, "no.such.metric", "ghg.scope1")).toBeNull();
    expect(inTotalsUnit(ds, "ghg.gas.ch4", "no.such.metric")).toBeNull();
    // CH4 is a GWP term of scope 1 (tCO2e), but an energy total is in MWh: its GWP does not put it there
    expect(inTotalsUnit(ds, "ghg.gas.ch4", "energy.total")).toBeNull();
  });
});

const texts = loadTexts();
const say = (m: Parameters<typeof formatMessage>[2]) => {
  if (!texts.ok) throw new Error("texts");
  return formatMessage(texts.value, "en", m);
};

describe("fixtures/breakdown: scope 1 by gas and by region, one total", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const variant = (edit: (published: string) => string, editManifest: (manifest: string) => string = (m) => m) => {
    const dir = mkdtempSync(join(tmpdir(), "esg-breakdown-"));
    dirs.push(dir);
    cpSync("fixtures/breakdown", dir, { recursive: true });
    const file = join(dir, "published.csv");
    writeFileSync(file, edit(readFileSync(file, "utf8")));
    const manifest = join(dir, "manifest.json");
    writeFileSync(manifest, editManifest(readFileSync(manifest, "utf8")));
    return dir;
  };
  const breakdowns = (dir: string) => {
    const r = check(dir);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r.value.findings
      .filter((f) => f.kind === "breakdown")
      .map((f) => ({
        key: f.key,
        codes: f.causes.map((c) => c.code),
        text: f.causes.map((c) => say(c.message)).join(),
      }));
  };

  it("the planted row: South China 473.5 where its site gives 437.5; with it the regions add up", () => {
    // by hand: 812.5 + 473.5 = 1,286.0 ≠ 1,250.0; 520.3 + 292.2 = 812.5 (East), 437.5 (South); 812.5 + 437.5 = 1,250.0
    expect(5203n + 2922n).toBe(8125n);
    expect(8125n + 4375n).toBe(12500n);
    const r = check("fixtures/breakdown");
    if (!r.ok) throw new Error("check");
    expect(r.value.findings.map((f) => `${f.metric} ${f.column} ${f.kind} ${f.status}`)).toEqual([
      "ghg.scope1 group sum match",
      "ghg.scope1 group breakdown mismatch",
    ]);
    const f = r.value.findings[1]!;
    expect([f.recomputedExact?.toString(), f.difference?.toString(), f.source.line]).toEqual(["1286", "36", 6]);
    expect(breakdowns("fixtures/breakdown")).toEqual([
      {
        key: "ghg.scope1/group/breakdown/scope1/by-region",
        codes: ["breakdown-rows"],
        text: 'the block "By region" adds up to East China 812.5 + South China 473.5 = 1,286.0, and the total prints 1,250.0, more apart than rounding allows: South China prints 473.5 where the data give 437.5; with the data\'s figures the block adds up',
      },
    ]);
    // every block is compared (the gases hold: 1,228.4 + 14.0 + 7.6 = 1,250.0)
    expect(r.value.breakdowns?.map((c) => `${c.block.id} ${c.verdict}`)).toEqual([
      "by-gas holds",
      "by-region violated",
    ]);
  });

  it("the corrected table writes the data's 437.5 into South China's cell (line 8, field 3), nothing else", () => {
    const r = check("fixtures/breakdown");
    if (!r.ok) throw new Error("check");
    expect(corrections(r.value).map((c) => [c.printed, c.corrected, c.at, c.finding.source.line])).toEqual([
      ["473.5", "437.5", { record: 6, field: 2 }, 8],
    ]);
  });

  it("a total the data contradict: both blocks add up to the data's 1,250.0, not to the printed 1,205.0", () => {
    const dir = variant((p) => p.replace('Total,tCO2e,"1,250.0"', 'Total,tCO2e,"1,205.0"').replace("473.5", "437.5"));
    const found = breakdowns(dir);
    expect(found.map((x) => `${x.key} ${x.codes}`)).toEqual([
      "ghg.scope1/group/breakdown/scope1/by-gas breakdown-total",
      "ghg.scope1/group/breakdown/scope1/by-region breakdown-total",
    ]);
    expect(found[0]!.text).toContain("the total 1,205.0 does not follow from the data (1,250.0)");
  });

  it("rows the data contradict in a block that adds up: CO2 1,238.4 and CH4 4.0 (the data: 1,228.4 and 0.500 t × 28 = 14.0)", () => {
    expect(12384n + 40n + 76n).toBe(12500n);
    const dir = variant((p) =>
      p.replace('"1,228.4"', '"1,238.4"').replace("CH4,tCO2e,14.0", "CH4,tCO2e,4.0").replace("473.5", "437.5"),
    );
    const found = breakdowns(dir);
    expect(found.map((x) => `${x.key} ${x.codes}`)).toEqual([
      "ghg.scope1/group/breakdown/scope1/by-gas breakdown-row-data",
    ]);
    expect(found[0]!.text).toContain(
      "CO2 prints 1,238.4 where the data give 1,228.4; CH4 prints 4.0 where the data give 14.0",
    );
  });

  it("a row the data cannot judge (SF6, no data) and a block 10.0 over: no known cause", () => {
    const dir = variant((p) =>
      p.replace("N2O,tCO2e,7.6\n", "N2O,tCO2e,7.6\nSF6,tCO2e,10.0\n").replace("473.5", "437.5"),
    );
    const found = breakdowns(dir);
    expect(found.map((x) => `${x.key} ${x.codes}`)).toEqual([
      "ghg.scope1/group/breakdown/scope1/by-gas breakdown-unexplained",
    ]);
    expect(found[0]!.text).toMatch(
      /^no known cause: the block "By gas" adds up to CO2 1,228.4 \+ CH4 14.0 \+ N2O 7.6 \+ SF6 10.0 = 1,260.0/,
    );
  });

  it("a block of regions that leaves one out: East China 812.5 alone; with South China's 437.5 by the data it adds up", () => {
    expect(8125n + 4375n).toBe(12500n);
    const dir = variant((p) => p.replace(/^South China,.*\n/m, ""));
    const found = breakdowns(dir);
    expect(found.map((x) => `${x.key} ${x.codes}`)).toEqual([
      "ghg.scope1/group/breakdown/scope1/by-region breakdown-incomplete",
    ]);
    expect(found[0]!.text).toContain("the block leaves out south (437.5 by the data); with them it adds up");
    // printed by site instead (Site A and Site B for East China's sites, no South China): South China is left out whole
    const bySite = variant((p) =>
      p.replace("East China,tCO2e,812.5", "Site A,tCO2e,520.3\nSite B,tCO2e,292.2").replace(/^South China,.*\n/m, ""),
    );
    expect(breakdowns(bySite).map((x) => x.text)).toEqual([expect.stringContaining("leaves out south (437.5")]);
  });

  it("the finding is on the total's cell in its unit (tCO2e); the published table's key has no table prefix", () => {
    const r = check("fixtures/breakdown");
    if (!r.ok) throw new Error("check");
    const f = r.value.findings.filter((x) => x.kind === "breakdown");
    expect(f.map((x) => [x.key, x.unit, x.table])).toEqual([
      ["ghg.scope1/group/breakdown/scope1/by-region", "tCO2e", "published"],
    ]);
  });

  it("a breakdown in another table: the key starts with the table's id (Harbourline's ghg-breakdown)", () => {
    const r = check("fixtures/harbourline");
    if (!r.ok) throw new Error("check");
    expect(r.value.findings.filter((x) => x.kind === "breakdown").map((x) => x.key)).toEqual([
      "ghg-breakdown/ghg.scope1/ghg-breakdown:group/breakdown/scope1-2023/by-region",
    ]);
  });

  it("the sentence trims what the cells print around the figures: heading, label, figure and total", () => {
    const dir = variant((p) =>
      p
        .replace("By region,,", '"By region ",,')
        .replace("East China,tCO2e,812.5", '" East China ",tCO2e," 812.5 "')
        .replace('"1,250.0"', '" 1,250.0 "'),
    );
    expect(breakdowns(dir).map((x) => x.text)).toEqual([
      'the block "By region" adds up to East China 812.5 + South China 473.5 = 1,286.0, and the total prints 1,250.0, more apart than rounding allows: South China prints 473.5 where the data give 437.5; with the data\'s figures the block adds up',
    ]);
  });

  it("the sum is printed to the finest precision of the total and the rows: 812.5 + 473.5 = 1,286.0 against 1,250", () => {
    // the total to units ([1,249.5, 1,250.5)), the rows to tenths: the sum keeps its tenth
    const dir = variant((p) => p.replace('"1,250.0"', '"1,250"'));
    expect(breakdowns(dir).map((x) => x.text)).toEqual([
      expect.stringContaining("South China 473.5 = 1,286.0, and the total prints 1,250, more apart"),
    ]);
  });

  it("a row that prints no figure is left out of its block; a block none of whose rows prints one is not checked", () => {
    // N2O blank: 1,228.4 + 14.0 = 1,242.4 (12,284 + 140 = 12,424 tenths), 7.6 short of 1,250.0
    expect(12284n + 140n).toBe(12424n);
    const r = check(variant((p) => p.replace("N2O,tCO2e,7.6", "N2O,tCO2e,").replace("473.5", "437.5")));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(
      r.value.breakdowns?.map((c) => `${c.block.id} ${c.rows.map((x) => x.row.label)} ${c.sum} ${c.verdict}`),
    ).toEqual(["by-gas CO2,CH4 1242.4 violated", "by-region East China,South China 1250 holds"]);
    const none = check(variant((p) => p.replace(/^(CO2|CH4|N2O),tCO2e,.*$/gm, "$1,tCO2e,")));
    if (!none.ok) throw new Error(JSON.stringify(none.errors));
    expect(none.value.breakdowns?.map((c) => c.block.id)).toEqual(["by-region"]);
  });

  it("a row printed 0.0 stands for [0, 0.05): a block row cannot be negative", () => {
    const r = check(variant((p) => p.replace("N2O,tCO2e,7.6", "N2O,tCO2e,0.0")));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const row = r.value.breakdowns?.[0]?.rows[2];
    expect([row?.row.label, row?.interval.lo.toString(), row?.interval.hi.toString()]).toEqual(["N2O", "0", "0.05"]);
  });

  it("rows the data contradict, whose data's figures still do not add up: no known cause", () => {
    // CO2 1,238.4 (data 1,228.4) and SF6 10.0 (no data): 1,228.4 + 14.0 + 7.6 + 10.0 = 1,260.0 with the data's CO2
    expect(12284n + 140n + 76n + 100n).toBe(12600n);
    const dir = variant((p) =>
      p
        .replace('"1,228.4"', '"1,238.4"')
        .replace("N2O,tCO2e,7.6\n", "N2O,tCO2e,7.6\nSF6,tCO2e,10.0\n")
        .replace("473.5", "437.5"),
    );
    expect(breakdowns(dir).map((x) => `${x.key} ${x.codes}`)).toEqual([
      "ghg.scope1/group/breakdown/scope1/by-gas breakdown-unexplained",
    ]);
  });

  it("a row the data contradict beside a row with no data: the fix takes the data's figure for the one, the printed for the other", () => {
    // CO2 1,238.4 (data 1,228.4), SF6 0.0 (no data): printed 1,260.0; with the data's CO2 1,228.4 + 14.0 + 7.6 + 0.0 = 1,250.0
    expect(12384n + 140n + 76n).toBe(12600n);
    expect(12284n + 140n + 76n).toBe(12500n);
    const dir = variant((p) =>
      p
        .replace('"1,228.4"', '"1,238.4"')
        .replace("N2O,tCO2e,7.6\n", "N2O,tCO2e,7.6\nSF6,tCO2e,0.0\n")
        .replace("473.5", "437.5"),
    );
    const found = breakdowns(dir);
    expect(found.map((x) => `${x.key} ${x.codes}`)).toEqual([
      "ghg.scope1/group/breakdown/scope1/by-gas breakdown-rows",
    ]);
    expect(found[0]!.text).toContain(
      ": CO2 prints 1,238.4 where the data give 1,228.4; with the data's figures the block adds up",
    );
  });

  it("a total the data contradict, and a block that adds up to neither: only the block that adds up to the data names the total", () => {
    // printed total 1,205.0, the data's 1,250.0; by gas with CO2 1,238.4: 1,260.0, neither (and the data's CO2 gives
    // 1,250.0, not 1,205.0); by region 812.5 + 437.5 = 1,250.0, the data's total
    const dir = variant((p) =>
      p.replace('"1,250.0"', '" 1,205.0 "').replace('"1,228.4"', '"1,238.4"').replace("473.5", "437.5"),
    );
    const found = breakdowns(dir);
    expect(found.map((x) => `${x.key} ${x.codes}`)).toEqual([
      "ghg.scope1/group/breakdown/scope1/by-gas breakdown-unexplained",
      "ghg.scope1/group/breakdown/scope1/by-region breakdown-total",
    ]);
    expect(found[1]!.text).toContain("the total 1,205.0 does not follow from the data (1,250.0)");
  });

  it("a block of nodes that prints a site of one region and the other region whole: the site left out is named, not its region", () => {
    // Site A 520.3 + South China 437.5 = 957.8; with Site B's 292.2 by the data: 1,250.0
    expect(5203n + 4375n + 2922n).toBe(12500n);
    const dir = variant((p) =>
      p
        .replace("East China,tCO2e,812.5", "Site A,tCO2e,520.3")
        .replace("South China,tCO2e,473.5", "South China,tCO2e,437.5"),
    );
    const found = breakdowns(dir);
    expect(found.map((x) => `${x.key} ${x.codes}`)).toEqual([
      "ghg.scope1/group/breakdown/scope1/by-region breakdown-incomplete",
    ]);
    expect(found[0]!.text).toContain("the block leaves out site-b (292.2 by the data); with them it adds up");
  });

  it("two nodes left out, both named; and nodes left out whose data do not make it add up are no cause", () => {
    // Site A 520.3 alone: with Site B 292.2 and South China 437.5 by the data, 1,250.0
    const two = breakdowns(
      variant((p) => p.replace("East China,tCO2e,812.5", "Site A,tCO2e,520.3").replace(/^South China,.*\n/m, "")),
    );
    expect(two.map((x) => x.codes)).toEqual([["breakdown-incomplete"]]);
    expect(two[0]!.text).toContain(
      "leaves out site-b (292.2 by the data); south (437.5 by the data); with them it adds up",
    );
    // East China 800.0 alone: with South China's 437.5, 1,237.5, still 12.5 short of 1,250.0
    expect(8000n + 4375n).toBe(12375n);
    const short = breakdowns(variant((p) => p.replace("812.5", "800.0").replace(/^South China,.*\n/m, "")));
    expect(short.map((x) => `${x.key} ${x.codes}`)).toEqual([
      "ghg.scope1/group/breakdown/scope1/by-region breakdown-unexplained",
    ]);
  });

  it("two columns: each column's blocks against that column's total, a blank figure left out", () => {
    // East China's column: CO2 510.6 + 285.0 = 795.6; CH4 (0.200 + 0.150) t × 28 = 9.8; N2O (0.0155 + 0.0113) t × 265
    // = 7.102 → 7.1; 795.6 + 9.8 + 7.1 = 812.5 = 520.3 + 292.2, the total; South China prints nothing there
    expect(7956n + 98n + 71n).toBe(8125n);
    const twoColumns = (m: string) =>
      m.replace(
        '"columns": [{ "printed": "2023", "node": "group" }]',
        '"columns": [{ "printed": "2023", "node": "group" }, { "printed": "East", "node": "east" }]',
      );
    const east = (total: string) => (p: string) =>
      p
        .replace("label,unit,2023", "label,unit,2023,East")
        .replace(/^(By gas|By region),,$/gm, "$1,,,")
        .replace('CO2,tCO2e,"1,228.4"', 'CO2,tCO2e,"1,228.4",795.6')
        .replace("CH4,tCO2e,14.0", "CH4,tCO2e,14.0,9.8")
        .replace("N2O,tCO2e,7.6", "N2O,tCO2e,7.6,7.1")
        .replace("East China,tCO2e,812.5", "East China,tCO2e,812.5,812.5")
        .replace("South China,tCO2e,473.5", "South China,tCO2e,473.5,")
        .replace('Total,tCO2e,"1,250.0"', `Total,tCO2e,"1,250.0",${total}`);
    const r = check(variant(east("812.5"), twoColumns));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(
      r.value.breakdowns?.map((c) => `${c.block.id} ${c.column.id} ${c.rows.map((x) => x.number.text)} ${c.verdict}`),
    ).toEqual([
      "by-gas group 1,228.4,14.0,7.6 holds",
      "by-gas east 795.6,9.8,7.1 holds",
      "by-region group 812.5,473.5 violated",
      "by-region east 812.5 holds",
    ]);
    expect(r.value.findings.filter((f) => f.kind === "breakdown").map((f) => f.key)).toEqual([
      "ghg.scope1/group/breakdown/scope1/by-region",
    ]);
    // East's total blank: its column is not checked
    const blank = check(variant(east(""), twoColumns));
    if (!blank.ok) throw new Error(JSON.stringify(blank.errors));
    expect(blank.value.breakdowns?.map((c) => `${c.block.id} ${c.column.id}`)).toEqual([
      "by-gas group",
      "by-region group",
    ]);
  });

  it("an unknown label in a block is an input error at its place", () => {
    const dir = variant((p) => p.replace("South China,", "Central China,"));
    const r = check(dir);
    expect(r.ok).toBe(false);
    const e = r.ok ? undefined : r.errors[0];
    // published.csv line 8 is "Central China,tCO2e,473.5": the label in column 1
    expect(readFileSync(join(dir, "published.csv"), "utf8").split("\n")[7]).toBe("Central China,tCO2e,473.5");
    expect(e).toMatchObject({ code: "label-unknown", found: "Central China", line: 8, column: 1 });
    expect(e?.message).toContain("by-region");
    expect(e?.hint).toContain("south");
  });

  it("a gas printed in its own mass inside a CO2e block is a unit mismatch at the unit", () => {
    const dir = variant((p) => p.replace("CH4,tCO2e,14.0", "CH4,t CH4,0.500"));
    const r = check(dir);
    const e = r.ok ? undefined : r.errors[0];
    expect(e).toMatchObject({ code: "unit-mismatch", found: "t CH4", line: 4, column: 5 });
  });

  it("a declared block the table does not print, and a total it does not print, are errors at the manifest", () => {
    const noHeading = check(variant((p) => p.replace("By gas,,\n", "").replace(/^(CO2|CH4|N2O),.*\n/gm, "")));
    expect(noHeading.ok ? [] : noHeading.errors.map((e) => [e.code, e.found])).toEqual([
      ["manifest-invalid", "By gas"],
    ]);
    const noTotal = check(variant((p) => p.replace(/^Total,.*\n/m, "")));
    expect(noTotal.ok ? [] : noTotal.errors.map((e) => [e.code, e.found])).toEqual([
      ["manifest-invalid", "ghg.scope1"],
    ]);
  });
});

describe("checkBreakdowns and breakdownFindings on fixtures/breakdown edited in memory", () => {
  // Read fresh in each test (never in the describe body: the mutation run would not see it).
  const base = () => {
    const r = check("fixtures/breakdown");
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return { dataset: r.value.dataset, tables: r.value.tables };
  };
  const editTable = (ds: Dataset, f: (t: PublishedTable) => PublishedTable): Dataset => ({
    ...ds,
    tables: ds.tables.map(f),
  });
  const editColumn = (ds: Dataset, f: (c: Column) => Column) =>
    editTable(ds, (t) => ({ ...t, columns: t.columns.map(f) }));
  const editBreakdown = (ds: Dataset, f: (b: Breakdown) => Breakdown): Dataset => ({
    ...ds,
    breakdowns: ds.breakdowns!.map(f),
  });
  /** The block's rows edited: `f` returns the row changed, or null to drop it. */
  const editRows = (ds: Dataset, block: string, f: (r: BreakdownRow) => BreakdownRow | null) =>
    editBreakdown(ds, (b) => ({
      ...b,
      blocks: b.blocks.map((x) =>
        x.id === block ? { ...x, rows: x.rows.map(f).filter((r): r is BreakdownRow => r !== null) } : x,
      ),
    }));
  const printing = <T extends { cells: PublishedCell[] }>(row: T, text: string): T => ({
    ...row,
    cells: row.cells.map((c) => ({ ...c, text, value: { kind: "number" as const, number: n(text) } })),
  });
  /** The report period's data with one cell put in (a copy of `from`'s, another metric, value and interval). */
  const withData = (
    tables: PeriodTables,
    node: string,
    metric: string,
    from: string,
    value: string,
    [lo, hi]: [string, string],
  ): PeriodTables => {
    const t = tables.get("2023")!;
    const cells = new Map([...t.cells].map(([k, v]) => [k, new Map(v)]));
    const old = cells.get(node)!.get(from)!;
    cells
      .get(node)!
      .set(metric, { ...old, metric, value: new Dec(value), interval: { lo: new Dec(lo), hi: new Dec(hi) } });
    return new Map([["2023", { ...t, cells }]]);
  };
  const withoutNodes = (tables: PeriodTables, nodes: string[]): PeriodTables => {
    const t = tables.get("2023")!;
    return new Map([["2023", { ...t, cells: new Map([...t.cells].filter(([k]) => !nodes.includes(k))) }]]);
  };
  const summary = (checks: readonly BreakdownCheck[]) =>
    checks.map(
      (c) =>
        `${c.block.id} ${c.column.node} ${c.verdict}: ${c.rows.map((r) => `${r.row.label} ${r.status}`).join(", ")}`,
    );
  const causes = (ds: Dataset, tables: PeriodTables) =>
    breakdownFindings(ds, tables, checkBreakdowns(ds, tables)).map(
      (f) => `${f.key.split("/").pop()} ${f.causes[0]!.code}`,
    );
  const AS_READ = [
    "by-gas group holds: CO2 match, CH4 match, N2O match",
    "by-region group violated: East China match, South China mismatch",
  ];

  it("as read: the same checks and causes as through the pipeline", () => {
    const { dataset, tables } = base();
    expect(summary(checkBreakdowns(dataset, tables))).toEqual(AS_READ);
    expect(causes(dataset, tables)).toEqual(["by-region breakdown-rows"]);
  });

  it("no data for the column's period: no row is judged, and no cause is known", () => {
    const { dataset } = base();
    expect(summary(checkBreakdowns(dataset, new Map()))).toEqual([
      "by-gas group holds: CO2 null, CH4 null, N2O null",
      "by-region group violated: East China null, South China null",
    ]);
    expect(causes(dataset, new Map())).toEqual(["by-region breakdown-unexplained"]);
    // East China alone leaves South China out, but without data nothing says what South China would add
    const alone = editRows(dataset, "by-region", (r) => (r.label === "South China" ? null : r));
    expect(causes(alone, base().tables)).toEqual(["by-region breakdown-incomplete"]);
    expect(causes(alone, new Map())).toEqual(["by-region breakdown-unexplained"]);
  });

  it("nodes left out, one of which has no data: not named (Site A printed alone, South China's data gone)", () => {
    const { dataset, tables } = base();
    const siteA = editRows(dataset, "by-region", (r) =>
      r.label === "South China" ? null : { ...printing(r, "520.3"), label: "Site A", target: { node: "site-a" } },
    );
    // with the data: Site A 520.3 + Site B 292.2 + South China 437.5 = 1,250.0
    expect(causes(siteA, tables)).toEqual(["by-region breakdown-incomplete"]);
    // without South China's (nor Site C's) data: Site B alone is not all that is left out
    expect(causes(siteA, withoutNodes(tables, ["south", "site-c"]))).toEqual(["by-region breakdown-unexplained"]);
  });

  it("a change column is never a block's column", () => {
    const { dataset, tables } = base();
    const change = editColumn(dataset, (c) => ({ ...c, change: { from: "2022", to: "2023" } }));
    expect(checkBreakdowns(change, tables)).toEqual([]);
  });

  it("a column of East China: South China's row is no part of it, so the data do not judge it", () => {
    const { dataset, tables } = base();
    const east = editColumn(dataset, (c) => ({ ...c, node: "east" }));
    // East China at East China: 520.3 + 292.2 = 812.5, as printed
    expect(summary(checkBreakdowns(east, tables))[1]).toBe(
      "by-region east violated: East China match, South China null",
    );
  });

  it("nodes the tree does not have (a dataset built by hand): nothing to judge, nothing thrown", () => {
    const { dataset, tables } = base();
    const row = editRows(dataset, "by-region", (r) =>
      r.label === "South China" ? { ...r, target: { node: "nowhere" } } : r,
    );
    expect(summary(checkBreakdowns(row, tables))[1]).toBe(
      "by-region group violated: East China match, South China null",
    );
    const column = editColumn(dataset, (c) => ({ ...c, node: "nowhere" }));
    expect(summary(checkBreakdowns(column, tables))).toEqual([
      "by-gas nowhere holds: CO2 null, CH4 null, N2O null",
      "by-region nowhere violated: East China null, South China null",
    ]);
    expect(causes(column, tables)).toEqual(["by-region breakdown-unexplained"]);
  });

  it("the breakdown's own table, total row and cells are the ones read, wherever they are", () => {
    const { dataset, tables } = base();
    // a table the dataset lacks, a total the table prints no row of: nothing to check
    expect(
      checkBreakdowns(
        editBreakdown(dataset, (b) => ({ ...b, table: "nowhere" })),
        tables,
      ),
    ).toEqual([]);
    expect(
      checkBreakdowns(
        editBreakdown(dataset, (b) => ({ ...b, total: "ghg.scope2" })),
        tables,
      ),
    ).toEqual([]);
    // another table first (its own column, no rows): the breakdown's table is still found by its id
    const other: PublishedTable = {
      id: "other",
      file: "other.csv",
      columns: [{ id: "other:group", printed: "2023", node: "group", period: "2023" }],
      rows: [],
      layout: { header: [], records: [] },
    };
    expect(summary(checkBreakdowns({ ...dataset, tables: [other, ...dataset.tables] }, tables))).toEqual(AS_READ);
    // a row of another metric printed above the total (scope 2, 99.9): the total is the total's row
    const above = editTable(dataset, (t) => ({
      ...t,
      rows: [{ ...printing(t.rows[0]!, "99.9"), metric: "ghg.scope2", label: "Scope 2" }, ...t.rows],
    }));
    expect(summary(checkBreakdowns(above, tables))).toEqual(AS_READ);
  });

  it("a row printed 0.0 whose data lie wholly below zero is contradicted: 0.0 stands for [0, 0.05)", () => {
    const { dataset, tables } = base();
    const zero = editRows(dataset, "by-region", (r) => (r.label === "East China" ? printing(r, "0.0") : r));
    // East China's data -0.06 in [-0.11, -0.005): -0.06 rounds to -0.1, not 0.0, and shares no value with [0, 0.05)
    // (it would share [-0.05, -0.005) with an unclamped [-0.05, 0.05): "rounding")
    const data = withData(tables, "east", "ghg.scope1", "ghg.scope1", "-0.06", ["-0.11", "-0.005"]);
    expect(summary(checkBreakdowns(zero, data))[1]).toBe(
      "by-region group violated: East China mismatch, South China mismatch",
    );
  });

  it("a total printed 0.0 that the data contradict only because the total cannot be negative", () => {
    const { dataset, tables } = base();
    // By gas prints only CO2, -0.1 ([-0.15, -0.05), a printed negative is not clamped); the total 0.0; the group's data
    // -0.06 in [-0.11, -0.005). Scope 1 cannot be negative: the total stands for [0, 0.05), the block does not add
    // up, the data's -0.06 (→ -0.1) shares nothing with the total but overlaps the block's sum: the total is the cause.
    const gas = editRows(
      editTable(dataset, (t) => ({ ...t, rows: t.rows.map((r) => printing(r, "0.0")) })),
      "by-gas",
      (r) => (r.label === "CO2" ? printing(r, "-0.1") : null),
    );
    const data = withData(tables, "group", "ghg.scope1", "ghg.scope1", "-0.06", ["-0.11", "-0.005"]);
    const checks = checkBreakdowns(gas, data);
    expect(checks.map((c) => [c.block.id, c.total.interval.lo.toString(), c.verdict])).toEqual([
      ["by-gas", "0", "violated"],
      ["by-region", "0", "violated"],
    ]);
    expect(causes(gas, data)).toEqual(["by-gas breakdown-total", "by-region breakdown-unexplained"]);
    // The same with a total metric the catalogue does not know (so not known to be non-negative): the total 0.0 stands
    // for [-0.05, 0.05), which the data's [-0.11, -0.005) overlaps: no longer contradicted, no cause known.
    const unknown = editBreakdown(
      editTable(gas, (t) => ({ ...t, rows: t.rows.map((r) => ({ ...r, metric: "x.unknown" })) })),
      (b) => ({ ...b, total: "x.unknown" }),
    );
    const unknownData = withData(tables, "group", "x.unknown", "ghg.scope1", "-0.06", ["-0.11", "-0.005"]);
    expect(
      checkBreakdowns(unknown, unknownData).map((c) => [c.block.id, c.total.interval.lo.toString(), c.verdict]),
    ).toEqual([
      ["by-gas", "-0.05", "violated"],
      ["by-region", "-0.05", "violated"],
    ]);
    expect(causes(unknown, unknownData)).toEqual(["by-gas breakdown-unexplained", "by-region breakdown-unexplained"]);
  });
});
