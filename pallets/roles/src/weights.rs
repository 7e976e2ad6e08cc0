//! Weights of `pallet-roles`.
//!
//! HAND-ESTIMATED from the storage each call touches, not measured: replace this file with the output
//! of `frame-omni-bencher` running `benchmarking.rs` on reference hardware before production use.
//! The ref-time constants are generous guesses for the computation; proof sizes assume the maximum
//! encoded length of each item read, plus its key.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_roles`.
pub trait WeightInfo {
	fn grant_role() -> Weight;
	fn revoke_role() -> Weight;
	fn set_tx_quota() -> Weight;
	fn register_holder() -> Weight;
	fn set_daily_budget() -> Weight;
}

/// Weights for `pallet_roles` using the runtime's configured database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Roles::AccountRoles` (r:1 w:1)
	/// Proof: `Roles::AccountRoles` (`max_values`: None, `max_size`: Some(49), added: 2524, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	fn grant_role() -> Weight {
		Weight::from_parts(20_000_000, 6_117)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Worst case: revoking `Holder` as the last role of a registered holder.
	/// Storage: `Roles::AccountRoles` (r:1 w:1)
	/// Proof: `Roles::AccountRoles` (`max_values`: None, `max_size`: Some(49), added: 2524, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Holders` (r:1 w:1)
	/// Proof: `Roles::Holders` (`max_values`: None, `max_size`: Some(116), added: 2591, mode: `MaxEncodedLen`)
	/// Storage: `Roles::HolderByUscc` (r:0 w:1)
	/// Proof: `Roles::HolderByUscc` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	/// Storage: `Roles::BlockTxCount` (r:0 w:1)
	/// Proof: `Roles::BlockTxCount` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	fn revoke_role() -> Weight {
		Weight::from_parts(25_000_000, 8_708)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `Roles::TxQuota` (r:0 w:1)
	/// Proof: `Roles::TxQuota` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	fn set_tx_quota() -> Weight {
		Weight::from_parts(8_000_000, 0)
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Worst case: the new holder had no role yet, so it gains a provider reference.
	/// Storage: `Roles::AccountRoles` (r:2 w:1)
	/// Proof: `Roles::AccountRoles` (`max_values`: None, `max_size`: Some(49), added: 2524, mode: `MaxEncodedLen`)
	/// Storage: `Roles::HolderByUscc` (r:1 w:1)
	/// Proof: `Roles::HolderByUscc` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Holders` (r:0 w:1)
	/// Proof: `Roles::Holders` (`max_values`: None, `max_size`: Some(116), added: 2591, mode: `MaxEncodedLen`)
	/// Storage: `Roles::Budget` (r:1), `Roles::DayHolderCount` (r:1 w:1), hand-estimated like `set_daily_budget`
	fn register_holder() -> Weight {
		Weight::from_parts(33_000_000, 15_300)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `Roles::Budget` (r:0 w:1). HAND-ESTIMATED like `set_tx_quota`, not measured.
	fn set_daily_budget() -> Weight {
		Weight::from_parts(8_000_000, 0)
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
}

// Used by mocks and tests, which configure no database weights of their own.
impl WeightInfo for () {
	fn grant_role() -> Weight {
		Weight::from_parts(20_000_000, 6_117)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn revoke_role() -> Weight {
		Weight::from_parts(25_000_000, 8_708)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
	fn set_tx_quota() -> Weight {
		Weight::from_parts(8_000_000, 0)
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn register_holder() -> Weight {
		Weight::from_parts(33_000_000, 15_300)
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
	fn set_daily_budget() -> Weight {
		Weight::from_parts(8_000_000, 0)
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
}
