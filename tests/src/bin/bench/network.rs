//! The benchmark network (the four Wuhan validators on 127.0.0.1), bounded RPC calls on it, and the
//! statistics the figures are made of.

use super::*;

/// The one-minute load average, from /proc.
pub(super) fn load_average() -> f64 {
	std::fs::read_to_string("/proc/loadavg")
		.ok()
		.and_then(|text| text.split_whitespace().next().and_then(|v| v.parse().ok()))
		.unwrap_or(f64::NAN)
}

/// Median of `values` (NaN if empty).
pub(super) fn median(values: &[f64]) -> f64 {
	let mut sorted: Vec<f64> = values.iter().copied().filter(|v| !v.is_nan()).collect();
	if sorted.is_empty() {
		return f64::NAN;
	}
	sorted.sort_by(f64::total_cmp);
	let mid = sorted.len() / 2;
	if sorted.len() % 2 == 1 {
		sorted[mid]
	} else {
		(sorted[mid - 1] + sorted[mid]) / 2.0
	}
}

/// Nearest-rank percentile `p` (0–100) of `values` (NaN if empty).
pub(super) fn percentile(values: &[f64], p: f64) -> f64 {
	if values.is_empty() {
		return f64::NAN;
	}
	let mut sorted = values.to_vec();
	sorted.sort_by(f64::total_cmp);
	let rank = ((p / 100.0) * sorted.len() as f64).ceil().max(1.0) as usize;
	sorted[rank.min(sorted.len()) - 1]
}

pub(super) fn round(value: f64, digits: i32) -> Value {
	if value.is_finite() {
		let scale = 10f64.powi(digits);
		json!((value * scale).round() / scale)
	} else {
		Value::Null
	}
}

/// The four Wuhan validators with extra node flags; the harness kills each node when dropped, on
/// every path out of `main`, errors included.
pub(super) async fn start_network(node_args: &[String]) -> Result<(Vec<TestNode>, Vec<Client>)> {
	let ports: Vec<u16> = WUHAN_VALIDATORS.iter().map(|_| free_port()).collect();
	let keys: Vec<String> = (0..WUHAN_VALIDATORS.len()).map(test_node_key).collect();
	let bootnodes = keys
		.iter()
		.zip(&ports)
		.map(|(key, port)| Ok(format!("/ip4/127.0.0.1/tcp/{port}/p2p/{}", peer_id(key)?)))
		.collect::<Result<Vec<_>>>()?;
	let mut nodes = Vec::new();
	for (index, (name, dev_key)) in WUHAN_VALIDATORS.iter().enumerate() {
		let mut extra_args: Vec<String> = ["--blocks-pruning", "archive"].map(String::from).to_vec();
		extra_args.extend(node_args.iter().cloned());
		let config = NodeConfig {
			chain: "local".into(),
			dev_key: Some(dev_key.to_string()),
			name: name.to_string(),
			node_key: Some(keys[index].clone()),
			bootnodes: bootnodes.clone(),
			extra_args,
		};
		nodes.push(TestNode::spawn_on(config, ports[index])?);
	}
	let mut clients = Vec::new();
	for node in &mut nodes {
		clients.push(node.ready(STARTUP).await?);
	}
	Ok((nodes, clients))
}

/// Awaits `call` for at most [`RPC_TIMEOUT`], naming `what` in the error.
pub(super) async fn bounded<T, E: std::fmt::Display>(
	what: &str,
	call: impl std::future::Future<Output = Result<T, E>>,
) -> Result<T> {
	match tokio::time::timeout(RPC_TIMEOUT, call).await {
		Ok(result) => result.map_err(|error| anyhow::anyhow!("{what}: {error}")),
		Err(_) => bail!("{what}: no answer in {RPC_TIMEOUT:?}"),
	}
}

/// Number of the latest finalized block.
pub(super) async fn finalized_number(client: &Client) -> Result<u32> {
	Ok(client.finalized_number().await?)
}

/// The `Timestamp.Now` of block `at`, Unix milliseconds.
pub(super) async fn timestamp_at(client: &Client, at: Hash) -> Result<u64> {
	let key = to_hex(&storage_prefix(b"Timestamp", b"Now"));
	let raw: Option<String> = client.call("state_getStorage", rpc_params![key, at]).await?;
	let bytes = hex::decode(raw.context("block without a timestamp")?.trim_start_matches("0x"))?;
	Ok(u64::from_le_bytes(bytes.get(..8).context("short timestamp")?.try_into()?))
}

/// One line per node: best and finalized block and how many transactions its pool holds, for the
/// message printed when a load stalls. Each query is bounded; a node that does not answer says so.
pub(super) async fn diagnose(nodes: &[Client]) -> String {
	let mut lines = Vec::new();
	for (index, node) in nodes.iter().enumerate() {
		let state = async {
			let header: Value =
				bounded("chain_getHeader", node.call("chain_getHeader", rpc_params![])).await?;
			let best =
				u32::from_str_radix(header["number"].as_str().unwrap_or("0x0").trim_start_matches("0x"), 16)?;
			let finalized = bounded("finalized head", finalized_number(node)).await?;
			let pool: Vec<Value> =
				bounded("author_pendingExtrinsics", node.call("author_pendingExtrinsics", rpc_params![]))
					.await?;
			anyhow::Ok(format!("best #{best}, finalized #{finalized}, {} in its pool", pool.len()))
		};
		let state = state.await.unwrap_or_else(|error| format!("no state ({error})"));
		lines.push(format!("    node {index} ({}): {state}", WUHAN_VALIDATORS[index].0));
	}
	lines.join("\n")
}
