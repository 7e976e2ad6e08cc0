//! The Wuhan network admits only authorized peers, and the council changes the validator set through
//! pallet-session: the GRANDPA set id advances and finality continues.
//!
//! Nodes here are started with no peer or offchain-worker flags: failing closed is the node's own
//! default. The positive control is a bank's full node the council authorizes: it syncs; an outsider
//! that knows only that bank node gets nothing from it.
//!
//! Light clients: smoldot (the real one, from npm) given only a validator's address gets nothing — a
//! closed node answers no request-response protocol (warp sync, blocks, state, light-client proofs) to
//! a peer it has not reserved; given the raw spec with an authorized node started as a light-client
//! gateway, it follows finality; an outsider's full node gets nothing from the gateway.

use anyhow::Result;
use iprchain_client::{
	governance::pass_motion,
	pallet_node_authorization, pallet_validator_manager,
	runtime::{genesis_config_presets::WUHAN_DEV_PEER_IDS, RuntimeCall},
	sp_core::OpaquePeerId,
	Client, Signer,
};
use iprchain_tests::{
	chain::{best_number, block_hash, finalized_number, state_root, wait_finalized_at_least},
	grandpa_set_id,
	light_client::{self, raw_spec_with_boot_nodes},
	peer_id, peer_id_bytes, test_node_key, wait_set_id_above, NodeConfig, TempDir, TestNetwork, TestNode,
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
		bootnodes: bootnodes.clone(),
		extra_args: vec![],
	})?;
	let bank_client = bank.connect(STARTUP).await?;
	let target = finalized_number(donghu).await?;
	wait_finalized_at_least(&bank_client, target + 3, Duration::from_secs(120)).await.map_err(|e| {
		anyhow::anyhow!("the authorized bank node did not sync: {e}; log:\n{}", bank.log_tail())
	})?;
	// An outsider that knows only the bank node: the bank node is closed too. Meanwhile, with only
	// closed nodes running (no gateway it could discover), a light client given a validator's address.
	let bank_address = format!("/ip4/127.0.0.1/tcp/{}/p2p/{}", bank.p2p_port, peer_id(&bank_key)?);
	let (outsider, light_client) = tokio::join!(
		outsider_gets_nothing(43, vec![bank_address.clone()], &bank_client),
		a_light_client_gets_nothing_from_a_validator(&bootnodes[0], donghu),
	);
	outsider?;
	light_client?;
	drop(bank_client);
	bank.stop()?;

	// The same authorized node restarted as a light-client gateway.
	bank.set_extra_args(vec!["--light-client-gateway".into()]);
	bank.start()?;
	let gateway_client = bank.connect(STARTUP).await?;
	light_clients_follow_through_the_gateway_only(&bank_address, donghu, &gateway_client)
		.await
		.map_err(|e| anyhow::anyhow!("{e}\ngateway log:\n{}", bank.log_tail()))?;
	drop(gateway_client);
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

/// smoldot with the gateway as its only boot node reports finalized blocks of the validators' chain
/// (the last header's parent hash and state root equal to the validators' own), while an outsider's
/// full node that dials the gateway gets nothing.
async fn light_clients_follow_through_the_gateway_only(
	gateway: &str,
	donghu: &Client,
	gateway_client: &Client,
) -> Result<()> {
	let dir = TempDir::new("light-client");
	let via_gateway = dir.join("via-gateway.json");
	raw_spec_with_boot_nodes("local", &[gateway.to_string()], &via_gateway)?;
	let target = u64::from(finalized_number(donghu).await?) + 3;
	let (followed, outsider) = tokio::join!(
		light_client::follow(&via_gateway, target, Duration::from_secs(180)),
		outsider_gets_nothing(44, vec![gateway.to_string()], gateway_client),
	);
	let followed = followed?;
	outsider?;
	anyhow::ensure!(
		!followed.timed_out,
		"smoldot did not reach finalized #{target} through the gateway (highest {:?}):\n{}",
		followed.highest(),
		followed.log_tail()
	);
	anyhow::ensure!(
		followed.above_genesis() >= 2,
		"smoldot via the gateway reported {} finalized heads above genesis; following finality means two \
		 or more",
		followed.above_genesis()
	);
	let last = followed.finalized.last().expect("a run that reached its block reported it");
	let number = u32::try_from(last.number)?;
	let parent = block_hash(donghu, number - 1).await?.expect("the validators have the parent");
	let own = block_hash(donghu, number).await?.expect("the validators have the block");
	assert_eq!(
		last.parent_hash,
		format!("{parent:#x}"),
		"smoldot's #{number} builds on the validators' chain"
	);
	assert_eq!(
		last.state_root,
		state_root(donghu, own).await?,
		"smoldot's #{number} has the validators' state"
	);
	eprintln!(
		"measure: smoldot via the gateway finalized #{number} ({} finalized heads reported, {} above \
		 genesis, first #{:?})",
		followed.finalized.len(),
		followed.above_genesis(),
		followed.finalized.iter().map(|header| header.number).find(|&number| number > 0),
	);
	Ok(())
}

/// smoldot given only `validator`'s address, for 60 s while the network finalizes blocks and only closed
/// nodes run: it reports no finalized head above genesis. A closed node refuses smoldot's block-announce
/// substream, and smoldot asks (warp sync, blocks, storage proofs) only peers that accepted it, so this
/// also held before the peer gate; run while a gateway is up, smoldot finds the gateway through the
/// validator's discovery and syncs through it, which is why this runs before the gateway starts. The
/// gate's own decisions are unit-tested in node/src/peer_gate.rs.
async fn a_light_client_gets_nothing_from_a_validator(validator: &str, donghu: &Client) -> Result<()> {
	let dir = TempDir::new("light-client-validator");
	let via_validator = dir.join("via-validator.json");
	raw_spec_with_boot_nodes("local", &[validator.to_string()], &via_validator)?;
	let finalized_before = finalized_number(donghu).await?;
	let attempt =
		light_client::follow(&via_validator, u64::from(finalized_before), Duration::from_secs(60)).await?;
	let finalized_after = finalized_number(donghu).await?;
	assert!(
		finalized_after > finalized_before + 3,
		"the network kept finalizing meanwhile: #{finalized_before} → #{finalized_after}"
	);
	assert!(
		attempt.timed_out && attempt.above_genesis() == 0,
		"smoldot given only a validator's address reached finalized #{:?} (timed out: {}): a closed node \
		 answered an unauthorized light client\n{}",
		attempt.highest(),
		attempt.timed_out,
		attempt.log_tail()
	);
	eprintln!(
		"measure: smoldot via a validator only: highest finalized #{:?} after 60 s, network at #{finalized_after}",
		attempt.highest()
	);
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
	let outsider_client = outsider.connect(STARTUP).await?;
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
