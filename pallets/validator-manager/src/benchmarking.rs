//! Benchmarks of `pallet-validator-manager`, each on its most expensive path: the set is as large as
//! the call allows and the account sought is the last one a linear scan reaches.

use super::*;
use codec::Decode;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{EnsureOrigin, Get},
	BoundedVec,
};
use sp_runtime::traits::TrailingZeroInput;

/// A set of `n` validators, none of them `account("new", 0, 0)`.
fn fill_set<T: Config>(n: u32) {
	let set: Vec<T::AccountId> = (0..n).map(|i| account("validator", i, 0)).collect();
	let set: BoundedVec<_, T::MaxValidators> = set.try_into().expect("n <= MaxValidators");
	Validators::<T>::put(set);
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn add_validator() -> Result<(), BenchmarkError> {
		let origin = T::ManagerOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		fill_set::<T>(T::MaxValidators::get().saturating_sub(1));
		let who: T::AccountId = account("new", 0, 0);
		// Written directly rather than through `Session::set_keys`, which would also need the account
		// to exist and the keys to carry an ownership proof; only their presence is checked here.
		let keys = T::Keys::decode(&mut TrailingZeroInput::zeroes())
			.map_err(|_| BenchmarkError::Stop("session keys cannot be decoded from zeroes"))?;
		pallet_session::NextKeys::<T>::insert(&who, keys);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());

		assert_eq!(Validators::<T>::get().last(), Some(&who));
		assert!(SetChanged::<T>::get());
		Ok(())
	}

	#[benchmark]
	fn remove_validator() -> Result<(), BenchmarkError> {
		let origin = T::ManagerOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let max = T::MaxValidators::get();
		if max <= T::MinValidators::get() {
			// No validator can ever be removed, so the call never does any work.
			return Err(BenchmarkError::Weightless);
		}
		fill_set::<T>(max);
		let who: T::AccountId = account("validator", max - 1, 0);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());

		assert!(!Validators::<T>::get().contains(&who));
		assert!(SetChanged::<T>::get());
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
