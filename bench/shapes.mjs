// Long articles of two shapes, side by side with the peer (marked + DOMPurify into a plain
// reading stylesheet): mount through the first painted frame, and a text-size change through the
// next frame. "1mb" is the sample repeated (long sections, ~3,000 blocks); "1mb-short" is about
// 950 KB of short sections of one-sentence paragraphs (~14,000 blocks), the shape that the
// per-block containment of earlier releases handled worst. Targets: widget ≤ 0.3 × peer, both;
// scrolling with no long task and a median frame no slower than the markup with nothing contained.
//
//   node bench/shapes.mjs [--rounds N]     (make bench runs it after bench/run.mjs)
//
// Writes the section between <!-- shapes:start --> and <!-- shapes:end --> in BENCHMARKS.md.
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { launchChromium } from "../tests/e2e/chromium.mjs";
import { startServer, REPO_ROOT } from "../tests/e2e/server.mjs";
import { median } from "./stats.mjs";

const argv = process.argv.slice(2);
const ROUNDS = Number(argv[argv.indexOf("--rounds") + 1] || 7);
const ARTICLES = ["1mb", "1mb-short"];

const server = await startServer({ root: REPO_ROOT });
const browser = await launchChromium(["--js-flags=--expose-gc"]);
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.goto(`${server.url}/bench/page.html`);
await page.waitForFunction(() => window.benchReady === true);
const info = await page.evaluate(() => window.bench.setup({ shortSections: true }));

const results = {};
for (const name of ARTICLES) {
  const mount = { widget: [], peer: [] };
  const font = { widget: [], peer: [] };
  // One warm-up of each, then rounds in alternating order.
  await page.evaluate((n) => window.bench.sample(n, "widgetPaint"), name);
  await page.evaluate((n) => window.bench.sample(n, "peerPlainPaint"), name);
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 ? ["peerPlainPaint", "widgetPaint"] : ["widgetPaint", "peerPlainPaint"];
    for (const variant of order) {
      const ms = await page.evaluate(([n, v]) => window.bench.sample(n, v), [name, variant]);
      mount[variant === "widgetPaint" ? "widget" : "peer"].push(ms);
    }
    for (const variant of round % 2 ? ["peerPlain", "widget"] : ["widget", "peerPlain"]) {
      await page.evaluate(([n, v]) => window.bench.fontPrepare(n, v), [name, variant]);
      const up = await page.evaluate(() => window.bench.fontMeasure("up"));
      await page.evaluate(() => window.bench.fontSettle());
      const down = await page.evaluate(() => window.bench.fontMeasure("down"));
      await page.evaluate(() => window.bench.fontFinish());
      font[variant === "widget" ? "widget" : "peer"].push((up + down) / 2);
    }
  }
  const ratio = (set) => median(set.widget.map((w, i) => w / set.peer[i]));
  results[name] = {
    markdownBytes: info.articles[name]?.markdownBytes,
    mount: { widget: median(mount.widget), peer: median(mount.peer), ratio: ratio(mount) },
    font: { widget: median(font.widget), peer: median(font.peer), ratio: ratio(font) },
  };
  console.log(name, JSON.stringify(results[name]));
}
// Scrolling the whole article in 400 px steps, one per animation frame (rAF, then a task): the
// median frame, and long tasks, for the widget as it is and for its own markup with nothing
// contained (content-visibility forced to visible), side by side.
const scroll = {};
for (const name of ARTICLES) {
  for (const variant of ["widget", "uncontained"]) {
    await page.evaluate((n) => window.bench.scrollPrepare(n, "widget"), name);
    scroll[`${name}:${variant}`] = await page.evaluate(async (uncontained) => {
      const root = document.querySelector(".host").shadowRoot;
      if (uncontained) {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(".chunk, .body > * { content-visibility: visible !important; }");
        root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      }
      const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      for (let i = 0; i < 5; i++) await frame();
      window.scrollTo(0, 0);
      await frame();
      const heightBefore = document.documentElement.scrollHeight;
      let longTasks = 0;
      const observer = new PerformanceObserver((list) => (longTasks += list.getEntries().length));
      observer.observe({ type: "longtask" });
      const frames = [];
      let last = performance.now();
      while (Math.ceil(scrollY + innerHeight) < document.documentElement.scrollHeight && frames.length < 20_000) {
        window.scrollBy(0, 400);
        await frame();
        const t = performance.now();
        frames.push(t - last);
        last = t;
      }
      await frame();
      longTasks += observer.takeRecords().length;
      observer.disconnect();
      frames.sort((a, b) => a - b);
      return { medianFrame: frames[frames.length >> 1], longTasks, steps: frames.length, heightBefore, heightAfter: document.documentElement.scrollHeight };
    }, variant === "uncontained");
    await page.evaluate(() => window.bench.scrollFinish());
    console.log(name, variant, JSON.stringify(scroll[`${name}:${variant}`]));
  }
}
const chromium = browser.version();
await browser.close();
await server.close();

const ms = (x) => `${x.toFixed(0)} ms`;
const verdict = (r) => (r <= 0.3 ? "met" : "**not met**");
const rows = ARTICLES.map((name) => {
  const r = results[name];
  return `| ${name} (${(r.markdownBytes / 1024).toFixed(0)} KiB of Markdown) | ${ms(r.mount.widget)} vs ${ms(r.mount.peer)}: **${r.mount.ratio.toFixed(2)}×** (${verdict(r.mount.ratio)}) | ${ms(r.font.widget)} vs ${ms(r.font.peer)}: **${r.font.ratio.toFixed(2)}×** (${verdict(r.font.ratio)}) |`;
});
const section = `<!-- shapes:start -->
<!-- Generated by \`node bench/shapes.mjs\`; edits between these markers are overwritten. -->

Run: \`node bench/shapes.mjs --rounds ${ROUNDS}\` on ${new Date().toISOString().slice(0, 10)}; Chromium ${chromium}; ${os.cpus().length} CPUs; load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} at the end. Medians of ${ROUNDS} rounds, each ratio the median of per-round ratios (widget / peer in the same round), 1280 × 900.

| article | mount → first painted frame, widget vs peer | text-size change → next frame, widget vs peer |
| --- | --- | --- |
${rows.join("\n")}

Scrolling from top to bottom in 400 px steps, one per animation frame (rAF, then a task), in the same run; the page's height before scrolling against its height at the end:

| article | widget: median frame, long tasks | same markup, nothing contained: median frame, long tasks | page height before / after scrolling (widget) |
| --- | --- | --- | --- |
${ARTICLES.map((name) => {
  const w = scroll[`${name}:widget`];
  const u = scroll[`${name}:uncontained`];
  return `| ${name} | ${w.medianFrame.toFixed(1)} ms, ${w.longTasks} (${w.steps} steps) | ${u.medianFrame.toFixed(1)} ms, ${u.longTasks} | ${w.heightBefore} / ${w.heightAfter} px: ${(w.heightBefore / w.heightAfter).toFixed(2)}× |`;
}).join("\n")}
<!-- shapes:end -->`;
const mdPath = path.join(REPO_ROOT, "BENCHMARKS.md");
let md = readFileSync(mdPath, "utf8");
md = md.includes("<!-- shapes:start -->")
  ? md.replace(/<!-- shapes:start -->[\s\S]*<!-- shapes:end -->/, section)
  : `${md.trimEnd()}\n\n## Long articles of two shapes\n\n${section}\n`;
writeFileSync(mdPath, md);
