// End-to-end tests of pre-rendered widgets (HTML-first, issue 9): pages and fragments written by
// the command-line tool (`reading-widget render`, cli/) and taken over in Chromium by the module
// (element.js, element-hydrate.js). Run from the repository root with
// `node --test tests/e2e/prerender.test.mjs` after `make build` (pkg/ with both builds).
//
// The `before` hook builds the release CLI once and renders every page these tests load into
// target/e2e-prerender/ (served as /target/e2e-prerender/, assets from /pkg): articles/sample.md,
// a Korean article the demo never uses (fixtures/prerender-ko.md: h2/h3, a footnote, a table),
// a title that tries to close the JSON-LD script (fixtures/prerender-script-title.md), and every
// case of core/tests/xss/payloads.toml.
//
// Like the other e2e files, every test opens its own browser context (so its own, empty
// localStorage) and fails on any uncaught page error, console error or failed request it did
// not expect. Comments marked "Regression (fixed)" describe bugs these tests found.

import { before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdir, readFile, rm, writeFile, readdir } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { parse as parseToml } from "smol-toml";
import { watchProblems } from "./chromium.mjs";
import { startServer } from "./server.mjs";
import {
  DEFAULT_STORAGE_KEY, FIXTURES, KEEP_PLACE_PX, NARROW, PX, REPO_ROOT, WIDE, assertHeadingAtTop, blockTop, nextFrames, readerGeometry,
  readingPlace, useBrowser, xssCorpus, watchDialogs as watchDialogsOf,
  CLI, buildCli,
} from "./support.mjs";


const OUT_DIR = path.join(REPO_ROOT, "target/e2e-prerender");
const OUT = "/target/e2e-prerender";
const SAMPLE_MD = path.join(REPO_ROOT, "articles/sample.md");
const KO_MD = path.join(REPO_ROOT, "tests/e2e/fixtures/prerender-ko.md");
const SCRIPT_TITLE_MD = path.join(REPO_ROOT, "tests/e2e/fixtures/prerender-script-title.md");
const SCRIPT_TITLE = "</script><script>window.pwned=1</script>";
// The policy of the README without 'wasm-unsafe-eval': the module loads, its wasm cannot compile.
const CSP_NO_WASM = "default-src 'self'; script-src 'self'; style-src 'self'";
// How many pre-rendered corpus cases share one page.
const XSS_BATCH = 33;
// A 1×1 transparent GIF, served for article images from other hosts.
const GIF = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");

const env = useBrowser({
  pkgFiles: ["element.js", "reading_widget.js", "reading_widget_bg.wasm", "element-hydrate.js", "reading_widget_hydrate.js", "reading_widget_hydrate_bg.wasm", "reading-widget.css"],
});

// ---- Rendering the fixtures with the CLI -----------------------------------------------

