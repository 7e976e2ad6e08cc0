//! Benchmarks of `pallet-valuation`, each on its most expensive successful path.
//!
//! `submit` is dearest when the asset's list of valuations in force is full and one entry is the
//! appraiser's own earlier valuation, which it supersedes; `withdraw` reads and writes one valuation
//! and the list.

use super::*;
use frame_benchmarking::v2::*;
use frame_support::traits::Get;
use frame_system::RawOrigin;
use iprchain_primitives::Role;

/// The whitelisted signer, holding `role`.
fn signer<T: Config>(role: Role) -> T::AccountId {
	let who: T::AccountId = whitelisted_caller();
	T::BenchmarkHelper::grant_role(&who, role);
	who
}

/// A valuation of `asset` by `appraiser` at the largest value, valid for ever, not withdrawn.
fn stored_valuation<T: Config>(asset: u64, appraiser: T::AccountId) -> ValuationOf<T> {
	Valuation {
		asset,
		appraiser,
		value_fen: u128::MAX,
		method: ValuationMethod::Mixed,
		report_digest: [1; 32],
		valued_at_ms: 0,
		valid_until_ms: u64::MAX,
		withdrawn: None,
	}
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// An appraiser valuing a registered asset at the largest value, valid for ever, superseding its
	/// own earlier valuation in a full list of valuations in force.
	#[benchmark]
	fn submit() {
		let appraiser = signer::<T>(Role::Appraiser);
		let asset = T::BenchmarkHelper::register_asset();
		let full = T::MaxInForce::get();
		let entries = (0..full).map(|index| {
			let by = if index == 0 { appraiser.clone() } else { account("appraiser", index, 0) };
			Valuations::<T>::insert(asset, index, stored_valuation::<T>(asset, by.clone()));
			InForceEntry { index, appraiser: by, valid_until_ms: u64::MAX }
		});
		InForce::<T>::insert(asset, InForceOf::<T>::truncate_from(entries.collect()));
		ValuationCount::<T>::insert(asset, full);
		let index = full;

		#[extrinsic_call]
		_(RawOrigin::Signed(appraiser.clone()), asset, u128::MAX, ValuationMethod::Mixed, [1; 32], u64::MAX);

		assert_eq!(ValuationCount::<T>::get(asset), index + 1);
		let valuation = Valuations::<T>::get(asset, index).expect("stored");
		assert_eq!((valuation.appraiser, valuation.value_fen), (appraiser, u128::MAX));
		assert!(Valuations::<T>::get(asset, 0).expect("stored").withdrawn.is_some());
	}

	/// The appraiser withdrawing a valuation of its own, stored directly.
	#[benchmark]
	fn withdraw() {
		let appraiser = signer::<T>(Role::Appraiser);
		let asset = 0;
		Valuations::<T>::insert(asset, 0, stored_valuation::<T>(asset, appraiser.clone()));
		let entry = InForceEntry { index: 0, appraiser: appraiser.clone(), valid_until_ms: u64::MAX };
		InForce::<T>::insert(asset, InForceOf::<T>::truncate_from(alloc::vec![entry]));
		ValuationCount::<T>::insert(asset, 1);

		#[extrinsic_call]
		_(RawOrigin::Signed(appraiser), asset, 0, [2; 32]);

		let withdrawn = Valuations::<T>::get(asset, 0).expect("stored").withdrawn.expect("withdrawn");
		assert_eq!(withdrawn.reason_digest, [2; 32]);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
