//! The pallet's checks, its history bookkeeping and the reads behind its runtime API.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use frame_support::{ensure, traits::UnixTime, BoundedVec};
use iprchain_primitives::{EnforceError, EvidenceInspect};

impl<T: Config> Pallet<T> {
	/// The state of `asset` as of `now_ms`, with a registration past its validity reported as
	/// [`EffectiveStatus::Expired`]; `None` for an unknown asset.
	pub fn effective_status(asset: u64, now_ms: u64) -> Option<EffectiveStatus> {
		Assets::<T>::get(asset).map(|record| effective(&record.status, now_ms))
	}

	/// Whether a court freeze on `asset` is in force at `now_ms`; `false` for an unknown asset.
	pub fn is_frozen(asset: u64, now_ms: u64) -> bool {
		Assets::<T>::get(asset).is_some_and(|record| record.is_frozen(now_ms))
	}

	/// The asset a certificate was issued for.
	pub fn asset_of_certificate(certificate_no: CertificateNo) -> Option<u64> {
		CertificateIndex::<T>::get(certificate_no)
	}

	/// The asset a registration number was issued for.
	pub fn asset_of_registration(registration_no: RegistrationNo) -> Option<u64> {
		RegistrationIndex::<T>::get(registration_no)
	}

	/// Everything known of `asset`, evaluated at `now_ms` (the block's time when `None`).
	pub fn asset_info(asset: u64, now_ms: Option<u64>) -> Option<AssetInfo<T::AccountId>> {
		let record = Assets::<T>::get(asset)?;
		let now_ms = now_ms.unwrap_or_else(Self::now_ms);
		let licences = Licences::<T>::get(asset)
			.into_iter()
			.map(|licence| Licence {
				licensee: licence.licensee,
				kind: licence.kind,
				scope: licence.scope.into_inner(),
				start_ms: licence.start_ms,
				end_ms: licence.end_ms,
				licensor: licence.licensor,
				granted_at_ms: licence.granted_at_ms,
			})
			.collect();
		Some(AssetInfo {
			id: asset,
			evaluated_at_ms: now_ms,
			effective: effective(&record.status, now_ms),
			frozen: record.is_frozen(now_ms),
			licences,
			history_len: HistoryLen::<T>::get(asset),
			asset: Asset {
				holder: record.holder,
				application: unbound_application(record.application),
				version: record.version,
				status: record.status,
				applied_at_ms: record.applied_at_ms,
				freeze: record.freeze,
			},
		})
	}

	/// Up to `limit` history entries of `asset`, from entry `start`.
	pub fn history(asset: u64, start: u32, limit: u32) -> Vec<HistoryEntryOf<T>> {
		let end = HistoryLen::<T>::get(asset).min(start.saturating_add(limit));
		(start..end).filter_map(|index| History::<T>::get(asset, index)).collect()
	}

	/// One page of `asset`'s history for the runtime API: up to `limit` entries from entry `start`,
	/// never more than [`crate::runtime_api::MAX_HISTORY_PAGE`] (anyone may make the call through
	/// `state_call`, so the runtime bounds its own reads), with the history's length so the reader
	/// knows where the next page starts; `None` for an unknown asset. Each entry is its own storage
	/// item, so only the page is read.
	pub fn history_page(asset: u64, start: u32, limit: u32) -> Option<(Vec<HistoryEntryOf<T>>, u32)> {
		if !Assets::<T>::contains_key(asset) {
			return None;
		}
		let limit = limit.min(crate::runtime_api::MAX_HISTORY_PAGE);
		Some((Self::history(asset, start, limit), HistoryLen::<T>::get(asset)))
	}

	/// Application version `version` of `asset`: a past one, or the one in force.
	pub fn application_version(asset: u64, version: u32) -> Option<Application<Vec<u8>, Vec<EvidenceRef>>> {
		let record = Assets::<T>::get(asset)?;
		if version == record.version {
			return Some(unbound_application(record.application));
		}
		PastApplications::<T>::get(asset, version).map(unbound_application)
	}

