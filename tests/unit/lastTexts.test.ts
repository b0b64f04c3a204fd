// The texts issue 13 item 5 left English last (the .xlsx reader's reasons, factor rows, breakdowns, denominators,
// alias sources): each error carries its sentences as templates (`say`), and the English template filled in says
// exactly the English text — byte for byte, so an English report cannot change — while the Chinese ones leave no
// hole. (tests/unit/inputErrorTexts.test.ts does the same for the errors the fixtures produce; none of these is
// among them.)
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { InputError, Message } from "../../src/findings/inputError.js";
import { formatMessage } from "../../src/findings/message.js";
import { parseCsv } from "../../src/io/csv.js";
import { loadLibrary } from "../../src/io/factors.js";
import { writeFileAtomic } from "../../src/io/output.js";
import { loadCatalogue, loadTexts } from "../../src/io/reference.js";
import { aliasSourceErrors } from "../../src/model/catalogue.js";
import { checkDataset, openDataset } from "../../src/pipeline.js";
import { readFormat } from "../../src/xlsx/numberFormat.js";
import { openWorkbook } from "../../src/xlsx/workbook.js";
import { readZipDirectory, readZipEntry, writeZip } from "../../src/xlsx/zip.js";
import { ROOT } from "../cli/runCli.js";

const texts = loadTexts();
if (!texts.ok) throw new Error(JSON.stringify(texts.errors));
const say = (lang: "en" | "zh-Hant" | "zh-Hans", m: Message) => formatMessage(texts.value!, lang, m);

/** The English template gives the English text; the Chinese ones are filled in and hold Chinese. */
function saysTheSame(english: string, m: Message | undefined, words = true): void {
  expect(m, english).toBeDefined();
  expect(say("en", m!)).toBe(english);
  for (const lang of ["zh-Hant", "zh-Hans"] as const) {
    const zh = say(lang, m!);
    expect(zh, `${lang}: ${zh}`).not.toMatch(/[{}]|undefined/);
    if (words) expect(zh, `${lang}: ${zh}`).toMatch(/[\u4e00-\u9fff]/);
  }
}

function errorSaysTheSame(e: InputError): void {
  saysTheSame(e.message, e.say?.message);
  if (e.hint) saysTheSame(e.hint, e.say?.hint);
  // an expectation may be a list of ids alone
  if (e.expected) saysTheSame(e.expected, e.say?.expected, false);
}

describe("the .xlsx reader's reasons in every language", () => {
  it("every number format the tool refuses says why, in each language", () => {
    const codes = ["[>100]0.0;0", '0" 12"', '0"%"', "0\\5", "0.00E+00", "0,.0", "# ?/?", "#,##0,", "0%%", '"n/a"'];
    const keys = new Set<string>();
    for (const code of codes) {
      const r = readFormat(code, 1);
      expect(r.kind, code).toBe("unsupported");
      if (r.kind !== "unsupported") continue;
      saysTheSame(r.reason, r.say);
      keys.add(r.say.key);
    }
    // each of the ten refusals, once
    expect(keys.size).toBe(10);
  });

  it("a file that is no ZIP archive, too short, or an old .xls", () => {
    const reasons = [
      new Uint8Array(10),
      new TextEncoder().encode("this is plain text, not a workbook at all"),
      Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, ...new Array(60).fill(0)]),
    ].map((bytes) => readZipDirectory(bytes));
    for (const r of reasons) {
      expect(r.ok).toBe(false);
      if (!r.ok) saysTheSame(r.reason, r.say);
    }
    expect(reasons.map((r) => (r.ok ? "" : r.say.key))).toEqual([
      "error.zip.too-short",
      "error.zip.not-zip",
      "error.zip.xls",
    ]);
  });

  it("a damaged part: its CRC, its password, too many parts", () => {
    const zip = writeZip([{ name: "a.xml", data: new TextEncoder().encode("<a>hello hello hello hello</a>") }]);
    const dir = readZipDirectory(zip);
    if (!dir.ok) throw new Error(dir.reason);
    const entry = dir.value.get("a.xml")!;
    const crc = readZipEntry(zip, { ...entry, crc: entry.crc ^ 1 });
    const encrypted = readZipEntry(zip, { ...entry, flags: entry.flags | 1 });
    const many = readZipDirectory(zip, { maxPartBytes: 1000, maxEntries: 0 });
    for (const r of [crc, encrypted, many]) {
      expect(r.ok).toBe(false);
      if (!r.ok) saysTheSame(r.reason, r.say);
    }
  });

  it("a ZIP archive that is no Office document, or no spreadsheet", () => {
    const notOffice = openWorkbook(writeZip([{ name: "a.txt", data: new Uint8Array([65]) }]));
    const types = new TextEncoder().encode('<?xml version="1.0"?><Types/>');
    const notSheet = openWorkbook(writeZip([{ name: "[Content_Types].xml", data: types }]));
    for (const r of [notOffice, notSheet]) {
      expect(r.ok).toBe(false);
      if (!r.ok) for (const p of r.problems) saysTheSame(p.reason, p.say);
    }
  });
});

