// What the streaming reader needs to know to read an activity file on its own: which texts name a leaf, a
// period (or month), a metric and a unit, decided by the same rules as the reference reader (activity.ts).
// Anything these functions turn down (-1, null) sends the file to the reference reader, which reports it.
import { isRead } from "./metricKinds.js";
import type { CsvTable, ScannedActivity, ScanPlan, ScanTables } from "./source.js";
import { ACTIVITY_OPTIONAL, ACTIVITY_REQUIRED } from "./activity.js";
import { foldLabel } from "./fold.js";
import { activityValueOf, inMetricUnit, type UnitSum } from "./leafSums.js";
import { resolvePeriod, type PeriodRange } from "./periods.js";
import { CANONICAL, printNumber, type NumberFormat } from "./printedNumber.js";
import { scanNumbers } from "./numberReading.js";
import type { ActivityValue, BaseMetric, Catalogue, CompactActivity, ReportingTree } from "./types.js";
import { conversionFactor, unitById } from "./units.js";

const KNOWN: readonly string[] = [...ACTIVITY_REQUIRED, ...ACTIVITY_OPTIONAL];

export function scanTables(
  tree: ReportingTree,
  catalogue: Catalogue,
  periods: readonly PeriodRange[],
  file: string,
  additive: boolean,
  format: NumberFormat = CANONICAL,
): ScanTables {
  const kind = file
    .replace(/^.*[\\/]/, "")
    .replace(/\.csv$/i, "")
    .toLowerCase();
  const checksFile = ["energy", "emissions", "water", "waste"].includes(kind);
  const metrics = catalogue.metrics;
  return {
    leafIds: [...tree.nodes.values()].filter((n) => n.children.length === 0).map((n) => n.id),
    periods: periods.map((p) => ({ label: p.label, start: p.start, end: p.end })),
    metricIds: metrics.map((m) => m.id),
    allowed: metrics.map((m) => isRead(m) && (!checksFile || m.file === kind)),
    nonNegative: metrics.map((m) => (m.nonNegative ? 1 : 0)),
    unitSpellings: catalogue.units.map((u) => [...u.spellings]),
    convertible: metrics.map((m) => {
      const target = isRead(m) ? unitById(catalogue, m.unit) : undefined;
      return catalogue.units.map((u) => target !== undefined && conversionFactor(u, target) !== null);
    }),
    radicals: { ...catalogue.radicals },
    additive,
    numbers: scanNumbers(format),
  };
}

/** The rules of activity.ts over the tables: the same answers for the same texts. */
export function planFromTables(t: ScanTables): ScanPlan {
  // Built when a text is not exactly a leaf id (the streaming reader knows the ids themselves: Interner.seed).
  let leafIndex: Map<string, number> | undefined;
  const metricIndex = new Map(t.metricIds.map((id, i) => [id, i]));
  return {
    leaves: t.leafIds.length,
    leafIds: t.leafIds,
    periods: t.periods.length,
    metrics: t.metricIds.length,
    additive: t.additive,
    numbers: t.numbers,
    nonNegative: Uint8Array.from(t.nonNegative),
    columns(header) {
      const names = header.map((h) => h.trim().toLowerCase());
      // A note is kept with a single row's value: leave such files to the reference reader.
      if (names.some((n) => !KNOWN.includes(n) || n === "note") || new Set(names).size !== names.length) return null;
      const at = (n: string) => names.indexOf(n);
      if (ACTIVITY_REQUIRED.some((n) => at(n) < 0)) return null;
      return {
        facility: at("facility"),
        period: at("period"),
        metric: at("metric"),
        value: at("value"),
        unit: at("unit"),
        count: names.length,
      };
    },
    facility: (text) => (leafIndex ??= new Map(t.leafIds.map((id, i) => [id, i]))).get(text.trim()) ?? -1,
    period(text) {
      const p = resolvePeriod(text, t.periods);
      return "error" in p ? -1 : p.period * 32 + p.slot;
    },
    metric(text) {
      const m = metricIndex.get(text.trim());
      return m !== undefined && t.allowed[m] ? m : -1;
    },
    unit(text, metric) {
      // unitBySpelling's rule: the folded text is one of a unit's spellings (the first unit that has it).
      const folded = foldLabel(text.trim(), t.radicals, { keepCase: true });
      const u = t.unitSpellings.findIndex((sp) => sp.includes(folded));
      return u >= 0 && t.convertible[metric]![u] ? u : -1;
    },
  };
}

export function scanPlan(
  tree: ReportingTree,
  catalogue: Catalogue,
  periods: readonly PeriodRange[],
  file: string,
  additive: boolean,
  format: NumberFormat = CANONICAL,
): { plan: ScanPlan; leafIds: string[]; tables: ScanTables } {
  const tables = scanTables(tree, catalogue, periods, file, additive, format);
  return { plan: planFromTables(tables), leafIds: tables.leafIds, tables };
}