	/// Checks and bounds an application from a call: field lengths, cited evidence deposited, source
	/// evidence present where the source type needs it.
	pub(crate) fn bound_application(application: ApplicationInput) -> Result<ApplicationOf<T>, Error<T>> {
		let Application {
			name,
			category,
			source_type,
			source_evidence,
			holder_type,
			scale,
			format,
			update_frequency,
			structure_digest,
			sample_digest,
			rules_digest,
			row_root,
			evidence,
		} = application;
		let name = TextOf::<T>::try_from(name).map_err(|_| Error::<T>::NameTooLong)?;
		let scale = TextOf::<T>::try_from(scale).map_err(|_| Error::<T>::ScaleTooLong)?;
		let format = TextOf::<T>::try_from(format).map_err(|_| Error::<T>::FormatTooLong)?;
		let evidence =
			EvidenceRefsOf::<T>::try_from(evidence).map_err(|_| Error::<T>::TooManyEvidenceRefs)?;
		ensure!(
			source_evidence.is_some() || !source_type.needs_source_evidence(),
			Error::<T>::SourceEvidenceRequired
		);
		for cited in source_evidence.iter().chain(evidence.iter()) {
			Self::ensure_deposited(cited)?;
		}
		Ok(Application {
			name,
			category,
			source_type,
			source_evidence,
			holder_type,
			scale,
			format,
			update_frequency,
			structure_digest,
			sample_digest,
			rules_digest,
			row_root,
			evidence,
		})
	}

	pub(crate) fn ensure_deposited(evidence: &EvidenceRef) -> Result<(), Error<T>> {
		ensure!(T::Evidence::is_deposited(evidence.algo, evidence.digest), Error::<T>::UnknownEvidence);
		Ok(())
	}

	/// What the holder's dispositions (change, transfer, licence) need: the signer holds the asset,
	/// it is registered and unexpired, and no court freeze is in force.
	pub(crate) fn ensure_disposable(
		record: &AssetOf<T>,
		who: &T::AccountId,
		now_ms: u64,
	) -> Result<(), Error<T>> {
		ensure!(&record.holder == who, Error::<T>::NotHolder);
		let AssetStatus::Registered { valid_until_ms, .. } = record.status else {
			return Err(Error::<T>::WrongState);
		};
		ensure!(now_ms < valid_until_ms, Error::<T>::Expired);
		ensure!(!record.is_frozen(now_ms), Error::<T>::Frozen);
		Ok(())
	}

	/// Refuses `registrar` deciding an application it is a party to: it holds the asset, or it
	/// filed the application (the actor of the first history entry, [`Action::Applied`]).
	pub(crate) fn ensure_not_party(
		asset: u64,
		record: &AssetOf<T>,
		registrar: &T::AccountId,
	) -> Result<(), Error<T>> {
		ensure!(&record.holder != registrar, Error::<T>::OwnApplication);
		let filer = History::<T>::get(asset, 0).map(|entry| entry.actor);
		ensure!(filer.as_ref() != Some(registrar), Error::<T>::OwnApplication);
		Ok(())
	}

	/// Appends an entry to the asset's history.
	pub(crate) fn record(asset: u64, actor: &T::AccountId, now_ms: u64, action: Action<T::AccountId>) {
		let index = HistoryLen::<T>::get(asset);
		History::<T>::insert(
			asset,
			index,
			HistoryEntry {
				block: frame_system::Pallet::<T>::block_number(),
				at_ms: now_ms,
				actor: actor.clone(),
				action,
			},
		);
		// Four billion entries for one asset cannot be reached at a few per block.
		HistoryLen::<T>::insert(asset, index.saturating_add(1));
	}

	pub(crate) fn now_ms() -> u64 {
		// Milliseconds fit in a u64 for the next 500 million years.
		T::TimeProvider::now().as_millis() as u64
	}
}

