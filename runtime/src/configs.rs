//! Configuration of each pallet in the runtime.

use crate::*;
use frame_support::traits::EitherOfDiverse;
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstBool, ConstU32, ConstU64},
	weights::{
		constants::{RocksDbWeight, WEIGHT_REF_TIME_PER_SECOND},
		Weight,
	},
};
use frame_system::EnsureRoot;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_core::Void;
use sp_runtime::Perbill;

const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

parameter_types! {
	pub const BlockHashCount: BlockNumber = 2400;
	pub const Version: RuntimeVersion = VERSION;
	/// Half of a 2 s slot for execution leaves the rest for propagation and import.
	pub RuntimeBlockWeights: frame_system::limits::BlockWeights =
		frame_system::limits::BlockWeights::with_sensible_defaults(
			Weight::from_parts(WEIGHT_REF_TIME_PER_SECOND, u64::MAX),
			NORMAL_DISPATCH_RATIO,
		);
	pub RuntimeBlockLength: frame_system::limits::BlockLength =
		frame_system::limits::BlockLength::builder()
			.max_length(5 * 1024 * 1024)
			.modify_max_length_for_class(frame_support::dispatch::DispatchClass::Normal, |max| {
				*max = NORMAL_DISPATCH_RATIO * *max
			})
			.build();
	pub const SS58Prefix: u8 = 42;
}

/// The calls no signed account may make; everything else passes (root is never filtered).
///
/// pallet-node-authorization's self-service calls — `claim_node`, `remove_claim`, `transfer_node`,
/// `add_connections`, `remove_connections` — take vectors with no bound, are decoded and rewritten
/// whole under a flat weight, and would let any member grow that storage and make every importer pay
/// for it. Who may peer is the council's decision here (`add_well_known_node`, `remove_well_known_node`,
/// `swap_well_known_node`, `reset_well_known_nodes`, reached through `CouncilRoot`), so the
/// self-service calls are closed to everyone. `CheckRole` refuses them at the pool too.
pub struct MemberCallFilter;

impl frame_support::traits::Contains<RuntimeCall> for MemberCallFilter {
	fn contains(call: &RuntimeCall) -> bool {
		use pallet_node_authorization::Call as Peers;
		!matches!(
			call,
			RuntimeCall::NodeAuthorization(
				Peers::claim_node { .. }
					| Peers::remove_claim { .. }
					| Peers::transfer_node { .. }
					| Peers::add_connections { .. }
					| Peers::remove_connections { .. }
			)
		)
	}
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type BaseCallFilter = MemberCallFilter;
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = BlockHashCount;
	type DbWeight = RocksDbWeight;
	type Version = Version;
	// Feeless: accounts carry no balance; pallet-roles provides the reference that keeps them alive.
	type AccountData = ();
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = ConstU32<32>;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = ConstU32<32>;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	type KeyOwnerProof = Void;
	type EquivocationReportSystem = ();
}

impl pallet_timestamp::Config for Runtime {
	/// Unix time in milliseconds.
	type Moment = u64;
	type OnTimestampSet = Aura;
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = ();
}

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
}

/// The consortium council: the three workstations and the Data Bureau.
pub type CouncilCollective = pallet_collective::Instance1;

/// Root (the development chain's sudo) or two thirds of the council: who manages roles, validators,
/// authorized nodes and council membership.
pub type CouncilOrRoot = EitherOfDiverse<
	EnsureRoot<AccountId>,
	pallet_collective::EnsureProportionAtLeast<AccountId, CouncilCollective, 2, 3>,
>;

parameter_types! {
	/// A motion not closed within a day lapses.
	pub const CouncilMotionDuration: BlockNumber = 24 * 60 * 60 * 1000 / (MILLISECS_PER_BLOCK as BlockNumber);
	pub const CouncilMaxProposals: u32 = 100;
	pub const CouncilMaxMembers: u32 = 16;
	pub MaxProposalWeight: Weight = Perbill::from_percent(50) * RuntimeBlockWeights::get().max_block;
}

impl pallet_collective::Config<CouncilCollective> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = CouncilMotionDuration;
	type MaxProposals = CouncilMaxProposals;
	type MaxMembers = CouncilMaxMembers;
	type DefaultVote = pallet_collective::PrimeDefaultVote;
	type WeightInfo = pallet_collective::weights::SubstrateWeight<Runtime>;
	type SetMembersOrigin = CouncilOrRoot;
	type MaxProposalWeight = MaxProposalWeight;
	type DisapproveOrigin = CouncilOrRoot;
	type KillOrigin = CouncilOrRoot;
	// Feeless: a motion costs no deposit; only council members can propose anyway.
	type Consideration = ();
}

