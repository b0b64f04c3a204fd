// Reading the tool's error text back (for the golden tests of bad input): each error's location and code, the
// quoted source line under it and the caret's indent.

export interface ErrorBlock {
  file: string;
  line?: number;
  column?: number;
  code: string;
  /** The quoted source line (or the window of it that was shown). */
  excerpt?: string;
  /** What stands before the caret on its line (spaces, and tabs where the excerpt has them). */
  indent?: string;
  /** 1-based position of the caret in characters of that line. */
  caret?: number;
}

/** Every error block of a stderr: header, then the excerpt and caret lines when present. */
export function errorBlocks(stderr: string): ErrorBlock[] {
  const lines = stderr.split("\n");
  const out: ErrorBlock[] = [];
  lines.forEach((l, i) => {
    const m = /^(\S+?)(?::(\d+))?(?::(\d+))?: error\[([a-z-]+)\]: /.exec(l);
    if (!m) return;
    const b: ErrorBlock = {
      file: m[1]!,
      code: m[4]!,
      ...(m[2] ? { line: Number(m[2]) } : {}),
      ...(m[3] ? { column: Number(m[3]) } : {}),
    };
    const ex = /^ {2}(\d+) \| (.*)$/.exec(lines[i + 1] ?? "");
    if (ex) {
      b.excerpt = ex[2]!;
      const caret = /^ {2} +\| (.*)\^$/.exec(lines[i + 2] ?? "");
      if (caret) {
        b.indent = caret[1]!;
        b.caret = [...caret[1]!].length + 1;
      }
    }
    out.push(b);
  });
  return out;
}
