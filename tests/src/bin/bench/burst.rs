//! P6 (issue 14): bursts of pre-signed transactions fired as fast as possible, and a flood beside a
//! single deposit. What is measured is the fate of every transaction: accepted, refused (with the
//! reason), finalized, lost (accepted, never finalized, never reported: the target is 0).

use super::*;
use iprchain_tests::burst::{fire_and_follow, presign, BurstReport};

/// Transactions per burst, spread evenly over the submitters.
const BURST: usize = 10_000;
/// Transactions the flooding account sends.
const FLOOD: usize = 20_000;
/// A burst is followed until nothing new is finalized for this long.
const IDLE: Duration = Duration::from_secs(90);
/// And at most this long in all.
const DEADLINE: Duration = Duration::from_secs(900);

fn call_of(kind: Kind, tag: &str, s: usize, k: usize) -> RuntimeCall {
	let text = format!("{tag} s{s} #{k}");
	match kind {
		Kind::Deposit => iprchain_tests::text_deposit(&text).call(),
		Kind::Remark => RuntimeCall::System(frame_system::Call::remark { remark: text.into_bytes() }),
	}
}

fn describe(report: &BurstReport) -> String {
	let refused = report
		.refused
		.iter()
		.map(|(why, n)| format!("{n} “{}”", why.chars().take(90).collect::<String>()))
		.collect::<Vec<_>>()
		.join(", ");
	let at_first: usize = report.refused_at_first.values().sum();
	format!(
		"{} sent, {} accepted ({} of them when sent again after “too far ahead”/pool full; {} refused at first), \
		 {} refused for good{}, {} finalized in {} blocks, last after {:.1} s",
		report.sent,
		report.accepted,
		report.resent_accepted,
		at_first,
		report.refused_total(),
		if refused.is_empty() { String::new() } else { format!(" ({refused})") },
		report.finalized,
		report.blocks.len(),
		report.seconds
	)
}

/// P6: a burst of [`BURST`] deposits, then remarks, (a) all at node 0 and (b) spread over the four
/// nodes; then one account floods [`FLOOD`] remarks at node 0 while another deposits once at node 1.
pub(super) async fn p6(options: &Options, net: &Net<'_>) -> Result<(Vec<Figure>, Value)> {
	let mut figures = Vec::new();
	let mut runs = Vec::new();
	let per_signer = BURST / net.signers.len();
	for (kind, kind_name) in [(Kind::Deposit, "deposits"), (Kind::Remark, "remarks")] {
		for (spread, names) in [
			(false, ("P6 burst deposits at one node: lost", "P6 burst remarks at one node: lost")),
			(true, ("P6 burst deposits over four nodes: lost", "P6 burst remarks over four nodes: lost")),
		] {
			if !options.wants_p6(&format!("{kind_name}@{}", if spread { "four" } else { "one" })) {
				continue;
			}
			let tag = format!("p6 {} {kind_name} {spread}", iprchain_tests::now_ms());
			eprintln!("P6: signing {BURST} {kind_name} ({per_signer} per submitter)");
			let signed =
				presign(net.watcher, net.signers, per_signer, |s, k| call_of(kind, &tag, s, k)).await?;
			let targets: Vec<&Client> = if spread { net.all.iter().collect() } else { vec![net.watcher] };
			eprintln!("P6: firing at {} node(s)", targets.len());
			let report = fire_and_follow(&targets, net.watcher, &signed, IDLE, DEADLINE).await?;
			let detail = describe(&report);
			eprintln!("P6: {detail}");
			runs.push(json!({
				"kind": kind_name, "spread": spread, "sent": report.sent, "accepted": report.accepted,
				"refusedAtFirst": report.refused_at_first, "resentAccepted": report.resent_accepted,
				"refused": report.refused, "finalized": report.finalized, "lost": report.lost,
				"seconds": round(report.seconds, 1), "blocks": report.blocks, "loadAverage": load_average(),
			}));
			let name = if kind == Kind::Deposit { names.0 } else { names.1 };
			figures.push(Figure {
				name,
				target: "= 0",
				value: report.lost as f64,
				unit: "tx",
				met: report.lost == 0,
				detail,
			});
		}
	}

	if !options.wants_p6("flood") {
		return Ok((figures, json!({ "runs": runs })));
	}
	// The flood: the first submitter sends FLOOD remarks as fast as it can; the second deposits once.
	eprintln!("P6: signing a flood of {FLOOD} remarks from one account");
	let flooder = std::slice::from_ref(&net.signers[0]);
	let tag = format!("p6 flood {}", iprchain_tests::now_ms());
	let flood = presign(net.watcher, flooder, FLOOD, |s, k| call_of(Kind::Remark, &tag, s, k)).await?;
	let other = iprchain_tests::text_deposit(&format!("{tag}: another member's deposit"));
	let watcher = [net.watcher];
	let (flood_report, latency) =
		tokio::join!(fire_and_follow(&watcher, net.watcher, &flood, IDLE, DEADLINE), async {
			tokio::time::sleep(Duration::from_secs(2)).await;
			let sent = Instant::now();
			let finalized = net.all[1].submit(&net.signers[1 % net.signers.len()], other.call()).await;
			finalized.map(|f| (sent.elapsed(), f.block_number))
		});
	let flood_report = flood_report?;
	let detail = describe(&flood_report);
	eprintln!("P6 flood: {detail}");
	let (value, other_detail) = match latency {
		Ok((elapsed, block)) => {
			(elapsed.as_secs_f64() * 1000.0, format!("finalized in #{block}; flood: {detail}"))
		}
		Err(error) => (f64::NAN, format!("not finalized: {error}; flood: {detail}")),
	};
	runs.push(json!({ "flood": FLOOD, "report": detail, "otherDepositMs": round(value, 0) }));
	figures.push(Figure {
		name: "P6 another member's deposit during a flood",
		target: "≤ 6000 ms",
		value,
		unit: "ms",
		met: value <= 6000.0,
		detail: other_detail,
	});
	figures.push(Figure {
		name: "P6 flood of one account: lost",
		target: "= 0",
		value: flood_report.lost as f64,
		unit: "tx",
		met: flood_report.lost == 0,
		detail,
	});
	Ok((figures, json!({ "runs": runs })))
}
