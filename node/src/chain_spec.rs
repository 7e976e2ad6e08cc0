//! Built-in chain specs: `dev` (one validator, sudo) and `local` (the four Wuhan validators on dev
//! keys). The real network's spec comes from `iprchain-node wuhan-spec` (`wuhan_spec.rs`), from the
//! operators' own keys.

use iprchain_runtime::WASM_BINARY;
use sc_service::ChainType;
use sp_genesis_builder::{DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};

/// Chain spec with no extensions.
pub type ChainSpec = sc_service::GenericChainSpec;

pub(crate) fn wasm() -> Result<&'static [u8], String> {
	WASM_BINARY.ok_or_else(|| "the runtime's wasm was not built (was SKIP_WASM_BUILD set?)".to_string())
}

pub(crate) fn properties() -> sc_service::Properties {
	let mut properties = sc_service::Properties::new();
	// Generic Substrate address format; no token: the chain is feeless.
	properties.insert("ss58Format".into(), 42.into());
	properties.insert("tokenSymbol".into(), "IPR".into());
	properties.insert("tokenDecimals".into(), 0.into());
	properties
}

/// Single-validator development chain (`--dev`).
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name("iprchain development")
		.with_id("iprchain_dev")
		.with_chain_type(ChainType::Development)
		.with_genesis_config_preset_name(DEV_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}

/// Four-validator local Wuhan network: Donghu, Qiaokou, Jianghan, Bureau.
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name("iprchain Wuhan local")
		.with_id("iprchain_wuhan_local")
		.with_chain_type(ChainType::Local)
		.with_genesis_config_preset_name(LOCAL_TESTNET_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}
