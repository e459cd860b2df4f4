// End-to-end tests of the reading widget in headless Chromium, driven the way a reader uses it:
// clicking the text-size controls, following the section links, pressing keys, resizing, and
// switching language and theme. Run from the repository root with `node --test tests/e2e/`
// (after `wasm-pack build --release --target web`, which writes pkg/).
//
// Every test opens its own browser context (so its own, empty localStorage) and fails on any
// uncaught page error or console error, except the host page's missing /favicon.ico.

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { assertHeadingAtTop, AXE, blockTop, decodePng, DEFAULT_STORAGE_KEY, HEADING_GAP, KEEP_PLACE_PX, NARROW, nextFrames, parseColor, PX, readerGeometry, readingPlace, useBrowser, waitForCurrentLink, WIDE, WIDGET_READY, widgetReady } from "./support.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ARTIFACTS = path.join(HERE, "artifacts");
const PAGE = "/www/index.html";
const SCALES = { 1: 0.875, 2: 0.9375, 3: 1, 4: 1.125, 5: 1.25 };

const env = useBrowser({ pkgFiles: ["reading_widget_bg.wasm"] });

// ---- Helpers ----------------------------------------------------------------------------

/** Opens the host page as env.open does, waiting for the widget; adds a locator for its host element. */
async function open(t, { url = PAGE, ...options } = {}) {
  const opened = await env.open(t, url, { waitFor: WIDGET_READY, frames: 2, ...options });
  return { ...opened, host: opened.page.locator("#reader") };
}

/** Records the widget's events on the host element into window.__events. */
function recordEvents(page) {
  return page.evaluate(() => {
    window.__events = [];
    const target = document.getElementById("reader");
    target.addEventListener("fontstepchange", (e) => window.__events.push({ type: e.type, step: e.detail.step }));
    target.addEventListener("sectionchange", (e) => window.__events.push({ type: e.type, id: e.detail.id }));
    // Composed and bubbling: the document sees them too.
    document.addEventListener("sectionchange", () => (window.__sawSectionchangeOnDocument = true));
  });
}

const events = (page, type) => page.evaluate((type) => window.__events.filter((e) => e.type === type), type);

/** Waits until the heading with `id` sits just below the sticky bar. */
async function waitForHeadingAtTop(page, id, timeout = 5_000) {
  await page
    .waitForFunction(
      ({ id, gap, px }) => {
        const root = document.getElementById("reader").shadowRoot;
        const bar = root.querySelector(".bar").getBoundingClientRect();
        const top = root.getElementById(id).getBoundingClientRect().top;
        return Math.abs(top - (bar.bottom + gap)) <= px;
      },
      { id, gap: HEADING_GAP, px: PX },
      { timeout },
    )
    .catch(() => {});
  return readerGeometry(page, id);
}

/** The href of each link that has aria-current, and its value. */
function currentLinks(host) {
  return host.evaluate((host) =>
    [...host.shadowRoot.querySelectorAll(".toc a[aria-current]")].map((a) => ({
      href: a.getAttribute("href"),
      current: a.getAttribute("aria-current"),
    })),
  );
}

async function waitForCurrent(page, id, timeout = 5_000) {
  await waitForCurrentLink(page, `#${id}`, timeout);
  return currentLinks(page.locator("#reader"));
}

function assertCurrent(links, id, label) {
  // The links' hrefs hold the raw id (the address bar shows it percent-encoded).
  assert.deepEqual(links, [{ href: `#${id}`, current: "location" }], `${label}: aria-current`);
}

/** The shadow root's focused element, described. */
function focused(host) {
  return host.evaluate((host) => {
    const el = host.shadowRoot.activeElement;
    return {
      documentActiveIsHost: document.activeElement === host,
      tag: el?.tagName.toLowerCase() ?? null,
      id: el?.id || null,
      className: el?.className || null,
      label: el?.getAttribute("aria-label") ?? null,
      href: el?.getAttribute("href") ?? null,
    };
  });
}

function paragraphFontSize(host) {
  return host.evaluate((host) => parseFloat(getComputedStyle(host.shadowRoot.querySelector(".body > p")).fontSize));
}

async function pressedSteps(page) {
  const out = {};
  for (let n = 1; n <= 5; n++) {
    out[n] = await page.getByRole("button", { name: `Text size ${n}`, exact: true }).getAttribute("aria-pressed");
  }
  return out;
}

function assertPressed(pressed, step) {
  const expected = Object.fromEntries([1, 2, 3, 4, 5].map((n) => [n, n === step ? "true" : "false"]));
  assert.deepEqual(pressed, expected, `only "Text size ${step}" is pressed`);
}

function scrollY(page) {
  return page.evaluate(() => window.scrollY);
}

function luminance([r, g, b]) {
  const lin = (c) => {
    c /= 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

function widgetColors(host) {
  return host.evaluate((host) => {
    const rw = host.shadowRoot.querySelector(".rw");
    const style = getComputedStyle(rw);
    return { theme: rw.dataset.theme, background: style.backgroundColor, color: style.color };
  });
}

function formatViolations(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 8)
        .map((n) => `      at ${JSON.stringify(n.target)}\n        ${(n.failureSummary ?? "").replace(/\n/g, "\n        ")}`)
        .join("\n");
      return `  [${v.impact}] ${v.id}: ${v.help} (${v.nodes.length} node(s))\n    ${v.helpUrl}\n${nodes}`;
    })
    .join("\n");
}

