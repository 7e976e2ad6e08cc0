//! Tests of `pallet-data-ip`.

use crate::{
	mock::*, types::certificate_no, Application, Asset, AssetStatus, Assets, CertificateIndex,
	DataSourceType, EffectiveStatus, Error, Event, NextAssetId, NextSerial,
};
use frame_support::{assert_noop, assert_ok};

const EVIDENCE: [u8; 32] = [7; 32];
const ORDER: [u8; 32] = [9; 32];
const REASON: [u8; 32] = [5; 32];

fn application(name_len: usize) -> Application<Vec<u8>> {
	Application {
		name: vec![b'd'; name_len],
		category: 42,
		source_type: DataSourceType::OwnCollection,
		structure_digest: [1; 32],
		sample_digest: [2; 32],
		rules_digest: [3; 32],
		row_root: Some([4; 32]),
	}
}

/// Applies as `HOLDER` for itself; returns the asset id.
fn apply() -> u64 {
	let asset = NextAssetId::<Test>::get();
	assert_ok!(DataIp::apply(RuntimeOrigin::signed(HOLDER), HOLDER, application(8)));
	asset
}

/// Applies, waits out the notice and approves; returns the asset id.
fn registered() -> u64 {
	let asset = apply();
	advance(NOTICE_MS);
	assert_ok!(DataIp::approve(RuntimeOrigin::signed(REGISTRAR), asset));
	asset
}

fn status(asset: u64) -> AssetStatus<u64> {
	Assets::<Test>::get(asset).unwrap().status
}

fn frozen(asset: u64) -> bool {
	Assets::<Test>::get(asset).unwrap().frozen
}

// ---- apply ----

#[test]
fn holder_applies_for_itself() {
	new_test_ext().execute_with(|| {
		assert_ok!(DataIp::apply(RuntimeOrigin::signed(HOLDER), HOLDER, application(MAX_NAME_LEN as usize)));
		assert_eq!(
			Assets::<Test>::get(0),
			Some(Asset {
				holder: HOLDER,
				application: Application {
					name: vec![b'd'; MAX_NAME_LEN as usize].try_into().unwrap(),
					category: 42,
					source_type: DataSourceType::OwnCollection,
					structure_digest: [1; 32],
					sample_digest: [2; 32],
					rules_digest: [3; 32],
					row_root: Some([4; 32]),
				},
				status: AssetStatus::UnderNotice { until_ms: START_MS + NOTICE_MS },
				applied_at_ms: START_MS,
				frozen: false,
			})
		);
		assert_eq!(NextAssetId::<Test>::get(), 1);
		System::assert_last_event(Event::Applied { asset: 0, holder: HOLDER }.into());
	});
}

#[test]
fn workstation_applies_for_holder() {
	new_test_ext().execute_with(|| {
		assert_ok!(DataIp::apply(RuntimeOrigin::signed(STATION), HOLDER, application(1)));
		assert_eq!(Assets::<Test>::get(0).unwrap().holder, HOLDER);
		System::assert_last_event(Event::Applied { asset: 0, holder: HOLDER }.into());
		// Ids count up.
		apply();
		System::assert_last_event(Event::Applied { asset: 1, holder: HOLDER }.into());
	});
}

#[test]
fn apply_refuses_wrong_signers() {
	new_test_ext().execute_with(|| {
		// Neither holder nor workstation.
		assert_noop!(
			DataIp::apply(RuntimeOrigin::signed(BANK), HOLDER, application(1)),
			Error::<Test>::NotWorkstationOrHolder
		);
		// Applying for oneself without the Holder role.
		assert_noop!(
			DataIp::apply(RuntimeOrigin::signed(BANK), BANK, application(1)),
			Error::<Test>::NotWorkstationOrHolder
		);
		// A workstation applying for an account that is not a holder.
		assert_noop!(
			DataIp::apply(RuntimeOrigin::signed(STATION), NOBODY, application(1)),
			Error::<Test>::NotWorkstationOrHolder
		);
		// A holder applying for another holder.
		assert_noop!(
			DataIp::apply(RuntimeOrigin::signed(HOLDER2), HOLDER, application(1)),
			Error::<Test>::NotWorkstationOrHolder
		);
	});
}

