//! A runtime with `frame_system`, `pallet_session` and this pallet as its `SessionManager`, listed
//! before `Session` as the real runtime must. Session keys are the test-only `UintAuthorityId`, and
//! sessions last [`SESSION_LENGTH`] blocks.

use crate as pallet_validator_manager;
use frame_support::{derive_impl, traits::ConstU32, traits::ConstU64};
use frame_system::EnsureRoot;
use sp_runtime::{testing::UintAuthorityId, traits::ConvertInto, BuildStorage};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		ValidatorManager: pallet_validator_manager,
		Session: pallet_session,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

/// Blocks per session.
pub const SESSION_LENGTH: u64 = 5;

type Sessions = pallet_session::PeriodicSessions<ConstU64<SESSION_LENGTH>, ConstU64<0>>;

impl pallet_session::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = u64;
	type ValidatorIdOf = ConvertInto;
	type ShouldEndSession = Sessions;
	type NextSessionRotation = Sessions;
	type SessionManager = ValidatorManager;
	type SessionHandler = pallet_session::TestSessionHandler;
	type Keys = UintAuthorityId;
	type DisablingStrategy = ();
	type WeightInfo = ();
	type Currency = crate::NoBalances;
	type KeyDeposit = ();
}

impl pallet_validator_manager::Config for Test {
	type ManagerOrigin = EnsureRoot<u64>;
	type MinValidators = ConstU32<2>;
	type MaxValidators = ConstU32<4>;
	type WeightInfo = ();
}

/// The validators of [`new_test_ext`], all with session keys.
pub const GENESIS_VALIDATORS: [u64; 3] = [1, 2, 3];
/// Not validators, but with session keys from genesis.
pub const CANDIDATE: u64 = 4;
/// Like [`CANDIDATE`]: with it, [`new_test_ext`] has one candidate more than there is room for.
pub const CANDIDATE_2: u64 = 5;
/// Neither a validator nor with session keys.
pub const OUTSIDER: u64 = 9;

/// Session keys of `who`: its own number, so keys never collide.
pub fn keys_of(who: u64) -> UintAuthorityId {
	UintAuthorityId(who)
}

/// Genesis of this pallet and of pallet-session: `initial` is this pallet's `initialValidators`,
/// `session_keys` the accounts of pallet-session's `keys` and `candidates` those of its
/// `non_authority_keys`.
pub fn genesis(initial: Vec<u64>, session_keys: Vec<u64>, candidates: Vec<u64>) -> RuntimeGenesisConfig {
	let with_keys = |accounts: Vec<u64>| accounts.into_iter().map(|a| (a, a, keys_of(a))).collect();
	RuntimeGenesisConfig {
		system: Default::default(),
		validator_manager: pallet_validator_manager::GenesisConfig { initial_validators: initial },
		session: pallet_session::GenesisConfig {
			keys: with_keys(session_keys),
			non_authority_keys: with_keys(candidates),
		},
	}
}

/// Externalities built from `config`, at block 1 so events are recorded.
pub fn ext_with(config: RuntimeGenesisConfig) -> sp_io::TestExternalities {
	let mut ext = sp_io::TestExternalities::new(config.build_storage().unwrap());
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Externalities with [`GENESIS_VALIDATORS`] as the set and [`CANDIDATE`] and [`CANDIDATE_2`] holding
/// session keys.
pub fn new_test_ext() -> sp_io::TestExternalities {
	ext_with(genesis(GENESIS_VALIDATORS.to_vec(), GENESIS_VALIDATORS.to_vec(), vec![CANDIDATE, CANDIDATE_2]))
}
