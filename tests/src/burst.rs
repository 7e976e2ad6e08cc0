//! A burst as integrators send it: transactions pre-signed at consecutive nonces, fired at nodes with
//! `author_submitExtrinsic` as fast as the connections take them, then followed through finalized
//! blocks. Used by the no-loss tests and by the bench's P6.
//!
//! A transaction is *accepted* when submit returned its hash, *refused* when submit returned an error
//! (the sender knows), *finalized* when it is in a finalized block, and *lost* when it was accepted
//! and is not finalized once the chain has gone idle: nobody was told. Lost must be 0.
//!
//! The sender does what a refusal asks: one that says to send again later (the account's queue
//! window is full: "too far ahead"; the pool is full; the node checked it against a block a
//! reorganization had just discarded), and a submission the node did not answer, is sent again, same
//! bytes, every couple of seconds until the pool takes it or refuses it for good — lowest nonce
//! first, and an account's later ones only once its earlier one was taken (sending all of them again
//! each time would only make every node check thousands of signatures it must refuse). Without that,
//! transactions accepted above a refused nonce wait for it for ever, which the sender was told but
//! would not be "lost" by this count.

use anyhow::{Context, Result};
use futures::{future::join_all, stream, StreamExt};
use iprchain_client::{
	primitives::rpc::to_hex, rpc_params, runtime::RuntimeCall, Client, ClientError, Signer,
};
use serde_json::Value;
use std::{
	collections::{BTreeMap, HashSet},
	time::{Duration, Instant},
};

/// Submissions in flight per node connection.
const IN_FLIGHT_PER_NODE: usize = 64;

/// How often refusals that ask for it are sent again.
const RESEND_EVERY: Duration = Duration::from_secs(2);

/// Whether a submission's error asks the sender to send the same transaction again later: a refusal
/// that says so, or no answer at all (a timeout, a lost connection — the node has not refused).
fn asks_to_send_again(error: &ClientError) -> bool {
	let ClientError::Rejected(reason) = error else { return true };
	reason.contains("too far ahead")
		|| reason.contains("Immediately Dropped")
		// Validated against a block a reorganization had just discarded: the same bytes pass now.
		|| reason.contains("State already discarded")
		// The node's pool could not tell at the block it checked against (node/src/pool.rs).
		|| reason.contains("could not check the transaction")
}

/// Whether `IPRCHAIN_BURST_TRACE` asks for the first pass and every resend round to be printed.
fn tracing() -> bool {
	std::env::var_os("IPRCHAIN_BURST_TRACE").is_some()
}

/// What happened to a burst.
#[derive(Debug, Default)]
pub struct BurstReport {
	/// Transactions sent.
	pub sent: usize,
	/// Submit answered with the transaction's hash.
	pub accepted: usize,
	/// Submit's first answer was an error, by reason (some were taken when sent again).
	pub refused_at_first: BTreeMap<String, usize>,
	/// Refused at first with "send again later", taken when sent again.
	pub resent_accepted: usize,
	/// Refused for good, by reason: every refusal the sender was left with.
	pub refused: BTreeMap<String, usize>,
	/// Accepted and found in a finalized block.
	pub finalized: usize,
	/// Accepted, never finalized, never reported.
	pub lost: usize,
	/// From the first submission until the last accepted transaction was finalized (or until the
	/// chain went idle, if some were lost).
	pub seconds: f64,
	/// Finalized blocks that held burst transactions, with how many each.
	pub blocks: Vec<(u32, usize)>,
}

impl BurstReport {
	/// Number refused, whatever the reason.
	pub fn refused_total(&self) -> usize {
		self.refused.values().sum()
	}
}

/// Signs `per_signer` calls for each signer at consecutive nonces from its next one; `make(s, k)` is
/// signer `s`'s `k`-th call. Returns, per signer, the encoded transactions in nonce order.
pub async fn presign(
	client: &Client,
	signers: &[Signer],
	per_signer: usize,
	make: impl Fn(usize, usize) -> RuntimeCall + Sync,
) -> Result<Vec<Vec<Vec<u8>>>, ClientError> {
	let birth = client.era_birth().await?;
	let mut firsts = Vec::new();
	for signer in signers {
		firsts.push(client.next_nonce(signer).await?);
	}
	let make = &make;
	Ok(std::thread::scope(|scope| {
		let handles: Vec<_> = signers
			.iter()
			.zip(firsts)
			.enumerate()
			.map(|(s, (signer, first))| {
				scope.spawn(move || {
					(0..per_signer)
						.map(|k| client.sign(signer, make(s, k), first + k as u32, birth))
						.collect::<Vec<_>>()
				})
			})
			.collect();
		handles.into_iter().map(|h| h.join().expect("signing thread")).collect()
	}))
}

