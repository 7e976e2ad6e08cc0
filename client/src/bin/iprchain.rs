//! `iprchain`: the command-line client of the iprchain IP registry.

use clap::{Args, Parser, Subcommand, ValueEnum};
use iprchain_client::primitives::rpc::to_hex;
use iprchain_client::{
	evidence::{self, DepositRequest},
	files,
	primitives::{parse_digest_hex, EvidenceKind, HashAlgo},
	signer::{parse_account, Signer},
	submit::SubmitOptions,
	Client, ClientError,
};
use std::{path::PathBuf, process::ExitCode, time::Duration};

// Under `iprchain/` rather than next to this file, where Cargo would take it for a binary of its own.
#[path = "iprchain/cli_asset.rs"]
mod cli_asset;
#[path = "iprchain/cli_finance.rs"]
mod cli_finance;
#[path = "iprchain/cli_insurance.rs"]
mod cli_insurance;
#[path = "iprchain/cli_proof.rs"]
mod cli_proof;

#[derive(Parser)]
#[command(name = "iprchain", version, about = "Client of the iprchain IP and data-asset registry")]
struct Cli {
	#[command(flatten)]
	global: Global,
	#[command(subcommand)]
	command: Command,
}

#[derive(Args)]
#[command(next_help_heading = "Global options")]
struct Global {
	/// Node to talk to.
	#[arg(long, global = true, env = "IPRCHAIN_URL", default_value = "ws://127.0.0.1:9944")]
	url: String,
	/// Signing key: a secret URI such as //Alice, or a file containing one.
	#[arg(long, global = true, env = "IPRCHAIN_SURI", default_value = "//Alice")]
	suri: String,
	/// Print machine-readable JSON instead of text.
	#[arg(long, global = true)]
	json: bool,
	/// Seconds to wait for a transaction to be finalized.
	#[arg(long, global = true, default_value_t = 90)]
	finality_timeout: u64,
}

#[derive(Subcommand)]
enum Command {
	/// Evidence deposits (存证), lookups and verification (验真).
	#[command(subcommand)]
	Evidence(EvidenceCommand),
	/// Right holders (权利人): a workstation registers an organisation after checking its papers.
	#[command(subcommand)]
	Holder(HolderCommand),
	/// Data-IP registration (数据知识产权登记): apply, approve, change, transfer, license, renew, …,
	/// and reading assets, certificates and histories.
	#[command(subcommand)]
	Asset(cli_asset::AssetCommand),
	/// Court preservation orders (保全) on data assets.
	#[command(subcommand)]
	Court(cli_asset::CourtCommand),
	/// Valuations (价值评估) of registered assets: submit, withdraw, show.
	#[command(subcommand)]
	Valuation(cli_finance::ValuationCommand),
	/// Pledge financing (质押融资): propose, accept, withdraw, release, enforce, show.
	#[command(subcommand)]
	Pledge(cli_finance::PledgeCommand),
	/// The bank's check before lending against an asset.
	#[command(subcommand)]
	Bank(cli_finance::BankCommand),
	/// Infringement-loss insurance (知识产权侵权损失险): bind, claim, decide, pay, show.
	#[command(subcommand)]
	Policy(cli_insurance::PolicyCommand),
	/// Court proof files: export one from a node, verify one offline.
	#[command(subcommand)]
	Proof(cli_proof::ProofCommand),
}

#[derive(Subcommand)]
enum HolderCommand {
	/// Register an account as a right holder (a workstation). The chain keeps the SHA-256 digest of the
	/// organisation's unified social credit code (统一社会信用代码), never the code, so one organisation
	/// cannot be registered under two accounts.
	Register {
		/// The holder's account, SS58 (`iprchain-node key inspect SURI` prints it).
		account: String,
		/// The 18-character unified social credit code; its check character is verified here.
		#[arg(long)]
		uscc: String,
	},
}

#[derive(Clone, Copy, ValueEnum)]
enum Algo {
	Sha256,
	Sm3,
}

impl From<Algo> for HashAlgo {
	fn from(algo: Algo) -> Self {
		match algo {
			Algo::Sha256 => HashAlgo::Sha256,
			Algo::Sm3 => HashAlgo::Sm3,
		}
	}
}

