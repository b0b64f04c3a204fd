// Findings a reviewer has judged (the dataset's acknowledged.csv), as the check sees them today: still the same
// (acknowledged: shown, not failing), changed since (failing again, saying what changed), or stale (the finding
// they judged is gone). reconcile/acknowledge.ts decides which.
import type { AckEntry, AckFingerprint } from "../model/acknowledgements.js";

export type AckState = "acknowledged" | "changed" | "stale";

export interface AckChange {
  field: keyof AckFingerprint;
  /** As acknowledged. */
  then: string;
  /** As the check finds it today. */
  now: string;
}

export interface AckOutcome {
  entry: AckEntry;
  state: AckState;
  /** For "changed": every field that differs from what was acknowledged. */
  changes: AckChange[];
}

export interface Acknowledgements {
  /** The file as named in messages (null: none read, or --no-acknowledged). */
  file: string | null;
  /** The file relative to the dataset folder (for machine output). */
  name: string | null;
  outcomes: AckOutcome[];
}

export const NO_ACKNOWLEDGEMENTS: Acknowledgements = { file: null, name: null, outcomes: [] };

/** The outcome for a finding's (or a claim's) stable key, if an acknowledgement names it. */
export function acknowledgementOf(acks: Acknowledgements, key: string): AckOutcome | undefined {
  return acks.outcomes.find((o) => o.entry.key === key && o.state !== "stale");
}

/** Is the finding with this key acknowledged and unchanged (shown, not failing)? */
export const isAcknowledged = (acks: Acknowledgements, key: string): boolean =>
  acknowledgementOf(acks, key)?.state === "acknowledged";

export const claimKey = (id: string): string => `claim/${id}`;
