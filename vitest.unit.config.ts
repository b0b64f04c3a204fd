// The unit tests alone (tests/unit): what the mutation run (stryker.config.json, npm run mutation) uses.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/unit/**/*.test.ts"],
    testTimeout: 30_000,
  },
});
