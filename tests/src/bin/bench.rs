//! iprchain benchmarks P1–P4 on a 4-validator local network (issue 8). A benchmark, not a test: it
//! measures and reports, it never fails on a timing. `scripts/bench.sh` builds it, runs it and writes
//! the figures into docs/performance.md; P5 (proof verification) is a `cargo bench` of its own.
//!
//! - P1: finalized evidence deposits per second under sustained load from concurrent submitters, then
//!   the same load of `system.remark`, and their ratio.
//! - P2: submit → finalized latency (p50/p99) at a moderate, paced load.
//! - P3: batch anchoring, files → anchored root → every per-item proof written, in items per second.
//! - P4: `ipr_assetStatus` requests per second and p99 latency at concurrency 32 on one node.
//!
//! Each figure is the median of `--runs` runs. The last line of standard output is `SUMMARY <json>`.

use anyhow::{bail, Context, Result};
use futures::{future::join_all, StreamExt};
use iprchain_client::{
	asset::{self, AssetQuery},
	evidence,
	frame_system::{self, Phase},
	pallet_data_ip::DataSourceType,
	primitives::{rpc::to_hex, storage_keys::storage_prefix, HashAlgo},
	rpc_params,
	runtime::{Hash, RuntimeCall, RuntimeEvent},
	Client, ClientError, Signer,
};
use iprchain_tests::{
	free_port, peer_id, sample_application, test_node_key, NodeConfig, TempDir, TestNode, WUHAN_VALIDATORS,
};
use serde_json::{json, Value};
use std::{
	collections::HashMap,
	path::PathBuf,
	sync::{
		atomic::{AtomicBool, AtomicUsize, Ordering},
		Mutex,
	},
	time::{Duration, Instant},
};

/// How long the network may take to start finalizing.
const STARTUP: Duration = Duration::from_secs(300);
/// A load is abandoned when no transaction of it has been finalized for this long.
const STALL: Duration = Duration::from_secs(60);
/// How often the finalized head is polled; the resolution of the P2 latencies.
const POLL: Duration = Duration::from_millis(100);
/// Submissions in flight per submitter connection: enough to pipeline, few enough that nonces reach
/// the pool nearly in order (out-of-order ones wait in its small future queue).
const PIPELINE: usize = 16;
/// A submission not answered within this is counted as refused (the node is too busy to take it).
const SUBMIT_TIMEOUT: Duration = Duration::from_secs(30);
/// Every other RPC call of the bench gives up after this, so that no wait is unbounded.
const RPC_TIMEOUT: Duration = Duration::from_secs(30);
/// Time a load may take beyond its offered duration before it is abandoned, however slowly it still
/// progresses (a stall ends it sooner).
const DRAIN: Duration = Duration::from_secs(240);
/// A single chain step outside the loads (a registration, an approval) is abandoned after this.
const CHAIN_STEP: Duration = Duration::from_secs(120);

/// Command-line options.
struct Options {
	quick: bool,
	runs: usize,
	only: Vec<String>,
	submitters: Vec<String>,
	node_args: Vec<String>,
	window: usize,
	p1_rate: f64,
	p2_rate: f64,
	report: Option<PathBuf>,
	json: Option<PathBuf>,
}

impl Options {
	fn parse() -> Result<Self> {
		let mut options = Options {
			quick: false,
			runs: 0,
			only: Vec::new(),
			// Dev accounts holding roles in both presets (any role may deposit for itself), one per node,
			// so that every node's pool takes submissions and no account nears its per-block quota.
			submitters: ["//Alice", "//Bob", "//Charlie", "//Dave"].map(String::from).to_vec(),
			node_args: Vec::new(),
			// About what the chain finalizes in one finality delay (≈ 2.5 tx/s × 30 s, 4 submitters):
			// enough to keep blocks fed, small enough that a backlog never builds blocks a debug node
			// cannot make within its slot.
			window: 25,
			// Measured on a shared 2-core machine with debug nodes: a few finalized transactions per second
			// at load average 10–20. Offered above that so that P1 finds the ceiling, P2 well below it.
			p1_rate: 8.0,
			p2_rate: 2.0,
			report: None,
			json: None,
		};
		let mut args = std::env::args().skip(1);
		while let Some(arg) = args.next() {
			let mut value = || args.next().with_context(|| format!("{arg} needs a value"));
			match arg.as_str() {
				"--quick" => options.quick = true,
				"--runs" => options.runs = value()?.parse().context("--runs")?,
				"--only" => options.only = value()?.split(',').map(|s| s.trim().to_uppercase()).collect(),
				"--submitters" => options.submitters = value()?.split(',').map(str::to_string).collect(),
				"--node-arg" => options.node_args.push(value()?),
				"--window" => options.window = value()?.parse().context("--window")?,
				"--p1-rate" => options.p1_rate = value()?.parse().context("--p1-rate")?,
				"--p2-rate" => options.p2_rate = value()?.parse().context("--p2-rate")?,
				"--report" => options.report = Some(value()?.into()),
				"--json" => options.json = Some(value()?.into()),
				"-h" | "--help" => {
					println!(
						"iprchain-bench [--quick] [--runs N] [--only P1,P2,P3,P4] [--submitters //Alice,//Bob] \
						 [--node-arg FLAG]... [--window N] [--p1-rate TX_PER_S] [--p2-rate TX_PER_S] \
						 [--report FILE.md] [--json FILE]"
					);
					std::process::exit(0);
				}
				other => bail!("unknown argument {other} (see --help)"),
			}
		}
		if options.runs == 0 {
			options.runs = if options.quick { 1 } else { 3 };
		}
		Ok(options)
	}

	fn wants(&self, figure: &str) -> bool {
		self.only.is_empty() || self.only.iter().any(|f| f == figure)
	}

	/// P1: offered transactions per second (all submitters together) and for how long, per load.
	fn p1_load(&self) -> (f64, Duration) {
		(self.p1_rate, Duration::from_secs(if self.quick { 20 } else { 60 }))
	}

	/// P2: offered transactions per second (all submitters together) and for how long.
	fn p2_load(&self) -> (f64, Duration) {
		(self.p2_rate, Duration::from_secs(if self.quick { 20 } else { 60 }))
	}

	/// P3: items per batch.
	fn p3_items(&self) -> usize {
		if self.quick {
			2_000
		} else {
			10_000
		}
	}

	/// P4: how long each run queries.
	fn p4_duration(&self) -> Duration {
		Duration::from_secs(if self.quick { 5 } else { 15 })
	}
}

