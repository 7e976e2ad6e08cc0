//! Tests of `pallet-validator-manager`, alone and as pallet-session's `SessionManager`.

use crate::{mock::*, Error, Event, GenesisConfig, NoBalances, SetChanged};
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{Inspect, MutateHold},
		tokens::Precision,
		BuildGenesisConfig, Hooks,
	},
};
use pallet_session::SessionManager;
use sp_runtime::{DispatchError, TokenError};

fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event was deposited").event
}

fn intended() -> Vec<u64> {
	ValidatorManager::validators()
}

/// The active set, as pallet-session tells the consensus pallets.
fn active() -> Vec<u64> {
	Session::validators()
}

/// The set pallet-session activates at the next rotation.
fn queued() -> Vec<u64> {
	Session::queued_keys().into_iter().map(|(v, _)| v).collect()
}

fn new_session(index: u32) -> Option<Vec<u64>> {
	<ValidatorManager as SessionManager<u64>>::new_session(index)
}

/// Gives `who` a provider reference and session keys the way a node operator would.
fn register_keys(who: u64) {
	System::inc_providers(&who);
	assert_ok!(Session::set_keys(RuntimeOrigin::signed(who), keys_of(who), vec![]));
}

fn run_to_block(n: u64) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		Session::on_initialize(next);
	}
}

// --- genesis ---

#[test]
fn genesis_set_is_stored_and_used_by_session() {
	new_test_ext().execute_with(|| {
		assert_eq!(intended(), GENESIS_VALIDATORS.to_vec());
		assert!(!SetChanged::<Test>::get());
		assert_eq!(Session::current_index(), 0);
		assert_eq!(active(), GENESIS_VALIDATORS.to_vec());
		assert_eq!(queued(), GENESIS_VALIDATORS.to_vec());
	});
}

#[test]
fn genesis_json_field_is_initial_validators() {
	let config = GenesisConfig::<Test> { initial_validators: vec![1, 2] };
	assert_eq!(serde_json::to_value(&config).unwrap(), serde_json::json!({ "initialValidators": [1, 2] }));
	let parsed: GenesisConfig<Test> = serde_json::from_str(r#"{ "initialValidators": [3, 4] }"#).unwrap();
	assert_eq!(parsed.initial_validators, vec![3, 4]);
}

#[test]
fn genesis_set_wins_over_session_keys() {
	// Account 3 has keys as an authority of pallet-session's genesis, but is not in the intended set.
	ext_with(genesis(vec![1, 2], vec![1, 2, 3], vec![])).execute_with(|| {
		assert_eq!(intended(), vec![1, 2]);
		assert_eq!(active(), vec![1, 2]);
		assert_eq!(queued(), vec![1, 2]);
	});
}

#[test]
fn empty_genesis_adopts_the_set_of_session_keys() {
	ext_with(genesis(vec![], vec![1, 2, 3], vec![CANDIDATE])).execute_with(|| {
		assert_eq!(intended(), vec![1, 2, 3]);
		assert_eq!(active(), vec![1, 2, 3]);

		// Adding extends the adopted set rather than replacing it with a set of one.
		assert_ok!(ValidatorManager::add_validator(RuntimeOrigin::root(), CANDIDATE));
		assert_eq!(new_session(1), Some(vec![1, 2, 3, CANDIDATE]));
	});
}

#[test]
#[should_panic(expected = "genesis config lists a validator twice")]
fn genesis_rejects_duplicates() {
	ext_with(genesis(vec![1, 2, 1], vec![1, 2], vec![]));
}

#[test]
#[should_panic(expected = "genesis config lists more validators than MaxValidators")]
fn genesis_rejects_more_than_max() {
	let all = vec![1, 2, 3, 4, 5];
	ext_with(genesis(all.clone(), all, vec![]));
}

#[test]
#[should_panic(expected = "a genesis validator has no session keys")]
fn genesis_rejects_validator_without_session_keys() {
	ext_with(genesis(vec![1, 2, OUTSIDER], vec![1, 2], vec![]));
}

/// Builds pallet-session's genesis before this pallet's, as a runtime listing `Session` first would.
fn build_session_first(initial: Vec<u64>, session_keys: Vec<u64>) -> Vec<u64> {
	let config = genesis(initial, session_keys, vec![]);
	let mut ext = sp_io::TestExternalities::new_empty();
	ext.execute_with(|| {
		config.session.build();
		config.validator_manager.build();
		intended()
	})
}

#[test]
fn genesis_built_after_session_accepts_the_same_set() {
	assert_eq!(build_session_first(vec![1, 2, 3], vec![1, 2, 3]), vec![1, 2, 3]);
	assert_eq!(build_session_first(vec![], vec![1, 2, 3]), vec![1, 2, 3]);
}

#[test]
#[should_panic(expected = "genesis `initialValidators` differ")]
fn genesis_built_after_session_rejects_a_different_set() {
	build_session_first(vec![1, 2], vec![1, 2, 3]);
}

#[test]
fn integrity_test_passes() {
	new_test_ext().execute_with(ValidatorManager::integrity_test);
}

// --- add_validator ---

#[test]
fn add_validator_appends_and_marks_the_set_changed() {
	new_test_ext().execute_with(|| {
		assert_ok!(ValidatorManager::add_validator(RuntimeOrigin::root(), CANDIDATE));
		assert_eq!(intended(), vec![1, 2, 3, CANDIDATE]);
		assert!(SetChanged::<Test>::get());
		assert_eq!(last_event(), Event::ValidatorAdded { who: CANDIDATE }.into());
		// Nothing changes in pallet-session until the next rotation.
		assert_eq!(active(), GENESIS_VALIDATORS.to_vec());
		assert_eq!(queued(), GENESIS_VALIDATORS.to_vec());
	});
}

#[test]
fn add_validator_rejects_a_validator() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			ValidatorManager::add_validator(RuntimeOrigin::root(), 2),
			Error::<Test>::AlreadyValidator
		);
	});
}

