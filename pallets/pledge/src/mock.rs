//! A runtime with `frame_system` and this pallet, with roles, the registry, valuations and time held in
//! thread-locals so each test sets exactly what it needs.

use crate as pallet_pledge;
use core::{cell::RefCell, time::Duration};
use frame_support::{
	derive_impl,
	traits::{ConstU64, UnixTime},
};
use iprchain_primitives::{
	AssetRegistry, CurrentValuation, EnforceError, Role, RoleInspect, ValuationInspect,
};
use sp_runtime::BuildStorage;
use std::collections::{BTreeMap, BTreeSet};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Pledging: pallet_pledge,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

/// How long a proposal may be accepted in the mock, milliseconds.
pub const PROPOSAL_TTL_MS: u64 = 1_000;
/// Enforcement grace after maturity in the mock, milliseconds.
pub const GRACE_MS: u64 = 500;

impl pallet_pledge::Config for Test {
	type Assets = MockRegistry;
	type Valuations = MockValuations;
	type Roles = MockRoles;
	type TimeProvider = MockTime;
	type ProposalTtlMs = ConstU64<PROPOSAL_TTL_MS>;
	type EnforcementGraceMs = ConstU64<GRACE_MS>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockRoles;
}

/// An asset as the mock registry keeps it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MockAsset {
	/// Its holder.
	pub holder: u64,
	/// End of its registration's validity; `None` when not registered (pending, cancelled, ...).
	pub valid_until_ms: Option<u64>,
	/// Whether a court freeze is in force.
	pub frozen: bool,
}

