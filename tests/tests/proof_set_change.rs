//! Court proof across validator-set changes on the 4-node Wuhan network: a record deposited under the
//! genesis set, the council removes a validator and adds it back (GRANDPA set ids 1 and 2), and the proof
//! exported afterwards carries both set changes and verifies offline against the trust anchor derived
//! from the `local` raw chain spec. A set-change justification cut below the threshold is rejected.
//!
//! Then the council's checkpoint (`iprchain proof checkpoint`, trust-file version 2): the new proof
//! builds on it (exit 0), a genuine proof exported under the genesis set, before the changes, no longer
//! does (exit 1: its set is retired, export it again), a tampered checkpoint is refused, and a trust
//! file keeps its newest checkpoint (a checkpoint at the first set-change block, `--at`, is replaced by
//! a newer one but never replaces it).

use anyhow::{ensure, Context, Result};
use iprchain_client::{
	codec::{Decode, Encode},
	governance::pass_motion,
	pallet_validator_manager,
	primitives::HashAlgo,
	proof::{trust_from_chain_spec, verify_bytes, Justification, VerifyError},
	runtime::RuntimeCall,
	Client, Signer,
};
use iprchain_tests::{
	binary,
	chain::{finalized_number, wait_finalized_at_least},
	cli, text_deposit, wait_set_id_above, CliRun, TempDir, TestNetwork, WUHAN_VALIDATORS,
};
use std::{
	path::Path,
	process::Command,
	time::{Duration, Instant},
};

const STARTUP: Duration = Duration::from_secs(240);
const SET_CHANGE: Duration = Duration::from_secs(120);
/// The whole test, so a stalled network fails it instead of hanging CI.
const WHOLE_TEST: Duration = Duration::from_secs(900);
const COUNCIL_THRESHOLD: u32 = 3;

/// Passes a council motion changing the validators and waits until the new set finalizes a few blocks.
async fn change_validators(client: &Client, call: RuntimeCall, set_before: u64) -> Result<u64> {
	let [alice, bob, charlie] =
		["//Alice", "//Bob", "//Charlie"].map(|suri| Signer::from_suri(suri).unwrap());
	pass_motion(client, &alice, &[bob, charlie], call, COUNCIL_THRESHOLD).await?;
	let set_after = wait_set_id_above(client, set_before, SET_CHANGE).await?;
	let finalized = finalized_number(client).await?;
	wait_finalized_at_least(client, finalized + 3, Duration::from_secs(60)).await?;
	Ok(set_after)
}

#[tokio::test(flavor = "multi_thread")]
async fn proof_across_validator_set_changes() -> Result<()> {
	tokio::time::timeout(WHOLE_TEST, run()).await.context("the test took too long")?
}

