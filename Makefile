# The two everyday commands are `make demo` and `make test`; both install what
# they need first. CARGO_TARGET_DIR may point outside the checkout to reuse builds.

CARGO ?= cargo
CARGO_TARGET_DIR_OR_DEFAULT := $(if $(CARGO_TARGET_DIR),$(CARGO_TARGET_DIR),target)

# The PostgreSQL server the store tests run against (they create and drop a
# database of their own per test). Point it elsewhere as needed.
KVITAS_TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/test
export KVITAS_TEST_DATABASE_URL

# Programs the tests start (an S3-compatible server) are installed here.
KVITAS_TOOLS ?= $(HOME)/.cache/kvitas/tools
KVITAS_TEST_S3_SERVER ?= $(KVITAS_TOOLS)/venv/bin/moto_server
export KVITAS_TEST_S3_SERVER

.PHONY: setup test-tools build demo test lint samples bench bench-service fuzz

setup:
	@scripts/setup-system

test-tools: setup
	@scripts/setup-test-tools "$(KVITAS_TOOLS)"

build: setup
	$(CARGO) build --release --bin kvitas

# Starts the service on the embedded default (SQLite and files under
# kvitas-data/) with the sample documents loaded; prints an API key and the
# address of the API docs. Stop it with Ctrl-C.
demo: setup
	$(CARGO) run --bin kvitas -- serve --data-dir kvitas-data --listen 127.0.0.1:8080 --demo samples/

# Formatting, lints and every test of the workspace; the tests include
# extraction-quality floors on corpus subsets (`kvitas eval`).
test: setup test-tools
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	$(CARGO) test --workspace

# Regenerates samples/ (needs the DejaVu fonts: fonts-dejavu-core).
samples:
	KVITAS_SETUP_EXTRA=fonts-dejavu-core scripts/setup-system
	$(CARGO) run -p kvitas --example make_samples -- samples

bench: setup
	$(CARGO) run --release --bin kvitas -- bench

# The service's figures: queue page latency with a million documents on
# SQLite and on PostgreSQL (KVITAS_TEST_DATABASE_URL), and uploads per second
# with wrk. Each prints its baseline from the same run.
bench-service:
	KVITAS_SETUP_EXTRA=wrk scripts/setup-system
	$(CARGO) build --release --bin kvitas
	$(CARGO_TARGET_DIR_OR_DEFAULT)/release/kvitas bench queue --backend sqlite
	$(CARGO_TARGET_DIR_OR_DEFAULT)/release/kvitas bench queue --backend postgres --postgres-url $(KVITAS_TEST_DATABASE_URL)
	$(CARGO_TARGET_DIR_OR_DEFAULT)/release/kvitas bench uploads
