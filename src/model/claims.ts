// Narrative claims: statements the report makes in prose, written as small comparisons over metrics, e.g.
//   water.recycled@hefei / (water.recycled@hefei + water.municipal@hefei) > 92%
// A real recursive-descent parser (never eval): numbers (with %), metric@node references (the root when no @node),
// in another period with a second "@period" (metric@node@2022; metric@2022 for the root), + − × ÷ and parentheses,
// one comparison (> ≥ < ≤ =, or ≈: rounds to the printed figure on its right, `≈ 97.92%`). Pure: text in, a syntax
// tree or an error.
import { message, type Message } from "../findings/inputError.js";

export type Expr =
  | { kind: "number"; text: string; percent: boolean; at: number }
  | {
      kind: "ref";
      metric: string;
      /** The node (null: the root). Parsed from metric@x, x may turn out to be a period: claimsFile.ts decides. */
      column: string | null;
      /** Another period than the report's (null: the report's own). */
      period: string | null;
      at: number;
    }
  | { kind: "binary"; op: "+" | "-" | "*" | "/"; left: Expr; right: Expr; at: number }
  | { kind: "neg"; operand: Expr; at: number };

/** `≈`: the left side rounds (half-up) to the printed figure on the right, at that figure's decimals. */
export type Comparator = ">" | ">=" | "<" | "<=" | "=" | "≈";

export interface Claim {
  left: Expr;
  op: Comparator;
  right: Expr;
}

/** A claim of a dataset's claims file. */
export interface ClaimEntry {
  id: string;
  /** The statement as the report prints it. */
  text: string;
  expression: string;
  claim: Claim;
  source: { file: string; name: string; line: number };
  /** Where in the report. */
  reference?: string;
}

export type ParsedClaim = { ok: true; claim: Claim } | { ok: false; message: string; say: Message; at: number };

type Token = { t: "num" | "ref" | "op" | "cmp" | "(" | ")" | "%" | "end"; v: string; at: number };

const CMP: Record<string, Comparator> = {
  ">": ">",
  ">=": ">=",
  "≥": ">=",
  "<": "<",
  "<=": "<=",
  "≤": "<=",
  "=": "=",
  "==": "=",
  "≈": "≈",
};
const OPS: Record<string, "+" | "-" | "*" | "/"> = {
  "+": "+",
  "-": "-",
  "−": "-",
  "*": "*",
  "×": "*",
  "/": "/",
  "÷": "/",
};

/** Parentheses and signs nest at most this deep (as the manifest's JSON): deeper input would exhaust the stack. */
export const MAX_CLAIM_DEPTH = 64;
/** A statement from a report's prose compares a few figures; this bounds the evaluation's recursion. */
export const MAX_CLAIM_TERMS = 200;

const NUM = /\d+(\.\d+)?/y;
const REF = /[a-z][a-z0-9._-]*(@[A-Za-z0-9][A-Za-z0-9._-]*){0,2}/y;

function tokenize(src: string): Token[] | { message: string; say: Message; at: number } {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (two === ">=" || two === "<=" || two === "==") {
      out.push({ t: "cmp", v: two, at: i });
      i += 2;
      continue;
    }
    if (c in CMP) {
      out.push({ t: "cmp", v: c, at: i });
      i++;
      continue;
    }
    if (c in OPS) {
      out.push({ t: "op", v: OPS[c]!, at: i });
      i++;
      continue;
    }
    if (c === "(" || c === ")" || c === "%") {
      out.push({ t: c, v: c, at: i });
      i++;
      continue;
    }
    NUM.lastIndex = i;
    const num = NUM.exec(src);
    if (num) {
      out.push({ t: "num", v: num[0], at: i });
      i += num[0].length;
      continue;
    }
    REF.lastIndex = i;
    const ref = REF.exec(src);
    if (ref) {
      out.push({ t: "ref", v: ref[0].replace(/\.$/, ""), at: i });
      i += ref[0].replace(/\.$/, "").length;
      continue;
    }
    return { message: `unexpected "${c}"`, say: message("error.claim.unexpected", { found: c }), at: i };
  }
  out.push({ t: "end", v: "", at: src.length });
  return out;
}

