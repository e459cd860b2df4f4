// The page-load benchmark: how soon a reader on a phone sees the article, and whether anything
// moves, when the widget comes pre-rendered (HTML-first, issue 9) against the script-only embed,
// marked + DOMPurify, and the same article as static HTML (the floor). Run by `node bench/run.mjs`
// (all of the benchmark) or alone with `node bench/run.mjs --only page-load`; see BENCHMARKS.md,
// "Page load (mobile profile)".
//
// Every page has one stylesheet of its own (bench/page-load-site.css), a site header and footer,
// like a partner's page, and the same article (articles/sample.md). Each load is a fresh browser
// context under the mobile profile (DevTools: 150 ms latency, 1638.4 kbit/s down, 675 kbit/s up,
// 4× CPU slowdown, cache disabled; 412×823 at device scale 1.75), served with gzip by a server of
// its own (tests/e2e/server.mjs does not compress). Variants are interleaved, the order rotating
// every round; medians are reported.

import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import os from "node:os";
import path from "node:path";
import { gzipSync, constants as zlib } from "node:zlib";
import { launchChromium } from "../tests/e2e/chromium.mjs";
import { REPO_ROOT } from "../tests/e2e/server.mjs";
import { median, stats } from "./stats.mjs";

export const PAGE_LOAD_START = "<!-- page-load:start -->";
export const PAGE_LOAD_END = "<!-- page-load:end -->";

/** The mobile profile (Lighthouse's "Slow 4G" and mid-range phone). */
export const PROFILE = {
  latencyMs: 150,
  downloadKbps: 1638.4,
  uploadKbps: 675,
  cpuSlowdown: 4,
  viewport: { width: 412, height: 823 },
  deviceScaleFactor: 1.75,
};
/** How long a page is left after it is ready (load, and the article shown) before it is read. */
const SETTLE_MS = 1500;
const CLI = path.join(REPO_ROOT, "target/release/reading-widget");

/** Targets of issue 9. */
export const TARGETS = { lcpOverFloor: 1.1, cls: 0, hydrateTransfer: 60_000, scriptOnlyOverPeer: 1.6 };

// ---- Statistics ------------------------------------------------------------------------


// ---- The pages -------------------------------------------------------------------------

const SITE_HEADER = '<header class="site-header"><a class="brand" href="/">Partner Daily</a><a href="/world">World</a><a href="/policy">Policy</a><a href="/culture">Culture</a></header>';
const SITE_FOOTER = '<footer class="site-footer"><span>© Partner Daily</span><a href="/about">About</a><a href="/contact">Contact</a></footer>';
const SITE_CSS = '<link rel="stylesheet" href="/site/site.css">';
const ICON = '<link rel="icon" href="data:,">';

function head(title, extra = "") {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${ICON}
${SITE_CSS}
${extra}</head>
`;
}

/** The partner's page around the CLI's `--page` output: its icon, stylesheet, header and footer. */
function partnerize(page) {
  const out = page
    .replace("</head>", `${ICON}\n${SITE_CSS}\n</head>`)
    .replace("<body>\n", `<body>\n${SITE_HEADER}\n`)
    .replace("</main>\n", `</main>\n${SITE_FOOTER}\n`);
  if (out === page || !out.includes(SITE_HEADER) || !out.includes(SITE_FOOTER)) throw new Error("page-load: the CLI's --page output no longer has the expected shape");
  return out;
}

/**
 * Changes to the pre-rendered page's head tried by `--alternatives` (see BENCHMARKS.md): each
 * takes the partner's pre-rendered page (`base`: the full build's, else the hydrate-only one's)
 * and returns another. The diagnostics are not fixes: they show what the page waits for.
 */
const PRELOAD = /<link rel="preload" href="([^"]+)" as="style">\n/;
const MODULE = /<script type="module" src="[^"]+"><\/script>\n/;
const inHead = (html, tags) => html.replace("</head>", `${tags}\n</head>`);
const SHADOW_LINK = /(<template shadowrootmode="open">)(<link rel="stylesheet" href="[^"]+">)([\s\S]*?)(<\/template>)/;
const moveShadowLinkLast = (html) => html.replace(SHADOW_LINK, "$1$3$2$4");
// Rendering held until the module script after the widget is parsed (Chromium's rel=expect).
const EXPECT_MODULE = '<link rel="expect" href="#rw-module" blocking="render">';
const idOnModule = (html) => html.replace(/<script type="module" src="([^"]+)"><\/script>/, '<script type="module" src="$1" id="rw-module"></script>');
export const ALTERNATIVES = {
  "no-module": {
    label: "diagnostic: (a) without the module script (the pre-rendered HTML and CSS alone, never live)",
    apply: (html) => html.replace(MODULE, ""),
    ready: "load",
  },
  "no-preload": {
    label: "diagnostic: (a) without the stylesheet preload",
    apply: (html) => html.replace(PRELOAD, ""),
  },
  "stylesheet-in-head": {
    label: "(a), the preload replaced by `<link rel=stylesheet>` to the widget's stylesheet (render-blocking)",
    apply: (html) => html.replace(PRELOAD, '<link rel="stylesheet" href="$1">\n'),
  },
  "stylesheet-last": {
    label: "(a), the shadow root's `<link rel=stylesheet>` moved after the widget's markup (end of the `<template>`)",
    apply: (html) => moveShadowLinkLast(html),
  },
  "stylesheet-last-head": {
    label: "(a), that link moved last, and the head's preload replaced by `<link rel=stylesheet>` (render-blocking)",
    apply: (html) => moveShadowLinkLast(html).replace(PRELOAD, '<link rel="stylesheet" href="$1">\n'),
  },
  "stylesheet-last-expect": {
    label: "(a), the shadow root's `<link rel=stylesheet>` moved after the widget's markup, and rendering held until the module script after the widget is parsed (`<link rel=expect href=#rw-module blocking=render>` in the head, `id=rw-module` on the script)",
    apply: (html) => idOnModule(inHead(moveShadowLinkLast(html), EXPECT_MODULE)),
  },
  "wasm-preload": {
    label: "(a) + modulepreload of the glue + `<link rel=preload as=fetch type=application/wasm crossorigin>` of the wasm",
    apply: (html) => inHead(html, '<link rel="modulepreload" href="/pkg/reading_widget.js">\n<link rel="preload" href="/pkg/reading_widget_bg.wasm" as="fetch" type="application/wasm" crossorigin>'),
  },
  "hydrate-last-expect-wasm-preload": {
    base: "hydrate",
    label: "(a′) with the two changes above: stylesheet last + rel=expect, and preloads of reading_widget_hydrate.js and its wasm",
    apply: (html) =>
      idOnModule(
        inHead(moveShadowLinkLast(html), `${EXPECT_MODULE}\n<link rel="modulepreload" href="/pkg/reading_widget_hydrate.js">\n<link rel="preload" href="/pkg/reading_widget_hydrate_bg.wasm" as="fetch" type="application/wasm" crossorigin>`),
      ),
  },
  "hydrate-wasm-preload": {
    base: "hydrate",
    label: "(a′) + modulepreload of reading_widget_hydrate.js + preload of its wasm (as=fetch, crossorigin)",
    apply: (html) => inHead(html, '<link rel="modulepreload" href="/pkg/reading_widget_hydrate.js">\n<link rel="preload" href="/pkg/reading_widget_hydrate_bg.wasm" as="fetch" type="application/wasm" crossorigin>'),
  },
};

