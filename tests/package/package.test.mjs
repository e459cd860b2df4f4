// The npm package as a partner gets it (issue 17): pkg/ packed with `npm pack`, then
// - publint and @arethetypeswrong/cli on the tarball, which must report nothing;
// - the tarball installed into small apps with their own lockfiles (vite6/, vite/, webpack/,
//   their bundlers installed by scripts/setup.sh --test), each built with the bundler's
//   defaults and opened in Chromium: the widget renders, with no console error;
// - every entry imported in Node, which must not throw;
// - a partner's TypeScript (types/): good usages compile, bad ones fail with the expected
//   errors, under tsc (the API, the element, React 19's JSX) and vue-tsc (Vue templates).
// Run after `make build`: node --test tests/package/  (make test-package).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, copyFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { marked } from "marked";
import { launchChromium, watchProblems } from "../e2e/chromium.mjs";
import { REPO_ROOT, startServer } from "../e2e/server.mjs";

const HERE = path.join(REPO_ROOT, "tests/package");
const PKG = path.join(REPO_ROOT, "pkg");
const PACKED = path.join(REPO_ROOT, "target/package");
const BIN = path.join(REPO_ROOT, "node_modules/.bin");

/** Runs a command; resolves to its output whatever its exit status. */
async function run(command, args, cwd) {
  try {
    const { stdout, stderr } = await promisify(execFile)(command, args, { cwd, maxBuffer: 64 << 20, env: { ...process.env, NO_COLOR: "1" } });
    return { status: 0, output: `${stdout}${stderr}` };
  } catch (error) {
    return { status: error.code ?? 1, output: `${error.stdout ?? ""}${error.stderr ?? ""}${error.stdout || error.stderr ? "" : error.message}` };
  }
}

/** Runs a command that must succeed; returns its output. */
async function succeed(command, args, cwd) {
  const { status, output } = await run(command, args, cwd);
  assert.equal(status, 0, `${path.basename(command)} ${args.join(" ")} (in ${path.relative(REPO_ROOT, cwd) || "."}) failed:\n${output}`);
  return output;
}

let tarball;
let browser;

before(async () => {
  assert.ok(existsSync(path.join(PKG, "element.js")), "pkg/ is not built; run `make build` first");
  rmSync(PACKED, { recursive: true, force: true });
  mkdirSync(PACKED, { recursive: true });
  const [{ filename }] = JSON.parse(await succeed("npm", ["pack", PKG, "--pack-destination", PACKED, "--json", "--silent"], REPO_ROOT));
  tarball = path.join(PACKED, filename);
});

after(() => browser?.close());

/**
 * Installs an app's bundler from its lockfile when the lockfile changed (scripts/setup.sh --test
 * does the same; this covers a run without it), then the packed tarball, as `npm install` would
 * a published version, without writing it into the app's package.json or lockfile.
 */
async function install(app) {
  const dir = path.join(HERE, app);
  const lock = path.join(dir, "package-lock.json");
  const installed = path.join(dir, "node_modules/.installed-lock.json");
  if (!existsSync(installed) || !readFileSync(lock).equals(readFileSync(installed))) {
    await succeed("npm", ["ci", "--no-audit", "--no-fund"], dir);
    copyFileSync(lock, installed);
  }
  await succeed("npm", ["install", "--no-save", "--no-audit", "--no-fund", "--prefer-offline", tarball], dir);
  return dir;
}

// ---- The tarball --------------------------------------------------------------------------------

test("pack: publint and arethetypeswrong report nothing on the tarball", async () => {
  const publint = await succeed(path.join(BIN, "publint"), ["--strict", tarball], REPO_ROOT);
  assert.match(publint, /All good!/, publint);

  // The package is ESM only (its modules use import.meta.url), so CommonJS resolution is out of
  // scope (the esm-only profile); the stylesheets and wasm are assets, not modules with types.
  const { exports } = JSON.parse(readFileSync(path.join(PKG, "package.json"), "utf8"));
  const assets = Object.keys(exports).filter((subpath) => /\.(css|wasm)$/.test(subpath));
  const { status, output } = await run(path.join(BIN, "attw"), ["--profile", "esm-only", "--format", "ascii", "--exclude-entrypoints", ...assets, "--", tarball], REPO_ROOT);
  const problems = output.split("\n").filter((line) => /💀|❌|⚠️|🐛|🎭|🥴|❗/u.test(line) && !line.includes("(ignored"));
  assert.deepEqual(problems, [], output);
  assert.equal(status, 0, output);
});

