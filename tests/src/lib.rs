//! Harness for integration tests: starts real `iprchain-node` processes on free 127.0.0.1 ports, waits
//! for them on RPC (not on sleeps), and kills them when dropped.

pub mod burst;
pub mod chain;
pub mod light_client;

use anyhow::{bail, Context, Result};
use iprchain_client::Client;
use std::{
	net::TcpListener,
	path::{Path, PathBuf},
	process::{Child, Command, Stdio},
	time::{Duration, Instant},
};

/// Directory holding the workspace's built binaries (`target/debug`), found from the test executable
/// (`target/debug/deps/<test>`), unless `IPRCHAIN_BIN_DIR` says otherwise.
pub fn bin_dir() -> PathBuf {
	if let Ok(dir) = std::env::var("IPRCHAIN_BIN_DIR") {
		return PathBuf::from(dir);
	}
	let exe = std::env::current_exe().expect("test executable path");
	exe.parent().and_then(Path::parent).expect("target/<profile>/deps/<test>").to_path_buf()
}

/// Path of a workspace binary, with a clear failure when it was not built.
pub fn binary(name: &str) -> Result<PathBuf> {
	let path = bin_dir().join(name);
	if !path.is_file() {
		bail!(
			"{} not found: build it first (`cargo build --workspace --bins`, or scripts/test.sh)",
			path.display()
		);
	}
	Ok(path)
}

/// A free TCP port on 127.0.0.1 (bound and released; good enough for tests that start right away).
pub fn free_port() -> u16 {
	TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

/// A scratch directory removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
	/// A new empty directory under the system temp dir.
	pub fn new(label: &str) -> Self {
		static COUNTER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
		let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
		let path = std::env::temp_dir().join(format!("iprchain-{label}-{}-{n}", std::process::id()));
		let _ = std::fs::remove_dir_all(&path);
		std::fs::create_dir_all(&path).expect("temp dir");
		TempDir(path)
	}

	/// Path of `name` inside the directory.
	pub fn join(&self, name: &str) -> PathBuf {
		self.0.join(name)
	}
}

impl Drop for TempDir {
	fn drop(&mut self) {
		// `IPRCHAIN_KEEP_TEST_DIRS=1` keeps node databases and logs for a post-mortem.
		if std::env::var_os("IPRCHAIN_KEEP_TEST_DIRS").is_some() {
			eprintln!("kept {}", self.0.display());
			return;
		}
		let _ = std::fs::remove_dir_all(&self.0);
	}
}

/// How to start one node.
#[derive(Clone, Debug)]
pub struct NodeConfig {
	/// `--chain` value (`dev`, `local`, or a chain-spec file).
	pub chain: String,
	/// A dev key flag without dashes (`alice`, `bob`, …) for a validator, or `None` for a full node.
	pub dev_key: Option<String>,
	/// Node name shown in logs.
	pub name: String,
	/// Hex node key, so the peer id is known in advance.
	pub node_key: Option<String>,
	/// Bootnode multiaddresses.
	pub bootnodes: Vec<String>,
	/// Further flags.
	pub extra_args: Vec<String>,
}

impl NodeConfig {
	/// The single-validator development chain.
	pub fn dev() -> Self {
		NodeConfig {
			chain: "dev".into(),
			dev_key: Some("alice".into()),
			name: "dev".into(),
			// A validator refuses to invent a network key unless told to; a fixed test key also keeps
			// the peer id stable across restarts.
			node_key: Some(test_node_key(100)),
			bootnodes: Vec::new(),
			extra_args: vec!["--force-authoring".into()],
		}
	}
}

/// A running `iprchain-node` process, killed on drop. Its database survives restarts until drop.
pub struct TestNode {
	child: Option<Child>,
	config: NodeConfig,
	/// WebSocket RPC URL.
	pub url: String,
	/// RPC port.
	pub rpc_port: u16,
	/// libp2p port.
	pub p2p_port: u16,
	/// Prometheus port (metrics at `http://127.0.0.1:{port}/metrics`).
	pub prometheus_port: u16,
	/// Where the node's output goes (appended across restarts).
	pub log: PathBuf,
	dir: TempDir,
}

impl TestNode {
	/// Starts a single-validator development node on free loopback ports.
	pub fn spawn_dev() -> Result<Self> {
		Self::spawn(NodeConfig::dev())
	}

	/// Starts a node as `config` says, on free loopback ports, with its own base path.
	pub fn spawn(config: NodeConfig) -> Result<Self> {
		Self::spawn_on(config, free_port())
	}

