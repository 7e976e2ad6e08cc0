//! Tests of `pallet-valuation`.

use crate::{
	mock::*,
	pallet::*,
	types::{InForceEntry, ValuationMethod, Withdrawal},
};
use frame_support::{assert_noop, assert_ok};
use iprchain_primitives::{CurrentValuation, Role, ValuationInspect};
use sp_runtime::{DispatchError, DispatchResult};

const REPORT: [u8; 32] = [1; 32];
const REASON: [u8; 32] = [2; 32];
/// 1.25 million yuan, in fen.
const VALUE_FEN: u128 = 125_000_000;
/// An hour, milliseconds.
const HOUR_MS: u64 = 3_600_000;
/// A day, milliseconds.
const DAY_MS: u64 = 86_400_000;
/// An asset id the registry never knew.
const MISSING: u64 = 99;

// ---- helpers ----

fn submit_as(
	who: u64,
	asset: u64,
	value_fen: u128,
	method: ValuationMethod,
	valid_until_ms: u64,
) -> DispatchResult {
	Valuation::submit(RuntimeOrigin::signed(who), asset, value_fen, method, REPORT, valid_until_ms)
}

/// `APPRAISER` values `asset` at `value_fen` by the income method, valid until `valid_until_ms`;
/// returns the index.
fn submit(asset: u64, value_fen: u128, valid_until_ms: u64) -> u32 {
	let index = ValuationCount::<Test>::get(asset);
	assert_ok!(submit_as(APPRAISER, asset, value_fen, ValuationMethod::Income, valid_until_ms));
	index
}

fn withdraw_as(who: u64, asset: u64, index: u32) -> DispatchResult {
	Valuation::withdraw(RuntimeOrigin::signed(who), asset, index, REASON)
}

fn stored(asset: u64, index: u32) -> ValuationOf<Test> {
	Valuations::<Test>::get(asset, index).expect("valuation stored")
}

/// The indices in `asset`'s list of valuations in force, oldest first.
fn in_force_indices(asset: u64) -> Vec<u32> {
	InForce::<Test>::get(asset).iter().map(|entry| entry.index).collect()
}

/// The index of the current valuation of `asset` at the clock's time, as a pledge reads it.
fn current_index(asset: u64) -> Option<u32> {
	<Valuation as ValuationInspect>::current(asset, now()).map(|current| current.index)
}

// ---- submit ----

#[test]
fn appraiser_submits_a_valuation() {
	new_test_ext().execute_with(|| {
		let until = START_MS + 30 * DAY_MS;
		assert_ok!(submit_as(APPRAISER, ASSET, VALUE_FEN, ValuationMethod::Market, until));

		let expected = crate::Valuation {
			asset: ASSET,
			appraiser: APPRAISER,
			value_fen: VALUE_FEN,
			method: ValuationMethod::Market,
			report_digest: REPORT,
			valued_at_ms: START_MS,
			valid_until_ms: until,
			withdrawn: None,
		};
		assert_eq!(Valuations::<Test>::get(ASSET, 0), Some(expected.clone()));
		assert_eq!(ValuationCount::<Test>::get(ASSET), 1);
		System::assert_last_event(
			Event::Valued {
				asset: ASSET,
				index: 0,
				appraiser: APPRAISER,
				value_fen: VALUE_FEN,
				method: ValuationMethod::Market,
				valid_until_ms: until,
			}
			.into(),
		);
		assert_eq!(
			<Valuation as ValuationInspect>::current(ASSET, now()),
			Some(CurrentValuation { index: 0, value_fen: VALUE_FEN, valid_until_ms: until })
		);
		assert_eq!(Valuation::current_valuation(ASSET, None), Some((0, expected.clone())));
		assert_eq!(Valuation::valuations(ASSET), vec![expected]);
	})
}

#[test]
fn every_method_is_recorded() {
	new_test_ext().execute_with(|| {
		for (index, method) in ValuationMethod::ALL.into_iter().enumerate() {
			assert_ok!(submit_as(APPRAISER, ASSET, 100, method, START_MS + DAY_MS));
			assert_eq!(stored(ASSET, index as u32).method, method);
		}
		assert_eq!(ValuationCount::<Test>::get(ASSET), ValuationMethod::ALL.len() as u32);
	})
}

