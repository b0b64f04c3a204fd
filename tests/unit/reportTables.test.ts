// Every section of a report an auditor files is a real table: in Markdown the analysis sections are pipe tables
// (parsed here, not matched as text), in HTML they are <table>s with status symbols and links to the audit trails,
// and nothing is terminal text in a <pre> block.
import { describe, expect, it } from "vitest";
import { trailId, renderHtml } from "../../src/render/html.js";
import { renderMarkdown } from "../../src/render/markdown.js";
import { ctx, result } from "./renderFixtures.js";

interface MdTable {
  head: string[];
  aligns: string[];
  rows: string[][];
}

/** The cells of a Markdown table row: split at pipes not escaped with a backslash, the escapes undone. */
const cells = (line: string) =>
  line
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((c) => c.trim().replace(/\\\|/g, "|"));

/** Each `## heading` of a Markdown document with the tables under it (a table: header, delimiter row, rows). */
function sections(md: string): Map<string, MdTable[]> {
  const out = new Map<string, MdTable[]>();
  let current: MdTable[] = [];
  const lines = md.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith("## ")) out.set(line.slice(3), (current = []));
    else if (line.startsWith("|") && lines[i + 1]?.startsWith("|") && /^\|(\s*:?-+:?\s*\|)+$/.test(lines[i + 1]!)) {
      const table: MdTable = { head: cells(line), aligns: cells(lines[i + 1]!), rows: [] };
      for (i += 2; lines[i]?.startsWith("|"); i++) table.rows.push(cells(lines[i]!));
      i--;
      current.push(table);
    }
  }
  return out;
}

describe("Markdown: the analysis sections are tables with the terminal's columns", () => {
  const md = renderMarkdown(result(), ctx(), { failOn: "mismatch", problemsOnly: false });
  const s = sections(md);

  it("no fenced text block is left", () => {
    expect(md).not.toContain("```");
  });

  it("every table is well formed: as many cells in each row as in the header, a delimiter per column", () => {
    for (const [, tables] of s)
      for (const t of tables) {
        expect(t.aligns).toHaveLength(t.head.length);
        for (const r of t.rows) expect(r).toHaveLength(t.head.length);
      }
  });

  it("recalculation: the terminal's seven columns, one row per recalculation finding (6 for NIO), statuses with their symbols", () => {
    const [t] = s.get("Recalculation from activity data (materiality 5.0%)")!;
    expect(t!.head).toEqual(["Unit", "Metric", "Published", "Recalculated", "Rel. diff.", "Status", "Factors"]);
    expect(t!.aligns).toEqual(["---", "---", "--:", "--:", "--:", "---", "---"]);
    expect(t!.rows).toHaveLength(6); // scope 1, scope 2 and direct energy at Nanjing and Hefei
    expect(t!.rows.find((r) => r[0] === "Nanjing e-drive plant" && r[1] === "Scope 2")).toEqual([
      "Nanjing e-drive plant",
      "Scope 2",
      "6,217.0",
      "5,180.9",
      "-16.7%",
      "✗ material",
      "cn_grid_national_mee2022",
    ]);
  });

  it("implied factors, boundary, claims, denominators: each a table", () => {
    expect(s.get("Implied factors")![0]!.head).toEqual(["Unit", "Metric", "Implied", "interval", "Consistent with"]);
    expect(s.get("Implied factors")![0]!.rows).toHaveLength(5);
    const boundary = s.get("Boundary completeness")![0]!;
    expect(boundary.head).toEqual(["Status", "Unit", "Metric", "Finding"]);
    expect(boundary.rows.map((r) => [r[0], r[1], r[2]])).toEqual([
      ["! incomplete", "Offices", "Wastewater discharged"],
      ["! incomplete", "Offices", "Scope 2"],
    ]);
    const claims = s.get("Claims in the report's text")![0]!;
    expect(claims.rows.map((r) => [r[0], r[1]])).toEqual([["✓ supported", "hefei-water-reuse"]]);
    const [intensities, declared] = s.get("Denominator analysis")!;
    expect(intensities!.head).toEqual(["Intensity", "Published", "Implied denominator", "Consistent with"]);
    expect(intensities!.rows.map((r) => r[0])).toEqual([
      "Non-hazardous waste intensity",
      "Hazardous waste intensity",
      "Wastewater intensity",
      "GHG emissions intensity",
      "Energy intensity",
    ]);
    expect(declared!.rows.map((r) => r[0])).toEqual(["revenue-annual-results", "revenue-printed"]);
  });

  it("the parts-and-wholes section counts its comparisons (NIO: 76, all holding, so no table)", () => {
    expect(md).toContain(
      "## Parts and wholes (“of which” rows and the reporting tree)\n\n- 76 printed parts compared with their printed wholes: 76 hold, 0 only within rounding, 0 exceed their whole\n",
    );
  });
});

describe("HTML: findings and analyses are tables, not terminal text", () => {
  const html = renderHtml(result(), ctx(), { failOn: "mismatch", toolVersion: "0.0.0" });

  it("has no <pre> block at all: the audit trails are nested lists, the analyses tables", () => {
    expect(html).not.toMatch(/<pre[\s>]/);
    expect(html).toContain('<div class="explain"><ul><li>');
  });

  it("one table per analysis section, with status symbols and links to the audit trails", () => {
    for (const id of ["recalculation", "implied", "boundary", "claims", "denominators", "denominators-declared"])
      expect(html).toContain(`<table class="analysis" id="table-${id}">`);
    const recalc = html.slice(
      html.indexOf('id="table-recalculation"'),
      html.indexOf("</table>", html.indexOf('id="table-recalculation"')),
    );
    expect(recalc.match(/<tr>/g)).toHaveLength(1 + 6); // header and six recalculations
    expect(recalc).toContain(
      `<a class="trail-link" href="#${trailId("ghg.scope2", "nanjing")}">Nanjing e-drive plant</a>`,
    );
    expect(recalc).toContain('<td class="status s-material"><span class="mark">✗</span> material</td>');
    const boundary = html.slice(
      html.indexOf('id="table-boundary"'),
      html.indexOf("</table>", html.indexOf('id="table-boundary"')),
    );
    expect(boundary).toContain(`href="#${trailId("ghg.scope2", "offices")}"`);
  });

  it("every in-page link resolves to an element of the page", () => {
    const ids = new Set([...html.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]));
    const targets = [...html.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]!);
    expect(targets.filter((t) => t.startsWith("trail-")).length).toBeGreaterThan(20);
    expect(targets.filter((t) => !ids.has(t))).toEqual([]);
  });
});
