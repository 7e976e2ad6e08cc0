//! The peer gate (issue 16): on a closed node, every request-response protocol answers the node's
//! reserved peers only.
//!
//! Node authorization makes the network reserved-only, but in Substrate that rule covers the
//! notification protocols (block announces, GRANDPA, transactions) alone: the request-response
//! handlers (blocks, state, warp-sync proofs, light-client storage and call proofs) answer whoever
//! opened a connection. A light client given a validator's address warp-synced from it to the latest
//! finalized block. The gate sits between the network and each handler: a request from a peer that is
//! not in the network's reserved set — which the node-authorization offchain worker keeps equal to the
//! authorized nodes — is answered with an error and never reaches the handler.
//!
//! The reserved set is read from the network service itself, so the gate follows every change the
//! worker makes; a short-lived copy keeps a busy peer from costing a look-up per request, and a peer
//! not in the copy causes a fresh look-up (at most a few a second) before it is refused, so a node
//! the council has just authorized is served at once.
//!
//! Only a closed node is gated: one whose peers are reserved-only when it starts, i.e. every node of
//! a real chain except a light-client gateway (gateway.rs), whose purpose is to answer light clients,
//! and a development chain.

use futures::{channel::oneshot, future::BoxFuture, FutureExt, StreamExt};
use iprchain_runtime::opaque::Block;
use sc_network::{
	request_responses::{IncomingRequest, OutgoingResponse},
	service::traits::{NetworkService, RequestResponseConfig},
	Litep2pNetworkBackend, NetworkBackend, NetworkWorker, PeerId, ProtocolName,
};
use sc_service::SpawnTaskHandle;
use std::{
	collections::HashSet,
	sync::Arc,
	time::{Duration, Instant},
};

type Hash = <Block as sp_runtime::traits::Block>::Hash;

const LOG_TARGET: &str = "peer-gate";

/// A reserved peer is admitted on a copy of the set at most this old.
const TRUSTED_FOR: Duration = Duration::from_secs(2);

/// A peer missing from a copy younger than this is refused without a new look-up: a stranger sending
/// requests in a loop costs at most a few look-ups a second.
const RECHECK_AFTER: Duration = Duration::from_millis(250);

/// How a network backend's request-response configuration hands inbound requests to a handler; the
/// gate takes that queue and passes on what it admits.
pub trait GatedBackend: NetworkBackend<Block, Hash> {
	/// The queue the network delivers `config`'s inbound requests to.
	fn inbound_queue(
		config: &mut Self::RequestResponseProtocolConfig,
	) -> &mut Option<async_channel::Sender<IncomingRequest>>;
}

impl GatedBackend for NetworkWorker<Block, Hash> {
	fn inbound_queue(
		config: &mut Self::RequestResponseProtocolConfig,
	) -> &mut Option<async_channel::Sender<IncomingRequest>> {
		&mut config.inbound_queue
	}
}

impl GatedBackend for Litep2pNetworkBackend {
	fn inbound_queue(
		config: &mut Self::RequestResponseProtocolConfig,
	) -> &mut Option<async_channel::Sender<IncomingRequest>> {
		&mut config.inbound_queue
	}
}

/// The gates of one node's protocols, set up while the network is configured and started once the
/// network service (which knows the reserved set) exists.
pub struct PeerGate {
	closed: bool,
	gates: Vec<Gate>,
}

/// One protocol's gate: requests arrive from the network and, when admitted, go on to the handler.
struct Gate {
	protocol: ProtocolName,
	from_network: async_channel::Receiver<IncomingRequest>,
	to_handler: async_channel::Sender<IncomingRequest>,
}

impl PeerGate {
	/// Gates on a `closed` node; passes everything through on an open one.
	pub fn new(closed: bool) -> Self {
		Self { closed, gates: Vec::new() }
	}

	/// Whether requests are gated.
	pub fn is_closed(&self) -> bool {
		self.closed
	}

	/// Puts a gate between the network and the handler `config` delivers to (an outbound-only protocol
	/// has no handler and is left alone).
	pub fn guard<N: GatedBackend>(
		&mut self,
		mut config: N::RequestResponseProtocolConfig,
	) -> N::RequestResponseProtocolConfig {
		if !self.closed {
			return config;
		}
		let protocol = config.protocol_name().clone();
		let queue = N::inbound_queue(&mut config);
		if let Some(to_handler) = queue.take() {
			// As deep as the handler's own queue, so the network sheds load where it did before.
			let (to_gate, from_network) = async_channel::bounded(to_handler.capacity().unwrap_or(32).max(1));
			*queue = Some(to_gate);
			self.gates.push(Gate { protocol, from_network, to_handler });
		}
		config
	}

