// Renders a corpus of real Markdown (every README.md and *.md under node_modules and the cargo
// registry's sources, by default) with the command line and counts, per document:
//   - render failures (a non-zero exit status, or a panic);
//   - allowlisted HTML tags shown to readers as literal text outside code (`&lt;sup&gt;` in a
//     paragraph: the tag the author wrote was not rendered);
//   - with --chromium, anything that could run in the output: each page is loaded in Chromium
//     (script disabled in the page itself, so only what the markup does counts) and its shadow
//     root searched for script, frames, event-handler attributes and javascript: URLs; a
//     dialog, a navigation away or a request (other than an image's) to another origin also counts.
// Prints the figures; exits 1 when there is a failure, a literal allowlisted tag or something
// that executes. Run after `cargo build --release -p reading-widget-cli`:
//   node scripts/corpus-check.mjs [--chromium] [--out DIR] [--list FILE] [--bin PATH]
// --out DIR keeps each document's output (DIR/<n>.html, in the sorted order of the list), so two
// builds' outputs can be compared byte for byte; --list FILE takes the documents from FILE, one
// path a line, instead of searching.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The tags issue 19 renders, as element names. A literal one outside code is a failure. */
export const ALLOWED_TAGS = [
  "sup", "sub", "br", "wbr", "kbd", "abbr", "mark", "small", "s", "del", "ins", "q", "cite", "dfn",
  "time", "ruby", "rt", "rp", "bdi", "bdo", "span", "details", "summary", "figure", "figcaption",
  "img", "a",
];

function option(name) {
  const at = process.argv.indexOf(name);
  return at < 0 ? undefined : process.argv[at + 1];
}

/** Every README.md and *.md under `dir`, recursively, skipping nothing but unreadable entries. */
function markdownUnder(dir, found = []) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return found;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) markdownUnder(full, found);
    else if (entry.isFile() && /\.md$/i.test(entry.name)) found.push(full);
  }
  return found;
}

/**
 * The body of a rendered fragment with code taken out (`<pre>…</pre>`, `<code>…</code>`), so
 * that `&lt;sup&gt;` written as code does not count.
 */
export function outsideCode(html) {
  return html.replace(/<pre[\s>][\s\S]*?<\/pre>/g, "").replace(/<code[\s>][\s\S]*?<\/code>/g, "");
}

/** The allowlisted tags that `html` (a rendered body) shows as literal text outside code. */
export function literalAllowedTags(html) {
  const text = outsideCode(html);
  const found = new Set();
  for (const match of text.matchAll(/&lt;\/?([a-zA-Z][a-zA-Z0-9]*)(?=[\s/]|&gt;)/g)) {
    const name = match[1].toLowerCase();
    if (ALLOWED_TAGS.includes(name)) found.add(name);
  }
  return [...found];
}

/** The default corpus: every Markdown file under node_modules and the cargo registry, sorted. */
export function corpus() {
  return [...markdownUnder(path.join(ROOT, "node_modules")), ...markdownUnder(path.join(homedir(), ".cargo/registry/src"))].sort();
}

function main() {
  const bin = option("--bin") ?? path.join(ROOT, "target/release/reading-widget");
  const out = option("--out");
  const listFile = option("--list");
  const files = listFile ? readFileSync(listFile, "utf8").split("\n").filter(Boolean) : corpus();
  if (out) {
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, "list.txt"), files.join("\n") + "\n");
  }
  const failures = [];
  const literal = [];
  const tagCounts = {};
  const pages = [];
  files.forEach((file, n) => {
    const run = spawnSync(bin, ["render", file, "--page", "--assets", "/pkg"], { encoding: "utf8", maxBuffer: 1 << 30 });
    if (run.status !== 0) {
      failures.push(`${file}: exit ${run.status ?? run.signal}: ${(run.stderr ?? "").trim().split("\n")[0]}`);
      return;
    }
    if (out) writeFileSync(path.join(out, `${n}.html`), run.stdout);
    const body = run.stdout.slice(run.stdout.indexOf('<div class="body">'), run.stdout.lastIndexOf('<div class="end-sentinel"'));
    const tags = literalAllowedTags(body);
    if (tags.length) {
      literal.push(`${file}: ${tags.join(", ")}`);
      for (const tag of tags) tagCounts[tag] = (tagCounts[tag] ?? 0) + 1;
    }
    pages.push({ file, html: run.stdout });
  });
  console.log(`${files.length} documents: ${failures.length} render failures, ${literal.length} showing an allowlisted tag as literal text outside code`);
  if (literal.length) console.log(`  by tag (documents): ${JSON.stringify(tagCounts)}`);
  for (const line of [...failures, ...literal].slice(0, 40)) console.log(`  ${line}`);
  return { failures, literal, pages };
}

/** Loads every page in Chromium and returns what could run in each. */
async function executes(pages) {
  const { launchChromium } = await import(path.join(ROOT, "tests/e2e/chromium.mjs"));
  const browser = await launchChromium();
  const context = await browser.newContext({ javaScriptEnabled: false });
  const found = [];
  const origin = "http://corpus.invalid";
  await context.route("**/*", (route) => {
    const url = route.request().url();
    // Images may come from anywhere the link policy allows; a script, frame or fetch may not.
    const kind = route.request().resourceType();
    if (!url.startsWith(origin) && kind !== "image") found.push(`${kind} request to another origin: ${url}`);
    return route.fulfill({ status: 404, body: "" });
  });
  const page = await context.newPage();
  page.on("dialog", (dialog) => {
    found.push(`dialog: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  for (const { file, html } of pages) {
    await page.route(`${origin}/page.html`, (route) => route.fulfill({ contentType: "text/html", body: html }));
    await page.goto(`${origin}/page.html`, { waitUntil: "load" });
    await page.unroute(`${origin}/page.html`);
    // Script is off in the page, so the check runs in Playwright's isolated world.
    const problems = await page.evaluate(() => {
      const out = [];
      const host = document.querySelector("reading-widget");
      const root = host?.shadowRoot;
      if (!root) return ["no declarative shadow root"];
      for (const el of root.querySelectorAll(".rw, .rw *")) {
        const name = el.localName;
        if (["script", "iframe", "object", "embed", "frame", "frameset", "base", "meta", "link", "form", "svg", "math", "template", "style"].includes(name)) out.push(`<${name}>`);
        for (const attr of el.attributes) {
          if (attr.name.startsWith("on")) out.push(`${name}[${attr.name}]`);
          if (["href", "src", "action", "formaction", "xlink:href"].includes(attr.name) && /^\s*(javascript|vbscript|data):/i.test(attr.value)) out.push(`${name}[${attr.name}=${attr.value.slice(0, 30)}]`);
          if (attr.name === "style") out.push(`${name}[style]`);
        }
      }
      return out;
    });
    if (page.url() !== `${origin}/page.html`) found.push(`${file}: navigated to ${page.url()}`);
    for (const problem of problems) found.push(`${file}: ${problem}`);
  }
  await browser.close();
  return found;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { failures, literal, pages } = main();
  let executed = [];
  if (process.argv.includes("--chromium")) {
    executed = await executes(pages);
    console.log(`loaded in Chromium: ${executed.length} things that could run`);
    for (const line of executed.slice(0, 40)) console.log(`  ${line}`);
  }
  process.exitCode = failures.length || literal.length || executed.length ? 1 : 0;
}
