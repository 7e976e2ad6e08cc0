//! Offline proof bundles for iprchain records: the court's light client.
//!
//! A bundle ([`ProofBundle`], specified in `docs/proof-format.md`) lets anyone check, with no network
//! and no trust in any node, that an evidence record was in finalized chain state at a block F
//! finalized by the chain's GRANDPA authorities. [`verify_bytes`] checks, in order: the format and its
//! canonical byte form; the genesis hash and initial authority set against a trust anchor; each
//! authority-set change; F's justification; the storage proof at F's state root (which must also show
//! the genesis hash under `System.BlockHash(0)`); the record. [`Report::check_original`] then checks an
//! original file against the record's digest.
//!
//! The crate depends on no node or runtime crate and builds without `std`.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod chain;
pub mod format;
pub mod verify;

pub use format::{
	AuthoritySet, CaptureSummary, FinalizedHeader, Hex32, HexBytes, ProofBundle, RecordProof, RecordSummary,
	TrustAnchor, FORMAT_NAME, FORMAT_VERSION,
};
pub use verify::{
	genesis_block_hash_key, parse_canonical, read_proof, ss58, summarize, verify_bundle, verify_bytes,
	Report, SetChangeReport, StoredRecord, VerifyError,
};
