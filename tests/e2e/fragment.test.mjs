// End-to-end tests of the one-line embed with pre-rendered fragments (issue 16): a
// `<reading-widget src="….html">` whose response is the fragment `reading-widget render` prints is
// inserted by element.js before any wasm is requested, styled from its first frame, and then taken
// over by the hydrate-only build; fragments from origins the partner did not name, or of another
// markup version, are refused. Also: element.js loads the smallest build a page needs, the full
// one only when a widget renders Markdown (also one added later), and importing the entries and
// the glue in Node does not throw. Run from the repository root with
// `node --test tests/e2e/fragment.test.mjs` after `make build`.
//
// The `before` hook renders the fixtures with the release CLI into target/e2e-fragment/ (served as
// /target/e2e-fragment/, assets from /pkg). A second server on another port is another origin,
// as in cdn.test.mjs.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { startServer } from "./server.mjs";
import { CLI, PKG, REPO_ROOT, WIDE, buildCli, nextFrames, partnerPage, useBrowser } from "./support.mjs";

const env = useBrowser({
  pkgFiles: ["element.js", "element-hydrate.js", "embed.css", "reading-widget.css", "reading_widget.js", "reading_widget_bg.wasm", "reading_widget_hydrate.js", "reading_widget_hydrate_bg.wasm"],
});

const OUT_DIR = path.join(REPO_ROOT, "target/e2e-fragment");
const OUT = "/target/e2e-fragment";
const SAMPLE_MD = path.join(REPO_ROOT, "articles/sample.md");
const KO_MD = path.join(REPO_ROOT, "tests/e2e/fixtures/prerender-ko.md");
/** 412 px: a phone, as the issue measured. */
const PHONE = { width: 412, height: 823 };

/** The other origin (a CDN, or a stranger), started before the tests. */
let other = null;

/** `reading-widget render` that must succeed: its standard output. */
function render(args) {
  const result = spawnSync(CLI, ["render", ...args], { encoding: "utf8", cwd: REPO_ROOT, timeout: 60_000 });
  assert.equal(result.status, 0, `reading-widget render ${args.join(" ")}: ${result.stderr}`);
  return result.stdout;
}

const write = (name, html) => writeFile(path.join(OUT_DIR, name), html);

before(async () => {
  await buildCli();
  await rm(OUT_DIR, { recursive: true, force: true });
  await mkdir(OUT_DIR, { recursive: true });
  const sample = render([SAMPLE_MD]);
  await write("sample.fragment.html", sample);
  await write("ko.fragment.html", render([KO_MD]));
  const version = / data-markup="([^"]+)"/.exec(sample);
  assert.ok(version, "the fragment carries its markup version");
  await write("v999.fragment.html", sample.replace(version[0], ' data-markup="999"'));
  await write("unmarked.fragment.html", sample.replace(version[0], ""));
  // Served as text/html under a name that does not say so: the Content-Type decides.
  await mkdir(path.join(OUT_DIR, "essay"), { recursive: true });
  await write("essay/index.html", sample);

  await write("fragment.html", partnerPage('<reading-widget id="reader" src="sample.fragment.html"></reading-widget>'));
  await write("prerendered.html", partnerPage(`<div id="pre">${render([KO_MD])}</div>`));
  await write("no-extension.html", partnerPage('<reading-widget id="reader" src="essay/"></reading-widget>'));
  for (const name of ["v999", "unmarked"]) {
    await write(`${name}.html`, partnerPage(`<reading-widget id="reader" src="${name}.fragment.html"></reading-widget>`));
  }
  other = await startServer({ root: REPO_ROOT, headers: () => ({ "Access-Control-Allow-Origin": "*" }) });
  const remote = `${other.url}${OUT}/sample.fragment.html`;
  await write("foreign.html", partnerPage(`<reading-widget id="reader" src="${remote}"></reading-widget>`));
  await write("named.html", partnerPage(`<reading-widget id="reader" src="${remote}" fragment-origins="https://example.org ${other.url}"></reading-widget>`));
});

after(() => other?.close());

/**
 * In the page, before its scripts: the `error` events elements fire (window.__errors), layout
 * shifts without recent input (window.__shifts), and for every shadow root attached, what the
 * first frame of a widget in it would show: the computed style of its first paragraph and bar
 * at the moment its markup went in (a MutationObserver's callback runs before any rendering).
 */