/** Runs the release CLI; resolves with { code, stdout, stderr } whatever the exit status. */
function cli(args, { input } = {}) {
  const result = spawnSync(CLI, args, { input, encoding: "utf8", cwd: REPO_ROOT, timeout: 60_000 });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `render` that must succeed: its standard output. */
function render(args, options) {
  const { code, stdout, stderr } = cli(["render", ...args], options);
  assert.equal(code, 0, `reading-widget render ${args.join(" ")} exited ${code}: ${stderr}`);
  return stdout;
}

/** A partner's page around a fragment: no style or script of its own. */
function hostPage(fragment, { lang = "en", title = "Partner page", before = "", after = "" } = {}) {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="data:,">
</head>
<body>
<main>
${before}${fragment}${after}
</main>
</body>
</html>
`;
}

const write = (name, html) => writeFile(path.join(OUT_DIR, name), html);


const fixtures = { corpus: [], corpusRun: null, xssPages: [], sampleFragment: "", headingRemoved: "", markupVersion: null };

before(async () => {
  // Built once per run; cargo skips the work when the binary is current.
  await buildCli();
  await rm(OUT_DIR, { recursive: true, force: true });
  await mkdir(OUT_DIR, { recursive: true });

  await write("sample-page.html", render([SAMPLE_MD, "--page"]));
  await write("sample-hydrate-page.html", render([SAMPLE_MD, "--page", "--hydrate-only"]));
  await write("ko-page.html", render([KO_MD, "--page"]));
  await write("script-title-page.html", render([SCRIPT_TITLE_MD, "--page"]));
  await write("script-title-fragment.html", hostPage(render([SCRIPT_TITLE_MD])));

  // Fragments on a partner's page.
  const sample = render([SAMPLE_MD]);
  fixtures.sampleFragment = sample;
  await write("sample-fragment.html", hostPage(sample));
  // The Korean article in Japanese UI, sepia, step 4, beside a mount() of the same (see the test).
  await write("ko-compare.html", hostPage(render([KO_MD, "--lang", "ja", "--theme", "sepia", "--font-step", "4"]), { lang: "ko", after: '<div id="mounted"></div>\n' }));

  // Markup the module must refuse: another markup version; a heading removed by hand.
  const version = / data-markup="([^"]+)"/.exec(sample);
  assert.ok(version, "the fragment carries its markup version (data-markup)");
  fixtures.markupVersion = version[1];
  await write("edited-version.html", hostPage(sample.replace(version[0], ' data-markup="999"')));
  const heading = /<h2 id="method">.*?<\/h2>/.exec(sample);
  assert.ok(heading, "the sample has an h2 with id method");
  fixtures.headingRemoved = "method";
  await write("edited-heading.html", hostPage(sample.replace(heading[0], "")));
  // Attributes a partner wrote on the pre-rendered element: a step to apply, a theme it cannot.
  await write("attributes.html", hostPage(sample.replace("<reading-widget>", '<reading-widget font-step="5" theme="dark">')));

  // The corpus: one Markdown file per case, rendered as an archive in one run.
  fixtures.corpus = await xssCorpus();
  const src = path.join(OUT_DIR, "xss-src");
  const dst = path.join(OUT_DIR, "xss-out");
  await mkdir(src);
  for (const c of fixtures.corpus) await writeFile(path.join(src, `${c.file}.md`), c.markdown);
  fixtures.corpusRun = cli(["render", src, "--out", dst]);
  // --out writes each article's page and its fragment; the fragments go into the partner's page.
  const FRAGMENT = ".fragment.html";
  const written = new Set((await readdir(dst).catch(() => [])).filter((f) => f.endsWith(FRAGMENT)).map((f) => f.slice(0, -FRAGMENT.length)));
  const good = fixtures.corpus.filter((c) => written.has(c.file));
  for (let i = 0; i < good.length; i += XSS_BATCH) {
    const batch = good.slice(i, i + XSS_BATCH);
    let body = "";
    for (const c of batch) body += `<section data-case="${c.index}">\n${await readFile(path.join(dst, `${c.file}${FRAGMENT}`), "utf8")}</section>\n`;
    const name = `xss-${i / XSS_BATCH}.html`;
    await write(name, hostPage(body, { title: "Corpus" }));
    fixtures.xssPages.push({ url: `${OUT}/${name}`, cases: batch });
  }
});

// ---- Opening pre-rendered pages --------------------------------------------------------

/**
 * In the page, before any of its scripts: layout shifts (window.__shifts, without those after
 * input), the `error` events the element fires (window.__errors; they do not bubble, so they are
 * caught on the way down), securitypolicyviolation events (window.__violations), and `storage`
 * (key → value) written to localStorage first.
 */
function instrument(storage) {
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      window.__shifts.push({
        value: entry.value,
        sources: (entry.sources ?? []).map((s) => `${s.node?.nodeName ?? "?"}.${s.node?.className ?? ""} ${JSON.stringify(s.previousRect)} → ${JSON.stringify(s.currentRect)}`),
      });
    }
  }).observe({ type: "layout-shift", buffered: true });
  window.__errors = [];
  window.addEventListener(
    "error",
    (event) => {
      if (event instanceof CustomEvent) window.__errors.push({ target: event.target?.localName, message: event.detail?.message });
    },
    true,
  );
  window.__violations = [];
  document.addEventListener("securitypolicyviolation", (e) => window.__violations.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample }));
  for (const [key, value] of Object.entries(storage ?? {})) localStorage.setItem(key, value);
}

/**
 * Opens `url` in a fresh context. `holdModule` holds the request for the embed module (a path
 * under /pkg/) until `release()` is called, so the test can look at the page as the parser left
 * it, before any of the widget's script runs; the navigation then resolves at commit, once the
 * widget's markup has been parsed. Returns { page, context, problems, requests, release, done }.
 */
async function openPrerendered(t, url, { viewport = WIDE, javaScriptEnabled = true, holdModule = null, storage = null, base = env.server.url, expected = () => false, watchDialogs = false, initScript = null, initArg, beforeGoto = null } = {}) {
  const context = await env.browser.newContext({ viewport, javaScriptEnabled, reducedMotion: "reduce", colorScheme: "light", deviceScaleFactor: 1 });
  t.after(() => context.close());
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems = watchProblems(page, expected);
  if (watchDialogs) watchDialogsOf(page, problems);
  const requests = [];
  page.on("request", (request) => requests.push(new URL(request.url()).pathname));
  if (javaScriptEnabled) await page.addInitScript(instrument, storage);
  if (initScript) await page.addInitScript(initScript, initArg);
  if (beforeGoto) await beforeGoto(page, context);
  let release = () => {};
  if (holdModule) {
    const gate = new Promise((resolve) => (release = resolve));
    await page.route(`**${holdModule}`, async (route) => {
      await gate;
      await route.continue();
    });
  }
  await page.goto(base + url, { waitUntil: holdModule ? "commit" : "load" });
  if (holdModule) {
    // The module script comes after the element: once it is in the DOM, the widget is parsed.
    await page.waitForFunction((src) => document.querySelector(`script[type=module][src$="${src}"]`) && document.querySelector("reading-widget")?.shadowRoot?.querySelector(".to-top"), holdModule.split("/").pop());
  }
  return {
    page,
    context,
    problems,
    requests,
    release,
    done() {
      assert.deepEqual(problems, [], `the page reported errors:\n  ${problems.join("\n  ")}`);
    },
  };
}

/** Waits until the page's (first) <reading-widget> has taken its markup over, then two frames. */
async function hydrated(page) {
  await page.waitForFunction(() => document.querySelector("reading-widget")?.widget);
  await nextFrames(page, 2);
}

/** Gives the page's first <reading-widget> the id the geometry helpers of support.mjs look for. */
const nameReader = (page) => page.evaluate(() => (document.querySelector("reading-widget").id = "reader"));

/** The sum of the layout shifts recorded so far, and their sources. */
const layoutShift = (page) =>
  page.evaluate(() => ({ total: window.__shifts.reduce((sum, s) => sum + s.value, 0), shifts: window.__shifts }));

/**
 * What a reader sees of the first widget's parts: for each selector, whether the first match has
 * a box (non-zero width and height) and is visibility: visible, with its box.
 */
function seen(page, selectors) {
  return page.evaluate((selectors) => {
    const root = document.querySelector("reading-widget").shadowRoot;
    const out = {};
    for (const selector of selectors) {
      const el = root.querySelector(selector);
      if (!el) {
        out[selector] = { exists: false, visible: false };
        continue;
      }
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      out[selector] = { exists: true, visible: box.width > 0 && box.height > 0 && style.visibility === "visible", width: box.width, height: box.height, visibility: style.visibility, display: style.display };
    }
    return out;
  }, selectors);
}

/** Asserts that each selector is seen (or not) as `expected` says. */
function assertSeen(what, expected, label) {
  for (const [selector, visible] of Object.entries(expected)) {
    assert.equal(what[selector].visible, visible, `${label}: ${selector} should ${visible ? "" : "not "}be visible (${JSON.stringify(what[selector])})`);
  }
}

/** The widget's buttons a reader can see: every one of them needs script. */
const visibleButtons = (page) =>
  page.evaluate(() =>
    [...document.querySelector("reading-widget").shadowRoot.querySelectorAll("button")]
      .filter((b) => {
        const box = b.getBoundingClientRect();
        return box.width > 0 && box.height > 0 && getComputedStyle(b).visibility === "visible";
      })
      .map((b) => `${b.className} (${b.getAttribute("aria-label") ?? b.textContent.trim()})`),
  );

// What a reader must see of an article: title, byline, body text, a heading, the sections list.
const READABLE = { ".title": true, ".byline": true, ".body p": true, ".body h2": true, ".toc": true, ".toc a": true };

// ---- Without JavaScript ---------------------------------------------------------------------

for (const [name, url] of [["sample", `${OUT}/sample-page.html`], ["Korean", `${OUT}/ko-page.html`]]) {
  for (const viewport of [WIDE, NARROW]) {
    const narrow = viewport === NARROW;
    test(`no JavaScript, ${name} article at ${viewport.width} px: title, byline, text and sections are shown${narrow ? " (behind a native disclosure)" : ""}; the bar's controls are not`, async (t) => {
      const { page, requests, done } = await openPrerendered(t, url, { viewport, javaScriptEnabled: false });
      if (narrow) {
        // The sections are a closed <details> above the article: its summary is shown, the list
        // comes when it is opened.
        // (checkVisibility, not a box: a closed details' content still answers for its box.)
        const closed = await page.evaluate(() => {
          const root = document.querySelector("reading-widget").shadowRoot;
          return { summary: root.querySelector(".toc-summary").checkVisibility(), toc: root.querySelector(".toc").checkVisibility() };
        });
        assert.deepEqual(closed, { summary: true, toc: false }, `${name} at ${viewport.width} px, closed`);
        await page.locator(".toc-summary").click();
      } else {
        assert.equal((await seen(page, [".toc-summary"]))[".toc-summary"].visible, false, "no summary beside the side navigation");
      }
      const what = await seen(page, [...Object.keys(READABLE), ".sizes", ".size-step", ".nav-toggle", ".bar", ".to-top"]);
      assertSeen(what, { ...READABLE, ".sizes": false, ".size-step": false, ".nav-toggle": false, ".to-top": false }, `${name} at ${viewport.width} px`);
      // (scripting: none): the bar is out of the flow, the sections list is in it.
      assert.equal(what[".bar"].display, "none", "the bar is not displayed");
      const state = await page.evaluate(() => {
        const root = document.querySelector("reading-widget").shadowRoot;
        const toc = root.querySelector(".toc");
        return {
          scriptingNone: matchMedia("(scripting: none)").matches,
          live: root.querySelector(".rw").hasAttribute("data-live"),
          tocPosition: getComputedStyle(toc).position,
          tocLinks: toc.querySelectorAll("a").length,
          headings: root.querySelectorAll(".body h2, .body h3").length,
          visibleTocLinks: [...toc.querySelectorAll("a")].filter((a) => a.getBoundingClientRect().height > 0).length,
          styled: getComputedStyle(root.querySelector(".rw")).display !== "inline",
        };
      });
      assert.equal(state.scriptingNone, true, "the page is rendered with (scripting: none)");
      assert.equal(state.live, false);
      assert.equal(state.tocPosition, "static", "the sections list is in the flow");
      assert.equal(state.tocLinks, state.headings, "one section link per h2/h3");
      assert.equal(state.visibleTocLinks, state.tocLinks, "every section link is shown");
      assert.ok(requests.includes("/pkg/reading-widget.css"), "the stylesheet was loaded");
      assert.deepEqual(await visibleButtons(page), [], "no control that needs script is shown");
      done();
    });
  }
}

