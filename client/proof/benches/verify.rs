//! Size and offline verification time of a court proof: the record and batch-item fixtures of
//! `tests/data`, each verified (against the trust anchor, with the original file's digest check) N
//! times; prints the file size and the median, minimum and maximum time per verification.
//!
//! `cargo bench -p iprchain-proof --bench verify` (N = 200, or `IPRCHAIN_PROOF_BENCH_RUNS`); add
//! `-- --json` for one JSON object per fixture. Run by `cargo test --benches` (no `--bench` argument),
//! it verifies each fixture a few times only, as a smoke test. Nothing here asserts a timing.

use iprchain_proof::{verify_bytes, TrustAnchor};
use std::time::{Duration, Instant};

const TRUST: &[u8] = include_bytes!("../tests/data/dev-trust.json");
const FIXTURES: [(&str, &[u8], &[u8]); 2] = [
	(
		"record",
		include_bytes!("../tests/data/sample-record.proof.json"),
		include_bytes!("../tests/data/sample.txt"),
	),
	(
		"batch-item",
		include_bytes!("../tests/data/batch-item.proof.json"),
		include_bytes!("../tests/data/batch-item.txt"),
	),
];

fn main() {
	let args: Vec<String> = std::env::args().collect();
	// `cargo bench` passes `--bench`; `cargo test --benches` does not.
	let benchmarking = args.iter().any(|arg| arg == "--bench");
	let json = args.iter().any(|arg| arg == "--json");
	let runs = std::env::var("IPRCHAIN_PROOF_BENCH_RUNS")
		.ok()
		.and_then(|runs| runs.parse::<usize>().ok())
		.filter(|runs| *runs > 0)
		.unwrap_or(if benchmarking { 200 } else { 3 });
	let trust: TrustAnchor = serde_json::from_slice(TRUST).expect("the fixture trust anchor parses");

	for (name, proof, original) in FIXTURES {
		let mut times = Vec::with_capacity(runs);
		for _ in 0..runs {
			let start = Instant::now();
			let report = verify_bytes(proof, Some(&trust)).expect("the fixture verifies");
			report.check_original(original).expect("the fixture's original matches");
			times.push(start.elapsed());
		}
		times.sort_unstable();
		let micros = |d: Duration| d.as_secs_f64() * 1e6;
		let median = micros(times[times.len() / 2]);
		let (min, max) = (micros(times[0]), micros(times[times.len() - 1]));
		let profile = if cfg!(debug_assertions) { "debug" } else { "release" };
		if json {
			println!(
				"{}",
				serde_json::json!({
					"proof": name, "bytes": proof.len(), "runs": runs, "profile": profile,
					"medianMicros": median, "minMicros": min, "maxMicros": max,
				})
			);
		} else {
			let bytes = proof.len();
			println!(
				"proof {name:<10} {bytes:>6} bytes  verify median {median:>9.1} µs  \
				 (min {min:.1}, max {max:.1}; {runs} runs, {profile})"
			);
		}
	}
}
