//! The verifier: every check of a proof bundle, in order, stopping at the first failure.

pub use crate::sets::SetChangeReport;
use crate::sets::{walk, HistoryError};
use crate::{
	chain::{verify_justification, Hash, Header, JustificationError},
	checkpoint::{builds_on, check_trust, CheckpointReport},
	format::{
		BatchItemProof, BatchSummary, CaptureSummary, Hex32, HexBytes, ProofBundle, RecordProof,
		RecordSummary, TrustAnchor, FORMAT_NAME, FORMAT_VERSION,
	},
};
use alloc::{
	collections::BTreeSet,
	format,
	string::{String, ToString},
	vec::Vec,
};
use codec::{DecodeAll, Encode};
use iprchain_primitives::{merkle::MerkleProof, storage_keys, BatchAnchor, Digest, EvidenceRecord, HashAlgo};
use serde::Serialize;
use sp_core::{Blake2Hasher, H256};
use sp_trie::{LayoutV1, Recorder, StorageProof};

/// SS58 address prefix of the iprchain runtime.
pub const SS58_PREFIX: u8 = 42;

/// The record type as the runtime stores it: `AccountId32` (32 bytes) and `u32` block numbers.
pub type StoredRecord = EvidenceRecord<[u8; 32], u32>;
/// A batch anchor as the runtime stores it.
pub type StoredBatch = BatchAnchor<[u8; 32], u32>;

/// Which check failed, and why. The `Display` text is what a user sees.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VerifyError {
	/// Not a proof file at all, or not in canonical form.
	Format(String),
	/// The genesis hash or initial authority set differs from the trusted one.
	Genesis(String),
	/// The trust anchor itself does not hold (its version, or its checkpoint).
	Trust(String),
	/// The proof does not build on the trust anchor's checkpoint.
	Checkpoint(String),
	/// An authority-set change is not properly finalized.
	SetChange {
		/// Position in `setChanges`.
		index: usize,
		/// What is wrong.
		reason: String,
	},
	/// F's header or justification is not valid.
	Finality(String),
	/// The storage proof does not show the stated record (or batch anchor) at F's state root.
	Storage(String),
	/// A batch item's Merkle path does not reach the anchored root.
	MerklePath(String),
	/// The original file does not hash to the record's digest.
	DigestMismatch {
		/// Algorithm of the record.
		algo: HashAlgo,
		/// The file's digest.
		file: Digest,
		/// The record's digest.
		record: Digest,
	},
}

impl core::fmt::Display for VerifyError {
	fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
		match self {
			VerifyError::Format(why) => write!(f, "not a valid proof file: {why}"),
			VerifyError::Genesis(why) => write!(f, "wrong chain: {why}"),
			VerifyError::Trust(why) => write!(f, "the trust anchor is not valid: {why}"),
			VerifyError::Checkpoint(why) => {
				write!(f, "the proof does not build on the trust anchor's checkpoint: {why}")
			}
			VerifyError::SetChange { index, reason } => {
				write!(f, "authority-set change {index} is not proven: {reason}")
			}
			VerifyError::Finality(why) => write!(f, "finality of the proof block is not proven: {why}"),
			VerifyError::Storage(why) => write!(f, "record not proven in finalized state: {why}"),
			VerifyError::MerklePath(why) => write!(f, "the item is not in the anchored batch: {why}"),
			VerifyError::DigestMismatch { algo, file, record } => write!(
				f,
				"digest mismatch: the file's {} digest is 0x{}, the record is for 0x{}",
				algo.name(),
				hex::encode(file),
				hex::encode(record)
			),
		}
	}
}

#[cfg(feature = "std")]
impl std::error::Error for VerifyError {}

/// The anchored batch an item was proven to belong to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchItemReport {
	/// The anchored Merkle root.
	pub root: Hex32,
	/// The item's position among the leaves.
	pub leaf_index: u32,
	/// The anchor as stored.
	pub anchor: BatchSummary,
}

