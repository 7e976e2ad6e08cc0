//! `iprchain-node wuhan-spec --operators FILE`: the production chain spec of the Wuhan network, from the
//! keys its operators supply, refusing any well-known development key (issue 16).
//!
//! The built-in `local` chain runs on the development keys (//Alice…) and periods of seconds, so that a
//! whole lifecycle fits in a test; a spec edited from it by hand can keep either by mistake. This
//! generator starts from nothing the operators did not give, and from the production periods (15-day
//! notice, 3-year validity, 90-day renewal window) unless the file names others.

use iprchain_primitives::Role;
use pallet_data_ip::Periods;
use sc_network::config::MultiaddrWithPeerId;
use sc_service::ChainType;
use serde::Deserialize;
use sp_core::{
	crypto::{AccountId32, Ss58Codec},
	ed25519, sr25519,
};
use std::{collections::BTreeSet, path::PathBuf};

/// `iprchain-node wuhan-spec --operators operators.json [--out wuhan.json]`.
#[derive(Debug, clap::Parser)]
pub struct WuhanSpecCmd {
	/// The operators file (docs/operator-guide.md, "The production chain spec"): each validator's
	/// account, Aura and GRANDPA public keys, peer id and public address; the roles at genesis; the
	/// daily budget.
	#[arg(long, value_name = "FILE")]
	pub operators: PathBuf,
	/// Where to write the chain spec (plain form; `build-spec --chain FILE --raw` makes the raw one).
	/// Default: standard output.
	#[arg(long, short = 'o', value_name = "FILE")]
	pub out: Option<PathBuf>,
}

/// The operators file.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Operators {
	/// Chain name (default "iprchain Wuhan").
	#[serde(default)]
	pub name: Option<String>,
	/// Chain id, which names the database directory (default "iprchain_wuhan").
	#[serde(default)]
	pub id: Option<String>,
	/// The validators, who are also the council and the first well-known nodes.
	pub validators: Vec<Validator>,
	/// Roles at genesis: `[{ "account": SS58, "roles": ["workstation", …] }]`.
	#[serde(default)]
	pub roles: Vec<Grant>,
	/// Signed transactions one account may have in a block.
	pub tx_quota: u32,
	/// `{ "txPerDay": n, "holdersPerDay": n }`: what one member may add per day.
	pub daily_budget: serde_json::Value,
	/// Registration periods in milliseconds; default the production ones.
	#[serde(default)]
	pub periods: Option<Periods>,
}

/// One validator operator.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Validator {
	/// Who runs it (Donghu, Qiaokou, Jianghan, Bureau), for messages.
	pub name: String,
	/// The operator's account (SS58): validator, council member, owner of the node.
	pub account: String,
	/// Aura (block authoring) public key, sr25519, SS58.
	pub aura: String,
	/// GRANDPA (finality) public key, ed25519, SS58.
	pub grandpa: String,
	/// The node's public address with its peer id: `/dns/…/tcp/30333/p2p/12D3…`.
	pub bootnode: String,
}

impl Validator {
	/// The validator's `bootnode`, parsed: its address and peer id.
	fn boot_node(&self) -> sc_cli::Result<MultiaddrWithPeerId> {
		self.bootnode.parse().map_err(|e| input(format!("{}: bootnode: {e}", self.name)))
	}
}

/// Roles given at genesis.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grant {
	/// The account (SS58).
	pub account: String,
	/// Its roles: `workstation`, `registrar`, `holder`, `appraiser`, `bank`, `insurer`, `court`.
	pub roles: Vec<String>,
}

impl WuhanSpecCmd {
	/// Writes the spec, or says which key or field is refused.
	pub fn run(&self) -> sc_cli::Result<()> {
		let text = std::fs::read(&self.operators)
			.map_err(|e| input(format!("{}: {e}", self.operators.display())))?;
		let operators: Operators =
			serde_json::from_slice(&text).map_err(|e| input(format!("{}: {e}", self.operators.display())))?;
		let spec = chain_spec(&operators)?;
		let json = spec.as_json(false).map_err(input)?;
		match &self.out {
			Some(path) => std::fs::write(path, json).map_err(|e| input(format!("{}: {e}", path.display()))),
			None => {
				println!("{json}");
				Ok(())
			}
		}
	}
}

fn input(message: impl Into<String>) -> sc_cli::Error {
	sc_cli::Error::Input(message.into())
}

