// content="light" (issue 20, point 3): the article in the light DOM, slotted into the widget, so
// that reader modes and page translators see it. Run from the repository root with
// `node --test tests/e2e/light.test.mjs` after `make build` (pkg/ and the release CLI).
//
// - Readability (@mozilla/readability on jsdom), the acceptance test: on a page rendered with
//   `render --page --content light` it finds the article (isProbablyReaderable) and extracts the
//   title and at least 90% of the article's text, for every sample article; on the shadow-mode
//   page it finds nothing (the before → after).
// - In Chromium: mounted (option and attribute) and pre-rendered light widgets lay the article out
//   where a shadow widget does; each reading setting applies; navigation, the current section,
//   landing on an #id and footnote previews work; destroy removes what mount added (the light
//   stylesheet too, with the last light widget); two light widgets on one page are independent; a
//   strict CSP page works; nothing shifts; axe finds nothing.
// - A hostile partner stylesheet: what it changes of the article per mode (counted), and that it
//   changes nothing of the chrome in either.
// - Screenshots at 375 and 1280 px of a light widget beside a shadow one (tests/e2e/artifacts/).

import { before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { JSDOM } from "jsdom";
import { Readability, isProbablyReaderable } from "@mozilla/readability";
import { axeViolations, CLI, NARROW, nextFrames, REPO_ROOT, useBrowser, WIDE } from "./support.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ARTIFACTS = path.join(HERE, "artifacts");
const WORK = path.join(REPO_ROOT, "target/e2e-light");
const WORK_URL = "/target/e2e-light";
const ARTICLES = ["sample.md", "sample.ko.md", "sample.ja.md", "sample-2.md"];

const env = useBrowser({ pkgFiles: ["reading_widget_bg.wasm", "reading-widget-light.css"] });

/** The CLI's output for `args`; fails on a non-zero exit. */
function render(args) {
  const result = spawnSync(CLI, ["render", ...args], { encoding: "utf8", cwd: REPO_ROOT, maxBuffer: 64 << 20 });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

before(async () => {
  await mkdir(WORK, { recursive: true });
  await mkdir(ARTIFACTS, { recursive: true });
  for (const file of ARTICLES) {
    const stem = file.replace(/\.md$/, "");
    for (const content of ["shadow", "light"]) {
      await writeFile(path.join(WORK, `${stem}.${content}.html`), render([`articles/${file}`, "--page", "--assets", "/pkg", "--content", content]));
      await writeFile(path.join(WORK, `${stem}.${content}.fragment.html`), render([`articles/${file}`, "--assets", "/pkg", "--content", content]));
    }
  }
});

// ---- Readability --------------------------------------------------------------------------

/** Words of `text` (white space collapsed), for comparing extracted text with the article's. */
const words = (text) => text.split(/\s+/).filter(Boolean);

/** The article's text as the core knows it (its body HTML, `.body` of the shadow-mode page's
 * template: every section, list, table and footnote), per jsdom. The masthead's title is checked
 * on its own; its byline, dateline and editions are metadata a reader mode shows its own way. */
function articleText(html) {
  const { document } = new JSDOM(html).window;
  const template = document.querySelector("reading-widget > template");
  return template.content.querySelector("article .body").textContent;
}

test("Readability: with content=light it is readerable and extracts the title and at least 90% of the article's text; with shadow it finds nothing", async () => {
  const report = [];
  for (const file of ARTICLES) {
    const stem = file.replace(/\.md$/, "");
    const light = await readFile(path.join(WORK, `${stem}.light.html`), "utf8");
    const shadow = await readFile(path.join(WORK, `${stem}.shadow.html`), "utf8");
    const expected = words(articleText(shadow));
    const title = new JSDOM(light).window.document.title;

    // Before: the shadow root is a <template> to a parser without declarative shadow DOM
    // support, and inert content to any reader mode: nothing of the article is seen.
    const before = new JSDOM(shadow, { url: "https://example.org/essay" }).window.document;
    assert.equal(isProbablyReaderable(before), false, `${file}: shadow mode is not readerable`);
    const beforeParsed = new Readability(before).parse();
    const beforeFound = beforeParsed ? words(beforeParsed.textContent).length : 0;
    assert.ok(beforeFound < expected.length * 0.1, `${file}: shadow mode extracts ${beforeFound} of ${expected.length} words`);

    // After.
    const document = new JSDOM(light, { url: "https://example.org/essay" }).window.document;
    assert.equal(isProbablyReaderable(document), true, `${file}: light mode is readerable`);
    const parsed = new Readability(document).parse();
    assert.ok(parsed, `${file}: Readability parses the light page`);
    assert.equal(parsed.title, title, `${file}: the title`);
    // Each of the article's words (for Japanese, runs between spaces) is looked for in the
    // extracted text with its white space taken out, so that a line break Readability adds or
    // drops inside a run does not count against it.
    const found = parsed.textContent.replace(/\s+/g, "");
    const kept = expected.filter((w) => found.includes(w)).length;
    const share = kept / expected.length;
    report.push(`${file}: ${kept}/${expected.length} words (${(share * 100).toFixed(1)}%), title ${JSON.stringify(parsed.title)}; shadow: ${beforeFound} words, parse() ${beforeParsed ? "an article" : "null"}`);
    assert.ok(share >= 0.9, `${file}: ${(share * 100).toFixed(1)}% of the article's words extracted`);
  }
  console.log(report.join("\n"));
});

// ---- In Chromium --------------------------------------------------------------------------

/** A page of `body`, with the harness (init + defineElement, window.rw). */
async function harnessPage(name, body, { head = "" } = {}) {
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${name}</title>
<link rel="icon" href="data:,">
${head}
<script type="module" src="/tests/e2e/fixtures/harness.js"></script>
</head>
<body>
${body}
</body>
</html>
`;
  await writeFile(path.join(WORK, `${name}.html`), html);
  return `${WORK_URL}/${name}.html`;
}

const HARNESS = () => document.documentElement.dataset.ready === "true";

/** Geometry of the article's parts of the widget in `#id`, relative to the host. */
function articleBoxes(page, id) {
  return page.evaluate((id) => {
    const host = document.getElementById(id);
    const article = host.shadowRoot.querySelector("article") ?? host.querySelector(":scope > .rw-content > article");
    const origin = host.getBoundingClientRect();
    const box = (el) => {
      const r = el.getBoundingClientRect();
      return { x: Math.round(r.x - origin.x), y: Math.round(r.y - origin.y), w: Math.round(r.width), h: Math.round(r.height) };
    };
    const parts = [article, article.querySelector("h1"), ...article.querySelectorAll(".body > :is(p, .section-head, figure, pre, ul, ol, blockquote)")];
    return parts.slice(0, 40).map(box);
  }, id);
}

test("a mounted light widget lays out as a shadow one, its article in the light DOM; destroy removes it and the light stylesheet", async (t) => {
  const url = await harnessPage("mounted", `<div id="a"></div><div id="b"><p id="partner-child">The partner's own child</p></div>`);
  const { page, done } = await env.open(t, url, { waitFor: HARNESS });
  await page.evaluate(() => {
    window.a = window.rw.mount(document.getElementById("a"), {});
    window.b = window.rw.mount(document.getElementById("b"), { content: "light" });
  });
  await nextFrames(page, 2);
  const facts = await page.evaluate(() => {
    const b = document.getElementById("b");
    return {
      shadowArticle: b.shadowRoot.querySelectorAll("article").length,
      slot: b.shadowRoot.querySelectorAll("slot[name=rw-article]").length,
      lightArticle: b.querySelectorAll(":scope > .rw-content > article h1").length,
      adopted: document.adoptedStyleSheets.length,
      partnerChild: !!document.getElementById("partner-child"),
    };
  });
  assert.deepEqual(facts, { shadowArticle: 0, slot: 1, lightArticle: 1, adopted: 1, partnerChild: true });
  // The same layout: the article's boxes (title, blocks) within a pixel of the shadow widget's.
  const [shadow, light] = [await articleBoxes(page, "a"), await articleBoxes(page, "b")];
  assert.equal(light.length, shadow.length);
  for (const [i, box] of light.entries()) {
    for (const key of ["x", "y", "w", "h"]) {
      assert.ok(Math.abs(box[key] - shadow[i][key]) <= 1, `box ${i} ${key}: light ${JSON.stringify(box)}, shadow ${JSON.stringify(shadow[i])}`);
    }
  }
  // Same computed style of the article's text.
  const styleOf = (id) => page.evaluate((id) => {
    const host = document.getElementById(id);
    const root = host.shadowRoot.querySelector("article") ? host.shadowRoot : host;
    const pick = (el) => { const s = getComputedStyle(el); return [s.fontSize, s.lineHeight, s.fontFamily, s.color, s.marginBottom, s.fontWeight].join(" | "); };
    return ["h1", ".body p", ".body h2", ".body a", ".byline, .dateline"].map((sel) => pick(root.querySelector(`article ${sel}`)));
  }, id);
  assert.deepEqual(await styleOf("b"), await styleOf("a"));
  await page.evaluate(() => window.b.destroy());
  const after = await page.evaluate(() => ({
    wrapper: document.querySelectorAll("#b > .rw-content").length,
    adopted: document.adoptedStyleSheets.length,
    partnerChild: !!document.getElementById("partner-child"),
  }));
  assert.deepEqual(after, { wrapper: 0, adopted: 0, partnerChild: true });
  done();
});

test("two light widgets on one page: independent, one shared light stylesheet until the last goes", async (t) => {
  const url = await harnessPage("two", `<reading-widget id="a" content="light"></reading-widget><reading-widget id="b" content="light" font-step="5"></reading-widget>`);
  const { page, done } = await env.open(t, url, { waitFor: () => document.getElementById("b")?.widget && document.getElementById("a")?.widget });
  await nextFrames(page, 2);
  const sizes = await page.evaluate(() => ["a", "b"].map((id) => getComputedStyle(document.querySelector(`#${id} > .rw-content .body p`)).fontSize));
  assert.notEqual(sizes[0], sizes[1], "each widget's own text size");
  assert.equal(await page.evaluate(() => document.adoptedStyleSheets.length), 1);
  await page.evaluate(() => document.getElementById("a").remove());
  assert.equal(await page.evaluate(() => document.adoptedStyleSheets.length), 1, "still used by b");
  await page.evaluate(() => document.getElementById("b").remove());
  assert.equal(await page.evaluate(() => document.adoptedStyleSheets.length), 0);
  done();
});

/** Opens the pre-rendered page of `stem` in `content` mode and waits for the takeover. */
async function openPrerendered(t, stem, content, options = {}) {
  return env.open(t, `${WORK_URL}/${stem}.${content}.html`, {
    waitFor: () => document.querySelector("reading-widget")?.widget,
    frames: 2,
    ...options,
  });
}

/** What the settings change on the article's paragraph, wherever it lives. */
function looks(page) {
  return page.evaluate(() => {
    const host = document.querySelector("reading-widget");
    const root = host.shadowRoot.querySelector("article") ? host.shadowRoot : host;
    const article = root.querySelector("article");
    const p = getComputedStyle(root.querySelector(".body p"));
    return {
      fontSize: p.fontSize,
      lines: (parseFloat(p.lineHeight) / parseFloat(p.fontSize)).toFixed(2),
      maxWidth: getComputedStyle(article).maxWidth,
      font: p.fontFamily,
      color: p.color,
      background: getComputedStyle(host.shadowRoot.querySelector(".rw")).backgroundColor,
    };
  });
}

test("pre-rendered light page: taken over, each reading setting applies as in shadow mode", async (t) => {
  const results = {};
  for (const content of ["shadow", "light"]) {
    const { page, done } = await openPrerendered(t, "sample", content);
    const seen = [await looks(page)];
    for (const settings of [{ theme: "dark" }, { lineSpacing: "relaxed" }, { width: "narrow" }, { font: "serif" }]) {
      await page.evaluate((s) => document.querySelector("reading-widget").widget.setSettings(s), settings);
      await nextFrames(page, 1);
      seen.push(await looks(page));
    }
    await page.evaluate(() => document.querySelector("reading-widget").widget.setFontStep(5));
    await nextFrames(page, 1);
    seen.push(await looks(page));
    results[content] = seen;
    done();
  }
  assert.deepEqual(results.light, results.shadow);
  // And each setting did change something.
  const [base, dark, relaxed, narrow, serif, big] = results.light;
  assert.notEqual(dark.color, base.color);
  assert.notEqual(relaxed.lines, base.lines);
  assert.notEqual(narrow.maxWidth, base.maxWidth);
  assert.notEqual(serif.font, base.font);
  assert.notEqual(big.fontSize, base.fontSize);
});

test("pre-rendered light page: navigation, current section, landing on #id and footnote previews", async (t) => {
  const { page, done } = await openPrerendered(t, "sample", "light");
  const first = await page.evaluate(() => {
    const host = document.querySelector("reading-widget");
    return [...host.shadowRoot.querySelectorAll(".toc a")].map((a) => a.getAttribute("data-section"));
  });
  assert.ok(first.length >= 2);
  const target = first[1];
  // A click on the navigation lands on the light heading and makes it current.
  await page.evaluate((id) => document.querySelector("reading-widget").shadowRoot.querySelector(`.toc a[data-section="${id}"]`).click(), target);
  await page.waitForFunction((id) => document.querySelector("reading-widget").shadowRoot.querySelector(`.toc a[data-section="${id}"]`)?.getAttribute("aria-current") === "location", target);
  const top = await page.evaluate((id) => document.getElementById(id).getBoundingClientRect().top, target);
  assert.ok(top >= 0 && top < 120, `the heading is at the top: ${top}`);
  // The API finds the sections in the light DOM too.
  await page.evaluate((id) => document.querySelector("reading-widget").widget.scrollToSection(id), first[0]);
  await page.waitForFunction((id) => document.querySelector("reading-widget").shadowRoot.querySelector(`.toc a[data-section="${id}"]`)?.getAttribute("aria-current") === "location", first[0]);
  // Landing on an #id in the address, on load.
  const { page: landed } = await env.open(t, `${WORK_URL}/sample.light.html#${target}`, { waitFor: () => document.querySelector("reading-widget")?.widget, frames: 3 });
  const landedTop = await landed.evaluate((id) => document.getElementById(id).getBoundingClientRect().top, target);
  assert.ok(landedTop >= 0 && landedTop < 120, `landed on #${target}: ${landedTop}`);
  // A footnote reference's preview.
  const reference = page.locator("reading-widget > .rw-content .footnote-reference a").first();
  assert.equal(await reference.count(), 1, "the sample article has a footnote reference");
  await reference.scrollIntoViewIfNeeded();
  await reference.hover();
  await page.waitForFunction(() => document.querySelector("reading-widget").shadowRoot.querySelector("[popover]:popover-open")?.textContent.trim().length > 0);
  done();
});

test("a mounted light widget: a section link copies its address; another edition is shown in place, in the light DOM", async (t) => {
  const url = await harnessPage("switch", `<div id="a"></div>`);
  const { page, context, done } = await env.open(t, url, { waitFor: HARNESS });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: env.server.url });
  const base = `${env.server.url}/tests/e2e/fixtures/editions/a.en.md`;
  const markdown = await (await fetch(base)).text();
  await page.evaluate(({ markdown, base }) => { window.widget = window.rw.mount(document.getElementById("a"), { markdown, baseUrl: base, content: "light" }); }, { markdown, base });
  await nextFrames(page, 2);
  const section = (await page.evaluate(() => window.widget.sections()))[1];
  await page.getByRole("heading", { name: section.title, exact: true }).hover();
  await page.getByRole("button", { name: `Copy link to section: ${section.title}`, exact: true }).click();
  await page.waitForFunction(() => document.getElementById("a").shadowRoot.querySelector(".status").textContent.trim() === "Link copied");
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `${env.server.url}${url}#${encodeURIComponent(section.id)}`);
  await page.evaluate(() => window.widget.showEdition("ko"));
  await nextFrames(page, 3);
  const after = await page.evaluate(() => {
    const host = document.getElementById("a");
    return {
      wrappers: host.querySelectorAll(":scope > .rw-content").length,
      lang: host.querySelector(":scope > .rw-content > article").getAttribute("lang"),
      adopted: document.adoptedStyleSheets.length,
      shadowArticles: host.shadowRoot.querySelectorAll("article").length,
      current: window.widget.editions().find((e) => e.current).lang,
    };
  });
  assert.deepEqual(after, { wrappers: 1, lang: "ko", adopted: 1, shadowArticles: 0, current: "ko" });
  done();
});