// Issue 16, point 6: without script on a phone, the whole sections list once stood above the
// article, and its h1 was at y = 894, below the 823 px screen.
test("no JavaScript at 412 × 823: the article's title is on the first screen, and the sections are a keyboard's reach away", async (t) => {
  const { page, done } = await openPrerendered(t, `${OUT}/sample-page.html`, { viewport: { width: 412, height: 823 }, javaScriptEnabled: false });
  const title = await page.locator("h1.title").boundingBox();
  assert.ok(title && title.y >= 0 && title.y + title.height <= 823, `the h1 is inside the first screen (${JSON.stringify(title)})`);
  const firstParagraph = await page.locator(".body p").first().boundingBox();
  assert.ok(firstParagraph.y < 823, `the article's text starts on the first screen (y = ${firstParagraph.y})`);
  // The first stop of the keyboard is the disclosure's summary, named by its words.
  await page.keyboard.press("Tab");
  const focused = await page.evaluate(() => {
    const active = document.querySelector("reading-widget").shadowRoot.activeElement;
    return { tag: active?.localName, text: active?.textContent };
  });
  assert.deepEqual(focused, { tag: "summary", text: "Sections" });
  await page.keyboard.press("Enter");
  const sections = page.locator("nav.toc a");
  const count = await sections.count();
  assert.ok(count > 3, `${count} section links`);
  for (let i = 0; i < count; i++) assert.ok(await sections.nth(i).isVisible(), `section link ${i} is shown once the disclosure is open`);
  // The next stop is the first section's link.
  await page.keyboard.press("Tab");
  const next = await page.evaluate(() => document.querySelector("reading-widget").shadowRoot.activeElement?.getAttribute("href"));
  assert.equal(next, await sections.first().getAttribute("href"));
  done();
});

// ---- Under a policy that stops the wasm ------------------------------------------------------

/** Opens `url` from a server that sends CSP_NO_WASM, and waits for the wasm to be refused. */
async function openUnderCsp(t, url) {
  const strict = await startServer({ root: REPO_ROOT, headers: () => ({ "Content-Security-Policy": CSP_NO_WASM }) });
  t.after(() => strict.close());
  const opened = await openPrerendered(t, url, { base: strict.url });
  await opened.page.waitForFunction(() => window.__violations.some((v) => v.directive === "script-src" && v.blocked === "wasm-eval"));
  await nextFrames(opened.page, 3);
  return { ...opened, strict };
}

for (const [label, url] of [["full build", `${OUT}/sample-page.html`], ["hydrate-only build", `${OUT}/sample-hydrate-page.html`]]) {
  test(`CSP without 'wasm-unsafe-eval', ${label}: the article is readable and styled, no style is refused, an error event says why the module could not start`, async (t) => {
    const { page, done, strict } = await openUnderCsp(t, url);
    const served = strict.log.filter((e) => e.status === 200).map((e) => e.url);
    assert.ok(served.includes("/pkg/reading-widget.css"), `the stylesheet was served (log: ${served.join(", ")})`);
    const what = await seen(page, [...Object.keys(READABLE), ".bar", ".sizes"]);
    assertSeen(what, READABLE, label);
    // The module never took over: the controls keep their place, hidden.
    assert.equal(what[".sizes"].visibility, "hidden", "the text-size controls stay hidden");
    await page.waitForFunction(() => window.__errors.length > 0).catch(() => {});
    const state = await page.evaluate(() => ({
      bar: getComputedStyle(document.querySelector("reading-widget").shadowRoot.querySelector(".bar")).position,
      widget: document.querySelector("reading-widget").widget ?? null,
      violations: window.__violations,
      errors: window.__errors,
    }));
    assert.equal(state.bar, "sticky", "the linked stylesheet applies");
    assert.deepEqual(state.violations.filter((v) => v.directive.startsWith("style-src")), [], "no style was refused");
    assert.deepEqual(state.violations.map((v) => `${v.directive} ${v.blocked}`), ["script-src wasm-eval"], "the only violation is the wasm's compilation");
    assert.equal(state.widget, null);
    assert.equal(state.errors.length, 1, `one error event: ${JSON.stringify(state.errors)}`);
    assert.equal(state.errors[0].target, "reading-widget");
    assert.match(state.errors[0].message, /the module could not start: .*WebAssembly/, "it says the module could not start, and why");
    assert.deepEqual(await visibleButtons(page), [], "no control that would not work is shown");
    // Regression (fixed): element.js awaited init() without a catch: an uncaught CompileError.
    done();
  });
}

// ---- Hydration: the same nodes, nothing moves ------------------------------------------------

