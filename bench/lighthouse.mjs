// Lighthouse on the demo pages (issue 16): what a partner sees when it runs Lighthouse on its own
// page. `node bench/lighthouse.mjs [--runs N]` (make bench runs it after bench/run.mjs) runs npm
// `lighthouse` (pinned at 12.2.3 in bench/package.json: the last line that runs on Node 20) with
// its default mobile profile (a Moto G Power's screen, simulated Slow 4G and a 4× slower CPU) on:
//
//   www/embed.html         the partner page with the one-line embed (and a second, inline widget)
//   www/prerendered.html   the CLI's `--page` output (make build writes it)
//   www/fragment.html      the partner page with a fragment `src` (make build writes the fragment,
//                          www/sample.fragment.html)
//
// Each page is audited N times (default 3); the run with the median Performance score is
// reported, its four category scores, its metrics, and every audit that cost points, so a missed
// target can be read from BENCHMARKS.md. The files are served gzipped (level 9) by the page-load
// benchmark's server from a copy of www/, pkg/ and articles/, as a static host or CDN would serve
// them (`make serve`'s python server does not compress). Chromium is /usr/bin/chromium
// (CHROME_PATH to change), headless, with the flags the end-to-end tests use.
//
// Writes bench/lighthouse.json (the summary) and the block between the lighthouse markers in
// BENCHMARKS.md. LIGHTHOUSE_KEEP=1 keeps the full reports (their directory is printed).

import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { REPO_ROOT } from "../tests/e2e/server.mjs";
import { CHROMIUM_ARGS } from "../tests/e2e/chromium.mjs";
import { startGzipServer, hasEmbedCss } from "./page-load.mjs";
import { median } from "./stats.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BENCHMARKS_MD = path.join(REPO_ROOT, "BENCHMARKS.md");
const SUMMARY_JSON = path.join(HERE, "lighthouse.json");
const START = "<!-- lighthouse:start -->";
const END = "<!-- lighthouse:end -->";
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];

/** The pages, and the targets of issue 16. */
const PAGES = [
  { key: "embed", path: "/www/embed.html", label: "`www/embed.html` (one-line embed)", targets: { performance: 95 } },
  { key: "prerendered", path: "/www/prerendered.html", label: "`www/prerendered.html` (pre-rendered by the CLI)", targets: { performance: 100, accessibility: 100, "best-practices": 100, seo: 100 } },
  { key: "fragment", path: "/www/fragment.html", label: "`www/fragment.html` (fragment `src`)", targets: {} },
];

const argv = process.argv.slice(2);
const runsArg = argv.indexOf("--runs");
const RUNS = runsArg >= 0 ? Number(argv[runsArg + 1]) : 3;
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error("--runs: a whole number from 1");

async function importLighthouse() {
  try {
    const { default: lighthouse } = await import("lighthouse");
    const chromeLauncher = await import("chrome-launcher");
    return { lighthouse, chromeLauncher };
  } catch (error) {
    throw new Error(`lighthouse is not installed: npm ci --prefix bench (make bench does it) (${error.message})`);
  }
}

/** A copy of what the pages load: www/, pkg/ and articles/. */
function serveRoot() {
  for (const f of ["www/prerendered.html", "www/fragment.html", "www/sample.fragment.html", "pkg/element.js", "pkg/reading_widget_bg.wasm"]) {
    if (!existsSync(path.join(REPO_ROOT, f))) throw new Error(`${f} is missing: build the widget first (make build)`);
  }
  const root = mkdtempSync(path.join(os.tmpdir(), "reading-widget-lighthouse-"));
  for (const dir of ["www", "pkg", "articles"]) cpSync(path.join(REPO_ROOT, dir), path.join(root, dir), { recursive: true });
  return root;
}

