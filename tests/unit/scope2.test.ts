// Scope 2 both ways: the factor kinds the market-based recalculation adds (src/model/factors.ts), the pins that
// choose them (src/model/factorPlan.ts), and what a unit gets when the dataset pins no residual mix.
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../src/io/csv.js";
import { loadLibrary } from "../../src/io/factors.js";
import { loadCatalogue } from "../../src/io/reference.js";
import { FACTOR_SOURCES, planFactors } from "../../src/model/factorPlan.js";
import { buildFactors } from "../../src/model/factors.js";
import { memoryDataset } from "./memoryDataset.js";

const catalogue = loadCatalogue();
if (!catalogue.ok) throw new Error(JSON.stringify(catalogue.errors));
const cat = catalogue.value;
const builtIn = loadLibrary(cat);
if (!builtIn.ok) throw new Error(JSON.stringify(builtIn.errors));

const HEADER = "id,kind,activity,value,low,high,unit,region,year,document,issuer,date,attribution,note";
const factors = (rows: string[]) => {
  const t = parseCsv([HEADER, ...rows].join("\n") + "\n", "f.csv");
  if (!t.ok) throw new Error(JSON.stringify(t.errors));
  return buildFactors([t.value], cat);
};
const errorsOf = (rows: string[]) => {
  const r = factors(rows);
  return r.ok ? [] : r.errors.map((e) => `${e.code}: ${e.message}`);
};

describe("factor kinds of market-based scope 2", () => {
  it("an instrument's factor may be 0, and a zero is exactly zero (not ± half a digit)", () => {
    const r = factors(["go,instrument,certificates,0,,,tCO2/MWh,EU,2024,a certificate,,,uncertain,"]);
    expect(r.ok).toBe(true);
    const f = r.ok ? r.value[0]! : null;
    expect([f!.base.lo.toFixed(), f!.base.hi.toFixed()]).toEqual(["0", "0"]);
  });

  it("a residual mix and a supplier factor are for electricity, above zero", () => {
    expect(
      errorsOf([
        "rm,residual_mix,electricity,0.620,,,tCO2/MWh,DE,2024,a residual mix,,,uncertain,",
        "sup,supplier,electricity,0.250,,,kgCO2/kWh,DE,2024,a supplier label,,,uncertain,",
      ]),
    ).toEqual([]);
    expect(errorsOf(["rm,residual_mix,diesel,0.620,,,tCO2/MWh,DE,2024,x,,,uncertain,"])).toEqual([
      "factor-invalid: a residual-mix factor is for electricity, not diesel",
    ]);
    expect(errorsOf(["rm,residual_mix,electricity,0,,,tCO2/MWh,DE,2024,x,,,uncertain,"])).toEqual([
      "factor-invalid: a residual-mix emission factor of electricity must be above zero",
    ]);
    expect(errorsOf(["g,grid,electricity,0,,,tCO2/MWh,DE,2024,x,,,uncertain,"])).toEqual([
      "factor-invalid: a grid emission factor of purchased electricity must be above zero",
    ]);
  });

  it("an instrument's factor is filed under the instrument, in emissions per energy", () => {
    expect(errorsOf(["i,instrument,electricity,0,,,tCO2/MWh,EU,2024,x,,,uncertain,"])).toEqual([
      "factor-invalid: an instrument's factor is filed under the instrument (certificates, green_power, ppa), not electricity",
    ]);
    expect(errorsOf(["i,instrument,ppa,0.1,,,MWh/t,EU,2024,x,,,uncertain,"])[0]).toMatch(/^unit-mismatch:/);
  });
});

