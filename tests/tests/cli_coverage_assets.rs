//! The data-IP commands no other test ran to the end (issue 21), through the real `iprchain` binary
//! against one `iprchain-node --dev`: `asset object`, `resolve` (both decisions), `withdraw`, `change`,
//! `license`, `renew`, `cancel`, `revoke` and `history`, and the chain's own refusals of `asset
//! apply`, `court freeze` and `court unfreeze`. Each success is read back from the chain (status,
//! objector, version, application, licences, validity, freeze, history); each refusal must exit 1
//! (the CLI's "no"), name the pallet error with its documentation, and leave the asset exactly as it
//! was (`asset show --json` compared whole).

use anyhow::{bail, ensure, Context, Result};
use iprchain_client::{
	asset::set_periods_call,
	pallet_data_ip::Periods,
	pallet_sudo,
	runtime::{RuntimeCall, RuntimeEvent},
	Client, Signer,
};
use iprchain_tests::{cli, cli_approve_after_notice, without_read_point, CliRun, TempDir, TestNode};
use serde_json::Value;
use std::time::{Duration, Instant};

const STARTUP: Duration = Duration::from_secs(180);
/// The whole test; a hung step fails it instead of hanging CI.
const DEADLINE: Duration = Duration::from_secs(600);
/// The development preset's validity (10 min) and renewal window (2 min), with a 30 s notice instead of
/// 10 s: objections must land inside the notice, and 10 s is close to two CLI round trips on a loaded
/// machine. Set by sudo, the development chain's stand-in for the council.
const PERIODS: Periods = Periods { notice_ms: 30_000, validity_ms: 600_000, renewal_window_ms: 120_000 };

/// The CLI against the test's node, signing as the given dev account.
struct Iprchain {
	url: String,
}

impl Iprchain {
	fn run(&self, suri: &str, args: &[&str]) -> Result<CliRun> {
		cli(&self.url, &[args, &["--suri", suri]].concat())
	}

	/// A transaction that must succeed; its JSON answer.
	fn ok(&self, suri: &str, args: &[&str]) -> Result<Value> {
		self.run(suri, &[args, &["--json"]].concat())?.ok(&format!("{args:?} as {suri}"))?.json()
	}

	/// A transaction that must succeed, in the text form a person reads: its first line.
	fn text(&self, suri: &str, args: &[&str]) -> Result<String> {
		let run = self.run(suri, args)?.ok(&format!("{args:?} as {suri}"))?;
		Ok(run.stdout.lines().next().unwrap_or_default().to_string())
	}

	/// The asset as `asset show --json` reads it, without the block it was read at.
	fn state(&self, asset: u64) -> Result<Value> {
		let shown = cli(&self.url, &["asset", "show", &asset.to_string(), "--json"])?
			.ok(&format!("asset show {asset}"))?
			.json()?;
		Ok(without_read_point(shown))
	}

	/// The actions of `asset history --json`, oldest first, and the entries themselves.
	fn history(&self, asset: &str) -> Result<(Vec<String>, Vec<Value>)> {
		let history = cli(&self.url, &["asset", "history", asset, "--json"])?.ok("asset history")?.json()?;
		let entries = history.as_array().context("history is a list")?.clone();
		let actions = entries.iter().map(|e| e["action"].as_str().unwrap_or("?").to_string()).collect();
		Ok((actions, entries))
	}

	/// A transaction the chain must refuse with `error`, leaving `asset` exactly as it was.
	fn refused(&self, suri: &str, args: &[&str], asset: u64, error: &str) -> Result<()> {
		let before = self.state(asset)?;
		self.run(suri, args)?.refused_by_chain(&format!("{args:?} as {suri}"), error)?;
		let after = self.state(asset)?;
		ensure!(after == before, "{error}: the refused call changed asset {asset}:\n{before}\n{after}");
		Ok(())
	}