describe("factor rows, alias sources: every language", () => {
  const dir = mkdtempSync(join(tmpdir(), "esg-texts-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("a factor row in a unit of another dimension, or filed under the wrong activity", () => {
    const file = join(dir, "bad-factors.csv");
    writeFileSync(
      file,
      "id,kind,activity,value,low,high,unit,region,year,document,issuer,date,attribution,note\n" +
        "x_grid_unit,grid,electricity,0.5,,,GJ/t,CN,2023,Doc,Issuer,2024-01-01,confirmed,\n" +
        "x_ncv_unit,ncv,diesel,42,,,tCO2/MWh,CN,,Doc,Issuer,2024-01-01,confirmed,\n" +
        "x_oxidation_unit,oxidation,diesel,1,,,GJ,CN,,Doc,Issuer,2024-01-01,confirmed,\n" +
        "x_grid_diesel,grid,diesel,0.5,,,kgCO2/kWh,CN,2023,Doc,Issuer,2024-01-01,confirmed,\n" +
        "x_residual_gas,residual_mix,natural_gas,0.5,,,kgCO2/kWh,CN,2023,Doc,Issuer,2024-01-01,confirmed,\n" +
        "x_ncv_electricity,ncv,electricity,38931,,,kJ/m3,CN,,Doc,Issuer,2024-01-01,confirmed,\n" +
        "x_instrument,instrument,electricity,0,,,kgCO2/kWh,CN,2023,Doc,Issuer,2024-01-01,confirmed,\n",
    );
    const catalogue = loadCatalogue();
    if (!catalogue.ok) throw new Error("catalogue");
    const library = loadLibrary(catalogue.value, [file]);
    expect(library.ok).toBe(false);
    const errors = library.errors ?? [];
    expect(errors.map((e) => e.message)).toEqual([
      'a grid emission factor of purchased electricity is emissions per energy; "GJ/t" is energy per mass',
      'a net calorific value is energy per volume or mass; "tCO2/MWh" is emissions per energy',
      'a oxidation rate is ratio; "GJ" is energy',
      "a grid factor is for electricity, not diesel",
      "a residual-mix factor is for electricity, not natural_gas",
      "a net calorific value is for a fuel, not electricity",
      "an instrument's factor is filed under the instrument (certificates, green_power, ppa), not electricity",
    ]);
    for (const e of errors) errorSaysTheSame(e);
    expect(say("zh-Hant", errors[1]!.say!.message)).toBe(
      "低位發熱量應為能源（每單位體積或質量）；「tCO2/MWh」是排放量（每單位能源）",
    );
  });

  it("an alias whose source is missing or incomplete", () => {
    const errors = aliasSourceErrors({
      sources: { half: { document: "A report", address: "" } } as never,
      aliases: [
        { metric: "ghg.scope1", text: "Direct emissions", source: "nowhere" },
        { metric: "ghg.scope2", text: "Indirect emissions", source: "half" },
      ] as never,
      sections: [{ section: "ghg", text: "Emissions", source: "nowhere" }] as never,
    });
    expect(errors.map((e) => e.message)).toEqual([
      'alias "Direct emissions" of ghg.scope1: source "nowhere" is not among the sources (every alias records the report it was seen in)',
      'alias "Indirect emissions" of ghg.scope2: source "half" lacks a document or an address (every alias records the report it was seen in)',
      'alias "Emissions" of section ghg: source "nowhere" is not among the sources (every alias records the report it was seen in)',
    ]);
    for (const e of errors) errorSaysTheSame(e);
  });
});