/** What one report says: the four scores, the metrics, the audits that cost points. */
function summarize(lhr) {
  const scores = Object.fromEntries(CATEGORIES.map((c) => [c, lhr.categories[c]?.score === null || lhr.categories[c]?.score === undefined ? null : Math.round(lhr.categories[c].score * 100)]));
  const audit = (id) => lhr.audits[id];
  const metrics = Object.fromEntries(
    ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index"].map((id) => [id, { value: audit(id)?.numericValue ?? null, display: audit(id)?.displayValue ?? null, score: audit(id)?.score ?? null }]),
  );
  const failing = {};
  for (const c of CATEGORIES) {
    const cat = lhr.categories[c];
    if (!cat) continue;
    failing[c] = cat.auditRefs
      .map((ref) => ({ ref, a: audit(ref.id) }))
      .filter(({ ref, a }) => a && ref.weight > 0 && a.score !== null && a.score < 1)
      .map(({ ref, a }) => ({ id: a.id, title: a.title, score: a.score, weight: ref.weight, display: a.displayValue ?? null, items: (a.details?.items ?? []).slice(0, 5).map((it) => it.url ?? it.source?.url ?? it.node?.snippet ?? it.description ?? it.label ?? null).filter(Boolean) }));
  }
  // Diagnostics that are not scored but say where the time went (performance insights).
  const hints = Object.values(lhr.audits)
    .filter((a) => a.score !== null && a.score < 1 && (a.metricSavings?.LCP || a.metricSavings?.FCP || a.metricSavings?.CLS || a.metricSavings?.TBT))
    .map((a) => ({ id: a.id, title: a.title, display: a.displayValue ?? null, savings: a.metricSavings }));
  const lcpElement = audit("largest-contentful-paint-element")?.details?.items?.[0]?.items?.[0]?.node?.snippet ?? null;
  const shifts = (audit("layout-shifts")?.details?.items ?? []).map((it) => ({ score: it.score, node: it.node?.snippet ?? null }));
  const requests = (audit("network-requests")?.details?.items ?? []).map((it) => ({ url: new URL(it.url).pathname, bytes: it.transferSize, start: Math.round(it.networkRequestTime ?? it.startTime ?? 0), end: Math.round(it.networkEndTime ?? it.endTime ?? 0), status: it.statusCode }));
  const console = (audit("errors-in-console")?.details?.items ?? []).map((it) => `${it.source}: ${it.description}`);
  // Audits Lighthouse could not run (12.2.3's trace engine reads frame events that Chromium 156
  // writes differently, so the LCP element and layout-shift tables fail; no score depends on them).
  const errors = Object.values(lhr.audits)
    .filter((a) => a.scoreDisplayMode === "error")
    .map((a) => ({ id: a.id, message: String(a.errorMessage ?? "").split("\n")[0] }));
  // Where the main thread's time went: TBT comes from these tasks (simulated at 4× their observed
  // length, so a busy machine inflates it), the long ones by script, and the work by kind.
  const longTasks = (audit("long-tasks")?.details?.items ?? []).map((it) => ({ url: it.url, duration: Math.round(it.duration), start: Math.round(it.startTime) }));
  const bootup = (audit("bootup-time")?.details?.items ?? []).map((it) => ({ url: it.url, total: Math.round(it.total), scripting: Math.round(it.scripting), parse: Math.round(it.scriptParseCompile) }));
  const work = (audit("mainthread-work-breakdown")?.details?.items ?? []).map((it) => ({ group: it.groupLabel ?? it.group, duration: Math.round(it.duration) }));
  return { scores, metrics, failing, hints, lcpElement, shifts, requests, console, errors, longTasks, bootup, work, lighthouseVersion: lhr.lighthouseVersion, userAgent: lhr.environment?.hostUserAgent, runWarnings: lhr.runWarnings };
}

