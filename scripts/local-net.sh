#!/usr/bin/env bash
# The local Wuhan network: four validators (Donghu, Qiaokou, Jianghan, Bureau) on 127.0.0.1.
#   scripts/local-net.sh up       build if needed, start the four nodes, wait until they finalize
#   scripts/local-net.sh down     stop the nodes this script started (and only those)
#   scripts/local-net.sh status   best/finalized block of each node
#   scripts/local-net.sh logs [N] tail the log of node N (donghu|qiaokou|jianghan|bureau), default all
# Data lives in .local-net/ (ignored by git); `up` keeps an existing chain, `up --fresh` wipes it first.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/iprchain-target}"
bin=${IPRCHAIN_BIN_DIR:-$CARGO_TARGET_DIR/debug}
state=.local-net/wuhan

names=(donghu qiaokou jianghan bureau)
dev_keys=(alice bob charlie dave)
# Fixed, published node keys (development only!) so peer ids, bootnodes and the genesis list of
# authorized nodes are stable; the same keys as the integration tests' `test_node_key`.
node_keys=(
	000000000000000000000000000000000000000000000000000000001ab50001
	000000000000000000000000000000000000000000000000000000001ab50002
	000000000000000000000000000000000000000000000000000000001ab50003
	000000000000000000000000000000000000000000000000000000001ab50004
)
p2p_base=${IPRCHAIN_P2P_BASE:-30333}
rpc_base=${IPRCHAIN_RPC_BASE:-9944}
# Prometheus metrics on 127.0.0.1 only (the node's default interface); docs/operator-guide.md lists the
# ones to alert on.
prometheus_base=${IPRCHAIN_PROMETHEUS_BASE:-9615}

rpc() { # rpc PORT METHOD [PARAMS_JSON]
	curl -s --max-time 2 -H 'Content-Type: application/json' \
		-d "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$2\",\"params\":${3:-[]}}" "http://127.0.0.1:$1"
}

block_numbers() { # prints "best finalized" of the node on PORT, or nothing if it does not answer
	local port=$1 best finalized_hash finalized
	best=$(rpc "$port" chain_getHeader | python3 -c 'import json,sys; print(int(json.load(sys.stdin)["result"]["number"],16))' 2>/dev/null) || return 0
	finalized_hash=$(rpc "$port" chain_getFinalizedHead | python3 -c 'import json,sys; print(json.load(sys.stdin)["result"])' 2>/dev/null) || return 0
	finalized=$(rpc "$port" chain_getHeader "[\"$finalized_hash\"]" | python3 -c 'import json,sys; print(int(json.load(sys.stdin)["result"]["number"],16))' 2>/dev/null) || return 0
	echo "$best $finalized"
}

peer_id() { # peer id of node i
	local key_file=$state/${names[$1]}/node-key
	"$bin/iprchain-node" key inspect-node-key --file "$key_file"
}

up() {
	[[ ${1:-} == --fresh ]] && down && rm -rf "$state"
	[[ -x $bin/iprchain-node ]] || cargo build --workspace --bins --locked
	mkdir -p "$state"
	chain-spec/generate.sh "$state/wuhan-local.json" >/dev/null
	for i in "${!names[@]}"; do
		mkdir -p "$state/${names[$i]}"
		printf '%s' "${node_keys[$i]}" >"$state/${names[$i]}/node-key"
	done
	local bootnodes=()
	for i in "${!names[@]}"; do
		bootnodes+=("/ip4/127.0.0.1/tcp/$((p2p_base + i))/p2p/$(peer_id "$i")")
	done
	for i in "${!names[@]}"; do
		local name=${names[$i]} dir=$state/${names[$i]}
		if [[ -f $dir/pid ]] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
			echo "$name already running (pid $(cat "$dir/pid"))"
			continue
		fi
		"$bin/iprchain-node" --chain "$state/wuhan-local.json" --base-path "$dir" --name "$name" "--${dev_keys[$i]}" \
			--node-key-file "$dir/node-key" \
			--listen-addr "/ip4/127.0.0.1/tcp/$((p2p_base + i))" \
			--rpc-port $((rpc_base + i)) --bootnodes "${bootnodes[@]}" \
			--blocks-pruning archive --prometheus-port $((prometheus_base + i)) --no-telemetry --no-mdns \
			>"$dir/node.log" 2>&1 &
		echo $! >"$dir/pid"
		echo "$name: pid $!, rpc ws://127.0.0.1:$((rpc_base + i)), metrics http://127.0.0.1:$((prometheus_base + i))/metrics, log $dir/node.log"
	done
	echo "waiting for all four nodes to finalize…"
	local deadline=$((SECONDS + 240))
	while ((SECONDS < deadline)); do
		local ready=0
		for i in "${!names[@]}"; do
			read -r _ finalized <<<"$(block_numbers $((rpc_base + i)))"
			[[ -n ${finalized:-} && $finalized -gt 0 ]] && ready=$((ready + 1))
			finalized=
		done
		if ((ready == ${#names[@]})); then
			status
			return 0
		fi
		sleep 1
	done
	echo "local-net: not all nodes finalized within 240 s; see $state/*/node.log" >&2
	status
	return 1
}

down() {
	for name in "${names[@]}"; do
		local pid_file=$state/$name/pid
		if [[ -f $pid_file ]]; then
			local pid
			pid=$(cat "$pid_file")
			# Only a process we started, still running our binary, is stopped.
			if kill -0 "$pid" 2>/dev/null && grep -q iprchain-node "/proc/$pid/cmdline" 2>/dev/null; then
				kill "$pid"
				echo "$name: stopped (pid $pid)"
			fi
			rm -f "$pid_file"
		fi
	done
}

status() {
	printf '%-10s %-24s %8s %10s\n' node rpc best finalized
	for i in "${!names[@]}"; do
		local numbers
		numbers=$(block_numbers $((rpc_base + i)))
		read -r best finalized <<<"${numbers:-down -}"
		printf '%-10s %-24s %8s %10s\n' "${names[$i]}" "ws://127.0.0.1:$((rpc_base + i))" "$best" "$finalized"
	done
}

logs() {
	if [[ -n ${1:-} ]]; then
		tail -n 50 "$state/$1/node.log"
	else
		for name in "${names[@]}"; do
			echo "== $name"
			tail -n 10 "$state/$name/node.log" 2>/dev/null || true
		done
	fi
}

case ${1:-} in
up) shift; up "$@" ;;
down) down ;;
status) status ;;
logs) shift; logs "$@" ;;
*)
	sed -n '2,7p' "$0"
	exit 2
	;;
esac
