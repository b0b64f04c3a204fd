// The report's language throughout (issue 13 item 5): under --lang zh-Hant and zh-Hans, everything the tool prints
// about every fixture under fixtures/ (and the embedded NIO dataset) — the table, Markdown and HTML reports, explain
// for a few cells of each, validate's summary, the input errors of every fixture that ends in one (as text and in the
// JSON error document), and init's next steps — holds no English word
// outside the allow-list of tests/cli/englishWords.ts (ids, units, the dataset's own words, the factor library's
// citations, a short list of abbreviations). The last block shows the scanner catching a planted English sentence.
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { loadMessages, loadTexts } from "../../src/io/reference.js";
import { openDataset, checkDataset } from "../../src/pipeline.js";
import { renderExplain } from "../../src/render/explain.js";
import { recomputedFor } from "../../src/reconcile/reconcile.js";
import { columnById } from "../../src/model/columns.js";
import { paint } from "../../src/render/style.js";
import type { RenderContext } from "../../src/render/labels.js";
import { allowedFor, englishWords, htmlText, type Allowed } from "./englishWords.js";
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

/** Every fixture: each folder under fixtures/ and fixtures/hostile/, and the embedded dataset. */
const DATASETS = [
  "data/datasets/nio-2021",
  ...folders("fixtures").filter((d) => d !== "fixtures/hostile"),
  ...folders("fixtures/hostile"),
];

/**
 * The lines of an input error's excerpt: the dataset's own line as it stands in its file, and the caret under it
 * ("  12 | group,energy…" and "     |   ^"); a hostile file's line may be cut anywhere, even inside an id.
 */
const EXCERPT = /^\s*\d*\s+\|(?: |$)/;

/** Each line with English words left in it, with the words: what a failure shows. */
function leftovers(text: string, allowed: Allowed): string[] {
  return text
    .split("\n")
    .filter((line) => !EXCERPT.test(line))
    .map((line) => ({ line: line.trim(), words: englishWords(line, allowed) }))
    .filter((x) => x.words.length)
    .map((x) => `${x.words.join(" ")}  ⟵  ${x.line.slice(0, 240)}`);
}

/** A few cells of a report to explain: the first of each kind of finding that is not a match, and the first match. */
function cellsToExplain(json: string): { metric: string; column: string }[] {
  const report = JSON.parse(json) as { findings: { metric: string; column: string; kind: string; status: string }[] };
  const picked = new Map<string, { metric: string; column: string }>();
  for (const f of report.findings) {
    const key = f.status === "match" ? "match" : f.kind;
    if (!picked.has(key)) picked.set(key, { metric: f.metric, column: f.column });
  }
  return [...picked.values()].slice(0, 5);
}

describe("every report in zh-Hant and zh-Hans holds no English word outside the allow-list", () => {
  it("covers every fixture, the bad-input ones among them", () => {
    expect(DATASETS.length).toBeGreaterThan(100);
    expect(DATASETS.filter((d) => d.startsWith("fixtures/bad-")).length).toBeGreaterThan(30);
  });

  for (const dataset of DATASETS) {
    const allowed = allowedFor(join(ROOT, dataset));
    for (const lang of ["zh-Hant", "zh-Hans"]) {
      it(`${dataset} --lang ${lang}`, { timeout: 120_000 }, async () => {
        const dir = join(ROOT, dataset);
        const found: string[] = [];
        for (const format of ["table", "markdown", "html"]) {
          const r = await run(["check", dir, "--format", format, "--lang", lang]);
          if (r.code === 2) {
            // A bad-input fixture: its errors on stderr (the report is not written) …
            found.push(...leftovers(r.stderr, allowed));
            if (!r.stdout.trim()) break;
            // … or a batch with a dataset that could not be checked: the report on the others, and that one named
            found.push(...leftovers(format === "html" ? htmlText(r.stdout) : r.stdout, allowed));
            continue;
          }
          found.push(...leftovers(format === "html" ? htmlText(r.stdout) : r.stdout, allowed));
          found.push(...leftovers(r.stderr, allowed));
        }
        // validate: its summary, or the same input errors
        const v = await run(["validate", dir, "--lang", lang]);
        found.push(...leftovers(v.stdout, allowed), ...leftovers(v.stderr, allowed));
        const json = await run(["check", dir, "--format", "json", "--lang", lang]);
        // the JSON error document: its human texts (message, expected, hint) in the language, its codes and titles not
        if (json.code === 2 && json.stdout.startsWith("{") && JSON.parse(json.stdout).errors)
          for (const e of JSON.parse(json.stdout).errors as { message: string; expected?: string; hint?: string }[])
            found.push(...leftovers([e.message, e.expected ?? "", e.hint ?? ""].join("\n"), allowed));
        if (json.code !== 2 && json.stdout.startsWith("{") && JSON.parse(json.stdout).findings)
          for (const cell of cellsToExplain(json.stdout)) {
            const r = await run(["explain", cell.metric, "--column", cell.column, "--dataset", dir, "--lang", lang]);
            expect(r.code, `explain ${cell.metric} --column ${cell.column}`).toBe(0);
            found.push(...leftovers(r.stdout, allowed));
          }
        expect(found).toEqual([]);
      });
    }
  }
});

