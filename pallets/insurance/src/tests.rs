//! Tests of `pallet-insurance`.

use crate::{mock::*, pallet::*, types::*};
use frame_support::{assert_noop, assert_ok};
use iprchain_primitives::{Digest, HashAlgo, Role, Subject};
use sp_runtime::{DispatchError, DispatchResult};

/// The coverage the tests bind, fen (500 thousand yuan).
const COVERAGE: u128 = 50_000_000;
/// The premium the tests bind, fen.
const PREMIUM: u128 = 500_000;
/// Start of the term the tests bind: now.
const TERM_START: u64 = START_MS;
/// End of the term the tests bind, exclusive.
const TERM_END: u64 = START_MS + 10_000;
/// The policy number the tests bind first.
const NO: &[u8] = b"PICC-2026-0001";
/// A policy or claim id nothing was ever stored under.
const MISSING: u64 = 99;
/// A reason digest.
const REASON: [u8; 32] = [0xd1; 32];

// ---- helpers ----

fn asset(id: u64) -> Subject {
	Subject::Asset(id)
}

#[allow(clippy::too_many_arguments)]
fn bind_full(
	who: u64,
	policy_no: &[u8],
	insured: u64,
	subjects: Vec<Subject>,
	coverage_fen: u128,
	premium_fen: u128,
	start_ms: u64,
	end_ms: u64,
) -> DispatchResult {
	Insurance::bind(
		RuntimeOrigin::signed(who),
		policy_no.to_vec(),
		insured,
		subjects,
		coverage_fen,
		premium_fen,
		start_ms,
		end_ms,
	)
}

/// `who` binds `policy_no` for `INSURED` over `subjects` with the tests' coverage and term.
fn bind_as(who: u64, policy_no: &[u8], subjects: Vec<Subject>) -> DispatchResult {
	bind_full(who, policy_no, INSURED, subjects, COVERAGE, PREMIUM, TERM_START, TERM_END)
}

/// `INSURER` binds `policy_no` for `INSURED` over `subjects`; returns the policy id.
fn bind_over(policy_no: &[u8], subjects: Vec<Subject>) -> u64 {
	let policy = NextPolicyId::<Test>::get();
	assert_ok!(bind_as(INSURER, policy_no, subjects));
	policy
}

/// `INSURER` binds [`NO`] for `INSURED` over `ASSET` and `WORK`; returns the policy id.
fn bind() -> u64 {
	bind_over(NO, vec![asset(ASSET), WORK])
}

fn claim_with(who: u64, policy: u64, digest: Digest, subject: Subject, amount: u128) -> DispatchResult {
	Insurance::claim(RuntimeOrigin::signed(who), policy, INFRINGEMENT_ALGO, digest, subject, amount)
}

/// `who` claims `amount` under `policy` for `subject`, citing the linked infringement evidence.
fn claim_as(who: u64, policy: u64, subject: Subject, amount: u128) -> DispatchResult {
	claim_with(who, policy, INFRINGEMENT, subject, amount)
}

/// `INSURED` claims `amount` under `policy` for `ASSET`; returns the claim id.
fn file(policy: u64, amount: u128) -> u64 {
	let claim = NextClaimId::<Test>::get();
	assert_ok!(claim_as(INSURED, policy, asset(ASSET), amount));
	claim
}

fn decide_as(who: u64, claim: u64, approve: bool) -> DispatchResult {
	Insurance::decide(RuntimeOrigin::signed(who), claim, approve, REASON)
}

fn pay_as(who: u64, claim: u64) -> DispatchResult {
	Insurance::pay(RuntimeOrigin::signed(who), claim)
}

/// `INSURED` claims `amount` under `policy`, which `INSURER` approves; returns the claim id.
fn approved(policy: u64, amount: u128) -> u64 {
	let claim = file(policy, amount);
	assert_ok!(decide_as(INSURER, claim, true));
	claim
}

/// A claim of `amount` under `policy`, approved and paid; returns the claim id.
fn paid(policy: u64, amount: u128) -> u64 {
	let claim = approved(policy, amount);
	assert_ok!(pay_as(INSURER, claim));
	claim
}

fn stored_policy(policy: u64) -> PolicyOf<Test> {
	Policies::<Test>::get(policy).expect("policy stored")
}

fn stored_claim(claim: u64) -> ClaimOf<Test> {
	Claims::<Test>::get(claim).expect("claim stored")
}

fn status(claim: u64) -> ClaimStatus {
	stored_claim(claim).status
}

fn policies_list(subject: Subject) -> Vec<u64> {
	PoliciesOf::<Test>::get(subject).into_iter().map(|entry| entry.policy).collect()
}

fn ids<R>(list: Vec<(u64, R)>) -> Vec<u64> {
	list.into_iter().map(|(id, _)| id).collect()
}

// ---- bind ----