	/// `asset apply` as //Bob for himself, with fixed digests; the new asset's id and notice end.
	fn apply(&self, name: &str) -> Result<(u64, u64)> {
		let applied = self.ok("//Bob", &apply_args(name))?;
		let asset = applied["asset"].as_u64().context("asset id")?;
		Ok((asset, applied["noticeUntil"].as_u64().context("noticeUntil")?))
	}
}

fn apply_args(name: &str) -> Vec<&str> {
	const DIGESTS: [&str; 3] = [
		"0x1111111111111111111111111111111111111111111111111111111111111111",
		"0x2222222222222222222222222222222222222222222222222222222222222222",
		"0x3333333333333333333333333333333333333333333333333333333333333333",
	];
	let mut args = vec!["asset", "apply", "--name", name, "--category", "5411", "--source", "own-collection"];
	args.extend(["--scale", "3.1 million rows", "--format", "CSV, UTF-8", "--update-frequency", "daily"]);
	args.extend(["--structure-digest", DIGESTS[0], "--sample-digest", DIGESTS[1]]);
	args.extend(["--rules-digest", DIGESTS[2]]);
	args
}

#[tokio::test(flavor = "multi_thread")]
async fn asset_and_court_commands_succeed_and_are_refused_by_the_chain() -> Result<()> {
	tokio::time::timeout(DEADLINE, walk()).await.context("the whole test's deadline passed")?
}

