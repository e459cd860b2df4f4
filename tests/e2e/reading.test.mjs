// End-to-end tests of what helps a reader through an article beyond size and navigation: line
// breaking in Korean, Japanese and long words; the link-copying button beside each section
// heading; continuing to read where the last visit stopped; forced colours; and the
// accessibility of those controls. Each test mounts an article of its own on the empty fixture
// page (fixtures/blank.html), in a fresh browser context.

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { assertHeadingAtTop, axeViolations, buildCli, CLI, decodePng, DEFAULT_STORAGE_KEY, FIXTURES, NARROW, nextFrames, readerGeometry, REPO_ROOT, useBrowser, waitForCurrentLink, WIDE } from "./support.mjs";

const BLANK = `${FIXTURES}/blank.html`;
const OUT_DIR = path.join(REPO_ROOT, "target/e2e-reading");
const OUT = "/target/e2e-reading";
const env = useBrowser({ pkgFiles: ["reading_widget_bg.wasm", "element.js", "reading-widget.css"] });

// ---- Articles -----------------------------------------------------------------------------

const KOREAN = `+++
title = "도시의 도서관은 왜 밤늦게까지 문을 열어야 하는가"
lang = "ko"
+++

지난해 가을부터 우리 연구소는 서울과 부산의 공공도서관 열두 곳에서 야간 이용자의 이야기를 들었다. 퇴근한 뒤에야 책을 펼칠 수 있는 직장인, 아이를 재운 뒤 자격증 시험을 준비하는 부모, 조용한 책상이 필요한 대학원생이 대부분이었다.

## 야간 개관이 바꾸는 것들

도서관이 밤 열 시까지 문을 열자 평일 저녁 이용자는 두 배 가까이 늘었고, 청소년 열람실의 좌석 회전율도 눈에 띄게 높아졌다. 운영비는 예상보다 적게 들었으며, 자원봉사자와 지역 상인회의 협력이 큰 도움이 되었다.

## 남은 과제와 제안

> 밤늦은 시간의 도서관은 누구에게나 열린 마지막 공공 거실이다.

- 야간 안전 인력과 조명 개선
- 대중교통 막차 시간과 연계한 폐관 시각 조정
- 열람실 예약 제도의 단순화와 무인 대출기 확충
`;

const KOREAN_IN_ENGLISH = `+++
title = "Quoting Korean and Japanese in English"
lang = "en"
+++

The librarian in Busan put it simply: 도서관은 밤에도 시민의 거실이어야 합니다, she said, and the phrase 공공도서관 야간개관 정책 became the name of the programme that followed it through three city councils and two budget rounds.

A long Japanese run quoted without a break: 東京都立中央図書館夜間開館延長試行事業報告書概要版第二次改訂版追補資料集成東京都立中央図書館夜間開館延長試行事業報告書概要版 and the sentence goes on in English.
`;

const JAPANESE = `+++
title = "夜の図書館が変えるもの"
lang = "ja"
+++

昨年の秋から、私たちの研究所は東京と大阪の公立図書館十二館で夜間利用者の声を聞きました。仕事を終えてから本を開く会社員、子どもを寝かせてから資格試験の勉強をする親、静かな机を必要とする大学院生がほとんどでした。

## 夜間開館が変えるもの

図書館が午後十時まで開館するようになると、平日夜の利用者は二倍近くに増え、中高生向け閲覧室の座席回転率も目に見えて高まりました。ちょっとした工夫で、ショッピングセンターのように気軽に立ち寄れる場所になったのです。

夜間の安全対策、照明の改善、終電の時刻に合わせた閉館時刻の調整、閲覧室予約制度の簡素化、自動貸出機の増設などが今後の課題として挙げられています。
`;

const LONG_WORDS = `+++
title = "Donaudampfschifffahrtsgesellschaftskapitänswitwenpensionsversicherungsanstalt"
+++

A bare address: https://example.org/reports/2026/public-libraries/late-opening/appendix-b/tables/visitors-by-hour-and-district.csv and then a link [https://example.org/reports/2026/public-libraries/late-opening/appendix-b/tables/visitors-by-hour](https://example.org/x).

Code too: \`reading_widget_core::template::with_section_links_and_the_offer_to_continue_reading\`, and a word: Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz.

## Rechtsschutzversicherungsgesellschaftenzusammenschlussverhandlungen

Text.[^note]

[^note]: See https://example.org/reports/2026/public-libraries/late-opening/appendix-b/tables/visitors-by-hour-and-district.csv for the data.
`;

/** An article with `sections` h2 sections of `paragraphs` paragraphs each (long enough to scroll). */
function essay({ title = "Late Opening", date = "2026-10-12", canonical = null, sections = 6, paragraphs = 4, h3 = false } = {}) {
  const front = [`title = "${title}"`];
  if (date) front.push(`date = "${date}"`);
  if (canonical) front.push(`canonical = "${canonical}"`);
  const para = "Evening readers told us what the hours meant to them, and the counts at the door agreed with them, week after week, in every district we visited. ".repeat(3);
  let body = `${para}\n\n`;
  for (let s = 1; s <= sections; s++) {
    body += `## Part ${s} of the report\n\n`;
    for (let p = 0; p < paragraphs; p++) body += `${para}\n\n`;
    if (h3) body += `### A note on part ${s}\n\n${para}\n\n`;
  }
  return `+++\n${front.join("\n")}\n+++\n\n${body}`;
}

