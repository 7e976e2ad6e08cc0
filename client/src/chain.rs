//! Connection to a node: signing, submission, finality tracking and the `ipr_*` reads.

use crate::block_cache::{BlockCache, BlockFacts};
use crate::{error::ClientError, signer::Signer};
use codec::{Decode, Encode};
use iprchain_primitives::rpc::to_hex;
use iprchain_primitives::{
	rpc::{BatchView, EvidenceView},
	Digest, HashAlgo,
};
use iprchain_runtime::{
	Hash, Nonce, RuntimeCall, RuntimeError, RuntimeEvent, SignedPayload, UncheckedExtrinsic,
};
use jsonrpsee::{
	core::{
		client::{ClientT, Subscription, SubscriptionClientT},
		ClientError as RpcError,
	},
	rpc_params,
	ws_client::{WsClient, WsClientBuilder},
};
use serde::Deserialize;
use sp_runtime::{generic::Header, traits::BlakeTwo256, MultiAddress, MultiSignature};
use std::{sync::Arc, time::Duration};

pub(crate) type SystemEvents = Vec<frame_system::EventRecord<RuntimeEvent, Hash>>;

/// Where a transaction ended up once finalized.
#[derive(Clone, Debug)]
pub struct Finalized {
	/// Hash of the finalized block holding it.
	pub block_hash: Hash,
	/// Its number.
	pub block_number: u32,
	/// Index of the transaction in the block.
	pub extrinsic_index: u32,
	/// Events the transaction emitted.
	pub events: Vec<RuntimeEvent>,
}

/// How long to wait, by default, for a transaction to be finalized.
pub const DEFAULT_FINALITY_TIMEOUT: Duration = Duration::from_secs(90);

/// The block a mortal transaction's era starts at: its number, and its hash, which the signature
/// commits to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EraBirth {
	/// Block number.
	pub number: u32,
	/// Block hash.
	pub hash: Hash,
}

impl EraBirth {
	/// The first block number at which a transaction born here can no longer be included.
	pub fn death(&self) -> u32 {
		self.number.saturating_add(iprchain_runtime::TX_MORTALITY_PERIOD as u32)
	}
}

/// A connection to one node.
pub struct Client {
	url: String,
	rpc: WsClient,
	blocks: BlockCache,
	recent_birth: std::sync::Mutex<Option<(EraBirth, std::time::Instant)>>,
	genesis_hash: Hash,
	spec_version: u32,
	transaction_version: u32,
	finality_timeout: Duration,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RuntimeVersionJson {
	spec_version: u32,
	transaction_version: u32,
}

#[derive(Deserialize)]
struct SignedBlockJson {
	block: BlockJson,
}

#[derive(Deserialize)]
struct BlockJson {
	header: serde_json::Value,
	extrinsics: Vec<String>,
}

/// Status notifications of `author_submitAndWatchExtrinsic`. Only `finalized` and the terminal failures
/// carry information the client uses; the others are parsed so an unknown status is a decode error.
#[derive(Deserialize, Debug)]
#[allow(dead_code)]
#[serde(rename_all = "camelCase")]
enum TxStatus {
	Future,
	Ready,
	Broadcast(serde_json::Value),
	InBlock(Hash),
	Retracted(Hash),
	FinalityTimeout(Hash),
	Finalized(Hash),
	Usurped(Hash),
	Dropped,
	Invalid,
}

/// Whether a client built for transaction version `client` may sign for a node at version `node`.
fn signable(node: u32, client: u32) -> Result<(), ClientError> {
	if node == client {
		Ok(())
	} else {
		Err(ClientError::RuntimeMismatch { node, client })
	}
}

fn decode_hex(text: &str) -> Result<Vec<u8>, ClientError> {
	hex::decode(text.trim_start_matches("0x"))
		.map_err(|e| ClientError::Decode(format!("bad hex from node: {e}")))
}

impl Client {
	/// Connects to the node at `url` (`ws://127.0.0.1:9944`) and reads what signing needs.
	pub async fn connect(url: &str) -> Result<Self, ClientError> {
		let rpc = WsClientBuilder::default()
			.connection_timeout(Duration::from_secs(10))
			.request_timeout(Duration::from_secs(60))
			.max_response_size(64 * 1024 * 1024)
			.build(url)
			.await
			.map_err(|e| ClientError::Unreachable { url: url.to_string(), reason: e.to_string() })?;
		let mut client = Client {
			url: url.to_string(),
			rpc,
			blocks: BlockCache::default(),
			recent_birth: std::sync::Mutex::new(None),
			genesis_hash: Hash::zero(),
			spec_version: 0,
			transaction_version: 0,
			finality_timeout: DEFAULT_FINALITY_TIMEOUT,
		};
		client.genesis_hash = client
			.call::<Option<Hash>>("chain_getBlockHash", rpc_params![0u32])
			.await?
			.ok_or_else(|| ClientError::Decode("the node has no genesis block".into()))?;
		let version: RuntimeVersionJson = client.call("state_getRuntimeVersion", rpc_params![]).await?;
		client.spec_version = version.spec_version;
		client.transaction_version = version.transaction_version;
		Ok(client)
	}