/// The one-minute load average, from /proc.
fn load_average() -> f64 {
	std::fs::read_to_string("/proc/loadavg")
		.ok()
		.and_then(|text| text.split_whitespace().next().and_then(|v| v.parse().ok()))
		.unwrap_or(f64::NAN)
}

/// Median of `values` (NaN if empty).
fn median(values: &[f64]) -> f64 {
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
fn percentile(values: &[f64], p: f64) -> f64 {
	if values.is_empty() {
		return f64::NAN;
	}
	let mut sorted = values.to_vec();
	sorted.sort_by(f64::total_cmp);
	let rank = ((p / 100.0) * sorted.len() as f64).ceil().max(1.0) as usize;
	sorted[rank.min(sorted.len()) - 1]
}

/// The four Wuhan validators with extra node flags; the harness kills each node when dropped, on
/// every path out of `main`, errors included.
async fn start_network(node_args: &[String]) -> Result<(Vec<TestNode>, Vec<Client>)> {
	let ports: Vec<u16> = WUHAN_VALIDATORS.iter().map(|_| free_port()).collect();
	let keys: Vec<String> = (0..WUHAN_VALIDATORS.len()).map(test_node_key).collect();
	let bootnodes = keys
		.iter()
		.zip(&ports)
		.map(|(key, port)| Ok(format!("/ip4/127.0.0.1/tcp/{port}/p2p/{}", peer_id(key)?)))
		.collect::<Result<Vec<_>>>()?;
	let mut nodes = Vec::new();
	for (index, (name, dev_key)) in WUHAN_VALIDATORS.iter().enumerate() {
		let mut extra_args: Vec<String> =
			["--blocks-pruning", "archive", "--offchain-worker", "always"].map(String::from).to_vec();
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

/// One finalized block that held transactions of a load.
#[derive(Clone, Debug)]
struct BlockFill {
	number: u32,
	timestamp_ms: u64,
	ours: usize,
}

/// What became of one load.
#[derive(Default)]
struct LoadOutcome {
	submitted: usize,
	rejected: usize,
	included: usize,
	failed: usize,
	lost: usize,
	blocks: Vec<BlockFill>,
	latencies_ms: Vec<f64>,
	wall: Duration,
	/// Transactions submitted late because their submitter's window was full: the chain fell behind
	/// the offered rate.
	throttled: usize,
	first_error: Option<String>,
	/// Why the load was abandoned before every transaction was finalized.
	gave_up: Option<String>,
	/// No block was finalized at all during the stall: the chain, not just our transactions, stopped.
	finality_stopped: bool,
}

impl LoadOutcome {
	/// Finalized transactions per second of chain time: those in the blocks after the first one that
	/// held any, over the timestamps from that first block to the last. The first block is left out
	/// of the count because the load started somewhere inside its slot.
	fn chain_rate(&self) -> f64 {
		match (self.blocks.first(), self.blocks.last()) {
			(Some(first), Some(last)) if last.timestamp_ms > first.timestamp_ms => {
				let after_first: usize = self.blocks[1..].iter().map(|b| b.ours).sum();
				after_first as f64 * 1000.0 / (last.timestamp_ms - first.timestamp_ms) as f64
			}
			_ => self.wall_rate(),
		}
	}

	/// Finalized transactions per second of wall time, first submission to last finality seen.
	fn wall_rate(&self) -> f64 {
		self.included as f64 / self.wall.as_secs_f64().max(1e-9)
	}

	fn max_per_block(&self) -> usize {
		self.blocks.iter().map(|b| b.ours).max().unwrap_or(0)
	}

	fn summary(&self) -> Value {
		json!({
			"submitted": self.submitted,
			"rejected": self.rejected,
			"included": self.included,
			"failedOnChain": self.failed,
			"lost": self.lost,
			"blocks": self.blocks.len(),
			"firstBlock": self.blocks.first().map(|b| b.number),
			"maxPerBlock": self.max_per_block(),
			"chainRate": round(self.chain_rate(), 1),
			"wallRate": round(self.wall_rate(), 1),
			"wallSeconds": round(self.wall.as_secs_f64(), 2),
			"latencyP50Ms": round(percentile(&self.latencies_ms, 50.0), 0),
			"latencyP99Ms": round(percentile(&self.latencies_ms, 99.0), 0),
			"throttled": self.throttled,
			"firstError": self.first_error,
			"gaveUp": self.gave_up,
			"finalityStopped": self.finality_stopped,
		})
	}
}

fn round(value: f64, digits: i32) -> Value {
	if value.is_finite() {
		let scale = 10f64.powi(digits);
		json!((value * scale).round() / scale)
	} else {
		Value::Null
	}
}

/// How a load is offered: a steady rate per submitter, with a cap on what may be outstanding.
#[derive(Clone, Copy)]
struct Pacing {
	/// Transactions per second per submitter.
	rate: f64,
	/// At most this many per submitter submitted and not yet seen finalized. When the chain falls behind
	/// the offered rate the submitters wait rather than pile up a backlog: a burst makes the next blocks
	/// huge, and a debug node then takes longer than a slot to build and import them, so the chain forks.
	window: usize,
}

/// One submitted transaction not yet seen finalized.
struct Pending {
	submitter: usize,
	/// Position in the submitter's list, which is also its nonce offset.
	index: usize,
	submitted: Instant,
}

/// State the submitters and the finality watcher share.
struct Shared {
	/// Each submitted transaction (by its hex) not yet seen finalized.
	pending: Mutex<HashMap<String, Pending>>,
	in_flight: Vec<AtomicUsize>,
	/// Submitters still submitting.
	submitting: AtomicUsize,
	/// Transactions handed to `author_submitExtrinsic`, refused ones included.
	sent: AtomicUsize,
	rejected: AtomicUsize,
	/// Transactions submitted after a refused one of the same submitter: their nonces can never be
	/// reached, so they are written off at once instead of being waited for.
	orphaned: AtomicUsize,
	/// Transactions that waited for a full window (their submission was late by more than a poll).
	throttled: AtomicUsize,
	first_error: Mutex<Option<String>>,
	/// Per submitter: one of its transactions was refused, so it stops.
	broken: Vec<AtomicBool>,
	/// Set by the watcher when it stops following (done, stalled or out of time): submitters quit.
	stop: AtomicBool,
}

/// Sleeps until `due` in short steps, returning early (false) once `stop` is set.
async fn sleep_until_or_stop(due: Instant, stop: &AtomicBool) -> bool {
	loop {
		if stop.load(Ordering::Relaxed) {
			return false;
		}
		let now = Instant::now();
		if now >= due {
			return true;
		}
		tokio::time::sleep((due - now).min(Duration::from_millis(200))).await;
	}
}

/// Submits every transaction of `signed[i]` through `clients[i]` at the paced rate and follows finality
/// on `watcher` (diagnosing with `all`) until all of them are finalized, or nothing moves for [`STALL`],
/// or `deadline` passes. Never waits unboundedly: each wait ends with a message saying why.
async fn run_load(
	clients: &[&Client],
	watcher: &Client,
	all: &[Client],
	signed: Vec<Vec<String>>,
	pacing: Pacing,
	deadline: Duration,
) -> Result<LoadOutcome> {
	let shared = Shared {
		pending: Mutex::new(HashMap::new()),
		in_flight: signed.iter().map(|_| AtomicUsize::new(0)).collect(),
		submitting: AtomicUsize::new(signed.len()),
		sent: AtomicUsize::new(0),
		rejected: AtomicUsize::new(0),
		orphaned: AtomicUsize::new(0),
		throttled: AtomicUsize::new(0),
		first_error: Mutex::new(None),
		broken: signed.iter().map(|_| AtomicBool::new(false)).collect(),
		stop: AtomicBool::new(false),
	};
	let start_block = bounded("the finalized head", finalized_number(watcher)).await? + 1;
	let started = Instant::now();
	let submitters = signed.into_iter().enumerate().map(|(submitter, txs)| {
		let shared = &shared;
		let client = clients[submitter];
		async move {
			futures::stream::iter(txs.into_iter().enumerate())
				.map(|(index, hex)| async move {
					let due = started + Duration::from_secs_f64(index as f64 / pacing.rate);
					if !sleep_until_or_stop(due, &shared.stop).await {
						return;
					}
					let throttled = Instant::now();
					// Take a place in the window atomically: the pipelined submissions of one submitter
					// race for it, and a check followed by an increment would let them all through.
					let in_flight = &shared.in_flight[submitter];
					while in_flight
						.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| {
							(n < pacing.window).then_some(n + 1)
						})
						.is_err()
					{
						if !sleep_until_or_stop(Instant::now() + Duration::from_millis(20), &shared.stop)
							.await
						{
							return;
						}
					}
					if throttled.elapsed() > POLL {
						shared.throttled.fetch_add(1, Ordering::Relaxed);
					}
					if shared.broken[submitter].load(Ordering::Relaxed) {
						in_flight.fetch_sub(1, Ordering::Relaxed);
						return;
					}
					shared.sent.fetch_add(1, Ordering::Relaxed);
					let pending = Pending { submitter, index, submitted: Instant::now() };
					shared.pending.lock().unwrap().insert(hex.clone(), pending);
					let result: Result<Hash, String> = match tokio::time::timeout(
						SUBMIT_TIMEOUT,
						client.call("author_submitExtrinsic", rpc_params![&hex]),
					)
					.await
					{
						Ok(result) => result.map_err(|error| error.to_string()),
						Err(_) => Err(format!("no answer from author_submitExtrinsic in {SUBMIT_TIMEOUT:?}")),
					};
					if let Err(error) = result {
						refused(shared, submitter, index, &hex, error);
					}
				})
				.buffer_unordered(PIPELINE)
				.collect::<Vec<()>>()
				.await;
			shared.submitting.fetch_sub(1, Ordering::Relaxed);
		}
	});
	let watch = async {
		let outcome = follow_finality(watcher, all, &shared, start_block, started, deadline).await;
		// However the watcher ended, the submitters must not wait for finality it no longer reports.
		shared.stop.store(true, Ordering::Relaxed);
		outcome
	};
	let (_, outcome) = futures::join!(join_all(submitters), watch);
	let mut outcome = outcome;
	outcome.submitted = shared.sent.load(Ordering::Relaxed);
	outcome.rejected = shared.rejected.load(Ordering::Relaxed);
	outcome.lost += shared.orphaned.load(Ordering::Relaxed);
	outcome.throttled = shared.throttled.load(Ordering::Relaxed);
	outcome.first_error = shared.first_error.lock().unwrap().clone();
	Ok(outcome)
}

/// Records a refused submission. The submitter stops, and its later transactions already submitted are
/// written off: their nonces follow the refused one, so the pool would hold them as future forever.
fn refused(shared: &Shared, submitter: usize, index: usize, hex: &str, error: String) {
	shared.rejected.fetch_add(1, Ordering::Relaxed);
	if !shared.broken[submitter].swap(true, Ordering::Relaxed) {
		eprintln!("  submitter {submitter}: transaction {index} refused ({error}); this submitter stops");
	}
	shared.first_error.lock().unwrap().get_or_insert(error);
	let mut pending = shared.pending.lock().unwrap();
	if pending.remove(hex).is_some() {
		shared.in_flight[submitter].fetch_sub(1, Ordering::Relaxed);
	}
	let orphans: Vec<String> = pending
		.iter()
		.filter(|(_, p)| p.submitter == submitter && p.index > index)
		.map(|(hex, _)| hex.clone())
		.collect();
	for hex in orphans {
		pending.remove(&hex);
		shared.in_flight[submitter].fetch_sub(1, Ordering::Relaxed);
		shared.orphaned.fetch_add(1, Ordering::Relaxed);
	}
}

/// Awaits `call` for at most [`RPC_TIMEOUT`], naming `what` in the error.
async fn bounded<T, E: std::fmt::Display>(
	what: &str,
	call: impl std::future::Future<Output = Result<T, E>>,
) -> Result<T> {
	match tokio::time::timeout(RPC_TIMEOUT, call).await {
		Ok(result) => result.map_err(|error| anyhow::anyhow!("{what}: {error}")),
		Err(_) => bail!("{what}: no answer in {RPC_TIMEOUT:?}"),
	}
}

/// Number of the latest finalized block.
async fn finalized_number(client: &Client) -> Result<u32> {
	Ok(client.block_number(client.finalized_head().await?).await?)
}

/// The `Timestamp.Now` of block `at`, Unix milliseconds.
async fn timestamp_at(client: &Client, at: Hash) -> Result<u64> {
	let key = to_hex(&storage_prefix(b"Timestamp", b"Now"));
	let raw: Option<String> = client.call("state_getStorage", rpc_params![key, at]).await?;
	let bytes = hex::decode(raw.context("block without a timestamp")?.trim_start_matches("0x"))?;
	Ok(u64::from_le_bytes(bytes.get(..8).context("short timestamp")?.try_into()?))
}

/// One line per node: best and finalized block and how many transactions its pool holds, for the
/// message printed when a load stalls. Each query is bounded; a node that does not answer says so.
async fn diagnose(nodes: &[Client]) -> String {
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

/// Reads every newly finalized block from `next` on, matches its extrinsics against the pending ones
/// and records when each was seen finalized. Ends when the submitters are done and nothing is pending,
/// when nothing of ours was finalized for [`STALL`] while some was pending, or after `deadline`;
/// the last two print why and what the nodes hold. A failed poll is reported and retried.
async fn follow_finality(
	client: &Client,
	all: &[Client],
	shared: &Shared,
	mut next: u32,
	started: Instant,
	deadline: Duration,
) -> LoadOutcome {
	let mut outcome = LoadOutcome::default();
	let mut last_progress = Instant::now();
	let mut last_report = Instant::now();
	let mut last_seen = started;
	let mut finalized = next.saturating_sub(1);
	let mut finalized_at_progress = finalized;
	let mut poll_errors = 0usize;
	loop {
		match poll_finalized(client, shared, &mut next, &mut outcome).await {
			Ok((number, seen, progressed)) => {
				finalized = number;
				if progressed {
					last_progress = Instant::now();
					last_seen = seen;
					finalized_at_progress = finalized;
				}
			}
			Err(error) => {
				poll_errors += 1;
				if poll_errors == 1 || poll_errors.is_multiple_of(50) {
					eprintln!(
						"  following finality failed ({poll_errors} times so far): {error:#}; retrying"
					);
				}
			}
		}
		let pending = shared.pending.lock().unwrap().len();
		let submitting = shared.submitting.load(Ordering::Relaxed);
		if pending == 0 {
			// Nothing to wait for (a slow paced load between submissions): not a stall.
			last_progress = Instant::now();
			finalized_at_progress = finalized;
		}
		if last_report.elapsed() > Duration::from_secs(10) {
			last_report = Instant::now();
			eprintln!(
				"  … {:.0} s: finalized #{finalized}, {} of ours finalized, {pending} pending, {} rejected, \
				 {submitting} submitters busy",
				started.elapsed().as_secs_f64(),
				outcome.included,
				shared.rejected.load(Ordering::Relaxed),
			);
		}
		if submitting == 0 && pending == 0 {
			break;
		}
		let why = if last_progress.elapsed() > STALL {
			let finality = if finalized == finalized_at_progress {
				outcome.finality_stopped = true;
				format!("finality stopped at #{finalized}")
			} else {
				format!("finality moved on to #{finalized} without them")
			};
			Some(format!("none of {pending} pending transactions finalized for {STALL:?} ({finality})"))
		} else if started.elapsed() > deadline {
			Some(format!("the load did not finish within {deadline:?}; {pending} still pending"))
		} else {
			None
		};
		if let Some(why) = why {
			eprintln!("  giving up: {why}; figures below are partial. The nodes:\n{}", diagnose(all).await);
			outcome.lost = pending;
			outcome.gave_up = Some(why);
			break;
		}
		tokio::time::sleep(POLL).await;
	}
	outcome.wall = last_seen.duration_since(started);
	outcome
}

/// One poll: reads the finalized blocks from `next` up to the finalized head into `outcome`. Returns
/// the finalized number, when it was seen, and whether any of ours was among the new blocks.
async fn poll_finalized(
	client: &Client,
	shared: &Shared,
	next: &mut u32,
	outcome: &mut LoadOutcome,
) -> Result<(u32, Instant, bool)> {
	let finalized = bounded("the finalized head", finalized_number(client)).await?;
	// Everything in the blocks found now was finalized by this moment, give or take one poll.
	let seen = Instant::now();
	let mut progressed = false;
	while *next <= finalized {
		let hash: Hash = bounded(
			"chain_getBlockHash",
			client.call::<Option<Hash>>("chain_getBlockHash", rpc_params![*next]),
		)
		.await?
		.context("no hash for a finalized block")?;
		let block: Value =
			bounded("chain_getBlock", client.call("chain_getBlock", rpc_params![hash])).await?;
		let extrinsics = block["block"]["extrinsics"].as_array().context("block without extrinsics")?;
		let mut ours = Vec::new();
		let mut latencies = Vec::new();
		{
			let pending = shared.pending.lock().unwrap();
			for (index, extrinsic) in extrinsics.iter().enumerate() {
				if let Some(p) = extrinsic.as_str().and_then(|hex| pending.get(hex)) {
					latencies.push(seen.duration_since(p.submitted).as_secs_f64() * 1000.0);
					ours.push(index as u32);
				}
			}
		}
		if !ours.is_empty() {
			// Read everything this block needs before taking its transactions off the pending list,
			// so that a failed read is retried on the next poll instead of losing the block.
			let failed = bounded("events", failures_among(client, hash, &ours)).await?;
			let timestamp_ms = bounded("the block timestamp", timestamp_at(client, hash)).await?;
			let mut pending = shared.pending.lock().unwrap();
			for &index in &ours {
				if let Some(p) = extrinsics[index as usize].as_str().and_then(|hex| pending.remove(hex)) {
					shared.in_flight[p.submitter].fetch_sub(1, Ordering::Relaxed);
				}
			}
			drop(pending);
			progressed = true;
			outcome.included += ours.len();
			outcome.failed += failed;
			outcome.latencies_ms.extend(latencies);
			outcome.blocks.push(BlockFill { number: *next, timestamp_ms, ours: ours.len() });
		}
		*next += 1;
	}
	Ok((finalized, seen, progressed))
}

/// How many of the extrinsics at `indices` of block `hash` failed (`System.ExtrinsicFailed`).
async fn failures_among(client: &Client, hash: Hash, indices: &[u32]) -> Result<usize> {
	let events = client.events_at(hash).await?;
	Ok(events
		.iter()
		.filter(|record| {
			matches!(record.event, RuntimeEvent::System(frame_system::Event::ExtrinsicFailed { .. }))
				&& matches!(record.phase, Phase::ApplyExtrinsic(i) if indices.contains(&i))
		})
		.count())
}

/// What a load consists of.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
	Deposit,
	Remark,
}

/// Signs `count` transactions of `kind` for each signer at its next nonces, each signer on its own
/// thread (signing in a debug build is slow; it is kept out of the measured time).
async fn sign_load(
	client: &Client,
	signers: &[Signer],
	kind: Kind,
	count: usize,
	tag: &str,
) -> Result<Vec<Vec<String>>> {
	let mut nonces = Vec::new();
	for signer in signers {
		nonces.push(client.next_nonce(signer).await?);
	}
	let started = Instant::now();
	let signed = std::thread::scope(|scope| {
		let handles: Vec<_> = signers
			.iter()
			.zip(&nonces)
			.enumerate()
			.map(|(s, (signer, &first))| {
				scope.spawn(move || {
					(0..count)
						.map(|k| {
							let text = format!("bench {tag} s{s} #{k}");
							let digest = HashAlgo::Sha256.digest(text.as_bytes());
							let title = format!("bench-{s}-{k}");
							let call = match kind {
								Kind::Deposit => evidence::DepositRequest {
									algo: HashAlgo::Sha256,
									digest,
									kind: iprchain_client::primitives::EvidenceKind::Other,
									title: title.clone(),
									on_behalf_of: None,
								}
								.call(),
								// About as many bytes as the deposit: the digest and the title.
								Kind::Remark => RuntimeCall::System(frame_system::Call::remark {
									remark: [&digest[..], title.as_bytes()].concat(),
								}),
							};
							to_hex(&client.sign(signer, call, first + k as u32))
						})
						.collect::<Vec<_>>()
				})
			})
			.collect();
		handles.into_iter().map(|h| h.join().expect("signing thread")).collect::<Vec<_>>()
	});
	let total = signed.iter().map(Vec::len).sum::<usize>();
	eprintln!("  signed {total} transactions in {:.1} s", started.elapsed().as_secs_f64());
	Ok(signed)
}

/// Target and whether it was met, for the report.
struct Figure {
	name: &'static str,
	target: &'static str,
	value: f64,
	unit: &'static str,
	met: bool,
	detail: String,
}

fn met(figure: &Figure) -> &'static str {
	if figure.value.is_nan() {
		"not measured"
	} else if figure.met {
		"met"
	} else {
		"missed"
	}
}

/// The nodes a load runs against.
struct Net<'a> {
	/// Submitter i's node.
	submit: Vec<&'a Client>,
	/// The node whose finalized blocks are read.
	watcher: &'a Client,
	/// Every node, for the stall diagnosis.
	all: &'a [Client],
	/// The node processes, whose logs explain a stall.
	processes: &'a [TestNode],
	signers: &'a [Signer],
}