async function runAxe(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    });
    return {
      passes: result.passes.length,
      incomplete: result.incomplete.map((v) => v.id),
      violations: result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
      })),
    };
  });
}

// ---- Text size ----------------------------------------------------------------------------

test("text size: every control works, aria-pressed and disabled follow, the article scales", async (t) => {
  const { page, host, done } = await open(t);
  await recordEvents(page);

  const toolbar = page.getByRole("toolbar", { name: "Text size" });
  await toolbar.waitFor();
  const decrease = toolbar.getByRole("button", { name: "Decrease text size", exact: true });
  const increase = toolbar.getByRole("button", { name: "Increase text size", exact: true });
  const stepButton = (n) => toolbar.getByRole("button", { name: `Text size ${n}`, exact: true });

  // Default: step 3, which is exactly the host's font size.
  assertPressed(await pressedSteps(page), 3);
  assert.equal(await page.evaluate(() => widget.fontStep), 3);
  for (let n = 1; n <= 5; n++) assert.equal((await stepButton(n).textContent()).trim(), "A", `step ${n} shows an "A"`);
  const base = await host.evaluate((host) => parseFloat(getComputedStyle(host).fontSize));
  const sizes = { 3: await paragraphFontSize(host) };
  assert.equal(sizes[3], base, "step 3 is the host's base font size");
  assert.equal(await decrease.isDisabled(), false);
  assert.equal(await increase.isDisabled(), false);

  // Decrease twice: 2, then 1, where "decrease" is disabled and focus moves to "Text size 1".
  await decrease.click();
  assertPressed(await pressedSteps(page), 2);
  sizes[2] = await paragraphFontSize(host);
  await decrease.click();
  assertPressed(await pressedSteps(page), 1);
  sizes[1] = await paragraphFontSize(host);
  assert.equal(await decrease.isDisabled(), true, "decrease is disabled at step 1");
  assert.equal(await increase.isDisabled(), false);
  const afterEnd = await focused(host);
  assert.equal(afterEnd.label, "Text size 1", "focus moves from the disabled button to the current step");
  assert.ok(afterEnd.documentActiveIsHost, "focus stays inside the widget");

  // Increase step by step to 5, where "increase" is disabled.
  await increase.click();
  assertPressed(await pressedSteps(page), 2);
  await increase.click();
  assertPressed(await pressedSteps(page), 3);
  assert.equal(await paragraphFontSize(host), base, "back at step 3, the base size");
  await increase.click();
  assertPressed(await pressedSteps(page), 4);
  sizes[4] = await paragraphFontSize(host);
  await increase.click();
  assertPressed(await pressedSteps(page), 5);
  sizes[5] = await paragraphFontSize(host);
  assert.equal(await increase.isDisabled(), true, "increase is disabled at step 5");
  assert.equal(await decrease.isDisabled(), false);
  assert.equal((await focused(host)).label, "Text size 5");

  // Each step button selects its step directly.
  for (const n of [1, 4, 2, 5, 3]) {
    await stepButton(n).click();
    assertPressed(await pressedSteps(page), n);
    assert.equal(await page.evaluate(() => widget.fontStep), n);
    assert.equal(await host.evaluate((h) => h.shadowRoot.querySelector(".rw").dataset.step), String(n));
    assert.equal(await decrease.isDisabled(), n === 1, `decrease disabled only at step 1 (step ${n})`);
    assert.equal(await increase.isDisabled(), n === 5, `increase disabled only at step 5 (step ${n})`);
    assert.equal(await paragraphFontSize(host), sizes[n], `step ${n} gives the same size every time`);
  }

  // The sizes grow monotonically and match the documented scale.
  for (let n = 1; n < 5; n++) assert.ok(sizes[n + 1] > sizes[n], `step ${n + 1} (${sizes[n + 1]}px) > step ${n} (${sizes[n]}px)`);
  assert.ok(sizes[5] >= 1.25 * sizes[1], `step 5 (${sizes[5]}px) >= 1.25 × step 1 (${sizes[1]}px)`);
  for (let n = 1; n <= 5; n++) assert.ok(Math.abs(sizes[n] - base * SCALES[n]) < 0.01, `step ${n} is ${SCALES[n]} × base`);

  // One fontstepchange per change, with the new step.
  assert.deepEqual(
    (await events(page, "fontstepchange")).map((e) => e.step),
    [2, 1, 2, 3, 4, 5, 1, 4, 2, 5, 3],
  );
  done();
});

