//! Offered loads: transactions signed ahead with explicit nonces, submitted at a steady rate, and
//! counted as they appear in finalized blocks.

use super::*;

/// One finalized block that held transactions of a load.
#[derive(Clone, Debug)]
pub(super) struct BlockFill {
	pub(super) number: u32,
	pub(super) timestamp_ms: u64,
	pub(super) ours: usize,
}

/// What became of one load.
#[derive(Default)]
pub(super) struct LoadOutcome {
	pub(super) submitted: usize,
	pub(super) rejected: usize,
	pub(super) included: usize,
	pub(super) failed: usize,
	pub(super) lost: usize,
	pub(super) blocks: Vec<BlockFill>,
	pub(super) latencies_ms: Vec<f64>,
	pub(super) wall: Duration,
	/// Transactions submitted late because their submitter's window was full: the chain fell behind
	/// the offered rate.
	pub(super) throttled: usize,
	/// Submissions tried again: refused ones retried, and accepted ones sent again after
	/// [`RESUBMIT_AFTER`] without finality.
	pub(super) retried: usize,
	pub(super) resubmitted: usize,
	/// Banned transactions replaced by their spare (see [`Signed`]).
	pub(super) replaced: usize,
	pub(super) first_error: Option<String>,
	/// Why the load was abandoned before every transaction was finalized.
	pub(super) gave_up: Option<String>,
	/// No block was finalized at all during the stall: the chain, not just our transactions, stopped.
	pub(super) finality_stopped: bool,
}

impl LoadOutcome {
	/// Finalized transactions per second of chain time: those in the blocks after the first one that
	/// held any, over the timestamps from that first block to the last. The first block is left out
	/// of the count because the load started somewhere inside its slot.
	pub(super) fn chain_rate(&self) -> f64 {
		match (self.blocks.first(), self.blocks.last()) {
			(Some(first), Some(last)) if last.timestamp_ms > first.timestamp_ms => {
				let after_first: usize = self.blocks[1..].iter().map(|b| b.ours).sum();
				after_first as f64 * 1000.0 / (last.timestamp_ms - first.timestamp_ms) as f64
			}
			_ => self.wall_rate(),
		}
	}

	/// Finalized transactions per second of wall time, first submission to last finality seen.
	pub(super) fn wall_rate(&self) -> f64 {
		self.included as f64 / self.wall.as_secs_f64().max(1e-9)
	}

	pub(super) fn max_per_block(&self) -> usize {
		self.blocks.iter().map(|b| b.ours).max().unwrap_or(0)
	}

	pub(super) fn summary(&self) -> Value {
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
			"retried": self.retried,
			"resubmitted": self.resubmitted,
			"replaced": self.replaced,
			"firstError": self.first_error,
			"gaveUp": self.gave_up,
			"finalityStopped": self.finality_stopped,
		})
	}
}

/// How a load is offered: a steady rate per submitter, with a cap on what may be outstanding.
#[derive(Clone, Copy)]
pub(super) struct Pacing {
	/// Transactions per second per submitter.
	pub(super) rate: f64,
	/// At most this many per submitter submitted and not yet seen finalized. When the chain falls behind
	/// the offered rate the submitters wait rather than pile up a backlog: a burst makes the next blocks
	/// huge, and a debug node then takes longer than a slot to build and import them, so the chain forks.
	pub(super) window: usize,
}

/// One transaction of a load, and a replacement for it: the same call with a different title (or
/// remark), signed for the same nonce. Pools ban a transaction they saw in a block that then lost a
/// fork, which strands every later nonce of its signer; only different bytes for that nonce free them.
pub(super) struct Signed {
	pub(super) hex: String,
	pub(super) spare: String,
}

/// One submitted transaction not yet seen finalized.
pub(super) struct Pending {
	pub(super) submitter: usize,
	/// Position in the submitter's list, which is also its nonce offset.
	pub(super) index: usize,
	/// The first submission: latencies count from here, whatever resubmissions followed.
	pub(super) submitted: Instant,
	pub(super) last_sent: Instant,
	/// The replacement, until it is sent.
	pub(super) spare: Option<String>,
}