/// Offers `count` transactions of `kind` per submitter at `rate` (all submitters together) and prints
/// what became of them. `Err` only for a failure before the load started (signing, the first query).
async fn offer(
	options: &Options,
	net: &Net<'_>,
	kind: Kind,
	rate: f64,
	seconds: Duration,
	tag: &str,
) -> Result<(LoadOutcome, f64)> {
	let per_submitter = (rate * seconds.as_secs_f64() / net.signers.len() as f64).ceil() as usize;
	let signed = sign_load(net.watcher, net.signers, kind, per_submitter, tag).await?;
	let load = load_average();
	let pacing = Pacing { rate: rate / net.signers.len() as f64, window: options.window };
	let outcome = run_load(&net.submit, net.watcher, net.all, signed, pacing, seconds + DRAIN).await?;
	eprintln!(
		"  {:.1}/s finalized by chain time ({:.1}/s wall) of {rate}/s offered: {} submitted, {} included, \
		 {} failed, {} rejected, {} lost, max {} per block, {} submitted late for a full window, p50 {:.0} ms, \
		 p99 {:.0} ms, load {load:.2}{}",
		outcome.chain_rate(),
		outcome.wall_rate(),
		outcome.submitted,
		outcome.included,
		outcome.failed,
		outcome.rejected,
		outcome.lost,
		outcome.max_per_block(),
		outcome.throttled,
		percentile(&outcome.latencies_ms, 50.0),
		percentile(&outcome.latencies_ms, 99.0),
		outcome.gave_up.as_ref().map_or(String::new(), |why| format!(", partial: {why}")),
	);
	if outcome.gave_up.is_some() {
		// The block producers' own account of the stall: slots missed, blocks discarded, forks.
		let tail = net.processes[0].log_tail();
		let lines: Vec<&str> = tail.lines().rev().take(12).collect();
		eprintln!("  the last lines of {}'s log:", net.processes[0].name());
		for line in lines.into_iter().rev() {
			eprintln!("    {line}");
		}
	}
	Ok((outcome, load))
}

