//! Runs smoldot, the standard Substrate light client, through `tests/light-client/follow.mjs` (Node.js,
//! installed by scripts/setup.sh), and reads back the finalized headers it reported.

use anyhow::{bail, ensure, Context, Result};
use std::{
	path::{Path, PathBuf},
	process::Command,
	time::Duration,
};

/// A finalized header as smoldot reported it.
#[derive(Clone, Debug)]
pub struct FinalizedHeader {
	/// Block number.
	pub number: u64,
	/// Hash of the parent block, `0x…`.
	pub parent_hash: String,
	/// State root, `0x…`.
	pub state_root: String,
}

/// What one smoldot run saw.
#[derive(Debug)]
pub struct LightClientRun {
	/// Every finalized header reported, in order.
	pub finalized: Vec<FinalizedHeader>,
	/// Whether the time ran out before the wanted block was finalized (after a first finalized header
	/// above genesis: see [`follow`]).
	pub timed_out: bool,
	/// smoldot's log (stderr), for failure messages.
	pub log: String,
}

impl LightClientRun {
	/// The highest finalized block number reported, if any.
	pub fn highest(&self) -> Option<u64> {
		self.finalized.iter().map(|header| header.number).max()
	}

	/// How many finalized headers above genesis were reported.
	pub fn above_genesis(&self) -> usize {
		self.finalized.iter().filter(|header| header.number > 0).count()
	}

	/// The last lines of smoldot's log.
	pub fn log_tail(&self) -> String {
		let lines: Vec<_> = self.log.lines().rev().take(25).collect();
		lines.into_iter().rev().collect::<Vec<_>>().join("\n")
	}
}

/// The directory holding follow.mjs and its node_modules.
fn script_dir() -> PathBuf {
	Path::new(env!("CARGO_MANIFEST_DIR")).join("light-client")
}

/// Writes `iprchain-node build-spec --chain CHAIN --raw` to `out` with `boot_nodes` as its only boot
/// nodes: what a court is handed to start its light client with.
pub fn raw_spec_with_boot_nodes(chain: &str, boot_nodes: &[String], out: &Path) -> Result<()> {
	let output = Command::new(crate::binary("iprchain-node")?)
		.args(["build-spec", "--chain", chain, "--raw", "--disable-default-bootnode"])
		.output()?;
	ensure!(output.status.success(), "build-spec: {}", String::from_utf8_lossy(&output.stderr));
	let mut spec: serde_json::Value = serde_json::from_slice(&output.stdout).context("build-spec output")?;
	spec["bootNodes"] = serde_json::json!(boot_nodes);
	std::fs::write(out, serde_json::to_vec_pretty(&spec)?)?;
	Ok(())
}

/// Runs smoldot on the chain spec `spec` until it reports block `until` (or a later one) finalized after
/// an earlier finalized header above genesis — it followed finality, not only warp-synced once — or
/// until `timeout` passes.
pub async fn follow(spec: &Path, until: u64, timeout: Duration) -> Result<LightClientRun> {
	let dir = script_dir();
	ensure!(
		dir.join("node_modules/smoldot/package.json").is_file(),
		"smoldot is not installed in {}: run scripts/setup.sh",
		dir.display()
	);
	let mut command = tokio::process::Command::new("node");
	command
		.arg(dir.join("follow.mjs"))
		.arg(spec)
		.args([until.to_string(), timeout.as_secs().max(1).to_string()])
		.kill_on_drop(true);
	// The script bounds its own run; this bounds a script that hangs on exit.
	let output = tokio::time::timeout(timeout + Duration::from_secs(30), command.output())
		.await
		.context("smoldot did not exit after its timeout")?
		.context("starting node (Node.js) for smoldot")?;
	let log = String::from_utf8_lossy(&output.stderr).into_owned();
	let timed_out = match output.status.code() {
		Some(0) => false,
		Some(3) => true,
		other => bail!("smoldot run failed ({other:?}):\n{log}"),
	};
	let mut finalized = Vec::new();
	for line in String::from_utf8_lossy(&output.stdout).lines() {
		let value: serde_json::Value =
			serde_json::from_str(line).with_context(|| format!("smoldot said {line}"))?;
		if let Some(number) = value["finalized"].as_u64() {
			let text = |field: &str| value[field].as_str().map(str::to_string).unwrap_or_default();
			finalized.push(FinalizedHeader {
				number,
				parent_hash: text("parentHash"),
				state_root: text("stateRoot"),
			});
		}
	}
	Ok(LightClientRun { finalized, timed_out, log })
}
