// Each cause check of src/reconcile/causes.ts as a table: a finding in (its causes cleared), the cause out, and
// the expected cause worked out independently of the tool — by hand in a comment, or by a brute force below that
// enumerates every multiplier vector over the terms with BigInt arithmetic. The findings come from the real
// pipeline over the fixtures (fixtures/hostile/cause-*, Harbourline, NIO), some with another printed figure put in.
import { columnById } from "../../src/model/columns.js";
import { fileURLToPath } from "node:url";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lookup, type Recomputed } from "../../src/compute/recompute.js";
import { Dec, roundTo } from "../../src/model/decimal.js";
import { parsePrintedNumber } from "../../src/model/printedNumber.js";
import type { Cause, Finding } from "../../src/findings/finding.js";
import { causeChecks, explainCauses, type CauseContext } from "../../src/reconcile/causes.js";
import { compareNumber, publishedIntervalOf } from "../../src/reconcile/compare.js";
import { COMBINATION_BUDGET } from "../../src/reconcile/componentSearch.js";
import type { CheckResult } from "../../src/pipeline.js";
import { ARITHMETIC_ONLY, result } from "./renderFixtures.js";
import { formatMessage } from "../../src/findings/message.js";
import { loadTexts } from "../../src/io/reference.js";

/** A cause as the report says it in English: its code and its sentence. */
type CauseText = { code: string; message: string };
const texts = loadTexts();
if (!texts.ok) throw new Error(JSON.stringify(texts.errors));
const text = (c: Cause | null | undefined): CauseText | null =>
  c ? { code: c.code, message: formatMessage(texts.value, "en", c.message) } : null;

const dir = (name: string) => fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url));

/** The arithmetic finding of a cell, with its causes cleared, and the context reconcile gives the checks. */
function cell(r: CheckResult, metric: string, column: string): { f: Finding; ctx: CauseContext } {
  const f = r.findings.find(
    (x) => x.metric === metric && x.column === column && x.kind !== "recalculation" && x.kind !== "boundary",
  );
  if (!f) throw new Error(`no finding for ${metric} ${column}`);
  const col = columnById(r.dataset, column)!;
  const m = r.dataset.catalogue.metrics.find((x) => x.id === metric)!;
  const table = r.tables.get(col.period)!;
  return {
    f: { ...f, causes: [] },
    ctx: {
      dataset: r.dataset,
      nonNegative: m.nonNegative && !col.change,
      column: col,
      lookup: (node, id) => lookup(table, node, id),
    },
  };
}

