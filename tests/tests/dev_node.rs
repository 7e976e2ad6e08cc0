//! Against a real `iprchain-node --dev`: a file's digest is deposited through the client library,
//! finalized, read back over `ipr_getEvidence`; a duplicate and a no-role signer are refused; batches
//! anchor and verify; the `iprchain` CLI gives the right exit codes.

use anyhow::Result;
use iprchain_client::{
	evidence::{self, DepositRequest},
	files, pallet_evidence,
	primitives::{EvidenceKind, HashAlgo},
	runtime::RuntimeEvent,
	Client, ClientError, Signer,
};
use iprchain_tests::{binary, NodeConfig, TempDir, TestNode};
use std::{process::Command, time::Duration};

const STARTUP: Duration = Duration::from_secs(180);

fn deposit_request(digest: [u8; 32], title: &str) -> DepositRequest {
	DepositRequest {
		algo: HashAlgo::Sha256,
		digest,
		kind: EvidenceKind::Copyright,
		title: title.into(),
		on_behalf_of: None,
	}
}

#[tokio::test(flavor = "multi_thread")]
async fn dev_node_deposits_verifies_and_refuses() -> Result<()> {
	let mut node = TestNode::spawn_dev()?;
	let client = node.ready(STARTUP).await?;
	let files_dir = TempDir::new("files");

	deposit_is_finalized_and_readable(&client, &files_dir).await?;
	duplicate_and_unauthorised_are_refused(&client, &files_dir).await?;
	unwatched_submission_is_found(&client).await?;
	a_call_refused_for_good_leaves_no_gap(&client).await?;
	batch_items_verify(&client, &files_dir).await?;
	cli_exit_codes(&node, &files_dir)?;
	bad_input_gets_clear_errors(&client).await?;
	metadata_v16_is_offered(&client).await?;
	started_the_ordinary_way_it_serves_only_safe_rpc_and_metrics(&node, &client).await?;
	Ok(())
}

/// `iprchain-node` with no RPC flags: the unsafe methods are refused even on localhost, the safe ones
/// answer, and Prometheus metrics are served on 127.0.0.1.
async fn started_the_ordinary_way_it_serves_only_safe_rpc_and_metrics(
	node: &TestNode,
	client: &Client,
) -> Result<()> {
	use iprchain_client::rpc_params;
	for method in ["author_rotateKeys", "system_addReservedPeer", "author_insertKey"] {
		let params = match method {
			"system_addReservedPeer" => {
				rpc_params!["/ip4/127.0.0.1/tcp/1/p2p/12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp"]
			}
			"author_insertKey" => rpc_params!["aura", "//Mallory", format!("0x{}", "11".repeat(32))],
			_ => rpc_params![],
		};
		let refused = client.call::<serde_json::Value>(method, params).await.unwrap_err().to_string();
		assert!(refused.contains("unsafe"), "{method} answered on a default node: {refused}");
	}
	let health: serde_json::Value = client.call("system_health", rpc_params![]).await?;
	assert!(health.get("peers").is_some(), "system_health: {health}");

	let finalized = finalized_height(&node.metrics()?).expect("substrate_block_height{status=\"finalized\"}");
	assert!(finalized >= 1, "metrics say finalized #{finalized}; the node finalized a block before this");
	Ok(())
}

/// The value of `substrate_block_height{status="finalized",…}` in a Prometheus text exposition.
fn finalized_height(metrics: &str) -> Option<u64> {
	metrics
		.lines()
		.find(|line| line.starts_with("substrate_block_height{") && line.contains("status=\"finalized\""))
		.and_then(|line| line.rsplit(' ').next())
		.and_then(|value| value.parse().ok())
}

#[tokio::test(flavor = "multi_thread")]
async fn unsafe_rpc_is_served_only_when_asked_for_and_only_on_loopback() -> Result<()> {
	use iprchain_client::rpc_params;
	let mut exposed = NodeConfig::dev();
	exposed.name = "exposed".into();
	exposed.extra_args.extend(["--rpc-methods", "unsafe", "--rpc-external"].map(String::from));
	let mut exposed = TestNode::spawn(exposed)?;
	let status = exposed.wait_exit(Duration::from_secs(60))?;
	assert!(matches!(status, Some(status) if !status.success()), "the node started: {status:?}");
	let log = std::fs::read_to_string(&exposed.log)?;
	assert!(log.contains("loopback interface only"), "no reason given: {}", exposed.log_tail());

	let mut operator = NodeConfig::dev();
	operator.name = "operator".into();
	operator.extra_args.extend(["--rpc-methods", "unsafe"].map(String::from));
	let mut operator = TestNode::spawn(operator)?;
	let client = operator.ready(STARTUP).await?;
	let keys: String = client.call("author_rotateKeys", rpc_params![]).await?;
	assert!(keys.starts_with("0x") && keys.len() > 2 + 2 * 32, "new session keys: {keys}");
	Ok(())
}

