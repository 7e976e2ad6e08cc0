//! Offline proof bundles for iprchain records: the court's light client.
//!
//! A bundle ([`ProofBundle`], specified in `docs/proof-format.md`) lets anyone check, with no network
//! and no trust in any node, that an evidence record was in finalized chain state at a block F
//! finalized by the chain's GRANDPA authorities. [`verify_bytes`] checks, in order: the format and its
//! canonical byte form; the genesis hash and initial authority set against a trust anchor; each
//! authority-set change; F's justification; the storage proof at F's state root (which must also show
//! the genesis hash under `System.BlockHash(0)`); the record, or for a batch item the anchored batch
//! and the item's Merkle path to its root. [`Report::check_original`] then checks an original file
//! against the record's (or item's) digest. [`trust_from_chain_spec`] derives the trust anchor from a
//! raw chain spec. A trust anchor may carry a [`Checkpoint`] (a later finalized block and the set in
//! force after it, published by the council); a proof must then build on it ([`checkpoint`]), so keys
//! of authority sets retired before it cannot forge a proof the verifier accepts.
//!
//! The crate depends on no node or runtime crate and builds without `std`.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod chain;
pub mod checkpoint;
pub mod format;
pub mod sets;
pub mod spec;
pub mod verify;

pub use checkpoint::{check_newer, check_trust, make_checkpoint, CheckedCheckpoint, CheckpointReport};
pub use format::{
	AuthoritySet, BatchItemProof, BatchSummary, CaptureSummary, Checkpoint, FinalizedHeader, Hex32, HexBytes,
	ProofBundle, RecordProof, RecordSummary, TrustAnchor, BATCH_ITEM_VERSION, FORMAT_NAME, FORMAT_VERSION,
	RECORD_VERSION, TRUST_CHECKPOINT_VERSION, TRUST_GENESIS_VERSION,
};
pub use spec::{is_chain_spec, trust_from_chain_spec, ChainSpecError};
pub use verify::{
	genesis_block_hash_key, parse_canonical, read_proof, ss58, summarize, summarize_batch, verify_bundle,
	verify_bytes, BatchItemReport, Report, SetChangeReport, StoredBatch, StoredRecord, VerifyError,
};
