//! # Validator manager pallet
//!
//! Keeps the set of accounts that author blocks (Aura) and vote on finality (GRANDPA) on iprchain,
//! and hands it to `pallet-session` as its [`pallet_session::SessionManager`].
//!
//! The consortium council ([`Config::ManagerOrigin`]) adds and removes validators. The change is not
//! applied directly to the consensus pallets: calling `pallet_grandpa::schedule_change` alone would
//! not bump the GRANDPA set id, so nodes would disagree about which set signs justifications.
//! Instead the new set goes through `pallet-session`, which tells every session handler (Aura,
//! GRANDPA) about it in the same rotation and so keeps them in step.
//!
//! ## When a change takes effect
//!
//! `pallet-session` asks for the set of session `i + 1` when session `i` starts, and activates it one
//! session later. A change made during session `n` is therefore handed over (queued) when session
//! `n + 1` starts and becomes the active set when session `n + 2` starts.
//!
//! ## Runtime requirements
//!
//! - `pallet-session` must use the account id as validator id (`ValidatorId = AccountId`,
//!   `ValidatorIdOf = ConvertInto`); [`Config`] enforces the first.
//! - List this pallet before `Session` in the runtime, so its genesis set exists when
//!   `pallet-session` builds its own genesis and asks for it.
//! - Every validator must have session keys: the initial ones in `pallet-session`'s genesis `keys`,
//!   later ones through `Session::set_keys` before they are added.
//! - A runtime without balances can use [`NoBalances`] as `pallet-session`'s `Currency`, with a zero
//!   `KeyDeposit`.

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

#[cfg(test)]
mod mock;
mod no_balances;
#[cfg(test)]
mod tests;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod weights;

pub use no_balances::NoBalances;
pub use pallet::*;
pub use weights::WeightInfo;

use alloc::vec::Vec;
use pallet_session::SessionManager;
use sp_runtime::traits::SaturatedConversion;

/// Index of a session, as `pallet-session` counts them.
type SessionIndex = u32;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// Configuration of the validator manager pallet.
	///
	/// The validator id of `pallet-session` must be the account id: the set kept here is a list of
	/// accounts and is handed to the session pallet unchanged.
	#[pallet::config]
	pub trait Config:
		frame_system::Config + pallet_session::Config<ValidatorId = <Self as frame_system::Config>::AccountId>
	{
		/// Origin allowed to add and remove validators (root, or a 2/3 majority of the council).
		type ManagerOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The fewest validators the set may shrink to by [`Pallet::remove_validator`]. GRANDPA
		/// needs more than 2/3 of the set online to finalize, so a set that is too small halts
		/// finality on a single outage. Must be at least 1 and at most [`Config::MaxValidators`].
		#[pallet::constant]
		type MinValidators: Get<u32>;

		/// The most validators the set may hold; bounds the storage and the weight of the calls.
		#[pallet::constant]
		type MaxValidators: Get<u32>;

		/// Weights of this pallet's calls. pallet-session has a `WeightInfo` too, so write
		/// `<T as Config>::WeightInfo`.
		type WeightInfo: WeightInfo;
	}

	/// The intended validator set, in the order handed to `pallet-session` (which is the order Aura
	/// assigns slots in). It differs from `pallet_session::Validators`, the active set, for the two
	/// sessions after a change.
	#[pallet::storage]
	pub type Validators<T: Config> = StorageValue<_, BoundedVec<T::AccountId, T::MaxValidators>, ValueQuery>;

	/// Whether [`Validators`] changed since it was last handed to `pallet-session`. Returning the set
	/// only after a change keeps sessions without a change from triggering a needless GRANDPA set
	/// change.
	#[pallet::storage]
	pub type SetChanged<T: Config> = StorageValue<_, bool, ValueQuery>;

	/// The validator set of the first block.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The initial validators, in JSON `initialValidators`. Each needs session keys in
		/// `pallet-session`'s genesis `keys`; `pallet-session` takes this list as the set of
		/// sessions 0 and 1. If left empty, the accounts of `pallet-session`'s genesis `keys` are
		/// adopted instead.
		pub initial_validators: Vec<T::AccountId>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			// A broken list is a mistake in the chain spec; refusing to build makes it visible.
			for (i, who) in self.initial_validators.iter().enumerate() {
				assert!(
					!self.initial_validators[..i].contains(who),
					"genesis config lists a validator twice",
				);
			}
			let set: BoundedVec<T::AccountId, T::MaxValidators> = self
				.initial_validators
				.clone()
				.try_into()
				.expect("genesis config lists more validators than MaxValidators");
			if set.is_empty() {
				return;
			}
			// The set is only non-empty already when pallet-session built its genesis first (the
			// runtime lists it before this pallet) and `start_session(0)` adopted its set. The two
			// must agree, or the chain would start with a set that differs from the intended one.
			let adopted = Validators::<T>::get();
			assert!(
				adopted.is_empty() || adopted == set,
				"genesis `initialValidators` differ from the validators of pallet-session's genesis \
				 `keys`; list ValidatorManager before Session in the runtime or make them equal",
			);
			Validators::<T>::put(set);
		}
	}

	/// Events of the validator manager pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `who` joins the validator set. The change is queued when the next session starts and
		/// becomes active when the session after that starts.
		ValidatorAdded {
			/// The account that will validate.
			who: T::AccountId,
		},
		/// `who` leaves the validator set. The change is queued when the next session starts and
		/// becomes active when the session after that starts; until then `who` keeps validating.
		ValidatorRemoved {
			/// The account that will no longer validate.
			who: T::AccountId,
		},
	}

	/// Errors of the validator manager pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// The account is already in the validator set.
		AlreadyValidator,
		/// The account is not in the validator set.
		NotValidator,
		/// The set already holds [`Config::MaxValidators`] validators.
		TooManyValidators,
		/// Removing the account would leave fewer than [`Config::MinValidators`] validators.
		TooFewValidators,
		/// The account has no session keys. `pallet-session` silently leaves validators without
		/// keys out of the set, so the account must call `Session::set_keys` before it is added.
		NoSessionKeys,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			// An empty set hands no authority to Aura and GRANDPA: the chain would stop for good.
			assert!(T::MinValidators::get() >= 1, "MinValidators must be at least 1");
			assert!(
				T::MinValidators::get() <= T::MaxValidators::get(),
				"MinValidators must not exceed MaxValidators",
			);
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Adds `who` to the validator set.
		///
		/// `who` must already have session keys (`Session::set_keys`). It starts validating two
		/// session rotations later, see [`Event::ValidatorAdded`].
		///
		/// Origin: [`Config::ManagerOrigin`]. Emits [`Event::ValidatorAdded`].
		#[pallet::call_index(0)]
		#[pallet::weight(<T as Config>::WeightInfo::add_validator())]
		pub fn add_validator(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::ManagerOrigin::ensure_origin(origin)?;
			Self::do_add_validator(&who)
		}

		/// Removes `who` from the validator set, never below [`Config::MinValidators`].
		///
		/// `who` keeps validating until the change is active two session rotations later, see
		/// [`Event::ValidatorRemoved`]. Its session keys stay registered.
		///
		/// Origin: [`Config::ManagerOrigin`]. Emits [`Event::ValidatorRemoved`].
		#[pallet::call_index(1)]
		#[pallet::weight(<T as Config>::WeightInfo::remove_validator())]
		pub fn remove_validator(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::ManagerOrigin::ensure_origin(origin)?;
			Self::do_remove_validator(&who)
		}
	}

	impl<T: Config> Pallet<T> {
		/// The intended validator set (which becomes active at most two sessions later).
		pub fn validators() -> Vec<T::AccountId> {
			Validators::<T>::get().into_inner()
		}

		/// Adds `who` without an origin check: the common path of the call, also usable by a
		/// runtime's benchmark helpers.
		pub fn do_add_validator(who: &T::AccountId) -> DispatchResult {
			Validators::<T>::try_mutate(|set| -> DispatchResult {
				ensure!(!set.contains(who), Error::<T>::AlreadyValidator);
				ensure!(pallet_session::NextKeys::<T>::contains_key(who), Error::<T>::NoSessionKeys);
				set.try_push(who.clone()).map_err(|_| Error::<T>::TooManyValidators)?;
				Ok(())
			})?;
			SetChanged::<T>::put(true);
			Self::deposit_event(Event::ValidatorAdded { who: who.clone() });
			Ok(())
		}

		/// Removes `who` without an origin check.
		pub fn do_remove_validator(who: &T::AccountId) -> DispatchResult {
			Validators::<T>::try_mutate(|set| -> DispatchResult {
				let index = set.iter().position(|v| v == who).ok_or(Error::<T>::NotValidator)?;
				ensure!(
					set.len().saturated_into::<u32>() > T::MinValidators::get(),
					Error::<T>::TooFewValidators
				);
				// `remove`, not `swap_remove`: keeping the order keeps the slots of the others.
				set.remove(index);
				Ok(())
			})?;
			SetChanged::<T>::put(true);
			Self::deposit_event(Event::ValidatorRemoved { who: who.clone() });
			Ok(())
		}
	}
}

