// The reading widget's performance benchmark. Run from anywhere, after building pkg/:
//
//   node bench/run.mjs            full run (about 2–3 minutes on 2 cores); writes bench/results.json
//                                 and the generated section of BENCHMARKS.md
//   node bench/run.mjs --quick    fewer repetitions, for trying the harness (still writes both)
//   node bench/run.mjs --no-profile   skip the DevTools trace of the 1 MB mount
//
// Environment: CHROMIUM (default /usr/bin/chromium). It serves the repository with the e2e
// tests' static server, opens bench/page.html in headless Chromium with --expose-gc, and calls
// the in-page functions of bench/bench.js one sample at a time.

import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync, constants as zlib } from "node:zlib";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startServer, REPO_ROOT } from "../tests/e2e/server.mjs";
import { summarizeTrace, summarizeProfiles } from "./trace.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const args = new Set(process.argv.slice(2));
const QUICK = args.has("--quick");
const PROFILE = !args.has("--no-profile");
const ITERATIONS = QUICK ? { embedded: 5, "1mb": 3, font: 3, scroll: 1 } : { embedded: 15, "1mb": 7, font: 7, scroll: 3 };
// Passes run and discarded before the measured ones (JIT, caches, wasm memory growth).
const WARMUP = { embedded: 1, "1mb": 2 };
const VARIANTS = ["widget", "floor", "peerShadow", "widgetPaint", "floorPaint", "peerPlainPaint"];
const VIEWPORT = { width: 1280, height: 900 };
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--js-flags=--expose-gc",
];
const BENCHMARKS_MD = path.join(REPO_ROOT, "BENCHMARKS.md");
const RESULTS_JSON = path.join(HERE, "results.json");
const START = "<!-- results:start -->";
const END = "<!-- results:end -->";

// ---- Helpers ---------------------------------------------------------------------------

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  const i = (s.length - 1) * q;
  const lo = Math.floor(i);
  return s[lo] + (s[Math.ceil(i)] - s[lo]) * (i - lo);
};
const stats = (xs) => ({ median: median(xs), p25: quantile(xs, 0.25), p75: quantile(xs, 0.75), min: Math.min(...xs), max: Math.max(...xs), n: xs.length, samples: xs });
const log = (...a) => console.log(`[${((performance.now() - T0) / 1000).toFixed(1).padStart(5)} s]`, ...a);
const T0 = performance.now();

function sh(cmd, argv) {
  try {
    return execFileSync(cmd, argv, { encoding: "utf8" }).trim();
  } catch {
    return "(unavailable)";
  }
}

