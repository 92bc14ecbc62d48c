#!/usr/bin/env bash
# The whole test suite: formatting, lints, unit and integration tests,
# and the headless-browser test. CI runs exactly this (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-test-deps.sh
cargo fmt --all -- --check
cargo clippy --locked --all-targets -- -D warnings
cargo test --locked
# The short soak (about 20 s on the debug build cargo test just made):
# saves acknowledged across kill -9 and a backup taken during saves.
scripts/soak.sh --short
