//! The figures P1–P4, each measured over `--runs` runs, and their Markdown table.

use super::*;

/// Target and whether it was met, for the report.
pub(super) struct Figure {
	pub(super) name: &'static str,
	pub(super) target: &'static str,
	pub(super) value: f64,
	pub(super) unit: &'static str,
	pub(super) met: bool,
	pub(super) detail: String,
}

pub(super) fn met(figure: &Figure) -> &'static str {
	if figure.value.is_nan() {
		"not measured"
	} else if figure.met {
		"met"
	} else {
		"missed"
	}
}

/// P1: deposits, then the same offered load of remarks, `runs` times each. Also returns why the chain
/// stopped finalizing, if it did, so that the later figures are skipped rather than waited for.
pub(super) async fn p1(options: &Options, net: &Net<'_>) -> Result<(Vec<Figure>, Value, Option<String>)> {
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
			if outcome.resubmitted > 0 {
				notes.push(format!(
					"{name} run {}: {} transactions sent again, not finalized {RESUBMIT_AFTER:?} after sending \
					 ({} of them banned and replaced)",
					run + 1,
					outcome.resubmitted,
					outcome.replaced
				));
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
pub(super) async fn p2(options: &Options, net: &Net<'_>) -> Result<(Vec<Figure>, Value, Option<String>)> {
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
		if outcome.resubmitted > 0 {
			// Their latency counts from the first submission, so the resubmission delay is in p99.
			partial.push(format!(
				"run {}: {} sent again, {} replaced",
				run + 1,
				outcome.resubmitted,
				outcome.replaced
			));
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
pub(super) async fn p3(options: &Options, client: &Client, signer: &Signer) -> Result<(Vec<Figure>, Value)> {
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
/// The holder files for itself: a registrar may not approve an application it filed.
pub(super) async fn register_start(client: &Client, holder: &Signer) -> Result<asset::Applied> {
	let application =
		sample_application("bench data set", DataSourceType::OwnCollection, None, "1 million rows");
	Ok(asset::apply(client, holder, holder.account(), application).await?)
}

/// Approves the application once its notice has ended on chain; the asset id to query.
pub(super) async fn register_finish(
	client: &Client,
	registrar: &Signer,
	applied: &asset::Applied,
) -> Result<u64> {
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
pub(super) async fn p4(
	options: &Options,
	url: &str,
	query: AssetQuery,
	what: &str,
) -> Result<(Vec<Figure>, Value)> {
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
pub(super) fn markdown(figures: &[Figure], runs: usize) -> String {
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

/// A figure that was not measured, with the reason in its detail.
pub(super) fn skipped(name: &'static str, target: &'static str, unit: &'static str, why: &str) -> Figure {
	Figure { name, target, value: f64::NAN, unit, met: false, detail: format!("not measured: {why}") }
}
