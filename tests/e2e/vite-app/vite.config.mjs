// Builds tests/e2e/vite-app against the wasm-pack output in pkg/, under the package's own name.
// embed.test.mjs passes its own (temporary) outDir; the default below is git-ignored.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: "./",
  logLevel: "warn",
  resolve: {
    alias: { "reading-widget": path.resolve(here, "../../../pkg") },
  },
  build: {
    outDir: path.resolve(here, "../artifacts/vite-dist"),
    emptyOutDir: true,
    target: "es2022",
  },
});
