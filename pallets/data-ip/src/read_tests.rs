//! Tests of the bounded reads behind the runtime API: history pages, certificates, and the migration
//! that gives ended registrations their [`Endings`] record.

use crate::tests::registered;
use crate::{mock::*, pallet::*, CertificateState, Ending, Registration};
use frame_support::assert_ok;

const ORDER: [u8; 32] = [9; 32];
const REASON: [u8; 32] = [5; 32];
/// An asset id nothing was ever stored under.
const MISSING: u64 = 99;

/// The registration of an approved asset.
fn registration_of(asset: u64) -> Registration {
	Assets::<Test>::get(asset).unwrap().status.registration().expect("registered")
}

/// Freezes and lifts a freeze `times` times: two history entries each.
fn freeze_and_lift(asset: u64, times: u32) {
	for _ in 0..times {
		assert_ok!(DataIp::freeze(RuntimeOrigin::signed(COURT), asset, ORDER, None));
		assert_ok!(DataIp::unfreeze(RuntimeOrigin::signed(COURT), asset, ORDER));
	}
}

#[test]
fn history_pages_walk_every_entry_once_and_report_the_length() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		freeze_and_lift(asset, 10);
		let len = HistoryLen::<Test>::get(asset);
		assert_eq!(len, 22);
		let all = DataIp::history(asset, 0, u32::MAX);

		let mut walked = Vec::new();
		let mut start = 0;
		while start < len {
			let (page, total) = DataIp::history_page(asset, start, 5).unwrap();
			assert_eq!(total, len);
			assert!(!page.is_empty() && page.len() <= 5);
			start += page.len() as u32;
			walked.extend(page);
		}
		assert_eq!(walked, all);
		assert_eq!(DataIp::history_page(asset, len, 5), Some((vec![], len)));
		assert_eq!(DataIp::history_page(asset, u32::MAX, u32::MAX), Some((vec![], len)));
		assert_eq!(DataIp::history_page(MISSING, 0, 5), None);
	});
}

#[test]
fn a_history_page_never_reads_past_the_runtime_maximum() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		// More entries than the maximum page, written directly: the calls would take too long.
		let entry = DataIp::history(asset, 0, 1).pop().unwrap();
		let len = crate::runtime_api::MAX_HISTORY_PAGE + 10;
		for index in 0..len {
			History::<Test>::insert(asset, index, entry.clone());
		}
		HistoryLen::<Test>::insert(asset, len);
		let (page, total) = DataIp::history_page(asset, 3, u32::MAX).unwrap();
		assert_eq!((page.len() as u32, total), (crate::runtime_api::MAX_HISTORY_PAGE, len));
	});
}

#[test]
fn a_live_certificate_is_valid_then_frozen_then_expired() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		let registration = registration_of(asset);
		let info = DataIp::certificate_info(registration.certificate_no, None).unwrap();
		assert_eq!(
			(info.asset, info.holder, info.registration, info.state, info.frozen, info.ended),
			(asset, HOLDER, registration, CertificateState::Valid, false, None)
		);
		assert_eq!(info.evaluated_at_ms, now());

		assert_ok!(DataIp::freeze(RuntimeOrigin::signed(COURT), asset, ORDER, None));
		let info = DataIp::certificate_info(registration.certificate_no, None).unwrap();
		assert_eq!((info.state, info.frozen), (CertificateState::Frozen, true));

		// Expiry takes precedence over a freeze; a time given is the time judged at.
		let at_end = registration.valid_until_ms;
		let info = DataIp::certificate_info(registration.certificate_no, Some(at_end)).unwrap();
		assert_eq!((info.state, info.evaluated_at_ms), (CertificateState::Expired, at_end));
		let before = DataIp::certificate_info(registration.certificate_no, Some(at_end - 1)).unwrap();
		assert_eq!(before.state, CertificateState::Frozen);
	});
}

