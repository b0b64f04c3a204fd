// The tar reader against the package's real archives (listings and checksums taken with GNU tar 1.34 and
// sha256sum, not with this reader) and against small hand-built archives for what it must refuse.
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliDecompressSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { readTar, unpackTar } from "./tar.js";

const BIN = fileURLToPath(new URL("../../node_modules/@sparticuz/chromium/bin/", import.meta.url));
const archive = (name: string): Buffer => brotliDecompressSync(readFileSync(join(BIN, name)));
const sha256 = (b: Buffer): string => createHash("sha256").update(b).digest("hex");

describe("readTar on @sparticuz/chromium 143.0.4's archives", () => {
  it("lists al2023.tar.br as GNU tar does (tar tvf: path, size, mode)", () => {
    const listing = readTar(archive("al2023.tar.br")).map((e) => [e.path, e.type, e.data.length, e.mode.toString(8)]);
    expect(listing).toEqual([
      ["lib/libexpat.so.1", "file", 202320, "755"],
      ["lib/libfreebl3.so", "file", 16184, "755"],
      ["lib/libfreeblpriv3.so", "file", 790704, "755"],
      ["lib/libnspr4.so", "file", 265888, "755"],
      ["lib/libnss3.so", "file", 1287000, "755"],
      ["lib/libnssutil3.so", "file", 216896, "755"],
      ["lib/libplc4.so", "file", 24680, "755"],
      ["lib/libplds4.so", "file", 16424, "755"],
      ["lib/libsoftokn3.so", "file", 361648, "755"],
      ["lib/libfreebl3.chk", "file", 84, "644"],
      ["lib/libfreeblpriv3.chk", "file", 84, "644"],
      ["lib/libsoftokn3.chk", "file", 84, "644"],
    ]);
  });

  it("lists fonts.tar.br with its folders, and the bytes are GNU tar's (sha256)", () => {
    const entries = readTar(archive("fonts.tar.br"));
    expect(entries.map((e) => [e.path, e.type, e.data.length])).toEqual([
      ["fonts.conf", "file", 259],
      ["fonts", "directory", 0],
      ["fonts/Open_Sans", "directory", 0],
      ["fonts/Open_Sans/OpenSans-Bold.ttf", "file", 147264],
      ["fonts/Open_Sans/OpenSans-Italic.ttf", "file", 153256],
      ["fonts/Open_Sans/OpenSans-Regular.ttf", "file", 147528],
    ]);
    const bytes = (path: string): Buffer => entries.find((e) => e.path === path)?.data ?? Buffer.alloc(0);
    expect(sha256(bytes("fonts.conf"))).toBe("83ead336fc0b198e555349dd6ee0faa5565aee3d9c3d5f426942a1579dbcdf79");
    expect(sha256(bytes("fonts/Open_Sans/OpenSans-Regular.ttf"))).toBe(
      "c53aceea2dcf5b4098099c0c4d0a061d17e178a049317b42a422b1a9f7f8eb59",
    );
  });
});

describe("unpackTar", () => {
  const work = mkdtempSync(join(tmpdir(), "esg-recalc-tar-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("writes the files with their bytes and permission bits", () => {
    const folder = join(work, "al2023");
    unpackTar(archive("al2023.tar.br"), folder);
    const nss = join(folder, "lib", "libnss3.so");
    expect(sha256(readFileSync(nss))).toBe("1719436d5424fd9b2dece28435621198cca05d0ecc5539f443f090d411a460c0");
    expect(statSync(nss).mode & 0o777).toBe(0o755);
    expect(statSync(join(folder, "lib", "libsoftokn3.chk")).mode & 0o777).toBe(0o644);
  });

  it("refuses a path that would leave the folder, before writing anything", () => {
    const folder = join(work, "evil");
    expect(() =>
      unpackTar(
        tar([
          { name: "ok.txt", body: "fine" },
          { name: "../escaped.txt", body: "x" },
        ]),
        folder,
      ),
    ).toThrow(/"\.\.\/escaped\.txt" would leave the folder/);
    expect(() => statSync(join(folder, "ok.txt"))).toThrow(); // nothing written: the archive is read whole first
    expect(() => readTar(tar([{ name: "/etc/passwd", body: "x" }]))).toThrow(/would leave the folder/);
  });
});

describe("readTar refuses what it does not understand", () => {
  it("joins a POSIX ustar prefix to the name", () => {
    expect(
      readTar(tar([{ name: "b.txt", prefix: "a", body: "hi", posix: true }])).map((e) => [e.path, e.data.toString()]),
    ).toEqual([["a/b.txt", "hi"]]);
  });
  it("skips the folder entry ./ itself", () => {
    expect(
      readTar(
        tar([
          { name: "./", type: "5" },
          { name: "./x", body: "1" },
        ]),
      ).map((e) => e.path),
    ).toEqual(["x"]);
  });
  it("a symbolic link or any type other than a file or a folder", () => {
    expect(() => readTar(tar([{ name: "link", type: "2" }]))).toThrow(/\(link\): entry type '2' is not supported/);
  });
  it("a damaged header", () => {
    const a = tar([{ name: "x", body: "1" }]);
    a[0] = "y".charCodeAt(0);
    expect(() => readTar(a)).toThrow(/tar header at byte 0: checksum \d+ does not match the stored \d+/);
  });
  it("an archive cut short", () => {
    const a = tar([{ name: "x", body: "a".repeat(600) }]);
    expect(() => readTar(a.subarray(0, 1024))).toThrow(/\(x\): 600 bytes announced, the archive ends first/);
    expect(() => readTar(a.subarray(0, 1536))).toThrow(/ends without its end-of-archive marker/);
  });
});

/** A tar archive built by hand (GNU magic unless posix): header fields at their POSIX offsets, octal numbers. */
function tar(entries: { name: string; body?: string; type?: string; prefix?: string; posix?: boolean }[]): Buffer {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const body = Buffer.from(e.body ?? "");
    const h = Buffer.alloc(512);
    h.write(e.name, 0, "utf8");
    h.write("0000644\0", 100, "latin1");
    h.write(body.length.toString(8).padStart(11, "0") + "\0", 124, "latin1");
    h.write(e.type ?? "0", 156, "latin1");
    h.write(e.posix ? "ustar\u000000" : "ustar  \0", 257, "latin1");
    if (e.prefix) h.write(e.prefix, 345, "utf8");
    h.fill(0x20, 148, 156);
    let sum = 0;
    for (const b of h) sum += b;
    h.write(sum.toString(8).padStart(6, "0") + "\0 ", 148, "latin1");
    blocks.push(h, body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}
