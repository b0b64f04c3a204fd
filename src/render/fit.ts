// Text for a terminal of a given width. A table whose lines would be wider than the terminal wraps its long columns
// (labels, lists of factor ids, statuses) until it fits, and a long line of prose wraps at its spaces with a hanging
// indent; without a width (output piped or sent to a file) everything keeps the layout it has always had. Widths
// are terminal columns (CJK characters take two), measured without colour codes.
import Table from "cli-table3";
import { displayWidth } from "./displayWidth.js";
import type { Paint } from "./style.js";

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
export const stripAnsi = (s: string): string => s.replace(ANSI, "");
/** Terminal columns a (possibly coloured) line takes. */
export const visibleWidth = (s: string): number => displayWidth(stripAnsi(s));

/** The layout piped output has always had: lists broken after ", " or "; " into lines of about `width` characters, never cut. */
export function wrapList(text: string, width = 60): string {
  const lines: string[] = [];
  for (const token of text.split(/(?<=[,;]) /)) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + token.length <= width) lines[lines.length - 1] = `${last} ${token}`;
    else lines.push(token);
  }
  return lines.join("\n");
}

/** A piece wider than `width` cut between characters (escape sequences kept whole and not counted). */
function breakPiece(piece: string, width: number): string[] {
  const out: string[] = [];
  let line = "";
  let w = 0;
  for (const part of piece.split(/(\u001b\[[0-9;]*m)/)) {
    if (part.startsWith("\u001b[")) {
      line += part;
      continue;
    }
    for (const ch of part) {
      const cw = displayWidth(ch);
      if (w + cw > width && w > 0) {
        out.push(line);
        line = "";
        w = 0;
      }
      line += ch;
      w += cw;
    }
  }
  out.push(line);
  return out;
}

/**
 * Text broken into lines of at most `width` columns: at spaces ("words") or after ", " and "; " ("list"); a piece
 * that is wider than the width on its own is cut between characters (a CJK label has no spaces), nothing is dropped.
 * Existing line breaks are kept.
 */
export function wrapToWidth(text: string, width: number, mode: "words" | "list" = "words"): string[] {
  const w = Math.max(1, width);
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    // A list item too wide for a line breaks at its spaces first; only a word wider than the line is cut.
    const items = paragraph
      .split(mode === "list" ? /(?<=[,;]) / : / /)
      .flatMap((x) => (mode === "list" && visibleWidth(x) > w ? x.split(" ") : [x]));
    for (const piece of items) {
      const pieces = visibleWidth(piece) > w ? breakPiece(piece, w) : [piece];
      for (const p of pieces) {
        if (line === "") line = p;
        else if (visibleWidth(line) + 1 + visibleWidth(p) <= w) line = `${line} ${p}`;
        else {
          lines.push(line);
          line = p;
        }
      }
    }
    lines.push(line);
  }
  // Two spaces between pieces leave one at the end of a line that breaks there.
  return lines.map((l) => l.replace(/ +$/, ""));
}

/**
 * A line of prose wrapped to `width`, continuation lines indented by its own indent plus `hanging` spaces. `keep`
 * holds parts that are moved to a line of their own rather than split (a command to copy, such as the explain hint).
 */
export function wrapLine(line: string, width: number | undefined, hanging = 4, keep: readonly string[] = []): string[] {
  if (width === undefined || visibleWidth(line) <= width) return [line];
  const indent = /^ */.exec(stripAnsi(line))![0];
  const next = " ".repeat(Math.min(indent.length + hanging, Math.max(0, width - 20)));
  // Kept parts travel as one piece: their spaces become a private-use character (one column wide) while the line
  // is wrapped. The indent goes first (after any colour code that opens the line).
  const JOIN = "\ue000";
  let text = line.replace(indent, "");
  for (const k of keep) text = text.replace(k, k.replace(/ /g, JOIN));
  const first = wrapToWidth(text, width - indent.length);
  const out = [indent + first[0]!];
  const rest = first.slice(1).join(" ");
  if (rest) out.push(...wrapToWidth(rest, width - next.length).map((l) => next + l));
  return out.map((l) => l.replace(/\ue000/g, " "));
}

