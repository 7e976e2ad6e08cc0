//! The demonstration's Wuhan scenario (scripts/scenario.sh, which scripts/demo.sh runs) on a four-node
//! network of its own: every step must succeed through the CLI, and afterwards each node, not only
//! the one a step talked to, must hold what the scenario claims: the paid claim citing the captured
//! infringement evidence, the active pledge, the valuation; and the court's proof file must verify offline.

use anyhow::{ensure, Context, Result};
use iprchain_client::{
	asset::{self, AssetQuery},
	insurance::{self, PolicyQuery},
	primitives::{parse_digest_hex, rpc::to_hex, HashAlgo},
};
use iprchain_tests::{bin_dir, chain::wait_finalized_at_least, TempDir, TestNetwork, WUHAN_VALIDATORS};
use std::{
	path::Path,
	process::{Command, Stdio},
	time::{Duration, Instant},
};

const STARTUP: Duration = Duration::from_secs(240);
/// The scenario takes about two minutes on two cores; each CLI call also has its own finality timeout.
const SCENARIO_LIMIT: Duration = Duration::from_secs(900);

/// The value of `name` in the summary table the scenario prints last.
fn summary_value<'a>(stdout: &'a str, name: &str) -> Result<&'a str> {
	stdout
		.lines()
		.rev()
		.find_map(|line| line.trim_start().strip_prefix(name).map(str::trim))
		.with_context(|| format!("no `{name}` row in the summary:\n{stdout}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn the_wuhan_scenario_runs_to_the_end_on_four_nodes() -> Result<()> {
	let started = Instant::now();
	let mut network = TestNetwork::spawn("local", &WUHAN_VALIDATORS)?;
	let clients = network.ready(STARTUP).await?;
	let urls: Vec<String> = network.nodes.iter().map(|node| node.url.clone()).collect();
	let work = TempDir::new("wuhan-scenario");

	let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts/scenario.sh");
	let mut child = Command::new(&script)
		.args(&urls)
		.arg(work.join("scenario"))
		.env("IPRCHAIN_BIN_DIR", bin_dir())
		.stdout(Stdio::piped())
		.stderr(Stdio::piped())
		.spawn()
		.with_context(|| format!("starting {}", script.display()))?;
	let deadline = Instant::now() + SCENARIO_LIMIT;
	while child.try_wait()?.is_none() {
		if Instant::now() > deadline {
			child.kill()?;
			anyhow::bail!("the scenario did not finish within {SCENARIO_LIMIT:?}");
		}
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
	let output = child.wait_with_output()?;
	let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
	let stderr = String::from_utf8_lossy(&output.stderr);
	ensure!(output.status.success(), "the scenario failed ({}):\n{stdout}\n{stderr}", output.status);
	eprintln!("measure: scenario ran in {:.1} s\n{stdout}", started.elapsed().as_secs_f64());

	// Eighteen numbered steps, each one line.
	let steps =
		stdout.lines().filter(|line| line.get(..4).is_some_and(|p| p.trim_end().ends_with('.'))).count();
	ensure!(steps == 18, "expected 18 steps, saw {steps}:\n{stdout}");
	ensure!(stdout.contains("LENDABLE") && stdout.contains("NOT LENDABLE — already pledged"), "{stdout}");
	ensure!(stdout.contains("the original artwork against the chain spec: VERIFIED"), "{stdout}");

	// What the summary claims, read back from every node.
	let certificate = summary_value(&stdout, "data-IP certificate")?
		.split_whitespace()
		.next()
		.context("certificate number")?
		.to_string();
	let policy_no =
		summary_value(&stdout, "insurance policy")?.split_whitespace().next().unwrap().to_string();
	let artwork = summary_value(&stdout, "trademark artwork deposit")?
		.split(',')
		.next()
		.and_then(|text| text.strip_prefix("sha256:"))
		.context("artwork digest")?
		.to_string();
	let artwork = parse_digest_hex(&artwork).map_err(|why| anyhow::anyhow!("{why}"))?;
	let best = clients[3].block_number(clients[3].finalized_head().await?).await?;
	for (client, (name, _)) in clients.iter().zip(WUHAN_VALIDATORS) {
		wait_finalized_at_least(client, best, Duration::from_secs(60)).await?;
		let at = Some(client.finalized_head().await?);
		let status = asset::status(client, &AssetQuery::parse(&certificate)?, at)
			.await?
			.with_context(|| format!("{name}: no asset with certificate {certificate}"))?;
		ensure!(status.status == "registered", "{name}: {}", status.status);
		let pledge = status.pledge.as_ref().with_context(|| format!("{name}: no active pledge"))?;
		ensure!(pledge.secured_fen == "1000000000" && pledge.state == "active", "{name}: {pledge:?}");
		ensure!(!status.lending.lendable, "{name}: a pledged asset must not be lendable");
		let valuation = status.valuation.as_ref().with_context(|| format!("{name}: no valuation"))?;
		ensure!(valuation.value_fen == "1850000000", "{name}: {valuation:?}");

		let policy = insurance::policy(client, &PolicyQuery::Number(policy_no.clone()), at)
			.await?
			.with_context(|| format!("{name}: no policy {policy_no}"))?;
		ensure!(policy.policy.subjects.len() == 2, "{name}: {:?}", policy.policy.subjects);
		ensure!(policy.claims.len() == 1 && policy.claims[0].status == "paid", "{name}: {:?}", policy.claims);
		ensure!(policy.policy.paid_fen == "30000000", "{name}: paid {}", policy.policy.paid_fen);
		ensure!(policy.policy.remaining_fen == "470000000", "{name}: {}", policy.policy.remaining_fen);
		// The paid claim cites the captured infringing copy, deposited for the insured as infringement
		// evidence, and names the artwork as the infringed subject.
		let claim = &policy.claims[0];
		let claim_artwork = claim.subject.evidence.as_ref().map(|e| e.digest.clone());
		ensure!(claim_artwork == Some(to_hex(&artwork)), "{name}: claim subject {:?}", claim.subject);
		let capture = parse_digest_hex(&claim.evidence.digest).map_err(|why| anyhow::anyhow!("{why}"))?;
		let capture = client
			.evidence(HashAlgo::Sha256, &capture, at)
			.await?
			.with_context(|| format!("{name}: the claim's evidence is not deposited"))?;
		ensure!(capture.kind == "infringement", "{name}: claim evidence {capture:?}");
		ensure!(capture.owner == policy.policy.insured, "{name}: the capture's owner is not the insured");

		let record = client
			.evidence(HashAlgo::Sha256, &artwork, at)
			.await?
			.with_context(|| format!("{name}: artwork not deposited"))?;
		ensure!(record.kind == "trademark" && record.finalized, "{name}: {record:?}");
		ensure!(record.owner == policy.policy.insured, "{name}: the artwork's owner is not the insured");
	}
	ensure!(work.join("scenario/artwork-proof.json").exists(), "no proof file written");
	Ok(())
}
