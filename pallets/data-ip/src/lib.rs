//! # Data IP pallet
//!
//! Data intellectual-property registration (数据知识产权登记). A right holder, or an IP workstation for
//! one, applies to register a data set by its digests; the application is publicly announced (公示) for
//! the notice period, during which any other account with a role may object with evidence. The
//! registrar decides objections and, once the notice is over, approves the application, issuing a
//! certificate number and a registration number valid for the validity period. A registered asset can
//! be changed (earlier versions are kept), transferred, licensed, renewed in the window before expiry
//! and cancelled by its holder, revoked by the registrar, and frozen by a court.
//!
//! Only digests go on chain; the data, its description and samples stay with the holder. Every
//! transition is an event and an entry in the asset's [`History`].
//!
//! Expiry is never stored: a registration whose validity has ended is reported as expired by
//! [`Pallet::effective_status`] and refused by the calls that need a live registration. Court freezes
//! with an end lapse the same way.

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

#[cfg(test)]
mod mock;
#[cfg(test)]
mod read_tests;
#[cfg(test)]
mod tests;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod certificates;
mod impls;
pub mod migration;
pub mod names;
pub mod numbers;
pub mod runtime_api;
pub mod types;
pub mod weights;

pub use certificates::{CertificateInfo, CertificateState, Ending, Registration};
pub use names::Named;
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

