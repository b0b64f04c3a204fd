// The tests the mutation run (stryker.config.json, `npm run mutation`) uses: the unit tests that import the code it
// mutates (src/reconcile, src/compute) directly. Renderer and CLI tests also reach that code, through whole reports,
// but they are slow per mutant and they are not the tests of a check on its own, which is what the score measures.
import { readdirSync, readFileSync } from "node:fs";
import { defineConfig } from "vitest/config";

const dir = "tests/unit";
const direct = readdirSync(dir)
  .filter((f) => f.endsWith(".test.ts"))
  .filter((f) => /from "\.\.\/\.\.\/src\/(reconcile|compute)\//.test(readFileSync(`${dir}/${f}`, "utf8")))
  .map((f) => `${dir}/${f}`);

export default defineConfig({
  test: {
    include: direct,
    testTimeout: 30_000,
  },
});
