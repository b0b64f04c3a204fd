// Writing a report to a file: atomically (a temporary file in the same folder, then a rename), never over a file
// the run reads. Errors are values (write-failed, output-is-input); nothing is left behind when a write fails.
import { DEFAULT_ACKNOWLEDGED } from "../model/acknowledgements.js";
import { randomBytes } from "node:crypto";
import {
  appendFileSync,
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readdirSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  chmodSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { fail, message, ok, type InputError, type Result } from "../findings/inputError.js";
import { displayPath } from "./dataset.js";
import { readText } from "./text.js";

/** One file the run reads, and what it is (for the message when an --output would overwrite it). */
export interface InputFile {
  path: string;
  role: string;
}

/** Every string under the manifest's `files` (published, activity, claims, factors, and whatever is added later). */
function namedFiles(value: unknown, role: string, out: InputFile[]): void {
  if (typeof value === "string") out.push({ path: value, role });
  else if (Array.isArray(value)) for (const v of value) namedFiles(v, role, out);
  else if (value && typeof value === "object") {
    // An entry object names its file under "path"; its sheet, range and description are not files.
    for (const [k, v] of Object.entries(value))
      if (!["sheet", "range", "description"].includes(k))
        namedFiles(v, k === "path" ? role : `${role === "files" ? "" : `${role}.`}${k}`, out);
  }
}

const REFERENCE_DATA = fileURLToPath(new URL("../../data/", import.meta.url));

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/**
 * The files a check of `datasetDir` reads: its manifest and every file the manifest names, the --factors files, and
 * the tool's own reference data (catalogue, units, factor library, UI words). Read leniently: a manifest that does
 * not parse still protects itself (loading reports what is wrong with it).
 */
export function runInputs(datasetDir: string, factorFiles: readonly string[]): InputFile[] {
  const manifest = join(datasetDir, "manifest.json");
  const out: InputFile[] = [
    { path: manifest, role: "manifest" },
    { path: join(datasetDir, DEFAULT_ACKNOWLEDGED), role: "acknowledged findings file" },
  ];
  try {
    // Through readText: a manifest that is a named pipe or a device must not hang the run here either.
    const text = readText(manifest, "utf-8", manifest);
    if (!text.ok) throw new Error("unreadable");
    const parsed = JSON.parse(text.value.replace(/^\ufeff/, "")) as { files?: unknown };
    const named: InputFile[] = [];
    namedFiles(parsed.files, "files", named);
    out.push(...named.map((f) => ({ path: join(datasetDir, f.path), role: `${f.role} file` })));
  } catch {
    // unreadable or not JSON: loading the dataset says so
  }
  out.push(...factorFiles.map((f) => ({ path: f, role: "--factors file" })));
  const reference = ["catalogue", "text", "factors", "i18n"].flatMap((d) => filesUnder(join(REFERENCE_DATA, d)));
  out.push(...reference.map((f) => ({ path: f, role: "reference data" })));
  // The embedded dataset is read when no folder is given; its files are covered by the manifest above.
  return out;
}

/** The path a write to `path` lands on: symbolic links followed when the file exists, else its folder's real path. */
function landingPath(path: string): string {
  const full = resolve(path);
  try {
    return realpathSync(full);
  } catch {
    try {
      return join(realpathSync(dirname(full)), basename(full));
    } catch {
      return full;
    }
  }
}

function sameFile(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    const x = statSync(a);
    const y = statSync(b);
    return x.dev === y.dev && x.ino === y.ino; // hard links
  } catch {
    return false;
  }
}

/** Refuses an --output that would overwrite a file this run reads (compared by real path and by inode). */
export function checkOutputPath(output: string, inputs: readonly InputFile[]): Result<string> {
  const target = landingPath(output);
  for (const input of inputs) {
    const real = landingPath(input.path);
    if (sameFile(target, real)) {
      return fail({
        code: "output-is-input",
        file: displayPath(resolve(output)),
        message: `--output ${output} would overwrite ${displayPath(real)}, an input of this run (${input.role}): refused, nothing was written`,
        hint: "write the report to another file, e.g. --output report.html",
        say: {
          message: message("error.output-is-input", { output, file: displayPath(real) }),
          hint: message("error.output-is-input.hint"),
        },
      });
    }
  }
  return ok(target);
}

function writeFailed(output: string, err: unknown): InputError {
  const e = err as NodeJS.ErrnoException;
  const folder = e.code === "EISDIR" || e.code === "ENOTEMPTY" || e.code === "EEXIST";
  const noFolder = e.code === "ENOENT";
  const denied = e.code === "EACCES" || e.code === "EPERM";
  const why = folder
    ? "it is a folder"
    : noFolder
      ? "its folder does not exist"
      : denied
        ? "permission denied"
        : (e.message ?? String(err));
  return {
    code: "write-failed",
    file: displayPath(resolve(output)),
    message: `cannot write ${output}: ${why}`,
    hint: "choose a file in an existing, writable folder; nothing was written",
    say: {
      message: message("error.write-failed", {
        output,
        // the system's own words where the tool has none
        why: folder
          ? message("error.write-failed.folder")
          : noFolder
            ? message("error.write-failed.no-folder")
            : denied
              ? message("error.read-failed.permission")
              : why,
      }),
      hint: message("error.write-failed.hint"),
    },
  };
}

export interface AtomicWriteHooks {
  /** Called with the temporary file's path after it is written and before the rename (tests use it to fail there). */
  beforeRename?: (tmp: string) => void;
}

/**
 * Writes `data` to `output` atomically: a temporary file beside it, flushed, then renamed over it. A reader sees the
 * old file or the new one, never half of one; on any error the temporary file is removed and `output` is untouched.
 * An existing file keeps its permissions; a symbolic link is followed (its target is replaced, not the link).
 */
export function writeFileAtomic(output: string, data: string | Uint8Array, hooks: AtomicWriteHooks = {}): Result<void> {
  const target = landingPath(output);
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, "wx", 0o666);
    const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    try {
      const old = statSync(target);
      if (old.isFile()) chmodSync(tmp, old.mode & 0o7777);
    } catch {
      // a new file: default permissions
    }
    hooks.beforeRename?.(tmp);
    renameSync(tmp, target);
    return ok(undefined);
  } catch (err) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
    }
    try {
      if (existsSync(tmp)) unlinkSync(tmp);
    } catch {
      // nothing more can be done; the error below names the output
    }
    return fail(writeFailed(output, err));
  }
}

/** Appends to a file (GitHub's $GITHUB_STEP_SUMMARY, which the runner collects after the step). */
export function appendToFile(path: string, data: string): Result<void> {
  try {
    appendFileSync(path, data, "utf8");
    return ok(undefined);
  } catch (err) {
    return fail(writeFailed(path, err));
  }
}
