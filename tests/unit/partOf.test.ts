// The part-of comparison on its own: half-open printed intervals at their edges, which metrics are sums of
// non-negative figures up the tree, and rules that cannot be rules (refused where they are written).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parsePrintedNumber, type PrintedNumber } from "../../src/model/printedNumber.js";
import { Dec } from "../../src/model/decimal.js";
import type { Catalogue, Column, Dataset, Metric, PublishedCell } from "../../src/model/types.js";
import { check } from "../../src/pipeline.js";
import { publishedIntervalOf } from "../../src/reconcile/compare.js";
import {
  attributeViolations,
  comparePartsWithWholes,
  isNonNegativeSum,
  partOfFindings,
  partOfRules,
  partOfVerdict,
} from "../../src/reconcile/partOf.js";
import { formatMessage } from "../../src/findings/message.js";
import { loadTexts } from "../../src/io/reference.js";
import { fileURLToPath } from "node:url";
import type { PartOfComparison, PrintedFigure } from "../../src/findings/results.js";
import type { Finding } from "../../src/findings/finding.js";
import { result } from "./renderFixtures.js";

function figure(text: string): PrintedFigure {
  const p = parsePrintedNumber(text);
  if (!p.ok) throw new Error(text);
  const number: PrintedNumber = p.number;
  const cell = { text } as PublishedCell;
  return { metric: "m", column: "c", cell, number, interval: publishedIntervalOf(number, true) };
}

describe("partOfVerdict: a violation only when every value of the part exceeds every value of the whole", () => {
  it("same precision: any printed part above the whole is a violation", () => {
    // 10.5 → [10.45, 10.55), 10.4 → [10.35, 10.45): the part's lowest value 10.45 already prints as 10.5 and is
    // not below any value the whole's figure stands for (all < 10.45).
    expect(partOfVerdict(figure("10.5"), figure("10.4"))).toBe("violated");
    expect(partOfVerdict(figure("10.4"), figure("10.4"))).toBe("holds");
    expect(partOfVerdict(figure("10.3"), figure("10.4"))).toBe("holds");
  });

  it("coarser whole: a part printed above it can be rounding", () => {
    // 10.45 → [10.445, 10.455), 10.4 → [10.35, 10.45): 10.445 < 10.45, e.g. part 10.446 ≤ whole 10.449.
    expect(partOfVerdict(figure("10.45"), figure("10.4"))).toBe("rounding");
    // 10.46 → [10.455, 10.465): 10.455 ≥ 10.45.
    expect(partOfVerdict(figure("10.46"), figure("10.4"))).toBe("violated");
    // 1,200.4 under a whole printed 1,200 → [1,199.5, 1,200.5): rounding; 1,200.5 → [1,200.45, 1,200.55): rounding
    // still (1,200.45 < 1,200.5); 1,200.6 → [1,200.55, …): violated.
    expect(partOfVerdict(figure("1,200.4"), figure("1,200"))).toBe("rounding");
    expect(partOfVerdict(figure("1,200.5"), figure("1,200"))).toBe("rounding");
    expect(partOfVerdict(figure("1,200.6"), figure("1,200"))).toBe("violated");
  });

  it("zero: 0.0 stands for [0, 0.05) for a quantity that cannot be negative", () => {
    expect(partOfVerdict(figure("0.0"), figure("0.0"))).toBe("holds");
    expect(partOfVerdict(figure("0.1"), figure("0.0"))).toBe("violated"); // 0.05 ≥ 0.05
    expect(partOfVerdict(figure("0.04"), figure("0.0"))).toBe("rounding"); // 0.035 < 0.05
  });
});

// Every result below is computed in its `it` (a describe body or a beforeAll is no test's coverage for the mutation
// run), and the comparisons from the dataset in the test itself: result() caches the pipeline's run per test file.
describe("isNonNegativeSum: which metrics the reporting tree bounds", () => {
  const metric = (id: string) => result().dataset.catalogue.metrics.find((m) => m.id === id);
  it("base metrics that cannot be negative, and identities of them with positive coefficients", () => {
    const nio = result();
    expect(isNonNegativeSum(nio.dataset.catalogue, metric("waste.non_hazardous.total"))).toBe(true);
    expect(isNonNegativeSum(nio.dataset.catalogue, metric("ghg.total"))).toBe(true); // scope 1 + scope 2
    expect(isNonNegativeSum(nio.dataset.catalogue, metric("energy.total"))).toBe(true); // direct + (indirect = electricity)
  });
  it("not intensities, and not an identity with a negative coefficient (a site may exceed its region's net figure)", () => {
    const nio = result();
    expect(isNonNegativeSum(nio.dataset.catalogue, metric("energy.intensity"))).toBe(false);
    const custom = result("fixtures/custom-metrics");
    const net = custom.dataset.catalogue.metrics.find((m) => m.id === "energy.net_purchased"); // electricity − 0.5 × heat
    expect(net?.kind).toBe("derived");
    expect(isNonNegativeSum(custom.dataset.catalogue, net)).toBe(false);
    expect(comparePartsWithWholes(custom.dataset).some((c) => c.part.metric === "energy.net_purchased")).toBe(false);
  });
});

