// Labels and units as real reports print them (issue 13, items 1 and 2): aliases with their sources, units inside
// labels, units stated once, section → unit → dataset disambiguation, suggestions, conversions and declared precision.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../src/io/csv.js";
import { loadCatalogue } from "../../src/io/reference.js";
import { aliasSourceErrors, unitBySpelling } from "../../src/model/catalogue.js";
import { buildDataset } from "../../src/model/dataset.js";
import { foldLabel, matchLabel } from "../../src/model/fold.js";
import { unitInLabel } from "../../src/model/published.js";
import type { RawDataset } from "../../src/model/source.js";
import type { Catalogue } from "../../src/model/types.js";
import { AliasesFile } from "../../src/schema/catalogue.js";
import { Manifest } from "../../src/schema/manifest.js";

const built = loadCatalogue();
if (!built.ok) throw new Error(JSON.stringify(built.errors));
const catalogue = built.value;
const aliasesFile = AliasesFile.parse(
  JSON.parse(readFileSync(new URL("../../data/catalogue/aliases.json", import.meta.url), "utf8")),
);

const catalogueFile = JSON.parse(
  readFileSync(new URL("../../data/catalogue/metrics.json", import.meta.url), "utf8"),
) as { metrics: { id: string; aliases: string[] }[]; sections: { id: string; aliases: string[] }[] };

