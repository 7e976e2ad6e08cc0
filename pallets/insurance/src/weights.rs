//! Weights of `pallet-insurance`.
//!
//! HAND-ESTIMATED from the storage each call touches, not measured: replace this file with benchmark
//! output on reference hardware before production use. Proof sizes count each item read at its maximum
//! encoded length plus key and trie overhead, assuming a 32-byte `AccountId`, `MaxPolicyNoLen` 64,
//! `MaxSubjects` 16, `MaxPoliciesPerSubject` 64 and `MaxClaimsPerPolicy` 64: `Policies` ≈ 3_300,
//! `PolicyByNumber` ≈ 2_600, `PoliciesOf` ≈ 3_600 (id and end of each policy), `ClaimsOf` ≈ 3_100, `Claims` ≈ 2_700, the id
//! counters ≈ 1_500 each, `Roles::AccountRoles` 2_524, `DataIp::Assets` ≈ 2_900 per asset subject
//! (a work subject's `Evidence::Records` is smaller), the evidence pallet's infringement link
//! ≈ 2_600, `Timestamp::Now` ≈ 1_500.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_insurance`.
pub trait WeightInfo {
	fn bind(n: u32, ) -> Weight;
	fn claim() -> Weight;
	fn decide() -> Weight;
	fn pay() -> Weight;
}

/// Weights for `pallet_insurance` using the runtime's configured database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: Roles (r:1), Timestamp::Now (r:1), PolicyByNumber (r:1 w:1), DataIp::Assets or Evidence::Records (r:n), PoliciesOf (r:n w:n), NextPolicyId (r:1 w:1), Policies (w:1)
	/// The range of component `n` is `[1, MaxSubjects]`.
	fn bind(n: u32, ) -> Weight {
		Weight::from_parts(40_000_000, 11_500)
			// Each subject is checked in the registry or the evidence store, and its list of policies
			// read and written.
			.saturating_add(Weight::from_parts(6_000_000, 6_000).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(n.into()))
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: Policies (r:1), Timestamp::Now (r:1), DataIp::Assets or Evidence::Records (r:1), Evidence infringement link (r:1), NextClaimId (r:1 w:1), ClaimsOf (r:1 w:1), Claims (w:1)
	fn claim() -> Weight {
		Weight::from_parts(45_000_000, 18_000)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: Claims (r:1 w:1), Policies (r:1), Timestamp::Now (r:1)
	fn decide() -> Weight {
		Weight::from_parts(25_000_000, 7_500)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: Claims (r:1 w:1), Policies (r:1 w:1), Timestamp::Now (r:1)
	fn pay() -> Weight {
		Weight::from_parts(25_000_000, 7_500)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
}

// Used by mocks and tests, which configure no database weights of their own.
impl WeightInfo for () {
	fn bind(n: u32, ) -> Weight {
		Weight::from_parts(40_000_000, 11_500)
			.saturating_add(Weight::from_parts(6_000_000, 6_000).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(n.into()))
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn claim() -> Weight {
		Weight::from_parts(45_000_000, 18_000)
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn decide() -> Weight {
		Weight::from_parts(25_000_000, 7_500)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn pay() -> Weight {
		Weight::from_parts(25_000_000, 7_500)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
}
