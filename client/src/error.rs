//! Errors a client call can end with, each worded for the person at the terminal.

use iprchain_primitives::{
	INVALID_TX_DAILY_BUDGET, INVALID_TX_HOLDER_BUDGET, INVALID_TX_NO_ROLE, TX_NONCE_TOO_FAR_AHEAD,
};

/// Why a client call failed.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
	/// The node could not be reached at all.
	#[error("cannot reach the node at {url}: {reason}")]
	Unreachable {
		/// The URL tried.
		url: String,
		/// What the transport said.
		reason: String,
	},
	/// The node answered an RPC call with an error.
	#[error("the node refused `{method}`: {message}")]
	Rpc {
		/// RPC method.
		method: String,
		/// The node's message.
		message: String,
	},
	/// The transaction pool refused the transaction before it reached a block.
	#[error("transaction rejected by the node: {0}")]
	Rejected(String),
	/// The transaction was included in a block but its call failed; nothing changed on chain.
	#[error("transaction failed on chain: {0}")]
	DispatchFailed(String),
	/// The transaction did not reach a finalized block in time.
	#[error("transaction not finalized within {0} s (it may still be finalized later)")]
	FinalityTimeout(u64),
	/// The transaction left the pool without being finalized (dropped, invalid, usurped).
	#[error("transaction {0} before it was finalized")]
	Dropped(String),
	/// Bad input from the user (a malformed digest, a missing file, …).
	#[error("{0}")]
	Input(String),
	/// Reading or writing a local file failed.
	#[error("{path}: {source}")]
	Io {
		/// The file.
		path: String,
		/// The OS error.
		source: std::io::Error,
	},
	/// The node sent something this client cannot decode (wrong chain or runtime version).
	#[error("unexpected answer from the node: {0}")]
	Decode(String),
	/// The node's runtime takes transactions of another version than the one this client was built
	/// for: its calls may have other indices or arguments, so signing could authorize a different call.
	#[error(
		"the node's runtime takes transactions of version {node}, this client builds version {client}: \
		 use an iprchain client built for the node's runtime (nothing was signed)"
	)]
	RuntimeMismatch {
		/// `transaction_version` of the node's runtime.
		node: u32,
		/// `transaction_version` of the runtime this client was compiled against.
		client: u32,
	},
}

impl ClientError {
	/// Turns a pool rejection's `data` (e.g. `Custom error: 101`) into a sentence.
	pub fn from_pool_rejection(message: &str, data: Option<&str>) -> Self {
		let data = data.unwrap_or_default().trim_matches('"');
		// `Custom error: N` for an invalid transaction, `Custom(N)` for one of unknown validity.
		let code = data
			.strip_prefix("Custom error: ")
			.or_else(|| data.strip_prefix("Custom(").and_then(|rest| rest.strip_suffix(')')))
			.and_then(|code| code.parse::<u8>().ok());
		let reason = match code {
			Some(INVALID_TX_NO_ROLE) => "the signing account holds no role on this chain".to_string(),
			Some(TX_NONCE_TOO_FAR_AHEAD) => "the nonce is too far ahead of the account's current \
				nonce: the account has as many transactions queued as it may; send it again once earlier \
				ones are included"
				.to_string(),
			Some(INVALID_TX_DAILY_BUDGET) => "the signing account has used its daily transaction budget \
				(counting the transactions it has queued): the budget renews at the next day boundary; the \
				council sets it"
				.to_string(),
			Some(INVALID_TX_HOLDER_BUDGET) => "the workstation has registered as many holders today as the \
				daily budget allows: the budget renews at the next day boundary; the council sets it"
				.to_string(),
			Some(code) => format!("custom validity error {code}"),
			// The node's guard (node/src/pool.rs): its check reached no verdict it could stand behind.
			None if data == "CannotLookup" => "the node could not check the transaction against the \
				chain it follows (a reorganization was under way); nothing was queued: send it again"
				.to_string(),
			None if data.is_empty() => message.to_string(),
			None => format!("{message}: {data}"),
		};
		ClientError::Rejected(reason)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn pool_rejections_are_worded() {
		let no_role = ClientError::from_pool_rejection("Invalid Transaction", Some("\"Custom error: 101\""));
		assert!(no_role.to_string().contains("holds no role"), "{no_role}");
		let stale = ClientError::from_pool_rejection("Invalid Transaction", Some("Transaction is outdated"));
		assert!(stale.to_string().contains("outdated"), "{stale}");
		let other = ClientError::from_pool_rejection("Invalid Transaction", Some("Custom error: 7"));
		assert!(other.to_string().contains("custom validity error 7"), "{other}");
		let unsure = ClientError::from_pool_rejection("Unknown Transaction Validity", Some("CannotLookup"));
		assert!(unsure.to_string().contains("could not check the transaction"), "{unsure}");
		let ahead = ClientError::from_pool_rejection("Unknown Transaction Validity", Some("Custom(102)"));
		assert!(ahead.to_string().contains("too far ahead"), "{ahead}");
		let budget = ClientError::from_pool_rejection("Invalid Transaction", Some("\"Custom error: 103\""));
		assert!(budget.to_string().contains("daily transaction budget"), "{budget}");
		let holders = ClientError::from_pool_rejection("Invalid Transaction", Some("Custom error: 104"));
		assert!(holders.to_string().contains("as many holders today"), "{holders}");
	}
}
