// JUnit XML, the shape CI systems read (Jenkins, GitLab, Azure DevOps, CircleCI, test-reporter actions):
// <testsuites> ⊃ <testsuite> per section of the table ⊃ <testcase> per checked cell; a <failure> for each finding at
// or above --fail-on, so the report agrees with the exit code. Counts on every element add up. No timestamps or
// durations that vary between runs (time="0": the checks take no measurable time each).
import { failsAt, isCellFinding, type Finding, type Status } from "../findings/finding.js";
import type { CheckResult } from "../findings/checkResult.js";
import type { ReportOptions } from "./options.js";
import type { ClaimResult } from "../findings/results.js";
import { verdictSentence } from "./explain.js";
import { columnLabel, metricLabel, sectionPath, t, type RenderContext, causeText } from "./labels.js";
import { sourceFile, sourceText } from "./location.js";
import { acknowledgementOf, claimKey } from "../findings/acknowledgement.js";
import { ackByText, ackSentence } from "./acknowledged.js";

/** XML 1.0 allows tab, LF, CR and everything from U+0020 except surrogates and U+FFFE/U+FFFF. */
const INVALID_XML = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

export const xmlText = (s: string): string =>
  s.replace(INVALID_XML, "\ufffd").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
/** Attribute values: newlines and tabs as character references, or a parser would normalise them to spaces. */
export const xmlAttr = (s: string): string =>
  xmlText(s)
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;")
    .replace(/\t/g, "&#9;");

const attrs = (a: Record<string, string | number | undefined>) =>
  Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join("");

interface Case {
  name: string;
  classname: string;
  file?: string;
  line?: number;
  outcome:
    | { kind: "pass"; note?: string }
    | { kind: "failure"; type: string; message: string; detail: string }
    | { kind: "skipped"; message: string };
}

interface Suite {
  name: string;
  cases: Case[];
}

/** file: the path relative to the repository root (the CLI makes it so), as test reporters place it. */
export type JunitOptions = Pick<ReportOptions, "failOn" | "datasetArg"> & Partial<Pick<ReportOptions, "pathOf">>;

function findingCase(
  f: Finding,
  result: CheckResult,
  ctx: RenderContext,
  failOn: Status | "none",
  pathOf: (file: string) => string,
  datasetArg?: string,
): Case {
  const { dataset } = result;
  const extra = isCellFinding(f) ? "" : ` (${t(ctx, `kind.${f.kind}`)})`;
  const where = sourceText(f.source);
  const at = sourceFile(f.source);
  const sentence = verdictSentence(f, ctx, result);
  const ack = failOn === "none" ? undefined : acknowledgementOf(result.acknowledgements, f.key);
  const detail = [
    sentence,
    ...f.causes.map((c) => causeText(ctx, c)),
    `${t(ctx, "source")}: ${where}`,
    `esg-recalc explain ${f.metric} --column ${f.column}${datasetArg ? ` --dataset ${datasetArg}` : ""}`,
  ].join("\n");
  return {
    name: `${metricLabel(dataset, f.metric, ctx.lang)} · ${columnLabel(dataset, f.column, ctx.lang)}${extra}`,
    classname: `${dataset.id}.${f.metric}`,
    file: pathOf(at.file),
    ...(at.line !== undefined ? { line: at.line } : {}),
    outcome:
      ack?.state === "acknowledged"
        ? { kind: "skipped", message: `${t(ctx, "ack.acknowledged")} (${ackByText(ack, ctx)}): ${ack.entry.reason}` }
        : failsAt(f.status, failOn) || ack?.state === "changed"
          ? {
              kind: "failure",
              type: f.status,
              message: ack ? `${sentence} ${ackSentence(ack, ctx)}` : sentence,
              detail,
            }
          : { kind: "pass", ...(f.status !== "match" ? { note: detail } : {}) },
  };
}

/** A claim's verdict before its reason: "contradicted: " (the id, in English), "不成立：". */
const verdictWord = (ctx: RenderContext, verdict: "contradicted" | "undecidable"): string =>
  ctx.lang === "en" ? `${verdict}: ` : `${t(ctx, `claim.${verdict}`)}：`;

