// The catalogue of what the tool says about findings (data/i18n/causes.json): every code documented, every template
// a check asks for present, every placeholder filled; and the formatter that puts a message into words.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { andList, formatMessage, message, type Texts } from "../../src/findings/message.js";
import { loadTexts } from "../../src/io/reference.js";
import { ReportJson } from "../../src/schema/report.js";
import { STATUSES } from "../../src/findings/status.js";
import { ROOT } from "../cli/runCli.js";

const loaded = loadTexts();
if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
const texts = loaded.value;
const codes = Object.keys(texts.causes).sort();

/** Every source file of src/, as text. */
function sources(dir = join(ROOT, "src")): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory()
      ? sources(join(dir, d.name))
      : d.name.endsWith(".ts")
        ? [readFileSync(join(dir, d.name), "utf8")]
        : [],
  );
}

describe("data/i18n/causes.json", () => {
  it("has a sentence for every cause code (cause.<code>)", () => {
    expect(codes.length).toBeGreaterThan(20);
    for (const code of codes)
      expect(texts.messages[`cause.${code}`] ?? texts.messages[`cause.${code}.about`], code).toBeDefined();
  });

  it('has every template the code asks for by name (message("…") and andList joins)', () => {
    const asked = new Set(
      sources().flatMap((s) =>
        [
          ...s.matchAll(/message\("((?:cause|phrase)\.[a-z0-9.-]+)"/g),
          ...s.matchAll(/join: "(phrase\.[a-z0-9.-]+)"/g),
          ...s.matchAll(/"(phrase\.total\.[a-z0-9]+)"/g),
        ].map((m) => m[1]!),
      ),
    );
    expect(asked.size).toBeGreaterThan(60);
    expect([...asked].filter((k) => !texts.messages[k])).toEqual([]);
  });

  it("is a list of codes the code produces: each code is written in src/ as a cause's code", () => {
    const src = sources().join("\n");
    // codes chosen at run time are built as `cause.${code}` from these literals
    for (const code of codes) expect(src.includes(`"${code}"`), code).toBe(true);
  });

  it("is the list README.md and the JSON schema document", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const section = readme.slice(
      readme.indexOf("- Cause codes:"),
      readme.indexOf("\n- ", readme.indexOf("- Cause codes:") + 3),
    );
    // (statuses named in passing, "for `missing`", are not codes)
    const named = [...new Set([...section.matchAll(/`([a-z][a-z0-9-]*)`/g)].map((m) => m[1]!))].filter(
      (c) => codes.includes(c) || !(STATUSES as readonly string[]).includes(c),
    );
    expect(named.sort()).toEqual(codes);
    const described = ReportJson.shape.findings.element.shape.causes.description ?? "";
    expect(
      described
        .replace(/^why: /, "")
        .split(", ")
        .sort(),
    ).toEqual(codes);
  });
});

describe("formatMessage", () => {
  const t: Texts = {
    causes: {},
    messages: {
      "cause.a": { en: "{who} counts {what} twice", "zh-Hant": "{who}重複計算{what}" },
      "phrase.b": { en: "{n} of {m}" },
      "phrase.join.comma": { en: ", ", "zh-Hant": "、" },
      "phrase.join.and": { en: " and ", "zh-Hant": "及" },
      "cause.braces": { en: 'pin it: { "x": "{id}" }' },
    },
  };

  it("fills placeholders with text, messages and lists, in the language asked for", () => {
    const m = message("cause.a", {
      who: "the total",
      what: andList([message("phrase.b", { n: "1", m: "3" }), "x", "y"]),
    });
    expect(formatMessage(t, "en", m)).toBe("the total counts 1 of 3, x and y twice");
    expect(formatMessage(t, "zh-Hant", m)).toBe("the total重複計算1 of 3、x及y");
  });

  it("falls back to English where a language has no template", () => {
    expect(formatMessage(t, "zh-Hans", message("phrase.b", { n: "2", m: "4" }))).toBe("2 of 4");
  });

  it("leaves braces that are not placeholders alone", () => {
    expect(formatMessage(t, "en", message("cause.braces", { id: "f1" }))).toBe('pin it: { "x": "f1" }');
  });

  it("refuses a template it does not have and a placeholder without a value (bugs, not input)", () => {
    expect(() => formatMessage(t, "en", message("cause.none"))).toThrow(/no message "cause.none"/);
    expect(() => formatMessage(t, "en", message("cause.a", { who: "x" }))).toThrow(/no value for \{what\}/);
  });
});

