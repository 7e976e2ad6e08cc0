//! The financing, batch and proof commands no other test ran to the end (issue 21), through the real
//! `iprchain` binary against a dev node: `valuation withdraw` and `show`, `pledge propose`,
//! `withdraw`, `release` and `enforce`, `evidence batch` and `verify-item`, `proof export` and
//! `proof trust`. Each success is read back from the chain (a valuation's withdrawal and the current
//! one, a pledge's state and history, the asset's holder, an anchor's submitter, a proof verified
//! offline against the trust file); each refusal must exit 1 (the CLI's "no"), give the chain's
//! reason, and change nothing. A second dev node, a chain of its own, keeps only 8 blocks of state:
//! its anchors are unknown to the first chain, and it has no genesis state left to answer `proof
//! trust` from.

use anyhow::{ensure, Context, Result};
use iprchain_client::{primitives::HashAlgo, rpc_params, runtime::Hash, Client, Signer};
use iprchain_tests::{
	cli, cli_approve_after_notice, without_read_point, CliRun, NodeConfig, TempDir, TestNode,
};
use serde_json::Value;
use std::time::{Duration, Instant};

const STARTUP: Duration = Duration::from_secs(180);
/// The whole test; a hung step fails it instead of hanging CI.
const DEADLINE: Duration = Duration::from_secs(600);

/// The CLI against one node.
struct Iprchain {
	url: String,
}

impl Iprchain {
	fn run(&self, suri: &str, args: &[&str]) -> Result<CliRun> {
		cli(&self.url, &[args, &["--suri", suri]].concat())
	}

	/// A command that must succeed; its JSON answer.
	fn ok(&self, suri: &str, args: &[&str]) -> Result<Value> {
		self.run(suri, &[args, &["--json"]].concat())?.ok(&format!("{args:?} as {suri}"))?.json()
	}

	/// A transaction that must succeed, in the text form a person reads: its first line.
	fn text(&self, suri: &str, args: &[&str]) -> Result<String> {
		let run = self.run(suri, args)?.ok(&format!("{args:?} as {suri}"))?;
		Ok(run.stdout.lines().next().unwrap_or_default().to_string())
	}

	/// A read (`asset show`, `valuation show`, `pledge show`) without the block it was read at.
	fn read(&self, args: &[&str]) -> Result<Value> {
		Ok(without_read_point(
			cli(&self.url, &[args, &["--json"]].concat())?.ok(&format!("{args:?}"))?.json()?,
		))
	}

	/// A transaction the chain must refuse with `error`, leaving each of `reads` as it was.
	fn refused(&self, suri: &str, args: &[&str], error: &str, reads: &[&[&str]]) -> Result<()> {
		let before = reads.iter().map(|read| self.read(read)).collect::<Result<Vec<_>>>()?;
		self.run(suri, args)?.refused_by_chain(&format!("{args:?} as {suri}"), error)?;
		for (read, before) in reads.iter().zip(before) {
			let after = self.read(read)?;
			ensure!(after == before, "{error}: the refused call changed {read:?}:\n{before}\n{after}");
		}
		Ok(())
	}
}

#[tokio::test(flavor = "multi_thread")]
async fn finance_batch_and_proof_commands_succeed_and_are_refused_by_the_chain() -> Result<()> {
	tokio::time::timeout(DEADLINE, walk()).await.context("the whole test's deadline passed")?
}

