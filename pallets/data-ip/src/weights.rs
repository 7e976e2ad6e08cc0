//! Weights of `pallet-data-ip`.
//!
//! HAND-ESTIMATED from the storage each call touches, not measured: replace this file with benchmark
//! output on reference hardware before production use. Proof sizes count each item read (not those
//! only written) at its maximum encoded length plus key and trie overhead, assuming a 32-byte
//! `AccountId` and a 256-byte `MaxNameLen`: `Assets` 2_975, `Roles::AccountRoles` 2_524 per role
//! read, `Timestamp::Now` and `NextAssetId` 503, `NextSerial` 499.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_data_ip`.
pub trait WeightInfo {
	fn apply(n: u32, ) -> Weight;
	fn object() -> Weight;
	fn resolve_objection() -> Weight;
	fn approve() -> Weight;
	fn withdraw() -> Weight;
	fn transfer() -> Weight;
	fn cancel() -> Weight;
	fn revoke() -> Weight;
	fn freeze() -> Weight;
	fn unfreeze() -> Weight;
}

/// Weights for `pallet_data_ip` using the runtime's configured database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: Roles (r:2), NextAssetId (r:1 w:1), Assets (w:1), Timestamp::Now (r:1)
	/// The range of component `n` is `[0, MaxNameLen]`.
	fn apply(n: u32, ) -> Weight {
		Weight::from_parts(30_000_000, 6_054)
			// Bounding and encoding the name.
			.saturating_add(Weight::from_parts(2_000, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: Roles (r:up to 7, one per role tried), Assets (r:1 w:1)
	fn object() -> Weight {
		Weight::from_parts(25_000_000, 20_643)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: Roles (r:1), Assets (r:1 w:1)
	fn resolve_objection() -> Weight {
		Weight::from_parts(20_000_000, 5_499)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: Roles (r:1), Assets (r:1 w:1), NextSerial (r:1 w:1), CertificateIndex (w:1), Timestamp::Now (r:1)
	fn approve() -> Weight {
		Weight::from_parts(35_000_000, 6_501)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: Assets (r:1 w:1)
	fn withdraw() -> Weight {
		Weight::from_parts(20_000_000, 2_975)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: Assets (r:1 w:1), Roles (r:1), Timestamp::Now (r:1)
	fn transfer() -> Weight {
		Weight::from_parts(25_000_000, 6_002)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: Assets (r:1 w:1)
	fn cancel() -> Weight {
		Weight::from_parts(20_000_000, 2_975)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: Roles (r:1), Assets (r:1 w:1)
	fn revoke() -> Weight {
		Weight::from_parts(20_000_000, 5_499)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: Roles (r:1), Assets (r:1 w:1)
	fn freeze() -> Weight {
		Weight::from_parts(20_000_000, 5_499)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: Roles (r:1), Assets (r:1 w:1)
	fn unfreeze() -> Weight {
		Weight::from_parts(20_000_000, 5_499)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
}

// Used by mocks and tests, which configure no database weights of their own.
impl WeightInfo for () {
	fn apply(n: u32, ) -> Weight {
		Weight::from_parts(30_000_000, 6_054)
			// Bounding and encoding the name.
			.saturating_add(Weight::from_parts(2_000, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn object() -> Weight {
		Weight::from_parts(25_000_000, 20_643)
			.saturating_add(RocksDbWeight::get().reads(8_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn resolve_objection() -> Weight {
		Weight::from_parts(20_000_000, 5_499)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn approve() -> Weight {
		Weight::from_parts(35_000_000, 6_501)
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn withdraw() -> Weight {
		Weight::from_parts(20_000_000, 2_975)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn transfer() -> Weight {
		Weight::from_parts(25_000_000, 6_002)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn cancel() -> Weight {
		Weight::from_parts(20_000_000, 2_975)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn revoke() -> Weight {
		Weight::from_parts(20_000_000, 5_499)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn freeze() -> Weight {
		Weight::from_parts(20_000_000, 5_499)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn unfreeze() -> Weight {
		Weight::from_parts(20_000_000, 5_499)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
}
