// Issue 3 on the NIO dataset: recalculation from activity data, implied factors, boundary completeness and the
// denominator analysis. Every expected figure is computed here a second way, in exact rational arithmetic over
// BigInt (no decimal.js, none of the tool's code), from the printed figures and the library values written out
// below; the tool's JSON must agree.
import { describe, expect, it } from "vitest";
import { runCli } from "./runCli.js";
import { Q } from "./rational.js";

const q = Q.of;

// Printed figures of NIO's table (section 2.4), as in data/datasets/nio-2021/.
const GAS = q("5811622.0"),
  DIESEL = q("4.0"),
  SOLAR_HEFEI = q("4801.1"),
  DIRECT_HEFEI = q("56864.7");
const SCOPE1_HEFEI = q("12416.0"),
  ELEC_NJ = q("8917.2"),
  ELEC_HF = q("60609.5"),
  ELEC_OFF = q("14099.2");
const SCOPE2_NJ = q("6217.0"),
  SCOPE2_HF = q("35214.3"),
  SCOPE2_TOTAL = q("41431.3"),
  GHG_TOTAL = q("53847.3");
// Library values (data/factors/factors.csv) and conversions: 1 MWh = 3,600,000 kJ; 1 t = 1,000 kg; 44/12.
const NCV_GAS_KJ_M3 = q("38931"),
  NCV_DIESEL_KJ_KG = q("42652");
const CN_GAS_NCV_GJ_PER_1E4M3 = q("389.31"),
  CN_GAS_C_TC_PER_GJ = q("0.0153"),
  CN_GAS_OX = q("0.99");
const CN_DIESEL_C_TC_PER_TJ = q("20.2"),
  CN_DIESEL_OX = q("0.98");
const IPCC_GAS_KGCO2_TJ = q("56100"),
  IPCC_DIESEL_KGCO2_TJ = q("74100"),
  IPCC_DIESEL_NCV_TJ_GG = q("43.0");
const GRID_2021 = q("0.5810");
const KJ_PER_MWH = q("3600000"),
  CO2_PER_C = new Q(44n, 12n);

interface F {
  metric: string;
  column: string;
  kind: string;
  status: string;
  recomputed: string | null;
  recomputedValue: string | null;
  relativeDifference?: string | null;
  method?: string | null;
  factors?: string[];
  causes: { code: string; message: string }[];
}
interface Implied {
  facility: string;
  kind: string;
  activity: string;
  value: string | null;
  interval: [string, string] | null;
  consistentWith: string[];
  closest: { id: string; relative: string } | null;
  differsFrom: string[];
  reason?: string;
}
interface Report {
  findings: F[];
  impliedFactors: Implied[];
  factors: { materiality: string; scope1Method: string; used: { id: string }[] };
  denominatorAnalysis: {
    intensities: { metric: string; impliedDenominator: [string, string] | null; consistentWith: string[] }[];
    intersection: [string, string] | null;
    denominators: { id: string; consistentWith: string[]; inconsistentWith: string[] }[];
  };
}

const r = runCli(["check", "--format", "json"]);
const report = JSON.parse(r.stdout) as Report;
const finding = (metric: string, column: string, kind: string) => {
  const found = report.findings.filter((f) => f.metric === metric && f.column === column && f.kind === kind);
  expect(found, `${kind} ${metric}@${column}`).toHaveLength(1);
  return found[0]!;
};
const rel = (value: Q, published: Q) => value.minus(published).div(published);