#[test]
fn insurer_binds_a_policy() {
	new_test_ext().execute_with(|| {
		assert_ok!(bind_full(INSURER, NO, INSURED, vec![asset(ASSET), WORK], COVERAGE, PREMIUM, 5, TERM_END));

		let expected = PolicyInfo {
			policy_no: NO.to_vec(),
			insurer: INSURER,
			insured: INSURED,
			subjects: vec![asset(ASSET), WORK],
			coverage_fen: COVERAGE,
			premium_fen: PREMIUM,
			start_ms: 5,
			end_ms: TERM_END,
			bound_at_ms: START_MS,
			paid_fen: 0,
			approved_fen: 0,
		};
		let stored = stored_policy(0);
		assert_eq!(stored.policy_no.clone().into_inner(), NO.to_vec());
		assert_eq!(stored.subjects.clone().into_inner(), vec![asset(ASSET), WORK]);
		assert_eq!(
			(stored.insurer, stored.insured, stored.coverage_fen, stored.premium_fen),
			(INSURER, INSURED, COVERAGE, PREMIUM)
		);
		assert_eq!(
			(stored.start_ms, stored.end_ms, stored.bound_at_ms, stored.paid_fen),
			(5, TERM_END, START_MS, 0)
		);
		assert_eq!(Insurance::policy(0), Some(expected.clone()));
		assert_eq!(NextPolicyId::<Test>::get(), 1);
		assert_eq!(PolicyByNumber::<Test>::get(PolicyNoOf::<Test>::truncate_from(NO.to_vec())), Some(0));
		assert_eq!(Insurance::policy_by_number(NO.to_vec()), Some(0));
		assert_eq!(policies_list(asset(ASSET)), vec![0]);
		assert_eq!(policies_list(WORK), vec![0]);
		assert_eq!(policies_list(asset(ASSET2)), Vec::<u64>::new());
		assert_eq!(Insurance::policies_of(asset(ASSET)), vec![(0, expected.clone())]);
		assert_eq!(Insurance::policies_of(WORK), vec![(0, expected)]);
		assert_eq!(Insurance::claims_of(0), vec![]);
		System::assert_last_event(
			Event::PolicyBound {
				policy: 0,
				policy_no: PolicyNoOf::<Test>::truncate_from(NO.to_vec()),
				insurer: INSURER,
				insured: INSURED,
				subjects: SubjectsOf::<Test>::truncate_from(vec![asset(ASSET), WORK]),
				coverage_fen: COVERAGE,
				premium_fen: PREMIUM,
				start_ms: 5,
				end_ms: TERM_END,
			}
			.into(),
		);
	});
}

#[test]
fn policy_ids_count_up_and_subject_lists_grow() {
	new_test_ext().execute_with(|| {
		assert_eq!(bind(), 0);
		assert_ok!(bind_full(
			INSURER2,
			b"CPIC-0001",
			HOLDER2,
			vec![asset(ASSET2), asset(ASSET)],
			1,
			0,
			TERM_START,
			TERM_END
		));
		assert_eq!(NextPolicyId::<Test>::get(), 2);
		assert_eq!(policies_list(asset(ASSET)), vec![0, 1]);
		assert_eq!(policies_list(asset(ASSET2)), vec![1]);
		assert_eq!(policies_list(WORK), vec![0]);
		assert_eq!(ids(Insurance::policies_of(asset(ASSET))), vec![0, 1]);
		assert_eq!(ids(Insurance::policies_of(asset(ASSET2))), vec![1]);
		assert_eq!(Insurance::policy_by_number(b"CPIC-0001".to_vec()), Some(1));
		let second = Insurance::policy(1).expect("bound");
		assert_eq!(
			(second.insurer, second.insured, second.coverage_fen, second.premium_fen),
			(INSURER2, HOLDER2, 1, 0)
		);
	});
}

#[test]
fn read_functions_answer_nothing_for_unknown_ids_and_numbers() {
	new_test_ext().execute_with(|| {
		bind();
		assert_eq!(Insurance::policy(MISSING), None);
		assert_eq!(Insurance::policy_by_number(b"PICC-2026-0002".to_vec()), None);
		// Longer than any number that can be stored.
		assert_eq!(Insurance::policy_by_number(vec![b'9'; MAX_POLICY_NO_LEN as usize + 1]), None);
		assert_eq!(Insurance::policies_of(asset(UNKNOWN_ASSET)), vec![]);
		assert_eq!(Insurance::claim_record(MISSING), None);
		assert_eq!(Insurance::claims_of(MISSING), vec![]);
	});
}

#[test]
fn bind_accepts_a_term_that_started_already_and_the_state_follows_the_clock() {
	new_test_ext().execute_with(|| {
		assert_ok!(bind_full(INSURER, NO, INSURED, vec![WORK], COVERAGE, 0, 0, START_MS + 1));
		let started = stored_policy(0);
		assert_eq!(started.state(now()), PolicyState::InForce);
		assert_eq!(started.state(START_MS + 1), PolicyState::Expired);

		assert_ok!(bind_full(INSURER, b"N2", INSURED, vec![WORK], COVERAGE, 0, TERM_END, TERM_END + 1));
		let future = stored_policy(1);
		assert!(!future.in_force(now()));
		assert_eq!(future.state(now()), PolicyState::Pending);
		assert_eq!(future.state(TERM_END), PolicyState::InForce);
	});
}

