# Headroom — the two commands of the README, and a few conveniences.
#
#   make demo        set up, build (release) and run the example scenario
#   make test        set up, build (release) and run every test, then every example scenario
#   make bench       run the benchmarks (release)

SWIFT ?= swift
CONFIG ?= release
BIN = .build/$(CONFIG)/headroom

.PHONY: setup build demo test examples bench clean

setup:
	@./scripts/setup.sh

build: setup
	$(SWIFT) build -c $(CONFIG) --product headroom

demo: build
	$(BIN) run Scenarios/startup-mvp.json

# The statistical tests size their runs for optimized code, so the suite runs in release mode;
# -enable-testing lets tests use @testable imports in an optimized build. The binary used by
# `examples` comes from the same build, so nothing compiles twice.
TEST_FLAGS = -c $(CONFIG) -Xswiftc -enable-testing

test: setup
	$(SWIFT) build $(TEST_FLAGS) --build-tests
	$(SWIFT) test $(TEST_FLAGS) --skip-build
	@$(MAKE) --no-print-directory examples

# Every example scenario must run and give byte-identical JSON and HTML reports twice in a row
# (the same command both times: the page prints its command line), and the HTML report must pass
# scripts/check-html.py (well-formed, nothing outside itself); each Swift example (Scenarios/Swift/<Name>,
# an executable target built by the same `swift build`) too, and the JSON it emits must validate.
# Exit code 3 (an SLA objective failed) is a result, not an error: paid-api.json fails its cost
# objective on purpose.
examples:
	@set -e; for f in Scenarios/*.json; do \
		$(BIN) run "$$f" --format json --output .build/example.json --html .build/example.html || [ $$? -eq 3 ]; \
		mv .build/example.json .build/example-a.json; mv .build/example.html .build/example-a.html; \
		$(BIN) run "$$f" --format json --output .build/example.json --html .build/example.html || [ $$? -eq 3 ]; \
		cmp -s .build/example.json .build/example-a.json || { echo "examples: $$f is not deterministic" >&2; exit 1; }; \
		cmp -s .build/example.html .build/example-a.html || { echo "examples: $$f's HTML report is not deterministic" >&2; exit 1; }; \
		python3 scripts/check-html.py .build/example.html; \
		echo "examples: $$f ok"; \
	done
	@set -e; for d in Scenarios/Swift/*/; do \
		name=$$(basename "$$d"); exe=.build/$(CONFIG)/$$name; \
		$$exe --format json --output .build/example.json --html .build/example.html; \
		mv .build/example.json .build/example-a.json; mv .build/example.html .build/example-a.html; \
		$$exe --format json --output .build/example.json --html .build/example.html; \
		cmp -s .build/example.json .build/example-a.json || { echo "examples: $$d is not deterministic" >&2; exit 1; }; \
		cmp -s .build/example.html .build/example-a.html || { echo "examples: $$d's HTML report is not deterministic" >&2; exit 1; }; \
		python3 scripts/check-html.py .build/example.html; \
		$$exe --emit-json .build/example-scenario.json; \
		$(BIN) validate .build/example-scenario.json >/dev/null; \
		echo "examples: $$d ok"; \
	done

bench: setup
	$(SWIFT) run -c release headroom-benchmarks

clean:
	rm -rf .build