/// The chain spec of `operators`, after every check.
pub fn chain_spec(operators: &Operators) -> sc_cli::Result<crate::chain_spec::ChainSpec> {
	let patch = genesis_patch(operators)?;
	let boot_nodes =
		operators.validators.iter().map(Validator::boot_node).collect::<sc_cli::Result<Vec<_>>>()?;
	Ok(crate::chain_spec::ChainSpec::builder(crate::chain_spec::wasm().map_err(input)?, None)
		.with_name(operators.name.as_deref().unwrap_or("iprchain Wuhan"))
		.with_id(operators.id.as_deref().unwrap_or("iprchain_wuhan"))
		.with_chain_type(ChainType::Live)
		.with_boot_nodes(boot_nodes)
		.with_genesis_config_patch(patch)
		.with_properties(crate::chain_spec::properties())
		.build())
}

/// The runtime genesis patch: the validators (session keys), council, well-known nodes, roles, quota,
/// budget and periods; no sudo.
pub fn genesis_patch(operators: &Operators) -> sc_cli::Result<serde_json::Value> {
	if operators.validators.is_empty() {
		return Err(input("no validators: a chain needs at least one (Wuhan: four)"));
	}
	let dev = DevKeys::new();
	let mut seen = BTreeSet::new();
	let mut accounts = Vec::new();
	let mut keys = Vec::new();
	let mut nodes = Vec::new();
	for v in &operators.validators {
		let account = parse_account(&v.account).map_err(|e| input(format!("{}: account: {e}", v.name)))?;
		let aura = sr25519::Public::from_ss58check(&v.aura)
			.map_err(|e| input(format!("{}: aura key: {e:?}", v.name)))?;
		let grandpa = ed25519::Public::from_ss58check(&v.grandpa)
			.map_err(|e| input(format!("{}: grandpa key: {e:?}", v.name)))?;
		let bootnode = v.boot_node()?;
		let account_bytes: &[u8] = account.as_ref();
		let aura_bytes: &[u8] = aura.as_ref();
		let grandpa_bytes: &[u8] = grandpa.as_ref();
		for (what, bytes) in
			[("account", account_bytes), ("aura key", aura_bytes), ("grandpa key", grandpa_bytes)]
		{
			if let Some(seed) = dev.key(bytes) {
				return Err(input(format!(
					"{}: the {what} is the well-known development key {seed}: anyone can sign with it; \
					 the operator must generate its own (`iprchain-node key generate`)",
					v.name
				)));
			}
			if !seen.insert(bytes.to_vec()) {
				return Err(input(format!("{}: the {what} is used twice in the file", v.name)));
			}
		}
		if dev.node(&bootnode.peer_id) {
			return Err(input(format!(
				"{}: peer id {} is a published development node key's; generate one with \
				 `iprchain-node key generate-node-key`",
				v.name, bootnode.peer_id
			)));
		}
		keys.push(serde_json::json!([account.to_ss58check(), account.to_ss58check(), {
			"aura": aura.to_ss58check(), "grandpa": grandpa.to_ss58check(),
		}]));
		nodes.push(serde_json::json!([bootnode.peer_id.to_bytes(), account.to_ss58check()]));
		accounts.push(account.to_ss58check());
	}
	let mut roles = Vec::new();
	for grant in &operators.roles {
		let account = parse_account(&grant.account).map_err(|e| input(format!("roles: {e}")))?;
		let account_bytes: &[u8] = account.as_ref();
		if let Some(seed) = dev.key(account_bytes) {
			return Err(input(format!(
				"roles: {} is the well-known development account {seed}",
				grant.account
			)));
		}
		let names = grant
			.roles
			.iter()
			.map(|name| {
				Role::from_name(name).map(Role::name).ok_or_else(|| {
					let known: Vec<_> = Role::ALL.iter().map(|role| role.name()).collect();
					input(format!("roles: unknown role `{name}`; one of: {}", known.join(", ")))
				})
			})
			.collect::<sc_cli::Result<Vec<_>>>()?;
		roles.push(serde_json::json!([account.to_ss58check(), names]));
	}
	let periods = operators.periods.unwrap_or(Periods::PRODUCTION);
	if !periods.is_valid() {
		return Err(input("periods: each must be positive and the renewal window no longer than validity"));
	}
	Ok(serde_json::json!({
		"validatorManager": { "initialValidators": accounts },
		"session": { "keys": keys },
		"sudo": { "key": null },
		"council": { "members": accounts },
		"nodeAuthorization": { "nodes": nodes },
		"roles": { "roles": roles, "txQuota": operators.tx_quota, "dailyBudget": operators.daily_budget },
		"dataIp": { "periods": periods },
	}))
}

