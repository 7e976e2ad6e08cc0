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
//! The chain is feeless and has no balances, so holding a role is what keeps an account alive: the
//! first role adds a provider reference to the account and losing the last one removes it. Without
//! that reference `CheckNonce` would reject every transaction of the account as unpaid-for.

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

mod extension;
mod genesis_serde;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod weights;

pub use extension::CheckRole;
pub use iprchain_primitives::{Role, RoleInspect, RoleSet};
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

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// The roles each account holds. Accounts holding no role have no entry, so iterating the map
	/// lists exactly the members of the chain.
	#[pallet::storage]
	pub type AccountRoles<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, RoleSet, ValueQuery>;

	/// Roles held from the first block.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Each account with the roles it starts with. In JSON a role is written by its lower-case
		/// name (`"workstation"`, `"holder"`, ...), see [`Role::name`].
		#[serde(with = "crate::genesis_serde")]
		pub roles: Vec<(T::AccountId, Vec<Role>)>,
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
	}

	/// Errors of the roles pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// The account already holds the role being granted.
		AlreadyHasRole,
		/// The account does not hold the role being revoked.
		RoleNotHeld,
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
		/// Revoking the last role releases the account's provider reference; once the account has no
		/// other reference it is reaped. Its pending transactions are refused by [`CheckRole`].
		///
		/// Origin: [`Config::ManagerOrigin`]. Emits [`Event::RoleRevoked`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::revoke_role())]
		pub fn revoke_role(origin: OriginFor<T>, who: T::AccountId, role: Role) -> DispatchResult {
			T::ManagerOrigin::ensure_origin(origin)?;
			Self::do_revoke_role(&who, role)
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
				if !was_member {
					frame_system::Pallet::<T>::inc_providers(who);
				}
				*maybe_set = Some(set);
				Ok(())
			})?;
			Self::deposit_event(Event::RoleGranted { who: who.clone(), role });
			Ok(())
		}

		/// Revokes `role` from `who` without an origin check.
		pub fn do_revoke_role(who: &T::AccountId, role: Role) -> DispatchResult {
			AccountRoles::<T>::try_mutate_exists(who, |maybe_set| -> DispatchResult {
				let mut set = maybe_set.unwrap_or_default();
				ensure!(set.remove(role), Error::<T>::RoleNotHeld);
				if set.is_empty() {
					*maybe_set = None;
					// This only fails when another pallet still holds a consumer reference on the
					// account. Taking away the permission matters more than the reference count, so the
					// revocation goes ahead and the provider is left in place: the account must stay
					// alive while something depends on it anyway.
					let _ = frame_system::Pallet::<T>::dec_providers(who);
				} else {
					*maybe_set = Some(set);
				}
				Ok(())
			})?;
			Self::deposit_event(Event::RoleRevoked { who: who.clone(), role });
			Ok(())
		}
	}
}

impl<T: Config> RoleInspect<T::AccountId> for Pallet<T> {
	fn has_role(who: &T::AccountId, role: Role) -> bool {
		AccountRoles::<T>::get(who).contains(role)
	}
}
