// The articles reading-widget/render (pkg/render.js) is compared with the CLI on, shared by
// render.test.mjs and bench/render.mjs: the demo's articles (articles/*.md), the end-to-end
// fixtures (tests/e2e/fixtures/*.md) and every case of the core's XSS corpus
// (core/tests/xss/payloads.toml), some of which are malformed front matter. Not a test file.

import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { REPO_ROOT, xssCorpus } from "./support.mjs";

/** The release CLI, built by `make build`. */
export const CLI = path.join(REPO_ROOT, "target/release/reading-widget");

/** The same option sets, as the CLI's arguments and as renderFragment()'s options. */
export const OPTION_SETS = [
  { name: "defaults", args: [], options: undefined },
  { name: "ko-sepia-5", args: ["--lang", "ko", "--theme", "sepia", "--font-step", "5"], options: { lang: "ko", theme: "sepia", fontStep: 5 } },
  {
    name: "dark-1-cdn-hydrate",
    args: ["--theme", "dark", "--font-step", "1", "--assets", "https://cdn.example.org/rw/", "--hydrate-only"],
    options: { theme: "dark", fontStep: 1, assets: "https://cdn.example.org/rw/", hydrateOnly: true },
  },
  { name: "ja-relative", args: ["--lang", "ja-JP", "--assets", "../pkg", "--theme", "light"], options: { lang: "ja-JP", assets: "../pkg", theme: "light", hydrateOnly: false } },
  { name: "root-assets", args: ["--assets", "/", "--font-step", "3", "--theme", "auto"], options: { assets: "/", fontStep: 3, theme: "auto", lang: null } },
  { name: "light", args: ["--content", "light", "--theme", "sepia"], options: { content: "light", theme: "sepia" } },
];

/** Every test article as { file, markdown }, `file` a unique name ending in .md. */
export async function testArticles() {
  const articles = [];
  for (const dir of ["articles", "tests/e2e/fixtures"]) {
    const prefix = dir.split("/").at(-1);
    for (const name of (await readdir(path.join(REPO_ROOT, dir))).filter((n) => n.endsWith(".md")).sort()) {
      articles.push({ file: `${prefix}-${name}`, markdown: await readFile(path.join(REPO_ROOT, dir, name), "utf8") });
    }
  }
  for (const c of await xssCorpus()) articles.push({ file: `xss-${c.file}.md`, markdown: c.markdown });
  return articles;
}

/** Writes `articles` to a fresh `dir` (one file each, for `reading-widget render DIR --out`). */
export async function writeArticles(dir, articles) {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  for (const { file, markdown } of articles) await writeFile(path.join(dir, file), markdown);
}
