// Images: the first loads at once and the rest lazily, and an image that loads above the reader
// never moves the text being read (keep-my-place, extended to images): the reader lands on a
// section while the images above it are still loading, and the section's heading stays where it
// landed when they arrive.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useBrowser } from "./support.mjs";

const env = useBrowser({ pkgFiles: ["reading_widget.js", "reading_widget_bg.wasm"] });

const GIF = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");
const paragraph = "Words of a paragraph that the reader scrolls past on the way to the section. ".repeat(8);
const ARTICLE = [
  "+++\ntitle = \"Images above the reader\"\n+++\n",
  "![A tall chart](/slow/one.svg \"The first figure\")\n",
  paragraph,
  "![A second chart](/slow/two.svg)\n",
  ...Array.from({ length: 4 }, () => paragraph),
  "## Target\n",
  ...Array.from({ length: 12 }, () => paragraph),
].join("\n");

test("an image that loads above the reader does not move the section being read", async (t) => {
  let release;
  const released = new Promise((r) => (release = r));
  const { page, done } = await env.open(t, "/tests/e2e/fixtures/blank.html", {
    viewport: { width: 375, height: 700 },
    beforeGoto: async (page) => {
      // Tall images, held back until the reader has landed.
      await page.route("**/slow/*.svg", async (route) => {
        await released;
        route.fulfill({ contentType: "image/svg+xml", body: '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="900"><rect width="400" height="900" fill="#2a6f97"/></svg>' });
      });
      await page.route("**/favicon.ico", (route) => route.fulfill({ contentType: "image/gif", body: GIF }));
    },
  });
  const landed = await page.evaluate(async (markdown) => {
    const { default: init, mount } = await import("/pkg/reading_widget.js");
    await init();
    const target = document.getElementById("main");
    const widget = mount(target, { markdown, storageKey: false });
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    widget.scrollToSection("target");
    await new Promise((r) => setTimeout(r, 300));
    const root = target.shadowRoot;
    const imgs = [...root.querySelectorAll(".body img")];
    return {
      top: root.getElementById("target").getBoundingClientRect().top,
      loading: imgs.map((img) => img.getAttribute("loading")),
      figure: !!root.querySelector("figure > img + figcaption"),
    };
  }, ARTICLE);
  assert.deepEqual(landed.loading, [null, "lazy"], "the first image loads at once, the second lazily");
  assert.ok(landed.figure, "the image alone in its paragraph is a figure with its caption");
  release();
  await page.waitForFunction(() => [...document.getElementById("main").shadowRoot.querySelectorAll(".body img")].every((img) => img.complete && img.naturalHeight > 0));
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const after = await page.evaluate(() => ({
    top: document.getElementById("main").shadowRoot.getElementById("target").getBoundingClientRect().top,
    heights: [...document.getElementById("main").shadowRoot.querySelectorAll(".body img")].map((img) => img.getBoundingClientRect().height),
  }));
  assert.ok(after.heights.every((h) => h > 300), `the images loaded above the section (${after.heights})`);
  assert.ok(Math.abs(after.top - landed.top) <= 1, `the section's heading moved from ${landed.top}px to ${after.top}px`);
  done();
});
