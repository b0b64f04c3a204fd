// Gives the tests a browser. On Linux x64 it is always the Chromium that `npm ci` installs from the npm registry
// (@sparticuz/chromium, pinned in package.json), even where a system Chromium exists, so that every run takes
// the path a fresh machine with only Node takes. Elsewhere that package has no binary: a system Chrome or
// Chromium is used when one is found, and otherwise the launch fails saying what to install. It never skips.
//
// The package's own JavaScript is not used, only the compressed files in its bin/: its executablePath()
// unpacks into $TMPDIR/chromium and reuses whatever is there, of any version; it unpacks the NSS libraries
// (al2023.tar.br) only on Amazon Linux; and its recommended args include --disable-web-security, which would hide
// the very Content-Security-Policy failure the HTML report's test is there to catch. So this module unpacks into
// a folder of the project's own named after the pinned version, puts the bundled NSS libraries on the loader's
// path when the system lacks them, chooses every flag itself, and checks the version of what it started.
import { spawnSync } from "node:child_process";
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, win32 } from "node:path";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { brotliDecompressSync, createBrotliDecompress } from "node:zlib";
import { chromium, type Browser } from "playwright-core";
import { readTar, unpackTar } from "./tar.js";

export const PACKAGE = "@sparticuz/chromium";
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const PACKAGE_DIR = join(ROOT, "node_modules", "@sparticuz", "chromium");
/** Where the packaged browser is unpacked: ours alone, and emptied by every `npm ci`. */
export const CACHE = join(ROOT, "node_modules", ".cache", "esg-recalc-browser");

export type BrowserSource =
  { kind: "packaged" } | { kind: "system"; executable: string } | { kind: "none"; message: string };

export interface Host {
  platform: NodeJS.Platform;
  arch: string;
  env: NodeJS.ProcessEnv;
  exists: (path: string) => boolean;
}

/** Which browser the tests get on this host. */
export function chooseBrowser(host: Host): BrowserSource {
  if (host.platform === "linux" && host.arch === "x64") return { kind: "packaged" };
  const candidates = [host.env.CHROME_PATH, ...systemBrowserCandidates(host.platform, host.env)].filter(
    (p): p is string => !!p,
  );
  const found = candidates.find((p) => host.exists(p));
  if (found) return { kind: "system", executable: found };
  return {
    kind: "none",
    message:
      `no browser for the tests on ${host.platform}-${host.arch}: ${PACKAGE} ships Chromium for Linux x64 only, and no ` +
      `Chrome or Chromium was found at ${candidates.join(", ")}. Install Google Chrome (https://www.google.com/chrome/) ` +
      `or Chromium, or set CHROME_PATH to a Chrome or Chromium executable.`,
  };
}

/** The usual install locations of Chrome and Chromium on a platform. */
export function systemBrowserCandidates(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === "darwin") {
    return [
      "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
      "/Applications/Chromium.app/Contents/MacOS/Chromium",
    ];
  }
  if (platform === "win32") {
    return [env.ProgramFiles, env["ProgramFiles(x86)"], env.LOCALAPPDATA]
      .filter((d): d is string => !!d)
      .map((d) => win32.join(d, "Google", "Chrome", "Application", "chrome.exe"));
  }
  return [
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
    "/usr/bin/google-chrome-stable",
    "/snap/bin/chromium",
  ];
}

/**
 * Every flag the browser gets (Playwright's defaults are switched off). Not among them: the package's
 * --disable-web-security, --allow-running-insecure-content and --single-process.
 */
export function browserArgs(options: { userDataDir: string; sandbox: boolean }): string[] {
  return [
    "--headless",
    ...(options.sandbox ? [] : ["--no-sandbox"]),
    // The report is 2-D: no GPU, and no software GL either (the package's SwiftShader is not unpacked).
    "--disable-gpu",
    "--disable-software-rasterizer",
    // Nothing but the page: no first-run work, and no calls home, which on a closed network only fail and log.
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    // Containers often give /dev/shm 64 MB; Chromium then crashes on large pages unless it uses /tmp.
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    // Lets a test read the command line back (Browser.getBrowserCommandLine answers only then).
    "--enable-automation",
    `--user-data-dir=${options.userDataDir}`,
    // How Playwright talks to the browser and opens its own pages (its default args, which add these, are off).
    "--remote-debugging-pipe",
    "--no-startup-window",
  ];
}

