//! A runtime with only `frame_system` and this pallet, named `Roles` as in the real runtime so storage
//! keys can be compared with `iprchain_primitives::storage_keys`.

use crate as pallet_roles;
use frame_support::derive_impl;
use frame_system::EnsureRoot;
use iprchain_primitives::Role;
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Roles: pallet_roles,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

/// Blocks in a day of the mock's daily budget.
pub const BLOCKS_PER_DAY: u64 = 10;

impl pallet_roles::Config for Test {
	type ManagerOrigin = EnsureRoot<u64>;
	type BlocksPerDay = frame_support::traits::ConstU64<BLOCKS_PER_DAY>;
	type WeightInfo = ();
}

/// Holds `Registrar` from genesis.
pub const REGISTRAR: u64 = 1;
/// Holds `Workstation` and `Holder` from genesis.
pub const STATION: u64 = 2;
/// Holds no role.
pub const OUTSIDER: u64 = 9;

/// The genesis roles `new_test_ext` starts from.
pub fn genesis_roles() -> Vec<(u64, Vec<Role>)> {
	vec![(REGISTRAR, vec![Role::Registrar]), (STATION, vec![Role::Workstation, Role::Holder])]
}

/// Externalities built from `roles` and `tx_quota`, at block 1 so events are recorded.
pub fn ext_with(roles: Vec<(u64, Vec<Role>)>, tx_quota: u32) -> sp_io::TestExternalities {
	let storage = RuntimeGenesisConfig {
		system: Default::default(),
		roles: pallet_roles::GenesisConfig { roles, tx_quota, daily_budget: Default::default() },
	}
	.build_storage()
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Externalities built from `roles`, without a transaction quota.
pub fn ext_with_roles(roles: Vec<(u64, Vec<Role>)>) -> sp_io::TestExternalities {
	ext_with(roles, 0)
}

/// Externalities with [`genesis_roles`].
pub fn new_test_ext() -> sp_io::TestExternalities {
	ext_with_roles(genesis_roles())
}