async fn walk() -> Result<()> {
	let started = Instant::now();
	let mut node = TestNode::spawn_dev()?;
	let mut config = NodeConfig::dev();
	config.name = "pruned".into();
	config.node_key = Some(iprchain_tests::test_node_key(101));
	config.extra_args.extend(["--state-pruning", "8", "--blocks-pruning", "8"].map(String::from));
	let mut pruned = TestNode::spawn(config)?;
	let client = node.ready(STARTUP).await?;
	let pruned_client = pruned.ready(STARTUP).await?;
	eprintln!("dev nodes ready after {:?}", started.elapsed());
	let ipr = Iprchain { url: node.url.clone() };
	let dir = TempDir::new("cli-coverage-finance");

	// //Bob applies; while the (10 s) notice runs, the batch and proof commands.
	let digests = ["44", "55", "66"].map(|byte| format!("0x{}", byte.repeat(32)));
	let applied = ipr.ok(
		"//Bob",
		&[
			"asset",
			"apply",
			"--name",
			"Wuhan logistics flows",
			"--category",
			"5411",
			"--source",
			"own-collection",
			"--scale",
			"800 GB",
			"--format",
			"Parquet",
			"--update-frequency",
			"weekly",
			"--structure-digest",
			&digests[0],
			"--sample-digest",
			&digests[1],
			"--rules-digest",
			&digests[2],
		],
	)?;
	let asset = applied["asset"].as_u64().context("asset id")?;
	let notice_until = applied["noticeUntil"].as_u64().context("noticeUntil")?;
	batches_and_proofs(&ipr, &client, &Iprchain { url: pruned.url.clone() }, &dir)?;
	cli_approve_after_notice(&ipr.url, asset, notice_until).await?;
	eprintln!("asset {asset} registered after {:?}", started.elapsed());

	valuations(&ipr, asset, &dir)?;
	pledges(&ipr, asset)?;

	// `proof trust` refused: the pruned node no longer has the genesis state the anchor is read from.
	// Waited for as a condition: the genesis state is gone once the node refuses to read it.
	let genesis = pruned_client.genesis_hash();
	let deadline = Instant::now() + Duration::from_secs(180);
	while genesis_state_readable(&pruned_client, genesis).await {
		ensure!(Instant::now() < deadline, "the pruned node still has the genesis state");
		tokio::time::sleep(Duration::from_secs(1)).await;
	}
	let trust = dir.join("pruned-trust.json");
	let refused = cli(&pruned.url, &["proof", "trust", "-o", trust.to_str().unwrap()])?;
	let refused = refused.refused("proof trust on a pruned node", "cannot read the genesis authority set")?;
	ensure!(refused.stderr.contains("genesis state pruned"), "{}", refused.stderr);
	ensure!(!trust.exists(), "a refused `proof trust` wrote {}", trust.display());
	eprintln!("finance, batch and proof commands done after {:?}", started.elapsed());
	Ok(())
}

async fn genesis_state_readable(client: &Client, genesis: Hash) -> bool {
	// `System` pallet prefix: the genesis block's state has it whenever it has any state.
	let key = "0x26aa394eea5630e07c48ae0c9558cef7";
	client.call::<Option<String>>("state_getStorage", rpc_params![key, genesis]).await.is_ok()
}

