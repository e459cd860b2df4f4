// Vite 6 with its defaults, as a partner's fresh app has them. The test copies the shared page
// (tests/package/shared) into src/; the output goes to dist/.
import { defineConfig } from "vite";

export default defineConfig({
  root: "src",
  base: "./",
  logLevel: "warn",
  build: { outDir: "../dist", emptyOutDir: true },
});