describe("recalculation from activity data (NIO 2021, library defaults, materiality 5%)", () => {
  it("Hefei direct energy: gas and diesel × GB/T 2589 NCVs + on-site solar is 19.0% above the published 56,864.7", () => {
    // 5,811,622.0 m³ × 38,931 kJ/m³ ÷ 3,600,000 = 62,847.84…; 4.0 t × 1,000 × 42,652 kJ/kg ÷ 3,600,000 = 47.39…;
    // + 4,801.1 = 67,696.340022…
    const value = GAS.times(NCV_GAS_KJ_M3)
      .div(KJ_PER_MWH)
      .plus(DIESEL.times(q("1000")).times(NCV_DIESEL_KJ_KG).div(KJ_PER_MWH))
      .plus(SOLAR_HEFEI);
    const f = finding("energy.direct", "hefei", "recalculation");
    expect(f.recomputed).toBe(value.fixed(1)); // 67696.3
    expect(f.relativeDifference).toBe(rel(value, DIRECT_HEFEI).fixed(6)); // 0.190481
    expect(f.status).toBe("material");
    expect(f.factors).toEqual(["gbt2589_natural_gas_ncv", "gbt2589_diesel_ncv"]);
  });

  it("Nanjing scope 1: no fuel (0.0 m³ gas, 0.0 t diesel) recalculates to 0 against the published 0.0 — a match, not a materiality judgement", () => {
    // 0.0 × any factor = 0, and the table prints 0.0: the relative difference 0 ÷ 0 means nothing, so there is none.
    const f = finding("ghg.scope1", "nanjing", "recalculation") as F & {
      published?: string;
      difference?: string | null;
    };
    expect(f).toMatchObject({ status: "match", recomputed: "0.0", relativeDifference: null });
    expect(f.causes.map((c) => c.code)).toEqual(["nothing-to-recalculate"]);
    expect(f.causes[0]!.message).toContain("recalculated 0 against the published 0.0, a match");
    // Nanjing's direct energy is no such case: its solar 1,522.3 is recalculated (0 fuel + 1,522.3), within materiality.
    expect(finding("energy.direct", "nanjing", "recalculation").status).toBe("within-materiality");
  });

  it("Hefei scope 1: +1.3% by the Chinese guideline, +2.3% by IPCC 2006 — both within materiality", () => {
    // guideline: gas 5,811,622.0 × 389.31/10⁴ GJ/m³ × 0.0153 tC/GJ × 0.99 × 44/12
    //          + diesel 4.0 t × 42.652 GJ/t × 20.2/1000 tC/GJ × 0.98 × 44/12
    const gas = GAS.times(CN_GAS_NCV_GJ_PER_1E4M3)
      .div(q("10000"))
      .times(CN_GAS_C_TC_PER_GJ)
      .times(CN_GAS_OX)
      .times(CO2_PER_C);
    const diesel = DIESEL.times(NCV_DIESEL_KJ_KG)
      .div(q("1000"))
      .times(CN_DIESEL_C_TC_PER_TJ)
      .div(q("1000"))
      .times(CN_DIESEL_OX)
      .times(CO2_PER_C);
    const cn = gas.plus(diesel);
    const f = finding("ghg.scope1", "hefei", "recalculation");
    expect(f.method).toBe("cn-guideline");
    expect(f.recomputed).toBe(cn.fixed(1)); // 12578.2
    expect(f.relativeDifference).toBe(rel(cn, SCOPE1_HEFEI).fixed(6));
    expect(f.status).toBe("within-materiality");
    // IPCC: gas 5,811,622.0 m³ × 38,931 kJ/m³ × 10⁻⁹ TJ/kJ × 56,100 kgCO2/TJ ÷ 1,000
    //     + diesel 4.0 t ÷ 1,000 Gg/t × 43.0 TJ/Gg × 74,100 kgCO2/TJ ÷ 1,000
    const ipcc = GAS.times(NCV_GAS_KJ_M3)
      .div(q("1000000000"))
      .times(IPCC_GAS_KGCO2_TJ)
      .div(q("1000"))
      .plus(DIESEL.div(q("1000")).times(IPCC_DIESEL_NCV_TJ_GG).times(IPCC_DIESEL_KGCO2_TJ).div(q("1000")));
    const alt = f.causes.find((c) => c.code === "alternative-method")!.message;
    expect(alt).toContain(`ipcc-2006: ${Number(ipcc.fixed(1)).toLocaleString("en-US", { minimumFractionDigits: 1 })}`); // 12,705.5
    expect(alt).toContain(`(+${rel(ipcc, SCOPE1_HEFEI).times(q("100")).fixed(1)}%)`); // +2.3%
  });

  it("scope 2 at 0.5810 tCO2/MWh: Hefei within materiality, Nanjing 16.7% below its published figure", () => {
    const nj = ELEC_NJ.times(GRID_2021); // 5,180.8932
    const hf = ELEC_HF.times(GRID_2021); // 35,214.1195
    expect(finding("ghg.scope2", "nanjing", "recalculation")).toMatchObject({
      recomputed: nj.fixed(1),
      status: "material",
      relativeDifference: rel(nj, SCOPE2_NJ).fixed(6),
    });
    expect(finding("ghg.scope2", "hefei", "recalculation")).toMatchObject({
      recomputed: hf.fixed(1),
      status: "within-materiality",
      relativeDifference: rel(hf, SCOPE2_HF).fixed(6),
    });
  });
});