parameter_types! {
	/// A session is 10 blocks (20 s): a validator set change takes effect within two sessions.
	pub const SessionPeriod: BlockNumber = 10;
	pub const SessionOffset: BlockNumber = 0;
}

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = sp_runtime::traits::ConvertInto;
	type ShouldEndSession = pallet_session::PeriodicSessions<SessionPeriod, SessionOffset>;
	type NextSessionRotation = pallet_session::PeriodicSessions<SessionPeriod, SessionOffset>;
	type SessionManager = ValidatorManager;
	type SessionHandler = <SessionKeys as sp_runtime::traits::OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	type DisablingStrategy = ();
	type WeightInfo = ();
	// No balances on this chain: registering session keys holds no deposit.
	type Currency = pallet_validator_manager::NoBalances;
	type KeyDeposit = ();
}

impl pallet_validator_manager::Config for Runtime {
	type ManagerOrigin = CouncilOrRoot;
	// Below two validators a single outage stalls finality for good.
	type MinValidators = ConstU32<2>;
	type MaxValidators = ConstU32<32>;
	type WeightInfo = pallet_validator_manager::weights::SubstrateWeight<Runtime>;
}

impl crate::council_root::Config for Runtime {
	type RuntimeCall = RuntimeCall;
	type CouncilOrigin = CouncilOrRoot;
}

impl pallet_node_authorization::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type MaxWellKnownNodes = ConstU32<64>;
	type MaxPeerIdLength = ConstU32<128>;
	type AddOrigin = CouncilOrRoot;
	type RemoveOrigin = CouncilOrRoot;
	type SwapOrigin = CouncilOrRoot;
	type ResetOrigin = CouncilOrRoot;
	type WeightInfo = ();
}

impl pallet_roles::Config for Runtime {
	type ManagerOrigin = CouncilOrRoot;
	type BlocksPerDay = ConstU32<BLOCKS_PER_DAY>;
	type WeightInfo = pallet_roles::weights::SubstrateWeight<Runtime>;
}

impl pallet_evidence::Config for Runtime {
	type Roles = Roles;
	type TimeProvider = Timestamp;
	type Assets = DataIp;
	type WeightInfo = pallet_evidence::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = EvidenceBenchmarkHelper;
}

impl pallet_data_ip::Config for Runtime {
	type Roles = Roles;
	type Evidence = Evidence;
	type Locks = Pledge;
	type TimeProvider = Timestamp;
	type AdminOrigin = CouncilOrRoot;
	type MaxTextLen = ConstU32<256>;
	type MaxEvidenceRefs = ConstU32<16>;
	type MaxLicences = ConstU32<64>;
	type WeightInfo = pallet_data_ip::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = EvidenceBenchmarkHelper;
}

#[cfg(feature = "runtime-benchmarks")]
impl pallet_data_ip::BenchmarkHelper<AccountId> for EvidenceBenchmarkHelper {
	fn grant_role(who: &AccountId, role: iprchain_primitives::Role) {
		let _ = pallet_roles::Pallet::<Runtime>::do_grant_role(who, role);
	}

	fn deposit_evidence(evidence: &pallet_data_ip::EvidenceRef) {
		pallet_evidence::Records::<Runtime>::insert(
			(evidence.algo, evidence.digest),
			iprchain_primitives::EvidenceRecord {
				kind: iprchain_primitives::EvidenceKind::Contract,
				title: Default::default(),
				capture: None,
				submitter: AccountId::new([0; 32]),
				owner: AccountId::new([0; 32]),
				block_number: 0,
				deposited_at: 0,
			},
		);
	}
}

impl pallet_valuation::Config for Runtime {
	type Roles = Roles;
	type Registry = DataIp;
	type TimeProvider = Timestamp;
	type MaxInForce = ConstU32<16>;
	type WeightInfo = pallet_valuation::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = EvidenceBenchmarkHelper;
}

#[cfg(feature = "runtime-benchmarks")]
impl pallet_valuation::BenchmarkHelper<AccountId> for EvidenceBenchmarkHelper {
	fn grant_role(who: &AccountId, role: iprchain_primitives::Role) {
		let _ = pallet_roles::Pallet::<Runtime>::do_grant_role(who, role);
	}

	fn register_asset() -> u64 {
		pallet_data_ip::Pallet::<Runtime>::benchmark_register(AccountId::new([0xbe; 32]))
	}
}

