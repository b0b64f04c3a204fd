import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // CLI tests spawn the built binary; they are independent, but keep the 2-core machine responsive.
    maxWorkers: 2,
    // A test that spawns the CLI can wait behind the other worker's (or the browser test's Chromium) on 2 cores:
    // time limits are for hung tests, not for measuring speed (bench/ does that).
    testTimeout: 30_000,
  },
});