#[test]
fn a_cancelled_certificate_keeps_its_renewed_registration_and_its_end() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		advance(VALIDITY_MS - RENEWAL_WINDOW_MS);
		assert_ok!(DataIp::renew(RuntimeOrigin::signed(HOLDER), asset));
		let registration = registration_of(asset);
		freeze_and_lift(asset, 3);
		System::set_block_number(7);
		advance(5);
		assert_ok!(DataIp::cancel(RuntimeOrigin::signed(HOLDER), asset));
		let ending = Ending { registration, at_ms: now(), block: 7 };
		assert_eq!(Endings::<Test>::get(asset), Some(ending.clone()));

		// Cancelled stays cancelled after the validity would have ended.
		let later = registration.valid_until_ms + 1;
		let info = DataIp::certificate_info(registration.certificate_no, Some(later)).unwrap();
		assert_eq!(
			(info.state, info.registration, info.ended),
			(CertificateState::Cancelled, registration, Some((ending.at_ms, 7)))
		);
	});
}

#[test]
fn a_revoked_certificate_is_revoked_and_may_still_be_frozen() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		let registration = registration_of(asset);
		assert_ok!(DataIp::freeze(RuntimeOrigin::signed(COURT), asset, ORDER, None));
		assert_ok!(DataIp::revoke(RuntimeOrigin::signed(REGISTRAR), asset, REASON));
		let info = DataIp::certificate_info(registration.certificate_no, None).unwrap();
		assert_eq!(
			(info.state, info.frozen, info.registration, info.ended),
			(CertificateState::Revoked, true, registration, Some((now(), 1)))
		);
	});
}

#[test]
fn an_unknown_certificate_has_no_info_and_refusals_keep_no_ending() {
	new_test_ext().execute_with(|| {
		assert_eq!(DataIp::certificate_info(*b"20261142019999999", None), None);
		let asset = registered();
		assert_ok!(DataIp::freeze(RuntimeOrigin::signed(COURT), asset, ORDER, None));
		// A frozen asset cannot be cancelled, and the refused call leaves nothing behind.
		assert!(DataIp::cancel(RuntimeOrigin::signed(HOLDER), asset).is_err());
		assert_eq!(Endings::<Test>::get(asset), None);
	});
}

mod migration_v1 {
	use super::*;
	use crate::migration::v1::MigrateToV1;
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

	#[test]
	fn version_0_ended_registrations_get_their_ending_from_history() {
		new_test_ext().execute_with(|| {
			let cancelled = registered();
			advance(VALIDITY_MS - RENEWAL_WINDOW_MS);
			assert_ok!(DataIp::renew(RuntimeOrigin::signed(HOLDER), cancelled));
			freeze_and_lift(cancelled, 2);
			System::set_block_number(3);
			assert_ok!(DataIp::cancel(RuntimeOrigin::signed(HOLDER), cancelled));
			let revoked = registered();
			assert_ok!(DataIp::revoke(RuntimeOrigin::signed(REGISTRAR), revoked, REASON));
			let live = registered();
			let written = [cancelled, revoked].map(|asset| Endings::<Test>::get(asset).unwrap());
			let certificate = written[0].registration.certificate_no;
			// Version 0 state: no endings kept.
			let _ = Endings::<Test>::clear(u32::MAX, None);
			StorageVersion::new(0).put::<DataIp>();

			MigrateToV1::<Test>::on_runtime_upgrade();

			assert_eq!(DataIp::on_chain_storage_version(), StorageVersion::new(1));
			assert_eq!([cancelled, revoked].map(Endings::<Test>::get), written.map(Some));
			assert_eq!(Endings::<Test>::get(live), None);
			assert_eq!(
				DataIp::certificate_info(certificate, None).unwrap().state,
				CertificateState::Cancelled
			);
		});
	}

	#[test]
	fn a_new_chain_starts_at_version_1() {
		new_test_ext().execute_with(|| {
			assert_eq!(DataIp::on_chain_storage_version(), StorageVersion::new(1));
		});
	}
}
