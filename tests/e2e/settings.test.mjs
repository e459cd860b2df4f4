// The reading settings (issue 20, point 1): the bar's "Reading settings" button and its panel of
// radio groups (theme, line spacing, width, font), driven with the keyboard and the API, in
// Chromium: what each changes (computed line-height, measure in ch, font family, theme colours),
// that the reader's place is kept, that the choice is remembered after a reload and refused by
// `storageKey: false`, the partner's offer and defaults, Escape, forced colours and axe.

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { axeViolations, FIXTURES, KEEP_PLACE_PX, NARROW, nextFrames, parseColor, readingPlace, useBrowser, WIDE, WIDGET_READY } from "./support.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ARTIFACTS = path.join(HERE, "artifacts");
const PAGE = "/www/index.html";
const BLANK = `${FIXTURES}/blank.html`;

const env = useBrowser({ pkgFiles: ["reading_widget_bg.wasm"] });

async function open(t, { url = PAGE, ...options } = {}) {
  return env.open(t, url, { waitFor: WIDGET_READY, frames: 2, ...options });
}

/** What the settings change, read in the page: the article's line height (in lines), its measure
 * in ch of its own font, its font family, and the frame's colours. */
function looks(page) {
  return page.evaluate(() => {
    const root = document.getElementById("reader").shadowRoot;
    const article = root.querySelector(".article");
    const style = getComputedStyle(article);
    const probe = document.createElement("span");
    probe.style.cssText = "position:absolute;visibility:hidden;width:1ch";
    article.append(probe);
    const ch = probe.getBoundingClientRect().width;
    probe.remove();
    const paragraph = getComputedStyle(root.querySelector(".body p"));
    const frame = getComputedStyle(root.querySelector(".rw"));
    return {
      lines: parseFloat(paragraph.lineHeight) / parseFloat(paragraph.fontSize),
      measureCh: parseFloat(style.maxWidth) / ch,
      font: paragraph.fontFamily,
      background: frame.backgroundColor,
      color: frame.color,
      theme: root.querySelector(".rw").dataset.theme,
    };
  });
}

/** Opens the panel with the keyboard: Tab to the bar's button, Enter. */
async function openPanel(page) {
  const toggle = page.getByRole("button", { name: "Reading settings" });
  await toggle.focus();
  await page.keyboard.press("Enter");
  await page.getByRole("group", { name: "Reading settings" }).waitFor({ state: "visible" });
}

test("the panel: a non-modal group of four radio groups named for what they set; Escape closes it and returns focus", async (t) => {
  const { page, done } = await open(t);
  const toggle = page.getByRole("button", { name: "Reading settings" });
  assert.equal(await toggle.getAttribute("aria-expanded"), "false");
  await openPanel(page);
  assert.equal(await toggle.getAttribute("aria-expanded"), "true");
  for (const [group, count] of [["Theme", 4], ["Line spacing", 3], ["Width", 3], ["Font", 2]]) {
    assert.equal(await page.getByRole("group", { name: group }).getByRole("radio").count(), count, group);
  }
  // Focus went into the panel, on the checked theme; arrow keys choose within a group.
  assert.equal(await page.evaluate(() => document.getElementById("reader").shadowRoot.activeElement?.value), "auto");
  await page.keyboard.press("ArrowRight");
  assert.equal((await looks(page)).theme, "light");
  await page.keyboard.press("Escape");
  await page.getByRole("group", { name: "Reading settings" }).waitFor({ state: "hidden" });
  assert.equal(await toggle.getAttribute("aria-expanded"), "false");
  assert.equal(await page.evaluate(() => document.getElementById("reader").shadowRoot.activeElement?.className), "settings-toggle");
  done();
});

