//! A runtime with `frame_system`, `pallet_timestamp`, `pallet_roles` (as the role source) and this
//! pallet, named `Evidence` as in the real runtime so storage keys can be compared with
//! `iprchain_primitives::storage_keys`.

use crate as pallet_evidence;
use frame_support::{derive_impl, traits::ConstU64};
use frame_system::EnsureRoot;
use iprchain_primitives::Role;
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Timestamp: pallet_timestamp,
		Roles: pallet_roles,
		Evidence: pallet_evidence,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

impl pallet_timestamp::Config for Test {
	type Moment = u64;
	type OnTimestampSet = ();
	type MinimumPeriod = ConstU64<1>;
	type WeightInfo = ();
}

impl pallet_roles::Config for Test {
	type ManagerOrigin = EnsureRoot<u64>;
	type BlocksPerDay = frame_support::traits::ConstU64<43_200>;
	type WeightInfo = ();
}

impl pallet_evidence::Config for Test {
	type Roles = Roles;
	type TimeProvider = Timestamp;
	type Assets = MockAssets;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = RolesHelper;
}

/// Grants benchmark roles through `pallet_roles`, as a runtime would.
#[cfg(feature = "runtime-benchmarks")]
pub struct RolesHelper;

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64> for RolesHelper {
	fn grant_role(who: &u64, role: Role) {
		pallet_roles::Pallet::<Test>::do_grant_role(who, role).expect("role not yet held");
	}
}

thread_local! {
	static ASSETS: core::cell::RefCell<std::collections::BTreeMap<u64, u64>> =
		const { core::cell::RefCell::new(std::collections::BTreeMap::new()) };
}

/// Registered assets (id → holder) held in a thread-local map; anything in it counts as registered.
pub struct MockAssets;

impl iprchain_primitives::AssetRegistry<u64> for MockAssets {
	fn holder(asset: u64) -> Option<u64> {
		ASSETS.with(|assets| assets.borrow().get(&asset).copied())
	}

	fn is_registered(asset: u64, _now_ms: u64) -> bool {
		ASSETS.with(|assets| assets.borrow().contains_key(&asset))
	}

	fn is_frozen(_asset: u64, _now_ms: u64) -> bool {
		false
	}

	fn enforce_transfer(
		_asset: u64,
		_to: &u64,
		_actor: &u64,
	) -> Result<(), iprchain_primitives::EnforceError> {
		Err(iprchain_primitives::EnforceError::NotRegistered)
	}
}

/// Registers `asset` for `holder` in the mock registry.
pub fn register_asset(asset: u64, holder: u64) {
	ASSETS.with(|assets| assets.borrow_mut().insert(asset, holder));
}

/// An IP workstation.
pub const STATION: u64 = 1;
/// A right holder.
pub const HOLDER: u64 = 2;
/// Holds a role, but neither `Workstation` nor `Holder`.
pub const BANK: u64 = 3;

/// Timestamp of block 1 in `new_test_ext`, Unix milliseconds.
pub const GENESIS_NOW: u64 = 1_700_000_000_000;

/// Externalities with the accounts above, at block 1 with its timestamp set.
pub fn new_test_ext() -> sp_io::TestExternalities {
	ASSETS.with(|assets| assets.borrow_mut().clear());
	let storage = RuntimeGenesisConfig {
		system: Default::default(),
		roles: pallet_roles::GenesisConfig {
			roles: vec![
				(STATION, vec![Role::Workstation]),
				(HOLDER, vec![Role::Holder]),
				(BANK, vec![Role::Bank]),
			],
			tx_quota: 0,
			daily_budget: Default::default(),
		},
	}
	.build_storage()
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		Timestamp::set_timestamp(GENESIS_NOW);
	});
	ext
}