/**
 * Whether Chromium's sandbox can work. Not as root (Chromium refuses to start). On Linux it needs unprivileged
 * user namespaces, which some kernels refuse (Ubuntu ≥ 23.10 through AppArmor, older Debian kernels, a zero limit).
 */
export function sandboxUsable(uid: number | undefined, readSetting: (path: string) => string | undefined): boolean {
  if (uid === 0) return false;
  if (readSetting("/proc/sys/kernel/apparmor_restrict_unprivileged_userns") === "1") return false;
  if (readSetting("/proc/sys/kernel/unprivileged_userns_clone") === "0") return false;
  if (readSetting("/proc/sys/user/max_user_namespaces") === "0") return false;
  return true;
}

/** The libraries `ldd` reports as not found. */
export function librariesNotFound(lddOutput: string): string[] {
  return [...lddOutput.matchAll(/^\s*(\S+)\s+=>\s+not found\s*$/gm)].map((m) => m[1] ?? "");
}

/** What the loader cannot find for `executable` in `env`; undefined when `ldd` cannot be run. */
function missingLibraries(executable: string, env: NodeJS.ProcessEnv): string[] | undefined {
  const r = spawnSync("ldd", [executable], { env, encoding: "utf8" });
  if (r.error || r.status !== 0) return undefined;
  return librariesNotFound(r.stdout);
}

export interface PackagedChromium {
  version: string;
  folder: string;
  executable: string;
  /** The NSS libraries from al2023.tar.br, for LD_LIBRARY_PATH. */
  nssLibraries: string;
  /** A fontconfig file naming only the package's fonts (Open Sans: no CJK glyphs). */
  fontsConfig: string;
}

/** The installed package's version, checked against the pin in package.json. */
export function packagedVersion(): string {
  const manifest = join(PACKAGE_DIR, "package.json");
  if (!existsSync(manifest)) throw new Error(`${PACKAGE} is not installed (${manifest} is missing): run npm ci`);
  const installed = (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version;
  const pinned = (
    JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { devDependencies: Record<string, string> }
  ).devDependencies[PACKAGE];
  if (installed !== pinned)
    throw new Error(`${PACKAGE} ${installed} is installed but package.json pins ${String(pinned)}: run npm ci`);
  return installed;
}

/**
 * Unpacks the packaged Chromium into `cache`/chromium-<version> once; later calls reuse it. The folder is built
 * under another name and renamed into place, so it exists only complete, and two test workers unpacking at
 * once both end with the same folder.
 */
export async function unpackPackagedChromium(cache = CACHE): Promise<PackagedChromium> {
  const version = packagedVersion();
  const folder = join(cache, `chromium-${version}`);
  const paths: PackagedChromium = {
    version,
    folder,
    executable: join(folder, "chromium"),
    nssLibraries: join(folder, "al2023", "lib"),
    fontsConfig: join(folder, "fonts.conf"),
  };
  if (existsSync(folder)) return paths;

  mkdirSync(cache, { recursive: true });
  const staging = mkdtempSync(join(cache, `chromium-${version}.unpacking-`));
  try {
    const bin = join(PACKAGE_DIR, "bin");
    await pipeline(
      createReadStream(join(bin, "chromium.br")),
      createBrotliDecompress(),
      createWriteStream(join(staging, "chromium"), { mode: 0o755 }),
    );
    unpackTar(brotliDecompressSync(readFileSync(join(bin, "al2023.tar.br"))), join(staging, "al2023"));
    const fonts = join(staging, "fonts");
    unpackTar(brotliDecompressSync(readFileSync(join(bin, "fonts.tar.br"))), fonts);
    // The archive's own fonts.conf names AWS Lambda's folders; ours names the unpacked fonts alone.
    writeFileSync(
      join(staging, "fonts.conf"),
      fontsConfig(join(folder, "fonts", "fonts"), join(folder, "fontconfig-cache")),
    );
    renameSync(staging, folder);
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(folder)) throw e; // otherwise another worker finished first: use its folder
  }
  return paths;
}

