//! Exporting court proof files (`iprchain proof export`) from any node through standard RPC only:
//! `chain_getFinalizedHead`, `chain_getHeader`, `grandpa_proveFinality`, `state_getReadProof` and
//! `state_call` of the runtime's `GrandpaApi`. The format and its verifier live in `iprchain-proof`.
//! A proof covers either a deposited record or one item of an anchored batch (from the item proof file
//! `iprchain evidence batch` wrote).
//!
//! The record is proved at a recent finalized block F with F's own justification (DESIGN §6): the
//! latest justification a node keeps is for its latest finalized block, so the proof does not grow with
//! the record's age, and the state at F is still there on a pruned node.

use crate::{chain::Client, error::ClientError, evidence::ItemProof};
use codec::{Decode, Encode};
use iprchain_primitives::{parse_digest_hex, rpc::to_hex, storage_keys, Digest, HashAlgo};
use iprchain_proof::{
	chain::GRANDPA_ENGINE_ID, check_trust, make_checkpoint, verify::read_proof, AuthoritySet, BatchItemProof,
	FinalizedHeader, Hex32, HexBytes, ProofBundle, RecordProof, StoredBatch, StoredRecord, TrustAnchor,
	FORMAT_NAME, RECORD_VERSION, TRUST_CHECKPOINT_VERSION,
};
use iprchain_runtime::Hash;
use jsonrpsee::{
	core::client::{Subscription, SubscriptionClientT},
	rpc_params,
	ws_client::WsClientBuilder,
};
use serde::Deserialize;
use sp_runtime::{generic::Header, traits::BlakeTwo256};
use std::{path::Path, time::Duration};

pub use iprchain_proof::{
	chain::Justification, check_newer, trust_from_chain_spec, verify_bytes, ChainSpecError, Report,
	VerifyError,
};

/// `sc_consensus_grandpa::FinalityProof<Header>` as `grandpa_proveFinality` returns it.
#[derive(Decode)]
struct FinalityProof {
	block: [u8; 32],
	justification: Vec<u8>,
	#[allow(dead_code)]
	unknown_headers: Vec<Header<u32, BlakeTwo256>>,
}

#[derive(Deserialize)]
struct ReadProof {
	proof: Vec<String>,
}

fn decode_hex(text: &str) -> Result<Vec<u8>, ClientError> {
	hex::decode(text.trim_start_matches("0x"))
		.map_err(|e| ClientError::Decode(format!("bad hex from node: {e}")))
}

/// SCALE bytes of block `hash`'s header, checked to hash to `hash`.
async fn header_bytes(client: &Client, hash: Hash) -> Result<(Vec<u8>, u32), ClientError> {
	let header: Option<Header<u32, BlakeTwo256>> = client.call("chain_getHeader", rpc_params![hash]).await?;
	let header = header.ok_or_else(|| ClientError::Decode(format!("the node has no header {hash:?}")))?;
	let bytes = header.encode();
	if <BlakeTwo256 as sp_runtime::traits::Hash>::hash(&bytes) != hash {
		return Err(ClientError::Decode(format!("header {hash:?} does not hash to its hash")));
	}
	Ok((bytes, header.number))
}

async fn state_call<T: Decode>(client: &Client, method: &str, at: Hash) -> Result<T, ClientError> {
	let raw: String = client.call("state_call", rpc_params![method, "0x", at]).await?;
	T::decode(&mut &decode_hex(&raw)?[..]).map_err(|e| ClientError::Decode(format!("{method}: {e}")))
}

async fn prove_finality(client: &Client, number: u32) -> Result<FinalityProof, ClientError> {
	let raw: Option<String> = client.call("grandpa_proveFinality", rpc_params![number]).await?;
	let raw = raw.ok_or_else(|| {
		ClientError::Decode(format!(
			"the node has no GRANDPA justification covering block #{number} yet; retry in a few seconds"
		))
	})?;
	FinalityProof::decode(&mut &decode_hex(&raw)?[..])
		.map_err(|e| ClientError::Decode(format!("grandpa_proveFinality: {e}")))
}

