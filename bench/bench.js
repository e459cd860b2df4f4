// The in-page half of the benchmark (see bench/run.mjs, which drives it, and BENCHMARKS.md, which
// explains it). run.mjs calls one step at a time: prepare (a fresh host element, then GC and two
// frames), measure (one variant, timed with performance.now()), finish (check, clean up).
//
// Variants, all in this page, with the same viewport and the same base font:
//   widget        mount() through the first layout (reading offsetHeight inside the shadow root)
//   floor         the widget's final shadow-root markup set with one innerHTML into a fresh shadow
//                 root that adopts the widget's own stylesheet object, through the same layout
//   peerShadow    marked + DOMPurify + a table of contents from the h2/h3s, into a shadow root
//                 with the widget's stylesheet (using its class names), through the same layout
//   widgetPaint, floorPaint, peerPlainPaint
//                 the same work to the next painted frame; peerPlain renders into a plain <div>
//                 styled by a reading stylesheet in the document (page.css)
//
// "Next painted frame" = requestAnimationFrame, then a MessageChannel message posted from that
// callback: the message task runs after the rendering update the rAF belongs to (style, layout,
// paint, commit to the compositor) has finished on the main thread.

import init, { mount } from "/pkg/reading_widget.js";
import { marked } from "/node_modules/marked/lib/marked.esm.js";
import DOMPurify from "/node_modules/dompurify/dist/purify.es.mjs";
import { bigArticle, shortSectionsArticle, splitFrontMatter } from "./article.mjs";

const stage = document.getElementById("stage");
const now = () => performance.now();

const state = {
  articles: {}, // name -> markdown
  floorHtml: {}, // name -> the widget's final shadow-root innerHTML
  rootAttributes: {}, // name -> the attributes of the widget's .rw element, as markup
  sheet: null, // the widget's constructed stylesheet (the very object it adopts)
};

// ---- Frames ----------------------------------------------------------------------------

const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));

function nextPaint() {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(null);
    });
  });
}

async function settle() {
  if (typeof window.gc === "function") window.gc();
  await frame();
  await frame();
}

function freshHost(className = "host") {
  const host = document.createElement("div");
  host.className = className;
  stage.append(host);
  return host;
}

function clear(host) {
  host.remove();
  window.scrollTo(0, 0);
}

// ---- The widget ------------------------------------------------------------------------

const widgetOptions = (name) => ({ markdown: state.articles[name], storageKey: false, theme: "light" });

// ---- The peer: marked + DOMPurify + a table of contents --------------------------------

const FIELD = /^(\w+)\s*=\s*"((?:[^"\\]|\\.)*)"\s*$/;

function peerFrontMatter(frontMatter) {
  const meta = {};
  for (const line of frontMatter.split("\n")) {
    const m = FIELD.exec(line.trim());
    if (m) meta[m[1]] = m[2];
  }
  return meta;
}

const escapeHtml = (s) =>
  String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

/** Markdown → sanitized HTML with a small masthead from the front matter. */
function peerHtml(markdown) {
  const { frontMatter, body } = splitFrontMatter(markdown);
  const meta = peerFrontMatter(frontMatter);
  const masthead =
    `<header class="masthead"><h1 class="title">${escapeHtml(meta.title ?? "")}</h1>` +
    `<p class="byline">${escapeHtml(meta.author ?? "")} · ${escapeHtml(meta.date ?? "")}</p></header>`;
  return { masthead, html: DOMPurify.sanitize(marked.parse(body)) };
}

function slug(text) {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-+|-+$/g, "") || "section";
}

