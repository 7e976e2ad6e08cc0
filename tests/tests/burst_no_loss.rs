//! Nothing accepted is lost (issue 14), on the four Wuhan validators: a burst of pre-signed
//! transactions from four accounts fired at one node as fast as it takes them ends with every accepted
//! transaction finalized and every other one refused at submission with a reason; and one account's
//! flood does not keep another member's deposit out of the chain; and one account's batch spread over
//! the four nodes (nonce k to node k mod 4) is finalized whole, inside its mortal era.

use anyhow::Result;
use iprchain_client::{
	frame_system,
	pallet_roles::nonce_window,
	primitives::{rpc::to_hex, HashAlgo},
	runtime::{genesis_config_presets::DEFAULT_TX_QUOTA, RuntimeCall},
	Signer,
};
use iprchain_tests::{
	burst::{fire_and_follow, presign},
	text_deposit, TestNetwork, WUHAN_VALIDATORS,
};
use std::time::{Duration, Instant};

const STARTUP: Duration = Duration::from_secs(240);
/// A burst is followed until nothing new is finalized for this long (or the whole deadline passes).
const IDLE: Duration = Duration::from_secs(90);
const DEADLINE: Duration = Duration::from_secs(600);
/// Nonces of one account spread over the four nodes: its whole queue window.
const SPREAD: usize = 1_000;

