//! `iprchain proof …`: export a court proof file from a node, write trust files (genesis only, or with
//! a checkpoint), and verify a proof offline.

use super::{connect, print_json, Algo, Global, Outcome};
use clap::Subcommand;
use iprchain_client::{
	files,
	primitives::{parse_digest_hex, time::format_millis_utc, HashAlgo},
	proof::{self, Report, VerifyError},
	ClientError,
};
use iprchain_proof::{check_trust, TrustAnchor};
use std::{path::PathBuf, time::Instant};

#[derive(Subcommand)]
pub enum ProofCommand {
	/// Write a self-contained proof that a digest's record, or a batch item, is in finalized state
	/// (needs a node).
	Export {
		/// The deposited digest (64 hex digits), or an item proof file written by `evidence batch`.
		#[arg(value_name = "DIGEST_HEX|ITEM_PROOF")]
		target: String,
		/// Digest algorithm of a digest (an item proof file names its own).
		#[arg(long, value_enum, default_value = "sha256")]
		algo: Algo,
		/// The proof file to write.
		#[arg(short = 'o', long = "out")]
		out: PathBuf,
	},
	/// Check a proof file offline (no node needed); exit 0 only if everything holds and the proof starts
	/// from a trust anchor given with --trust; 1 if it fails; 2 if it holds but no anchor was given.
	Verify {
		/// The proof file.
		proof: PathBuf,
		/// The original file: it must hash to the record's (or batch item's) digest.
		#[arg(long = "file")]
		original: Option<PathBuf>,
		/// What the proof must start from: the chain's raw chain spec (`iprchain-node build-spec
		/// --chain X --raw`) or a trust file from `proof trust` or `proof checkpoint` (then the proof
		/// must also build on its checkpoint). Without it the proof can only be checked against its own
		/// genesis and validators: reported NOT ANCHORED, exit 2.
		#[arg(long, value_name = "CHAIN_SPEC|TRUST")]
		trust: Option<PathBuf>,
	},
	/// Write the chain's trust anchor (genesis hash and genesis GRANDPA validators) from a node you trust.
	Trust {
		/// The anchor file to write.
		#[arg(short = 'o', long = "out")]
		out: PathBuf,
	},
	/// Write a trust file with a checkpoint, from a node the council trusts: the genesis anchor plus a
	/// finalized block, its justification and the validator set in force after it. Proofs checked
	/// against it must build on that set, so leaked keys of validators retired before it forge
	/// nothing. The council publishes it after each validator-set change.
	Checkpoint {
		/// The finalized block to checkpoint (0x + 64 hex digits). It needs a GRANDPA justification
		/// stored on the node, which nodes keep for every block that ended a validator set. Default:
		/// the latest justified finalized block.
		#[arg(long, value_name = "BLOCK_HASH")]
		at: Option<String>,
		/// The trust file to write. An existing one must be a trust file of the same chain, and its
		/// checkpoint is replaced only by a newer one that builds on it (a trust file keeps the newest).
		#[arg(short = 'o', long = "out")]
		out: PathBuf,
	},
}

fn read(path: &PathBuf) -> Result<Vec<u8>, ClientError> {
	std::fs::read(path).map_err(|source| ClientError::Io { path: path.display().to_string(), source })
}

fn write(path: &PathBuf, bytes: &[u8]) -> Result<(), ClientError> {
	std::fs::write(path, bytes).map_err(|source| ClientError::Io { path: path.display().to_string(), source })
}

/// Writes `bytes` next to `path` and renames it over `path`, so a trust file being replaced is never
/// left half-written.
fn replace(path: &PathBuf, bytes: &[u8]) -> Result<(), ClientError> {
	let mut temporary = path.clone().into_os_string();
	temporary.push(".tmp");
	let temporary = PathBuf::from(temporary);
	write(&temporary, bytes)?;
	std::fs::rename(&temporary, path)
		.map_err(|source| ClientError::Io { path: path.display().to_string(), source })
}