for (const [name, url] of [["sample", `${OUT}/sample-page.html`], ["Korean", `${OUT}/ko-page.html`]]) {
  for (const viewport of [WIDE, NARROW]) {
    test(`hydration, ${name} article at ${viewport.width} px: the same nodes, no layout shift, scroll position and focus kept`, async (t) => {
      const { page, release, requests, done } = await openPrerendered(t, url, { viewport, holdModule: "/pkg/element.js" });
      // Before the module runs: remember the nodes, focus a link in the article, scroll.
      const before = await page.evaluate(() => {
        const host = document.querySelector("reading-widget");
        const root = host.shadowRoot;
        const link = root.querySelector(".body a[href]");
        window.__refs = { host, root, rw: root.querySelector(".rw"), h1: root.querySelector("h1"), h2: root.querySelector(".body h2"), h3: root.querySelector(".body h3"), p: root.querySelector(".body p"), link, toc: root.querySelector(".toc") };
        link.focus({ preventScroll: true });
        window.scrollTo(0, 700);
        return { widget: host.widget ?? null, live: root.querySelector(".rw").hasAttribute("data-live"), scrollY: window.scrollY, focused: root.activeElement === link, href: link.getAttribute("href") };
      });
      assert.equal(before.widget, null, "nothing has run yet");
      assert.equal(before.live, false);
      assert.equal(before.focused, true, `focus is on ${before.href}`);
      assert.ok(before.scrollY > 0, "the page scrolled");
      assert.ok(!requests.some((r) => r.endsWith(".wasm")), "the wasm was not requested yet");
      assert.deepEqual(await visibleButtons(page), [], "before the module runs, no control is shown");

      release();
      await hydrated(page);
      const after = await page.evaluate(() => {
        const host = document.querySelector("reading-widget");
        const root = host.shadowRoot;
        const r = window.__refs;
        return {
          same: {
            root: host.shadowRoot === r.root,
            rw: root.querySelector(".rw") === r.rw,
            h1: root.querySelector("h1") === r.h1,
            h2: root.querySelector(".body h2") === r.h2,
            h3: root.querySelector(".body h3") === r.h3,
            p: root.querySelector(".body p") === r.p,
            link: root.querySelector(".body a[href]") === r.link,
            toc: root.querySelector(".toc") === r.toc,
          },
          connected: Object.values(r).every((n) => n.isConnected),
          live: r.rw.hasAttribute("data-live"),
          scrollY: window.scrollY,
          focused: root.activeElement === r.link && document.activeElement === host,
          sections: host.widget.sections(),
          nav: [...root.querySelectorAll(".toc a[data-section]")].map((a) => ({ id: a.dataset.section, title: a.textContent, level: a.closest(".toc ol ol") ? 3 : 2 })),
          headings: root.querySelectorAll(".body h2, .body h3").length,
          fontStep: host.widget.fontStep,
        };
      });
      assert.deepEqual(after.same, Object.fromEntries(Object.keys(after.same).map((k) => [k, true])), "the nodes the parser made are the widget's");
      assert.equal(after.connected, true);
      assert.equal(after.live, true, "the widget is live (data-live)");
      assert.equal(after.scrollY, before.scrollY, "the scroll position is kept");
      assert.equal(after.focused, true, "focus stays on the article's link");
      assert.deepEqual(after.sections, after.nav, "sections() is the navigation's outline");
      assert.equal(after.sections.length, after.headings, "one section per h2/h3");
      assert.equal(after.fontStep, 3);
      const cls = await layoutShift(page);
      assert.equal(cls.total, 0, `no layout shift through hydration: ${JSON.stringify(cls.shifts)}`);
      const what = await seen(page, [".sizes", ".size-step"]);
      assertSeen(what, { ".sizes": true, ".size-step": true }, "after hydration");
      done();
    });
  }
}

// ---- After hydration: the controls work ------------------------------------------------------

test("after hydration: text size, section links, back to top and sectionchange work", async (t) => {
  const { page, done } = await openPrerendered(t, `${OUT}/sample-page.html`);
  await hydrated(page);
  await nameReader(page);
  await page.evaluate(() => {
    window.__events = [];
    const host = document.querySelector("reading-widget");
    for (const type of ["fontstepchange", "sectionchange"]) host.addEventListener(type, (e) => window.__events.push({ type, detail: e.detail }));
  });
  const events = (type) => page.evaluate((type) => window.__events.filter((e) => e.type === type).map((e) => e.detail), type);
  const state = () =>
    page.evaluate(() => {
      const root = document.querySelector("reading-widget").shadowRoot;
      return {
        step: root.querySelector(".rw").dataset.step,
        pressed: [...root.querySelectorAll(".size-step")].filter((b) => b.getAttribute("aria-pressed") === "true").map((b) => b.dataset.step),
        font: parseFloat(getComputedStyle(root.querySelector(".body p")).fontSize),
      };
    });

  // Text size.
  const base = await state();
  assert.deepEqual([base.step, base.pressed], ["3", ["3"]]);
  await page.getByRole("button", { name: "Text size 5", exact: true }).click();
  let now = await state();
  assert.deepEqual([now.step, now.pressed], ["5", ["5"]], "step 5 is pressed");
  assert.equal(now.font, base.font * 1.25, "the text is 1.25 × as large");
  assert.equal(await page.getByRole("button", { name: "Increase text size", exact: true }).isDisabled(), true, "increase is disabled at 5");
  await page.getByRole("button", { name: "Decrease text size", exact: true }).click();
  now = await state();
  assert.deepEqual([now.step, now.pressed], ["4", ["4"]]);
  assert.deepEqual(await events("fontstepchange"), [{ step: 5 }, { step: 4 }], "fontstepchange fired on the element with detail.step");
  assert.equal(await page.evaluate((key) => localStorage.getItem(key), DEFAULT_STORAGE_KEY), "4", "the step is remembered");
  await page.getByRole("button", { name: "Text size 3", exact: true }).click();

  // A section link lands its heading just below the bar, and sectionchange names it.
  const id = "method";
  await page.locator(`nav.toc a[href="#${id}"]`).click();
  await page
    .waitForFunction((id) => {
      const root = document.getElementById("reader").shadowRoot;
      return Math.abs(root.getElementById(id).getBoundingClientRect().top - root.querySelector(".bar").getBoundingClientRect().bottom - 8) <= 3;
    }, id)
    .catch(() => {});
  const geometry = await readerGeometry(page, id);
  assertHeadingAtTop(geometry, `#${id}`);
  await page.waitForFunction((id) => window.__events.some((e) => e.type === "sectionchange" && e.detail.id === id), id).catch(() => {});
  assert.ok((await events("sectionchange")).some((d) => d.id === id), `sectionchange fired for ${id}: ${JSON.stringify(await events("sectionchange"))}`);
  assert.deepEqual((await readerGeometry(page)).current, [`#${id}`], "the link is the current one");

  // Back to top: hidden within the first screen, shown past it, back to the widget's top and its title.
  await page.evaluate(() => window.scrollTo(0, 0));
  await nextFrames(page, 3);
  const button = page.getByRole("button", { name: "Back to top", exact: true });
  assert.equal(await button.count(), 0, "not shown at the top");
  const widgetTop = await page.evaluate(() => document.getElementById("reader").getBoundingClientRect().top + scrollY);
  await page.evaluate((top) => window.scrollTo(0, top + innerHeight + 200), widgetTop);
  await button.waitFor({ state: "visible" });
  await button.click();
  await page.waitForFunction((top) => Math.abs(scrollY - top) <= 1, widgetTop).catch(() => {});
  assert.ok(Math.abs((await page.evaluate(() => scrollY)) - widgetTop) <= 1, "back at the widget's top");
  const focus = await page.evaluate(() => document.getElementById("reader").shadowRoot.activeElement?.localName);
  assert.equal(focus, "h1", "focus is on the title");
  await page.locator(".to-top").waitFor({ state: "hidden" });
  done();
});

