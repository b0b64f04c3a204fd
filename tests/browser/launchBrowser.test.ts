// The tests' browser: which one is chosen where, with which flags, and — by starting it — that it is the pinned
// Chromium from our own folder, that the same-origin policy and Content-Security-Policy hold in it, that it
// starts on the NSS libraries the package bundles (as on a slim image), and that it has no CJK fonts.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import {
  browserArgs,
  CACHE,
  chooseBrowser,
  librariesNotFound,
  launchBrowser,
  sandboxUsable,
  type Host,
  type TestBrowser,
} from "./launchBrowser.js";

const host = (over: Partial<Host> & { present?: string[] }): Host => ({
  platform: "linux",
  arch: "x64",
  env: {},
  exists: (p) => (over.present ?? []).includes(p),
  ...over,
});

describe("chooseBrowser", () => {
  it("Linux x64: always the packaged Chromium, even with a system Chromium and CHROME_PATH", () => {
    expect(
      chooseBrowser(host({ present: ["/usr/bin/chromium", "/opt/chrome"], env: { CHROME_PATH: "/opt/chrome" } })),
    ).toEqual({ kind: "packaged" });
  });
  it("elsewhere: a system Chrome or Chromium where one is installed", () => {
    const mac = "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome";
    expect(chooseBrowser(host({ platform: "darwin", arch: "arm64", present: [mac] }))).toEqual({
      kind: "system",
      executable: mac,
    });
    expect(chooseBrowser(host({ arch: "arm64", present: ["/usr/bin/chromium-browser"] }))).toEqual({
      kind: "system",
      executable: "/usr/bin/chromium-browser",
    });
    const win = "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe";
    expect(
      chooseBrowser(host({ platform: "win32", env: { ProgramFiles: "C:\\Program Files" }, present: [win] })),
    ).toEqual({ kind: "system", executable: win });
  });
  it("elsewhere: CHROME_PATH first", () => {
    const h = host({
      platform: "darwin",
      arch: "arm64",
      env: { CHROME_PATH: "/opt/c/chrome" },
      present: ["/opt/c/chrome", "/Applications/Chromium.app/Contents/MacOS/Chromium"],
    });
    expect(chooseBrowser(h)).toEqual({ kind: "system", executable: "/opt/c/chrome" });
  });
  it("elsewhere without one: fails saying what to install", () => {
    const r = chooseBrowser(host({ platform: "linux", arch: "arm64" }));
    expect(r.kind).toBe("none");
    expect(r.kind === "none" && r.message).toBe(
      "no browser for the tests on linux-arm64: @sparticuz/chromium ships Chromium for Linux x64 only, and no Chrome or Chromium " +
        "was found at /usr/bin/chromium, /usr/bin/chromium-browser, /usr/bin/google-chrome, /usr/bin/google-chrome-stable, /snap/bin/chromium. " +
        "Install Google Chrome (https://www.google.com/chrome/) or Chromium, or set CHROME_PATH to a Chrome or Chromium executable.",
    );
  });
});

describe("browserArgs", () => {
  it("chooses every flag: none of the package's insecure ones, a fresh profile, the sandbox only when usable", () => {
    const args = browserArgs({ userDataDir: "/tmp/p", sandbox: false });
    for (const flag of [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--user-data-dir=/tmp/p",
    ]) {
      expect(args).toContain(flag);
    }
    for (const flag of [
      "--disable-web-security",
      "--allow-running-insecure-content",
      "--single-process",
      "--disable-site-isolation-trials",
    ]) {
      expect(args).not.toContain(flag);
    }
    expect(browserArgs({ userDataDir: "/tmp/p", sandbox: true })).not.toContain("--no-sandbox");
  });
  it("the sandbox is off as root and where unprivileged user namespaces are refused", () => {
    const settings = (s: Record<string, string>) => (path: string) => s[path];
    expect(sandboxUsable(0, settings({}))).toBe(false);
    expect(sandboxUsable(1000, settings({}))).toBe(true);
    expect(sandboxUsable(undefined, settings({}))).toBe(true); // Windows: no uid
    expect(sandboxUsable(1000, settings({ "/proc/sys/kernel/apparmor_restrict_unprivileged_userns": "1" }))).toBe(
      false,
    );
    expect(sandboxUsable(1000, settings({ "/proc/sys/kernel/apparmor_restrict_unprivileged_userns": "0" }))).toBe(true);
    expect(sandboxUsable(1000, settings({ "/proc/sys/kernel/unprivileged_userns_clone": "0" }))).toBe(false);
    expect(sandboxUsable(1000, settings({ "/proc/sys/user/max_user_namespaces": "0" }))).toBe(false);
  });
});