export function compactActivity(
  scans: CompactActivity["scans"],
  leafIds: readonly string[],
  catalogue: Catalogue,
  periods: readonly PeriodRange[],
): CompactActivity {
  // (Filled in a loop: a pair array per site to build it from would be 200,000 arrays of garbage.)
  const leafIndex = new Map<string, number>();
  leafIds.forEach((id, i) => leafIndex.set(id, i));
  // Periods seen, marked per period index (16 bits) and listed in order of first appearance, as a Set filled slot by slot.
  const periodsWithData = new Set<number>();
  const marked = new Uint8Array(1 << 16);
  let count = 0,
    rows = 0;
  for (const { scan } of scans) {
    count += scan.slots;
    rows += scan.rows;
    for (let s = 0; s < scan.slots; s++) {
      const p = scan.period[s]!;
      if (marked[p]) continue;
      marked[p] = 1;
      periodsWithData.add(p);
    }
  }
  // leaf → its slots, built on first use: a chain through each file's slots.
  let chains: { first: Int32Array; next: Int32Array }[] | null = null;
  const index = () =>
    (chains ??= scans.map(({ scan }) => {
      const first = new Int32Array(leafIds.length).fill(-1);
      const next = new Int32Array(scan.slots).fill(-1);
      for (let s = scan.slots - 1; s >= 0; s--) {
        next[s] = first[scan.leaf[s]!]!;
        first[scan.leaf[s]!] = s;
      }
      return { first, next };
    }));
  const metricUnitOf = (scan: ScannedActivity, s: number) =>
    unitById(catalogue, (catalogue.metrics[scan.metric[s]!] as BaseMetric).unit)!;
  /** The slot of a site's period and metric, in whichever file has it. */
  const locate = (leaf: string, period: string, metric: string) => {
    const i = leafIndex.get(leaf);
    const p = periods.findIndex((x) => x.label === period);
    const m = catalogue.metrics.findIndex((x) => x.id === metric);
    if (i === undefined) return undefined;
    const c = index();
    for (let f = 0; f < scans.length; f++) {
      const { scan, file } = scans[f]!;
      for (let s = c[f]!.first[i]!; s >= 0; s = c[f]!.next[s]!)
        if (scan.period[s] === p && scan.metric[s] === m) return { scan, s, file };
    }
    return undefined;
  };
  return {
    scans,
    leafIds,
    leafIndex,
    count,
    rows,
    periodsWithData,
    valueOf(leaf, period, metric) {
      const at = locate(leaf, period, metric);
      return at && slotValue(at.scan, at.s, leafIds, catalogue, periods, at.file);
    },
    slotOf: (leaf, period, metric) => locate(leaf, period, metric),
    figureAt({ scan, s }) {
      const t = scan.sums.total(s);
      const { value, interval } = inMetricUnit({ ...t, unit: catalogue.units[scan.unit[s]!]! }, metricUnitOf(scan, s));
      return { value, interval };
    },
    scaledAt({ scan, s }) {
      // In the metric's own unit the figure is the slot's sums as they are (inMetricUnit multiplies nothing).
      return catalogue.units[scan.unit[s]!]!.id === metricUnitOf(scan, s).id ? scan.sums.scaled(s) : undefined;
    },
    valuesOf(leaf) {
      const i = leafIndex.get(leaf);
      if (i === undefined) return [];
      const out: ActivityValue[] = [];
      index().forEach((c, f) => {
        const { scan, file } = scans[f]!;
        for (let s = c.first[i]!; s >= 0; s = c.next[s]!)
          out.push(slotValue(scan, s, leafIds, catalogue, periods, file));
      });
      return out;
    },
  };
}

function slotValue(
  scan: ScannedActivity,
  s: number,
  leafIds: readonly string[],
  catalogue: Catalogue,
  periods: readonly PeriodRange[],
  table: Pick<CsvTable, "file" | "name">,
): ActivityValue {
  const metric = catalogue.metrics[scan.metric[s]!] as BaseMetric;
  const unit = catalogue.units[scan.unit[s]!]!;
  const t = scan.sums.total(s);
  const grouped = scan.grouped[s] === 1;
  const value = t.value,
    scale = t.scale;
  const sum: UnitSum = {
    unit,
    value,
    lo: t.lo,
    hi: t.hi,
    scale,
    rows: t.rows,
    // A single row's text as written: with separators when it had them (the plain grammar allows no other form).
    number: {
      value,
      scale,
      get text() {
        return grouped ? printNumber(value, scale) : value.toFixed(scale);
      },
    },
    source: { file: table.file, name: table.name, line: scan.line[s]!, column: scan.column[s]! },
  };
  return activityValueOf(
    leafIds[scan.leaf[s]!]!,
    periods[scan.period[s]!]!.label,
    metric.id,
    unitById(catalogue, metric.unit)!,
    [sum],
  );
}