/// Why the chain cannot take further loads after `outcome`, if it cannot. After an abandoned load the
/// pools still hold its transactions, whose nonces the next load would reuse ("Priority is too low"),
/// so the next load starts only once every pool is empty; it is skipped when the pools do not drain
/// (or finality does not resume) within [`CHAIN_STEP`]. Drained also means finalized: a transaction that left the
/// pool for a block that is later retracted comes back, so the wait lasts until the finalized head
/// reaches the best block of the moment the pools were empty.
async fn after_load(net: &Net<'_>, outcome: &LoadOutcome) -> Option<String> {
	// After a stall the chain may still recover (finality on a starved machine can pause for a minute):
	// the same bounded wait decides.
	let why = outcome.gave_up.as_ref()?;
	let started = Instant::now();
	let mut last_report = Instant::now();
	// The best block when the pools were first seen empty.
	let mut drained_to: Option<u32> = None;
	loop {
		let mut held = 0;
		for node in net.all {
			let pool: Result<Vec<Value>> =
				bounded("author_pendingExtrinsics", node.call("author_pendingExtrinsics", rpc_params![]))
					.await;
			// A node that cannot answer holds an unknown number: not drained.
			held += pool.map_or(usize::MAX / 8, |pool| pool.len());
		}
		if held == 0 {
			let best =
				bounded("chain_getHeader", net.watcher.call::<Value>("chain_getHeader", rpc_params![]))
					.await
					.ok()
					.and_then(|header| header["number"].as_str().map(str::to_string))
					.and_then(|number| u32::from_str_radix(number.trim_start_matches("0x"), 16).ok());
			let finalized = bounded("the finalized head", finalized_number(net.watcher)).await.ok();
			if let (Some(best), Some(finalized)) = (best, finalized) {
				if finalized >= best || drained_to.is_some_and(|target| finalized >= target) {
					eprintln!(
						"  the pools drained and #{finalized} was finalized {:.0} s after the load was abandoned",
						started.elapsed().as_secs_f64()
					);
					return None;
				}
				drained_to.get_or_insert(best);
			}
		}
		if started.elapsed() > CHAIN_STEP {
			let why = format!(
				"{why}; {CHAIN_STEP:?} later the pools still held {} transactions",
				if held >= usize::MAX / 8 { "unknown".to_string() } else { held.to_string() }
			);
			eprintln!("  giving up on further loads: {why}");
			return Some(why);
		}
		if last_report.elapsed() > Duration::from_secs(10) {
			last_report = Instant::now();
			eprintln!("  waiting for the pools to drain: {held} transactions left");
		}
		tokio::time::sleep(Duration::from_secs(2)).await;
	}
}

