//! Tests of `pallet-roles` and its `CheckRole` extension.

use crate::{mock::*, AccountRoles, CheckRole, Error, Event};
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
fn revoke_role_removes_role_and_last_one_releases_provider() {
	new_test_ext().execute_with(|| {
		assert_eq!(providers(STATION), 1);

		assert_ok!(Roles::revoke_role(RuntimeOrigin::root(), STATION, Role::Holder));
		assert_eq!(Roles::roles_of(&STATION).iter().collect::<Vec<_>>(), vec![Role::Workstation]);
		assert_eq!(providers(STATION), 1);
		assert_eq!(last_event(), Event::RoleRevoked { who: STATION, role: Role::Holder }.into());

		assert_ok!(Roles::revoke_role(RuntimeOrigin::root(), STATION, Role::Workstation));
		assert!(Roles::roles_of(&STATION).is_empty());
		assert!(!AccountRoles::<Test>::contains_key(STATION), "an empty set leaves no entry");
		assert_eq!(providers(STATION), 0);
		assert!(!frame_system::Account::<Test>::contains_key(STATION), "the account is reaped");
		assert_eq!(last_event(), Event::RoleRevoked { who: STATION, role: Role::Workstation }.into());
	});
}

#[test]
fn regranting_after_full_revocation_restores_provider() {
	new_test_ext().execute_with(|| {
		assert_ok!(Roles::revoke_role(RuntimeOrigin::root(), REGISTRAR, Role::Registrar));
		assert_eq!(providers(REGISTRAR), 0);
		assert_ok!(Roles::grant_role(RuntimeOrigin::root(), REGISTRAR, Role::Court));
		assert_eq!(providers(REGISTRAR), 1);
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
	let config = crate::GenesisConfig::<Test> { roles: genesis_roles() };
	let json = serde_json::to_value(&config).unwrap();
	assert_eq!(json, serde_json::json!({ "roles": [[1, ["registrar"]], [2, ["workstation", "holder"]]] }));

	let parsed: crate::GenesisConfig<Test> =
		serde_json::from_str(r#"{ "roles": [[2, ["Workstation", "holder"]], [3, []]] }"#).unwrap();
	assert_eq!(parsed.roles, vec![(2, vec![Role::Workstation, Role::Holder]), (3, vec![])]);

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
	assert_eq!(TransactionExtension::<RuntimeCall>::weight(&ext, &remark()), db.reads(1));
	assert_eq!(format!("{ext:?}"), "CheckRole");
}
