//! Tests of the bounded reads behind the runtime API: an asset's pledges by page, a pledge's history
//! within its bound.

use crate::{mock::*, pallet::*, runtime_api::MAX_PLEDGES_PAGE, MAX_HISTORY};
use frame_support::assert_ok;

/// `HOLDER` proposes `asset` to `BANK` and withdraws the proposal, `times` times; returns the ids.
fn propose_and_withdraw(asset: u64, times: u32) -> Vec<u64> {
	(0..times)
		.map(|_| {
			let pledge = NextPledgeId::<Test>::get();
			assert_ok!(Pledging::propose(RuntimeOrigin::signed(HOLDER), asset, BANK, 100, START_MS + 10_000));
			assert_ok!(Pledging::withdraw_proposal(RuntimeOrigin::signed(HOLDER), pledge));
			pledge
		})
		.collect()
}

#[test]
fn pages_walk_every_pledge_of_the_asset_once_in_order() {
	new_test_ext().execute_with(|| {
		let ids = propose_and_withdraw(ASSET, 7);
		propose_and_withdraw(ASSET2, 2);
		let mut walked = Vec::new();
		let mut start = 0;
		loop {
			let (page, count) = Pledging::pledges_page(ASSET, start, 3);
			assert_eq!(count, 7);
			assert!(page.len() <= 3);
			if page.is_empty() {
				break;
			}
			start += page.len() as u32;
			walked.extend(page);
		}
		assert_eq!(walked.iter().map(|(id, _)| *id).collect::<Vec<_>>(), ids);
		assert!(walked.iter().all(|(id, record)| Pledges::<Test>::get(id).as_ref() == Some(record)));
		assert_eq!(Pledging::pledges_page(ASSET, u32::MAX, u32::MAX), (vec![], 7));
		assert_eq!(Pledging::pledges_page(99, 0, 10), (vec![], 0));
	});
}

#[test]
fn a_page_never_reads_past_the_runtime_maximum() {
	new_test_ext().execute_with(|| {
		let first = propose_and_withdraw(ASSET, 1)[0];
		// More pledges than the maximum page, listed directly: the calls would take too long.
		let count = MAX_PLEDGES_PAGE + 5;
		for n in 0..count {
			AssetPledges::<Test>::insert(ASSET, n, first);
		}
		AssetPledgeCount::<Test>::insert(ASSET, count);
		let (page, total) = Pledging::pledges_page(ASSET, 2, u32::MAX);
		assert_eq!((page.len() as u32, total), (MAX_PLEDGES_PAGE, count));
	});
}

#[test]
fn a_history_read_stops_at_its_bound() {
	new_test_ext().execute_with(|| {
		let pledge = propose_and_withdraw(ASSET, 1)[0];
		assert_eq!(Pledging::history(pledge).len(), 2);
		let entry = History::<Test>::get(pledge, 0).unwrap();
		for n in 2..10 {
			History::<Test>::insert(pledge, n, entry.clone());
		}
		HistoryLen::<Test>::insert(pledge, 10);
		assert_eq!(Pledging::history(pledge).len() as u32, MAX_HISTORY);
	});
}
