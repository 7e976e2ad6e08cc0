//! What the runtime's integration tests share: a chain built from the `development` preset, and its
//! clock.

#![allow(dead_code)] // Each test file uses its own part.

use frame_support::genesis_builder_helper::build_state;
use iprchain_runtime::{genesis_config_presets::get_preset, Runtime, RuntimeGenesisConfig, System};
use pallet_data_ip::{
	Application, ApplicationInput, DataSourceType, EvidenceRef, HolderType, UpdateFrequency,
};

/// 2026-11-15T00:00:00Z.
pub const START_MS: u64 = 1_794_700_800_000;

/// State built from the `development` preset, which is a patch over the default config, merged the
/// way the node's chain-spec builder merges it; at block 1, the clock at [`START_MS`].
pub fn development_chain() -> sp_io::TestExternalities {
	let preset = get_preset(&sp_genesis_builder::DEV_RUNTIME_PRESET.into()).expect("development preset");
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
	merge(&mut config, serde_json::from_slice(&preset).unwrap());
	let mut ext = sp_io::TestExternalities::new_empty();
	ext.execute_with(|| {
		build_state::<RuntimeGenesisConfig>(serde_json::to_vec(&config).unwrap())
			.expect("development preset builds");
		System::set_block_number(1);
		set_time(START_MS);
	});
	ext
}

fn merge(base: &mut serde_json::Value, patch: serde_json::Value) {
	match (base, patch) {
		(serde_json::Value::Object(base), serde_json::Value::Object(patch)) => {
			for (key, value) in patch {
				merge(base.entry(key).or_insert(serde_json::Value::Null), value);
			}
		}
		(base, patch) => *base = patch,
	}
}

/// Sets the block's time, Unix milliseconds.
pub fn set_time(ms: u64) {
	pallet_timestamp::Now::<Runtime>::put(ms);
}

/// The block's time, Unix milliseconds.
pub fn now() -> u64 {
	pallet_timestamp::Now::<Runtime>::get()
}

/// A purchased data set's application citing `contract` as its source, of the given `scale`.
pub fn application(contract: EvidenceRef, scale: &str) -> ApplicationInput {
	Application {
		name: "武汉市公交刷卡客流数据集".as_bytes().to_vec(),
		category: 5_410,
		source_type: DataSourceType::Purchased,
		source_evidence: Some(contract),
		holder_type: HolderType::LegalPerson,
		scale: scale.as_bytes().to_vec(),
		format: b"CSV, UTF-8".to_vec(),
		update_frequency: UpdateFrequency::Daily,
		structure_digest: [1; 32],
		sample_digest: [2; 32],
		rules_digest: [3; 32],
		row_root: Some([4; 32]),
		evidence: vec![],
	}
}