/// What a valid proof establishes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
	/// Genesis hash of the chain.
	pub genesis_hash: Hex32,
	/// `true` if the genesis hash and initial authority set were checked against a trust anchor
	/// given apart from the file; `false` if they were taken from the file itself.
	pub anchored: bool,
	/// Digest algorithm.
	pub algo: String,
	/// The deposited digest (of a batch item: the item's digest, under the anchored root).
	pub digest: Hex32,
	/// The record, for a record proof.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub record: Option<RecordSummary>,
	/// The item's batch, for a batch-item proof.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub batch_item: Option<BatchItemReport>,
	/// The block F at which the record is proved.
	pub proof_block_number: u32,
	/// F's hash.
	pub proof_block_hash: Hex32,
	/// F's state root.
	pub state_root: Hex32,
	/// Set id of the authorities that finalized F.
	pub set_id: u64,
	/// GRANDPA round that finalized F.
	pub round: u64,
	/// Authorities that signed F's finality (SS58), in set order.
	pub finalized_by: Vec<String>,
	/// Size of the set that finalized F.
	pub set_size: usize,
	/// Signatures needed from that set.
	pub threshold: u64,
	/// Verified authority-set changes, oldest first.
	pub set_changes: Vec<SetChangeReport>,
	/// The trust anchor's checkpoint the proof builds on, if the anchor has one.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub checkpoint: Option<CheckpointReport>,
}

impl Report {
	/// The digest algorithm as a type.
	pub fn hash_algo(&self) -> HashAlgo {
		HashAlgo::from_name(&self.algo).expect("checked during verification")
	}

	/// Checks that an original file's digest (under [`Report::hash_algo`]) is the record's.
	pub fn check_original_digest(&self, file_digest: &Digest) -> Result<(), VerifyError> {
		if *file_digest != self.digest.0 {
			return Err(VerifyError::DigestMismatch {
				algo: self.hash_algo(),
				file: *file_digest,
				record: self.digest.0,
			});
		}
		Ok(())
	}

	/// Hashes `data` and checks it against the record's digest.
	pub fn check_original(&self, data: &[u8]) -> Result<(), VerifyError> {
		self.check_original_digest(&self.hash_algo().digest(data))
	}
}

/// SS58 address (prefix [`SS58_PREFIX`]) of a 32-byte account or key.
pub fn ss58(public: &[u8; 32]) -> String {
	let mut payload = Vec::with_capacity(35);
	payload.push(SS58_PREFIX);
	payload.extend_from_slice(public);
	let mut preimage = b"SS58PRE".to_vec();
	preimage.extend_from_slice(&payload);
	let checksum = sp_crypto_hashing::blake2_512(&preimage);
	payload.extend_from_slice(&checksum[..2]);
	bs58::encode(payload).into_string()
}

/// Storage key of `System.BlockHash(0)`, which frame-system never prunes: the genesis hash as the
/// chain's own state records it.
pub fn genesis_block_hash_key() -> Vec<u8> {
	let mut key = storage_keys::storage_prefix(b"System", b"BlockHash").to_vec();
	let encoded = 0u32.encode();
	key.extend_from_slice(&sp_crypto_hashing::twox_64(&encoded));
	key.extend_from_slice(&encoded);
	key
}

/// Decodes a stored record into its human-readable form.
pub fn summarize(record: &StoredRecord) -> RecordSummary {
	RecordSummary {
		kind: record.kind.name().to_string(),
		title: String::from_utf8_lossy(&record.title).into_owned(),
		submitter: ss58(&record.submitter),
		owner: ss58(&record.owner),
		block_number: record.block_number,
		deposited_at: record.deposited_at,
		capture: record.capture.as_ref().map(|capture| CaptureSummary {
			source_url: String::from_utf8_lossy(&capture.source_url).into_owned(),
			captured_at: capture.captured_at,
			environment_digest: Hex32(capture.environment_digest),
			files_root: Hex32(capture.files_root),
		}),
	}
}

/// Parses a proof file, refusing any byte sequence that is not the canonical form of its content.
pub fn parse_canonical(bytes: &[u8]) -> Result<ProofBundle, VerifyError> {
	let bundle: ProofBundle =
		serde_json::from_slice(bytes).map_err(|e| VerifyError::Format(format!("{e}")))?;
	if bundle.to_canonical_bytes() != bytes {
		return Err(VerifyError::Format(
			"the file is not in canonical form (whitespace, order, escapes or hex case were changed)".into(),
		));
	}
	Ok(bundle)
}

