// The CSV renderer for spreadsheets: the optional UTF-8 BOM and the neutralising of text cells that a spreadsheet
// would evaluate as a formula (OWASP, "CSV Injection": cells starting with = + - @ tab or carriage return get a
// leading single quote). Expected cells come from fixtures/formula-labels/README.md, worked by hand.
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { CSV_COLUMNS, neutralise, renderCsv } from "../../src/render/csv.js";
import { ARITHMETIC_ONLY, ctx, result } from "./renderFixtures.js";

type Row = Record<(typeof CSV_COLUMNS)[number], string>;
const rows = (text: string): Row[] => parse(text, { columns: true, bom: false }) as Row[];
const row = (all: Row[], metric: string, column: string): Row => {
  const found = all.filter((r) => r.metric === metric && r.column === column);
  expect(found, `${metric}/${column}`).toHaveLength(1);
  return found[0]!;
};

describe("neutralise", () => {
  it("prefixes a single quote to text starting with = + - @ tab or carriage return", () => {
    expect(neutralise('=HYPERLINK("http://x")')).toBe('\'=HYPERLINK("http://x")');
    expect(neutralise("+1+1")).toBe("'+1+1");
    expect(neutralise("-2+3")).toBe("'-2+3");
    expect(neutralise("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(neutralise("\t=1")).toBe("'\t=1");
    expect(neutralise("\r=1")).toBe("'\r=1");
  });

  it("leaves other text alone, including a formula character later in the text", () => {
    for (const s of ["", "Scope 1", "a=b", " =1", "外購電力", "'quoted"]) expect(neutralise(s)).toBe(s);
  });
});

describe("renderCsv", () => {
  const labels = result("fixtures/formula-labels", ARITHMETIC_ONLY);

  it("--bom: the text starts with U+FEFF, i.e. the bytes EF BB BF in UTF-8; without it, with the header", () => {
    const withBom = renderCsv(labels, ctx(), { bom: true });
    expect([...Buffer.from(withBom, "utf8").subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(withBom.slice(1)).toBe(renderCsv(labels, ctx()));
    const plain = renderCsv(labels, ctx());
    expect(plain.startsWith(CSV_COLUMNS.join(","))).toBe(true);
    expect(plain.charCodeAt(0)).not.toBe(0xfeff);
  });

  it("neutralises a metric label beginning with = and a column label beginning with @", () => {
    const all = rows(renderCsv(labels, ctx()));
    expect(all).toHaveLength(16); // 5 rows × 3 columns + the intensity
    const heat = row(all, "energy.purchased_heat", "plant-b");
    expect(heat.label).toBe("'=Purchased heat");
    expect(heat.column_label).toBe("'@Plant B");
    for (const r of all.filter((x) => x.metric === "energy.purchased_heat")) expect(r.label).toBe("'=Purchased heat");
    for (const r of all.filter((x) => x.column === "plant-b")) expect(r.column_label).toBe("'@Plant B");
    // no text cell of the file starts with a formula character any more
    for (const r of all)
      for (const c of [
        "label",
        "unit",
        "column_label",
        "kind",
        "status",
        "method",
        "factors",
        "source",
        "causes",
      ] as const)
        expect(r[c]).not.toMatch(/^[=+\-@\t\r]/);
  });

  it("keeps number cells as numbers: the difference -0.1 of the Group heat (345.5 − 345.6) stays -0.1", () => {
    const group = row(rows(renderCsv(labels, ctx())), "energy.purchased_heat", "group");
    expect(group).toMatchObject({
      status: "rounding",
      published: "345.6",
      published_value: "345.6",
      recomputed: "345.5",
      difference: "-0.1",
      recomputed_lo: "345.4",
      recomputed_hi: "345.6",
    });
  });

  it("keeps a published negative figure (-35.0, fixtures/negative-published) as printed: it is a number", () => {
    const all = rows(renderCsv(result("fixtures/negative-published", ARITHMETIC_ONLY), ctx()));
    expect(row(all, "ghg.scope1", "plant-b")).toMatchObject({
      published: "-35.0",
      published_value: "-35.0",
      recomputed: "35.0",
      difference: "70.0",
    });
  });

  it("the BOM and the quotes do not break the CSV: a parser that strips the BOM reads the same rows", () => {
    const a = parse(renderCsv(labels, ctx(), { bom: true }), { columns: true, bom: true });
    const b = parse(renderCsv(labels, ctx()), { columns: true });
    expect(a).toEqual(b);
  });
});