	/// Like [`TestNode::spawn`] with a chosen libp2p port (so others can name it as a bootnode).
	pub fn spawn_on(config: NodeConfig, p2p_port: u16) -> Result<Self> {
		let dir = TempDir::new(&format!("node-{}", config.name));
		let rpc_port = free_port();
		let prometheus_port = free_port();
		let log = dir.join("node.log");
		let mut node = TestNode {
			child: None,
			config,
			url: format!("ws://127.0.0.1:{rpc_port}"),
			rpc_port,
			p2p_port,
			prometheus_port,
			log,
			dir,
		};
		node.start()?;
		Ok(node)
	}

	/// (Re)starts the process on the same ports and database.
	pub fn start(&mut self) -> Result<()> {
		if self.is_running() {
			bail!("node {} is already running", self.config.name);
		}
		let log_file = std::fs::OpenOptions::new().create(true).append(true).open(&self.log)?;
		let mut command = Command::new(binary("iprchain-node")?);
		command
			.args(["--chain", &self.config.chain, "--name", &self.config.name, "--base-path"])
			.arg(self.dir.join("db"))
			.args(["--rpc-port", &self.rpc_port.to_string()])
			.args(["--listen-addr", &format!("/ip4/127.0.0.1/tcp/{}", self.p2p_port)])
			.args(["--prometheus-port", &self.prometheus_port.to_string()])
			.args(["--no-telemetry", "--no-mdns"]);
		if let Some(key) = &self.config.dev_key {
			command.arg(format!("--{key}"));
		}
		if let Some(node_key) = &self.config.node_key {
			command.args(["--node-key", node_key]);
		}
		if !self.config.bootnodes.is_empty() {
			command.arg("--bootnodes").args(&self.config.bootnodes);
		}
		command.args(&self.config.extra_args);
		// `IPRCHAIN_NODE_ARGS="-ltxpool=debug"` adds flags to every node a test starts, for diagnosis.
		if let Ok(extra) = std::env::var("IPRCHAIN_NODE_ARGS") {
			command.args(extra.split_whitespace());
		}
		let child =
			command.stdout(Stdio::null()).stderr(log_file).spawn().context("starting iprchain-node")?;
		self.child = Some(child);
		Ok(())
	}

	/// Whether the process is alive.
	pub fn is_running(&mut self) -> bool {
		match &mut self.child {
			Some(child) => matches!(child.try_wait(), Ok(None)),
			None => false,
		}
	}

	/// SIGKILL: the crash case.
	pub fn kill9(&mut self) {
		if let Some(mut child) = self.child.take() {
			let _ = child.kill();
			let _ = child.wait();
		}
	}

	/// SIGTERM and wait: the orderly shutdown case.
	pub fn stop(&mut self) -> Result<()> {
		if let Some(mut child) = self.child.take() {
			Command::new("kill").args(["-TERM", &child.id().to_string()]).status()?;
			let deadline = Instant::now() + Duration::from_secs(30);
			while child.try_wait()?.is_none() {
				if Instant::now() > deadline {
					let _ = child.kill();
					break;
				}
				std::thread::sleep(Duration::from_millis(100));
			}
			let _ = child.wait();
		}
		Ok(())
	}

	/// Replaces the further flags the next [`TestNode::start`] passes (a restart in another mode).
	pub fn set_extra_args(&mut self, extra_args: Vec<String>) {
		self.config.extra_args = extra_args;
	}

	/// The node's name.
	pub fn name(&self) -> &str {
		&self.config.name
	}

	/// The node's Prometheus metrics text (`GET /metrics` on 127.0.0.1), bounded to 10 s.
	pub fn metrics(&self) -> Result<String> {
		use std::io::{Read, Write};
		let timeout = Duration::from_secs(10);
		let address = std::net::SocketAddr::from(([127, 0, 0, 1], self.prometheus_port));
		let mut stream = std::net::TcpStream::connect_timeout(&address, timeout)
			.with_context(|| format!("node {}: no metrics on {address}", self.config.name))?;
		stream.set_read_timeout(Some(timeout))?;
		stream.write_all(b"GET /metrics HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")?;
		let mut response = String::new();
		stream.read_to_string(&mut response)?;
		let (head, body) = response.split_once("\r\n\r\n").context("metrics: no HTTP header end")?;
		if !head.starts_with("HTTP/1.1 200") && !head.starts_with("HTTP/1.0 200") {
			bail!("metrics: {}", head.lines().next().unwrap_or_default());
		}
		Ok(body.to_string())
	}

