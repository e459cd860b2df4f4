// Completes wasm-pack's pkg/ after `make build`:
// - `element.js`, the one-line embed, from src/embed-entry.js: register <reading-widget> and load
//   the build its widgets need, so a partner page needs only
//   <script type="module" src=".../element.js"></script>  and the element;
// - the hydrate-only build (built by wasm-pack into target/hydrate-pkg with --no-default-features)
//   as reading_widget_hydrate.js / _bg.wasm / .d.ts, and `element-hydrate.js`, the same entry
//   restricted to it, for pages that choose it explicitly;
// - `embed.css`, the page's rule that reserves the widget's space (src/embed.css), minified;
// - `reading-widget.css`, the stylesheet that pre-rendered widgets link from their shadow root:
//   the minified copy the module compiled in (scripts/minify-css.mjs). It holds a pre-rendered
//   page's first paint, so every byte counts; and `reading-widget-light.css`, its article rules
//   scoped to the light DOM for content="light" (scripts/light-css.mjs).
// - and every JS file of the package minified (terser): the glue, the snippets and the entries
//   are on a page's critical path, and partners load them from a CDN as they are; then the
//   names the modules import their glue by shortened (scripts/short-imports.mjs).
// Idempotent. Pass --no-hydrate when only the full build was made.
import { copyFileSync, cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { transform } from "lightningcss";
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
// The widget's stylesheet, which pre-rendered widgets link (core's prerender::STYLESHEET) and the
// entry preloads for fragment srcs (tests/e2e/fragment.test.mjs holds the three together).
const STYLESHEET = "reading-widget.css";

// The embed entries are written from src/embed-entry.js: its <build> region is replaced by the
// markup version, the element's module and, for each build the entry may
// load, the downloads that build needs, with literal paths (bundlers follow them; the glue's
// snippet imports are listed so that they start with the glue instead of after it).
const entrySource = readFileSync(new URL("src/embed-entry.js", root), "utf8");
const buildRegion = /^\/\/ <build>[^]*?^\/\/ <\/build>\n/m;
if (!buildRegion.test(entrySource)) {
  console.error("finish-pkg: src/embed-entry.js has no // <build> … // </build> region");
  process.exit(2);
}

/** The markup version pre-rendered fragments carry: core/src/markup-version.txt, else template.rs's constant. */
function markupVersion() {
  const file = new URL("core/src/markup-version.txt", root);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const constant = /pub const MARKUP_VERSION: &str = "([^"]*)";/.exec(readFileSync(new URL("core/src/template.rs", root), "utf8"));
  if (!constant) {
    console.error("finish-pkg: no core/src/markup-version.txt and no MARKUP_VERSION in core/src/template.rs");
    process.exit(2);
  }
  return constant[1];
}

/** `[the wasm's pending response, its glue and snippets]` for the build whose glue is `glue`. */
const downloads = (glue) => `() => [
    fetch(new URL("./${glue.replace(".js", "_bg.wasm")}", import.meta.url)),
    Promise.all([
      import("./${glue}"),
${snippetsOf(glue).filter((path) => path !== elementModule).map((path) => `      import("${path}"),\n`).join("")}    ]),
  ]`;

/** The entry that may load `builds` (kind → glue file name). */
function entry(builds) {
  const region = `const MARKUP_VERSION = ${JSON.stringify(markupVersion())};
const elementModule = () => import("${elementModule}");
const BUILDS = {
${Object.entries(builds).map(([kind, glue]) => `  ${kind}: ${downloads(glue)},\n`).join("")}};
`;
  return entrySource.replace(buildRegion, () => region);
}

const files = ["element.js", STYLESHEET, "embed.css"];
// The hydrate-only build first: the entries list the snippets its glue imports.
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
}

writeFileSync(new URL("element.js", pkg), entry(withHydrate ? { full: "reading_widget.js", hydrate: "reading_widget_hydrate.js" } : { full: "reading_widget.js" }));
if (withHydrate) {
  // The explicit choice of the hydrate-only build: it never loads the full one.
  writeFileSync(new URL("element-hydrate.js", pkg), entry({ hydrate: "reading_widget_hydrate.js" }));
  files.push("element-hydrate.js");
}
// Minified by scripts/minify-css.mjs before the module was built, which compiled in the same copy.
const minifiedCss = new URL("target/style.min.css", root);
if (!existsSync(minifiedCss)) {
  console.error("finish-pkg: no target/style.min.css; run `make build`");
  process.exit(2);
}
copyFileSync(minifiedCss, new URL(STYLESHEET, pkg));
// The article's stylesheet for content="light" (core's prerender::LIGHT_STYLESHEET), which
// pre-rendered light widgets link beside their article.
copyFileSync(new URL("target/style-light.min.css", root), new URL("reading-widget-light.css", pkg));
// The page's rule that reserves the widget's space (src/embed.css, whose comment is its manual):
// render-blocking in the partner's <head>, so minified.
writeFileSync(new URL("embed.css", pkg), transform({ filename: "embed.css", code: readFileSync(new URL("src/embed.css", root)), minify: true }).code);

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
