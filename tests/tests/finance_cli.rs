//! The `iprchain valuation`, `pledge` and `bank check` commands against a real `iprchain-node --dev`,
//! through the CLI only: an asset is registered, the bank's check refuses it without a valuation,
//! only an appraiser may value it, only the named bank may accept its pledge, the pledge blocks a
//! transfer and the check says so, and after the release the transfer goes through. Malformed input is
//! refused before anything is sent.

use anyhow::{ensure, Context, Result};
use iprchain_client::Signer;
use iprchain_tests::{cli, now_ms, TempDir, TestNode};
use std::time::{Duration, Instant};

const STARTUP: Duration = Duration::from_secs(180);

#[tokio::test(flavor = "multi_thread")]
async fn valuation_and_pledge_through_the_cli() -> Result<()> {
	let started = Instant::now();
	let dir = TempDir::new("finance-cli");
	let report = dir.join("appraisal-report.pdf");
	std::fs::write(&report, "Appraisal of the Wuhan urban mobility data set, income approach.")?;
	let report = report.to_str().unwrap();
	let [bob, dave, eve] = ["//Bob", "//Dave", "//Eve"].map(|suri| Signer::from_suri(suri).unwrap().ss58());
	let digest = "ab".repeat(32);

	// Malformed input is refused before the node is contacted: against an unreachable URL the
	// complaint is about the input, not the connection.
	let unreachable = "ws://127.0.0.1:1";
	let bad = |args: &[&str], expected: &str| -> Result<()> {
		let run = cli(unreachable, args)?;
		ensure!(
			run.code != 0 && run.stderr.contains(expected) && !run.stderr.contains("cannot reach"),
			"{args:?}: expected `{expected}` before any connection, got {}: {}",
			run.code,
			run.stderr
		);
		Ok(())
	};
	let submit = |value: &[&str], extra: &[&str]| -> Vec<String> {
		let mut args: Vec<String> = ["valuation", "submit", "0"].map(String::from).to_vec();
		args.extend(value.iter().map(|arg| arg.to_string()));
		// A flag in `extra` replaces its default; --report-file replaces --report-digest.
		for (flag, default) in
			[("--method", "income"), ("--report-digest", digest.as_str()), ("--days", "180")]
		{
			let replaced =
				extra.contains(&flag) || (flag == "--report-digest" && extra.contains(&"--report-file"));
			if !replaced {
				args.extend([flag.to_string(), default.to_string()]);
			}
		}
		args.extend(extra.iter().map(|arg| arg.to_string()));
		args
	};
	for (value, extra, expected) in [
		(&["--value-cny", "18500000.001"][..], &[][..], "more than two decimals"),
		(&["--value-cny", "18,500,000"], &[], "not a decimal number"),
		(&["--value-cny", "-1"], &[], "negative"),
		(&["--value-cny", "1.5e7"], &[], "not a decimal number"),
		(&["--value-cny", "0.00"], &[], "more than zero"),
		(&["--value-fen", "18500000.00"], &[], "whole number of fen"),
		(&["--value-cny", "1"], &["--method", "guess"], "cost, income, market, mixed"),
		(&["--value-cny", "1"], &["--report-digest", "0x12"], "64 hex digits"),
		(&["--value-cny", "1"], &["--days", "0"], "must end in the future"),
		(&["--value-cny", "1"], &["--report-file", "/nonexistent/report.pdf"], "/nonexistent/report.pdf"),
	] {
		let args = submit(value, extra);
		bad(&args.iter().map(String::as_str).collect::<Vec<_>>(), expected)?;
	}
	let valuation = ["valuation", "submit", "0", "--value-cny", "1", "--method", "cost", "--report-digest"];
	bad(&[&valuation[..], &[&digest]].concat(), "--valid-until")?;
	bad(&[&valuation[..], &[&digest, "--valid-until", "2020-01-01"]].concat(), "must end in the future")?;
	bad(&["pledge", "propose", "0", "--bank", "5Dave", "--amount-cny", "1", "--days", "30"], "not an SS58")?;
	bad(
		&["pledge", "propose", "0", "--bank", &dave, "--amount-cny", "1.234", "--days", "30"],
		"two decimals",
	)?;
	bad(
		&["pledge", "propose", "0", "--bank", &dave, "--amount-cny", "1", "--maturity", "2020-01-01"],
		"future",
	)?;
	bad(
		&["pledge", "propose", "0", "--bank", &dave, "--amount-cny", "1", "--maturity", "soon"],
		"YYYY-MM-DD",
	)?;
	bad(&["pledge", "accept", "first"], "invalid value 'first'")?;
	bad(&["bank", "check", "No. 2026-1142"], "neither an asset id")?;
	bad(&["bank", "check", "2026114201000004x"], "17 digits")?;

	let mut node = TestNode::spawn_dev()?;
	node.ready(STARTUP).await?;
	eprintln!("dev node ready after {:?}", started.elapsed());
	let url = node.url.clone();
	let run = |args: &[&str]| cli(&url, args);

	// //Bob applies for himself; //Alice approves once the (10 s) development notice is over.
	let (structure, sample, rules) = ("11".repeat(32), "22".repeat(32), "33".repeat(32));
	let applied = run(&[
		"asset",
		"apply",
		"--name",
		"武汉城市交通出行数据集",
		"--category",
		"5411",
		"--source",
		"own-collection",
		"--scale",
		"2.4 TB",
		"--format",
		"Parquet",
		"--update-frequency",
		"monthly",
		"--structure-digest",
		&structure,
		"--sample-digest",
		&sample,
		"--rules-digest",
		&rules,
		"--suri",
		"//Bob",
		"--json",
	])?
	.ok("apply")?
	.json()?;
	let asset = applied["asset"].as_u64().context("asset id")?.to_string();
	let notice_until = applied["noticeUntil"].as_u64().context("noticeUntil")?;
	let wait = notice_until.saturating_sub(now_ms()) + 2_000;
	eprintln!("applied for asset {asset}; waiting {wait} ms for the notice to end");
	tokio::time::sleep(Duration::from_millis(wait)).await;
	let registered =
		run(&["asset", "approve", &asset, "--suri", "//Alice", "--json"])?.ok("approve")?.json()?;
	let certificate = registered["certificateNo"].as_str().context("certificateNo")?.to_string();
	eprintln!("registered after {:?}", started.elapsed());

	// No valuation yet: not lendable, exit 1, and the reason given.
	let check = run(&["bank", "check", &asset])?;
	ensure!(check.code == 1, "bank check without valuation exited {}: {}", check.code, check.stdout);
	ensure!(
		check.stdout.starts_with("NOT LENDABLE") && check.stdout.contains("no current valuation"),
		"{}",
		check.stdout
	);
	ensure!(check.stdout.contains(&bob) && check.stdout.contains(&certificate), "{}", check.stdout);

	// Bob is no appraiser; Charlie is, and values the asset by its certificate number.
	let value = |suri: &str| {
		run(&[
			"valuation",
			"submit",
			&certificate,
			"--value-cny",
			"18500000.00",
			"--method",
			"income",
			"--report-file",
			report,
			"--days",
			"180",
			"--suri",
			suri,
			"--json",
		])
	};
	value("//Bob")?.refused("valuation by Bob", "Valuation.NotAppraiser")?;
	let valued = value("//Charlie")?.ok("valuation by Charlie")?.json()?;
	ensure!(
		valued["index"] == 0 && valued["valueFen"] == "1850000000" && valued["method"] == "income",
		"{valued}"
	);

	// Lendable now, at the best block and at the finalized head.
	let check = run(&["bank", "check", &asset])?.ok("bank check after valuation")?;
	ensure!(check.stdout.starts_with("LENDABLE"), "{}", check.stdout);
	ensure!(check.stdout.contains("18,500,000.00 CNY"), "{}", check.stdout);
	let finalized =
		run(&["bank", "check", &certificate, "--finalized", "--json"])?.ok("finalized bank check")?.json()?;
	ensure!(
		finalized["lending"]["lendable"] == true
			&& finalized["at"]["finalized"] == true
			&& finalized["valuation"]["valueCny"] == "18500000.00",
		"{finalized}"
	);
	let valuations = run(&["valuation", "show", &asset, "--json"])?.ok("valuation show")?.json()?;
	ensure!(valuations["current"] == 0 && valuations["valuations"].as_array().map(Vec::len) == Some(1));

	// Bob proposes a 10 M CNY pledge to Dave's bank; Charlie cannot accept it, Dave does.
	let proposed = run(&[
		"pledge",
		"propose",
		&asset,
		"--bank",
		&dave,
		"--amount-cny",
		"10000000",
		"--days",
		"365",
		"--suri",
		"//Bob",
		"--json",
	])?
	.ok("propose")?
	.json()?;
	let pledge = proposed["pledge"].as_u64().context("pledge id")?.to_string();
	ensure!(proposed["securedFen"] == "1000000000" && proposed["pledgee"] == dave.as_str(), "{proposed}");
	run(&["pledge", "accept", &pledge, "--suri", "//Charlie"])?
		.refused("accept by Charlie", "Pledge.NotPledgee")?;
	let accepted = run(&["pledge", "accept", &pledge, "--suri", "//Dave"])?.ok("accept by Dave")?;
	ensure!(accepted.stdout.contains(&format!("accepted pledge {pledge}")), "{}", accepted.stdout);

	// Pledged: the holder cannot transfer, and the bank's check says why.
	run(&["asset", "transfer", &asset, &eve, "--suri", "//Bob"])?
		.refused("transfer while pledged", "DataIp.Pledged")?;
	let check = run(&["bank", "check", &asset])?;
	ensure!(check.code == 1, "bank check while pledged exited {}: {}", check.code, check.stdout);
	ensure!(
		check.stdout.starts_with("NOT LENDABLE") && check.stdout.contains("already pledged"),
		"{}",
		check.stdout
	);
	ensure!(check.stdout.contains("10,000,000.00 CNY"), "{}", check.stdout);

	// Released by the bank, the asset moves to Eve.
	run(&["pledge", "release", &pledge, "--suri", "//Dave"])?.ok("release")?;
	let transferred =
		run(&["asset", "transfer", &asset, &eve, "--suri", "//Bob", "--json"])?.ok("transfer")?.json()?;
	ensure!(transferred["to"] == eve.as_str(), "{transferred}");

	// The pledge's record and history tell the story.
	let shown = run(&["pledge", "show", &pledge, "--json"])?.ok("pledge show")?.json()?;
	let steps: Vec<&str> = shown["history"]
		.as_array()
		.context("history")?
		.iter()
		.filter_map(|entry| entry["action"].as_str())
		.collect();
	ensure!(steps == ["proposed", "accepted", "released"], "{shown}");
	ensure!(shown["pledge"]["state"] == "released", "{shown}");
	let text = run(&["pledge", "show", &pledge])?.ok("pledge show text")?;
	ensure!(text.stdout.starts_with(&format!("pledge {pledge}: released")), "{}", text.stdout);
	let missing = run(&["pledge", "show", "999999"])?;
	ensure!(missing.code == 1 && missing.stdout.contains("no pledge 999999"), "{}", missing.stdout);
	eprintln!("financing done after {:?}", started.elapsed());
	Ok(())
}