function claimCase(
  c: ClaimResult,
  ctx: RenderContext,
  result: CheckResult,
  failOn: Status | "none",
  pathOf: (file: string) => string,
): Case {
  const detail = `“${c.entry.text}”${c.entry.reference ? ` (${c.entry.reference})` : ""}\n${c.entry.expression}: ${causeText(ctx, c.reason)}\n${c.entry.source.file}:${c.entry.source.line}`;
  const base = {
    name: c.entry.id,
    classname: `${result.dataset.id}.claims`,
    file: pathOf(c.entry.source.file),
    line: c.entry.source.line,
  };
  const ack = acknowledgementOf(result.acknowledgements, claimKey(c.entry.id));
  if (ack?.state === "acknowledged" && failOn !== "none")
    return {
      ...base,
      outcome: {
        kind: "skipped",
        message:
          ctx.lang === "en"
            ? `acknowledged (${ack.entry.by}, ${ack.entry.at}): ${ack.entry.reason}`
            : `${t(ctx, "ack.acknowledged")}（${ackByText(ack, ctx)}）：${ack.entry.reason}`,
      },
    };
  if (c.verdict === "contradicted" && failOn !== "none")
    return {
      ...base,
      outcome: {
        kind: "failure",
        type: "contradicted",
        message: `${verdictWord(ctx, "contradicted")}${causeText(ctx, c.reason)}`,
        detail,
      },
    };
  if (c.verdict === "undecidable")
    return {
      ...base,
      outcome: { kind: "skipped", message: `${verdictWord(ctx, "undecidable")}${causeText(ctx, c.reason)}` },
    };
  return { ...base, outcome: { kind: "pass", note: detail } };
}

function suites(
  result: CheckResult,
  ctx: RenderContext,
  failOn: Status | "none",
  pathOf: (file: string) => string,
  datasetArg?: string,
): Suite[] {
  const out: Suite[] = [];
  for (const f of result.findings) {
    const name = sectionPath(result.dataset, f.metric, ctx.lang) || f.metric;
    let s = out.find((x) => x.name === name);
    if (!s) out.push((s = { name, cases: [] }));
    s.cases.push(findingCase(f, result, ctx, failOn, pathOf, datasetArg));
  }
  if (result.claims.length)
    out.push({ name: t(ctx, "claims"), cases: result.claims.map((c) => claimCase(c, ctx, result, failOn, pathOf)) });
  return out;
}

const count = (cases: Case[], kind: Case["outcome"]["kind"]) => cases.filter((c) => c.outcome.kind === kind).length;

export function renderJunit(result: CheckResult, ctx: RenderContext, options: JunitOptions): string {
  const all = suites(result, ctx, options.failOn, options.pathOf ?? ((f) => f), options.datasetArg);
  const cases = all.flatMap((s) => s.cases);
  const out = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites${attrs({ name: `esg-recalc ${result.dataset.id}`, tests: cases.length, failures: count(cases, "failure"), errors: 0, skipped: count(cases, "skipped"), time: "0" })}>`,
  ];
  all.forEach((s, id) => {
    out.push(
      `  <testsuite${attrs({ name: s.name, id, tests: s.cases.length, failures: count(s.cases, "failure"), errors: 0, skipped: count(s.cases, "skipped"), time: "0" })}>`,
    );
    for (const c of s.cases) {
      const open = `    <testcase${attrs({ name: c.name, classname: c.classname, file: c.file, line: c.line, time: "0" })}`;
      const o = c.outcome;
      if (o.kind === "failure")
        out.push(
          `${open}>`,
          `      <failure${attrs({ message: o.message, type: o.type })}>${xmlText(o.detail)}</failure>`,
          `    </testcase>`,
        );
      else if (o.kind === "skipped")
        out.push(`${open}>`, `      <skipped${attrs({ message: o.message })}/>`, `    </testcase>`);
      else if (o.note) out.push(`${open}>`, `      <system-out>${xmlText(o.note)}</system-out>`, `    </testcase>`);
      else out.push(`${open}/>`);
    }
    out.push(`  </testsuite>`);
  });
  out.push(`</testsuites>`);
  return out.join("\n") + "\n";
}
