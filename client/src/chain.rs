//! Connection to a node: signing, submission, finality tracking and the `ipr_*` reads.

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
use std::time::Duration;

type SystemEvents = Vec<frame_system::EventRecord<RuntimeEvent, Hash>>;

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

/// A connection to one node.
pub struct Client {
	url: String,
	rpc: WsClient,
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

	/// Signs `call` with `signer` at `nonce` (immortal era) and returns the encoded extrinsic.
	pub fn sign(&self, signer: &Signer, call: RuntimeCall, nonce: Nonce) -> Vec<u8> {
		let tx_extension = iprchain_runtime::tx_extension(nonce);
		// One entry per extension of `iprchain_runtime::TxExtension`, in order.
		let implicit = (
			(),
			(),
			self.spec_version,
			self.transaction_version,
			self.genesis_hash,
			self.genesis_hash,
			(),
			(),
			(),
		);
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
	pub async fn submit(&self, signer: &Signer, call: RuntimeCall) -> Result<Finalized, ClientError> {
		let nonce = self.next_nonce(signer).await?;
		self.submit_with_nonce(signer, call, nonce).await
	}

	/// Like [`Client::submit`] at an explicit nonce, so many transactions can be in flight at once.
	pub async fn submit_with_nonce(
		&self,
		signer: &Signer,
		call: RuntimeCall,
		nonce: Nonce,
	) -> Result<Finalized, ClientError> {
		let extrinsic = self.sign(signer, call, nonce);
		let watch = self.watch(&extrinsic).await?;
		self.await_finalized(watch, &extrinsic).await
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
					// The node ended the subscription without a final status (seen on a heavily
					// loaded machine); the transaction may still be finalized, so look for it.
					None => return Ok(None),
				}
			}
		})
		.await
		.map_err(|_| ClientError::FinalityTimeout(timeout.as_secs()))??;
		let block_hash = match watched {
			Some(hash) => hash,
			None => self.find_finalized(extrinsic, deadline).await?,
		};
		self.outcome(block_hash, extrinsic).await
	}

	/// Waits for an extrinsic submitted without a status subscription (`author_submitExtrinsic`, or by
	/// another process) to be finalized, looking block by block, and turns its events into a result.
	pub async fn await_extrinsic(&self, extrinsic: &[u8]) -> Result<Finalized, ClientError> {
		let deadline = tokio::time::Instant::now() + self.finality_timeout;
		let block_hash = self.find_finalized(extrinsic, deadline).await?;
		self.outcome(block_hash, extrinsic).await
	}

	/// Looks for `extrinsic` in finalized blocks, from a little before the current finalized head
	/// onwards, until `deadline`: also the fallback when the status subscription ends early.
	async fn find_finalized(
		&self,
		extrinsic: &[u8],
		deadline: tokio::time::Instant,
	) -> Result<Hash, ClientError> {
		// More blocks than a transaction waits in the pool of a working network.
		const SEARCH_BACK_BLOCKS: u32 = 64;
		let wanted = to_hex(extrinsic);
		let head = self.block_number(self.finalized_head().await?).await?;
		let mut next = head.saturating_sub(SEARCH_BACK_BLOCKS);
		loop {
			let head = self.block_number(self.finalized_head().await?).await?;
			while next <= head {
				let hash: Option<Hash> = self.call("chain_getBlockHash", rpc_params![next]).await?;
				if let Some(hash) = hash {
					let block: SignedBlockJson = self.call("chain_getBlock", rpc_params![hash]).await?;
					if block.block.extrinsics.contains(&wanted) {
						return Ok(hash);
					}
				}
				next += 1;
			}
			if tokio::time::Instant::now() >= deadline {
				return Err(ClientError::FinalityTimeout(self.finality_timeout.as_secs()));
			}
			tokio::time::sleep(std::time::Duration::from_millis(500)).await;
		}
	}

	/// Finds `extrinsic` in finalized block `block_hash` and turns its events into a result.
	async fn outcome(&self, block_hash: Hash, extrinsic: &[u8]) -> Result<Finalized, ClientError> {
		let block: SignedBlockJson = self.call("chain_getBlock", rpc_params![block_hash]).await?;
		let wanted = to_hex(extrinsic);
		let extrinsic_index =
			block.block.extrinsics.iter().position(|xt| *xt == wanted).ok_or_else(|| {
				ClientError::Decode("finalized block does not contain the transaction".into())
			})? as u32;
		let header: Header<u32, BlakeTwo256> = serde_json::from_value(block.block.header)
			.map_err(|e| ClientError::Decode(format!("block header: {e}")))?;

		let events = self.events_at(block_hash).await?;
		let mut own_events = Vec::new();
		for record in events {
			if record.phase != frame_system::Phase::ApplyExtrinsic(extrinsic_index) {
				continue;
			}
			if let RuntimeEvent::System(frame_system::Event::ExtrinsicFailed { dispatch_error, .. }) =
				&record.event
			{
				return Err(ClientError::DispatchFailed(describe_dispatch_error(*dispatch_error)));
			}
			own_events.push(record.event);
		}
		Ok(Finalized { block_hash, block_number: header.number, extrinsic_index, events: own_events })
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
