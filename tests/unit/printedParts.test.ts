// src/reconcile/printedParts.ts on its own: the ways a cell follows from other printed figures of the table — its
// children's printed figures, its printed terms, its printed numerator ÷ the denominator, the printed intensities
// of its numerator's terms — each with the value and interval the printed figures allow, worked by hand.
import { describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lookup } from "../../src/compute/recompute.js";
import { columnById } from "../../src/model/columns.js";
import type { FromPrinted } from "../../src/reconcile/printedParts.js";
import { fromPrintedParts } from "../../src/reconcile/printedParts.js";
import { ARITHMETIC_ONLY, result } from "./renderFixtures.js";

const fixture = (name: string) =>
  result(fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url)), ARITHMETIC_ONLY);

/** The routes of a cell, with the data looked up (`withData`) or not, in a form to compare with hand figures. */
function routes(name: string, metric: string, column: string, withData = true) {
  return routesOf(fixture(name), metric, column, withData);
}

function routesOf(r: ReturnType<typeof fixture>, metric: string, column: string, withData = true) {
  const f = r.findings.find(
    (x) => x.metric === metric && x.column === column && x.kind !== "recalculation" && x.kind !== "boundary",
  )!;
  const col = columnById(r.dataset, column)!;
  const table = r.tables.get(col.period)!;
  const data = withData ? (node: string, m: string) => lookup(table, node, m) : undefined;
  return fromPrintedParts(f, r.dataset, col, data).map((x: FromPrinted) => ({
    op: x.op,
    parts: x.parts.map(
      (p) =>
        `${p.coefficient.eq(1) ? "" : `${p.coefficient.toFixed()}×`}${p.metric}@${p.column}=${p.number === null ? "nothing" : p.number.text.trim()}:${p.agreesWithData}`,
    ),
    divisor: x.divisor?.text,
    value: x.value.toFixed(),
    interval: [x.interval.lo.toFixed(), x.interval.hi.toFixed()],
  }));
}

/** cause-printed-subtotals with North's and South's subtotals printed "/". */
let slashedDir: string | undefined;
const slashed = () => {
  if (!slashedDir) {
    slashedDir = mkdtempSync(join(tmpdir(), "esg-printed-parts-"));
    cpSync(fileURLToPath(new URL("../../fixtures/hostile/cause-printed-subtotals", import.meta.url)), slashedDir, {
      recursive: true,
    });
    const published = join(slashedDir, "published.csv");
    writeFileSync(
      published,
      readFileSync(published, "utf8").replace("10.20,20.4,10.21,10.23,20.4", "10.20,/,10.21,10.23,/"),
    );
  }
  return result(slashedDir, ARITHMETIC_ONLY);
};

/** cause-printed-intensities with the group's total GHG printed "/". */
let noTotalDir: string | undefined;
const noTotal = () => {
  if (!noTotalDir) {
    noTotalDir = mkdtempSync(join(tmpdir(), "esg-printed-parts-"));
    cpSync(fileURLToPath(new URL("../../fixtures/hostile/cause-printed-intensities", import.meta.url)), noTotalDir, {
      recursive: true,
    });
    const published = join(noTotalDir, "published.csv");
    writeFileSync(published, readFileSync(published, "utf8").replace('740.0,"2,540.0"', "740.0,/"));
  }
  return result(noTotalDir, ARITHMETIC_ONLY);
};

