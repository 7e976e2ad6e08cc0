//! Tests of `pallet-roles` and its `CheckRole` extension.

use crate::{
	mock::*, AccountRoles, BlockTxCount, CheckRole, Error, Event, HolderByUscc, HolderInfo, Holders, TxQuota,
};
use codec::{Decode, Encode};
use frame_support::{assert_noop, assert_ok, dispatch::DispatchInfo, traits::Get, weights::RuntimeDbWeight};
use iprchain_primitives::{
	storage_keys::{blake2_128_concat_key, ROLES_ACCOUNTS, ROLES_PALLET},
	Role, RoleInspect, RoleSet, INVALID_TX_NO_ROLE,
};
use sp_runtime::{
	traits::{DispatchTransaction, TransactionExtension, TxBaseImplication},
	transaction_validity::{InvalidTransaction, TransactionSource, TransactionValidityError},
	DispatchError,
};

fn providers(who: u64) -> u32 {
	frame_system::Pallet::<Test>::providers(&who)
}

fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event was deposited").event
}

#[test]
fn grant_role_adds_role_event_and_one_provider() {
	new_test_ext().execute_with(|| {
		assert_eq!(providers(OUTSIDER), 0);

		assert_ok!(Roles::grant_role(RuntimeOrigin::root(), OUTSIDER, Role::Holder));
		assert!(Roles::roles_of(&OUTSIDER).contains(Role::Holder));
		assert_eq!(providers(OUTSIDER), 1);
		assert_eq!(last_event(), Event::RoleGranted { who: OUTSIDER, role: Role::Holder }.into());

		// A second role must not add a second provider: one reference stands for membership.
		assert_ok!(Roles::grant_role(RuntimeOrigin::root(), OUTSIDER, Role::Bank));
		assert_eq!(Roles::roles_of(&OUTSIDER).iter().collect::<Vec<_>>(), vec![Role::Holder, Role::Bank]);
		assert_eq!(providers(OUTSIDER), 1);
		assert_eq!(last_event(), Event::RoleGranted { who: OUTSIDER, role: Role::Bank }.into());
	});
}

#[test]
fn revoke_role_removes_role_and_last_one_keeps_the_account() {
	new_test_ext().execute_with(|| {
		assert_eq!(providers(STATION), 1);

		assert_ok!(Roles::revoke_role(RuntimeOrigin::root(), STATION, Role::Holder));
		assert_eq!(Roles::roles_of(&STATION).iter().collect::<Vec<_>>(), vec![Role::Workstation]);
		assert_eq!(providers(STATION), 1);
		assert_eq!(last_event(), Event::RoleRevoked { who: STATION, role: Role::Holder }.into());

		assert_ok!(Roles::revoke_role(RuntimeOrigin::root(), STATION, Role::Workstation));
		assert!(Roles::roles_of(&STATION).is_empty());
		assert!(!AccountRoles::<Test>::contains_key(STATION), "an empty set leaves no entry");
		// The account is kept, so its nonce can never go back to 0.
		assert_eq!(providers(STATION), 1);
		assert!(frame_system::Account::<Test>::contains_key(STATION), "the account is not reaped");
		assert_eq!(last_event(), Event::RoleRevoked { who: STATION, role: Role::Workstation }.into());
	});
}

#[test]
fn regranting_after_full_revocation_keeps_one_provider_and_the_nonce() {
	new_test_ext().execute_with(|| {
		for _ in 0..5 {
			frame_system::Pallet::<Test>::inc_account_nonce(REGISTRAR);
		}
		assert_ok!(Roles::revoke_role(RuntimeOrigin::root(), REGISTRAR, Role::Registrar));
		assert_eq!(providers(REGISTRAR), 1);
		assert_ok!(Roles::grant_role(RuntimeOrigin::root(), REGISTRAR, Role::Court));
		assert_eq!(providers(REGISTRAR), 1, "one reference stands for membership, ever");
		assert_eq!(frame_system::Pallet::<Test>::account_nonce(REGISTRAR), 5);
	});
}

