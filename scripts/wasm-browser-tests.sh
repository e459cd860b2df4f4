#!/usr/bin/env bash
# The wasm-bindgen tests in headless Chrome (tests/web.rs), retried only when the test runner's
# own HTTP server stalls.
#
# wasm-bindgen-test-runner serves the test page and its ES modules itself, and now and then never
# answers a module request that Chromium sends on a connection it reuses (seen with Chromium 156:
# the page waits forever on snippets/.../options.js and shows "Loading scripts..."). That happens
# when the page asks for more files at once than Chromium opens connections to one host (six):
# with five JS snippets about half the runs stalled; with four (options.js folded into
# boundary.js) none in a row of twelve. Keep the crate's snippets few. Should it stall anyway, no
# test has run, the runner says "Failed to detect test as having been run", and only that case is
# tried again, up to three times; webdriver.json's pageLoadStrategy "none" and the timeout below
# make it show in 30 s instead of Chromedriver's 300 s page-load wait. A test that fails, or
# hangs on every attempt, fails the run.
set -uo pipefail
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-30}"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
for attempt in 1 2 3; do
  wasm-pack test --headless --chrome -- --test web 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  [ "$status" -eq 0 ] && exit 0
  grep -q "Failed to detect test as having been run" "$log" && grep -q "Loading scripts" "$log" || exit "$status"
  echo "wasm-browser-tests: the runner's server never delivered the page's modules (attempt $attempt of 3); trying again" >&2
done
exit 1
