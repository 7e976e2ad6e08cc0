//! The trust anchor derived from a raw chain spec (`iprchain-node build-spec --chain X --raw`), so a court
//! can start from the chain's published spec instead of a node's answer.
//!
//! The genesis block is rebuilt as the node builds it (`sc_chain_spec::construct_genesis_block`): the
//! state root is the trie root of `genesis.raw.top` (state version 1: the runtime's `system_version` is
//! 1), the extrinsics root is the root of the empty trie, and the header has number 0, a zero parent
//! and an empty digest. The initial GRANDPA set is the `Grandpa.Authorities` storage value that
//! pallet-grandpa writes at genesis (or, for old runtimes, the `:grandpa_authorities` well-known key).

use crate::chain::Header;
use crate::format::{AuthoritySet, Hex32, TrustAnchor};
use alloc::{collections::BTreeMap, format, string::String, vec::Vec};
use codec::DecodeAll;
use iprchain_primitives::storage_keys::storage_prefix;
use serde_json::Value;
use sp_core::Blake2Hasher;
use sp_trie::{LayoutV1, TrieConfiguration};

/// Why a chain spec cannot serve as a trust anchor. The `Display` text is what a user sees.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChainSpecError {
	/// Not a chain spec (no `genesis` object).
	NotASpec(String),
	/// A chain spec with a runtime genesis config instead of raw storage.
	NotRaw,
	/// Raw storage that cannot be read.
	Storage(String),
}

impl core::fmt::Display for ChainSpecError {
	fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
		match self {
			ChainSpecError::NotASpec(why) => write!(f, "not a chain spec: {why}"),
			ChainSpecError::NotRaw => write!(
				f,
				"not a raw chain spec (its genesis is a runtime config, whose storage depends on the \
				 runtime's code): write one with `iprchain-node build-spec --chain X --raw`"
			),
			ChainSpecError::Storage(why) => write!(f, "raw chain spec: {why}"),
		}
	}
}

#[cfg(feature = "std")]
impl std::error::Error for ChainSpecError {}

/// The well-known key under which runtimes before pallet-grandpa's `Authorities` storage kept the set,
/// as `(version 1u8, Vec<(AuthorityId, u64)>)`.
const LEGACY_GRANDPA_AUTHORITIES_KEY: &[u8] = b":grandpa_authorities";

/// Whether `json` looks like a chain spec (as opposed to a trust-anchor file).
pub fn is_chain_spec(json: &Value) -> bool {
	json.get("genesis").is_some()
}

/// The trust anchor of the chain whose raw chain spec is `bytes`: genesis hash and initial GRANDPA set.
pub fn trust_from_chain_spec(bytes: &[u8]) -> Result<TrustAnchor, ChainSpecError> {
	let json: Value = serde_json::from_slice(bytes).map_err(|e| ChainSpecError::NotASpec(format!("{e}")))?;
	let genesis = json.get("genesis").ok_or_else(|| ChainSpecError::NotASpec("no `genesis` field".into()))?;
	let Some(raw) = genesis.get("raw") else {
		return Err(ChainSpecError::NotRaw);
	};
	let top = raw
		.get("top")
		.and_then(Value::as_object)
		.ok_or_else(|| ChainSpecError::Storage("no `genesis.raw.top` object".into()))?;
	// Child tries would add their roots to the top trie; the iprchain runtime creates none at genesis,
	// and a spec that has them is refused rather than given a possibly wrong root.
	if raw.get("childrenDefault").and_then(Value::as_object).is_some_and(|children| !children.is_empty()) {
		return Err(ChainSpecError::Storage("child tries at genesis are not supported".into()));
	}
	let mut storage = BTreeMap::new();
	for (key, value) in top {
		let value = value
			.as_str()
			.ok_or_else(|| ChainSpecError::Storage(format!("the value of {key} is not a hex string")))?;
		storage.insert(decode_hex(key)?, decode_hex(value)?);
	}

	let state_root = LayoutV1::<Blake2Hasher>::trie_root(storage.iter()).0;
	let extrinsics_root = LayoutV1::<Blake2Hasher>::trie_root(core::iter::empty::<(&[u8], &[u8])>()).0;
	let header = Header { parent_hash: [0; 32], number: 0, state_root, extrinsics_root, digest: Vec::new() };

	let authorities = genesis_authorities(&storage)?;
	Ok(TrustAnchor::genesis(Hex32(header.hash()), AuthoritySet { set_id: 0, authorities }))
}

