//! The node's JSON-RPC: Substrate's standard methods (added by sc-service), `system_accountNextIndex`,
//! the GRANDPA methods (`grandpa_proveFinality`, …) and the registry's `ipr_*` methods.

mod assets;
mod insurance;
mod pages;
mod views;

use assets::AssetsApiServer;
use insurance::InsuranceRpcApiServer;
use std::sync::Arc;

use iprchain_primitives::{
	parse_digest_hex,
	rpc::{to_hex, AtView, BatchView, CaptureView, EvidenceView},
	HashAlgo,
};
use iprchain_runtime::{opaque::Block, AccountId, BlockNumber, Hash, Nonce};
use jsonrpsee::{
	core::RpcResult,
	proc_macros::rpc,
	types::{error::ErrorObjectOwned, ErrorCode},
	RpcModule,
};
use pallet_data_ip::runtime_api::DataIpApi;
use pallet_evidence::runtime_api::EvidenceApi;
use pallet_insurance::runtime_api::InsuranceApi;
use pallet_pledge::runtime_api::PledgeApi;
use pallet_valuation::runtime_api::ValuationApi;
use sc_consensus_grandpa::{
	FinalityProofProvider, GrandpaJustificationStream, SharedAuthoritySet, SharedVoterState,
};
use sc_consensus_grandpa_rpc::{Grandpa, GrandpaApiServer};
use sc_rpc::SubscriptionTaskExecutor;
use sc_transaction_pool_api::TransactionPool;
use sp_api::ProvideRuntimeApi;
use sp_block_builder::BlockBuilder;
use sp_blockchain::{Error as BlockChainError, HeaderBackend, HeaderMetadata};
use sp_core::crypto::Ss58Codec;

/// What the GRANDPA RPC needs from the running voter.
pub struct GrandpaDeps<B> {
	/// Voting round state, for `grandpa_roundState`.
	pub shared_voter_state: SharedVoterState,
	/// Current and pending authority sets.
	pub shared_authority_set: SharedAuthoritySet<Hash, BlockNumber>,
	/// New justifications, for `grandpa_subscribeJustifications`.
	pub justification_stream: GrandpaJustificationStream<Block>,
	/// Executor for subscriptions.
	pub subscription_executor: SubscriptionTaskExecutor,
	/// Builds finality proofs for `grandpa_proveFinality`.
	pub finality_provider: Arc<FinalityProofProvider<B, Block>>,
}

/// Everything the RPC extensions need.
pub struct FullDeps<C, P, B> {
	/// The client.
	pub client: Arc<C>,
	/// The transaction pool.
	pub pool: Arc<P>,
	/// GRANDPA handles.
	pub grandpa: GrandpaDeps<B>,
}

/// Builds the RPC extensions of a full node.
pub fn create_full<C, P, B>(
	deps: FullDeps<C, P, B>,
) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>>
where
	C: ProvideRuntimeApi<Block>
		+ HeaderBackend<Block>
		+ HeaderMetadata<Block, Error = BlockChainError>
		+ Send
		+ Sync
		+ 'static,
	C::Api: substrate_frame_rpc_system::AccountNonceApi<Block, AccountId, Nonce>,
	C::Api: BlockBuilder<Block>,
	C::Api: EvidenceApi<Block, AccountId, BlockNumber>,
	C::Api: DataIpApi<Block, AccountId, BlockNumber>,
	C::Api: ValuationApi<Block, AccountId>,
	C::Api: PledgeApi<Block, AccountId, BlockNumber>,
	C::Api: InsuranceApi<Block, AccountId>,
	C::Api: iprchain_runtime::status_api::AssetStatusApi<Block, AccountId>,
	P: TransactionPool + 'static,
	B: sc_client_api::Backend<Block> + Send + Sync + 'static,
	B::State: sc_client_api::StateBackend<sp_runtime::traits::HashingFor<Block>>,
{
	use substrate_frame_rpc_system::{System, SystemApiServer};

	let mut module = RpcModule::new(());
	let FullDeps { client, pool, grandpa } = deps;

	module.merge(System::new(client.clone(), pool).into_rpc())?;
	module.merge(
		Grandpa::new(
			grandpa.subscription_executor,
			grandpa.shared_authority_set,
			grandpa.shared_voter_state,
			grandpa.justification_stream,
			grandpa.finality_provider,
		)
		.into_rpc(),
	)?;
	module.merge(Ipr::new(client.clone()).into_rpc())?;
	module.merge(assets::Assets::new(client.clone()).into_rpc())?;
	module.merge(insurance::Insurance::new(client).into_rpc())?;
	Ok(module)
}

/// The registry's own read methods.
#[rpc(server)]
pub trait IprApi {
	/// The evidence record deposited for `digest` (64 hex digits) under `algo` (`sha256` | `sm3`), read
	/// at block `at` (default: the best block); `null` when nothing was deposited.
	#[method(name = "ipr_getEvidence")]
	fn get_evidence(&self, algo: String, digest: String, at: Option<Hash>)
		-> RpcResult<Option<EvidenceView>>;

