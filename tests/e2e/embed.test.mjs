// End-to-end tests of the widget as partners embed it: the one-line <reading-widget> element,
// style isolation from a hostile host page, a strict Content-Security-Policy, several widgets
// on one page, mounting and destroying many times (listeners, heap, wasm memory), a scrolling
// ancestor, and a bundled app. Run from the repository root with `node --test tests/e2e/`
// (after `wasm-pack build --release --target web && node scripts/finish-pkg.mjs`).
//
// Like reader.test.mjs: every test opens its own browser context (its own, empty localStorage)
// and fails on any uncaught page error, console error or failed request, except the host
// page's missing /favicon.ico and the responses a test expects to fail.
//
// Fixture pages live in tests/e2e/fixtures/; fixtures/harness.js initialises the module,
// registers <reading-widget> and exposes the API as window.rw.

import { test } from "node:test";
import assert from "node:assert/strict";
import { access, mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { pathOf } from "./chromium.mjs";
import { startServer, REPO_ROOT } from "./server.mjs";
import { DEFAULT_STORAGE_KEY, FIXTURES, PKG, WIDE, assertHeadingAtTop, nextFrames, parseColor, useBrowser, waitForCurrentLink } from "./support.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BLANK = `${FIXTURES}/blank.html`;
const CYCLES = 200;
const HEAP_BOUND = 2 * 1024 * 1024; // bytes of JS heap growth allowed between two batches

// A short article with two h2s and an h3, indented as it would be inside HTML.
const INLINE_MD = `
      +++
      title = "Inline article"
      author = "Embed Tests"
      +++

      The first paragraph, with [a link](https://example.com/).

      ## Alpha section

      Text of the alpha section.

      ### Alpha detail

      1. one
      2. two

      ## Beta section

      Text of the beta section.
`;

const env = useBrowser({ pkgFiles: ["reading_widget_bg.wasm", "element.js"] });
const { open } = env;

// ---- Helpers ----------------------------------------------------------------------------

/** Adds a <reading-widget> with `attributes` (and inline Markdown) to #main or `parent`. */
function addElement(page, { id, attributes = {}, markdown = null, parent = "#main" }) {
  return page.evaluate(
    ({ id, attributes, markdown, parent }) => {
      const el = document.createElement("reading-widget");
      el.id = id;
      for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
      if (markdown !== null) {
        const script = document.createElement("script");
        script.type = "text/markdown";
        script.textContent = markdown;
        el.append(script);
      }
      window.__events ??= [];
      for (const type of ["fontstepchange", "sectionchange", "error"]) {
        el.addEventListener(type, (e) => window.__events.push({ host: id, type, detail: e.detail, target: e.target.id }));
      }
      document.querySelector(parent).append(el);
    },
    { id, attributes, markdown, parent },
  );
}

/** Waits until the element `#id` shows a rendered widget (its article body). */
function waitForWidget(page, id) {
  return page.waitForFunction((id) => document.getElementById(id)?.shadowRoot?.querySelector(".rw .body"), id);
}

/** Waits until `#id` shows a widget, or has reported more than `errors` error events. */
function waitForWidgetOrError(page, id, errors) {
  return page.waitForFunction(
    ({ id, errors }) =>
      document.getElementById(id)?.shadowRoot?.querySelector(".rw .body") ||
      (window.__events ?? []).filter((e) => e.host === id && e.type === "error").length > errors,
    { id, errors },
  );
}

/** A summary of what `#id`'s shadow root shows. */
function shadowSummary(page, id) {
  return page.evaluate((id) => {
    const host = document.getElementById(id);
    const root = host?.shadowRoot;
    if (!root) return null;
    const rw = root.querySelector(".rw");
    const q = (s) => root.querySelector(s);
    return {
      children: root.childElementCount,
      sheets: root.adoptedStyleSheets.length,
      step: rw?.dataset.step ?? null,
      theme: rw?.dataset.theme ?? null,
      lang: rw?.getAttribute("lang") ?? null,
      title: q("h1.title")?.textContent ?? null,
      navLabel: q("nav.toc")?.getAttribute("aria-label") ?? null,
      toolbarLabel: q("[role=toolbar]")?.getAttribute("aria-label") ?? null,
      pressed: [...root.querySelectorAll("[role=toolbar] button[aria-pressed=true]")].map((b) => b.getAttribute("aria-label")),
      links: [...root.querySelectorAll("nav.toc a")].map((a) => a.getAttribute("href")),
      current: [...root.querySelectorAll("nav.toc a[aria-current]")].map((a) => a.getAttribute("href")),
      alert: q("[role=alert]")?.textContent ?? null,
      hasWidget: Boolean(host.widget),
    };
  }, id);
}

const events = (page, filter = {}) =>
  page.evaluate(
    (filter) => (window.__events ?? []).filter((e) => Object.entries(filter).every(([k, v]) => e[k] === v)),
    filter,
  );

/** Every computed property (longhands and custom properties) of the elements `selectors` names. */
function computedStyles(page, hostId, selectors) {
  return page.evaluate(
    ({ hostId, selectors }) => {
      const root = hostId ? document.getElementById(hostId).shadowRoot : document;
      const out = {};
      for (const [name, selector] of Object.entries(selectors)) {
        const elements = [...root.querySelectorAll(selector)];
        if (!elements.length) throw new Error(`no element matches ${selector}`);
        elements.forEach((element, i) => {
          const style = getComputedStyle(element);
          const props = {};
          for (let k = 0; k < style.length; k++) props[style[k]] = style.getPropertyValue(style[k]);
          const box = element.getBoundingClientRect();
          props["(box size)"] = `${box.width.toFixed(2)}×${box.height.toFixed(2)}`;
          out[elements.length > 1 ? `${name}[${i}]` : name] = props;
        });
      }
      return out;
    },
    { hostId, selectors },
  );
}

/** The differences between two computedStyles() results, as readable lines. */
function styleDiff(a, b) {
  const lines = [];
  for (const name of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (!a[name] || !b[name]) {
      lines.push(`${name}: present in only one`);
      continue;
    }
    for (const prop of new Set([...Object.keys(a[name]), ...Object.keys(b[name])])) {
      if (a[name][prop] !== b[name][prop]) lines.push(`${name} ${prop}: ${JSON.stringify(a[name][prop])} → ${JSON.stringify(b[name][prop])}`);
    }
  }
  return lines;
}

/** Listener counts on window and document, read with the DevTools protocol. */
async function listenerCounts(cdp) {
  const out = {};
  for (const name of ["window", "document"]) {
    const { result } = await cdp.send("Runtime.evaluate", { expression: name });
    const { listeners } = await cdp.send("DOMDebugger.getEventListeners", { objectId: result.objectId });
    out[name] = listeners.length;
    out[`${name} types`] = listeners.map((l) => l.type).sort().join(",");
    await cdp.send("Runtime.releaseObject", { objectId: result.objectId });
  }
  return out;
}

/** Listeners on the element `expression` evaluates to (e.g. a shadow root). */
async function listenersOn(cdp, expression) {
  const { result } = await cdp.send("Runtime.evaluate", { expression });
  const { listeners } = await cdp.send("DOMDebugger.getEventListeners", { objectId: result.objectId });
  await cdp.send("Runtime.releaseObject", { objectId: result.objectId });
  return listeners.map((l) => l.type).sort();
}

/**
 * Collects garbage (three times, with the finalizers' turns in between), then reads the JS
 * heap, Blink's DOM counters (nodes and JS event listeners anywhere in the page), the wasm
 * linear memory and wasm-bindgen's table of JS values held by Rust.
 */
async function memoryAfterGc(cdp, page) {
  for (let i = 0; i < 3; i++) {
    await cdp.send("HeapProfiler.collectGarbage");
    await page.evaluate(() => new Promise((r) => setTimeout(r, 50)));
  }
  const { usedSize } = await cdp.send("Runtime.getHeapUsage");
  const { nodes, jsEventListeners } = await cdp.send("Memory.getDOMCounters");
  const wasm = await page.evaluate(() => ({ memory: rw.memory.buffer.byteLength, externrefs: rw.exports.__wbindgen_externrefs?.length ?? null }));
  return { heap: usedSize, nodes, jsEventListeners, ...wasm };
}

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

/**
 * Runs `n` mount/destroy cycles in batches of 20 with a garbage collection after each. A handle
 * the partner drops gives its externref slots back only when it is collected and finalized, so
 * without these collections the table's peak would depend on when V8 happens to collect, and a
 * batch could grow the table without any leak. A leak still grows it: nothing collects those.
 */
async function cyclesWithGc(cdp, page, n) {
  for (let done = 0; done < n; done += 20) {
    await page.evaluate((k) => window.cycle(k), Math.min(20, n - done));
    await cdp.send("HeapProfiler.collectGarbage");
    await page.evaluate(() => new Promise((r) => setTimeout(r, 20)));
  }
}

// ---- The custom element -----------------------------------------------------------------

test("element: inline Markdown renders into the shadow root; element.widget is the handle", async (t) => {
  const { page, done } = await open(t, BLANK);
  await addElement(page, { id: "w", markdown: INLINE_MD });
  await waitForWidget(page, "w");
  const summary = await shadowSummary(page, "w");
  assert.equal(summary.title, "Inline article");
  assert.deepEqual(summary.links, ["#alpha-section", "#alpha-detail", "#beta-section"]);
  assert.equal(summary.navLabel, "Sections");
  assert.equal(summary.step, "3");
  assert.deepEqual(summary.pressed, ["Text size 3"]);
  assert.equal(summary.sheets, 1, "one adopted stylesheet");
  const details = await page.evaluate(() => {
    const el = document.getElementById("w");
    const root = el.shadowRoot;
    return {
      mode: root.mode,
      // The indentation was removed, so the article is not one big code block.
      pre: root.querySelectorAll(".body pre").length,
      firstParagraph: root.querySelector(".body > p")?.textContent,
      fontStep: el.widget.fontStep,
      sections: el.widget.sections(),
      // The inline <script type="text/markdown"> stays in the light DOM, unrendered.
      scriptRendered: el.querySelector("script").checkVisibility(),
    };
  });
  assert.equal(details.mode, "open");
  assert.equal(details.pre, 0, "the inline article's indentation is not read as a code block");
  assert.equal(details.firstParagraph, "The first paragraph, with a link.");
  assert.equal(details.fontStep, 3);
  assert.deepEqual(details.sections, [
    { id: "alpha-section", title: "Alpha section", level: 2 },
    { id: "alpha-detail", title: "Alpha detail", level: 3 },
    { id: "beta-section", title: "Beta section", level: 2 },
  ]);
  assert.equal(details.scriptRendered, false, "the inline Markdown source is not shown");

  // A second element shares the first one's stylesheet object.
  await addElement(page, { id: "w2", markdown: INLINE_MD });
  await waitForWidget(page, "w2");
  assert.ok(
    await page.evaluate(() => document.getElementById("w").shadowRoot.adoptedStyleSheets[0] === document.getElementById("w2").shadowRoot.adoptedStyleSheets[0]),
    "one constructed stylesheet shared by every instance",
  );
  done();
});

test("element: src fetches the article; a 404 shows a readable alert and fires an error event", async (t) => {
  const { page, done } = await open(t, BLANK, { expected: (url) => pathOf(url) === `${FIXTURES}/missing.md` });

  await addElement(page, { id: "ok", attributes: { src: "article.md" } });
  await waitForWidget(page, "ok");
  const ok = await shadowSummary(page, "ok");
  assert.equal(ok.title, "Fetched from a fixture");
  assert.deepEqual(ok.links, ["#first-fetched-section", "#second-fetched-section"]);

  await addElement(page, { id: "bad", attributes: { src: "missing.md" } });
  await page.waitForFunction(() => document.getElementById("bad")?.shadowRoot?.querySelector("[role=alert]"));
  const bad = await shadowSummary(page, "bad");
  assert.match(bad.alert, /missing\.md/, "the message names the src");
  assert.match(bad.alert, /404/, "and the server's answer");
  assert.equal(bad.hasWidget, false, "no widget handle");
  assert.equal(bad.links.length, 0);
  const errorEvents = await events(page, { host: "bad", type: "error" });
  assert.equal(errorEvents.length, 1, "one error event");
  assert.equal(errorEvents[0].detail.message, bad.alert, "the event carries the same message");
  // The message is readable: it has the widget's colours, not an invisible box.
  const alertStyle = await page.evaluate(() => {
    const p = document.getElementById("bad").shadowRoot.querySelector("[role=alert]");
    const box = p.getBoundingClientRect();
    return { height: box.height, visibility: getComputedStyle(p).visibility, color: getComputedStyle(p).color };
  });
  assert.ok(alertStyle.height > 10 && alertStyle.visibility === "visible", "the error message is visible");
  assert.equal((await events(page, { host: "ok", type: "error" })).length, 0, "the good element fired no error");

  // Removed while its article is still loading: the late response is ignored.
  const fetches = () => page.evaluate(() => performance.getEntriesByName(new URL("article.md", location.href).href).length);
  const fetched = await fetches();
  await page.evaluate(() => {
    const el = document.createElement("reading-widget");
    el.id = "late";
    el.setAttribute("src", "article.md");
    document.getElementById("main").append(el);
    el.remove();
    window.__late = el;
  });
  await page.waitForFunction((n) => performance.getEntriesByName(new URL("article.md", location.href).href).length > n, fetched);
  await nextFrames(page, 3);
  assert.equal(await page.evaluate(() => window.__late.shadowRoot?.childElementCount ?? 0), 0, "nothing rendered into a removed element");
  done();
});

test("element: lang, theme, font-step and scroll-offset attributes update the live widget", async (t) => {
  const { page, done } = await open(t, BLANK);
  await addElement(page, { id: "w", markdown: INLINE_MD });
  await waitForWidget(page, "w");
  const initial = await shadowSummary(page, "w");
  assert.equal(initial.lang, "en");
  assert.equal(initial.theme, "auto");

  // lang: the UI's words change.
  await page.evaluate(() => document.getElementById("w").setAttribute("lang", "ko"));
  await page.waitForFunction(() => document.getElementById("w").shadowRoot.querySelector(".rw")?.getAttribute("lang") === "ko");
  let s = await shadowSummary(page, "w");
  assert.equal(s.navLabel, "목차");
  assert.equal(s.toolbarLabel, "글자 크기");
  assert.equal(s.title, "Inline article", "same article");
  await page.evaluate(() => document.getElementById("w").setAttribute("lang", "ja"));
  await page.waitForFunction(() => document.getElementById("w").shadowRoot.querySelector("nav.toc")?.getAttribute("aria-label") === "目次");

  // theme: the colours change.
  const background = () => page.evaluate(() => getComputedStyle(document.getElementById("w").shadowRoot.querySelector(".rw")).backgroundColor);
  const lightBg = await background();
  await page.evaluate(() => document.getElementById("w").setAttribute("theme", "dark"));
  await page.waitForFunction(() => document.getElementById("w").shadowRoot.querySelector(".rw")?.dataset.theme === "dark");
  const darkBg = await background();
  assert.notEqual(darkBg, lightBg);
  assert.ok(parseColor(darkBg).every((c) => c < 60), `dark background ${darkBg}`);
  await page.evaluate(() => document.getElementById("w").setAttribute("theme", "sepia"));
  await page.waitForFunction(() => document.getElementById("w").shadowRoot.querySelector(".rw")?.dataset.theme === "sepia");
  assert.equal(await background(), "rgb(244, 236, 216)");

  // font-step: the same widget changes size (no remount) and says so.
  await page.evaluate(() => {
    window.__handle = document.getElementById("w").widget;
  });
  await page.evaluate(() => document.getElementById("w").setAttribute("font-step", "5"));
  s = await shadowSummary(page, "w");
  assert.equal(s.step, "5");
  assert.deepEqual(s.pressed, ["文字サイズ 5"], "only step 5 is pressed (in Japanese)");
  assert.equal(await page.evaluate(() => document.getElementById("w").widget.fontStep), 5);
  assert.ok(await page.evaluate(() => window.__handle === document.getElementById("w").widget), "font-step does not remount");
  assert.deepEqual((await events(page, { type: "fontstepchange" })).map((e) => e.detail.step), [5]);
  await page.evaluate(() => document.getElementById("w").setAttribute("font-step", "1"));
  assert.equal((await shadowSummary(page, "w")).step, "1");

  // scroll-offset: the sticky bar keeps clear of a fixed header that tall.
  await page.evaluate(() => document.getElementById("w").setAttribute("scroll-offset", "40"));
  await page.waitForFunction(() => getComputedStyle(document.getElementById("w").shadowRoot.querySelector(".bar")).top === "40px");
  s = await shadowSummary(page, "w");
  assert.equal(s.step, "1", "a remount keeps the text size");
  assert.equal(s.theme, "sepia", "and the theme");
  assert.equal(s.lang, "ja", "and the language");
  done();
});

test("element: removing it empties the shadow root; re-adding mounts again; defineElement() twice is fine", async (t) => {
  const { page, done } = await open(t, BLANK);
  await addElement(page, { id: "w", markdown: INLINE_MD });
  await waitForWidget(page, "w");
  await page.getByRole("button", { name: "Text size 4", exact: true }).click();
  assert.equal((await shadowSummary(page, "w")).step, "4");

  await page.evaluate(() => {
    window.__el = document.getElementById("w");
    window.__el.remove();
  });
  const removed = await page.evaluate(() => ({
    children: __el.shadowRoot.childElementCount,
    html: __el.shadowRoot.innerHTML,
    sheets: __el.shadowRoot.adoptedStyleSheets.length,
    widget: __el.widget,
  }));
  assert.deepEqual(removed, { children: 0, html: "", sheets: 0, widget: null }, "removal destroys the widget");

  await page.evaluate(() => document.getElementById("main").append(__el));
  await waitForWidget(page, "w");
  const again = await shadowSummary(page, "w");
  assert.equal(again.title, "Inline article");
  assert.equal(again.step, "4", "the reader's stored size is used again");
  assert.equal(again.sheets, 1);
  assert.equal(again.hasWidget, true);
  await page.getByRole("button", { name: "Text size 2", exact: true }).click();
  assert.equal((await shadowSummary(page, "w")).step, "2", "the remounted widget responds");

  // Moving it within the page (remove + insert in one go) leaves one working widget.
  await page.evaluate(() => document.body.prepend(__el));
  await waitForWidget(page, "w");
  assert.equal(await page.evaluate(() => __el.shadowRoot.querySelectorAll(".rw").length), 1);

  const defined = await page.evaluate(async () => {
    const before = customElements.get("reading-widget");
    const errors = [];
    for (let i = 0; i < 2; i++) {
      try {
        rw.defineElement();
      } catch (error) {
        errors.push(String(error));
      }
    }
    // And the one-line embed's module loaded a second time (a partner who includes it twice).
    try {
      await import("/pkg/element.js?again");
    } catch (error) {
      errors.push(String(error));
    }
    return { errors, same: customElements.get("reading-widget") === before };
  });
  assert.deepEqual(defined, { errors: [], same: true });
  done();
});

// Regression (fixed): once <reading-widget> has shown an error (a failed src, an invalid attribute),
// it can never show an article again: not after its src or attribute is corrected, not after
// it is removed and re-added, and not through mount() either. Each attempt fails with "target
// already has a shadow root with other content". view.rs's shadow_root() recognises its own
// earlier markup with `root.querySelector(":scope > .rw")`, but on a ShadowRoot (a
// DocumentFragment) :scope matches no element, so the error box is taken for foreign content.
// Removing the element also leaves the error box in the shadow root.
test("element: after an error, a corrected src or re-adding the element shows the article", async (t) => {
  const { page, done } = await open(t, BLANK, { expected: (url) => pathOf(url) === `${FIXTURES}/missing.md` });
  await addElement(page, { id: "bad", attributes: { src: "missing.md" } });
  await page.waitForFunction(() => document.getElementById("bad")?.shadowRoot?.querySelector("[role=alert]"));

  // Removed: the error box goes too.
  await page.evaluate(() => {
    window.__el = document.getElementById("bad");
    __el.remove();
  });
  const removedChildren = await page.evaluate(() => __el.shadowRoot.childElementCount);

  // Corrected and re-added: the article shows.
  await page.evaluate(() => {
    __el.setAttribute("src", "article.md");
    document.getElementById("main").append(__el);
  });
  await waitForWidgetOrError(page, "bad", 1);
  const recovered = await shadowSummary(page, "bad");
  // Corrected in place (no removal), on a second element.
  await addElement(page, { id: "bad2", attributes: { src: "missing.md" } });
  await page.waitForFunction(() => document.getElementById("bad2")?.shadowRoot?.querySelector("[role=alert]"));
  await page.evaluate(() => document.getElementById("bad2").setAttribute("src", "article.md"));
  await waitForWidgetOrError(page, "bad2", 1);
  const corrected = await shadowSummary(page, "bad2");
  const errors = (await events(page, { type: "error" })).map((e) => `${e.host}: ${e.detail.message}`);
  done();

  assert.deepEqual(
    { removedChildren, recovered: recovered.title, corrected: corrected.title },
    { removedChildren: 0, recovered: "Fetched from a fixture", corrected: "Fetched from a fixture" },
    `errors reported:\n  ${errors.join("\n  ")}`,
  ); // Regression (fixed): 1 child left, and both stay on "target already has a shadow root with other content"
});

// Regression (fixed): `lang` is HTML's global attribute, whose values are BCP 47 tags; a region subtag
// (lang="ko-KR", what CMSs write) makes <reading-widget> show an error box instead of the
// article, although the widget maps "ko-KR" to Korean for <html lang> (Lang::from_tag).
test("element: lang with a region subtag (ko-KR) is understood, not an error", async (t) => {
  const { page, done } = await open(t, BLANK);
  await addElement(page, { id: "w", markdown: INLINE_MD, attributes: { lang: "ko-KR" } });
  await page.waitForFunction(() => document.getElementById("w")?.shadowRoot?.querySelector(".rw"));
  const s = await shadowSummary(page, "w");
  const errors = await events(page, { type: "error" });
  done();
  assert.deepEqual(errors.map((e) => e.detail.message), [], "no error event"); // Regression (fixed): "options.lang: ... unknown variant `ko-KR`"
  assert.equal(s.navLabel, "목차", "Korean UI");
});

// ---- Isolation ---------------------------------------------------------------------------

// What the isolation tests compare inside the widget.
const WIDGET_PARTS = {
  paragraph: ".body > p",
  nav: "nav.toc",
  "nav link": "nav.toc a",
  button: "[role=toolbar] button",
  bar: ".bar",
  article: "article",
  title: "h1.title",
  h2: ".body h2",
  h3: ".body h3",
  "list item": ".body li",
  link: ".body a",
};
// The host page's own elements.
const PAGE_PARTS = {
  html: "html",
  body: "body",
  h1: "#page-title",
  nav: "#page-nav",
  "nav link": "#page-nav a",
  p: "#page-p",
  button: "#page-button",
  "footer p": "#page-footer",
  slot: "#slot",
};

async function mountInSlot(page) {
  await addElement(page, { id: "w", markdown: INLINE_MD, parent: "#slot" });
  await waitForWidget(page, "w");
  await nextFrames(page);
}

test("isolation: a hostile page's CSS does not reach the widget's paragraphs, nav or buttons", async (t) => {
  const clean = await open(t, `${FIXTURES}/isolation.html`);
  const hostile = await open(t, `${FIXTURES}/hostile.html`);
  // The hostile rules really apply to the page's own elements.
  const pageP = await hostile.page.evaluate(() => {
    const s = getComputedStyle(document.getElementById("page-p"));
    return { fontSize: s.fontSize, color: s.color, nav: getComputedStyle(document.getElementById("page-nav")).display, button: getComputedStyle(document.getElementById("page-button")).display };
  });
  assert.deepEqual(pageP, { fontSize: "40px", color: "rgb(255, 0, 0)", nav: "none", button: "none" }, "the hostile stylesheet is in force");

  await mountInSlot(clean.page);
  await mountInSlot(hostile.page);
  const expected = await computedStyles(clean.page, "w", WIDGET_PARTS);
  const actual = await computedStyles(hostile.page, "w", WIDGET_PARTS);
  const diff = styleDiff(expected, actual);
  assert.deepEqual(diff, [], `the hostile page changed the widget's computed styles:\n  ${diff.slice(0, 40).join("\n  ")}`);

  // And to the reader: the nav and the buttons are there, the text is the widget's.
  const { page } = hostile;
  assert.ok(await page.getByRole("navigation", { name: "Sections" }).isVisible(), "nav visible");
  for (const name of ["Decrease text size", "Text size 1", "Text size 3", "Text size 5", "Increase text size"]) {
    assert.ok(await page.getByRole("button", { name, exact: true }).isVisible(), `"${name}" visible`);
  }
  const text = await page.evaluate(() => {
    const s = getComputedStyle(document.getElementById("w").shadowRoot.querySelector(".body > p"));
    return { fontSize: s.fontSize, color: s.color, letterSpacing: s.letterSpacing, lineHeight: parseFloat(s.lineHeight) / parseFloat(s.fontSize) };
  });
  assert.equal(text.fontSize, "16px");
  assert.notEqual(text.color, "rgb(255, 0, 0)");
  assert.equal(text.letterSpacing, "normal");
  assert.ok(Math.abs(text.lineHeight - 1.7) < 0.01, `line-height ratio ${text.lineHeight}`);
  // The controls work on the hostile page.
  await page.getByRole("button", { name: "Text size 5", exact: true }).click();
  assert.equal((await shadowSummary(page, "w")).step, "5");
  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Beta section", exact: true }).click();
  assert.deepEqual((await shadowSummary(page, "w")).current, ["#beta-section"]);
  clean.done();
  hostile.done();
});

test("isolation: the widget's CSS changes nothing outside it; font-family, font-size and --rw-accent on the element get in", async (t) => {
  for (const fixture of ["isolation.html", "hostile.html"]) {
    const { page, done } = await open(t, `${FIXTURES}/${fixture}`);
    const sheetsBefore = await page.evaluate(() => ({ styleSheets: document.styleSheets.length, adopted: document.adoptedStyleSheets.length, styles: document.querySelectorAll("style").length }));
    const before = await computedStyles(page, null, PAGE_PARTS);
    await mountInSlot(page);
    // Interact too, so every state the widget can be in is covered.
    await page.getByRole("button", { name: "Text size 5", exact: true }).click();
    await page.evaluate(() => document.getElementById("w").setAttribute("theme", "dark"));
    await waitForWidget(page, "w");
    await page.evaluate(() => window.scrollTo(0, 0));
    await nextFrames(page);
    const after = await computedStyles(page, null, PAGE_PARTS);
    // The containers grow by the widget's height; that, and what follows from it, is expected.
    const grows = /^(html|body|slot) (height|block-size|perspective-origin|transform-origin|\(box size\)):/;
    const diff = styleDiff(before, after).filter((line) => !grows.test(line));
    assert.deepEqual(diff, [], `${fixture}: mounting the widget changed the page's own styles:\n  ${diff.slice(0, 40).join("\n  ")}`);
    const sheetsAfter = await page.evaluate(() => ({ styleSheets: document.styleSheets.length, adopted: document.adoptedStyleSheets.length, styles: document.querySelectorAll("style").length }));
    assert.deepEqual(sheetsAfter, sheetsBefore, `${fixture}: no stylesheet added to the document`);
    done();
  }

  // What a partner sets on the element on purpose is inherited.
  const { page, done } = await open(t, `${FIXTURES}/isolation.html`);
  await page.addStyleTag({ content: 'reading-widget { font-family: "Courier New", monospace; font-size: 20px; --rw-accent: rgb(1, 2, 3); }' });
  await mountInSlot(page);
  const styled = await page.evaluate(() => {
    const root = document.getElementById("w").shadowRoot;
    const s = (sel) => getComputedStyle(root.querySelector(sel));
    return {
      paragraphFont: s(".body > p").fontFamily,
      titleFont: s("h1.title").fontFamily,
      paragraphSize: s(".body > p").fontSize,
      pressedBackground: s("[role=toolbar] button[aria-pressed=true]").backgroundColor,
      link: s(".body a").color,
    };
  });
  assert.deepEqual(styled, {
    paragraphFont: '"Courier New", monospace',
    titleFont: '"Courier New", monospace',
    paragraphSize: "20px",
    pressedBackground: "rgb(1, 2, 3)",
    link: "rgb(1, 2, 3)",
  });
  done();
});

// Regression (fixed): the widget resets the inherited text properties a page typically sets (colour,
// letter-spacing, line-height, text-transform, font-style/weight, white-space, ...), but not
// all: text-shadow, font-variant-caps, word-break and -webkit-text-fill-color set on the page's
// <body> still reach every paragraph, heading and link inside the shadow root.
test("isolation: inherited text effects on the page's body (text-shadow, small-caps, word-break, text-fill-color) stay outside", async (t) => {
  const { page, done } = await open(t, `${FIXTURES}/isolation.html`);
  await mountInSlot(page);
  const PROPS = ["text-shadow", "font-variant-caps", "word-break", "-webkit-text-fill-color"];
  const read = () =>
    page.evaluate((props) => {
      const s = getComputedStyle(document.getElementById("w").shadowRoot.querySelector(".body > p"));
      return Object.fromEntries(props.map((p) => [p, s.getPropertyValue(p)]));
    }, PROPS);
  const clean = await read();
  await page.addStyleTag({
    content: "body { text-shadow: 2px 2px 0 rgb(255, 0, 0); font-variant-caps: small-caps; word-break: break-all; -webkit-text-fill-color: rgb(255, 0, 0); }",
  });
  const hostile = await read();
  done();
  assert.deepEqual(hostile, clean, "the body's text effects leak into the widget"); // Regression (fixed)
});

// ---- Content-Security-Policy -------------------------------------------------------------

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

test("CSP: mount() and <reading-widget> (inline and src) work under a strict policy, with no violation", async (t) => {
  const strict = await startServer({ root: REPO_ROOT, headers: () => ({ "Content-Security-Policy": CSP }) });
  t.after(() => strict.close());
  const { page, response, problems, done } = await open(t, `${FIXTURES}/csp.html`, {
    base: strict.url,
    // The inline article's <img src="x">, rendered since issue 19.
    expected: (url) => url.endsWith(`${FIXTURES}/x`),
    initScript: () => {
      window.__violations = [];
      document.addEventListener("securitypolicyviolation", (e) => {
        window.__violations.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample, source: e.sourceFile });
      });
    },
    waitFor: () =>
      document.documentElement.dataset.ready === "true" &&
      ["api-target", "fetched", "inline"].every((id) => document.getElementById(id)?.shadowRoot?.querySelector(".rw .body")),
  });
  assert.equal(response.headers()["content-security-policy"], CSP, "the page is served with the policy");
  // Every resource came with it too.
  const resources = strict.log.filter((entry) => entry.status === 200).map((entry) => entry.url);
  for (const needed of ["/pkg/element.js", "/pkg/reading_widget.js", "/pkg/reading_widget_bg.wasm", `${FIXTURES}/csp.js`, `${FIXTURES}/article.md`]) {
    assert.ok(resources.includes(needed), `${needed} was loaded (log: ${resources.join(", ")})`);
  }
  await nextFrames(page, 3);

  const summaries = {};
  for (const id of ["api-target", "fetched", "inline"]) summaries[id] = await shadowSummary(page, id);
  assert.equal(summaries["api-target"].title, "Mounted under CSP");
  assert.equal(summaries["api-target"].theme, "sepia");
  assert.equal(summaries["api-target"].step, "4");
  assert.equal(summaries.fetched.title, "Fetched from a fixture");
  assert.equal(summaries.fetched.theme, "dark");
  assert.equal(summaries.inline.title, "Inline under CSP");
  assert.equal(summaries.inline.navLabel, "目次");
  assert.equal(summaries.inline.step, "2");

  // Fully styled: the adopted sheet applied, and the scrollOffset set through the CSSOM.
  const styles = await page.evaluate(() => {
    const out = {};
    for (const id of ["api-target", "fetched", "inline"]) {
      const root = document.getElementById(id).shadowRoot;
      const host = parseFloat(getComputedStyle(document.getElementById(id)).fontSize);
      const bar = getComputedStyle(root.querySelector(".bar"));
      out[id] = {
        bar: bar.position,
        barDisplay: bar.display,
        barTop: bar.top,
        stepRatios: [...root.querySelectorAll(".size-step")].map((b) => +(parseFloat(getComputedStyle(b).fontSize) / host).toFixed(3)),
        background: getComputedStyle(root.querySelector(".rw")).backgroundColor,
        // Raw HTML is rendered in issue 19's subset: no style attribute, no handler.
        rawHtmlSafe: [...root.querySelectorAll(".body *")].every((el) => !el.hasAttribute("style") && ![...el.attributes].some((a) => a.name.startsWith("on"))),
        toTop: root.querySelector(".to-top").textContent.trim(),
      };
    }
    return out;
  });
  for (const [id, s] of Object.entries(styles)) {
    assert.equal(s.bar, "sticky", `${id}: the bar is sticky`);
    assert.equal(s.barDisplay, "flex", `${id}: the bar is a flex row`);
    assert.deepEqual(s.stepRatios, [0.8, 0.9, 1, 1.15, 1.3], `${id}: each "A" is drawn at its own size`);
    assert.ok(s.rawHtmlSafe, `${id}: raw HTML is rendered without its style attributes and handlers`);
  }
  assert.equal(styles["api-target"].barTop, "10px", "scrollOffset reaches the sticky bar");
  assert.equal(styles["api-target"].background, "rgb(244, 236, 216)", "sepia");
  assert.equal(styles["api-target"].toTop, "Up", "labels apply");
  assert.ok(parseColor(styles.fetched.background).every((c) => c < 60), `dark: ${styles.fetched.background}`);

  // It works, too: text size and navigation in the one-line embed.
  const inline = page.locator("#inline");
  await inline.getByRole("button", { name: "文字サイズ 4", exact: true }).click();
  assert.equal((await shadowSummary(page, "inline")).step, "4");
  await page.locator("#fetched nav.toc a[href='#second-fetched-section']").click();
  await page.waitForFunction(() => {
    const root = document.getElementById("fetched").shadowRoot;
    const top = root.getElementById("second-fetched-section").getBoundingClientRect().top;
    return Math.abs(top - (root.querySelector(".bar").getBoundingClientRect().bottom + 8)) <= 3 || scrollY >= document.documentElement.scrollHeight - innerHeight - 1;
  });
  assert.deepEqual((await shadowSummary(page, "fetched")).current, ["#second-fetched-section"]);
  await nextFrames(page, 2);

  // mount() reads raw HTML with the browser's parser in an inert <template> (src/raw_tokens.rs),
  // which reports the inline article's `style` and `onerror` attributes (from the module's glue)
  // before the allowlist drops them; nothing in a template runs or applies. Anything else counts.
  const violations = await page.evaluate(() => window.__violations);
  const fromTemplate = (v) => ["script-src-attr", "style-src-attr"].includes(v.directive) && v.blocked === "inline" && /\/pkg\/reading_widget\.js$/.test(v.source);
  assert.deepEqual(violations.filter((v) => !fromTemplate(v)), [], "no securitypolicyviolation");
  // The console says the same about those attributes.
  const templateReport = /^console\.error: (Applying inline style|Executing inline event handler) violates .* \(http[^ ]*\/pkg\/reading_widget\.js\)$/s;
  for (let i = problems.length - 1; i >= 0; i--) if (templateReport.test(problems[i])) problems.splice(i, 1);
  done();

  // The listener does catch violations (so the zero above means something).
  await page.evaluate(() => document.getElementById("api-target").setAttribute("style", "color: red"));
  await page.waitForFunction(() => window.__violations.length > 0);
  const control = await page.evaluate(() => window.__violations[0].directive);
  assert.match(control, /^style-src/, "a deliberate inline style is reported");
});