// ---- Helpers ----------------------------------------------------------------------------

/**
 * Opens the empty fixture page and mounts `markdown` on a new #reader with `options`; the
 * widget's handle is window.widget. `page` may be a further page of an earlier context (a
 * later visit: same storage).
 */
async function openArticle(t, markdown, { options = {}, page = null, url = BLANK, ...openOptions } = {}) {
  let opened;
  if (page) {
    await page.goto(env.server.url + url);
    await page.waitForFunction(() => document.documentElement.dataset.ready === "true");
    opened = { page };
  } else {
    opened = await env.open(t, url, openOptions);
  }
  await opened.page.evaluate(
    ({ markdown, options }) => {
      const reader = document.createElement("div");
      reader.id = "reader";
      document.getElementById("main").replaceChildren(reader);
      window.widget = rw.mount(reader, { markdown, ...options });
    },
    { markdown, options },
  );
  await nextFrames(opened.page, 3);
  return opened;
}

/** A later visit in the same context (same localStorage): a new page, with its own problem list. */
async function revisit(t, context, markdown, options = {}) {
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e}`));
  page.on("console", (m) => m.type() === "error" && !/favicon/.test(m.location()?.url ?? "") && problems.push(`console.error: ${m.text()}`));
  await openArticle(t, markdown, { options, page });
  return { page, done: () => assert.deepEqual(problems, [], problems.join("\n")) };
}

const shadow = (page, fn, arg) => page.evaluate(([source, arg]) => new Function("root", "arg", `return (${source})(root, arg)`)(document.getElementById("reader").shadowRoot, arg), [fn.toString(), arg]);

/**
 * For each run of Hangul in the article's text, whether its characters sit on more than one
 * line (the word was broken), measured with Ranges.
 */
function brokenHangulWords(page) {
  return page.evaluate(() => {
    const root = document.getElementById("reader").shadowRoot;
    const broken = [];
    let words = 0;
    const walker = document.createTreeWalker(root.querySelector("article"), NodeFilter.SHOW_TEXT);
    for (let node; (node = walker.nextNode()); ) {
      for (const match of node.data.matchAll(/[\uac00-\ud7af]+/g)) {
        words++;
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
    return { words, broken };
  });
}

/** The number of lines each paragraph of the body takes (its characters' distinct tops). */
function lineCounts(page) {
  return page.evaluate(() => {
    const root = document.getElementById("reader").shadowRoot;
    return [...root.querySelectorAll(".body p")].map((p) => {
      const range = document.createRange();
      range.selectNodeContents(p);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    });
  });
}

/** Everything wider than its column: the page's scroll width, and elements of the article that overflow. */
function overflow(page) {
  return page.evaluate(() => {
    const root = document.getElementById("reader").shadowRoot;
    const body = root.querySelector(".article").getBoundingClientRect();
    const wide = [...root.querySelectorAll(".article *")]
      .filter((el) => !el.closest(".table-scroll") && el.getBoundingClientRect().right > body.right + 1)
      .map((el) => `<${el.localName}> right edge ${el.getBoundingClientRect().right.toFixed(0)} > ${body.right.toFixed(0)}`);
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth, wide: wide.slice(0, 5) };
  });
}

/** The characters each line of `selector`'s elements starts with. */
function lineStarts(page, selector) {
  return page.evaluate((selector) => {
    const root = document.getElementById("reader").shadowRoot;
    const starts = [];
    for (const el of root.querySelectorAll(selector)) {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      let top = null;
      for (let node; (node = walker.nextNode()); ) {
        for (let i = 0; i < node.data.length; i++) {
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rect = range.getClientRects()[0];
          if (!rect || rect.width === 0) continue;
          if (top === null || rect.top > top + 2) starts.push(node.data[i]);
          top = rect.top;
        }
      }
    }
    return starts;
  }, selector);
}

/** Waits until `fn(root)` is truthy in the widget's shadow root. */
function waitInWidget(page, fn, arg, timeout = 5_000) {
  return page.waitForFunction(
    ([source, arg]) => new Function("root", "arg", `return (${source})(root, arg)`)(document.getElementById("reader").shadowRoot, arg),
    [fn.toString(), arg],
    { timeout },
  );
}

const placeKey = (article) => `${DEFAULT_STORAGE_KEY}:place:${article}`;
const stored = (page, key) => page.evaluate((key) => localStorage.getItem(key), key);

/** Scrolls the heading with `id` just under the bar, as a reader would, and waits for it to be current. */
async function readTo(page, id) {
  await page.evaluate((id) => document.getElementById("reader").shadowRoot.getElementById(id).scrollIntoView({ block: "start" }), id);
  await waitForCurrentLink(page, `#${id}`);
  await nextFrames(page, 2);
}

/** The offer to continue, as the reader sees it: shown or not, and its words. */
function offer(page) {
  return shadow(page, (root) => {
    const offer = root.querySelector(".resume");
    const style = getComputedStyle(offer);
    return { shown: !offer.hidden && style.display !== "none", text: root.querySelector(".resume-go").textContent, top: offer.getBoundingClientRect().top };
  });
}

