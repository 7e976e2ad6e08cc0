//! Storage migrations of `pallet-valuation`, one module per storage version.

use crate::pallet::{Config, Event, InForce, InForceOf, Pallet, ValuationCount, Valuations};
use crate::types::{InForceEntry, Withdrawal};
use alloc::vec::Vec;
use frame_support::{
	migrations::VersionedMigration,
	pallet_prelude::*,
	traits::{Get, UncheckedOnRuntimeUpgrade, UnixTime},
};

/// Version 0 → 1: version 0 found the current valuation by scanning an asset's newest `MaxScan`
/// valuations, so short-lived ones could push a valid one out of reach. Version 1 lists the
/// valuations in force ([`InForce`]), one per appraiser. For each asset this reads its newest
/// `MaxInForce` valuations (what version 0 looked at) and lists those in force now, the newest of each
/// appraiser; an older one of the same appraiser still in force is superseded, as a new submission
/// would supersede it. A valuation version 0 could no longer see stays out of reach.
pub mod v1 {
	use super::*;

	/// The migration's work, without the version check: use [`MigrateToV1`].
	pub struct UncheckedMigrateToV1<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			// Milliseconds fit in a u64 for the next 500 million years.
			let now = T::TimeProvider::now().as_millis() as u64;
			let scan = T::MaxInForce::get();
			let mut reads = 1u64;
			let mut writes = 0u64;
			for (asset, count) in ValuationCount::<T>::iter() {
				reads = reads.saturating_add(1);
				let mut newest_first: Vec<InForceEntry<T::AccountId>> = Vec::new();
				for index in (count.saturating_sub(scan)..count).rev() {
					reads = reads.saturating_add(1);
					let Some(valuation) = Valuations::<T>::get(asset, index) else { continue };
					if !valuation.is_in_force(now) {
						continue;
					}
					match newest_first.iter().find(|entry| entry.appraiser == valuation.appraiser) {
						Some(newer) => {
							let (by, reason_digest) = (
								newer.index,
								Valuations::<T>::get(asset, newer.index).map(|v| v.report_digest),
							);
							Valuations::<T>::mutate(asset, index, |slot| {
								if let Some(old) = slot {
									old.withdrawn = Some(Withdrawal {
										at_ms: now,
										reason_digest: reason_digest.unwrap_or_default(),
									});
								}
							});
							Pallet::<T>::deposit_event(Event::Superseded { asset, index, by });
							reads = reads.saturating_add(1);
							writes = writes.saturating_add(1);
						}
						None => newest_first.push(InForceEntry {
							index,
							appraiser: valuation.appraiser,
							valid_until_ms: valuation.valid_until_ms,
						}),
					}
				}
				if !newest_first.is_empty() {
					newest_first.reverse();
					// At most `MaxInForce` were read, so the bound holds.
					InForce::<T>::insert(asset, InForceOf::<T>::truncate_from(newest_first));
					writes = writes.saturating_add(1);
				}
			}
			T::DbWeight::get().reads_writes(reads, writes)
		}
	}

	/// Runs [`UncheckedMigrateToV1`] when the pallet's on-chain storage version is 0, then sets it to 1;
	/// a no-op otherwise. List it in the runtime's `Migrations`.
	pub type MigrateToV1<T> =
		VersionedMigration<0, 1, UncheckedMigrateToV1<T>, Pallet<T>, <T as frame_system::Config>::DbWeight>;
}