#[test]
fn add_validator_rejects_an_account_without_session_keys() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			ValidatorManager::add_validator(RuntimeOrigin::root(), OUTSIDER),
			Error::<Test>::NoSessionKeys
		);
	});
}

#[test]
fn add_validator_rejects_more_than_max() {
	new_test_ext().execute_with(|| {
		assert_ok!(ValidatorManager::add_validator(RuntimeOrigin::root(), CANDIDATE));
		assert_noop!(
			ValidatorManager::add_validator(RuntimeOrigin::root(), CANDIDATE_2),
			Error::<Test>::TooManyValidators
		);
	});
}

#[test]
fn add_validator_accepts_keys_set_through_session() {
	new_test_ext().execute_with(|| {
		// `Session::set_keys` works on a chain without balances through `NoBalances`.
		register_keys(OUTSIDER);
		assert_ok!(ValidatorManager::add_validator(RuntimeOrigin::root(), OUTSIDER));
		assert_eq!(intended(), vec![1, 2, 3, OUTSIDER]);
	});
}

// --- remove_validator ---

#[test]
fn remove_validator_keeps_the_order_of_the_others() {
	new_test_ext().execute_with(|| {
		assert_ok!(ValidatorManager::remove_validator(RuntimeOrigin::root(), 2));
		assert_eq!(intended(), vec![1, 3]);
		assert!(SetChanged::<Test>::get());
		assert_eq!(last_event(), Event::ValidatorRemoved { who: 2 }.into());
		assert_eq!(active(), GENESIS_VALIDATORS.to_vec());
	});
}

#[test]
fn remove_validator_rejects_a_non_validator() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			ValidatorManager::remove_validator(RuntimeOrigin::root(), CANDIDATE),
			Error::<Test>::NotValidator
		);
	});
}

#[test]
fn remove_validator_never_goes_below_min() {
	new_test_ext().execute_with(|| {
		assert_ok!(ValidatorManager::remove_validator(RuntimeOrigin::root(), 1));
		assert_noop!(
			ValidatorManager::remove_validator(RuntimeOrigin::root(), 2),
			Error::<Test>::TooFewValidators
		);
		assert_eq!(intended(), vec![2, 3]);
	});
}

