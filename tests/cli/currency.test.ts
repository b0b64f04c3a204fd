// A dataset whose revenue is in NT$ (fixtures/currency-twd/README.md): every report names NT$, never RMB; the
// denominator printed in NT$ thousand or NT$100 million is converted exactly; RMB is never converted into NT$.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fixture, runCli } from "./runCli.js";

const OFF = ["--no-recalculation", "--no-implied", "--no-boundary"];

describe("check fixtures/currency-twd", () => {
  const json = runCli(["check", fixture("currency-twd"), "--format", "json", ...OFF]);
  const report = JSON.parse(json.stdout) as {
    denominator: { id: string; value: string; interval: [string, string]; unit: string };
    findings: { metric: string; column: string; status: string; unit: string; recomputedValue: string | null }[];
  };

  it("converts the revenue printed in NT$ thousand into NT$ million exactly", () => {
    expect(json.code).toBe(0);
    // 1,250,000 NT$ thousand × 10³ ÷ 10⁶ = 1,250 NT$ million; printed to the thousand: ± 0.5 × 10³ ÷ 10⁶ = ± 0.0005.
    expect(report.denominator).toMatchObject({
      id: "revenue-thousands",
      value: "1250.000",
      interval: ["1249.9995", "1250.0005"],
      unit: "TWD-million",
    });
    const intensity = report.findings.find((f) => f.metric === "ghg.intensity")!;
    // 2,295.9 ÷ 1,250 = 1.83672 → 1.84 as printed.
    expect(intensity).toMatchObject({ status: "match", unit: "tCO2e/NT$ million", recomputedValue: "1.83672" });
  });

  it("reads 新台幣億元 as 10⁸ NT$", () => {
    const r = runCli([
      "check",
      fixture("currency-twd"),
      "--format",
      "json",
      "--denominator",
      "revenue-printed",
      ...OFF,
    ]);
    const d = (JSON.parse(r.stdout) as typeof report).denominator;
    // 12.5 億 = 1,250 NT$ million, ± 0.05 億 = ± 5 NT$ million.
    expect(d).toMatchObject({ value: "1250", interval: ["1245", "1255"], unit: "TWD-million" });
  });

  it("names NT$ in every format and language and never RMB", { timeout: 120_000 }, () => {
    for (const [format, lang] of [
      ["table", "en"],
      ["table", "zh-Hant"],
      ["table", "zh-Hans"],
      ["markdown", "en"],
      ["csv", "zh-Hant"],
      ["json", "zh-Hans"],
      ["html", "en"],
    ]) {
      const r = runCli(["check", fixture("currency-twd"), "--format", format!, "--lang", lang!, ...OFF]);
      expect(r.stdout, `${format} ${lang}`).not.toMatch(/RMB|人民幣|人民币/);
    }
    expect(runCli(["check", fixture("currency-twd"), ...OFF]).stdout).toContain("1,250.000 ± 0.0005 NT$ million");
    expect(runCli(["check", fixture("currency-twd"), "--lang", "zh-Hant", ...OFF]).stdout).toContain(
      "tCO2e/新臺幣百萬元",
    );
    expect(runCli(["check", fixture("currency-twd"), "--lang", "zh-Hans", ...OFF]).stdout).toContain(
      "tCO2e/新台币百万元",
    );
  });

  it("takes a --revenue in the declared denominator's unit (NT$ thousand here)", () => {
    const r = runCli(["check", fixture("currency-twd"), "--format", "json", "--revenue", "1250000", ...OFF]);
    // 1,250,000 NT$ thousand typed exactly = 1,250 NT$ million exactly.
    expect((JSON.parse(r.stdout) as typeof report).denominator).toMatchObject({
      id: "revenue-option",
      interval: ["1250", "1250"],
      unit: "TWD-million",
    });
  });
});

describe("a currency the table and the denominator disagree on", () => {
  const dir = mkdtempSync(join(tmpdir(), "esg-currency-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("refuses an intensity per RMB million in a table whose revenue is NT$: no exchange rate is applied", () => {
    cpSync(fixture("currency-twd"), join(dir, "rmb"), { recursive: true });
    const published = join(dir, "rmb", "published.csv");
    writeFileSync(published, readFileSync(published, "utf8").replace("tCO2e/新臺幣百萬元", "tCO2e/RMB million"));
    const r = runCli(["check", join(dir, "rmb")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error[unit-mismatch]");
    expect(r.stderr).toContain("TWD and CNY are different currencies: no exchange rate is applied");
  });

  it("takes a --revenue in millions of the dataset's currency when the manifest declares no denominator", () => {
    cpSync(fixture("currency-twd"), join(dir, "none"), { recursive: true });
    const manifest = join(dir, "none", "manifest.json");
    const m = JSON.parse(readFileSync(manifest, "utf8")) as { denominators?: unknown };
    delete m.denominators;
    writeFileSync(manifest, JSON.stringify(m, null, 2));
    const r = runCli(["check", join(dir, "none"), "--format", "json", "--revenue", "1250", ...OFF]);
    expect((JSON.parse(r.stdout) as { denominator: unknown }).denominator).toMatchObject({
      value: "1250",
      unit: "TWD-million",
    });
  });

  it("refuses a currency the tool does not know, at the manifest's currency", () => {
    cpSync(fixture("currency-twd"), join(dir, "xxx"), { recursive: true });
    const manifest = join(dir, "xxx", "manifest.json");
    writeFileSync(manifest, readFileSync(manifest, "utf8").replace('"currency": "TWD"', '"currency": "XTS"'));
    const r = runCli(["check", join(dir, "xxx")]);
    expect(r.code).toBe(2);
    // "currency" is on line 7 of the manifest, its value at column 15.
    expect(r.stderr).toMatch(/manifest\.json:7:\d+: error\[currency-unknown\]: unknown currency "XTS"/);
  });
});
