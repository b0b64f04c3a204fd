// Long labels in the charts are not cut: they wrap onto a second line within the label column (broken at a space,
// or between CJK characters), and only a label that even two lines cannot hold is shortened — with the full label
// as the tooltip (<title>) either way.
import { describe, expect, it } from "vitest";
import { materialityChart, toleranceChart } from "../../src/render/charts.js";
import { fitLabel, textWidth } from "../../src/render/svg.js";
import { ctx, result } from "./renderFixtures.js";

/** The <text> label elements of a chart: their tooltip and their lines. */
function labels(svg: string): { title: string; lines: string[]; x: number }[] {
  return [
    ...svg.matchAll(
      /<text x="([\d.]+)"[^>]*class="label"><title>([^<]*)<\/title>((?:<tspan[^>]*>[^<]*<\/tspan>)+)<\/text>/g,
    ),
  ].map((m) => ({
    x: Number(m[1]),
    title: m[2]!,
    lines: [...m[3]!.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((t) => t[1]!),
  }));
}

describe("fitLabel", () => {
  it("keeps a label that fits, breaks a longer one at a space, never loses a character", () => {
    expect(fitLabel("Scope 2 · Total", 200, 12)).toEqual(["Scope 2 · Total"]);
    const label = "On-site solar power consumed · Manufacturing plants"; // 51 characters, ≈ 343 px at 12 px
    const lines = fitLabel(label, 328, 12);
    expect(lines).toEqual(["On-site solar power consumed · Manufacturing", "plants"]);
    expect(lines.join(" ")).toBe(label);
    for (const l of lines) expect(textWidth(l, 12)).toBeLessThanOrEqual(328);
  });

  it("breaks CJK text between characters, and shortens only what two lines cannot hold", () => {
    const zh = "場內光伏發電消耗量 · 江淮蔚來合肥先進製造基地"; // 23 wide characters ≈ 276 px + the rest
    const lines = fitLabel(zh, 160, 12);
    expect(lines).toHaveLength(2);
    expect(lines.join("").replace(/ /g, "")).toBe(zh.replace(/ /g, ""));
    const long = "a".repeat(200);
    const cut = fitLabel(long, 100, 12);
    expect(cut).toHaveLength(2);
    expect(cut[1]!.endsWith("…")).toBe(true);
    for (const l of cut) expect(textWidth(l, 12)).toBeLessThanOrEqual(100);
  });
});

describe("the tolerance and materiality charts of NIO", () => {
  const nio = result();
  const anchor = () => "x";
  for (const lang of ["en", "zh-Hant"] as const) {
    it(`${lang}: every label fits its column (none starts left of the chart) and carries its full text`, () => {
      for (const chart of [toleranceChart(nio, ctx(lang), anchor), materialityChart(nio, ctx(lang), anchor)]) {
        const found = labels(chart!.svg);
        expect(found.length).toBeGreaterThan(0);
        for (const l of found) {
          // right-aligned at x: the widest line must not reach past the chart's left edge
          expect(Math.max(...l.lines.map((line) => textWidth(line, 12)))).toBeLessThanOrEqual(l.x);
          expect(l.lines.join(" ").replace(/ /g, "")).toBe(l.title.replace(/ /g, ""));
        }
      }
    });
  }
  it("the 51-character solar label, cut to 48 characters before, is whole on two lines", () => {
    const found = labels(toleranceChart(nio, ctx(), anchor)!.svg);
    const solar = found.find((l) => l.title === "On-site solar power consumed · Manufacturing plants");
    expect(solar?.lines).toEqual(["On-site solar power consumed · Manufacturing", "plants"]);
  });
});
