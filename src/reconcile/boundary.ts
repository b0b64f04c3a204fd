// Boundary completeness: a unit that reports activity but not what that activity implies — a recipe's quantities
// without its target (purchased electricity without scope 2, fuel without scope 1), estimated by running the recipe
// over what the unit reports; water supplied without wastewater, estimated by the other units' discharge ratio (a
// peer ratio, not a factor recipe) — with its share of the total.
import { message, named, type Message } from "../findings/message.js";
import { metricName, nodeName } from "../findings/names.js";
import { metricById } from "../model/catalogue.js";
import { allColumns, publishedRow } from "../model/columns.js";
import { runRecipe } from "../compute/recalculate.js";
import { lookup, type RecomputedTable } from "../compute/recompute.js";
import { Dec, roundTo, ZERO } from "../model/decimal.js";
import type { FactorPlan, Library } from "../model/factorPlan.js";
import { scaleInterval, type Interval } from "../model/interval.js";
import { printNumber } from "../model/printedNumber.js";
import type { Dataset, SourceRef } from "../model/types.js";
import { leafColumns } from "../model/tree.js";
import { findingPlace, type Finding } from "../findings/finding.js";

interface Estimate {
  value: Dec;
  interval: Interval;
  how: Message;
}

export function boundaryFindings(
  dataset: Dataset,
  table: RecomputedTable,
  library: Library,
  plan: FactorPlan,
): Finding[] {
  const rules = library.rules;
  const out: Finding[] = [];
  const root = dataset.tree.root;
  const leaves = leafColumns(allColumns(dataset), dataset.tree);
  const has = (facility: string, metric: string) => {
    const r = lookup(table, facility, metric);
    return r !== undefined && !r.value.isZero();
  };

  /** `activity`: the row that shows the unit is active, where the finding points when the table has no cell for it. */
  const push = (
    facility: string,
    metric: string,
    estimate: Estimate | null,
    activityText: Message,
    shares: Message[],
    activity: SourceRef | undefined,
  ) => {
    const row = publishedRow(dataset, metric);
    // A table without the row does not report the metric at all (an energy-only table): nothing is incomplete in it.
    if (!row) return;
    const cell = row.cells.find((c) => c.column === facility);
    if (cell && cell.value.kind === "number") return; // the table has a figure: the arithmetic checks look at it
    const scale = 1;
    out.push({
      metric,
      column: facility,
      kind: "boundary",
      ...findingPlace(dataset, metric, facility, "boundary"),
      status: "incomplete",
      published: cell?.text ?? "",
      publishedNumber: null,
      publishedInterval: null,
      recomputed: null,
      recomputedExact: estimate?.value ?? null,
      recomputedInterval: estimate?.interval ?? null,
      recomputedRounded: estimate ? roundTo(estimate.value, scale) : null,
      displayScale: scale,
      difference: null,
      source: cell?.source ?? activity ?? row.source,
      causes: [
        {
          code: "boundary",
          message: message("cause.boundary", {
            facility: nodeName(dataset, facility),
            activity: activityText,
            metric: metricName(dataset, metric),
            estimate: estimate
              ? message("phrase.boundary.estimate", { value: printNumber(estimate.value, scale), how: estimate.how })
              : message("phrase.boundary.no-factor"),
            shares: shares.length
              ? message("phrase.boundary.shares", { shares: { items: shares, join: "phrase.join.comma" } })
              : "",
          }),
        },
      ],
    });
  };
  /** `label`: the phrase naming the total ("phrase.total.scope2", …). */
  const shareOf = (estimate: Dec, metric: string, label: string): Message | null => {
    const total = lookup(table, root, metric);
    return total && !total.value.isZero()
      ? message("phrase.boundary.share", {
          percent: printNumber(estimate.div(total.value).times(100), 1),
          total: message(label),
          value: printNumber(total.value, 1),
        })
      : null;
  };

  const inputs = { catalogue: dataset.catalogue, table, plan };
  for (const facility of leaves) {
    // activity a recipe turns into its target, without the target: estimated by the recipe over what is reported
    for (const recipe of library.recipes) {
      const words = recipe.boundary;
      const active = recipe.terms.filter((t) => has(facility, t.metric));
      if (!words || active.length === 0 || has(facility, recipe.target)) continue;
      const quantities = active.map((t) => lookup(table, facility, t.metric)!);
      const activityText = message(words.activity, {
        value: printNumber(quantities[0]!.value, 1),
        fuels: {
          items: active.map((t) => named(t.activity, metricById(dataset.catalogue, t.metric)?.labels)),
          join: "phrase.join.comma",
        },
      });
      const run = runRecipe({ ...recipe, terms: active, plus: [] }, facility, inputs);
      if (run.terms.length === 0) {
        push(facility, recipe.target, null, activityText, [], quantities[0]!.activity?.source);
        continue;
      }
      const first = run.terms[0]!.factors[0];
      const how = message(words.estimate, {
        value: printNumber(run.terms[0]!.quantity.value, 1),
        ...(first ? { factor: first.value.text, unit: first.unit, id: first.id } : {}),
        method: plan.method.id,
        factors: {
          items: [...new Set(run.terms.flatMap((t) => t.factors.map((x) => x.id)))],
          join: "phrase.join.comma",
        },
      });
      const shares = [
        shareOf(run.value, recipe.target, words.target),
        recipe.total ? shareOf(run.value, recipe.total, words.total) : null,
      ].filter((s) => s !== null);
      push(
        facility,
        recipe.target,
        { value: run.value, interval: run.interval, how },
        activityText,
        shares,
        quantities[0]!.activity?.source,
      );
    }

    // water supplied, no wastewater: the other units' own discharge ratio
    const supply = lookup(table, facility, rules.water.supply);
    if (supply && !supply.value.isZero() && !has(facility, rules.water.discharge)) {
      const peers = leaves.filter((l) => l !== facility && has(l, rules.water.supply) && has(l, rules.water.discharge));
      const sum = (m: string) => peers.reduce((s, l) => s.plus(lookup(table, l, m)!.value), ZERO);
      const ratio = peers.length ? sum(rules.water.discharge).div(sum(rules.water.supply)) : new Dec(1);
      const how = peers.length
        ? message("phrase.boundary.ratio", {
            value: printNumber(supply.value, 1),
            ratio: printNumber(ratio, 4),
            peers: { items: peers.map((l) => nodeName(dataset, l)), join: "phrase.join.comma" },
          })
        : message("phrase.boundary.upper-bound", { value: printNumber(supply.value, 1) });
      const value = supply.value.times(ratio);
      push(
        facility,
        rules.water.discharge,
        { value, interval: scaleInterval(supply.interval, ratio), how },
        message("phrase.boundary.water", { value: printNumber(supply.value, 1) }),
        [shareOf(value, rules.water.discharge, "phrase.total.wastewater")].filter((s) => s !== null),
        supply.activity?.source,
      );
    }
  }
  return out;
}