/// State the submitters and the finality watcher share.
pub(super) struct Shared {
	/// Each submitted transaction (by its hex) not yet seen finalized.
	pub(super) pending: Mutex<HashMap<String, Pending>>,
	/// Replacements sent for banned transactions: the replacement's hex → the pending original's.
	pub(super) replacements: Mutex<HashMap<String, String>>,
	pub(super) in_flight: Vec<AtomicUsize>,
	/// Submitters still submitting.
	pub(super) submitting: AtomicUsize,
	/// Transactions handed to `author_submitExtrinsic`, refused ones included.
	pub(super) sent: AtomicUsize,
	pub(super) rejected: AtomicUsize,
	/// Transactions submitted after a refused one of the same submitter: their nonces can never be
	/// reached, so they are written off at once instead of being waited for.
	pub(super) orphaned: AtomicUsize,
	/// Transactions that waited for a full window (their submission was late by more than a poll).
	pub(super) throttled: AtomicUsize,
	pub(super) retried: AtomicUsize,
	pub(super) resubmitted: AtomicUsize,
	pub(super) replaced: AtomicUsize,
	pub(super) first_error: Mutex<Option<String>>,
	/// Per submitter: one of its transactions was refused, so it stops.
	pub(super) broken: Vec<AtomicBool>,
	/// Set by the watcher when it stops following (done, stalled or out of time): submitters quit.
	pub(super) stop: AtomicBool,
}

/// Sleeps until `due` in short steps, returning early (false) once `stop` is set.
pub(super) async fn sleep_until_or_stop(due: Instant, stop: &AtomicBool) -> bool {
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
pub(super) async fn run_load(
	clients: &[&Client],
	watcher: &Client,
	all: &[Client],
	signed: Vec<Vec<Signed>>,
	pacing: Pacing,
	deadline: Duration,
) -> Result<LoadOutcome> {
	let shared = Shared {
		pending: Mutex::new(HashMap::new()),
		replacements: Mutex::new(HashMap::new()),
		in_flight: signed.iter().map(|_| AtomicUsize::new(0)).collect(),
		submitting: AtomicUsize::new(signed.len()),
		sent: AtomicUsize::new(0),
		rejected: AtomicUsize::new(0),
		orphaned: AtomicUsize::new(0),
		throttled: AtomicUsize::new(0),
		retried: AtomicUsize::new(0),
		resubmitted: AtomicUsize::new(0),
		replaced: AtomicUsize::new(0),
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
				.map(|(index, Signed { hex, spare })| async move {
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
					let now = Instant::now();
					let pending =
						Pending { submitter, index, submitted: now, last_sent: now, spare: Some(spare) };
					shared.pending.lock().unwrap().insert(hex.clone(), pending);
					let mut attempt = 0;
					let mut bytes = hex.clone();
					let error = loop {
						let error = match submit(client, &bytes).await {
							Ok(()) => break None,
							Err(error) if nonce_taken_by_this(&error) => break None,
							Err(error) => error,
						};
						// Banned (see [`Signed`]): the same nonce is tried with the replacement's bytes.
						if error.contains("banned") {
							if let Some(spare) = replace(shared, &hex) {
								bytes = spare;
								continue;
							}
						}
						if attempt == SUBMIT_RETRIES
							|| !sleep_until_or_stop(Instant::now() + Duration::from_secs(1), &shared.stop)
								.await
						{
							break Some(error);
						}
						attempt += 1;
						// The first few causes of a retry are printed: they explain later refusals.
						if shared.retried.fetch_add(1, Ordering::Relaxed) < 3 {
							eprintln!("  submitter {submitter}: transaction {index} refused ({error}); trying again");
						}
					};
					if let Some(error) = error {
						refused(shared, submitter, index, &hex, error);
					}
				})
				.buffer_unordered(PIPELINE)
				.collect::<Vec<()>>()
				.await;
			shared.submitting.fetch_sub(1, Ordering::Relaxed);
		}
	});
	let rescue = resubmit_stranded(clients, &shared);
	let watch = async {
		let outcome = follow_finality(watcher, all, &shared, start_block, started, deadline).await;
		// However the watcher ended, the submitters must not wait for finality it no longer reports.
		shared.stop.store(true, Ordering::Relaxed);
		outcome
	};
	let (_, (), outcome) = futures::join!(join_all(submitters), rescue, watch);
	let mut outcome = outcome;
	outcome.submitted = shared.sent.load(Ordering::Relaxed);
	outcome.rejected = shared.rejected.load(Ordering::Relaxed);
	outcome.lost += shared.orphaned.load(Ordering::Relaxed);
	outcome.throttled = shared.throttled.load(Ordering::Relaxed);
	outcome.retried = shared.retried.load(Ordering::Relaxed);
	outcome.resubmitted = shared.resubmitted.load(Ordering::Relaxed);
	outcome.replaced = shared.replaced.load(Ordering::Relaxed);
	outcome.first_error = shared.first_error.lock().unwrap().clone();
	Ok(outcome)
}

