//! One call for everything a bank's status check needs about an asset.
//!
//! `ipr_assetStatus` used to make five runtime calls per request (the asset, its current valuation, its
//! active pledge, the enforcement grace and its policies), and each runtime call instantiates the wasm
//! runtime afresh: that instantiation was most of the node's time under a bank's query load (issue 8).
//! Reading the five parts in one call also means they come from one execution at one block.

use alloc::vec::Vec;
use codec::{Decode, Encode};
use scale_info::TypeInfo;

/// The parts of an asset's status, each judged at the asset's `evaluated_at_ms`.
#[derive(Encode, Decode, TypeInfo)]
pub struct AssetStatusParts<AccountId> {
	/// The asset and its effective state.
	pub info: pallet_data_ip::AssetInfo<AccountId>,
	/// The current valuation and its index, if one is in force.
	pub valuation: Option<(u32, pallet_valuation::Valuation<AccountId>)>,
	/// The active pledge and its id, if the asset is pledged.
	pub pledge: Option<(u64, pallet_pledge::Pledge<AccountId>)>,
	/// How long after maturity a pledge stays enforceable.
	pub enforcement_grace_ms: u64,
	/// The policies naming the asset, with their ids.
	pub policies: Vec<(u64, pallet_insurance::PolicyInfo<AccountId>)>,
}

sp_api::decl_runtime_apis! {
	/// Composite reads across the registry's pallets.
	pub trait AssetStatusApi<AccountId: codec::Codec> {
		/// The asset's status parts judged at `now_ms` (the block's timestamp when `None`); `None` for
		/// an unknown asset.
		fn asset_status(asset: u64, now_ms: Option<u64>) -> Option<AssetStatusParts<AccountId>>;
	}
}
