// Issue 14 items 1 and 2 on a small dataset written here: a site's intensity divided by the site's own revenue,
// an intensity per vehicle (the production in thousand vehicles, the row in kg per vehicle), and the manifest's
// mistakes about denominators as input errors. Expected figures in exact rationals (tests/cli/rational.ts).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, runCli } from "./runCli.js";
import { Q } from "./rational.js";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

type Manifest = Record<string, unknown> & { denominators: Record<string, unknown>[] };
/** fixtures/minimal copied, its manifest changed by `edit`, its published table replaced when given. */
function dataset(edit: (m: Manifest) => void, published?: string): string {
  const dir = mkdtempSync(join(tmpdir(), "esg-denominators-"));
  dirs.push(dir);
  cpSync(join(ROOT, "fixtures/minimal"), dir, { recursive: true });
  const m = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as Manifest;
  edit(m);
  writeFileSync(join(dir, "manifest.json"), JSON.stringify(m, null, 2));
  if (published) writeFileSync(join(dir, "published.csv"), published);
  return dir;
}
const source = { document: "invented for this test" };
const plants = (m: Manifest) => {
  m.denominators.push(
    {
      id: "revenue-a",
      node: "plant-a",
      labels: { en: "Plant A revenue" },
      printed: "800.0",
      unit: "RMB-million",
      source,
    },
    {
      id: "revenue-b",
      node: "plant-b",
      labels: { en: "Plant B revenue" },
      printed: "450.0",
      unit: "RMB-million",
      source,
    },
    {
      id: "vehicles",
      measure: "vehicles-produced",
      labels: { en: "Vehicles produced" },
      printed: "12.5",
      unit: "千輛",
      source,
    },
  );
  m.metrics = [
    {
      id: "x.ghg_per_vehicle",
      section: "ghg",
      labels: { en: "GHG emissions per vehicle" },
      aliases: [],
      kind: "intensity",
      numerator: "ghg.total",
      measure: "vehicles-produced",
      nonNegative: true,
    },
  ];
};
// Plant B's intensity printed 1.10 where its figures give 1.09 (the kind of slip the issue saw in a real table).
const PUBLISHED = `section,label,unit,Plant A,Plant B,Group
Energy use,Purchased electricity,MWh,"1,200.5",800.3,"2,000.8"
Greenhouse gas emissions,Scope 1,tCO2e,120.4,35.0,155.4
Greenhouse gas emissions,Scope 2,tCO2e,"1,684.3",456.2,"2,140.5"
Greenhouse gas emissions,Total GHG emissions,tCO2e,"1,804.7",491.2,"2,295.9"
Greenhouse gas emissions,GHG emissions intensity,tCO2e/RMB million,2.26,1.10,1.84
Greenhouse gas emissions,GHG emissions per vehicle,kgCO2e/vehicle,/,/,184
`;

interface Finding {
  metric: string;
  column: string;
  status: string;
  recomputed: string | null;
  causes: { code: string }[];
}
const check = (dir: string) => {
  const r = runCli(["check", dir, "--format", "json", "--no-recalculation", "--no-boundary", "--no-implied"]);
  return { code: r.code, stderr: r.stderr, report: JSON.parse(r.stdout) as { findings: Finding[] } };
};

