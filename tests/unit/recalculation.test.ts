// src/reconcile/recalculation.ts on its own: recalculations written by hand (value, interval, terms, methods)
// against the published facility cells of a small in-memory table, one case per status and per cause the check
// gives (factors, factor-range, alternative-method, nothing-to-recalculate, scale-slip.about, pin-hint). Every
// expected figure is worked out by hand in a comment; the recalculations themselves are run elsewhere
// (tests/unit/recipes.test.ts).
import { describe, expect, it } from "vitest";
import type { ImpliedFactor } from "../../src/compute/implied.js";
import type { RecalcTerm, Recalculation } from "../../src/compute/recalculate.js";
import type { Recomputed } from "../../src/compute/recompute.js";
import type { Finding } from "../../src/findings/finding.js";
import { formatMessage } from "../../src/findings/message.js";
import { parseCsv } from "../../src/io/csv.js";
import { loadCatalogue, loadTexts } from "../../src/io/reference.js";
import { Dec } from "../../src/model/decimal.js";
import { buildFactors, type Factor } from "../../src/model/factors.js";
import { recalculationSlip } from "../../src/reconcile/causes.js";
import {
  factorNames,
  pinHintCause,
  reconcileRecalculations,
  relativeDifference,
} from "../../src/reconcile/recalculation.js";
import { memoryDataset } from "./memoryDataset.js";

const catalogue = loadCatalogue();
if (!catalogue.ok) throw new Error(JSON.stringify(catalogue.errors));
const cat = catalogue.value;
const texts = loadTexts();
if (!texts.ok) throw new Error(JSON.stringify(texts.errors));
const say = (f: Finding) =>
  f.causes.map((c) => ({ code: c.code, message: formatMessage(texts.value, "en", c.message) }));

// Grid factors already in base units (tCO2/MWh): a printed value stands for ± half a unit of its last digit;
// grid-wide has a range 0.4–0.6 besides.
const FACTORS = `id,kind,activity,value,low,high,unit,region,year,document,issuer,date,attribution,note
grid-a,grid,electricity,0.5000,,,tCO2/MWh,T,2023,test,,,uncertain,
grid-b,grid,electricity,0.6000,,,tCO2/MWh,T,2023,test,,,uncertain,
grid-wide,grid,electricity,0.5000,0.4000,0.6000,tCO2/MWh,T,2023,test,,,uncertain,
`;
const parsed = parseCsv(FACTORS, "factors.csv");
if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
const built = buildFactors([parsed.value], cat);
if (!built.ok) throw new Error(JSON.stringify(built.errors));
const F = (id: string): Factor => built.value.find((f) => f.id === id)!;

// Published scope 2 of five sites: the recalculations below are compared with these cells.
const PUBLISHED = `section,label,unit,Site A,Site B,Site C,Site D,Site E,Group
Greenhouse gas emissions,Scope 2,tCO2e,50.0,52.0,60.0,0.0,/,162.0
Greenhouse gas emissions,Scope 1,tCO2e,180.0,56.0,/,/,/,236.0
`;
const { dataset } = memoryDataset(cat, {
  id: "unit-recalculation",
  units: ["a", "b", "c", "d", "e"].map((x) => ({ id: `site-${x}`, label: `Site ${x.toUpperCase()}` })),
  published: PUBLISHED,
  activity: { "energy.csv": "facility,metric,value,unit\nsite-a,energy.purchased_electricity,100.0,MWh\n" },
});

const d = (s: string) => new Dec(s);
const iv = (lo: string, hi: string) => ({ lo: d(lo), hi: d(hi) });
const show = (i: { lo: Dec; hi: Dec } | null | undefined) => (i ? [i.lo.toFixed(), i.hi.toFixed()] : null);
/** An electricity quantity as printed with one decimal: ± 0.05. */
const electricity = (facility: string, mwh: string): Recomputed => ({
  metric: "energy.purchased_electricity",
  node: facility,
  period: "FY2023",
  kind: "input",
  value: d(mwh),
  interval: { lo: d(mwh).minus("0.05"), hi: d(mwh).plus("0.05") },
  inputs: [],
});
/** quantity × one factor, with value and interval given by hand. */
const gridTerm = (q: Recomputed, f: Factor, value: string, lo: string, hi: string): RecalcTerm => ({
  quantity: q,
  factors: [f],
  constants: [],
  value: d(value),
  interval: iv(lo, hi),
});

