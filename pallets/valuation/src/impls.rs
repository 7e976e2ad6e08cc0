//! The reads behind the pallet's runtime API and its [`ValuationInspect`] implementation.

use crate::pallet::*;
use alloc::vec::Vec;
use frame_support::traits::UnixTime;
use iprchain_primitives::{CurrentValuation, ValuationInspect};

impl<T: Config> Pallet<T> {
	/// Every valuation of `asset`, oldest first: for tests, which check the whole list. The runtime
	/// API reads pages ([`Self::valuations_page`]), since an asset's valuations are never removed.
	#[cfg(test)]
	pub fn valuations(asset: u64) -> Vec<ValuationOf<T>> {
		(0..ValuationCount::<T>::get(asset)).filter_map(|index| Valuations::<T>::get(asset, index)).collect()
	}

	/// One page of `asset`'s valuations for the runtime API: up to `limit` from index `start`, oldest
	/// first (a valuation's index is `start` plus its position), never more than
	/// [`crate::runtime_api::MAX_VALUATIONS_PAGE`] (anyone may make the call through `state_call`, so
	/// the runtime bounds its own reads), with how many valuations the asset has. Each valuation is
	/// its own storage item, so only the page is read.
	pub fn valuations_page(asset: u64, start: u32, limit: u32) -> (Vec<ValuationOf<T>>, u32) {
		let count = ValuationCount::<T>::get(asset);
		let limit = limit.min(crate::runtime_api::MAX_VALUATIONS_PAGE);
		let end = count.min(start.saturating_add(limit));
		let page = (start..end).filter_map(|index| Valuations::<T>::get(asset, index)).collect();
		(page, count)
	}

	/// The current valuation of `asset` at `now_ms` (the block's time when `None`) and its index: the
	/// newest of its valuations in force ([`InForce`]) that is neither expired at `now_ms` nor
	/// withdrawn.
	///
	/// `now_ms` only moves the expiry check: withdrawals count whenever they were made, and
	/// valuations made after `now_ms` are not left out. The registry is not consulted.
	pub fn current_valuation(asset: u64, now_ms: Option<u64>) -> Option<(u32, ValuationOf<T>)> {
		let now_ms = now_ms.unwrap_or_else(Self::now_ms);
		InForce::<T>::get(asset).into_iter().rev().filter(|entry| entry.valid_until_ms > now_ms).find_map(
			|entry| {
				Valuations::<T>::get(asset, entry.index)
					.filter(|valuation| valuation.is_in_force(now_ms))
					.map(|valuation| (entry.index, valuation))
			},
		)
	}

	pub(crate) fn now_ms() -> u64 {
		// Milliseconds fit in a u64 for the next 500 million years.
		T::TimeProvider::now().as_millis() as u64
	}
}

/// Reads one `InForce` entry and the `Valuations` entry of the newest valuation in force: withdrawn
/// and superseded valuations leave the list, and expired ones are skipped without a read.
impl<T: Config> ValuationInspect for Pallet<T> {
	fn current(asset: u64, now_ms: u64) -> Option<CurrentValuation> {
		Self::current_valuation(asset, Some(now_ms)).map(|(index, valuation)| valuation.summary(index))
	}
}
