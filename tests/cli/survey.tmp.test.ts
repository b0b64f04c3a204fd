import { readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { it } from "vitest";
import { main } from "../../src/cli/main.js";
import { allowedFor, englishWords } from "./englishWords.js";
import { ROOT } from "./runCli.js";
async function run(args: string[]) {
  let stdout = "",
    stderr = "";
  const code = await main(["node", "esg-recalc", ...args], {
    stdout: { write: (x: string) => (stdout += x) },
    stderr: { write: (x: string) => (stderr += x) },
    env: { NO_COLOR: "1" },
  });
  return { stdout, stderr, code };
}
const folders = (dir: string) =>
  readdirSync(join(ROOT, dir))
    .filter((d) => statSync(join(ROOT, dir, d)).isDirectory())
    .map((d) => `${dir}/${d}`);
it("survey", { timeout: 600_000 }, async () => {
  const out: string[] = [];
  for (const d of [...folders("fixtures").filter((d) => d !== "fixtures/hostile"), ...folders("fixtures/hostile")]) {
    const allowed = allowedFor(join(ROOT, d));
    for (const cmd of [
      ["check", join(ROOT, d)],
      ["validate", join(ROOT, d)],
    ]) {
      const r = await run([...cmd, "--lang", "zh-Hant"]);
      if (r.code !== 2 && cmd[0] === "check") continue;
      for (const line of (r.stderr + (cmd[0] === "validate" ? r.stdout : "")).split("\n")) {
        const w = englishWords(line, allowed);
        if (w.length) out.push(`${d} [${cmd[0]}] ${w.join(" ")} <- ${line.slice(0, 200)}`);
      }
    }
  }
  writeFileSync("/tmp/h13/survey.txt", out.join("\n") + "\n");
});