#[test]
fn apply_refuses_long_name() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			DataIp::apply(RuntimeOrigin::signed(HOLDER), HOLDER, application(MAX_NAME_LEN as usize + 1)),
			Error::<Test>::NameTooLong
		);
	});
}

// ---- object / resolve_objection ----

#[test]
fn object_and_dismiss_keeps_notice_end() {
	new_test_ext().execute_with(|| {
		let asset = apply();
		assert_ok!(DataIp::object(RuntimeOrigin::signed(BANK), asset, EVIDENCE));
		assert_eq!(status(asset), AssetStatus::Objected { until_ms: START_MS + NOTICE_MS, objector: BANK });
		System::assert_last_event(
			Event::Objected { asset, objector: BANK, evidence_digest: EVIDENCE }.into(),
		);

		assert_ok!(DataIp::resolve_objection(RuntimeOrigin::signed(REGISTRAR), asset, false));
		assert_eq!(status(asset), AssetStatus::UnderNotice { until_ms: START_MS + NOTICE_MS });
		System::assert_last_event(Event::ObjectionResolved { asset, upheld: false }.into());
	});
}

#[test]
fn upheld_objection_rejects() {
	new_test_ext().execute_with(|| {
		let asset = apply();
		assert_ok!(DataIp::object(RuntimeOrigin::signed(HOLDER2), asset, EVIDENCE));
		assert_ok!(DataIp::resolve_objection(RuntimeOrigin::signed(REGISTRAR), asset, true));
		assert_eq!(status(asset), AssetStatus::Rejected);
		System::assert_last_event(Event::ObjectionResolved { asset, upheld: true }.into());
		assert_eq!(DataIp::effective_status(asset, now()), Some(EffectiveStatus::Rejected));
	});
}

#[test]
fn object_errors() {
	new_test_ext().execute_with(|| {
		assert_noop!(DataIp::object(RuntimeOrigin::signed(BANK), 99, EVIDENCE), Error::<Test>::UnknownAsset);
		let asset = apply();
		assert_noop!(
			DataIp::object(RuntimeOrigin::signed(HOLDER), asset, EVIDENCE),
			Error::<Test>::CannotObjectOwn
		);
		assert_noop!(DataIp::object(RuntimeOrigin::signed(NOBODY), asset, EVIDENCE), Error::<Test>::NoRole);
		assert_ok!(DataIp::object(RuntimeOrigin::signed(BANK), asset, EVIDENCE));
		// Already objected.
		assert_noop!(
			DataIp::object(RuntimeOrigin::signed(HOLDER2), asset, EVIDENCE),
			Error::<Test>::WrongState
		);
	});
}

#[test]
fn resolve_objection_errors() {
	new_test_ext().execute_with(|| {
		let asset = apply();
		assert_noop!(
			DataIp::resolve_objection(RuntimeOrigin::signed(REGISTRAR), asset, true),
			Error::<Test>::WrongState
		);
		assert_ok!(DataIp::object(RuntimeOrigin::signed(BANK), asset, EVIDENCE));
		assert_noop!(
			DataIp::resolve_objection(RuntimeOrigin::signed(COURT), asset, true),
			Error::<Test>::NotRegistrar
		);
		assert_noop!(
			DataIp::resolve_objection(RuntimeOrigin::signed(REGISTRAR), 99, true),
			Error::<Test>::UnknownAsset
		);
	});
}

// ---- approve ----

#[test]
fn approve_issues_certificate() {
	new_test_ext().execute_with(|| {
		let asset = apply();
		advance(NOTICE_MS);
		assert_ok!(DataIp::approve(RuntimeOrigin::signed(REGISTRAR), asset));
		let no = *b"20261142010000001";
		let valid_from_ms = START_MS + NOTICE_MS;
		assert_eq!(
			status(asset),
			AssetStatus::Registered {
				certificate_no: no,
				valid_from_ms,
				valid_until_ms: valid_from_ms + VALIDITY_MS,
			}
		);
		assert_eq!(CertificateIndex::<Test>::get(no), Some(asset));
		assert_eq!(DataIp::asset_of_certificate(no), Some(asset));
		assert_eq!(NextSerial::<Test>::get(), 2);
		System::assert_last_event(Event::Registered { asset, certificate_no: no }.into());

		// The next certificate takes the next serial.
		let second = registered();
		let AssetStatus::Registered { certificate_no, .. } = status(second) else { panic!() };
		assert_eq!(&certificate_no, b"20261142010000002");
	});
}

