//! # Roles pallet
//!
//! Keeps the set of [`Role`]s each account holds. iprchain is permissioned: only an account holding at
//! least one role may submit a signed transaction, which the [`CheckRole`] transaction extension
//! enforces at pool admission and again right before dispatch.
//!
//! Roles are granted and revoked by [`Config::ManagerOrigin`] (root today, a council later) and may be
//! set in genesis. Other pallets read membership through [`RoleInspect`] without depending on this
//! crate.
//!
//! Workstations register right holders (权利人) themselves with [`Pallet::register_holder`] once they
//! have done the KYC off chain; the chain keeps a digest of the holder's unified social credit code
//! (USCC) so the same organisation cannot be registered under two accounts.
//!
//! A role holder whose key is compromised could still flood the feeless chain, so [`TxQuota`] bounds
//! how many signed transactions one account may have included per block; [`CheckRole`] enforces it.
//! The quota bounds the rate, not the total: the [`Budget`] bounds what one account may have included
//! per day, and how many holders one workstation may register per day (each a new account with a
//! quota of its own); see [`budget`].
//!
//! The chain is feeless and has no balances, so holding a role is what keeps an account alive: the
//! first role ever granted adds a provider reference to the account (without it `CheckNonce` would
//! reject every transaction of the account as unpaid-for). Losing the last role does not remove it: an
//! account with history is never reaped, so its nonce never goes back and its old transactions can never
//! be replayed.

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

pub mod budget;
mod extension;
mod genesis_serde;
#[cfg(test)]
mod mock;
mod nonce_window;
#[cfg(test)]
mod nonce_window_tests;
#[cfg(test)]
mod tests;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod budget_tests;
pub mod weights;

