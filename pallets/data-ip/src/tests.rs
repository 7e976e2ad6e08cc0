//! Tests of `pallet-data-ip`.

use crate::{mock::*, numbers, pallet::*, types::*};
use frame_support::{assert_noop, assert_ok};
use iprchain_primitives::{HashAlgo, Role};
use sp_runtime::{DispatchError, DispatchResult};

const ORDER: [u8; 32] = [9; 32];
const LIFT: [u8; 32] = [10; 32];
const REASON: [u8; 32] = [5; 32];
const MAX: usize = MAX_TEXT_LEN as usize;
/// An asset id nothing was ever stored under.
const MISSING: u64 = 99;

// ---- helpers ----

/// A valid application: own collection, so no source evidence is needed, and no further evidence.
pub(super) fn application() -> ApplicationInput {
	Application {
		name: b"traffic flows".to_vec(),
		category: 42,
		source_type: DataSourceType::OwnCollection,
		source_evidence: None,
		holder_type: HolderType::LegalPerson,
		scale: b"1.2m rows".to_vec(),
		format: b"CSV".to_vec(),
		update_frequency: UpdateFrequency::Daily,
		structure_digest: [1; 32],
		sample_digest: [2; 32],
		rules_digest: [3; 32],
		row_root: Some([4; 32]),
		evidence: vec![],
	}
}

/// A second, different valid application, for changes.
fn changed_application() -> ApplicationInput {
	Application {
		name: b"traffic v2".to_vec(),
		source_type: DataSourceType::Purchased,
		source_evidence: Some(deposited(20)),
		scale: b"2m rows".to_vec(),
		update_frequency: UpdateFrequency::Weekly,
		evidence: vec![deposited(21)],
		..application()
	}
}

/// `input` as the pallet stores it.
fn bounded(input: ApplicationInput) -> ApplicationOf<Test> {
	Application {
		name: input.name.try_into().unwrap(),
		category: input.category,
		source_type: input.source_type,
		source_evidence: input.source_evidence,
		holder_type: input.holder_type,
		scale: input.scale.try_into().unwrap(),
		format: input.format.try_into().unwrap(),
		update_frequency: input.update_frequency,
		structure_digest: input.structure_digest,
		sample_digest: input.sample_digest,
		rules_digest: input.rules_digest,
		row_root: input.row_root,
		evidence: input.evidence.try_into().unwrap(),
	}
}

/// SHA-256 evidence that was never deposited.
fn undeposited(byte: u8) -> EvidenceRef {
	EvidenceRef { algo: HashAlgo::Sha256, digest: [byte; 32] }
}

fn apply_as(who: u64, holder: u64, application: ApplicationInput) -> DispatchResult {
	DataIp::apply(RuntimeOrigin::signed(who), holder, application)
}

/// Applies as `HOLDER` for itself; returns the asset id.
fn apply() -> u64 {
	let asset = NextAssetId::<Test>::get();
	assert_ok!(apply_as(HOLDER, HOLDER, application()));
	asset
}

fn approve(asset: u64) -> DispatchResult {
	DataIp::approve(RuntimeOrigin::signed(REGISTRAR), asset)
}

/// Applies, waits out the notice and approves; returns the asset id. The clock ends at the approval.
pub(super) fn registered() -> u64 {
	let asset = apply();
	advance(NOTICE_MS);
	assert_ok!(approve(asset));
	asset
}

/// An objection by `BANK` to `asset`.
fn object(asset: u64) -> DispatchResult {
	DataIp::object(RuntimeOrigin::signed(BANK), asset, deposited(30))
}

fn freeze(asset: u64, until_ms: Option<u64>) -> DispatchResult {
	DataIp::freeze(RuntimeOrigin::signed(COURT), asset, ORDER, until_ms)
}

fn unfreeze(asset: u64) -> DispatchResult {
	DataIp::unfreeze(RuntimeOrigin::signed(COURT), asset, LIFT)
}

fn withdraw(asset: u64) -> DispatchResult {
	DataIp::withdraw(RuntimeOrigin::signed(HOLDER), asset)
}

fn transfer(asset: u64, to: u64) -> DispatchResult {
	DataIp::transfer(RuntimeOrigin::signed(HOLDER), asset, to)
}

fn cancel(asset: u64) -> DispatchResult {
	DataIp::cancel(RuntimeOrigin::signed(HOLDER), asset)
}

fn revoke(asset: u64) -> DispatchResult {
	DataIp::revoke(RuntimeOrigin::signed(REGISTRAR), asset, REASON)
}

fn change(asset: u64, application: ApplicationInput) -> DispatchResult {
	DataIp::change(RuntimeOrigin::signed(HOLDER), asset, application)
}

fn renew(asset: u64) -> DispatchResult {
	DataIp::renew(RuntimeOrigin::signed(HOLDER), asset)
}

/// A licence by `HOLDER` of `asset` to `licensee`, scope "CN".
fn license(asset: u64, licensee: u64, kind: LicenceKind, start_ms: u64, end_ms: u64) -> DispatchResult {
	DataIp::license(RuntimeOrigin::signed(HOLDER), asset, licensee, kind, b"CN".to_vec(), start_ms, end_ms)
}

fn stored(asset: u64) -> AssetOf<Test> {
	Assets::<Test>::get(asset).expect("asset stored")
}

fn status(asset: u64) -> AssetStatus<u64> {
	stored(asset).status
}

fn valid_until(asset: u64) -> u64 {
	match status(asset) {
		AssetStatus::Registered { valid_until_ms, .. } => valid_until_ms,
		other => panic!("not registered: {other:?}"),
	}
}

fn numbers_of(asset: u64) -> (CertificateNo, RegistrationNo) {
	match status(asset) {
		AssetStatus::Registered { certificate_no, registration_no, .. } => (certificate_no, registration_no),
		other => panic!("not registered: {other:?}"),
	}
}

/// Asserts that the newest history entry of `asset` is `action` by `actor`, now, in this block.
fn assert_last_history(asset: u64, actor: u64, action: Action<u64>) {
	let len = HistoryLen::<Test>::get(asset);
	assert!(len > 0, "no history");
	assert_eq!(
		History::<Test>::get(asset, len - 1),
		Some(HistoryEntry { block: System::block_number(), at_ms: now(), actor, action })
	);
}

// ---- apply ----

#[test]
fn holder_applies_for_itself() {
	new_test_ext().execute_with(|| {
		assert_ok!(apply_as(HOLDER, HOLDER, application()));

		assert_eq!(
			Assets::<Test>::get(0),
			Some(Asset {
				holder: HOLDER,
				application: bounded(application()),
				version: 0,
				status: AssetStatus::UnderNotice { until_ms: START_MS + NOTICE_MS },
				applied_at_ms: START_MS,
				freeze: None,
			})
		);
		assert_eq!(NextAssetId::<Test>::get(), 1);
		System::assert_last_event(
			Event::Applied { asset: 0, holder: HOLDER, notice_until_ms: START_MS + NOTICE_MS }.into(),
		);
		assert_eq!(HistoryLen::<Test>::get(0), 1);
		assert_eq!(
			History::<Test>::get(0, 0),
			Some(HistoryEntry {
				block: 1,
				at_ms: START_MS,
				actor: HOLDER,
				action: Action::Applied { holder: HOLDER }
			})
		);
		assert_eq!(DataIp::effective_status(0, now()), Some(EffectiveStatus::UnderNotice));
	});
}

#[test]
fn workstation_applies_for_holder() {
	new_test_ext().execute_with(|| {
		assert_ok!(apply_as(STATION, HOLDER, application()));

		let asset = stored(0);
		assert_eq!(asset.holder, HOLDER);
		assert_eq!(asset.status, AssetStatus::UnderNotice { until_ms: START_MS + NOTICE_MS });
		System::assert_last_event(
			Event::Applied { asset: 0, holder: HOLDER, notice_until_ms: START_MS + NOTICE_MS }.into(),
		);
		// The history names the workstation as the one who acted, for the holder.
		assert_last_history(0, STATION, Action::Applied { holder: HOLDER });
	});
}

#[test]
fn asset_ids_count_up() {
	new_test_ext().execute_with(|| {
		assert_eq!(apply(), 0);
		assert_eq!(apply(), 1);
		assert_eq!(NextAssetId::<Test>::get(), 2);
		System::assert_last_event(
			Event::Applied { asset: 1, holder: HOLDER, notice_until_ms: START_MS + NOTICE_MS }.into(),
		);
		// Each asset has its own history.
		assert_eq!(HistoryLen::<Test>::get(0), 1);
		assert_eq!(HistoryLen::<Test>::get(1), 1);
	});
}

#[test]
fn apply_stores_cited_evidence() {
	new_test_ext().execute_with(|| {
		let input = Application {
			source_type: DataSourceType::Licensed,
			source_evidence: Some(deposited(10)),
			evidence: vec![deposited(11), deposited(12), deposited(13)],
			..application()
		};
		assert_ok!(apply_as(HOLDER, HOLDER, input.clone()));
		assert_eq!(stored(0).application, bounded(input.clone()));
		assert_eq!(DataIp::application_version(0, 0), Some(input));
	});
}

#[test]
fn apply_accepts_text_of_exactly_max_len() {
	new_test_ext().execute_with(|| {
		let input = Application {
			name: vec![b'n'; MAX],
			scale: vec![b's'; MAX],
			format: vec![b'f'; MAX],
			..application()
		};
		assert_ok!(apply_as(HOLDER, HOLDER, input.clone()));
		assert_eq!(stored(0).application, bounded(input));
	});
}

#[test]
fn apply_refuses_name_too_long() {
	new_test_ext().execute_with(|| {
		let input = Application { name: vec![b'n'; MAX + 1], ..application() };
		assert_noop!(apply_as(HOLDER, HOLDER, input), Error::<Test>::NameTooLong);
	});
}

#[test]
fn apply_refuses_scale_too_long() {
	new_test_ext().execute_with(|| {
		let input = Application { scale: vec![b's'; MAX + 1], ..application() };
		assert_noop!(apply_as(HOLDER, HOLDER, input), Error::<Test>::ScaleTooLong);
	});
}