describe("aliases as printed (data/catalogue/aliases.json)", () => {
  const everyAlias = [
    ...aliasesFile.aliases.map((a) => ({ ...a, of: a.metric })),
    ...aliasesFile.sections.map((a) => ({ ...a, of: a.section })),
  ];

  it("every alias, of a metric or of a section, records the report it was seen in: a known source with a document and an address", () => {
    expect(aliasSourceErrors(aliasesFile)).toEqual([]);
    expect(aliasesFile.sections.length).toBeGreaterThan(0);
    for (const a of everyAlias) {
      const src = aliasesFile.sources[a.source]!;
      expect(src.document.length, a.text).toBeGreaterThan(10);
      // A web address, or the dataset this repository embeds the report's table in (NIO's, entered from its PDF).
      expect(src.address, a.text).toMatch(/^(https:\/\/|data\/datasets\/)/);
    }
  });

  it("the built-in catalogue carries no alias outside aliases.json: every spelling of a built-in metric or section is a label or a sourced alias", () => {
    for (const x of [...catalogueFile.metrics, ...catalogueFile.sections]) expect(x.aliases, x.id).toEqual([]);
    const fold = (s: string) => foldLabel(s, catalogue.radicals);
    const own = (labels: Record<string, string | undefined>) =>
      Object.values(labels)
        .filter((l): l is string => !!l)
        .map(fold);
    for (const m of catalogue.metrics) {
      const sourced = aliasesFile.aliases.filter((a) => a.metric === m.id).map((a) => fold(a.text));
      for (const s of m.spellings) expect([...own(m.labels), ...sourced], `${m.id}: ${s}`).toContain(s);
    }
    for (const s of catalogue.sections) {
      const sourced = aliasesFile.sections.filter((a) => a.section === s.id).map((a) => fold(a.text));
      for (const sp of s.spellings) expect([...own(s.labels), ...sourced], `${s.id}: ${sp}`).toContain(sp);
      expect(s.spellings).toEqual(expect.arrayContaining(sourced));
    }
  });

  it("an alias that stands for a row NIO prints names a label or heading NIO's table really prints", () => {
    const nio = parseCsv(
      readFileSync(new URL("../../data/datasets/nio-2021/published.csv", import.meta.url), "utf8"),
      "nio-2021/published.csv",
    );
    if (!nio.ok) throw new Error("NIO's published.csv does not parse");
    const fold = (s: string) => foldLabel(s, catalogue.radicals);
    const printedByNio = new Set(nio.value.records.flatMap((r) => [r.fields[0] ?? "", r.fields[1] ?? ""]).map(fold));
    const nioAliases = everyAlias.filter((a) => a.source === "nio-2021");
    expect(nioAliases.length).toBeGreaterThan(30);
    for (const a of nioAliases)
      expect(printedByNio.has(fold(a.printed ?? a.text)), `${a.of}: ${a.text} (${a.printed ?? "verbatim"})`).toBe(true);
    // Not everything passes: a heading NIO does not print.
    expect(printedByNio.has(fold("範疇一排放"))).toBe(false);
  });

  it("fails on an alias without a source, or whose source lacks an address", () => {
    const noSource = {
      ...aliasesFile,
      aliases: [...aliasesFile.aliases, { metric: "ghg.scope1", text: "Scope one", source: "nowhere" }],
    };
    expect(aliasSourceErrors(noSource).map((e) => e.found)).toEqual(["nowhere"]);
    const sectionNoSource = {
      ...aliasesFile,
      sections: [...aliasesFile.sections, { section: "ghg", text: "GHG", source: "nowhere" }],
    };
    expect(aliasSourceErrors(sectionNoSource).map((e) => e.message)).toEqual([
      expect.stringContaining('alias "GHG" of section ghg'),
    ]);
    const noAddress = {
      ...aliasesFile,
      sources: { ...aliasesFile.sources, "clp-2020": { document: "CLP 2020", address: " " } },
    };
    expect(aliasSourceErrors(noAddress).length).toBe(aliasesFile.aliases.filter((a) => a.source === "clp-2020").length);
    // The schema itself refuses an alias entry without a source field.
    expect(AliasesFile.safeParse({ sources: {}, aliases: [{ metric: "ghg.scope1", text: "Scope one" }] }).success).toBe(
      false,
    );
  });

  it("come from at least 10 reports, in English, Traditional and Simplified Chinese", () => {
    expect(new Set(aliasesFile.aliases.map((a) => a.source)).size).toBeGreaterThanOrEqual(10);
    expect(aliasesFile.aliases.some((a) => /[範溫總]/.test(a.text))).toBe(true); // Traditional
    expect(aliasesFile.aliases.some((a) => /[电]/.test(a.text))).toBe(true); // Simplified
    expect(aliasesFile.aliases.some((a) => /^[A-Za-z]/.test(a.text))).toBe(true);
  });

  it("each names its metric and no other in its section (no alias makes a built-in label ambiguous)", () => {
    for (const a of aliasesFile.aliases) {
      const section = catalogue.metrics.find((m) => m.id === a.metric)!.section;
      const named = matchLabel(
        a.text,
        catalogue.metrics.filter((m) => m.section === section),
        (m) => m.spellings,
        catalogue.radicals,
      );
      expect(
        named.map((m) => m.id),
        a.text,
      ).toEqual([a.metric]);
    }
  });

  it("the issue's examples are read (after folding, with units and markers inside labels)", () => {
    const named = (text: string) =>
      matchLabel(text, catalogue.metrics, (m) => m.spellings, catalogue.radicals).map((m) => m.id);
    expect(named("Scope 1: Direct GHG emission")).toEqual(["ghg.scope1"]);
    expect(named("Energy indirect greenhouse gas emission (scope 2)")).toEqual(["ghg.scope2"]);
    expect(named("GHG emissions in total (Scope 1 and 2)")).toEqual(["ghg.total"]);
    expect(named("外購 電力")).toEqual(["energy.purchased_electricity"]);
    expect(named("用电量")).toEqual(["energy.purchased_electricity"]);
    expect(named("總排放量")).toEqual(["ghg.total"]);
  });
});

