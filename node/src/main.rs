//! `iprchain-node`: a validator or full node of the iprchain IP registry.
#![warn(missing_docs)]
// `sc_cli::Error` is large and is Substrate's type, returned by every runner closure; boxing it here
// would only add noise around the API the CLI is built on.
#![allow(clippy::result_large_err)]

mod chain_spec;
mod cli;
mod command;
mod defaults;
mod gateway;
mod gossip_pool;
mod network;
mod peer_gate;
mod pool;
mod rpc;
mod service;
mod wuhan_spec;

fn main() -> sc_cli::Result<()> {
	command::run()
}
