// reconcile: scope 2 both ways (ESRS E1-6 §49: location-based and market-based). Three things beside the
// recalculation itself (the "scope2-market" recipe, model/recipes.ts):
// - contractual instruments (certificates, green power, PPAs) that cover more electricity than a unit purchased: a
//   finding, not an input error — every row is readable and may be right on its own (a company can hold surplus
//   certificates); what cannot be right is applying them all, so the market-based figure is not recalculated for
//   that unit and the finding says why, at the unit's market-based cell;
// - a published location-based scope 2 without a market-based figure beside it: incomplete only for a dataset that
//   declares ESRS (IFRS S2 and the HKEX code ask for location-based; market-based is optional there);
// A published market-based figure equal to the location-based one is a note of the factor plan, not a finding
// (model/factorPlan.ts marketEqualsLocation).
import { lookup, type RecomputedTable } from "../compute/recompute.js";
import type { Recalculation } from "../compute/recalculate.js";
import { findingPlace, type Finding } from "../findings/finding.js";
import { message, named } from "../findings/message.js";
import { nodeName } from "../findings/names.js";
import { metricById } from "../model/catalogue.js";
import { allColumns, publishedRow } from "../model/columns.js";
import { Dec, ZERO } from "../model/decimal.js";
import type { Library } from "../model/factorPlan.js";
import { printNumber } from "../model/printedNumber.js";
import { leafColumns } from "../model/tree.js";
import type { Dataset } from "../model/types.js";

/** The standard that requires market-based scope 2 beside location-based. */
export const MARKET_BASED_REQUIRED_BY = "ESRS";

export interface InstrumentExcess {
  facility: string;
  /** Σ instrument MWh and purchased electricity MWh, as recomputed for the unit. */
  instruments: Dec;
  electricity: Dec;
  /** The instruments the unit reports (activity ids). */
  kinds: string[];
}

/**
 * Units whose instruments exceed their purchased electricity by more than the rounding of the figures allows
 * (Σ instruments' lower bound above electricity's upper bound). A gap within rounding is left to the recalculation.
 */
export function instrumentExcesses(dataset: Dataset, table: RecomputedTable, library: Library): InstrumentExcess[] {
  const mb = library.rules.scope2Market;
  if (!mb) return [];
  const out: InstrumentExcess[] = [];
  for (const facility of leafColumns(allColumns(dataset), dataset.tree)) {
    const present = mb.instruments.flatMap((i) => {
      const r = lookup(table, facility, i.metric);
      return r ? [{ i, r }] : [];
    });
    if (present.length === 0) continue;
    const e = lookup(table, facility, library.rules.electricity.metric);
    const lo = present.reduce((s, x) => s.plus(x.r.interval.lo), ZERO);
    const value = present.reduce((s, x) => s.plus(x.r.value), ZERO);
    const eHi = e ? e.interval.hi : ZERO;
    if (lo.gt(eHi) && value.gt(e?.value ?? ZERO))
      out.push({
        facility,
        instruments: value,
        electricity: e?.value ?? ZERO,
        kinds: present.map((x) => x.i.activity),
      });
  }
  return out;
}

/** The market-based recalculations of units whose instruments exceed their electricity are not made. */
export function withoutExcesses(recalcs: Recalculation[], excesses: InstrumentExcess[]): Recalculation[] {
  const over = new Set(excesses.map((x) => x.facility));
  return recalcs.filter((r) => !(r.check === "scope2-market" && over.has(r.facility)));
}

export function instrumentExcessFindings(dataset: Dataset, library: Library, excesses: InstrumentExcess[]): Finding[] {
  const metric = library.rules.scope2Market?.metric;
  if (!metric) return [];
  const row = publishedRow(dataset, metric);
  return excesses.map((x) => {
    const cell = row?.cells.find((c) => c.column === x.facility);
    const n = cell && cell.value.kind === "number" ? cell.value.number : null;
    const scale = n?.scale ?? 1;
    const instrumentMetric = (activity: string) =>
      library.rules.scope2Market!.instruments.find((i) => i.activity === activity)!.metric;
    return {
      metric,
      column: x.facility,
      kind: "recalculation",
      ...findingPlace(dataset, metric, x.facility, "recalculation"),
      status: "material",
      published: cell?.text ?? "",
      publishedNumber: n,
      publishedInterval: null,
      recomputed: null,
      recomputedExact: null,
      recomputedInterval: null,
      relativeDifference: null,
      recomputedRounded: null,
      displayScale: scale,
      difference: null,
      source: cell?.source ?? row?.source ?? { file: dataset.tables[0]!.file, name: dataset.tables[0]!.file, line: 1 },
      recalculation: {
        check: "scope2-market",
        title: "phrase.recipe.scope2-market",
        metric,
        facility: x.facility,
        value: ZERO,
        interval: { lo: ZERO, hi: ZERO },
        terms: [],
        plus: [],
        method: null,
        alternatives: [],
      },
      causes: [
        {
          code: "instruments-exceed-consumption",
          message: message("cause.instruments-exceed-consumption", {
            facility: nodeName(dataset, x.facility),
            instruments: printNumber(x.instruments, 1),
            electricity: printNumber(x.electricity, 1),
            list: {
              items: x.kinds.map((k) => named(k, metricById(dataset.catalogue, instrumentMetric(k))?.labels)),
              join: "phrase.join.comma",
            },
          }),
        },
      ],
    } satisfies Finding;
  });
}

/**
 * A dataset that declares ESRS and prints location-based scope 2 in a column without a market-based figure beside
 * it: a boundary finding (incomplete) at the market-based cell of that column. Nothing for other datasets.
 */
export function marketBasedMissing(dataset: Dataset, library: Library): Finding[] {
  const mb = library.rules.scope2Market;
  if (!mb || !(dataset.standards ?? []).includes(MARKET_BASED_REQUIRED_BY)) return [];
  const lb = publishedRow(dataset, library.rules.scope2.metric);
  if (!lb) return [];
  const market = publishedRow(dataset, mb.metric);
  const out: Finding[] = [];
  for (const cell of lb.cells) {
    if (cell.value.kind !== "number") continue;
    const beside = market?.cells.find((c) => c.column === cell.column);
    if (beside && beside.value.kind === "number") continue;
    out.push({
      metric: mb.metric,
      column: cell.column,
      kind: "boundary",
      ...findingPlace(dataset, mb.metric, cell.column, "boundary"),
      status: "incomplete",
      published: beside?.text ?? "",
      publishedNumber: null,
      publishedInterval: null,
      recomputed: null,
      recomputedExact: null,
      recomputedInterval: null,
      recomputedRounded: null,
      displayScale: cell.value.number.scale,
      difference: null,
      source: beside?.source ?? cell.source,
      causes: [
        {
          code: "market-based-missing",
          message: message("cause.market-based-missing", {
            column: cell.column,
            published: cell.text.trim(),
          }),
        },
      ],
    });
  }
  return out;
}
