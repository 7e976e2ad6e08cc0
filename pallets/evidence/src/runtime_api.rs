//! Runtime API to read records and anchors, for RPC and the client's proof export.

use iprchain_primitives::{BatchAnchor, Digest, EvidenceRecord, HashAlgo};

sp_api::decl_runtime_apis! {
	/// Reads of the evidence pallet's storage.
	pub trait EvidenceApi<AccountId: codec::Codec, BlockNumber: codec::Codec> {
		/// The record of `digest` under `algo`, if deposited.
		fn evidence(algo: HashAlgo, digest: Digest) -> Option<EvidenceRecord<AccountId, BlockNumber>>;
		/// The anchor of the batch `root` under `algo`, if anchored.
		fn batch(algo: HashAlgo, root: Digest) -> Option<BatchAnchor<AccountId, BlockNumber>>;
	}
}
