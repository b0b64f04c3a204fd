// src/model/published.ts on its own: the published table read in the wide layout and in the long one (the same
// rows), each cell kept as printed, the printed unit read, and every kind of bad row reported where it is, with
// nothing dropped silently. The columns and tree come from a small in-memory dataset.
import { describe, expect, it } from "vitest";
import type { InputError } from "../../src/findings/inputError.js";
import { parseCsv } from "../../src/io/csv.js";
import { loadCatalogue } from "../../src/io/reference.js";
import { allColumns } from "../../src/model/columns.js";
import { buildPublished } from "../../src/model/published.js";
import type { PublishedRow } from "../../src/model/types.js";
import { memoryDataset } from "./memoryDataset.js";

const catalogue = loadCatalogue();
if (!catalogue.ok) throw new Error(JSON.stringify(catalogue.errors));
const cat = catalogue.value;

const WIDE = `section,label,unit,Plant A,Plant B,Group
Energy use,Purchased electricity,MWh,"1,200.5",800.3,"2,000.8"
Greenhouse gas emissions,Scope 1,tCO2e,120.4,/,
Greenhouse gas emissions,GHG emissions intensity,tCO2e/RMB million,/,/,1.84
`;
const { dataset } = memoryDataset(cat, {
  id: "unit-published",
  units: [
    { id: "plant-a", label: "Plant A" },
    { id: "plant-b", label: "Plant B" },
  ],
  published: WIDE,
  activity: { "energy.csv": "facility,metric,value,unit\nplant-a,energy.purchased_electricity,1.0,MWh\n" },
});
const columns = allColumns(dataset);

function read(text: string, brokenHeaders: string[] = []): { rows: PublishedRow[]; errors: InputError[] } {
  const t = parseCsv(text, "published.csv");
  if (!t.ok) throw new Error(JSON.stringify(t.errors));
  const errors: InputError[] = [];
  const rows = buildPublished("main", t.value, columns, brokenHeaders, cat, dataset.tree, errors);
  return { rows, errors };
}
/** A row's cells as "column=kind:value". */
const cells = (r: PublishedRow) =>
  r.cells.map(
    (c) => `${c.column}=${c.value.kind === "number" ? `number:${c.value.number.value.toFixed()}` : c.value.kind}`,
  );
const where = (e: InputError) => `${e.code} ${e.line}:${e.column}`;

describe("the wide layout", () => {
  const { rows, errors } = read(WIDE);
  it("one row per printed row, in order, each with its metric, table and line", () => {
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.table, r.metric, r.label, r.source.line])).toEqual([
      ["main", "energy.purchased_electricity", "Purchased electricity", 2],
      ["main", "ghg.scope1", "Scope 1", 3],
      ["main", "ghg.intensity", "GHG emissions intensity", 4],
    ]);
  });
  it("cells as printed: a number with its precision, / not applicable, an empty cell blank", () => {
    expect(rows.map(cells)).toEqual([
      ["plant-a=number:1200.5", "plant-b=number:800.3", "group=number:2000.8"],
      ["plant-a=number:120.4", "plant-b=not-applicable", "group=blank"],
      ["plant-a=not-applicable", "plant-b=not-applicable", "group=number:1.84"],
    ]);
    const n = rows[0]!.cells[0]!;
    expect(n.text).toBe("1,200.5");
    expect(n.value.kind === "number" && n.value.number.scale).toBe(1);
    expect(n.source).toMatchObject({ file: "published.csv", line: 2 });
  });
  it("the printed unit: the metric's own, and for an intensity also what it is per", () => {
    expect(rows.map((r) => r.printedUnit)).toEqual([
      { unit: "MWh" },
      { unit: "tCO2e" },
      { unit: "tCO2e", per: "RMB-million" },
    ]);
  });
  it("columns by node id as well as by printed title", () => {
    const byId = read(WIDE.replace("Plant A,Plant B,Group", "plant-a,plant-b,group"));
    expect(byId.errors).toEqual([]);
    expect(byId.rows.map(cells)).toEqual(rows.map(cells));
  });
});

