// What a run asks of its report, whatever the format: one options object, each reporter reading its own part.
import type { Status } from "../findings/status.js";
import type { Paint } from "./style.js";

export interface ReportOptions {
  /** The lowest status that fails the run (--fail-on). */
  failOn: Status | "none";
  /** table, markdown, json, csv: only cells that are not a match (--problems). */
  problemsOnly: boolean;
  /** table: the terminal's width to fit (absent: piped or written to a file, today's layout). */
  width?: number;
  /** table: colour (plain when the output is not a terminal). */
  paint: Paint;
  /** The dataset folder as the user named it (absent: the embedded one), for the explain commands a report shows. */
  datasetArg?: string;
  toolVersion: string;
  /** CI formats: a file's path relative to the repository root, with forward slashes. */
  pathOf: (file: string) => string;
  /** github: where the full list went (the step summary), or null. */
  summaryFile: string | null;
  /** csv: start with a UTF-8 byte-order mark. */
  bom: boolean;
  /** corrected, corrected-markdown: each changed cell also says what was printed (--marks). */
  marks?: boolean;
}
