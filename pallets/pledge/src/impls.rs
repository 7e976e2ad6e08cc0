//! The pallet's lock on assets, its history bookkeeping and the reads behind its runtime API.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use frame_support::traits::{Get, UnixTime};
use iprchain_primitives::AssetLock;

/// Most entries a pledge's history holds: it is proposed, perhaps accepted, and ends once (the
/// proposal withdrawn, or the pledge released or enforced); an expired proposal or a lapsed pledge
/// writes nothing. `ipr_getPledge` returns the history whole because of this bound.
pub const MAX_HISTORY: u32 = 3;

impl<T: Config> Pallet<T> {
	/// The pledge with id `pledge`, as stored.
	pub fn pledge(pledge: u64) -> Option<PledgeOf<T>> {
		Pledges::<T>::get(pledge)
	}

	/// The state of `pledge` at `now_ms` (the block's time when `None`), with an expired proposal and
	/// a lapsed pledge reported as such; `None` for an unknown pledge.
	pub fn pledge_state(pledge: u64, now_ms: Option<u64>) -> Option<PledgeState> {
		let now_ms = now_ms.unwrap_or_else(Self::now_ms);
		Pledges::<T>::get(pledge).map(|record| record.state(now_ms, T::EnforcementGraceMs::get()))
	}

	/// The active pledge in force on `asset` at `now_ms` (the block's time when `None`), with its id.
	pub fn active_pledge(asset: u64, now_ms: Option<u64>) -> Option<(u64, PledgeOf<T>)> {
		let now_ms = now_ms.unwrap_or_else(Self::now_ms);
		Self::in_force_pledge(asset, now_ms, T::EnforcementGraceMs::get())
	}

	/// Every pledge ever proposed for `asset`, oldest first, with its id: for tests, which check the
	/// whole list. The runtime API reads pages ([`Self::pledges_page`]), since an asset may be pledged
	/// again and again and no pledge is ever removed.
	#[cfg(test)]
	pub fn pledges_of(asset: u64) -> Vec<(u64, PledgeOf<T>)> {
		Self::pledges_page(asset, 0, AssetPledgeCount::<T>::get(asset)).0
	}

	/// One page of the pledges proposed for `asset` for the runtime API: up to `limit` from the
	/// asset's `start`-th pledge, oldest first, with their ids, never more than
	/// [`crate::runtime_api::MAX_PLEDGES_PAGE`] (anyone may make the call through `state_call`, so the
	/// runtime bounds its own reads), and how many pledges the asset has had. Each is its own
	/// storage item, so only the page is read.
	pub fn pledges_page(asset: u64, start: u32, limit: u32) -> (Vec<(u64, PledgeOf<T>)>, u32) {
		let count = AssetPledgeCount::<T>::get(asset);
		let limit = limit.min(crate::runtime_api::MAX_PLEDGES_PAGE);
		let end = count.min(start.saturating_add(limit));
		let page = (start..end)
			.filter_map(|n| AssetPledges::<T>::get(asset, n))
			.filter_map(|pledge| Pledges::<T>::get(pledge).map(|record| (pledge, record)))
			.collect();
		(page, count)
	}

	/// The whole history of `pledge`, oldest first: at most [`MAX_HISTORY`] entries, and no more are
	/// read even if storage said otherwise, so the runtime API's read stays bounded without a page.
	pub fn history(pledge: u64) -> Vec<HistoryEntryOf<T>> {
		let len = HistoryLen::<T>::get(pledge).min(MAX_HISTORY);
		(0..len).filter_map(|n| History::<T>::get(pledge, n)).collect()
	}

	/// The current pledge of `asset` if it is active and in force at `now_ms`.
	pub(crate) fn in_force_pledge(asset: u64, now_ms: u64, grace_ms: u64) -> Option<(u64, PledgeOf<T>)> {
		let pledge = CurrentPledge::<T>::get(asset)?;
		let record = Pledges::<T>::get(pledge)?;
		record.in_force(now_ms, grace_ms).then_some((pledge, record))
	}

	/// Clears the asset's current pledge if it is `pledge`: a later proposal may have replaced an
	/// expired proposal or a lapsed pledge, and stays current.
	pub(crate) fn clear_current(asset: u64, pledge: u64) {
		CurrentPledge::<T>::mutate_exists(asset, |current| {
			if *current == Some(pledge) {
				*current = None;
			}
		});
	}

	/// The error for a recipient of an enforcement without the `Holder` role.
	pub(crate) fn recipient_error(to_buyer: bool) -> Error<T> {
		if to_buyer {
			Error::<T>::BuyerNotHolder
		} else {
			Error::<T>::BankNotHolder
		}
	}

	/// Appends an entry to the pledge's history.
	pub(crate) fn record(pledge: u64, actor: &T::AccountId, now_ms: u64, action: Action<T::AccountId>) {
		let index = HistoryLen::<T>::get(pledge);
		History::<T>::insert(
			pledge,
			index,
			HistoryEntry {
				block: frame_system::Pallet::<T>::block_number(),
				at_ms: now_ms,
				actor: actor.clone(),
				action,
			},
		);
		// A pledge has at most `MAX_HISTORY` entries: proposed, accepted, and how it ended.
		debug_assert!(index < MAX_HISTORY, "pledge {pledge} has a fourth history entry");
		HistoryLen::<T>::insert(pledge, index.saturating_add(1));
	}

	pub(crate) fn now_ms() -> u64 {
		// Milliseconds fit in a u64 for the next 500 million years.
		T::TimeProvider::now().as_millis() as u64
	}
}

/// An asset is locked while it has an active pledge in force; a mere proposal, a lapsed, released or
/// enforced pledge locks nothing.
impl<T: Config> AssetLock for Pallet<T> {
	fn is_locked(asset: u64, now_ms: u64) -> bool {
		Self::in_force_pledge(asset, now_ms, T::EnforcementGraceMs::get()).is_some()
	}
}
