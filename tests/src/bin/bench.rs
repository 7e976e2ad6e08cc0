//! iprchain benchmarks P1–P4 on a 4-validator local network (issue 8). A benchmark, not a test: it
//! measures and reports, it never fails on a timing. `scripts/bench.sh` builds it, runs it and writes
//! the figures into docs/performance.md; P5 (proof verification) is a `cargo bench` of its own.
//!
//! - P1: finalized evidence deposits per second under sustained load from concurrent submitters, then
//!   the same load of `system.remark`, and their ratio.
//! - P2: submit → finalized latency (p50/p99) at a moderate, paced load.
//! - P3: batch anchoring, files → anchored root → every per-item proof written, in items per second.
//! - P4: `ipr_assetStatus` requests per second and p99 latency at concurrency 32 on one node.
//! - P6: bursts of 10,000 pre-signed transactions at one node and over four, and one account's flood
//!   beside another's deposit: accepted, refused, finalized and lost (target 0).
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

// Under `bench/` rather than next to this file, where Cargo would take them for binaries of their own.
#[path = "bench/burst.rs"]
mod burst;
#[path = "bench/figures.rs"]
mod figures;
#[path = "bench/load.rs"]
mod load;
#[path = "bench/network.rs"]
mod network;
#[path = "bench/options.rs"]
mod options;

use burst::p6;
use figures::*;
use load::*;
use network::*;
use options::*;

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
			match tokio::time::timeout(CHAIN_STEP, register_start(&nodes[0], &bob)).await {
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
	if options.wants("P6") {
		if let Some(why) = &stopped {
			let why = format!("an earlier load left the chain unable to take more ({why})");
			eprintln!("P6 skipped: {why}");
			figures.push(skipped("P6 burst deposits at one node: lost", "= 0", "tx", &why));
		} else {
			let (f, s) = p6(&options, &net).await?;
			figures.extend(f);
			summary["p6"] = s;
		}
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