function machine() {
  const cpuinfo = existsSync("/proc/cpuinfo") ? readFileSync("/proc/cpuinfo", "utf8") : "";
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? "(unknown)";
  return {
    nproc: sh("nproc", []),
    free: sh("free", ["-h"]),
    cpu: model,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
}

function gzip(file) {
  const raw = readFileSync(file);
  return { file: path.relative(REPO_ROOT, file), raw: raw.length, gzip: gzipSync(raw, { level: zlib.Z_BEST_COMPRESSION }).length };
}

export function sizes() {
  const p = (f) => path.join(REPO_ROOT, f);
  const widget = [gzip(p("pkg/reading_widget_bg.wasm")), gzip(p("pkg/reading_widget.js"))];
  const peer = [gzip(p("node_modules/marked/lib/marked.esm.js")), gzip(p("node_modules/dompurify/dist/purify.min.js"))];
  const versions = {
    marked: JSON.parse(readFileSync(p("node_modules/marked/package.json"), "utf8")).version,
    dompurify: JSON.parse(readFileSync(p("node_modules/dompurify/package.json"), "utf8")).version,
  };
  const sum = (xs, k) => xs.reduce((a, x) => a + x[k], 0);
  return {
    widget,
    widgetGzip: sum(widget, "gzip"),
    widgetRaw: sum(widget, "raw"),
    peer,
    peerGzip: sum(peer, "gzip"),
    peerRaw: sum(peer, "raw"),
    versions,
  };
}

// ---- The run ---------------------------------------------------------------------------

async function main() {
  for (const f of ["pkg/reading_widget_bg.wasm", "pkg/reading_widget.js"]) {
    if (!existsSync(path.join(REPO_ROOT, f))) throw new Error(`${f} is missing: build the widget first (make build)`);
  }
  const results = {
    date: new Date().toISOString(),
    command: `node bench/run.mjs${QUICK ? " --quick" : ""}${PROFILE ? "" : " --no-profile"}`,
    quick: QUICK,
    iterations: ITERATIONS,
    viewport: VIEWPORT,
    machine: machine(),
    git: sh("git", ["-C", REPO_ROOT, "log", "-1", "--format=%h %s"]),
    gitDirty: sh("git", ["-C", REPO_ROOT, "status", "--porcelain", "--", "src", "Cargo.toml", "Cargo.lock"]) !== "",
    sizes: sizes(),
  };

  const server = await startServer({ root: REPO_ROOT });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    results.chromium = browser.version();
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, colorScheme: "light", reducedMotion: "reduce" });
    const page = await context.newPage();
    page.setDefaultTimeout(120_000);
    const problems = [];
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.stack ?? e}`));
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console: ${m.text()}`);
    });
    const check = () => {
      if (problems.length) throw new Error(`the benchmark page reported errors:\n${problems.join("\n")}`);
    };

    await page.goto(`${server.url}/bench/page.html`);
    await page.waitForFunction(() => window.benchReady === true);
    results.page = await page.evaluate(() => window.bench.setup());
    check();
    if (!results.page.gcExposed) throw new Error("window.gc is not exposed (--js-flags=--expose-gc)");
    log(`Chromium ${results.chromium}; articles:`, Object.entries(results.page.articles).map(([k, v]) => `${k} ${v.markdownBytes} B, ${v.widgetSections} sections`).join("; "));

    // Layout and paint samples: a warm-up pass, then N passes, alternating the order.
    results.samples = {};
    for (const name of ["embedded", "1mb"]) {
      const n = ITERATIONS[name];
      const samples = Object.fromEntries(VARIANTS.map((v) => [v, []]));
      for (let i = -WARMUP[name]; i < n; i++) {
        const order = (i + 2) % 2 === 0 ? VARIANTS : [...VARIANTS].reverse();
        for (const variant of order) {
          const ms = await page.evaluate(([a, v]) => window.bench.sample(a, v), [name, variant]);
          if (i >= 0) samples[variant].push(ms);
        }
        check();
      }
      results.samples[name] = Object.fromEntries(Object.entries(samples).map(([v, xs]) => [v, stats(xs)]));
      log(`${name}:`, VARIANTS.map((v) => `${v} ${results.samples[name][v].median.toFixed(2)} ms`).join(", "));
    }

    // Text size change to the next painted frame on the 1 MB article.
    {
      const up = { widget: [], peerPlain: [] };
      const down = { widget: [], peerPlain: [] };
      const variants = ["widget", "peerPlain"];
      for (let i = -1; i < ITERATIONS.font; i++) {
        for (const variant of i % 2 === 0 ? variants : [...variants].reverse()) {
          const r = await page.evaluate(([a, v]) => window.bench.fontChange(a, v), ["1mb", variant]);
          if (i >= 0) {
            up[variant].push(r.up);
            down[variant].push(r.down);
          }
        }
        check();
      }
      results.fontChange = {
        up: { widget: stats(up.widget), peerPlain: stats(up.peerPlain) },
        down: { widget: stats(down.widget), peerPlain: stats(down.peerPlain) },
      };
      log(`font change (up/down): widget ${median(up.widget).toFixed(1)}/${median(down.widget).toFixed(1)} ms, peer ${median(up.peerPlain).toFixed(1)}/${median(down.peerPlain).toFixed(1)} ms`);
    }

    // Long tasks while scrolling the whole 1 MB article.
    {
      results.scroll = { widget: [], peerPlain: [] };
      for (let i = 0; i < ITERATIONS.scroll; i++) {
        results.scroll.widget.push(await page.evaluate(([a, v]) => window.bench.scrollLongTasks(a, v), ["1mb", "widget"]));
        check();
      }
      results.scroll.peerPlain.push(await page.evaluate(([a, v]) => window.bench.scrollLongTasks(a, v), ["1mb", "peerPlain"]));
      check();
      for (const [v, runs] of Object.entries(results.scroll)) {
        log(`scroll ${v}:`, runs.map((r) => `${r.count} long tasks (${r.totalMs.toFixed(0)} ms) in ${r.steps} steps, ${r.elapsedMs.toFixed(0)} ms, end ${r.reachedEnd}`).join("; "));
      }
    }

    // Where the widget's 1 MB mount spends its time: a DevTools trace of a few mounts.
    if (PROFILE) {
      results.profile = await profile(page);
      check();
      log("profile:", results.profile.categories.slice(0, 6).map((c) => `${c.name} ${c.ms.toFixed(1)} ms`).join("; "));
      log("cpu profile:", results.profile.cpu.functions.slice(0, 6).map((c) => `${c.name} ${c.ms.toFixed(1)} ms`).join("; "));
    }
    await context.close();
  } finally {
    await browser.close();
    await server.close();
  }

  results.derived = derive(results);
  results.runtimeSeconds = (performance.now() - T0) / 1000;
  writeFileSync(RESULTS_JSON, JSON.stringify(results, null, 2) + "\n");
  writeBenchmarksMd(results);
  log(`wrote ${path.relative(process.cwd(), RESULTS_JSON)} and ${path.relative(process.cwd(), BENCHMARKS_MD)}`);
  for (const t of results.derived.targets) console.log(`${t.met ? "met    " : "NOT MET"}  ${t.name}: ${t.actual}`);
}

