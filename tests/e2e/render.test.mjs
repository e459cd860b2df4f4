// reading-widget/render (pkg/render.js, issue 16): pre-rendering from JavaScript, built from the
// core by render/ (scripts/build-render.mjs). Run from the repository root with
// `node --test tests/e2e/render.test.mjs` after `make build` (pkg/ and the release CLI).
//
// - The output is byte for byte the CLI's, fragment and page, over every test article
//   (render-corpus.mjs) and several option sets.
// - Errors: malformed front matter throws the CLI's message (without its "reading-widget: FILE: ");
//   a bad option throws the CLI's message under the option's JS name; unknown keys and wrong types
//   name the option and what is allowed.
// - It runs with no DOM globals (nor fetch), and through the package's own exports map
//   (`reading-widget/render`, `reading-widget/render-module` with a WebAssembly.Module).
// The throughput beside the CLI's is a benchmark: bench/render.mjs.

import { before, test } from "node:test";
import assert from "node:assert/strict";
import { execFile, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { pathToFileURL } from "node:url";
import { CLI, OPTION_SETS, testArticles, writeArticles } from "./render-corpus.mjs";
import { REPO_ROOT } from "./support.mjs";

const run = promisify(execFile);
const RENDER = path.join(REPO_ROOT, "pkg/render.js");
const WORK = path.join(REPO_ROOT, "target/e2e-render");

/** @type {typeof import("../../pkg/render.js")} */
let render;
let articles;

before(async () => {
  for (const file of [RENDER, CLI]) {
    if (!existsSync(file)) throw new Error(`${path.relative(REPO_ROOT, file)} is missing: run \`make build\` first`);
  }
  render = await import(pathToFileURL(RENDER).href);
  articles = await testArticles();
  await writeArticles(path.join(WORK, "articles"), articles);
});

/** Runs the CLI; { code, stdout, stderr } whatever the exit status. */
function cli(args, input) {
  const result = spawnSync(CLI, args, { input, encoding: "utf8", cwd: REPO_ROOT, maxBuffer: 64 << 20 });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The error `fn` throws; fails if it throws none or something that is not an Error. */
function thrown(fn) {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof Error, `an Error, not ${error}`);
    return error;
  }
  assert.fail("expected an error");
}

for (const page of [false, true]) {
  test(`${page ? "renderPage" : "renderFragment"} is byte for byte the CLI's${page ? " --page" : ""} on every test article and option set`, async () => {
    let compared = 0;
    let refused = 0;
    for (const set of OPTION_SETS) {
      const out = path.join(WORK, `cli-${set.name}-${page ? "page" : "fragment"}`);
      await rm(out, { recursive: true, force: true });
      // --out renders the folder in one process, each article's page (<stem>.html) and fragment
      // (<stem>.fragment.html); it exits 1 when an article is refused.
      const { stderr } = await run(CLI, ["render", path.join(WORK, "articles"), "--out", out, ...set.args]).catch((e) => e);
      const written = (file) => path.join(out, file.replace(/\.md$/, page ? ".html" : ".fragment.html"));
      for (const { file, markdown } of articles) {
        const name = `${file} with ${set.name}`;
        let html;
        try {
          html = page ? render.renderPage(markdown, set.options) : render.renderFragment(markdown, set.options);
        } catch (error) {
          // Refused by the core: the CLI says the same after "reading-widget: FILE: ".
          const line = `reading-widget: ${path.join(WORK, "articles", file)}: ${error.message}\n`;
          assert.ok(stderr.includes(line), `${name}: the CLI's error for it is ${JSON.stringify(line)}`);
          assert.ok(!existsSync(written(file)), `${name}: the CLI wrote nothing`);
          refused++;
          continue;
        }
        const expected = await readFile(written(file), "utf8");
        assert.ok(html === expected, `${name}: differs from the CLI's output`);
        compared++;
      }
    }
    // The corpus holds a few malformed articles; everything else is compared.
    assert.ok(refused > 0 && refused < compared / 20, `refused ${refused}, compared ${compared}`);
    assert.equal(compared + refused, articles.length * OPTION_SETS.length);
  });
}

