// Colour is a rendering choice made once by the CLI (TTY, NO_COLOR, TERM=dumb, --no-color) and passed in.
import { Chalk, type ChalkInstance } from "chalk";
import type { Status } from "../findings/finding.js";

export type Paint = ChalkInstance;

export const paint = (level: 0 | 1 | 2 | 3): Paint => new Chalk({ level });

export const STATUS_MARK: Record<Status, string> = {
  match: "✓",
  rounding: "~",
  mismatch: "✗",
  missing: "?",
  omitted: "!",
  "within-materiality": "≈",
  material: "✗",
  incomplete: "!",
};

/** The colour of a status, for text that is wrapped onto several lines (each painted on its own). */
export function statusPaint(p: Paint, status: Status): (text: string) => string {
  switch (status) {
    case "match":
      return p.green;
    case "rounding":
    case "within-materiality":
      return p.yellow;
    case "mismatch":
    case "material":
      return p.red.bold;
    default:
      return p.magenta.bold;
  }
}

export function paintStatus(p: Paint, status: Status, text: string): string {
  return statusPaint(p, status)(`${STATUS_MARK[status]} ${text}`);
}