// ---- Many instances ----------------------------------------------------------------------

const MANY_MD = [
  "+++",
  'title = "Same article, three times"',
  "+++",
  "",
  "Opening paragraph.",
  ...["One", "Two", "Three", "Four", "Five"].flatMap((name) => [
    "",
    `## Part ${name}`,
    "",
    ...Array.from({ length: 4 }, (_, i) => `Paragraph ${i + 1} of part ${name.toLowerCase()}. ${"Words to make it long enough to wrap across a line or two. ".repeat(4)}\n`),
  ]),
].join("\n");

test("element: a bad attribute is reported with an error event, and the article still shows", async (t) => {
  const { page, done } = await open(t, BLANK);
  const result = await page.evaluate(() => {
    const element = document.createElement("reading-widget");
    const messages = [];
    element.addEventListener("error", (event) => messages.push(event.detail.message));
    element.setAttribute("theme", "blue");
    const script = element.appendChild(document.createElement("script"));
    script.type = "text/markdown";
    script.textContent = "# Still here\n\nText.";
    document.body.append(element);
    return { messages, title: element.shadowRoot.querySelector("h1")?.textContent, alert: !!element.shadowRoot.querySelector("[role=alert]") };
  });
  assert.equal(result.title, "Still here");
  assert.equal(result.alert, false, "no error box instead of the article");
  assert.equal(result.messages.length, 1);
  assert.match(result.messages[0], /^<reading-widget theme>: .*"auto", "light", "dark", "sepia"/, "the message names the attribute, not the option");
  done();
});

