// The page-load benchmark's second peer (bench/page-load.mjs, variant "zero-md 3"): zero-md 3 as
// its documentation shows it, with one change a partner who self-hosts makes: `load()` is
// overridden to pass zero-md its loaders for the libraries it would otherwise import from
// jsDelivr (marked and its extensions, highlight.js, KaTeX), pointing at copies served by this
// page's own server under /zm/ (from bench/node_modules, pinned in bench/package.json), and
// its default style template is the preset's stylesheets from the same place. The page has
// an import map for github-slugger, the one bare import among them.
//
// Mermaid is left out: zero-md imports it only for a ```mermaid block, and the article has none
// (asking for it would be an error in the page, so the benchmark would notice).

import ZeroMd, { STYLES } from "/zm/zero-md/dist/index.min.js";

const ZM = "/zm";
const link = (href, attrs = "") => `<link rel="stylesheet" href="${ZM}/${href}"${attrs ? ` ${attrs}` : ""}>`;

customElements.define(
  "zero-md",
  class extends ZeroMd {
    async load() {
      await super.load({
        marked: async () => new (await import(`${ZM}/marked/lib/marked.esm.js`)).Marked({ async: true }),
        markedBaseUrl: async () => (await import(`${ZM}/marked-base-url/src/index.js`)).baseUrl,
        markedHighlight: async () => (await import(`${ZM}/marked-highlight/src/index.js`)).markedHighlight,
        markedGfmHeadingId: async () => (await import(`${ZM}/marked-gfm-heading-id/src/index.js`)).gfmHeadingId,
        markedAlert: async () => (await import(`${ZM}/marked-alert/dist/index.js`)).default,
        hljs: async () => (await import(`${ZM}/@highlightjs/cdn-assets/es/highlight.min.js`)).default,
        katex: async () => (await import(`${ZM}/katex/dist/katex.mjs`)).default,
        mermaid: async () => {
          throw new Error("zero-md asked for mermaid, which the benchmark does not serve");
        },
      });
      // The default preset (STYLES.preset()) with the same stylesheets from here.
      this.template =
        STYLES.HOST +
        link("github-markdown-css/github-markdown.css") +
        link("@highlightjs/cdn-assets/styles/github.min.css") +
        link("@highlightjs/cdn-assets/styles/github-dark.min.css", 'media="(prefers-color-scheme:dark)"') +
        link("katex/dist/katex.min.css");
    }
  },
);