#[test]
fn apply_refuses_format_too_long() {
	new_test_ext().execute_with(|| {
		let input = Application { format: vec![b'f'; MAX + 1], ..application() };
		assert_noop!(apply_as(HOLDER, HOLDER, input), Error::<Test>::FormatTooLong);
	});
}

#[test]
fn apply_refuses_too_many_evidence_refs() {
	new_test_ext().execute_with(|| {
		let refs: Vec<_> = (0..=MAX_EVIDENCE_REFS as u8).map(deposited).collect();
		let input = Application { evidence: refs, ..application() };
		assert_noop!(apply_as(HOLDER, HOLDER, input), Error::<Test>::TooManyEvidenceRefs);
	});
}

#[test]
fn apply_accepts_max_evidence_refs() {
	new_test_ext().execute_with(|| {
		let refs: Vec<_> = (0..MAX_EVIDENCE_REFS as u8).map(deposited).collect();
		assert_ok!(apply_as(HOLDER, HOLDER, Application { evidence: refs.clone(), ..application() }));
		assert_eq!(stored(0).application.evidence.into_inner(), refs);
	});
}

#[test]
fn apply_refuses_undeposited_evidence_ref() {
	new_test_ext().execute_with(|| {
		let input = Application { evidence: vec![deposited(11), undeposited(12)], ..application() };
		assert_noop!(apply_as(HOLDER, HOLDER, input), Error::<Test>::UnknownEvidence);
	});
}

#[test]
fn apply_refuses_undeposited_source_evidence() {
	new_test_ext().execute_with(|| {
		let input = Application {
			source_type: DataSourceType::Licensed,
			source_evidence: Some(undeposited(10)),
			..application()
		};
		assert_noop!(apply_as(HOLDER, HOLDER, input), Error::<Test>::UnknownEvidence);
	});
}

#[test]
fn evidence_counts_only_under_its_own_hash_algorithm() {
	new_test_ext().execute_with(|| {
		let sha = deposited(11);
		let sm3 = EvidenceRef { algo: HashAlgo::Sm3, digest: sha.digest };
		let input = Application { evidence: vec![sm3], ..application() };
		assert_noop!(apply_as(HOLDER, HOLDER, input), Error::<Test>::UnknownEvidence);
	});
}

#[test]
fn licensed_and_purchased_data_need_source_evidence() {
	new_test_ext().execute_with(|| {
		for source_type in [DataSourceType::Licensed, DataSourceType::Purchased] {
			let input = Application { source_type, source_evidence: None, ..application() };
			assert_noop!(apply_as(HOLDER, HOLDER, input), Error::<Test>::SourceEvidenceRequired);

			let input = Application { source_type, source_evidence: Some(deposited(10)), ..application() };
			assert_ok!(apply_as(HOLDER, HOLDER, input));
		}
		assert_eq!(NextAssetId::<Test>::get(), 2);
	});
}

#[test]
fn own_and_public_data_need_no_source_evidence() {
	new_test_ext().execute_with(|| {
		for source_type in [DataSourceType::OwnCollection, DataSourceType::Public] {
			let input = Application { source_type, source_evidence: None, ..application() };
			assert_ok!(apply_as(HOLDER, HOLDER, input));
		}
		assert_eq!(stored(1).application.source_type, DataSourceType::Public);
		assert_eq!(NextAssetId::<Test>::get(), 2);
	});
}

#[test]
fn apply_refuses_signer_without_a_role() {
	new_test_ext().execute_with(|| {
		assert_noop!(apply_as(NOBODY, HOLDER, application()), Error::<Test>::NotWorkstationOrHolder);
		assert_noop!(apply_as(NOBODY, NOBODY, application()), Error::<Test>::NotWorkstationOrHolder);
	});
}

#[test]
fn apply_refuses_workstation_for_a_non_holder() {
	new_test_ext().execute_with(|| {
		assert_noop!(apply_as(STATION, NOBODY, application()), Error::<Test>::NotWorkstationOrHolder);
		assert_noop!(apply_as(STATION, BANK, application()), Error::<Test>::NotWorkstationOrHolder);
		// Nor for itself: a workstation is not a holder.
		assert_noop!(apply_as(STATION, STATION, application()), Error::<Test>::NotWorkstationOrHolder);
	});
}

#[test]
fn apply_refuses_holder_for_another_holder() {
	new_test_ext().execute_with(|| {
		assert_noop!(apply_as(HOLDER2, HOLDER, application()), Error::<Test>::NotWorkstationOrHolder);
	});
}

#[test]
fn apply_refuses_signers_neither_holder_nor_workstation() {
	new_test_ext().execute_with(|| {
		assert_noop!(apply_as(BANK, BANK, application()), Error::<Test>::NotWorkstationOrHolder);
		assert_noop!(apply_as(BANK, HOLDER, application()), Error::<Test>::NotWorkstationOrHolder);
		assert_noop!(apply_as(REGISTRAR, HOLDER, application()), Error::<Test>::NotWorkstationOrHolder);
	});
}

#[test]
fn apply_refuses_when_asset_ids_are_exhausted() {
	new_test_ext().execute_with(|| {
		NextAssetId::<Test>::put(u64::MAX);
		assert_noop!(apply_as(HOLDER, HOLDER, application()), Error::<Test>::Exhausted);
	});
}

#[test]
fn unsigned_and_root_origins_cannot_call_signed_calls() {
	new_test_ext().execute_with(|| {
		let asset = apply();
		assert_noop!(DataIp::apply(RuntimeOrigin::none(), HOLDER, application()), DispatchError::BadOrigin);
		assert_noop!(DataIp::approve(RuntimeOrigin::root(), asset), DispatchError::BadOrigin);
		assert_noop!(DataIp::freeze(RuntimeOrigin::root(), asset, ORDER, None), DispatchError::BadOrigin);
	});
}

// ---- unknown assets and wrong signers, for every call ----

#[test]
fn every_call_refuses_an_unknown_asset() {
	new_test_ext().execute_with(|| {
		// An asset exists, just not under this id.
		registered();
		let evidence = deposited(30);
		let end = now() + 100;
		let reg = RuntimeOrigin::signed(REGISTRAR);
		let court = RuntimeOrigin::signed(COURT);
		assert_noop!(
			DataIp::object(RuntimeOrigin::signed(BANK), MISSING, evidence),
			Error::<Test>::UnknownAsset
		);
		assert_noop!(DataIp::resolve_objection(reg.clone(), MISSING, true), Error::<Test>::UnknownAsset);
		assert_noop!(DataIp::approve(reg.clone(), MISSING), Error::<Test>::UnknownAsset);
		assert_noop!(withdraw(MISSING), Error::<Test>::UnknownAsset);
		assert_noop!(transfer(MISSING, HOLDER2), Error::<Test>::UnknownAsset);
		assert_noop!(cancel(MISSING), Error::<Test>::UnknownAsset);
		assert_noop!(DataIp::revoke(reg, MISSING, REASON), Error::<Test>::UnknownAsset);
		assert_noop!(DataIp::freeze(court.clone(), MISSING, ORDER, None), Error::<Test>::UnknownAsset);
		assert_noop!(DataIp::unfreeze(court, MISSING, LIFT), Error::<Test>::UnknownAsset);
		assert_noop!(change(MISSING, application()), Error::<Test>::UnknownAsset);
		assert_noop!(
			license(MISSING, BANK, LicenceKind::NonExclusive, now(), end),
			Error::<Test>::UnknownAsset
		);
		assert_noop!(renew(MISSING), Error::<Test>::UnknownAsset);
	});
}

#[test]
fn holder_calls_refuse_other_signers() {
	new_test_ext().execute_with(|| {
		let pending = apply();
		let asset = registered();
		set_now(valid_until(asset) - 1);
		for who in [HOLDER2, STATION, REGISTRAR, NOBODY] {
			let origin = RuntimeOrigin::signed(who);
			assert_noop!(DataIp::withdraw(origin.clone(), pending), Error::<Test>::NotHolder);
			assert_noop!(DataIp::transfer(origin.clone(), asset, HOLDER2), Error::<Test>::NotHolder);
			assert_noop!(DataIp::cancel(origin.clone(), asset), Error::<Test>::NotHolder);
			assert_noop!(DataIp::change(origin.clone(), asset, application()), Error::<Test>::NotHolder);
			assert_noop!(
				DataIp::license(origin.clone(), asset, BANK, LicenceKind::Sole, vec![], now(), now() + 1),
				Error::<Test>::NotHolder
			);
			assert_noop!(DataIp::renew(origin, asset), Error::<Test>::NotHolder);
		}
	});
}

#[test]
fn registrar_calls_refuse_other_signers() {
	new_test_ext().execute_with(|| {
		let objected = apply();
		assert_ok!(object(objected));
		let pending = apply();
		advance(NOTICE_MS);
		let asset = apply();
		advance(NOTICE_MS);
		assert_ok!(approve(asset));
		for who in [HOLDER, STATION, COURT, BANK, NOBODY] {
			let origin = RuntimeOrigin::signed(who);
			assert_noop!(
				DataIp::resolve_objection(origin.clone(), objected, false),
				Error::<Test>::NotRegistrar
			);
			assert_noop!(DataIp::approve(origin.clone(), pending), Error::<Test>::NotRegistrar);
			assert_noop!(DataIp::revoke(origin, asset, REASON), Error::<Test>::NotRegistrar);
		}
	});
}

#[test]
fn court_calls_refuse_other_signers() {
	new_test_ext().execute_with(|| {
		let open = registered();
		let frozen = registered();
		assert_ok!(freeze(frozen, None));
		for who in [HOLDER, STATION, REGISTRAR, BANK, NOBODY] {
			let origin = RuntimeOrigin::signed(who);
			assert_noop!(DataIp::freeze(origin.clone(), open, ORDER, None), Error::<Test>::NotCourt);
			assert_noop!(DataIp::unfreeze(origin, frozen, LIFT), Error::<Test>::NotCourt);
		}
	});
}

