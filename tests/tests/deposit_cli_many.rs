//! `iprchain evidence deposit` finishes a big job (issue 14): 2,000 files are all finalized; the same
//! command again reports every file as already deposited and exits 0; a run killed half-way and
//! started again completes with no duplicate-deposit error.

use anyhow::{ensure, Context, Result};
use iprchain_client::{primitives::HashAlgo, Signer};
use iprchain_tests::{binary, cli, TempDir, TestNode};
use std::{
	path::PathBuf,
	process::{Command, Stdio},
	time::{Duration, Instant},
};

const STARTUP: Duration = Duration::from_secs(180);
const FILES: usize = 2_000;

fn write_files(dir: &TempDir, prefix: &str, count: usize) -> Result<Vec<String>> {
	let mut paths = Vec::with_capacity(count);
	for i in 0..count {
		let path: PathBuf = dir.join(&format!("{prefix}-{i:05}.txt"));
		std::fs::write(&path, format!("{prefix} capture number {i}\n"))?;
		paths.push(path.to_str().context("utf-8 path")?.to_string());
	}
	Ok(paths)
}

fn deposit_args(paths: &[String]) -> Vec<&str> {
	let mut args = vec!["evidence", "deposit", "--suri", "//Charlie"];
	args.extend(paths.iter().map(String::as_str));
	args
}

/// Lines of the text report starting with `prefix`.
fn count_lines(stdout: &str, prefix: &str) -> usize {
	stdout.lines().filter(|line| line.starts_with(prefix)).count()
}

#[tokio::test(flavor = "multi_thread")]
async fn two_thousand_files_resume_and_rerun() -> Result<()> {
	let started = Instant::now();
	let mut node = TestNode::spawn_dev()?;
	let client = node.ready(STARTUP).await?;
	let url = node.url.clone();
	let dir = TempDir::new("deposit-many");

	// All 2,000 finalized, each reported once.
	let paths = write_files(&dir, "first", FILES)?;
	let run = Instant::now();
	let first = cli(&url, &deposit_args(&paths))?.ok("deposit of 2,000 files")?;
	let seconds = run.elapsed().as_secs_f64();
	eprintln!("measure: {FILES} files deposited in {seconds:.1} s ({:.0} files/s)", FILES as f64 / seconds);
	ensure!(count_lines(&first.stdout, "deposited ") == FILES, "{}", first.stderr);
	ensure!(!first.stderr.contains("error:"), "{}", first.stderr);
	let charlie = Signer::from_suri("//Charlie")?.ss58();
	let finalized = client.finalized_head().await?;
	for path in paths.iter().step_by(97) {
		let digest = iprchain_client::files::hash_file(HashAlgo::Sha256, path.as_ref())?;
		let record = client.evidence(HashAlgo::Sha256, &digest, Some(finalized)).await?;
		ensure!(record.context("record on chain")?.submitter == charlie, "{path}");
	}

	// Again: nothing new, every file "already deposited", exit 0.
	let again = cli(&url, &deposit_args(&paths))?.ok("the same deposit again")?;
	ensure!(count_lines(&again.stdout, "already deposited ") == FILES, "{}{}", again.stdout, again.stderr);
	ensure!(
		again.stderr.contains(&format!("0 deposited now, {FILES} already deposited")),
		"{}",
		again.stderr
	);

	// Killed half-way, then run again: completes, no duplicate-deposit error, each file once.
	let second = write_files(&dir, "second", FILES)?;
	let nonce_before = client.account_nonce(&Signer::from_suri("//Charlie")?.account()).await?;
	let mut child = Command::new(binary("iprchain")?)
		.args(deposit_args(&second))
		.args(["--url", &url])
		.stdout(Stdio::null())
		.stderr(Stdio::null())
		.spawn()?;
	let deadline = Instant::now() + Duration::from_secs(300);
	loop {
		let nonce = client.account_nonce(&Signer::from_suri("//Charlie")?.account()).await?;
		if nonce >= nonce_before + (FILES / 3) as u32 {
			break;
		}
		ensure!(child.try_wait()?.is_none(), "the deposit finished before it could be interrupted");
		ensure!(Instant::now() < deadline, "no progress to interrupt");
		tokio::time::sleep(Duration::from_millis(200)).await;
	}
	child.kill()?;
	child.wait()?;
	let resumed = cli(&url, &deposit_args(&second))?.ok("the interrupted deposit run again")?;
	let (now, before) =
		(count_lines(&resumed.stdout, "deposited "), count_lines(&resumed.stdout, "already deposited "));
	ensure!(now + before == FILES, "{}{}", resumed.stdout, resumed.stderr);
	ensure!(before >= FILES / 3, "the files deposited before the kill count as done: {before}");
	ensure!(!resumed.stderr.contains("AlreadyDeposited"), "{}", resumed.stderr);
	let finalized = client.finalized_head().await?;
	for path in second.iter().step_by(97) {
		let digest = iprchain_client::files::hash_file(HashAlgo::Sha256, path.as_ref())?;
		let record = client.evidence(HashAlgo::Sha256, &digest, Some(finalized)).await?;
		ensure!(record.context("resumed record on chain")?.submitter == charlie, "{path}");
	}
	eprintln!(
		"measure: resumed after a kill: {before} already deposited, {now} deposited now; whole test {:.1} s",
		started.elapsed().as_secs_f64()
	);
	Ok(())
}
