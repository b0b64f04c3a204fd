// check --format corrected / corrected-markdown: the published table in its own layout, the figure the data gives
// written into each mismatch, missing and omitted cell, everything else byte for byte as read. Expected figures are
// computed here with BigInt from the dataset's own files, never taken from the tool.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, describe, expect, it } from "vitest";
import { fixture, ROOT, runCli } from "./runCli.js";

const rows = (text: string): string[][] =>
  parse(text.replace(/^\ufeff/, ""), { relax_column_count: false }) as string[][];

/** a ÷ b (both printed with one decimal, given as integers of tenths) rounded half-up to `dp` decimals, as printed text. */
function quotient(aTenths: bigint, bTenths: bigint, dp: number): string {
  const scale = 10n ** BigInt(dp);
  const q = (aTenths * scale * 2n + bTenths) / (2n * bTenths); // half-up for positive numbers
  const s = q.toString().padStart(dp + 1, "0");
  return `${s.slice(0, -dp)}.${s.slice(-dp)}`;
}

const tenths = (printed: string) => BigInt(printed.replace(/,/g, "").replace(".", ""));

describe("the corrected table of NIO 2021", { timeout: 120_000 }, () => {
  const source = readFileSync(join(ROOT, "data/datasets/nio-2021/published.csv"), "utf8");
  const manifest = JSON.parse(readFileSync(join(ROOT, "data/datasets/nio-2021/manifest.json"), "utf8")) as {
    denominators: { id: string; printed: string; default?: boolean }[];
  };
  const printed = rows(source);
  const run = runCli(["check", "--format", "corrected"]);
  const corrected = rows(run.stdout);
  const at = (label: string, col: number, table: string[][]) => table.find((r) => r[1] === label)![col]!;
  const TOTAL = printed[0]!.indexOf("總計");
  // The default denominator: the annual results' 36,136.4 (RMB million).
  const revenue = manifest.denominators.find((d) => d.id === "revenue-annual-results")!.printed;

  it("exits as check does (1: there are mismatches) and keeps the layout: same header, same rows, same width", () => {
    expect(run.code).toBe(1);
    expect(revenue.replace(/,/g, "")).toBe("36136.4");
    expect(corrected[0]).toEqual(printed[0]);
    expect(corrected.length).toBe(printed.length);
    for (const [i, r] of corrected.entries()) expect(r.length).toBe(printed[i]!.length);
  });

  it("changes exactly the two mismatch cells, to the figures the data gives at the published precision", () => {
    const changed: string[] = [];
    for (const [i, r] of printed.entries())
      for (const [j, v] of r.entries()) if (corrected[i]![j] !== v) changed.push(`${r[1]}/${printed[0]![j]}`);
    expect(changed).toEqual(["廢⽔排放強度/總計", "能耗總強度�/總計"]);
    // wastewater total 344,102.0 t ÷ 36,136.4 = 9.5223… → 9.52 (printed 9.53)
    const wastewater = at("廢⽔排放總量", TOTAL, printed);
    expect(wastewater).toBe("344,102.0");
    expect(at("廢⽔排放強度", TOTAL, corrected)).toBe(quotient(tenths(wastewater), tenths(revenue), 2));
    expect(at("廢⽔排放強度", TOTAL, corrected)).toBe("9.52");
    // energy total 142,012.9 MWh ÷ 36,136.4 = 3.9299… → 3.93 (printed 1,424.90)
    const energy = at("能耗總量", TOTAL, printed);
    expect(energy).toBe("142,012.9");
    expect(at("能耗總強度�", TOTAL, corrected)).toBe(quotient(tenths(energy), tenths(revenue), 2));
    expect(at("能耗總強度�", TOTAL, corrected)).toBe("3.93");
  });

  it("keeps the two rounding cells (on-site solar, manufacturing and total: 6,323.3, the data gives 6,323.4) as printed", () => {
    const solar = corrected.find((r) => r[1] === "場內光伏發電消耗量")!;
    // 1,522.3 + 4,801.1 = 6,323.4 ≠ the printed 6,323.3: a rounding, not a correction.
    expect(tenths(at("場內光伏發電消耗量", 3, printed)) + tenths(at("場內光伏發電消耗量", 4, printed))).toBe(63234n);
    expect([solar[5], solar[7]]).toEqual(["6,323.3", "6,323.3"]);
  });

  it("lists what changed on stderr, so that stdout pastes clean", () => {
    expect(run.stderr).toContain("Wastewater intensity · Total (published.csv:12:24): 9.53 → 9.52 (mismatch)");
    expect(run.stderr).toContain("Energy intensity · Total (published.csv:24:26): 1,424.90 → 3.93 (mismatch)");
    expect(run.stderr.trim().split("\n")).toHaveLength(3);
    expect(run.stdout).not.toContain("printed");
  });

  it("--bom starts the CSV with a byte-order mark; --marks says what was printed in the cell", () => {
    const bom = runCli(["check", "--format", "corrected", "--bom"]);
    expect(bom.stdout.startsWith("\ufeffsection,label")).toBe(true);
    const marked = rows(runCli(["check", "--format", "corrected", "--marks"]).stdout);
    expect(at("能耗總強度�", TOTAL, marked)).toBe("3.93 (printed: 1,424.90)");
    expect(runCli(["check", "--format", "json", "--marks"]).code).toBe(2);
  });

  it("Markdown: the same table, then the list of changes", () => {
    const md = runCli(["check", "--format", "corrected-markdown"]);
    expect(md.code).toBe(1);
    const lines = md.stdout.split("\n");
    expect(lines[0]).toBe(
      "| section | label | unit | 南京電驅動系統製造基地 | 江淮蔚來合肥先進製造基地 | 製造基地合計 | 辦公區合計 | 總計 |",
    );
    expect(lines).toContain("| 能耗 | 能耗總強度� | 兆⽡時/百萬 | / | / | / | / | 3.93 |");
    expect(lines).toContain("| 能源使⽤ | 場內光伏發電消耗量 | 兆⽡時 | 1,522.3 | 4,801.1 | 6,323.3 | / | 6,323.3 |");
    expect(lines.filter((l) => l.startsWith("- "))).toEqual([
      "- Wastewater intensity · Total (published.csv:12:24): 9.53 → 9.52 (mismatch)",
      "- Energy intensity · Total (published.csv:24:26): 1,424.90 → 3.93 (mismatch)",
    ]);
    expect(md.stderr).toBe("");
  });
});

