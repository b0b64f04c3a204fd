// src/io/output.ts: the atomic writer (temporary file + rename, nothing left behind on error) and the refusal to
// write over a file the run reads. Every test works in its own temporary folder.
import {
  chmodSync,
  cpSync,
  rmSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkOutputPath, runInputs, writeFileAtomic, appendToFile } from "../../src/io/output.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "esg-recalc-output-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("writeFileAtomic", () => {
  it("writes a new file and leaves nothing else in the folder", () => {
    const out = join(dir, "report.html");
    expect(writeFileAtomic(out, "<p>飲用水</p>\n").ok).toBe(true);
    expect(readFileSync(out, "utf8")).toBe("<p>飲用水</p>\n");
    expect(readdirSync(dir)).toEqual(["report.html"]);
  });

  it("replaces an existing file whole and keeps its permissions", () => {
    const out = join(dir, "report.csv");
    writeFileSync(out, "old content that is longer than the new one\n");
    chmodSync(out, 0o640);
    expect(writeFileAtomic(out, "new\n").ok).toBe(true);
    expect(readFileSync(out, "utf8")).toBe("new\n");
    expect(statSync(out).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(["report.csv"]);
  });

  it("on a failure after the temporary file is written, removes it and leaves the old file as it was", () => {
    const out = join(dir, "report.json");
    writeFileSync(out, "the old report\n");
    let tmpSeen = "";
    const r = writeFileAtomic(out, "the new report\n", {
      beforeRename: (tmp) => {
        tmpSeen = tmp;
        expect(readFileSync(tmp, "utf8")).toBe("the new report\n"); // the whole text was there before the rename
        throw Object.assign(new Error("disk full"), { code: "ENOSPC" });
      },
    });
    expect(r.ok).toBe(false);
    expect(r.errors?.[0]).toMatchObject({ code: "write-failed" });
    expect(r.errors?.[0]?.message).toContain("disk full");
    expect(tmpSeen.startsWith(join(dir, ".report.json."))).toBe(true);
    expect(existsSync(tmpSeen)).toBe(false);
    expect(readFileSync(out, "utf8")).toBe("the old report\n");
    expect(readdirSync(dir)).toEqual(["report.json"]);
  });

  it("a folder in the way: write-failed ('it is a folder'), the folder untouched, no temporary file left", () => {
    const out = join(dir, "report.html");
    mkdirSync(out);
    writeFileSync(join(out, "keep.txt"), "x");
    const r = writeFileAtomic(out, "<html>");
    expect(r.ok).toBe(false);
    expect(r.errors?.[0]).toMatchObject({ code: "write-failed" });
    expect(r.errors?.[0]?.message).toContain("it is a folder");
    expect(readdirSync(dir)).toEqual(["report.html"]);
    expect(readdirSync(out)).toEqual(["keep.txt"]);
  });

  it("a folder that does not exist: write-failed, nothing created", () => {
    const r = writeFileAtomic(join(dir, "no", "such", "report.html"), "x");
    expect(r.ok).toBe(false);
    expect(r.errors?.[0]?.message).toContain("its folder does not exist");
    expect(readdirSync(dir)).toEqual([]);
  });

  it("writes through a symbolic link: the target gets the text, the link stays a link", () => {
    mkdirSync(join(dir, "real"));
    const target = join(dir, "real", "report.txt");
    writeFileSync(target, "old");
    symlinkSync(target, join(dir, "link.txt"));
    expect(writeFileAtomic(join(dir, "link.txt"), "new").ok).toBe(true);
    expect(readFileSync(target, "utf8")).toBe("new");
    expect(readdirSync(join(dir, "real"))).toEqual(["report.txt"]);
  });
});

describe("appendToFile", () => {
  it("appends (GitHub's step summary collects what every step wrote)", () => {
    const f = join(dir, "summary.md");
    writeFileSync(f, "earlier step\n");
    expect(appendToFile(f, "# ours\n").ok).toBe(true);
    expect(readFileSync(f, "utf8")).toBe("earlier step\n# ours\n");
  });
});

describe("runInputs and checkOutputPath", () => {
  const copy = () => {
    const ds = join(dir, "dataset");
    cpSync(join(ROOT, "data/datasets/nio-2021"), ds, { recursive: true });
    return ds;
  };

  it("lists the manifest and every file it names (the NIO dataset has a claims file), --factors files, the reference data", () => {
    const ds = copy();
    const inputs = runInputs(ds, [join(dir, "extra.csv")]);
    const paths = inputs.map((i) => relative(dir, i.path));
    for (const f of [
      "manifest.json",
      "published.csv",
      "energy.csv",
      "emissions.csv",
      "water.csv",
      "waste.csv",
      "claims.csv",
    ])
      expect(paths).toContain(join("dataset", f));
    expect(paths).toContain("extra.csv");
    expect(inputs.map((i) => i.path)).toContain(join(ROOT, "data/factors/factors.csv"));
    expect(inputs.map((i) => i.path)).toContain(join(ROOT, "data/catalogue/metrics.json"));
  });

  it("refuses every input however it is named: relative, with .., through a symbolic link or a hard link", () => {
    const ds = copy();
    const inputs = runInputs(ds, []);
    symlinkSync(join(ds, "published.csv"), join(dir, "alias.csv"));
    linkSync(join(ds, "energy.csv"), join(dir, "hard.csv"));
    const cwdRelative = relative(process.cwd(), join(ds, "manifest.json"));
    for (const out of [
      join(ds, "manifest.json"),
      cwdRelative,
      join(ds, "..", "dataset", "water.csv"),
      join(dir, "alias.csv"),
      join(dir, "hard.csv"),
      join(ds, "claims.csv"),
    ]) {
      const r = checkOutputPath(out, inputs);
      expect(r.ok, out).toBe(false);
      expect(r.errors?.[0]).toMatchObject({ code: "output-is-input" });
    }
    expect(checkOutputPath(join(ds, "published.csv"), inputs).errors?.[0]?.message).toMatch(/published file/);
  });

  it("refuses a --factors file and the tool's own factor library, accepts a new file in the dataset folder", () => {
    const ds = copy();
    writeFileSync(join(dir, "mine.csv"), "id\n");
    const inputs = runInputs(ds, [join(dir, "mine.csv")]);
    expect(checkOutputPath(join(dir, "mine.csv"), inputs).errors?.[0]?.message).toContain("--factors file");
    expect(checkOutputPath(join(ROOT, "data/factors/factors.csv"), inputs).ok).toBe(false);
    expect(checkOutputPath(join(ds, "report.html"), inputs).ok).toBe(true);
    expect(checkOutputPath(join(dir, "report.html"), inputs).ok).toBe(true);
  });

  it("a manifest that is not JSON still protects itself", () => {
    const ds = join(dir, "broken");
    mkdirSync(ds);
    writeFileSync(join(ds, "manifest.json"), "{ not json");
    expect(checkOutputPath(join(ds, "manifest.json"), runInputs(ds, [])).ok).toBe(false);
  });
});