describe("librariesNotFound", () => {
  it("reads the libraries ldd cannot find (output as on a slim Debian image)", () => {
    const ldd = [
      "\tlinux-vdso.so.1 (0x00007ffd6b5f4000)",
      "\tlibdl.so.2 => /lib/x86_64-linux-gnu/libdl.so.2 (0x00007f2c1a2f1000)",
      "\tlibnspr4.so => not found",
      "\tlibnss3.so => not found",
      "\tlibnssutil3.so => not found",
      "\tlibexpat.so.1 => /lib/x86_64-linux-gnu/libexpat.so.1 (0x00007f2c1a2c0000)",
      "\t/lib64/ld-linux-x86-64.so.2 (0x00007f2c1a310000)",
    ].join("\n");
    expect(librariesNotFound(ldd)).toEqual(["libnspr4.so", "libnss3.so", "libnssutil3.so"]);
    expect(librariesNotFound("\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x1)\n")).toEqual([]);
  });
});

/** The shared objects a running browser has mapped, found by its profile folder (unique to each launch). */
function mappedLibraries(t: TestBrowser): string[] {
  const pids = readdirSync("/proc").filter((d) => /^\d+$/.test(d));
  const pid = pids.find((p) => {
    try {
      const argv = readFileSync(`/proc/${p}/cmdline`, "utf8").split("\0");
      return argv[0] === t.executable && argv.includes(`--user-data-dir=${t.userDataDir}`);
    } catch {
      return false; // the process ended meanwhile
    }
  });
  if (!pid) throw new Error(`no process of ${t.executable} with ${t.userDataDir}`);
  const paths = readFileSync(`/proc/${pid}/maps`, "utf8")
    .split("\n")
    .map((l) => l.split(/\s+/)[5] ?? "")
    .filter((p) => /\.so(\.\d+)*$/.test(p));
  return [...new Set(paths)]; // a library is mapped in several segments
}

const packagedHere = process.platform === "linux" && process.arch === "x64";