function instrument() {
  window.__errors = [];
  addEventListener("error", (e) => e instanceof CustomEvent && window.__errors.push({ id: e.target.id, message: e.detail.message }), true);
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shifts.push(entry.value);
  }).observe({ type: "layout-shift", buffered: true });
  window.__firstFrames = [];
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    const observer = new MutationObserver(() => {
      const p = root.querySelector(".rw .body p");
      if (!p) return;
      observer.disconnect();
      const style = getComputedStyle(p);
      window.__firstFrames.push({
        host: this.id,
        p: { fontSize: style.fontSize, lineHeight: style.lineHeight, marginBlockEnd: style.marginBlockEnd, maxWidth: getComputedStyle(root.querySelector(".rw .body")).maxWidth },
        bar: getComputedStyle(root.querySelector(".bar")).position,
        sheets: [...root.querySelectorAll("link")].map((l) => Boolean(l.sheet)),
      });
    });
    observer.observe(root, { childList: true });
    return root;
  };
}

/** Opens `url` with the instrumentation, recording the path of every request in order. */
async function openPage(t, url, { viewport = PHONE, waitFor = null, beforeGoto = null, expected } = {}) {
  const requests = [];
  const opened = await env.open(t, url, {
    viewport,
    initScript: instrument,
    beforeGoto: async (page, context) => {
      page.on("request", (request) => requests.push(request.url()));
      if (beforeGoto) await beforeGoto(page, context);
    },
    waitFor,
    expected,
  });
  return { ...opened, requests };
}

const HYDRATED = () => document.getElementById("reader")?.widget && document.getElementById("reader").shadowRoot.querySelector(".rw[data-live]");
const pathsOf = (urls) => urls.map((u) => new URL(u).pathname);
const layoutShift = (page) => page.evaluate(() => window.__shifts.reduce((sum, v) => sum + v, 0));

test("fragment src: inserted before any wasm is requested, styled from its first frame, hydrated by the hydrate-only build", async (t) => {
  // When the first wasm is requested, the fragment must already be in the page.
  let atWasm = null;
  const { page, requests, done } = await openPage(t, `${OUT}/fragment.html`, {
    beforeGoto: (page) =>
      page.route("**/*.wasm", async (route) => {
        atWasm ??= await page.evaluate(() => Boolean(document.getElementById("reader").shadowRoot?.querySelector(".rw .body p")));
        await route.continue();
      }),
    waitFor: HYDRATED,
  });
  await nextFrames(page, 2);
  assert.equal(atWasm, true, "the fragment was inserted before the wasm was requested");

  const wasm = pathsOf(requests).filter((p) => p.endsWith(".wasm"));
  assert.deepEqual(wasm, ["/pkg/reading_widget_hydrate_bg.wasm"], "only the hydrate-only wasm is fetched");
  assert.ok(!pathsOf(requests).includes("/pkg/reading_widget.js"), "nor the full build's glue");
  assert.equal(pathsOf(requests).filter((p) => p === `${OUT}/sample.fragment.html`).length, 1, "the fragment is fetched once");
  assert.equal(pathsOf(requests).filter((p) => p === "/pkg/reading-widget.css").length, 1, "the stylesheet element.js preloads is the one the fragment links: one download");

  const state = await page.evaluate(() => {
    const root = document.getElementById("reader").shadowRoot;
    const p = getComputedStyle(root.querySelector(".rw .body p"));
    return {
      first: window.__firstFrames.filter((f) => f.host === "reader"),
      now: { fontSize: p.fontSize, lineHeight: p.lineHeight, marginBlockEnd: p.marginBlockEnd, maxWidth: getComputedStyle(root.querySelector(".rw .body")).maxWidth },
      children: [...root.children].map((e) => e.localName),
      link: root.querySelector("link").href,
      errors: window.__errors,
    };
  });
  assert.equal(state.first.length, 1, "one insertion");
  assert.deepEqual(state.first[0].sheets, [true], "its stylesheet had loaded when the markup went in");
  assert.equal(state.first[0].bar, "sticky", "the bar was styled in the first frame");
  assert.deepEqual(state.first[0].p, state.now, "the first paragraph was styled as it is now, from its first frame");
  assert.deepEqual(state.children, ["link", "div"], "the shadow root holds the stylesheet link and the widget");
  assert.equal(new URL(state.link).pathname, "/pkg/reading-widget.css");
  assert.deepEqual(state.errors, []);

  // Hydrated: the controls work and the handle is set.
  await page.getByRole("button", { name: "Text size 4", exact: true }).click();
  assert.deepEqual(await page.evaluate(() => [document.getElementById("reader").widget.fontStep, document.getElementById("reader").shadowRoot.querySelector(".rw").dataset.step]), [4, "4"]);
  assert.ok((await layoutShift(page)) <= 0.01);
  done();
});