function recalc(
  facility: string,
  metric: string,
  terms: RecalcTerm[],
  value: string,
  lo: string,
  hi: string,
  more: Partial<Recalculation> = {},
): Recalculation {
  return {
    check: metric === "ghg.scope2" ? "scope2" : "scope1",
    title: "recipe.title",
    metric,
    facility,
    value: d(value),
    interval: iv(lo, hi),
    terms,
    plus: [],
    method: null,
    alternatives: [],
    ...more,
  };
}

const MATERIALITY = d("0.05");
const noImplied = () => [] as ImpliedFactor[];
const run = (r: Recalculation, implied: () => readonly ImpliedFactor[] = noImplied) =>
  reconcileRecalculations(dataset, [r], MATERIALITY, implied);

// Site A: 100.0 MWh × 0.5000 = 50.0; interval [99.95 × 0.49995, 100.05 × 0.50005] = [49.9700025, 50.0300025].
const A = () =>
  recalc(
    "site-a",
    "ghg.scope2",
    [gridTerm(electricity("site-a", "100.0"), F("grid-a"), "50", "49.9700025", "50.0300025")],
    "50",
    "49.9700025",
    "50.0300025",
  );

describe("relativeDifference: (recalculated − published) ÷ published", () => {
  it("52.5 against 50 is +0.05; 47.5 is −0.05", () => {
    expect(relativeDifference(d("52.5"), d("50"))!.toFixed()).toBe("0.05");
    expect(relativeDifference(d("47.5"), d("50"))!.toFixed()).toBe("-0.05");
  });
  it("zero against a published zero is 0; anything else against zero has no ratio", () => {
    expect(relativeDifference(d("0"), d("0"))!.toFixed()).toBe("0");
    expect(relativeDifference(d("1"), d("0"))).toBeNull();
  });
});

describe("factorNames: the factors of the terms that count", () => {
  const gas = (v: string): Recomputed => ({ ...electricity("site-a", v), metric: "energy.natural_gas" });
  it("each factor once, in term order, leaving out the terms whose quantity is zero", () => {
    const r = recalc(
      "site-a",
      "ghg.scope1",
      [
        gridTerm(gas("1"), F("grid-b"), "0", "0", "0"),
        gridTerm(gas("0"), F("grid-wide"), "0", "0", "0"),
        gridTerm(gas("2"), F("grid-b"), "0", "0", "0"),
        gridTerm(gas("3"), F("grid-a"), "0", "0", "0"),
      ],
      "0",
      "0",
      "0",
    );
    expect(factorNames(r)).toBe("grid-b, grid-a");
  });
  it("all quantities zero: every term's factors are named", () => {
    const r = recalc(
      "site-a",
      "ghg.scope1",
      [gridTerm(gas("0"), F("grid-b"), "0", "0", "0"), gridTerm(gas("0"), F("grid-a"), "0", "0", "0")],
      "0",
      "0",
      "0",
    );
    expect(factorNames(r)).toBe("grid-b, grid-a");
  });
});

