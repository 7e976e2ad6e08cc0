//! Genesis presets. `development`: one validator (Alice) and sudo. `local_testnet`: the four Wuhan
//! validators on dev keys — Donghu = Alice, Qiaokou = Bob, Jianghan = Charlie, Bureau = Dave — and
//! no sudo key. In both, //Alice … //Eve hold roles so the CLI works out of the box; //Ferdie holds none
//! (it shows what an unregistered account gets: a rejection at the pool).

use crate::{AccountId, RuntimeGenesisConfig};
use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use iprchain_primitives::Role;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{PresetId, DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// The four Wuhan validators of the local testnet, in authority order, with the dev key each uses.
pub const WUHAN_VALIDATORS: [(&str, Sr25519Keyring, Ed25519Keyring); 4] = [
	("Donghu", Sr25519Keyring::Alice, Ed25519Keyring::Alice),
	("Qiaokou", Sr25519Keyring::Bob, Ed25519Keyring::Bob),
	("Jianghan", Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
	("Bureau", Sr25519Keyring::Dave, Ed25519Keyring::Dave),
];

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
	authorities: Vec<(AuraId, GrandpaId)>,
	roles: Vec<(AccountId, Vec<Role>)>,
	sudo: Option<AccountId>,
) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		aura: pallet_aura::GenesisConfig {
			authorities: authorities.iter().map(|(aura, _)| aura.clone()).collect::<Vec<_>>(),
		},
		grandpa: pallet_grandpa::GenesisConfig {
			authorities: authorities.iter().map(|(_, grandpa)| (grandpa.clone(), 1)).collect::<Vec<_>>(),
		},
		sudo: pallet_sudo::GenesisConfig { key: sudo },
		roles: pallet_roles::GenesisConfig { roles },
	})
}

fn authority(aura: Sr25519Keyring, grandpa: Ed25519Keyring) -> (AuraId, GrandpaId) {
	(aura.public().into(), grandpa.public().into())
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
	Some(
		serde_json::to_string(&patch)
			.expect("serialization to json is expected to work; qed")
			.into_bytes(),
	)
}

/// Names of the presets this runtime offers.
pub fn preset_names() -> Vec<PresetId> {
	vec![PresetId::from(DEV_RUNTIME_PRESET), PresetId::from(LOCAL_TESTNET_RUNTIME_PRESET)]
}