function fontsConfig(fontFolder: string, cacheFolder: string): string {
  const xml = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n  <dir>${xml(fontFolder)}</dir>\n  <cachedir>${xml(cacheFolder)}</cachedir>\n</fontconfig>\n`;
}

/** Names of the libraries al2023.tar.br carries (for the error when something else is missing). */
export function bundledLibraryNames(): string[] {
  const entries = readTar(brotliDecompressSync(readFileSync(join(PACKAGE_DIR, "bin", "al2023.tar.br"))));
  return entries
    .filter((e) => e.type === "file" && /\.so(\.\d+)*$/.test(e.path))
    .map((e) => e.path.replace(/^.*\//, ""));
}

export interface TestBrowser {
  browser: Browser;
  source: "packaged" | "system";
  executable: string;
  args: string[];
  /** What the launcher added to the browser's environment. */
  envAdded: Record<string, string>;
  userDataDir: string;
  /** Closes the browser and removes its profile folder. */
  close: () => Promise<void>;
}

export interface LaunchOptions {
  /**
   * `auto` (default): the bundled NSS libraries are put on LD_LIBRARY_PATH only when `ldd` says the system
   * lacks a library (or `ldd` cannot say); `bundled`: always, as on a slim image.
   */
  libraries?: "auto" | "bundled";
}

/** Starts a headless browser for a test; throws, saying why and what to do, when none can be started. */
export async function launchBrowser(options: LaunchOptions = {}): Promise<TestBrowser> {
  const source = chooseBrowser({
    platform: process.platform,
    arch: process.arch,
    env: process.env,
    exists: existsSync,
  });
  if (source.kind === "none") throw new Error(source.message);

  const envAdded: Record<string, string> = {};
  let executable: string;
  let packaged: PackagedChromium | undefined;
  if (source.kind === "packaged") {
    packaged = await unpackPackagedChromium();
    executable = packaged.executable;
    envAdded.FONTCONFIG_FILE = packaged.fontsConfig;
    const missing = options.libraries === "bundled" ? undefined : missingLibraries(executable, process.env);
    if (missing === undefined || missing.length > 0) {
      envAdded.LD_LIBRARY_PATH = [packaged.nssLibraries, process.env.LD_LIBRARY_PATH].filter((p) => !!p).join(":");
      const still = missingLibraries(executable, { ...process.env, ...envAdded });
      if (still && still.length > 0) {
        throw new Error(
          `${executable} needs ${still.join(", ")}, which neither this system nor ${PACKAGE}'s bundle ` +
            `(${bundledLibraryNames().join(", ")}) provides: install them with the system's package manager`,
        );
      }
    }
  } else {
    executable = source.executable;
  }

  const userDataDir = mkdtempSync(join(tmpdir(), "esg-recalc-browser-profile-"));
  const args = browserArgs({ userDataDir, sandbox: sandboxUsable(process.getuid?.(), readSetting) });
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath: executable,
      args,
      ignoreDefaultArgs: true,
      headless: true,
      env: { ...process.env, ...envAdded },
    });
  } catch (e) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw new Error(`could not start the tests' browser ${executable}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const close = async (): Promise<void> => {
    await browser.close();
    rmSync(userDataDir, { recursive: true, force: true });
  };
  if (packaged && browser.version().split(".")[0] !== packaged.version.split(".")[0]) {
    const got = browser.version();
    await close();
    throw new Error(
      `${executable} is Chromium ${got}, not the ${packaged.version.split(".")[0]} that ${PACKAGE} ${packaged.version} ships: remove ${packaged.folder} and run again`,
    );
  }
  return { browser, source: source.kind, executable, args, envAdded, userDataDir, close };
}

function readSetting(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8").trim();
  } catch {
    return undefined;
  }
}
