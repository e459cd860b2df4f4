// The Eleventy example (examples/eleventy, issue 16): a static site whose Markdown article is
// pre-rendered at build time by reading-widget/render, taken over in Chromium by the widget's
// module copied from the installed package. Run from the repository root with
// `node --test tests/e2e/eleventy.test.mjs` after `make build` and `scripts/setup.sh --test`
// (which installs the example's packages).
//
// The site is built into target/e2e-eleventy and served from its own root, as a host would.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { pathToFileURL } from "node:url";
import { launchChromium, watchProblems } from "./chromium.mjs";
import { startServer } from "./server.mjs";
import { REPO_ROOT, WIDE, NARROW } from "./support.mjs";

const run = promisify(execFile);
const EXAMPLE = path.join(REPO_ROOT, "examples/eleventy");
const SITE = path.join(REPO_ROOT, "target/e2e-eleventy");

let server;
let browser;

before(async () => {
  if (!existsSync(path.join(REPO_ROOT, "pkg/render.js"))) throw new Error("pkg/render.js is missing: run `make build` first");
  if (!existsSync(path.join(EXAMPLE, "node_modules/.bin/eleventy"))) {
    throw new Error("examples/eleventy has no node_modules: run `scripts/setup.sh --test`");
  }
  await rm(SITE, { recursive: true, force: true });
  await run(path.join(EXAMPLE, "node_modules/.bin/eleventy"), ["--quiet", `--output=${SITE}`], { cwd: EXAMPLE });
  server = await startServer({ root: SITE });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test("the site's page holds the widget exactly as renderFragment() renders the Markdown file", async () => {
  const { renderFragment } = await import(pathToFileURL(path.join(REPO_ROOT, "pkg/render.js")).href);
  const markdown = await readFile(path.join(EXAMPLE, "content/essay.md"), "utf8");
  const html = await readFile(path.join(SITE, "essay/index.html"), "utf8");
  const fragment = renderFragment(markdown, { assets: "/reading-widget" });
  assert.equal(html.split(fragment).length, 2, "the fragment, once, byte for byte");
  // The layout's <title> comes from the same TOML front matter that Eleventy read.
  assert.ok(html.includes("<title>Libraries in the Heat · Example Press</title>"));
  // Only the browser's files were copied: the pre-renderer stays at build time.
  for (const file of ["element.js", "reading-widget.css", "reading_widget.js", "reading_widget_bg.wasm"]) {
    assert.ok(existsSync(path.join(SITE, "reading-widget", file)), file);
  }
  assert.ok(!existsSync(path.join(SITE, "reading-widget/render.js")) && !existsSync(path.join(SITE, "reading-widget/reading_widget_render_bg.wasm")));
});

test("without script the built page shows the article: declarative shadow DOM from the HTML", async (t) => {
  const context = await browser.newContext({ viewport: NARROW, javaScriptEnabled: false });
  t.after(() => context.close());
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(`${server.url}/essay/`);
  assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "Libraries in the Heat");
  assert.equal(await page.getByRole("heading", { name: "Why libraries" }).count(), 1);
  assert.deepEqual(problems, []);
});

for (const viewport of [WIDE, NARROW]) {
  test(`at ${viewport.width} px the widget takes the built page's article over: element.widget is set and its text-size steps work`, async (t) => {
    const context = await browser.newContext({ viewport, reducedMotion: "reduce" });
    t.after(() => context.close());
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${server.url}/essay/`);
    const widget = page.locator("reading-widget");
    await page.waitForFunction(() => document.querySelector("reading-widget")?.widget);
    await page.getByRole("button", { name: "Text size 5" }).click();
    await page.waitForFunction(() => document.querySelector("reading-widget").shadowRoot.querySelector("[data-step]").dataset.step === "5");
    const state = await widget.evaluate((el) => ({
      step: el.shadowRoot.querySelector("[data-step]").dataset.step,
      pressed: el.shadowRoot.querySelector('button[aria-pressed="true"]')?.getAttribute("aria-label"),
      widget: typeof el.widget,
    }));
    assert.deepEqual(state, { step: "5", pressed: "Text size 5", widget: "object" });
    assert.deepEqual(problems, []);
  });
}
