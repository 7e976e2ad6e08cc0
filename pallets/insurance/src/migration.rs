//! Storage migrations of `pallet-insurance`, one module per storage version.

use crate::pallet::{Config, Pallet, Policies, PoliciesOf};
use crate::types::PolicyEntry;
use alloc::vec::Vec;
use frame_support::{
	migrations::VersionedMigration,
	pallet_prelude::*,
	traits::{Get, UncheckedOnRuntimeUpgrade},
};

/// Version 0 → 1: a subject's list of policies, [`PoliciesOf`], held bare ids and counted every
/// policy ever bound; it now holds [`PolicyEntry`] (id and end of term), so that ended policies can be
/// dropped without reading them. Each id is looked up once for its end; an id naming no policy (none
/// can, but a migration should not invent one) is left out.
pub mod v1 {
	use super::*;

	/// The list as version 0 stored it.
	pub(crate) type OldList<T> = BoundedVec<u64, <T as Config>::MaxPoliciesPerSubject>;

	/// The migration's work, without the version check: use [`MigrateToV1`].
	pub struct UncheckedMigrateToV1<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut reads = 0u64;
			let mut writes = 0u64;
			PoliciesOf::<T>::translate::<OldList<T>, _>(|_subject, ids| {
				reads = reads.saturating_add(1 + ids.len() as u64);
				writes = writes.saturating_add(1);
				let entries: Vec<PolicyEntry> = ids
					.into_iter()
					.filter_map(|policy| {
						Policies::<T>::get(policy).map(|record| PolicyEntry { policy, end_ms: record.end_ms })
					})
					.collect();
				// As many entries as ids at most, so the bound holds.
				Some(BoundedVec::truncate_from(entries))
			});
			T::DbWeight::get().reads_writes(reads, writes)
		}
	}

	/// Runs [`UncheckedMigrateToV1`] when the pallet's on-chain storage version is 0, then sets it to 1;
	/// a no-op otherwise. List it in the runtime's `Migrations`.
	pub type MigrateToV1<T> =
		VersionedMigration<0, 1, UncheckedMigrateToV1<T>, Pallet<T>, <T as frame_system::Config>::DbWeight>;
}
