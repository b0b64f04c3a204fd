// Sentences as data: a finding's cause is a message key with its values, put into words by a template of the
// catalogue (data/i18n/causes.json) in the report's language when a renderer shows it. The checks fill in values;
// they never build sentences themselves.
import { label, type Labels, type Lang } from "../schema/common.js";
import type { TextsFile } from "../schema/texts.js";

import type { MessageArg, MessageName } from "./inputError.js";
export {
  andList,
  message,
  named,
  type Message,
  type MessageArg,
  type MessageList,
  type MessageName,
} from "./inputError.js";

/** The name as a sentence in `lang` shows it. */
export const nameIn = (n: MessageName, lang: Lang): string =>
  lang === "en" || !(n.labels["zh-Hant"] ?? n.labels["zh-Hans"]) ? n.id : label(n.labels as Labels, lang);

export type Texts = TextsFile;

/** The message in `lang` (English where the catalogue has no template in that language). */
export function formatMessage(texts: Texts, lang: Lang, m: MessageArg): string {
  if (typeof m === "string") return m;
  if ("labels" in m) return nameIn(m, lang);
  if ("items" in m) {
    const parts = m.items.map((x) => formatMessage(texts, lang, x));
    if (parts.length < 2) return parts.join("");
    const join = template(texts, lang, m.join);
    return `${parts.slice(0, -1).join(join)}${template(texts, lang, m.last ?? m.join)}${parts[parts.length - 1]}`;
  }
  return template(texts, lang, m.key).replace(/\{([a-zA-Z][a-zA-Z0-9_]*)\}/g, (_whole, name: string) => {
    const arg = m.args?.[name];
    if (arg === undefined) throw new Error(`message ${m.key}: no value for {${name}}`);
    return formatMessage(texts, lang, arg);
  });
}

function template(texts: Texts, lang: Lang, key: string): string {
  const t = texts.messages[key];
  if (!t) throw new Error(`no message "${key}" in data/i18n/causes.json`);
  return t[lang] ?? t.en;
}