// ---- Profile ---------------------------------------------------------------------------

// Lean categories: "blink" and disabled-by-default-devtools.timeline add events per layout
// object and inflate layout several times over; the V8 sampler is run separately (Profiler).
const TRACE_CATEGORIES = ["devtools.timeline", "toplevel", "blink.user_timing"];
const PROFILE_RUNS = 3;

async function profile(page) {
  const cdp = await page.context().newCDPSession(page);
  // One untraced mount first, so the traced ones are as warm as the measured ones.
  await page.evaluate(() => window.bench.sample("1mb", "widgetPaint"));
  const traces = [];
  const mountMs = [];
  for (let i = 0; i < PROFILE_RUNS; i++) {
    await page.evaluate(() => window.bench.prepareProfile());
    const events = [];
    const onData = (e) => events.push(...e.value);
    cdp.on("Tracing.dataCollected", onData);
    await cdp.send("Tracing.start", {
      traceConfig: { recordMode: "recordAsMuchAsPossible", includedCategories: TRACE_CATEGORIES },
      transferMode: "ReportEvents",
    });
    mountMs.push(await page.evaluate(() => window.bench.profileMount("1mb")));
    const done = new Promise((resolve) => cdp.once("Tracing.tracingComplete", resolve));
    await cdp.send("Tracing.end");
    await done;
    cdp.off("Tracing.dataCollected", onData);
    await page.evaluate(() => window.bench.unmountProfiled());
    traces.push(events);
  }
  const trace = summarizeTrace(traces, mountMs);

  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 250 });
  const profiles = [];
  const profiledMs = [];
  for (let i = 0; i < PROFILE_RUNS; i++) {
    await page.evaluate(() => window.bench.prepareProfile());
    await cdp.send("Profiler.start");
    profiledMs.push(await page.evaluate(() => window.bench.profileMount("1mb")));
    profiles.push((await cdp.send("Profiler.stop")).profile);
    await page.evaluate(() => window.bench.unmountProfiled());
  }
  await cdp.send("Profiler.disable");
  await cdp.detach();
  return { ...trace, cpu: { ...summarizeProfiles(profiles), mountMsAll: profiledMs } };
}

// ---- Derived figures and targets -------------------------------------------------------

