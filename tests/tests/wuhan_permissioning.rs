//! The Wuhan network admits only authorized peers, and the council changes the validator set through
//! pallet-session: the GRANDPA set id advances and finality continues.
//!
//! Nodes here are started with no peer or offchain-worker flags: failing closed is the node's own
//! default. The positive control is a bank's full node the council authorizes: it syncs; an outsider
//! that knows only that bank node gets nothing from it.

use anyhow::Result;
use iprchain_client::{
	governance::pass_motion,
	pallet_node_authorization, pallet_validator_manager,
	runtime::{genesis_config_presets::WUHAN_DEV_PEER_IDS, RuntimeCall},
	sp_core::OpaquePeerId,
	Client, Signer,
};
use iprchain_tests::{
	chain::{best_number, finalized_number, wait_finalized_at_least},
	grandpa_set_id, peer_id, peer_id_bytes, test_node_key, wait_set_id_above, NodeConfig, TestNetwork,
	TestNode, WUHAN_VALIDATORS,
};
use std::time::Duration;

const STARTUP: Duration = Duration::from_secs(240);
const COUNCIL_THRESHOLD: u32 = 3;

#[tokio::test(flavor = "multi_thread")]
async fn unauthorized_peers_get_nothing_and_council_changes_validators() -> Result<()> {
	let mut network = TestNetwork::spawn("local", &WUHAN_VALIDATORS)?;
	let clients = network.ready(STARTUP).await?;

	// An outsider full node with a key that is not well known gets no blocks.
	let bootnodes = network
		.nodes
		.iter()
		.enumerate()
		.map(|(i, node)| {
			Ok(format!("/ip4/127.0.0.1/tcp/{}/p2p/{}", node.p2p_port, peer_id(&test_node_key(i))?))
		})
		.collect::<Result<Vec<_>>>()?;
	outsider_gets_nothing(42, bootnodes.clone(), &clients[0]).await?;

	let [alice, bob, charlie, dave, eve] =
		["//Alice", "//Bob", "//Charlie", "//Dave", "//Eve"].map(|suri| Signer::from_suri(suri).unwrap());
	let donghu = &clients[0];

	// Positive control: the council authorizes a bank's full node (owned by //Eve); started with no
	// flags it syncs to the network's finalized block.
	assert_eq!(peer_id_bytes(&peer_id(&test_node_key(0))?)?, WUHAN_DEV_PEER_IDS[0], "peer id decoding");
	let bank_key = test_node_key(50);
	let add_bank = RuntimeCall::NodeAuthorization(pallet_node_authorization::Call::add_well_known_node {
		node: OpaquePeerId(peer_id_bytes(&peer_id(&bank_key)?)?),
		owner: eve.account().into(),
	});
	pass_motion(donghu, &alice, &[bob.clone(), charlie.clone()], add_bank, COUNCIL_THRESHOLD).await?;
	let mut bank = TestNode::spawn(NodeConfig {
		chain: "local".into(),
		dev_key: None,
		name: "bank".into(),
		node_key: Some(bank_key.clone()),
		bootnodes,
		extra_args: vec![],
	})?;
	let bank_client = connect(&mut bank).await?;
	let target = finalized_number(donghu).await?;
	wait_finalized_at_least(&bank_client, target + 3, Duration::from_secs(120)).await.map_err(|e| {
		anyhow::anyhow!("the authorized bank node did not sync: {e}; log:\n{}", bank.log_tail())
	})?;
	// An outsider that knows only the bank node: the bank node is closed too.
	let bank_address = format!("/ip4/127.0.0.1/tcp/{}/p2p/{}", bank.p2p_port, peer_id(&bank_key)?);
	outsider_gets_nothing(43, vec![bank_address], &bank_client).await?;
	drop(bank_client);
	bank.kill9();

	// The council removes the Bureau's validator, then adds it back.
	let set_before = grandpa_set_id(donghu).await?;
	let remove = RuntimeCall::ValidatorManager(pallet_validator_manager::Call::remove_validator {
		who: dave.account(),
	});
	pass_motion(donghu, &alice, &[bob.clone(), charlie.clone()], remove, COUNCIL_THRESHOLD).await?;
	let set_removed = wait_set_id_above(donghu, set_before, Duration::from_secs(120)).await?;
	let finalized = finalized_number(donghu).await?;
	wait_finalized_at_least(donghu, finalized + 3, Duration::from_secs(60)).await?;

	let add =
		RuntimeCall::ValidatorManager(pallet_validator_manager::Call::add_validator { who: dave.account() });
	pass_motion(donghu, &alice, &[bob, charlie], add, COUNCIL_THRESHOLD).await?;
	let set_added = wait_set_id_above(donghu, set_removed, Duration::from_secs(120)).await?;
	let finalized = finalized_number(donghu).await?;
	wait_finalized_at_least(donghu, finalized + 3, Duration::from_secs(60)).await?;
	eprintln!("measure: GRANDPA set id {set_before} → {set_removed} (removed) → {set_added} (added back)");
	Ok(())
}

/// Starts a full node whose key (`test_node_key(key_index)`) is not well known, with `bootnodes`, and
/// shows it stays at block 0 for 20 s while `reference` (a node it dials) goes on importing blocks.
async fn outsider_gets_nothing(key_index: usize, bootnodes: Vec<String>, reference: &Client) -> Result<()> {
	let mut outsider = TestNode::spawn(NodeConfig {
		chain: "local".into(),
		dev_key: None,
		name: format!("outsider-{key_index}"),
		node_key: Some(test_node_key(key_index)),
		bootnodes,
		extra_args: vec![],
	})?;
	let outsider_client = connect(&mut outsider).await?;
	let reference_before = best_number(reference).await?;
	tokio::time::sleep(Duration::from_secs(20)).await;
	let reference_after = best_number(reference).await?;
	assert!(
		reference_after > reference_before + 3,
		"the node the outsider dials keeps importing blocks: #{reference_before} → #{reference_after}"
	);
	assert_eq!(best_number(&outsider_client).await?, 0, "an unauthorized node synced blocks");
	drop(outsider_client);
	outsider.kill9();
	Ok(())
}

/// A client of `node` as soon as its RPC answers (it need not have a block).
async fn connect(node: &mut TestNode) -> Result<Client> {
	let deadline = std::time::Instant::now() + STARTUP;
	loop {
		if let Ok(client) = Client::connect(&node.url).await {
			return Ok(client);
		}
		anyhow::ensure!(node.is_running(), "{} exited: {}", node.name(), node.log_tail());
		anyhow::ensure!(
			std::time::Instant::now() < deadline,
			"{} RPC not up: {}",
			node.name(),
			node.log_tail()
		);
		tokio::time::sleep(Duration::from_millis(250)).await;
	}
}
