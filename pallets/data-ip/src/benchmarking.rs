//! Benchmarks of `pallet-data-ip`, each on its most expensive successful path.
//!
//! Assets are put into the state a call needs by writing storage directly: the benchmarks cannot move
//! `Config::TimeProvider` forward past a notice period, so they store an asset whose notice already
//! ended (`until_ms: 0`) or whose validity ends right after the block's time.

use super::*;
use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::traits::{EnsureOrigin, Get};
use frame_system::RawOrigin;
use iprchain_primitives::{HashAlgo, Role};

/// A deposited SHA-256 evidence reference, distinct for each `index`.
fn evidence<T: Config>(index: u32) -> EvidenceRef {
	let mut digest = [0xe7; 32];
	digest[..4].copy_from_slice(&index.to_le_bytes());
	let evidence = EvidenceRef { algo: HashAlgo::Sha256, digest };
	T::BenchmarkHelper::deposit_evidence(&evidence);
	evidence
}

/// Text of the maximum length.
fn text<T: Config>(byte: u8) -> Vec<u8> {
	vec![byte; T::MaxTextLen::get() as usize]
}

/// The most expensive application: every text at its maximum length, a source that needs its own
/// evidence, and `n` further deposited evidence references, all checked against the evidence store.
/// `seed` keeps the evidence of different applications apart.
fn application<T: Config>(n: u32, seed: u32) -> ApplicationInput {
	Application {
		name: text::<T>(b'n'),
		category: u16::MAX,
		source_type: DataSourceType::Licensed,
		source_evidence: Some(evidence::<T>(seed.wrapping_mul(1_000).wrapping_add(999))),
		holder_type: HolderType::OtherOrganisation,
		scale: text::<T>(b's'),
		format: text::<T>(b'f'),
		update_frequency: UpdateFrequency::Irregular,
		structure_digest: [1; 32],
		sample_digest: [2; 32],
		rules_digest: [3; 32],
		row_root: Some([4; 32]),
		evidence: (0..n).map(|i| evidence::<T>(seed.wrapping_mul(1_000).wrapping_add(i))).collect(),
	}
}

/// Stores an asset of `holder` in `status` with the largest application and a court freeze that has
/// lapsed (so the freeze checks read it and find it not in force); returns its id.
fn insert_asset<T: Config>(holder: &T::AccountId, status: AssetStatus<T::AccountId>) -> u64 {
	let asset = NextAssetId::<T>::get();
	NextAssetId::<T>::put(asset + 1);
	let application = Pallet::<T>::bound_application(application::<T>(T::MaxEvidenceRefs::get(), 0))
		.map_err(|_| "benchmark application is valid")
		.unwrap();
	let court: T::AccountId = account("court", 0, 0);
	Assets::<T>::insert(
		asset,
		Asset {
			holder: holder.clone(),
			application,
			version: 0,
			status,
			applied_at_ms: 0,
			freeze: Some(Freeze { court, order_digest: [8; 32], since_ms: 0, until_ms: Some(0) }),
		},
	);
	asset
}

/// Puts a court freeze in force on `asset` until lifted.
fn freeze_asset<T: Config>(asset: u64) {
	let court: T::AccountId = account("court", 0, 0);
	Assets::<T>::mutate(asset, |record| {
		if let Some(record) = record {
			record.freeze = Some(Freeze { court, order_digest: [8; 32], since_ms: 0, until_ms: None });
		}
	});
}

/// A registration valid until `valid_until_ms`.
fn registered<T: Config>(valid_until_ms: u64) -> AssetStatus<T::AccountId> {
	AssetStatus::Registered {
		certificate_no: [b'1'; CERTIFICATE_NO_LEN],
		registration_no: [b'1'; REGISTRATION_NO_LEN],
		valid_from_ms: 0,
		valid_until_ms,
	}
}

/// An objection by another account, the notice never ending.
fn objected<T: Config>() -> AssetStatus<T::AccountId> {
	AssetStatus::Objected { until_ms: u64::MAX, objector: account("objector", 0, 0) }
}

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

