// What the end-to-end test files share: the server and browser every file starts, opening a page
// in a fresh context, waiting for frames, and the widget's geometry with its tolerances. Not a
// test file itself (`node --test` only runs *.test.mjs).

import { before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { access } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { inflateSync } from "node:zlib";
import { launchChromium, watchProblems } from "./chromium.mjs";
import { startServer, REPO_ROOT } from "./server.mjs";

export { REPO_ROOT };
export const FIXTURES = "/tests/e2e/fixtures";

/** axe-core, injected into pages by `axeViolations` (and reader.test's fuller report). */
export const AXE = path.join(REPO_ROOT, "node_modules/axe-core/axe.min.js");
/** The WCAG 2.2 A and AA rules: what the widget promises. */
export const WCAG_AA = { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } };

/** axe's violations on the page, one line each (rule, help, the elements): [] when there are none.
 * `options` are axe.run's ({} runs every rule, best practices too). */
export async function axeViolations(page, options = WCAG_AA) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async (options) => {
    const result = await window.axe.run(document, options);
    return result.violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(", ")}`);
  }, options);
}
export const PKG = path.join(REPO_ROOT, "pkg");

export const WIDE = { width: 1280, height: 900 };
export const NARROW = { width: 375, height: 800 };
/** Where the widget remembers the text size when the partner names no storageKey. */
export const DEFAULT_STORAGE_KEY = "reading-widget:font-step";
/** A heading's scroll-margin is the bar's height plus 0.5rem: it lands this far below the bar. */
export const HEADING_GAP = 8;
/** Tolerance for "lands at" positions, in CSS px. */
export const PX = 3;
/** Tolerance for "keeps the reader's place", in CSS px. */
export const KEEP_PLACE_PX = 4;

/** In the page: the fixture harness has initialised the module (fixtures/*harness.js). */
const HARNESS_READY = () => document.documentElement.dataset.ready === "true";
/** In the page: the host page has mounted its widget on #reader and it shows the article. */
export const WIDGET_READY = () => window.widget && document.getElementById("reader")?.shadowRoot?.querySelector(".rw .body");

/**
 * Registers this test file's hooks: before its tests, checks that `pkgFiles` exist in pkg/ and
 * starts the static server (with `headers`, see server.mjs) and Chromium; after them, stops both.
 * Returns `env`, whose `server` and `browser` are set once the tests run, and `env.open`.
 */
export function useBrowser({ pkgFiles = [], headers = null } = {}) {
  const env = {
    server: null,
    browser: null,
    open: (t, url, options) => openPage(env, t, url, options),
  };
  before(async () => {
    for (const file of pkgFiles) {
      await access(path.join(PKG, file)).catch(() => {
        throw new Error(`pkg/${file} is missing: run \`make build\` (wasm-pack build --release --target web && node scripts/finish-pkg.mjs) first`);
      });
    }
    env.server = await startServer({ root: REPO_ROOT, headers });
    env.browser = await launchChromium();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/**
 * Opens `url` (on `base`, by default the file's server) in a fresh browser context, so with its
 * own empty localStorage, closed when the test ends. Waits for `waitFor` (a predicate evaluated in
 * the page; null to wait for nothing) and then `frames` animation frames. `expected(url)` exempts
 * failed responses a test expects (see watchProblems); `watchDialogs` also counts any dialog or
 * popup as a problem. `beforeGoto(page, context)` runs after `initScript(initArg)` is installed.
 * Returns the page, its context, the navigation's response, the live list of problems and
 * `done()`, which asserts that there were none.
 */
async function openPage(
  env,
  t,
  url,
  {
    viewport = WIDE,
    reducedMotion = "reduce",
    colorScheme = "light",
    timeout = 5_000,
    expected = () => false,
    watchDialogs: dialogs = false,
    initScript = null,
    initArg = undefined,
    beforeGoto = null,
    base = env.server.url,
    waitFor = HARNESS_READY,
    frames = 0,
    hasTouch = false,
  } = {},
) {
  const context = await env.browser.newContext({ viewport, reducedMotion, colorScheme, deviceScaleFactor: 1, hasTouch });
  t.after(() => context.close());
  const page = await context.newPage();
  page.setDefaultTimeout(timeout);
  const problems = watchProblems(page, expected);
  if (dialogs) watchDialogs(page, problems);
  if (initScript) await page.addInitScript(initScript, initArg);
  if (beforeGoto) await beforeGoto(page, context);
  const response = await page.goto(base + url);
  if (waitFor) await page.waitForFunction(waitFor);
  if (frames) await nextFrames(page, frames);
  return {
    page,
    context,
    response,
    problems,
    done() {
      assert.deepEqual(problems, [], `the page reported errors:\n  ${problems.join("\n  ")}`);
    },
  };
}