	/// Waits up to `timeout` for the process to exit by itself; its exit status, or `None` if it runs on.
	pub fn wait_exit(&mut self, timeout: Duration) -> Result<Option<std::process::ExitStatus>> {
		let deadline = Instant::now() + timeout;
		let Some(child) = &mut self.child else { bail!("node {} was not started", self.config.name) };
		while Instant::now() < deadline {
			if let Some(status) = child.try_wait()? {
				return Ok(Some(status));
			}
			std::thread::sleep(Duration::from_millis(100));
		}
		Ok(None)
	}

	/// The last lines of the node's log, for failure messages.
	pub fn log_tail(&self) -> String {
		// Lossy: a log cut in the middle of a multi-byte character must still show its tail.
		let text = String::from_utf8_lossy(&std::fs::read(&self.log).unwrap_or_default()).into_owned();
		let lines: Vec<_> = text.lines().rev().take(30).collect();
		lines.into_iter().rev().collect::<Vec<_>>().join("\n")
	}

	/// A client as soon as the node's RPC answers (it need not have a block yet), within `timeout`.
	pub async fn connect(&mut self, timeout: Duration) -> Result<Client> {
		let deadline = Instant::now() + timeout;
		loop {
			if let Ok(client) = Client::connect(&self.url).await {
				return Ok(client);
			}
			if !self.is_running() {
				bail!("node {} exited; log:\n{}", self.config.name, self.log_tail());
			}
			if Instant::now() > deadline {
				bail!("node {} RPC not up after {timeout:?}; log:\n{}", self.config.name, self.log_tail());
			}
			tokio::time::sleep(Duration::from_millis(250)).await;
		}
	}

	/// Waits until the RPC answers and a block after genesis is finalized; returns a connected client.
	pub async fn ready(&mut self, timeout: Duration) -> Result<Client> {
		let start = Instant::now();
		loop {
			if !self.is_running() {
				bail!("node {} is not running; log:\n{}", self.config.name, self.log_tail());
			}
			if let Ok(client) = Client::connect(&self.url).await {
				let head = client.finalized_head().await?;
				if client.block_number(head).await? > 0 {
					return Ok(client);
				}
			}
			if start.elapsed() > timeout {
				bail!(
					"node {} not finalizing after {timeout:?}; log:\n{}",
					self.config.name,
					self.log_tail()
				);
			}
			tokio::time::sleep(Duration::from_millis(250)).await;
		}
	}
}

impl Drop for TestNode {
	fn drop(&mut self) {
		self.kill9();
	}
}

/// The four Wuhan validators of the `local` chain spec, in authority order, with their dev keys.
pub const WUHAN_VALIDATORS: [(&str, &str); 4] =
	[("donghu", "alice"), ("qiaokou", "bob"), ("jianghan", "charlie"), ("bureau", "dave")];

/// A fixed, test-only libp2p key for node `index`, so its peer id is known before it starts.
pub fn test_node_key(index: usize) -> String {
	format!("{:064x}", 0x1ab5_0000_u64 + index as u64 + 1)
}

/// The peer id of a hex node key, from `iprchain-node key inspect-node-key`.
pub fn peer_id(node_key: &str) -> Result<String> {
	let dir = TempDir::new("node-key");
	let file = dir.join("key");
	std::fs::write(&file, node_key)?;
	let output = Command::new(binary("iprchain-node")?)
		.args(["key", "inspect-node-key", "--file"])
		.arg(&file)
		.output()?;
	if !output.status.success() {
		bail!("inspect-node-key failed: {}", String::from_utf8_lossy(&output.stderr));
	}
	Ok(String::from_utf8(output.stdout)?.trim().to_string())
}

/// The bytes of a base58 peer id (as `iprchain-node key inspect-node-key` prints it): what the
/// node-authorization pallet stores as a `PeerId`.
pub fn peer_id_bytes(peer_id: &str) -> Result<Vec<u8>> {
	const ALPHABET: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
	// Little-endian base-256 digits of the number the base58 text spells.
	let mut number: Vec<u8> = Vec::new();
	for ch in peer_id.bytes() {
		let mut carry = ALPHABET
			.iter()
			.position(|&a| a == ch)
			.with_context(|| format!("`{}` is not base58 in peer id {peer_id}", ch as char))?
			as u32;
		for digit in &mut number {
			carry += *digit as u32 * 58;
			*digit = carry as u8;
			carry >>= 8;
		}
		while carry > 0 {
			number.push(carry as u8);
			carry >>= 8;
		}
	}
	// Each leading '1' is a leading zero byte.
	let zeros = peer_id.bytes().take_while(|&ch| ch == b'1').count();
	Ok(std::iter::repeat_n(0, zeros).chain(number.into_iter().rev()).collect())
}

