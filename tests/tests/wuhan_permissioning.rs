//! The Wuhan network admits only authorized peers, and the council changes the validator set through
//! pallet-session: the GRANDPA set id advances and finality continues.

use anyhow::Result;
use iprchain_client::{
	governance::pass_motion, pallet_validator_manager, runtime::RuntimeCall, Client, Signer,
};
use iprchain_tests::{
	chain::{best_number, finalized_number, wait_finalized_at_least},
	grandpa_set_id, peer_id, test_node_key, wait_set_id_above, NodeConfig, TestNetwork, TestNode,
	WUHAN_VALIDATORS,
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
	let mut outsider = TestNode::spawn(NodeConfig {
		chain: "local".into(),
		dev_key: None,
		name: "outsider".into(),
		node_key: Some(test_node_key(42)),
		bootnodes,
		extra_args: vec![],
	})?;
	let outsider_client = loop {
		if let Ok(client) = Client::connect(&outsider.url).await {
			break client;
		}
		anyhow::ensure!(outsider.is_running(), "outsider exited: {}", outsider.log_tail());
		tokio::time::sleep(Duration::from_millis(250)).await;
	};
	tokio::time::sleep(Duration::from_secs(20)).await;
	let network_best = best_number(&clients[0]).await?;
	assert!(network_best > 5, "the network keeps producing blocks: #{network_best}");
	assert_eq!(best_number(&outsider_client).await?, 0, "an unauthorized node synced blocks");
	drop(outsider_client);
	outsider.kill9();

	// The council removes the Bureau's validator, then adds it back.
	let [alice, bob, charlie, dave] =
		["//Alice", "//Bob", "//Charlie", "//Dave"].map(|suri| Signer::from_suri(suri).unwrap());
	let donghu = &clients[0];
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