/// Verifies a proof file's bytes. With `trust`, the genesis hash and initial authority set must equal
/// it; without, they are taken from the file (and the report says so).
pub fn verify_bytes(bytes: &[u8], trust: Option<&TrustAnchor>) -> Result<Report, VerifyError> {
	let bundle = parse_canonical(bytes)?;
	verify_bundle(&bundle, trust)
}

/// Verifies a parsed bundle (see [`verify_bytes`], which also enforces the canonical byte form).
pub fn verify_bundle(bundle: &ProofBundle, trust: Option<&TrustAnchor>) -> Result<Report, VerifyError> {
	// 0. Format.
	if bundle.format != FORMAT_NAME {
		return Err(VerifyError::Format(format!("format is `{}`, not `{FORMAT_NAME}`", bundle.format)));
	}
	if bundle.version == 0 || bundle.version > FORMAT_VERSION {
		return Err(VerifyError::Format(format!(
			"format version {} is not supported (this verifier reads versions 1 to {FORMAT_VERSION})",
			bundle.version
		)));
	}
	match (&bundle.record, &bundle.batch_item) {
		(Some(_), None) | (None, Some(_)) => {}
		_ => return Err(VerifyError::Format("a proof holds exactly one of `record` and `batchItem`".into())),
	}
	// One version per content keeps every byte significant (and a version-1 reader able to read
	// every record proof).
	if bundle.version != bundle.required_version() {
		return Err(VerifyError::Format(format!(
			"a {} proof is format version {}, not {}",
			if bundle.batch_item.is_some() { "batch-item" } else { "record" },
			bundle.required_version(),
			bundle.version
		)));
	}

	// 1. The trust anchor holds on its own (version, checkpoint), and the proof's genesis and initial
	// set match it.
	let checkpoint = match trust {
		Some(trust) => check_trust(trust)?,
		None => None,
	};
	if let Some(trust) = trust {
		if bundle.genesis_hash != trust.genesis_hash {
			return Err(VerifyError::Genesis(format!(
				"the proof is for genesis 0x{}, the trusted chain's genesis is 0x{}",
				hex::encode(bundle.genesis_hash.0),
				hex::encode(trust.genesis_hash.0)
			)));
		}
		if bundle.initial_authorities != trust.initial_authorities {
			return Err(VerifyError::Genesis(
				"the proof's initial authority set differs from the trusted one".into(),
			));
		}
	}

	// 2. Each set change is finalized by the outgoing set.
	let history = walk(&bundle.initial_authorities, &bundle.set_changes).map_err(|e| match e {
		HistoryError::Initial(why) => VerifyError::Genesis(why),
		HistoryError::Change { index, reason } => VerifyError::SetChange { index, reason },
	})?;

	// 3. F's justification is valid for the set in force at F.
	let f_header = Header::decode_exact(&bundle.finalized.header.0)
		.map_err(|e| VerifyError::Finality(format!("header: {e}")))?;
	if history.last_change().is_some_and(|last| f_header.number <= last) {
		return Err(VerifyError::Finality(
			"the proof block is not after the last authority-set change".into(),
		));
	}
	let f_hash = f_header.hash();
	let in_force = history.current();
	let set_id = in_force.set_id;
	let finality = verify_justification(
		&bundle.finalized.justification.0,
		&f_hash,
		f_header.number,
		set_id,
		&in_force.authorities,
	)
	.map_err(|e: JustificationError| {
		VerifyError::Finality(format!("block #{} (set id {set_id}): {e}", f_header.number))
	})?;

	// 3b. With a checkpoint, the set history runs through the checkpoint's set as the checkpointed
	// chain's does: keys of sets retired before it cannot have produced this proof.
	if let Some(checkpoint) = &checkpoint {
		builds_on(checkpoint, &history, "the proof", f_header.number)?;
	}

	// 4. The storage proof at F's state root yields the genesis hash and exactly the stated record or
	// batch anchor; 5. a batch item's path reaches the anchored root.
	let (algo, digest, record, batch_item) = match (&bundle.record, &bundle.batch_item) {
		(Some(record), None) => {
			let summary = check_record(record, &bundle.genesis_hash, &f_header)?;
			(record.algo.clone(), record.digest, Some(summary), None)
		}
		(None, Some(item)) => {
			let report = check_batch_item(item, &bundle.genesis_hash, &f_header)?;
			(item.algo.clone(), item.digest, None, Some(report))
		}
		_ => unreachable!("exactly one is present: checked with the version above"),
	};

	Ok(Report {
		genesis_hash: bundle.genesis_hash,
		anchored: trust.is_some(),
		algo,
		digest,
		record,
		batch_item,
		proof_block_number: f_header.number,
		proof_block_hash: Hex32(f_hash),
		state_root: Hex32(f_header.state_root),
		set_id,
		round: finality.round,
		finalized_by: finality.signers.iter().map(ss58).collect(),
		set_size: in_force.authorities.len(),
		threshold: finality.threshold,
		set_changes: history.reports.clone(),
		checkpoint: checkpoint.as_ref().map(|checkpoint| checkpoint.report()),
	})
}