#[derive(Subcommand)]
enum EvidenceCommand {
	/// Hash files locally and deposit their digests; waits until each is finalized. Resumable: files
	/// this account already deposited are reported as such and count as done. Exit 0 only when every
	/// file is on chain.
	Deposit {
		/// Files or directories (walked recursively, in name order) to deposit.
		#[arg(required = true)]
		files: Vec<PathBuf>,
		/// Digest algorithm.
		#[arg(long, value_enum, default_value = "sha256")]
		algo: Algo,
		/// What the files are evidence of: copyright, trademark, patent, trade-secret, data, contract,
		/// infringement, other.
		#[arg(long, default_value = "other", value_parser = parse_kind)]
		kind: EvidenceKind,
		/// Title (default: the file name). At most 128 bytes.
		#[arg(long)]
		title: Option<String>,
		/// Deposit for this right holder (SS58); the signer must be a workstation.
		#[arg(long)]
		on_behalf_of: Option<String>,
		/// Most transactions waiting in the pool at once.
		#[arg(long, default_value_t = 768, value_parser = clap::value_parser!(u16).range(1..=1000))]
		in_flight: u16,
	},
	/// Show the record of a deposited digest.
	Show {
		/// The digest, 64 hex digits.
		digest: String,
		/// Digest algorithm.
		#[arg(long, value_enum, default_value = "sha256")]
		algo: Algo,
	},
	/// Check a file: exit 0 only if its digest is deposited in finalized state.
	Verify {
		/// The file to check.
		file: PathBuf,
		/// Digest algorithm.
		#[arg(long, value_enum, default_value = "sha256")]
		algo: Algo,
	},
	/// Anchor many files with one transaction; writes one proof file per item.
	Batch {
		/// Files or directories (walked recursively, in name order).
		#[arg(required = true)]
		inputs: Vec<PathBuf>,
		/// Directory for the per-item proof files.
		#[arg(long)]
		out: PathBuf,
		/// Digest algorithm.
		#[arg(long, value_enum, default_value = "sha256")]
		algo: Algo,
	},
	/// Link deposited infringement evidence (kind infringement) to the asset or deposited work it
	/// infringes, so insurance claims may cite it (a workstation, or the subject's right holder).
	LinkInfringement {
		/// The infringement evidence, ALGO:HEX (e.g. sha256:0x…).
		evidence: String,
		/// What it infringes: asset:ID for a registered asset, or ALGO:HEX for a deposited work.
		#[arg(long)]
		subject: String,
	},
	/// Check a batch item's proof file (and the original file, if given) against the chain.
	VerifyItem {
		/// A proof file written by `evidence batch`.
		proof: PathBuf,
		/// The original file, to check it hashes to the item.
		#[arg(long)]
		file: Option<PathBuf>,
	},
}

fn parse_kind(text: &str) -> Result<EvidenceKind, String> {
	EvidenceKind::from_name(text).ok_or_else(|| {
		let names: Vec<_> = EvidenceKind::ALL.iter().map(|k| k.name()).collect();
		format!("unknown kind `{text}`; one of: {}", names.join(", "))
	})
}

/// What a command decided: success, a "no" that is not an error (exit 1 with an explanation), or no
/// answer for want of something only the user can give (exit 2, saying what to give).
enum Outcome {
	Done,
	No,
	Unanswered,
}

#[tokio::main]
async fn main() -> ExitCode {
	let cli = Cli::parse();
	match run(cli).await {
		Ok(Outcome::Done) => ExitCode::SUCCESS,
		Ok(Outcome::No) => ExitCode::from(1),
		Ok(Outcome::Unanswered) => ExitCode::from(2),
		Err(error) => {
			// A pallet error comes with its documentation: `DataIp.Frozen — A court has frozen the asset.`
			eprintln!("error: {}", iprchain_client::asset::explain(&error));
			ExitCode::from(1)
		}
	}
}

async fn connect(global: &Global) -> Result<Client, ClientError> {
	Ok(Client::connect(&global.url)
		.await?
		.with_finality_timeout(Duration::from_secs(global.finality_timeout)))
}

fn progress_bar(len: usize, what: &str) -> indicatif::ProgressBar {
	if len < 2 {
		return indicatif::ProgressBar::hidden();
	}
	let bar = indicatif::ProgressBar::new(len as u64);
	bar.set_style(
		indicatif::ProgressStyle::with_template(
			"{spinner} {msg} [{bar:30}] {pos}/{len} {per_sec} ETA {eta} ({elapsed})",
		)
		.expect("valid template")
		.progress_chars("=> "),
	);
	bar.set_message(what.to_string());
	bar
}

