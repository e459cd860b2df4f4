// End-to-end tests that the widget shifts nothing on a partner's page (issue 16): every embed
// path written as the README shows it (a `src` article, an inline article, a fragment `src`,
// mount() into a container with data-rw-reserve), with pkg/embed.css linked, on a page with
// content after the widget, at 412 and 1280 px; also when the article (or the module) arrives
// only after the page has painted, and when `src` changes to another article. The layout shift
// is the sum of the `layout-shift` entries without recent input, held to the "good" bound of
// 0.01 the issue sets. Run from the repository root with
// `node --test tests/e2e/layout-shift.test.mjs` after `make build`.

import { before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { CLI, REPO_ROOT, WIDE, buildCli, nextFrames, partnerPage, useBrowser } from "./support.mjs";

const env = useBrowser({ pkgFiles: ["element.js", "embed.css", "reading-widget.css", "reading_widget.js", "reading_widget_bg.wasm", "reading_widget_hydrate_bg.wasm"] });

const OUT_DIR = path.join(REPO_ROOT, "target/e2e-shift");
const OUT = "/target/e2e-shift";
const ARTICLE = "/articles/sample.md";
const OTHER_ARTICLE = "/tests/e2e/fixtures/prerender-ko.md";
const PHONE = { width: 412, height: 823 };
/** The bound for "no layout shift". */
const CLS_BOUND = 0.01;

// The paths, each as the README writes it: the page, and the response that brings the article
// (held in the "slow" runs until the page has painted).
const PATHS = {
  src: { page: "src.html", slow: ARTICLE },
  inline: { page: "inline.html", slow: "/pkg/reading_widget_bg.wasm" },
  fragment: { page: "fragment.html", slow: `${OUT}/sample.fragment.html` },
  mount: { page: "mount.html", slow: ARTICLE },
  // content="light" (README, Reader modes and translators): the article in the element's light DOM.
  "src, content=light": { page: "src-light.html", slow: ARTICLE },
  "mount, content=light": { page: "mount-light.html", slow: ARTICLE },
};

before(async () => {
  await buildCli();
  await rm(OUT_DIR, { recursive: true, force: true });
  await mkdir(OUT_DIR, { recursive: true });
  const write = (name, text) => writeFile(path.join(OUT_DIR, name), text);
  const rendered = spawnSync(CLI, ["render", path.join(REPO_ROOT, "articles/sample.md")], { encoding: "utf8" });
  assert.equal(rendered.status, 0, rendered.stderr);
  await write("sample.fragment.html", rendered.stdout);
  const markdown = await readFile(path.join(REPO_ROOT, "articles/sample.md"), "utf8");
  await write("src.html", partnerPage(`<reading-widget id="reader" src="${ARTICLE}"></reading-widget>`));
  await write("inline.html", partnerPage(`<reading-widget id="reader">\n<script type="text/markdown">\n${markdown}\n</script>\n</reading-widget>`));
  await write("fragment.html", partnerPage('<reading-widget id="reader" src="sample.fragment.html"></reading-widget>'));
  // mount(), as the README's API section shows it: the article fetched while the module initialises.
  await write("mount.js", `import init, { mount } from "/pkg/reading_widget.js";
const [, markdown] = await Promise.all([init(), fetch("${ARTICLE}").then((r) => r.text())]);
window.widget = mount(document.getElementById("reader"), { markdown });
`);
  await write("mount.html", partnerPage('<div id="reader" data-rw-reserve></div>', { script: `<script type="module" src="${OUT}/mount.js"></script>` }));
  await write("src-light.html", partnerPage(`<reading-widget id="reader" content="light" src="${ARTICLE}"></reading-widget>`));
  await write("mount-light.js", `import init, { mount } from "/pkg/reading_widget.js";
const [, markdown] = await Promise.all([init(), fetch("${ARTICLE}").then((r) => r.text())]);
window.widget = mount(document.getElementById("reader"), { markdown, content: "light" });
`);
  await write("mount-light.html", partnerPage('<div id="reader" data-rw-reserve></div>', { script: `<script type="module" src="${OUT}/mount-light.js"></script>` }));
});

/** Before the page's scripts: layout shifts without recent input, with their sources. */
function instrument() {
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      window.__shifts.push({ value: entry.value, sources: (entry.sources ?? []).map((s) => `${s.node?.nodeName}#${s.node?.id ?? ""} ${JSON.stringify(s.previousRect)} → ${JSON.stringify(s.currentRect)}`) });
    }
  }).observe({ type: "layout-shift", buffered: true });
}

const SHOWN = () => {
  const host = document.getElementById("reader");
  // The article is in the shadow root, or (content="light") in the element's light DOM.
  const live = host?.shadowRoot?.querySelector(".rw[data-live]");
  return (host?.widget || window.widget) && live && (live.querySelector(".body p") || host.querySelector(":scope > .rw-content .body p"));
};