	/// Changes how long [`Client::submit`] waits for finality.
	pub fn with_finality_timeout(mut self, timeout: Duration) -> Self {
		self.finality_timeout = timeout;
		self
	}

	/// How long [`Client::submit`] waits for finality.
	pub fn finality_timeout(&self) -> Duration {
		self.finality_timeout
	}

	/// Refuses to sign for a node whose runtime takes transactions of another version than the runtime
	/// this client was compiled against: after an upgrade that moves call indices or changes arguments
	/// (which bumps `transaction_version`), the same bytes would authorize a different call. Reads need
	/// no check; every signing path passes here, through [`Client::era_birth`].
	pub fn ensure_signable(&self) -> Result<(), ClientError> {
		signable(self.transaction_version, iprchain_runtime::VERSION.transaction_version)
	}

	/// The URL connected to.
	pub fn url(&self) -> &str {
		&self.url
	}

	/// The chain's genesis hash.
	pub fn genesis_hash(&self) -> Hash {
		self.genesis_hash
	}

	/// A raw JSON-RPC call, with errors worded for the user.
	pub async fn call<R: serde::de::DeserializeOwned>(
		&self,
		method: &str,
		params: jsonrpsee::core::params::ArrayParams,
	) -> Result<R, ClientError> {
		self.rpc.request(method, params).await.map_err(|e| self.rpc_error(method, e))
	}

	fn rpc_error(&self, method: &str, error: RpcError) -> ClientError {
		match error {
			// A pool refusal says why in `data` ("Custom error: 101", "Custom(102)", "Transaction is outdated").
			RpcError::Call(object) if method.starts_with("author_submit") => {
				let data = object.data().map(|raw| raw.get().to_string());
				ClientError::from_pool_rejection(object.message(), data.as_deref())
			}
			RpcError::Call(object) => {
				ClientError::Rpc { method: method.to_string(), message: object.message().to_string() }
			}
			RpcError::RestartNeeded(_) | RpcError::Transport(_) => {
				ClientError::Unreachable { url: self.url.clone(), reason: error.to_string() }
			}
			other => ClientError::Rpc { method: method.to_string(), message: other.to_string() },
		}
	}

	/// The next nonce of `signer`, counting transactions already in the pool.
	pub async fn next_nonce(&self, signer: &Signer) -> Result<Nonce, ClientError> {
		self.call("system_accountNextIndex", rpc_params![signer.ss58()]).await
	}

	/// Hash of the latest finalized block.
	pub async fn finalized_head(&self) -> Result<Hash, ClientError> {
		self.call("chain_getFinalizedHead", rpc_params![]).await
	}

	/// Number of the block `hash`.
	pub async fn block_number(&self, hash: Hash) -> Result<u32, ClientError> {
		let header: Option<Header<u32, BlakeTwo256>> =
			self.call("chain_getHeader", rpc_params![hash]).await?;
		header.map(|h| h.number).ok_or_else(|| ClientError::Decode(format!("unknown block {hash:?}")))
	}

	/// The block a new transaction names as the birth of its mortal era: the latest finalized one,
	/// which every fork contains, so the era is valid wherever the transaction lands.
	/// Read at most every few seconds: thousands of transactions signed at once share one.
	/// Fails with [`ClientError::RuntimeMismatch`] when the node's runtime is not the one this client
	/// signs for, see [`Client::ensure_signable`].
	pub async fn era_birth(&self) -> Result<EraBirth, ClientError> {
		const REUSE_FOR: Duration = Duration::from_secs(6);
		self.ensure_signable()?;
		if let Some((birth, read_at)) = *self.recent_birth.lock().expect("birth lock") {
			if read_at.elapsed() < REUSE_FOR {
				return Ok(birth);
			}
		}
		let hash = self.finalized_head().await?;
		let birth = EraBirth { number: self.block_number(hash).await?, hash };
		*self.recent_birth.lock().expect("birth lock") = Some((birth, std::time::Instant::now()));
		Ok(birth)
	}