fn parse_algo(name: &str) -> Result<HashAlgo, VerifyError> {
	HashAlgo::from_name(name)
		.filter(|algo| algo.name() == name)
		.ok_or_else(|| VerifyError::Storage(format!("unknown digest algorithm `{name}`")))
}

/// Reads the genesis hash and `key` at F's state root from `nodes`; checks the genesis hash and
/// returns the value at `key`, if any.
fn read_with_genesis(
	genesis_hash: &Hex32,
	f_header: &Header,
	nodes: &[HexBytes],
	key: &[u8],
) -> Result<Option<Vec<u8>>, VerifyError> {
	let genesis_key = genesis_block_hash_key();
	let nodes: Vec<Vec<u8>> = nodes.iter().map(|node| node.0.clone()).collect();
	let mut values = read_proof(&f_header.state_root, &nodes, &[&genesis_key, key])?;
	match &values[0] {
		Some(value) if value[..] == genesis_hash.0[..] => {}
		Some(_) => {
			return Err(VerifyError::Genesis("the proof block's state records another genesis hash".into()))
		}
		None => return Err(VerifyError::Storage("the genesis hash is not in the proven state".into())),
	}
	Ok(values.pop().expect("two keys read"))
}

/// Step 4 for a record: the proven value is the stated, canonically encoded record.
fn check_record(
	record: &RecordProof,
	genesis_hash: &Hex32,
	f_header: &Header,
) -> Result<RecordSummary, VerifyError> {
	let algo = parse_algo(&record.algo)?;
	let key = storage_keys::evidence_record_key(algo, &record.digest.0);
	if key != record.storage_key.0 {
		return Err(VerifyError::Storage("the stated storage key is not the record's key".into()));
	}
	let proven = read_with_genesis(genesis_hash, f_header, &record.trie_nodes, &key)?.ok_or_else(|| {
		VerifyError::Storage(format!(
			"{}:0x{} is not deposited at block #{}",
			algo.name(),
			hex::encode(record.digest.0),
			f_header.number
		))
	})?;
	if proven != record.value.0 {
		return Err(VerifyError::Storage("the stated record value differs from the proven one".into()));
	}
	let decoded = StoredRecord::decode_all(&mut &proven[..])
		.map_err(|e| VerifyError::Storage(format!("the proven value is not an evidence record: {e}")))?;
	if decoded.encode() != proven {
		return Err(VerifyError::Storage("the proven record is not canonically encoded".into()));
	}
	let summary = summarize(&decoded);
	if summary != record.stated {
		return Err(VerifyError::Storage("the stated record (`stated`) differs from the proven one".into()));
	}
	if decoded.block_number > f_header.number {
		return Err(VerifyError::Storage("the record claims a deposit block after the proof block".into()));
	}
	Ok(summary)
}

