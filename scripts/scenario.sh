#!/usr/bin/env bash
# The Wuhan scenario, through the `iprchain` CLI only, against a running four-node network:
#   scripts/scenario.sh DONGHU_URL QIAOKOU_URL JIANGHAN_URL BUREAU_URL WORKDIR [CHAIN_SPEC]
# CHAIN_SPEC is the network's published chain spec (default: the `local` preset the network runs); the
# court verifies its proof file against it, not against anything a node says.
# Each actor talks to "its" node: the workstations to Donghu and Qiaokou, the insurer and the bank to
# Jianghan, the court to Bureau, so every step also shows the record replicated to another node.
# Prints one line per step and a summary table; exits non-zero at the first step that fails, with
# that step's output. scripts/demo.sh runs it on scripts/local-net.sh's network; the wuhan_scenario
# integration test runs it on a network of its own.
set -euo pipefail
cd "$(dirname "$0")/.."
if (($# != 5 && $# != 6)); then
	sed -n '2,10p' "$0" >&2
	exit 2
fi
donghu=$1 qiaokou=$2 jianghan=$3 bureau=$4 work=$5 shown_work=$5 chain_spec=${6:-local}
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/iprchain-target}"
bin=${IPRCHAIN_BIN_DIR:-$CARGO_TARGET_DIR/debug}
mkdir -p "$work"
work=$(cd "$work" && pwd)
log=$work/scenario.log
: >"$log"
summary=()
step_number=0

# Development accounts and their roles in the wuhan-local genesis: //Alice Donghu workstation and
# Data Bureau registrar, //Bob Qiaokou workstation, //Charlie appraiser, //Dave bank and insurer,
# //Eve court. The two right holders are new accounts a workstation registers below.
account() { "$bin/iprchain-node" key inspect --output-type json "$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["ss58Address"])'; }
society=$(account //HuanghelouCalligraphySociety)
company=$(account //GuangguDataTechnology)
dave=$(account //Dave)

# run URL SURI ARGS…: one CLI call, JSON out, kept in the log; fails the scenario with its output.
run() {
	local url=$1 suri=$2
	shift 2
	local out
	echo "\$ iprchain --url $url --suri $suri $*" >>"$log"
	if ! out=$("$bin/iprchain" --url "$url" --suri "$suri" --json "$@" 2>&1); then
		echo "$out" >>"$log"
		echo "FAILED: iprchain $*" >&2
		echo "$out" >&2
		exit 1
	fi
	echo "$out" >>"$log"
	printf '%s' "$out"
}

# field JSON PYTHON_EXPRESSION_OF_j: one value out of a JSON answer; cny(FEN) writes fen as yuan.
field() {
	python3 -c 'import json,sys
def cny(fen): return f"{int(fen) // 100:,}.{int(fen) % 100:02d} CNY"
j = json.loads(sys.argv[1])
print(eval(sys.argv[2]))' "$1" "$2"
}

# synced URL BLOCK: waits (at most 60 s) until the node at URL has finalized block BLOCK, so a read there
# sees what was just written through another node; the nodes finalize the same blocks, but each
# learns of it on its own schedule.
synced() {
	local http=${1/#ws:/http:} deadline=$((SECONDS + 60)) finalized
	while ((SECONDS < deadline)); do
		finalized=$(curl -s --max-time 2 -H 'Content-Type: application/json' \
			-d '{"jsonrpc":"2.0","id":1,"method":"chain_getFinalizedHead","params":[]}' "$http" |
			python3 -c 'import json,sys; print(json.load(sys.stdin)["result"])' 2>/dev/null) &&
			finalized=$(curl -s --max-time 2 -H 'Content-Type: application/json' \
				-d "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"chain_getHeader\",\"params\":[\"$finalized\"]}" "$http" |
				python3 -c 'import json,sys; print(int(json.load(sys.stdin)["result"]["number"], 16))' 2>/dev/null) &&
			((finalized >= $2)) && return 0
		sleep 0.5
	done
	echo "FAILED: the node at $1 did not finalize block #$2 within 60 s" >&2
	exit 1
}

say() { # say ACTOR TEXT: the step's one line
	step_number=$((step_number + 1))
	printf '%2d. %-28s %s\n' "$step_number" "$1" "$2"
}

remember() { summary+=("$1|$2"); }

started=$SECONDS

# --- The files involved, made here so the scenario needs nothing from outside --------------------
mkdir -p "$work/files"
printf '<svg xmlns="http://www.w3.org/2000/svg"><text>黄鹤楼书法 trademark artwork, v3</text></svg>\n' \
	>"$work/files/huanghelou-trademark.svg"
printf '《黄鹤楼》书法作品集 — calligraphy collection, 48 works, scanned at 1200 dpi (%s)\n' "$work" \
	>"$work/files/huanghelou-calligraphy-collection.txt"
printf 'Screenshot and page archive of an online shop selling prints of the Huanghelou calligraphy (%s)\n' \
	"$work" >"$work/files/infringing-copy-shop-capture.txt"
printf 'station_id,timestamp,passengers\n' >"$work/files/structure.csv"
printf 'WH-0001,2026-11-01T08:00:00+08:00,1532\n' >"$work/files/sample.csv"
printf 'Aggregated per station and hour; personal data removed before collection (%s).\n' "$work" \
	>"$work/files/rules.txt"
printf 'Income-approach appraisal of the Optics Valley metro ridership data set: 18,500,000 CNY.\n' \
	>"$work/files/appraisal-report.txt"
printf 'Claim settlement notice: loss from online sales of unlicensed prints, 300,000 CNY approved.\n' \
	>"$work/files/settlement-notice.txt"

# --- Right holders -----------------------------------------------------------------------------------
answer=$(run "$qiaokou" //Bob holder register "$society" --uscc 51420100MJ1234567B)
say "Qiaokou workstation" "registered the Huanghelou Calligraphy Society as a right holder (block #$(field "$answer" 'j["blockNumber"]'))"
answer=$(run "$donghu" //Alice holder register "$company" --uscc 91420100MA4K12345K)
say "Donghu workstation" "registered Guanggu Data Technology Co. as a right holder (block #$(field "$answer" 'j["blockNumber"]'))"

# --- Evidence and insurance --------------------------------------------------------------------------
answer=$(run "$qiaokou" //Bob evidence deposit "$work/files/huanghelou-trademark.svg" --kind trademark \
	--title "Huanghelou calligraphy trademark artwork" --on-behalf-of "$society")
artwork=sha256:$(field "$answer" 'j[0]["receipt"]["digest"]')
artwork_block=$(field "$answer" 'j[0]["receipt"]["blockNumber"]')
say "Qiaokou workstation" "deposited the society's trademark artwork, $artwork (block #$artwork_block)"
remember "trademark artwork deposit" "$artwork, block #$artwork_block"
answer=$(run "$qiaokou" //Bob evidence deposit "$work/files/huanghelou-calligraphy-collection.txt" \
	--kind copyright --title "Huanghelou calligraphy collection" --on-behalf-of "$society")
collection=sha256:$(field "$answer" 'j[0]["receipt"]["digest"]')
say "Qiaokou workstation" "deposited the society's copyright collection, $collection"

policy_no="PICC-WH-$(date -u +%Y%m%d%H%M%S)-IP01"
answer=$(run "$jianghan" //Dave policy bind --policy-no "$policy_no" --insured "$society" \
	--subject "$artwork" --subject "$collection" --coverage-cny 5000000 --premium-cny 25000 --days 365)
policy=$(field "$answer" 'j["policy"]')
say "Insurer (at Jianghan)" "bound infringement-loss policy $policy_no: 5,000,000.00 CNY over both works"
remember "insurance policy" "$policy_no (id $policy), coverage 5,000,000.00 CNY"

# --- Data-IP registration ------------------------------------------------------------------------------
# //Alice is also the registrar, who may not decide an application it filed: the Qiaokou workstation files.
answer=$(run "$qiaokou" //Bob asset apply --holder "$company" --name "Optics Valley metro ridership 2026" \
	--category 5411 --source own-collection --scale "12 million rows, 1.4 GB" --format "CSV, UTF-8" \
	--update-frequency daily --structure-file "$work/files/structure.csv" \
	--sample-file "$work/files/sample.csv" --rules-file "$work/files/rules.txt")
asset=$(field "$answer" 'j["asset"]')
notice_until=$(field "$answer" 'j["noticeUntil"]')
say "Qiaokou workstation" "filed the company's data-IP application: asset $asset, public notice until $(date -u -d "@$((notice_until / 1000))" +%H:%M:%S) UTC"
# The notice period of the scenario presets is 10 s; approval before its end is refused.
while (($(date +%s%3N) <= notice_until)); do sleep 1; done
answer=$(run "$donghu" //Alice asset approve "$asset")
certificate=$(field "$answer" 'j["certificateNo"]')
registration=$(field "$answer" 'j["registrationNo"]')
say "Data Bureau registrar" "approved after the notice: certificate $certificate, registration $registration"
remember "data-IP certificate" "$certificate (asset $asset)"

answer=$(run "$donghu" //Charlie valuation submit "$asset" --value-cny 18500000 --method income \
	--report-file "$work/files/appraisal-report.txt" --days 180)
say "Appraiser" "valued asset $asset at 18,500,000.00 CNY (income approach), valid 180 days"
synced "$jianghan" "$(field "$answer" 'j["blockNumber"]')"
remember "valuation" "18,500,000.00 CNY, income approach"

# --- Pledge financing ----------------------------------------------------------------------------------
answer=$(run "$jianghan" //Dave bank check "$certificate" --finalized)
say "Bank (at Jianghan)" "checked certificate $certificate over RPC: $(field "$answer" '"LENDABLE" if j["lending"]["lendable"] else "NOT LENDABLE"')"
answer=$(run "$donghu" //GuangguDataTechnology pledge propose "$asset" --bank "$dave" --amount-cny 10000000 --days 365)
pledge=$(field "$answer" 'j["pledge"]')
say "Guanggu Data Technology" "proposed pledge $pledge of asset $asset to the bank for 10,000,000.00 CNY"
answer=$(run "$jianghan" //Dave pledge accept "$pledge")
say "Bank (at Jianghan)" "accepted pledge $pledge, relying on valuation #$(field "$answer" 'j["valuationIndex"]')"
synced "$bureau" "$(field "$answer" 'j["blockNumber"]')"
remember "pledge" "#$pledge, 10,000,000.00 CNY to the bank, active"
# A second lender's check now says no: the asset is already pledged.
set +e
second=$("$bin/iprchain" --url "$bureau" --json bank check "$certificate" --finalized 2>>"$log")
second_code=$?
set -e
echo "$second" >>"$log"
if ((second_code != 1)); then
	echo "FAILED: a second bank check of a pledged asset exited $second_code, expected 1" >&2
	exit 1
fi
say "Another bank (at Bureau)" "checked again: NOT LENDABLE — $(field "$second" '"; ".join(j["lending"]["reasons"])')"

# --- Infringement, claim, payment ----------------------------------------------------------------------
answer=$(run "$qiaokou" //Bob evidence deposit "$work/files/infringing-copy-shop-capture.txt" \
	--kind infringement --title "Online shop selling unlicensed Huanghelou prints" --on-behalf-of "$society")
infringement=sha256:$(field "$answer" 'j[0]["receipt"]["digest"]')
say "Qiaokou workstation" "captured the infringing copies as evidence (取证), $infringement"
run "$qiaokou" //Bob evidence link-infringement "$infringement" --subject "$artwork" >/dev/null
say "Qiaokou workstation" "linked the capture to the trademark artwork as infringement evidence"
answer=$(run "$jianghan" //HuanghelouCalligraphySociety policy claim "$policy" --subject "$artwork" \
	--evidence "$infringement" --amount-cny 300000)
claim=$(field "$answer" 'j["claim"]')
say "Calligraphy society" "filed claim $claim under $policy_no for 300,000.00 CNY"
run "$jianghan" //Dave policy decide "$claim" --approve --reason-file "$work/files/settlement-notice.txt" >/dev/null
answer=$(run "$jianghan" //Dave policy pay "$claim")
say "Insurer (at Jianghan)" "approved and paid claim $claim: $(field "$answer" 'cny(j["amountFen"])')"
synced "$bureau" "$(field "$answer" 'j["blockNumber"]')"
answer=$(run "$bureau" //Eve policy show "$policy")
remember "insurance claim" "#$claim, $(field "$answer" 'j["claims"][0]["status"]'), remaining coverage $(field "$answer" 'cny(j["policy"]["remainingFen"])')"

# --- The court's proof ---------------------------------------------------------------------------------
# The court's trust comes from the published chain spec, in raw form: genesis and first validators.
"$bin/iprchain-node" build-spec --chain "$chain_spec" --raw --disable-default-bootnode 2>>"$log" \
	>"$work/wuhan-raw-spec.json"
run "$bureau" //Eve proof export "${artwork#sha256:}" -o "$work/artwork-proof.json" >/dev/null
say "Court (at Bureau)" "exported a proof file of the artwork deposit ($(wc -c <"$work/artwork-proof.json") bytes)"
# Verification is offline: no --url is used and the verifier opens no connection.
answer=$(run "ws://127.0.0.1:1" //Eve proof verify "$work/artwork-proof.json" \
	--file "$work/files/huanghelou-trademark.svg" --trust "$work/wuhan-raw-spec.json")
say "Court (offline)" "verified the proof file and the original artwork against the chain spec: $(field "$answer" '"VERIFIED" if j["verified"] else "NOT VERIFIED: " + j["error"]')"
remember "court proof" "$shown_work/artwork-proof.json, verified offline"

elapsed=$((SECONDS - started))
echo
echo "Summary ($step_number steps in ${elapsed} s; every CLI call and answer is in $shown_work/scenario.log)"
printf '  %-28s %s\n' "what" "on chain"
printf '  %-28s %s\n' "----" "--------"
for row in "${summary[@]}"; do
	printf '  %-28s %s\n' "${row%%|*}" "${row#*|}"
done
