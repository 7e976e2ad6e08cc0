#!/usr/bin/env bash
# The README's main command: on a fresh machine, install what is missing, build, start the four-node
# local Wuhan network (Donghu, Qiaokou, Jianghan, Bureau on 127.0.0.1) and run the Wuhan scenario
# through the CLI (scripts/scenario.sh): holders registered, works deposited and insured, a data set
# registered, appraised, pledged and checked by a bank, infringing copies captured, a claim paid, and
# a court's proof file verified offline. One line per step, then a summary table.
# The network is left running: scripts/local-net.sh status | logs | down.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/iprchain-target}"
started=$SECONDS

echo "== setup"
scripts/setup.sh
echo "== build (the first build of a fresh machine takes a while; later ones seconds)"
cargo build --workspace --bins --locked
echo "== the four-node Wuhan network, started fresh"
scripts/local-net.sh up --fresh
rpc_base=${IPRCHAIN_RPC_BASE:-9944}
urls=()
for i in 0 1 2 3; do urls+=("ws://127.0.0.1:$((rpc_base + i))"); done
echo "== the Wuhan scenario"
rm -rf .local-net/demo
scripts/scenario.sh "${urls[@]}" .local-net/demo .local-net/wuhan/wuhan-local.json
echo
echo "demo: done in $((SECONDS - started)) s. The network is still running:"
echo "  scripts/local-net.sh status    scripts/local-net.sh logs    scripts/local-net.sh down"
