#!/usr/bin/env bash
# Installs what the build (and, with --test, the tests) need; skips whatever is already there.
# Idempotent, so `make serve` and `make test` can call it every time on any machine.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
want_test=${1:-}

have() { command -v "$1" >/dev/null 2>&1; }
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

rustup target list --installed | grep -qx wasm32-unknown-unknown \
  || { say "adding the wasm32 target"; rustup target add wasm32-unknown-unknown; }

# The shipped module is built on nightly with build-std (see the Makefile): it needs the
# standard library's source and the wasm32 target of that toolchain.
rustup toolchain list | grep -q '^nightly' \
  || { say "installing the nightly toolchain"; rustup toolchain install nightly --profile minimal; }
rustup component list --toolchain nightly --installed | grep -q '^rust-src' \
  || { say "adding rust-src to nightly"; rustup component add rust-src --toolchain nightly; }
rustup target list --toolchain nightly --installed | grep -qx wasm32-unknown-unknown \
  || { say "adding the wasm32 target to nightly"; rustup target add wasm32-unknown-unknown --toolchain nightly; }

# rustfmt and clippy for `make lint`; minimal rustup profiles leave them out.
for component in rustfmt clippy; do
  rustup component list --installed | grep -q "^$component" \
    || { say "adding $component"; rustup component add "$component"; }
done

have wasm-pack || { say "installing wasm-pack"; cargo install wasm-pack --locked; }

# wasm-pack only uses a wasm-bindgen on PATH whose version equals the crate's; otherwise it
# downloads one, which a closed network refuses. Not --locked: one locked dependency is gone.
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# npm packages: a current wasm-opt (Debian's binaryen is too old for wasm-bindgen's output),
# and the browser-test and benchmark tools. Reinstalled only when package-lock.json changes.
if ! cmp -s package-lock.json node_modules/.installed-lock.json; then
  say "installing npm packages"
  npm ci --no-audit --no-fund
  cp package-lock.json node_modules/.installed-lock.json
fi

if [ "$want_test" = "--test" ]; then
  # The package tests' apps (tests/package/*/), each a partner's project with its own lockfile:
  # reinstalled only when that lockfile changes. The packed widget is installed by the test.
  for app in tests/package/*/package-lock.json; do
    dir=$(dirname "$app")
    if ! cmp -s "$app" "$dir/node_modules/.installed-lock.json"; then
      say "installing npm packages for $dir"
      (cd "$dir" && npm ci --no-audit --no-fund)
      cp "$app" "$dir/node_modules/.installed-lock.json"
    fi
  done

  # CJK fonts only make the screenshots legible; the tests pass without them.
  missing=()
  have chromium || missing+=(chromium)
  have chromedriver || missing+=(chromium-driver)
  [ -d /usr/share/fonts/opentype/noto ] || missing+=(fonts-noto-cjk)
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  # The Eleventy example's packages (tests/e2e/eleventy.test.mjs); reading-widget itself is a
  # link to pkg/. Reinstalled only when its package-lock.json changes.
  if ! cmp -s examples/eleventy/package-lock.json examples/eleventy/node_modules/.installed-lock.json; then
    say "installing the Eleventy example's npm packages"
    (cd examples/eleventy && npm ci --no-audit --no-fund)
    cp examples/eleventy/package-lock.json examples/eleventy/node_modules/.installed-lock.json
  fi
fi
