// Reading a JSON file against a zod schema, with every schema issue located at its line and column.
import type { z } from "zod";
import { fail, failWith, ok, type InputError, type InputErrorCode, type Result } from "../findings/inputError.js";
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
      excerpt: lines[parsed.position.line - 1] ?? "",
    });
  }
  const result = schema.safeParse(parsed.value);
  if (result.success) return ok({ value: result.data, positions: parsed.positions });
  const errors = result.error.issues.map((issue): InputError => {
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
      ...(at ? { excerpt: lines[at.line - 1] ?? "" } : {}),
    };
  });
  return failWith(errors);
}