test("text size: arrow keys move focus along the toolbar, without scrolling the page", async (t) => {
  const { page, host, done } = await open(t);
  // Read a little way in, so that a key that also scrolled the page would show.
  await page.evaluate(() => window.scrollTo(0, 3000));
  await nextFrames(page);
  const y0 = await scrollY(page);
  const moves = [];
  const press = async (key, expected, note) => {
    await page.keyboard.press(key);
    await nextFrames(page);
    assert.equal((await focused(host)).label, expected, `${key}${note ? ` (${note})` : ""}`);
    moves.push({ key, scrollY: await scrollY(page) });
  };
  await page.getByRole("button", { name: "Text size 3", exact: true }).focus();
  await press("ArrowRight", "Text size 4");
  await press("ArrowDown", "Text size 5");
  await press("End", "Increase text size");
  await press("ArrowRight", "Decrease text size", "wraps around");
  await press("ArrowLeft", "Increase text size", "wraps around");
  await press("ArrowUp", "Text size 5");
  await press("Home", "Decrease text size");
  await page.keyboard.press("Enter");
  assertPressed(await pressedSteps(page), 2);
  await page.keyboard.press("Space");
  assertPressed(await pressedSteps(page), 1);

  // Regression: a passive keydown listener (gloo_events' default) let ArrowUp/ArrowDown/Home/End
  // also scroll the page.
  assert.deepEqual(
    moves.filter((m) => Math.abs(m.scrollY - y0) > 1),
    [],
    `arrow keys in the toolbar must not scroll the page (scrollY was ${y0})`,
  );
  done();
});

test("text size: the reader's choice persists across a reload", async (t) => {
  const { page, host, done } = await open(t);
  assert.equal(await page.evaluate((key) => localStorage.getItem(key), DEFAULT_STORAGE_KEY), null, "fresh context, nothing stored");
  await page.getByRole("button", { name: "Text size 4", exact: true }).click();
  assert.equal(await page.evaluate((key) => localStorage.getItem(key), DEFAULT_STORAGE_KEY), "4");
  const size4 = await paragraphFontSize(host);

  await page.reload();
  await widgetReady(page);
  assert.equal(await page.evaluate(() => widget.fontStep), 4);
  assertPressed(await pressedSteps(page), 4);
  assert.equal(await paragraphFontSize(host), size4);

  // And back to 3, also remembered.
  await page.getByRole("button", { name: "Decrease text size", exact: true }).click();
  await page.reload();
  await widgetReady(page);
  assert.equal(await page.evaluate(() => widget.fontStep), 3);
  assertPressed(await pressedSteps(page), 3);
  assert.equal(await page.evaluate((key) => localStorage.getItem(key), DEFAULT_STORAGE_KEY), "3");
  done();
});

for (const [width, viewport] of [["1280", WIDE], ["375", NARROW]]) {
  test(`text size: changing it keeps the reader's place (${width} px)`, async (t) => {
    const { page, done } = await open(t, { viewport });
    await page.evaluate(() => window.scrollTo(0, (document.documentElement.scrollHeight - innerHeight) / 2));
    await nextFrames(page);

    const start = await readingPlace(page);
    assert.ok(start.index > 3 && start.index < start.count - 3, `scrolled into the middle of the article (block ${start.index} of ${start.count})`);

    const steps = [
      ["Increase text size", 4],
      ["Text size 5", 5],
      ["Text size 1", 1],
      ["Decrease text size", 1], // disabled: nothing happens
      ["Text size 3", 3],
    ];
    for (const [name, step] of steps) {
      const button = page.getByRole("button", { name, exact: true });
      if (await button.isDisabled()) continue;
      // The block being read right before this change (a size change can make another block
      // the first one below the bar, and that one is then the reader's place).
      const before = await readingPlace(page);
      await button.click();
      await nextFrames(page);
      assert.equal(await page.evaluate(() => widget.fontStep), step);
      const top = await blockTop(page, before.index);
      t.diagnostic(`"${name}" → step ${step}: ${before.tag} #${before.index} moved ${(top - before.top).toFixed(1)}px`);
      assert.ok(
        Math.abs(top - before.top) <= KEEP_PLACE_PX,
        `after "${name}" (step ${step}), the ${before.tag} being read moved from ${before.top.toFixed(1)} to ${top.toFixed(1)}`,
      );
    }
    // Also through the JS handle.
    const before = await readingPlace(page);
    await page.evaluate(() => widget.setFontStep(5));
    await nextFrames(page);
    const top = await blockTop(page, before.index);
    assert.ok(Math.abs(top - before.top) <= KEEP_PLACE_PX, `setFontStep(5): moved from ${before.top.toFixed(1)} to ${top.toFixed(1)}`);
    done();
  });
}

// ---- Navigation ---------------------------------------------------------------------------

