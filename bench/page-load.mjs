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
import { splitFrontMatter } from "./article.mjs";

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

/** Targets of issue 16 (the pre-rendered one is issue 9's, kept). */
export const TARGETS = { cls: 0.01, fragmentOverPeer: 1.0, fragmentCls: 0, prerenderedOverFloor: 1.1 };

// ---- The pages -------------------------------------------------------------------------

// A partner's page (issue 16): its header, an intro, the article, then a "More from us" section
// and its footer. The content after the article is what a late article pushes down: a shift
// there counts against the partner's CLS.
const SITE_HEADER = '<header class="site-header"><a class="brand" href="/">Partner Daily</a><a href="/world">World</a><a href="/policy">Policy</a><a href="/culture">Culture</a></header>';
const INTRO = '<section class="intro"><p class="kicker">Ideas · From our partners</p><p>Each week a research institute we work with shares one of its essays with our readers.</p></section>';
const MORE =
  '<section class="more" aria-labelledby="more-heading"><h2 id="more-heading">More from us</h2><ul>' +
  ["Tides, towns and the next flood season", "What the grid operators learned in August", "Seasonal labour across three borders", "A reading list for ageing towns"]
    .map((t, i) => `<li><a href="/ideas/${i + 1}">${t}</a><p>A short summary of the piece, two lines on a phone, as a partner's teaser list has.</p></li>`)
    .join("") +
  "</ul></section>";
const SITE_FOOTER = '<footer class="site-footer"><span>© Partner Daily</span><a href="/about">About</a><a href="/contact">Contact</a></footer>';
const SITE_CSS = '<link rel="stylesheet" href="/site/site.css">';
const ICON = '<link rel="icon" href="data:,">';
const TITLE = "Reading in Three Scripts";

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

/** A whole partner page: `extraHead` in the head, `article` (the embed) between intro and "More". */
function partnerPage(extraHead, article) {
  return head(TITLE, extraHead) + `<body>\n${SITE_HEADER}\n<main>\n${INTRO}\n${article}\n${MORE}\n</main>\n${SITE_FOOTER}\n</body>\n</html>\n`;
}

/** The partner's page around the CLI's `--page` output: its icon, stylesheet, header, intro, "More" and footer. */
function partnerize(page) {
  const out = page
    .replace("</head>", `${ICON}\n${SITE_CSS}\n</head>`)
    .replace(/<body>\n?/, (m) => `${m}${SITE_HEADER}\n`)
    .replace(/<main>\n?/, (m) => `${m}${INTRO}\n`)
    .replace(/<\/main>\n?/, (m) => `${MORE}\n${m}${SITE_FOOTER}\n`);
  for (const part of [SITE_HEADER, INTRO, MORE, SITE_FOOTER]) {
    if (!out.includes(part)) throw new Error("page-load: the CLI's --page output no longer has the expected shape (<body>, <main>)");
  }
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
    label: "diagnostic: pre-rendered without the module script (the pre-rendered HTML and CSS alone, never live)",
    apply: (html) => html.replace(MODULE, ""),
    ready: "load",
  },
  "no-preload": {
    label: "diagnostic: pre-rendered without the stylesheet preload",
    apply: (html) => html.replace(PRELOAD, ""),
  },
  "stylesheet-in-head": {
    label: "pre-rendered, the preload replaced by `<link rel=stylesheet>` to the widget's stylesheet (render-blocking)",
    apply: (html) => html.replace(PRELOAD, '<link rel="stylesheet" href="$1">\n'),
  },
  "stylesheet-last": {
    label: "pre-rendered, the shadow root's `<link rel=stylesheet>` moved after the widget's markup (end of the `<template>`)",
    apply: (html) => moveShadowLinkLast(html),
  },
  "stylesheet-last-expect": {
    label: "pre-rendered, the shadow root's `<link rel=stylesheet>` moved after the widget's markup, and rendering held until the module script after the widget is parsed (`<link rel=expect href=#rw-module blocking=render>`)",
    apply: (html) => idOnModule(inHead(moveShadowLinkLast(html), EXPECT_MODULE)),
  },
  "hydrate-wasm-preload": {
    base: "hydrate",
    label: "hydrate-only + modulepreload of reading_widget_hydrate.js + preload of its wasm (as=fetch, crossorigin)",
    apply: (html) => inHead(html, '<link rel="modulepreload" href="/pkg/reading_widget_hydrate.js">\n<link rel="preload" href="/pkg/reading_widget_hydrate_bg.wasm" as="fetch" type="application/wasm" crossorigin>'),
  },
};

