// The <reading-widget> custom element. A class that extends HTMLElement can only be written in
// JS, so this file holds just that class and what it needs before any wasm has arrived:
// rendering and state stay in Rust, reached through the functions a module instance hands over
// (defineReadingWidget). An element whose declarative shadow root already holds a pre-rendered
// widget is hydrated (taken over as it is) instead of rendered, and so is a fragment `src` (the
// HTML `reading-widget render` prints), which this file inserts itself, without waiting for wasm.
//
// Two module builds may serve one page: the full one (Markdown) and the hydrate-only one. The
// one-line embed (pkg/element.js) defines the element at once (defineEarly) and hands over a
// loader that brings a build when an element first needs one; each widget remembers which build
// it belongs to, so that the same build stops it.

// The UI language a `lang` attribute names ("ko-KR" → "ko"), or undefined for one the UI does
// not speak: `lang` is also the element's content language, so "fr" is left to the article.
function uiLang(tag) {
  return tag?.match(/^(en|ko|ja)([-_]|$)/i)?.[1].toLowerCase();
}

function dedent(text) {
  // Inline articles are usually indented to match the surrounding HTML; Markdown would read
  // four spaces of indentation as a code block.
  const lines = text.replace(/^\s*\n/, "").replace(/\s+$/, "").split("\n");
  const indents = lines.filter((l) => l.trim()).map((l) => l.match(/^[ \t]*/)[0].length);
  const common = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(common)).join("\n");
}

// The Rust side's functions, per build ("full", "hydrate"): { kind, mount, hydrate, release,
// showError }. Kept outside the class so that a fresh module instance (after a panic, or the full
// build arriving after the hydrate-only one) can hand over its own without redefining the
// element, which browsers forbid.
const builds = { full: null, hydrate: null };

/** The build that can do `need` ("full": render Markdown; "any": hydrate), if one is here. */
const bound = (need) => (need === "full" ? builds.full : builds.full ?? builds.hydrate);

// Set by the one-line embed (defineEarly): loads a build for a need, resolving once its functions
// are bound. Without it (a partner who calls init() and defineElement() themselves) the element
// uses what it was given.
let load = null;

// The markup version pre-rendered fragments must carry (data-markup): the entry's, written in at
// build time, or else the module's.
let markupVersion = null;

// The origin a fragment src may come from without being named in `fragment-origins`: where this
// file (and so pkg/, the entry beside it) was loaded from. A bundler may rewrite the module's URL
// to a file: URL at build time; the bundle is then served with the page, from its origin.
function ownOrigin() {
  const url = new URL(import.meta.url);
  return url.protocol === "http:" || url.protocol === "https:" ? url.origin : location.origin;
}

// Article fetches started before the module was ready, by URL (see usePrefetched).
let prefetched = new Map();

/**
 * Hands over the article fetches the one-line embed (pkg/element.js) started for every
 * `<reading-widget src>` in the page before it even loaded the module, so that the article
 * downloads while the module does instead of after it: a map from absolute URL to the pending
 * `fetch()` (or the error it failed with). Each response is used once, by its element.
 */
export function usePrefetched(fetches) {
  prefetched = fetches;
}

async function fetchArticle(src) {
  const url = new URL(src, document.baseURI).href;
  const early = prefetched.get(url);
  prefetched.delete(url);
  const response = await (early ?? fetch(url));
  if (response instanceof Error) throw response;
  return response;
}

/** Whether a response is a pre-rendered fragment: its Content-Type says HTML. */
const isHtml = (response) => /^\s*text\/html\s*(;|$)/i.test(response.headers.get("content-type") ?? "");

/** The pre-rendered widget directly in `root` (a shadow root), if it holds one. */
const frameOf = (root) => [...(root?.children ?? [])].find((child) => child.matches(".rw[data-markup]"));

/** Resolves when `link`'s stylesheet has loaded or failed (a failed one leaves the text readable). */
const settled = (link) =>
  new Promise((resolve) => {
    link.addEventListener("load", resolve, { once: true });
    link.addEventListener("error", resolve, { once: true });
  });

// Attributes of a fragment's elements that hold URLs: relative ones are resolved against the
// fragment's own address (the publisher's), not the partner's page. In-page #ids stay as they are.
const URL_ATTRIBUTES = [["link", "href"], ["a", "href"], ["img", "src"]];

