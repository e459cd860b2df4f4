// Read aloud (issue 20, point 2): the bar's "Listen" button and its controls, in Chromium with a
// stub speechSynthesis (headless Chromium has no voices) that records every utterance (text,
// lang, rate, voice) and cancel/pause/resume, and ends an utterance (boundary, then end) only
// when the test says so. Checked: order, language and voice in en, ko and ja; what is skipped
// (code, footnote markers and footnotes, the navigation) and read (alt text); the start at the
// current section; the highlight (CSS.highlights) is the sentence, with the DOM unchanged; the
// view follows until the reader scrolls away; the controls, shortcuts and media session; no
// voice; destroy, an edition switch and a hidden page; two widgets; axe and screenshots.

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { axeViolations, FIXTURES, NARROW, nextFrames, REPO_ROOT, useBrowser, WIDE, WIDGET_READY } from "./support.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ARTIFACTS = path.join(HERE, "artifacts");
const BLANK = `${FIXTURES}/blank.html`;
const READY = () => document.documentElement.dataset.ready === "true";

const env = useBrowser({ pkgFiles: ["reading_widget_bg.wasm"] });

const VOICES = [
  { lang: "fr-FR", name: "Stub fr", default: true },
  { lang: "en-US", name: "Stub en" },
  { lang: "ko-KR", name: "Stub ko" },
  { lang: "ja-JP", name: "Stub ja" },
];

/** Replaces speechSynthesis (in the page, before any script): see the file's comment. */
function installSpeech(voices) {
  const log = [];
  const speech = { log, current: null, voices: voices ?? [] };
  window.__speech = speech;
  if (voices === null) {
    // No speechSynthesis at all.
    Object.defineProperty(window, "speechSynthesis", { value: undefined, configurable: true });
    return;
  }
  class Utterance extends EventTarget {
    constructor(text) {
      super();
      Object.assign(this, { text, lang: "", rate: 1, voice: null });
    }
  }
  const synth = new EventTarget();
  synth.getVoices = () => speech.voices.map((v) => ({ localService: true, default: false, voiceURI: v.name, ...v }));
  synth.speak = (u) => {
    log.push({ text: u.text, lang: u.lang, rate: u.rate, voice: u.voice?.name ?? null });
    speech.current = u;
    queueMicrotask(() => u.dispatchEvent(new Event("start")));
  };
  synth.cancel = () => {
    log.push("cancel");
    const u = speech.current;
    speech.current = null;
    if (u) u.dispatchEvent(Object.assign(new Event("error"), { error: "interrupted" }));
  };
  synth.pause = () => log.push("pause");
  synth.resume = () => log.push("resume");
  speech.finish = () => {
    const u = speech.current;
    if (!u) return false;
    speech.current = null;
    u.dispatchEvent(Object.assign(new Event("boundary"), { charIndex: 0, name: "sentence" }));
    u.dispatchEvent(new Event("end"));
    return true;
  };
  speech.addVoices = (more) => {
    speech.voices.push(...more);
    synth.dispatchEvent(new Event("voiceschanged"));
  };
  Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
  window.SpeechSynthesisUtterance = Utterance;
}

async function open(t, { voices = VOICES, url = BLANK, waitFor = READY, ...options } = {}) {
  return env.open(t, url, { waitFor, initScript: installSpeech, initArg: voices, ...options });
}

const ARTICLE = `+++
title = "Listening test"
lang = "en"
+++
Intro sentence one. Intro sentence two.

## First part

A paragraph with a note.[^1] It has two sentences.

\`\`\`js
const code = "never read";
\`\`\`

![A red bicycle against a wall](/www/favicon.svg)

- Item one
- Item two

> A quoted line.

## Second part

Last words here.

[^1]: The footnote text.
`;