/// A recent finalized block and its justification: `grandpa_proveFinality` at the finalized head gives
/// the node's best justification at once, but answers "not covered by authority set changes" on a chain
/// that has never changed its set; then the next justification is taken from
/// `grandpa_subscribeJustifications` (every node sees one per finalized GRANDPA round).
async fn latest_justification(
	client: &Client,
	finalized_number: u32,
) -> Result<(Hash, Vec<u8>), ClientError> {
	if let Ok(proof) = prove_finality(client, finalized_number).await {
		return Ok((Hash::from(proof.block), proof.justification));
	}
	let unreachable = |e: jsonrpsee::core::ClientError| ClientError::Unreachable {
		url: client.url().into(),
		reason: e.to_string(),
	};
	let ws = WsClientBuilder::default()
		.connection_timeout(Duration::from_secs(10))
		.max_response_size(64 * 1024 * 1024)
		.build(client.url())
		.await
		.map_err(unreachable)?;
	let mut justifications: Subscription<String> = ws
		.subscribe("grandpa_subscribeJustifications", rpc_params![], "grandpa_unsubscribeJustifications")
		.await
		.map_err(unreachable)?;
	let next = tokio::time::timeout(JUSTIFICATION_WAIT, justifications.next())
		.await
		.map_err(|_| {
			ClientError::Decode(format!(
				"no GRANDPA justification within {} s: is the chain finalizing?",
				JUSTIFICATION_WAIT.as_secs()
			))
		})?
		.ok_or_else(|| ClientError::Decode("the node closed the justification subscription".into()))?
		.map_err(|e| ClientError::Decode(format!("justification notification: {e}")))?;
	let bytes = decode_hex(&next)?;
	let justification = Justification::decode(&mut &bytes[..])
		.map_err(|e| ClientError::Decode(format!("justification: {e}")))?;
	Ok((Hash::from(justification.commit.target_hash), bytes))
}

/// How long to wait for a fresh justification.
const JUSTIFICATION_WAIT: Duration = Duration::from_secs(60);

/// The chain's genesis hash and genesis GRANDPA authority set (set id 0), read from the connected node
/// (`GrandpaApi_grandpa_authorities` at genesis; needs the genesis state, i.e. a young chain or an
/// archive node). A court should get this from a source it trusts, not from the exporting party.
pub async fn trust_anchor(client: &Client) -> Result<TrustAnchor, ClientError> {
	let genesis = client.genesis_hash();
	let authorities: Vec<([u8; 32], u64)> =
		state_call(client, "GrandpaApi_grandpa_authorities", genesis).await.map_err(|e| {
			ClientError::Decode(format!(
				"cannot read the genesis authority set (is the genesis state pruned on this node?): {e}"
			))
		})?;
	Ok(TrustAnchor::genesis(
		Hex32(genesis.0),
		AuthoritySet { set_id: 0, authorities: authorities.into_iter().map(|(id, _)| Hex32(id)).collect() },
	))
}

/// The part of `chain_getBlock`'s answer a checkpoint needs: the block's stored justifications.
#[derive(Deserialize)]
struct StoredJustifications {
	justifications: Option<sp_runtime::Justifications>,
}

