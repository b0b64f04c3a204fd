// The charts of the HTML report, as inline SVG built from the check result: each reporting unit's share of every
// total, each discrepancy against its rounding tolerance, each recalculation against the materiality threshold, and
// the factors each unit's figures imply against the library's. Pure: the result in, SVG text out (or null when a
// chart would be empty). Figures printed on a chart come from Decimals via printNumber; floats only place pixels.
import { kindOf } from "../model/metricKinds.js";
import { allColumns, publishedRows } from "../model/columns.js";
import { lookup, naturalScale } from "../compute/recompute.js";
import type { ImpliedFactor } from "../compute/implied.js";
import { Dec, ZERO } from "../model/decimal.js";
import { printNumber } from "../model/printedNumber.js";
import { inUnit } from "../model/units.js";
import { metricById } from "../model/catalogue.js";
import { isCellFinding, type Finding, type Status } from "../findings/finding.js";
import type { CheckResult } from "../findings/checkResult.js";
import { displayUnit } from "./analysis.js";
import { columnLabel, metricLabel, nodeLabel, signed, t, unitLabel, type RenderContext } from "./labels.js";
import { STATUS_MARK } from "./style.js";
import { decades, el, esc, fitLabel, labelText, niceTicks, ON_SERIES, SERIES, svg, textWidth, tip } from "./svg.js";

/** Status colours, shared with the report's stylesheet. */
export const STATUS_COLOR: Record<Status, string> = {
  match: "#1a7f37",
  rounding: "#b08800",
  "within-materiality": "#b08800",
  mismatch: "#cf222e",
  material: "#cf222e",
  missing: "#8250df",
  omitted: "#8250df",
  incomplete: "#8250df",
};

export interface Chart {
  id: string;
  title: string;
  note: string;
  svg: string;
}

const FONT = 12;
const LINE_H = 14;
/** Rows are 24 px high, or tall enough for two lines when a label needs them (see fitLabel). */
const rowHeight = (fitted: string[][]) => (fitted.some((l) => l.length > 1) ? 24 + LINE_H : 24);
/** The first line's baseline, so that the label's lines sit around the row's middle. */
const firstBaseline = (y: number, rowH: number, lines: number) => y + rowH / 2 + 3 - ((lines - 1) * LINE_H) / 2;
const arithmetic = isCellFinding;

/** Reporting units (tree leaves) in the order the published table shows them, then any the table does not show. */
function leavesInOrder(result: CheckResult): string[] {
  const { tree } = result.dataset;
  const columns = allColumns(result.dataset);
  const isLeaf = (id: string) => tree.nodes.get(id)?.children.length === 0;
  const shown = [...new Set(columns.map((c) => c.node).filter(isLeaf))];
  return [...shown, ...[...tree.nodes.keys()].filter((id) => isLeaf(id) && !shown.includes(id))];
}

// ── 1. Shares ──────────────────────────────────────────────────────────────────────────────────────────────────

