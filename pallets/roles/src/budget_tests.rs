//! Tests of the daily budget: one member cannot add more than the council allows per day, at the pool
//! or in a block, and the others are unaffected.

use crate::{mock::*, Budget, CheckNonce, CheckRole, DailyBudget, DayTxCount, Error, Event, Pallet};
use frame_support::{assert_noop, assert_ok, dispatch::DispatchInfo};
use iprchain_primitives::{Role, INVALID_TX_DAILY_BUDGET, INVALID_TX_HOLDER_BUDGET};
use sp_runtime::{
	traits::DispatchTransaction,
	transaction_validity::{InvalidTransaction, TransactionSource, TransactionValidityError},
	DispatchError,
};

/// Another workstation, with no budget spent.
const STATION2: u64 = 3;

fn remark() -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::remark { remark: vec![] })
}

fn over_budget() -> TransactionValidityError {
	TransactionValidityError::Invalid(InvalidTransaction::Custom(INVALID_TX_DAILY_BUDGET))
}

fn set_budget(tx_per_day: u32, holders_per_day: u32) {
	assert_ok!(Roles::set_daily_budget(RuntimeOrigin::root(), DailyBudget { tx_per_day, holders_per_day }));
}

/// The pool's verdict on `who`'s transaction at `nonce` (the nonce check, where the budget is judged).
fn admitted(who: u64, nonce: u32) -> Result<(), TransactionValidityError> {
	CheckNonce::<Test>::from(nonce)
		.validate_only(
			RuntimeOrigin::signed(who),
			&remark(),
			&DispatchInfo::default(),
			0,
			TransactionSource::External,
			0,
		)
		.map(|_| ())
}

/// Applies `who`'s next transaction as a block would, through both extensions in the runtime's order:
/// every `validate`, then every `prepare` (which counts it and moves the nonce).
fn include(who: u64) -> Result<(), TransactionValidityError> {
	let nonce = frame_system::Pallet::<Test>::account_nonce(who);
	(CheckRole::<Test>::new(), CheckNonce::<Test>::from(nonce))
		.validate_and_prepare(RuntimeOrigin::signed(who), &remark(), &DispatchInfo::default(), 0, 0)
		.map(|_| ())
}

fn next_day() {
	System::set_block_number((System::block_number() / BLOCKS_PER_DAY + 1) * BLOCKS_PER_DAY);
}

#[test]
fn the_pool_refuses_what_would_pass_the_days_budget_counting_the_queue() {
	new_test_ext().execute_with(|| {
		set_budget(3, 0);
		// Nothing spent: nonces 0, 1 and 2 fit, the fourth transaction does not.
		for nonce in 0..3 {
			assert_ok!(admitted(STATION, nonce));
		}
		assert_eq!(admitted(STATION, 3), Err(over_budget()));
		// Two included: the third still fits, a fourth queued behind it does not.
		assert_ok!(include(STATION));
		assert_ok!(include(STATION));
		assert_eq!(Pallet::<Test>::tx_spent_today(&STATION), 2);
		assert_ok!(admitted(STATION, 2));
		assert_eq!(admitted(STATION, 3), Err(over_budget()));
		// Another member is unaffected.
		assert_ok!(admitted(REGISTRAR, 2));
	});
}

#[test]
fn a_block_cannot_carry_more_than_the_budget_and_the_next_day_renews_it() {
	new_test_ext().execute_with(|| {
		set_budget(2, 0);
		assert_ok!(include(STATION));
		assert_ok!(include(STATION));
		// Admitted before the others were counted (say by a pool that validated earlier), it is still
		// refused when applied, and the nonce does not move.
		let nonce = frame_system::Pallet::<Test>::account_nonce(STATION);
		assert_eq!(include(STATION), Err(over_budget()));
		assert_eq!(frame_system::Pallet::<Test>::account_nonce(STATION), nonce);
		assert_ok!(include(REGISTRAR));

		next_day();
		assert_eq!(Pallet::<Test>::tx_spent_today(&STATION), 0);
		assert_ok!(admitted(STATION, nonce));
		assert_ok!(include(STATION));
		assert_eq!(DayTxCount::<Test>::get(STATION), Some((Pallet::<Test>::today(), 1)));
	});
}

