// Edge cases of the checks against activity data, each on a copy of the NIO dataset (or a factor file) changed in
// one place, built here in a temporary folder. Expected figures by hand in the comments.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "./runCli.js";

const NIO = join(ROOT, "data/datasets/nio-2021");
function variant(edit: (dir: string) => void): string {
  const dir = join(mkdtempSync(join(tmpdir(), "esg-edge-")), "ds");
  cpSync(NIO, dir, { recursive: true });
  edit(dir);
  return dir;
}
const editFile = (dir: string, file: string, f: (s: string) => string) =>
  writeFileSync(join(dir, file), f(readFileSync(join(dir, file), "utf8")));
const editManifest = (dir: string, f: (m: Record<string, unknown>) => void) => {
  const m = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as Record<string, unknown>;
  f(m);
  writeFileSync(join(dir, "manifest.json"), JSON.stringify(m, null, 2) + "\n");
};
interface Report {
  findings: {
    metric: string;
    column: string;
    kind: string;
    status: string;
    recomputed: string | null;
    causes: { code: string; message: string }[];
  }[];
  factors: { notes: string[] };
  impliedFactors: { facility: string; kind: string; value: string | null; reason?: string }[];
}
const json = (dir: string, ...args: string[]) => {
  const r = runCli(["check", dir, "--format", "json", ...args]);
  return { r, report: r.stdout.startsWith("{") ? (JSON.parse(r.stdout) as Report) : null };
};