/** Mounts widgets into the blank page: `articles` are Markdown (or `{ url }` of one). */
async function mount(page, articles, options = {}) {
  await page.evaluate(
    async ({ articles, options }) => {
      window.widgets = [];
      for (const article of articles) {
        const markdown = typeof article === "string" ? article : await (await fetch(article.url)).text();
        const host = document.createElement("div");
        host.style.cssText = "height:auto";
        document.getElementById("main").append(host);
        const baseUrl = typeof article === "string" ? undefined : new URL(article.url, location.href).href;
        window.widgets.push(window.rw.mount(host, { markdown, baseUrl, ...options }));
      }
      window.widget = window.widgets[0];
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    },
    { articles, options },
  );
  await nextFrames(page, 2);
}

/** Inside the n-th widget's shadow root. */
const inWidget = (page, n = 0) => page.locator("#main > div").nth(n);

/** The recorded log, the highlight's ranges' texts, and the state of the controls. */
function state(page, n = 0) {
  return page.evaluate((n) => {
    const root = document.querySelectorAll("#main > div, reading-widget")[n].shadowRoot;
    const strip = root.querySelector(".listen");
    const highlight = CSS.highlights.get("rw-reading");
    return {
      log: window.__speech.log.slice(),
      spoken: window.__speech.log.filter((e) => typeof e === "object"),
      highlighted: highlight ? [...highlight].map((r) => r.toString()) : [],
      ranges: highlight?.size ?? 0,
      strip: strip.hidden ? null : strip.dataset.listen,
      status: root.querySelector(".listen-status").textContent,
      pressed: root.querySelector(".listen-toggle").getAttribute("aria-pressed"),
      paused: root.querySelector("[data-action=listen-pause]").getAttribute("aria-pressed"),
      follow: !root.querySelector("[data-action=listen-follow]").hidden && !strip.hidden,
      speed: root.querySelector("[data-action=listen-speed]").getAttribute("aria-label"),
      media: navigator.mediaSession.metadata?.title ?? null,
    };
  }, n);
}

/** Ends utterances until nothing speaks (at most `max`). */
async function finishAll(page, max = 200) {
  for (let i = 0; i < max; i++) if (!(await page.evaluate(() => window.__speech.finish()))) return;
}

const finish = (page) => page.evaluate(() => window.__speech.finish());

test("en: the article is read in order, in English with an English voice; code, footnote markers, footnotes and the navigation are skipped, alt text is read; the highlight is the sentence and the DOM does not change", async (t) => {
  const { page, done } = await open(t);
  await mount(page, [ARTICLE], { storageKey: false });
  const listen = inWidget(page).getByRole("button", { name: "Listen" });
  assert.equal(await listen.isVisible(), true);
  const before = await page.evaluate(() => widget && document.querySelector("#main > div").shadowRoot.querySelector(".article").innerHTML);
  await listen.click();
  const first = await state(page);
  assert.deepEqual(first.spoken, [{ text: "Listening test", lang: "en", rate: 1, voice: "Stub en" }]);
  assert.deepEqual(first.highlighted, ["Listening test"]);
  assert.equal(first.strip, "playing");
  assert.equal(first.pressed, "true");
  assert.equal(first.media, "Listening test", "the lock screen shows the article's title");
  const highlights = [];
  for (let i = 0; i < 30; i++) {
    const now = await state(page);
    if (!now.strip) break;
    highlights.push([now.spoken.at(-1).text, now.highlighted[0]]);
    await finish(page);
  }
  const all = await state(page);
  assert.deepEqual(all.spoken.map((s) => s.text), [
    "Listening test",
    "Intro sentence one.",
    "Intro sentence two.",
    "First part",
    "A paragraph with a note.",
    "It has two sentences.",
    "A red bicycle against a wall",
    "Item one",
    "Item two",
    "A quoted line.",
    "Second part",
    "Last words here.",
  ]);
  assert.ok(all.spoken.every((s) => s.lang === "en" && s.voice === "Stub en" && s.rate === 1));
  // Each sentence was highlighted while it was read (the image's range is the image: no text).
  for (const [spoken, highlighted] of highlights) {
    if (spoken === "A red bicycle against a wall") assert.equal(highlighted, "");
    else assert.equal(highlighted, spoken);
  }
  // Finished: the controls go, the highlight's range is removed, the lock screen cleared.
  assert.equal(all.strip, null);
  assert.equal(all.ranges, 0);
  assert.equal(all.pressed, "false");
  assert.equal(all.media, null);
  const after = await page.evaluate(() => document.querySelector("#main > div").shadowRoot.querySelector(".article").innerHTML);
  assert.equal(after, before, "the article's DOM is unchanged");
  done();
});

