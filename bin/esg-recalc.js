#!/usr/bin/env node
// The bundled CLI (scripts/bundle.mjs, part of npm run build): one file to load instead of ~190 modules.
import { main } from "../dist/bundle/main.js";
// A reader that stops early (`| head`) closes the pipe: that is not a crash. Keep the exit code main chose.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err) => {
    if (err.code !== "EPIPE") throw err;
    process.exit(process.exitCode ?? 0);
  });
}
main(process.argv).then((code) => {
  process.exitCode = code;
});
