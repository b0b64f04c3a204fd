// An input error carries its English words (message, expected, hint: what the JSON error document and --lang en
// print) and, where converted, the same sentences as templates of data/i18n/causes.json (`say`), which a report in
// Chinese prints instead. The two must say the same: for every error of every fixture, the English template filled
// in gives the English text byte for byte — and the Chinese one has no hole.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { InputError } from "../../src/findings/inputError.js";
import { formatMessage } from "../../src/findings/message.js";
import { loadTexts } from "../../src/io/reference.js";
import { openDataset } from "../../src/pipeline.js";
import { ROOT } from "../cli/runCli.js";

const texts = loadTexts();
if (!texts.ok) throw new Error(JSON.stringify(texts.errors));

const folders = (dir: string) =>
  readdirSync(join(ROOT, dir))
    .filter((d) => statSync(join(ROOT, dir, d)).isDirectory())
    .map((d) => join(ROOT, dir, d));

function errorsOf(dir: string): InputError[] {
  const opened = openDataset(dir, []);
  return opened.ok ? [] : opened.errors;
}

describe("input errors in every language", () => {
  const errors = [...folders("fixtures"), ...folders("fixtures/hostile")].flatMap(errorsOf);
  const said = errors.filter((e) => e.say);

  it("the fixtures produce converted errors of many kinds", () => {
    expect(new Set(said.map((e) => e.code)).size).toBeGreaterThanOrEqual(12);
  });

  it("the English template of each says exactly the English text", () => {
    for (const e of said) {
      const en = (m: Parameters<typeof formatMessage>[2]) => formatMessage(texts.value!, "en", m);
      expect(en(e.say!.message), e.code).toBe(e.message);
      expect(e.say!.hint ? en(e.say!.hint) : undefined, `${e.code} hint`).toBe(e.say!.hint ? e.hint : undefined);
      expect(e.say!.expected ? en(e.say!.expected) : undefined, `${e.code} expected`).toBe(
        e.say!.expected ? e.expected : undefined,
      );
    }
  });

  it("an error with a hint or an expectation carries it in every language too", () => {
    for (const e of said) {
      if (e.hint) expect(e.say!.hint, `${e.code}: ${e.hint}`).toBeDefined();
      if (e.expected) expect(e.say!.expected, `${e.code}: ${e.expected}`).toBeDefined();
      for (const lang of ["zh-Hant", "zh-Hans"] as const)
        expect(formatMessage(texts.value!, lang, e.say!.message)).not.toMatch(/\{/);
    }
  });
});
