//! On a development node: a council motion grants a role, and the per-block transaction quota defers
//! an account's excess transactions to later blocks without losing them.

use anyhow::Result;
use iprchain_client::{frame_system, pallet_roles, pallet_sudo};
use iprchain_client::{
	governance::pass_motion,
	primitives::Role,
	runtime::{RuntimeCall, RuntimeEvent},
	Client, ClientError, Signer,
};
use iprchain_tests::{bin_dir, text_deposit, TestNode};
use std::{collections::BTreeMap, time::Duration};

const STARTUP: Duration = Duration::from_secs(180);
/// Three of the four council members: 3/4 ≥ 2/3.
const COUNCIL_THRESHOLD: u32 = 3;

fn deposit_call(text: &str) -> RuntimeCall {
	text_deposit(text).call()
}

#[tokio::test(flavor = "multi_thread")]
async fn council_grants_roles_and_quota_defers_excess() -> Result<()> {
	let mut node = TestNode::spawn_dev()?;
	let client = node.ready(STARTUP).await?;
	council_motion_grants_the_bank_role(&client).await?;
	quota_defers_an_accounts_excess_transactions(&client).await?;
	council_upgrades_the_runtime(&client).await?;
	Ok(())
}

/// The council acts as root: here it installs runtime code (the same wasm, so the chain must go on).
async fn council_upgrades_the_runtime(client: &Client) -> Result<()> {
	let [alice, bob, charlie] =
		["//Alice", "//Bob", "//Charlie"].map(|suri| Signer::from_suri(suri).unwrap());
	// The runtime the node runs, as the wasm builder left it (compressed when it compressed it).
	let dir = bin_dir().join("wbuild/iprchain-runtime");
	let wasm = ["iprchain_runtime.compact.compressed.wasm", "iprchain_runtime.wasm"]
		.iter()
		.map(|name| dir.join(name))
		.find(|path| path.is_file())
		.ok_or_else(|| anyhow::anyhow!("no runtime wasm in {}", dir.display()))?;
	let code = std::fs::read(&wasm)?;
	let upgrade = RuntimeCall::CouncilRoot(iprchain_client::runtime::council_root::Call::dispatch_as_root {
		call: Box::new(RuntimeCall::System(frame_system::Call::set_code_without_checks { code })),
	});
	// Without the council, a member cannot.
	match client.submit(&alice, upgrade.clone()).await {
		Err(ClientError::DispatchFailed(reason)) => assert_eq!(reason, "BadOrigin"),
		other => panic!("expected BadOrigin, got {other:?}"),
	}
	let outcome = pass_motion(client, &alice, &[bob, charlie], upgrade, COUNCIL_THRESHOLD).await?;
	let events = &outcome.closed.events;
	assert!(
		events.iter().any(|e| matches!(
			e,
			RuntimeEvent::CouncilRoot(iprchain_client::runtime::council_root::Event::DispatchedAsRoot {
				result: Ok(())
			})
		)),
		"{events:?}"
	);
	assert!(
		events.iter().any(|e| matches!(e, RuntimeEvent::System(frame_system::Event::CodeUpdated { .. }))),
		"{events:?}"
	);
	// The chain keeps finalizing on the installed code.
	client.submit(&alice, deposit_call("after the council's runtime upgrade")).await?;
	Ok(())
}

async fn council_motion_grants_the_bank_role(client: &Client) -> Result<()> {
	let [alice, bob, charlie, ferdie] =
		["//Alice", "//Bob", "//Charlie", "//Ferdie"].map(|suri| Signer::from_suri(suri).unwrap());
	match client.submit(&ferdie, deposit_call("before the motion")).await {
		Err(ClientError::Rejected(reason)) => assert!(reason.contains("holds no role"), "{reason}"),
		other => panic!("a role-less account must be refused, got {other:?}"),
	}

	// A single member cannot grant a role directly.
	let grant =
		RuntimeCall::Roles(pallet_roles::Call::grant_role { who: ferdie.account(), role: Role::Bank });
	match client.submit(&alice, grant.clone()).await {
		Err(ClientError::DispatchFailed(reason)) => assert_eq!(reason, "BadOrigin"),
		other => panic!("expected BadOrigin, got {other:?}"),
	}

	pass_motion(client, &alice, &[bob, charlie], grant, COUNCIL_THRESHOLD).await?;
	client.submit(&ferdie, deposit_call("after the motion: Ferdie is a bank")).await?;
	Ok(())
}

async fn quota_defers_an_accounts_excess_transactions(client: &Client) -> Result<()> {
	let alice = Signer::from_suri("//Alice")?;
	let bob = Signer::from_suri("//Bob")?;
	let set_quota = RuntimeCall::Sudo(pallet_sudo::Call::sudo {
		call: Box::new(RuntimeCall::Roles(pallet_roles::Call::set_tx_quota { quota: 2 })),
	});
	client.submit(&alice, set_quota).await?;

	let first_nonce = client.next_nonce(&bob).await?;
	let submissions = (0..6u32).map(|i| {
		let call = deposit_call(&format!("quota test deposit {i}"));
		let bob = &bob;
		async move { client.submit_with_nonce(bob, call, first_nonce + i).await }
	});
	let results = futures::future::join_all(submissions).await;
	let mut per_block = BTreeMap::<u32, u32>::new();
	for result in results {
		*per_block.entry(result?.block_number).or_default() += 1;
	}
	assert!(per_block.values().all(|&count| count <= 2), "more than the quota in one block: {per_block:?}");
	assert!(per_block.len() >= 3, "six transactions at two per block need three blocks: {per_block:?}");
	Ok(())
}
