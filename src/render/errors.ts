// Input errors for people (location first, excerpt with a marker, then what was expected and how to fix it)
// and for programs (a stable JSON shape; codes and titles from the catalogue in findings/inputError.ts).
// Whatever a hostile file holds, the output stays bounded: long texts are cut (saying so), control characters are
// shown as symbols, and the caret sits under its character by display width (a CJK character is two columns).
import { INPUT_ERROR_TITLES, message, type InputError } from "../findings/inputError.js";
import { formatMessage, type MessageArg, type Texts } from "../findings/message.js";
import type { Lang } from "../schema/common.js";
import { charWidth, visibleText } from "./displayWidth.js";
import type { Paint } from "./style.js";

/** Display columns of an excerpt; a longer line is shown as a window around the caret. */
export const EXCERPT_COLUMNS = 240;
/** Characters of a message, found text, expectation or hint; longer ones keep their start and end. */
export const TEXT_CHARS = 240;
/** Errors shown in text (a file with a million bad rows must not flood a terminal or a CI log); JSON lists all. */
export const ERRORS_SHOWN = 100;

/** A text of at most TEXT_CHARS characters: the middle of a longer one is replaced by a note of how much was cut. */
export function cutText(text: string, cutNote: (n: string) => string = (n) => `${n} characters cut`): string {
  if (text.length <= TEXT_CHARS) return text;
  // Code points counted and sliced without spreading the text (it may be a megabyte).
  let count = 0;
  for (const _ of text) count++;
  if (count <= TEXT_CHARS) return text;
  const head = Math.floor((TEXT_CHARS * 2) / 3);
  const tail = TEXT_CHARS - head;
  let start = "";
  let end = "";
  let i = 0;
  for (const c of text) {
    if (i < head) start += c;
    else if (i >= count - tail) end += c;
    i++;
  }
  return `${start}…[${cutNote((count - head - tail).toLocaleString("en-US"))}]…${end}`;
}

/** The bounded copy of an error that both renderings show. */
function bounded(e: InputError, language?: ErrorLanguage): InputError {
  const note =
    language && language.lang !== "en"
      ? (n: string) => formatMessage(language.texts, language.lang, message("error.frame.characters-cut", { n }))
      : undefined;
  const out: InputError = { ...e, message: cutText(e.message, note) };
  for (const k of ["found", "expected", "hint", "field"] as const)
    if (e[k] !== undefined) out[k] = cutText(e[k]!, note);
  return out;
}

/**
 * The excerpt line and the caret line under it. The caret's indent repeats each character's width (a tab as a
 * tab, so tab stops agree); a line wider than EXCERPT_COLUMNS is cut to a window around the caret, with "…" where
 * text was left out and a note saying so.
 */
function excerptLines(
  excerpt: string,
  column: number | undefined,
): { text: string; indent: string | null; note: { from: string; to: string; of: string } | null } {
  const chars = [...visibleText(excerpt)];
  const at = column === undefined ? null : Math.min(Math.max(column - 1, 0), chars.length);
  const width = (ch: string) => (ch === "\t" ? 1 : charWidth(ch)); // a tab is at least one column: enough for the window
  const total = chars.reduce((n, ch) => n + width(ch), 0);
  let start = 0;
  let end = chars.length;
  if (total > EXCERPT_COLUMNS) {
    // Up to a third of the window before the caret, the rest after it.
    start = at ?? 0;
    let used = 0;
    while (start > 0 && used + width(chars[start - 1]!) <= EXCERPT_COLUMNS / 3) used += width(chars[--start]!);
    end = start;
    used = 0;
    while (end < chars.length && used + width(chars[end]!) <= EXCERPT_COLUMNS) used += width(chars[end++]!);
    if (at !== null && end <= at) end = Math.min(at + 1, chars.length);
  }
  const before = start > 0 ? "…" : "";
  const text = `${before}${chars.slice(start, end).join("")}${end < chars.length ? "…" : ""}`;
  const indent =
    at === null
      ? null
      : before +
        chars
          .slice(start, at)
          .map((ch) => (ch === "\t" ? "\t" : " ".repeat(charWidth(ch))))
          .join("");
  const note =
    start > 0 || end < chars.length
      ? {
          from: (start + 1).toLocaleString("en-US"),
          to: end.toLocaleString("en-US"),
          of: chars.length.toLocaleString("en-US"),
        }
      : null;
  return { text, indent, note };
}