/// Fires `signed` (per signer, in nonce order; signers interleaved) at `targets` — transaction `i` to
/// node `i mod targets.len()` — as fast as the connections take them, then follows `watcher`'s
/// finalized blocks until every accepted transaction is in one or nothing new is finalized into a
/// block for `idle` (or `deadline` passes).
pub async fn fire_and_follow(
	targets: &[&Client],
	watcher: &Client,
	signed: &[Vec<Vec<u8>>],
	idle: Duration,
	deadline: Duration,
) -> Result<BurstReport> {
	let start_block = watcher.finalized_number().await?;
	// Interleave the signers: what several integrators sending at once look like.
	let longest = signed.iter().map(Vec::len).max().unwrap_or(0);
	let positions: Vec<(usize, usize)> = (0..longest)
		.flat_map(|k| (0..signed.len()).filter(move |&s| k < signed[s].len()).map(move |s| (s, k)))
		.collect();
	let order: Vec<&Vec<u8>> = positions.iter().map(|&(s, k)| &signed[s][k]).collect();
	let started = Instant::now();
	let answers: Vec<(String, Result<Value, ClientError>)> = stream::iter(order.iter().enumerate())
		.map(|(i, xt)| {
			let node = targets[i % targets.len()];
			let hex = to_hex(xt);
			async move {
				let answer = node.call("author_submitExtrinsic", rpc_params![hex.clone()]).await;
				(hex, answer)
			}
		})
		.buffer_unordered(IN_FLIGHT_PER_NODE * targets.len())
		.collect()
		.await;
	let mut report = BurstReport { sent: order.len(), ..BurstReport::default() };
	let mut waiting = HashSet::new();
	// Refused with "send again later", per signer in nonce order, with the node each goes to.
	let mut resend: Vec<BTreeMap<usize, (String, &Client)>> = vec![BTreeMap::new(); signed.len()];
	for (i, (hex, answer)) in answers.into_iter().enumerate() {
		match answer {
			Ok(_) => {
				report.accepted += 1;
				waiting.insert(hex);
			}
			Err(error) => {
				let reason = error.to_string();
				*report.refused_at_first.entry(reason.clone()).or_default() += 1;
				if asks_to_send_again(&error) {
					let (signer, nonce) = positions[i];
					resend[signer].insert(nonce, (hex, targets[i % targets.len()]));
				} else {
					*report.refused.entry(reason).or_default() += 1;
				}
			}
		}
	}
	if tracing() {
		eprintln!(
			"burst: first pass done after {:.1} s: {} accepted, refused {:?}",
			started.elapsed().as_secs_f64(),
			report.accepted,
			report.refused_at_first
		);
	}
	let mut next = start_block + 1;
	let mut last_progress = Instant::now();
	let mut last_finalized_at = started.elapsed();
	let mut last_resend = Instant::now();
	while (!waiting.is_empty() || resend.iter().any(|r| !r.is_empty()))
		&& last_progress.elapsed() < idle
		&& started.elapsed() < deadline
	{
		if last_resend.elapsed() >= RESEND_EVERY {
			last_resend = Instant::now();
			// Each signer's refused transactions again, lowest nonce first, until one is still refused
			// "later" (its queue is still full, so the ones above it would be too) or the deadline
			// passes. Signers in parallel.
			let rounds = resend.iter_mut().enumerate().map(|(signer, refused)| async move {
				let mut outcomes = Vec::new();
				while let Some(entry) = refused.first_entry() {
					if started.elapsed() >= deadline {
						break;
					}
					let (hex, node) = entry.get().clone();
					match node.call::<Value>("author_submitExtrinsic", rpc_params![hex.clone()]).await {
						Err(error) if asks_to_send_again(&error) => {
							if tracing() {
								eprintln!(
									"burst: signer {signer}: {} taken, index {} still refused: {error}",
									outcomes.len(),
									entry.key()
								);
							}
							break;
						}
						answer => {
							entry.remove();
							outcomes.push((hex, answer.map(|_| ()).map_err(|e| e.to_string())));
						}
					}
				}
				outcomes
			});
			for (hex, answer) in join_all(rounds).await.into_iter().flatten() {
				match answer {
					Ok(()) => {
						report.accepted += 1;
						report.resent_accepted += 1;
						waiting.insert(hex);
						last_progress = Instant::now();
					}
					Err(reason) => *report.refused.entry(reason).or_default() += 1,
				}
			}
		}
		let head = watcher.finalized_number().await?;
		while next <= head {
			let hash: Value = watcher.call("chain_getBlockHash", rpc_params![next]).await?;
			let block: Value = watcher.call("chain_getBlock", rpc_params![hash]).await?;
			let extrinsics = block["block"]["extrinsics"].as_array().context("block without extrinsics")?;
			let found = extrinsics.iter().filter_map(Value::as_str).filter(|xt| waiting.remove(*xt)).count();
			if found > 0 {
				report.finalized += found;
				report.blocks.push((next, found));
				last_progress = Instant::now();
				last_finalized_at = started.elapsed();
			}
			next += 1;
		}
		tokio::time::sleep(Duration::from_millis(250)).await;
	}
	// Still waiting to be sent again when the chain went idle: refused, as the sender last heard.
	let still_refused: usize = resend.iter().map(BTreeMap::len).sum();
	if still_refused > 0 {
		report
			.refused
			.insert("still refused when the chain went idle (asked to send again)".into(), still_refused);
	}
	report.lost = waiting.len();
	report.seconds = if waiting.is_empty() { last_finalized_at } else { started.elapsed() }.as_secs_f64();
	Ok(report)
}