// ---- 1. Line breaking ---------------------------------------------------------------------

test("line breaking: a Korean article at 375 px keeps every Hangul word whole and wraps within the column", async (t) => {
  const { page, done } = await openArticle(t, KOREAN, { viewport: NARROW });
  const style = await shadow(page, (root) => getComputedStyle(root.querySelector(".body p")).wordBreak);
  assert.equal(style, "keep-all");
  const { words, broken } = await brokenHangulWords(page);
  assert.ok(words > 80, `${words} Hangul words measured`);
  assert.deepEqual(broken, [], "no Hangul word is split across lines");
  assert.ok((await lineCounts(page)).every((n) => n >= 2), "the paragraphs wrap");
  assert.deepEqual(await overflow(page), { scrollWidth: NARROW.width, innerWidth: NARROW.width, wide: [] });
  // The navigation's entries are the article's words, in its language.
  assert.equal(await shadow(page, (root) => root.querySelector(".toc ol").lang), "ko");
  done();
});

test("line breaking: Korean quoted in an English article stays whole; a long Japanese run there still wraps (375 px)", async (t) => {
  const { page, done } = await openArticle(t, KOREAN_IN_ENGLISH, { viewport: NARROW });
  const { words, broken } = await brokenHangulWords(page);
  assert.ok(words >= 8, `${words} Hangul words`);
  assert.deepEqual(broken, [], "Korean words in English text are not split");
  const japanese = await page.evaluate(() => {
    const root = document.getElementById("reader").shadowRoot;
    const p = root.querySelectorAll(".body p")[1];
    const node = [...p.childNodes].find((n) => n.nodeType === 3 && /東京/.test(n.data));
    const at = node.data.indexOf("東京");
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, node.data.indexOf(" and"));
    const rects = [...range.getClientRects()];
    return { lines: new Set(rects.map((r) => Math.round(r.top))).size, right: Math.max(...rects.map((r) => r.right)), column: p.getBoundingClientRect().right };
  });
  assert.ok(japanese.lines >= 2, `the Japanese run wraps (${japanese.lines} lines)`);
  assert.ok(japanese.right <= japanese.column + 0.5, `the Japanese run stays in the column (${japanese.right} ≤ ${japanese.column})`);
  assert.deepEqual(await overflow(page), { scrollWidth: NARROW.width, innerWidth: NARROW.width, wide: [] });
  done();
});

test("line breaking: a Japanese article wraps within the column at 375 px, by phrase and with the strict rules", async (t) => {
  const { page, done } = await openArticle(t, JAPANESE, { viewport: NARROW });
  const style = await shadow(page, (root) => {
    const s = getComputedStyle(root.querySelector(".body p"));
    return { wordBreak: s.wordBreak, lineBreak: s.lineBreak };
  });
  assert.deepEqual(style, { wordBreak: "auto-phrase", lineBreak: "strict" });
  const lines = await lineCounts(page);
  assert.ok(lines.every((n) => n >= 3), `every paragraph wraps: ${lines}`);
  assert.deepEqual(await overflow(page), { scrollWidth: NARROW.width, innerWidth: NARROW.width, wide: [] });
  // Strict line breaking: no line starts with a small kana, a prolonged sound mark or closing punctuation.
  const starts = await lineStarts(page, ".body p");
  assert.ok(starts.length > 10, `${starts.length} lines`);
  const forbidden = starts.filter((c) => /[ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶー、。，．）」』]/.test(c));
  assert.deepEqual(forbidden, [], `lines start with ${JSON.stringify(starts)}`);
  done();
});

test("line breaking: long URLs, words and code wrap at 320 px without horizontal scrolling", async (t) => {
  const { page, done } = await openArticle(t, LONG_WORDS, { viewport: { width: 320, height: 700 } });
  assert.deepEqual(await overflow(page), { scrollWidth: 320, innerWidth: 320, wide: [] });
  // Also in the navigation, opened.
  await page.getByRole("button", { name: "Sections", exact: true }).click();
  await nextFrames(page);
  const nav = await shadow(page, (root) => ({ scroll: root.querySelector(".toc").scrollWidth, client: root.querySelector(".toc").clientWidth }));
  assert.ok(nav.scroll <= nav.client, `the open navigation does not scroll sideways (${nav.scroll} > ${nav.client})`);
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 320);
  done();
});

// ---- 2. Section links ---------------------------------------------------------------------

