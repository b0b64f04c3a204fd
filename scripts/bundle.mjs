#!/usr/bin/env node
// Bundles the CLI into dist/bundle/ after tsc has compiled it (npm run build): bin/esg-recalc.js loads
// dist/bundle/main.js, one file for everything `check` needs instead of ~190 modules resolved and read one by one
// (zod alone is ~95 files). Measured on the 2-CPU bench machine (issue 16): `esg-recalc --version` took 0.35–0.47 s
// of CPU bundled against 0.50–0.69 s unbundled (6 runs each, load ≈ 11; an empty `node -e ""` takes ≈ 0.17 s).
// The formats, init, explain and factors stay separate chunks, loaded when asked for (dynamic import); the
// scan's second thread and the batch's workers are their own entries (dist/bundle/scanWorker.js and
// batchWorker.js, next to the chunk that starts them). The
// library entry (dist/index.js) is not bundled.
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const out = `${ROOT}dist/bundle`;
rmSync(out, { recursive: true, force: true });
await build({
  entryPoints: [`${ROOT}dist/cli/main.js`, `${ROOT}dist/io/scanWorker.js`, `${ROOT}dist/cli/batchWorker.js`],
  bundle: true,
  splitting: true,
  platform: "node",
  format: "esm",
  target: "node20",
  outdir: out,
  entryNames: "[name]",
  // The same depth as dist/io/*.js, so that paths like new URL("../../data/", import.meta.url) still resolve.
  // commander and cli-table3 are CommonJS: their require() of Node's modules needs a real require.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: "warning",
});