#[test]
fn without_a_budget_nothing_is_counted() {
	new_test_ext().execute_with(|| {
		assert_eq!(Budget::<Test>::get(), DailyBudget::default());
		for _ in 0..100 {
			assert_ok!(include(STATION));
		}
		assert_eq!(DayTxCount::<Test>::get(STATION), None);
		assert_ok!(admitted(STATION, 100 + 500));
	});
}

#[test]
fn a_workstation_registers_at_most_the_days_holders() {
	new_test_ext().execute_with(|| {
		set_budget(0, 2);
		assert_ok!(Roles::grant_role(RuntimeOrigin::root(), STATION2, Role::Workstation));
		for (who, uscc) in [(10, [1; 32]), (11, [2; 32])] {
			assert_ok!(Roles::register_holder(RuntimeOrigin::signed(STATION), who, uscc));
		}
		assert_eq!(Pallet::<Test>::holders_registered_today(&STATION), 2);
		assert_noop!(
			Roles::register_holder(RuntimeOrigin::signed(STATION), 12, [3; 32]),
			Error::<Test>::HolderBudgetExhausted
		);
		// Refused at the pool too, with its own code; any other call of the station still passes.
		let register = RuntimeCall::Roles(crate::Call::register_holder { who: 12, uscc_digest: [3; 32] });
		let info = DispatchInfo::default();
		assert_eq!(
			CheckRole::<Test>::new()
				.validate_only(
					RuntimeOrigin::signed(STATION),
					&register,
					&info,
					0,
					TransactionSource::External,
					0
				)
				.map(|_| ()),
			Err(TransactionValidityError::Invalid(InvalidTransaction::Custom(INVALID_TX_HOLDER_BUDGET)))
		);
		assert_ok!(CheckRole::<Test>::new().validate_only(
			RuntimeOrigin::signed(STATION),
			&remark(),
			&info,
			0,
			TransactionSource::External,
			0
		));
		// Another workstation has its own budget.
		assert_ok!(Roles::register_holder(RuntimeOrigin::signed(STATION2), 12, [3; 32]));
		// The next day renews it.
		next_day();
		assert_ok!(Roles::register_holder(RuntimeOrigin::signed(STATION), 13, [4; 32]));
	});
}

#[test]
fn only_the_manager_sets_the_budget() {
	new_test_ext().execute_with(|| {
		let budget = DailyBudget { tx_per_day: 7, holders_per_day: 1 };
		assert_noop!(
			Roles::set_daily_budget(RuntimeOrigin::signed(REGISTRAR), budget),
			DispatchError::BadOrigin
		);
		assert_ok!(Roles::set_daily_budget(RuntimeOrigin::root(), budget));
		assert_eq!(Budget::<Test>::get(), budget);
		System::assert_last_event(Event::DailyBudgetSet { budget }.into());
	});
}

#[test]
fn genesis_sets_the_budget_and_json_may_leave_it_out() {
	let parsed: crate::GenesisConfig<Test> =
		serde_json::from_str(r#"{ "roles": [], "dailyBudget": { "txPerDay": 5, "holdersPerDay": 2 } }"#)
			.unwrap();
	assert_eq!(parsed.daily_budget, DailyBudget { tx_per_day: 5, holders_per_day: 2 });
	let old: crate::GenesisConfig<Test> = serde_json::from_str(r#"{ "roles": [] }"#).unwrap();
	assert_eq!(old.daily_budget, DailyBudget::default());
	let typo = serde_json::from_str::<crate::GenesisConfig<Test>>(
		r#"{ "roles": [], "dailyBudget": { "txPerDy": 5 } }"#,
	);
	assert!(typo.is_err());
}
