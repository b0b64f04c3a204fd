// The HTML report in a real browser: the Chromium that `npm ci` installs from the npm registry
// (tests/browser/launchBrowser.ts; a system Chrome off Linux x64) driven by playwright-core. The test writes the
// report with the real binary, opens it from file://, records every request the page makes (only the file itself
// may be asked for) and every Content-Security-Policy complaint, checks that the table and the charts render, and
// checks that the analysis sections render as tables (no <pre> anywhere) and that every in-page link — from a cell, a
// chart or an analysis table to an audit trail — resolves, that no chart label is cut off, and keeps a screenshot in
// test-artifacts/report.png. It checks structure, requests and rendering, never glyphs:
// the packaged Chromium has no CJK fonts, so the screenshot has blanks where the Chinese labels (and ✓ ✗) would
// be. When no browser can be started it fails, saying why: it must not pass unseen.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { launchBrowser, type TestBrowser } from "../browser/launchBrowser.js";
import { ROOT, runCli } from "./runCli.js";

const ARTIFACTS = join(ROOT, "test-artifacts");

describe("--format html in headless Chromium", () => {
  const work = mkdtempSync(join(tmpdir(), "esg-recalc-html-"));
  const report = join(work, "report.html");
  let started: Promise<TestBrowser> | undefined;

  // Launched by the first test that needs it; each test fails (not skips) when no browser can be started.
  const launch = async (): Promise<Browser> => (await (started ??= launchBrowser())).browser;
  afterAll(async () => {
    await (await started?.catch(() => undefined))?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it("check --format html --output report.html renders the table and the charts, requests nothing but itself", async () => {
    const r = runCli(["check", "--format", "html", "--output", report]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");

    const page = await (await launch()).newPage({ viewport: { width: 1280, height: 1600 } });
    const requests: string[] = [];
    const complaints: string[] = [];
    page.on("request", (req) => requests.push(req.url()));
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) complaints.push(m.text());
    });
    page.on("pageerror", (e) => complaints.push(String(e)));
    const url = pathToFileURL(report).href;
    await page.goto(url, { waitUntil: "load" });

    // the table: one row per published row (data/datasets/nio-2021/published.csv: a header and 25 rows) plus section rows
    const table = page.locator("table.published");
    await expect.poll(() => table.isVisible()).toBe(true);
    expect(await page.locator("table.published tbody tr:not(.section)").count()).toBe(25);
    const mismatch = page.locator("td.s-mismatch").first();
    expect(await mismatch.isVisible()).toBe(true);
    const bg = await mismatch.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(bg).not.toBe("rgba(0, 0, 0, 0)"); // coloured by its status
    expect(await page.locator("td.cell .mark").count()).toBe(92); // every checked cell carries its status symbol

    // the charts: at least two SVGs that are laid out and drawn
    const charts = page.locator("svg.chart");
    const n = await charts.count();
    expect(n).toBeGreaterThanOrEqual(2);
    let drawn = 0;
    for (let i = 0; i < n; i++) {
      const box = await charts.nth(i).boundingBox();
      const shapes = await charts.nth(i).locator("rect, circle, line").count();
      if (box && box.width > 100 && box.height > 50 && shapes > 0) drawn++;
    }
    expect(drawn).toBeGreaterThanOrEqual(2);
    expect(await page.locator("#chart-shares svg .segment rect").count()).toBeGreaterThan(20);

    // a problem cell's link lands on its audit trail
    await page.locator("td.s-mismatch a").first().click();
    expect(decodeURIComponent(new URL(page.url()).hash)).toBe("#trail-water.wastewater.intensity-total");
    expect(await page.locator("#trail-water\\.wastewater\\.intensity-total .explain").innerText()).toContain(
      "Verdict: ✗ mismatch",
    );

    // findings and analyses are tables, not terminal text: no <pre> anywhere; each analysis section's table is laid
    // out with its rows (recalculation 6, implied factors 5, boundary 2, claims 1, denominators 5 and 2: see the
    // Markdown test for the same tables)
    expect(await page.locator("pre").count()).toBe(0);
    const rows: Record<string, number> = {
      recalculation: 6,
      implied: 5,
      boundary: 2,
      claims: 1,
      denominators: 5,
      "denominators-declared": 2,
    };
    for (const [id, n] of Object.entries(rows)) {
      const t = page.locator(`#table-${id}`);
      expect(await t.isVisible(), id).toBe(true);
      expect(await t.locator("tbody tr").count(), id).toBe(n);
      const box = await t.boundingBox();
      expect(box && box.width > 200 && box.height > 20 * n, id).toBe(true);
    }
    expect(await page.locator("#table-recalculation td.status .mark").count()).toBe(6);

    // every in-page link resolves: cells, charts, analysis tables, navigation
    const links = await page
      .locator('a[href^="#"]')
      .evaluateAll((as) => as.map((a) => a.getAttribute("href")!.slice(1)));
    expect(links.filter((l) => l.startsWith("trail-")).length).toBeGreaterThan(20);
    const unresolved = await page.evaluate(
      (ids) => ids.filter((id) => document.getElementById(decodeURIComponent(id)) === null),
      links,
    );
    expect(unresolved).toEqual([]);
    // a link from the recalculation table lands on Nanjing's scope 2 audit trail
    await page.locator('#table-recalculation a[href="#trail-ghg.scope2-nanjing"]').click();
    expect(decodeURIComponent(new URL(page.url()).hash)).toBe("#trail-ghg.scope2-nanjing");
    expect(await page.locator("#trail-ghg\\.scope2-nanjing .explain").innerText()).toContain(
      "scope 2 (location-based) = purchased electricity × grid factor",
    );

    // chart labels are not cut: each lies inside its chart (a label wider than its column would start left of it)
    const outside = await page
      .locator("svg.chart text.label")
      .evaluateAll((ts) => ts.filter((t) => (t as SVGGraphicsElement).getBBox().x < 0).map((t) => t.textContent));
    expect(outside).toEqual([]);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, "report.png"), fullPage: true });
    expect(existsSync(join(ARTIFACTS, "report.png"))).toBe(true);

    // every request was for the file itself (the in-page link above only changes the fragment)
    expect(requests.map((u) => u.replace(/#.*$/, ""))).toEqual([url]);
    expect(complaints).toEqual([]);
    await page.close();
  }, 180_000); // the first launch after `npm ci` unpacks the browser (≈ 190 MB) first

  it("prints: the print stylesheet gives a PDF (the trails open, nothing requested)", async () => {
    if (!existsSync(report)) runCli(["check", "--format", "html", "--output", report]);
    const page = await (await launch()).newPage();
    const requests: string[] = [];
    page.on("request", (req) => requests.push(req.url()));
    await page.goto(pathToFileURL(report).href);
    await page.emulateMedia({ media: "print" });
    expect(await page.locator("nav").isVisible()).toBe(false);
    // a rounding cell's audit trail is printed too
    expect(await page.locator("#trail-energy\\.solar_onsite-total .explain").isVisible()).toBe(true);
    const pdf = await page.pdf({ format: "A4" });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(requests).toEqual([pathToFileURL(report).href]);
    await page.close();
  }, 60_000);
});