describe("reconcileRecalculations: one finding per recalculation with a published number", () => {
  it("within materiality at the factors' values: 50.0 against 50.0 is 0.0 %", () => {
    const [f, ...rest] = run(A());
    expect(rest).toEqual([]);
    expect(f!.status).toBe("within-materiality");
    expect(f!.kind).toBe("recalculation");
    expect(f!.relativeDifference!.toFixed()).toBe("0");
    expect(f!.recomputedRounded!.toFixed(1)).toBe("50.0");
    expect(f!.difference!.toFixed(1)).toBe("0.0");
    expect(say(f!)).toEqual([
      { code: "factors", message: "factors grid-a: 0.0% against the published figure (materiality 5.0%)" },
    ]);
  });

  it("within materiality: 50.0 against 52.0 is (50 − 52) ÷ 52 = −3.8 %", () => {
    const f = run({ ...A(), facility: "site-b" })[0]!;
    expect(f.status).toBe("within-materiality");
    expect(f.relativeDifference!.times(1000).toDecimalPlaces(1).toFixed()).toBe("-38.5"); // −2 ÷ 52 = −0.0384615…
    expect(f.difference!.toFixed(1)).toBe("-2.0");
    expect(say(f)).toEqual([
      { code: "factors", message: "factors grid-a: -3.8% against the published figure (materiality 5.0%)" },
    ]);
  });

  it("material: 50.0 against 60.0 is −16.7 %, and the factors' intervals [49.97, 50.03] do not reach [59.95, 60.05]", () => {
    const f = run({ ...A(), facility: "site-c" })[0]!;
    expect(f.status).toBe("material");
    expect(say(f)).toEqual([
      { code: "factors", message: "factors grid-a: -16.7% against the published figure (materiality 5.0%)" },
    ]);
  });

  it("at the edge: a relative difference of exactly 5 % is within materiality (52.5 against 50.0)", () => {
    const f = run(recalc("site-a", "ghg.scope2", A().terms, "52.5", "52.5", "52.5"))[0]!;
    expect(f.relativeDifference!.toFixed()).toBe("0.05");
    expect(f.status).toBe("within-materiality");
  });

  it("beyond materiality at the factors' values but within their range: 100.0 MWh × 0.4–0.6 = [39.98, 60.03] holds 56.0", () => {
    // site-b prints 56.0 for scope 1: (50 − 56) ÷ 56 = −10.7 %; the range [99.95 × 0.4, 100.05 × 0.6] = [39.98, 60.03],
    // shown at the published precision rounded outwards: [39.9, 60.1].
    const r = recalc(
      "site-b",
      "ghg.scope1",
      [gridTerm(electricity("site-b", "100.0"), F("grid-wide"), "50", "39.98", "60.03")],
      "50",
      "39.98",
      "60.03",
    );
    const f = run(r)[0]!;
    expect(f.status).toBe("within-materiality");
    expect(say(f)).toEqual([
      { code: "factors", message: "factors grid-wide: -10.7% against the published figure (materiality 5.0%)" },
      {
        code: "factor-range",
        message:
          "beyond 5.0% at the factors' printed values, but the range the factors allow, [39.9, 60.1], includes the published 56.0",
      },
    ]);
  });

  it("the pinned method is named, and each other method's figure given with its own relative difference", () => {
    // m2: 55.0 against 50.0 = +10.0 %; m3: 50.0, exactly the published figure (0.0 %).
    const r = {
      ...A(),
      method: "m1",
      alternatives: [
        { method: "m2", value: d("55"), interval: iv("55", "55"), terms: [] },
        { method: "m3", value: d("50"), interval: iv("50", "50"), terms: [] },
      ],
    };
    expect(say(run(r)[0]!)).toEqual([
      { code: "factors", message: "method m1, factors grid-a: 0.0% against the published figure (materiality 5.0%)" },
      { code: "alternative-method", message: "with method m2: 55.0 (+10.0%)" },
      { code: "alternative-method", message: "with method m3: 50.0 (0.0%)" },
    ]);
  });

  it("nothing to recalculate from and a published zero: a match, with no materiality judgement", () => {
    const f = run(
      recalc(
        "site-d",
        "ghg.scope2",
        [gridTerm(electricity("site-d", "0.0"), F("grid-a"), "0", "0", "0.025")],
        "0",
        "0",
        "0.025",
      ),
    )[0]!;
    expect(f.status).toBe("match");
    expect(f.kind).toBe("recalculation");
    expect(f.key).toBe("ghg.scope2/site-d/recalculation");
    expect(show(f.publishedInterval)).toEqual(["0", "0.05"]); // 0.0 of a quantity that cannot be negative
    expect(f.relativeDifference).toBeNull();
    expect(say(f)).toEqual([
      {
        code: "nothing-to-recalculate",
        message:
          "the activity data gives nothing to recalculate from (every activity figure it uses is printed as zero): recalculated 0 against the published 0.0, a match; no materiality judgement (a share of zero means nothing)",
      },
    ]);
  });

  it("a recalculation against a published zero it does not give: no relative difference, material", () => {
    // 50 against 0.0: no ratio; [49.97, 50.03] does not reach [0, 0.05].
    const f = run({ ...A(), facility: "site-d" })[0]!;
    expect(f.key).toBe("ghg.scope2/site-d/recalculation");
    expect(show(f.publishedInterval)).toEqual(["0", "0.05"]); // not [−0.05, 0.05]: emissions cannot be negative
    expect(f.relativeDifference).toBeNull();
    expect(f.status).toBe("material");
    expect(say(f)).toEqual([{ code: "factors", message: "factors grid-a" }]);
  });

  it("nothing published to compare with (/ or no cell): no finding", () => {
    expect(run({ ...A(), facility: "site-e" })).toEqual([]);
    expect(run(recalc("site-a", "energy.direct", A().terms, "50", "50", "50"))).toEqual([]);
  });

  it("a material figure about 3.6 × the recalculation: the slip is named (GJ where MWh was meant)", () => {
    // site-a prints 180.0 for scope 1; 180 ÷ 50 = 3.6 exactly. Ratios [179.95 ÷ 50.03, 180.05 ÷ 49.97] ≈ [3.597, 3.603],
    // widened by materiality to [3.417, 3.783]: 3.6 only (10 and 0.1229 are far away).
    const r = recalc("site-a", "ghg.scope1", A().terms, "50", "49.9700025", "50.0300025");
    const f = run(r)[0]!;
    expect(f.status).toBe("material");
    expect(say(f).at(-1)).toEqual({
      code: "scale-slip",
      message: "the published figure is about the recalculated one × 3.6: GJ per MWh",
    });
  });
});