describe("NIO 2021: every part within its whole", () => {
  it("76 comparisons, all holding (counted by hand from published.csv)", () => {
    const nio = result();
    const partOf = comparePartsWithWholes(nio.dataset);
    // Declared: recycled ⊂ non-hazardous total in all 5 columns; on-site solar ⊂ direct energy in the 4 columns that
    // print both (offices print "/"): 9. The tree: 20 non-intensity rows, each number at Nanjing, Hefei,
    // manufacturing and offices against its parent: 7 rows print all four (non-hazardous, recycled, hazardous,
    // electricity, indirect, total energy, municipal water), 13 print three (offices "/"): 7 × 4 + 13 × 3 = 67.
    expect(partOf).toHaveLength(9 + 67);
    expect(partOf.filter((c) => c.rule === "declared")).toHaveLength(9);
    expect(partOf.every((c) => c.verdict === "holds")).toBe(true);
    // Nanjing's solar 1,522.3 equals its direct energy 1,522.3: a part may be its whole.
    expect(
      partOf.find(
        (c) => c.part.metric === "energy.solar_onsite" && c.part.column === "nanjing" && c.rule === "declared",
      ),
    ).toMatchObject({ whole: { metric: "energy.direct" }, verdict: "holds" });
    expect(partOfFindings(nio.dataset, attributeViolations(partOf, nio.findings))).toEqual([]);
  });
});

describe("rules that cannot be rules are refused where they are written", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const variant = (edit: (manifest: string) => string) => {
    const dir = mkdtempSync(join(tmpdir(), "esg-partof-"));
    dirs.push(dir);
    cpSync("fixtures/of-which", dir, { recursive: true });
    const file = join(dir, "manifest.json");
    writeFileSync(file, edit(readFileSync(file, "utf8")));
    return dir;
  };

  it("a manifest rule naming an unknown metric: metric-unknown at the name, with suggestions", () => {
    const r = check(
      variant((m) => m.replace('"part": "waste.non_hazardous.composted"', '"part": "waste.non_hazardous.compost"')),
    );
    expect(r.ok).toBe(false);
    const e = r.ok ? undefined : r.errors[0];
    expect(e).toMatchObject({ code: "metric-unknown", found: "waste.non_hazardous.compost" });
    expect(e?.hint).toContain("waste.non_hazardous.composted");
    // fixtures/of-which/manifest.json, line 27: `    { "part": "waste.non_hazardous.composted", …`; the column is the value's.
    expect(e?.line).toBe(27);
    expect(e?.column).toBe('    { "part": '.length + 1);
  });

  it("a part in another unit than its whole, or of a quantity that may be negative", () => {
    const units = check(
      variant((m) => m.replace('"whole": "waste.non_hazardous.total"', '"whole": "energy.purchased_electricity"')),
    );
    expect(units.ok ? [] : units.errors.map((e) => [e.code, e.message])).toEqual([
      [
        "manifest-invalid",
        "partOf[0]: waste.non_hazardous.composted cannot be part of energy.purchased_electricity: waste.non_hazardous.composted is in t, energy.purchased_electricity in MWh: a part is measured like its whole",
      ],
    ]);
    const signed = check(
      variant((m) =>
        m.replace(
          '"aliases": ["Landfilled"], "unit": "t", "kind": "base", "file": "waste", "nonNegative": true',
          '"aliases": ["Landfilled"], "unit": "t", "kind": "base", "file": "waste", "nonNegative": false',
        ),
      ),
    );
    expect(signed.ok ? [] : signed.errors.map((e) => e.code)).toEqual(["catalogue-invalid"]);
    expect(signed.ok ? "" : signed.errors[0]!.message).toBe(
      "metric waste.non_hazardous.landfilled: partOf waste.non_hazardous.total: waste.non_hazardous.landfilled may be negative, and a part of a quantity that may be negative can exceed it",
    );
  });
});

