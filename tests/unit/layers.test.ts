// The arrows between src/'s layers run one way (tests/unit/layerRules.ts says which), render never calls the
// pipeline, and no files import each other in a circle. The checker is tested on made-up trees first, so that a
// passing run on src/ means something.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { layerViolations } from "./layerRules.js";
import { ROOT } from "../cli/runCli.js";

function sourceTree(): Map<string, string> {
  const src = join(ROOT, "src");
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, d.name);
      if (d.isDirectory()) walk(full);
      else if (d.name.endsWith(".ts")) files.set(relative(src, full).split("\\").join("/"), readFileSync(full, "utf8"));
    }
  };
  walk(src);
  return files;
}

describe("the layer checker", () => {
  const good = new Map([
    ["model/types.ts", 'import type { Labels } from "../schema/common.js";\n'],
    ["schema/common.ts", 'import { z } from "zod";\n'],
    ["compute/recompute.ts", 'import { Dec } from "../model/decimal.js";\n'],
    ["model/decimal.ts", ""],
    ["render/table.ts", 'import type { CheckResult } from "../pipeline.js";\n'],
    ["pipeline.ts", 'import { recompute } from "./compute/recompute.js";\n'],
  ]);

  it("accepts imports that run down the layers", () => {
    expect(layerViolations(good)).toEqual([]);
  });

  it("fails on an import from a lower layer to a higher one (model → io)", () => {
    const bad = new Map([
      ...good,
      ["model/dataset.ts", 'import type { RawDataset } from "../io/dataset.js";\n'],
      ["io/dataset.ts", ""],
    ]);
    expect(layerViolations(bad)).toEqual([
      {
        rule: "wrong-way",
        files: ["model/dataset.ts", "io/dataset.ts"],
        message: "model/dataset.ts (model) imports io/dataset.ts (io)",
      },
    ]);
  });

  it("fails on compute importing reconcile, and on io importing compute", () => {
    const bad = new Map([
      ...good,
      ["compute/a.ts", 'import { b } from "../reconcile/b.js";\n'],
      ["reconcile/b.ts", ""],
      ["io/c.ts", 'import { recompute } from "../compute/recompute.js";\n'],
    ]);
    expect(layerViolations(bad).map((v) => v.message)).toEqual([
      "compute/a.ts (compute) imports reconcile/b.ts (reconcile)",
      "io/c.ts (io) imports compute/recompute.ts (compute)",
    ]);
  });

  it("fails on a value import of the pipeline from render (types are fine)", () => {
    const bad = new Map([
      ...good,
      ["render/json.ts", 'import { checkDataset, type CheckResult } from "../pipeline.js";\n'],
    ]);
    expect(layerViolations(bad).map((v) => v.rule)).toEqual(["types-only"]);
    const typed = new Map([
      ...good,
      ["render/json.ts", 'import { type CheckResult, type CheckGroups } from "../pipeline.js";\n'],
    ]);
    expect(layerViolations(typed)).toEqual([]);
  });

  it("fails on a cycle, also one closed by a type import", () => {
    const bad = new Map([
      ...good,
      ["model/a.ts", 'import { b } from "./b.js";\n'],
      ["model/b.ts", 'import type { A } from "./a.js";\n'],
    ]);
    expect(layerViolations(bad)).toEqual([
      {
        rule: "cycle",
        files: ["model/a.ts", "model/b.ts"],
        message: "import cycle: model/a.ts → model/b.ts → model/a.ts",
      },
    ]);
  });
});

describe("src/", () => {
  it("has every import running down the layers, render calling no pipeline, and no import cycle", () => {
    const files = sourceTree();
    expect(files.size).toBeGreaterThan(50);
    expect(layerViolations(files).map((v) => v.message)).toEqual([]);
  });
});
