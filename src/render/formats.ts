// The report formats by name, and each one's reporter loaded only when it is asked for: `check --format json`
// never loads the HTML, workbook or table renderers (start-up time, issue 16). render/reporters.ts is the same
// registry loaded all at once, for callers that want every reporter.
import type { CheckResult } from "../findings/checkResult.js";
import type { RenderContext } from "./labels.js";
import type { ReportOptions } from "./options.js";

export type Reporter = (result: CheckResult, ctx: RenderContext, options: ReportOptions) => string | Uint8Array;

export const LAZY_REPORTERS = {
  table: async () => (await import("./table.js")).renderTable,
  json: async () => (await import("./json.js")).renderJson,
  csv: async () => (await import("./csv.js")).renderCsv,
  markdown: async () => (await import("./markdown.js")).renderMarkdown,
  html: async () => (await import("./html.js")).renderHtml,
  github: async () => (await import("./github.js")).renderGithub,
  junit: async () => (await import("./junit.js")).renderJunit,
  sarif: async () => (await import("./sarif.js")).renderSarif,
  xlsx: async () => (await import("./xlsx.js")).renderXlsx,
  jsonl: async () => (await import("./json.js")).renderJsonl,
  corrected: async () => (await import("./corrected.js")).renderCorrectedCsv,
  "corrected-markdown": async () => (await import("./corrected.js")).renderCorrectedMarkdown,
} as const satisfies Record<string, () => Promise<Reporter>>;

export type Format = keyof typeof LAZY_REPORTERS;
export const FORMATS = Object.keys(LAZY_REPORTERS) as Format[];

/** Formats whose report is bytes, not text: written to a file, never to a terminal. */
export const BINARY_FORMATS: readonly Format[] = ["xlsx"];

export const loadReporter = (format: Format): Promise<Reporter> => LAZY_REPORTERS[format]();