/// Lets the benchmarks give accounts roles and deposit evidence, since the pallet can only read both.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Makes `who` hold `role`.
	fn grant_role(who: &AccountId, role: iprchain_primitives::Role);
	/// Makes `evidence` count as deposited.
	fn deposit_evidence(evidence: &EvidenceRef);
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{pallet_prelude::*, traits::UnixTime};
	use frame_system::pallet_prelude::*;
	use iprchain_primitives::{AssetLock, EvidenceInspect, Role, RoleInspect};

	/// Stored text: a name, a scale or format description, a licence scope.
	pub type TextOf<T> = BoundedVec<u8, <T as Config>::MaxTextLen>;
	/// Stored evidence references of an application.
	pub type EvidenceRefsOf<T> = BoundedVec<EvidenceRef, <T as Config>::MaxEvidenceRefs>;
	/// A stored application of this runtime.
	pub type ApplicationOf<T> = Application<TextOf<T>, EvidenceRefsOf<T>>;
	/// A stored asset of this runtime.
	pub type AssetOf<T> = Asset<<T as frame_system::Config>::AccountId, TextOf<T>, EvidenceRefsOf<T>>;
	/// A stored licence of this runtime.
	pub type LicenceOf<T> = Licence<<T as frame_system::Config>::AccountId, TextOf<T>>;
	/// A history entry of this runtime.
	pub type HistoryEntryOf<T> = HistoryEntry<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

	/// Version 1: a cancellation or revocation keeps the registration it ends in [`Endings`]; see
	/// [`crate::migration::v1`].
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the data IP pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Role membership: who may apply, object, approve and freeze.
		type Roles: RoleInspect<Self::AccountId>;

		/// Deposited evidence, which applications and objections cite.
		type Evidence: EvidenceInspect;

		/// Locks on assets held by other pallets (active pledges), which block the holder's transfer
		/// and cancellation.
		type Locks: AssetLock;

		/// Wall-clock time of the block, for notice periods, certificate dates and validity.
		type TimeProvider: UnixTime;

		/// Who may change the registration periods (governance).
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Maximum length of text (name, scale, format, licence scope), bytes.
		#[pallet::constant]
		type MaxTextLen: Get<u32>;

		/// Maximum number of evidence references of an application.
		#[pallet::constant]
		type MaxEvidenceRefs: Get<u32>;

		/// Maximum number of licences recorded for one asset.
		#[pallet::constant]
		type MaxLicences: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Grants roles and deposits evidence in benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// The id the next application gets.
	#[pallet::storage]
	pub type NextAssetId<T: Config> = StorageValue<_, u64, ValueQuery>;

	/// Assets by id.
	#[pallet::storage]
	pub type Assets<T: Config> = StorageMap<_, Blake2_128Concat, u64, AssetOf<T>, OptionQuery>;

	/// Applications as they were before each change: `(asset, v)` is version `v`, replaced by change
	/// `v + 1`.
	#[pallet::storage]
	pub type PastApplications<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, u64, Twox64Concat, u32, ApplicationOf<T>, OptionQuery>;

	/// Licences recorded for each asset, oldest first. Ended licences are dropped only when the list
	/// is full and a new one is granted; every grant stays in the asset's [`History`].
	#[pallet::storage]
	pub type Licences<T: Config> =
		StorageMap<_, Blake2_128Concat, u64, BoundedVec<LicenceOf<T>, T::MaxLicences>, ValueQuery>;

	/// Each asset's history: `(asset, n)` is its `n`-th entry, from 0.
	#[pallet::storage]
	pub type History<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, u64, Twox64Concat, u32, HistoryEntryOf<T>, OptionQuery>;

	/// How many entries each asset's history has.
	#[pallet::storage]
	pub type HistoryLen<T: Config> = StorageMap<_, Blake2_128Concat, u64, u32, ValueQuery>;

	/// The registration each cancelled or revoked asset held when it ended, and when it ended: the
	/// ended statuses carry no numbers, and a certificate's check must not read the whole history.
	#[pallet::storage]
	pub type Endings<T: Config> =
		StorageMap<_, Blake2_128Concat, u64, crate::Ending<BlockNumberFor<T>>, OptionQuery>;

	/// The serial the next certificate gets; starts at 1 so no certificate ends in `0000000`.
	#[pallet::storage]
	pub type NextSerial<T: Config> = StorageValue<_, u32, ValueQuery, ConstU32<1>>;

	/// The sequence the next registration number gets; starts at 1.
	#[pallet::storage]
	pub type NextRegistrationSequence<T: Config> = StorageValue<_, u32, ValueQuery, ConstU32<1>>;

	/// The asset each certificate was issued for. Kept after cancellation or revocation so a
	/// certificate shown off chain can still be looked up and found no longer valid.
	#[pallet::storage]
	pub type CertificateIndex<T: Config> = StorageMap<_, Blake2_128Concat, CertificateNo, u64, OptionQuery>;

	/// The asset each registration number was issued for; kept like [`CertificateIndex`].
	#[pallet::storage]
	pub type RegistrationIndex<T: Config> = StorageMap<_, Blake2_128Concat, RegistrationNo, u64, OptionQuery>;

	/// Notice period, validity and renewal window in force.
	#[pallet::storage]
	pub type ActivePeriods<T: Config> = StorageValue<_, Periods, ValueQuery>;

	/// Genesis configuration of the data IP pallet.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The registration periods; production values when absent.
		pub periods: Periods,
		#[serde(skip)]
		#[allow(missing_docs)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			assert!(self.periods.is_valid(), "data-ip periods must be positive, window ≤ validity");
			ActivePeriods::<T>::put(self.periods);
		}
	}

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
			/// End of the notice period, Unix milliseconds.
			notice_until_ms: u64,
		},
		/// An objection was raised during the notice period.
		Objected {
			/// The asset objected to.
			asset: u64,
			/// Who objected.
			objector: T::AccountId,
			/// The objection's evidence.
			evidence: EvidenceRef,
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
			/// The registration number.
			registration_no: RegistrationNo,
			/// End of validity, Unix milliseconds.
			valid_until_ms: u64,
		},
		/// The holder changed the registered application; the previous version is kept.
		Changed {
			/// The asset.
			asset: u64,
			/// The version now in force.
			version: u32,
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
		/// A licence was recorded.
		Licensed {
			/// The asset.
			asset: u64,
			/// Index of the licence in the asset's list when granted; it moves down when ended
			/// licences are dropped to make room (see [`Pallet::license`]).
			index: u32,
			/// The licensee.
			licensee: T::AccountId,
			/// How far it excludes others.
			kind: LicenceKind,
			/// Start of the term, Unix milliseconds.
			start_ms: u64,
			/// End of the term, Unix milliseconds.
			end_ms: u64,
		},
		/// The registration was renewed.
		Renewed {
			/// The asset.
			asset: u64,
			/// The new end of validity, Unix milliseconds.
			valid_until_ms: u64,
		},
		/// The holder withdrew the application.
		Withdrawn {
			/// The asset.
			asset: u64,
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
			/// The court.
			court: T::AccountId,
			/// Digest of the court order.
			order_digest: [u8; 32],
			/// When the order lapses by itself, if it does.
			until_ms: Option<u64>,
		},
		/// A court lifted a freeze.
		Unfrozen {
			/// The asset.
			asset: u64,
			/// The court.
			court: T::AccountId,
			/// Digest of the court order.
			order_digest: [u8; 32],
		},
		/// A pledgee enforcing its pledge moved the asset without the holder's signature.
		EnforcedTransfer {
			/// The asset.
			asset: u64,
			/// The previous holder (the pledgor).
			from: T::AccountId,
			/// The new holder: the pledgee or a buyer it named.
			to: T::AccountId,
			/// The pledgee that enforced.
			by: T::AccountId,
		},
		/// Governance set new registration periods; they apply to what happens from now on.
		PeriodsSet {
			/// The new periods.
			periods: Periods,
		},
	}

	/// Errors of the data IP pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// The data set's name is longer than `MaxTextLen` bytes.
		NameTooLong,
		/// The scale description is longer than `MaxTextLen` bytes.
		ScaleTooLong,
		/// The format description is longer than `MaxTextLen` bytes.
		FormatTooLong,
		/// The licence scope is longer than `MaxTextLen` bytes.
		ScopeTooLong,
		/// An application cites more than `MaxEvidenceRefs` deposits.
		TooManyEvidenceRefs,
		/// Cited evidence has not been deposited.
		UnknownEvidence,
		/// Licensed or purchased data needs the contract's deposit as source evidence.
		SourceEvidenceRequired,
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
		/// The notice period has ended: objections are no longer accepted.
		NoticeOver,
		/// The registration's validity has ended.
		Expired,
		/// The renewal window (the last part of the validity) has not opened yet.
		RenewalNotOpen,
		/// A court has frozen the asset.
		Frozen,
		/// An active pledge locks the asset: the pledgee must release it first.
		Pledged,
		/// A court freeze is in force already.
		AlreadyFrozen,
		/// No court freeze is in force.
		NotFrozen,
		/// The end of a freeze must lie in the future.
		FreezeEndInPast,
		/// A holder cannot object to its own application.
		CannotObjectOwn,
		/// The recipient of a transfer does not hold the `Holder` role.
		RecipientNotHolder,
		/// The asset already belongs to the recipient.
		TransferToSelf,
		/// Objecting requires holding some role.
		NoRole,
		/// The licensee holds no role on the chain.
		LicenseeHasNoRole,
		/// A holder cannot license its own asset to itself.
		LicenceToSelf,
		/// The licence term must end after it starts and after now.
		BadTerm,
		/// The term overlaps an exclusive or sole licence, or the new exclusive or sole licence overlaps
		/// another.
		LicenceConflict,
		/// The asset has `MaxLicences` licences whose term has not ended.
		TooManyLicences,
		/// Periods must be positive and the renewal window no longer than the validity.
		InvalidPeriods,
		/// No asset id, certificate serial or registration sequence is left.
		Exhausted,
		/// A registrar cannot decide an objection it raised itself: another registrar must.
		OwnObjection,
		/// A registrar cannot decide an application it filed (as a workstation) or holds: another
		/// registrar must.
		OwnApplication,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Applies to register a data set for `holder`, putting it under public notice for the notice
		/// period.
		///
		/// The signer is `holder` itself, holding the `Holder` role, or a `Workstation` applying for an
		/// account that holds it. Cited evidence must be deposited. Emits [`Event::Applied`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::apply(application.evidence.len().min(T::MaxEvidenceRefs::get() as usize) as u32))]
		pub fn apply(
			origin: OriginFor<T>,
			holder: T::AccountId,
			application: ApplicationInput,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let allowed = T::Roles::has_role(&holder, Role::Holder)
				&& (who == holder || T::Roles::has_role(&who, Role::Workstation));
			ensure!(allowed, Error::<T>::NotWorkstationOrHolder);
			let application = Self::bound_application(application)?;

			let asset = NextAssetId::<T>::get();
			let next = asset.checked_add(1).ok_or(Error::<T>::Exhausted)?;
			let now = Self::now_ms();
			let notice_until_ms = now.saturating_add(ActivePeriods::<T>::get().notice_ms);
			NextAssetId::<T>::put(next);
			Assets::<T>::insert(
				asset,
				Asset {
					holder: holder.clone(),
					application,
					version: 0,
					status: AssetStatus::UnderNotice { until_ms: notice_until_ms },
					applied_at_ms: now,
					freeze: None,
				},
			);
			Self::record(asset, &who, now, Action::Applied { holder: holder.clone() });
			Self::deposit_event(Event::Applied { asset, holder, notice_until_ms });
			Ok(())
		}

		/// Objects to an application under notice, before the notice ends, citing deposited evidence.
		///
		/// Any account holding a role may object, except the asset's holder. Emits
		/// [`Event::Objected`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::object())]
		pub fn object(origin: OriginFor<T>, asset: u64, evidence: EvidenceRef) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let now = Self::now_ms();
			ensure!(Role::ALL.into_iter().any(|r| T::Roles::has_role(&who, r)), Error::<T>::NoRole);
			Self::ensure_deposited(&evidence)?;
			Assets::<T>::try_mutate(asset, |slot| {
				let record = slot.as_mut().ok_or(Error::<T>::UnknownAsset)?;
				ensure!(record.holder != who, Error::<T>::CannotObjectOwn);
				let AssetStatus::UnderNotice { until_ms } = record.status else {
					return Err(Error::<T>::WrongState);
				};
				ensure!(now < until_ms, Error::<T>::NoticeOver);
				record.status = AssetStatus::Objected { until_ms, objector: who.clone() };
				Ok(())
			})?;
			Self::record(asset, &who, now, Action::Objected { evidence });
			Self::deposit_event(Event::Objected { asset, objector: who, evidence });
			Ok(())
		}

		/// Decides an objection: upheld rejects the application; dismissed returns it to notice with
		/// its original end, so it may be approved at once if that end has passed.
		///
		/// Registrar only, and not the registrar that raised the objection, filed the application or
		/// holds the asset: nobody decides its own case. Emits [`Event::ObjectionResolved`].
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::resolve_objection())]
		pub fn resolve_objection(origin: OriginFor<T>, asset: u64, upheld: bool) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(T::Roles::has_role(&who, Role::Registrar), Error::<T>::NotRegistrar);
			Assets::<T>::try_mutate(asset, |slot| {
				let record = slot.as_mut().ok_or(Error::<T>::UnknownAsset)?;
				let AssetStatus::Objected { until_ms, ref objector } = record.status else {
					return Err(Error::<T>::WrongState);
				};
				ensure!(objector != &who, Error::<T>::OwnObjection);
				Self::ensure_not_party(asset, record, &who)?;
				record.status =
					if upheld { AssetStatus::Rejected } else { AssetStatus::UnderNotice { until_ms } };
				Ok(())
			})?;
			let action = if upheld { Action::ObjectionUpheld } else { Action::ObjectionDismissed };
			Self::record(asset, &who, Self::now_ms(), action);
			Self::deposit_event(Event::ObjectionResolved { asset, upheld });
			Ok(())
		}

		/// Approves an application whose notice period is over and issues its certificate and
		/// registration numbers, valid from now for the validity period.
		///
		/// Registrar only, and not the registrar that filed the application (as a workstation) or
		/// holds it. Emits [`Event::Registered`].
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::approve())]
		pub fn approve(origin: OriginFor<T>, asset: u64) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(T::Roles::has_role(&who, Role::Registrar), Error::<T>::NotRegistrar);
			let now = Self::now_ms();
			let (certificate_no, registration_no, valid_until_ms) = Assets::<T>::try_mutate(asset, |slot| {
				let record = slot.as_mut().ok_or(Error::<T>::UnknownAsset)?;
				let AssetStatus::UnderNotice { until_ms } = record.status else {
					return Err(Error::<T>::WrongState);
				};
				Self::ensure_not_party(asset, record, &who)?;
				ensure!(now >= until_ms, Error::<T>::NoticeNotOver);
				let serial = NextSerial::<T>::get();
				ensure!(serial <= numbers::MAX_CERTIFICATE_SERIAL, Error::<T>::Exhausted);
				let sequence = NextRegistrationSequence::<T>::get();
				ensure!(sequence <= numbers::MAX_REGISTRATION_SEQUENCE, Error::<T>::Exhausted);
				let certificate_no = numbers::certificate_no(now, serial);
				let registration_no = numbers::registration_no(
					now,
					record.application.source_type,
					record.application.holder_type,
					sequence,
				);
				// Serial and sequence are unique, so both numbers are too.
				NextSerial::<T>::put(serial + 1);
				NextRegistrationSequence::<T>::put(sequence + 1);
				CertificateIndex::<T>::insert(certificate_no, asset);
				RegistrationIndex::<T>::insert(registration_no, asset);
				let valid_until_ms = now.saturating_add(ActivePeriods::<T>::get().validity_ms);
				record.status = AssetStatus::Registered {
					certificate_no,
					registration_no,
					valid_from_ms: now,
					valid_until_ms,
				};
				Ok((certificate_no, registration_no, valid_until_ms))
			})?;
			Self::record(
				asset,
				&who,
				now,
				Action::Registered { certificate_no, registration_no, valid_until_ms },
			);
			Self::deposit_event(Event::Registered { asset, certificate_no, registration_no, valid_until_ms });
			Ok(())
		}

		/// Withdraws (撤回) an application before registration.
		///
		/// Holder only, and not while frozen. Emits [`Event::Withdrawn`].
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::withdraw())]
		pub fn withdraw(origin: OriginFor<T>, asset: u64) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let now = Self::now_ms();
			Assets::<T>::try_mutate(asset, |slot| {
				let record = slot.as_mut().ok_or(Error::<T>::UnknownAsset)?;
				ensure!(record.holder == who, Error::<T>::NotHolder);
				ensure!(
					matches!(record.status, AssetStatus::UnderNotice { .. } | AssetStatus::Objected { .. }),
					Error::<T>::WrongState
				);
				ensure!(!record.is_frozen(now), Error::<T>::Frozen);
				record.status = AssetStatus::Withdrawn;
				Ok::<_, Error<T>>(())
			})?;
			Self::record(asset, &who, now, Action::Withdrawn);
			Self::deposit_event(Event::Withdrawn { asset });
			Ok(())
		}

		/// Transfers a live, unfrozen, unpledged registration to `to`, who must hold the `Holder` role.
		///
		/// Holder only. Licences stay with the asset. Emits [`Event::Transferred`].
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::transfer())]
		pub fn transfer(origin: OriginFor<T>, asset: u64, to: T::AccountId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let now = Self::now_ms();
			Assets::<T>::try_mutate(asset, |slot| {
				let record = slot.as_mut().ok_or(Error::<T>::UnknownAsset)?;
				Self::ensure_disposable(record, &who, now)?;
				ensure!(!T::Locks::is_locked(asset, now), Error::<T>::Pledged);
				ensure!(to != who, Error::<T>::TransferToSelf);
				ensure!(T::Roles::has_role(&to, Role::Holder), Error::<T>::RecipientNotHolder);
				record.holder = to.clone();
				Ok::<_, Error<T>>(())
			})?;
			Self::record(asset, &who, now, Action::Transferred { from: who.clone(), to: to.clone() });
			Self::deposit_event(Event::Transferred { asset, from: who, to });
			Ok(())
		}

		/// Cancels (注销) an unfrozen, unpledged registration, live or expired.
		///
		/// Holder only. Emits [`Event::Cancelled`].
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::cancel())]
		pub fn cancel(origin: OriginFor<T>, asset: u64) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let now = Self::now_ms();
			let registration = Assets::<T>::try_mutate(asset, |slot| {
				let record = slot.as_mut().ok_or(Error::<T>::UnknownAsset)?;
				ensure!(record.holder == who, Error::<T>::NotHolder);
				let registration = record.status.registration().ok_or(Error::<T>::WrongState)?;
				ensure!(!record.is_frozen(now), Error::<T>::Frozen);
				ensure!(!T::Locks::is_locked(asset, now), Error::<T>::Pledged);
				record.status = AssetStatus::Cancelled;
				Ok::<_, Error<T>>(registration)
			})?;
			Self::keep_ending(asset, registration, now);
			Self::record(asset, &who, now, Action::Cancelled);
			Self::deposit_event(Event::Cancelled { asset });
			Ok(())
		}

		/// Revokes (撤销) a registration, live or expired, with the digest of the decision.
		///
		/// Registrar only. A freeze does not block it: a freeze restrains the holder, not the
		/// registrar. Emits [`Event::Revoked`].
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::revoke())]
		pub fn revoke(origin: OriginFor<T>, asset: u64, reason_digest: [u8; 32]) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(T::Roles::has_role(&who, Role::Registrar), Error::<T>::NotRegistrar);
			let now = Self::now_ms();
			let registration = Assets::<T>::try_mutate(asset, |slot| {
				let record = slot.as_mut().ok_or(Error::<T>::UnknownAsset)?;
				let registration = record.status.registration().ok_or(Error::<T>::WrongState)?;
				record.status = AssetStatus::Revoked { reason_digest };
				Ok::<_, Error<T>>(registration)
			})?;
			Self::keep_ending(asset, registration, now);
			Self::record(asset, &who, now, Action::Revoked { reason_digest });
			Self::deposit_event(Event::Revoked { asset, reason_digest });
			Ok(())
		}

		/// Freezes an asset under a court order (保全) until `until_ms`, or until a court lifts it when
		/// `None`. While frozen, the holder cannot withdraw, change, transfer, license or cancel it.
		///
		/// Court only; the asset must be pending or registered. Emits [`Event::Frozen`].
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::freeze())]
		pub fn freeze(
			origin: OriginFor<T>,
			asset: u64,
			order_digest: [u8; 32],
			until_ms: Option<u64>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(T::Roles::has_role(&who, Role::Court), Error::<T>::NotCourt);
			let now = Self::now_ms();
			ensure!(until_ms.is_none_or(|until| until > now), Error::<T>::FreezeEndInPast);
			Assets::<T>::try_mutate(asset, |slot| {
				let record = slot.as_mut().ok_or(Error::<T>::UnknownAsset)?;
				ensure!(
					matches!(
						record.status,
						AssetStatus::UnderNotice { .. }
							| AssetStatus::Objected { .. }
							| AssetStatus::Registered { .. }
					),
					Error::<T>::WrongState
				);
				ensure!(!record.is_frozen(now), Error::<T>::AlreadyFrozen);
				record.freeze = Some(Freeze { court: who.clone(), order_digest, since_ms: now, until_ms });
				Ok::<_, Error<T>>(())
			})?;
			Self::record(asset, &who, now, Action::Frozen { order_digest, until_ms });
			Self::deposit_event(Event::Frozen { asset, court: who, order_digest, until_ms });
			Ok(())
		}

		/// Lifts a freeze in force under a court order; any court may lift it, as a higher court
		/// may.
		///
		/// Court only. Emits [`Event::Unfrozen`].
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::unfreeze())]
		pub fn unfreeze(origin: OriginFor<T>, asset: u64, order_digest: [u8; 32]) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(T::Roles::has_role(&who, Role::Court), Error::<T>::NotCourt);
			let now = Self::now_ms();
			Assets::<T>::try_mutate(asset, |slot| {
				let record = slot.as_mut().ok_or(Error::<T>::UnknownAsset)?;
				ensure!(record.is_frozen(now), Error::<T>::NotFrozen);
				record.freeze = None;
				Ok::<_, Error<T>>(())
			})?;
			Self::record(asset, &who, now, Action::Unfrozen { order_digest });
			Self::deposit_event(Event::Unfrozen { asset, court: who, order_digest });
			Ok(())
		}

		/// Changes (变更) a live, unfrozen registration's application. The previous version stays
		/// readable in [`PastApplications`]; certificate and registration numbers do not change.
		///
		/// Holder only. Emits [`Event::Changed`].
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::change(application.evidence.len().min(T::MaxEvidenceRefs::get() as usize) as u32))]
		pub fn change(origin: OriginFor<T>, asset: u64, application: ApplicationInput) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let now = Self::now_ms();
			let application = Self::bound_application(application)?;
			let version = Assets::<T>::try_mutate(asset, |slot| {
				let record = slot.as_mut().ok_or(Error::<T>::UnknownAsset)?;
				Self::ensure_disposable(record, &who, now)?;
				let version = record.version.checked_add(1).ok_or(Error::<T>::Exhausted)?;
				let previous = core::mem::replace(&mut record.application, application);
				PastApplications::<T>::insert(asset, record.version, previous);
				record.version = version;
				Ok::<_, Error<T>>(version)
			})?;
			Self::record(asset, &who, now, Action::Changed { version });
			Self::deposit_event(Event::Changed { asset, version });
			Ok(())
		}

		/// Records a licence (许可) of a live, unfrozen registration to `licensee` for
		/// `[start_ms, end_ms)`. An exclusive or sole licence cannot overlap any other licence.
		///
		/// Holder only; the licensee must hold some role. A pledged asset cannot be licensed: a licence
		/// would cut the value the pledgee lent against, so the pledge must be released first. Licences
		/// whose term has ended stop counting: when the asset has `MaxLicences` recorded, the ended ones
		/// are dropped from its list (their grant stays in the history) to make room. Emits
		/// [`Event::Licensed`].
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::license())]
		pub fn license(
			origin: OriginFor<T>,
			asset: u64,
			licensee: T::AccountId,
			kind: LicenceKind,
			scope: Vec<u8>,
			start_ms: u64,
			end_ms: u64,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let now = Self::now_ms();
			let scope = TextOf::<T>::try_from(scope).map_err(|_| Error::<T>::ScopeTooLong)?;
			ensure!(end_ms > start_ms && end_ms > now, Error::<T>::BadTerm);
			let record = Assets::<T>::get(asset).ok_or(Error::<T>::UnknownAsset)?;
			Self::ensure_disposable(&record, &who, now)?;
			ensure!(!T::Locks::is_locked(asset, now), Error::<T>::Pledged);
			ensure!(licensee != who, Error::<T>::LicenceToSelf);
			ensure!(
				Role::ALL.into_iter().any(|r| T::Roles::has_role(&licensee, r)),
				Error::<T>::LicenseeHasNoRole
			);
			let index = Licences::<T>::try_mutate(asset, |licences| {
				let conflict = licences.iter().any(|other| {
					other.overlaps(start_ms, end_ms)
						&& (kind.excludes_others() || other.kind.excludes_others())
				});
				ensure!(!conflict, Error::<T>::LicenceConflict);
				if licences.is_full() {
					// An ended licence excludes nobody any more; keeping it would let 64 short
					// licences close the asset to licensing for ever.
					licences.retain(|other| other.end_ms > now);
				}
				let index = licences.len() as u32;
				licences
					.try_push(Licence {
						licensee: licensee.clone(),
						kind,
						scope,
						start_ms,
						end_ms,
						licensor: who.clone(),
						granted_at_ms: now,
					})
					.map_err(|_| Error::<T>::TooManyLicences)?;
				Ok::<_, Error<T>>(index)
			})?;
			Self::record(asset, &who, now, Action::Licensed { index, licensee: licensee.clone() });
			Self::deposit_event(Event::Licensed { asset, index, licensee, kind, start_ms, end_ms });
			Ok(())
		}

		/// Renews (续展) a registration within the renewal window before it expires, extending its
		/// validity by the validity period from its current end. A freeze does not block renewal: it
		/// keeps the asset alive, which is what a preservation order wants.
		///
		/// Holder only. Emits [`Event::Renewed`].
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::renew())]
		pub fn renew(origin: OriginFor<T>, asset: u64) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let now = Self::now_ms();
			let periods = ActivePeriods::<T>::get();
			let valid_until_ms = Assets::<T>::try_mutate(asset, |slot| {
				let record = slot.as_mut().ok_or(Error::<T>::UnknownAsset)?;
				ensure!(record.holder == who, Error::<T>::NotHolder);
				let AssetStatus::Registered { ref mut valid_until_ms, .. } = record.status else {
					return Err(Error::<T>::WrongState);
				};
				ensure!(now < *valid_until_ms, Error::<T>::Expired);
				ensure!(
					now >= valid_until_ms.saturating_sub(periods.renewal_window_ms),
					Error::<T>::RenewalNotOpen
				);
				*valid_until_ms = valid_until_ms.saturating_add(periods.validity_ms);
				Ok(*valid_until_ms)
			})?;
			Self::record(asset, &who, now, Action::Renewed { valid_until_ms });
			Self::deposit_event(Event::Renewed { asset, valid_until_ms });
			Ok(())
		}

		/// Sets the notice period, validity and renewal window. They apply to what happens from now
		/// on: a running notice or validity keeps the end it was given.
		///
		/// Admin origin (governance). Emits [`Event::PeriodsSet`].
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::set_periods())]
		pub fn set_periods(origin: OriginFor<T>, periods: Periods) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			ensure!(periods.is_valid(), Error::<T>::InvalidPeriods);
			ActivePeriods::<T>::put(periods);
			Self::deposit_event(Event::PeriodsSet { periods });
			Ok(())
		}
	}
}
