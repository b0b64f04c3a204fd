// SARIF 2.1.0 (OASIS Static Analysis Results Interchange Format), for code-scanning dashboards such as GitHub's.
// One rule per finding status of the catalogue (src/findings/finding.ts), plus one for a claim the data contradicts
// and one for a printed part larger than its printed whole (findings of kind part-of);
// one result per problem (every finding that is not a match), located at the published cell's file, line and
// column. Validated in the tests against the SARIF 2.1.0 JSON schema (tests/schemas/).
import {
  SEVERITY,
  STATUSES,
  STATUS_MEANING,
  failsAt,
  type Finding,
  type Status,
  publishedText,
} from "../findings/finding.js";
import { failed, type CheckResult } from "../findings/checkResult.js";
import { message } from "../findings/inputError.js";
import type { ReportOptions } from "./options.js";
import { intervalJson } from "./json.js";
import {
  causeText,
  columnLabel,
  differenceText,
  metricLabel,
  recomputedText,
  t,
  wholeText,
  type RenderContext,
} from "./labels.js";
import { sheetCell, sourceFile } from "./location.js";
import { acknowledgementOf, claimKey, type AckOutcome } from "../findings/acknowledgement.js";
import { ackSentence } from "./acknowledged.js";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
export const CLAIM_RULE = "claim-contradicted";
/** A printed part larger than its printed whole: a rule of its own (its findings have status mismatch, kind part-of). */
export const PART_RULE = "part-exceeds-whole";

type Level = "error" | "warning" | "note";

export type SarifOptions = Pick<ReportOptions, "failOn" | "pathOf" | "toolVersion">;

const RULE_NAMES: Record<Status | typeof CLAIM_RULE | typeof PART_RULE, string> = {
  match: "Match",
  rounding: "RoundingDifference",
  mismatch: "Mismatch",
  missing: "MissingData",
  omitted: "OmittedFigure",
  "within-materiality": "WithinMateriality",
  material: "MaterialDifference",
  incomplete: "IncompleteBoundary",
  [CLAIM_RULE]: "ClaimContradicted",
  [PART_RULE]: "PartExceedsWhole",
};

export function levelOf(status: Status, failOn: Status | "none"): Level {
  if (failsAt(status, failOn)) return "error";
  return SEVERITY[status] >= 2 ? "warning" : "note";
}

/** A relative path as a URI reference: each segment percent-encoded (spaces, CJK), separators kept. */
export const uriOf = (path: string): string =>
  path
    .split("/")
    .map((s) => encodeURIComponent(s))
    .join("/");

function location(path: string, line?: number, column?: number) {
  // A path inside the repository is relative to its root (%SRCROOT%, as code-scanning uploads expect); one outside
  // it (the embedded dataset of a globally installed tool) stays an absolute file URI.
  const artifactLocation = path.startsWith("/")
    ? { uri: `file://${uriOf(path)}` }
    : { uri: uriOf(path), uriBaseId: "%SRCROOT%" };
  // A workbook has no lines: its cell is named in the message, the location is the file.
  return {
    physicalLocation: {
      artifactLocation,
      ...(line !== undefined ? { region: { startLine: line, ...(column ? { startColumn: column } : {}) } } : {}),
    },
  };
}

function suppression(o: AckOutcome, pathOf: (file: string) => string) {
  // No "status"/"state": the OASIS schema copy the tests use (tests/schemas) names it "state", the standard's text "status";
  // both are optional, so the suppression says "accepted" in its property bag and is valid under either.
  return {
    kind: "external",
    justification: o.entry.reason,
    location: location(pathOf(o.entry.source.file), o.entry.source.line),
    properties: { status: "accepted", by: o.entry.by, at: o.entry.at },
  };
}

