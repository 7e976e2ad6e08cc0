//! Types stored and passed by `pallet-data-ip`.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// Length of a certificate number: `YYYYMM` + `4201` + a 7-digit serial.
pub const CERTIFICATE_NO_LEN: usize = 17;

/// A certificate number, ASCII digits.
pub type CertificateNo = [u8; CERTIFICATE_NO_LEN];

/// Where the holder got the data from (数据来源).
#[derive(
	Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum DataSourceType {
	/// Collected by the holder itself.
	OwnCollection,
	/// Used under a licence from another party.
	Licensed,
	/// Bought from another party.
	Purchased,
	/// Taken from public sources.
	Public,
}

/// What a holder applies to register. `Name` is `Vec<u8>` in the call and a bounded vector in storage,
/// so an oversized name is refused with a pallet error rather than failing to decode.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo)]
pub struct Application<Name> {
	/// Name of the data set, UTF-8.
	pub name: Name,
	/// Industry category code of the data.
	pub category: u16,
	/// Where the data came from.
	pub source_type: DataSourceType,
	/// Digest of the data structure description; the description itself stays off chain.
	pub structure_digest: [u8; 32],
	/// Digest of the published data sample.
	pub sample_digest: [u8; 32],
	/// Digest of the processing rules (算法规则).
	pub rules_digest: [u8; 32],
	/// Merkle root over the rows, if the holder wants single rows provable later.
	pub row_root: Option<[u8; 32]>,
}

/// The stored state of an asset. Expiry is not stored: it follows from the time, see
/// [`EffectiveStatus`].
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo)]
pub enum AssetStatus<AccountId> {
	/// Publicly announced (公示) until `until_ms`, during which anyone with a role may object.
	UnderNotice {
		/// End of the notice period, Unix milliseconds.
		until_ms: u64,
	},
	/// An objection awaits the registrar's decision; `until_ms` is kept so a dismissed objection
	/// neither shortens nor extends the notice.
	Objected {
		/// End of the notice period, Unix milliseconds.
		until_ms: u64,
		/// Who objected.
		objector: AccountId,
	},
	/// Registered with a certificate.
	Registered {
		/// The certificate number, ASCII digits.
		certificate_no: CertificateNo,
		/// Start of validity, Unix milliseconds.
		valid_from_ms: u64,
		/// End of validity, Unix milliseconds.
		valid_until_ms: u64,
	},
	/// Refused after an upheld objection.
	Rejected,
	/// Withdrawn by the holder before registration.
	Withdrawn,
	/// Cancelled (注销) by the holder after registration.
	Cancelled,
	/// Revoked (撤销) by the registrar.
	Revoked {
		/// Digest of the revocation decision.
		reason_digest: [u8; 32],
	},
}

/// The state of an asset as of a given time: the stored state, with registrations past their validity
/// reported as expired.
#[derive(
	Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum EffectiveStatus {
	/// See [`AssetStatus::UnderNotice`].
	UnderNotice,
	/// See [`AssetStatus::Objected`].
	Objected,
	/// Registered and within its validity.
	Registered,
	/// Registered, but the validity has ended.
	Expired,
	/// See [`AssetStatus::Rejected`].
	Rejected,
	/// See [`AssetStatus::Withdrawn`].
	Withdrawn,
	/// See [`AssetStatus::Cancelled`].
	Cancelled,
	/// See [`AssetStatus::Revoked`].
	Revoked,
}

/// A data asset and its registration.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo)]
pub struct Asset<AccountId, Name> {
	/// The right holder (权利人).
	pub holder: AccountId,
	/// What was applied for.
	pub application: Application<Name>,
	/// Where in the lifecycle the asset is.
	pub status: AssetStatus<AccountId>,
	/// When the application was made, Unix milliseconds.
	pub applied_at_ms: u64,
	/// Whether a court has frozen the asset, which blocks the holder from disposing of it.
	pub frozen: bool,
}

/// The certificate number issued at `now_ms` with `serial`: `YYYYMM` (UTC) + `4201` + the serial in
/// seven digits. `serial` must be below 10 000 000.
pub fn certificate_no(now_ms: u64, serial: u32) -> CertificateNo {
	use iprchain_primitives::time::{civil_from_days, MS_PER_DAY};
	let (year, month, _) = civil_from_days(now_ms / MS_PER_DAY);
	let mut out = [b'0'; CERTIFICATE_NO_LEN];
	// Years past 9999 are 8 000 years away; keep the format fixed-width rather than fail.
	write_digits(&mut out[0..4], year % 10_000);
	write_digits(&mut out[4..6], u64::from(month));
	// 4201: the Wuhan region code the registrar issues under.
	out[6..10].copy_from_slice(b"4201");
	write_digits(&mut out[10..17], u64::from(serial));
	out
}

/// Writes the lowest `out.len()` decimal digits of `value`, zero-padded.
fn write_digits(out: &mut [u8], mut value: u64) {
	for byte in out.iter_mut().rev() {
		*byte = b'0' + (value % 10) as u8;
		value /= 10;
	}
}
