// --format junit against the shape CI consumers document (the Ant/Jenkins JUnit XML: testsuites ⊃ testsuite ⊃
// testcase, with failure / skipped / system-out inside a test case, and tests/failures/errors/skipped counts on the
// suites and the root that add up). Parsed with the small reader in ./xml.ts; figures from the README.
import { describe, expect, it } from "vitest";
import { renderJunit, xmlAttr, xmlText } from "../../src/render/junit.js";
import { ARITHMETIC_ONLY, ctx, result } from "./renderFixtures.js";
import { parseXml, type XmlElement } from "./xml.js";

const CASE_CHILDREN = new Set(["failure", "error", "skipped", "system-out", "system-err", "properties"]);

/** Checks the documented shape and that every count adds up; returns the test cases. */
function checkShape(root: XmlElement): XmlElement[] {
  expect(root.name).toBe("testsuites");
  const all: XmlElement[] = [];
  const sum = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  for (const suite of root.children) {
    expect(suite.name).toBe("testsuite");
    expect(suite.attrs.name).toBeTruthy();
    const cases = suite.children;
    for (const c of cases) {
      expect(c.name).toBe("testcase");
      expect(c.attrs.name).toBeTruthy();
      expect(c.attrs.classname).toBeTruthy();
      for (const k of c.children) expect(CASE_CHILDREN.has(k.name), k.name).toBe(true);
      // at most one outcome per test case
      expect(c.children.filter((k) => ["failure", "error", "skipped"].includes(k.name)).length).toBeLessThanOrEqual(1);
    }
    const n = (child: string) => cases.filter((c) => c.children.some((k) => k.name === child)).length;
    expect(Number(suite.attrs.tests)).toBe(cases.length);
    expect(Number(suite.attrs.failures)).toBe(n("failure"));
    expect(Number(suite.attrs.errors)).toBe(n("error"));
    expect(Number(suite.attrs.skipped)).toBe(n("skipped"));
    sum.tests += cases.length;
    sum.failures += n("failure");
    sum.errors += n("error");
    sum.skipped += n("skipped");
    all.push(...cases);
  }
  expect({
    tests: Number(root.attrs.tests),
    failures: Number(root.attrs.failures),
    errors: Number(root.attrs.errors),
    skipped: Number(root.attrs.skipped),
  }).toEqual(sum);
  // test case names are unique within a suite (consumers key results by classname + name)
  for (const suite of root.children) {
    const keys = suite.children.map((c) => `${c.attrs.classname}\u0000${c.attrs.name}`);
    expect(new Set(keys).size).toBe(keys.length);
  }
  return all;
}

describe("escaping", () => {
  it("text: & < >; attributes also quotes and line breaks as character references; forbidden characters replaced", () => {
    expect(xmlText("a < b & c > d")).toBe("a &lt; b &amp; c &gt; d");
    expect(xmlAttr(`"x"\n'y'\t`)).toBe("&quot;x&quot;&#10;&apos;y&apos;&#9;");
    expect(xmlText("bell\u0007")).toBe("bell\ufffd");
    const back = parseXml(
      `<?xml version="1.0" encoding="UTF-8"?><a v="${xmlAttr('1 < 2 & "3"\nnext')}">${xmlText("x<y&z")}</a>`,
    );
    expect(back.attrs.v).toBe('1 < 2 & "3"\nnext');
    expect(back.text).toBe("x<y&z");
  });

  it("the reader used here rejects what is not well-formed (so the checks below can fail)", () => {
    expect(() => parseXml(`<?xml version="1.0"?><a><b></a></b>`)).toThrow();
    expect(() => parseXml(`<?xml version="1.0"?><a>x & y</a>`)).toThrow();
    expect(() => parseXml(`<?xml version="1.0"?><a v=1/>`)).toThrow();
    expect(() => parseXml(`<?xml version="1.0"?><a/><b/>`)).toThrow();
  });
});

describe("renderJunit on the NIO dataset", () => {
  const nio = result();
  const root = parseXml(renderJunit(nio, ctx(), { failOn: "mismatch" }));
  const cases = checkShape(root);

  it("one test case per checked cell (92) and per recalculation and boundary check (8), plus the claim", () => {
    expect(cases).toHaveLength(92 + 8 + 1);
    expect(root.attrs.tests).toBe("101");
  });

  it("failures are the six findings at or above --fail-on mismatch: 2 mismatch, 2 material, 2 incomplete", () => {
    expect(root.attrs.failures).toBe("6");
    const types = cases.flatMap((c) => c.children.filter((k) => k.name === "failure").map((k) => k.attrs.type)).sort();
    expect(types).toEqual(["incomplete", "incomplete", "material", "material", "mismatch", "mismatch"]);
    expect(root.attrs.skipped).toBe("0"); // the one claim is supported
  });

  it("the wastewater intensity fails with its figures, its cause and the cell's location", () => {
    const c = cases.find((x) => x.attrs.name === "Wastewater intensity · Total")!;
    expect(c.attrs).toMatchObject({
      classname: "nio-2021.water.wastewater.intensity",
      file: "data/datasets/nio-2021/published.csv",
      line: "12",
    });
    const f = c.children.find((k) => k.name === "failure")!;
    expect(f.attrs.type).toBe("mismatch");
    expect(f.attrs.message).toContain("recomputed 9.52 against published 9.53");
    expect(f.text).toContain("revenue-printed");
    expect(f.text).toContain("data/datasets/nio-2021/published.csv:12:24");
  });

  it("a rounding cell passes (below the threshold) and says why in system-out", () => {
    const c = cases.find((x) => x.attrs.name === "On-site solar power consumed · Total")!;
    expect(c.children.map((k) => k.name)).toEqual(["system-out"]);
    expect(c.children[0]!.text).toContain("rounding: recomputed 6,323.4 against published 6,323.3");
  });
});

describe("renderJunit on fixtures/statuses and formula-labels", () => {
  it("--fail-on rounding fails the rounding cell too; --fail-on none fails nothing", () => {
    const statuses = result("fixtures/statuses", ARITHMETIC_ONLY);
    const byThreshold = (t: "rounding" | "mismatch" | "none") =>
      checkShape(parseXml(renderJunit(statuses, ctx(), { failOn: t })));
    const failures = (cases: XmlElement[]) => cases.filter((c) => c.children.some((k) => k.name === "failure")).length;
    expect(byThreshold("mismatch")).toHaveLength(13);
    expect(failures(byThreshold("mismatch"))).toBe(3); // mismatch, missing, omitted
    expect(failures(byThreshold("rounding"))).toBe(4);
    expect(failures(byThreshold("none"))).toBe(0);
  });

  it("labels are escaped, and the Chinese labels of --lang zh-Hant come through as text", () => {
    const labels = result("fixtures/formula-labels", ARITHMETIC_ONLY);
    const cases = checkShape(parseXml(renderJunit(labels, ctx(), { failOn: "mismatch" })));
    expect(cases.map((c) => c.attrs.name)).toContain("=Purchased heat · @Plant B");
    const zh = checkShape(parseXml(renderJunit(labels, ctx("zh-Hant"), { failOn: "mismatch" })));
    expect(zh.map((c) => c.attrs.name)).toContain("外購熱力 · 乙廠");
  });
});
