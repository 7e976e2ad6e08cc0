//! Weights of `pallet-data-ip`.
//!
//! HAND-ESTIMATED from the storage each call touches, not measured: replace this file with benchmark
//! output on reference hardware before production use. Proof sizes count each item read at its maximum
//! encoded length plus key and trie overhead, assuming a 32-byte `AccountId`, `MaxTextLen` 256,
//! `MaxEvidenceRefs` 16 and `MaxLicences` 64: `Assets` ≈ 2_900, `Licences` ≈ 24_000,
//! `Roles::AccountRoles` 2_524 per role read, `Evidence::Records` ≈ 2_600 per cited deposit.

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
	fn change(n: u32, ) -> Weight;
	fn license() -> Weight;
	fn renew() -> Weight;
	fn set_periods() -> Weight;
}

/// Weights for `pallet_data_ip` using the runtime's configured database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: Roles (r:2), Evidence::Records (r:n+1), NextAssetId (r:1 w:1), Assets (w:1), Periods (r:1), Timestamp::Now (r:1), History (w:1), HistoryLen (r:1 w:1)
	/// The range of component `n` is `[0, MaxEvidenceRefs]`.
	fn apply(n: u32, ) -> Weight {
		Weight::from_parts(40_000_000, 9_000)
			// Each cited deposit is read to check it exists.
			.saturating_add(Weight::from_parts(2_000_000, 2_600).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(n.into()))
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: Roles (r:up to 7), Evidence::Records (r:1), Assets (r:1 w:1), History (w:1), HistoryLen (r:1 w:1)
	fn object() -> Weight {
		Weight::from_parts(30_000_000, 24_000)
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: Roles (r:1), Assets (r:1 w:1), History (r:1 w:1), HistoryLen (r:1 w:1)
	fn resolve_objection() -> Weight {
		Weight::from_parts(27_000_000, 8_800)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: Roles (r:1), Assets (r:1 w:1), NextSerial (r:1 w:1), NextRegistrationSequence (r:1 w:1), CertificateIndex (w:1), RegistrationIndex (w:1), Periods (r:1), Timestamp::Now (r:1), History (r:1 w:1), HistoryLen (r:1 w:1)
	fn approve() -> Weight {
		Weight::from_parts(47_000_000, 9_800)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(8_u64))
	}
	/// Storage: Assets (r:1 w:1), Timestamp::Now (r:1), History (w:1), HistoryLen (r:1 w:1)
	fn withdraw() -> Weight {
		Weight::from_parts(25_000_000, 5_000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: Assets (r:1 w:1), Roles (r:1), Timestamp::Now (r:1), History (w:1), HistoryLen (r:1 w:1)
	fn transfer() -> Weight {
		Weight::from_parts(30_000_000, 8_000)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: Assets (r:1 w:1), Timestamp::Now (r:1), Endings (w:1), History (w:1), HistoryLen (r:1 w:1)
	fn cancel() -> Weight {
		Weight::from_parts(25_000_000, 5_000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: Roles (r:1), Assets (r:1 w:1), Timestamp::Now (r:1), Endings (w:1), History (w:1), HistoryLen (r:1 w:1)
	fn revoke() -> Weight {
		Weight::from_parts(25_000_000, 7_500)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: Roles (r:1), Assets (r:1 w:1), Timestamp::Now (r:1), History (w:1), HistoryLen (r:1 w:1)
	fn freeze() -> Weight {
		Weight::from_parts(25_000_000, 7_500)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: Roles (r:1), Assets (r:1 w:1), Timestamp::Now (r:1), History (w:1), HistoryLen (r:1 w:1)
	fn unfreeze() -> Weight {
		Weight::from_parts(25_000_000, 7_500)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: Evidence::Records (r:n+1), Assets (r:1 w:1), PastApplications (w:1), Timestamp::Now (r:1), History (w:1), HistoryLen (r:1 w:1)
	/// The range of component `n` is `[0, MaxEvidenceRefs]`.
	fn change(n: u32, ) -> Weight {
		Weight::from_parts(40_000_000, 5_000)
			// Each cited deposit is read to check it exists.
			.saturating_add(Weight::from_parts(2_000_000, 2_600).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(n.into()))
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: Assets (r:1), Pledge lock (r:2), Roles (r:up to 7), Licences (r:1 w:1), Timestamp::Now (r:1), History (w:1), HistoryLen (r:1 w:1)
	fn license() -> Weight {
		Weight::from_parts(50_000_000, 51_000)
			.saturating_add(T::DbWeight::get().reads(13_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: Assets (r:1 w:1), Periods (r:1), Timestamp::Now (r:1), History (w:1), HistoryLen (r:1 w:1)
	fn renew() -> Weight {
		Weight::from_parts(25_000_000, 5_500)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: Periods (w:1)
	fn set_periods() -> Weight {
		Weight::from_parts(10_000_000, 0)
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
}

// Used by mocks and tests, which configure no database weights of their own.
impl WeightInfo for () {
	fn apply(n: u32, ) -> Weight {
		Weight::from_parts(40_000_000, 9_000)
			// Each cited deposit is read to check it exists.
			.saturating_add(Weight::from_parts(2_000_000, 2_600).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(n.into()))
			.saturating_add(RocksDbWeight::get().reads(7_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
	}
	fn object() -> Weight {
		Weight::from_parts(30_000_000, 24_000)
			.saturating_add(RocksDbWeight::get().reads(10_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn resolve_objection() -> Weight {
		Weight::from_parts(27_000_000, 8_800)
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn approve() -> Weight {
		Weight::from_parts(47_000_000, 9_800)
			.saturating_add(RocksDbWeight::get().reads(8_u64))
			.saturating_add(RocksDbWeight::get().writes(8_u64))
	}
	fn withdraw() -> Weight {
		Weight::from_parts(25_000_000, 5_000)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn transfer() -> Weight {
		Weight::from_parts(30_000_000, 8_000)
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn cancel() -> Weight {
		Weight::from_parts(25_000_000, 5_000)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
	}
	fn revoke() -> Weight {
		Weight::from_parts(25_000_000, 7_500)
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
	}
	fn freeze() -> Weight {
		Weight::from_parts(25_000_000, 7_500)
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn unfreeze() -> Weight {
		Weight::from_parts(25_000_000, 7_500)
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn change(n: u32, ) -> Weight {
		Weight::from_parts(40_000_000, 5_000)
			// Each cited deposit is read to check it exists.
			.saturating_add(Weight::from_parts(2_000_000, 2_600).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(n.into()))
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
	}
	fn license() -> Weight {
		Weight::from_parts(50_000_000, 51_000)
			.saturating_add(RocksDbWeight::get().reads(13_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn renew() -> Weight {
		Weight::from_parts(25_000_000, 5_500)
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn set_periods() -> Weight {
		Weight::from_parts(10_000_000, 0)
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
}
