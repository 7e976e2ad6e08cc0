//! `iprchain holder register`, `evidence link-infringement` and `policy bind|claim|decide|pay|show`
//! against a real `iprchain-node --dev`, through the CLI only: malformed input is refused before the
//! node is contacted, each role and state rule is refused by the chain with the pallet's explanation,
//! and a claim goes filed → approved → paid (another filed → rejected), as `policy show` and the
//! `ipr_getPolicy` RPC report.

use anyhow::{ensure, Context, Result};
use iprchain_client::{rpc_params, ClientError, Signer};
use iprchain_tests::{cli, CliRun, TempDir, TestNode};
use std::time::{Duration, Instant};

const STARTUP: Duration = Duration::from_secs(180);

#[tokio::test(flavor = "multi_thread")]
async fn insurance_through_the_cli() -> Result<()> {
	let started = Instant::now();
	let dir = TempDir::new("insurance-cli");
	let write = |name: &str, text: &str| -> Result<String> {
		let path = dir.join(name);
		std::fs::write(&path, text)?;
		Ok(path.to_str().context("utf-8 path")?.to_string())
	};
	let work = write("calligraphy.txt", "《黄鹤楼》 calligraphy, sheet 1")?;
	let capture = write("capture.txt", "An online shop selling unlicensed prints of sheet 1")?;
	let other = write("minutes.txt", "Minutes of the society's meeting")?;
	let letter = write("decision.txt", "Settlement notice")?;
	let ferdie = Signer::from_suri("//Ferdie")?.ss58();
	let digest = "ab".repeat(32);
	let unknown_work = format!("sha256:0x{digest}");

	// Refused before any connection: against an unreachable URL the complaint is about the input.
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
	let bind = ["policy", "bind", "--policy-no", "P-1", "--insured"];
	let term = ["--coverage-cny", "1000", "--days", "30"];
	bad(&[&bind[..], &[&ferdie, "--subject", "asset:x"], &term].concat(), "asset:ID")?;
	bad(&[&bind[..], &[&ferdie, "--subject", "md5:00"], &term].concat(), "subject `md5:00`")?;
	bad(&[&bind[..], &[&ferdie, "--subject", "asset:1", "--subject", "asset:1"], &term].concat(), "twice")?;
	bad(&[&bind[..], &["5Ferdie", "--subject", "asset:1"], &term].concat(), "not an SS58")?;
	bad(
		&[&bind[..], &[&ferdie, "--subject", "asset:1", "--coverage-cny", "0", "--days", "30"]].concat(),
		"coverage must be more than zero",
	)?;
	bad(
		&[&bind[..], &[&ferdie, "--subject", "asset:1", "--coverage-cny", "1", "--days", "0"]].concat(),
		"end after",
	)?;
	bad(
		&[&bind[..], &[&ferdie, "--subject", "asset:1", "--coverage-cny", "1", "--end", "2020-01-01"]]
			.concat(),
		"end after",
	)?;
	let long_number = "P".repeat(65);
	bad(
		&[
			&["policy", "bind", "--policy-no", &long_number, "--insured", &ferdie, "--subject", "asset:1"][..],
			&term,
		]
		.concat(),
		"at most 64",
	)?;
	bad(
		&["policy", "claim", "0", "--subject", "asset:1", "--evidence", "sha256:0x12", "--amount-cny", "1"],
		"64 hex",
	)?;
	bad(
		&["policy", "claim", "0", "--subject", "asset:1", "--evidence", &unknown_work, "--amount-cny", "0"],
		"more than zero",
	)?;
	bad(
		&["policy", "decide", "0", "--approve", "--reject", "--reason-digest", &digest],
		"cannot be used with",
	)?;
	bad(&["policy", "decide", "0", "--reason-digest", &digest], "--approve")?;
	bad(&["evidence", "link-infringement", &unknown_work, "--subject", "nothing"], "subject `nothing`")?;
	bad(&["holder", "register", &ferdie, "--uscc", "91350100M000100Y44"], "wrong check character")?;

	let mut node = TestNode::spawn_dev()?;
	let client = node.ready(STARTUP).await?;
	eprintln!("dev node ready after {:?}", started.elapsed());
	let url = node.url.clone();
	let run = |args: &[&str]| cli(&url, args);
	let as_ = |suri: &'static str, args: &[&str]| -> Result<CliRun> {
		cli(&url, &[args, &["--suri", suri]].concat())
	};

	// A workstation registers //Ferdie as a holder; not twice, and not by a non-workstation.
	as_("//Charlie", &["holder", "register", &ferdie, "--uscc", "91350100M000100Y43"])?
		.refused("register by an appraiser", "Roles.NotAWorkstation")?;
	as_("//Bob", &["holder", "register", &ferdie, "--uscc", "91350100M000100Y43"])?.ok("register")?;
	as_("//Bob", &["holder", "register", &ferdie, "--uscc", "51420100MJ1234567B"])?
		.refused("register twice", "Roles.AlreadyHasRole")?;

	// Qiaokou (//Bob) deposits Ferdie's work, an infringement capture and an unrelated document.
	let deposit = |file: &str, kind: &str| -> Result<String> {
		let out = as_(
			"//Bob",
			&["evidence", "deposit", file, "--kind", kind, "--on-behalf-of", &ferdie, "--json"],
		)?
		.ok("deposit")?
		.json()?;
		Ok(format!("sha256:{}", out[0]["receipt"]["digest"].as_str().context("digest")?))
	};
	let work = deposit(&work, "copyright")?;
	let capture = deposit(&capture, "infringement")?;
	let other = deposit(&other, "other")?;

	// Binding: only an insurer, only valid subjects, one number once.
	let bind_args = |number: &str, subject: &str| -> Vec<String> {
		[
			"policy",
			"bind",
			"--policy-no",
			number,
			"--insured",
			&ferdie,
			"--subject",
			subject,
			"--coverage-cny",
			"1000",
			"--premium-cny",
			"12.50",
			"--days",
			"30",
		]
		.map(String::from)
		.to_vec()
	};
	fn strs(args: &[String]) -> Vec<&str> {
		args.iter().map(String::as_str).collect()
	}
	as_("//Charlie", &strs(&bind_args("P-1", &work)))?
		.refused("bind by an appraiser", "Insurance.NotInsurer")?;
	as_("//Dave", &strs(&bind_args("P-1", "asset:99")))?
		.refused("bind an unknown asset", "Insurance.SubjectNotRegistered")?;
	as_("//Dave", &strs(&bind_args("P-1", &unknown_work)))?
		.refused("bind an undeposited work", "Insurance.SubjectNotDeposited")?;
	let bound =
		as_("//Dave", &[&strs(&bind_args("P-1", &work))[..], &["--json"]].concat())?.ok("bind")?.json()?;
	let policy = bound["policy"].as_u64().context("policy id")?.to_string();
	ensure!(bound["coverageFen"] == "100000" && bound["subjects"][0] == work.as_str(), "{bound}");
	as_("//Dave", &strs(&bind_args("P-1", &work)))?
		.refused("bind a number twice", "Insurance.DuplicatePolicyNo")?;

	// A claim needs evidence linked to the subject as infringement evidence.
	let claim = |suri: &'static str, amount: &str| {
		as_(
			suri,
			&[
				"policy",
				"claim",
				"P-1",
				"--subject",
				&work,
				"--evidence",
				&capture,
				"--amount-cny",
				amount,
				"--json",
			],
		)
	};
	claim("//Ferdie", "100")?.refused("claim before the link", "Insurance.NotInfringementEvidence")?;
	as_("//Charlie", &["evidence", "link-infringement", &capture, "--subject", &work])?
		.refused("link by a stranger", "Evidence.NotWorkstationOrRightHolder")?;
	as_("//Ferdie", &["evidence", "link-infringement", &other, "--subject", &work])?
		.refused("link a non-infringement deposit", "Evidence.NotInfringementEvidence")?;
	let linked =
		as_("//Ferdie", &["evidence", "link-infringement", &capture, "--subject", &work])?.ok("link")?;
	ensure!(linked.stdout.starts_with("linked infringement evidence"), "{}", linked.stdout);
	as_("//Bob", &["evidence", "link-infringement", &capture, "--subject", &work])?
		.refused("link twice", "Evidence.AlreadyLinked")?;

	// Only the insured claims, within the coverage.
	claim("//Bob", "100")?.refused("claim by another", "Insurance.NotInsured")?;
	claim("//Ferdie", "1000.01")?.refused("claim above coverage", "Insurance.ExceedsCoverage")?;
	let filed = claim("//Ferdie", "300")?.ok("claim")?.json()?;
	let first = filed["claim"].as_u64().context("claim id")?.to_string();
	ensure!(filed["amountCny"] == "300.00" && filed["policy"].as_u64() == policy.parse().ok(), "{filed}");

	// Only the policy's insurer decides and pays, each in its state.
	as_("//Charlie", &["policy", "decide", &first, "--approve", "--reason-file", &letter])?
		.refused("decide by another", "Insurance.NotPolicyInsurer")?;
	as_("//Dave", &["policy", "pay", &first])?.refused("pay before approval", "Insurance.WrongState")?;
	as_("//Dave", &["policy", "decide", &first, "--approve", "--reason-file", &letter])?.ok("approve")?;
	let paid = as_("//Dave", &["policy", "pay", &first, "--json"])?.ok("pay")?.json()?;
	ensure!(paid["paidFen"] == "30000", "{paid}");
	as_("//Dave", &["policy", "pay", &first])?.refused("pay twice", "Insurance.WrongState")?;
	let second =
		claim("//Ferdie", "50")?.ok("second claim")?.json()?["claim"].as_u64().context("id")?.to_string();
	as_("//Dave", &["policy", "decide", &second, "--reject", "--reason-digest", &digest])?.ok("reject")?;
	as_("//Dave", &["policy", "decide", &second, "--approve", "--reason-digest", &digest])?
		.refused("decide twice", "Insurance.WrongState")?;

	// What the registry shows: text, JSON, by id and by number; unknown policies exit 1.
	let shown = run(&["policy", "show", "P-1"])?.ok("show")?;
	for expected in [
		"policy 0 (P-1): in-force",
		"coverage      1,000.00 CNY",
		"premium       12.50 CNY",
		"paid          300.00 CNY (approved, to be paid 0.00 CNY; remaining 700.00 CNY)",
		"paid 300.00 CNY by",
		"rejected 50.00 CNY by",
	] {
		ensure!(shown.stdout.contains(expected), "`{expected}` missing from:\n{}", shown.stdout);
	}
	let json = run(&["policy", "show", &policy, "--json"])?.ok("show json")?.json()?;
	ensure!(
		json["policy"]["policyNo"] == "P-1" && json["claims"].as_array().map(Vec::len) == Some(2),
		"{json}"
	);
	ensure!(
		json["claims"][0]["decision"]["approved"] == true && json["claims"][0]["paidAt"].is_u64(),
		"{json}"
	);
	ensure!(
		json["claims"][1]["status"] == "rejected" && json["policy"]["insured"] == ferdie.as_str(),
		"{json}"
	);
	let missing = run(&["policy", "show", "99"])?;
	ensure!(missing.code == 1 && missing.stdout.contains("no policy 99"), "{}", missing.stdout);
	let missing = run(&["policy", "show", "no:2026"])?;
	ensure!(missing.code == 1 && missing.stdout.contains("no policy numbered `2026`"), "{}", missing.stdout);

	// The RPC itself: a number is a string, an id a JSON number; an empty number is a bad parameter.
	let by_number: Option<serde_json::Value> = client.call("ipr_getPolicy", rpc_params!["P-1"]).await?;
	ensure!(by_number.is_some_and(|v| v["policy"]["id"] == 0), "ipr_getPolicy by number");
	let by_id_as_text: Option<serde_json::Value> = client.call("ipr_getPolicy", rpc_params!["0"]).await?;
	ensure!(by_id_as_text.is_none(), "a string is a policy number, never an id");
	match client.call::<Option<serde_json::Value>>("ipr_getPolicy", rpc_params![" "]).await {
		Err(ClientError::Rpc { message, .. }) if message.contains("empty policy number") => {}
		other => anyhow::bail!("an empty policy number gave {other:?}"),
	}
	eprintln!("measure: insurance_cli took {:.1} s", started.elapsed().as_secs_f64());
	Ok(())
}