// The part-exceeds-whole cause as a table (RuleTester style): comparisons that give no finding, and violations
// that give one, with its sentence; the bounds are the printed figures ± half a unit of their last digit.
describe("partOfFindings: the part-exceeds-whole cause", () => {
  const texts = loadTexts();
  if (!texts.ok) throw new Error(JSON.stringify(texts.errors));
  const fixture = (name: string) => result(fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url)));
  const said = (dataset: Parameters<typeof partOfFindings>[0], comparisons: Parameters<typeof partOfFindings>[1]) =>
    partOfFindings(dataset, comparisons).map((f) => ({
      cell: `${f.metric}@${f.column}`,
      status: f.status,
      kind: f.kind,
      causes: f.causes.map((c) => [c.code, formatMessage(texts.value, "en", c.message)]),
    }));

  it("valid: comparisons that hold give nothing (NIO's 76)", () => {
    const nio = result();
    expect(partOfFindings(nio.dataset, comparePartsWithWholes(nio.dataset))).toEqual([]);
  });

  it("invalid, declared rule: Plant A recycles 125.0 t of its 120.0 t (fixtures/of-which)", () => {
    // 125.0 → at least 124.95; 120.0 → less than 120.05; 124.95 ≥ 120.05.
    const r = fixture("of-which");
    expect(said(r.dataset, comparePartsWithWholes(r.dataset))).toEqual([
      {
        cell: "waste.non_hazardous.recycled@plant-a",
        status: "mismatch",
        kind: "part-of",
        causes: [
          [
            "part-exceeds-whole",
            'waste.non_hazardous.recycled is part of waste.non_hazardous.total (an "of which" row), but at plant-a the printed 125.0 stands for at least 124.95, the printed whole 120.0 for less than 120.05: the part exceeds its whole by more than rounding allows',
          ],
        ],
      },
    ]);
  });

  it("invalid, the tree: a plant's scope 2 above its group's (fixtures/xlsx-formula-total, 1,684.3 and 456.2 against 155.4)", () => {
    const r = fixture("xlsx-formula-total");
    const tree = comparePartsWithWholes(r.dataset).filter((c) => c.verdict === "violated");
    expect(said(r.dataset, tree)).toEqual([
      {
        cell: "ghg.scope2@plant-a",
        status: "mismatch",
        kind: "part-of",
        causes: [
          [
            "part-exceeds-whole",
            "plant-a is part of group in the reporting tree and ghg.scope2 sums figures that cannot be negative, but the printed 1,684.3 stands for at least 1,684.25, the printed whole 155.4 for less than 155.45: the part exceeds its whole by more than rounding allows",
          ],
        ],
      },
      {
        cell: "ghg.scope2@plant-b",
        status: "mismatch",
        kind: "part-of",
        causes: [
          [
            "part-exceeds-whole",
            "plant-b is part of group in the reporting tree and ghg.scope2 sums figures that cannot be negative, but the printed 456.2 stands for at least 456.15, the printed whole 155.4 for less than 155.45: the part exceeds its whole by more than rounding allows",
          ],
        ],
      },
    ]);
  });

  it("valid: a violation whose whole is already an arithmetic mismatch is explained by it, not counted again", () => {
    const r = fixture("xlsx-formula-total");
    const attributed = attributeViolations(comparePartsWithWholes(r.dataset), r.findings);
    expect(attributed.filter((c) => c.verdict === "violated").map((c) => c.explainedBy)).toEqual([
      { metric: "ghg.scope2", column: "group" },
      { metric: "ghg.scope2", column: "group" },
    ]);
    expect(partOfFindings(r.dataset, attributed)).toEqual([]);
  });
});

