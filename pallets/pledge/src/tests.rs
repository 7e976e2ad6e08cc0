//! Tests of `pallet-pledge`.

use crate::{mock::*, pallet::*, types::*};
use frame_support::{assert_noop, assert_ok};
use iprchain_primitives::{AssetLock, CurrentValuation, EnforceError, Role};
use sp_runtime::{DispatchError, DispatchResult};

/// The secured amount the tests propose, fen (1 million yuan).
const SECURED: u128 = 100_000_000;
/// The maturity the tests propose: well after the proposal expires.
const MATURITY: u64 = START_MS + 10_000;
/// The end of the time a pledge maturing at [`MATURITY`] is in force.
const IN_FORCE_UNTIL: u64 = MATURITY + GRACE_MS;
/// A pledge id nothing was ever stored under.
const MISSING: u64 = 99;

// ---- helpers ----

fn propose_as(who: u64, asset: u64, bank: u64) -> DispatchResult {
	Pledging::propose(RuntimeOrigin::signed(who), asset, bank, SECURED, MATURITY)
}

/// `HOLDER` proposes `asset` to `BANK`; returns the pledge id.
fn propose(asset: u64) -> u64 {
	let pledge = NextPledgeId::<Test>::get();
	assert_ok!(propose_as(HOLDER, asset, BANK));
	pledge
}

fn accept_as(who: u64, pledge: u64) -> DispatchResult {
	Pledging::accept(RuntimeOrigin::signed(who), pledge)
}

/// `HOLDER` proposes `asset` to `BANK`, which accepts; returns the pledge id.
fn active(asset: u64) -> u64 {
	let pledge = propose(asset);
	assert_ok!(accept_as(BANK, pledge));
	pledge
}

fn withdraw_as(who: u64, pledge: u64) -> DispatchResult {
	Pledging::withdraw_proposal(RuntimeOrigin::signed(who), pledge)
}

fn release_as(who: u64, pledge: u64) -> DispatchResult {
	Pledging::release(RuntimeOrigin::signed(who), pledge)
}

fn enforce_as(who: u64, pledge: u64, buyer: Option<u64>) -> DispatchResult {
	Pledging::enforce(RuntimeOrigin::signed(who), pledge, buyer)
}

fn stored(pledge: u64) -> PledgeOf<Test> {
	Pledges::<Test>::get(pledge).expect("pledge stored")
}

fn status(pledge: u64) -> PledgeStatus<u64> {
	stored(pledge).status
}

fn state(pledge: u64) -> PledgeState {
	Pledging::pledge_state(pledge, None).expect("pledge stored")
}

fn locked(asset: u64) -> bool {
	<Pledging as AssetLock>::is_locked(asset, now())
}

/// The status a pledge accepted now, relying on the mock's valuation, has.
fn active_status() -> PledgeStatus<u64> {
	PledgeStatus::Active { since_ms: now(), valuation_index: VALUATION_INDEX, valuation_fen: VALUE_FEN }
}

/// Asserts that the newest history entry of `pledge` is `action` by `actor`, now, in this block.
fn assert_last_history(pledge: u64, actor: u64, action: Action<u64>) {
	let len = HistoryLen::<Test>::get(pledge);
	assert!(len > 0, "no history");
	assert_eq!(
		History::<Test>::get(pledge, len - 1),
		Some(HistoryEntry { block: System::block_number(), at_ms: now(), actor, action })
	);
}

// ---- propose ----

#[test]
fn holder_proposes_a_pledge() {
	new_test_ext().execute_with(|| {
		assert_ok!(propose_as(HOLDER, ASSET, BANK));

		let expires_ms = START_MS + PROPOSAL_TTL_MS;
		assert_eq!(
			Pledges::<Test>::get(0),
			Some(crate::Pledge {
				asset: ASSET,
				pledgor: HOLDER,
				pledgee: BANK,
				secured_fen: SECURED,
				maturity_ms: MATURITY,
				proposed_at_ms: START_MS,
				status: PledgeStatus::Proposed { expires_ms },
			})
		);
		assert_eq!(NextPledgeId::<Test>::get(), 1);
		assert_eq!(CurrentPledge::<Test>::get(ASSET), Some(0));
		assert_eq!(AssetPledgeCount::<Test>::get(ASSET), 1);
		assert_eq!(AssetPledges::<Test>::get(ASSET, 0), Some(0));
		System::assert_last_event(
			Event::Proposed {
				pledge: 0,
				asset: ASSET,
				pledgor: HOLDER,
				pledgee: BANK,
				secured_fen: SECURED,
				maturity_ms: MATURITY,
				expires_ms,
			}
			.into(),
		);
		assert_eq!(HistoryLen::<Test>::get(0), 1);
		assert_eq!(
			History::<Test>::get(0, 0),
			Some(HistoryEntry {
				block: 1,
				at_ms: START_MS,
				actor: HOLDER,
				action: Action::Proposed { expires_ms }
			})
		);
		assert_eq!(state(0), PledgeState::Proposed);
		// A mere proposal locks nothing.
		assert!(!locked(ASSET));
		assert_eq!(Pledging::active_pledge(ASSET, None), None);
	});
}