test("a stored text size is applied after hydration, keeping the reader's place", async (t) => {
  const { page, release, done } = await openPrerendered(t, `${OUT}/sample-page.html`, { holdModule: "/pkg/element.js", storage: { [DEFAULT_STORAGE_KEY]: "5" } });
  await nameReader(page);
  await page.evaluate(() => window.scrollTo(0, 2400));
  await nextFrames(page, 2);
  const place = await readingPlace(page);
  assert.ok(place.index > 2, `reading somewhere in the middle (block ${place.index} of ${place.count})`);
  const fontBefore = await page.evaluate(() => parseFloat(getComputedStyle(document.getElementById("reader").shadowRoot.querySelector(".body p")).fontSize));
  release();
  await hydrated(page);
  await page.waitForFunction(() => document.getElementById("reader").shadowRoot.querySelector(".rw").dataset.step === "5");
  await nextFrames(page, 3);
  const after = await page.evaluate(() => {
    const host = document.getElementById("reader");
    const root = host.shadowRoot;
    return {
      fontStep: host.widget.fontStep,
      pressed: [...root.querySelectorAll(".size-step")].filter((b) => b.getAttribute("aria-pressed") === "true").map((b) => b.dataset.step),
      font: parseFloat(getComputedStyle(root.querySelector(".body p")).fontSize),
    };
  });
  assert.equal(after.fontStep, 5);
  assert.deepEqual(after.pressed, ["5"]);
  assert.equal(after.font, fontBefore * 1.25, "the text grew to step 5");
  const top = await blockTop(page, place.index);
  assert.ok(Math.abs(top - place.top) <= KEEP_PLACE_PX, `block ${place.index} (${place.tag}) stays at ${place.top.toFixed(1)} px (now ${top.toFixed(1)}, ±${KEEP_PLACE_PX})`);
  done();
});

test("an address with a section's #id lands that heading below the bar once the widget is live", async (t) => {
  const { page, done } = await openPrerendered(t, `${OUT}/sample-page.html#method`);
  await hydrated(page);
  await nameReader(page);
  await page
    .waitForFunction(() => {
      const root = document.getElementById("reader").shadowRoot;
      return Math.abs(root.getElementById("method").getBoundingClientRect().top - root.querySelector(".bar").getBoundingClientRect().bottom - 8) <= 3;
    })
    .catch(() => {});
  assertHeadingAtTop(await readerGeometry(page, "method"), "#method from the address");
  done();
});

test("a pre-rendered widget moved in the page is released and taken over again: the same nodes, one set of listeners", async (t) => {
  const { page, done } = await openPrerendered(t, `${OUT}/ko-page.html`);
  await hydrated(page);
  const result = await page.evaluate(async () => {
    const el = document.querySelector("reading-widget");
    const root = el.shadowRoot;
    const h1 = root.querySelector("h1");
    const steps = [];
    el.addEventListener("fontstepchange", (e) => steps.push(e.detail.step));
    const parent = el.parentNode;
    el.remove();
    const removed = { widget: el.widget, live: root.querySelector(".rw").hasAttribute("data-live"), children: root.childElementCount };
    document.body.append(el);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const again = { widget: !!el.widget, live: root.querySelector(".rw").hasAttribute("data-live"), sameTitle: root.querySelector("h1") === h1, moved: el.parentNode !== parent };
    root.querySelector('.size-step[data-step="5"]').click();
    return { removed, again, steps, step: root.querySelector(".rw").dataset.step };
  });
  assert.deepEqual(result.removed, { widget: null, live: false, children: 2 }, "removed: stopped, the markup kept");
  assert.deepEqual(result.again, { widget: true, live: true, sameTitle: true, moved: true }, "added again: taken over again");
  assert.equal(result.step, "5");
  assert.deepEqual(result.steps, [5], "one fontstepchange per change (no listeners left from the first take-over)");
  done();
});

// Regression (fixed): the element ignored the unparsed <template> and showed the article built
// into the module (the English sample) instead of the fragment's, with no error event.
test(
  "a fragment inserted with innerHTML (declarative shadow DOM not parsed) shows its own article, not the built-in one",
  async (t) => {
    const { page, done } = await openPrerendered(t, `${OUT}/ko-page.html`);
    await hydrated(page);
    const shown = await page.evaluate(async () => {
      const html = await (await fetch("/target/e2e-prerender/ko-page.html")).text();
      const fragment = html.match(/<reading-widget>[\s\S]*?<\/reading-widget>/)[0];
      const box = document.createElement("div");
      const errors = [];
      box.addEventListener("error", (e) => errors.push(e.detail?.message), true);
      box.innerHTML = fragment;
      document.body.append(box);
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const el = box.querySelector("reading-widget");
      const root = el.shadowRoot;
      return { title: root?.querySelector("h1")?.textContent ?? null, errors, live: !!el.widget && root.querySelector(".rw").hasAttribute("data-live"), template: !!el.querySelector("template") };
    });
    assert.deepEqual(shown, { title: "해안 도시의 여름: 폭염과 공공 도서관", errors: [], live: true, template: false }, "the fragment's own article, taken over");
    done();
  },
);

// ---- The pre-rendered markup is mount()'s ----------------------------------------------------

