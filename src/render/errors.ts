// Input errors for people (location first, excerpt with a marker, then what was expected and how to fix it)
// and for programs (a stable JSON shape; codes and titles from the catalogue in findings/inputError.ts).
import { INPUT_ERROR_TITLES, type InputError } from "../findings/inputError.js";
import type { Paint } from "./style.js";

export function renderErrors(errors: readonly InputError[], p: Paint): string {
  const out: string[] = [];
  for (const e of errors) {
    // A workbook cell is named as Excel names it, book.xlsx!Sheet!C12; a text file by line and column.
    const loc = e.cell !== undefined ? `${e.file}!${e.cell}` : [e.file, e.line, e.line !== undefined ? e.column : undefined].filter((x) => x !== undefined).join(":");
    out.push(`${loc ? p.bold(loc) + ": " : ""}${p.red.bold(`error[${e.code}]`)}: ${e.message}`);
    if (e.excerpt !== undefined && e.line !== undefined) {
      const n = String(e.line);
      out.push(`  ${n} | ${e.excerpt}`);
      if (e.column !== undefined) out.push(`  ${" ".repeat(n.length)} | ${" ".repeat(Math.max(0, e.column - 1))}${p.red("^")}`);
    }
    if (e.expected) out.push(`  expected: ${e.expected}`);
    if (e.hint) out.push(`  hint: ${e.hint}`);
  }
  const n = errors.length;
  // A refused or failed --output comes after the check ran: what did not happen is the writing.
  const writing = errors.every((e) => e.code === "output-is-input" || e.code === "write-failed");
  out.push(`${n} error${n === 1 ? "" : "s"}; ${writing ? "nothing was written" : "nothing was checked"} (exit 2)`);
  return out.join("\n") + "\n";
}

export function errorsJson(errors: readonly InputError[]): string {
  return JSON.stringify({
    schemaVersion: 1,
    tool: "esg-recalc",
    errors: errors.map(({ excerpt: _excerpt, ...e }) => ({ ...e, title: INPUT_ERROR_TITLES[e.code] })),
  }, null, 2) + "\n";
}
