//! With three validators GRANDPA needs all three votes (n − ⌊(n−1)/3⌋ = 3): losing one keeps blocks
//! coming (Aura) but stalls finality, which resumes when the validator returns.

use anyhow::Result;
use iprchain_tests::{
	binary,
	chain::{best_number, finalized_number, wait_finalized_at_least},
	TempDir, TestNetwork, WUHAN_VALIDATORS,
};
use std::{
	process::Command,
	time::{Duration, Instant},
};

const STARTUP: Duration = Duration::from_secs(240);

/// The local spec with the Bureau removed from the validators.
fn three_validator_spec(dir: &TempDir) -> Result<String> {
	let output = Command::new(binary("iprchain-node")?)
		.args(["build-spec", "--chain", "local", "--disable-default-bootnode"])
		.output()?;
	anyhow::ensure!(output.status.success(), "build-spec: {}", String::from_utf8_lossy(&output.stderr));
	let mut spec: serde_json::Value = serde_json::from_slice(&output.stdout)?;
	let patch = &mut spec["genesis"]["runtimeGenesis"]["patch"];
	for (pallet, field) in [("session", "keys"), ("validatorManager", "initialValidators")] {
		let list = patch[pallet][field].as_array_mut().expect("validator list");
		assert_eq!(list.len(), 4);
		list.truncate(3);
	}
	spec["id"] = "iprchain_three".into();
	let path = dir.join("three.json");
	std::fs::write(&path, serde_json::to_vec_pretty(&spec)?)?;
	Ok(path.to_string_lossy().into_owned())
}

#[tokio::test(flavor = "multi_thread")]
async fn three_validators_stall_finality_without_one() -> Result<()> {
	let dir = TempDir::new("three");
	let spec = three_validator_spec(&dir)?;
	let mut network = TestNetwork::spawn(&spec, &WUHAN_VALIDATORS[..3])?;
	let clients = network.ready(STARTUP).await?;
	let donghu = &clients[0];

	network.nodes[2].kill9();
	// Let votes already in flight land, then watch finality stand still while blocks continue.
	tokio::time::sleep(Duration::from_secs(6)).await;
	let (stalled_at, best_before) = (finalized_number(donghu).await?, best_number(donghu).await?);
	tokio::time::sleep(Duration::from_secs(16)).await;
	let (finalized_after, best_after) = (finalized_number(donghu).await?, best_number(donghu).await?);
	assert_eq!(finalized_after, stalled_at, "finality must stall with 2 of 3 validators");
	assert!(best_after >= best_before + 3, "blocks continue: #{best_before} → #{best_after}");

	let returned = Instant::now();
	network.nodes[2].start()?;
	wait_finalized_at_least(donghu, best_after, Duration::from_secs(180)).await?;
	eprintln!(
		"measure: finality resumed past #{best_after} {:.1} s after the third validator returned",
		returned.elapsed().as_secs_f64()
	);
	Ok(())
}
