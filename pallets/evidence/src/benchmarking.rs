//! Benchmarks of `pallet-evidence`, each on its most expensive successful path.

use super::*;
use alloc::vec;
use frame_benchmarking::v2::*;
use frame_system::RawOrigin;
use iprchain_primitives::{Capture, EvidenceKind, HashAlgo, Role, MAX_TITLE_LEN, MAX_URL_LEN};

#[benchmarks]
mod benchmarks {
	use super::*;

	/// A workstation depositing captured evidence for a holder: both role reads, and the record
	/// grows with the title (`t`) and capture URL (`u`) lengths.
	#[benchmark]
	fn deposit(t: Linear<0, MAX_TITLE_LEN>, u: Linear<0, MAX_URL_LEN>) {
		let station: T::AccountId = whitelisted_caller();
		let owner: T::AccountId = account("owner", 0, 0);
		T::BenchmarkHelper::grant_role(&station, Role::Workstation);
		T::BenchmarkHelper::grant_role(&owner, Role::Holder);
		let digest = HashAlgo::Sm3.digest(b"benchmarked evidence");
		let capture = Capture {
			source_url: vec![b'u'; u as usize],
			captured_at: 1_700_000_000_000,
			environment_digest: [1; 32],
			files_root: [2; 32],
		};

		#[extrinsic_call]
		_(
			RawOrigin::Signed(station.clone()),
			digest,
			HashAlgo::Sm3,
			EvidenceKind::Infringement,
			vec![b't'; t as usize],
			Some(capture),
			Some(owner.clone()),
		);

		let record = Records::<T>::get((HashAlgo::Sm3, digest)).expect("deposited");
		assert_eq!(record.owner, owner);
		assert_eq!(record.submitter, station);
	}

	#[benchmark]
	fn anchor_batch() {
		let caller: T::AccountId = whitelisted_caller();
		let root = HashAlgo::Sha256.digest(b"benchmarked batch");

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), root, u32::MAX, HashAlgo::Sha256);

		assert!(Batches::<T>::contains_key((HashAlgo::Sha256, root)));
	}

	#[benchmark]
	fn link_infringement() {
		// The right holder of the work links a capture of a copy: the path reading both records.
		let holder: T::AccountId = whitelisted_caller();
		let deposit_text = |text: &[u8], kind| {
			let digest = HashAlgo::Sha256.digest(text);
			Pallet::<T>::deposit(
				RawOrigin::Signed(holder.clone()).into(),
				digest,
				HashAlgo::Sha256,
				kind,
				vec![b't'; MAX_TITLE_LEN as usize],
				None,
				None,
			)
			.expect("deposit succeeds");
			digest
		};
		let work = deposit_text(b"benchmarked work", EvidenceKind::Copyright);
		let copy = deposit_text(b"benchmarked copy", EvidenceKind::Infringement);
		let subject = iprchain_primitives::Subject::Evidence { algo: HashAlgo::Sha256, digest: work };

		#[extrinsic_call]
		_(RawOrigin::Signed(holder), HashAlgo::Sha256, copy, subject);

		assert!(InfringementLinks::<T>::contains_key((HashAlgo::Sha256, copy), subject));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