export function sharesChart(result: CheckResult, ctx: RenderContext): Chart | null {
  const { dataset, table } = result;
  const leaves = leavesInOrder(result);
  const root = dataset.tree.root;
  const metrics = [...new Set(publishedRows(dataset).map((r) => r.metric))].filter((m) => {
    const x = metricById(dataset.catalogue, m);
    return x !== undefined && kindOf(x).summed;
  });
  const rows = metrics.flatMap((metric) => {
    const total = lookup(table, root, metric);
    if (!total || total.value.lte(0)) return [];
    const parts = leaves.map((leaf) => {
      const r = lookup(table, leaf, metric);
      return { leaf, value: r?.value ?? ZERO, scale: r ? naturalScale(r) : 0 };
    });
    if (parts.some((p) => p.value.lt(0))) return []; // shares of a total with negative parts are not shares
    const sum = parts.reduce((s, p) => s.plus(p.value), ZERO);
    if (sum.isZero()) return [];
    return [
      {
        metric,
        total,
        sum,
        parts: parts.map((p) => ({ ...p, share: p.value.div(sum) })),
        totalText: `${printNumber(total.value, naturalScale(total))} ${unitLabel(dataset, metric, result.denominator?.unit, ctx.lang)}`,
      },
    ];
  });
  if (rows.length === 0 || leaves.length === 0) return null;

  const labels = rows.map((r) => metricLabel(dataset, r.metric, ctx.lang));
  const labelW = Math.min(300, Math.max(...labels.map((l) => textWidth(l, FONT))) + 12);
  const fitted = labels.map((l) => fitLabel(l, labelW - 12, FONT));
  const barW = 520;
  const totalW = Math.max(...rows.map((r) => textWidth(r.totalText, FONT))) + 16;
  const rowH = rowHeight(fitted);
  const legendH = 30;
  const width = labelW + barW + totalW;
  const height = legendH + rows.length * rowH + 8;

  const legend: string[] = [];
  let lx = labelW;
  leaves.forEach((leaf, i) => {
    const name = nodeLabel(result.dataset, leaf, ctx.lang);
    legend.push(
      el("rect", { x: lx, y: 8, width: 12, height: 12, fill: SERIES[i % SERIES.length], class: "series" }),
      el("text", { x: lx + 16, y: 18 }, esc(name)),
    );
    lx += 16 + textWidth(name, FONT) + 18;
  });

  const body: string[] = [`<g class="legend">${legend.join("")}</g>`];
  rows.forEach((r, ri) => {
    const y = legendH + ri * rowH;
    const label = labels[ri]!;
    body.push(labelText(label, fitted[ri]!, labelW - 8, firstBaseline(y, rowH, fitted[ri]!.length), LINE_H));
    let x = labelW;
    r.parts.forEach((p, i) => {
      if (p.value.isZero()) return;
      const w = p.share.toNumber() * barW;
      const pct = `${printNumber(p.share.times(100), 1)}%`;
      const name = nodeLabel(result.dataset, p.leaf, ctx.lang);
      const text =
        w > textWidth(pct, 11) + 6
          ? el(
              "text",
              {
                x: x + w / 2,
                y: y + rowH / 2 + 3,
                "text-anchor": "middle",
                fill: ON_SERIES[i % ON_SERIES.length],
                "font-size": 11,
              },
              esc(pct),
            )
          : "";
      body.push(
        `<g class="segment">${el("rect", { x, y: y + 3, width: Math.max(w, 0.5), height: rowH - 6, fill: SERIES[i % SERIES.length] }, tip(`${label} · ${name}: ${pct} (${printNumber(p.value, p.scale)} / ${r.totalText})`))}${text}</g>`,
      );
      x += w;
    });
    body.push(el("text", { x: labelW + barW + 8, y: y + rowH / 2 + 3 }, esc(r.totalText)));
  });
  return {
    id: "chart-shares",
    title: t(ctx, "chart.shares"),
    note: t(ctx, "chart.sharesNote"),
    svg: svg(width, height, t(ctx, "chart.shares"), body.join("")),
  };
}

// ── 2. Discrepancy against tolerance ───────────────────────────────────────────────────────────────────────────

/**
 * How many rounding tolerances a published figure is away from the recomputed value: |recomputed − published| ÷
 * (half the published interval + half the recomputed interval). At or below 1 the two intervals can overlap.
 */
export function toleranceRatio(f: Finding): Dec | null {
  if (!f.publishedNumber || !f.recomputedExact || !f.publishedInterval || !f.recomputedInterval) return null;
  const tolerance = f.publishedInterval.hi
    .minus(f.publishedInterval.lo)
    .plus(f.recomputedInterval.hi.minus(f.recomputedInterval.lo))
    .div(2);
  if (tolerance.lte(0)) return null;
  return f.recomputedExact.minus(f.publishedNumber.value).abs().div(tolerance);
}

const ratioText = (r: Dec) => `×${printNumber(r, r.lt(10) ? 2 : r.lt(100) ? 1 : 0)}`;

