// Checks the widget's download size against size-budget.json:
//   pkg/reading_widget_bg.wasm + pkg/reading_widget.js, each gzipped at level 9 (Node zlib), summed,
//   must not exceed "wasm_plus_js_gzip_bytes". Prints the figures; exits 1 when over (2 when a
//   file is missing). Run after building pkg/:  node scripts/check-size.mjs
import { readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync, constants } from "node:zlib";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const FILES = ["pkg/reading_widget_bg.wasm", "pkg/reading_widget.js"];

/** Raw and gzip (level 9) sizes of the widget's files and their sums. */
export function widgetSizes(root = ROOT) {
  const files = FILES.map((file) => {
    const raw = readFileSync(path.join(root, file));
    return { file, raw: raw.length, gzip: gzipSync(raw, { level: constants.Z_BEST_COMPRESSION }).length };
  });
  return {
    files,
    raw: files.reduce((a, f) => a + f.raw, 0),
    gzip: files.reduce((a, f) => a + f.gzip, 0),
  };
}

function main() {
  const missing = FILES.filter((f) => !existsSync(path.join(ROOT, f)));
  if (missing.length) {
    console.error(`check-size: missing ${missing.join(", ")}; build the widget first (make build)`);
    process.exit(2);
  }
  const budget = JSON.parse(readFileSync(path.join(ROOT, "size-budget.json"), "utf8")).wasm_plus_js_gzip_bytes;
  if (!Number.isInteger(budget) || budget <= 0) {
    console.error("check-size: size-budget.json needs a positive integer wasm_plus_js_gzip_bytes");
    process.exit(2);
  }
  const sizes = widgetSizes();
  const n = (x) => x.toLocaleString("en").padStart(9);
  for (const f of sizes.files) console.log(`${f.file.padEnd(28)} raw ${n(f.raw)} B   gzip -9 ${n(f.gzip)} B`);
  console.log(`${"total".padEnd(28)} raw ${n(sizes.raw)} B   gzip -9 ${n(sizes.gzip)} B`);
  const over = sizes.gzip - budget;
  const pct = ((sizes.gzip / budget) * 100).toFixed(1);
  if (over > 0) {
    console.error(`check-size: OVER BUDGET by ${over.toLocaleString("en")} B: ${sizes.gzip.toLocaleString("en")} B > ${budget.toLocaleString("en")} B (size-budget.json)`);
    process.exit(1);
  }
  console.log(`check-size: ok, ${sizes.gzip.toLocaleString("en")} B of ${budget.toLocaleString("en")} B budget (${pct}%)`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