test("isolation: in a flex row, a float, an inline-block or an absolute box the widget takes the width it is given", async (t) => {
  const { page, done } = await open(t, BLANK);
  const widths = await page.evaluate(() => {
    const out = {};
    for (const [name, outer, inner] of [
      ["flex row", "display: flex", ""],
      ["inline-block", "", "display: inline-block"],
      ["float", "", "float: left"],
      ["absolute", "position: relative; height: 10px", "position: absolute"],
    ]) {
      // CSSOM, not style attributes: the page may run under a strict CSP.
      const wrapper = document.body.appendChild(document.createElement("div"));
      wrapper.style.cssText = outer;
      const host = wrapper.appendChild(document.createElement("div"));
      host.style.cssText = inner;
      rw.mount(host, { markdown: "# T\n\n## A\n\ntext", storageKey: false });
      out[name] = Math.round(host.getBoundingClientRect().width);
    }
    return out;
  });
  for (const [name, width] of Object.entries(widths)) assert.ok(width >= 1200, `${name}: ${width}px wide`);
  done();
});

test("many instances: three widgets keep their own text size, navigation and events; ids do not collide", async (t) => {
  const { page, done } = await open(t, BLANK);
  await page.evaluate((markdown) => {
    window.__events = [];
    window.__handles = {};
    document.addEventListener("fontstepchange", (e) => window.__events.push({ host: "document", type: e.type, target: e.target.id, detail: e.detail }));
    for (const id of ["a", "b", "c"]) {
      const host = document.createElement("section");
      host.id = id;
      host.setAttribute("aria-label", `Widget ${id}`);
      document.getElementById("main").append(host);
      for (const type of ["fontstepchange", "sectionchange"]) {
        host.addEventListener(type, (e) => window.__events.push({ host: id, type, target: e.target.id, detail: e.detail }));
      }
      window.__handles[id] = rw.mount(host, { markdown, storageKey: `test:${id}` });
    }
  }, MANY_MD);
  await nextFrames(page, 3);

  // Ids: the same ids in every shadow root, none visible to the page.
  const ids = await page.evaluate(() => {
    const out = {};
    for (const id of ["a", "b", "c"]) {
      const root = document.getElementById(id).shadowRoot;
      out[id] = [...root.querySelectorAll("[id]")].map((e) => e.id);
    }
    const all = out.a;
    return { ...out, inDocument: all.filter((id) => document.getElementById(id)), cssMatch: document.querySelectorAll("#part-two, #rw-sections").length };
  });
  assert.ok(ids.a.includes("part-two") && ids.a.includes("rw-sections"), `ids: ${ids.a.join(", ")}`);
  assert.deepEqual(ids.b, ids.a);
  assert.deepEqual(ids.c, ids.a);
  assert.deepEqual(ids.inDocument, [], "document.getElementById finds none of the widgets' ids");
  assert.equal(ids.cssMatch, 0);
  // aria-controls points into its own shadow root.
  assert.ok(await page.evaluate(() => ["a", "b", "c"].every((id) => {
    const root = document.getElementById(id).shadowRoot;
    return root.getElementById(root.querySelector(".nav-toggle").getAttribute("aria-controls")) === root.querySelector("nav.toc");
  })));

  // Text size in B only.
  await page.evaluate(() => (window.__events.length = 0));
  await page.locator("#b").getByRole("button", { name: "Text size 5", exact: true }).click();
  await page.locator("#b").getByRole("button", { name: "Decrease text size", exact: true }).click();
  const steps = await page.evaluate(() => Object.fromEntries(["a", "b", "c"].map((id) => [id, [__handles[id].fontStep, document.getElementById(id).shadowRoot.querySelector(".rw").dataset.step, localStorage.getItem(`test:${id}`)]])));
  assert.deepEqual(steps, { a: [3, "3", null], b: [4, "4", "4"], c: [3, "3", null] });
  const stepEvents = await events(page, { type: "fontstepchange" });
  assert.deepEqual(
    stepEvents.map((e) => `${e.host}:${e.target}:${e.detail.step}`),
    ["b:b:5", "document:b:5", "b:b:4", "document:b:4"],
    "fontstepchange only from B, composed up to the document",
  );
  assert.equal(await page.evaluate((key) => localStorage.getItem(key), DEFAULT_STORAGE_KEY), null, "the default key is untouched");

  // Navigation in B: B's link is current; C (still below the screen) has none.
  await page.evaluate(() => (window.__events.length = 0));
  await page.locator("#b nav.toc a[href='#part-two']").click();
  await page.waitForFunction(() => {
    const root = document.getElementById("b").shadowRoot;
    return Math.abs(root.getElementById("part-two").getBoundingClientRect().top - (root.querySelector(".bar").getBoundingClientRect().bottom + 8)) <= 3;
  });
  await nextFrames(page, 3);
  const current = {};
  for (const id of ["a", "b", "c"]) current[id] = (await shadowSummary(page, id)).current;
  assert.deepEqual(current.b, ["#part-two"]);
  assert.deepEqual(current.c, [], "C is below the viewport: no current section");
  assert.deepEqual(current.a, ["#part-five"], "A, scrolled past, is at its own last section");
  assert.equal(await page.evaluate(() => location.hash), "#part-two");
  const focus = await page.evaluate(() => ({ active: document.activeElement.id, inner: document.getElementById("b").shadowRoot.activeElement?.id }));
  assert.deepEqual(focus, { active: "b", inner: "part-two" }, "focus moved to B's heading");
  const sectionEvents = await events(page, { type: "sectionchange" });
  assert.ok(sectionEvents.every((e) => e.target === e.host), "every sectionchange comes from the host it is heard on");
  assert.deepEqual(sectionEvents.filter((e) => e.host === "b").map((e) => e.detail.id).at(-1), "part-two");
  assert.equal(sectionEvents.filter((e) => e.host === "c").length, 0, "C reported nothing");

  // Destroying B leaves A and C working.
  await page.evaluate(() => __handles.b.destroy());
  await page.locator("#c").getByRole("button", { name: "Text size 1", exact: true }).click();
  assert.deepEqual(await page.evaluate(() => [__handles.a.fontStep, __handles.c.fontStep]), [3, 1]);
  assert.equal(await page.evaluate(() => document.getElementById("b").shadowRoot.childElementCount), 0);
  done();
});

