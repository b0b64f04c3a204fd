// Colour is a rendering choice made once by the CLI (TTY, NO_COLOR, TERM=dumb, --no-color) and passed in.
import { Chalk, type ChalkInstance } from "chalk";
import type { Status } from "../findings/finding.js";

export type Paint = ChalkInstance;

export const paint = (level: 0 | 1 | 2 | 3): Paint => new Chalk({ level });

export const STATUS_MARK: Record<Status, string> = { match: "✓", rounding: "~", mismatch: "✗", missing: "?", omitted: "!", "within-materiality": "≈", material: "✗", incomplete: "!" };

export function paintStatus(p: Paint, status: Status, text: string): string {
  const s = `${STATUS_MARK[status]} ${text}`;
  switch (status) {
    case "match": return p.green(s);
    case "rounding":
    case "within-materiality": return p.yellow(s);
    case "mismatch":
    case "material": return p.red.bold(s);
    default: return p.magenta.bold(s);
  }
}