test("section links: a button beside every h2 and h3, named for its section; headings, outline and ids unchanged", async (t) => {
  const { page, done } = await openArticle(t, essay({ h3: true }));
  const sections = await page.evaluate(() => widget.sections());
  assert.equal(sections.length, 12);
  for (const section of sections) {
    const button = page.getByRole("button", { name: `Copy link to section: ${section.title}`, exact: true });
    assert.equal(await button.count(), 1, section.title);
    // Its heading is as it was: the same text, name and id, and the button is not inside it.
    assert.equal(await page.getByRole("heading", { name: section.title, exact: true, level: section.level }).count(), 1, `heading "${section.title}"`);
    const place = await shadow(page, (root, id) => {
      const heading = root.getElementById(id);
      const button = root.querySelector(`.section-link[data-section="${CSS.escape(id)}"]`);
      return { inside: heading.contains(button), text: heading.textContent, sameLine: Math.abs(button.getBoundingClientRect().bottom - heading.getBoundingClientRect().bottom) < heading.getBoundingClientRect().height, after: heading.compareDocumentPosition(button) === Node.DOCUMENT_POSITION_FOLLOWING };
    }, section.id);
    assert.deepEqual(place, { inside: false, text: section.title, sameLine: true, after: true }, section.title);
  }
  // Hidden until hovered or focused (opacity: still in the tab order and the accessibility tree).
  const opacity = (id) => shadow(page, (root, id) => getComputedStyle(root.querySelector(`.section-link[data-section="${id}"]`)).opacity, id);
  assert.equal(await opacity(sections[1].id), "0");
  await page.getByRole("heading", { name: sections[1].title, exact: true }).hover();
  assert.equal(await opacity(sections[1].id), "1", "shown while its heading is hovered");
  await page.mouse.move(0, 0);
  await page.keyboard.press("Tab"); // a keyboard interaction, so that focus() shows the ring
  await shadow(page, (root, id) => root.querySelector(`.section-link[data-section="${id}"]`).focus(), sections[2].id);
  assert.equal(await opacity(sections[2].id), "1", "shown while focused");
  // Not printed.
  await page.emulateMedia({ media: "print" });
  assert.equal(await shadow(page, (root) => getComputedStyle(root.querySelector(".section-link")).display), "none", "hidden in print");
  done();
});

test("section links: always shown on a touch screen (hover: none)", async (t) => {
  const { page, done } = await openArticle(t, essay(), { viewport: NARROW });
  const context = await env.browser.newContext({ viewport: NARROW, hasTouch: true, isMobile: true, deviceScaleFactor: 1 });
  t.after(() => context.close());
  const touch = await context.newPage();
  await openArticle(t, essay(), { page: touch });
  assert.equal(await touch.evaluate(() => matchMedia("(hover: none)").matches), true, "the touch page has no hover");
  assert.equal(await shadow(touch, (root) => getComputedStyle(root.querySelector(".section-link")).opacity), "1");
  assert.equal(await shadow(page, (root) => getComputedStyle(root.querySelector(".section-link")).opacity), "0", "a mouse page shows it on hover only");
  done();
});

test("section links: a click copies the section's address and says so; the page stays where it is", async (t) => {
  const { page, context, done } = await openArticle(t, essay({ title: "Reading at night" }), { url: `${BLANK}?from=test#top` });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: env.server.url });
  const sections = await page.evaluate(() => widget.sections());
  const section = sections[3];
  await readTo(page, sections[2].id);
  const before = await page.evaluate(() => ({ y: scrollY, hash: location.hash }));
  await page.getByRole("heading", { name: section.title, exact: true }).hover();
  await page.getByRole("button", { name: `Copy link to section: ${section.title}`, exact: true }).click();
  await waitInWidget(page, (root) => root.querySelector(".status").textContent.trim() === "Link copied");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, `${env.server.url}${BLANK}?from=test#${encodeURIComponent(section.id)}`, "the page's address with the section's #id");
  const status = await page.getByRole("status").textContent();
  assert.equal(status.trim(), "Link copied", "announced in the polite live region");
  assert.deepEqual(await page.evaluate(() => ({ y: scrollY, hash: location.hash })), before, "no jump, no new address");
  // Copying again is announced again (the region's text changes).
  await page.getByRole("button", { name: `Copy link to section: ${sections[0].title}`, exact: true }).click();
  await waitInWidget(page, (root) => root.querySelector(".status").textContent === "Link copied\u00a0");
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `${env.server.url}${BLANK}?from=test#${sections[0].id}`);
  done();
});

test("section links: Korean and Japanese names, and the partner's own words", async (t) => {
  const { page, context, done } = await openArticle(t, KOREAN);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: env.server.url });
  const title = "야간 개관이 바꾸는 것들";
  await page.getByRole("button", { name: `섹션 링크 복사: ${title}`, exact: true }).click();
  await waitInWidget(page, (root) => root.querySelector(".status").textContent.trim() === "링크를 복사했습니다");
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `${env.server.url}${BLANK}#${encodeURIComponent("야간-개관이-바꾸는-것들")}`);

  await openArticle(t, JAPANESE, { page });
  assert.equal(await page.getByRole("button", { name: "セクションへのリンクをコピー: 夜間開館が変えるもの", exact: true }).count(), 1);
  await openArticle(t, essay(), { page, options: { labels: { copyLink: "Link to “{title}”", linkCopied: "Copied!" } } });
  const button = page.getByRole("button", { name: "Link to “Part 2 of the report”", exact: true });
  assert.equal(await button.count(), 1);
  await button.click();
  await waitInWidget(page, (root) => root.querySelector(".status").textContent.trim() === "Copied!");
  done();
});

