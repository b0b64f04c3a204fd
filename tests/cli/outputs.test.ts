// `check` with the formats for people and pipelines (html, github, junit, sarif, csv --bom) and --output, run as a
// user would: the real binary, stdout, stderr, exit code and the files it writes. The formats' contents are tested
// in tests/unit/{html,github,junit,sarif,csv}.test.ts; here: what the command line adds.
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main, type Io } from "../../src/cli/main.js";
import { fixture, ROOT, runCli } from "./runCli.js";

const ARITHMETIC_ONLY = ["--no-recalculation", "--no-implied", "--no-boundary", "--no-denominators"];
const work = mkdtempSync(join(tmpdir(), "esg-recalc-cli-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A copy of a fixture to write next to (a broken refusal must never overwrite the repository's own files). */
function copyOf(name: string): string {
  const dir = mkdtempSync(join(work, `${name}-`));
  cpSync(join(ROOT, "fixtures", name), dir, { recursive: true });
  return dir;
}

/**
 * The same command line in-process (main() with captured streams): the checks below that need many runs use it,
 * to keep the suite fast on a small machine; the acceptance cases run the real binary.
 */
async function inProcess(args: string[], options: { tty?: boolean; env?: NodeJS.ProcessEnv } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    stdout: { write: (s: string) => out.push(s), isTTY: false },
    stderr: { write: (s: string) => err.push(s), isTTY: options.tty === true },
    env: { NO_COLOR: "1", ...options.env },
  };
  const code = await main(["node", "esg-recalc", ...args], io);
  return { code, stdout: out.join(""), stderr: err.join("") };
}

describe("--output", () => {
  it("--format html --output report.html on the embedded dataset: the file, nothing on stdout or stderr, exit 1", () => {
    const out = join(work, "report.html");
    const r = runCli(["check", "--format", "html", "--output", out]);
    expect(r.code).toBe(1); // NIO's table has errors
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("");
    const html = readFileSync(out, "utf8");
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain("NIO Inc.");
    expect(html.trimEnd().endsWith("</html>")).toBe(true);
  });

  it("writes exactly what stdout would get, for every format", async () => {
    for (const format of ["table", "json", "csv", "markdown", "html", "github", "junit", "sarif"]) {
      const args = ["check", fixture("statuses"), "--format", format, ...ARITHMETIC_ONLY];
      const out = join(work, `statuses.${format}`);
      const toStdout = await inProcess(args);
      const toFile = await inProcess([...args, "--output", out]);
      expect(toFile.code, format).toBe(toStdout.code);
      expect(toFile.code, format).toBe(1);
      expect(toFile.stdout, format).toBe("");
      expect(toFile.stderr, format).toBe("");
      expect(readFileSync(out, "utf8"), format).toBe(toStdout.stdout);
    }
  }, 30_000);

  it("replaces an existing report and leaves no temporary file in the folder", () => {
    const dir = mkdtempSync(join(work, "replace-"));
    const out = join(dir, "report.json");
    writeFileSync(out, "old");
    const r = runCli(["check", fixture("minimal"), "--format", "json", "--output", out, ...ARITHMETIC_ONLY]);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(out, "utf8"))).toMatchObject({
      dataset: { id: "fixture-minimal" },
      verdict: "pass",
    });
    expect(readdirSync(dir)).toEqual(["report.json"]);
  });

  it("a folder that does not exist: exit 2 (write-failed), nothing written, nothing on stdout", () => {
    const out = join(work, "no-such-folder", "report.html");
    const r = runCli(["check", fixture("minimal"), "--format", "html", "--output", out]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("error[write-failed]");
    expect(r.stderr).toContain("its folder does not exist");
    expect(existsSync(join(work, "no-such-folder"))).toBe(false);
  });
});

