#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks to build iprchain. Idempotent: installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
# curl and python3 are used by the network and demonstration scripts; nginx and openssl by the test of
# the operator guide's TLS recipe (a bank reaching a node's RPC with a client certificate); nodejs and
# npm run smoldot, the light client the tests follow finality with.
for package in clang libclang-dev protobuf-compiler curl python3 nginx openssl; do
	dpkg -s "$package" >/dev/null 2>&1 || need_apt+=("$package")
done
# Node.js may come from elsewhere than Debian (its own npm); only a missing command is installed.
command -v node >/dev/null || need_apt+=(nodejs)
command -v npm >/dev/null || need_apt+=(npm)
if ((${#need_apt[@]})); then
	echo "setup: installing ${need_apt[*]}"
	sudo_cmd=()
	[[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
	"${sudo_cmd[@]}" apt-get update -qq
	DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${need_apt[@]}"
fi

# The runtime is compiled to wasm32v1-none; the wasm builder needs the standard library's source.
rustup target list --installed | grep -qx wasm32v1-none || rustup target add wasm32v1-none
rustup component list --installed | grep -q '^rust-src' || rustup component add rust-src
# smoldot for the light-client test, at the version package-lock.json pins (tests/light-client).
light_client=tests/light-client
if [[ ! -f $light_client/node_modules/.package-lock.json ]] ||
	[[ $light_client/package-lock.json -nt $light_client/node_modules/.package-lock.json ]]; then
	echo "setup: installing smoldot for the light-client test"
	npm ci --prefix "$light_client" --no-audit --no-fund --loglevel=error
fi
echo "setup: ok"