test("navigation: clicking a section link lands on its heading, updates the address, aria-current and focus", async (t) => {
  const { page, host, done } = await open(t);
  await recordEvents(page);
  const sections = await page.evaluate(() => widget.sections());
  assert.ok(sections.length >= 6, "the sample article has sections");
  const nav = page.getByRole("navigation", { name: "Sections" });
  await nav.waitFor();
  assert.equal(await nav.getByRole("link").count(), sections.length, "one link per section");

  // A mid-article section, then one with a non-ASCII id, then back up to the first.
  const targets = [sections[4], sections.find((s) => /[^\x00-\x7f]/.test(s.id)), sections[0]];
  for (const section of targets) {
    await nav.getByRole("link", { name: section.title, exact: true }).click();
    const geometry = await waitForHeadingAtTop(page, section.id);
    assertHeadingAtTop(geometry, `after clicking "${section.title}"`);
    assert.equal(await page.evaluate(() => location.hash), `#${encodeURIComponent(section.id)}`, "location.hash");
    assert.equal(await page.evaluate(() => location.pathname), PAGE, "same page, no navigation");
    assertCurrent(await waitForCurrent(page, section.id), section.id, `after clicking "${section.title}"`);
    const focus = await focused(host);
    assert.equal(focus.id, section.id, "focus moves to the heading");
    assert.ok(focus.documentActiveIsHost);
    assert.ok(["h2", "h3"].includes(focus.tag));
    // Still where it landed a moment later (nothing scrolls it again).
    await nextFrames(page, 3);
    assertHeadingAtTop(await readerGeometry(page, section.id), `a moment after clicking "${section.title}"`);
  }

  const changes = (await events(page, "sectionchange")).map((e) => e.id);
  for (const section of targets) assert.ok(changes.includes(section.id), `sectionchange fired for ${section.id}: ${JSON.stringify(changes)}`);
  assert.equal(changes.at(-1), targets.at(-1).id, "the last sectionchange names the section now current");
  assert.ok(await page.evaluate(() => window.__sawSectionchangeOnDocument), "sectionchange bubbles out of the widget");
  done();
});

test("navigation: Tab to a section link and press Enter", async (t) => {
  const { page, host, done } = await open(t);
  const sections = await page.evaluate(() => widget.sections());
  const section = sections[6];
  const href = `#${section.id}`;

  await page.locator("body").click({ position: { x: 5, y: 5 } });
  let reached = false;
  for (let i = 0; i < 60 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = (await focused(host)).href === href;
  }
  assert.ok(reached, `Tab reaches the link to ${section.id}`);
  await page.keyboard.press("Enter");
  assertHeadingAtTop(await waitForHeadingAtTop(page, section.id), "after Enter");
  assert.equal(await page.evaluate(() => location.hash), `#${encodeURIComponent(section.id)}`);
  assertCurrent(await waitForCurrent(page, section.id), section.id, "after Enter");
  assert.equal((await focused(host)).id, section.id, "focus is on the heading");

  // The next Tab continues from the heading (to what follows it), not from the nav link.
  await page.keyboard.press("Tab");
  const next = await host.evaluate((host, id) => {
    const el = host.shadowRoot.activeElement;
    const heading = host.shadowRoot.getElementById(id);
    return el ? { follows: !!(heading.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING), what: el.outerHTML.slice(0, 80) } : null;
  }, section.id);
  assert.ok(next?.follows, `Tab after the jump moves on from the heading, not back into the nav (got ${next?.what})`);
  done();
});

test("navigation: opening the page with #id lands on that section", async (t) => {
  // Learn the ids first (a throwaway page), then open a fresh one with the hash.
  const probe = await open(t);
  const sections = await probe.page.evaluate(() => widget.sections());
  probe.done();
  const mid = sections[Math.floor(sections.length / 2)];
  const { page, done } = await open(t, { url: `${PAGE}#${encodeURIComponent(mid.id)}` });
  assertHeadingAtTop(await waitForHeadingAtTop(page, mid.id), `opened with #${mid.id}`);
  assertCurrent(await waitForCurrent(page, mid.id), mid.id, `opened with #${mid.id}`);
  assert.ok((await scrollY(page)) > 500, "the page scrolled down to the section");

  // A non-ASCII id, percent-encoded in the address.
  const korean = sections.find((s) => /[^\x00-\x7f]/.test(s.id));
  const second = await open(t, { url: `${PAGE}#${encodeURIComponent(korean.id)}` });
  assertHeadingAtTop(await waitForHeadingAtTop(second.page, korean.id), `opened with #${korean.id}`);
  assertCurrent(await waitForCurrent(second.page, korean.id), korean.id, `opened with #${korean.id}`);

  // Changing the hash later (the reader edits the address, or a link on the host page) follows it.
  const later = sections[2];
  await page.evaluate((id) => (location.hash = encodeURIComponent(id)), later.id);
  assertHeadingAtTop(await waitForHeadingAtTop(page, later.id), `hashchange to #${later.id}`);
  assertCurrent(await waitForCurrent(page, later.id), later.id, `hashchange to #${later.id}`);
  second.done();
  done();
});

test("navigation: at the very bottom, the last section is current", async (t) => {
  const { page, host, done } = await open(t);
  await recordEvents(page);
  const sections = await page.evaluate(() => widget.sections());
  const last = sections.at(-1);

  // Scroll until at the bottom: the page grows a little when "Back to top" appears, so keep
  // going as a reader pressing End again would.
  await page.waitForFunction(() => {
    window.scrollTo(0, document.documentElement.scrollHeight);
    return Math.ceil(scrollY + innerHeight) >= document.documentElement.scrollHeight - 1;
  });
  assertCurrent(await waitForCurrent(page, last.id), last.id, "scrolled to the bottom");
  assert.equal((await events(page, "sectionchange")).at(-1)?.id, last.id, "sectionchange named the last section");

  // Reading upwards from the bottom: the current section follows the reading line again.
  const middle = sections[3];
  await host.evaluate((host, id) => host.shadowRoot.getElementById(id).scrollIntoView({ block: "start" }), middle.id);
  assertCurrent(await waitForCurrent(page, middle.id), middle.id, "scrolled back to a middle section");
  done();
});