async fn run() -> Result<()> {
	let started = Instant::now();
	let mut network = TestNetwork::spawn("local", &WUHAN_VALIDATORS)?;
	let clients = network.ready(STARTUP).await?;
	let donghu = &clients[0];
	let alice = Signer::from_suri("//Alice")?;
	let request = text_deposit("Jianghan court: evidence deposited before the validator set changed");
	let deposited = donghu.submit(&alice, request.call()).await?;
	// A genuine proof taken now, under the genesis set (which the changes below retire).
	let dir = TempDir::new("proof-set-change");
	let digest_hex = hex::encode(request.digest);
	let old_proof = dir.join("before-the-changes.proof.json");
	let old_path = old_proof.display().to_string();
	cli(&network.nodes[0].url, &["proof", "export", &digest_hex, "-o", &old_path])?.ok("export before")?;

	let dave = Signer::from_suri("//Dave")?.account();
	let remove =
		RuntimeCall::ValidatorManager(pallet_validator_manager::Call::remove_validator { who: dave.clone() });
	let set_removed = change_validators(donghu, remove, 0).await?;
	let add = RuntimeCall::ValidatorManager(pallet_validator_manager::Call::add_validator { who: dave });
	let set_added = change_validators(donghu, add, set_removed).await?;
	ensure!((set_removed, set_added) == (1, 2), "set ids {set_removed}, {set_added}");

	// Export through the CLI from another validator's node; verify offline against the raw spec.
	let spec = dir.join("local.raw.json");
	let output = Command::new(binary("iprchain-node")?)
		.args(["build-spec", "--chain", "local", "--raw", "--disable-default-bootnode"])
		.output()?;
	ensure!(output.status.success(), "build-spec: {}", String::from_utf8_lossy(&output.stderr));
	std::fs::write(&spec, &output.stdout)?;
	let trust = trust_from_chain_spec(&output.stdout)?;
	ensure!(trust.genesis_hash.0 == donghu.genesis_hash().0, "the raw spec names another genesis");

	let cli = binary("iprchain")?;
	let proof = dir.join("record.proof.json");
	let exported = Command::new(&cli)
		.args(["--url", &network.nodes[1].url, "proof", "export", &hex::encode(request.digest), "-o"])
		.arg(&proof)
		.output()?;
	ensure!(exported.status.success(), "export: {}", String::from_utf8_lossy(&exported.stderr));
	let verified = Command::new(&cli)
		.args(["--json", "proof", "verify"])
		.arg(&proof)
		.arg("--trust")
		.arg(&spec)
		.output()?;
	ensure!(verified.status.success(), "verify: {}", String::from_utf8_lossy(&verified.stdout));
	let json: serde_json::Value = serde_json::from_slice(&verified.stdout)?;
	let report = &json["report"];
	ensure!(report["anchored"] == true && report["setId"] == 2, "{report}");
	ensure!(report["record"]["blockNumber"] == deposited.block_number, "{report}");
	let changes = report["setChanges"].as_array().context("setChanges")?;
	ensure!(changes.len() == 2, "{report}");
	ensure!(changes[0]["finalizedBySet"] == 0 && changes[0]["newSetSize"] == 3, "{report}");
	ensure!(changes[1]["finalizedBySet"] == 1 && changes[1]["newSetSize"] == 4, "{report}");
	// Threshold: 3 of the 4 genesis validators, then all 3 of the reduced set.
	ensure!(changes[0]["signers"].as_array().is_some_and(|s| s.len() >= 3), "{report}");
	ensure!(changes[1]["signers"].as_array().is_some_and(|s| s.len() == 3), "{report}");
	let text = Command::new(&cli).args(["proof", "verify"]).arg(&proof).arg("--trust").arg(&spec).output()?;
	let text = String::from_utf8_lossy(&text.stdout);
	ensure!(text.contains("set change at block") && text.contains("set 1 → 2"), "{text}");

	// The first set change's justification cut to two signers: below 3 of 4.
	let mut bundle =
		iprchain_client::proof::export_record(&clients[2], HashAlgo::Sha256, &request.digest).await?;
	verify_bytes(&bundle.to_canonical_bytes(), Some(&trust))?;
	let change = &mut bundle.set_changes[0];
	let mut justification = Justification::decode(&mut &change.justification.0[..])?;
	let mut kept = Vec::new();
	justification.commit.precommits.retain(|precommit| {
		if kept.len() < 2 && !kept.contains(&precommit.id) {
			kept.push(precommit.id);
		}
		kept.contains(&precommit.id)
	});
	// Ancestry headers only the dropped votes needed must go too, or they are reported as unused.
	let needed: Vec<_> = justification.commit.precommits.iter().map(|p| p.target_hash).collect();
	justification.votes_ancestries.retain(|header| needed.contains(&header.hash()));
	change.justification.0 = justification.encode();
	let error = verify_bytes(&bundle.to_canonical_bytes(), Some(&trust)).unwrap_err();
	ensure!(matches!(error, VerifyError::SetChange { index: 0, .. }), "{error}");
	ensure!(error.to_string().contains("only 2 of 4 authorities signed; at least 3"), "{error}");
	let first_change = changes[0]["blockHash"].as_str().context("blockHash")?.to_string();
	checkpoints(&network.nodes[1].url, &dir, &proof, &old_proof, &spec, &first_change)?;
	eprintln!(
		"measure: proof across set changes 0 → {set_removed} → {set_added}: {} bytes, test {:.0} s",
		std::fs::metadata(&proof)?.len(),
		started.elapsed().as_secs_f64()
	);
	Ok(())
}