test("a content=light fragment src: its article comes into the light DOM, and the next src replaces only what it put there", async (t) => {
  const page0 = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fragments</title><link rel="icon" href="data:,">
<script type="module" src="/pkg/element.js"></script></head><body>
<reading-widget id="w" src="sample.light.fragment.html"><p id="partner-child">The partner's own child</p></reading-widget></body></html>`;
  await writeFile(path.join(WORK, "fragment-src.html"), page0);
  const { page, done } = await env.open(t, `${WORK_URL}/fragment-src.html`, { waitFor: () => document.getElementById("w")?.widget, frames: 2 });
  const facts = () => page.evaluate(() => {
    const w = document.getElementById("w");
    return {
      wrappers: w.querySelectorAll(":scope > .rw-content").length,
      lang: w.querySelector(":scope > .rw-content > article")?.getAttribute("lang") ?? null,
      shadowArticles: w.shadowRoot.querySelectorAll("article").length,
      partnerChild: !!document.getElementById("partner-child"),
      sections: w.widget.sections().length,
      maxWidth: getComputedStyle(w.querySelector(":scope > .rw-content > article") ?? w.shadowRoot.querySelector("article")).maxWidth,
    };
  });
  const first = await facts();
  assert.deepEqual({ ...first, maxWidth: undefined, sections: first.sections > 0 }, { wrappers: 1, lang: "en", shadowArticles: 0, partnerChild: true, sections: true, maxWidth: undefined });
  assert.notEqual(first.maxWidth, "none", "the light stylesheet came with it");
  await page.evaluate(() => document.getElementById("w").setAttribute("src", "sample.ko.light.fragment.html"));
  await page.waitForFunction(() => document.querySelector("#w > .rw-content > article")?.getAttribute("lang") === "ko" && document.getElementById("w").widget);
  assert.equal((await facts()).wrappers, 1);
  await page.evaluate(() => document.getElementById("w").setAttribute("src", "sample.shadow.fragment.html"));
  await page.waitForFunction(() => document.getElementById("w").shadowRoot.querySelector("article") && document.getElementById("w").widget);
  const last = await facts();
  assert.equal(last.wrappers, 0, "a shadow fragment leaves no light article behind");
  assert.equal(last.partnerChild, true);
  done();
});

