// Claims on the NIO dataset, decided against a hand calculation, and a claims file with a syntax error.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "./runCli.js";

describe("NIO's claim: the Hefei plant reuses more than 92% of its industrial water", () => {
  const r = runCli(["check", "--format", "json"]);
  const claims = (
    JSON.parse(r.stdout) as {
      claims: { id: string; verdict: string; left: { value: string; interval: [string, string] } }[];
    }
  ).claims;

  it("is supported: 4,439,959.0 ÷ (4,439,959.0 + 383,542.0) = 0.920485 > 0.92 for every value the rounding allows", () => {
    // by hand: 4,439,959.0 + 383,542.0 = 4,823,501.0; 4,439,959.0 ÷ 4,823,501.0 = 0.9204848…
    // lowest the figures allow: 4,439,958.95 ÷ (4,439,959.05 + 383,542.05) = 0.9204847…, still above 0.92
    const c = claims.find((x) => x.id === "hefei-water-reuse")!;
    expect(c.verdict).toBe("supported");
    expect(c.left.value.slice(0, 8)).toBe("0.920484");
    expect(Number(c.left.interval[0]) > 0.92).toBe(true);
  });

  it("shows in the table output with its printed text", () => {
    const t = runCli(["check", "--problems"]);
    expect(t.stdout).toContain("✓ supported  hefei-water-reuse: “全年可保證工業用水重複利用率超92%”");
  });

  it("in the report's language with --lang zh-Hant: the verdict word and the analysis lines are Chinese", () => {
    const t = runCli(["check", "--problems", "--lang", "zh-Hant"]);
    expect(t.stdout).toContain("✓ 成立  hefei-water-reuse: “全年可保證工業用水重複利用率超92%”");
    // NIO's two intensities imply disjoint denominators (README: "no common denominator")
    expect(t.stdout).toContain("所有強度共同容許的分母: 沒有共同的分母");
    expect(t.stdout).not.toContain("all intensities together allow");
  });
});

describe("a claims file with a syntax error (fixtures/claim-syntax)", () => {
  it("exits 2 with the golden message pointing at the character (claims.csv:3:89)", () => {
    const r = runCli(["check", "fixtures/claim-syntax"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(readFileSync(`${ROOT}fixtures/claim-syntax/expected.stderr`, "utf8"));
    const line = readFileSync(`${ROOT}fixtures/claim-syntax/claims.csv`, "utf8").split("\n")[2]!;
    expect(line[89 - 1]).toBe(">");
  });
});