	/// The on-chain nonce of `account` at the best block: the next nonce a block will accept, not
	/// counting transactions waiting in pools (`system_accountNextIndex` counts those).
	pub async fn account_nonce(&self, account: &iprchain_runtime::AccountId) -> Result<Nonce, ClientError> {
		let raw: String = self
			.call("state_call", rpc_params!["AccountNonceApi_account_nonce", to_hex(&account.encode())])
			.await?;
		Nonce::decode(&mut &decode_hex(&raw)?[..])
			.map_err(|e| ClientError::Decode(format!("account nonce: {e}")))
	}

	/// Number of the latest finalized block.
	pub async fn finalized_number(&self) -> Result<u32, ClientError> {
		self.block_number(self.finalized_head().await?).await
	}

	/// Number of the best block.
	pub async fn best_number(&self) -> Result<u32, ClientError> {
		let header: Option<Header<u32, BlakeTwo256>> = self.call("chain_getHeader", rpc_params![]).await?;
		header.map(|h| h.number).ok_or_else(|| ClientError::Decode("the node has no best block".into()))
	}

	/// Signs `call` with `signer` at `nonce`, mortal from `birth` for
	/// [`iprchain_runtime::TX_MORTALITY_PERIOD`] blocks, and returns the encoded extrinsic.
	pub fn sign(&self, signer: &Signer, call: RuntimeCall, nonce: Nonce, birth: EraBirth) -> Vec<u8> {
		let tx_extension = iprchain_runtime::tx_extension(nonce, birth.number);
		// One entry per extension of `iprchain_runtime::TxExtension`, in order; the era's is the hash
		// of its birth block.
		let implicit =
			((), (), self.spec_version, self.transaction_version, self.genesis_hash, birth.hash, (), (), ());
		let payload = SignedPayload::from_raw(call.clone(), tx_extension.clone(), implicit);
		let signature = payload.using_encoded(|bytes| signer.sign(bytes));
		UncheckedExtrinsic::new_signed(
			call,
			MultiAddress::Id(signer.account()),
			MultiSignature::Sr25519(signature),
			tx_extension,
		)
		.encode()
	}

	/// Signs and submits `call`, then waits until its block is finalized and checks it succeeded.
	/// A transaction the pool drops is signed again and resent (see [`crate::submit`]).
	pub async fn submit(&self, signer: &Signer, call: RuntimeCall) -> Result<Finalized, ClientError> {
		let mut results = crate::submit::submit_all(
			self,
			signer,
			vec![call],
			&crate::submit::SubmitOptions::default(),
			|_| {},
		)
		.await?;
		results.pop().expect("one result per call")
	}

	/// Signs `call` at `nonce`, submits it once and waits for its fate: finalized (with the call's
	/// outcome), or the reason it was refused or left the pool. No retry: see [`crate::submit`] for that.
	pub async fn submit_with_nonce(
		&self,
		signer: &Signer,
		call: RuntimeCall,
		nonce: Nonce,
	) -> Result<Finalized, ClientError> {
		let birth = self.era_birth().await?;
		let extrinsic = self.sign(signer, call, nonce, birth);
		let watch = self.watch(&extrinsic).await?;
		self.await_finalized(watch, &extrinsic, birth).await
	}

	/// Submits a signed extrinsic and follows it to its fate, like [`Client::submit_with_nonce`].
	pub(crate) async fn submit_signed(
		&self,
		extrinsic: &[u8],
		birth: EraBirth,
	) -> Result<Finalized, ClientError> {
		let watch = self.watch(extrinsic).await?;
		self.await_finalized(watch, extrinsic, birth).await
	}

	async fn watch(&self, extrinsic: &[u8]) -> Result<Subscription<TxStatus>, ClientError> {
		let hex = to_hex(extrinsic);
		self.rpc
			.subscribe("author_submitAndWatchExtrinsic", rpc_params![hex], "author_unwatchExtrinsic")
			.await
			.map_err(|e| match e {
				RpcError::Call(object) => {
					let data = object.data().map(|raw| raw.get().to_string());
					ClientError::from_pool_rejection(object.message(), data.as_deref())
				}
				other => self.rpc_error("author_submitAndWatchExtrinsic", other),
			})
	}