test("standard output and --out are the same bytes, so the comparison above holds for both", () => {
  const { file, markdown } = articles[0];
  const { code, stdout } = cli(["render", "-", "--page", "--theme", "sepia"], markdown);
  assert.equal(code, 0, file);
  assert.ok(stdout === render.renderPage(markdown, { theme: "sepia" }));
});

test("malformed front matter throws an Error with the CLI's message", () => {
  for (const markdown of ["+++\ntitle = \"Never closed\"\n\nText.\n", "+++\ntitle = \n+++\nText.\n", "+++\ntitle = 5\n+++\n", "+++\nlang = \"en\"\nlang = \"ko\"\n+++\n"]) {
    const { code, stderr } = cli(["render", "-"], markdown);
    assert.equal(code, 1, markdown);
    for (const fn of [render.renderFragment, render.renderPage]) {
      const error = thrown(() => fn(markdown));
      assert.equal(`reading-widget: standard input: ${error.message}\n`, stderr, markdown);
      assert.match(error.message, /line \d/, "names the line");
    }
  }
});

test("a bad option value throws the CLI's message, under the name the caller wrote", () => {
  const cases = [
    { flag: "--theme", value: "blue", key: "theme", js: "blue" },
    { flag: "--lang", value: "fr", key: "lang", js: "fr" },
    { flag: "--font-step", value: "7", key: "fontStep", js: 7 },
    { flag: "--font-step", value: "2.5", key: "fontStep", js: 2.5 },
    { flag: "--font-step", value: "0", key: "fontStep", js: 0 },
    { flag: "--assets", value: "javascript:alert(1)", key: "assets", js: "javascript:alert(1)" },
    { flag: "--assets", value: "/pkg?v=1", key: "assets", js: "/pkg?v=1" },
  ];
  for (const { flag, value, key, js } of cases) {
    const { code, stderr } = cli(["render", "articles/sample.md", flag, value]);
    assert.equal(code, 2, `${flag} ${value}`);
    const said = stderr.split("\n")[0];
    const prefix = `reading-widget: ${flag}: `;
    assert.ok(said.startsWith(prefix), said);
    const error = thrown(() => render.renderFragment("Text.", { [key]: js }));
    assert.equal(error.message, `options.${key}: ${said.slice(prefix.length)}`);
    assert.equal(thrown(() => render.renderPage("Text.", { [key]: js })).message, error.message);
  }
});

test("unknown keys, wrong types and bad arguments name the option and what is allowed", () => {
  const message = (markdown, options) => thrown(() => render.renderFragment(markdown, options)).message;
  const keys = "lang, theme, fontStep, assets, hydrateOnly, content";
  assert.equal(message("x", { font_step: 4 }), `options: unknown key "font_step"; the allowed keys are ${keys}`);
  assert.equal(message("x", { storageKey: false }), `options: unknown key "storageKey"; the allowed keys are ${keys}`);
  assert.equal(message("x", { fontStep: "4" }), 'options.fontStep: must be an integer from 1 to 5, not "4"');
  assert.equal(message("x", { theme: 3 }), 'options.theme: must be one of "auto", "light", "dark", "sepia", not 3');
  assert.equal(message("x", { theme: ["dark"] }), 'options.theme: must be one of "auto", "light", "dark", "sepia", not an array');
  assert.equal(message("x", { hydrateOnly: "yes" }), 'options.hydrateOnly: must be true or false, not "yes"');
  assert.equal(message("x", { content: "dark" }), 'options.content: must be one of "shadow", "light", not "dark"');
  assert.equal(message("x", { assets: { href: "/pkg" } }), "options.assets: must be an http or https URL or a path, not an object");
  assert.equal(message("x", { lang: () => "ko" }), 'options.lang: must be one of "en", "ko", "ja" (with or without a region, such as "ko-KR"), not a function');
  assert.equal(message("x", "dark"), 'options must be an object such as { theme: "sepia", fontStep: 4 }, not "dark"');
  assert.equal(message("x", [1]), 'options must be an object such as { theme: "sepia", fontStep: 4 }, not an array');
  assert.equal(message(42), "markdown must be a string, not 42");
  assert.equal(message(undefined), "markdown must be a string, not undefined");
  // A getter that throws is reported, not let loose inside the module; the module still works.
  const hostile = { get theme() { throw new Error("no"); } };
  assert.equal(message("x", hostile), "options could not be read: no");
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  assert.match(message("x", revoked.proxy), /^options could not be read: /);
  // null and undefined values mean "the default", as for mount().
  assert.equal(render.renderFragment("x", { theme: undefined, lang: null }), render.renderFragment("x"));
  assert.equal(render.renderFragment("x", null), render.renderFragment("x", {}));
});