test("a long light article: its chunks skip layout off screen as in shadow mode, and a late section is landed on", async (t) => {
  const paragraph = "Words in a paragraph of a long essay, with 한국어 too. ".repeat(25);
  const markdown = Array.from({ length: 120 }, (_, i) => `## Part ${i}\n\n${paragraph}\n\n${paragraph}\n`).join("\n");
  const url = await harnessPage("long", `<div id="a"></div>`);
  const { page, done } = await env.open(t, url, { waitFor: HARNESS });
  await page.evaluate((markdown) => { window.widget = window.rw.mount(document.getElementById("a"), { markdown, content: "light" }); }, markdown);
  await nextFrames(page, 2);
  const chunks = await page.evaluate(() => {
    const chunks = [...document.querySelectorAll("#a > .rw-content .chunk")];
    return { count: chunks.length, visibility: getComputedStyle(chunks.at(-1)).contentVisibility, long: document.querySelector("#a > .rw-content").hasAttribute("data-long") };
  });
  assert.ok(chunks.count > 1, `${chunks.count} chunks`);
  assert.deepEqual({ visibility: chunks.visibility, long: chunks.long }, { visibility: "auto", long: true });
  await page.evaluate(() => window.widget.scrollToSection("part-110"));
  await page.waitForFunction(() => document.getElementById("a").shadowRoot.querySelector('.toc a[data-section="part-110"]')?.getAttribute("aria-current") === "location");
  await nextFrames(page, 3);
  const top = await page.evaluate(() => document.getElementById("part-110").getBoundingClientRect().top);
  assert.ok(top >= 0 && top < 120, `part 110 at the top: ${top}`);
  done();
});