#[test]
fn pledge_ids_count_up_across_assets() {
	new_test_ext().execute_with(|| {
		assert_eq!(propose(ASSET), 0);
		assert_eq!(propose(ASSET2), 1);
		assert_eq!(NextPledgeId::<Test>::get(), 2);
		assert_eq!(CurrentPledge::<Test>::get(ASSET2), Some(1));
		assert_eq!(AssetPledges::<Test>::get(ASSET2, 0), Some(1));
		assert_eq!(AssetPledgeCount::<Test>::get(ASSET), 1);
		assert_eq!(AssetPledgeCount::<Test>::get(ASSET2), 1);
		// Each pledge has its own history.
		assert_eq!(HistoryLen::<Test>::get(0), 1);
		assert_eq!(HistoryLen::<Test>::get(1), 1);
	});
}

#[test]
fn propose_refuses_zero_amount() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Pledging::propose(RuntimeOrigin::signed(HOLDER), ASSET, BANK, 0, MATURITY),
			Error::<Test>::ZeroAmount
		);
	});
}

#[test]
fn propose_refuses_maturity_not_in_the_future() {
	new_test_ext().execute_with(|| {
		for maturity in [0, START_MS - 1, START_MS] {
			assert_noop!(
				Pledging::propose(RuntimeOrigin::signed(HOLDER), ASSET, BANK, SECURED, maturity),
				Error::<Test>::MaturityInPast
			);
		}
		assert_ok!(Pledging::propose(RuntimeOrigin::signed(HOLDER), ASSET, BANK, 1, START_MS + 1));
	});
}

#[test]
fn propose_refuses_other_signers() {
	new_test_ext().execute_with(|| {
		for who in [HOLDER2, BANK, BUYER, NOBODY] {
			assert_noop!(propose_as(who, ASSET, BANK), Error::<Test>::NotHolder);
		}
	});
}

#[test]
fn propose_refuses_an_unknown_asset() {
	new_test_ext().execute_with(|| {
		assert_noop!(propose_as(HOLDER, UNKNOWN_ASSET, BANK), Error::<Test>::UnknownAsset);
	});
}

#[test]
fn propose_refuses_an_unregistered_or_expired_asset() {
	new_test_ext().execute_with(|| {
		set_valid_until(ASSET, None);
		assert_noop!(propose_as(HOLDER, ASSET, BANK), Error::<Test>::AssetNotRegistered);
		// Registered, but its validity ends now.
		set_valid_until(ASSET, Some(now()));
		assert_noop!(propose_as(HOLDER, ASSET, BANK), Error::<Test>::AssetNotRegistered);
		set_valid_until(ASSET, Some(now() + 1));
		assert_ok!(propose_as(HOLDER, ASSET, BANK));
	});
}

#[test]
fn propose_refuses_a_frozen_asset() {
	new_test_ext().execute_with(|| {
		set_frozen(ASSET, true);
		assert_noop!(propose_as(HOLDER, ASSET, BANK), Error::<Test>::AssetFrozen);
	});
}

#[test]
fn propose_refuses_a_bank_without_the_bank_role() {
	new_test_ext().execute_with(|| {
		for bank in [HOLDER, HOLDER2, BUYER, NOBODY] {
			assert_noop!(propose_as(HOLDER, ASSET, bank), Error::<Test>::NotABank);
		}
	});
}

#[test]
fn propose_refuses_while_a_proposal_is_open() {
	new_test_ext().execute_with(|| {
		propose(ASSET);
		assert_noop!(propose_as(HOLDER, ASSET, BANK), Error::<Test>::ProposalPending);
		// To another bank neither, up to the proposal's last millisecond.
		set_now(START_MS + PROPOSAL_TTL_MS - 1);
		assert_noop!(propose_as(HOLDER, ASSET, BANK2), Error::<Test>::ProposalPending);
		// Another asset is not affected.
		assert_ok!(propose_as(HOLDER, ASSET2, BANK2));
	});
}