	/// The batch anchored under `root` with `algo`, read at block `at` (default: best); `null` if none.
	#[method(name = "ipr_getBatch")]
	fn get_batch(&self, algo: String, root: String, at: Option<Hash>) -> RpcResult<Option<BatchView>>;
}

/// Serves [`IprApiServer`] from the runtime's `EvidenceApi`.
pub struct Ipr<C> {
	client: Arc<C>,
}

impl<C> Ipr<C> {
	/// Serves `ipr_*` from `client`.
	pub fn new(client: Arc<C>) -> Self {
		Self { client }
	}
}

pub(crate) fn invalid_params(message: impl Into<String>) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(ErrorCode::InvalidParams.code(), message.into(), None::<()>)
}

pub(crate) fn internal_error(message: impl Into<String>) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(ErrorCode::InternalError.code(), message.into(), None::<()>)
}

pub(crate) fn parse_algo(algo: &str) -> RpcResult<HashAlgo> {
	HashAlgo::from_name(algo)
		.ok_or_else(|| invalid_params(format!("unknown hash algorithm `{algo}`: use sha256 or sm3")))
}

pub(crate) fn parse_digest(digest: &str) -> RpcResult<[u8; 32]> {
	parse_digest_hex(digest).map_err(|why| invalid_params(format!("malformed digest `{digest}`: {why}")))
}

/// The block a query reads (`at`, or the best block), its view for the answer, and the finalized
/// number.
pub(crate) fn resolve_at<C>(client: &C, at: Option<Hash>) -> RpcResult<(Hash, AtView, BlockNumber)>
where
	C: HeaderBackend<Block>,
{
	let info = client.info();
	let hash = at.unwrap_or(info.best_hash);
	let number = client
		.number(hash)
		.map_err(|e| internal_error(e.to_string()))?
		.ok_or_else(|| invalid_params(format!("unknown block {hash:?}")))?;
	let finalized = number <= info.finalized_number && client.hash(number).ok().flatten() == Some(hash);
	Ok((hash, AtView { hash: to_hex(hash.as_bytes()), number, finalized }, info.finalized_number))
}

impl<C> Ipr<C>
where
	C: HeaderBackend<Block>,
{
	fn resolve_at(&self, at: Option<Hash>) -> RpcResult<(Hash, AtView, BlockNumber)> {
		resolve_at(&*self.client, at)
	}

	fn canonical_hash(&self, number: BlockNumber) -> Option<String> {
		self.client.hash(number).ok().flatten().map(|hash| to_hex(hash.as_bytes()))
	}
}

impl<C> IprApiServer for Ipr<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: EvidenceApi<Block, AccountId, BlockNumber>,
{
	fn get_evidence(
		&self,
		algo: String,
		digest: String,
		at: Option<Hash>,
	) -> RpcResult<Option<EvidenceView>> {
		let algo = parse_algo(&algo)?;
		let digest = parse_digest(&digest)?;
		let (hash, at, finalized_number) = self.resolve_at(at)?;
		let record = self
			.client
			.runtime_api()
			.evidence(hash, algo, digest)
			.map_err(|e| internal_error(format!("runtime call failed: {e}")))?;
		Ok(record.map(|record| EvidenceView {
			algo: algo.name().into(),
			digest: to_hex(&digest),
			kind: record.kind.name().into(),
			title: String::from_utf8_lossy(&record.title).into_owned(),
			capture: record.capture.map(|capture| CaptureView {
				source_url: String::from_utf8_lossy(&capture.source_url).into_owned(),
				captured_at: capture.captured_at,
				environment_digest: to_hex(&capture.environment_digest),
				files_root: to_hex(&capture.files_root),
			}),
			submitter: record.submitter.to_ss58check(),
			owner: record.owner.to_ss58check(),
			block_number: record.block_number,
			block_hash: self.canonical_hash(record.block_number),
			deposited_at: record.deposited_at,
			finalized: record.block_number <= finalized_number,
			at,
		}))
	}

	fn get_batch(&self, algo: String, root: String, at: Option<Hash>) -> RpcResult<Option<BatchView>> {
		let algo = parse_algo(&algo)?;
		let root = parse_digest(&root)?;
		let (hash, at, finalized_number) = self.resolve_at(at)?;
		let anchor = self
			.client
			.runtime_api()
			.batch(hash, algo, root)
			.map_err(|e| internal_error(format!("runtime call failed: {e}")))?;
		Ok(anchor.map(|anchor| BatchView {
			algo: algo.name().into(),
			root: to_hex(&root),
			leaf_count: anchor.leaf_count,
			submitter: anchor.submitter.to_ss58check(),
			block_number: anchor.block_number,
			block_hash: self.canonical_hash(anchor.block_number),
			anchored_at: anchor.anchored_at,
			finalized: anchor.block_number <= finalized_number,
			at,
		}))
	}
}