test("pack: the tarball holds what package.json names, its own README, and nothing internal", async () => {
  const listing = JSON.parse(await succeed("npm", ["pack", PKG, "--dry-run", "--json", "--silent"], REPO_ROOT))[0].files.map((f) => f.path);
  const manifest = JSON.parse(readFileSync(path.join(PKG, "package.json"), "utf8"));
  for (const target of Object.values(manifest.exports).flatMap((t) => (typeof t === "string" ? [t] : Object.values(t)))) {
    assert.ok(listing.includes(target.slice(2)), `${target} is exported but not packed`);
  }
  assert.ok(!listing.some((f) => f.endsWith("_bg.wasm.d.ts")), "the raw wasm exports' declarations stay out");
  assert.deepEqual(manifest.sideEffects.filter((s) => s.startsWith("./element")), ["./element.js", "./element-hydrate.js"]);
  assert.equal(manifest.customElements, "custom-elements.json");
  for (const keyword of ["web-component", "custom-element"]) assert.ok(manifest.keywords.includes(keyword), keyword);
  assert.ok(manifest.homepage && manifest.bugs?.url && manifest.engines?.node);

  // The package's own README: the install line, and links only to absolute URLs or packed files.
  const readme = readFileSync(path.join(PKG, "README.md"), "utf8");
  assert.match(readme, /^npm install reading-widget$/m);
  const links = [];
  marked.walkTokens(marked.lexer(readme), (token) => {
    if (token.type === "link" || token.type === "image") links.push(token.href);
  });
  const local = links.filter((href) => !/^https:\/\//.test(href) && !href.startsWith("#"));
  assert.deepEqual(local.filter((href) => !listing.includes(href.replace(/^\.\//, ""))), [], "README links to files outside the package");
});

// ---- Bundlers -----------------------------------------------------------------------------------

/** Opens `page` of the served `dist` in Chromium; returns what it reports that it should not. */
async function openApp(dist, page, check) {
  browser ??= await launchChromium();
  const server = await startServer({ root: dist });
  const context = await browser.newContext();
  try {
    const tab = await context.newPage();
    const problems = watchProblems(tab);
    await tab.goto(`${server.url}/${page}`);
    const result = await check(tab);
    return { problems, result };
  } finally {
    await context.close();
    await server.close();
  }
}

const BUNDLERS = {
  vite6: { build: ["node_modules/.bin/vite", ["build"]], pages: ["index.html"] },
  vite: { build: ["node_modules/.bin/vite", ["build"]], pages: ["index.html", "api.html"] },
  webpack: { build: [process.execPath, ["build.js"]], pages: ["index.html"] },
};

for (const [app, { build, pages }] of Object.entries(BUNDLERS)) {
  test(`bundler: ${app} builds the app against the tarball, and Chromium renders the widget with no console error`, async () => {
    const dir = await install(app);
    rmSync(path.join(dir, "src"), { recursive: true, force: true });
    cpSync(path.join(HERE, "shared"), path.join(dir, "src"), { recursive: true });
    await succeed(path.resolve(dir, build[0]), build[1], dir);
    const dist = path.join(dir, "dist");
    assert.ok(readdirSync(dist, { recursive: true }).some((f) => f.endsWith(".wasm")), "the .wasm is among the app's assets");

    const { problems, result } = await openApp(dist, "index.html", async (tab) => {
      await tab.waitForFunction(() => document.getElementById("reader")?.shadowRoot?.querySelector(".rw h1"), null, { timeout: 20_000 });
      return tab.evaluate(() => {
        const root = document.getElementById("reader").shadowRoot;
        return { title: root.querySelector(".rw h1").textContent, sections: root.querySelectorAll("h2").length };
      });
    });
    assert.deepEqual(result, { title: "Installed from the tarball", sections: 2 });
    assert.deepEqual(problems, [], "no console error, failed request or uncaught exception");

    if (pages.includes("api.html")) {
      const api = await openApp(dist, "api.html", async (tab) => {
        await tab.waitForFunction(() => document.documentElement.dataset.result, null, { timeout: 20_000 });
        return tab.evaluate(() => ({
          title: document.getElementById("reader").shadowRoot.querySelector(".rw h1")?.textContent,
          ...JSON.parse(document.documentElement.dataset.result),
        }));
      });
      assert.equal(api.result.title, "Mounted from the tarball");
      for (const way of ["freed", "disposed"]) {
        const outcome = api.result[way];
        assert.ok(outcome.before > 0 && outcome.after === 0, `${way}: the widget left the screen (${outcome.before} → ${outcome.after} nodes)`);
        assert.match(outcome.fontStep, /^Error: fontStep: this widget was destroyed/, way);
        assert.match(outcome.setFontStep, /^Error: setFontStep: this widget was destroyed/, way);
        assert.equal(outcome.again, null, `${way}: ending it again is harmless`);
      }
      assert.deepEqual(api.problems, [], "no console error on the API page");
    }
  });
}

// ---- Node ---------------------------------------------------------------------------------------

test("node: importing every entry of the installed package does not throw, and defines nothing", async () => {
  const dir = await install("types");
  const manifest = JSON.parse(readFileSync(path.join(dir, "node_modules/reading-widget/package.json"), "utf8"));
  const modules = Object.entries(manifest.exports)
    .filter(([, target]) => typeof target === "object")
    .map(([subpath]) => `reading-widget${subpath.slice(1)}`);
  const script = `for (const entry of ${JSON.stringify(modules)}) {
    try { await import(entry); } catch (error) { console.log(entry + ": " + error); process.exitCode = 1; }
  }
  if (globalThis.customElements !== undefined) console.log("customElements appeared");`;
  const { status, output } = await run(process.execPath, ["--input-type=module", "-e", script], dir);
  assert.equal(status, 0, `an entry threw in Node:\n${output}`);
  assert.equal(output.trim(), "");
});

// ---- Types --------------------------------------------------------------------------------------

/**
 * The errors a checker must report: each line of the bad files marked `expect TSnnnn`
 * (`// expect TS2322`, or `<!-- expect TS2322 -->` in a Vue template), as "file:line TSnnnn".
 */
function expectedErrors(dir, files) {
  return files.flatMap((file) =>
    readFileSync(path.join(dir, file), "utf8")
      .split("\n")
      .flatMap((line, i) => [...line.matchAll(/expect (TS\d+)/g)].map((m) => `${file}:${i + 1} ${m[1]}`)),
  );
}

/** A checker's errors ("file(line,col): error TSnnnn: …") as "file:line TSnnnn". */
function reportedErrors(output) {
  return [...output.matchAll(/^(\S+)\((\d+),\d+\): error (TS\d+):/gm)].map((m) => `${m[1]}:${m[2]} ${m[3]}`);
}

test("types: good usages compile and bad ones fail with the expected errors (tsc: API, element, React JSX; vue-tsc: templates)", async () => {
  const dir = await install("types");
  const [tsc, vue] = await Promise.all([
    run(path.join(dir, "node_modules/.bin/tsc"), ["-p", "tsconfig.json", "--pretty", "false"], dir),
    run(path.join(dir, "node_modules/.bin/vue-tsc"), ["-p", "tsconfig.vue.json", "--pretty", "false"], dir),
  ]);
  const expected = expectedErrors(dir, ["src/bad.ts", "src/react/bad.tsx", "src/vue/Bad.vue"]);
  assert.ok(expected.length >= 15, `the bad files mark ${expected.length} errors`);
  assert.deepEqual(
    [...reportedErrors(tsc.output), ...reportedErrors(vue.output)].sort(),
    expected.sort(),
    `tsc:\n${tsc.output}\nvue-tsc:\n${vue.output}`,
  );
});
