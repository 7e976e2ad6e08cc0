//! The proof bundle as it is written to disk: versioned JSON, one canonical byte form.
//!
//! The canonical form is `serde_json`'s pretty printing of [`ProofBundle`] (tab-free, two-space
//! indent, fields in declaration order, lower-case `0x` hex) followed by one `\n`. A file whose bytes
//! are not exactly the canonical form of what it parses to is rejected before any other check, so
//! whitespace, key order, escapes and hex case cannot be changed without failing verification.

use alloc::{string::String, vec::Vec};
use serde::{Deserialize, Serialize};

/// Value of the `format` field.
pub const FORMAT_NAME: &str = "iprchain-proof";
/// The highest format version this crate writes and reads. Version 1 proves an evidence record
/// (`record`); version 2 adds the batch-item proof (`batchItem`). A file carries the lowest version that
/// expresses its content (see [`ProofBundle::required_version`]), so a version-1 verifier still reads
/// every record proof.
pub const FORMAT_VERSION: u32 = 2;
/// The version of a record proof.
pub const RECORD_VERSION: u32 = 1;
/// The version of a batch-item proof.
pub const BATCH_ITEM_VERSION: u32 = 2;

/// A self-contained proof that a record was in finalized chain state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProofBundle {
	/// Always [`FORMAT_NAME`].
	pub format: String,
	/// [`RECORD_VERSION`] with `record`, [`BATCH_ITEM_VERSION`] with `batch_item`.
	pub version: u32,
	/// Hash of the chain's genesis block.
	pub genesis_hash: Hex32,
	/// The GRANDPA authority set the proof starts from (the chain's genesis set, id 0, for an exporter
	/// that walks the whole history).
	pub initial_authorities: AuthoritySet,
	/// Blocks that enacted an authority-set change, oldest first, each with the justification by which
	/// the outgoing set finalized it. Empty while the chain still runs its initial set.
	pub set_changes: Vec<FinalizedHeader>,
	/// The block F at which the record is proved, with F's own justification.
	pub finalized: FinalizedHeader,
	/// The storage proof at F's state root and the record it yields (exactly one of `record` and
	/// `batch_item` is present).
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub record: Option<RecordProof>,
	/// A batch item: the storage proof of its anchored batch at F's state root and the item's Merkle
	/// path to the anchored root (format version 2).
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub batch_item: Option<BatchItemProof>,
}

/// One item of an anchored batch (`Evidence.Batches`): the item, its Merkle path to the root, and the
/// storage proof of the anchor at F's state root.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BatchItemProof {
	/// `sha256` or `sm3`: the algorithm of the item digest and of the tree.
	pub algo: String,
	/// The item's digest (the original file's hash); its leaf is H(0x00 ‖ digest).
	pub digest: Hex32,
	/// The anchored Merkle root.
	pub root: Hex32,
	/// Position of the item among the batch's leaves.
	pub leaf_index: u32,
	/// Sibling hashes from the leaf up to the root (RFC 9162 inclusion path).
	pub path: Vec<Hex32>,
	/// Storage key of the anchor (derived from `algo` and `root`; stated for readers).
	pub storage_key: HexBytes,
	/// SCALE-encoded `BatchAnchor` as stored.
	pub value: HexBytes,
	/// Trie nodes proving `value` under `storage_key` and the genesis hash under
	/// `System.BlockHash(0)`, sorted by bytes, no duplicates, none unused.
	pub trie_nodes: Vec<HexBytes>,
	/// The anchor decoded for human readers; must equal what `value` decodes to.
	pub stated: BatchSummary,
}

/// A human-readable batch anchor, as decoded from its SCALE value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BatchSummary {
	/// Number of leaves under the root.
	pub leaf_count: u32,
	/// Account that anchored the batch (SS58, prefix 42).
	pub submitter: String,
	/// Block in which the batch was anchored.
	pub block_number: u32,
	/// Timestamp of that block, Unix milliseconds.
	pub anchored_at: u64,
}

