// The 1 MB article: with content-visibility on its blocks, section navigation, deep links,
// keep-my-place on text-size changes and "last section at the bottom" must still be exact.
// Run from the repository root with `node --test tests/e2e/` (after `make build`).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launchChromium, watchProblems } from "./chromium.mjs";
import { startServer, REPO_ROOT } from "./server.mjs";

const PAGE = "/tests/e2e/fixtures/long.html";
const HEADING_GAP = 8; // the headings' scroll-margin beyond the bar: 0.5rem
const PX = 3;
const KEEP_PLACE_PX = 4;

let server;
let browser;

before(async () => {
  server = await startServer({ root: REPO_ROOT });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(t, hash = "") {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: "reduce", deviceScaleFactor: 1 });
  t.after(() => context.close());
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const problems = watchProblems(page);
  await page.goto(server.url + PAGE + hash);
  await page.waitForFunction(() => window.widget && document.getElementById("reader").shadowRoot?.querySelector(".rw .body"));
  await frames(page, 3);
  return { page, done: () => assert.deepEqual(problems, [], problems.join("\n")) };
}

function frames(page, n = 2) {
  return page.evaluate((n) => new Promise((resolve) => {
    const step = (left) => (left ? requestAnimationFrame(() => step(left - 1)) : resolve());
    step(n);
  }), n);
}

/** Where heading `id` is relative to the sticky bar, and which link is current. */
function geometry(page, id) {
  return page.evaluate((id) => {
    const root = document.getElementById("reader").shadowRoot;
    return {
      barBottom: root.querySelector(".bar").getBoundingClientRect().bottom,
      headingTop: id ? root.getElementById(id).getBoundingClientRect().top : null,
      current: [...root.querySelectorAll(".toc a[aria-current]")].map((a) => a.getAttribute("href")),
    };
  }, id);
}

async function assertLanded(page, id, label) {
  // Held while the blocks around it get their real height: check now and a few frames later.
  for (const wait of [2, 10]) {
    await frames(page, wait);
    const g = await geometry(page, id);
    assert.ok(Math.abs(g.headingTop - (g.barBottom + HEADING_GAP)) <= PX, `${label}: heading at ${g.headingTop.toFixed(1)}, bar bottom ${g.barBottom.toFixed(1)}`);
    assert.deepEqual(g.current, [`#${encodeURIComponent(id)}`], `${label}: aria-current`);
  }
}

test("1 MB article: long articles skip off-screen blocks (content-visibility)", async (t) => {
  const { page, done } = await open(t);
  const info = await page.evaluate(() => {
    const root = document.getElementById("reader").shadowRoot;
    const block = root.querySelector(".body > p");
    return { long: root.querySelector(".rw").hasAttribute("data-long"), cv: getComputedStyle(block).contentVisibility, sections: widget.sections().length };
  });
  assert.deepEqual(info.long && info.cv, "auto");
  assert.ok(info.sections > 500, `${info.sections} sections`);
  done();
});

test("1 MB article: section links far down and back up land on their headings", async (t) => {
  const { page, done } = await open(t);
  const sections = await page.evaluate(() => widget.sections());
  for (const index of [Math.floor(sections.length * 0.6), Math.floor(sections.length * 0.1), sections.length - 40]) {
    const id = sections[index].id;
    await page.evaluate((id) => {
      const link = document.getElementById("reader").shadowRoot.querySelector(`.toc a[data-section="${CSS.escape(id)}"]`);
      link.scrollIntoView({ block: "center" });
      link.click();
    }, id);
    await assertLanded(page, id, `link to section ${index}`);
  }
  done();
});

test("1 MB article: opening the page with #id lands on that section", async (t) => {
  // Open once to learn an id far into the article, then open with it in the address.
  const first = await open(t);
  const id = await first.page.evaluate(() => widget.sections()[Math.floor(widget.sections().length / 2)].id);
  const { page, done } = await open(t, `#${encodeURIComponent(id)}`);
  await assertLanded(page, id, "deep link");
  done();
});

test("1 MB article: changing the text size keeps the reader's place", async (t) => {
  const { page, done } = await open(t);
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight * 0.45));
  await frames(page, 6);
  const anchor = () =>
    page.evaluate(() => {
      const root = document.getElementById("reader").shadowRoot;
      const line = root.querySelector(".bar").getBoundingClientRect().bottom;
      const blocks = [...root.querySelector(".body").children];
      const index = blocks.findIndex((b) => b.getBoundingClientRect().bottom > line);
      return { index, top: blocks[index].getBoundingClientRect().top };
    });
  const topOf = (index) => page.evaluate((i) => document.getElementById("reader").shadowRoot.querySelector(".body").children[i].getBoundingClientRect().top, index);
  for (const step of [5, 1, 3]) {
    const before = await anchor();
    await page.evaluate((step) => document.getElementById("reader").shadowRoot.querySelector(`.size-step[data-step="${step}"]`).click(), step);
    for (const wait of [2, 10]) {
      await frames(page, wait);
      const top = await topOf(before.index);
      assert.ok(Math.abs(top - before.top) <= KEEP_PLACE_PX, `step ${step}: block ${before.index} moved from ${before.top.toFixed(1)} to ${top.toFixed(1)}`);
    }
  }
  done();
});

test("1 MB article: at the very bottom the last section is current", async (t) => {
  const { page, done } = await open(t);
  const last = await page.evaluate(() => widget.sections().at(-1).id);
  // As a reader pressing End until the page stops moving.
  for (let i = 0; i < 20; i++) {
    const atBottom = await page.evaluate(() => {
      window.scrollTo(0, document.documentElement.scrollHeight);
      return Math.ceil(scrollY + innerHeight) >= document.documentElement.scrollHeight - 1;
    });
    await frames(page, 3);
    if (atBottom && (await page.evaluate(() => Math.ceil(scrollY + innerHeight) >= document.documentElement.scrollHeight - 1))) break;
  }
  await page.waitForFunction((href) => {
    const links = [...document.getElementById("reader").shadowRoot.querySelectorAll(".toc a[aria-current]")];
    return links.length === 1 && links[0].getAttribute("href") === href;
  }, `#${last}`).catch(() => {});
  assert.deepEqual((await geometry(page)).current, [`#${last}`]);
  done();
});
