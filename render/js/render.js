// reading-widget/render: the widget's pre-rendered HTML from JavaScript, byte for byte what
// `reading-widget render` prints, for Node 20+, Deno and Bun. No init call and no DOM: the module
// is read from the file beside this one and instantiated when this module is first imported
// (top-level await). Edge workers that cannot compile WebAssembly at run time use
// reading-widget/render-module instead.
//
//   import { renderFragment, renderPage } from "reading-widget/render";
//   const html = renderFragment(markdown, { theme: "sepia", assets: "/reading-widget" });
import { readFile } from "node:fs/promises";
import { createRenderer } from "./render-module.js";

const bytes = await readFile(new URL("./reading_widget_render_bg.wasm", import.meta.url));

export const { renderFragment, renderPage } = createRenderer(await WebAssembly.compile(bytes));