	async fn await_finalized(
		&self,
		mut watch: Subscription<TxStatus>,
		extrinsic: &[u8],
		birth: EraBirth,
	) -> Result<Finalized, ClientError> {
		let timeout = self.finality_timeout;
		let deadline = tokio::time::Instant::now() + timeout;
		let watched = tokio::time::timeout_at(deadline, async {
			loop {
				match watch.next().await {
					Some(Ok(TxStatus::Finalized(hash))) => return Ok(Some(hash)),
					Some(Ok(TxStatus::Dropped)) => {
						return Err(ClientError::Dropped("was dropped from the pool".into()))
					}
					Some(Ok(TxStatus::Invalid)) => return Err(ClientError::Dropped("became invalid".into())),
					Some(Ok(TxStatus::Usurped(_))) => {
						return Err(ClientError::Dropped(
							"was replaced by another with the same nonce".into(),
						))
					}
					Some(Ok(TxStatus::FinalityTimeout(_))) => {
						return Err(ClientError::Dropped("hit the node's finality timeout".into()))
					}
					Some(Ok(_)) => continue,
					Some(Err(e)) => return Err(ClientError::Decode(format!("transaction status: {e}"))),
					// The node ended the subscription without a final status (its buffer for a slow
					// reader overflowed, or it restarted); the transaction may still be finalized.
					None => return Ok(None),
				}
			}
		})
		.await
		.map_err(|_| ClientError::FinalityTimeout(timeout.as_secs()))??;
		match watched {
			Some(hash) => self.outcome(hash, extrinsic).await,
			None => {
				let found = self.find_finalized(&[extrinsic.to_vec()], birth.number, deadline).await?;
				let (block_hash, _) = found.ok_or(ClientError::FinalityTimeout(timeout.as_secs()))?;
				self.outcome(block_hash, extrinsic).await
			}
		}
	}

	/// Waits for an extrinsic submitted without a status subscription (`author_submitExtrinsic`, or by
	/// another process) to be finalized, looking block by block, and turns its events into a result.
	pub async fn await_extrinsic(&self, extrinsic: &[u8]) -> Result<Finalized, ClientError> {
		// More blocks than a transaction waits in the pool of a working network.
		const SEARCH_BACK_BLOCKS: u32 = 64;
		let deadline = tokio::time::Instant::now() + self.finality_timeout;
		let head = self.finalized_number().await?;
		let found = self
			.find_finalized(&[extrinsic.to_vec()], head.saturating_sub(SEARCH_BACK_BLOCKS), deadline)
			.await?;
		let (block_hash, _) = found.ok_or(ClientError::FinalityTimeout(self.finality_timeout.as_secs()))?;
		self.outcome(block_hash, extrinsic).await
	}

	/// Looks for any of `extrinsics` in finalized blocks from number `from` on, until `deadline`.
	/// Returns the block and which of them it holds; `None` if none was found by the deadline.
	/// Blocks are read once and cached, so many transactions waiting at once cost one read per block.
	pub(crate) async fn find_finalized(
		&self,
		extrinsics: &[Vec<u8>],
		from: u32,
		deadline: tokio::time::Instant,
	) -> Result<Option<(Hash, usize)>, ClientError> {
		let wanted: Vec<String> = extrinsics.iter().map(|xt| to_hex(xt)).collect();
		let mut next = from;
		loop {
			let head = self.finalized_number().await?;
			while next <= head {
				if let Some(facts) = self.block_facts_by_number(next).await? {
					if let Some(which) = wanted.iter().position(|xt| facts.index_of(xt).is_some()) {
						return Ok(Some((facts.hash, which)));
					}
				}
				next += 1;
			}
			if tokio::time::Instant::now() >= deadline {
				return Ok(None);
			}
			tokio::time::sleep(Duration::from_millis(500)).await;
		}
	}

	/// The finalized block number `number`, from the cache or the node; `None` if there is none yet.
	async fn block_facts_by_number(&self, number: u32) -> Result<Option<Arc<BlockFacts>>, ClientError> {
		let hash: Option<Hash> = self.call("chain_getBlockHash", rpc_params![number]).await?;
		match hash {
			Some(hash) => Ok(Some(self.block_facts(hash).await?)),
			None => Ok(None),
		}
	}

