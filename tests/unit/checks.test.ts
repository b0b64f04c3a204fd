// src/reconcile/checks.ts on its own: the list of checks, the runner that goes through it in order (skipping a
// switched-off group, handing each check what the ones before it found) and the memoised implied-factor analysis.
import { describe, expect, it } from "vitest";
import type { CheckGroups } from "../../src/findings/checkResult.js";
import type { Finding } from "../../src/findings/finding.js";
import { result } from "./renderFixtures.js";
import { fileURLToPath } from "node:url";
import { CHECKS, impliedOnce, runChecks, type Check, type CheckContext } from "../../src/reconcile/checks.js";

const ALL: CheckGroups = { recalculation: true, implied: true, boundary: true, denominators: true };
const finding = (metric: string) => ({ metric }) as Finding;
// The runner reads nothing of the context itself: it hands it on.
const ctx = { marker: "ctx" } as unknown as CheckContext;

describe("CHECKS: the checks in the order the pipeline runs them", () => {
  it("arithmetic first (the part-of check reads its findings), part-of and breakdowns last; each switchable check names its group", () => {
    expect(CHECKS.map((c) => [c.name, c.group])).toEqual([
      ["arithmetic", null],
      ["recalculation", "recalculation"],
      ["boundary", "boundary"],
      // what a declared standard requires (ESRS: market-based scope 2), switched with the boundary checks
      ["required-by-standard", "boundary"],
      ["implied", "implied"],
      ["denominators", "denominators"],
      ["claims", null],
      ["part-of", null],
      // each block of a breakdown against its printed total (reads the published figures only)
      ["breakdowns", null],
    ]);
  });
});

describe("runChecks", () => {
  const seen: string[] = [];
  const checks: Check[] = [
    {
      name: "one",
      group: null,
      run: (c, found) => (
        seen.push(`one:${found.findings.length}:${c === ctx}`),
        { findings: [finding("a"), finding("b")] }
      ),
    },
    {
      name: "two",
      group: "boundary",
      run: (_, found) => (
        seen.push(`two:${found.findings.length}`),
        { findings: [finding("c")], claims: [{ id: "x" }] as never }
      ),
    },
    {
      name: "three",
      group: "implied",
      run: (_, found) => (
        seen.push(`three:${found.findings.map((f) => f.metric).join("")}`),
        { implied: [{ facility: "f" }] as never, partOf: [{ p: 1 }] as never }
      ),
    },
    {
      name: "four",
      group: null,
      run: () => (seen.push("four"), { denominatorAnalysis: { intensities: [] } as never }),
    },
  ];

  it("runs every check in order, each seeing the findings before it; findings are concatenated, analyses kept", () => {
    seen.length = 0;
    const out = runChecks(ctx, ALL, checks);
    expect(seen).toEqual(["one:0:true", "two:2", "three:abc", "four"]);
    expect(out.findings.map((f) => f.metric)).toEqual(["a", "b", "c"]);
    expect(out.claims).toEqual([{ id: "x" }]);
    expect(out.implied).toEqual([{ facility: "f" }]);
    expect(out.partOf).toEqual([{ p: 1 }]);
    expect(out.denominatorAnalysis).toEqual({ intensities: [] });
  });

  it("skips a check whose group is off; checks without a group always run", () => {
    seen.length = 0;
    const out = runChecks(ctx, { ...ALL, boundary: false }, checks);
    expect(seen).toEqual(["one:0:true", "three:ab", "four"]);
    expect(out.findings.map((f) => f.metric)).toEqual(["a", "b"]);
    expect(out.claims).toEqual([]);
  });

  it("nothing run, nothing found: empty lists and no denominator analysis", () => {
    expect(runChecks(ctx, ALL, [])).toEqual({
      findings: [],
      partOf: [],
      implied: [],
      denominatorAnalysis: null,
      claims: [],
      breakdowns: [],
    });
  });

  it("a later check's analysis replaces an earlier one's; findings keep adding up", () => {
    const twice: Check[] = [
      {
        name: "x",
        group: null,
        run: () => ({ findings: [finding("a")], claims: [1] as never, breakdowns: [{ b: 1 }] as never }),
      },
      { name: "y", group: null, run: () => ({ findings: [finding("b")], claims: [2] as never }) },
      { name: "z", group: null, run: () => ({}) },
    ];
    const out = runChecks(ctx, ALL, twice);
    expect(out.claims).toEqual([2]);
    // a check that returns no breakdowns leaves the earlier ones in place
    expect(out.breakdowns).toEqual([{ b: 1 }]);
    expect(out.findings.map((f) => f.metric)).toEqual(["a", "b"]);
  });
});

describe("impliedOnce", () => {
  it("no plan: an empty analysis, without looking at the dataset", () => {
    const once = impliedOnce(null as never, null as never, null as never, null);
    expect(once()).toEqual([]);
    expect(once()).toBe(once());
  });
});

