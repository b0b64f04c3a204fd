// Sentences as data: a finding's cause is a message key with its values, put into words by a template of the
// catalogue (data/i18n/causes.json) in the report's language when a renderer shows it. The checks fill in values;
// they never build sentences themselves.
import { label, type Labels, type Lang } from "../schema/common.js";
import type { TextsFile } from "../schema/texts.js";

/** A value in a message: text as shown (a number already printed), another message, a list of them, or a name. */
export type MessageArg = string | Message | MessageList | MessageName;

/**
 * A metric, reporting unit or fuel named in a sentence: its id in English (what commands and the JSON name), its
 * label in Chinese — "天然氣的低位發熱量", never "natural_gas 的低位發熱量" (the id where no Chinese label exists).
 */
export interface MessageName {
  id: string;
  labels: Labels;
}

export const named = (id: string, labels: Labels | undefined): MessageArg => (labels ? { id, labels } : id);

/** The name as a sentence in `lang` shows it. */
export const nameIn = (n: MessageName, lang: Lang): string =>
  lang === "en" || !(n.labels["zh-Hant"] ?? n.labels["zh-Hans"]) ? n.id : label(n.labels, lang);

export interface Message {
  /** "cause.<code>[.<variant>]" or "phrase.<name>": a template of the catalogue. */
  key: string;
  args?: Readonly<Record<string, MessageArg>>;
}

/** Items joined by a phrase (e.g. ", "), the last one by another (e.g. " and "). */
export interface MessageList {
  items: readonly MessageArg[];
  /** Phrase keys. */
  join: string;
  last?: string;
}

export const message = (key: string, args?: Record<string, MessageArg>): Message => (args ? { key, args } : { key });

/** "a, b and c" */
export const andList = (items: readonly MessageArg[]): MessageList => ({
  items,
  join: "phrase.join.comma",
  last: "phrase.join.and",
});

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
