//! A court proof from a node that keeps only the last few blocks' state and bodies: a record deposited
//! before that window still exports and verifies offline, and its proof is about as large as the proof
//! of a record deposited just now, because both are read at a recent finalized block, not at the
//! block the record was deposited in.

use anyhow::{ensure, Context, Result};
use iprchain_client::{
	chain::Client,
	evidence::DepositRequest,
	primitives::{rpc::to_hex, EvidenceKind, HashAlgo},
	rpc_params, Signer,
};
use iprchain_tests::{binary, chain::wait_finalized_at_least, cli, NodeConfig, TempDir, TestNode};
use std::{process::Command, time::Duration};

const STARTUP: Duration = Duration::from_secs(180);
/// Blocks of state (and of bodies) the node keeps.
const KEPT: u32 = 8;

async fn deposit(client: &Client, text: &str) -> Result<(String, u32)> {
	let alice = Signer::from_suri("//Alice")?;
	let digest = HashAlgo::Sha256.digest(text.as_bytes());
	let request = DepositRequest {
		algo: HashAlgo::Sha256,
		digest,
		kind: EvidenceKind::Copyright,
		title: text.chars().take(64).collect(),
		on_behalf_of: None,
	};
	let finalized = client.submit(&alice, request.call()).await?;
	Ok((to_hex(&digest), finalized.block_number))
}

#[tokio::test(flavor = "multi_thread")]
async fn a_pruned_node_exports_proofs_of_old_records() -> Result<()> {
	let mut config = NodeConfig::dev();
	let kept = KEPT.to_string();
	config.extra_args.extend(["--state-pruning", &kept, "--blocks-pruning", &kept].map(String::from));
	let mut node = TestNode::spawn(config)?;
	let client = node.ready(STARTUP).await?;
	let dir = TempDir::new("proof-pruned");

	let (old, old_block) = deposit(&client, "deposited before the pruning window").await?;
	let old_hash = client
		.call::<Option<iprchain_client::runtime::Hash>>("chain_getBlockHash", rpc_params![old_block])
		.await?
		.context("hash of the deposit block")?;
	wait_finalized_at_least(&client, old_block + 3 * KEPT, Duration::from_secs(180)).await?;
	// The node no longer has the state of the deposit block…
	let state_then = client
		.call::<Option<String>>(
			"state_getStorage",
			rpc_params!["0x26aa394eea5630e07c48ae0c9558cef7", old_hash],
		)
		.await;
	ensure!(state_then.is_err(), "the deposit block's state should be pruned, got {state_then:?}");
	let (new, _) = deposit(&client, "deposited just now, long after the first").await?;

	// …yet both records export, and verify offline against the raw chain spec.
	let spec = dir.join("dev-raw.json");
	let output = Command::new(binary("iprchain-node")?)
		.args(["build-spec", "--chain", "dev", "--raw", "--disable-default-bootnode"])
		.output()?;
	ensure!(output.status.success(), "build-spec: {}", String::from_utf8_lossy(&output.stderr));
	std::fs::write(&spec, output.stdout)?;
	let mut sizes = Vec::new();
	for (name, digest) in [("old", &old), ("new", &new)] {
		let proof = dir.join(&format!("{name}.proof.json"));
		let proof = proof.to_str().context("utf-8 path")?;
		cli(&node.url, &["proof", "export", digest, "-o", proof])?
			.ok(&format!("export the {name} record"))?;
		let verified = cli(
			"ws://127.0.0.1:1",
			&["proof", "verify", proof, "--trust", spec.to_str().unwrap(), "--json"],
		)?
		.ok(&format!("verify the {name} record"))?
		.json()?;
		ensure!(verified["verified"] == true, "{name}: {verified}");
		sizes.push(std::fs::metadata(proof)?.len());
	}
	eprintln!(
		"measure: proof of a record {} blocks old: {} bytes; of a new one: {} bytes",
		3 * KEPT,
		sizes[0],
		sizes[1]
	);
	// The same trie depth at the same block: the sizes differ by at most a few sibling hashes.
	ensure!(sizes[0].abs_diff(sizes[1]) <= 512, "proof sizes differ too much: {sizes:?}");
	Ok(())
}
