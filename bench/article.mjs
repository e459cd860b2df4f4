// The benchmark's articles. Pure functions, used by the page (bench.js) and by node (run.mjs).
//
// bigArticle(sample, targetBytes): one front matter block, then the sample's body repeated until
// the text reaches targetBytes (UTF-8). In part N every heading gets " (part N)" (so the outline
// has distinct entries and slugs), explicit `{#id}`s and fragment links become `id-pN` (the
// sample's only fragment link points at its one explicit id), and footnote labels become
// `label-pN`, so every part keeps working links and footnotes and all ids stay unique.

const FRONT_MATTER = /^\+\+\+\r?\n[\s\S]*?\r?\n\+\+\+\r?\n/;

export function splitFrontMatter(markdown) {
  const m = FRONT_MATTER.exec(markdown);
  return m ? { frontMatter: m[0], body: markdown.slice(m[0].length) } : { frontMatter: "", body: markdown };
}

export function part(body, n) {
  const suffix = `-p${n}`;
  return body
    .split("\n")
    .map((line) => {
      const heading = /^(#{1,6})\s+(.*?)(\s+\{#([^}\s]+)\})?\s*$/.exec(line);
      if (heading) {
        const [, hashes, text, , id] = heading;
        return `${hashes} ${text} (part ${n})${id ? ` {#${id}${suffix}}` : ""}`;
      }
      return line;
    })
    .join("\n")
    .replace(/\[\^([^\]\s]+)\]/g, (_, label) => `[^${label}${suffix}]`)
    .replace(/\]\(#([^)\s]+)\)/g, (_, id) => `](#${id}${suffix})`)
    .replace(/\n*$/, "\n\n");
}

const utf8Length = (s) => new TextEncoder().encode(s).length;

export function bigArticle(sample, targetBytes = 1 << 20) {
  const { frontMatter, body } = splitFrontMatter(sample);
  const chunks = [frontMatter];
  let bytes = utf8Length(frontMatter);
  for (let n = 1; bytes < targetBytes; n++) {
    const p = part(body, n);
    chunks.push(p);
    bytes += utf8Length(p);
  }
  return chunks.join("");
}

// shortSectionsArticle(sample, targetBytes): the other shape of a long article: many short
// sections (an h2, sometimes an h3, and three or four paragraphs of one short sentence each),
// about ten times as many blocks per byte as the sample repeated. Sentences are taken from the
// sample's paragraphs in turn, so the text is real prose in its scripts.
export function shortSectionsArticle(sample, targetBytes = 950 * 1024) {
  const { frontMatter, body } = splitFrontMatter(sample);
  const sentences = body
    .split(/\n\s*\n/)
    .filter((p) => /^[^#|>\-*\d\s[`+]/.test(p.trim()))
    .flatMap((p) => p.replace(/\s+/g, " ").match(/[^.!?。]+[.!?。]+/g) ?? [])
    .map((s) => s.trim().replace(/\[\^[^\]]+\]/g, ""))
    .filter((s) => s.length > 20)
    // Short paragraphs: a sentence, cut at a word near 120 characters.
    .map((s) => (s.length > 120 ? `${s.slice(0, s.indexOf(" ", 100) > 0 ? s.indexOf(" ", 100) : 120)}.` : s));
  const chunks = [frontMatter];
  let bytes = utf8Length(frontMatter);
  for (let n = 1, next = 0; bytes < targetBytes; n++) {
    const take = (count) => Array.from({ length: count }, () => sentences[next++ % sentences.length]).join(" ");
    let section = `## Note ${n}\n\n${take(1)}\n\n${take(1)}\n\n`;
    if (n % 3 === 0) section += `### Aside ${n}\n\n${take(1)}\n\n`;
    section += `${take(1)}\n\n`;
    chunks.push(section);
    bytes += utf8Length(section);
  }
  return chunks.join("");
}
