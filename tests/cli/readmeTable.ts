// The fixture tests take their expectations from the fixture's README (planted errors, findings that are not
// errors, claims): the Markdown table under a "## heading", one object per row keyed by the header cells.

/** The rows of the Markdown table under `## heading` in `readme`, as objects keyed by the header cells. */
export function readmeTable(readme: string, heading: string): Record<string, string>[] {
  const start = readme.indexOf(`## ${heading}\n`);
  if (start < 0) throw new Error(`README has no section "${heading}"`);
  const lines = readme.slice(start).split("\n").slice(1);
  // the table: the first run of lines starting with "|" (it may end the file)
  const rows = lines
    .slice(lines.findIndex((l) => l.startsWith("|")))
    .filter((_, i, all) => all.slice(0, i + 1).every((l) => l.startsWith("|")));
  const cells = (l: string) =>
    l
      .slice(1, -1)
      .split("|")
      .map((c) => c.trim());
  const [header, , ...body] = rows;
  const keys = cells(header!);
  return body.map((l) => Object.fromEntries(cells(l).map((c, i) => [keys[i]!, c])));
}