test("each setting changes what it should, keeps the reader's place, fires settingschange and is remembered after a reload", async (t) => {
  const { page, done } = await open(t);
  await page.evaluate(() => {
    window.__changes = [];
    document.getElementById("reader").addEventListener("settingschange", (e) => window.__changes.push(e.detail.settings));
  });
  const before = await looks(page);
  assert.ok(Math.abs(before.lines - 1.7) < 0.01, `line height ${before.lines}`);
  // Read from the middle of the article.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 3));
  await nextFrames(page, 2);
  await openPanel(page);
  const steps = [
    ["Relaxed", (l) => Math.abs(l.lines - 2) < 0.01],
    ["Compact", (l) => Math.abs(l.lines - 1.5) < 0.01],
    ["Narrow", (l) => Math.abs(l.measureCh - 50) < 0.5],
    ["Wide", (l) => Math.abs(l.measureCh - 76) < 0.5],
    ["Serif", (l) => /Charter|Georgia|serif/.test(l.font) && !/sans-serif/.test(l.font)],
    ["Sans-serif", (l) => /sans-serif/.test(l.font)],
    ["Dark", (l) => l.theme === "dark" && parseColor(l.background)[0] < 60 && parseColor(l.color)[0] > 200],
    ["Sepia", (l) => l.theme === "sepia" && parseColor(l.background)[0] > parseColor(l.background)[2] + 20],
  ];
  const current = () => page.evaluate(() => [...document.getElementById("reader").shadowRoot.querySelectorAll(".toc a[aria-current]")].map((a) => a.getAttribute("href")));
  const section = await current();
  assert.equal(section.length, 1, "a section is current");
  for (const [name, holds] of steps) {
    const place = await readingPlace(page);
    await page.getByRole("radio", { name, exact: true }).check();
    const now = await looks(page);
    assert.ok(holds(now), `${name}: ${JSON.stringify(now)}`);
    const after = await readingPlace(page);
    assert.equal(after.index, place.index, `${name}: the block being read stays the one read`);
    assert.ok(Math.abs(after.top - place.top) <= KEEP_PLACE_PX, `${name}: it moved ${after.top - place.top}px`);
    await nextFrames(page, 2);
    assert.deepEqual(await current(), section, `${name}: the current section stays current`);
  }
  const changes = await page.evaluate(() => window.__changes);
  assert.equal(changes.length, steps.length, "one settingschange per change");
  assert.deepEqual(changes.at(-1), { theme: "sepia", lineSpacing: "compact", width: "wide", font: "sans" });
  assert.deepEqual(await page.evaluate(() => window.widget.settings()), { ...changes.at(-1), fontStep: 3 });

  await page.reload();
  await page.waitForFunction(WIDGET_READY);
  const reloaded = await looks(page);
  assert.equal(reloaded.theme, "sepia", "the reader's theme wins over the partner's (auto)");
  assert.ok(Math.abs(reloaded.lines - 1.5) < 0.01 && Math.abs(reloaded.measureCh - 76) < 0.5);
  await openPanel(page);
  assert.equal(await page.getByRole("radio", { name: "Wide", exact: true }).isChecked(), true);

  // Reset: back to the partner's defaults, and nothing remembered.
  await page.getByRole("button", { name: "Reset" }).click();
  assert.deepEqual(await page.evaluate(() => window.widget.settings()), { theme: "auto", lineSpacing: null, width: null, font: null, fontStep: 3 });
  assert.equal(await page.evaluate(() => localStorage.getItem("reading-widget:font-step:settings")), null);
  done();
});

test("Korean and Japanese articles get their own measure and Gothic/Myeongjo/Mincho families", async (t) => {
  const { page, done } = await open(t, { url: BLANK, waitFor: () => document.documentElement.dataset.ready === "true" });
  const result = await page.evaluate(() => {
    const out = {};
    for (const lang of ["ko", "ja"]) {
      const host = document.createElement("div");
      document.getElementById("main").append(host);
      const widget = rw.mount(host, { markdown: `+++\nlang = "${lang}"\n+++\n# 제목\n\n본문 文章.`, storageKey: false, width: "medium", font: "serif" });
      const article = host.shadowRoot.querySelector(".article");
      const probe = document.createElement("span");
      probe.style.cssText = "position:absolute;width:1ch";
      article.append(probe);
      out[lang] = {
        measureCh: parseFloat(getComputedStyle(article).maxWidth) / probe.getBoundingClientRect().width,
        font: getComputedStyle(host.shadowRoot.querySelector(".body p")).fontFamily,
      };
      widget.destroy();
    }
    return out;
  });
  assert.ok(Math.abs(result.ko.measureCh - 72) < 0.5 && Math.abs(result.ja.measureCh - 72) < 0.5, JSON.stringify(result));
  assert.match(result.ko.font, /Myeongjo|Myungjo/);
  assert.match(result.ja.font, /Mincho/);
  done();
});

test("storageKey: false remembers nothing; the partner limits the offer and sets defaults, validated", async (t) => {
  const { page, done } = await open(t, { url: BLANK, waitFor: () => document.documentElement.dataset.ready === "true" });
  const result = await page.evaluate(() => {
    const host = document.createElement("div");
    document.getElementById("main").append(host);
    const widget = rw.mount(host, { markdown: "# T\n\n## A\n\ntext", storageKey: false, settings: "size theme", lineSpacing: "relaxed" });
    widget.setSettings({ theme: "dark" });
    const root = host.shadowRoot;
    const shown = (selector) => [...root.querySelectorAll(selector)].filter((e) => !e.hidden).map((e) => e.dataset.setting);
    const errors = [];
    for (const options of [{ width: "huge" }, { settings: "size colour" }, { font: 3 }]) {
      try {
        rw.mount(document.createElement("div"), { markdown: "x", ...options });
      } catch (error) {
        errors.push(error.message);
      }
    }
    for (const settings of [{ width: "huge" }, { colour: "red" }]) {
      try {
        widget.setSettings(settings);
      } catch (error) {
        errors.push(error.message);
      }
    }
    return {
      stored: Object.keys(localStorage),
      settings: widget.settings(),
      groups: shown(".setting"),
      errors,
    };
  });
  assert.deepEqual(result.stored, [], "nothing stored");
  assert.deepEqual(result.groups, ["theme"], "only the theme is offered in the panel");
  assert.equal(result.settings.theme, "dark");
  assert.equal(result.settings.lineSpacing, "relaxed", "the partner's default");
  assert.deepEqual(result.errors, [
    'mount: options.width: invalid value: the string "huge", expected one of "narrow", "medium", "wide"',
    'mount: options.settings: invalid value: the string "size colour", expected a space-separated list of "size", "theme", "line-spacing", "width", "font", "listen" (or "" for none)',
    'mount: options.font: invalid type: the number 3, expected one of "sans", "serif"',
    'setSettings: settings.width: must be one of "narrow", "medium", "wide" or null, not the string "huge"',
    'setSettings: unknown key "colour"; the keys are fontStep, theme, lineSpacing, width, font',
  ]);
  done();
});