test("a strict Content-Security-Policy page: the mounted light widget's stylesheet is constructed, no violation", async (t) => {
  const csp = `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'">`;
  const url = await harnessPage("csp", `<div id="a"></div>`, { head: csp });
  const violations = [];
  const { page, done } = await env.open(t, url, {
    waitFor: HARNESS,
    initScript: () => document.addEventListener("securitypolicyviolation", (e) => (window.__violations ??= []).push(e.violatedDirective)),
  });
  await page.evaluate(() => window.rw.mount(document.getElementById("a"), { content: "light" }));
  await nextFrames(page, 2);
  const margin = await page.evaluate(() => getComputedStyle(document.querySelector("#a article")).maxWidth);
  assert.notEqual(margin, "none", "the light stylesheet applies");
  violations.push(...((await page.evaluate(() => window.__violations)) ?? []));
  assert.deepEqual(violations, []);
  done();
});

test("no layout shift and no axe violations on the pre-rendered light page", async (t) => {
  const { page, done } = await openPrerendered(t, "sample", "light", {
    initScript: () => {
      window.__shift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
      }).observe({ type: "layout-shift", buffered: true });
    },
  });
  await nextFrames(page, 3);
  assert.equal(await page.evaluate(() => window.__shift), 0, "cumulative layout shift");
  const violations = await axeViolations(page, {});
  assert.deepEqual(violations, []);
  done();
});

