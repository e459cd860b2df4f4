// Ruby keeps lines evenly spaced: the lines of a paragraph with readings over its words are as far
// apart as the lines of the same paragraph without them, at every text step and in every theme;
// only its first line's readings may stand out above the paragraph, by less than their own size.
// The readings stay at least 9px at step 1.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useBrowser } from "./support.mjs";

const env = useBrowser({ pkgFiles: ["reading_widget.js", "reading_widget_bg.wasm"] });

const PLAIN = "漢字の読みは難しいが、振り仮名があれば子どもでも読める。".repeat(6);
const RUBY = PLAIN.replaceAll("漢字", "<ruby>漢字<rp>(</rp><rt>かんじ</rt><rp>)</rp></ruby>").replaceAll("振り仮名", "<ruby>振<rt>ふ</rt></ruby>り<ruby>仮名<rt>がな</rt></ruby>");
const ARTICLE = `+++\ntitle = "振り仮名"\nlang = "ja"\n+++\n\n${PLAIN}\n\n${RUBY}\n`;

for (const width of [375, 1024]) {
  test(`ruby lines are spaced as plain lines at every step and theme (${width}px)`, async (t) => {
    const { page, done } = await env.open(t, "/tests/e2e/fixtures/blank.html", { viewport: { width, height: 800 } });
    const results = await page.evaluate(async (markdown) => {
      const { default: init, mount } = await import("/pkg/reading_widget.js");
      await init();
      const target = document.getElementById("main");
      const out = [];
      for (const theme of ["light", "dark", "sepia", "auto"]) {
        for (const step of [1, 2, 3, 4, 5]) {
          const widget = mount(target, { markdown, theme, fontStep: step, storageKey: false });
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          const [plain, ruby] = target.shadowRoot.querySelectorAll(".body p");
          // The tops of a paragraph's lines of base text (a reading's box is lower than a line's).
          const lineTops = (p) => {
            const range = document.createRange();
            range.selectNodeContents(p);
            const rects = [...range.getClientRects()];
            const tall = Math.max(...rects.map((r) => r.height));
            return [...new Set(rects.filter((r) => r.height > tall * 0.9).map((r) => Math.round(r.top * 4) / 4))].sort((a, b) => a - b);
          };
          const pitches = (tops) => tops.slice(1).map((top, i) => top - tops[i]);
          out.push({
            plainPitches: pitches(lineTops(plain)),
            rubyPitches: pitches(lineTops(ruby)),
            theme,
            step,
            plain: plain.getBoundingClientRect().height,
            ruby: ruby.getBoundingClientRect().height,
            rubies: ruby.querySelectorAll("ruby").length,
            rt: parseFloat(getComputedStyle(ruby.querySelector("rt")).fontSize),
            lineHeight: parseFloat(getComputedStyle(plain).lineHeight),
          });
          widget.destroy();
        }
      }
      return out;
    }, ARTICLE);
    for (const r of results) {
      assert.ok(r.rubies > 10, `${r.rubies} rubies rendered`);
      const pitch = r.plainPitches[0];
      assert.ok(r.plainPitches.length >= 3 && r.rubyPitches.length === r.plainPitches.length, `${r.theme}, step ${r.step}: ${r.rubyPitches.length + 1} lines with ruby, ${r.plainPitches.length + 1} without`);
      for (const p of [...r.plainPitches, ...r.rubyPitches]) {
        assert.ok(Math.abs(p - pitch) <= 0.5, `${r.theme}, step ${r.step}: lines ${p}px apart, not ${pitch}px (with ruby ${r.rubyPitches}, without ${r.plainPitches})`);
      }
      assert.ok(r.ruby - r.plain >= 0 && r.ruby - r.plain < r.rt, `${r.theme}, step ${r.step}: the paragraph with ruby is ${r.ruby}px tall, without ${r.plain}px`);
      assert.ok(r.rt >= 9, `${r.theme}, step ${r.step}: the reading is ${r.rt}px`);
    }
    done();
  });
}
