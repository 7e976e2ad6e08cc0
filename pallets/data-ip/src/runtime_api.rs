//! Runtime API to read assets, for the `ipr_assetStatus`/`ipr_certificateStatus` RPC and the CLI.

use crate::types::{
	Application, AssetInfo, CertificateNo, EvidenceRef, HistoryEntry, Periods, RegistrationNo,
};
use alloc::vec::Vec;

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
		/// Up to `limit` entries of the asset's history, from entry `start`.
		fn history(asset: u64, start: u32, limit: u32) -> Vec<HistoryEntry<AccountId, BlockNumber>>;
		/// Application version `version` of the asset: a past one or the one in force.
		fn application_version(asset: u64, version: u32) -> Option<Application<Vec<u8>, Vec<EvidenceRef>>>;
		/// The registration periods in force.
		fn periods() -> Periods;
	}
}