pub use budget::DailyBudget;
pub use extension::CheckRole;
pub use iprchain_primitives::{roles::HolderInfo, Role, RoleInspect, RoleSet};
pub use nonce_window::{
	nonce_window, CheckNonce, MAX_LONGEVITY, NEXT_NONCE_PRIORITY, NONCE_WINDOW_MIN,
	NONCE_WINDOW_WITHOUT_QUOTA,
};
pub use pallet::*;
pub use weights::WeightInfo;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// Configuration of the roles pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Origin allowed to grant and revoke roles.
		type ManagerOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Blocks in a day of the [`Budget`] (43_200 at 2 s slots); at least 1.
		#[pallet::constant]
		type BlocksPerDay: Get<BlockNumberFor<Self>>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// The roles each account holds. Accounts holding no role have no entry, so iterating the map
	/// lists exactly the members of the chain.
	#[pallet::storage]
	pub type AccountRoles<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, RoleSet, ValueQuery>;

	/// Most signed transactions one account may have included in a block; 0 means unlimited.
	///
	/// Enforced by [`CheckRole`] when a transaction is applied, see there.
	#[pallet::storage]
	pub type TxQuota<T> = StorageValue<_, u32, ValueQuery>;

	/// Signed transactions of an account included so far, as `(block, count)`.
	///
	/// Keeping the block number with the count means nothing has to be cleared at each block: an entry
	/// from an earlier block counts as 0. Only written while [`TxQuota`] is non-zero; removed when the
	/// account loses its last role, so it exists at most once per member.
	#[pallet::storage]
	pub type BlockTxCount<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, (BlockNumberFor<T>, u32), OptionQuery>;

	/// The daily budget in force (0 in a field: no limit on it). Enforced at the pool and in the block
	/// by [`CheckNonce`] and [`CheckRole`] for transactions, and by [`Pallet::register_holder`] for
	/// holders; set by [`Config::ManagerOrigin`].
	#[pallet::storage]
	pub type Budget<T> = StorageValue<_, DailyBudget, ValueQuery>;

	/// Signed transactions of an account included so far today, as `(day, count)`; an entry of an
	/// earlier day counts as 0. Written only while a daily transaction budget is set; removed when the
	/// account loses its last role.
	#[pallet::storage]
	pub type DayTxCount<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, (u32, u32), OptionQuery>;

	/// Holders a workstation registered so far today, as `(day, count)`; like [`DayTxCount`].
	#[pallet::storage]
	pub type DayHolderCount<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, (u32, u32), OptionQuery>;

	/// Holders registered by a workstation, with the digest of their USCC.
	///
	/// An entry exists only while the account holds [`Role::Holder`]; a holder granted the role by
	/// [`Config::ManagerOrigin`] or in genesis has none.
	#[pallet::storage]
	pub type Holders<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		HolderInfo<T::AccountId, BlockNumberFor<T>>,
		OptionQuery,
	>;

	/// The account registered under each USCC digest: the uniqueness index of [`Holders`], and the
	/// way to find a holder from its code.
	#[pallet::storage]
	pub type HolderByUscc<T: Config> = StorageMap<_, Blake2_128Concat, [u8; 32], T::AccountId, OptionQuery>;

	/// Roles held from the first block.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Each account with the roles it starts with. In JSON a role is written by its lower-case
		/// name (`"workstation"`, `"holder"`, ...), see [`Role::name`].
		#[serde(with = "crate::genesis_serde")]
		pub roles: Vec<(T::AccountId, Vec<Role>)>,
		/// Initial [`TxQuota`] (0: unlimited). JSON key `txQuota`; it may be left out, so chain specs
		/// written before it existed still load, meaning no quota.
		#[serde(default)]
		pub tx_quota: u32,
		/// Initial [`Budget`]. JSON key `dailyBudget` (`{ "txPerDay": …, "holdersPerDay": … }`); it may
		/// be left out, meaning no daily limit.
		#[serde(default)]
		pub daily_budget: DailyBudget,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for (who, roles) in &self.roles {
				for role in roles {
					// A duplicate is a mistake in the chain spec; refusing to build makes it visible.
					Pallet::<T>::do_grant_role(who, *role)
						.expect("genesis config lists the same role twice for one account");
				}
			}
			TxQuota::<T>::put(self.tx_quota);
			Budget::<T>::put(self.daily_budget);
		}
	}

	/// Events of the roles pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `who` was granted `role`.
		RoleGranted {
			/// The account that now holds the role.
			who: T::AccountId,
			/// The role granted.
			role: Role,
		},
		/// `who` lost `role`.
		RoleRevoked {
			/// The account that no longer holds the role.
			who: T::AccountId,
			/// The role revoked.
			role: Role,
		},
		/// The per-account, per-block transaction quota changed.
		TxQuotaSet {
			/// The new [`TxQuota`]; 0 means unlimited.
			quota: u32,
		},
		/// The daily budget changed.
		DailyBudgetSet {
			/// The new [`Budget`].
			budget: DailyBudget,
		},
		/// A workstation registered `who` as a right holder; a [`Event::RoleGranted`] for
		/// [`Role::Holder`] precedes it.
		HolderRegistered {
			/// The new holder.
			who: T::AccountId,
			/// Digest of the holder's USCC.
			uscc_digest: [u8; 32],
			/// The registering workstation.
			by: T::AccountId,
		},
	}

	/// Errors of the roles pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// The account already holds the role being granted.
		AlreadyHasRole,
		/// The account does not hold the role being revoked.
		RoleNotHeld,
		/// Only an account holding [`Role::Workstation`] may register holders.
		NotAWorkstation,
		/// A holder is already registered under this USCC digest.
		UsccAlreadyRegistered,
		/// The workstation has registered as many holders today as the daily budget allows.
		HolderBudgetExhausted,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::BlocksPerDay::get() > 0u32.into(), "BlocksPerDay must be at least 1");
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Grants `role` to `who`.
		///
		/// Granting the first role of an account makes it a provider-backed account, so it can submit
		/// transactions without holding any balance.
		///
		/// Origin: [`Config::ManagerOrigin`]. Emits [`Event::RoleGranted`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::grant_role())]
		pub fn grant_role(origin: OriginFor<T>, who: T::AccountId, role: Role) -> DispatchResult {
			T::ManagerOrigin::ensure_origin(origin)?;
			Self::do_grant_role(&who, role)
		}

		/// Revokes `role` from `who`.
		///
		/// Revoking the last role keeps the account's provider reference: the account is never reaped,
		/// so its nonce never goes back and transactions it signed before cannot be replayed once it is
		/// granted a role again. Its pending transactions are refused by [`CheckRole`].
		/// Revoking [`Role::Holder`] also deletes the account's [`Holders`] record and frees its USCC
		/// digest, so the organisation can be registered again (under this or another account).
		///
		/// Origin: [`Config::ManagerOrigin`]. Emits [`Event::RoleRevoked`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::revoke_role())]
		pub fn revoke_role(origin: OriginFor<T>, who: T::AccountId, role: Role) -> DispatchResult {
			T::ManagerOrigin::ensure_origin(origin)?;
			Self::do_revoke_role(&who, role)
		}

		/// Sets [`TxQuota`], the most signed transactions one account may have included per block;
		/// 0 lifts the limit. Takes effect from the next transaction applied.
		///
		/// Origin: [`Config::ManagerOrigin`]. Emits [`Event::TxQuotaSet`].
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::set_tx_quota())]
		pub fn set_tx_quota(origin: OriginFor<T>, quota: u32) -> DispatchResult {
			T::ManagerOrigin::ensure_origin(origin)?;
			TxQuota::<T>::put(quota);
			Self::deposit_event(Event::TxQuotaSet { quota });
			Ok(())
		}

		/// Sets the daily [`Budget`]: how many signed transactions one account may have included per day
		/// and how many holders one workstation may register per day; 0 in a field lifts that limit.
		/// Takes effect from the next transaction; what was counted today still counts.
		///
		/// Origin: [`Config::ManagerOrigin`]. Emits [`Event::DailyBudgetSet`].
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::set_daily_budget())]
		pub fn set_daily_budget(origin: OriginFor<T>, budget: DailyBudget) -> DispatchResult {
			T::ManagerOrigin::ensure_origin(origin)?;
			Budget::<T>::put(budget);
			Self::deposit_event(Event::DailyBudgetSet { budget });
			Ok(())
		}

		/// Registers `who` as a right holder: grants it [`Role::Holder`] (as [`Pallet::grant_role`]
		/// would, provider reference included) and records the digest of its USCC.
		///
		/// The KYC is the workstation's job and happens off chain, so the signer must hold
		/// [`Role::Workstation`]; the record names it. `uscc_digest` is the digest of the holder's
		/// unified social credit code; the code itself must never be submitted. An account that already
		/// holds the role (granted by the manager, say) is refused rather than given a record after the
		/// fact: revoke the role first. A workstation registers at most the daily budget's
		/// `holders_per_day` holders per day.
		///
		/// Origin: signed by a workstation. Emits [`Event::RoleGranted`], then
		/// [`Event::HolderRegistered`].
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::register_holder())]
		pub fn register_holder(
			origin: OriginFor<T>,
			who: T::AccountId,
			uscc_digest: [u8; 32],
		) -> DispatchResult {
			let by = ensure_signed(origin)?;
			Self::do_register_holder(&by, &who, uscc_digest)
		}
	}

	impl<T: Config> Pallet<T> {
		/// The roles `who` holds (empty if none).
		pub fn roles_of(who: &T::AccountId) -> RoleSet {
			AccountRoles::<T>::get(who)
		}

		/// Grants `role` to `who` without an origin check: the common path of the call and genesis,
		/// also usable by a runtime's benchmark helpers.
		pub fn do_grant_role(who: &T::AccountId, role: Role) -> DispatchResult {
			AccountRoles::<T>::try_mutate_exists(who, |maybe_set| -> DispatchResult {
				let mut set = maybe_set.unwrap_or_default();
				let was_member = !set.is_empty();
				ensure!(set.insert(role), Error::<T>::AlreadyHasRole);
				// One provider reference for ever, taken the first time the account becomes a member:
				// a former member keeps its account (and its nonce) when it is granted a role again.
				if !was_member && !frame_system::Pallet::<T>::account_exists(who) {
					frame_system::Pallet::<T>::inc_providers(who);
				}
				*maybe_set = Some(set);
				Ok(())
			})?;
			Self::deposit_event(Event::RoleGranted { who: who.clone(), role });
			Ok(())
		}

		/// Revokes `role` from `who` without an origin check, with the records that depend on it.
		pub fn do_revoke_role(who: &T::AccountId, role: Role) -> DispatchResult {
			let was_last =
				AccountRoles::<T>::try_mutate_exists(who, |maybe_set| -> Result<bool, DispatchError> {
					let mut set = maybe_set.unwrap_or_default();
					ensure!(set.remove(role), Error::<T>::RoleNotHeld);
					if set.is_empty() {
						*maybe_set = None;
						// The provider reference stays: releasing it would reap `System.Account` and reset
						// the nonce to 0, and then, once the account is registered again, anyone could
						// replay its old transactions from the block archive in nonce order. A former
						// member's account costs one `System.Account` entry; `CheckRole` already refuses
						// everything it signs.
						Ok(true)
					} else {
						*maybe_set = Some(set);
						Ok(false)
					}
				})?;
			if role == Role::Holder {
				// A record must not outlive the role, and its digest is freed so the organisation can
				// be registered again once its KYC is redone.
				if let Some(info) = Holders::<T>::take(who) {
					HolderByUscc::<T>::remove(info.uscc_digest);
				}
			}
			if was_last {
				// A non-member cannot transact, so its count is useless; dropping it keeps the map
				// bounded by the number of members.
				BlockTxCount::<T>::remove(who);
				DayTxCount::<T>::remove(who);
			}
			Self::deposit_event(Event::RoleRevoked { who: who.clone(), role });
			Ok(())
		}

		/// Registers `who` as a holder on behalf of workstation `by`, checking everything
		/// [`Pallet::register_holder`] checks except the origin; usable by benchmark helpers.
		pub fn do_register_holder(
			by: &T::AccountId,
			who: &T::AccountId,
			uscc_digest: [u8; 32],
		) -> DispatchResult {
			ensure!(AccountRoles::<T>::get(by).contains(Role::Workstation), Error::<T>::NotAWorkstation);
			// Every check comes before the first write, so a refused registration changes nothing
			// even outside a transactional dispatch.
			ensure!(!AccountRoles::<T>::get(who).contains(Role::Holder), Error::<T>::AlreadyHasRole);
			ensure!(!HolderByUscc::<T>::contains_key(uscc_digest), Error::<T>::UsccAlreadyRegistered);
			ensure!(Self::holder_budget_left(by), Error::<T>::HolderBudgetExhausted);

			Self::do_grant_role(who, Role::Holder)?;
			Self::count_holder_today(by);
			let info = HolderInfo {
				uscc_digest,
				registered_by: by.clone(),
				registered_at: frame_system::Pallet::<T>::block_number(),
			};
			Holders::<T>::insert(who, info);
			HolderByUscc::<T>::insert(uscc_digest, who.clone());
			Self::deposit_event(Event::HolderRegistered { who: who.clone(), uscc_digest, by: by.clone() });
			Ok(())
		}
	}
}

impl<T: Config> RoleInspect<T::AccountId> for Pallet<T> {
	fn has_role(who: &T::AccountId, role: Role) -> bool {
		AccountRoles::<T>::get(who).contains(role)
	}
}
