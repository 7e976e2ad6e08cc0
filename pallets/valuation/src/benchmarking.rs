//! Benchmarks of `pallet-valuation`, each on its most expensive successful path.
//!
//! Neither call has a path longer than another: `submit` reads the role, the registry, the clock and
//! the count whatever its arguments, and `withdraw` reads and writes one valuation.

use super::*;
use frame_benchmarking::v2::*;
use frame_system::RawOrigin;
use iprchain_primitives::Role;

/// The whitelisted signer, holding `role`.
fn signer<T: Config>(role: Role) -> T::AccountId {
	let who: T::AccountId = whitelisted_caller();
	T::BenchmarkHelper::grant_role(&who, role);
	who
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// An appraiser valuing a registered asset at the largest value, valid for ever.
	#[benchmark]
	fn submit() {
		let appraiser = signer::<T>(Role::Appraiser);
		let asset = T::BenchmarkHelper::register_asset();
		let index = ValuationCount::<T>::get(asset);

		#[extrinsic_call]
		_(RawOrigin::Signed(appraiser.clone()), asset, u128::MAX, ValuationMethod::Mixed, [1; 32], u64::MAX);

		assert_eq!(ValuationCount::<T>::get(asset), index + 1);
		let valuation = Valuations::<T>::get(asset, index).expect("stored");
		assert_eq!((valuation.appraiser, valuation.value_fen), (appraiser, u128::MAX));
	}

	/// The appraiser withdrawing a valuation of its own, stored directly.
	#[benchmark]
	fn withdraw() {
		let appraiser = signer::<T>(Role::Appraiser);
		let asset = 0;
		Valuations::<T>::insert(
			asset,
			0,
			Valuation {
				asset,
				appraiser: appraiser.clone(),
				value_fen: u128::MAX,
				method: ValuationMethod::Mixed,
				report_digest: [1; 32],
				valued_at_ms: 0,
				valid_until_ms: u64::MAX,
				withdrawn: None,
			},
		);
		ValuationCount::<T>::insert(asset, 1);

		#[extrinsic_call]
		_(RawOrigin::Signed(appraiser), asset, 0, [2; 32]);

		let withdrawn = Valuations::<T>::get(asset, 0).expect("stored").withdrawn.expect("withdrawn");
		assert_eq!(withdrawn.reason_digest, [2; 32]);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
