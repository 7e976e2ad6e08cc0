//! Evidence operations (存证/取证/验真): deposit files, read records, verify files, anchor batches.

use crate::{
	chain::Client,
	error::ClientError,
	files,
	signer::Signer,
	submit::{submit_all, SubmitOptions},
};
use futures::{stream, StreamExt};
use iprchain_primitives::rpc::to_hex;
use iprchain_primitives::{
	merkle::{MerkleProof, MerkleTree},
	rpc::{BatchView, EvidenceView},
	Digest, EvidenceKind, HashAlgo, MAX_TITLE_LEN,
};
use iprchain_runtime::{AccountId, Hash, RuntimeCall};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// What to deposit for one file.
#[derive(Clone, Debug)]
pub struct DepositRequest {
	/// Digest algorithm.
	pub algo: HashAlgo,
	/// The digest.
	pub digest: Digest,
	/// Evidence kind.
	pub kind: EvidenceKind,
	/// Title (≤ 128 bytes).
	pub title: String,
	/// Right holder to deposit for (the signer must be a workstation).
	pub on_behalf_of: Option<AccountId>,
}

impl DepositRequest {
	/// The runtime call.
	pub fn call(&self) -> RuntimeCall {
		RuntimeCall::Evidence(pallet_evidence::Call::deposit {
			digest: self.digest,
			algo: self.algo,
			kind: self.kind,
			title: self.title.as_bytes().to_vec(),
			capture: None,
			on_behalf_of: self.on_behalf_of.clone(),
		})
	}
}

/// One deposit's result.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DepositReceipt {
	/// Digest algorithm name.
	pub algo: String,
	/// `0x`-hex digest.
	pub digest: String,
	/// Number of the block holding the deposit.
	pub block_number: u32,
	/// Its hash (`None` when an earlier deposit was found by lookup and the node does not say).
	pub block_hash: Option<String>,
	/// True when the digest was already deposited by the same account before this job (an earlier
	/// run, or the same file twice): nothing new was written, and that counts as done.
	pub already_deposited: bool,
}

/// A title that fits the chain's limit: the file name, shortened on a character boundary.
pub fn title_for(path: &Path) -> String {
	let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
	let mut title = String::new();
	for ch in name.chars() {
		if title.len() + ch.len_utf8() > MAX_TITLE_LEN as usize {
			break;
		}
		title.push(ch);
	}
	title
}

/// Deposits every request and returns each one's fate in request order: a receipt once finalized,
/// or why it could not be. Resumable: a digest the same account deposited before (an earlier run cut
/// short, a restarted node) is not sent again and comes back as `already_deposited`. A digest some
/// other account deposited first is sent like any other, and the chain's refusal
/// (`Evidence.AlreadyDeposited`, first to file wins) comes back with who deposited it and when.
/// At most `options.max_in_flight` transactions wait in the pool at once; dropped ones are sent
/// again (see [`crate::submit`]). `progress` is called once per finished request.
pub async fn deposit_many(
	client: &Client,
	signer: &Signer,
	requests: &[DepositRequest],
	options: &SubmitOptions,
	mut progress: impl FnMut(),
) -> Result<Vec<Result<DepositReceipt, ClientError>>, ClientError> {
	// What is on chain already (best block: a deposit still waiting for finality counts too, and
	// is found finalized by the lookup after submission).
	let known: Vec<Option<EvidenceView>> = stream::iter(requests)
		.map(|request| client.evidence(request.algo, &request.digest, None))
		.buffered(32)
		.collect::<Vec<_>>()
		.await
		.into_iter()
		.collect::<Result<_, _>>()?;
	let mut results: Vec<Option<Result<DepositReceipt, ClientError>>> = Vec::with_capacity(requests.len());
	let mut to_send = Vec::new();
	for (index, (request, record)) in requests.iter().zip(known).enumerate() {
		match record {
			// This account's own earlier deposit: done, nothing to send.
			Some(record) if record.submitter == signer.ss58() => {
				results.push(Some(earlier_deposit(signer, request, &record)));
				progress();
			}
			// Not deposited, or deposited by someone else: the chain decides (first to file wins in
			// the evidence pallet; a signer without a role is refused at the pool first).
			_ => {
				results.push(None);
				to_send.push(index);
			}
		}
	}
	let calls = to_send.iter().map(|&i| requests[i].call()).collect();
	let sent = submit_all(client, signer, calls, options, |_| progress()).await?;
	for (&index, result) in to_send.iter().zip(sent) {
		let request = &requests[index];
		let receipt = match result {
			Ok(finalized) => Ok(DepositReceipt {
				algo: request.algo.name().into(),
				digest: to_hex(&request.digest),
				block_number: finalized.block_number,
				block_hash: Some(format!("{:?}", finalized.block_hash)),
				already_deposited: false,
			}),
			// Deposited in the meantime: by an earlier run's transaction that was still in a pool, by
			// the same digest twice in this job, or by someone else.
			Err(ClientError::DispatchFailed(reason)) if reason.ends_with("AlreadyDeposited") => {
				match client.evidence(request.algo, &request.digest, None).await? {
					Some(record) => earlier_deposit(signer, request, &record),
					None => Err(ClientError::DispatchFailed(reason)),
				}
			}
			Err(error) => Err(error),
		};
		results[index] = Some(receipt);
	}
	Ok(results.into_iter().map(|r| r.expect("every request has a result")).collect())
}

