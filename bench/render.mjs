// Pre-rendering throughput: reading-widget/render (pkg/render.js) in Node beside the CLI
// (target/release/reading-widget), on the same articles and the same work: read each Markdown
// file, render the fragment, write the HTML file. One thread each (the CLI with -j 1), plus the
// CLI on every core for reference. Rounds alternate; the figures are medians, of wall-clock time
// and of CPU time (user + system, which a machine busy with other work disturbs less; the CLI's
// is measured by bash's `time`, so it includes its start-up). A benchmark, never a test: nothing
// here can fail a build.
//
//   node bench/render.mjs [--rounds N] [--copies N]     (after `make build`)
//
// The articles are the test articles with a body (articles/*.md, tests/e2e/fixtures/*.md), each
// copied --copies times, so that process start-up is a small part of the CLI's time.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { CLI, testArticles, writeArticles } from "../tests/e2e/render-corpus.mjs";
import { REPO_ROOT } from "../tests/e2e/server.mjs";
import { median } from "./stats.mjs";

const argv = process.argv.slice(2);
const option = (name, fallback) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : fallback);
const ROUNDS = option("--rounds", 7);
const COPIES = option("--copies", 100);

const WORK = path.join(REPO_ROOT, "target/bench-render");
const IN = path.join(WORK, "articles");
const OUT = path.join(WORK, "out");
const { renderFragment } = await import(pathToFileURL(path.join(REPO_ROOT, "pkg/render.js")).href);

const originals = (await testArticles()).filter((a) => !a.file.startsWith("xss-"));
const articles = originals.flatMap((a) => Array.from({ length: COPIES }, (_, i) => ({ file: `${i}-${a.file}`, markdown: a.markdown })));
await writeArticles(IN, articles);
const bytes = articles.reduce((sum, a) => sum + Buffer.byteLength(a.markdown), 0);

/** { wall, cpu } seconds for `fn()`, run in this process. */
function timed(fn) {
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  fn();
  const used = process.cpuUsage(cpu);
  return { wall: Number(process.hrtime.bigint() - start) / 1e9, cpu: (used.user + used.system) / 1e6 };
}

function node() {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  return timed(() => {
    for (const name of readdirSync(IN).sort()) {
      const html = renderFragment(readFileSync(path.join(IN, name), "utf8"));
      writeFileSync(path.join(OUT, name.replace(/\.md$/, ".html")), html);
    }
  });
}

/** { wall, cpu } seconds of the CLI on the folder, with -j `jobs` (null: one thread per core). */
function cli(jobs) {
  rmSync(OUT, { recursive: true, force: true });
  const args = ["render", IN, "--out", OUT, ...(jobs ? ["-j", String(jobs)] : [])];
  const quoted = [CLI, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(" ");
  const start = process.hrtime.bigint();
  const result = spawnSync("bash", ["-c", `TIMEFORMAT="%3U %3S"; time ${quoted} 2>/dev/null`], { encoding: "utf8" });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) throw new Error(`the CLI failed: ${result.stderr}`);
  const [user, system] = result.stderr.trim().split("\n").at(-1).split(" ").map(Number);
  return { wall, cpu: user + system };
}

// Warm-up: the module's code tiers up in V8 after its first calls, and the files are cached.
node();
cli(1);
const seconds = { node: [], cli: [], cliAll: [] };
for (let round = 0; round < ROUNDS; round++) {
  seconds.node.push(node());
  seconds.cli.push(cli(1));
  seconds.cliAll.push(cli(null));
}

const rate = (runs, key) => articles.length / median(runs.map((r) => r[key]));
const rows = [
  ["reading-widget/render in Node " + process.version + ", 1 thread", seconds.node],
  ["reading-widget render --out, -j 1", seconds.cli],
  [`reading-widget render --out, ${os.availableParallelism()} threads`, seconds.cliAll],
];
console.log(`${articles.length} articles (${originals.length} × ${COPIES}), ${(bytes / 1024 / 1024).toFixed(1)} MB of Markdown, medians of ${ROUNDS} rounds:`);
console.log(`  ${"".padEnd(52)} ${"articles/s".padStart(10)} ${"per CPU-s".padStart(10)}`);
for (const [name, runs] of rows) {
  console.log(`  ${name.padEnd(52)} ${rate(runs, "wall").toFixed(0).padStart(10)} ${rate(runs, "cpu").toFixed(0).padStart(10)}`);
}
const ratio = (key) => (rate(seconds.node, key) / rate(seconds.cli, key)).toFixed(2);
console.log(`  Node / CLI, one thread each: ${ratio("wall")} (wall clock), ${ratio("cpu")} (CPU time)`);
rmSync(WORK, { recursive: true, force: true });