/// A GRANDPA authority set: its id and its members (each of weight 1, as pallet-grandpa assigns).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AuthoritySet {
	/// The set id (0 at genesis, +1 per change).
	pub set_id: u64,
	/// The members' ed25519 public keys, in the chain's order.
	pub authorities: Vec<Hex32>,
}

/// A header (SCALE) with its GRANDPA justification (SCALE), exactly as the node stores them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FinalizedHeader {
	/// SCALE-encoded header; its BLAKE2-256 is the block hash.
	pub header: HexBytes,
	/// SCALE-encoded `GrandpaJustification` of that header.
	pub justification: HexBytes,
}

/// The record and its storage proof at F's state root.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RecordProof {
	/// `sha256` or `sm3`.
	pub algo: String,
	/// The deposited digest.
	pub digest: Hex32,
	/// Storage key of the record (derived from `algo` and `digest`; stated for readers).
	pub storage_key: HexBytes,
	/// SCALE-encoded `EvidenceRecord` as stored.
	pub value: HexBytes,
	/// Trie nodes proving `value` under `storage_key` and the genesis hash under
	/// `System.BlockHash(0)`, sorted by bytes, no duplicates, none unused.
	pub trie_nodes: Vec<HexBytes>,
	/// The record decoded for human readers; must equal what `value` decodes to.
	pub stated: RecordSummary,
}

/// A human-readable record, as decoded from its SCALE value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RecordSummary {
	/// Evidence kind (`copyright`, `data`, …).
	pub kind: String,
	/// Title (lossy UTF-8).
	pub title: String,
	/// Account that signed the deposit (SS58, prefix 42).
	pub submitter: String,
	/// Right holder (SS58, prefix 42).
	pub owner: String,
	/// Block in which the deposit was included.
	pub block_number: u32,
	/// Timestamp of that block, Unix milliseconds.
	pub deposited_at: u64,
	/// Capture details of a 取证 deposit.
	pub capture: Option<CaptureSummary>,
}

/// Capture details, decoded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CaptureSummary {
	/// Source URL (lossy UTF-8).
	pub source_url: String,
	/// Capture start, Unix milliseconds.
	pub captured_at: u64,
	/// Digest of the capture environment and log.
	pub environment_digest: Hex32,
	/// Merkle root over the captured files.
	pub files_root: Hex32,
}

/// The trusted starting point of verification: obtained independently of the proof file (from the
/// chain's operators, a published chain spec, or `iprchain proof trust` against a node one trusts).
///
/// Version 1 (no `version` field, as first written) holds the genesis only; version 2 adds a
/// [`Checkpoint`], on which every proof must then build. A version-1 reader refuses a version-2 file
/// (unknown fields are denied) instead of silently dropping its checkpoint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TrustAnchor {
	/// Absent (or [`TRUST_GENESIS_VERSION`]) for a genesis-only anchor, [`TRUST_CHECKPOINT_VERSION`]
	/// with a checkpoint; see [`TrustAnchor::required_version`].
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub version: Option<u32>,
	/// Hash of the genesis block.
	pub genesis_hash: Hex32,
	/// The initial GRANDPA authority set.
	pub initial_authorities: AuthoritySet,
	/// A later finalized block and the set in force after it, published by the council (version 2).
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub checkpoint: Option<Checkpoint>,
}

/// The trust-file version of a genesis-only anchor (written without a `version` field).
pub const TRUST_GENESIS_VERSION: u32 = 1;
/// The trust-file version of an anchor with a checkpoint.
pub const TRUST_CHECKPOINT_VERSION: u32 = 2;