#[test]
fn bind_refuses_signers_without_the_insurer_role() {
	new_test_ext().execute_with(|| {
		for who in [INSURED, HOLDER2, NOBODY] {
			assert_noop!(bind_as(who, NO, vec![asset(ASSET)]), Error::<Test>::NotInsurer);
		}
		revoke(INSURER, Role::Insurer);
		assert_noop!(bind_as(INSURER, NO, vec![asset(ASSET)]), Error::<Test>::NotInsurer);
		grant(HOLDER2, Role::Insurer);
		assert_ok!(bind_as(HOLDER2, NO, vec![asset(ASSET)]));
	});
}

#[test]
fn bind_refuses_an_empty_policy_number() {
	new_test_ext().execute_with(|| {
		assert_noop!(bind_as(INSURER, b"", vec![asset(ASSET)]), Error::<Test>::EmptyPolicyNo);
	});
}

#[test]
fn bind_refuses_a_policy_number_that_is_too_long() {
	new_test_ext().execute_with(|| {
		let long = vec![b'7'; MAX_POLICY_NO_LEN as usize + 1];
		assert_noop!(bind_as(INSURER, &long, vec![asset(ASSET)]), Error::<Test>::PolicyNoTooLong);
		assert_ok!(bind_as(INSURER, &long[1..], vec![asset(ASSET)]));
	});
}

#[test]
fn bind_refuses_a_policy_number_bound_before() {
	new_test_ext().execute_with(|| {
		bind();
		assert_noop!(bind_as(INSURER, NO, vec![asset(ASSET2)]), Error::<Test>::DuplicatePolicyNo);
		// By another insurer neither: numbers are unique on the chain.
		assert_noop!(bind_as(INSURER2, NO, vec![asset(ASSET2)]), Error::<Test>::DuplicatePolicyNo);
		assert_ok!(bind_as(INSURER2, b"PICC-2026-0002", vec![asset(ASSET2)]));
	});
}

#[test]
fn bind_refuses_no_subjects() {
	new_test_ext().execute_with(|| {
		assert_noop!(bind_as(INSURER, NO, vec![]), Error::<Test>::NoSubjects);
	});
}

#[test]
fn bind_refuses_too_many_subjects() {
	new_test_ext().execute_with(|| {
		let Subject::Evidence { algo, .. } = WORK else { unreachable!() };
		let work2 = Subject::Evidence { algo, digest: [0xa3; 32] };
		deposit(algo, [0xa3; 32]);
		let four = vec![asset(ASSET), asset(ASSET2), WORK, work2];
		assert_eq!(four.len() as u32, MAX_SUBJECTS + 1);
		assert_noop!(bind_as(INSURER, NO, four.clone()), Error::<Test>::TooManySubjects);
		assert_ok!(bind_as(INSURER, NO, four[1..].to_vec()));
	});
}

#[test]
fn bind_refuses_a_subject_named_twice() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			bind_as(INSURER, NO, vec![asset(ASSET), WORK, asset(ASSET)]),
			Error::<Test>::DuplicateSubject
		);
		assert_noop!(bind_as(INSURER, NO, vec![WORK, WORK]), Error::<Test>::DuplicateSubject);
		// The same digest under another algorithm is another deposit.
		let Subject::Evidence { digest, .. } = WORK else { unreachable!() };
		deposit(HashAlgo::Sm3, digest);
		assert_ok!(bind_as(INSURER, NO, vec![WORK, Subject::Evidence { algo: HashAlgo::Sm3, digest }]));
	});
}

#[test]
fn bind_refuses_an_asset_that_is_not_registered_or_expired() {
	new_test_ext().execute_with(|| {
		for subject in [PENDING_ASSET, UNKNOWN_ASSET] {
			assert_noop!(
				bind_as(INSURER, NO, vec![WORK, asset(subject)]),
				Error::<Test>::SubjectNotRegistered
			);
		}
		// Registered, but its validity ends now.
		set_valid_until(ASSET, Some(now()));
		assert_noop!(bind_as(INSURER, NO, vec![asset(ASSET)]), Error::<Test>::SubjectNotRegistered);
		set_valid_until(ASSET, Some(now() + 1));
		assert_ok!(bind_as(INSURER, NO, vec![asset(ASSET)]));
	});
}

#[test]
fn bind_refuses_a_work_that_is_not_deposited() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			bind_as(INSURER, NO, vec![asset(ASSET), UNDEPOSITED_WORK]),
			Error::<Test>::SubjectNotDeposited
		);
	});
}

#[test]
fn bind_names_the_first_invalid_subject() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			bind_as(INSURER, NO, vec![WORK, UNDEPOSITED_WORK, asset(PENDING_ASSET)]),
			Error::<Test>::SubjectNotDeposited
		);
		assert_noop!(
			bind_as(INSURER, NO, vec![asset(PENDING_ASSET), UNDEPOSITED_WORK]),
			Error::<Test>::SubjectNotRegistered
		);
	});
}

#[test]
fn bind_refuses_zero_coverage_but_not_a_zero_premium() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			bind_full(INSURER, NO, INSURED, vec![WORK], 0, PREMIUM, TERM_START, TERM_END),
			Error::<Test>::ZeroCoverage
		);
		assert_ok!(bind_full(INSURER, NO, INSURED, vec![WORK], 1, 0, TERM_START, TERM_END));
	});
}