/** Builds the CLI, renders the article and writes every variant's page under `root`. */
export function buildPages(root, { alternatives }) {
  execFileSync("cargo", ["build", "--release", "-q", "-p", "reading-widget-cli"], {
    cwd: REPO_ROOT,
    env: { ...process.env, PATH: `${process.env.HOME}/.cargo/bin:${process.env.PATH}` },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const render = (...args) => execFileSync(CLI, ["render", path.join(REPO_ROOT, "articles/sample.md"), ...args], { encoding: "utf8", maxBuffer: 16 << 20 });
  const pages = path.join(root, "pages");
  mkdirSync(pages, { recursive: true });
  const write = (name, html) => writeFileSync(path.join(pages, `${name}.html`), html);

  const prerendered = partnerize(render("--page"));
  const hydrate = partnerize(render("--page", "--hydrate-only"));
  write("prerendered", prerendered);
  write("hydrate", hydrate);

  // The script-only embed of the README.
  write(
    "embed",
    head("Reading in Three Scripts", '<script type="module" src="/pkg/element.js"></script>\n') +
      `<body>\n${SITE_HEADER}\n<main>\n<reading-widget src="/articles/sample.md"></reading-widget>\n</main>\n${SITE_FOOTER}\n</body>\n</html>\n`,
  );

  // The same with the preload hints the README suggests for it.
  write(
    "embed-hints",
    head(
      "Reading in Three Scripts",
      '<link rel="modulepreload" href="/pkg/reading_widget.js">\n<link rel="preload" href="/pkg/reading_widget_bg.wasm" as="fetch" type="application/wasm" crossorigin>\n' +
        '<link rel="preload" href="/articles/sample.md" as="fetch" crossorigin>\n<script type="module" src="/pkg/element.js"></script>\n',
    ) + `<body>\n${SITE_HEADER}\n<main>\n<reading-widget src="/articles/sample.md"></reading-widget>\n</main>\n${SITE_FOOTER}\n</body>\n</html>\n`,
  );

  // The README's JS API: init() with the article fetched alongside, then mount(), with the same
  // hints for the glue and the wasm (the article's fetch starts with the module script).
  write(
    "api",
    head(
      "Reading in Three Scripts",
      '<link rel="modulepreload" href="/pkg/reading_widget.js">\n<link rel="preload" href="/pkg/reading_widget_bg.wasm" as="fetch" type="application/wasm" crossorigin>\n' +
        '<script type="module">\nimport init, { mount } from "/pkg/reading_widget.js";\n' +
        'const [, markdown] = await Promise.all([init(), fetch("/articles/sample.md").then((r) => r.text())]);\n' +
        'mount(document.getElementById("reader"), { markdown });\nwindow.__liveAt = performance.now();\n</script>\n',
    ) + `<body>\n${SITE_HEADER}\n<main>\n<div id="reader"></div>\n</main>\n${SITE_FOOTER}\n</body>\n</html>\n`,
  );

  // marked + DOMPurify (bench/page-load-peer.mjs).
  write(
    "peer",
    head(
      "Reading in Three Scripts",
      '<script src="/node_modules/dompurify/dist/purify.min.js" defer></script>\n<script type="module" src="/site/peer.mjs"></script>\n',
    ) + `<body>\n${SITE_HEADER}\n<main>\n<article id="article" class="reading" data-src="/articles/sample.md"></article>\n</main>\n${SITE_FOOTER}\n</body>\n</html>\n`,
  );

  // The floor: the widget's masthead and body HTML as plain HTML, styled by the page's stylesheet.
  const fragment = render();
  const article = /<article class="article"[^>]*>([\s\S]*?)<div class="end-sentinel"/.exec(fragment);
  if (!article) throw new Error("page-load: no <article> in the CLI's fragment");
  const floorHtml = article[1].replace(/ tabindex="-1"/g, "");
  write("floor", head("Reading in Three Scripts") + `<body>\n${SITE_HEADER}\n<main>\n<article class="reading">${floorHtml}</article>\n</main>\n${SITE_FOOTER}\n</body>\n</html>\n`);

  const extra = {};
  if (alternatives) {
    for (const [name, alt] of Object.entries(ALTERNATIVES)) {
      const base = alt.base === "hydrate" ? hydrate : prerendered;
      const html = alt.apply(base);
      if (html === base) throw new Error(`page-load: the alternative ${name} changed nothing`);
      write(`alt-${name}`, html);
      extra[name] = html;
    }
  }
  return { prerendered, floorHtml, alternatives: extra };
}

/** The variants, in the order of the tables. `ready` is what "the article is shown" means. */
function variants(alternatives) {
  const only = process.env.PAGE_LOAD_VARIANTS?.split(",");
  if (only) return allVariants(true).filter((v) => only.includes(v.key));
  return allVariants(alternatives);
}

function allVariants(alternatives) {
  const list = [
    { key: "prerendered", label: "(a) pre-rendered page (`--page`), hydrated by element.js", ready: "widget" },
    { key: "hydrate", label: "(a′) the same with `--hydrate-only` (element-hydrate.js)", ready: "widget" },
    { key: "embed", label: "(b) script-only embed (`<reading-widget src>` + element.js)", ready: "widget" },
    { key: "embed-hints", label: "(b′) the same with the README's preload hints (glue, wasm, article)", ready: "widget" },
    { key: "api", label: "(b″) the JS API: `init()` and the article's fetch together, then `mount()` (glue and wasm hinted)", ready: "widget" },
    { key: "peer", label: "(c) marked + DOMPurify", ready: "peer" },
    { key: "floor", label: "(d) static HTML (floor)", ready: "load" },
  ];
  if (alternatives) {
    for (const [name, alt] of Object.entries(ALTERNATIVES)) list.push({ key: `alt-${name}`, label: alt.label, ready: alt.ready ?? "widget", alternative: true });
  }
  return list;
}

/** Copies what the pages load into `root`: a snapshot of pkg/, the article, the site's files. */
export function snapshot(root) {
  cpSync(path.join(REPO_ROOT, "pkg"), path.join(root, "pkg"), { recursive: true });
  mkdirSync(path.join(root, "articles"));
  cpSync(path.join(REPO_ROOT, "articles/sample.md"), path.join(root, "articles/sample.md"));
  mkdirSync(path.join(root, "site"));
  cpSync(path.join(REPO_ROOT, "bench/page-load-site.css"), path.join(root, "site/site.css"));
  cpSync(path.join(REPO_ROOT, "bench/page-load-peer.mjs"), path.join(root, "site/peer.mjs"));
  for (const f of ["node_modules/marked/lib/marked.esm.js", "node_modules/dompurify/dist/purify.min.js"]) {
    mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    cpSync(path.join(REPO_ROOT, f), path.join(root, f));
  }
}

// ---- A static server with gzip ---------------------------------------------------------

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".md": "text/markdown; charset=utf-8",
};

/**
 * Serves `root` on 127.0.0.1, each file gzipped once (level 9, as a static host's precompressed
 * files) when the request accepts gzip. No caching headers that would let a load reuse another's.
 */
export async function startGzipServer(root) {
  const cache = new Map();
  const server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const file = path.join(root, pathname);
    if (!file.startsWith(root + path.sep) || !existsSync(file) || !MIME[path.extname(file)]) {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
      return;
    }
    let entry = cache.get(file);
    if (!entry) {
      const raw = readFileSync(file);
      entry = { raw, gzip: gzipSync(raw, { level: zlib.Z_BEST_COMPRESSION }) };
      cache.set(file, entry);
    }
    const gzip = /\bgzip\b/.test(req.headers["accept-encoding"] ?? "");
    const body = gzip ? entry.gzip : entry.raw;
    res.writeHead(200, {
      "Content-Type": MIME[path.extname(file)],
      "Content-Length": body.length,
      ...(gzip ? { "Content-Encoding": "gzip" } : {}),
      Vary: "Accept-Encoding",
      "Cache-Control": "no-store",
    });
    res.end(req.method === "HEAD" ? undefined : body);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    gzipSize: (pathname) => cache.get(path.join(root, pathname))?.gzip.length ?? gzipSync(readFileSync(path.join(root, pathname)), { level: 9 }).length,
    close: () => new Promise((resolve) => {
      server.close(resolve);
      server.closeAllConnections?.();
    }),
  };
}