/// The GRANDPA justification the node stores for block `hash`, which must be finalized on the node's
/// chain. Nodes keep one for every block that ended an authority set, and otherwise only now and then
/// (every `justification_period` blocks), so most blocks have none.
async fn stored_justification(client: &Client, hash: Hash) -> Result<Vec<u8>, ClientError> {
	let header: Option<Header<u32, BlakeTwo256>> = client.call("chain_getHeader", rpc_params![hash]).await?;
	let number =
		header.ok_or_else(|| ClientError::Input(format!("the node knows no block {hash:?}")))?.number;
	let finalized = client.block_number(client.finalized_head().await?).await?;
	let canonical: Option<Hash> = client.call("chain_getBlockHash", rpc_params![number]).await?;
	if number > finalized || canonical != Some(hash) {
		return Err(ClientError::Input(format!(
			"block #{number} {hash:?} is not finalized on the node's chain (finalized head #{finalized})"
		)));
	}
	let block: Option<StoredJustifications> = client.call("chain_getBlock", rpc_params![hash]).await?;
	block.and_then(|block| block.justifications?.into_justification(GRANDPA_ENGINE_ID)).ok_or_else(|| {
		ClientError::Input(format!(
			"the node keeps no GRANDPA justification for block #{number} {hash:?}: pick a block that ended \
			 an authority set (nodes keep those), or leave out --at for the latest justified block"
		))
	})
}

/// A trust anchor with a checkpoint (trust-file version 2): the chain's genesis anchor and the finalized
/// block `at` (by default the node's latest justified finalized block, where a proof exported now
/// would be taken) with its justification, the set in force after it and the set history leading
/// there. The checkpoint is checked with the offline verifier and against the runtime's own view of
/// the set at that block before it is returned. Publishing it is the council's act: the node is
/// trusted here as much as `proof trust` trusts it.
pub async fn export_checkpoint(client: &Client, at: Option<Hash>) -> Result<TrustAnchor, ClientError> {
	let (hash, justification) = match at {
		Some(hash) => (hash, stored_justification(client, hash).await?),
		None => {
			let finalized = client.block_number(client.finalized_head().await?).await?;
			latest_justification(client, finalized).await?
		}
	};
	let context = context_at(client, hash, justification).await?;
	let finalized = FinalizedHeader {
		header: HexBytes(context.f_header),
		justification: HexBytes(context.f_justification),
	};
	let checkpoint = make_checkpoint(&context.initial, context.set_changes, finalized)
		.map_err(|e| ClientError::Decode(format!("the node's checkpoint does not verify: {e}")))?;
	let set_id: u64 = state_call(client, "GrandpaApi_current_set_id", hash).await?;
	let authorities: Vec<([u8; 32], u64)> =
		state_call(client, "GrandpaApi_grandpa_authorities", hash).await?;
	let authorities: Vec<Hex32> = authorities.into_iter().map(|(id, _)| Hex32(id)).collect();
	if set_id != checkpoint.set.set_id || authorities != checkpoint.set.authorities {
		return Err(ClientError::Decode(format!(
			"at block #{} the runtime has set id {set_id} ({} authorities) in force, but the justified history \
			 gives set id {} ({} authorities)",
			checkpoint.block_number,
			authorities.len(),
			checkpoint.set.set_id,
			checkpoint.set.authorities.len()
		)));
	}
	let trust = TrustAnchor {
		version: Some(TRUST_CHECKPOINT_VERSION),
		genesis_hash: Hex32(context.genesis.0),
		initial_authorities: context.initial,
		checkpoint: Some(checkpoint),
	};
	check_trust(&trust).map_err(|e| ClientError::Decode(format!("the exported trust anchor: {e}")))?;
	Ok(trust)
}

/// The parts of a proof that do not depend on what it proves: the chain, its set history and the
/// block F with its justification.
struct FinalizedContext {
	genesis: Hash,
	initial: AuthoritySet,
	set_changes: Vec<FinalizedHeader>,
	f_header: Vec<u8>,
	f_justification: Vec<u8>,
	f_number: u32,
	f_hash: Hash,
	f_state_root: [u8; 32],
}

/// Reads F (the node's latest justified finalized block) and the authority-set history up to it.
async fn finalized_context(client: &Client) -> Result<FinalizedContext, ClientError> {
	let finalized = client.finalized_head().await?;
	let finalized_number = client.block_number(finalized).await?;

	// F: the block of the node's latest justification (normally the finalized head itself).
	let (f_hash, f_justification) = latest_justification(client, finalized_number).await?;
	context_at(client, f_hash, f_justification).await
}

