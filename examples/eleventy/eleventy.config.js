// An Eleventy 3 site whose Markdown articles are pre-rendered by reading-widget/render: each
// content/*.md becomes a page of the site's own layout with the widget in it, readable before any
// script runs and taken over by the widget's module in the browser.
//
//   npm install && npx eleventy     (the widget comes from the repository's pkg/ here, through
//                                    the "file:../../pkg" dependency; a site would install it)
import { readFile } from "node:fs/promises";
import { renderFragment } from "reading-widget/render";
import { parse as parseToml } from "smol-toml";

// Where the widget's browser files are served: the passthrough copy below puts them there.
const ASSETS = "/reading-widget";

export default function (eleventyConfig) {
  // The widget's browser files, copied from the installed package to /reading-widget/ on the
  // site. The pre-renderer itself (render*.js, its wasm) runs at build time only.
  eleventyConfig.addPassthroughCopy(
    { "node_modules/reading-widget": ASSETS.slice(1) },
    { expand: true, filter: ["**", "!render*", "!reading_widget_render*", "!package.json", "!*.md", "!*.d.ts", "!LICENSE", "!.gitignore"] },
  );

  // Articles keep the widget's TOML front matter (`+++` … `+++`), so they render the same
  // anywhere. Eleventy reads it too, for the layout (title, lang).
  eleventyConfig.setFrontMatterParsingOptions({
    delimiters: "+++",
    language: "toml",
    engines: { toml: parseToml },
  });

  // Markdown is rendered by the widget instead of markdown-it. Eleventy hands the template its
  // text without the front matter, so the widget reads the whole file: the byline, date and
  // language come from there.
  eleventyConfig.addExtension("md", {
    compile: (_content, inputPath) => async () =>
      renderFragment(await readFile(inputPath, "utf8"), { assets: ASSETS }),
  });
  eleventyConfig.addGlobalData("layout", "article.njk");

  return { dir: { input: "content", output: "_site" } };
}