// ---- What a partner's CSS reaches ----------------------------------------------------------

const HOSTILE = `p { color: red !important; margin: 5em; } h1, h2 { font-size: 80px; text-transform: uppercase; }
article { border: 3px solid red; padding: 3em; } * { font-family: "Comic Sans MS", cursive; letter-spacing: 3px; }
img { display: none; } a { color: lime; } div { outline: 2px dashed blue; } button { background: yellow; }
li { list-style: square; } .body { background: pink; } .title { color: purple; }`;

const PROPERTIES = ["color", "margin-top", "margin-left", "font-size", "font-family", "letter-spacing", "text-transform", "border-top-width", "padding-top", "display", "outline-style", "background-color", "list-style-type"];

/** Computed values of PROPERTIES for the article's elements and the chrome's, per widget. */
function computed(page) {
  return page.evaluate((properties) => {
    const host = document.querySelector("reading-widget");
    const root = host.shadowRoot.querySelector("article") ? host.shadowRoot : host;
    const snapshot = (elements) => elements.map((el) => { const s = getComputedStyle(el); return properties.map((p) => s.getPropertyValue(p)); });
    return {
      article: snapshot([root.querySelector("article"), ...root.querySelector("article").querySelectorAll("*")]),
      chrome: snapshot([...host.shadowRoot.querySelectorAll(".bar *, .toc *")]),
    };
  }, PROPERTIES);
}

