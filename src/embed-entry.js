// The one-line embed: pkg/element.js (and pkg/element-hydrate.js, which never loads the full
// build), written from this file by scripts/finish-pkg.mjs. A partner page needs only
//   <script type="module" src=".../element.js"></script>
// and the element. It defines <reading-widget> at once, before any wasm, and loads the smallest
// module build the page's widgets need, when they need it:
// - a widget pre-rendered in the page, or whose `src` is a pre-rendered fragment (a path ending
//   in .html or .htm: decided from the attribute, so the choice costs no round trip), needs only
//   the hydrate-only build, which is loaded once the page has loaded and painted;
// - a widget that renders Markdown (a src article, an inline one, the built-in one) needs the
//   full build, loaded at once; also when such a widget is added or changed later: the full
//   build then takes over from the hydrate-only one (src/element.js).
// It imports nothing statically (static imports would all be fetched, and the glue's own imports
// discovered, before its first line runs): the articles of the page's <reading-widget src>
// elements, a build's wasm and every JS module it needs start downloading at once, the wasm
// compiling as it arrives (instantiateStreaming on the pending response). Every path is relative
// to this file, never to the page, so pkg/ can be served from anywhere (a CDN).
//
// An ES module by syntax (the `export {}`): a bundler must not take it for CommonJS. Imported
// where there is no DOM (Node, a server-side render) it does nothing.

// <build> Replaced by scripts/finish-pkg.mjs: the markup version fragments must carry, the
// element's module (the crate's JS snippet, at a path with a hash wasm-bindgen chose), and for
// each build this entry may load, a function that starts its downloads at once with literal
// paths (which bundlers follow): [the wasm's response, its JS].
const MARKUP_VERSION = null;
const elementModule = () => import("./element.js");
const BUILDS = {};
// </build>

/** The tag partners write. */
const TAG = "reading-widget";

export {};

/** Resolves once the page has loaded its own stylesheets and images and painted them. */
let settledPage = null;
function pageSettled() {
  settledPage ??= (async () => {
    if (document.readyState !== "complete") await new Promise((resolve) => addEventListener("load", resolve, { once: true }));
    // A hidden tab runs no animation frames: the timer takes over there.
    await new Promise((resolve) => {
      requestAnimationFrame(() => setTimeout(resolve));
      setTimeout(resolve, 500);
    });
  })();
  return settledPage;
}

const loads = {};

/** Loads, initialises and binds one build ("full" or "hydrate"), once. */
function loadBuild(kind) {
  loads[kind] ??= (async () => {
    try {
      const [wasm, modules] = BUILDS[kind]();
      const [{ default: init, defineElement }] = await modules;
      await init({ module_or_path: wasm });
      defineElement();
    } catch (error) {
      // A network failure, or a Content-Security-Policy without 'wasm-unsafe-eval'. Pre-rendered
      // widgets stay readable; every widget waiting for the module says why (src/element.js).
      const message = `reading-widget: the module could not start: ${error.message}`;
      console.warn(message);
      throw new Error(message);
    }
  })();
  return loads[kind];
}

/**
 * The loader src/element.js calls when a widget needs a build: "full" to render Markdown, "any"
 * to take over pre-rendered markup. Taking over waits until the page has settled: the article is
 * readable already, and the module should not compete with the page for the network.
 */
function load(need) {
  if (need === "full" && BUILDS.full) return loadBuild("full");
  if (loads.full) return loads.full;
  return pageSettled().then(() => loads.full ?? loadBuild(BUILDS.hydrate ? "hydrate" : "full"));
}

async function start() {
  const widgets = [...document.querySelectorAll(TAG)];
  const prerendered = (widget) => widget.shadowRoot?.querySelector(".rw[data-markup]") || widget.querySelector(":scope > template[shadowrootmode]");
  const url = (src) => new URL(src, document.baseURI);
  const fragment = (widget) => widget.hasAttribute("src") && /\.html?$/i.test(url(widget.getAttribute("src")).pathname);

  // Every src starts downloading now, while the element's module does (src/element.js's usePrefetched).
  const articles = new Map();
  for (const widget of widgets) {
    if (!widget.hasAttribute("src")) continue;
    const href = url(widget.getAttribute("src")).href;
    if (!articles.has(href)) articles.set(href, fetch(href).catch((error) => error));
  }
  // A fragment is inserted once its stylesheet has loaded: the stylesheet starts now too, from
  // beside this file, where a fragment rendered with --assets pointing here links it (a literal
  // path, which a bundler emits with the entry).
  if (widgets.some(fragment)) {
    const preload = Object.assign(document.createElement("link"), { rel: "preload", as: "style", href: new URL("./reading-widget.css", import.meta.url).href });
    document.head.append(preload);
  }
  if (widgets.some((widget) => !prerendered(widget) && !fragment(widget))) load("full").catch(() => {});
  // Pre-rendered widgets only: readable already, so even the element waits for the page.
  else if (widgets.length > 0 && widgets.every(prerendered)) await pageSettled();

  try {
    const { defineEarly } = await elementModule();
    defineEarly(TAG, { load, markupVersion: MARKUP_VERSION, prefetched: articles });
  } catch (error) {
    const message = `reading-widget: the module could not start: ${error.message}`;
    for (const widget of document.querySelectorAll(TAG)) widget.dispatchEvent(new CustomEvent("error", { detail: { message } }));
    console.warn(message);
  }
}

// Last, once everything above is initialised.
if (typeof document === "object" && typeof customElements === "object" && customElements !== null) start();