/** Gives every h2/h3 under `scope` a unique id and fills `nav` with a nested list of links. */
function buildToc(scope, nav) {
  const used = new Set();
  const list = document.createElement("ol");
  let lastItem = null;
  let sublist = null;
  for (const heading of scope.querySelectorAll("h2, h3")) {
    const text = heading.textContent;
    const base = slug(text);
    let id = base;
    for (let n = 1; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    heading.id = id;
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = `#${id}`;
    link.textContent = text;
    item.append(link);
    if (heading.tagName === "H3" && lastItem) {
      if (!sublist) {
        sublist = document.createElement("ol");
        lastItem.append(sublist);
      }
      sublist.append(item);
    } else {
      list.append(item);
      lastItem = item;
      sublist = null;
    }
  }
  nav.append(list);
  return used.size;
}

/**
 * The peer into a shadow root with the widget's stylesheet, using the widget's class names, in a
 * root element with the same attributes as the widget's own for this article (theme, step,
 * data-long…), so its markup gets exactly the rules the widget's markup gets.
 */
function renderPeerShadow(host, markdown, name) {
  const root = host.attachShadow({ mode: "open" });
  root.adoptedStyleSheets = [state.sheet];
  const { masthead, html } = peerHtml(markdown);
  root.innerHTML =
    `<div ${state.rootAttributes[name]}><div class="layout">` +
    `<nav class="toc" aria-label="Sections"></nav><article class="article">${masthead}` +
    `<div class="body">${html}</div></article></div></div>`;
  buildToc(root.querySelector(".body"), root.querySelector(".toc"));
  return root.firstElementChild;
}

/** The peer into a plain div in the document, styled by page.css. */
function renderPeerPlain(host, markdown) {
  const { masthead, html } = peerHtml(markdown);
  host.innerHTML = `<nav aria-label="Sections"></nav><article>${masthead}${html}</article>`;
  buildToc(host.querySelector("article"), host.querySelector("nav"));
  return host;
}

function renderFloor(host, name) {
  const root = host.attachShadow({ mode: "open" });
  root.adoptedStyleSheets = [state.sheet];
  root.innerHTML = state.floorHtml[name];
  return root.firstElementChild;
}

// ---- Setup -----------------------------------------------------------------------------

async function setup({ bigBytes = 1 << 20, shortSections = false } = {}) {
  await init();
  const sample = await (await fetch("/articles/sample.md", { cache: "no-store" })).text();
  state.articles.embedded = sample;
  state.articles["1mb"] = bigArticle(sample, bigBytes);
  // The other shape of a long article (bench/shapes.mjs): many short sections and paragraphs.
  if (shortSections) state.articles["1mb-short"] = shortSectionsArticle(sample);

  const info = { gcExposed: typeof window.gc === "function", crossOriginIsolated: self.crossOriginIsolated === true, userAgent: navigator.userAgent, articles: {} };
  for (const [name, markdown] of Object.entries(state.articles)) {
    const host = freshHost();
    const widget = mount(host, widgetOptions(name));
    const root = host.shadowRoot;
    // "Final" markup: after the first painted frame and the observer callbacks it triggers.
    await nextPaint();
    await settle();
    state.sheet ??= root.adoptedStyleSheets[0];
    if (root.adoptedStyleSheets[0] !== state.sheet) throw new Error("the widget adopted a different stylesheet object");
    state.floorHtml[name] = root.innerHTML;
    const frame = root.querySelector(".rw");
    state.rootAttributes[name] = [...frame.attributes].map((a) => `${a.name}="${escapeHtml(a.value)}"`).join(" ");
    const sections = widget.sections().length;
    widget.destroy();
    clear(host);

    const peerHost = freshHost();
    const peerRoot = renderPeerShadow(peerHost, markdown, name);
    const peerHeadings = peerRoot.querySelectorAll(".body h2, .body h3").length;
    const peerMarkupChars = peerHost.shadowRoot.innerHTML.length;
    clear(peerHost);

    info.articles[name] = {
      markdownBytes: new TextEncoder().encode(markdown).length,
      widgetRootAttributes: state.rootAttributes[name],
      widgetMarkupChars: state.floorHtml[name].length,
      widgetElements: countElements(state.floorHtml[name]),
      widgetSections: sections,
      peerMarkupChars,
      peerHeadings,
    };
  }
  info.stylesheetChars = [...state.sheet.cssRules].map((r) => r.cssText).join("\n").length;
  return info;
}

function countElements(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  return template.content.querySelectorAll("*").length;
}

// ---- Measurements ----------------------------------------------------------------------
//
// Each measurement is split into steps that run.mjs calls one by one (prepare, measure,
// finish). The measured step is bracketed by performance marks "bench:s:<id>" and
// "bench:e:<id>" just outside its performance.now() readings: in a DevTools trace each mark
// carries the main thread's CPU clock, which gives run.mjs the step's main-thread CPU time.

let current = null;

/** A fresh host for `variant` on article `name`, on a settled page. */
async function prepare(name, variant) {
  if (current) throw new Error("prepare: the previous sample was not finished");
  current = { name, variant, host: freshHost(variant === "peerPlainPaint" ? "peer-plain" : "host"), widget: null };
  await settle();
}

/** The measured step: milliseconds by performance.now(). */
async function measure(id = 0) {
  const c = current;
  const { name, host } = c;
  let t0;
  let t1;
  performance.mark(`bench:s:${id}`);
  switch (c.variant) {
    case "widget":
      t0 = now();
      c.widget = mount(host, widgetOptions(name));
      void host.shadowRoot.firstElementChild.offsetHeight;
      t1 = now();
      afterLayout(c);
      break;
    case "floor": {
      t0 = now();
      const el = renderFloor(host, name);
      void el.offsetHeight;
      t1 = now();
      afterLayout(c);
      break;
    }
    case "peerShadow": {
      t0 = now();
      const el = renderPeerShadow(host, state.articles[name], name);
      void el.offsetHeight;
      t1 = now();
      afterLayout(c);
      break;
    }
    case "widgetPaint":
      t0 = now();
      c.widget = mount(host, widgetOptions(name));
      await nextPaint();
      t1 = now();
      break;
    case "floorPaint":
      t0 = now();
      renderFloor(host, name);
      await nextPaint();
      t1 = now();
      break;
    case "peerPlainPaint":
      t0 = now();
      renderPeerPlain(host, state.articles[name]);
      await nextPaint();
      t1 = now();
      break;
    default:
      throw new Error(`unknown variant ${c.variant}`);
  }
  performance.mark(`bench:e:${id}`);
  return t1 - t0;
}

/**
 * After a "through layout" measurement (its clocks already read): note the height (layout is
 * clean, so this is free), then hide the host, so the run does not spend time painting it.
 */
function afterLayout(c) {
  c.height = c.host.getBoundingClientRect().height;
  // Inline style: the `hidden` attribute would lose to the widget's `:host { display: block }`.
  c.host.style.display = "none";
}

/** Checks that something was rendered, and removes it. */
function finish() {
  const c = current;
  current = null;
  const height = c.height ?? c.host.getBoundingClientRect().height;
  c.widget?.destroy();
  clear(c.host);
  if (!(height > 0)) throw new Error(`${c.variant} rendered nothing`);
  return height;
}

/** The three steps at once (warm-up, profiling). */
async function sample(name, variant) {
  await prepare(name, variant);
  const ms = await measure();
  finish();
  return ms;
}

const noop = () => 0;

// Text size change to the next painted frame, at the top of the page: the widget's
// setFontStep(5) and back to 3, against the peer's element.style.fontSize = "125%" and back.

async function fontPrepare(name, variant) {
  if (current) throw new Error("fontPrepare: the previous sample was not finished");
  let host;
  let widget = null;
  if (variant === "widget") {
    host = freshHost();
    widget = mount(host, widgetOptions(name));
  } else if (variant === "peerPlain") {
    host = freshHost("peer-plain");
    renderPeerPlain(host, state.articles[name]);
  } else {
    throw new Error(`unknown variant ${variant}`);
  }
  current = { name, variant, host, widget, heights: [] };
  await nextPaint();
  await settle();
  current.heights.push(host.getBoundingClientRect().height);
}

/** `up` (step 5 / 125%) or `down` (step 3 / ""): milliseconds to the next painted frame. */
async function fontMeasure(direction, id = 0) {
  const { host, widget } = current;
  performance.mark(`bench:s:${id}`);
  const t0 = now();
  if (widget) widget.setFontStep(direction === "up" ? 5 : 3);
  else host.style.fontSize = direction === "up" ? "125%" : "";
  await nextPaint();
  const ms = now() - t0;
  performance.mark(`bench:e:${id}`);
  return ms;
}

async function fontSettle() {
  current.heights.push(current.host.getBoundingClientRect().height);
  await settle();
}

function fontFinish() {
  const { host, widget, variant, heights } = current;
  current = null;
  widget?.destroy();
  clear(host);
  const [h0, h1] = heights;
  if (!(h1 > h0 * 1.1)) throw new Error(`${variant}: the text did not grow (${h0} → ${h1})`);
  return heights;
}

// Long tasks while the page scrolls from top to bottom, one viewport per animation frame.

async function scrollPrepare(name, variant) {
  if (current) throw new Error("scrollPrepare: the previous sample was not finished");
  let widget = null;
  const host = freshHost(variant === "peerPlain" ? "peer-plain" : "host");
  if (variant === "widget") widget = mount(host, widgetOptions(name));
  else if (variant === "floor") renderFloor(host, name);
  else if (variant === "peerPlain") renderPeerPlain(host, state.articles[name]);
  else throw new Error(`unknown variant ${variant}`);
  current = { name, variant, host, widget };
  await nextPaint();
  await settle();
  // Let the first intersection callbacks and any deferred work run before observing.
  await new Promise((resolve) => setTimeout(resolve, 200));
  await settle();
}

/** One scroll step: scrollBy from an animation-frame callback; resolves after that frame. */
function scrollStep() {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      window.scrollBy(0, innerHeight);
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(null);
    });
  });
}

