//! JSON shapes of the `ipr_*` RPC answers, shared by the node that serves them and the client that
//! reads them. Accounts are SS58 strings and binary fields `0x`-hex, so any JSON-RPC client can use them.

use alloc::string::String;
use serde::{Deserialize, Serialize};

/// Answer of `ipr_getEvidence`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EvidenceView {
	/// `sha256` or `sm3`.
	pub algo: String,
	/// The deposited digest, `0x`-hex.
	pub digest: String,
	/// Evidence kind, kebab-case.
	pub kind: String,
	/// Title, decoded as UTF-8 (lossy).
	pub title: String,
	/// Capture details, for 取证 deposits.
	pub capture: Option<CaptureView>,
	/// Signer of the deposit, SS58.
	pub submitter: String,
	/// Right holder the deposit is for, SS58.
	pub owner: String,
	/// Block in which it was deposited.
	pub block_number: u32,
	/// Hash of that block, when the node still knows it (it always does unless the block is not
	/// canonical any more).
	pub block_hash: Option<String>,
	/// Timestamp of that block, Unix milliseconds.
	pub deposited_at: u64,
	/// Whether the deposit block is finalized.
	pub finalized: bool,
	/// The block whose state answered the query.
	pub at: AtView,
}

/// Capture details of an [`EvidenceView`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CaptureView {
	/// Source URL (lossy UTF-8).
	pub source_url: String,
	/// Capture time, Unix milliseconds.
	pub captured_at: u64,
	/// Digest of the capture environment and log, `0x`-hex.
	pub environment_digest: String,
	/// Merkle root of the captured files, `0x`-hex.
	pub files_root: String,
}

/// Answer of `ipr_getBatch`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchView {
	/// `sha256` or `sm3`.
	pub algo: String,
	/// The anchored root, `0x`-hex.
	pub root: String,
	/// Leaves under the root.
	pub leaf_count: u32,
	/// Signer, SS58.
	pub submitter: String,
	/// Block in which it was anchored.
	pub block_number: u32,
	/// Hash of that block, when known.
	pub block_hash: Option<String>,
	/// Timestamp of that block, Unix milliseconds.
	pub anchored_at: u64,
	/// Whether the anchoring block is finalized.
	pub finalized: bool,
	/// The block whose state answered the query.
	pub at: AtView,
}

/// Which block an answer was read at.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AtView {
	/// Block hash, `0x`-hex.
	pub hash: String,
	/// Block number.
	pub number: u32,
	/// Whether that block is finalized.
	pub finalized: bool,
}

/// `0x`-hex of bytes.
pub fn to_hex(bytes: &[u8]) -> String {
	let mut out = String::with_capacity(2 + bytes.len() * 2);
	out.push_str("0x");
	for byte in bytes {
		out.push_str(&alloc::format!("{byte:02x}"));
	}
	out
}
