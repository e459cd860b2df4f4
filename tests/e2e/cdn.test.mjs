// The widget served from a CDN: the partner's page on one origin, pkg/ and the article on
// another (a second server on another port of 127.0.0.1, which is another origin), as README's
// "Serving from a CDN" describes: CORS on the CDN, and a partner CSP that names the CDN in
// script-src and connect-src, with 'wasm-unsafe-eval'.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { startServer } from "./server.mjs";
import { REPO_ROOT, nextFrames, useBrowser } from "./support.mjs";

const env = useBrowser({ pkgFiles: ["reading_widget_bg.wasm", "reading_widget.js", "element.js"] });
const OUT_DIR = path.join(REPO_ROOT, "target/e2e-cdn");
const PAGE = "/target/e2e-cdn/partner.html";
const ARTICLE = "/tests/e2e/fixtures/article.md";

/** Response headers the CDN sends with every file, unless a test turns CORS off. */
let cdnHeaders = () => ({});
let cdn = null;

before(async () => {
  cdn = await startServer({ root: REPO_ROOT, headers: (pathname, request) => cdnHeaders(pathname, request) });
  // The partner's page names the CDN, whose port is only known now.
  await mkdir(OUT_DIR, { recursive: true });
  await writeFile(
    path.join(REPO_ROOT, PAGE),
    `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>A partner page, the widget from a CDN</title>
<link rel="icon" href="data:,">
<link rel="modulepreload" href="${cdn.url}/pkg/reading_widget.js">
<link rel="preload" href="${cdn.url}/pkg/reading_widget_bg.wasm" as="fetch" type="application/wasm" crossorigin>
<script type="module" src="${cdn.url}/pkg/element.js"></script>
</head>
<body>
<main>
<h1>Partner</h1>
<reading-widget id="reader" src="${cdn.url}${ARTICLE}"></reading-widget>
</main>
</body>
</html>
`,
  );
});

after(() => cdn?.close());

/** The partner's policy: only its own origin and the CDN's, wasm compilation allowed. */
function partnerPolicy() {
  return [
    "default-src 'none'",
    `script-src 'self' ${cdn.url} 'wasm-unsafe-eval'`,
    `connect-src 'self' ${cdn.url}`,
    "style-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
  ].join("; ");
}

/** Before any page script: records CSP violations and how the wasm was compiled. */
function watchPage() {
  window.__violations = [];
  document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`), true);
  window.__wasm = { streaming: 0, streamed: 0, buffer: 0 };
  const streaming = WebAssembly.instantiateStreaming;
  WebAssembly.instantiateStreaming = async (...args) => {
    window.__wasm.streaming++;
    const result = await streaming.apply(WebAssembly, args);
    window.__wasm.streamed++;
    return result;
  };
  const instantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = (source, ...rest) => {
    if (!(source instanceof WebAssembly.Module)) window.__wasm.buffer++;
    return instantiate.call(WebAssembly, source, ...rest);
  };
}

test("CDN: element.js, the module, the wasm and a src article from another origin, under a CSP that names it; streaming compilation, no violation", async (t) => {
  cdnHeaders = () => ({ "Access-Control-Allow-Origin": "*", "Cache-Control": "public, max-age=31536000, immutable" });
  env.server.setHeaders((pathname) => (pathname === PAGE ? { "Content-Security-Policy": partnerPolicy() } : {}));
  t.after(() => env.server.setHeaders(null));
  const responses = [];
  const { page, done } = await env.open(t, PAGE, {
    initScript: watchPage,
    beforeGoto: (page) => page.on("response", (r) => responses.push({ url: r.url(), status: r.status(), headers: r.headers() })),
    waitFor: () => document.getElementById("reader")?.widget && document.getElementById("reader").shadowRoot.querySelector(".rw[data-live] .title"),
    frames: 2,
  });

  const state = await page.evaluate(() => ({
    title: document.getElementById("reader").shadowRoot.querySelector(".title").textContent,
    sections: document.getElementById("reader").widget.sections().length,
    violations: window.__violations,
    wasm: window.__wasm,
  }));
  assert.equal(state.title, "Fetched from a fixture", "the src article from the CDN is shown");
  assert.ok(state.sections > 0);
  assert.deepEqual(state.violations, [], "no CSP violation");
  assert.deepEqual(state.wasm, { streaming: 1, streamed: 1, buffer: 0 }, "compiled while downloading (instantiateStreaming), never from a buffer");

  const fromCdn = (suffix) => responses.filter((r) => r.url.startsWith(cdn.url) && r.url.endsWith(suffix));
  for (const file of ["/pkg/element.js", "/pkg/reading_widget.js", "/pkg/reading_widget_bg.wasm", ARTICLE]) {
    const [response] = fromCdn(file);
    assert.ok(response, `${file} came from the CDN`);
    assert.equal(response.status, 200, file);
    assert.equal(response.headers["access-control-allow-origin"], "*", `${file} carries CORS`);
  }
  assert.equal(fromCdn("/pkg/reading_widget_bg.wasm")[0].headers["content-type"], "application/wasm", "the wasm's MIME type allows streaming compilation");
  assert.ok(fromCdn(".js").some((r) => r.url.includes("/snippets/")), "the module's snippets came from the CDN too");
  assert.equal(fromCdn("/pkg/reading_widget_bg.wasm").length, 1, "the preload and the module's fetch are one download");
  assert.deepEqual(responses.filter((r) => !r.url.startsWith(cdn.url) && !r.url.startsWith("data:")).map((r) => new URL(r.url).pathname), [PAGE], "the partner served only its page");

  // The widget works: a section link from the navigation.
  const first = await page.evaluate(() => document.getElementById("reader").widget.sections()[0]);
  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: first.title, exact: true }).click();
  await page.waitForFunction((id) => location.hash === `#${encodeURIComponent(id)}`, first.id);
  await nextFrames(page, 2);
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  done();
});

test("CDN: without Access-Control-Allow-Origin the browser refuses the module, so the CDN must send it", async (t) => {
  cdnHeaders = () => ({});
  env.server.setHeaders((pathname) => (pathname === PAGE ? { "Content-Security-Policy": partnerPolicy() } : {}));
  t.after(() => env.server.setHeaders(null));
  const { page, problems } = await env.open(t, PAGE, { initScript: watchPage, waitFor: null, expected: (url) => url.startsWith(cdn.url) });
  await page.waitForLoadState("load");
  await page.waitForTimeout(300);
  const state = await page.evaluate(() => ({ defined: !!customElements.get("reading-widget"), violations: window.__violations }));
  assert.equal(state.defined, false, "element.js did not run");
  assert.deepEqual(state.violations, [], "refused by CORS, not by the policy");
  assert.ok(problems.some((p) => /CORS|blocked|failed/i.test(p)), `the browser said why: ${problems.join("; ")}`);
});
