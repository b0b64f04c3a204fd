// Golden tests of fixtures/hostile/cause-* and verdict-*: causes and verdicts that used to be false. Each case's
// README works the figures out by hand; the expectations below are copied from those READMEs (and were checked
// against them), not from the tool's output. The tool is run as a user would, every report validated against
// the published JSON Schema.
import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "./runCli.js";

const validate = new Ajv2020({ strict: false }).compile(
  JSON.parse(readFileSync(`${ROOT}schema/report.schema.json`, "utf8")) as object,
);

interface FindingJson {
  metric: string;
  column: string;
  kind: string;
  status: string;
  causes: { code: string; message: string }[];
}
interface Report {
  findings: FindingJson[];
  claims: { id: string; verdict: string; left: { interval: [string, string] } | null }[];
}

function check(name: string): { report: Report; code: number | null } {
  const r = runCli(["check", `fixtures/hostile/${name}`, "--format", "json"]);
  const report = JSON.parse(r.stdout) as Report;
  expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  return { report, code: r.code };
}

/** Every finding that is not a match: metric @ column, status, and its causes. */
const problems = (report: Report) =>
  report.findings
    .filter((f) => f.status !== "match")
    .map((f) => ({ cell: `${f.metric} @ ${f.column}`, status: f.status, causes: f.causes }));

const CASES: {
  name: string;
  problems: { cell: string; status: string; causes: { code: string; message: string }[] }[];
}[] = [
  {
    name: "cause-coefficients",
    problems: [
      {
        cell: "ghg.co2e @ plant-a",
        status: "mismatch",
        causes: [
          {
            code: "one-component",
            message:
              "the published figure counts ghg.ch4 of plant-a (21 × 50.9 = 1,068.9) twice: the only combination of its 3 components left out, counted twice or with the wrong sign that fits",
          },
        ],
      },
    ],
  },
  {
    name: "cause-several-left-out",
    problems: [
      {
        cell: "ghg.co2e @ plant-a",
        status: "mismatch",
        causes: [
          {
            code: "components",
            message:
              "the published figure leaves out ghg.ch4 of plant-a (21 × 50.9 = 1,068.9) and leaves out ghg.n2o of plant-a (310 × 1,175 = 364,250): the only combination of its 3 components left out, counted twice or with the wrong sign that fits",
          },
        ],
      },
      {
        cell: "ghg.co2e @ group",
        status: "mismatch",
        causes: [
          {
            code: "from-published",
            message:
              "the published 93,520 follows from the table's own printed figures, not from the data: 52,310 + 41,210 = 93,520; the printed ghg.co2e at plant-a disagrees with the data (see its cell)",
          },
        ],
      },
    ],
  },
  {
    name: "cause-wrong-sign",
    problems: [
      {
        cell: "ghg.net @ plant-a",
        status: "mismatch",
        causes: [
          {
            code: "component-sign",
            message:
              "the published figure adds ghg.removals of plant-a (-1 × 150.0 = -150.0) instead of subtracting it: the only combination of its 2 components left out, counted twice or with the wrong sign that fits",
          },
        ],
      },
    ],
  },
  {
    name: "cause-two-fits",
    problems: [
      {
        cell: "energy.purchased_electricity @ group",
        status: "mismatch",
        causes: [
          {
            code: "components-ambiguous",
            message:
              "2 combinations of components left out or counted twice fit the published figure, so none can be named: it leaves out energy.purchased_electricity of plant-a (300.0); or it leaves out energy.purchased_electricity of plant-b (120.0) and leaves out energy.purchased_electricity of plant-c (180.0)",
          },
        ],
      },
    ],
  },
  {
    name: "cause-scale-ambiguous",
    problems: [
      {
        cell: "water.municipal @ plant-a",
        status: "mismatch",
        causes: [
          {
            code: "scale-slip-ambiguous",
            message:
              "2 unit or scale slips fit the published figure ÷ the recomputed one, so none can be named: × 10 (a decimal point one place off); ÷ 0.1229 (kgce per kWh of electricity (equivalent value, GB/T 2589): an energy figure in tce where MWh was meant)",
          },
        ],
      },
    ],
  },
  {
    name: "cause-denominator-ambiguous",
    problems: [
      {
        cell: "ghg.intensity @ group",
        status: "mismatch",
        causes: [
          {
            code: "denominator-ambiguous",
            message:
              "follows from 2 other declared denominators alike, so none can be named: revenue-rounded (12.4億元): 2,295.9 ÷ 1,240 = 1.851532; revenue-draft (1,241): 2,295.9 ÷ 1,241 = 1.850040 — each rounds to the published 1.85",
          },
        ],
      },
    ],
  },
  {
    name: "cause-site-intensity",
    problems: [
      {
        cell: "ghg.intensity @ plant-a",
        status: "missing",
        causes: [
          {
            code: "no-data",
            message:
              'no denominator of revenue for plant-a: an intensity is recomputed where manifest.json declares one (a denominator with "node": "plant-a", "measure": "revenue"); the numerator ghg.total has data at plant-a (1,804.7)',
          },
        ],
      },
    ],
  },
  {
    name: "cause-printed-intensities",
    problems: [
      {
        cell: "ghg.intensity @ group",
        status: "mismatch",
        causes: [
          {
            code: "from-published",
            message:
              "the published 2.6 follows from the table's own printed figures, not from the data: 0.7 + 1.9 = 2.6; each of those agrees with the data, so this figure was computed from rounded printed figures, not from the data",
          },
        ],
      },
    ],
  },
  {
    name: "cause-printed-subtotals",
    problems: [
      {
        cell: "waste.hazardous.total @ group",
        status: "mismatch",
        causes: [
          {
            code: "from-published",
            message:
              "the published 40.8 follows from the table's own printed figures, not from the data: 20.4 + 20.4 = 40.8; each of those agrees with the data, so this figure was computed from rounded printed figures, not from the data",
          },
        ],
      },
    ],
  },
];

