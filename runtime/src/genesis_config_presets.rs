//! Genesis presets. `development`: one validator (Alice) and sudo. `local_testnet`: the four Wuhan
//! validators on dev keys — Donghu = Alice, Qiaokou = Bob, Jianghan = Charlie, Bureau = Dave — and
//! no sudo key. In both, //Alice … //Eve hold roles so the CLI works out of the box; //Ferdie holds none
//! (it shows what an unregistered account gets: a rejection at the pool).

use crate::{AccountId, RuntimeGenesisConfig, SessionKeys};
use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use iprchain_primitives::Role;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_core::OpaquePeerId;
use sp_genesis_builder::{PresetId, DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// The four Wuhan validators of the local testnet, in authority order, with the dev key each uses.
pub const WUHAN_VALIDATORS: [(&str, Sr25519Keyring, Ed25519Keyring); 4] = [
	("Donghu", Sr25519Keyring::Alice, Ed25519Keyring::Alice),
	("Qiaokou", Sr25519Keyring::Bob, Ed25519Keyring::Bob),
	("Jianghan", Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
	("Bureau", Sr25519Keyring::Dave, Ed25519Keyring::Dave),
];

/// libp2p peer ids (multihash bytes) of the four validators' published development node keys
/// (`scripts/local-net.sh`, the integration tests' `test_node_key(0..4)`): the well-known nodes of
/// pallet-node-authorization. Never use these keys on a real network.
pub const WUHAN_DEV_PEER_IDS: [[u8; 38]; 4] = [
	peer_id_bytes(hex_literal("b878b4af7502ae5bd44fe80c72af407055b97bac3ca88092ac3c515bea23f7d4")),
	peer_id_bytes(hex_literal("75927b8b151f67fb5394002c7b123e000c3c1bbcd153639782ab2d2c9b2844f7")),
	peer_id_bytes(hex_literal("9712d6e3b08cfc0315f476f6eee67f7e74ec28d53212a3bb23c43b2a3ae0525b")),
	peer_id_bytes(hex_literal("f2eff3a8f486192f68de2e3f16780a763cf6041d1b3c7041019de6b5e4ceb917")),
];

/// A libp2p peer id of an ed25519 key: identity multihash of the protobuf-encoded public key.
const fn peer_id_bytes(public: [u8; 32]) -> [u8; 38] {
	let mut out = [0u8; 38];
	let prefix = [0x00, 0x24, 0x08, 0x01, 0x12, 0x20];
	let mut i = 0;
	while i < 6 {
		out[i] = prefix[i];
		i += 1;
	}
	while i < 38 {
		out[i] = public[i - 6];
		i += 1;
	}
	out
}

const fn hex_literal(text: &str) -> [u8; 32] {
	const fn nibble(c: u8) -> u8 {
		match c {
			b'0'..=b'9' => c - b'0',
			b'a'..=b'f' => c - b'a' + 10,
			_ => panic!("lower-case hex expected"),
		}
	}
	let bytes = text.as_bytes();
	let mut out = [0u8; 32];
	let mut i = 0;
	while i < 32 {
		out[i] = nibble(bytes[2 * i]) << 4 | nibble(bytes[2 * i + 1]);
		i += 1;
	}
	out
}

/// The council: the four operators (Donghu, Qiaokou, Jianghan, Bureau).
pub fn council_members() -> Vec<AccountId> {
	WUHAN_VALIDATORS.iter().map(|(_, account, _)| account.to_account_id()).collect()
}

/// Well-known nodes and the operator account owning each.
pub fn well_known_nodes() -> Vec<(OpaquePeerId, AccountId)> {
	WUHAN_DEV_PEER_IDS
		.iter()
		.zip(WUHAN_VALIDATORS.iter())
		.map(|(peer, (_, account, _))| (OpaquePeerId(peer.to_vec()), account.to_account_id()))
		.collect()
}

/// Signed transactions one account may have in a block. High enough for a workstation's batch uploads,
/// low enough that one compromised key cannot fill blocks; the council can change it.
pub const DEFAULT_TX_QUOTA: u32 = 500;

/// The presets' daily budget: generous enough for the benchmarks' bursts from one account, and a bound
/// all the same. docs/performance.md ("State growth") gives the disk a year at a budget costs and the
/// figures a production chain spec should set (`roles.dailyBudget`).
pub const DEFAULT_DAILY_BUDGET: pallet_roles::DailyBudget =
	pallet_roles::DailyBudget { tx_per_day: 1_000_000, holders_per_day: 1_000 };

/// Registration periods of both presets: seconds and minutes instead of days and years, so a whole
/// lifecycle (notice, registration, renewal window, expiry) fits in a test or a demonstration.
/// Production chain specs set `dataIp.periods` to `Periods::PRODUCTION` (15 days, 3 years, 90 days).
pub const SCENARIO_PERIODS: pallet_data_ip::Periods =
	pallet_data_ip::Periods { notice_ms: 10_000, validity_ms: 600_000, renewal_window_ms: 120_000 };

/// Roles of the well-known dev accounts.
pub fn dev_roles() -> Vec<(AccountId, Vec<Role>)> {
	vec![
		(Sr25519Keyring::Alice.to_account_id(), vec![Role::Workstation, Role::Registrar]),
		(Sr25519Keyring::Bob.to_account_id(), vec![Role::Workstation, Role::Holder]),
		(Sr25519Keyring::Charlie.to_account_id(), vec![Role::Holder, Role::Appraiser]),
		(Sr25519Keyring::Dave.to_account_id(), vec![Role::Bank, Role::Insurer]),
		(Sr25519Keyring::Eve.to_account_id(), vec![Role::Court, Role::Holder]),
	]
}

fn genesis(
	authorities: Vec<(AccountId, AuraId, GrandpaId)>,
	roles: Vec<(AccountId, Vec<Role>)>,
	sudo: Option<AccountId>,
) -> Value {
	// Aura and GRANDPA get their authorities from the first session, not from their own genesis.
	build_struct_json_patch!(RuntimeGenesisConfig {
		validator_manager: pallet_validator_manager::GenesisConfig {
			initial_validators: authorities.iter().map(|(account, _, _)| account.clone()).collect::<Vec<_>>(),
		},
		session: pallet_session::GenesisConfig {
			keys: authorities
				.iter()
				.map(|(account, aura, grandpa)| {
					(
						account.clone(),
						account.clone(),
						SessionKeys { aura: aura.clone(), grandpa: grandpa.clone() },
					)
				})
				.collect::<Vec<_>>(),
		},
		sudo: pallet_sudo::GenesisConfig { key: sudo },
		roles: pallet_roles::GenesisConfig {
			roles,
			tx_quota: DEFAULT_TX_QUOTA,
			daily_budget: DEFAULT_DAILY_BUDGET,
		},
		council: pallet_collective::GenesisConfig { members: council_members() },
		node_authorization: pallet_node_authorization::GenesisConfig { nodes: well_known_nodes() },
		data_ip: pallet_data_ip::GenesisConfig { periods: SCENARIO_PERIODS },
	})
}

fn authority(aura: Sr25519Keyring, grandpa: Ed25519Keyring) -> (AccountId, AuraId, GrandpaId) {
	(aura.to_account_id(), aura.public().into(), grandpa.public().into())
}

/// The `development` preset.
pub fn development_config_genesis() -> Value {
	genesis(
		vec![authority(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		dev_roles(),
		Some(Sr25519Keyring::Alice.to_account_id()),
	)
}

/// The `local_testnet` preset.
pub fn local_testnet_genesis() -> Value {
	genesis(
		WUHAN_VALIDATORS.iter().map(|(_, aura, grandpa)| authority(*aura, *grandpa)).collect(),
		dev_roles(),
		None,
	)
}

/// The JSON of preset `id`, if it exists.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		DEV_RUNTIME_PRESET => development_config_genesis(),
		LOCAL_TESTNET_RUNTIME_PRESET => local_testnet_genesis(),
		_ => return None,
	};
	Some(serde_json::to_string(&patch).expect("serialization to json is expected to work; qed").into_bytes())
}

/// Names of the presets this runtime offers.
pub fn preset_names() -> Vec<PresetId> {
	vec![PresetId::from(DEV_RUNTIME_PRESET), PresetId::from(LOCAL_TESTNET_RUNTIME_PRESET)]
}
