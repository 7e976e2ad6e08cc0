//! A certificate's standing, as `ipr_certificateStatus` shows it.
//!
//! A cancelled or revoked asset's status carries no numbers, so the node used to read the asset's
//! whole history to find what the certificate had said. The pallet now keeps the registration of an
//! ended asset in [`Endings`] when it ends it, and [`Pallet::certificate_info`] answers from two reads
//! (the asset and, once ended, its ending), however long the history grew. The precedence of the
//! states is decided here, once, not by each reader.

use crate::{impls::effective, pallet::*, types::*};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;

/// The numbers and validity a registration was issued with: what a certificate states.
#[derive(
	Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Registration {
	/// The certificate number.
	pub certificate_no: CertificateNo,
	/// The registration number.
	pub registration_no: RegistrationNo,
	/// Start of validity, Unix milliseconds.
	pub valid_from_ms: u64,
	/// End of validity, Unix milliseconds, as the last renewal left it.
	pub valid_until_ms: u64,
}

impl<AccountId> AssetStatus<AccountId> {
	/// The registration a registered asset holds, live or expired; `None` in any other state.
	pub fn registration(&self) -> Option<Registration> {
		match *self {
			AssetStatus::Registered { certificate_no, registration_no, valid_from_ms, valid_until_ms } => {
				Some(Registration { certificate_no, registration_no, valid_from_ms, valid_until_ms })
			}
			_ => None,
		}
	}
}

/// How a registration ended, kept because the ended statuses drop the numbers a certificate shown
/// off chain must still be checked against.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo)]
pub struct Ending<BlockNumber> {
	/// The registration as it stood when it ended.
	pub registration: Registration,
	/// When it was cancelled or revoked, Unix milliseconds.
	pub at_ms: u64,
	/// The block it was cancelled or revoked in.
	pub block: BlockNumber,
}

/// What a certificate is worth at a given time.
#[derive(
	Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum CertificateState {
	/// Registered, within its validity, no court freeze in force.
	Valid,
	/// Registered and within its validity, but under a court freeze.
	Frozen,
	/// The validity has ended; an expired registration is not frozen as far as the certificate goes.
	Expired,
	/// Cancelled by the holder: final, whatever the validity said.
	Cancelled,
	/// Revoked by the registrar: final, whatever the validity said.
	Revoked,
}

impl CertificateState {
	/// Kebab-case name used by the CLI and RPC.
	pub fn name(self) -> &'static str {
		match self {
			CertificateState::Valid => "valid",
			CertificateState::Frozen => "frozen",
			CertificateState::Expired => "expired",
			CertificateState::Cancelled => "cancelled",
			CertificateState::Revoked => "revoked",
		}
	}
}

/// A certificate as answered by the runtime API.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct CertificateInfo<AccountId, BlockNumber> {
	/// The asset it was issued for.
	pub asset: u64,
	/// The asset's holder now.
	pub holder: AccountId,
	/// What the certificate states, as it stood at the end for an ended registration.
	pub registration: Registration,
	/// Its state at `evaluated_at_ms`.
	pub state: CertificateState,
	/// Whether a court freeze is in force at `evaluated_at_ms` (a revoked asset may still be frozen).
	pub frozen: bool,
	/// The time the state was judged at, Unix milliseconds.
	pub evaluated_at_ms: u64,
	/// When and in which block it was cancelled or revoked, for an ended registration.
	pub ended: Option<(u64, BlockNumber)>,
}

impl<T: Config> Pallet<T> {
	/// The certificate `certificate_no` judged at `now_ms` (the block's time when `None`); `None` if it
	/// was never issued.
	pub fn certificate_info(
		certificate_no: CertificateNo,
		now_ms: Option<u64>,
	) -> Option<CertificateInfo<T::AccountId, BlockNumberFor<T>>> {
		let asset = CertificateIndex::<T>::get(certificate_no)?;
		let record = Assets::<T>::get(asset)?;
		let now_ms = now_ms.unwrap_or_else(Self::now_ms);
		let frozen = record.is_frozen(now_ms);
		let effective = effective(&record.status, now_ms);
		let (registration, state, ended) = match effective {
			EffectiveStatus::Registered | EffectiveStatus::Expired => {
				let state = match effective {
					EffectiveStatus::Expired => CertificateState::Expired,
					_ if frozen => CertificateState::Frozen,
					_ => CertificateState::Valid,
				};
				(record.status.registration()?, state, None)
			}
			EffectiveStatus::Cancelled | EffectiveStatus::Revoked => {
				let ending = Endings::<T>::get(asset)?;
				let state = if effective == EffectiveStatus::Cancelled {
					CertificateState::Cancelled
				} else {
					CertificateState::Revoked
				};
				(ending.registration, state, Some((ending.at_ms, ending.block)))
			}
			// A certificate is issued on registration, and a registration only ends cancelled or
			// revoked, so the index never points at an asset in another state.
			_ => return None,
		};
		Some(CertificateInfo {
			asset,
			holder: record.holder,
			registration,
			state,
			frozen,
			evaluated_at_ms: now_ms,
			ended,
		})
	}

	/// Keeps `registration`, which a cancellation or revocation of `asset` at `now_ms` is about to
	/// drop from its status, for [`Pallet::certificate_info`].
	pub(crate) fn keep_ending(asset: u64, registration: Registration, now_ms: u64) {
		let block = frame_system::Pallet::<T>::block_number();
		Endings::<T>::insert(asset, Ending { registration, at_ms: now_ms, block });
	}
}
