//! Tests of the [`CheckNonce`] extension: the queue bound, the fair priority and frame-system's rules.

use crate::{
	mock::*, nonce_window, CheckNonce, TxQuota, MAX_LONGEVITY, NEXT_NONCE_PRIORITY, NONCE_WINDOW_MIN,
	NONCE_WINDOW_WITHOUT_QUOTA,
};
use codec::{Compact, Decode, Encode};
use frame_support::dispatch::DispatchInfo;
use iprchain_primitives::TX_NONCE_TOO_FAR_AHEAD;
use sp_runtime::{
	traits::{DispatchTransaction, TransactionExtension},
	transaction_validity::{
		InvalidTransaction, TransactionSource, TransactionValidityError, UnknownTransaction, ValidTransaction,
	},
};

fn remark() -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::remark { remark: vec![] })
}

fn validate(who: u64, nonce: u32) -> Result<ValidTransaction, TransactionValidityError> {
	CheckNonce::<Test>::from(nonce)
		.validate_only(
			RuntimeOrigin::signed(who),
			&remark(),
			&DispatchInfo::default(),
			0,
			TransactionSource::External,
			0,
		)
		.map(|(validity, _, _)| validity)
}

fn set_account_nonce(who: u64, nonce: u32) {
	frame_system::Account::<Test>::mutate(who, |account| account.nonce = nonce);
}

fn too_far_ahead() -> TransactionValidityError {
	TransactionValidityError::Unknown(UnknownTransaction::Custom(TX_NONCE_TOO_FAR_AHEAD))
}

#[test]
fn window_is_two_blocks_of_quota_at_least_the_minimum_or_a_fixed_depth_without_quota() {
	assert_eq!(nonce_window(500), 1000);
	assert_eq!(nonce_window(33), 66);
	assert_eq!(nonce_window(32), NONCE_WINDOW_MIN);
	assert_eq!(nonce_window(1), NONCE_WINDOW_MIN);
	assert_eq!(nonce_window(0), NONCE_WINDOW_WITHOUT_QUOTA);
	assert_eq!(nonce_window(u32::MAX), u32::MAX);
}

#[test]
fn nonce_at_the_window_edge_is_admitted_one_beyond_is_refused() {
	new_test_ext().execute_with(|| {
		TxQuota::<Test>::put(40);
		set_account_nonce(STATION, 10);
		let window = nonce_window(40);
		assert!(validate(STATION, 10 + window).is_ok());
		assert_eq!(validate(STATION, 10 + window + 1).unwrap_err(), too_far_ahead());
		// Raising the quota widens the window at once: the same nonce is admitted.
		TxQuota::<Test>::put(41);
		assert!(validate(STATION, 10 + window + 1).is_ok());
	});
}

#[test]
fn window_without_quota_is_the_fixed_depth() {
	new_test_ext().execute_with(|| {
		TxQuota::<Test>::put(0);
		let depth = NONCE_WINDOW_WITHOUT_QUOTA;
		assert!(validate(STATION, depth).is_ok());
		assert_eq!(validate(STATION, depth + 1).unwrap_err(), too_far_ahead());
	});
}

#[test]
fn priority_falls_with_distance_so_next_nonces_go_first() {
	new_test_ext().execute_with(|| {
		TxQuota::<Test>::put(500);
		set_account_nonce(STATION, 7);
		let next = validate(STATION, 7).unwrap();
		let queued = validate(STATION, 107).unwrap();
		let other_next = validate(REGISTRAR, 0).unwrap();
		assert_eq!(next.priority, NEXT_NONCE_PRIORITY);
		assert_eq!(queued.priority, NEXT_NONCE_PRIORITY - 100);
		// Another account's next transaction outranks the first account's backlog.
		assert!(other_next.priority > queued.priority);
		assert_eq!(next.longevity, MAX_LONGEVITY);
		// frame-system's tags: the next nonce requires nothing, a later one its predecessor.
		assert!(next.requires.is_empty());
		assert_eq!(queued.requires, vec![(STATION, 106u32).encode()]);
		assert_eq!(queued.provides, vec![(STATION, 107u32).encode()]);
	});
}