/// The replay attack: transactions an account signed before it lost all its roles are refused once it
/// is registered again, because its nonce did not go back.
#[test]
fn old_transactions_cannot_be_replayed_after_re_registration() {
	use crate::CheckNonce;
	new_test_ext().execute_with(|| {
		let info = DispatchInfo::default();
		// Nonces 0 and 1 are used: signed, included, archived.
		for nonce in 0..2u32 {
			assert_ok!(CheckNonce::<Test>::from(nonce).validate_and_prepare(
				RuntimeOrigin::signed(REGISTRAR),
				&remark(),
				&info,
				0,
				0
			));
		}
		assert_ok!(Roles::revoke_role(RuntimeOrigin::root(), REGISTRAR, Role::Registrar));
		assert_ok!(Roles::grant_role(RuntimeOrigin::root(), REGISTRAR, Role::Registrar));
		// The archived nonce-0 and nonce-1 transactions, sent again: refused as stale at the pool, and
		// refused in a block (there reported as "not in this block", see `CheckNonce`).
		for nonce in 0..2u32 {
			assert_eq!(
				CheckNonce::<Test>::from(nonce)
					.validate_only(
						RuntimeOrigin::signed(REGISTRAR),
						&remark(),
						&info,
						0,
						TransactionSource::External,
						0
					)
					.unwrap_err(),
				TransactionValidityError::Invalid(InvalidTransaction::Stale)
			);
			assert_eq!(
				CheckNonce::<Test>::from(nonce)
					.validate_and_prepare(RuntimeOrigin::signed(REGISTRAR), &remark(), &info, 0, 0)
					.unwrap_err(),
				TransactionValidityError::Invalid(InvalidTransaction::ExhaustsResources)
			);
		}
		assert_eq!(frame_system::Pallet::<Test>::account_nonce(REGISTRAR), 2);
	});
}

#[test]
fn revoking_last_role_with_consumers_left_still_revokes() {
	new_test_ext().execute_with(|| {
		assert_ok!(frame_system::Pallet::<Test>::inc_consumers(&REGISTRAR));

		assert_ok!(Roles::revoke_role(RuntimeOrigin::root(), REGISTRAR, Role::Registrar));
		assert!(!Roles::has_role(&REGISTRAR, Role::Registrar));
		assert!(Roles::roles_of(&REGISTRAR).is_empty());
		// The consumer still needs the account, so its provider stays.
		assert_eq!(providers(REGISTRAR), 1);
	});
}

#[test]
fn granting_a_held_role_fails() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Roles::grant_role(RuntimeOrigin::root(), STATION, Role::Workstation),
			Error::<Test>::AlreadyHasRole
		);
		assert_eq!(providers(STATION), 1);
	});
}

#[test]
fn revoking_an_unheld_role_fails() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Roles::revoke_role(RuntimeOrigin::root(), STATION, Role::Court),
			Error::<Test>::RoleNotHeld
		);
		assert_noop!(
			Roles::revoke_role(RuntimeOrigin::root(), OUTSIDER, Role::Holder),
			Error::<Test>::RoleNotHeld
		);
		assert!(!AccountRoles::<Test>::contains_key(OUTSIDER));
		assert_eq!(providers(OUTSIDER), 0);
	});
}

