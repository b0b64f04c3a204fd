// Runs the real bin/esg-recalc.js as a user would (built by `npm test` first), with colour off by default.
import { spawnSync } from "node:child_process";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BIN = fileURLToPath(new URL("../../bin/esg-recalc.js", import.meta.url));

export interface CliRun {
  stdout: string;
  stderr: string;
  code: number | null;
}

export function runCli(
  args: string[],
  options: { env?: Record<string, string | undefined>; cwd?: string } = {},
): CliRun {
  const env: Record<string, string | undefined> = {
    ...process.env,
    NO_COLOR: "1",
    FORCE_COLOR: undefined,
    ...options.env,
  };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: env as NodeJS.ProcessEnv,
    encoding: "utf8",
  });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status };
}

/** Fixture path as the CLI shows it when run from the repository root. */
export const fixture = (name: string): string => `fixtures/${name}`;

/**
 * A copy of a fixture under `dir` (as `name`) with one of its files edited; the edit must change the file (a test
 * that plants nothing would pass for the wrong reason). Returns the copy's path.
 */
export function editedFixture(dir: string, from: string, name: string, file: string, edit: (text: string) => string) {
  const to = join(dir, name);
  cpSync(join(ROOT, fixture(from)), to, { recursive: true });
  const path = join(to, file);
  const before = readFileSync(path, "utf8");
  const after = edit(before);
  if (after === before) throw new Error(`editedFixture: the edit leaves ${from}/${file} unchanged`);
  writeFileSync(path, after);
  return to;
}

/** The fields of a finding in `check --format json` that the tests read (src/schema/report.ts has the whole shape). */
export interface JsonFinding {
  metric: string;
  column: string;
  kind: string;
  status: string;
  published: string;
  recomputed: string | null;
  recomputedInterval: [string, string] | null;
  causes: { code: string; message: string }[];
}

/** The one finding of a metric in a column (an error when there are none or several). */
export function findingAt<F extends JsonFinding>(findings: F[], metric: string, column: string): F {
  const found = findings.filter((f) => f.metric === metric && f.column === column);
  if (found.length !== 1) throw new Error(`${found.length} findings for ${metric} in ${column}, expected one`);
  return found[0]!;
}

/** A decimal as the JSON report writes it: no trailing zeros after the point. */
export const asJsonDecimal = (x: string): string => (x.includes(".") ? x.replace(/\.?0+$/, "") : x);
