import type { renderFragment, renderPage } from "./render.js";
export type { RenderOptions } from "./render.js";

/** The two renderers of `reading-widget/render`. */
export interface Renderer {
    renderFragment: typeof renderFragment;
    renderPage: typeof renderPage;
}

/**
 * Instantiates the pre-renderer from `module`, the compiled `reading-widget/render.wasm` (for
 * edge workers, which import .wasm files as `WebAssembly.Module`s and forbid compiling bytes at
 * run time). Synchronous. The first module given is used for the rest of the realm's life.
 */
export function createRenderer(module: WebAssembly.Module): Renderer;
