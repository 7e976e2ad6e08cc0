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
