//! The node's maintenance subcommands work: `build-spec`, `key`, `purge-chain`.

use anyhow::Result;
use iprchain_tests::{binary, TempDir};
use std::process::Command;

fn node(args: &[&str]) -> Result<(bool, String, String)> {
	let output = Command::new(binary("iprchain-node")?).args(args).output()?;
	Ok((
		output.status.success(),
		String::from_utf8_lossy(&output.stdout).into_owned(),
		String::from_utf8_lossy(&output.stderr).into_owned(),
	))
}

#[test]
fn build_spec_gives_the_four_wuhan_validators() -> Result<()> {
	let (ok, stdout, stderr) = node(&["build-spec", "--chain", "local", "--disable-default-bootnode"])?;
	assert!(ok, "{stderr}");
	let spec: serde_json::Value = serde_json::from_str(&stdout)?;
	assert_eq!(spec["id"], "iprchain_wuhan_local");
	let patch = &spec["genesis"]["runtimeGenesis"]["patch"];
	assert_eq!(patch["session"]["keys"].as_array().map(Vec::len), Some(4), "{patch}");
	assert_eq!(patch["validatorManager"]["initialValidators"].as_array().map(Vec::len), Some(4));
	assert_eq!(patch["council"]["members"].as_array().map(Vec::len), Some(4));
	assert_eq!(patch["nodeAuthorization"]["nodes"].as_array().map(Vec::len), Some(4));
	assert!(patch["sudo"]["key"].is_null(), "no sudo key outside development: {patch}");

	let (ok, stdout, stderr) =
		node(&["build-spec", "--chain", "dev", "--raw", "--disable-default-bootnode"])?;
	assert!(ok, "{stderr}");
	let raw: serde_json::Value = serde_json::from_str(&stdout)?;
	assert!(raw["genesis"]["raw"]["top"].as_object().is_some_and(|top| !top.is_empty()));
	Ok(())
}

#[test]
fn key_subcommands_generate_and_inspect() -> Result<()> {
	let (ok, stdout, stderr) = node(&["key", "inspect", "//Alice"])?;
	assert!(ok, "{stderr}");
	assert!(stdout.contains("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"), "{stdout}");
	let (ok, stdout, stderr) = node(&["key", "generate-node-key"])?;
	assert!(ok, "{stderr}");
	assert_eq!(stdout.trim().len(), 64, "a hex ed25519 secret: {stdout}");
	Ok(())
}

#[test]
fn purge_chain_removes_the_database() -> Result<()> {
	let dir = TempDir::new("purge");
	let db = dir.join("base").join("chains").join("iprchain_dev").join("db");
	std::fs::create_dir_all(db.join("full"))?;
	std::fs::write(db.join("full").join("marker"), b"x")?;
	let base = dir.join("base");
	let (ok, _, stderr) =
		node(&["purge-chain", "--chain", "dev", "-y", "--base-path", base.to_str().unwrap()])?;
	assert!(ok, "{stderr}");
	assert!(!db.join("full").exists(), "database still there: {stderr}");
	Ok(())
}

/// A fresh key from `iprchain-node key generate`: (SS58 address, secret phrase).
fn generated_key(scheme: &str) -> Result<(String, String)> {
	let (ok, stdout, stderr) = node(&["key", "generate", "--scheme", scheme, "--output-type", "json"])?;
	anyhow::ensure!(ok, "{stderr}");
	let key: serde_json::Value = serde_json::from_str(&stdout)?;
	Ok((key["ss58Address"].as_str().unwrap().into(), key["secretPhrase"].as_str().unwrap().into()))
}