// ---- object ----

#[test]
fn objection_holds_the_application() {
	new_test_ext().execute_with(|| {
		let asset = apply();
		advance(300);
		let evidence = deposited(30);
		assert_ok!(DataIp::object(RuntimeOrigin::signed(BANK), asset, evidence));

		assert_eq!(status(asset), AssetStatus::Objected { until_ms: START_MS + NOTICE_MS, objector: BANK });
		System::assert_last_event(Event::Objected { asset, objector: BANK, evidence }.into());
		assert_eq!(HistoryLen::<Test>::get(asset), 2);
		assert_last_history(asset, BANK, Action::Objected { evidence });
		assert_eq!(DataIp::effective_status(asset, now()), Some(EffectiveStatus::Objected));
	});
}

#[test]
fn any_other_role_may_object() {
	new_test_ext().execute_with(|| {
		for objector in [HOLDER2, STATION, REGISTRAR, COURT, BANK] {
			let asset = apply();
			assert_ok!(DataIp::object(RuntimeOrigin::signed(objector), asset, deposited(30)));
			assert_eq!(status(asset), AssetStatus::Objected { until_ms: now() + NOTICE_MS, objector });
		}
	});
}

#[test]
fn object_refuses_signer_without_a_role() {
	new_test_ext().execute_with(|| {
		let asset = apply();
		assert_noop!(
			DataIp::object(RuntimeOrigin::signed(NOBODY), asset, deposited(30)),
			Error::<Test>::NoRole
		);
	});
}

#[test]
fn object_refuses_undeposited_evidence() {
	new_test_ext().execute_with(|| {
		let asset = apply();
		assert_noop!(
			DataIp::object(RuntimeOrigin::signed(BANK), asset, undeposited(30)),
			Error::<Test>::UnknownEvidence
		);
	});
}

#[test]
fn holder_cannot_object_to_own_application() {
	new_test_ext().execute_with(|| {
		let asset = apply();
		assert_noop!(
			DataIp::object(RuntimeOrigin::signed(HOLDER), asset, deposited(30)),
			Error::<Test>::CannotObjectOwn
		);
	});
}

#[test]
fn object_refuses_an_application_not_under_notice() {
	new_test_ext().execute_with(|| {
		let objected = apply();
		assert_ok!(object(objected));
		let asset = registered();
		let withdrawn = apply();
		assert_ok!(withdraw(withdrawn));
		for asset in [objected, asset, withdrawn] {
			assert_noop!(
				DataIp::object(RuntimeOrigin::signed(HOLDER2), asset, deposited(31)),
				Error::<Test>::WrongState
			);
		}
	});
}

#[test]
fn object_refuses_once_the_notice_has_ended() {
	new_test_ext().execute_with(|| {
		let asset = apply();
		set_now(START_MS + NOTICE_MS - 1);
		let evidence = deposited(32);
		assert_ok!(DataIp::object(RuntimeOrigin::signed(HOLDER2), asset, evidence));
		assert_ok!(DataIp::resolve_objection(RuntimeOrigin::signed(REGISTRAR), asset, false));
		set_now(START_MS + NOTICE_MS);
		assert_noop!(
			DataIp::object(RuntimeOrigin::signed(HOLDER2), asset, evidence),
			Error::<Test>::NoticeOver
		);
	});
}

// ---- resolve_objection ----

#[test]
fn upheld_objection_rejects_the_application() {
	new_test_ext().execute_with(|| {
		let asset = apply();
		assert_ok!(object(asset));
		assert_ok!(DataIp::resolve_objection(RuntimeOrigin::signed(REGISTRAR), asset, true));

		assert_eq!(status(asset), AssetStatus::Rejected);
		System::assert_last_event(Event::ObjectionResolved { asset, upheld: true }.into());
		assert_eq!(HistoryLen::<Test>::get(asset), 3);
		assert_last_history(asset, REGISTRAR, Action::ObjectionUpheld);
		assert_eq!(DataIp::effective_status(asset, now()), Some(EffectiveStatus::Rejected));
		// A rejected application can be neither approved nor withdrawn.
		advance(NOTICE_MS);
		assert_noop!(approve(asset), Error::<Test>::WrongState);
		assert_noop!(withdraw(asset), Error::<Test>::WrongState);
	});
}

#[test]
fn dismissed_objection_returns_to_notice_with_original_end() {
	new_test_ext().execute_with(|| {
		let asset = apply();
		advance(NOTICE_MS / 2);
		assert_ok!(object(asset));
		advance(NOTICE_MS / 4);
		assert_ok!(DataIp::resolve_objection(RuntimeOrigin::signed(REGISTRAR), asset, false));

		assert_eq!(status(asset), AssetStatus::UnderNotice { until_ms: START_MS + NOTICE_MS });
		System::assert_last_event(Event::ObjectionResolved { asset, upheld: false }.into());
		assert_eq!(HistoryLen::<Test>::get(asset), 3);
		assert_last_history(asset, REGISTRAR, Action::ObjectionDismissed);
		// The notice ends when it would have without the objection.
		set_now(START_MS + NOTICE_MS - 1);
		assert_noop!(approve(asset), Error::<Test>::NoticeNotOver);
		set_now(START_MS + NOTICE_MS);
		assert_ok!(approve(asset));
	});
}

#[test]
fn objection_dismissed_after_notice_end_allows_approval_at_once() {
	new_test_ext().execute_with(|| {
		let asset = apply();
		assert_ok!(object(asset));
		advance(3 * NOTICE_MS);
		assert_ok!(DataIp::resolve_objection(RuntimeOrigin::signed(REGISTRAR), asset, false));
		// Back under notice, but past its end: no new objection can hold it up.
		assert_noop!(
			DataIp::object(RuntimeOrigin::signed(HOLDER2), asset, deposited(33)),
			Error::<Test>::NoticeOver
		);
		assert_ok!(approve(asset));
		assert_eq!(valid_until(asset), now() + VALIDITY_MS);
	});
}

#[test]
fn resolve_objection_refuses_without_a_pending_objection() {
	new_test_ext().execute_with(|| {
		let pending = apply();
		let rejected = apply();
		assert_ok!(object(rejected));
		assert_ok!(DataIp::resolve_objection(RuntimeOrigin::signed(REGISTRAR), rejected, true));
		let asset = registered();
		for asset in [pending, rejected, asset] {
			for upheld in [true, false] {
				assert_noop!(
					DataIp::resolve_objection(RuntimeOrigin::signed(REGISTRAR), asset, upheld),
					Error::<Test>::WrongState
				);
			}
		}
	});
}

// ---- approve ----

#[test]
fn approve_issues_certificate_and_registration_numbers() {
	new_test_ext().execute_with(|| {
		let asset = apply();
		advance(NOTICE_MS);
		let at = now();
		assert_ok!(approve(asset));

		let certificate_no = numbers::certificate_no(at, 1);
		let registration_no =
			numbers::registration_no(at, DataSourceType::OwnCollection, HolderType::LegalPerson, 1);
		let valid_until_ms = at + VALIDITY_MS;
		assert_eq!(
			status(asset),
			AssetStatus::Registered { certificate_no, registration_no, valid_from_ms: at, valid_until_ms }
		);
		assert_eq!(CertificateIndex::<Test>::get(certificate_no), Some(asset));
		assert_eq!(RegistrationIndex::<Test>::get(registration_no), Some(asset));
		assert_eq!(DataIp::asset_of_certificate(certificate_no), Some(asset));
		assert_eq!(DataIp::asset_of_registration(registration_no), Some(asset));
		assert_eq!(NextSerial::<Test>::get(), 2);
		assert_eq!(NextRegistrationSequence::<Test>::get(), 2);
		assert!(numbers::registration_no_is_valid(&registration_no));
		System::assert_last_event(
			Event::Registered { asset, certificate_no, registration_no, valid_until_ms }.into(),
		);
		assert_eq!(HistoryLen::<Test>::get(asset), 2);
		assert_last_history(
			asset,
			REGISTRAR,
			Action::Registered { certificate_no, registration_no, valid_until_ms },
		);
		assert_eq!(DataIp::effective_status(asset, now()), Some(EffectiveStatus::Registered));
	});
}

#[test]
fn next_approval_takes_next_serial_and_sequence() {
	new_test_ext().execute_with(|| {
		let first = registered();
		let input = Application {
			source_type: DataSourceType::Public,
			holder_type: HolderType::NaturalPerson,
			..application()
		};
		assert_ok!(apply_as(HOLDER, HOLDER, input));
		let second = first + 1;
		advance(NOTICE_MS);
		assert_ok!(approve(second));

		let (certificate_no, registration_no) = numbers_of(second);
		assert_eq!(certificate_no, numbers::certificate_no(now(), 2));
		assert_eq!(
			registration_no,
			numbers::registration_no(now(), DataSourceType::Public, HolderType::NaturalPerson, 2)
		);
		assert_ne!(numbers_of(first).0, certificate_no);
		assert_eq!(CertificateIndex::<Test>::get(certificate_no), Some(second));
		assert_eq!(RegistrationIndex::<Test>::get(registration_no), Some(second));
		assert_eq!(CertificateIndex::<Test>::get(numbers_of(first).0), Some(first));
		assert_eq!(NextSerial::<Test>::get(), 3);
		assert_eq!(NextRegistrationSequence::<Test>::get(), 3);
	});
}

#[test]
fn approve_refuses_one_ms_before_notice_end() {
	new_test_ext().execute_with(|| {
		let asset = apply();
		assert_noop!(approve(asset), Error::<Test>::NoticeNotOver);
		set_now(START_MS + NOTICE_MS - 1);
		assert_noop!(approve(asset), Error::<Test>::NoticeNotOver);
	});
}

#[test]
fn approve_succeeds_exactly_at_notice_end() {
	new_test_ext().execute_with(|| {
		let asset = apply();
		set_now(START_MS + NOTICE_MS);
		assert_ok!(approve(asset));
		assert_eq!(valid_until(asset), START_MS + NOTICE_MS + VALIDITY_MS);
	});
}