// Small datasets built by hand (only what partOf.ts reads: the catalogue's metrics, the manifest's rules, the tree
// and the tables), each a table of inputs and the comparisons they must give. A comparison is written
// "<rule> <part metric>@<column> <printed> / <whole metric>@<column> <printed>: <verdict>".
type Spec = {
  metrics: Record<string, unknown>[];
  partOf?: { part: string; whole: string }[];
  tree: [node: string, parent: string | null][];
  tables: {
    id: string;
    columns: (Partial<Column> & { id: string; node: string })[];
    rows: { metric: string; unit?: string; cells: Record<string, string> }[];
  }[];
};
const base = (id: string, more: Record<string, unknown> = {}) => ({
  id,
  kind: "base",
  unit: "t",
  nonNegative: true,
  ...more,
});
const derived = (id: string, terms: [string, number][], more: Record<string, unknown> = {}) => ({
  id,
  kind: "derived",
  unit: "t",
  nonNegative: true,
  terms: terms.map(([metric, k]) => ({ metric, coefficient: new Dec(k) })),
  ...more,
});
function built(spec: Spec): Dataset {
  const nodes = new Map(
    spec.tree.map(([id, parent]) => [
      id,
      { id, parent, children: spec.tree.filter(([, p]) => p === id).map(([c]) => c), labels: { en: id } },
    ]),
  );
  const cell = (metric: string, column: string, text: string): PublishedCell => {
    const p = parsePrintedNumber(text);
    const value = p.ok ? { kind: "number" as const, number: p.number } : { kind: "not-applicable" as const };
    return { metric, column, text, value, source: { file: "t.csv", name: "t.csv", line: 1 } };
  };
  return {
    catalogue: { metrics: spec.metrics },
    partOf: spec.partOf ?? [],
    tree: { root: spec.tree[0]![0], nodes, bottomUp: [] },
    tables: spec.tables.map((t) => ({
      id: t.id,
      file: `${t.id}.csv`,
      layout: { header: [], records: [] },
      columns: t.columns.map((c) => ({ printed: c.id, period: "FY2023", ...c })),
      rows: t.rows.map((r) => ({
        table: t.id,
        metric: r.metric,
        label: r.metric,
        unit: r.unit ?? "t",
        printedUnit: { unit: r.unit ?? "t" },
        source: { file: `${t.id}.csv`, name: `${t.id}.csv`, line: 1 },
        cells: Object.entries(r.cells).map(([column, text]) => cell(r.metric, column, text)),
      })),
    })),
  } as unknown as Dataset;
}
const shown = (cs: readonly PartOfComparison[]) =>
  cs.map(
    (c) =>
      `${c.rule} ${c.part.metric}@${c.part.column} ${c.part.number.text} / ${c.whole.metric}@${c.whole.column} ${c.whole.number.text}: ${c.verdict}`,
  );

describe("isNonNegativeSum on a catalogue built by hand", () => {
  it.each([
    // [metric, expected, why]
    ["(none)", false, "no metric at all"],
    ["signed", false, "a base metric that may be negative"],
    ["a", true, "a base metric that cannot be negative"],
    ["sum", true, "a + c: both its terms are non-negative base metrics (the catalogue's first metric is `signed`)"],
    ["mixed", false, "a + signed: one term may be negative"],
    ["net", false, "a − c: a negative coefficient"],
    ["per", false, "an intensity"],
  ] as [string, boolean, string][])("%s → %s (%s)", (id, expected) => {
    const metrics = [
      base("signed", { nonNegative: false }),
      base("a"),
      base("c"),
      derived("sum", [
        ["a", 1],
        ["c", 1],
      ]),
      derived("mixed", [
        ["a", 1],
        ["signed", 1],
      ]),
      derived("net", [
        ["a", 1],
        ["c", -1],
      ]),
      { id: "per", kind: "intensity", nonNegative: true, numerator: "a", measure: "revenue" },
    ];
    const catalogue = { metrics } as unknown as Catalogue;
    const metric = metrics.find((m) => m.id === id) as Metric | undefined;
    expect(isNonNegativeSum(catalogue, metric)).toBe(expected);
  });
});

describe("partOfRules: the catalogue's rules first, then the manifest's, each pair once", () => {
  it("metrics without partOf give no rule; a manifest rule repeating the catalogue's is dropped", () => {
    const dataset = built({
      metrics: [
        base("total"),
        base("recycled", { partOf: "total" }),
        base("plain"),
        derived("landfilled", [["plain", 1]], { partOf: "total" }),
      ],
      partOf: [
        { part: "recycled", whole: "total" },
        { part: "plain", whole: "total" },
        { part: "plain", whole: "total" },
      ],
      tree: [["site", null]],
      tables: [],
    });
    expect(partOfRules(dataset)).toEqual([
      { part: "recycled", whole: "total" },
      { part: "landfilled", whole: "total" },
      { part: "plain", whole: "total" },
    ]);
  });
});