async fn deposit_is_finalized_and_readable(client: &Client, dir: &TempDir) -> Result<()> {
	let alice = Signer::from_suri("//Alice")?;
	let file = dir.join("artwork.png");
	std::fs::write(&file, b"Huanghelou calligraphy society: trademark artwork v1")?;
	let digest = files::hash_file(HashAlgo::Sha256, &file)?;

	let finalized = client.submit(&alice, deposit_request(digest, "artwork.png").call()).await?;
	assert!(
		finalized.events.iter().any(|e| matches!(
			e,
			RuntimeEvent::Evidence(pallet_evidence::Event::Deposited { digest: d, .. }) if *d == digest
		)),
		"Deposited event missing: {:?}",
		finalized.events
	);

	let record = client.evidence(HashAlgo::Sha256, &digest, None).await?.expect("record exists");
	assert_eq!(record.submitter, alice.ss58());
	assert_eq!(record.owner, alice.ss58());
	assert_eq!(record.title, "artwork.png");
	assert_eq!(record.kind, "copyright");
	assert_eq!(record.block_number, finalized.block_number);
	assert_eq!(record.block_hash.as_deref(), Some(format!("{:?}", finalized.block_hash).as_str()));
	assert!(record.finalized);
	assert!(record.deposited_at > 1_700_000_000_000, "timestamp in ms: {}", record.deposited_at);

	// The same bytes under SM3 are a different record: not deposited.
	let sm3 = files::hash_file(HashAlgo::Sm3, &file)?;
	assert!(client.evidence(HashAlgo::Sm3, &sm3, None).await?.is_none());

	let verification = evidence::verify_file(client, HashAlgo::Sha256, &file).await?;
	assert!(verification.verified());
	Ok(())
}

async fn duplicate_and_unauthorised_are_refused(client: &Client, dir: &TempDir) -> Result<()> {
	let alice = Signer::from_suri("//Alice")?;
	let bob = Signer::from_suri("//Bob")?;
	let ferdie = Signer::from_suri("//Ferdie")?;
	let file = dir.join("contract.pdf");
	std::fs::write(&file, b"licence agreement between the society and the museum")?;
	let digest = files::hash_file(HashAlgo::Sha256, &file)?;
	client.submit(&alice, deposit_request(digest, "first").call()).await?;

	let duplicate = client.submit(&bob, deposit_request(digest, "second").call()).await;
	match duplicate {
		Err(ClientError::DispatchFailed(reason)) => assert_eq!(reason, "Evidence.AlreadyDeposited"),
		other => panic!("expected AlreadyDeposited, got {other:?}"),
	}
	let record = client.evidence(HashAlgo::Sha256, &digest, None).await?.expect("original stands");
	assert_eq!(record.submitter, alice.ss58());
	assert_eq!(record.title, "first");

	let other = HashAlgo::Sha256.digest(b"ferdie's file");
	match client.submit(&ferdie, deposit_request(other, "no role").call()).await {
		Err(ClientError::Rejected(reason)) => assert!(reason.contains("holds no role"), "{reason}"),
		other => panic!("expected a pool rejection, got {other:?}"),
	}
	assert!(client.evidence(HashAlgo::Sha256, &other, None).await?.is_none());
	Ok(())
}

