//! A runtime with `frame_system` and this pallet, with roles, the registry, deposits, infringement
//! links and time held in thread-locals so each test sets exactly what it needs.

use crate as pallet_insurance;
use core::{cell::RefCell, time::Duration};
use frame_support::{
	derive_impl,
	traits::{ConstU32, UnixTime},
};
use iprchain_primitives::{
	AssetRegistry, Digest, EnforceError, EvidenceInspect, HashAlgo, Role, RoleInspect, Subject,
};
use sp_runtime::BuildStorage;
use std::collections::{BTreeMap, BTreeSet};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Insurance: pallet_insurance,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

/// Maximum subjects per policy of the mock.
pub const MAX_SUBJECTS: u32 = 3;
/// Maximum policy number length of the mock.
pub const MAX_POLICY_NO_LEN: u32 = 16;
/// Maximum policies per subject of the mock.
pub const MAX_POLICIES_PER_SUBJECT: u32 = 2;
/// Maximum claims per policy of the mock.
pub const MAX_CLAIMS_PER_POLICY: u32 = 3;

impl pallet_insurance::Config for Test {
	type Roles = MockRoles;
	type Assets = MockRegistry;
	type Evidence = MockEvidence;
	type TimeProvider = MockTime;
	type MaxSubjects = ConstU32<MAX_SUBJECTS>;
	type MaxPolicyNoLen = ConstU32<MAX_POLICY_NO_LEN>;
	type MaxPoliciesPerSubject = ConstU32<MAX_POLICIES_PER_SUBJECT>;
	type MaxClaimsPerPolicy = ConstU32<MAX_CLAIMS_PER_POLICY>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockRoles;
}

