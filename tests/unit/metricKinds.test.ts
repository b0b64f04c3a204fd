// The table of metric kinds (model/metricKinds.ts) on the built-in catalogue: what is read, what is summed, how a
// cell is obtained, and the units — each against the catalogue file itself, not the tool's output.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadCatalogue } from "../../src/io/reference.js";
import { unitOf } from "../../src/model/catalogue.js";
import { isRead, kindOf, METRIC_KINDS } from "../../src/model/metricKinds.js";

const built = loadCatalogue();
if (!built.ok) throw new Error(JSON.stringify(built.errors));
const cat = built.value;
const file = JSON.parse(readFileSync(new URL("../../data/catalogue/metrics.json", import.meta.url), "utf8")) as {
  metrics: { id: string; kind: string; unit?: string; numerator?: string }[];
};

describe("metric kinds", () => {
  it("activity rows hold exactly the catalogue's base metrics", () => {
    expect(cat.metrics.filter(isRead).map((m) => m.id)).toEqual(
      file.metrics.filter((m) => m.kind === "base").map((m) => m.id),
    );
  });

  it("an intensity is per a denominator and not summed; a ratio is neither; base and derived metrics are summed", () => {
    for (const m of cat.metrics) {
      expect(kindOf(m).perDenominator).toBe(m.kind === "intensity");
      expect(kindOf(m).summed).toBe(m.kind === "base" || m.kind === "derived");
    }
  });

  it("a cell is read at a reporting unit and rolled up above it; identities and intensities are computed everywhere", () => {
    expect([true, false].map(METRIC_KINDS.base.cellKind)).toEqual(["input", "sum"]);
    expect([true, false].map(METRIC_KINDS.derived.cellKind)).toEqual(["identity", "identity"]);
    expect([true, false].map(METRIC_KINDS.intensity.cellKind)).toEqual(["intensity", "intensity"]);
    expect([true, false].map(METRIC_KINDS.ratio.cellKind)).toEqual(["ratio", "ratio"]);
  });

  it("a ratio's unit is a share (percent or fraction) and its inputs are its terms, numerator first", () => {
    const ratios = file.metrics.filter((m) => m.kind === "ratio") as unknown as {
      id: string;
      unit: string;
      numerator: { metric: string }[];
      denominator: { metric: string }[];
    }[];
    // The common ones are built in: scope 2's share of GHG, the renewable share of energy, two recycling rates.
    expect(ratios.map((r) => r.id)).toEqual([
      "ghg.scope2.share",
      "energy.renewable.share",
      "waste.non_hazardous.recycling_rate",
      "water.recycling_rate",
    ]);
    for (const r of ratios) {
      const m = cat.metrics.find((x) => x.id === r.id)!;
      expect(unitOf(cat, m)).toBe(r.unit);
      expect(cat.units.find((u) => u.id === r.unit)?.dimension).toBe("ratio");
      expect(kindOf(m).inputs(m)).toEqual([...new Set([...r.numerator, ...r.denominator].map((t) => t.metric))]);
    }
  });

  it("an intensity's unit is its numerator's, as metrics.json declares it", () => {
    const byId = new Map(file.metrics.map((m) => [m.id, m]));
    for (const m of file.metrics.filter((x) => x.kind === "intensity")) {
      expect(
        unitOf(
          cat,
          cat.metrics.find((x) => x.id === m.id)!,
        ),
      ).toBe(byId.get(m.numerator!)!.unit);
    }
  });

  it("a derived metric is computed from its terms, an intensity from its numerator", () => {
    const ghg = cat.metrics.find((m) => m.id === "ghg.total")!;
    expect(kindOf(ghg).inputs(ghg)).toEqual(["ghg.scope1", "ghg.scope2"]);
    const intensity = cat.metrics.find((m) => m.id === "ghg.intensity")!;
    expect(kindOf(intensity).inputs(intensity)).toEqual(["ghg.total"]);
  });
});
