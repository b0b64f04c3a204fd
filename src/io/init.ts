// Writing a new dataset folder for `esg-recalc init`. Refuses a folder that has anything in it, and never
// overwrites a file (exclusive create), so it cannot destroy a user's data.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { fail, message, ok, type Result } from "../findings/inputError.js";
import { displayPath } from "./dataset.js";

export const templateManifestText = (): string =>
  readFileSync(fileURLToPath(new URL("../../data/templates/manifest.json", import.meta.url)), "utf8");

export function writeNewDataset(dir: string, files: Record<string, string | Uint8Array>): Result<string[]> {
  const shown = displayPath(dir);
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory())
      return fail({
        code: "usage",
        file: shown,
        message: `${shown} exists and is not a folder`,
        say: { message: message("error.init.not-folder", { shown }) },
      });
    const entries = readdirSync(dir);
    const listed = `${entries.slice(0, 3).join(", ")}${entries.length > 3 ? ", …" : ""}`;
    if (entries.length)
      return fail({
        code: "usage",
        file: shown,
        message: `${shown} is not empty (${listed}); init writes only into a new or empty folder`,
        hint: "pick a new folder name",
        say: {
          message: message("error.init.not-empty", { shown, entries: listed }),
          hint: message("error.init.not-empty.hint"),
        },
      });
  }
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(dir, name), text, { flag: "wx" });
    written.push(join(shown, name));
  }
  return ok(written);
}