#[test]
fn approve_refuses_twice() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		assert_noop!(approve(asset), Error::<Test>::WrongState);
	});
}

#[test]
fn approve_refuses_objected_and_withdrawn_applications() {
	new_test_ext().execute_with(|| {
		let objected = apply();
		assert_ok!(object(objected));
		let withdrawn = apply();
		assert_ok!(withdraw(withdrawn));
		advance(NOTICE_MS);
		assert_noop!(approve(objected), Error::<Test>::WrongState);
		assert_noop!(approve(withdrawn), Error::<Test>::WrongState);
	});
}

#[test]
fn approve_is_allowed_while_frozen() {
	new_test_ext().execute_with(|| {
		let asset = apply();
		assert_ok!(freeze(asset, None));
		advance(NOTICE_MS);
		assert_ok!(approve(asset));
		assert!(matches!(status(asset), AssetStatus::Registered { .. }));
		// The freeze carries over to the registration.
		assert!(DataIp::is_frozen(asset, now()));
	});
}

#[test]
fn the_last_certificate_serial_is_still_issued() {
	new_test_ext().execute_with(|| {
		NextSerial::<Test>::put(numbers::MAX_CERTIFICATE_SERIAL);
		let asset = registered();
		assert_eq!(numbers_of(asset).0, numbers::certificate_no(now(), numbers::MAX_CERTIFICATE_SERIAL));
		assert_eq!(&numbers_of(asset).0[10..], b"9999999");
		assert_eq!(NextSerial::<Test>::get(), numbers::MAX_CERTIFICATE_SERIAL + 1);
	});
}

#[test]
fn approve_refuses_when_certificate_serials_are_exhausted() {
	new_test_ext().execute_with(|| {
		let asset = apply();
		advance(NOTICE_MS);
		NextSerial::<Test>::put(numbers::MAX_CERTIFICATE_SERIAL + 1);
		assert_noop!(approve(asset), Error::<Test>::Exhausted);
		assert_eq!(status(asset), AssetStatus::UnderNotice { until_ms: START_MS + NOTICE_MS });
		assert_eq!(NextRegistrationSequence::<Test>::get(), 1);
	});
}

#[test]
fn the_last_registration_sequence_is_still_issued() {
	new_test_ext().execute_with(|| {
		NextRegistrationSequence::<Test>::put(numbers::MAX_REGISTRATION_SEQUENCE);
		let asset = registered();
		assert_eq!(&numbers_of(asset).1[6..15], b"999999999");
		assert_eq!(NextRegistrationSequence::<Test>::get(), numbers::MAX_REGISTRATION_SEQUENCE + 1);
	});
}

#[test]
fn approve_refuses_when_registration_sequences_are_exhausted() {
	new_test_ext().execute_with(|| {
		let asset = apply();
		advance(NOTICE_MS);
		NextRegistrationSequence::<Test>::put(numbers::MAX_REGISTRATION_SEQUENCE + 1);
		assert_noop!(approve(asset), Error::<Test>::Exhausted);
		assert_eq!(status(asset), AssetStatus::UnderNotice { until_ms: START_MS + NOTICE_MS });
		assert_eq!(NextSerial::<Test>::get(), 1);
	});
}

// ---- withdraw ----

#[test]
fn holder_withdraws_under_notice() {
	new_test_ext().execute_with(|| {
		let asset = apply();
		assert_ok!(withdraw(asset));

		assert_eq!(status(asset), AssetStatus::Withdrawn);
		System::assert_last_event(Event::Withdrawn { asset }.into());
		assert_eq!(HistoryLen::<Test>::get(asset), 2);
		assert_last_history(asset, HOLDER, Action::Withdrawn);
		assert_eq!(DataIp::effective_status(asset, now()), Some(EffectiveStatus::Withdrawn));
	});
}

#[test]
fn holder_withdraws_when_objected() {
	new_test_ext().execute_with(|| {
		let asset = apply();
		assert_ok!(object(asset));
		assert_ok!(withdraw(asset));

		assert_eq!(status(asset), AssetStatus::Withdrawn);
		System::assert_last_event(Event::Withdrawn { asset }.into());
		assert_eq!(HistoryLen::<Test>::get(asset), 3);
		assert_last_history(asset, HOLDER, Action::Withdrawn);
	});
}

#[test]
fn withdraw_refuses_after_registration() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		assert_noop!(withdraw(asset), Error::<Test>::WrongState);
	});
}

#[test]
fn withdraw_refuses_twice() {
	new_test_ext().execute_with(|| {
		let asset = apply();
		assert_ok!(withdraw(asset));
		assert_noop!(withdraw(asset), Error::<Test>::WrongState);
	});
}

#[test]
fn withdraw_refuses_while_frozen() {
	new_test_ext().execute_with(|| {
		let asset = apply();
		assert_ok!(freeze(asset, None));
		assert_noop!(withdraw(asset), Error::<Test>::Frozen);
		let objected = apply();
		assert_ok!(object(objected));
		assert_ok!(freeze(objected, None));
		assert_noop!(withdraw(objected), Error::<Test>::Frozen);
	});
}

// ---- transfer ----

#[test]
fn holder_transfers_registration() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		let numbers = numbers_of(asset);
		assert_ok!(transfer(asset, HOLDER2));

		assert_eq!(stored(asset).holder, HOLDER2);
		// Nothing but the holder changes.
		assert_eq!(numbers_of(asset), numbers);
		System::assert_last_event(Event::Transferred { asset, from: HOLDER, to: HOLDER2 }.into());
		assert_eq!(HistoryLen::<Test>::get(asset), 3);
		assert_last_history(asset, HOLDER, Action::Transferred { from: HOLDER, to: HOLDER2 });
		// The new holder disposes of it, the old one no longer can.
		assert_noop!(transfer(asset, HOLDER2), Error::<Test>::NotHolder);
		assert_ok!(DataIp::transfer(RuntimeOrigin::signed(HOLDER2), asset, HOLDER));
		assert_eq!(stored(asset).holder, HOLDER);
	});
}

#[test]
fn licences_stay_with_a_transferred_asset() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		assert_ok!(license(asset, BANK, LicenceKind::Sole, now(), now() + 100));
		assert_ok!(transfer(asset, HOLDER2));
		let licences = Licences::<Test>::get(asset);
		assert_eq!(licences.len(), 1);
		assert_eq!(licences[0].licensor, HOLDER);
		assert_eq!(licences[0].licensee, BANK);
	});
}

#[test]
fn transfer_refuses_before_registration() {
	new_test_ext().execute_with(|| {
		let asset = apply();
		assert_noop!(transfer(asset, HOLDER2), Error::<Test>::WrongState);
		advance(NOTICE_MS);
		assert_noop!(transfer(asset, HOLDER2), Error::<Test>::WrongState);
	});
}

#[test]
fn transfer_refuses_to_self() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		assert_noop!(transfer(asset, HOLDER), Error::<Test>::TransferToSelf);
	});
}

#[test]
fn transfer_refuses_recipient_without_holder_role() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		for to in [BANK, STATION, REGISTRAR, NOBODY] {
			assert_noop!(transfer(asset, to), Error::<Test>::RecipientNotHolder);
		}
	});
}

#[test]
fn transfer_refuses_after_validity_end() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		set_now(valid_until(asset) - 1);
		assert_ok!(transfer(asset, HOLDER2));
		advance(1);
		assert_noop!(DataIp::transfer(RuntimeOrigin::signed(HOLDER2), asset, HOLDER), Error::<Test>::Expired);
	});
}

#[test]
fn transfer_refuses_cancelled_and_revoked_assets() {
	new_test_ext().execute_with(|| {
		let cancelled = registered();
		assert_ok!(cancel(cancelled));
		let revoked = registered();
		assert_ok!(revoke(revoked));
		assert_noop!(transfer(cancelled, HOLDER2), Error::<Test>::WrongState);
		assert_noop!(transfer(revoked, HOLDER2), Error::<Test>::WrongState);
	});
}

// ---- cancel ----

#[test]
fn holder_cancels_live_registration() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		let (certificate_no, registration_no) = numbers_of(asset);
		assert_ok!(cancel(asset));

		assert_eq!(status(asset), AssetStatus::Cancelled);
		System::assert_last_event(Event::Cancelled { asset }.into());
		assert_eq!(HistoryLen::<Test>::get(asset), 3);
		assert_last_history(asset, HOLDER, Action::Cancelled);
		assert_eq!(DataIp::effective_status(asset, now()), Some(EffectiveStatus::Cancelled));
		// The numbers still lead to the asset, now cancelled.
		assert_eq!(DataIp::asset_of_certificate(certificate_no), Some(asset));
		assert_eq!(DataIp::asset_of_registration(registration_no), Some(asset));
	});
}

#[test]
fn holder_cancels_expired_registration() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		set_now(valid_until(asset) + 5);
		assert_eq!(DataIp::effective_status(asset, now()), Some(EffectiveStatus::Expired));
		assert_ok!(cancel(asset));
		assert_eq!(status(asset), AssetStatus::Cancelled);
		System::assert_last_event(Event::Cancelled { asset }.into());
		assert_last_history(asset, HOLDER, Action::Cancelled);
	});
}

#[test]
fn cancel_refuses_before_registration_and_twice() {
	new_test_ext().execute_with(|| {
		let pending = apply();
		assert_noop!(cancel(pending), Error::<Test>::WrongState);
		let asset = registered();
		assert_ok!(cancel(asset));
		assert_noop!(cancel(asset), Error::<Test>::WrongState);
	});
}

#[test]
fn cancel_refuses_while_frozen() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		assert_ok!(freeze(asset, None));
		assert_noop!(cancel(asset), Error::<Test>::Frozen);
		// Expiry does not end a freeze.
		set_now(valid_until(asset));
		assert_noop!(cancel(asset), Error::<Test>::Frozen);
	});
}

// ---- revoke ----