#[test]
fn an_expired_proposal_is_replaced_by_a_new_one() {
	new_test_ext().execute_with(|| {
		let old = propose(ASSET);
		set_now(START_MS + PROPOSAL_TTL_MS);
		assert_eq!(state(old), PledgeState::ProposalExpired);
		assert_noop!(accept_as(BANK, old), Error::<Test>::ProposalExpired);

		let new = NextPledgeId::<Test>::get();
		assert_ok!(propose_as(HOLDER, ASSET, BANK2));
		assert_eq!(CurrentPledge::<Test>::get(ASSET), Some(new));
		assert_eq!(AssetPledgeCount::<Test>::get(ASSET), 2);
		let ids: Vec<u64> = Pledging::pledges_of(ASSET).into_iter().map(|(id, _)| id).collect();
		assert_eq!(ids, vec![old, new]);
		// The old proposal stays as it was, expired.
		assert_eq!(status(old), PledgeStatus::Proposed { expires_ms: START_MS + PROPOSAL_TTL_MS });
		assert_eq!(state(old), PledgeState::ProposalExpired);
		assert_eq!(state(new), PledgeState::Proposed);

		// Withdrawing the expired one leaves the new one current.
		assert_ok!(withdraw_as(HOLDER, old));
		assert_eq!(CurrentPledge::<Test>::get(ASSET), Some(new));
		assert_ok!(accept_as(BANK2, new));
		assert!(locked(ASSET));
	});
}

#[test]
fn propose_refuses_while_a_pledge_is_in_force() {
	new_test_ext().execute_with(|| {
		active(ASSET);
		assert_noop!(propose_as(HOLDER, ASSET, BANK2), Error::<Test>::AlreadyPledged);
		// Past maturity, during the grace, it is still in force.
		set_now(IN_FORCE_UNTIL - 1);
		set_valuation(ASSET, None);
		assert_noop!(
			Pledging::propose(RuntimeOrigin::signed(HOLDER), ASSET, BANK2, SECURED, now() + 1),
			Error::<Test>::AlreadyPledged
		);
	});
}

#[test]
fn a_lapsed_pledge_does_not_block_a_new_proposal() {
	new_test_ext().execute_with(|| {
		let old = active(ASSET);
		set_now(IN_FORCE_UNTIL);
		let new = NextPledgeId::<Test>::get();
		assert_ok!(Pledging::propose(RuntimeOrigin::signed(HOLDER), ASSET, BANK2, SECURED, now() + 5_000));
		assert_eq!(CurrentPledge::<Test>::get(ASSET), Some(new));

		// Releasing the lapsed pledge later leaves the new proposal current.
		assert_ok!(release_as(BANK, old));
		assert_eq!(CurrentPledge::<Test>::get(ASSET), Some(new));
		assert_ok!(accept_as(BANK2, new));
		assert_eq!(Pledging::active_pledge(ASSET, None).map(|(id, _)| id), Some(new));
	});
}

#[test]
fn propose_refuses_when_pledge_ids_are_exhausted() {
	new_test_ext().execute_with(|| {
		NextPledgeId::<Test>::put(u64::MAX);
		assert_noop!(propose_as(HOLDER, ASSET, BANK), Error::<Test>::Exhausted);
	});
}

#[test]
fn propose_refuses_when_the_assets_pledge_list_is_full() {
	new_test_ext().execute_with(|| {
		AssetPledgeCount::<Test>::insert(ASSET, u32::MAX);
		assert_noop!(propose_as(HOLDER, ASSET, BANK), Error::<Test>::Exhausted);
		// The last slot is still used.
		AssetPledgeCount::<Test>::insert(ASSET, u32::MAX - 1);
		let pledge = propose(ASSET);
		assert_eq!(AssetPledges::<Test>::get(ASSET, u32::MAX - 1), Some(pledge));
	});
}

#[test]
fn unsigned_and_root_origins_cannot_call() {
	new_test_ext().execute_with(|| {
		let pledge = propose(ASSET);
		for origin in [RuntimeOrigin::none(), RuntimeOrigin::root()] {
			assert_noop!(
				Pledging::propose(origin.clone(), ASSET2, BANK, SECURED, MATURITY),
				DispatchError::BadOrigin
			);
			assert_noop!(Pledging::accept(origin.clone(), pledge), DispatchError::BadOrigin);
			assert_noop!(Pledging::withdraw_proposal(origin.clone(), pledge), DispatchError::BadOrigin);
			assert_noop!(Pledging::release(origin.clone(), pledge), DispatchError::BadOrigin);
			assert_noop!(Pledging::enforce(origin, pledge, None), DispatchError::BadOrigin);
		}
	});
}