/// P1: deposits, then the same offered load of remarks, `runs` times each. Also returns why the chain
/// stopped finalizing, if it did, so that the later figures are skipped rather than waited for.
async fn p1(options: &Options, net: &Net<'_>) -> Result<(Vec<Figure>, Value, Option<String>)> {
	let (rate, seconds) = options.p1_load();
	let mut deposit_rates = Vec::new();
	let mut remark_rates = Vec::new();
	let mut ratios = Vec::new();
	let mut runs = Vec::new();
	let mut notes = Vec::new();
	let mut stopped = None;
	for run in 0..options.runs {
		let mut pair = Vec::new();
		for kind in [Kind::Deposit, Kind::Remark] {
			let name = if kind == Kind::Deposit { "deposits" } else { "remarks" };
			eprintln!(
				"P1 run {}/{}: {name} offered at {rate}/s for {seconds:?} by {} submitters",
				run + 1,
				options.runs,
				net.signers.len()
			);
			let tag = format!("p1 {} {run} {name}", iprchain_tests::now_ms());
			let (outcome, load) = offer(options, net, kind, rate, seconds, &tag).await?;
			let mut summary = outcome.summary();
			summary["kind"] = json!(name);
			summary["offeredRate"] = json!(rate);
			summary["loadAverage"] = json!(load);
			runs.push(summary);
			// Behind when the submitters had to wait, or the last finality came well after the last offer.
			if outcome.throttled > 0
				|| outcome.wall > seconds + Duration::from_secs(15)
				|| outcome.gave_up.is_some()
			{
				notes.push(format!("{name} run {}: the chain fell behind the offered rate", run + 1));
			}
			if let Some(why) = &outcome.gave_up {
				notes.push(format!("{name} run {} partial ({why})", run + 1));
			}
			pair.push(if outcome.included > 0 { outcome.chain_rate() } else { f64::NAN });
			stopped = after_load(net, &outcome).await;
			if stopped.is_some() {
				break;
			}
		}
		// A run cut short still reports what it measured: the deposits of a run whose remarks stalled.
		let (deposit, remark) = (pair.first().copied(), pair.get(1).copied());
		deposit_rates.extend(deposit);
		remark_rates.extend(remark);
		if let (Some(deposit), Some(remark)) = (deposit, remark) {
			ratios.push(deposit / remark);
		}
		if stopped.is_some() {
			break;
		}
	}
	let (deposits, remarks, ratio) = (median(&deposit_rates), median(&remark_rates), median(&ratios));
	let saturated = if notes.is_empty() {
		"the chain kept up with the offered rate, so this is a lower bound of its capacity".to_string()
	} else {
		notes.join("; ")
	};
	let detail = format!(
		"{rate} tx/s offered for {} s by {} submitters (≤ {} each unfinalized); {saturated}",
		seconds.as_secs(),
		net.signers.len(),
		options.window
	);
	let figures = vec![
		Figure {
			name: "P1 finalized deposits/s",
			target: "≥ 1000",
			value: deposits,
			unit: "tx/s",
			met: deposits >= 1000.0,
			detail: detail.clone(),
		},
		Figure {
			name: "P1 deposits/remarks ratio",
			target: "≥ 0.9",
			value: ratio,
			unit: "",
			met: ratio >= 0.9,
			detail: format!("the same offered load of system.remark finalized {remarks:.1} tx/s"),
		},
	];
	let summary = json!({
		"depositsPerSecond": round(deposits, 1),
		"remarksPerSecond": round(remarks, 1),
		"ratio": round(ratio, 3),
		"offeredRate": rate,
		"seconds": seconds.as_secs(),
		"submitters": net.signers.len(),
		"window": options.window,
		"chainStopped": stopped,
		"runs": runs,
	});
	Ok((figures, summary, stopped))
}

