// Which period an activity row belongs to: a period's label (the whole period), a blank (the report's own), or
// a month "YYYY-MM" inside one of the declared periods — monthly meter readings are summed to their period.
// Each month is a slot, so a repeated (facility, metric, month) can be told with one bit per slot.
import { message, type Message } from "../findings/inputError.js";

export interface PeriodRange {
  label: string;
  start: string;
  end: string;
}

/** The slot of a row that covers the whole period (months use 0 … 30). */
export const WHOLE_PERIOD = 31;

export type PeriodSlot = { period: number; slot: number } | { error: string; say: Message };

const MONTH = /^(\d{4})-(\d{2})$/;

/** `periods`: the report's own first. Pure: the same answer for the same text, so callers may cache it. */
export function resolvePeriod(text: string, periods: readonly PeriodRange[]): PeriodSlot {
  const t = text.trim();
  if (t === "") return { period: 0, slot: WHOLE_PERIOD };
  const byLabel = periods.findIndex((p) => p.label === t);
  if (byLabel >= 0) return { period: byLabel, slot: WHOLE_PERIOD };
  const m = MONTH.exec(t);
  if (!m)
    return {
      error: `neither a period of the manifest (${periods.map((p) => p.label).join(", ")}) nor a month written YYYY-MM`,
      say: message("error.period.neither", { periods: periods.map((p) => p.label).join(", ") }),
    };
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12) return { error: "not a month (01 to 12)", say: message("error.period.not-a-month") };
  const first = `${m[1]}-${m[2]}-01`;
  const last = `${m[1]}-${m[2]}-${String(new Date(Date.UTC(year, month, 0)).getUTCDate()).padStart(2, "0")}`;
  const i = periods.findIndex((p) => p.start <= first && last <= p.end);
  if (i < 0)
    return {
      error: `a month in no declared period (${periods.map((p) => `${p.label}: ${p.start} to ${p.end}`).join("; ")})`,
      say: message("error.period.month-outside", {
        periods: {
          items: periods.map((p) => message("error.period.range", { label: p.label, start: p.start, end: p.end })),
          join: "phrase.join.semicolon",
        },
      }),
    };
  const start = periods[i]!.start;
  const slot = (year - Number(start.slice(0, 4))) * 12 + (month - Number(start.slice(5, 7)));
  if (slot >= WHOLE_PERIOD)
    return {
      error: `more than ${WHOLE_PERIOD} months after ${periods[i]!.label} starts: monthly rows are supported for periods up to ${WHOLE_PERIOD} months`,
      say: message("error.period.too-long", { n: String(WHOLE_PERIOD), period: periods[i]!.label }),
    };
  return { period: i, slot };
}