export function toleranceChart(result: CheckResult, ctx: RenderContext, anchor: (f: Finding) => string): Chart | null {
  const { dataset } = result;
  const items = result.findings
    .filter((f) => arithmetic(f) && f.status !== "match")
    .map((f) => ({ f, ratio: toleranceRatio(f) }))
    .filter((x): x is { f: Finding; ratio: Dec } => x.ratio !== null && x.ratio.gt(0));
  if (items.length === 0) return null;
  const labels = items.map(
    ({ f }) => `${metricLabel(dataset, f.metric, ctx.lang)} · ${columnLabel(dataset, f.column, ctx.lang)}`,
  );
  const logs = items.map((x) => Math.log10(x.ratio.toNumber()));
  const from = Math.min(-1, Math.floor(Math.min(...logs)));
  const to = Math.max(1, Math.ceil(Math.max(...logs)));
  const labelW = Math.min(340, Math.max(...labels.map((l) => textWidth(l, FONT))) + 12);
  const fitted = labels.map((l) => fitLabel(l, labelW - 12, FONT));
  const plotW = 480;
  const rowH = rowHeight(fitted);
  const top = 26;
  const width = labelW + plotW + 90;
  const height = top + items.length * rowH + 28;
  const x = (log: number) => labelW + ((log - from) / (to - from)) * plotW;

  const body: string[] = [];
  for (const d of decades(from, to)) {
    body.push(
      el("line", { x1: x(d.exponent), x2: x(d.exponent), y1: top - 4, y2: height - 24, class: "grid" }),
      el("text", { x: x(d.exponent), y: height - 8, "text-anchor": "middle", class: "tick" }, esc(d.text)),
    );
  }
  items.forEach(({ f, ratio }, i) => {
    const y = top + i * rowH;
    const label = labels[i]!;
    const end = x(Math.log10(ratio.toNumber()));
    body.push(
      `<a href="#${esc(anchor(f))}">${labelText(label, fitted[i]!, labelW - 8, firstBaseline(y, rowH, fitted[i]!.length), LINE_H)}</a>`,
      el(
        "rect",
        {
          x: labelW,
          y: y + 4,
          width: Math.max(1, end - labelW),
          height: rowH - 8,
          fill: STATUS_COLOR[f.status],
          class: `bar s-${f.status}`,
        },
        tip(`${label}: ${STATUS_MARK[f.status]} ${t(ctx, `status.${f.status}`)}, ${ratioText(ratio)}`),
      ),
      el("text", { x: end + 6, y: y + rowH / 2 + 3 }, esc(`${STATUS_MARK[f.status]} ${ratioText(ratio)}`)),
    );
  });
  // The line at 1: what rounding alone can explain.
  body.push(
    el("line", { x1: x(0), x2: x(0), y1: top - 10, y2: height - 24, class: "threshold" }),
    el("text", { x: x(0) + 4, y: top - 12, class: "threshold-label" }, esc(t(ctx, "chart.toleranceLine"))),
  );
  return {
    id: "chart-tolerance",
    title: t(ctx, "chart.tolerance"),
    note: t(ctx, "chart.toleranceNote"),
    svg: svg(width, height, t(ctx, "chart.tolerance"), body.join("")),
  };
}

// ── 3. Recalculations against materiality ─────────────────────────────────────────────────────────────────────

export function materialityChart(
  result: CheckResult,
  ctx: RenderContext,
  anchor: (f: Finding) => string,
): Chart | null {
  const { dataset, plan } = result;
  if (!plan) return null;
  const items = result.findings
    .filter((f) => f.kind === "recalculation" && f.relativeDifference)
    .map((f) => ({ f, rel: f.relativeDifference! }));
  if (items.length === 0) return null;
  const m = plan.materiality;
  const reach = Dec.max(m.times(2), ...items.map((x) => x.rel.abs())).times(1.1);
  const { ticks } = niceTicks(reach.neg(), reach, 6);
  const lo = Dec.min(reach.neg(), ticks[0] ?? reach.neg());
  const hi = Dec.max(reach, ticks.at(-1) ?? reach);
  const labels = items.map(
    ({ f }) => `${metricLabel(dataset, f.metric, ctx.lang)} · ${columnLabel(dataset, f.column, ctx.lang)}`,
  );
  const labelW = Math.min(340, Math.max(...labels.map((l) => textWidth(l, FONT))) + 12);
  const fitted = labels.map((l) => fitLabel(l, labelW - 12, FONT));
  const plotW = 480;
  const gap = 76; // room for a bar's value label on either side of the plot
  const rowH = rowHeight(fitted);
  const top = 26;
  const width = labelW + gap + plotW + gap;
  const height = top + items.length * rowH + 28;
  const x = (v: Dec) => labelW + gap + v.minus(lo).div(hi.minus(lo)).toNumber() * plotW;

  const tickScale = Math.max(0, -ticks.reduce((e, v) => (v.isZero() ? e : Math.min(e, v.times(100).e)), 2));
  const body: string[] = [
    el(
      "rect",
      { x: x(m.neg()), y: top - 4, width: x(m) - x(m.neg()), height: height - top - 20, class: "band" },
      tip(`${t(ctx, "chart.materialityBand")}: ±${printNumber(m.times(100), 1)}%`),
    ),
    el(
      "text",
      { x: x(m.neg()) + 3, y: top - 8, class: "threshold-label" },
      esc(`±${printNumber(m.times(100), 1)}% ${t(ctx, "chart.materialityBand")}`),
    ),
  ];
  for (const v of ticks)
    body.push(
      el("line", { x1: x(v), x2: x(v), y1: top - 4, y2: height - 24, class: v.isZero() ? "axis" : "grid" }),
      el(
        "text",
        { x: x(v), y: height - 8, "text-anchor": "middle", class: "tick" },
        esc(`${signed(v.times(100), tickScale)}%`),
      ),
    );
  items.forEach(({ f, rel }, i) => {
    const y = top + i * rowH;
    const label = labels[i]!;
    const a = x(ZERO);
    const b = x(rel);
    const relText = `${signed(rel.times(100), 1)}%`;
    body.push(
      `<a href="#${esc(anchor(f))}">${labelText(label, fitted[i]!, labelW - 8, firstBaseline(y, rowH, fitted[i]!.length), LINE_H)}</a>`,
      el(
        "rect",
        {
          x: Math.min(a, b),
          y: y + 4,
          width: Math.max(1, Math.abs(b - a)),
          height: rowH - 8,
          fill: STATUS_COLOR[f.status],
          class: `bar s-${f.status}`,
        },
        tip(`${label}: ${STATUS_MARK[f.status]} ${t(ctx, `status.${f.status}`)}, ${relText}`),
      ),
      el(
        "text",
        { x: rel.gte(0) ? b + 5 : b - 5, y: y + rowH / 2 + 3, "text-anchor": rel.gte(0) ? "start" : "end" },
        esc(`${STATUS_MARK[f.status]} ${relText}`),
      ),
    );
  });
  return {
    id: "chart-materiality",
    title: t(ctx, "chart.materiality"),
    note: t(ctx, "chart.materialityNote"),
    svg: svg(width, height, t(ctx, "chart.materiality"), body.join("")),
  };
}