#[test]
fn registrar_revokes_registration() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		let (certificate_no, registration_no) = numbers_of(asset);
		assert_ok!(revoke(asset));

		assert_eq!(status(asset), AssetStatus::Revoked { reason_digest: REASON });
		System::assert_last_event(Event::Revoked { asset, reason_digest: REASON }.into());
		assert_eq!(HistoryLen::<Test>::get(asset), 3);
		assert_last_history(asset, REGISTRAR, Action::Revoked { reason_digest: REASON });
		assert_eq!(DataIp::effective_status(asset, now()), Some(EffectiveStatus::Revoked));
		assert_eq!(CertificateIndex::<Test>::get(certificate_no), Some(asset));
		assert_eq!(RegistrationIndex::<Test>::get(registration_no), Some(asset));
	});
}

#[test]
fn registrar_revokes_expired_registration() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		set_now(valid_until(asset));
		assert_ok!(revoke(asset));
		assert_eq!(status(asset), AssetStatus::Revoked { reason_digest: REASON });
	});
}

#[test]
fn revoke_is_allowed_while_frozen() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		assert_ok!(freeze(asset, None));
		assert_ok!(revoke(asset));
		assert_eq!(status(asset), AssetStatus::Revoked { reason_digest: REASON });
		System::assert_last_event(Event::Revoked { asset, reason_digest: REASON }.into());
	});
}

#[test]
fn revoke_refuses_before_registration_and_twice() {
	new_test_ext().execute_with(|| {
		let pending = apply();
		assert_noop!(revoke(pending), Error::<Test>::WrongState);
		let cancelled = registered();
		assert_ok!(cancel(cancelled));
		assert_noop!(revoke(cancelled), Error::<Test>::WrongState);
		let asset = registered();
		assert_ok!(revoke(asset));
		assert_noop!(revoke(asset), Error::<Test>::WrongState);
	});
}

// ---- freeze / unfreeze ----

#[test]
fn court_freezes_until_lifted() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		let since_ms = now();
		assert_ok!(freeze(asset, None));

		assert_eq!(
			stored(asset).freeze,
			Some(Freeze { court: COURT, order_digest: ORDER, since_ms, until_ms: None })
		);
		System::assert_last_event(
			Event::Frozen { asset, court: COURT, order_digest: ORDER, until_ms: None }.into(),
		);
		assert_eq!(HistoryLen::<Test>::get(asset), 3);
		assert_last_history(asset, COURT, Action::Frozen { order_digest: ORDER, until_ms: None });
		assert!(DataIp::is_frozen(asset, now()));
		assert!(DataIp::is_frozen(asset, u64::MAX));
	});
}

#[test]
fn court_freezes_until_a_given_end() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		let since_ms = now();
		let until = now() + 500;
		assert_ok!(freeze(asset, Some(until)));

		assert_eq!(
			stored(asset).freeze,
			Some(Freeze { court: COURT, order_digest: ORDER, since_ms, until_ms: Some(until) })
		);
		System::assert_last_event(
			Event::Frozen { asset, court: COURT, order_digest: ORDER, until_ms: Some(until) }.into(),
		);
		assert_last_history(asset, COURT, Action::Frozen { order_digest: ORDER, until_ms: Some(until) });
		assert!(DataIp::is_frozen(asset, until - 1));
		assert!(!DataIp::is_frozen(asset, until));
	});
}

#[test]
fn court_freezes_pending_applications() {
	new_test_ext().execute_with(|| {
		let pending = apply();
		let objected = apply();
		assert_ok!(object(objected));
		assert_ok!(freeze(pending, None));
		assert_ok!(freeze(objected, None));
		assert!(DataIp::is_frozen(pending, now()));
		assert!(DataIp::is_frozen(objected, now()));
	});
}

#[test]
fn timed_freeze_lapses_by_itself() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		let until = now() + 500;
		assert_ok!(freeze(asset, Some(until)));
		set_now(until - 1);
		assert_noop!(transfer(asset, HOLDER2), Error::<Test>::Frozen);
		assert_noop!(freeze(asset, None), Error::<Test>::AlreadyFrozen);

		set_now(until);
		assert_ok!(transfer(asset, HOLDER2));
		assert_eq!(stored(asset).holder, HOLDER2);
		// The lapsed order stays readable until a new one replaces it.
		assert_eq!(stored(asset).freeze.map(|f| f.until_ms), Some(Some(until)));
		assert_ok!(DataIp::freeze(RuntimeOrigin::signed(COURT), asset, LIFT, None));
		assert_eq!(
			stored(asset).freeze,
			Some(Freeze { court: COURT, order_digest: LIFT, since_ms: until, until_ms: None })
		);
		assert!(DataIp::is_frozen(asset, now()));
	});
}

#[test]
fn freeze_refuses_when_already_frozen() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		assert_ok!(freeze(asset, None));
		assert_noop!(freeze(asset, None), Error::<Test>::AlreadyFrozen);
		assert_noop!(freeze(asset, Some(now() + 10)), Error::<Test>::AlreadyFrozen);
	});
}

#[test]
fn freeze_refuses_an_end_not_in_the_future() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		assert_noop!(freeze(asset, Some(now())), Error::<Test>::FreezeEndInPast);
		assert_noop!(freeze(asset, Some(now() - 1)), Error::<Test>::FreezeEndInPast);
		assert_noop!(freeze(asset, Some(0)), Error::<Test>::FreezeEndInPast);
		assert_ok!(freeze(asset, Some(now() + 1)));
	});
}

#[test]
fn freeze_refuses_assets_no_longer_pending_or_registered() {
	new_test_ext().execute_with(|| {
		let withdrawn = apply();
		assert_ok!(withdraw(withdrawn));
		let rejected = apply();
		assert_ok!(object(rejected));
		assert_ok!(DataIp::resolve_objection(RuntimeOrigin::signed(REGISTRAR), rejected, true));
		let cancelled = registered();
		assert_ok!(cancel(cancelled));
		let revoked = registered();
		assert_ok!(revoke(revoked));
		for asset in [withdrawn, rejected, cancelled, revoked] {
			assert_noop!(freeze(asset, None), Error::<Test>::WrongState);
		}
	});
}

#[test]
fn court_lifts_a_freeze() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		assert_ok!(freeze(asset, None));
		advance(10);
		assert_ok!(unfreeze(asset));

		assert_eq!(stored(asset).freeze, None);
		assert!(!DataIp::is_frozen(asset, now()));
		System::assert_last_event(Event::Unfrozen { asset, court: COURT, order_digest: LIFT }.into());
		assert_eq!(HistoryLen::<Test>::get(asset), 4);
		assert_last_history(asset, COURT, Action::Unfrozen { order_digest: LIFT });
		assert_ok!(transfer(asset, HOLDER2));
	});
}

#[test]
fn court_lifts_a_timed_freeze_early() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		assert_ok!(freeze(asset, Some(now() + 500)));
		assert_ok!(unfreeze(asset));
		assert_eq!(stored(asset).freeze, None);
		assert_ok!(cancel(asset));
	});
}

#[test]
fn unfreeze_refuses_a_never_frozen_asset() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		assert_noop!(unfreeze(asset), Error::<Test>::NotFrozen);
		let pending = apply();
		assert_noop!(unfreeze(pending), Error::<Test>::NotFrozen);
	});
}

#[test]
fn unfreeze_refuses_a_lapsed_freeze() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		let until = now() + 500;
		assert_ok!(freeze(asset, Some(until)));
		set_now(until);
		assert_noop!(unfreeze(asset), Error::<Test>::NotFrozen);
	});
}

#[test]
fn unfreeze_refuses_twice() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		assert_ok!(freeze(asset, None));
		assert_ok!(unfreeze(asset));
		assert_noop!(unfreeze(asset), Error::<Test>::NotFrozen);
	});
}

#[test]
fn freeze_blocks_the_holders_dispositions() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		assert_ok!(freeze(asset, None));
		let start = now();
		assert_noop!(transfer(asset, HOLDER2), Error::<Test>::Frozen);
		assert_noop!(cancel(asset), Error::<Test>::Frozen);
		assert_noop!(change(asset, changed_application()), Error::<Test>::Frozen);
		for kind in [LicenceKind::Exclusive, LicenceKind::Sole, LicenceKind::NonExclusive] {
			assert_noop!(license(asset, BANK, kind, start, start + 100), Error::<Test>::Frozen);
		}
	});
}

#[test]
fn renew_is_allowed_while_frozen() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		let end = valid_until(asset);
		assert_ok!(freeze(asset, None));
		set_now(end - RENEWAL_WINDOW_MS);
		assert_ok!(renew(asset));
		assert_eq!(valid_until(asset), end + VALIDITY_MS);
	});
}

// ---- change ----

#[test]
fn holder_changes_application_and_keeps_the_old_version() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		let numbers = numbers_of(asset);
		let end = valid_until(asset);
		assert_ok!(change(asset, changed_application()));

		let record = stored(asset);
		assert_eq!(record.version, 1);
		assert_eq!(record.application, bounded(changed_application()));
		assert_eq!(PastApplications::<Test>::get(asset, 0), Some(bounded(application())));
		assert_eq!(PastApplications::<Test>::get(asset, 1), None);
		// Numbers and validity do not change.
		assert_eq!(numbers_of(asset), numbers);
		assert_eq!(valid_until(asset), end);
		System::assert_last_event(Event::Changed { asset, version: 1 }.into());
		assert_eq!(HistoryLen::<Test>::get(asset), 3);
		assert_last_history(asset, HOLDER, Action::Changed { version: 1 });

		assert_eq!(DataIp::application_version(asset, 0), Some(application()));
		assert_eq!(DataIp::application_version(asset, 1), Some(changed_application()));
		assert_eq!(DataIp::application_version(asset, 2), None);
		assert_eq!(DataIp::application_version(MISSING, 0), None);
	});
}

