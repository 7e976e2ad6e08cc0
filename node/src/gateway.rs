//! The light-client gateway (issue 16, docs/light-clients.md): an authorized full node that serves
//! light clients — a court's smoldot, the portal's — from anywhere, while the validators stay closed.
//!
//! A light client cannot be authorized the way a node is: it has a fresh peer id every start and owns
//! no account. So the network keeps two rings. Validators, bank and court full nodes accept only the
//! peers the node-authorization pallet lists. A gateway is one of those listed nodes (the council adds
//! its key as a well-known node) and, with `--light-client-gateway`, it also accepts inbound *light*
//! peers; inbound full nodes it still refuses, so an outsider's full node gets no more from a gateway
//! than from a validator. What a light client reads is what anyone may read on the public notice: block
//! headers, finality proofs and storage proofs of public records; what it sends (transactions) is
//! checked by the runtime like any other.
//!
//! Authorization closes the notification protocols (block announces, GRANDPA, transactions); the
//! request-response protocols (warp sync, blocks, state, storage proofs), which Substrate answers on any
//! connection, are closed by the peer gate (peer_gate.rs) on every node whose peers are reserved-only.
//! A gateway's are not (it accepts non-reserved light peers), so it is the one node whose requests the
//! public gets answered; the closed ring's libp2p ports stay firewalled to the consortium as defence in
//! depth.

use sc_cli::{OffchainWorkerEnabled, RunCmd};
use sc_network::config::{NetworkConfiguration, NonReservedPeerMode};

use crate::defaults::named;

/// `--light-client-gateway`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct GatewayParams {
	/// Serve light clients (smoldot) from any address, up to `--in-peers-light` of them, while blocks are
	/// exchanged with full nodes only among the reserved peers (the boot nodes). The node must be an
	/// authorized, non-validator full node; it does not run the node-authorization offchain worker,
	/// which would close it to light clients. See docs/light-clients.md.
	#[arg(long)]
	pub light_client_gateway: bool,
}

/// Refuses a gateway that would weaken what it serves, and turns the authorization worker off for it.
///
/// - A validator is refused: its keys would sit on the one node that anyone can reach.
/// - `--offchain-worker always` or `when-authority` is refused: the node-authorization worker makes the
///   network reserved-only, which shuts light clients out again (the gateway would look up and serve
///   nobody). Without it the gateway keeps the boot nodes it started with as its reserved peers.
pub fn apply(params: &GatewayParams, run: &mut RunCmd, args: &[String]) -> sc_cli::Result<()> {
	if !params.light_client_gateway {
		return Ok(());
	}
	if run.validator || run.get_keyring().is_some() || run.shared_params.dev {
		return Err(refused(
			"a validator (--validator, --dev or a development key) cannot be one: run the gateway as \
			 its own full node, authorized by the council like a bank's",
		));
	}
	if named(args, "--offchain-worker")
		&& !matches!(run.offchain_worker_params.enabled, OffchainWorkerEnabled::Never)
	{
		return Err(refused(
			"the node-authorization offchain worker would make it reserved-only and shut light clients \
			 out: drop --offchain-worker (a gateway runs it never)",
		));
	}
	run.offchain_worker_params.enabled = OffchainWorkerEnabled::Never;
	Ok(())
}

/// Opens `network` to up to `light_slots` inbound light clients and to no other peer it does not
/// reserve: no inbound full node (`in_peers` of full nodes 0, so the sync engine refuses a full node's
/// handshake) and no outbound dial to a peer it found by discovery (`out_peers` 0). Reserved peers — the
/// validators it boots from — use no slot and are always served.
pub fn open_to_light_clients(network: &mut NetworkConfiguration, light_slots: u32) {
	let peers = &mut network.default_peers_set;
	peers.non_reserved_mode = NonReservedPeerMode::Accept;
	peers.in_peers = light_slots;
	peers.out_peers = 0;
	network.default_peers_set_num_full = 0;
}

fn refused(why: &str) -> sc_cli::Error {
	sc_cli::Error::Input(format!("--light-client-gateway: {why}"))
}

#[cfg(test)]
mod tests {
	use super::*;
	use sc_cli::clap::Parser;

	/// The node's own command line, for the test: the run options and the gateway flag.
	#[derive(Debug, clap::Parser)]
	struct Line {
		#[clap(flatten)]
		run: RunCmd,
		#[clap(flatten)]
		gateway: GatewayParams,
	}

	fn applied(line: &[&str]) -> sc_cli::Result<RunCmd> {
		let args: Vec<String> =
			std::iter::once("iprchain-node").chain(line.iter().copied()).map(String::from).collect();
		let mut parsed = Line::parse_from(&args);
		crate::defaults::apply(&mut parsed.run, &args)?;
		apply(&parsed.gateway, &mut parsed.run, &args)?;
		Ok(parsed.run)
	}

	#[test]
	fn a_gateway_runs_without_the_authorization_worker() {
		let run = applied(&["--light-client-gateway"]).unwrap();
		assert!(matches!(run.offchain_worker_params.enabled, OffchainWorkerEnabled::Never));
		let run = applied(&["--light-client-gateway", "--offchain-worker", "never"]).unwrap();
		assert!(matches!(run.offchain_worker_params.enabled, OffchainWorkerEnabled::Never));
		let run = applied(&[]).unwrap();
		assert!(matches!(run.offchain_worker_params.enabled, OffchainWorkerEnabled::Always), "not a gateway");
	}

	#[test]
	fn a_validator_or_a_closing_worker_cannot_be_a_gateway() {
		for line in [
			&["--light-client-gateway", "--validator"][..],
			&["--light-client-gateway", "--alice"],
			&["--light-client-gateway", "--dev"],
		] {
			let refused = applied(line).unwrap_err().to_string();
			assert!(refused.contains("a validator"), "{line:?}: {refused}");
		}
		for worker in ["always", "when-authority"] {
			let refused = applied(&["--light-client-gateway", "--offchain-worker", worker]).unwrap_err();
			assert!(refused.to_string().contains("shut light clients"), "{worker}: {refused}");
		}
	}

	#[test]
	fn a_gateway_takes_light_clients_and_no_other_unreserved_peer() {
		let mut network = NetworkConfiguration::new_local();
		network.default_peers_set.non_reserved_mode = NonReservedPeerMode::Deny;
		open_to_light_clients(&mut network, 64);
		let peers = &network.default_peers_set;
		assert!(matches!(peers.non_reserved_mode, NonReservedPeerMode::Accept));
		assert_eq!((peers.in_peers, peers.out_peers, network.default_peers_set_num_full), (64, 0, 0));
	}
}
