//! Builds the node's network: the same protocols and tasks as `sc_service::build_network`, assembled
//! here so that every request-response protocol — blocks, state, warp-sync proofs, light-client
//! requests — is registered through the peer gate (peer_gate.rs).
//!
//! Substrate's builder creates the state, warp-sync and light-client handlers inside itself and
//! hands their queues straight to the network, with no hook to put anything in between; its public
//! parts (the handlers, the syncing engine and strategy, the transactions protocol, the network
//! backend) are what this file puts together instead. Bitswap (`--ipfs-server`) is refused: iprchain
//! indexes no transactions, and it would be one more protocol outside the gate.

use crate::{
	peer_gate::{GatedBackend, PeerGate},
	service::FullClient,
};
use futures::{pin_mut, FutureExt, StreamExt};
use iprchain_runtime::opaque::Block;
use sc_client_api::{BlockBackend, BlockchainEvents};
use sc_consensus::ImportQueue;
use sc_network::{
	config::{Params, SyncMode},
	service::traits::{NetworkService, RequestResponseConfig},
	NetworkBackend, NetworkBlock, Roles,
};
use sc_network_light::light_client_requests::handler::LightClientRequestHandler;
use sc_network_sync::{
	block_relay_protocol::BlockRelayParams,
	block_request_handler::BlockRequestHandler,
	engine::SyncingEngine,
	service::network::NetworkServiceProvider,
	state_request_handler::StateRequestHandler,
	strategy::polkadot::{PolkadotSyncingStrategy, PolkadotSyncingStrategyConfig},
	warp_request_handler::RequestHandler as WarpSyncRequestHandler,
	SyncingService, WarpSyncConfig,
};
use sc_network_transactions::{TransactionsHandlerController, TransactionsHandlerPrototype};
use sc_service::{error::Error, BuildNetworkParams, TransactionPool, TransactionPoolAdapter};
use sc_utils::mpsc::{tracing_unbounded, TracingUnboundedSender};
use sp_blockchain::HeaderBackend;
use sp_consensus::block_validation::DefaultBlockAnnounceValidator;
use sp_runtime::traits::Header as _;
use std::sync::Arc;

type Hash = <Block as sp_runtime::traits::Block>::Hash;

/// What `sc_service::build_network` returns, without the Bitswap handle.
pub type Network = (
	Arc<dyn NetworkService>,
	TracingUnboundedSender<sc_rpc::system::Request<Block>>,
	TransactionsHandlerController<Hash>,
	Arc<SyncingService<Block>>,
);

