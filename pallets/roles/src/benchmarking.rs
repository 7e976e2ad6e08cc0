//! Benchmarks of `pallet-roles`, each on its most expensive path: the first grant creates the
//! account's provider reference and the last revocation releases it.

use super::*;
use frame_benchmarking::v2::*;
use frame_support::traits::EnsureOrigin;

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn grant_role() -> Result<(), BenchmarkError> {
		let origin = T::ManagerOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let who: T::AccountId = account("member", 0, 0);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone(), Role::Workstation);

		assert!(AccountRoles::<T>::get(&who).contains(Role::Workstation));
		Ok(())
	}

	#[benchmark]
	fn revoke_role() -> Result<(), BenchmarkError> {
		let origin = T::ManagerOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let who: T::AccountId = account("member", 0, 0);
		Pallet::<T>::do_grant_role(&who, Role::Workstation)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone(), Role::Workstation);

		assert!(AccountRoles::<T>::get(&who).is_empty());
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
