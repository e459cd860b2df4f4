// Completes wasm-pack's pkg/ after `make build`:
// - `element.js`, the one-line embed: initialise the module and register <reading-widget>, so a
//   partner page needs only  <script type="module" src=".../element.js"></script>  and the element;
// - the hydrate-only build (built by wasm-pack into target/hydrate-pkg with --no-default-features)
//   as reading_widget_hydrate.js / _bg.wasm / .d.ts, and `element-hydrate.js`, its embed entry,
//   for pages whose articles are all pre-rendered;
// - `reading-widget.css`, the stylesheet that pre-rendered widgets link from their shadow root:
//   the minified copy the module compiled in (scripts/minify-css.mjs). It holds a pre-rendered
//   page's first paint, so every byte counts.
// - and every JS file of the package minified (terser): the glue, the snippets and the entries
//   are on a page's critical path, and partners load them from a CDN as they are; then the
//   names the modules import their glue by shortened (scripts/short-imports.mjs).
// Idempotent. Pass --no-hydrate when only the full build was made.
import { copyFileSync, cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { minify } from "terser";
import { shortenImports } from "./short-imports.mjs";
import { completePackage } from "./package-manifest.mjs";
// The snippet modules a build's glue imports, which its entry fetches alongside the glue.
import { snippetsOf } from "./check-size.mjs";

const root = new URL("../", import.meta.url);
const pkg = new URL("pkg/", root);
const hydratePkg = new URL("target/hydrate-pkg/", root);
const withHydrate = !process.argv.includes("--no-hydrate");

// wasm-bindgen puts the crate's JS snippets under snippets/<crate>-<hash>/.
const [snippets] = readdirSync(new URL("snippets/", pkg)).filter((name) => name.startsWith("reading-widget-"));
const elementModule = `./snippets/${snippets}/src/element.js`;

// The entry imports nothing statically: static imports would all be fetched (and the glue's own
// imports discovered) before its first line runs. Instead the wasm, the articles of the page's
// <reading-widget src> elements and every JS module start downloading at once, the wasm compiling
// as it arrives (instantiateStreaming on the pending response).
const entry = (glue, prefetch) => `// One-line embed: load the module and register <reading-widget>, every download started at once.
const widgets = [...document.querySelectorAll("reading-widget")];
if (widgets.length > 0 && widgets.every((widget) => widget.shadowRoot?.querySelector(".rw[data-markup]"))) {
  // Every widget is pre-rendered and readable already: the module is an enhancement, so it
  // waits until the page has loaded its own stylesheets and images and painted them, rather than
  // competing with them for the network. (A hidden tab runs no animation frames: the timer takes
  // over there.)
  if (document.readyState !== "complete") await new Promise((resolve) => addEventListener("load", resolve, { once: true }));
  await new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve));
    setTimeout(resolve, 500);
  });
}
const wasm = fetch(new URL("./${glue.replace(".js", "_bg.wasm")}", import.meta.url));
${prefetch ? `const articles = new Map();
for (const element of document.querySelectorAll("reading-widget[src]")) {
  const url = new URL(element.getAttribute("src"), document.baseURI).href;
  if (!articles.has(url)) articles.set(url, fetch(url).catch((error) => error));
}
` : ""}const [{ default: init, defineElement }${prefetch ? ", { usePrefetched }" : ""}] = await Promise.all([
  import("./${glue}"),
  import("${elementModule}"),
${snippetsOf(glue).filter((path) => path !== elementModule).map((path) => `  import("${path}"),\n`).join("")}]);
${prefetch ? "usePrefetched(articles);\n" : ""}try {
  await init({ module_or_path: wasm });
  defineElement();
} catch (error) {
  // The module could not start: a network failure, or a Content-Security-Policy without
  // 'wasm-unsafe-eval'. Pre-rendered widgets stay readable; every widget says why.
  const message = \`reading-widget: the module could not start: \${error.message}\`;
  for (const widget of document.querySelectorAll("reading-widget")) {
    widget.dispatchEvent(new CustomEvent("error", { detail: { message } }));
  }
  console.warn(message);
}
`;

const files = ["element.js", "reading-widget.css"];
writeFileSync(new URL("element.js", pkg), entry("reading_widget.js", true));
// Minified by scripts/minify-css.mjs before the module was built, which compiled in the same copy.
const minifiedCss = new URL("target/style.min.css", root);
if (!existsSync(minifiedCss)) {
  console.error("finish-pkg: no target/style.min.css; run `make build`");
  process.exit(2);
}
copyFileSync(minifiedCss, new URL("reading-widget.css", pkg));

if (withHydrate) {
  if (!existsSync(new URL("reading_widget_hydrate.js", hydratePkg))) {
    console.error("finish-pkg: target/hydrate-pkg has no hydrate-only build; run `make build`");
    process.exit(2);
  }
  for (const name of ["reading_widget_hydrate.js", "reading_widget_hydrate_bg.wasm", "reading_widget_hydrate.d.ts"]) {
    copyFileSync(new URL(name, hydratePkg), new URL(name, pkg));
    files.push(name);
  }
  // The same crate, so the same snippet paths; copied in case the builds ever differ.
  cpSync(new URL("snippets/", hydratePkg), new URL("snippets/", pkg), { recursive: true });
  // Pre-rendered widgets have their article already; nothing to prefetch.
  writeFileSync(new URL("element-hydrate.js", pkg), entry("reading_widget_hydrate.js", false));
  files.push("element-hydrate.js");
}

// Last, once every JS file is in place. Idempotent: minifying minified code changes nothing
// that matters. Names are kept where the module's exports need them (terser keeps exports).
const jsFiles = [
  ...files.filter((f) => f.endsWith(".js")),
  "reading_widget.js",
  ...readdirSync(new URL(`snippets/${snippets}/src/`, pkg)).map((f) => `snippets/${snippets}/src/${f}`),
];
for (const file of new Set(jsFiles)) {
  const url = new URL(file, pkg);
  const { code } = await minify(readFileSync(url, "utf8"), { module: true, ecma: 2022, compress: { passes: 2 } });
  writeFileSync(url, code);
}

// Then the import names, in the minified glue and its module (scripts/short-imports.mjs).
for (const stem of withHydrate ? ["reading_widget", "reading_widget_hydrate"] : ["reading_widget"]) {
  shortenImports(pkg, stem);
}

// Last: package.json, the types, custom-elements.json and the README (scripts/package-manifest.mjs).
completePackage(pkg, { hydrate: withHydrate });
