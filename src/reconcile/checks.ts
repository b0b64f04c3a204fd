// The checks a dataset goes through, as a list the pipeline runs in order (beancount's VALIDATIONS): adding a check
// means adding an entry. Each reads the recomputed tables and returns what it found — findings, an analysis or claim
// verdicts — and none throws. A check in a group (--no-recalculation, …) is skipped when its group is off.
import { impliedFactors, type ImpliedFactor } from "../compute/implied.js";
import { recalculate } from "../compute/recalculate.js";
import type { RecomputedTable } from "../compute/recompute.js";
import type { CheckGroups } from "../findings/checkResult.js";
import type { Finding } from "../findings/finding.js";
import type { BreakdownCheck, ClaimResult, DenominatorAnalysis, PartOfComparison } from "../findings/results.js";
import { denominatorForTable } from "../model/denominator.js";
import type { FactorPlan, Library } from "../model/factorPlan.js";
import type { Dataset, Denominator } from "../model/types.js";
import { boundaryFindings } from "./boundary.js";
import { breakdownFindings, checkBreakdowns } from "./breakdowns.js";
import { evaluateClaims } from "./claims.js";
import { analyseDenominators } from "./denominators.js";
import { attributeViolations, comparePartsWithWholes, partOfFindings } from "./partOf.js";
import { reconcileRecalculations } from "./recalculation.js";
import { reconcile, type PeriodTables } from "./reconcile.js";
import { instrumentExcesses, instrumentExcessFindings, marketBasedMissing, withoutExcesses } from "./scope2.js";

export interface CheckContext {
  dataset: Dataset;
  /** Every period's recomputed table. */
  tables: PeriodTables;
  /** The report period's: recalculations, analyses and claims are about it. */
  table: RecomputedTable;
  denominator: Denominator | null;
  library: Library;
  /** The factors in force; null when no check that needs them is on. */
  plan: FactorPlan | null;
  /** The implied-factor analysis, computed once, when first asked for (the implied check, the pin hint). */
  implied(): readonly ImpliedFactor[];
}

export interface CheckOutput {
  findings?: Finding[];
  partOf?: PartOfComparison[];
  implied?: ImpliedFactor[];
  denominatorAnalysis?: DenominatorAnalysis;
  claims?: ClaimResult[];
  breakdowns?: BreakdownCheck[];
}

export interface Check {
  name: string;
  /** The group that switches it off; null: always run. */
  group: keyof CheckGroups | null;
  /** `found`: what the checks before it produced. */
  run(ctx: CheckContext, found: CheckProducts): CheckOutput;
}

export const CHECKS: readonly Check[] = [
  { name: "arithmetic", group: null, run: (ctx) => ({ findings: reconcile(ctx.dataset, ctx.tables) }) },
  {
    name: "recalculation",
    group: "recalculation",
    run: (ctx) => {
      if (!ctx.plan) return {};
      // Units whose contractual instruments exceed their electricity get a finding instead of a market-based figure.
      const excesses = instrumentExcesses(ctx.dataset, ctx.table, ctx.library);
      return {
        findings: [
          ...reconcileRecalculations(
            ctx.dataset,
            withoutExcesses(recalculate(ctx.dataset, ctx.table, ctx.library, ctx.plan), excesses),
            ctx.plan.materiality,
            ctx.implied,
          ),
          ...instrumentExcessFindings(ctx.dataset, ctx.library, excesses),
        ],
      };
    },
  },
  {
    name: "boundary",
    group: "boundary",
    run: (ctx) => (ctx.plan ? { findings: boundaryFindings(ctx.dataset, ctx.table, ctx.library, ctx.plan) } : {}),
  },
  {
    // A standard's required figure that the table does not print: market-based scope 2 under ESRS (E1-6 §49(b)).
    name: "required-by-standard",
    group: "boundary",
    run: (ctx) => ({ findings: marketBasedMissing(ctx.dataset, ctx.library) }),
  },
  { name: "implied", group: "implied", run: (ctx) => ({ implied: [...ctx.implied()] }) },
  {
    name: "denominators",
    group: "denominators",
    run: (ctx) => {
      const declared = ctx.dataset.denominators.flatMap((d) => {
        const c = denominatorForTable(ctx.dataset, d);
        return c.ok ? [c.value] : [];
      });
      return { denominatorAnalysis: analyseDenominators(ctx.dataset, ctx.tables, declared, ctx.denominator) };
    },
  },
  {
    name: "claims",
    group: null,
    run: (ctx) => ({ claims: evaluateClaims(ctx.dataset.claims, ctx.table, ctx.dataset.tree, ctx.tables) }),
  },
  {
    // Printed parts against printed wholes; a violation whose part or whole is already a mismatch is not counted twice.
    name: "part-of",
    group: null,
    run: (ctx, found) => {
      const partOf = attributeViolations(comparePartsWithWholes(ctx.dataset), found.findings);
      return { partOf, findings: partOfFindings(ctx.dataset, partOf) };
    },
  },
  {
    // Each block of a breakdown (by gas, by region) against the same printed total; each row against the data.
    name: "breakdowns",
    group: null,
    run: (ctx) => {
      const breakdowns = checkBreakdowns(ctx.dataset, ctx.tables);
      return { breakdowns, findings: breakdownFindings(ctx.dataset, ctx.tables, breakdowns) };
    },
  },
];

/** Runs the checks whose group is on, in order; findings are concatenated, analyses kept. */
export interface CheckProducts {
  findings: Finding[];
  partOf: PartOfComparison[];
  implied: ImpliedFactor[];
  denominatorAnalysis: DenominatorAnalysis | null;
  claims: ClaimResult[];
  breakdowns: BreakdownCheck[];
}

export function runChecks(ctx: CheckContext, groups: CheckGroups, checks: readonly Check[] = CHECKS): CheckProducts {
  const out: CheckProducts = {
    findings: [],
    partOf: [],
    implied: [],
    denominatorAnalysis: null,
    claims: [],
    breakdowns: [],
  };
  for (const check of checks) {
    if (check.group && !groups[check.group]) continue;
    const r = check.run(ctx, out);
    if (r.findings) out.findings.push(...r.findings);
    if (r.partOf) out.partOf = r.partOf;
    if (r.implied) out.implied = r.implied;
    if (r.denominatorAnalysis) out.denominatorAnalysis = r.denominatorAnalysis;
    if (r.claims) out.claims = r.claims;
    if (r.breakdowns) out.breakdowns = r.breakdowns;
  }
  return out;
}

/** The implied-factor analysis for a context, memoised (null plan: none). */
export function impliedOnce(
  dataset: Dataset,
  table: RecomputedTable,
  library: Library,
  plan: FactorPlan | null,
): () => readonly ImpliedFactor[] {
  let memo: ImpliedFactor[] | null = null;
  return () => (memo ??= plan ? impliedFactors(dataset, table, library, plan) : []);
}