describe("init says what it wrote and what to do next in the language", () => {
  for (const lang of ["zh-Hant", "zh-Hans"])
    for (const xlsx of [false, true])
      it(`init --lang ${lang}${xlsx ? " --xlsx" : ""}`, async () => {
        const dir = mkdtempSync(join(tmpdir(), "esg-init-"));
        try {
          // a year without a grid factor in the library, so that the note about pinning one is printed too
          const r = await run([
            "init",
            join(dir, "new"),
            "--lang",
            lang,
            "--year",
            "2019",
            ...(xlsx ? ["--xlsx"] : []),
          ]);
          expect(r.code).toBe(0);
          expect(r.stdout).toMatch(/manifest\.json/);
          // what may stay English: the template's own words (its sheet names, file names), as for any dataset
          expect(leftovers(r.stdout, allowedFor(join(dir, "new")))).toEqual([]);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
});

describe("the scanner catches English (a test of the test)", () => {
  const allowed = allowedFor(join(ROOT, "fixtures/minimal"));

  it("finds a planted English sentence in a Chinese line, and nothing in the line without it", () => {
    const line = "  ✗ 不符  範疇二 · 總計: 披露值 9.53, 重算值 9.52 (-0.01)  [published.csv:12:24]";
    expect(englishWords(line, allowed)).toEqual([]);
    expect(englishWords(`${line} the factor is wrong`, allowed)).toEqual(["the", "factor", "is", "wrong"]);
  });

  it("allows ids, commands, units and abbreviations, but not English words beside them", () => {
    const line =
      "(esg-recalc explain ghg.scope2 --column total) 14,099.2 MWh × 0.5810 tCO2/MWh（cn_grid_national_mee2022）；GHG 305-1";
    expect(englishWords(line, allowed)).toEqual([]);
    expect(englishWords(`${line} (materiality 5%)`, allowed)).toEqual(["materiality"]);
  });

  it("reads the text of HTML, tooltips included, not its markup", () => {
    expect(
      htmlText('<p class="note" title="相符">不符 <b>9.53</b></p><style>.x{color:red}</style>').split(/\s+/),
    ).toEqual(expect.arrayContaining(["相符", "不符", "9.53"]));
    expect(englishWords(htmlText('<span title="recomputed interval">重算值</span>'), allowed)).toEqual([
      "recomputed",
      "interval",
    ]);
  });

  it("fails explain's report when one template of the catalogue is left in English", () => {
    const messages = loadMessages();
    const texts = loadTexts();
    if (!messages.ok || !texts.ok) throw new Error("catalogue");
    const opened = openDataset(undefined, []);
    if (!opened.ok) throw new Error("dataset");
    const checked = checkDataset(opened.value, {});
    if (!checked.ok) throw new Error("check");
    const result = checked.value;
    const finding = result.findings.find(
      (f) => f.metric === "ghg.scope1" && f.column === "hefei" && f.kind === "input",
    )!;
    const explain = (t: typeof texts.value) => {
      const ctx: RenderContext = { lang: "zh-Hant", messages: messages.value["zh-Hant"], texts: t };
      const column = columnById(result.dataset, "hefei")!;
      return renderExplain(
        {
          metric: "ghg.scope1",
          column: "hefei",
          recomputed: recomputedFor(column, "ghg.scope1", result.tables) ?? null,
          finding,
          related: [],
          publishedText: finding.published,
        },
        result,
        ctx,
        paint(0),
      );
    };
    const nio = allowedFor(join(ROOT, "data/datasets/nio-2021"));
    expect(leftovers(explain(texts.value), nio)).toEqual([]);
    // The verdict sentence's Chinese template replaced by its English one: the scan names it.
    const planted = structuredClone(texts.value);
    const match = planted.messages["phrase.verdict.match"]!;
    planted.messages["phrase.verdict.match"] = { ...match, "zh-Hant": match.en };
    expect(leftovers(explain(planted), nio).join("\n")).toMatch(/^match the recomputed .*rounds to exactly the/m);
  });
});

describe("usage errors, refusals and acknowledge's confirmation follow --lang", () => {
  const harbour = join(ROOT, "fixtures/harbourline");
  const allowed = allowedFor(harbour);
  for (const lang of ["zh-Hant", "zh-Hans"])
    it(`--lang ${lang}`, { timeout: 120_000 }, async () => {
      const dir = mkdtempSync(join(tmpdir(), "esg-usage-"));
      try {
        const ds = join(dir, "ds");
        cpSync(harbour, ds, { recursive: true });
        const runs = [
          ["check", "--format", "html", "--bom", "--lang", lang],
          ["check", "--format", "table", "--marks", "--lang", lang],
          ["check", "--format", "xlsx", "--lang", lang],
          ["check", ds, ds, "--format", "markdown", "--bom", "--lang", lang],
          ["check", ds, ds, "--format", "corrected", "--lang", lang],
          ["check", ds, "--output", join(ds, "manifest.json"), "--lang", lang],
          ["explain", "energy.intensity", "--dataset", ds, "--column", "zz-9", "--lang", lang],
          ["explain", "energy.intensty", "--lang", lang],
          ["init", ds, "--lang", lang],
          // commander's own complaints
          ["check", "--bogus", "--lang", lang],
          ["explain", "--lang", lang],
          ["acknowledge", "energy.total", "--lang", lang],
          ["no-such-command", "--lang", lang],
          ["explain", "a", "b", "--lang", lang],
          ["check", "--format", "xx", "--lang", lang],
          ["check", "--lang", lang, "--format"],
        ];
        for (const args of runs) {
          const r = await run(args);
          expect(r.code, args.join(" ")).toBe(2);
          expect(r.stderr, args.join(" ")).toMatch(/error\[/);
          expect(leftovers(r.stderr, allowed), args.join(" ")).toEqual([]);
        }
        const ack = ["acknowledge", "energy.purchased_electricity", "--column", "dongguan", "--dataset", ds];
        const by = ["--by", "審計", "--reason", "已核實", "--lang", lang];
        for (const again of [false, true]) {
          const r = await run([...ack, ...by]);
          expect(r.code).toBe(0);
          expect(r.stdout).toMatch(again ? /^已重新(確認|确认) / : /^已(確認|确认) /);
          expect(r.stdout).toMatch(/acknowledged\.csv:2\n$/);
          expect(leftovers(r.stdout, allowed)).toEqual([]);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

  it("English stays as it was", async () => {
    const dir = mkdtempSync(join(tmpdir(), "esg-usage-"));
    try {
      const ds = join(dir, "ds");
      cpSync(harbour, ds, { recursive: true });
      const out = await run(["check", ds, "--output", join(ds, "manifest.json")]);
      expect(out.stderr).toContain(`--output ${join(ds, "manifest.json")} would overwrite`);
      expect(out.stderr).toContain("an input of this run (manifest): refused, nothing was written");
      expect((await run(["check", "--bogus"])).stderr).toBe(
        "error[usage]: unknown option '--bogus'\n(run with --help for usage)\n",
      );
      const init = await run(["init", ds]);
      expect(init.stderr).toContain("init writes only into a new or empty folder\n  hint: pick a new folder name\n");
      const bom = await run(["check", "--format", "html", "--bom"]);
      expect(bom.stderr).toBe(
        "error[usage]: --bom applies to --format csv or corrected, not to --format html\n1 error; nothing was checked (exit 2)\n",
      );
      const ack = await run([
        "acknowledge",
        "energy.purchased_electricity",
        "--column",
        "dongguan",
        "--dataset",
        ds,
        "--by",
        "a",
        "--reason",
        "b",
      ]);
      expect(ack.stdout).toMatch(
        /^acknowledged energy\.purchased_electricity\/dongguan\/input \(mismatch\) in .*acknowledged\.csv:2\n$/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
