//! # Pledge pallet
//!
//! Pledge financing (质押融资) of registered data-IP assets. The holder of a registered, unfrozen asset
//! proposes to pledge it to a bank as security for a claim of `secured_fen` falling due at
//! `maturity_ms`; the bank accepts within the proposal's time to live, relying on the asset's current
//! valuation, and the pledge becomes active. Both signatures, the holder's proposal and the bank's
//! acceptance, are thus on chain. The bank releases the pledge when the debt is repaid, or on default
//! enforces it (质权实现), moving the asset to itself or to a buyer through the registry.
//!
//! An active pledge is in force until maturity plus the enforcement grace. While in force it locks the
//! asset: the pallet implements [`iprchain_primitives::AssetLock`], which the registry consults to
//! refuse the holder's transfer and cancellation. After that the pledge lapses by itself: it no longer
//! locks the asset and can no longer be enforced, but the bank may still release it to tidy up. Like
//! the expiry of a proposal, the lapse is never stored; [`Pallet::pledge_state`] derives it.
//!
//! The pallet reads the registry through [`Config::Assets`], appraisals through
//! [`Config::Valuations`] and roles through [`Config::Roles`], so it depends on none of their crates.
//! Every step is an event and an entry in the pledge's [`History`].

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
pub mod runtime_api;
pub mod types;
pub mod weights;

pub use impls::MAX_HISTORY;
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