describe("the real checks over Harbourline (fixtures/harbourline/README.md)", () => {
  const r = () => result(fileURLToPath(new URL("../../fixtures/harbourline", import.meta.url)));
  const context = (plan: boolean): { ctx: CheckContext; asked: () => number } => {
    const { dataset, tables, table, denominator, library, plan: p } = r();
    let asked = 0;
    const once = impliedOnce(dataset, table, library!, plan ? p : null);
    return {
      ctx: {
        dataset,
        tables,
        table,
        denominator,
        library: library!,
        plan: plan ? p : null,
        implied: () => (asked++, once()),
      },
      asked: () => asked,
    };
  };
  const kinds = (fs: readonly Finding[]) => [...new Set(fs.map((f) => f.kind))].sort();

  it("with the factors: recalculation and boundary findings besides the arithmetic ones, and the README's counts", () => {
    const { ctx } = context(true);
    const out = runChecks(ctx, ALL);
    // README: 8 recalculations within materiality (direct energy and scope 1 at three plants, scope 2 at Ningbo and
    // Dongguan) + Suzhou's material scope 2; one boundary finding (Shenzhen office).
    expect(
      out.findings
        .filter((f) => f.kind === "recalculation")
        .map((f) => f.status)
        .sort(),
    ).toEqual([...Array(8).fill("within-materiality"), "material"].sort());
    expect(out.findings.filter((f) => f.kind === "boundary").map((f) => `${f.metric}@${f.column}`)).toEqual([
      "ghg.scope2@shenzhen-office",
    ]);
    expect(out.implied.length).toBeGreaterThan(0);
    expect(out.denominatorAnalysis).not.toBeNull();
    expect(out.claims.map((c) => [c.entry.id, c.verdict])).toEqual([
      ["suzhou-water-reuse", "contradicted"],
      ["hazardous-below-400", "supported"],
      ["dongguan-nox", "undecidable"],
      ["suzhou-water-reuse-printed", "supported"],
      ["energy-growth", "supported"],
    ]);
    // the arithmetic findings are the whole of r().findings' cell findings, in the same order
    expect(
      out.findings.filter((f) => f.kind !== "recalculation" && f.kind !== "boundary" && f.kind !== "part-of").length,
    ).toBe(
      r().findings.filter((f) => f.kind !== "recalculation" && f.kind !== "boundary" && f.kind !== "part-of").length,
    );
  });

  it("without a plan the recalculation and boundary checks give nothing, even when their groups are on", () => {
    const { ctx } = context(false);
    const out = runChecks(ctx, ALL);
    expect(out.findings.some((f) => f.kind === "recalculation" || f.kind === "boundary")).toBe(false);
    expect(out.implied).toEqual([]);
  });

  it("groups off: no recalculation, boundary, implied or denominator analysis; claims and arithmetic still run", () => {
    const { ctx, asked } = context(true);
    const out = runChecks(ctx, { recalculation: false, implied: false, boundary: false, denominators: false });
    expect(kinds(out.findings).includes("recalculation")).toBe(false);
    expect(kinds(out.findings).includes("boundary")).toBe(false);
    expect(out.implied).toEqual([]);
    expect(out.denominatorAnalysis).toBeNull();
    expect(out.claims).toHaveLength(5);
    expect(asked()).toBe(0);
  });

  it("the denominator analysis lists the declared denominators of the one in use, not only that one", () => {
    const { ctx } = context(false);
    const out = runChecks(ctx, { ...ALL, recalculation: false, boundary: false, implied: false });
    // manifest.json declares two of the company's revenue in 2023 (no node, no period, no measure): revenue-2023
    // (the default, in use) and revenue-rounded (6.1); the others are another period's, a site's or per product
    expect(out.denominatorAnalysis!.denominators.map((d) => d.id)).toEqual(["revenue-2023", "revenue-rounded"]);
  });

  it("declaring ESRS: a market-based scope 2 finding for every column that prints scope 2 without one", () => {
    // Harbourline prints location-based scope 2 only, in 10 columns: a number in 9 of them (the Shenzhen office
    // prints /; the change column's 19.1% counts); with "standards": ["ESRS"] each lacks its market-based figure
    const { ctx } = context(false);
    const esrs = { ...ctx, dataset: { ...ctx.dataset, standards: ["ESRS"] } } as CheckContext;
    const out = runChecks(esrs, { recalculation: false, implied: false, boundary: true, denominators: false });
    const missing = out.findings.filter((f) => f.causes.some((c) => c.code === "market-based-missing"));
    expect(missing).toHaveLength(9);
    expect(missing.every((f) => f.kind === "boundary" && f.status === "incomplete")).toBe(true);
    expect(missing[0]!.column).toBe("suzhou");
    // without the declaration, none
    const plain = runChecks(ctx, { recalculation: false, implied: false, boundary: true, denominators: false });
    expect(plain.findings.some((f) => f.causes.some((c) => c.code === "market-based-missing"))).toBe(false);
  });

  it("the implied-factor analysis is computed once however often it is asked for", () => {
    const { dataset, table, library, plan } = r();
    const once = impliedOnce(dataset, table, library!, plan);
    expect(once()).toBe(once());
    expect(once().length).toBeGreaterThan(0);
  });
});

describe("the part-of check over fixtures/of-which (its README works the comparisons by hand)", () => {
  it("17 comparisons (9 declared, 8 of the tree), one violated: recycled at Plant A, 125.0 above its total 120.0", () => {
    const { dataset, tables, table, denominator, library } = result(
      fileURLToPath(new URL("../../fixtures/of-which", import.meta.url)),
    );
    const c = { dataset, tables, table, denominator, library: library!, plan: null, implied: () => [] };
    const out = runChecks(c, { recalculation: false, implied: false, boundary: false, denominators: false });
    expect(out.partOf).toHaveLength(17);
    expect(out.findings.filter((f) => f.kind === "part-of").map((f) => `${f.metric}@${f.column}`)).toEqual([
      "waste.non_hazardous.recycled@plant-a",
    ]);
  });
});
