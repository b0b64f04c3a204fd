// Reading a JSON file against a zod schema, with every schema issue located at its line and column.
import { z } from "zod";
import {
  fail,
  failWith,
  inLanguages,
  message,
  ok,
  type InputError,
  type InputErrorCode,
  type Result,
} from "../findings/inputError.js";
import { keyPathKey, parseJsonWithPositions } from "./jsonSource.js";
import { pathKey, type Position } from "../model/source.js";

export interface LocatedJson<T> {
  value: T;
  positions: Map<string, Position>;
}

export function validateJson<S extends z.ZodType>(
  text: string,
  schema: S,
  file: string,
  code: InputErrorCode,
): Result<LocatedJson<z.output<S>>> {
  const parsed = parseJsonWithPositions(text);
  const lines = text.replace(/^\ufeff/, "").split(/\r?\n/);
  if (!parsed.ok) {
    return fail({
      code,
      file,
      ...parsed.position,
      message: `invalid JSON: ${parsed.message}`,
      say: { message: message("error.json-invalid", { reason: parsed.say }) },
      excerpt: lines[parsed.position.line - 1] ?? "",
    });
  }
  const result = schema.safeParse(parsed.value);
  if (result.success) return ok({ value: result.data, positions: parsed.positions });
  // The same issues in Chinese, from zod's own locales (their type names put into Chinese too): a third and fourth
  // parse, only for a file that failed.
  const zhHant = issuesIn(schema, parsed.value, "zh-Hant");
  const zhHans = issuesIn(schema, parsed.value, "zh-Hans");
  const errors = result.error.issues.map((issue, i): InputError => {
    const said = inLanguages(issue.message, zhHant[i] ?? issue.message, zhHans[i] ?? issue.message);
    const keys = issue.code === "unrecognized_keys" ? (issue as { keys: string[] }).keys : [];
    // An unknown key is located at the key itself, not at the object that holds it.
    const path = [...issue.path.map((p) => (typeof p === "symbol" ? p.toString() : p)), ...keys.slice(0, 1)];
    // An issue about a missing key points at the object that lacks it.
    let at = keys.length ? parsed.positions.get(keyPathKey(path)) : parsed.positions.get(pathKey(path));
    for (let n = path.length - 1; !at && n >= 0; n--) at = parsed.positions.get(pathKey(path.slice(0, n)));
    const shown = path.length
      ? path
          .map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`))
          .join("")
          .replace(/^\./, "")
      : "(document)";
    return {
      code,
      file,
      ...(at ?? {}),
      field: shown,
      message: keys.length
        ? `${issue.message} (${keys.length === 1 ? "a typo?" : "typos?"} the manifest format is in docs/dataset-format.md)`
        : `${shown}: ${issue.message}`,
      say: {
        message: keys.length
          ? message(keys.length === 1 ? "error.json-key-unknown" : "error.json-keys-unknown", { issue: said })
          : message("error.json-schema", { field: shown, issue: said }),
      },
      ...(at ? { excerpt: lines[at.line - 1] ?? "" } : {}),
    };
  });
  return failWith(errors);
}

/** Type names zod prints inside its Chinese messages, in Chinese. */
const TYPE_WORDS: Record<string, { "zh-Hant": string; "zh-Hans": string }> = {
  array: { "zh-Hant": "陣列", "zh-Hans": "数组" },
  string: { "zh-Hant": "字串", "zh-Hans": "字符串" },
  number: { "zh-Hant": "數字", "zh-Hans": "数字" },
  int: { "zh-Hant": "整數", "zh-Hans": "整数" },
  object: { "zh-Hant": "物件", "zh-Hans": "对象" },
  boolean: { "zh-Hant": "布林值", "zh-Hans": "布尔值" },
  null: { "zh-Hant": "null", "zh-Hans": "null" },
  undefined: { "zh-Hant": "無（未填寫）", "zh-Hans": "无（未填写）" },
  record: { "zh-Hant": "物件", "zh-Hans": "对象" },
  tuple: { "zh-Hant": "陣列", "zh-Hans": "数组" },
  nan: { "zh-Hant": "NaN", "zh-Hans": "NaN" },
};

/** The messages of a failed parse in zod's Chinese locale (zh-TW for zh-Hant, zh-CN for zh-Hans). */
function issuesIn(schema: z.ZodType, value: unknown, lang: "zh-Hant" | "zh-Hans"): string[] {
  const locale = lang === "zh-Hant" ? z.locales.zhTW() : z.locales.zhCN();
  const r = schema.safeParse(value, { error: (iss) => locale.localeError(iss as never) });
  if (r.success) return [];
  return r.error.issues.map((i) =>
    i.message
      .replace(/\b(array|string|number|int|object|boolean|undefined|record|tuple)\b/g, (w) => TYPE_WORDS[w]![lang])
      .replace("(key)", "")
      .replace(/(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])/g, ""),
  );
}