fn genesis_authorities(storage: &BTreeMap<Vec<u8>, Vec<u8>>) -> Result<Vec<Hex32>, ChainSpecError> {
	let list: Vec<([u8; 32], u64)> =
		if let Some(value) = storage.get(&storage_prefix(b"Grandpa", b"Authorities")[..]) {
			DecodeAll::decode_all(&mut &value[..])
				.map_err(|e| ChainSpecError::Storage(format!("Grandpa.Authorities: {e}")))?
		} else if let Some(value) = storage.get(LEGACY_GRANDPA_AUTHORITIES_KEY) {
			let (version, list): (u8, Vec<([u8; 32], u64)>) = DecodeAll::decode_all(&mut &value[..])
				.map_err(|e| ChainSpecError::Storage(format!(":grandpa_authorities: {e}")))?;
			if version != 1 {
				return Err(ChainSpecError::Storage(format!(":grandpa_authorities version {version}")));
			}
			list
		} else {
			return Err(ChainSpecError::Storage("no GRANDPA authorities in the genesis storage".into()));
		};
	if list.is_empty() {
		return Err(ChainSpecError::Storage("the genesis GRANDPA authority set is empty".into()));
	}
	// The verifier counts each authority with weight 1, as pallet-grandpa assigns.
	if list.iter().any(|(_, weight)| *weight != 1) {
		return Err(ChainSpecError::Storage("genesis GRANDPA weights other than 1 are not supported".into()));
	}
	Ok(list.into_iter().map(|(id, _)| Hex32(id)).collect())
}

fn decode_hex(text: &str) -> Result<Vec<u8>, ChainSpecError> {
	let digits = text
		.strip_prefix("0x")
		.ok_or_else(|| ChainSpecError::Storage(format!("`{text}` has no 0x prefix")))?;
	hex::decode(digits).map_err(|e| ChainSpecError::Storage(format!("bad hex: {e}")))
}

#[cfg(test)]
mod tests {
	use super::*;
	use codec::Encode;

	fn spec(top: &[(&[u8], Vec<u8>)]) -> Vec<u8> {
		let top: serde_json::Map<String, Value> = top
			.iter()
			.map(|(k, v)| (format!("0x{}", hex::encode(k)), Value::String(format!("0x{}", hex::encode(v)))))
			.collect();
		serde_json::to_vec(&serde_json::json!({
			"name": "test", "id": "test",
			"genesis": { "raw": { "top": top, "childrenDefault": {} } }
		}))
		.unwrap()
	}

	#[test]
	fn reads_the_grandpa_authorities_and_rebuilds_the_genesis_header() {
		let key = storage_prefix(b"Grandpa", b"Authorities");
		let set = vec![([7u8; 32], 1u64), ([9u8; 32], 1u64)];
		let anchor =
			trust_from_chain_spec(&spec(&[(&key, set.encode()), (b":code", vec![1, 2, 3])])).unwrap();
		assert_eq!(anchor.initial_authorities.set_id, 0);
		assert_eq!(anchor.initial_authorities.authorities, vec![Hex32([7; 32]), Hex32([9; 32])]);

		// The same storage gives the same genesis; any other storage another one.
		let again = trust_from_chain_spec(&spec(&[(b":code", vec![1, 2, 3]), (&key, set.encode())])).unwrap();
		assert_eq!(anchor.genesis_hash, again.genesis_hash);
		let other = trust_from_chain_spec(&spec(&[(&key, set.encode()), (b":code", vec![1, 2, 4])])).unwrap();
		assert_ne!(anchor.genesis_hash, other.genesis_hash);

		// The legacy well-known key.
		let legacy = (1u8, set.clone()).encode();
		let anchor = trust_from_chain_spec(&spec(&[(LEGACY_GRANDPA_AUTHORITIES_KEY, legacy)])).unwrap();
		assert_eq!(anchor.initial_authorities.authorities.len(), 2);
	}

	#[test]
	fn the_empty_trie_root_is_the_well_known_one() {
		// BLAKE2-256 of the single byte 0x00: the root of an empty trie, which every empty-block
		// header of a Substrate chain carries as its extrinsics root.
		let root = LayoutV1::<Blake2Hasher>::trie_root(core::iter::empty::<(&[u8], &[u8])>()).0;
		assert_eq!(root, sp_crypto_hashing::blake2_256(&[0u8]));
	}

	#[test]
	fn a_non_raw_spec_says_how_to_get_a_raw_one() {
		let plain = serde_json::to_vec(&serde_json::json!({
			"name": "Development", "genesis": { "runtimeGenesis": { "patch": {} } }
		}))
		.unwrap();
		let error = trust_from_chain_spec(&plain).unwrap_err();
		assert_eq!(error, ChainSpecError::NotRaw);
		assert!(error.to_string().contains("build-spec --chain X --raw"), "{error}");

		let error = trust_from_chain_spec(b"{\"genesisHash\": \"0x00\"}").unwrap_err();
		assert!(matches!(error, ChainSpecError::NotASpec(_)), "{error}");
		let error = trust_from_chain_spec(&spec(&[(b":code", vec![1])])).unwrap_err();
		assert!(error.to_string().contains("no GRANDPA authorities"), "{error}");
	}
}