/// Validators started together on one chain, each bootstrapping from all the others.
pub struct TestNetwork {
	/// The nodes, in authority order.
	pub nodes: Vec<TestNode>,
}

impl TestNetwork {
	/// Starts the `validators` (name, dev key) of `chain` on free loopback ports.
	pub fn spawn(chain: &str, validators: &[(&str, &str)]) -> Result<Self> {
		let ports: Vec<u16> = validators.iter().map(|_| free_port()).collect();
		let keys: Vec<String> = (0..validators.len()).map(test_node_key).collect();
		let bootnodes = keys
			.iter()
			.zip(&ports)
			.map(|(key, port)| Ok(format!("/ip4/127.0.0.1/tcp/{port}/p2p/{}", peer_id(key)?)))
			.collect::<Result<Vec<_>>>()?;
		let mut nodes = Vec::new();
		for (index, (name, dev_key)) in validators.iter().enumerate() {
			let config = NodeConfig {
				chain: chain.to_string(),
				dev_key: Some(dev_key.to_string()),
				name: name.to_string(),
				node_key: Some(keys[index].clone()),
				bootnodes: bootnodes.clone(),
				// No `--offchain-worker always`: the node runs the node-authorization worker, which limits
				// peers to the well-known nodes, by default.
				extra_args: ["--blocks-pruning", "archive"].map(String::from).to_vec(),
			};
			nodes.push(TestNode::spawn_on(config, ports[index])?);
		}
		Ok(TestNetwork { nodes })
	}

	/// Waits until every node answers and has finalized a block; returns one client per node.
	pub async fn ready(&mut self, timeout: Duration) -> Result<Vec<Client>> {
		let mut clients = Vec::new();
		for node in &mut self.nodes {
			clients.push(node.ready(timeout).await?);
		}
		Ok(clients)
	}
}

/// A deposit of `text`'s SHA-256 digest titled with the text itself (cut to fit): distinct, readable
/// records for tests that only need *some* evidence on chain.
pub fn text_deposit(text: &str) -> iprchain_client::evidence::DepositRequest {
	use iprchain_client::primitives::{EvidenceKind, HashAlgo, MAX_TITLE_LEN};
	let mut title = String::new();
	for ch in text.chars() {
		if title.len() + ch.len_utf8() > MAX_TITLE_LEN as usize {
			break;
		}
		title.push(ch);
	}
	iprchain_client::evidence::DepositRequest {
		algo: HashAlgo::Sha256,
		digest: HashAlgo::Sha256.digest(text.as_bytes()),
		kind: EvidenceKind::Other,
		title,
		on_behalf_of: None,
	}
}

/// A data-set application with fixed digests, for tests that register assets: `source_evidence` is
/// required when `source_type` is licensed or purchased.
pub fn sample_application(
	name: &str,
	source_type: iprchain_client::pallet_data_ip::DataSourceType,
	source_evidence: Option<iprchain_client::pallet_data_ip::EvidenceRef>,
	scale: &str,
) -> iprchain_client::pallet_data_ip::ApplicationInput {
	use iprchain_client::{pallet_data_ip::*, primitives::HashAlgo};
	Application {
		name: name.as_bytes().to_vec(),
		category: 4_410,
		source_type,
		source_evidence,
		holder_type: HolderType::LegalPerson,
		scale: scale.as_bytes().to_vec(),
		format: b"Parquet".to_vec(),
		update_frequency: UpdateFrequency::Monthly,
		structure_digest: HashAlgo::Sha256.digest(b"data-element table"),
		sample_digest: HashAlgo::Sha256.digest(b"sample table"),
		rules_digest: HashAlgo::Sha256.digest(b"processing rules"),
		row_root: None,
		evidence: vec![],
	}
}

/// What one run of the `iprchain` CLI gave: exit code, stdout, stderr.
pub struct CliRun {
	/// Exit code (-1 if killed by a signal).
	pub code: i32,
	/// Standard output.
	pub stdout: String,
	/// Standard error.
	pub stderr: String,
}

impl CliRun {
	/// This run, if it exited 0; otherwise an error naming `what` with its output.
	pub fn ok(self, what: &str) -> Result<Self> {
		anyhow::ensure!(self.code == 0, "{what} exited {}:\n{}{}", self.code, self.stdout, self.stderr);
		Ok(self)
	}