describe("reconcileRecalculations: a row printed in another unit of the metric's dimension", () => {
  // Scope 2 printed in ktCO2e (1 kt = 1000 t): the recalculation in tCO2e is converted exactly, × 1/1000.
  const kt = memoryDataset(cat, {
    id: "unit-recalculation-kt",
    units: ["a", "b", "c"].map((x) => ({ id: `site-${x}`, label: `Site ${x.toUpperCase()}` })),
    published: `section,label,unit,Site A,Site B,Site C,Group
Greenhouse gas emissions,Scope 2,ktCO2e,0.0500,0.0600,0.1800,0.2900
`,
    activity: { "energy.csv": "facility,metric,value,unit\nsite-a,energy.purchased_electricity,100.0,MWh\n" },
  }).dataset;
  const runKt = (r: Recalculation) => reconcileRecalculations(kt, [r], MATERIALITY, noImplied);

  it("50 t against 0.0500 kt: 50 × 1/1000 = 0.05, within; the conversion is kept on the finding", () => {
    const r = { ...A(), alternatives: [{ method: "m2", value: d("55"), interval: iv("55", "55"), terms: [] }] };
    const f = runKt(r)[0]!;
    expect(f.status).toBe("within-materiality");
    expect(f.conversion!.from).toBe("tCO2e");
    expect(f.conversion!.to).toBe("ktCO2e");
    expect(f.conversion!.factor.toFixed()).toBe("0.001");
    expect(f.conversion!.value.toFixed()).toBe("50"); // the recalculation as worked, in the metric's unit
    expect(f.recomputedExact!.toFixed()).toBe("0.05");
    expect(f.recalculation!.value.toFixed()).toBe("0.05");
    // [49.9700025, 50.0300025] ÷ 1000
    expect(show(f.recomputedInterval)).toEqual(["0.0499700025", "0.0500300025"]);
    expect(f.relativeDifference!.toFixed()).toBe("0");
    // the other method's 55 t is 0.055 kt, printed at the row's 4 decimals: 0.0550, (0.055 − 0.05) ÷ 0.05 = +10.0 %
    expect(f.recalculation!.alternatives.map((a) => a.value.toFixed())).toEqual(["0.055"]);
    expect(say(f)).toEqual([
      { code: "factors", message: "factors grid-a: 0.0% against the published figure (materiality 5.0%)" },
      { code: "alternative-method", message: "with method m2: 0.0550 (+10.0%)" },
    ]);
  });

  it("50 t against 0.0600 kt: (0.05 − 0.06) ÷ 0.06 = −16.7 %, material", () => {
    const f = runKt({ ...A(), facility: "site-b" })[0]!;
    expect(f.status).toBe("material");
    expect(f.difference!.toFixed(4)).toBe("-0.0100");
  });

  it("no slip cause on a converted row: 0.1800 kt against 0.05 kt is × 3.6, which in t would be named", () => {
    // the same figures in tCO2e (site-a's scope 1 above, 180.0 against 50) give scale-slip × 3.6
    const f = runKt({ ...A(), facility: "site-c" })[0]!;
    expect(f.status).toBe("material");
    expect(f.causes.map((c) => c.code)).toEqual(["factors"]);
  });

  it("a row in the metric's own unit carries no conversion", () => {
    expect(run(A())[0]!.conversion).toBeUndefined();
  });
});