test("navigation: following a link near the end keeps that section current", async (t) => {
  const { page, done } = await open(t);
  const sections = await page.evaluate(() => widget.sections());
  // The second-to-last section: the page may end before its heading reaches the bar.
  const section = sections.at(-2);
  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: section.title, exact: true }).click();
  await waitForHeadingAtTop(page, section.id, 1_000);
  await nextFrames(page, 3);
  assertCurrent(await waitForCurrent(page, section.id), section.id, `after clicking "${section.title}"`);
  assert.equal(await page.evaluate(() => location.hash), `#${encodeURIComponent(section.id)}`);
  done();
});

test("navigation: with smooth scrolling (no reduced motion) the heading still lands below the bar", async (t) => {
  const { page, done } = await open(t, { reducedMotion: "no-preference" });
  const sections = await page.evaluate(() => widget.sections());
  const section = sections[5];
  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: section.title, exact: true }).click();
  // Smooth scrolling takes a few hundred milliseconds; wait for it to land.
  assertHeadingAtTop(await waitForHeadingAtTop(page, section.id, 5_000), "after a smooth scroll");
  assertCurrent(await waitForCurrent(page, section.id), section.id, "after a smooth scroll");
  done();
});

// ---- Back to top --------------------------------------------------------------------------

test("back to top: hidden at first, shown after one screen, returns to the title", async (t) => {
  const { page, host, done } = await open(t);
  const button = page.getByRole("button", { name: "Back to top", exact: true });
  const widgetTop = await host.evaluate((host) => host.getBoundingClientRect().top + scrollY);

  assert.equal(await page.locator(".to-top").getAttribute("hidden"), "", "has the hidden attribute at the top");
  assert.equal(await button.count(), 0, "not exposed while hidden");

  // A little scrolling is not enough.
  await page.evaluate(() => window.scrollBy(0, innerHeight / 2));
  await nextFrames(page, 3);
  assert.equal(await page.locator(".to-top").isVisible(), false, "still hidden within the first screen");

  // Past one screen of the widget.
  await page.evaluate((top) => window.scrollTo(0, top + innerHeight + 200), widgetTop);
  await button.waitFor({ state: "visible" });
  const box = await button.boundingBox();
  const viewport = page.viewportSize();
  assert.ok(box.y >= 0 && box.y + box.height <= viewport.height, "the button is on screen");

  await button.click();
  await page.waitForFunction((top) => Math.abs(scrollY - top) <= 1, widgetTop).catch(() => {});
  assert.ok(Math.abs((await scrollY(page)) - widgetTop) <= 1, `scrollY ${await scrollY(page)} returns to the widget top ${widgetTop}`);
  const focus = await focused(host);
  assert.ok(focus.documentActiveIsHost, "document.activeElement is the widget's host");
  assert.equal(focus.tag, "h1", "focus is on the title");
  assert.match(focus.className, /\btitle\b/);
  await page.locator(".to-top").waitFor({ state: "hidden" });

  // Through the JS handle, too.
  await page.evaluate(() => window.scrollTo(0, 3000));
  await page.evaluate(() => widget.scrollToTop());
  await page.waitForFunction((top) => Math.abs(scrollY - top) <= 1, widgetTop).catch(() => {});
  assert.ok(Math.abs((await scrollY(page)) - widgetTop) <= 1, "scrollToTop() returns to the widget top");
  done();
});

test("print: the article prints without the controls", async (t) => {
  const { page, done } = await open(t);
  await page.emulateMedia({ media: "print" });
  const shown = await page.evaluate(() => {
    const root = document.getElementById("reader").shadowRoot;
    const display = (selector) => getComputedStyle(root.querySelector(selector)).display;
    return { bar: display(".bar"), nav: display(".toc"), top: display(".to-top"), article: display("article"), title: display("h1") };
  });
  assert.deepEqual(shown, { bar: "none", nav: "none", top: "none", article: "block", title: "block" });
  done();
});

// ---- Narrow screens -----------------------------------------------------------------------

test("narrow (375 px): no horizontal scrolling; the sections disclosure opens and closes", async (t) => {
  const { page, host, done } = await open(t, { viewport: NARROW });
  const noHorizontalScroll = async (label) => {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= NARROW.width, `${label}: document scrollWidth ${width} <= ${NARROW.width}`);
  };
  await noHorizontalScroll("at step 3");

  const toggle = page.getByRole("button", { name: "Sections", exact: true });
  const nav = page.locator("nav.toc");
  assert.ok(await toggle.isVisible(), "the Sections toggle is visible");
  assert.equal(await toggle.getAttribute("aria-expanded"), "false");
  assert.equal(await toggle.getAttribute("aria-controls"), await nav.getAttribute("id"), "aria-controls names the nav");
  assert.equal(await nav.isVisible(), false, "the nav is hidden");

  await toggle.click();
  assert.equal(await toggle.getAttribute("aria-expanded"), "true");
  await nav.waitFor({ state: "visible" });
  await noHorizontalScroll("with the nav open");

  // Escape closes it and puts focus back on the toggle.
  await page.getByRole("navigation", { name: "Sections" }).getByRole("link").first().focus();
  await page.keyboard.press("Escape");
  assert.equal(await toggle.getAttribute("aria-expanded"), "false");
  await nav.waitFor({ state: "hidden" });
  assert.equal((await focused(host)).className, "nav-toggle", "focus returns to the toggle");

  // Open again and follow a link: the nav closes and the heading lands below the bar.
  await toggle.click();
  await nav.waitFor({ state: "visible" });
  const sections = await page.evaluate(() => widget.sections());
  const section = sections[4];
  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: section.title, exact: true }).click();
  await nav.waitFor({ state: "hidden" });
  assert.equal(await toggle.getAttribute("aria-expanded"), "false", "following a link closes the nav");
  assertHeadingAtTop(await waitForHeadingAtTop(page, section.id), "narrow, after following a link");
  assert.equal(await page.evaluate(() => location.hash), `#${encodeURIComponent(section.id)}`);

  // The largest text size still fits.
  await page.getByRole("button", { name: "Text size 5", exact: true }).click();
  await noHorizontalScroll("at step 5");
  done();
});

