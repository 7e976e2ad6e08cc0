//! The transaction pool as the network's transaction gossip sees it.
//!
//! Substrate's transactions protocol only offers peers what the pool calls *ready*: it
//! announces a transaction when the pool imports it as ready, and every 2.9 s it sends each
//! peer the ready queue. A transaction imported as *future* (its nonce ahead of the account's)
//! is never announced, and when it is later promoted to ready no notification fires either: it
//! waits for the next periodic round, on that node only.
//!
//! So when one account's consecutive nonces arrive at different nodes — a load balancer in
//! front of the four validators, or an integrator spreading a pre-signed batch — each node
//! holds a different slice of the account's queue as future, and the queue crosses the network
//! one hop per nonce: nonce k reaches the author only after k−1 was gossiped to k's node, made k
//! ready there, and k's node's next round sent it on. A burst of 600 nonces over four nodes took
//! 439 s (1–6 of them per block), and past ~700 the 256-block mortal era ends first and the rest
//! can never be included (docs/performance.md, "Bursts", step 9).
//!
//! [`GossipPool`] is handed only to the network (`sc_service::build_network`); block
//! authorship, RPC and the offchain workers keep using the pool itself. To the network it
//! offers the future queue after the ready one, so each node forwards what it holds, ready or
//! not, in its next round, and the receiving pool orders the nonces itself. It changes what is
//! *sent*, never what is accepted: every gossiped transaction is validated by the receiving
//! pool as before, and the runtime's window (`CheckNonce`: at most 1,000 nonces ahead) bounds
//! how much future queue one account can make others carry.

use std::{collections::HashMap, pin::Pin, sync::Arc, vec};

use sc_transaction_pool_api::{
	ImportNotificationStream, PoolStatus, ReadyTransactions, TransactionFor, TransactionPool,
	TransactionSource, TransactionStatusStreamFor, TxHash, TxInvalidityReportMap,
};
use sp_runtime::traits::Block as BlockT;

/// A pool whose `ready()` also yields its future transactions; see the module's docs.
pub struct GossipPool<P>(pub Arc<P>);

/// The ready transactions first, in the pool's order, then the future ones.
struct ReadyThenFuture<T> {
	ready: Box<dyn ReadyTransactions<Item = Arc<T>> + Send>,
	future: vec::IntoIter<T>,
}

impl<T> Iterator for ReadyThenFuture<T> {
	type Item = Arc<T>;

	fn next(&mut self) -> Option<Arc<T>> {
		self.ready.next().or_else(|| self.future.next().map(Arc::new))
	}
}

impl<T> ReadyTransactions for ReadyThenFuture<T> {
	fn report_invalid(&mut self, tx: &Arc<T>) {
		// Only the ready part has dependants to skip; the gossip never reports anything.
		self.ready.report_invalid(tx)
	}
}

#[async_trait::async_trait]
impl<P> TransactionPool for GossipPool<P>
where
	P: TransactionPool + 'static,
	P::InPoolTransaction: Send + Sync + 'static,
{
	type Block = P::Block;
	type Hash = P::Hash;
	type InPoolTransaction = P::InPoolTransaction;
	type Error = P::Error;

	async fn submit_at(
		&self,
		at: <Self::Block as BlockT>::Hash,
		source: TransactionSource,
		xts: Vec<TransactionFor<Self>>,
	) -> Result<Vec<Result<TxHash<Self>, Self::Error>>, Self::Error> {
		self.0.submit_at(at, source, xts).await
	}

	async fn submit_one(
		&self,
		at: <Self::Block as BlockT>::Hash,
		source: TransactionSource,
		xt: TransactionFor<Self>,
	) -> Result<TxHash<Self>, Self::Error> {
		self.0.submit_one(at, source, xt).await
	}

	async fn submit_and_watch(
		&self,
		at: <Self::Block as BlockT>::Hash,
		source: TransactionSource,
		xt: TransactionFor<Self>,
	) -> Result<Pin<Box<TransactionStatusStreamFor<Self>>>, Self::Error> {
		self.0.submit_and_watch(at, source, xt).await
	}

	async fn ready_at(
		&self,
		at: <Self::Block as BlockT>::Hash,
	) -> Box<dyn ReadyTransactions<Item = Arc<Self::InPoolTransaction>> + Send> {
		self.0.ready_at(at).await
	}

	/// What the network offers its peers each round: ready, then future.
	fn ready(&self) -> Box<dyn ReadyTransactions<Item = Arc<Self::InPoolTransaction>> + Send> {
		Box::new(ReadyThenFuture { ready: self.0.ready(), future: self.0.futures().into_iter() })
	}

	async fn report_invalid(
		&self,
		at: Option<<Self::Block as BlockT>::Hash>,
		invalid_tx_errors: TxInvalidityReportMap<TxHash<Self>>,
	) -> Vec<Arc<Self::InPoolTransaction>> {
		self.0.report_invalid(at, invalid_tx_errors).await
	}

	fn futures(&self) -> Vec<Self::InPoolTransaction> {
		self.0.futures()
	}

	fn status(&self) -> PoolStatus {
		self.0.status()
	}

	fn import_notification_stream(&self) -> ImportNotificationStream<TxHash<Self>> {
		self.0.import_notification_stream()
	}

	fn on_broadcasted(&self, propagations: HashMap<TxHash<Self>, Vec<String>>) {
		self.0.on_broadcasted(propagations)
	}

	fn hash_of(&self, xt: &TransactionFor<Self>) -> TxHash<Self> {
		self.0.hash_of(xt)
	}

	fn ready_transaction(&self, hash: &TxHash<Self>) -> Option<Arc<Self::InPoolTransaction>> {
		self.0.ready_transaction(hash)
	}

	async fn ready_at_with_timeout(
		&self,
		at: <Self::Block as BlockT>::Hash,
		timeout: std::time::Duration,
	) -> Box<dyn ReadyTransactions<Item = Arc<Self::InPoolTransaction>> + Send> {
		self.0.ready_at_with_timeout(at, timeout).await
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	/// A stand-in for the pool's ready iterator that records what was reported.
	struct Ready(vec::IntoIter<Arc<u32>>, Vec<u32>);

	impl Iterator for Ready {
		type Item = Arc<u32>;
		fn next(&mut self) -> Option<Arc<u32>> {
			self.0.next()
		}
	}

	impl ReadyTransactions for Ready {
		fn report_invalid(&mut self, tx: &Arc<u32>) {
			self.1.push(**tx)
		}
	}

	#[test]
	fn offers_the_ready_queue_first_then_the_future_one() {
		let ready = Ready(vec![Arc::new(1), Arc::new(2)].into_iter(), Vec::new());
		let both = ReadyThenFuture { ready: Box::new(ready), future: vec![7, 8].into_iter() };
		let offered: Vec<u32> = both.map(|t| *t).collect();
		assert_eq!(offered, vec![1, 2, 7, 8]);
	}

	#[test]
	fn with_nothing_ready_the_future_queue_is_still_offered() {
		let ready = Ready(Vec::new().into_iter(), Vec::new());
		let both = ReadyThenFuture { ready: Box::new(ready), future: vec![5].into_iter() };
		assert_eq!(both.map(|t| *t).collect::<Vec<_>>(), vec![5]);
	}
}
