//! Benchmarks of `pallet-pledge`, each on its most expensive successful path.
//!
//! Pledges are put into the state a call needs by writing storage directly: the benchmarks cannot move
//! `Config::TimeProvider` forward, so they store proposals that expired at the epoch or stay open
//! forever, and maturities at the end of time. Assets, their valuations and roles come from
//! `Config::BenchmarkHelper`, since the pallet can only read them.

use super::*;
use frame_benchmarking::v2::*;
use frame_system::RawOrigin;
use iprchain_primitives::Role;

/// The secured amount of the benchmark pledges, fen (1 million yuan).
const SECURED_FEN: u128 = 100_000_000;

/// An account holding `role`.
fn member<T: Config>(name: &'static str, role: Role) -> T::AccountId {
	let who: T::AccountId = account(name, 0, 0);
	T::BenchmarkHelper::grant_role(&who, role);
	who
}

/// The whitelisted signer, holding `role`.
fn signer<T: Config>(role: Role) -> T::AccountId {
	let who: T::AccountId = whitelisted_caller();
	T::BenchmarkHelper::grant_role(&who, role);
	who
}

/// A registered, valued asset of `holder`.
fn asset<T: Config>(holder: &T::AccountId) -> u64 {
	let asset = T::BenchmarkHelper::register_asset(holder);
	T::BenchmarkHelper::value_asset(asset);
	asset
}

/// Stores a pledge of `asset` by `pledgor` to `pledgee` in `status`, maturing at the end of time, as
/// the asset's current pledge; returns its id.
fn insert_pledge<T: Config>(
	asset: u64,
	pledgor: &T::AccountId,
	pledgee: &T::AccountId,
	status: PledgeStatus<T::AccountId>,
) -> u64 {
	let pledge = NextPledgeId::<T>::get();
	NextPledgeId::<T>::put(pledge + 1);
	let n = AssetPledgeCount::<T>::get(asset);
	AssetPledgeCount::<T>::insert(asset, n + 1);
	AssetPledges::<T>::insert(asset, n, pledge);
	CurrentPledge::<T>::insert(asset, pledge);
	Pledges::<T>::insert(
		pledge,
		Pledge {
			asset,
			pledgor: pledgor.clone(),
			pledgee: pledgee.clone(),
			secured_fen: SECURED_FEN,
			maturity_ms: u64::MAX,
			proposed_at_ms: 0,
			status,
		},
	);
	pledge
}

/// An active pledge, accepted at the epoch.
fn active<T: Config>() -> PledgeStatus<T::AccountId> {
	PledgeStatus::Active { since_ms: 0, valuation_index: 0, valuation_fen: SECURED_FEN * 2 }
}

/// The status of `pledge`.
fn status<T: Config>(pledge: u64) -> PledgeStatus<T::AccountId> {
	Pledges::<T>::get(pledge).expect("pledge stored").status
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// Replacing an expired proposal, which is read to see that it no longer blocks.
	#[benchmark]
	fn propose() {
		let holder = signer::<T>(Role::Holder);
		let bank = member::<T>("bank", Role::Bank);
		let asset = asset::<T>(&holder);
		let expired = insert_pledge::<T>(asset, &holder, &bank, PledgeStatus::Proposed { expires_ms: 0 });
		let pledge = NextPledgeId::<T>::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(holder.clone()), asset, bank.clone(), SECURED_FEN, u64::MAX);

		let record = Pledges::<T>::get(pledge).expect("proposed");
		assert_eq!((record.pledgor, record.pledgee), (holder, bank));
		assert_eq!(CurrentPledge::<T>::get(asset), Some(pledge));
		assert_eq!(AssetPledges::<T>::get(asset, 1), Some(pledge));
		assert!(matches!(status::<T>(expired), PledgeStatus::Proposed { expires_ms: 0 }));
	}

	#[benchmark]
	fn accept() {
		let holder = member::<T>("holder", Role::Holder);
		let bank = signer::<T>(Role::Bank);
		let asset = asset::<T>(&holder);
		let pledge =
			insert_pledge::<T>(asset, &holder, &bank, PledgeStatus::Proposed { expires_ms: u64::MAX });

		#[extrinsic_call]
		_(RawOrigin::Signed(bank), pledge);

		assert!(matches!(status::<T>(pledge), PledgeStatus::Active { .. }));
	}

	#[benchmark]
	fn withdraw_proposal() {
		let holder = signer::<T>(Role::Holder);
		let bank = member::<T>("bank", Role::Bank);
		let asset = asset::<T>(&holder);
		let pledge =
			insert_pledge::<T>(asset, &holder, &bank, PledgeStatus::Proposed { expires_ms: u64::MAX });

		#[extrinsic_call]
		_(RawOrigin::Signed(holder), pledge);

		assert!(matches!(status::<T>(pledge), PledgeStatus::Withdrawn { .. }));
		assert_eq!(CurrentPledge::<T>::get(asset), None);
	}

	#[benchmark]
	fn release() {
		let holder = member::<T>("holder", Role::Holder);
		let bank = signer::<T>(Role::Bank);
		let asset = asset::<T>(&holder);
		let pledge = insert_pledge::<T>(asset, &holder, &bank, active::<T>());

		#[extrinsic_call]
		_(RawOrigin::Signed(bank), pledge);

		assert!(matches!(status::<T>(pledge), PledgeStatus::Released { .. }));
		assert_eq!(CurrentPledge::<T>::get(asset), None);
	}

	/// Selling to a buyer, whose role is read as well as the bank's, through the registry's transfer.
	#[benchmark]
	fn enforce() {
		let holder = member::<T>("holder", Role::Holder);
		let bank = signer::<T>(Role::Bank);
		let buyer = member::<T>("buyer", Role::Holder);
		let asset = asset::<T>(&holder);
		let pledge = insert_pledge::<T>(asset, &holder, &bank, active::<T>());

		#[extrinsic_call]
		_(RawOrigin::Signed(bank), pledge, Some(buyer.clone()));

		assert!(matches!(status::<T>(pledge), PledgeStatus::Enforced { ref to, .. } if *to == buyer));
		assert_eq!(
			<T::Assets as iprchain_primitives::AssetRegistry<T::AccountId>>::holder(asset),
			Some(buyer)
		);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