#[test]
fn indices_count_up_per_asset() {
	new_test_ext().execute_with(|| {
		let other = ASSET + 1;
		register(other, ASSET_UNTIL_MS);
		assert_eq!(submit(ASSET, 100, START_MS + DAY_MS), 0);
		assert_eq!(submit(ASSET, 200, START_MS + DAY_MS), 1);
		assert_eq!(submit(other, 300, START_MS + DAY_MS), 0);
		System::assert_last_event(
			Event::Valued {
				asset: other,
				index: 0,
				appraiser: APPRAISER,
				value_fen: 300,
				method: ValuationMethod::Income,
				valid_until_ms: START_MS + DAY_MS,
			}
			.into(),
		);
		assert_eq!(ValuationCount::<Test>::get(ASSET), 2);
		assert_eq!(ValuationCount::<Test>::get(other), 1);
		assert_eq!(stored(ASSET, 1).value_fen, 200);
		assert_eq!(stored(other, 0).value_fen, 300);
		assert_eq!(current_index(ASSET), Some(1));
		assert_eq!(current_index(other), Some(0));
	})
}

#[test]
fn the_newest_valuation_is_current_whoever_made_it() {
	new_test_ext().execute_with(|| {
		submit(ASSET, 100, START_MS + 30 * DAY_MS);
		advance(HOUR_MS);
		assert_ok!(submit_as(APPRAISER2, ASSET, 90, ValuationMethod::Cost, START_MS + DAY_MS));

		assert_eq!(stored(ASSET, 1).appraiser, APPRAISER2);
		assert_eq!(stored(ASSET, 1).valued_at_ms, START_MS + HOUR_MS);
		// The newest counts even though it runs out before the older one and values lower.
		assert_eq!(
			<Valuation as ValuationInspect>::current(ASSET, now()),
			Some(CurrentValuation { index: 1, value_fen: 90, valid_until_ms: START_MS + DAY_MS })
		);
	})
}

#[test]
fn submit_refuses_accounts_without_the_appraiser_role() {
	new_test_ext().execute_with(|| {
		for who in [HOLDER, BANK, NOBODY] {
			assert_noop!(
				submit_as(who, ASSET, 100, ValuationMethod::Cost, START_MS + DAY_MS),
				Error::<Test>::NotAppraiser
			);
		}
		revoke_role(APPRAISER, Role::Appraiser);
		assert_noop!(
			submit_as(APPRAISER, ASSET, 100, ValuationMethod::Cost, START_MS + DAY_MS),
			Error::<Test>::NotAppraiser
		);
		// The role is read at each submission.
		grant(BANK, Role::Appraiser);
		assert_ok!(submit_as(BANK, ASSET, 100, ValuationMethod::Cost, START_MS + DAY_MS));
		assert_eq!(stored(ASSET, 0).appraiser, BANK);
	})
}

#[test]
fn unsigned_and_root_origins_cannot_call() {
	new_test_ext().execute_with(|| {
		submit(ASSET, 100, START_MS + DAY_MS);
		for origin in [RuntimeOrigin::none(), RuntimeOrigin::root()] {
			assert_noop!(
				Valuation::submit(
					origin.clone(),
					ASSET,
					100,
					ValuationMethod::Cost,
					REPORT,
					START_MS + DAY_MS
				),
				DispatchError::BadOrigin
			);
			assert_noop!(Valuation::withdraw(origin, ASSET, 0, REASON), DispatchError::BadOrigin);
		}
	})
}

#[test]
fn submit_refuses_an_appraiser_valuing_its_own_asset() {
	new_test_ext().execute_with(|| {
		grant(HOLDER, Role::Appraiser);
		assert_noop!(
			submit_as(HOLDER, ASSET, 100, ValuationMethod::Market, START_MS + DAY_MS),
			Error::<Test>::OwnAsset
		);
	})
}