// ---- One load --------------------------------------------------------------------------

/** In the page, before its scripts: LCP and layout-shift entries, and when the article was shown. */
function observe() {
  window.__lcp = [];
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const el = e.element;
      window.__lcp.push({ startTime: e.startTime, size: e.size, element: el ? `${el.localName}${el.className ? `.${String(el.className).split(" ")[0]}` : ""}` : "(in a shadow root)", url: e.url || null });
    }
  }).observe({ type: "largest-contentful-paint", buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (!e.hadRecentInput) window.__shifts.push({ value: e.value, startTime: e.startTime, sources: (e.sources ?? []).map((s) => s.node?.nodeName ?? "?") });
    }
  }).observe({ type: "layout-shift", buffered: true });
  // The widget taken over (or mounted), checked often enough to place it and cheaply.
  const poll = setInterval(() => {
    if (document.querySelector("reading-widget")?.widget) {
      window.__liveAt = performance.now();
      clearInterval(poll);
    }
  }, 20);
}

export async function loadOnce(browser, url, ready, { trace = null } = {}) {
  const context = await browser.newContext({
    viewport: PROFILE.viewport,
    deviceScaleFactor: PROFILE.deviceScaleFactor,
    isMobile: true,
    hasTouch: true,
    colorScheme: "light",
  });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(90_000);
    const problems = [];
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
    await page.addInitScript(observe);
    const cdp = await context.newCDPSession(page);
    const requests = new Map();
    let navigationStart = null;
    cdp.on("Network.requestWillBeSent", (e) => {
      if (e.request.url.startsWith("data:")) return;
      if (navigationStart === null) navigationStart = e.timestamp;
      requests.set(e.requestId, { url: e.request.url, priority: e.request.initialPriority, type: e.type, start: e.timestamp });
    });
    cdp.on("Network.responseReceived", (e) => {
      const r = requests.get(e.requestId);
      if (r) Object.assign(r, { status: e.response.status, encoding: e.response.headers["Content-Encoding"] ?? e.response.headers["content-encoding"] ?? null, firstByte: e.timestamp });
    });
    cdp.on("Network.loadingFinished", (e) => {
      const r = requests.get(e.requestId);
      if (r) Object.assign(r, { bytes: e.encodedDataLength, end: e.timestamp });
    });
    cdp.on("Network.loadingFailed", (e) => {
      const r = requests.get(e.requestId);
      if (r) Object.assign(r, { failed: e.errorText, end: e.timestamp });
    });
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: PROFILE.latencyMs,
      downloadThroughput: (PROFILE.downloadKbps * 1024) / 8,
      uploadThroughput: (PROFILE.uploadKbps * 1024) / 8,
    });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: PROFILE.cpuSlowdown });
    // `trace`: an array to receive a DevTools trace of the load (for looking into one by hand).
    if (trace) {
      cdp.on("Tracing.dataCollected", (e) => trace.push(...e.value));
      await cdp.send("Tracing.start", { traceConfig: { includedCategories: ["devtools.timeline", "loading", "blink.user_timing", "toplevel", "v8.execute"] }, transferMode: "ReportEvents" });
    }
    await page.goto(url, { waitUntil: "load" });
    if (ready === "widget") await page.waitForFunction(() => window.__liveAt !== undefined, null, { polling: 100 });
    if (ready === "peer") await page.waitForFunction(() => window.__peerDone !== undefined, null, { polling: 100 });
    await page.waitForTimeout(SETTLE_MS);
    const m = await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0];
      const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null;
      return {
        lcp: window.__lcp.at(-1) ?? null,
        lcpEntries: window.__lcp.length,
        cls: window.__shifts.reduce((sum, s) => sum + s.value, 0),
        shifts: window.__shifts,
        fcp,
        load: nav.loadEventStart,
        domContentLoaded: nav.domContentLoadedEventStart,
        ready: window.__liveAt ?? window.__peerDone ?? nav.loadEventStart,
      };
    });
    if (trace) {
      const done = new Promise((resolve) => cdp.once("Tracing.tracingComplete", resolve));
      await cdp.send("Tracing.end");
      await done;
    }
    await cdp.detach();
    if (problems.length) throw new Error(`page-load: ${url} reported errors:\n${problems.join("\n")}`);
    const list = [...requests.values()].map((r) => ({
      path: new URL(r.url).pathname,
      priority: r.priority,
      type: r.type,
      status: r.status,
      encoding: r.encoding,
      bytes: r.bytes ?? 0,
      failed: r.failed ?? null,
      // Milliseconds from the navigation's first request.
      start: (r.start - navigationStart) * 1000,
      firstByte: r.firstByte ? (r.firstByte - navigationStart) * 1000 : null,
      end: r.end ? (r.end - navigationStart) * 1000 : null,
    }));
    const sum = (pred) => list.filter(pred).reduce((a, r) => a + r.bytes, 0);
    return {
      lcp: m.lcp?.startTime ?? null,
      lcpElement: m.lcp?.element ?? null,
      lcpSize: m.lcp?.size ?? null,
      lcpEntries: m.lcpEntries,
      fcp: m.fcp,
      cls: m.cls,
      shifts: m.shifts,
      ready: m.ready,
      load: m.load,
      bytes: sum(() => true),
      wasmJsBytes: sum((r) => r.path.startsWith("/pkg/") && /\.(js|wasm)$/.test(r.path)),
      requests: list,
    };
  } finally {
    await context.close();
  }
}