test("a hostile partner stylesheet: what it changes of the article per mode, and nothing of the chrome", async (t) => {
  const counts = {};
  for (const content of ["shadow", "light"]) {
    const clean = await readFile(path.join(WORK, `sample.${content}.html`), "utf8");
    const hostile = clean.replace("</head>", `<style>${HOSTILE}</style>\n</head>`);
    await writeFile(path.join(WORK, `sample.${content}.hostile.html`), hostile);
    const a = await openPrerendered(t, "sample", content);
    const before = await computed(a.page);
    const b = await env.open(t, `${WORK_URL}/sample.${content}.hostile.html`, { waitFor: () => document.querySelector("reading-widget")?.widget, frames: 2 });
    const after = await computed(b.page);
    const changed = new Map();
    let cells = 0;
    for (const [i, row] of after.article.entries()) {
      for (const [j, value] of row.entries()) {
        if (value !== before.article[i][j]) {
          cells++;
          changed.set(PROPERTIES[j], (changed.get(PROPERTIES[j]) ?? 0) + 1);
        }
      }
    }
    // The chrome inherits the page's font family on purpose (README, Styling): the host is the
    // page's element, and `* { font-family }` reaches it. Every other property stays.
    const family = PROPERTIES.indexOf("font-family");
    const withoutFamily = (rows) => rows.map((row) => row.filter((_, j) => j !== family));
    assert.deepEqual(withoutFamily(after.chrome), withoutFamily(before.chrome), `${content}: the chrome is untouched`);
    counts[content] = { elements: after.article.length, changedValues: cells, properties: Object.fromEntries(changed) };
  }
  console.log(JSON.stringify(counts, null, 1));
  assert.deepEqual(Object.keys(counts.shadow.properties), ["font-family"], "shadow mode: only the font family the widget inherits from the page on purpose");
  assert.ok(counts.light.changedValues > 0, "light mode: the page's CSS reaches some of the article (documented in README)");
});

// ---- Screenshots ---------------------------------------------------------------------------

test("screenshots: a light widget beside a shadow one at 1280 px, each alone at 375 and 1280 px", async (t) => {
  const shots = [
    ["light-beside-shadow-1280", WIDE, [{ theme: "sepia" }, { theme: "sepia", content: "light" }]],
    ["shadow-375", NARROW, [{ theme: "sepia" }]],
    ["light-375", NARROW, [{ theme: "sepia", content: "light" }]],
    ["light-1280", WIDE, [{ content: "light" }]],
    ["light-dark-1280", WIDE, [{ theme: "dark", content: "light", font: "sans", width: "narrow" }]],
  ];
  for (const [name, viewport, widgets] of shots) {
    const ids = widgets.map((_, i) => `w${i}`);
    const url = await harnessPage(name, `<div class="${widgets.length > 1 ? "side" : "one"}">${ids.map((id) => `<div id="${id}"></div>`).join("")}</div>`, {
      head: '<link rel="stylesheet" href="/tests/e2e/fixtures/light-shots.css">',
    });
    const { page, done } = await env.open(t, url, { waitFor: HARNESS, viewport });
    await page.evaluate((widgets) => widgets.forEach((options, i) => window.rw.mount(document.getElementById(`w${i}`), options)), widgets);
    await nextFrames(page, 3);
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
    done();
  }
});
