// Small helpers for the inline SVG charts of the HTML report. Geometry may use floats (a pixel is not a figure);
// every number printed on a chart comes from a Decimal through printNumber.
import { Dec } from "../model/decimal.js";
import { printNumber } from "../model/printedNumber.js";

/** Escapes text for HTML and SVG content and attribute values. */
export const esc = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/** A coordinate with one decimal: enough for a screen, short in the file. */
export const px = (x: number): string => String(Math.round(x * 10) / 10);

export type Attrs = Record<string, string | number | undefined | null | false>;

export function attrs(a: Attrs): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined && v !== null && v !== false)
    .map(([k, v]) => ` ${k}="${esc(typeof v === "number" ? px(v) : String(v))}"`)
    .join("");
}

export const el = (name: string, a: Attrs, body?: string): string =>
  body === undefined ? `<${name}${attrs(a)}/>` : `<${name}${attrs(a)}>${body}</${name}>`;

/** A tooltip (shown on hover by every browser) and the accessible name of an SVG element. */
export const tip = (text: string): string => `<title>${esc(text)}</title>`;

/**
 * A label in at most `maxLines` lines no wider than `maxPx`: broken at a space where one fits (else between
 * characters, as CJK text allows), the last line shortened with an ellipsis only when even that is not enough.
 * The caller puts the full label in a tooltip (<title>), so nothing is lost.
 */
export function fitLabel(text: string, maxPx: number, size: number, maxLines = 2): string[] {
  if (textWidth(text, size) <= maxPx) return [text];
  const lines: string[] = [];
  let rest = [...text];
  while (rest.length && lines.length < maxLines) {
    let n = 0;
    while (n < rest.length && textWidth(rest.slice(0, n + 1).join(""), size) <= maxPx) n++;
    if (n === rest.length) {
      lines.push(rest.join(""));
      rest = [];
      break;
    }
    const space = rest.slice(0, n + 1).lastIndexOf(" ");
    const cut = space > 0 ? space + 1 : Math.max(1, n);
    lines.push(rest.slice(0, cut).join("").trimEnd());
    rest = rest.slice(cut);
  }
  if (rest.length) {
    const last = [...`${lines.pop() ?? ""} ${rest.join("")}`.trim()];
    while (last.length > 1 && textWidth(`${last.join("")}…`, size) > maxPx) last.pop();
    lines.push(`${last.join("").trimEnd()}…`);
  }
  return lines;
}

/** A label's lines as one <text> (right-aligned at x, the first baseline at y), its full text as the tooltip. */
export function labelText(full: string, lines: readonly string[], x: number, y: number, lineHeight: number): string {
  const spans = lines.map((l, i) => el("tspan", { x, ...(i ? { dy: lineHeight } : {}) }, esc(l))).join("");
  return el("text", { x, y, "text-anchor": "end", class: "label" }, `${tip(full)}${spans}`);
}

/** Roughly how wide a label is at `size` px: CJK characters count double. Only for layout. */
export function textWidth(text: string, size: number): number {
  let w = 0;
  for (const c of text)
    w +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(
        c,
      )
        ? 1
        : 0.56;
  return w * size;
}

export function svg(width: number, height: number, label: string, body: string, cls = "chart"): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" class="${esc(cls)}" viewBox="0 0 ${px(width)} ${px(height)}" width="${px(width)}" height="${px(height)}" role="img" aria-label="${esc(label)}">${tip(label)}${body}</svg>`;
}

/**
 * Round tick values covering [lo, hi] (1, 2 or 5 × a power of ten apart, about `count` of them), as Decimals so that
 * their labels print exactly; with the number of decimals to print them with.
 */
export function niceTicks(lo: Dec, hi: Dec, count = 5): { ticks: Dec[]; scale: number } {
  const span = hi.minus(lo);
  if (span.lte(0)) return { ticks: [lo], scale: Math.max(0, -lo.abs().e + 2) };
  const rough = span.div(count);
  const power = new Dec(10).pow(Math.floor(Math.log10(rough.toNumber())));
  const step = [1, 2, 5, 10].map((k) => power.times(k)).find((s) => s.gte(rough)) ?? power.times(10);
  const first = lo.div(step).ceil().times(step);
  const ticks: Dec[] = [];
  for (let v = first; v.lte(hi); v = v.plus(step)) ticks.push(v);
  return { ticks, scale: Math.max(0, -step.e) };
}

/** Powers of ten from 10^from to 10^to, printed plainly (0.01, 0.1, 1, 10, 1,000 …). */
export function decades(from: number, to: number): { value: Dec; exponent: number; text: string }[] {
  const out: { value: Dec; exponent: number; text: string }[] = [];
  for (let k = from; k <= to; k++) {
    const value = new Dec(10).pow(k);
    out.push({ value, exponent: k, text: printNumber(value, Math.max(0, -k)) });
  }
  return out;
}

/** Okabe–Ito colours: distinguishable with the common colour-vision deficiencies, and in greyscale by their labels. */
export const SERIES = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999"];
/** Text colour readable on each series colour. */
export const ON_SERIES = ["#fff", "#000", "#fff", "#000", "#000", "#fff", "#000", "#000"];
