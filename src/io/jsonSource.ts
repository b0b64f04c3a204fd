// JSON with source positions: JSON.parse gives values but forgets where they were, and a manifest error
// must name its line and column. This scanner records the position of every value by its path.

import { message, type Message } from "../findings/inputError.js";
import { pathKey, type Position } from "../model/source.js";

/** No manifest needs more; deeper input is refused before it can exhaust the stack. */
const MAX_DEPTH = 64;

export type JsonParse =
  | { ok: true; value: unknown; positions: Map<string, Position> }
  | { ok: false; message: string; say: Message; position: Position };

/** Where the key of an object member is (for "unknown key" errors), as opposed to its value. */
export const keyPathKey = (path: readonly PropertyKey[]): string => `${pathKey(path)}#key`;

export function parseJsonWithPositions(text: string): JsonParse {
  const src = text.replace(/^\ufeff/, "");
  const positions = new Map<string, Position>();
  let i = 0;
  // Positions are asked for in increasing order while parsing: advance a cursor, so that a large manifest (or a
  // 1 MB line) costs one pass, not one pass per value.
  let cursor = { at: 0, line: 1, column: 1 };
  const where = (at: number): Position => {
    if (at < cursor.at) cursor = { at: 0, line: 1, column: 1 };
    let { line, column } = cursor;
    for (let k = cursor.at; k < at; k++) {
      const c = src.charCodeAt(k);
      if (c === 10) {
        line++;
        column = 1;
      } else if (c < 0xdc00 || c > 0xdfff) column++; // a low surrogate ends a character already counted
    }
    cursor = { at, line, column };
    return { line, column };
  };
  class Syntax extends Error {
    constructor(
      message: string,
      readonly at: number,
      readonly say: Message,
    ) {
      super(message);
    }
  }
  const ws = () => {
    while (i < src.length && " \t\r\n".includes(src[i] ?? "")) i++;
  };
  const expect = (c: string) => {
    if (src[i] !== c)
      throw new Syntax(
        `expected '${c}' but found ${src[i] === undefined ? "end of file" : `'${src[i]}'`}`,
        i,
        message("error.json.expected", {
          want: c,
          found: src[i] === undefined ? message("error.json.end-of-file") : `'${src[i]}'`,
        }),
      );
    i++;
  };
  const string = (): string => {
    const start = i;
    expect('"');
    while (i < src.length && src[i] !== '"') {
      if (src[i] === "\\") i++;
      else if ((src[i] ?? "") < " ")
        throw new Syntax("control character inside a string", i, message("error.json.control-character"));
      i++;
    }
    expect('"');
    return JSON.parse(src.slice(start, i)) as string;
  };
  const value = (path: PropertyKey[]): void => {
    ws();
    if (path.length > MAX_DEPTH)
      throw new Syntax(
        `nested more than ${MAX_DEPTH} levels deep`,
        i,
        message("error.json.too-deep", { n: String(MAX_DEPTH) }),
      );
    positions.set(pathKey(path), where(i));
    const c = src[i];
    if (c === "{") {
      i++;
      ws();
      if (src[i] === "}") return void i++;
      // JSON.parse keeps the last of two equal keys without a word: a second one is refused where it stands.
      const keys = new Map<string, Position>();
      for (;;) {
        ws();
        if (src[i] === "}")
          throw new Syntax(
            "trailing comma before '}' (JSON allows none)",
            i,
            message("error.json.trailing-comma", { bracket: "}" }),
          );
        const keyAt = i;
        const key = string();
        const first = keys.get(key);
        if (first)
          throw new Syntax(
            `duplicate key "${key}" (first at line ${first.line}, column ${first.column}); JSON would keep only the last one`,
            keyAt,
            message("error.json.duplicate-key", { key, line: String(first.line), column: String(first.column) }),
          );
        keys.set(key, where(keyAt));
        positions.set(keyPathKey([...path, key]), where(keyAt));
        ws();
        expect(":");
        value([...path, key]);
        ws();
        if (src[i] === ",") {
          i++;
          continue;
        }
        expect("}");
        return;
      }
    }
    if (c === "[") {
      i++;
      ws();
      if (src[i] === "]") return void i++;
      for (let n = 0; ; n++) {
        ws();
        if (src[i] === "]" && n > 0)
          throw new Syntax(
            "trailing comma before ']' (JSON allows none)",
            i,
            message("error.json.trailing-comma", { bracket: "]" }),
          );
        value([...path, n]);
        ws();
        if (src[i] === ",") {
          i++;
          continue;
        }
        expect("]");
        return;
      }
    }
    if (c === '"') return void string();
    const m = /^(-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(src.slice(i, i + 400));
    if (!m)
      throw new Syntax(
        c === undefined ? "unexpected end of file" : `unexpected '${c}'`,
        i,
        c === undefined ? message("error.json.unexpected-end") : message("error.json.unexpected", { c }),
      );
    i += m[0].length;
  };
  try {
    value([]);
    ws();
    if (i < src.length)
      throw new Syntax(
        `unexpected '${src[i]}' after the end of the document`,
        i,
        message("error.json.after-end", { c: src[i]! }),
      );
  } catch (err) {
    if (err instanceof Syntax) return { ok: false, message: err.message, say: err.say, position: where(err.at) };
    throw err;
  }
  return { ok: true, value: JSON.parse(src), positions };
}
