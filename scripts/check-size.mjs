// Checks the widget's download size against size-budget.json:
//   pkg/reading_widget_bg.wasm + pkg/reading_widget.js, each gzipped at level 9 (Node zlib), summed,
//   must not exceed "wasm_plus_js_gzip_bytes"; the hydrate-only build's wasm, glue, entry (element.js) and
//   snippets must not exceed "hydrate_only_gzip_bytes" (size-budget.json holds both budgets). Prints the
//   figures; exits 1 when over (2 when a file is missing). Run after building pkg/:
//   node scripts/check-size.mjs
import { readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync, constants } from "node:zlib";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const FILES = ["pkg/reading_widget_bg.wasm", "pkg/reading_widget.js"];

/** The snippet modules `pkg/<glue>` imports, as `./snippets/…` paths, sorted. */
export function snippetsOf(glue, root = ROOT) {
  const code = readFileSync(path.join(root, "pkg", glue), "utf8");
  return [...new Set([...code.matchAll(/from\s*["'](\.\/snippets\/[^"']+)["']/g)].map((m) => m[1]))].sort();
}

/**
 * The hydrate-only build as a pre-rendered page (or one of fragment srcs) downloads it: its wasm
 * and glue, the one-line embed element.js (which chooses this build for such a page; it is a few
 * bytes larger than element-hydrate.js, which can load only this build), and the JS snippets
 * its glue imports.
 */
export function hydrateOnlyFiles(root = ROOT) {
  const glue = "reading_widget_hydrate.js";
  // Without the glue there is nothing to read the snippets from; check() reports it missing.
  const imported = existsSync(path.join(root, "pkg", glue)) ? snippetsOf(glue, root).map((p) => `pkg/${p.slice(2)}`) : [];
  return ["pkg/reading_widget_hydrate_bg.wasm", `pkg/${glue}`, "pkg/element.js", ...imported];
}

/** Raw and gzip (level 9) sizes of the widget's files and their sums. */
export function widgetSizes(root = ROOT, list = FILES) {
  const files = list.map((file) => {
    const raw = readFileSync(path.join(root, file));
    return { file, raw: raw.length, gzip: gzipSync(raw, { level: constants.Z_BEST_COMPRESSION }).length };
  });
  return {
    files,
    raw: files.reduce((a, f) => a + f.raw, 0),
    gzip: files.reduce((a, f) => a + f.gzip, 0),
  };
}

/** Checks one build's files against its budget; returns whether it fits. */
function check(label, files, budget) {
  const missing = files.filter((f) => !existsSync(path.join(ROOT, f)));
  if (missing.length) {
    console.error(`check-size: missing ${missing.join(", ")}; build the widget first (make build)`);
    process.exit(2);
  }
  if (!Number.isInteger(budget) || budget <= 0) {
    console.error(`check-size: size-budget.json needs a positive integer ${label}`);
    process.exit(2);
  }
  const sizes = widgetSizes(ROOT, files);
  const n = (x) => x.toLocaleString("en").padStart(9);
  for (const f of sizes.files) console.log(`${f.file.padEnd(56)} raw ${n(f.raw)} B   gzip -9 ${n(f.gzip)} B`);
  console.log(`${"total".padEnd(56)} raw ${n(sizes.raw)} B   gzip -9 ${n(sizes.gzip)} B`);
  const over = sizes.gzip - budget;
  const pct = ((sizes.gzip / budget) * 100).toFixed(1);
  if (over > 0) {
    console.error(`check-size: ${label} OVER BUDGET by ${over.toLocaleString("en")} B: ${sizes.gzip.toLocaleString("en")} B > ${budget.toLocaleString("en")} B (size-budget.json)`);
    return false;
  }
  console.log(`check-size: ${label} ok, ${sizes.gzip.toLocaleString("en")} B of ${budget.toLocaleString("en")} B budget (${pct}%)`);
  return true;
}

function main() {
  const budget = JSON.parse(readFileSync(path.join(ROOT, "size-budget.json"), "utf8"));
  const full = check("wasm_plus_js_gzip_bytes", FILES, budget.wasm_plus_js_gzip_bytes);
  const hydrate = check("hydrate_only_gzip_bytes", hydrateOnlyFiles(), budget.hydrate_only_gzip_bytes);
  if (!full || !hydrate) process.exit(1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
