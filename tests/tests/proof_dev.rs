//! Court proof round trip against a real `iprchain-node --dev`: deposit a file, `iprchain proof
//! export` it, `iprchain proof verify` it offline (with the chain's trust anchor and the original), and
//! check that another file and a tampered proof are refused with exit code 1.

use anyhow::{ensure, Result};
use iprchain_client::{
	evidence::DepositRequest, files, primitives::EvidenceKind, primitives::HashAlgo, Signer,
};
use iprchain_tests::{binary, TempDir, TestNode};
use std::{process::Command, time::Duration};

const STARTUP: Duration = Duration::from_secs(180);

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

	// Library export, checked by the offline verifier.
	let bundle = iprchain_client::proof::export_record(&client, HashAlgo::Sha256, &digest).await?;
	let report = iprchain_client::proof::verify_bytes(&bundle.to_canonical_bytes(), None)?;
	ensure!(report.record.block_number == deposited.block_number, "deposit block: {report:?}");
	ensure!(report.proof_block_number >= deposited.block_number);
	ensure!(report.record.title == "licence contract");

	// CLI export and verify.
	let cli = binary("iprchain")?;
	let proof = dir.join("contract.proof.json");
	let trust = dir.join("trust.json");
	let hex_digest = hex::encode(digest);
	let status = Command::new(&cli)
		.args(["--url", &node.url, "proof", "export", &hex_digest, "-o"])
		.arg(&proof)
		.status()?;
	ensure!(status.success(), "proof export failed");
	let status =
		Command::new(&cli).args(["--url", &node.url, "proof", "trust", "-o"]).arg(&trust).status()?;
	ensure!(status.success(), "proof trust failed");

	// The node is no longer needed: verification is offline.
	node.kill9();
	let verify = |extra: &[&std::path::Path]| -> Result<std::process::Output> {
		let mut command = Command::new(&cli);
		command.args(["--json", "proof", "verify"]).arg(&proof).arg("--trust").arg(&trust);
		if let Some(file) = extra.first() {
			command.arg("--file").arg(file);
		}
		Ok(command.output()?)
	};
	let output = verify(&[&original])?;
	ensure!(output.status.success(), "verify failed: {}", String::from_utf8_lossy(&output.stdout));
	let json: serde_json::Value = serde_json::from_slice(&output.stdout)?;
	ensure!(json["verified"] == true, "{json}");
	ensure!(json["report"]["record"]["blockNumber"] == deposited.block_number, "{json}");
	ensure!(json["report"]["finalizedBy"].as_array().is_some_and(|a| a.len() == 1), "{json}");

	let other = dir.join("other.pdf");
	std::fs::write(&other, b"not the deposited file")?;
	let output = verify(&[&other])?;
	ensure!(output.status.code() == Some(1), "a wrong file must exit 1");
	ensure!(String::from_utf8_lossy(&output.stdout).contains("digest mismatch"));

	let mut tampered = std::fs::read(&proof)?;
	let position = tampered.len() / 2;
	tampered[position] ^= 0x01;
	std::fs::write(&proof, &tampered)?;
	let output = verify(&[])?;
	ensure!(output.status.code() == Some(1), "a tampered proof must exit 1");
	Ok(())
}