/// `submit_all` with a call the pool can never take (a remark longer than a block) among others: that
/// one is reported with the pool's reason, its nonce is filled so the later ones are not stuck behind
/// it, and every other call is finalized.
async fn a_call_refused_for_good_leaves_no_gap(client: &Client) -> Result<()> {
	use iprchain_client::{
		frame_system,
		runtime::RuntimeCall,
		submit::{submit_all, SubmitOptions},
	};
	let eve = Signer::from_suri("//Eve")?;
	let nonce_before = client.account_nonce(&eve.account()).await?;
	let digests: Vec<[u8; 32]> =
		(0..3).map(|i| HashAlgo::Sha256.digest(format!("around a refused call #{i}").as_bytes())).collect();
	let too_long = RuntimeCall::System(frame_system::Call::remark { remark: vec![7; 4 * 1024 * 1024] });
	let calls = vec![
		deposit_request(digests[0], "before").call(),
		too_long,
		deposit_request(digests[1], "after").call(),
		deposit_request(digests[2], "after, too").call(),
	];
	let results = submit_all(client, &eve, calls, &SubmitOptions::default(), |_| {}).await?;
	match &results[1] {
		Err(ClientError::Rejected(reason)) => assert!(reason.contains("exhaust"), "{reason}"),
		other => panic!("a remark longer than a block must be refused by the pool, got {other:?}"),
	}
	for i in [0, 2, 3] {
		assert!(results[i].is_ok(), "call {i}: {:?}", results[i]);
	}
	let finalized = client.finalized_head().await?;
	for digest in &digests {
		let record = client.evidence(HashAlgo::Sha256, digest, Some(finalized)).await?;
		assert_eq!(record.expect("deposited").submitter, eve.ss58());
	}
	// Three deposits and the empty remark that filled the refused call's nonce.
	assert_eq!(client.account_nonce(&eve.account()).await?, nonce_before + 4);
	Ok(())
}

/// A transaction submitted without a status subscription is found in finalized blocks, with its
/// outcome: what the client falls back to when a node ends a subscription early.
async fn unwatched_submission_is_found(client: &Client) -> Result<()> {
	let alice = Signer::from_suri("//Alice")?;
	let bob = Signer::from_suri("//Bob")?;
	let digest = HashAlgo::Sha256.digest(b"submitted without a watch");
	let birth = client.era_birth().await?;
	let submit = |signer: &Signer, nonce| {
		let extrinsic = client.sign(signer, deposit_request(digest, "unwatched").call(), nonce, birth);
		async move {
			let hex = format!("0x{}", hex::encode(&extrinsic));
			let _: iprchain_client::runtime::Hash =
				client.call("author_submitExtrinsic", iprchain_client::rpc_params![hex]).await?;
			Ok::<_, anyhow::Error>(extrinsic)
		}
	};
	let first = submit(&alice, client.next_nonce(&alice).await?).await?;
	let finalized = client.await_extrinsic(&first).await?;
	assert!(client.evidence(HashAlgo::Sha256, &digest, Some(finalized.block_hash)).await?.is_some());
	// A failing one is found too, and reported by its pallet error.
	let second = submit(&bob, client.next_nonce(&bob).await?).await?;
	match client.await_extrinsic(&second).await {
		Err(ClientError::DispatchFailed(reason)) => assert_eq!(reason, "Evidence.AlreadyDeposited"),
		other => panic!("expected AlreadyDeposited, got {other:?}"),
	}
	Ok(())
}

async fn batch_items_verify(client: &Client, dir: &TempDir) -> Result<()> {
	let alice = Signer::from_suri("//Alice")?;
	let batch_dir = dir.join("captures");
	std::fs::create_dir_all(&batch_dir)?;
	for i in 0..5 {
		std::fs::write(batch_dir.join(format!("copy-{i}.html")), format!("infringing copy {i}"))?;
	}
	let paths = files::expand_inputs(std::slice::from_ref(&batch_dir))?;
	let out = dir.join("proofs");
	let receipt = evidence::anchor_batch(client, &alice, HashAlgo::Sha256, &paths, &out, || {}).await?;
	assert_eq!(receipt.leaf_count, 5);
	assert_eq!(receipt.proof_files.len(), 5);

	let item = evidence::verify_item(client, &receipt.proof_files[3], Some(&paths[3])).await?;
	let anchor = item.anchor.expect("root anchored");
	assert!(anchor.finalized);
	assert_eq!(anchor.leaf_count, 5);

	// The wrong original file is named as a digest mismatch.
	let mismatch = evidence::verify_item(client, &receipt.proof_files[3], Some(&paths[2])).await.unwrap_err();
	assert!(mismatch.to_string().contains("digest mismatch"), "{mismatch}");

	// Anchoring the same root again is refused.
	let again =
		evidence::anchor_batch(client, &alice, HashAlgo::Sha256, &paths, &dir.join("proofs2"), || {}).await;
	match again {
		Err(ClientError::DispatchFailed(reason)) => assert_eq!(reason, "Evidence.AlreadyAnchored"),
		other => panic!("expected AlreadyAnchored, got {other:?}"),
	}
	Ok(())
}