/// `proof verify --json PROOF --trust TRUST` (offline; the URL is not used).
fn verify_with(url: &str, proof: &Path, trust: &Path) -> Result<CliRun> {
	let (proof, trust) = (proof.display().to_string(), trust.display().to_string());
	cli(url, &["--json", "proof", "verify", &proof, "--trust", &trust])
}

/// The checkpoint part: `first_change` is the hash of the block that enacted set 1.
fn checkpoints(
	url: &str,
	dir: &TempDir,
	proof: &Path,
	old_proof: &Path,
	spec: &Path,
	first_change: &str,
) -> Result<()> {
	let trust = dir.join("council-trust.json");
	let trust_path = trust.display().to_string();
	let written =
		cli(url, &["--json", "proof", "checkpoint", "-o", &trust_path])?.ok("checkpoint")?.json()?;
	ensure!(written["setId"] == 2 && written["validators"] == 4 && written["written"] == true, "{written}");

	// The proof exported after the changes builds on it.
	let run = verify_with(url, proof, &trust)?.ok("verify with the checkpoint")?;
	let report = run.json()?;
	ensure!(report["verified"] == true, "{report}");
	ensure!(report["report"]["checkpoint"]["setId"] == 2, "{report}");
	ensure!(report["report"]["checkpoint"]["blockNumber"] == written["blockNumber"], "{report}");

	// The genuine proof from before the changes: accepted at genesis, refused with the checkpoint,
	// since set 0's keys (retired) could have signed it on a fork.
	verify_with(url, old_proof, spec)?.ok("the old proof against the raw spec")?;
	let run = verify_with(url, old_proof, &trust)?;
	ensure!(run.code == 1, "an old proof must be refused with the checkpoint: {}{}", run.stdout, run.stderr);
	let error = run.json()?["error"].as_str().unwrap_or_default().to_string();
	ensure!(
		error.contains("retired before the checkpoint") && error.contains("export the proof again"),
		"{error}"
	);

	// A tampered checkpoint: another validator key in its set.
	let mut tampered: serde_json::Value = serde_json::from_slice(&std::fs::read(&trust)?)?;
	tampered["checkpoint"]["set"]["authorities"][0] = serde_json::json!(format!("0x{}", "11".repeat(32)));
	let tampered_path = dir.join("tampered-trust.json");
	std::fs::write(&tampered_path, serde_json::to_vec_pretty(&tampered)?)?;
	let run = verify_with(url, proof, &tampered_path)?;
	ensure!(run.code == 1, "a tampered checkpoint must be refused: {}{}", run.stdout, run.stderr);
	ensure!(run.stdout.contains("the trust anchor is not valid"), "{}", run.stdout);

	// A checkpoint at the block that enacted set 1 (nodes keep its justification): set 1 after it.
	let early = dir.join("early-trust.json");
	let early_path = early.display().to_string();
	let at = |out: &str| cli(url, &["--json", "proof", "checkpoint", "--at", first_change, "-o", out]);
	let written = at(&early_path)?.ok("checkpoint --at")?.json()?;
	ensure!(written["setId"] == 1 && written["validators"] == 3, "{written}");
	verify_with(url, proof, &early)?.ok("verify with the early checkpoint")?;
	// Replaced by the newest ...
	let newer =
		cli(url, &["--json", "proof", "checkpoint", "-o", &early_path])?.ok("newer checkpoint")?.json()?;
	ensure!(newer["setId"] == 2 && newer["replaced"] == written["blockNumber"], "{newer}");
	// ... which an older one never replaces: refused, the file unchanged.
	let before = std::fs::read(&trust)?;
	at(&trust_path)?.refused("an older checkpoint", "is not newer")?;
	ensure!(std::fs::read(&trust)? == before, "a refused checkpoint changed the trust file");
	Ok(())
}