test("the types declare exactly the options the module accepts, under mount()'s names", async () => {
  const types = await readFile(path.join(REPO_ROOT, "pkg/render.d.ts"), "utf8");
  const declared = [...types.matchAll(/^ {4}(\w+)\?:/gm)].map((m) => m[1]);
  const accepted = thrown(() => render.renderFragment("x", { bogus: 1 })).message.split("the allowed keys are ")[1].split(", ");
  assert.deepEqual(declared, accepted);
  // The names mount() has for the same settings (its generated MountOptions).
  const mount = await readFile(path.join(REPO_ROOT, "pkg/reading_widget.d.ts"), "utf8");
  for (const key of ["lang", "theme", "fontStep"]) assert.match(mount, new RegExp(`\\b${key}\\?:`), `mount() has ${key}`);
  for (const theme of ["auto", "light", "dark", "sepia"]) assert.ok(types.includes(`"${theme}"`), theme);
});

test("it runs in Node with no DOM globals, no fetch and no init call", async () => {
  const script = `
    for (const name of ["document", "window", "HTMLElement", "customElements", "DOMParser"]) {
      if (name in globalThis) throw new Error(name + " is defined");
    }
    delete globalThis.fetch;
    delete WebAssembly.instantiateStreaming;
    delete WebAssembly.compileStreaming;
    const { renderFragment, renderPage } = await import(${JSON.stringify(pathToFileURL(RENDER).href)});
    process.stdout.write(renderFragment("# Hello\\n\\nText.") + renderPage("Text."));
  `;
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script]);
  assert.equal(stdout, render.renderFragment("# Hello\n\nText.") + render.renderPage("Text."));
});

test("the package's exports: reading-widget/render, and reading-widget/render-module with a WebAssembly.Module", async () => {
  const app = path.join(WORK, "app");
  await rm(app, { recursive: true, force: true });
  await mkdir(path.join(app, "node_modules"), { recursive: true });
  await symlink(path.join(REPO_ROOT, "pkg"), path.join(app, "node_modules/reading-widget"), "dir");
  await writeFile(path.join(app, "package.json"), '{ "type": "module", "private": true }\n');
  await writeFile(
    path.join(app, "main.js"),
    `import { readFile } from "node:fs/promises";
import { renderFragment } from "reading-widget/render";
import { createRenderer } from "reading-widget/render-module";
// What an edge worker's bundler hands over for \`import wasm from "reading-widget/render.wasm"\`.
const wasm = new WebAssembly.Module(await readFile(new URL(import.meta.resolve("reading-widget/render.wasm"))));
const edge = createRenderer(wasm);
const markdown = "+++\\ntitle = \\"T\\"\\n+++\\nText.";
process.stdout.write(JSON.stringify([renderFragment(markdown, { theme: "dark" }), edge.renderFragment(markdown, { theme: "dark" }), edge.renderPage(markdown)]));
`,
  );
  const { stdout } = await run(process.execPath, ["main.js"], { cwd: app });
  const markdown = '+++\ntitle = "T"\n+++\nText.';
  const expected = render.renderFragment(markdown, { theme: "dark" });
  assert.deepEqual(JSON.parse(stdout), [expected, expected, render.renderPage(markdown)]);
});