/**
 * Names a Chinese sentence keeps in Latin letters, because the user types them so: formats, programs and
 * abbreviations (JSON, Excel, GWP, ISO, …), the manifest's and the CSV files' field names and values (partOf, columns,
 * section, attribution, uncertain, …), sheet names and the check command, ids given as examples (diesel, grid,
 * vehicle), chemical formulas (CH4, SF6) and placeholders of a pattern (YYYY-MM).
 */
const NAMES = new Set(
  "JSON GWP ESRS AR ISO NaN null true diesel electricity supplier grid low high attribution uncertain confirmed xlsx Excel LibreOffice check published energy emissions water waste id section label unit vehicle employee Mt CH SF NF HFC PFC YYYY MM partOf withScope factors columns uncheckedColumns sheet locationBased ZIP XML OOXML Office xls GB deflate".split(
    " ",
  ),
);

describe("every sentence in every language (issue 13)", () => {
  const placeholders = (s: string) => [...s.matchAll(/\{([a-zA-Z][a-zA-Z0-9_]*)\}/g)].map((m) => m[1]).sort();
  it("has a zh-Hant and a zh-Hans template for every message and cause title, with the English template's placeholders", () => {
    for (const [key, t] of Object.entries(texts.messages)) {
      for (const lang of ["zh-Hant", "zh-Hans"] as const) {
        expect(t[lang], `${key} ${lang}`).toBeTruthy();
        expect(placeholders(t[lang]!), `${key} ${lang}`).toEqual(placeholders(t.en));
        // A Chinese sentence: no English word outside its placeholders (units and symbols aside).
        expect(
          t[lang]!.replace(/\{[^}]*\}/g, "")
            .replace(/"[^"]*"/g, "")
            .replace(/--format [a-z-]+/g, "") // a format, named as its option: --format corrected-markdown
            .replace(/--[a-z-]+( [A-Z]+\b| json)?|MWh|manifest(\.json)?|CO2|CSV/g, "") // options, units, file and format names
            .replace(/esg-recalc [a-z]+(?: [A-Z]+\b)?|[a-z]+(?:,[a-z]+)+/g, "") // a command; a CSV header: facility,metric,value,unit
            .replace(/[A-Za-z0-9_<>]+(?:[._/:@-][A-Za-z0-9_<>]+)+/g, "") // file paths and fields: docs/dataset-format.md
            .replace(/[A-Za-z0-9_]+\[\](?:\.[A-Za-z]+)?/g, "") // a field of a list: denominators[{i}], precision[{i}].column
            .match(/[A-Za-z]{2,}/g)
            ?.filter((w) => !NAMES.has(w)) ?? [],
          `${key} ${lang}`,
        ).toEqual([]);
      }
    }
    for (const [code, c] of Object.entries(texts.causes))
      for (const lang of ["zh-Hant", "zh-Hans"] as const) expect(c.title[lang], `${code} ${lang}`).toBeTruthy();
  });

  it("names a metric or unit by its label in Chinese and by its id in English", () => {
    const m = message("phrase.cell-at", {
      metric: { id: "energy.natural_gas", labels: { en: "Natural gas", "zh-Hant": "天然氣", "zh-Hans": "天然气" } },
      column: { id: "hefei", labels: { en: "Hefei", "zh-Hant": "合肥廠" } },
    });
    expect(formatMessage(texts, "en", m)).toBe("energy.natural_gas at hefei");
    expect(formatMessage(texts, "zh-Hant", m)).toBe("合肥廠的天然氣");
    // No zh-Hans label for the unit: the zh-Hant one, as labels fall back.
    expect(formatMessage(texts, "zh-Hans", m)).toBe("合肥廠的天然气");
  });
});
