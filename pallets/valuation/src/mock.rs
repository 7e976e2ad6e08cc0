//! A runtime with `frame_system` and this pallet, with roles, the asset registry and time held in
//! thread-locals so each test sets exactly what it needs.

use crate as pallet_valuation;
use core::{cell::RefCell, time::Duration};
use frame_support::{
	derive_impl,
	traits::{ConstU32, UnixTime},
};
use iprchain_primitives::{AssetRegistry, EnforceError, Role, RoleInspect};
use sp_runtime::BuildStorage;
use std::collections::{BTreeMap, BTreeSet};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Valuation: pallet_valuation,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

/// How many valuations, newest first, the mock looks at for the current one.
pub const MAX_IN_FORCE: u32 = 3;

impl pallet_valuation::Config for Test {
	type Roles = MockRoles;
	type Registry = MockRegistry;
	type TimeProvider = MockTime;
	type MaxInForce = ConstU32<MAX_IN_FORCE>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockRoles;
}

thread_local! {
	static ROLES: RefCell<BTreeSet<(u64, Role)>> = const { RefCell::new(BTreeSet::new()) };
	/// Registered assets and the end of their validity, Unix milliseconds.
	static REGISTERED: RefCell<BTreeMap<u64, u64>> = const { RefCell::new(BTreeMap::new()) };
	static NOW_MS: RefCell<u64> = const { RefCell::new(0) };
}

/// Roles read from the thread-local set.
pub struct MockRoles;

impl RoleInspect<u64> for MockRoles {
	fn has_role(who: &u64, role: Role) -> bool {
		ROLES.with(|roles| roles.borrow().contains(&(*who, role)))
	}
}

/// Makes `who` hold `role`.
pub fn grant(who: u64, role: Role) {
	ROLES.with(|roles| roles.borrow_mut().insert((who, role)));
}

/// Takes `role` from `who`.
pub fn revoke_role(who: u64, role: Role) {
	ROLES.with(|roles| roles.borrow_mut().remove(&(who, role)));
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64> for MockRoles {
	fn grant_role(who: &u64, role: Role) {
		grant(*who, role);
	}

	fn register_asset() -> u64 {
		let asset = REGISTERED.with(|registered| registered.borrow().keys().max().map_or(0, |max| max + 1));
		register(asset, u64::MAX);
		asset
	}
}

/// The registry read from the thread-local map: an asset is registered while the clock is before the
/// end of validity it was registered with. All its holders are [`HOLDER`]; nothing is ever frozen.
pub struct MockRegistry;

impl AssetRegistry<u64> for MockRegistry {
	fn holder(asset: u64) -> Option<u64> {
		REGISTERED.with(|registered| registered.borrow().contains_key(&asset)).then_some(HOLDER)
	}

	fn is_registered(asset: u64, now_ms: u64) -> bool {
		REGISTERED.with(|registered| registered.borrow().get(&asset).is_some_and(|until| now_ms < *until))
	}

	fn is_frozen(_asset: u64, _now_ms: u64) -> bool {
		false
	}

	fn enforce_transfer(_asset: u64, _to: &u64, _actor: &u64) -> Result<(), EnforceError> {
		panic!("the valuation pallet only reads the registry");
	}
}

/// Makes `asset` registered until `until_ms` (exclusive).
pub fn register(asset: u64, until_ms: u64) {
	REGISTERED.with(|registered| registered.borrow_mut().insert(asset, until_ms));
}

/// Makes `asset` unknown to the registry, as if cancelled or revoked.
pub fn deregister(asset: u64) {
	REGISTERED.with(|registered| registered.borrow_mut().remove(&asset));
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

/// A valuation firm.
pub const APPRAISER: u64 = 1;
/// A second valuation firm.
pub const APPRAISER2: u64 = 2;
/// A right holder: holds a role, but not the one this pallet needs.
pub const HOLDER: u64 = 3;
/// A bank: holds a role, but not the one this pallet needs.
pub const BANK: u64 = 4;
/// Holds no role.
pub const NOBODY: u64 = 5;
/// A third valuation firm.
pub const APPRAISER3: u64 = 6;
/// A fourth valuation firm: one more than [`MAX_IN_FORCE`].
pub const APPRAISER4: u64 = 8;

/// 2026-11-15T00:00:00Z, Unix milliseconds.
pub const START_MS: u64 = 1_794_700_800_000;
/// The asset registered from the start.
pub const ASSET: u64 = 7;
/// End of [`ASSET`]'s registration, Unix milliseconds: a year after [`START_MS`].
pub const ASSET_UNTIL_MS: u64 = START_MS + 365 * 86_400_000;

/// Externalities at block 1, with the clock at [`START_MS`], the accounts above holding their roles,
/// and only [`ASSET`] registered, until [`ASSET_UNTIL_MS`].
pub fn new_test_ext() -> sp_io::TestExternalities {
	ROLES.with(|roles| {
		*roles.borrow_mut() = [
			(APPRAISER, Role::Appraiser),
			(APPRAISER2, Role::Appraiser),
			(APPRAISER3, Role::Appraiser),
			(APPRAISER4, Role::Appraiser),
			(HOLDER, Role::Holder),
			(BANK, Role::Bank),
		]
		.into_iter()
		.collect();
	});
	REGISTERED.with(|registered| *registered.borrow_mut() = [(ASSET, ASSET_UNTIL_MS)].into_iter().collect());
	set_now(START_MS);
	// The whole runtime's genesis, as a chain builds it: it also writes each pallet's storage version.
	let storage = RuntimeGenesisConfig::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}