export function renderSarif(result: CheckResult, ctx: RenderContext, options: SarifOptions): string {
  const { dataset } = result;
  const ruleIds = [...STATUSES.filter((s) => s !== "match"), CLAIM_RULE, PART_RULE] as const;
  const PART_TEXT = {
    short: 'a printed part (an "of which" row, or a unit of the reporting tree) is larger than its printed whole',
    full: "An \"of which\" row of the catalogue or the dataset (recycled waste of the waste total), or a reporting unit inside its parent for a metric summed from non-negative figures: every value the part's printed figure stands for is larger than every value the whole's stands for, so rounding cannot explain it.",
  };
  // The rules' descriptions in the report's language (English as written; the ids and names stay as they are).
  const zh = ctx.lang !== "en";
  const said = (key: string) => causeText(ctx, message(key));
  const rules = ruleIds.map((id) => ({
    id,
    name: RULE_NAMES[id],
    shortDescription: {
      text:
        id === CLAIM_RULE
          ? zh
            ? said("phrase.sarif.claim")
            : "a statement the report makes in its text is contradicted by its own data"
          : id === PART_RULE
            ? zh
              ? said("phrase.sarif.part")
              : PART_TEXT.short
            : zh
              ? said(`phrase.status-meaning.${id}`)
              : STATUS_MEANING[id],
    },
    fullDescription: {
      text:
        id === CLAIM_RULE
          ? zh
            ? said("phrase.sarif.claim.full")
            : "A claim of the report's text, written as a comparison over metrics in the dataset's claims file, evaluates to false with the recomputed values and their intervals."
          : id === PART_RULE
            ? zh
              ? said("phrase.sarif.part.full")
              : PART_TEXT.full
            : zh
              ? `${t(ctx, `status.${id}`)}：${said(`phrase.status-meaning.${id}`)}。`
              : `${id}: ${STATUS_MEANING[id]}.`,
    },
    defaultConfiguration: {
      level: id === CLAIM_RULE ? "error" : levelOf(id === PART_RULE ? "mismatch" : id, "mismatch"),
    },
    properties: {
      tags: [
        "esg",
        id === "within-materiality" || id === "material"
          ? "recalculation"
          : id === "incomplete"
            ? "boundary"
            : id === CLAIM_RULE
              ? "claims"
              : id === PART_RULE
                ? "part-of"
                : "arithmetic",
      ],
    },
  }));
  const ruleIndex = (id: string) => ruleIds.indexOf(id as (typeof ruleIds)[number]);

  const findingResult = (f: Finding) => {
    const cell = sheetCell(f.source);
    const where = `${metricLabel(dataset, f.metric, ctx.lang)} · ${columnLabel(dataset, f.column, ctx.lang)}${cell ? ` (${cell})` : ""}`;
    const numbers = `${t(ctx, "published")} ${publishedText(f) || "—"}, ${wholeText(f, dataset, ctx) ?? `${t(ctx, "recomputed")} ${recomputedText(f)}${f.difference ? ` (${differenceText(f)})` : ""}`}`;
    const extra = f.displayScale + 6;
    const ack = acknowledgementOf(result.acknowledgements, f.key);
    return {
      ruleId: f.kind === "part-of" ? PART_RULE : f.status,
      ruleIndex: ruleIndex(f.kind === "part-of" ? PART_RULE : f.status),
      level: levelOf(f.status, options.failOn),
      message: {
        text: [
          `${t(ctx, `status.${f.status}`)} — ${where}: ${numbers}.`,
          ...f.causes.map((c) => causeText(ctx, c)),
          ...(ack ? [ackSentence(ack, ctx)] : []),
        ].join("\n"),
      },
      locations: [
        location(options.pathOf(sourceFile(f.source).file), sourceFile(f.source).line, sourceFile(f.source).column),
      ],
      // Stable across runs, so a dashboard can tell a new problem from one it has seen.
      partialFingerprints: { "esgRecalcCell/v1": `${dataset.id}/${f.key}` },
      // Acknowledged and unchanged: a suppression accepted by its reviewer (SARIF §3.35), so dashboards hide it.
      ...(ack?.state === "acknowledged" ? { suppressions: [suppression(ack, options.pathOf)] } : {}),
      properties: {
        dataset: dataset.id,
        metric: f.metric,
        column: f.column,
        kind: f.kind,
        status: f.status,
        published: f.published,
        publishedValue: f.publishedNumber ? f.publishedNumber.value.toFixed(f.publishedNumber.scale) : null,
        recomputed: f.recomputedRounded ? f.recomputedRounded.toFixed(f.displayScale) : null,
        difference: f.difference ? f.difference.toFixed(f.displayScale) : null,
        publishedInterval: f.publishedInterval ? intervalJson(f.publishedInterval, extra) : null,
        recomputedInterval: f.recomputedInterval ? intervalJson(f.recomputedInterval, extra) : null,
        causes: f.causes.map((c) => c.code),
        ...(f.whole
          ? {
              whole: {
                metric: f.whole.metric,
                column: f.whole.column,
                published: f.whole.published,
                rule: f.whole.rule,
              },
            }
          : {}),
      },
    };
  };

  const results = [
    ...result.findings.filter((f) => f.status !== "match").map(findingResult),
    ...result.claims
      .filter((c) => c.verdict === "contradicted")
      .map((c) => ({
        ruleId: CLAIM_RULE,
        ruleIndex: ruleIndex(CLAIM_RULE),
        level: (options.failOn === "none" ? "warning" : "error") as Level,
        message: {
          text: `“${c.entry.text}”${c.entry.reference ? ` (${c.entry.reference})` : ""}: ${causeText(ctx, c.reason)}`,
        },
        locations: [location(options.pathOf(c.entry.source.file), c.entry.source.line)],
        partialFingerprints: { "esgRecalcClaim/v1": `${dataset.id}/${c.entry.id}` },
        ...(acknowledgementOf(result.acknowledgements, claimKey(c.entry.id))?.state === "acknowledged"
          ? {
              suppressions: [
                suppression(acknowledgementOf(result.acknowledgements, claimKey(c.entry.id))!, options.pathOf),
              ],
            }
          : {}),
        properties: { dataset: dataset.id, claim: c.entry.id, expression: c.entry.expression },
      })),
  ];

  const log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: { name: "esg-recalc", semanticVersion: options.toolVersion, version: options.toolVersion, rules },
        },
        automationDetails: { id: `esg-recalc/${dataset.id}/` },
        columnKind: "unicodeCodePoints",
        language: ctx.lang,
        results,
        invocations: [{ executionSuccessful: true }],
        properties: {
          dataset: dataset.id,
          period: dataset.period.label,
          denominator: result.denominator?.id ?? null,
          failOn: options.failOn,
          verdict: failed(result, options.failOn) ? "fail" : "pass",
          counts: result.counts,
        },
      },
    ],
  };
  return JSON.stringify(log, null, 2) + "\n";
}
