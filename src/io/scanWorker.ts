// The second thread of a two-thread scan (activityScan.ts): the main thread's name rules arrive as plain tables,
// so this thread decides every name exactly as it would; it reads its byte range and hands its slots back.
import { closeSync, fstatSync, openSync } from "node:fs";
import { workerData, type MessagePort } from "node:worker_threads";
import { planFromTables } from "../model/activityPlan.js";
import type { ScanColumns, ScanTables } from "../model/source.js";
import { scan } from "./activityScan.js";

const { tables, path, start, cols, port, flag } = workerData as {
  tables: ScanTables;
  path: string;
  start: number;
  cols: ScanColumns;
  port: MessagePort;
  flag: Int32Array;
};

let message: unknown;
let transfer: ArrayBuffer[] = [];
try {
  const fd = openSync(path, "r");
  try {
    const result = scan(fd, planFromTables(tables), undefined, { start, end: fstatSync(fd).size, cols });
    if (result) {
      const sums = result.sums.exportState();
      message = { ok: true, result: { ...result, sums } };
      transfer = [
        result.leaf,
        result.period,
        result.metric,
        result.unit,
        result.line,
        result.column,
        result.grouped,
        result.seen,
        sums.sum,
        sums.hwHi,
        sums.hwLo,
        sums.scale,
        sums.count,
      ].map((a) => a.buffer as ArrayBuffer);
    } else message = { ok: true, result: null };
  } finally {
    closeSync(fd);
  }
} catch (err) {
  message = { ok: false, error: String(err) };
}
port.postMessage(message, transfer);
Atomics.store(flag, 0, 1);
Atomics.notify(flag, 0);