describe("a unit printed inside a label", () => {
  it("is split off the label, brackets full- or half-width, a footnote marker after it ignored", () => {
    expect(unitInLabel("外購電力 (GJ)", catalogue)).toEqual({ label: "外購電力", unit: "GJ", text: "GJ" });
    expect(unitInLabel("能源消耗量（百萬千瓦時）", catalogue)).toEqual({
      label: "能源消耗量",
      unit: "GWh",
      text: "百萬千瓦時",
    });
    expect(unitInLabel("二氧化碳當量(CO2e)排放量(範疇一)(千公噸)4", catalogue)).toEqual({
      label: "二氧化碳當量(CO2e)排放量(範疇一)",
      unit: "Gg",
      text: "千公噸",
    });
    expect(unitInLabel("Scope 1 – Direct Emissions (tonnes CO2e)", catalogue)?.unit).toBe("tCO2e");
    // A bracket that holds no unit is part of the label.
    expect(unitInLabel("Sulphur dioxide (SO2)", catalogue)).toBeNull();
  });

  it("may be an intensity's unit, a unit per a unit, kept as printed (Supreme Electronics 2023)", () => {
    expect(unitInLabel("能源密集度(GJ/新台幣億元)", catalogue)).toEqual({
      label: "能源密集度",
      unit: "GJ/新台幣億元",
      text: "GJ/新台幣億元",
    });
    // Both sides must be units: a ratio of two names is part of the label.
    expect(unitInLabel("Scope 1 (CO2/CH4)", catalogue)).toBeNull();
  });
});

describe("units as printed (data/catalogue/units.json)", () => {
  const unit = (text: string) => unitBySpelling(catalogue, text)?.id;
  it("reads the spellings real reports print, each to the unit it names", () => {
    const expected: [string, string][] = [
      ["公噸CO2e", "tCO2e"],
      ["公噸 CO2e", "tCO2e"],
      ["公噸二氧化碳當量", "tCO2e"],
      ["Tonne of CO2e", "tCO2e"],
      ["tonnes CO2e", "tCO2e"],
      ["Tonnes of CO2 equivalent", "tCO2e"],
      ["tCO2-e", "tCO2e"],
      ["ktCO2e", "ktCO2e"],
      ["'000 tCO2e", "ktCO2e"],
      ["thousands of tonnes CO2e", "ktCO2e"],
      ["萬噸", "10^4t"],
      ["萬千瓦時", "10^4kWh"],
      ["百萬公升", "ML"],
      ["千公噸", "Gg"],
      ["million m3", "Mm3"],
      ["million m³", "Mm3"],
      ["公噸", "t"],
      ["GJ", "GJ"],
      ["千瓦時", "kWh"],
      ["度", "kWh"],
      ["m³", "m3"],
    ];
    for (const [text, id] of expected) expect(unit(text), text).toBe(id);
  });

  it("ratios are exact and independent of the spelling: 萬千瓦時 = 10 MWh, '000 tCO2e = 1,000 t, million m³ = 10⁶ m³", () => {
    const ratio = (id: string) => {
      const u = catalogue.units.find((x) => x.id === id)!;
      return u.toBase.num.div(u.toBase.den).toString();
    };
    expect(ratio("10^4kWh")).toBe("10"); // 10,000 kWh × 0.001 MWh/kWh
    expect(ratio("ktCO2e")).toBe("1000");
    expect(ratio("Mm3")).toBe("1000000");
    expect(ratio("ML")).toBe("1000"); // 百萬公升 = 10⁶ L = 10³ m³
    expect(ratio("10^4t")).toBe("10000");
  });

  it("never guesses MT / mt / mtCO2e (metric tonnes or megatonnes): they are unknown unless a dataset declares them", () => {
    expect(unit("MT")).toBeUndefined();
    expect(unit("mt")).toBeUndefined();
    expect(unit("mtCO2e")).toBeUndefined();
    expect(unit("Mt")).toBe("Mt");
  });
});