fn parse_account(text: &str) -> Result<AccountId32, String> {
	AccountId32::from_ss58check(text).map_err(|e| format!("`{text}` is not an SS58 address: {e:?}"))
}

/// The keys anyone can sign with: Substrate's development keyrings (//Alice … //Two, sr25519 and
/// ed25519, stashes included) and this project's published node keys.
struct DevKeys {
	keys: Vec<(Vec<u8>, String)>,
	peers: BTreeSet<sc_network::PeerId>,
}

impl DevKeys {
	/// Node keys `0x…1ab5xxxx` for xxxx up to this are published in the scripts and the tests.
	const PUBLISHED_NODE_KEYS: u64 = 256;

	fn new() -> Self {
		let mut keys = Vec::new();
		for ring in sp_keyring::Sr25519Keyring::iter() {
			keys.push((AsRef::<[u8]>::as_ref(&ring.public()).to_vec(), format!("//{}", <&str>::from(ring))));
		}
		for ring in sp_keyring::Ed25519Keyring::iter() {
			keys.push((AsRef::<[u8]>::as_ref(&ring.public()).to_vec(), format!("//{}", <&str>::from(ring))));
		}
		let peers = (1..=Self::PUBLISHED_NODE_KEYS)
			.filter_map(|index| {
				let mut secret = hex_key(0x1ab5_0000 + index);
				let secret = sc_network::config::ed25519::SecretKey::try_from_bytes(&mut secret).ok()?;
				Some(sc_network::config::ed25519::Keypair::from(secret).public().to_peer_id())
			})
			.collect();
		DevKeys { keys, peers }
	}

	fn key(&self, public: &[u8]) -> Option<&str> {
		self.keys.iter().find(|(key, _)| key.as_slice() == public).map(|(_, seed)| seed.as_str())
	}

	fn node(&self, peer: &sc_network::PeerId) -> bool {
		self.peers.contains(peer)
	}
}

/// A 32-byte node secret whose big-endian value is `value` (how the scripts write `%064x`).
fn hex_key(value: u64) -> [u8; 32] {
	let mut secret = [0u8; 32];
	secret[24..].copy_from_slice(&value.to_be_bytes());
	secret
}

#[cfg(test)]
mod tests {
	use super::*;
	use sp_core::Pair;

	/// A peer id of no published key (Substrate's documentation example).
	const OPERATOR_PEER: &str = "12D3KooWHdiAxVd8uMQR1hGWXccidmfCwLqcMpGwR6QcTP6QRMuD";
	/// The peer id of this project's published node key `0x…1ab50001` (Donghu in scripts/local-net.sh).
	const PUBLISHED_PEER: &str = "12D3KooWNETwMkyWQ9zQwL4AtMNRKNQA7H6NA1m9DpU149ApgDm5";

	fn sr(seed: &str) -> String {
		sr25519::Pair::from_string(seed, None).unwrap().public().to_ss58check()
	}

	fn ed(seed: &str) -> String {
		ed25519::Pair::from_string(seed, None).unwrap().public().to_ss58check()
	}

	fn operators(peers: &[&str]) -> Operators {
		Operators {
			name: None,
			id: None,
			validators: peers
				.iter()
				.enumerate()
				.map(|(i, peer)| Validator {
					name: format!("operator-{i}"),
					account: sr(&format!("//Wuhan{i}")),
					aura: sr(&format!("//Wuhan{i}//aura")),
					grandpa: ed(&format!("//Wuhan{i}//grandpa")),
					bootnode: format!("/dns/node{i}.example/tcp/30333/p2p/{peer}"),
				})
				.collect(),
			roles: vec![Grant { account: sr("//Registrar"), roles: vec!["registrar".into()] }],
			tx_quota: 500,
			daily_budget: serde_json::json!({ "txPerDay": 20_000, "holdersPerDay": 100 }),
			periods: None,
		}
	}

	fn refusal(operators: &Operators) -> String {
		genesis_patch(operators).unwrap_err().to_string()
	}