describe("comparePartsWithWholes on datasets built by hand", () => {
  it("the tree: a site with no figure at its region is compared with the group (the nearest ancestor printing one)", () => {
    // site 30.0 → [29.95, 30.05), group 20.0 → [19.95, 20.05): 29.95 ≥ 20.05, violated; region prints "/".
    const dataset = built({
      metrics: [base("waste")],
      tree: [
        ["group", null],
        ["region", "group"],
        ["site", "region"],
      ],
      tables: [
        {
          id: "published",
          columns: [
            { id: "c-site", node: "site" },
            { id: "c-region", node: "region" },
            { id: "c-group", node: "group" },
          ],
          rows: [{ metric: "waste", cells: { "c-site": "30.0", "c-region": "/", "c-group": "20.0" } }],
        },
      ],
    });
    const out = comparePartsWithWholes(dataset);
    expect(shown(out)).toEqual(["tree waste@c-site 30.0 / waste@c-group 20.0: violated"]);
    // The sentence names the nodes, not the columns (c-site, c-group).
    const texts = loadTexts();
    if (!texts.ok) throw new Error(JSON.stringify(texts.errors));
    expect(partOfFindings(dataset, out).map((f) => formatMessage(texts.value, "en", f.causes[0]!.message))).toEqual([
      "site is part of group in the reporting tree and waste sums figures that cannot be negative, but the printed 30.0 stands for at least 29.95, the printed whole 20.0 for less than 20.05: the part exceeds its whole by more than rounding allows",
    ]);
  });

  it("the tree: the parent's column of the same period and document, never a change column", () => {
    // Only group (FY2023, this report) is the site's whole: 150.0 ≤ 200.0 holds. Listed before it: the group in
    // FY2022 and the group in a restated document (100.0 each, which 150.0 would exceed), and the site's change
    // column (60.0, a percentage: compared with nothing).
    const dataset = built({
      metrics: [base("waste"), base("recycled", { partOf: "waste" })],
      tree: [
        ["group", null],
        ["site", "group"],
      ],
      tables: [
        {
          id: "published",
          columns: [
            { id: "site", node: "site" },
            { id: "site-change", node: "site", change: { from: "FY2022", to: "FY2023" } },
            { id: "group@FY2022", node: "group", period: "FY2022" },
            { id: "group-restated", node: "group", report: "restated" },
            { id: "group", node: "group" },
          ],
          rows: [
            {
              metric: "waste",
              cells: {
                site: "150.0",
                "site-change": "10.0",
                "group@FY2022": "100.0",
                "group-restated": "100.0",
                group: "200.0",
              },
            },
            {
              metric: "recycled",
              cells: {
                site: "50.0",
                "site-change": "60.0",
                "group@FY2022": "40.0",
                "group-restated": "40.0",
                group: "90.0",
              },
            },
          ],
        },
      ],
    });
    // declared: recycled ⊂ waste in the four value columns (50.0 ≤ 150.0, 40.0 ≤ 100.0 twice, 90.0 ≤ 200.0); the
    // tree: waste and recycled at the site against the group (150.0 ≤ 200.0, 50.0 ≤ 90.0).
    expect(shown(comparePartsWithWholes(dataset))).toEqual([
      "tree waste@site 150.0 / waste@group 200.0: holds",
      "declared recycled@site 50.0 / waste@site 150.0: holds",
      "declared recycled@group@FY2022 40.0 / waste@group@FY2022 100.0: holds",
      "declared recycled@group-restated 40.0 / waste@group-restated 100.0: holds",
      "declared recycled@group 90.0 / waste@group 200.0: holds",
      "tree recycled@site 50.0 / recycled@group 90.0: holds",
    ]);
  });

  it("declared: a whole printed in another unit is not compared; a cell a row lacks is no figure", () => {
    // solar (GJ) ⊂ direct (MWh): 500.0 GJ = 138.9 MWh, but as printed 500.0 > 200.0; not compared. recycled ⊂
    // waste: waste has no cell at plant-b, so only plant-a (5.0 ≤ 8.0).
    const dataset = built({
      metrics: [
        base("direct"),
        base("solar", { partOf: "direct" }),
        base("waste"),
        base("recycled", { partOf: "waste" }),
      ],
      tree: [
        ["plant-a", null],
        ["plant-b", null],
      ],
      tables: [
        {
          id: "published",
          columns: [
            { id: "plant-a", node: "plant-a" },
            { id: "plant-b", node: "plant-b" },
          ],
          rows: [
            { metric: "direct", unit: "MWh", cells: { "plant-a": "200.0", "plant-b": "300.0" } },
            { metric: "solar", unit: "GJ", cells: { "plant-a": "500.0", "plant-b": "600.0" } },
            { metric: "waste", cells: { "plant-a": "8.0" } },
            { metric: "recycled", cells: { "plant-a": "5.0", "plant-b": "3.0" } },
          ],
        },
      ],
    });
    expect(shown(comparePartsWithWholes(dataset))).toEqual([
      "declared recycled@plant-a 5.0 / waste@plant-a 8.0: holds",
    ]);
  });

  it("a zero part stands for [0, 0.05): its interval is clamped at zero (both metrics cannot be negative)", () => {
    const dataset = built({
      metrics: [base("waste"), base("recycled", { partOf: "waste" })],
      tree: [["site", null]],
      tables: [
        {
          id: "published",
          columns: [{ id: "site", node: "site" }],
          rows: [
            { metric: "waste", cells: { site: "5.0" } },
            { metric: "recycled", cells: { site: "0.0" } },
          ],
        },
      ],
    });
    const [c] = comparePartsWithWholes(dataset);
    expect([c!.part.interval.lo.toString(), c!.part.interval.hi.toString()]).toEqual(["0", "0.05"]);
    expect(c!.verdict).toBe("holds");
  });

  it("two tables: each row is compared in its own table's columns, with its own table's parent column", () => {
    // energy in table t1 (site 10.0 ≤ group 20.0), water in t2 (w-site 30.0 ≤ w-group 40.0); t1 also has a group
    // column, listed first, where water prints nothing.
    const dataset = built({
      metrics: [base("energy"), base("water")],
      tree: [
        ["group", null],
        ["site", "group"],
      ],
      tables: [
        {
          id: "t1",
          columns: [
            { id: "site", node: "site" },
            { id: "group", node: "group" },
          ],
          rows: [{ metric: "energy", cells: { site: "10.0", group: "20.0" } }],
        },
        {
          id: "t2",
          columns: [
            { id: "w-site", node: "site" },
            { id: "w-group", node: "group" },
          ],
          rows: [{ metric: "water", cells: { "w-site": "30.0", "w-group": "40.0" } }],
        },
      ],
    });
    expect(shown(comparePartsWithWholes(dataset))).toEqual([
      "tree energy@site 10.0 / energy@group 20.0: holds",
      "tree water@w-site 30.0 / water@w-group 40.0: holds",
    ]);
  });
});

