//! The `iprchain asset` and `iprchain court` commands against a real `iprchain-node --dev`: a data set
//! is applied for, approval before the notice is over is refused, approval after it issues a
//! certificate, a court freeze blocks a transfer until it is lifted, and the history shows it all.
//! Malformed input is refused before anything is sent.

use anyhow::{ensure, Context, Result};
use iprchain_client::Signer;
use iprchain_tests::{cli, now_ms, TempDir, TestNode};
use std::time::{Duration, Instant};

const STARTUP: Duration = Duration::from_secs(180);

#[tokio::test(flavor = "multi_thread")]
async fn asset_lifecycle_through_the_cli() -> Result<()> {
	let started = Instant::now();
	let mut node = TestNode::spawn_dev()?;
	node.ready(STARTUP).await?;
	eprintln!("dev node ready after {:?}", started.elapsed());
	let url = node.url.clone();
	let dir = TempDir::new("asset-cli");

	let structure = dir.join("elements.csv");
	let sample = dir.join("sample.csv");
	let rules = dir.join("rules.md");
	let order = dir.join("order.pdf");
	std::fs::write(&structure, "field,type\nstop_id,string\nboardings,int\n")?;
	std::fs::write(&sample, "stop_id,boardings\nHK-001,1520\n")?;
	std::fs::write(&rules, "Boardings are summed per stop and hour; card ids are dropped.\n")?;
	std::fs::write(&order, "(2026) E 01 Civil Preservation No. 17")?;
	let (structure, sample, rules, order) = (
		structure.to_str().unwrap(),
		sample.to_str().unwrap(),
		rules.to_str().unwrap(),
		order.to_str().unwrap(),
	);
	let bob = Signer::from_suri("//Bob")?.ss58();
	let charlie = Signer::from_suri("//Charlie")?.ss58();

	// `asset apply` as //Bob with `extra` flags; a flag in `extra` replaces the same flag's default.
	let apply_args = |extra: &[&str]| -> Vec<String> {
		let defaults = [
			("--name", "Wuhan bus ridership 2025"),
			("--category", "5411"),
			("--source", "own-collection"),
			("--scale", "1.2 million rows"),
			("--format", "CSV, UTF-8"),
			("--update-frequency", "daily"),
			("--structure-file", structure),
			("--sample-file", sample),
			("--suri", "//Bob"),
		];
		let mut args: Vec<String> = vec!["asset".into(), "apply".into()];
		for (flag, value) in defaults {
			if !extra.contains(&flag) {
				args.extend([flag.to_string(), value.to_string()]);
			}
		}
		args.extend(extra.iter().map(|arg| arg.to_string()));
		args
	};
	let run = |args: &[String]| cli(&url, &args.iter().map(String::as_str).collect::<Vec<_>>());

	// Malformed input is refused before the node is contacted: against an unreachable URL the
	// complaint is about the input, not the connection.
	let bad = |extra: &[&str], expected: &str| -> Result<()> {
		let args = apply_args(extra);
		let refused = cli("ws://127.0.0.1:1", &args.iter().map(String::as_str).collect::<Vec<_>>())?;
		ensure!(refused.code != 0, "{extra:?} accepted: {}", refused.stdout);
		ensure!(
			refused.stderr.contains(expected) && !refused.stderr.contains("cannot reach"),
			"{extra:?}: expected `{expected}` before any connection, got: {}",
			refused.stderr
		);
		Ok(())
	};
	let (good_digest, bad_hex, long_name) = ("ab".repeat(32), "zz".repeat(32), "数".repeat(100));
	bad(&["--rules-digest", "0x12zz"], "64 hex digits")?;
	bad(&["--rules-digest", &bad_hex], "not a hex digit")?;
	bad(&["--rules-file", "/nonexistent/rules.md", "--source", "stolen"], "unknown source `stolen`")?;
	bad(&["--rules-digest", &good_digest, "--evidence", "sha256"], "ALGO:HEX")?;
	bad(&["--rules-digest", &good_digest, "--update-frequency", "hourly"], "real-time")?;
	bad(&["--rules-digest", &good_digest, "--name", &long_name], "at most 256")?;
	bad(&["--rules-digest", &good_digest, "--source", "licensed"], "--source-evidence")?;
	bad(&[], "--rules-file or --rules-digest")?;
	bad(&["--rules-file", "/nonexistent/rules.md"], "/nonexistent/rules.md")?;
	let bad_cert = cli("ws://127.0.0.1:1", &["asset", "certificate", "2026114201"])?;
	ensure!(bad_cert.code == 1 && bad_cert.stderr.contains("17 digits"), "{}", bad_cert.stderr);
	let bad_freeze =
		cli("ws://127.0.0.1:1", &["court", "freeze", "0", "--order-digest", "0x00", "--suri", "//Eve"])?;
	ensure!(bad_freeze.code == 1 && bad_freeze.stderr.contains("64 hex digits"), "{}", bad_freeze.stderr);
	// The same with the right node: nothing reached the chain.
	let refused = run(&apply_args(&["--rules-digest", "0x12zz"]))?;
	ensure!(refused.code == 1 && refused.stderr.contains("64 hex digits"), "{}", refused.stderr);

	// Bob applies for himself, and the registrar cannot approve during the notice period. The notice
	// is short on the dev chain (10 s), so on a slow machine the approval can land after it ended:
	// then it must have been right to succeed, and the round is tried again with a new application.
	let mut attempt = 0;
	let (id, applied) = loop {
		attempt += 1;
		let step = Instant::now();
		let applied = run(&apply_args(&["--rules-file", rules, "--json"]))?.ok("apply")?.json()?;
		eprintln!("apply finalized in {:?}", step.elapsed());
		let id = applied["asset"].as_u64().context("asset id")?;
		ensure!(applied["holder"] == bob.as_str(), "{applied}");
		let notice_until = applied["noticeUntil"].as_u64().context("noticeUntil")?;

		let step = Instant::now();
		let early = cli(&url, &["asset", "approve", &id.to_string(), "--suri", "//Alice", "--json"])?;
		if early.code == 1 {
			ensure!(
				early.stderr.contains("DataIp.NoticeNotOver")
					&& early.stderr.contains("The notice period has not ended yet."),
				"{}",
				early.stderr
			);
			eprintln!("early approval refused in {:?}", step.elapsed());
			break (id, applied);
		}
		let late = early.ok("early approval")?.json()?;
		let valid_from = late["validFrom"].as_u64().context("validFrom")?;
		ensure!(
			valid_from >= notice_until,
			"approved at {valid_from}, before the notice ended at {notice_until}"
		);
		ensure!(attempt < 3, "approval after apply took longer than the notice period {attempt} times");
		eprintln!("approval landed after the notice ended ({:?}); trying again", step.elapsed());
	};
	let id_text = id.to_string();
	let id_arg = id_text.as_str();

	// Wait out the notice as the chain states it.
	let status = cli(&url, &["asset", "show", id_arg, "--json"])?.ok("show")?.json()?;
	ensure!(status["status"] == "under-notice", "{status}");
	let notice_until = status["noticeUntil"].as_u64().context("noticeUntil")?;
	ensure!(notice_until == applied["noticeUntil"].as_u64().unwrap(), "{status} vs {applied}");
	let wait = notice_until.saturating_sub(now_ms()) + 1_000;
	eprintln!("waiting {wait} ms for the notice to end");
	tokio::time::sleep(Duration::from_millis(wait)).await;

	let step = Instant::now();
	let registered =
		cli(&url, &["asset", "approve", id_arg, "--suri", "//Alice", "--json"])?.ok("approve")?.json()?;
	eprintln!("approval finalized in {:?}", step.elapsed());
	let certificate = registered["certificateNo"].as_str().context("certificateNo")?.to_string();
	let registration = registered["registrationNo"].as_str().context("registrationNo")?.to_string();
	ensure!(certificate.len() == 17 && registration.len() == 16, "{registered}");
	ensure!(registered["validUntil"].as_u64() > registered["validFrom"].as_u64(), "{registered}");

	// Shown by certificate number, as a readable summary, and by registration number as JSON.
	let shown = cli(&url, &["asset", "show", &certificate])?.ok("show by certificate")?;
	ensure!(shown.stdout.contains(&format!("asset {id}: registered")), "{}", shown.stdout);
	ensure!(shown.stdout.contains(&certificate) && shown.stdout.contains(&bob), "{}", shown.stdout);
	let by_registration =
		cli(&url, &["asset", "show", &registration, "--json"])?.ok("show by registration")?.json()?;
	ensure!(by_registration["id"] == id && by_registration["status"] == "registered", "{by_registration}");
	let valid = cli(&url, &["asset", "certificate", &certificate])?.ok("certificate")?;
	ensure!(valid.stdout.contains("valid"), "{}", valid.stdout);

	// A court freezes the asset; the holder cannot transfer it.
	cli(&url, &["court", "freeze", id_arg, "--order-file", order, "--suri", "//Eve"])?.ok("freeze")?;
	let frozen = cli(&url, &["asset", "certificate", &certificate, "--json"])?;
	ensure!(frozen.code == 1 && frozen.json()?["status"] == "frozen", "{}", frozen.stdout);
	let blocked = cli(&url, &["asset", "transfer", id_arg, &charlie, "--suri", "//Bob"])?;
	ensure!(blocked.code == 1, "transfer while frozen exited {}: {}", blocked.code, blocked.stdout);
	ensure!(
		blocked.stderr.contains("DataIp.Frozen") && blocked.stderr.contains("A court has frozen the asset"),
		"{}",
		blocked.stderr
	);

	// Lifted, the transfer goes through.
	cli(&url, &["court", "unfreeze", id_arg, "--order-file", order, "--suri", "//Eve"])?.ok("unfreeze")?;
	let transferred = cli(&url, &["asset", "transfer", id_arg, &charlie, "--suri", "//Bob", "--json"])?
		.ok("transfer")?
		.json()?;
	ensure!(transferred["from"] == bob.as_str() && transferred["to"] == charlie.as_str(), "{transferred}");
	let after = cli(&url, &["asset", "show", &certificate, "--json"])?.ok("show")?.json()?;
	ensure!(after["holder"] == charlie.as_str() && after["frozen"] == false, "{after}");

	// The history tells the story in order.
	let history = cli(&url, &["asset", "history", id_arg, "--json"])?.ok("history")?.json()?;
	let actions: Vec<&str> =
		history.as_array().context("a list")?.iter().filter_map(|entry| entry["action"].as_str()).collect();
	ensure!(actions == ["applied", "registered", "frozen", "unfrozen", "transferred"], "{history}");
	let lines = cli(&url, &["asset", "history", &certificate])?.ok("history text")?;
	ensure!(lines.stdout.lines().count() == 5, "{}", lines.stdout);
	ensure!(lines.stdout.lines().last().is_some_and(|line| line.contains("transferred")), "{}", lines.stdout);

	// Unknown names are a "no", not a crash.
	let missing = cli(&url, &["asset", "show", "999999"])?;
	ensure!(missing.code == 1 && missing.stdout.contains("no asset"), "{}{}", missing.stdout, missing.stderr);
	eprintln!("lifecycle done after {:?}", started.elapsed());
	Ok(())
}
