// The README's GitHub Actions example, run as CI would run it: its `run:` steps are read from README.md (so the
// example cannot drift from what is tested) and executed one by one with `sh -e`, in a workspace that holds a
// fixture as reports/acme-2024 and this repository as the esg-recalc/ checkout. Only `npm ci --prefix esg-recalc`
// is not run: `npm test` has already installed and built this very checkout, and running it here would reinstall
// the repository the tests run from.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "./runCli.js";

interface Step {
  name?: string;
  always: boolean;
  run: string;
}

/** The `run:` steps of the README's workflow block, each with its name and whether it runs `if: always()`. */
function readmeSteps(): Step[] {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const block = /```yaml\n(# \.github\/workflows\/esg\.yml[\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error("README.md has no ```yaml block starting with # .github/workflows/esg.yml");
  const steps: { lines: string[] }[] = [];
  for (const line of block.split("\n")) {
    if (line.startsWith("- ")) steps.push({ lines: [line.slice(2)] });
    else if (line.startsWith("  ") && steps.length) steps[steps.length - 1]!.lines.push(line.slice(2));
  }
  const out: Step[] = [];
  for (const { lines } of steps) {
    const i = lines.findIndex((l) => l.startsWith("run:"));
    if (i < 0) continue;
    const first = lines[i]!.slice("run:".length).trim();
    // a block scalar (run: |) holds the indented lines after it; a plain one its own line, without a trailing # comment
    const run =
      first === "|"
        ? lines
            .slice(i + 1)
            .filter((l) => l.startsWith("  "))
            .map((l) => l.slice(2))
            .join("\n")
        : first.replace(/\s+#.*$/, "");
    const name = lines
      .find((l) => l.startsWith("name:"))
      ?.slice("name:".length)
      .trim();
    out.push({ ...(name ? { name } : {}), always: lines.some((l) => l.trim() === "if: always()"), run });
  }
  return out;
}

describe("the README's CI example, run on a fixture", () => {
  const steps = readmeSteps();
  const work = mkdtempSync(join(tmpdir(), "esg-ci-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  // The workspace: the user's repository with its dataset, and the tool's checkout beside it.
  cpSync(join(ROOT, "fixtures/statuses"), join(work, "reports/acme-2024"), { recursive: true });
  symlinkSync(ROOT, join(work, "esg-recalc"), "dir");
  const summary = join(work, "step-summary.md");
  const env = {
    ...process.env,
    PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ""}`,
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: work,
    GITHUB_STEP_SUMMARY: summary,
  };
  const run = (step: Step) =>
    spawnSync("sh", ["-e", "-c", step.run], { cwd: work, env, encoding: "utf8", timeout: 60_000 });

  it("installs nothing globally: the tool is built by npm ci in its checkout and run from there", () => {
    expect(steps.map((s) => s.run).join("\n")).not.toMatch(/--global|\bnpm link\b|\bnpm i(nstall)? -g\b/);
    expect(steps[0]!.run).toBe("npm ci --prefix esg-recalc");
    expect(
      steps
        .slice(1)
        .every((s) =>
          s.run.split("\n").every((l) => l.startsWith("node esg-recalc/bin/esg-recalc.js check reports/acme-2024 ")),
        ),
    ).toBe(true);
    expect(steps.map((s) => s.name ?? null)).toEqual([
      null,
      "Recheck the environmental table",
      "Reports for the test and code-scanning tabs",
    ]);
  });

  it("the --format github step fails the job (exit 1) with annotations on the dataset's files, and writes the step summary", () => {
    const r = run(steps[1]!);
    expect(r.stderr).toBe("");
    // fixtures/statuses plants a mismatch, a missing and an omitted cell (its README): at or above --fail-on mismatch.
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(
      /^::error file=reports\/acme-2024\/published\.csv,line=\d+,col=\d+,title=esg-recalc ✗ mismatch/m,
    );
    expect(r.stdout.trimEnd().split("\n").at(-1)).toMatch(
      /^::notice title=esg-recalc fixture-statuses::13 cells checked/,
    );
    expect(readFileSync(summary, "utf8")).toContain("## Findings");
  }, 60_000);

  it("the reports step (if: always()) succeeds and writes the JUnit, SARIF and HTML files", () => {
    const step = steps[2]!;
    expect(step.always).toBe(true);
    const r = run(step);
    expect(r.status).toBe(0);
    expect(readFileSync(join(work, "esg-junit.xml"), "utf8")).toMatch(
      /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="esg-recalc fixture-statuses"/,
    );
    expect((JSON.parse(readFileSync(join(work, "esg.sarif"), "utf8")) as { version: string }).version).toBe("2.1.0");
    expect(readFileSync(join(work, "esg-report.html"), "utf8").startsWith("<!DOCTYPE html>")).toBe(true);
    expect(existsSync(join(work, "esg-recalc", "dist", "cli", "main.js"))).toBe(true); // the checkout's build was used
  }, 60_000);
});