test("many instances: widgets sharing a storageKey share the reader's text size", async (t) => {
  const { page, done } = await open(t, BLANK);
  const mountOne = (id, options) =>
    page.evaluate(
      ({ id, options }) => {
        const host = document.createElement("section");
        host.id = id;
        document.getElementById("main").append(host);
        (window.__handles ??= {})[id] = rw.mount(host, { markdown: "# x\n\nText.\n\n## One\n\nMore.", ...options });
        return window.__handles[id].fontStep;
      },
      { id, options },
    );
  assert.equal(await mountOne("first", { storageKey: "shared" }), 3);
  assert.equal(await mountOne("other", { storageKey: "other" }), 3);
  assert.equal(await mountOne("none", { storageKey: false }), 3);
  await page.locator("#first").getByRole("button", { name: "Text size 2", exact: true }).click();
  assert.equal(await page.evaluate(() => localStorage.getItem("shared")), "2");

  assert.equal(await mountOne("second", { storageKey: "shared" }), 2, "a new widget with the same key starts at the stored step");
  assert.deepEqual((await shadowSummary(page, "second")).pressed, ["Text size 2"]);
  assert.equal(await mountOne("third", { storageKey: "other" }), 3, "another key is unaffected");
  // An explicit fontStep wins over the stored one, and storageKey: false stores nothing.
  assert.equal(await mountOne("explicit", { storageKey: "shared", fontStep: 5 }), 5);
  await page.locator("#none").getByRole("button", { name: "Text size 4", exact: true }).click();
  assert.deepEqual(
    await page.evaluate(() => Object.fromEntries(Object.keys(localStorage).sort().map((k) => [k, localStorage.getItem(k)]))),
    { shared: "2" },
    "only the shared key is stored; storageKey: false wrote nothing",
  );
  done();
});

