// Every report format, in one registry (vitest's ReportersMap): a format is one entry, and every reporter has the
// same contract — the finished check, the language context and the run's options in, text (or, for a workbook,
// bytes) out. Each reporter names the options it reads (a Pick of ReportOptions, render/options.ts).
import type { CheckResult } from "../findings/checkResult.js";
import { renderCorrectedCsv, renderCorrectedMarkdown } from "./corrected.js";
import { renderCsv } from "./csv.js";
import { renderGithub } from "./github.js";
import { renderHtml } from "./html.js";
import { renderJson, renderJsonl } from "./json.js";
import { batchCsv, batchGithub, batchHtml, batchJson, batchJsonl, batchJunit, batchMarkdown, batchSarif, batchTable, type BatchReporter } from "./batch.js";
import { renderJunit } from "./junit.js";
import type { RenderContext } from "./labels.js";
import { renderMarkdown } from "./markdown.js";
import type { ReportOptions } from "./options.js";
import { renderSarif } from "./sarif.js";
import { renderTable } from "./table.js";
import { renderXlsx } from "./xlsx.js";


export type { ReportOptions };
export type Reporter = (result: CheckResult, ctx: RenderContext, options: ReportOptions) => string | Uint8Array;

export const REPORTERS = {
  table: renderTable,
  json: renderJson,
  csv: renderCsv,
  markdown: renderMarkdown,
  html: renderHtml,
  github: renderGithub,
  junit: renderJunit,
  sarif: renderSarif,
  xlsx: renderXlsx,
  jsonl: renderJsonl,
  corrected: renderCorrectedCsv,
  "corrected-markdown": renderCorrectedMarkdown,
} as const satisfies Record<string, Reporter>;

export type Format = keyof typeof REPORTERS;
export const FORMATS = Object.keys(REPORTERS) as Format[];

/** Formats whose report is bytes, not text: written to a file, never to a terminal. */
export const BINARY_FORMATS: readonly Format[] = ["xlsx"];

/** Reporters of a batch (check DIR...): the formats that put many datasets into one report. */
export const BATCH_REPORTERS: Partial<Record<Format, BatchReporter<any>>> = {
  table: batchTable,
  json: batchJson,
  jsonl: batchJsonl,
  csv: batchCsv,
  markdown: batchMarkdown,
  html: batchHtml,
  github: batchGithub,
  junit: batchJunit,
  sarif: batchSarif,
};