/** A one-column dataset from a manifest fragment and CSV text, through buildDataset like a folder on disk. */
function dataset(cat: Catalogue, extra: Record<string, unknown>, published: string, activity: string) {
  const manifest = Manifest.parse({
    formatVersion: 1,
    id: "unit-labels",
    company: { en: "Unit Co." },
    report: { title: { en: "Unit report" }, language: "en" },
    period: { label: "FY2023", start: "2023-01-01", end: "2023-12-31" },
    currency: "CNY",
    tree: [{ id: "co", labels: { en: "Company" } }],
    columns: [{ printed: "Company", node: "co" }],
    files: { published: "published.csv", activity: ["a.csv"] },
    ...extra,
  });
  // The catalogue extended by what the manifest adds, as pipeline.ts openDataset does.
  const ext = extra as { metrics?: never; sections?: never; aliases?: never; units?: never };
  if (ext.metrics || ext.aliases || ext.units) {
    const more = loadCatalogue({
      ...(ext.metrics ? { metrics: ext.metrics } : {}),
      ...(ext.aliases ? { aliases: ext.aliases } : {}),
      ...(ext.units ? { units: ext.units } : {}),
      locate: () => ({ file: "manifest.json" }),
    });
    if (!more.ok) return more;
    cat = more.value;
  }
  const csv = (text: string, name: string) => {
    const t = parseCsv(text, name);
    if (!t.ok) throw new Error(JSON.stringify(t.errors));
    return t.value;
  };
  const raw: RawDataset = {
    dir: "(memory)",
    manifest,
    manifestText: { file: "manifest.json", positions: new Map(), lines: [] },
    published: csv(published, "published.csv"),
    activityReaders: [csv(activity, "a.csv")].map((t) => ({
      file: t.file,
      name: t.name,
      path: t.file,
      additive: false,
      scan: () => null,
      table: () => ({ ok: true as const, value: t }),
    })),
    tree: null,
    claims: null,
    acknowledged: null,
    factorFiles: [],
  };
  return buildDataset(raw, cat);
}

const ACTIVITY =
  "facility,metric,value,unit\nco,energy.purchased_electricity,100.0,MWh\nco,ghg.scope1,10.0,tCO2e\nco,ghg.scope2,20.0,tCO2e\n";

