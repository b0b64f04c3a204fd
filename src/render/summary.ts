// Lines every human-readable format shares: the heading, the denominator, the one-line summary.
import { label } from "../schema/common.js";
import { printNumber } from "../model/printedNumber.js";
import type { Denominator } from "../model/types.js";
import { failsAt, isCellFinding, STATUSES, type Status } from "../findings/finding.js";
import { failed, failingClaims, failingFindings, type CheckResult } from "../findings/checkResult.js";
import { t, type RenderContext } from "./labels.js";

export function heading(result: CheckResult, ctx: RenderContext): string {
  const ds = result.dataset;
  return `${label(ds.company, ctx.lang)} — ${label(ds.reportTitle, ctx.lang)} (${ds.period.label}) [${ds.id}]`;
}

export function denominatorLine(result: CheckResult, ctx: RenderContext): string {
  const shown = (d: Denominator) => {
    const unit = result.dataset.catalogue.units.find((u) => u.id === d.unit);
    const tol = d.interval.hi.minus(d.value);
    const value = printNumber(d.value, d.scale);
    return `${label(d.labels, ctx.lang)} = ${value}${tol.isZero() ? "" : ` ± ${printNumber(tol, tol.decimalPlaces())}`} ${unit ? label(unit.labels, ctx.lang) : d.unit} (${d.id})`;
  };
  const d = result.denominator;
  if (d) return `${t(ctx, "denominator")}: ${shown(d)}`;
  // No revenue, but denominators of other measures (floor area, units produced) for the report's period: those.
  const others = [...result.table.denominators.values()].filter(
    (x) => x.period === result.dataset.period.label && x.node === result.dataset.tree.root,
  );
  if (others.length) return `${t(ctx, "denominator")}: ${others.map(shown).join("; ")}`;
  return `${t(ctx, "denominator")}: — (${t(ctx, "noDenominatorDeclared")})`;
}

export function summaryLine(result: CheckResult, ctx: RenderContext, failOn: Status | "none"): string {
  // The statuses of check groups that were switched off are left out of the line (JSON always has all).
  const shown = STATUSES.filter((s) =>
    s === "within-materiality" || s === "material"
      ? result.groups.recalculation
      : s === "incomplete"
        ? result.groups.boundary
        : true,
  );
  const counts = shown.map((s) => `${result.counts[s]} ${t(ctx, `status.${s}`)}`).join(", ");
  const didFail = failed(result, failOn);
  const cells = result.findings.filter(isCellFinding).length;
  const partOf = result.findings.filter((f) => f.kind === "part-of").length;
  const breakdowns = result.findings.filter((f) => f.kind === "breakdown").length;
  const more = result.findings.length - cells - partOf - breakdowns;
  const extra = [
    more ? `+${more} ${t(ctx, "moreChecks")}` : "",
    partOf ? `+${partOf} ${t(ctx, "partOfChecks")}` : "",
    breakdowns ? `+${breakdowns} ${t(ctx, "breakdownChecks")}` : "",
  ]
    .filter(Boolean)
    .join(", ");
  // Say what failed against what, so "FAIL" with 0 mismatches (but material findings) is not a riddle; the
  // findings counted are the statuses listed, and contradicted claims are named apart.
  const n = failingFindings(result).filter((f) => failsAt(f.status, failOn)).length;
  const c = failingClaims(result, failOn).length;
  const key = c > 0 ? "failingClaims" : didFail ? "failing" : "passing";
  const why =
    failOn === "none"
      ? "(--fail-on none)"
      : t(ctx, key).replace("{n}", String(n)).replace("{t}", failOn).replace("{c}", String(c));
  // Acknowledgements, only when the dataset has some: how many hold, how many no longer do.
  const outcomes = result.acknowledgements.outcomes;
  const held = outcomes.filter((o) => o.state === "acknowledged").length;
  const changed = outcomes.filter((o) => o.state === "changed").length;
  const acks = outcomes.length
    ? [
        held ? t(ctx, "ack.summary").replace("{n}", String(held)) : "",
        changed ? t(ctx, "ack.summaryChanged").replace("{n}", String(changed)) : "",
      ]
        .filter(Boolean)
        .join(", ")
    : "";
  return `${cells} ${t(ctx, "checked")}${extra ? ` (${extra})` : ""}: ${counts} — ${didFail ? t(ctx, "verdictFail") : t(ctx, "verdictPass")}: ${why}${acks ? `; ${acks}` : ""}`;
}