for (const [lang, voice, file] of [["ko", "Stub ko", "sample.ko.md"], ["ja", "Stub ja", "sample.ja.md"]]) {
  test(`${lang}: read in ${lang} with a ${lang} voice, sentence by sentence (Intl.Segmenter)`, async (t) => {
    const { page, done } = await open(t);
    await mount(page, [{ url: `/articles/${file}` }], { storageKey: false, offerLanguage: false });
    await inWidget(page).locator(".listen-toggle").click();
    for (let i = 0; i < 12; i++) await finish(page);
    const { spoken, highlighted } = await state(page);
    assert.equal(spoken.length, 13);
    assert.ok(spoken.every((s) => s.lang === lang && s.voice === voice), JSON.stringify(spoken));
    assert.equal(highlighted[0], spoken.at(-1).text);
    // The first paragraph of the body, read as its sentences in order.
    const paragraph = await page.evaluate(() => document.querySelector("#main > div").shadowRoot.querySelector(".body p").textContent);
    const sentences = [...new Intl.Segmenter(lang, { granularity: "sentence" }).segment(paragraph)].map((s) => s.segment.trim()).filter(Boolean);
    assert.ok(sentences.length > 1, "the paragraph has several sentences");
    const start = spoken.findIndex((s) => s.text === sentences[0]);
    assert.ok(start > 0, `the paragraph's first sentence was read: ${sentences[0]}`);
    assert.deepEqual(spoken.slice(start, start + sentences.length).map((s) => s.text), sentences.slice(0, spoken.length - start));
    done();
  });
}

test("it starts at the current section", async (t) => {
  const { page, done } = await open(t);
  await mount(page, [{ url: "/articles/sample.md" }], { storageKey: false, offerLanguage: false });
  await page.evaluate(() => widget.scrollToSection("method"));
  await nextFrames(page, 3);
  await inWidget(page).locator(".listen-toggle").click();
  const { spoken } = await state(page);
  assert.equal(spoken[0].text, "How we compared the three editions of one report");
  done();
});

test("the view follows the sentence; a scroll by the reader stops that until Follow", async (t) => {
  const { page, done } = await open(t, { viewport: { width: 1280, height: 600 } });
  await mount(page, [{ url: "/articles/sample.md" }], { storageKey: false, offerLanguage: false });
  const inView = () =>
    page.evaluate(() => {
      const range = [...CSS.highlights.get("rw-reading")][0];
      const rect = range.getBoundingClientRect();
      return rect.top >= 0 && rect.bottom <= innerHeight;
    });
  await inWidget(page).locator(".listen-toggle").click();
  // Paragraph after paragraph, further than a screen: the view keeps up.
  for (let i = 0; i < 12; i++) await inWidget(page).locator("[data-action=listen-next]").click();
  await nextFrames(page, 2);
  assert.ok((await page.evaluate(() => scrollY)) > 600, "the page scrolled with the reading");
  assert.equal(await inView(), true, "the sentence is in view");
  assert.equal((await state(page)).follow, false, "no Follow button while following");
  // The reader scrolls away: following stops, and Follow is offered.
  await page.mouse.move(640, 400);
  await page.mouse.wheel(0, 3000);
  await page.waitForFunction(() => scrollY > 2000);
  const away = await page.evaluate(() => scrollY);
  for (let i = 0; i < 3; i++) await finish(page);
  await nextFrames(page, 2);
  assert.equal(await page.evaluate(() => scrollY), away, "the view stays where the reader put it");
  assert.equal(await inView(), false);
  const s = await state(page);
  assert.equal(s.follow, true, "Follow is offered");
  await inWidget(page).getByRole("button", { name: "Follow" }).click();
  await nextFrames(page, 2);
  assert.equal(await inView(), true, "back at the sentence");
  assert.equal((await state(page)).follow, false);
  done();
});

