//! The iprchain runtime: a feeless, permissioned FRAME runtime whose only transactions come from
//! accounts holding a registry role (workstation, registrar, holder, appraiser, bank, insurer, court).
#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime`-style macros expand to deeply nested types.
#![recursion_limit = "256"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;
use alloc::vec::Vec;
#[allow(unused_imports)]
use frame_support::instances::Instance1;

pub mod apis;
pub use apis::RuntimeApi;
pub mod configs;
pub mod council_root;
pub mod genesis_config_presets;
pub mod status_api;

use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};
use sp_version::{runtime_version, RuntimeVersion};

pub use iprchain_primitives as primitives;

/// Block number.
pub type BlockNumber = u32;
/// Transaction signature (sr25519, ed25519 or ecdsa).
pub type Signature = MultiSignature;
/// Account id: the public key of the signing scheme.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// Per-account transaction counter.
pub type Nonce = u32;
/// Block and state hash.
pub type Hash = sp_core::H256;

/// Types the node needs without knowing the runtime's extrinsic format.
pub mod opaque {
	use super::*;
	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
}

impl_opaque_keys! {
	/// Keys a validator registers: Aura for authoring, GRANDPA for finality votes.
	pub struct SessionKeys {
		pub aura: Aura,
		pub grandpa: Grandpa,
	}
}

/// Runtime version. Bump `spec_version` on every logic change and `transaction_version` whenever
/// a call's index or arguments change, so clients notice.
#[runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("iprchain"),
	impl_name: alloc::borrow::Cow::Borrowed("iprchain"),
	authoring_version: 1,
	spec_version: 107,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

/// Target block time: 2 s Aura slots.
pub const MILLISECS_PER_BLOCK: u64 = 2000;
/// Slot duration; changing it on a live chain stops block production.
pub const SLOT_DURATION: u64 = MILLISECS_PER_BLOCK;
/// Blocks in a day at the slot duration: the day of the daily budget (`pallet_roles::Budget`).
pub const BLOCKS_PER_DAY: BlockNumber = (24 * 60 * 60 * 1000 / MILLISECS_PER_BLOCK) as BlockNumber;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;
	// Before Session (its genesis set is read by Session's genesis) and Session before Aura and Grandpa
	// (a new session hands them their new authorities).
	#[runtime::pallet_index(7)]
	pub type ValidatorManager = pallet_validator_manager;
	#[runtime::pallet_index(8)]
	pub type Session = pallet_session;
	#[runtime::pallet_index(2)]
	pub type Aura = pallet_aura;
	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;
	#[runtime::pallet_index(4)]
	pub type Sudo = pallet_sudo;
	#[runtime::pallet_index(5)]
	pub type Council = pallet_collective<Instance1>;
	#[runtime::pallet_index(6)]
	pub type NodeAuthorization = pallet_node_authorization;
	#[runtime::pallet_index(9)]
	pub type CouncilRoot = crate::council_root;
	#[runtime::pallet_index(10)]
	pub type Roles = pallet_roles;
	#[runtime::pallet_index(11)]
	pub type Evidence = pallet_evidence;
	#[runtime::pallet_index(12)]
	pub type DataIp = pallet_data_ip;
	#[runtime::pallet_index(13)]
	pub type Valuation = pallet_valuation;
	#[runtime::pallet_index(14)]
	pub type Pledge = pallet_pledge;
	#[runtime::pallet_index(15)]
	pub type Insurance = pallet_insurance;
}

/// Address format in transactions.
pub type Address = MultiAddress<AccountId, ()>;
/// Block header.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// Block.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;

/// Checks every signed transaction goes through. There is no payment extension: the chain is feeless,
/// and `CheckRole` (any role required) replaces fees as the spam bound. It runs before `CheckNonce`, which
/// would otherwise refuse a role-less (and so provider-less) account first, with a misleading
/// "cannot pay fees". `pallet_roles::CheckNonce` is frame-system's nonce check (same identifier and
/// encoding) with a bound on how far ahead of its nonce an account may queue and a fair priority.
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	pallet_roles::CheckRole<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	pallet_roles::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

/// Extrinsic as the runtime decodes it.
pub type UncheckedExtrinsic = generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// What a signer signs.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Storage migrations run at the next runtime upgrade, each guarded by its pallet's storage version so
/// that it runs once (a new chain starts at every pallet's current version and skips them all).
type Migrations = (
	pallet_insurance::migration::v1::MigrateToV1<Runtime>,
	pallet_valuation::migration::v1::MigrateToV1<Runtime>,
	pallet_data_ip::migration::v1::MigrateToV1<Runtime>,
);

/// Dispatches blocks and transactions to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

/// Blocks a transaction signed by the project's clients stays valid: a mortal era of 256 blocks (about
/// 8.5 minutes at 2 s slots) from the block it names as its birth. A transaction that was not
/// included by then can never be included, so a dropped one can be signed again without any risk
/// that the old bytes land later, and old bytes can never be replayed.
pub const TX_MORTALITY_PERIOD: u64 = 256;

/// The transaction extension values a client sends with a signed transaction (everything but the
/// nonce and era is zero-sized or implicit). Kept here so clients and tests build identical ones.
/// `birth_block` is the number of the block whose hash the signature commits to (the era's implicit
/// part); see [`TX_MORTALITY_PERIOD`].
pub fn tx_extension(nonce: Nonce, birth_block: BlockNumber) -> TxExtension {
	(
		frame_system::CheckNonZeroSender::new(),
		pallet_roles::CheckRole::new(),
		frame_system::CheckSpecVersion::new(),
		frame_system::CheckTxVersion::new(),
		frame_system::CheckGenesis::new(),
		frame_system::CheckEra::from(generic::Era::mortal(TX_MORTALITY_PERIOD, u64::from(birth_block))),
		pallet_roles::CheckNonce::from(nonce),
		frame_system::CheckWeight::new(),
		frame_system::WeightReclaim::new(),
	)
}
