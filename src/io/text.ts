// Reading a text file in a declared encoding. Only this folder touches the file system.
import { isUtf8 } from "node:buffer";
import { closeSync, constants, fstatSync, openSync, readFileSync, readSync, type Stats } from "node:fs";
import { fail, message, ok, type InputError, type Message, type Result } from "../findings/inputError.js";

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
    const bad = decodesWhole(lineBytes, encoding) ? null : firstBadByte(lineBytes, encoding);
    if (bad !== null) {
      const before = new TextDecoder(encoding).decode(lineBytes.subarray(0, bad.offset));
      const hex = Array.from(lineBytes.subarray(bad.offset, bad.offset + 4), (b) =>
        b.toString(16).padStart(2, "0"),
      ).join(" ");
      return {
        code: "encoding",
        file,
        line,
        column: [...before].length + 1,
        message: `bytes do not decode as ${encoding.toUpperCase()} (starting with ${hex})`,
        expected: `text in ${encoding.toUpperCase()}`,
        hint:
          encoding === "utf-8"
            ? 'if the file was saved by a Chinese-locale spreadsheet, declare "encoding": "gb18030" in manifest.json'
            : "re-export the file in the encoding the manifest declares",
        say: {
          message: message("error.encoding", { encoding: encoding.toUpperCase(), bytes: hex }),
          expected: message("error.encoding.expected", { encoding: encoding.toUpperCase() }),
          hint: message(encoding === "utf-8" ? "error.encoding.hint-gb18030" : "error.encoding.hint-reexport"),
        },
        excerpt: new TextDecoder(encoding).decode(lineBytes).replace(/\r$/, ""),
      };
    }
    lineStart = i + 1;
    line++;
  }
  return {
    code: "encoding",
    file,
    message: `bytes do not decode as ${encoding.toUpperCase()}`,
    say: { message: message("error.encoding.whole", { encoding: encoding.toUpperCase() }) },
  };
}

/** One call per line: the byte-by-byte search below is for the one line that fails. */
function decodesWhole(bytes: Uint8Array, encoding: Encoding): boolean {
  if (encoding === "utf-8") return isUtf8(bytes);
  try {
    new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
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

/** What a path is when it is not a regular file, in words for the message. */
/** kindOf as a message. */
export function kindSaid(stat: Stats): Message {
  if (stat.isDirectory()) return message("error.kind.folder");
  if (stat.isFIFO()) return message("error.kind.pipe");
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return message("error.kind.device");
  if (stat.isSocket()) return message("error.kind.socket");
  return message("error.kind.other");
}

export function kindOf(stat: Stats): string {
  if (stat.isDirectory()) return "a folder";
  if (stat.isFIFO()) return "a named pipe";
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return "a device";
  if (stat.isSocket()) return "a socket";
  return "not a regular file";
}

/**
 * Opens a file for reading, or says why not. Non-blocking, so that opening a named pipe cannot hang; anything but
 * a regular file (a folder, a pipe, a link to /dev/zero) is refused before a byte is read.
 */
function openRegular(path: string, displayName: string): Result<number> {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? "no such file"
        : code === "EACCES" || code === "EPERM"
          ? "permission denied"
          : (err as Error).message;
    return fail({
      code: "read-failed",
      file: displayName,
      message: `cannot read ${displayName}: ${reason}`,
      say: {
        message: message("error.read-failed", {
          file: displayName,
          reason:
            code === "ENOENT"
              ? message("error.read-failed.no-such-file")
              : code === "EACCES" || code === "EPERM"
                ? message("error.read-failed.permission")
                : reason,
        }),
      },
    });
  }
  const stat = fstatSync(fd);
  if (!stat.isFile()) {
    closeSync(fd);
    return fail({
      code: "read-failed",
      file: displayName,
      message: `cannot read ${displayName}: it is ${kindOf(stat)}, not a regular file`,
      hint: "name a regular file (a folder, a named pipe or a device is never read)",
      say: {
        message: message("error.read-failed", {
          file: displayName,
          reason: message("error.not-regular", { kind: kindSaid(stat) }),
        }),
        hint: message("error.not-regular.hint"),
      },
    });
  }
  return ok(fd);
}

export function readText(path: string, encoding: Encoding, displayName: string): Result<string> {
  const fd = openRegular(path, displayName);
  if (!fd.ok) return fd;
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(fd.value);
  } catch (err) {
    return fail({
      code: "read-failed",
      file: displayName,
      message: `cannot read ${displayName}: ${(err as Error).message}`,
      say: { message: message("error.read-failed", { file: displayName, reason: (err as Error).message }) },
    });
  } finally {
    closeSync(fd.value);
  }
  return decode(bytes, encoding, displayName);
}

/**
 * Does the file decode? Read in chunks (an activity file may be larger than memory allows as one string), for
 * reporting every file's encoding error when loading stops early; the error is located as `decode` locates it.
 */
export function checkDecodes(path: string, encoding: Encoding, displayName: string): Result<true> {
  const fd = openRegular(path, displayName);
  if (!fd.ok) return fd;
  try {
    const chunk = Buffer.alloc(1 << 22);
    let carry = Buffer.alloc(0);
    let lines = 0;
    let first = true;
    for (let position = 0; ;) {
      const n = readSync(fd.value, chunk, 0, chunk.length, position);
      position += n;
      let buf: Buffer = carry.length ? Buffer.concat([carry, chunk.subarray(0, n)]) : chunk.subarray(0, n);
      if (first && encoding === "utf-8" && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
      first = false;
      // Whole lines only: 0x0A occurs inside no UTF-8 or GB18030 sequence.
      const whole = n === 0 ? buf.length : buf.lastIndexOf(0x0a) + 1;
      const part = buf.subarray(0, whole);
      if (!decodesWhole(part, encoding)) {
        const e = locateBadBytes(part, encoding, displayName);
        return fail(e.line !== undefined ? { ...e, line: e.line + lines } : e);
      }
      for (let i = part.indexOf(0x0a); i >= 0; i = part.indexOf(0x0a, i + 1)) lines++;
      carry = Buffer.from(buf.subarray(whole));
      if (n === 0) return ok(true);
    }
  } catch (err) {
    return fail({
      code: "read-failed",
      file: displayName,
      message: `cannot read ${displayName}: ${(err as Error).message}`,
      say: { message: message("error.read-failed", { file: displayName, reason: (err as Error).message }) },
    });
  } finally {
    closeSync(fd.value);
  }
}