/// The context of a justified block F: F's header and the authority-set history before it.
async fn context_at(
	client: &Client,
	f_hash: Hash,
	f_justification: Vec<u8>,
) -> Result<FinalizedContext, ClientError> {
	let genesis = client.genesis_hash();
	let (f_header, f_number) = header_bytes(client, f_hash).await?;

	// Authority-set history: walk the sets from genesis; the node keeps a justification for the last
	// block of every set, and `grandpa_proveFinality(b)` for a block b of an ended set returns it.
	let set_id_at_f: u64 = state_call(client, "GrandpaApi_current_set_id", f_hash).await?;
	let initial = trust_anchor(client).await;
	let initial = match (initial, set_id_at_f) {
		(Ok(anchor), _) => anchor.initial_authorities,
		// No genesis state (pruned) but still in the genesis set: the set in force at F is it.
		(Err(_), 0) => {
			let authorities: Vec<([u8; 32], u64)> =
				state_call(client, "GrandpaApi_grandpa_authorities", f_hash).await?;
			AuthoritySet {
				set_id: 0,
				authorities: authorities.into_iter().map(|(id, _)| Hex32(id)).collect(),
			}
		}
		(Err(e), _) => return Err(e),
	};
	let mut set_changes = Vec::new();
	let mut next_block = 1u32;
	for _ in 0..set_id_at_f {
		let change = prove_finality(client, next_block).await?;
		let (header, number) = header_bytes(client, Hash::from(change.block)).await?;
		if number >= f_number {
			break;
		}
		set_changes.push(FinalizedHeader {
			header: HexBytes(header),
			justification: HexBytes(change.justification),
		});
		next_block = number + 1;
	}
	let f_state_root = Header::<u32, BlakeTwo256>::decode(&mut &f_header[..])
		.map_err(|e| ClientError::Decode(format!("header: {e}")))?
		.state_root
		.0;
	Ok(FinalizedContext {
		genesis,
		initial,
		set_changes,
		f_header,
		f_justification,
		f_number,
		f_hash,
		f_state_root,
	})
}

/// The storage proof, at F's state root, of the genesis hash and of `key`, with the value at `key`.
async fn read_at_f(
	client: &Client,
	context: &FinalizedContext,
	key: &[u8],
) -> Result<(Vec<Vec<u8>>, Option<Vec<u8>>), ClientError> {
	let genesis_key = iprchain_proof::genesis_block_hash_key();
	let read: ReadProof = client
		.call("state_getReadProof", rpc_params![vec![to_hex(&genesis_key), to_hex(key)], context.f_hash])
		.await?;
	let mut nodes = read.proof.iter().map(|node| decode_hex(node)).collect::<Result<Vec<_>, _>>()?;
	nodes.sort();
	nodes.dedup();
	let mut values = read_proof(&context.f_state_root, &nodes, &[&genesis_key, key])
		.map_err(|e| ClientError::Decode(format!("the node's read proof: {e}")))?;
	let value = values.pop().expect("two keys read");
	Ok((nodes, value))
}

impl FinalizedContext {
	fn bundle(self, record: Option<RecordProof>, batch_item: Option<BatchItemProof>) -> ProofBundle {
		let mut bundle = ProofBundle {
			format: FORMAT_NAME.into(),
			version: RECORD_VERSION,
			genesis_hash: Hex32(self.genesis.0),
			initial_authorities: self.initial,
			set_changes: self.set_changes,
			finalized: FinalizedHeader {
				header: HexBytes(self.f_header),
				justification: HexBytes(self.f_justification),
			},
			record,
			batch_item,
		};
		bundle.version = bundle.required_version();
		bundle
	}
}