// --- origin ---

#[test]
fn only_the_manager_origin_may_change_the_set() {
	new_test_ext().execute_with(|| {
		for origin in [RuntimeOrigin::signed(1), RuntimeOrigin::none()] {
			assert_noop!(
				ValidatorManager::add_validator(origin.clone(), CANDIDATE),
				DispatchError::BadOrigin
			);
			assert_noop!(ValidatorManager::remove_validator(origin, 1), DispatchError::BadOrigin);
		}
	});
}

// --- SessionManager ---

#[test]
fn new_session_hands_over_a_changed_set_exactly_once() {
	new_test_ext().execute_with(|| {
		assert_eq!(new_session(1), None);

		assert_ok!(ValidatorManager::add_validator(RuntimeOrigin::root(), CANDIDATE));
		assert_ok!(ValidatorManager::remove_validator(RuntimeOrigin::root(), 1));
		assert_eq!(new_session(1), Some(vec![2, 3, CANDIDATE]));
		assert!(!SetChanged::<Test>::get());
		assert_eq!(new_session(2), None);
		assert_eq!(new_session(3), None);
	});
}

#[test]
fn a_change_is_active_two_rotations_later() {
	new_test_ext().execute_with(|| {
		assert_ok!(ValidatorManager::add_validator(RuntimeOrigin::root(), CANDIDATE));
		assert_ok!(ValidatorManager::remove_validator(RuntimeOrigin::root(), 1));
		let new_set = vec![2, 3, CANDIDATE];

		// Session 1 starts: the new set is queued, the old one still validates.
		Session::rotate_session();
		assert_eq!(Session::current_index(), 1);
		assert_eq!(active(), GENESIS_VALIDATORS.to_vec());
		assert_eq!(queued(), new_set);
		assert!(pallet_session::QueuedChanged::<Test>::get());
		assert!(System::events().iter().any(|r| r.event == pallet_session::Event::NewQueued.into()));

		// Session 2 starts: the new set validates.
		Session::rotate_session();
		assert_eq!(Session::current_index(), 2);
		assert_eq!(active(), new_set);
		assert_eq!(queued(), new_set);
		assert!(!pallet_session::QueuedChanged::<Test>::get());

		// Without a further change the set stays.
		Session::rotate_session();
		assert_eq!(active(), new_set);
		assert_eq!(intended(), new_set);
	});
}

#[test]
fn sessions_rotated_by_blocks_apply_the_change() {
	new_test_ext().execute_with(|| {
		register_keys(OUTSIDER);
		assert_ok!(ValidatorManager::add_validator(RuntimeOrigin::root(), OUTSIDER));

		run_to_block(SESSION_LENGTH);
		assert_eq!(Session::current_index(), 1);
		assert_eq!(active(), GENESIS_VALIDATORS.to_vec());

		run_to_block(2 * SESSION_LENGTH);
		assert_eq!(Session::current_index(), 2);
		assert_eq!(active(), vec![1, 2, 3, OUTSIDER]);
	});
}

#[test]
fn a_removed_validator_can_purge_its_keys() {
	new_test_ext().execute_with(|| {
		register_keys(OUTSIDER);
		assert_ok!(Session::purge_keys(RuntimeOrigin::signed(OUTSIDER)));
		assert_eq!(Session::load_keys(&OUTSIDER), None);
	});
}

// --- NoBalances ---

#[test]
fn no_balances_moves_only_zero() {
	new_test_ext().execute_with(|| {
		let reason = pallet_session::HoldReason::Keys;
		assert_eq!(<NoBalances as Inspect<u64>>::balance(&1), 0);
		assert_ok!(<NoBalances as MutateHold<u64>>::hold(&reason, &1, 0));
		assert_eq!(<NoBalances as MutateHold<u64>>::release_all(&reason, &1, Precision::BestEffort), Ok(0));
		assert_eq!(
			<NoBalances as MutateHold<u64>>::hold(&reason, &1, 1),
			Err(DispatchError::Token(TokenError::FundsUnavailable))
		);
	});
}
