//! Runtime API to read assets, for the `ipr_assetStatus`/`ipr_certificateStatus` RPC and the CLI.

use crate::certificates::CertificateInfo;
use crate::types::{
	Application, AssetInfo, CertificateNo, EvidenceRef, HistoryEntry, Periods, RegistrationNo,
};
use alloc::vec::Vec;

/// Most history entries one [`DataIpApi::history`] page holds: a larger `limit` is cut to it. The
/// runtime bounds its own reads because anyone may call it through `state_call`; the RPC refuses a
/// larger `limit` outright.
pub const MAX_HISTORY_PAGE: u32 = 1_000;

sp_api::decl_runtime_apis! {
	/// Reads of the data IP pallet's storage.
	pub trait DataIpApi<AccountId: codec::Codec, BlockNumber: codec::Codec> {
		/// Everything known of `asset`, with expiry and freezes evaluated at `now_ms`, or at the
		/// block's own time when `None`.
		fn asset(asset: u64, now_ms: Option<u64>) -> Option<AssetInfo<AccountId>>;
		/// The asset a certificate was issued for.
		fn asset_by_certificate(certificate_no: CertificateNo) -> Option<u64>;
		/// The asset a registration number was issued for.
		fn asset_by_registration(registration_no: RegistrationNo) -> Option<u64>;
		/// The certificate with this number judged at `now_ms`, or at the block's own time when
		/// `None`: what it states (as it stood at the end, once cancelled or revoked) and what it is
		/// worth; `None` if it was never issued. Reads the asset and its ending, never its history.
		fn certificate(certificate_no: CertificateNo, now_ms: Option<u64>) -> Option<CertificateInfo<AccountId, BlockNumber>>;
		/// Up to `limit` (at most [`MAX_HISTORY_PAGE`]) entries of the asset's history from entry
		/// `start`, with the history's length; `None` for an unknown asset.
		fn history(asset: u64, start: u32, limit: u32) -> Option<(Vec<HistoryEntry<AccountId, BlockNumber>>, u32)>;
		/// Application version `version` of the asset: a past one or the one in force.
		fn application_version(asset: u64, version: u32) -> Option<Application<Vec<u8>, Vec<EvidenceRef>>>;
		/// The registration periods in force.
		fn periods() -> Periods;
	}
}
