//! Types shared by the iprchain runtime, node, client and offline proof verifier.
//!
//! Everything here is `no_std` and depends on no FRAME crate, so the court's proof verifier can use the
//! same definitions (and storage-key functions) as the runtime that wrote the records.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod assets;
pub mod evidence;
pub mod hashing;
pub mod merkle;
pub mod roles;
#[cfg(feature = "std")]
pub mod rpc;
pub mod storage_keys;
pub mod time;

pub use assets::{AssetLock, AssetRegistry, CurrentValuation, EnforceError, ValuationInspect};
pub use evidence::{
	BatchAnchor, Capture, EvidenceInspect, EvidenceKind, EvidenceRecord, EvidenceRef, Subject, MAX_TITLE_LEN,
	MAX_URL_LEN,
};
pub use hashing::{Digest, HashAlgo};
pub use roles::{
	HolderInfo, Role, RoleInspect, RoleSet, INVALID_TX_DAILY_BUDGET, INVALID_TX_HOLDER_BUDGET,
	INVALID_TX_NO_ROLE, TX_NONCE_TOO_FAR_AHEAD,
};

/// Parses a 32-byte digest written as 64 hex digits, with or without a `0x` prefix.
pub fn parse_digest_hex(text: &str) -> Result<Digest, &'static str> {
	let hex = text.strip_prefix("0x").unwrap_or(text);
	if hex.len() != 64 {
		return Err("a digest is 64 hex digits (32 bytes)");
	}
	let mut out = [0u8; 32];
	for (i, chunk) in hex.as_bytes().chunks(2).enumerate() {
		let high = (chunk[0] as char).to_digit(16).ok_or("not a hex digit")?;
		let low = (chunk[1] as char).to_digit(16).ok_or("not a hex digit")?;
		out[i] = (high * 16 + low) as u8;
	}
	Ok(out)
}

#[cfg(test)]
mod tests {
	#[test]
	fn parse_digest_hex_accepts_prefix_and_rejects_bad_input() {
		let hex = "ab".repeat(32);
		assert_eq!(super::parse_digest_hex(&hex), Ok([0xab; 32]));
		assert_eq!(super::parse_digest_hex(&format!("0x{hex}")), Ok([0xab; 32]));
		assert!(super::parse_digest_hex("abcd").is_err());
		assert!(super::parse_digest_hex(&"zz".repeat(32)).is_err());
	}
}