test("controls: pause and resume, next and previous paragraph, speed (remembered), stop; the lock screen's controls", async (t) => {
  const { page, done } = await open(t);
  await mount(page, [ARTICLE]);
  const control = (action) => inWidget(page).locator(`[data-action=${action}]`);
  await inWidget(page).locator(".listen-toggle").click();
  await finish(page); // "Intro sentence one."
  await control("listen-pause").click();
  let s = await state(page);
  assert.equal(s.log.at(-1), "pause");
  assert.equal(s.paused, "true");
  assert.equal(s.strip, "paused");
  await control("listen-pause").click();
  s = await state(page);
  assert.equal(s.log.at(-1), "resume");
  assert.equal(s.paused, "false");
  await control("listen-next").click();
  s = await state(page);
  assert.deepEqual(s.log.slice(-2).map((e) => e.text ?? e), ["cancel", "First part"]);
  await control("listen-next").click();
  assert.equal((await state(page)).spoken.at(-1).text, "A paragraph with a note.");
  await control("listen-previous").click();
  assert.equal((await state(page)).spoken.at(-1).text, "First part");
  // Speed: the sentence starts again at the next rate; the control says it; it is remembered.
  assert.equal((await state(page)).speed, "Speed 1×");
  await control("listen-speed").click();
  s = await state(page);
  assert.deepEqual(s.spoken.at(-1), { text: "First part", lang: "en", rate: 1.25, voice: "Stub en" });
  assert.equal(s.speed, "Speed 1.25×");
  assert.equal(await control("listen-speed").textContent(), "1.25×");
  assert.equal(await page.evaluate(() => localStorage.getItem("reading-widget:font-step:listen-rate")), "1.25");
  for (let i = 0; i < 2; i++) await control("listen-speed").click();
  assert.equal((await state(page)).spoken.at(-1).rate, 2);
  await control("listen-speed").click();
  assert.equal((await state(page)).spoken.at(-1).rate, 0.75, "after 2× comes 0.75×");
  const before = (await state(page)).spoken.length;
  await control("listen-stop").click();
  s = await state(page);
  assert.equal(s.log.at(-1), "cancel");
  assert.equal(s.strip, null);
  assert.equal(s.ranges, 0);
  assert.equal(s.media, null);
  assert.equal(s.spoken.length, before);
  // A new reading starts at the remembered rate.
  await inWidget(page).locator(".listen-toggle").click();
  assert.equal((await state(page)).spoken.at(-1).rate, 0.75);
  done();
});

test("storageKey: false remembers no rate; settings=\"size theme\" does not offer Listen, \"listen\" does", async (t) => {
  const { page, done } = await open(t);
  await mount(page, [ARTICLE], { storageKey: false });
  await inWidget(page).locator(".listen-toggle").click();
  await inWidget(page).locator("[data-action=listen-speed]").click();
  assert.equal(await page.evaluate(() => Object.keys(localStorage).length), 0);
  const offered = await page.evaluate(() => {
    const out = {};
    for (const settings of ["size theme", "listen", ""]) {
      const host = document.createElement("div");
      document.body.append(host);
      rw.mount(host, { markdown: "# T\n\ntext", storageKey: false, settings });
      out[settings] = !host.shadowRoot.querySelector(".listen-toggle").hidden;
    }
    return out;
  });
  assert.deepEqual(offered, { "size theme": false, listen: true, "": false });
  done();
});