/** The origin a `fragment-origins` token names, or null for one that is not an http(s) URL. */
function originOf(token) {
  try {
    const { origin } = new URL(token);
    return origin === "null" ? null : origin;
  } catch {
    return null;
  }
}

export function isReadingWidgetDefined() {
  return bound("any") !== null;
}

/**
 * The one-line embed's start: defines the element before any module has loaded, so that
 * fragment srcs are fetched and inserted at once. `options.load(need)` brings a build for a need
 * ("full" or "any") and resolves once its functions are bound; `options.markupVersion` is the
 * markup fragments must carry; `options.prefetched` as for usePrefetched.
 */
export function defineEarly(tag, options) {
  load ??= options.load;
  markupVersion ??= options.markupVersion;
  if (options.prefetched) usePrefetched(options.prefetched);
  define(tag);
}

export function defineReadingWidget(tag, mountFn, hydrateFn, releaseFn, showErrorFn, rendersMarkdown, version) {
  const kind = rendersMarkdown ? "full" : "hydrate";
  builds[kind] = { kind, mount: mountFn, hydrate: hydrateFn, release: releaseFn, showError: showErrorFn };
  markupVersion ??= version;
  define(tag);
}

function define(tag) {
  if (!customElements.get(tag)) customElements.define(tag, ReadingWidgetElement);
}

// Each attribute but `lang` (HTMLElement has that one) is also a property: element.theme,
// element.fontStep … Reading gives the attribute (a number for the numeric ones, null when it is
// absent); setting sets it, and null removes it. Frameworks that set properties (React 19, Vue)
// then reach the same attribute callbacks as HTML does.
const NUMERIC = new Set(["font-step", "scroll-offset"]);

/**
 * `<reading-widget>`. Registered by the one-line embed (pkg/element.js) or `defineElement()`.
 * Where there is no DOM (Node, a server-side render) there is no HTMLElement to extend: the class
 * is then defined over a stand-in, and never registered.
 */
export class ReadingWidgetElement extends (globalThis.HTMLElement ?? class {}) {
  static observedAttributes = [
    "src", "lang", "theme", "font-step", "scroll-offset", "resume", "settings", "line-spacing", "width", "font", "content",
  ];
  #widget = null;
  // The build the widget belongs to, which stops it.
  #build = null;
  // Bumped on every render and disconnect, so a fetch or load that finishes late is ignored.
  #generation = 0;
  // The Markdown a `src` gave, with that src: a change of theme, lang or font-step renders it
  // again without downloading it again. Dropped when the element leaves the page.
  #article = null;
  // Attribute callbacks that arrive while the element is being upgraded, before it is
  // connected, are the initial attributes, not changes.
  #connected = false;
  // Where what the shadow root shows came from: "markup" (pre-rendered: in the page, or a
  // fragment src, and taken over; there is no article source to render it again from),
  // "markdown" (rendered by the full build), or null.
  #source = null;
  // The src a fragment was inserted from, so a reconnected element takes it over again.
  #shownSrc = null;
  // What a content="light" fragment put in the element's light DOM (its article and the
  // article's stylesheet), replaced by the next fragment.
  #lightNodes = [];
  // `:state(rendered)` once it shows an article or an error: pkg/embed.css reserves space
  // for the element until then.
  #internals = this.attachInternals();

  /** The mounted widget's handle (see `mount()`), or null. */
  get widget() {
    return this.#widget;
  }

