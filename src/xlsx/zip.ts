// The ZIP container of an .xlsx (an OPC package): reading the central directory and inflating one part at a
// time with a bound on its size, and writing a package deterministically. Pure: bytes in, bytes out.
// Only what OOXML packages use: stored and deflated entries, no encryption, no ZIP64, one disk.
import { crc32, deflateRawSync, inflateRawSync } from "node:zlib";
import { message, type Message } from "../findings/inputError.js";

export interface ZipEntry {
  /** The part name as stored ("xl/worksheets/sheet1.xml"). */
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export interface ZipLimits {
  /** Largest part inflated, in bytes: a sheet beyond it is refused rather than read into memory. */
  maxPartBytes: number;
  /** Most entries in the directory. */
  maxEntries: number;
}

/** 256 MiB of XML is far beyond any dataset sheet (about 3 million cells) and well inside a JS string. */
export const DEFAULT_LIMITS: ZipLimits = { maxPartBytes: 256 * 1024 * 1024, maxEntries: 10_000 };

/** A failure says its reason in English and, as a template of data/i18n/causes.json, for a report in another language. */
export type ZipResult<T> = { ok: true; value: T } | { ok: false; reason: string; say: Message };

const no = (
  reason: string,
  key: string,
  args?: Record<string, string>,
): { ok: false; reason: string; say: Message } => ({
  ok: false,
  reason,
  say: message(`error.zip.${key}`, args),
});

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The entries of a ZIP archive, from its central directory (the local headers are read only when a part is). */
export function readZipDirectory(
  bytes: Uint8Array,
  limits: ZipLimits = DEFAULT_LIMITS,
): ZipResult<Map<string, ZipEntry>> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 22) return no("the file is too short to be a ZIP archive (an .xlsx is one)", "too-short");
  // The end-of-central-directory record sits in the last 22 bytes plus a comment of at most 65,535.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === EOCD && i + 22 + view.getUint16(i + 20, true) === bytes.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) {
    return bytes[0] === 0xd0 && bytes[1] === 0xcf
      ? no(
          "this is an old binary .xls workbook (or an encrypted one), not .xlsx: save it as .xlsx (Excel Workbook)",
          "xls",
        )
      : no("this is not a ZIP archive, so not an .xlsx workbook", "not-zip");
  }
  const disk = view.getUint16(eocd + 4, true);
  const cdDisk = view.getUint16(eocd + 6, true);
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (disk !== 0 || cdDisk !== 0) return no("a ZIP archive split over several files is not supported", "split");
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff)
    return no("ZIP64 archives (over 4 GB or 65,535 parts) are not supported", "zip64");
  if (count > limits.maxEntries)
    return no(`the archive has ${count} parts; at most ${limits.maxEntries} are read`, "too-many", {
      count: String(count),
      max: String(limits.maxEntries),
    });
  if (cdOffset + cdSize > eocd)
    return no("the ZIP central directory lies outside the file (truncated or damaged)", "directory-outside");
  const entries = new Map<string, ZipEntry>();
  let at = cdOffset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > eocd || view.getUint32(at, true) !== CENTRAL)
      return no(`ZIP directory entry ${n + 1} is damaged`, "entry-damaged", { n: String(n + 1) });
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const crc = view.getUint32(at + 16, true);
    const compressedSize = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localOffset = view.getUint32(at + 42, true);
    const name = new TextDecoder("utf-8").decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
    if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff)
      return no(`part ${name} needs ZIP64, which is not supported`, "part-zip64", { name });
    const key = partKey(name);
    if (entries.has(key)) return no(`the archive holds ${name} twice`, "twice", { name });
    entries.set(key, { name, method, flags, crc, compressedSize, size, localOffset });
  }
  return { ok: true, value: entries };
}

/** Part names compare case-insensitively in OPC, without a leading "/". */
export function partKey(name: string): string {
  return name.replace(/^\/+/, "").toLowerCase();
}

/**
 * One part's bytes. Its declared size is checked against the limit before anything is inflated, inflation stops
 * at the declared size (a part that inflates to more is damaged or hostile: refused), and the CRC is checked.
 */