async fn walk() -> Result<()> {
	let started = Instant::now();
	let mut node = TestNode::spawn_dev()?;
	let client = node.ready(STARTUP).await?;
	eprintln!("dev node ready after {:?}", started.elapsed());
	let ipr = Iprchain { url: node.url.clone() };
	let [bob, charlie, dave, eve] =
		["//Bob", "//Charlie", "//Dave", "//Eve"].map(|suri| Signer::from_suri(suri).unwrap().ss58());
	let dir = TempDir::new("cli-coverage-assets");
	let write = |name: &str, text: &str| -> Result<String> {
		let path = dir.join(name);
		std::fs::write(&path, text)?;
		Ok(path.to_str().context("utf-8 path")?.to_string())
	};
	let claim = write("claim.txt", "Charlie: the ridership counts were collected by my sensors")?;
	let order = write("order.pdf", "(2026) E 0102 Civil Preservation No. 88")?;
	let decision = write("revocation.pdf", "Data Bureau decision 2026-17: the registration is revoked")?;
	set_periods(&client, PERIODS).await?;

	// Charlie's evidence for his objections.
	let deposited = ipr.ok("//Charlie", &["evidence", "deposit", &claim, "--kind", "other"])?;
	let evidence = format!("sha256:{}", deposited[0]["receipt"]["digest"].as_str().context("digest")?);

	// `asset object`: Charlie objects to two applications while they are under notice.
	let (kept, kept_notice) = object_in_time(&ipr, "Wuhan metro ridership 2025", &evidence).await?;
	let (rejected, _) = object_in_time(&ipr, "Wuhan ferry ridership 2025", &evidence).await?;
	for asset in [kept, rejected] {
		let state = ipr.state(asset)?;
		ensure!(state["status"] == "objected" && state["objector"] == charlie.as_str(), "{state}");
		let (actions, entries) = ipr.history(&asset.to_string())?;
		ensure!(actions == ["applied", "objected"], "{actions:?}");
		ensure!(entries[1]["actor"] == charlie.as_str(), "{entries:?}");
		// The notice is the 30 s set above, counted from the application's block.
		let applied_at = entries[0]["at"].as_u64().context("at")?;
		ensure!(state["noticeUntil"].as_u64() == Some(applied_at + PERIODS.notice_ms), "{state}");
	}

	// `asset apply` refused by the chain: //Dave (bank, insurer) is neither holder nor workstation.
	// The id it would have had stays free: the next application gets it.
	let free = rejected + 1;
	ipr.run("//Dave", &apply_args("Dave's data"))?
		.refused_by_chain("apply by a bank", "DataIp.NotWorkstationOrHolder")?;
	let missing = cli(&ipr.url, &["asset", "show", &free.to_string()])?;
	ensure!(missing.code == 1 && missing.stdout.contains(&format!("no asset {free}")), "{}", missing.stdout);
	let (withdrawn, _) = ipr.apply("Wuhan taxi trips 2025")?;
	ensure!(withdrawn == free, "the refused application used an id: next is {withdrawn}, not {free}");
	let (revoked, revoked_notice) = ipr.apply("Wuhan bike sharing 2025")?;

	// `asset object` refused: the holder cannot object to his own application.
	ipr.refused(
		"//Bob",
		&["asset", "object", &withdrawn.to_string(), "--evidence", &evidence],
		withdrawn,
		"DataIp.CannotObjectOwn",
	)?;

	// `asset resolve`: only a registrar decides; upheld rejects, dismissed returns to the notice.
	let rejected_arg = rejected.to_string();
	ipr.refused(
		"//Charlie",
		&["asset", "resolve", &rejected_arg, "--upheld"],
		rejected,
		"DataIp.NotRegistrar",
	)?;
	let resolved = ipr.text("//Alice", &["asset", "resolve", &rejected_arg, "--upheld"])?;
	ensure!(resolved == format!("asset {rejected}: objection upheld: the application is rejected"));
	ensure!(ipr.state(rejected)?["status"] == "rejected");
	ensure!(ipr.history(&rejected_arg)?.0.last().map(String::as_str) == Some("objection-upheld"));
	let resolved = ipr.ok("//Alice", &["asset", "resolve", &kept.to_string(), "--dismissed"])?;
	ensure!(resolved["upheld"] == false, "{resolved}");
	let state = ipr.state(kept)?;
	ensure!(state["status"] == "under-notice" && state["noticeUntil"] == kept_notice, "{state}");

	// `asset withdraw`: only the holder; then the application is withdrawn for good.
	let withdrawn_arg = withdrawn.to_string();
	ipr.refused("//Charlie", &["asset", "withdraw", &withdrawn_arg], withdrawn, "DataIp.NotHolder")?;
	let done = ipr.text("//Bob", &["asset", "withdraw", &withdrawn_arg])?;
	ensure!(done == format!("withdrew asset {withdrawn}"), "{done}");
	ensure!(ipr.state(withdrawn)?["status"] == "withdrawn");
	ensure!(ipr.history(&withdrawn_arg)?.0 == ["applied", "withdrawn"]);

	let registered = cli_approve_after_notice(&ipr.url, kept, kept_notice).await?;
	let certificate = registered["certificateNo"].as_str().context("certificateNo")?.to_string();
	let valid_until = registered["validUntil"].as_u64().context("validUntil")?;
	let asset = kept;
	let id = asset.to_string();
	let id = id.as_str();
	eprintln!("asset {asset} registered after {:?}", started.elapsed());

	// `asset renew`: refused outside the renewal window (the last 2 min of 10); with the window
	// widened to the whole validity, the end moves on by one validity.
	ipr.refused("//Bob", &["asset", "renew", id], asset, "DataIp.RenewalNotOpen")?;
	set_periods(&client, Periods { renewal_window_ms: PERIODS.validity_ms, ..PERIODS }).await?;
	let renewed = ipr.ok("//Bob", &["asset", "renew", &certificate])?;
	let renewed_until = valid_until + PERIODS.validity_ms;
	ensure!(renewed["validUntil"] == renewed_until, "{renewed}");
	ensure!(ipr.state(asset)?["validUntil"] == renewed_until);

	// `asset change`: only the holder; the fields given change, the rest and the numbers stay.
	let before = ipr.state(asset)?;
	ipr.refused("//Charlie", &["asset", "change", id, "--scale", "9 rows"], asset, "DataIp.NotHolder")?;
	let changed = ipr.ok("//Bob", &["asset", "change", id, "--scale", "4.2 million rows"])?;
	ensure!(changed["version"] == 1, "{changed}");
	let after = ipr.state(asset)?;
	let mut expected = before["application"].clone();
	expected["scale"] = "4.2 million rows".into();
	ensure!(after["application"] == expected, "{}\nexpected {expected}", after["application"]);
	ensure!(after["version"] == 1 && after["certificateNo"] == certificate.as_str(), "{after}");

	// `asset license`: an exclusive licence to Dave's bank; a second licence overlapping it is refused.
	let licensed = ipr.ok(
		"//Bob",
		&["asset", "license", id, &dave, "--kind", "exclusive", "--scope", "credit scoring", "--days", "30"],
	)?;
	ensure!(licensed["index"] == 0 && licensed["kind"] == "exclusive", "{licensed}");
	let licences = ipr.state(asset)?["licences"].clone();
	ensure!(licences.as_array().map(Vec::len) == Some(1), "{licences}");
	ensure!(licences[0]["licensee"] == dave.as_str() && licences[0]["active"] == true, "{licences}");
	ensure!(licences[0]["licensor"] == bob.as_str() && licences[0]["scope"] == "credit scoring");
	ipr.refused(
		"//Bob",
		&["asset", "license", id, &eve, "--kind", "non-exclusive", "--scope", "research", "--days", "7"],
		asset,
		"DataIp.LicenceConflict",
	)?;

	// `court freeze`: only a court; Eve freezes it, and the holder can then not cancel it.
	ipr.refused("//Bob", &["court", "freeze", id, "--order-file", &order], asset, "DataIp.NotCourt")?;
	let frozen = ipr.ok("//Eve", &["court", "freeze", id, "--order-file", &order])?;
	let state = ipr.state(asset)?;
	ensure!(state["frozen"] == true && state["freeze"]["court"] == eve.as_str(), "{state}");
	ensure!(state["freeze"]["orderDigest"] == frozen["orderDigest"], "{state}\n{frozen}");
	ipr.refused("//Bob", &["asset", "cancel", id], asset, "DataIp.Frozen")?;

	// `court unfreeze`: only a court lifts it.
	ipr.refused("//Bob", &["court", "unfreeze", id, "--order-file", &order], asset, "DataIp.NotCourt")?;
	let lifted = ipr.text("//Eve", &["court", "unfreeze", id, "--order-file", &order])?;
	let order_digest = frozen["orderDigest"].as_str().context("orderDigest")?;
	ensure!(lifted == format!("lifted the freeze on asset {asset} under order {order_digest}"), "{lifted}");
	ensure!(ipr.state(asset)?["frozen"] == false);

	// `asset cancel`: the holder cancels; the certificate then reads cancelled.
	let done = ipr.text("//Bob", &["asset", "cancel", &certificate])?;
	ensure!(done == format!("cancelled the registration of asset {asset}"), "{done}");
	ensure!(ipr.state(asset)?["status"] == "cancelled");
	let check = cli(&ipr.url, &["asset", "certificate", &certificate, "--json"])?;
	ensure!(check.code == 1 && check.json()?["status"] == "cancelled", "{}", check.stdout);

	// `asset revoke`: only the registrar, with the decision's digest.
	let registered = cli_approve_after_notice(&ipr.url, revoked, revoked_notice).await?;
	ensure!(registered["asset"] == revoked, "{registered}");
	let revoked_arg = revoked.to_string();
	ipr.refused(
		"//Bob",
		&["asset", "revoke", &revoked_arg, "--reason-file", &decision],
		revoked,
		"DataIp.NotRegistrar",
	)?;
	let answer = ipr.ok("//Alice", &["asset", "revoke", &revoked_arg, "--reason-file", &decision])?;
	let state = ipr.state(revoked)?;
	ensure!(state["status"] == "revoked" && state["revocationReason"] == answer["reasonDigest"], "{state}");
	ensure!(ipr.history(&revoked_arg)?.0 == ["applied", "registered", "revoked"]);

	// `asset history`: every step above, in order, by its signer, with its details; by certificate
	// number too. A refused call left no entry.
	let (actions, entries) = ipr.history(&certificate)?;
	let expected = [
		"applied",
		"objected",
		"objection-dismissed",
		"registered",
		"renewed",
		"changed",
		"licensed",
		"frozen",
		"unfrozen",
		"cancelled",
	];
	ensure!(actions == expected, "{actions:?}");
	let actors: Vec<&str> = entries.iter().filter_map(|e| e["actor"].as_str()).collect();
	let alice = Signer::from_suri("//Alice")?.ss58();
	let (b, c, a, e) = (bob.as_str(), charlie.as_str(), alice.as_str(), eve.as_str());
	ensure!(actors == [b, c, a, a, b, b, b, e, e, b], "{actors:?}");
	let detail = |entry: &Value, name: &str| -> Option<String> {
		entry["details"].as_array()?.iter().find(|pair| pair[0] == name)?[1].as_str().map(String::from)
	};
	ensure!(detail(&entries[4], "validUntil") == Some(renewed_until.to_string()), "{}", entries[4]);
	ensure!(detail(&entries[5], "version") == Some("1".into()), "{}", entries[5]);
	ensure!(ipr.state(asset)?["historyLength"] == expected.len(), "history length");
	let text = cli(&ipr.url, &["asset", "history", id])?.ok("history as text")?;
	ensure!(text.stdout.lines().count() == expected.len(), "{}", text.stdout);
	ensure!(text.stdout.lines().nth(4).is_some_and(|l| l.contains("renewed") && l.contains(b)));
	// Refused by the chain's answer: it knows no such asset (exit 1, a "no").
	for unknown in ["999999", "20261142019999999"] {
		let missing = cli(&ipr.url, &["asset", "history", unknown])?;
		ensure!(missing.code == 1 && missing.stdout.contains("no asset"), "{unknown}: {}", missing.stdout);
	}
	eprintln!("asset and court commands done after {:?}", started.elapsed());
	Ok(())
}