#[test]
fn every_call_refuses_an_unknown_pledge() {
	new_test_ext().execute_with(|| {
		// A pledge exists, just not under this id.
		active(ASSET);
		assert_noop!(accept_as(BANK, MISSING), Error::<Test>::UnknownPledge);
		assert_noop!(withdraw_as(HOLDER, MISSING), Error::<Test>::UnknownPledge);
		assert_noop!(release_as(BANK, MISSING), Error::<Test>::UnknownPledge);
		assert_noop!(enforce_as(BANK, MISSING, Some(BUYER)), Error::<Test>::UnknownPledge);
	});
}

// ---- accept ----

#[test]
fn bank_accepts_a_proposal() {
	new_test_ext().execute_with(|| {
		let pledge = propose(ASSET);
		advance(300);
		assert_ok!(accept_as(BANK, pledge));

		assert_eq!(status(pledge), active_status());
		assert_eq!(stored(pledge).proposed_at_ms, START_MS);
		assert_eq!(CurrentPledge::<Test>::get(ASSET), Some(pledge));
		System::assert_last_event(
			Event::Accepted {
				pledge,
				asset: ASSET,
				pledgee: BANK,
				valuation_index: VALUATION_INDEX,
				valuation_fen: VALUE_FEN,
			}
			.into(),
		);
		assert_eq!(HistoryLen::<Test>::get(pledge), 2);
		assert_last_history(
			pledge,
			BANK,
			Action::Accepted { valuation_index: VALUATION_INDEX, valuation_fen: VALUE_FEN },
		);
		assert_eq!(state(pledge), PledgeState::Active);
		assert!(locked(ASSET));
		assert!(!locked(ASSET2));
		assert_eq!(Pledging::active_pledge(ASSET, None), Some((pledge, stored(pledge))));
	});
}

#[test]
fn accept_succeeds_in_the_proposals_last_millisecond() {
	new_test_ext().execute_with(|| {
		let pledge = propose(ASSET);
		set_now(START_MS + PROPOSAL_TTL_MS - 1);
		assert_ok!(accept_as(BANK, pledge));
		assert_eq!(status(pledge), active_status());
	});
}

#[test]
fn accept_refuses_an_expired_proposal() {
	new_test_ext().execute_with(|| {
		let pledge = propose(ASSET);
		set_now(START_MS + PROPOSAL_TTL_MS);
		assert_noop!(accept_as(BANK, pledge), Error::<Test>::ProposalExpired);
		advance(1_000_000);
		assert_noop!(accept_as(BANK, pledge), Error::<Test>::ProposalExpired);
	});
}

#[test]
fn accept_refuses_other_signers() {
	new_test_ext().execute_with(|| {
		let pledge = propose(ASSET);
		// Another bank, the holder, anyone.
		for who in [BANK2, HOLDER, BUYER, NOBODY] {
			assert_noop!(accept_as(who, pledge), Error::<Test>::NotPledgee);
		}
	});
}

#[test]
fn accept_refuses_a_bank_that_lost_its_role() {
	new_test_ext().execute_with(|| {
		let pledge = propose(ASSET);
		revoke(BANK, Role::Bank);
		assert_noop!(accept_as(BANK, pledge), Error::<Test>::NotABank);
	});
}

#[test]
fn accept_refuses_pledges_no_longer_proposed() {
	new_test_ext().execute_with(|| {
		let accepted = active(ASSET);
		assert_noop!(accept_as(BANK, accepted), Error::<Test>::WrongState);
		assert_ok!(release_as(BANK, accepted));
		assert_noop!(accept_as(BANK, accepted), Error::<Test>::WrongState);

		let withdrawn = propose(ASSET2);
		assert_ok!(withdraw_as(HOLDER, withdrawn));
		assert_noop!(accept_as(BANK, withdrawn), Error::<Test>::WrongState);
	});
}

#[test]
fn accept_rechecks_the_holder() {
	new_test_ext().execute_with(|| {
		let pledge = propose(ASSET);
		// The holder transferred the asset: a proposal does not lock it.
		set_holder(ASSET, HOLDER2);
		assert_noop!(accept_as(BANK, pledge), Error::<Test>::HolderChanged);
		set_holder(ASSET, HOLDER);
		assert_ok!(accept_as(BANK, pledge));
	});
}

#[test]
fn accept_rechecks_the_registration() {
	new_test_ext().execute_with(|| {
		let pledge = propose(ASSET);
		// The registration expired after the proposal.
		set_valid_until(ASSET, Some(now() + 100));
		advance(100);
		assert_noop!(accept_as(BANK, pledge), Error::<Test>::AssetNotRegistered);
		// Or was cancelled or revoked.
		set_valid_until(ASSET, None);
		assert_noop!(accept_as(BANK, pledge), Error::<Test>::AssetNotRegistered);
	});
}

