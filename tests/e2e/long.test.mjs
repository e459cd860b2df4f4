// The 1 MB article: with content-visibility on chunks of its blocks, section navigation, deep links,
// keep-my-place on text-size changes and "last section at the bottom" must still be exact.
// Run from the repository root with `node --test tests/e2e/` (after `make build`).

import { test } from "node:test";
import assert from "node:assert/strict";
import {
  FIXTURES, KEEP_PLACE_PX, NARROW, WIDE, WIDGET_READY, assertHeadingAtTop, blockTop, nextFrames, readerGeometry, readingPlace, useBrowser,
  waitForCurrentLink,
} from "./support.mjs";

const PAGE = `${FIXTURES}/long.html`;

const env = useBrowser();

// A 1 MB article takes longer than the other pages to mount.
const open = (t, hash = "") => env.open(t, PAGE + hash, { timeout: 15_000, waitFor: WIDGET_READY, frames: 3 });

async function assertLanded(page, id, label) {
  // Held while the blocks around it get their real height: check now and a few frames later.
  for (const wait of [2, 10]) {
    await nextFrames(page, wait);
    const g = await readerGeometry(page, id);
    assertHeadingAtTop(g, label);
    assert.deepEqual(g.current, [`#${encodeURIComponent(id)}`], `${label}: aria-current`);
  }
}

test("1 MB article: off-screen chunks of blocks are skipped (content-visibility), and there are few of them", async (t) => {
  const { page, done } = await open(t);
  const info = await page.evaluate(() => {
    const root = document.getElementById("reader").shadowRoot;
    const body = root.querySelector(".body");
    const chunks = body.querySelectorAll(":scope > .chunk");
    return {
      long: root.querySelector(".rw").hasAttribute("data-long"),
      chunks: chunks.length,
      outside: [...body.children].filter((c) => !c.classList.contains("chunk")).length,
      blocks: [...chunks].reduce((n, c) => n + c.childElementCount, 0),
      cv: getComputedStyle(chunks[0]).contentVisibility,
      blockCv: getComputedStyle(chunks[0].firstElementChild).contentVisibility,
      sections: widget.sections().length,
    };
  });
  t.diagnostic(JSON.stringify(info));
  assert.ok(info.long, "data-long");
  assert.equal(info.cv, "auto", "chunks are contained");
  assert.equal(info.blockCv, "visible", "blocks are not contained one by one");
  assert.equal(info.outside, 0, "every block is in a chunk");
  assert.ok(info.chunks >= 20 && info.chunks <= 150, `${info.chunks} chunks for ${info.blocks} blocks`);
  assert.ok(info.sections > 500, `${info.sections} sections`);
  done();
});

for (const viewport of [WIDE, NARROW]) test(`1 MB article: the page's height before scrolling is within 1.5x of its laid-out height (${viewport.width} px)`, async (t) => {
  const { page, done } = await env.open(t, PAGE, { viewport, timeout: 15_000, waitFor: WIDGET_READY, frames: 3 });
  const heights = await page.evaluate(async () => {
    const root = document.getElementById("reader").shadowRoot;
    const estimated = document.documentElement.scrollHeight;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(".chunk { content-visibility: visible !important; }");
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    return { estimated, real: document.documentElement.scrollHeight };
  });
  const ratio = heights.estimated / heights.real;
  t.diagnostic(`estimated ${heights.estimated} px, laid out ${heights.real} px: ${ratio.toFixed(2)}x`);
  assert.ok(ratio <= 1.5 && ratio >= 1 / 1.5, `estimate ${ratio.toFixed(2)}x the real height`);
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
  await nextFrames(page, 6);
  for (const step of [5, 1, 3]) {
    const before = await readingPlace(page);
    await page.evaluate((step) => document.getElementById("reader").shadowRoot.querySelector(`.size-step[data-step="${step}"]`).click(), step);
    for (const wait of [2, 10]) {
      await nextFrames(page, wait);
      const top = await blockTop(page, before.index);
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
    await nextFrames(page, 3);
    if (atBottom && (await page.evaluate(() => Math.ceil(scrollY + innerHeight) >= document.documentElement.scrollHeight - 1))) break;
  }
  await waitForCurrentLink(page, `#${last}`, 15_000);
  assert.deepEqual((await readerGeometry(page)).current, [`#${last}`]);
  done();
});

test("1 MB article: the first frame holds a screenful of navigation entries per list, and every entry follows", async (t) => {
  const { page, done } = await open(t);
  const first = await page.evaluate(async () => {
    const [{ mount }, { bigArticle }] = await Promise.all([import("/pkg/reading_widget.js"), import("/bench/article.mjs")]);
    const markdown = bigArticle(await (await fetch("/articles/sample.md")).text());
    const host = document.createElement("div");
    document.body.append(host);
    window.second = mount(host, { markdown, storageKey: false });
    // Right after the first frame.
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
    const nav = host.shadowRoot.querySelector(".toc");
    const items = [...nav.querySelectorAll("li")];
    const shown = items.filter((li) => li.checkVisibility());
    return {
      partial: nav.hasAttribute("data-partial"),
      items: items.length,
      shown: shown.length,
      // Each shown entry's place in its own list.
      deepest: Math.max(...shown.map((li) => [...li.parentElement.children].indexOf(li))),
    };
  });
  t.diagnostic(JSON.stringify(first));
  assert.ok(first.partial, "the first frame leaves most of the navigation out");
  assert.ok(first.items > 500 && first.shown < first.items / 4, `${first.shown} of ${first.items} entries in the first frame`);
  assert.equal(first.deepest, 59, "60 entries of each list");
  await nextFrames(page, 4);
  const after = await page.evaluate(() => {
    const nav = document.body.lastElementChild.shadowRoot.querySelector(".toc");
    const items = [...nav.querySelectorAll("li")];
    return { partial: nav.hasAttribute("data-partial"), hidden: items.filter((li) => !li.checkVisibility()).length };
  });
  assert.deepEqual(after, { partial: false, hidden: 0 }, "every entry is shown from the frame after next");
  await page.evaluate(() => window.second.destroy());
  done();
});
