// The library entry point: the same pipeline the CLI runs, for programs that want the findings as data.
export {
  check,
  checkDataset,
  openDataset,
  ALL_GROUPS,
  type CheckGroups,
  type CheckOptions,
  type CheckResult,
  type Opened,
} from "./pipeline.js";
export { STATUSES, SEVERITY, type Finding, type Status, type Cause } from "./findings/finding.js";
export { fails, failed } from "./findings/checkResult.js";
export { INPUT_ERROR_TITLES, type InputError, type InputErrorCode, type Result } from "./findings/inputError.js";
export { reportJson } from "./render/json.js";
export { ReportJson } from "./schema/report.js";
export { Dec } from "./model/decimal.js";
export { parsePrintedNumber, printNumber, type PrintedNumber } from "./model/printedNumber.js";
export type { Dataset, Denominator } from "./model/types.js";
