//! Runtime API to read valuations, for the RPC and the CLI.

use crate::types::Valuation;
use alloc::vec::Vec;

sp_api::decl_runtime_apis! {
	/// Reads of the valuation pallet's storage.
	pub trait ValuationApi<AccountId: codec::Codec> {
		/// Every valuation of `asset`, oldest first (the position is the index), withdrawn and
		/// expired ones included.
		fn valuations(asset: u64) -> Vec<Valuation<AccountId>>;
		/// The asset's current valuation and its index: the newest of the newest `MaxScan` that is
		/// neither withdrawn nor expired at `now_ms`, or at the block's own time when `None`.
		fn current(asset: u64, now_ms: Option<u64>) -> Option<(u32, Valuation<AccountId>)>;
	}
}
