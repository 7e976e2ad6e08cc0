//! Runtime API to read pledges, for the RPC and the CLI.

use crate::types::{HistoryEntry, Pledge, PledgeState};
use alloc::vec::Vec;

/// Most pledges one [`PledgeApi::pledges_of`] page holds: a larger `limit` is cut to it, because
/// anyone may call the runtime API through `state_call`.
pub const MAX_PLEDGES_PAGE: u32 = 1_000;

sp_api::decl_runtime_apis! {
	/// Reads of the pledge pallet's storage.
	pub trait PledgeApi<AccountId: codec::Codec, BlockNumber: codec::Codec> {
		/// The pledge with this id, as stored.
		fn pledge(pledge: u64) -> Option<Pledge<AccountId>>;
		/// The state of the pledge with expiry and lapse evaluated at `now_ms`, or at the block's own
		/// time when `None`.
		fn pledge_state(pledge: u64, now_ms: Option<u64>) -> Option<PledgeState>;
		/// The asset's active pledge in force at `now_ms`, or at the block's own time when `None`,
		/// with its id.
		fn active_pledge(asset: u64, now_ms: Option<u64>) -> Option<(u64, Pledge<AccountId>)>;
		/// Up to `limit` (at most [`MAX_PLEDGES_PAGE`]) of the pledges proposed for the asset, from its
		/// `start`-th, oldest first, with their ids, and how many pledges the asset has had.
		fn pledges_of(asset: u64, start: u32, limit: u32) -> (Vec<(u64, Pledge<AccountId>)>, u32);
		/// The whole history of the pledge, oldest first: at most [`crate::MAX_HISTORY`] entries.
		fn pledge_history(pledge: u64) -> Vec<HistoryEntry<AccountId, BlockNumber>>;
		/// How long after maturity an active pledge stays in force (`EnforcementGraceMs`).
		fn enforcement_grace_ms() -> u64;
	}
}