function derive(r) {
  const s = (a, v) => r.samples[a][v].median;
  const big = {
    widget: s("1mb", "widget"),
    floor: s("1mb", "floor"),
    peerShadow: s("1mb", "peerShadow"),
    widgetPaint: s("1mb", "widgetPaint"),
    floorPaint: s("1mb", "floorPaint"),
    peerPlainPaint: s("1mb", "peerPlainPaint"),
  };
  const small = {
    widget: s("embedded", "widget"),
    floor: s("embedded", "floor"),
    peerShadow: s("embedded", "peerShadow"),
    widgetPaint: s("embedded", "widgetPaint"),
    floorPaint: s("embedded", "floorPaint"),
    peerPlainPaint: s("embedded", "peerPlainPaint"),
  };
  const fontWidget = r.fontChange.up.widget.median;
  const fontPeer = r.fontChange.up.peerPlain.median;
  const longTasks = Math.max(...r.scroll.widget.map((x) => x.count));
  const ratios = {
    big: {
      widgetOverFloor: big.widget / big.floor,
      overheadVsPeer: (big.widget - big.floor) / (big.peerShadow - big.floor),
      mountPaintWidgetOverPeerPlain: big.widgetPaint / big.peerPlainPaint,
      fontChangeWidgetOverPeer: fontWidget / fontPeer,
      fontChangeDownWidgetOverPeer: r.fontChange.down.widget.median / r.fontChange.down.peerPlain.median,
      peerShadowOverFloor: big.peerShadow / big.floor,
      longTasksMax: longTasks,
    },
    small: {
      widgetOverFloor: small.widget / small.floor,
      overheadVsPeer: (small.widget - small.floor) / (small.peerShadow - small.floor),
      mountPaintWidgetOverPeerPlain: small.widgetPaint / small.peerPlainPaint,
      peerShadowOverFloor: small.peerShadow / small.floor,
    },
  };
  const kb = (b) => `${(b / 1024).toFixed(1)} KiB`;
  const targets = [
    {
      name: "1 MB: (widget − floor) ≤ 0.5 × (peer_shadow − floor)",
      actual: `${ratios.big.overheadVsPeer.toFixed(2)} ×`,
      context: `${(big.widget - big.floor).toFixed(1)} ms vs ${(big.peerShadow - big.floor).toFixed(1)} ms`,
      met: ratios.big.overheadVsPeer <= 0.5,
    },
    {
      name: "1 MB: widget ≤ 1.15 × floor",
      actual: `${ratios.big.widgetOverFloor.toFixed(2)} ×`,
      context: `${big.widget.toFixed(1)} ms vs ${big.floor.toFixed(1)} ms`,
      met: ratios.big.widgetOverFloor <= 1.15,
    },
    {
      name: "1 MB: mount→paint ≤ 0.3 × peer_plain",
      actual: `${ratios.big.mountPaintWidgetOverPeerPlain.toFixed(2)} ×`,
      context: `${big.widgetPaint.toFixed(1)} ms vs ${big.peerPlainPaint.toFixed(1)} ms`,
      met: ratios.big.mountPaintWidgetOverPeerPlain <= 0.3,
    },
    {
      name: "1 MB: font change→paint ≤ 0.3 × peer direct change",
      actual: `${ratios.big.fontChangeWidgetOverPeer.toFixed(2)} ×`,
      context: `${fontWidget.toFixed(1)} ms vs ${fontPeer.toFixed(1)} ms`,
      met: ratios.big.fontChangeWidgetOverPeer <= 0.3,
    },
    {
      name: "1 MB: zero long tasks while scrolling",
      actual: `${longTasks} (worst of ${r.scroll.widget.length} runs)`,
      context: r.scroll.widget.map((x) => `${x.count} / ${x.totalMs.toFixed(0)} ms`).join(", "),
      met: longTasks === 0,
    },
    {
      name: "embedded article: widget ≤ 1.5 × floor",
      actual: `${ratios.small.widgetOverFloor.toFixed(2)} ×`,
      context: `${small.widget.toFixed(2)} ms vs ${small.floor.toFixed(2)} ms`,
      met: ratios.small.widgetOverFloor <= 1.5,
    },
    {
      name: "wasm + JS glue ≤ 100 KB gzip",
      actual: `${r.sizes.widgetGzip} B (${kb(r.sizes.widgetGzip)})`,
      context: `limit 100 KB = 100,000 B`,
      met: r.sizes.widgetGzip <= 100_000,
    },
  ];
  return { big, small, ratios, targets };
}

// ---- BENCHMARKS.md ---------------------------------------------------------------------

const f1 = (x) => x.toFixed(1);
const f2 = (x) => x.toFixed(2);

