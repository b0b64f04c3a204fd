// Acknowledged findings against today's check: pure. An acknowledgement holds while everything it recorded is
// unchanged — the published figure, the recomputed figure at the published precision, the status, and the options
// in force that the figure depends on (the denominator of an intensity; the factors and materiality of a
// recalculation or boundary estimate). Any change and the finding fails again, saying what changed. An
// acknowledgement whose finding is gone (the cell now matches, or no longer exists) is stale.
import type { AckChange, AckOutcome } from "../findings/acknowledgement.js";
import { claimKey } from "../findings/acknowledgement.js";
import { publishedText, type Finding } from "../findings/finding.js";
import type { ClaimResult } from "../findings/results.js";
import type { AckEntry, AckFingerprint } from "../model/acknowledgements.js";
import type { Dec } from "../model/decimal.js";
import type { Denominator } from "../model/types.js";

/** The options in force a fingerprint records (where the finding depends on them). */
export interface InForce {
  denominator: Denominator | null;
  materiality: Dec | null;
}

const denominatorText = (d: Denominator | null) => (d ? `${d.id}=${d.value.toFixed(d.scale)}` : "none");

/** What a finding says today, in the fields an acknowledgement records. */
export function findingFingerprint(f: Finding, inForce: InForce): AckFingerprint {
  const estimate = f.kind === "recalculation" || f.kind === "boundary";
  const factors = f.recalculation
    ? [
        ...new Map(
          f.recalculation.terms.flatMap((t) =>
            t.factors.map((x) => [x.id, `${x.id}=${x.value.value.toFixed(x.value.scale)}`]),
          ),
        ).values(),
      ]
        .sort()
        .join(" ")
    : "";
  return {
    status: f.status,
    published: publishedText(f),
    recomputed: f.recomputedRounded ? f.recomputedRounded.toFixed(Math.max(f.displayScale, 0)) : "",
    denominator: f.kind === "intensity" ? denominatorText(inForce.denominator) : "",
    factors,
    materiality: estimate && inForce.materiality ? inForce.materiality.toFixed() : "",
  };
}

/** What a claim says today: its verdict, its expression, the two sides' values (12 significant digits). */
export function claimFingerprint(c: ClaimResult, inForce: InForce): AckFingerprint {
  const side = (s: ClaimResult["left"]) => (s ? s.value.toSignificantDigits(12).toFixed() : "");
  return {
    status: c.verdict,
    published: c.entry.expression,
    recomputed: `${side(c.left)} | ${side(c.right)}`,
    denominator: denominatorText(inForce.denominator),
    factors: "",
    materiality: "",
  };
}

const FIELDS: (keyof AckFingerprint)[] = ["published", "recomputed", "status", "denominator", "factors", "materiality"];

/** Every acknowledgement's outcome against today's findings and claims, in the file's order. */
export function applyAcknowledgements(
  entries: readonly AckEntry[],
  findings: readonly Finding[],
  claims: readonly ClaimResult[],
  inForce: InForce,
): AckOutcome[] {
  const byKey = new Map<string, AckFingerprint>();
  for (const f of findings)
    if (f.status !== "match" && f.status !== "within-materiality") byKey.set(f.key, findingFingerprint(f, inForce));
  for (const c of claims) if (c.verdict !== "supported") byKey.set(claimKey(c.entry.id), claimFingerprint(c, inForce));
  return entries.map((entry) => {
    const now = byKey.get(entry.key);
    if (!now) return { entry, state: "stale", changes: [] };
    const changes: AckChange[] = FIELDS.filter((k) => entry[k] !== now[k]).map((k) => ({
      field: k,
      then: entry[k],
      now: now[k],
    }));
    return { entry, state: changes.length ? "changed" : "acknowledged", changes };
  });
}
