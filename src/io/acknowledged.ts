// Writing an acknowledged finding (esg-recalc acknowledge): the dataset's acknowledged file gets the row — a new
// line, or the row replacing the one for the same finding — written atomically (a temporary file, then a rename).
// The file stays inside the dataset folder, as every file the manifest names.
import { existsSync, realpathSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { fail, message, ok, type Result } from "../findings/inputError.js";
import { ACK_COLUMNS, ackKey, type AckColumn } from "../model/acknowledgements.js";
import { parseCsv } from "./csv.js";
import { displayPath, inside } from "./dataset.js";
import { writeFileAtomic } from "./output.js";
import { readText } from "./text.js";

const quote = (v: string) => (/[",\r\n]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** Writes `row` into the acknowledged file `name` of dataset `dir`; returns the file as shown and the row's line. */
export function writeAcknowledgement(
  dir: string,
  name: string,
  row: Record<AckColumn, string>,
): Result<{ file: string; line: number; replaced: boolean }> {
  const full = resolve(dir, name);
  const shown = displayPath(full);
  const outside = fail<{ file: string; line: number; replaced: boolean }>({
    code: "path-outside-dataset",
    file: shown,
    found: name,
    message: `files.acknowledged names "${name}", outside the dataset folder: it is written only inside it`,
    hint: "name a file relative to the dataset folder",
    say: { message: message("error.ack.outside", { name }), hint: message("error.ack.outside.hint") },
  });
  if (isAbsolute(name) || !inside(resolve(dir), full)) return outside;
  let header: string[] = [...ACK_COLUMNS];
  let records: string[][] = [];
  if (existsSync(full)) {
    if (!inside(realpathSync(dir), realpathSync(full))) return outside;
    const text = readText(full, "utf-8", shown);
    if (!text.ok) return text;
    const table = parseCsv(text.value, shown, name);
    if (!table.ok) return table;
    header = table.value.header.fields.map((f) => f.trim().toLowerCase());
    const unknown = header.find((h) => !(ACK_COLUMNS as readonly string[]).includes(h));
    if (unknown !== undefined)
      return fail({
        code: "header-unknown",
        file: shown,
        line: table.value.header.line,
        message: `unknown column "${unknown}"`,
        expected: ACK_COLUMNS.join(", "),
        say: {
          message: message("error.ack.column-unknown", { unknown }),
          expected: message("error.list", { names: ACK_COLUMNS.join(", ") }),
        },
      });
    for (const c of ACK_COLUMNS) if (!header.includes(c)) header.push(c); // a column the file lacks is added, blank for the old rows
    records = table.value.records.map((r) => header.map((_, i) => r.fields[i] ?? ""));
  }
  const at = (r: string[], c: AckColumn) => (r[header.indexOf(c)] ?? "").trim();
  const key = ackKey(row);
  const fields = header.map((h) => row[h as AckColumn]);
  const index = records.findIndex(
    (r) =>
      ackKey({ metric: at(r, "metric"), column: at(r, "column"), claim: at(r, "claim"), kind: at(r, "kind") }) === key,
  );
  if (index >= 0) records[index] = fields;
  else records.push(fields);
  const text = [header, ...records].map((r) => r.map(quote).join(",")).join("\n") + "\n";
  const written = writeFileAtomic(full, text);
  if (!written.ok) return written;
  return ok({ file: shown, line: (index >= 0 ? index : records.length - 1) + 2, replaced: index >= 0 });
}
