//! The node's transaction pool: Substrate's single-state pool, validating through
//! [`GuardedChainApi`] so that a verdict the chain cannot stand behind never deletes queues.
//!
//! The single-state pool revalidates its ready transactions in the background, a batch every
//! 200 ms (a quarter of the queue at a time), at the best block it was last told about. Two of
//! the answers it can get there make it delete the transaction **with every later nonce of the
//! account** (`remove_subtree`) and ban all their hashes for 30 minutes, telling a plain
//! `author_submitExtrinsic` caller nothing:
//!
//! - an error from the runtime call itself, e.g. "State already discarded": under load the
//!   worker's block can be a fork that finality has just pruned;
//! - `Invalid` at a block that is no longer on the best chain, e.g. `Stale` at the losing fork's
//!   head that included the very transactions the pool has just re-queued after the reorg.
//!
//! Neither says anything about the transaction on the chain that will be finalized. The guard
//! turns both into "unknown validity" (`CannotLookup`), which the revalidation keeps for its next
//! round and which a submitter receives as a refusal to send again (not a ban: an error from the
//! runtime call used to ban the hash, so the same bytes were then refused "temporarily banned").
//! An `Invalid` verdict at a block of the best chain is passed on untouched: replays, bad
//! signatures and used nonces are refused as before. docs/performance.md, "Bursts", step 10.

use std::sync::Arc;

use iprchain_runtime::opaque::Block;
use sc_transaction_pool::{BasicPool, ChainApi, FullChainApi, ValidateTransactionPriority};
use sc_transaction_pool_api::{LocalTransactionPool, TransactionPool, TransactionSource};
use sp_blockchain::{HeaderBackend, TreeRoute};
use sp_runtime::{
	generic::BlockId,
	traits::{Block as BlockT, NumberFor},
	transaction_validity::{TransactionValidity, TransactionValidityError, UnknownTransaction},
};

use crate::service::FullClient;

/// The pool every part of the node uses.
pub type TxPool = BasicPool<GuardedChainApi, Block>;

type Hash = <Block as BlockT>::Hash;
type Extrinsic = <Block as BlockT>::Extrinsic;
/// Substrate's chain access, which the guard wraps.
type Inner = FullChainApi<FullClient, Block>;
/// The pool's error (Substrate names it only through its chain access).
type PoolError = <Inner as ChainApi>::Error;

/// Log target of the guard's decisions.
const LOG_TARGET: &str = "iprchain::txpool";

/// Substrate's chain access for the pool, with the guard described in the module's docs.
pub struct GuardedChainApi {
	inner: Inner,
	client: Arc<FullClient>,
}

impl GuardedChainApi {
	pub fn new(inner: Inner, client: Arc<FullClient>) -> Self {
		Self { inner, client }
	}

	/// Whether `at` is the best chain's block at its height.
	fn on_best_chain(&self, at: Hash) -> bool {
		match self.client.number(at) {
			Ok(Some(number)) => self.client.hash(number).ok().flatten() == Some(at),
			_ => false,
		}
	}

	/// The guard: what the pool is told for `verdict`, reached at block `at`.
	fn judge(
		&self,
		at: Hash,
		verdict: Result<TransactionValidity, PoolError>,
	) -> Result<TransactionValidity, PoolError> {
		guard(
			verdict,
			|| self.on_best_chain(at),
			|why| log::debug!(target: LOG_TARGET, "{why} at {at:?}; kept as unknown"),
		)
	}
}

/// The rule itself: a failed check, or `Invalid` at a block off the best chain, becomes "unknown
/// validity" (`report` is told why); every other verdict passes unchanged.
fn guard<E: std::fmt::Display>(
	verdict: Result<TransactionValidity, E>,
	on_best_chain: impl FnOnce() -> bool,
	report: impl FnOnce(String),
) -> Result<TransactionValidity, E> {
	let cannot_tell = Ok(Err(TransactionValidityError::Unknown(UnknownTransaction::CannotLookup)));
	match verdict {
		Err(error) => {
			report(format!("validation failed ({error})"));
			cannot_tell
		}
		Ok(Err(TransactionValidityError::Invalid(invalid))) if !on_best_chain() => {
			report(format!("invalid ({invalid:?}) off the best chain"));
			cannot_tell
		}
		other => other,
	}
}

#[async_trait::async_trait]
impl ChainApi for GuardedChainApi {
	type Block = Block;
	type Error = PoolError;

	async fn validate_transaction(
		&self,
		at: Hash,
		source: TransactionSource,
		uxt: Arc<Extrinsic>,
		validation_priority: ValidateTransactionPriority,
	) -> Result<TransactionValidity, Self::Error> {
		let verdict = self.inner.validate_transaction(at, source, uxt, validation_priority).await;
		self.judge(at, verdict)
	}

	fn validate_transaction_blocking(
		&self,
		at: Hash,
		source: TransactionSource,
		uxt: Arc<Extrinsic>,
	) -> Result<TransactionValidity, Self::Error> {
		let verdict = self.inner.validate_transaction_blocking(at, source, uxt);
		self.judge(at, verdict)
	}

	fn block_id_to_number(&self, at: &BlockId<Block>) -> Result<Option<NumberFor<Block>>, Self::Error> {
		self.inner.block_id_to_number(at)
	}