function renderResults(r) {
  const d = r.derived;
  const m = r.machine;
  const S = r.samples;
  const row = (a, v, label) => {
    const x = S[a][v];
    return `| ${label} | ${f2(x.median)} | ${f2(x.p25)}–${f2(x.p75)} | ${x.n} |`;
  };
  const lines = [];
  lines.push(START);
  lines.push("<!-- Generated by `node bench/run.mjs`; edits between these markers are overwritten. -->");
  lines.push("");
  lines.push(`Run: \`${r.command}\` on ${r.date.slice(0, 10)} (${r.date}), ${f1(r.runtimeSeconds)} s, at \`${r.git}\`${r.gitDirty ? " (with uncommitted changes in src/)" : ""}.${r.quick ? " **Quick run: too few repetitions to rely on.**" : ""}`);
  lines.push("");
  lines.push(`Machine: ${m.nproc} CPUs (\`nproc\`), ${m.cpu}; ${m.os}; Node ${m.node}; Chromium ${r.chromium} (headless, \`--disable-gpu\`), viewport ${r.viewport.width}×${r.viewport.height}, device scale 1.`);
  lines.push("");
  lines.push("```");
  lines.push(`$ free -h`);
  lines.push(m.free);
  lines.push("```");
  lines.push("");
  lines.push("### Targets");
  lines.push("");
  lines.push("| target | result | context (medians) | |");
  lines.push("| --- | --- | --- | --- |");
  for (const t of d.targets) lines.push(`| ${t.name} | ${t.actual} | ${t.context} | ${t.met ? "met" : "**not met**"} |`);
  lines.push("");
  lines.push("### Ratios");
  lines.push("");
  lines.push("| ratio | 1 MB article | embedded article |");
  lines.push("| --- | --- | --- |");
  lines.push(`| widget / floor (through layout) | ${f2(d.ratios.big.widgetOverFloor)} | ${f2(d.ratios.small.widgetOverFloor)} |`);
  lines.push(`| (widget − floor) / (peer_shadow − floor) | ${f2(d.ratios.big.overheadVsPeer)} | ${f2(d.ratios.small.overheadVsPeer)} |`);
  lines.push(`| peer_shadow / floor (context) | ${f2(d.ratios.big.peerShadowOverFloor)} | ${f2(d.ratios.small.peerShadowOverFloor)} |`);
  lines.push(`| mount→paint: widget / peer_plain | ${f2(d.ratios.big.mountPaintWidgetOverPeerPlain)} | ${f2(d.ratios.small.mountPaintWidgetOverPeerPlain)} |`);
  lines.push(`| text size 3→5 to paint: widget / peer direct change | ${f2(d.ratios.big.fontChangeWidgetOverPeer)} | – |`);
  lines.push(`| text size 5→3 to paint: widget / peer direct change | ${f2(d.ratios.big.fontChangeDownWidgetOverPeer)} | – |`);
  lines.push(`| long tasks while scrolling the widget (worst run) | ${d.ratios.big.longTasksMax} | – |`);
  lines.push("");
  lines.push("### Absolute times (context only; ms, median and interquartile range)");
  lines.push("");
  for (const [a, title] of [["1mb", "1 MB article"], ["embedded", "Embedded article"]]) {
    const info = r.page.articles[a];
    lines.push(`**${title}**: ${info.markdownBytes.toLocaleString("en")} B of Markdown, ${info.widgetSections} sections, widget markup ${info.widgetMarkupChars.toLocaleString("en")} characters / ${info.widgetElements.toLocaleString("en")} elements, peer markup ${info.peerMarkupChars.toLocaleString("en")} characters.`);
    lines.push("");
    lines.push("| variant | median | p25–p75 | n |");
    lines.push("| --- | --- | --- | --- |");
    lines.push(row(a, "widget", "widget: mount() → layout"));
    lines.push(row(a, "floor", "floor: innerHTML of the widget's markup → layout"));
    lines.push(row(a, "peerShadow", "peer_shadow: marked + DOMPurify + TOC in a shadow root → layout"));
    lines.push(row(a, "widgetPaint", "widget: mount() → next painted frame"));
    lines.push(row(a, "floorPaint", "floor → next painted frame"));
    lines.push(row(a, "peerPlainPaint", "peer_plain: into a plain div → next painted frame"));
    lines.push("");
  }
  const fc = r.fontChange;
  lines.push("**Text size change on the 1 MB article, to the next painted frame** (at the top of the page)");
  lines.push("");
  lines.push("| change | widget `setFontStep` | peer `style.fontSize` | n |");
  lines.push("| --- | --- | --- | --- |");
  lines.push(`| 3 → 5 (125%) | ${f2(fc.up.widget.median)} (${f2(fc.up.widget.p25)}–${f2(fc.up.widget.p75)}) | ${f2(fc.up.peerPlain.median)} (${f2(fc.up.peerPlain.p25)}–${f2(fc.up.peerPlain.p75)}) | ${fc.up.widget.n} |`);
  lines.push(`| 5 → 3 (back) | ${f2(fc.down.widget.median)} (${f2(fc.down.widget.p25)}–${f2(fc.down.widget.p75)}) | ${f2(fc.down.peerPlain.median)} (${f2(fc.down.peerPlain.p25)}–${f2(fc.down.peerPlain.p75)}) | ${fc.down.widget.n} |`);
  lines.push("");
  lines.push("**Long tasks (> 50 ms) while scrolling the 1 MB article top to bottom**, one viewport per animation frame");
  lines.push("");
  lines.push("| run | long tasks | total | longest | steps | page height | elapsed |");
  lines.push("| --- | --- | --- | --- | --- | --- | --- |");
  for (const [v, label] of [["widget", "widget"], ["peerPlain", "peer_plain (context)"]]) {
    r.scroll[v].forEach((x, i) =>
      lines.push(`| ${label} #${i + 1} | ${x.count} | ${f1(x.totalMs)} ms | ${f1(x.maxMs)} ms | ${x.steps} | ${x.scrollHeight.toLocaleString("en")} px | ${(x.elapsedMs / 1000).toFixed(1)} s |`),
    );
  }
  lines.push("");
  const z = r.sizes;
  lines.push("### Sizes (gzip level 9, Node zlib)");
  lines.push("");
  lines.push("| file | raw | gzip |");
  lines.push("| --- | --- | --- |");
  for (const x of z.widget) lines.push(`| \`${x.file}\` | ${x.raw.toLocaleString("en")} B | ${x.gzip.toLocaleString("en")} B |`);
  lines.push(`| **widget total** | ${z.widgetRaw.toLocaleString("en")} B | **${z.widgetGzip.toLocaleString("en")} B** |`);
  for (const x of z.peer) lines.push(`| \`${x.file}\` | ${x.raw.toLocaleString("en")} B | ${x.gzip.toLocaleString("en")} B |`);
  lines.push(`| **peer total** (marked ${z.versions.marked} + DOMPurify ${z.versions.dompurify}) | ${z.peerRaw.toLocaleString("en")} B | **${z.peerGzip.toLocaleString("en")} B** |`);
  lines.push("");
  lines.push(`Widget / peer, gzip: ${f2(z.widgetGzip / z.peerGzip)} ×.`);
  lines.push("");
  if (r.profile) {
    const p = r.profile;
    lines.push(`### Where the widget's 1 MB mount spends its time`);
    lines.push("");
    lines.push(`DevTools trace (categories ${TRACE_CATEGORIES.map((c) => `\`${c}\``).join(", ")}) of ${p.runs} mounts of the 1 MB article to the next painted frame (${p.mountMsAll.map(f1).join(", ")} ms under tracing). Main-thread self time by category, mean per mount:`);
    lines.push("");
    lines.push("| category | ms | share |");
    lines.push("| --- | --- | --- |");
    for (const c of p.categories) lines.push(`| ${c.name} | ${f1(c.ms)} | ${(c.share * 100).toFixed(0)}% |`);
    lines.push("");
    if (p.cpu) {
      lines.push(`V8 CPU profile (Profiler domain, 250 µs sampling) of ${p.cpu.runs} more such mounts (${p.cpu.mountMsAll.map(f1).join(", ")} ms): self time by function, mean per mount. V8 charges the native work a DOM call triggers to that call, so a forced style + layout shows up under the call that forced it; \`(program)\` is native work outside any JS call (mostly the rendering frame).`);
      lines.push("");
      lines.push("| function | ms |");
      lines.push("| --- | --- |");
      for (const fn of p.cpu.functions) lines.push(`| \`${fn.name.replace(/\|/g, "\\|")}\` | ${f1(fn.ms)} |`);
      lines.push("");
    }
  }
  lines.push(END);
  return lines.join("\n");
}

function writeBenchmarksMd(r) {
  const generated = renderResults(r);
  let text = existsSync(BENCHMARKS_MD) ? readFileSync(BENCHMARKS_MD, "utf8") : "";
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a >= 0 && b > a) {
    text = text.slice(0, a) + generated + text.slice(b + END.length);
  } else {
    text = (text ? text.trimEnd() + "\n\n## Results\n\n" : "# Benchmarks\n\n## Results\n\n") + generated + "\n";
  }
  writeFileSync(BENCHMARKS_MD, text);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