describe("published rows", () => {
  it("a row printed in GJ is read in GJ, with the exact factor to MWh (1/3.6)", () => {
    const d = dataset(catalogue, {}, "label,unit,Company\nPurchased electricity,GJ,360.0\n", ACTIVITY);
    expect(d.ok).toBe(true);
    const row = d.ok ? d.value.tables[0]!.rows[0]! : null;
    expect(row?.printedUnit.unit).toBe("GJ");
    // 1 GJ = 1/3.6 MWh: 360 GJ × toMetric = 100 MWh, exactly.
    expect(row?.printedUnit.toMetric?.times(360).toString()).toBe("100");
  });

  it("a unit written inside the label is the printed unit; one that contradicts the unit column is an error", () => {
    const ok = dataset(catalogue, {}, "label,unit,Company\n外購電力 (GJ),,360.0\n", ACTIVITY);
    expect(ok.ok && ok.value.tables[0]!.rows[0]!.printedUnit.unit).toBe("GJ");
    const bad = dataset(catalogue, {}, "label,unit,Company\n外購電力 (GJ),MWh,100.0\n", ACTIVITY);
    expect(bad.ok ? [] : bad.errors.map((e) => e.code)).toEqual(["unit-mismatch"]);
  });

  it("rows that print no unit take the one stated once for the table or their heading (printedUnits)", () => {
    const pub =
      "section,label,unit,Company\nEnergy use,Purchased electricity,,360.0\nGreenhouse gas emissions,Scope 1,,10.0\n";
    const d = dataset(
      catalogue,
      { printedUnits: { table: "tCO2e", sections: [{ section: "Energy use", unit: "GJ" }] } },
      pub,
      ACTIVITY,
    );
    expect(d.ok ? d.value.tables[0]!.rows.map((r) => r.printedUnit.unit) : d.errors).toEqual(["GJ", "tCO2e"]);
    // Without the declaration a blank unit stays an error.
    const none = dataset(catalogue, {}, pub, ACTIVITY);
    expect(none.ok ? [] : none.errors.map((e) => [e.code, e.message])).toEqual([
      ["unit-unknown", "the unit of energy.purchased_electricity is empty"],
      ["unit-unknown", "the unit of ghg.scope1 is empty"],
    ]);
  });

  it("a unit stated for a column applies to rows whose figures stand in it; columns of different units on one row are an error", () => {
    const two = (extra: Record<string, unknown>, pub: string) => {
      const manifest = {
        columns: [
          { printed: "Heat", node: "co" },
          { printed: "Used", node: "co", period: "FY2022" },
        ],
        periods: [{ label: "FY2022", start: "2022-01-01", end: "2022-12-31" }],
        ...extra,
      };
      return dataset(catalogue, manifest, pub, ACTIVITY);
    };
    const ok = two(
      {
        printedUnits: {
          columns: [
            { column: "Heat", unit: "GJ" },
            { column: "Used", unit: "GJ" },
          ],
        },
      },
      "label,unit,Heat,Used\nPurchased electricity,,360.0,/\n",
    );
    expect(ok.ok ? ok.value.tables[0]!.rows[0]!.printedUnit.unit : ok.errors).toBe("GJ");
    const mixed = two(
      {
        printedUnits: {
          columns: [
            { column: "Heat", unit: "GJ" },
            { column: "Used", unit: "kWh" },
          ],
        },
      },
      'label,unit,Heat,Used\nPurchased electricity,,360.0,"100,000"\n',
    );
    expect(mixed.ok ? [] : mixed.errors.map((e) => [e.code, /different units \(GJ, kWh\)/.test(e.message)])).toEqual([
      ["unit-mismatch", true],
    ]);
  });

  it("a label that fits several metrics is decided by section, then unit, then the dataset; only then ambiguous", () => {
    // 總量 is the GHG total (built in); a dataset adds a waste total printed 總量 too.
    const wasteTotal = {
      id: "waste.total",
      section: "waste",
      labels: { en: "Waste total", "zh-Hant": "總量" },
      aliases: [],
      unit: "t",
      kind: "base",
      file: "waste",
      nonNegative: true,
    };
    const act = ACTIVITY + "co,waste.total,5.0,t\n";
    // by section
    const bySection = dataset(
      catalogue,
      { metrics: [wasteTotal] },
      "section,label,unit,Company\n溫室氣體排放,總量,tCO2e,30.0\n廢棄物排放,總量,噸,5.0\n",
      act,
    );
    expect(bySection.ok ? bySection.value.tables[0]!.rows.map((r) => r.metric) : bySection.errors).toEqual([
      "ghg.total",
      "waste.total",
    ]);
    // by unit (no section column)
    const byUnit = dataset(
      catalogue,
      { metrics: [wasteTotal] },
      "label,unit,Company\n總量,tCO2e,30.0\n總量,噸,5.0\n",
      act,
    );
    expect(byUnit.ok ? byUnit.value.tables[0]!.rows.map((r) => r.metric) : byUnit.errors).toEqual([
      "ghg.total",
      "waste.total",
    ]);
    // by the dataset: two metrics in one unit, the label is the dataset's own spelling of one of them
    const sameUnit = {
      ...wasteTotal,
      id: "ghg.gross",
      section: "ghg",
      labels: { en: "Gross", "zh-Hant": "總量" },
      unit: "tCO2e",
      kind: "derived",
      terms: [
        { metric: "ghg.scope1", coefficient: "1" },
        { metric: "ghg.scope2", coefficient: "1" },
      ],
    };
    delete (sameUnit as { file?: string }).file;
    const byDataset = dataset(catalogue, { metrics: [sameUnit] }, "label,unit,Company\n總量,tCO2e,30.0\n", ACTIVITY);
    expect(byDataset.ok ? byDataset.value.tables[0]!.rows.map((r) => r.metric) : byDataset.errors).toEqual([
      "ghg.gross",
    ]);
  });

  it("a dataset adds spellings to a built-in metric without redefining it (manifest aliases)", () => {
    const d = dataset(
      catalogue,
      { aliases: [{ metric: "ghg.scope2", text: "Scope 2 - Location based" }] },
      "label,unit,Company\nScope 2 - Location based,tCO2e,20.0\n",
      ACTIVITY,
    );
    expect(d.ok ? d.value.tables[0]!.rows[0]!.metric : d.errors).toBe("ghg.scope2");
    const extended = loadCatalogue({
      aliases: [{ metric: "ghg.scope9", text: "Scope nine" }],
      locate: () => ({ file: "manifest.json" }),
    });
    expect(extended.ok ? [] : extended.errors.map((e) => e.message)).toEqual([
      'alias "Scope nine": ghg.scope9 is not a metric',
    ]);
  });

  it("an unknown label is answered with the nearest labels and aliases across sections and languages", () => {
    // 能源強度 under "Energy use" (energy_use) still suggests the energy intensity (section "energy"): one character from 能耗強度.
    const d = dataset(catalogue, {}, "section,label,unit,Company\n能源使用,能源強度,MWh/百萬,1.0\n", ACTIVITY);
    const hint = d.ok ? "" : (d.errors[0]!.hint ?? "");
    expect(hint.split("; ")[0]).toContain("(energy.intensity)");
  });

  it("MT is refused with a hint to declare it; declared in the manifest (units), it is read with its exact ratio", () => {
    const pub = "label,unit,Company\nScope 1,MT,10.0\n";
    const refused = dataset(catalogue, {}, pub, ACTIVITY);
    expect(refused.ok ? [] : refused.errors.map((e) => [e.code, /declare it/.test(e.hint ?? "")])).toEqual([
      ["unit-unknown", true],
    ]);
    const units = [{ id: "MT", dimension: "mass", toBase: "1", labels: { en: "MT" }, aliases: ["mt"] }];
    const read = dataset(catalogue, { units }, pub, ACTIVITY);
    expect(read.ok ? read.value.tables[0]!.rows[0]!.printedUnit : read.errors).toMatchObject({ unit: "MT" });
    expect(read.ok && read.value.tables[0]!.rows[0]!.printedUnit.toMetric?.toString()).toBe("1");
  });

  it("declared precision (table, row, cell) sets the interval, not the printed digits", () => {
    const pub = "label,unit,Company\nScope 1,tCO2e,10.0\nScope 2,tCO2e,20.0\nPurchased electricity,MWh,100.0\n";
    const d = dataset(
      catalogue,
      {
        precision: [
          { roundedTo: "1" },
          { metric: "ghg.scope2", roundedTo: "10" },
          { metric: "energy.purchased_electricity", column: "Company", roundedTo: "0.01" },
        ],
      },
      pub,
      ACTIVITY,
    );
    if (!d.ok) throw new Error(JSON.stringify(d.errors));
    const scale = (i: number) => {
      const v = d.value.tables[0]!.rows[i]!.cells[0]!.value;
      return v.kind === "number" ? v.number.declaredScale : null;
    };
    expect([scale(0), scale(1), scale(2)]).toEqual([0, -1, 2]);
    const bad = dataset(catalogue, { precision: [{ metric: "ghg.scope9", roundedTo: "1" }] }, pub, ACTIVITY);
    expect(bad.ok ? [] : bad.errors.map((e) => e.code)).toEqual(["metric-unknown"]);
    expect(Manifest.safeParse({ precision: [{ roundedTo: "5" }] }).success).toBe(false);
  });
});

