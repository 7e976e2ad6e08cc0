//! Court proof round trip against a real `iprchain-node --dev`: deposit a file and anchor a batch,
//! `iprchain proof export` the record and one batch item, `iprchain proof verify` both offline (against
//! the chain's trust anchor, its raw chain spec and a trust file with a checkpoint, with the originals),
//! and check that another file, a non-raw chain spec and a tampered proof are refused with exit code 1.
//!
//! `write_proof_fixtures` (ignored; run it with `--ignored`) regenerates the verifier's test fixtures in
//! `client/proof/tests/data` from a fresh dev chain.

use anyhow::{ensure, Context, Result};
use iprchain_client::{
	evidence::{self, DepositRequest},
	files,
	primitives::{EvidenceKind, HashAlgo},
	Client, Signer,
};
use iprchain_tests::{binary, TempDir, TestNode};
use std::{
	path::{Path, PathBuf},
	process::{Command, Output},
	time::Duration,
};

const STARTUP: Duration = Duration::from_secs(180);

/// Anchors `count` small files as one batch; returns the files and their item proof files.
async fn anchor_sample_batch(
	client: &Client,
	dir: &TempDir,
	count: usize,
) -> Result<(Vec<PathBuf>, Vec<PathBuf>)> {
	let alice = Signer::from_suri("//Alice")?;
	let batch_dir = dir.join("captures");
	std::fs::create_dir_all(&batch_dir)?;
	let paths: Vec<PathBuf> = (0..count)
		.map(|i| {
			let path = batch_dir.join(format!("capture-{i}.html"));
			std::fs::write(&path, format!("Jianghan court: captured page {i} of an infringing site"))?;
			Ok(path)
		})
		.collect::<Result<_>>()?;
	let receipt =
		evidence::anchor_batch(client, &alice, HashAlgo::Sha256, &paths, &dir.join("items"), || {}).await?;
	Ok((paths, receipt.proof_files))
}

/// `iprchain-node build-spec --chain dev [--raw]` written to `out`.
fn build_spec(out: &Path, raw: bool) -> Result<()> {
	let mut command = Command::new(binary("iprchain-node")?);
	command.args(["build-spec", "--chain", "dev", "--disable-default-bootnode"]);
	if raw {
		command.arg("--raw");
	}
	let output = command.output()?;
	ensure!(output.status.success(), "build-spec failed: {}", String::from_utf8_lossy(&output.stderr));
	std::fs::write(out, output.stdout)?;
	Ok(())
}

fn export(cli: &Path, url: &str, target: &str, out: &Path) -> Result<()> {
	let output = Command::new(cli).args(["--url", url, "proof", "export", target, "-o"]).arg(out).output()?;
	ensure!(
		output.status.success(),
		"proof export {target} failed: {}",
		String::from_utf8_lossy(&output.stderr)
	);
	Ok(())
}

fn verify(cli: &Path, proof: &Path, trust: &Path, original: Option<&Path>) -> Result<Output> {
	let mut command = Command::new(cli);
	command.args(["--json", "proof", "verify"]).arg(proof).arg("--trust").arg(trust);
	if let Some(file) = original {
		command.arg("--file").arg(file);
	}
	Ok(command.output()?)
}

fn verified_report(output: &Output) -> Result<serde_json::Value> {
	ensure!(
		output.status.success(),
		"verify failed: {}{}",
		String::from_utf8_lossy(&output.stdout),
		String::from_utf8_lossy(&output.stderr)
	);
	let json: serde_json::Value = serde_json::from_slice(&output.stdout)?;
	ensure!(json["verified"] == true, "{json}");
	Ok(json["report"].clone())
}

