// The verdict sentence explain prints: never a sentence with a hole where a number should be.
import { describe, expect, it } from "vitest";
import { verdictSentence } from "../../src/render/explain.js";
import type { Finding } from "../../src/findings/finding.js";
import { Dec } from "../../src/model/decimal.js";
import { ctx } from "./renderFixtures.js";

const finding = (over: Partial<Finding>): Finding => ({
  metric: "ghg.scope2",
  column: "site-a",
  kind: "boundary",
  table: "published",
  unit: "tCO2e",
  key: "ghg.scope2/site-a/boundary",
  status: "incomplete",
  published: "",
  publishedNumber: null,
  publishedInterval: null,
  recomputed: null,
  recomputedExact: null,
  recomputedInterval: null,
  recomputedRounded: null,
  displayScale: 1,
  difference: null,
  source: { file: "published.csv", name: "published.csv", line: 3 },
  causes: [],
  ...over,
});

describe("verdictSentence", () => {
  it("an incomplete unit without a factor to estimate from says so instead of 'about .'", () => {
    expect(verdictSentence(finding({}), ctx())).toBe(
      "incomplete: the table prints nothing here, but the unit reports activity that implies a figure (no factor is known to estimate it).",
    );
  });
  it("with an estimate, names it", () => {
    expect(verdictSentence(finding({ recomputedRounded: new Dec("682.6") }), ctx())).toBe(
      "incomplete: the table prints nothing here, but the unit reports activity that implies about 682.6.",
    );
  });
  it("a change column's recomputed figure carries its percent sign", () => {
    expect(
      verdictSentence(
        finding({
          kind: "change",
          status: "mismatch",
          published: "6.8%",
          recomputedRounded: new Dec("6.2"),
          difference: new Dec("-0.6"),
        }),
        ctx(),
      ),
    ).toContain("recomputed 6.2% against published 6.8%");
  });
});