describe("intensities at a site, per its own revenue, and per vehicle", () => {
  const { code, report, stderr } = check(dataset(plants, PUBLISHED));
  const at = (metric: string, column: string) =>
    report.findings.find((f) => f.metric === metric && f.column === column)!;

  it("Plant A: 1,804.7 ÷ 800.0 = 2.2559 → 2.26 (match); the group still divides by the company's 1,250.0", () => {
    expect(Q.of("1,804.7").div(Q.of("800.0")).fixed(2)).toBe("2.26");
    expect(at("ghg.intensity", "plant-a").status).toBe("match");
    expect(Q.of("2,295.9").div(Q.of("1,250.0")).fixed(2)).toBe("1.84");
    expect(at("ghg.intensity", "group").status).toBe("match");
  });

  it("Plant B: 491.2 ÷ 450.0 = 1.0916 → 1.09, printed 1.10: a mismatch, not rounding (the intervals do not meet)", () => {
    // scope 1 35.0 and scope 2 456.2, each ± 0.05: [491.1, 491.3]; 450.0 ± 0.05; 1.10 stands for [1.095, 1.105]
    const hi = Q.of("491.3").div(Q.of("449.95"));
    expect(hi.lt(Q.of("1.095"))).toBe(true);
    expect(Q.of("491.2").div(Q.of("450.0")).fixed(2)).toBe("1.09");
    const f = at("ghg.intensity", "plant-b");
    expect(f.status).toBe("mismatch");
    expect(f.recomputed).toBe("1.09");
    expect(code).toBe(1);
    expect(stderr).toBe("");
  });

  it("per vehicle: 2,295.9 t × 1,000 ÷ 12,500 vehicles = 183.67 kg → 184 (match; 12.5 thousand is ± 50 vehicles)", () => {
    expect(Q.of("2,295.9").times(Q.of("1000")).div(Q.of("12500")).fixed(0)).toBe("184");
    expect(at("x.ghg_per_vehicle", "group").status).toBe("match");
    // nothing else is flagged
    expect(report.findings.filter((f) => f.status !== "match").map((f) => `${f.metric}@${f.column}`)).toEqual([
      "ghg.intensity@plant-b",
    ]);
  });

  it("a site's intensity divided by the company's revenue is named: cause denominator", () => {
    // Plant A's 1,804.7 ÷ 1,250.0 = 1.44376 → 1.44
    expect(Q.of("1,804.7").div(Q.of("1,250.0")).fixed(2)).toBe("1.44");
    const wrong = check(dataset(plants, PUBLISHED.replace("2.26,1.10", "1.44,1.09")));
    const f = wrong.report.findings.find((x) => x.metric === "ghg.intensity" && x.column === "plant-a")!;
    expect(f.status).toBe("mismatch");
    expect(f.causes.map((c) => c.code)).toEqual(["denominator"]);
  });

  it("a site without a denominator of its own: a printed intensity there is missing, and the cause says what to declare", () => {
    const noB = check(
      dataset(
        (m) => {
          plants(m);
          m.denominators = m.denominators.filter((d) => d.id !== "revenue-b");
        },
        PUBLISHED.replace("2.26,1.10", "2.26,1.09"),
      ),
    );
    const f = noB.report.findings.find((x) => x.metric === "ghg.intensity" && x.column === "plant-b")!;
    expect(f.status).toBe("missing");
    const text = runCli(["check", dirs.at(-1)!, "--no-recalculation"]).stdout;
    expect(text).toContain('"node": "plant-b", "measure": "revenue"');
  });
});

describe("denominators the manifest gets wrong are input errors (exit 2)", () => {
  const errors = (edit: (m: Manifest) => void) => {
    const r = runCli(["validate", dataset(edit), "--format", "json"]);
    expect(r.code).toBe(2);
    return (JSON.parse(r.stdout) as { errors: { code: string; message: string }[] }).errors;
  };
  const add = (d: Record<string, unknown>) => (m: Manifest) =>
    m.denominators.push({ labels: { en: "x" }, source, ...d });

  it("a node that is not in the tree", () => {
    const e = errors(add({ id: "r-x", node: "plant-z", printed: "1", unit: "RMB-million" }));
    expect(e.map((x) => x.code)).toEqual(["denominator-invalid"]);
    expect(e[0]!.message).toContain('node "plant-z" is not in the tree');
  });

  it("a revenue (no measure) in vehicles, and a count of vehicles in a currency", () => {
    expect(errors(add({ id: "r-v", printed: "1", unit: "vehicle" })).map((x) => x.code)).toEqual(["unit-mismatch"]);
    const e = errors(add({ id: "v", measure: "vehicles-produced", printed: "1", unit: "RMB-million" }));
    expect(e.map((x) => x.code)).toEqual(["unit-mismatch"]);
    expect(e[0]!.message).toContain("is a currency");
  });

  it("two defaults for one node, period and measure; two denominators with one id", () => {
    const two = errors((m) => {
      m.denominators[0]!.default = true;
      m.denominators.push({ id: "r2", default: true, labels: { en: "x" }, printed: "2", unit: "RMB-million", source });
    });
    expect(two.map((x) => x.code)).toEqual(["denominator-invalid"]);
    // a site's default does not compete with the company's
    expect(
      runCli([
        "validate",
        dataset((m) => {
          m.denominators[0]!.default = true;
          m.denominators.push({
            id: "ra",
            node: "plant-a",
            default: true,
            labels: { en: "x" },
            printed: "2",
            unit: "RMB-million",
            source,
          });
        }),
      ]).code,
    ).toBe(0);
    const dup = errors(add({ id: "revenue", node: "plant-a", printed: "2", unit: "RMB-million" }));
    expect(dup.map((x) => x.message)).toEqual([
      'two denominators have the id "revenue" (denominators[0] and denominators[1])',
    ]);
  });
});