describe("attributeViolations and the finding's whole", () => {
  it("only a violation is explained by a mismatch; a comparison that holds is left as it is", () => {
    // Two comparisons whose whole (waste@group) is an arithmetic mismatch: 30.0 under 20.0 is violated and is
    // explained by it; 10.0 under 20.0 holds and stays as it is.
    const figureAt = (text: string, column: string) => ({ ...figure(text), metric: "waste", column });
    const group = figureAt("20.0", "group");
    const violated = { rule: "tree", part: figureAt("30.0", "a"), whole: group, verdict: "violated" } as const;
    const holds = { rule: "tree", part: figureAt("10.0", "b"), whole: group, verdict: "holds" } as const;
    const mismatch = { kind: "total", status: "mismatch", metric: "waste", column: "group" } as unknown as Finding;
    expect(attributeViolations([violated, holds], [mismatch])).toEqual([
      { ...violated, explainedBy: { metric: "waste", column: "group" } },
      holds,
    ]);
  });

  it("the finding is keyed by the part's cell, and carries the whole as printed (fixtures/of-which, Plant A)", () => {
    const r = result(fileURLToPath(new URL("../../fixtures/of-which", import.meta.url)));
    const [f, ...rest] = partOfFindings(r.dataset, comparePartsWithWholes(r.dataset));
    expect(rest).toEqual([]);
    // 120.0 → [119.95, 120.05); the total's row is published.csv line 2.
    expect(f).toMatchObject({
      table: "published",
      key: "waste.non_hazardous.recycled/plant-a/part-of",
      published: "125.0",
      whole: { metric: "waste.non_hazardous.total", column: "plant-a", published: "120.0", rule: "declared" },
    });
    expect([f!.whole!.publishedInterval.lo.toString(), f!.whole!.publishedInterval.hi.toString()]).toEqual([
      "119.95",
      "120.05",
    ]);
    expect(f!.whole!.publishedNumber.text).toBe("120.0");
    expect(f!.whole!.source.line).toBe(2);
  });
});
