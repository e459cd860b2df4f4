#!/usr/bin/env bash
# A short fuzzing run for CI: the `render` target of fuzz/ (article::render + template::markup,
# with its no-script checks) for FUZZ_SECONDS (default 30) of fuzzing after the build.
# The corpus is seeded from core/tests/xss/payloads.toml and articles/*.md; fuzz/corpus and
# fuzz/artifacts are git-ignored. A finding fails the run and leaves the input in
# fuzz/artifacts/render/ (reproduce with `cargo +nightly fuzz run render <file>`).
#
# cargo-fuzz needs a nightly toolchain. Where there is none the run is skipped (exit 0) unless
# FUZZ_REQUIRED=1. For a long run: `cargo +nightly fuzz run render -- -max_total_time=600`.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-30}
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

if ! cargo +nightly --version >/dev/null 2>&1; then
  if [ "${FUZZ_REQUIRED:-0}" = 1 ]; then
    echo "fuzz-smoke: no nightly toolchain" >&2
    exit 1
  fi
  say "fuzz-smoke: skipped, no nightly toolchain (cargo-fuzz needs one)"
  exit 0
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  say "installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

corpus=fuzz/corpus/render
mkdir -p "$corpus"
cp articles/*.md "$corpus"/ 2>/dev/null || true
if python3 -c 'import tomllib' 2>/dev/null; then
  python3 - "$corpus" <<'PY'
import pathlib, sys, tomllib
corpus = pathlib.Path(sys.argv[1])
cases = tomllib.loads(pathlib.Path("core/tests/xss/payloads.toml").read_text())["case"]
for i, case in enumerate(cases):
    (corpus / f"xss-{i:03}").write_text(case["markdown"])
print(f"seeded {len(cases)} XSS payloads")
PY
fi

say "fuzzing render for ${seconds}s"
cargo +nightly fuzz run render -- -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