#[test]
fn each_change_increments_the_version() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		assert_ok!(change(asset, changed_application()));
		let third = Application { name: b"v3".to_vec(), ..application() };
		assert_ok!(change(asset, third.clone()));

		assert_eq!(stored(asset).version, 2);
		assert_eq!(PastApplications::<Test>::get(asset, 1), Some(bounded(changed_application())));
		System::assert_last_event(Event::Changed { asset, version: 2 }.into());
		assert_last_history(asset, HOLDER, Action::Changed { version: 2 });
		assert_eq!(DataIp::application_version(asset, 0), Some(application()));
		assert_eq!(DataIp::application_version(asset, 1), Some(changed_application()));
		assert_eq!(DataIp::application_version(asset, 2), Some(third));
	});
}

#[test]
fn change_checks_the_new_application_like_apply() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		let cases = [
			(Application { name: vec![b'n'; MAX + 1], ..application() }, Error::<Test>::NameTooLong),
			(Application { scale: vec![b's'; MAX + 1], ..application() }, Error::<Test>::ScaleTooLong),
			(Application { format: vec![b'f'; MAX + 1], ..application() }, Error::<Test>::FormatTooLong),
			(
				Application {
					evidence: (0..=MAX_EVIDENCE_REFS as u8).map(deposited).collect(),
					..application()
				},
				Error::<Test>::TooManyEvidenceRefs,
			),
			(
				Application { evidence: vec![undeposited(40)], ..application() },
				Error::<Test>::UnknownEvidence,
			),
			(
				Application { source_type: DataSourceType::Licensed, ..application() },
				Error::<Test>::SourceEvidenceRequired,
			),
			(
				Application {
					source_type: DataSourceType::Purchased,
					source_evidence: Some(undeposited(41)),
					..application()
				},
				Error::<Test>::UnknownEvidence,
			),
		];
		for (input, error) in cases {
			assert_noop!(change(asset, input), error);
		}
	});
}

#[test]
fn change_refuses_before_registration() {
	new_test_ext().execute_with(|| {
		let asset = apply();
		assert_noop!(change(asset, changed_application()), Error::<Test>::WrongState);
	});
}

#[test]
fn change_refuses_after_validity_end() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		set_now(valid_until(asset));
		assert_noop!(change(asset, changed_application()), Error::<Test>::Expired);
	});
}

#[test]
fn change_refuses_when_versions_are_exhausted() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		Assets::<Test>::mutate(asset, |record| record.as_mut().unwrap().version = u32::MAX);
		assert_noop!(change(asset, changed_application()), Error::<Test>::Exhausted);
	});
}

// ---- license ----

#[test]
fn holder_grants_each_kind_of_licence() {
	new_test_ext().execute_with(|| {
		for (kind, licensee) in [
			(LicenceKind::Exclusive, BANK),
			(LicenceKind::Sole, HOLDER2),
			(LicenceKind::NonExclusive, STATION),
		] {
			let asset = registered();
			advance(7);
			let (start_ms, end_ms) = (now() + 100, now() + 200);
			assert_ok!(license(asset, licensee, kind, start_ms, end_ms));

			assert_eq!(
				Licences::<Test>::get(asset).into_inner(),
				vec![Licence {
					licensee,
					kind,
					scope: b"CN".to_vec().try_into().unwrap(),
					start_ms,
					end_ms,
					licensor: HOLDER,
					granted_at_ms: now(),
				}]
			);
			System::assert_last_event(
				Event::Licensed { asset, index: 0, licensee, kind, start_ms, end_ms }.into(),
			);
			assert_eq!(HistoryLen::<Test>::get(asset), 3);
			assert_last_history(asset, HOLDER, Action::Licensed { index: 0, licensee });
		}
	});
}

#[test]
fn non_exclusive_licences_may_overlap() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		let t = now();
		assert_ok!(license(asset, BANK, LicenceKind::NonExclusive, t, t + 100));
		assert_ok!(license(asset, HOLDER2, LicenceKind::NonExclusive, t + 50, t + 150));
		assert_ok!(license(asset, BANK, LicenceKind::NonExclusive, t, t + 100));

		let licences = Licences::<Test>::get(asset);
		assert_eq!(licences.len(), 3);
		assert_eq!(
			licences.iter().map(|l| (l.licensee, l.start_ms, l.end_ms)).collect::<Vec<_>>(),
			vec![(BANK, t, t + 100), (HOLDER2, t + 50, t + 150), (BANK, t, t + 100)]
		);
		System::assert_has_event(
			Event::Licensed {
				asset,
				index: 1,
				licensee: HOLDER2,
				kind: LicenceKind::NonExclusive,
				start_ms: t + 50,
				end_ms: t + 150,
			}
			.into(),
		);
		System::assert_last_event(
			Event::Licensed {
				asset,
				index: 2,
				licensee: BANK,
				kind: LicenceKind::NonExclusive,
				start_ms: t,
				end_ms: t + 100,
			}
			.into(),
		);
		assert_last_history(asset, HOLDER, Action::Licensed { index: 2, licensee: BANK });
	});
}

#[test]
fn exclusive_licence_conflicts_with_anything_overlapping() {
	new_test_ext().execute_with(|| {
		for existing in [LicenceKind::Exclusive, LicenceKind::Sole, LicenceKind::NonExclusive] {
			let asset = registered();
			let t = now();
			assert_ok!(license(asset, BANK, existing, t + 100, t + 200));
			for (start, end) in [(t + 100, t + 200), (t, t + 101), (t + 199, t + 300), (t + 120, t + 130)] {
				assert_noop!(
					license(asset, HOLDER2, LicenceKind::Exclusive, start, end),
					Error::<Test>::LicenceConflict
				);
			}
		}
	});
}

#[test]
fn nothing_may_overlap_an_exclusive_or_sole_licence() {
	new_test_ext().execute_with(|| {
		for existing in [LicenceKind::Exclusive, LicenceKind::Sole] {
			let asset = registered();
			let t = now();
			assert_ok!(license(asset, BANK, existing, t + 100, t + 200));
			for kind in [LicenceKind::Exclusive, LicenceKind::Sole, LicenceKind::NonExclusive] {
				assert_noop!(license(asset, HOLDER2, kind, t + 150, t + 250), Error::<Test>::LicenceConflict);
				// The same licensee gets no second overlapping licence either.
				assert_noop!(license(asset, BANK, kind, t + 50, t + 101), Error::<Test>::LicenceConflict);
			}
		}
	});
}

#[test]
fn sole_licence_conflicts_with_an_overlapping_non_exclusive_one() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		let t = now();
		assert_ok!(license(asset, BANK, LicenceKind::NonExclusive, t, t + 100));
		assert_noop!(
			license(asset, HOLDER2, LicenceKind::Sole, t + 99, t + 200),
			Error::<Test>::LicenceConflict
		);
	});
}

#[test]
fn adjacent_terms_do_not_conflict() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		let t = now();
		assert_ok!(license(asset, BANK, LicenceKind::Exclusive, t + 100, t + 200));
		// Ends exactly where the exclusive one starts, starts exactly where it ends.
		assert_ok!(license(asset, HOLDER2, LicenceKind::Sole, t, t + 100));
		assert_ok!(license(asset, STATION, LicenceKind::Exclusive, t + 200, t + 300));
		assert_eq!(
			Licences::<Test>::get(asset).iter().map(|l| (l.kind, l.start_ms)).collect::<Vec<_>>(),
			vec![
				(LicenceKind::Exclusive, t + 100),
				(LicenceKind::Sole, t),
				(LicenceKind::Exclusive, t + 200)
			]
		);
	});
}

#[test]
fn license_refuses_more_than_max_licences() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		let t = now();
		for i in 0..MAX_LICENCES as u64 {
			assert_ok!(license(asset, BANK, LicenceKind::Exclusive, t + i * 10, t + i * 10 + 10));
		}
		assert_eq!(Licences::<Test>::get(asset).len(), MAX_LICENCES as usize);
		let start = t + MAX_LICENCES as u64 * 10;
		assert_noop!(
			license(asset, BANK, LicenceKind::NonExclusive, start, start + 10),
			Error::<Test>::TooManyLicences
		);
	});
}

#[test]
fn ended_licences_make_room_when_the_list_is_full() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		let t = now();
		// Three short licences fill the list; an insurer-style squatter cannot close the asset for ever.
		for i in 0..MAX_LICENCES as u64 {
			assert_ok!(license(asset, BANK, LicenceKind::Exclusive, t + i * 10, t + i * 10 + 10));
		}
		// The first two have ended (an end is exclusive); the third still runs.
		set_now(t + 20);
		let start = t + MAX_LICENCES as u64 * 10;
		assert_ok!(license(asset, STATION, LicenceKind::NonExclusive, start, start + 10));
		let kept: Vec<_> =
			Licences::<Test>::get(asset).iter().map(|licence| (licence.licensee, licence.start_ms)).collect();
		assert_eq!(kept, vec![(BANK, t + 20), (STATION, start)]);
		System::assert_last_event(
			Event::Licensed {
				asset,
				index: 1,
				licensee: STATION,
				kind: LicenceKind::NonExclusive,
				start_ms: start,
				end_ms: start + 10,
			}
			.into(),
		);
		// Every grant stays in the history, the dropped ones included.
		let granted = DataIp::history(asset, 0, u32::MAX)
			.into_iter()
			.filter(|entry| matches!(entry.action, Action::Licensed { .. }))
			.count();
		assert_eq!(granted, MAX_LICENCES as usize + 1);
		// A list full of running licences still refuses.
		assert_ok!(license(asset, STATION, LicenceKind::NonExclusive, start, start + 10));
		assert_noop!(
			license(asset, STATION, LicenceKind::NonExclusive, start, start + 10),
			Error::<Test>::TooManyLicences
		);
	});
}

#[test]
fn a_pledged_asset_cannot_be_licensed() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		let t = now();
		set_locked(asset, true);
		assert_noop!(license(asset, BANK, LicenceKind::Exclusive, t, u64::MAX), Error::<Test>::Pledged);
		assert!(Licences::<Test>::get(asset).is_empty());
		set_locked(asset, false);
		assert_ok!(license(asset, BANK, LicenceKind::Exclusive, t, u64::MAX));
	});
}