/// `evidence batch`, `evidence verify-item`, `proof export` and `proof trust`, on `ipr`'s node;
/// `other` is another chain (the pruned node) whose anchors `ipr`'s chain does not have.
fn batches_and_proofs(ipr: &Iprchain, client: &Client, other: &Iprchain, dir: &TempDir) -> Result<()> {
	let alice = Signer::from_suri("//Alice")?.ss58();
	let path = |name: &str| dir.join(name).to_str().expect("utf-8 path").to_string();
	let write_files = |sub: &str, texts: &[&str]| -> Result<Vec<String>> {
		std::fs::create_dir_all(dir.join(sub))?;
		texts
			.iter()
			.enumerate()
			.map(|(i, text)| {
				let file = path(&format!("{sub}/capture-{i}.html"));
				std::fs::write(&file, text)?;
				Ok(file)
			})
			.collect()
	};
	let captures = write_files(
		"captures",
		&["shop A sells unlicensed prints", "shop B copies the catalogue", "a mirror of the data set"],
	)?;

	// `evidence batch`: //Alice anchors three captures in one transaction, one proof file per item.
	let batch = ipr.ok("//Alice", &["evidence", "batch", &path("captures"), "--out", &path("items")])?;
	ensure!(batch["leafCount"] == 3, "{batch}");
	let items: Vec<String> = batch["proofFiles"]
		.as_array()
		.context("proofFiles")?
		.iter()
		.map(|file| file.as_str().map(String::from).context("a path"))
		.collect::<Result<_>>()?;
	ensure!(items.len() == 3 && items.iter().all(|item| std::path::Path::new(item).is_file()), "{batch}");

	// `evidence verify-item`: the chain holds the anchor, by //Alice in the batch's block, and the
	// original hashes to the item.
	let verify =
		|item: &str, file: &str| ipr.ok("//Alice", &["evidence", "verify-item", item, "--file", file]);
	let verified = verify(&items[1], &captures[1])?;
	let anchor = &verified["result"]["anchor"];
	ensure!(verified["verified"] == true && anchor["submitter"] == alice.as_str(), "{verified}");
	ensure!(anchor["leafCount"] == 3 && anchor["blockNumber"] == batch["blockNumber"], "{verified}");
	ensure!(anchor["root"] == batch["root"] && anchor["finalized"] == true, "{verified}");
	let text = ipr.text("//Alice", &["evidence", "verify-item", &items[0], "--file", &captures[0]])?;
	let expected = format!(
		"in batch {} (3 items) anchored in block #{}",
		batch["root"].as_str().unwrap_or("?"),
		batch["blockNumber"]
	);
	ensure!(
		text.starts_with("VERIFIED item ") && text.contains(&expected) && text.ends_with(&alice),
		"{text}"
	);

	// `evidence batch` refused: //Bob anchoring the same files finds the root anchored; nothing is
	// written and the anchor stays //Alice's.
	let again = path("items-again");
	ipr.run("//Bob", &["evidence", "batch", &path("captures"), "--out", &again])?
		.refused_by_chain("the same batch again", "Evidence.AlreadyAnchored")?;
	ensure!(!std::path::Path::new(&again).exists(), "a refused batch wrote {again}");
	let unchanged = verify(&items[1], &captures[1])?;
	ensure!(
		without_read_point(unchanged["result"]["anchor"].clone()) == without_read_point(anchor.clone()),
		"{unchanged}\n{verified}"
	);

	// `evidence verify-item`, the chain's "no": an item anchored on another chain only.
	let elsewhere = write_files("elsewhere", &["a capture anchored on the other chain only"])?;
	let other_batch =
		other.ok("//Alice", &["evidence", "batch", &path("elsewhere"), "--out", &path("other-items")])?;
	let other_item = other_batch["proofFiles"][0].as_str().context("proof file")?.to_string();
	let no = ipr.run("//Alice", &["evidence", "verify-item", &other_item, "--file", &elsewhere[0]])?;
	let root = other_batch["root"].as_str().context("root")?;
	ensure!(
		no.code == 1
			&& no.stdout.contains(&format!("NOT VERIFIED: root {root} is not anchored in finalized state")),
		"exit {}: {}{}",
		no.code,
		no.stdout,
		no.stderr
	);

	// `proof trust`: the node's genesis and its one validator, the anchor every check below uses.
	let trust = path("trust.json");
	let anchor = ipr.ok("//Alice", &["proof", "trust", "-o", &trust])?;
	ensure!(anchor["genesisHash"] == format!("{:?}", client.genesis_hash()), "{anchor}");
	ensure!(anchor["initialAuthorities"]["authorities"].as_array().map(Vec::len) == Some(1), "{anchor}");
	ensure!(serde_json::from_slice::<Value>(&std::fs::read(&trust)?)? == anchor, "trust file differs");

	// `proof export` of a deposited record and of a batch item; each verifies offline against it.
	let contract = path("contract.txt");
	std::fs::write(&contract, "Licence contract, Jianghan workstation, 2026")?;
	let deposited = ipr.ok("//Alice", &["evidence", "deposit", &contract, "--kind", "contract"])?;
	let receipt = &deposited[0]["receipt"];
	let digest = receipt["digest"].as_str().context("digest")?;
	let record_proof = path("record.proof.json");
	let exported = ipr.ok("//Alice", &["proof", "export", digest, "-o", &record_proof])?;
	let (proved_at, deposited_in) = (exported["block"].as_u64(), receipt["blockNumber"].as_u64());
	ensure!(
		exported["batchItem"] == false && proved_at >= deposited_in && deposited_in.is_some(),
		"{exported}"
	);
	let offline = |proof: &str, file: &str| -> Result<Value> {
		// No --url reaches a node: verification is offline.
		cli("ws://127.0.0.1:1", &["--json", "proof", "verify", proof, "--file", file, "--trust", &trust])?
			.ok("proof verify")?
			.json()
	};
	let report = offline(&record_proof, &contract)?;
	ensure!(
		report["verified"] == true && report["report"]["record"]["blockNumber"] == receipt["blockNumber"]
	);
	ensure!(report["report"]["record"]["title"] == "contract.txt", "{report}");
	let item_proof = path("item.proof.json");
	let exported = ipr.ok("//Alice", &["proof", "export", &items[2], "-o", &item_proof])?;
	ensure!(exported["batchItem"] == true, "{exported}");
	let report = offline(&item_proof, &captures[2])?;
	ensure!(report["verified"] == true && report["report"]["batchItem"]["leafIndex"] == 2, "{report}");

	// `proof export` refused by the chain's state: a digest nobody deposited, an item of a batch
	// this chain never anchored. No file is written.
	let never = format!("0x{}", hex::encode(HashAlgo::Sha256.digest(b"never deposited")));
	let missing = path("missing.proof.json");
	ipr.run("//Alice", &["proof", "export", &never, "-o", &missing])?
		.refused("export of an undeposited digest", "is not deposited in finalized state")?;
	ipr.run("//Alice", &["proof", "export", &other_item, "-o", &missing])?.refused(
		"export of another chain's item",
		&format!("no batch with sha256 root {root} is anchored"),
	)?;
	ensure!(!std::path::Path::new(&missing).exists(), "a refused export wrote {missing}");
	Ok(())
}

