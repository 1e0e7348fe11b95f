# The README's two commands are `make run` and `make test`; everything else is for developers.
# Each target sets up the Debian packages it needs first (scripts/setup-deps.sh is idempotent).

JOBS    ?= $(shell nproc)
KOPA    := build/release/sim/kopa
RESULTS ?= results/default.h5
REPORT  := $(RESULTS:.h5=.html)

.PHONY: run test setup build serve asan asan-build bench fuzz format format-check clean

setup:
	@./scripts/setup-deps.sh

build: setup
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)

# The main job: the shipped default scenarios (baseline, seed_funding, one_roof,
# knowledge_exchange, combined), the comparison table against the baseline, and the page of
# charts beside it (kopa report prints its path).
run: build
	@mkdir -p $(dir $(RESULTS))
	@$(KOPA) run --force -o $(RESULTS)
	@$(KOPA) compare $(RESULTS)
	@echo "Charts, tables and provenance (open in a browser):"
	@$(KOPA) report $(RESULTS) --force -o $(REPORT)

# The workshop page (docs/serve.md): open the URL it prints; Ctrl-C stops it.
PORT ?= 8080
HOST ?= 127.0.0.1
serve: build
	@$(KOPA) serve --port $(PORT) --host $(HOST)

test: build
	@ctest --preset release -j $(JOBS)

# The sanitizer build (clang) holds the libFuzzer targets too: CI compiles it once for both.
asan-build: setup
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan -j $(JOBS)

asan: asan-build
	@ctest --preset asan -j $(JOBS)

# The performance suite (docs/performance.md); results/bench.json keeps every repetition.
bench: build
	@./bench/run-bench.sh build/release/bench/kopa_bench results/bench.json

FUZZ_SECONDS ?= 60
fuzz: asan-build
	@./tests/fuzz/run-fuzz.sh build/asan $(FUZZ_SECONDS)

FORMAT_FILES = $(shell git ls-files --cached --others --exclude-standard '*.cpp' '*.hpp' | xargs -r ls 2>/dev/null)
format:
	@clang-format -i $(FORMAT_FILES)

format-check:
	@clang-format --dry-run -Werror $(FORMAT_FILES)

clean:
	@rm -rf build
