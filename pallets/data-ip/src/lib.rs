//! # Data IP pallet
//!
//! Data intellectual-property registration (数据知识产权登记). A right holder, or an IP workstation for
//! one, applies to register a data set by its digests; the application is publicly announced (公示) for
//! [`Config::NoticePeriodMs`], during which any other account with a role may object. The registrar
//! decides objections and, once the notice is over, approves the application and issues a certificate
//! valid for [`Config::ValidityMs`]. A registered asset can be transferred or cancelled by its holder,
//! revoked by the registrar and frozen by a court.
//!
//! Only digests go on chain; the data, its description and samples stay with the holder.
//!
//! Expiry is never stored: a registration whose validity has ended is reported as expired by
//! [`Pallet::effective_status`] and refused by the calls that need a live registration.

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod types;
pub mod weights;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

/// Lets the benchmarks give accounts the roles the calls check, since
/// [`iprchain_primitives::RoleInspect`] can only read them.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Makes `who` hold `role`.
	fn grant_role(who: &AccountId, role: iprchain_primitives::Role);
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{pallet_prelude::*, traits::UnixTime};
	use frame_system::pallet_prelude::*;
	use iprchain_primitives::{Role, RoleInspect};

	/// The stored name of a data set.
	pub type NameOf<T> = BoundedVec<u8, <T as Config>::MaxNameLen>;
	/// A stored asset of this runtime.
	pub type AssetOf<T> = Asset<<T as frame_system::Config>::AccountId, NameOf<T>>;

	/// Serials are seven digits in the certificate number.
	const MAX_SERIAL: u32 = 9_999_999;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// Configuration of the data IP pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Role membership: who may apply, object, approve and freeze.
		type Roles: RoleInspect<Self::AccountId>;

		/// Wall-clock time of the block, for notice periods, certificate dates and validity.
		type TimeProvider: UnixTime;

		/// How long an application is publicly announced before it may be approved, milliseconds.
		#[pallet::constant]
		type NoticePeriodMs: Get<u64>;

		/// How long a registration is valid, milliseconds (three years in production).
		#[pallet::constant]
		type ValidityMs: Get<u64>;

		/// Maximum length of a data set's name, bytes.
		#[pallet::constant]
		type MaxNameLen: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Grants roles in benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// The id the next application gets.
	#[pallet::storage]
	pub type NextAssetId<T: Config> = StorageValue<_, u64, ValueQuery>;

	/// Assets by id.
	#[pallet::storage]
	pub type Assets<T: Config> = StorageMap<_, Blake2_128Concat, u64, AssetOf<T>, OptionQuery>;

	/// The serial the next certificate gets; starts at 1 so no certificate ends in `0000000`.
	#[pallet::storage]
	pub type NextSerial<T: Config> = StorageValue<_, u32, ValueQuery, ConstU32<1>>;

	/// The asset each certificate was issued for. Kept after cancellation or revocation so a
	/// certificate shown off chain can still be looked up and found no longer valid.
	#[pallet::storage]
	pub type CertificateIndex<T: Config> = StorageMap<_, Blake2_128Concat, CertificateNo, u64, OptionQuery>;

	/// Events of the data IP pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An application was made and is now under public notice.
		Applied {
			/// The new asset.
			asset: u64,
			/// Its holder.
			holder: T::AccountId,
		},
		/// An objection was raised during the notice period.
		Objected {
			/// The asset objected to.
			asset: u64,
			/// Who objected.
			objector: T::AccountId,
			/// Digest of the objection's evidence.
			evidence_digest: [u8; 32],
		},
		/// The registrar decided an objection.
		ObjectionResolved {
			/// The asset.
			asset: u64,
			/// Whether the objection was upheld, rejecting the application.
			upheld: bool,
		},
		/// The application was approved and a certificate issued.
		Registered {
			/// The asset.
			asset: u64,
			/// The certificate number.
			certificate_no: CertificateNo,
		},
		/// The holder withdrew the application.
		Withdrawn {
			/// The asset.
			asset: u64,
		},
		/// The registration passed to a new holder.
		Transferred {
			/// The asset.
			asset: u64,
			/// The previous holder.
			from: T::AccountId,
			/// The new holder.
			to: T::AccountId,
		},
		/// The holder cancelled the registration.
		Cancelled {
			/// The asset.
			asset: u64,
		},
		/// The registrar revoked the registration.
		Revoked {
			/// The asset.
			asset: u64,
			/// Digest of the revocation decision.
			reason_digest: [u8; 32],
		},
		/// A court froze the asset.
		Frozen {
			/// The asset.
			asset: u64,
			/// Digest of the court order.
			order_digest: [u8; 32],
		},
		/// A court lifted a freeze.
		Unfrozen {
			/// The asset.
			asset: u64,
			/// Digest of the court order.
			order_digest: [u8; 32],
		},
	}

	/// Errors of the data IP pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// The data set's name is longer than `MaxNameLen` bytes.
		NameTooLong,
		/// No asset has this id.
		UnknownAsset,
		/// Only the asset's holder may do this.
		NotHolder,
		/// The signer must be the holder, holding the `Holder` role, or a `Workstation` applying for an
		/// account that holds the `Holder` role.
		NotWorkstationOrHolder,
		/// Only a `Registrar` may do this.
		NotRegistrar,
		/// Only a `Court` may do this.
		NotCourt,
		/// The asset is not in a state that allows this.
		WrongState,
		/// The notice period has not ended yet.
		NoticeNotOver,
		/// The registration's validity has ended.
		Expired,
		/// A court has frozen the asset.
		Frozen,
		/// The asset is frozen already.
		AlreadyFrozen,
		/// The asset is not frozen.
		NotFrozen,
		/// A holder cannot object to its own application.
		CannotObjectOwn,
		/// The recipient of a transfer does not hold the `Holder` role.
		RecipientNotHolder,
		/// Objecting requires holding some role.
		NoRole,
		/// No asset id or certificate serial is left.
		Exhausted,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Applies to register a data set for `holder`, putting it under public notice for
		/// `NoticePeriodMs`.
		///
		/// The signer is `holder` itself, holding the `Holder` role, or a `Workstation` applying for an
		/// account that holds it. Emits [`Event::Applied`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::apply(
			// A longer name is refused before any work that depends on its length.
			application.name.len().min(T::MaxNameLen::get() as usize) as u32,
		))]
		pub fn apply(
			origin: OriginFor<T>,
			holder: T::AccountId,
			application: Application<Vec<u8>>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let allowed = T::Roles::has_role(&holder, Role::Holder)
				&& (who == holder || T::Roles::has_role(&who, Role::Workstation));
			ensure!(allowed, Error::<T>::NotWorkstationOrHolder);

			let Application {
				name,
				category,
				source_type,
				structure_digest,
				sample_digest,
				rules_digest,
				row_root,
			} = application;
			let name = NameOf::<T>::try_from(name).map_err(|_| Error::<T>::NameTooLong)?;

			let asset = NextAssetId::<T>::get();
			let next = asset.checked_add(1).ok_or(Error::<T>::Exhausted)?;
			let now = Self::now_ms();
			NextAssetId::<T>::put(next);
			Assets::<T>::insert(
				asset,
				Asset {
					holder: holder.clone(),
					application: Application {
						name,
						category,
						source_type,
						structure_digest,
						sample_digest,
						rules_digest,
						row_root,
					},
					status: AssetStatus::UnderNotice {
						until_ms: now.saturating_add(T::NoticePeriodMs::get()),
					},
					applied_at_ms: now,
					frozen: false,
				},
			);
			Self::deposit_event(Event::Applied { asset, holder });
			Ok(())
		}

		/// Objects to an application under notice, with the digest of the evidence.
		///
		/// Any account holding a role may object, except the asset's holder. Emits
		/// [`Event::Objected`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::object())]
		pub fn object(origin: OriginFor<T>, asset: u64, evidence_digest: [u8; 32]) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(Role::ALL.into_iter().any(|r| T::Roles::has_role(&who, r)), Error::<T>::NoRole);
			Assets::<T>::try_mutate(asset, |slot| {
				let record = slot.as_mut().ok_or(Error::<T>::UnknownAsset)?;
				ensure!(record.holder != who, Error::<T>::CannotObjectOwn);
				let AssetStatus::UnderNotice { until_ms } = record.status else {
					return Err(Error::<T>::WrongState);
				};
				record.status = AssetStatus::Objected { until_ms, objector: who.clone() };
				Ok(())
			})?;
			Self::deposit_event(Event::Objected { asset, objector: who, evidence_digest });
			Ok(())
		}

		/// Decides an objection: upheld rejects the application, dismissed returns it to notice with
		/// its original end.
		///
		/// Registrar only. Emits [`Event::ObjectionResolved`].
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::resolve_objection())]
		pub fn resolve_objection(origin: OriginFor<T>, asset: u64, upheld: bool) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(T::Roles::has_role(&who, Role::Registrar), Error::<T>::NotRegistrar);
			Assets::<T>::try_mutate(asset, |slot| {
				let record = slot.as_mut().ok_or(Error::<T>::UnknownAsset)?;
				let AssetStatus::Objected { until_ms, .. } = record.status else {
					return Err(Error::<T>::WrongState);
				};
				record.status =
					if upheld { AssetStatus::Rejected } else { AssetStatus::UnderNotice { until_ms } };
				Ok(())
			})?;
			Self::deposit_event(Event::ObjectionResolved { asset, upheld });
			Ok(())
		}

		/// Approves an application whose notice period is over and issues its certificate, valid
		/// from now for `ValidityMs`.
		///
		/// Registrar only. Emits [`Event::Registered`].
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::approve())]
		pub fn approve(origin: OriginFor<T>, asset: u64) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(T::Roles::has_role(&who, Role::Registrar), Error::<T>::NotRegistrar);
			let now = Self::now_ms();
			let certificate_no = Assets::<T>::try_mutate(asset, |slot| {
				let record = slot.as_mut().ok_or(Error::<T>::UnknownAsset)?;
				let AssetStatus::UnderNotice { until_ms } = record.status else {
					return Err(Error::<T>::WrongState);
				};
				ensure!(now >= until_ms, Error::<T>::NoticeNotOver);
				let serial = NextSerial::<T>::get();
				ensure!(serial <= MAX_SERIAL, Error::<T>::Exhausted);
				let certificate_no = types::certificate_no(now, serial);
				// Serials are unique, so the number is too; the index is written only on success.
				NextSerial::<T>::put(serial + 1);
				CertificateIndex::<T>::insert(certificate_no, asset);
				record.status = AssetStatus::Registered {
					certificate_no,
					valid_from_ms: now,
					valid_until_ms: now.saturating_add(T::ValidityMs::get()),
				};
				Ok(certificate_no)
			})?;
			Self::deposit_event(Event::Registered { asset, certificate_no });
			Ok(())
		}

		/// Withdraws an application before registration.
		///
		/// Holder only, and not while frozen. Emits [`Event::Withdrawn`].
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::withdraw())]
		pub fn withdraw(origin: OriginFor<T>, asset: u64) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Assets::<T>::try_mutate(asset, |slot| {
				let record = slot.as_mut().ok_or(Error::<T>::UnknownAsset)?;
				ensure!(record.holder == who, Error::<T>::NotHolder);
				ensure!(
					matches!(record.status, AssetStatus::UnderNotice { .. } | AssetStatus::Objected { .. }),
					Error::<T>::WrongState
				);
				ensure!(!record.frozen, Error::<T>::Frozen);
				record.status = AssetStatus::Withdrawn;
				Ok::<_, Error<T>>(())
			})?;
			Self::deposit_event(Event::Withdrawn { asset });
			Ok(())
		}

		/// Transfers a live, unfrozen registration to `to`, who must hold the `Holder` role.
		///
		/// Holder only. Emits [`Event::Transferred`].
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::transfer())]
		pub fn transfer(origin: OriginFor<T>, asset: u64, to: T::AccountId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let now = Self::now_ms();
			Assets::<T>::try_mutate(asset, |slot| {
				let record = slot.as_mut().ok_or(Error::<T>::UnknownAsset)?;
				ensure!(record.holder == who, Error::<T>::NotHolder);
				let AssetStatus::Registered { valid_until_ms, .. } = record.status else {
					return Err(Error::<T>::WrongState);
				};
				ensure!(now < valid_until_ms, Error::<T>::Expired);
				ensure!(!record.frozen, Error::<T>::Frozen);
				ensure!(T::Roles::has_role(&to, Role::Holder), Error::<T>::RecipientNotHolder);
				record.holder = to.clone();
				Ok(())
			})?;
			Self::deposit_event(Event::Transferred { asset, from: who, to });
			Ok(())
		}

		/// Cancels (注销) an unfrozen registration.
		///
		/// Holder only. Emits [`Event::Cancelled`].
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::cancel())]
		pub fn cancel(origin: OriginFor<T>, asset: u64) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Assets::<T>::try_mutate(asset, |slot| {
				let record = slot.as_mut().ok_or(Error::<T>::UnknownAsset)?;
				ensure!(record.holder == who, Error::<T>::NotHolder);
				ensure!(matches!(record.status, AssetStatus::Registered { .. }), Error::<T>::WrongState);
				ensure!(!record.frozen, Error::<T>::Frozen);
				record.status = AssetStatus::Cancelled;
				Ok::<_, Error<T>>(())
			})?;
			Self::deposit_event(Event::Cancelled { asset });
			Ok(())
		}

		/// Revokes (撤销) a registration, with the digest of the decision.
		///
		/// Registrar only. A freeze does not block it: a freeze restrains the holder, not the
		/// registrar. Emits [`Event::Revoked`].
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::revoke())]
		pub fn revoke(origin: OriginFor<T>, asset: u64, reason_digest: [u8; 32]) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(T::Roles::has_role(&who, Role::Registrar), Error::<T>::NotRegistrar);
			Assets::<T>::try_mutate(asset, |slot| {
				let record = slot.as_mut().ok_or(Error::<T>::UnknownAsset)?;
				ensure!(matches!(record.status, AssetStatus::Registered { .. }), Error::<T>::WrongState);
				record.status = AssetStatus::Revoked { reason_digest };
				Ok::<_, Error<T>>(())
			})?;
			Self::deposit_event(Event::Revoked { asset, reason_digest });
			Ok(())
		}

		/// Freezes an asset under a court order, blocking its holder from withdrawing, transferring
		/// or cancelling it.
		///
		/// Court only. Emits [`Event::Frozen`].
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::freeze())]
		pub fn freeze(origin: OriginFor<T>, asset: u64, order_digest: [u8; 32]) -> DispatchResult {
			Self::set_frozen(origin, asset, true)?;
			Self::deposit_event(Event::Frozen { asset, order_digest });
			Ok(())
		}

		/// Lifts a freeze under a court order.
		///
		/// Court only. Emits [`Event::Unfrozen`].
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::unfreeze())]
		pub fn unfreeze(origin: OriginFor<T>, asset: u64, order_digest: [u8; 32]) -> DispatchResult {
			Self::set_frozen(origin, asset, false)?;
			Self::deposit_event(Event::Unfrozen { asset, order_digest });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// The state of `asset` as of `now_ms`, with a registration past its validity reported as
		/// [`EffectiveStatus::Expired`]; `None` for an unknown asset.
		pub fn effective_status(asset: u64, now_ms: u64) -> Option<EffectiveStatus> {
			let record = Assets::<T>::get(asset)?;
			Some(match record.status {
				AssetStatus::UnderNotice { .. } => EffectiveStatus::UnderNotice,
				AssetStatus::Objected { .. } => EffectiveStatus::Objected,
				AssetStatus::Registered { valid_until_ms, .. } if now_ms >= valid_until_ms => {
					EffectiveStatus::Expired
				}
				AssetStatus::Registered { .. } => EffectiveStatus::Registered,
				AssetStatus::Rejected => EffectiveStatus::Rejected,
				AssetStatus::Withdrawn => EffectiveStatus::Withdrawn,
				AssetStatus::Cancelled => EffectiveStatus::Cancelled,
				AssetStatus::Revoked { .. } => EffectiveStatus::Revoked,
			})
		}

		/// The asset a certificate was issued for.
		pub fn asset_of_certificate(certificate_no: CertificateNo) -> Option<u64> {
			CertificateIndex::<T>::get(certificate_no)
		}

		fn set_frozen(origin: OriginFor<T>, asset: u64, frozen: bool) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(T::Roles::has_role(&who, Role::Court), Error::<T>::NotCourt);
			Assets::<T>::try_mutate(asset, |slot| {
				let record = slot.as_mut().ok_or(Error::<T>::UnknownAsset)?;
				if frozen {
					ensure!(!record.frozen, Error::<T>::AlreadyFrozen);
				} else {
					ensure!(record.frozen, Error::<T>::NotFrozen);
				}
				record.frozen = frozen;
				Ok::<_, Error<T>>(())
			})?;
			Ok(())
		}

		fn now_ms() -> u64 {
			// Milliseconds fit in a u64 for the next 500 million years.
			T::TimeProvider::now().as_millis() as u64
		}
	}
}