/// `valuation show` and `valuation withdraw` (and `submit`, which the rest needs).
fn valuations(ipr: &Iprchain, asset: u64, dir: &TempDir) -> Result<()> {
	let charlie = Signer::from_suri("//Charlie")?.ss58();
	let id = asset.to_string();
	let reason = dir.join("withdrawal.txt");
	std::fs::write(&reason, "The appraisal used last year's tariffs.")?;
	let reason = reason.to_str().context("utf-8 path")?;
	let submit = |report: &str| {
		ipr.ok(
			"//Charlie",
			&[
				"valuation",
				"submit",
				id.as_str(),
				"--value-cny",
				"18500000",
				"--method",
				"income",
				"--report-digest",
				report,
				"--days",
				"180",
			],
		)
	};
	let first = submit(&format!("0x{}", "77".repeat(32)))?;
	let index = first["index"].as_u64().context("index")?;
	let show = ["valuation", "show", id.as_str()];

	// `valuation show`: the one valuation, current, as submitted.
	let shown = ipr.read(&show)?;
	ensure!(shown["current"] == index && shown["valuations"].as_array().map(Vec::len) == Some(1), "{shown}");
	let valuation = &shown["valuations"][0];
	ensure!(valuation["appraiser"] == charlie.as_str() && valuation["valueCny"] == "18500000.00");
	ensure!(valuation["inForce"] == true && valuation["withdrawnAt"].is_null(), "{shown}");
	// The chain's "no": no such asset (exit 1).
	let unknown = cli(&ipr.url, &["valuation", "show", "999999"])?;
	ensure!(unknown.code == 1 && unknown.stdout.contains("no asset 999999"), "{}", unknown.stdout);

	// `valuation withdraw`: not by //Bob, whose valuation it is not; by //Charlie, with the reason's
	// digest; not twice.
	let index_text = index.to_string();
	let withdraw = ["valuation", "withdraw", id.as_str(), index_text.as_str(), "--reason-file", reason];
	let lending = ["asset", "show", id.as_str()];
	ipr.refused("//Bob", &withdraw, "Valuation.NotYourValuation", &[&show, &lending])?;
	let withdrawn = ipr.ok("//Charlie", &withdraw)?;
	let reason_digest = format!("0x{}", hex::encode(HashAlgo::Sha256.digest(&std::fs::read(reason)?)));
	ensure!(
		withdrawn["index"] == index && withdrawn["reasonDigest"] == reason_digest.as_str(),
		"{withdrawn}"
	);
	let shown = ipr.read(&show)?;
	ensure!(
		shown["current"].is_null() && shown["valuations"][0]["withdrawalReason"] == reason_digest.as_str()
	);
	ensure!(shown["valuations"][0]["withdrawnAt"].is_u64(), "{shown}");
	let status = ipr.read(&lending)?;
	ensure!(status["lending"]["reasons"] == serde_json::json!(["no current valuation"]), "{status}");
	ipr.refused("//Charlie", &withdraw, "Valuation.AlreadyWithdrawn", &[&show])?;

	// A new valuation is current, for the pledges.
	let second = submit(&format!("0x{}", "88".repeat(32)))?;
	ensure!(ipr.read(&show)?["current"] == second["index"], "second valuation not current");
	Ok(())
}