describe("the long layout gives the same rows", () => {
  const LONG = `section,label,unit,column,value
Energy use,Purchased electricity,MWh,Plant A,"1,200.5"
Energy use,Purchased electricity,MWh,Plant B,800.3
Energy use,Purchased electricity,MWh,Group,"2,000.8"
Greenhouse gas emissions,Scope 1,tCO2e,Plant A,120.4
Greenhouse gas emissions,Scope 1,tCO2e,Plant B,/
Greenhouse gas emissions,GHG emissions intensity,tCO2e/RMB million,Group,1.84
`;
  it("a column a row does not list is blank; each row starts at its first line", () => {
    const { rows, errors } = read(LONG);
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.metric, r.source.line])).toEqual([
      ["energy.purchased_electricity", 2],
      ["ghg.scope1", 5],
      ["ghg.intensity", 7],
    ]);
    expect(rows.map(cells)).toEqual([
      ["plant-a=number:1200.5", "plant-b=number:800.3", "group=number:2000.8"],
      ["plant-a=number:120.4", "plant-b=not-applicable", "group=blank"],
      ["plant-a=blank", "plant-b=blank", "group=number:1.84"],
    ]);
  });
  it("a column the manifest does not map, and a cell given twice, are errors at the cell", () => {
    // "Greenhouse gas emissions," (25) + "Scope 1," (8) + "tCO2e," (6): the column field starts at 40
    const { errors } = read(
      LONG +
        "Greenhouse gas emissions,Scope 1,tCO2e,Plant C,1.0\nGreenhouse gas emissions,Scope 1,tCO2e,Plant A,120.4\n",
    );
    expect(errors.map(where)).toEqual(["column-unmapped 8:40", "row-duplicate 9:40"]);
    expect(errors[1]!.message).toBe('"Scope 1" in column Plant A is given twice; first at line 5');
  });
});

describe("bad rows are reported where they are, and left out", () => {
  const header = "section,label,unit,Plant A,Plant B,Group\n";
  const rowsOf = (body: string) => read(header + body);
  it("an unknown label, with the closest known ones", () => {
    const { rows, errors } = rowsOf("Energy use,Purchased electricty,MWh,1.0,1.0,2.0\n");
    expect(rows).toEqual([]);
    expect(errors.map(where)).toEqual(["label-unknown 2:12"]);
    expect(errors[0]!.hint).toMatch(/^closest known labels: Purchased electricity \(energy\.purchased_electricity\)/);
  });
  it("an unknown section", () => {
    expect(rowsOf("Energy usage,Purchased electricity,MWh,1.0,1.0,2.0\n").errors.map(where)).toEqual([
      "section-unknown 2:1",
    ]);
  });
  it("a unit of another dimension, and an unknown unit", () => {
    // "Energy use,Purchased electricity," and "Greenhouse gas emissions,Scope 1," are 33 characters each
    const { errors } = rowsOf(
      "Energy use,Purchased electricity,t,1.0,1.0,2.0\nGreenhouse gas emissions,Scope 1,tCO2x,1.0,1.0,2.0\n",
    );
    expect(errors.map((e) => [where(e), e.message])).toEqual([
      ["unit-mismatch 2:34", 'energy.purchased_electricity is measured in MWh, not "t"'],
      ["unit-unknown 3:34", 'unknown unit "tCO2x"'],
    ]);
  });
  it("an intensity's unit must be per a currency", () => {
    const { errors } = rowsOf("Greenhouse gas emissions,GHG emissions intensity,tCO2e/MWh,/,/,1.0\n");
    expect(errors.map((e) => e.code)).toEqual(["unit-mismatch"]);
  });
  it("a metric printed twice", () => {
    const { rows, errors } = rowsOf(
      "Greenhouse gas emissions,Scope 1,tCO2e,1.0,1.0,2.0\nGreenhouse gas emissions,Scope 1,tCO2e,1.0,1.0,2.0\n",
    );
    expect(rows).toHaveLength(1);
    expect(errors.map((e) => [where(e), e.message])).toEqual([
      ["row-duplicate 3:26", "ghg.scope1 has two rows; the first is at line 2"],
    ]);
  });
  it("a cell that is not a number as printed", () => {
    const { rows, errors } = rowsOf("Greenhouse gas emissions,Scope 1,tCO2e,1.0,abc,2.0\n");
    expect(rows).toEqual([]);
    expect(errors.map(where)).toEqual(["cell-invalid 2:44"]);
  });
  it("a header with an unknown, a duplicated and a missing column", () => {
    expect(read("section,label,unit,Plant A,Plant B,Group,Plant Z\n").errors.map((e) => e.code)).toEqual([
      "header-unknown",
    ]);
    expect(read("section,label,unit,Plant A,Plant B,Group,Plant A\n").errors.map((e) => e.code)).toEqual([
      "header-duplicate",
    ]);
    expect(read("section,label,Plant A,Plant B\n").errors.map((e) => [e.code, e.message])).toEqual([
      ["header-missing", 'required column "unit" is missing'],
      ["header-missing", 'column "Group" (node group) is declared in the manifest but missing from the table'],
    ]);
  });
  it("a header column already reported at the manifest is not reported again", () => {
    expect(read("section,label,unit,Plant A,Plant B,Group,Plant Z\n", ["Plant Z"]).errors).toEqual([]);
  });
  it("a header and no rows: nothing to check, said so", () => {
    const { rows, errors } = read(header);
    expect(rows).toEqual([]);
    expect(errors.map((e) => [e.code, e.line])).toEqual([["table-empty", 1]]);
  });
});

