// Reads a tar archive held in memory, for the archives @sparticuz/chromium ships (al2023.tar.br: the NSS
// libraries; fonts.tar.br). Only what those archives use is understood — regular files and folders in POSIX
// ustar or GNU headers — and anything else is an error naming the entry, so that a change in a later archive
// is seen instead of unpacked wrongly. Node has brotli (zlib) but no tar, and the package's own unpacker is not
// exported (and unpacks only into $TMPDIR).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const BLOCK = 512;

export interface TarEntry {
  /** Relative path with `/` separators, no trailing `/`. */
  path: string;
  type: "file" | "directory";
  /** Permission bits (e.g. 0o755). */
  mode: number;
  /** The file's bytes (empty for a folder). */
  data: Buffer;
}

/** Every entry of the archive in order; throws on a header it cannot read with certainty. */
export function readTar(archive: Buffer): TarEntry[] {
  const entries: TarEntry[] = [];
  let at = 0;
  while (at + BLOCK <= archive.length) {
    const header = archive.subarray(at, at + BLOCK);
    if (header.every((b) => b === 0)) return entries; // the end-of-archive marker
    const where = `tar header at byte ${at}`;
    const stored = octal(header.subarray(148, 156), `${where}: checksum`);
    if (checksum(header) !== stored)
      throw new Error(
        `${where}: checksum ${checksum(header)} does not match the stored ${stored} (not a tar archive, or damaged)`,
      );
    const magic = text(header.subarray(257, 263));
    // POSIX ustar splits long paths into prefix + name; GNU tar ("ustar  ") uses those bytes for other fields.
    const prefix = header.subarray(257, 263).equals(Buffer.from("ustar\0", "latin1"))
      ? text(header.subarray(345, 500))
      : "";
    if (!magic.startsWith("ustar")) throw new Error(`${where}: no ustar magic (a pre-POSIX archive is not supported)`);
    const rawPath = prefix ? `${prefix}/${text(header.subarray(0, 100))}` : text(header.subarray(0, 100));
    const size = octal(header.subarray(124, 136), `${where} (${rawPath}): size`);
    const mode = octal(header.subarray(100, 108), `${where} (${rawPath}): mode`) & 0o7777;
    const flag = String.fromCharCode(header[156] ?? 0);
    const dataStart = at + BLOCK;
    const next = dataStart + Math.ceil(size / BLOCK) * BLOCK;
    if (dataStart + size > archive.length)
      throw new Error(`${where} (${rawPath}): ${size} bytes announced, the archive ends first`);
    if (flag === "5" && /^(\.\/?)?$/.test(rawPath)) {
      at = next; // the folder itself ("./"): nothing to create
      continue;
    }
    const path = safePath(rawPath, where);
    if (flag === "0" || flag === "\0") {
      entries.push({ path, type: "file", mode, data: archive.subarray(dataStart, dataStart + size) });
    } else if (flag === "5") {
      entries.push({ path, type: "directory", mode, data: Buffer.alloc(0) });
    } else {
      throw new Error(
        `${where} (${rawPath}): entry type '${flag}' is not supported (only regular files and folders are)`,
      );
    }
    at = next;
  }
  throw new Error(`tar archive of ${archive.length} bytes ends without its end-of-archive marker (truncated?)`);
}

/** Writes the archive's entries under `folder` (created if needed), with their permission bits. */
export function unpackTar(archive: Buffer, folder: string): TarEntry[] {
  const entries = readTar(archive);
  mkdirSync(folder, { recursive: true });
  for (const e of entries) {
    const target = join(folder, ...e.path.split("/"));
    if (e.type === "directory") {
      mkdirSync(target, { recursive: true, mode: e.mode });
    } else {
      mkdirSync(join(target, ".."), { recursive: true });
      writeFileSync(target, e.data, { mode: e.mode });
    }
  }
  return entries;
}

/** A header field: text up to its first NUL. */
function text(field: Buffer): string {
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? field.length : end).toString("utf8");
}

/** A numeric header field: octal digits, padded with NULs or spaces (base-256 sizes over 8 GiB are refused). */
function octal(field: Buffer, what: string): number {
  const s = field
    .toString("latin1")
    .replace(/[\0 ]+$/, "")
    .replace(/^ +/, "");
  if (!/^[0-7]+$/.test(s))
    throw new Error(`${what} is not an octal number: ${JSON.stringify(field.toString("latin1"))}`);
  return Number.parseInt(s, 8);
}

/** The header's checksum: the sum of its bytes with the checksum field counted as spaces. */
function checksum(header: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (header[i] ?? 0);
  return sum;
}

/** The entry's path, refused when it would land outside the folder unpacked into. */
function safePath(raw: string, where: string): string {
  const path = raw.replace(/^\.\//, "").replace(/\/+$/, "");
  const parts = path.split("/");
  if (path === "" || raw.startsWith("/") || parts.some((p) => p === ".." || p === "")) {
    throw new Error(`${where}: path ${JSON.stringify(raw)} would leave the folder it is unpacked into`);
  }
  return path;
}
