// Global setup: removes the suite's temporary root (made by vitest.config.ts) when the run ends, pass or fail.
// Set ESG_RECALC_KEEP_TEMP=1 to keep it for a look at what a failing test wrote.
import { rmSync } from "node:fs";

export default function setup(): () => void {
  const root = process.env.ESG_RECALC_TEST_TEMP;
  return () => {
    if (root && !process.env.ESG_RECALC_KEEP_TEMP) rmSync(root, { recursive: true, force: true });
  };
}
