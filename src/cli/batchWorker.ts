// A worker thread of a batch run (cli/batchPool.ts): checks the datasets it is sent, one at a time, and answers
// each with its report fragment (a plain value). The reader inside keeps to one thread (no nested threads).
import { parentPort, workerData } from "node:worker_threads";
import { Dec } from "../model/decimal.js";
import { BATCH_REPORTERS, type ReportOptions } from "../render/reporters.js";
import { paint } from "../render/style.js";
import { toolVersion } from "../io/reference.js";
import { context, load, repoPath } from "./main.js";
import type { CliFlags } from "./options.js";
import type { WorkerJob, WorkerSetup } from "./batchPool.js";

const setup = workerData as WorkerSetup;
const flags: CliFlags = {
  ...setup.flags,
  ...(setup.flags.materiality !== undefined ? { materiality: new Dec(setup.flags.materiality) } : {}),
} as CliFlags;
const env = { ...setup.env, ESG_RECALC_THREADS: "1" };
const ctx = context(flags);
const reporter = BATCH_REPORTERS[flags.format]!;
const options: ReportOptions = {
  failOn: flags.failOn,
  problemsOnly: flags.problems === true,
  paint: paint(setup.colorLevel),
  toolVersion: toolVersion(),
  pathOf: repoPath({ env }),
  summaryFile: null,
  bom: flags.bom === true,
  ...(setup.width ? { width: setup.width } : {}),
};

parentPort!.on("message", (job: WorkerJob) => {
  if (job === null) return void parentPort!.close();
  if (Array.isArray(ctx))
    return void parentPort!.postMessage({ index: job.index, error: "the tool's messages cannot be read" });
  const loaded = load(job.path, flags, env);
  const entry = loaded.ok
    ? { path: job.path, result: loaded.result, errors: [] }
    : { path: job.path, result: null, errors: loaded.errors };
  parentPort!.postMessage({
    index: job.index,
    fragment: reporter.fragment(entry, job.index, ctx, options),
    errors: entry.errors,
  });
});