/// Sets the data-IP periods with sudo, which succeeds even when the call it dispatches fails: so the
/// call's own outcome is checked.
async fn set_periods(client: &Client, periods: Periods) -> Result<()> {
	let call = RuntimeCall::Sudo(pallet_sudo::Call::sudo { call: Box::new(set_periods_call(periods)) });
	let finalized = client.submit(&Signer::from_suri("//Alice")?, call).await?;
	let done = finalized
		.events
		.iter()
		.any(|event| matches!(event, RuntimeEvent::Sudo(pallet_sudo::Event::Sudid { sudo_result: Ok(()) })));
	ensure!(done, "set_periods({periods:?}) failed under sudo: {:?}", finalized.events);
	Ok(())
}

/// Applies for `name` as //Bob and has //Charlie object at once with `evidence`; the asset and its
/// notice end. The objection must land inside the notice; on a machine so slow that it does not, the
/// chain rightly answers `NoticeOver` and a new application is tried, at most three times.
async fn object_in_time(ipr: &Iprchain, name: &str, evidence: &str) -> Result<(u64, u64)> {
	for attempt in 1..=3 {
		let (asset, notice_until) = ipr.apply(name)?;
		let run =
			ipr.run("//Charlie", &["asset", "object", &asset.to_string(), "--evidence", evidence, "--json"])?;
		if run.code == 0 {
			let objected = run.json()?;
			ensure!(objected["asset"] == asset && objected["evidence"] == evidence, "{objected}");
			return Ok((asset, notice_until));
		}
		run.refused_by_chain("objection", "DataIp.NoticeOver")?;
		eprintln!("objection {attempt} landed after the notice ended; trying a new application");
	}
	bail!("three objections in a row landed after a 30 s notice")
}
