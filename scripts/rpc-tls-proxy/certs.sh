#!/usr/bin/env bash
# Certificates for the RPC TLS proxy (docs/operator-guide.md, "A bank reaches a node's RPC"), with
# Debian's openssl:
#   certs.sh ca DIR               the consortium's client CA: DIR/ca.pem (give to every proxy), DIR/ca.key
#                                 (kept offline by whoever admits banks)
#   certs.sh server DIR HOST      the proxy's certificate for HOST (a DNS name or an IP address), signed by
#                                 DIR's CA: DIR/server.pem, DIR/server.key (use a public CA's where banks
#                                 expect one)
#   certs.sh client DIR NAME      a bank's client certificate, signed by DIR's CA: DIR/NAME.pem, DIR/NAME.key
# Keys are P-256 and never leave DIR; certificates last DAYS days (default 365).
set -euo pipefail
usage() {
	sed -n '2,10p' "$0" >&2
	exit 2
}
[[ $# -ge 2 ]] || usage
what=$1 dir=$2
days=${DAYS:-365}
mkdir -p "$dir"
new_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; chmod 600 "$1"; }
sign() { # sign NAME SUBJECT EXTENSIONS
	new_key "$dir/$1.key"
	openssl req -new -key "$dir/$1.key" -subj "$2" -out "$dir/$1.csr"
	printf '%b' "$3" >"$dir/$1.ext"
	openssl x509 -req -in "$dir/$1.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial \
		-days "$days" -extfile "$dir/$1.ext" -out "$dir/$1.pem" 2>/dev/null
	rm -f "$dir/$1.csr" "$dir/$1.ext"
}
case $what in
ca)
	[[ ! -e $dir/ca.key ]] || { echo "certs.sh: $dir/ca.key exists; not replacing a CA" >&2; exit 1; }
	new_key "$dir/ca.key"
	openssl req -x509 -new -key "$dir/ca.key" -subj "/O=iprchain consortium/CN=iprchain RPC client CA" \
		-days "$days" -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
		-out "$dir/ca.pem"
	;;
server)
	[[ $# -eq 3 ]] || usage
	host=$3
	if [[ $host =~ ^[0-9.]+$ || $host == *:* ]]; then san="IP:$host"; else san="DNS:$host"; fi
	sign server "/O=iprchain consortium/CN=$host" \
		"basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=$san\n"
	;;
client)
	[[ $# -eq 3 && $3 =~ ^[A-Za-z0-9._-]+$ ]] || usage
	sign "$3" "/O=iprchain consortium/CN=$3" \
		"basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=clientAuth\n"
	;;
*) usage ;;
esac
echo "certs.sh: $what written to $dir"
