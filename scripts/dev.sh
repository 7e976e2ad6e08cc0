#!/usr/bin/env bash
# The main job for a newcomer: build, start a single-validator development chain on 127.0.0.1, deposit a
# file's digest, wait for finality and verify it. The node keeps running (its data under .local-net/dev);
# `scripts/dev.sh stop` stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/iprchain-target}"
state=.local-net/dev
pid_file=$state/node.pid
rpc_port=${IPRCHAIN_DEV_RPC_PORT:-9944}
# Prometheus metrics, on 127.0.0.1 only.
prometheus_port=${IPRCHAIN_DEV_PROMETHEUS_PORT:-9615}
url=ws://127.0.0.1:$rpc_port

stop() {
	if [[ -f $pid_file ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
		kill "$(cat "$pid_file")" && echo "dev: stopped node $(cat "$pid_file")"
	fi
	rm -f "$pid_file"
}

if [[ ${1:-} == stop ]]; then
	stop
	exit 0
fi

scripts/setup.sh
cargo build --workspace --bins --locked
bin=$CARGO_TARGET_DIR/debug
stop
mkdir -p "$state"
rm -rf "$state/db"
"$bin/iprchain-node" --dev --base-path "$state/db" --rpc-port "$rpc_port" \
	--listen-addr /ip4/127.0.0.1/tcp/30333 --prometheus-port "$prometheus_port" --no-telemetry --no-mdns \
	>"$state/node.log" 2>&1 &
echo $! >"$pid_file"
echo "dev: node $(cat "$pid_file") starting, log in $state/node.log"

# Wait on the RPC rather than a fixed sleep: the first start compiles the runtime.
for _ in $(seq 1 240); do
	grep -q "finalized #[1-9]" "$state/node.log" 2>/dev/null && break
	kill -0 "$(cat "$pid_file")" 2>/dev/null || { echo "dev: node exited; see $state/node.log" >&2; exit 1; }
	sleep 0.5
done
grep -q "finalized #[1-9]" "$state/node.log" || { echo "dev: node did not finalize within 120 s" >&2; exit 1; }

sample=$state/sample-evidence.txt
echo "iprchain sample evidence, created $(date -u +%FT%TZ)" >"$sample"
echo "dev: depositing $sample as //Alice (a workstation)"
"$bin/iprchain" --url "$url" evidence deposit "$sample" --kind copyright
echo "dev: verifying it against finalized state"
"$bin/iprchain" --url "$url" evidence verify "$sample"
echo "dev: node still running at $url — stop it with: scripts/dev.sh stop"