fn print_json(value: &impl serde::Serialize) {
	println!("{}", serde_json::to_string_pretty(value).expect("serializable"));
}

async fn run(cli: Cli) -> Result<Outcome, ClientError> {
	let global = &cli.global;
	match cli.command {
		Command::Evidence(command) => run_evidence(global, command).await,
		Command::Holder(command) => run_holder(global, command).await,
		Command::Asset(command) => cli_asset::run_asset(global, command).await,
		Command::Court(command) => cli_asset::run_court(global, command).await,
		Command::Valuation(command) => cli_finance::run_valuation(global, command).await,
		Command::Pledge(command) => cli_finance::run_pledge(global, command).await,
		Command::Bank(command) => cli_finance::run_bank(global, command).await,
		Command::Policy(command) => cli_insurance::run_policy(global, command).await,
		Command::Proof(command) => cli_proof::run_proof(global, command).await,
	}
}

async fn run_evidence(global: &Global, command: EvidenceCommand) -> Result<Outcome, ClientError> {
	match command {
		EvidenceCommand::Deposit { files: inputs, algo, kind, title, on_behalf_of, in_flight } => {
			let signer = Signer::from_suri_or_file(&global.suri)?;
			let paths = files::expand_inputs(&inputs)?;
			let on_behalf_of = on_behalf_of.as_deref().map(parse_account).transpose()?;
			let algo = HashAlgo::from(algo);
			let hashing = progress_bar(paths.len(), "hashing");
			let digests = files::hash_files(algo, &paths, || hashing.inc(1))?;
			hashing.finish_and_clear();
			let requests: Vec<DepositRequest> = paths
				.iter()
				.zip(digests)
				.map(|(path, digest)| DepositRequest {
					algo,
					digest,
					kind,
					title: title.clone().unwrap_or_else(|| evidence::title_for(path)),
					on_behalf_of: on_behalf_of.clone(),
				})
				.collect();
			let client = connect(global).await?;
			let bar = progress_bar(requests.len(), "finalizing");
			let options = SubmitOptions { max_in_flight: usize::from(in_flight), ..SubmitOptions::default() };
			let results =
				evidence::deposit_many(&client, &signer, &requests, &options, || bar.inc(1)).await?;
			bar.finish_and_clear();
			let mut failures = 0;
			let mut already = 0;
			let mut json = Vec::new();
			for (path, result) in paths.iter().zip(results) {
				match result {
					Ok(receipt) => {
						already += usize::from(receipt.already_deposited);
						if global.json {
							json.push(serde_json::json!({ "file": path, "ok": true, "receipt": receipt }));
						} else {
							println!(
								"{} {}  {}:{}  block #{}{} (finalized)",
								if receipt.already_deposited { "already deposited" } else { "deposited" },
								path.display(),
								receipt.algo,
								receipt.digest,
								receipt.block_number,
								receipt.block_hash.map(|hash| format!(" {hash}")).unwrap_or_default(),
							);
						}
					}
					Err(error) => {
						failures += 1;
						if global.json {
							json.push(
								serde_json::json!({ "file": path, "ok": false, "error": error.to_string() }),
							);
						} else {
							eprintln!("error: {}: {error}", path.display());
						}
					}
				}
			}
			if global.json {
				print_json(&json);
			} else if paths.len() > 1 {
				eprintln!(
					"{} files: {} deposited now, {already} already deposited by this account, {failures} not deposited",
					paths.len(),
					paths.len() - already - failures
				);
			}
			Ok(if failures == 0 { Outcome::Done } else { Outcome::No })
		}
		EvidenceCommand::Show { digest, algo } => {
			let digest = parse_digest_hex(&digest)
				.map_err(|why| ClientError::Input(format!("digest `{digest}`: {why}")))?;
			let algo = HashAlgo::from(algo);
			let client = connect(global).await?;
			let record = client.evidence(algo, &digest, None).await?;
			if global.json {
				print_json(&record);
			}
			match record {
				Some(record) => {
					if !global.json {
						print_record(&record);
					}
					Ok(Outcome::Done)
				}
				None => {
					if !global.json {
						println!("not deposited: {}:{}", algo.name(), to_hex(&digest));
					}
					Ok(Outcome::No)
				}
			}
		}
		EvidenceCommand::Verify { file, algo } => {
			let client = connect(global).await?;
			let verification = evidence::verify_file(&client, HashAlgo::from(algo), &file).await?;
			if global.json {
				print_json(
					&serde_json::json!({ "verified": verification.verified(), "result": verification }),
				);
			} else if let Some(record) = &verification.record {
				println!("VERIFIED {} ({}:{})", file.display(), verification.algo, verification.digest);
				print_record(record);
			} else if let Some(pending) = &verification.pending {
				println!(
					"NOT VERIFIED {}: digest {}:{} is in block #{} but that block is not finalized on this node yet",
					file.display(),
					verification.algo,
					verification.digest,
					pending.block_number
				);
			} else {
				println!(
					"NOT VERIFIED {}: digest {}:{} is not deposited",
					file.display(),
					verification.algo,
					verification.digest
				);
			}
			Ok(if verification.verified() { Outcome::Done } else { Outcome::No })
		}
		EvidenceCommand::Batch { inputs, out, algo } => {
			let signer = Signer::from_suri_or_file(&global.suri)?;
			let paths = files::expand_inputs(&inputs)?;
			let client = connect(global).await?;
			let bar = progress_bar(paths.len(), "hashing");
			let receipt =
				evidence::anchor_batch(&client, &signer, HashAlgo::from(algo), &paths, &out, || bar.inc(1))
					.await?;
			bar.finish_and_clear();
			if global.json {
				print_json(&receipt);
			} else {
				println!(
					"anchored {} items under root {} in block #{} {} (finalized); proofs in {}",
					receipt.leaf_count,
					receipt.root,
					receipt.block_number,
					receipt.block_hash,
					out.display()
				);
			}
			Ok(Outcome::Done)
		}
		EvidenceCommand::LinkInfringement { evidence, subject } => {
			cli_insurance::run_link_infringement(global, &evidence, &subject).await
		}
		EvidenceCommand::VerifyItem { proof, file } => {
			let client = connect(global).await?;
			let result = evidence::verify_item(&client, &proof, file.as_deref()).await?;
			let verified = result.anchor.as_ref().is_some_and(|a| a.finalized);
			if global.json {
				print_json(&serde_json::json!({ "verified": verified, "result": result }));
			} else if let Some(anchor) = &result.anchor {
				println!(
					"VERIFIED item {} in batch {} ({} items) anchored in block #{} at {} by {}",
					result.digest,
					result.root,
					anchor.leaf_count,
					anchor.block_number,
					iprchain_client::time::format_millis_utc(anchor.anchored_at),
					anchor.submitter
				);
			} else {
				println!("NOT VERIFIED: root {} is not anchored in finalized state", result.root);
			}
			Ok(if verified { Outcome::Done } else { Outcome::No })
		}
	}
}

