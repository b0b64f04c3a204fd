// --format html as text: self-contained (nothing loaded from elsewhere), the table in the report's layout with every
// problem cell linked to an audit trail that exists, the charts, the language, the print stylesheet. The browser
// test (tests/cli/html-browser.test.ts) checks that Chromium renders it and makes no request.
import { allColumns, publishedRows } from "../../src/model/columns.js";
import { describe, expect, it } from "vitest";
import { toleranceRatio } from "../../src/render/charts.js";
import { renderHtml, trailId } from "../../src/render/html.js";
import { ARITHMETIC_ONLY, ctx, result } from "./renderFixtures.js";

const opts = { failOn: "mismatch" as const, toolVersion: "0.1.0" };
const nio = result();
const html = renderHtml(nio, ctx(), opts);

/** The HTML of the table cell of (metric, column): published.csv row order × manifest column order. */
function cellHtml(page: string, metric: string, column: string): string {
  const r = result();
  const row = publishedRows(r.dataset).findIndex((x) => x.metric === metric);
  const col = allColumns(r.dataset).findIndex((c) => c.id === column);
  const table = page.slice(page.indexOf('<table class="published">'), page.indexOf("</table>"));
  const rows = table.split("<tr>").slice(2); // the header row, then data rows (section rows have a class)
  const tds = rows[row]!.split("<td").slice(2); // the unit cell first
  return tds[col]!;
}

