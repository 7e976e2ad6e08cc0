//! Benchmarks of `pallet-data-ip`, each on its most expensive successful path.
//!
//! Assets are put into the state a call needs by writing storage directly: the benchmarks cannot move
//! `Config::TimeProvider` forward past a notice period.

use super::*;
use alloc::vec;
use frame_benchmarking::v2::*;
use frame_support::{traits::Get, BoundedVec};
use frame_system::RawOrigin;
use iprchain_primitives::Role;

/// An application with a name of `name_len` bytes.
fn application(name_len: u32) -> Application<alloc::vec::Vec<u8>> {
	Application {
		name: vec![b'n'; name_len as usize],
		category: 1,
		source_type: DataSourceType::Licensed,
		structure_digest: [1; 32],
		sample_digest: [2; 32],
		rules_digest: [3; 32],
		row_root: Some([4; 32]),
	}
}

/// Stores an asset of `holder` in `status`, with the longest name; returns its id.
fn insert_asset<T: Config>(holder: &T::AccountId, status: AssetStatus<T::AccountId>) -> u64 {
	let asset = NextAssetId::<T>::get();
	NextAssetId::<T>::put(asset + 1);
	let Application {
		category, source_type, structure_digest, sample_digest, rules_digest, row_root, ..
	} = application(0);
	let name = BoundedVec::truncate_from(vec![b'n'; T::MaxNameLen::get() as usize]);
	Assets::<T>::insert(
		asset,
		Asset {
			holder: holder.clone(),
			application: Application {
				name,
				category,
				source_type,
				structure_digest,
				sample_digest,
				rules_digest,
				row_root,
			},
			status,
			applied_at_ms: 0,
			frozen: false,
		},
	);
	asset
}

/// A registration that never expires.
fn registered<T: Config>() -> AssetStatus<T::AccountId> {
	AssetStatus::Registered { certificate_no: [b'0'; 17], valid_from_ms: 0, valid_until_ms: u64::MAX }
}

/// A holder account with the `Holder` role.
fn holder<T: Config>() -> T::AccountId {
	let holder: T::AccountId = account("holder", 0, 0);
	T::BenchmarkHelper::grant_role(&holder, Role::Holder);
	holder
}

/// A signer holding `role`.
fn signer<T: Config>(role: Role) -> T::AccountId {
	let who: T::AccountId = whitelisted_caller();
	T::BenchmarkHelper::grant_role(&who, role);
	who
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// A workstation applying for a holder: both role reads, and the name (`n`) bounded and stored.
	#[benchmark]
	fn apply(n: Linear<0, { T::MaxNameLen::get() }>) {
		let station = signer::<T>(Role::Workstation);
		let holder = holder::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(station), holder.clone(), application(n));

		assert_eq!(Assets::<T>::get(0).expect("applied").holder, holder);
	}

	/// An objector whose only role is the last one tried.
	#[benchmark]
	fn object() {
		let objector = signer::<T>(Role::Court);
		let asset = insert_asset::<T>(&holder::<T>(), AssetStatus::UnderNotice { until_ms: u64::MAX });

		#[extrinsic_call]
		_(RawOrigin::Signed(objector), asset, [7; 32]);

		assert!(matches!(Assets::<T>::get(asset).expect("stored").status, AssetStatus::Objected { .. }));
	}

	#[benchmark]
	fn resolve_objection() {
		let registrar = signer::<T>(Role::Registrar);
		let objector: T::AccountId = account("objector", 0, 0);
		let asset = insert_asset::<T>(&holder::<T>(), AssetStatus::Objected { until_ms: u64::MAX, objector });

		#[extrinsic_call]
		_(RawOrigin::Signed(registrar), asset, false);

		assert!(matches!(Assets::<T>::get(asset).expect("stored").status, AssetStatus::UnderNotice { .. }));
	}

	#[benchmark]
	fn approve() {
		let registrar = signer::<T>(Role::Registrar);
		let asset = insert_asset::<T>(&holder::<T>(), AssetStatus::UnderNotice { until_ms: 0 });

		#[extrinsic_call]
		_(RawOrigin::Signed(registrar), asset);

		assert!(matches!(Assets::<T>::get(asset).expect("stored").status, AssetStatus::Registered { .. }));
	}

	#[benchmark]
	fn withdraw() {
		let holder = holder::<T>();
		let objector: T::AccountId = account("objector", 0, 0);
		let asset = insert_asset::<T>(&holder, AssetStatus::Objected { until_ms: u64::MAX, objector });

		#[extrinsic_call]
		_(RawOrigin::Signed(holder), asset);

		assert_eq!(Assets::<T>::get(asset).expect("stored").status, AssetStatus::Withdrawn);
	}

	#[benchmark]
	fn transfer() {
		let holder = holder::<T>();
		let to: T::AccountId = account("recipient", 0, 0);
		T::BenchmarkHelper::grant_role(&to, Role::Holder);
		let asset = insert_asset::<T>(&holder, registered::<T>());

		#[extrinsic_call]
		_(RawOrigin::Signed(holder), asset, to.clone());

		assert_eq!(Assets::<T>::get(asset).expect("stored").holder, to);
	}

	#[benchmark]
	fn cancel() {
		let holder = holder::<T>();
		let asset = insert_asset::<T>(&holder, registered::<T>());

		#[extrinsic_call]
		_(RawOrigin::Signed(holder), asset);

		assert_eq!(Assets::<T>::get(asset).expect("stored").status, AssetStatus::Cancelled);
	}

	#[benchmark]
	fn revoke() {
		let registrar = signer::<T>(Role::Registrar);
		let asset = insert_asset::<T>(&holder::<T>(), registered::<T>());

		#[extrinsic_call]
		_(RawOrigin::Signed(registrar), asset, [5; 32]);

		assert_eq!(
			Assets::<T>::get(asset).expect("stored").status,
			AssetStatus::Revoked { reason_digest: [5; 32] }
		);
	}

	#[benchmark]
	fn freeze() {
		let court = signer::<T>(Role::Court);
		let asset = insert_asset::<T>(&holder::<T>(), registered::<T>());

		#[extrinsic_call]
		_(RawOrigin::Signed(court), asset, [9; 32]);

		assert!(Assets::<T>::get(asset).expect("stored").frozen);
	}

	#[benchmark]
	fn unfreeze() {
		let court = signer::<T>(Role::Court);
		let asset = insert_asset::<T>(&holder::<T>(), registered::<T>());
		Assets::<T>::mutate(asset, |record| {
			if let Some(record) = record {
				record.frozen = true;
			}
		});

		#[extrinsic_call]
		_(RawOrigin::Signed(court), asset, [9; 32]);

		assert!(!Assets::<T>::get(asset).expect("stored").frozen);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