test("shortcuts work only while the widget has focus, and not in a text field", async (t) => {
  const { page, done } = await open(t);
  await mount(page, [ARTICLE], { storageKey: false });
  await page.evaluate(() => {
    const input = document.createElement("input");
    input.id = "field";
    document.body.prepend(input);
  });
  await page.locator("#field").focus();
  await page.keyboard.press("l");
  assert.equal((await state(page)).spoken.length, 0, "not from outside the widget");
  // In the widget: focus on the article.
  await page.evaluate(() => document.querySelector("#main > div").shadowRoot.querySelector(".article").focus());
  await page.keyboard.press("l");
  assert.equal((await state(page)).spoken.at(-1).text, "Listening test");
  await page.keyboard.press("n");
  assert.equal((await state(page)).spoken.at(-1).text, "Intro sentence one.");
  await page.keyboard.press("n");
  assert.equal((await state(page)).spoken.at(-1).text, "First part");
  await page.keyboard.press("p");
  assert.equal((await state(page)).spoken.at(-1).text, "Intro sentence one.");
  await page.keyboard.press(">");
  assert.equal((await state(page)).spoken.at(-1).rate, 1.25);
  await page.keyboard.press("<");
  assert.equal((await state(page)).spoken.at(-1).rate, 1);
  await page.keyboard.press("l");
  assert.equal((await state(page)).log.at(-1), "pause");
  await page.keyboard.press("l");
  assert.equal((await state(page)).log.at(-1), "resume");
  // A radio of the reading settings is a form field: letters there do nothing.
  await inWidget(page).getByRole("button", { name: "Reading settings" }).click();
  await page.keyboard.press("s");
  assert.equal((await state(page)).strip, "playing");
  await page.keyboard.press("Escape");
  await page.keyboard.press("s");
  assert.equal((await state(page)).strip, null, "S stops");
  done();
});

test("no voice for the language: the control says so and speaks nothing; a voice that arrives later is used", async (t) => {
  const { page, done } = await open(t, { voices: [{ lang: "en-US", name: "Stub en" }] });
  await mount(page, [{ url: "/articles/sample.ko.md" }], { storageKey: false, offerLanguage: false });
  await inWidget(page).locator(".listen-toggle").click();
  let s = await state(page);
  assert.equal(s.spoken.length, 0);
  assert.equal(s.strip, "no-voice");
  assert.equal(s.status, "이 기기에는 한국어 음성이 없습니다");
  assert.equal(await inWidget(page).locator(".status").textContent(), "이 기기에는 한국어 음성이 없습니다", "announced");
  assert.equal(await inWidget(page).locator(".listen-status").isVisible(), true);
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, "listen-no-voice.png"), clip: { x: 0, y: 0, width: 1280, height: 200 } });
  await page.evaluate(() => window.__speech.addVoices([{ lang: "ko-KR", name: "Late ko" }]));
  s = await state(page);
  assert.equal(s.spoken.length, 1);
  assert.equal(s.spoken[0].voice, "Late ko");
  assert.equal(s.strip, "playing");
  done();
});

test("without speechSynthesis, Listen is not offered", async (t) => {
  const { page, done } = await open(t, { voices: null });
  await mount(page, [ARTICLE], { storageKey: false });
  assert.equal(await inWidget(page).locator(".listen-toggle").isHidden(), true);
  done();
});

test("destroy mid-utterance cancels speech, removes the highlight and clears the lock screen", async (t) => {
  const { page, done } = await open(t);
  await mount(page, [ARTICLE], { storageKey: false });
  await inWidget(page).locator(".listen-toggle").click();
  await finish(page);
  assert.equal((await state(page)).ranges, 1);
  const after = await page.evaluate(() => {
    widget.destroy();
    return { log: window.__speech.log.at(-1), ranges: CSS.highlights.get("rw-reading").size, media: navigator.mediaSession.metadata };
  });
  assert.deepEqual(after, { log: "cancel", ranges: 0, media: null });
  // A late end of the cancelled utterance calls nothing.
  await page.evaluate(() => window.__speech.finish());
  done();
});