thread_local! {
	static ROLES: RefCell<BTreeSet<(u64, Role)>> = const { RefCell::new(BTreeSet::new()) };
	/// Each asset's holder and the end of its registration's validity (`None`: not registered).
	static ASSETS: RefCell<BTreeMap<u64, (u64, Option<u64>)>> = const { RefCell::new(BTreeMap::new()) };
	static DEPOSITS: RefCell<BTreeSet<(HashAlgo, Digest)>> = const { RefCell::new(BTreeSet::new()) };
	static LINKS: RefCell<BTreeSet<(HashAlgo, Digest, Subject)>> = const { RefCell::new(BTreeSet::new()) };
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

/// The registry read from the thread-local map; this pallet only asks whether assets are registered.
pub struct MockRegistry;

impl AssetRegistry<u64> for MockRegistry {
	fn holder(asset: u64) -> Option<u64> {
		ASSETS.with(|assets| assets.borrow().get(&asset).map(|(holder, _)| *holder))
	}

	fn is_registered(asset: u64, now_ms: u64) -> bool {
		ASSETS
			.with(|assets| assets.borrow().get(&asset).and_then(|(_, until)| *until))
			.is_some_and(|until| now_ms < until)
	}

	fn is_frozen(_asset: u64, _now_ms: u64) -> bool {
		false
	}

	fn enforce_transfer(_asset: u64, _to: &u64, _actor: &u64) -> Result<(), EnforceError> {
		unreachable!("the insurance pallet never moves assets")
	}
}

/// Registers `asset` for `holder`, valid until [`REGISTERED_UNTIL_MS`].
pub fn register(asset: u64, holder: u64) {
	ASSETS.with(|assets| assets.borrow_mut().insert(asset, (holder, Some(REGISTERED_UNTIL_MS))));
}

/// Sets the end of the registration of `asset`; `None` makes it unregistered (pending, cancelled,
/// revoked, ...).
pub fn set_valid_until(asset: u64, valid_until_ms: Option<u64>) {
	ASSETS.with(|assets| {
		assets.borrow_mut().get_mut(&asset).expect("mock asset exists").1 = valid_until_ms;
	});
}

/// Deposits and infringement links read from the thread-local sets.
pub struct MockEvidence;

impl EvidenceInspect for MockEvidence {
	fn is_deposited(algo: HashAlgo, digest: Digest) -> bool {
		DEPOSITS.with(|deposits| deposits.borrow().contains(&(algo, digest)))
	}

	fn is_infringement_of(algo: HashAlgo, digest: Digest, subject: &Subject) -> bool {
		LINKS.with(|links| links.borrow().contains(&(algo, digest, *subject)))
	}
}

/// Makes `(algo, digest)` count as deposited.
pub fn deposit(algo: HashAlgo, digest: Digest) {
	DEPOSITS.with(|deposits| deposits.borrow_mut().insert((algo, digest)));
}

/// Makes `(algo, digest)` no longer count as deposited (a deposit cannot be removed on chain; this
/// only exercises the check).
pub fn undeposit(algo: HashAlgo, digest: Digest) {
	DEPOSITS.with(|deposits| deposits.borrow_mut().remove(&(algo, digest)));
}

/// Links the deposit `(algo, digest)` as infringement evidence of `subject`.
pub fn link(algo: HashAlgo, digest: Digest, subject: Subject) {
	LINKS.with(|links| links.borrow_mut().insert((algo, digest, subject)));
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64> for MockRoles {
	fn grant_role(who: &u64, role: Role) {
		grant(*who, role);
	}

	fn register_asset(holder: &u64) -> u64 {
		let asset = ASSETS.with(|assets| assets.borrow().keys().next_back().map_or(0, |last| last + 1));
		ASSETS.with(|assets| assets.borrow_mut().insert(asset, (*holder, Some(u64::MAX))));
		asset
	}

	fn deposit_evidence(algo: HashAlgo, digest: Digest) {
		deposit(algo, digest);
	}

	fn link_infringement(algo: HashAlgo, digest: Digest, subject: &Subject) {
		deposit(algo, digest);
		link(algo, digest, *subject);
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

/// An insurer.
pub const INSURER: u64 = 1;
/// A second insurer.
pub const INSURER2: u64 = 2;
/// The insured: a right holder.
pub const INSURED: u64 = 3;
/// Another right holder.
pub const HOLDER2: u64 = 4;
/// Holds no role.
pub const NOBODY: u64 = 7;

/// An asset registered for [`INSURED`].
pub const ASSET: u64 = 10;
/// A second asset registered for [`INSURED`].
pub const ASSET2: u64 = 11;
/// An asset the registry knows but that is not registered (an application under notice).
pub const PENDING_ASSET: u64 = 12;
/// An asset id the registry does not know.
pub const UNKNOWN_ASSET: u64 = 99;

/// A deposited work of [`INSURED`].
pub const WORK: Subject = Subject::Evidence { algo: HashAlgo::Sha256, digest: [0xa1; 32] };
/// A work nobody deposited.
pub const UNDEPOSITED_WORK: Subject = Subject::Evidence { algo: HashAlgo::Sm3, digest: [0xa2; 32] };
/// Algorithm of the infringement evidence.
pub const INFRINGEMENT_ALGO: HashAlgo = HashAlgo::Sm3;
/// Digest of the infringement evidence: deposited and linked to [`ASSET`], [`ASSET2`] and [`WORK`].
pub const INFRINGEMENT: Digest = [0xe1; 32];
/// Digest of deposited evidence linked to nothing.
pub const UNLINKED: Digest = [0xe2; 32];

/// 2026-11-15T00:00:00Z, Unix milliseconds.
pub const START_MS: u64 = 1_794_700_800_000;
/// End of the mock registrations' validity, well after every policy term the tests use.
pub const REGISTERED_UNTIL_MS: u64 = START_MS + 1_000_000;

/// Externalities at block 1, with the clock at [`START_MS`], the accounts above holding their roles,
/// [`ASSET`] and [`ASSET2`] registered for [`INSURED`], [`PENDING_ASSET`] not registered, [`WORK`],
/// [`INFRINGEMENT`] and [`UNLINKED`] deposited, and [`INFRINGEMENT`] linked to both assets and the
/// work.
pub fn new_test_ext() -> sp_io::TestExternalities {
	ROLES.with(|roles| {
		*roles.borrow_mut() = [
			(INSURER, Role::Insurer),
			(INSURER2, Role::Insurer),
			(INSURED, Role::Holder),
			(HOLDER2, Role::Holder),
		]
		.into_iter()
		.collect();
	});
	ASSETS.with(|assets| assets.borrow_mut().clear());
	DEPOSITS.with(|deposits| deposits.borrow_mut().clear());
	LINKS.with(|links| links.borrow_mut().clear());
	set_now(START_MS);
	register(ASSET, INSURED);
	register(ASSET2, INSURED);
	register(PENDING_ASSET, INSURED);
	set_valid_until(PENDING_ASSET, None);
	let Subject::Evidence { algo, digest } = WORK else { unreachable!("WORK is a deposit") };
	deposit(algo, digest);
	deposit(INFRINGEMENT_ALGO, INFRINGEMENT);
	deposit(INFRINGEMENT_ALGO, UNLINKED);
	for subject in [Subject::Asset(ASSET), Subject::Asset(ASSET2), WORK] {
		link(INFRINGEMENT_ALGO, INFRINGEMENT, subject);
	}
	let storage = RuntimeGenesisConfig { system: Default::default() }.build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}
