//! Weights of `pallet-pledge`.
//!
//! HAND-ESTIMATED from the storage each call touches, not measured: replace this file with benchmark
//! output on reference hardware before production use. Proof sizes count each item read at its maximum
//! encoded length plus key and trie overhead, assuming a 32-byte `AccountId`: `Pledges` ≈ 2_700,
//! `CurrentPledge`, `AssetPledgeCount` and `HistoryLen` ≈ 2_550 each, `DataIp::Assets` ≈ 2_900,
//! `Roles::AccountRoles` 2_524 per role read, the valuation pallet's current valuation ≈ 3_000,
//! `Timestamp::Now` ≈ 1_500. `enforce` includes the storage the registry's `enforce_transfer` touches,
//! as `pallet-data-ip` implements it.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_pledge`.
pub trait WeightInfo {
	fn propose() -> Weight;
	fn accept() -> Weight;
	fn withdraw_proposal() -> Weight;
	fn release() -> Weight;
	fn enforce() -> Weight;
}

/// Weights for `pallet_pledge` using the runtime's configured database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: Timestamp::Now (r:1), DataIp::Assets (r:1), Roles (r:1), CurrentPledge (r:1 w:1), Pledges (r:1 w:1, the replaced pledge and the new one), NextPledgeId (r:1 w:1), AssetPledgeCount (r:1 w:1), AssetPledges (w:1), History (w:1), HistoryLen (r:1 w:1)
	fn propose() -> Weight {
		Weight::from_parts(45_000_000, 18_000)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(7_u64))
	}
	/// Storage: Pledges (r:1 w:1), Roles (r:1), Timestamp::Now (r:1), DataIp::Assets (r:1), CurrentPledge (r:1 w:1), Valuation (r:1), History (w:1), HistoryLen (r:1 w:1)
	fn accept() -> Weight {
		Weight::from_parts(45_000_000, 18_000)
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: Pledges (r:1 w:1), Timestamp::Now (r:1), CurrentPledge (r:1 w:1), History (w:1), HistoryLen (r:1 w:1)
	fn withdraw_proposal() -> Weight {
		Weight::from_parts(25_000_000, 9_500)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: Pledges (r:1 w:1), Timestamp::Now (r:1), CurrentPledge (r:1 w:1), History (w:1), HistoryLen (r:1 w:1)
	fn release() -> Weight {
		Weight::from_parts(25_000_000, 9_500)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: Pledges (r:1 w:1), Roles (r:2), Timestamp::Now (r:1), DataIp::Assets (r:1 w:1), CurrentPledge (r:1 w:1), History (w:1), HistoryLen (r:1 w:1), DataIp::History (w:1), DataIp::HistoryLen (r:1 w:1)
	fn enforce() -> Weight {
		Weight::from_parts(55_000_000, 20_000)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(7_u64))
	}
}

// Used by mocks and tests, which configure no database weights of their own.
impl WeightInfo for () {
	fn propose() -> Weight {
		Weight::from_parts(45_000_000, 18_000)
			.saturating_add(RocksDbWeight::get().reads(8_u64))
			.saturating_add(RocksDbWeight::get().writes(7_u64))
	}
	fn accept() -> Weight {
		Weight::from_parts(45_000_000, 18_000)
			.saturating_add(RocksDbWeight::get().reads(7_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
	}
	fn withdraw_proposal() -> Weight {
		Weight::from_parts(25_000_000, 9_500)
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
	}
	fn release() -> Weight {
		Weight::from_parts(25_000_000, 9_500)
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
	}
	fn enforce() -> Weight {
		Weight::from_parts(55_000_000, 20_000)
			.saturating_add(RocksDbWeight::get().reads(8_u64))
			.saturating_add(RocksDbWeight::get().writes(7_u64))
	}
}