/// The result for a digest found on chain: done if the signer deposited it (for itself or on someone's
/// behalf), otherwise the chain's first-to-file refusal, naming who deposited it and when.
fn earlier_deposit(
	signer: &Signer,
	request: &DepositRequest,
	record: &EvidenceView,
) -> Result<DepositReceipt, ClientError> {
	if record.submitter == signer.ss58() {
		Ok(DepositReceipt {
			algo: request.algo.name().into(),
			digest: to_hex(&request.digest),
			block_number: record.block_number,
			block_hash: record.block_hash.clone(),
			already_deposited: true,
		})
	} else {
		Err(ClientError::DispatchFailed(format!(
			"Evidence.AlreadyDeposited: {}:{} was deposited first by {} at block #{}",
			request.algo.name(),
			to_hex(&request.digest),
			record.submitter,
			record.block_number
		)))
	}
}

/// Outcome of checking a file against the chain.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Verification {
	/// The file's digest, `0x`-hex.
	pub digest: String,
	/// Digest algorithm name.
	pub algo: String,
	/// The record, read at the latest finalized block; `None` if the digest is not deposited there.
	pub record: Option<EvidenceView>,
	/// When not in finalized state: the record as the best block shows it, i.e. deposited but not yet
	/// finalized on this node.
	pub pending: Option<EvidenceView>,
}

impl Verification {
	/// True when the digest is deposited in finalized state.
	pub fn verified(&self) -> bool {
		self.record.as_ref().is_some_and(|r| r.finalized)
	}
}

/// Hashes `path` and looks its digest up at the latest finalized block.
pub async fn verify_file(client: &Client, algo: HashAlgo, path: &Path) -> Result<Verification, ClientError> {
	let digest = files::hash_file(algo, path)?;
	let finalized = client.finalized_head().await?;
	let record = client.evidence(algo, &digest, Some(finalized)).await?;
	let pending = match record {
		Some(_) => None,
		None => client.evidence(algo, &digest, None).await?,
	};
	Ok(Verification { digest: to_hex(&digest), algo: algo.name().into(), record, pending })
}

/// The file written for each item of an anchored batch: enough to show, with the chain, that the item
/// belongs to the anchored root.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemProof {
	/// Format version of this file.
	pub version: u32,
	/// Digest algorithm of the item and the tree.
	pub algo: HashAlgo,
	/// The item's file name when the batch was made.
	pub file_name: String,
	/// The item's digest, `0x`-hex.
	pub digest: String,
	/// The anchored root, `0x`-hex.
	pub root: String,
	/// Inclusion path from the item to the root.
	pub proof: MerkleProof,
	/// Block that anchored the root.
	pub anchor_block_number: u32,
	/// Its hash.
	pub anchor_block_hash: String,
}

/// Current [`ItemProof`] format version.
pub const ITEM_PROOF_VERSION: u32 = 1;

/// Result of anchoring a batch.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchReceipt {
	/// The root, `0x`-hex.
	pub root: String,
	/// Number of items.
	pub leaf_count: u32,
	/// Finalized block number.
	pub block_number: u32,
	/// Finalized block hash.
	pub block_hash: String,
	/// The proof files written, in item order.
	pub proof_files: Vec<PathBuf>,
}