#[test]
fn accept_rechecks_the_freeze() {
	new_test_ext().execute_with(|| {
		let pledge = propose(ASSET);
		set_frozen(ASSET, true);
		assert_noop!(accept_as(BANK, pledge), Error::<Test>::AssetFrozen);
		set_frozen(ASSET, false);
		assert_ok!(accept_as(BANK, pledge));
	});
}

#[test]
fn accept_needs_a_current_valuation() {
	new_test_ext().execute_with(|| {
		let pledge = propose(ASSET);
		// The valuation expired after the proposal.
		let valuation = CurrentValuation { index: 7, value_fen: 42, valid_until_ms: now() + 100 };
		set_valuation(ASSET, Some(valuation));
		advance(100);
		assert_noop!(accept_as(BANK, pledge), Error::<Test>::NoCurrentValuation);
		// Or there is none at all.
		set_valuation(ASSET, None);
		assert_noop!(accept_as(BANK, pledge), Error::<Test>::NoCurrentValuation);
		// A new valuation is relied on and recorded.
		let valuation = CurrentValuation { index: 8, value_fen: 43, valid_until_ms: now() + 1 };
		set_valuation(ASSET, Some(valuation));
		assert_ok!(accept_as(BANK, pledge));
		assert_eq!(
			status(pledge),
			PledgeStatus::Active { since_ms: now(), valuation_index: 8, valuation_fen: 43 }
		);
	});
}

#[test]
fn accept_refuses_once_maturity_has_passed() {
	new_test_ext().execute_with(|| {
		let pledge = NextPledgeId::<Test>::get();
		assert_ok!(Pledging::propose(RuntimeOrigin::signed(HOLDER), ASSET, BANK, SECURED, START_MS + 10));
		set_now(START_MS + 10);
		assert_noop!(accept_as(BANK, pledge), Error::<Test>::MaturityInPast);
	});
}

#[test]
fn accept_refuses_while_another_pledge_is_in_force() {
	new_test_ext().execute_with(|| {
		// Proposals cannot overlap a pledge in force, so this state is built by hand: the check is
		// a safeguard.
		let pledge = propose(ASSET);
		let other = NextPledgeId::<Test>::get();
		Pledges::<Test>::insert(
			other,
			crate::Pledge {
				status: PledgeStatus::Active { since_ms: now(), valuation_index: 0, valuation_fen: 1 },
				..stored(pledge)
			},
		);
		CurrentPledge::<Test>::insert(ASSET, other);
		assert_noop!(accept_as(BANK, pledge), Error::<Test>::AlreadyPledged);
	});
}

// ---- withdraw_proposal ----

#[test]
fn proposer_withdraws_a_proposal() {
	new_test_ext().execute_with(|| {
		let pledge = propose(ASSET);
		advance(10);
		assert_ok!(withdraw_as(HOLDER, pledge));

		assert_eq!(status(pledge), PledgeStatus::Withdrawn { at_ms: now() });
		assert_eq!(CurrentPledge::<Test>::get(ASSET), None);
		System::assert_last_event(Event::ProposalWithdrawn { pledge, asset: ASSET }.into());
		assert_last_history(pledge, HOLDER, Action::ProposalWithdrawn);
		assert_eq!(state(pledge), PledgeState::Withdrawn);
		// The asset may be proposed again at once.
		assert_ok!(propose_as(HOLDER, ASSET, BANK2));
	});
}

#[test]
fn proposer_withdraws_an_expired_proposal() {
	new_test_ext().execute_with(|| {
		let pledge = propose(ASSET);
		set_now(START_MS + PROPOSAL_TTL_MS);
		assert_ok!(withdraw_as(HOLDER, pledge));
		assert_eq!(status(pledge), PledgeStatus::Withdrawn { at_ms: now() });
		assert_eq!(CurrentPledge::<Test>::get(ASSET), None);
	});
}

#[test]
fn withdraw_refuses_other_signers() {
	new_test_ext().execute_with(|| {
		let pledge = propose(ASSET);
		for who in [BANK, HOLDER2, NOBODY] {
			assert_noop!(withdraw_as(who, pledge), Error::<Test>::NotPledgor);
		}
		// Not even a new holder: the proposal is the proposer's.
		set_holder(ASSET, HOLDER2);
		assert_noop!(withdraw_as(HOLDER2, pledge), Error::<Test>::NotPledgor);
	});
}

