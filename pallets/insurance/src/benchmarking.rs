//! Benchmarks of `pallet-insurance`, each on its most expensive successful path.
//!
//! Policies and claims are put into the state a call needs by writing storage directly: the
//! benchmarks cannot move `Config::TimeProvider`, so the stored policies run from the epoch to the
//! end of time. Roles, assets, deposits and infringement links come from `Config::BenchmarkHelper`,
//! since the pallet can only read them. Every list a call appends to is one short of full.

use super::*;
use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::{traits::Get, BoundedVec};
use frame_system::RawOrigin;
use iprchain_primitives::{HashAlgo, Role, Subject};

/// The coverage of the benchmark policies, fen (10 million yuan).
const COVERAGE_FEN: u128 = 1_000_000_000;
/// The premium of the benchmark policies, fen.
const PREMIUM_FEN: u128 = 1_000_000;
/// The amount of the benchmark claims, fen.
const AMOUNT_FEN: u128 = 100_000_000;
/// Algorithm of the benchmark infringement evidence.
const EVIDENCE_ALGO: HashAlgo = HashAlgo::Sm3;
/// Digest of the benchmark infringement evidence.
const EVIDENCE_DIGEST: [u8; 32] = [0xe7; 32];

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

/// A list of `S::get() - 1` ids that name nothing, so that exactly one more fits.
fn one_short<S: Get<u32>>() -> BoundedVec<u64, S> {
	BoundedVec::truncate_from(vec![u64::MAX; S::get().saturating_sub(1) as usize])
}

/// A subject's list of `S::get() - 1` policies that never end (none is dropped, the worst case), naming
/// nothing, so that exactly one more fits.
fn policies_one_short<S: Get<u32>>() -> BoundedVec<PolicyEntry, S> {
	let entry = PolicyEntry { policy: u64::MAX, end_ms: u64::MAX };
	BoundedVec::truncate_from(vec![entry; S::get().saturating_sub(1) as usize])
}

/// `n` assets of `holder`, registered, each already covered by one policy short of
/// `MaxPoliciesPerSubject`.
fn subjects<T: Config>(holder: &T::AccountId, n: u32) -> Vec<Subject> {
	(0..n)
		.map(|_| {
			let subject = Subject::Asset(T::BenchmarkHelper::register_asset(holder));
			PoliciesOf::<T>::insert(subject, policies_one_short::<T::MaxPoliciesPerSubject>());
			subject
		})
		.collect()
}

/// The longest policy number, distinct for each `seed`.
fn policy_no<T: Config>(seed: u8) -> Vec<u8> {
	vec![seed; T::MaxPolicyNoLen::get() as usize]
}

/// Stores a policy of `insurer` for `insured` over `MaxSubjects` assets, in force from the epoch to
/// the end of time, its list of claims one short of full; returns its id and its last subject.
fn insert_policy<T: Config>(insurer: &T::AccountId, insured: &T::AccountId) -> (u64, Subject) {
	let subjects = subjects::<T>(insured, T::MaxSubjects::get());
	let last = *subjects.last().expect("MaxSubjects is positive");
	let policy = NextPolicyId::<T>::get();
	NextPolicyId::<T>::put(policy + 1);
	let policy_no = PolicyNoOf::<T>::truncate_from(policy_no::<T>(0xb0));
	PolicyByNumber::<T>::insert(&policy_no, policy);
	Policies::<T>::insert(
		policy,
		Policy {
			policy_no,
			insurer: insurer.clone(),
			insured: insured.clone(),
			subjects: SubjectsOf::<T>::truncate_from(subjects),
			coverage_fen: COVERAGE_FEN,
			premium_fen: PREMIUM_FEN,
			start_ms: 0,
			end_ms: u64::MAX,
			bound_at_ms: 0,
			paid_fen: 0,
			approved_fen: 0,
		},
	);
	ClaimsOf::<T>::insert(policy, one_short::<T::MaxClaimsPerPolicy>());
	(policy, last)
}