#[test]
fn approve_errors() {
	new_test_ext().execute_with(|| {
		let asset = apply();
		assert_noop!(DataIp::approve(RuntimeOrigin::signed(REGISTRAR), asset), Error::<Test>::NoticeNotOver);
		advance(NOTICE_MS - 1);
		assert_noop!(DataIp::approve(RuntimeOrigin::signed(REGISTRAR), asset), Error::<Test>::NoticeNotOver);
		advance(1);
		assert_noop!(DataIp::approve(RuntimeOrigin::signed(HOLDER), asset), Error::<Test>::NotRegistrar);
		assert_noop!(DataIp::approve(RuntimeOrigin::signed(REGISTRAR), 99), Error::<Test>::UnknownAsset);
		// An objection blocks approval until resolved.
		assert_ok!(DataIp::object(RuntimeOrigin::signed(BANK), asset, EVIDENCE));
		assert_noop!(DataIp::approve(RuntimeOrigin::signed(REGISTRAR), asset), Error::<Test>::WrongState);
		assert_ok!(DataIp::resolve_objection(RuntimeOrigin::signed(REGISTRAR), asset, false));
		assert_ok!(DataIp::approve(RuntimeOrigin::signed(REGISTRAR), asset));
		// Approving twice.
		assert_noop!(DataIp::approve(RuntimeOrigin::signed(REGISTRAR), asset), Error::<Test>::WrongState);
	});
}

#[test]
fn approve_refuses_when_serials_exhausted() {
	new_test_ext().execute_with(|| {
		let asset = apply();
		advance(NOTICE_MS);
		NextSerial::<Test>::put(10_000_000);
		assert_noop!(DataIp::approve(RuntimeOrigin::signed(REGISTRAR), asset), Error::<Test>::Exhausted);
	});
}

#[test]
fn certificate_number_format() {
	// 2026-11-15T00:00:00Z.
	assert_eq!(&certificate_no(START_MS, 1), b"20261142010000001");
	// 1970-01-01T00:00:00Z.
	assert_eq!(&certificate_no(0, 9_999_999), b"19700142019999999");
	// 2024-02-29T23:59:59.999Z, a leap day, and the next millisecond in March.
	assert_eq!(&certificate_no(1_709_251_199_999, 123), b"20240242010000123");
	assert_eq!(&certificate_no(1_709_251_200_000, 123), b"20240342010000123");
	// 2025-12-31T23:59:59.999Z and the new year.
	assert_eq!(&certificate_no(1_767_225_599_999, 5), b"20251242010000005");
	assert_eq!(&certificate_no(1_767_225_600_000, 5), b"20260142010000005");
	// 2000-03-01T00:00:00Z, after a 400-year leap day.
	assert_eq!(&certificate_no(951_868_800_000, 1), b"20000342010000001");
}

// ---- withdraw ----

#[test]
fn withdraw_under_notice_and_objected() {
	new_test_ext().execute_with(|| {
		let asset = apply();
		assert_ok!(DataIp::withdraw(RuntimeOrigin::signed(HOLDER), asset));
		assert_eq!(status(asset), AssetStatus::Withdrawn);
		System::assert_last_event(Event::Withdrawn { asset }.into());

		let asset = apply();
		assert_ok!(DataIp::object(RuntimeOrigin::signed(BANK), asset, EVIDENCE));
		assert_ok!(DataIp::withdraw(RuntimeOrigin::signed(HOLDER), asset));
		assert_eq!(status(asset), AssetStatus::Withdrawn);
	});
}

#[test]
fn withdraw_errors() {
	new_test_ext().execute_with(|| {
		assert_noop!(DataIp::withdraw(RuntimeOrigin::signed(HOLDER), 99), Error::<Test>::UnknownAsset);
		let asset = apply();
		assert_noop!(DataIp::withdraw(RuntimeOrigin::signed(STATION), asset), Error::<Test>::NotHolder);
		assert_ok!(DataIp::freeze(RuntimeOrigin::signed(COURT), asset, ORDER));
		assert_noop!(DataIp::withdraw(RuntimeOrigin::signed(HOLDER), asset), Error::<Test>::Frozen);

		let asset = registered();
		assert_noop!(DataIp::withdraw(RuntimeOrigin::signed(HOLDER), asset), Error::<Test>::WrongState);
	});
}