async function main() {
  const { lighthouse, chromeLauncher } = await importLighthouse();
  const root = serveRoot();
  const reports = mkdtempSync(path.join(os.tmpdir(), "reading-widget-lighthouse-reports-"));
  const keep = process.env.LIGHTHOUSE_KEEP === "1";
  const server = await startGzipServer(root);
  const results = {};
  try {
    for (const page of PAGES) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) {
        // A fresh browser per run: nothing cached or warmed from the run before.
        const chrome = await chromeLauncher.launch({
          chromePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
          chromeFlags: ["--headless=new", ...CHROMIUM_ARGS],
        });
        try {
          const result = await lighthouse(`${server.url}${page.path}`, { port: chrome.port, output: "json", logLevel: "error" });
          if (keep) writeFileSync(path.join(reports, `${page.key}-${i + 1}.json`), result.report);
          const s = summarize(result.lhr);
          runs.push(s);
          console.log(`lighthouse ${page.key} run ${i + 1}: ${CATEGORIES.map((c) => `${c} ${s.scores[c]}`).join(", ")}; LCP ${s.metrics["largest-contentful-paint"].display}, CLS ${s.metrics["cumulative-layout-shift"].display}, TBT ${s.metrics["total-blocking-time"].display}`);
        } finally {
          await chrome.kill();
        }
      }
      // The run with the median Performance score stands for the page; the range beside it.
      const order = runs.map((r, i) => [r.scores.performance ?? -1, i]).sort((a, b) => a[0] - b[0]);
      const pick = runs[order[order.length >> 1][1]];
      results[page.key] = {
        label: page.label,
        path: page.path,
        targets: page.targets,
        ...pick,
        range: Object.fromEntries(CATEGORIES.map((c) => [c, [Math.min(...runs.map((r) => r.scores[c] ?? 0)), Math.max(...runs.map((r) => r.scores[c] ?? 0))]])),
        medianScores: Object.fromEntries(CATEGORIES.map((c) => [c, median(runs.map((r) => r.scores[c] ?? 0))])),
      };
    }
  } finally {
    await server.close();
    rmSync(root, { recursive: true, force: true });
    if (keep) console.log(`lighthouse: full reports in ${reports}`);
    else rmSync(reports, { recursive: true, force: true });
  }
  const git = execFileSync("git", ["-C", REPO_ROOT, "log", "-1", "--format=%h %s"], { encoding: "utf8" }).trim();
  const summary = { date: new Date().toISOString(), git, runs: RUNS, embedCss: hasEmbedCss(), pages: results };
  writeFileSync(SUMMARY_JSON, JSON.stringify(summary, null, 2) + "\n");
  writeMd(render(summary));
  console.log(`wrote ${path.relative(process.cwd(), SUMMARY_JSON)} and the Lighthouse section of ${path.relative(process.cwd(), BENCHMARKS_MD)}`);
}

const NAMES = { performance: "Performance", accessibility: "Accessibility", "best-practices": "Best Practices", seo: "SEO" };

