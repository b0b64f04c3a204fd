// Reading a text file in a declared encoding. Only this folder touches the file system.
import { readFileSync } from "node:fs";
import { fail, ok, type InputError, type Result } from "../findings/inputError.js";

export type Encoding = "utf-8" | "gb18030";

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** Decodes with `fatal: true`: bytes that do not decode are an error with line and column, never U+FFFD. */
export function decode(bytes: Uint8Array, encoding: Encoding, file: string): Result<string> {
  let body = bytes;
  if (encoding === "utf-8" && UTF8_BOM.every((b, i) => bytes[i] === b)) body = bytes.subarray(3);
  try {
    // GB18030 files from spreadsheets may also carry a UTF-8 BOM-less plain ASCII header; ignoreBOM keeps the decoder literal.
    return ok(new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body));
  } catch {
    return fail(locateBadBytes(body, encoding, file));
  }
}

/** Finds the first undecodable byte. Line ends (0x0A) never occur inside a UTF-8 or GB18030 sequence. */
function locateBadBytes(bytes: Uint8Array, encoding: Encoding, file: string): InputError {
  let lineStart = 0;
  let line = 1;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== 0x0a) continue;
    const lineBytes = bytes.subarray(lineStart, i);
    const bad = firstBadByte(lineBytes, encoding);
    if (bad !== null) {
      const before = new TextDecoder(encoding).decode(lineBytes.subarray(0, bad.offset));
      const hex = Array.from(lineBytes.subarray(bad.offset, bad.offset + 4), (b) => b.toString(16).padStart(2, "0")).join(" ");
      return {
        code: "encoding",
        file,
        line,
        column: [...before].length + 1,
        message: `bytes do not decode as ${encoding.toUpperCase()} (starting with ${hex})`,
        expected: `text in ${encoding.toUpperCase()}`,
        hint: encoding === "utf-8"
          ? 'if the file was saved by a Chinese-locale spreadsheet, declare "encoding": "gb18030" in manifest.json'
          : "re-export the file in the encoding the manifest declares",
        excerpt: new TextDecoder(encoding).decode(lineBytes).replace(/\r$/, ""),
      };
    }
    lineStart = i + 1;
    line++;
  }
  return { code: "encoding", file, message: `bytes do not decode as ${encoding.toUpperCase()}` };
}

function firstBadByte(bytes: Uint8Array, encoding: Encoding): { offset: number } | null {
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  // Byte by byte: a byte that yields no character yet opens (or continues) a sequence; when the decoder
  // rejects a byte, the broken sequence started at the first still-pending byte.
  let pending: number | null = null;
  for (let i = 0; i < bytes.length; i++) {
    try {
      const out = decoder.decode(bytes.subarray(i, i + 1), { stream: true });
      pending = out === "" ? (pending ?? i) : null;
    } catch {
      return { offset: pending ?? i };
    }
  }
  try {
    decoder.decode();
  } catch {
    return { offset: pending ?? bytes.length - 1 };
  }
  return null;
}

export function readText(path: string, encoding: Encoding, displayName: string): Result<string> {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (err as Error).message;
    return fail({ code: "read-failed", file: displayName, message: `cannot read ${displayName}: ${reason}` });
  }
  return decode(bytes, encoding, displayName);
}