// ---- transfer ----

#[test]
fn transfer_moves_holder() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		assert_ok!(DataIp::transfer(RuntimeOrigin::signed(HOLDER), asset, HOLDER2));
		assert_eq!(Assets::<Test>::get(asset).unwrap().holder, HOLDER2);
		System::assert_last_event(Event::Transferred { asset, from: HOLDER, to: HOLDER2 }.into());
		// The old holder has no say any more.
		assert_noop!(
			DataIp::transfer(RuntimeOrigin::signed(HOLDER), asset, HOLDER),
			Error::<Test>::NotHolder
		);
	});
}

#[test]
fn transfer_errors() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			DataIp::transfer(RuntimeOrigin::signed(HOLDER), 99, HOLDER2),
			Error::<Test>::UnknownAsset
		);
		let pending = apply();
		assert_noop!(
			DataIp::transfer(RuntimeOrigin::signed(HOLDER), pending, HOLDER2),
			Error::<Test>::WrongState
		);
		let asset = registered();
		assert_noop!(
			DataIp::transfer(RuntimeOrigin::signed(HOLDER2), asset, HOLDER2),
			Error::<Test>::NotHolder
		);
		assert_noop!(
			DataIp::transfer(RuntimeOrigin::signed(HOLDER), asset, BANK),
			Error::<Test>::RecipientNotHolder
		);
		advance(VALIDITY_MS);
		assert_noop!(DataIp::transfer(RuntimeOrigin::signed(HOLDER), asset, HOLDER2), Error::<Test>::Expired);
	});
}

// ---- cancel ----

#[test]
fn cancel_registration() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		assert_ok!(DataIp::cancel(RuntimeOrigin::signed(HOLDER), asset));
		assert_eq!(status(asset), AssetStatus::Cancelled);
		System::assert_last_event(Event::Cancelled { asset }.into());
		assert_eq!(DataIp::effective_status(asset, now()), Some(EffectiveStatus::Cancelled));
		// Cancelling twice.
		assert_noop!(DataIp::cancel(RuntimeOrigin::signed(HOLDER), asset), Error::<Test>::WrongState);
	});
}

#[test]
fn cancel_errors() {
	new_test_ext().execute_with(|| {
		assert_noop!(DataIp::cancel(RuntimeOrigin::signed(HOLDER), 99), Error::<Test>::UnknownAsset);
		let pending = apply();
		assert_noop!(DataIp::cancel(RuntimeOrigin::signed(HOLDER), pending), Error::<Test>::WrongState);
		let asset = registered();
		assert_noop!(DataIp::cancel(RuntimeOrigin::signed(HOLDER2), asset), Error::<Test>::NotHolder);
	});
}

// ---- revoke ----

#[test]
fn revoke_registration() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		// A freeze does not stop the registrar.
		assert_ok!(DataIp::freeze(RuntimeOrigin::signed(COURT), asset, ORDER));
		assert_ok!(DataIp::revoke(RuntimeOrigin::signed(REGISTRAR), asset, REASON));
		assert_eq!(status(asset), AssetStatus::Revoked { reason_digest: REASON });
		System::assert_last_event(Event::Revoked { asset, reason_digest: REASON }.into());
		assert_eq!(DataIp::effective_status(asset, now()), Some(EffectiveStatus::Revoked));
		// The certificate still resolves to the asset, now revoked.
		assert_eq!(CertificateIndex::<Test>::get(*b"20261142010000001"), Some(asset));
	});
}

#[test]
fn revoke_errors() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			DataIp::revoke(RuntimeOrigin::signed(REGISTRAR), 99, REASON),
			Error::<Test>::UnknownAsset
		);
		let pending = apply();
		assert_noop!(
			DataIp::revoke(RuntimeOrigin::signed(REGISTRAR), pending, REASON),
			Error::<Test>::WrongState
		);
		let asset = registered();
		assert_noop!(
			DataIp::revoke(RuntimeOrigin::signed(COURT), asset, REASON),
			Error::<Test>::NotRegistrar
		);
	});
}