/**
 * Opens a path's page; with `slow`, the article's response (or the module's) is held until the
 * page has painted twice, so the first paint shows the page without the article. Returns the
 * page, the layout shift so far (with its entries) and where "More from us" was while held.
 */
async function openPath(t, name, { viewport, slow }) {
  const { page: url, slow: held } = PATHS[name];
  let release = () => {};
  const gate = new Promise((resolve) => (release = resolve));
  const opened = await env.open(t, `${OUT}/${url}`, {
    viewport,
    initScript: instrument,
    beforeGoto: slow
      ? (page) =>
          page.route(`**${held}`, async (route) => {
            await gate;
            await route.continue();
          })
      : null,
    waitFor: slow ? () => performance.getEntriesByType("paint").length > 0 : SHOWN,
  });
  let heldMore = null;
  if (slow) {
    await nextFrames(opened.page, 2);
    heldMore = await opened.page.evaluate(() => ({ top: document.getElementById("more").getBoundingClientRect().top, shown: Boolean(document.getElementById("reader").shadowRoot?.querySelector(".body p") || document.querySelector("#reader > .rw-content .body p")) }));
    release();
    await opened.page.waitForFunction(SHOWN);
  }
  await nextFrames(opened.page, 3);
  return { ...opened, heldMore, cls: await shift(opened.page) };
}

const shift = (page) => page.evaluate(() => ({ total: window.__shifts.reduce((sum, s) => sum + s.value, 0), shifts: window.__shifts }));

for (const name of Object.keys(PATHS)) {
  for (const viewport of [PHONE, WIDE]) {
    for (const slow of [false, true]) {
      test(`${name} at ${viewport.width} px${slow ? ", the article arriving after the first paint" : ""}: no layout shift`, async (t) => {
        const { page, cls, heldMore, done } = await openPath(t, name, { viewport, slow });
        if (slow) {
          assert.equal(heldMore.shown, false, "the article was held back");
          assert.ok(heldMore.top >= viewport.height, `while it was, the content after the widget was below the fold (at ${heldMore.top} px)`);
        }
        assert.ok(cls.total <= CLS_BOUND, `layout shift ${cls.total.toFixed(4)} > ${CLS_BOUND}: ${JSON.stringify(cls.shifts)}`);
        // The reservation is let go once the article is shown: the widget is as tall as its article.
        const sizes = await page.evaluate(() => {
          const host = document.getElementById("reader");
          return { host: host.getBoundingClientRect().height, article: host.shadowRoot.querySelector(".rw").getBoundingClientRect().height, reserve: host.hasAttribute("data-rw-reserve") };
        });
        assert.ok(Math.abs(sizes.host - sizes.article) <= 1, `the widget is as tall as its article (${sizes.host} vs ${sizes.article})`);
        assert.equal(sizes.reserve, false);
        done();
      });
    }
  }
}

test("the reservation holds a viewport until the article shows, and the partner's --rw-reserve overrides it", async (t) => {
  let release = () => {};
  const gate = new Promise((resolve) => (release = resolve));
  const { page, done } = await env.open(t, `${OUT}/src.html`, {
    viewport: PHONE,
    initScript: instrument,
    beforeGoto: (page) => page.route(`**${ARTICLE}`, async (route) => {
      await gate;
      await route.continue();
    }),
    waitFor: () => customElements.get("reading-widget"),
  });
  const heights = await page.evaluate(() => {
    const host = document.getElementById("reader");
    const before = host.getBoundingClientRect().height;
    host.style.setProperty("--rw-reserve", "10em");
    const overridden = host.getBoundingClientRect().height;
    host.style.removeProperty("--rw-reserve");
    return { before, overridden, em: parseFloat(getComputedStyle(host).fontSize) };
  });
  assert.equal(heights.before, PHONE.height, "a viewport's height");
  assert.equal(heights.overridden, 10 * heights.em, "--rw-reserve: 10em");
  release();
  await page.waitForFunction(SHOWN);
  done();
});

test("src changes to another article: no collapse in between, no layout shift", async (t) => {
  const { page, done } = await openPath(t, "src", { viewport: PHONE, slow: false });
  const heights = await page.evaluate(async (other) => {
    const host = document.getElementById("reader");
    const seen = [];
    // Every frame until the other article is shown: the widget's height.
    await new Promise((resolve) => {
      const frame = () => {
        seen.push(host.getBoundingClientRect().height);
        if (host.shadowRoot.querySelector(".rw[data-live] h1")?.textContent.includes("해안")) resolve();
        else requestAnimationFrame(frame);
      };
      host.setAttribute("src", other);
      requestAnimationFrame(frame);
    });
    return seen;
  }, OTHER_ARTICLE);
  assert.ok(Math.min(...heights) >= PHONE.height, `the widget never collapsed below a viewport: ${heights.join(", ")}`);
  await nextFrames(page, 3);
  const cls = await shift(page);
  assert.ok(cls.total <= CLS_BOUND, `layout shift ${cls.total.toFixed(4)}: ${JSON.stringify(cls.shifts)}`);
  done();
});
