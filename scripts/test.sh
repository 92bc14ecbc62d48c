#!/usr/bin/env bash
# The whole test suite: formatting, lints, unit and integration tests,
# and the headless-browser test. CI runs exactly this (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-test-deps.sh
cargo fmt --all -- --check
cargo clippy --locked --all-targets -- -D warnings
cargo test --locked
