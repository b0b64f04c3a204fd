// Input errors are values, not exceptions: every stage returns them, the CLI prints them and picks exit code 2.
// Each code has a stable id and title (documented in the README) so `--format json` consumers can rely on them.

export const INPUT_ERROR_TITLES = {
  "read-failed": "file cannot be read",
  "path-outside-dataset": "file named by the manifest is outside the dataset folder",
  encoding: "bytes do not decode in the declared encoding",
  "csv-syntax": "malformed CSV",
  "header-missing": "required column missing",
  "header-unknown": "unknown column",
  "header-duplicate": "column named twice",
  "header-invalid": "the header rows of a table cannot be read",
  "value-empty": "empty value",
  "value-not-a-number": "value is not a number",
  "value-negative": "negative value where the metric allows none",
  "unit-unknown": "unknown unit",
  "unit-mismatch": "unit does not fit the metric",
  "currency-unknown": "currency the tool does not know",
  "metric-unknown": "unknown metric",
  "metric-not-input": "metric is computed, not read",
  "metric-wrong-file": "metric belongs in another file",
  "facility-unknown": "unknown reporting unit",
  "row-duplicate": "duplicate row",
  "figure-overlap": "a node has a figure of its own and nodes below it have figures for the same metric",
  "label-unknown": "unknown row label",
  "label-ambiguous": "ambiguous row label",
  "section-unknown": "unknown section",
  "cell-invalid": "published cell is neither a number, `/` nor blank",
  "table-empty": "published table has no rows",
  "manifest-invalid": "manifest does not match its schema",
  "tree-invalid": "reporting tree is not a tree",
  "column-unmapped": "published column maps to no node",
  "column-ambiguous": "two column titles read alike",
  "period-unknown": "unknown period",
  "denominator-invalid": "denominator is unusable",
  "catalogue-invalid": "metric catalogue is inconsistent",
  "factor-invalid": "factor row is unusable",
  "factor-source-missing": "factor row cites no source",
  "factor-unknown": "unknown factor or method",
  "claim-invalid": "claim is not a comparison the tool can parse",
  "acknowledgement-invalid": "an acknowledged finding is incomplete",
  usage: "bad usage",
  "output-is-input": "--output names a file the run reads",
  "write-failed": "the report cannot be written",
  "workbook-invalid": "the .xlsx workbook cannot be read",
  "cell-unreadable": "a workbook cell holds no value the tool can read (an error, a date, a formula never calculated)",
  "internal-error": "a bug in esg-recalc",
} as const;

export type InputErrorCode = keyof typeof INPUT_ERROR_TITLES;

// Sentences as data (findings/message.ts formats them): declared here, in the vocabulary every layer may use, so that
// the model and compute layers can say what they found without building English text (an input error's message, an
// implied factor's reason, a note of the factor plan).

/** A value in a message: text as shown (a number already printed), another message, a list of them, or a name. */
export type MessageArg = string | Message | MessageList | MessageName;

/**
 * A metric, reporting unit or fuel named in a sentence: its id in English (what commands and the JSON name), its
 * label in Chinese — "天然氣的低位發熱量", never "natural_gas 的低位發熱量" (the id where no Chinese label exists).
 */
export interface MessageName {
  id: string;
  labels: { en: string; "zh-Hant"?: string | undefined; "zh-Hans"?: string | undefined };
}

export interface Message {
  /** "cause.<code>[.<variant>]", "phrase.<name>" or "error.<name>": a template of data/i18n/causes.json. */
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

export const named = (id: string, labels: MessageName["labels"] | undefined): MessageArg =>
  labels ? { id, labels } : id;

/**
 * A text someone else already put into each language (a schema issue as zod words it, in its locales): printed as it
 * is, in the report's language.
 */
export const inLanguages = (en: string, zhHant: string, zhHans: string): MessageName => ({
  id: en,
  labels: { en, "zh-Hant": zhHant, "zh-Hans": zhHans },
});

/** "a, b and c" */
export const andList = (items: readonly MessageArg[]): MessageList => ({
  items,
  join: "phrase.join.comma",
  last: "phrase.join.and",
});

/**
 * An input error's words in every language: `message`, `hint` and `expected` stay the English text (the JSON error
 * document and `--lang en` print them); `say` holds the same sentences as templates of the catalogue, which a report
 * in another language prints instead (tests/unit/inputErrorTexts.test.ts checks that the English template gives the
 * English text).
 */
export interface InputErrorSay {
  message: Message;
  hint?: Message;
  expected?: Message;
}

export interface InputError {
  code: InputErrorCode;
  message: string;
  file?: string;
  /** 1-based line in `file`. */
  line?: number;
  /** 1-based character column in that line. */
  column?: number;
  /** For a workbook sheet (`file` is "book.xlsx!Sheet", `line` its row): the cell, "C12"; shown instead of line:column. */
  cell?: string;
  /** CSV column name, when the error is about one field. */
  field?: string;
  found?: string;
  expected?: string;
  hint?: string;
  /** The source line, for the excerpt under the location. */
  excerpt?: string;
  /** The message, hint and expectation as templates, for a report in another language than English. */
  say?: InputErrorSay;
}

export type Result<T> =
  { ok: true; value: T; errors?: undefined } | { ok: false; errors: InputError[]; value?: undefined };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(...errors: InputError[]): Result<T> => ({ ok: false, errors });
/** For a list that may be long (one error per bad row of a million-row file): spreading it into fail() would overflow the stack. */
export const failWith = <T = never>(errors: InputError[]): Result<T> => ({ ok: false, errors });

/** Names for an "expected" list, at most `max` of them: a tree of 200,000 sites must not make every message 2 MB. */
export function someOf(names: readonly string[], max = 12): string {
  return names.length <= max
    ? names.join(", ")
    : `${names.slice(0, max).join(", ")}, … (${names.length.toLocaleString("en-US")} in all)`;
}

/** someOf as a message: the same names, the count of a longer list said in the report's language. */
export function someOfSaid(names: readonly string[], max = 12): MessageArg {
  return names.length <= max
    ? names.join(", ")
    : message("error.names-more", { names: names.slice(0, max).join(", "), n: names.length.toLocaleString("en-US") });
}