#[test]
fn submit_refuses_an_asset_unknown_to_the_registry() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			submit_as(APPRAISER, MISSING, 100, ValuationMethod::Cost, START_MS + DAY_MS),
			Error::<Test>::AssetNotRegistered
		);
	})
}

#[test]
fn submit_refuses_an_asset_whose_registration_expired() {
	new_test_ext().execute_with(|| {
		set_now(ASSET_UNTIL_MS - 1);
		submit(ASSET, 100, ASSET_UNTIL_MS + DAY_MS);

		set_now(ASSET_UNTIL_MS);
		assert_noop!(
			submit_as(APPRAISER, ASSET, 100, ValuationMethod::Cost, ASSET_UNTIL_MS + DAY_MS),
			Error::<Test>::AssetNotRegistered
		);
	})
}

#[test]
fn submit_refuses_a_cancelled_or_revoked_asset() {
	new_test_ext().execute_with(|| {
		deregister(ASSET);
		assert_noop!(
			submit_as(APPRAISER, ASSET, 100, ValuationMethod::Cost, START_MS + DAY_MS),
			Error::<Test>::AssetNotRegistered
		);
	})
}

#[test]
fn submit_refuses_a_zero_value() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			submit_as(APPRAISER, ASSET, 0, ValuationMethod::Cost, START_MS + DAY_MS),
			Error::<Test>::ZeroValue
		);
		// One fen is enough, and so is the largest value.
		assert_eq!(submit(ASSET, 1, START_MS + DAY_MS), 0);
		assert_eq!(submit(ASSET, u128::MAX, START_MS + DAY_MS), 1);
		assert_eq!(stored(ASSET, 1).value_fen, u128::MAX);
	})
}

#[test]
fn submit_refuses_a_validity_not_after_now() {
	new_test_ext().execute_with(|| {
		for until in [0, START_MS - 1, START_MS] {
			assert_noop!(
				submit_as(APPRAISER, ASSET, 100, ValuationMethod::Cost, until),
				Error::<Test>::ValidityInPast
			);
		}
		// One millisecond is enough, and a validity beyond the registration's is allowed.
		assert_eq!(submit(ASSET, 100, START_MS + 1), 0);
		assert_eq!(submit(ASSET, 100, u64::MAX), 1);
	})
}

#[test]
fn submit_refuses_when_indices_are_exhausted() {
	new_test_ext().execute_with(|| {
		ValuationCount::<Test>::insert(ASSET, u32::MAX - 1);
		assert_eq!(submit(ASSET, 100, START_MS + DAY_MS), u32::MAX - 1);
		assert_eq!(ValuationCount::<Test>::get(ASSET), u32::MAX);
		assert_eq!(current_index(ASSET), Some(u32::MAX - 1));

		assert_noop!(
			submit_as(APPRAISER, ASSET, 100, ValuationMethod::Cost, START_MS + DAY_MS),
			Error::<Test>::Exhausted
		);
	})
}

// ---- withdraw ----

#[test]
fn appraiser_withdraws_its_valuation() {
	new_test_ext().execute_with(|| {
		let index = submit(ASSET, 100, START_MS + DAY_MS);
		advance(HOUR_MS);
		assert_ok!(withdraw_as(APPRAISER, ASSET, index));

		assert_eq!(
			stored(ASSET, index).withdrawn,
			Some(Withdrawal { at_ms: START_MS + HOUR_MS, reason_digest: REASON })
		);
		// Kept, with everything else unchanged.
		assert_eq!(stored(ASSET, index).value_fen, 100);
		assert_eq!(ValuationCount::<Test>::get(ASSET), 1);
		System::assert_last_event(Event::Withdrawn { asset: ASSET, index, reason_digest: REASON }.into());
		assert_eq!(current_index(ASSET), None);
		assert_eq!(Valuation::current_valuation(ASSET, None), None);
		assert_eq!(Valuation::valuations(ASSET).len(), 1);
	})
}

