// --format github: workflow commands as GitHub documents them ("Workflow commands for GitHub Actions"):
//   ::error file={name},line={line},col={col},title={title}::{message}
// with % → %25, CR → %0D, LF → %0A in the message and, in property values, also : → %3A and , → %2C.
// Each annotation must point at the published cell: the file, line and column are checked against the file itself.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { command, escapeData, escapeProperty, MAX_ANNOTATIONS, renderGithub } from "../../src/render/github.js";
import { ARITHMETIC_ONLY, ctx, result } from "./renderFixtures.js";

/** One line of output parsed by the documented grammar; null when it does not follow it. */
function parseCommand(line: string): { level: string; props: Record<string, string>; message: string } | null {
  const m = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line);
  if (!m) return null;
  const [, level = "", rawProps, message = ""] = m;
  if (/[\r\n]/.test(message)) return null;
  const props: Record<string, string> = {};
  for (const part of rawProps ? rawProps.split(",") : []) {
    const p = /^(file|line|endLine|col|endColumn|title)=(.*)$/.exec(part);
    if (!p) return null;
    props[p[1]!] = p[2]!;
  }
  return { level, props, message };
}
const unescape = (s: string) =>
  s.replace(/%2C/g, ",").replace(/%3A/g, ":").replace(/%0A/g, "\n").replace(/%0D/g, "\r").replace(/%25/g, "%");
const noOpts = (failOn: "mismatch" | "none" | "rounding" = "mismatch") => ({
  failOn,
  pathOf: (f: string) => f,
  summaryFile: null,
});

describe("escaping", () => {
  it("message: % CR LF; property: also : and ,", () => {
    expect(escapeData("50% of a\r\nb: c, d")).toBe("50%25 of a%0D%0Ab: c, d");
    expect(escapeProperty("50% of a\r\nb: c, d")).toBe("50%25 of a%0D%0Ab%3A c%2C d");
    expect(command("error", { file: "a,b.csv", line: 3, col: undefined, title: "x: y" }, "m\nn")).toBe(
      "::error file=a%2Cb.csv,line=3,title=x%3A y::m%0An",
    );
    expect(command("notice", {}, "done")).toBe("::notice::done");
  });
});

describe("renderGithub on the NIO dataset", () => {
  const nio = result();
  const lines = renderGithub(nio, ctx(), noOpts()).trimEnd().split("\n");
  const parsed = lines.map(parseCommand);

  it("every line is a workflow command of the documented syntax", () => {
    lines.forEach((l, i) => expect(parsed[i], l).not.toBeNull());
  });

  it("at most 10 annotations, the six findings that fail the run first as errors, then a summary notice", () => {
    expect(lines).toHaveLength(MAX_ANNOTATIONS + 1);
    // README: 2 mismatch, 2 material, 2 incomplete are at or above --fail-on mismatch
    expect(parsed.slice(0, 6).map((p) => p!.level)).toEqual(Array(6).fill("error"));
    expect(parsed.slice(6, 10).every((p) => p!.level === "notice")).toBe(true);
    const summary = parsed.at(-1)!;
    expect(summary.level).toBe("notice");
    expect(summary.props.file).toBeUndefined();
    // 11 problems (2 rounding, 2 mismatch, 3 within materiality, 2 material, 2 incomplete), 10 annotated
    expect(unescape(summary.message)).toContain("FAIL: 6 at or above --fail-on mismatch (1 more not annotated)");
  });

  it("each annotation points at the published cell: the field at file:line:col is the published figure", () => {
    for (const p of parsed.slice(0, -1)) {
      const file = unescape(p!.props.file!);
      expect(file).toBe("data/datasets/nio-2021/published.csv");
      const text = readFileSync(file, "utf8").split(/\r?\n/)[Number(p!.props.line) - 1]!;
      const field = (parse(text.slice(Number(p!.props.col) - 1), { relax_column_count: true }) as string[][])[0]![0]!;
      const published = /: Published (.*?), Recomputed /.exec(unescape(p!.message))![1]!;
      expect(field.normalize("NFKC").trim(), unescape(p!.message)).toBe(published);
    }
  });

  it("the wastewater intensity: error at published.csv line 12, column 24 (README), message with its cause on a second line", () => {
    const w = parsed.find((p) => unescape(p!.props.title ?? "").includes("Wastewater intensity"))!;
    expect(w.level).toBe("error");
    expect(w.props).toMatchObject({ line: "12", col: "24" });
    expect(unescape(w.props.title!)).toBe("esg-recalc ✗ mismatch: Wastewater intensity · Total");
    const [first, second] = unescape(w.message).split("\n");
    expect(first).toBe("Wastewater intensity · Total: Published 9.53, Recomputed 9.52 (-0.01)");
    expect(second).toContain("revenue-printed");
  });

  it("paths go through pathOf (the CLI makes them relative to the repository) and the summary names the step summary", () => {
    const out = renderGithub(nio, ctx(), {
      failOn: "mismatch",
      pathOf: (f) => `repo/${f}`,
      summaryFile: "/tmp/summary.md",
    })
      .trimEnd()
      .split("\n");
    expect(out[0]).toContain("file=repo/data/datasets/nio-2021/published.csv,");
    expect(unescape(parseCommand(out.at(-1)!)!.message)).toMatch(
      /\(1 more not annotated; full list in the step summary\)$/,
    );
  });
});

describe("renderGithub on fixtures/statuses (arithmetic checks)", () => {
  const statuses = result("fixtures/statuses", ARITHMETIC_ONLY);

  it("--fail-on none: nothing is an error; the rounding is a notice, the rest warnings", () => {
    const parsed = renderGithub(statuses, ctx(), noOpts("none")).trimEnd().split("\n").map(parseCommand);
    expect(parsed.map((p) => p!.level)).toEqual(["warning", "warning", "warning", "notice", "notice"]);
  });

  it("--fail-on rounding: all four problems are errors; no 'more' when all fit", () => {
    const parsed = renderGithub(statuses, ctx(), noOpts("rounding")).trimEnd().split("\n").map(parseCommand);
    expect(parsed.map((p) => p!.level)).toEqual(["error", "error", "error", "error", "notice"]);
    expect(unescape(parsed.at(-1)!.message)).not.toContain("more");
  });

  it("zh-Hant: titles and messages in the report's language, the syntax unchanged", () => {
    const lines = renderGithub(statuses, ctx("zh-Hant"), noOpts()).trimEnd().split("\n");
    for (const l of lines) expect(parseCommand(l), l).not.toBeNull();
    expect(lines.join("\n")).toContain("集團合計");
  });
});
