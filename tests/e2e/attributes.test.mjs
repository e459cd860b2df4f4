// <reading-widget>'s attributes as a partner's HTML and frameworks use them (issue 17): a change
// of theme, lang or font-step renders again without downloading the article again; each
// attribute is also a property; a bad value's message names the attribute; the class has its
// name. Run after `make build`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { FIXTURES, useBrowser } from "./support.mjs";

const { open } = useBrowser({ pkgFiles: ["reading_widget_bg.wasm", "element.js"] });
const BLANK = `${FIXTURES}/blank.html`;
const ARTICLE = `${FIXTURES}/article.md`;

/** Adds `<reading-widget id>` with `attributes` to #main; its error messages go to window.__errors[id]. */
function addElement(page, id, attributes) {
  return page.evaluate(
    ({ id, attributes }) => {
      const el = document.createElement("reading-widget");
      el.id = id;
      for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
      window.__errors ??= {};
      window.__errors[id] = [];
      el.addEventListener("error", (event) => window.__errors[id].push(event.detail.message));
      document.getElementById("main").append(el);
    },
    { id, attributes },
  );
}

/** What `#id` shows: its theme, UI language, step and title. */
function shown(page, id) {
  return page.evaluate((id) => {
    const rw = document.getElementById(id).shadowRoot?.querySelector(".rw");
    return rw && { theme: rw.dataset.theme, lang: rw.getAttribute("lang"), step: rw.dataset.step, title: rw.querySelector("h1")?.textContent };
  }, id);
}

test("element: changing theme, lang or font-step renders again without downloading the article again", async (t) => {
  const { page, done } = await open(t, BLANK);
  const fetched = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === ARTICLE) fetched.push(request.url());
  });
  await addElement(page, "w", { src: ARTICLE, "font-step": "3" });
  await page.waitForFunction(() => document.getElementById("w").shadowRoot?.querySelector(".rw h1"));
  const before = await shown(page, "w");

  await page.evaluate(() => document.getElementById("w").setAttribute("theme", "dark"));
  await page.waitForFunction(() => document.getElementById("w").shadowRoot.querySelector(".rw")?.dataset.theme === "dark");
  await page.evaluate(() => document.getElementById("w").setAttribute("lang", "ko"));
  await page.waitForFunction(() => document.getElementById("w").shadowRoot.querySelector(".rw")?.getAttribute("lang") === "ko");
  await page.evaluate(() => document.getElementById("w").setAttribute("font-step", "5"));
  await page.waitForFunction(() => document.getElementById("w").shadowRoot.querySelector(".rw")?.dataset.step === "5");
  const after = await shown(page, "w");

  assert.equal(before.title, "Fetched from a fixture");
  assert.deepEqual(after, { theme: "dark", lang: "ko", step: "5", title: before.title });
  assert.equal(fetched.length, 1, `the article was downloaded once, not per change: ${fetched.join(", ")}`);
  assert.deepEqual(await page.evaluate(() => window.__errors.w), []);
  done();
});

test("element: each attribute is a property (element.theme, element.fontStep …), and the class is ReadingWidgetElement", async (t) => {
  const { page, done } = await open(t, BLANK);
  await addElement(page, "w", { src: ARTICLE, theme: "sepia", "scroll-offset": "40" });
  await page.waitForFunction(() => document.getElementById("w").shadowRoot?.querySelector(".rw h1"));
  const result = await page.evaluate(() => {
    const el = document.getElementById("w");
    const read = { src: el.src, theme: el.theme, fontStep: el.fontStep, scrollOffset: el.scrollOffset, resume: el.resume, fragmentOrigins: el.fragmentOrigins };
    el.theme = "dark";
    el.fontStep = 2;
    el.resume = "off";
    const written = { theme: el.getAttribute("theme"), fontStep: el.getAttribute("font-step"), resume: el.getAttribute("resume") };
    el.theme = null;
    return { read, written, removed: el.hasAttribute("theme"), name: customElements.get("reading-widget").name, instance: el.constructor.name };
  });
  assert.deepEqual(result.read, { src: ARTICLE, theme: "sepia", fontStep: null, scrollOffset: 40, resume: null, fragmentOrigins: null });
  assert.deepEqual(result.written, { theme: "dark", fontStep: "2", resume: "off" });
  assert.equal(result.removed, false, "null removes the attribute");
  assert.equal(result.name, "ReadingWidgetElement");
  assert.equal(result.instance, "ReadingWidgetElement");
  done();
});

test("element: a bad attribute's error names the attribute, not an option", async (t) => {
  const { page, done } = await open(t, BLANK);
  await addElement(page, "w", { src: ARTICLE, theme: "blue", resume: "maybe" });
  await page.waitForFunction(() => document.getElementById("w").shadowRoot?.querySelector(".rw h1"));
  await page.evaluate(() => document.getElementById("w").setAttribute("font-step", "9"));
  await page.waitForFunction(() => window.__errors.w.length >= 3);
  const messages = await page.evaluate(() => window.__errors.w);
  assert.equal(messages.length, 3, messages.join("\n"));
  assert.ok(messages.some((m) => /^<reading-widget theme>: invalid value: the string "blue", expected .*"sepia"/.test(m)), messages.join("\n"));
  assert.ok(messages.some((m) => /^<reading-widget resume>: must be "on" or "off", not "maybe"/.test(m)), messages.join("\n"));
  assert.ok(messages.some((m) => /^<reading-widget font-step>: .*1 to 5/.test(m)), messages.join("\n"));
  assert.ok(!messages.some((m) => /options\./.test(m)), "no message names mount()'s options");
  done();
});
