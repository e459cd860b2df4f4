// The public surface of <reading-widget>, written once: scripts/package-manifest.mjs derives the
// package's TypeScript (element.d.ts, the JSX and Vue declarations) and its Custom Elements
// Manifest (custom-elements.json) from it, and tests/package/api.test.mjs holds it to the code:
// the attributes to the element class's observedAttributes (src/element.js), the CSS custom
// properties to the ones src/style.css reads. `type` strings are TypeScript; `Theme`, `Lang` and
// `Widget` are the module's own types (reading_widget.d.ts).

/** The tag partners write. */
export const TAG = "reading-widget";

/** The element class's name, as `customElements.get(TAG)` reports it and the types name it. */
export const CLASS = "ReadingWidgetElement";

export const DESCRIPTION =
  "An article reader: Markdown (or a pre-rendered fragment) rendered by WebAssembly into the element's shadow root, with text size, section navigation, continue reading and themes.";

/** A text-size step; 3 is the page's own size. */
export const FONT_STEP = "1 | 2 | 3 | 4 | 5";

/**
 * The attributes, the observed ones in the element's order. `property` is the reflecting
 * property (absent where HTMLElement already has one, as for `lang`); `propertyType` its
 * TypeScript type; `observed: false` for one the element reads when it needs it.
 */
export const ATTRIBUTES = [
  {
    name: "src",
    type: "string",
    property: "src",
    propertyType: "string | null",
    description:
      "URL of the article: Markdown with optional TOML front matter, or a fragment that `reading-widget render` (or `reading-widget/render`) printed, from the origin the widget's script came from or one named in `fragment-origins`. Without `src` (or an inline `<script type=\"text/markdown\">`) the widget shows the article built into the module.",
  },
  {
    name: "lang",
    type: "string",
    description:
      "The UI language: `en`, `ko` or `ja` (a region is fine: `ko-KR`). Any other language is left to the article. Default: the article's front matter `lang`, then `<html lang>`, then `en`.",
  },
  {
    name: "theme",
    type: "Theme",
    property: "theme",
    propertyType: "Theme | null",
    description: "The colour theme: `auto` (follows prefers-color-scheme), `light`, `dark` or `sepia`. Default `auto`.",
  },
  {
    name: "font-step",
    type: `${FONT_STEP} | "1" | "2" | "3" | "4" | "5"`,
    property: "fontStep",
    propertyType: `${FONT_STEP} | null`,
    description: "Text size, 1–5 (3 is the page's own size). Default: the reader's stored choice, then 3.",
  },
  {
    name: "scroll-offset",
    type: "number | `${number}`",
    property: "scrollOffset",
    propertyType: "number | null",
    description: "Pixels of fixed header above the widget, kept free when it scrolls to a section. Default 0.",
  },
  {
    name: "resume",
    type: '"on" | "off"',
    property: "resume",
    propertyType: '"on" | "off" | null',
    description: "`off` turns continue reading off: no place is remembered and none is offered. Default `on`.",
  },
  {
    name: "settings",
    type: "string",
    property: "settings",
    propertyType: "string | null",
    description:
      'The reading settings the reader may change: a space-separated list of `size`, `theme`, `line-spacing`, `width`, `font` and `listen` (read aloud; `""` for none). Default: all of them.',
  },
  {
    name: "line-spacing",
    type: '"compact" | "normal" | "relaxed"',
    property: "lineSpacing",
    propertyType: '"compact" | "normal" | "relaxed" | null',
    description: "The line spacing, a default that the reader's choice in the reading settings wins over. Default: the widget's own (`normal`).",
  },
  {
    name: "width",
    type: '"narrow" | "medium" | "wide"',
    property: "width",
    propertyType: '"narrow" | "medium" | "wide" | null',
    description: "The article's measure in characters, a default that the reader's choice wins over. Default: `--rw-max-width`.",
  },
  {
    name: "font",
    type: '"sans" | "serif"',
    property: "font",
    propertyType: '"sans" | "serif" | null',
    description: "The article's typeface (system Gothic or Myeongjo/Mincho faces for Korean and Japanese), a default that the reader's choice wins over. Default: `--rw-font`, else the page's font.",
  },
  {
    name: "content",
    type: '"shadow" | "light"',
    property: "content",
    propertyType: '"shadow" | "light" | null',
    description: "Where the article lives: `shadow` (default), in the shadow root where the page's CSS cannot reach it; or `light`, a child of the element slotted into the widget, so that reader modes (Readability, Safari's, Chrome's) and page translators see it, at the cost of the page's CSS reaching the article. Pre-rendered with `render --content light`.",
  },
  {
    name: "fragment-origins",
    // Read when a fragment arrives, so a change takes effect with the next `src`.
    observed: false,
    type: "string",
    property: "fragmentOrigins",
    propertyType: "string | null",
    description:
      "Space-separated origins (`https://cdn.example.org`) whose pre-rendered fragments `src` may load, besides the origin the widget's script came from.",
  },
];