// ---- conflicts of interest: nobody decides its own case ----

#[test]
fn a_registrar_cannot_decide_its_own_objection() {
	new_test_ext().execute_with(|| {
		let asset = apply();
		assert_ok!(DataIp::object(RuntimeOrigin::signed(REGISTRAR), asset, deposited(30)));
		for upheld in [true, false] {
			assert_noop!(
				DataIp::resolve_objection(RuntimeOrigin::signed(REGISTRAR), asset, upheld),
				Error::<Test>::OwnObjection
			);
		}
		assert_ok!(DataIp::resolve_objection(RuntimeOrigin::signed(REGISTRAR2), asset, true));
		assert_eq!(status(asset), AssetStatus::Rejected);
		assert_last_history(asset, REGISTRAR2, Action::ObjectionUpheld);
	});
}

#[test]
fn a_registrar_cannot_decide_an_application_it_filed() {
	new_test_ext().execute_with(|| {
		// The registrar is also a workstation (as //Alice is in the presets) and files for HOLDER.
		grant(REGISTRAR, Role::Workstation);
		let asset = NextAssetId::<Test>::get();
		assert_ok!(apply_as(REGISTRAR, HOLDER, application()));
		assert_ok!(object(asset));
		for upheld in [true, false] {
			assert_noop!(
				DataIp::resolve_objection(RuntimeOrigin::signed(REGISTRAR), asset, upheld),
				Error::<Test>::OwnApplication
			);
		}
		assert_ok!(DataIp::resolve_objection(RuntimeOrigin::signed(REGISTRAR2), asset, false));
		advance(NOTICE_MS);
		assert_noop!(approve(asset), Error::<Test>::OwnApplication);
		assert_ok!(DataIp::approve(RuntimeOrigin::signed(REGISTRAR2), asset));
		assert!(matches!(status(asset), AssetStatus::Registered { .. }));
	});
}

#[test]
fn a_registrar_cannot_decide_an_application_it_holds() {
	new_test_ext().execute_with(|| {
		// A registrar that is a right holder too, with an application filed for it by a workstation.
		grant(REGISTRAR, Role::Holder);
		let asset = NextAssetId::<Test>::get();
		assert_ok!(apply_as(STATION, REGISTRAR, application()));
		assert_ok!(object(asset));
		assert_noop!(
			DataIp::resolve_objection(RuntimeOrigin::signed(REGISTRAR), asset, false),
			Error::<Test>::OwnApplication
		);
		assert_ok!(DataIp::resolve_objection(RuntimeOrigin::signed(REGISTRAR2), asset, false));
		advance(NOTICE_MS);
		assert_noop!(approve(asset), Error::<Test>::OwnApplication);
		assert_ok!(DataIp::approve(RuntimeOrigin::signed(REGISTRAR2), asset));
	});
}

#[test]
fn license_accepts_scope_of_exactly_max_len() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		let scope = vec![b's'; MAX];
		assert_ok!(DataIp::license(
			RuntimeOrigin::signed(HOLDER),
			asset,
			BANK,
			LicenceKind::Sole,
			scope.clone(),
			now(),
			now() + 10
		));
		assert_eq!(Licences::<Test>::get(asset)[0].scope.clone().into_inner(), scope);
	});
}

#[test]
fn license_refuses_scope_too_long() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		assert_noop!(
			DataIp::license(
				RuntimeOrigin::signed(HOLDER),
				asset,
				BANK,
				LicenceKind::Sole,
				vec![b's'; MAX + 1],
				now(),
				now() + 10
			),
			Error::<Test>::ScopeTooLong
		);
	});
}

#[test]
fn license_refuses_term_ending_at_or_before_its_start() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		let t = now();
		assert_noop!(license(asset, BANK, LicenceKind::Sole, t + 100, t + 100), Error::<Test>::BadTerm);
		assert_noop!(license(asset, BANK, LicenceKind::Sole, t + 100, t + 99), Error::<Test>::BadTerm);
	});
}

#[test]
fn license_refuses_term_ending_at_or_before_now() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		let t = now();
		assert_noop!(license(asset, BANK, LicenceKind::Sole, t - 100, t), Error::<Test>::BadTerm);
		assert_noop!(license(asset, BANK, LicenceKind::Sole, t - 100, t - 1), Error::<Test>::BadTerm);
		// A term that started in the past but runs on is accepted.
		assert_ok!(license(asset, BANK, LicenceKind::Sole, t - 100, t + 1));
	});
}

#[test]
fn license_refuses_the_holder_itself() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		assert_noop!(
			license(asset, HOLDER, LicenceKind::Sole, now(), now() + 10),
			Error::<Test>::LicenceToSelf
		);
	});
}

#[test]
fn license_refuses_licensee_without_a_role() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		assert_noop!(
			license(asset, NOBODY, LicenceKind::NonExclusive, now(), now() + 10),
			Error::<Test>::LicenseeHasNoRole
		);
	});
}

#[test]
fn license_refuses_before_registration() {
	new_test_ext().execute_with(|| {
		let asset = apply();
		assert_noop!(license(asset, BANK, LicenceKind::Sole, now(), now() + 10), Error::<Test>::WrongState);
	});
}

#[test]
fn license_refuses_after_validity_end() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		set_now(valid_until(asset));
		assert_noop!(license(asset, BANK, LicenceKind::Sole, now(), now() + 10), Error::<Test>::Expired);
	});
}

// ---- renew ----

#[test]
fn holder_renews_inside_the_window() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		let end = valid_until(asset);
		let numbers = numbers_of(asset);
		set_now(end - RENEWAL_WINDOW_MS / 2);
		assert_ok!(renew(asset));

		// Extended from the old end, not from now.
		let new_end = end + VALIDITY_MS;
		assert_eq!(valid_until(asset), new_end);
		assert_eq!(numbers_of(asset), numbers);
		System::assert_last_event(Event::Renewed { asset, valid_until_ms: new_end }.into());
		assert_eq!(HistoryLen::<Test>::get(asset), 3);
		assert_last_history(asset, HOLDER, Action::Renewed { valid_until_ms: new_end });
		assert_eq!(DataIp::effective_status(asset, end), Some(EffectiveStatus::Registered));
		assert_eq!(DataIp::effective_status(asset, new_end), Some(EffectiveStatus::Expired));
	});
}

#[test]
fn renew_succeeds_when_the_window_opens() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		let end = valid_until(asset);
		set_now(end - RENEWAL_WINDOW_MS);
		assert_ok!(renew(asset));
		assert_eq!(valid_until(asset), end + VALIDITY_MS);
	});
}

#[test]
fn renew_succeeds_in_the_last_ms() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		let end = valid_until(asset);
		set_now(end - 1);
		assert_ok!(renew(asset));
		assert_eq!(valid_until(asset), end + VALIDITY_MS);
	});
}

#[test]
fn renew_refuses_one_ms_before_the_window() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		set_now(valid_until(asset) - RENEWAL_WINDOW_MS - 1);
		assert_noop!(renew(asset), Error::<Test>::RenewalNotOpen);
	});
}

#[test]
fn renew_refuses_twice_in_one_window() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		set_now(valid_until(asset) - 1);
		assert_ok!(renew(asset));
		assert_noop!(renew(asset), Error::<Test>::RenewalNotOpen);
	});
}

#[test]
fn renew_refuses_after_validity_end() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		set_now(valid_until(asset));
		assert_noop!(renew(asset), Error::<Test>::Expired);
	});
}

#[test]
fn renew_refuses_before_registration_and_after_cancellation() {
	new_test_ext().execute_with(|| {
		let pending = apply();
		assert_noop!(renew(pending), Error::<Test>::WrongState);
		let cancelled = registered();
		assert_ok!(cancel(cancelled));
		set_now(now() + VALIDITY_MS - 1);
		assert_noop!(renew(cancelled), Error::<Test>::WrongState);
	});
}

// ---- set_periods ----

#[test]
fn root_sets_periods() {
	new_test_ext().execute_with(|| {
		let periods = Periods { notice_ms: 5_000, validity_ms: 20_000, renewal_window_ms: 20_000 };
		assert_ok!(DataIp::set_periods(RuntimeOrigin::root(), periods));
		assert_eq!(ActivePeriods::<Test>::get(), periods);
		System::assert_last_event(Event::PeriodsSet { periods }.into());
	});
}

#[test]
fn new_periods_apply_to_later_applications_not_running_notices() {
	new_test_ext().execute_with(|| {
		let running = apply();
		let periods = Periods { notice_ms: 5_000, validity_ms: 20_000, renewal_window_ms: 3_000 };
		assert_ok!(DataIp::set_periods(RuntimeOrigin::root(), periods));
		let later = apply();

		assert_eq!(status(running), AssetStatus::UnderNotice { until_ms: START_MS + NOTICE_MS });
		assert_eq!(status(later), AssetStatus::UnderNotice { until_ms: START_MS + 5_000 });
		set_now(START_MS + NOTICE_MS);
		assert_ok!(approve(running));
		assert_noop!(approve(later), Error::<Test>::NoticeNotOver);
		// Validity is given at approval, under the periods then in force.
		assert_eq!(valid_until(running), now() + 20_000);
	});
}

#[test]
fn renewal_uses_the_periods_in_force() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		let end = valid_until(asset);
		let periods = Periods { notice_ms: NOTICE_MS, validity_ms: 50_000, renewal_window_ms: 5_000 };
		assert_ok!(DataIp::set_periods(RuntimeOrigin::root(), periods));
		// The wider window is open now, where the genesis window would not be.
		set_now(end - 5_000);
		assert_ok!(renew(asset));
		assert_eq!(valid_until(asset), end + 50_000);
	});
}

