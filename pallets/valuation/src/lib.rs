//! # Valuation pallet
//!
//! Appraisals (价值评估) of registered data-IP assets. An account holding the `Appraiser` role (a
//! valuation firm, 评估机构) records what a registered, unexpired asset is worth, in fen, by which
//! method, until when, and the digest of its report; the report stays off chain. It may later
//! withdraw a valuation of its own, giving the digest of the reason.
//!
//! Nothing is ever deleted: each asset's valuations are kept by index, from 0, in
//! [`Valuations`], with their number in [`ValuationCount`]. An appraiser has at most one valuation of
//! an asset in force: a new one supersedes (withdraws) its previous one. The asset's valuations in
//! force, at most [`Config::MaxInForce`] (so that many appraisers), are listed in [`InForce`]; the
//! *current* valuation at a given time is the newest of them neither expired nor withdrawn. Pledges
//! read it through [`iprchain_primitives::ValuationInspect`]. Expired valuations leave the list at the
//! next submission, so short-lived valuations cannot bury the current one, and one appraiser's
//! valuations cannot fill the list.
//!
//! The registry is only read, through [`iprchain_primitives::AssetRegistry::is_registered`], when a
//! valuation is submitted: a valuation stays in history, and current while valid, if its asset later
//! expires or is cancelled or revoked. Whoever relies on it (a pledge) checks the registration itself.

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

#[cfg(test)]
mod mock;
#[cfg(test)]
mod page_tests;
#[cfg(test)]
mod tests;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod impls;
pub mod migration;
pub mod runtime_api;
pub mod types;
pub mod weights;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