  connectedCallback() {
    this.#connected = true;
    this.#attachDeclarativeRoot();
    const markup = frameOf(this.shadowRoot) && this.#source !== "markdown";
    if (markup && (this.#source === null || this.getAttribute("src") === this.#shownSrc)) {
      this.#source = "markup";
      this.#shown();
      this.#hydrate();
    } else {
      this.#render();
    }
  }

  disconnectedCallback() {
    this.#connected = false;
    this.#generation++;
    if (this.#source === "markup") {
      // Stopped, not destroyed: the markup stays, to be taken over again if the element returns.
      if (this.#widget) builds[this.#build]?.release(this);
      this.#widget = null;
      return;
    }
    this.#widget?.destroy();
    this.#widget = null;
    this.#source = null;
    this.#article = null;
    this.#internals.states.delete("rendered");
    // An error message, shown instead of a widget, goes too.
    this.shadowRoot?.replaceChildren();
  }

  attributeChangedCallback(name, oldValue, value) {
    if (!this.#connected || oldValue === value) return;
    if (name === "font-step" && this.#widget && value !== null) {
      try {
        this.#widget.setFontStep(Number(value));
      } catch (error) {
        this.#report(`<reading-widget font-step>: ${error.message}`);
      }
      return;
    }
    if (this.#source === "markup" && name !== "src") {
      this.#report(`<reading-widget ${name}>: a pre-rendered widget keeps the ${name} it was rendered with; render it again to change it`);
      return;
    }
    this.#render();
  }

  // The parser turns <template shadowrootmode="open"> into the shadow root, but a fragment
  // inserted with innerHTML (or by a framework) keeps it as a plain template element. Its
  // content is then attached as the shadow root here, so the pre-rendered article is taken
  // over rather than replaced by the one built into the module.
  #attachDeclarativeRoot() {
    const template = this.querySelector(':scope > template[shadowrootmode="open"]');
    if (!template || this.shadowRoot) return;
    this.attachShadow({ mode: "open" }).append(template.content);
    template.remove();
  }

  /** A build for `need`: the one bound, else the one the embed loads (null after a failure, reported). */
  async #buildFor(need) {
    const here = bound(need);
    if (here || !load) return here ?? bound("any");
    try {
      await load(need);
    } catch (error) {
      this.#report(error.message);
      return null;
    }
    return bound(need) ?? bound("any");
  }

  /** Stops the widget shown, leaving its markup (the next one replaces it in the same task). */
  #stop() {
    if (this.#widget) builds[this.#build]?.release(this);
    this.#widget = null;
  }

  async #hydrate() {
    const generation = this.#generation;
    const build = bound("any") ?? (await this.#buildFor("any"));
    if (!build || generation !== this.#generation || !this.#connected) return;
    const offset = this.getAttribute("scroll-offset");
    // The Rust side reads resume="off" from the element itself.
    this.#checkResume();
    // Read before taking over: the reader's stored theme then replaces it on the frame.
    const renderedTheme = frameOf(this.shadowRoot)?.dataset.theme;
    try {
      this.#widget = build.hydrate(this, offset === null ? undefined : Number(offset));
      this.#build = build.kind;
    } catch (error) {
      // The article stays as the server rendered it, readable; only the controls stay off.
      this.#widget = null;
      this.#report(error.message);
      return;
    }
    this.#applyInitialAttributes(renderedTheme);
  }

  // Attributes written on a pre-rendered element: font-step applies as on any widget; a
  // theme or UI language other than the one the markup was rendered with cannot, and says so.
  #applyInitialAttributes(renderedTheme) {
    const step = this.getAttribute("font-step");
    if (step !== null) {
      try {
        this.#widget.setFontStep(Number(step));
      } catch (error) {
        this.#report(`<reading-widget font-step>: ${error.message}`);
      }
    }
    const frame = frameOf(this.shadowRoot);
    const theme = this.getAttribute("theme");
    const lang = uiLang(this.getAttribute("lang"));
    const rendered = { theme: renderedTheme, lang: frame.getAttribute("lang") };
    for (const [name, value] of [["theme", theme], ["lang", lang]]) {
      if (value && value !== rendered[name]) {
        this.#report(`<reading-widget ${name}>: a pre-rendered widget keeps the ${name} it was rendered with (${rendered[name]}), not ${value}; render it again to change it`);
      }
    }
  }

  async #render() {
    const generation = ++this.#generation;
    const options = {};
    const src = this.getAttribute("src");
    if (src && this.#article?.src === src) {
      options.markdown = this.#article.markdown;
    } else if (src) {
      let response;
      try {
        response = await fetchArticle(src);
        if (!response.ok) throw new Error(`the server answered ${response.status}`);
      } catch (error) {
        if (generation === this.#generation) await this.#fail(`could not load the article from ${src}: ${error.message}`, generation);
        return;
      }
      if (isHtml(response)) {
        await this.#insertFragment(response, src, generation);
        return;
      }
      try {
        options.markdown = await response.text();
      } catch (error) {
        if (generation === this.#generation) await this.#fail(`could not load the article from ${src}: ${error.message}`, generation);
        return;
      }
      if (generation !== this.#generation) return;
      this.#article = { src, markdown: options.markdown };
    } else {
      const script = this.querySelector(':scope > script[type="text/markdown"]');
      if (script) options.markdown = dedent(script.textContent);
    }
    // Relative edition and series URLs in the front matter are relative to the article.
    if (src) options.baseUrl = new URL(src, document.baseURI).href;
    // Synchronous when the full build is here, so an attribute change re-renders at once.
    const build = bound("full") ?? (await this.#buildFor("full"));
    if (!build || generation !== this.#generation) return;
    const lang = this.getAttribute("lang");
    if (uiLang(lang)) options.lang = lang;
    const theme = this.getAttribute("theme");
    if (theme) options.theme = theme;
    const offset = this.getAttribute("scroll-offset");
    if (offset !== null) options.scrollOffset = Number(offset);
    const step = this.getAttribute("font-step");
    if (step !== null) options.fontStep = Number(step);
    else if (this.#widget) {
      try {
        options.fontStep = this.#widget.fontStep;
      } catch {
        // The partner destroyed that widget (its handle says so): the reader's stored step applies.
      }
    }
    if (this.getAttribute("resume") === "off") options.resume = false;
    // The reading settings offered, and the partner's defaults (the reader's choices win).
    // …and where the article lives (content="light": in the element's light DOM).
    for (const name of ["settings", "line-spacing", "width", "font", "content"]) {
      const value = this.getAttribute(name);
      if (value !== null) options[name.replace(/-([a-z])/g, (_, c) => c.toUpperCase())] = value;
    }
    this.#checkResume();
    // A widget of the other build, or taken over from markup, is stopped by its own build;
    // mounting replaces the markup in the same task, so nothing collapses in between.
    if (this.#source === "markup" || this.#build !== build.kind) this.#stop();
    // What a fragment's stylesheet links left behind without a widget (its load was cut short).
    if (this.shadowRoot && !this.shadowRoot.querySelector(".rw")) this.shadowRoot.replaceChildren();
    this.#source = "markdown";
    this.#build = build.kind;
    try {
      this.#widget = build.mount(this, options);
    } catch (error) {
      // A bad attribute (theme="blue", font-step="9") should not cost readers the article:
      // report it, and show the article with that attribute's default.
      const { markdown, baseUrl } = options;
      try {
        this.#widget = build.mount(this, markdown === undefined ? {} : { markdown, baseUrl });
        this.#report(error.message);
      } catch {
        this.#fail(error.message, generation);
        return;
      }
    }
    this.#shown();
  }

  /**
   * Inserts a pre-rendered fragment (what `reading-widget render` prints) from a trusted
   * origin, its stylesheet loaded first so that no frame shows the text unstyled, then takes
   * it over. The fragment is markup, not Markdown: nothing sanitises it, so its origin must
   * be the embed's own or one the partner names (`fragment-origins`, see SECURITY.md), and
   * it must carry this release's markup version.
   */
  async #insertFragment(response, src, generation) {
    let text;
    try {
      text = await response.text();
    } catch (error) {
      if (generation === this.#generation) this.#refuse(`could not load the article from ${src}: ${error.message}`);
      return;
    }
    if (generation !== this.#generation) return;
    const url = response.url || new URL(src, document.baseURI).href;
    const origin = new URL(url).origin;
    const named = (this.getAttribute("fragment-origins") ?? "").split(/\s+/).filter(Boolean);
    const trusted = new Set([ownOrigin(), ...named.map(originOf)]);
    if (!trusted.has(origin)) {
      return this.#refuse(`<reading-widget>: refused the pre-rendered fragment from ${origin} (${url}): a fragment is inserted as markup, so it is taken only from the origin reading-widget is loaded from (${ownOrigin()}) or one named in fragment-origins`);
    }
    const host = Document.parseHTMLUnsafe(text).querySelector("reading-widget");
    const content = host?.shadowRoot ?? host?.querySelector(':scope > template[shadowrootmode="open"]')?.content;
    const frame = [...(content?.children ?? [])].find((child) => child.matches(".rw"));
    if (!frame) {
      return this.#refuse(`<reading-widget>: ${url} is HTML but not a pre-rendered widget (no <reading-widget> with a declarative shadow root holding one)`);
    }
    if (frame.dataset.markup !== markupVersion) {
      const version = frame.dataset.markup === undefined ? "has no version (data-markup)" : `is version ${JSON.stringify(frame.dataset.markup)}`;
      return this.#refuse(`<reading-widget>: refused the pre-rendered fragment from ${url}: its markup ${version}, this release takes over version ${JSON.stringify(markupVersion)}; render it again with the same release`);
    }
    // A fragment rendered with --content light: its article (and the article's stylesheet) are
    // the element's light-DOM children, after the template.
    const light = [...host.children].filter((child) => child.matches('.rw-content[slot="rw-article"], link[rel~="stylesheet"]'));
    for (const part of [content, ...light]) {
      for (const [tag, attribute] of URL_ATTRIBUTES) {
        for (const element of [part, ...part.querySelectorAll(`${tag}[${attribute}]`)]) {
          if (!element.matches?.(`${tag}[${attribute}]`)) continue;
          const value = element.getAttribute(attribute);
          if (!value.startsWith("#")) element.setAttribute(attribute, new URL(value, url).href);
        }
      }
    }
    // The stylesheets first, beside whatever is shown now; the rest once they have loaded.
    const root = this.shadowRoot ?? this.attachShadow({ mode: "open" });
    const links = [...content.children].filter((child) => child.matches('link[rel~="stylesheet"]'));
    const lightLinks = light.filter((child) => child.matches("link"));
    const first = root.firstChild;
    for (const link of links) root.insertBefore(link, first);
    this.append(...lightLinks);
    await Promise.all([...links, ...lightLinks].map(settled));
    if (generation !== this.#generation) {
      for (const link of [...links, ...lightLinks]) link.remove();
      return;
    }
    // One task from here: the previous widget stopped, its nodes replaced by the fragment's
    // (in the light DOM only what an earlier fragment put there: the rest is the partner's).
    this.#stop();
    root.adoptedStyleSheets = [];
    for (const node of [...root.childNodes]) if (!links.includes(node)) node.remove();
    for (const node of this.#lightNodes) if (!lightLinks.includes(node)) node.remove();
    this.#lightNodes = light;
    root.append(...content.childNodes);
    this.append(...light.filter((child) => !child.matches("link")));
    this.#source = "markup";
    this.#shownSrc = src;
    this.#shown();
    await this.#hydrate();
  }

  /** Marks the element as showing something: pkg/embed.css stops reserving its space. */
  #shown() {
    this.#internals.states.add("rendered");
  }

  /** Reports a `resume` other than "on" or "off"; the widget then keeps continue reading on. */
  #checkResume() {
    const resume = this.getAttribute("resume");
    if (resume !== null && resume !== "on" && resume !== "off") {
      this.#report(`<reading-widget resume>: must be "on" or "off", not ${JSON.stringify(resume)}; continue reading stays on`);
    }
  }

  #report(message) {
    this.dispatchEvent(new CustomEvent("error", { detail: { message } }));
  }

  /**
   * An error for a fragment: nothing is inserted, the event says why. Whatever was shown
   * stays; an element that showed nothing yet stops reserving space for an article.
   */
  #refuse(message) {
    this.#shown();
    this.#report(message);
  }

  /**
   * Shows `message` in place of the widget, with the build here (or the one the element would
   * have needed), and reports it.
   */
  async #fail(message, generation) {
    const need = /\.html?$/i.test(this.getAttribute("src") ?? "") ? "any" : "full";
    const build = bound("any") ?? (await this.#buildFor(need));
    if (generation !== this.#generation) return;
    if (build) {
      this.#stop();
      this.#source = null;
      build.showError(this, message);
    }
    this.#shown();
    this.#report(message);
  }
}

for (const attribute of [...ReadingWidgetElement.observedAttributes, "fragment-origins"].filter((name) => name !== "lang")) {
  Object.defineProperty(ReadingWidgetElement.prototype, attribute.replace(/-([a-z])/g, (_, c) => c.toUpperCase()), {
    get() {
      const value = this.getAttribute(attribute);
      return value !== null && NUMERIC.has(attribute) ? Number(value) : value;
    },
    set(value) {
      if (value === null || value === undefined) this.removeAttribute(attribute);
      else this.setAttribute(attribute, String(value));
    },
    configurable: true,
    enumerable: true,
  });
}