it("folding keeps unit case apart: mWh is not MWh, mt is not Mt", () => {
  expect(foldLabel("mt", catalogue.radicals, { keepCase: true })).not.toBe(
    foldLabel("Mt", catalogue.radicals, { keepCase: true }),
  );
});

describe("declared precision in the comparison", () => {
  it("'62,000' declared to the thousand stands for [61,500, 62,500]: 62,138 recomputed is a match, 62,600 a mismatch", async () => {
    const { compareNumber, publishedIntervalOf } = await import("../../src/reconcile/compare.js");
    const { Dec } = await import("../../src/model/decimal.js");
    const n = { text: "62,000", value: new Dec(62000), scale: 0, declaredScale: -3 };
    const i = publishedIntervalOf(n, true);
    expect([i.lo.toString(), i.hi.toString()]).toEqual(["61500", "62500"]);
    const point = (v: number) => ({ lo: new Dec(v), hi: new Dec(v) });
    expect(compareNumber(new Dec(62138), point(62138), n, true)).toBe("match"); // rounds to 62,000 at the thousand
    expect(compareNumber(new Dec(62600), point(62600), n, true)).toBe("mismatch");
    // Without the declaration the digits rule: 62,138 is 138 off a figure printed to the unit.
    expect(compareNumber(new Dec(62138), point(62138), { ...n, declaredScale: undefined }, true)).toBe("mismatch");
  });
});
