# Two entry points for a fresh machine (see README):
#   make serve   build the widget and serve the host page at http://127.0.0.1:$(PORT)/www/index.html
#   make test    run every test: formatting and lints, native (both crates), a fuzzing smoke
#                run, wasm (headless Chrome and Node), the size budget, end-to-end in Chromium
# Both install whatever is missing first (scripts/setup.sh) and skip what is already there.

PORT ?= 8080
# Cargo's bin dir and npm's current wasm-opt come first: wasm-pack picks the first wasm-opt on PATH.
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

.PHONY: serve build test lint test-native test-fuzz test-wasm test-size test-e2e test-package setup setup-test bench fuzz clean

serve: build
	@echo "Serving http://127.0.0.1:$(PORT)/www/index.html"
	python3 -m http.server $(PORT) --bind 127.0.0.1

# The shipped module is built with nightly's build-std: the standard library compiled again for
# size (optimize_for_size), with no file and line strings for panics (location-detail=none) and
# Debug formatting compiled out (fmt-debug=none; messages quote values with quote::quoted). About
# 17 KB gzip less than the same code on stable. The end-to-end tests run this output; the lints and
# the wasm-pack tests stay on stable.
RELEASE_WASM := RUSTUP_TOOLCHAIN=nightly CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
	CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size RUSTFLAGS="-Zlocation-detail=none -Zfmt-debug=none"

# The full build into pkg/, the hydrate-only build (no Markdown parser, TOML or compiled-in CSS)
# beside it, and the embed entries and stylesheet (scripts/finish-pkg.mjs).
build: setup
	node scripts/minify-css.mjs
	$(RELEASE_WASM) READING_WIDGET_CSS=target/style.min.css READING_WIDGET_LIGHT_CSS=target/style-light.min.css wasm-pack build --release --target web
	$(RELEASE_WASM) wasm-pack build --release --target web --out-dir target/hydrate-pkg --out-name reading_widget_hydrate \
		-- --no-default-features
	node scripts/finish-pkg.mjs
	node scripts/build-render.mjs
	cargo build --release --locked -p reading-widget-cli
	target/release/reading-widget render articles/sample.md --page --assets ../pkg > www/prerendered.html
	sed -i 's|</head>|<link rel="icon" href="favicon.svg" type="image/svg+xml">\n</head>|' www/prerendered.html
	target/release/reading-widget render articles/sample.md --assets ../pkg > www/sample.fragment.html
	target/release/reading-widget render articles --out www/editions --assets ../../pkg --strict

setup:
	@scripts/setup.sh

setup-test:
	@scripts/setup.sh --test

test: setup-test lint test-native test-fuzz test-wasm build test-size test-e2e test-package

# rustfmt and clippy hold the code's shape on every run: the workspace natively, the wasm crate
# (with its browser tests) for wasm32, and the fuzz target, which is a workspace of its own.
lint:
	python3 scripts/check-module-imports.py
	cargo fmt --all --check
	cd fuzz && cargo fmt --check
	cargo clippy --locked --workspace --all-targets -- -D warnings
	cargo clippy --locked --target wasm32-unknown-unknown -p reading-widget -p reading-widget-render --all-targets -- -D warnings

# Both crates: the core's unit, property, XSS-corpus and pathological-input tests, and the
# wasm crate's native unit tests.
test-native:
	cargo test --locked --workspace

# A 30-second smoke run of the fuzzer (nightly + cargo-fuzz); `make fuzz` runs it for 10 minutes.
test-fuzz:
	scripts/fuzz-smoke.sh

fuzz:
	FUZZ_SECONDS=600 scripts/fuzz-smoke.sh

# The download size is deterministic, so it is checked on every run (size-budget.json).
test-size:
	node scripts/check-size.mjs

test-wasm:
	scripts/wasm-browser-tests.sh
	wasm-pack test --node -- --lib

test-e2e:
	node --test tests/e2e/

# The npm package as a partner installs it (tests/package): `npm pack` of pkg/, publint and attw
# on the tarball, apps built with Vite 6, the current Vite and webpack 5 against it and opened in
# Chromium, every entry imported in Node, and the type tests (tsc and vue-tsc, with the errors
# the bad usages must give). The apps' bundlers come from scripts/setup.sh --test.
test-package:
	node --test tests/package/

# Benchmarks are separate from the tests: timings vary, so nothing here can fail a build. Their
# own npm packages (zero-md and what it loads, Lighthouse) live in bench/package.json, installed
# here when missing, so `make test` never installs them.
bench: build
	@test -d bench/node_modules/zero-md -a -d bench/node_modules/lighthouse || npm ci --prefix bench --no-audit --no-fund
	node bench/run.mjs
	node bench/lighthouse.mjs
	node bench/shapes.mjs
	node bench/render.mjs

clean:
	rm -rf pkg target node_modules