/// The status of `asset`.
fn status<T: Config>(asset: u64) -> AssetStatus<T::AccountId> {
	Assets::<T>::get(asset).expect("asset stored").status
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// A workstation applying for a holder (both roles read) with the longest texts, source evidence
	/// and `n` further evidence references, each looked up.
	#[benchmark]
	fn apply(n: Linear<0, { T::MaxEvidenceRefs::get() }>) {
		let station = signer::<T>(Role::Workstation);
		let holder = member::<T>("holder", Role::Holder);
		let input = application::<T>(n, 1);
		let asset = NextAssetId::<T>::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(station), holder.clone(), input);

		let record = Assets::<T>::get(asset).expect("applied");
		assert_eq!(record.holder, holder);
		assert_eq!(record.application.evidence.len() as u32, n);
	}

	/// An objector whose only role is the last one [`Role::ALL`] tries.
	#[benchmark]
	fn object() {
		let objector = signer::<T>(*Role::ALL.last().expect("roles exist"));
		let holder = member::<T>("holder", Role::Holder);
		let asset = insert_asset::<T>(&holder, AssetStatus::UnderNotice { until_ms: u64::MAX });
		let cited = evidence::<T>(u32::MAX);

		#[extrinsic_call]
		_(RawOrigin::Signed(objector.clone()), asset, cited);

		assert_eq!(status::<T>(asset), AssetStatus::Objected { until_ms: u64::MAX, objector });
	}

	#[benchmark]
	fn resolve_objection() {
		let registrar = signer::<T>(Role::Registrar);
		let holder = member::<T>("holder", Role::Holder);
		let asset = insert_asset::<T>(&holder, objected::<T>());

		#[extrinsic_call]
		_(RawOrigin::Signed(registrar), asset, false);

		assert_eq!(status::<T>(asset), AssetStatus::UnderNotice { until_ms: u64::MAX });
	}

	/// The notice ended at the epoch, so it is over whatever the block's time.
	#[benchmark]
	fn approve() {
		let registrar = signer::<T>(Role::Registrar);
		let holder = member::<T>("holder", Role::Holder);
		let asset = insert_asset::<T>(&holder, AssetStatus::UnderNotice { until_ms: 0 });
		let serial = NextSerial::<T>::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(registrar), asset);

		assert!(matches!(status::<T>(asset), AssetStatus::Registered { .. }));
		assert_eq!(NextSerial::<T>::get(), serial + 1);
	}

	/// Withdrawing an objected application, which stores the objector.
	#[benchmark]
	fn withdraw() {
		let holder = signer::<T>(Role::Holder);
		let asset = insert_asset::<T>(&holder, objected::<T>());

		#[extrinsic_call]
		_(RawOrigin::Signed(holder), asset);

		assert_eq!(status::<T>(asset), AssetStatus::Withdrawn);
	}

	#[benchmark]
	fn transfer() {
		let holder = signer::<T>(Role::Holder);
		let to = member::<T>("recipient", Role::Holder);
		let asset = insert_asset::<T>(&holder, registered::<T>(u64::MAX));

		#[extrinsic_call]
		_(RawOrigin::Signed(holder), asset, to.clone());

		assert_eq!(Assets::<T>::get(asset).expect("stored").holder, to);
	}

	#[benchmark]
	fn cancel() {
		let holder = signer::<T>(Role::Holder);
		let asset = insert_asset::<T>(&holder, registered::<T>(u64::MAX));

		#[extrinsic_call]
		_(RawOrigin::Signed(holder), asset);

		assert_eq!(status::<T>(asset), AssetStatus::Cancelled);
	}

	#[benchmark]
	fn revoke() {
		let registrar = signer::<T>(Role::Registrar);
		let holder = member::<T>("holder", Role::Holder);
		let asset = insert_asset::<T>(&holder, registered::<T>(u64::MAX));
		freeze_asset::<T>(asset);

		#[extrinsic_call]
		_(RawOrigin::Signed(registrar), asset, [5; 32]);

		assert_eq!(status::<T>(asset), AssetStatus::Revoked { reason_digest: [5; 32] });
	}

	/// A freeze with an end, replacing one that lapsed.
	#[benchmark]
	fn freeze() {
		let court = signer::<T>(Role::Court);
		let holder = member::<T>("holder", Role::Holder);
		let asset = insert_asset::<T>(&holder, registered::<T>(u64::MAX));

		#[extrinsic_call]
		_(RawOrigin::Signed(court.clone()), asset, [9; 32], Some(u64::MAX));

		let order = Assets::<T>::get(asset).expect("stored").freeze.expect("frozen");
		assert_eq!((order.court, order.until_ms), (court, Some(u64::MAX)));
	}

	#[benchmark]
	fn unfreeze() {
		let court = signer::<T>(Role::Court);
		let holder = member::<T>("holder", Role::Holder);
		let asset = insert_asset::<T>(&holder, registered::<T>(u64::MAX));
		freeze_asset::<T>(asset);

		#[extrinsic_call]
		_(RawOrigin::Signed(court), asset, [9; 32]);

		assert_eq!(Assets::<T>::get(asset).expect("stored").freeze, None);
	}

	/// Replacing the largest application by one with the longest texts, source evidence and `n`
	/// further evidence references, each looked up; the old one is written to `PastApplications`.
	#[benchmark]
	fn change(n: Linear<0, { T::MaxEvidenceRefs::get() }>) {
		let holder = signer::<T>(Role::Holder);
		let asset = insert_asset::<T>(&holder, registered::<T>(u64::MAX));
		let input = application::<T>(n, 2);

		#[extrinsic_call]
		_(RawOrigin::Signed(holder), asset, input);

		assert_eq!(Assets::<T>::get(asset).expect("stored").version, 1);
		assert!(PastApplications::<T>::contains_key(asset, 0));
	}

	/// A non-exclusive licence, so the conflict check passes every one of the `MaxLicences - 1`
	/// overlapping non-exclusive licences already recorded, to a licensee whose only role is the last
	/// one [`Role::ALL`] tries, with the longest scope.
	#[benchmark]
	fn license() {
		let holder = signer::<T>(Role::Holder);
		let licensee = member::<T>("licensee", *Role::ALL.last().expect("roles exist"));
		let asset = insert_asset::<T>(&holder, registered::<T>(u64::MAX));
		let existing = member::<T>("existing", Role::Bank);
		let mut licences = Licences::<T>::get(asset);
		for _ in 1..T::MaxLicences::get() {
			licences
				.try_push(Licence {
					licensee: existing.clone(),
					kind: LicenceKind::NonExclusive,
					scope: TextOf::<T>::truncate_from(text::<T>(b'c')),
					start_ms: 0,
					end_ms: u64::MAX,
					licensor: holder.clone(),
					granted_at_ms: 0,
				})
				.map_err(|_| "fewer than MaxLicences")
				.unwrap();
		}
		Licences::<T>::insert(asset, licences);
		let index = T::MaxLicences::get().saturating_sub(1);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(holder),
			asset,
			licensee.clone(),
			LicenceKind::NonExclusive,
			text::<T>(b'c'),
			0,
			u64::MAX,
		);

		let licences = Licences::<T>::get(asset);
		assert_eq!(licences.len() as u32, index + 1);
		assert_eq!(licences[index as usize].licensee, licensee);
	}

	/// A registration whose validity ends one millisecond after the block's time, so the renewal
	/// window is open.
	#[benchmark]
	fn renew() {
		let holder = signer::<T>(Role::Holder);
		let end = Pallet::<T>::now_ms().saturating_add(1);
		let asset = insert_asset::<T>(&holder, registered::<T>(end));
		let validity = ActivePeriods::<T>::get().validity_ms;

		#[extrinsic_call]
		_(RawOrigin::Signed(holder), asset);

		assert_eq!(status::<T>(asset), registered::<T>(end.saturating_add(validity)));
	}

	#[benchmark]
	fn set_periods() -> Result<(), BenchmarkError> {
		let origin = T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let periods = Periods { notice_ms: 1, validity_ms: 3, renewal_window_ms: 2 };

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, periods);

		assert_eq!(ActivePeriods::<T>::get(), periods);
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