/// Stores a claim by `claimant` under `policy` for `subject` in `status`; returns its id.
fn insert_claim<T: Config>(
	policy: u64,
	claimant: &T::AccountId,
	subject: Subject,
	status: ClaimStatus,
) -> u64 {
	let claim = NextClaimId::<T>::get();
	NextClaimId::<T>::put(claim + 1);
	let decision = (status != ClaimStatus::Filed).then_some(Decision {
		approved: status == ClaimStatus::Approved,
		reason_digest: [0xd0; 32],
		at_ms: 0,
	});
	Claims::<T>::insert(
		claim,
		Claim {
			policy,
			claimant: claimant.clone(),
			evidence: EvidenceRef { algo: EVIDENCE_ALGO, digest: EVIDENCE_DIGEST },
			subject,
			amount_fen: AMOUNT_FEN,
			filed_at_ms: 0,
			status,
			decision,
			paid_at_ms: None,
		},
	);
	claim
}

/// The status of `claim`.
fn status<T: Config>(claim: u64) -> ClaimStatus {
	Claims::<T>::get(claim).expect("claim stored").status
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// The longest policy number and `n` asset subjects, each looked up in the registry and each with
	/// its list of policies one short of full.
	#[benchmark]
	fn bind(n: Linear<1, { T::MaxSubjects::get() }>) {
		let insurer = signer::<T>(Role::Insurer);
		let insured = member::<T>("insured", Role::Holder);
		let subjects = subjects::<T>(&insured, n);
		let policy = NextPolicyId::<T>::get();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(insurer.clone()),
			policy_no::<T>(0xb1),
			insured.clone(),
			subjects.clone(),
			COVERAGE_FEN,
			PREMIUM_FEN,
			0,
			u64::MAX,
		);

		let record = Policies::<T>::get(policy).expect("bound");
		assert_eq!((record.insurer, record.insured), (insurer, insured));
		assert_eq!(record.subjects.len() as u32, n);
		for subject in subjects {
			assert_eq!(PoliciesOf::<T>::get(subject).last().map(|entry| entry.policy), Some(policy));
		}
	}

	/// Claiming for the last of `MaxSubjects` subjects, the policy's list of claims one short of full.
	#[benchmark]
	fn claim() {
		let insurer = member::<T>("insurer", Role::Insurer);
		let insured = signer::<T>(Role::Holder);
		let (policy, subject) = insert_policy::<T>(&insurer, &insured);
		T::BenchmarkHelper::link_infringement(EVIDENCE_ALGO, EVIDENCE_DIGEST, &subject);
		let claim_id = NextClaimId::<T>::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(insured), policy, EVIDENCE_ALGO, EVIDENCE_DIGEST, subject, AMOUNT_FEN);

		assert_eq!(status::<T>(claim_id), ClaimStatus::Filed);
		assert_eq!(ClaimsOf::<T>::get(policy).last(), Some(&claim_id));
	}

	#[benchmark]
	fn decide() {
		let insurer = signer::<T>(Role::Insurer);
		let insured = member::<T>("insured", Role::Holder);
		let (policy, subject) = insert_policy::<T>(&insurer, &insured);
		let claim_id = insert_claim::<T>(policy, &insured, subject, ClaimStatus::Filed);

		#[extrinsic_call]
		_(RawOrigin::Signed(insurer), claim_id, true, [0xd1; 32]);

		assert_eq!(status::<T>(claim_id), ClaimStatus::Approved);
	}

	#[benchmark]
	fn pay() {
		let insurer = signer::<T>(Role::Insurer);
		let insured = member::<T>("insured", Role::Holder);
		let (policy, subject) = insert_policy::<T>(&insurer, &insured);
		let claim_id = insert_claim::<T>(policy, &insured, subject, ClaimStatus::Approved);

		#[extrinsic_call]
		_(RawOrigin::Signed(insurer), claim_id);

		assert_eq!(status::<T>(claim_id), ClaimStatus::Paid);
		assert_eq!(Policies::<T>::get(policy).expect("stored").paid_fen, AMOUNT_FEN);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