test("<reading-widget> attributes: line-spacing, width, font and settings, with messages naming the attribute", async (t) => {
  const { page, done } = await open(t, { url: BLANK, waitFor: () => document.documentElement.dataset.ready === "true" });
  const result = await page.evaluate(async () => {
    const element = document.createElement("reading-widget");
    element.setAttribute("line-spacing", "compact");
    element.setAttribute("settings", "theme font");
    element.innerHTML = '<script type="text/markdown"># T\n\ntext</script>';
    const errors = [];
    element.addEventListener("error", (e) => errors.push(e.detail.message));
    document.getElementById("main").append(element);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const first = element.widget.settings();
    const sizesHidden = element.shadowRoot.querySelector(".sizes").hidden;
    // A bad value: reported, and the article shown with the defaults.
    element.width = "wider";
    await new Promise((r) => requestAnimationFrame(r));
    return { first, errors, sizesHidden };
  });
  assert.equal(result.first.lineSpacing, "compact");
  assert.equal(result.sizesHidden, true, "size is not offered");
  assert.deepEqual(result.errors, ['<reading-widget width>: invalid value: the string "wider", expected one of "narrow", "medium", "wide"']);
  done();
});

test("a pre-rendered widget takes the reader's stored settings over", async (t) => {
  const { page, done } = await open(t, {
    url: "/www/prerendered.html",
    waitFor: () => document.querySelector("reading-widget")?.shadowRoot?.querySelector(".rw[data-live]"),
    initScript: () => localStorage.setItem("reading-widget:font-step:settings", "theme=dark;line-spacing=relaxed"),
  });
  const state = await page.evaluate(() => {
    const frame = document.querySelector("reading-widget").shadowRoot.querySelector(".rw");
    return { theme: frame.dataset.theme, spacing: frame.dataset.lineSpacing };
  });
  assert.deepEqual(state, { theme: "dark", spacing: "relaxed" });
  done();
});

test("a pre-rendered element whose theme attribute is the rendered one reports nothing when the reader chose another", async (t) => {
  const { page, done } = await open(t, {
    url: "/www/prerendered.html",
    waitFor: () => document.querySelector("reading-widget")?.shadowRoot?.querySelector(".rw[data-live]"),
    initScript: () => {
      localStorage.setItem("reading-widget:font-step:settings", "theme=sepia");
      window.__errors = [];
      document.addEventListener("error", (e) => e.detail && window.__errors.push(e.detail.message), true);
    },
    beforeGoto: (page) =>
      page.route("**/www/prerendered.html", async (route) => {
        const response = await route.fetch();
        const html = (await response.text()).replace("<reading-widget>", '<reading-widget theme="auto">');
        await route.fulfill({ response, body: html });
      }),
  });
  const state = await page.evaluate(() => ({
    theme: document.querySelector("reading-widget").shadowRoot.querySelector(".rw").dataset.theme,
    errors: window.__errors,
  }));
  assert.deepEqual(state, { theme: "sepia", errors: [] });
  done();
});

test("forced colours: the checked choice is marked with Highlight", async (t) => {
  const { page, done } = await open(t);
  await page.emulateMedia({ forcedColors: "active" });
  await openPanel(page);
  const colours = await page.evaluate(() => {
    const root = document.getElementById("reader").shadowRoot;
    const checked = root.querySelector(".setting input:checked").closest("label");
    const other = root.querySelector(".setting input:not(:checked)").closest("label");
    return [getComputedStyle(checked).backgroundColor, getComputedStyle(other).backgroundColor];
  });
  assert.notEqual(colours[0], colours[1]);
  done();
});

for (const [name, viewport] of [["1280", WIDE], ["375", NARROW]]) {
  for (const theme of ["light", "dark"]) {
    test(`axe: the open panel at ${name} px, ${theme}: 0 violations; screenshot`, async (t) => {
      const { page, done } = await open(t, { url: `${PAGE}?theme=${theme}`, viewport, colorScheme: theme });
      await openPanel(page);
      await mkdir(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: path.join(ARTIFACTS, `settings-${name}-${theme}.png`) });
      const violations = await axeViolations(page);
      assert.deepEqual(violations, []);
      // The bar still fits: nothing wider than the widget.
      const overflow = await page.evaluate(() => {
        const bar = document.getElementById("reader").shadowRoot.querySelector(".bar");
        return bar.scrollWidth - bar.clientWidth;
      });
      assert.ok(overflow <= 0, `the bar overflows by ${overflow}px`);
      done();
    });
  }
}
