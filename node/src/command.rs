//! Runs the subcommand or the node.

use crate::{
	chain_spec,
	cli::{Cli, Subcommand},
	defaults, gateway, service,
};
use iprchain_runtime::opaque::Block;
use sc_cli::SubstrateCli;
use sc_service::PartialComponents;

impl SubstrateCli for Cli {
	fn impl_name() -> String {
		"iprchain node".into()
	}

	fn impl_version() -> String {
		env!("SUBSTRATE_CLI_IMPL_VERSION").into()
	}

	fn description() -> String {
		env!("CARGO_PKG_DESCRIPTION").into()
	}

	fn author() -> String {
		env!("CARGO_PKG_AUTHORS").into()
	}

	fn support_url() -> String {
		"the iprchain issue tracker".into()
	}

	fn copyright_start_year() -> i32 {
		2026
	}

	fn load_spec(&self, id: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
		Ok(match id {
			"dev" => Box::new(chain_spec::development_chain_spec()?),
			"" | "local" | "wuhan-local" => Box::new(chain_spec::local_chain_spec()?),
			path => Box::new(chain_spec::ChainSpec::from_json_file(std::path::PathBuf::from(path))?),
		})
	}
}

/// Parses the command line and runs it.
pub fn run() -> sc_cli::Result<()> {
	let mut cli = Cli::from_args();
	let args: Vec<String> = std::env::args().collect();
	defaults::apply(&mut cli.run, &args)?;
	gateway::apply(&cli.gateway, &mut cli.run, &args)?;

	match &cli.subcommand {
		Some(Subcommand::Key(cmd)) => cmd.run(&cli),
		Some(Subcommand::BuildSpec(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run(config.chain_spec, config.network))
		}
		Some(Subcommand::WuhanSpec(cmd)) => cmd.run(),
		Some(Subcommand::ExportChainSpec(cmd)) => {
			let chain_spec = cli.load_spec(&cmd.chain)?;
			cmd.run(chain_spec)
		}
		Some(Subcommand::CheckBlock(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, import_queue, .. } =
					service::new_partial(&config, Default::default())?;
				Ok((cmd.run(client, import_queue), task_manager))
			})
		}
		Some(Subcommand::ExportBlocks(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, .. } =
					service::new_partial(&config, Default::default())?;
				Ok((cmd.run(client, config.database), task_manager))
			})
		}
		Some(Subcommand::ExportState(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, .. } =
					service::new_partial(&config, Default::default())?;
				Ok((cmd.run(client, config.chain_spec), task_manager))
			})
		}
		Some(Subcommand::ImportBlocks(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, import_queue, .. } =
					service::new_partial(&config, Default::default())?;
				Ok((cmd.run(client, import_queue), task_manager))
			})
		}
		Some(Subcommand::PurgeChain(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run(config.database))
		}
		Some(Subcommand::Revert(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, backend, .. } =
					service::new_partial(&config, Default::default())?;
				let aux_revert = Box::new(|client, _, blocks| {
					sc_consensus_grandpa::revert(client, blocks)?;
					Ok(())
				});
				Ok((cmd.run(client, backend, Some(aux_revert)), task_manager))
			})
		}
		Some(Subcommand::ChainInfo(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run::<Block>(&config))
		}
		None => {
			let runner = cli.create_runner(&cli.run)?;
			let pool = pool_options(&cli.run.pool_config, cli.run.shared_params.is_dev(), &args)?;
			let light_client_slots =
				cli.gateway.light_client_gateway.then_some(cli.run.network_params.in_peers_light);
			runner.run_node_until_exit(|mut config| async move {
				// What sc-service reads of it (which block notifications maintain the pool) must
				// match the single-state pool `service` builds.
				config.transaction_pool = sc_transaction_pool::TransactionPoolOptions::default();
				let network = &mut config.network;
				// The key the network layer will load (a random `Secret::New` key matches no boot node).
				let local = network.node_key.clone().into_keypair().ok().map(|key| key.public().to_peer_id());
				defaults::close_network(
					config.chain_spec.chain_type(),
					&network.boot_nodes,
					local,
					&mut network.default_peers_set,
				);
				if let Some(slots) = light_client_slots {
					gateway::open_to_light_clients(network, slots);
				}
				match config.network.network_backend {
					sc_network::config::NetworkBackendType::Libp2p => service::new_full::<
						sc_network::NetworkWorker<Block, <Block as sp_runtime::traits::Block>::Hash>,
					>(config, pool)
					.map_err(sc_cli::Error::Service),
					sc_network::config::NetworkBackendType::Litep2p => {
						service::new_full::<sc_network::Litep2pNetworkBackend>(config, pool)
							.map_err(sc_cli::Error::Service)
					}
				}
			})
		}
	}
}

/// The transaction pool: Substrate's single-state pool (validating through `pool::GuardedChainApi`),
/// with the limits of [`crate::pool::options`]. `--pool-type single-state` is accepted; naming the
/// fork-aware pool, Substrate's default, is refused.
///
/// Why not the fork-aware pool (issue 14, docs/performance.md)? Under a burst of
/// pre-signed transactions it forgets transactions it accepted. Transactions arriving ahead of their
/// predecessor wait as "future" in the current block's view; the next block's view is a clone of it, and
/// clones do not report their future transactions to the pool's drop monitor, so when the old view is
/// discarded (at finality, one block later) the monitor believes no view holds them and removes them,
/// and every later nonce of the account with them, from the whole pool (`LimitsEnforced`), without a
/// word to a sender that did not watch. 3,000 deposits fired at one debug validator lost 922–2,063
/// that way. The single-state pool keeps a future transaction until its predecessor arrives, and on a
/// reorganization re-submits the retracted blocks' transactions.
fn pool_options(
	params: &sc_cli::TransactionPoolParams,
	is_dev: bool,
	args: &[String],
) -> sc_cli::Result<sc_transaction_pool::Options> {
	if defaults::named(args, "--pool-type")
		&& !matches!(params.pool_type, sc_cli::TransactionPoolType::SingleState)
	{
		return Err(sc_cli::Error::Input(
			"--pool-type: iprchain-node runs only the single-state pool; the fork-aware pool loses \
			 queued transactions under bursts (docs/performance.md, \"Bursts\")"
				.into(),
		));
	}
	Ok(crate::pool::options(params, is_dev))
}