/** The article's first paragraph: what the paragraph probe looks for (its text's start). */
export function firstParagraphPrefix(markdown) {
  const { body } = splitFrontMatter(markdown);
  const first = body.split(/\n\s*\n/).map((b) => b.trim()).find((b) => b && !/^[#>|\-*+`\d[]/.test(b));
  if (!first) throw new Error("page-load: the article has no paragraph");
  return first.replace(/\s+/g, " ").slice(0, 40);
}

/**
 * The article for zero-md, which reads no front matter: the front matter's title, series,
 * byline and date as a Markdown masthead (what the peer builds from it), then the body.
 */
function zeroMdArticle(markdown) {
  const { frontMatter, body } = splitFrontMatter(markdown);
  const meta = Object.fromEntries([...frontMatter.matchAll(/^(\w+)\s*=\s*"((?:[^"\\]|\\.)*)"\s*$/gm)].map((m) => [m[1], m[2]]));
  const masthead = [meta.subtitle, meta.title && `# ${meta.title}`, [meta.author, meta.affiliation].filter(Boolean).join(" · "), meta.date].filter(Boolean).join("\n\n");
  return `${masthead}\n\n${body}`;
}

/** Whether the widget's embed stylesheet (issue 16) is in this pkg/ build. */
export const hasEmbedCss = (pkgDir = path.join(REPO_ROOT, "pkg")) => existsSync(path.join(pkgDir, "embed.css"));

/**
 * Builds the CLI, renders the article and writes every variant's page under `root`. Each embed
 * is written as the README shows it, with pkg/embed.css linked in the head when the build has it.
 */
export function buildPages(root, { alternatives }) {
  execFileSync("cargo", ["build", "--release", "-q", "-p", "reading-widget-cli"], {
    cwd: REPO_ROOT,
    env: { ...process.env, PATH: `${process.env.HOME}/.cargo/bin:${process.env.PATH}` },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const sample = path.join(REPO_ROOT, "articles/sample.md");
  const render = (...args) => execFileSync(CLI, ["render", sample, ...args], { encoding: "utf8", maxBuffer: 16 << 20 });
  const pages = path.join(root, "pages");
  mkdirSync(pages, { recursive: true });
  const write = (name, html) => writeFileSync(path.join(pages, `${name}.html`), html);
  const embedCss = hasEmbedCss(path.join(root, "pkg")) ? '<link rel="stylesheet" href="/pkg/embed.css">\n' : "";
  const notes = [];
  if (!embedCss) notes.push("pkg/embed.css is not in this build: the embeds are measured without it.");

  const prerendered = partnerize(render("--page"));
  const hydrate = partnerize(render("--page", "--hydrate-only"));
  write("prerendered", prerendered);
  write("hydrate", hydrate);

  // The fragment a publisher puts on its CDN: `render --out DIR` writes DIR/sample.fragment.html
  // where the CLI does (issue 16); else the fragment `render` prints, which is the same markup.
  const out = mkdtempSync(path.join(os.tmpdir(), "reading-widget-fragment-"));
  let fragment;
  try {
    execFileSync(CLI, ["render", sample, "--assets", "/pkg", "--out", out], { stdio: "ignore" });
    const file = path.join(out, "sample.fragment.html");
    fragment = existsSync(file) ? readFileSync(file, "utf8") : null;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  if (fragment === null) {
    notes.push("`render --out` writes no `sample.fragment.html` in this build: the fragment is `render articles/sample.md --assets /pkg`'s output.");
    fragment = render("--assets", "/pkg");
  }
  writeFileSync(path.join(root, "articles/sample.fragment.html"), fragment);

  // The one-line embed of the README.
  const element = '<script type="module" src="/pkg/element.js"></script>\n';
  write("embed", partnerPage(embedCss + element, '<reading-widget src="/articles/sample.md"></reading-widget>'));

  // The same with the preload hints the README suggests for it.
  const hints = '<link rel="modulepreload" href="/pkg/reading_widget.js">\n<link rel="preload" href="/pkg/reading_widget_bg.wasm" as="fetch" type="application/wasm" crossorigin>\n';
  write("embed-hints", partnerPage(embedCss + hints + '<link rel="preload" href="/articles/sample.md" as="fetch" crossorigin>\n' + element, '<reading-widget src="/articles/sample.md"></reading-widget>'));

  // The README's JS API: init() with the article fetched alongside, then mount(), with the same
  // hints for the glue and the wasm (the article's fetch starts with the module script).
  write(
    "api",
    partnerPage(
      embedCss +
        hints +
        '<script type="module">\nimport init, { mount } from "/pkg/reading_widget.js";\n' +
        'const [, markdown] = await Promise.all([init(), fetch("/articles/sample.md").then((r) => r.text())]);\n' +
        'mount(document.getElementById("reader"), { markdown });\nwindow.__liveAt = performance.now();\n</script>\n',
      // With embed.css, the README's container for mount() holds the space (data-rw-reserve).
      `<div id="reader"${embedCss ? " data-rw-reserve" : ""}></div>`,
    ),
  );

  // The fragment `src`: the one-line embed pointed at the CLI's fragment.
  write("fragment", partnerPage(embedCss + element, '<reading-widget src="/articles/sample.fragment.html"></reading-widget>'));

  // marked + DOMPurify (bench/page-load-peer.mjs).
  write(
    "peer",
    partnerPage(
      '<script src="/node_modules/dompurify/dist/purify.min.js" defer></script>\n<script type="module" src="/site/peer.mjs"></script>\n',
      '<article id="article" class="reading" data-src="/articles/sample.md"></article>',
    ),
  );

  // zero-md 3 with its libraries served from here through its loader override
  // (bench/page-load-zero-md.mjs); github-slugger is a bare import of marked-gfm-heading-id.
  writeFileSync(path.join(root, "articles/sample.zero-md.md"), zeroMdArticle(readFileSync(sample, "utf8")));
  write(
    "zeromd",
    partnerPage(
      '<script type="importmap">{"imports":{"github-slugger":"/zm/github-slugger/index.js"}}</script>\n<script type="module" src="/site/zero-md.mjs"></script>\n',
      '<zero-md src="/articles/sample.zero-md.md"></zero-md>',
    ),
  );

  // The floor: the widget's masthead and body HTML as plain HTML, styled by the page's stylesheet.
  const article = /<article class="article"[^>]*>([\s\S]*?)<div class="end-sentinel"/.exec(render());
  if (!article) throw new Error("page-load: no <article> in the CLI's fragment");
  const floorHtml = article[1].replace(/ tabindex="-1"/g, "");
  write("floor", partnerPage("", `<article class="reading">${floorHtml}</article>`));

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
  return { prerendered, floorHtml, alternatives: extra, notes, embedCss: embedCss !== "" };
}

/** The variants, in the order of the tables. `ready` is what "the article is shown" means. */
function variants(alternatives) {
  const only = process.env.PAGE_LOAD_VARIANTS?.split(",");
  const list = allVariants(alternatives || !!only);
  if (only) {
    // The two references every ratio needs are always loaded.
    return list.filter((v) => only.includes(v.key) || v.key === "floor" || v.key === "peer");
  }
  return list;
}

function allVariants(alternatives) {
  const list = [
    { key: "floor", label: "the same article as static HTML", ready: "load" },
    { key: "peer", label: "marked + DOMPurify into a div", ready: "peer" },
    { key: "zeromd", label: "zero-md 3 (dependencies served locally)", ready: "peer" },
    { key: "embed", label: "widget, one-line embed", ready: "widget", widget: true },
    { key: "embed-hints", label: "widget, one-line embed + the README's hints", ready: "widget", widget: true },
    { key: "api", label: "widget, JS API (`init()` + `mount()`)", ready: "widget", widget: true },
    { key: "prerendered", label: "widget, pre-rendered by the CLI", ready: "widget", widget: true },
    { key: "hydrate", label: "widget, pre-rendered, hydrate-only", ready: "widget", widget: true },
    { key: "fragment", label: "widget, fragment `src`", ready: "widget", widget: true },
  ];
  if (alternatives) {
    for (const [name, alt] of Object.entries(ALTERNATIVES)) list.push({ key: `alt-${name}`, label: alt.label, ready: alt.ready ?? "widget", alternative: true });
  }
  return list;
}

// zero-md's files, from bench/node_modules (bench/package.json): what its loader override loads.
const ZERO_MD_FILES = [
  "zero-md/dist/index.min.js",
  "marked/lib/marked.esm.js",
  "marked-base-url/src/index.js",
  "marked-highlight/src/index.js",
  "marked-gfm-heading-id/src/index.js",
  "marked-alert/dist/index.js",
  "github-slugger/index.js",
  "github-slugger/regex.js",
  "@highlightjs/cdn-assets/es/highlight.min.js",
  "@highlightjs/cdn-assets/styles/github.min.css",
  "@highlightjs/cdn-assets/styles/github-dark.min.css",
  "github-markdown-css/github-markdown.css",
  "katex/dist/katex.mjs",
  "katex/dist/katex.min.css",
];
const BENCH_MODULES = path.join(REPO_ROOT, "bench/node_modules");

/** Copies what the pages load into `root`: a snapshot of pkg/, the article, the site's files. */
export function snapshot(root) {
  cpSync(path.join(REPO_ROOT, "pkg"), path.join(root, "pkg"), { recursive: true });
  mkdirSync(path.join(root, "articles"));
  cpSync(path.join(REPO_ROOT, "articles/sample.md"), path.join(root, "articles/sample.md"));
  mkdirSync(path.join(root, "site"));
  cpSync(path.join(REPO_ROOT, "bench/page-load-site.css"), path.join(root, "site/site.css"));
  cpSync(path.join(REPO_ROOT, "bench/page-load-peer.mjs"), path.join(root, "site/peer.mjs"));
  cpSync(path.join(REPO_ROOT, "bench/page-load-zero-md.mjs"), path.join(root, "site/zero-md.mjs"));
  for (const f of ["node_modules/marked/lib/marked.esm.js", "node_modules/dompurify/dist/purify.min.js"]) {
    mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    cpSync(path.join(REPO_ROOT, f), path.join(root, f));
  }
  for (const f of ZERO_MD_FILES) {
    const from = path.join(BENCH_MODULES, f);
    if (!existsSync(from)) throw new Error(`${path.relative(REPO_ROOT, from)} is missing: install the benchmark's packages (npm ci --prefix bench, which make bench runs)`);
    mkdirSync(path.dirname(path.join(root, "zm", f)), { recursive: true });
    cpSync(from, path.join(root, "zm", f));
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
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".woff2": "font/woff2",
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

/**
 * In the page, before its scripts: LCP and layout-shift entries, when the article was shown, and
 * the paragraph probe.
 *
 * The probe times the article's first paragraph on screen, styled, which LCP cannot: Chromium's
 * LCP ignores text in a shadow root whose stylesheet link was inserted by script. A
 * requestAnimationFrame callback on every frame finds the paragraph (the first `<p>` whose text
 * starts with `prefix`, in the document or the open shadow root of a `<reading-widget>`,
 * `<zero-md>` or the JS API's `#reader`) and takes its signature: its size and offset within its host, its computed
 * font, line height and colour, whether it is visible (`checkVisibility` with opacity,
 * visibility and content-visibility) and whether it is in the viewport. A change is recorded
 * with the time a message posted from that callback arrives: the rendering update the callback
 * belongs to (style, layout, paint) has run by then. The paragraph's time is the first frame
 * from which its look (everything but its offset) stayed as it is at the end: an unstyled
 * flash, a reflow when the stylesheet comes, or text hidden until ready all come before it.
 */
function observe({ prefix }) {
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
  // zero-md says when it has rendered.
  document.addEventListener("zero-md-rendered", () => (window.__peerDone ??= performance.now()), { once: true });

  // The paragraph probe.
  window.__para = [];
  let para = null;
  let last;
  const find = () => {
    const roots = [document];
    for (const host of document.querySelectorAll("reading-widget, zero-md, #reader")) if (host.shadowRoot) roots.push(host.shadowRoot);
    for (const root of roots) {
      for (const p of root.querySelectorAll("p")) if (p.textContent.trimStart().startsWith(prefix)) return p;
    }
    return null;
  };
  const sample = () => {
    if (!para?.isConnected) para = find();
    if (!para) return null;
    const host = para.getRootNode().host ?? para.closest("article") ?? document.body;
    const r = para.getBoundingClientRect();
    const h = host.getBoundingClientRect();
    const cs = getComputedStyle(para);
    const visible = para.checkVisibility({ opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true });
    const look = [Math.round(r.width), Math.round(r.height), cs.fontSize, cs.lineHeight, cs.fontFamily, cs.color, visible].join("|");
    return { look, at: `${Math.round(r.left - h.left)},${Math.round(r.top - h.top)}`, top: Math.round(r.top), inView: visible && r.width > 0 && r.top < innerHeight && r.bottom > 0 };
  };
  const frame = () => {
    const s = sample();
    const key = s ? `${s.look}@${s.at}:${s.inView}` : null;
    if (key !== last) {
      last = key;
      const rec = { raf: performance.now(), painted: null, ...s };
      window.__para.push(rec);
      const channel = new MessageChannel();
      channel.port1.onmessage = () => (rec.painted = performance.now());
      channel.port2.postMessage(0);
    }
    if (!window.__paraStop) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/** The probe's result: when the paragraph was first painted with the look it has at the end. */
function paragraphTime(records) {
  const end = records.at(-1);
  if (!end?.look?.endsWith("|true")) return { time: null, top: null, inView: false, looks: 0 };
  let i = records.length - 1;
  while (i > 0 && records[i - 1].look === end.look) i--;
  return { time: records[i].painted ?? records[i].raf, top: end.top, inView: end.inView, moved: records.slice(i).some((r) => r.at !== end.at), looks: new Set(records.filter((r) => r.look).map((r) => r.look)).size };
}

export async function loadOnce(browser, url, ready, { trace = null, prefix } = {}) {
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
    await page.addInitScript(observe, { prefix });
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
      window.__paraStop = true;
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
        para: window.__para,
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
      para: paragraphTime(m.para),
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
    const prefix = firstParagraphPrefix(readFileSync(path.join(REPO_ROOT, "articles/sample.md"), "utf8"));
    // One load of each variant before the rounds: a variant whose page never shows the article's
    // first paragraph (a fragment `src` before element.js takes fragments: it shows the
    // fragment's markup as Markdown text) is left out with a note, not timed.
    const skipped = {};
    const list = [];
    for (const v of variants(alternatives)) {
      const probe = await loadOnce(browser, `${server.url}/pages/${v.key}.html`, v.ready, { prefix }).catch((e) => ({ error: e.message }));
      if (probe.error || probe.para.time === null) {
        if (v.key === "floor" || v.key === "peer") throw new Error(`page-load: the ${v.key} page does not show the article's first paragraph: ${probe.error ?? JSON.stringify(probe.para)}`);
        skipped[v.key] = probe.error ? `its page failed: ${probe.error.split("\n")[0]}` : "the article's first paragraph never appears in it";
        log(`page load: ${v.key} left out: ${skipped[v.key]}`);
        continue;
      }
      list.push(v);
    }
    const rounds = quick ? Math.min(runs, 2) : runs;
    const warmup = quick ? 0 : 1;
    const extraCap = quick ? 0 : Math.floor(rounds / 2);
    const all = [];
    const retries = [];
    let extra = 0;
    for (let round = -warmup; round < rounds + extra; round++) {
      const shift = ((round % list.length) + list.length) % list.length;
      const order = [...list.slice(shift), ...list.slice(0, shift)];
      const results = {};
      const shares = [];
      for (const v of order) {
        const token = meter?.start();
        // One more try after a load that never finished (on a busy 2-core machine with the CPU
        // slowed 4×, a load has hung once in many hundred); a second failure ends the run.
        results[v.key] = await loadOnce(browser, `${server.url}/pages/${v.key}.html`, v.ready, { prefix }).catch((error) => {
          log(`page load: ${v.key} failed (${error.message.split("\n")[0]}); loading it again`);
          retries.push({ round, key: v.key, error: error.message.split("\n")[0] });
          return loadOnce(browser, `${server.url}/pages/${v.key}.html`, v.ready, { prefix });
        });
        shares.push(meter ? meter.share(token) : null);
      }
      const busiest = shares.some((x) => x === null) ? null : Math.max(...shares);
      const pct = busiest === null ? "?" : `${Math.round(busiest * 100)}%`;
      log(`page load ${round < 0 ? "warm-up" : `round ${round + 1}`}: first paragraph / LCP ms ${order.map((v) => `${v.key} ${results[v.key].para.time?.toFixed(0)}/${results[v.key].lcp?.toFixed(0)}`).join(", ")}; others' CPU at most ${pct}`);
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
      prefix,
      skipped,
      retries,
      notes: built.notes,
      embedCss: built.embedCss,
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
        widget: v.widget ?? false,
        lcp: stats(pick("lcp")),
        fcp: stats(pick("fcp")),
        para: stats(s.map((x) => x.para.time).filter((x) => x !== null)),
        paraTop: median(s.map((x) => x.para.top ?? 0)),
        paraLooks: Math.max(...s.map((x) => x.para.looks)),
        paraMoved: s.some((x) => x.para.moved),
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
    const metric = { lcp: (x) => x.lcp, para: (x) => x.para.time };
    for (const [name, of] of Object.entries(metric)) {
      for (const [ref, Ref] of [["floor", "Floor"], ["peer", "Peer"]]) {
        const base = samples[ref].map(of);
        for (const v of list) {
          const mine = samples[v.key].map(of);
          const x = out.variants[v.key];
          x[`${name}Over${Ref}`] = x[name] && out.variants[ref][name] ? x[name].median / out.variants[ref][name].median : null;
          x[`${name}Over${Ref}PerRound`] = stats(mine.map((m, i) => m / base[i]).filter((r) => Number.isFinite(r)));
        }
      }
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
  const ratio = (x) => (x === null || x === undefined ? "–" : f2(x));
  const range = (st) => (st ? `${f2(st.p25)}–${f2(st.p75)}` : "–");
  lines.push(`Run: \`${command ?? "node bench/run.mjs --only page-load"}\` on ${r.date.slice(0, 10)} (${r.date})${git ? `, at \`${git}\`${gitDirty ? " (with uncommitted changes in src/ or core/)" : ""}` : ""}${pkg ? `, pkg/ build ${pkg} (sha256 of the wasm and JS of both builds, first 12 digits)` : ""}; ${r.rounds} rounds kept of ${r.roundsRun}${r.warmup ? ` (after ${r.warmup} warm-up round)` : ""}, every variant loaded once per round, the order rotating each round. A round during which other processes used over ${pct(r.busyShare)} of the machine in some load earns one more round (within a cap), and the least disturbed are kept; others' CPU share, the most in any load of each round: ${r.othersShare.map((x) => `${pct(x.busiest)}${x.kept ? "" : " (dropped)"}`).join(", ")}.${r.quick ? " **Quick run: too few loads to rely on.**" : ""}`);
  lines.push("");
  if (machine) lines.push(`Machine: ${machine.nproc} CPUs (\`nproc\`), ${machine.cpu}; ${machine.os}; Node ${machine.node}; Chromium ${r.chromium} (headless, \`--disable-gpu\`).`);
  else lines.push(`Chromium ${r.chromium} (headless, \`--disable-gpu\`).`);
  lines.push("");
  if (load) lines.push(`Load: other processes used ${Math.round(load.otherShare * 100)}% of the machine's CPU during this part; load average ${load.loadavgStart.map(f2).join(" ")} at its start.${load.otherShare > 0.1 ? " **The machine was busy: the 4× CPU slowdown comes on top of that, so the times are noisier than on a quiet machine.**" : ""}`);
  lines.push("");
  const p = r.profile;
  lines.push(`Profile: ${p.latencyMs} ms latency, ${p.downloadKbps} kbit/s down, ${p.uploadKbps} kbit/s up (DevTools \`Network.emulateNetworkConditions\`), CPU slowed ${p.cpuSlowdown}× (\`Emulation.setCPUThrottlingRate\`), cache disabled, a fresh context per load, ${p.viewport.width}×${p.viewport.height} at device scale ${p.deviceScaleFactor} (mobile, touch); gzip (level 9) from the benchmark's own server; each page is read ${r.settleMs} ms after it is ready (load, and the article shown). The paragraph probe looks for the paragraph starting “${r.prefix}”.`);
  lines.push("");
  const notes = [...(r.notes ?? []), ...Object.entries(r.skipped ?? {}).map(([k, why]) => `Left out: ${allVariants(false).find((x) => x.key === k)?.label ?? k}: ${why}.`)];
  if (r.embedCss) notes.unshift("pkg/embed.css is in this build: every widget embed links it in the head, as the README's snippet does.");
  for (const x of r.retries ?? []) notes.push(`Loaded again: ${x.key} in round ${x.round + 1} (${x.error}).`);
  for (const n of notes) lines.push(`- ${n}`);
  if (notes.length) lines.push("");

  lines.push("#### Targets (issue 16)");
  lines.push("");
  lines.push("| target | result | |");
  lines.push("| --- | --- | --- |");
  const widgets = Object.entries(v).filter(([, x]) => x.widget);
  const worst = widgets.reduce((m, [k, x]) => (x.cls.max > (m?.[1] ?? -1) ? [k, x.cls.max] : m), null);
  const over = widgets.filter(([, x]) => x.cls.max > TARGETS.cls);
  lines.push(`| CLS ≤ ${TARGETS.cls} on every embed path (worst load of each) | ${widgets.map(([, x]) => `${x.label.replace(/^widget, /, "")} ${f3(x.cls.max)}`).join("; ")} | ${over.length === 0 && !r.skipped?.fragment ? "met" : `**not met**${over.length ? ` (${over.length} of ${widgets.length}, worst ${f3(worst[1])})` : ""}${r.skipped?.fragment ? " (fragment src not measured)" : ""}`} |`);
  if (v.fragment) {
    const f = v.fragment;
    const met = f.paraOverPeer !== null && f.paraOverPeer <= TARGETS.fragmentOverPeer && f.cls.max === TARGETS.fragmentCls;
    lines.push(`| fragment \`src\`: first paragraph ≤ ${f2(TARGETS.fragmentOverPeer)} × marked + DOMPurify, CLS 0 | ${ratio(f.paraOverPeer)} × (${ms(f.para?.median)} vs ${ms(v.peer.para?.median)}; per round ${range(f.paraOverPeerPerRound)}); CLS worst ${f3(f.cls.max)} | ${met ? "met" : "**not met**"} |`);
  } else {
    lines.push(`| fragment \`src\`: first paragraph ≤ ${f2(TARGETS.fragmentOverPeer)} × marked + DOMPurify, CLS 0 | not measured: ${r.skipped?.fragment ?? "not run"} | **not met** |`);
  }
  for (const key of ["prerendered", "hydrate"].filter((k) => v[k])) {
    const x = v[key];
    lines.push(`| ${x.label}: LCP ≤ ${TARGETS.prerenderedOverFloor} × static (first paragraph for context) | LCP ${ratio(x.lcpOverFloor)} × (${ms(x.lcp.median)} vs ${ms(v.floor.lcp.median)}; per round ${range(x.lcpOverFloorPerRound)}); first paragraph ${ratio(x.paraOverFloor)} × | ${x.lcpOverFloor <= TARGETS.prerenderedOverFloor ? "met" : "**not met**"} |`);
  }
  lines.push("");
  lines.push("#### Results (medians)");
  lines.push("");
  lines.push("| variant | gzip KB | first paragraph | vs static | vs marked + DOMPurify | LCP | vs static | vs marked + DOMPurify | CLS (median; worst) | requests | LCP element |");
  lines.push("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const [, x] of Object.entries(v)) {
    if (x.alternative) continue;
    lines.push(`| ${x.label} | ${kb(x.bytes.median)} | ${ms(x.para?.median)} | ${ratio(x.paraOverFloor)} | ${ratio(x.paraOverPeer)} | ${ms(x.lcp?.median)} | ${ratio(x.lcpOverFloor)} | ${ratio(x.lcpOverPeer)} | ${f3(x.cls.median)}; ${f3(x.cls.max)} | ${x.requests} | ${x.lcpElements.join(", ")} |`);
  }
  lines.push("");
  lines.push(`Ratios are of the medians; per round (each variant against the reference loaded in the same round), first paragraph vs marked + DOMPurify: ${Object.values(v).filter((x) => !x.alternative).map((x) => `${x.label} ${range(x.paraOverPeerPerRound)}`).join("; ")}. "gzip KB" is \`encodedDataLength\` (body and headers) of every response, summed, in kB. First paragraph: the frame from which the article's first paragraph kept the look it ends with (see the method above); its top ends at y = ${Object.values(v).filter((x) => !x.alternative).map((x) => `${x.paraTop}`).join(", ")} px in the order of the table (the viewport is ${r.profile.viewport.height} px tall; Chromium paints a layer's content well beyond the viewport, so a paragraph just below the fold is painted too)${Object.values(v).some((x) => x.paraMoved) ? `; it moved within its widget afterwards in: ${Object.values(v).filter((x) => x.paraMoved).map((x) => x.label).join(", ")}` : ""}. HTML (gzip): ${Object.entries(r.sizes.html).filter(([k]) => !k.startsWith("alt-")).map(([k, s]) => `${k} ${B(s.gzip)}`).join(", ")}; the widget's stylesheet ${B(r.sizes.css)}, the site's ${B(r.sizes.siteCss)}; full build wasm + JS ${B(r.sizes.fullGzip)}, hydrate-only ${B(r.sizes.hydrateGzip)} (gzip level 9).`);
  lines.push("");
  const shifted = Object.values(v).filter((x) => !x.alternative && x.cls.max > 0);
  if (shifted.length) {
    lines.push("Largest layout shifts (over all kept loads of each variant; the nodes that moved):");
    lines.push("");
    for (const x of shifted) {
      const top = x.shifts.slice().sort((a, b) => b.value - a.value).slice(0, 3);
      lines.push(`- ${x.label}: ${top.map((s) => `${f3(s.value)} at ${ms(s.startTime)} (${[...new Set(s.sources)].join(", ")})`).join("; ")}`);
    }
    lines.push("");
  }
  const alts = Object.entries(v).filter(([, x]) => x.alternative);
  if (alts.length) {
    lines.push("#### Alternatives for the pre-rendered page's head (`--alternatives`)");
    lines.push("");
    lines.push("| variant | first paragraph | LCP | LCP / floor | CLS (worst) | transferred |");
    lines.push("| --- | --- | --- | --- | --- | --- |");
    for (const key of ["prerendered", ...alts.map(([k]) => k)]) {
      const x = v[key];
      lines.push(`| ${x.label} | ${ms(x.para?.median)} | ${ms(x.lcp.median)} | ${ratio(x.lcpOverFloor)} | ${f3(x.cls.max)} | ${kb(x.bytes.median)} |`);
    }
    lines.push("");
  }
  for (const key of ["prerendered", "fragment"].filter((k) => v[k])) {
    lines.push(`**Waterfall: ${v[key].label}** (the load with the median LCP; ms from the first request; priority as Chromium assigned it):`);
    lines.push("");
    lines.push("| request | priority | start | first byte | end | bytes |");
    lines.push("| --- | --- | --- | --- | --- | --- |");
    for (const q of v[key].waterfall) lines.push(`| \`${q.path}\` | ${q.priority} | ${ms(q.start)} | ${ms(q.firstByte)} | ${ms(q.end)} | ${B(q.bytes)} |`);
    lines.push("");
  }
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