// Regression (fixed): following a section link writes "#id" into the address (history.replaceState),
// and every widget mounted afterwards follows the address's hash on mount. So when a page
// mounts another widget later (lazy loading, "more from the series") with a heading of the
// same id, e.g. the same article or a common heading such as "Method", the page jumps to the
// new widget and the reader loses their place. A widget should only take the hash it was
// opened with as a deep link, or leave a hash another widget owns alone.
test("many instances: mounting another widget later does not jump away from where the reader navigated", async (t) => {
  const { page, done } = await open(t, BLANK);
  const mountOne = (id) =>
    page.evaluate(
      ({ id, markdown }) => {
        const host = document.createElement("section");
        host.id = id;
        document.getElementById("main").append(host);
        (window.__handles ??= {})[id] = rw.mount(host, { markdown, storageKey: false });
      },
      { id, markdown: MANY_MD },
    );
  await mountOne("a");
  await mountOne("b");
  await page.locator("#a nav.toc a[href='#part-two']").click();
  await nextFrames(page, 2);
  const where = () =>
    page.evaluate(() => ({
      scrollY: Math.round(scrollY),
      headingTop: Math.round(document.getElementById("a").shadowRoot.getElementById("part-two").getBoundingClientRect().top),
    }));
  const before = await where();
  assert.equal(await page.evaluate(() => location.hash), "#part-two");

  await mountOne("c"); // e.g. a lazily loaded widget further down
  await nextFrames(page, 2);
  const after = await where();
  done();
  assert.deepEqual(after, before, "the reader stays at widget A's section"); // Regression (fixed): the page jumps to widget C's #part-two
});