for (const [why, init] of [
  ["refused", () => Object.defineProperty(Clipboard.prototype, "writeText", { value: () => Promise.reject(new DOMException("Write permission denied.", "NotAllowedError")) })],
  ["missing", () => Object.defineProperty(Navigator.prototype, "clipboard", { get: () => undefined })],
]) {
  test(`section links: with the clipboard ${why}, the click lands on the section and puts #id in the address, without an error`, async (t) => {
    const { page, done } = await openArticle(t, essay(), { initScript: init });
    const sections = await page.evaluate(() => widget.sections());
    const section = sections[4];
    await page.getByRole("button", { name: `Copy link to section: ${section.title}`, exact: true }).click();
    await page.waitForFunction((id) => location.hash === `#${id}`, section.id);
    await nextFrames(page, 3);
    assertHeadingAtTop(await readerGeometry(page, section.id), `clipboard ${why}`);
    const state = await shadow(page, (root) => ({ focused: root.activeElement?.id, status: root.querySelector(".status").textContent }));
    assert.deepEqual(state, { focused: section.id, status: "" }, "focus on the heading, as a navigation click leaves it; nothing announced");
    await waitForCurrentLink(page, `#${section.id}`);
    done();
  });
}

// ---- 3. Continue reading ------------------------------------------------------------------

test("continue reading: the section reached is remembered and offered on the next visit, which opens at the top; the offer lands there", async (t) => {
  const markdown = essay();
  const { page, context, done } = await openArticle(t, markdown);
  const sections = await page.evaluate(() => widget.sections());
  await readTo(page, sections[3].id);
  await page.goto("about:blank"); // leaving the page writes a place still held back
  done();

  const next = await revisit(t, context, markdown);
  assert.equal(await stored(next.page, placeKey("Late Opening|2026-10-12")), sections[3].id, "stored under the storage key, by title and date");
  await waitInWidget(next.page, (root) => !root.querySelector(".resume").hidden);
  const shown = await offer(next.page);
  assert.equal(shown.shown, true);
  assert.equal(shown.text, `Continue reading: ${sections[3].title}`);
  // It never jumps by itself.
  await nextFrames(next.page, 5);
  assert.equal(await next.page.evaluate(() => scrollY), 0, "the page stays at the top");
  // Over the article, under the bar: nothing moved to make room for it.
  const geometry = await shadow(next.page, (root) => ({ bar: root.querySelector(".bar").getBoundingClientRect().bottom, title: root.querySelector(".title").getBoundingClientRect().top }));
  assert.ok(shown.top >= geometry.bar, "below the bar");

  await next.page.getByRole("button", { name: `Continue reading: ${sections[3].title}`, exact: true }).click();
  await next.page.waitForFunction((id) => location.hash === `#${id}`, sections[3].id);
  await nextFrames(next.page, 3);
  assertHeadingAtTop(await readerGeometry(next.page, sections[3].id), "after continuing");
  assert.equal(await shadow(next.page, (root) => root.activeElement?.id), sections[3].id, "focus on the heading, as after a navigation click");
  assert.equal((await offer(next.page)).shown, false, "the offer is gone once used");
  next.done();
});

test("continue reading: keyed on the canonical URL; dismissed, or gone once the reader is a screen in", async (t) => {
  const canonical = "https://example.org/essays/late-opening";
  const markdown = essay({ canonical });
  const { page, context, done } = await openArticle(t, markdown, { viewport: NARROW });
  const sections = await page.evaluate(() => widget.sections());
  await readTo(page, sections[2].id);
  await page.goto("about:blank");
  done();

  // The same article under another title (a corrected headline) is still the same article.
  const renamed = markdown.replace('title = "Late Opening"', 'title = "Late Opening Hours"');
  const dismissed = await revisit(t, context, renamed);
  assert.equal(await stored(dismissed.page, placeKey(canonical)), sections[2].id);
  await waitInWidget(dismissed.page, (root) => !root.querySelector(".resume").hidden);
  const dismiss = dismissed.page.getByRole("button", { name: "Dismiss", exact: true });
  await dismiss.focus();
  await dismissed.page.keyboard.press("Enter");
  assert.equal((await offer(dismissed.page)).shown, false, "dismissed");
  assert.equal(await shadow(dismissed.page, (root) => root.activeElement?.className), "title", "focus goes to the title, not to the page");
  assert.equal(await dismissed.page.evaluate(() => scrollY), 0);
  assert.equal(await stored(dismissed.page, placeKey(canonical)), sections[2].id, "dismissing forgets nothing");
  dismissed.done();

  const scrolled = await revisit(t, context, markdown);
  await waitInWidget(scrolled.page, (root) => !root.querySelector(".resume").hidden);
  await scrolled.page.evaluate(() => window.scrollBy(0, innerHeight * 0.5));
  await nextFrames(scrolled.page, 3);
  assert.equal((await offer(scrolled.page)).shown, true, "still offered half a screen in");
  await scrolled.page.evaluate(() => window.scrollBy(0, innerHeight * 1.2));
  await waitInWidget(scrolled.page, (root) => root.querySelector(".resume").hidden);
  scrolled.done();
});

