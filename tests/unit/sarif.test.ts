// --format sarif validated against the SARIF 2.1.0 JSON schema (tests/schemas/sarif-2.1.0.json, OASIS, draft-07,
// see tests/schemas/README.md) with ajv; the formats the schema uses are checked by small functions written here.
import { Ajv } from "ajv";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { STATUSES } from "../../src/findings/finding.js";
import { CLAIM_RULE, PART_RULE, renderSarif } from "../../src/render/sarif.js";
import { ARITHMETIC_ONLY, ctx, result } from "./renderFixtures.js";

const schema = JSON.parse(readFileSync(new URL("../schemas/sarif-2.1.0.json", import.meta.url), "utf8")) as object;
const ajv = new Ajv({ allErrors: true }); // strict mode: the schema compiles without unknown keywords
ajv.addFormat("uri", (s: string) => {
  try {
    return new URL(s).protocol.length > 1;
  } catch {
    return false;
  }
});
ajv.addFormat("uri-reference", (s: string) => {
  try {
    new URL(s, "file:///base/");
    return !/\s/.test(s);
  } catch {
    return false;
  }
});
ajv.addFormat("date-time", (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s));
const validate = ajv.compile(schema);

interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; rules: { id: string }[] } };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: {
        physicalLocation: {
          artifactLocation: { uri: string; uriBaseId?: string };
          region: { startLine: number; startColumn?: number };
        };
      }[];
      properties: Record<string, unknown>;
    }[];
  }[];
}
const sarif = (text: string): SarifLog => JSON.parse(text) as SarifLog;
const valid = (log: unknown) => {
  const ok = validate(log);
  return ok ? "valid" : JSON.stringify(validate.errors, null, 1);
};
const opts = (failOn: "mismatch" | "none" = "mismatch") => ({ failOn, pathOf: (f: string) => f, toolVersion: "0.1.0" });

describe("renderSarif", () => {
  const nio = sarif(renderSarif(result(), ctx(), opts()));

  it("the NIO report is valid against the SARIF 2.1.0 schema", () => {
    expect(valid(nio)).toBe("valid");
    expect(nio.version).toBe("2.1.0");
  });

  it("the validator is live: a wrong level or a missing message is rejected", () => {
    const bad = structuredClone(nio);
    bad.runs[0]!.results[0]!.level = "fatal";
    expect(valid(bad)).not.toBe("valid");
    const bad2 = structuredClone(nio) as unknown as { runs: { results: Record<string, unknown>[] }[] };
    delete bad2.runs[0]!.results[0]!.message;
    expect(valid(bad2)).not.toBe("valid");
  });

  it("rule ids are the statuses of the finding catalogue (not match), claim-contradicted and part-exceeds-whole; ruleIndex points at them", () => {
    const rules = nio.runs[0]!.tool.driver.rules.map((r) => r.id);
    expect(rules).toEqual([...STATUSES.filter((s) => s !== "match"), CLAIM_RULE, PART_RULE]);
    for (const r of nio.runs[0]!.results) expect(rules[r.ruleIndex]).toBe(r.ruleId);
  });

  it("one result per problem: 11 for NIO (2 rounding, 2 mismatch, 3 within materiality, 2 material, 2 incomplete)", () => {
    const results = nio.runs[0]!.results;
    expect(results).toHaveLength(2 + 2 + 3 + 2 + 2);
    const count = (id: string) => results.filter((r) => r.ruleId === id).length;
    expect([
      count("rounding"),
      count("mismatch"),
      count("within-materiality"),
      count("material"),
      count("incomplete"),
    ]).toEqual([2, 2, 3, 2, 2]);
    expect(results.filter((r) => r.level === "error")).toHaveLength(6);
  });

  it("locates the wastewater intensity at published.csv line 12, column 24, relative to the repository root", () => {
    const w = nio.runs[0]!.results.find((r) => r.properties.metric === "water.wastewater.intensity")!;
    expect(w.ruleId).toBe("mismatch");
    expect(w.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: "data/datasets/nio-2021/published.csv", uriBaseId: "%SRCROOT%" },
      region: { startLine: 12, startColumn: 24 },
    });
    expect(w.message.text).toContain("Published 9.53, Recomputed 9.52 (-0.01)");
    expect(w.properties).toMatchObject({
      published: "9.53",
      publishedValue: "9.53",
      recomputed: "9.52",
      difference: "-0.01",
    });
  });

  it("valid too with no problems (fixtures/minimal), with --fail-on none, in zh-Hans, and with an absolute path", () => {
    const minimal = sarif(renderSarif(result("fixtures/minimal", ARITHMETIC_ONLY), ctx(), opts()));
    expect(valid(minimal)).toBe("valid");
    expect(minimal.runs[0]!.results).toEqual([]);
    const none = sarif(renderSarif(result("fixtures/statuses", ARITHMETIC_ONLY), ctx("zh-Hans"), opts("none")));
    expect(valid(none)).toBe("valid");
    expect(none.runs[0]!.results.map((r) => r.level).sort()).toEqual(["note", "warning", "warning", "warning"]);
    const abs = sarif(
      renderSarif(result("fixtures/statuses", ARITHMETIC_ONLY), ctx(), { ...opts(), pathOf: (f) => `/work/a b/${f}` }),
    );
    expect(valid(abs)).toBe("valid");
    expect(abs.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation).toEqual({
      uri: "file:///work/a%20b/fixtures/statuses/published.csv",
    });
  });
});