async fn run_holder(global: &Global, command: HolderCommand) -> Result<Outcome, ClientError> {
	match command {
		HolderCommand::Register { account, uscc } => {
			let signer = Signer::from_suri_or_file(&global.suri)?;
			let holder = parse_account(&account)?;
			let code = iprchain_client::roles::parse_uscc(&uscc)?;
			let client = connect(global).await?;
			let registered = iprchain_client::roles::register_holder(&client, &signer, holder, &code).await?;
			if global.json {
				print_json(&registered);
			} else {
				println!(
					"registered holder {} (USCC digest {}) by workstation {}\n  block #{} {:?} (finalized)",
					registered.holder,
					registered.uscc_digest,
					registered.by,
					registered.included.block_number,
					registered.included.block_hash
				);
			}
			Ok(Outcome::Done)
		}
	}
}

fn print_record(record: &iprchain_client::primitives::rpc::EvidenceView) {
	println!("  digest     {}:{}", record.algo, record.digest);
	println!("  kind       {}", record.kind);
	println!("  title      {}", record.title);
	println!("  owner      {}", record.owner);
	println!("  submitter  {}", record.submitter);
	println!(
		"  deposited  {} (block #{})",
		iprchain_client::time::format_millis_utc(record.deposited_at),
		record.block_number
	);
	if let Some(hash) = &record.block_hash {
		println!("  block      {hash}");
	}
	println!("  finalized  {}", if record.finalized { "yes" } else { "not yet" });
	if let Some(capture) = &record.capture {
		println!(
			"  captured   {} at {}",
			capture.source_url,
			iprchain_client::time::format_millis_utc(capture.captured_at)
		);
	}
}
