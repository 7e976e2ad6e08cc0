//! A runtime with `frame_system` and this pallet, with roles and time held in thread-locals so each
//! test sets exactly what it needs.

use crate as pallet_data_ip;
use core::{cell::RefCell, time::Duration};
use frame_support::{
	derive_impl,
	traits::{ConstU32, ConstU64, UnixTime},
};
use iprchain_primitives::{Role, RoleInspect};
use sp_runtime::BuildStorage;
use std::collections::BTreeSet;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		DataIp: pallet_data_ip,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

/// Notice period of the mock, milliseconds.
pub const NOTICE_MS: u64 = 1_000;
/// Validity of the mock, milliseconds.
pub const VALIDITY_MS: u64 = 10_000;
/// Maximum name length of the mock.
pub const MAX_NAME_LEN: u32 = 16;

impl pallet_data_ip::Config for Test {
	type Roles = MockRoles;
	type TimeProvider = MockTime;
	type NoticePeriodMs = ConstU64<NOTICE_MS>;
	type ValidityMs = ConstU64<VALIDITY_MS>;
	type MaxNameLen = ConstU32<MAX_NAME_LEN>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockRoles;
}

thread_local! {
	static ROLES: RefCell<BTreeSet<(u64, Role)>> = const { RefCell::new(BTreeSet::new()) };
	static NOW_MS: RefCell<u64> = const { RefCell::new(0) };
}

/// Roles read from the thread-local set.
pub struct MockRoles;

impl RoleInspect<u64> for MockRoles {
	fn has_role(who: &u64, role: Role) -> bool {
		ROLES.with(|roles| roles.borrow().contains(&(*who, role)))
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64> for MockRoles {
	fn grant_role(who: &u64, role: Role) {
		ROLES.with(|roles| roles.borrow_mut().insert((*who, role)));
	}
}

/// Time read from the thread-local clock.
pub struct MockTime;

impl UnixTime for MockTime {
	fn now() -> Duration {
		Duration::from_millis(NOW_MS.with(|now| *now.borrow()))
	}
}

/// Sets the clock, Unix milliseconds.
pub fn set_now(ms: u64) {
	NOW_MS.with(|now| *now.borrow_mut() = ms);
}

/// The clock, Unix milliseconds.
pub fn now() -> u64 {
	NOW_MS.with(|now| *now.borrow())
}

/// Moves the clock forward by `ms`.
pub fn advance(ms: u64) {
	set_now(now() + ms);
}

/// A right holder.
pub const HOLDER: u64 = 1;
/// A second right holder, for transfers.
pub const HOLDER2: u64 = 2;
/// An IP workstation.
pub const STATION: u64 = 3;
/// The registrar.
pub const REGISTRAR: u64 = 4;
/// A court.
pub const COURT: u64 = 5;
/// A bank: holds a role, but none this pallet grants powers to.
pub const BANK: u64 = 6;
/// Holds no role.
pub const NOBODY: u64 = 7;

/// 2026-11-15T00:00:00Z, Unix milliseconds.
pub const START_MS: u64 = 1_794_700_800_000;

/// Externalities at block 1, with the clock at [`START_MS`] and the accounts above holding their roles.
pub fn new_test_ext() -> sp_io::TestExternalities {
	ROLES.with(|roles| {
		*roles.borrow_mut() = [
			(HOLDER, Role::Holder),
			(HOLDER2, Role::Holder),
			(STATION, Role::Workstation),
			(REGISTRAR, Role::Registrar),
			(COURT, Role::Court),
			(BANK, Role::Bank),
		]
		.into_iter()
		.collect();
	});
	set_now(START_MS);
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}
