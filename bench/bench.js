// The in-page half of the benchmark (see bench/run.mjs, which drives it and BENCHMARKS.md, which
// explains it). Every measurement is one call from run.mjs: it builds a fresh host element,
// lets the page settle (GC when exposed, two frames), times one variant, and cleans up.
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
import { bigArticle, splitFrontMatter } from "./article.mjs";

const stage = document.getElementById("stage");
const now = () => performance.now();

const state = {
  articles: {}, // name -> markdown
  floorHtml: {}, // name -> the widget's final shadow-root innerHTML
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

/** The peer into a shadow root with the widget's stylesheet, using the widget's class names. */
function renderPeerShadow(host, markdown) {
  const root = host.attachShadow({ mode: "open" });
  root.adoptedStyleSheets = [state.sheet];
  const { masthead, html } = peerHtml(markdown);
  root.innerHTML =
    `<div class="rw" lang="en" data-theme="light" data-step="3"><div class="layout">` +
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

async function setup({ bigBytes = 1 << 20 } = {}) {
  await init();
  const sample = await (await fetch("/articles/sample.md", { cache: "no-store" })).text();
  state.articles.embedded = sample;
  state.articles["1mb"] = bigArticle(sample, bigBytes);

  const info = { gcExposed: typeof window.gc === "function", userAgent: navigator.userAgent, articles: {} };
  for (const [name, markdown] of Object.entries(state.articles)) {
    const host = freshHost();
    const widget = mount(host, widgetOptions(name));
    const root = host.shadowRoot;
    state.sheet ??= root.adoptedStyleSheets[0];
    if (root.adoptedStyleSheets[0] !== state.sheet) throw new Error("the widget adopted a different stylesheet object");
    state.floorHtml[name] = root.innerHTML;
    const sections = widget.sections().length;
    widget.destroy();
    clear(host);

    const peerHost = freshHost();
    const peerRoot = renderPeerShadow(peerHost, markdown);
    const peerHeadings = peerRoot.querySelectorAll(".body h2, .body h3").length;
    const peerMarkupChars = peerHost.shadowRoot.innerHTML.length;
    clear(peerHost);

    info.articles[name] = {
      markdownBytes: new TextEncoder().encode(markdown).length,
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

/** One timed sample of `variant` on article `name`, in milliseconds. */
async function sample(name, variant) {
  const host = freshHost(variant === "peerPlainPaint" ? "peer-plain" : "host");
  await settle();
  let widget = null;
  let t0;
  let t1;
  switch (variant) {
    case "widget":
      t0 = now();
      widget = mount(host, widgetOptions(name));
      void host.shadowRoot.firstElementChild.offsetHeight;
      t1 = now();
      break;
    case "floor": {
      t0 = now();
      const el = renderFloor(host, name);
      void el.offsetHeight;
      t1 = now();
      break;
    }
    case "peerShadow": {
      t0 = now();
      const el = renderPeerShadow(host, state.articles[name]);
      void el.offsetHeight;
      t1 = now();
      break;
    }
    case "widgetPaint":
      t0 = now();
      widget = mount(host, widgetOptions(name));
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
      throw new Error(`unknown variant ${variant}`);
  }
  const height = host.getBoundingClientRect().height;
  widget?.destroy();
  clear(host);
  if (!(height > 0)) throw new Error(`${variant} rendered nothing`);
  return t1 - t0;
}

/**
 * Text size change to the next painted frame, at the top of the page: the widget's
 * setFontStep(5) and back to 3, against the peer's element.style.fontSize = "125%" and back.
 */
async function fontChange(name, variant) {
  let widget = null;
  let host;
  if (variant === "widget") {
    host = freshHost();
    widget = mount(host, widgetOptions(name));
  } else if (variant === "peerPlain") {
    host = freshHost("peer-plain");
    renderPeerPlain(host, state.articles[name]);
  } else {
    throw new Error(`unknown variant ${variant}`);
  }
  await nextPaint();
  await settle();
  const h0 = host.getBoundingClientRect().height;
  let t0 = now();
  if (widget) widget.setFontStep(5);
  else host.style.fontSize = "125%";
  await nextPaint();
  const up = now() - t0;
  const h1 = host.getBoundingClientRect().height;
  await settle();
  t0 = now();
  if (widget) widget.setFontStep(3);
  else host.style.fontSize = "";
  await nextPaint();
  const down = now() - t0;
  widget?.destroy();
  clear(host);
  if (!(h1 > h0 * 1.1)) throw new Error(`${variant}: the text did not grow (${h0} → ${h1})`);
  return { up, down };
}

/**
 * Scrolls the whole article top to bottom, one viewport per animation frame, and records the
 * main thread's long tasks (over 50 ms) meanwhile.
 */
async function scrollLongTasks(name, variant) {
  let widget = null;
  const host = freshHost(variant === "peerPlain" ? "peer-plain" : "host");
  if (variant === "widget") widget = mount(host, widgetOptions(name));
  else if (variant === "peerPlain") renderPeerPlain(host, state.articles[name]);
  else throw new Error(`unknown variant ${variant}`);
  await nextPaint();
  await settle();
  // Let the first intersection callbacks and any deferred work run before observing.
  await new Promise((resolve) => setTimeout(resolve, 200));
  await settle();

  // The number of steps is fixed up front: reading scrollTop/scrollHeight inside the loop would
  // force a style and layout update on every step that the page itself would not do.
  const scroller = document.scrollingElement;
  const scrollHeight = scroller.scrollHeight;
  const steps = Math.ceil((scrollHeight - innerHeight) / innerHeight);
  const tasks = [];
  const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries()));
  observer.observe({ type: "longtask" });
  performance.mark("bench:scroll-start");
  const t0 = now();
  for (let i = 0; i < steps; i++) {
    window.scrollBy(0, innerHeight);
    await frame();
  }
  await nextPaint();
  await new Promise((resolve) => setTimeout(resolve, 300));
  const elapsed = now() - t0;
  performance.mark("bench:scroll-end");
  tasks.push(...observer.takeRecords());
  observer.disconnect();
  const reachedEnd = scroller.scrollTop + innerHeight >= scroller.scrollHeight - 1;
  widget?.destroy();
  clear(host);
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

window.bench = { setup, sample, fontChange, scrollLongTasks, prepareProfile, profileMount, unmountProfiled };
window.benchReady = true;