fn check_exported(bundle: ProofBundle) -> Result<ProofBundle, ClientError> {
	verify_bytes(&bundle.to_canonical_bytes(), None)
		.map_err(|e| ClientError::Decode(format!("the exported proof does not verify: {e}")))?;
	Ok(bundle)
}

/// Builds the proof bundle of the record of `digest` under `algo`, at the node's latest justified
/// finalized block, and checks it with the offline verifier before returning it.
pub async fn export_record(
	client: &Client,
	algo: HashAlgo,
	digest: &Digest,
) -> Result<ProofBundle, ClientError> {
	let context = finalized_context(client).await?;
	let record_key = storage_keys::evidence_record_key(algo, digest);
	let (nodes, value) = read_at_f(client, &context, &record_key).await?;
	let value = value.ok_or_else(|| {
		ClientError::Input(format!(
			"{}:{} is not deposited in finalized state (block #{})",
			algo.name(),
			to_hex(digest),
			context.f_number
		))
	})?;
	let record = StoredRecord::decode(&mut &value[..])
		.map_err(|e| ClientError::Decode(format!("stored record: {e}")))?;
	let record = RecordProof {
		algo: algo.name().into(),
		digest: Hex32(*digest),
		storage_key: HexBytes(record_key),
		value: HexBytes(value),
		trie_nodes: nodes.into_iter().map(HexBytes).collect(),
		stated: iprchain_proof::summarize(&record),
	};
	check_exported(context.bundle(Some(record), None))
}

/// Reads an item proof file written by `iprchain evidence batch` ([`ItemProof`]).
pub fn read_item_proof(path: &Path) -> Result<ItemProof, ClientError> {
	let text = std::fs::read_to_string(path)
		.map_err(|source| ClientError::Io { path: path.display().to_string(), source })?;
	serde_json::from_str(&text)
		.map_err(|e| ClientError::Input(format!("{} is not an item proof: {e}", path.display())))
}

/// Builds the proof bundle of one batch item (from its [`ItemProof`]): the storage proof of its
/// anchored batch at the node's latest justified finalized block and the item's Merkle path, checked
/// with the offline verifier before returning it.
pub async fn export_batch_item(client: &Client, item: &ItemProof) -> Result<ProofBundle, ClientError> {
	let digest =
		parse_digest_hex(&item.digest).map_err(|e| ClientError::Input(format!("item digest: {e}")))?;
	let root = parse_digest_hex(&item.root).map_err(|e| ClientError::Input(format!("item root: {e}")))?;
	if !item.proof.verify(item.algo, &digest, &root) {
		return Err(ClientError::Input("the item's Merkle path does not lead to its stated root".into()));
	}
	let context = finalized_context(client).await?;
	let key = storage_keys::batch_anchor_key(item.algo, &root);
	let (nodes, value) = read_at_f(client, &context, &key).await?;
	let value = value.ok_or_else(|| {
		ClientError::Input(format!(
			"no batch with {} root {} is anchored in finalized state (block #{})",
			item.algo.name(),
			item.root,
			context.f_number
		))
	})?;
	let anchor = StoredBatch::decode(&mut &value[..])
		.map_err(|e| ClientError::Decode(format!("stored batch anchor: {e}")))?;
	if anchor.leaf_count != item.proof.leaf_count {
		return Err(ClientError::Input(format!(
			"the item proof claims {} leaves but the anchored batch has {}",
			item.proof.leaf_count, anchor.leaf_count
		)));
	}
	let batch_item = BatchItemProof {
		algo: item.algo.name().into(),
		digest: Hex32(digest),
		root: Hex32(root),
		leaf_index: item.proof.leaf_index,
		path: item.proof.path.iter().copied().map(Hex32).collect(),
		storage_key: HexBytes(key),
		value: HexBytes(value),
		trie_nodes: nodes.into_iter().map(HexBytes).collect(),
		stated: iprchain_proof::summarize_batch(&anchor),
	};
	check_exported(context.bundle(None, Some(batch_item)))
}