pub async fn run_proof(global: &Global, command: ProofCommand) -> Result<Outcome, ClientError> {
	match command {
		ProofCommand::Export { target, algo, out } => {
			// A digest unless a file of that name exists; anything else must be an item proof file.
			let item_path = PathBuf::from(&target);
			let bundle = match parse_digest_hex(&target) {
				Ok(digest) if !item_path.is_file() => {
					let client = connect(global).await?;
					proof::export_record(&client, HashAlgo::from(algo), &digest).await?
				}
				Err(why) if !item_path.is_file() => {
					return Err(ClientError::Input(format!(
						"`{target}` is neither a digest ({why}) nor an item proof file"
					)))
				}
				_ => {
					let item = proof::read_item_proof(&item_path)?;
					let client = connect(global).await?;
					proof::export_batch_item(&client, &item).await?
				}
			};
			let bytes = bundle.to_canonical_bytes();
			write(&out, &bytes)?;
			let report = proof::verify_bytes(&bytes, None).map_err(|e| ClientError::Decode(e.to_string()))?;
			if global.json {
				print_json(&serde_json::json!({
					"file": out, "bytes": bytes.len(), "block": report.proof_block_number,
					"blockHash": report.proof_block_hash, "setId": report.set_id,
					"batchItem": report.batch_item.is_some(),
				}));
			} else {
				println!(
					"wrote {} ({} bytes): {}{}:{} proved at finalized block #{} (set id {}, {} set changes)",
					out.display(),
					bytes.len(),
					if report.batch_item.is_some() { "batch item " } else { "" },
					report.algo,
					hex_of(&report.digest.0),
					report.proof_block_number,
					report.set_id,
					report.set_changes.len()
				);
			}
			Ok(Outcome::Done)
		}
		ProofCommand::Trust { out } => {
			let client = connect(global).await?;
			let anchor = proof::trust_anchor(&client).await?;
			write(&out, &anchor.to_canonical_bytes())?;
			if global.json {
				print_json(&anchor);
			} else {
				println!(
					"wrote {}: genesis {} with {} initial validators",
					out.display(),
					hex_of(&anchor.genesis_hash.0),
					anchor.initial_authorities.authorities.len()
				);
			}
			Ok(Outcome::Done)
		}
		ProofCommand::Checkpoint { at, out } => write_checkpoint(global, at, &out).await,
		ProofCommand::Verify { proof: path, original, trust } => {
			let bytes = read(&path)?;
			let trust = match &trust {
				Some(trust_path) => Some(read_trust(trust_path)?),
				None => None,
			};
			let started = Instant::now();
			let mut result = proof::verify_bytes(&bytes, trust.as_ref());
			if let (Ok(report), Some(original)) = (&result, &original) {
				let digest = files::hash_file(report.hash_algo(), original)?;
				if let Err(e) = report.check_original_digest(&digest) {
					result = Err(e);
				}
			}
			let elapsed = started.elapsed();
			print_verification(global.json, &path, original.as_ref(), &result, elapsed.as_secs_f64());
			Ok(match &result {
				Ok(report) if report.anchored => Outcome::Done,
				Ok(_) => Outcome::Unanswered,
				Err(_) => Outcome::No,
			})
		}
	}
}

/// `proof checkpoint`: exports the checkpoint and writes it, refusing (and leaving the file as it was)
/// when an existing trust file is of another chain or holds a checkpoint the new one does not extend.
async fn write_checkpoint(
	global: &Global,
	at: Option<String>,
	out: &PathBuf,
) -> Result<Outcome, ClientError> {
	let at = match at {
		Some(text) => Some(
			parse_digest_hex(&text)
				.map_err(|why| ClientError::Input(format!("--at `{text}` is not a block hash: {why}")))?
				.into(),
		),
		None => None,
	};
	let unchanged =
		|why: String| ClientError::Input(format!("{}: {why}; the file is unchanged", out.display()));
	let existing = if out.exists() {
		let bytes = read(out)?;
		let json: serde_json::Value =
			serde_json::from_slice(&bytes).map_err(|e| unchanged(format!("not JSON: {e}")))?;
		if iprchain_proof::is_chain_spec(&json) {
			return Err(unchanged("a chain spec, not a trust file; write the trust file elsewhere".into()));
		}
		let anchor: TrustAnchor =
			serde_json::from_value(json).map_err(|e| unchanged(format!("not a trust file: {e}")))?;
		check_trust(&anchor).map_err(|e| unchanged(e.to_string()))?;
		Some(anchor)
	} else {
		None
	};
	let client = connect(global).await?;
	let anchor = proof::export_checkpoint(&client, at).await?;
	let checkpoint = anchor.checkpoint.as_ref().expect("an exported checkpoint");
	let previous = existing.as_ref().and_then(|existing| existing.checkpoint.as_ref());
	let same = previous.is_some_and(|previous| previous.block_hash == checkpoint.block_hash);
	if let (Some(existing), false) = (&existing, same) {
		proof::check_newer(existing, &anchor).map_err(|e| unchanged(e.to_string()))?;
	}
	if !same {
		replace(out, &anchor.to_canonical_bytes())?;
	}
	let replaced = previous.filter(|_| !same);
	if global.json {
		print_json(&serde_json::json!({
			"file": out, "written": !same, "genesisHash": anchor.genesis_hash,
			"blockNumber": checkpoint.block_number, "blockHash": checkpoint.block_hash,
			"setId": checkpoint.set.set_id, "validators": checkpoint.set.authorities.len(),
			"replaced": replaced.map(|previous| previous.block_number),
		}));
	} else {
		let what = if same { "unchanged (it already holds this checkpoint):" } else { "wrote" };
		println!(
			"{what} {}: checkpoint at finalized block #{} {} (set id {} with {} validators in force after \
			 it, {} set changes from genesis {})",
			out.display(),
			checkpoint.block_number,
			hex_of(&checkpoint.block_hash.0),
			checkpoint.set.set_id,
			checkpoint.set.authorities.len(),
			checkpoint.set_changes.len(),
			hex_of(&anchor.genesis_hash.0)
		);
		if let Some(previous) = replaced {
			println!(
				"  replaced the checkpoint at block #{}, which the new one builds on",
				previous.block_number
			);
		}
	}
	Ok(Outcome::Done)
}

