//! Weights of `pallet-validator-manager`.
//!
//! HAND-ESTIMATED from the storage each call touches, not measured: replace this file with the output
//! of `frame-omni-bencher` running `benchmarking.rs` on reference hardware before production use.
//! The ref-time constants are generous guesses for a linear scan of the set; proof sizes assume
//! `MaxValidators` = 100, 32-byte account ids and session keys of an Aura (sr25519) and a GRANDPA
//! (ed25519) key.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_validator_manager`.
pub trait WeightInfo {
	fn add_validator() -> Weight;
	fn remove_validator() -> Weight;
}

/// Weights for `pallet_validator_manager` using the runtime's configured database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `ValidatorManager::Validators` (r:1 w:1)
	/// Proof: `ValidatorManager::Validators` (`max_values`: Some(1), `max_size`: Some(3202), added: 3697, mode: `MaxEncodedLen`)
	/// Storage: `Session::NextKeys` (r:1 w:0)
	/// Proof: `Session::NextKeys` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `Measured`)
	/// Storage: `ValidatorManager::SetChanged` (r:0 w:1)
	/// Proof: `ValidatorManager::SetChanged` (`max_values`: Some(1), `max_size`: Some(1), added: 496, mode: `MaxEncodedLen`)
	fn add_validator() -> Weight {
		Weight::from_parts(25_000_000, 6_276)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `ValidatorManager::Validators` (r:1 w:1)
	/// Proof: `ValidatorManager::Validators` (`max_values`: Some(1), `max_size`: Some(3202), added: 3697, mode: `MaxEncodedLen`)
	/// Storage: `ValidatorManager::SetChanged` (r:0 w:1)
	/// Proof: `ValidatorManager::SetChanged` (`max_values`: Some(1), `max_size`: Some(1), added: 496, mode: `MaxEncodedLen`)
	fn remove_validator() -> Weight {
		Weight::from_parts(25_000_000, 3_697)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
}

// Used by mocks and tests, which configure no database weights of their own.
impl WeightInfo for () {
	fn add_validator() -> Weight {
		Weight::from_parts(25_000_000, 6_276)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn remove_validator() -> Weight {
		Weight::from_parts(25_000_000, 3_697)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
}