// ---- Lifecycle ---------------------------------------------------------------------------

/** Installs window.cycle(n): n mount/destroy cycles alternating mount() and the element. */
function installCycles(page) {
  return page.evaluate((markdown) => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
    window.cycle = async (n) => {
      const main = document.getElementById("main");
      for (let i = 0; i < n; i++) {
        // Two in five widgets live through a frame, so that their observers have reported.
        const live = i % 5 < 2;
        if (i % 2 === 0) {
          const host = document.createElement("section");
          main.append(host);
          const widget = rw.mount(host, { storageKey: false });
          if (live) await frame();
          widget.destroy();
          host.remove();
        } else {
          const el = document.createElement("reading-widget");
          const script = document.createElement("script");
          script.type = "text/markdown";
          script.textContent = markdown;
          el.append(script);
          main.append(el);
          if (!el.widget) throw new Error("the element did not mount synchronously");
          if (live) await frame();
          el.remove();
        }
      }
    };
  }, INLINE_MD);
}

test(`lifecycle: ${CYCLES}×2 mount/destroy cycles leave no listeners and no heap or wasm-memory growth`, async (t) => {
  const { page, done } = await open(t, BLANK);
  const cdp = await page.context().newCDPSession(page);
  await installCycles(page);
  const baseline = await listenerCounts(cdp);

  // Sanity: a live widget's hashchange listener, and once it is laid out its scrollend one, are
  // visible to the count.
  await page.evaluate(() => {
    const host = document.createElement("section");
    host.id = "probe";
    document.getElementById("main").append(host);
    window.__probe = rw.mount(host, { storageKey: false });
  });
  await nextFrames(page, 2);
  const mounted = await listenerCounts(cdp);
  // Mounting again on the same element replaces the widget rather than adding a second one.
  const replaced = await page.evaluate(() => {
    const first = window.__probe;
    window.__probe = rw.mount(document.getElementById("probe"), { storageKey: false, theme: "dark" });
    let firstError = null;
    try {
      first.setFontStep(2);
    } catch (error) {
      firstError = error.message;
    }
    const root = document.getElementById("probe").shadowRoot;
    return { widgets: root.querySelectorAll(".rw").length, theme: root.querySelector(".rw").dataset.theme, firstError };
  });
  await nextFrames(page, 2);
  const remounted = await listenerCounts(cdp);
  const rootListeners = await listenersOn(cdp, "document.getElementById('probe').shadowRoot");
  await page.evaluate(() => {
    __probe.destroy();
    document.getElementById("probe").remove();
  });
  const rootListenersAfter = await listenersOn(cdp, "document.getElementById('probe')?.shadowRoot ?? document.createElement('div')");
  assert.equal(mounted.window, baseline.window + 2, `one hashchange and one scrollend listener per live widget (${mounted["window types"]})`);
  assert.deepEqual(rootListeners, ["change", "click", "keydown", "rw-edition-loaded", "rw-link-copy"], "one change (the reading settings' radios), one click, one keydown, one edition-loaded and one copied-link listener on the shadow root");
  assert.equal(replaced.widgets, 1, "mounting over a live widget replaces it");
  assert.equal(replaced.theme, "dark");
  assert.match(replaced.firstError ?? "", /destroyed/, "the replaced widget's handle reports it was destroyed");
  assert.equal(remounted.window, baseline.window + 2, "still one hashchange and one scrollend listener after the replacement");

  const m0 = await memoryAfterGc(cdp, page);
  const t0 = performance.now();
  await cyclesWithGc(cdp, page, CYCLES);
  const afterFirst = await listenerCounts(cdp);
  const m1 = await memoryAfterGc(cdp, page);

  await cyclesWithGc(cdp, page, CYCLES);
  const afterSecond = await listenerCounts(cdp);
  const m2 = await memoryAfterGc(cdp, page);
  const elapsed = performance.now() - t0;
  const [heap1, heap2, wasm1, wasm2] = [m1.heap, m2.heap, m1.memory, m2.memory];

  t.diagnostic(`listeners (window/document): baseline ${baseline.window}/${baseline.document} [${baseline["window types"]} | ${baseline["document types"]}], ` +
    `one widget mounted ${mounted.window}/${mounted.document}, after ${CYCLES} cycles ${afterFirst.window}/${afterFirst.document}, after ${2 * CYCLES} ${afterSecond.window}/${afterSecond.document}`);
  t.diagnostic(`JS heap after GC: ${mb(m0.heap)} before, ${mb(heap1)} after ${CYCLES} cycles, ${mb(heap2)} after ${2 * CYCLES} (${heap2 - heap1 >= 0 ? "+" : ""}${((heap2 - heap1) / 1024).toFixed(1)} KB)`);
  t.diagnostic(`wasm memory: ${mb(m0.memory)} before, ${mb(wasm1)} after ${CYCLES} cycles, ${mb(wasm2)} after ${2 * CYCLES}; externref table ${m0.externrefs} → ${m1.externrefs} → ${m2.externrefs} slots`);
  t.diagnostic(`DOM counters: nodes ${m0.nodes} → ${m1.nodes} → ${m2.nodes}, JS event listeners ${m0.jsEventListeners} → ${m1.jsEventListeners} → ${m2.jsEventListeners}; ${2 * CYCLES} cycles took ${(elapsed / 1000).toFixed(1)} s`);

  assert.deepEqual(
    [afterFirst.window, afterFirst.document, afterSecond.window, afterSecond.document],
    [baseline.window, baseline.document, baseline.window, baseline.document],
    "window and document listeners back to the baseline",
  );
  assert.equal(afterSecond["window types"], baseline["window types"]);
  assert.deepEqual(rootListenersAfter, [], "destroy() removed the shadow root's listeners");
  assert.ok(heap2 - heap1 < HEAP_BOUND, `JS heap grew by ${mb(heap2 - heap1)} over ${CYCLES} more cycles`);
  // Linear memory grows in 64 KiB pages and never shrinks; the allocator may take one more page
  // as its free lists shift. A leak would grow by a page or more on every batch.
  assert.ok(wasm2 - wasm1 <= 65536, `wasm memory grew by at most one page between the batches (${wasm1} → ${wasm2})`);
  assert.equal(m2.externrefs, m1.externrefs, "wasm-bindgen's externref table did not grow");
  assert.equal(m2.jsEventListeners, m1.jsEventListeners, "no JS event listener left anywhere in the page");
  assert.ok(m2.nodes - m1.nodes < 50, `DOM nodes ${m1.nodes} → ${m2.nodes}: destroyed widgets' nodes are collected`);
  done();
});