#[test]
fn withdraw_refuses_an_unknown_valuation() {
	new_test_ext().execute_with(|| {
		assert_noop!(withdraw_as(APPRAISER, ASSET, 0), Error::<Test>::UnknownValuation);
		submit(ASSET, 100, START_MS + DAY_MS);
		assert_noop!(withdraw_as(APPRAISER, ASSET, 1), Error::<Test>::UnknownValuation);
		assert_noop!(withdraw_as(APPRAISER, MISSING, 0), Error::<Test>::UnknownValuation);
	})
}

#[test]
fn withdraw_refuses_anyone_but_the_appraiser_that_submitted() {
	new_test_ext().execute_with(|| {
		let index = submit(ASSET, 100, START_MS + DAY_MS);
		for who in [APPRAISER2, HOLDER, BANK, NOBODY] {
			assert_noop!(withdraw_as(who, ASSET, index), Error::<Test>::NotYourValuation);
		}
	})
}

#[test]
fn withdraw_refuses_a_withdrawn_valuation() {
	new_test_ext().execute_with(|| {
		let index = submit(ASSET, 100, START_MS + DAY_MS);
		assert_ok!(withdraw_as(APPRAISER, ASSET, index));
		advance(HOUR_MS);
		assert_noop!(withdraw_as(APPRAISER, ASSET, index), Error::<Test>::AlreadyWithdrawn);
	})
}

#[test]
fn an_expired_valuation_of_a_lapsed_asset_may_still_be_withdrawn() {
	new_test_ext().execute_with(|| {
		let index = submit(ASSET, 100, START_MS + DAY_MS);
		set_now(ASSET_UNTIL_MS + DAY_MS);
		deregister(ASSET);
		revoke_role(APPRAISER, Role::Appraiser);

		assert_ok!(withdraw_as(APPRAISER, ASSET, index));
		assert_eq!(
			stored(ASSET, index).withdrawn,
			Some(Withdrawal { at_ms: ASSET_UNTIL_MS + DAY_MS, reason_digest: REASON })
		);
	})
}

// ---- the current valuation ----

#[test]
fn no_valuation_is_current_for_an_asset_without_any() {
	new_test_ext().execute_with(|| {
		assert_eq!(current_index(ASSET), None);
		assert_eq!(current_index(MISSING), None);
		assert_eq!(Valuation::current_valuation(ASSET, None), None);
		assert!(Valuation::valuations(ASSET).is_empty());
	})
}

#[test]
fn a_valuation_is_current_until_the_end_of_its_validity() {
	new_test_ext().execute_with(|| {
		let until = START_MS + DAY_MS;
		submit(ASSET, 100, until);
		assert_eq!(<Valuation as ValuationInspect>::current(ASSET, until - 1).map(|c| c.index), Some(0));
		assert_eq!(<Valuation as ValuationInspect>::current(ASSET, until), None);

		set_now(until - 1);
		assert_eq!(Valuation::current_valuation(ASSET, None).map(|(index, _)| index), Some(0));
		set_now(until);
		assert_eq!(Valuation::current_valuation(ASSET, None), None);
	})
}

#[test]
fn withdrawing_the_newest_makes_an_older_one_current() {
	new_test_ext().execute_with(|| {
		submit(ASSET, 100, START_MS + 30 * DAY_MS);
		assert_ok!(submit_as(APPRAISER2, ASSET, 200, ValuationMethod::Income, START_MS + 30 * DAY_MS));
		assert_ok!(submit_as(APPRAISER3, ASSET, 300, ValuationMethod::Income, START_MS + 30 * DAY_MS));
		assert_eq!(current_index(ASSET), Some(2));

		assert_ok!(withdraw_as(APPRAISER3, ASSET, 2));
		assert_eq!(
			<Valuation as ValuationInspect>::current(ASSET, now()),
			Some(CurrentValuation { index: 1, value_fen: 200, valid_until_ms: START_MS + 30 * DAY_MS })
		);

		// Withdrawing an older one leaves the current one alone; a new one is current.
		assert_ok!(withdraw_as(APPRAISER, ASSET, 0));
		assert_eq!(current_index(ASSET), Some(1));
		assert_eq!(in_force_indices(ASSET), vec![1]);
		submit(ASSET, 400, START_MS + 30 * DAY_MS);
		assert_eq!(current_index(ASSET), Some(3));
	})
}