#[tokio::test(flavor = "multi_thread")]
async fn proof_export_and_offline_verify_round_trip() -> Result<()> {
	let mut node = TestNode::spawn_dev()?;
	let client = node.ready(STARTUP).await?;
	let dir = TempDir::new("proof");
	let original = dir.join("contract.pdf");
	std::fs::write(&original, b"Qiaokou workstation: licence contract for the court proof test")?;
	let digest = files::hash_file(HashAlgo::Sha256, &original)?;
	let alice = Signer::from_suri("//Alice")?;
	let request = DepositRequest {
		algo: HashAlgo::Sha256,
		digest,
		kind: EvidenceKind::Contract,
		title: "licence contract".into(),
		on_behalf_of: None,
	};
	let deposited = client.submit(&alice, request.call()).await?;
	let (batch_files, item_files) = anchor_sample_batch(&client, &dir, 5).await?;

	// Library export, checked by the offline verifier.
	let bundle = iprchain_client::proof::export_record(&client, HashAlgo::Sha256, &digest).await?;
	let report = iprchain_client::proof::verify_bytes(&bundle.to_canonical_bytes(), None)?;
	let record = report.record.as_ref().context("a record proof reports the record")?;
	ensure!(record.block_number == deposited.block_number, "deposit block: {report:?}");
	ensure!(report.proof_block_number >= deposited.block_number);
	ensure!(record.title == "licence contract");

	// CLI export of the record and of a batch item, the trust anchor and the raw chain spec.
	let cli = binary("iprchain")?;
	let proof = dir.join("contract.proof.json");
	let item_proof = dir.join("capture-3.proof.json");
	let trust = dir.join("trust.json");
	let raw_spec = dir.join("dev.raw.json");
	let plain_spec = dir.join("dev.json");
	export(&cli, &node.url, &hex::encode(digest), &proof)?;
	export(&cli, &node.url, &item_files[3].display().to_string(), &item_proof)?;
	let status =
		Command::new(&cli).args(["--url", &node.url, "proof", "trust", "-o"]).arg(&trust).status()?;
	ensure!(status.success(), "proof trust failed");
	// A checkpoint on a chain that never changed its set (the justification comes from the node's
	// subscription): the set after it is still the genesis set, so proofs of that set build on it.
	let checkpoint = dir.join("checkpoint-trust.json");
	let written = iprchain_tests::cli(
		&node.url,
		&["--json", "proof", "checkpoint", "-o", &checkpoint.display().to_string()],
	)?
	.ok("proof checkpoint")?
	.json()?;
	ensure!(written["setId"] == 0 && written["validators"] == 1, "{written}");
	build_spec(&raw_spec, true)?;
	build_spec(&plain_spec, false)?;

	// The node is no longer needed: verification is offline.
	node.kill9();
	for anchor in [&trust, &raw_spec, &checkpoint] {
		let report = verified_report(&verify(&cli, &proof, anchor, Some(&original))?)?;
		ensure!(report["anchored"] == true, "{report}");
		ensure!(report["record"]["blockNumber"] == deposited.block_number, "{report}");
		ensure!(report["finalizedBy"].as_array().is_some_and(|a| a.len() == 1), "{report}");

		let report = verified_report(&verify(&cli, &item_proof, anchor, Some(&batch_files[3]))?)?;
		ensure!(report["batchItem"]["leafIndex"] == 3, "{report}");
		ensure!(report["batchItem"]["anchor"]["leafCount"] == 5, "{report}");
		ensure!(report.get("record").is_none(), "{report}");
		ensure!(report.get("checkpoint").is_some() == (anchor == &checkpoint), "{report}");
	}
	// The raw chain spec yields exactly the anchor the node reports.
	let from_spec = iprchain_client::proof::trust_from_chain_spec(&std::fs::read(&raw_spec)?)?;
	ensure!(from_spec.to_canonical_bytes() == std::fs::read(&trust)?, "chain spec and node disagree");

	// No trust anchor: the proof holds against the genesis written in it, which is no answer (exit 2),
	// and the first word and the JSON say so and name what to pass.
	let text =
		Command::new(&cli).args(["proof", "verify"]).arg(&proof).arg("--file").arg(&original).output()?;
	ensure!(text.status.code() == Some(2), "no anchor must exit 2: {text:?}");
	let stdout = String::from_utf8_lossy(&text.stdout);
	ensure!(stdout.starts_with("NOT ANCHORED") && stdout.contains("pass --trust"), "{stdout}");
	ensure!(!stdout.contains("VERIFIED"), "{stdout}");
	let json = Command::new(&cli).args(["--json", "proof", "verify"]).arg(&proof).output()?;
	ensure!(json.status.code() == Some(2), "no anchor must exit 2 in JSON too");
	let json: serde_json::Value = serde_json::from_slice(&json.stdout)?;
	ensure!(json["verified"] == false && json["anchored"] == false, "{json}");
	ensure!(json["error"].as_str().is_some_and(|e| e.contains("--trust")), "{json}");
	ensure!(
		json["report"]["record"]["blockNumber"] == deposited.block_number,
		"the checks still ran: {json}"
	);

	let output = verify(&cli, &proof, &plain_spec, None)?;
	ensure!(output.status.code() == Some(1), "a non-raw chain spec must exit 1");
	let stderr = String::from_utf8_lossy(&output.stderr);
	ensure!(stderr.contains("build-spec --chain X --raw"), "{stderr}");

	let other = dir.join("other.pdf");
	std::fs::write(&other, b"not the deposited file")?;
	for (proof, file) in [(&proof, &other), (&item_proof, &batch_files[2])] {
		let output = verify(&cli, proof, &trust, Some(file))?;
		ensure!(output.status.code() == Some(1), "a wrong file must exit 1");
		ensure!(String::from_utf8_lossy(&output.stdout).contains("digest mismatch"));
	}

	for proof in [&proof, &item_proof] {
		let mut tampered = std::fs::read(proof)?;
		let position = tampered.len() / 2;
		tampered[position] ^= 0x01;
		std::fs::write(proof, &tampered)?;
		let output = verify(&cli, proof, &raw_spec, None)?;
		ensure!(output.status.code() == Some(1), "a tampered proof must exit 1");
	}
	Ok(())
}

