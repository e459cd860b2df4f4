// End-to-end tests of editions and series (issue 18) in headless Chromium: switching edition
// keeps the reader in the matching section (every pair, both ways, with an explicit id that
// disagrees with position), the switcher works by keyboard alone, `editionchange`, the live
// region, `editions()` and `showEdition()`; pre-rendered pages link their editions and parts as
// plain links without script, and their edition links follow the section being read with it;
// axe finds nothing at 375 and 1280 px in light and dark. 375 px screenshots of the switcher and
// the series links go to tests/e2e/artifacts/.

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { axeViolations, NARROW, nextFrames, useBrowser, WIDE, WIDGET_READY } from "./support.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ARTIFACTS = path.join(HERE, "artifacts");
const FIXTURE = "/tests/e2e/fixtures/editions.html";
const LANGS = ["en", "ko", "ja"];

const env = useBrowser({ pkgFiles: ["reading_widget_bg.wasm"] });

/**
 * Each fixture edition's sections by what they are about: the matching section of another
 * edition is the one about the same thing. Korean puts `shared` (Gamma) second, where English
 * and Japanese have Beta: its explicit id wins over its position.
 */
const OUTLINES = {
  en: [["alpha", "alpha"], ["beta", "beta"], ["beta-one", "beta-one"], ["shared", "gamma"], ["delta", "delta"]],
  ko: [["alpha", "alpha"], ["shared", "gamma"], ["베타", "beta"], ["베타-하나", "beta-one"], ["델타", "delta"]],
  ja: [["アルファ", "alpha"], ["ベータ", "beta"], ["ベータ一", "beta-one"], ["shared", "gamma"], ["デルタ", "delta"]],
};

async function open(t, query = "", options = {}) {
  return env.open(t, `${FIXTURE}${query}`, { waitFor: WIDGET_READY, frames: 2, ...options });
}

/** The widget's state: its edition, current section, the current heading's top, the UI language. */
function state(page) {
  return page.evaluate(() => {
    const root = document.getElementById("reader").shadowRoot;
    const current = root.querySelector(".toc a[aria-current]")?.dataset.section ?? null;
    return {
      edition: root.querySelector(".editions a[aria-current]")?.dataset.edition,
      ui: root.querySelector(".rw").getAttribute("lang"),
      current,
      top: current ? root.getElementById(current).getBoundingClientRect().top : null,
      viewport: innerHeight,
      step: root.querySelector(".rw").dataset.step,
      status: root.querySelector(".status").textContent,
    };
  });
}

/** Clicks the switcher's link to `lang` and waits for `editionchange`. */
async function clickEdition(page, lang) {
  const changed = page.evaluate(
    () => new Promise((resolve) => document.getElementById("reader").addEventListener("editionchange", (e) => resolve(e.detail.lang), { once: true })),
  );
  await page.locator(`#reader .editions a[data-edition="${lang}"]`).click();
  const detail = await changed;
  await nextFrames(page, 3);
  return detail;
}

for (const from of LANGS) {
  for (const to of LANGS.filter((l) => l !== from)) {
    test(`switching ${from} → ${to} from every section lands on the matching section, its heading in the upper half`, async (t) => {
      const { page, done } = await open(t, `?edition=a.${from}.md`);
      for (const [id, topic] of OUTLINES[from]) {
        if ((await state(page)).edition !== from) await clickEdition(page, from);
        await page.evaluate((id) => window.widget.scrollToSection(id), id);
        await nextFrames(page, 3);
        assert.equal((await state(page)).current, id, `${from}: ${id} is current before the switch`);
        assert.equal(await clickEdition(page, to), to, "editionchange says which edition");
        const after = await state(page);
        const expected = OUTLINES[to].find(([, t]) => t === topic)[0];
        assert.equal(after.edition, to);
        assert.equal(after.current, expected, `${from} ${id} → ${to}: the section about ${topic}`);
        assert.ok(after.top >= 0 && after.top < after.viewport / 2, `${from} ${id} → ${to}: heading at ${after.top}px, in the upper half of ${after.viewport}px`);
      }
      done();
    });
  }
}