test("a pre-rendered widget's markup is the markup mount() makes for the same article and settings", async (t) => {
  const { page, done } = await openPrerendered(t, `${OUT}/ko-compare.html`);
  await hydrated(page);
  const result = await page.evaluate(async () => {
    const { default: init, mount } = await import("/pkg/reading_widget.js");
    await init();
    const markdown = await (await fetch("/tests/e2e/fixtures/prerender-ko.md")).text();
    const target = document.getElementById("mounted");
    const mounted = mount(target, { markdown, lang: "ja", theme: "sepia", fontStep: 4, storageKey: false });
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    // What the running widgets set as the reader moves (data-live, the current link) and, for
    // its first frames, the mounted one's navigation (data-partial) goes; the rest must be byte
    // for byte the same.
    const normalise = (rw) => {
      const copy = rw.cloneNode(true);
      copy.removeAttribute("data-live");
      copy.querySelector(".toc")?.removeAttribute("data-partial");
      for (const el of copy.querySelectorAll("[aria-current]")) el.removeAttribute("aria-current");
      return copy.outerHTML;
    };
    const pre = document.querySelector("reading-widget").shadowRoot;
    return {
      prerendered: normalise(pre.querySelector(".rw")),
      mounted: normalise(target.shadowRoot.querySelector(".rw")),
      bothLive: pre.querySelector(".rw").hasAttribute("data-live") && target.shadowRoot.querySelector(".rw").hasAttribute("data-live"),
      rootChildren: [...pre.children].map((e) => e.localName),
      step: mounted.fontStep,
    };
  });
  assert.equal(result.bothLive, true, "both widgets run");
  assert.deepEqual(result.rootChildren, ["link", "div"], "the pre-rendered root holds its stylesheet link and the widget");
  assert.equal(result.step, 4);
  if (result.prerendered !== result.mounted) {
    let i = 0;
    while (result.prerendered[i] === result.mounted[i]) i++;
    assert.fail(`the markups differ at character ${i}:\n  pre-rendered: …${result.prerendered.slice(Math.max(0, i - 80), i + 80)}…\n  mounted:      …${result.mounted.slice(Math.max(0, i - 80), i + 80)}…`);
  }
  assert.ok(result.prerendered.includes('data-theme="sepia"') && result.prerendered.includes('data-step="4"') && result.prerendered.includes('lang="ja"'));
  assert.ok(result.prerendered.includes("<table") && result.prerendered.includes("footnote-definition"), "the table and the footnote are in it");
  done();
});

// ---- Markup the module cannot take over ------------------------------------------------------

for (const [label, url, message] of [
  ["data-markup edited to 999", `${OUT}/edited-version.html`, () => new RegExp(`cannot take over the pre-rendered widget: its markup is version "999", this module takes over version "${fixtures.markupVersion}"`)],
  ["a heading removed by hand", `${OUT}/edited-heading.html`, () => /cannot take over the pre-rendered widget: its markup has no heading with id "method"/],
]) {
  test(`markup it cannot take over (${label}): the article stays readable, an error event says why`, async (t) => {
    const { page, done } = await openPrerendered(t, url);
    await page.waitForFunction(() => window.__errors.length > 0);
    await nextFrames(page, 2);
    const state = await page.evaluate(() => ({ errors: window.__errors, widget: document.querySelector("reading-widget").widget, defined: !!customElements.get("reading-widget") }));
    assert.equal(state.defined, true, "the module ran");
    assert.equal(state.widget, null, "no widget took over");
    assert.equal(state.errors.length, 1, `one error event: ${JSON.stringify(state.errors)}`);
    assert.equal(state.errors[0].target, "reading-widget", "fired on the element");
    assert.match(state.errors[0].message, message());
    const what = await seen(page, [...Object.keys(READABLE), ".sizes"]);
    assertSeen(what, READABLE, label);
    assert.equal(what[".sizes"].visibility, "hidden", "the controls, which would not work, stay hidden");
    assert.deepEqual(await visibleButtons(page), [], "no control that would not work is shown");
    assert.deepEqual((await layoutShift(page)).total, 0, "nothing moved");
    done();
  });
}

test("attributes on a pre-rendered element: font-step is applied, a theme it was not rendered with is reported", async (t) => {
  const { page, done } = await openPrerendered(t, `${OUT}/attributes.html`);
  await hydrated(page);
  const state = await page.evaluate(() => {
    const el = document.querySelector("reading-widget");
    const frame = el.shadowRoot.querySelector(".rw");
    return { step: el.widget.fontStep, dataStep: frame.dataset.step, theme: frame.dataset.theme, errors: window.__errors };
  });
  assert.equal(state.step, 5, "font-step applies");
  assert.equal(state.dataStep, "5");
  assert.equal(state.theme, "auto", "the theme stays the one the markup was rendered with");
  assert.equal(state.errors.length, 1, `one error event: ${JSON.stringify(state.errors)}`);
  assert.match(state.errors[0].message, /keeps the theme it was rendered with \(auto\), not dark/);
  done();
});

// ---- The hydrate-only build ------------------------------------------------------------------

test("hydrate-only: the page loads element-hydrate.js and its small wasm, hydrates, and the controls work", async (t) => {
  const html = await readFile(path.join(OUT_DIR, "sample-hydrate-page.html"), "utf8");
  assert.match(html, /<script type="module" src="\/pkg\/element-hydrate\.js"><\/script>/);
  assert.ok(!html.includes("/pkg/element.js"), "and not the full build's");
  const { page, requests, done } = await openPrerendered(t, `${OUT}/sample-hydrate-page.html`);
  await hydrated(page);
  // (Besides the JS snippets both builds share.)
  const pkg = requests.filter((r) => r.startsWith("/pkg/") && !r.startsWith("/pkg/snippets/")).sort();
  assert.deepEqual(pkg, ["/pkg/element-hydrate.js", "/pkg/reading-widget.css", "/pkg/reading_widget_hydrate.js", "/pkg/reading_widget_hydrate_bg.wasm"], "only the hydrate-only build is fetched");
  await page.getByRole("button", { name: "Text size 4", exact: true }).click();
  assert.equal(await page.evaluate(() => document.querySelector("reading-widget").shadowRoot.querySelector(".rw").dataset.step), "4");
  assert.equal(await page.evaluate(() => document.querySelector("reading-widget").widget.fontStep), 4);
  await nameReader(page);
  await page.locator('nav.toc a[href="#method"]').click();
  await page.waitForFunction(() => {
    const root = document.getElementById("reader").shadowRoot;
    return Math.abs(root.getElementById("method").getBoundingClientRect().top - root.querySelector(".bar").getBoundingClientRect().bottom - 8) <= 3;
  }).catch(() => {});
  assertHeadingAtTop(await readerGeometry(page, "method"), "#method (hydrate-only)");

  const refused = await page.evaluate(async () => {
    const { mount } = await import("/pkg/reading_widget_hydrate.js");
    const div = document.createElement("div");
    document.body.append(div);
    try {
      mount(div, { markdown: "# x" });
      return null;
    } catch (error) {
      return { isError: error instanceof Error, message: error.message, children: div.shadowRoot?.childElementCount ?? 0 };
    }
  });
  assert.ok(refused, "mount() throws in the hydrate-only build");
  assert.equal(refused.isError, true, "an Error");
  assert.match(refused.message, /hydrate-only build/);
  assert.match(refused.message, /load the full build \(reading_widget\.js, or element\.js\)/, "it names the full build");
  done();
});

// ---- The hostile corpus through the renderer -------------------------------------------------

