//! Small chain queries the network tests share.

use anyhow::{bail, Context, Result};
use iprchain_client::{rpc_params, runtime::Hash, Client};
use std::time::{Duration, Instant};

/// Number of the latest finalized block.
pub async fn finalized_number(client: &Client) -> Result<u32> {
	Ok(client.finalized_number().await?)
}

/// Number of the best block.
pub async fn best_number(client: &Client) -> Result<u32> {
	Ok(client.best_number().await?)
}

/// Canonical hash of block `number`, if the node has it.
pub async fn block_hash(client: &Client, number: u32) -> Result<Option<Hash>> {
	Ok(client.call("chain_getBlockHash", rpc_params![number]).await?)
}

/// State root of block `hash`.
pub async fn state_root(client: &Client, hash: Hash) -> Result<String> {
	let header: serde_json::Value = client.call("chain_getHeader", rpc_params![hash]).await?;
	header["stateRoot"].as_str().map(str::to_string).context("header without stateRoot")
}

/// Waits until the node's finalized block number reaches `target`; returns how long it took.
pub async fn wait_finalized_at_least(client: &Client, target: u32, timeout: Duration) -> Result<Duration> {
	let start = Instant::now();
	loop {
		let finalized = finalized_number(client).await?;
		if finalized >= target {
			return Ok(start.elapsed());
		}
		if start.elapsed() > timeout {
			bail!("finalized #{finalized} after {timeout:?}, wanted #{target}");
		}
		tokio::time::sleep(Duration::from_millis(200)).await;
	}
}
