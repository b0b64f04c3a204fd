// src/reconcile/boundary.ts on its own, for the rule that is not a recipe: a unit that draws water but reports no
// wastewater, estimated with the other units' own discharge ÷ supply ratio (or, with no such unit, all of its supply
// as an upper bound). The recipe rules (fuel without scope 1, electricity without scope 2) are tested with the
// recipes in tests/unit/recipes.test.ts. Expected figures are worked by hand in the comments.
import { describe, expect, it } from "vitest";
import { formatMessage } from "../../src/findings/message.js";
import { loadLibrary } from "../../src/io/factors.js";
import { loadCatalogue, loadTexts } from "../../src/io/reference.js";
import { Dec } from "../../src/model/decimal.js";
import type { FactorPlan, Library } from "../../src/model/factorPlan.js";
import { boundaryFindings } from "../../src/reconcile/boundary.js";
import { memoryDataset } from "./memoryDataset.js";

const catalogue = loadCatalogue();
if (!catalogue.ok) throw new Error(JSON.stringify(catalogue.errors));
const cat = catalogue.value;
const builtIn = loadLibrary(cat);
if (!builtIn.ok) throw new Error(JSON.stringify(builtIn.errors));
const loadedTexts = loadTexts();
if (!loadedTexts.ok) throw new Error(JSON.stringify(loadedTexts.errors));
const texts = loadedTexts.value;

// No recipes: only the water rule runs, and no factor is needed.
const library: Library = { factors: [], rules: builtIn.value.rules, recipes: [] };
const plan: FactorPlan = {
  ncv: new Map(),
  method: { id: "none", labels: { en: "none" }, fuels: new Map() },
  alternatives: [],
  grid: new Map(),
  residual: new Map(),
  instruments: new Map(),
  materiality: new Dec("0.05"),
  co2PerCarbon: new Dec(44).div(12),
  pinned: [],
  notes: [],
};

const UNITS = ["a", "b", "c", "d"].map((x) => ({ id: `site-${x}`, label: `Site ${x.toUpperCase()}` }));
const WATER = `facility,metric,value,unit
site-a,water.municipal,"1,000.0",m3
site-a,water.wastewater,800.0,t
site-b,water.municipal,500.0,m3
site-b,water.wastewater,300.0,t
site-c,water.municipal,200.0,m3
`;
const PUBLISHED = `section,label,unit,Site A,Site B,Site C,Site D,Group
Water,Municipal water supply,m³,"1,000.0",500.0,200.0,/,"1,700.0"
Wastewater,Wastewater discharged,t,800.0,300.0,/,/,"1,100.0"
`;

function findings(published: string, water = WATER) {
  const { dataset, table } = memoryDataset(cat, {
    id: "unit-boundary",
    units: UNITS,
    published,
    activity: { "water.csv": water },
  });
  return boundaryFindings(dataset, table, library, plan).map((f) => ({
    ...f,
    said: f.causes.map((c) => ({ code: c.code, message: formatMessage(texts, "en", c.message) })),
  }));
}

describe("water supplied without wastewater", () => {
  it("site C: 200.0 m³ × (800.0 + 300.0) ÷ (1,000.0 + 500.0) = 200 × 0.7333… = 146.7 t, 13.3 % of the 1,100.0 t total", () => {
    // ratio 1,100 ÷ 1,500 = 0.73333…; estimate 146.666…; its share 146.666… ÷ 1,100 = 13.33 %.
    const [f, ...rest] = findings(PUBLISHED);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      metric: "water.wastewater",
      column: "site-c",
      kind: "boundary",
      status: "incomplete",
      published: "/",
      publishedNumber: null,
      recomputed: null,
      difference: null,
    });
    expect(f!.recomputedRounded!.toFixed(1)).toBe("146.7");
    // the supply's interval [199.95, 200.05] × 11/15
    expect(f!.recomputedInterval!.lo.toFixed(2)).toBe("146.63");
    expect(f!.recomputedInterval!.hi.times(15).toFixed(2)).toBe("2200.55");
    // the "/" cell of the wastewater row: line 3, after "Wastewater,Wastewater discharged,t,800.0,300.0," (47
    // characters), so column 48 (the row's own place has no column)
    expect(f!.source.line).toBe(3);
    expect(f!.source.column).toBe(48);
    expect(f!.key).toBe("water.wastewater/site-c/boundary");
    expect(f!.said).toEqual([
      {
        code: "boundary",
        message:
          "site-c reports water supplied (200.0) but no water.wastewater: about 146.7 is missing (200.0 supplied × 0.7333, the discharge ÷ supply ratio of site-a, site-b); 13.3% of the wastewater total 1,100.0",
      },
    ]);
  });

  it("no other unit reports both: all of the supply, as an upper bound; no wastewater total, no share", () => {
    const water = `facility,metric,value,unit\nsite-c,water.municipal,200.0,m3\n`;
    const [f, ...rest] = findings(PUBLISHED, water);
    expect(rest).toEqual([]);
    expect(f!.recomputedRounded!.toFixed(1)).toBe("200.0");
    expect(f!.said).toEqual([
      {
        code: "boundary",
        message:
          "site-c reports water supplied (200.0) but no water.wastewater: about 200.0 is missing (upper bound: all 200.0 supplied)",
      },
    ]);
  });

  it("the table prints a figure for the cell: the arithmetic checks look at it, not this one", () => {
    expect(findings(PUBLISHED.replace("300.0,/,/", "300.0,0.0,/"))).toEqual([]);
  });

  it("a table without a wastewater row does not report wastewater at all: nothing is incomplete", () => {
    expect(findings(PUBLISHED.split("\n").slice(0, 2).join("\n") + "\n")).toEqual([]);
  });

  it("a unit with no supply, or a supply of zero, is not asked for wastewater", () => {
    // site D reports nothing; site C's supply is 0.0
    expect(
      findings(
        PUBLISHED.replace(",200.0,/", ",0.0,/"),
        WATER.replace("site-c,water.municipal,200.0", "site-c,water.municipal,0.0"),
      ),
    ).toEqual([]);
  });

  it("a unit that reports wastewater but no supply is no peer: the ratio is still site-a's and site-b's", () => {
    // site D discharges 50.0 t and draws nothing: counted, it would have no supply to divide by. Still
    // (800.0 + 300.0) ÷ (1,000.0 + 500.0), 146.7 t for site C.
    const water = WATER + "site-d,water.wastewater,50.0,t\n";
    const [f, ...rest] = findings(PUBLISHED, water);
    expect(rest).toEqual([]);
    expect(f!.column).toBe("site-c");
    expect(f!.recomputedRounded!.toFixed(1)).toBe("146.7");
    expect(f!.said[0]!.message).toContain("× 0.7333, the discharge ÷ supply ratio of site-a, site-b)");
  });

  it("a unit whose wastewater is 0.0 in the data is asked like one without (zero is no discharge figure)", () => {
    const water = WATER + "site-c,water.wastewater,0.0,t\n";
    expect(findings(PUBLISHED, water).map((f) => f.column)).toEqual(["site-c"]);
  });
});