describe("corrected: omitted, missing, rounding and footnote markers (fixtures/statuses, published-markers)", () => {
  it("statuses: the omitted cell gets the figure, the mismatch its sum, the missing cell stays (the data gives nothing)", () => {
    const run = runCli(["check", fixture("statuses"), "--format", "corrected"]);
    const out = rows(run.stdout);
    const src = rows(readFileSync(join(ROOT, "fixtures/statuses/published.csv"), "utf8"));
    // README: natural gas plant B printed "/", activity 250.0 → omitted; scope 2 group 1,684.3 + 456.2 = 2,140.5.
    expect(out[2]![4]).toBe("250.0");
    expect(tenths(src[4]![3]!) + tenths(src[4]![4]!)).toBe(21405n);
    expect(out[4]![5]).toBe("2,140.5");
    expect(out[3]![5]).toBe("30.9"); // rounding: as printed
    expect(out[5]![5]).toBe("500.0"); // missing: no figure to write
    expect(run.stderr).toContain(
      "Municipal water supply · Group (published.csv:6:37): 500.0: kept as printed: the data gives no figure for it (missing)",
    );
    const changed = src.flatMap((r, i) => r.filter((v, j) => out[i]![j] !== v));
    expect(changed).toEqual(["/", "1,410.5"]);
  });

  const dir = mkdtempSync(join(tmpdir(), "esg-corrected-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("a footnote marker stays on the corrected figure, with the space it had", () => {
    cpSync(join(ROOT, "fixtures/hostile/published-markers"), dir, { recursive: true });
    const file = join(dir, "published.csv");
    writeFileSync(file, readFileSync(file, "utf8").replace('"2,140.5 (註4)"', '"2,410.5 (註4)"'));
    const out = rows(runCli(["check", dir, "--format", "corrected"]).stdout);
    expect(out[3]![5]).toBe("2,140.5 (註4)");
    expect(out[1]![3]).toBe("1,200.5¹");
  });

  it("a table in 1.234,5 notation gets its corrected figure in that notation, and the corrected table checks clean", () => {
    const eu = join(dir, "eu");
    cpSync(join(ROOT, "fixtures/number-formats"), eu, { recursive: true });
    const file = join(eu, "published.csv");
    // Scope 2, Group: the plants print 1.684,3 and 456,2, which sum to 2.140,5; print 2.410,5 instead.
    // Change in biogenic carbon stock, Group: (12,3) and △4,5 are −12.3 and −4.5, which sum to −16.8; print (17,9).
    writeFileSync(file, readFileSync(file, "utf8").replace('"2.140,5"', '"2.410,5"').replace('"(16,8)"', '"(17,9)"'));
    const run = runCli(["check", eu, "--format", "corrected"]);
    expect(run.code).toBe(1);
    const out = rows(run.stdout);
    expect(out[3]![5]).toBe("2.140,5");
    // A negative keeps the cell's accounting style, in the table's notation (not "-16,8", not neutralised).
    expect(out[6]![5]).toBe("(16,8)");
    // Written back, the corrected table is read in the dataset's own notation and every arithmetic cell agrees.
    writeFileSync(file, run.stdout);
    expect(runCli(["check", eu, "--no-recalculation", "--no-boundary"]).code).toBe(0);
  });
});
