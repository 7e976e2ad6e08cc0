//! Typed client for iprchain: connect to a node, sign and submit registry transactions, wait for
//! finality, read records through the `ipr_*` RPC. The `iprchain` command-line tool is built on it.
//!
//! Transactions are built with the runtime's own types (`RuntimeCall`, `TxExtension`), so a call that
//! does not exist or has the wrong arguments does not compile.

pub mod asset;
mod block_cache;
pub mod chain;
pub mod error;
pub mod evidence;
pub mod files;
pub mod finance;
pub mod governance;
pub mod insurance;
pub mod proof;
pub mod roles;
pub mod signer;
pub mod submit;
pub mod time;

pub use chain::{Client, Finalized};
pub use codec;
pub use error::ClientError;
pub use frame_system;
pub use iprchain_primitives as primitives;
pub use iprchain_runtime as runtime;
pub use jsonrpsee::rpc_params;
pub use pallet_data_ip;
pub use pallet_evidence;
pub use pallet_insurance;
pub use pallet_node_authorization;
pub use pallet_pledge;
pub use pallet_roles;
pub use pallet_sudo;
pub use pallet_validator_manager;
pub use pallet_valuation;
pub use signer::Signer;
pub use sp_core;