/// Builds and starts the network from Substrate's own parameters. The node is gated when its peers
/// are reserved-only at start (`defaults::close_network`; not on a development chain, nor on a
/// light-client gateway).
pub fn build_network<Net, TxPool, IQ>(
	params: BuildNetworkParams<'_, Block, Net, TxPool, IQ, FullClient>,
) -> Result<Network, Error>
where
	Net: GatedBackend,
	TxPool: TransactionPool<Block = Block, Hash = Hash> + 'static,
	IQ: ImportQueue<Block> + 'static,
{
	let BuildNetworkParams {
		config,
		mut net_config,
		client,
		transaction_pool,
		spawn_handle,
		spawn_essential_handle,
		import_queue,
		block_announce_validator_builder,
		warp_sync_config,
		block_relay,
		metrics,
		gap_sync_body_policy,
	} = params;
	let network_config = &net_config.network_config;
	if network_config.ipfs_server {
		return Err(Error::Other("--ipfs-server: iprchain-node does not serve Bitswap".into()));
	}
	if warp_sync_config.is_none() && network_config.sync_mode.is_warp() {
		return Err("Warp sync enabled, but no warp sync provider configured.".into());
	}
	if client.requires_full_sync() && !matches!(network_config.sync_mode, SyncMode::Full) {
		return Err("an archive node syncs in full: drop --sync".into());
	}
	let mut gate = PeerGate::new(network_config.default_peers_set.non_reserved_mode.is_reserved_only());
	let protocol_id = config.protocol_id();
	let fork_id = config.chain_spec.fork_id();
	let registry = config.prometheus_registry();
	let genesis_hash = client.info().genesis_hash;
	let service_provider = NetworkServiceProvider::new();

	// Blocks.
	let BlockRelayParams { mut server, downloader, request_response_config } = match block_relay {
		Some(relay) => relay,
		None => {
			let peers = &network_config.default_peers_set;
			BlockRequestHandler::new::<Net>(
				service_provider.handle(),
				&protocol_id,
				fork_id,
				client.clone(),
				(peers.in_peers + peers.out_peers) as usize,
			)
		}
	};
	net_config.add_request_response_protocol(gate.guard::<Net>(request_response_config));
	spawn_handle.spawn("block-request-handler", Some("networking"), async move { server.run().await });

	// State.
	let state_peers = net_config.network_config.default_peers_set_num_full as usize
		+ net_config.network_config.default_peers_set.reserved_nodes.len();
	let (state_handler, state_config) =
		StateRequestHandler::new::<Net>(&protocol_id, fork_id, client.clone(), state_peers);
	let state_request_protocol_name = state_config.protocol_name().clone();
	net_config.add_request_response_protocol(gate.guard::<Net>(state_config));
	spawn_handle.spawn("state-request-handler", Some("networking"), state_handler.run());

	// Warp-sync proofs.
	let warp_sync_protocol_name = match &warp_sync_config {
		Some(WarpSyncConfig::WithProvider(provider)) => {
			let (handler, warp_config) = WarpSyncRequestHandler::new::<_, Net>(
				protocol_id.clone(),
				genesis_hash,
				fork_id,
				provider.clone(),
			);
			let name = warp_config.protocol_name().clone();
			net_config.add_request_response_protocol(gate.guard::<Net>(warp_config));
			spawn_handle.spawn("warp-sync-request-handler", Some("networking"), handler.run());
			Some(name)
		}
		_ => None,
	};

	// Syncing.
	let network_config = &net_config.network_config;
	let strategy = PolkadotSyncingStrategy::new(
		PolkadotSyncingStrategyConfig {
			mode: network_config.sync_mode,
			max_parallel_downloads: network_config.max_parallel_downloads,
			max_blocks_per_request: network_config.max_blocks_per_request,
			min_peers_to_start_warp_sync: network_config.min_peers_to_start_warp_sync,
			metrics_registry: registry.cloned(),
			state_request_protocol_name,
			block_downloader: downloader,
			gap_sync_body_policy: gap_sync_body_policy
				.unwrap_or_else(|| sc_service::default_gap_sync_body_policy(config.blocks_pruning)),
		},
		client.clone(),
		warp_sync_config,
		warp_sync_protocol_name,
	)?;
	let block_announce_validator = match block_announce_validator_builder {
		Some(build) => build(client.clone()),
		None => Box::new(DefaultBlockAnnounceValidator),
	};
	let (engine, sync_service, block_announce_config) = SyncingEngine::new(
		Roles::from(&config.role),
		client.clone(),
		registry,
		metrics.clone(),
		&net_config,
		protocol_id.clone(),
		fork_id,
		block_announce_validator,
		Box::new(strategy),
		service_provider.handle(),
		import_queue.service(),
		net_config.peer_store_handle(),
	)?;
	// Essential: a node that stopped syncing should stop rather than linger.
	spawn_essential_handle.spawn_blocking("syncing", None, engine.run());
	let sync_service = Arc::new(sync_service);

	// Light-client storage and call proofs.
	let (light_handler, light_config) =
		LightClientRequestHandler::new::<Net>(&protocol_id, fork_id, client.clone());
	net_config.add_request_response_protocol(gate.guard::<Net>(light_config));
	spawn_handle.spawn("light-client-request-handler", Some("networking"), light_handler.run());

	// Transactions (a notification protocol: closed by the reserved set itself).
	let (transactions, transactions_config) = TransactionsHandlerPrototype::new::<_, Block, Net>(
		protocol_id.clone(),
		genesis_hash,
		fork_id,
		metrics.clone(),
		net_config.peer_store_handle(),
	);
	net_config.add_notification_protocol(transactions_config);

	let peer_store = net_config.take_peer_store();
	spawn_handle.spawn(
		"peer-store",
		Some("networking"),
		sc_network::service::traits::PeerStore::run(peer_store),
	);

	let has_boot_nodes = !net_config.network_config.boot_nodes.is_empty();
	let executor = spawn_handle.clone();
	let backend = Net::new(Params {
		role: config.role,
		executor: Box::new(move |task| executor.spawn("libp2p-node", Some("networking"), task)),
		network_config: net_config,
		genesis_hash,
		protocol_id,
		fork_id: fork_id.map(str::to_owned),
		metrics_registry: registry.cloned(),
		block_announce_config,
		ipfs_config: None,
		notification_metrics: metrics,
	})?;
	let network = backend.network_service();
	if gate.is_closed() {
		log::info!(
			target: "peer-gate",
			"closed node: block, state, warp-sync and light-client requests are answered to reserved peers only"
		);
	}
	gate.start(network.clone(), &spawn_handle);

	let (transactions, transactions_controller) = transactions.build(
		network.clone(),
		sync_service.clone(),
		Arc::new(TransactionPoolAdapter::new(transaction_pool, client.clone())),
		registry,
	)?;
	spawn_handle.spawn_blocking("network-transactions-handler", Some("networking"), transactions.run());
	spawn_handle.spawn_blocking(
		"chain-sync-network-service-provider",
		Some("networking"),
		service_provider.run(Arc::new(network.clone())),
	);
	let import_sync = sync_service.clone();
	spawn_handle.spawn("import-queue", None, async move { import_queue.run(import_sync.as_ref()).await });

	let (system_rpc_tx, system_rpc_rx) = tracing_unbounded("mpsc_system_rpc", 10_000);
	spawn_handle.spawn(
		"system-rpc-handler",
		Some("networking"),
		sc_service::build_system_rpc_future::<_, _, Hash>(
			config.role,
			network.clone(),
			sync_service.clone(),
			client.clone(),
			system_rpc_rx,
			has_boot_nodes,
		),
	);
	// Essential, and on a blocking thread: the network worker can be busy for long stretches.
	spawn_essential_handle.spawn_blocking(
		"network-worker",
		Some("networking"),
		drive(backend, client, sync_service.clone(), config.announce_block),
	);
	Ok((network, system_rpc_tx, transactions_controller, sync_service))
}

/// Runs the network and tells the syncing engine what the client imported and finalized (announcing
/// imported blocks when `announce` is set); ends when either side stops.
async fn drive<Net: NetworkBackend<Block, Hash>>(
	backend: Net,
	client: Arc<FullClient>,
	sync: Arc<SyncingService<Block>>,
	announce: bool,
) {
	let mut imported = client.import_notification_stream().fuse();
	let mut finalized = client.finality_notification_stream().fuse();
	let network = backend.run().fuse();
	pin_mut!(network);
	loop {
		futures::select! {
			block = imported.next() => {
				let Some(block) = block else {
					log::warn!("the client's import stream ended: stopping the network");
					return;
				};
				if announce {
					sync.announce_block(block.hash, None);
				}
				if block.is_new_best {
					sync.new_best_block_imported(block.hash, *block.header.number());
				}
			},
			block = finalized.select_next_some() => sync.on_block_finalized(block.hash, block.header),
			_ = network => {
				log::warn!("the network worker ended: stopping the network");
				return;
			},
		}
	}
}
