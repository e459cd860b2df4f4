# Two entry points for a fresh machine (see README):
#   make serve   build the widget and serve the host page at http://127.0.0.1:$(PORT)/www/index.html
#   make test    run every test: native, a fuzzing smoke run, wasm (headless Chrome and Node),
#                the size budget, end-to-end in Chromium
# Both install whatever is missing first (scripts/setup.sh) and skip what is already there.

PORT ?= 8080
# Cargo's bin dir and npm's current wasm-opt come first: wasm-pack picks the first wasm-opt on PATH.
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

.PHONY: serve build test test-native test-fuzz test-wasm test-size test-e2e setup setup-test bench fuzz clean

serve: build
	@echo "Serving http://127.0.0.1:$(PORT)/www/index.html"
	python3 -m http.server $(PORT) --bind 127.0.0.1

build: setup
	wasm-pack build --release --target web
	node scripts/finish-pkg.mjs

setup:
	@scripts/setup.sh

setup-test:
	@scripts/setup.sh --test

test: setup-test test-native test-fuzz test-wasm build test-size test-e2e

test-native:
	cargo test --locked

# A 30-second smoke run of the fuzzer (nightly + cargo-fuzz); `make fuzz` runs it for 10 minutes.
test-fuzz:
	scripts/fuzz-smoke.sh

fuzz:
	FUZZ_SECONDS=600 scripts/fuzz-smoke.sh

# The download size is deterministic, so it is checked on every run (size-budget.json).
test-size:
	node scripts/check-size.mjs

test-wasm:
	wasm-pack test --headless --chrome -- --test web
	wasm-pack test --node -- --test node

test-e2e:
	node --test tests/e2e/

# Benchmarks are separate from the tests: timings vary, so nothing here can fail a build.
bench: build
	node bench/run.mjs

clean:
	rm -rf pkg target node_modules