// ---- What the browser does while the widget's stylesheet is on its way ------------------

/**
 * Loads `url` (no throttling) with the widget's stylesheet held for `holdMs` and the module never
 * answered, and reports what happened before the stylesheet came: whether the parser had reached
 * the end of the widget's markup, and the largest paint (LCP candidate) so far. A paint larger
 * than the page's header while the stylesheet is held is the widget's content unstyled (a flash
 * of unstyled content); no paint at all means rendering waited for it.
 */
export async function heldStylesheet(browser, url, holdMs = 1500) {
  const context = await browser.newContext({ viewport: PROFILE.viewport });
  try {
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.__lcp = [];
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) window.__lcp.push({ t: e.startTime, size: e.size });
      }).observe({ type: "largest-contentful-paint", buffered: true });
    });
    let released = null;
    await page.route(/\/pkg\/reading-widget[^/]*\.css$/, async (route) => {
      await new Promise((r) => setTimeout(r, holdMs));
      released = await page.evaluate(() => performance.now()).catch(() => null);
      await route.continue();
    });
    await page.route(/\/pkg\/element(-hydrate)?\.js$/, () => {});
    await page.goto(url, { waitUntil: "commit" });
    await page.waitForTimeout(holdMs - 300);
    const held = await page.evaluate(() => ({
      parsed: !!document.querySelector("reading-widget")?.shadowRoot?.querySelector(".end-sentinel"),
      largest: Math.max(0, ...window.__lcp.map((e) => e.size)),
      fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null,
    }));
    await page.waitForFunction(() => window.__lcp.some((e) => e.size > 50_000), null, { timeout: holdMs + 5000 }).catch(() => {});
    const after = await page.evaluate(() => Math.max(0, ...window.__lcp.map((e) => e.size)));
    return { ...held, after, released };
  } finally {
    await context.close();
  }
}