/// Step 4 for a batch item (the proven value is the stated anchor of `root`), then step 5: the item's
/// Merkle path leads from its leaf to that root in a tree of the anchored size.
fn check_batch_item(
	item: &BatchItemProof,
	genesis_hash: &Hex32,
	f_header: &Header,
) -> Result<BatchItemReport, VerifyError> {
	let algo = parse_algo(&item.algo)?;
	let key = storage_keys::batch_anchor_key(algo, &item.root.0);
	if key != item.storage_key.0 {
		return Err(VerifyError::Storage("the stated storage key is not the batch anchor's key".into()));
	}
	let proven = read_with_genesis(genesis_hash, f_header, &item.trie_nodes, &key)?.ok_or_else(|| {
		VerifyError::Storage(format!(
			"no batch with {} root 0x{} is anchored at block #{}",
			algo.name(),
			hex::encode(item.root.0),
			f_header.number
		))
	})?;
	if proven != item.value.0 {
		return Err(VerifyError::Storage("the stated anchor value differs from the proven one".into()));
	}
	let decoded = StoredBatch::decode_all(&mut &proven[..])
		.map_err(|e| VerifyError::Storage(format!("the proven value is not a batch anchor: {e}")))?;
	if decoded.encode() != proven {
		return Err(VerifyError::Storage("the proven anchor is not canonically encoded".into()));
	}
	let summary = summarize_batch(&decoded);
	if summary != item.stated {
		return Err(VerifyError::Storage("the stated anchor (`stated`) differs from the proven one".into()));
	}
	if decoded.block_number > f_header.number {
		return Err(VerifyError::Storage("the anchor claims a block after the proof block".into()));
	}

	// 5. The path, with the anchored leaf count (not a count stated by the file).
	if item.leaf_index >= decoded.leaf_count {
		return Err(VerifyError::MerklePath(format!(
			"leaf index {} is outside the anchored batch of {} items",
			item.leaf_index, decoded.leaf_count
		)));
	}
	let path = MerkleProof {
		leaf_index: item.leaf_index,
		leaf_count: decoded.leaf_count,
		path: item.path.iter().map(|hash| hash.0).collect(),
	};
	match path.root_for(algo, &item.digest.0) {
		None => Err(VerifyError::MerklePath(format!(
			"a path of {} hashes cannot lead from leaf {} of {} to a root",
			item.path.len(),
			item.leaf_index,
			decoded.leaf_count
		))),
		Some(root) if root != item.root.0 => Err(VerifyError::MerklePath(format!(
			"the path leads from 0x{} to 0x{}, not to the anchored root",
			hex::encode(item.digest.0),
			hex::encode(root)
		))),
		Some(_) => Ok(BatchItemReport { root: item.root, leaf_index: item.leaf_index, anchor: summary }),
	}
}

/// Decodes a stored batch anchor into its human-readable form.
pub fn summarize_batch(anchor: &StoredBatch) -> BatchSummary {
	BatchSummary {
		leaf_count: anchor.leaf_count,
		submitter: ss58(&anchor.submitter),
		block_number: anchor.block_number,
		anchored_at: anchor.anchored_at,
	}
}

/// Reads `keys` from the trie with root `state_root` using only `nodes`, which must be sorted, distinct,
/// and all needed.
pub fn read_proof(
	state_root: &Hash,
	nodes: &[Vec<u8>],
	keys: &[&[u8]],
) -> Result<Vec<Option<Vec<u8>>>, VerifyError> {
	if nodes.windows(2).any(|pair| pair[0] >= pair[1]) {
		return Err(VerifyError::Storage("trie nodes are not sorted and distinct".into()));
	}
	let db = StorageProof::new(nodes.iter().cloned()).into_memory_db::<Blake2Hasher>();
	let root = H256(*state_root);
	let mut recorder = Recorder::<LayoutV1<Blake2Hasher>>::new();
	let mut values = Vec::with_capacity(keys.len());
	for key in keys {
		let value =
			sp_trie::read_trie_value::<LayoutV1<Blake2Hasher>, _>(&db, &root, key, Some(&mut recorder), None)
				.map_err(|e| {
					VerifyError::Storage(format!("the trie proof does not match the state root: {e:?}"))
				})?;
		values.push(value);
	}
	let used: BTreeSet<H256> = recorder.drain().into_iter().map(|record| record.hash).collect();
	for node in nodes {
		let hash = H256(sp_crypto_hashing::blake2_256(node));
		if !used.contains(&hash) {
			return Err(VerifyError::Storage("the trie proof holds a node that is not needed".into()));
		}
	}
	Ok(values)
}