#[test]
fn expiry_of_the_newest_makes_an_older_one_current() {
	new_test_ext().execute_with(|| {
		submit(ASSET, 100, START_MS + 30 * DAY_MS);
		assert_ok!(submit_as(APPRAISER2, ASSET, 200, ValuationMethod::Income, START_MS + DAY_MS));
		assert_eq!(current_index(ASSET), Some(1));

		set_now(START_MS + DAY_MS);
		assert_eq!(
			<Valuation as ValuationInspect>::current(ASSET, now()),
			Some(CurrentValuation { index: 0, value_fen: 100, valid_until_ms: START_MS + 30 * DAY_MS })
		);
		assert_eq!(Valuation::current_valuation(ASSET, None).map(|(index, _)| index), Some(0));
		// Asked about an earlier time, the newest is still in force.
		assert_eq!(Valuation::current_valuation(ASSET, Some(START_MS)).map(|(index, _)| index), Some(1));
	})
}

#[test]
fn none_is_current_once_all_are_expired_or_withdrawn() {
	new_test_ext().execute_with(|| {
		submit(ASSET, 100, START_MS + DAY_MS);
		assert_ok!(submit_as(APPRAISER2, ASSET, 200, ValuationMethod::Income, START_MS + 30 * DAY_MS));
		assert_ok!(submit_as(APPRAISER3, ASSET, 300, ValuationMethod::Income, START_MS + 2 * DAY_MS));
		assert_ok!(withdraw_as(APPRAISER2, ASSET, 1));

		set_now(START_MS + DAY_MS);
		assert_eq!(current_index(ASSET), Some(2));
		set_now(START_MS + 2 * DAY_MS);
		assert_eq!(current_index(ASSET), None);
		assert_eq!(Valuation::current_valuation(ASSET, None), None);
		// All three are still in the history.
		assert_eq!(
			Valuation::valuations(ASSET).iter().map(|v| v.value_fen).collect::<Vec<_>>(),
			[100, 200, 300]
		);
	})
}

#[test]
fn an_appraisers_new_valuation_supersedes_its_previous_one() {
	new_test_ext().execute_with(|| {
		submit(ASSET, 100, START_MS + 30 * DAY_MS);
		assert_ok!(submit_as(APPRAISER2, ASSET, 150, ValuationMethod::Cost, START_MS + 30 * DAY_MS));
		advance(HOUR_MS);
		let revised = [7; 32];
		assert_ok!(Valuation::submit(
			RuntimeOrigin::signed(APPRAISER),
			ASSET,
			120,
			ValuationMethod::Income,
			revised,
			START_MS + 60 * DAY_MS
		));

		// The earlier one is withdrawn, with the new report as the reason, and kept.
		assert_eq!(
			stored(ASSET, 0).withdrawn,
			Some(Withdrawal { at_ms: START_MS + HOUR_MS, reason_digest: revised })
		);
		assert_eq!(stored(ASSET, 0).value_fen, 100);
		System::assert_has_event(Event::Superseded { asset: ASSET, index: 0, by: 2 }.into());
		assert_eq!(in_force_indices(ASSET), vec![1, 2]);
		assert_eq!(current_index(ASSET), Some(2));
		// Withdrawing the revision does not bring the superseded one back.
		assert_ok!(withdraw_as(APPRAISER, ASSET, 2));
		assert_eq!(current_index(ASSET), Some(1));
		assert_eq!(in_force_indices(ASSET), vec![1]);
	})
}

#[test]
fn an_expired_valuation_is_not_superseded() {
	new_test_ext().execute_with(|| {
		submit(ASSET, 100, START_MS + DAY_MS);
		set_now(START_MS + DAY_MS);
		submit(ASSET, 200, START_MS + 30 * DAY_MS);
		assert_eq!(stored(ASSET, 0).withdrawn, None);
		assert_eq!(
			System::events()
				.iter()
				.filter(|record| matches!(record.event, RuntimeEvent::Valuation(Event::Superseded { .. })))
				.count(),
			0
		);
		assert_eq!(in_force_indices(ASSET), vec![1]);
	})
}