/// Hands one signed transaction to the node, bounded by [`SUBMIT_TIMEOUT`].
async fn submit(client: &Client, hex: &str) -> Result<(), String> {
	match tokio::time::timeout(
		SUBMIT_TIMEOUT,
		client.call::<Hash>("author_submitExtrinsic", rpc_params![hex]),
	)
	.await
	{
		Ok(result) => result.map(|_| ()).map_err(|error| error.to_string()),
		Err(_) => Err(format!("no answer from author_submitExtrinsic in {SUBMIT_TIMEOUT:?}")),
	}
}

/// Whether a refusal says this very transaction is already known: the pool holds it (a resubmission,
/// or gossip from another node got there first: "already imported", or "priority is too low" against
/// the copy it holds), or the chain has used its nonce ("outdated"). Each load signs one transaction
/// per nonce and at most one replacement, so whatever holds the nonce is this transaction or its
/// replacement, and either is counted; it stays pending and is counted when
/// finalized, or sent again by [`resubmit_stranded`] if the copy the node held is lost.
fn nonce_taken_by_this(error: &str) -> bool {
	let error = error.to_ascii_lowercase();
	["already imported", "priority is too low", "outdated"].iter().any(|known| error.contains(known))
}

/// Until the load stops, sends again every pending transaction not finalized [`RESUBMIT_AFTER`] after
/// it was last sent, through its submitter's node. Answers are not waited on by the submitters and
/// refusals are ignored: the finality watcher alone decides what was finalized.
async fn resubmit_stranded(clients: &[&Client], shared: &Shared) {
	while sleep_until_or_stop(Instant::now() + Duration::from_secs(2), &shared.stop).await {
		let stranded: Vec<(String, usize)> = {
			let mut pending = shared.pending.lock().unwrap();
			let now = Instant::now();
			pending
				.iter_mut()
				.filter(|(_, p)| now.duration_since(p.last_sent) > RESUBMIT_AFTER)
				.map(|(hex, p)| {
					p.last_sent = now;
					(hex.clone(), p.submitter)
				})
				.collect()
		};
		if stranded.is_empty() {
			continue;
		}
		eprintln!("  sending {} transactions again: not finalized within {RESUBMIT_AFTER:?}", stranded.len());
		shared.resubmitted.fetch_add(stranded.len(), Ordering::Relaxed);
		let refusals = Mutex::new((0usize, None::<String>));
		futures::stream::iter(stranded)
			.for_each_concurrent(PIPELINE, |(hex, submitter)| {
				let refusals = &refusals;
				async move {
					let Err(error) = submit(clients[submitter], &hex).await else { return };
					if nonce_taken_by_this(&error) {
						return;
					}
					// Banned: the pool saw it in a block that lost a fork, and will not take these bytes
					// again for a while. Its replacement holds the same nonce with different bytes.
					let error = match error.contains("banned").then(|| replace(shared, &hex)).flatten() {
						Some(spare) => match submit(clients[submitter], &spare).await {
							Ok(()) => return,
							Err(error) if nonce_taken_by_this(&error) => return,
							Err(error) => format!("{error} (the replacement of a banned transaction)"),
						},
						None => error,
					};
					let mut refusals = refusals.lock().unwrap();
					refusals.0 += 1;
					refusals.1.get_or_insert(error);
				}
			})
			.await;
		if let (refused @ 1.., Some(first)) = refusals.into_inner().unwrap() {
			eprintln!("    {refused} of them refused, the first with: {first}");
		}
	}
}

/// Takes the replacement of the pending transaction `hex`, if it still has one, and records it so that
/// either is counted when finalized.
fn replace(shared: &Shared, hex: &str) -> Option<String> {
	let spare = shared.pending.lock().unwrap().get_mut(hex)?.spare.take()?;
	shared.replacements.lock().unwrap().insert(spare.clone(), hex.to_string());
	shared.replaced.fetch_add(1, Ordering::Relaxed);
	Some(spare)
}

