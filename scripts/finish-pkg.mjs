// Completes wasm-pack's pkg/ after `make build`:
// - `element.js`, the one-line embed: initialise the module and register <reading-widget>, so a
//   partner page needs only  <script type="module" src=".../element.js"></script>  and the element;
// - the hydrate-only build (built by wasm-pack into target/hydrate-pkg with --no-default-features)
//   as reading_widget_hydrate.js / _bg.wasm / .d.ts, and `element-hydrate.js`, its embed entry,
//   for pages whose articles are all pre-rendered;
// - `reading-widget.css`, the stylesheet that pre-rendered widgets link from their shadow root.
// Idempotent. Pass --no-hydrate when only the full build was made.
import { copyFileSync, cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";

const root = new URL("../", import.meta.url);
const pkg = new URL("pkg/", root);
const hydratePkg = new URL("target/hydrate-pkg/", root);
const withHydrate = !process.argv.includes("--no-hydrate");

// wasm-bindgen puts the crate's JS snippets under snippets/<crate>-<hash>/.
const [snippets] = readdirSync(new URL("snippets/", pkg)).filter((name) => name.startsWith("reading-widget-"));
const elementModule = `./snippets/${snippets}/src/element.js`;

const entry = (glue, prefetch) => `// One-line embed: initialise the module (streaming compilation) and register <reading-widget>.
import init, { defineElement } from "./${glue}";
${prefetch ? `import { prefetchArticles } from "${elementModule}";

// The articles of <reading-widget src> elements download while the module does.
prefetchArticles();
` : ""}
await init();
defineElement();
`;

const files = ["element.js", "reading-widget.css"];
writeFileSync(new URL("element.js", pkg), entry("reading_widget.js", true));
copyFileSync(new URL("src/style.css", root), new URL("reading-widget.css", pkg));

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

const manifestUrl = new URL("package.json", pkg);
const manifest = JSON.parse(readFileSync(manifestUrl, "utf8"));
manifest.files = [...new Set([...(manifest.files ?? []), ...files])];
const entries = files.filter((f) => f.startsWith("element")).map((f) => `./${f}`);
manifest.sideEffects = [...new Set([...(manifest.sideEffects ?? []), ...entries])];
writeFileSync(manifestUrl, JSON.stringify(manifest, null, 2) + "\n");
