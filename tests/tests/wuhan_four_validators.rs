//! The four Wuhan validators replicate every record, keep finalizing with one of them crashed, and the
//! crashed node catches up when it returns.

use anyhow::Result;
use iprchain_client::{primitives::HashAlgo, Client, Signer};
use iprchain_tests::{
	chain::{finalized_number, wait_finalized_at_least},
	text_deposit, TestNetwork, WUHAN_VALIDATORS,
};
use std::time::{Duration, Instant};

const STARTUP: Duration = Duration::from_secs(240);

async fn deposit(
	client: &Client,
	signer: &Signer,
	text: &str,
) -> Result<([u8; 32], iprchain_client::Finalized)> {
	let request = text_deposit(text);
	Ok((request.digest, client.submit(signer, request.call()).await?))
}

#[tokio::test(flavor = "multi_thread")]
async fn four_validators_replicate_and_survive_a_crash() -> Result<()> {
	let started = Instant::now();
	let mut network = TestNetwork::spawn("local", &WUHAN_VALIDATORS)?;
	let clients = network.ready(STARTUP).await?;
	eprintln!("measure: 4-node network finalizing after {:.1} s", started.elapsed().as_secs_f64());
	let (donghu, bureau) = (&clients[0], &clients[3]);
	let alice = Signer::from_suri("//Alice")?;

	// A deposit submitted to Donghu is read back from Bureau, in the same block.
	let (digest, finalized) = deposit(donghu, &alice, "deposited at Donghu").await?;
	wait_finalized_at_least(bureau, finalized.block_number, Duration::from_secs(30)).await?;
	let at_bureau = bureau.evidence(HashAlgo::Sha256, &digest, Some(bureau.finalized_head().await?)).await?;
	let at_bureau = at_bureau.expect("Bureau has the record");
	assert_eq!(at_bureau.block_hash, Some(format!("{:?}", finalized.block_hash)));
	assert!(at_bureau.finalized);

	// Crash Jianghan; deposits keep being finalized by the other three (threshold 3 of 4).
	let mut deposits = vec![digest];
	let (before_crash, _) = deposit(donghu, &alice, "finalized before the crash").await?;
	deposits.push(before_crash);
	network.nodes[2].kill9();
	let crashed_at = finalized_number(donghu).await?;
	let mut last_block = 0;
	for i in 0..3 {
		let (digest, finalized) =
			deposit(donghu, &alice, &format!("deposited during the outage #{i}")).await?;
		deposits.push(digest);
		last_block = finalized.block_number;
	}
	let during = finalized_number(donghu).await?;
	assert!(during > crashed_at, "finality continued: #{crashed_at} → #{during}");

	// Every finalized deposit is on Bureau too, once Bureau has the justification of the last one's
	// block (finality reaches each node a moment apart).
	wait_finalized_at_least(bureau, last_block, Duration::from_secs(30)).await?;
	let bureau_final = bureau.finalized_head().await?;
	for digest in &deposits {
		assert!(bureau.evidence(HashAlgo::Sha256, digest, Some(bureau_final)).await?.is_some());
	}

	// Jianghan returns and catches up from its own database.
	let target = finalized_number(donghu).await?;
	let restarted = Instant::now();
	network.nodes[2].start()?;
	let jianghan = network.nodes[2].ready(STARTUP).await?;
	let catch_up =
		restarted.elapsed() + wait_finalized_at_least(&jianghan, target, Duration::from_secs(120)).await?;
	eprintln!("measure: restarted validator caught up to #{target} in {:.1} s", catch_up.as_secs_f64());
	let jianghan_final = jianghan.finalized_head().await?;
	for digest in &deposits {
		assert!(jianghan.evidence(HashAlgo::Sha256, digest, Some(jianghan_final)).await?.is_some());
	}
	// And it takes part in finality again: the chain keeps finalizing with all four.
	let now = finalized_number(donghu).await?;
	wait_finalized_at_least(&jianghan, now + 3, Duration::from_secs(60)).await?;
	Ok(())
}