// ---- The run ---------------------------------------------------------------------------

/**
 * Runs the page-load benchmark: `runs` rounds (after one discarded warm-up round unless `quick`),
 * each loading every variant once. `alternatives` adds the head changes of ALTERNATIVES. `meter`
 * ({ start(), share(token) }, see run.mjs) measures how much of the machine other processes used
 * during each load: a round in which they used over BUSY_SHARE during some load earns one more
 * round (at most `runs` / 2 more), and the `runs` least disturbed rounds are kept, so a busy
 * moment on a shared machine does not decide a ratio. `log` prints progress.
 */
const BUSY_SHARE = 0.25;
export async function runPageLoad({ runs = 5, quick = false, alternatives = false, log = console.log, meter = null } = {}) {
  for (const f of ["pkg/element.js", "pkg/element-hydrate.js", "pkg/reading_widget_bg.wasm", "pkg/reading_widget_hydrate_bg.wasm", "pkg/reading-widget.css"]) {
    if (!existsSync(path.join(REPO_ROOT, f))) throw new Error(`${f} is missing: build the widget first (make build)`);
  }
  const root = mkdtempSync(path.join(os.tmpdir(), "reading-widget-page-load-"));
  const keep = process.env.PAGE_LOAD_KEEP === "1";
  let server = null;
  let browser = null;
  try {
    snapshot(root);
    const built = buildPages(root, { alternatives });
    server = await startGzipServer(root);
    browser = await launchChromium();
    const list = variants(alternatives);
    const rounds = quick ? Math.min(runs, 2) : runs;
    const warmup = quick ? 0 : 1;
    const extraCap = quick ? 0 : Math.floor(rounds / 2);
    const all = [];
    let extra = 0;
    for (let round = -warmup; round < rounds + extra; round++) {
      const shift = ((round % list.length) + list.length) % list.length;
      const order = [...list.slice(shift), ...list.slice(0, shift)];
      const results = {};
      const shares = [];
      for (const v of order) {
        const token = meter?.start();
        results[v.key] = await loadOnce(browser, `${server.url}/pages/${v.key}.html`, v.ready);
        shares.push(meter ? meter.share(token) : null);
      }
      const busiest = shares.some((x) => x === null) ? null : Math.max(...shares);
      const pct = busiest === null ? "?" : `${Math.round(busiest * 100)}%`;
      log(`page load ${round < 0 ? "warm-up" : `round ${round + 1}`}: LCP ms ${order.map((v) => `${v.key} ${results[v.key].lcp?.toFixed(0)}`).join(", ")}; others' CPU at most ${pct}`);
      if (round < 0) continue;
      all.push({ round, results, busiest });
      if (busiest !== null && busiest > BUSY_SHARE && extra < extraCap) extra++;
    }
    const kept = [...all].sort((a, b) => (a.busiest ?? 0) - (b.busiest ?? 0) || a.round - b.round).slice(0, rounds).sort((a, b) => a.round - b.round);
    const samples = Object.fromEntries(list.map((v) => [v.key, kept.map((r) => r.results[v.key])]));
    const gz = (p) => server.gzipSize(p);
    // The widget's wasm and JS as each page requested them (entry, glue, snippets, wasm).
    const codeOf = (key) => [...new Set((samples[key] ?? []).flatMap((x) => x.requests.map((q) => q.path)))].filter((p) => p.startsWith("/pkg/") && /\.(js|wasm)$/.test(p)).sort();
    const hydrateFiles = codeOf("hydrate");
    const fullFiles = codeOf("prerendered");
    const out = {
      date: new Date().toISOString(),
      chromium: browser.version(),
      profile: PROFILE,
      settleMs: SETTLE_MS,
      rounds,
      warmup,
      quick,
      roundsRun: all.length,
      othersShare: all.map((r) => ({ round: r.round, busiest: r.busiest, kept: kept.includes(r) })),
      busyShare: BUSY_SHARE,
      sizes: {
        html: Object.fromEntries(list.map((v) => [v.key, { raw: readFileSync(path.join(root, "pages", `${v.key}.html`)).length, gzip: gz(`/pages/${v.key}.html`) }])),
        hydrateGzip: hydrateFiles.reduce((a, f) => a + gz(f), 0),
        fullGzip: fullFiles.reduce((a, f) => a + gz(f), 0),
        css: gz("/pkg/reading-widget.css"),
        siteCss: gz("/site/site.css"),
        files: Object.fromEntries([...new Set([...hydrateFiles, ...fullFiles, "/pkg/reading-widget.css"])].map((f) => [f, gz(f)])),
        hydrateFiles,
        fullFiles,
      },
      variants: {},
    };
    for (const v of list) {
      const s = samples[v.key];
      const pick = (k) => s.map((x) => x[k]).filter((x) => x !== null);
      out.variants[v.key] = {
        label: v.label,
        alternative: v.alternative ?? false,
        lcp: stats(pick("lcp")),
        fcp: stats(pick("fcp")),
        cls: stats(pick("cls")),
        ready: stats(pick("ready")),
        bytes: stats(pick("bytes")),
        wasmJsBytes: stats(pick("wasmJsBytes")),
        lcpElements: [...new Set(s.map((x) => x.lcpElement))],
        requests: median(s.map((x) => x.requests.length)),
        // The waterfall of the run with the median LCP, to see what the page waited for.
        waterfall: s.slice().sort((a, b) => a.lcp - b.lcp)[s.length >> 1]?.requests ?? [],
        shifts: s.flatMap((x) => x.shifts),
      };
    }
    // Ratios to the floor and to the peer: of the medians, and of each round's pair.
    const floor = samples.floor.map((x) => x.lcp);
    const peer = samples.peer.map((x) => x.lcp);
    for (const v of list) {
      const mine = samples[v.key].map((x) => x.lcp);
      out.variants[v.key].lcpOverFloor = out.variants[v.key].lcp.median / out.variants.floor.lcp.median;
      out.variants[v.key].lcpOverFloorPerRound = stats(mine.map((x, i) => x / floor[i]));
      out.variants[v.key].lcpOverPeer = out.variants[v.key].lcp.median / out.variants.peer.lcp.median;
      out.variants[v.key].lcpOverPeerPerRound = stats(mine.map((x, i) => x / peer[i]));
    }
    out.build = built.alternatives ? Object.keys(built.alternatives) : [];
    if (alternatives) {
      out.held = {};
      for (const v of list.filter((v) => v.key === "prerendered" || v.key === "hydrate" || v.alternative)) out.held[v.key] = await heldStylesheet(browser, `${server.url}/pages/${v.key}.html`);
    }
    return out;
  } finally {
    await browser?.close();
    await server?.close();
    if (keep) log(`page load: pages kept in ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
}

// ---- BENCHMARKS.md ---------------------------------------------------------------------

const ms = (x) => (x === null || x === undefined ? "–" : `${Math.round(x).toLocaleString("en")} ms`);
const f2 = (x) => x.toFixed(2);
const f3 = (x) => (x === 0 ? "0" : x.toFixed(4));
const kb = (b) => `${(b / 1000).toFixed(1)} kB`;
const B = (b) => `${Math.round(b).toLocaleString("en")} B`;

/** The generated part of the "Page load (mobile profile)" section, markers included. */
export function renderPageLoad(r, { command, machine, git, gitDirty = false, pkg = null, load } = {}) {
  const v = r.variants;
  const lines = [PAGE_LOAD_START, "<!-- Generated by `node bench/run.mjs` (or `--only page-load`); edits between these markers are overwritten. -->", ""];
  const pct = (x) => (x === null ? "?" : `${Math.round(x * 100)}%`);
  lines.push(`Run: \`${command ?? "node bench/run.mjs --only page-load"}\` on ${r.date.slice(0, 10)} (${r.date})${git ? `, at \`${git}\`${gitDirty ? " (with uncommitted changes in src/ or core/)" : ""}` : ""}${pkg ? `, pkg/ build ${pkg} (sha256 of the wasm and JS of both builds, first 12 digits)` : ""}; ${r.rounds} rounds kept of ${r.roundsRun}${r.warmup ? ` (after ${r.warmup} warm-up round)` : ""}, every variant loaded once per round, the order rotating each round. A round during which other processes used over ${pct(r.busyShare)} of the machine in some load earns one more round (within a cap), and the least disturbed are kept; others' CPU share, the most in any load of each round: ${r.othersShare.map((x) => `${pct(x.busiest)}${x.kept ? "" : " (dropped)"}`).join(", ")}.${r.quick ? " **Quick run: too few loads to rely on.**" : ""}`);
  lines.push("");
  if (machine) lines.push(`Machine: ${machine.nproc} CPUs (\`nproc\`), ${machine.cpu}; ${machine.os}; Node ${machine.node}; Chromium ${r.chromium} (headless, \`--disable-gpu\`).`);
  else lines.push(`Chromium ${r.chromium} (headless, \`--disable-gpu\`).`);
  lines.push("");
  if (load) lines.push(`Load: other processes used ${Math.round(load.otherShare * 100)}% of the machine's CPU during this part; load average ${load.loadavgStart.map(f2).join(" ")} at its start.${load.otherShare > 0.1 ? " **The machine was busy: the 4× CPU slowdown comes on top of that, so the times are noisier than on a quiet machine.**" : ""}`);
  lines.push("");
  const p = r.profile;
  lines.push(`Profile: ${p.latencyMs} ms latency, ${p.downloadKbps} kbit/s down, ${p.uploadKbps} kbit/s up (DevTools \`Network.emulateNetworkConditions\`), CPU slowed ${p.cpuSlowdown}× (\`Emulation.setCPUThrottlingRate\`), cache disabled, a fresh context per load, ${p.viewport.width}×${p.viewport.height} at device scale ${p.deviceScaleFactor} (mobile, touch); gzip (level 9) from the benchmark's own server; each page is read ${r.settleMs} ms after it is ready (load, and the article shown).`);
  lines.push("");
  lines.push("#### Targets");
  lines.push("");
  lines.push("| target | result | |");
  lines.push("| --- | --- | --- |");
  const lcpA = v.prerendered.lcpOverFloor;
  lines.push(`| pre-rendered LCP ≤ ${TARGETS.lcpOverFloor} × floor | ${f2(lcpA)} × (${ms(v.prerendered.lcp.median)} vs ${ms(v.floor.lcp.median)}; per round ${f2(v.prerendered.lcpOverFloorPerRound.p25)}–${f2(v.prerendered.lcpOverFloorPerRound.p75)}) | ${lcpA <= TARGETS.lcpOverFloor ? "met" : "**not met**"} |`);
  const clsA = Math.max(v.prerendered.cls.max, v.hydrate.cls.max);
  lines.push(`| CLS 0 through hydration (pre-rendered, both builds, every load) | worst ${f3(clsA)} | ${clsA === 0 ? "met" : "**not met**"} |`);
  const hyd = v.hydrate.wasmJsBytes.median;
  const hydFiles = r.sizes.hydrateGzip;
  lines.push(`| hydrate-only transfer (wasm + JS) ≤ 60 KB gzip | ${B(hydFiles)} gzip (level 9) in ${r.sizes.hydrateFiles.length} files; ${B(hyd)} over the wire with the response headers | ${hydFiles <= TARGETS.hydrateTransfer ? "met" : "**not met**"}${hydFiles <= TARGETS.hydrateTransfer && hyd > TARGETS.hydrateTransfer ? " (not with the headers)" : ""} |`);
  for (const key of ["embed", "embed-hints", "api"].filter((k) => v[k])) {
    const x = v[key];
    lines.push(`| script-only LCP ≤ ${TARGETS.scriptOnlyOverPeer} × marked + DOMPurify: ${x.label.replace(/^\(\S+\) /, "")} | ${f2(x.lcpOverPeer)} × (${ms(x.lcp.median)} vs ${ms(v.peer.lcp.median)}; per round ${f2(x.lcpOverPeerPerRound.p25)}–${f2(x.lcpOverPeerPerRound.p75)}) | ${x.lcpOverPeer <= TARGETS.scriptOnlyOverPeer ? "met" : "**not met**"} |`);
  }
  lines.push("");
  lines.push("#### Results (medians)");
  lines.push("");
  lines.push("| variant | LCP | LCP / floor | FCP | article live / shown | CLS (median; worst) | transferred | of which wasm + JS | requests | LCP element |");
  lines.push("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const [key, x] of Object.entries(v)) {
    if (x.alternative) continue;
    lines.push(`| ${x.label} | ${ms(x.lcp.median)} (${ms(x.lcp.p25)}–${ms(x.lcp.p75)}) | ${f2(x.lcpOverFloor)} | ${ms(x.fcp?.median)} | ${key === "floor" ? "– (load " + ms(x.ready.median) + ")" : ms(x.ready.median)} | ${f3(x.cls.median)}; ${f3(x.cls.max)} | ${kb(x.bytes.median)} | ${x.wasmJsBytes.median ? kb(x.wasmJsBytes.median) : "–"} | ${x.requests} | ${x.lcpElements.join(", ")} |`);
  }
  lines.push("");
  lines.push(`Side by side: LCP a/d ${f2(v.prerendered.lcpOverFloor)}, a′/d ${f2(v.hydrate.lcpOverFloor)}, b/d ${f2(v.embed.lcpOverFloor)}, b″/d ${f2(v.api.lcpOverFloor)}, c/d ${f2(v.peer.lcpOverFloor)}; b/c ${f2(v.embed.lcpOverPeer)}, b′/c ${f2(v["embed-hints"].lcpOverPeer)}, b″/c ${f2(v.api.lcpOverPeer)}. Transferred bytes are \`encodedDataLength\` (body and headers) of every response, summed. HTML (gzip): ${Object.entries(r.sizes.html).filter(([k]) => !k.startsWith("alt-")).map(([k, s]) => `${k} ${B(s.gzip)}`).join(", ")}; the widget's stylesheet ${B(r.sizes.css)}, the site's ${B(r.sizes.siteCss)}; full build wasm + JS ${B(r.sizes.fullGzip)}, hydrate-only ${B(r.sizes.hydrateGzip)} (gzip level 9).`);
  lines.push("");
  lines.push("| file (gzip level 9) | bytes | loaded by |");
  lines.push("| --- | --- | --- |");
  for (const [f, size] of Object.entries(r.sizes.files)) {
    const by = [(r.sizes.fullFiles.includes(f) || f.endsWith(".css")) && "a", (r.sizes.hydrateFiles.includes(f) || f.endsWith(".css")) && "a′"].filter(Boolean).join(", ");
    lines.push(`| \`${f}\` | ${B(size)} | ${by} |`);
  }
  lines.push("");
  const alts = Object.entries(v).filter(([, x]) => x.alternative);
  if (alts.length) {
    lines.push("#### Alternatives for the pre-rendered page's head (`--alternatives`)");
    lines.push("");
    lines.push("| variant | LCP | LCP / floor | FCP | article live | CLS (worst) | transferred |");
    lines.push("| --- | --- | --- | --- | --- | --- | --- |");
    for (const key of ["prerendered", ...alts.map(([k]) => k)]) {
      const x = v[key];
      lines.push(`| ${x.label} | ${ms(x.lcp.median)} | ${f2(x.lcpOverFloor)} | ${ms(x.fcp?.median)} | ${ms(x.ready.median)} | ${f3(x.cls.max)} | ${kb(x.bytes.median)} |`);
    }
    lines.push("");
  }
  if (r.held) {
    lines.push("**While the widget's stylesheet is on its way** (no throttling; the stylesheet held 1.5 s, the module never answered; read 1.2 s in). Header: the page's own header, painted (about 2,700 px² of text); content: the widget's article painted before its stylesheet, unstyled:");
    lines.push("");
    lines.push("| variant | widget's markup parsed while the stylesheet is held | painted while held | |");
    lines.push("| --- | --- | --- | --- |");
    for (const [key, h] of Object.entries(r.held)) {
      const painted = h.largest === 0 ? "nothing" : h.largest > 10_000 ? `content (${Math.round(h.largest).toLocaleString("en")} px²)` : "header only";
      const verdict = h.largest > 10_000 ? "**flash of unstyled content**" : h.parsed ? "parsed early, one paint when the stylesheet comes" : "parser waits for the stylesheet";
      lines.push(`| ${v[key].label} | ${h.parsed ? "yes" : "no"} | ${painted} | ${verdict} |`);
    }
    lines.push("");
  }
  lines.push("**Waterfall of the pre-rendered page** (the load with the median LCP; ms from the first request; priority as Chromium assigned it):");
  lines.push("");
  lines.push("| request | priority | start | first byte | end | bytes |");
  lines.push("| --- | --- | --- | --- | --- | --- |");
  for (const q of v.prerendered.waterfall) lines.push(`| \`${q.path}\` | ${q.priority} | ${ms(q.start)} | ${ms(q.firstByte)} | ${ms(q.end)} | ${B(q.bytes)} |`);
  lines.push("");
  lines.push(PAGE_LOAD_END);
  return lines.join("\n");
}

/** Writes the generated block into BENCHMARKS.md: between its markers, else at the end. */
export function writePageLoadMd(file, generated) {
  let text = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmarks\n";
  const lineOf = (marker) => new RegExp(`^${marker.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}[ \t]*$`, "m");
  const a = lineOf(PAGE_LOAD_START).exec(text);
  const b = a ? lineOf(PAGE_LOAD_END).exec(text.slice(a.index)) : null;
  if (a && b) text = text.slice(0, a.index) + generated + text.slice(a.index + b.index + b[0].length);
  else text = `${text.trimEnd()}\n\n## Page load (mobile profile)\n\n${generated}\n`;
  writeFileSync(file, text);
}
