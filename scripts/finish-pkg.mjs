// Adds the one-line embed entry to wasm-pack's pkg/: `element.js` initialises the module and
// registers <reading-widget>, so a partner page needs only
//   <script type="module" src=".../element.js"></script>
// and the element. Run after `wasm-pack build`; idempotent.
import { readFileSync, writeFileSync } from "node:fs";

const pkg = new URL("../pkg/", import.meta.url);
writeFileSync(
  new URL("element.js", pkg),
  `// One-line embed: initialise the module (streaming compilation) and register <reading-widget>.
import init, { defineElement } from "./reading_widget.js";

await init();
defineElement();
`,
);

const manifestUrl = new URL("package.json", pkg);
const manifest = JSON.parse(readFileSync(manifestUrl, "utf8"));
manifest.files = [...new Set([...(manifest.files ?? []), "element.js"])];
manifest.sideEffects = [...new Set([...(manifest.sideEffects ?? []), "./element.js"])];
writeFileSync(manifestUrl, JSON.stringify(manifest, null, 2) + "\n");