test("fragment src: a page of pre-rendered widgets loads only the hydrate-only build with element.js", async (t) => {
  const { page, requests, done } = await openPage(t, `${OUT}/prerendered.html`, { viewport: WIDE, waitFor: () => document.querySelector("#pre reading-widget")?.widget });
  await nextFrames(page, 2);
  const wasm = pathsOf(requests).filter((p) => p.endsWith(".wasm"));
  assert.deepEqual(wasm, ["/pkg/reading_widget_hydrate_bg.wasm"]);
  done();
});

test("fragment src: a response that is text/html is a fragment whatever its path says", async (t) => {
  const { page, requests, done } = await openPage(t, `${OUT}/no-extension.html`, { waitFor: HYDRATED });
  const state = await page.evaluate(() => ({
    title: document.getElementById("reader").shadowRoot.querySelector("h1").textContent,
    errors: window.__errors,
  }));
  assert.deepEqual(state.errors, []);
  assert.ok(state.title.length > 0);
  // The path did not say fragment, so the full build was started for it, and it hydrates too.
  assert.ok(pathsOf(requests).includes("/pkg/reading_widget_bg.wasm"));
  await nextFrames(page, 1);
  done();
});

test("fragment src from another origin: refused with an error event naming the origin, nothing inserted; fragment-origins admits it", async (t) => {
  {
    const { page, done } = await openPage(t, `${OUT}/foreign.html`, { waitFor: () => window.__errors.length > 0 });
    await nextFrames(page, 3);
    const state = await page.evaluate(() => ({
      errors: window.__errors,
      children: document.getElementById("reader").shadowRoot?.childElementCount ?? 0,
      widget: document.getElementById("reader").widget,
    }));
    assert.equal(state.errors.length, 1, JSON.stringify(state.errors));
    assert.ok(state.errors[0].message.includes(`refused the pre-rendered fragment from ${other.url}`), state.errors[0].message);
    assert.equal(state.children, 0, "nothing inserted");
    assert.equal(state.widget, null);
    done();
  }
  {
    const { page, requests, done } = await openPage(t, `${OUT}/named.html`, { waitFor: HYDRATED });
    const state = await page.evaluate(() => ({ errors: window.__errors, link: document.getElementById("reader").shadowRoot.querySelector("link").href }));
    assert.deepEqual(state.errors, []);
    assert.equal(state.link, `${other.url}/pkg/reading-widget.css`, "the fragment's stylesheet is resolved against the fragment's address, not the page's");
    assert.ok(requests.includes(`${other.url}/pkg/reading-widget.css`));
    done();
  }
});

for (const [name, label] of [["v999", 'markup version "999"'], ["unmarked", "no markup version"]]) {
  test(`fragment src with ${label}: refused, nothing inserted, an error event says why`, async (t) => {
    const { page, requests, done } = await openPage(t, `${OUT}/${name}.html`, { waitFor: () => window.__errors.length > 0 });
    await nextFrames(page, 3);
    const state = await page.evaluate(() => ({ errors: window.__errors, children: document.getElementById("reader").shadowRoot?.childElementCount ?? 0 }));
    assert.equal(state.errors.length, 1, JSON.stringify(state.errors));
    assert.match(state.errors[0].message, /refused the pre-rendered fragment from .*: its markup (?:is version "999"|has no version \(data-markup\)), this release takes over version "[^"]+"/);
    assert.equal(state.children, 0, "nothing inserted");
    assert.ok(!pathsOf(requests).some((p) => p.endsWith(".wasm")), "and no module loaded for it");
    done();
  });
}

