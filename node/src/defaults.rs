//! Where `iprchain-node`'s defaults differ from Substrate's, and why (issue 16): a node that an
//! operator starts the ordinary way fails closed. The open choice is still there for whoever names it.

use sc_cli::{OffchainWorkerEnabled, RpcMethods, RunCmd};
use sc_network::{
	config::{MultiaddrWithPeerId, NonReservedPeerMode, SetConfig},
	PeerId,
};
use sc_service::ChainType;

/// Whether the operator named `flag` (`--flag value` or `--flag=value`) among the raw `args`: clap fills
/// a default in silently, so only the command line tells a default from a choice.
pub fn named(args: &[String], flag: &str) -> bool {
	let with_value = format!("{flag}=");
	args.iter().any(|arg| arg == flag || arg.starts_with(&with_value))
}

/// Turns the safe choices on in `run`, given the raw command line `args`, or refuses a combination
/// that would expose a node.
///
/// - RPC: Substrate's `auto` serves the unsafe methods (`author_insertKey`, `author_rotateKeys`,
///   `system_addReservedPeer`, …) to anything that reaches localhost: any local user or process. Here
///   `auto` means `safe`; `--rpc-methods unsafe` must be asked for, and only on a loopback interface
///   (a validator's operator on its own machine). Unsafe methods on a public interface are refused at
///   start, with the flag to change.
/// - Offchain worker: Substrate runs it only on block authors, and it is what tells the network layer
///   to accept only the peers the node-authorization pallet lists. A bank's or a court's full node started
///   without `--offchain-worker always` would accept any peer; here it always runs unless
///   `--offchain-worker never` (or `when-authority`) is named.
pub fn apply(run: &mut RunCmd, args: &[String]) -> sc_cli::Result<()> {
	let rpc = &mut run.rpc_params;
	if rpc.rpc_methods == RpcMethods::Auto {
		rpc.rpc_methods = RpcMethods::Safe;
	}
	if rpc.rpc_methods == RpcMethods::Unsafe && (rpc.rpc_external || rpc.unsafe_rpc_external) {
		return Err(unsafe_beyond_loopback("--rpc-external / --unsafe-rpc-external"));
	}
	for endpoint in &mut rpc.experimental_rpc_endpoint {
		if endpoint.rpc_methods == RpcMethods::Auto {
			endpoint.rpc_methods = RpcMethods::Safe;
		}
		if endpoint.rpc_methods == RpcMethods::Unsafe && !endpoint.listen_addr.ip().is_loopback() {
			return Err(unsafe_beyond_loopback(&endpoint.listen_addr.to_string()));
		}
	}
	if !named(args, "--offchain-worker") {
		run.offchain_worker_params.enabled = OffchainWorkerEnabled::Always;
	}
	Ok(())
}

/// Peers, for every chain but a development one: only reserved peers, and at start the reserved peers
/// are the boot nodes (the chain spec's and `--bootnodes`: the validators).
///
/// Substrate starts a node open to any peer and the node-authorization offchain worker closes it at the
/// first block the node imports; until then (a fresh bank node, or any node restarting) an outsider
/// that dials it gets blocks, state and transactions. Started closed, the node syncs from its boot nodes
/// and the worker then replaces the reserved set with the peers the chain authorizes for it. A node
/// that finds itself among the boot nodes (`local`, a validator of the chain spec) leaves itself out.
pub fn close_network(
	chain_type: ChainType,
	boot_nodes: &[MultiaddrWithPeerId],
	local: Option<PeerId>,
	peers: &mut SetConfig,
) {
	if chain_type == ChainType::Development {
		return;
	}
	peers.non_reserved_mode = NonReservedPeerMode::Deny;
	for boot_node in boot_nodes {
		if Some(boot_node.peer_id) != local && !peers.reserved_nodes.contains(boot_node) {
			peers.reserved_nodes.push(boot_node.clone());
		}
	}
}

fn unsafe_beyond_loopback(interface: &str) -> sc_cli::Error {
	sc_cli::Error::Input(format!(
		"unsafe RPC methods are served on a loopback interface only, not on {interface}: drop \
		 `--rpc-methods unsafe` (public nodes serve the safe methods), or listen on 127.0.0.1 and reach \
		 it through a proxy that filters methods (docs/operator-guide.md)"
	))
}