test("the switch keeps the text size, follows the UI language unless fixed, announces itself and keeps the handle", async (t) => {
  const { page, done } = await open(t);
  await page.evaluate(() => window.widget.setFontStep(4));
  const url = (lang) => `${env.server.url}/tests/e2e/fixtures/editions/a.${lang}.md`;
  assert.deepEqual(await page.evaluate(() => window.widget.editions()), [
    { lang: "en", url: url("en"), current: true },
    { lang: "ko", url: url("ko"), current: false },
    { lang: "ja", url: url("ja"), current: false },
  ]);
  await page.evaluate(() => window.widget.showEdition("ko"));
  await nextFrames(page, 3);
  const after = await state(page);
  assert.equal(after.edition, "ko");
  assert.equal(after.ui, "ko", "the UI speaks the edition's language");
  assert.equal(after.step, "4", "the text size stays");
  assert.equal(await page.evaluate(() => window.widget.fontStep), 4, "the partner's handle speaks for the new edition");
  assert.equal(after.status, "한국어판을 표시합니다", "the polite live region says which edition is shown");
  assert.equal(await page.evaluate(() => document.getElementById("reader").shadowRoot.querySelector(".status").getAttribute("role")), "status");
  const error = await page.evaluate(() => window.widget.showEdition("fr").then(() => "resolved", (e) => e.message));
  assert.match(error, /^showEdition: lang must be one of the article's editions, "en", "ko", "ja"; not the string "fr"/);
  done();

  // A partner who fixed the language keeps it.
  const fixed = await open(t, "?lang=en");
  await fixed.page.evaluate(() => window.widget.showEdition("ja"));
  await nextFrames(fixed.page, 3);
  const ja = await state(fixed.page);
  assert.deepEqual([ja.edition, ja.ui, ja.status], ["ja", "en", "Now showing the Japanese edition"]);
  fixed.done();
});

test("keyboard only: Tab reaches the switcher, Enter switches, focus stays on the switcher", async (t) => {
  const { page, done } = await open(t);
  let reached = null;
  for (let i = 0; i < 40 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(() => document.getElementById("reader").shadowRoot.activeElement?.closest(".editions") ? document.getElementById("reader").shadowRoot.activeElement.dataset.edition : null);
    if (reached && reached !== "ja") reached = null;
  }
  assert.equal(reached, "ja", "the Japanese edition's link takes the focus by Tab");
  const changed = page.evaluate(() => new Promise((r) => document.getElementById("reader").addEventListener("editionchange", (e) => r(e.detail.lang), { once: true })));
  await page.keyboard.press("Enter");
  assert.equal(await changed, "ja");
  await nextFrames(page, 3);
  const focused = await page.evaluate(() => {
    const el = document.getElementById("reader").shadowRoot.activeElement;
    return el && [el.dataset.edition, el.getAttribute("aria-current")];
  });
  assert.deepEqual(focused, ["ja", "true"], "focus is on the edition now shown");
  done();
});

test("series: the next part is shown in place at its top; its previous link comes back", async (t) => {
  const { page, done } = await open(t);
  const next = page.locator("#reader .parts a[rel=next]");
  assert.equal(await next.innerText(), "Next: Part 2\nThe second part");
  await next.click();
  await page.waitForFunction(() => document.getElementById("reader").shadowRoot.querySelector(".title")?.textContent === "The second part");
  await nextFrames(page, 3);
  const top = await page.evaluate(() => document.getElementById("reader").getBoundingClientRect().top);
  assert.ok(Math.abs(top) <= 3, `at the part's top (${top})`);
  assert.equal(await page.locator("#reader .series-part").innerText(), "Part 2 of 2");
  assert.equal(await page.locator("#reader .parts a[rel=prev] .part-label").innerText(), "Previous: Part 1");
  done();
});

test("a translation credits its translator in the UI's language", async (t) => {
  const { page, done } = await open(t, "?edition=a.ja.md");
  assert.equal(await page.locator("#reader .translator").innerText(), "英語原文、A. Translator訳");
  done();
});

// ---- Pre-rendered pages (make build writes www/editions/ from articles/) ----------------------

test("pre-rendered without script: alternates, JSON-LD, and plain links to every edition and part", async (t) => {
  const context = await env.browser.newContext({ javaScriptEnabled: false, viewport: NARROW });
  t.after(() => context.close());
  const page = await context.newPage();
  await page.goto(`${env.server.url}/www/editions/sample.ko.html`);
  const head = await page.evaluate(() => ({
    alternates: [...document.querySelectorAll("link[rel=alternate]")].map((l) => [l.hreflang, l.getAttribute("href")]),
    data: JSON.parse(document.querySelector("script[type='application/ld+json']").textContent),
  }));
  // The archive's pages, stated against the edition's canonical address: search engines take
  // only absolute hreflang URLs.
  const site = "https://example.org/essays/";
  assert.deepEqual(head.alternates, [["en", `${site}sample.html`], ["ko", `${site}sample.ko.html`], ["ja", `${site}sample.ja.html`], ["x-default", `${site}sample.html`]]);
  assert.equal(head.data.inLanguage, "ko");
  assert.deepEqual(head.data.translationOfWork, { "@type": "Article", inLanguage: "en", url: `${site}sample.html` });
  assert.equal(head.data.translator.name, "김서연");
  assert.deepEqual(head.data.isPartOf, { "@type": "CreativeWorkSeries", name: "세 가지 문자로 출판하기" });
  assert.equal(head.data.position, 1);
  const links = await page.evaluate(() =>
    [...document.querySelector("reading-widget").shadowRoot.querySelectorAll(".editions a")].map((a) => [a.textContent, a.getAttribute("href"), a.hreflang, a.lang, a.getAttribute("aria-current")]),
  );
  assert.deepEqual(links, [
    ["English", "sample.html", "en", "en", null],
    ["한국어", "sample.ko.html", "ko", "ko", "true"],
    ["日本語", "sample.ja.html", "ja", "ja", null],
  ]);
  await mkdir(ARTIFACTS, { recursive: true });
  const root = page.locator("reading-widget");
  await root.locator(".masthead").screenshot({ path: path.join(ARTIFACTS, "editions-switcher-375.png") });
  await root.locator(".parts").screenshot({ path: path.join(ARTIFACTS, "editions-series-links-375.png") });
  await root.locator(".editions a[hreflang=ja]").click();
  await page.waitForURL(/sample\.ja\.html$/);
  assert.equal(await page.evaluate(() => document.documentElement.lang), "ja");
  await page.locator("reading-widget .parts a[rel=next]").click();
  await page.waitForURL(/sample-2\.html$/);
});

test("pre-rendered with script: the edition links' #id follows the section being read", async (t) => {
  const { page, done } = await env.open(t, "/www/editions/sample.html", {
    waitFor: () => document.querySelector("reading-widget")?.widget,
    frames: 2,
  });
  await nextFrames(page, 4);
  await page.evaluate(() => document.querySelector("reading-widget").widget.scrollToSection("method"));
  // Waits for the links to follow (the widget may still be settling), then checks all of them.
  await page
    .waitForFunction(() => document.querySelector("reading-widget").shadowRoot.querySelector(".editions a[hreflang=ja]").getAttribute("href").endsWith("#method"))
    .catch(() => {});
  const hrefs = await page.evaluate(() => [...document.querySelector("reading-widget").shadowRoot.querySelectorAll(".editions a")].map((a) => a.getAttribute("href")));
  assert.deepEqual(hrefs, ["sample.html#method", "sample.ko.html#method", "sample.ja.html#method"]);
  await page.locator("reading-widget .editions a[hreflang=ko]").click();
  await page.waitForURL(/sample\.ko\.html#method$/);
  done();
});

// ---- Accessibility --------------------------------------------------------------------------

for (const [name, viewport] of [["375", NARROW], ["1280", WIDE]]) {
  for (const theme of ["light", "dark"]) {
    test(`axe: no violations with the switcher and series links at ${name} px, ${theme}`, async (t) => {
      const { page, done } = await open(t, "", { viewport, colorScheme: theme });
      const violations = await axeViolations(page);
      assert.deepEqual(violations, []);
      done();
    });
  }
}

// ---- Offering the reader's language -------------------------------------------------------------

/** Opens the fixture with the browser's languages set to `languages`. */
function openWith(t, languages, query = "") {
  return open(t, query, {
    initScript: (languages) => Object.defineProperty(Navigator.prototype, "languages", { get: () => languages }),
    initArg: languages,
    frames: 4,
  });
}

function offerState(page) {
  return page.evaluate(() => {
    const offer = document.getElementById("reader").shadowRoot.querySelector(".offer");
    const go = offer.querySelector(".offer-go");
    return { hidden: offer.hidden, text: go.textContent, lang: offer.lang, href: go.getAttribute("href") };
  });
}

test("a Korean reader on the English edition is offered the Korean one, in Korean; dismissed, it is not offered again", async (t) => {
  const { page, context, done } = await openWith(t, ["ko-KR", "en-US"]);
  const offered = await offerState(page);
  assert.equal(offered.hidden, false);
  assert.equal(offered.text, "이 글은 한국어로도 읽을 수 있습니다");
  assert.equal(offered.lang, "ko");
  assert.match(offered.href, /a\.ko\.md$/);
  assert.equal((await state(page)).edition, "en", "offered, never switched");
  await page.locator("#reader .offer-dismiss").click();
  assert.equal((await offerState(page)).hidden, true);
  const again = await context.newPage();
  await again.goto(`${env.server.url}${FIXTURE}`);
  await again.waitForFunction(WIDGET_READY);
  await nextFrames(again, 4);
  assert.equal((await offerState(again)).hidden, true, "the dismissal is remembered");
  done();
});

test("the offer: none for a reader of the shown edition, none when turned off, and storageKey false stores nothing", async (t) => {
  const english = await openWith(t, ["en-GB", "ko"]);
  assert.equal((await offerState(english.page)).hidden, true, "the reader's first language is shown");
  const off = await openWith(t, ["ja"], "?offer=off");
  assert.equal((await offerState(off.page)).hidden, true, "offerLanguage: false");
  const { page, done } = await openWith(t, ["ja"], "?storage=");
  assert.equal((await offerState(page)).text, "この記事は日本語でも読めます");
  await page.locator("#reader .offer-dismiss").click();
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes("language-offer"))), []);
  done();
});

test("continue reading is keyed by the work: a place reached in English is offered in Korean", async (t) => {
  const { page, context, done } = await open(t);
  // A section whose id the editions share (places are remembered by id).
  await page.evaluate(() => window.widget.scrollToSection("shared"));
  await nextFrames(page, 3);
  await page.evaluate(() => window.widget.destroy());
  const korean = await context.newPage();
  await korean.goto(`${env.server.url}${FIXTURE}?edition=a.ko.md`);
  await korean.waitForFunction(WIDGET_READY);
  await nextFrames(korean, 4);
  const resume = await korean.evaluate(() => {
    const root = document.getElementById("reader").shadowRoot;
    return { hidden: root.querySelector(".resume").hidden, text: root.querySelector(".resume-go").textContent };
  });
  assert.deepEqual(resume, { hidden: false, text: "이어서 읽기: 감마" });
  done();
});