test("a Markdown widget added later to a hydrate-only page loads the full build, which renders it; the hydrated widget keeps working and is released by its build", async (t) => {
  const { page, requests, problems, done } = await openPage(t, `${OUT}/fragment.html`, { viewport: WIDE, waitFor: HYDRATED });
  assert.ok(!pathsOf(requests).includes("/pkg/reading_widget_bg.wasm"));
  await page.evaluate(() => {
    const el = document.createElement("reading-widget");
    el.id = "later";
    const script = Object.assign(document.createElement("script"), { type: "text/markdown", textContent: "# Added later\n\nA paragraph.\n\n## One\n\nText.\n" });
    el.append(script);
    document.getElementById("more").append(el);
  });
  await page.waitForFunction(() => document.getElementById("later").widget && document.getElementById("later").shadowRoot.querySelector(".rw[data-live] h1"));
  assert.equal(await page.evaluate(() => document.getElementById("later").shadowRoot.querySelector("h1").textContent), "Added later");
  assert.equal(pathsOf(requests).filter((p) => p === "/pkg/reading_widget_bg.wasm").length, 1, "the full build was loaded, once");

  // The first widget, hydrated by the hydrate-only build, still works; removing it releases it
  // (its markup stays) and adding it back takes it over again.
  await page.getByRole("button", { name: "Text size 5", exact: true }).first().click();
  assert.equal(await page.evaluate(() => document.getElementById("reader").widget.fontStep), 5);
  const moved = await page.evaluate(async () => {
    const el = document.getElementById("reader");
    const rw = el.shadowRoot.querySelector(".rw");
    el.remove();
    const released = { widget: el.widget, live: rw.hasAttribute("data-live"), kept: el.shadowRoot.contains(rw) };
    document.getElementById("main").prepend(el);
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    return { released, again: Boolean(el.widget), same: el.shadowRoot.querySelector(".rw") === rw, live: rw.hasAttribute("data-live") };
  });
  assert.deepEqual(moved, { released: { widget: null, live: false, kept: true }, again: true, same: true, live: true });
  await page.getByRole("button", { name: "Text size 2", exact: true }).first().click();
  assert.equal(await page.evaluate(() => document.getElementById("reader").widget.fontStep), 2);
  assert.deepEqual(await page.evaluate(() => window.__errors), []);
  assert.deepEqual(problems, []);
  done();
});

test("src changes: fragment → fragment → Markdown → fragment, each article replaces the last without a layout shift", async (t) => {
  const { page, done } = await openPage(t, `${OUT}/fragment.html`, { waitFor: HYDRATED });
  let previous = await page.evaluate(() => document.getElementById("reader").shadowRoot.querySelector("h1").textContent);
  for (const [src, source] of [["ko.fragment.html", "fragment"], ["/articles/sample.md", "markdown"], ["ko.fragment.html", "fragment"]]) {
    await page.evaluate((src) => document.getElementById("reader").setAttribute("src", src), src);
    await page.waitForFunction((previous) => {
      const el = document.getElementById("reader");
      const h1 = el.shadowRoot.querySelector(".rw[data-live] h1");
      return el.widget && h1 && h1.textContent !== previous;
    }, previous);
    await nextFrames(page, 2);
    const state = await page.evaluate(() => {
      const root = document.getElementById("reader").shadowRoot;
      return { title: root.querySelector("h1").textContent, errors: window.__errors, children: [...root.children].map((e) => e.localName), adopted: root.adoptedStyleSheets.length };
    });
    assert.deepEqual(state.errors, [], src);
    assert.deepEqual(state.children, source === "fragment" ? ["link", "div"] : ["div"], `one widget in the shadow root after ${src}`);
    assert.equal(state.adopted, source === "fragment" ? 0 : 1, `the ${source}'s own stylesheet`);
    previous = state.title;
  }
  const cls = await layoutShift(page);
  assert.ok(cls <= 0.01, `layout shift ${cls}`);
  done();
});

test("Node: importing the entries and the glue does not throw, and defines nothing", async () => {
  for (const file of ["element.js", "element-hydrate.js", "reading_widget.js", "reading_widget_hydrate.js"]) {
    const module = await import(pathToFileURL(path.join(PKG, file)).href);
    assert.equal(typeof module, "object", file);
  }
  assert.equal(typeof globalThis.customElements, "undefined");
});
