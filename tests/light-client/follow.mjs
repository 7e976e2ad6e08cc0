// Follows a chain's finality with smoldot, the standard Substrate light client, and reports what it saw.
//
//   node follow.mjs CHAIN_SPEC.json UNTIL_BLOCK TIMEOUT_SECONDS
//
// Prints one JSON line per finalized header smoldot reports ({"finalized": n, "parentHash"...}); exits 0
// once a header at or above UNTIL_BLOCK is finalized *and* smoldot has moved past the first finalized
// header above genesis it reported (a warp sync alone reports one header: exiting then would show that
// smoldot can catch up once, not that it follows finality), 3 when TIMEOUT_SECONDS pass first (with a
// last line {"timeout": true, "highest": n}), 2 when it could not start. smoldot's log goes to stderr.
import { start } from "smoldot";
import { readFileSync } from "node:fs";

const [specPath, untilText, timeoutText] = process.argv.slice(2);
const until = Number(untilText);
const timeoutSeconds = Number(timeoutText);
if (!specPath || !Number.isInteger(until) || !(timeoutSeconds > 0)) {
  console.error("usage: node follow.mjs CHAIN_SPEC.json UNTIL_BLOCK TIMEOUT_SECONDS");
  process.exit(2);
}

const client = start({
  maxLogLevel: 3,
  logCallback: (level, target, message) => console.error(`[smoldot ${level} ${target}] ${message}`),
});
let highest = -1;
let firstAboveGenesis; // the first finalized header above genesis smoldot reported
const finish = (code, line) => {
  if (line) console.log(JSON.stringify(line));
  client.terminate().catch(() => {});
  process.exit(code);
};
setTimeout(() => finish(3, { timeout: true, highest }), timeoutSeconds * 1000);

let chain;
try {
  chain = await client.addChain({ chainSpec: readFileSync(specPath, "utf8") });
} catch (error) {
  console.error(`smoldot refused the chain spec: ${error}`);
  process.exit(2);
}
chain.sendJsonRpc(
  JSON.stringify({ jsonrpc: "2.0", id: 1, method: "chain_subscribeFinalizedHeads", params: [] }),
);
for (;;) {
  const message = JSON.parse(await chain.nextJsonRpcResponse());
  if (message.error) finish(2, { error: message.error });
  const header = message.params?.result;
  if (!header) continue;
  const number = Number.parseInt(header.number, 16);
  highest = Math.max(highest, number);
  if (number > 0 && firstAboveGenesis === undefined) firstAboveGenesis = number;
  console.log(
    JSON.stringify({ finalized: number, parentHash: header.parentHash, stateRoot: header.stateRoot }),
  );
  if (number >= until && firstAboveGenesis !== undefined && number > firstAboveGenesis) finish(0);
}