/** Traps for anything a payload that ran would call (installed before the page's scripts). */
function installTraps() {
  const pwned = [];
  Object.defineProperty(window, "__pwned", { value: pwned, writable: false, configurable: false });
  const note = (what, detail) => pwned.push({ what, detail: String(detail).slice(0, 300) });
  for (const name of ["alert", "confirm", "prompt", "print"]) {
    Object.defineProperty(window, name, { value: (...args) => void note(name, args.map(String).join(", ")), writable: false, configurable: false });
  }
  Object.defineProperty(window, "open", { value: (...args) => (note("open", args.map(String).join(", ")), null), writable: false, configurable: false });
  for (const name of ["pwned", "xss"]) {
    Object.defineProperty(window, name, { get: () => void note(`read window.${name}`, ""), set: (v) => note(`set window.${name}`, v) });
  }
  document.addEventListener("securitypolicyviolation", (e) => note("securitypolicyviolation", `${e.violatedDirective} ${e.blockedURI}`), true);
  // Links clicked by the test go nowhere.
  window.addEventListener("click", (event) => {
    if (event.composedPath().some((n) => n instanceof Element && n.localName === "a")) event.preventDefault();
  });
}

test("XSS: every corpus case, pre-rendered by the CLI and hydrated, runs nothing and stays text", async (t) => {
  const { corpus, corpusRun, xssPages } = fixtures;
  assert.ok(corpus.length >= 60, `only ${corpus.length} cases in the corpus`);
  // The cases the renderer refuses (malformed front matter) are the corpus's `error` cases, each
  // named on stderr with its line; the others are written.
  const refused = corpus.filter((c) => c.error);
  assert.equal(corpusRun.code, refused.length ? 1 : 0, `exit status (stderr: ${corpusRun.stderr})`);
  for (const c of refused) assert.match(corpusRun.stderr, new RegExp(`${c.file}\\.md: front matter, line \\d+`), `[${c.name}] is named`);
  const rendered = xssPages.flatMap((p) => p.cases);
  assert.equal(rendered.length, corpus.length - refused.length, "every other case was written");

  const allow = parseToml(await readFile(path.join(REPO_ROOT, "core/tests/xss/allowlist.toml"), "utf8"));
  const config = {
    forbidden: allow.script_capable,
    elements: [...allow.body.elements, ...allow.chrome.elements, "div"],
    attributes: [...allow.body.attributes, ...allow.chrome.attributes, ...allow.run_time.attributes],
    urlAttributes: allow.url_attributes,
  };
  const failures = [];
  let inspected = 0;
  let poked = 0;
  for (const { url, cases } of xssPages) {
    const routed = [];
    const { page, problems } = await openPrerendered(t, url, {
      watchDialogs: true,
      initScript: installTraps,
      expected: (u) => routed.includes(u.split("#")[0]),
      beforeGoto: (page, context) =>
        context.route("**/*", (route) => {
          const request = route.request();
          const u = new URL(request.url());
          if (u.origin === env.server.url && (u.pathname === url || u.pathname.startsWith("/pkg/") || u.pathname === "/favicon.ico")) return route.continue();
          routed.push(request.url());
          if (request.isNavigationRequest()) return route.fulfill({ status: 204, body: "" });
          if (request.resourceType() === "image") return u.origin === env.server.url ? route.fulfill({ status: 404, body: "" }) : route.fulfill({ status: 200, contentType: "image/gif", body: GIF });
          return route.abort();
        }),
    });
    await page.waitForFunction((n) => {
      const els = document.querySelectorAll("reading-widget");
      return els.length === n && [...els].every((el) => el.widget);
    }, cases.length);
    const results = await page.evaluate(
      async ({ cases, config }) => {
        const forbidden = new Set(config.forbidden);
        const elements = new Set(config.elements);
        const attributes = new Set(config.attributes);
        const urlAttributes = new Set(config.urlAttributes);
        const normalise = (u) => u.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "").replace(/[\t\n\r]/g, "").toLowerCase();
        const out = [];
        let poked = 0;
        for (const c of cases) {
          const problems = [];
          const host = document.querySelector(`section[data-case="${c.index}"] > reading-widget`);
          const root = host.shadowRoot;
          const kids = [...root.children];
          if (kids.length !== 2 || kids[0].localName !== "link" || kids[0].getAttribute("href") !== "/pkg/reading-widget.css" || !kids[1].classList.contains("rw")) {
            problems.push(`the shadow root holds ${kids.map((k) => k.localName).join(", ")}, not the stylesheet link and .rw`);
          }
          const inspect = (when) => {
            for (const el of root.querySelectorAll(".rw, .rw *")) {
              const name = el.localName;
              if (forbidden.has(name)) problems.push(`${when}: script-capable <${name}>`);
              else if (!elements.has(name)) problems.push(`${when}: unexpected element <${name}>`);
              if (el.shadowRoot) problems.push(`${when}: <${name}> has a shadow root`);
              for (const attr of el.attributes) {
                const a = attr.name.toLowerCase();
                const where = `${attr.name}=${JSON.stringify(attr.value.slice(0, 80))} on <${name}>`;
                if (a.startsWith("on")) problems.push(`${when}: event handler ${where}`);
                else if (!attributes.has(a)) problems.push(`${when}: unexpected attribute ${where}`);
                if ((urlAttributes.has(a) || a.endsWith("href")) && /^(javascript|vbscript|data|livescript|mocha):/.test(normalise(attr.value))) problems.push(`${when}: script URL ${where}`);
              }
              if (name === "a" && el.hasAttribute("href") && !["http:", "https:", "mailto:"].includes(el.protocol)) problems.push(`${when}: link resolves to ${el.protocol}`);
            }
          };
          inspect("hydrated");
          const html = c.page ? root.querySelector(".rw").innerHTML : (root.querySelector(".body")?.innerHTML ?? "");
          for (const bad of c.absent) if (bad.startsWith("<") && html.toLowerCase().includes(bad.toLowerCase())) problems.push(`markup contains ${JSON.stringify(bad)}`);
          const text = root.querySelector("article")?.textContent ?? "";
          for (const want of c.text) if (!text.includes(want)) problems.push(`the reader does not see ${JSON.stringify(want)}`);
          // Hover, focus and click everything in the article and the navigation.
          for (const el of root.querySelectorAll("article *, nav a")) {
            for (const type of ["pointerover", "mouseover", "mouseenter", "mousemove", "pointerdown", "mousedown", "pointerup", "mouseup"]) {
              el.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true, cancelable: true, view: window }));
            }
            el.focus?.();
            el.click?.();
            el.blur?.();
            poked++;
          }
          inspect("after interaction");
          out.push({ index: c.index, name: c.name, problems });
        }
        await new Promise((r) => setTimeout(r, 100));
        // The light DOM holds only what the fragments put there: the widgets, their module
        // scripts and JSON-LD blocks, which parse.
        const light = [];
        for (const el of document.querySelectorAll("main *")) {
          if (el.localName === "section" && el.dataset.case) continue;
          if (el.localName === "reading-widget") continue;
          if (el.localName === "script" && el.type === "module" && el.getAttribute("src") === "/pkg/element.js" && !el.textContent) continue;
          if (el.localName === "script" && el.type === "application/ld+json") {
            try {
              JSON.parse(el.textContent);
              continue;
            } catch (error) {
              light.push(`JSON-LD does not parse: ${error.message}: ${el.textContent.slice(0, 120)}`);
              continue;
            }
          }
          light.push(`<${el.localName}> in the page: ${el.outerHTML.slice(0, 120)}`);
        }
        return { cases: out, poked, light, pwned: window.__pwned, widgets: document.querySelectorAll("reading-widget").length, jsonLd: document.querySelectorAll('script[type="application/ld+json"]').length };
      },
      { cases, config },
    );
    inspected += results.widgets;
    poked += results.poked;
    for (const r of results.cases) if (r.problems.length) failures.push(`[${r.name}]\n    ${r.problems.join("\n    ")}`);
    if (results.light.length) failures.push(`${url}: ${results.light.join("; ")}`);
    if (results.pwned.length) failures.push(`${url}: traps fired: ${JSON.stringify(results.pwned)}`);
    if (results.jsonLd !== cases.length) failures.push(`${url}: ${results.jsonLd} JSON-LD blocks for ${cases.length} cases`);
    if (problems.length) failures.push(`${url}: ${problems.join("; ")}`);
    assert.equal(new URL(page.url()).pathname, url, "the page never navigated away");
    await page.context().close();
  }
  t.diagnostic(`${corpus.length} cases (${refused.length} refused by the CLI), ${inspected} hydrated in ${xssPages.length} pages, ${poked} elements poked`);
  assert.equal(inspected, rendered.length);
  assert.deepEqual(failures, [], `${failures.length} problem(s):\n${failures.join("\n")}`);
});

