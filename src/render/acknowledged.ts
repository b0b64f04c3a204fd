// Acknowledged findings as the human-readable formats show them: one line per acknowledgement — still holding,
// changed since (what changed, field by field), or stale.
import { acknowledgementOf, type AckOutcome } from "../findings/acknowledgement.js";
import type { CheckResult } from "../findings/checkResult.js";
import type { Finding } from "../findings/finding.js";
import { t, type RenderContext } from "./labels.js";
import { sourceText } from "./location.js";

export const ACK_MARK = { acknowledged: "✓", changed: "✗", stale: "!" } as const;

/** "published 9.53 → 9.54; status mismatch → rounding" */
export function changesText(o: AckOutcome): string {
  return o.changes.map((c) => `${c.field} ${c.then || "—"} → ${c.now || "—"}`).join("; ");
}

export function ackByText(o: AckOutcome, ctx: RenderContext): string {
  return t(ctx, "ack.by").replace("{by}", o.entry.by).replace("{at}", o.entry.at);
}

/** One sentence per acknowledgement (without its mark). */
export function ackSentence(o: AckOutcome, ctx: RenderContext): string {
  const where = `${o.entry.key} (${sourceText(o.entry.source, "none", o.entry.source.name)})`;
  const judged = `${ackByText(o, ctx)}: ${o.entry.reason}`;
  if (o.state === "stale") return `${t(ctx, "ack.stale")}: ${where}: ${t(ctx, "ack.staleText")}; ${judged}`;
  if (o.state === "changed")
    return `${t(ctx, "ack.changed")}: ${where}: ${t(ctx, "ack.changes")}: ${changesText(o)}; ${judged}`;
  return `${t(ctx, "ack.acknowledged")}: ${where}, ${o.entry.status}: ${judged}`;
}

export function ackLines(result: CheckResult, ctx: RenderContext): string[] {
  return result.acknowledgements.outcomes.map((o) => `${ACK_MARK[o.state]} ${ackSentence(o, ctx)}`);
}

/** The suffix a finding's status gets when it is acknowledged: " (acknowledged)" or " (changed since acknowledged)". */
export function ackSuffix(result: CheckResult, f: Pick<Finding, "key">, ctx: RenderContext): string {
  const o = acknowledgementOf(result.acknowledgements, f.key);
  return o ? ` (${t(ctx, o.state === "acknowledged" ? "ack.acknowledged" : "ack.changed")})` : "";
}