/** Scrolls to the end of the page, or for at most `maxSteps` steps / `maxMs` milliseconds. */
async function scrollRun(maxSteps = Infinity, maxMs = Infinity) {
  // The end is checked after each frame has rendered, when layout is clean and reading
  // scrollTop/scrollHeight costs nothing; the page may grow while it scrolls (content-visibility
  // estimates replaced by real sizes), so the number of steps is not known up front.
  const scroller = document.scrollingElement;
  const tasks = [];
  const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries()));
  observer.observe({ type: "longtask" });
  performance.mark("bench:scroll-start");
  const t0 = now();
  let steps = 0;
  let reachedEnd = false;
  while (!reachedEnd && steps < maxSteps && now() - t0 < maxMs) {
    if (steps >= 20_000) throw new Error("scroll: no end after 20,000 steps");
    await scrollStep();
    steps++;
    reachedEnd = scroller.scrollTop + innerHeight >= scroller.scrollHeight - 1;
  }
  await nextPaint();
  await new Promise((resolve) => setTimeout(resolve, 300));
  const elapsed = now() - t0;
  performance.mark("bench:scroll-end");
  tasks.push(...observer.takeRecords());
  observer.disconnect();
  const scrollHeight = scroller.scrollHeight;
  const durations = tasks.map((t) => t.duration);
  return {
    count: tasks.length,
    totalMs: durations.reduce((a, b) => a + b, 0),
    maxMs: durations.length ? Math.max(...durations) : 0,
    steps,
    elapsedMs: elapsed,
    scrollHeight,
    reachedEnd,
    tasks: tasks.map((t) => ({ at: Math.round(t.startTime - t0), ms: Math.round(t.duration) })),
  };
}

function scrollFinish() {
  const { host, widget } = current;
  current = null;
  widget?.destroy();
  clear(host);
}

/** For the profiler: one widget mount of `name` to the next painted frame, left mounted until `unmount()`. */
let profiled = null;
async function prepareProfile() {
  const host = freshHost();
  await settle();
  profiled = { host };
}
async function profileMount(name) {
  performance.mark("bench:mount-start");
  const t0 = now();
  profiled.widget = mount(profiled.host, widgetOptions(name));
  await nextPaint();
  const ms = now() - t0;
  performance.mark("bench:mount-end");
  return ms;
}
function unmountProfiled() {
  profiled.widget?.destroy();
  clear(profiled.host);
  profiled = null;
}

window.bench = {
  setup,
  prepare,
  measure,
  finish,
  sample,
  noop,
  fontPrepare,
  fontMeasure,
  fontSettle,
  fontFinish,
  scrollPrepare,
  scrollRun,
  scrollFinish,
  prepareProfile,
  profileMount,
  unmountProfiled,
};
window.benchReady = true;