for (const [label, file] of [["page", "script-title-page.html"], ["fragment", "script-title-fragment.html"]]) {
  test(`a title that closes the script element stays data (${label}): the JSON-LD parses with that headline, nothing runs`, async (t) => {
    const html = await readFile(path.join(OUT_DIR, file), "utf8");
    assert.ok(!html.includes(SCRIPT_TITLE), "the title is never written as it is");
    const { page, done } = await openPrerendered(t, `${OUT}/${file}`, { watchDialogs: true });
    await hydrated(page);
    const state = await page.evaluate(() => {
      const data = [...document.querySelectorAll('script[type="application/ld+json"]')];
      return {
        pwned: typeof window.pwned,
        scripts: [...document.querySelectorAll("script")].map((s) => s.type || "classic"),
        jsonLd: data.map((s) => {
          try {
            return JSON.parse(s.textContent);
          } catch (error) {
            return { unparsable: error.message, text: s.textContent };
          }
        }),
        title: document.title,
        h1: document.querySelector("reading-widget").shadowRoot.querySelector("h1").textContent,
        author: document.querySelector("reading-widget").shadowRoot.querySelector(".author").textContent,
      };
    });
    assert.equal(state.pwned, "undefined", "window.pwned was never set");
    assert.deepEqual(state.scripts.sort(), ["application/ld+json", "module"], "no script element was added");
    assert.equal(state.jsonLd.length, 1);
    assert.equal(state.jsonLd[0].headline, SCRIPT_TITLE, "the JSON-LD's headline is the title");
    assert.equal(state.jsonLd[0].author?.name, "<!-- A -->");
    assert.equal(state.h1, SCRIPT_TITLE, "the title is shown as text");
    assert.equal(state.author, "<!-- A -->");
    if (label === "page") assert.equal(state.title, SCRIPT_TITLE, "<title> is the title, as text");
    done();
  });
}

// ---- The command-line tool -------------------------------------------------------------------

test("CLI: exit status and messages", async (t) => {
  const scratch = path.join(OUT_DIR, "cli");
  await mkdir(scratch, { recursive: true });

  // A missing file: 1, naming it.
  let r = cli(["render", "no-such-article.md"]);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /no-such-article\.md/);
  assert.equal(r.stdout, "");

  // A bad option value: 2 (the command line), naming the allowed values.
  r = cli(["render", SAMPLE_MD, "--theme", "blue"]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--theme: must be one of "auto", "light", "dark", "sepia", not "blue"/);
  assert.equal(r.stdout, "");
  r = cli(["render", SAMPLE_MD, "--font-step", "9"]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--font-step: .*1.*5/);

  // Malformed front matter: 1, naming the file and the line.
  const bad = path.join(scratch, "bad-front-matter.md");
  await writeFile(bad, '+++\ntitle = "Fine"\nauthor "no equals sign"\n+++\n\nBody.\n');
  r = cli(["render", bad]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /bad-front-matter\.md: front matter, line 3\b/);
  assert.equal(r.stdout, "");

  // `-` reads standard input.
  r = cli(["render", "-", "--theme", "dark"], { input: "+++\ntitle = \"From stdin\"\n+++\n\nPiped in.\n" });
  assert.equal(r.code, 0, r.stderr);
  assert.ok(r.stdout.startsWith('<reading-widget><template shadowrootmode="open">'), r.stdout.slice(0, 100));
  assert.match(r.stdout, /<h1 class="title" tabindex="-1">From stdin<\/h1>/);
  assert.match(r.stdout, /data-theme="dark"/);
  assert.match(r.stdout, /<p>Piped in\.<\/p>/);

  // An archive with one bad file among good ones: the good ones are written, 1, the bad one named.
  const archive = path.join(scratch, "archive");
  const out = path.join(scratch, "archive-out");
  await mkdir(archive, { recursive: true });
  await writeFile(path.join(archive, "one.md"), await readFile(SAMPLE_MD, "utf8"));
  await writeFile(path.join(archive, "two.md"), await readFile(KO_MD, "utf8"));
  await writeFile(path.join(archive, "three.md"), "# Third\n\nShort.\n");
  await writeFile(path.join(archive, "broken.md"), "+++\ntitle = \"Broken\"\ndate = 2026-13-45\n+++\nBody.\n");
  r = cli(["render", archive, "--out", out, "--page"]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /broken\.md: front matter, line \d+/);
  assert.doesNotMatch(r.stderr, /(one|two|three)\.md/, "only the bad one is named");
  const files = (await readdir(out)).sort();
  assert.deepEqual(files, ["one.fragment.html", "one.html", "three.fragment.html", "three.html", "two.fragment.html", "two.html"]);
  for (const f of files) {
    const html = await readFile(path.join(out, f), "utf8");
    if (f.endsWith(".fragment.html")) {
      assert.ok(html.startsWith("<reading-widget><template shadowrootmode=\"open\">"), `${f} is a fragment`);
      assert.equal(html, render([path.join(archive, f.replace(".fragment.html", ".md"))]), `${f} is what render prints for its article`);
    } else {
      assert.ok(html.startsWith("<!doctype html>") && html.includes("<reading-widget><template shadowrootmode=\"open\">"), `${f} is a whole page`);
    }
  }
  assert.ok(!existsSync(path.join(out, "broken.html")) && !existsSync(path.join(out, "broken.fragment.html")), "nothing is written for the bad one");
});
