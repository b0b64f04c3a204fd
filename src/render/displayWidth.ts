// How many terminal columns a text takes: CJK and other East Asian wide characters two, combining marks and format
// characters none, everything else one (the table in characterWidths.ts). Error carets are placed by it.
import { WIDE, ZERO_WIDTH } from "./characterWidths.js";

function inRanges(ranges: readonly (readonly [number, number])[], cp: number): boolean {
  let lo = 0,
    hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = ranges[mid]!;
    if (cp < a) hi = mid - 1;
    else if (cp > b) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Columns one character (code point) takes; control characters are never measured (see visibleText). */
export function charWidth(ch: string): 0 | 1 | 2 {
  const cp = ch.codePointAt(0)!;
  if (cp < 0x300) return 1;
  if (inRanges(WIDE, cp)) return 2;
  return inRanges(ZERO_WIDTH, cp) ? 0 : 1;
}

export function displayWidth(text: string): number {
  let n = 0;
  for (const ch of text) n += charWidth(ch);
  return n;
}

/**
 * Control characters (which could move a terminal's cursor or recolour it, from a hostile file) as their visible
 * Control Pictures (␛ for ESC), one for one so that columns still count the same; a tab stays a tab.
 */
export function visibleText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 ? String.fromCharCode(0x2400 + code) : code === 0x7f ? "\u2421" : "\ufffd";
  });
}
