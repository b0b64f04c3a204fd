// The table report fitted to the terminal: run in-process with a fake stdout that says it is a terminal of a given
// width; no line may be wider (measured in terminal columns: a CJK character takes two), nothing may be lost, and
// piped output (no terminal) keeps the layout it has always had.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main, type Io } from "../../src/cli/main.js";
import { displayWidth } from "../../src/render/displayWidth.js";
import { stripAnsi, wrapLine, wrapToWidth } from "../../src/render/fit.js";

async function check(
  args: string[],
  stdout: { isTTY?: boolean; columns?: number },
  env: Record<string, string> = { NO_COLOR: "1" },
) {
  let out = "";
  const io: Io = { stdout: { write: (s: string) => (out += s), ...stdout }, stderr: { write: () => true }, env };
  const code = await main(["node", "esg-recalc", "check", ...args], io);
  return { out, code };
}

const widest = (text: string) => Math.max(...text.split("\n").map((l) => displayWidth(stripAnsi(l))));
/** Every word of the text, whatever the lines: wrapping must move words, never drop them. */
const words = (text: string) =>
  stripAnsi(text)
    .replace(/[│┌┐└┘├┤┬┴┼─]/g, " ")
    .split(/\s+/)
    .filter(Boolean)
    .sort();

describe("check on a terminal: lines fit its width", () => {
  const cases: [string, string[]][] = [
    ["NIO, English", []],
    ["NIO, Traditional Chinese (labels two columns a character)", ["--lang", "zh-Hant"]],
    ["harbourline (three-level tree, several periods)", ["fixtures/harbourline"]],
    ["of-which (a part-of finding)", ["fixtures/of-which"]],
  ];
  for (const [name, args] of cases) {
    for (const width of [60, 80, 100]) {
      it(`${name}: no line wider than ${width} columns`, async () => {
        const { out, code } = await check(args, { isTTY: true, columns: width });
        expect(code).not.toBe(2);
        const over = out.split("\n").filter((l) => displayWidth(stripAnsi(l)) > width);
        expect(over).toEqual([]);
      });
    }
  }

  it("the piped layout is wider than 80 columns (so the test above is not vacuous), and has the same words", async () => {
    const piped = await check([], { isTTY: false, columns: 80 });
    const fitted = await check([], { isTTY: true, columns: 80 });
    expect(widest(piped.out)).toBeGreaterThan(80);
    expect(widest(fitted.out)).toBeLessThanOrEqual(80);
    // Nothing cut or lost: the fitted report holds the piped report's words, bar the ones it had to break (a factor id
    // wider than its column) and the header words of the row-name columns it moved onto lines of their own.
    const broken = new Set(words(fitted.out));
    const missing = [...new Set(words(piped.out).filter((w) => !broken.has(w)))];
    const stackedHeads = ["Metric", "Unit", "Intensity"]; // the main table's and the denominator analysis's
    expect(missing.filter((w) => !stackedHeads.includes(w) && !w.includes("_"))).toEqual([]);
    expect(missing.filter((w) => w.includes("_"))).toEqual(["cn_ent_natural_gas_oxidation,"]); // 29 columns, cut at 80
    expect(fitted.out).toContain("cn_grid_national_mee2022"); // a factor id short enough stays whole
  });

  it("piped output (no terminal) ignores the width and keeps today's layout; so does a terminal wide enough", async () => {
    const piped = await check([], { isTTY: false, columns: 80 });
    const noWidth = await check([], { isTTY: false });
    const wide = await check([], { isTTY: true, columns: 400 });
    expect(piped.out).toBe(noWidth.out);
    expect(wide.out).toBe(noWidth.out);
  });

  it("only the table on a terminal is fitted: not a report written to a file, not another format", async () => {
    const dir = mkdtempSync(join(tmpdir(), "esg-width-"));
    try {
      const file = join(dir, "report.txt");
      await check(["--output", file], { isTTY: true, columns: 60 });
      const piped = await check([], { isTTY: false });
      expect(readFileSync(file, "utf8")).toBe(piped.out);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const markdown = await check(["--format", "markdown"], { isTTY: true, columns: 40 });
    expect(markdown.out).toBe((await check(["--format", "markdown"], { isTTY: false })).out);
  });

  it("colour codes are not counted: with colour on, lines still fit", async () => {
    const { out } = await check([], { isTTY: true, columns: 80 }, {});
    expect(out).toContain("\u001b["); // coloured
    expect(out.split("\n").filter((l) => displayWidth(stripAnsi(l)) > 80)).toEqual([]);
  });
});

describe("wrapping", () => {
  it("breaks at spaces, cuts only a word wider than the line, and keeps every character", () => {
    // "Manufacturing" is 13 columns: at 10 it must be cut, "plants" moves whole.
    expect(wrapToWidth("Manufacturing plants", 10)).toEqual(["Manufactur", "ing plants"]);
    expect(wrapToWidth("Nanjing e-drive plant", 12)).toEqual(["Nanjing", "e-drive", "plant"]);
    // 江淮蔚來合肥先進製造基地: 12 characters of two columns = 24 columns; at 10 columns, 5 characters a line.
    expect(wrapToWidth("江淮蔚來合肥先進製造基地", 10)).toEqual(["江淮蔚來合", "肥先進製造", "基地"]);
  });

  it("a list breaks after its separators, an item too wide at its spaces", () => {
    expect(wrapToWidth("cn-guideline: cn_ent_natural_gas_ncv, gbt2589_diesel_ncv", 30, "list")).toEqual([
      "cn-guideline:",
      "cn_ent_natural_gas_ncv,",
      "gbt2589_diesel_ncv",
    ]);
  });

  it("prose wraps with a hanging indent and keeps a command to copy on one line", () => {
    const hint = "(esg-recalc explain ghg.scope2 --column nanjing)";
    const lines = wrapLine(`  ✗ mismatch  Scope 2 · Nanjing: published 6,217.0  ${hint}`, 60, 4, [hint]);
    expect(lines).toEqual(["  ✗ mismatch  Scope 2 · Nanjing: published 6,217.0", `      ${hint}`]);
  });
});