export function parseClaim(src: string): ParsedClaim {
  const tokens = tokenize(src);
  if (!Array.isArray(tokens)) return { ok: false, ...tokens };
  let p = 0;
  const peek = () => tokens[p]!;
  class Fail extends Error {
    constructor(
      text: string,
      readonly at: number,
      readonly say: Message,
    ) {
      super(text);
    }
  }
  const describe = (t: Token) => (t.t === "end" ? "the end of the claim" : `"${t.v}"`);
  const described = (t: Token): Message =>
    t.t === "end" ? message("error.claim.end") : message("error.claim.quoted", { token: t.v });
  let depth = 0;
  let terms = 0;
  const term = (t: Token) => {
    if (++terms > MAX_CLAIM_TERMS)
      throw new Fail(
        `the claim has more than ${MAX_CLAIM_TERMS} numbers and metrics; a claim compares a few figures`,
        t.at,
        message("error.claim.too-many", { n: String(MAX_CLAIM_TERMS) }),
      );
  };
  const deeper = (t: Token) => {
    if (++depth > MAX_CLAIM_DEPTH)
      throw new Fail(
        `parentheses and signs are nested more than ${MAX_CLAIM_DEPTH} levels deep`,
        t.at,
        message("error.claim.too-deep", { n: String(MAX_CLAIM_DEPTH) }),
      );
  };

  const primary = (): Expr => {
    const t = peek();
    if (t.t === "op" && t.v === "-") {
      p++;
      deeper(t);
      const operand = primary();
      depth--;
      return { kind: "neg", operand, at: t.at };
    }
    if (t.t === "num") {
      p++;
      term(t);
      const percent = peek().t === "%";
      if (percent) p++;
      return { kind: "number", text: t.v, percent, at: t.at };
    }
    if (t.t === "ref") {
      p++;
      term(t);
      const [metric = "", column, period] = t.v.split("@");
      return { kind: "ref", metric, column: column ?? null, period: period ?? null, at: t.at };
    }
    if (t.t === "(") {
      p++;
      deeper(t);
      const e = sum();
      if (peek().t !== ")")
        throw new Fail(
          `expected ")" but found ${describe(peek())}`,
          peek().at,
          message("error.claim.expected-close", { found: described(peek()) }),
        );
      p++;
      depth--;
      return e;
    }
    throw new Fail(
      `expected a number, a metric or "(" but found ${describe(t)}`,
      t.at,
      message("error.claim.expected-term", { found: described(t) }),
    );
  };
  const product = (): Expr => {
    let left = primary();
    while (peek().t === "op" && (peek().v === "*" || peek().v === "/")) {
      const t = tokens[p++]!;
      left = { kind: "binary", op: t.v as "*" | "/", left, right: primary(), at: t.at };
    }
    return left;
  };
  const sum = (): Expr => {
    let left = product();
    while (peek().t === "op" && (peek().v === "+" || peek().v === "-")) {
      const t = tokens[p++]!;
      left = { kind: "binary", op: t.v as "+" | "-", left, right: product(), at: t.at };
    }
    return left;
  };
  try {
    const left = sum();
    const c = peek();
    if (c.t !== "cmp")
      throw new Fail(
        `expected a comparison (>, >=, <, <=, =, ≈) but found ${describe(c)}`,
        c.at,
        message("error.claim.expected-comparison", { found: described(c) }),
      );
    p++;
    const rightAt = peek();
    const right = sum();
    if (peek().t !== "end")
      throw new Fail(
        `unexpected ${describe(peek())} after the comparison`,
        peek().at,
        message("error.claim.after-comparison", { found: described(peek()) }),
      );
    const printed = right.kind === "neg" ? right.operand : right;
    if (CMP[c.v] === "≈" && printed.kind !== "number")
      throw new Fail(
        `"≈" compares with a figure as printed, such as 97.92%: found an expression`,
        rightAt.at,
        message("error.claim.approx"),
      );
    return { ok: true, claim: { left, op: CMP[c.v]!, right } };
  } catch (err) {
    if (err instanceof Fail) return { ok: false, message: err.message, say: err.say, at: err.at };
    throw err;
  }
}

/** Every metric@column a claim refers to (for validation against the catalogue and the tree). */
export function refsOf(e: Expr): Extract<Expr, { kind: "ref" }>[] {
  switch (e.kind) {
    case "ref":
      return [e];
    case "number":
      return [];
    case "neg":
      return refsOf(e.operand);
    case "binary":
      return [...refsOf(e.left), ...refsOf(e.right)];
  }
}
