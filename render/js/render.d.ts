/**
 * Options of {@link renderFragment} and {@link renderPage}: the command line's options under the
 * names `mount()` uses (`--lang` is `lang`, `--font-step` is `fontStep`, …). Every key is
 * optional; any other key, or a value of another type or outside these, throws an `Error` that
 * names the option and the values it allows.
 */
export interface RenderOptions {
    /**
     * The UI language: "en", "ko" or "ja", with or without a region ("ko-KR"). Default: the
     * article's front matter `lang` if the UI speaks it, else "en".
     */
    lang?: "en" | "ko" | "ja" | (string & {});
    /** The colour theme. Default "auto", which follows prefers-color-scheme. */
    theme?: "auto" | "light" | "dark" | "sepia";
    /** The starting text size, 1 to 5 (3 is 100%). Default 3. */
    fontStep?: 1 | 2 | 3 | 4 | 5;
    /**
     * Where the widget's `pkg/` files are served: an http(s) URL or a path, without a query or
     * fragment. The HTML links `{assets}/reading-widget.css` and loads `{assets}/element.js`.
     * Default "/pkg".
     */
    assets?: string;
    /** Load `{assets}/element-hydrate.js`, the build that only takes over pre-rendered widgets. Default false. */
    hydrateOnly?: boolean;
    /**
     * Where the article lives: "shadow", in the widget's shadow root, or "light", in the page's
     * light DOM (slotted into the widget), where reader modes and page translators see it; the
     * HTML then also links `{assets}/reading-widget-light.css`. Default "shadow".
     */
    content?: "shadow" | "light";
}

/**
 * The widget's HTML to paste into a page: the `<reading-widget>` element with its declarative
 * shadow root, the module script and the JSON-LD, each followed by a line break. The same bytes
 * as `reading-widget render ARTICLE [OPTIONS]`.
 * @param markdown Markdown with optional TOML front matter (`+++` … `+++`).
 * @throws Error for a bad option, or malformed front matter (the message names the line; it is
 * the CLI's message without its `reading-widget: FILE: ` prefix).
 */
export function renderFragment(markdown: string, options?: RenderOptions): string;

/**
 * A whole HTML document (title, description, canonical link, JSON-LD, the widget): the same
 * bytes as `reading-widget render ARTICLE --page [OPTIONS]`. Throws as {@link renderFragment}.
 */
export function renderPage(markdown: string, options?: RenderOptions): string;
