// Every report format, in one registry (vitest's ReportersMap): a format is one entry, and every reporter has the
// same contract — the finished check, the language context and the run's options in, text (or, for a workbook,
// bytes) out. Each reporter names the options it reads (a Pick of ReportOptions, render/options.ts).
import { renderCsv } from "./csv.js";
import { renderGithub } from "./github.js";
import { renderHtml } from "./html.js";
import { renderJson } from "./json.js";
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
} as const satisfies Record<Format, Reporter>;
