//! Stopping and restarting all four validators loses nothing: the same finalized block and state root
//! come back, and the chain continues.

use anyhow::Result;
use iprchain_client::{primitives::HashAlgo, Signer};
use iprchain_tests::{
	chain::{block_hash, finalized_number, state_root, wait_finalized_at_least},
	text_deposit, TestNetwork, WUHAN_VALIDATORS,
};
use std::time::{Duration, Instant};

const STARTUP: Duration = Duration::from_secs(240);

#[tokio::test(flavor = "multi_thread")]
async fn restart_all_four_keeps_finalized_state() -> Result<()> {
	let mut network = TestNetwork::spawn("local", &WUHAN_VALIDATORS)?;
	let clients = network.ready(STARTUP).await?;
	let alice = Signer::from_suri("//Alice")?;
	let request = text_deposit("kept across a full restart");
	let digest = request.digest;
	clients[0].submit(&alice, request.call()).await?;

	let finalized = clients[0].finalized_head().await?;
	let number = clients[0].block_number(finalized).await?;
	for client in &clients {
		wait_finalized_at_least(client, number, Duration::from_secs(30)).await?;
	}
	let root = state_root(&clients[0], finalized).await?;
	drop(clients);

	for node in &mut network.nodes {
		node.stop()?;
	}
	let restarted = Instant::now();
	for node in &mut network.nodes {
		node.start()?;
	}
	let clients = network.ready(STARTUP).await?;
	eprintln!("measure: all four restarted and finalizing after {:.1} s", restarted.elapsed().as_secs_f64());

	for (node, client) in network.nodes.iter().zip(&clients) {
		assert!(finalized_number(client).await? >= number, "{} went back", node.name());
		assert_eq!(
			block_hash(client, number).await?,
			Some(finalized),
			"{} has another block #{number}",
			node.name()
		);
		assert_eq!(state_root(client, finalized).await?, root, "{}", node.name());
		let record = client.evidence(HashAlgo::Sha256, &digest, Some(client.finalized_head().await?)).await?;
		assert!(record.is_some(), "{} lost the deposit", node.name());
	}
	// The chain continues past where it stopped.
	wait_finalized_at_least(&clients[3], number + 3, Duration::from_secs(90)).await?;
	Ok(())
}
