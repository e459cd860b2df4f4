// The page-load benchmark's peer (bench/page-load.mjs, variant "marked + DOMPurify"): what a
// partner page without the widget would do to show a Markdown article: fetch it, parse it with
// marked, sanitize it with DOMPurify (loaded before this module as purify.min.js, which sets
// window.DOMPurify), add a masthead from the front matter and a table of contents of the h2/h3s,
// into a plain element styled by the page's own stylesheet (.reading).

import { marked } from "/node_modules/marked/lib/marked.esm.js";

const FRONT_MATTER = /^\+\+\+\r?\n([\s\S]*?)\r?\n\+\+\+\r?\n/;
const FIELD = /^(\w+)\s*=\s*"((?:[^"\\]|\\.)*)"\s*$/;
const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
const slug = (text) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-+|-+$/g, "") || "section";

const target = document.getElementById("article");
const markdown = await (await fetch(target.dataset.src)).text();
const m = FRONT_MATTER.exec(markdown);
const meta = {};
for (const line of (m ? m[1] : "").split("\n")) {
  const f = FIELD.exec(line.trim());
  if (f) meta[f[1]] = f[2];
}
const body = m ? markdown.slice(m[0].length) : markdown;
target.innerHTML =
  `<header class="masthead">${meta.subtitle ? `<p class="series">${escapeHtml(meta.subtitle)}</p>` : ""}` +
  `<h1 class="title">${escapeHtml(meta.title ?? "")}</h1>` +
  `<p class="byline"><span>${escapeHtml(meta.author ?? "")}</span><span>${escapeHtml(meta.affiliation ?? "")}</span></p>` +
  `<p class="dateline"><time>${escapeHtml(meta.date ?? "")}</time></p></header>` +
  `<nav class="toc" aria-label="Sections"></nav>` +
  `<div class="body">${window.DOMPurify.sanitize(marked.parse(body))}</div>`;

// Ids on the h2/h3s and a nested list of links to them.
const used = new Set();
const list = document.createElement("ol");
let lastItem = null;
let sublist = null;
for (const heading of target.querySelectorAll(".body h2, .body h3")) {
  let id = slug(heading.textContent);
  for (let n = 1; used.has(id); n++) id = `${slug(heading.textContent)}-${n}`;
  used.add(id);
  heading.id = id;
  const item = document.createElement("li");
  const link = document.createElement("a");
  link.href = `#${id}`;
  link.textContent = heading.textContent;
  item.append(link);
  if (heading.localName === "h3" && lastItem) {
    if (!sublist) lastItem.append((sublist = document.createElement("ol")));
    sublist.append(item);
  } else {
    list.append(item);
    lastItem = item;
    sublist = null;
  }
}
target.querySelector("nav.toc").append(list);
window.__peerDone = performance.now();
