// Check results and render contexts for the renderer tests: the real pipeline over fixtures and the NIO dataset
// (the files are read once per test file), so the renderers are tested on what the CLI would hand them.
import { loadMessages, loadTexts } from "../../src/io/reference.js";
import { check, type CheckGroups, type CheckResult } from "../../src/pipeline.js";
import type { RenderContext } from "../../src/render/labels.js";
import type { Lang } from "../../src/schema/common.js";

export const ARITHMETIC_ONLY: CheckGroups = {
  recalculation: false,
  implied: false,
  boundary: false,
  denominators: false,
};

const cache = new Map<string, CheckResult>();

/** `dir` undefined: the embedded NIO 2021 dataset with every check on. */
export function result(dir?: string, groups?: CheckGroups): CheckResult {
  const key = JSON.stringify([dir ?? null, groups ?? null]);
  let r = cache.get(key);
  if (!r) {
    const checked = check(dir, groups ? { groups } : {});
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors, null, 2));
    cache.set(key, (r = checked.value));
  }
  return r;
}

export function ctx(lang: Lang = "en"): RenderContext {
  const messages = loadMessages();
  const texts = loadTexts();
  if (!messages.ok || !texts.ok) throw new Error(JSON.stringify([messages.errors, texts.errors]));
  return { lang, messages: messages.value[lang], texts: texts.value };
}
