//! Runtime API to read valuations, for the RPC and the CLI.

use crate::types::Valuation;
use alloc::vec::Vec;

/// Most valuations one [`ValuationApi::valuations`] page holds: a larger `limit` is cut to it. The
/// runtime bounds its own reads because anyone may call it through `state_call`; the RPC refuses a
/// larger `limit` outright.
pub const MAX_VALUATIONS_PAGE: u32 = 1_000;

sp_api::decl_runtime_apis! {
	/// Reads of the valuation pallet's storage.
	pub trait ValuationApi<AccountId: codec::Codec> {
		/// Up to `limit` (at most [`MAX_VALUATIONS_PAGE`]) valuations of `asset` from index `start`,
		/// oldest first (a valuation's index is `start` plus its position), withdrawn and expired ones
		/// included, with how many valuations the asset has.
		fn valuations(asset: u64, start: u32, limit: u32) -> (Vec<Valuation<AccountId>>, u32);
		/// The asset's current valuation and its index: the newest of those in force that is
		/// neither withdrawn nor expired at `now_ms`, or at the block's own time when `None`.
		fn current(asset: u64, now_ms: Option<u64>) -> Option<(u32, Valuation<AccountId>)>;
	}
}
