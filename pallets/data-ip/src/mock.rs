//! A runtime with `frame_system` and this pallet, with roles and time held in thread-locals so each
//! test sets exactly what it needs.

use crate as pallet_data_ip;
use core::{cell::RefCell, time::Duration};
use frame_support::{
	derive_impl,
	traits::{ConstU32, UnixTime},
};
use frame_system::EnsureRoot;
use iprchain_primitives::{Digest, EvidenceInspect, HashAlgo, Role, RoleInspect};
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

/// Notice period of the mock's genesis, milliseconds.
pub const NOTICE_MS: u64 = 1_000;
/// Validity of the mock's genesis, milliseconds.
pub const VALIDITY_MS: u64 = 10_000;
/// Renewal window of the mock's genesis, milliseconds.
pub const RENEWAL_WINDOW_MS: u64 = 2_000;
/// Maximum text length of the mock.
pub const MAX_TEXT_LEN: u32 = 16;
/// Maximum evidence references of the mock.
pub const MAX_EVIDENCE_REFS: u32 = 3;
/// Maximum licences per asset of the mock.
pub const MAX_LICENCES: u32 = 3;

impl pallet_data_ip::Config for Test {
	type Roles = MockRoles;
	type Evidence = MockEvidence;
	type Locks = MockLocks;
	type TimeProvider = MockTime;
	type AdminOrigin = EnsureRoot<u64>;
	type MaxTextLen = ConstU32<MAX_TEXT_LEN>;
	type MaxEvidenceRefs = ConstU32<MAX_EVIDENCE_REFS>;
	type MaxLicences = ConstU32<MAX_LICENCES>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockRoles;
}

thread_local! {
	static ROLES: RefCell<BTreeSet<(u64, Role)>> = const { RefCell::new(BTreeSet::new()) };
	static DEPOSITS: RefCell<BTreeSet<(HashAlgo, Digest)>> = const { RefCell::new(BTreeSet::new()) };
	static NOW_MS: RefCell<u64> = const { RefCell::new(0) };
	static LOCKED: RefCell<BTreeSet<u64>> = const { RefCell::new(BTreeSet::new()) };
}

/// Asset locks (pledges) read from a thread-local set.
pub struct MockLocks;

impl iprchain_primitives::AssetLock for MockLocks {
	fn is_locked(asset: u64, _now_ms: u64) -> bool {
		LOCKED.with(|locked| locked.borrow().contains(&asset))
	}
}

/// Gives `who` `role` as well as the ones it holds.
pub fn grant(who: u64, role: Role) {
	ROLES.with(|roles| roles.borrow_mut().insert((who, role)));
}

/// Locks or unlocks `asset`, as an active pledge would.
pub fn set_locked(asset: u64, locked: bool) {
	LOCKED.with(|set| {
		if locked {
			set.borrow_mut().insert(asset);
		} else {
			set.borrow_mut().remove(&asset);
		}
	});
}

/// Deposited evidence read from the thread-local set.
pub struct MockEvidence;

impl EvidenceInspect for MockEvidence {
	fn is_deposited(algo: HashAlgo, digest: Digest) -> bool {
		DEPOSITS.with(|deposits| deposits.borrow().contains(&(algo, digest)))
	}

	fn is_infringement_of(_algo: HashAlgo, _digest: Digest, _subject: &iprchain_primitives::Subject) -> bool {
		// The registry never asks.
		false
	}
}

/// Makes `evidence` count as deposited.
pub fn deposit(evidence: crate::EvidenceRef) {
	DEPOSITS.with(|deposits| deposits.borrow_mut().insert((evidence.algo, evidence.digest)));
}

/// Deposited SHA-256 evidence with digest `[byte; 32]`, as the tests cite it.
pub fn deposited(byte: u8) -> crate::EvidenceRef {
	let evidence = crate::EvidenceRef { algo: HashAlgo::Sha256, digest: [byte; 32] };
	deposit(evidence);
	evidence
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

	fn deposit_evidence(evidence: &crate::EvidenceRef) {
		deposit(*evidence);
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
/// A second registrar, who decides what the first one may not (its own objections and filings).
pub const REGISTRAR2: u64 = 8;

/// 2026-11-15T00:00:00Z, Unix milliseconds.
pub const START_MS: u64 = 1_794_700_800_000;

/// Externalities at block 1, with the clock at [`START_MS`], the accounts above holding their roles,
/// nothing deposited and the genesis periods above.
pub fn new_test_ext() -> sp_io::TestExternalities {
	ROLES.with(|roles| {
		*roles.borrow_mut() = [
			(HOLDER, Role::Holder),
			(HOLDER2, Role::Holder),
			(STATION, Role::Workstation),
			(REGISTRAR, Role::Registrar),
			(REGISTRAR2, Role::Registrar),
			(COURT, Role::Court),
			(BANK, Role::Bank),
		]
		.into_iter()
		.collect();
	});
	DEPOSITS.with(|deposits| deposits.borrow_mut().clear());
	LOCKED.with(|locked| locked.borrow_mut().clear());
	set_now(START_MS);
	let storage = RuntimeGenesisConfig {
		system: Default::default(),
		data_ip: pallet_data_ip::GenesisConfig {
			periods: pallet_data_ip::Periods {
				notice_ms: NOTICE_MS,
				validity_ms: VALIDITY_MS,
				renewal_window_ms: RENEWAL_WINDOW_MS,
			},
			..Default::default()
		},
	}
	.build_storage()
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}