describe("factors that do not fit", () => {
  it("an NCV per mass pinned for natural gas (measured in m³) is an error at the pin, not a silent slip", () => {
    const dir = variant((d) =>
      editManifest(d, (m) => {
        m.factors = { ncv: { natural_gas: "ipcc_natural_gas_ncv" } };
      }),
    );
    const r = runCli(["check", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /manifest\.json:\d+:\d+: error\[unit-mismatch\]: factors\.ncv\.natural_gas: factor "ipcc_natural_gas_ncv" is per mass \(TJ\/Gg\), but natural_gas is measured by volume/,
    );
  });

  it("a materiality outside [0, 1) in the manifest is an error", () => {
    const dir = variant((d) =>
      editManifest(d, (m) => {
        m.factors = { materiality: "1.5" };
      }),
    );
    expect(runCli(["check", dir]).stderr).toContain("factors.materiality must be a share from 0 up to 1");
  });

  it.each([
    [
      "a grid factor for diesel",
      "g,grid,diesel,0.6,,,tCO2/MWh,CN,2021,doc,,,uncertain,",
      "a grid factor is for electricity, not diesel",
    ],
    ["an NCV of zero", "n,ncv,natural_gas,0,,,kJ/m3,CN,,doc,,,uncertain,", "net calorific value must be above zero"],
    [
      "an oxidation rate above 1",
      "o,oxidation,diesel,1.5,,,fraction,CN,,doc,,,uncertain,",
      "an oxidation rate is a fraction above 0 and at most 1",
    ],
    [
      "a unit with two slashes",
      "u,grid,electricity,0.6,,,tCO2/MWh/x,CN,2021,doc,,,uncertain,",
      'has more than one "/"',
    ],
  ])("a factor file with %s is refused at its line", (_what, row, message) => {
    const file = join(mkdtempSync(join(tmpdir(), "esg-factors-")), "f.csv");
    writeFileSync(
      file,
      `id,kind,activity,value,low,high,unit,region,year,document,issuer,date,attribution,note\n${row}\n`,
    );
    const r = runCli(["check", "--factors", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`f.csv:2:`);
    expect(r.stderr).toContain(message);
  });
});

describe("a year the library has no grid factor for (2019)", () => {
  const dir = variant((d) =>
    editManifest(d, (m) => {
      m.period = { label: "FY2019", start: "2019-01-01", end: "2019-12-31" };
    }),
  );
  const { report } = json(dir);

  it("says scope 2 is not recalculated, and still reports the offices' missing scope 2, without an estimate", () => {
    expect(report!.factors.notes[0]).toMatch(/^no grid factor for 2019 in the library/);
    expect(report!.findings.filter((f) => f.kind === "recalculation" && f.metric === "ghg.scope2")).toEqual([]);
    const off = report!.findings.find((f) => f.kind === "boundary" && f.metric === "ghg.scope2")!;
    expect(off).toMatchObject({ column: "offices", status: "incomplete", recomputed: null });
    expect(off.causes[0]!.message).toContain("no factor to estimate what is missing");
  });
});

describe("intensity units", () => {
  it("an intensity per MWh where a revenue unit belongs is a unit error", () => {
    const dir = variant((d) =>
      editFile(d, "published.csv", (s) => s.replace("廢⽔排放強度,噸/百萬", "廢⽔排放強度,噸/兆⽡時")),
    );
    const r = runCli(["check", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error[unit-mismatch]: water.wastewater.intensity is measured in t/<revenue unit");
  });

  it("a table printed per RMB thousand divides by the revenue converted exactly to RMB thousand", () => {
    // 36,136.4 RMB million = 36,136,400 RMB thousand (± 50); wastewater 344,102.0 ÷ 36,136,400 = 0.0095223… → 0.00952,
    // printed 0.00953 (NIO's 9.53 per million, moved three places): still the same mismatch; with 361億 = 36,100,000
    // thousand: 344,102.0 ÷ 36,100,000 = 0.0095319… → 0.00953, a match.
    const dir = variant((d) =>
      editFile(d, "published.csv", (s) => s.replace(/\/百萬/g, "/千元").replace(",9.53\n", ",0.00953\n")),
    );
    const ww = (rep: Report) =>
      rep.findings.find((f) => f.metric === "water.wastewater.intensity" && f.kind === "intensity")!;
    expect(ww(json(dir).report!)).toMatchObject({ status: "mismatch", recomputed: "0.00952" });
    expect(ww(json(dir, "--denominator", "revenue-printed").report!)).toMatchObject({
      status: "match",
      recomputed: "0.00953",
    });
  });
});

describe("recalculation verdicts and hints", () => {
  it("a GJ figure printed where MWh belongs: material, with a ×3.6 hint", () => {
    // Hefei's direct energy recalculated: 67,696.3 MWh; 67,696.3 × 3.6 = 243,706.7 — print that instead of 56,864.7
    const dir = variant((d) => {
      editFile(d, "published.csv", (s) =>
        s
          .replace('"1,522.3","56,864.7","58,387.0",/,"58,387.0"', '"1,522.3","243,706.7","245,229.0",/,"245,229.0"')
          .replace(
            '"10,439.5","117,474.2","127,913.7","14,099.2","142,012.9"',
            '"10,439.5","304,316.2","314,755.5","14,099.2","328,854.7"',
          ),
      );
      editFile(d, "energy.csv", (s) => s.replace('hefei,energy.direct,"56,864.7"', 'hefei,energy.direct,"243,706.7"'));
    });
    const f = json(dir).report!.findings.find(
      (x) => x.kind === "recalculation" && x.metric === "energy.direct" && x.column === "hefei",
    )!;
    expect(f.status).toBe("material");
    expect(f.causes.find((c) => c.code === "scale-slip")?.message).toContain("× 3.6: GJ per MWh");
  });

  it("within materiality because a factor's range reaches the figure, and the finding says so", () => {
    // An invented NCV range of 1.0000–1.3300 kgce/m³ (printed value 1.2000): gas 5,811,622.0 m³ × [1.0, 1.33] kgce
    // × 29,307 kJ/kgce ÷ 3,600,000 = [47,311.4, 62,924.2] MWh, + diesel 47.4 + solar 4,801.1 → [52,159.9, 67,772.7];
    // the published 56,864.7 lies inside, though at the printed 1.2000 (61,622.2) the recalculation is +8.4%, beyond 2%.
    const dir = variant((d) => {
      editManifest(d, (m) => {
        m.factors = { ncv: { natural_gas: "wide_gas" }, materiality: "0.02" };
        m.files = { ...(m.files as object), factors: ["wide.csv"] };
      });
      writeFileSync(
        join(d, "wide.csv"),
        "id,kind,activity,value,low,high,unit,region,year,document,issuer,date,attribution,note\nwide_gas,ncv,natural_gas,1.2000,1.0000,1.3300,kgce/m3,CN,,fixture: invented range,,,uncertain,\n",
      );
    });
    const f = json(dir).report!.findings.find(
      (x) => x.kind === "recalculation" && x.metric === "energy.direct" && x.column === "hefei",
    )!;
    expect(f.status).toBe("within-materiality");
    expect(f.causes.map((c) => c.code)).toContain("factor-range");
  });

  it("scope 1 with no fuel to divide by is 'not applicable' among the implied factors", () => {
    const dir = variant((d) =>
      editFile(d, "emissions.csv", (s) => s.replace("nanjing,ghg.scope1,0.0", "nanjing,ghg.scope1,5.0")),
    );
    const rep = json(dir, "--no-recalculation").report!;
    const na = rep.impliedFactors.find((i) => i.facility === "nanjing" && i.kind === "combustion")!;
    expect(na).toMatchObject({ value: null, reason: "scope 1 is reported but no fuel quantity (or only zero)" });
  });
});

describe("a material scope 2 that another library factor explains", () => {
  it("says which factor the published figure follows from, and how to pin it", () => {
    // fixtures/minimal, Plant A's scope 2 recomputed at MEE's 0.5810: 1,200.5 × 0.5810 = 697.49 → printed 697.5.
    // The FY2023 default (0.5306) gives 1,200.5 × 0.5306 = 637.0, −8.7%: material; the implied 697.5 ÷ 1,200.5 =
    // 0.58101 lies inside what 0.5810 stands for, so the finding names cn_grid_national_mee2022.
    const dir = join(mkdtempSync(join(tmpdir(), "esg-pin-")), "ds");
    cpSync(join(ROOT, "fixtures/minimal"), dir, { recursive: true });
    editFile(dir, "emissions.csv", (s) => s.replace('plant-a,ghg.scope2,"1,684.3"', "plant-a,ghg.scope2,697.5"));
    editFile(dir, "published.csv", (s) =>
      s
        .replace('"1,684.3",456.2,"2,140.5"', '697.5,456.2,"1,153.7"')
        .replace('"1,804.7",491.2,"2,295.9"', '817.9,491.2,"1,309.1"')
        .replace(",1.84\n", ",1.05\n"),
    );
    const f = json(dir).report!.findings.find(
      (x) => x.kind === "recalculation" && x.metric === "ghg.scope2" && x.column === "plant-a",
    )!;
    expect(f.status).toBe("material");
    expect(f.causes.find((c) => c.code === "pin-hint")?.message).toContain(
      '"factors": { "gridByFacility": { "plant-a": "cn_grid_national_mee2022" } }',
    );
  });
});