test("an edition switch stops reading and offers to continue at the same section in the new edition", async (t) => {
  const { page, done } = await open(t);
  await mount(page, [{ url: "/articles/sample.md" }], { storageKey: false, offerLanguage: false });
  await page.evaluate(() => widget.scrollToSection("method"));
  await nextFrames(page, 3);
  await inWidget(page).locator(".listen-toggle").click();
  await finish(page);
  await page.evaluate(() => widget.showEdition("ko"));
  await nextFrames(page, 3);
  let s = await state(page);
  assert.ok(s.log.includes("cancel"));
  assert.equal(s.strip, "offer");
  assert.equal(s.ranges, 0);
  const spokenBefore = s.spoken.length;
  await inWidget(page).getByRole("button", { name: "이어서 듣기" }).click();
  s = await state(page);
  assert.deepEqual(s.spoken.at(-1), { text: "한 보고서의 세 판을 어떻게 비교했는가", lang: "ko", rate: 1, voice: "Stub ko" });
  assert.equal(s.spoken.length, spokenBefore + 1);
  done();
});

test("a hidden page pauses reading, and resume goes on", async (t) => {
  const { page, done } = await open(t);
  await mount(page, [ARTICLE], { storageKey: false });
  await inWidget(page).locator(".listen-toggle").click();
  await page.evaluate(() => {
    Object.defineProperty(document, "hidden", { value: true, configurable: true });
    document.dispatchEvent(new Event("visibilitychange"));
  });
  let s = await state(page);
  assert.equal(s.log.at(-1), "pause");
  assert.equal(s.strip, "paused");
  await page.evaluate(() => {
    Object.defineProperty(document, "hidden", { value: false, configurable: true });
    document.dispatchEvent(new Event("visibilitychange"));
  });
  assert.equal((await state(page)).strip, "paused", "it waits for the reader");
  await inWidget(page).locator("[data-action=listen-pause]").click();
  assert.equal((await state(page)).log.at(-1), "resume");
  done();
});

test("two widgets: starting one stops the other; each keeps its own range in the shared highlight", async (t) => {
  const { page, done } = await open(t);
  await mount(page, [ARTICLE, ARTICLE.replace("Listening test", "Second widget")], { storageKey: false });
  await inWidget(page, 0).locator(".listen-toggle").click();
  await inWidget(page, 1).locator(".listen-toggle").click();
  const [a, b] = [await state(page, 0), await state(page, 1)];
  assert.equal(a.strip, null, "the first stopped");
  assert.equal(b.strip, "playing");
  assert.deepEqual(b.highlighted, ["Second widget"]);
  assert.deepEqual(b.log.map((e) => e.text ?? e), ["Listening test", "cancel", "Second widget"]);
  done();
});

test("the highlight's colours: the theme's, a partner's --rw-highlight, and Highlight in forced colours", async (t) => {
  const { page, done } = await open(t);
  await mount(page, [ARTICLE], { storageKey: false, theme: "light" });
  await inWidget(page).locator(".listen-toggle").click();
  const colour = () =>
    page.evaluate(() => {
      const title = document.querySelector("#main > div").shadowRoot.querySelector(".title");
      const style = getComputedStyle(title, "::highlight(rw-reading)");
      return { background: style.backgroundColor, color: style.color };
    });
  assert.equal((await colour()).background, "rgb(255, 233, 138)");
  await page.evaluate(() => document.querySelector("#main > div").style.setProperty("--rw-highlight", "rgb(1, 2, 3)"));
  assert.equal((await colour()).background, "rgb(1, 2, 3)");
  await page.emulateMedia({ forcedColors: "active" });
  const forced = await colour();
  const system = await page.evaluate(() => {
    const probe = document.createElement("span");
    probe.style.cssText = "background: Highlight; color: HighlightText";
    document.body.append(probe);
    const style = getComputedStyle(probe);
    return { background: style.backgroundColor, color: style.color };
  });
  assert.deepEqual(forced, system);
  done();
});