#[tokio::test(flavor = "multi_thread")]
async fn a_burst_loses_nothing_and_a_flood_starves_nobody() -> Result<()> {
	let started = Instant::now();
	let mut network = TestNetwork::spawn("local", &WUHAN_VALIDATORS)?;
	let clients = network.ready(STARTUP).await?;
	eprintln!("measure: 4-node network finalizing after {:.1} s", started.elapsed().as_secs_f64());
	let signers: Vec<Signer> = ["//Alice", "//Bob", "//Charlie", "//Dave"]
		.iter()
		.map(|s| Signer::from_suri(s))
		.collect::<Result<_, _>>()?;

	// 3,000 deposits, 750 per account at consecutive nonces, all at Donghu.
	let signed =
		presign(&clients[0], &signers, 750, |s, k| text_deposit(&format!("burst s{s} #{k}")).call()).await?;
	let report = fire_and_follow(&[&clients[0]], &clients[0], &signed, IDLE, DEADLINE).await?;
	eprintln!("measure: burst of 3,000 at one node: {report:?}");
	assert_eq!(report.accepted + report.refused_total(), 3_000, "every submission was answered");
	assert!(report.accepted > 0, "the node accepted none of the burst: {report:?}");
	assert_eq!(report.lost, 0, "accepted, never finalized, never reported: {report:?}");
	assert_eq!(report.finalized, report.accepted);
	// 750 per account is inside the queue window, so nothing needed refusing.
	assert!(750 <= nonce_window(DEFAULT_TX_QUOTA) as usize);
	assert_eq!(report.refused_total(), 0, "refused: {:?}", report.refused);
	// Replicated: the last burst block is finalized with the same hash on Bureau.
	let (last_block, _) = *report.blocks.last().expect("burst blocks");
	iprchain_tests::chain::wait_finalized_at_least(&clients[3], last_block, Duration::from_secs(60)).await?;
	assert_eq!(
		iprchain_tests::chain::block_hash(&clients[3], last_block).await?,
		iprchain_tests::chain::block_hash(&clients[0], last_block).await?
	);

	// Alice floods with more than her window from Qiaokou; Bob deposits once at Jianghan meanwhile.
	let window = nonce_window(DEFAULT_TX_QUOTA) as usize;
	let alice = std::slice::from_ref(&signers[0]);
	let flood = presign(&clients[1], alice, window + 500, |_, k| {
		RuntimeCall::System(frame_system::Call::remark { remark: format!("flood #{k}").into_bytes() })
	})
	.await?;
	let bob_deposit = text_deposit("Bob's deposit during Alice's flood");
	let qiaokou = [&clients[1]];
	let (flood_report, bob) =
		tokio::join!(fire_and_follow(&qiaokou, &clients[1], &flood, IDLE, DEADLINE), async {
			// Once the flood is in the pools.
			tokio::time::sleep(Duration::from_secs(2)).await;
			clients[2].submit(&signers[1], bob_deposit.call()).await
		});
	let flood_report = flood_report?;
	let bob = bob?;
	eprintln!("measure: flood of {} remarks from one account: {flood_report:?}", window + 500);
	assert_eq!(flood_report.lost, 0, "flood: {flood_report:?}");
	// Whatever went beyond her window at the moment it arrived was refused at submission, with the
	// reason (how many depends on how far the chain got meanwhile), and sent again.
	assert_eq!(flood_report.accepted + flood_report.refused_total(), window + 500);
	assert!(
		flood_report.refused_at_first.keys().all(|reason| reason.contains("too far ahead")),
		"{:?}",
		flood_report.refused_at_first
	);
	// Sent again as the refusal asks, every one was taken in the end.
	assert_eq!(flood_report.refused_total(), 0, "{:?}", flood_report.refused);
	assert_eq!(flood_report.finalized, window + 500);
	// Bob's deposit did not wait for the flood to drain.
	let (last_flood_block, _) = *flood_report.blocks.last().expect("flood blocks");
	assert!(
		bob.block_number < last_flood_block,
		"Bob's deposit in #{} came only after the flood's last block #{last_flood_block}",
		bob.block_number
	);
	let record = clients[2].evidence(HashAlgo::Sha256, &bob_deposit.digest, Some(bob.block_hash)).await?;
	assert_eq!(record.expect("Bob's record").submitter, signers[1].ss58());

	// One account's batch spread over the four nodes, as a load balancer does: nonce k goes to node
	// k mod 4, so every node holds only a quarter of the account's queue, all of it future at first.
	// Before the network gossiped future transactions, the queue crossed one hop per nonce (600
	// nonces took 439 s, 1-6 a block) and a batch this size outlived its 256-block era: lost.
	let charlie = std::slice::from_ref(&signers[2]);
	let spread = presign(&clients[0], charlie, SPREAD, |_, k| {
		RuntimeCall::System(frame_system::Call::remark { remark: format!("spread #{k}").into_bytes() })
	})
	.await?;
	let all_four: Vec<&_> = clients.iter().collect();
	let spread_report = fire_and_follow(&all_four, &clients[3], &spread, IDLE, DEADLINE).await?;
	eprintln!("measure: {SPREAD} nonces of one account over four nodes: {spread_report:?}");
	assert_eq!(spread_report.lost, 0, "spread: {spread_report:?}");
	assert_eq!(spread_report.refused_total(), 0, "spread refused: {:?}", spread_report.refused);
	assert_eq!(spread_report.finalized, SPREAD, "spread: {spread_report:?}");

	// The window itself, now that Alice has nothing queued: one past it is refused, the edge accepted.
	let nonce = clients[1].account_nonce(&signers[0].account()).await?;
	let birth = clients[1].era_birth().await?;
	let remark =
		|n: u32| RuntimeCall::System(frame_system::Call::remark { remark: n.to_le_bytes().to_vec() });
	let beyond = clients[1].sign(&signers[0], remark(1), nonce + window as u32 + 1, birth);
	let refusal = clients[1]
		.call::<serde_json::Value>("author_submitExtrinsic", iprchain_client::rpc_params![to_hex(&beyond)])
		.await
		.expect_err("a nonce beyond the window is refused");
	assert!(refusal.to_string().contains("too far ahead"), "{refusal}");
	let edge = clients[1].sign(&signers[0], remark(2), nonce + window as u32, birth);
	clients[1]
		.call::<serde_json::Value>("author_submitExtrinsic", iprchain_client::rpc_params![to_hex(&edge)])
		.await?;
	Ok(())
}