/// P2: latency of deposits at a paced, moderate load.
async fn p2(options: &Options, net: &Net<'_>) -> Result<(Vec<Figure>, Value, Option<String>)> {
	let (rate, seconds) = options.p2_load();
	let mut p50s = Vec::new();
	let mut p99s = Vec::new();
	let mut runs = Vec::new();
	let mut partial = Vec::new();
	let mut stopped = None;
	for run in 0..options.runs {
		eprintln!("P2 run {}/{}: deposits offered at {rate}/s for {seconds:?}", run + 1, options.runs);
		let tag = format!("p2 {} {run}", iprchain_tests::now_ms());
		let (outcome, load) = offer(options, net, Kind::Deposit, rate, seconds, &tag).await?;
		let mut summary = outcome.summary();
		summary["offeredRate"] = json!(rate);
		summary["loadAverage"] = json!(load);
		runs.push(summary);
		if let Some(why) = &outcome.gave_up {
			// The lost transactions have no latency; the percentiles cover the finalized ones only.
			partial.push(format!("run {} partial, {} lost ({why})", run + 1, outcome.lost));
		}
		p50s.push(percentile(&outcome.latencies_ms, 50.0));
		p99s.push(percentile(&outcome.latencies_ms, 99.0));
		stopped = after_load(net, &outcome).await;
		if stopped.is_some() {
			break;
		}
	}
	let (p50, p99) = (median(&p50s), median(&p99s));
	let mut detail = format!("{rate} deposits/s offered for {} s, spread over the nodes", seconds.as_secs());
	if !partial.is_empty() {
		detail = format!("{detail}; {}", partial.join("; "));
	}
	let figures = vec![
		Figure {
			name: "P2 submit→finalized p50",
			target: "≤ 3000 ms",
			value: p50,
			unit: "ms",
			met: p50 <= 3000.0,
			detail: detail.clone(),
		},
		Figure {
			name: "P2 submit→finalized p99",
			target: "≤ 6000 ms",
			value: p99,
			unit: "ms",
			met: p99 <= 6000.0,
			detail,
		},
	];
	let summary = json!({
		"rate": rate, "seconds": seconds.as_secs(), "p50Ms": round(p50, 0), "p99Ms": round(p99, 0),
		"chainStopped": stopped, "runs": runs,
	});
	Ok((figures, summary, stopped))
}

