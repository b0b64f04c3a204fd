// A small, strict XML reader for the parts of an OOXML package, and escaping for the writer. Elements and
// attributes are named by their local name (the prefix dropped: generators differ in prefixes, not in names).
// Refused rather than guessed: a DOCTYPE (no DTD, so no entity expansion), an unknown entity, crossed or unclosed
// tags, text outside the root. Pure.

export interface XmlHandler {
  open(name: string, attrs: Readonly<Record<string, string>>, selfClosing: boolean): void;
  close(name: string): void;
  text(text: string): void;
}

const NAME = "[A-Za-z_][A-Za-z0-9._:-]*";
const TOKEN = new RegExp(
  `<\\?[\\s\\S]*?\\?>|<!--[\\s\\S]*?-->|<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|(<!DOCTYPE)|<\\/(${NAME})\\s*>|<(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(\\/?)>|([^<]+)|(<)`,
  "y",
);
const ATTR = new RegExp(`(${NAME})\\s*=\\s*(?:"([^"<]*)"|'([^'<]*)')`, "g");
const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#([0-9]{1,7})|#x([0-9a-fA-F]{1,6}));|&/g;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export class XmlError extends Error {}

const local = (name: string) => name.slice(name.indexOf(":") + 1);

/** Decodes the predefined entities and character references; anything else with "&" is an error. */
export function decodeEntities(raw: string): string {
  if (!raw.includes("&")) return raw;
  return raw.replace(ENTITY, (whole, named: string | undefined, dec: string | undefined, hex: string | undefined) => {
    if (named) return NAMED[named]!;
    if (dec === undefined && hex === undefined)
      throw new XmlError(`"&" that starts no known entity: ${JSON.stringify(raw.slice(0, 60))}`);
    const cp = dec !== undefined ? parseInt(dec, 10) : parseInt(hex!, 16);
    if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
      throw new XmlError(`character reference ${whole} names no character XML allows`);
    return String.fromCodePoint(cp);
  });
}

/** Reads `text` start to end, calling the handler; throws XmlError (with the line) when it is not well-formed. */
export function scanXml(text: string, handler: XmlHandler): void {
  const stack: string[] = [];
  let rootSeen = false;
  const lineAt = (i: number) => text.slice(0, i).split("\n").length;
  TOKEN.lastIndex = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (TOKEN.lastIndex < text.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m) throw new XmlError(`not well-formed at line ${lineAt(at)}`);
    const [, cdata, doctype, closeName, openName, rawAttrs, selfClose, chars, stray] = m;
    try {
      if (stray !== undefined) throw new XmlError("a '<' that starts no tag");
      if (doctype !== undefined) throw new XmlError("a DOCTYPE (DTDs are not read)");
      if (cdata !== undefined) {
        if (!stack.length) throw new XmlError("text outside the root element");
        handler.text(cdata);
      } else if (closeName !== undefined) {
        const open = stack.pop();
        if (open !== closeName)
          throw new XmlError(
            open === undefined ? `</${closeName}> closes nothing` : `</${closeName}> closes <${open}>`,
          );
        handler.close(local(closeName));
      } else if (openName !== undefined) {
        if (!stack.length && rootSeen) throw new XmlError("a second root element");
        rootSeen = true;
        const attrs: Record<string, string> = {};
        for (const a of (rawAttrs ?? "").matchAll(ATTR)) {
          const [, qname = "", dq, sq] = a;
          if (qname === "xmlns" || qname.startsWith("xmlns:")) continue;
          const key = local(qname);
          if (key in attrs) throw new XmlError(`attribute ${qname} given twice`);
          attrs[key] = decodeEntities((dq ?? sq ?? "").replace(/[\t\n\r]/g, " "));
        }
        handler.open(local(openName), attrs, selfClose === "/");
        if (selfClose === "/") handler.close(local(openName));
        else stack.push(openName);
      } else if (chars !== undefined) {
        if (!stack.length) {
          if (chars.trim()) throw new XmlError("text outside the root element");
        } else handler.text(decodeEntities(chars));
      }
    } catch (err) {
      if (err instanceof XmlError) throw new XmlError(`${err.message} at line ${lineAt(at)}`);
      throw err;
    }
  }
  if (stack.length) throw new XmlError(`<${stack.at(-1)}> is never closed`);
  if (!rootSeen) throw new XmlError("no root element");
}

export interface XmlElement {
  name: string;
  attrs: Readonly<Record<string, string>>;
  children: XmlElement[];
  /** The element's own text, its children's excluded. */
  text: string;
}

/** A small tree, for the small parts (workbook, relationships, styles, content types). */
export function parseXmlTree(text: string): XmlElement {
  const root: XmlElement = { name: "", attrs: {}, children: [], text: "" };
  const stack: XmlElement[] = [root];
  scanXml(text, {
    open(name, attrs) {
      const el: XmlElement = { name, attrs, children: [], text: "" };
      stack.at(-1)!.children.push(el);
      stack.push(el);
    },
    close() {
      stack.pop();
    },
    text(t) {
      stack.at(-1)!.text += t;
    },
  });
  return root.children[0]!;
}

export const childrenNamed = (el: XmlElement | undefined, name: string): XmlElement[] =>
  el?.children.filter((c) => c.name === name) ?? [];
export const childNamed = (el: XmlElement | undefined, name: string): XmlElement | undefined =>
  el?.children.find((c) => c.name === name);

/** Bytes of an XML part as text: UTF-8 (the norm) or UTF-16 with its byte-order mark. */
export function decodeXmlBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return new TextDecoder("utf-16le", { fatal: true }).decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return new TextDecoder("utf-16be", { fatal: true }).decode(bytes.subarray(2));
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new XmlError("bytes that are not UTF-8");
  }
  const declared = /^\ufeff?<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/.exec(text)?.[1];
  if (declared && !/^utf-?8$/i.test(declared))
    throw new XmlError(`declared encoding ${declared} (only UTF-8 and UTF-16 are read)`);
  return text;
}

/** Text for an XML text node or attribute value; characters XML 1.0 cannot carry at all are dropped by the caller's choice. */
export function escapeXml(text: string): string {
  return text
    .replace(/[&<>"]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;"))
    .replace(/\r/g, "&#13;")
    .replace(/\t/g, "&#9;")
    .replace(/\n/g, "&#10;");
}

/**
 * OOXML's escape for characters XML cannot carry (ST_Xstring): `_xHHHH_` stands for U+HHHH, and `_x005F_` for a
 * literal "_" before such a sequence. Cell text is decoded with this after the XML entities.
 */
export function decodeXstring(text: string): string {
  return text.includes("_x")
    ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    : text;
}

/** The inverse of decodeXstring, for text the writer puts in a cell or comment. */
export function encodeXstring(text: string): string {
  return text
    .replace(/_(?=x[0-9A-Fa-f]{4}_)/g, "_x005F_")
    .replace(
      /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g,
      (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`,
    );
}