/// A finalized block C of the chain and the GRANDPA set in force after it. Once a verifier holds it,
/// a proof's authority-set history must run through that set exactly as the checkpointed chain did,
/// so keys of sets retired before C (which may leak years later) cannot forge a proof it accepts.
///
/// It carries its own history from the anchor's initial set, so a verifier checks that C is
/// finalized by a set reachable from genesis (catching a checkpoint of another chain or a corrupted
/// one); whether C is the real chain's block rests on who published it (the council), since retired
/// keys could sign such a history too.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Checkpoint {
	/// C's number (stated for readers; must be the header's).
	pub block_number: u32,
	/// C's hash (stated for readers; must be BLAKE2-256 of the header).
	pub block_hash: Hex32,
	/// The set in force after C: the one of C's own justification, or, if C enacts a change, the new
	/// set (set id + 1).
	pub set: AuthoritySet,
	/// Blocks before C that enacted an authority-set change, oldest first, from the anchor's initial
	/// set (the same rules as a proof's `setChanges`).
	pub set_changes: Vec<FinalizedHeader>,
	/// C's header and its justification by the set in force at C.
	pub finalized: FinalizedHeader,
}

impl ProofBundle {
	/// The version a bundle with this content must carry: [`RECORD_VERSION`] for a record,
	/// [`BATCH_ITEM_VERSION`] for a batch item.
	pub fn required_version(&self) -> u32 {
		if self.batch_item.is_some() {
			BATCH_ITEM_VERSION
		} else {
			RECORD_VERSION
		}
	}

	/// The canonical byte form: pretty JSON and one final newline.
	pub fn to_canonical_bytes(&self) -> Vec<u8> {
		let mut out = serde_json::to_vec_pretty(self).expect("a bundle always serializes");
		out.push(b'\n');
		out
	}
}

impl TrustAnchor {
	/// A genesis-only anchor (trust-file version 1).
	pub fn genesis(genesis_hash: Hex32, initial_authorities: AuthoritySet) -> Self {
		TrustAnchor { version: None, genesis_hash, initial_authorities, checkpoint: None }
	}

	/// The version a trust file with this content must carry: [`TRUST_CHECKPOINT_VERSION`] with a
	/// checkpoint, else [`TRUST_GENESIS_VERSION`] (written as no `version` field).
	pub fn required_version(&self) -> u32 {
		if self.checkpoint.is_some() {
			TRUST_CHECKPOINT_VERSION
		} else {
			TRUST_GENESIS_VERSION
		}
	}

	/// The canonical byte form: pretty JSON and one final newline.
	pub fn to_canonical_bytes(&self) -> Vec<u8> {
		let mut out = serde_json::to_vec_pretty(self).expect("an anchor always serializes");
		out.push(b'\n');
		out
	}
}

/// Bytes written as a `0x`-prefixed hex string.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct HexBytes(pub Vec<u8>);

/// 32 bytes written as a `0x`-prefixed hex string.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Hex32(pub [u8; 32]);

fn encode_hex(bytes: &[u8]) -> String {
	let mut out = String::with_capacity(2 + bytes.len() * 2);
	out.push_str("0x");
	out.push_str(&hex::encode(bytes));
	out
}

fn decode_hex<E: serde::de::Error>(text: &str) -> Result<Vec<u8>, E> {
	let digits = text.strip_prefix("0x").ok_or_else(|| E::custom("hex string without 0x prefix"))?;
	hex::decode(digits).map_err(|e| E::custom(alloc::format!("bad hex: {e}")))
}

impl Serialize for HexBytes {
	fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
		serializer.serialize_str(&encode_hex(&self.0))
	}
}

impl<'de> Deserialize<'de> for HexBytes {
	fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
		let text = String::deserialize(deserializer)?;
		decode_hex(&text).map(HexBytes)
	}
}

impl Serialize for Hex32 {
	fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
		serializer.serialize_str(&encode_hex(&self.0))
	}
}

impl<'de> Deserialize<'de> for Hex32 {
	fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
		let text = String::deserialize(deserializer)?;
		let bytes = decode_hex::<D::Error>(&text)?;
		let array: [u8; 32] =
			bytes.try_into().map_err(|_| serde::de::Error::custom("expected 32 bytes of hex"))?;
		Ok(Hex32(array))
	}
}