#[cfg(test)]
mod tests {
	use super::*;
	use sc_cli::clap::Parser;

	fn applied(line: &[&str]) -> sc_cli::Result<RunCmd> {
		let args: Vec<String> =
			std::iter::once("iprchain-node").chain(line.iter().copied()).map(String::from).collect();
		let mut run = RunCmd::parse_from(&args);
		apply(&mut run, &args)?;
		Ok(run)
	}

	#[test]
	fn the_ordinary_start_serves_safe_rpc_and_runs_the_offchain_worker() {
		let run = applied(&[]).unwrap();
		assert_eq!(run.rpc_params.rpc_methods, RpcMethods::Safe);
		assert!(matches!(run.offchain_worker_params.enabled, OffchainWorkerEnabled::Always));
		let run = applied(&["--rpc-methods", "auto", "--rpc-external"]).unwrap();
		assert_eq!(run.rpc_params.rpc_methods, RpcMethods::Safe, "auto is safe, on any interface");
	}

	#[test]
	fn unsafe_rpc_is_served_when_asked_for_on_loopback_only() {
		let run = applied(&["--rpc-methods", "unsafe"]).unwrap();
		assert_eq!(run.rpc_params.rpc_methods, RpcMethods::Unsafe);
		for external in ["--rpc-external", "--unsafe-rpc-external"] {
			let refused = applied(&["--rpc-methods=unsafe", external]).unwrap_err().to_string();
			assert!(refused.contains("loopback interface only"), "{external}: {refused}");
		}
		let refused = applied(&["--experimental-rpc-endpoint", "listen-addr=0.0.0.0:9944,methods=unsafe"])
			.unwrap_err()
			.to_string();
		assert!(refused.contains("0.0.0.0:9944"), "{refused}");
		let run =
			applied(&["--experimental-rpc-endpoint", "listen-addr=127.0.0.1:9944,methods=unsafe"]).unwrap();
		assert_eq!(run.rpc_params.experimental_rpc_endpoint[0].rpc_methods, RpcMethods::Unsafe);
	}

	#[test]
	fn a_named_offchain_worker_choice_is_kept() {
		let run = applied(&["--offchain-worker", "never"]).unwrap();
		assert!(matches!(run.offchain_worker_params.enabled, OffchainWorkerEnabled::Never));
		let run = applied(&["--offchain-worker=when-authority"]).unwrap();
		assert!(matches!(run.offchain_worker_params.enabled, OffchainWorkerEnabled::WhenAuthority));
	}

	#[test]
	fn a_wuhan_node_starts_closed_with_its_boot_nodes_reserved() {
		let validator: MultiaddrWithPeerId =
			"/ip4/127.0.0.1/tcp/30333/p2p/12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp"
				.parse()
				.unwrap();
		let itself: MultiaddrWithPeerId =
			"/ip4/127.0.0.1/tcp/30334/p2p/12D3KooWHdiAxVd8uMQR1hGWXccidmfCwLqcMpGwR6QcTP6QRMuD"
				.parse()
				.unwrap();
		let boot_nodes = [validator.clone(), itself.clone(), validator.clone()];
		for chain_type in [ChainType::Local, ChainType::Live] {
			let mut peers = SetConfig::default();
			close_network(chain_type.clone(), &boot_nodes, Some(itself.peer_id), &mut peers);
			assert!(matches!(peers.non_reserved_mode, NonReservedPeerMode::Deny), "{chain_type:?}");
			assert_eq!(peers.reserved_nodes, vec![validator.clone()], "each other boot node once");
		}
		let mut peers = SetConfig::default();
		close_network(ChainType::Development, &boot_nodes, None, &mut peers);
		assert!(matches!(peers.non_reserved_mode, NonReservedPeerMode::Accept), "a dev chain stays open");
		assert!(peers.reserved_nodes.is_empty());
	}

	#[test]
	fn named_tells_a_flag_from_a_longer_one() {
		let args = ["--pool-type-x".to_string(), "--pool-limit=5".to_string()];
		assert!(!named(&args, "--pool-type"));
		assert!(named(&args, "--pool-limit"));
	}
}