/// The production spec from an operator's own keys: `wuhan-spec` writes a Live spec with the production
/// periods, a validator started on it with those keys finalizes blocks, and the generator refuses a
/// development key and a published node key, naming them.
#[tokio::test(flavor = "multi_thread")]
async fn wuhan_spec_runs_on_the_operators_keys_and_refuses_development_keys() -> Result<()> {
	use iprchain_tests::{chain::finalized_number, peer_id, NodeConfig, TestNode};
	let dir = TempDir::new("wuhan-spec");
	let (account, _) = generated_key("sr25519")?;
	let (aura, aura_secret) = generated_key("sr25519")?;
	let (grandpa, grandpa_secret) = generated_key("ed25519")?;
	let (ok, node_key, stderr) = node(&["key", "generate-node-key"])?;
	anyhow::ensure!(ok, "{stderr}");
	let node_key = node_key.trim().to_string();
	let port = iprchain_tests::free_port();
	let operators = |account: &str, peer: &str| {
		serde_json::json!({
			"validators": [{ "name": "donghu", "account": account, "aura": aura, "grandpa": grandpa,
				"bootnode": format!("/ip4/127.0.0.1/tcp/{port}/p2p/{peer}") }],
			"roles": [{ "account": account, "roles": ["workstation", "registrar"] }],
			"txQuota": 500,
			"dailyBudget": { "txPerDay": 20000, "holdersPerDay": 100 },
		})
	};
	let operators_file = dir.join("operators.json");
	let spec_file = dir.join("wuhan.json");
	let generate = |operators: serde_json::Value| -> Result<(bool, String, String)> {
		std::fs::write(&operators_file, operators.to_string())?;
		node(&[
			"wuhan-spec",
			"--operators",
			operators_file.to_str().unwrap(),
			"-o",
			spec_file.to_str().unwrap(),
		])
	};

	let alice = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
	let (ok, _, stderr) = generate(operators(alice, &peer_id(&node_key)?))?;
	assert!(
		!ok && stderr.contains("donghu: the account is the well-known development key //Alice"),
		"{stderr}"
	);
	let published = peer_id(&iprchain_tests::test_node_key(0))?;
	let (ok, _, stderr) = generate(operators(&account, &published))?;
	assert!(!ok && stderr.contains("published development node key"), "{stderr}");
	assert!(!spec_file.exists(), "a refused file wrote a spec");

	let (ok, _, stderr) = generate(operators(&account, &peer_id(&node_key)?))?;
	assert!(ok, "{stderr}");
	let spec: serde_json::Value = serde_json::from_slice(&std::fs::read(&spec_file)?)?;
	assert_eq!(spec["chainType"], "Live");
	let patch = &spec["genesis"]["runtimeGenesis"]["patch"];
	assert_eq!(patch["dataIp"]["periods"]["noticeMs"], 15 * 86_400_000u64, "{patch}");
	assert_eq!(patch["dataIp"]["periods"]["validityMs"], 3 * 365 * 86_400_000u64);
	assert!(patch["sudo"]["key"].is_null());

	// The operator's validator, with its own session keys in its keystore, makes and finalizes blocks.
	let keystore = dir.join("keystore");
	for (scheme, key_type, secret) in
		[("sr25519", "aura", &aura_secret), ("ed25519", "gran", &grandpa_secret)]
	{
		let (ok, _, stderr) = node(&[
			"key",
			"insert",
			"--chain",
			spec_file.to_str().unwrap(),
			"--keystore-path",
			keystore.to_str().unwrap(),
			"--scheme",
			scheme,
			"--key-type",
			key_type,
			"--suri",
			secret,
		])?;
		anyhow::ensure!(ok, "key insert {key_type}: {stderr}");
	}
	let config = NodeConfig {
		chain: spec_file.to_str().unwrap().into(),
		dev_key: None,
		name: "donghu".into(),
		node_key: Some(node_key),
		bootnodes: Vec::new(),
		extra_args: ["--validator", "--keystore-path", keystore.to_str().unwrap()].map(String::from).to_vec(),
	};
	let mut validator = TestNode::spawn_on(config, port)?;
	let client = validator.ready(std::time::Duration::from_secs(180)).await?;
	assert!(finalized_number(&client).await? >= 1);
	Ok(())
}
