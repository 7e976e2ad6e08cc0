//! Weights of `pallet-valuation`.
//!
//! HAND-ESTIMATED from the storage each call touches, not measured: replace this file with benchmark
//! output on reference hardware before production use. Proof sizes count each item read at its maximum
//! encoded length plus key and trie overhead, assuming a 32-byte `AccountId`: `Valuations` ≈ 3_700
//! (146-byte valuation), `ValuationCount` ≈ 3_500, `InForce` ≈ 4_300 (16 entries of 44 bytes),
//! `Roles::AccountRoles` 2_524 per role read, the
//! registry's `DataIp::Assets` ≈ 2_900, `Timestamp::Now` ≈ 1_500.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_valuation`.
pub trait WeightInfo {
	fn submit() -> Weight;
	fn withdraw() -> Weight;
}

/// Weights for `pallet_valuation` using the runtime's configured database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: Roles (r:1), DataIp::Assets (r:1), Timestamp::Now (r:1), ValuationCount (r:1 w:1), InForce (r:1 w:1), Valuations (r:1 w:2, the superseded one and the new one)
	fn submit() -> Weight {
		Weight::from_parts(40_000_000, 18_500)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: Valuations (r:1 w:1), InForce (r:1 w:1), Timestamp::Now (r:1)
	fn withdraw() -> Weight {
		Weight::from_parts(25_000_000, 9_500)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
}

// Used by mocks and tests, which configure no database weights of their own.
impl WeightInfo for () {
	fn submit() -> Weight {
		Weight::from_parts(40_000_000, 18_500)
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
	}
	fn withdraw() -> Weight {
		Weight::from_parts(25_000_000, 9_500)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
}
