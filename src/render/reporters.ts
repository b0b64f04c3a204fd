// Every report format, in one registry (vitest's ReportersMap): a format is one entry, and every reporter has the
// same contract — the finished check, the language context and the run's options in, text (or, for a workbook,
// bytes) out. Each reporter names the options it reads (a Pick of ReportOptions, render/options.ts).
// render/formats.ts is the same registry loaded one format at a time (what the CLI uses).
import {
  batchCsv,
  batchGithub,
  batchHtml,
  batchJson,
  batchJsonl,
  batchJunit,
  batchMarkdown,
  batchSarif,
  batchTable,
  type BatchReporter,
} from "./batch.js";
import { renderCorrectedCsv, renderCorrectedMarkdown } from "./corrected.js";
import { renderCsv } from "./csv.js";
import { renderGithub } from "./github.js";
import { renderHtml } from "./html.js";
import { renderJson, renderJsonl } from "./json.js";
import { renderJunit } from "./junit.js";
import { renderMarkdown } from "./markdown.js";
import type { ReportOptions } from "./options.js";
import type { Format, Reporter } from "./formats.js";
import { renderSarif } from "./sarif.js";
import { renderTable } from "./table.js";
import { renderXlsx } from "./xlsx.js";

export type { ReportOptions };
export type { Reporter } from "./formats.js";
export { BINARY_FORMATS, FORMATS, type Format } from "./formats.js";

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
} as const satisfies Record<Format, Reporter>;

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
