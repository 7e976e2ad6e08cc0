//! Weights of `pallet-evidence`.
//!
//! HAND-ESTIMATED from the storage each call touches, not measured: replace this file with the output
//! of `frame-omni-bencher` running `benchmarking.rs` on reference hardware before production use.
//! The ref-time constants are generous guesses for the computation (bounding, encoding and hashing the
//! record); proof sizes assume the maximum encoded length of each item read, plus its key.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_evidence`.
pub trait WeightInfo {
	fn deposit(t: u32, u: u32, ) -> Weight;
	fn anchor_batch() -> Weight;
	fn link_infringement() -> Weight;
}

/// Weights for `pallet_evidence` using the runtime's configured database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Roles::AccountRoles` (r:2 w:0)
	/// Proof: `Roles::AccountRoles` (`max_values`: None, `max_size`: Some(49), added: 2524, mode: `MaxEncodedLen`)
	/// Storage: `Evidence::Records` (r:1 w:1)
	/// Proof: `Evidence::Records` (`max_values`: None, `max_size`: Some(843), added: 3318, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// The range of component `t` is `[0, 128]`.
	/// The range of component `u` is `[0, 512]`.
	fn deposit(t: u32, u: u32, ) -> Weight {
		Weight::from_parts(30_000_000, 9_859)
			.saturating_add(Weight::from_parts(2_000, 0).saturating_mul(t.into()))
			.saturating_add(Weight::from_parts(2_000, 0).saturating_mul(u.into()))
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Evidence::Batches` (r:1 w:1)
	/// Proof: `Evidence::Batches` (`max_values`: None, `max_size`: Some(97), added: 2572, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	fn anchor_batch() -> Weight {
		Weight::from_parts(20_000_000, 4_065)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Evidence::Records` (r:2), `DataIp::Assets` (r:2), `Timestamp::Now` (r:1),
	/// `Roles::AccountRoles` (r:1), `Evidence::InfringementLinks` (r:1 w:1). Hand-estimated.
	fn link_infringement() -> Weight {
		Weight::from_parts(30_000_000, 12_000)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
}

// Used by mocks and tests, which configure no database weights of their own.
impl WeightInfo for () {
	fn deposit(t: u32, u: u32, ) -> Weight {
		Weight::from_parts(30_000_000, 9_859)
			.saturating_add(Weight::from_parts(2_000, 0).saturating_mul(t.into()))
			.saturating_add(Weight::from_parts(2_000, 0).saturating_mul(u.into()))
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn anchor_batch() -> Weight {
		Weight::from_parts(20_000_000, 4_065)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn link_infringement() -> Weight {
		Weight::from_parts(30_000_000, 12_000)
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
}
