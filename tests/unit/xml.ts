// A deliberately small XML reader for the tests (no dependency): elements, attributes, text, the five predefined
// entities and numeric character references, comments and the XML declaration. It throws on anything not
// well-formed that a report of ours could plausibly contain: unbalanced or crossed tags, a raw < or & in text or an
// attribute, an attribute without quotes or given twice, characters XML 1.0 forbids, more than one root.
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = "[A-Za-z_][A-Za-z0-9._:-]*";
const FORBIDDEN = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;

function decode(raw: string, where: string): string {
  if (/<|&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(raw))
    throw new Error(`raw < or & in ${where}: ${raw.slice(0, 80)}`);
  return raw.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) =>
    e === "amp"
      ? "&"
      : e === "lt"
        ? "<"
        : e === "gt"
          ? ">"
          : e === "quot"
            ? '"'
            : e === "apos"
              ? "'"
              : String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)),
  );
}

export function parseXml(text: string): XmlElement {
  if (FORBIDDEN.test(text)) throw new Error("a character XML 1.0 does not allow");
  let s = text.replace(/^\ufeff/, "");
  const decl = /^<\?xml\s+version="1\.0"(\s+encoding="UTF-8")?\s*\?>/.exec(s);
  if (!decl) throw new Error("no XML declaration");
  s = s.slice(decl[0].length);
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  const token = new RegExp(
    `<!--[\\s\\S]*?-->|<(/?)(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"]*"|'[^']*'))*)\\s*(/?)>|([^<]+)|(<)`,
    "y",
  );
  let m: RegExpExecArray | null;
  while (token.lastIndex < s.length && (m = token.exec(s))) {
    const [whole, close, name, rawAttrs, selfClose, textPart, stray] = m;
    if (whole.startsWith("<!--")) continue;
    if (stray) throw new Error(`malformed tag at …${s.slice(token.lastIndex - 1, token.lastIndex + 60)}`);
    if (textPart !== undefined) {
      const top = stack.at(-1);
      if (!top) {
        if (textPart.trim()) throw new Error(`text outside the root: ${textPart.slice(0, 40)}`);
        continue;
      }
      top.text += decode(textPart, `text of <${top.name}>`);
      continue;
    }
    if (close) {
      const top = stack.pop();
      if (!top || top.name !== name) throw new Error(`</${name}> closes <${top?.name}>`);
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (rawAttrs ?? "").matchAll(new RegExp(`(${NAME})\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, "g"))) {
      if (a[1]! in attrs) throw new Error(`attribute ${a[1]} twice on <${name}>`);
      attrs[a[1]!] = decode(a[2] ?? a[3] ?? "", `attribute ${a[1]} of <${name}>`);
    }
    const el: XmlElement = { name: name!, attrs, children: [], text: "" };
    const parent = stack.at(-1);
    if (parent) parent.children.push(el);
    else if (root) throw new Error("a second root element");
    else root = el;
    if (!selfClose) stack.push(el);
  }
  if (token.lastIndex < s.length)
    throw new Error(`cannot read from …${s.slice(token.lastIndex, token.lastIndex + 60)}`);
  if (stack.length) throw new Error(`<${stack.at(-1)!.name}> never closed`);
  if (!root) throw new Error("no root element");
  return root;
}
