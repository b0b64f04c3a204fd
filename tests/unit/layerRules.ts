// The layer rules of src/ (design.md: load → validate → model → compute → reconcile → render, the CLI on top) as
// data, and a checker over the import statements of a set of files. Used by layers.test.ts on the real src/ and
// on small made-up trees that break each rule (so the checker itself is shown to catch what it should).

/** A file's layer: its folder under src/, with two vocabulary files of findings/ that every layer may use. */
export type Layer =
  | "vocabulary"
  | "schema"
  | "model"
  | "xlsx"
  | "io"
  | "compute"
  | "findings"
  | "reconcile"
  | "pipeline"
  | "render"
  | "cli"
  | "index";

export function layerOf(path: string): Layer {
  if (path === "findings/inputError.ts" || path === "findings/status.ts") return "vocabulary";
  if (path === "pipeline.ts") return "pipeline";
  if (path === "index.ts") return "index";
  return path.split("/")[0] as Layer;
}

/**
 * What each layer may import (besides itself). Lower layers never import higher ones: io (which reads files) hands
 * the model the shapes the model declares (model/source.ts); compute knows nothing of files; reconcile judges what
 * compute gives; render only shows a finished check (it may name the pipeline's types, never call it).
 */
export const MAY_IMPORT: Record<Layer, readonly Layer[] | "anything"> = {
  vocabulary: [],
  schema: ["vocabulary"],
  model: ["vocabulary", "schema"],
  // the .xlsx package format (zip, XML, cell references, number formats): no domain knowledge beyond exact numbers
  xlsx: ["vocabulary", "model"],
  io: ["vocabulary", "schema", "model", "xlsx"],
  compute: ["vocabulary", "schema", "model"],
  findings: ["vocabulary", "schema", "model", "compute"],
  reconcile: ["vocabulary", "schema", "model", "compute", "findings", "xlsx"],
  pipeline: ["vocabulary", "schema", "model", "io", "compute", "findings", "reconcile"],
  render: ["vocabulary", "schema", "model", "compute", "findings", "reconcile", "xlsx", "pipeline"],
  cli: "anything",
  index: "anything",
};

/** Layers another may import only for its types (`import type`), never for values. */
export const TYPES_ONLY: Partial<Record<Layer, readonly Layer[]>> = { render: ["pipeline"] };

export interface Import {
  from: string;
  to: string;
  typeOnly: boolean;
}

/** The relative imports (and re-exports) of one file, resolved to paths under src/ (".js" written, ".ts" on disk). */
export function importsOf(path: string, text: string): Import[] {
  const out: Import[] = [];
  const re = /^(import|export)\s+(type\s+)?([^;]*?)\s+from\s+"(\.{1,2}\/[^"]+)"/gm;
  for (const m of text.matchAll(re)) {
    const names = m[3]!;
    // `import { type A, type B } from …` is type-only too; `import { type A, b }` is not.
    const braces = /^\{([^}]*)\}$/.exec(names.trim());
    const allTypes =
      braces !== null &&
      braces[1]!
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean)
        .every((x) => x.startsWith("type "));
    out.push({
      from: path,
      to: resolvePath(path, m[4]!).replace(/\.js$/, ".ts"),
      typeOnly: m[2] !== undefined || allTypes,
    });
  }
  return out;
}

function resolvePath(from: string, rel: string): string {
  const parts = from.split("/").slice(0, -1);
  for (const p of rel.split("/")) {
    if (p === "..") parts.pop();
    else if (p !== ".") parts.push(p);
  }
  return parts.join("/");
}

export interface Violation {
  rule: "wrong-way" | "types-only" | "cycle";
  files: string[];
  message: string;
}

/** Every broken rule in a tree of files (path under src/ → text). */
export function layerViolations(files: ReadonlyMap<string, string>): Violation[] {
  const out: Violation[] = [];
  const edges = [...files].flatMap(([path, text]) => importsOf(path, text));
  for (const e of edges) {
    const a = layerOf(e.from);
    const b = layerOf(e.to);
    if (a === b) continue;
    const may = MAY_IMPORT[a];
    if (may !== "anything" && !may.includes(b))
      out.push({ rule: "wrong-way", files: [e.from, e.to], message: `${e.from} (${a}) imports ${e.to} (${b})` });
    else if (!e.typeOnly && TYPES_ONLY[a]?.includes(b))
      out.push({
        rule: "types-only",
        files: [e.from, e.to],
        message: `${e.from} (${a}) imports values from ${e.to} (${b}); only its types`,
      });
  }
  for (const cycle of cycles(edges))
    out.push({ rule: "cycle", files: cycle, message: `import cycle: ${cycle.join(" → ")} → ${cycle[0]}` });
  return out;
}

/** Strongly connected components of more than one file (type imports count: they close a circle too). */
function cycles(edges: Import[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  let i = 0;
  const visit = (v: string) => {
    index.set(v, i);
    low.set(v, i++);
    stack.push(v);
    on.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const c: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        c.push(w);
      } while (w !== v);
      if (c.length > 1) out.push(c.sort());
    }
  };
  for (const v of next.keys()) if (!index.has(v)) visit(v);
  return out;
}
