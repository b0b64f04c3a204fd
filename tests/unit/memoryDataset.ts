// A dataset built in memory from CSV text, for unit tests of the checks: one group of reporting units (its column
// last), the published table and activity files as text, read the reference way (the streaming reader reads files).
// Goes through parseCsv and buildDataset like a folder on disk; any input error throws.
import { recompute, type RecomputedTable } from "../../src/compute/recompute.js";
import { parseCsv } from "../../src/io/csv.js";
import { buildDataset } from "../../src/model/dataset.js";
import type { RawDataset } from "../../src/model/source.js";
import type { Catalogue, Dataset } from "../../src/model/types.js";
import { Manifest } from "../../src/schema/manifest.js";

export interface MemoryDataset {
  id: string;
  /** The group's units in column order: id and printed label. */
  units: { id: string; label: string }[];
  published: string;
  /** Activity files by name ("energy.csv"), as CSV text. */
  activity: Record<string, string>;
}

function csv(text: string, name: string) {
  const t = parseCsv(text, name);
  if (!t.ok) throw new Error(JSON.stringify(t.errors));
  return t.value;
}

/** The dataset and its report period's recomputed table (no denominators). */
export function memoryDataset(cat: Catalogue, spec: MemoryDataset): { dataset: Dataset; table: RecomputedTable } {
  const manifest = Manifest.parse({
    formatVersion: 1,
    id: spec.id,
    company: { en: "Unit Co." },
    report: { title: { en: "Unit report" }, language: "en" },
    period: { label: "FY2023", start: "2023-01-01", end: "2023-12-31" },
    currency: "CNY",
    tree: [
      { id: "group", labels: { en: "Group" } },
      ...spec.units.map((u) => ({ id: u.id, parent: "group", labels: { en: u.label } })),
    ],
    columns: [...spec.units.map((u) => ({ printed: u.label, node: u.id })), { printed: "Group", node: "group" }],
    files: { published: "published.csv", activity: Object.keys(spec.activity) },
  });
  const raw: RawDataset = {
    dir: "(memory)",
    manifest,
    manifestText: { file: "manifest.json", positions: new Map(), lines: [] },
    published: csv(spec.published, "published.csv"),
    activityReaders: Object.entries(spec.activity)
      .map(([name, text]) => csv(text, name))
      .map((t) => ({
        file: t.file,
        name: t.name,
        path: t.file,
        additive: false,
        scan: () => null,
        table: () => ({ ok: true as const, value: t }),
      })),
    tree: null,
    acknowledged: null,
    claims: null,
    factorFiles: [],
  };
  const built = buildDataset(raw, cat);
  if (!built.ok) throw new Error(JSON.stringify(built.errors));
  const period = built.value.period.label;
  return {
    dataset: built.value,
    table: recompute(cat, built.value.tree, built.value.activity, built.value.periods, new Map(), period),
  };
}
