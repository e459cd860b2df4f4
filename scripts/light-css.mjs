// The article's stylesheet for `content="light"` (pkg/reading-widget-light.css), derived from
// src/style.css through lightningcss's syntax tree, never by editing its text.
//
// With content="light" the article is a light-DOM child of the host (`.rw-content`, slotted into
// the shadow root's layout), where the shadow root's stylesheet cannot reach. Inherited
// properties and custom properties still flow from the frame through the slot (the flat tree),
// so the theme's colours, the text size's --_scale, the line spacing's --_leading arrive as they
// are. What must be written again is every rule that selects elements of the article. So each
// rule of style.css is kept, inside `@scope (.rw-content)`, with its selectors rewritten:
// - `:host…` selectors go (the host is not the article);
// - a selector whose subject is the frame (`.rw[data-step="4"]`) goes: it sets the frame's own
//   properties, which the article inherits through the slot;
// - the frame as an ancestor (`.rw[data-width="narrow"] .article`) becomes `:scope`, the
//   `.rw-content` wrapper, which carries the frame's state attributes (template.rs);
// - selectors of the chrome only (the bar, the navigation, the offers …: classes that never occur
//   in the article) go, and so do rules left with no selector.
// The wrapper itself takes every property from the slot (`all: inherit`) and adds no box
// (`display: contents`), so the article is the layout's grid item as in the shadow root; every
// element inside starts from the browser's own styles (`* { all: revert }`, no specificity).
// Within @scope, `:scope` weighs what `.rw` did (one class), and the scoped rules win over a
// partner's equally specific ones by scope proximity.
import { readFileSync } from "node:fs";
import { transform } from "lightningcss";

/// The markup_names classes of the chrome: nothing of them is inside the article.
const CHROME_CLASSES = new Set([
  "top-sentinel", "bar", "nav-toggle", "sizes", "size-nudge", "size-step", "resume-rail", "resume",
  "resume-go", "resume-dismiss", "layout", "toc-disclosure", "toc-summary", "toc", "to-top-rail",
  "to-top", "status", "load-error", "offer-rail", "offer", "offer-go", "offer-dismiss",
  "settings-toggle", "settings", "setting", "settings-reset", "icon", "label", "listen-toggle",
  "listen", "listen-control", "listen-status",
]);
const FRAME = "rw";
const WRAPPER = "rw-content";

// The names are core/src/markup_names.rs's (recorded in core/tests/markup/names.json): one that
// is not declared there (renamed, removed) stops the build rather than leaving a rule behind.
const declared = JSON.parse(readFileSync(new URL("../core/tests/markup/names.json", import.meta.url), "utf8")).class;
for (const name of [FRAME, WRAPPER, ...CHROME_CLASSES]) {
  if (!declared.includes(name)) throw new Error(`light-css: class "${name}" is not declared in core/src/markup_names.rs`);
}

/// Splits a selector (lightningcss's component list) into compounds, dropping the combinators'
/// positions: `[{ components, combinator }]`, the combinator being the one before the compound.
function compounds(selector) {
  const out = [{ components: [], combinator: null }];
  for (const c of selector) {
    if (c.type === "combinator") out.push({ components: [], combinator: c });
    else out.at(-1).components.push(c);
  }
  return out;
}

/// Whether `components` (of any nesting: :is(), :not() …) name `test`.
function mentions(components, test) {
  return components.some((c) => test(c) || (Array.isArray(c.selectors) && c.selectors.some((s) => mentions(s, test))));
}

const isFrame = (c) => c.type === "class" && c.name === FRAME;
const isChrome = (c) => c.type === "class" && CHROME_CLASSES.has(c.name);
const isHost = (c) => c.type === "pseudo-class" && (c.kind === "host" || c.kind === "host-context");
const isPopover = (c) => c.type === "attribute" && c.name === "popover";

/// The selector rewritten for the article in the light DOM, or null when it selects nothing
/// there.
function rewrite(selector) {
  if (mentions(selector, isHost) || mentions(selector, isChrome) || mentions(selector, isPopover)) return null;
  const parts = compounds(selector);
  if (parts.at(-1).components.some(isFrame)) return null;
  const out = [];
  for (const { components, combinator } of parts) {
    if (combinator) out.push(combinator);
    for (const c of components) out.push(isFrame(c) ? { type: "pseudo-class", kind: "scope" } : c);
  }
  return out;
}

/// The light stylesheet for `css` (the text of src/style.css), minified for `targets`.
export function lightCss(css, targets) {
  const { code: rules } = transform({
    filename: "style.css",
    code: Buffer.from(css),
    targets,
    // Rules are only ever dropped whole, and selectors rewritten one by one: returning a changed
    // style rule would send its declarations back through lightningcss, which cannot read
    // `var(--a, var(--b))` back (1.x). A selector that selects nothing in the article and shares
    // its rule with others stays as it was: it matches nothing in the light DOM either.
    visitor: {
      Rule: {
        style(rule) {
          if (rule.value.selectors.every((s) => rewrite(s) === null)) return [];
        },
      },
      Selector(selector) {
        return rewrite(selector) ?? selector;
      },
    },
  });
  // First, at no specificity: every element of the article starts from the browser's own
  // styles, as in a shadow root, so a page's universal rules (`* { letter-spacing: 2px }`) reach
  // nothing (a scoped rule wins over an unscoped one of the same specificity); the rules after it
  // win by order.
  const scoped = `@scope (.${WRAPPER}) {\n:scope { all: inherit; display: contents; }\n* { all: revert; }\n${rules}\n}\n`;
  return transform({ filename: "reading-widget-light.css", code: Buffer.from(scoped), minify: true, targets }).code;
}