describe("fromPrintedParts", () => {
  it("a total from its children's printed subtotals: 20.4 + 20.4 = 40.8, each ± 0.05 → [40.7, 40.9]", () => {
    // North's data: 10.24 + 10.20 = 20.44 → 20.4, South's 10.21 + 10.23 = 20.44 → 20.4: both agree.
    expect(routes("hostile/cause-printed-subtotals", "waste.hazardous.total", "group")).toEqual([
      {
        op: "sum",
        parts: ["waste.hazardous.total@north=20.4:true", "waste.hazardous.total@south=20.4:true"],
        divisor: undefined,
        value: "40.8",
        interval: ["40.7", "40.9"],
      },
    ]);
  });

  it("without a data lookup, nothing is said about the parts' agreement", () => {
    expect(routes("hostile/cause-printed-subtotals", "waste.hazardous.total", "north", false)).toEqual([
      // 10.24 + 10.20 = 20.44, each ± 0.005 → [20.43, 20.45]
      {
        op: "sum",
        parts: ["waste.hazardous.total@site-a=10.24:null", "waste.hazardous.total@site-b=10.20:null"],
        divisor: undefined,
        value: "20.44",
        interval: ["20.43", "20.45"],
      },
    ]);
  });

  it("a leaf's input has no parts", () => {
    expect(routes("hostile/cause-printed-subtotals", "waste.hazardous.total", "site-a")).toEqual([]);
  });

  it("an intensity: the printed numerator ÷ the denominator, and the printed intensities of the numerator's terms added", () => {
    // 2,540.0 ÷ 1,000.0 = 2.54, within [2,539.95 ÷ 1,000.05, 2,540.05 ÷ 999.95]; 0.7 + 1.9 = 2.6 within [2.5, 2.7].
    // The data: 2,540.0 (agrees); 660.0 ÷ 1,000.0 = 0.66 → 0.7 and 1,880.0 ÷ 1,000.0 = 1.88 → 1.9 (agree).
    const [quotient, sum, ...rest] = routes("hostile/cause-printed-intensities", "ghg.intensity", "group");
    expect(rest).toEqual([]);
    expect({ ...quotient!, interval: undefined }).toEqual({
      op: "quotient",
      parts: ["ghg.total@group=2,540.0:true"],
      divisor: "1,000.0",
      value: "2.54",
      interval: undefined,
    });
    expect(quotient!.interval.map((x) => Number(x).toFixed(9))).toEqual([
      (2539.95 / 1000.05).toFixed(9),
      (2540.05 / 999.95).toFixed(9),
    ]);
    expect(sum).toEqual({
      op: "sum",
      parts: ["ghg.scope1.intensity@group=0.7:true", "ghg.scope2.intensity@group=1.9:true"],
      divisor: undefined,
      value: "2.6",
      interval: ["2.5", "2.7"],
    });
  });

  it("an identity: its children's printed figures and its own printed terms", () => {
    // Group total GHG: children 1,800.0 + 740.0 = 2,540.0; terms 660.0 + 1,880.0 = 2,540.0; each ± 0.1 in all.
    expect(routes("hostile/cause-printed-intensities", "ghg.total", "group")).toEqual([
      {
        op: "sum",
        parts: ["ghg.total@plant-a=1,800.0:true", "ghg.total@plant-b=740.0:true"],
        divisor: undefined,
        value: "2540",
        interval: ["2539.9", "2540.1"],
      },
      {
        op: "sum",
        parts: ["ghg.scope1@group=660.0:true", "ghg.scope2@group=1,880.0:true"],
        divisor: undefined,
        value: "2540",
        interval: ["2539.9", "2540.1"],
      },
    ]);
  });

  it("a part printed / counts as nothing: Harbourline's South China scope 1 is Dongguan's 909.3 alone", () => {
    // Shenzhen office prints / for scope 1 (and the data has none): 909.3 ± 0.05.
    expect(routes("harbourline", "ghg.scope1", "south")).toEqual([
      {
        op: "sum",
        parts: ["ghg.scope1@dongguan=909.3:true", "ghg.scope1@shenzhen-office=nothing:null"],
        divisor: undefined,
        value: "909.3",
        interval: ["909.25", "909.35"],
      },
    ]);
  });

  it("a change column has none", () => {
    expect(routes("harbourline", "energy.total", "group@2022..2023")).toEqual([]);
  });

  it("a column as first published adds up the children of its own report: none printed, so no route", () => {
    // group@2022-as-published has no regional columns of the 2022 report beside it
    expect(routes("harbourline", "ghg.scope2", "group@2022-as-published").map((x) => x.parts)).toEqual([]);
  });

  it("children that all print / give no sum of printed parts", () => {
    // Group 40.8 over North and South, both printed "/": nothing at all is printed, so no route (not a sum of 0).
    expect(routesOf(slashed(), "waste.hazardous.total", "group")).toEqual([]);
    // North itself still adds its sites: 10.24 + 10.20 = 20.44 ± 0.01.
    expect(routesOf(slashed(), "waste.hazardous.total", "north").map((x) => x.value)).toEqual(["20.44"]);
  });

  it("an intensity whose numerator is printed /: no quotient, only the printed intensities of its terms", () => {
    // 0.7 + 1.9 = 2.6 within [2.5, 2.7], as in cause-printed-intensities; the total GHG 2,540.0 is not printed.
    expect(routesOf(noTotal(), "ghg.intensity", "group").map((x) => [x.op, x.value, ...x.interval])).toEqual([
      ["sum", "2.6", "2.5", "2.7"],
    ]);
  });
});