	/// Starts the gates, reading the reserved set from `network`.
	pub fn start(self, network: Arc<dyn NetworkService>, spawn: &SpawnTaskHandle) {
		for gate in self.gates {
			let network = network.clone();
			let lookup: Lookup = Box::new(move || {
				let network = network.clone();
				async move { network.reserved_peers().await }.boxed()
			});
			spawn.spawn("peer-gate", Some("networking"), gate.run(lookup));
		}
	}
}

/// Reads the reserved set; `Err` when the network is gone.
type Lookup = Box<dyn Fn() -> BoxFuture<'static, Result<Vec<PeerId>, ()>> + Send + Sync>;

impl Gate {
	async fn run(self, lookup: Lookup) {
		let mut reserved = ReservedCopy::default();
		let mut from_network = self.from_network;
		while let Some(request) = from_network.next().await {
			let peer = request.peer;
			let now = Instant::now();
			let admitted = match reserved.check(&peer, now) {
				Check::Admit => true,
				Check::Refuse => false,
				Check::LookUp => {
					// Fail closed: a set that cannot be read admits nobody.
					reserved.replace(lookup().await.unwrap_or_default(), now);
					reserved.lists(&peer)
				}
			};
			if admitted {
				if self.to_handler.send(request).await.is_err() {
					return; // The handler stopped: the node is shutting down.
				}
			} else {
				log::debug!(
					target: LOG_TARGET,
					"{}: refused a request from {peer}, which is not a reserved (authorized) peer",
					self.protocol,
				);
				refuse(request.pending_response);
			}
		}
	}
}

/// Answers with an error, which the network turns into a refusal on the wire. No reputation change: a
/// node about to be authorized should not start out banned.
fn refuse(pending_response: oneshot::Sender<OutgoingResponse>) {
	let _ = pending_response.send(OutgoingResponse {
		result: Err(()),
		reputation_changes: Vec::new(),
		sent_feedback: None,
	});
}

/// What to do with a request, given the copy of the reserved set.
#[derive(Debug, PartialEq, Eq)]
enum Check {
	Admit,
	Refuse,
	/// Read the set again and decide on the fresh copy.
	LookUp,
}

/// The last reserved set read from the network, and when.
#[derive(Default)]
struct ReservedCopy {
	peers: HashSet<PeerId>,
	read_at: Option<Instant>,
}

impl ReservedCopy {
	fn check(&self, peer: &PeerId, now: Instant) -> Check {
		let Some(read_at) = self.read_at else { return Check::LookUp };
		let age = now.saturating_duration_since(read_at);
		match self.lists(peer) {
			true if age < TRUSTED_FOR => Check::Admit,
			false if age < RECHECK_AFTER => Check::Refuse,
			_ => Check::LookUp,
		}
	}

	fn replace(&mut self, peers: Vec<PeerId>, now: Instant) {
		self.peers = peers.into_iter().collect();
		self.read_at = Some(now);
	}