// ── 4. Implied factors against the library ────────────────────────────────────────────────────────────────────

const CANDIDATES_SHOWN = 5;

function impliedPanel(
  result: CheckResult,
  ctx: RenderContext,
  group: ImpliedFactor[],
): { svg: string; legend: string[] } | null {
  const { dataset } = result;
  const first = group[0]!;
  const unit = displayUnit(result, first);
  const k = (x: Dec) => inUnit(dataset.catalogue, x, unit) ?? x;
  const shownUnit = inUnit(dataset.catalogue, new Dec(1), unit) ? unit : first.unit;
  const rows = group.filter((i) => i.value && i.interval);
  if (rows.length === 0) return null;
  // The library factors worth showing: every one consistent with some unit, then the nearest others.
  const byId = new Map<
    string,
    { id: string; value: Dec; lo: Dec; hi: Dec; ranged: boolean; text: string; consistentWith: string[]; distance: Dec }
  >();
  for (const i of rows) {
    for (const c of i.candidates) {
      const f = c.factor;
      const text = f
        ? f.range
          ? `${f.range.low.text}–${f.range.high.text} ${f.unit}`
          : `${f.value.text} ${f.unit}`
        : `${t(ctx, "chart.method")}: ${printNumber(k(c.baseValue), Math.max(0, -k(c.baseValue).e + 4))} ${shownUnit}`;
      const entry = byId.get(c.id) ?? {
        id: c.id,
        value: k(c.baseValue),
        lo: k(c.base.lo),
        hi: k(c.base.hi),
        ranged: c.base.hi.gt(c.base.lo),
        text,
        consistentWith: [],
        distance: c.relative.abs(),
      };
      if (c.consistent) entry.consistentWith.push(columnLabel(dataset, i.facility, ctx.lang));
      entry.distance = Dec.min(entry.distance, c.relative.abs());
      byId.set(c.id, entry);
    }
  }
  const candidates = [...byId.values()]
    .sort((a, b) => b.consistentWith.length - a.consistentWith.length || a.distance.comparedTo(b.distance))
    .slice(0, CANDIDATES_SHOWN);
  // The axis spans the units' intervals and the candidates' values; a candidate's range (e.g. 1.10–1.33 kgce/m³,
  // a fifth of the axis) is drawn clipped to it rather than squeezing every unit into a few pixels.
  const values = [...rows.flatMap((i) => [k(i.interval!.lo), k(i.interval!.hi)]), ...candidates.map((c) => c.value)];
  let lo = Dec.min(...values);
  let hi = Dec.max(...values);
  const pad = hi.minus(lo).isZero() ? hi.abs().times(0.05).plus(new Dec("1e-9")) : hi.minus(lo).times(0.08);
  lo = lo.minus(pad);
  hi = hi.plus(pad);
  const { ticks, scale } = niceTicks(lo, hi, 5);

  const labels = rows.map((i) => columnLabel(dataset, i.facility, ctx.lang));
  const labelW = Math.max(120, Math.max(...labels.map((l) => textWidth(l, FONT))) + 12);
  const plotW = 520;
  const rowH = 26;
  const top = 58;
  const width = labelW + plotW + 30;
  const height = top + rows.length * rowH + 30;
  const x = (v: Dec) => labelW + v.minus(lo).div(hi.minus(lo)).toNumber() * plotW;

  const body: string[] = [];
  for (const v of ticks)
    body.push(
      el("line", { x1: x(v), x2: x(v), y1: top - 6, y2: height - 26, class: "grid" }),
      el("text", { x: x(v), y: height - 10, "text-anchor": "middle", class: "tick" }, esc(printNumber(v, scale))),
    );
  const legend: string[] = [];
  candidates.forEach((c, n) => {
    const mark = String(n + 1);
    const title = `${mark}: ${c.id} = ${c.text}`;
    const clip = (v: Dec) => Math.min(labelW + plotW, Math.max(labelW, x(v)));
    if (c.ranged)
      body.push(
        el(
          "rect",
          {
            x: clip(c.lo),
            y: top - 6,
            width: Math.max(1, clip(c.hi) - clip(c.lo)),
            height: height - top - 20,
            class: "library-range",
          },
          tip(title),
        ),
      );
    body.push(
      el("line", { x1: x(c.value), x2: x(c.value), y1: top - 6, y2: height - 26, class: "library" }, tip(title)),
    );
    body.push(
      el(
        "text",
        { x: x(c.value), y: top - 10 - (n % 3) * 11, "text-anchor": "middle", class: "library-label" },
        `${tip(title)}${esc(mark)}`,
      ),
    );
    legend.push(
      `<li><b>${esc(mark)}</b> ${esc(c.id)} — ${esc(c.text)}${c.consistentWith.length ? ` · ${esc(t(ctx, "consistentWith"))} ${esc(c.consistentWith.join(", "))}` : ""}</li>`,
    );
  });
  rows.forEach((i, r) => {
    const y = top + r * rowH;
    const label = labels[r]!;
    const iv = i.interval!;
    const value = k(i.value!);
    const sc = Math.max(0, -value.e + 4);
    const text = `${label}: ${printNumber(value, sc)} ${shownUnit} [${printNumber(k(iv.lo), sc)}, ${printNumber(k(iv.hi), sc)}]${i.differsFrom.length ? ` — ${t(ctx, "analysis.implied.differs")} ${i.differsFrom.map((d) => columnLabel(dataset, d, ctx.lang)).join(", ")}` : ""}`;
    const consistent = i.candidates.some((c) => c.consistent);
    body.push(
      el("text", { x: labelW - 8, y: y + 16, "text-anchor": "end" }, esc(label)),
      `<g class="implied ${consistent ? "consistent" : "inconsistent"}">${tip(text)}${el("rect", { x: x(k(iv.lo)), y: y + 7, width: Math.max(2, x(k(iv.hi)) - x(k(iv.lo))), height: 12 })}${el("circle", { cx: x(value), cy: y + 13, r: 4 })}</g>`,
    );
  });
  const what =
    first.kind === "grid"
      ? t(ctx, "chart.impliedGrid")
      : first.kind === "ncv"
        ? `${t(ctx, "chart.impliedNcv")}: ${first.activity}`
        : `${t(ctx, "chart.impliedCombustion")}: ${first.activity}`;
  const title = `${what} (${shownUnit})`;
  body.unshift(el("text", { x: 0, y: 12, class: "panel-title" }, esc(title)));
  return { svg: svg(width, height, title, body.join(""), "chart implied-panel"), legend };
}

export function impliedChart(result: CheckResult, ctx: RenderContext): Chart | null {
  const groups = new Map<string, ImpliedFactor[]>();
  for (const i of result.implied) {
    if (!i.value || !i.interval) continue;
    const key = `${i.kind}.${i.activity}`;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  }
  const panels = [...groups.values()]
    .map((g) => impliedPanel(result, ctx, g))
    .filter((p): p is NonNullable<typeof p> => p !== null);
  if (panels.length === 0) return null;
  const html = panels
    .map((p) => `<div class="panel">${p.svg}<ul class="library-legend">${p.legend.join("")}</ul></div>`)
    .join("");
  return { id: "chart-implied", title: t(ctx, "chart.implied"), note: t(ctx, "chart.impliedNote"), svg: html };
}