/** Waits for the host page's widget (WIDGET_READY), then lets its observers report once. */
export async function widgetReady(page, frames = 2) {
  await page.waitForFunction(WIDGET_READY);
  await nextFrames(page, frames);
}

/** Lets `n` animation frames pass in a page or frame (IntersectionObserver callbacks run after layout). */
export function nextFrames(target, n = 2) {
  return target.evaluate(
    (n) => new Promise((resolve) => {
      const step = (left) => (left ? requestAnimationFrame(() => step(left - 1)) : resolve());
      step(n);
    }),
    n,
  );
}

// ---- The widget on #reader -------------------------------------------------------------

/** Bar bottom, the top of heading `id` (if given) and the hrefs of the current links, in the viewport. */
export function readerGeometry(target, id = null) {
  return target.evaluate((id) => {
    const root = document.getElementById("reader").shadowRoot;
    return {
      barBottom: root.querySelector(".bar").getBoundingClientRect().bottom,
      headingTop: id ? root.getElementById(id).getBoundingClientRect().top : null,
      current: [...root.querySelectorAll(".toc a[aria-current]")].map((a) => a.getAttribute("href")),
    };
  }, id);
}

export function assertHeadingAtTop({ barBottom, headingTop }, label) {
  assert.ok(
    Math.abs(headingTop - (barBottom + HEADING_GAP)) <= PX,
    `${label}: heading top ${headingTop.toFixed(1)} should be at bar bottom ${barBottom.toFixed(1)} + ${HEADING_GAP}px (±${PX})`,
  );
}

/**
 * Waits (at most `timeout` ms, then carries on: the caller asserts) until the one link with
 * aria-current is the one to `href`.
 */
export async function waitForCurrentLink(target, href, timeout = 5_000) {
  await target
    .waitForFunction(
      (href) => {
        const links = [...document.getElementById("reader").shadowRoot.querySelectorAll(".toc a[aria-current]")];
        return links.length === 1 && links[0].getAttribute("href") === href;
      },
      href,
      { timeout },
    )
    .catch(() => {});
}

/**
 * The block being read: the first block of the body that reaches below the sticky bar. A long
 * article's body holds chunks of blocks; `index` counts blocks across them (see blockTop).
 */
export function readingPlace(target) {
  return target.evaluate(() => {
    const root = document.getElementById("reader").shadowRoot;
    const line = root.querySelector(".bar").getBoundingClientRect().bottom;
    const below = (list) => list.findIndex((b) => b.getBoundingClientRect().bottom > line);
    let blocks = [...root.querySelector(".body").children];
    let index = below(blocks);
    let before = 0;
    if (blocks[index].classList.contains("chunk")) {
      // Only the chunk under the line is searched: reading geometry inside off-screen chunks
      // would make the browser lay them out.
      before = blocks.slice(0, index).reduce((n, chunk) => n + chunk.childElementCount, 0);
      blocks = [...blocks[index].children];
      index = below(blocks);
    }
    const count = [...root.querySelector(".body").children].reduce((n, c) => n + (c.classList.contains("chunk") ? c.childElementCount : 1), 0);
    return { index: before + index, tag: blocks[index].tagName, top: blocks[index].getBoundingClientRect().top, count };
  });
}

/** The viewport top of the body's `index`th block, counting blocks across a long article's chunks. */
export function blockTop(target, index) {
  return target.evaluate((i) => {
    for (const child of document.getElementById("reader").shadowRoot.querySelector(".body").children) {
      const size = child.classList.contains("chunk") ? child.childElementCount : 1;
      if (i < size) return (size === 1 && !child.classList.contains("chunk") ? child : child.children[i]).getBoundingClientRect().top;
      i -= size;
    }
    return NaN;
  }, index);
}

// ---- Colours and pictures --------------------------------------------------------------