/** Every line of a block wrapped (see wrapLine). */
export function wrapLines(lines: readonly string[], width: number | undefined, hanging = 4): string[] {
  return width === undefined
    ? [...lines]
    : lines.flatMap((l) => l.split("\n").flatMap((x) => wrapLine(x, width, hanging)));
}

export type Wrap = "none" | "words" | "list";

/** A table cell: one or more pieces of text, each on lines of its own, each with its colour. */
export interface GridCell {
  parts: { text: string; paint?: (line: string) => string }[];
}
export const gridCell = (text: string, paint?: (line: string) => string): GridCell => ({
  parts: [{ text, ...(paint ? { paint } : {}) }],
});

export type GridRow = GridCell[] | { span: GridCell };

export interface Grid {
  head: string[];
  align: ("left" | "right")[];
  /** Per column: may it wrap, and how. List columns wrap at 60 characters even without a width, as they always have. */
  wrap: Wrap[];
  rows: GridRow[];
  /**
   * How many leading columns (the row's name: metric, unit) move onto a line of their own above the row's figures
   * when the table is wider than the terminal, before anything wraps.
   */
  stack?: number;
}

/** The table with its first `stack` columns as a line of their own (joined by " · ") above the rest of each row. */
function stacked(grid: Grid, p: Paint): Grid {
  const k = grid.stack ?? 0;
  const rows: GridRow[] = [];
  for (const row of grid.rows) {
    if (!Array.isArray(row)) rows.push(row);
    else {
      const name = row
        .slice(0, k)
        .map((c) => c.parts.map((x) => x.text).join(" "))
        .filter((x) => x !== "")
        .join(" · ");
      if (name) rows.push({ span: gridCell(name, p.bold) });
      rows.push(row.slice(k));
    }
  }
  return { head: grid.head.slice(k), align: grid.align.slice(k), wrap: grid.wrap.slice(k), rows };
}

const widest = (lines: readonly string[]) => Math.max(0, ...lines.map(visibleWidth));

/** How wide the table is when nothing wraps (lists at 60 characters, as without a width). */
function naturalWidth(grid: Grid): number {
  const rows = grid.rows.filter((r): r is GridCell[] => Array.isArray(r));
  const cellWidth = (c: GridCell | undefined, i: number) =>
    widest((c?.parts ?? []).flatMap((x) => (grid.wrap[i] === "list" ? wrapList(x.text) : x.text).split("\n")));
  return (
    frame(grid.head.length) +
    grid.head.reduce((sum, h, i) => sum + Math.max(visibleWidth(h), ...rows.map((r) => cellWidth(r[i], i))), 0)
  );
}
const longestWord = (text: string) => Math.max(0, ...text.split(/[ \n]/).map(visibleWidth));

/** cli-table3's borders and padding: "│ a │ b │" takes 1 + 3 per column besides the contents. */
const frame = (columns: number) => 1 + 3 * columns;

/**
 * Column widths that fit `width`, or null when the table fits as it is. A column that does not wrap keeps `fixed`;
 * the wrapping ones get at least their longest word (`words`) when there is room for that — so words are not cut —
 * and share the rest up to their natural width. When even the words do not fit, they shrink in proportion, and
 * words are cut.
 */
