// The questions asked of the activity data whichever reader read it (model/types.ts ActivitySource): how many
// rows were read, and whether a period has any.
import type { ActivitySource } from "./types.js";

/** Rows read from the activity files (monthly rows summed into one value count each). */
export function activityRows(source: ActivitySource): number {
  return source.reader === "streaming" ? source.compact.rows : source.values.reduce((n, a) => n + (a.rows ?? 1), 0);
}

/** Does any activity row fall in `period`? (`periods`: the dataset's labels, in the order the slots number them.) */
export function hasRowsIn(source: ActivitySource, periods: readonly string[], period: string): boolean {
  return source.reader === "streaming"
    ? source.compact.periodsWithData.has(periods.indexOf(period))
    : source.values.some((a) => a.period === period);
}