#[test]
fn withdraw_refuses_pledges_no_longer_proposed() {
	new_test_ext().execute_with(|| {
		let pledge = active(ASSET);
		assert_noop!(withdraw_as(HOLDER, pledge), Error::<Test>::WrongState);
		assert_ok!(release_as(BANK, pledge));
		assert_noop!(withdraw_as(HOLDER, pledge), Error::<Test>::WrongState);

		let withdrawn = propose(ASSET2);
		assert_ok!(withdraw_as(HOLDER, withdrawn));
		assert_noop!(withdraw_as(HOLDER, withdrawn), Error::<Test>::WrongState);
	});
}

// ---- release ----

#[test]
fn bank_releases_a_pledge() {
	new_test_ext().execute_with(|| {
		let pledge = active(ASSET);
		advance(2_000);
		assert_ok!(release_as(BANK, pledge));

		assert_eq!(status(pledge), PledgeStatus::Released { at_ms: now() });
		assert_eq!(CurrentPledge::<Test>::get(ASSET), None);
		System::assert_last_event(Event::Released { pledge, asset: ASSET }.into());
		assert_last_history(pledge, BANK, Action::Released);
		assert_eq!(state(pledge), PledgeState::Released);
		assert!(!locked(ASSET));
		assert_eq!(Pledging::active_pledge(ASSET, None), None);
		// The asset may be pledged again.
		assert_ok!(propose_as(HOLDER, ASSET, BANK2));
	});
}

#[test]
fn bank_that_lost_its_role_may_still_release() {
	new_test_ext().execute_with(|| {
		let pledge = active(ASSET);
		revoke(BANK, Role::Bank);
		assert_ok!(release_as(BANK, pledge));
		assert!(!locked(ASSET));
	});
}

#[test]
fn a_lapsed_pledge_may_still_be_released() {
	new_test_ext().execute_with(|| {
		let pledge = active(ASSET);
		set_now(IN_FORCE_UNTIL + 1_000);
		assert_eq!(state(pledge), PledgeState::Lapsed);
		assert_ok!(release_as(BANK, pledge));
		assert_eq!(status(pledge), PledgeStatus::Released { at_ms: now() });
		assert_eq!(CurrentPledge::<Test>::get(ASSET), None);
	});
}

#[test]
fn release_refuses_other_signers() {
	new_test_ext().execute_with(|| {
		let pledge = active(ASSET);
		for who in [BANK2, HOLDER, BUYER, NOBODY] {
			assert_noop!(release_as(who, pledge), Error::<Test>::NotPledgee);
		}
	});
}

#[test]
fn release_refuses_pledges_not_active() {
	new_test_ext().execute_with(|| {
		let proposed = propose(ASSET);
		assert_noop!(release_as(BANK, proposed), Error::<Test>::WrongState);
		assert_ok!(accept_as(BANK, proposed));
		assert_ok!(release_as(BANK, proposed));
		assert_noop!(release_as(BANK, proposed), Error::<Test>::WrongState);

		let withdrawn = propose(ASSET2);
		assert_ok!(withdraw_as(HOLDER, withdrawn));
		assert_noop!(release_as(BANK, withdrawn), Error::<Test>::WrongState);
	});
}

// ---- enforce ----

#[test]
fn bank_enforces_to_itself() {
	new_test_ext().execute_with(|| {
		grant(BANK, Role::Holder);
		let pledge = active(ASSET);
		set_now(MATURITY + 1);
		assert_ok!(enforce_as(BANK, pledge, None));

		assert_eq!(status(pledge), PledgeStatus::Enforced { to: BANK, at_ms: now() });
		assert_eq!(mock_asset(ASSET).unwrap().holder, BANK);
		assert_eq!(enforced(), vec![(ASSET, BANK, BANK)]);
		assert_eq!(CurrentPledge::<Test>::get(ASSET), None);
		System::assert_last_event(Event::Enforced { pledge, asset: ASSET, to: BANK }.into());
		assert_last_history(pledge, BANK, Action::Enforced { to: BANK });
		assert_eq!(HistoryLen::<Test>::get(pledge), 3);
		assert_eq!(state(pledge), PledgeState::Enforced);
		assert!(!locked(ASSET));
	});
}

#[test]
fn bank_enforces_to_a_buyer() {
	new_test_ext().execute_with(|| {
		let pledge = active(ASSET);
		// In the last millisecond of the grace.
		set_now(IN_FORCE_UNTIL - 1);
		assert_ok!(enforce_as(BANK, pledge, Some(BUYER)));

		assert_eq!(status(pledge), PledgeStatus::Enforced { to: BUYER, at_ms: now() });
		assert_eq!(mock_asset(ASSET).unwrap().holder, BUYER);
		assert_eq!(enforced(), vec![(ASSET, BUYER, BANK)]);
		System::assert_last_event(Event::Enforced { pledge, asset: ASSET, to: BUYER }.into());
		assert_last_history(pledge, BANK, Action::Enforced { to: BUYER });
		assert!(!locked(ASSET));
	});
}