describe("recalculationSlip: published ÷ recalculated within materiality of a slip factor", () => {
  const base = () => run(recalc("site-a", "ghg.scope1", A().terms, "50", "49.9700025", "50.0300025"))[0]!;
  it("only for material findings with positive intervals", () => {
    const f = base();
    expect(
      recalculationSlip({ ...f, status: "within-materiality" }, { dataset, nonNegative: true }, MATERIALITY),
    ).toBeNull();
    expect(
      recalculationSlip({ ...f, recomputedInterval: iv("0", "50") }, { dataset, nonNegative: true }, MATERIALITY),
    ).toBeNull();
    expect(
      recalculationSlip({ ...f, publishedInterval: iv("0", "180") }, { dataset, nonNegative: true }, MATERIALITY),
    ).toBeNull();
  });
  it("materiality widens the ratio: 3.6 × 0.96 = 3.456 is found with 5 %, not with 1 %", () => {
    // published [172.8, 172.8] ÷ recalculated [50, 50] = 3.456; × (1 ± 0.05) = [3.2832, 3.6288] holds 3.6;
    // × (1 ± 0.01) = [3.42144, 3.49056] does not.
    const f = { ...base(), publishedInterval: iv("172.8", "172.8"), recomputedInterval: iv("50", "50") };
    expect(recalculationSlip(f, { dataset, nonNegative: true }, d("0.05"))?.code).toBe("scale-slip");
    expect(recalculationSlip(f, { dataset, nonNegative: true }, d("0.01"))).toBeNull();
  });
  it("a ratio exactly at a slip factor counts (the ends of the interval are in it)", () => {
    // 180 ÷ 50 = 3.6 exactly, and with no materiality the interval is [3.6, 3.6]
    const f = { ...base(), publishedInterval: iv("180", "180"), recomputedInterval: iv("50", "50") };
    expect(recalculationSlip(f, { dataset, nonNegative: true }, d("0"))?.code).toBe("scale-slip");
  });
  it("a ratio near 1 ÷ 1000 names the reciprocal", () => {
    const f = { ...base(), publishedInterval: iv("0.05", "0.05"), recomputedInterval: iv("50", "50") };
    const c = recalculationSlip(f, { dataset, nonNegative: true }, MATERIALITY);
    expect(c && formatMessage(texts.value, "en", c.message)).toBe(
      "the published figure is about the recalculated one ÷ 1000: thousand: kWh for MWh, kg for t, RMB thousand for RMB million",
    );
  });
});