function render(s) {
  const lines = [START, "<!-- Generated by `node bench/lighthouse.mjs`; edits between these markers are overwritten. -->", ""];
  const first = Object.values(s.pages)[0];
  lines.push(`Run: \`node bench/lighthouse.mjs${s.runs !== 3 ? ` --runs ${s.runs}` : ""}\` on ${s.date.slice(0, 10)} (${s.date}), at \`${s.git}\`; Lighthouse ${first.lighthouseVersion}, default mobile profile (simulated throttling), ${first.userAgent?.match(/Chrome\/[\d.]+/)?.[0] ?? "Chromium"} headless; ${s.runs} run${s.runs > 1 ? "s" : ""} per page, each in a fresh browser, the run with the median Performance score shown (the range over the runs in brackets).${s.embedCss ? "" : " pkg/embed.css is not in this build."}`);
  lines.push("");
  lines.push("| page | Performance | Accessibility | Best Practices | SEO | FCP | LCP | TBT | CLS | SI | targets |");
  lines.push("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  const verdicts = [];
  for (const p of Object.values(s.pages)) {
    const cell = (c) => `${p.scores[c]}${p.range[c][0] !== p.range[c][1] ? ` (${p.range[c][0]}–${p.range[c][1]})` : ""}`;
    const m = (id) => p.metrics[id].display ?? "–";
    const missed = Object.entries(p.targets).filter(([c, t]) => (p.scores[c] ?? 0) < t);
    const t = Object.entries(p.targets).map(([c, v]) => `${NAMES[c]} ${v === 100 ? "100" : `≥ ${v}`}`).join(", ");
    lines.push(`| ${p.label} | ${CATEGORIES.map(cell).join(" | ")} | ${m("first-contentful-paint")} | ${m("largest-contentful-paint")} | ${m("total-blocking-time")} | ${m("cumulative-layout-shift")} | ${m("speed-index")} | ${t ? `${t}: ${missed.length ? `**not met** (${missed.map(([c]) => NAMES[c]).join(", ")})` : "met"}` : "–"} |`);
    verdicts.push([p, missed]);
  }
  lines.push("");
  lines.push("What cost points (the shown run; scored audits below 1 with their weight in the category, and performance diagnostics with estimated savings):");
  lines.push("");
  for (const p of Object.values(s.pages)) {
    const items = [];
    for (const c of CATEGORIES) {
      for (const a of p.failing[c] ?? []) items.push(`${NAMES[c]}: \`${a.id}\` ${a.title}${a.display ? ` (${a.display})` : ""}, score ${a.score}, weight ${a.weight}${a.items.length ? `: ${a.items.map((x) => `\`${String(x).slice(0, 90)}\``).join(", ")}` : ""}`);
    }
    for (const h of p.hints) {
      if (items.some((x) => x.includes(`\`${h.id}\``))) continue;
      items.push(`diagnostic: \`${h.id}\` ${h.title}${h.display ? ` (${h.display})` : ""}, savings ${Object.entries(h.savings).filter(([, v]) => v).map(([k, v]) => `${k} ${k === "CLS" ? v.toFixed(3) : `${Math.round(v)} ms`}`).join(", ")}`);
    }
    const short = (u) => (u && /^https?:/.test(u) ? new URL(u).pathname : u);
    const tasks = p.longTasks.length ? `; long tasks (observed): ${p.longTasks.slice(0, 6).map((t) => `${t.duration} ms at ${t.start} ms (\`${short(t.url)}\`)`).join(", ")}` : "";
    const boot = p.bootup.length ? `; script time by file: ${p.bootup.slice(0, 4).map((b) => `\`${short(b.url)}\` ${b.total} ms`).join(", ")}` : "";
    const work = p.work.length ? `; main thread by kind: ${p.work.slice(0, 5).map((w) => `${w.group} ${w.duration} ms`).join(", ")}` : "";
    lines.push(`- ${p.label}: ${p.lcpElement ? `LCP element \`${p.lcpElement.slice(0, 100)}\`` : "LCP element not reported"}${p.errors.length ? ` (${p.errors.length} informative audits failed to run, ${p.errors.map((e) => `\`${e.id}\``).join(", ")}: Lighthouse 12.2.3's trace engine cannot read Chromium 156's frame events, \`frame_sequence\`; no score depends on them)` : ""}${tasks}${boot}${work}${p.shifts.length ? `; layout shifts: ${p.shifts.map((x) => `${x.score.toFixed(3)} \`${(x.node ?? "?").slice(0, 60)}\``).join(", ")}` : ""}${p.console.length ? `; console: ${p.console.join("; ")}` : ""}`);
    if (items.length === 0) lines.push("  - nothing");
    for (const it of items) lines.push(`  - ${it}`);
  }
  lines.push("");
  lines.push(END);
  return lines.join("\n");
}

/** Writes the generated block into BENCHMARKS.md: between its markers, else at the end. */
function writeMd(generated) {
  let text = existsSync(BENCHMARKS_MD) ? readFileSync(BENCHMARKS_MD, "utf8") : "# Benchmarks\n";
  const lineOf = (marker) => new RegExp(`^${marker.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}[ \t]*$`, "m");
  const a = lineOf(START).exec(text);
  const b = a ? lineOf(END).exec(text.slice(a.index)) : null;
  if (a && b) text = text.slice(0, a.index) + generated + text.slice(a.index + b.index + b[0].length);
  else text = `${text.trimEnd()}\n\n## Lighthouse (mobile)\n\n${generated}\n`;
  writeFileSync(BENCHMARKS_MD, text);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