describe("implied factors", () => {
  const implied = (facility: string, kind: string) =>
    report.impliedFactors.find((i) => i.facility === facility && i.kind === kind)!;

  it("each plant's scope 2 implies its own grid factor: Hefei 0.5810 (MEE 2022), Nanjing none in the library; they disagree", () => {
    // Nanjing: 6,217.0 ÷ 8,917.2 ∈ [6,216.95 ÷ 8,917.25, 6,217.05 ÷ 8,917.15]
    const nj = implied("nanjing", "grid");
    expect(q(nj.value!).fixed(6)).toBe(SCOPE2_NJ.div(ELEC_NJ).fixed(6)); // 0.697192
    expect(nj.interval).toEqual([q("6216.95").div(q("8917.25")).down(12), q("6217.05").div(q("8917.15")).up(12)]);
    expect(nj.consistentWith).toEqual([]);
    // the nearest library factor is East China's 2012 grid average, 0.7035: (0.7035 − 0.697192) ÷ 0.697192 = +0.90%
    expect(nj.closest?.id).toBe("cn_grid_east_2012");
    expect(nj.closest?.relative).toBe(q("0.7035").minus(SCOPE2_NJ.div(ELEC_NJ)).div(SCOPE2_NJ.div(ELEC_NJ)).fixed(6));
    // Hefei: 35,214.3 ÷ 60,609.5 = 0.581003, inside what 0.5810 stands for, [0.58095, 0.58105)
    const hf = implied("hefei", "grid");
    const hefei = SCOPE2_HF.div(ELEC_HF);
    expect(q("0.58095").lt(hefei) && hefei.lt(q("0.58105"))).toBe(true);
    expect(hf.consistentWith).toContain("cn_grid_national_mee2022");
    expect(nj.differsFrom).toEqual(["hefei"]);
    expect(hf.differsFrom).toEqual(["nanjing"]);
    expect(implied("offices", "grid")).toMatchObject({ value: null, reason: "no scope 2 reported" });
  });

  it("Hefei's direct energy implies a gas NCV at the bottom of GB/T 2589's coal-equivalent range, not 38,931 kJ/m³", () => {
    // (56,864.7 − 4,801.1 − 4.0 t × 42,652 kJ/kg × 1,000 ÷ 3,600,000) ÷ 5,811,622.0 MWh/m³ = 0.0089504 MWh/m³
    // = 32,221 kJ/m³; GB/T 2589's range 1.1000–1.3300 kgce/m³ × 29,307 kJ/kgce = [32,237.7, 38,978.3] kJ/m³:
    // the implied value sits 0.05% below its lower end.
    const value = DIRECT_HEFEI.minus(SOLAR_HEFEI)
      .minus(DIESEL.times(q("1000")).times(NCV_DIESEL_KJ_KG).div(KJ_PER_MWH))
      .div(GAS);
    const ncv = implied("hefei", "ncv");
    expect(ncv.activity).toBe("natural_gas");
    expect(q(ncv.value!).fixed(10)).toBe(value.fixed(10));
    expect(ncv.consistentWith).toEqual([]);
    const low = q("1.1000").times(q("29307")).div(KJ_PER_MWH); // MWh/m³
    expect(ncv.closest).toEqual({ id: "gbt2589_natural_gas_kgce", relative: low.minus(value).div(value).fixed(6) });
  });
});