test("narrow (320 px, WCAG 1.4.10 Reflow): no horizontal scrolling, every control on screen", async (t) => {
  const { page, done } = await open(t, { viewport: { width: 320, height: 700 } });
  const overflow = await page.evaluate(() => {
    const root = document.getElementById("reader").shadowRoot;
    return {
      scrollWidth: document.documentElement.scrollWidth,
      offScreen: [...root.querySelectorAll(".bar button")]
        .filter((b) => b.getBoundingClientRect().right > innerWidth + 0.5)
        .map((b) => `${b.getAttribute("aria-label") ?? b.textContent.trim()} (right edge ${b.getBoundingClientRect().right.toFixed(0)}px)`),
    };
  });
  done();
  // Regression: the bar's eight buttons once needed 331 px here.
  assert.deepEqual(overflow, { scrollWidth: 320, offScreen: [] }, "the bar fits in 320 CSS px");
});

test("wide (1280 px): the nav is a visible column and the toggle is not shown", async (t) => {
  const { page, done } = await open(t);
  assert.equal(await page.locator(".nav-toggle").isVisible(), false, "no disclosure button when wide");
  assert.ok(await page.getByRole("navigation", { name: "Sections" }).isVisible());
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= WIDE.width);
  done();
});

test("a strict Content-Security-Policy on the host page (via the server's header hook) is enough", async (t) => {
  const policy = [
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "connect-src 'self'",
    "img-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
  env.server.setHeaders((pathname) => (pathname === PAGE ? { "Content-Security-Policy": policy } : {}));
  t.after(() => env.server.setHeaders(null));
  const { page, host, done } = await open(t);
  assert.equal(await page.evaluate(() => document.querySelector("meta[http-equiv]")), null);
  // The stylesheet applied (a constructed sheet, so style-src 'self' does not block it).
  const styled = await host.evaluate((host) => getComputedStyle(host.shadowRoot.querySelector(".bar")).position);
  assert.equal(styled, "sticky", "the widget's stylesheet is applied");
  await page.getByRole("button", { name: "Text size 5", exact: true }).click();
  assertPressed(await pressedSteps(page), 5);
  const sections = await page.evaluate(() => widget.sections());
  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: sections[2].title, exact: true }).click();
  assertHeadingAtTop(await waitForHeadingAtTop(page, sections[2].id), "under CSP");
  done(); // a CSP violation would have been logged as a console error
});

// ---- Languages ----------------------------------------------------------------------------

const LANGS = {
  ko: { nav: "목차", top: "페이지 상단으로 이동", toolbar: "글자 크기" },
  ja: { nav: "目次", top: "ページの先頭へ", toolbar: "文字サイズ" },
};

for (const [lang, labels] of Object.entries(LANGS)) {
  test(`language: ?lang=${lang} labels the widget in ${lang}`, async (t) => {
    const { page, host, done } = await open(t, { url: `${PAGE}?lang=${lang}` });
    assert.equal(await host.evaluate((host) => host.shadowRoot.querySelector(".rw").lang), lang);
    assert.ok(await page.getByRole("navigation", { name: labels.nav, exact: true }).isVisible(), `nav named "${labels.nav}"`);
    assert.ok(await page.getByRole("toolbar", { name: labels.toolbar, exact: true }).isVisible(), `toolbar named "${labels.toolbar}"`);
    assert.equal((await page.locator(".to-top").textContent()).trim(), labels.top);

    await page.evaluate(() => window.scrollTo(0, innerHeight * 2));
    const top = page.getByRole("button", { name: labels.top, exact: true });
    await top.waitFor({ state: "visible" });
    await top.click();
    assert.equal((await focused(host)).tag, "h1");
    done();
  });
}

test("language: the host page's language select remounts the widget", async (t) => {
  const { page, done } = await open(t);
  assert.ok(await page.getByRole("navigation", { name: "Sections", exact: true }).isVisible());
  await page.selectOption("#lang", "ja");
  await page.getByRole("navigation", { name: "目次", exact: true }).waitFor();
  assert.match(await page.evaluate(() => location.search), /lang=ja/);
  assert.equal(await page.locator(".rw").count(), 1, "one widget, not two");
  done();
});

// ---- Themes -------------------------------------------------------------------------------