#[test]
fn stale_and_unknown_accounts_are_refused_as_frame_system_does() {
	new_test_ext().execute_with(|| {
		set_account_nonce(STATION, 5);
		assert_eq!(
			validate(STATION, 4).unwrap_err(),
			TransactionValidityError::Invalid(InvalidTransaction::Stale)
		);
		// An account with no provider (no role here) cannot pay for anything.
		assert_eq!(
			validate(OUTSIDER, 0).unwrap_err(),
			TransactionValidityError::Invalid(InvalidTransaction::Payment)
		);
	});
}

#[test]
fn in_a_block_a_nonce_that_does_not_fit_only_skips_the_account() {
	new_test_ext().execute_with(|| {
		let info = DispatchInfo::default();
		set_account_nonce(STATION, 5);
		let in_block = |nonce: u32| {
			CheckNonce::<Test>::from(nonce)
				.validate_only(
					RuntimeOrigin::signed(STATION),
					&remark(),
					&info,
					0,
					TransactionSource::InBlock,
					0,
				)
				.map(|(validity, _, _)| validity)
		};
		let exhausts = TransactionValidityError::Invalid(InvalidTransaction::ExhaustsResources);
		// Used (the author's pool had not yet seen the parent include it), and beyond the window (the
		// pool was on a longer fork): the author skips them, it does not delete them from its pool.
		assert_eq!(in_block(4).unwrap_err(), exhausts);
		let window = nonce_window(TxQuota::<Test>::get());
		assert_eq!(in_block(5 + window + 1).unwrap_err(), exhausts);
		// Applied ahead of its turn: the same.
		assert_eq!(
			CheckNonce::<Test>::from(6)
				.validate_and_prepare(RuntimeOrigin::signed(STATION), &remark(), &info, 0, 0)
				.unwrap_err(),
			exhausts
		);
		// Nothing changed, and the one that fits still applies.
		assert_eq!(frame_system::Pallet::<Test>::account_nonce(STATION), 5);
		assert!(CheckNonce::<Test>::from(5)
			.validate_and_prepare(RuntimeOrigin::signed(STATION), &remark(), &info, 0, 0)
			.is_ok());
		assert_eq!(frame_system::Pallet::<Test>::account_nonce(STATION), 6);
		// At the pool the refusals keep their meaning.
		assert_eq!(
			validate(STATION, 4).unwrap_err(),
			TransactionValidityError::Invalid(InvalidTransaction::Stale)
		);
		assert_eq!(validate(STATION, 6 + window + 1).unwrap_err(), too_far_ahead());
		// An account that cannot pay is refused in a block as anywhere.
		assert_eq!(
			CheckNonce::<Test>::from(0)
				.validate_only(
					RuntimeOrigin::signed(OUTSIDER),
					&remark(),
					&info,
					0,
					TransactionSource::InBlock,
					0
				)
				.unwrap_err(),
			TransactionValidityError::Invalid(InvalidTransaction::Payment)
		);
	});
}

#[test]
fn prepare_increments_the_nonce_and_skips_a_future_one() {
	new_test_ext().execute_with(|| {
		let info = DispatchInfo::default();
		assert!(CheckNonce::<Test>::from(0)
			.validate_and_prepare(RuntimeOrigin::signed(STATION), &remark(), &info, 0, 0)
			.is_ok());
		assert_eq!(frame_system::Pallet::<Test>::account_nonce(STATION), 1);
		assert_eq!(
			CheckNonce::<Test>::from(3)
				.validate_and_prepare(RuntimeOrigin::signed(STATION), &remark(), &info, 0, 0)
				.unwrap_err(),
			TransactionValidityError::Invalid(InvalidTransaction::ExhaustsResources)
		);
		assert_eq!(frame_system::Pallet::<Test>::account_nonce(STATION), 1);
	});
}

#[test]
fn encodes_like_frame_systems_check_nonce_under_the_same_identifier() {
	let ours = CheckNonce::<Test>::from(300);
	assert_eq!(ours.encode(), Compact(300u32).encode());
	assert_eq!(ours.encode(), frame_system::CheckNonce::<Test>::from(300).encode());
	assert_eq!(CheckNonce::<Test>::decode(&mut &ours.encode()[..]).unwrap(), ours);
	assert_eq!(<CheckNonce<Test> as TransactionExtension<RuntimeCall>>::IDENTIFIER, "CheckNonce");
	assert_eq!(format!("{ours:?}"), "CheckNonce(300)");
}
