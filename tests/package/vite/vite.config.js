// The current Vite with its defaults, as a partner's fresh app has them, building both shared
// pages, which the test copies into src/ (tests/package/shared): the one-line embed and the JS
// API. The output goes to dist/.
import { defineConfig } from "vite";

export default defineConfig({
  root: "src",
  base: "./",
  logLevel: "warn",
  build: {
    outDir: "../dist",
    emptyOutDir: true,
    rollupOptions: { input: { index: "src/index.html", api: "src/api.html" } },
  },
});