// ---- freeze / unfreeze ----

#[test]
fn freeze_blocks_transfer_and_cancel_until_unfrozen() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		assert_ok!(DataIp::freeze(RuntimeOrigin::signed(COURT), asset, ORDER));
		assert!(frozen(asset));
		System::assert_last_event(Event::Frozen { asset, order_digest: ORDER }.into());

		assert_noop!(DataIp::transfer(RuntimeOrigin::signed(HOLDER), asset, HOLDER2), Error::<Test>::Frozen);
		assert_noop!(DataIp::cancel(RuntimeOrigin::signed(HOLDER), asset), Error::<Test>::Frozen);

		assert_ok!(DataIp::unfreeze(RuntimeOrigin::signed(COURT), asset, ORDER));
		assert!(!frozen(asset));
		System::assert_last_event(Event::Unfrozen { asset, order_digest: ORDER }.into());
		assert_ok!(DataIp::transfer(RuntimeOrigin::signed(HOLDER), asset, HOLDER2));
		assert_ok!(DataIp::cancel(RuntimeOrigin::signed(HOLDER2), asset));
	});
}

#[test]
fn freeze_errors() {
	new_test_ext().execute_with(|| {
		assert_noop!(DataIp::freeze(RuntimeOrigin::signed(COURT), 99, ORDER), Error::<Test>::UnknownAsset);
		let asset = registered();
		assert_noop!(DataIp::freeze(RuntimeOrigin::signed(REGISTRAR), asset, ORDER), Error::<Test>::NotCourt);
		assert_noop!(DataIp::unfreeze(RuntimeOrigin::signed(COURT), asset, ORDER), Error::<Test>::NotFrozen);
		assert_ok!(DataIp::freeze(RuntimeOrigin::signed(COURT), asset, ORDER));
		assert_noop!(
			DataIp::freeze(RuntimeOrigin::signed(COURT), asset, ORDER),
			Error::<Test>::AlreadyFrozen
		);
		assert_noop!(DataIp::unfreeze(RuntimeOrigin::signed(HOLDER), asset, ORDER), Error::<Test>::NotCourt);
		assert_noop!(DataIp::unfreeze(RuntimeOrigin::signed(COURT), 99, ORDER), Error::<Test>::UnknownAsset);
	});
}

// ---- effective status ----

#[test]
fn expiry_is_derived_not_stored() {
	new_test_ext().execute_with(|| {
		assert_eq!(DataIp::effective_status(0, now()), None);
		let asset = apply();
		assert_eq!(DataIp::effective_status(asset, now()), Some(EffectiveStatus::UnderNotice));
		assert_ok!(DataIp::object(RuntimeOrigin::signed(BANK), asset, EVIDENCE));
		assert_eq!(DataIp::effective_status(asset, now()), Some(EffectiveStatus::Objected));
		assert_ok!(DataIp::resolve_objection(RuntimeOrigin::signed(REGISTRAR), asset, false));
		advance(NOTICE_MS);
		assert_ok!(DataIp::approve(RuntimeOrigin::signed(REGISTRAR), asset));

		let valid_until = now() + VALIDITY_MS;
		assert_eq!(DataIp::effective_status(asset, valid_until - 1), Some(EffectiveStatus::Registered));
		assert_eq!(DataIp::effective_status(asset, valid_until), Some(EffectiveStatus::Expired));
		// Storage still says Registered; only the reading changes.
		assert!(matches!(status(asset), AssetStatus::Registered { .. }));

		let withdrawn = apply();
		assert_ok!(DataIp::withdraw(RuntimeOrigin::signed(HOLDER), withdrawn));
		assert_eq!(DataIp::effective_status(withdrawn, now()), Some(EffectiveStatus::Withdrawn));
	});
}

#[test]
fn unsigned_origins_are_refused() {
	new_test_ext().execute_with(|| {
		let asset = apply();
		assert_noop!(DataIp::approve(RuntimeOrigin::none(), asset), sp_runtime::DispatchError::BadOrigin);
		assert_noop!(
			DataIp::freeze(RuntimeOrigin::root(), asset, ORDER),
			sp_runtime::DispatchError::BadOrigin
		);
	});
}