test("themes: dark is dark, sepia differs from light, auto follows the colour scheme", async (t) => {
  const light = await open(t, { url: `${PAGE}?theme=light` });
  const dark = await open(t, { url: `${PAGE}?theme=dark` });
  const sepia = await open(t, { url: `${PAGE}?theme=sepia` });
  const auto = await open(t, { url: `${PAGE}?theme=auto`, colorScheme: "dark" });

  const lightColors = await widgetColors(light.host);
  const darkColors = await widgetColors(dark.host);
  const sepiaColors = await widgetColors(sepia.host);
  assert.equal(lightColors.theme, "light");
  assert.ok(luminance(parseColor(lightColors.background)) > 0.8, `light background ${lightColors.background} is light`);
  assert.ok(luminance(parseColor(lightColors.color)) < 0.1, `light text ${lightColors.color} is dark`);
  assert.equal(darkColors.theme, "dark");
  assert.ok(luminance(parseColor(darkColors.background)) < 0.05, `dark background ${darkColors.background} is dark`);
  assert.ok(luminance(parseColor(darkColors.color)) > 0.6, `dark text ${darkColors.color} is light`);
  assert.equal(sepiaColors.theme, "sepia");
  assert.notEqual(sepiaColors.background, lightColors.background, "sepia differs from light");
  assert.notEqual(sepiaColors.color, lightColors.color, "sepia text differs from light");
  assert.ok(luminance(parseColor(sepiaColors.background)) > 0.6, `sepia background ${sepiaColors.background} is light`);

  // Auto follows prefers-color-scheme, also when it changes while the page is open.
  const autoDark = await widgetColors(auto.host);
  assert.equal(autoDark.theme, "auto");
  assert.equal(autoDark.background, darkColors.background, "auto + prefers dark = dark background");
  assert.equal(autoDark.color, darkColors.color, "auto + prefers dark = dark theme's text");
  await auto.page.emulateMedia({ colorScheme: "light" });
  const autoLight = await widgetColors(auto.host);
  assert.equal(autoLight.background, lightColors.background, "auto + prefers light = light background");
  assert.equal(autoLight.color, lightColors.color);

  // An explicit theme ignores the reader's scheme.
  await light.page.emulateMedia({ colorScheme: "dark" });
  assert.equal((await widgetColors(light.host)).background, lightColors.background, "theme=light stays light in a dark scheme");
  await dark.page.emulateMedia({ colorScheme: "light" });
  assert.equal((await widgetColors(dark.host)).background, darkColors.background, "theme=dark stays dark in a light scheme");

  for (const opened of [light, dark, sepia, auto]) opened.done();
});

test("themes: the host page's theme select remounts the widget with the new theme", async (t) => {
  const { page, host, done } = await open(t, { url: `${PAGE}?theme=light` });
  await page.getByRole("button", { name: "Text size 4", exact: true }).click();
  await page.selectOption("#theme", "dark");
  await page.waitForFunction(() => document.getElementById("reader").shadowRoot.querySelector(".rw")?.dataset.theme === "dark");
  const colors = await widgetColors(host);
  assert.ok(luminance(parseColor(colors.background)) < 0.05, `dark background ${colors.background}`);
  assertPressed(await pressedSteps(page), 4); // the remounted widget remembers the text size
  done();
});

// ---- Accessibility (axe-core) ---------------------------------------------------------------

for (const [name, viewport] of [["1280", WIDE], ["375", NARROW]]) {
  for (const theme of ["light", "dark"]) {
    test(`axe: no WCAG 2.2 AA violations at ${name} px, ${theme} theme`, async (t) => {
      const { page, done } = await open(t, { url: `${PAGE}?theme=${theme}`, viewport, colorScheme: theme });
      const loaded = await runAxe(page);
      assert.ok(loaded.passes > 0, "axe ran its rules");

      // And with the reader's state changed: scrolled down (Back to top shown), nav open when narrow.
      await page.evaluate(() => window.scrollTo(0, innerHeight * 2));
      await page.locator(".to-top").waitFor({ state: "visible" });
      if (viewport === NARROW) {
        await page.getByRole("button", { name: "Sections", exact: true }).click();
        await page.locator("nav.toc").waitFor({ state: "visible" });
      }
      const scrolled = await runAxe(page);
      done();

      const report = (violations) =>
        `axe (${name} px, ${theme}):\n  as loaded:\n${formatViolations(violations(loaded)) || "    none"}` +
        `\n  scrolled${viewport === NARROW ? ", nav open" : ""}:\n${formatViolations(violations(scrolled)) || "    none"}`;
      // Regression: "A−"/"A+" as DOM text once tripped label-content-name-mismatch (WCAG 2.5.3).
      const all = (result) => result.violations;
      assert.equal(loaded.violations.length + scrolled.violations.length, 0, report(all));
    });
  }
}

// ---- Screenshots --------------------------------------------------------------------------

/**
 * The boxes of the widget's elements `selectors` names, in screenshot pixels: clipped to the
 * viewport and shrunk by `inset` (past borders, rounded corners and anti-aliased edges). Each
 * entry also has the element's aria-pressed and computed background colour.
 */