/// P3: batch anchoring from files to anchored root with every item proof written.
async fn p3(options: &Options, client: &Client, signer: &Signer) -> Result<(Vec<Figure>, Value)> {
	let items = options.p3_items();
	let mut rates = Vec::new();
	let mut runs = Vec::new();
	for run in 0..options.runs {
		eprintln!("P3 run {}/{}: a batch of {items} files", run + 1, options.runs);
		let dir = TempDir::new("bench-batch");
		let input = dir.join("items");
		std::fs::create_dir_all(&input)?;
		let tag = iprchain_tests::now_ms();
		let files = (0..items)
			.map(|i| {
				let path = input.join(format!("item-{i:07}.txt"));
				std::fs::write(&path, format!("bench batch {tag} run {run} item {i}\n"))?;
				Ok(path)
			})
			.collect::<Result<Vec<_>>>()?;
		let out = dir.join("proofs");
		let load = load_average();
		let started = Instant::now();
		let mut hashed = started;
		let receipt = evidence::anchor_batch(client, signer, HashAlgo::Sha256, &files, &out, || {
			hashed = Instant::now()
		})
		.await?;
		let total = started.elapsed();
		// The proof files are written last, one after another: their modification times bound that step.
		let modified = |path: &PathBuf| std::fs::metadata(path).and_then(|m| m.modified()).ok();
		let writing = match (
			receipt.proof_files.first().and_then(modified),
			receipt.proof_files.last().and_then(modified),
		) {
			(Some(first), Some(last)) => last.duration_since(first).unwrap_or_default(),
			_ => Duration::ZERO,
		};
		let hashing = hashed.duration_since(started);
		let chain = total.saturating_sub(hashing).saturating_sub(writing);
		let rate = items as f64 / total.as_secs_f64();
		eprintln!(
			"  {rate:.0} items/s: {:.2} s total = hashing {:.2} s + anchoring to finality {:.2} s + proofs {:.2} s \
			 (block #{}), load {load:.2}",
			total.as_secs_f64(),
			hashing.as_secs_f64(),
			chain.as_secs_f64(),
			writing.as_secs_f64(),
			receipt.block_number
		);
		anyhow::ensure!(receipt.proof_files.len() == items, "not every item proof was written");
		rates.push(rate);
		runs.push(json!({
			"items": items, "itemsPerSecond": round(rate, 0), "totalSeconds": round(total.as_secs_f64(), 3),
			"hashingSeconds": round(hashing.as_secs_f64(), 3), "chainSeconds": round(chain.as_secs_f64(), 3),
			"proofWritingSeconds": round(writing.as_secs_f64(), 3), "loadAverage": load,
		}));
	}
	let rate = median(&rates);
	let figures = vec![Figure {
		name: "P3 batch anchoring items/s",
		target: "≥ 1000000",
		value: rate,
		unit: "items/s",
		met: rate >= 1_000_000.0,
		detail: format!("{items} files per batch, SHA-256, through `evidence::anchor_batch`"),
	}];
	Ok((figures, json!({ "items": items, "itemsPerSecond": round(rate, 0), "runs": runs })))
}

/// Registers a data-set asset (apply now; approve once the notice is over, see [`register_finish`]).
async fn register_start(client: &Client, registrar: &Signer, holder: &Signer) -> Result<asset::Applied> {
	let application =
		sample_application("bench data set", DataSourceType::OwnCollection, None, "1 million rows");
	Ok(asset::apply(client, registrar, holder.account(), application).await?)
}

/// Approves the application once its notice has ended on chain; the asset id to query.
async fn register_finish(client: &Client, registrar: &Signer, applied: &asset::Applied) -> Result<u64> {
	for _ in 0..10 {
		let now = iprchain_tests::now_ms();
		if applied.notice_until_ms + 3_000 > now {
			tokio::time::sleep(Duration::from_millis(applied.notice_until_ms + 3_000 - now)).await;
		}
		match asset::approve(client, registrar, applied.asset).await {
			Ok(registered) => return Ok(registered.asset),
			Err(ClientError::DispatchFailed(reason)) if reason.contains("NoticeNotOver") => {
				tokio::time::sleep(Duration::from_secs(2)).await
			}
			Err(other) => return Err(other.into()),
		}
	}
	bail!("asset {} was never approved", applied.asset)
}

/// P4: `ipr_assetStatus` from 32 connections at once, one request in flight on each.
async fn p4(options: &Options, url: &str, query: AssetQuery, what: &str) -> Result<(Vec<Figure>, Value)> {
	const CONCURRENCY: usize = 32;
	let duration = options.p4_duration();
	let mut connections = Vec::new();
	for _ in 0..CONCURRENCY {
		connections.push(Client::connect(url).await?);
	}
	let view = asset::status(&connections[0], &query, None).await?;
	eprintln!(
		"P4: querying {what}: {}",
		view.as_ref().map_or("not found".into(), |v| format!("status {}", v.status))
	);
	let mut rates = Vec::new();
	let mut p99s = Vec::new();
	let mut p50s = Vec::new();
	let mut runs = Vec::new();
	for run in 0..options.runs {
		let load = load_average();
		let started = Instant::now();
		let deadline = started + duration;
		let errors = AtomicUsize::new(0);
		let workers = connections.iter().map(|client| {
			let (query, errors) = (&query, &errors);
			async move {
				let mut latencies = Vec::new();
				while Instant::now() < deadline {
					let sent = Instant::now();
					if asset::status(client, query, None).await.is_err() {
						errors.fetch_add(1, Ordering::Relaxed);
					}
					latencies.push(sent.elapsed().as_secs_f64() * 1000.0);
				}
				latencies
			}
		});
		let latencies: Vec<f64> = join_all(workers).await.into_iter().flatten().collect();
		let elapsed = started.elapsed().as_secs_f64();
		let rate = latencies.len() as f64 / elapsed;
		let (p50, p99) = (percentile(&latencies, 50.0), percentile(&latencies, 99.0));
		let errors = errors.load(Ordering::Relaxed);
		eprintln!(
			"P4 run {}/{}: {rate:.0} req/s, p50 {p50:.2} ms, p99 {p99:.2} ms, {errors} errors, load {load:.2}",
			run + 1,
			options.runs
		);
		rates.push(rate);
		p50s.push(p50);
		p99s.push(p99);
		runs.push(json!({
			"requests": latencies.len(), "seconds": round(elapsed, 2), "reqPerSecond": round(rate, 0),
			"p50Ms": round(p50, 2), "p99Ms": round(p99, 2), "errors": errors, "loadAverage": load,
		}));
	}
	let (rate, p99) = (median(&rates), median(&p99s));
	let detail =
		format!("{CONCURRENCY} connections × 1 request in flight, {} s per run, {what}", duration.as_secs());
	let figures = vec![
		Figure {
			name: "P4 ipr_assetStatus req/s",
			target: "≥ 5000",
			value: rate,
			unit: "req/s",
			met: rate >= 5_000.0,
			detail: detail.clone(),
		},
		Figure {
			name: "P4 ipr_assetStatus p99",
			target: "≤ 10 ms",
			value: p99,
			unit: "ms",
			met: p99 <= 10.0,
			detail,
		},
	];
	let summary = json!({
		"query": what, "concurrency": CONCURRENCY, "reqPerSecond": round(rate, 0), "p50Ms": round(median(&p50s), 2),
		"p99Ms": round(p99, 2), "runs": runs,
	});
	Ok((figures, summary))
}

