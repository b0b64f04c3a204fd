import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // CLI tests spawn the built binary; they are independent, but keep the 2-core machine responsive.
    maxWorkers: 2,
  },
});