/// Lets the benchmarks give accounts roles and register assets, since the pallet can only read both.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Makes `who` hold `role`.
	fn grant_role(who: &AccountId, role: iprchain_primitives::Role);
	/// Makes an asset registered and unexpired at the block's time; returns its id.
	fn register_asset() -> u64;
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{pallet_prelude::*, traits::UnixTime};
	use frame_system::pallet_prelude::*;
	use iprchain_primitives::{AssetRegistry, Role, RoleInspect};

	/// A stored valuation of this runtime.
	pub type ValuationOf<T> = Valuation<<T as frame_system::Config>::AccountId>;

	/// An asset's list of valuations in force, of this runtime.
	pub type InForceOf<T> =
		BoundedVec<InForceEntry<<T as frame_system::Config>::AccountId>, <T as Config>::MaxInForce>;

	/// Version 1: the list of valuations in force ([`InForce`]) replaced the scan of the newest
	/// `MaxScan`; see [`crate::migration::v1`].
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the valuation pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Role membership: who may appraise.
		type Roles: RoleInspect<Self::AccountId>;

		/// The data-IP registry, read to check that a valued asset is registered and unexpired.
		type Registry: AssetRegistry<Self::AccountId>;

		/// Wall-clock time of the block, for the valuation date and validity.
		type TimeProvider: UnixTime;

		/// How many valuations of one asset may be in force at once, each by a different appraiser;
		/// at least 1. It bounds the reads of [`iprchain_primitives::ValuationInspect`] (one
		/// [`InForce`] read and, in practice, one `Valuations` read) that a pledge pays for.
		#[pallet::constant]
		type MaxInForce: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Grants roles and registers assets in benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Valuations: `(asset, n)` is the asset's `n`-th valuation, from 0. None is ever removed.
	#[pallet::storage]
	pub type Valuations<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, u64, Twox64Concat, u32, ValuationOf<T>, OptionQuery>;

	/// How many valuations each asset has; the next one gets this index.
	#[pallet::storage]
	pub type ValuationCount<T: Config> = StorageMap<_, Blake2_128Concat, u64, u32, ValueQuery>;

	/// Each asset's valuations in force when the list was last written, oldest first, at most one per
	/// appraiser: a submission drops the expired ones, a withdrawal its own.
	#[pallet::storage]
	pub type InForce<T: Config> = StorageMap<_, Blake2_128Concat, u64, InForceOf<T>, ValueQuery>;

	/// Events of the valuation pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An appraiser recorded a valuation.
		Valued {
			/// The asset valued.
			asset: u64,
			/// Index of the valuation among the asset's valuations.
			index: u32,
			/// The appraiser.
			appraiser: T::AccountId,
			/// Appraised value in fen (0.01 CNY).
			value_fen: u128,
			/// The approach taken.
			method: ValuationMethod,
			/// End of the valuation's validity, Unix milliseconds.
			valid_until_ms: u64,
		},
		/// An appraiser's new valuation superseded its previous one of the same asset, which is now
		/// withdrawn with the new report's digest as the reason.
		Superseded {
			/// The asset.
			asset: u64,
			/// Index of the superseded valuation.
			index: u32,
			/// Index of the valuation that superseded it.
			by: u32,
		},
		/// An appraiser withdrew one of its valuations.
		Withdrawn {
			/// The asset.
			asset: u64,
			/// Index of the valuation among the asset's valuations.
			index: u32,
			/// Digest of the reason for the withdrawal.
			reason_digest: [u8; 32],
		},
	}

	/// Errors of the valuation pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// Only an `Appraiser` may submit valuations.
		NotAppraiser,
		/// The asset is not registered and within its validity: unknown, not yet registered, expired,
		/// cancelled or revoked.
		AssetNotRegistered,
		/// The value must be more than zero.
		ZeroValue,
		/// An appraiser cannot value an asset it holds.
		OwnAsset,
		/// The end of the validity must lie after the block's time.
		ValidityInPast,
		/// The asset has no valuation with this index.
		UnknownValuation,
		/// Only the appraiser that submitted a valuation may withdraw it.
		NotYourValuation,
		/// The valuation has been withdrawn already.
		AlreadyWithdrawn,
		/// The asset has as many valuations as indices allow.
		Exhausted,
		/// `MaxInForce` other appraisers have a valuation of the asset in force: one must expire or be
		/// withdrawn first.
		TooManyInForce,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(
				T::MaxInForce::get() > 0,
				"MaxInForce must be at least 1, or no valuation is ever current"
			);
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Records a valuation of `asset`, which must be registered and unexpired now: worth
		/// `value_fen` fen (more than zero) by `method`, valid until `valid_until_ms` (after now),
		/// with the digest of the off-chain report. It gets the asset's next index and, while valid
		/// and not withdrawn, is the asset's current valuation. The appraiser's previous valuation of
		/// the asset, if still in force, is superseded: withdrawn, with this report's digest as the
		/// reason. Refused when `MaxInForce` other appraisers have a valuation of it in force.
		///
		/// Appraiser only. Emits [`Event::Valued`], after [`Event::Superseded`] if one was.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::submit())]
		pub fn submit(
			origin: OriginFor<T>,
			asset: u64,
			value_fen: u128,
			method: ValuationMethod,
			report_digest: [u8; 32],
			valid_until_ms: u64,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(T::Roles::has_role(&who, Role::Appraiser), Error::<T>::NotAppraiser);
			ensure!(value_fen > 0, Error::<T>::ZeroValue);
			let now = Self::now_ms();
			ensure!(valid_until_ms > now, Error::<T>::ValidityInPast);
			ensure!(T::Registry::is_registered(asset, now), Error::<T>::AssetNotRegistered);
			// An appraiser valuing its own asset is a conflict of interest a bank could not see.
			ensure!(T::Registry::holder(asset).as_ref() != Some(&who), Error::<T>::OwnAsset);

			let index = ValuationCount::<T>::get(asset);
			let next = index.checked_add(1).ok_or(Error::<T>::Exhausted)?;
			let mut in_force = InForce::<T>::get(asset);
			let previous = in_force
				.iter()
				.find(|entry| entry.appraiser == who && entry.valid_until_ms > now)
				.map(|e| e.index);
			in_force.retain(|entry| entry.valid_until_ms > now && entry.appraiser != who);
			in_force
				.try_push(InForceEntry { index, appraiser: who.clone(), valid_until_ms })
				.map_err(|_| Error::<T>::TooManyInForce)?;
			if let Some(old) = previous {
				Valuations::<T>::mutate(asset, old, |slot| {
					if let Some(valuation) = slot {
						valuation.withdrawn = Some(Withdrawal { at_ms: now, reason_digest: report_digest });
					}
				});
				Self::deposit_event(Event::Superseded { asset, index: old, by: index });
			}
			InForce::<T>::insert(asset, in_force);
			Valuations::<T>::insert(
				asset,
				index,
				Valuation {
					asset,
					appraiser: who.clone(),
					value_fen,
					method,
					report_digest,
					valued_at_ms: now,
					valid_until_ms,
					withdrawn: None,
				},
			);
			ValuationCount::<T>::insert(asset, next);
			Self::deposit_event(Event::Valued {
				asset,
				index,
				appraiser: who,
				value_fen,
				method,
				valid_until_ms,
			});
			Ok(())
		}

		/// Withdraws valuation `index` of `asset`, with the digest of the reason. It stays in the
		/// history, marked withdrawn, and is no longer current; an older valuation still in force may
		/// become current instead. An expired valuation, or one of an asset no longer registered, may
		/// be withdrawn too, and the appraiser need not hold the `Appraiser` role any more.
		///
		/// Only the appraiser that submitted it, once. Emits [`Event::Withdrawn`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::withdraw())]
		pub fn withdraw(
			origin: OriginFor<T>,
			asset: u64,
			index: u32,
			reason_digest: [u8; 32],
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let now = Self::now_ms();
			Valuations::<T>::try_mutate(asset, index, |slot| {
				let valuation = slot.as_mut().ok_or(Error::<T>::UnknownValuation)?;
				ensure!(valuation.appraiser == who, Error::<T>::NotYourValuation);
				ensure!(valuation.withdrawn.is_none(), Error::<T>::AlreadyWithdrawn);
				valuation.withdrawn = Some(Withdrawal { at_ms: now, reason_digest });
				Ok::<_, Error<T>>(())
			})?;
			InForce::<T>::mutate(asset, |in_force| in_force.retain(|entry| entry.index != index));
			Self::deposit_event(Event::Withdrawn { asset, index, reason_digest });
			Ok(())
		}
	}
}
