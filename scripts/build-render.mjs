// Builds reading-widget/render (issue 16): the core's pre-renderer for JavaScript servers and
// static builds, from the render/ crate, into pkg/ beside the browser builds without touching
// them. Run by `make build` after scripts/finish-pkg.mjs, which completes pkg/package.json.
//
// - wasm-pack builds render/ (stable toolchain, the workspace's release profile) into
//   target/render-pkg as reading_widget_render.js (wasm-bindgen's --target web glue, whose
//   initSync takes a WebAssembly.Module) and reading_widget_render_bg.wasm;
// - those two and the hand-written entries and types of render/js/ are copied into pkg/:
//   render.js (Node, Deno, Bun: reads and instantiates the wasm itself) and render-module.js
//   (edge workers: given an imported WebAssembly.Module), with render.d.ts, render-module.d.ts;
// - pkg/package.json lists them in `files` and `exports` ("./render", "./render-module",
//   "./render.wasm"). If the manifest has no exports map yet, one is made that keeps every
//   other path importable as before ("." and "./*").
// Idempotent.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";

const root = new URL("../", import.meta.url);
const pkg = new URL("pkg/", root);
const built = new URL("target/render-pkg/", root);
const sources = new URL("render/js/", root);

if (!existsSync(new URL("package.json", pkg))) {
  console.error("build-render: pkg/package.json is missing; run `make build` (the browser build comes first)");
  process.exit(2);
}

// wasm-pack's --out-dir is relative to the crate. --no-pack: its manifest and README are not wanted.
execFileSync(
  "wasm-pack",
  ["build", "render", "--release", "--target", "web", "--no-pack", "--out-dir", "../target/render-pkg", "--out-name", "reading_widget_render"],
  { cwd: root, stdio: "inherit" },
);

const GLUE = ["reading_widget_render.js", "reading_widget_render_bg.wasm"];
const ENTRIES = ["render.js", "render.d.ts", "render-module.js", "render-module.d.ts"];
for (const name of GLUE) copyFileSync(new URL(name, built), new URL(name, pkg));
for (const name of ENTRIES) copyFileSync(new URL(name, sources), new URL(name, pkg));

const manifestUrl = new URL("package.json", pkg);
const manifest = JSON.parse(readFileSync(manifestUrl, "utf8"));
manifest.files = [...new Set([...(manifest.files ?? []), ...ENTRIES, ...GLUE])];
const ours = {
  "./render": { types: "./render.d.ts", default: "./render.js" },
  "./render-module": { types: "./render-module.d.ts", default: "./render-module.js" },
  "./render.wasm": "./reading_widget_render_bg.wasm",
};
if (!manifest.exports) {
  const main = `./${manifest.module ?? manifest.main ?? "reading_widget.js"}`;
  const types = manifest.types ? { types: `./${manifest.types}` } : {};
  manifest.exports = { ".": { ...types, default: main }, ...ours, "./*": "./*" };
} else if (typeof manifest.exports === "object" && !Array.isArray(manifest.exports)) {
  // Ours go before any "./*" pattern, for readers of the file (Node matches the longest key).
  const { "./*": rest, ...named } = manifest.exports;
  manifest.exports = { ...named, ...ours, ...(rest === undefined ? {} : { "./*": rest }) };
} else {
  console.error("build-render: pkg/package.json's exports is not a map of subpaths; cannot add ./render");
  process.exit(2);
}
writeFileSync(manifestUrl, JSON.stringify(manifest, null, 2) + "\n");
