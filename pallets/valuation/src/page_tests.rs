//! Tests of the paged read behind the runtime API's list of valuations.

use crate::{mock::*, pallet::*, runtime_api::MAX_VALUATIONS_PAGE, types::ValuationMethod};
use frame_support::assert_ok;

/// `APPRAISER` values `ASSET` `times` times; each supersedes the one before, and all stay listed.
fn revalue(times: u32) {
	for n in 0..times {
		assert_ok!(Valuation::submit(
			RuntimeOrigin::signed(APPRAISER),
			ASSET,
			100 + u128::from(n),
			ValuationMethod::Cost,
			[n as u8; 32],
			START_MS + 86_400_000,
		));
	}
}

#[test]
fn pages_walk_every_valuation_once_in_index_order() {
	new_test_ext().execute_with(|| {
		revalue(12);
		let all = Valuation::valuations(ASSET);
		assert_eq!(all.len(), 12);
		let mut walked = Vec::new();
		let mut start = 0;
		loop {
			let (page, count) = Valuation::valuations_page(ASSET, start, 5);
			assert_eq!(count, 12);
			assert!(page.len() <= 5);
			if page.is_empty() {
				break;
			}
			start += page.len() as u32;
			walked.extend(page);
		}
		assert_eq!(walked, all);
		assert_eq!(walked.iter().map(|v| v.value_fen).collect::<Vec<_>>(), (100..112).collect::<Vec<_>>());
		assert_eq!(Valuation::valuations_page(ASSET, 11, 5).0, all[11..].to_vec());
		assert_eq!(Valuation::valuations_page(ASSET, u32::MAX, u32::MAX), (vec![], 12));
		assert_eq!(Valuation::valuations_page(ASSET, 0, 0), (vec![], 12));
	})
}

#[test]
fn an_asset_without_valuations_has_an_empty_page() {
	new_test_ext().execute_with(|| {
		assert_eq!(Valuation::valuations_page(ASSET, 0, 10), (vec![], 0));
	})
}

#[test]
fn a_page_never_reads_past_the_runtime_maximum() {
	new_test_ext().execute_with(|| {
		revalue(1);
		// More valuations than the maximum page, written directly: the calls would take too long.
		let valuation = Valuations::<Test>::get(ASSET, 0).unwrap();
		let count = MAX_VALUATIONS_PAGE + 10;
		for index in 0..count {
			Valuations::<Test>::insert(ASSET, index, valuation.clone());
		}
		ValuationCount::<Test>::insert(ASSET, count);
		let (page, total) = Valuation::valuations_page(ASSET, 0, u32::MAX);
		assert_eq!((page.len() as u32, total), (MAX_VALUATIONS_PAGE, count));
	})
}