	fn lists(&self, peer: &PeerId) -> bool {
		self.peers.contains(peer)
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use futures::executor::block_on;
	use std::sync::Mutex;

	fn copy_of(peers: &[PeerId], now: Instant) -> ReservedCopy {
		let mut copy = ReservedCopy::default();
		copy.replace(peers.to_vec(), now);
		copy
	}

	#[test]
	fn nothing_is_admitted_before_the_set_is_read() {
		assert_eq!(ReservedCopy::default().check(&PeerId::random(), Instant::now()), Check::LookUp);
	}

	#[test]
	fn a_reserved_peer_is_admitted_on_a_recent_copy_and_rechecked_on_an_old_one() {
		let (peer, start) = (PeerId::random(), Instant::now());
		let copy = copy_of(&[peer], start);
		assert_eq!(copy.check(&peer, start), Check::Admit);
		assert_eq!(copy.check(&peer, start + TRUSTED_FOR - Duration::from_millis(1)), Check::Admit);
		// The worker may have removed it since: read again.
		assert_eq!(copy.check(&peer, start + TRUSTED_FOR), Check::LookUp);
	}

	#[test]
	fn a_stranger_is_refused_and_looked_up_again_only_after_a_pause() {
		let (reserved, stranger, start) = (PeerId::random(), PeerId::random(), Instant::now());
		let copy = copy_of(&[reserved], start);
		assert_eq!(copy.check(&stranger, start), Check::Refuse);
		assert_eq!(copy.check(&stranger, start + RECHECK_AFTER - Duration::from_millis(1)), Check::Refuse);
		// It may have been authorized since.
		assert_eq!(copy.check(&stranger, start + RECHECK_AFTER), Check::LookUp);
	}

	#[test]
	fn a_fresh_copy_replaces_the_old_one() {
		let (old, new, start) = (PeerId::random(), PeerId::random(), Instant::now());
		let mut copy = copy_of(&[old], start);
		copy.replace(vec![new], start);
		assert!(copy.lists(&new) && !copy.lists(&old));
		assert_eq!(copy.check(&old, start), Check::Refuse);
	}

	fn request(peer: PeerId) -> (IncomingRequest, oneshot::Receiver<OutgoingResponse>) {
		let (pending_response, response) = oneshot::channel();
		(IncomingRequest { peer, payload: vec![1, 2, 3], pending_response }, response)
	}

	/// The gate of one protocol, with `reserved` as the network's reserved set.
	fn gate(
		reserved: Arc<Mutex<Result<Vec<PeerId>, ()>>>,
	) -> (Gate, Lookup, async_channel::Sender<IncomingRequest>, async_channel::Receiver<IncomingRequest>) {
		let (to_gate, from_network) = async_channel::bounded(8);
		let (to_handler, handler) = async_channel::bounded(8);
		let lookup: Lookup = Box::new(move || {
			let peers = reserved.lock().unwrap().clone();
			async move { peers }.boxed()
		});
		(Gate { protocol: "/test/1".into(), from_network, to_handler }, lookup, to_gate, handler)
	}

	#[test]
	fn only_reserved_peers_reach_the_handler_and_others_get_an_error() {
		let (member, stranger) = (PeerId::random(), PeerId::random());
		let (gate, lookup, network, handler) = gate(Arc::new(Mutex::new(Ok(vec![member]))));
		let (from_member, _member_response) = request(member);
		let (from_stranger, stranger_response) = request(stranger);
		network.try_send(from_stranger).unwrap();
		network.try_send(from_member).unwrap();
		drop(network);
		block_on(gate.run(lookup));

		let answered = block_on(stranger_response).expect("the stranger gets an answer");
		assert_eq!(answered.result, Err(()), "the stranger's request is refused");
		let delivered: Vec<_> = block_on(handler.collect::<Vec<_>>());
		assert_eq!(delivered.iter().map(|request| request.peer).collect::<Vec<_>>(), vec![member]);
		assert_eq!(delivered[0].payload, vec![1, 2, 3], "the request is passed on unchanged");
	}

	#[test]
	fn an_unreadable_reserved_set_admits_nobody() {
		let peer = PeerId::random();
		let (gate, lookup, network, handler) = gate(Arc::new(Mutex::new(Err(()))));
		let (from_peer, response) = request(peer);
		network.try_send(from_peer).unwrap();
		drop(network);
		block_on(gate.run(lookup));
		assert_eq!(block_on(response).unwrap().result, Err(()));
		assert!(block_on(handler.collect::<Vec<_>>()).is_empty());
	}

	#[test]
	fn an_open_node_leaves_the_queues_alone_and_a_closed_one_gates_them() {
		type Libp2p = NetworkWorker<Block, Hash>;
		let (to_handler, handler) = async_channel::bounded(4);
		let config = <Libp2p as NetworkBackend<Block, Hash>>::request_response_config(
			"/test/1".into(),
			Vec::new(),
			1024,
			1024,
			Duration::from_secs(1),
			Some(to_handler),
		);
		let mut open = PeerGate::new(false);
		let config = open.guard::<Libp2p>(config);
		assert!(open.gates.is_empty());
		config.inbound_queue.as_ref().unwrap().try_send(request(PeerId::random()).0).unwrap();
		assert!(handler.try_recv().is_ok(), "an open node's network delivers to the handler");

		let mut closed = PeerGate::new(true);
		let config = closed.guard::<Libp2p>(config);
		let queue = config.inbound_queue.as_ref().unwrap();
		assert_eq!(queue.capacity(), Some(4), "as deep as the handler's queue");
		queue.try_send(request(PeerId::random()).0).unwrap();
		assert!(handler.try_recv().is_err(), "a closed node's network delivers to the gate");
		assert_eq!(closed.gates.len(), 1);
		assert!(closed.gates[0].from_network.try_recv().is_ok());
	}
}