function boxesOf(page, selector, inset = 0) {
  return page.evaluate(
    ({ selector, inset }) =>
      [...document.getElementById("reader").shadowRoot.querySelectorAll(selector)].map((el) => {
        const r = el.getBoundingClientRect();
        return {
          left: Math.max(0, Math.ceil(r.left) + inset),
          top: Math.max(0, Math.ceil(r.top) + inset),
          right: Math.min(innerWidth, Math.floor(r.right) - inset),
          bottom: Math.min(innerHeight, Math.floor(r.bottom) - inset),
          pressed: el.getAttribute("aria-pressed"),
          background: getComputedStyle(el).backgroundColor,
        };
      }),
    { selector, inset },
  );
}

function* pixels(picture, box) {
  assert.ok(box.right > box.left && box.bottom > box.top, `an empty box: ${JSON.stringify(box)}`);
  for (let y = box.top; y < box.bottom; y++) {
    for (let x = box.left; x < box.right; x++) {
      const at = (y * picture.width + x) * 4;
      yield [picture.rgba[at], picture.rgba[at + 1], picture.rgba[at + 2]];
    }
  }
}

/** The most common colour in `box` and its share of the box's pixels. */
function dominant(picture, box) {
  const counts = new Map();
  let total = 0;
  for (const [r, g, b] of pixels(picture, box)) {
    const key = (r << 16) | (g << 8) | b;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    total++;
  }
  const [key, count] = [...counts].reduce((best, entry) => (entry[1] > best[1] ? entry : best));
  return { color: [key >> 16, (key >> 8) & 0xff, key & 0xff], share: count / total };
}

/** The largest difference in any channel: what "another colour" means here. */
const distance = (a, b) => Math.max(...a.map((c, k) => Math.abs(c - b[k])));

/** The share of `box`'s pixels that stand out from `color`: text, where `color` is its background. */
function inkShare(picture, box, color) {
  let ink = 0;
  let total = 0;
  for (const pixel of pixels(picture, box)) {
    if (distance(pixel, color) > 64) ink++;
    total++;
  }
  return ink / total;
}

/**
 * What the picture must show where the widget is, as colours the stylesheet gave it (not a
 * golden image): its background with text drawn on it, and among the text-size buttons exactly
 * one (the pressed one) filled with the accent colour, the others showing the bar through.
 */
async function assertPainted(page, picture, label) {
  const [rw] = await boxesOf(page, ".rw");
  const area = dominant(picture, rw);
  assert.ok(distance(area.color, parseColor(rw.background)) <= 8, `${label}: the widget's area is mostly ${area.color}, not its background ${rw.background}`);
  const ink = inkShare(picture, rw, area.color);
  assert.ok(ink > 0.01, `${label}: only ${(ink * 100).toFixed(2)}% of the widget's area stands out from its background: no text was painted`);

  const [bar] = await boxesOf(page, ".bar");
  const steps = await boxesOf(page, ".size-step", 3);
  assert.equal(steps.length, 5, `${label}: five text-size buttons`);
  const pressed = steps.filter((b) => b.pressed === "true");
  assert.equal(pressed.length, 1, `${label}: one text-size button is pressed`);
  const accent = dominant(picture, pressed[0]);
  assert.ok(accent.share > 0.5, `${label}: the pressed button is ${(accent.share * 100).toFixed(0)}% one colour`);
  assert.ok(distance(accent.color, parseColor(pressed[0].background)) <= 8, `${label}: the pressed button shows ${accent.color}, not its background ${pressed[0].background}`);
  for (const [i, box] of steps.entries()) {
    if (box === pressed[0]) continue;
    const fill = dominant(picture, box).color;
    assert.ok(distance(fill, parseColor(bar.background)) <= 8, `${label}: "Text size ${i + 1}" shows ${fill}, not the bar's ${bar.background}`);
    assert.ok(distance(fill, accent.color) > 64, `${label}: "Text size ${i + 1}" (${fill}) looks like the pressed one (${accent.color})`);
  }
}

test("screenshots: the widget is painted, the chosen text size stands out, the open nav shows its links (saved to tests/e2e/artifacts)", async (t) => {
  await mkdir(ARTIFACTS, { recursive: true });
  // Saved for a person to look at, too; the assertions read the same pictures.
  const shoot = async (page, file) => {
    const png = await page.screenshot();
    await writeFile(path.join(ARTIFACTS, file), png);
    return decodePng(png);
  };

  const wide = await open(t);
  const widePicture = await shoot(wide.page, "reader.png");
  assert.deepEqual([widePicture.width, widePicture.height], [WIDE.width, WIDE.height], "one CSS px per pixel");
  await assertPainted(wide.page, widePicture, "wide");
  wide.done();

  const narrow = await open(t, { viewport: NARROW });
  await assertPainted(narrow.page, await shoot(narrow.page, "reader-narrow.png"), "narrow");
  await narrow.page.getByRole("button", { name: "Sections", exact: true }).click();
  await narrow.page.locator("nav.toc").waitFor({ state: "visible" });
  const navPicture = await shoot(narrow.page, "reader-narrow-nav.png");
  const [nav] = await boxesOf(narrow.page, "nav.toc");
  const navInk = inkShare(navPicture, nav, dominant(navPicture, nav).color);
  assert.ok(navInk > 0.01, `narrow, nav open: only ${(navInk * 100).toFixed(2)}% of the nav stands out from its background: no links were painted`);
  narrow.done();
});