/** Properties other than the reflected attributes. */
export const PROPERTIES = [
  {
    name: "widget",
    type: "Widget | null",
    readonly: true,
    description: "The mounted widget's handle (as `mount()` returns it), or null before the module has started and after the element left the page.",
  },
];

/** Events dispatched on the element; they bubble and are composed (they cross shadow roots). */
export const EVENTS = [
  {
    name: "fontstepchange",
    detail: `{ step: ${FONT_STEP} }`,
    description: "The reader changed the text size.",
  },
  {
    name: "settingschange",
    detail: "{ settings: Omit<ReadingSettings, \"fontStep\"> }",
    description: "The reader changed a reading setting (theme, line spacing, width or font); `settings` is what the widget now shows.",
  },
  {
    name: "sectionchange",
    detail: "{ id: string | null }",
    description: "The section being read changed; `id` is the heading's id, or null above the first section.",
  },
  {
    name: "error",
    detail: "{ message: string }",
    description:
      "An attribute had a value that is not allowed (the message names the attribute and the allowed values; the article is shown with the default), the article could not be loaded, or the module could not start.",
  },
];

/** CSS custom properties a partner sets on the element to theme the widget. */
export const CSS_PROPERTIES = [
  { name: "--rw-font", description: "Body font family.", default: "inherited from the page" },
  { name: "--rw-heading-font", description: "Title and heading font family.", default: "var(--rw-font)" },
  { name: "--rw-bg", description: "Background colour." },
  { name: "--rw-fg", description: "Text colour." },
  { name: "--rw-muted", description: "Byline, date, footnotes and inactive navigation." },
  { name: "--rw-accent", description: "Links, focus rings and the selected text size." },
  { name: "--rw-accent-fg", description: "Text on the accent colour." },
  { name: "--rw-border", description: "Rules and control borders." },
  { name: "--rw-bar-bg", description: "The sticky toolbar and the narrow navigation panel." },
  { name: "--rw-max-width", description: "The article's measure.", default: "40em" },
  { name: "--rw-highlight", description: "Background of the sentence being read aloud." },
  { name: "--rw-highlight-fg", description: "Text of the sentence being read aloud.", default: "var(--rw-fg)" },
];

/**
 * Custom properties the stylesheet reads that are the widget's own business, not a partner's:
 * `--rw-scroll-offset` is set from the `scroll-offset` attribute.
 */
export const INTERNAL_CSS_PROPERTIES = ["--rw-scroll-offset"];

/** Shadow parts (`::part()`). None: the widget is themed through its custom properties. */
export const CSS_PARTS = [];

/**
 * The element's children: an optional inline article. The shadow root's one slot, `rw-article`,
 * takes the light-DOM article that `content="light"` puts there (the widget's own, not the
 * partner's to fill), so it is not listed.
 */
export const SLOTS = [];

/** The `on…` name an event has as a React 19 JSX prop (React adds a listener for `on` + name). */
export const reactEventProp = (event) => `on${event}`;

/** A kebab-case attribute as a camelCase name (`font-step` → `fontStep`). */
export const camel = (name) => name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