fn cli_exit_codes(node: &TestNode, dir: &TempDir) -> Result<()> {
	let cli = binary("iprchain")?;
	let run = |args: &[&str]| -> Result<(i32, String, String)> {
		let output = Command::new(&cli).args(args).args(["--url", &node.url]).output()?;
		Ok((
			output.status.code().unwrap_or(-1),
			String::from_utf8_lossy(&output.stdout).into_owned(),
			String::from_utf8_lossy(&output.stderr).into_owned(),
		))
	};
	let file = dir.join("cli-deposit.txt");
	std::fs::write(&file, b"deposited through the CLI")?;
	let path = file.to_str().unwrap();

	let (code, _, stderr) = run(&["evidence", "verify", path])?;
	assert_eq!(code, 1, "not yet deposited must exit 1: {stderr}");

	let (code, stdout, stderr) =
		run(&["evidence", "deposit", path, "--kind", "copyright", "--suri", "//Bob"])?;
	assert_eq!(code, 0, "deposit failed: {stdout}{stderr}");
	assert!(stdout.contains("finalized"), "{stdout}");

	let (code, stdout, _) = run(&["evidence", "verify", path])?;
	assert_eq!(code, 0, "{stdout}");
	assert!(stdout.contains("VERIFIED"), "{stdout}");

	let (code, stdout, _) = run(&["evidence", "verify", path, "--json"])?;
	assert_eq!(code, 0);
	let json: serde_json::Value = serde_json::from_str(&stdout)?;
	assert_eq!(json["verified"], true);

	let (code, _, stderr) = run(&["evidence", "show", "0x1234"])?;
	assert_eq!(code, 1);
	assert!(stderr.contains("64 hex digits"), "{stderr}");

	let (code, _, stderr) = run(&["evidence", "deposit", path, "--suri", "//Ferdie"])?;
	assert_eq!(code, 1);
	assert!(stderr.contains("holds no role"), "{stderr}");

	let missing = dir.join("does-not-exist.bin");
	let (code, _, stderr) = run(&["evidence", "deposit", missing.to_str().unwrap()])?;
	assert_eq!(code, 1);
	assert!(stderr.contains("does-not-exist.bin"), "{stderr}");

	let output = Command::new(&cli)
		.args(["evidence", "show", &"ab".repeat(32), "--url", "ws://127.0.0.1:1"])
		.output()?;
	assert_eq!(output.status.code(), Some(1));
	assert!(String::from_utf8_lossy(&output.stderr).contains("cannot reach the node"));
	Ok(())
}

async fn bad_input_gets_clear_errors(client: &Client) -> Result<()> {
	use iprchain_client::rpc_params;
	let bad_hex: Result<serde_json::Value, _> =
		client.call("ipr_getEvidence", rpc_params!["sha256", "0xnothex"]).await;
	assert!(bad_hex.unwrap_err().to_string().contains("malformed digest"));
	let bad_algo: Result<serde_json::Value, _> =
		client.call("ipr_getEvidence", rpc_params!["md5", "ab".repeat(32)]).await;
	assert!(bad_algo.unwrap_err().to_string().contains("unknown hash algorithm"));
	Ok(())
}

async fn metadata_v16_is_offered(client: &Client) -> Result<()> {
	use iprchain_client::codec::Decode;
	use iprchain_client::rpc_params;
	let versions: String = client.call("state_call", rpc_params!["Metadata_metadata_versions", "0x"]).await?;
	let versions = Vec::<u32>::decode(&mut &hex::decode(versions.trim_start_matches("0x"))?[..])?;
	assert!(versions.contains(&16), "metadata versions: {versions:?}");
	let v16: String =
		client.call("state_call", rpc_params!["Metadata_metadata_at_version", "0x10000000"]).await?;
	let v16 = Option::<Vec<u8>>::decode(&mut &hex::decode(v16.trim_start_matches("0x"))?[..])?
		.expect("V16 metadata");
	// RuntimeMetadataPrefixed: the magic "meta" then the version byte.
	assert_eq!(&v16[..4], b"meta");
	assert_eq!(v16[4], 16);
	Ok(())
}
