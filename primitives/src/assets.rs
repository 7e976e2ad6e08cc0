//! How the pallets that build on data-IP registrations (valuation, pledge, insurance) see each other,
//! without depending on each other's crates: the runtime wires the implementations together.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// Why the registry refused to move an asset on enforcement.
#[derive(
	Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum EnforceError {
	/// No asset has this id.
	UnknownAsset,
	/// The asset is not registered and within its validity.
	NotRegistered,
	/// A court freeze is in force.
	Frozen,
	/// The recipient does not hold the `Holder` role.
	RecipientNotHolder,
}

/// Read and enforcement access to the data-IP registry (implemented by `pallet-data-ip`).
pub trait AssetRegistry<AccountId> {
	/// The holder of `asset`, if it exists.
	fn holder(asset: u64) -> Option<AccountId>;

	/// Whether `asset` is registered and within its validity at `now_ms` (not under notice, not
	/// expired, cancelled, revoked, withdrawn or rejected).
	fn is_registered(asset: u64, now_ms: u64) -> bool;

	/// Whether a court freeze on `asset` is in force at `now_ms`.
	fn is_frozen(asset: u64, now_ms: u64) -> bool;

	/// Moves a registered, unfrozen `asset` to `to` without its holder's signature, because `actor`
	/// enforces a security interest (质权实现); recorded in the asset's history as done by `actor`.
	fn enforce_transfer(asset: u64, to: &AccountId, actor: &AccountId) -> Result<(), EnforceError>;
}

/// Whether something else (an active pledge) locks an asset against the holder's transfer and
/// cancellation (implemented by `pallet-pledge`; `()` locks nothing).
pub trait AssetLock {
	/// Whether `asset` is locked at `now_ms`.
	fn is_locked(asset: u64, now_ms: u64) -> bool;
}

impl AssetLock for () {
	fn is_locked(_asset: u64, _now_ms: u64) -> bool {
		false
	}
}

/// The valuation a pledge relies on.
#[derive(
	Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct CurrentValuation {
	/// Index of the valuation among the asset's valuations.
	pub index: u32,
	/// Appraised value in fen (0.01 CNY).
	pub value_fen: u128,
	/// End of the valuation's validity, Unix milliseconds.
	pub valid_until_ms: u64,
}

/// Read access to appraisals (implemented by `pallet-valuation`; `()` knows none).
pub trait ValuationInspect {
	/// The asset's current valuation at `now_ms`: the latest one that is neither expired nor
	/// withdrawn.
	fn current(asset: u64, now_ms: u64) -> Option<CurrentValuation>;
}

impl ValuationInspect for () {
	fn current(_asset: u64, _now_ms: u64) -> Option<CurrentValuation> {
		None
	}
}