/// Records a refused submission. The submitter stops, and its later transactions already submitted are
/// written off: their nonces follow the refused one, so the pool would hold them as future forever.
pub(super) fn refused(shared: &Shared, submitter: usize, index: usize, hex: &str, error: String) {
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

/// Reads every newly finalized block from `next` on, matches its extrinsics against the pending ones
/// and records when each was seen finalized. Ends when the submitters are done and nothing is pending,
/// when nothing of ours was finalized for [`STALL`] while some was pending, or after `deadline`;
/// the last two print why and what the nodes hold. A failed poll is reported and retried.
pub(super) async fn follow_finality(
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
pub(super) async fn poll_finalized(
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
			let replacements = shared.replacements.lock().unwrap();
			for (index, extrinsic) in extrinsics.iter().enumerate() {
				let original =
					extrinsic.as_str().map(|hex| replacements.get(hex).map_or(hex, String::as_str));
				if let Some(p) = original.and_then(|hex| pending.get(hex)) {
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
			let replacements = shared.replacements.lock().unwrap();
			for &index in &ours {
				let original = extrinsics[index as usize]
					.as_str()
					.map(|hex| replacements.get(hex).map_or(hex, String::as_str));
				if let Some(p) = original.and_then(|hex| pending.remove(hex)) {
					shared.in_flight[p.submitter].fetch_sub(1, Ordering::Relaxed);
				}
			}
			drop((pending, replacements));
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
pub(super) async fn failures_among(client: &Client, hash: Hash, indices: &[u32]) -> Result<usize> {
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
pub(super) enum Kind {
	Deposit,
	Remark,
}

/// Signs `count` transactions of `kind` for each signer at its next nonces, each signer on its own
/// thread (signing in a debug build is slow; it is kept out of the measured time).
pub(super) async fn sign_load(
	client: &Client,
	signers: &[Signer],
	kind: Kind,
	count: usize,
	tag: &str,
) -> Result<Vec<Vec<Signed>>> {
	let mut nonces = Vec::new();
	for signer in signers {
		nonces.push(client.next_nonce(signer).await?);
	}
	let birth = client.era_birth().await?;
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
							let sign = |title: String| {
								let text = format!("bench {tag} s{s} #{k}");
								let digest = HashAlgo::Sha256.digest(text.as_bytes());
								let call = match kind {
									Kind::Deposit => evidence::DepositRequest {
										algo: HashAlgo::Sha256,
										digest,
										kind: iprchain_client::primitives::EvidenceKind::Other,
										title,
										on_behalf_of: None,
									}
									.call(),
									// About as many bytes as the deposit: the digest and the title.
									Kind::Remark => RuntimeCall::System(frame_system::Call::remark {
										remark: [&digest[..], title.as_bytes()].concat(),
									}),
								};
								to_hex(&client.sign(signer, call, first + k as u32, birth))
							};
							Signed {
								hex: sign(format!("bench-{s}-{k}")),
								spare: sign(format!("bench-{s}-{k}-again")),
							}
						})
						.collect::<Vec<_>>()
				})
			})
			.collect();
		handles.into_iter().map(|h| h.join().expect("signing thread")).collect::<Vec<_>>()
	});
	let total = signed.iter().map(Vec::len).sum::<usize>();
	eprintln!(
		"  signed {total} transactions (and a replacement for each) in {:.1} s",
		started.elapsed().as_secs_f64()
	);
	Ok(signed)
}

/// The nodes a load runs against.
pub(super) struct Net<'a> {
	/// Submitter i's node.
	pub(super) submit: Vec<&'a Client>,
	/// The node whose finalized blocks are read.
	pub(super) watcher: &'a Client,
	/// Every node, for the stall diagnosis.
	pub(super) all: &'a [Client],
	/// The node processes, whose logs explain a stall.
	pub(super) processes: &'a [TestNode],
	pub(super) signers: &'a [Signer],
}

/// Offers `count` transactions of `kind` per submitter at `rate` (all submitters together) and prints
/// what became of them. `Err` only for a failure before the load started (signing, the first query).
pub(super) async fn offer(
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
pub(super) async fn after_load(net: &Net<'_>, outcome: &LoadOutcome) -> Option<String> {
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