	fn block_id_to_hash(&self, at: &BlockId<Block>) -> Result<Option<Hash>, Self::Error> {
		self.inner.block_id_to_hash(at)
	}

	fn hash_and_length(&self, uxt: &Extrinsic) -> (Hash, usize) {
		self.inner.hash_and_length(uxt)
	}

	async fn block_body(&self, at: Hash) -> Result<Option<Vec<Extrinsic>>, Self::Error> {
		self.inner.block_body(at).await
	}

	fn block_header(&self, at: Hash) -> Result<Option<<Block as BlockT>::Header>, Self::Error> {
		self.inner.block_header(at)
	}

	fn tree_route(&self, from: Hash, to: Hash) -> Result<TreeRoute<Block>, Self::Error> {
		self.inner.tree_route(from, to)
	}
}

/// The pool as the offchain workers and GRANDPA's equivocation reports submit to it: Substrate
/// implements this only for a pool over its own chain access, so this one submits through the
/// pool's ordinary `submit_one`, as a local transaction, and waits for the answer.
pub struct LocalSubmitter(pub Arc<TxPool>);

impl LocalTransactionPool for LocalSubmitter {
	type Block = Block;
	type Hash = Hash;
	type Error = PoolError;

	fn submit_local(&self, at: Hash, xt: Extrinsic) -> Result<Hash, Self::Error> {
		// Validation runs on the pool's own validation threads, so blocking here only waits.
		futures::executor::block_on(self.0.submit_one(at, TransactionSource::Local, xt))
	}
}

/// The pool's limits: `--pool-limit` transactions (and `--pool-kbytes`) in the future queue and ten
/// times that in the ready queue, where Substrate gives the future queue a tenth of the limit.
///
/// The larger future queue is for bursts arriving out of nonce order; the runtime bounds how far
/// ahead of its nonce an account may queue, so the queues only need that window times the
/// accounts sending.
pub fn options(params: &sc_cli::TransactionPoolParams, is_dev: bool) -> sc_transaction_pool::Options {
	const READY_PER_FUTURE: usize = 10;
	let future = sc_transaction_pool::PoolLimit {
		count: params.pool_limit,
		total_bytes: params.pool_kbytes.saturating_mul(1024),
	};
	let ready = sc_transaction_pool::PoolLimit {
		count: future.count.saturating_mul(READY_PER_FUTURE),
		total_bytes: future.total_bytes.saturating_mul(READY_PER_FUTURE),
	};
	// Substrate's rule: no ban on a development chain, 30 minutes otherwise, unless named.
	let ban_seconds = params.tx_ban_seconds.unwrap_or(if is_dev { 0 } else { 30 * 60 });
	sc_transaction_pool::Options {
		ready,
		future,
		reject_future_transactions: false,
		ban_time: std::time::Duration::from_secs(ban_seconds),
	}
}

/// Builds the pool over [`GuardedChainApi`], with Substrate's background revalidation.
pub fn build(
	config: &sc_service::Configuration,
	options: sc_transaction_pool::Options,
	spawner: sc_service::SpawnEssentialTaskHandle,
	client: Arc<FullClient>,
) -> TxPool {
	let prometheus = config.prometheus_registry();
	let inner = FullChainApi::new(client.clone(), prometheus, &spawner);
	let chain = client.info();
	BasicPool::with_revalidation_type(
		options,
		config.role.is_authority().into(),
		Arc::new(GuardedChainApi::new(inner, client)),
		prometheus,
		sc_transaction_pool::RevalidationType::Full,
		spawner,
		chain.best_number,
		chain.best_hash,
		chain.finalized_hash,
	)
}

#[cfg(test)]
mod tests {
	use super::*;
	use sp_runtime::transaction_validity::{InvalidTransaction, ValidTransaction};

	fn unknown() -> Result<TransactionValidity, String> {
		Ok(Err(TransactionValidityError::Unknown(UnknownTransaction::CannotLookup)))
	}

	fn stale() -> Result<TransactionValidity, String> {
		Ok(Err(TransactionValidityError::Invalid(InvalidTransaction::Stale)))
	}

	#[test]
	fn a_failed_check_keeps_the_transaction_as_unknown() {
		let mut told = None;
		let verdict = guard(Err("State already discarded".to_string()), || true, |why| told = Some(why));
		assert_eq!(verdict, unknown());
		assert!(told.expect("reported").contains("State already discarded"));
	}

	#[test]
	fn invalid_off_the_best_chain_is_unknown_and_on_it_stays_invalid() {
		assert_eq!(guard(stale(), || false, |_| ()), unknown());
		let mut told = false;
		assert_eq!(guard(stale(), || true, |_| told = true), stale());
		assert!(!told, "a verdict on the best chain is passed on silently");
	}

	#[test]
	fn valid_and_unknown_verdicts_pass_unchanged_without_asking_about_the_chain() {
		let valid: Result<TransactionValidity, String> = Ok(Ok(ValidTransaction::default()));
		assert_eq!(guard(valid.clone(), || panic!("not asked"), |_| ()), valid);
		assert_eq!(guard(unknown(), || panic!("not asked"), |_| ()), unknown());
	}
}
