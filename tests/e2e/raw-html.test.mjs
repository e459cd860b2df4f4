// Raw HTML in the browser and in a pre-rendered page is the same markup: mount() reads the
// author's HTML with the browser's own parser (src/raw_tokens.rs), the command line with
// html5gum, and the core's one allowlist writes the output (core/src/article/raw_html.rs). For
// every test article and every case of the XSS corpus, the article body mount() makes is the
// body the command line pre-renders, byte for byte.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { REPO_ROOT, useBrowser, xssCorpus } from "./support.mjs";

const CLI = path.join(REPO_ROOT, "target/release/reading-widget");
const env = useBrowser({ pkgFiles: ["reading_widget.js", "reading_widget_bg.wasm"] });

/** Every test article: articles/, the end-to-end fixtures and core/tests/articles/. */
async function testArticles() {
  const found = [];
  for (const dir of ["articles", "tests/e2e/fixtures", "core/tests/articles"]) {
    for (const file of (await readdir(path.join(REPO_ROOT, dir))).filter((f) => f.endsWith(".md")).sort()) {
      found.push({ name: `${dir}/${file}`, markdown: await readFile(path.join(REPO_ROOT, dir, file), "utf8") });
    }
  }
  return found;
}

/** The command line's fragment for `markdown`. */
function fragment(markdown) {
  const run = spawnSync(CLI, ["render", "-"], { input: markdown, encoding: "utf8", timeout: 60_000 });
  assert.equal(run.status, 0, `reading-widget render - exited ${run.status}: ${run.stderr}`);
  return run.stdout;
}

test("mount() writes the raw HTML of every test article and XSS case as the pre-rendered page has it", async (t) => {
  const corpus = (await xssCorpus()).filter((c) => !c.error).map((c) => ({ name: `xss: ${c.name}`, markdown: c.markdown }));
  const articles = [...(await testArticles()), ...corpus];
  assert.ok(articles.length > 100, `only ${articles.length} articles`);
  const cases = articles.map((a) => ({ ...a, fragment: fragment(a.markdown) }));
  const { page, done } = await env.open(t, "/tests/e2e/fixtures/blank.html", { dialogs: true });
  const results = await page.evaluate(async (cases) => {
    const { default: init, mount } = await import("/pkg/reading_widget.js");
    await init();
    const out = [];
    for (const c of cases) {
      // The pre-rendered fragment, parsed as a page would (declarative shadow root), not run.
      const doc = Document.parseHTMLUnsafe(`<!doctype html><body>${c.fragment}`);
      const pre = doc.querySelector("reading-widget")?.shadowRoot?.querySelector(".body")?.innerHTML;
      const target = document.createElement("div");
      document.body.append(target);
      const widget = mount(target, { markdown: c.markdown, storageKey: false });
      // What the running widget adds (footnote references described by their notes) aside.
      const body = target.shadowRoot.querySelector(".body").cloneNode(true);
      for (const el of body.querySelectorAll("[aria-describedby]")) el.removeAttribute("aria-describedby");
      const mounted = body.innerHTML;
      widget.destroy();
      target.remove();
      out.push({ name: c.name, pre, mounted });
    }
    return out;
  }, cases);
  const differing = results.filter((r) => r.pre !== r.mounted);
  const describe = ({ name, pre, mounted }) => {
    let i = 0;
    while (pre?.[i] === mounted[i]) i++;
    return `${name}: first difference at ${i}\n  pre-rendered: …${pre?.slice(Math.max(0, i - 60), i + 60)}…\n  mounted:      …${mounted.slice(Math.max(0, i - 60), i + 60)}…`;
  };
  assert.deepEqual(differing.map(describe), [], `${differing.length} of ${results.length} differ`);
  const constructs = results.find((r) => r.name.endsWith("constructs.md"));
  for (const tag of ["<sub>", "<sup>", "<kbd>", "<ruby>", "<rt>", "<details>", "<summary>", "<br>"]) {
    assert.ok(constructs.mounted.includes(tag), `constructs.md renders ${tag}`);
  }
  done();
});
