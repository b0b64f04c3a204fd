// Raw flags as commander hands them over, and their resolution into the options the pipeline and renderers use.
import { InvalidArgumentError } from "commander";
import { LANGS, type Lang } from "../schema/common.js";
import { STATUSES, type Status } from "../findings/finding.js";
import type { Dec } from "../model/decimal.js";
import { parsePrintedNumber } from "../model/printedNumber.js";
import type { CheckGroups } from "../pipeline.js";

import { FORMATS, type Format } from "../render/formats.js";
export { FORMATS, type Format };
export const FAIL_ON = [...STATUSES.filter((s) => s !== "match"), "none"] as const;

export interface CliFlags {
  format: Format;
  lang: Lang;
  revenue?: string;
  denominator?: string;
  failOn: Status | "none";
  problems?: boolean;
  color?: boolean;
  factors?: string[];
  materiality?: Dec;
  recalculation?: boolean;
  implied?: boolean;
  boundary?: boolean;
  denominators?: boolean;
  /** false: ignore the dataset's acknowledged findings (--no-acknowledged). */
  acknowledged?: boolean;
  /** check: write the report to this file (atomically) instead of stdout. */
  output?: string;
  /** check --format csv: start with a UTF-8 byte-order mark. */
  bom?: boolean;
  /** check --format corrected: each changed cell also says what was printed. */
  marks?: boolean;
  /** check: no progress line on stderr. */
  quiet?: boolean;
}

/** "5%" or "0.05" → 0.05, exactly. */
export function parseMateriality(value: string): Dec {
  const percent = value.trim().endsWith("%");
  const parsed = parsePrintedNumber(value.trim().replace(/%$/, ""));
  if (!parsed.ok || parsed.number.value.lt(0))
    throw new InvalidArgumentError('--materiality takes a share such as "5%" or "0.05"');
  const share = percent ? parsed.number.value.div(100) : parsed.number.value;
  if (share.gte(1)) throw new InvalidArgumentError("--materiality must be below 100%");
  return share;
}

export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function groupsOf(flags: CliFlags): CheckGroups {
  return {
    recalculation: flags.recalculation !== false,
    implied: flags.implied !== false,
    boundary: flags.boundary !== false,
    denominators: flags.denominators !== false,
  };
}

export function choice<T extends string>(allowed: readonly T[], what: string) {
  return (value: string): T => {
    if (!(allowed as readonly string[]).includes(value))
      throw new InvalidArgumentError(`${what} must be one of ${allowed.join(", ")}`);
    return value as T;
  };
}

export const parseLang = choice(LANGS, "--lang");
export const parseFormat = choice(FORMATS, "--format");
export const parseFailOn = choice(FAIL_ON, "--fail-on");

export interface Terminal {
  isTTY?: boolean;
}

/** Colour only for a terminal, never with NO_COLOR (any non-empty value) or TERM=dumb; --color/--no-color win. */
export function colorLevel(stream: Terminal, env: NodeJS.ProcessEnv, flag: boolean | undefined): 0 | 1 | 2 | 3 {
  if (flag === false) return 0;
  if (flag !== true) {
    if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return 0;
    if (env.TERM === "dumb" || !stream.isTTY) return 0;
  }
  if (env.COLORTERM === "truecolor" || env.COLORTERM === "24bit") return 3;
  return /256/.test(env.TERM ?? "") ? 2 : 1;
}

/** A progress line on stderr: only on a terminal, and never with --quiet. */
export function showsProgress(stderr: Terminal, quiet: boolean | undefined): boolean {
  return stderr.isTTY === true && quiet !== true;
}