#[test]
fn enforce_refuses_a_bank_without_the_holder_role_taking_the_asset() {
	new_test_ext().execute_with(|| {
		let pledge = active(ASSET);
		assert_noop!(enforce_as(BANK, pledge, None), Error::<Test>::BankNotHolder);
		assert!(enforced().is_empty());
	});
}

#[test]
fn enforce_refuses_a_buyer_without_the_holder_role() {
	new_test_ext().execute_with(|| {
		let pledge = active(ASSET);
		for buyer in [BANK2, NOBODY] {
			assert_noop!(enforce_as(BANK, pledge, Some(buyer)), Error::<Test>::BuyerNotHolder);
		}
	});
}

#[test]
fn enforce_refuses_other_signers() {
	new_test_ext().execute_with(|| {
		let pledge = active(ASSET);
		for who in [BANK2, HOLDER, BUYER, NOBODY] {
			assert_noop!(enforce_as(who, pledge, Some(BUYER)), Error::<Test>::NotPledgee);
		}
	});
}

#[test]
fn enforce_refuses_a_bank_that_lost_its_role() {
	new_test_ext().execute_with(|| {
		let pledge = active(ASSET);
		revoke(BANK, Role::Bank);
		assert_noop!(enforce_as(BANK, pledge, Some(BUYER)), Error::<Test>::NotABank);
	});
}

#[test]
fn enforce_refuses_pledges_not_active() {
	new_test_ext().execute_with(|| {
		let proposed = propose(ASSET);
		assert_noop!(enforce_as(BANK, proposed, Some(BUYER)), Error::<Test>::WrongState);
		assert_ok!(accept_as(BANK, proposed));
		assert_ok!(release_as(BANK, proposed));
		assert_noop!(enforce_as(BANK, proposed, Some(BUYER)), Error::<Test>::WrongState);

		let enforced_once = active(ASSET2);
		assert_ok!(enforce_as(BANK, enforced_once, Some(BUYER)));
		assert_noop!(enforce_as(BANK, enforced_once, Some(BUYER)), Error::<Test>::WrongState);
	});
}

#[test]
fn enforce_refuses_a_lapsed_pledge() {
	new_test_ext().execute_with(|| {
		let pledge = active(ASSET);
		set_now(IN_FORCE_UNTIL);
		assert_noop!(enforce_as(BANK, pledge, Some(BUYER)), Error::<Test>::PledgeLapsed);
	});
}

#[test]
fn enforce_refuses_a_frozen_asset() {
	new_test_ext().execute_with(|| {
		let pledge = active(ASSET);
		set_frozen(ASSET, true);
		assert_noop!(enforce_as(BANK, pledge, Some(BUYER)), Error::<Test>::AssetFrozen);
		set_frozen(ASSET, false);
		assert_ok!(enforce_as(BANK, pledge, Some(BUYER)));
	});
}

#[test]
fn enforce_refuses_when_the_holder_changed() {
	new_test_ext().execute_with(|| {
		let pledge = active(ASSET);
		set_holder(ASSET, HOLDER2);
		assert_noop!(enforce_as(BANK, pledge, Some(BUYER)), Error::<Test>::HolderChanged);
	});
}

#[test]
fn enforce_maps_the_registrys_refusals() {
	new_test_ext().execute_with(|| {
		grant(BANK, Role::Holder);
		let pledge = active(ASSET);
		let cases = [
			(EnforceError::UnknownAsset, Some(BUYER), Error::<Test>::UnknownAsset),
			(EnforceError::NotRegistered, Some(BUYER), Error::<Test>::AssetNotRegistered),
			(EnforceError::Frozen, Some(BUYER), Error::<Test>::AssetFrozen),
			(EnforceError::RecipientNotHolder, Some(BUYER), Error::<Test>::BuyerNotHolder),
			(EnforceError::RecipientNotHolder, None, Error::<Test>::BankNotHolder),
		];
		for (failure, buyer, error) in cases {
			fail_enforce(Some(failure));
			assert_noop!(enforce_as(BANK, pledge, buyer), error);
		}
		// The registration lapsed while the pledge was in force: the registry refuses the transfer.
		fail_enforce(None);
		set_valid_until(ASSET, Some(now()));
		assert_noop!(enforce_as(BANK, pledge, Some(BUYER)), Error::<Test>::AssetNotRegistered);
		assert!(enforced().is_empty());
		assert_eq!(status(pledge), active_status());
		assert!(locked(ASSET));
	});
}

// ---- the lock and queries ----