/// Lets the benchmarks give accounts roles, register assets and value them, since the pallet can only
/// read all three.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Makes `who` hold `role`.
	fn grant_role(who: &AccountId, role: iprchain_primitives::Role);
	/// Registers a new asset of `holder`, unfrozen and valid far beyond the block's time; returns its
	/// id.
	fn register_asset(holder: &AccountId) -> u64;
	/// Gives `asset` a current valuation, valid far beyond the block's time.
	fn value_asset(asset: u64);
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{pallet_prelude::*, traits::UnixTime};
	use frame_system::pallet_prelude::*;
	use iprchain_primitives::{AssetRegistry, EnforceError, Role, RoleInspect, ValuationInspect};

	/// A stored pledge of this runtime.
	pub type PledgeOf<T> = Pledge<<T as frame_system::Config>::AccountId>;
	/// A history entry of this runtime.
	pub type HistoryEntryOf<T> = HistoryEntry<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// Configuration of the pledge pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The data-IP registry: who holds an asset, whether it is registered and frozen, and the
		/// transfer on enforcement.
		type Assets: AssetRegistry<Self::AccountId>;

		/// Appraisals: the current valuation a bank relies on when accepting.
		type Valuations: ValuationInspect;

		/// Role membership: who is a bank, who may receive an asset.
		type Roles: RoleInspect<Self::AccountId>;

		/// Wall-clock time of the block, for proposal expiry, maturity and lapse.
		type TimeProvider: UnixTime;

		/// How long a proposal may be accepted, milliseconds.
		#[pallet::constant]
		type ProposalTtlMs: Get<u64>;

		/// How long after maturity an active pledge stays in force, so the bank can enforce it on
		/// default, milliseconds.
		#[pallet::constant]
		type EnforcementGraceMs: Get<u64>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Grants roles, registers and values assets in benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// The id the next pledge gets.
	#[pallet::storage]
	pub type NextPledgeId<T: Config> = StorageValue<_, u64, ValueQuery>;

	/// Pledges by id, in every state; none is ever removed.
	#[pallet::storage]
	pub type Pledges<T: Config> = StorageMap<_, Blake2_128Concat, u64, PledgeOf<T>, OptionQuery>;

	/// Each asset's current pledge: its open proposal or its active pledge. Cleared on withdrawal,
	/// release and enforcement; overwritten when a new proposal replaces an expired proposal or a
	/// lapsed pledge. Whether it is still open or in force is evaluated at read time.
	#[pallet::storage]
	pub type CurrentPledge<T: Config> = StorageMap<_, Blake2_128Concat, u64, u64, OptionQuery>;

	/// Every pledge of each asset: `(asset, n)` is the `n`-th pledge proposed for it, from 0.
	#[pallet::storage]
	pub type AssetPledges<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, u64, Twox64Concat, u32, u64, OptionQuery>;

	/// How many pledges each asset has had.
	#[pallet::storage]
	pub type AssetPledgeCount<T: Config> = StorageMap<_, Blake2_128Concat, u64, u32, ValueQuery>;

	/// Each pledge's history: `(pledge, n)` is its `n`-th entry, from 0.
	#[pallet::storage]
	pub type History<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, u64, Twox64Concat, u32, HistoryEntryOf<T>, OptionQuery>;

	/// How many entries each pledge's history has.
	#[pallet::storage]
	pub type HistoryLen<T: Config> = StorageMap<_, Blake2_128Concat, u64, u32, ValueQuery>;

	/// Events of the pledge pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A holder proposed to pledge an asset to a bank.
		Proposed {
			/// The new pledge.
			pledge: u64,
			/// The asset.
			asset: u64,
			/// The holder, pledgor.
			pledgor: T::AccountId,
			/// The bank, pledgee.
			pledgee: T::AccountId,
			/// The secured claim, in fen.
			secured_fen: u128,
			/// When the secured debt falls due, Unix milliseconds.
			maturity_ms: u64,
			/// End of the proposal's validity, Unix milliseconds.
			expires_ms: u64,
		},
		/// The bank accepted a proposal: the pledge is active and locks the asset.
		Accepted {
			/// The pledge.
			pledge: u64,
			/// The asset.
			asset: u64,
			/// The bank.
			pledgee: T::AccountId,
			/// Index of the valuation relied on.
			valuation_index: u32,
			/// The appraised value relied on, in fen.
			valuation_fen: u128,
		},
		/// The holder withdrew a proposal.
		ProposalWithdrawn {
			/// The pledge.
			pledge: u64,
			/// The asset.
			asset: u64,
		},
		/// The bank released a pledge.
		Released {
			/// The pledge.
			pledge: u64,
			/// The asset.
			asset: u64,
		},
		/// The bank enforced a pledge on default; the asset went to `to`.
		Enforced {
			/// The pledge.
			pledge: u64,
			/// The asset.
			asset: u64,
			/// Who received the asset: the bank or a buyer.
			to: T::AccountId,
		},
	}

	/// Errors of the pledge pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// Only the asset's holder may propose a pledge of it.
		NotHolder,
		/// No asset has this id.
		UnknownAsset,
		/// The asset is not registered and within its validity.
		AssetNotRegistered,
		/// A court freeze on the asset is in force.
		AssetFrozen,
		/// The named bank, or the signer, does not hold the `Bank` role.
		NotABank,
		/// The asset has an active pledge in force.
		AlreadyPledged,
		/// The asset has an open proposal.
		ProposalPending,
		/// The secured amount must be positive.
		ZeroAmount,
		/// Maturity must lie in the future.
		MaturityInPast,
		/// No pledge has this id.
		UnknownPledge,
		/// Only the pledge's bank may do this.
		NotPledgee,
		/// Only the pledge's proposer may do this.
		NotPledgor,
		/// The pledge is not in a state that allows this.
		WrongState,
		/// The proposal's time to accept has run out.
		ProposalExpired,
		/// The asset has no current valuation to rely on.
		NoCurrentValuation,
		/// The proposer no longer holds the asset.
		HolderChanged,
		/// The pledge is past maturity plus the enforcement grace and can no longer be enforced.
		PledgeLapsed,
		/// The buyer does not hold the `Holder` role.
		BuyerNotHolder,
		/// The bank does not hold the `Holder` role, so it cannot take the asset itself.
		BankNotHolder,
		/// No pledge id, or no slot in the asset's list of pledges, is left.
		Exhausted,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Proposes to pledge `asset` to `bank` as security for `secured_fen` falling due at
		/// `maturity_ms`. The proposal may be accepted for `ProposalTtlMs`.
		///
		/// The signer must hold the asset, which must be registered, unexpired and unfrozen; `bank`
		/// must hold the `Bank` role. The asset must have neither an active pledge in force nor an
		/// open proposal; an expired proposal or a lapsed pledge is replaced as its current pledge.
		/// Emits [`Event::Proposed`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::propose())]
		pub fn propose(
			origin: OriginFor<T>,
			asset: u64,
			bank: T::AccountId,
			secured_fen: u128,
			maturity_ms: u64,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let now = Self::now_ms();
			ensure!(secured_fen > 0, Error::<T>::ZeroAmount);
			ensure!(maturity_ms > now, Error::<T>::MaturityInPast);
			let holder = T::Assets::holder(asset).ok_or(Error::<T>::UnknownAsset)?;
			ensure!(holder == who, Error::<T>::NotHolder);
			ensure!(T::Assets::is_registered(asset, now), Error::<T>::AssetNotRegistered);
			ensure!(!T::Assets::is_frozen(asset, now), Error::<T>::AssetFrozen);
			ensure!(T::Roles::has_role(&bank, Role::Bank), Error::<T>::NotABank);
			if let Some(current) = CurrentPledge::<T>::get(asset).and_then(Pledges::<T>::get) {
				ensure!(!current.in_force(now, T::EnforcementGraceMs::get()), Error::<T>::AlreadyPledged);
				ensure!(!current.is_open_proposal(now), Error::<T>::ProposalPending);
			}

			let pledge = NextPledgeId::<T>::get();
			let next = pledge.checked_add(1).ok_or(Error::<T>::Exhausted)?;
			let n = AssetPledgeCount::<T>::get(asset);
			let count = n.checked_add(1).ok_or(Error::<T>::Exhausted)?;
			let expires_ms = now.saturating_add(T::ProposalTtlMs::get());
			NextPledgeId::<T>::put(next);
			AssetPledgeCount::<T>::insert(asset, count);
			AssetPledges::<T>::insert(asset, n, pledge);
			CurrentPledge::<T>::insert(asset, pledge);
			Pledges::<T>::insert(
				pledge,
				Pledge {
					asset,
					pledgor: who.clone(),
					pledgee: bank.clone(),
					secured_fen,
					maturity_ms,
					proposed_at_ms: now,
					status: PledgeStatus::Proposed { expires_ms },
				},
			);
			Self::record(pledge, &who, now, Action::Proposed { expires_ms });
			Self::deposit_event(Event::Proposed {
				pledge,
				asset,
				pledgor: who,
				pledgee: bank,
				secured_fen,
				maturity_ms,
				expires_ms,
			});
			Ok(())
		}

		/// Accepts an open proposal, establishing the pledge; it locks the asset until maturity plus
		/// `EnforcementGraceMs`.
		///
		/// The signer must be the named bank and hold the `Bank` role. Everything `propose` checked is
		/// checked again: the proposer still holds the asset, which is registered, unexpired and
		/// unfrozen, with no other pledge in force, and maturity still lies ahead. The asset must have
		/// a current valuation, whose index and value are recorded. Emits [`Event::Accepted`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::accept())]
		pub fn accept(origin: OriginFor<T>, pledge: u64) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let now = Self::now_ms();
			let grace_ms = T::EnforcementGraceMs::get();
			let (asset, valuation) = Pledges::<T>::try_mutate(pledge, |slot| {
				let record = slot.as_mut().ok_or(Error::<T>::UnknownPledge)?;
				ensure!(record.pledgee == who, Error::<T>::NotPledgee);
				ensure!(T::Roles::has_role(&who, Role::Bank), Error::<T>::NotABank);
				let PledgeStatus::Proposed { expires_ms } = record.status else {
					return Err(Error::<T>::WrongState);
				};
				ensure!(now < expires_ms, Error::<T>::ProposalExpired);
				ensure!(record.maturity_ms > now, Error::<T>::MaturityInPast);
				let asset = record.asset;
				let holder = T::Assets::holder(asset).ok_or(Error::<T>::UnknownAsset)?;
				ensure!(holder == record.pledgor, Error::<T>::HolderChanged);
				ensure!(T::Assets::is_registered(asset, now), Error::<T>::AssetNotRegistered);
				ensure!(!T::Assets::is_frozen(asset, now), Error::<T>::AssetFrozen);
				// This pledge is only proposed, so any pledge in force is another one.
				ensure!(Self::in_force_pledge(asset, now, grace_ms).is_none(), Error::<T>::AlreadyPledged);
				let valuation = T::Valuations::current(asset, now).ok_or(Error::<T>::NoCurrentValuation)?;
				record.status = PledgeStatus::Active {
					since_ms: now,
					valuation_index: valuation.index,
					valuation_fen: valuation.value_fen,
				};
				Ok::<_, Error<T>>((asset, valuation))
			})?;
			CurrentPledge::<T>::insert(asset, pledge);
			let (valuation_index, valuation_fen) = (valuation.index, valuation.value_fen);
			Self::record(pledge, &who, now, Action::Accepted { valuation_index, valuation_fen });
			Self::deposit_event(Event::Accepted {
				pledge,
				asset,
				pledgee: who,
				valuation_index,
				valuation_fen,
			});
			Ok(())
		}

		/// Withdraws a proposal the bank has not accepted, open or expired.
		///
		/// The proposer only. Emits [`Event::ProposalWithdrawn`].
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::withdraw_proposal())]
		pub fn withdraw_proposal(origin: OriginFor<T>, pledge: u64) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let now = Self::now_ms();
			let asset = Pledges::<T>::try_mutate(pledge, |slot| {
				let record = slot.as_mut().ok_or(Error::<T>::UnknownPledge)?;
				ensure!(record.pledgor == who, Error::<T>::NotPledgor);
				ensure!(matches!(record.status, PledgeStatus::Proposed { .. }), Error::<T>::WrongState);
				record.status = PledgeStatus::Withdrawn { at_ms: now };
				Ok::<_, Error<T>>(record.asset)
			})?;
			Self::clear_current(asset, pledge);
			Self::record(pledge, &who, now, Action::ProposalWithdrawn);
			Self::deposit_event(Event::ProposalWithdrawn { pledge, asset });
			Ok(())
		}

		/// Releases (解除) an active pledge, in force or lapsed, unlocking the asset.
		///
		/// The pledgee bank only; it need not still hold the `Bank` role, since releasing only gives
		/// up its own security. Emits [`Event::Released`].
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::release())]
		pub fn release(origin: OriginFor<T>, pledge: u64) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let now = Self::now_ms();
			let asset = Pledges::<T>::try_mutate(pledge, |slot| {
				let record = slot.as_mut().ok_or(Error::<T>::UnknownPledge)?;
				ensure!(record.pledgee == who, Error::<T>::NotPledgee);
				ensure!(matches!(record.status, PledgeStatus::Active { .. }), Error::<T>::WrongState);
				record.status = PledgeStatus::Released { at_ms: now };
				Ok::<_, Error<T>>(record.asset)
			})?;
			Self::clear_current(asset, pledge);
			Self::record(pledge, &who, now, Action::Released);
			Self::deposit_event(Event::Released { pledge, asset });
			Ok(())
		}

		/// Enforces (实现) an active pledge in force on the pledgor's default: the registry moves the
		/// asset, without the holder's signature, to the bank itself when `buyer` is `None`, or to
		/// `buyer`.
		///
		/// The pledgee bank only, holding the `Bank` role. The proposer must still hold the asset and
		/// no court freeze may be in force. The recipient must hold the `Holder` role: a bank taking
		/// the asset itself needs that role too. The pledge is settled before the registry moves the
		/// asset, so it no longer locks the asset then. Emits [`Event::Enforced`].
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::enforce())]
		pub fn enforce(origin: OriginFor<T>, pledge: u64, buyer: Option<T::AccountId>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let now = Self::now_ms();
			let grace_ms = T::EnforcementGraceMs::get();
			let to = buyer.clone().unwrap_or_else(|| who.clone());
			let asset = Pledges::<T>::try_mutate(pledge, |slot| {
				let record = slot.as_mut().ok_or(Error::<T>::UnknownPledge)?;
				ensure!(record.pledgee == who, Error::<T>::NotPledgee);
				ensure!(T::Roles::has_role(&who, Role::Bank), Error::<T>::NotABank);
				ensure!(matches!(record.status, PledgeStatus::Active { .. }), Error::<T>::WrongState);
				ensure!(record.in_force(now, grace_ms), Error::<T>::PledgeLapsed);
				let asset = record.asset;
				let holder = T::Assets::holder(asset).ok_or(Error::<T>::UnknownAsset)?;
				ensure!(holder == record.pledgor, Error::<T>::HolderChanged);
				ensure!(!T::Assets::is_frozen(asset, now), Error::<T>::AssetFrozen);
				ensure!(T::Roles::has_role(&to, Role::Holder), Self::recipient_error(buyer.is_some()));
				record.status = PledgeStatus::Enforced { to: to.clone(), at_ms: now };
				Ok::<_, Error<T>>(asset)
			})?;
			Self::clear_current(asset, pledge);
			// On failure the call's storage layer rolls the settlement above back.
			T::Assets::enforce_transfer(asset, &to, &who).map_err(|error| match error {
				EnforceError::UnknownAsset => Error::<T>::UnknownAsset,
				EnforceError::NotRegistered => Error::<T>::AssetNotRegistered,
				EnforceError::Frozen => Error::<T>::AssetFrozen,
				EnforceError::RecipientNotHolder => Self::recipient_error(buyer.is_some()),
			})?;
			Self::record(pledge, &who, now, Action::Enforced { to: to.clone() });
			Self::deposit_event(Event::Enforced { pledge, asset, to });
			Ok(())
		}
	}
}
