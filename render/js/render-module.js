// reading-widget/render-module: the pre-renderer for a WebAssembly.Module the host compiled.
// For edge workers (Cloudflare Workers, say) that forbid compiling WebAssembly from bytes
// at run time but let a worker import a .wasm file as a module:
//
//   import wasm from "reading-widget/render.wasm";
//   import { createRenderer } from "reading-widget/render-module";
//   const { renderFragment, renderPage } = createRenderer(wasm);
//
// reading-widget/render (render.js) does the same with the file it reads next to itself.
import { initSync, renderFragment as fragment, renderPage as page } from "./reading_widget_render.js";

/**
 * Instantiates the module (synchronously; once per JS realm, later calls reuse the first
 * instance) and returns the two renderers.
 */
export function createRenderer(module) {
  initSync({ module });
  return {
    renderFragment: (markdown, options) => fragment(markdown, plainOptions(options)),
    renderPage: (markdown, options) => page(markdown, plainOptions(options)),
  };
}

// The options as plain data: own enumerable keys with primitive values (an object, array or
// function becomes an empty stand-in, refused by its type with a message that names the option).
// Rust then reads values that cannot run code: no getter or Proxy trap throws while it is on the
// stack. Anything else passes through to be described and refused there.
function plainOptions(options) {
  if (typeof options !== "object" || options === null) return options;
  try {
    if (Array.isArray(options)) return options;
    const copy = Object.create(null);
    for (const key of Object.keys(options)) {
      const value = options[key];
      copy[key] = typeof value === "function" ? () => {} : typeof value === "object" && value !== null ? (Array.isArray(value) ? [] : {}) : value;
    }
    return copy;
  } catch (error) {
    throw new Error(`options could not be read: ${describeError(error)}`);
  }
}

function describeError(error) {
  try {
    return String(error?.message ?? error);
  } catch {
    return "an exception";
  }
}