	/// This run, if it was a refusal: exit 1 with `expected` on stderr.
	pub fn refused(self, what: &str, expected: &str) -> Result<Self> {
		anyhow::ensure!(
			self.code == 1 && self.stderr.contains(expected),
			"{what}: expected exit 1 with `{expected}`, got {}:\n{}{}",
			self.code,
			self.stdout,
			self.stderr
		);
		Ok(self)
	}

	/// This run, if the chain refused its transaction with the pallet error `error` (`DataIp.Frozen`):
	/// exit 1, nothing reported on stdout, and stderr naming the error and giving the error's own
	/// documentation (read from the runtime's type information, so a reworded doc cannot pass unseen).
	pub fn refused_by_chain(self, what: &str, error: &str) -> Result<Self> {
		let doc = iprchain_client::asset::error_doc(error)
			.with_context(|| format!("{what}: `{error}` is no documented pallet error of the runtime"))?;
		let run = self.refused(what, &format!("transaction failed on chain: {error} — {doc}"))?;
		anyhow::ensure!(run.stdout.trim().is_empty(), "{what}: refused, yet reported:\n{}", run.stdout);
		Ok(run)
	}

	/// Standard output parsed as JSON.
	pub fn json(&self) -> Result<serde_json::Value> {
		use anyhow::Context;
		serde_json::from_str(&self.stdout).with_context(|| format!("not JSON: {}", self.stdout))
	}
}

/// Runs the `iprchain` CLI with `args` against the node at `url`.
pub fn cli(url: &str, args: &[&str]) -> Result<CliRun> {
	let output = std::process::Command::new(binary("iprchain")?).args(args).args(["--url", url]).output()?;
	Ok(CliRun {
		code: output.status.code().unwrap_or(-1),
		stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
		stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
	})
}

/// A JSON answer of the `ipr_*` reads (`asset show`, `valuation show`, `pledge show --json`) without
/// the fields that name the block and time it was read at (`at`, `evaluatedAt`): two reads of state
/// that did not change compare equal, so a refused transaction can be checked to have changed nothing.
pub fn without_read_point(mut value: serde_json::Value) -> serde_json::Value {
	if let Some(object) = value.as_object_mut() {
		object.remove("at");
		object.remove("evaluatedAt");
	}
	value
}

/// `asset approve ASSET --json` through the CLI as //Alice (a registrar of the dev presets) once the
/// notice ending at `notice_until` (Unix ms) is over: waits for the node's clock (this machine's) to
/// pass the end, then tries again while the chain still answers `DataIp.NoticeNotOver` (a block's
/// time trails the clock by up to a slot), for at most a minute. The approval's JSON answer.
pub async fn cli_approve_after_notice(url: &str, asset: u64, notice_until: u64) -> Result<serde_json::Value> {
	tokio::time::sleep(Duration::from_millis(notice_until.saturating_sub(now_ms()))).await;
	let deadline = Instant::now() + Duration::from_secs(60);
	loop {
		let run = cli(url, &["asset", "approve", &asset.to_string(), "--suri", "//Alice", "--json"])?;
		if run.code == 0 {
			return run.json();
		}
		anyhow::ensure!(
			run.stderr.contains("DataIp.NoticeNotOver") && Instant::now() < deadline,
			"approve {asset}: exit {}: {}",
			run.code,
			run.stderr
		);
		tokio::time::sleep(Duration::from_secs(1)).await;
	}
}

/// The wall clock, Unix milliseconds.
pub fn now_ms() -> u64 {
	std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("after 1970").as_millis() as u64
}

// ---------------------------------------------------------------------------------------------------
// GRANDPA authority-set helpers, for tests that change the validator set.

/// The GRANDPA set id at the node's finalized head (`GrandpaApi_current_set_id`).
pub async fn grandpa_set_id(client: &Client) -> Result<u64> {
	use iprchain_client::{codec::Decode, rpc_params};
	let at = client.finalized_head().await?;
	let raw: String = client.call("state_call", rpc_params!["GrandpaApi_current_set_id", "0x", at]).await?;
	Ok(u64::decode(&mut &hex::decode(raw.trim_start_matches("0x"))?[..])?)
}

/// Waits until the finalized GRANDPA set id exceeds `set_id`; returns the new id.
pub async fn wait_set_id_above(client: &Client, set_id: u64, timeout: Duration) -> Result<u64> {
	let start = Instant::now();
	loop {
		let now = grandpa_set_id(client).await?;
		if now > set_id {
			return Ok(now);
		}
		anyhow::ensure!(start.elapsed() < timeout, "GRANDPA set id still {now} after {timeout:?}");
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
}
