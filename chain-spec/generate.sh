#!/usr/bin/env bash
# Writes the wuhan-local chain spec: the `local` preset (four validators Donghu, Qiaokou, Jianghan,
# Bureau on development keys; council; well-known nodes) plus bootnodes on 127.0.0.1 for the four
# published development node keys. Usage: chain-spec/generate.sh [OUT.json] (default
# chain-spec/wuhan-local.json). The runtime code is embedded, so regenerate after every runtime change.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/iprchain-target}"
bin=${IPRCHAIN_BIN_DIR:-$CARGO_TARGET_DIR/debug}
out=${1:-chain-spec/wuhan-local.json}
p2p_base=${IPRCHAIN_P2P_BASE:-30333}

bootnodes=()
key_file=$(mktemp)
trap 'rm -f "$key_file"' EXIT
for i in 1 2 3 4; do
	printf '%064x' $((0x1ab50000 + i)) >"$key_file"
	peer=$("$bin/iprchain-node" key inspect-node-key --file "$key_file")
	bootnodes+=("/ip4/127.0.0.1/tcp/$((p2p_base + i - 1))/p2p/$peer")
done

"$bin/iprchain-node" build-spec --chain local --disable-default-bootnode 2>/dev/null |
	BOOTNODES="${bootnodes[*]}" python3 -c '
import json, os, sys
spec = json.load(sys.stdin)
spec["name"] = "iprchain Wuhan local"
spec["id"] = "iprchain_wuhan_local"
spec["bootNodes"] = os.environ["BOOTNODES"].split()
json.dump(spec, sys.stdout, indent=1)
' >"$out"
echo "wrote $out"