/// The Markdown table of the figures, for docs/performance.md.
fn markdown(figures: &[Figure], runs: usize) -> String {
	let mut out =
		format!("| figure | target | measured (median of {runs}) | | how |\n|---|---|---|---|---|\n");
	for figure in figures {
		let value = if figure.value.is_nan() {
			"—".to_string()
		} else if figure.value >= 100.0 {
			format!("{:.0} {}", figure.value, figure.unit)
		} else {
			format!("{:.2} {}", figure.value, figure.unit)
		};
		out.push_str(&format!(
			"| {} | {} | {} | {} | {} |\n",
			figure.name,
			figure.target,
			value.trim(),
			met(figure),
			figure.detail
		));
	}
	out
}

fn main() -> Result<()> {
	// The harness looks for the node next to a test executable (`target/<profile>/deps`); this binary
	// sits in `target/<profile>` itself, beside the node. Set before any thread exists.
	if std::env::var_os("IPRCHAIN_BIN_DIR").is_none() {
		let exe = std::env::current_exe()?;
		std::env::set_var("IPRCHAIN_BIN_DIR", exe.parent().context("executable directory")?);
	}
	let options = Options::parse()?;
	tokio::runtime::Builder::new_multi_thread().enable_all().build()?.block_on(bench(options))
}

/// A figure that was not measured, with the reason in its detail.
fn skipped(name: &'static str, target: &'static str, unit: &'static str, why: &str) -> Figure {
	Figure { name, target, value: f64::NAN, unit, met: false, detail: format!("not measured: {why}") }
}

/// Starts the network, measures the chosen figures, prints the table and the summary.
async fn bench(options: Options) -> Result<()> {
	let started = Instant::now();
	eprintln!(
		"starting the 4-validator local network ({} runs per figure, load average {:.2})",
		options.runs,
		load_average()
	);
	let (processes, nodes) = start_network(&options.node_args).await?;
	eprintln!("network finalizing after {:.1} s", started.elapsed().as_secs_f64());
	let signers =
		options.submitters.iter().map(|suri| Signer::from_suri(suri)).collect::<Result<Vec<_>, _>>()?;
	// Submitter i talks to node i mod 4; finality is followed on the first node.
	let net = Net {
		submit: (0..signers.len()).map(|i| &nodes[i % nodes.len()]).collect(),
		watcher: &nodes[0],
		all: &nodes,
		processes: &processes,
		signers: &signers,
	};
	let alice = Signer::from_suri("//Alice")?;
	let bob = Signer::from_suri("//Bob")?;

	// The P4 asset's notice runs while the other figures are measured.
	let applied =
		if options.wants("P4") {
			match tokio::time::timeout(CHAIN_STEP, register_start(&nodes[0], &alice, &bob)).await {
				Ok(Ok(applied)) => Some(applied),
				Ok(Err(error)) => {
					eprintln!("P4: registration failed ({error:#}); an unknown asset id will be queried");
					None
				}
				Err(_) => {
					eprintln!("P4: registration not finalized in {CHAIN_STEP:?}; an unknown asset id will be queried");
					None
				}
			}
		} else {
			None
		};

	let mut figures = Vec::new();
	let mut summary = json!({
		"quick": options.quick,
		"runs": options.runs,
		"submitters": options.submitters,
		"nodeArgs": options.node_args,
		"loadAverageStart": load_average(),
	});
	// Set once a load saw finality stop: later loads would only wait out the same stall.
	let mut stopped: Option<String> = None;
	if options.wants("P1") {
		let (f, s, why) = p1(&options, &net).await?;
		figures.extend(f);
		summary["p1"] = s;
		stopped = why;
	}
	if options.wants("P2") {
		if let Some(why) = &stopped {
			let why = format!("an earlier load left the chain unable to take more ({why})");
			eprintln!("P2 skipped: {why}");
			figures.push(skipped("P2 submit→finalized p50", "≤ 3000 ms", "ms", &why));
			figures.push(skipped("P2 submit→finalized p99", "≤ 6000 ms", "ms", &why));
		} else {
			let (f, s, why) = p2(&options, &net).await?;
			figures.extend(f);
			summary["p2"] = s;
			stopped = why;
		}
	}
	if options.wants("P3") {
		let name = "P3 batch anchoring items/s";
		if let Some(why) = &stopped {
			let why = format!("an earlier load left the chain unable to take more ({why})");
			eprintln!("P3 skipped: {why}");
			figures.push(skipped(name, "≥ 1000000", "items/s", &why));
		} else {
			match p3(&options, &nodes[0], &alice).await {
				Ok((f, s)) => {
					figures.extend(f);
					summary["p3"] = s;
				}
				Err(error) => {
					let why = format!("{error:#}");
					eprintln!("P3 failed: {why}");
					figures.push(skipped(name, "≥ 1000000", "items/s", &why));
				}
			}
		}
	}
	if options.wants("P4") {
		let registered = match (&applied, &stopped) {
			(Some(applied), None) => {
				match tokio::time::timeout(CHAIN_STEP * 2, register_finish(&nodes[0], &alice, applied)).await
				{
					Ok(Ok(id)) => Some(id),
					Ok(Err(error)) => {
						eprintln!("P4: approval failed ({error:#}); an unknown asset id will be queried");
						None
					}
					Err(_) => {
						eprintln!(
							"P4: approval not finalized in {:?}; an unknown asset id will be queried",
							CHAIN_STEP * 2
						);
						None
					}
				}
			}
			_ => None,
		};
		let (query, what) = match registered {
			Some(id) => (AssetQuery::Id(id), format!("registered asset {id}")),
			None => {
				(AssetQuery::Id(u64::MAX), "an unknown asset id (registration did not complete)".to_string())
			}
		};
		let (f, s) = p4(&options, nodes[0].url(), query, &what).await?;
		figures.extend(f);
		summary["p4"] = s;
	}
	summary["loadAverageEnd"] = json!(load_average());
	summary["seconds"] = round(started.elapsed().as_secs_f64(), 1);
	summary["figures"] = figures
		.iter()
		.map(|f| {
			(f.name.to_string(), json!({ "value": round(f.value, 3), "target": f.target, "result": met(f) }))
		})
		.collect::<serde_json::Map<_, _>>()
		.into();

	let table = markdown(&figures, options.runs);
	println!("{table}");
	if let Some(path) = &options.report {
		std::fs::write(path, &table).with_context(|| format!("writing {}", path.display()))?;
	}
	if let Some(path) = &options.json {
		std::fs::write(path, serde_json::to_string_pretty(&summary)?)?;
	}
	println!("SUMMARY {summary}");
	Ok(())
}