function fitWidths(
  natural: number[],
  fixed: number[],
  words: number[],
  wrap: readonly Wrap[],
  width: number,
): number[] | null {
  const total = frame(natural.length) + natural.reduce((a, b) => a + b, 0);
  if (total <= width) return null;
  const widths = natural.map((_, i) => (wrap[i] === "none" ? fixed[i]! : 0));
  const flexible = natural.map((_, i) => i).filter((i) => wrap[i] !== "none");
  let budget = width - frame(natural.length) - widths.reduce((a, b) => a + b, 0);
  // Each keeps its longest word if it can; when not all can, the short words (a status) are kept whole and the long
  // ones (a list of factor ids) share what is left.
  const floor = (i: number) => Math.max(1, Math.min(natural[i]!, words[i]!));
  [...flexible]
    .sort((a, b) => floor(a) - floor(b))
    .forEach((i, k, all) => {
      widths[i] = Math.max(1, Math.min(floor(i), Math.floor(Math.max(budget, 0) / (all.length - k))));
      budget -= widths[i]!;
    });
  // What is left goes to the columns still short of their natural width, the least short first, in equal shares.
  const short = flexible
    .filter((i) => widths[i]! < natural[i]!)
    .sort((a, b) => natural[a]! - widths[a]! - (natural[b]! - widths[b]!));
  short.forEach((i, k) => {
    const more = Math.min(natural[i]! - widths[i]!, Math.floor(Math.max(budget, 0) / (short.length - k)));
    widths[i]! += more;
    budget -= more;
  });
  return widths;
}

/**
 * The table as cli-table3 draws it. With a `width` it must fit, it first moves the row names onto lines of their own
 * (`stack`), then wraps its wrapping columns.
 */
export function renderGrid(wide: Grid, p: Paint, width?: number): string {
  const grid = width !== undefined && wide.stack && naturalWidth(wide) > width ? stacked(wide, p) : wide;
  const n = grid.head.length;
  // The layout without a width: lists at 60 characters, everything else on one line.
  const layout = (cell: GridCell, i: number, w?: number) =>
    cell.parts.flatMap((part) => {
      const lines =
        w !== undefined && grid.wrap[i] !== "none"
          ? wrapToWidth(part.text, w, grid.wrap[i] === "list" ? "list" : "words")
          : (grid.wrap[i] === "list" ? wrapList(part.text) : part.text).split("\n");
      return lines.map((l) => ({ l, paint: part.paint }));
    });
  const cells = grid.rows.filter((r): r is GridCell[] => Array.isArray(r));
  const natural = grid.head.map((h, i) =>
    Math.max(visibleWidth(h), ...cells.map((r) => widest(layout(r[i] ?? gridCell(""), i).map((x) => x.l)))),
  );
  // A column that does not wrap keeps its widest cell; its header may still break at a space.
  const fixed = grid.head.map((h, i) =>
    Math.max(longestWord(h), ...cells.map((r) => widest(layout(r[i] ?? gridCell(""), i).map((x) => x.l)))),
  );
  const words = grid.head.map((h, i) =>
    Math.max(longestWord(h), ...cells.map((r) => Math.max(0, ...(r[i]?.parts ?? []).map((x) => longestWord(x.text))))),
  );
  const widths = width === undefined ? null : fitWidths(natural, fixed, words, grid.wrap, width);
  const text = (cell: GridCell, i: number) =>
    layout(cell, i, widths?.[i])
      .map(({ l, paint }) => (paint ? paint(l) : l))
      .join("\n");
  const head = grid.head.map((h, i) => (widths ? wrapToWidth(h, widths[i]!) : [h]).map((l) => p.bold(l)).join("\n"));
  const table = new Table({ head, colAligns: grid.align, style: { head: [], border: [], compact: true } });
  const spanWidth = widths ? widths.reduce((a, b) => a + b, 0) + 3 * (n - 1) : undefined;
  for (const row of grid.rows) {
    if (Array.isArray(row)) table.push(row.map((c, i) => text(c, i)));
    else {
      const lines = row.span.parts.flatMap((part) =>
        (spanWidth !== undefined ? wrapToWidth(part.text, spanWidth) : [part.text]).map((l) =>
          part.paint ? part.paint(l) : l,
        ),
      );
      table.push([{ colSpan: n, content: lines.join("\n"), hAlign: "left" }]);
    }
  }
  return table.toString();
}