/// Hashes `files`, anchors their Merkle root in one transaction, waits for finality and writes one
/// [`ItemProof`] per file into `out_dir`. `progress` is called once per hashed file.
pub async fn anchor_batch(
	client: &Client,
	signer: &Signer,
	algo: HashAlgo,
	files: &[PathBuf],
	out_dir: &Path,
	mut progress: impl FnMut(),
) -> Result<BatchReceipt, ClientError> {
	if files.is_empty() {
		return Err(ClientError::Input("a batch needs at least one file".into()));
	}
	let digests = files::hash_files(algo, files, &mut progress)?;
	let tree = MerkleTree::build(algo, &digests).expect("non-empty batch; checked above");
	let root = tree.root();
	let call = RuntimeCall::Evidence(pallet_evidence::Call::anchor_batch {
		root,
		leaf_count: tree.leaf_count(),
		algo,
	});
	let finalized = client.submit(signer, call).await?;

	std::fs::create_dir_all(out_dir)
		.map_err(|source| ClientError::Io { path: out_dir.display().to_string(), source })?;
	let anchor_block_hash = format!("{:?}", finalized.block_hash);
	let indexed: Vec<usize> = (0..files.len()).collect();
	// Each item's proof is independent of the others: written on every core.
	let proof_files = files::on_all_cores(&indexed, |share| {
		share
			.iter()
			.map(|&index| {
				let item = ItemProof {
					version: ITEM_PROOF_VERSION,
					algo,
					file_name: files[index]
						.file_name()
						.map(|n| n.to_string_lossy().into_owned())
						.unwrap_or_default(),
					digest: to_hex(&digests[index]),
					root: to_hex(&root),
					proof: tree.proof(index as u32).expect("index within the tree"),
					anchor_block_number: finalized.block_number,
					anchor_block_hash: anchor_block_hash.clone(),
				};
				// Index first keeps files apart when two items share a name.
				let path = out_dir.join(format!("{index:06}-{}.proof.json", item.file_name));
				let json = serde_json::to_vec_pretty(&item).expect("proof serializes");
				std::fs::write(&path, json)
					.map_err(|source| ClientError::Io { path: path.display().to_string(), source })?;
				Ok(path)
			})
			.collect::<Vec<_>>()
	})
	.into_iter()
	.collect::<Result<Vec<PathBuf>, ClientError>>()?;
	Ok(BatchReceipt {
		root: to_hex(&root),
		leaf_count: tree.leaf_count(),
		block_number: finalized.block_number,
		block_hash: format!("{:?}", finalized.block_hash),
		proof_files,
	})
}

/// Outcome of checking a batch item against the chain.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemVerification {
	/// The item's digest from the proof file.
	pub digest: String,
	/// The root the path leads to.
	pub root: String,
	/// The anchor as read at the latest finalized block, if the root is anchored there.
	pub anchor: Option<BatchView>,
}

/// Checks an item proof: the file (if given) hashes to the item, the path reaches the stated root, and
/// the root is anchored in finalized state.
pub async fn verify_item(
	client: &Client,
	proof_path: &Path,
	file: Option<&Path>,
) -> Result<ItemVerification, ClientError> {
	let text = std::fs::read_to_string(proof_path)
		.map_err(|source| ClientError::Io { path: proof_path.display().to_string(), source })?;
	let item: ItemProof = serde_json::from_str(&text)
		.map_err(|e| ClientError::Input(format!("{} is not an item proof: {e}", proof_path.display())))?;
	let digest = iprchain_primitives::parse_digest_hex(&item.digest)
		.map_err(|e| ClientError::Input(format!("item digest: {e}")))?;
	let root = iprchain_primitives::parse_digest_hex(&item.root)
		.map_err(|e| ClientError::Input(format!("item root: {e}")))?;
	if let Some(file) = file {
		let actual = files::hash_file(item.algo, file)?;
		if actual != digest {
			return Err(ClientError::Input(format!(
				"digest mismatch: {} hashes to {}, the proof is for {}",
				file.display(),
				to_hex(&actual),
				item.digest
			)));
		}
	}
	if !item.proof.verify(item.algo, &digest, &root) {
		return Err(ClientError::Input(
			"the Merkle path does not lead from the item to the stated root".into(),
		));
	}
	let finalized: Hash = client.finalized_head().await?;
	let anchor = client.batch(item.algo, &root, Some(finalized)).await?;
	if let Some(anchor) = &anchor {
		if anchor.leaf_count != item.proof.leaf_count {
			return Err(ClientError::Input(format!(
				"the proof claims {} leaves but the anchored batch has {}",
				item.proof.leaf_count, anchor.leaf_count
			)));
		}
	}
	Ok(ItemVerification { digest: item.digest, root: item.root, anchor })
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn titles_fit_the_chain_limit_on_char_boundaries() {
		assert_eq!(title_for(Path::new("/x/report.pdf")), "report.pdf");
		let long = "数".repeat(100); // 300 bytes
		let title = title_for(Path::new(&long));
		assert!(title.len() <= MAX_TITLE_LEN as usize);
		assert_eq!(title.chars().count(), 42);
	}
}