	/// The extrinsics and events of block `hash`, read from the node once however many callers ask.
	async fn block_facts(&self, hash: Hash) -> Result<Arc<BlockFacts>, ClientError> {
		let cell = self.blocks.cell(hash);
		cell.get_or_try_init(|| async {
			let block: SignedBlockJson = self.call("chain_getBlock", rpc_params![hash]).await?;
			let header: Header<u32, BlakeTwo256> = serde_json::from_value(block.block.header)
				.map_err(|e| ClientError::Decode(format!("block header: {e}")))?;
			let events = self.events_at(hash).await?;
			Ok::<_, ClientError>(Arc::new(BlockFacts::new(
				hash,
				header.number,
				block.block.extrinsics,
				events,
			)))
		})
		.await
		.cloned()
	}

	/// Finds `extrinsic` in finalized block `block_hash` and turns its events into a result.
	pub(crate) async fn outcome(&self, block_hash: Hash, extrinsic: &[u8]) -> Result<Finalized, ClientError> {
		let facts = self.block_facts(block_hash).await?;
		let extrinsic_index = facts
			.index_of(&to_hex(extrinsic))
			.ok_or_else(|| ClientError::Decode("finalized block does not contain the transaction".into()))?;
		let mut own_events = Vec::new();
		for record in facts.events.iter() {
			if record.phase != frame_system::Phase::ApplyExtrinsic(extrinsic_index) {
				continue;
			}
			if let RuntimeEvent::System(frame_system::Event::ExtrinsicFailed { dispatch_error, .. }) =
				&record.event
			{
				return Err(ClientError::DispatchFailed(describe_dispatch_error(*dispatch_error)));
			}
			own_events.push(record.event.clone());
		}
		Ok(Finalized { block_hash, block_number: facts.number, extrinsic_index, events: own_events })
	}

	/// All events of block `at`.
	pub async fn events_at(&self, at: Hash) -> Result<SystemEvents, ClientError> {
		let key = to_hex(&iprchain_primitives::storage_keys::storage_prefix(b"System", b"Events"));
		let raw: Option<String> = self.call("state_getStorage", rpc_params![key, at]).await?;
		match raw {
			None => Ok(Vec::new()),
			Some(hex) => SystemEvents::decode(&mut &decode_hex(&hex)?[..])
				.map_err(|e| ClientError::Decode(format!("events (is this an iprchain node?): {e}"))),
		}
	}

	/// `ipr_getEvidence`: the record of `digest` at block `at` (default: best).
	pub async fn evidence(
		&self,
		algo: HashAlgo,
		digest: &Digest,
		at: Option<Hash>,
	) -> Result<Option<EvidenceView>, ClientError> {
		self.call("ipr_getEvidence", rpc_params![algo.name(), to_hex(digest), at]).await
	}

	/// `ipr_getBatch`: the batch anchored under `root` at block `at` (default: best).
	pub async fn batch(
		&self,
		algo: HashAlgo,
		root: &Digest,
		at: Option<Hash>,
	) -> Result<Option<BatchView>, ClientError> {
		self.call("ipr_getBatch", rpc_params![algo.name(), to_hex(root), at]).await
	}
}

/// `Evidence.AlreadyDeposited`-style name of a failed call's error.
pub fn describe_dispatch_error(error: sp_runtime::DispatchError) -> String {
	match RuntimeError::from_dispatch_error(error) {
		Some(runtime_error) => {
			// `Evidence(AlreadyDeposited)` → `Evidence.AlreadyDeposited`
			let debug = format!("{runtime_error:?}");
			match debug.split_once('(') {
				Some((pallet, rest)) => format!("{pallet}.{}", rest.trim_end_matches(')')),
				None => debug,
			}
		}
		None => format!("{error:?}"),
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn signing_needs_the_transaction_version_the_client_was_built_for() {
		let built = iprchain_runtime::VERSION.transaction_version;
		assert!(signable(built, built).is_ok());
		for node in [built + 1, built.saturating_sub(1), 0] {
			if node == built {
				continue;
			}
			let refused = signable(node, built).unwrap_err();
			assert!(
				matches!(refused, ClientError::RuntimeMismatch { node: n, client: c } if n == node && c == built)
			);
			assert!(refused.to_string().contains("nothing was signed"), "{refused}");
		}
	}
}
