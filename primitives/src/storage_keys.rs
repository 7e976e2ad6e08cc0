//! Storage keys of the records a proof file shows, computed without the runtime: the verifier needs them
//! to know which key a storage proof must contain. Tested against the pallets' `hashed_key_for`.

use crate::hashing::{Digest, HashAlgo};
use alloc::vec::Vec;
use codec::Encode;
use sp_crypto_hashing::{blake2_128, twox_128};

/// Name of the evidence pallet in `construct_runtime` (the storage prefix of its items).
pub const EVIDENCE_PALLET: &[u8] = b"Evidence";
/// Storage item of deposited records: `(HashAlgo, Digest) => EvidenceRecord`.
pub const EVIDENCE_RECORDS: &[u8] = b"Records";
/// Storage item of anchored batches: `(HashAlgo, root) => BatchAnchor`.
pub const EVIDENCE_BATCHES: &[u8] = b"Batches";
/// Name of the roles pallet in `construct_runtime`.
pub const ROLES_PALLET: &[u8] = b"Roles";
/// Storage item of role sets: `AccountId => RoleSet`.
pub const ROLES_ACCOUNTS: &[u8] = b"AccountRoles";

/// `twox128(pallet) ‖ twox128(item)`: the prefix of every key of one storage item.
pub fn storage_prefix(pallet: &[u8], item: &[u8]) -> [u8; 32] {
	let mut prefix = [0u8; 32];
	prefix[..16].copy_from_slice(&twox_128(pallet));
	prefix[16..].copy_from_slice(&twox_128(item));
	prefix
}

/// Key of a map entry hashed with `Blake2_128Concat`.
pub fn blake2_128_concat_key(pallet: &[u8], item: &[u8], key: &impl Encode) -> Vec<u8> {
	let encoded = key.encode();
	let mut out = Vec::with_capacity(32 + 16 + encoded.len());
	out.extend_from_slice(&storage_prefix(pallet, item));
	out.extend_from_slice(&blake2_128(&encoded));
	out.extend_from_slice(&encoded);
	out
}

/// Storage key of the evidence record for `digest` under `algo`.
pub fn evidence_record_key(algo: HashAlgo, digest: &Digest) -> Vec<u8> {
	blake2_128_concat_key(EVIDENCE_PALLET, EVIDENCE_RECORDS, &(algo, digest))
}

/// Storage key of the batch anchored under `root` with `algo`.
pub fn batch_anchor_key(algo: HashAlgo, root: &Digest) -> Vec<u8> {
	blake2_128_concat_key(EVIDENCE_PALLET, EVIDENCE_BATCHES, &(algo, root))
}