/// `pledge propose`, `withdraw`, `release` and `enforce` (and `accept`, which the rest needs).
fn pledges(ipr: &Iprchain, asset: u64) -> Result<()> {
	let [bob, charlie, dave, eve] =
		["//Bob", "//Charlie", "//Dave", "//Eve"].map(|suri| Signer::from_suri(suri).unwrap().ss58());
	let id = asset.to_string();
	let status = ["asset", "show", id.as_str()];
	let pledge_of = |answer: &Value| answer["pledge"].as_u64().context("pledge id");

	// `pledge propose` to //Dave's bank: proposed, by //Bob, for 10 M CNY.
	let first = pledge_of(&ipr.ok("//Bob", &propose(&id, &dave))?)?;
	let first_text = first.to_string();
	let show_first = ["pledge", "show", first_text.as_str()];
	let shown = ipr.read(&show_first)?;
	let view = &shown["pledge"];
	ensure!(
		view["state"] == "proposed" && view["pledgor"] == bob.as_str() && view["pledgee"] == dave.as_str()
	);
	ensure!(view["securedCny"] == "10000000.00" && view["asset"] == asset, "{shown}");

	// `pledge withdraw`: not by the bank; by the proposer, after which the proposal is withdrawn.
	let withdraw = ["pledge", "withdraw", first_text.as_str()];
	ipr.refused("//Dave", &withdraw, "Pledge.NotPledgor", &[&show_first, &status])?;
	let withdrawn = ipr.text("//Bob", &withdraw)?;
	ensure!(withdrawn == format!("withdrew the proposal of pledge {first} (asset {asset})"), "{withdrawn}");
	let shown = ipr.read(&show_first)?;
	ensure!(shown["pledge"]["state"] == "withdrawn", "{shown}");
	ensure!(actions(&shown["history"]) == ["proposed", "proposal-withdrawn"], "{shown}");

	// `pledge propose` refused: //Charlie is no bank. It takes no pledge id: the next proposal gets
	// the one after the first.
	ipr.run("//Bob", &propose(&id, &charlie))?.refused_by_chain("pledge to a non-bank", "Pledge.NotABank")?;
	let next = (first + 1).to_string();
	let none = cli(&ipr.url, &["pledge", "show", &next])?;
	ensure!(none.code == 1 && none.stdout.contains(&format!("no pledge {next}")), "{}", none.stdout);
	let second = pledge_of(&ipr.ok("//Bob", &propose(&id, &dave))?)?;
	ensure!(second == first + 1, "the refused proposal used an id: {second}");
	ipr.ok("//Dave", &["pledge", "accept", &next])?;
	let show_second = ["pledge", "show", next.as_str()];
	ensure!(ipr.read(&show_second)?["pledge"]["state"] == "active");

	// `pledge release`: not by the pledgor; by the bank, after which the asset is lendable again.
	let release = ["pledge", "release", next.as_str()];
	ipr.refused("//Bob", &release, "Pledge.NotPledgee", &[&show_second, &status])?;
	let released = ipr.text("//Dave", &release)?;
	ensure!(released == format!("released pledge {next}: asset {asset} is no longer pledged"), "{released}");
	let shown = ipr.read(&show_second)?;
	ensure!(shown["pledge"]["state"] == "released", "{shown}");
	ensure!(actions(&shown["history"]) == ["proposed", "accepted", "released"], "{shown}");
	let state = ipr.read(&status)?;
	ensure!(state["pledge"].is_null() && state["lending"]["lendable"] == true, "{state}");

	// `pledge enforce`: the bank cannot take the asset itself (it holds no holder role); it sells it
	// to //Eve, who then holds it, and the registry's history says the bank did it.
	let third = pledge_of(&ipr.ok("//Bob", &propose(&id, &dave))?)?.to_string();
	ipr.ok("//Dave", &["pledge", "accept", &third])?;
	let show_third = ["pledge", "show", third.as_str()];
	ipr.refused("//Dave", &["pledge", "enforce", &third], "Pledge.BankNotHolder", &[&show_third, &status])?;
	let enforced = ipr.ok("//Dave", &["pledge", "enforce", &third, "--buyer", &eve])?;
	ensure!(enforced["to"] == eve.as_str() && enforced["asset"] == asset, "{enforced}");
	let shown = ipr.read(&show_third)?;
	ensure!(shown["pledge"]["state"] == "enforced" && shown["pledge"]["enforcedTo"] == eve.as_str());
	ensure!(actions(&shown["history"]) == ["proposed", "accepted", "enforced"], "{shown}");
	ensure!(ipr.read(&status)?["holder"] == eve.as_str(), "the buyer does not hold the asset");
	let history = cli(&ipr.url, &["asset", "history", &id, "--json"])?.ok("asset history")?.json()?;
	let last = history.as_array().and_then(|entries| entries.last()).context("history")?;
	ensure!(last["action"] == "enforced" && last["actor"] == dave.as_str(), "{last}");
	Ok(())
}

fn actions(history: &Value) -> Vec<&str> {
	history
		.as_array()
		.map(|entries| entries.iter().filter_map(|e| e["action"].as_str()).collect())
		.unwrap_or_default()
}

/// `pledge propose` of `asset` to `bank` for 10 M CNY, maturing in a year.
fn propose<'a>(asset: &'a str, bank: &'a str) -> [&'a str; 9] {
	["pledge", "propose", asset, "--bank", bank, "--amount-cny", "10000000", "--days", "365"]
}