describe("pins of market-based scope 2", () => {
  const { dataset } = memoryDataset(cat, {
    id: "pins",
    units: [
      { id: "a", label: "A" },
      { id: "b", label: "B" },
    ],
    published: "label,unit,A,B,Group\nPurchased electricity,MWh,100.0,50.0,150.0\n",
    activity: {
      "energy.csv":
        "facility,metric,value,unit\na,energy.purchased_electricity,100.0,MWh\nb,energy.purchased_electricity,50.0,MWh\n",
    },
  });
  const extra = factors([
    "rm,residual_mix,electricity,0.620,,,tCO2/MWh,DE,2023,x,,,uncertain,",
    "go,instrument,certificates,0,,,tCO2/MWh,EU,2023,x,,,uncertain,",
  ]);
  if (!extra.ok) throw new Error("factors");
  const library = { ...builtIn.value, factors: [...builtIn.value.factors, ...extra.value] };
  const plan = (pins: Record<string, unknown>) => planFactors({ ...dataset, factorPins: pins as never }, library, null);
  const codes = (pins: Record<string, unknown>) => {
    const p = plan(pins);
    return p.ok ? [] : p.errors.map((e) => `${e.code}: ${e.message}`);
  };

  it("residualMixByFacility and instruments resolve; an unpinned unit takes its grid factor for the rest", () => {
    const p = plan({ residualMixByFacility: { a: "rm" }, instruments: { certificates: "go" } });
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    expect(p.value.residual.get("a")?.id).toBe("rm");
    expect(p.value.residual.has("b")).toBe(false);
    expect(p.value.instruments.get("certificates")?.id).toBe("go");
    expect(p.value.pinned).toEqual(["residualMix.a", "instruments.certificates"]);
    const rest = (unit: string) =>
      FACTOR_SOURCES.residual.chain(p.value, p.value.method, "electricity", unit)!.factors[0]!.id;
    expect(rest("a")).toBe("rm");
    // FY2023: the library's default grid factor for 2023
    expect(rest("b")).toBe(builtIn.value.rules.defaults.grid["2023"]);
  });

  it("refuses a residual pin of another kind, an unknown instrument, an instrument pin of another kind, an unknown unit", () => {
    expect(codes({ residualMix: "go" })).toEqual([
      'factor-unknown: factors.residualMix: factor "go" is of kind instrument, not residual_mix, supplier or grid',
    ]);
    expect(codes({ instruments: { rec: "go" } })).toEqual([
      'factor-unknown: factors.instruments names "rec", which is not a contractual instrument the recalculation knows',
    ]);
    expect(codes({ instruments: { ppa: "rm" } })).toEqual([
      'factor-unknown: factors.instruments.ppa: factor "rm" is a residual_mix factor, not instrument',
    ]);
    expect(codes({ residualMixByFacility: { c: "rm" } })).toEqual([
      'facility-unknown: factors.residualMixByFacility names "c", which is not a reporting unit',
    ]);
  });
});

describe("China's factor excluding market-traded non-fossil electricity (library)", () => {
  it("is a residual_mix row of 0.5856 kgCO2/kWh for 2022, uncertain (read in secondary reports only), never a default", () => {
    const f = builtIn.value.factors.find((x) => x.id === "cn_residual_national_2022_mee_nbs")!;
    expect([f.kind, f.activity, f.value.text, f.unit, f.year, f.attribution]).toEqual([
      "residual_mix",
      "electricity",
      "0.5856",
      "kgCO2/kWh",
      2022,
      "uncertain",
    ]);
    // the announcement's annex table was not read: the note says so, and names the secondary reports it rests on
    expect(f.note).toContain("annex table");
    expect(f.note).toContain("secondary reports only");
    expect(f.note).toContain("daydaynews.cc/zh-hant/finance/3899452.html");
    expect(f.document).toContain("公告2024年第33号");
    expect(f.issuer).toBe("生态环境部、国家统计局");
    // 0.5856 kgCO2/kWh = 0.5856 tCO2/MWh (× 1000 / 1000), ± half its last digit
    expect([f.base.lo.toFixed(), f.base.hi.toFixed()]).toEqual(["0.58555", "0.58565"]);
    // beside the national average of the same announcement, which stays the 2022 default
    expect(builtIn.value.factors.find((x) => x.id === "cn_grid_national_2022_mee_nbs")!.value.text).toBe("0.5366");
    expect(Object.values(builtIn.value.rules.defaults.grid)).not.toContain(f.id);
  });
});