describe("--output never overwrites an input", () => {
  const refused = async (args: string[], victim: string, real = false) => {
    const before = readFileSync(victim);
    const r = real ? runCli(args) : await inProcess(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("error[output-is-input]");
    expect(r.stderr).toContain("refused, nothing was written");
    expect(readFileSync(victim).equals(before)).toBe(true);
    return r;
  };

  it("the manifest, the published table, an activity file: exit 2, the file byte for byte unchanged", async () => {
    const ds = copyOf("minimal");
    for (const f of ["manifest.json", "published.csv", "energy.csv", "emissions.csv"]) {
      const r = await refused(
        ["check", ds, "--format", "csv", "--output", join(ds, f)],
        join(ds, f),
        f === "manifest.json",
      );
      expect(r.stderr).toContain(f);
    }
    expect(readdirSync(ds).sort()).toEqual([
      "README.md",
      "emissions.csv",
      "energy.csv",
      "manifest.json",
      "published.csv",
    ]);
  }, 30_000);

  it("named relatively, with .., or through a symbolic link", async () => {
    const ds = copyOf("minimal");
    symlinkSync(join(ds, "published.csv"), join(work, "published-link.csv"));
    await refused(
      ["check", relative(ROOT, ds), "--output", relative(ROOT, join(ds, "published.csv"))],
      join(ds, "published.csv"),
      true,
    );
    await refused(["check", ds, "--output", join(ds, "..", relative(work, ds), "energy.csv")], join(ds, "energy.csv"));
    await refused(["check", ds, "--output", join(work, "published-link.csv")], join(ds, "published.csv"));
  }, 30_000);

  it("a claims file and a factor file the manifest names, and a --factors file", async () => {
    const pinned = copyOf("pinned-factors");
    const manifest = JSON.parse(readFileSync(join(pinned, "manifest.json"), "utf8")) as {
      files: { factors: string[] };
    };
    const own = join(pinned, manifest.files.factors[0]!);
    await refused(["check", pinned, "--format", "sarif", "--output", own], own);
    const extra = join(work, "extra-factors.csv");
    cpSync(own, extra);
    await refused(["check", pinned, "--factors", extra, "--format", "junit", "--output", extra], extra);
    const nio = mkdtempSync(join(work, "nio-"));
    cpSync(join(ROOT, "data/datasets/nio-2021"), nio, { recursive: true });
    await refused(["check", nio, "--format", "html", "--output", join(nio, "claims.csv")], join(nio, "claims.csv"));
  }, 30_000);

  it("--format json: the refusal is also a JSON error document on stdout", () => {
    const ds = copyOf("minimal");
    const r = runCli(["check", ds, "--format", "json", "--output", join(ds, "manifest.json")]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({
      errors: [{ code: "output-is-input", title: "--output names a file the run reads" }],
    });
  });
});

describe("--bom", () => {
  it("csv --bom: the bytes start with EF BB BF, on stdout and in a file; the label beginning with = is neutralised", () => {
    const out = join(work, "labels.csv");
    const r = runCli([
      "check",
      fixture("formula-labels"),
      "--format",
      "csv",
      "--bom",
      "--output",
      out,
      ...ARITHMETIC_ONLY,
    ]);
    expect(r.code).toBe(0);
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3, 9).toString("utf8")).toBe("metric");
    expect(bytes.toString("utf8")).toContain(
      "energy.purchased_heat,'=Purchased heat,MWh,plant-b,'@Plant B,input,match,45.5,",
    );
    const piped = runCli(["check", fixture("formula-labels"), "--format", "csv", "--bom", ...ARITHMETIC_ONLY]);
    expect(piped.stdout.charCodeAt(0)).toBe(0xfeff);
    expect(
      runCli(["check", fixture("formula-labels"), "--format", "csv", ...ARITHMETIC_ONLY]).stdout.startsWith("metric,"),
    ).toBe(true);
  }, 30_000);

  it("--bom with another format is bad usage (exit 2)", () => {
    const r = runCli(["check", fixture("minimal"), "--format", "json", "--bom"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--bom applies to --format csv");
  });
});

describe("--format github", () => {
  it("appends the full Markdown list to $GITHUB_STEP_SUMMARY and says so in the summary line", () => {
    const summary = join(work, "step-summary.md");
    writeFileSync(summary, "## an earlier step\n");
    const r = runCli(["check", fixture("statuses"), "--format", "github", ...ARITHMETIC_ONLY], {
      env: { GITHUB_STEP_SUMMARY: summary, GITHUB_WORKSPACE: undefined },
    });
    expect(r.code).toBe(1);
    const text = readFileSync(summary, "utf8");
    expect(text.startsWith("## an earlier step\n# Fixture Co.")).toBe(true);
    expect(text).toContain("| Scope 2 | tCO2e | Group | **1,410.5** | **2,140.5** | **+730.0** | **✗ mismatch** |");
    expect(text).toContain("**Summary:** 13 cells checked");
    expect(r.stdout.trimEnd().split("\n").at(-1)).toMatch(
      /^::notice title=esg-recalc fixture-statuses::13 cells checked: .*\(full list in the step summary\)$/,
    );
  });

  it("without $GITHUB_STEP_SUMMARY writes no file and does not mention one", () => {
    const r = runCli(["check", fixture("statuses"), "--format", "github", ...ARITHMETIC_ONLY], {
      env: { GITHUB_STEP_SUMMARY: undefined, GITHUB_WORKSPACE: undefined },
    });
    expect(r.stdout).not.toContain("step summary");
    expect(r.stdout).toContain("::error file=fixtures/statuses/published.csv,line=");
  });

  it("paths are relative to $GITHUB_WORKSPACE when it is set", () => {
    const r = runCli(["check", fixture("statuses"), "--format", "github", ...ARITHMETIC_ONLY], {
      env: { GITHUB_WORKSPACE: join(ROOT, "fixtures") },
    });
    expect(r.stdout).toContain("::error file=statuses/published.csv,line=");
  });
});

describe("progress", () => {
  it("nothing on stderr when it is not a terminal (a pipe): the real binary, stdout and stderr both pipes", () => {
    const r = runCli(["check"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("92 cells checked");
    expect(r.stderr).toBe("");
  });

  // The terminal case in-process: main() with a stderr that says it is a TTY.
  const run = (args: string[], tty: boolean) => inProcess(args, { tty });

  it("on a terminal: a progress line with rows read and rate, cleared before the report goes to stdout", async () => {
    const r = await run(["check", fixture("minimal"), ...ARITHMETIC_ONLY], true);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("esg-recalc: reading fixtures/minimal …");
    // while the activity files are scanned, the rows read so far (energy.csv has 2, emissions.csv 4)
    expect(r.stderr).toMatch(/esg-recalc: reading fixtures\/minimal … [246] rows\r/);
    // fixtures/minimal: 5 published rows + 6 activity rows from published.csv, energy.csv, emissions.csv + manifest.json
    expect(r.stderr).toMatch(/esg-recalc: read 11 rows from 4 files in \d+\.\d\d s \(\d+ rows\/s\)/);
    expect(r.stderr.endsWith("\r\u001b[K")).toBe(true);
    expect(r.stdout).toContain("13 cells checked");
  });

  it("on a terminal with --output: the line ends saying which file was written", async () => {
    const out = join(work, "tty.html");
    const r = await run(["check", fixture("minimal"), "--format", "html", "--output", out, ...ARITHMETIC_ONLY], true);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      new RegExp(
        `esg-recalc: read 11 rows from 4 files in \\d+\\.\\d\\d s \\([\\d,]+ rows/s\\) — wrote ${out.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\n$`,
      ),
    );
    expect(r.stdout).toBe("");
  });

  it("--quiet: nothing on stderr even on a terminal; and nothing off a terminal", async () => {
    expect((await run(["check", fixture("minimal"), "--quiet", ...ARITHMETIC_ONLY], true)).stderr).toBe("");
    expect((await run(["check", fixture("minimal"), ...ARITHMETIC_ONLY], false)).stderr).toBe("");
  });

  it("bad input on a terminal: the progress line is cleared before the error", async () => {
    const r = await run(["check", fixture("bad-unit-unknown")], true);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^esg-recalc: reading fixtures\/bad-unit-unknown …\r\u001b\[Kfixtures\/bad-unit-unknown\/energy.csv:3:44: error\[unit-unknown\]/,
    );
  });
});