impl<T: Config> SessionManager<T::AccountId> for Pallet<T> {
	/// The set for session `_new_index`, only when it changed since it was last handed over: `None`
	/// keeps the current set and tells pallet-session (and so GRANDPA) that nothing changed.
	fn new_session(_new_index: SessionIndex) -> Option<Vec<T::AccountId>> {
		if !SetChanged::<T>::take() {
			return None;
		}
		Some(Self::validators())
	}

	/// The set of sessions 0 and 1, asked for while pallet-session builds its genesis. This pallet's
	/// genesis set wins over the accounts of pallet-session's `keys`, so it is the one intended set.
	/// `None` when empty (no `initialValidators`, or this pallet builds its genesis after
	/// pallet-session): pallet-session then uses its `keys`, and `start_session(0)` adopts them.
	fn new_session_genesis(_new_index: SessionIndex) -> Option<Vec<T::AccountId>> {
		let set = Self::validators();
		if set.is_empty() {
			return None;
		}
		// pallet-session would leave a validator without keys out of the queued set but keep it in
		// `Session::Validators`, so the block author index would map to the wrong account.
		for who in &set {
			assert!(
				pallet_session::Pallet::<T>::load_keys(who).is_some(),
				"a genesis validator has no session keys in pallet-session's genesis `keys`",
			);
		}
		Some(set)
	}

	fn end_session(_end_index: SessionIndex) {}

	fn start_session(start_index: SessionIndex) {
		// Session 0 is only started by pallet-session's genesis build. If this pallet has no set
		// yet, the one pallet-session chose from its `keys` becomes the intended set, so the first
		// `add_validator` extends it instead of replacing it.
		if start_index == 0 && Validators::<T>::get().is_empty() {
			let set = pallet_session::Validators::<T>::get();
			let set: frame_support::BoundedVec<_, T::MaxValidators> =
				set.try_into().expect("pallet-session's genesis lists more validators than MaxValidators");
			Validators::<T>::put(set);
		}
	}
}