describe("renderHtml on the NIO dataset", () => {
  it("is one self-contained document: no script, no external style, font, image or link, and a CSP forbidding them", () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<iframe|<img|<object|<embed|@import|url\(/i);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    );
    for (const m of html.matchAll(/\b(?:href|src)="([^"]*)"/g)) expect(m[1], m[0]).toMatch(/^#/);
    // the only URL in the file is the SVG namespace, which browsers never fetch
    expect([...new Set(html.match(/https?:\/\/[^\s"'<>)]+/g))]).toEqual(["http://www.w3.org/2000/svg"]);
  });

  it("every link from a cell or a chart leads to an audit trail in the page, and every problem cell has one", () => {
    const ids = new Set([...html.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]));
    const targets = [...html.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]!);
    for (const t of targets) expect(ids.has(t), t).toBe(true);
    const problems = new Set(nio.findings.filter((f) => f.status !== "match").map((f) => trailId(f.metric, f.column)));
    // 11 problems on 11 distinct cells (README): 2 rounding, 2 mismatch, 3 within materiality, 2 material, 2 incomplete
    // (Nanjing's scope 1 recalculated 0 against a published 0.0 is a match, not a problem)
    expect(problems.size).toBe(2 + 2 + 3 + 2 + 2);
    for (const p of problems) expect(targets).toContain(p);
  });

  it("the summary: verdict, the counts of the README, the denominator", () => {
    expect(html).toContain('<span class="verdict fail">FAIL</span>');
    expect(html).toContain(
      "92 cells checked (+8 recalculation and boundary checks): 89 match, 2 rounding, 2 mismatch, 0 missing, 0 omitted, 3 within materiality, 2 material, 2 incomplete",
    );
    expect(html).toContain(
      "Denominator: FY2021 total revenues (annual results) = 36,136.4 ± 0.05 RMB million (revenue-annual-results)",
    );
    expect(html).toMatch(
      /class="chip s-mismatch"[^>]*><span class="mark" aria-hidden="true">✗<\/span> mismatch <b>2<\/b>/,
    );
  });

  it("cells: status class and symbol, the recomputed value beside a problem, a tooltip with the interval", () => {
    const w = cellHtml(html, "water.wastewater.intensity", "total");
    expect(w).toMatch(/class="num cell s-mismatch problem"/);
    expect(w).toContain('<span class="pub">9.53</span>');
    expect(w).toContain('aria-label="mismatch">✗</span>');
    expect(w).toContain('<span class="rec">Recomputed 9.52</span>');
    expect(w).toContain(`href="#${trailId("water.wastewater.intensity", "total")}"`);
    const m = cellHtml(html, "ghg.scope1", "total");
    expect(m).toMatch(/class="num cell s-match"/);
    expect(m).toContain('<span class="pub">12,416.0</span>');
    expect(m).toMatch(
      /title="✓ match \(sum\) · Published 12,416.0 · Recomputed 12,416.0 · Difference 0.0 · interval \[/,
    );
    expect(m).not.toContain("href=");
    // Nanjing scope 2: the arithmetic is a match, the recalculation material (README: 5,180.9 against 6,217.0)
    const n = cellHtml(html, "ghg.scope2", "nanjing");
    expect(n).toContain('<span class="badge s-material"');
    expect(n).toContain("recalculation 5,180.9");
  });

  it("charts: at least the shares and the tolerance chart, each an inline SVG with bars", () => {
    const svgs = html.match(/<svg [^>]*class="chart[^"]*"[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs.length).toBeGreaterThanOrEqual(2);
    for (const id of ["chart-shares", "chart-tolerance", "chart-materiality", "chart-implied"])
      expect(html).toContain(`id="${id}"`);
    for (const s of svgs) expect((s.match(/<rect|<circle/g) ?? []).length).toBeGreaterThan(0);
  });

  it("the shares chart prints shares computed from the activity data: Nanjing 950.4 of 10,922.1 t non-hazardous waste = 8.7%", () => {
    // 950.4 ÷ 10,922.1 = 0.08701…; Hefei 8,871.7 ÷ 10,922.1 = 81.2%; offices 1,100.0 ÷ 10,922.1 = 10.1%
    const shares = html.slice(html.indexOf('id="chart-shares"'), html.indexOf('id="chart-tolerance"'));
    expect(shares).toContain("Non-hazardous waste · Nanjing e-drive plant: 8.7% (950.4 / 10,922.1 t)");
    expect(shares).toContain("Non-hazardous waste · JAC-NIO Hefei plant: 81.2%");
    expect(shares).toContain("Non-hazardous waste · Offices: 10.1%");
  });

  it("has a print stylesheet and a legend that does not rely on colour", () => {
    expect(html).toContain("@media print");
    expect(html).toMatch(/<span class="mark" aria-hidden="true">~<\/span> rounding/);
  });
});

describe("toleranceRatio (the tolerance chart's measure), worked by hand", () => {
  const find = (metric: string, column: string) =>
    nio.findings.find((f) => f.metric === metric && f.column === column && f.kind !== "recalculation")!;

  it("on-site solar, total: |6,323.4 − 6,323.3| ÷ ((0.1 + 0.2) ÷ 2) = 0.1 ÷ 0.15 = 0.667", () => {
    // published 6,323.3 stands for [6,323.25, 6,323.35] (width 0.1), the inputs allow [6,323.30, 6,323.50] (width 0.2)
    expect(toleranceRatio(find("energy.solar_onsite", "total"))!.toDecimalPlaces(4).toFixed()).toBe("0.6667");
  });

  it("wastewater intensity: |344,102.0 ÷ 36,136.4 − 9.53| ÷ ((0.01 + w) ÷ 2) ≈ 1.533, w the recomputed interval's width", () => {
    const exact = 344102.0 / 36136.4;
    // the total is the sum of two facilities printed to 0.1 (35,610.0 + 308,492.0), so it allows [344,101.9, 344,102.1]
    // (README: "between 344,101.9 ÷ 9.535 and 344,102.1 ÷ 9.525"); the revenue 36,136.4 allows [36,136.35, 36,136.45]
    const w = 344102.1 / 36136.35 - 344101.9 / 36136.45;
    const expected = Math.abs(exact - 9.53) / ((0.01 + w) / 2);
    expect(toleranceRatio(find("water.wastewater.intensity", "total"))!.toNumber()).toBeCloseTo(expected, 6);
    expect(expected).toBeGreaterThan(1.53);
    expect(expected).toBeLessThan(1.54);
  });
});

describe("renderHtml in other languages and on small datasets", () => {
  it("--lang zh-Hant: the document's language, headings and labels", () => {
    const zh = renderHtml(nio, ctx("zh-Hant"), opts);
    expect(zh.startsWith('<!DOCTYPE html>\n<html lang="zh-Hant">')).toBe(true);
    for (const s of ["披露表格（逐格）", "圖表", "各報告單位佔各項總量的比例", "廢水排放強度", "不符"])
      expect(zh).toContain(s);
  });

  it("a dataset with no problems: a pass, no trails, and still the shares chart", () => {
    const minimal = renderHtml(result("fixtures/minimal", ARITHMETIC_ONLY), ctx(), opts);
    expect(minimal).toContain('<span class="verdict pass">PASS</span>');
    expect(minimal).not.toContain('class="trail"');
    expect(minimal).toContain('id="chart-shares"');
    expect(minimal).not.toContain('id="chart-tolerance"');
  });

  it("escapes what the dataset says: a label beginning with = and one with @ are text", () => {
    const labels = renderHtml(result("fixtures/formula-labels", ARITHMETIC_ONLY), ctx(), opts);
    expect(labels).toContain('<th scope="row">=Purchased heat');
    expect(labels).toContain("@Plant B");
  });
});