#[test]
fn at_most_max_in_force_appraisers_have_a_valuation_in_force() {
	new_test_ext().execute_with(|| {
		submit(ASSET, 100, START_MS + DAY_MS);
		for appraiser in [APPRAISER2, APPRAISER3] {
			assert_ok!(submit_as(appraiser, ASSET, 100, ValuationMethod::Cost, START_MS + 30 * DAY_MS));
		}
		assert_eq!(InForce::<Test>::get(ASSET).len() as u32, MAX_IN_FORCE);
		assert_noop!(
			submit_as(APPRAISER4, ASSET, 100, ValuationMethod::Cost, START_MS + 30 * DAY_MS),
			Error::<Test>::TooManyInForce
		);
		// One already in the list may still revise its own.
		assert_ok!(submit_as(APPRAISER2, ASSET, 110, ValuationMethod::Cost, START_MS + 30 * DAY_MS));
		// An expiry frees a place; so does a withdrawal.
		set_now(START_MS + DAY_MS);
		assert_ok!(submit_as(APPRAISER4, ASSET, 100, ValuationMethod::Cost, START_MS + 30 * DAY_MS));
		assert_noop!(
			submit_as(APPRAISER, ASSET, 100, ValuationMethod::Cost, START_MS + 30 * DAY_MS),
			Error::<Test>::TooManyInForce
		);
		assert_ok!(withdraw_as(APPRAISER3, ASSET, 2));
		assert_ok!(submit_as(APPRAISER, ASSET, 100, ValuationMethod::Cost, START_MS + 30 * DAY_MS));
	})
}

/// The attack version 0 allowed: an appraiser posts many short-lived valuations so that, once they
/// expire, the real one lies beyond the scan and pledges fail with `NoCurrentValuation`.
#[test]
fn short_lived_valuations_cannot_bury_the_current_one() {
	new_test_ext().execute_with(|| {
		let real = submit(ASSET, 100, START_MS + 30 * DAY_MS);
		for _ in 0..(MAX_IN_FORCE * 5) {
			assert_ok!(submit_as(APPRAISER2, ASSET, 1, ValuationMethod::Cost, START_MS + HOUR_MS));
		}
		// While in force the newest counts, whoever made it (a bank sees the appraiser and the value)...
		assert_eq!(current_index(ASSET), Some(MAX_IN_FORCE * 5));
		assert_eq!(InForce::<Test>::get(ASSET).len(), 2);
		// ...and once they expire the real one is current again.
		set_now(START_MS + HOUR_MS);
		assert_eq!(current_index(ASSET), Some(real));
		assert_eq!(
			<Valuation as ValuationInspect>::current(ASSET, now()).map(|current| current.value_fen),
			Some(100)
		);
	})
}

mod migration_v1 {
	use super::*;
	use crate::{migration::v1::MigrateToV1, Valuation as Record};
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

	fn put(asset: u64, index: u32, appraiser: u64, valid_until_ms: u64, withdrawn: bool) {
		Valuations::<Test>::insert(
			asset,
			index,
			Record {
				asset,
				appraiser,
				value_fen: 100 + index as u128,
				method: ValuationMethod::Cost,
				report_digest: [index as u8; 32],
				valued_at_ms: START_MS,
				valid_until_ms,
				withdrawn: withdrawn.then_some(Withdrawal { at_ms: START_MS, reason_digest: REASON }),
			},
		);
	}