#[test]
fn only_manager_origin_may_grant_or_revoke() {
	new_test_ext().execute_with(|| {
		// Even a role holder (here the registrar) is not the manager origin.
		assert_noop!(
			Roles::grant_role(RuntimeOrigin::signed(REGISTRAR), OUTSIDER, Role::Holder),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Roles::revoke_role(RuntimeOrigin::signed(REGISTRAR), STATION, Role::Holder),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Roles::grant_role(RuntimeOrigin::none(), OUTSIDER, Role::Holder),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn genesis_roles_are_applied_with_providers() {
	new_test_ext().execute_with(|| {
		assert_eq!(Roles::roles_of(&REGISTRAR).iter().collect::<Vec<_>>(), vec![Role::Registrar]);
		assert_eq!(
			Roles::roles_of(&STATION).iter().collect::<Vec<_>>(),
			vec![Role::Workstation, Role::Holder]
		);
		assert_eq!(providers(REGISTRAR), 1);
		assert_eq!(providers(STATION), 1);
		assert_eq!(providers(OUTSIDER), 0);
		assert!(Roles::roles_of(&OUTSIDER).is_empty());
		// Genesis is block 0, where frame-system records no events.
		assert!(System::events().is_empty());
	});
}

#[test]
#[should_panic(expected = "same role twice")]
fn genesis_with_duplicate_role_is_refused() {
	ext_with_roles(vec![(STATION, vec![Role::Holder, Role::Holder])]);
}

#[test]
fn genesis_config_json_uses_role_names() {
	let config = crate::GenesisConfig::<Test> {
		roles: genesis_roles(),
		tx_quota: 0,
		daily_budget: Default::default(),
	};
	let json = serde_json::to_value(&config).unwrap();
	assert_eq!(
		json,
		serde_json::json!({
			"roles": [[1, ["registrar"]], [2, ["workstation", "holder"]]],
			"txQuota": 0,
			"dailyBudget": { "txPerDay": 0, "holdersPerDay": 0 }
		})
	);

	let parsed: crate::GenesisConfig<Test> =
		serde_json::from_str(r#"{ "roles": [[2, ["Workstation", "holder"]], [3, []]] }"#).unwrap();
	assert_eq!(parsed.roles, vec![(2, vec![Role::Workstation, Role::Holder]), (3, vec![])]);
	// Chain specs written before `txQuota` existed still load, without a quota.
	assert_eq!(parsed.tx_quota, 0);

	let unknown = serde_json::from_str::<crate::GenesisConfig<Test>>(r#"{ "roles": [[2, ["pirate"]]] }"#);
	assert!(unknown.err().expect("unknown name refused").to_string().contains("unknown role `pirate`"));
}

#[test]
fn role_inspect_reflects_storage() {
	new_test_ext().execute_with(|| {
		assert!(<Roles as RoleInspect<u64>>::has_role(&STATION, Role::Holder));
		assert!(!<Roles as RoleInspect<u64>>::has_role(&STATION, Role::Court));
		assert!(!<Roles as RoleInspect<u64>>::has_role(&OUTSIDER, Role::Holder));
		assert_eq!(Roles::roles_of(&OUTSIDER), RoleSet::default());
	});
}

#[test]
fn storage_key_matches_primitives() {
	for who in [REGISTRAR, STATION, OUTSIDER, u64::MAX] {
		assert_eq!(
			AccountRoles::<Test>::hashed_key_for(who),
			blake2_128_concat_key(ROLES_PALLET, ROLES_ACCOUNTS, &who)
		);
	}
}

fn remark() -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::remark { remark: vec![] })
}

fn no_role() -> TransactionValidityError {
	TransactionValidityError::Invalid(InvalidTransaction::Custom(INVALID_TX_NO_ROLE))
}

#[test]
fn extension_admits_role_holders() {
	new_test_ext().execute_with(|| {
		let info = DispatchInfo::default();
		for who in [REGISTRAR, STATION] {
			let origin = RuntimeOrigin::signed(who);
			assert_ok!(CheckRole::<Test>::new().validate_only(
				origin.clone(),
				&remark(),
				&info,
				0,
				TransactionSource::External,
				0
			));
			assert_ok!(CheckRole::<Test>::new().validate_and_prepare(origin, &remark(), &info, 0, 0));
		}
	});
}

#[test]
fn extension_refuses_signer_without_role() {
	new_test_ext().execute_with(|| {
		let info = DispatchInfo::default();
		let origin = RuntimeOrigin::signed(OUTSIDER);
		assert_eq!(
			CheckRole::<Test>::new()
				.validate_only(origin.clone(), &remark(), &info, 0, TransactionSource::External, 0)
				.unwrap_err(),
			no_role()
		);
		assert_eq!(
			CheckRole::<Test>::new().validate_and_prepare(origin, &remark(), &info, 0, 0).unwrap_err(),
			no_role()
		);
	});
}

#[test]
fn extension_prepare_refuses_role_revoked_after_validation() {
	new_test_ext().execute_with(|| {
		let info = DispatchInfo::default();
		let origin = RuntimeOrigin::signed(REGISTRAR);
		let ext = CheckRole::<Test>::new();
		let (_, val, origin) = ext
			.validate(origin, &remark(), &info, 0, (), &TxBaseImplication(()), TransactionSource::External)
			.expect("a registrar is admitted to the pool");

		assert_ok!(Roles::revoke_role(RuntimeOrigin::root(), REGISTRAR, Role::Registrar));

		assert_eq!(ext.prepare(val, &origin, &remark(), &info, 0).unwrap_err(), no_role());
	});
}

#[test]
fn extension_ignores_unsigned_and_root_origins() {
	new_test_ext().execute_with(|| {
		let info = DispatchInfo::default();
		// The trait methods are called directly: the `DispatchTransaction` helpers would refuse a
		// `None` origin themselves (`UnknownOrigin`), since no extension authorizes it.
		for origin in [RuntimeOrigin::none(), RuntimeOrigin::root()] {
			let ext = CheckRole::<Test>::new();
			let (validity, val, origin) = ext
				.validate(
					origin,
					&remark(),
					&info,
					0,
					(),
					&TxBaseImplication(()),
					TransactionSource::External,
				)
				.expect("a non-signed origin passes");
			assert_eq!(validity, Default::default());
			assert_ok!(ext.prepare(val, &origin, &remark(), &info, 0));
		}
	});
}

#[test]
fn extension_is_zero_bytes_and_named_check_role() {
	let ext = CheckRole::<Test>::default();
	assert!(ext.encode().is_empty());
	assert_eq!(CheckRole::<Test>::decode(&mut &[][..]).unwrap(), ext);
	assert_eq!(<CheckRole<Test> as TransactionExtension<RuntimeCall>>::IDENTIFIER, "CheckRole");
	let metadata = <CheckRole<Test> as TransactionExtension<RuntimeCall>>::metadata();
	assert_eq!(metadata.len(), 1);
	assert_eq!(metadata[0].identifier, "CheckRole");
	let db: RuntimeDbWeight = <Test as frame_system::Config>::DbWeight::get();
	assert_eq!(TransactionExtension::<RuntimeCall>::weight(&ext, &remark()), db.reads_writes(3, 1));
	assert_eq!(format!("{ext:?}"), "CheckRole");
}

// ---- Per-block transaction quota ----

fn over_quota() -> TransactionValidityError {
	TransactionValidityError::Invalid(InvalidTransaction::ExhaustsResources)
}

/// Runs `CheckRole` for `who` as block building does: `validate`, then `prepare`.
fn apply_as(who: u64) -> Result<(), TransactionValidityError> {
	CheckRole::<Test>::new()
		.validate_and_prepare(RuntimeOrigin::signed(who), &remark(), &DispatchInfo::default(), 0, 0)
		.map(|_| ())
}

#[test]
fn quota_holds_back_the_transaction_after_the_quota_without_counting_it() {
	ext_with(genesis_roles(), 2).execute_with(|| {
		assert_ok!(apply_as(STATION));
		assert_eq!(BlockTxCount::<Test>::get(STATION), Some((1, 1)));
		assert_ok!(apply_as(STATION));
		assert_eq!(BlockTxCount::<Test>::get(STATION), Some((1, 2)));

		assert_eq!(apply_as(STATION).unwrap_err(), over_quota());
		assert_eq!(apply_as(STATION).unwrap_err(), over_quota());
		assert_eq!(BlockTxCount::<Test>::get(STATION), Some((1, 2)), "a refused transaction is not counted");

		// The quota is per account.
		assert_ok!(apply_as(REGISTRAR));
		assert_eq!(BlockTxCount::<Test>::get(REGISTRAR), Some((1, 1)));
	});
}

#[test]
fn quota_count_restarts_in_the_next_block() {
	ext_with(genesis_roles(), 2).execute_with(|| {
		assert_ok!(apply_as(STATION));
		assert_ok!(apply_as(STATION));
		assert_eq!(apply_as(STATION).unwrap_err(), over_quota());

		// No cleanup ran: the stale entry from block 1 simply counts as zero in block 2.
		System::set_block_number(2);
		assert_eq!(BlockTxCount::<Test>::get(STATION), Some((1, 2)));
		assert_ok!(apply_as(STATION));
		assert_eq!(BlockTxCount::<Test>::get(STATION), Some((2, 1)));
		assert_ok!(apply_as(STATION));
		assert_eq!(apply_as(STATION).unwrap_err(), over_quota());
	});
}

#[test]
fn zero_quota_is_unlimited_and_counts_nothing() {
	new_test_ext().execute_with(|| {
		assert_eq!(TxQuota::<Test>::get(), 0);
		for _ in 0..100 {
			assert_ok!(apply_as(STATION));
		}
		assert_eq!(BlockTxCount::<Test>::get(STATION), None);
	});
}

#[test]
fn quota_is_not_counted_at_pool_admission() {
	ext_with(genesis_roles(), 1).execute_with(|| {
		let info = DispatchInfo::default();
		for _ in 0..5 {
			assert_ok!(CheckRole::<Test>::new().validate_only(
				RuntimeOrigin::signed(STATION),
				&remark(),
				&info,
				0,
				TransactionSource::External,
				0
			));
		}
		assert_eq!(BlockTxCount::<Test>::get(STATION), None);
		// The pool keeps admitting an account that is at its quota in the current block.
		assert_ok!(apply_as(STATION));
		assert_ok!(CheckRole::<Test>::new().validate_only(
			RuntimeOrigin::signed(STATION),
			&remark(),
			&info,
			0,
			TransactionSource::External,
			0
		));
		assert_eq!(apply_as(STATION).unwrap_err(), over_quota());
	});
}

#[test]
fn quota_refuses_non_members_as_non_members_and_skips_non_signed_origins() {
	ext_with(genesis_roles(), 1).execute_with(|| {
		// A role-less signer is refused for good (dropped from the pool), not held back.
		assert_eq!(apply_as(OUTSIDER).unwrap_err(), no_role());
		assert_eq!(BlockTxCount::<Test>::get(OUTSIDER), None);

		let info = DispatchInfo::default();
		for _ in 0..3 {
			for origin in [RuntimeOrigin::none(), RuntimeOrigin::root()] {
				let ext = CheckRole::<Test>::new();
				let (_, val, origin) = ext
					.validate(
						origin,
						&remark(),
						&info,
						0,
						(),
						&TxBaseImplication(()),
						TransactionSource::External,
					)
					.expect("a non-signed origin passes");
				assert_ok!(ext.prepare(val, &origin, &remark(), &info, 0));
			}
		}
	});
}

#[test]
fn lowering_the_quota_mid_block_stops_an_account_already_past_it() {
	ext_with(genesis_roles(), 3).execute_with(|| {
		assert_ok!(apply_as(STATION));
		assert_ok!(apply_as(STATION));
		assert_ok!(Roles::set_tx_quota(RuntimeOrigin::root(), 1));
		assert_eq!(apply_as(STATION).unwrap_err(), over_quota());
		assert_ok!(Roles::set_tx_quota(RuntimeOrigin::root(), 0));
		assert_ok!(apply_as(STATION));
	});
}

#[test]
fn set_tx_quota_is_manager_only_and_emits_event() {
	new_test_ext().execute_with(|| {
		assert_noop!(Roles::set_tx_quota(RuntimeOrigin::signed(REGISTRAR), 5), DispatchError::BadOrigin);
		assert_noop!(Roles::set_tx_quota(RuntimeOrigin::none(), 5), DispatchError::BadOrigin);

		assert_ok!(Roles::set_tx_quota(RuntimeOrigin::root(), 5));
		assert_eq!(TxQuota::<Test>::get(), 5);
		assert_eq!(last_event(), Event::TxQuotaSet { quota: 5 }.into());

		assert_ok!(Roles::set_tx_quota(RuntimeOrigin::root(), 0));
		assert_eq!(TxQuota::<Test>::get(), 0);
		assert_eq!(last_event(), Event::TxQuotaSet { quota: 0 }.into());
	});
}

#[test]
fn genesis_sets_tx_quota() {
	ext_with(genesis_roles(), 7).execute_with(|| assert_eq!(TxQuota::<Test>::get(), 7));

	let parsed: crate::GenesisConfig<Test> =
		serde_json::from_str(r#"{ "roles": [], "txQuota": 4 }"#).unwrap();
	assert_eq!(parsed.tx_quota, 4);
	assert!(serde_json::from_str::<crate::GenesisConfig<Test>>(r#"{ "roles": [], "tx_quota": 4 }"#).is_err());
}

#[test]
fn revoking_the_last_role_drops_the_transaction_count() {
	ext_with(genesis_roles(), 2).execute_with(|| {
		assert_ok!(apply_as(STATION));
		assert_ok!(apply_as(REGISTRAR));

		assert_ok!(Roles::revoke_role(RuntimeOrigin::root(), STATION, Role::Holder));
		assert!(BlockTxCount::<Test>::contains_key(STATION), "still a member");

		assert_ok!(Roles::revoke_role(RuntimeOrigin::root(), REGISTRAR, Role::Registrar));
		assert!(!BlockTxCount::<Test>::contains_key(REGISTRAR));
	});
}

// ---- Holder registration by workstations ----

const NEW_HOLDER: u64 = 20;
const OTHER_HOLDER: u64 = 21;
const USCC: [u8; 32] = [0x91; 32];
const OTHER_USCC: [u8; 32] = [0x92; 32];

#[test]
fn register_holder_grants_role_and_records_digest() {
	new_test_ext().execute_with(|| {
		System::set_block_number(5);
		assert_eq!(providers(NEW_HOLDER), 0);

		assert_ok!(Roles::register_holder(RuntimeOrigin::signed(STATION), NEW_HOLDER, USCC));

		assert_eq!(Roles::roles_of(&NEW_HOLDER).iter().collect::<Vec<_>>(), vec![Role::Holder]);
		assert_eq!(providers(NEW_HOLDER), 1);
		assert_eq!(
			Holders::<Test>::get(NEW_HOLDER),
			Some(HolderInfo { uscc_digest: USCC, registered_by: STATION, registered_at: 5 })
		);
		assert_eq!(HolderByUscc::<Test>::get(USCC), Some(NEW_HOLDER));

		// `frame_system` also reports the new account; only this pallet's events are compared.
		let events: Vec<RuntimeEvent> = System::events()
			.into_iter()
			.map(|r| r.event)
			.filter(|e| matches!(e, RuntimeEvent::Roles(_)))
			.collect();
		assert_eq!(
			events,
			vec![
				Event::RoleGranted { who: NEW_HOLDER, role: Role::Holder }.into(),
				Event::HolderRegistered { who: NEW_HOLDER, uscc_digest: USCC, by: STATION }.into(),
			]
		);
	});
}

#[test]
fn register_holder_keeps_other_roles_and_single_provider() {
	new_test_ext().execute_with(|| {
		assert_ok!(Roles::register_holder(RuntimeOrigin::signed(STATION), REGISTRAR, USCC));
		assert_eq!(
			Roles::roles_of(&REGISTRAR).iter().collect::<Vec<_>>(),
			vec![Role::Registrar, Role::Holder]
		);
		assert_eq!(providers(REGISTRAR), 1);
		assert_eq!(HolderByUscc::<Test>::get(USCC), Some(REGISTRAR));
	});
}

#[test]
fn register_holder_requires_a_signed_workstation() {
	new_test_ext().execute_with(|| {
		// A member holding another role, an outsider, and the manager origin are all refused.
		assert_noop!(
			Roles::register_holder(RuntimeOrigin::signed(REGISTRAR), NEW_HOLDER, USCC),
			Error::<Test>::NotAWorkstation
		);
		assert_noop!(
			Roles::register_holder(RuntimeOrigin::signed(OUTSIDER), NEW_HOLDER, USCC),
			Error::<Test>::NotAWorkstation
		);
		assert_noop!(
			Roles::register_holder(RuntimeOrigin::root(), NEW_HOLDER, USCC),
			DispatchError::BadOrigin
		);
		assert_eq!(providers(NEW_HOLDER), 0);
	});
}

#[test]
fn register_holder_refuses_an_existing_holder() {
	new_test_ext().execute_with(|| {
		// STATION holds `Holder` from genesis, without a record.
		assert_noop!(
			Roles::register_holder(RuntimeOrigin::signed(STATION), STATION, USCC),
			Error::<Test>::AlreadyHasRole
		);

		assert_ok!(Roles::register_holder(RuntimeOrigin::signed(STATION), NEW_HOLDER, USCC));
		assert_noop!(
			Roles::register_holder(RuntimeOrigin::signed(STATION), NEW_HOLDER, OTHER_USCC),
			Error::<Test>::AlreadyHasRole
		);
		assert!(!HolderByUscc::<Test>::contains_key(OTHER_USCC));
	});
}

#[test]
fn register_holder_refuses_a_registered_digest() {
	new_test_ext().execute_with(|| {
		assert_ok!(Roles::register_holder(RuntimeOrigin::signed(STATION), NEW_HOLDER, USCC));
		assert_noop!(
			Roles::register_holder(RuntimeOrigin::signed(STATION), OTHER_HOLDER, USCC),
			Error::<Test>::UsccAlreadyRegistered
		);
		assert!(Roles::roles_of(&OTHER_HOLDER).is_empty());
		assert_eq!(providers(OTHER_HOLDER), 0);
	});
}

#[test]
fn revoking_holder_role_frees_record_and_digest() {
	new_test_ext().execute_with(|| {
		assert_ok!(Roles::register_holder(RuntimeOrigin::signed(STATION), NEW_HOLDER, USCC));

		assert_ok!(Roles::revoke_role(RuntimeOrigin::root(), NEW_HOLDER, Role::Holder));
		assert!(!Holders::<Test>::contains_key(NEW_HOLDER));
		assert!(!HolderByUscc::<Test>::contains_key(USCC));
		assert_eq!(providers(NEW_HOLDER), 1, "a former member's account is kept");

		// The organisation can now be registered again, under another account.
		assert_ok!(Roles::register_holder(RuntimeOrigin::signed(STATION), OTHER_HOLDER, USCC));
		assert_eq!(HolderByUscc::<Test>::get(USCC), Some(OTHER_HOLDER));
	});
}

#[test]
fn revoking_another_role_keeps_the_holder_record() {
	new_test_ext().execute_with(|| {
		assert_ok!(Roles::grant_role(RuntimeOrigin::root(), NEW_HOLDER, Role::Bank));
		assert_ok!(Roles::register_holder(RuntimeOrigin::signed(STATION), NEW_HOLDER, USCC));

		assert_ok!(Roles::revoke_role(RuntimeOrigin::root(), NEW_HOLDER, Role::Bank));
		assert!(Holders::<Test>::contains_key(NEW_HOLDER));
		assert_eq!(HolderByUscc::<Test>::get(USCC), Some(NEW_HOLDER));
	});
}

#[test]
fn revoking_an_unregistered_holder_touches_no_record() {
	new_test_ext().execute_with(|| {
		assert_ok!(Roles::register_holder(RuntimeOrigin::signed(STATION), NEW_HOLDER, USCC));
		// STATION got `Holder` in genesis, so it has no record; other records are left alone.
		assert_ok!(Roles::revoke_role(RuntimeOrigin::root(), STATION, Role::Holder));
		assert_eq!(HolderByUscc::<Test>::get(USCC), Some(NEW_HOLDER));
		assert!(Holders::<Test>::contains_key(NEW_HOLDER));
	});
}