describe("boundary completeness", () => {
  it("the offices buy electricity but report no scope 2: about 8,191.6 tCO2e, 19.8% of scope 2 and 15.2% of all GHG", () => {
    const est = ELEC_OFF.times(GRID_2021); // 8,191.6352
    const f = finding("ghg.scope2", "offices", "boundary");
    expect(f.status).toBe("incomplete");
    expect(f.recomputed).toBe(est.fixed(1));
    expect(f.causes[0]!.message).toContain(`${est.div(SCOPE2_TOTAL).times(q("100")).fixed(1)}% of the scope 2 total`); // 19.8%
    expect(f.causes[0]!.message).toContain(`${est.div(GHG_TOTAL).times(q("100")).fixed(1)}% of the GHG total`); // 15.2%
  });

  it("the offices draw municipal water but report no wastewater: estimated at the plants' own discharge ratio", () => {
    // (35,610.0 + 308,492.0) ÷ (42,661.0 + 383,542.0) = 0.80737; × 66,960.0 = 54,061.3
    const ratio = q("35610.0")
      .plus(q("308492.0"))
      .div(q("42661.0").plus(q("383542.0")));
    const f = finding("water.wastewater", "offices", "boundary");
    expect(f.recomputed).toBe(q("66960.0").times(ratio).fixed(1));
    expect(report.findings.filter((x) => x.kind === "boundary").map((x) => `${x.metric}@${x.column}`)).toEqual([
      "water.wastewater@offices",
      "ghg.scope2@offices",
    ]);
  });
});

describe("denominator analysis", () => {
  const da = report.denominatorAnalysis;
  // implied denominator of a published intensity p with numerator N: [N.lo ÷ p.hi, N.hi ÷ p.lo]
  const impliedInterval = (nLo: string, nHi: string, pLo: string, pHi: string) =>
    [q(nLo).div(q(pHi)), q(nHi).div(q(pLo))] as const;

  it("wastewater 9.53 implies a revenue of 36,088–36,126: the printed 361億 fits, the annual-results 36,136.4 does not", () => {
    // wastewater 344,102.0 is a sum of two figures printed to 0.1: [344,101.9, 344,102.1]; 9.53 → [9.525, 9.535)
    const [lo, hi] = impliedInterval("344101.9", "344102.1", "9.525", "9.535");
    const ww = da.intensities.find((i) => i.metric === "water.wastewater.intensity")!;
    expect(ww.impliedDenominator).toEqual([lo.down(6), hi.up(6)]);
    expect(hi.lt(q("36136.35"))).toBe(true); // the annual-results revenue lies above the whole interval
    expect(ww.consistentWith).toEqual(["revenue-printed"]);
  });

  it("energy 1,424.90 implies a revenue of about 99.7 RMB million: no declared revenue, and no revenue common to all five", () => {
    // total energy 142,012.9 = 58,387.0 + 83,625.9, four figures to 0.1 and one more: [142,012.65, 142,013.15] (see explain)
    const en = da.intensities.find((i) => i.metric === "energy.intensity")!;
    expect(en.consistentWith).toEqual([]);
    expect(Number(en.impliedDenominator![0])).toBeGreaterThan(99.6);
    expect(Number(en.impliedDenominator![1])).toBeLessThan(99.7);
    expect(da.intersection).toBeNull();
  });

  it("the annual-results revenue fits waste and GHG but not wastewater; the printed one fits all but energy", () => {
    expect(da.denominators).toEqual([
      {
        id: "revenue-annual-results",
        printed: "36,136.4",
        interval: ["36136.35", "36136.45"],
        consistentWith: ["waste.non_hazardous.intensity", "waste.hazardous.intensity", "ghg.intensity"],
        inconsistentWith: ["water.wastewater.intensity", "energy.intensity"],
      },
      {
        id: "revenue-printed",
        printed: "361億元",
        interval: ["36050", "36150"],
        consistentWith: [
          "waste.non_hazardous.intensity",
          "waste.hazardous.intensity",
          "water.wastewater.intensity",
          "ghg.intensity",
        ],
        inconsistentWith: ["energy.intensity"],
      },
    ]);
  });
});

describe("the factor library", () => {
  const list = runCli(["factors", "--format", "json"]);
  const factors = (JSON.parse(list.stdout) as { factors: { id: string; document: string; attribution: string }[] })
    .factors;

  it("cites a document for every row and says whether the citation is confirmed", () => {
    expect(factors.length).toBeGreaterThanOrEqual(25);
    for (const f of factors) {
      expect(f.document.trim(), f.id).not.toBe("");
      expect(["confirmed", "uncertain"], f.id).toContain(f.attribution);
    }
  });

  it("the recalculations used only library factors, and the report lists them", () => {
    const ids = new Set(factors.map((f) => f.id));
    for (const u of report.factors.used) expect(ids.has(u.id), u.id).toBe(true);
    expect(report.factors.materiality).toBe("0.05");
  });
});