describe("launchBrowser (starts the real browser)", () => {
  const started: TestBrowser[] = [];
  const launch = async (options?: Parameters<typeof launchBrowser>[0]): Promise<TestBrowser> => {
    const t = await launchBrowser(options);
    started.push(t);
    return t;
  };
  const work = mkdtempSync(join(tmpdir(), "esg-recalc-launch-"));
  afterAll(async () => {
    for (const t of started) await t.close().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  });

  it("starts the pinned Chromium from the project's own folder, with exactly the chosen flags", async () => {
    const t = await launch();
    expect(t.source).toBe(packagedHere ? "packaged" : "system");
    if (packagedHere) {
      expect(t.executable).toBe(join(CACHE, "chromium-143.0.4", "chromium"));
      expect(t.browser.version()).toMatch(/^143\./);
    }
    const cdp = await t.browser.newBrowserCDPSession();
    const { arguments: argv } = (await cdp.send("Browser.getBrowserCommandLine")) as { arguments: string[] };
    await cdp.detach();
    expect(argv[0]).toBe(t.executable);
    for (const a of t.args) expect(argv).toContain(a);
    expect(argv.filter((a) => /web-security|insecure-content|single-process/.test(a))).toEqual([]);
    expect(existsSync(t.userDataDir)).toBe(true);
    await t.close();
    expect(existsSync(t.userDataDir)).toBe(false); // a fresh profile each launch, removed after
  }, 180_000);

  it("ignores whatever lies in $TMPDIR/chromium (where the package's own code would look)", async () => {
    const fakeTmp = join(work, "tmp");
    mkdirSync(fakeTmp);
    writeFileSync(join(fakeTmp, "chromium"), "#!/bin/sh\nexit 1\n", { mode: 0o755 });
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = fakeTmp;
    try {
      const t = await launch();
      expect(t.executable.startsWith(fakeTmp)).toBe(false);
      const page = await t.browser.newPage();
      await page.setContent("<p id=x>ok</p>");
      expect(await page.locator("#x").innerText()).toBe("ok");
      await t.close();
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
  }, 180_000);

  it("keeps the same-origin policy and Content-Security-Policy (what --disable-web-security would switch off)", async () => {
    const t = await launch();
    writeFileSync(join(work, "other.txt"), "secret");
    const pageFile = join(work, "page.html");
    writeFileSync(
      pageFile,
      `<!doctype html><meta http-equiv="Content-Security-Policy" content="img-src 'none'"><img src="other.png"><script>` +
        `const x = new XMLHttpRequest(); try { x.open("GET", "other.txt", false); x.send(); document.title = "read:" + x.responseText; } catch (e) { document.title = "refused"; }` +
        `</script>`,
    );
    const page = await t.browser.newPage();
    const console: string[] = [];
    page.on("console", (m) => console.push(m.text()));
    await page.goto(pathToFileURL(pageFile).href);
    // With --disable-web-security this page reads other.txt (seen: title "read:secret").
    expect(await page.title()).toBe("refused");
    await expect
      .poll(() =>
        console.some((m) => /violates the following Content Security Policy directive: "img-src 'none'"/.test(m)),
      )
      .toBe(true);
    await t.close();
  }, 180_000);

  it.runIf(packagedHere)(
    "starts on the NSS libraries the package bundles, as on an image without them",
    async () => {
      const t = await launch({ libraries: "bundled" });
      const libs = join(CACHE, "chromium-143.0.4", "al2023", "lib");
      expect(t.envAdded.LD_LIBRARY_PATH?.split(":")[0]).toBe(libs);
      const page = await t.browser.newPage();
      await page.setContent("<p id=x>ok</p>");
      expect(await page.locator("#x").innerText()).toBe("ok");
      const mapped = mappedLibraries(t);
      for (const name of ["libnss3.so", "libnspr4.so", "libexpat.so.1"]) {
        expect(mapped.filter((p) => p.endsWith(`/${name}`))).toEqual([join(libs, name)]);
      }
      await t.close();
    },
    180_000,
  );

  it.runIf(packagedHere)(
    "by default uses the bundled NSS libraries exactly when the system has none",
    async () => {
      const t = await launch();
      const libs = join(CACHE, "chromium-143.0.4", "al2023", "lib");
      const nss = mappedLibraries(t).filter((p) => p.endsWith("/libnss3.so"));
      expect(nss).toHaveLength(1);
      expect(nss[0]?.startsWith(`${libs}/`)).toBe(t.envAdded.LD_LIBRARY_PATH !== undefined);
      await t.close();
    },
    180_000,
  );

  it.runIf(packagedHere)(
    "has the package's fonts only: no CJK glyphs (Chinese text gets the missing glyph, drawn blank)",
    async () => {
      const t = await launch();
      const page = await t.browser.newPage();
      await page.setContent(
        `<span id=open style="font: 20px 'Open Sans'">Scope 1 GHG emissions</span><br>` +
          `<span id=dejavu style="font: 20px 'DejaVu Sans'">Scope 1 GHG emissions</span><br>` +
          `<span id=cjk style="font: 20px sans-serif">環</span><span id=pua style="font: 20px sans-serif">\uE000</span>`,
      );
      const width = (id: string) => page.locator(`#${id}`).evaluate((el) => el.getBoundingClientRect().width);
      // A font the system may have (DejaVu here) is not used: the text falls back to Open Sans, the only font.
      expect(await width("dejavu")).toBe(await width("open"));
      // 環 is drawn like a private-use code point that no font has: Open Sans's missing glyph, which is blank.
      expect(await width("cjk")).toBe(await width("pua"));
      await t.close();
    },
    180_000,
  );
});