#[test]
fn lock_holds_only_while_active_and_in_force() {
	new_test_ext().execute_with(|| {
		let lock = |at: u64| <Pledging as AssetLock>::is_locked(ASSET, at);
		assert!(!lock(now()));
		let pledge = propose(ASSET);
		assert!(!lock(now()));
		assert_ok!(accept_as(BANK, pledge));
		assert!(lock(now()));
		assert!(lock(MATURITY));
		assert!(lock(IN_FORCE_UNTIL - 1));
		assert!(!lock(IN_FORCE_UNTIL));
		assert!(!<Pledging as AssetLock>::is_locked(UNKNOWN_ASSET, now()));

		set_now(IN_FORCE_UNTIL);
		assert_eq!(state(pledge), PledgeState::Lapsed);
		assert_eq!(Pledging::active_pledge(ASSET, None), None);
		// The stored state does not change when a pledge lapses.
		assert_eq!(status(pledge).name(), "active");
	});
}

#[test]
fn active_pledge_is_evaluated_at_the_time_asked() {
	new_test_ext().execute_with(|| {
		let pledge = active(ASSET);
		let record = stored(pledge);
		assert_eq!(Pledging::active_pledge(ASSET, Some(IN_FORCE_UNTIL - 1)), Some((pledge, record.clone())));
		assert_eq!(Pledging::active_pledge(ASSET, Some(IN_FORCE_UNTIL)), None);
		assert_eq!(Pledging::active_pledge(ASSET, None), Some((pledge, record)));
		assert_eq!(Pledging::pledge_state(pledge, Some(IN_FORCE_UNTIL)), Some(PledgeState::Lapsed));
		assert_eq!(Pledging::pledge_state(MISSING, None), None);
	});
}

#[test]
fn pledges_of_lists_every_pledge_of_the_asset() {
	new_test_ext().execute_with(|| {
		assert!(Pledging::pledges_of(ASSET).is_empty());
		let first = active(ASSET);
		assert_ok!(release_as(BANK, first));
		let other = propose(ASSET2);
		let second = propose(ASSET);
		assert_eq!(Pledging::pledges_of(ASSET), vec![(first, stored(first)), (second, stored(second))]);
		assert_eq!(Pledging::pledges_of(ASSET2), vec![(other, stored(other))]);
		assert_eq!(Pledging::pledge(second), Some(stored(second)));
		assert_eq!(Pledging::pledge(MISSING), None);
	});
}

#[test]
fn history_lists_every_step_in_order() {
	new_test_ext().execute_with(|| {
		let pledge = propose(ASSET);
		let expires_ms = now() + PROPOSAL_TTL_MS;
		System::set_block_number(2);
		advance(100);
		assert_ok!(accept_as(BANK, pledge));
		System::set_block_number(3);
		advance(100);
		assert_ok!(release_as(BANK, pledge));

		assert_eq!(
			Pledging::history(pledge),
			vec![
				HistoryEntry {
					block: 1,
					at_ms: START_MS,
					actor: HOLDER,
					action: Action::Proposed { expires_ms }
				},
				HistoryEntry {
					block: 2,
					at_ms: START_MS + 100,
					actor: BANK,
					action: Action::Accepted { valuation_index: VALUATION_INDEX, valuation_fen: VALUE_FEN }
				},
				HistoryEntry { block: 3, at_ms: START_MS + 200, actor: BANK, action: Action::Released },
			]
		);
		assert!(Pledging::history(MISSING).is_empty());
	});
}

#[test]
fn state_names_are_kebab_case() {
	let names: Vec<_> = [
		PledgeState::Proposed,
		PledgeState::ProposalExpired,
		PledgeState::Active,
		PledgeState::Lapsed,
		PledgeState::Withdrawn,
		PledgeState::Released,
		PledgeState::Enforced,
	]
	.into_iter()
	.map(PledgeState::name)
	.collect();
	assert_eq!(
		names,
		vec!["proposed", "proposal-expired", "active", "lapsed", "withdrawn", "released", "enforced"]
	);
	let statuses: [PledgeStatus<u64>; 5] = [
		PledgeStatus::Proposed { expires_ms: 0 },
		PledgeStatus::Active { since_ms: 0, valuation_index: 0, valuation_fen: 0 },
		PledgeStatus::Withdrawn { at_ms: 0 },
		PledgeStatus::Released { at_ms: 0 },
		PledgeStatus::Enforced { to: 0, at_ms: 0 },
	];
	let names: Vec<_> = statuses.iter().map(PledgeStatus::name).collect();
	assert_eq!(names, vec!["proposed", "active", "withdrawn", "released", "enforced"]);
}