impl pallet_pledge::Config for Runtime {
	type Assets = DataIp;
	type Valuations = Valuation;
	type Roles = Roles;
	type TimeProvider = Timestamp;
	/// A bank has a week to accept a proposal.
	type ProposalTtlMs = ConstU64<{ 7 * DAY_MS }>;
	/// After maturity, a pledge stays enforceable for 30 days, then lapses.
	type EnforcementGraceMs = ConstU64<{ 30 * DAY_MS }>;
	type WeightInfo = pallet_pledge::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = EvidenceBenchmarkHelper;
}

const DAY_MS: u64 = 86_400_000;

#[cfg(feature = "runtime-benchmarks")]
impl pallet_pledge::BenchmarkHelper<AccountId> for EvidenceBenchmarkHelper {
	fn grant_role(who: &AccountId, role: iprchain_primitives::Role) {
		let _ = pallet_roles::Pallet::<Runtime>::do_grant_role(who, role);
	}

	fn register_asset(holder: &AccountId) -> u64 {
		pallet_data_ip::Pallet::<Runtime>::benchmark_register(holder.clone())
	}

	fn value_asset(asset: u64) {
		let index = pallet_valuation::ValuationCount::<Runtime>::get(asset);
		pallet_valuation::Valuations::<Runtime>::insert(
			asset,
			index,
			pallet_valuation::Valuation {
				asset,
				appraiser: AccountId::new([0xab; 32]),
				value_fen: 1_000_000_000,
				method: pallet_valuation::ValuationMethod::Market,
				report_digest: [0; 32],
				valued_at_ms: 0,
				valid_until_ms: u64::MAX,
				withdrawn: None,
			},
		);
		pallet_valuation::ValuationCount::<Runtime>::insert(asset, index + 1);
		// Listed in force, or it would not be the asset's current valuation.
		pallet_valuation::InForce::<Runtime>::mutate(asset, |in_force| {
			let entry = pallet_valuation::InForceEntry {
				index,
				appraiser: AccountId::new([0xab; 32]),
				valid_until_ms: u64::MAX,
			};
			in_force.retain(|other| other.appraiser != entry.appraiser);
			let _ = in_force.try_push(entry);
		});
	}
}

impl pallet_insurance::Config for Runtime {
	type Roles = Roles;
	type Assets = DataIp;
	type Evidence = Evidence;
	type TimeProvider = Timestamp;
	type MaxSubjects = ConstU32<16>;
	type MaxPolicyNoLen = ConstU32<64>;
	type MaxPoliciesPerSubject = ConstU32<64>;
	type MaxClaimsPerPolicy = ConstU32<64>;
	type WeightInfo = pallet_insurance::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = EvidenceBenchmarkHelper;
}

#[cfg(feature = "runtime-benchmarks")]
impl pallet_insurance::BenchmarkHelper<AccountId> for EvidenceBenchmarkHelper {
	fn grant_role(who: &AccountId, role: iprchain_primitives::Role) {
		let _ = pallet_roles::Pallet::<Runtime>::do_grant_role(who, role);
	}

	fn register_asset(holder: &AccountId) -> u64 {
		pallet_data_ip::Pallet::<Runtime>::benchmark_register(holder.clone())
	}

	fn deposit_evidence(algo: iprchain_primitives::HashAlgo, digest: iprchain_primitives::Digest) {
		<Self as pallet_data_ip::BenchmarkHelper<AccountId>>::deposit_evidence(
			&pallet_data_ip::EvidenceRef { algo, digest },
		);
	}

	fn link_infringement(
		algo: iprchain_primitives::HashAlgo,
		digest: iprchain_primitives::Digest,
		subject: &iprchain_primitives::Subject,
	) {
		<Self as pallet_insurance::BenchmarkHelper<AccountId>>::deposit_evidence(algo, digest);
		pallet_evidence::InfringementLinks::<Runtime>::insert(
			(algo, digest),
			subject,
			(AccountId::new([0; 32]), 0),
		);
	}
}

/// Gives benchmark accounts the roles the most expensive deposit path needs.
#[cfg(feature = "runtime-benchmarks")]
pub struct EvidenceBenchmarkHelper;

#[cfg(feature = "runtime-benchmarks")]
impl pallet_evidence::BenchmarkHelper<AccountId> for EvidenceBenchmarkHelper {
	fn grant_role(who: &AccountId, role: iprchain_primitives::Role) {
		let _ = pallet_roles::Pallet::<Runtime>::do_grant_role(who, role);
	}
}