test("lifecycle: nothing calls back into destroyed widgets (scroll, resize, hash change, destroyed mid-scroll)", async (t) => {
  const { page, done } = await open(t, BLANK, { reducedMotion: "no-preference" });
  await page.evaluate((markdown) => {
    window.__events = [];
    const main = document.getElementById("main");
    const host = document.createElement("section");
    host.id = "api";
    main.append(host);
    window.__api = rw.mount(host, { markdown, storageKey: false });
    const el = document.createElement("reading-widget");
    el.id = "el";
    const script = document.createElement("script");
    script.type = "text/markdown";
    script.textContent = markdown;
    el.append(script);
    main.append(el);
    for (const target of [host, el, document]) {
      for (const type of ["fontstepchange", "sectionchange"]) target.addEventListener(type, (e) => window.__events.push(`${type}:${e.target.id}`));
    }
  }, MANY_MD);
  await waitForWidget(page, "el");
  await page.evaluate(() => window.scrollTo(0, 800));
  await nextFrames(page, 3);

  // Start a smooth scroll to a section and destroy both widgets while it runs.
  await page.locator("#api nav.toc a[href='#part-four']").click();
  await page.evaluate(() => {
    __api.destroy();
    document.getElementById("el").remove();
    window.__events.length = 0;
  });
  const apiAfter = await page.evaluate(() => {
    const errors = {};
    for (const [name, call] of Object.entries({
      setFontStep: () => __api.setFontStep(2),
      scrollToTop: () => __api.scrollToTop(),
      scrollToSection: () => __api.scrollToSection("part-two"),
      fontStep: () => __api.fontStep,
      sections: () => __api.sections(),
    })) {
      try {
        call();
        errors[name] = null;
      } catch (error) {
        errors[name] = error.message;
      }
    }
    __api.destroy(); // twice is harmless
    __api.free(); // and free() is destroy()
    return { errors };
  });
  for (const [name, message] of Object.entries(apiAfter.errors)) {
    assert.match(message ?? "", /destroyed/, `${name}() on a destroyed widget throws a clear error`);
  }

  const y0 = await page.evaluate(() => scrollY);
  for (const y of [0, 1500, 3000, 400]) {
    await page.evaluate((y) => window.scrollTo({ top: y, behavior: "instant" }), y);
    await nextFrames(page, 2);
  }
  await page.setViewportSize({ width: 500, height: 700 });
  await nextFrames(page, 3);
  await page.setViewportSize(WIDE);
  const before = await page.evaluate(() => scrollY);
  await page.evaluate(() => (location.hash = "#part-three"));
  await page.evaluate(() => new Promise((r) => setTimeout(r, 50)));
  await nextFrames(page, 4);
  const after = await page.evaluate(() => scrollY);
  await page.evaluate(() => (location.hash = "#part-two"));
  await page.evaluate(() => history.back()); // a hashchange from history, too
  await page.evaluate(() => new Promise((r) => setTimeout(r, 50)));
  await nextFrames(page, 4);
  assert.deepEqual(await page.evaluate(() => window.__events), [], "no events from destroyed widgets");
  assert.ok(Math.abs(after - before) <= 1, `a hash naming a destroyed widget's section does not scroll the page (${before} → ${after}, started at ${y0})`);
  done();
});

// ---- A scrolling ancestor ----------------------------------------------------------------

/** Geometry of the widget in the #box scroller. */
function boxGeometry(page, id) {
  return page.evaluate((id) => {
    const box = document.getElementById("box");
    const root = document.getElementById("reader").shadowRoot;
    const rect = box.getBoundingClientRect();
    const toTop = root.querySelector(".to-top");
    const toTopRect = toTop.getBoundingClientRect();
    return {
      scrollTop: box.scrollTop,
      boxTop: rect.top + box.clientTop,
      boxBottom: rect.top + box.clientTop + box.clientHeight,
      clientHeight: box.clientHeight,
      // Where the widget starts in the box's scrolled content.
      widgetOffset: document.getElementById("reader").getBoundingClientRect().top - (rect.top + box.clientTop) + box.scrollTop,
      barTop: root.querySelector(".bar").getBoundingClientRect().top,
      barBottom: root.querySelector(".bar").getBoundingClientRect().bottom,
      headingTop: id ? root.getElementById(id).getBoundingClientRect().top : null,
      current: [...root.querySelectorAll("nav.toc a[aria-current]")].map((a) => a.getAttribute("href")),
      toTopVisible: !toTop.hidden && toTopRect.height > 0,
      toTopRect: { top: toTopRect.top, bottom: toTopRect.bottom },
      pageScrollY: scrollY,
    };
  }, id);
}

async function openScroller(t) {
  const opened = await open(t, `${FIXTURES}/scroller.html`, {
    waitFor: () => document.getElementById("reader")?.shadowRoot?.querySelector(".rw .body"),
  });
  await opened.page.evaluate(() => {
    window.widgetOffset = (box) =>
      document.getElementById("reader").getBoundingClientRect().top - (box.getBoundingClientRect().top + box.clientTop) + box.scrollTop;
  });
  await nextFrames(opened.page, 3);
  return opened;
}

