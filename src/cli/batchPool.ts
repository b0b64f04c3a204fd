// Batch runs over worker threads: each worker checks one dataset at a time and sends back its report fragment;
// the next dataset goes to whichever worker is free. Fragments are put back in the batch's order, so the report
// is the same, byte for byte, whatever the number of threads.
import { Worker } from "node:worker_threads";
import type { InputError } from "../findings/inputError.js";
import type { Fragment } from "../render/batch.js";
import type { CliFlags } from "./options.js";

/** What each worker (cli/batchWorker.ts) starts with: the run's flags as plain values, its environment, its colours. */
export interface WorkerSetup {
  flags: Omit<CliFlags, "materiality"> & { materiality?: string };
  env: NodeJS.ProcessEnv;
  colorLevel: 0 | 1 | 2 | 3;
  width?: number;
}

/** A dataset to check (its place in the batch), or null: no more work, close. */
export type WorkerJob = { index: number; path: string } | null;

export interface Checked {
  fragment: Fragment;
  errors: InputError[];
}

export function checkInWorkers(paths: readonly string[], threads: number, setup: WorkerSetup): Promise<Checked[]> {
  const out: Checked[] = new Array(paths.length);
  let next = 0;
  let done = 0;
  return new Promise((resolvePromise, reject) => {
    if (paths.length === 0) return resolvePromise([]);
    const workers = Array.from(
      { length: Math.min(threads, paths.length) },
      () => new Worker(new URL("./batchWorker.js", import.meta.url), { workerData: setup }),
    );
    const send = (w: Worker) => {
      const job: WorkerJob = next < paths.length ? { index: next, path: paths[next]! } : null;
      next++;
      w.postMessage(job);
    };
    for (const w of workers) {
      w.on("message", (m: { index: number; fragment?: Fragment; errors?: InputError[]; error?: string }) => {
        if (m.error || !m.fragment) {
          for (const x of workers) void x.terminate();
          return reject(new Error(m.error ?? "a worker sent no report"));
        }
        out[m.index] = { fragment: m.fragment, errors: m.errors ?? [] };
        done++;
        if (done === paths.length) {
          for (const x of workers) x.postMessage(null);
          resolvePromise(out);
        } else send(w);
      });
      w.on("error", (err) => {
        for (const x of workers) void x.terminate();
        reject(err);
      });
      send(w);
    }
  });
}
