// Footnote previews: keyboard focus or hover on a reference shows its note beside it in a popover
// (in the shadow root), a tap opens it on a touch screen without jumping, Escape closes it and
// gives focus back, a mouse click still jumps to the notes, and the reference is described by its
// note for screen readers. The labels are the UI language's.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { REPO_ROOT, useBrowser } from "./support.mjs";

const env = useBrowser({ pkgFiles: ["reading_widget.js", "reading_widget_bg.wasm"] });
const ESSAY = await readFile(path.join(REPO_ROOT, "core/tests/articles/notes-40.md"), "utf8");

async function mounted(t, options = {}) {
  const { page, done } = await env.open(t, "/tests/e2e/fixtures/blank.html", { viewport: { width: 375, height: 700 }, ...options });
  await page.evaluate(async (markdown) => {
    const { default: init, mount } = await import("/pkg/reading_widget.js");
    await init();
    window.__widget = mount(document.getElementById("main"), { markdown, storageKey: false, lang: "ko" });
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  }, ESSAY);
  return { page, done };
}

const state = (page) =>
  page.evaluate(() => {
    const root = document.getElementById("main").shadowRoot;
    const popover = root.querySelector(".rw > [popover]");
    return {
      open: !!popover?.matches(":popover-open"),
      text: popover?.textContent.trim() ?? null,
      label: popover?.getAttribute("aria-label") ?? null,
      focused: root.activeElement?.getAttribute("href") ?? null,
      describedBy: root.querySelector("sup.footnote-reference a")?.getAttribute("aria-describedby") ?? null,
      notes: root.querySelectorAll(".footnote-definition").length,
      scrollY: Math.round(scrollY),
    };
  });

test("footnote previews: focus shows the note, Escape closes it and returns focus; references are described by their notes", async (t) => {
  const { page, done } = await mounted(t);
  let s = await state(page);
  assert.equal(s.notes, 40);
  assert.equal(s.describedBy, "fn-1", "the reference is described by its note");
  await page.evaluate(() => document.getElementById("main").shadowRoot.querySelector("a[href='#fn-3']").focus());
  s = await state(page);
  assert.equal(s.open, true, "focus opens the preview");
  assert.match(s.text, /^Note 3: the source/);
  assert.equal(s.label, "각주 3", "named in the UI language");
  await page.keyboard.press("Escape");
  s = await state(page);
  assert.equal(s.open, false, "Escape closes it");
  assert.equal(s.focused, "#fn-3", "and focus is back on the reference");
  done();
});

test("footnote previews: hover shows the note, a mouse click still jumps to the notes", async (t) => {
  const { page, done } = await mounted(t);
  const ref = page.locator("#main a[href='#fn-2']");
  await ref.hover();
  let s = await state(page);
  assert.equal(s.open, true, "hover opens the preview");
  assert.match(s.text, /^Note 2:/);
  const before = s.scrollY;
  await ref.click();
  await page.waitForFunction((y) => Math.round(scrollY) > y + 200, before);
  s = await state(page);
  assert.ok(s.scrollY > before, "the click jumped to the notes");
  done();
});

test("footnote previews: a tap opens the preview without jumping", async (t) => {
  const { page, done } = await mounted(t, { hasTouch: true });
  const before = (await state(page)).scrollY;
  await page.locator("#main a[href='#fn-1']").tap();
  await page.evaluate(() => new Promise((r) => setTimeout(r, 200)));
  const s = await state(page);
  assert.equal(s.open, true, "the tap opens the preview");
  assert.equal(s.scrollY, before, "and does not jump");
  done();
});