/// A trust anchor file, or one derived from a raw chain spec (told apart by its `genesis` field).
fn read_trust(path: &PathBuf) -> Result<TrustAnchor, ClientError> {
	let bytes = read(path)?;
	let json: serde_json::Value = serde_json::from_slice(&bytes)
		.map_err(|e| ClientError::Input(format!("{}: not JSON: {e}", path.display())))?;
	if iprchain_proof::is_chain_spec(&json) {
		return proof::trust_from_chain_spec(&bytes)
			.map_err(|e| ClientError::Input(format!("{}: {e}", path.display())));
	}
	serde_json::from_value(json).map_err(|e| {
		ClientError::Input(format!("{}: neither a raw chain spec nor a trust anchor: {e}", path.display()))
	})
}

fn hex_of(bytes: &[u8]) -> String {
	format!("0x{}", hex::encode(bytes))
}

/// Why a proof that holds against its own genesis is not an answer, and what to pass.
const NOT_ANCHORED: &str = "the proof holds against the genesis and validators written in the file itself, \
	which anyone can write; pass --trust with the chain's raw chain spec or a trust file from \
	`iprchain proof trust` or `iprchain proof checkpoint` to check it against the real chain";

fn print_verification(
	json: bool,
	path: &std::path::Path,
	original: Option<&PathBuf>,
	result: &Result<Report, VerifyError>,
	seconds: f64,
) {
	if json {
		match result {
			Ok(report) if !report.anchored => print_json(&serde_json::json!({
				"verified": false, "anchored": false, "file": path, "original": original,
				"error": NOT_ANCHORED, "report": report, "seconds": seconds,
			})),
			Ok(report) => print_json(&serde_json::json!({
				"verified": true, "anchored": true, "file": path, "original": original, "report": report,
				"seconds": seconds,
			})),
			Err(error) => print_json(&serde_json::json!({
				"verified": false, "file": path, "original": original, "error": error.to_string(),
			})),
		}
		return;
	}
	let report = match result {
		Ok(report) => report,
		Err(error) => {
			println!("NOT VERIFIED {}: {error}", path.display());
			return;
		}
	};
	if report.anchored {
		println!("VERIFIED {}", path.display());
	} else {
		println!("NOT ANCHORED {}: {NOT_ANCHORED}", path.display());
	}
	if let Some(original) = original {
		let what = if report.batch_item.is_some() { "batch item" } else { "record" };
		println!("  file       {} hashes to the {what}'s digest", original.display());
	}
	if let Some(record) = &report.record {
		println!("  record     {}:{}", report.algo, hex_of(&report.digest.0));
		println!("  kind       {}", record.kind);
		println!("  title      {}", record.title);
		println!("  owner      {}", record.owner);
		println!("  submitter  {}", record.submitter);
		println!("  deposited  {} in block #{}", format_millis_utc(record.deposited_at), record.block_number);
		if let Some(capture) = &record.capture {
			println!("  captured   {} at {}", capture.source_url, format_millis_utc(capture.captured_at));
		}
	}
	if let Some(item) = &report.batch_item {
		let anchor = &item.anchor;
		println!("  batch item {}:{}", report.algo, hex_of(&report.digest.0));
		println!(
			"  position   item {} of {} under root {}",
			item.leaf_index + 1,
			anchor.leaf_count,
			hex_of(&item.root.0)
		);
		println!(
			"  anchored   {} in block #{} by {}",
			format_millis_utc(anchor.anchored_at),
			anchor.block_number,
			anchor.submitter
		);
	}
	println!(
		"  proved at  finalized block #{} {} (state root {})",
		report.proof_block_number,
		hex_of(&report.proof_block_hash.0),
		hex_of(&report.state_root.0)
	);
	println!(
		"  finalized  by {} of {} validators of set id {} (threshold {}, round {}):",
		report.finalized_by.len(),
		report.set_size,
		report.set_id,
		report.threshold,
		report.round
	);
	for signer in &report.finalized_by {
		println!("               {signer}");
	}
	for change in &report.set_changes {
		println!(
			"  set change at block #{}: set {} → {} ({} validators), signed by {} of the outgoing set",
			change.block_number,
			change.finalized_by_set,
			change.finalized_by_set + 1,
			change.new_set_size,
			change.signers.len()
		);
	}
	println!("  chain      genesis {}", hex_of(&report.genesis_hash.0));
	if report.anchored {
		println!("  trust      genesis and initial validators match the given trust anchor");
		if let Some(checkpoint) = &report.checkpoint {
			println!(
				"  checkpoint builds on block #{} {} (set id {}, {} validators)",
				checkpoint.block_number,
				hex_of(&checkpoint.block_hash.0),
				checkpoint.set_id,
				checkpoint.set_size
			);
		}
	} else {
		println!("  trust      none: genesis and initial validators were taken from the proof file");
	}
	println!("  checked in {:.1} ms", seconds * 1000.0);
}