#[test]
fn bind_refuses_a_bad_term() {
	new_test_ext().execute_with(|| {
		for (start, end) in [
			(TERM_END, TERM_END),
			(TERM_END, TERM_END - 1),
			// Ends now, or in the past.
			(0, START_MS),
			(0, START_MS - 1),
		] {
			assert_noop!(
				bind_full(INSURER, NO, INSURED, vec![WORK], COVERAGE, PREMIUM, start, end),
				Error::<Test>::BadTerm
			);
		}
		assert_ok!(bind_full(INSURER, NO, INSURED, vec![WORK], COVERAGE, PREMIUM, 0, START_MS + 1));
	});
}

#[test]
fn bind_refuses_when_a_subjects_list_of_policies_is_full() {
	new_test_ext().execute_with(|| {
		bind_over(b"N1", vec![asset(ASSET)]);
		bind_over(b"N2", vec![asset(ASSET)]);
		assert_eq!(policies_list(asset(ASSET)).len() as u32, MAX_POLICIES_PER_SUBJECT);
		// The list of ASSET2, checked first, is left as it was.
		assert_noop!(
			bind_as(INSURER, b"N3", vec![asset(ASSET2), asset(ASSET)]),
			Error::<Test>::TooManyPolicies
		);
		assert_eq!(policies_list(asset(ASSET2)), Vec::<u64>::new());
		assert_ok!(bind_as(INSURER, b"N3", vec![asset(ASSET2)]));
	});
}

#[test]
fn ended_policies_stop_counting() {
	new_test_ext().execute_with(|| {
		// A squatter's short policies fill ASSET's list...
		for no in [b"S1", b"S2"] {
			assert_ok!(bind_full(INSURER2, no, INSURED, vec![asset(ASSET)], 1, 0, 0, START_MS + 10));
		}
		assert_noop!(bind_as(INSURER, NO, vec![asset(ASSET)]), Error::<Test>::TooManyPolicies);
		// ...until they end (an end is exclusive): then a new policy drops them and is bound.
		set_now(START_MS + 10);
		let policy = NextPolicyId::<Test>::get();
		assert_ok!(bind_full(INSURER, NO, INSURED, vec![asset(ASSET)], COVERAGE, PREMIUM, 0, TERM_END));
		assert_eq!(policies_list(asset(ASSET)), vec![policy]);
		assert_eq!(
			PoliciesOf::<Test>::get(asset(ASSET)).into_inner(),
			vec![PolicyEntry { policy, end_ms: TERM_END }]
		);
		// The dropped ones stay readable by id and number.
		assert_eq!(stored_policy(0).policy_no.into_inner(), b"S1".to_vec());
		assert_eq!(Insurance::policy_by_number(b"S2".to_vec()), Some(1));
		// A policy yet to start counts like one in force.
		assert_ok!(bind_full(INSURER, b"LATER", INSURED, vec![asset(ASSET)], 1, 0, TERM_END, TERM_END + 1));
		assert_noop!(bind_as(INSURER, b"N4", vec![asset(ASSET)]), Error::<Test>::TooManyPolicies);
	});
}

