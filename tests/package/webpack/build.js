// webpack 5 with its defaults (production mode), as a partner's fresh app has them: src/main.js
// (the test copies the shared page into src/, tests/package/shared) bundled into dist/, with
// the page beside it.
import { copyFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import webpack from "webpack";

const here = (file) => fileURLToPath(new URL(file, import.meta.url));
rmSync(here("dist"), { recursive: true, force: true });

const compiler = webpack({
  mode: "production",
  context: here("."),
  entry: "./src/main.js",
  output: { path: here("dist"), filename: "main.js" },
  // webpack's size hint counts raw bytes: the module is 350 KB raw, 155 KB gzip. Any other
  // warning fails the build below.
  performance: { hints: false },
});
compiler.run((error, stats) => {
  compiler.close(() => {});
  if (error || stats.hasErrors() || stats.hasWarnings()) {
    console.error(error ?? stats.toString({ all: false, errors: true, warnings: true }));
    process.exit(1);
  }
  copyFileSync(here("src/index.html"), here("dist/index.html"));
});