describe("breakdowns, denominators, acknowledgements: every language", () => {
  const dir = mkdtempSync(join(tmpdir(), "esg-texts-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  /** A copy of a dataset with some of its files rewritten. */
  const variant = (from: string, name: string, edit: (file: string, text: string) => string) => {
    const to = join(dir, name);
    cpSync(join(ROOT, from), to, { recursive: true });
    for (const f of ["manifest.json", "published.csv", "acknowledged.csv"])
      if (existsSync(join(to, f))) writeFileSync(join(to, f), edit(f, readFileSync(join(to, f), "utf8")));
    return to;
  };
  const errorsOf = (ds: string, revenue?: string): InputError[] => {
    const opened = openDataset(ds, []);
    if (!opened.ok) return opened.errors;
    const checked = checkDataset(opened.value, revenue ? { id: revenue } : {});
    return checked.ok ? [] : checked.errors;
  };

  it("breakdown blocks: an unknown row, a unit of another dimension, a heading twice, no total row, no metric", () => {
    const rows = variant("fixtures/breakdown", "rows", (f, t) =>
      f === "published.csv"
        ? t.replace("CH4,", "Zorbium,").replace("N2O,tCO2e", "N2O,MWh").replace("By region,,", "By gas,,\nBy region,,")
        : t,
    );
    const noTotal = variant("fixtures/breakdown", "no-total", (f, t) =>
      f === "published.csv" ? t.replace(/Total,.*\n/, "") : t,
    );
    const noMetric = variant("fixtures/breakdown", "no-metric", (f, t) =>
      f === "manifest.json" ? t.replace('"total": "ghg.scope1"', '"total": "ghg.scope9"') : t,
    );
    const regions = variant("fixtures/breakdown", "regions", (f, t) =>
      f === "published.csv" ? t.replace("East China,", "Atlantis,") : t,
    );
    const errors = [rows, noTotal, noMetric, regions].flatMap((d) => errorsOf(d));
    expect(errors.map((e) => e.code)).toEqual([
      "label-unknown",
      "unit-mismatch",
      "row-duplicate",
      "manifest-invalid",
      "metric-unknown",
      // a breakdown that names no metric is not read: its rows are then read as rows of the table
      "label-unknown",
      "unit-mismatch",
      "unit-mismatch",
      "label-unknown",
      "label-unknown",
      "label-unknown",
      "label-unknown",
    ]);
    for (const e of errors) errorSaysTheSame(e);
  });

  it("a denominator of another period, one in another currency, intensity rows per two units", () => {
    const hkd = variant("data/datasets/nio-2021", "hkd", (f, t) =>
      f === "manifest.json" ? t.replace('"unit": "RMB-million"', '"unit": "HKD-million"') : t,
    );
    const twoUnits = variant("data/datasets/nio-2021", "two-units", (f, t) =>
      f === "published.csv" ? t.replace("有害廢棄物排放強度,噸/百萬", "有害廢棄物排放強度,噸/千元") : t,
    );
    const errors = [...errorsOf(hkd), ...errorsOf(twoUnits), ...errorsOf(join(ROOT, "data/datasets/nio-2021"), "x")];
    expect(errors.map((e) => e.code)).toEqual(["unit-mismatch", "unit-mismatch", "usage"]);
    for (const e of errors) errorSaysTheSame(e);
  });
  it("an acknowledgement without its reason or its judge", () => {
    const ds = variant("fixtures/harbourline", "ack", (_f, t) => t);
    writeFileSync(
      join(ds, "acknowledged.csv"),
      "metric,column,claim,kind,status,published,recomputed,denominator,factors,materiality,reason,by,at\n" +
        "energy.total,total,,sum,mismatch,1,2,,,,,someone,2026-01-01T00:00:00Z\n" +
        "energy.total,suzhou,,sum,mismatch,1,2,,,,why,,2026-01-01T00:00:00Z\n",
    );
    const errors = errorsOf(ds);
    expect(errors.map((e) => e.message)).toEqual([
      'an acknowledgement needs "reason"',
      'an acknowledgement needs "by"',
    ]);
    for (const e of errors) errorSaysTheSame(e);
  });
});

describe("a CSV the parser refuses, a report that cannot be written: every language", () => {
  it("text after a closing quote, and another of the parser's complaints in its own words", () => {
    const closing = parseCsv('a,b\n"x"7,2\n', "t.csv");
    const other = parseCsv('a,b\n1,2\n"3,4\n', "t.csv");
    for (const r of [closing, other]) {
      expect(r.ok).toBe(false);
      for (const e of r.errors ?? []) errorSaysTheSame(e);
    }
    expect(closing.errors?.[0]?.say?.message.key).toBe("error.csv.closing-quote");
  });

  it("a folder that does not exist, a folder in the way", () => {
    const dir = mkdtempSync(join(tmpdir(), "esg-texts-"));
    try {
      const missing = writeFileAtomic(join(dir, "no-such-folder", "r.md"), "x");
      const folder = writeFileAtomic(dir, "x");
      for (const r of [missing, folder]) {
        expect(r.ok).toBe(false);
        for (const e of r.errors ?? []) errorSaysTheSame(e);
      }
      expect(missing.errors?.[0]?.message).toMatch(/: its folder does not exist$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
