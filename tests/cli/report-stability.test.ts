// Every report the tool writes — each dataset in every format in English, NIO and Harbourline in every language,
// explain for every NIO cell — against the sha256 digests in tests/report-digests.txt. A change detector: the
// refactoring of issue 12 had to leave every byte alone (the digests were recorded before it), and a change that
// means to alter output must say which reports it alters: write them before and after with
// `node scripts/report-snapshots.mjs DIR`, read the diff, then record the new digests with
// `node scripts/report-snapshots.mjs --digests tests/report-digests.txt --set test`.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "./runCli.js";

const DIGESTS = join(ROOT, "tests/report-digests.txt");
const snapshots = (...args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, "scripts/report-snapshots.mjs"), ...args], { cwd: ROOT, encoding: "utf8" });

describe("reports as recorded", () => {
  const work = mkdtempSync(join(tmpdir(), "esg-recalc-digests-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("the checker names a report whose output differs from its digest, and only that one", () => {
    // fixtures/minimal's English table with a digest that cannot be its output
    const lines = readFileSync(DIGESTS, "utf8").split("\n");
    const target = "fixtures__minimal__check-table-en.txt";
    const altered = lines.map((l) => (l.endsWith(`  ${target}`) ? `${"0".repeat(64)}  ${target}` : l));
    expect(altered).not.toEqual(lines);
    const file = join(work, "digests.txt");
    writeFileSync(file, altered.join("\n"));
    const r = snapshots("--check", file, "--set", "test", "--only", "fixtures/minimal");
    expect(r.stdout.trim()).toBe(`changed: ${target}`);
    expect(r.status).toBe(1);
  });

  it(
    "every report in the test set is byte for byte what tests/report-digests.txt records",
    { timeout: 300_000 },
    () => {
      const r = snapshots("--check", DIGESTS, "--set", "test");
      expect(r.stderr).toBe("");
      expect(r.stdout.trim()).toMatch(/^\d+ reports as recorded$/);
      expect(Number(r.stdout.trim().split(" ")[0])).toBeGreaterThan(800);
      expect(r.status).toBe(0);
    },
  );
});