test("continue reading: no offer for a finished article, an address with #id, or a section the article lost", async (t) => {
  const markdown = essay();
  const { page, context, done } = await openArticle(t, markdown);
  const sections = await page.evaluate(() => widget.sections());
  const key = placeKey("Late Opening|2026-10-12");
  await readTo(page, sections[2].id);
  await page.waitForFunction(() => {
    window.scrollTo(0, document.documentElement.scrollHeight);
    return Math.ceil(scrollY + innerHeight) >= document.documentElement.scrollHeight - 1;
  });
  await waitForCurrentLink(page, `#${sections.at(-1).id}`);
  await page.goto("about:blank");
  done();

  const finished = await revisit(t, context, markdown);
  assert.equal(await stored(finished.page, key), null, "a finished article is forgotten");
  await nextFrames(finished.page, 5);
  assert.equal((await offer(finished.page)).shown, false, "finished: no offer");
  finished.done();

  await finished.page.evaluate(([key, id]) => localStorage.setItem(key, id), [key, sections[1].id]);
  const withHash = await finished.page.context().newPage();
  await withHash.goto(`${env.server.url}${BLANK}#${sections[4].id}`);
  await withHash.waitForFunction(() => document.documentElement.dataset.ready === "true");
  await openArticle(t, markdown, { page: withHash, url: `${BLANK}#${sections[4].id}` });
  await nextFrames(withHash, 5);
  assert.equal((await offer(withHash)).shown, false, "the address names a place: no offer");

  await withHash.evaluate((key) => localStorage.setItem(key, "a-section-that-is-gone"), key);
  const lost = await revisit(t, context, markdown);
  await nextFrames(lost.page, 5);
  assert.equal((await offer(lost.page)).shown, false, "a section the article no longer has: no offer");
  lost.done();
});

test("continue reading: a jump from the top straight past the first headings (a dragged scrollbar) is followed and remembered", async (t) => {
  // A long opening: the first two headings, the ones watched at the top, start below the
  // screen, and the jump takes them above it, so neither crosses into view.
  const markdown = essay({ paragraphs: 3 }).replace("\n\n## Part 1", `\n\n${"An opening paragraph, long enough to fill a screen or two. ".repeat(60)}\n\n## Part 1`);
  const { page, context, done } = await openArticle(t, markdown);
  const sections = await page.evaluate(() => widget.sections());
  const top = (id) => page.evaluate((id) => document.getElementById("reader").shadowRoot.getElementById(id).getBoundingClientRect().top, id);
  assert.ok((await top(sections[0].id)) > 900, "the first heading starts below the screen");
  await page.evaluate((y) => window.scrollTo(0, y), (await top(sections[3].id)) - 60);
  await waitForCurrentLink(page, `#${sections[3].id}`);
  assert.deepEqual(await shadow(page, (root) => [...root.querySelectorAll(".toc a[aria-current]")].map((a) => a.getAttribute("href"))), [`#${sections[3].id}`]);
  await page.goto("about:blank");
  done();
  const next = await revisit(t, context, markdown);
  assert.equal(await stored(next.page, placeKey("Late Opening|2026-10-12")), sections[3].id);
  next.done();
});

test("continue reading: storageKey false and resume: false remember nothing; broken storage is no error", async (t) => {
  const markdown = essay();
  for (const options of [{ storageKey: false }, { resume: false }]) {
    const { page, done } = await openArticle(t, markdown, { options });
    const sections = await page.evaluate(() => widget.sections());
    await readTo(page, sections[3].id);
    await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent("pagehide")));
    const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(":place:")));
    assert.deepEqual(keys, [], `${JSON.stringify(options)}: nothing stored`);
    done();
  }
  // A partner's own key.
  const own = await openArticle(t, markdown, { options: { storageKey: "partner:reader" } });
  const sections = await own.page.evaluate(() => widget.sections());
  await readTo(own.page, sections[1].id);
  await own.page.evaluate(() => window.dispatchEvent(new PageTransitionEvent("pagehide")));
  assert.equal(await stored(own.page, "partner:reader:place:Late Opening|2026-10-12"), sections[1].id);
  own.done();
  // Storage that throws on every call, as in some privacy modes and sandboxed frames.
  const broken = await openArticle(t, markdown, {
    initScript: () => {
      for (const name of ["getItem", "setItem", "removeItem"]) {
        Storage.prototype[name] = () => {
          throw new DOMException("The operation is insecure.", "SecurityError");
        };
      }
    },
  });
  await readTo(broken.page, sections[2].id);
  await broken.page.evaluate(() => window.dispatchEvent(new PageTransitionEvent("pagehide")));
  assert.equal((await offer(broken.page)).shown, false);
  broken.done();
});

