// Makes pkg/ an npm package that bundlers and type checkers read right; scripts/finish-pkg.mjs
// calls completePackage(pkg) last, once every file of the package is in place.
// - package.json: an `exports` map with types per subpath (wasm-pack writes `main` and `types`
//   only, so every file, the hashed snippets/ included, was importable), `files`, `sideEffects`
//   (the entries that register the element, and the stylesheets), `homepage`, `bugs`, `engines`,
//   `keywords`, and `customElements`;
// - the types (scripts/package-types.mjs) and custom-elements.json, the Custom Elements
//   Manifest, both from npm/element-api.mjs;
// - README.md: the package's own (npm/README.md), for npm users, in place of the repository's
//   that wasm-pack copies.
// Idempotent. tests/package/ packs the result and checks it with publint and attw.
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import * as api from "../npm/element-api.mjs";
import { writeTypes } from "./package-types.mjs";

const root = new URL("../", import.meta.url);

/**
 * Subpath → [types, module] (or a plain file). Every file named here must exist. The
 * pre-renderer's subpaths ("./render", "./render-module", "./render.wasm") are added by
 * scripts/build-render.mjs, which runs after finish-pkg.
 */
export const EXPORTS = {
  ".": ["./reading_widget.d.ts", "./reading_widget.js"],
  "./element": ["./element.d.ts", "./element.js"],
  "./element-hydrate": ["./element-hydrate.d.ts", "./element-hydrate.js"],
  "./hydrate": ["./reading_widget_hydrate.d.ts", "./reading_widget_hydrate.js"],
  "./jsx": ["./jsx.d.ts", "./jsx.js"],
  "./vue": ["./vue.d.ts", "./vue.js"],
  "./reading-widget.css": "./reading-widget.css",
  "./reading-widget-light.css": "./reading-widget-light.css",
  "./embed.css": "./embed.css",
  "./reading_widget_bg.wasm": "./reading_widget_bg.wasm",
  "./reading_widget_hydrate_bg.wasm": "./reading_widget_hydrate_bg.wasm",
  "./custom-elements.json": "./custom-elements.json",
  "./package.json": "./package.json",
};

/** The entries that register <reading-widget> when imported: bundlers must keep them. */
export const REGISTERING = ["./element.js", "./element-hydrate.js"];

/** custom-elements.json (schema 2.1.0), from npm/element-api.mjs. */
export function customElementsManifest(entries = REGISTERING) {
  const declaration = {
    kind: "class",
    name: api.CLASS,
    description: api.DESCRIPTION,
    tagName: api.TAG,
    customElement: true,
    superclass: { name: "HTMLElement" },
    attributes: api.ATTRIBUTES.map((a) => ({
      name: a.name,
      type: { text: a.type },
      description: a.description,
      ...(a.property ? { fieldName: a.property } : {}),
    })),
    members: [
      ...api.PROPERTIES.map((p) => ({ kind: "field", name: p.name, type: { text: p.type }, description: p.description, ...(p.readonly ? { readonly: true } : {}) })),
      ...api.ATTRIBUTES.filter((a) => a.property).map((a) => ({
        kind: "field",
        name: a.property,
        type: { text: a.propertyType },
        description: a.description,
        attribute: a.name,
        reflects: true,
      })),
    ],
    events: api.EVENTS.map((e) => ({ name: e.name, type: { text: `CustomEvent<${e.detail}>` }, description: e.description })),
    cssProperties: api.CSS_PROPERTIES.map((p) => ({ name: p.name, description: p.description, ...(p.default ? { default: p.default } : {}) })),
    cssParts: api.CSS_PARTS,
    slots: api.SLOTS,
  };
  const definition = (path) => ({
    kind: "javascript-module",
    path,
    declarations: path === "element.js" ? [declaration] : [],
    exports: [{ kind: "custom-element-definition", name: api.TAG, declaration: { name: api.CLASS, module: "element.js" } }],
  });
  return { schemaVersion: "2.1.0", readme: "README.md", modules: entries.map((entry) => definition(entry.slice(2))) };
}

/** The hydrate-only build's files, absent when finish-pkg ran with --no-hydrate. */
const HYDRATE = new Set(["./element-hydrate", "./hydrate", "./reading_widget_hydrate_bg.wasm"]);

/**
 * Completes pkg/ (a directory URL); see the top of this file. `hydrate: false` when only the full
 * build was made.
 */
export function completePackage(pkg, { hydrate = true } = {}) {
  const typeFiles = writeTypes(pkg, ["reading_widget.d.ts", "reading_widget_hydrate.d.ts"].filter((f) => existsSync(new URL(f, pkg))));
  const entries = REGISTERING.filter((entry) => existsSync(new URL(entry, pkg)));
  writeFileSync(new URL("custom-elements.json", pkg), JSON.stringify(customElementsManifest(entries), null, 2) + "\n");
  copyFileSync(new URL("npm/README.md", root), new URL("README.md", pkg));

  const present = (file) => existsSync(new URL(file, pkg));
  const exports = {};
  const missing = [];
  for (const [subpath, target] of Object.entries(EXPORTS)) {
    if (!hydrate && HYDRATE.has(subpath)) continue;
    const files = [target].flat();
    const absent = files.filter((f) => !present(f));
    if (absent.length === 0) exports[subpath] = Array.isArray(target) ? { types: target[0], default: target[1] } : target;
    else missing.push(...absent);
  }
  if (missing.length) {
    console.error(`package-manifest: pkg/ has no ${missing.join(", ")}; run \`make build\``);
    process.exit(2);
  }

  const crate = readFileSync(new URL("Cargo.toml", root), "utf8");
  const repository = crate.match(/^repository = "(.+)"$/m)[1];
  const manifestUrl = new URL("package.json", pkg);
  const manifest = JSON.parse(readFileSync(manifestUrl, "utf8"));
  const shipped = new Set([
    ...Object.values(exports).flatMap((t) => (typeof t === "string" ? [t] : Object.values(t))),
    ...typeFiles.map((f) => `./${f}`),
  ]);
  shipped.delete("./package.json");
  const licenses = readdirSync(pkg).filter((f) => /^LICEN[CS]E/i.test(f));
  Object.assign(manifest, {
    type: "module",
    main: "./reading_widget.js",
    types: "./reading_widget.d.ts",
    exports,
    // The entries and the snippets they import; the glue imports snippets by relative path, and
    // `exports` keeps partners out of them.
    files: [...[...shipped].map((f) => f.slice(2)).sort(), "snippets", "README.md", ...licenses],
    sideEffects: [...entries, "./snippets/*", "*.css"],
    customElements: "custom-elements.json",
    homepage: `${repository}#readme`,
    bugs: { url: `${repository}/issues` },
    repository: { type: "git", url: `git+${repository}.git` },
    engines: { node: ">=20" },
    keywords: [...new Set(["web-component", "custom-element", "reading", "article", "markdown", "webassembly", "wasm", "accessibility", ...(manifest.keywords ?? [])])],
  });
  delete manifest.module;
  writeFileSync(manifestUrl, JSON.stringify(manifest, null, 2) + "\n");
}