/** The same recomputed cell against another printed figure: status, interval and difference as reconcile gives them. */
function withPublished(f: Finding, text: string, nonNegative: boolean): Finding {
  const p = parsePrintedNumber(text);
  if (!p.ok || !f.recomputed) throw new Error(text);
  const n = p.number;
  const rounded = roundTo(f.recomputed.value, n.scale);
  return {
    ...f,
    published: text,
    publishedNumber: n,
    publishedInterval: publishedIntervalOf(n, nonNegative),
    status: compareNumber(f.recomputed.value, f.recomputed.interval, n, nonNegative),
    recomputedRounded: rounded,
    displayScale: n.scale,
    difference: rounded.minus(n.value),
    causes: [],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The independent calculation for component causes: every vector of multipliers m_j (1 = right, 0 = left out,
// 2 = counted twice, −1 = wrong sign) with at most three entries other than 1, over all terms, in exact BigInt
// integers. A vector fits when Σ m_j·k_j·x_j rounds half-up to the printed figure or its interval Σ m_j·k_j·[lo, hi]
// shares a value with the printed one ([x − ½u, x + ½u), clamped at zero for quantities that cannot be negative).

type Fit = string; // "metric@node:slip, …" in term order
const big = (d: Dec, s: number) => BigInt(d.toFixed(s).replace(".", ""));

function bruteForce(f: Finding, nonNegative: boolean, withSign: boolean): Fit[] {
  const r = f.recomputed!;
  const p = f.publishedNumber!;
  const ks = r.inputs.map((_, i) => r.coefficients?.[i] ?? new Dec(1));
  const S = Math.max(
    p.scale + 1,
    ...r.inputs.flatMap((x, i) => [x.value, x.interval.lo, x.interval.hi].map((d) => d.times(ks[i]!).decimalPlaces())),
  );
  const terms = r.inputs.map((x, i) => {
    const [a, b] = [big(x.interval.lo.times(ks[i]!), S), big(x.interval.hi.times(ks[i]!), S)];
    return { name: `${x.metric}@${x.node}`, v: big(x.value.times(ks[i]!), S), lo: a < b ? a : b, hi: a < b ? b : a };
  });
  const unit = 10n ** BigInt(S - p.scale);
  const pv = big(p.value, S);
  let [plo, phi] = [pv - unit / 2n, pv + unit / 2n];
  if (nonNegative && pv >= 0n && plo < 0n) plo = 0n;
  const roundsTo = (v: bigint) => {
    const a = v < 0n ? -v : v;
    const q = ((a + unit / 2n) / unit) * unit; // half-up, away from zero
    return (v < 0n ? -q : q) === pv;
  };
  const overlaps = (lo: bigint, hi: bigint) => {
    const [l, h] = [lo > plo ? lo : plo, hi < phi ? hi : phi];
    if (l < h) return true;
    if (l !== h) return false;
    return lo === hi && plo <= lo && lo < phi; // a single exact value inside the printed [x − ½u, x + ½u)
  };
  const names = { 0: "left-out", 2: "twice", [-1]: "sign" } as Record<number, string>;
  const choices = withSign ? [1, 0, 2, -1] : [1, 0, 2];
  const fits: Fit[] = [];
  const m: number[] = [];
  const walk = (j: number, changed: number) => {
    if (j === terms.length) {
      if (changed === 0) return;
      let [v, lo, hi] = [0n, 0n, 0n];
      terms.forEach((t, i) => {
        const k = BigInt(m[i]!);
        v += k * t.v;
        lo += k >= 0n ? k * t.lo : k * t.hi;
        hi += k >= 0n ? k * t.hi : k * t.lo;
      });
      if (nonNegative) [lo, hi] = [lo < 0n ? 0n : lo, hi < 0n ? 0n : hi];
      // A slip of a term that is zero changes nothing: such vectors are not told apart from the ones without it.
      if (terms.some((t, i) => m[i] !== 1 && t.v === 0n)) return;
      if (roundsTo(v) || overlaps(lo, hi))
        fits.push(terms.flatMap((t, i) => (m[i] === 1 ? [] : [`${t.name}:${names[m[i]!]}`])).join(", "));
      return;
    }
    for (const c of choices) {
      if (c !== 1 && changed === 3) continue;
      m[j] = c;
      walk(j + 1, changed + (c === 1 ? 0 : 1));
    }
  };
  walk(0, 0);
  return fits;
}

/** The combinations a component cause names, read back from its message in the same "metric@node:slip" form. */
function named(cause: Cause): Fit[] {
  return text(cause)!
    .message.split(/: the only|, so none can be named: /)
    [cause.code === "components-ambiguous" ? 1 : 0]!.split(/; or it |; and \d+ more/)
    .filter((s) => s.trim())
    .map((s) =>
      [...s.matchAll(/(leaves out|counts|adds|subtracts) ([\w.]+) of ([\w-]+) \([^)]*\)( twice)?/g)]
        .map(
          ([, verb, metric, node, twice]) =>
            `${metric}@${node}:${verb === "leaves out" ? "left-out" : twice ? "twice" : "sign"}`,
        )
        .join(", "),
    );
}

const hostile = (c: string) => result(dir(`hostile/${c}`), ARITHMETIC_ONLY);

describe("components: terms left out, counted twice or with the wrong sign, weighed by coefficient", () => {
  type Row = { name: string; take: () => { f: Finding; ctx: CauseContext }; code: string | null; count?: number };
  const rows: Row[] = [
    // 21 × 50.9 = 1,068.9 counted twice; N2O's term is 310 × 1,175 = 364,250 (README of the fixture).
    {
      name: "CO2e with CH4's term counted twice (the N2O mass 1,175 is not a term)",
      take: () => cell(hostile("cause-coefficients"), "ghg.co2e", "plant-a"),
      code: "one-component",
    },
    {
      name: "CO2e printed as its CO2 term alone: CH4 and N2O left out",
      take: () => cell(hostile("cause-several-left-out"), "ghg.co2e", "plant-a"),
      code: "components",
    },
    {
      name: "removals added instead of subtracted: the gap is twice their term",
      take: () => cell(hostile("cause-wrong-sign"), "ghg.net", "plant-a"),
      code: "component-sign",
    },
    {
      name: "two combinations fit: plant-a left out, or plant-b and plant-c",
      take: () => cell(hostile("cause-two-fits"), "energy.purchased_electricity", "group"),
      code: "components-ambiguous",
      count: 2,
    },
    {
      // 417,628.9 − 1,068.9 = 416,560: CH4 left out.
      name: "CO2e with CH4 left out (another printed figure for the same cell)",
      take: () => {
        const c = cell(hostile("cause-coefficients"), "ghg.co2e", "plant-a");
        return { ...c, f: withPublished(c.f, "416,560", true) };
      },
      code: "one-component",
    },
    {
      // The old tool's reading of a gap of N2O's mass, 417,628.9 + 1,175 = 418,803.9: CH4 counted twice
      // (418,697.8 ± 156.55 reaches 418,803.5) fits, N2O's term does not.
      name: "a gap equal to N2O's unweighted mass is not N2O",
      take: () => {
        const c = cell(hostile("cause-coefficients"), "ghg.co2e", "plant-a");
        return { ...c, f: withPublished(c.f, "418,804", true) };
      },
      code: "one-component",
    },
    {
      // 600.0 → 180.0: plant-a and plant-b left out (−420). (Not −120 or −180: plant-a = plant-b + plant-c makes
      // every single slip of plant-b or plant-c ambiguous with plant-a and the other one.)
      name: "two plants left out, unique",
      take: () => {
        const c = cell(hostile("cause-two-fits"), "energy.purchased_electricity", "group");
        return { ...c, f: withPublished(c.f, "180.0", true) };
      },
      code: "components",
    },
    {
      // Printed parts 20.4 + 20.4 = 40.8; the data 20.44 + 20.44 = 40.88: a gap of −0.08 is no region.
      name: "no combination fits a total that adds rounded subtotals",
      take: () => cell(hostile("cause-printed-subtotals"), "waste.hazardous.total", "group"),
      code: null,
    },
    {
      name: "Harbourline: East China prints Suzhou's figure only",
      take: () => cell(result(dir("harbourline"), ARITHMETIC_ONLY), "ghg.scope1", "east"),
      code: "one-component",
    },
  ];
  for (const row of rows) {
    it(row.name, () => {
      const { f, ctx } = row.take();
      expect(f.status).toBe("mismatch");
      const cause = causeChecks.components(f, ctx);
      const expected = bruteForce(f, ctx.nonNegative, f.kind === "identity" && f.recomputed!.inputs.length > 1);
      if (row.code === null) {
        expect(expected).toEqual([]);
        expect(cause).toBeNull();
        return;
      }
      expect(cause?.code).toBe(row.code);
      if (row.count) {
        expect(expected).toHaveLength(row.count);
        expect(text(cause)!.message).toMatch(new RegExp(`^${row.count} combinations`));
      } else {
        expect(expected).toHaveLength(1);
      }
      expect(named(cause!).sort()).toEqual([...expected].sort());
    });
  }

  it("weighs terms: the CH4 term is printed as 21 × 50.9 = 1,068.9", () => {
    const { f, ctx } = cell(hostile("cause-coefficients"), "ghg.co2e", "plant-a");
    expect(text(causeChecks.components(f, ctx))?.message).toBe(
      "the published figure counts ghg.ch4 of plant-a (21 × 50.9 = 1,068.9) twice: the only combination of its 3 components left out, counted twice or with the wrong sign that fits",
    );
  });

  it("a subtotal over many units: single slips only, and the message says larger combinations were not searched", () => {
    // 700 sites of exactly 1.0 t and one of 2.5 t (exact sums: point intervals): 702.5, printed 700.0 =
    // [699.95, 700.05). Single slips: site-700 left out gives 700.0 (a fit); a 1.0 site left out or doubled gives
    // 701.5 or 703.5, site-700 doubled 705.0: the only single fit. Pairs would be C(701, 2) × 4 = 981,400 > budget.
    const site = (i: number, v: string): Recomputed => ({
      metric: "waste.hazardous.total",
      node: `site-${i}`,
      period: "FY",
      kind: "input",
      value: new Dec(v),
      interval: { lo: new Dec(v), hi: new Dec(v) },
      inputs: [],
      scale: 1,
    });
    const inputs = [...Array.from({ length: 700 }, (_, i) => site(i, "1.0")), site(700, "2.5")];
    const recomputed: Recomputed = {
      metric: "waste.hazardous.total",
      node: "group",
      period: "FY",
      kind: "sum",
      value: new Dec("702.5"),
      interval: { lo: new Dec("702.5"), hi: new Dec("702.5") },
      inputs,
    };
    expect(((701 * 700) / 2) * 4).toBeGreaterThan(COMBINATION_BUDGET);
    const { f: real, ctx } = cell(hostile("cause-printed-subtotals"), "waste.hazardous.total", "group");
    const f = withPublished(
      { ...real, recomputed, recomputedExact: recomputed.value, recomputedInterval: recomputed.interval },
      "700.0",
      true,
    );
    expect(f.status).toBe("mismatch");
    expect(text(causeChecks.components(f, ctx))).toEqual({
      code: "one-component",
      message:
        "the published figure leaves out waste.hazardous.total of site-700 (2.5): the only single component left out or counted twice that fits (combinations of 2 or more of its 701 components were not searched)",
    });
  });
});

describe("components: the message says how far the search went", () => {
  it("five terms: combinations of up to three searched, all of them", () => {
    // Sites of 1, 2, 4, 8 and 16 t (exact: point intervals), 31 in all, printed 15.0: only 16 left out gives 15
    // (powers of two: any other set of at most three terms left out or doubled changes the sum by another amount).
    const site = (i: number, v: string): Recomputed => ({
      metric: "waste.hazardous.total",
      node: `site-${i}`,
      period: "FY",
      kind: "input",
      value: new Dec(v),
      interval: { lo: new Dec(v), hi: new Dec(v) },
      inputs: [],
      scale: 1,
    });
    const inputs = ["1.0", "2.0", "4.0", "8.0", "16.0"].map((v, i) => site(i, v));
    const recomputed: Recomputed = {
      metric: "waste.hazardous.total",
      node: "group",
      period: "FY",
      kind: "sum",
      value: new Dec("31"),
      interval: { lo: new Dec("31"), hi: new Dec("31") },
      inputs,
    };
    const { f: real, ctx } = cell(hostile("cause-printed-subtotals"), "waste.hazardous.total", "group");
    const f = withPublished(
      { ...real, recomputed, recomputedExact: recomputed.value, recomputedInterval: recomputed.interval },
      "15.0",
      true,
    );
    expect(bruteForce(f, true, false)).toEqual(["waste.hazardous.total@site-4:left-out"]);
    expect(text(causeChecks.components(f, ctx))).toEqual({
      code: "one-component",
      message:
        "the published figure leaves out waste.hazardous.total of site-4 (16.0): the only combination of up to 3 of its 5 components left out or counted twice that fits",
    });
  });
});

describe("the other checks, each against a hand calculation", () => {
  const harbourline = () => result(dir("harbourline"), ARITHMETIC_ONLY);
  const nio = () => result(undefined, ARITHMETIC_ONLY);
  type Row = {
    name: string;
    take: () => { f: Finding; ctx: CauseContext };
    check: keyof typeof causeChecks;
    expected: CauseText | null | RegExp;
  };
  const rows: Row[] = [
    {
      // published ÷ recomputed ∈ [19.5 ÷ 2.5, 20.5 ÷ 1.5] = [7.8, 13.67]: 10 and 1 ÷ 0.1229 = 8.137 lie in it.
      name: "two slip factors fit: say so, name neither",
      take: () => cell(hostile("cause-scale-ambiguous"), "water.municipal", "plant-a"),
      check: "scaleSlip",
      expected: {
        code: "scale-slip-ambiguous",
        message:
          "2 unit or scale slips fit the published figure ÷ the recomputed one, so none can be named: × 10 (a decimal point one place off); ÷ 0.1229 (kgce per kWh of electricity (equivalent value, GB/T 2589): an energy figure in tce where MWh was meant)",
      },
    },
    {
      // 2 printed as 8: [7.5 ÷ 2.5, 8.5 ÷ 1.5] = [3, 5.67]: only 3.6.
      name: "one slip factor fits: name it",
      take: () => {
        const c = cell(hostile("cause-scale-ambiguous"), "water.municipal", "plant-a");
        return { ...c, f: withPublished(c.f, "8", true) };
      },
      check: "scaleSlip",
      expected: { code: "scale-slip", message: "the published figure is the recomputed one × 3.6: GJ per MWh" },
    },
    {
      // 174,250 m³ printed as 174.25: ratio ∈ [174.245 ÷ 174,250.5, 174.255 ÷ 174,249.5] ≈ [0.00099996, 0.00100003]: ÷ 1000.
      name: "Harbourline: Ningbo's water in thousand m³",
      take: () => cell(harbourline(), "water.municipal", "ningbo"),
      check: "scaleSlip",
      expected: {
        code: "scale-slip",
        message:
          "the published figure is the recomputed one ÷ 1000: thousand: kWh for MWh, kg for t, RMB thousand for RMB million",
      },
    },
    {
      // 2,295.9 ÷ 1,240 = 1.851532 and 2,295.9 ÷ 1,241 = 1.850040 both round to 1.85; ÷ 1,236.4 = 1.856923 → 1.86.
      name: "two other denominators reproduce the intensity: say so, name neither",
      take: () => cell(hostile("cause-denominator-ambiguous"), "ghg.intensity", "group"),
      check: "denominator",
      expected: {
        code: "denominator-ambiguous",
        message:
          "follows from 2 other declared denominators alike, so none can be named: revenue-rounded (12.4億元): 2,295.9 ÷ 1,240 = 1.851532; revenue-draft (1,241): 2,295.9 ÷ 1,241 = 1.850040 — each rounds to the published 1.85",
      },
    },
    {
      // 2,295.9 ÷ 1,241 = 1.85004 → 1.850 but ÷ 1,240 = 1.85153 → 1.852: printed with 3 decimals, only one fits.
      name: "one other denominator reproduces it at three decimals: name it",
      take: () => {
        const c = cell(hostile("cause-denominator-ambiguous"), "ghg.intensity", "group");
        return { ...c, f: withPublished(c.f, "1.850", true) };
      },
      check: "denominator",
      expected: {
        code: "denominator",
        message:
          "follows from denominator revenue-draft (1,241) instead: 2,295.9 ÷ 1,241 = 1.8500403, which rounds to the published 1.850",
      },
    },
    {
      // NIO: 344,102.0 ÷ 36,100 = 9.531911 → 9.53 (README).
      name: "NIO's wastewater intensity follows from the report's rounded revenue",
      take: () => cell(nio(), "water.wastewater.intensity", "total"),
      check: "denominator",
      expected: {
        code: "denominator",
        message:
          "follows from denominator revenue-printed (361億元) instead: 344,102.0 ÷ 36,100 = 9.531911, which rounds to the published 9.53",
      },
    },
    {
      // (5,422.5 − 5,195.4) ÷ 5,195.4 = +4.37 %, printed −4.4 %.
      name: "Harbourline: a change printed with the opposite sign",
      take: () => cell(harbourline(), "ghg.scope1", "group@2022..2023"),
      check: "signSlip",
      expected: { code: "sign-slip", message: "the published figure is the recomputed one with the opposite sign" },
    },
    {
      name: "Harbourline: 18,452.6 printed as 18,425.6",
      take: () => cell(harbourline(), "energy.purchased_electricity", "dongguan"),
      check: "transposition",
      expected: {
        code: "transposition",
        message:
          "two adjacent digits are swapped (18,452.6 printed as 18,425.6): the difference is a multiple of 9 in the last places",
      },
    },
    {
      name: "Harbourline: the 2022 scope 2 as first published",
      take: () => cell(harbourline(), "ghg.scope2", "group@2022-as-published"),
      check: "restated",
      expected: {
        code: "restated",
        message:
          'the same 2022 figure is printed as 27,944.1 in column "Group 2022" (this report) and as 28,996.1 here (2022 ESG report), which the data supports: a restatement',
      },
    },
    {
      // (84,038.3 − 79,130.9) ÷ 79,130.9 = 6.20 %, printed 6.8 %.
      name: "Harbourline: a change that does not follow from the printed figures either",
      take: () => cell(harbourline(), "energy.total", "group@2022..2023"),
      check: "change",
      expected: {
        code: "change-arithmetic",
        message:
          "the printed change does not follow from the printed figures either: (84,038.3 − 79,130.9) ÷ 79,130.9 = 6.20%",
      },
    },
    {
      // NIO: Nanjing 1,522.3 + Hefei 4,801.1 = 6,323.4, inputs allow [6,323.30, 6,323.50]; printed 6,323.3.
      name: "NIO: on-site solar of the manufacturing plants, within rounding",
      take: () => cell(nio(), "energy.solar_onsite", "manufacturing"),
      check: "rounding",
      expected: {
        code: "rounding",
        message:
          "the printed inputs allow [6,323.300, 6,323.500] and the published 6,323.3 stands for [6,323.250, 6,323.350]: the two overlap, so rounding of the inputs explains the gap",
      },
    },
    {
      // 0.7 + 1.9 = 2.6 (printed scope intensities, each matching its data: 0.66 → 0.7, 1.88 → 1.9); data 2.54.
      name: "an intensity added up from printed, rounded intensities",
      take: () => cell(hostile("cause-printed-intensities"), "ghg.intensity", "group"),
      check: "fromPublished",
      expected: {
        code: "from-published",
        message:
          "the published 2.6 follows from the table's own printed figures, not from the data: 0.7 + 1.9 = 2.6; each of those agrees with the data, so this figure was computed from rounded printed figures, not from the data",
      },
    },
    {
      // 20.4 + 20.4 = 40.8 (each region 20.44 → 20.4 matches); data 40.88 → 40.9.
      name: "a total that adds rounded subtotals",
      take: () => cell(hostile("cause-printed-subtotals"), "waste.hazardous.total", "group"),
      check: "fromPublished",
      expected: {
        code: "from-published",
        message:
          "the published 40.8 follows from the table's own printed figures, not from the data: 20.4 + 20.4 = 40.8; each of those agrees with the data, so this figure was computed from rounded printed figures, not from the data",
      },
    },
    {
      // 52,310 + 41,210 = 93,520, and plant-a's printed 52,310 is not its data's 417,628.9.
      name: "a group CO2e that adds the printed site figures, one of them wrong",
      take: () => cell(hostile("cause-several-left-out"), "ghg.co2e", "group"),
      check: "fromPublished",
      expected: {
        code: "from-published",
        message:
          "the published 93,520 follows from the table's own printed figures, not from the data: 52,310 + 41,210 = 93,520; the printed ghg.co2e at plant-a disagrees with the data (see its cell)",
      },
    },
    {
      // 34,191.5 ÷ 568,930 = 0.060098 → 0.0601; that total (5,195.4 + 28,996.1) is the one the 2023 report restates.
      name: "Harbourline: the 2022 intensity as first published follows from its printed total",
      take: () => cell(harbourline(), "ghg.intensity", "group@2022-as-published"),
      check: "fromPublished",
      expected: {
        code: "from-published",
        message:
          "the published 0.0601 follows from the table's own printed figures, not from the data: 34,191.5 ÷ 568,930 = 0.060098; the printed ghg.total at group@2022-as-published disagrees with the data (see its cell)",
      },
    },
    {
      // Ningbo's share of the group: 25,384.2 ÷ 84,038.3 = 30.21 %; of East China: 25,384.2 ÷ 59,796.3 = 42.451 %,
      // printed 42.5.
      name: "Harbourline: Ningbo's share of the group printed as its share of East China",
      take: () => cell(harbourline(), "hl.energy_share", "ningbo"),
      check: "shareOfParent",
      expected: {
        code: "share-of-parent",
        message:
          "42.5 is ningbo's hl.energy_share within east (42.451), not within group: the share was taken of the parent",
      },
    },
    {
      // Suzhou's share of the group, 40.9, printed as 45.0: its share of East China is 13,025.7 + 21,386.4 = 34,412.1
      // ÷ 59,796.3 = 57.55 %, which does not fit either.
      name: "Harbourline: a share that is not the parent's share either",
      take: () => {
        const { f, ctx } = cell(harbourline(), "hl.energy_share", "suzhou");
        return { f: withPublished(f, "45.0", true), ctx };
      },
      check: "shareOfParent",
      expected: null,
    },
    {
      // 142,012.9 ÷ 36,136.4 = 3.93, not 1,424.90.
      name: "NIO's energy intensity does not follow from its printed numerator",
      take: () => cell(nio(), "energy.intensity", "total"),
      check: "fromPublished",
      expected: null,
    },
  ];
  for (const row of rows) {
    it(row.name, () => {
      const { f, ctx } = row.take();
      const cause = causeChecks[row.check](f, ctx);
      if (row.expected instanceof RegExp) expect(text(cause)?.message).toMatch(row.expected);
      else expect(text(cause)).toEqual(row.expected);
    });
  }

  it("with no cause at all, the finding says so, naming only what was tried", () => {
    // Harbourline's hazardous waste: 186.42 + 92.17 + 75.08 + 0.35 = 354.02 printed 368.95; a region is neither
    // 14.93 nor a sum of them, and the printed regions add to 354.02 as well.
    const { f, ctx } = cell(harbourline(), "waste.hazardous.total", "group");
    expect(explainCauses(f, ctx).map(text)).toEqual([
      {
        code: "unexplained",
        message:
          "no known cause: the gap is larger than rounding allows, it does not follow from the table's own printed figures either, and it is no known unit, scale or sign slip, digit swap, or combination of components left out, counted twice or with the wrong sign; published ÷ recomputed = 1.0422",
      },
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// One table per cause check (typescript-eslint's RuleTester): `valid` findings the check must leave alone (null),
// `invalid` findings it must explain, with the code and the values filled in, each worked by hand in a comment.
// Together with the tables above, every check of causeChecks has a case that fails when it returns nothing and one
// that fails when it answers where it should not.

type Take = () => { f: Finding; ctx: CauseContext };
interface CauseTable {
  valid: { name: string; take: Take }[];
  invalid: { name: string; take: Take; expected: CauseText }[];
}

function ruleTester(check: keyof typeof causeChecks, table: CauseTable) {
  describe(`causeChecks.${check}`, () => {
    for (const row of table.valid) {
      it(`valid: ${row.name}`, () => {
        const { f, ctx } = row.take();
        expect(text(causeChecks[check](f, ctx))).toBeNull();
      });
    }
    for (const row of table.invalid) {
      it(`invalid: ${row.name}`, () => {
        const { f, ctx } = row.take();
        expect(text(causeChecks[check](f, ctx))).toEqual(row.expected);
      });
    }
  });
}

const harbour = () => result(dir("harbourline"), ARITHMETIC_ONLY);
const nioResult = () => result(undefined, ARITHMETIC_ONLY);
/** A Harbourline cell with another printed figure put in (status, intervals and difference recomputed). */
const harbourWith =
  (metric: string, column: string, printed: string): Take =>
  () => {
    const c = cell(harbour(), metric, column);
    return { ...c, f: withPublished(c.f, printed, c.ctx.nonNegative) };
  };

ruleTester("rounding", {
  valid: [
    // Nanjing's purchased electricity: an input printed as it is, a match.
    { name: "a match is not explained", take: () => cell(nioResult(), "energy.purchased_electricity", "nanjing") },
    // Harbourline East China energy 59,796.3 from the data against a printed 59,900.0: the intervals are far apart.
    { name: "a mismatch is not rounding", take: harbourWith("energy.total", "east", "59,900.0") },
  ],
  invalid: [
    // 34,412.1 + 25,384.2 = 59,796.3, four rounded terms in all allow ± 0.2 → [59,796.1, 59,796.5]; printed 59,796.4
    // stands for [59,796.35, 59,796.45].
    {
      name: "Harbourline: East China's total energy",
      take: () => cell(harbour(), "energy.total", "east"),
      expected: {
        code: "rounding",
        message:
          "the printed inputs allow [59,796.100, 59,796.500] and the published 59,796.4 stands for [59,796.350, 59,796.450]: the two overlap, so rounding of the inputs explains the gap",
      },
    },
  ],
});

ruleTester("denominator", {
  valid: [
    // 38,697.7 ÷ 612,480 = 0.063182 → 0.0632: the report's own denominator reproduces it, nothing to explain.
    { name: "an intensity that matches", take: harbourWith("ghg.intensity", "group", "0.0632") },
    // 38,697.7 ÷ 610,000 = 0.063439 and ÷ 612,480 = 0.063182: neither gives 0.0700.
    { name: "an intensity no declared denominator reproduces", take: harbourWith("ghg.intensity", "group", "0.0700") },
    // not an intensity: a sum is never divided
    { name: "a sum", take: () => cell(harbour(), "water.municipal", "ningbo") },
    // 38,697.7 ÷ 568,930 (the 2022 revenue) = 0.068018 → 0.0680: another period's denominator is not a candidate.
    { name: "the revenue of another year", take: harbourWith("ghg.intensity", "group", "0.0680") },
    // NIO's non-hazardous waste intensity is a match (0.30225 → 0.30); the report's 361億 would give 0.30254 → 0.30
    // as well: a figure that matches needs no other denominator.
    {
      name: "a match that another denominator would give too",
      take: () => cell(nioResult(), "waste.non_hazardous.intensity", "total"),
    },
  ],
  invalid: [
    // 38,697.7 ÷ 610,000 (6.1億元 in RMB thousand) = 0.06343885… → 0.0634.
    {
      name: "Harbourline: the group intensity divided by the chairman's rounded revenue",
      take: () => cell(harbour(), "ghg.intensity", "group"),
      expected: {
        code: "denominator",
        message:
          "follows from denominator revenue-rounded (6.1億元) instead: 38,697.7 ÷ 610,000 = 0.06343885, which rounds to the published 0.0634",
      },
    },
  ],
});

ruleTester("scaleSlip", {
  valid: [
    // 18,425.6 ÷ 18,452.6 ≈ 0.9985: no slip factor that close to 1.
    { name: "a transposition is no slip", take: () => cell(harbour(), "energy.purchased_electricity", "dongguan") },
    // Ningbo's water printed as the data gives it: a match.
    { name: "a match", take: harbourWith("water.municipal", "ningbo", "174,250") },
    // a printed zero: the ratio is not positive, so no factor can be read from it
    { name: "a published zero", take: harbourWith("water.municipal", "ningbo", "0") },
  ],
  invalid: [
    // 174,250 × 3.6 = 627,300 (GJ printed where MWh was meant, applied to m³ here: the check reads only the ratio).
    {
      name: "× 3.6",
      take: harbourWith("water.municipal", "ningbo", "627,300"),
      expected: { code: "scale-slip", message: "the published figure is the recomputed one × 3.6: GJ per MWh" },
    },
  ],
});

ruleTester("signSlip", {
  valid: [
    // +4.37 % printed +4.4 %: a match.
    { name: "the right sign", take: harbourWith("ghg.scope1", "group@2022..2023", "4.4") },
    // +4.37 % printed −8.0 %: the flipped interval [−4.38, −4.36] is nowhere near [−8.05, −7.95].
    { name: "the opposite sign but another figure", take: harbourWith("ghg.scope1", "group@2022..2023", "-8.0") },
  ],
  invalid: [
    // (5,422.5 − 5,195.4) ÷ 5,195.4 = +4.37 %, printed −4.4 % (the fixture's own planted error).
    {
      name: "Harbourline: −4.4 %",
      take: () => cell(harbour(), "ghg.scope1", "group@2022..2023"),
      expected: { code: "sign-slip", message: "the published figure is the recomputed one with the opposite sign" },
    },
  ],
});

ruleTester("transposition", {
  valid: [
    // 18,452.6 with its first and third digits swapped (1 ↔ 4): 48,152.6, the same digits but not neighbours.
    {
      name: "two digits swapped that are not neighbours",
      take: harbourWith("energy.purchased_electricity", "dongguan", "48,152.6"),
    },
    // one digit wrong: 18,452.6 → 18,453.6
    { name: "one digit off", take: harbourWith("energy.purchased_electricity", "dongguan", "18,453.6") },
    // a digit more: 118,452.6 has seven digits against six
    { name: "another length", take: harbourWith("energy.purchased_electricity", "dongguan", "118,452.6") },
    // two neighbours changed, neither moved to the other's place: 5,2 → 6,3
    {
      name: "two adjacent digits changed, not swapped",
      take: harbourWith("energy.purchased_electricity", "dongguan", "18,463.6"),
    },
    // half a swap: the 5 moved one place right, but a 3 took its place instead of the 2
    {
      name: "one digit moved, another changed",
      take: harbourWith("energy.purchased_electricity", "dongguan", "18,435.6"),
    },
  ],
  invalid: [
    // 18,452.6 → 18,542.6: the 4 and the 5 swapped.
    {
      name: "the hundreds and tens swapped",
      take: harbourWith("energy.purchased_electricity", "dongguan", "18,542.6"),
      expected: {
        code: "transposition",
        message:
          "two adjacent digits are swapped (18,452.6 printed as 18,542.6): the difference is a multiple of 9 in the last places",
      },
    },
    // the first two digits: 18,452.6 → 81,452.6
    {
      name: "the first two digits swapped",
      take: harbourWith("energy.purchased_electricity", "dongguan", "81,452.6"),
      expected: {
        code: "transposition",
        message:
          "two adjacent digits are swapped (18,452.6 printed as 81,452.6): the difference is a multiple of 9 in the last places",
      },
    },
  ],
});

ruleTester("restated", {
  valid: [
    // Group 2022 scope 2 as this report prints it (27,944.1) is what the data gives: a match, nothing to say.
    { name: "a match", take: () => cell(harbour(), "ghg.scope2", "group@2022") },
    // Ningbo has no second column for 2023: no twin to compare with.
    { name: "a cell without a twin column", take: () => cell(harbour(), "water.municipal", "ningbo") },
    // The change column is not a figure of a period.
    { name: "a change column", take: () => cell(harbour(), "energy.total", "group@2022..2023") },
    // Without a column (how a recalculation finding is checked) there is no twin to look for.
    {
      name: "a finding without a column",
      take: () => {
        const c = cell(harbour(), "ghg.scope2", "group@2022-as-published");
        return { f: c.f, ctx: { dataset: c.ctx.dataset, nonNegative: true } };
      },
    },
  ],
  invalid: [
    // "Group 2022" prints 27,944.1 (the data, 52,664.4 MWh × 0.5306), "Group 2022 (2022 report)" 28,996.1 (× 0.5568).
    // Seen from the restated column printed differently (27,950.0), the twin's figure is the one the data supports.
    {
      name: "seen from the restated column",
      take: harbourWith("ghg.scope2", "group@2022", "27,950.0"),
      expected: {
        code: "restated",
        message:
          'the same 2022 figure is printed as 28,996.1 in column "Group 2022 (2022 report)" (2022 ESG report) and as 27,950.0 here (this report), which the data does not support either: a restatement',
      },
    },
  ],
});

ruleTester("change", {
  valid: [
    // natural gas (2,352,300 → 2,463,500 m³, +4.73 %) printed 4.7 %: a match
    { name: "a change that matches", take: () => cell(harbour(), "energy.natural_gas", "group@2022..2023") },
    // not a change column
    { name: "a figure of a period", take: () => cell(harbour(), "waste.hazardous.total", "group") },
    // without a column: nothing to compare
    {
      name: "a finding without a column",
      take: () => {
        const c = cell(harbour(), "energy.total", "group@2022..2023");
        return { f: c.f, ctx: { dataset: c.ctx.dataset, nonNegative: false } };
      },
    },
  ],
  invalid: [
    // (84,038.3 − 79,130.9) ÷ 79,130.9 = 4,907.4 ÷ 79,130.9 = 6.2016 % → printed with 1 decimal, shown with 2: 6.20.
    {
      name: "Harbourline: 6.8 % where the printed figures give 6.2 %",
      take: () => cell(harbour(), "energy.total", "group@2022..2023"),
      expected: {
        code: "change-arithmetic",
        message:
          "the printed change does not follow from the printed figures either: (84,038.3 − 79,130.9) ÷ 79,130.9 = 6.20%",
      },
    },
    // Hazardous waste: the data gives 354.02 (2023) against 331.93 (2022), +6.66 %; the table prints 368.95 for 2023.
    // From the printed figures: (368.95 − 331.93) ÷ 331.93 = 37.02 ÷ 331.93 = 11.1529 % → 11.2 %, which the table
    // would print if it computed the change from its own (wrong) 2023 figure.
    {
      name: "a change that follows from the printed figures, not the data",
      take: harbourWith("waste.hazardous.total", "group@2022..2023", "11.2"),
      expected: {
        code: "change-from-published",
        message:
          "the printed change follows from the printed figures, (368.95 − 331.93) ÷ 331.93 = 11.15%: the figures it compares disagree with the data (see their cells)",
      },
    },
  ],
});

ruleTester("formula", {
  valid: [
    // =SUM(D3:E3) for scope 1 in row 3: the cells of the plants' scope 1, the formula is right (and the cell a match).
    { name: "a match", take: () => cell(result(dir("xlsx-formula-total"), ARITHMETIC_ONLY), "ghg.scope1", "group") },
    // The same right formula, printed figure wrong (155.0 against 120.4 + 35.0 = 155.4): the formula is not the cause.
    {
      name: "a mismatch whose formula adds the right cells",
      take: () => {
        const c = cell(result(dir("xlsx-formula-total"), ARITHMETIC_ONLY), "ghg.scope1", "group");
        return { ...c, f: withPublished(c.f, "155.0", true) };
      },
    },
    // CSV cells have no formula
    { name: "a cell read from CSV", take: () => cell(harbour(), "waste.hazardous.total", "group") },
    // Only plain sums are compared: a sum with a weight other than 1 is left alone, whatever its formula adds.
    {
      name: "a weighted sum",
      take: () => {
        const c = cell(result(dir("xlsx-formula-total"), ARITHMETIC_ONLY), "ghg.scope2", "group");
        return { ...c, f: { ...c.f, recomputed: { ...c.f.recomputed!, coefficients: [new Dec(2), new Dec(1)] } } };
      },
    },
    // A formula that is not a plain sum of cells (=D4*2) is not read.
    {
      name: "a formula that is not a sum",
      take: () => {
        const c = cell(result(dir("xlsx-formula-total"), ARITHMETIC_ONLY), "ghg.scope2", "group");
        return { ...c, f: { ...c.f, source: { ...c.f.source, formula: "=D4*2" } } };
      },
    },
  ],
  invalid: [
    // The workbook (fixtures/make-xlsx-fixtures.js, "formula-total"): header in row 1, electricity row 2, scope 1
    // row 3, scope 2 row 4; Plant A in column D, Plant B in E, Group in F. F4 is =SUM(D3:E3): scope 1's cells.
    {
      name: "scope 2's group total sums the scope 1 row",
      take: () => cell(result(dir("xlsx-formula-total"), ARITHMETIC_ONLY), "ghg.scope2", "group"),
      expected: {
        code: "formula",
        message:
          "the workbook computes this cell as =SUM(D3:E3), which adds ghg.scope1 of plant-a (D3) and ghg.scope1 of plant-b (E3); the reporting tree adds ghg.scope2 of plant-a (D4) and ghg.scope2 of plant-b (E4)",
      },
    },
    // The same cell with =D4+E4+Z9: the right cells and one that holds no figure of the table.
    {
      name: "a formula that adds a cell outside the table",
      take: () => {
        const c = cell(result(dir("xlsx-formula-total"), ARITHMETIC_ONLY), "ghg.scope2", "group");
        return { ...c, f: { ...c.f, source: { ...c.f.source, formula: "=D4+E4+Z9" } } };
      },
      expected: {
        code: "formula",
        message:
          "the workbook computes this cell as =D4+E4+Z9, which adds ghg.scope2 of plant-a (D4), ghg.scope2 of plant-b (E4) and Z9 (no figure of the table); the reporting tree adds ghg.scope2 of plant-a (D4) and ghg.scope2 of plant-b (E4)",
      },
    },
    // One of the right cells only: =D4 leaves Plant B's out.
    {
      name: "a formula that adds too few cells",
      take: () => {
        const c = cell(result(dir("xlsx-formula-total"), ARITHMETIC_ONLY), "ghg.scope2", "group");
        return { ...c, f: { ...c.f, source: { ...c.f.source, formula: "=D4" } } };
      },
      expected: {
        code: "formula",
        message:
          "the workbook computes this cell as =D4, which adds ghg.scope2 of plant-a (D4); the reporting tree adds ghg.scope2 of plant-a (D4) and ghg.scope2 of plant-b (E4)",
      },
    },
  ],
});

describe("explainCauses: the unexplained cause says only what was tried", () => {
  it("an intensity: denominators and printed parts were tried, components were not (digits were)", () => {
    // Harbourline's group intensity printed 0.0700: 38,697.7 ÷ 612,480 = 0.063182; ÷ 610,000 (6.1億元) = 0.063439:
    // no denominator; the printed numerator gives the same 0.0632; 0.0700 ÷ 0.063182 = 1.10791 (no slip factor).
    const { f, ctx } = harbourWith("ghg.intensity", "group", "0.0700")();
    expect(explainCauses(f, ctx).map(text)).toEqual([
      {
        code: "unexplained",
        message:
          "no known cause: the gap is larger than rounding allows, no declared denominator reproduces the figure, it does not follow from the table's own printed figures either, and it is no known unit, scale or sign slip or digit swap; published ÷ recomputed = 1.1079",
      },
    ]);
  });

  it("a cause found: no unexplained cause besides it", () => {
    const { f, ctx } = cell(harbour(), "energy.purchased_electricity", "dongguan");
    expect(explainCauses(f, ctx).map((c) => c.code)).toEqual(["transposition"]);
  });

  it("a match or a rounding difference is not unexplained", () => {
    const m = cell(harbour(), "water.municipal", "suzhou");
    expect(explainCauses(m.f, m.ctx)).toEqual([]);
    const r = cell(harbour(), "energy.total", "east");
    expect(explainCauses(r.f, r.ctx).map((c) => c.code)).toEqual(["rounding"]);
  });
});

// fixtures/esrs-e1 (README): 2024 market-based total including scope 3 = 3,466.4 + 10,822.5 + 63,009.3 = 77,298.2,
// Plant B's removals 340.0 (2023: 310.0); fixtures/esrs-e1-scope3: group total including scope 3 = 31,347.9,
// removals 150.0, credits 500.0, net = 31,347.9 − 150.0 − 500.0 = 30,697.9.
const esrs = () => result(dir("esrs-e1"), ARITHMETIC_ONLY);
const esrsScope3 = () => result(dir("esrs-e1-scope3"), ARITHMETIC_ONLY);
const withText =
  (r: () => CheckResult, metric: string, column: string, printed: string): Take =>
  () => {
    const c = cell(r(), metric, column);
    return { ...c, f: withPublished(c.f, printed, c.ctx.nonNegative) };
  };

ruleTester("nettedIntoGross", {
  valid: [
    // 3,466.4 + 11,567.3 + 63,009.3 = 78,043.0, printed 78,043.0
    { name: "a match", take: () => cell(esrs(), "ghg.total_incl_scope3", "group") },
    // 2023: 76,129.8 printed 14,807.6 (scope 3 left out); 76,129.8 − 310.0 = 75,819.8 is not it
    {
      name: "a mismatch that is not the removals",
      take: () => cell(esrs(), "ghg.total_incl_scope3.market", "group@2023"),
    },
    // Plant A: 7,027.4 printed 7,239.8 — biogenic CO2 added (another check), and Plant A has no removals
    { name: "a figure added, not subtracted", take: () => cell(esrs(), "ghg.total_incl_scope3", "plant-a") },
    // The net total's own rule subtracts the removals: 30,697.9 − 150.0 = 30,547.9 is them counted twice, which the
    // component search says; this check leaves a rule that names the figure alone.
    {
      name: "a net total, whose rule subtracts it",
      take: withText(esrsScope3, "ghg.net_incl_scope3", "group", "30,547.9"),
    },
  ],
  invalid: [
    {
      name: "removals netted into the gross market-based total including scope 3 (esrs-e1, planted)",
      take: () => cell(esrs(), "ghg.total_incl_scope3.market", "group"),
      expected: {
        code: "netted-into-gross",
        message:
          "the published 76,958.2 is the total with ghg.removals subtracted (77,298.2 − 340.0 = 76,958.2); only a net total subtracts it: removals and carbon credits are their own lines, never netted into the gross totals (ESRS E1-7)",
      },
    },
    // scope 1 and 2, market-based: 3,466.4 + 10,822.5 = 14,288.9; − 340.0 = 13,948.9
    {
      name: "removals netted into the scope 1 and 2 total",
      take: withText(esrs, "ghg.total.market", "group", "13,948.9"),
      expected: {
        code: "netted-into-gross",
        message:
          "the published 13,948.9 is the total with ghg.removals subtracted (14,288.9 − 340.0 = 13,948.9); only a net total subtracts it: removals and carbon credits are their own lines, never netted into the gross totals (ESRS E1-7)",
      },
    },
    // 31,347.9 − 500.0 = 30,847.9: the credits, not the removals (31,347.9 − 150.0 = 31,197.9)
    {
      name: "carbon credits netted into a gross total",
      take: withText(esrsScope3, "ghg.total_incl_scope3", "group", "30,847.9"),
      expected: {
        code: "netted-into-gross",
        message:
          "the published 30,847.9 is the total with ghg.credits subtracted (31,347.9 − 500.0 = 30,847.9); only a net total subtracts it: removals and carbon credits are their own lines, never netted into the gross totals (ESRS E1-7)",
      },
    },
  ],
});

// fixtures/esrs-e1: 2024 group LB total 3,466.4 + 11,567.3 = 15,033.7, MB 3,466.4 + 10,822.5 = 14,288.9; 2023 LB
// 3,541.9 + 11,658.2 = 15,200.1, MB 3,541.9 + 11,265.7 = 14,807.6; AR 53 intensities 2024: LB 78,043.0 ÷ 412.6 =
// 189.1493 → 189.15, MB 77,298.2 ÷ 412.6 = 187.3442 → 187.34.
ruleTester("otherMethod", {
  valid: [
    { name: "a match", take: () => cell(esrs(), "ghg.total.market", "group") },
    // 76,958.2 against 77,298.2: the removals netted in, not the location-based 78,043.0
    {
      name: "a mismatch that is not the other method",
      take: () => cell(esrs(), "ghg.total_incl_scope3.market", "group"),
    },
    // scope 3 has no other method
    { name: "a metric without a counterpart", take: () => cell(esrs(), "ghg.scope3", "group") },
  ],
  invalid: [
    {
      name: "the 2023 location-based total printed as the market-based one (esrs-e1, planted)",
      take: () => cell(esrs(), "ghg.total.market", "group@2023"),
      expected: {
        code: "other-method",
        message:
          "the published 15,200.1 is ghg.total (15,200.1) of the same column: the location-based figure printed in place of the market-based one (ESRS E1-6 §49, AR 47: each method has its own figures)",
      },
    },
    {
      name: "the reverse: the market-based total printed as the location-based one",
      take: withText(esrs, "ghg.total", "group", "14,288.9"),
      expected: {
        code: "other-method",
        message:
          "the published 14,288.9 is ghg.total.market (14,288.9) of the same column: the market-based figure printed in place of the location-based one (ESRS E1-6 §49, AR 47: each method has its own figures)",
      },
    },
    {
      name: "an intensity: the location-based one printed as the market-based one",
      take: withText(esrs, "ghg.intensity_incl_scope3.market", "group", "189.15"),
      expected: {
        code: "other-method",
        message:
          "the published 189.15 is ghg.intensity_incl_scope3 (189.15) of the same column: the location-based figure printed in place of the market-based one (ESRS E1-6 §49, AR 47: each method has its own figures)",
      },
    },
  ],
});

// ---------------------------------------------------------------------------------------------------------------
// The mutation run over causes.ts (docs/testing.md, "Mutation testing") left these unexamined: the checks' guards
// (a check answers only for the findings it is about), the cause tables of outsideScopes, gwpSet and shareOfParent,
// and the denominators a site's intensity may be divided by. Every row below kills at least one surviving mutant.

/** The same finding with something changed (the check must then leave it alone, or say something else). */
const variant =
  (take: Take, change: (c: { f: Finding; ctx: CauseContext }) => { f: Finding; ctx: CauseContext }): Take =>
  () =>
    change(take());
/** The same finding called a rounding difference: only a mismatch is explained by the checks that say so. */
const asRounding = (take: Take): Take => variant(take, (c) => ({ ...c, f: { ...c.f, status: "rounding" } }));
/** Without the data's cells to compare with (how a recalculation finding reaches the checks). */
const withoutLookup = (take: Take): Take =>
  variant(take, (c) => ({
    f: c.f,
    ctx: { dataset: c.ctx.dataset, nonNegative: c.ctx.nonNegative, column: c.ctx.column },
  }));

describe("causeChecks.denominator: which other denominators are tried", () => {
  const rows: { name: string; take: Take; expected: CauseText | null }[] = [
    {
      // Ningbo's 25,384.2 MWh ÷ the group's 612,480 = 0.0414449451… → 0.0414 (fixture README); ÷ 6.1億元 = 610,000:
      // 0.0416134… → 0.0416; ÷ its own 171,530 = 0.1480. A site's intensity tries the company's revenue.
      name: "a site's intensity divided by the group's revenue",
      take: () => cell(harbour(), "energy.intensity", "ningbo"),
      expected: {
        code: "denominator",
        message:
          "follows from denominator revenue-2023 (612,480) instead: 25,384.2 ÷ 612,480 = 0.04144495, which rounds to the published 0.0414",
      },
    },
    // 25,384.2 ÷ Suzhou's 248,160 = 0.1022897 → 0.1023: another site's revenue is never a candidate.
    { name: "another site's revenue is never tried", take: harbourWith("energy.intensity", "ningbo", "0.1023") },
    {
      // esrs-e1-scope3 (README): 34,260.2 MWh ÷ 1,102.3 (high climate impact sectors) = 31.0806, printed 26.67 =
      // 34,260.2 ÷ 1,284.6 (the whole net revenue) = 26.66993617 → 26.669936 at 2 + 4 decimals.
      name: "an intensity per a part of the revenue divided by the whole revenue",
      take: () => cell(esrsScope3(), "energy.intensity_high_climate_impact", "group"),
      expected: {
        code: "denominator",
        message:
          "follows from denominator net-revenue (1,284.6) instead: 34,260.2 ÷ 1,284.6 = 26.669936, which rounds to the published 26.67",
      },
    },
    // 31,347.9 ÷ 1,102.3 = 28.4386 → 28.44: an intensity per the whole revenue never tries a part of it.
    {
      name: "an intensity per the whole revenue never tries a part of it",
      take: withText(esrsScope3, "ghg.intensity_incl_scope3", "group", "28.44"),
    },
    // 84,038.3 MWh ÷ 612,480 = 0.1372099 → 0.137: an intensity per tonne of product never tries a revenue.
    {
      name: "an intensity per tonne of product never tries a revenue",
      take: harbourWith("hl.energy.intensity.product", "group", "0.137"),
    },
    // An intensity the data cannot recompute, or one printed as no figure: nothing to divide, nothing to compare.
    {
      name: "an intensity without a recomputed figure",
      take: variant(
        () => cell(harbour(), "ghg.intensity", "group"),
        (c) => ({ ...c, f: { ...c.f, recomputed: null } }),
      ),
    },
    {
      name: "an intensity without a printed figure",
      take: variant(
        () => cell(harbour(), "ghg.intensity", "group"),
        (c) => ({ ...c, f: { ...c.f, publishedNumber: null } }),
      ),
    },
  ].map((r) => ({ expected: null, ...r }));
  for (const row of rows)
    it(row.name, () => {
      const { f, ctx } = row.take();
      expect(text(causeChecks.denominator(f, ctx))).toEqual(row.expected);
    });
});

// fixtures/esrs-e1 (README): Plant A's total including scope 3 is 2,315.4 + 4,712.0 = 7,027.4 (no scope 3 at a
// site), printed 7,239.8 = 7,027.4 + 212.4, its biogenic CO2 outside scope 1; fixtures/esrs-e1-scope3: Plant A's
// scope 1 and 2, 1,204.6 + 3,118.2 = 4,322.8, printed 4,409.2 = 4,322.8 + 86.4 (its biogenic CO2).
ruleTester("outsideScopes", {
  valid: [
    { name: "a match", take: () => cell(esrs(), "ghg.total_incl_scope3", "group") },
    // 76,958.2 = 77,298.2 − 340.0: a figure subtracted, not added (netted-into-gross says that)
    { name: "a figure subtracted", take: () => cell(esrs(), "ghg.total_incl_scope3.market", "group") },
    { name: "a rounding difference", take: asRounding(() => cell(esrs(), "ghg.total_incl_scope3", "plant-a")) },
    { name: "without the data's cells", take: withoutLookup(() => cell(esrs(), "ghg.total_incl_scope3", "plant-a")) },
    // Plant A's fossil energy 320.6 + 5,210.4 + 7,850.2 = 13,381.2 MWh printed 13,467.6 = 13,381.2 + 86.4: the
    // number of the biogenic CO2, but in tCO2e, not MWh: never added to an energy figure.
    {
      name: "a figure in another unit",
      take: withText(esrsScope3, "energy.fossil", "plant-a", "13,467.6"),
    },
  ],
  invalid: [
    {
      name: "biogenic CO2 added to Plant A's total including scope 3 (esrs-e1, planted)",
      take: () => cell(esrs(), "ghg.total_incl_scope3", "plant-a"),
      expected: {
        code: "outside-scopes-added",
        message:
          "the published 7,239.8 is the total with ghg.biogenic_co2.scope1 added (7,027.4 + 212.4 = 7,239.8); that figure is reported outside the scopes and belongs in no total (ESRS E1 AR 43(c), 45(e), 46(j))",
      },
    },
    {
      name: "biogenic CO2 added to Plant A's scope 1 and 2 (esrs-e1-scope3, planted)",
      take: () => cell(esrsScope3(), "ghg.total", "plant-a"),
      expected: {
        code: "outside-scopes-added",
        message:
          "the published 4,409.2 is the total with ghg.biogenic_co2.scope1 added (4,322.8 + 86.4 = 4,409.2); that figure is reported outside the scopes and belongs in no total (ESRS E1 AR 43(c), 45(e), 46(j))",
      },
    },
    // 7,239.9 is not 7,239.8, but the sum's interval reaches it: 2,315.4, 4,712.0 and 212.4 each ± 0.05 give
    // [7,239.65, 7,239.95], which meets 7,239.9's [7,239.85, 7,239.95).
    {
      name: "the sum within rounding of the published figure",
      take: withText(esrs, "ghg.total_incl_scope3", "plant-a", "7,239.9"),
      expected: {
        code: "outside-scopes-added",
        message:
          "the published 7,239.9 is the total with ghg.biogenic_co2.scope1 added (7,027.4 + 212.4 = 7,239.8); that figure is reported outside the scopes and belongs in no total (ESRS E1 AR 43(c), 45(e), 46(j))",
      },
    },
  ],
});

ruleTester("nettedIntoGross", {
  valid: [
    {
      name: "a rounding difference",
      take: asRounding(() => cell(esrs(), "ghg.total_incl_scope3.market", "group")),
    },
    // 77,298.2 − 1,418.2 (scope 3 category 6) = 75,880.0: a category left out, which no rule subtracts: not netting.
    {
      name: "a figure that another rule adds, left out",
      take: withText(esrs, "ghg.total_incl_scope3.market", "group", "75,880.0"),
    },
    // Plant A's 4,322.8 − 300.0 = 4,022.8: the number of its energy sold (MWh, which energy.gri_total subtracts),
    // never netted from a CO2e.
    { name: "a figure in another unit", take: withText(esrsScope3, "ghg.total_incl_scope3", "plant-a", "4,022.8") },
  ],
  invalid: [],
});

ruleTester("otherMethod", {
  valid: [
    { name: "a rounding difference", take: asRounding(() => cell(esrs(), "ghg.total.market", "group@2023")) },
    { name: "without the data's cells", take: withoutLookup(() => cell(esrs(), "ghg.total.market", "group@2023")) },
  ],
  invalid: [],
});

// fixtures/gases-gwp (README): pinned AR5; Site A printed 1,354.7 = 1,250.0 + 2.400 × 25 + 0.150 × 298 (AR4);
// AR5 gives 1,250.0 + 67.2 + 39.75 = 1,356.95, SAR 1,250.0 + 50.4 + 46.5 = 1,346.9; AR6 has no CH4 GWP. Pinned to AR4
// (a copy of the fixture): Site B 830.0 + 1.100 × 25 + 0.080 × 298 = 881.34 against 882.0, which AR5 gives
// (830.0 + 30.8 + 21.2) and SAR does not (877.9); Site C 0.500 × 1,430 = 715.0 against 650.0 = 0.500 × 1,300 (SAR and
// AR5 alike).
const gases = () => result(dir("gases-gwp"), ARITHMETIC_ONLY);
let gasesAr4Dir: string | undefined;
const gasesAr4 = () => {
  if (!gasesAr4Dir) {
    gasesAr4Dir = mkdtempSync(join(tmpdir(), "esg-gwp-ar4-"));
    cpSync(dir("gases-gwp"), gasesAr4Dir, { recursive: true });
    const manifest = join(gasesAr4Dir, "manifest.json");
    writeFileSync(manifest, readFileSync(manifest, "utf8").replace('"gwp": "AR5"', '"gwp": "AR4"'));
  }
  return result(gasesAr4Dir, ARITHMETIC_ONLY);
};

ruleTester("gwpSet", {
  valid: [
    // 830.0 + 1.100 × 28 + 0.080 × 265 = 882.0
    { name: "a match", take: () => cell(gases(), "ghg.gases.co2e", "site-b") },
    // 1,400.0: neither AR4 (1,354.7) nor SAR (1,346.9)
    { name: "a CO2e no other set reproduces", take: withText(gases, "ghg.gases.co2e", "site-a", "1,400.0") },
    { name: "a rounding difference", take: asRounding(() => cell(gases(), "ghg.gases.co2e", "site-a")) },
    // esrs-e1's 2023 market-based total: an identity with no gas weighed by a GWP
    { name: "an identity without gases", take: () => cell(esrs(), "ghg.total.market", "group@2023") },
  ],
  invalid: [
    {
      name: "Site A computed with AR4 in a dataset pinned to AR5 (planted)",
      take: () => cell(gases(), "ghg.gases.co2e", "site-a"),
      expected: {
        code: "gwp-set",
        message:
          'the published 1,354.7 follows from the gases with the AR4 GWPs, not the AR5 ones the dataset uses: if the report used AR4, pin it in the manifest: "factors": { "gwp": "AR4" }',
      },
    },
    {
      name: "pinned to AR4: Site B follows from AR5",
      take: () => cell(gasesAr4(), "ghg.gases.co2e", "site-b"),
      expected: {
        code: "gwp-set",
        message:
          'the published 882.0 follows from the gases with the AR5 GWPs, not the AR4 ones the dataset uses: if the report used AR5, pin it in the manifest: "factors": { "gwp": "AR5" }',
      },
    },
    {
      name: "pinned to AR4: Site C's HFC-134a has the same GWP in SAR and AR5, so no set is named",
      take: () => cell(gasesAr4(), "ghg.gases.co2e", "site-c"),
      expected: {
        code: "gwp-set-ambiguous",
        message:
          "the published figure follows from the gases with the GWPs of SAR, AR5 alike (not with AR4, which the dataset uses), so no set can be named",
      },
    },
  ],
});

ruleTester("shareOfParent", {
  valid: [
    { name: "a rounding difference", take: asRounding(() => cell(harbour(), "hl.energy_share", "ningbo")) },
    { name: "without the data's cells", take: withoutLookup(() => cell(harbour(), "hl.energy_share", "ningbo")) },
  ],
  invalid: [],
});

ruleTester("scaleSlip", {
  valid: [{ name: "a rounding difference", take: asRounding(harbourWith("water.municipal", "ningbo", "627,300")) }],
  invalid: [],
});

ruleTester("signSlip", {
  valid: [{ name: "a rounding difference", take: asRounding(() => cell(harbour(), "ghg.scope1", "group@2022..2023")) }],
  invalid: [],
});

ruleTester("transposition", {
  valid: [
    {
      name: "a rounding difference",
      take: asRounding(harbourWith("energy.purchased_electricity", "dongguan", "18,542.6")),
    },
    // 18,452.6 → 185,426.7: the 4 and 5 swapped, then a digit more: another length
    { name: "a swap and a digit more", take: harbourWith("energy.purchased_electricity", "dongguan", "185,426.7") },
    // 18,452.6 → 18,542.7: a swap, and the last digit changed as well: three digits differ
    {
      name: "a swap and another digit changed",
      take: harbourWith("energy.purchased_electricity", "dongguan", "18,542.7"),
    },
    // 18,452.6 → 18,423.6: the 2 moved one place left, but a 3 took the place of the 5
    {
      name: "one digit moved left, another changed",
      take: harbourWith("energy.purchased_electricity", "dongguan", "18,423.6"),
    },
  ],
  invalid: [],
});

ruleTester("components", {
  valid: [{ name: "a rounding difference", take: asRounding(() => cell(esrsScope3(), "ghg.scope3", "group")) }],
  invalid: [
    // esrs-e1-scope3 (README): energy.gri_total = own operations − energy sold: 34,595.7 − 300.0 = 34,295.7, printed
    // 34,895.7 = 34,595.7 + 300.0. The energy sold's coefficient is −1, so the term is shown weighted.
    {
      name: "energy sold added instead of subtracted (esrs-e1-scope3, planted)",
      take: () => cell(esrsScope3(), "energy.gri_total", "group"),
      expected: {
        code: "component-sign",
        message:
          "the published figure adds energy.sold of group (-1 × 300.0 = -300.0) instead of subtracting it: the only combination of its 2 components left out, counted twice or with the wrong sign that fits",
      },
    },
    // ghg.total_incl_scope3 = scope 1 + scope 2 + scope 3 = 2,066.9 + 5,622.5 + 23,658.5; with scope 1 subtracted:
    // −2,066.9 + 5,622.5 + 23,658.5 = 27,214.1.
    {
      name: "a term subtracted instead of added",
      take: withText(esrsScope3, "ghg.total_incl_scope3", "group", "27,214.1"),
      expected: {
        code: "component-sign",
        message:
          "the published figure subtracts ghg.scope1 of group (2,066.9) instead of adding it: the only combination of its 3 components left out, counted twice or with the wrong sign that fits",
      },
    },
  ],
});

ruleTester("restated", {
  valid: [
    // group@2022 printed 28,996.1, as the 2022 report's column prints it: the two columns agree, nothing restated
    { name: "the twin prints the same figure", take: harbourWith("ghg.scope2", "group@2022", "28,996.1") },
    // The group's 2023 total is printed once in the key figures; Table 4 prints it again (38.70, in kt): another
    // table, another unit, no restatement.
    {
      name: "a column of the same node and period in another table",
      take: harbourWith("ghg.total", "group", "38,800.0"),
    },
  ],
  invalid: [
    // Without a recomputed figure there is nothing to say which of the two the data supports.
    {
      name: "no verdict without a recomputed figure",
      take: variant(
        () => cell(harbour(), "ghg.scope2", "group@2022-as-published"),
        (c) => ({ ...c, f: { ...c.f, recomputed: null } }),
      ),
      expected: {
        code: "restated",
        message:
          'the same 2022 figure is printed as 27,944.1 in column "Group 2022" (this report) and as 28,996.1 here (2022 ESG report): a restatement',
      },
    },
  ],
});

ruleTester("fromPublished", {
  valid: [],
  invalid: [
    // esrs-e1-scope3: net = gross − removals − credits; the table's gross 7,689.4 (scope 3 left out, planted) −
    // 150.0 − 500.0 = 7,039.4; the data's net is 31,347.9 − 150.0 − 500.0 = 30,697.9.
    {
      name: "a net total from the printed gross total, with its subtractions",
      take: withText(esrsScope3, "ghg.net_incl_scope3", "group", "7,039.4"),
      expected: {
        code: "from-published",
        message:
          "the published 7,039.4 follows from the table's own printed figures, not from the data: 7,689.4 − 150.0 − 500.0 = 7,039.4; the printed ghg.total_incl_scope3 at group disagrees with the data (see its cell)",
      },
    },
  ],
});

describe("causes in the report's language, weighted terms, and the unexplained cause's parts", () => {
  it("a slip's meaning is given in the report's language (zh-Hant)", () => {
    // Ningbo's water printed in thousand m³ (÷ 1000): data/catalogue/slips.json's zh-Hant meaning of 1000.
    const { f, ctx } = cell(harbour(), "water.municipal", "ningbo");
    const cause = causeChecks.scaleSlip(f, ctx)!;
    expect(formatMessage(texts.value, "zh-Hant", cause.message)).toContain(
      "千：以千瓦時當兆瓦時、以千克當噸、以人民幣千元當人民幣百萬元",
    );
  });

  it("a term weighed by a coefficient with decimals is shown with the product's decimals", () => {
    // fixtures/custom-metrics: energy.net_purchased = purchased total − 0.5 × heat; the group's 2,346.3 − 0.5 × 345.5
    // = 2,346.3 − 172.75 = 2,173.55. Printed 2,346.3: the heat left out; −0.5 × 345.5 = −172.75 (1 + 1 decimals).
    const { f, ctx } = withText(
      () => result(dir("custom-metrics"), ARITHMETIC_ONLY),
      "energy.net_purchased",
      "group",
      "2,346.3",
    )();
    expect(text(causeChecks.components(f, ctx))).toEqual({
      code: "one-component",
      message:
        "the published figure leaves out energy.purchased_heat of group (-0.5 × 345.5 = -172.75): the only combination of its 2 components left out, counted twice or with the wrong sign that fits",
    });
  });

  it("an identity with no cause: components and the table's printed figures were tried", () => {
    // esrs-e1-scope3: 2,066.9 + 5,622.5 + 23,658.5 = 31,347.9 printed 40,000.0; no slip, swap or combination (the
    // largest with each term at most twice, 2 × 2,066.9 + 2 × 5,622.5 + 23,658.5 = 39,037.3, and 2 × 31,347.9 are not
    // it); the printed terms give 2,066.9 + 5,622.5 + 23,245.7 = 30,935.1. 40,000.0 ÷ 31,347.9 = 1.27600…
    const { f, ctx } = withText(esrsScope3, "ghg.total_incl_scope3", "group", "40,000.0")();
    expect(explainCauses(f, ctx).map(text)).toEqual([
      {
        code: "unexplained",
        message:
          "no known cause: the gap is larger than rounding allows, it does not follow from the table's own printed figures either, and it is no known unit, scale or sign slip, digit swap, or combination of components left out, counted twice or with the wrong sign; published ÷ recomputed = 1.2760",
      },
    ]);
  });

  it("a sum whose parts the table does not print: the printed figures were not tried", () => {
    // esrs-e1: scope 3 category 1 at the group is the value chain's 48,215.6 (a node the table does not print);
    // printed 50,000.0: 50,000.0 ÷ 48,215.6 = 1.03700…, no slip; the one term left out (0) or twice (96,431.2) is not it.
    const { f, ctx } = withText(esrs, "ghg.scope3.c01", "group", "50,000.0")();
    const expected = {
      code: "unexplained",
      message:
        "no known cause: the gap is larger than rounding allows, and it is no known unit, scale or sign slip, digit swap, or combination of components left out, counted twice or with the wrong sign; published ÷ recomputed = 1.0370",
    };
    expect(explainCauses(f, ctx).map(text)).toEqual([expected]);
    // Without a column (a recalculation finding), nothing printed is read either.
    expect(
      explainCauses(f, { dataset: ctx.dataset, nonNegative: ctx.nonNegative, lookup: ctx.lookup }).map(text),
    ).toEqual([expected]);
  });
});

describe("components: many fits, and an identity of one term", () => {
  /** A recomputed cell of exact inputs (point intervals), as the 700-site test above builds it. */
  const exact = (node: string, v: string, kind: Recomputed["kind"], inputs: Recomputed[] = []): Recomputed => ({
    metric: "waste.hazardous.total",
    node,
    period: "FY",
    kind,
    value: new Dec(v),
    interval: { lo: new Dec(v), hi: new Dec(v) },
    inputs,
    scale: 1,
  });
  const finding = (recomputed: Recomputed, kind: Finding["kind"], printed: string, nonNegative: boolean) => {
    const { f: real, ctx } = cell(hostile("cause-printed-subtotals"), "waste.hazardous.total", "group");
    const f = withPublished(
      { ...real, kind, recomputed, recomputedExact: recomputed.value, recomputedInterval: recomputed.interval },
      printed,
      nonNegative,
    );
    return { f, ctx: { ...ctx, nonNegative } };
  };

  it("more than three combinations fit: three are shown and the rest counted", () => {
    // Five sites of 1.0 t, 5.0 in all, printed 4.0. Fits: one site left out (5 ways), or two left out and a third
    // counted twice (C(5, 2) × 3 = 30 ways); nothing else of up to three slips gives 4.0: 35 combinations, 3 shown.
    const sites = Array.from({ length: 5 }, (_, i) => exact(`site-${i}`, "1.0", "input"));
    const { f, ctx } = finding(exact("group", "5.0", "sum", sites), "sum", "4.0", true);
    expect(f.status).toBe("mismatch");
    const expected = bruteForce(f, true, false);
    expect(expected).toHaveLength(35);
    const cause = causeChecks.components(f, ctx)!;
    expect(cause.code).toBe("components-ambiguous");
    const said = text(cause)!.message;
    expect(said).toMatch(/^35 combinations of components left out or counted twice fit the published figure/);
    expect(said).toMatch(/; and 32 more$/);
    expect(named(cause)).toHaveLength(3);
    for (const fit of named(cause)) expect(expected).toContain(fit);
  });

  it("two combinations fit: both shown, nothing counted after them", () => {
    // fixtures/hostile/cause-two-fits (README): 300.0 + 120.0 + 180.0 = 600.0 printed 300.0: plant-a left out, or
    // plant-b and plant-c (120.0 + 180.0 = 300.0); every combination of the three was searched.
    const { f, ctx } = cell(hostile("cause-two-fits"), "energy.purchased_electricity", "group");
    expect(text(causeChecks.components(f, ctx))).toEqual({
      code: "components-ambiguous",
      message:
        "2 combinations of components left out or counted twice fit the published figure, so none can be named: it leaves out energy.purchased_electricity of plant-a (300.0); or it leaves out energy.purchased_electricity of plant-b (120.0) and leaves out energy.purchased_electricity of plant-c (180.0)",
    });
  });

  it("an identity of one term printed with the opposite sign is left to sign-slip", () => {
    // One term of 5.0 printed −5.0: leaving it out gives 0, counting it twice 10.0; its sign is the whole figure's.
    const { f, ctx } = finding(
      exact("group", "5.0", "identity", [exact("group", "5.0", "input")]),
      "identity",
      "-5.0",
      false,
    );
    expect(f.status).toBe("mismatch");
    expect(causeChecks.components(f, ctx)).toBeNull();
    expect(text(causeChecks.signSlip(f, ctx))?.code).toBe("sign-slip");
  });
});

// Harbourline as copied out of a PDF: every quoted cell of published.csv carries a space on each side (" 84,038.3 ").
// The causes quote the printed figures as printed, without the spaces: the same sentences as the tables above.
let paddedDir: string | undefined;
const padded = () => {
  if (!paddedDir) {
    paddedDir = mkdtempSync(join(tmpdir(), "esg-padded-"));
    cpSync(dir("harbourline"), paddedDir, { recursive: true });
    const csv = join(paddedDir, "published.csv");
    writeFileSync(csv, readFileSync(csv, "utf8").replace(/,"([^"]*)"/g, ',"  $1 "'));
  }
  return result(paddedDir, ARITHMETIC_ONLY);
};

describe("figures printed with spaces around them are quoted without", () => {
  it("the setup: the cells carry the spaces", () => {
    const { f } = cell(padded(), "energy.total", "group");
    expect(f.published).toBe("  84,038.3 ");
  });

  it("change: the printed figures it compares", () => {
    // (84,038.3 − 79,130.9) ÷ 79,130.9 = 6.2016 %, as in the change table above
    const { f, ctx } = cell(padded(), "energy.total", "group@2022..2023");
    expect(text(causeChecks.change(f, ctx))?.message).toBe(
      "the printed change does not follow from the printed figures either: (84,038.3 − 79,130.9) ÷ 79,130.9 = 6.20%",
    );
  });

  it("restated: the twin's figure and this one", () => {
    const { f, ctx } = cell(padded(), "ghg.scope2", "group@2022-as-published");
    expect(text(causeChecks.restated(f, ctx))?.message).toBe(
      'the same 2022 figure is printed as 27,944.1 in column "Group 2022" (this report) and as 28,996.1 here (2022 ESG report), which the data supports: a restatement',
    );
  });

  it("from-published: the printed part and the published figure", () => {
    // 34,191.5 ÷ 568,930 = 0.0600977… → 0.060098, as in the table above; the published figure given as " 0.0601 "
    const c = cell(padded(), "ghg.intensity", "group@2022-as-published");
    const f = withPublished(c.f, " 0.0601 ", true);
    expect(text(causeChecks.fromPublished(f, c.ctx))?.message).toBe(
      "the published 0.0601 follows from the table's own printed figures, not from the data: 34,191.5 ÷ 568,930 = 0.060098; the printed ghg.total at group@2022-as-published disagrees with the data (see its cell)",
    );
  });
});