/** Parses "rgb(r, g, b)" / "rgba(...)" / "color(srgb r g b)" into [r, g, b] in 0..255. */
export function parseColor(text) {
  let m = text.match(/rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/);
  if (m) return m.slice(1, 4).map(Number);
  m = text.match(/color\(srgb\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)/);
  if (m) return m.slice(1, 4).map((v) => Number(v) * 255);
  throw new Error(`cannot parse colour ${text}`);
}

/**
 * Decodes a PNG as Chromium's screenshots write it (8-bit RGB or RGBA, not interlaced) into
 * `{ width, height, rgba }`, so that tests can look at the picture without an image library.
 */
export function decodePng(png) {
  if (png.readUInt32BE(0) !== 0x89504e47) throw new Error("not a PNG");
  let header = null;
  const data = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString("latin1", at + 4, at + 8);
    const body = png.subarray(at + 8, at + 8 + length);
    if (type === "IHDR") {
      header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), depth: body[8], colorType: body[9], interlace: body[12] };
    } else if (type === "IDAT") {
      data.push(body);
    } else if (type === "IEND") {
      break;
    }
    at += 12 + length;
  }
  const { width, height, depth, colorType, interlace } = header ?? {};
  const channels = { 2: 3, 6: 4 }[colorType];
  if (depth !== 8 || !channels || interlace !== 0) throw new Error(`unsupported PNG: depth ${depth}, colour type ${colorType}, interlace ${interlace}`);
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const rows = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = rows.subarray(y * stride, (y + 1) * stride);
    const above = y ? rows.subarray((y - 1) * stride, y * stride) : Buffer.alloc(stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? out[i - channels] : 0;
      const b = above[i];
      const c = i >= channels ? above[i - channels] : 0;
      let predicted;
      if (filter === 0) predicted = 0;
      else if (filter === 1) predicted = a;
      else if (filter === 2) predicted = b;
      else if (filter === 3) predicted = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
        predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      } else throw new Error(`unknown PNG filter ${filter} in row ${y}`);
      out[i] = (line[i] + predicted) & 0xff;
    }
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    for (let k = 0; k < 3; k++) rgba[p * 4 + k] = rows[p * channels + k];
    rgba[p * 4 + 3] = channels === 4 ? rows[p * channels + 3] : 255;
  }
  return { width, height, rgba };
}

// ---- The XSS corpus and traps --------------------------------------------------------------

/** The XSS corpus (core/tests/xss/payloads.toml), one record per case. */
export async function xssCorpus() {
  const { parse } = await import("smol-toml");
  const { readFile } = await import("node:fs/promises");
  const corpus = parse(await readFile(path.join(REPO_ROOT, "core/tests/xss/payloads.toml"), "utf8")).case;
  return corpus.map((c, index) => ({
    index,
    file: `case-${String(index).padStart(3, "0")}`,
    name: c.name,
    markdown: c.markdown,
    text: c.text ?? [],
    absent: c.absent ?? [],
    error: c.error === true,
    page: c.in === "page",
  }));
}

/** Records dialogs (dismissed) and popups a page opens as problems. */
export function watchDialogs(page, problems) {
  page.on("dialog", (dialog) => {
    problems.push(`dialog: ${dialog.type()} ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  page.on("popup", (popup) => problems.push(`popup: ${popup.url()}`));
}

/** The release CLI, built once per run (cargo skips the work when the binary is current). */
export const CLI = path.join(REPO_ROOT, "target/release/reading-widget");
export async function buildCli() {
  await promisify(execFile)("cargo", ["build", "--release", "-q", "-p", "reading-widget-cli"], {
    cwd: REPO_ROOT,
    env: { ...process.env, PATH: `${process.env.HOME}/.cargo/bin:${process.env.PATH}` },
    maxBuffer: 16 << 20,
  });
}

/**
 * A partner-shaped page: a header and an intro, `widgets`, then "More from us" and a footer, so
 * that a shift below the widget counts. The head links embed.css and `script` (the one-line
 * embed by default), as the README's snippet does.
 */
export function partnerPage(widgets, { script = '<script type="module" src="/pkg/element.js"></script>' } = {}) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Partner page</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/pkg/embed.css">
${script}
</head>
<body>
<header><h1>Harbour Daily</h1><p>Ideas from our partners, every week: essays on reading, writing and the places between.</p></header>
<main id="main">
${widgets}
<section id="more"><h2>More from us</h2><p>Three more essays on reading, and a letter from the editor.</p></section>
</main>
<footer id="footer"><p>© 2026 Harbour Daily</p></footer>
</body>
</html>
`;
}