	#[test]
	fn version_0_valuations_in_force_are_listed_one_per_appraiser() {
		new_test_ext().execute_with(|| {
			let (long, short) = (START_MS + 30 * DAY_MS, START_MS + DAY_MS);
			// Version 0 state: no list. Of the newest MAX_IN_FORCE (1, 2, 3), 3 is withdrawn and 1 is
			// APPRAISER's older one in force; 0 lies beyond the scan.
			put(ASSET, 0, APPRAISER3, long, false);
			put(ASSET, 1, APPRAISER, long, false);
			put(ASSET, 2, APPRAISER, short, false);
			put(ASSET, 3, APPRAISER2, long, true);
			ValuationCount::<Test>::insert(ASSET, 4);
			StorageVersion::new(0).put::<Valuation>();
			assert_eq!(current_index(ASSET), None);

			MigrateToV1::<Test>::on_runtime_upgrade();

			assert_eq!(Valuation::on_chain_storage_version(), StorageVersion::new(1));
			assert_eq!(
				InForce::<Test>::get(ASSET).into_inner(),
				vec![InForceEntry { index: 2, appraiser: APPRAISER, valid_until_ms: short }]
			);
			assert_eq!(
				stored(ASSET, 1).withdrawn,
				Some(Withdrawal { at_ms: START_MS, reason_digest: [2; 32] })
			);
			assert_eq!(stored(ASSET, 0).withdrawn, None);
			assert_eq!(current_index(ASSET), Some(2));
			// A second run finds version 1 and changes nothing.
			MigrateToV1::<Test>::on_runtime_upgrade();
			assert_eq!(in_force_indices(ASSET), vec![2]);
		});
	}

	#[test]
	fn a_new_chain_starts_at_version_1() {
		new_test_ext().execute_with(|| {
			assert_eq!(Valuation::on_chain_storage_version(), StorageVersion::new(1));
		});
	}
}

#[test]
fn a_valuation_stays_in_history_after_its_asset_expires() {
	new_test_ext().execute_with(|| {
		let other = ASSET + 1;
		register(other, START_MS + DAY_MS);
		let index = submit(other, 100, START_MS + 30 * DAY_MS);
		let valuation = stored(other, index);

		set_now(START_MS + DAY_MS);
		assert_noop!(
			submit_as(APPRAISER, other, 200, ValuationMethod::Cost, START_MS + 30 * DAY_MS),
			Error::<Test>::AssetNotRegistered
		);
		assert_eq!(Valuation::valuations(other), vec![valuation.clone()]);
		assert_eq!(ValuationCount::<Test>::get(other), 1);
		// The pallet does not consult the registry for the current valuation: whoever relies on it
		// checks the registration.
		assert_eq!(Valuation::current_valuation(other, None), Some((index, valuation)));

		deregister(other);
		assert_eq!(Valuation::valuations(other).len(), 1);
	})
}

#[test]
fn runtime_api_reads_list_oldest_first_and_evaluate_at_the_time_asked() {
	new_test_ext().execute_with(|| {
		submit(ASSET, 100, START_MS + 30 * DAY_MS);
		advance(HOUR_MS);
		assert_ok!(submit_as(APPRAISER2, ASSET, 200, ValuationMethod::Cost, START_MS + DAY_MS));
		assert_ok!(withdraw_as(APPRAISER, ASSET, 0));

		let all = Valuation::valuations(ASSET);
		assert_eq!(all, vec![stored(ASSET, 0), stored(ASSET, 1)]);
		assert_eq!((all[0].valued_at_ms, all[1].valued_at_ms), (START_MS, START_MS + HOUR_MS));
		assert!(all[0].withdrawn.is_some() && all[1].withdrawn.is_none());

		assert_eq!(Valuation::current_valuation(ASSET, None), Some((1, stored(ASSET, 1))));
		assert_eq!(Valuation::current_valuation(ASSET, Some(START_MS + DAY_MS)), None);
	})
}

#[test]
fn valuation_state_follows_the_clock_and_withdrawal() {
	let valuation = crate::Valuation {
		asset: ASSET,
		appraiser: APPRAISER,
		value_fen: 5,
		method: ValuationMethod::Cost,
		report_digest: REPORT,
		valued_at_ms: 10,
		valid_until_ms: 20,
		withdrawn: None,
	};
	assert!(!valuation.is_expired(19) && valuation.is_in_force(19));
	assert!(valuation.is_expired(20) && !valuation.is_in_force(20));
	let withdrawn = crate::Valuation {
		withdrawn: Some(Withdrawal { at_ms: 15, reason_digest: REASON }),
		..valuation.clone()
	};
	assert!(!withdrawn.is_in_force(19));
	assert_eq!(valuation.summary(3), CurrentValuation { index: 3, value_fen: 5, valid_until_ms: 20 });
}