test("content=\"light\": the light-DOM article is read the same, and its sentence highlighted in the theme's colour", async (t) => {
  const { page, done } = await open(t);
  await mount(page, [ARTICLE], { storageKey: false, theme: "light" });
  await inWidget(page).locator(".listen-toggle").click();
  await finishAll(page);
  const shadow = (await state(page)).spoken;
  await page.evaluate(() => {
    window.widget.destroy();
    document.getElementById("main").replaceChildren();
    window.__speech.log.length = 0;
  });
  await mount(page, [ARTICLE], { storageKey: false, theme: "light", content: "light" });
  await inWidget(page).locator(".listen-toggle").click();
  const highlight = () =>
    page.evaluate(() => {
      const title = document.querySelector("#main > div > .rw-content .title");
      const style = getComputedStyle(title, "::highlight(rw-reading)");
      return { text: [...CSS.highlights.get("rw-reading")].map((r) => r.toString()), background: style.backgroundColor };
    });
  assert.deepEqual(await highlight(), { text: ["Listening test"], background: "rgb(255, 233, 138)" });
  await finishAll(page);
  assert.deepEqual((await state(page)).spoken, shadow, "the same utterances as in the shadow root");
  done();
});

test("a pre-rendered widget offers Listen once taken over, and reads", async (t) => {
  const html = await readFile(path.join(REPO_ROOT, "www/prerendered.html"), "utf8");
  assert.match(html, /<button type="button" class="listen-toggle" data-action="listen" aria-pressed="false" hidden>/, "hidden until script");
  const { page, done } = await open(t, {
    url: "/www/prerendered.html",
    waitFor: () => document.querySelector("reading-widget")?.shadowRoot?.querySelector(".rw[data-live]"),
  });
  const toggle = page.locator("reading-widget .listen-toggle");
  await toggle.click();
  const spoken = await page.evaluate(() => window.__speech.log);
  assert.equal(spoken[0].lang, "en");
  assert.equal(spoken[0].voice, "Stub en");
  done();
});

test("the bar with Listen fits every width from 320 px, and so do the controls", async (t) => {
  const failures = [];
  for (const width of [320, 360, 375, 414, 480, 560, 640, 768, 900, 1024]) {
    const { page } = await open(t, { viewport: { width, height: 700 } });
    await mount(page, [{ url: "/articles/sample.md" }], { storageKey: false, offerLanguage: false });
    await inWidget(page).locator(".listen-toggle").click();
    await inWidget(page).locator("[data-action=listen-pause]").click();
    const fit = await page.evaluate(() => {
      const root = document.querySelector("#main > div").shadowRoot;
      const bar = root.querySelector(".bar");
      const strip = root.querySelector(".listen").getBoundingClientRect();
      return { bar: bar.scrollWidth - bar.clientWidth, right: strip.right, width: innerWidth, page: document.documentElement.scrollWidth };
    });
    failures.push(...[
      fit.bar > 0 && `${width}: the bar overflows by ${fit.bar}px`,
      fit.right > fit.width && `${width}: the controls end at ${fit.right}`,
      fit.page > width && `${width}: the page scrolls sideways`,
    ].filter(Boolean));
  }
  assert.deepEqual(failures, []);
});

for (const [name, viewport] of [["1280", WIDE], ["375", NARROW]]) {
  for (const theme of ["light", "dark"]) {
    test(`axe: reading aloud at ${name} px, ${theme}: 0 violations; screenshot of a highlighted sentence`, async (t) => {
      const { page, done } = await open(t, { url: `/www/index.html?theme=${theme}`, waitFor: WIDGET_READY, frames: 2, viewport, colorScheme: theme });
      await page.locator("#reader .listen-toggle").click();
      for (let i = 0; i < 5; i++) await page.locator("#reader [data-action=listen-next]").click();
      await finish(page);
      await page.mouse.wheel(0, 40);
      await page.waitForFunction(() => !document.getElementById("reader").shadowRoot.querySelector("[data-action=listen-follow]").hidden);
      await nextFrames(page, 2);
      await mkdir(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: path.join(ARTIFACTS, `listen-${name}-${theme}.png`) });
      const violations = await axeViolations(page);
      assert.deepEqual(violations, []);
      done();
    });
  }
}
