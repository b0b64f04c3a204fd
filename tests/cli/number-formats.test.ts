// Numbers as printed (fixtures/number-formats/README.md): a declared 1.234,5 format, negatives in parentheses and
// triangles, <0,1 bounds, dashes as the manifest declares them; and, undeclared, the ambiguous cases refused at
// their cell. Both activity readers (streaming and reference) must say the same on every input.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { ROOT } from "./runCli.js";

async function run(args: string[], reader: "fast" | "reference") {
  let stdout = "",
    stderr = "";
  const env = { NO_COLOR: "1", ...(reader === "reference" ? { ESG_RECALC_READER: "reference" } : {}) };
  const code = await main(["node", "esg-recalc", ...args], {
    stdout: { write: (x: string) => (stdout += x) },
    stderr: { write: (x: string) => (stderr += x) },
    env,
  });
  return { stdout, stderr, code };
}
const OFF = ["--no-recalculation", "--no-implied", "--no-boundary"];
interface Finding {
  metric: string;
  column: string;
  status: string;
  publishedValue: string | null;
  recomputedValue: string | null;
  publishedInterval: [string, string] | null;
}

describe("check fixtures/number-formats", () => {
  it("reads 1.234,5, (12,3), △4,5, <0,1 and the declared dashes; every cell matches", async () => {
    const r = await run(["check", join(ROOT, "fixtures/number-formats"), "--format", "json", ...OFF], "fast");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { counts: Record<string, number>; findings: Finding[] };
    expect(report.counts.match).toBe(21);
    const cell = (metric: string, column: string) =>
      report.findings.find((f) => f.metric === metric && f.column === column)!;
    expect(cell("energy.purchased_electricity", "group")).toMatchObject({
      publishedValue: "2000.8",
      recomputedValue: "2000.8",
    });
    // (12,3) and △4,5 are negative; the group adds them: −12.3 + −4.5 = −16.8.
    expect(cell("ghg.biogenic_change", "plant-a").publishedValue).toBe("-12.3");
    expect(cell("ghg.biogenic_change", "plant-b").publishedValue).toBe("-4.5");
    expect(cell("ghg.biogenic_change", "group")).toMatchObject({
      publishedValue: "-16.8",
      recomputedValue: "-16.8",
      status: "match",
    });
    // <0,1 is [0, 0.1]; the data's 0,04 lies below it.
    expect(cell("air.so2", "plant-a")).toMatchObject({
      publishedInterval: ["0", "0.1"],
      recomputedValue: "0.04",
      status: "match",
    });
    // "—" declared not applicable: no finding for Plant B's SO2 (no data either); "-" declared zero, at the row's one decimal.
    expect(report.findings.some((f) => f.metric === "air.so2" && f.column === "plant-b")).toBe(false);
    expect(cell("air.voc", "plant-b")).toMatchObject({
      publishedValue: "0.0",
      publishedInterval: ["0", "0.05"],
      status: "match",
    });
    // 2,295.9 ÷ 1,250.0 = 1.83672, printed 1,84.
    expect(cell("ghg.intensity", "group")).toMatchObject({ publishedValue: "1.84", recomputedValue: "1.83672" });
  });

  it("is read the same by both activity readers", async () => {
    const args = ["check", join(ROOT, "fixtures/number-formats"), "--format", "json", ...OFF];
    expect(await run(args, "fast")).toEqual(await run(args, "reference"));
  });
});

describe("numbers a dataset does not declare", () => {
  const dir = mkdtempSync(join(tmpdir(), "esg-numbers-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  /** minimal with one published cell or activity value replaced; both readers' output, which must agree. */
  const variant = async (file: "published.csv" | "emissions.csv", from: string, to: string) => {
    const d = join(dir, `v${n++}`);
    cpSync(join(ROOT, "fixtures/minimal"), d, { recursive: true });
    const text = readFileSync(join(d, file), "utf8");
    expect(text).toContain(from);
    writeFileSync(join(d, file), text.replace(from, to));
    const fast = await run(["check", d, ...OFF], "fast");
    const reference = await run(["check", d, ...OFF], "reference");
    expect(fast).toEqual(reference);
    return fast;
  };

  it.each([
    ["1.234", "ambiguous"],
    ["12.345", "ambiguous"],
    ["-", "may mean zero or not applicable"],
    ["—", "may mean zero or not applicable"],
    ["N/A", "may mean not applicable or not available"],
    ["(12.3)", "is a negative figure (in parentheses), and this metric cannot be negative"],
    ["△12.3", "is a negative figure (marked △), and this metric cannot be negative"],
    ["<0.05", "a bound is read as one unit of its last printed decimal"],
  ])("refuses a published %s at its cell", async (printed, why) => {
    const r = await variant("published.csv", "Scope 1,tCO2e,120.4", `Scope 1,tCO2e,"${printed}"`);
    expect(r.code).toBe(2);
    // published.csv line 3; the cell after "Greenhouse gas emissions,Scope 1,tCO2e," starts at character 40.
    expect(r.stderr).toContain("published.csv:3:40: error[cell-invalid]");
    expect(r.stderr).toContain(why);
  });

  it("reads 不適用 as not applicable (the data's 120.4 is then omitted)", async () => {
    for (const printed of ["不適用", "不适用"]) {
      const r = await variant("published.csv", "Scope 1,tCO2e,120.4", `Scope 1,tCO2e,${printed}`);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/Scope 1 · Plant A: .*omitted|omitted/);
    }
  });

  it.each([["1.234"], ["-1.234"], ["(120.4)"], ["<0.1"]])(
    "refuses the activity value %s the same way in both readers",
    async (value) => {
      const r = await variant("emissions.csv", "plant-a,ghg.scope1,120.4,", `plant-a,ghg.scope1,"${value}",`);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/emissions\.csv:2:\d+: error\[value-(not-a-number|negative)\]/);
    },
  );

  it("reads 1.234 as 1.234 once the dataset declares 1,234.5", async () => {
    const d = join(dir, "declared");
    cpSync(join(ROOT, "fixtures/minimal"), d, { recursive: true });
    const m = JSON.parse(readFileSync(join(d, "manifest.json"), "utf8")) as Record<string, unknown>;
    m.numbers = { format: "1,234.5" };
    writeFileSync(join(d, "manifest.json"), JSON.stringify(m));
    writeFileSync(
      join(d, "emissions.csv"),
      readFileSync(join(d, "emissions.csv"), "utf8").replace("plant-b,ghg.scope1,35.0,", "plant-b,ghg.scope1,35.000,"),
    );
    const args = ["check", d, "--format", "json", ...OFF];
    const fast = await run(args, "fast");
    expect(fast).toEqual(await run(args, "reference"));
    // "35.000" would be ambiguous undeclared (2 digits, a point, 3 digits); declared 1,234.5 it is 35, as published (35.0).
    expect(fast.code).toBe(0);
  });
});