describe("pinHintCause: a material scope 2 that another consistent grid factor explains", () => {
  const material = () => run({ ...A(), facility: "site-c" })[0]!; // 50.0 against 60.0 with grid-a
  const implied =
    (facility: string, candidates: { f: Factor; consistent: boolean }[]): (() => ImpliedFactor[]) =>
    () => [
      {
        facility,
        kind: "grid",
        activity: "electricity",
        value: d("0.6"),
        interval: iv("0.59995", "0.60005"),
        unit: "tCO2e/MWh",
        assumed: [],
        differsFrom: [],
        candidates: candidates.map(({ f, consistent }) => ({
          id: f.id,
          kind: "factor" as const,
          factor: f,
          base: f.base,
          baseValue: f.baseValue,
          consistent,
          relative: d("0"),
        })),
      },
    ];
  const hint = (f: Finding, i: () => ImpliedFactor[]) => {
    const c = pinHintCause(f, i);
    return c && { code: c.code, message: formatMessage(texts.value, "en", c.message) };
  };

  it("invalid: 60.0 ÷ 100.0 MWh = 0.6, which grid-b gives: pin it for site-c", () => {
    expect(
      hint(
        material(),
        implied("site-c", [
          { f: F("grid-a"), consistent: false },
          { f: F("grid-b"), consistent: true },
        ]),
      ),
    ).toEqual({
      code: "pin-hint",
      message:
        'the published figure follows from grid-b (0.6000 tCO2/MWh); if the report used it, pin it in the manifest: "factors": { "gridByFacility": { "site-c": "grid-b" } }',
    });
  });
  it("the finding of reconcileRecalculations carries it last", () => {
    const f = run({ ...A(), facility: "site-c" }, implied("site-c", [{ f: F("grid-b"), consistent: true }]))[0]!;
    expect(f.causes.map((c) => c.code)).toEqual(["factors", "pin-hint"]);
  });
  it("only the analysis of the grid factor counts: an NCV analysis of the same unit before it is passed over", () => {
    const ncvFirst = () => [
      { ...implied("site-c", [{ f: F("grid-a"), consistent: true }])()[0]!, kind: "ncv" as const },
      ...implied("site-c", [{ f: F("grid-b"), consistent: true }])(),
    ];
    expect(hint(material(), ncvFirst)?.message).toContain('gridByFacility": { "site-c": "grid-b" }');
  });
  it("a recalculation with no terms, or whose first term has no factor, uses none: any consistent factor is named", () => {
    const m = material();
    const noTerms = { ...m, recalculation: { ...m.recalculation!, terms: [] } };
    const noFactor = {
      ...m,
      recalculation: { ...m.recalculation!, terms: [{ ...m.recalculation!.terms[0]!, factors: [] }] },
    };
    const i = implied("site-c", [{ f: F("grid-a"), consistent: true }]);
    expect(hint(noTerms, i)?.message).toContain("follows from grid-a");
    expect(hint(noFactor, i)?.message).toContain("follows from grid-a");
  });
  it("valid: a recalculation finding that carries no recalculation", () => {
    expect(
      hint({ ...material(), recalculation: undefined }, implied("site-c", [{ f: F("grid-b"), consistent: true }])),
    ).toBeNull();
  });
  it("valid: the consistent factor is the one used", () => {
    expect(hint(material(), implied("site-c", [{ f: F("grid-a"), consistent: true }]))).toBeNull();
  });
  it("valid: no candidate is consistent", () => {
    expect(hint(material(), implied("site-c", [{ f: F("grid-b"), consistent: false }]))).toBeNull();
  });
  it("valid: the analysis is about another unit", () => {
    expect(hint(material(), implied("site-b", [{ f: F("grid-b"), consistent: true }]))).toBeNull();
  });
  it("valid: within materiality, or not scope 2, asks nothing of the analysis", () => {
    let asked = 0;
    const counting = () => {
      asked++;
      return implied("site-c", [{ f: F("grid-b"), consistent: true }])();
    };
    expect(hint({ ...material(), status: "within-materiality" }, counting)).toBeNull();
    expect(
      hint({ ...material(), recalculation: { ...material().recalculation!, check: "scope1" } }, counting),
    ).toBeNull();
    expect(hint({ ...material(), kind: "sum" }, counting)).toBeNull();
    expect(asked).toBe(0);
  });
});
