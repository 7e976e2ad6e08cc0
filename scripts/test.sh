#!/usr/bin/env bash
# The test command: format check, build, every unit and integration test (integration tests start real
# iprchain-node processes on 127.0.0.1), then clippy.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/iprchain-target}"
start=$(date +%s)

cargo fmt --all --check
# Always the whole workspace: the same feature set every time, so nothing is rebuilt needlessly.
cargo build --workspace --bins --locked
cargo test --workspace --locked
cargo clippy --workspace --all-targets --locked -- -D warnings

echo "test.sh: all passed in $(($(date +%s) - start)) s"
