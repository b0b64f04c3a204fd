// The claims parser (a recursive-descent parser, never eval) and interval verdicts.
import { describe, expect, it } from "vitest";
import { parseClaim, type Expr } from "../../src/model/claims.js";
import { evaluateClaims } from "../../src/reconcile/claims.js";
import { Dec } from "../../src/model/decimal.js";
import type { RecomputedTable } from "../../src/compute/recompute.js";

const show = (e: Expr): string =>
  e.kind === "number" ? `${e.text}${e.percent ? "%" : ""}` : e.kind === "ref" ? `${e.metric}@${e.column ?? "root"}` : e.kind === "neg" ? `(-${show(e.operand)})` : `(${show(e.left)} ${e.op} ${show(e.right)})`;

describe("parseClaim", () => {
  it("respects precedence and parentheses", () => {
    const r = parseClaim("a.x@s / (a.x@s + b.y@s) > 92%");
    expect(r.ok && `${show(r.claim.left)} ${r.claim.op} ${show(r.claim.right)}`).toBe("(a.x@s / (a.x@s + b.y@s)) > 92%");
    const s = parseClaim("1 + 2 × 3 − 4 ÷ 2 ≥ -1");
    expect(s.ok && `${show(s.claim.left)} ${s.claim.op} ${show(s.claim.right)}`).toBe("((1 + (2 * 3)) - (4 / 2)) >= (-1)");
  });

  it("a reference without @column means the total", () => {
    const r = parseClaim("ghg.total <= 60000");
    expect(r.ok && show(r.claim.left)).toBe("ghg.total@root");
  });

  it("names the position of a syntax error", () => {
    expect(parseClaim("a / (b + c > 1")).toEqual({ ok: false, message: 'expected ")" but found ">"', at: 11 }); // 0-based: the > is the 12th character
    expect(parseClaim("a + b")).toEqual({ ok: false, message: "expected a comparison (>, >=, <, <=, =) but found the end of the claim", at: 5 });
    expect(parseClaim("a > 1 > 2")).toEqual({ ok: false, message: 'unexpected ">" after the comparison', at: 6 });
    expect(parseClaim("a > $1")).toEqual({ ok: false, message: 'unexpected "$"', at: 4 });
    expect(parseClaim("process.exit(1) > 0").ok).toBe(false);
  });
});

describe("evaluateClaims", () => {
  const cell = (v: string, lo: string, hi: string) => ({ metric: "m", node: "n", period: "FY", kind: "input" as const, value: new Dec(v), interval: { lo: new Dec(lo), hi: new Dec(hi) }, inputs: [] });
  const table: RecomputedTable = { cells: new Map([["s", new Map([["a", cell("92.0", "91.95", "92.05")], ["b", cell("8.0", "7.95", "8.05")]])]]), denominator: null, period: "FY" };
  const claim = (expression: string) => {
    const p = parseClaim(expression);
    if (!p.ok) throw new Error(p.message);
    return evaluateClaims([{ id: "c", text: expression, expression, claim: p.claim, source: { file: "f", name: "f", line: 2 } }], table, "s")[0]!;
  };

  it("supported, contradicted or undecidable by the interval the rounded figures allow", () => {
    // a ÷ (a + b) = 92.0 ÷ 100.0 = 0.92; interval [91.95 ÷ 100.05, 92.05 ÷ 99.95] = [0.91904…, 0.92096…]
    expect(claim("a@s / (a@s + b@s) > 91%").verdict).toBe("supported");
    expect(claim("a@s / (a@s + b@s) > 93%").verdict).toBe("contradicted");
    expect(claim("a@s / (a@s + b@s) > 92%").verdict).toBe("undecidable");
    expect(claim("a@s / (a@s + b@s) = 92%").verdict).toBe("undecidable");
    expect(claim("a@s - b@s >= 84").verdict).toBe("undecidable"); // [83.9, 84.1]
    expect(claim("a@s - b@s >= 83.8").verdict).toBe("supported");
  });

  it("a reference with no data is undecidable and says why", () => {
    const r = claim("a@s > c@s");
    expect(r).toMatchObject({ verdict: "undecidable", reason: "no data for c@s" });
  });
});
