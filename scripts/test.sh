#!/usr/bin/env bash
# The whole test suite: formatting, lints, unit and integration tests,
# and the headless-browser test, then the integration suite again on a
# throwaway PostgreSQL. CI runs exactly this (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-test-deps.sh
cargo fmt --all -- --check
cargo clippy --locked --all-targets -- -D warnings
cargo test --locked
# The integration suite on the second engine: a cluster in a temporary
# folder, a database per test copied from a migrated template, stopped
# and removed however the run ends.
pg_dir=$(mktemp -d /tmp/thidua-pg.XXXXXX)
trap 'scripts/postgres.sh stop "$pg_dir"' EXIT
export "$(scripts/postgres.sh start "$pg_dir")"
cargo test --locked --test app
unset THIDUA_TEST_POSTGRES
# The short soak (about 20 s on the debug build cargo test just made):
# saves acknowledged across kill -9 and a backup taken during saves.
scripts/soak.sh --short