test("continue reading: written on section changes only, at most every 2 s, and the last place when the page is left", async (t) => {
  const markdown = essay({ sections: 8 });
  const { page, context, done } = await openArticle(t, markdown, {
    initScript: () => {
      window.__writes = [];
      for (const name of ["setItem", "removeItem"]) {
        const original = Storage.prototype[name];
        Storage.prototype[name] = function (key, ...rest) {
          if (String(key).includes(":place:")) window.__writes.push({ name, value: rest[0] ?? null, at: performance.now() });
          return original.call(this, key, ...rest);
        };
      }
    },
  });
  const sections = await page.evaluate(() => widget.sections());
  await readTo(page, sections[1].id);
  const writes = () => page.evaluate(() => window.__writes);
  assert.deepEqual((await writes()).map((w) => w.value), [sections[1].id], "the first section change is written at once");
  // Scrolling within a section writes nothing, however much it scrolls.
  for (let i = 0; i < 20; i++) {
    await page.evaluate(() => window.scrollBy(0, 10));
    await nextFrames(page, 1);
  }
  assert.equal(await shadow(page, (root) => root.querySelector(".toc a[aria-current]").getAttribute("href")), `#${sections[1].id}`, "still in the same section");
  assert.equal((await writes()).length, 1, "no write while scrolling within a section");
  // Skimming through five sections in well under two seconds: held back, not written each time.
  const start = Date.now();
  for (const section of sections.slice(2, 7)) await readTo(page, section.id);
  const elapsed = Date.now() - start;
  const during = await writes();
  assert.ok(during.length <= 1 + Math.ceil(elapsed / 2000), `${during.length} writes in ${elapsed} ms`);
  // Leaving writes the last place.
  await page.goto("about:blank");
  done();
  const next = await revisit(t, context, markdown);
  assert.equal(await stored(next.page, placeKey("Late Opening|2026-10-12")), sections[6].id, "the last section reached");
  next.done();
});

test("continue reading: a pre-rendered widget remembers and offers too; resume=\"off\" turns it off", async (t) => {
  await mkdir(OUT_DIR, { recursive: true });
  const markdown = essay({ title: "Pre-rendered", date: "2026-11-02" });
  const source = path.join(OUT_DIR, "prerendered.md");
  await writeFile(source, markdown);
  await buildCli();
  const { stdout } = await promisify(execFile)(CLI, ["render", source, "--page"], { maxBuffer: 16 << 20 });
  assert.match(stdout, /data-article="Pre-rendered\|2026-11-02"/, "the markup names the article");
  await writeFile(path.join(OUT_DIR, "prerendered.html"), stdout.replace("<reading-widget>", '<reading-widget id="reader">'));
  await writeFile(path.join(OUT_DIR, "prerendered-off.html"), stdout.replace("<reading-widget>", '<reading-widget id="reader" resume="off">'));
  const live = () => document.getElementById("reader")?.widget && document.getElementById("reader").shadowRoot.querySelector(".rw[data-live]");

  const { page, context, done } = await env.open(t, `${OUT}/prerendered.html`, { waitFor: live, frames: 3 });
  const sections = await page.evaluate(() => document.getElementById("reader").widget.sections());
  await readTo(page, sections[2].id);
  await page.goto("about:blank");
  done();

  const again = await context.newPage();
  await again.goto(`${env.server.url}${OUT}/prerendered.html`);
  await again.waitForFunction(live);
  await waitInWidget(again, (root) => !root.querySelector(".resume").hidden);
  assert.equal((await offer(again)).text, `Continue reading: ${sections[2].title}`);

  const off = await context.newPage();
  await off.goto(`${env.server.url}${OUT}/prerendered-off.html`);
  await off.waitForFunction(live);
  await nextFrames(off, 5);
  assert.equal((await offer(off)).shown, false, 'resume="off": no offer');
});

test("continue reading: <reading-widget resume=\"off\"> remembers nothing; another value is reported", async (t) => {
  const { page, done } = await env.open(t, BLANK);
  const result = await page.evaluate(async (markdown) => {
    const errors = [];
    const make = (value, text) => {
      const element = document.createElement("reading-widget");
      if (value !== null) element.setAttribute("resume", value);
      element.addEventListener("error", (e) => errors.push(e.detail.message));
      const script = document.createElement("script");
      script.type = "text/markdown";
      script.textContent = text;
      element.append(script);
      document.getElementById("main").append(element);
      return element;
    };
    const off = make("off", markdown);
    make("maybe", "An untitled article: no place of it is ever stored.");
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    off.shadowRoot.getElementById(off.widget.sections()[2].id).scrollIntoView();
    await new Promise((r) => setTimeout(r, 300));
    window.dispatchEvent(new PageTransitionEvent("pagehide"));
    return { errors, keys: Object.keys(localStorage).filter((k) => k.includes(":place:")) };
  }, essay());
  assert.deepEqual(result.errors, ['<reading-widget resume>: must be "on" or "off", not "maybe"; continue reading stays on']);
  assert.deepEqual(result.keys, [], 'resume="off" stored no place');
  done();
});

// ---- 4. Forced colours --------------------------------------------------------------------