	#[test]
	fn operators_keys_make_a_live_spec_with_the_production_periods() {
		let ops = operators(&[OPERATOR_PEER]);
		let patch = genesis_patch(&ops).unwrap();
		assert_eq!(patch["dataIp"]["periods"]["noticeMs"], 15 * 24 * 3_600_000u64);
		assert_eq!(patch["dataIp"]["periods"]["validityMs"], 3 * 365 * 24 * 3_600_000u64);
		assert_eq!(patch["dataIp"]["periods"]["renewalWindowMs"], 90 * 24 * 3_600_000u64);
		assert_eq!(patch["sudo"]["key"], serde_json::Value::Null, "no sudo on the real network");
		assert_eq!(patch["council"]["members"], serde_json::json!([ops.validators[0].account]));
		assert_eq!(patch["session"]["keys"][0][2]["grandpa"], ops.validators[0].grandpa);
		assert_eq!(patch["roles"]["roles"][0][1], serde_json::json!(["registrar"]));
		let peer: sc_network::PeerId = OPERATOR_PEER.parse().unwrap();
		assert_eq!(patch["nodeAuthorization"]["nodes"][0][0], serde_json::json!(peer.to_bytes()));

		let json = chain_spec(&ops).unwrap().as_json(false).unwrap();
		let spec: serde_json::Value = serde_json::from_str(&json).unwrap();
		assert_eq!(spec["chainType"], "Live");
		assert_eq!(spec["id"], "iprchain_wuhan");
		assert_eq!(spec["bootNodes"][0], ops.validators[0].bootnode);
	}

	#[test]
	fn every_development_key_is_refused() {
		let mut ops = operators(&[OPERATOR_PEER]);
		ops.validators[0].account = sp_keyring::Sr25519Keyring::Alice.to_account_id().to_ss58check();
		assert!(
			refusal(&ops).contains("account is the well-known development key //Alice"),
			"{}",
			refusal(&ops)
		);

		let mut ops = operators(&[OPERATOR_PEER]);
		ops.validators[0].aura = sp_keyring::Sr25519Keyring::FerdieStash.public().to_ss58check();
		assert!(refusal(&ops).contains("aura key is the well-known development key //Ferdie//stash"));

		let mut ops = operators(&[OPERATOR_PEER]);
		ops.validators[0].grandpa = sp_keyring::Ed25519Keyring::Bob.public().to_ss58check();
		assert!(refusal(&ops).contains("grandpa key is the well-known development key //Bob"));

		let mut ops = operators(&[OPERATOR_PEER]);
		ops.roles[0].account = sp_keyring::Sr25519Keyring::Eve.to_account_id().to_ss58check();
		assert!(refusal(&ops).contains("development account //Eve"));

		let ops = operators(&[PUBLISHED_PEER]);
		assert!(refusal(&ops).contains("published development node key"), "{}", refusal(&ops));
	}

	#[test]
	fn malformed_or_repeated_fields_are_refused_with_the_operator_named() {
		let mut ops = operators(&[OPERATOR_PEER, OPERATOR_PEER]);
		ops.validators[1].account = ops.validators[0].account.clone();
		assert!(refusal(&ops).contains("operator-1: the account is used twice"));

		let mut ops = operators(&[OPERATOR_PEER]);
		ops.validators[0].grandpa = "not-ss58".into();
		assert!(refusal(&ops).contains("operator-0: grandpa key"));

		let mut ops = operators(&[OPERATOR_PEER]);
		ops.validators[0].bootnode = "/dns/node.example/tcp/30333".into();
		assert!(refusal(&ops).contains("operator-0: bootnode"));

		let mut ops = operators(&[OPERATOR_PEER]);
		ops.periods = Some(Periods { notice_ms: 1, validity_ms: 10, renewal_window_ms: 11 });
		assert!(refusal(&ops).contains("periods"));

		let mut ops = operators(&[OPERATOR_PEER]);
		ops.roles[0].roles.push("notary".into());
		assert!(
			refusal(&ops).contains("unknown role `notary`; one of: workstation, registrar"),
			"{}",
			refusal(&ops)
		);

		assert!(refusal(&operators(&[])).contains("no validators"));
		let unknown =
			serde_json::from_str::<Operators>(r#"{"validators":[],"txQuota":1,"dailyBudget":{},"sudo":"x"}"#);
		assert!(unknown.unwrap_err().to_string().contains("unknown field `sudo`"));
	}
}
