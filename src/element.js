// The <reading-widget> custom element. A class that extends HTMLElement can only be written in
// JS, so this file holds just that class; rendering and state stay in Rust, reached through the
// functions passed in. An element whose declarative shadow root already holds a pre-rendered
// widget is hydrated (taken over as it is) instead of rendered.

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

// The Rust side's functions. Kept outside the class so that a fresh module instance (after a
// panic) can hand over its own without redefining the element, which browsers forbid.
let mount = null;
let hydrate = null;
let release = null;
let showError = null;

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

export function isReadingWidgetDefined() {
  return mount !== null;
}

export function defineReadingWidget(tag, mountFn, hydrateFn, releaseFn, showErrorFn) {
  mount = mountFn;
  hydrate = hydrateFn;
  release = releaseFn;
  showError = showErrorFn;
  if (customElements.get(tag)) return;
  customElements.define(
    tag,
    class ReadingWidgetElement extends HTMLElement {
      static observedAttributes = ["src", "lang", "theme", "font-step", "scroll-offset", "resume"];
      #widget = null;
      // Bumped on every render and disconnect, so a fetch that finishes late is ignored.
      #generation = 0;
      // Attribute callbacks that arrive while the element is being upgraded, before it is
      // connected, are the initial attributes, not changes.
      #connected = false;
      // Pre-rendered: the widget was taken over from the declarative shadow root, and the
      // element has no article source to render it again from.
      #prerendered = false;

      /** The mounted widget's handle (see `mount()`), or null. */
      get widget() {
        return this.#widget;
      }

      connectedCallback() {
        this.#connected = true;
        this.#attachDeclarativeRoot();
        this.#prerendered ||= this.shadowRoot?.querySelector(".rw[data-markup]")?.parentNode === this.shadowRoot;
        if (this.#prerendered) this.#hydrate();
        else this.#render();
      }

      disconnectedCallback() {
        this.#connected = false;
        this.#generation++;
        if (this.#prerendered) {
          // Stopped, not destroyed: the markup stays, to be taken over again if the element returns.
          release(this);
          this.#widget = null;
          return;
        }
        this.#widget?.destroy();
        this.#widget = null;
        // An error message, shown instead of a widget, goes too.
        this.shadowRoot?.replaceChildren();
      }

      attributeChangedCallback(name, oldValue, value) {
        if (!this.#connected || oldValue === value) return;
        if (name === "font-step" && this.#widget && value !== null) {
          try {
            this.#widget.setFontStep(Number(value));
          } catch (error) {
            this.#report(error.message);
          }
          return;
        }
        if (this.#prerendered) {
          this.#report(`<reading-widget>: a pre-rendered widget keeps the ${name} it was rendered with; render it again to change it`);
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

      #hydrate() {
        const offset = this.getAttribute("scroll-offset");
        // The Rust side reads resume="off" from the element itself.
        this.#checkResume();
        try {
          this.#widget = hydrate(this, offset === null ? undefined : Number(offset));
        } catch (error) {
          // The article stays as the server rendered it, readable; only the controls stay off.
          this.#widget = null;
          this.#report(error.message);
          return;
        }
        this.#applyInitialAttributes();
      }

      // Attributes written on a pre-rendered element: font-step applies as on any widget; a
      // theme or UI language other than the one the markup was rendered with cannot, and says so.
      #applyInitialAttributes() {
        const step = this.getAttribute("font-step");
        if (step !== null) {
          try {
            this.#widget.setFontStep(Number(step));
          } catch (error) {
            this.#report(error.message);
          }
        }
        const frame = this.shadowRoot.querySelector(".rw");
        const theme = this.getAttribute("theme");
        const lang = uiLang(this.getAttribute("lang"));
        const rendered = { theme: frame.dataset.theme, lang: frame.getAttribute("lang") };
        for (const [name, value] of [["theme", theme], ["lang", lang]]) {
          if (value && value !== rendered[name]) {
            this.#report(`<reading-widget>: a pre-rendered widget keeps the ${name} it was rendered with (${rendered[name]}), not ${value}; render it again to change it`);
          }
        }
      }

      async #render() {
        const generation = ++this.#generation;
        const options = {};
        const src = this.getAttribute("src");
        if (src) {
          try {
            const response = await fetchArticle(src);
            if (!response.ok) throw new Error(`the server answered ${response.status}`);
            options.markdown = await response.text();
          } catch (error) {
            if (generation === this.#generation) this.#fail(`could not load the article from ${src}: ${error.message}`);
            return;
          }
          if (generation !== this.#generation) return;
        } else {
          const script = this.querySelector(':scope > script[type="text/markdown"]');
          if (script) options.markdown = dedent(script.textContent);
        }
        const lang = this.getAttribute("lang");
        if (uiLang(lang)) options.lang = lang;
        const theme = this.getAttribute("theme");
        if (theme) options.theme = theme;
        const offset = this.getAttribute("scroll-offset");
        if (offset !== null) options.scrollOffset = Number(offset);
        const step = this.getAttribute("font-step");
        if (step !== null) options.fontStep = Number(step);
        else if (this.#widget) options.fontStep = this.#widget.fontStep;
        if (this.getAttribute("resume") === "off") options.resume = false;
        this.#checkResume();
        try {
          this.#widget = mount(this, options);
        } catch (error) {
          // A bad attribute (theme="blue", font-step="9") should not cost readers the article:
          // report it, and show the article with that attribute's default.
          const { markdown } = options;
          try {
            this.#widget = mount(this, markdown === undefined ? {} : { markdown });
            this.#report(error.message);
          } catch {
            this.#fail(error.message);
          }
        }
      }

      /** Reports a `resume` other than "on" or "off"; the widget then keeps continue reading on. */
      #checkResume() {
        const resume = this.getAttribute("resume");
        if (resume !== null && resume !== "on" && resume !== "off") {
          this.#report(`<reading-widget>: resume must be "on" or "off", not ${JSON.stringify(resume)}; continue reading stays on`);
        }
      }

      #report(message) {
        this.dispatchEvent(new CustomEvent("error", { detail: { message } }));
      }

      #fail(message) {
        this.#widget = null;
        showError(this, message);
        this.#report(message);
      }
    },
  );
}