#[test]
fn set_periods_refuses_invalid_periods() {
	new_test_ext().execute_with(|| {
		let valid = Periods { notice_ms: 1, validity_ms: 10, renewal_window_ms: 10 };
		for periods in [
			Periods { notice_ms: 0, ..valid },
			Periods { validity_ms: 0, renewal_window_ms: 0, ..valid },
			Periods { validity_ms: 0, ..valid },
			Periods { renewal_window_ms: 0, ..valid },
			Periods { renewal_window_ms: 11, ..valid },
		] {
			assert_noop!(DataIp::set_periods(RuntimeOrigin::root(), periods), Error::<Test>::InvalidPeriods);
		}
		// A window as long as the validity is fine.
		assert_ok!(DataIp::set_periods(RuntimeOrigin::root(), valid));
		assert_eq!(ActivePeriods::<Test>::get(), valid);
	});
}

#[test]
fn set_periods_refuses_signed_origins() {
	new_test_ext().execute_with(|| {
		let periods = Periods { notice_ms: 5_000, validity_ms: 20_000, renewal_window_ms: 3_000 };
		for who in [REGISTRAR, HOLDER, NOBODY] {
			assert_noop!(DataIp::set_periods(RuntimeOrigin::signed(who), periods), DispatchError::BadOrigin);
		}
		assert_noop!(DataIp::set_periods(RuntimeOrigin::none(), periods), DispatchError::BadOrigin);
	});
}

// ---- queries ----

#[test]
fn expiry_is_derived_at_query_time() {
	new_test_ext().execute_with(|| {
		assert_eq!(DataIp::effective_status(MISSING, now()), None);
		let asset = registered();
		let end = valid_until(asset);
		assert_eq!(DataIp::effective_status(asset, end - 1), Some(EffectiveStatus::Registered));
		assert_eq!(DataIp::effective_status(asset, end), Some(EffectiveStatus::Expired));
		// Storage still says registered; only the reading changes.
		set_now(end + 1);
		assert!(matches!(status(asset), AssetStatus::Registered { .. }));
		assert_eq!(DataIp::effective_status(asset, now()), Some(EffectiveStatus::Expired));
	});
}

#[test]
fn asset_info_reports_expiry_and_freeze_at_the_time_asked() {
	new_test_ext().execute_with(|| {
		assert_eq!(DataIp::asset_info(MISSING, None), None);
		let asset = registered();
		let end = valid_until(asset);
		let freeze_end = now() + 500;
		assert_ok!(freeze(asset, Some(freeze_end)));

		let info = DataIp::asset_info(asset, Some(freeze_end - 1)).unwrap();
		assert_eq!((info.effective, info.frozen), (EffectiveStatus::Registered, true));
		let info = DataIp::asset_info(asset, Some(freeze_end)).unwrap();
		assert_eq!((info.effective, info.frozen), (EffectiveStatus::Registered, false));
		let info = DataIp::asset_info(asset, Some(end - 1)).unwrap();
		assert_eq!(info.effective, EffectiveStatus::Registered);
		let info = DataIp::asset_info(asset, Some(end)).unwrap();
		assert_eq!(info.effective, EffectiveStatus::Expired);
		// Without a time, the block's time is used.
		assert!(DataIp::asset_info(asset, None).unwrap().frozen);
		set_now(end);
		let info = DataIp::asset_info(asset, None).unwrap();
		assert_eq!((info.effective, info.frozen), (EffectiveStatus::Expired, false));
	});
}

#[test]
fn asset_info_returns_the_whole_record() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		let t = now();
		assert_ok!(license(asset, BANK, LicenceKind::Sole, t, t + 10));
		assert_ok!(change(asset, changed_application()));

		let info = DataIp::asset_info(asset, None).unwrap();
		assert_eq!(info.id, asset);
		assert_eq!(info.asset.holder, HOLDER);
		assert_eq!(info.asset.application, changed_application());
		assert_eq!(info.asset.version, 1);
		assert_eq!(info.asset.status, status(asset));
		assert_eq!(info.asset.applied_at_ms, START_MS);
		assert_eq!(info.asset.freeze, None);
		assert_eq!(info.history_len, 4);
		assert_eq!(
			info.licences,
			vec![Licence {
				licensee: BANK,
				kind: LicenceKind::Sole,
				scope: b"CN".to_vec(),
				start_ms: t,
				end_ms: t + 10,
				licensor: HOLDER,
				granted_at_ms: t,
			}]
		);
	});
}

#[test]
fn history_lists_every_step_in_order() {
	new_test_ext().execute_with(|| {
		let asset = apply();
		let evidence = deposited(30);
		assert_ok!(DataIp::object(RuntimeOrigin::signed(BANK), asset, evidence));
		assert_ok!(DataIp::resolve_objection(RuntimeOrigin::signed(REGISTRAR), asset, false));
		advance(NOTICE_MS);
		System::set_block_number(2);
		assert_ok!(approve(asset));
		assert_ok!(transfer(asset, HOLDER2));

		assert_eq!(HistoryLen::<Test>::get(asset), 5);
		let history = DataIp::history(asset, 0, 100);
		assert_eq!(
			history.iter().map(|entry| (entry.block, entry.actor)).collect::<Vec<_>>(),
			vec![(1, HOLDER), (1, BANK), (1, REGISTRAR), (2, REGISTRAR), (2, HOLDER)]
		);
		assert_eq!(history[0].action, Action::Applied { holder: HOLDER });
		assert_eq!(history[1].action, Action::Objected { evidence });
		assert_eq!(history[2].action, Action::ObjectionDismissed);
		assert!(matches!(history[3].action, Action::Registered { .. }));
		assert_eq!(history[4].action, Action::Transferred { from: HOLDER, to: HOLDER2 });
		assert_eq!(history[3].at_ms, START_MS + NOTICE_MS);
		assert_eq!(history[0].at_ms, START_MS);
	});
}

#[test]
fn history_pages() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		assert_ok!(transfer(asset, HOLDER2));
		let all = DataIp::history(asset, 0, u32::MAX);
		assert_eq!(all.len(), 3);
		assert_eq!(DataIp::history(asset, 1, 1), all[1..2].to_vec());
		assert_eq!(DataIp::history(asset, 1, 5), all[1..].to_vec());
		assert!(DataIp::history(asset, 3, 5).is_empty());
		assert!(DataIp::history(asset, u32::MAX, u32::MAX).is_empty());
		assert!(DataIp::history(asset, 0, 0).is_empty());
		assert!(DataIp::history(MISSING, 0, 10).is_empty());
	});
}

// ---- pledges (locks) and enforcement ----

#[test]
fn a_pledge_lock_blocks_transfer_and_cancel_until_released() {
	new_test_ext().execute_with(|| {
		let asset = registered();
		set_locked(asset, true);
		assert_noop!(transfer(asset, HOLDER2), Error::<Test>::Pledged);
		assert_noop!(cancel(asset), Error::<Test>::Pledged);
		// Renewal keeps the pledged right alive and stays open.
		set_now(valid_until(asset) - RENEWAL_WINDOW_MS);
		assert_ok!(DataIp::renew(RuntimeOrigin::signed(HOLDER), asset));
		set_locked(asset, false);
		assert_ok!(transfer(asset, HOLDER2));
	});
}

mod enforcement {
	use super::*;
	use iprchain_primitives::{AssetRegistry, EnforceError};

	const BANK_AS_HOLDER: u64 = HOLDER2;

	#[test]
	fn registry_reads_follow_the_asset() {
		new_test_ext().execute_with(|| {
			let asset = apply();
			assert_eq!(<DataIp as AssetRegistry<u64>>::holder(asset), Some(HOLDER));
			assert!(!<DataIp as AssetRegistry<u64>>::is_registered(asset, now()));
			advance(NOTICE_MS);
			assert_ok!(approve(asset));
			assert!(<DataIp as AssetRegistry<u64>>::is_registered(asset, now()));
			assert!(!<DataIp as AssetRegistry<u64>>::is_registered(asset, valid_until(asset)));
			assert_ok!(freeze(asset, None));
			assert!(<DataIp as AssetRegistry<u64>>::is_frozen(asset, now()));
			assert_eq!(<DataIp as AssetRegistry<u64>>::holder(99), None);
			assert!(!<DataIp as AssetRegistry<u64>>::is_registered(99, now()));
		});
	}

	#[test]
	fn enforcement_moves_the_asset_and_records_the_pledgee() {
		new_test_ext().execute_with(|| {
			let asset = registered();
			let before = HistoryLen::<Test>::get(asset);
			assert_ok!(<DataIp as AssetRegistry<u64>>::enforce_transfer(asset, &BANK_AS_HOLDER, &BANK));
			assert_eq!(Assets::<Test>::get(asset).unwrap().holder, BANK_AS_HOLDER);
			System::assert_last_event(
				Event::EnforcedTransfer { asset, from: HOLDER, to: BANK_AS_HOLDER, by: BANK }.into(),
			);
			assert_eq!(HistoryLen::<Test>::get(asset), before + 1);
			let entry = History::<Test>::get(asset, before).unwrap();
			assert_eq!(
				(entry.actor, entry.action),
				(BANK, Action::Enforced { from: HOLDER, to: BANK_AS_HOLDER })
			);
		});
	}

	#[test]
	fn enforcement_refusals_change_nothing() {
		new_test_ext().execute_with(|| {
			let pending = apply();
			let live = registered();
			let frozen = registered();
			assert_ok!(freeze(frozen, None));
			let expired = registered();
			let cases = [
				(99, HOLDER2, EnforceError::UnknownAsset),
				(pending, HOLDER2, EnforceError::NotRegistered),
				(frozen, HOLDER2, EnforceError::Frozen),
				(live, BANK, EnforceError::RecipientNotHolder),
			];
			for (asset, to, error) in cases {
				let before = Assets::<Test>::get(asset);
				let history = HistoryLen::<Test>::get(asset);
				assert_eq!(<DataIp as AssetRegistry<u64>>::enforce_transfer(asset, &to, &BANK), Err(error));
				assert_eq!(Assets::<Test>::get(asset), before);
				assert_eq!(HistoryLen::<Test>::get(asset), history);
			}
			set_now(valid_until(expired));
			assert_eq!(
				<DataIp as AssetRegistry<u64>>::enforce_transfer(expired, &HOLDER2, &BANK),
				Err(EnforceError::NotRegistered)
			);
		});
	}
}
