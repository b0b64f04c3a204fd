// files.tree read two ways: a plain file (no quote, every row as wide as the header) straight from its text into
// nodes, anything else through its CSV records (model/dataset.ts, plainTree and treeRows). The same tree gives the
// same report either way; a file with a mistake in it is always read through its records, so its messages name the
// line and column as before. A quoted field is what sends a file the record way here: quoting a label changes no
// text, so the two files hold the same tree.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, runCli, type CliRun } from "./runCli.js";

const root = mkdtempSync(join(tmpdir(), "esg-tree-file-"));
const base = join(root, "base", "ds");
let sites = "";

/** A copy of the generated dataset with sites.csv replaced; the text must differ from the original. */
function variant(name: string, text: string): string {
  if (text === sites) throw new Error(`variant ${name} leaves sites.csv unchanged`);
  const dir = join(root, name, "ds");
  cpSync(base, dir, { recursive: true });
  writeFileSync(join(dir, "sites.csv"), text);
  return dir;
}

/** Checked from the folder above it, so that every variant's messages name it "ds". */
const check = (dir: string): CliRun => runCli(["check", "ds", "--format", "json"], { cwd: dirname(dir) });
/** The rows of sites.csv (header first), without the last line end. */
const rows = (): string[] => sites.replace(/\n$/, "").split("\n");
/** The last row's label in quotes: the same tree, read through csv-parse's records. */
const quoteLast = (lines: string[]): string[] => {
  const last = lines.at(-1)!.split(",");
  last[2] = `"${last[2]}"`;
  return [...lines.slice(0, -1), last.join(",")];
};
const join_ = (lines: string[], eol = "\n") => lines.join(eol) + eol;

let original: CliRun;
beforeAll(() => {
  const gen = spawnSync(
    process.execPath,
    [join(ROOT, "bench/generate.mjs"), "tree", "--sites", "60", "--seed", "5", "--out", base],
    { encoding: "utf8" },
  );
  if (gen.status !== 0) throw new Error(gen.stderr);
  sites = readFileSync(join(base, "sites.csv"), "utf8");
  original = check(base);
});

describe("a plain tree file", () => {
  it("is the generated one: a header and a row per site, no quote", () => {
    expect(rows()[0]).toBe("id,parent,label");
    expect(rows()).toHaveLength(61);
    expect(sites.includes('"')).toBe(false);
    expect(original.code).toBe(1); // the generator's planted errors
    expect(original.stderr).toBe("");
  });

  it("gives the report its records give (a quoted label sends the same tree the record way)", () => {
    const quoted = check(variant("quoted", join_(quoteLast(rows()))));
    expect(quoted.stdout).toBe(original.stdout);
    expect(quoted.code).toBe(original.code);
  });

  it("reads CRLF, a BOM, blank and comma-only lines, columns in another order and Chinese labels as the same tree", () => {
    const [, ...body] = rows();
    const moved = body.map((r) => {
      const [id, parent, label] = r.split(",");
      return `${label},${id},${parent},分店 ${id!.slice(-2)}`;
    });
    const text = `\ufefflabel,id,parent,label_zh-hant\r\n\r\n${moved.slice(0, 30).join("\r\n")}\r\n,,,\r\n  \r\n${moved.slice(30).join("\r\n")}\r\n`;
    const r = check(variant("crlf", text));
    expect(r.stdout).toBe(original.stdout);
    expect(r.code).toBe(original.code);
  });
});

// Each mistake on a row worked out by hand: the header is line 1, site-0000k is on line k + 1.
describe.each([
  {
    name: "duplicate",
    edit: (l: string[]) => l.map((r, i) => (i === 3 ? r.replace("site-000003", "site-000002") : r)),
    says: 'node "site-000002" is declared twice',
  },
  {
    name: "bad-id",
    edit: (l: string[]) => l.map((r, i) => (i === 5 ? r.replace("site-000005", "Site-000005") : r)),
    says: 'node id "Site-000005" is not a lower-case id',
  },
  {
    name: "unknown-parent",
    edit: (l: string[]) => l.map((r, i) => (i === 7 ? r.replace(/,region-\d\d,/, ",region-99,") : r)),
    says: 'node "site-000007" names parent "region-99", which is not a node',
  },
  {
    name: "own-parent",
    edit: (l: string[]) => l.map((r, i) => (i === 8 ? r.replace(/,region-\d\d,/, ",site-000008,") : r)),
    says: 'node "site-000008" is its own parent',
  },
  {
    name: "second-root",
    edit: (l: string[]) => l.map((r, i) => (i === 9 ? r.replace(/,region-\d\d,/, ",,") : r)),
    says: '"site-000009" has no parent',
  },
  {
    name: "header",
    edit: (l: string[]) => ["id,parent,colour", ...l.slice(1)],
    says: 'unknown column "colour"',
  },
])("a tree file with a mistake ($name)", ({ name, edit, says }) => {
  let plain: CliRun, quoted: CliRun;
  beforeAll(() => {
    plain = check(variant(`${name}-plain`, join_(edit(rows()))));
    quoted = check(variant(`${name}-quoted`, join_(quoteLast(edit(rows())))));
  });

  it("is refused with the message its records give", () => {
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain(says);
    expect(plain.stderr).toBe(quoted.stderr);
    expect(plain.stdout).toBe(quoted.stdout);
  });
});