test("scrolling ancestor: nav lands below the sticky bar in the box, aria-current follows, back to top works", async (t) => {
  const { page, done } = await openScroller(t);
  await page.evaluate(() => {
    window.__events = [];
    document.getElementById("reader").addEventListener("sectionchange", (e) => window.__events.push(e.detail.id));
  });
  const sections = await page.evaluate(() => document.getElementById("reader").widget.sections());
  assert.ok(sections.length >= 6);
  const start = await boxGeometry(page);
  assert.equal(start.scrollTop, 0);
  assert.deepEqual(start.current, []);
  assert.equal(start.toTopVisible, false, "back to top hidden at first");

  // Nav click: the heading lands just below the bar, which sticks to the box's top.
  for (const section of [sections[4], sections[1], sections[6]]) {
    await page.locator(`#reader nav.toc a[data-section="${section.id}"]`).click();
    await nextFrames(page, 2);
    const g = await boxGeometry(page, section.id);
    assert.ok(g.scrollTop > 0, "the box scrolled");
    assert.equal(g.pageScrollY, 0, "the page did not");
    assert.ok(Math.abs(g.barTop - g.boxTop) <= 1, `the bar sticks to the box top (${g.barTop} vs ${g.boxTop})`);
    assertHeadingAtTop(g, section.id);
    assert.deepEqual(g.current, [`#${section.id}`], "aria-current on the clicked link");
  }

  // Scrolling the box itself moves aria-current.
  await page.evaluate(() => (window.__events.length = 0));
  for (const index of [2, 5, 3]) {
    const id = sections[index].id;
    await page.evaluate((id) => {
      const box = document.getElementById("box");
      const root = document.getElementById("reader").shadowRoot;
      const bar = root.querySelector(".bar").getBoundingClientRect().height;
      const heading = root.getElementById(id).getBoundingClientRect().top;
      box.scrollTop += heading - (box.getBoundingClientRect().top + box.clientTop + bar + 4);
    }, id);
    await waitForCurrentLink(page, `#${id}`);
    assert.deepEqual((await boxGeometry(page)).current, [`#${id}`], `scrolled the box to ${id}`);
  }
  assert.deepEqual(await page.evaluate(() => window.__events.at(-1)), sections[3].id, "sectionchange reports it");

  // Back to top: shown once the box has scrolled well past the widget's first screen.
  await page.evaluate(() => (document.getElementById("box").scrollTop = 0));
  await nextFrames(page, 3);
  assert.equal((await boxGeometry(page)).toTopVisible, false, "hidden again at the top");
  await page.evaluate(() => {
    const box = document.getElementById("box");
    box.scrollTop = widgetOffset(box) + 2 * Math.max(box.clientHeight, innerHeight);
  });
  await page.locator("#reader .to-top").waitFor({ state: "visible" });
  const shown = await boxGeometry(page);
  assert.ok(shown.toTopRect.top >= shown.boxTop && shown.toTopRect.bottom <= shown.boxBottom, "the button is inside the box's visible area");
  await page.locator("#reader .to-top").click();
  await page.waitForFunction(() => Math.abs(document.getElementById("box").scrollTop - widgetOffset(document.getElementById("box"))) <= 1).catch(() => {});
  const back = await boxGeometry(page);
  assert.ok(Math.abs(back.scrollTop - back.widgetOffset) <= 1, `the box returns to the widget top (${back.scrollTop} vs ${back.widgetOffset})`);
  assert.equal(back.pageScrollY, 0);
  assert.equal(await page.evaluate(() => document.getElementById("reader").shadowRoot.activeElement?.tagName), "H1", "focus on the title");
  await page.locator("#reader .to-top").waitFor({ state: "hidden" });
  done();
});

// Regression (fixed): "Back to top" appears once a sentinel `min(100vh, 100%)` tall has left the
// scrollport. In a scrolling box shorter than the viewport that is the viewport's height, not
// the box's: in a 500 px box on a 900 px viewport it needs ~1.8 boxes of scrolling.
test("scrolling ancestor: back to top appears after one screen of the box, not of the window", async (t) => {
  const { page, done } = await openScroller(t);
  await page.evaluate(() => {
    const box = document.getElementById("box");
    box.scrollTop = widgetOffset(box) + box.clientHeight + 150;
  });
  await page.locator("#reader .to-top").waitFor({ state: "visible", timeout: 1_000 }).catch(() => {});
  const g = await boxGeometry(page);
  done();
  assert.equal(g.toTopVisible, true, `scrolled ${g.scrollTop - g.widgetOffset}px into the widget in a ${g.clientHeight}px box (viewport ${WIDE.height}px)`); // Regression (fixed)
});

// ---- Bundler and package -----------------------------------------------------------------

test("bundler: a Vite app importing the package by name builds and mounts the widget", async (t) => {
  const { build } = await import("vite");
  const outDir = await mkdtemp(path.join(os.tmpdir(), "rw-vite-"));
  t.after(() => rm(outDir, { recursive: true, force: true }));
  const started = performance.now();
  await build({
    configFile: path.join(HERE, "vite-app/vite.config.mjs"),
    build: { outDir, emptyOutDir: true },
    logLevel: "error",
  });
  const files = (await readdir(outDir, { recursive: true })).map((f) => f.split(path.sep).join("/")).sort();
  t.diagnostic(`vite build in ${((performance.now() - started) / 1000).toFixed(1)} s: ${files.join(", ")}`);
  assert.ok(files.includes("index.html"));
  assert.ok(files.some((f) => /^assets\/.+\.wasm$/.test(f)), "the .wasm is emitted as an asset");
  assert.ok(files.some((f) => /^assets\/.+\.js$/.test(f)), "one JS bundle");

  const bundled = await startServer({ root: outDir });
  t.after(() => bundled.close());
  const { page, done } = await open(t, "/index.html", { base: bundled.url });
  const mounted = await page.evaluate(() => {
    const root = document.getElementById("reader").shadowRoot;
    return { title: root?.querySelector("article h1")?.textContent, links: root?.querySelectorAll("nav.toc a").length, fontStep: window.widget.fontStep };
  });
  assert.deepEqual(mounted, { title: "Bundled with Vite", links: 2, fontStep: 3 });
  await page.getByRole("button", { name: "Text size 4", exact: true }).click();
  assert.equal(await page.evaluate(() => window.widget.fontStep), 4);
  assert.ok(bundled.log.some((e) => /\.wasm$/.test(e.url) && e.status === 200), "the wasm was fetched from the bundle");
  done();
});

test("package: the typings declare MountOptions and Widget; package.json has what a registry needs", async () => {
  const dts = await readFile(path.join(PKG, "reading_widget.d.ts"), "utf8");
  const block = (re) => {
    const start = dts.search(re);
    assert.ok(start >= 0, `reading_widget.d.ts declares ${re}`);
    let depth = 0;
    for (let i = dts.indexOf("{", start); i < dts.length; i++) {
      if (dts[i] === "{") depth++;
      if (dts[i] === "}" && --depth === 0) return dts.slice(start, i + 1).replace(/\/\*\*[\s\S]*?\*\//g, "");
    }
    throw new Error(`unterminated ${re}`);
  };
  const options = block(/export interface MountOptions\b/);
  const keys = [...options.matchAll(/^\s*(\w+)\?:/gm)].map((m) => m[1]).sort();
  assert.deepEqual(
    keys,
    ["baseUrl", "content", "font", "fontStep", "labels", "lang", "lineSpacing", "markdown", "offerLanguage", "resume", "scrollOffset", "settings", "storageKey", "theme", "width"].sort(),
    "all fifteen options, each optional",
  );
  assert.match(options, /storageKey\?:\s*string \| false;/);
  assert.match(options, /resume\?:\s*boolean;/);
  assert.match(options, /fontStep\?:\s*1 \| 2 \| 3 \| 4 \| 5;/);
  assert.match(dts, /export type Theme = "auto" \| "light" \| "dark" \| "sepia";/);
  assert.match(dts, /export type Lang = "en" \| "ko" \| "ja";/);

  const widget = block(/export class Widget\b/);
  for (const member of [/destroy\(\): void;/, /scrollToSection\(id: string\): void;/, /scrollToTop\(\): void;/, /sections\(\): Section\[\];/, /setFontStep\(step: 1 \| 2 \| 3 \| 4 \| 5\): void;/, /readonly fontStep: 1 \| 2 \| 3 \| 4 \| 5;/]) {
    assert.match(widget, member, `class Widget has ${member}`);
  }
  assert.match(dts, /export function mount\(target: HTMLElement, options\?: MountOptions\): Widget;/);
  assert.match(dts, /export function defineElement\(\): void;/);
  assert.match(dts, /export default function __wbg_init/);

  const manifest = JSON.parse(await readFile(path.join(PKG, "package.json"), "utf8"));
  for (const field of ["name", "version", "description", "license"]) assert.ok(typeof manifest[field] === "string" && manifest[field], `package.json has ${field}`);
  assert.equal(manifest.name, "reading-widget");
  assert.match(manifest.version, /^\d+\.\d+\.\d+/);
  assert.ok(manifest.repository && (typeof manifest.repository === "string" || manifest.repository.url), "package.json has repository");
  for (const file of ["element.js", "snippets", "reading_widget_bg.wasm", "reading_widget.js", "reading_widget.d.ts"]) {
    assert.ok(manifest.files?.includes(file), `files includes ${file}`);
    await access(path.join(PKG, file));
  }
  await access(path.join(PKG, manifest.main));
  await access(path.join(PKG, manifest.types));
  assert.equal(manifest.type, "module");
  assert.ok(manifest.sideEffects?.includes("./element.js"), "element.js is marked as having side effects");
});