export function readZipEntry(
  bytes: Uint8Array,
  entry: ZipEntry,
  limits: ZipLimits = DEFAULT_LIMITS,
): ZipResult<Uint8Array> {
  if (entry.flags & 1)
    return no(`part ${entry.name} is encrypted: remove the workbook's password and save it again`, "encrypted", {
      name: entry.name,
    });
  if (entry.size > limits.maxPartBytes)
    return no(
      `part ${entry.name} is ${entry.size} bytes uncompressed; at most ${limits.maxPartBytes} are read`,
      "too-large",
      { name: entry.name, size: String(entry.size), max: String(limits.maxPartBytes) },
    );
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL)
    return no(`part ${entry.name}: its local header is damaged`, "local-header", { name: entry.name });
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length)
    return no(`part ${entry.name} runs past the end of the file (truncated)`, "truncated", { name: entry.name });
  const raw = bytes.subarray(start, end);
  let data: Uint8Array;
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size)
      return no(
        `part ${entry.name}: stored size ${entry.compressedSize} differs from its size ${entry.size}`,
        "stored-size",
        {
          name: entry.name,
          stored: String(entry.compressedSize),
          size: String(entry.size),
        },
      );
    data = raw;
  } else if (entry.method === 8) {
    try {
      // maxOutputLength: one byte more than declared, so a part that inflates beyond its size is caught, not expanded.
      data = inflateRawSync(raw, { maxOutputLength: Math.max(1, entry.size + 1) });
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      return e.code === "ERR_BUFFER_TOO_LARGE" || e instanceof RangeError
        ? no(`part ${entry.name} inflates to more than its declared ${entry.size} bytes (damaged or hostile)`, "bomb", {
            name: entry.name,
            size: String(entry.size),
          })
        : no(`part ${entry.name} does not inflate: ${e.message}`, "inflate", { name: entry.name, why: e.message });
    }
    if (data.length !== entry.size)
      return no(
        `part ${entry.name} inflates to ${data.length} bytes, not the declared ${entry.size} (damaged)`,
        "size",
        {
          name: entry.name,
          length: String(data.length),
          size: String(entry.size),
        },
      );
  } else {
    return no(
      `part ${entry.name} uses ZIP compression method ${entry.method}; only stored (0) and deflate (8) are read`,
      "method",
      { name: entry.name, method: String(entry.method) },
    );
  }
  if (crc32(data) >>> 0 !== entry.crc >>> 0)
    return no(`part ${entry.name} fails its CRC-32 check (damaged)`, "crc", { name: entry.name });
  return { ok: true, value: data };
}

export interface ZipFile {
  name: string;
  data: Uint8Array;
}

/**
 * A ZIP archive of the given files, deflated, with a fixed timestamp (1980-01-01 00:00) so the same input gives the
 * same bytes (golden tests, reproducible fixtures). Names are flagged UTF-8.
 */
export function writeZip(files: readonly ZipFile[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
  for (const f of files) {
    const name = new TextEncoder().encode(f.name);
    const deflated = deflateRawSync(f.data);
    const stored = deflated.length >= f.data.length;
    const body = stored ? f.data : deflated;
    const crc = crc32(f.data) >>> 0;
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, LOCAL, true);
    local.setUint16(4, 20, true); // version needed: 2.0 (deflate)
    local.setUint16(6, 0x0800, true); // UTF-8 names
    local.setUint16(8, stored ? 0 : 8, true);
    local.setUint16(10, 0, true);
    local.setUint16(12, DOS_DATE, true);
    local.setUint32(14, crc, true);
    local.setUint32(18, body.length, true);
    local.setUint32(22, f.data.length, true);
    local.setUint16(26, name.length, true);
    local.setUint16(28, 0, true);
    const cd = new DataView(new ArrayBuffer(46));
    cd.setUint32(0, CENTRAL, true);
    cd.setUint16(4, 20, true); // made by: 2.0, MS-DOS attributes
    cd.setUint16(6, 20, true);
    cd.setUint16(8, 0x0800, true);
    cd.setUint16(10, stored ? 0 : 8, true);
    cd.setUint16(12, 0, true);
    cd.setUint16(14, DOS_DATE, true);
    cd.setUint32(16, crc, true);
    cd.setUint32(20, body.length, true);
    cd.setUint32(24, f.data.length, true);
    cd.setUint16(28, name.length, true);
    cd.setUint32(42, offset, true);
    chunks.push(new Uint8Array(local.buffer), name, body);
    central.push(new Uint8Array(cd.buffer), name);
    offset += 30 + name.length + body.length;
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, EOCD, true);
  end.setUint16(8, files.length, true);
  end.setUint16(10, files.length, true);
  end.setUint32(12, cdSize, true);
  end.setUint32(16, offset, true);
  return concat([...chunks, ...central, new Uint8Array(end.buffer)]);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