/// Regenerates `client/proof/tests/data`: a record proof (`sample-record.proof.json`, original
/// `sample.txt`), a batch-item proof (`batch-item.proof.json`, item 2 of 5, original
/// `batch-item.txt`) and the chain's trust anchor (`dev-trust.json`), all from one fresh dev chain.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "writes the iprchain-proof test fixtures; run explicitly with --ignored"]
async fn write_proof_fixtures() -> Result<()> {
	let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../client/proof/tests/data");
	let mut node = TestNode::spawn_dev()?;
	let client = node.ready(STARTUP).await?;
	let dir = TempDir::new("proof-fixtures");
	let alice = Signer::from_suri("//Alice")?;

	let sample = b"Wuhan Donghu workstation: sample evidence for the court proof fixture\n";
	let digest = HashAlgo::Sha256.digest(sample);
	let request = DepositRequest {
		algo: HashAlgo::Sha256,
		digest,
		kind: EvidenceKind::Copyright,
		title: "court proof sample".into(),
		on_behalf_of: None,
	};
	client.submit(&alice, request.call()).await?;
	let (batch_files, item_files) = anchor_sample_batch(&client, &dir, 5).await?;

	let record = iprchain_client::proof::export_record(&client, HashAlgo::Sha256, &digest).await?;
	let item = iprchain_client::proof::read_item_proof(&item_files[2])?;
	let item = iprchain_client::proof::export_batch_item(&client, &item).await?;
	let trust = iprchain_client::proof::trust_anchor(&client).await?;
	node.kill9();

	std::fs::write(data.join("sample.txt"), sample)?;
	std::fs::write(data.join("sample-record.proof.json"), record.to_canonical_bytes())?;
	std::fs::copy(&batch_files[2], data.join("batch-item.txt"))?;
	std::fs::write(data.join("batch-item.proof.json"), item.to_canonical_bytes())?;
	std::fs::write(data.join("dev-trust.json"), trust.to_canonical_bytes())?;
	Ok(())
}