describe("fixtures/hostile: causes", () => {
  for (const c of CASES) {
    it(`${c.name}: the README's findings and causes, exit 1`, () => {
      const { report, code } = check(c.name);
      expect(problems(report)).toEqual(c.problems);
      expect(code).toBe(1);
    });
  }
});

describe("fixtures/hostile: verdicts", () => {
  it("verdict-share-of-total: a part against a total that contains it is decided exactly", () => {
    const { report, code } = check("verdict-share-of-total");
    expect(report.claims.map((c) => [c.id, c.verdict])).toEqual([
      ["plant-a-share", "supported"],
      ["plant-a-share-high", "supported"],
    ]);
    // 827.15 ÷ 1,000.00 and 827.25 ÷ 1,000.00
    expect(report.claims[0]!.left!.interval).toEqual(["0.82715", "0.82725"]);
    expect(code).toBe(0);
  });

  it("verdict-explain-precision: the intensity is shown with the decimals it was compared at", () => {
    const r = runCli(["explain", "ghg.intensity", "--dataset", "fixtures/hostile/verdict-explain-precision"]);
    expect(r.code).toBe(0);
    // 66 ÷ 12,500.0 = 0.00528 → 0.0053; [64.5 ÷ 12,500.05, 67.5 ÷ 12,499.95] to 8 decimals, outward.
    expect(r.stdout).toContain(
      "  GHG emissions intensity @ Group = 0.0053  interval [0.00515997, 0.00540003]  (intensity: ghg.intensity = ghg.total@group ÷ revenue)\n",
    );
  });

  it("verdict-summary-claims: the summary counts findings and names contradicted claims apart", () => {
    const en = runCli(["check", "fixtures/hostile/verdict-summary-claims"]);
    expect(en.code).toBe(1);
    expect(en.stdout).toContain(
      "3 cells checked: 2 match, 0 rounding, 1 mismatch, 0 missing, 0 omitted, 0 within materiality, 0 material, 0 incomplete — FAIL: 1 at or above --fail-on mismatch, plus contradicted claims: 1\n",
    );
    const zh = runCli(["check", "fixtures/hostile/verdict-summary-claims", "--lang", "zh-Hant"]);
    expect(zh.stdout).toContain("未通過: 1 項達到 --fail-on mismatch 或以上，另有 1 項陳述不成立\n");
    // Without claims failing the run, the line is what it always was.
    const none = runCli(["check", "fixtures/hostile/verdict-summary-claims", "--fail-on", "none"]);
    expect(none.stdout).toMatch(/— PASS: \(--fail-on none\)\n/);
  });
});