thread_local! {
	static ROLES: RefCell<BTreeSet<(u64, Role)>> = const { RefCell::new(BTreeSet::new()) };
	static ASSETS: RefCell<BTreeMap<u64, MockAsset>> = const { RefCell::new(BTreeMap::new()) };
	static VALUATIONS: RefCell<BTreeMap<u64, CurrentValuation>> = const { RefCell::new(BTreeMap::new()) };
	static ENFORCE_FAILURE: RefCell<Option<EnforceError>> = const { RefCell::new(None) };
	static ENFORCED: RefCell<Vec<(u64, u64, u64)>> = const { RefCell::new(Vec::new()) };
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
pub fn revoke(who: u64, role: Role) {
	ROLES.with(|roles| roles.borrow_mut().remove(&(who, role)));
}

/// The registry read from the thread-local map.
pub struct MockRegistry;

impl AssetRegistry<u64> for MockRegistry {
	fn holder(asset: u64) -> Option<u64> {
		mock_asset(asset).map(|record| record.holder)
	}

	fn is_registered(asset: u64, now_ms: u64) -> bool {
		mock_asset(asset).and_then(|record| record.valid_until_ms).is_some_and(|until| now_ms < until)
	}

	fn is_frozen(asset: u64, _now_ms: u64) -> bool {
		mock_asset(asset).is_some_and(|record| record.frozen)
	}

	fn enforce_transfer(asset: u64, to: &u64, actor: &u64) -> Result<(), EnforceError> {
		if let Some(error) = ENFORCE_FAILURE.with(|failure| *failure.borrow()) {
			return Err(error);
		}
		let now = now();
		if mock_asset(asset).is_none() {
			return Err(EnforceError::UnknownAsset);
		}
		if !Self::is_registered(asset, now) {
			return Err(EnforceError::NotRegistered);
		}
		if Self::is_frozen(asset, now) {
			return Err(EnforceError::Frozen);
		}
		if !MockRoles::has_role(to, Role::Holder) {
			return Err(EnforceError::RecipientNotHolder);
		}
		update_asset(asset, |record| record.holder = *to);
		ENFORCED.with(|log| log.borrow_mut().push((asset, *to, *actor)));
		Ok(())
	}
}

/// The asset `asset` of the mock registry.
pub fn mock_asset(asset: u64) -> Option<MockAsset> {
	ASSETS.with(|assets| assets.borrow().get(&asset).cloned())
}

fn update_asset(asset: u64, f: impl FnOnce(&mut MockAsset)) {
	ASSETS.with(|assets| f(assets.borrow_mut().get_mut(&asset).expect("mock asset exists")));
}

/// Registers `asset` for `holder`, unfrozen and valid until [`REGISTERED_UNTIL_MS`].
pub fn register(asset: u64, holder: u64) {
	let record = MockAsset { holder, valid_until_ms: Some(REGISTERED_UNTIL_MS), frozen: false };
	ASSETS.with(|assets| assets.borrow_mut().insert(asset, record));
}

/// Sets the holder of `asset`.
pub fn set_holder(asset: u64, holder: u64) {
	update_asset(asset, |record| record.holder = holder);
}

/// Sets the end of the registration of `asset`; `None` makes it unregistered.
pub fn set_valid_until(asset: u64, valid_until_ms: Option<u64>) {
	update_asset(asset, |record| record.valid_until_ms = valid_until_ms);
}

/// Puts a court freeze on `asset` in force, or lifts it.
pub fn set_frozen(asset: u64, frozen: bool) {
	update_asset(asset, |record| record.frozen = frozen);
}

/// Makes the next `enforce_transfer` calls fail with `error`, or stop failing with `None`.
pub fn fail_enforce(error: Option<EnforceError>) {
	ENFORCE_FAILURE.with(|failure| *failure.borrow_mut() = error);
}

/// Every successful `enforce_transfer` so far: `(asset, to, actor)`.
pub fn enforced() -> Vec<(u64, u64, u64)> {
	ENFORCED.with(|log| log.borrow().clone())
}

/// Valuations read from the thread-local map, each current until its `valid_until_ms`.
pub struct MockValuations;

impl ValuationInspect for MockValuations {
	fn current(asset: u64, now_ms: u64) -> Option<CurrentValuation> {
		VALUATIONS
			.with(|valuations| valuations.borrow().get(&asset).copied())
			.filter(|valuation| now_ms < valuation.valid_until_ms)
	}
}

/// Sets the current valuation of `asset`, or removes it with `None`.
pub fn set_valuation(asset: u64, valuation: Option<CurrentValuation>) {
	VALUATIONS.with(|valuations| match valuation {
		Some(valuation) => valuations.borrow_mut().insert(asset, valuation),
		None => valuations.borrow_mut().remove(&asset),
	});
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64> for MockRoles {
	fn grant_role(who: &u64, role: Role) {
		grant(*who, role);
	}

	fn register_asset(holder: &u64) -> u64 {
		let asset = ASSETS.with(|assets| assets.borrow().keys().next_back().map_or(0, |last| last + 1));
		let record = MockAsset { holder: *holder, valid_until_ms: Some(u64::MAX), frozen: false };
		ASSETS.with(|assets| assets.borrow_mut().insert(asset, record));
		asset
	}

	fn value_asset(asset: u64) {
		set_valuation(
			asset,
			Some(CurrentValuation { index: 0, value_fen: VALUE_FEN, valid_until_ms: u64::MAX }),
		);
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
/// A second right holder.
pub const HOLDER2: u64 = 2;
/// A bank; it does not hold the `Holder` role.
pub const BANK: u64 = 3;
/// A second bank.
pub const BANK2: u64 = 4;
/// A buyer on enforcement: a right holder.
pub const BUYER: u64 = 5;
/// Holds no role.
pub const NOBODY: u64 = 7;

/// The asset registered for [`HOLDER`] and valued.
pub const ASSET: u64 = 10;
/// A second asset registered for [`HOLDER`] and valued.
pub const ASSET2: u64 = 11;
/// An asset id the registry does not know.
pub const UNKNOWN_ASSET: u64 = 99;

/// 2026-11-15T00:00:00Z, Unix milliseconds.
pub const START_MS: u64 = 1_794_700_800_000;
/// End of the mock registrations' validity, well after every maturity the tests use.
pub const REGISTERED_UNTIL_MS: u64 = START_MS + 1_000_000;
/// Value of the mock valuations, fen (5 million yuan).
pub const VALUE_FEN: u128 = 500_000_000;
/// Index of the mock valuations.
pub const VALUATION_INDEX: u32 = 2;

/// Externalities at block 1, with the clock at [`START_MS`], the accounts above holding their roles,
/// [`ASSET`] and [`ASSET2`] registered for [`HOLDER`], each with a current valuation, and nothing
/// enforced.
pub fn new_test_ext() -> sp_io::TestExternalities {
	ROLES.with(|roles| {
		*roles.borrow_mut() = [
			(HOLDER, Role::Holder),
			(HOLDER2, Role::Holder),
			(BANK, Role::Bank),
			(BANK2, Role::Bank),
			(BUYER, Role::Holder),
		]
		.into_iter()
		.collect();
	});
	ASSETS.with(|assets| assets.borrow_mut().clear());
	VALUATIONS.with(|valuations| valuations.borrow_mut().clear());
	ENFORCED.with(|log| log.borrow_mut().clear());
	fail_enforce(None);
	set_now(START_MS);
	for asset in [ASSET, ASSET2] {
		register(asset, HOLDER);
		set_valuation(
			asset,
			Some(CurrentValuation {
				index: VALUATION_INDEX,
				value_fen: VALUE_FEN,
				valid_until_ms: REGISTERED_UNTIL_MS,
			}),
		);
	}
	let storage = RuntimeGenesisConfig { system: Default::default() }.build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}