/** The most common colour in `box` of a decoded screenshot. */
function dominant(picture, box) {
  const counts = new Map();
  for (let y = Math.ceil(box.top); y < Math.floor(box.bottom); y++) {
    for (let x = Math.ceil(box.left); x < Math.floor(box.right); x++) {
      const at = (y * picture.width + x) * 4;
      const key = (picture.rgba[at] << 16) | (picture.rgba[at + 1] << 8) | picture.rgba[at + 2];
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const [key] = [...counts].reduce((best, entry) => (entry[1] > best[1] ? entry : best));
  return [key >> 16, (key >> 8) & 0xff, key & 0xff];
}

const distance = (a, b) => Math.max(...a.map((c, k) => Math.abs(c - b[k])));

/** The pixels of the band `gap`..`gap + width` px around `box`: where a focus ring is drawn. */
function ring(picture, { box, gap, width }) {
  const out = [];
  const [left, top, right, bottom] = [Math.round(box.left), Math.round(box.top), Math.round(box.right), Math.round(box.bottom)];
  for (let y = top - gap - width; y < bottom + gap + width; y++) {
    for (let x = left - gap - width; x < right + gap + width; x++) {
      const inside = x >= left - gap && x < right + gap && y >= top - gap && y < bottom + gap;
      if (inside) continue;
      const at = (y * picture.width + x) * 4;
      out.push([picture.rgba[at], picture.rgba[at + 1], picture.rgba[at + 2]]);
    }
  }
  return out;
}

function boxes(page, selector) {
  return shadow(page, (root, selector) => [...root.querySelectorAll(selector)].map((el) => {
    const r = el.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, current: el.getAttribute("aria-current"), pressed: el.getAttribute("aria-pressed") };
  }), selector);
}

const inset = (box, by) => ({ left: box.left + by, top: box.top + by, right: box.right - by, bottom: box.bottom - by });

for (const scheme of ["light", "dark"]) {
  test(`forced colours (${scheme}): the chosen text size, the current section and the focus ring stand out`, async (t) => {
    const { page, done } = await openArticle(t, essay(), { colorScheme: scheme });
    await page.emulateMedia({ forcedColors: "active", colorScheme: scheme });
    assert.equal(await page.evaluate(() => matchMedia("(forced-colors: active)").matches), true);
    const sections = await page.evaluate(() => widget.sections());
    await readTo(page, sections[2].id);
    await page.mouse.move(1, 1);

    const shot = async (name) => {
      const png = await page.screenshot();
      await mkdir(path.join(REPO_ROOT, "tests/e2e/artifacts"), { recursive: true });
      await writeFile(path.join(REPO_ROOT, `tests/e2e/artifacts/forced-colors-${scheme}-${name}.png`), png);
      return decodePng(png);
    };
    const picture = await shot("loaded");
    const steps = await boxes(page, ".size-step");
    const pressed = steps.find((b) => b.pressed === "true");
    const pressedColor = dominant(picture, inset(pressed, 3));
    for (const step of steps.filter((b) => b !== pressed)) {
      const color = dominant(picture, inset(step, 3));
      assert.ok(distance(color, pressedColor) > 64, `the pressed step (${pressedColor}) stands out from another (${color})`);
    }
    const links = await boxes(page, ".toc a");
    const current = links.find((b) => b.current === "location");
    assert.ok(current, "a nav link is current");
    const currentColor = dominant(picture, inset(current, 2));
    for (const link of links.filter((b) => b !== current && b.top > 0 && b.bottom < WIDE.height)) {
      const color = dominant(picture, inset(link, 2));
      assert.ok(distance(color, currentColor) > 64, `the current section's entry (${currentColor}) stands out from another (${color})`);
    }

    // The focus ring, drawn around a toolbar button when it is reached from the keyboard, all
    // round it (the buttons beside it do not cover it), and as wide as in the other themes.
    await shadow(page, (root) => root.querySelector(".size-nudge").focus());
    await page.keyboard.press("ArrowRight");
    const outline = await shadow(page, (root) => {
      const style = getComputedStyle(root.activeElement);
      return { step: root.activeElement.dataset.step, gap: parseFloat(style.outlineOffset), width: parseFloat(style.outlineWidth) };
    });
    assert.equal(outline.step, "1");
    assert.ok(outline.width >= 3, `a ring ${outline.width}px wide`);
    const band = { box: steps[0], gap: outline.gap, width: outline.width };
    const before = ring(picture, band);
    const after = ring(await shot("focused"), band);
    const changed = after.filter((pixel, i) => distance(pixel, before[i]) > 32).length / after.length;
    assert.ok(changed > 0.8, `the focus ring shows: ${(changed * 100).toFixed(0)}% of the band around the button changed`);
    done();
  });
}

// ---- 5. Accessibility of the new controls --------------------------------------------------

for (const theme of ["light", "dark"]) {
  for (const viewport of [WIDE, NARROW]) {
    test(`axe: the offer to continue and the section links have no WCAG 2.2 AA violations (${theme}, ${viewport.width} px)`, async (t) => {
      const markdown = essay();
      const { page, context, done } = await openArticle(t, markdown, { options: { theme }, colorScheme: theme, viewport });
      const sections = await page.evaluate(() => widget.sections());
      await readTo(page, sections[2].id);
      await page.goto("about:blank");
      done();
      const next = await revisit(t, context, markdown, { theme });
      await waitInWidget(next.page, (root) => !root.querySelector(".resume").hidden);
      // A section link shown (hovered), the offer shown.
      await next.page.getByRole("heading", { name: sections[0].title, exact: true }).hover();
      const violations = await axeViolations(next.page);
      assert.deepEqual(violations, []);
      // And focused, from the keyboard.
      await next.page.getByRole("button", { name: `Copy link to section: ${sections[0].title}`, exact: true }).focus();
      assert.deepEqual(await axeViolations(next.page), []);
      next.done();
    });
  }
}