/** The language of the text rendering: its templates (data/i18n/causes.json, keys error.*). */
export interface ErrorLanguage {
  lang: Lang;
  texts: Texts;
}

/**
 * An error in another language than English: its message, hint and expectation from the templates it carries
 * (`say`); an error that carries none keeps its English words. English is the text as written (byte for byte).
 */
export function inLanguage(e: InputError, l: ErrorLanguage | undefined): InputError {
  if (!l || l.lang === "en" || !e.say) return e;
  const f = (m: MessageArg) => formatMessage(l.texts, l.lang, m);
  const { say, ...rest } = e;
  return {
    ...rest,
    message: f(say.message),
    ...(say.hint ? { hint: f(say.hint) } : {}),
    ...(say.expected ? { expected: f(say.expected) } : {}),
  };
}

export function renderErrors(errors: readonly InputError[], p: Paint, language?: ErrorLanguage): string {
  const out: string[] = [];
  const zh = language && language.lang !== "en" ? language : undefined;
  const word = (key: string, args?: Record<string, MessageArg>) =>
    zh ? formatMessage(zh.texts, zh.lang, message(key, args)) : "";
  for (const raw of errors.slice(0, ERRORS_SHOWN)) {
    const e = bounded(inLanguage(raw, language), language);
    // A workbook cell is named as Excel names it, book.xlsx!Sheet!C12; a text file by line and column.
    const loc =
      e.cell !== undefined
        ? `${e.file}!${e.cell}`
        : [e.file, e.line, e.line !== undefined ? e.column : undefined].filter((x) => x !== undefined).join(":");
    out.push(
      `${loc ? p.bold(visibleText(loc)) + ": " : ""}${p.red.bold(`error[${e.code}]`)}: ${visibleText(e.message)}`,
    );
    if (e.excerpt !== undefined && e.line !== undefined) {
      const n = String(e.line);
      const shown = excerptLines(e.excerpt, e.column);
      out.push(`  ${n} | ${shown.text}`);
      if (shown.indent !== null) out.push(`  ${" ".repeat(n.length)} | ${shown.indent}${p.red("^")}`);
      if (shown.note)
        out.push(
          `  ${" ".repeat(n.length)} = ${
            zh
              ? word("error.frame.line-cut", shown.note)
              : `(line cut: characters ${shown.note.from}–${shown.note.to} of ${shown.note.of} shown)`
          }`,
        );
    }
    if (e.expected) out.push(`  ${zh ? word("error.frame.expected") : "expected"}: ${visibleText(e.expected)}`);
    if (e.hint) out.push(`  ${zh ? word("error.frame.hint") : "hint"}: ${visibleText(e.hint)}`);
  }
  const n = errors.length;
  const count = n.toLocaleString("en-US");
  const more = (n - ERRORS_SHOWN).toLocaleString("en-US");
  if (n > ERRORS_SHOWN)
    out.push(
      zh ? word("error.frame.more", { n: more }) : `… ${more} more errors not shown (--format json lists every one)`,
    );
  // A refused or failed --output comes after the check ran: what did not happen is the writing.
  const writing = errors.length > 0 && errors.every((e) => e.code === "output-is-input" || e.code === "write-failed");
  out.push(
    zh
      ? word(writing ? "error.frame.summary.written" : "error.frame.summary.checked", { n: count })
      : `${count} error${n === 1 ? "" : "s"}; ${writing ? "nothing was written" : "nothing was checked"} (exit 2)`,
  );
  return out.join("\n") + "\n";
}

/**
 * The JSON error document: codes, titles, files and positions stable whatever the language; the message, expectation
 * and hint in the report's language (English without one).
 */
export function errorsJson(errors: readonly InputError[], language?: ErrorLanguage): string {
  return (
    JSON.stringify(
      {
        schemaVersion: 1,
        tool: "esg-recalc",
        errors: errors
          .map((e) => bounded(inLanguage(e, language), language))
          .map(({ excerpt: _excerpt, say: _say, ...e }) => ({ ...e, title: INPUT_ERROR_TITLES[e.code] })),
      },
      null,
      2,
    ) + "\n"
  );
}
