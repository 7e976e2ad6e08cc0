//! Storage migrations of `pallet-data-ip`, one module per storage version.

use crate::pallet::{Assets, Config, Endings, History, HistoryLen, Pallet};
use crate::types::{Action, AssetStatus};
use crate::{Ending, Registration};
use frame_support::{
	migrations::VersionedMigration,
	pallet_prelude::*,
	traits::{Get, UncheckedOnRuntimeUpgrade},
};
use frame_system::pallet_prelude::BlockNumberFor;

/// Version 0 → 1: version 0 kept an ended registration's numbers only in the asset's history, so a
/// certificate check read the whole history. Version 1 keeps them in [`Endings`] when a registration
/// is cancelled or revoked. This rebuilds the record of every asset that version 0 ended, once, from
/// its history: the registration entry, the renewals after it, and the entry that ended it.
pub mod v1 {
	use super::*;

	/// The migration's work, without the version check: use [`MigrateToV1`].
	pub struct UncheckedMigrateToV1<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut reads = 0u64;
			let mut writes = 0u64;
			for (asset, record) in Assets::<T>::iter() {
				reads = reads.saturating_add(1);
				if !matches!(record.status, AssetStatus::Cancelled | AssetStatus::Revoked { .. }) {
					continue;
				}
				let (ending, read) = ending_from_history::<T>(asset);
				reads = reads.saturating_add(read);
				if let Some(ending) = ending {
					Endings::<T>::insert(asset, ending);
					writes = writes.saturating_add(1);
				}
			}
			T::DbWeight::get().reads_writes(reads, writes)
		}
	}

	/// The ending of `asset` as its history tells it, and how many items were read. `None` when the
	/// history holds no registration or no ending, which version 0 never wrote.
	pub(crate) fn ending_from_history<T: Config>(asset: u64) -> (Option<Ending<BlockNumberFor<T>>>, u64) {
		let len = HistoryLen::<T>::get(asset);
		let mut registration: Option<Registration> = None;
		let mut ending = None;
		for index in 0..len {
			let Some(entry) = History::<T>::get(asset, index) else { continue };
			match entry.action {
				Action::Registered { certificate_no, registration_no, valid_until_ms } => {
					registration = Some(Registration {
						certificate_no,
						registration_no,
						// Approval set the validity's start to the block's time it recorded.
						valid_from_ms: entry.at_ms,
						valid_until_ms,
					});
				}
				Action::Renewed { valid_until_ms } => {
					if let Some(registration) = registration.as_mut() {
						registration.valid_until_ms = valid_until_ms;
					}
				}
				Action::Cancelled | Action::Revoked { .. } => ending = Some((entry.at_ms, entry.block)),
				_ => {}
			}
		}
		let ending = registration.zip(ending).map(|(registration, (at_ms, block))| Ending {
			registration,
			at_ms,
			block,
		});
		(ending, u64::from(len).saturating_add(1))
	}

	/// Runs [`UncheckedMigrateToV1`] when the pallet's on-chain storage version is 0, then sets it to 1;
	/// a no-op otherwise. List it in the runtime's `Migrations`.
	pub type MigrateToV1<T> =
		VersionedMigration<0, 1, UncheckedMigrateToV1<T>, Pallet<T>, <T as frame_system::Config>::DbWeight>;
}