describe("layouts as printed: a two-level header and columns without a title", () => {
  const read2 = (text: string) => {
    const t = parseCsv(text, "published.csv");
    if (!t.ok) throw new Error(JSON.stringify(t.errors));
    const errors: InputError[] = [];
    const rows = buildPublished("main", t.value, columns, [], cat, dataset.tree, errors, undefined, undefined, 2);
    return { rows, errors };
  };

  it("reads a heading over several columns with each column's sub-heading as one title ('Plant' + 'A')", () => {
    const { rows, errors } = read2(
      `section,label,unit,Plant,,Group\n,,,A,B,\nEnergy use,Purchased electricity,MWh,"1,200.5",800.3,"2,000.8"\n`,
    );
    expect(errors).toEqual([]);
    expect(rows.map(cells)).toEqual([["plant-a=number:1200.5", "plant-b=number:800.3", "group=number:2000.8"]]);
    // The first body row is line 3 (after the two header rows), and its cells know their record (1: after the sub-headings).
    expect(rows[0]!.source.line).toBe(3);
    expect(rows[0]!.cells[0]!.at).toEqual({ record: 1, field: 3 });
  });

  it("refuses a column under a spanning heading without a sub-heading, at that sub-heading's place", () => {
    const { errors } = read2(
      `section,label,unit,Plant,,Group\n,,,A,,\nEnergy use,Purchased electricity,MWh,1.0,2.0,3.0\n`,
    );
    // line 2 ",,,A,,": field 5 (index 4) starts at character 6
    expect(errors.map(where)).toEqual(["header-invalid 2:6"]);
    expect(errors[0]!.message).toContain('under the heading "Plant" (column 4)');
  });

  it("refuses a two-level header with no second row", () => {
    const { errors } = read2(`section,label,unit,Plant,,Group\n`);
    expect(errors.map(where)).toEqual(["header-invalid 1:1"]);
  });

  it("reads a column without a title as markers (△, ¹) and refuses a figure in it", () => {
    const ok = read(`section,label,,unit,Plant A,Plant B,Group\nEnergy use,Purchased electricity,△,MWh,1.0,2.0,3.0\n`);
    expect(ok.errors).toEqual([]);
    expect(ok.rows.map(cells)).toEqual([["plant-a=number:1", "plant-b=number:2", "group=number:3"]]);
    const bad = read(
      `section,label,,unit,Plant A,Plant B,Group\nEnergy use,Purchased electricity,"1,200.5",MWh,1.0,2.0,3.0\n`,
    );
    // line 2: "Energy use," (11) + "Purchased electricity," (22) → the third field starts at character 34
    expect(bad.errors.map(where)).toEqual(["header-unknown 2:34"]);
  });
});

describe("heading rows inside a table, and one label under two headings", () => {
  // "Total" printed under the hazardous and again under the non-hazardous waste heading, both in t: here a spelling
  // of both totals (as a dataset's aliases would make it), which neither the label nor the unit can tell apart.
  const totals = ["waste.hazardous.total", "waste.non_hazardous.total"];
  const both = {
    ...cat,
    metrics: cat.metrics.map((m) => (totals.includes(m.id) ? { ...m, spellings: [...m.spellings, "total"] } : m)),
  };
  const readWith = (text: string) => {
    const t = parseCsv(text, "published.csv");
    if (!t.ok) throw new Error(JSON.stringify(t.errors));
    const errors: InputError[] = [];
    const rows = buildPublished("main", t.value, columns, [], both, dataset.tree, errors);
    return { rows, errors };
  };

  it("a heading on a line of its own is the section of the rows below it: 'Total' is GHG under one, energy under the other", () => {
    const { rows, errors } = readWith(
      [
        "label,unit,Plant A,Plant B,Group",
        "Greenhouse gas emissions,,,,",
        "Scope 1,tCO2e,120.4,35.0,155.4",
        "Hazardous waste,,,,",
        "Total,t,1.25,0.40,1.65",
        "Non-hazardous waste,,,,",
        "Total,t,12.5,4.0,16.5",
        "",
      ].join("\n"),
    );
    expect(errors).toEqual([]);
    // The heading rows (lines 2, 4 and 6) are no rows of their own; "Hazardous waste" is a metric's name too.
    expect(rows.map((r) => `${r.source.line} ${r.metric}`)).toEqual([
      "3 ghg.scope1",
      "5 waste.hazardous.total",
      "7 waste.non_hazardous.total",
    ]);
  });

  it("without a heading (or a section), the same 'Total' fits both: the headings are what decided it", () => {
    const { errors } = readWith(["label,unit,Plant A,Plant B,Group", "Total,t,1.25,0.40,1.65", ""].join("\n"));
    expect(errors.map((e) => e.code)).toEqual(["label-ambiguous"]);
  });
});
