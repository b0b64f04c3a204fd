import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "vitest/config";

// Every temporary folder a test makes (and every CLI it spawns) lands under one root that the suite removes when it
// ends (tests/tempRoot.ts), so a run leaves nothing behind in the system's temp folder. Tests keep calling
// os.tmpdir(): it reads TMPDIR.
const tempRoot = mkdtempSync(join(tmpdir(), "esg-recalc-tests-"));
process.env.ESG_RECALC_TEST_TEMP = tempRoot;

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    env: { TMPDIR: tempRoot },
    globalSetup: ["tests/tempRoot.ts"],
    // CLI tests spawn the built binary; they are independent, but keep the 2-core machine responsive.
    maxWorkers: 2,
    // A test that spawns the CLI can wait behind the other worker's (or the browser test's Chromium) on 2 cores:
    // time limits are for hung tests, not for measuring speed (bench/ does that).
    testTimeout: 30_000,
  },
});
