//! Benchmarks of `pallet-roles`, each on its most expensive path: the first grant creates the
//! account's provider reference, the last revocation keeps it but, for a registered holder, drops
//! its record, USCC index entry and transaction count, and a holder registration grants a first role.

use super::*;
use frame_benchmarking::v2::*;
use frame_support::traits::EnsureOrigin;
use frame_system::RawOrigin;

/// A workstation able to register holders.
fn workstation<T: Config>() -> Result<T::AccountId, BenchmarkError> {
	let station: T::AccountId = account("station", 0, 0);
	Pallet::<T>::do_grant_role(&station, Role::Workstation)?;
	Ok(station)
}

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
		let station = workstation::<T>()?;
		let who: T::AccountId = account("member", 0, 0);
		let digest = [7u8; 32];
		Pallet::<T>::do_register_holder(&station, &who, digest)?;
		BlockTxCount::<T>::insert(&who, (frame_system::Pallet::<T>::block_number(), 1u32));

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone(), Role::Holder);

		assert!(AccountRoles::<T>::get(&who).is_empty());
		assert!(!Holders::<T>::contains_key(&who));
		assert!(!HolderByUscc::<T>::contains_key(digest));
		assert!(!BlockTxCount::<T>::contains_key(&who));
		Ok(())
	}

	#[benchmark]
	fn set_tx_quota() -> Result<(), BenchmarkError> {
		let origin = T::ManagerOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, 5);

		assert_eq!(TxQuota::<T>::get(), 5);
		Ok(())
	}

	#[benchmark]
	fn set_daily_budget() -> Result<(), BenchmarkError> {
		let origin = T::ManagerOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let budget = DailyBudget { tx_per_day: 10_000, holders_per_day: 20 };

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, budget);

		assert_eq!(Budget::<T>::get(), budget);
		Ok(())
	}

	#[benchmark]
	fn register_holder() -> Result<(), BenchmarkError> {
		let station = workstation::<T>()?;
		let who: T::AccountId = account("holder", 0, 0);
		let digest = [7u8; 32];
		// A holder budget in force, so the day's count is read and written.
		Budget::<T>::put(DailyBudget { tx_per_day: 0, holders_per_day: u32::MAX });

		#[extrinsic_call]
		_(RawOrigin::Signed(station.clone()), who.clone(), digest);

		assert!(AccountRoles::<T>::get(&who).contains(Role::Holder));
		assert_eq!(Holders::<T>::get(&who).map(|info| info.registered_by), Some(station));
		assert_eq!(HolderByUscc::<T>::get(digest), Some(who));
		assert_eq!(Pallet::<T>::holders_registered_today(&station), 1);
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