/// The effective state of a stored status at `now_ms`: the one rule for expiry.
pub(crate) fn effective<AccountId>(status: &AssetStatus<AccountId>, now_ms: u64) -> EffectiveStatus {
	match status {
		AssetStatus::UnderNotice { .. } => EffectiveStatus::UnderNotice,
		AssetStatus::Objected { .. } => EffectiveStatus::Objected,
		AssetStatus::Registered { valid_until_ms, .. } if now_ms >= *valid_until_ms => {
			EffectiveStatus::Expired
		}
		AssetStatus::Registered { .. } => EffectiveStatus::Registered,
		AssetStatus::Rejected => EffectiveStatus::Rejected,
		AssetStatus::Withdrawn => EffectiveStatus::Withdrawn,
		AssetStatus::Cancelled => EffectiveStatus::Cancelled,
		AssetStatus::Revoked { .. } => EffectiveStatus::Revoked,
	}
}

fn unbound_application<S1, S2>(
	application: Application<BoundedVec<u8, S1>, BoundedVec<EvidenceRef, S2>>,
) -> Application<Vec<u8>, Vec<EvidenceRef>> {
	Application {
		name: application.name.into_inner(),
		category: application.category,
		source_type: application.source_type,
		source_evidence: application.source_evidence,
		holder_type: application.holder_type,
		scale: application.scale.into_inner(),
		format: application.format.into_inner(),
		update_frequency: application.update_frequency,
		structure_digest: application.structure_digest,
		sample_digest: application.sample_digest,
		rules_digest: application.rules_digest,
		row_root: application.row_root,
		evidence: application.evidence.into_inner(),
	}
}

impl<T: Config> iprchain_primitives::AssetRegistry<T::AccountId> for Pallet<T> {
	fn holder(asset: u64) -> Option<T::AccountId> {
		Assets::<T>::get(asset).map(|record| record.holder)
	}

	fn is_registered(asset: u64, now_ms: u64) -> bool {
		Self::effective_status(asset, now_ms) == Some(EffectiveStatus::Registered)
	}

	fn is_frozen(asset: u64, now_ms: u64) -> bool {
		Pallet::<T>::is_frozen(asset, now_ms)
	}

	fn enforce_transfer(asset: u64, to: &T::AccountId, actor: &T::AccountId) -> Result<(), EnforceError> {
		use iprchain_primitives::{Role, RoleInspect};
		let now = Self::now_ms();
		let from = Assets::<T>::try_mutate(asset, |slot| {
			let record = slot.as_mut().ok_or(EnforceError::UnknownAsset)?;
			ensure!(
				effective(&record.status, now) == EffectiveStatus::Registered,
				EnforceError::NotRegistered
			);
			ensure!(!record.is_frozen(now), EnforceError::Frozen);
			ensure!(T::Roles::has_role(to, Role::Holder), EnforceError::RecipientNotHolder);
			Ok(core::mem::replace(&mut record.holder, to.clone()))
		})?;
		Self::record(asset, actor, now, Action::Enforced { from: from.clone(), to: to.clone() });
		Self::deposit_event(Event::EnforcedTransfer { asset, from, to: to.clone(), by: actor.clone() });
		Ok(())
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl<T: Config> Pallet<T> {
	/// Registers a minimal asset for `holder`, valid from now for the validity period, without the
	/// notice: for other pallets' benchmarks, which cannot move the clock.
	pub fn benchmark_register(holder: T::AccountId) -> u64 {
		let asset = NextAssetId::<T>::get();
		NextAssetId::<T>::put(asset + 1);
		let now = Self::now_ms();
		let application = Application {
			name: Default::default(),
			category: 0,
			source_type: DataSourceType::OwnCollection,
			source_evidence: None,
			holder_type: HolderType::LegalPerson,
			scale: Default::default(),
			format: Default::default(),
			update_frequency: UpdateFrequency::Static,
			structure_digest: [0; 32],
			sample_digest: [0; 32],
			rules_digest: [0; 32],
			row_root: None,
			evidence: Default::default(),
		};
		Assets::<T>::insert(
			asset,
			Asset {
				holder,
				application,
				version: 0,
				status: AssetStatus::Registered {
					certificate_no: crate::numbers::certificate_no(now, 1),
					registration_no: crate::numbers::registration_no(
						now,
						DataSourceType::OwnCollection,
						HolderType::LegalPerson,
						1,
					),
					valid_from_ms: now,
					valid_until_ms: now.saturating_add(ActivePeriods::<T>::get().validity_ms),
				},
				applied_at_ms: now,
				freeze: None,
			},
		);
		asset
	}
}