mod migration_v1 {
	use super::*;
	use crate::migration::v1::MigrateToV1;
	use frame_support::{
		traits::{ConstU32, GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
		Blake2_128Concat, BoundedVec,
	};

	/// `PoliciesOf` as storage version 0 kept it: bare ids.
	#[frame_support::storage_alias]
	type PoliciesOf =
		StorageMap<Insurance, Blake2_128Concat, Subject, BoundedVec<u64, ConstU32<MAX_POLICIES_PER_SUBJECT>>>;

	#[test]
	fn version_0_lists_get_each_policys_end() {
		new_test_ext().execute_with(|| {
			let first = bind_over(b"N1", vec![asset(ASSET), WORK]);
			let second = NextPolicyId::<Test>::get();
			assert_ok!(bind_full(INSURER, b"N2", INSURED, vec![asset(ASSET)], 1, 0, 0, TERM_END + 5));
			// Rewrite the lists as version 0 stored them, with one id that names nothing.
			PoliciesOf::insert(asset(ASSET), BoundedVec::truncate_from(vec![first, second]));
			PoliciesOf::insert(WORK, BoundedVec::truncate_from(vec![first, MISSING]));
			StorageVersion::new(0).put::<Insurance>();

			MigrateToV1::<Test>::on_runtime_upgrade();

			assert_eq!(Insurance::on_chain_storage_version(), StorageVersion::new(1));
			assert_eq!(
				crate::PoliciesOf::<Test>::get(asset(ASSET)).into_inner(),
				vec![
					PolicyEntry { policy: first, end_ms: TERM_END },
					PolicyEntry { policy: second, end_ms: TERM_END + 5 }
				]
			);
			assert_eq!(
				crate::PoliciesOf::<Test>::get(WORK).into_inner(),
				vec![PolicyEntry { policy: first, end_ms: TERM_END }]
			);
			assert_eq!(ids(Insurance::policies_of(asset(ASSET))), vec![first, second]);
			// A second run finds version 1 and changes nothing.
			let before = crate::PoliciesOf::<Test>::get(asset(ASSET));
			MigrateToV1::<Test>::on_runtime_upgrade();
			assert_eq!(crate::PoliciesOf::<Test>::get(asset(ASSET)), before);
		});
	}

	#[test]
	fn a_new_chain_starts_at_version_1() {
		new_test_ext().execute_with(|| {
			assert_eq!(Insurance::on_chain_storage_version(), StorageVersion::new(1));
			assert_eq!(Insurance::in_code_storage_version(), StorageVersion::new(1));
		});
	}
}

#[test]
fn bind_refuses_when_policy_ids_are_exhausted() {
	new_test_ext().execute_with(|| {
		NextPolicyId::<Test>::put(u64::MAX);
		assert_noop!(bind_as(INSURER, NO, vec![asset(ASSET)]), Error::<Test>::Exhausted);
		// The last id is still used.
		NextPolicyId::<Test>::put(u64::MAX - 1);
		assert_eq!(bind(), u64::MAX - 1);
	});
}

#[test]
fn unsigned_and_root_origins_cannot_call() {
	new_test_ext().execute_with(|| {
		let policy = bind();
		let claim = file(policy, 1);
		for origin in [RuntimeOrigin::none(), RuntimeOrigin::root()] {
			assert_noop!(
				Insurance::bind(
					origin.clone(),
					b"N2".to_vec(),
					INSURED,
					vec![WORK],
					COVERAGE,
					PREMIUM,
					TERM_START,
					TERM_END
				),
				DispatchError::BadOrigin
			);
			assert_noop!(
				Insurance::claim(origin.clone(), policy, INFRINGEMENT_ALGO, INFRINGEMENT, asset(ASSET), 1),
				DispatchError::BadOrigin
			);
			assert_noop!(Insurance::decide(origin.clone(), claim, true, REASON), DispatchError::BadOrigin);
			assert_noop!(Insurance::pay(origin, claim), DispatchError::BadOrigin);
		}
	});
}

// ---- claim ----

#[test]
fn insured_files_a_claim() {
	new_test_ext().execute_with(|| {
		let policy = bind();
		set_now(START_MS + 100);
		assert_ok!(claim_as(INSURED, policy, asset(ASSET), 1_000_000));

		let expected = Claim {
			policy,
			claimant: INSURED,
			evidence: EvidenceRef { algo: INFRINGEMENT_ALGO, digest: INFRINGEMENT },
			subject: asset(ASSET),
			amount_fen: 1_000_000,
			filed_at_ms: START_MS + 100,
			status: ClaimStatus::Filed,
			decision: None,
			paid_at_ms: None,
		};
		assert_eq!(Claims::<Test>::get(0), Some(expected.clone()));
		assert_eq!(Insurance::claim_record(0), Some(expected.clone()));
		assert_eq!(NextClaimId::<Test>::get(), 1);
		assert_eq!(ClaimsOf::<Test>::get(policy).into_inner(), vec![0]);
		assert_eq!(Insurance::claims_of(policy), vec![(0, expected)]);
		// Filing pays nothing.
		assert_eq!(stored_policy(policy).paid_fen, 0);
		System::assert_last_event(
			Event::ClaimFiled {
				claim: 0,
				policy,
				claimant: INSURED,
				subject: asset(ASSET),
				evidence: EvidenceRef { algo: INFRINGEMENT_ALGO, digest: INFRINGEMENT },
				amount_fen: 1_000_000,
			}
			.into(),
		);
	});
}

#[test]
fn claims_for_a_work_and_under_several_policies_are_kept_apart() {
	new_test_ext().execute_with(|| {
		let first = bind();
		let second = bind_over(b"N2", vec![asset(ASSET2)]);
		assert_ok!(claim_as(INSURED, first, WORK, 10));
		assert_ok!(claim_as(INSURED, second, asset(ASSET2), 20));
		assert_ok!(claim_as(INSURED, first, asset(ASSET), 30));
		assert_eq!(ids(Insurance::claims_of(first)), vec![0, 2]);
		assert_eq!(ids(Insurance::claims_of(second)), vec![1]);
		assert_eq!(stored_claim(0).subject, WORK);
		assert_eq!(stored_claim(1).policy, second);
	});
}

#[test]
fn claim_refuses_an_unknown_policy() {
	new_test_ext().execute_with(|| {
		bind();
		assert_noop!(claim_as(INSURED, MISSING, asset(ASSET), 1), Error::<Test>::UnknownPolicy);
	});
}

#[test]
fn claim_refuses_anyone_but_the_insured() {
	new_test_ext().execute_with(|| {
		let policy = bind();
		for who in [INSURER, INSURER2, HOLDER2, NOBODY] {
			assert_noop!(claim_as(who, policy, asset(ASSET), 1), Error::<Test>::NotInsured);
		}
	});
}

#[test]
fn claim_refuses_outside_the_term() {
	new_test_ext().execute_with(|| {
		assert_ok!(bind_full(
			INSURER,
			NO,
			INSURED,
			vec![asset(ASSET)],
			COVERAGE,
			PREMIUM,
			START_MS + 1_000,
			TERM_END
		));
		// Not started yet.
		assert_noop!(claim_as(INSURED, 0, asset(ASSET), 1), Error::<Test>::PolicyNotInForce);
		set_now(START_MS + 1_000);
		assert_ok!(claim_as(INSURED, 0, asset(ASSET), 1));
		set_now(TERM_END - 1);
		assert_ok!(claim_as(INSURED, 0, asset(ASSET), 1));
		// The term ends at `end_ms`, exclusive.
		set_now(TERM_END);
		assert_noop!(claim_as(INSURED, 0, asset(ASSET), 1), Error::<Test>::PolicyNotInForce);
		set_now(TERM_END + 1_000);
		assert_noop!(claim_as(INSURED, 0, asset(ASSET), 1), Error::<Test>::PolicyNotInForce);
	});
}

#[test]
fn claim_refuses_a_subject_the_policy_does_not_cover() {
	new_test_ext().execute_with(|| {
		let policy = bind();
		// ASSET2 has linked infringement evidence but is not covered.
		assert_noop!(claim_as(INSURED, policy, asset(ASSET2), 1), Error::<Test>::NotASubject);
		assert_noop!(claim_as(INSURED, policy, asset(UNKNOWN_ASSET), 1), Error::<Test>::NotASubject);
	});
}

#[test]
fn claim_refuses_once_the_asset_expired_or_is_no_longer_registered() {
	new_test_ext().execute_with(|| {
		let policy = bind();
		// The registration ends during the term.
		set_valid_until(ASSET, Some(START_MS + 500));
		set_now(START_MS + 499);
		assert_ok!(claim_as(INSURED, policy, asset(ASSET), 1));
		set_now(START_MS + 500);
		assert!(stored_policy(policy).in_force(now()));
		assert_noop!(claim_as(INSURED, policy, asset(ASSET), 1), Error::<Test>::SubjectNoLongerValid);
		// Cancelled or revoked.
		set_valid_until(ASSET, None);
		assert_noop!(claim_as(INSURED, policy, asset(ASSET), 1), Error::<Test>::SubjectNoLongerValid);
		// The policy's other subject can still be claimed for.
		assert_ok!(claim_as(INSURED, policy, WORK, 1));
	});
}

#[test]
fn claim_refuses_a_work_no_longer_deposited() {
	new_test_ext().execute_with(|| {
		let policy = bind();
		let Subject::Evidence { algo, digest } = WORK else { unreachable!() };
		undeposit(algo, digest);
		assert_noop!(claim_as(INSURED, policy, WORK, 1), Error::<Test>::SubjectNoLongerValid);
	});
}

#[test]
fn claim_refuses_evidence_not_linked_to_the_subject() {
	new_test_ext().execute_with(|| {
		let policy = bind();
		// Deposited, linked to nothing.
		assert_noop!(
			claim_with(INSURED, policy, UNLINKED, asset(ASSET), 1),
			Error::<Test>::NotInfringementEvidence
		);
		// Never deposited.
		assert_noop!(
			claim_with(INSURED, policy, [0xee; 32], asset(ASSET), 1),
			Error::<Test>::NotInfringementEvidence
		);
		// Linked, but to another subject.
		link(INFRINGEMENT_ALGO, UNLINKED, asset(ASSET2));
		assert_noop!(
			claim_with(INSURED, policy, UNLINKED, asset(ASSET), 1),
			Error::<Test>::NotInfringementEvidence
		);
		// The linked digest under another algorithm.
		assert_noop!(
			Insurance::claim(
				RuntimeOrigin::signed(INSURED),
				policy,
				HashAlgo::Sha256,
				INFRINGEMENT,
				asset(ASSET),
				1
			),
			Error::<Test>::NotInfringementEvidence
		);
		link(INFRINGEMENT_ALGO, UNLINKED, asset(ASSET));
		assert_ok!(claim_with(INSURED, policy, UNLINKED, asset(ASSET), 1));
	});
}

#[test]
fn claim_refuses_a_zero_amount() {
	new_test_ext().execute_with(|| {
		let policy = bind();
		assert_noop!(claim_as(INSURED, policy, asset(ASSET), 0), Error::<Test>::ZeroAmount);
	});
}

#[test]
fn claims_add_up_to_the_coverage_and_not_one_fen_more() {
	new_test_ext().execute_with(|| {
		let policy = bind();
		assert_noop!(claim_as(INSURED, policy, asset(ASSET), COVERAGE + 1), Error::<Test>::ExceedsCoverage);
		let first = paid(policy, COVERAGE - 1_000);
		assert_eq!(stored_policy(policy).remaining_fen(), 1_000);
		assert_noop!(claim_as(INSURED, policy, WORK, 1_001), Error::<Test>::ExceedsCoverage);
		let second = paid(policy, 1_000);
		assert_eq!(stored_policy(policy).paid_fen, COVERAGE);
		assert_eq!(stored_policy(policy).remaining_fen(), 0);
		assert_noop!(claim_as(INSURED, policy, asset(ASSET), 1), Error::<Test>::ExceedsCoverage);
		assert_eq!((status(first), status(second)), (ClaimStatus::Paid, ClaimStatus::Paid));
	});
}

#[test]
fn a_rejected_claim_uses_no_coverage() {
	new_test_ext().execute_with(|| {
		let policy = bind();
		let rejected = file(policy, COVERAGE);
		assert_ok!(decide_as(INSURER, rejected, false));
		assert_eq!(stored_policy(policy).paid_fen, 0);
		paid(policy, COVERAGE);
		assert_eq!(stored_policy(policy).paid_fen, COVERAGE);
	});
}

#[test]
fn claim_refuses_when_the_policys_list_of_claims_is_full() {
	new_test_ext().execute_with(|| {
		let policy = bind();
		for _ in 0..MAX_CLAIMS_PER_POLICY {
			file(policy, 1);
		}
		assert_noop!(claim_as(INSURED, policy, asset(ASSET), 1), Error::<Test>::TooManyClaims);
		// Another policy has its own list.
		let other = bind_over(b"N2", vec![asset(ASSET)]);
		assert_ok!(claim_as(INSURED, other, asset(ASSET), 1));
	});
}

#[test]
fn claim_refuses_when_claim_ids_are_exhausted() {
	new_test_ext().execute_with(|| {
		let policy = bind();
		NextClaimId::<Test>::put(u64::MAX);
		assert_noop!(claim_as(INSURED, policy, asset(ASSET), 1), Error::<Test>::Exhausted);
		NextClaimId::<Test>::put(u64::MAX - 1);
		assert_eq!(file(policy, 1), u64::MAX - 1);
	});
}

// ---- decide ----

#[test]
fn insurer_approves_a_claim() {
	new_test_ext().execute_with(|| {
		let policy = bind();
		let claim = file(policy, 1_000);
		set_now(START_MS + 200);
		assert_ok!(decide_as(INSURER, claim, true));
		let record = stored_claim(claim);
		assert_eq!(record.status, ClaimStatus::Approved);
		assert_eq!(
			record.decision,
			Some(Decision { approved: true, reason_digest: REASON, at_ms: START_MS + 200 })
		);
		assert_eq!(record.paid_at_ms, None);
		// Approval pays nothing yet.
		assert_eq!(stored_policy(policy).paid_fen, 0);
		System::assert_last_event(
			Event::ClaimDecided { claim, policy, approved: true, reason_digest: REASON }.into(),
		);
	});
}

#[test]
fn insurer_rejects_a_claim() {
	new_test_ext().execute_with(|| {
		let policy = bind();
		let claim = file(policy, 1_000);
		assert_ok!(decide_as(INSURER, claim, false));
		let record = stored_claim(claim);
		assert_eq!(record.status, ClaimStatus::Rejected);
		assert_eq!(
			record.decision,
			Some(Decision { approved: false, reason_digest: REASON, at_ms: START_MS })
		);
		System::assert_last_event(
			Event::ClaimDecided { claim, policy, approved: false, reason_digest: REASON }.into(),
		);
	});
}

#[test]
fn decide_and_pay_refuse_an_unknown_claim() {
	new_test_ext().execute_with(|| {
		let policy = bind();
		file(policy, 1);
		assert_noop!(decide_as(INSURER, MISSING, true), Error::<Test>::UnknownClaim);
		assert_noop!(pay_as(INSURER, MISSING), Error::<Test>::UnknownClaim);
	});
}

#[test]
fn decide_and_pay_refuse_a_claim_whose_policy_is_gone() {
	new_test_ext().execute_with(|| {
		// Policies are never removed; this only exercises the check.
		let policy = bind();
		let filed = file(policy, 1);
		let approved = approved(policy, 1);
		Policies::<Test>::remove(policy);
		assert_noop!(decide_as(INSURER, filed, true), Error::<Test>::UnknownPolicy);
		assert_noop!(pay_as(INSURER, approved), Error::<Test>::UnknownPolicy);
	});
}

#[test]
fn decide_refuses_anyone_but_the_policys_insurer() {
	new_test_ext().execute_with(|| {
		let policy = bind();
		let claim = file(policy, 1);
		for who in [INSURER2, INSURED, HOLDER2, NOBODY] {
			assert_noop!(decide_as(who, claim, true), Error::<Test>::NotPolicyInsurer);
			assert_noop!(decide_as(who, claim, false), Error::<Test>::NotPolicyInsurer);
		}
	});
}

#[test]
fn a_decided_claim_cannot_be_decided_again() {
	new_test_ext().execute_with(|| {
		let policy = bind();
		let approved = approved(policy, 1);
		let rejected = file(policy, 1);
		assert_ok!(decide_as(INSURER, rejected, false));
		let paid = paid(policy, 1);
		for claim in [approved, rejected, paid] {
			for approve in [true, false] {
				assert_noop!(decide_as(INSURER, claim, approve), Error::<Test>::WrongState);
			}
		}
	});
}

#[test]
fn claims_are_decided_and_paid_after_the_policy_ends() {
	new_test_ext().execute_with(|| {
		let policy = bind();
		let claim = file(policy, 1_000);
		set_now(TERM_END + 5_000);
		assert_noop!(claim_as(INSURED, policy, asset(ASSET), 1), Error::<Test>::PolicyNotInForce);
		assert_ok!(decide_as(INSURER, claim, true));
		assert_ok!(pay_as(INSURER, claim));
		assert_eq!(stored_claim(claim).paid_at_ms, Some(TERM_END + 5_000));
		assert_eq!(stored_policy(policy).paid_fen, 1_000);
	});
}

#[test]
fn an_insurer_that_lost_its_role_still_settles_its_claims() {
	new_test_ext().execute_with(|| {
		let policy = bind();
		let claim = file(policy, 1_000);
		revoke(INSURER, Role::Insurer);
		assert_ok!(decide_as(INSURER, claim, true));
		assert_ok!(pay_as(INSURER, claim));
	});
}

// ---- pay ----

#[test]
fn insurer_pays_an_approved_claim() {
	new_test_ext().execute_with(|| {
		let policy = bind();
		let claim = approved(policy, 1_000);
		set_now(START_MS + 300);
		assert_ok!(pay_as(INSURER, claim));
		let record = stored_claim(claim);
		assert_eq!(record.status, ClaimStatus::Paid);
		assert_eq!(record.paid_at_ms, Some(START_MS + 300));
		// The decision is kept.
		assert_eq!(
			record.decision,
			Some(Decision { approved: true, reason_digest: REASON, at_ms: START_MS })
		);
		assert_eq!(stored_policy(policy).paid_fen, 1_000);
		assert_eq!(Insurance::policy(policy).map(|p| p.paid_fen), Some(1_000));
		System::assert_last_event(
			Event::ClaimPaid { claim, policy, amount_fen: 1_000, paid_fen: 1_000 }.into(),
		);

		let second = paid(policy, 500);
		System::assert_last_event(
			Event::ClaimPaid { claim: second, policy, amount_fen: 500, paid_fen: 1_500 }.into(),
		);
		let statuses: Vec<ClaimStatus> =
			Insurance::claims_of(policy).into_iter().map(|(_, record)| record.status).collect();
		assert_eq!(statuses, vec![ClaimStatus::Paid, ClaimStatus::Paid]);
	});
}

#[test]
fn pay_only_after_approval() {
	new_test_ext().execute_with(|| {
		let policy = bind();
		let filed = file(policy, 1);
		assert_noop!(pay_as(INSURER, filed), Error::<Test>::WrongState);
		let rejected = file(policy, 1);
		assert_ok!(decide_as(INSURER, rejected, false));
		assert_noop!(pay_as(INSURER, rejected), Error::<Test>::WrongState);
		// Paid once only.
		let paid = paid(policy, 1);
		assert_noop!(pay_as(INSURER, paid), Error::<Test>::WrongState);
		assert_eq!(stored_policy(policy).paid_fen, 1);
		assert_ok!(decide_as(INSURER, filed, true));
		assert_ok!(pay_as(INSURER, filed));
	});
}

#[test]
fn pay_refuses_anyone_but_the_policys_insurer() {
	new_test_ext().execute_with(|| {
		let policy = bind();
		let claim = approved(policy, 1);
		for who in [INSURER2, INSURED, HOLDER2, NOBODY] {
			assert_noop!(pay_as(who, claim), Error::<Test>::NotPolicyInsurer);
		}
	});
}

#[test]
fn approval_holds_coverage_so_approved_claims_never_exceed_it() {
	new_test_ext().execute_with(|| {
		let policy = bind();
		// All three fit the coverage when filed, as nothing is approved yet; together they exceed it.
		let first = file(policy, COVERAGE / 2 + 1);
		let second = file(policy, COVERAGE / 2);
		let third = file(policy, COVERAGE / 2 - 1);
		assert_ok!(decide_as(INSURER, first, true));
		assert_eq!(stored_policy(policy).approved_fen, COVERAGE / 2 + 1);
		assert_eq!(stored_policy(policy).remaining_fen(), COVERAGE / 2 - 1);
		// The second would promise more than the policy covers: refused, still filed, nothing held.
		assert_noop!(decide_as(INSURER, second, true), Error::<Test>::ExceedsCoverage);
		assert_eq!(status(second), ClaimStatus::Filed);
		// New claims count what is approved too.
		assert_noop!(claim_as(INSURED, policy, asset(ASSET), COVERAGE / 2), Error::<Test>::ExceedsCoverage);
		// What fits is approved up to the coverage exactly, and every approved claim is paid.
		assert_ok!(decide_as(INSURER, third, true));
		assert_eq!(stored_policy(policy).remaining_fen(), 0);
		assert_ok!(decide_as(INSURER, second, false));
		assert_ok!(pay_as(INSURER, first));
		assert_eq!(
			(stored_policy(policy).paid_fen, stored_policy(policy).approved_fen),
			(COVERAGE / 2 + 1, COVERAGE / 2 - 1)
		);
		assert_ok!(pay_as(INSURER, third));
		assert_eq!((stored_policy(policy).paid_fen, stored_policy(policy).approved_fen), (COVERAGE, 0));
		assert_eq!(status(second), ClaimStatus::Rejected);
	});
}

// ---- names ----

#[test]
fn status_and_state_names_round_trip() {
	let names: Vec<&str> = ClaimStatus::ALL.into_iter().map(ClaimStatus::name).collect();
	assert_eq!(names, vec!["filed", "approved", "rejected", "paid"]);
	for status in ClaimStatus::ALL {
		assert_eq!(ClaimStatus::from_name(status.name()), Some(status));
	}
	let names: Vec<&str> = PolicyState::ALL.into_iter().map(PolicyState::name).collect();
	assert_eq!(names, vec!["pending", "in-force", "expired"]);
	for state in PolicyState::ALL {
		assert_eq!(PolicyState::from_name(state.name()), Some(state));
	}
	assert_eq!(ClaimStatus::from_name("lost"), None);
	assert_eq!(PolicyState::from_name("lapsed"), None);
}
