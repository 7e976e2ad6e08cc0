#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks to build iprchain. Idempotent: installs only what is missing.
set -euo pipefail

need_apt=()
# curl and python3 are used by the network and demonstration scripts.
for package in clang libclang-dev protobuf-compiler curl python3; do
	dpkg -s "$package" >/dev/null 2>&1 || need_apt+=("$package")
done
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
echo "setup: ok"
